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
            var command = try CNB.parseAsRoot(arguments)
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

/// Reads a notebook file (or `-` for stdin) with errors that name the file.
func readTextFile(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw CLIError(status: ExitStatus.ioError, message: "cnb: cannot read \(path): no such file or not readable")
        }
        data = d
    }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        var line = 1
        var valid = 0
        for (i, _) in bytes.enumerated() {
            if String(validating: bytes[valid...i], as: UTF8.self) == nil, i - valid > 4 { break }
            if bytes[i] == 0x0A { line += 1; valid = i + 1 }
        }
        throw CLIError(status: ExitStatus.ioError, message: "cnb: \(path):\(line): the file is not valid UTF-8")
    }
    return text
}

/// Writes a file atomically: a temporary file in the same folder, then rename.
func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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
