import Foundation
import Testing
@testable import Language

/// Parses `text` and returns the S-expression dump, or the rendered diagnostic on failure.
func parsed(_ text: String, name: String = "Cell In[1]") -> String {
    do {
        return try Parser.parse(SourceFile(name: name, text: text)).dumped
    } catch {
        return error.rendered()
    }
}

/// The diagnostic `text` produces, or nil when it parses.
func diagnostic(_ text: String, name: String = "Cell In[1]") -> Diagnostic? {
    do {
        _ = try Parser.parse(SourceFile(name: name, text: text))
        return nil
    } catch {
        return error
    }
}

/// Token kinds and texts, `kind:text` (layout tokens print only their kind).
func lexed(_ text: String) -> String {
    let source = SourceFile(name: "t", text: text)
    let result = Lexer.tokenize(source)
    var parts: [String] = []
    for token in result.tokens {
        if token.kind.isLayout || token.kind == .error {
            parts.append("\(token.kind)")
        } else {
            parts.append("\(token.kind):\(source.text(of: token.span))")
        }
    }
    if let error = result.error { parts.append("!" + error.message) }
    return parts.joined(separator: " ")
}

/// The folder holding `Fixtures`, found by walking up from this file.
func fixturesDirectory(_ file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    while !parts.isEmpty {
        parts.removeLast()
        let candidate = parts.joined(separator: "/") + "/Fixtures"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
            return candidate
        }
    }
    return "Fixtures"
}
