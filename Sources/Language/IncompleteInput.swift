/// True when `text` is an incomplete cell a REPL should continue rather than run: an open bracket,
/// a block header without its block, an open triple-quoted string, a trailing backslash (all
/// reported by the parser as `.unexpectedEOF`), or an indented block not yet closed by an empty line.
///
/// `text` is the lines typed so far joined with `"\n"`; an empty last line (text ending in `"\n"`,
/// possibly followed by spaces) closes open blocks, as in IPython. Syntax errors make the input
/// complete (the REPL runs it and reports them), except inside a block still being typed.
public func isIncompleteInput(_ text: String) -> Bool {
    let source = SourceFile(name: "<input>", text: text)
    let lexed = Lexer.tokenize(source)
    do {
        _ = try Parser.parse(source, lexed: lexed)
    } catch {
        if error.kind == .unexpectedEOF { return true }
    }
    guard lexed.openBlockAtEnd else { return false }
    // The block stays open until the last line is blank.
    let bytes = source.bytes
    var k = bytes.count
    while k > 0 {
        let c = bytes[k - 1]
        if c == 0x0A { return false }
        if c != 0x20 && c != 0x09 && c != 0x0D && c != 0x0C { return true }
        k -= 1
    }
    return true
}
