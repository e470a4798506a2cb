import Yams

/// One sanitizer: a regular expression (ICU/NSRegularExpression syntax) and its
/// replacement template (`$1` for groups), applied to expected and actual output alike.
public struct Sanitizer: Equatable, Sendable {
    /// The pattern.
    public var pattern: String
    /// The replacement template.
    public var replacement: String
    /// Makes a sanitizer.
    public init(pattern: String, replacement: String) {
        self.pattern = pattern
        self.replacement = replacement
    }
}

/// Runner settings from the header's `jupyter.cnb` mapping.
public struct NotebookSettings: Equatable, Sendable {
    /// Default per-cell timeout in seconds (`timeout:`).
    public var timeout: Double?
    /// Numeric tolerance for output comparison (`tolerance:`); nil means exact.
    public var tolerance: Double?
    /// Sanitizers (`sanitize:`), applied in order.
    public var sanitizers: [Sanitizer]

    /// Makes settings.
    public init(timeout: Double? = nil, tolerance: Double? = nil, sanitizers: [Sanitizer] = []) {
        self.timeout = timeout
        self.tolerance = tolerance
        self.sanitizers = sanitizers
    }
}

/// The optional header: comment lines between `# ---` and `# ---` holding YAML whose root
/// key is `jupyter:`.
public struct Header: Equatable, Sendable {
    /// The YAML text (comment prefixes removed).
    public let yaml: String
    /// Settings read from `jupyter.cnb`.
    public let settings: NotebookSettings
    /// The `jupyter:` mapping without `cnb`, as notebook metadata for `.ipynb` export.
    public let notebookMetadata: [JSONMember]
    /// Exact text of the header, both `# ---` lines included.
    let lines: [SourceLine]

    /// The exact text.
    public var text: String { lines.map(\.raw).joined() }

    /// Whether `lines` open a header: the first is `# ---` and a later one closes it with
    /// only comment lines between. Returns the number of header lines.
    static func headerLength(_ lines: [SourceLine]) -> Int? {
        guard let first = lines.first, OutputText.trimTrailingSpaces(first.text) == "# ---" else { return nil }
        var i = 1
        while i < lines.count {
            let text = OutputText.trimTrailingSpaces(lines[i].text)
            if text == "# ---" { return i + 1 }
            guard text.hasPrefix("#") else { return nil }
            i += 1
        }
        return nil
    }

    /// Reads a header from its lines (both fences included); `firstLine` is the 1-based
    /// line of the opening fence.
    static func parse(lines: [SourceLine], firstLine: Int) -> (Header, [NotebookError]) {
        var problems: [NotebookError] = []
        let yaml = lines.dropFirst().dropLast().map { line -> String in
            if line.text.hasPrefix("# ") { return String(line.text.dropFirst(2)) }
            return String(line.text.dropFirst(1))
        }.map { $0 + "\n" }.joined()
        var settings = NotebookSettings()
        var metadata: [JSONMember] = []
        do {
            if let node = try Yams.compose(yaml: yaml) {
                let root = yamlToJSON(node)
                if case .object = root, let jupyter = root["jupyter"] {
                    if case .object(let inner) = jupyter {
                        metadata = inner.filter { $0.key != "cnb" }
                    }
                    if let cnb = jupyter["cnb"] {
                        settings = readSettings(cnb, line: firstLine) { problems.append($0) }
                    }
                } else {
                    problems.append(NotebookError(line: firstLine, message: "the header's YAML must be a mapping with the root key `jupyter:`"))
                }
            }
        } catch let error as YamlError {
            problems.append(yamlProblem(error, firstLine: firstLine))
        } catch {
            problems.append(NotebookError(line: firstLine, message: "invalid YAML header: \(error)"))
        }
        return (Header(yaml: yaml, settings: settings, notebookMetadata: metadata, lines: lines), problems)
    }

    private static func yamlProblem(_ error: YamlError, firstLine: Int) -> NotebookError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return NotebookError(line: firstLine + mark.line, message: "invalid YAML header: \(problem)")
        default:
            return NotebookError(line: firstLine, message: "invalid YAML header: \(error)")
        }
    }

    private static func readSettings(_ cnb: JSONValue, line: Int, report: (NotebookError) -> Void) -> NotebookSettings {
        var settings = NotebookSettings()
        guard case .object = cnb else {
            report(NotebookError(line: line, message: "header `jupyter.cnb` must be a mapping"))
            return settings
        }
        // YAML 1.1 reads `1e-4` (no dot) as a string: accept numeric strings too.
        func number(_ v: JSONValue) -> Double? { v.doubleValue ?? v.stringValue.flatMap(Double.init) }
        if let t = cnb["timeout"] {
            if let v = number(t), v >= 0, v.isFinite { settings.timeout = v } else {
                report(NotebookError(line: line, message: "header `cnb.timeout` must be a number of seconds"))
            }
        }
        if let t = cnb["tolerance"] {
            if let v = number(t), v >= 0, v.isFinite { settings.tolerance = v } else {
                report(NotebookError(line: line, message: "header `cnb.tolerance` must be a non-negative number"))
            }
        }
        if let s = cnb["sanitize"] {
            var pairs: [Sanitizer] = []
            var ok = true
            switch s {
            case .array(let items):
                for item in items {
                    if let pair = item.arrayValue, pair.count == 2, let p = pair[0].stringValue, let r = pair[1].stringValue {
                        pairs.append(Sanitizer(pattern: p, replacement: r))
                    } else if let p = (item["regex"] ?? item["pattern"])?.stringValue {
                        pairs.append(Sanitizer(pattern: p, replacement: (item["replace"] ?? item["replacement"])?.stringValue ?? ""))
                    } else {
                        ok = false
                    }
                }
            case .object(let members):
                for m in members {
                    if let r = m.value.stringValue { pairs.append(Sanitizer(pattern: m.key, replacement: r)) } else { ok = false }
                }
            case .null, .bool, .number, .string:
                ok = false
            }
            if !ok {
                report(NotebookError(line: line, message: "header `cnb.sanitize` must be a list of {regex, replace} mappings or [regex, replace] pairs"))
            }
            for pair in pairs where !TextPattern.isValidRegex(pair.pattern) {
                report(NotebookError(line: line, message: "header `cnb.sanitize` has an invalid regular expression `\(pair.pattern)`"))
            }
            settings.sanitizers = pairs.filter { TextPattern.isValidRegex($0.pattern) }
        }
        return settings
    }

    /// Converts a YAML node to JSON, resolving scalars by the YAML core schema.
    static func yamlToJSON(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map(JSONValue.int) ?? .string(scalar.string)
            case .float:
                guard let d = node.float, d.isFinite else { return .string(scalar.string) }
                return .number(JSONWriter.pythonFloatRepr(d))
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .object(mapping.map { JSONMember($0.key.string ?? "", yamlToJSON($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map(yamlToJSON))
        }
    }
}
