import Foundation

/// Carries a closure and its result across the thread boundary.
private final class BigStackJob<T>: @unchecked Sendable {
    let body: () -> T
    var value: T?
    let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping () -> T) { self.body = body }
}

/// Runs `body` on a thread with a large stack, so deep user recursion reaches Python's
/// RecursionError long before Swift's own stack could overflow. Blocks until it ends.
func onBigStack<T>(_ body: @escaping () -> T) -> T {
    let job = BigStackJob(body)
    let thread = Thread {
        job.value = job.body()
        job.done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    job.done.wait()
    guard let value = job.value else { fatalError("big-stack job ended without a value") }
    return value
}
