import Testing
import Interpreter

/// The expected outcome of a formatting call, as CPython 3.11 produced it.
enum PyFormatExpected: Sendable, Equatable, CustomStringConvertible {
    case ok(String)
    case error(PyFormatError.Kind, String)

    init(_ body: () throws(PyFormatError) -> String) {
        do {
            self = .ok(try body())
        } catch {
            self = .error(error.kind, error.message)
        }
    }

    var description: String {
        switch self {
        case .ok(let s): "ok(\(s.debugDescription))"
        case .error(let kind, let message): "error(\(kind), \(message.debugDescription))"
        }
    }
}

@Suite struct PyFormatTests {
    @Test func floatRepr() {
        for (x, expected) in pyFloatReprRows {
            #expect(PyFormat.floatRepr(x) == expected, "repr(\(x))")
            #expect(PyFormat.floatStr(x) == expected)
        }
    }

    @Test func round() {
        for (x, n, expected) in pyRoundRows {
            let got = PyFormat.round(x, n)
            #expect(got == expected && got.sign == expected.sign, "round(\(x), \(n)) = \(got), expected \(expected)")
        }
        #expect(PyFormat.round(.nan, 2).isNaN)
        #expect(PyFormat.round(.infinity, 2) == .infinity)
    }

    @Test func formatSpec() {
        var failures = 0
        for (value, spec, expected) in pyFormatRows {
            let got = PyFormatExpected { () throws(PyFormatError) in try PyFormat.format(value, spec: spec) }
            if got != expected { failures += 1 }
            #expect(got == expected, "format(\(value), \(spec.debugDescription))")
        }
        #expect(failures == 0)
    }

    @Test func percentTuple() {
        for (format, args, expected) in pyPercentRows {
            let got = PyFormatExpected { () throws(PyFormatError) in try PyFormat.percentFormat(format, .tuple(args)) }
            #expect(got == expected, "\(format.debugDescription) % \(args)")
        }
    }

    @Test func percentSingle() {
        for (format, arg, expected) in pyPercentSingleRows {
            let got = PyFormatExpected { () throws(PyFormatError) in try PyFormat.percentFormat(format, .single(arg)) }
            #expect(got == expected, "\(format.debugDescription) % \(arg)")
        }
    }

    @Test func percentMapping() {
        for (format, mapping, expected) in pyPercentMappingRows {
            let got = PyFormatExpected { () throws(PyFormatError) in try PyFormat.percentFormat(format, .mapping(mapping)) }
            #expect(got == expected, "\(format.debugDescription) % \(mapping)")
        }
    }

    @Test func intStrings() {
        for (value, base, expected) in pyIntStringRows {
            #expect(PyFormat.intString(value, base: base) == expected, "\(value) base \(base)")
        }
    }

    /// `'%.2f' % t` and `'%d' % t` for a one-element tensor go through the object conversions.
    @Test func objectOperands() throws {
        let args = PyPercentArguments(tupleCount: nil, isMapping: false, operand: { _ in
            .object(typeName: "Tensor", index: nil, int: .int(1), float: 1.5)
        }, text: { _, _ in "tensor([1.5000])" })
        #expect(try PyFormat.percentFormat("%.2f", args) == "1.50")
        #expect(try PyFormat.percentFormat("%d", args) == "1")
        #expect(try PyFormat.percentFormat("%s", args) == "tensor([1.5000])")
        #expect(throws: PyFormatError(.typeError, "%x format: an integer is required, not Tensor")) {
            try PyFormat.percentFormat("%x", args)
        }
        let list = PyPercentArguments(tupleCount: nil, isMapping: true, operand: { _ in .object(typeName: "list") },
                                      text: { _, _ in "[]" })
        // A mapping-like right operand never triggers "not all arguments converted".
        #expect(try PyFormat.percentFormat("hello", list) == "hello")
        #expect(throws: PyFormatError(.typeError, "%d format: a real number is required, not list")) {
            try PyFormat.percentFormat("%d", list)
        }
    }

    /// A callback's own error passes through unchanged.
    @Test func propagatedErrors() {
        struct Boom: Error {}
        let args = PyPercentArguments(tupleCount: 1, isMapping: false, operand: { _ in .object(typeName: "X") },
                                      text: { _, _ throws(PyFormatError) in throw PyFormatError(propagating: Boom()) })
        do {
            _ = try PyFormat.percentFormat("%s", args)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .propagated)
            #expect(error.underlying is Boom)
        }
    }
}
