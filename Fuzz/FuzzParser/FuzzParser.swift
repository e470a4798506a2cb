// libFuzzer target: the lexer and parser. Any byte string goes in; the parser must either
// return a module or throw a diagnostic, and rendering that diagnostic must not crash.
import Language

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(name: "<fuzz>", text: text)
    do {
        let module = try Parser.parse(source)
        _ = module
    } catch {
        _ = error.rendered()
    }
    // Incomplete-input detection (the REPL's continuation prompt) sees the same text.
    _ = isIncompleteInput(text)
    return 0
}
