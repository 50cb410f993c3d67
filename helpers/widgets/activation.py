"""The activation explorer (lesson 05): what g does to the inputs z a layer feeds it.

A layer computes z = W a_prev + b and passes a = g(z) on; backpropagation multiplies the
gradient reaching each unit by g'(z). Here the inputs are z ~ N(mu, sigma): a fixed,
seeded sample eps of N_INPUTS standard normals, scaled as z = mu + sigma * eps (so a
redraw is cheap and the same settings always give the same numbers). The figure shows

- left: g(z) and g'(z) over the window -10 <= z <= 10, the region where g is flat shaded,
  and the histogram of the inputs z behind them;
- right: the histogram of the outputs a = g(z) of those inputs, its flat part shaded too;
- above: the read-outs (also in the HTML read-out next to the figure): the mean and
  spread of a, the mean of g'(z) over the inputs (how much gradient flows back through
  the unit, on average), and the share of inputs where the unit is flat.

"Flat" is helpers.activations' one definition: g'(z) below 1 % of g's largest slope
(flat_slope). A flat sigmoid or tanh unit is called saturated (|z| > 5.99 and |z| > 2.99,
saturation_z), a flat ReLU unit off (z <= 0: a = 0, g' = 0); leaky ReLU with alpha >= 0.01
and linear units are never flat.

Speed: the artists are made once (ActivationFigure) and only their data change. Besides,
the static part of the picture (axes, ticks, labels, legend, shading) depends only on the
activation, so its pixels are kept, one background per activation, and a redraw paints
only what moved on top of them (helpers.widgets.base's blitting): about 13 ms per change
instead of about 45 ms for a full draw of this figure (benchmarks/widget_latency.py
measures it against the naive re-plot). Values are checked before anything changes
(helpers.widgets.base): bad ones raise ValueError or TypeError naming the control.

    explorer = activation_explorer(activation="tanh", mu=2.0)
    explorer.update(sigma=4.0)        # what a slider does
    explorer.stats["mean_slope"]      # the read-outs as numbers

Public API
    activation_explorer(**values)     a live ActivationExplorer (controls: activation,
                                      alpha 0 to 0.3, mu -10 to 10, sigma 0.1 to 10)
    ActivationExplorer                its class (``controls``, ``figure``, ``update``, ``stats``,
                                      ``DEFAULTS``)
    ActivationFigure(fig, eps=None)   its picture alone, drawn into any matplotlib Figure;
                                      ``show(values)`` updates it, returns input_statistics
    input_statistics(name, z, alpha=0.01)   the read-outs for inputs z: a dict of floats
    flat_intervals(name, alpha=0.01, window=(-10, 10))   where g is flat, as (z0, z1) pairs
    N_INPUTS, INPUTS_SEED             the explorer's inputs: default_rng(INPUTS_SEED), N_INPUTS
                                      standard normals
"""
import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

# flat_slope and saturation_z: helpers.activations' one definition of "flat"
from helpers.activations import LEAKY_ALPHA, activation_functions, flat_slope, saturation_z
from helpers.shapes import as_array, check_finite, check_interval, check_real
from helpers.style import (ACTIVATION_COLOR, ACTIVATION_NAMES, FLAT_ALPHA, FLAT_COLOR,
                           INPUTS_COLOR, INPUTS_HEIGHT, LINE_WIDTH, SLOPE_COLOR)
from helpers.widgets.base import Explorer, readout_html

__all__ = ["INPUTS_SEED", "N_INPUTS", "ActivationExplorer", "ActivationFigure",
           "activation_explorer", "flat_intervals", "input_statistics"]

_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")  # the dropdown's choices

_Z_WINDOW = (-10.0, 10.0)   # the z range drawn, and the range of the mean mu
_SIGMA_RANGE = (0.1, 10.0)  # the spread sigma of the inputs
_ALPHA_RANGE = (0.0, 0.3)   # leaky ReLU's slope for z < 0 (the lecture's 0.01 by default)
N_INPUTS = 2000             # size of the fixed sample of inputs
INPUTS_SEED = 0             # its seed
_N_CURVE = 801              # points on the curves g and g' (z = 0 is one of them)
_N_BINS = 50                # bars of each histogram
_SLOPE_TOP = 1.1            # the slope's axis shows g' up to this (every g' here is <= 1)
_SLOPE_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
_LAYOUT = dict(left=0.07, right=0.985, bottom=0.2, top=0.855, wspace=0.42)  # figure fractions
_OUT_TOP = 0.9              # the outputs' tallest bar reaches this fraction of its panel


def _check_name(name):
    """An activation's name of helpers.activations.ACTIVATIONS (TypeError / ValueError)."""
    activation_functions(name)
    return name


def _left_flat(name, alpha):
    """Is g flat for every z <= 0? ReLU, and leaky ReLU with alpha below flat_slope."""
    return name == "relu" or (name == "leaky_relu" and alpha < flat_slope(name))


def _flat_label(name, alpha=LEAKY_ALPHA):
    """What a flat unit is called: "saturated" (sigmoid, tanh), "off" (ReLU, leaky ReLU with
    alpha = 0: a = 0 there), else "flat" (leaky ReLU with 0 < alpha < 0.01; never for
    linear or the lecture's leaky ReLU, which are never flat)."""
    if name in ("sigmoid", "tanh"):
        return "saturated"
    return "off" if name == "relu" or (name == "leaky_relu" and alpha == 0) else "flat"


def flat_intervals(name, alpha=LEAKY_ALPHA, window=_Z_WINDOW):
    """The z intervals inside ``window`` where g is flat (helpers.activations.flat_slope):
    saturated (sigmoid, tanh) or off (ReLU, and leaky ReLU with alpha < 0.01). A list of
    (z0, z1), z0 < z1, maybe empty.

    name: an activation's name; alpha: leaky ReLU's slope, a real in [0, 1]; window: the
    range (low, high) of z, low < high.
    """
    _check_name(name)
    alpha = check_real(alpha, "alpha", 0.0, 1.0)
    lo, hi = check_interval(window, "window")
    edge = saturation_z(name)
    if edge is not None:
        spans = [(lo, min(-edge, hi)), (max(edge, lo), hi)]
    elif _left_flat(name, alpha):
        spans = [(lo, min(0.0, hi))]
    else:
        spans = []
    return [(z0, z1) for z0, z1 in spans if z0 < z1]  # a window inside the active part: none


def input_statistics(name, z, alpha=LEAKY_ALPHA):
    """The explorer's read-outs for inputs z (any shape, at least one entry, finite) of one
    activation; alpha: leaky ReLU's slope, a real in [0, 1].

    Returns a dict of floats (or None): "mean_a" and "std_a" (mean and standard deviation of
    a = g(z)), "mean_slope" (mean of g'(z): the share of the gradient that flows back,
    on average), "flat" (fraction of inputs where the unit is flat, g'(z) below
    helpers.activations.flat_slope(name): 1 % of g's largest slope), and the same fraction
    under its name: "saturated" for sigmoid and tanh (|z| > saturation_z(name)), "off" for
    ReLU and leaky ReLU with alpha = 0 (z <= 0, a = 0); each None where it does not apply.
    """
    alpha = check_real(alpha, "alpha", 0.0, 1.0)
    g, slope = activation_functions(name, alpha)
    z = check_finite(as_array(z, "z"), "z")
    if z.size == 0:
        raise ValueError("z is empty: the read-outs are means over at least one input")
    a, slopes = g(z), slope(z)
    flat = float(np.mean(slopes < flat_slope(name)))
    label = _flat_label(name, alpha)
    with np.errstate(over="ignore", invalid="ignore"):  # sums of huge z: checked below
        stats = {"mean_a": float(np.mean(a)), "std_a": float(np.std(a)),
                 "mean_slope": float(np.mean(slopes)), "flat": flat,
                 "saturated": flat if label == "saturated" else None,
                 "off": flat if label == "off" else None}
    if not all(np.isfinite(stats[k]) for k in ("mean_a", "std_a", "mean_slope")):
        raise ValueError(f"z holds values too large for a mean and a spread in float64 (the "
                         f"largest |z| is {float(np.max(np.abs(z))):g}): keep |z| below 1e150")
    return stats


def _percent(x):
    return "—" if x is None else f"{100 * x:.1f} %"


def _output_range(name):
    """The range of a = g(z) for z in _Z_WINDOW: the bins of the outputs' histogram.

    g is increasing, so the range is [g(lo), g(hi)]; for leaky ReLU it is the one of the
    largest alpha, so that moving alpha does not move the axis.
    """
    alpha = _ALPHA_RANGE[1] if name == "leaky_relu" else None
    g, _ = activation_functions(name, alpha)
    lo, hi = (float(v) for v in g(np.array(_Z_WINDOW)))
    return lo, hi


def _g_ylim(name):
    """y range of the left panel for g: a little beyond g's range over the window."""
    if name == "sigmoid":
        return (-0.08, 1.08)
    if name == "tanh":
        return (-1.15, 1.15)
    lo, hi = _output_range(name)
    lo = min(lo, -1.0)
    pad = 0.05 * (hi - lo)
    return (lo - pad, hi + pad)


def _tick_label(value, _pos=None):
    """A tick label in as few characters as it needs: 0, 0.5, −10."""
    return f"{value:g}".replace("-", "−")


class ActivationFigure:
    """The explorer's picture, drawn into any matplotlib Figure: artists made once, then
    updated.

    fig: the Figure to draw into (its layout engine is switched off: the layout is fixed).
    eps: the standard-normal sample the inputs are made of, shape (k,) (default: the
    explorer's, N_INPUTS draws of default_rng(INPUTS_SEED)).
    ``show(values)`` updates every artist for values {"activation", "alpha", "mu",
    "sigma"} and returns the read-outs (input_statistics). ``moving``: the artists that
    change with mu, sigma and alpha; ``scene``: what the rest depends on (blitting). The
    explorer keeps one of these for its whole life; benchmarks/ make a new one per change.
    """

    def __init__(self, fig, eps=None):
        self.fig = fig
        if eps is None:
            eps = np.random.default_rng(INPUTS_SEED).standard_normal(N_INPUTS)
        self.eps = eps
        self.z_curve = np.linspace(_Z_WINDOW[0], _Z_WINDOW[1], _N_CURVE)
        self.z_edges = np.linspace(_Z_WINDOW[0], _Z_WINDOW[1], _N_BINS + 1)
        # A fixed layout (no layout engine): the tick labels change with the activation, and
        # a layout computed once for narrow labels would cut wider ones off.
        fig.set_layout_engine("none")
        ax, out = fig.subplots(1, 2, width_ratios=[1.6, 1.0], gridspec_kw=_LAYOUT)
        slope_ax = ax.twinx()
        self.ax, self.out, self.slope_ax = ax, out, slope_ax
        note = dict(va="bottom", fontsize=9, color="0.3")  # small texts above the panels

        # left: the inputs' histogram and the flat regions behind the two curves
        blend = ax.get_xaxis_transform()  # x in data, y in axes fraction
        self.flat = [Rectangle((0, 0), 0, 1, transform=blend, color=FLAT_COLOR,
                               alpha=FLAT_ALPHA, lw=0, zorder=0) for _ in range(2)]
        for patch in self.flat:
            ax.add_patch(patch)
        self.inputs = ax.stairs(np.zeros(_N_BINS), self.z_edges, fill=True, color=INPUTS_COLOR,
                                alpha=0.35, lw=0, transform=blend, zorder=1)
        self.mu_line = ax.axvline(0.0, color=INPUTS_COLOR, lw=1.2, ls=":", zorder=2)
        (self.g_line,) = ax.plot(self.z_curve, self.z_curve, color=ACTIVATION_COLOR,
                                 lw=LINE_WIDTH, zorder=3)
        (self.slope_line,) = slope_ax.plot(self.z_curve, self.z_curve, color=SLOPE_COLOR,
                                           lw=LINE_WIDTH, ls="--", zorder=3)
        # inputs outside the window, noted just above the panel's corners
        self.beyond_left = ax.text(0.0, 1.015, "", ha="left", transform=ax.transAxes, **note)
        self.beyond_right = ax.text(1.0, 1.015, "", ha="right", transform=ax.transAxes, **note)
        ax.set_xlim(*_Z_WINDOW)
        ax.set_xlabel("pre-activation z")
        ax.set_ylabel("a = g(z)", color=ACTIVATION_COLOR)
        # short tick labels ("−10", not "−10.0"), so the fixed margin holds every activation's
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_label))
        slope_ax.set_ylabel("slope g′(z)", color=SLOPE_COLOR)
        slope_ax.set_yticks(_SLOPE_TICKS)  # g' >= 0: no ticks below 0
        slope_ax.grid(False)
        slope_ax.spines["right"].set_visible(True)

        # right: the outputs' histogram (tallest bar at _OUT_TOP), its flat part shaded too
        out_blend = out.get_xaxis_transform()
        self.out_flat = [Rectangle((0, 0), 0, 1, transform=out_blend, color=FLAT_COLOR,
                                   alpha=FLAT_ALPHA, lw=0, zorder=0) for _ in range(2)]
        for patch in self.out_flat:
            out.add_patch(patch)
        self.outputs = out.stairs(np.zeros(_N_BINS), np.linspace(0.0, 1.0, _N_BINS + 1),
                                  fill=True, color=ACTIVATION_COLOR, alpha=0.55, lw=0, zorder=2)
        self.tallest = out.text(0.0, 1.015, "", ha="left", transform=out.transAxes, **note)
        out.set_xlabel("output a = g(z)")
        out.set_ylabel("share of the inputs")
        out.set_ylim(0, 1)
        out.set_yticks([])

        self.readout = fig.suptitle("", y=0.975, fontsize=11)
        self.legend = fig.legend(
            handles=[self.g_line, self.slope_line,
                     Patch(color=INPUTS_COLOR, alpha=0.35, lw=0),
                     Patch(color=FLAT_COLOR, alpha=FLAT_ALPHA, lw=0)],
            labels=["a = g(z)", "g′(z) (right axis)", "inputs z ~ N(μ, σ)",
                    "flat: g′ < 1 % of its peak"],
            loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4, fontsize=10)
        self.scene = None  # what the static part is set up for: see _set_scene
        # What moves with mu, sigma and alpha, drawn over a kept picture of the rest
        # (helpers.widgets.base's blitting); everything else changes only with the activation.
        self.moving = [self.inputs, self.mu_line, self.g_line, self.slope_line, self.outputs,
                       self.beyond_left, self.beyond_right, self.tallest, self.readout]

    @staticmethod
    def _set_flat(patches, intervals):
        for k, patch in enumerate(patches):
            if k < len(intervals):
                x0, x1 = intervals[k]
                patch.set_x(x0)
                patch.set_width(x1 - x0)
                patch.set_visible(True)
            else:
                patch.set_visible(False)

    def _set_scene(self, name, alpha):
        """Axis ranges, shading and legend for one activation (the static part)."""
        lo, hi = _g_ylim(name)
        self.ax.set_ylim(lo, hi)
        # the slope's axis puts g' = 0 level with g = 0 and shows g' up to _SLOPE_TOP
        self.slope_ax.set_ylim(lo * _SLOPE_TOP / hi, _SLOPE_TOP)
        self.legend.get_texts()[0].set_text(f"a = g(z): {ACTIVATION_NAMES[name]}")
        self._set_flat(self.flat, flat_intervals(name, alpha))
        lo, hi = _output_range(name)
        pad = 0.03 * (hi - lo)
        self.out.set_xlim(lo - pad, hi + pad)
        self.out_edges = np.linspace(lo, hi, _N_BINS + 1)
        # the outputs of the flat inputs: a = g(z) beyond g(-z_sat) and g(z_sat)
        edge = saturation_z(name)
        if edge is not None:
            g, _ = activation_functions(name)
            below, above = (float(v) for v in g(np.array([-edge, edge])))
            out_flat = [(lo - pad, below), (above, hi + pad)]
        elif _left_flat(name, alpha):
            out_flat = [(lo - pad, 0.0)] if lo < 0 else []  # a = 0 exactly: nothing to shade
        else:
            out_flat = []
        self._set_flat(self.out_flat, out_flat)

    def show(self, values):
        """Update every artist for ``values``; return the read-outs (input_statistics)."""
        name, alpha = values["activation"], float(values["alpha"])
        scene = (name, tuple(flat_intervals(name, alpha)))
        if scene != self.scene:
            self._set_scene(name, alpha)
            self.scene = scene
        g, slope = activation_functions(name, alpha)
        self.g_line.set_ydata(g(self.z_curve))
        self.slope_line.set_ydata(slope(self.z_curve))

        mu, sigma = float(values["mu"]), float(values["sigma"])
        z = mu + sigma * self.eps
        stats = input_statistics(name, z, alpha)
        counts, _ = np.histogram(z, bins=self.z_edges)
        self.inputs.set_data(INPUTS_HEIGHT * counts / max(counts.max(), 1))
        self.mu_line.set_xdata([mu, mu])
        left, right = np.mean(z < _Z_WINDOW[0]), np.mean(z > _Z_WINDOW[1])
        lo, hi = (f"{v:g}".replace("-", "−") for v in _Z_WINDOW)
        self.beyond_left.set_text(f"← {100 * left:.0f} % of the z below {lo}"
                                  if left >= 0.005 else "")
        self.beyond_right.set_text(f"{100 * right:.0f} % of the z above {hi} →"
                                   if right >= 0.005 else "")

        a_counts, _ = np.histogram(g(z), bins=self.out_edges)
        tallest = a_counts.max()
        self.outputs.set_data(_OUT_TOP * a_counts / max(tallest, 1), self.out_edges)
        self.tallest.set_text(f"tallest bar: {100 * tallest / z.size:.1f} % of the inputs")

        self.readout.set_text(
            f"mean a = {stats['mean_a']:.3f}     spread of a = {stats['std_a']:.3f}     "
            f"mean g′(z) = {stats['mean_slope']:.3f}     "
            f"{_flat_label(name, alpha)} {_percent(stats['flat'])}")
        return stats


def _flat_tip(name, alpha):
    """The flat row's tooltip: what "flat" means for this activation."""
    edge = saturation_z(name)
    if name == "sigmoid":
        return (f"slope below 1 % of its peak 1/4: |z| > {edge:.2f}, i.e. a below 0.0025 or "
                f"above 0.9975")
    if name == "tanh":
        return f"slope below 1 % of its peak 1: |z| > {edge:.2f}, i.e. |a| > 0.995"
    if _left_flat(name, alpha):
        return "z ≤ 0, where the slope is below 1 % of its peak (ReLU: a = 0 and g′ = 0)"
    return "the slope is never below 1 % of its peak: no flat region"


def _explorer_readout(values, stats):
    """The read-outs as HTML items (the figure's top line shows them too)."""
    name, alpha = values["activation"], float(values["alpha"])
    items = [
        ("mean <i>a</i>", f"<b>{stats['mean_a']:.3f}</b>", "of the outputs a = g(z)"),
        ("spread of <i>a</i>", f"<b>{stats['std_a']:.3f}</b>", "standard deviation of a"),
        ("mean <i>g</i>′(<i>z</i>)", f"<b>{stats['mean_slope']:.3f}</b>",
         "how much gradient flows back, on average"),
        (_flat_label(name, alpha), f"<b>{_percent(stats['flat'])}</b>", _flat_tip(name, alpha)),
    ]
    title = (f"<b>{ACTIVATION_NAMES[name]}</b>, {N_INPUTS} inputs "
             f"<i>z</i> ~ N({values['mu']:.1f}, {values['sigma']:.1f})")
    return readout_html(title, items, ["hover a row for its meaning"], item_width="175px")


class ActivationExplorer(Explorer):
    """Pick an activation g and the inputs z ~ N(mu, sigma) of a layer; see g(z), g'(z),
    the outputs' histogram and how much gradient flows. ``stats``: the latest read-outs."""

    figsize = (9.6, 4.2)
    readout_width = "200px"  # the widest item: "mean g′(z)  0.207"
    DEFAULTS = {"activation": "sigmoid", "alpha": LEAKY_ALPHA, "mu": 0.0, "sigma": 1.0}
    backgrounds_kept = 6  # every scene: 5 activations, leaky ReLU with a flat part or not

    def _make_controls(self):
        slider = dict(continuous_update=True, style={"description_width": "initial"})
        return {
            "activation": widgets.Dropdown(options=list(_NAMES), description="activation"),
            "alpha": widgets.FloatSlider(min=_ALPHA_RANGE[0], max=_ALPHA_RANGE[1], step=0.01,
                                         readout_format=".2f", description="leaky α", **slider),
            "mu": widgets.FloatSlider(min=_Z_WINDOW[0], max=_Z_WINDOW[1], step=0.1,
                                      readout_format=".1f", description="mean μ", **slider),
            "sigma": widgets.FloatSlider(min=_SIGMA_RANGE[0], max=_SIGMA_RANGE[1], step=0.1,
                                         readout_format=".1f", description="spread σ", **slider),
        }

    def _build(self, fig):
        self.drawing = ActivationFigure(fig)
        self.stats = None

    def _moving_artists(self):
        return self.drawing.moving

    def _scene(self):
        return self.drawing.scene

    def _redraw(self, values):
        # alpha only matters for leaky ReLU: grey its slider out otherwise
        self.controls["alpha"].disabled = values["activation"] != "leaky_relu"
        self.stats = self.drawing.show(values)
        return _explorer_readout(values, self.stats)


def activation_explorer(**values):
    """A live ActivationExplorer; ``values`` set its controls: activation ("sigmoid",
    "tanh", "relu", "leaky_relu", "linear"), alpha (leaky ReLU's slope, 0 to 0.3),
    mu (-10 to 10) and sigma (0.1 to 10), the mean and spread of the inputs z."""
    return ActivationExplorer(**values)
