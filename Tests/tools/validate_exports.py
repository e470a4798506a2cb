#!/usr/bin/env python3
"""Exports every notebook given to .ipynb with the built cnb and validates the files with
the real nbformat package, treating its warnings as errors.

usage: python3 Tests/tools/validate_exports.py CNB_BINARY NOTEBOOK.cnb...
Exit 0 when every export is valid nbformat 4.5 with unique cell ids; skips (exit 0,
with a note) when nbformat is not installed.
"""
import os
import subprocess
import sys
import tempfile
import warnings

try:
    import nbformat
except ImportError:
    print("nbformat is not installed: .ipynb validation skipped")
    sys.exit(0)

warnings.simplefilter("error")
cnb, notebooks = sys.argv[1], sys.argv[2:]
bad = 0
with tempfile.TemporaryDirectory() as tmp:
    for path in notebooks:
        out = os.path.join(tmp, os.path.basename(path) + ".ipynb")
        subprocess.run([cnb, "run", path, "--to", "ipynb", "-o", out], capture_output=True)
        try:
            nb = nbformat.read(out, as_version=nbformat.NO_CONVERT)
            nbformat.validate(nb)
            ids = [c.get("id") for c in nb.cells]
            if len(set(ids)) != len(ids):
                raise ValueError("duplicate cell ids")
            if (nb.nbformat, nb.nbformat_minor) != (4, 5):
                raise ValueError(f"nbformat {nb.nbformat}.{nb.nbformat_minor}, expected 4.5")
        except Exception as e:  # noqa: BLE001 - report every kind of failure
            bad += 1
            print(f"{path}: INVALID export: {type(e).__name__}: {e}")
print(f"{len(notebooks) - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
