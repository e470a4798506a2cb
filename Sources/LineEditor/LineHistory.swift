import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libedit history list persisted to a file: one entry per cell (multi-line cells stay
/// whole; libedit's `strvis` encoding stores the newlines as `\012`), saved through a
/// temporary file and `rename` so a killed terminal never leaves a truncated file.
public final class LineHistory {
    /// libedit's `History *`.
    let handle: OpaquePointer
    /// Where entries are persisted; nil keeps them in memory only.
    public let path: String?
    /// Set when the file at `path` could not be read and was moved aside.
    public private(set) var recoveredFrom: String?

    /// Creates a history of at most `size` entries and loads `path` if it exists. A file
    /// libedit cannot read is renamed to `<path>.corrupt` and the history starts empty.
    public init(path: String?, size: Int32 = 1000) {
        handle = history_init()
        self.path = path
        var ev = HistEvent()
        _ = cnb_history_setsize(handle, &ev, size)
        _ = cnb_history_setunique(handle, &ev, 1)
        if let path { load(path) }
    }

    deinit { history_end(handle) }

    private func load(_ path: String) {
        guard access(path, F_OK) == 0 else { return }
        var ev = HistEvent()
        if cnb_history_load(handle, &ev, path) < 0 {
            _ = cnb_history_clear(handle, &ev)
            let aside = path + ".corrupt"
            if rename(path, aside) == 0 { recoveredFrom = aside }
        }
    }

    /// Adds an entry (consecutive duplicates are dropped). Empty entries are ignored.
    public func add(_ entry: String) {
        guard !entry.isEmpty else { return }
        var ev = HistEvent()
        _ = cnb_history_enter(handle, &ev, entry)
    }

    /// The entries, oldest first.
    public var entries: [String] {
        var result: [String] = []
        var ev = HistEvent()
        guard cnb_history_last(handle, &ev) == 0 else { return [] }
        repeat {
            if let s = ev.str { result.append(String(cString: s)) }
        } while cnb_history_prev(handle, &ev) == 0
        return result
    }

    /// Writes the history to `path` atomically (temporary file, fsync, rename), mode 0600,
    /// creating the folder if needed. Returns false when the file could not be written.
    @discardableResult
    public func save() -> Bool {
        guard let path else { return true }
        let dir = Self.directory(of: path)
        if !dir.isEmpty { Self.makeDirectories(dir) }
        let tmp = path + ".tmp-\(getpid())"
        guard let fp = fopen(tmp, "w") else { return false }
        fchmod(fileno(fp), 0o600)
        var ev = HistEvent()
        let written = cnb_history_save_fp(handle, &ev, fp)
        let flushed = fflush(fp) == 0 && fsync(fileno(fp)) == 0
        let closed = fclose(fp) == 0
        guard written >= 0, flushed, closed, rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        return true
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `mkdir -p` with mode 0700 (history is private).
    static func makeDirectories(_ dir: String) {
        var current = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o700)
        }
    }

    /// `$XDG_STATE_HOME/<app>/history`, defaulting to `~/.local/state/<app>/history`; nil
    /// when neither `XDG_STATE_HOME` nor `HOME` is set.
    public static func defaultPath(app: String = "cnb") -> String? {
        if let s = getenv("XDG_STATE_HOME"), case let dir = String(cString: s), dir.hasPrefix("/") {
            return dir + "/\(app)/history"
        }
        if let h = getenv("HOME"), case let home = String(cString: h), !home.isEmpty {
            return home + "/.local/state/\(app)/history"
        }
        return nil
    }
}
