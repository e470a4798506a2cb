import Testing
import Language

/// No input may crash or hang the lexer or parser: every input parses or throws a diagnostic.
struct RobustnessTests {
    /// SplitMix64, so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Parses and, when it fails, renders: both must return.
    func survive(_ text: String) {
        do {
            _ = try Parser.parse(SourceFile(name: "fuzz", text: text))
        } catch {
            _ = error.rendered()
        }
        _ = isIncompleteInput(text)
    }

    @Test func randomBytes() {
        var random = Random(state: 42)
        for _ in 0..<2000 {
            let count = random.below(64)
            var bytes: [UInt8] = []
            for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            survive(String(decoding: bytes, as: UTF8.self))
        }
    }

    static let fragments = [
        "x", "=", "(", ")", "[", "]", "{", "}", ":", ",", ";", "\n", "    ", "\t", "if", "else", "elif", "def",
        "class", "for", "in", "while", "try", "except", "finally", "with", "as", "lambda", "return", "1", "2.5",
        "0x", "'", "\"", "'''", "f'{", "}'", "f\"{x!r:>{w}}\"", "*", "**", "-", "not", "and", "or", "is", "@",
        ".", "...", "\\", "#c", "中文", "import", "from", "yield", "del", "=", "+=", ":=", "->", "None", "é",
    ]

    @Test func randomFragments() {
        var random = Random(state: 7)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.below(24) {
                text += RobustnessTests.fragments[random.below(RobustnessTests.fragments.count)]
                if random.below(3) == 0 { text += " " }
            }
            survive(text)
        }
    }

    @Test func mutatedValidSource() {
        let base = Array("""
            def corr2d(X, K):
                h, w = K.shape
                Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
                return f'{Y!r:>{10}}'

            """.utf8)
        var random = Random(state: 99)
        for _ in 0..<1500 {
            var bytes = base
            for _ in 0..<(1 + random.below(4)) {
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[random.below(bytes.count)], at: at)
                default: bytes[at] = bytes[random.below(bytes.count)]
                }
            }
            survive(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test(arguments: [
        ("open-parens-10000", String(repeating: "(", count: 10_000)),
        ("balanced-parens-10000", String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)),
        ("brackets-mixed-10000", String(repeating: "[{(", count: 3_400)),
        ("unary-minus-100000", String(repeating: "-", count: 100_000) + "x"),
        ("not-20000", String(repeating: "not ", count: 20_000) + "x"),
        ("plus-chain-20000", "x" + String(repeating: "+x", count: 20_000)),
        ("attribute-chain-20000", "x" + String(repeating: ".a", count: 20_000)),
        ("call-chain-10000", "f" + String(repeating: "()", count: 10_000)),
        ("power-chain-10000", "2" + String(repeating: "**2", count: 10_000)),
        ("power-neg-chain-10000", "2" + String(repeating: "**-2", count: 10_000)),
        ("lambda-chain-5000", String(repeating: "lambda: ", count: 5_000) + "0"),
        ("ifexp-chain-5000", String(repeating: "a if b else ", count: 5_000) + "c"),
        ("or-chain-10000", "a" + String(repeating: " or a", count: 10_000)),
        ("compare-chain-10000", "a" + String(repeating: " < a", count: 10_000)),
        ("deep-blocks", (0..<150).map { String(repeating: " ", count: $0) + "if x:\n" }.joined()),
        ("elif-chain-2000", "if a: pass\n" + String(repeating: "elif a: pass\n", count: 2_000)),
        ("fstring-nesting", "f'{f\"{f'''{1}'''}\"}'"),
        ("fstring-spec-nesting", "f'{x:{y:{z}}}'"),
        ("many-strings", String(repeating: "'a' ", count: 10_000)),
        ("empty", ""),
        ("only-comments", "# a\n# b\n   # c"),
        ("only-newlines", "\n\n\n\r\n"),
        ("lone-backslash", "\\"),
        ("lone-quote", "'"),
        ("null-byte", "x = \u{0}"),
        ("huge-int", String(repeating: "9", count: 5_000)),
        ("huge-hex", "0x" + String(repeating: "f", count: 2_000)),
    ])
    func pathological(_ id: String, _ text: String) {
        survive(text)
    }

    @Test func nestingLimitIsCPythons() {
        let ok = "x = " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect((try? Parser.parse(SourceFile(name: "t", text: ok))) != nil)
        let deep = "x = " + String(repeating: "(", count: 201) + "1" + String(repeating: ")", count: 201)
        do {
            _ = try Parser.parse(SourceFile(name: "t", text: deep))
            Issue.record("201 nested parentheses parsed")
        } catch {
            #expect(error.message == "too many nested parentheses")
        }
    }

    @Test func deepUnaryChainIsRejectedNotCrashing() {
        do {
            _ = try Parser.parse(SourceFile(name: "t", text: String(repeating: "-", count: 100_000) + "1"))
            Issue.record("parsed")
        } catch {
            #expect(error.message == "too many nested expressions")
        }
    }
}
