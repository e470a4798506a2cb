#if canImport(Glibc)
import Glibc
import Testing
import Language

/// The deepest legal nestings parse on a thread with a modest stack (4 MiB, debug build), so a
/// REPL or interpreter thread is not at risk from CPython-legal input.
struct StackDepthTests {
    final class Job: @unchecked Sendable {
        let texts: [String]
        var results: [Bool] = []
        init(_ texts: [String]) { self.texts = texts }
    }

    static let deepest: [String] = [
        "x = " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200),
        "x = " + String(repeating: "f(", count: 200) + "1" + String(repeating: ")", count: 200),
        "x = " + String(repeating: "[", count: 200) + "1" + String(repeating: "]", count: 200),
        "x = " + String(repeating: "{1: ", count: 200) + "1" + String(repeating: "}", count: 200),
        "x = " + String(repeating: "a[", count: 200) + "1" + String(repeating: "]", count: 200),
        "x = " + String(repeating: "(1, ", count: 200) + "1" + String(repeating: ")", count: 200),
        "x = " + String(repeating: "lambda: ", count: 290) + "0",
        "x = 2" + String(repeating: "**-2", count: 290),
        "x = " + String(repeating: "a if b else ", count: 290) + "0",
    ]

    @Test func deepestLegalNestingFitsInFourMiB() {
        let job = Job(StackDepthTests.deepest)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 4 << 20)
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            let job = Unmanaged<Job>.fromOpaque(argument).takeRetainedValue()
            for text in job.texts {
                job.results.append((try? Parser.parse(SourceFile(name: "t", text: text))) != nil)
            }
            return nil
        }, Unmanaged.passRetained(job).toOpaque())
        #expect(created == 0)
        pthread_join(thread, nil)
        #expect(job.results == Array(repeating: true, count: StackDepthTests.deepest.count))
    }
}
#endif
