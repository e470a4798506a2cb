/// PyTorch's print options (`torch.set_printoptions`), the subset that affects tensor reprs.
public struct TorchPrintOptions: Sendable, Equatable {
    /// Digits after the point in fixed and scientific mode.
    public var precision: Int
    /// Tensors with more elements than this are summarized.
    public var threshold: Int
    /// Items shown at each end of a summarized dimension.
    public var edgeitems: Int
    /// Characters per line, used for chunking 1-D runs and wrapping suffixes.
    public var linewidth: Int
    /// `nil` chooses scientific notation automatically; `true`/`false` forces it.
    public var sciMode: Bool?

    /// Memberwise initializer; every value defaults to PyTorch's default.
    public init(precision: Int = 4, threshold: Int = 1000, edgeitems: Int = 3, linewidth: Int = 80,
                sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeitems = edgeitems
        self.linewidth = linewidth
        self.sciMode = sciMode
    }

    /// precision 4, threshold 1000, edgeitems 3, linewidth 80, automatic sci mode.
    public static let `default` = TorchPrintOptions()
    /// The `'short'` profile: precision 2, edgeitems 2.
    public static let short = TorchPrintOptions(precision: 2, edgeitems: 2)
    /// The `'full'` profile: never summarize.
    public static let full = TorchPrintOptions(threshold: Int.max)

    /// The options of a `torch.set_printoptions(profile=name)` profile, or nil for an unknown name.
    public static func profile(named name: String) -> TorchPrintOptions? {
        switch name {
        case "default": .default
        case "short": .short
        case "full": .full
        default: nil
        }
    }
}
