"""What does the strict nbval suite cost over the floor of merely starting its kernels?

In one run, with the parallelism of make test (pytest-xdist, -n auto by default; the notebooks
go to the workers one whole notebook at a time):

  suite  strict nbval over every notebook in notebooks/ (pyproject's options, as make test);
  floor  the same pytest command over as many bare notebooks, each of one cell that only
         imports numpy and matplotlib.pyplot: pytest, xdist, one kernel per notebook and
         those imports, which no lesson can avoid.

Prints both wall-clock times, their ratio (the aim: at most 2x) and each notebook's own time
(the sum of its cells, from pytest's JUnit XML; the aim: under 15 s on a 2-core machine).
Nothing is asserted: timings depend on the machine and on what else runs on it.

    .venv/bin/python benchmarks/suite_time.py                 (make bench runs it)
    .venv/bin/python benchmarks/suite_time.py --workers 1     one process, as without xdist
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from xml.etree import ElementTree
from collections import defaultdict
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BARE_CELL = "import numpy as np\nimport matplotlib.pyplot as plt"
TARGET_RATIO = 2.0
TARGET_NOTEBOOK_SECONDS = 15.0

# The Makefile's environment: one BLAS thread, fixed hash seed, kernels from this venv.
ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
       "PYTHONHASHSEED": "0", "JUPYTER_PREFER_ENV_PATH": "1"}


def bare_notebooks(folder, count):
    """``count`` notebooks of one stored cell each (imports only, no output), in ``folder``."""
    paths = []
    for k in range(count):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells.append(nbformat.v4.new_code_cell(BARE_CELL, execution_count=1))
        path = Path(folder) / f"bare_{k:02d}.ipynb"
        nbformat.write(nb, str(path))
        paths.append(path)
    return paths


def run_pytest(paths, workers, junit):
    """Wall-clock seconds of one pytest run over ``paths`` with pyproject's nbval options."""
    xdist = [] if workers == "1" else ["-n", workers, "--dist", "loadfile"]
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
               "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *xdist, *map(str, paths)]
    env = dict(os.environ, **ENV)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"pytest failed ({done.returncode}) on {len(paths)} notebooks:\n{done.stdout[-3000:]}"
                 f"{done.stderr[-2000:]}")
    return seconds


def per_notebook(junit, names):
    """{notebook name: seconds}, the sum of its cells' times (setup, call and teardown); JUnit
    names a cell's class "notebooks.NN_topic.ipynb"."""
    totals = defaultdict(float)
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        classname = case.get("classname", "")
        name = next((n for n in names if classname.endswith(n)), classname)
        totals[name] += float(case.get("time", 0))
    return dict(totals)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="auto",
                        help="pytest-xdist's -n (default auto, as make test); 1: no xdist")
    args = parser.parse_args(argv)
    if args.workers != "auto" and not (args.workers.isdigit() and int(args.workers) >= 1):
        parser.error(f"--workers must be 'auto' or a whole number >= 1; got {args.workers!r}")
    if not NOTEBOOKS:
        sys.exit(f"no notebooks in {ROOT / 'notebooks'}")
    with tempfile.TemporaryDirectory() as tmp:
        bare = bare_notebooks(tmp, len(NOTEBOOKS))
        floor = run_pytest(bare, args.workers, Path(tmp) / "floor.xml")
        suite = run_pytest(NOTEBOOKS, args.workers, Path(tmp) / "suite.xml")
        notebooks = per_notebook(Path(tmp) / "suite.xml", [p.name for p in NOTEBOOKS])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(NOTEBOOKS)} notebooks, pytest-xdist -n {args.workers}, {os.cpu_count()} CPUs, "
          f"load average {load:.1f} at the end")
    print(f"floor ({len(bare)} bare kernels: import numpy, matplotlib)  {floor:6.1f} s")
    print(f"strict nbval suite (every notebook)           {suite:6.1f} s")
    print(f"ratio suite / floor: {suite / floor:.2f}x (aim: at most {TARGET_RATIO:.0f}x)")
    print(f"per notebook (its cells, seconds; aim: under {TARGET_NOTEBOOK_SECONDS:.0f} s):")
    for name, seconds in sorted(notebooks.items()):
        flag = "  <- over the aim" if seconds >= TARGET_NOTEBOOK_SECONDS else ""
        print(f"  {name:<32} {seconds:5.1f}{flag}")


if __name__ == "__main__":
    main()
