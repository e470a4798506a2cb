/// A mistake in a notebook file (or an `.ipynb` being imported), with where it is.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path as the user gave it, when known.
    public var path: String?
    /// 1-based line in the file, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Makes an error.
    public init(path: String? = nil, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, leaving out what is unknown.
    public var description: String {
        var prefix = ""
        if let path { prefix += path + ":" }
        if let line { prefix += "\(line):" }
        return prefix.isEmpty ? message : prefix + " " + message
    }

    /// The same error naming `path`.
    public func at(path: String) -> NotebookError {
        var copy = self
        copy.path = path
        return copy
    }
}
