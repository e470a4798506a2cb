/// Element access for printing: row-major flat index (over the logical shape) -> value.
///
/// The printers call these closures only for the elements they show (at most a few thousand,
/// whatever the tensor's size), so a caller may wrap strided storage without copying it.
public enum PrintElements {
    /// Floating values; float32 values must be converted exactly to `Double`.
    case floating((Int) -> Double)
    /// Integer values of any integer dtype, widened to `Int64`.
    case integer((Int) -> Int64)
    /// Boolean values.
    case boolean((Int) -> Bool)
}
