"""The explorers work in a real browser: JupyterLab in headless Chromium, driven by mouse.

For each lesson notebook with explorers: open a temp copy in JupyterLab in a laptop-sized
window (1280 x 800, the file browser open), Run All, wait for every explorer to render,
then operate every control (drag each slider's handle, pick another dropdown entry, ...)
and check the figure changed each time, and that the explorer still fits its output area
(harness.assert_fits: nothing cut off, nothing scrolled sideways). Screenshots of each
explorer before and after every change go to build/screenshots/.

The optimizer explorer (lesson 10's) gets the same check in a notebook of its own until
its lesson shows it: every one of its eight controls moved, the picture changed each time.

The harness is first proven on its own notebooks: a working sample explorer passes, and
two broken ones (redraw raises; redraw ignores the controls) make the same check fail.
"""
import sys

import pytest

from . import harness

pytestmark = pytest.mark.browser

LESSONS = ["05_activations.ipynb", "06_initialization.ipynb", "10_optimizers.ipynb"]


def _lesson(name):
    written = (harness.ROOT / "notebooks" / name).exists()
    return pytest.param(name, id=name.split("_")[0],
                        marks=pytest.mark.skipif(not written, reason="notebook not written yet"))


def _sample_notebook(root, explorer_class):
    """A notebook in scratch/ that prints the kernel's prefix and shows one sample explorer."""
    path = root / "scratch" / f"{explorer_class.lower()}.ipynb"
    harness.write_notebook(path, ["import sys\nprint(sys.prefix)",
                                  f"from sample_explorers import {explorer_class}\n{explorer_class}()"])
    return path.relative_to(root).as_posix()


@pytest.mark.parametrize("name", [_lesson(n) for n in LESSONS])
def test_every_control_of_every_explorer_redraws_its_figure_in_jupyterlab(page, lab, name):
    page.set_viewport_size({"width": 1280, "height": 800})
    harness.open_notebook(page, lab, f"notebooks/{name}")
    harness.show_file_browser(page)
    harness.run_all_cells(page)
    explorers = harness.wait_for_explorers(page)
    done = harness.explore_all(page, explorers, name.removesuffix(".ipynb"),
                               after=harness.assert_fits)
    print("\n".join(done))


def test_every_control_of_the_optimizer_explorer_redraws_its_figure_in_jupyterlab(
        page, lab, served_root):
    path = served_root / "scratch" / "optimizer.ipynb"
    harness.write_notebook(path, ["from helpers.widgets import optimizer_explorer\n"
                                  "optimizer_explorer()"])
    page.set_viewport_size({"width": 1280, "height": 800})
    harness.open_notebook(page, lab, path.relative_to(served_root).as_posix())
    harness.show_file_browser(page)
    harness.run_all_cells(page)
    explorers = harness.wait_for_explorers(page)
    assert len(explorers) == 1
    done = harness.explore_all(page, explorers, "scratch-optimizer", after=harness.assert_fits)
    print("\n".join(done))
    moved = [label for label in ("learning rate α", "β1", "β2", "steps", "start w1", "start w2")
             if any(f"dragged slider '{label}'" in d for d in done)]
    assert len(moved) == 6, done  # every slider (the defaults, Adam, use both β)...
    assert any("in dropdown 'surface'" in d for d in done[-2:])  # ...then the two dropdowns
    assert any("in dropdown 'optimizer'" in d for d in done[-2:])
    assert len(done) == 8


def test_the_sample_explorer_redraws_for_its_slider_and_its_dropdown(page, lab, served_root):
    relpath = _sample_notebook(served_root, "Wave")
    harness.open_notebook(page, lab, relpath)
    harness.run_all_cells(page)
    kernel_prefix = page.locator(".jp-OutputArea-output").first.inner_text().strip()
    assert kernel_prefix == sys.prefix, "the notebook's kernel is not this project's venv"
    explorers = harness.wait_for_explorers(page)
    assert len(explorers) == 1
    done = harness.explore_all(page, explorers, "scratch-wave")
    assert len(done) == 2
    assert "dragged slider 'freq'" in done[0] and "picked 'cos' in dropdown 'kind'" in done[1]


@pytest.mark.parametrize("explorer_class", ["BrokenWave", "FrozenWave"])
def test_the_check_fails_when_an_explorer_does_not_redraw(page, lab, served_root, explorer_class):
    relpath = _sample_notebook(served_root, explorer_class)
    harness.open_notebook(page, lab, relpath)
    harness.run_all_cells(page)
    explorers = harness.wait_for_explorers(page)  # it renders fine the first time...
    with pytest.raises(harness.FigureUnchanged, match="figure to change after: dragged slider 'freq'") as err:
        harness.explore_all(page, explorers, f"scratch-{explorer_class.lower()}", timeout=3)
    if explorer_class == "BrokenWave":  # the report shows why: the callback's traceback
        assert "RuntimeError: BrokenWave: redraw failed on purpose" in str(err.value)
