// libFuzzer target: the .cnb parser and formatter. The format is lossless: for any text,
// `NotebookDocument.parse(text).format() == text`, and validating a document never crashes.
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCnb(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let document = NotebookDocument.parse(text)
    let formatted = document.format()
    if formatted != text {
        fatalError("round trip changed the text:\n--- input\n\(text)\n--- formatted\n\(formatted)")
    }
    _ = try? document.validated(path: "fuzz.cnb")
    return 0
}
