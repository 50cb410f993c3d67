"""An explorer as a standalone app: the notebook served by Voilà (what an instructor can
put in front of a class), in headless Chromium. Voilà runs the notebook itself when the
page loads, in a fresh kernel, and shows only the outputs. Voilà renders with the harness's
"lab-local" template (no CDN); like every browser test, these fail on any request that
would leave localhost."""
import pytest

from . import harness
from .test_explorers_in_lab import _lesson, _sample_notebook

pytestmark = pytest.mark.browser


def _explore_first_explorer(page, server, prefix):
    harness.open_voila_app(page, server)  # the whole notebook executed, its outputs shown
    explorers = harness.wait_for_explorers(page, scope="body")
    return harness.explore_all(page, explorers[:1], prefix)


@pytest.mark.parametrize("name", [_lesson("05_activations.ipynb")])
def test_a_lesson_explorer_works_as_a_voila_app(voila, voila_page, served_root, name):
    server = voila(served_root / "notebooks" / name)
    done = _explore_first_explorer(voila_page, server, "voila-" + name.removesuffix(".ipynb"))
    print("\n".join(done))


def test_the_sample_explorer_works_as_a_voila_app(voila, voila_page, served_root):
    server = voila(served_root / _sample_notebook(served_root, "Wave"))
    done = _explore_first_explorer(voila_page, server, "voila-scratch-wave")
    assert len(done) == 2
