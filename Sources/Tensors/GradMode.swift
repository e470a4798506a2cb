#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread-local grad mode (`torch.no_grad()`, `torch.enable_grad()`, `torch.set_grad_enabled`).
///
/// Stored in a pthread key: the key's value is nil while grad mode is on (the default) and a
/// non-nil sentinel while it is off, so reading it allocates nothing.
public enum GradMode {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// Whether operations record autograd history on this thread.
    public static var isEnabled: Bool {
        get { pthread_getspecific(key) == nil }
        set { pthread_setspecific(key, newValue ? nil : UnsafeMutableRawPointer(bitPattern: 1)) }
    }

    /// Runs `body` with grad mode off (`with torch.no_grad():`), restoring the previous mode.
    @discardableResult
    public static func withDisabled<R>(_ body: () throws -> R) rethrows -> R {
        try with(enabled: false, body)
    }

    /// Runs `body` with grad mode set to `enabled`, restoring the previous mode afterwards.
    @discardableResult
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = isEnabled
        isEnabled = enabled
        defer { isEnabled = previous }
        return try body()
    }
}
