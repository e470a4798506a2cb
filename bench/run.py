#!/usr/bin/env python3
"""cnb's benchmark: one table of cnb's figures beside PyTorch's, measured in the same run.

`make bench` builds the release binary first and then runs this script (it builds nothing).
Each bench notebook (bench/*.cnb, valid Python too) runs once through `cnb run` and, when
`python3 -c 'import torch'` works, once through python3; the notebooks print
`name value unit` lines. Whole-process figures (start-up, notebook replay, peak RSS) come from
repeated runs, reporting the median. Standard library only; hyperfine is not needed.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*) (-?[0-9.]+(?:[eE][-+]?[0-9]+)?) (\S+)$")

# This machine's measured fp32 FMA peak on both cores (../shared/docs/perf-anchors.md), GFLOP/s.
PEAK_GFLOPS = 438.0

# Goals: (row, unit, lower is better, goal text, test(cnb, torch) -> bool or None).
# A goal that compares against PyTorch is unknown (None) when PyTorch was not measured.


def ratio_goal(factor, lower, absolute=None):
    """cnb within `factor` of PyTorch (lower: cnb <= torch / factor; higher: cnb >= torch * factor),
    and, if given, the absolute bound as well."""
    def check(cnb, torch):
        ok_abs = True
        if absolute is not None:
            ok_abs = cnb <= absolute if lower else cnb >= absolute
        if torch is None:
            return None if ok_abs else False
        ok_rel = cnb <= torch / factor if lower else cnb >= torch * factor
        return ok_rel and ok_abs
    return check


def absolute_goal(bound, lower):
    return lambda cnb, torch: cnb <= bound if lower else cnb >= bound


CONV_SHAPES = ["img256_k3", "lenet_c1", "lenet_c2", "resnet_c64", "stem_k7s2"]

ROWS = [
    ("startup_first_result", "ms", True, "<= 20 ms", absolute_goal(20.0, True)),
    ("repl_first_prompt", "ms", True, "<= 20 ms", absolute_goal(20.0, True)),
    ("seed000_replay", "ms", True, "<= torch/100, <= 25 ms", ratio_goal(100, True, 25.0)),
    ("seed000_peak_rss", "MiB", True, "<= 30 MiB", absolute_goal(30.0, True)),
    ("corr2d_6x8_k1x2_per_output", "us", True, "<= torch/20, <= 0.3 us", ratio_goal(20, True, 0.3)),
    ("corr2d_64x64_k3x3_per_output", "us", True, "<= torch/20, <= 0.3 us", ratio_goal(20, True, 0.3)),
    ("slice_mul_sum", "us", True, "<= 0.3 us", absolute_goal(0.3, True)),
    ("learn_kernel_step", "us", True, "<= torch/10, <= 5 us", ratio_goal(10, True, 5.0)),
    ("small_mul_add", "us", True, "<= torch", ratio_goal(1, True)),
    ("add_1m", "us", True, "<= torch", ratio_goal(1, True)),
    ("sum_1m", "us", True, "<= torch", ratio_goal(1, True)),
]
for shape in CONV_SHAPES:
    for part in ("fwd", "fwdbwd"):
        ROWS.append((f"{shape}_{part}", "GFLOP/s", False, ">= 1.2x torch", ratio_goal(1.2, False)))
for shape in ("resnet_c64", "stem_k7s2"):
    ROWS.append((f"{shape}_fwd_peak_pct", "%", False, ">= 60% of peak", absolute_goal(60.0, False)))


def run_timed(cmd, timeout=900):
    """Runs `cmd` from the project root; returns (wall seconds, exit code, stdout text)."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, ""
    return time.perf_counter() - start, proc.returncode, proc.stdout.decode("utf-8", "replace")


def run_rusage(cmd, stdin_data=None, timeout=600):
    """Runs `cmd` with wait4 to get its own peak RSS; returns (wall s, peak MiB, exit code, stdout)."""
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    in_read, in_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.chdir(ROOT)
            os.dup2(in_read, 0)
            os.dup2(write_end, 1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(read_end)
            os.close(in_write)
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    os.close(write_end)
    os.close(in_read)
    if stdin_data:
        os.write(in_write, stdin_data)
    os.close(in_write)
    chunks = []
    deadline = start + timeout
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            break
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, b"".join(chunks).decode("utf-8", "replace")


def parse_figures(text):
    figures = {}
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if m:
            figures[m.group(1)] = float(m.group(2))
    return figures


def whole_process(cmd, repeats, stdin_data=None, warmup=1):
    """Median wall time (ms) and median peak RSS (MiB) over `repeats` runs, or (None, None) on failure."""
    walls, peaks = [], []
    for i in range(warmup + repeats):
        wall, peak, code, _ = run_rusage(cmd, stdin_data)
        if code != 0:
            return None, None
        if i >= warmup:
            walls.append(wall * 1000.0)
            peaks.append(peak)
    return statistics.median(walls), statistics.median(peaks)


def torch_available():
    try:
        return subprocess.run([sys.executable, "-c", "import torch"], cwd=ROOT, capture_output=True,
                              timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def fmt(v):
    if v is None:
        return "n/a"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def main():
    ap = argparse.ArgumentParser(
        description="Run cnb's benchmark notebooks (bench/*.cnb) under cnb and, when torch imports, "
                    "under python3, and print one table of figures, ratios and goals. Builds nothing: "
                    "`make bench` builds the release binary first.")
    ap.add_argument("--cnb", default=os.path.join(ROOT, ".build", "release", "cnb"),
                    help="the cnb binary (default: .build/release/cnb)")
    ap.add_argument("--repeats", type=int, default=15,
                    help="runs per whole-process figure for cnb (PyTorch gets a third, at least 3)")
    ap.add_argument("--no-torch", action="store_true", help="skip the PyTorch side")
    ap.add_argument("--only", default=None,
                    help="comma-separated notebook names to run (e.g. conv2d,corr2d); default all")
    args = ap.parse_args()

    cnb = args.cnb
    if not os.access(cnb, os.X_OK):
        print(f"bench: no cnb binary at {cnb} (run `make bench`, which builds it)", file=sys.stderr)
        return 2
    with_torch = not args.no_torch and torch_available()
    py = sys.executable
    torch_repeats = max(3, args.repeats // 3)
    cnb_fig, torch_fig = {}, {}
    failures = []

    def note(msg):
        print(msg, file=sys.stderr, flush=True)

    # Whole-process figures.
    startup = os.path.join(BENCH, "startup.cnb")
    seed = os.path.join(BENCH, "seed000_torch_basics.cnb")
    note("bench: start-up and replay (whole process)")
    cnb_fig["startup_first_result"], _ = whole_process([cnb, "run", startup], args.repeats)
    cnb_fig["repl_first_prompt"], _ = whole_process([cnb], args.repeats, stdin_data=b"\n")
    cnb_fig["seed000_replay"], cnb_fig["seed000_peak_rss"] = whole_process([cnb, "run", seed], args.repeats)
    if with_torch:
        t_import, _ = whole_process([py, "-c", "import torch"], torch_repeats)
        torch_fig["startup_first_result"] = t_import
        torch_fig["repl_first_prompt"] = t_import
        torch_fig["seed000_replay"], torch_fig["seed000_peak_rss"] = whole_process([py, seed], torch_repeats)

    # In-process figures from the notebooks.
    notebooks = ["corr2d", "small_ops", "conv2d"]
    if args.only:
        wanted = set(args.only.split(","))
        notebooks = [n for n in notebooks if n in wanted]
    for name in notebooks:
        path = os.path.join(BENCH, name + ".cnb")
        note(f"bench: {name}.cnb under cnb")
        _, code, out = run_timed([cnb, "run", path])
        if code != 0:
            failures.append(f"cnb run bench/{name}.cnb exited with {code}")
        cnb_fig.update(parse_figures(out))
        if with_torch:
            note(f"bench: {name}.cnb under PyTorch")
            _, code, out = run_timed([py, path])
            if code != 0:
                failures.append(f"python3 bench/{name}.cnb exited with {code}")
            torch_fig.update(parse_figures(out))

    for shape in ("resnet_c64", "stem_k7s2"):
        for figs in (cnb_fig, torch_fig):
            v = figs.get(f"{shape}_fwd")
            if v is not None:
                figs[f"{shape}_fwd_peak_pct"] = 100.0 * v / PEAK_GFLOPS

    # The table.
    header = ("workload", "unit", "cnb", "PyTorch", "ratio", "goal", "met?")
    table = []
    met_all = True
    for name, unit, lower, goal, check in ROWS:
        c = cnb_fig.get(name)
        t = torch_fig.get(name) if with_torch else None
        if c is None:
            ratio, met = None, None
        else:
            ratio = None
            if t is not None and c > 0 and t > 0:
                ratio = t / c if lower else c / t  # > 1: cnb is ahead
            met = check(c, t)
        if met is not True:
            met_all = False
        table.append((name, unit, fmt(c), fmt(t), (fmt(ratio) + "x") if ratio is not None else "n/a", goal,
                      {True: "yes", False: "NO", None: "?"}[met]))
    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print("| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |")
    print()
    print(f"ratio: how many times cnb is ahead of PyTorch (time: torch/cnb; GFLOP/s: cnb/torch). "
          f"Whole-process rows: median of {args.repeats} cnb runs"
          + (f" and {torch_repeats} PyTorch runs." if with_torch else "; PyTorch not measured."))
    print(f"measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} CPUs")
    for f in failures:
        print(f"warning: {f}")
    print("every goal met" if met_all else "goals not yet met: the rows marked NO or ?")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
