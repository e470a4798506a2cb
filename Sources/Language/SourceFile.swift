/// A named piece of source text (a cell, a file, a REPL input) with a line table,
/// so spans can be turned into line and column numbers and excerpts.
public final class SourceFile: Sendable {
    /// How the source is named in tracebacks: `Cell In[3]`, `nb.cnb`, `<stdin>`.
    public let name: String
    public let text: String
    /// UTF-8 bytes of `text`.
    public let bytes: [UInt8]
    /// Byte offset where each line starts (line 1 at index 0).
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line containing byte `offset`.
    public func line(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The text of 1-based line `n`, without its newline ("" when out of range).
    public func lineText(_ n: Int) -> String {
        guard n >= 1, n <= lineStarts.count else { return "" }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// 0-based column of byte `offset` in its line, counted in Unicode scalars.
    public func column(of offset: Int) -> Int {
        let ln = line(of: offset)
        let start = lineStarts[ln - 1]
        let end = min(max(offset, start), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.count
    }

    /// The source text covered by `span`.
    public func text(of span: Span) -> String {
        let s = min(max(0, span.start), bytes.count)
        let e = min(max(s, span.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
