import Foundation

/// The package root, found by walking up from this file.
func packageRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return url
}

/// The built `cnb` binary (debug build first, as `swift test` builds it).
func cnbBinary() -> URL? {
    let root = packageRoot()
    for config in ["debug", "release"] {
        let u = root.appendingPathComponent(".build/\(config)/cnb")
        if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return nil
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process ended by a signal (a crash).
    var signaled: Bool
}

/// Runs the binary with arguments and optional stdin, with a time limit.
func runCNB(_ args: [String], stdin: String? = nil, env: [String: String] = [:], timeout: Double = 60,
            cwd: URL? = nil) throws -> ProcessResult {
    guard let bin = cnbBinary() else { throw CocoaError(.fileNoSuchFile) }
    let p = Process()
    p.executableURL = bin
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? inp.fileHandleForWriting.close()
    // Read both pipes concurrently so a large output cannot block the child.
    final class Buffers: @unchecked Sendable { var out = Data(); var err = Data() }
    let buffers = Buffers()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        buffers.out = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        buffers.err = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(10_000) }
    if p.isRunning { p.terminate() }
    p.waitUntilExit()
    group.wait()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: buffers.out, as: UTF8.self),
                         stderr: String(decoding: buffers.err, as: UTF8.self),
                         signaled: p.terminationReason == .uncaughtSignal)
}

func temporaryDirectory() -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("cnb-e2e-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
}

func fixture(_ relative: String) -> URL {
    packageRoot().appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
}
