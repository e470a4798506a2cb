/// One line of input as the user submitted it.
public struct InputLine: Equatable, Sendable {
    /// The text without its final newline. A pasted block or a recalled multi-line history
    /// entry arrives whole, with embedded `"\n"`.
    public var text: String
    /// The user asked for a new line rather than running the cell (Esc-Enter).
    public var forceContinue: Bool

    public init(_ text: String, forceContinue: Bool = false) {
        self.text = text
        self.forceContinue = forceContinue
    }

    /// True when the line carries several lines at once (a paste or a recalled cell).
    public var isBlock: Bool { text.contains("\n") }
}

/// What one read produced.
public enum LineReadResult: Equatable, Sendable {
    case line(InputLine)
    /// Ctrl-C at the prompt: the partly typed input is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// The answer of a completion request.
public struct Completion: Equatable, Sendable {
    /// The word being completed: the characters just before the cursor that every candidate
    /// extends.
    public var prefix: String
    /// Full replacements for `prefix`, sorted; each starts with `prefix`.
    public var candidates: [String]

    public init(prefix: String, candidates: [String]) {
        self.prefix = prefix
        self.candidates = candidates
    }

    /// The longest text all candidates start with.
    public var commonPrefix: String {
        guard var common = candidates.first else { return prefix }
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        return common
    }
}

/// Computes completions for the text left of the cursor. It must not run user code.
public typealias Completer = (_ textBeforeCursor: String) -> Completion

/// A source of input lines: the libedit editor on a terminal, plain reads from a pipe, or a
/// script in tests.
public protocol LineReader: AnyObject {
    /// True for a person at a terminal: prompts are shown and history is kept.
    var isInteractive: Bool { get }
    /// Tab completion; ignored by readers without editing.
    var completer: Completer? { get set }
    /// Reads one line after showing `prompt` (which may hold SGR colour sequences).
    /// `indent` is pre-typed at the start of the line (auto-indent) and can be erased.
    func read(prompt: String, indent: String) -> LineReadResult
    /// Puts `text` into the next input buffer for editing (`%load`).
    func prefill(_ text: String)
    /// Records one finished cell in the history and persists it.
    func addHistory(_ entry: String)
    /// The history, oldest first (includes earlier sessions).
    var historyEntries: [String] { get }
}
