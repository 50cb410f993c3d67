"""tests/nbval_report.py: the summary of failing notebook cells printed at the end of a run.

Each test runs pytest with nbval in a subprocess on three small notebooks made here: one whose
stored output is wrong, one whose cell raises, one that passes. The kernels only run plain
Python (no NumPy), so a run takes a few seconds.
"""
import os
import subprocess
import sys

import nbformat
import pytest

from support import ROOT

WRONG = [  # (source, stored stdout)
    ("print('setup')", "setup\n"),
    ("# NBVAL_CHECK_OUTPUT\nx = 6 * 7\nfor k in range(3):\n    print(f'row {k}')\nprint(f'answer {x}')",
     "row 0\nrow 1\nrow 2\nanswer 41\n"),
    ("print('after')", "after\n"),
]
RAISES = [
    ("print('first')", "first\n"),
    ("# a comment above the code\nvalue = 1 / 0", "never stored\n"),
]
PASSES = [("print('ok')", "ok\n"), ("y = 2\nprint(y)", "2\n")]


def _notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell("# A heading that is not counted"))
    for count, (source, stdout) in enumerate(cells, start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stdout)]
        nb.cells.append(cell)
    nbformat.write(nb, str(path))


def _run_pytest(folder, *extra):
    (folder / "pytest.ini").write_text("[pytest]\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"), COLUMNS="120", JUPYTER_PREFER_ENV_PATH="1")
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-p", "nbval_report", "-p", "no:cacheprovider",
               "--nbval", "--nbval-current-env", "-q", "--rootdir", str(folder), *extra, str(folder)]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=180)
    return done.returncode, done.stdout


def _summary(stdout):
    """The plugin's section of the output: from its heading to the next section's heading
    (pytest's short summary may follow it, quoting whole outputs, as it does when CI is set)."""
    head = "notebook cells that failed"
    assert head in stdout, stdout
    section = stdout[stdout.index(head):]
    end = section.find("\n=", section.index("\n"))
    return section if end < 0 else section[:end + 1]


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nbval_report")
    _notebook(folder / "wrong_output.ipynb", WRONG)
    _notebook(folder / "raises.ipynb", RAISES)
    _notebook(folder / "passes.ipynb", PASSES)
    return folder


@pytest.fixture(scope="module")
def runs(notebooks):
    """pytest's exit code and output, run once in one process and once with two xdist workers."""
    return {"sequential": _run_pytest(notebooks),
            "xdist": _run_pytest(notebooks, "-n", "2", "--dist", "loadfile")}


@pytest.fixture(params=["sequential", "xdist"])
def run(request, runs):
    return runs[request.param]


def test_the_run_fails_and_nbvals_own_report_is_still_there(run):
    returncode, stdout = run
    assert returncode == 1
    assert "Cell outputs differ" in stdout  # nbval's raw report comes first
    assert stdout.index("Cell outputs differ") < stdout.index("notebook cells that failed")


def test_one_line_names_the_notebook_the_cell_and_its_first_line_of_code(run):
    lines = _summary(run[1]).splitlines()
    assert "notebook cells that failed: 2" in lines[0]
    wrong = [line for line in lines if line.startswith("wrong_output.ipynb ")]
    assert len(wrong) == 1
    assert "code cell 2 (nbval Cell 1)" in wrong[0]
    assert wrong[0].endswith("-> stored output differs")
    assert "  x = 6 * 7  " in wrong[0]  # the NBVAL marker comment is not the first code line


def test_a_cell_that_raises_is_listed_with_its_exception(run):
    lines = _summary(run[1]).splitlines()
    raised = [line for line in lines if line.startswith("raises.ipynb ")]
    assert len(raised) == 1
    assert "code cell 2 (nbval Cell 1)" in raised[0]
    assert raised[0].endswith("-> raised ZeroDivisionError: division by zero")
    assert "  value = 1 / 0  " in raised[0]


def test_a_passing_notebook_is_not_in_the_summary(run):
    assert "passes.ipynb" not in _summary(run[1])


def test_only_the_differing_lines_are_shown_side_by_side(run):
    summary = _summary(run[1])
    detail = summary[summary.index("wrong_output.ipynb, code cell 2: x = 6 * 7"):]
    rows = detail.splitlines()
    assert "expected (stored in the notebook)" in rows[1] and "got (this run)" in rows[1]
    expected, got = (side.strip() for side in rows[2].split(" | "))
    assert expected == "4  answer 41"  # line 4 of the stored output
    assert got == "answer 42"
    assert "row 1" not in detail  # equal lines are left out


def test_the_summary_is_the_same_with_and_without_xdist(runs):
    def body(stdout):
        lines = _summary(stdout).splitlines()
        return lines[1:lines.index("")]  # the one-line-per-cell list, without the heading

    assert body(runs["sequential"][1]) == body(runs["xdist"][1])


def test_the_plugin_is_registered_for_the_projects_own_runs(pytestconfig):
    assert pytestconfig.pluginmanager.has_plugin("nbval_report")


# --- make test's parallel run: conftest.py's xdist scheduler -----------------------------------

def test_all_browser_tests_are_one_unit_of_work_and_every_other_file_its_own():
    from conftest import xdist_scope

    assert xdist_scope("tests/browser/test_static_site.py::test_x[01]") == "tests/browser"
    assert xdist_scope("tests/browser/test_explorers_in_lab.py::test_y") == "tests/browser"
    assert xdist_scope("tests/test_shapes.py::test_z") == "tests/test_shapes.py"
    assert xdist_scope("notebooks/04_shallow_network.ipynb::Cell 7") == "notebooks/04_shallow_network.ipynb"
    assert xdist_scope("tests/browserish.py::test_w") == "tests/browserish.py"


def test_under_loadfile_the_browser_files_share_a_worker_and_each_file_stays_on_one():
    """A real run with two workers: two browser test files (their tests that need no browser),
    two unit-test files; prints which worker ran what (-v)."""
    chosen = ["tests/browser/test_local_only.py::test_which_urls_count_as_leaving_localhost",
              "tests/browser/test_static_site.py::test_harness_serve_refuses_what_it_cannot_serve",
              "tests/test_tables.py", "tests/test_data.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist",
                           "loadfile", "-v", *chosen], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    workers = {}
    for line in done.stdout.splitlines():
        if line.startswith("[gw") and " PASSED " in line:
            worker, rest = line.split(" ", 1)
            path = rest.split("PASSED ", 1)[1].split("::")[0]
            workers.setdefault(path, set()).add(worker)
    assert set(workers) == {c.split("::")[0] for c in chosen}, done.stdout[-3000:]
    assert all(len(w) == 1 for w in workers.values()), workers  # a file stays on one worker
    assert workers["tests/browser/test_local_only.py"] == workers["tests/browser/test_static_site.py"]


def test_a_long_line_is_cut_so_that_its_first_difference_shows():
    from nbval_report import format_summary

    stored, got = "x" * 150 + " 41 " + "y" * 60, "x" * 150 + " 42 " + "y" * 60
    facts = [{"notebook": "a.ipynb", "nbval_cell": 0, "code_cell": 1, "first_line": "print(x)",
              "problem": "stored output differs", "pairs": [[1, stored, got]]}]
    row = format_summary(facts, width=100)[-1]
    expected, shown = row.split(" | ")
    assert " 41 " in expected and " 42 " in shown
    assert expected.lstrip().startswith("1  …") and len(row) <= 100
