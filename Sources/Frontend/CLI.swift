import ArgumentParser
import Foundation
import Interpreter
import Notebook

/// Exit codes (sysexits): 0 ok, 1 a check failed, 64 usage, 65 syntax error,
/// 70 runtime error, 74 I/O error.
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let checkFailed: Int32 = 1
    public static let usage: Int32 = 64
    public static let syntaxError: Int32 = 65
    public static let runtimeError: Int32 = 70
    public static let ioError: Int32 = 74
}

public let cnbVersion = "0.1.0"

/// The `cnb` command line.
public enum CLI {
    /// Parses `arguments` (without the program name), runs the command, returns the exit code.
    public static func main(_ arguments: [String]) -> Int32 {
        do {
            var command = try fastParse(arguments) ?? CNB.parseAsRoot(arguments)
            try command.run()
            return ExitStatus.ok
        } catch let code as ExitCode {
            return code.rawValue
        } catch let e as CLIError {
            standardError(e.message + "\n")
            return e.status
        } catch {
            let exit = CNB.exitCode(for: error)
            let message = CNB.fullMessage(for: error)
            if exit == .success {
                // --help and --version print to standard output.
                if !message.isEmpty { standardOutput(message + "\n") }
                return ExitStatus.ok
            }
            if !message.isEmpty { standardError(message + "\n") }
            return ExitStatus.usage
        }
    }
}

/// `cnb run …` and `cnb check …` parsed by their own command alone. The root parse reflects over
/// every subcommand's properties first, about 3 ms of a 25 ms notebook replay. Anything that does
/// not parse (including `--help`) returns nil, and the root parse then handles it with the full
/// usage and messages, so behaviour is the root parse's.
private func fastParse(_ arguments: [String]) -> ParsableCommand? {
    guard let first = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    if rest.contains(where: { $0 == "-h" || $0 == "--help" || $0 == "--version" || $0 == "help" }) { return nil }
    switch first {
    case "run": return try? Run.parse(rest)
    case "check": return try? Check.parse(rest)
    default: return nil
    }
}

struct CNB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnb",
        abstract: "A terminal notebook for learning convolutional networks.",
        discussion: """
            With no subcommand, cnb opens an IPython-like REPL. Notebooks are .cnb cell files \
            (the percent format): `cnb run nb.cnb` replays one, `cnb check nb.cnb` verifies the \
            outputs stored in it.
            """,
        version: cnbVersion,
        subcommands: [Repl.self, Run.self, Check.self, Convert.self],
        defaultSubcommand: Repl.self)
}

/// The largest input file cnb reads (a notebook with many embedded pictures stays far below it).
let maxInputBytes = 128 << 20

/// Reads a notebook file (or `-` for stdin) with errors that name the file (and the line,
/// for text that is not UTF-8). A leading BOM is dropped; CRLF endings are kept (the
/// notebook parser accepts them and writes them back unchanged).
func readTextFile(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot read \(path): no such file")
        }
        if isDirectory.boolValue {
            throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot read \(path): it is a directory")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxInputBytes {
            throw CLIError(status: ExitStatus.ioError,
                           message: "cnb: \(path):1: the file is too large (\(size) bytes; cnb reads at most \(maxInputBytes >> 20) MiB)")
        }
        guard let d = FileManager.default.contents(atPath: path) else {
            throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot read \(path): not readable")
        }
        data = d
    }
    if data.count > maxInputBytes {
        throw CLIError(status: ExitStatus.ioError,
                       message: "cnb: \(path):1: the input is too large (\(data.count) bytes; cnb reads at most \(maxInputBytes >> 20) MiB)")
    }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        throw CLIError(status: ExitStatus.ioError, message: "cnb: \(path):\(firstInvalidUTF8Line(bytes)): the file is not valid UTF-8")
    }
    return text
}

/// The 1-based line of the first byte sequence that is not UTF-8 (one linear pass).
func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
    var line = 1
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar):
            if scalar.count == 1, scalar.first == 0x0A { line += 1 }
        case .emptyInput:
            return line
        case .error:
            return line
        }
    }
}

/// Writes a file atomically: a temporary file in the same folder, then rename.
func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    } catch {
        throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot write \(path): cannot create the folder \(dir.path)")
    }
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).cnb-tmp-\(getpid())")
    guard FileManager.default.createFile(atPath: tmp.path, contents: Data(bytes)) else {
        throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot write \(path)")
    }
    let fd = open(tmp.path, O_RDONLY)
    if fd >= 0 {
        fsync(fd)
        close(fd)
    }
    if rename(tmp.path, path) != 0 {
        unlink(tmp.path)
        throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

struct CLIError: Error, CustomStringConvertible {
    var status: Int32
    var message: String
    var description: String { message }
}

func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Colour only on a terminal, never with NO_COLOR.
func wantsColor(fd: Int32) -> Bool {
    if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
    if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
    return isatty(fd) != 0
}
