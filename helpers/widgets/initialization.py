"""The initialization explorer (lesson 06): what a deep stack of layers does to its signal.

A stack of ``depth`` dense layers of ``width`` units, all with one activation g, gets m
standard-normal inputs (n[0] = width as well; m = 500 up to 64 units, fewer for wider
layers so that every layer still has at least 32,768 values: 128 at 256 units, 64 at 512)
and is initialized with a scheme of
helpers.initializers (zeros, random 0.01, xavier, he, glorot) times a multiplier, the
lecture's extra hyper-parameter. One forward pass and one backward pass (from the random
linear read-out of helpers.deepstats) later, the figure shows

- top: the histogram of the activations a[l] of every layer, as small multiples (one panel
  per layer, same x axis; ReLU's exact zeros are not drawn, their share is written in the
  panel);
- bottom: per layer, the std of a[l] and the root mean square of the gradient dz[l] on log
  scales, each with the variance argument's prediction (helpers.deepstats.
  predicted_statistics, dashed), and the share of flat units (helpers.activations'
  definition: g'(z) below 1 % of its largest value), called saturated for tanh and
  sigmoid, off for ReLU.

A layer whose activations are all one value (every unit, every example: what zeros give)
gets a line at that value in its panel, and the read-out says what it means: the units
cannot be told apart (symmetry).

The numbers come from helpers.deepstats.layer_statistics, the function the notebook uses.

Speed (issue 20: 100 ms per change at every setting, Agg, one core): a change costs about
2 depth - 1 matrix products of width x width x m, so wide layers get fewer examples (m of
_examples_for: 64 at 512 units), and the products are scaled, std[l] (G[l] A), taken in
float32 on A divided by its largest entry (deepstats' scaled_products and
float32_products: half the time, numbers within 1e-4 of float64's, no under- or overflow)
instead of copying every weight matrix. The artists are made once (InitFigure) and only
their data change. The histogram grid is laid out for one row of up to 5 panels, or for
10 or 15 (_slots; the panels past the depth are covered), so the static part of the
picture depends on (row count, activation) only: 7 pictures per activation, kept as pixels
(helpers.widgets.base's blitting) with the rest drawn over them. What takes only a few
looks is kept as pixels too and put back, in every scene: the two log axes per pair of
limits (labels 10⁻³ in plain text), the header's four pieces per words and place. The
numbers of the latest 256 settings are kept, so dragging a slider back costs no
computing; the random numbers (inputs, the weight draws G[l] of 15 layers, in float32,
and the read-out) are drawn once per (seed, width) and kept. Measured with
benchmarks/widget_latency.py (every control swept across its range, one BLAS thread) on a
2-core machine at load about 1, as CPU time of the redraws: median 53-62 ms (95th
percentile about 100) from the defaults and 83-96 ms (120-160) from 15 x 512, where this
module took 137 (287) and 423 (542) before issue 20. At 15 x 512 a change costs about 35
ms computing and 30 drawing; new limits of a log axis add 10-15 ms each, a new seed or
width its weights (15 x 512 x 512 normal numbers, about 55 ms), a new row count or
activation a full draw of the figure (about 200 ms, once).

    explorer = init_explorer(activation="relu", scheme="he")
    explorer.update(multiplier=10.0)     # what a slider does
    explorer.stats.std                   # the measured per-layer numbers

Values are checked before anything changes (helpers.widgets.base): an unknown control or a
value the control cannot show raises ValueError or TypeError naming the control.

Public API
    init_explorer(**values)   a live InitExplorer; controls: activation ("tanh", "relu",
                              "sigmoid"), scheme ("zeros", "random", "xavier", "he",
                              "glorot"), multiplier (1e-3 to 1e3), depth (1 to 15), width
                              (16 to 512 in steps of 16), seed (0 to 20)
    InitExplorer              its class: ``controls``, ``figure``, ``update``, ``stats``
                              (deepstats.LayerStats), ``prediction`` (PredictedStats),
                              ``DEFAULTS``
    InitFigure(fig)           its picture alone, drawn into any matplotlib Figure;
                              ``show(values, draws=None)`` updates it and returns
                              (LayerStats, PredictedStats)
"""
import math
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator
from matplotlib.transforms import Bbox

from helpers import deepstats
from helpers.style import (ACTIVATION_NAMES, LINE_WIDTH, layer_histogram_heights,
                           layer_histogram_note)
from helpers.widgets.base import Explorer, readout_html

__all__ = ["InitExplorer", "InitFigure", "init_explorer"]

_ACTIVATION_CHOICES = ("tanh", "relu", "sigmoid")
_SCHEMES = (("zeros", "zeros"), ("random 0.01", "random"), ("xavier", "xavier"), ("he", "he"),
            ("glorot", "glorot"))  # (label shown, helpers.initializers method)
_SCHEME_FORMULAS = {
    "zeros": "W = 0",
    "random": "std(w) = 0.01",
    "xavier": "Var(w) = 1/n[l−1]",
    "he": "Var(w) = 2/n[l−1]",
    "glorot": "Var(w) = 2/(n[l−1] + n[l])",
}
_MULTIPLIER_EXPONENTS = (-3.0, 3.0)  # the multiplier runs from 1e-3 to 1e3 (log slider)
_DEPTH_RANGE = (1, 15)
_MAX_DEPTH = _DEPTH_RANGE[1]
_WIDTH_RANGE = (16, 512, 16)  # min, max, step
_SEED_RANGE = (0, 20)
_N_EXAMPLES = 500  # m for a narrow stack; a wide one gets fewer (_examples_for)
_SAMPLES = 32768  # entries of a[l] per layer (width x m) the histograms and numbers need
_CACHE_SIZE = 3  # (seed, width) draws kept

_HIST_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": (0.0, 4.0)}
_HIST_TICKS = {"tanh": (-1, 0, 1), "sigmoid": (0, 0.5, 1), "relu": (0, 2, 4)}
_N_BINS = 40
_HIST_COLS = 5

_MEASURED_COLORS = {"std": "#1f77b4", "grad": "#d95f02"}
_THEORY_COLOR = "0.15"
_FLAT_BAR_COLOR = "#d62728"
_SAME_COLOR = "#b2182b"  # the line marking a layer whose units all have one value
_ZERO_NOTE = "0 in every layer:\nnot drawn on a log scale"

# Figure fractions of the manual layout (no layout engine: the panels move with the depth).
_HIST_BOX = (0.05, 0.535, 0.985, 0.905)  # left, bottom, right, top of the histogram grid
_HIST_GAPS = (0.012, 0.05)  # horizontal and vertical gap between histogram panels
_LINE_BOXES = ([0.085, 0.09, 0.235, 0.295], [0.41, 0.09, 0.235, 0.295],
               [0.745, 0.09, 0.235, 0.295])


def _edges_for(activation):
    """The histogram's bin edges for one activation (_N_BINS equal bins over _HIST_RANGE)."""
    lo, hi = _HIST_RANGE[activation]
    return np.linspace(lo, hi, _N_BINS + 1)


def _examples_for(width):
    """m, the number of examples, for layers of ``width`` units: enough for _SAMPLES
    values of a[l] per layer (width x m), at most _N_EXAMPLES (500 up to 64 units, 256 at
    128, 128 at 256, 64 at 512). A change costs about depth x width^2 x m multiply-adds
    (2 depth - 1 matrix products); with width x m fixed it grows like depth x width only.
    Measured over 270 settings at 15 layers (the same weights, other inputs): the per-layer
    std differs from 500 examples' by 1.2 % (median of the worst layer; at most 3.3 %),
    where two samples of 500 examples differ by 0.7 % (at most 2.6 %); the rms of dz by
    2.5 % (1.8 % for two samples of 500), more where nearly every unit is saturated and a
    few carry the whole gradient (there 500 examples are no steadier)."""
    return min(_N_EXAMPLES, -(-_SAMPLES // int(width)))


def _slots(depth):
    """How many histogram panels the picture for ``depth`` layers is laid out for: one row
    of ``depth`` panels up to _HIST_COLS layers, then whole rows of _HIST_COLS (10 for 6 to
    10 layers, 15 for 11 to 15). Panels past the depth stay empty, so the picture's static
    part is the same for every depth of one row count (blitting keeps 7 pictures per
    activation, not 15), and the layer axes run to the same end while the depth changes."""
    return depth if depth <= _HIST_COLS else _HIST_COLS * math.ceil(depth / _HIST_COLS)


def _histogram_grid(depth):
    """(rows, cols) of the histogram panels for ``depth`` layers: up to _HIST_COLS a row,
    as many as _slots(depth)."""
    slots = _slots(depth)
    cols = min(slots, _HIST_COLS)
    return math.ceil(slots / cols), cols


def _log_limits(*arrays):
    """Decade limits (lo, hi) of a log axis showing every positive value of ``arrays``,
    at least two decades wide; (1e-2, 1e1) when there is none."""
    values = np.concatenate([np.ravel(a) for a in arrays])
    values = values[np.isfinite(values) & (values > 0)]
    if values.size == 0:
        return 1e-2, 1e1
    lo = math.floor(math.log10(values.min()))
    hi = math.ceil(math.log10(values.max()))
    if hi - lo < 2:
        lo, hi = lo - (2 - (hi - lo)) // 2, lo - (2 - (hi - lo)) // 2 + 2
        if 10.0**hi < values.max():
            lo, hi = lo + 1, hi + 1
    return 10.0**lo, 10.0**hi


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade_label(value, position=None):
    """A log axis' tick label: 10⁻³ for 0.001, in plain text (superscript digits): the
    same look as matplotlib's 10$^{-3}$ without mathtext, which made a new pair of
    limits cost twice as much to draw."""
    if not value > 0:
        return ""
    exponent = round(math.log10(value))
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


def _positive_or_nan(x):
    """x with zeros (and negatives) as NaN: a log axis leaves those points out, no warning."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, np.nan)


def _compute(values, draws=None):
    """The explorer's numbers for control values {"activation", "scheme", "multiplier",
    "depth", "width", "seed"}: (LayerStats, PredictedStats) from helpers.deepstats, for
    layer sizes [width] * (depth + 1) and _examples_for(width) examples. ``draws``:
    standard_draws of that network, or of a deeper one of the same width and seed (sliced
    to depth)."""
    depth, width = int(values["depth"]), int(values["width"])
    dims = [width] * (depth + 1)
    if draws is not None:
        draws = deepstats.Draws(draws.X, draws.G[:depth], draws.R)
    stats = deepstats.layer_statistics(
        dims, values["activation"], values["scheme"], float(values["multiplier"]),
        n_examples=_examples_for(width), seed=int(values["seed"]),
        bins=_edges_for(values["activation"]),
        weight_gradients=False, draws=draws, scaled_products=True, float32_products=True)
    prediction = deepstats.predicted_statistics(dims, values["activation"], values["scheme"],
                                                float(values["multiplier"]))
    return stats, prediction


_VALUE_NAMES = ("activation", "scheme", "multiplier", "depth", "width", "seed")
_NUMBERS_KEPT = 256  # settings whose numbers are kept (about 10 kB each)


def _read_only(*results):
    """``results`` (NamedTuples of arrays) with every array made read-only: kept numbers
    are handed out again, so nobody may change them in place."""
    for result in results:
        for value in result:
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
    return results


def _scheme_label(method):
    return dict((v, k) for k, v in _SCHEMES)[method]


def _format_multiplier(x):
    """The multiplier in plain digits, 3 significant: 1000, 1.26, 0.001."""
    return np.format_float_positional(float(x), precision=3, unique=True, fractional=False,
                                      trim="-")


def _layers(n):
    return f"{n} layer" if n == 1 else f"{n} layers"


def _header_pieces(values):
    """The figure's top line in four pieces, each changed by fewer controls: the settings
    of (activation, scheme), the multiplier, then (depth, width) and the seed. The
    multiplier scales the std of the weights (helpers.initializers' ``scale``), so it is
    written "std × m"."""
    method = values["scheme"]
    times = "" if method == "zeros" else f" std × {_format_multiplier(values['multiplier'])}"
    return (f"{ACTIVATION_NAMES[values['activation']]} layers, {_scheme_label(method)} "
            f"({_SCHEME_FORMULAS[method]}){',' if times else ''}",
            times,
            f"{_layers(int(values['depth']))} of {values['width']} units  ·  "
            f"{_examples_for(values['width'])} examples",
            f"  ·  seed {values['seed']}")


def _header_text(values):
    """The figure's top line: the settings, in words (the pieces of _header_pieces)."""
    first, times, network, seed = _header_pieces(values)
    return f"{first}{times}  ·  {network}{seed}"


_HEADER_STARTS = (0.015, 0.59)  # figure x where the initialization's and the network's words start


class _HeaderLine:
    """The top line as one Text per piece of _header_pieces, in two groups that start at
    fixed places (_HEADER_STARTS: the initialization on the left, the network on the
    right), each piece after the one before it: a change redraws only the pieces whose
    words or place changed (each piece is a kept artist: its pixels are kept per words and
    place, helpers.widgets.base); dragging the multiplier or the seed moves nothing else."""

    def __init__(self, fig, y, **style):
        self.fig, self.y = fig, y
        self.pieces = [fig.text(0.5, y, "", ha="left", va="top", **style) for _ in range(4)]
        self._widths = {}  # words -> width in pixels

    def _width(self, words, renderer):
        if words not in self._widths:
            w, _, _ = renderer.get_text_width_height_descent(
                words, self.pieces[0].get_fontproperties(), ismath=False)
            self._widths[words] = w
        return self._widths[words]

    def set_pieces(self, pieces):
        renderer = self.fig.canvas.get_renderer()
        figure_width = self.fig.bbox.width
        for group, start in zip((range(0, 2), range(2, 4)), _HEADER_STARTS):
            x = start * figure_width
            for k in group:
                self.pieces[k].set_text(pieces[k])
                self.pieces[k].set_x(x / figure_width)
                x += self._width(pieces[k], renderer) if pieces[k] else 0.0

    def get_text(self):
        first, times, network, seed = (piece.get_text() for piece in self.pieces)
        return f"{first}{times}  ·  {network}{seed}"

    def region(self, piece, renderer):
        """The pixels ``piece`` owns: from its left end to the next piece's, the line's
        height. The second and fourth pieces start with a space: the border between
        neighbours lies in it, so neither's ink crosses it."""
        width = self.fig.bbox.width
        k = self.pieces.index(piece)
        x0 = piece.get_position()[0] * width + (1.5 if k in (1, 3) else -1)
        following = self.pieces[k + 1] if k in (0, 2) else None
        if following is not None and following.get_text():
            x1 = following.get_position()[0] * width + 1.5
        else:
            x1 = (piece.get_window_extent(renderer).x1 if piece.get_text() else x0) + 2
        top = self.y * self.fig.bbox.height
        return Bbox([[math.floor(x0), math.floor(top - 20)],
                     [math.floor(x1), math.ceil(top + 2)]])


def _flat_name(activation):
    """What a flat unit (helpers.activations.flat_slope) is called for this activation."""
    return "off (a = 0)" if activation == "relu" else "saturated"


def _layer_list(layers):
    """1-based layer numbers in words: "layer 3", "layers 1–9", "layers 1, 4 and 6"."""
    layers = [int(l) for l in layers]
    if len(layers) == 1:
        return f"layer {layers[0]}"
    if layers == list(range(layers[0], layers[-1] + 1)):
        return f"layers {layers[0]}–{layers[-1]}"
    return "layers " + ", ".join(map(str, layers[:-1])) + f" and {layers[-1]}"


def _zero_note(values):
    """The note on a log panel for the layers where ``values`` are 0 (not drawable)."""
    zero = np.flatnonzero(~(np.asarray(values) > 0)) + 1
    if zero.size == 0:
        return ""
    if zero.size == len(values):
        return _ZERO_NOTE
    return f"0 at {_layer_list(zero)}:\nnot drawn on a log scale"


def _same_value(stats):
    """Per layer: the one value every unit of the layer has for every example (std of
    a[l] exactly 0), or NaN where the values differ."""
    return np.where(stats.std == 0, stats.mean, np.nan)


def _format_value(x):
    return f"{x:.3g}".replace("-", "−")


class InitFigure:
    """The explorer's picture, drawn into any matplotlib Figure: artists made once, then
    updated.

    fig: the Figure to draw into (its layout engine is switched off: the panels are placed
    by hand). ``show(values, draws=None)`` computes the numbers for control values
    {"activation", "scheme", "multiplier", "depth", "width", "seed"} (helpers.deepstats;
    draws: deepstats.standard_draws of that width and seed, at least depth layers deep, a
    function of no arguments returning them, or None to draw them), updates every artist
    and returns (LayerStats, PredictedStats). The numbers of the latest 256 settings are
    kept (read-only) and shown again without computing (nor drawing the weights again).
    ``moving``: the artists that change with the numbers; ``scene``: (_slots(depth), activation),
    what the rest depends on (blitting). The explorer keeps one of these for its whole
    life; benchmarks/ make a new one per change.
    """

    def __init__(self, fig):
        self.fig = fig
        fig.set_layout_engine("none")
        self.header = _HeaderLine(fig, 0.975, fontsize=10.5)
        fig.text(0.5, 0.472, "histograms of the activations a[l], one panel per layer "
                 "(same x axis; heights scaled to fit each panel)",
                 ha="center", va="top", fontsize=8.5, color="0.35")
        self.hist_axes, self.bars, self.layer_labels, self.hist_notes = [], [], [], []
        self.same_lines, self.same_texts = [], []
        note = dict(fontsize=7.5, va="top", color="0.2")
        for l in range(1, _MAX_DEPTH + 1):
            ax = fig.add_axes([0, 0, 0.1, 0.1])
            ax.set_yticks([])
            ax.yaxis.set_visible(False)  # no ticks, no label: drawing it would only cost time
            ax.grid(False)
            ax.tick_params(axis="x", labelsize=8, length=2, pad=1)
            for side in ("left", "top", "right"):
                ax.spines[side].set_visible(False)
            self.bars.append(ax.stairs(np.zeros(_N_BINS), _edges_for("tanh"), fill=True,
                                       color=_MEASURED_COLORS["std"], alpha=0.7, lw=0))
            self.layer_labels.append(ax.text(0.03, 0.98, f"layer {l}", ha="left",
                                             transform=ax.transAxes, **note))
            self.hist_notes.append(ax.text(0.97, 0.98, "", ha="right", transform=ax.transAxes,
                                           **note))
            # every unit of the layer has one value (zeros): a line there, and its value
            self.same_lines.append(ax.axvline(0.0, ymax=0.8, color=_SAME_COLOR, lw=2.5,
                                              visible=False))
            self.same_texts.append(ax.text(0.0, 0.45, "", transform=ax.get_xaxis_transform(),
                                           fontsize=7.5, color=_SAME_COLOR, va="center",
                                           visible=False))
            ax.set_ylim(0, 1)
            self.hist_axes.append(ax)
        # covers for the empty panels past the depth (in the figure's colour, over them)
        self.blanks = [fig.add_artist(Rectangle((0, 0), 0, 0, transform=fig.transFigure,
                                                facecolor=fig.get_facecolor(), edgecolor="none",
                                                zorder=5, visible=False))
                       for _ in range(_MAX_DEPTH)]

        self.std_ax, self.grad_ax, self.flat_ax = (fig.add_axes(box) for box in _LINE_BOXES)
        layers = np.arange(1, _MAX_DEPTH + 1)
        self.lines = {}
        for key, ax, ylabel in (("std", self.std_ax, "std of $a^{[l]}$"),
                                ("grad", self.grad_ax, "rms of $dz^{[l]}$")):
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(numticks=6))
            ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
            ax.yaxis.set_minor_locator(NullLocator())
            (measured,) = ax.plot(layers, np.ones(_MAX_DEPTH), "o-", color=_MEASURED_COLORS[key],
                                  lw=LINE_WIDTH, ms=4, label="measured")
            (theory,) = ax.plot(layers, np.ones(_MAX_DEPTH), "--", color=_THEORY_COLOR, lw=1.5,
                                ms=16, mew=1.5, label="theory")  # a marker for depth 1 only
            note_text = ax.text(0.5, 0.5, "", ha="center", va="center", fontsize=8.5,
                                color="0.3", transform=ax.transAxes)
            self.lines[key] = (measured, theory, note_text)
            ax.set_ylabel(ylabel)
        fig.legend(handles=[self.lines["std"][0], self.lines["grad"][0], self.lines["std"][1]],
                   labels=["measured std of a[l]", "measured rms of dz[l]",
                           "theory (the variance argument)"],
                   loc="lower center", bbox_to_anchor=(0.37, 0.4), ncols=3, fontsize=8.5,
                   handlelength=2.2, borderaxespad=0)
        self.flat_bars = self.flat_ax.bar(layers, np.zeros(_MAX_DEPTH), width=0.7,
                                          color=_FLAT_BAR_COLOR, alpha=0.75)
        self.flat_ax.set_ylim(0, 100)
        self.flat_ax.set_yticks([0, 25, 50, 75, 100])
        self.flat_ax.set_ylabel("% saturated units")
        for ax in (self.std_ax, self.grad_ax, self.flat_ax):
            ax.set_xlabel("layer $l$")
            # whole layer numbers only, even for a single layer (min_n_ticks=1)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6, min_n_ticks=1))
        self.scene = (None, None)  # (panels, activation) the panels are arranged for
        self._numbers = OrderedDict()  # control values -> (stats, prediction), the latest
        # What changes with the numbers, drawn over a kept picture of the rest (blitting).
        self.moving = (self.header.pieces + [self.std_ax.yaxis, self.grad_ax.yaxis]
                       + self.bars + self.hist_notes + self.same_lines + self.same_texts
                       + list(self.flat_bars) + self.blanks
                       + [artist for trio in self.lines.values() for artist in trio])

    def _arrange(self, slots, activation):
        """Place and show ``slots`` histogram panels (_slots of the depth); set their x axis."""
        rows, cols = _histogram_grid(slots)
        left, bottom, right, top = _HIST_BOX
        hgap, vgap = _HIST_GAPS
        w = (right - left - (cols - 1) * hgap) / cols
        h = (top - bottom - (rows - 1) * vgap) / rows
        lo, hi = _HIST_RANGE[activation]
        pad = 0.03 * (hi - lo)
        for k, (ax, blank) in enumerate(zip(self.hist_axes, self.blanks)):
            visible = k < slots
            ax.set_visible(visible)
            if visible:
                r, c = divmod(k, cols)
                x0, y0 = left + c * (w + hgap), top - (r + 1) * h - r * vgap
                ax.set_position([x0, y0, w, h])
                ax.set_xlim(lo - pad, hi + pad)
                ticks = _HIST_TICKS[activation]
                # short labels ("0", "0.5", "1"): neighbouring panels' labels never touch
                ax.set_xticks(ticks, [f"{t:g}".replace("-", "−") for t in ticks])
                # the numbers under the lowest row only (the x axis is the same in every
                # panel; fewer labels also make a new picture cheaper)
                ax.tick_params(axis="x", labelbottom=r == rows - 1)
                # an empty panel (past the depth) is covered, its numbers under it too
                blank.set_bounds(x0 - 0.4 * hgap, y0 - 0.9 * vgap, w + 0.8 * hgap,
                                 h + 0.9 * vgap)
        for ax in (self.std_ax, self.grad_ax, self.flat_ax):
            ax.set_xlim(0.5, slots + 0.5)
        self.flat_ax.set_ylabel("% units off (a = 0)" if activation == "relu"
                                else "% saturated units")
        self.scene = (slots, activation)

    def show(self, values, draws=None):
        """Compute the numbers for ``values``, update every artist, return (stats, prediction)."""
        key = tuple(values[name] for name in _VALUE_NAMES)
        if key in self._numbers:  # a setting seen before (a slider dragged back)
            self._numbers.move_to_end(key)
        else:
            self._numbers[key] = _read_only(*_compute(values, draws() if callable(draws)
                                                      else draws))
            while len(self._numbers) > _NUMBERS_KEPT:
                self._numbers.popitem(last=False)
        stats, prediction = self._numbers[key]
        depth, activation = int(values["depth"]), values["activation"]
        if self.scene != (_slots(depth), activation):
            self._arrange(_slots(depth), activation)
        for k in range(_MAX_DEPTH):  # the panels past the depth: nothing in them, covered
            used = k < depth
            self.bars[k].set_visible(used)
            self.hist_notes[k].set_visible(used)
            self.flat_bars[k].set_visible(used)
            self.blanks[k].set_visible(not used and k < _slots(depth))
            if not used:
                self.same_lines[k].set_visible(False)
                self.same_texts[k].set_visible(False)
        for _, theory, _ in self.lines.values():  # one point draws no line: mark it
            theory.set_marker("_" if depth == 1 else "None")
        self.header.set_pieces(_header_pieces(values))
        edges = stats.edges
        same = _same_value(stats)
        mid = 0.5 * (edges[0] + edges[-1])
        for l in range(depth):
            counts = stats.hist[l]
            self.bars[l].set_data(layer_histogram_heights(counts), edges)
            self.hist_notes[l].set_text(layer_histogram_note(stats, l + 1))
            shown = bool(np.isfinite(same[l]))
            self.same_lines[l].set_visible(shown)
            self.same_texts[l].set_visible(shown)
            if shown:
                x = float(np.clip(same[l], edges[0], edges[-1]))
                self.same_lines[l].set_xdata([x, x])
                right = x <= mid  # the words on the roomier side of the line
                gap = 0.025 * (edges[-1] - edges[0])
                self.same_texts[l].set_x(x + gap if right else x - gap)
                self.same_texts[l].set_horizontalalignment("left" if right else "right")
                self.same_texts[l].set_text(f"every unit:\na = {_format_value(same[l])}")

        pad = np.full(_MAX_DEPTH - depth, np.nan)
        for key, measured_values, theory_values in (
                ("std", stats.std, prediction.std), ("grad", stats.grad_rms, prediction.grad_rms)):
            measured, theory, note_text = self.lines[key]
            shown = _positive_or_nan(measured_values)
            measured.set_ydata(np.concatenate([shown, pad]))
            theory.set_ydata(np.concatenate([_positive_or_nan(theory_values), pad]))
            ax = measured.axes
            ax.set_ylim(*_log_limits(measured_values, theory_values))
            note_text.set_text(_zero_note(measured_values))
        for bar, share in zip(self.flat_bars, stats.flat_fraction):
            bar.set_height(100 * share)
        return stats, prediction


_ITEM_WIDTH = "200px"  # a read-out item: a label and "0.627 → 0.224" over its theory


def _symmetry_note(values, stats):
    """What a layer whose units all have one value means (zeros), in words; "" otherwise."""
    same = _same_value(stats)
    if not np.any(np.isfinite(same)):
        return ""
    shown = sorted({_format_value(v) for v in same[np.isfinite(same)]})
    where = ("in every layer" if np.all(np.isfinite(same))
             else f"in {_layer_list(np.flatnonzero(np.isfinite(same)) + 1)}")
    note = (f"{where} every unit computes the same value, a = {' or '.join(shown)}, for "
            f"every example. Nothing tells the units apart: the symmetry of lesson 06, section 1.")
    note = f"W = 0: {note}" if values["scheme"] == "zeros" else note[0].upper() + note[1:]
    no_gradient = np.flatnonzero(stats.grad_rms == 0) + 1
    if no_gradient.size:
        where = ("any layer" if no_gradient.size == len(stats.layers)
                 else _layer_list(no_gradient))
        note += f" No gradient reaches {where} (dz = 0), so their weights never change."
    return note


def _readout(values, stats, prediction):
    """The read-outs: first and last layer's numbers, measured and predicted; for a layer
    whose units are all alike (zeros), what that means."""
    last = len(stats.layers)

    def pair(x, fmt):
        return fmt.format(x[0]) if last == 1 else f"{fmt.format(x[0])} → {fmt.format(x[-1])}"

    def item(label, measured, predicted=None, fmt="{:.3g}", tip=""):
        value = f"<b>{pair(measured, fmt)}</b>"
        if predicted is not None:
            value += f"<br><span style='color:#666'>theory {pair(predicted, fmt)}</span>"
        return label, value, tip

    flat = _flat_name(values["activation"])
    items = [
        item("std of <i>a</i>", stats.std, prediction.std,
             tip="spread of the activations a[l]: measured, and the variance argument's value"),
        item("rms of <i>dz</i>", stats.grad_rms, prediction.grad_rms,
             tip="size of the gradient dz[l] after one backward pass, and its theory"),
        item("mean of <i>a</i>", stats.mean, prediction.mean, tip="mean of the activations a[l]"),
        item(f"% {flat}", 100 * stats.flat_fraction, fmt="{:.1f}",
             tip="units with slope g'(z) below 1 % of its largest value "
                 "(helpers.activations.flat_slope)"),
    ]
    title = "<b>layer 1</b> (the only layer)" if last == 1 else f"<b>layer 1 → layer {last}</b>"
    return readout_html(title, items, [
        f"inputs: {_examples_for(values['width'])} examples from N(0, 1); gradients from one "
        f"backward pass of a random linear read-out"], item_width=_ITEM_WIDTH,
        alert=_symmetry_note(values, stats), alert_color=_SAME_COLOR)


class InitExplorer(Explorer):
    """Pick an activation, an initialization scheme, a multiplier and the network's size;
    see every layer's activations and gradients at initialization. ``stats`` and
    ``prediction``: the latest numbers (helpers.deepstats LayerStats, PredictedStats)."""

    figsize = (9.5, 6.4)
    readout_width = "250px"  # the widest item: "mean of a  -0.000153 → -0.00203"
    DEFAULTS = {"activation": "tanh", "scheme": "xavier", "multiplier": 1.0, "depth": 10,
                "width": 256, "seed": 1}
    backgrounds_kept = 15  # pictures of the static part (1.6 MB each): 7 per activation
    kept_pixels = 128  # the header's pieces (about 25 kB each) and the log axes (50 kB)
    kept_across_scenes = True  # the header's band and the log axes' left edge: alike in all

    def _make_controls(self):
        slider = dict(continuous_update=True, style={"description_width": "initial"})
        lo, hi = _MULTIPLIER_EXPONENTS
        return {
            "activation": widgets.Dropdown(options=list(_ACTIVATION_CHOICES),
                                           description="activation"),
            "scheme": widgets.Dropdown(options=list(_SCHEMES), description="scheme"),
            "multiplier": widgets.FloatLogSlider(base=10, min=lo, max=hi, step=0.1,
                                                 readout_format=".3g", description="multiplier",
                                                 **slider),
            "depth": widgets.IntSlider(min=_DEPTH_RANGE[0], max=_DEPTH_RANGE[1],
                                       description="layers", **slider),
            "width": widgets.IntSlider(min=_WIDTH_RANGE[0], max=_WIDTH_RANGE[1],
                                       step=_WIDTH_RANGE[2], description="units per layer",
                                       **slider),
            "seed": widgets.IntSlider(min=_SEED_RANGE[0], max=_SEED_RANGE[1], description="seed",
                                      **slider),
        }

    def _build(self, fig):
        self.drawing = InitFigure(fig)
        self._draws = OrderedDict()  # (seed, width) -> standard_draws of _MAX_DEPTH layers
        self.stats = self.prediction = None

    def draws(self, seed, width):
        """The random numbers for (seed, width), _MAX_DEPTH layers deep (kept for reuse)."""
        key = (int(seed), int(width))
        if key in self._draws:
            self._draws.move_to_end(key)
        else:
            # the products are taken in float32 (deepstats' float32_products): G kept so
            self._draws[key] = deepstats.standard_draws([key[1]] * (_MAX_DEPTH + 1),
                                                        _examples_for(key[1]), key[0],
                                                        dtype=np.float32)
            while len(self._draws) > _CACHE_SIZE:
                self._draws.popitem(last=False)
        return self._draws[key]

    def _moving_artists(self):
        return self.drawing.moving

    def _scene(self):
        return self.drawing.scene

    def _kept_artists(self):
        # a log axis' ticks and labels follow its limits (whole decades), nothing else; a
        # piece of the header, its words and place
        header = [(piece, (piece.get_text(), piece.get_position()))
                  for piece in self.drawing.header.pieces]
        return header + [(ax.yaxis, ax.get_ylim())
                         for ax in (self.drawing.std_ax, self.drawing.grad_ax)]

    def _kept_region(self, artist, renderer):
        if artist in self.drawing.header.pieces:
            return self.drawing.header.region(artist, renderer)
        # a left y axis: from its labels to one pixel column past the frame's edge (the
        # tick marks' antialiasing reaches it; the data, from x = 1, start 5 px further)
        box, frame = artist.get_tightbbox(renderer), artist.axes.bbox
        return Bbox([[box.x0 - 1, min(box.y0, frame.y0) - 1],
                     [math.ceil(frame.x0) + 1, max(box.y1, frame.y1) + 1]])

    def _redraw(self, values):
        # the multiplier does nothing to zeros: grey its slider out
        self.controls["multiplier"].disabled = values["scheme"] == "zeros"
        self.stats, self.prediction = self.drawing.show(
            values, lambda: self.draws(values["seed"], values["width"]))
        return _readout(values, self.stats, self.prediction)


def init_explorer(**values):
    """A live InitExplorer; ``values`` set its controls: activation ("tanh", "relu",
    "sigmoid"), scheme ("zeros", "random", "xavier", "he", "glorot"), multiplier (1e-3 to
    1e3, times the scheme's std), depth (1 to 15 layers), width (16 to 512 units, in steps
    of 16) and seed (0 to 20)."""
    return InitExplorer(**values)
