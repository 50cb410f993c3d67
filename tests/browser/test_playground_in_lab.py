"""The training playground in a real browser: JupyterLab in headless Chromium.

A scratch notebook shows a playground (2-8-8-1 on the flower); the test presses play and
sees the read-out's iteration counter and the image advance while the notebook's kernel
stays free, then presses pause and sees both stop. The frames the page received while
playing are counted and printed (not asserted: it depends on the machine).
"""
import re
import time

import pytest

from . import harness

pytestmark = pytest.mark.browser

_ITERATION = re.compile(r"iteration\s+([\d,]+)")


def _iteration(explorer):
    """The iteration the explorer's read-out shows (None before it has rendered one)."""
    text = explorer.locator(".widget-html-content").first.inner_text()
    found = _ITERATION.search(text)
    return int(found.group(1).replace(",", "")) if found else None


def _state(explorer):
    return _iteration(explorer), tuple(harness.images(explorer))


# counts the <img>'s src changes in the page itself (the test's polling would miss some)
_COUNT_FRAMES_JS = """root => { const img = root.querySelector('img.widget-image');
    window.__playgroundFrames = 0;
    new MutationObserver(ms => { window.__playgroundFrames += ms.length; })
        .observe(img, {attributes: true, attributeFilter: ['src']}); }"""


def _play_button(explorer):
    return explorer.locator("button.widget-toggle-button").first


def test_play_advances_the_iteration_and_the_image_and_pause_stops_both(page, lab, served_root):
    path = served_root / "scratch" / "playground.ipynb"
    harness.write_notebook(path, ["from helpers.widgets import playground\n"
                                  "pg = playground(hidden_layers=2, units=8)\npg",
                                  "print('the kernel is free')"])
    harness.open_notebook(page, lab, path.relative_to(served_root).as_posix())
    harness.run_all_cells(page)
    explorers = harness.wait_for_explorers(page)
    assert len(explorers) == 1
    explorer = explorers[0]
    harness.settle(explorer)
    start_iteration, start_images = _state(explorer)
    assert start_iteration == 0, explorer.inner_text()
    button = _play_button(explorer)
    assert button.inner_text().strip() == "play"

    button.click()
    began = time.monotonic()
    seen = [start_images]
    iterations = [start_iteration]

    def advanced(times):
        iteration, srcs = _state(explorer)
        if srcs != seen[-1] and all(srcs):
            seen.append(srcs)
        if iteration is not None and iteration != iterations[-1]:
            iterations.append(iteration)
        return len(iterations) > times and len(seen) > times
    harness.wait_until(lambda: advanced(3), harness.TIMEOUTS["figure_change"],
                       "the iteration counter and the image to advance three times after play",
                       interval=0.05, details=lambda: f"iterations {iterations}, images {len(seen)}")
    assert iterations == sorted(iterations) and iterations[-1] > 0
    assert iterations[-1] % 10 == 0  # whole frames of ten iterations
    harness.wait_until(lambda: button.inner_text().strip() == "pause", harness.TIMEOUTS["control"],
                       "the play button to say pause")
    # the kernel is not blocked: a cell runs while the playground plays
    page.locator(".jp-CodeCell").nth(1).click()
    page.keyboard.press("Shift+Enter")
    harness.wait_until(lambda: "the kernel is free" in page.locator(".jp-CodeCell").nth(1).inner_text(),
                       harness.TIMEOUTS["figure_change"], "a cell to run while playing")
    harness.wait_until(lambda: advanced(6), harness.TIMEOUTS["figure_change"],
                       "the playground to go on after the cell ran", interval=0.05,
                       details=lambda: f"iterations {iterations}")
    explorer.evaluate(_COUNT_FRAMES_JS)
    first, counted = _iteration(explorer), time.monotonic()
    page.wait_for_timeout(3000)
    frames = page.evaluate("() => window.__playgroundFrames")
    trained = _iteration(explorer) - first
    elapsed = time.monotonic() - counted
    print(f"\nplaying in JupyterLab: {frames} images shown in {elapsed:.1f} s "
          f"({frames / elapsed:.1f} per second), {trained} iterations "
          f"({trained / 10 / elapsed:.1f} frames per second trained); iterations seen "
          f"by polling {iterations}, {time.monotonic() - began:.1f} s after play")

    button.click()  # pause
    harness.wait_until(lambda: "paused" in explorer.inner_text(), harness.TIMEOUTS["figure_change"],
                       "the read-out to say paused")
    harness.settle(explorer)
    stopped = _state(explorer)
    assert stopped[0] >= iterations[-1]
    time.sleep(harness.seconds(2.0))
    assert _state(explorer) == stopped, "the playground went on after pause"
    assert button.inner_text().strip() == "play"
