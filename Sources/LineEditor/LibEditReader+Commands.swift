import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LibEditReader {
    /// Tab: indents when only whitespace is left of the cursor; otherwise completes the word
    /// to the candidates' common prefix, and lists the candidates when there is nothing more
    /// to add.
    func complete() -> UInt8 {
        let (before, _) = textBeforeCursor()
        if before.allSatisfy({ $0 == " " || $0 == "\t" }) {
            let width = before.count % indentUnit.count
            insert(String(indentUnit.dropFirst(width)))
            return UInt8(CC_REFRESH)
        }
        guard let completer else { return UInt8(CC_REFRESH_BEEP) }
        let result = completer(before)
        let candidates = result.candidates.filter { $0.hasPrefix(result.prefix) }
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = Completion(prefix: result.prefix, candidates: candidates).commonPrefix
        if common.count > result.prefix.count {
            insert(String(common.dropFirst(result.prefix.count)))
            return UInt8(CC_REFRESH)
        }
        if candidates.count == 1 { return UInt8(CC_REFRESH) }
        printAboveLine(Self.columns(candidates, width: Int(cnb_el_columns(el))))
        return UInt8(CC_REDISPLAY)
    }

    /// Lays `words` out in columns, filled top to bottom, like `ls`.
    static func columns(_ words: [String], width: Int) -> String {
        let shown = words.count > 300 ? Array(words.prefix(300)) : words
        let cell = (shown.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(cell, 1))
        let rows = (shown.count + perRow - 1) / perRow
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<perRow {
                let i = c * rows + r
                guard i < shown.count else { break }
                let w = shown[i]
                let last = c == perRow - 1 || (c + 1) * rows + r >= shown.count
                line += last ? w : w + String(repeating: " ", count: cell - w.count)
            }
            out += line + "\n"
        }
        if shown.count < words.count { out += "… \(words.count - shown.count) more\n" }
        return out
    }

    /// The body of a bracketed paste (`ESC[200~` … `ESC[201~`), inserted in one piece so
    /// auto-indent cannot compound on its lines. Carriage returns become newlines and
    /// trailing newlines are dropped; when only an auto-indent is left of the cursor, a
    /// multi-line paste replaces it.
    func paste() -> UInt8 {
        let end: [wchar_t] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var buffer: [wchar_t] = []
        var c: wchar_t = 0
        while el_wgetc(el, &c) == 1 {
            buffer.append(c)
            if buffer.count >= end.count && buffer.suffix(end.count).elementsEqual(end) {
                buffer.removeLast(end.count)
                break
            }
        }
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for w in buffer {
            let u = Unicode.Scalar(UInt32(bitPattern: w)) ?? "\u{FFFD}"
            if u == "\r" {
                scalars.append("\n")
                previousCR = true
                continue
            }
            if u == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            scalars.append(u)
        }
        var text = String(scalars)
        while text.hasSuffix("\n") { text.removeLast() }
        if let pasteFilter { text = pasteFilter(text) }
        let (before, count) = textBeforeCursor()
        if text.contains("\n"), count > 0, before.allSatisfy({ $0 == " " || $0 == "\t" }) {
            el_deletestr(el, Int32(count))
        }
        insert(text)
        return UInt8(CC_REDISPLAY)
    }
}
