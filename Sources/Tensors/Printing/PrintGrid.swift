/// The elements a printer shows: per dimension, the indices kept (all of them, or the first and
/// last `edgeitems` when that dimension is summarized), laid out as a row-major grid.
///
/// Both PyTorch and numpy build their element formatter from exactly these elements, so the grid
/// is also the set of elements read through `PrintElements` (bounded by `(2·edgeitems)^rank`).
struct PrintGrid {
    /// Kept indices of each dimension, ascending.
    let kept: [[Int]]
    /// Whether each dimension is summarized (an ellipsis marker follows the leading items).
    let cut: [Bool]
    /// Row-major strides of the grid (not of the tensor).
    let strides: [Int]
    /// Number of grid cells.
    let count: Int
    /// Number of leading items before the marker in a summarized dimension.
    let edgeitems: Int

    /// Dimensions with more than `2·edgeitems` entries are cut when `summarize` is set.
    init(shape: [Int], summarize: Bool, edgeitems: Int) {
        let edge = max(0, edgeitems)
        var kept: [[Int]] = []
        var cut: [Bool] = []
        for size in shape {
            if summarize && size > 2 * edge {
                kept.append(Array(0..<edge) + Array((size - edge)..<size))
                cut.append(true)
            } else {
                kept.append(Array(0..<max(0, size)))
                cut.append(false)
            }
        }
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = running
            running *= kept[d].count
        }
        self.kept = kept
        self.cut = cut
        self.strides = strides
        self.count = running
        self.edgeitems = edge
    }

    /// Row-major flat indices (into the full tensor of `shape`) of every grid cell, in grid order.
    func flatIndices(shape: [Int]) -> [Int] {
        let rank = shape.count
        if count == 0 { return [] }
        var tensorStrides = [Int](repeating: 1, count: rank)
        var running = 1
        for d in stride(from: rank - 1, through: 0, by: -1) {
            tensorStrides[d] = running
            running = running &* shape[d]
        }
        var result: [Int] = []
        result.reserveCapacity(count)
        var position = [Int](repeating: 0, count: rank)
        for _ in 0..<count {
            var flat = 0
            for d in 0..<rank { flat += kept[d][position[d]] * tensorStrides[d] }
            result.append(flat)
            var d = rank - 1
            while d >= 0 {
                position[d] += 1
                if position[d] < kept[d].count { break }
                position[d] = 0
                d -= 1
            }
        }
        return result
    }
}
