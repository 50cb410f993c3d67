"""Fixtures shared by every test; the shared builders are in support.py.

benchmarks/ is put on sys.path here, so that tests can import the benchmarks' naive
baselines (``from baselines.explorers import naive_init_plot``) to compare pictures with.
"""
import sys
import warnings

import numpy as np
import pytest

from helpers.datasets import planar_flower
from support import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))


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
