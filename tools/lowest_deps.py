#!/usr/bin/env python3
"""Run the test suite against the lowest versions pyproject.toml declares.

A lower bound such as ``numpy>=1.26`` is a promise that numpy 1.26.0 works. This script
checks the promise: it pins every declared package (runtime dependencies and the ``dev``
extra) to exactly its lower bound, installs ``-e .[dev]`` under those pins into a venv
of its own, prints the versions that were really installed, and runs the tests there.

    python tools/lowest_deps.py                     unit tests + strict nbval, lowest versions
    python tools/lowest_deps.py -- -k 04 -x         the same with extra pytest arguments
    python tools/lowest_deps.py --run "jupyter lab --version"   any command in the venv
    python tools/lowest_deps.py --constraints       print the constraints file and exit
    python tools/lowest_deps.py --install-only      build (or reuse) the venv, report, stop
    python tools/lowest_deps.py --check-platforms   resolve the pins, wheels only, for
                                                    CPython 3.10-3.12 on x86-64 and aarch64

Options: --venv DIR (default build/venv-lowest), --python EXE (default: this interpreter),
--recreate (rebuild the venv even if its constraints are unchanged).

Pins are exact (``numpy==1.26.0``), not ``numpy==1.26.*``: ``>=1.26`` admits 1.26.0, so
1.26.0 is what has to work; ``1.26.*`` would quietly test the newest patch release
instead. Exact pins are installable here because every pinned release with compiled code
(numpy 1.26.0, matplotlib 3.8.1, PyYAML 6.0.1, playwright 1.45.0, greenlet) ships wheels for
CPython 3.10, 3.11 and 3.12 on manylinux x86-64 and aarch64, and the rest are pure
Python; ``--check-platforms`` proves it for all six combinations without installing.
Transitive dependencies are not pinned: pip resolves them as a user's pip would, except
the few in COMPAT below, whose newest releases break an old pinned package.

The venv is reused while its stamp (constraints, requirement list, interpreter) is
unchanged, like the Makefile's .venv/.synced; any change rebuilds it from scratch so no
package from an earlier resolution is left behind. The command runs from the repository
root with the venv's bin/ first on PATH and the Makefile's environment (one BLAS thread,
PYTHONHASHSEED=0, JUPYTER_PREFER_ENV_PATH=1). PIP_CONSTRAINT stays set, and make is told
to use this venv (MAKEFLAGS VENV=...), so the tests that drive `make lab` serve the lowest
JupyterLab and nothing a test runs can upgrade the pins.

Exit status: 0 when install and command succeed; the command's status when it fails;
3 when the venv cannot be built; 4 when an installed version differs from its pin.
"""
import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    try:
        import tomli as tomllib
    except ImportError:
        sys.exit("tools/lowest_deps.py reads pyproject.toml with tomllib: run it with Python 3.11+ "
                 "(the venv's interpreter can still be 3.10: --python /path/to/python3.10)")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VENV = ROOT / "build" / "venv-lowest"
STAMP_NAME = ".lowest-stamp"
CONSTRAINTS_NAME = "constraints-lowest.txt"

# The Makefile's environment: stored outputs are compared digit by digit.
RUN_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONHASHSEED": "0", "JUPYTER_PREFER_ENV_PATH": "1",
           # Quiets the 4-line "frozen modules" notice older ipykernels' debugpy prints on
           # every kernel start (process stderr, never a cell output: nbval is unaffected).
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}

# Unit tests and strict nbval over the notebooks (pyproject's testpaths and addopts);
# the browser tests need Chromium and are not about package versions.
DEFAULT_TEST = ["python", "-m", "pytest", "-m", "not browser", "--ignore=tests/browser"]

# Upper bounds for transitive packages whose newest releases break an old pinned
# package. Written into the constraints file only, never into pyproject.toml, and only
# while the pinned package is below the release that fixed it (so raising that bound
# drops the cap by itself). (name, specifier, why, (pinned package, fixed in))
COMPAT = [
    ("ipython", "<9", "matplotlib < 3.9 (pyplot.install_repl_displayhook) imports "
                      "IPython.core.pylabtools.backend2gui, which IPython 9.0 removed: the inline "
                      "backend then fails to register its PNG formatter, and a cell that imports "
                      "pyplot and plots shows '<Figure ...>' text instead of the figure",
     ("matplotlib", "3.9")),
    ("pyparsing", "<3.3", "matplotlib < 3.10's mathtext calls pyparsing's camelCase parseString, "
                          "which pyparsing 3.3 deprecates with a warning on every parse: the "
                          "tests that draw math text and allow no warning then fail",
     ("matplotlib", "3.10")),
]

# Reported after the declared packages: the transitive ones the notebooks and tests lean on.
ALSO_REPORT = ["nbclient", "nbconvert", "nbformat", "jupyter-client", "jupyter-core",
               "jupyter-server", "jupyterlab-server", "notebook-shim", "ipython", "traitlets",
               "comm", "pyzmq", "tornado", "widgetsnbextension", "jupyterlab-widgets",
               "matplotlib-inline", "contourpy", "pillow", "pyparsing", "kiwisolver",
               "pluggy", "greenlet", "setuptools", "pip"]

PLATFORMS = {"x86_64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
             "aarch64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64", "manylinux_2_28_aarch64"]}
PYTHONS = ["3.10", "3.11", "3.12"]

REQ = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<extras>\[[^\]]*\])?"
                 r"\s*(?P<spec>[^;]*?)\s*(?:;\s*(?P<marker>.+))?$")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bound(spec):
    """The version a specifier list admits as its lowest: from >=, ~= or ==, else None."""
    for part in spec.split(","):
        m = re.match(r"\s*(>=|~=|===?)\s*([0-9][0-9A-Za-z.]*)\s*$", part)
        if m and not m.group(2).endswith(".*"):
            return m.group(2)
    return None


def padded(version):
    """1.26 -> 1.26.0 (PEP 440 compares them equal; the long form says 'exactly')."""
    parts = version.split(".")
    return ".".join(parts + ["0"] * (3 - len(parts))) if all(p.isdigit() for p in parts) else version


def declared(pyproject=ROOT / "pyproject.toml"):
    """[(name, lower bound or None, marker or None, group, requirement text)] in file order."""
    data = tomllib.loads(Path(pyproject).read_text())
    groups = [("runtime", data["project"].get("dependencies", [])),
              ("dev", data["project"].get("optional-dependencies", {}).get("dev", [])),
              ("build", data.get("build-system", {}).get("requires", []))]
    out = []
    for group, reqs in groups:
        for text in reqs:
            m = REQ.match(text)
            if not m:
                raise SystemExit(f"lowest_deps: cannot parse requirement {text!r} in pyproject.toml")
            out.append((normalize(m["name"]), lower_bound(m["spec"] or ""), m["marker"], group, text))
    return out


def constraints_text(reqs):
    lines = ["# Written by tools/lowest_deps.py from pyproject.toml: every declared package",
             "# pinned to its lower bound. Transitive packages are left to pip, except COMPAT.",
             "# (the build group constrains the isolated build of the project itself)"]
    for name, bound, marker, group, _ in reqs:
        if bound is None:
            lines.append(f"# {name}: no lower bound declared, not pinned ({group})")
            continue
        lines.append(f"{name}=={padded(bound)}" + (f"; {marker}" if marker else "") + f"  # {group}")
    pins = {name: bound for name, bound, *_ in reqs if bound}
    caps = [c for c in COMPAT if c[3][0] in pins and _key(pins[c[3][0]]) < _key(c[3][1])]
    if caps:
        lines.append("# transitive compatibility caps:")
        for name, spec, why, (pkg, fixed) in caps:
            lines.extend("# " + line for line in textwrap.wrap(f"{why} (until {pkg} {fixed})", 86))
            lines.append(f"{name}{spec}")
    return "\n".join(lines) + "\n"


def python_identity(python):
    out = subprocess.run([python, "-c", "import sys, platform; print(sys.version.split()[0], "
                          "platform.machine(), sys.base_prefix)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def stamp_for(constraints, reqs, python):
    h = hashlib.sha256()
    h.update(constraints.encode())
    h.update("\n".join(r[4] for r in reqs).encode())
    h.update(python_identity(python).encode())
    return h.hexdigest()


def run_logged(cmd, log, env=None):
    with open(log, "a") as f:
        f.write(f"\n$ {shlex.join(map(str, cmd))}\n")
        f.flush()
        return subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env, cwd=ROOT).returncode


def tail(path, n=40):
    lines = Path(path).read_text(errors="replace").splitlines()
    return "\n".join(lines[-n:])


def build_venv(venv, python, constraints, stamp, recreate):
    """Create or reuse the venv; return (reused, seconds) or exit 3."""
    stamp_file = venv / STAMP_NAME
    if not recreate and (venv / "bin" / "python").exists() and stamp_file.exists() \
            and stamp_file.read_text().strip() == stamp:
        print(f"lowest_deps: reusing {rel(venv)} (constraints unchanged)")
        return True, 0.0
    t0 = time.monotonic()
    print(f"lowest_deps: building {rel(venv)} with {python_identity(python).split()[0]} "
          f"(pip log: {rel(venv / 'pip-install.log')})", flush=True)
    if venv.exists():
        shutil.rmtree(venv)
    venv.parent.mkdir(parents=True, exist_ok=True)
    if subprocess.run([python, "-m", "venv", str(venv)]).returncode != 0:
        print(f"lowest_deps: INSTALL FAILED: {python} -m venv {venv}", file=sys.stderr)
        sys.exit(3)
    cfile = venv / CONSTRAINTS_NAME
    cfile.write_text(constraints)
    log = venv / "pip-install.log"
    vpy = str(venv / "bin" / "python")
    env = dict(os.environ, PIP_CONSTRAINT=str(cfile), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PIP_REQUIRE_VIRTUALENV", None)

    def step(cmd):
        if run_logged(cmd, log, env) != 0:
            print(tail(log), file=sys.stderr)
            print(f"\nlowest_deps: INSTALL FAILED: {shlex.join(cmd[1:])}\n  full log: {log}",
                  file=sys.stderr)
            sys.exit(3)

    step([vpy, "-m", "pip", "install", "--progress-bar", "off", "--upgrade", "pip"])
    # The isolated build of the project (setuptools from [build-system]) gets the pins too:
    # pip >= 25.3 through --build-constraint, older pips through PIP_CONSTRAINT.
    helptext = subprocess.run([vpy, "-m", "pip", "install", "--help"], capture_output=True,
                              text=True).stdout
    build_c = ["--build-constraint", str(cfile)] if "--build-constraint" in helptext else []
    step([vpy, "-m", "pip", "install", "--progress-bar", "off", "-c", str(cfile), *build_c,
          "-e", f"{ROOT}[dev]"])
    freeze = subprocess.run([vpy, "-m", "pip", "freeze", "--all"], capture_output=True, text=True)
    (venv / "installed.txt").write_text(freeze.stdout)
    stamp_file.write_text(stamp + "\n")
    return False, time.monotonic() - t0


REPORT_SCRIPT = r"""
import json, sys
from importlib import metadata
names = json.loads(sys.argv[1])
out = {}
for n in names:
    try:
        out[n] = metadata.version(n)
    except metadata.PackageNotFoundError:
        out[n] = None
print(json.dumps(out))
"""


def report_versions(venv, reqs):
    """Print declared pin vs installed for each package; return the names that differ."""
    vpy = str(venv / "bin" / "python")
    names = [r[0] for r in reqs if r[3] != "build"] + ALSO_REPORT
    got = json.loads(subprocess.run([vpy, "-c", REPORT_SCRIPT, json.dumps(names)],
                                    capture_output=True, text=True, check=True).stdout)
    bad = []
    print(f"\nVersions installed in {rel(venv)} ({python_identity(vpy).split()[0]}):")
    print(f"  {'package':22} {'declared':>10} {'installed':>12}")
    for name, bound, marker, group, _ in reqs:
        if group == "build":
            continue
        inst = got.get(name)
        if bound is None:
            note = "no lower bound declared"
        elif inst is not None and _same(inst, bound):
            note = "= lower bound"
        elif inst is None and marker:
            note = f"not needed here ({marker})"
        else:
            note = "DIFFERS FROM THE PIN"
            bad.append(name)
        print(f"  {name:22} {('>=' + bound) if bound else '-':>10} {inst or '-':>12}  {note}")
    print("  transitive (free, resolved by pip):")
    line = [f"{n} {got[n]}" for n in ALSO_REPORT if got.get(n)]
    for i in range(0, len(line), 5):
        print("    " + ", ".join(line[i:i + 5]))
    build = [r for r in reqs if r[3] == "build" and r[1]]
    if build:
        print("  build backend (isolated build, constrained): "
              + ", ".join(f"{n}=={padded(b)}" for n, b, *_ in build))
    print(f"  full list: {rel(venv / 'installed.txt')}")
    check = subprocess.run([vpy, "-m", "pip", "check"], capture_output=True, text=True)
    if check.returncode != 0:
        print("  pip check reports broken requirements:\n    "
              + check.stdout.strip().replace("\n", "\n    "))
    return bad


def _key(version):
    """Release tuple for comparing plain X.Y.Z versions (trailing zeros dropped)."""
    parts = [int(p) if p.isdigit() else 0 for p in re.split(r"[.+]", version)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _same(a, b):
    return _key(a) == _key(b)


def run_command(venv, cmd):
    env = dict(os.environ, **RUN_ENV)
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(venv)
    env.pop("PYTHONHOME", None)
    # Nothing run inside may move a pin (a pip call, or make re-syncing its venv).
    env["PIP_CONSTRAINT"] = str(venv / CONSTRAINTS_NAME)
    # The tests that drive `make lab` / `make venv` then use this venv, not .venv. The
    # Makefile's stamp (VENV/.synced) is touched so make sees this venv as synced.
    env["MAKEFLAGS"] = (env.get("MAKEFLAGS", "") + f" -- VENV={venv}").strip()
    (venv / ".synced").touch()
    exe = shutil.which(cmd[0], path=env["PATH"]) or cmd[0]
    print(f"\nlowest_deps: running {shlex.join(cmd)}", flush=True)
    t0 = time.monotonic()
    rc = subprocess.run([exe, *cmd[1:]], env=env, cwd=ROOT).returncode
    return rc, time.monotonic() - t0


def check_platforms(constraints, reqs):
    """Resolve the pinned set, wheels only, for each supported Python and architecture."""
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        cfile = Path(tmp) / "constraints.txt"
        cfile.write_text(constraints)
        wanted = [r[4] for r in reqs if r[3] != "build"]
        for arch, platforms in PLATFORMS.items():
            for py in PYTHONS:
                cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                       "--ignore-installed", "--only-binary=:all:", "--implementation", "cp",
                       "--python-version", py, *[a for p in platforms for a in ("--platform", p)],
                       "--target", str(Path(tmp) / "t"), "--report", str(Path(tmp) / "r.json"),
                       "-c", str(cfile), *wanted]
                t0 = time.monotonic()
                res = subprocess.run(cmd, capture_output=True, text=True)
                took = time.monotonic() - t0
                if res.returncode != 0:
                    failures += 1
                    lines = [ln for ln in (res.stderr or res.stdout).strip().splitlines()
                             if "is ignored: it is neither a file nor a directory" not in ln]
                    err = "\n      ".join(lines[-8:])
                    print(f"  CPython {py} {arch:8} FAILS to resolve ({took:.0f} s):\n      {err}")
                    continue
                items = json.loads((Path(tmp) / "r.json").read_text())["install"]
                got = {normalize(i["metadata"]["name"]): i["metadata"]["version"] for i in items}
                pinned = ", ".join(f"{r[0]} {got.get(r[0], '-')}" for r in reqs
                                   if r[3] == "runtime" and r[0] in ("numpy", "matplotlib"))
                print(f"  CPython {py} {arch:8} ok: {len(items)} wheels ({pinned}) ({took:.0f} s)",
                      flush=True)
    print("  (pip evaluates environment markers for the interpreter running it, so marker-only "
          "backports of other Python versions are not part of this check)")
    return failures


def rel(path):
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Arguments after -- are added to the default pytest command.")
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--python", default=sys.executable, help="interpreter for the venv")
    ap.add_argument("--recreate", action="store_true", help="rebuild the venv even if unchanged")
    ap.add_argument("--run", help="a command to run in the venv instead of the tests (shell words)")
    ap.add_argument("--install-only", action="store_true")
    ap.add_argument("--constraints", action="store_true", help="print the constraints and exit")
    ap.add_argument("--check-platforms", action="store_true",
                    help="resolve the pins, wheels only, for CPython 3.10-3.12 x86-64/aarch64")
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    args = ap.parse_args(argv)

    reqs = declared()
    constraints = constraints_text(reqs)
    if args.constraints:
        sys.stdout.write(constraints)
        return 0
    if args.check_platforms:
        print("lowest_deps: resolving the lowest pins, wheels only:")
        return 1 if check_platforms(constraints, reqs) else 0

    venv = args.venv if args.venv.is_absolute() else (Path.cwd() / args.venv)
    t_start = time.monotonic()
    python = shutil.which(args.python) or args.python
    reused, t_install = build_venv(venv, python, constraints, stamp_for(constraints, reqs, python),
                                   args.recreate)
    bad = report_versions(venv, reqs)
    if bad:
        print(f"\nlowest_deps: installed versions differ from the pins: {', '.join(bad)}",
              file=sys.stderr)
        return 4
    if args.install_only:
        print(f"\nlowest_deps: install {'reused' if reused else f'{t_install:.0f} s'}")
        return 0

    cmd = shlex.split(args.run) if args.run else DEFAULT_TEST + extra
    rc, t_run = run_command(venv, cmd)
    total = time.monotonic() - t_start
    print(f"\nlowest_deps: {'PASSED' if rc == 0 else f'FAILED (exit {rc})'} with the lowest "
          f"declared versions: {shlex.join(cmd)}")
    print(f"lowest_deps: time: install {'reused' if reused else f'{t_install:.0f} s'}, "
          f"command {t_run:.0f} s, total {total:.0f} s")
    return rc


if __name__ == "__main__":
    sys.exit(main())
