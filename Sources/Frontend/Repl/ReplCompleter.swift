import Foundation
import Interpreter
import LineEditor

/// Tab completion for the REPL: keywords and names, members of modules and attributes of
/// live objects (`torch.ze` → `torch.zeros`, `X.res` → `X.reshape`), magic names, and file
/// names after `%run`, `%load` and `%save`. Values are inspected without running user code.
struct ReplCompleter {
    let interp: Interpreter

    /// Python's keywords.
    static let keywords = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ]

    func complete(_ before: String) -> Completion {
        let trimmed = before.drop { $0 == " " }
        if trimmed.hasPrefix("%") {
            if !trimmed.contains(" ") {
                let prefix = String(trimmed)
                let names = ReplMagics.names.map { "%" + $0 }.filter { $0.hasPrefix(prefix) }
                return Completion(prefix: prefix, candidates: names.sorted())
            }
            let name = trimmed.dropFirst().prefix { $0 != " " }
            if ["run", "load", "save"].contains(String(name)) {
                return completePath(String(before.split(separator: " ", omittingEmptySubsequences: false).last ?? ""))
            }
        }
        let expr = Self.trailingExpression(before)
        guard let lastDot = expr.lastIndex(of: ".") else {
            guard !expr.isEmpty, !(expr.first?.isNumber ?? true) else { return Completion(prefix: expr, candidates: []) }
            var names = Set(Self.keywords)
            names.formUnion(interp.globalNames)
            names.formUnion(interp.builtins.keys)
            return Completion(prefix: expr, candidates: filter(names, prefix: expr))
        }
        let base = String(expr[..<lastDot])
        let prefix = String(expr[expr.index(after: lastDot)...])
        guard let value = interp.lookUp(dottedName: base) else { return Completion(prefix: prefix, candidates: []) }
        return Completion(prefix: prefix, candidates: filter(Set(interp.attributeNames(of: value)), prefix: prefix))
    }

    /// Names starting with `prefix`, sorted; private names only when asked for with `_`.
    private func filter(_ names: Set<String>, prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix("_") || !$0.hasPrefix("_")) }.sorted()
    }

    /// The dotted name that ends at the cursor (`torch.nn.Con` in `y = torch.nn.Con`).
    static func trailingExpression(_ before: String) -> String {
        var start = before.endIndex
        while start > before.startIndex {
            let c = before[before.index(before: start)]
            guard c.isLetter || c.isNumber || c == "_" || c == "." else { break }
            start = before.index(before: start)
        }
        return String(before[start...])
    }

    /// File names completing `partial` (a path typed after a file magic).
    func completePath(_ partial: String) -> Completion {
        let dir: String
        let namePrefix: String
        if let slash = partial.lastIndex(of: "/") {
            dir = String(partial[...slash])
            namePrefix = String(partial[partial.index(after: slash)...])
        } else {
            dir = ""
            namePrefix = partial
        }
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        var candidates: [String] = []
        for name in listed where name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !name.hasPrefix(".")) {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir + name, isDirectory: &isDir)
            candidates.append(dir + name + (isDir.boolValue ? "/" : ""))
        }
        return Completion(prefix: partial, candidates: candidates.sorted())
    }
}
