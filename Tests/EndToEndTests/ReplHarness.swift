import Foundation

/// Locates the built `cnb` (debug or release, the newer one) from this source file's path.
enum ReplBinary {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let path: String? = {
        var best: (String, Date)?
        for config in ["debug", "release"] {
            let p = packageRoot + "/.build/\(config)/cnb"
            guard FileManager.default.isExecutableFile(atPath: p),
                  let date = (try? FileManager.default.attributesOfItem(atPath: p))?[.modificationDate] as? Date else { continue }
            if best == nil || date > best!.1 { best = (p, date) }
        }
        return best?.0
    }()
}

/// Runs a program and returns its status, stdout and stderr.
func runProcess(_ executable: String, _ arguments: [String], stdin: String? = nil,
                environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    return try collect(process, stdin: stdin)
}

/// Runs `arguments[0]` with posix_spawn and waits with waitpid; returns the status and, when
/// `capture` is set, its standard output. Standard input and error are /dev/null, and so is
/// standard output otherwise: a daemon the program starts (the tmux server) must not hold
/// our pipes open. (Foundation's Process did not reap tmux's client here.)
func spawnAndWait(_ arguments: [String], capture: Bool = false) throws -> (status: Int32, stdout: String) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var fds: [Int32] = [-1, -1]
    if capture {
        guard pipe(&fds) == 0 else { throw SpawnError(message: "pipe failed") }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for p in argv { free(p) }
        for p in envp { free(p) }
    }
    // Test threads block most signals, and a spawned program inherits the mask: the tmux
    // server would then never see SIGCHLD or SIGTERM. Start it with a clean mask.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    if capture { close(fds[1]) }
    guard rc == 0 else {
        if capture { close(fds[0]) }
        throw SpawnError(message: "cannot run \(arguments[0]): error \(rc)")
    }
    var output: [UInt8] = []
    if capture {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n > 0 {
                output += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
}

struct SpawnError: Error {
    var message: String
}

private func collect(_ process: Process, stdin: String?) throws -> (status: Int32, stdout: String, stderr: String) {
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// A private tmux server running `cnb` in a real pseudo-terminal: keys go in with
/// `send-keys`, the screen comes back with `capture-pane`.
final class TmuxRepl {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { tmux != nil && ReplBinary.path != nil }
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    let socket: String
    /// The XDG_STATE_HOME the session uses (holds cnb/history).
    let stateHome: String

    /// Starts `cnb` (plus `arguments`) in a `width`x`height` terminal. `environment` is added
    /// to a clean one (HOME, PATH, TERM, NO_COLOR=1, XDG_STATE_HOME=`stateHome`).
    init(stateHome: String? = nil, environment: [String: String] = [:], width: Int = 100, height: Int = 40) throws {
        Self.lock.lock()
        Self.counter += 1
        socket = "cnbtest-\(getpid())-\(Self.counter)"
        Self.lock.unlock()
        self.stateHome = stateHome ?? (NSTemporaryDirectory() + "cnb-e2e-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: self.stateHome, withIntermediateDirectories: true)
        var env = ["HOME": NSHomeDirectory(), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8",
                   "XDG_STATE_HOME": self.stateHome]
        for (k, v) in environment { env[k] = v }
        let assignments = env.filter { !$0.value.isEmpty }.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let command = "env -i TERM=\"$TERM\" \(assignments) \(Self.quote(ReplBinary.path ?? "cnb")); echo \"[exit $?]\"; sleep 30"
        _ = try spawnAndWait([Self.tmux ?? "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
                              "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit { _ = try? spawnAndWait([Self.tmux ?? "tmux", "-L", socket, "kill-server"]) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try spawnAndWait([Self.tmux ?? "tmux", "-L", socket] + arguments, capture: true).stdout
    }

    /// Sends tmux key names (`Enter`, `C-c`, `Up`, `Tab`, `Escape`).
    func keys(_ names: String...) throws { try tmux(["send-keys"] + names) }

    /// Types `text` literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-l", text]) }

    /// Types a line and presses Enter.
    func line(_ text: String) throws {
        try type(text)
        try keys("Enter")
    }

    /// Pastes `text` with bracketed-paste markers (as a terminal does when the program
    /// asked for them).
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "--", text])
        try tmux(["paste-buffer", "-p", "-d"])
    }

    /// The visible screen, trailing spaces removed.
    func screen(escapes: Bool = false) throws -> String {
        let text = try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []))
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }

    /// Waits until the screen satisfies `condition` (polling every 20 ms), up to `timeout`
    /// seconds; returns the last screen either way.
    @discardableResult
    func waitFor(timeout: Double = 5, escapes: Bool = false, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if condition(last) { return last }
            usleep(20_000)
        }
        return last
    }

    /// Waits for `text` to appear on screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 5) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }
}
