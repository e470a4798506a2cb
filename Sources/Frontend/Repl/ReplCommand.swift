import ArgumentParser
import Interpreter
import LineEditor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive REPL (the default).",
        discussion: """
            On a terminal: IPython-style prompts, line editing, history in \
            $XDG_STATE_HOME/cnb/history, Tab completion, magics (%lsmagic). With piped input: \
            no prompts; each complete cell runs as it arrives; exit code 70 if a cell failed.
            """)

    @Option(help: "Memory limit for tensors, in MiB.")
    var maxMemory: Int?

    @Flag(help: "Show pictures with the terminal's inline-image protocol (kitty or iTerm2) when it has one.")
    var inlineImages = false

    func run() throws {
        configureMemoryLimit(maxMemory)
        let code = ReplLauncher.launch(inlineImages: inlineImages)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Starts a session on the process's standard streams: the libedit editor when stdin and
/// stdout are terminals, plain reads otherwise.
enum ReplLauncher {
    static func launch(inlineImages: Bool = false) -> Int32 {
        let interactive = Terminal.isInteractive
        if !interactive {
            return onBigStack {
                ReplSession(reader: PlainReader(), output: StandardStreamsSink(), color: false).run()
            }
        }
        Terminal.configureLocale()
        // Signals must reach the thread blocked in el_gets: block them here (the main thread
        // only waits) and unblock them on the session thread, which inherits the mask.
        Terminal.blockSignalsInThisThread()
        Terminal.installInterruptHandler(replInterruptHandler)
        _ = interruptRequest.load(ordering: .relaxed)
        let color = wantsColor(fd: STDOUT_FILENO)
        return onBigStack {
            Terminal.unblockSignalsInThisThread()
            let history = LineHistory(path: LineHistory.defaultPath())
            let sink = StandardStreamsSink()
            // A figure a cell draws is shown in the terminal (braille lines, half-block images).
            sink.renderPicture = terminalPictureRenderer(inlineImages: inlineImages)
            if let aside = history.recoveredFrom {
                sink.write("cnb: the history file could not be read; it was moved to \(aside)\n", stream: .stderr)
            }
            guard let reader = LibEditReader(history: history) else {
                return ReplSession(reader: PlainReader(), output: sink, color: false).run()
            }
            reader.pasteFilter = ReplInput.stripPrompts
            sink.write("cnb \(cnbVersion) -- a terminal notebook for convolutional networks. "
                       + "Type 'obj?' for help, '%lsmagic' for magics, Ctrl-D to exit.\n\n", stream: .stdout)
            return ReplSession(reader: reader, output: sink, color: color).run()
        }
    }
}

/// Program and REPL output straight to file descriptors 1 and 2 (unbuffered, so output
/// interleaves correctly with libedit's own writes and with errors).
final class StandardStreamsSink: OutputSink {
    /// Turns a picture into terminal text (nil: print a `<image/png WxH>` placeholder, as when
    /// output is not a terminal).
    var renderPicture: ((String, [UInt8], Int, Int) -> String?)?

    func write(_ text: String, stream: OutputChannel) {
        let fd: Int32 = stream == .stdout ? STDOUT_FILENO : STDERR_FILENO
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    func display(png: [UInt8], width: Int, height: Int) {
        if let text = renderPicture?("image/png", png, width, height) {
            write(text.hasSuffix("\n") ? text : text + "\n", stream: .stdout)
            return
        }
        write("<image/png \(width)x\(height)>\n", stream: .stdout)
    }
}

private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}
