import Foundation
import Interpreter

/// `%time` and `%timeit`, with IPython's output format.
extension ReplSession {
    /// `%time stmt` / `%%time`: runs the code once, prints CPU and wall time, then shows the
    /// value of a final expression as `Out[n]`.
    func timeMagic(_ source: String, number n: Int) {
        guard !source.allSatisfy(\.isWhitespace) else {
            usageError("%time needs a statement to time")
            return
        }
        let suppress = ReplInput.endsWithSemicolon(source)
        let cpu0 = Self.cpuTimes()
        let wall0 = Self.monotonicSeconds()
        let outcome = evaluate { interp.execute(source, name: "<timed exec>", display: !suppress) }
        let wall = Self.monotonicSeconds() - wall0
        let cpu1 = Self.cpuTimes()
        let user = cpu1.user - cpu0.user
        let sys = cpu1.system - cpu0.system
        switch outcome {
        case .ok(let value):
            out("CPU times: user \(Self.formatTime(user)), sys: \(Self.formatTime(sys)), total: \(Self.formatTime(user + sys))\n")
            out("Wall time: \(Self.formatTime(wall))\n")
            if let value, !suppress { display(value, number: n) }
        case .syntaxError(let rendered, _, _):
            failed = true
            err(style.traceback(rendered) + "\n")
        case .error(let e):
            report(e)
        }
        interp.finishCell()
    }

    /// Options of `%timeit`: `-n` loops per run, `-r` runs, `-q` quiet.
    struct TimeitOptions: Equatable {
        var loops: Int?
        var runs = 7
        var quiet = false
        var statement = ""
    }

    /// Parses `[-n N] [-r R] [-q] statement`.
    static func parseTimeit(_ arguments: String) throws(ReplUsageError) -> TimeitOptions {
        var options = TimeitOptions()
        var rest = Substring(arguments)
        func word() -> Substring {
            rest = rest.drop { $0 == " " }
            let w = rest.prefix { $0 != " " }
            rest = rest.dropFirst(w.count)
            return w
        }
        while true {
            let save = rest
            let w = word()
            switch w {
            case "-n", "-r":
                guard let v = Int(word()), v > 0 else { throw ReplUsageError("\(w) needs a positive whole number") }
                if w == "-n" { options.loops = v } else { options.runs = v }
            case "-q":
                options.quiet = true
            case "-o":
                continue
            default:
                rest = save
                options.statement = String(rest.drop { $0 == " " })
                return options
            }
        }
    }

    /// `%timeit [-n N] [-r R] stmt` / `%%timeit [options] [setup]` + body: compiles the
    /// statement into a loop function once, picks the loop count so one run takes at least
    /// 0.2 s (unless `-n`), times `-r` runs (default 7), and prints
    /// `mean ± std per loop (mean ± std. dev. of R runs, N loops each)`.
    func timeitMagic(_ magic: MagicCommand) {
        let options: TimeitOptions
        do {
            options = try Self.parseTimeit(magic.arguments)
        } catch {
            usageError(error.message)
            return
        }
        let setup = magic.body == nil ? "" : options.statement
        let statement = magic.body ?? options.statement
        guard !statement.allSatisfy(\.isWhitespace) else {
            usageError("%timeit needs a statement to time")
            return
        }
        let fnName = "__cnb_timeit_\(count)"
        let clockName = "__cnb_clock"
        func indented(_ text: String, _ by: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { by + $0 }.joined(separator: "\n")
        }
        var source = "def \(fnName)(__cnb_n, \(clockName)):\n"
        if !setup.allSatisfy(\.isWhitespace) { source += indented(setup, "    ") + "\n" }
        source += "    __cnb_t0 = \(clockName)()\n    for __cnb_i in range(__cnb_n):\n"
        source += indented(statement, "        ") + "\n"
        source += "    return \(clockName)() - __cnb_t0\n"
        defer { interp.removeGlobal(fnName) }
        switch interp.execute(source, name: "<magic-timeit>", display: false) {
        case .ok: break
        case .syntaxError(let rendered, _, _):
            failed = true
            err(style.traceback(rendered) + "\n")
            return
        case .error(let e):
            report(e)
            return
        }
        guard let fn = interp.global(fnName) else { return }
        let clock = PyBuiltinFunction(clockName) { _, _ in .float(Self.monotonicSeconds()) }
        func timeLoops(_ loops: Int) -> Double? {
            switch evaluate({ interp.invoke(fn, [.int(loops), .object(clock)]) }) {
            case .success(.float(let t)): return t
            case .success: return nil
            case .failure(let e):
                report(e)
                return nil
            }
        }
        var loops = options.loops ?? 0
        if options.loops == nil {
            var power = 1
            for _ in 0..<10 {
                loops = power
                guard let t = timeLoops(loops) else { return }
                if t >= 0.2 { break }
                power = power &* 10
            }
        }
        var timings: [Double] = []
        for _ in 0..<options.runs {
            guard let t = timeLoops(loops) else { return }
            timings.append(t / Double(loops))
        }
        guard !options.quiet else { return }
        out(Self.timeitReport(timings, loops: loops))
    }

    /// IPython's `TimeitResult` text (with the "slowest run" note when runs vary 4x).
    static func timeitReport(_ timings: [Double], loops: Int) -> String {
        let runs = timings.count
        let mean = timings.reduce(0, +) / Double(max(runs, 1))
        let variance = timings.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(runs, 1))
        let best = timings.min() ?? 0
        let worst = timings.max() ?? 0
        var text = ""
        if best > 0 && worst > 4 * best && worst > 1e-6 {
            text += "The slowest run took \(String(format: "%.2f", worst / best)) times longer than the fastest. "
                + "This could mean that an intermediate result is being cached.\n"
        }
        text += "\(formatTime(mean)) ± \(formatTime(variance.squareRoot())) per loop "
            + "(mean ± std. dev. of \(runs) run\(runs == 1 ? "" : "s"), "
            + "\(groupThousands(loops)) loop\(loops == 1 ? "" : "s") each)\n"
        return text
    }

    /// IPython's `_format_time`: three significant digits in s, ms, µs or ns; spans of a
    /// minute or more as `1min 5s`.
    static func formatTime(_ seconds: Double, precision: Int = 3) -> String {
        if seconds >= 60 {
            var parts: [String] = []
            var left = seconds
            for (suffix, length) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
                let value = Int(left / length)
                if value > 0 {
                    left = left.truncatingRemainder(dividingBy: length)
                    parts.append("\(value)\(suffix)")
                }
                if left < 1 { break }
            }
            return parts.joined(separator: " ")
        }
        let units = ["s", "ms", "\u{00B5}s", "ns"]
        let scaling = [1.0, 1e3, 1e6, 1e9]
        var order = 3
        if seconds > 0 {
            // Python: min(-int(math.floor(math.log10(t)) // 3), 3), floor division.
            let exponent = Int(log10(seconds).rounded(.down))
            let third = Int((Double(exponent) / 3).rounded(.down))
            order = max(0, min(-third, 3))
        }
        return String(format: "%.*g", precision, seconds * scaling[order]) + " " + units[order]
    }

    /// `1,000,000` (Python's `{:,}`).
    static func groupThousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// User and system CPU time of the process, in seconds.
    static func cpuTimes() -> (user: Double, system: Double) {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}

/// A mistake in a magic's arguments (IPython's UsageError).
struct ReplUsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
