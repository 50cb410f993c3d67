"""The explorers fit a 1280 px window: JupyterLab at 1280 x 800 with its file browser open
(what a laptop shows), every explorer of lessons 05, 06 and 10 in several of its states, and
nothing of it (figure, read-out, the read-out's text) reaches past its output area or hides
behind a scroll bar. Where the page is too narrow for figure and read-out side by side,
the read-out moves under the figure.

The check is first proven on a sample explorer with the old layout (figure and a fixed
read-out column in a row that never wraps): it must fail there.
"""
import pytest

from . import harness

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}

# The explorers as the lessons show them, and states with the longest read-outs and notes.
STATES = [
    "activation_explorer()",
    'activation_explorer(activation="linear", mu=-10.0)',
    'activation_explorer(activation="leaky_relu", alpha=0.3, mu=-10.0, sigma=10.0)',
    "init_explorer()",
    'init_explorer(scheme="zeros")',
    'init_explorer(activation="sigmoid", scheme="zeros", depth=1)',
    'init_explorer(activation="relu", scheme="random", multiplier=1000.0, depth=15, width=512)',
    'init_explorer(activation="tanh", scheme="random", multiplier=0.001, depth=15)',
]
OPTIMIZER_STATES = [
    "optimizer_explorer()",
    'optimizer_explorer(optimizer="gd", learning_rate=0.1)',  # diverges: the warning
    'optimizer_explorer(surface="rosenbrock", optimizer="rmsprop", learning_rate=0.001, '
    'num_steps=300)',  # "not within 300 steps", and RMSprop's note
    'optimizer_explorer(surface="bowl", optimizer="momentum", learning_rate=10.0, beta1=0.99, '
    'w1=-5.0, w2=-4.0)',
]
PLAYGROUND_STATES = [
    "playground()",
    'playground(dataset="spiral", hidden_layers=4, units=8, activation="relu", init="he", '
    'optimizer="rmsprop", learning_rate=0.001, seed=20)',  # the most unit panels
]


def _notebook(root, name, sources):
    path = root / "scratch" / name
    harness.write_notebook(path, sources)
    return path.relative_to(root).as_posix()


def _open_at_laptop_size(page, lab, relpath):
    page.set_viewport_size(LAPTOP)
    harness.open_notebook(page, lab, relpath)
    assert harness.show_file_browser(page) > 150  # the file browser takes its usual width
    harness.run_all_cells(page)
    return harness.wait_for_explorers(page)


def _assert_states_fit(page, lab, served_root, name, states):
    relpath = _notebook(served_root, f"{name}.ipynb",
                        ["from helpers.widgets import activation_explorer, init_explorer, "
                         "optimizer_explorer, playground"] + states)
    explorers = _open_at_laptop_size(page, lab, relpath)
    assert len(explorers) == len(states)
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for n, (explorer, state) in enumerate(zip(explorers, states), 1):
        explorer.scroll_into_view_if_needed()
        harness.settle(explorer)
        explorer.screenshot(path=harness.screenshot_name(f"{name}-1280", f"explorer{n}"))
        problems += [f"{state}: {p}" for p in harness.overflows(explorer)]
    assert not problems, "\n".join(problems)


def test_every_explorer_fits_a_1280_px_window_with_the_file_browser_open(page, lab, served_root):
    _assert_states_fit(page, lab, served_root, "fit", STATES)


def test_the_optimizer_explorer_fits_a_1280_px_window_in_each_state(page, lab, served_root):
    _assert_states_fit(page, lab, served_root, "fit-optimizer", OPTIMIZER_STATES)


def test_the_playground_fits_a_1280_px_window_with_the_file_browser_open(page, lab, served_root):
    _assert_states_fit(page, lab, served_root, "fit-playground", PLAYGROUND_STATES)


def test_the_fit_check_fails_for_a_read_out_beside_a_figure_too_wide_for_the_window(
        page, lab, served_root):
    relpath = _notebook(served_root, "cramped.ipynb",
                        ["from sample_explorers import CrampedWave\nCrampedWave()"])
    (explorer,) = _open_at_laptop_size(page, lab, relpath)
    with pytest.raises(harness.ExplorerOverflows, match="the read-out spans") as err:
        harness.assert_fits(explorer)
    assert "scrolled out of sight" in str(err.value)
