import CKernels
import Dispatch

/// How the kernels share big work between cores: a fixed worker count and a parallel-for that
/// runs on the calling thread alone when there is one worker or one piece of work.
enum KernelThreads {
    /// Workers for big kernels: the online CPUs, at most 8 (the notebooks' shapes gain nothing beyond).
    static let count: Int = Swift.max(1, Swift.min(8, ck_cpu_count()))

    /// Work below this many floating-point operations stays on the calling thread: waking a
    /// second thread costs a few microseconds, and under contention far more.
    static let minParallelFlops = 2_000_000

    /// Runs `body(t)` for t in 0..<parts, concurrently when parts > 1. `body` must only write
    /// memory no other part writes.
    static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 0 { return }
        if parts == 1 {
            body(0)
            return
        }
        // The parts write disjoint memory (the caller's contract), so sharing `body` is safe.
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let shared = escapable
            DispatchQueue.concurrentPerform(iterations: parts) { t in shared(t) }
        }
    }

    /// The `index`-th of `parts` contiguous near-equal slices of 0..<total.
    @inline(__always)
    static func slice(_ index: Int, of parts: Int, total: Int) -> Range<Int> {
        (total * index / parts)..<(total * (index + 1) / parts)
    }
}
