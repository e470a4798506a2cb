import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal line editor, on libedit's native API: emacs keys, prefix history search on
/// Up/Down, Ctrl-R, Tab completion, bracketed paste, Esc-Enter for a forced newline, colour
/// prompts. Use it only when `Terminal.isInteractive`; it must live on one thread.
public final class LibEditReader: LineReader {
    /// libedit's `EditLine *`.
    let el: OpaquePointer
    public let history: LineHistory
    public var completer: Completer?
    /// Applied to pasted text before it is inserted (e.g. to strip copied prompts).
    public var pasteFilter: ((String) -> String)?
    /// Spaces inserted by Tab when only whitespace is left of the cursor.
    public var indentUnit = "    "

    /// The current prompt as a C string, with `\1` around escape sequences.
    private var promptStorage: UnsafeMutablePointer<CChar>
    var forceContinue = false
    private var pendingPrefill: String?

    /// Sets up libedit on the standard streams with `history`. Nil when libedit cannot
    /// initialise the terminal.
    public init?(programName: String = "cnb", history: LineHistory) {
        Terminal.configureLocale()
        guard let el = cnb_el_init(programName) else { return nil }
        self.el = el
        self.history = history
        promptStorage = strdup("")
        _ = cnb_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = cnb_el_set_prompt_esc(el, { el in
            guard let el, let reader = LibEditReader.from(el) else { return nil }
            return reader.promptStorage
        }, 1)
        _ = cnb_el_set_editor(el, "emacs")
        _ = cnb_el_set_signal(el, 1)
        _ = cnb_el_set_hist(el, history.handle)
        _ = cnb_el_addfn(el, "cnb-complete", "Complete the word left of the cursor", { el, _ in
            guard let el, let reader = LibEditReader.from(el) else { return UInt8(CC_ERROR) }
            return reader.complete()
        })
        _ = cnb_el_addfn(el, "cnb-paste", "Insert a bracketed paste as it is", { el, _ in
            guard let el, let reader = LibEditReader.from(el) else { return UInt8(CC_ERROR) }
            return reader.paste()
        })
        _ = cnb_el_addfn(el, "cnb-newline", "Submit the line as a continuation line", { el, _ in
            guard let el, let reader = LibEditReader.from(el) else { return UInt8(CC_ERROR) }
            // Ending the line here would skip ed-newline's buffer termination; queue an
            // ordinary Enter instead and remember that it was forced.
            reader.forceContinue = true
            el_push(el, "\n")
            return UInt8(CC_NORM)
        })
        let bindings: [(String, String)] = [
            ("^I", "cnb-complete"),
            ("\\e[200~", "cnb-paste"),
            ("\\e\\r", "cnb-newline"), ("\\e\\n", "cnb-newline"),
            ("^R", "em-inc-search-prev"),
            ("\\e[A", "ed-search-prev-history"), ("\\e[B", "ed-search-next-history"),
            ("\\eOA", "ed-search-prev-history"), ("\\eOB", "ed-search-next-history"),
            ("\\e[H", "ed-move-to-beg"), ("\\e[F", "ed-move-to-end"),
            ("\\eOH", "ed-move-to-beg"), ("\\eOF", "ed-move-to-end"),
            ("\\e[1~", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"),
            ("\\e[3~", "ed-delete-next-char"),
            ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"),
            ("\\e[1;3D", "ed-prev-word"), ("\\e[1;3C", "em-next-word"),
        ]
        for (keys, command) in bindings { _ = cnb_el_bind(el, keys, command) }
        // ~/.editrc (or $EDITRC) last, so users can rebind keys; `cnb:` lines apply to us only.
        _ = el_source(el, nil)
    }

    deinit {
        el_end(el)
        free(promptStorage)
    }

    static func from(_ el: OpaquePointer) -> LibEditReader? {
        guard let data = cnb_el_get_clientdata(el) else { return nil }
        return Unmanaged<LibEditReader>.fromOpaque(data).takeUnretainedValue()
    }

    public var isInteractive: Bool { true }

    public func read(prompt: String, indent: String) -> LineReadResult {
        setPrompt(prompt)
        forceContinue = false
        if let text = pendingPrefill {
            pendingPrefill = nil
            // Fed through the paste command, so newlines are inserted rather than submitted.
            el_push(el, "\u{1B}[200~" + text + "\u{1B}[201~")
        } else if !indent.isEmpty && !Self.inputPending() {
            // Pending input means an unbracketed paste is arriving: it brings its own indent.
            el_push(el, indent)
        }
        cnb_stdout_write("\u{1B}[?2004h")
        var count: Int32 = 0
        errno = 0
        let line = el_gets(el, &count)
        let err = errno
        cnb_stdout_write("\u{1B}[?2004l")
        guard let line, count > 0 else {
            if count < 0 && err == EINTR { return .interrupted }
            return .endOfInput
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(InputLine(text, forceContinue: forceContinue))
    }

    public func prefill(_ text: String) { pendingPrefill = text }

    public func addHistory(_ entry: String) {
        history.add(entry)
        history.save()
    }

    public var historyEntries: [String] { history.entries }

    private func setPrompt(_ prompt: String) {
        free(promptStorage)
        promptStorage = strdup(Self.markEscapes(prompt))
    }

    /// Wraps each `ESC [ … letter` sequence in `\1` markers so libedit leaves it out of the
    /// cursor arithmetic (EL_PROMPT_ESC).
    static func markEscapes(_ prompt: String) -> String {
        var out = ""
        var inEscape = false
        for u in prompt.unicodeScalars {
            if u == "\u{1B}" {
                inEscape = true
                out += "\u{1}"
                out.unicodeScalars.append(u)
                continue
            }
            out.unicodeScalars.append(u)
            if inEscape, u.properties.isAlphabetic {
                inEscape = false
                out += "\u{1}"
            }
        }
        return out
    }

    /// True when bytes are waiting on standard input.
    static func inputPending() -> Bool {
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&fds, 1, 0) > 0
    }

    // MARK: - Editing state

    /// The line left of the cursor, and its length in characters.
    func textBeforeCursor() -> (text: String, count: Int) {
        guard let info = el_wline(el)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return ("", 0)
        }
        let n = cursor - start
        var s = String.UnicodeScalarView()
        for i in 0..<n {
            s.append(Unicode.Scalar(UInt32(bitPattern: Int32(start[i]))) ?? "\u{FFFD}")
        }
        return (String(s), n)
    }

    /// Inserts `text` at the cursor.
    func insert(_ text: String) {
        var wide: [wchar_t] = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = el_winsertstr(el, wide)
    }

    /// Prints `text` below the line being edited (the caller returns CC_REDISPLAY).
    func printAboveLine(_ text: String) {
        cnb_stdout_write("\n" + text)
    }
}
