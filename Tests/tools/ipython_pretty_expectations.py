"""Prints the expectation rows of Tests/InterpreterTests/PrettyPrintTests.swift.

Each case is cnb source whose last line is an expression; CPython runs the same source
(with small stand-ins for torch, pyplot and grad_fn nodes, whose reprs are torch's) and
IPython.lib.pretty.pretty gives the text IPython shows as Out. Object addresses are
renumbered in order of appearance the way cnb's fake addresses count (0x7f0000000040,
then +0x40). Run: python3 Tests/tools/ipython_pretty_expectations.py (needs ipython).
"""
import re
import sys
import textwrap

from IPython.lib.pretty import pretty

PRELUDE = '''
class _Tensor:
    def __init__(self, text): self.text = text
    def __repr__(self): return self.text
class torch:
    def ones(*shape):
        return _Tensor({(2, 2): "tensor([[1., 1.],\\n        [1., 1.]])", (2,): "tensor([1., 1.])"}[shape])
    def zeros(*shape):
        return _Tensor({(2,): "tensor([0., 0.])", (3,): "tensor([0., 0., 0.])"}[shape])
    class _C:
        class Generator: pass
    class Tensor: pass
    Tensor.__module__ = 'torch'
    Tensor.__qualname__ = 'Tensor'
    Generator = _C.Generator
    Generator.__module__ = 'torch._C'
    Generator.__qualname__ = 'Generator'
    def manual_seed(seed): return torch._C.Generator()
class MulBackward0: pass
MulBackward0.__module__ = 'builtins'
class _Line2D: pass
_Line2D.__module__ = 'matplotlib.lines'
_Line2D.__qualname__ = 'Line2D'
class plt:
    def plot(*args): return [_Line2D()]
'''

# (id, source). Sources use only what cnb and CPython both run; `torch`, `plt` and
# grad_fn come from the stand-ins above on the CPython side.
CASES = [
    ("short list", "[1, 2, 3]"),
    ("long list", "list(range(40))"),
    ("list just fits", "[1000000 + i for i in range(8)] + [12345]"),
    ("list one over", "[1000000 + i for i in range(8)] + [123456]"),
    ("nested lists", "[list(range(12)), list(range(12)), [[1, 2], [3, 4]], 'abc' * 5]"),
    ("inner group breaks", "[[1] * 30, [2] * 3]"),
    ("deep nesting", "[[[i, i * 10000000] for i in range(4)] for j in range(3)]"),
    ("long dict", "{f'key{i}': i * 1.5 for i in range(8)}"),
    ("dict of lists", "{'a': list(range(30)), 'b': {'x': 1}, 'c': []}"),
    ("dict keeps insertion order", "{'b': 1, 'a': 2, 'c': 3}"),
    ("long dict insertion order", "{k: len(k) * 1000003 for k in ['zeta', 'alpha', 'mid', 'beta', 'omega', 'pi']}"),
    ("one-tuple", "(1,)"),
    ("long one-tuple", "(list(range(30)),)"),
    ("tuple of tuples", "tuple((i, str(i) * 10) for i in range(5))"),
    ("empty containers", "[[], (), {}, set(), frozenset()]"),
    ("set sorted", "{3, 1, 2}"),
    ("long set", "set(range(50, 0, -2))"),
    ("frozenset", "frozenset({'b', 'a', 'c'})"),
    ("mixed set sorted by str", "{1, 'a'}"),
    ("string list", "['alpha' * 3, 'beta' * 4, 'gamma' * 3, 'delta' * 2, \"it's\"]"),
    ("code point widths", "['\u00e9' * 38, '\u00e9' * 38]"),
    ("over 1000 items", "list(range(1005))"),
    ("self cycle", "l = [1, 2]\nl.append(l)\nl"),
    ("dict cycle", "d = {'a': 1}\nd['self'] = d\nd"),
    ("object without repr", "class A:\n    pass\nA()"),
    ("objects in a list", "class A:\n    pass\n[A(), A(), A()]"),
    ("inherited default repr", "class A:\n    pass\nclass C(A):\n    pass\nC()"),
    ("object with repr", "class B:\n    def __repr__(self):\n        return 'B(1)'\n[B(), B()]"),
    ("inherited repr", "class B:\n    def __repr__(self):\n        return 'B()'\nclass D(B):\n    pass\nD()"),
    ("multi-line repr in list", "class M:\n    def __repr__(self):\n        return 'M(\\n  x=1)'\n[M(), M()]"),
    ("classes", "class A:\n    pass\n[int, A, list, str]"),
    ("nested class", "class Outer:\n    class Inner:\n        pass\n[Outer.Inner, Outer.Inner()]"),
    ("exception", "ValueError('bad', 2)"),
    ("user exception", "class MyError(Exception):\n    pass\nMyError('m')"),
    ("list of tensors", "[torch.ones(2, 2), torch.zeros(2)]"),
    ("dict of tensors", "{'w': torch.ones(2, 2), 'b': torch.zeros(3)}"),
    ("short tensor list", "[torch.ones(2), torch.zeros(2)]"),
    ("tensor one-tuple", "(torch.ones(2, 2),)"),
    ("grad_fn and generator", "x = torch.ones(2, requires_grad=True)\n(x * 2).grad_fn, torch.manual_seed(0)"),
    ("Line2D list", "plt.plot([1, 2])"),
    ("functions", "def f(a, b=2, *args, c, d='x', **kw):\n    pass\ndef g(a, /, b, *, c=None):\n    pass\n"
                  "def k():\n    pass\n[f, g, k, lambda x, y=[1, 2]: x]"),
    ("annotated function", "class A:\n    pass\ndef h(x: int, y: A = None, z: 'Q' = 1.5) -> float:\n    pass\nh"),
    ("torch annotations", "def t(x: torch.Tensor, n: int = 3) -> torch.Tensor:\n    return x\nt"),
    ("nested function and methods", "def outer():\n    def inner(q):\n        pass\n    return inner\n"
                                    "class C:\n    def m(self, x):\n        pass\n[outer(), C.m, C().m]"),
    ("builtin iterators", "[map(str, [1]), zip([1], [2]), iter([1]), enumerate([1])]"),
    ("scalars", "(None, True, 1.5, 'it\\'s', -3)"),
]

def run(source):
    env = {"__name__": "__main__"}
    exec(PRELUDE, env)
    lines = source.split("\n")
    body, last = "\n".join(lines[:-1]), lines[-1]
    if "grad_fn" in last:
        env["x"] = None
        last = "MulBackward0(), torch.manual_seed(0)"
        body = ""
    exec(body, env)
    return pretty(eval(last, env))

def renumber(text):
    seen = {}
    def sub(m):
        a = m.group(0)
        if a not in seen:
            seen[a] = "0x%x" % (0x7f0000000000 + 0x40 * (len(seen) + 1))
        return seen[a]
    return re.sub(r"0x[0-9a-f]{6,}", sub, text)

def swift_literal(s):
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out + '"'

for case_id, source in CASES:
    expected = renumber(run(source))
    print(f"    .init({swift_literal(case_id)},")
    print(f"          {swift_literal(source)},")
    print(f"          {swift_literal(expected)}),")
