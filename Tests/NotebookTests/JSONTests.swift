import Testing
@testable import Notebook

@Test("numbers print as Python's json", arguments: [
    ("1e16", "1e+16"), ("1e15", "1000000000000000.0"), ("0.0001", "0.0001"), ("0.00001", "1e-05"),
    ("1.5", "1.5"), ("100.0", "100.0"), ("123456789.123", "123456789.123"), ("1e-7", "1e-07"),
    ("5e-324", "5e-324"), ("1.7976931348623157e308", "1.7976931348623157e+308"), ("-0.0", "-0.0"),
    ("2.5e-05", "2.5e-05"), ("1E3", "1000.0"), ("0.1", "0.1"), ("12345678901234567", "12345678901234567"),
    ("9007199254740993.0", "9007199254740992.0"), ("1e22", "1e+22"), ("123e-2", "1.23"), ("-0", "0"), ("7", "7"),
    ("1e400", "Infinity"),
])
func pythonNumbers(_ input: String, _ expected: String) {
    #expect(JSONWriter.pythonNumber(input) == expected)
}

@Test func prettyMatchesPythonDumps() throws {
    let value = try JSONParser.parse("{\"b\": [1, {}], \"a\": \"\\u0000\\u001f\\u2028é\\\"\\\\\\u007f\", \"é\": [], \"B\": null, \"Z\": true}")
    #expect(JSONWriter.pretty(value) == """
    {
     "B": null,
     "Z": true,
     "a": "\\u0000\\u001f\u{2028}é\\"\\\\\u{7F}",
     "b": [
      1,
      {}
     ],
     "é": []
    }
    """)
}

@Test func repeatedKeysKeepTheLast() throws {
    let value = try JSONParser.parse("{\"a\": 1, \"a\": 2}")
    #expect(JSONWriter.pretty(value) == "{\n \"a\": 2\n}")
    #expect(value["a"] == .number("2"))
}

@Test func compactForm() throws {
    #expect(JSONWriter.compact(try JSONParser.parse(" [\"x\",{\"k\":null},1.50] ")) == "[\"x\", {\"k\": null}, 1.5]")
}

@Test func surrogatePairsDecode() throws {
    #expect(try JSONParser.parse("\"\\ud83d\\ude00\"") == .string("😀"))
}

@Test("syntax errors have line and column", arguments: [
    ("{\n \"a\": tru\n}", 2, 7),
    ("[1,\n2,\n]", 3, 1),
    ("\"abc", 1, 5),
    ("{} x", 1, 4),
    ("01", 1, 2),
])
func syntaxErrors(_ text: String, _ line: Int, _ column: Int) {
    do {
        _ = try JSONParser.parse(text)
        Issue.record("parsed \(text)")
    } catch {
        #expect(error.line == line)
        #expect(error.column == column)
    }
}

@Test func pythonSplitLines() {
    #expect(OutputText.pythonSplitLinesKeepingEnds("a\nb\r\nc\rd\u{0B}e\u{2028}f") == ["a\n", "b\r\n", "c\r", "d\u{0B}", "e\u{2028}", "f"])
    #expect(OutputText.pythonSplitLinesKeepingEnds("") == [])
    #expect(OutputText.pythonSplitLinesKeepingEnds("x\n") == ["x\n"])
}
