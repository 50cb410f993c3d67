"""What benchmarks/widget_latency.py compares the explorers with, and the changes it makes
(a module, not a benchmark: its folder keeps it out of ``make bench``).

The naive baseline is what an ``interact`` callback would do per change: a new pyplot
figure with the explorer's picture for the values (helpers.widgets' ActivationFigure or
InitFigure, the same class the explorer keeps), drawn from scratch, saved to PNG bytes and
closed. The tests also use it as the reference picture that the explorers' blitted one
must equal (tests/conftest.py puts benchmarks/ on sys.path: ``from baselines.explorers
import naive_init_plot``).

    naive_activation_plot(**values) / naive_init_plot(**values)   PNG bytes; values: the
        explorer's controls, the others at the explorer's DEFAULTS
    ACTIVATION_CHANGES / INIT_CHANGES   one control at a time, as a person moves them
    EXPLORERS                          (name, factory, naive plot, changes) per explorer
"""
import io

import matplotlib.pyplot as plt

from helpers.widgets import activation_explorer, init_explorer
from helpers.widgets.activation import ActivationExplorer, ActivationFigure
from helpers.widgets.initialization import InitExplorer, InitFigure

ACTIVATION_CHANGES = [
    {"mu": 2.0}, {"mu": 4.5}, {"sigma": 3.0}, {"activation": "tanh"}, {"mu": -1.0},
    {"activation": "relu"}, {"sigma": 0.5}, {"activation": "leaky_relu"},
    {"alpha": 0.2}, {"activation": "linear"}, {"mu": 0.0, "sigma": 1.0},
    {"activation": "sigmoid"},
]
INIT_CHANGES = [
    {"multiplier": 2.0}, {"multiplier": 0.5}, {"scheme": "he"}, {"activation": "relu"},
    {"multiplier": 10.0}, {"scheme": "random"}, {"depth": 5}, {"activation": "sigmoid"},
    {"depth": 10}, {"seed": 2}, {"width": 128},
    {"activation": "tanh", "scheme": "xavier", "multiplier": 1.0, "width": 256, "seed": 1},
]


def naive_png(explorer_class, picture_class, values):
    """The picture of ``explorer_class`` for ``values`` (the rest at its DEFAULTS) drawn the
    naive way: a new pyplot figure, ``picture_class(fig).show(values)``, a full draw into
    PNG bytes, the figure closed. Values are not checked (an interact callback gets them
    from its widgets); an unknown name is refused, so that a typo cannot go unnoticed."""
    unknown = sorted(set(values) - set(explorer_class.DEFAULTS))
    if unknown:
        raise ValueError(f"unknown control(s) {unknown}; {explorer_class.__name__} has "
                         f"{sorted(explorer_class.DEFAULTS)}")
    fig = plt.figure(figsize=explorer_class.figsize, dpi=explorer_class.dpi, layout="constrained")
    try:
        picture_class(fig).show({**explorer_class.DEFAULTS, **values})
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def naive_activation_plot(**values):
    """The activation explorer's picture for ``values``, re-plotted from scratch (PNG bytes)."""
    return naive_png(ActivationExplorer, ActivationFigure, values)


def naive_init_plot(**values):
    """The init explorer's picture for ``values``, re-plotted from scratch (PNG bytes); its
    random numbers are drawn anew too, as a callback without a cache would."""
    return naive_png(InitExplorer, InitFigure, values)


EXPLORERS = [
    ("activation_explorer", activation_explorer, naive_activation_plot, ACTIVATION_CHANGES),
    ("init_explorer", init_explorer, naive_init_plot, INIT_CHANGES),
]
