import Testing
@testable import Language

/// Parser output compared as S-expression dumps (see `ASTDump`).
struct ParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        var expected: String
        var testDescription: String { id }
    }

    static let expressions: [Case] = [
        Case(id: "assign", source: "x = 1", expected: "(= x 1)"),
        Case(id: "power-binds-tighter-than-neg", source: "-2**2", expected: "(- (** 2 2))"),
        Case(id: "power-right-assoc", source: "-x ** -y ** z", expected: "(- (** x (- (** y z))))"),
        Case(id: "star-unpack", source: "a, *rest = f(x)", expected: "(= (tuple a (* rest)) (call f x))"),
        Case(id: "shape-unpack", source: "h, w = K.shape", expected: "(= (tuple h w) (. K shape))"),
        Case(id: "nested-unpack", source: "(a, b), c = 1, 2", expected: "(= (tuple (tuple a b) c) (tuple 1 2))"),
        Case(id: "list-target", source: "[a, b] = c", expected: "(= (list a b) c)"),
        Case(id: "chained-assign", source: "a = b = 0", expected: "(= a b 0)"),
        Case(id: "aug-assign", source: "x += 1", expected: "(+= x 1)"),
        Case(id: "aug-assign-all", source: "a -= 1; a *= 1; a /= 1; a //= 1; a %= 1; a **= 1; a @= 1; a |= 1; a &= 1; a ^= 1; a <<= 1; a >>= 1",
             expected: "(-= a 1)\n(*= a 1)\n(/= a 1)\n(//= a 1)\n(%= a 1)\n(**= a 1)\n(@= a 1)\n(|= a 1)\n(&= a 1)\n(^= a 1)\n(<<= a 1)\n(>>= a 1)"),
        Case(id: "ann-assign", source: "x: int = 3", expected: "(ann x int 3)"),
        Case(id: "ann-no-value", source: "self.x: list[int]", expected: "(ann (. self x) (sub list int))"),
        Case(id: "slice-tuple", source: "X[:, 2:6] = 0", expected: "(= (sub X (tuple (slice _ _ _) (slice 2 6 _))) 0)"),
        Case(id: "ellipsis-none-index", source: "x[..., None]", expected: "(sub x (tuple ... None))"),
        Case(id: "step-slice", source: "x[::2, 1]", expected: "(sub x (tuple (slice _ _ 2) 1))"),
        Case(id: "slice-full", source: "x[1:-1:2]", expected: "(sub x (slice 1 (- 1) 2))"),
        Case(id: "slice-subtract", source: "X[i:i + h, j:j + w]", expected: "(sub X (tuple (slice i (+ i h) _) (slice j (+ j w) _)))"),
        Case(id: "call-args", source: "f(a, b=1, *c, **d)", expected: "(call f a (kw b 1) (* c) (** d))"),
        Case(id: "call-trailing-comma", source: "f(a,)", expected: "(call f a)"),
        Case(id: "genexp-arg", source: "sum(x for x in y)", expected: "(call sum (genexp x (for x y)))"),
        Case(id: "listcomp", source: "[x*y for x in a if x for y in b]", expected: "(listcomp (* x y) (for x a (if x)) (for y b))"),
        Case(id: "dictcomp", source: "{k: v for k, v in d.items()}", expected: "(dictcomp k v (for (tuple k v) (call (. d items))))"),
        Case(id: "setcomp", source: "{x for x in y if x if not x}", expected: "(setcomp x (for x y (if x) (if (not x))))"),
        Case(id: "genexp-paren", source: "(x for x in y)", expected: "(genexp x (for x y))"),
        Case(id: "set", source: "{1, 2}", expected: "(set 1 2)"),
        Case(id: "empty-dict", source: "{}", expected: "(dict)"),
        Case(id: "dict-unpack", source: "{**a, 'b': 1,}", expected: #"(dict (** a) ("b" 1))"#),
        Case(id: "empty-tuple", source: "()", expected: "(tuple)"),
        Case(id: "one-tuple", source: "(1,)", expected: "(tuple 1)"),
        Case(id: "paren", source: "(x)", expected: "x"),
        Case(id: "bare-tuple", source: "1, 2,", expected: "(tuple 1 2)"),
        Case(id: "starred-display", source: "[*a, *b, c]", expected: "(list (* a) (* b) c)"),
        Case(id: "lambda", source: "lambda x, y=1, *a, k, **kw: x", expected: "(lambda (x y=1 *a k **kw) x)"),
        Case(id: "lambda-empty", source: "f = lambda: 0", expected: "(= f (lambda () 0))"),
        Case(id: "ifexp", source: "a if b else c", expected: "(ifexp b a c)"),
        Case(id: "bool-ops", source: "not a and b or c", expected: "(or (and (not a) b) c)"),
        Case(id: "and-nests-left", source: "a and b and c", expected: "(and (and a b) c)"),
        Case(id: "compare-chain", source: "a < b <= c not in d is not e", expected: "(cmp a < b <= c not in d is not e)"),
        Case(id: "compare-all", source: "a == b != c > d >= e in f is g", expected: "(cmp a == b != c > d >= e in f is g)"),
        Case(id: "ints", source: "x = 0x_FF + 0o17 + 0b1010 + 1_000 + 99999999999999999999999 + 0xFFFFFFFFFFFFFFFFFF",
             expected: "(= x (+ (+ (+ (+ (+ 255 15) 10) 1000) 99999999999999999999999) 4722366482869645213695))"),
        Case(id: "int-max", source: "9223372036854775807, 9223372036854775808", expected: "(tuple 9223372036854775807 9223372036854775808)"),
        Case(id: "floats", source: "y = 3e-2 + 1. + .5 + 1_000.5 + 2j + 1E3", expected: "(= y (+ (+ (+ (+ (+ 0.03 1.0) 0.5) 1000.5) 2.0j) 1000.0))"),
        Case(id: "escapes", source: #"'a\n\t\x41\u00e9\U0001F600\101\\\'\"\q'"#, expected: #""a\n\tAé😀A\\'\"\\q""#),
        Case(id: "raw-string", source: #"r'\n\'' R"\d""#, expected: #""\\n\\'\\d""#),
        Case(id: "bytes", source: #"b'\x00a\101' rb'\x'"#, expected: #"b"\u{0}aA\\x""#),
        Case(id: "string-concat", source: "'a' \"b\" '''c'''", expected: #""abc""#),
        Case(id: "triple-chinese", source: "'''doc\n中文'''", expected: #""doc\n中文""#),
        Case(id: "line-continuation-in-string", source: "'a\\\nb'", expected: #""ab""#),
        Case(id: "named-unicode-escape", source: #"'\N{GREEK SMALL LETTER ALPHA}'"#, expected: #""α""#),
        Case(id: "fstring", source: #"f'{x!r:>{w}} {{}} {y=} {d["k"]}'"#,
             expected: #"(f {x !r :[">" {w}]} " {} " {y !r ="y="} " " {(sub d "k")})"#),
        Case(id: "fstring-debug-spaces", source: "f'{x = :.2f}'", expected: #"(f {x :[".2f"] ="x = "})"#),
        Case(id: "fstring-concat", source: "f'a' 'b' f'{c}'", expected: "(f \"ab\" {c})"),
        Case(id: "fstring-spec", source: "f'epoch {i+1}, loss {l.sum():.3f}'",
             expected: #"(f "epoch " {(+ i 1)} ", loss " {(call (. l sum)) :[".3f"]})"#),
        Case(id: "fstring-nested-quotes", source: #"f"{', '.join(a)!s}""#, expected: #"(f {(call (. ", " join) a) !s})"#),
        Case(id: "fstring-compare-not-conversion", source: "f'{a != b}{a == b}{a <= b}'",
             expected: "(f {(cmp a != b)} {(cmp a == b)} {(cmp a <= b)})"),
        Case(id: "fstring-dict-in-field", source: "f'{ {1: 2}[1] }'", expected: "(f {(sub (dict (1 2)) 1)})"),
        Case(id: "fstring-escape", source: #"f'\t{x}\n'"#, expected: #"(f "\t" {x} "\n")"#),
        Case(id: "fstring-raw", source: #"rf'\d{x}'"#, expected: #"(f "\\d" {x})"#),
        Case(id: "fstring-triple-multiline", source: "f'''{\nx\n}'''", expected: "(f {x})"),
        Case(id: "walrus", source: "if (n := len(a)) > 10: pass", expected: "(if (cmp (:= n (call len a)) > 10) [pass])"),
        Case(id: "walrus-call-arg", source: "f(y := 1)", expected: "(call f (:= y 1))"),
        Case(id: "bracket-join", source: "x = [\n  1,\n  2,\n]\n", expected: "(= x (list 1 2))"),
        Case(id: "backslash-join", source: "x = 1 + \\\n  2", expected: "(= x (+ 1 2))"),
        Case(id: "precedence", source: "a @ b // c % d << 1 >> 2 & 3 | 4 ^ ~5",
             expected: "(| (& (>> (<< (% (// (@ a b) c) d) 1) 2) 3) (^ 4 (~ 5)))"),
        Case(id: "arith-precedence", source: "a + b * c - d / e", expected: "(- (+ a (* b c)) (/ d e))"),
        Case(id: "not-not", source: "not not x", expected: "(not (not x))"),
        Case(id: "trailers", source: "a.b.c(d)[e].f", expected: "(. (sub (call (. (. a b) c) d) e) f)"),
        Case(id: "int-min", source: "x = -9223372036854775808", expected: "(= x (- 9223372036854775808))"),
        Case(id: "number-keyword", source: "1if x else 2", expected: "(ifexp x 1 2)"),
        Case(id: "unicode-names", source: "变量 = 1; print(变量)", expected: "(= 变量 1)\n(call print 变量)"),
        Case(id: "semicolons", source: "x = 1; y = 2;", expected: "(= x 1)\n(= y 2)"),
        Case(id: "constants", source: "True, False, None, ...", expected: "(tuple True False None ...)"),
        Case(id: "subscript-walrus", source: "a[b := 1]", expected: "(sub a (:= b 1))"),
    ]

    static let statements: [Case] = [
        Case(id: "def", source: "def f(a, b=2, /, c=3, *, d, **kw) -> int:\n    return a\n",
             expected: "(def f (a b=2 / c=3 * d **kw) -> int [(return a)])"),
        Case(id: "def-annotations", source: "def f(x: int, *args: str, y: float = 1.0, **kw: dict) -> None: pass",
             expected: "(def f (x:int *args:str y:float=1.0 **kw:dict) -> None [pass])"),
        Case(id: "def-docstring", source: "def corr2d(X, K):  #@save\n    \"\"\"计算二维互相关运算\"\"\"\n    h, w = K.shape\n    return Y\n",
             expected: "(def corr2d (X K) [\"计算二维互相关运算\" (= (tuple h w) (. K shape)) (return Y)])"),
        Case(id: "class", source: "@dec\n@dec2(1)\nclass C(Base, metaclass=M):\n    x = 1\n    def m(self): pass\n",
             expected: "(class C (Base (kw metaclass M)) [(= x 1) (def m (self) [pass])] @[dec (call dec2 1)])"),
        Case(id: "class-bare", source: "class C:\n    pass", expected: "(class C () [pass])"),
        Case(id: "if-elif-else", source: "if a:\n    pass\nelif b:\n    x\nelse:\n    y\n",
             expected: "(if a [pass] [(if b [x] [y])])"),
        Case(id: "for-else", source: "for i in range(3):\n    continue\nelse:\n    break\n",
             expected: "(for i (call range 3) [continue] [break])"),
        Case(id: "for-tuple-target", source: "for i, (a, *b) in x: pass", expected: "(for (tuple i (tuple a (* b))) x [pass])"),
        Case(id: "while-inline", source: "while x: x -= 1\n", expected: "(while x [(-= x 1)])"),
        Case(id: "while-else", source: "while x:\n    pass\nelse:\n    y", expected: "(while x [pass] [y])"),
        Case(id: "try", source: "try:\n    f()\nexcept (A, B) as e:\n    raise X from e\nexcept C:\n    pass\nexcept:\n    raise\nelse:\n    a\nfinally:\n    b\n",
             expected: "(try [(call f)] (except (tuple A B) as e [(raise X from e)]) (except C [pass]) (except [(raise)]) (else [a]) (finally [b]))"),
        Case(id: "try-finally", source: "try:\n    pass\nfinally:\n    pass", expected: "(try [pass] (finally [pass]))"),
        Case(id: "with", source: "with open(f) as g, h:\n    pass\n", expected: "(with ((call open f) as g) h [pass])"),
        Case(id: "with-parens", source: "with (a as b, c as d):\n    pass", expected: "(with (a as b) (c as d) [pass])"),
        Case(id: "with-paren-expr", source: "with (a) as b: pass", expected: "(with (a as b) [pass])"),
        Case(id: "imports", source: "import a.b as c, d\nfrom a.b import c as d, e\nfrom . import x\nfrom x import (a, b,)\nfrom x import *\nfrom ..p import q",
             expected: "(import (a.b as c) d)\n(from a.b (c as d) e)\n(from . x)\n(from x a b)\n(from x *)\n(from ..p q)"),
        Case(id: "d2l-import", source: "from d2l import torch as d2l", expected: "(from d2l (torch as d2l))"),
        Case(id: "misc-simple", source: "global a, b\nnonlocal c\ndel a, b[1]\nassert x, 'm'",
             expected: "(global a b)\n(nonlocal c)\n(del a (sub b 1))\n(assert x \"m\")"),
        Case(id: "return-tuple", source: "def f():\n    return 1, 2", expected: "(def f () [(return (tuple 1 2))])"),
        Case(id: "comments-and-blank-lines", source: "# top\n\nif x:  # c\n\n        # odd column comment\n    y = 1\n  # another\n    z = 2\n\n# end",
             expected: "(if x [(= y 1) (= z 2)])"),
        Case(id: "tabs", source: "if x:\n\ty = 1\n\tif y:\n\t\tz = 2", expected: "(if x [(= y 1) (if y [(= z 2)])])"),
        Case(id: "crlf", source: "if x:\r\n    y = 1\r\n", expected: "(if x [(= y 1)])"),
        Case(id: "nested-dedent", source: "def f():\n    for i in x:\n        if i:\n            pass\nz = 1",
             expected: "(def f () [(for i x [(if i [pass])])])\n(= z 1)"),
        Case(id: "empty", source: "", expected: ""),
        Case(id: "only-comments", source: "# a\n   # b\n", expected: ""),
        Case(id: "weight-update", source: "conv2d.weight.data[:] -= lr * conv2d.weight.grad",
             expected: "(-= (sub (. (. conv2d weight) data) (slice _ _ _)) (* lr (. (. conv2d weight) grad)))"),
    ]

    @Test(arguments: expressions + statements)
    func parses(_ c: Case) {
        #expect(parsed(c.source) == c.expected, "\(c.id)")
    }

    @Test func spansAreByteOffsets() throws {
        let source = SourceFile(name: "t", text: "é = f(x)\n")
        let module = try Parser.parse(source)
        let stmt = try #require(module.body.first)
        guard case .assign(let targets, let value) = stmt.kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(targets[0].span == Span(start: 0, end: 2))
        #expect(value.span == Span(start: 5, end: 9))
        #expect(stmt.span == Span(start: 0, end: 9))
        #expect(source.text(of: value.span) == "f(x)")
    }

    @Test func defHeaderSpan() throws {
        let source = SourceFile(name: "t", text: "@d\ndef f(a) -> int:\n    pass\n")
        let module = try Parser.parse(source)
        guard case .def(let def) = module.body[0].kind else {
            Issue.record("not a def")
            return
        }
        #expect(source.text(of: def.headerSpan) == "def f(a) -> int")
        #expect(source.text(of: module.body[0].span) == "def f(a) -> int:\n    pass")
    }
}
