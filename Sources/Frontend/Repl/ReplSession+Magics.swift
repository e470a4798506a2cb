import Foundation
import Interpreter
import Notebook

/// The magic commands: a line-level pre-processor that runs before the parser sees a cell.
enum ReplMagics {
    /// One-line descriptions, for `%lsmagic` and `%name?`.
    static let help: [(String, String)] = [
        ("autoindent", "Toggle auto-indentation after `:`."),
        ("cd", "%cd DIR: change the working directory."),
        ("hist", "Alias for %history."),
        ("history", "%history [-n] [-l N] [-g PATTERN] [RANGES]: print input history (ranges like 4-6)."),
        ("load", "%load FILE: put the file's text into the next input for editing."),
        ("lsmagic", "List the available magics."),
        ("pwd", "Return the current working directory."),
        ("reset", "%reset [-f]: delete all variables (-f: without asking)."),
        ("run", "%run FILE: run a .cnb notebook's code cells (or a source file) in this session."),
        ("save", "%save [-f] FILE [RANGES]: save the session's cells as a .cnb notebook."),
        ("time", "%time STMT / %%time: time one run (CPU and wall time)."),
        ("timeit", "%timeit [-n N] [-r R] [-q] STMT / %%timeit [SETUP]: time many loops of a statement."),
        ("who", "%who [TYPE]: list the variables."),
        ("whos", "%whos: table of the variables with type and value (tensor shape and dtype)."),
    ]

    static var names: [String] { help.map(\.0) }
    static let cellMagics = ["time", "timeit"]
}

extension ReplSession {
    func usageError(_ message: String) {
        failed = true
        err("UsageError: \(message)\n")
    }

    /// Dispatches one magic.
    func runMagic(_ magic: MagicCommand, number n: Int) {
        if magic.body != nil {
            switch magic.name {
            case "time": timeMagic(magic.body ?? "", number: n)
            case "timeit": timeitMagic(magic)
            default: usageError("Cell magic `%%\(magic.name)` not found.")
            }
            return
        }
        let args = magic.arguments
        switch magic.name {
        case "time": timeMagic(args, number: n)
        case "timeit": timeitMagic(magic)
        case "who": who(args)
        case "whos": whos()
        case "reset": reset(args)
        case "history", "hist": history(args)
        case "save": save(args)
        case "load": load(args)
        case "run": runFile(args)
        case "pwd": display(.str(FileManager.default.currentDirectoryPath), number: n)
        case "cd": changeDirectory(args)
        case "autoindent":
            autoindent.toggle()
            out("Automatic indentation is: \(autoindent ? "ON" : "OFF")\n")
        case "lsmagic", "magic", "quickref":
            out(lsmagic())
        default:
            usageError("Line magic function `%\(magic.name)` not found.")
        }
    }

    func lsmagic() -> String {
        var text = "Available line magics:\n"
        text += ReplMagics.names.map { "%" + $0 }.joined(separator: "  ") + "\n\n"
        text += "Available cell magics:\n"
        text += ReplMagics.cellMagics.map { "%%" + $0 }.joined(separator: "  ") + "\n\n"
        for (name, line) in ReplMagics.help { text += "%\(name): \(line)\n" }
        text += "\nobj? or ?obj shows help on an object; help(obj) too. Ctrl-D exits.\n"
        return text
    }

    // MARK: - Help

    /// `obj?` / `?obj`: signature, docstring and type, looked up without running code.
    func showHelp(_ query: String) {
        if query.hasPrefix("%") {
            let name = String(query.drop { $0 == "%" })
            if let line = ReplMagics.help.first(where: { $0.0 == name })?.1 {
                out("%\(name): \(line)\n")
            } else {
                usageError("Line magic function `%\(name)` not found.")
            }
            return
        }
        guard let value = interp.lookUp(dottedName: query) else {
            out("Object `\(query)` not found.\n")
            return
        }
        do {
            out(try evaluate { try interp.helpText(value) } + "\n")
        } catch {
            report(interp.pythonError(error))
        }
    }

    // MARK: - Namespace

    /// User variables in name order: no bookkeeping, no `_` names.
    func userVariables() -> [(String, Value)] {
        interp.globalNames.filter { !Self.isHidden($0) }.sorted().compactMap { name in
            interp.global(name).map { (name, $0) }
        }
    }

    /// `%who [TYPE…]`: names separated by tabs, nine per line.
    func who(_ args: String) {
        let types = Set(args.split(separator: " ").map(String.init))
        let names = userVariables().filter { types.isEmpty || types.contains(interp.typeName($0.1)) }.map(\.0)
        guard !names.isEmpty else {
            out(types.isEmpty ? "Interactive namespace is empty.\n" : "No variables match your requested type.\n")
            return
        }
        var text = ""
        for (i, name) in names.enumerated() {
            text += name + "\t "
            if (i + 1) % 9 == 0 { text += "\n" }
        }
        out(text + "\n")
    }

    /// `%whos`: Variable / Type / Data/Info table; tensors show shape, size, dtype, bytes.
    func whos() {
        let vars = userVariables()
        guard !vars.isEmpty else {
            out("Interactive namespace is empty.\n")
            return
        }
        let types = vars.map { interp.typeName($0.1) }
        let varWidth = max(vars.map(\.0.count).max() ?? 0, "Variable".count) + 3
        let typeWidth = max(types.map(\.count).max() ?? 0, "Type".count) + 3
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var text = pad("Variable", varWidth) + pad("Type", typeWidth) + " Data/Info\n"
        text += String(repeating: "-", count: varWidth + typeWidth + "Data/Info".count + 1) + "\n"
        for ((name, value), type) in zip(vars, types) {
            text += pad(name, varWidth) + pad(type, typeWidth) + " " + dataInfo(value, type: type) + "\n"
        }
        out(text)
    }

    /// The Data/Info column of `%whos`.
    func dataInfo(_ value: Value, type: String) -> String {
        if let t = interp.tensorSummary(value) {
            let shape = t.shape.map(String.init).joined(separator: "x")
            var info = "\(shape): \(t.count) elems, type `\(t.dtype)`, \(t.bytes) bytes"
            if t.bytes >= 100_000 {
                info += t.bytes < 1_048_576 ? " (\(Double(t.bytes) / 1024) kb)" : " (\(Double(t.bytes) / 1_048_576) Mb)"
            }
            return info
        }
        switch value {
        case .object(let l as PyList): return "n=\(l.items.count)"
        case .object(let d as PyDict): return "n=\(d.count)"
        case .object(let t as PyTuple): return "n=\(t.items.count)"
        default: break
        }
        var text = (try? evaluate { try interp.str(value) }) ?? "<unprintable \(type) object>"
        text = text.replacingOccurrences(of: "\n", with: "\\n")
        if text.count >= 50 { text = String(text.prefix(25)) + "<...>" + String(text.suffix(25)) }
        return text
    }

    /// `%reset [-f]`: asks first unless `-f` (or the input is not a terminal).
    func reset(_ args: String) {
        let force = args.split(separator: " ").contains("-f")
        if !force && interactive {
            guard ask("Once deleted, variables cannot be recovered. Proceed (y/[n])? ", default: false) else {
                out("Nothing done.\n")
                return
            }
        }
        resetNamespace()
    }

    func changeDirectory(_ args: String) {
        let target = args.isEmpty ? (ProcessInfo.processInfo.environment["HOME"] ?? "/") : args
        guard FileManager.default.changeCurrentDirectoryPath(target) else {
            usageError("cd: no such directory: \(target)")
            return
        }
        out(FileManager.default.currentDirectoryPath + "\n")
    }

    // MARK: - History

    /// Cell numbers named by `4`, `4-6` (inclusive) or `4:7` (exclusive end).
    func cellNumbers(_ ranges: [Substring]) throws(ReplUsageError) -> [Int] {
        var numbers: [Int] = []
        for r in ranges {
            if let dash = r.firstIndex(where: { $0 == "-" || $0 == ":" }) {
                guard let a = Int(r[..<dash]), let b = Int(r[r.index(after: dash)...]) else {
                    throw ReplUsageError("bad range: \(r)")
                }
                let end = r[dash] == "-" ? b : b - 1
                if a <= end { numbers += Array(a...end) }
            } else {
                guard let a = Int(r) else { throw ReplUsageError("bad range: \(r)") }
                numbers.append(a)
            }
        }
        return numbers.filter { $0 >= 1 && $0 < inputs.count }
    }

    /// `%history [-n] [-l N] [-g PATTERN] [RANGES]`.
    func history(_ args: String) {
        var words = args.split(separator: " ")[...]
        var numbered = false
        var last: Int?
        var pattern: String?
        var ranges: [Substring] = []
        while let w = words.popFirst() {
            switch w {
            case "-n": numbered = true
            case "-l":
                guard let v = words.popFirst().flatMap({ Int($0) }) else { return usageError("-l needs a number") }
                last = v
            case "-g":
                pattern = words.isEmpty ? "" : words.joined(separator: " ")
                words = []
            default: ranges.append(w)
            }
        }
        if let pattern {
            let glob = "*" + pattern + "*"
            let entries = reader.historyEntries.isEmpty ? Array(inputs.dropFirst()) : reader.historyEntries
            var text = ""
            for (i, entry) in entries.enumerated() where fnmatch(glob, entry, 0) == 0 {
                text += "\(String(i + 1).leftPadded(4)):\(entry.contains("\n") ? "\n" : " ")\(entry)\n"
            }
            out(text)
            return
        }
        var numbers: [Int]
        do {
            numbers = ranges.isEmpty ? Array(1..<inputs.count) : try cellNumbers(ranges)
        } catch {
            return usageError(error.message)
        }
        if let last { numbers = Array(numbers.suffix(last)) }
        var text = ""
        for n in numbers {
            let source = inputs[n]
            if numbered { text += "\(String(n).leftPadded(4)):\(source.contains("\n") ? "\n" : " ")" }
            text += source + "\n"
        }
        out(text)
    }

    // MARK: - Files

    /// `%save [-f] FILE [RANGES]`: the chosen cells (default: all code cells so far) as a
    /// `.cnb` notebook, written atomically. Magics and help queries are left out.
    func save(_ args: String) {
        var words = args.split(separator: " ")[...]
        var force = !interactive
        if words.first == "-f" {
            force = true
            words = words.dropFirst()
        }
        guard let file = words.popFirst() else { return usageError("%save needs a file name") }
        var path = String(file)
        if !path.hasSuffix(".cnb") && !(path.split(separator: "/").last ?? "").contains(".") { path += ".cnb" }
        let numbers: [Int]
        do {
            numbers = words.isEmpty ? Array(1..<(inputs.count - 1)) : try cellNumbers(Array(words))
        } catch {
            return usageError(error.message)
        }
        let sources = numbers.map { inputs[$0] }.filter { s in
            !s.hasPrefix("%") && ReplInput.helpQuery(s) == nil && !ReplInput.isExitCommand(s)
        }
        if FileManager.default.fileExists(atPath: path) && !force {
            guard ask("File `\(path)` exists. Overwrite (y/[N])? ", default: false) else {
                out("Operation cancelled.\n")
                return
            }
        }
        let document = NotebookDocument(cells: sources.map { Cell(kind: .code, source: $0) })
        do {
            try writeFileAtomically(path, Array(document.format().utf8))
        } catch {
            return usageError("\(error)")
        }
        out("The following commands were written to file `\(path)`:\n" + sources.joined(separator: "\n") + "\n")
    }

    /// `%load FILE`: the file's text (with a `# %load FILE` line) becomes the next input.
    func load(_ args: String) {
        guard !args.isEmpty else { return usageError("%load needs a file name") }
        do {
            var text = try readTextFile(args)
            while text.hasSuffix("\n") { text.removeLast() }
            reader.prefill("# %load \(args)\n" + text)
        } catch {
            usageError("\(error)")
        }
    }

    /// `%run FILE`: a `.cnb` notebook's code cells in order (a plain source file as one
    /// cell), in this session's namespace; stops at the first error.
    func runFile(_ args: String) {
        guard !args.isEmpty else { return usageError("%run needs a file name") }
        let text: String
        do {
            text = try readTextFile(args)
        } catch {
            return usageError("\(error)")
        }
        var units: [(name: String, source: String)]
        if args.hasSuffix(".cnb") {
            let document = NotebookDocument.parse(text)
            units = document.cells.filter { $0.kind == .code }.map { ("\(args), cell \($0.id)", $0.source) }
        } else {
            units = [(args, text)]
        }
        for unit in units {
            switch evaluate({ interp.execute(unit.source, name: unit.name, display: false) }) {
            case .ok: continue
            case .syntaxError(let rendered, _, _):
                failed = true
                err(style.traceback(rendered) + "\n")
                return
            case .error(let e):
                report(e)
                return
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
