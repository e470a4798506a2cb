#!/usr/bin/env python3
"""Runs every corpus file under CPython and checks its inline expectations.

The corpus is the executable spec of cnb's Python subset, so every file must also be
valid Python 3 that prints what its `# expect:` comments say. This is the developers'
oracle (CI runs the same files through cnb's interpreter in CorpusTests.swift):

    python3 Tests/Corpus/check_with_python.py            # every file
    python3 Tests/Corpus/check_with_python.py strings    # one folder (or file)

Expectations (see CorpusTests.swift):
    # expect: <line>                      one printed line, in order through the file
    # expect-error: Name: message         the last line of the uncaught error's traceback
    # expect-syntax-error: Name: message  the file must not compile
    # cnb-only: reason                    a documented difference from CPython (skipped here)
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))


def expectations(text):
    lines, error, syntax = [], None, None
    for line in text.split("\n"):
        if "# expect-syntax-error: " in line:
            syntax = line.split("# expect-syntax-error: ", 1)[1]
        elif "# expect-error: " in line:
            error = line.split("# expect-error: ", 1)[1]
        elif "# expect:" in line:
            rest = line.split("# expect:", 1)[1]
            lines.append(rest[1:] if rest.startswith(" ") else rest)
    return lines, error, syntax


def check(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    want, error, syntax = expectations(text)
    if "# cnb-only:" in text:
        return None
    proc = subprocess.run([sys.executable, "-X", "utf8", path], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=os.path.dirname(path))
    got = proc.stdout.split("\n")
    if got and got[-1] == "":
        got.pop()
    err_lines = [l for l in proc.stderr.split("\n") if l.strip()]
    last = err_lines[-1] if err_lines else None
    problems = []
    if syntax is not None:
        if proc.returncode == 0 or last != syntax:
            problems.append(f"expected {syntax!r}, python ended with {last!r}")
        return problems
    if error is not None:
        if proc.returncode == 0 or last != error:
            problems.append(f"expected error {error!r}, python ended with {last!r}")
    elif proc.returncode != 0:
        problems.append(f"python failed: {last!r}")
    if got != want:
        for i in range(max(len(got), len(want))):
            w = want[i] if i < len(want) else "<none>"
            g = got[i] if i < len(got) else "<none>"
            if w != g:
                problems.append(f"line {i + 1}: expected {w!r}, python printed {g!r}")
    return problems


def main(args):
    targets = [os.path.join(ROOT, a) if not os.path.isabs(a) else a for a in args] or [ROOT]
    files = []
    for t in targets:
        if os.path.isdir(t):
            for dirpath, _, names in os.walk(t):
                files += [os.path.join(dirpath, n) for n in names
                          if n.endswith(".py") and n != os.path.basename(__file__) and not n.startswith("_")]
        else:
            files.append(t)
    failed = skipped = 0
    for path in sorted(files):
        problems = check(path)
        if problems is None:
            skipped += 1
        elif problems:
            failed += 1
            print(f"FAIL {os.path.relpath(path, ROOT)}")
            for p in problems:
                print(f"  {p}")
    checked = len(files) - skipped
    print(f"{checked - failed}/{checked} corpus files agree with {sys.executable}"
          f" ({skipped} cnb-only files skipped)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
