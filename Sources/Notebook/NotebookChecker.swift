/// The outcome of checking one cell.
public struct CellCheck: Equatable, Sendable {
    /// The cell's id.
    public var cellID: String
    /// The cell's title or id, for messages.
    public var cellName: String
    /// 1-based file line of the cell.
    public var line: Int
    /// A unified diff of the expected and actual `#>` blocks; nil when they match.
    public var diff: String?

    /// Whether the outputs matched.
    public var passed: Bool { diff == nil }
}

/// The outcome of checking a notebook run.
public struct CheckReport: Equatable, Sendable {
    /// Every compared cell, in order.
    public var cells: [CellCheck]
    /// Ids of code cells that were never reached because the run stopped.
    public var notRun: [String]

    /// The cells whose outputs differ.
    public var mismatches: [CellCheck] { cells.filter { !$0.passed } }
    /// True when every compared cell matched and every cell ran.
    public var passed: Bool { mismatches.isEmpty && notRun.isEmpty }
}

/// Compares cell outputs with `#>` expectations, and rewrites expectations.
///
/// Matching rules: line endings and trailing spaces are normalised; each stream is
/// compared as a whole; `\r` and `\b` are applied as a terminal would; an expected line
/// that is exactly `...` matches any number of lines (within one part); a line ending in
/// ` (re)` is a regular expression and ` (glob)` a glob, both matching the whole line;
/// with a tolerance, numbers may differ by at most `tolerance × max(1, |expected|)`;
/// sanitizers apply to both sides first; `error` compares `Name: message`; `display`
/// compares type and size. A code cell without a `#>` block expects no output.
/// Cells tagged `nbval-ignore-output`, `skip-execution` or `injected-parameters` are not compared.
public final class NotebookChecker {
    private let settings: NotebookSettings
    private let patterns = TextPattern()

    /// A checker using these settings (usually the document's).
    public init(settings: NotebookSettings = NotebookSettings()) {
        self.settings = settings
    }

    /// One line of a rendered block: a part header or a body line.
    struct BlockLine: Equatable {
        var isHeader: Bool
        var text: String
        /// The line as written in the file.
        var rendered: String { isHeader ? "#> " + text : (text.isEmpty ? "#>" : "#>   " + text) }
    }

    private func blockLines(_ expectation: OutputExpectation?) -> [BlockLine] {
        guard let expectation else { return [] }
        let parts = expectation.parts.enumerated().sorted {
            ($0.element.kind.rank, $0.offset) < ($1.element.kind.rank, $1.offset)
        }.map(\.element)
        var out: [BlockLine] = []
        for part in parts {
            out.append(BlockLine(isHeader: true, text: part.kind.headerText))
            var lines = part.lines.map { OutputText.trimTrailingSpaces(OutputText.applyTerminalControls($0)) }
            if !settings.sanitizers.isEmpty {
                lines = OutputText.normalizedLines(patterns.sanitize(lines.joined(separator: "\n"), with: settings.sanitizers))
            }
            out += lines.map { BlockLine(isHeader: false, text: $0) }
        }
        return out
    }

    /// Whether an expected line matches an actual one (`...` is handled by the aligner).
    func lineMatches(_ expected: BlockLine, _ actual: BlockLine) -> Bool {
        guard expected.isHeader == actual.isHeader else { return false }
        if expected.text == actual.text { return true }
        if expected.isHeader { return false }
        if expected.text.hasSuffix(" (re)") {
            return patterns.fullMatch(regex: String(expected.text.dropLast(5)), actual.text)
        }
        if expected.text.hasSuffix(" (glob)") {
            return patterns.fullMatch(glob: String(expected.text.dropLast(7)), actual.text)
        }
        if let tolerance = settings.tolerance {
            return NumericTolerance.matches(expected.text, actual.text, tolerance: tolerance)
        }
        return false
    }

    private func isWildcard(_ line: BlockLine) -> Bool { !line.isHeader && line.text == "..." }

    /// An edit step of the alignment.
    enum Step: Equatable {
        case same(expected: Int, actual: Int)
        /// The `...` line `expected` ends here (the lines it matched were `absorbed`).
        case wildcard(expected: Int)
        /// An actual line matched by a `...` line.
        case absorbed(actual: Int)
        case delete(Int)
        case insert(Int)
    }

    /// Minimal-edit alignment of expected and actual lines.
    func align(_ e: [BlockLine], _ a: [BlockLine]) -> [Step] {
        let n = e.count
        let m = a.count
        let width = m + 1
        // cost[i*width+j]: edits needed to align e[i...] with a[j...].
        var cost = [Int](repeating: 0, count: (n + 1) * width)
        for j in stride(from: m, through: 0, by: -1) { cost[n * width + j] = m - j }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m, through: 0, by: -1) {
                var best = cost[(i + 1) * width + j] + (isWildcard(e[i]) ? 0 : 1)
                if j < m {
                    best = min(best, cost[i * width + j + 1] + (isWildcard(e[i]) && !a[j].isHeader ? 0 : 1))
                    if lineMatches(e[i], a[j]) { best = min(best, cost[(i + 1) * width + j + 1]) }
                }
                cost[i * width + j] = best
            }
        }
        var steps: [Step] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n && isWildcard(e[i]) {
                if cost[i * width + j] == cost[(i + 1) * width + j] {
                    steps.append(.wildcard(expected: i))
                    i += 1
                } else if j < m && !a[j].isHeader && cost[i * width + j] == cost[i * width + j + 1] {
                    steps.append(.absorbed(actual: j))
                    j += 1
                } else {
                    steps.append(.insert(j))
                    j += 1
                }
                continue
            }
            if i < n && j < m && lineMatches(e[i], a[j]) && cost[i * width + j] == cost[(i + 1) * width + j + 1] {
                steps.append(.same(expected: i, actual: j))
                i += 1
                j += 1
            } else if i < n && cost[i * width + j] == cost[(i + 1) * width + j] + 1 {
                steps.append(.delete(i))
                i += 1
            } else {
                steps.append(.insert(j))
                j += 1
            }
        }
        return steps
    }

    /// Whether `outputs` satisfy `expectation`.
    public func matches(expected expectation: OutputExpectation?, outputs: [CellOutput]) -> Bool {
        let e = blockLines(expectation)
        let a = blockLines(OutputExpectation(outputs: outputs))
        return cost(e, a) == 0
    }

    private func cost(_ e: [BlockLine], _ a: [BlockLine]) -> Int {
        align(e, a).reduce(0) { total, step in
            switch step {
            case .same, .wildcard, .absorbed: return total
            case .delete, .insert: return total + 1
            }
        }
    }

    /// A unified diff (3 lines of context) of the cell's expected block against the one its
    /// outputs would give, headed by the notebook's name and the cell's; nil when they match.
    public func diff(cell: Cell, outputs: [CellOutput], notebookName: String) -> String? {
        let e = blockLines(cell.expectation)
        let a = blockLines(OutputExpectation(outputs: outputs))
        let steps = align(e, a)
        guard steps.contains(where: { if case .delete = $0 { return true }; if case .insert = $0 { return true }; return false }) else {
            return nil
        }
        // Diff rows: (' '|'-'|'+', text, advances expected, advances actual)
        var rows: [(mark: Character, text: String, de: Int, da: Int)] = []
        for step in steps {
            switch step {
            case .same(let ei, _): rows.append((" ", e[ei].rendered, 1, 1))
            case .wildcard(let ei): rows.append((" ", e[ei].rendered, 1, 0))
            case .absorbed: rows.append(("~", "", 0, 1))
            case .delete(let ei): rows.append(("-", e[ei].rendered, 1, 0))
            case .insert(let ai): rows.append(("+", a[ai].rendered, 0, 1))
            }
        }
        let start = cell.expectationLine
        var out = "--- \(notebookName) (cell \(cell.displayName), expected)\n"
        out += "+++ \(notebookName) (cell \(cell.displayName), actual)\n"
        // Hunks are cut from the visible rows; lines a `...` absorbed only count for numbering.
        let context = 3
        let visible = rows.indices.filter { rows[$0].mark != "~" }
        var hunks: [ClosedRange<Int>] = []  // ranges of positions in `visible`
        for (v, r) in visible.enumerated() where rows[r].mark == "-" || rows[r].mark == "+" {
            let lo = max(0, v - context)
            let hi = min(visible.count - 1, v + context)
            if let last = hunks.last, lo <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, hi)
            } else {
                hunks.append(lo...hi)
            }
        }
        for hunk in hunks {
            let first = visible[hunk.lowerBound]
            let last = visible[hunk.upperBound]
            var eLine = start
            var aLine = start
            for r in rows[..<first] {
                eLine += r.de
                aLine += r.da
            }
            let eCount = rows[first...last].reduce(0) { $0 + $1.de }
            let aCount = rows[first...last].reduce(0) { $0 + $1.da }
            // As diff -u: an empty side names the line before it.
            out += "@@ -\(eCount == 0 ? eLine - 1 : eLine),\(eCount) +\(aCount == 0 ? aLine - 1 : aLine),\(aCount) @@\n"
            for r in rows[first...last] where r.mark != "~" { out += "\(r.mark)\(r.text)\n" }
        }
        return out
    }

    /// Whether the checker compares this cell's outputs.
    public static func isCompared(_ run: CellRun) -> Bool {
        guard run.cell.kind == .code, run.executionCount != nil else { return false }
        return !run.cell.hasTag("nbval-ignore-output") && !run.cell.hasTag("injected-parameters")
    }

    /// Checks every executed code cell of `run` against its expectation.
    public func check(_ run: NotebookRun, notebookName: String) -> CheckReport {
        var checks: [CellCheck] = []
        for cellRun in run.cells where NotebookChecker.isCompared(cellRun) {
            checks.append(CellCheck(cellID: cellRun.id, cellName: cellRun.cell.displayName, line: cellRun.cell.line,
                                    diff: diff(cell: cellRun.cell, outputs: cellRun.outputs, notebookName: notebookName)))
        }
        let reached = Set(run.cells.map(\.id))
        let notRun = run.document.cells.filter {
            $0.kind == .code && !reached.contains($0.id) && !$0.hasTag("skip-execution")
        }.map(\.id)
        return CheckReport(cells: checks, notRun: notRun)
    }

    /// The document with the `#>` block of every compared cell whose outputs do not match
    /// rewritten from its outputs (removed when it printed nothing); matching blocks and all
    /// other bytes are left alone. Writing the file is the caller's job.
    public func update(_ document: NotebookDocument, with run: NotebookRun) -> NotebookDocument {
        var changes: [String: OutputExpectation?] = [:]
        for cellRun in run.cells where NotebookChecker.isCompared(cellRun) {
            guard document.cell(id: cellRun.id) != nil else { continue }
            if !matches(expected: cellRun.cell.expectation, outputs: cellRun.outputs) {
                changes[cellRun.id] = .some(OutputExpectation(outputs: cellRun.outputs))
            }
        }
        return document.replacingExpectations(changes)
    }
}

/// Number-tolerant line comparison.
enum NumericTolerance {
    /// Splits a line into alternating text and number tokens.
    static func tokens(_ s: String) -> [(isNumber: Bool, text: Substring)] {
        var out: [(Bool, Substring)] = []
        var i = s.startIndex
        var textStart = i
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < s.endIndex {
            let c = s[i]
            var j = i
            if c == "-" || c == "+" { j = s.index(after: j) }
            let afterSign = j
            while j < s.endIndex && isDigit(s[j]) { j = s.index(after: j) }
            var digits = j > afterSign
            if j < s.endIndex && s[j] == "." {
                var k = s.index(after: j)
                let fracStart = k
                while k < s.endIndex && isDigit(s[k]) { k = s.index(after: k) }
                if digits || k > fracStart {
                    digits = true
                    j = k
                }
            }
            if digits {
                if j < s.endIndex && (s[j] == "e" || s[j] == "E") {
                    var k = s.index(after: j)
                    if k < s.endIndex && (s[k] == "-" || s[k] == "+") { k = s.index(after: k) }
                    let expStart = k
                    while k < s.endIndex && isDigit(s[k]) { k = s.index(after: k) }
                    if k > expStart { j = k }
                }
                // A sign glued to a word (`x-1`) is part of the text.
                let startsNumber = i == s.startIndex || !(s[s.index(before: i)].isLetter || isDigit(s[s.index(before: i)]))
                if startsNumber || (c != "-" && c != "+") {
                    if textStart < i { out.append((false, s[textStart..<i])) }
                    out.append((true, s[i..<j]))
                    i = j
                    textStart = j
                    continue
                }
            }
            i = s.index(after: i)
        }
        if textStart < s.endIndex { out.append((false, s[textStart...])) }
        return out
    }

    /// Whether the lines are equal except for numbers within tolerance.
    static func matches(_ expected: String, _ actual: String, tolerance: Double) -> Bool {
        let e = tokens(expected)
        let a = tokens(actual)
        guard e.count == a.count else { return false }
        for (x, y) in zip(e, a) {
            guard x.isNumber == y.isNumber else { return false }
            if x.isNumber {
                guard let u = Double(x.text), let v = Double(y.text) else { return false }
                if abs(u - v) > tolerance * max(1, abs(u)) { return false }
            } else if x.text != y.text {
                return false
            }
        }
        return true
    }
}
