"""ruff over helpers/, tests/, tools/, benchmarks/ and the notebooks, with the rules chosen in
pyproject.toml ([tool.ruff]): part of make test, so a lint finding fails the run like a test.

    .venv/bin/ruff check            the same check by hand (add --fix for the fixable ones)
"""
import subprocess
import sys

from support import ROOT

LINTED = ("helpers", "tests", "tools", "benchmarks", "notebooks")


def _ruff(*args):
    return subprocess.run([sys.executable, "-m", "ruff", *args, "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_ruff_reads_every_notebook_and_every_python_file_of_the_linted_folders():
    shown = _ruff("check", "--show-files")
    assert shown.returncode == 0, shown.stderr
    files = {line.strip() for line in shown.stdout.splitlines() if line.strip()}
    expected = {str(p) for d in LINTED for p in (ROOT / d).rglob("*.py")
                if "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts}
    expected |= {str(p) for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert len([f for f in expected if f.endswith(".ipynb")]) >= 11
    missing = sorted(expected - files)
    assert not missing, f"ruff does not read {len(missing)} files, e.g. {missing[:5]}"


def test_ruff_is_clean():
    result = _ruff("check", "--output-format", "concise")
    assert result.returncode == 0, (
        f"ruff found problems (fix them, or run `.venv/bin/ruff check --fix` for the fixable "
        f"ones):\n{result.stdout}{result.stderr}")
