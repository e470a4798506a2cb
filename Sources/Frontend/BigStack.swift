import Foundation

/// Runs `body` on a thread with a large stack, so deep user recursion reaches Python's
/// RecursionError long before Swift's own stack could overflow.
func onBigStack<T>(_ body: @escaping () -> T) -> T {
    final class Box: @unchecked Sendable {
        var value: T?
        let done = DispatchSemaphore(value: 0)
    }
    let box = Box()
    let thread = Thread {
        box.value = body()
        box.done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    box.done.wait()
    return box.value!
}
