"""The project's look, in one place: what helpers.plotting and the explorers
(helpers.widgets) share, so that a curve, a shading or a histogram panel looks the same in
a lesson's figure and in an explorer. Constants only, and the one text two figures share;
nothing here draws or runs at import time.

Public API
    RC_PARAMS                 the matplotlib settings plotting.use_style() applies
    LINE_WIDTH                every curve's line width (2)
    ACTIVATION_NAMES          activation name -> how figures write it ("relu" -> "ReLU")
    ACTIVATION_COLOR, SLOPE_COLOR   the colours of a = g(z) and of g'(z)
    FLAT_COLOR, FLAT_ALPHA    the shading where g is flat (saturated or off)
    INPUTS_COLOR, INPUTS_HEIGHT     the histogram of the inputs z behind g (its colour, and
                              its height as a fraction of the axes)
    LAYER_HIST_TOP, LAYER_HIST_FLOOR   a layer's histogram panel: the tallest bar's height,
                              unless the tallest bin holds less than LAYER_HIST_FLOOR
    layer_histogram_heights(shares)   the bar heights of one layer's panel
    layer_histogram_note(stats, l)    the text in layer l's panel (its std, the shares at 0
                              and beyond the edges)

layer_histogram_heights takes the shares of one layer (an array, as in
helpers.deepstats.LayerStats.hist[l - 1]); layer_histogram_note a LayerStats computed with
bins and a layer number l from 1 to L. Their callers (plotting and the init explorer) check
their own arguments first.
"""
import numpy as np

__all__ = ["ACTIVATION_COLOR", "ACTIVATION_NAMES", "FLAT_ALPHA", "FLAT_COLOR", "INPUTS_COLOR",
           "INPUTS_HEIGHT", "LAYER_HIST_FLOOR", "LAYER_HIST_TOP", "LINE_WIDTH", "RC_PARAMS",
           "SLOPE_COLOR", "layer_histogram_heights", "layer_histogram_note"]

LINE_WIDTH = 2
RC_PARAMS = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 80,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": LINE_WIDTH,
    "font.size": 11,
    "legend.frameon": False,
}

# --- activations (lesson 05 and both explorers) ---------------------------------------
ACTIVATION_NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU",
                    "leaky_relu": "leaky ReLU", "linear": "linear"}
ACTIVATION_COLOR = "#1f77b4"  # a = g(z)
SLOPE_COLOR = "#2ca02c"       # g'(z)
FLAT_COLOR = "#d62728"        # shading where g'(z) is (nearly) 0: saturated or off
FLAT_ALPHA = 0.12
INPUTS_COLOR = "0.55"         # histogram of the inputs z
INPUTS_HEIGHT = 0.3           # the inputs' histogram is drawn this high (fraction of the axes)

# --- a deep stack's activations, one histogram panel per layer (lesson 06) -------------
LAYER_HIST_TOP = 0.72     # a panel's tallest bar reaches this fraction of its height...
LAYER_HIST_FLOOR = 0.02   # ...unless it holds less than 2 % of the values (drawn lower then)


def layer_histogram_heights(shares):
    """The bar heights of one layer's histogram panel (a fraction of the panel's height):
    ``shares`` (the share of the values per bin) scaled so that the tallest bar reaches
    LAYER_HIST_TOP, or lower when the tallest bin holds less than LAYER_HIST_FLOOR."""
    shares = np.asarray(shares, dtype=np.float64)
    return LAYER_HIST_TOP * shares / max(shares.max(), LAYER_HIST_FLOOR)


def layer_histogram_note(stats, l):
    """The text in layer l's histogram panel (l from 1): its std, the share of exact zeros
    when there are any, the shares beyond the histogram's edges when there are any.

    stats: a helpers.deepstats.LayerStats computed with bins (it has edges and outside).
    """
    k = l - 1
    note = f"std {stats.std[k]:.2g}"
    if stats.zero_fraction[k] > 0:
        note += f"\n{100 * stats.zero_fraction[k]:.0f} % are 0"
    below, above = stats.outside[k]
    if above >= 0.005:
        note += f"\n{100 * above:.0f} % > {stats.edges[-1]:g} →"
    if below >= 0.005:
        note += f"\n← {100 * below:.0f} % < {stats.edges[0]:g}"
    return note
