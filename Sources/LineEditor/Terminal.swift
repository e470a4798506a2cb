import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide terminal set-up the line editor depends on.
public enum Terminal {
    /// True when both standard input and standard output are terminals (the rule CPython
    /// uses for readline): only then is the libedit editor used.
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    }

    /// Sets `LC_CTYPE` from the environment, falling back to `C.UTF-8` when that gives the C
    /// locale: libedit never sets the locale, and in the C locale it silently drops CJK input.
    public static func configureLocale() {
        let name = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if name == "C" || name == "POSIX" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Installs `handler` for SIGINT without `SA_RESTART`, so Ctrl-C interrupts a blocking
    /// read. The handler runs in signal context: it may only store to atomics.
    public static func installInterruptHandler(_ handler: @convention(c) (Int32) -> Void) {
        _ = cnb_install_signal_handler(SIGINT, handler)
    }

    /// Blocks the terminal signals (SIGINT, SIGTSTP, SIGCONT, SIGWINCH, SIGQUIT, SIGHUP,
    /// SIGTERM) in the calling thread. Threads it starts afterwards inherit the mask.
    public static func blockSignalsInThisThread() {
        _ = cnb_mask_terminal_signals(cnb_sig_block())
    }

    /// Unblocks the terminal signals in the calling thread. Call it on the thread that reads
    /// the terminal, after blocking them everywhere else, so Ctrl-C and window resizes
    /// interrupt its reads rather than landing on an idle thread.
    public static func unblockSignalsInThisThread() {
        _ = cnb_mask_terminal_signals(cnb_sig_unblock())
    }
}
