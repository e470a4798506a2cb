/// Reads lines from standard input without prompts, editing or history: the reader for
/// piped or redirected input, where runs must stay clean and deterministic.
public final class PlainReader: LineReader {
    private var pending: [String] = []
    private let next: () -> String?

    /// Reads from standard input.
    public convenience init() {
        self.init { Swift.readLine(strippingNewline: true) }
    }

    /// Reads from `next`, which returns one line (without its newline) or nil at the end.
    public init(next: @escaping () -> String?) {
        self.next = next
    }

    public var isInteractive: Bool { false }
    public var completer: Completer?

    public func read(prompt: String, indent: String) -> LineReadResult {
        if !pending.isEmpty { return .line(InputLine(pending.removeFirst())) }
        guard var line = next() else { return .endOfInput }
        if line.hasSuffix("\r") { line.removeLast() }
        return .line(InputLine(line))
    }

    /// Without an editor the prefilled text is submitted as the next input.
    public func prefill(_ text: String) { pending.append(text) }

    public func addHistory(_ entry: String) {}

    public var historyEntries: [String] { [] }
}
