// libFuzzer target: the .ipynb importer. Any text either converts or throws a NotebookError
// (naming the file and line); a converted document formats to .cnb text that parses back
// to the same text.
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIpynb(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let document = try IpynbImporter.convert(text, path: "fuzz.ipynb")
        let cnb = document.format()
        let again = NotebookDocument.parse(cnb).format()
        if again != cnb {
            fatalError("converted notebook does not round-trip:\n\(cnb)\n---\n\(again)")
        }
    } catch {
        _ = error.description
    }
    return 0
}
