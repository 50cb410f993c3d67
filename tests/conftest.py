"""Fixtures shared by every test; the shared builders are in support.py.

benchmarks/ is put on sys.path here, so that tests can import the benchmarks' naive
baselines (``from baselines.explorers import naive_init_plot``) to compare pictures with.

nbval_report.py (the summary of failing notebook cells at the end of a run) is registered here
as a plugin of the whole session, so that its hooks also see the notebooks' items, which are
outside tests/ (a conftest's own hooks would only see tests/).

make test runs pytest-xdist with ``--dist loadfile``: each test file and each notebook goes
to one worker as a whole (a notebook's cells run in order in one kernel; a module's fixtures
are built once). pytest_xdist_make_scheduler below keeps that, and makes tests/browser/ one
unit: its tests run on one worker and share one JupyterLab and one Chromium (the session
fixtures of tests/browser/conftest.py), where plain loadfile would start both on every
worker that gets a browser test file.
"""
import sys
import warnings

import numpy as np
import pytest

from helpers.datasets import planar_flower
from support import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

BROWSER_GROUP = "tests/browser"  # node ids are relative to the repository's top folder


def pytest_configure(config):
    import nbval_report

    if not config.pluginmanager.is_registered(nbval_report):
        config.pluginmanager.register(nbval_report, "nbval_report")


def xdist_scope(nodeid):
    """The unit of work a test or notebook cell goes to an xdist worker in, under --dist
    loadfile: "tests/browser" for everything under tests/browser/, else its file."""
    path = nodeid.split("::", 1)[0]
    return BROWSER_GROUP if path.startswith(BROWSER_GROUP + "/") else path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, with tests/browser/ as one file (xdist's own hook; None otherwise).

    The units go out in collection order, not largest first (xdist's default since 3.6): the
    browser unit, collected first, is the longest (minutes), so it starts at once on one
    worker while the others take every other file and notebook."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False

    class BrowserTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            return xdist_scope(nodeid)

    return BrowserTogether(config, log)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure after each test, passed or failed (a failing test never
    reaches its own plt.close)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")  # only if some test imported it
    if pyplot is not None:
        pyplot.close("all")


@pytest.fixture
def root():
    """The repository's top folder."""
    return ROOT


@pytest.fixture(scope="module")
def flower():
    """helpers.datasets.planar_flower(): the lessons' flower, X (2, 400) and Y (1, 400)."""
    return planar_flower()


@pytest.fixture
def strict_floats():
    """Every NumPy floating-point event raises, and every warning is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            yield
