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

/// Runs a program and returns its status, stdout and stderr (stdin from `stdin`).
func runProcess(_ executable: String, _ arguments: [String], stdin: String? = nil,
                environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let scratch = NSTemporaryDirectory() + "cnb-proc-\(getpid())-\(UUID().uuidString)"
    defer {
        unlink(scratch + ".in")
        unlink(scratch + ".err")
    }
    try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: scratch + ".in"))
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let r = try spawnAndWait([executable] + arguments, capture: true, stdinPath: scratch + ".in",
                             stderrPath: scratch + ".err", environment: env)
    let err = (try? Data(contentsOf: URL(fileURLWithPath: scratch + ".err"))) ?? Data()
    return (r.status, r.stdout, String(decoding: err, as: UTF8.self))
}

/// Serialises pipe creation and spawning (see `spawnAndWait`).
private let spawnLock = NSLock()

struct SpawnError: Error {
    var message: String
}

/// Runs `arguments[0]` with posix_spawn and waits with waitpid; returns the exit status and,
/// when `capture` is set, standard output. Other streams come from / go to the given files
/// or /dev/null. (Not Foundation's Process: tests run in parallel, and the tmux server that
/// `new-session` daemonises must not inherit another test's pipe, or that test's read
/// would wait for the server to die. Our pipes are close-on-exec, created under a lock.)
func spawnAndWait(_ arguments: [String], capture: Bool = false, stdinPath: String = "/dev/null",
                  stderrPath: String = "/dev/null",
                  environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (status: Int32, stdout: String) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Test threads block most signals and a spawned program inherits the mask: the tmux
    // server would then never see SIGCHLD or SIGTERM. Start with a clean mask.
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
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for p in argv { free(p) }
        for p in envp { free(p) }
    }
    var pid: pid_t = 0
    var fds: [Int32] = [-1, -1]
    spawnLock.lock()
    if capture {
        guard pipe(&fds) == 0 else {
            spawnLock.unlock()
            throw SpawnError(message: "pipe failed")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    if capture { close(fds[1]) }
    spawnLock.unlock()
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
    let exited = (status & 0x7F) == 0
    return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), String(decoding: output, as: UTF8.self))
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
    init(stateHome: String? = nil, environment: [String: String] = [:], width: Int = 100, height: Int = 40,
         arguments: [String] = []) throws {
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
        let command = "env -i TERM=\"$TERM\" \(assignments) \(([ReplBinary.path ?? "cnb"] + arguments).map(Self.quote).joined(separator: " ")); echo \"[exit $?]\"; sleep 30"
        // Through bash (dash cannot name descriptors above 9), closing every inherited
        // descriptor above 2 first: pipes other tests (or Foundation) left without
        // close-on-exec must not end up in the tmux server.
        let closeAll = "for f in /proc/$$/fd/*; do n=${f##*/}; [ \"$n\" -gt 2 ] 2>/dev/null && eval \"exec $n>&-\"; done; "
        let start = [Self.tmux ?? "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
                     "-x", "\(width)", "-y", "\(height)", command].map(Self.quote).joined(separator: " ")
        _ = try spawnAndWait(["/bin/bash", "-c", closeAll + "exec " + start])
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

    /// Waits for `text` to appear on screen (trailing spaces of `text` are ignored, as
    /// `screen` drops them).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 5) throws -> String {
        let needle = String(text.reversed().drop { $0 == " " }.reversed())
        return try waitFor(timeout: timeout) { $0.contains(needle) }
    }
}
