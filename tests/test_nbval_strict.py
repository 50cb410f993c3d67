"""The notebook harness is strict: a changed stored number fails nbval."""
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from support import ROOT, deterministic_env

LESSON = ROOT / "notebooks" / "01_broadcasting.ipynb"
NBVAL_ARGS = ["--nbval", "--nbval-current-env",
              f"--nbval-sanitize-with={ROOT / 'tests' / 'nbval_sanitize.cfg'}",
              "-p", "no:cacheprovider", "-q"]


def _nbval(path):
    return subprocess.run([sys.executable, "-m", "pytest", *NBVAL_ARGS, "--rootdir", str(path.parent),
                           str(path)], cwd=path.parent, capture_output=True, text=True,
                          env=deterministic_env(), timeout=300)


def _change_first_printed_number(nb):
    """Edit the first stored stream output that prints a decimal number; return old, new."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                m = re.search(r"\d+\.\d+", out["text"])
                if m:
                    old = m.group(0)
                    new = old[:-1] + str((int(old[-1]) + 1) % 10)
                    out["text"] = out["text"].replace(old, new, 1)
                    return old, new
    raise AssertionError("the lesson prints no decimal number to change")


@pytest.mark.skipif(not LESSON.exists(), reason="lesson 01 not written yet")
def test_strict_nbval_fails_when_a_stored_number_changes(tmp_path):
    copy = tmp_path / LESSON.name
    shutil.copy(LESSON, copy)
    nb = nbformat.read(copy, as_version=4)
    old, new = _change_first_printed_number(nb)
    nbformat.write(nb, copy)
    res = _nbval(copy)
    assert res.returncode != 0, res.stdout[-3000:]
    assert "failed" in res.stdout
    assert new in res.stdout and old in res.stdout  # the diff shows both numbers


@pytest.mark.skipif(not LESSON.exists(), reason="lesson 01 not written yet")
def test_strict_nbval_passes_the_unchanged_copy(tmp_path):
    copy = tmp_path / LESSON.name
    shutil.copy(LESSON, copy)
    res = _nbval(copy)
    assert res.returncode == 0, res.stdout[-3000:]
