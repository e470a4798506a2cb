// libFuzzer target: the interpreter. Source text goes in; any outcome (a value, a syntax
// error, a Python exception) is fine, a crash is not. Each input gets a fresh session with
// small limits so one input cannot take the fuzzer down: tensors capped at 64 MiB, Python
// recursion at 200 frames, output at 64 KiB, and a watchdog that interrupts an input after
// 200 ms the way `--timeout` does (the interrupt flag the interpreter polls).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Interpreter
import Synchronization
import Tensors

/// Discards program output (the interpreter still formats it).
final class NullSink: OutputSink {
    func write(_ text: String, stream: OutputChannel) {}
    func display(png: [UInt8], width: Int, height: Int) {}
}

/// Wall-clock milliseconds.
func nowMillis() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
}

/// Start time of the input being run (0: idle). The watchdog thread reads it.
let runningSince = Atomic<Int>(0)
let timeLimitMillis = 200

/// One job handed to the big-stack worker thread.
final class Worker: @unchecked Sendable {
    let start = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    var input: [UInt8] = []

    func loop() {
        while true {
            start.wait()
            runOne(input)
            done.signal()
        }
    }
}

func runOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let interpreter = Interpreter(output: NullSink())
    interpreter.recursionLimit = 200
    interpreter.outputLimit = 64 << 10
    interpreter.timeoutSeconds = Double(timeLimitMillis) / 1000
    interruptRequest.store(0, ordering: .relaxed)
    runningSince.store(nowMillis(), ordering: .relaxed)
    defer {
        runningSince.store(0, ordering: .relaxed)
        interruptRequest.store(0, ordering: .relaxed)
    }
    switch interpreter.execute(text, name: "Cell In[1]") {
    case .ok(let value):
        if let value { _ = try? interpreter.repr(value) }
    case .syntaxError:
        break
    case .error(let e):
        _ = interpreter.errorMessage(e)
        _ = interpreter.renderTraceback(e)
    }
}

nonisolated(unsafe) var worker: Worker?

func startThreads() -> Worker {
    TensorMemory.limit = 64 << 20
    let w = Worker()
    // The interpreter recurses on the Swift stack; give it room like the cnb binary does.
    let thread = Thread { w.loop() }
    thread.stackSize = 1 << 29
    thread.start()
    let watchdog = Thread {
        while true {
            usleep(20_000)
            let since = runningSince.load(ordering: .relaxed)
            if since != 0, nowMillis() - since > timeLimitMillis {
                interruptRequest.store(2, ordering: .relaxed)
            }
        }
    }
    watchdog.start()
    return w
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let w = worker ?? startThreads()
    worker = w
    w.input = Array(UnsafeBufferPointer(start: data, count: size))
    w.start.signal()
    w.done.wait()
    return 0
}
