"""Reusable figures for the lessons. Nothing here runs at import time.

A notebook that wants the project's look calls ``use_style()`` visibly in its setup
cell. Figures follow one set of rules: lowercase axis labels with symbols, a legend
when there is more than one line, line width 2, no decorative titles. The colours and
sizes the explorers share with these figures are in helpers.style. Plotting only draws:
what a figure shows is computed where a lesson teaches it (a layer's activations by
helpers.network.hidden_unit_activations, g and g' by helpers.activations).

Public API
    use_style()                                         the project's matplotlib style
    plot_decision_boundary(predict, X, Y, ax=None, ...) the plane shaded by predict, points on top
    plot_cost_curve(costs, ax=None, every=1, label=None, log=False)   a cost history
    plot_broadcast(a, b, op="+", ax=None, names=("a", "b"))   how NumPy broadcasts a op b (01)
    plot_network(layer_sizes, ax=None)                  a dense network as circles and lines (04)
    plot_hidden_units(params, activations, X, Y, layer=1, ...)       one panel per unit (04, 06)
    plot_activation(name, ax=None, z=None, alpha=None, ...)          g(z) and g'(z) (05)
    plot_activation_inputs(name, z_inputs, ax=None, ...)  g over the histogram of its inputs (05)
    plot_layer_histograms(rows, labels, ...)            activations per layer, small multiples (06)
    plot_per_layer(ax, curves, ylabel, log=True)        per-layer numbers, measured and theory (06)
    per_layer_legend(fig, curves, loc=...)              the legend of plot_per_layer figures (06)
    plot_computation_graph(root, ax=None, grads=True)   a Value's graph: value and grad per box (09)

Arguments follow helpers.shapes' policy, checked before anything is drawn: points X have
shape (2, m) with m >= 1 and labels Y (1, m) (an (m, 1) Y is refused with the reshape
hint), finite, labels 0 / 1 or class indices; ``ax`` is a matplotlib Axes or None; counts
(resolution, bins, every) are whole numbers, sizes and opacities real numbers in range,
flags True or False, names and labels strings.
"""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, ListedColormap, is_color_like
from matplotlib.figure import FigureBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from helpers.activations import activation_functions
from helpers.autodiff import Value, topological_order
from helpers.deepstats import LayerStats
from helpers.network import hidden_unit_activations
from helpers.shapes import (ShapeError, as_array, check_count, check_finite, check_flag, check_interval,
                            check_positive, check_real, check_shape)
from helpers.style import (ACTIVATION_COLOR, FLAT_ALPHA, FLAT_COLOR, INPUTS_COLOR, INPUTS_HEIGHT,
                           LINE_WIDTH, RC_PARAMS, SLOPE_COLOR, layer_histogram_heights,
                           layer_histogram_note)

__all__ = ["per_layer_legend", "plot_activation", "plot_activation_inputs", "plot_broadcast",
           "plot_cost_curve", "plot_decision_boundary", "plot_hidden_units",
           "plot_computation_graph", "plot_layer_histograms", "plot_network", "plot_per_layer",
           "use_style"]

_CLASS_COLORS = ("#d95f02", "#1b9e77")  # label 0, label 1 (colour-blind safe pair)
_MAX_CLASSES = 10  # the "tab10" colours of plot_decision_boundary


# --- the checks every figure shares ---------------------------------------------------

def _check_ax(ax, name="ax", optional=True):
    if ax is None and optional:
        return None
    if not isinstance(ax, Axes):
        kind = "a matplotlib Axes" + (" or None" if optional else "")
        raise TypeError(f"{name} must be {kind}, got {type(ax).__name__}")
    return ax


def _check_text(value, name, optional=False):
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string{' or None' if optional else ''}, got {value!r}")
    return value


def _check_intervals(intervals, name):
    """A list of (z0, z1) pairs of finite reals, z0 < z1 (shaded spans)."""
    if isinstance(intervals, (str, bytes)) or not hasattr(intervals, "__iter__"):
        raise TypeError(f"{name} must be a list of intervals (z0, z1), got {intervals!r}")
    return [check_interval(pair, f"{name}[{k}]") for k, pair in enumerate(intervals)]


def _check_color(color, name):
    if not is_color_like(color):
        raise ValueError(f"{name} must be a matplotlib colour such as 'C0' or '#1b9e77', got {color!r}")
    return color


def _check_points(X, Y, binary=False):
    """X (2, m), m >= 1, finite; Y (1, m) of labels 0 / 1 (or class indices 0..9)."""
    X = check_finite(check_shape(as_array(X, "X"), (2, None), "X"), "X")
    if X.shape[1] == 0:
        raise ValueError("X has no examples (m = 0): there is nothing to plot")
    Y = check_finite(check_shape(as_array(Y, "Y"), (1, X.shape[1]), "Y"), "Y")
    classes = np.unique(Y)
    two = classes.size <= 2 or binary
    allowed = (0.0, 1.0) if two else tuple(float(c) for c in range(_MAX_CLASSES))
    bad = classes[~np.isin(classes, allowed)]
    if bad.size:
        expected = "0 and 1" if two else f"class indices 0, 1, ..., {_MAX_CLASSES - 1}"
        raise ValueError(f"Y must hold the labels {expected}, got {', '.join(f'{v:g}' for v in bad[:5])}"
                         + (" (label the two classes 0 and 1)" if two and not binary else ""))
    return X, Y


def _check_cmap(cmap):
    if isinstance(cmap, Colormap) or (isinstance(cmap, str) and cmap in matplotlib.colormaps):
        return cmap
    raise ValueError(f"cmap must be a matplotlib colormap or its name, e.g. 'Greys', got {cmap!r}")


def use_style():
    """Apply the project's matplotlib style (call it in a notebook's setup cell)."""
    plt.rcParams.update(RC_PARAMS)


def plot_decision_boundary(predict, X, Y, ax=None, resolution=200, margin=0.5, alpha=0.25):
    """Shade the plane by ``predict`` and scatter the labelled points on top.

    predict: function taking points of shape (2, k) and returning labels of shape (1, k).
    X: points, shape (2, m), m >= 1; Y: labels, shape (1, m), 0 or 1 (or class indices
    0 to 9). resolution: grid points per axis (>= 2); margin: the plane's extent beyond the
    points (>= 0); alpha: the shading's opacity, in [0, 1].
    Returns the Axes.
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of points (2, k), got {type(predict).__name__}")
    X, Y = _check_points(X, Y)
    ax = _check_ax(ax)
    resolution = check_count(resolution, "resolution", minimum=2)
    margin = check_real(margin, "margin", low=0.0)
    alpha = check_real(alpha, "alpha", 0.0, 1.0)
    ax = ax if ax is not None else plt.gca()
    x0 = np.linspace(X[0].min() - margin, X[0].max() + margin, resolution)
    x1 = np.linspace(X[1].min() - margin, X[1].max() + margin, resolution)
    g0, g1 = np.meshgrid(x0, x1)
    grid = np.vstack([g0.ravel(), g1.ravel()])
    labels = as_array(predict(grid), "predict(points)")
    check_shape(labels, (1, grid.shape[1]), "predict(points)")
    labels = check_finite(labels, "predict(points)").reshape(g0.shape)
    classes = np.unique(Y)
    if len(classes) <= 2:
        cmap = ListedColormap(_CLASS_COLORS)
        ax.contourf(g0, g1, labels, levels=[-0.5, 0.5, 1.5], cmap=cmap, alpha=alpha)
        for c, color in zip((0, 1), _CLASS_COLORS):
            pts = X[:, Y[0] == c]
            ax.scatter(pts[0], pts[1], s=12, color=color, edgecolors="k", linewidths=0.3,
                       label=f"y = {c}")
    else:
        ax.contourf(g0, g1, labels, levels=np.arange(classes.max() + 2) - 0.5, cmap="tab10",
                    alpha=alpha)
        ax.scatter(X[0], X[1], c=Y[0], cmap="tab10", s=12, edgecolors="k", linewidths=0.3,
                   vmin=0, vmax=9)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal", adjustable="box")
    return ax


def plot_cost_curve(costs, ax=None, every=1, label=None, log=False):
    """Plot a cost history: costs[i] recorded at step i * every. Returns the Axes.

    costs: shape (k,), k >= 1, finite (a NaN or inf means training diverged: a smaller
    learning rate helps); every: steps between two records (>= 1); label: a legend entry
    or None; log: True for a log scale (then every cost must be > 0).
    """
    costs = as_array(costs, "costs")
    if costs.ndim != 1:
        raise ShapeError(f"costs has shape {costs.shape}, expected (k,): one cost per recorded step")
    if costs.size == 0:
        raise ValueError("costs is empty: there is no cost to plot")
    if not np.all(np.isfinite(costs)):
        first = int(np.argmin(np.isfinite(costs)))
        raise ValueError(f"costs has {int(np.sum(~np.isfinite(costs)))} non-finite value(s) (NaN "
                         f"or inf), the first at index {first}: the training diverged (try a "
                         f"smaller learning rate)")
    ax = _check_ax(ax)
    every = check_count(every, "every")
    label = _check_text(label, "label", optional=True)
    log = check_flag(log, "log")
    if log and not np.all(costs > 0):
        raise ValueError("log=True needs every cost > 0; costs has values <= 0 (use log=False)")
    ax = ax if ax is not None else plt.gca()
    steps = np.arange(len(costs)) * every
    ax.plot(steps, costs, lw=LINE_WIDTH, label=label)
    ax.set_xlabel("step")
    ax.set_ylabel("cost $J$")
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    return ax


# --- broadcasting (lesson 01) -------------------------------------------------------

_BROADCAST_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}
_BROADCAST_COLORS = ("#a6cee3", "#fdbf6f", "#b2df8a")  # left operand, right operand, result
_FADED_ALPHA = 0.25  # opacity of the copies broadcasting makes
_MAX_CELLS = 30  # rows or columns plot_broadcast draws at most


def _draw_grid(ax, values, x0, kinds, color, fmt, fontsize):
    """Draw ``values`` (R, C) as unit cells whose top-left corner is at (x0, 0).

    kinds: (R, C) array of "original" / "copy" / "result", stored as each cell's gid.
    """
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            faded = kinds[i, j] == "copy"
            cell = plt.Rectangle((x0 + j, -i - 1), 1, 1, facecolor=color,
                                 alpha=_FADED_ALPHA if faded else 1.0,
                                 edgecolor="0.3", linestyle="--" if faded else "-",
                                 linewidth=1, gid=str(kinds[i, j]))
            ax.add_patch(cell)
            ax.text(x0 + j + 0.5, -i - 0.5, fmt.format(values[i, j]), ha="center",
                    va="center", fontsize=fontsize, color="0.6" if faded else "black")


def plot_broadcast(a, b, op="+", ax=None, names=("a", "b"), fmt="{:g}", fontsize=10):
    """Draw how NumPy broadcasts ``a op b``: each array as a grid of numbered cells.

    a, b: numbers or arrays with at most 2 dimensions. NumPy lines shapes up from the
        right, so a rank-1 array of shape (n,) is drawn as the row (1, n) and a number
        as a single cell (1, 1).
    op: "+", "-", "*" or "/".
    ax: the Axes to draw into; None makes a new figure of a fitting size.
    names: the operands' names for the labels under the grids.
    Each operand is drawn at the result's shape (R, C): its own cells solid, the copies
    that broadcasting makes faded with dashed edges; then "=" and the result. Every cell
    is a Rectangle whose gid is "original", "copy" or "result" (tests count them).
    fmt: how a cell's number is written (a str.format pattern); fontsize: > 0.
    Returns the Figure. Raises ValueError if the shapes cannot be broadcast together (as
    NumPy would), if the result is not finite (a division by 0) or has more than
    30 rows or columns (every cell is drawn).
    """
    if (isinstance(names, (str, bytes)) or not isinstance(names, (tuple, list)) or len(names) != 2
            or not all(isinstance(n, str) for n in names)):
        raise TypeError(f"names must be a pair of strings like ('a', 'b'), got {names!r}")
    if not isinstance(op, str) or op not in _BROADCAST_OPS:
        raise ValueError(f"op must be one of {list(_BROADCAST_OPS)}, got {op!r}")
    a, b = as_array(a, names[0]), as_array(b, names[1])
    for x, name in ((a, names[0]), (b, names[1])):
        if x.ndim > 2:
            raise ShapeError(f"{name} has shape {x.shape}: plot_broadcast draws at most 2-D arrays")
        check_finite(x, name)
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(f"{names[0]} of shape {a.shape} and {names[1]} of shape {b.shape} could "
                         f"not be broadcast together: NumPy compares the shapes from the right, "
                         f"and each pair of sizes must be equal or 1") from None
    ax = _check_ax(ax)
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string like '{{:g}}', got {fmt!r}")
    try:
        fmt.format(1.0)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
        raise ValueError(f"fmt must format one number, like '{{:g}}' or '{{:.1f}}'; "
                         f"{fmt!r} fails: {err}") from None
    fontsize = check_positive(fontsize, "fontsize")
    with np.errstate(all="ignore"):  # a division by 0 is refused just below, without a warning
        result = _BROADCAST_OPS[op](a, b)
    if result.size == 0:
        raise ValueError(f"{names[0]} {op} {names[1]} has shape {result.shape}: no cells to draw")
    if not np.all(np.isfinite(result)):
        raise ValueError(f"{names[0]} {op} {names[1]} is not finite everywhere"
                         + (f" ({names[1]} holds a 0)" if op == "/" else "")
                         + ": plot_broadcast draws finite numbers")
    if max(np.shape(result) or (1,)) > _MAX_CELLS:
        raise ValueError(f"{names[0]} {op} {names[1]} has shape {result.shape}: plot_broadcast "
                         f"draws every cell, at most {_MAX_CELLS} rows and columns")
    shape = result.shape if result.ndim == 2 else (1,) * (2 - result.ndim) + result.shape
    rows, cols = shape
    if ax is None:
        _, ax = plt.subplots(figsize=(0.55 * (3 * cols + 3), 0.55 * (rows + 1.8)))
    gap = 1.5
    for k, (x, name) in enumerate(((a, names[0]), (b, names[1]))):
        own = x.reshape((1,) * (2 - x.ndim) + x.shape)  # how NumPy aligns it: (n,) -> (1, n)
        kinds = np.full(shape, "copy", dtype=object)
        kinds[: own.shape[0], : own.shape[1]] = "original"
        x0 = k * (cols + gap)
        _draw_grid(ax, np.broadcast_to(own, shape), x0, kinds, _BROADCAST_COLORS[k], fmt, fontsize)
        label = f"{name}: {x.shape}" + (f" → {shape}" if x.shape != shape else "")
        ax.text(x0 + cols / 2, -rows - 0.45, label, ha="center", va="center", fontsize=fontsize)
        symbol = op if k == 0 else "="
        ax.text(x0 + cols + gap / 2, -rows / 2, symbol, ha="center", va="center",
                fontsize=fontsize + 6)
    x0 = 2 * (cols + gap)
    _draw_grid(ax, result.reshape(shape), x0, np.full(shape, "result", dtype=object),
               _BROADCAST_COLORS[2], fmt, fontsize)
    ax.text(x0 + cols / 2, -rows - 0.45, f"{names[0]} {op} {names[1]}: {result.shape}",
            ha="center", va="center", fontsize=fontsize)
    ax.set_xlim(-0.1, 3 * cols + 2 * gap + 0.1)
    ax.set_ylim(-rows - 0.9, 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax.figure


# --- the shallow network (lesson 04) ------------------------------------------------

_NODE_COLORS = ("#d9d9d9", "#a6cee3", "#fdbf6f")  # input, hidden, output layer
_NODE_RADIUS = 0.36
_LAYER_GAP = 2.0  # horizontal distance between two layers' centres
_MAX_UNITS = 30  # units per layer plot_network draws at most


def plot_network(layer_sizes, ax=None, fontsize=11):
    """Draw a dense network as circles (units) joined by lines (weights).

    layer_sizes: [n[0], n[1], ..., n[L]], e.g. [3, 4, 1] for the lecture's 2-layer network:
        layer 0 is the input x = a[0] (drawn, not counted), layers 1 .. L-1 are hidden,
        layer L is the output a[L] = y_hat.
    Every unit is a Circle with gid "node" and every weight a line with gid "edge" (tests
    count them: sum of n[l] nodes, sum of n[l-1] * n[l] edges). Every unit is drawn, so a
    layer has at most 30 units. fontsize: >= 2. Returns the Axes.
    """
    if isinstance(layer_sizes, (str, bytes, dict)) or not hasattr(layer_sizes, "__iter__"):
        raise TypeError(f"layer_sizes must be a list of layer sizes like [3, 4, 1], got {layer_sizes!r}")
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least two positive sizes, e.g. [3, 4, 1]; got {sizes}")
    sizes = [check_count(n, f"layer_sizes[{l}]") for l, n in enumerate(sizes)]
    if max(sizes) > _MAX_UNITS:
        raise ValueError(f"layer_sizes {sizes}: plot_network draws every unit, at most "
                         f"{_MAX_UNITS} per layer")
    ax = _check_ax(ax)
    fontsize = check_real(fontsize, "fontsize", low=2.0)
    L = len(sizes) - 1
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * (L + 1) + 0.9, 0.7 * max(sizes) + 1.2))
    centres = [[(l * _LAYER_GAP, (n - 1) / 2 - i) for i in range(n)] for l, n in enumerate(sizes)]
    for l in range(1, L + 1):
        for x0, y0 in centres[l - 1]:
            for x1, y1 in centres[l]:
                ax.plot([x0 + _NODE_RADIUS, x1 - _NODE_RADIUS], [y0, y1], color="0.55",
                        lw=1, zorder=1, gid="edge")
    for l, layer in enumerate(centres):
        kind = 0 if l == 0 else (2 if l == L else 1)
        for i, (x, y) in enumerate(layer):
            ax.add_patch(plt.Circle((x, y), _NODE_RADIUS, facecolor=_NODE_COLORS[kind],
                                    edgecolor="0.25", lw=1.2, zorder=2, gid="node"))
            if l == 0:
                label = f"$x_{{{i + 1}}}$"
            elif sizes[l] == 1:
                label = f"$a^{{[{l}]}}$"
            else:
                label = f"$a^{{[{l}]}}_{{{i + 1}}}$"
            ax.text(x, y, label, ha="center", va="center", fontsize=fontsize - 1, zorder=3)
        name = ("input layer" if kind == 0 else "output layer" if kind == 2
                else "hidden layer")
        ax.text(l * _LAYER_GAP, -(max(sizes) - 1) / 2 - 0.75, f"{name}\nlayer {l}",
                ha="center", va="top", fontsize=fontsize - 1)
    for x, y in centres[L]:
        ax.annotate("", xy=(x + _NODE_RADIUS + 0.6, y), xytext=(x + _NODE_RADIUS, y),
                    arrowprops=dict(arrowstyle="->", color="0.25", lw=1.2))
    if sizes[L] == 1:
        x, y = centres[L][0]
        ax.text(x + _NODE_RADIUS + 0.7, y, r"$\hat{y}$", ha="left", va="center", fontsize=fontsize + 1)
    half = (max(sizes) - 1) / 2
    ax.set_xlim(-_NODE_RADIUS - 0.3, L * _LAYER_GAP + _NODE_RADIUS + 1.2)
    ax.set_ylim(-half - 1.6, half + _NODE_RADIUS + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_hidden_units(params, activations, X, Y, layer=1, axes=None, resolution=120,
                      margin=0.5, cmap="Greys", alpha=0.6):
    """Small multiples: what each unit of one layer computes over the input plane.

    params, activations: a trained network whose input is 2-D (W1 of shape (n[1], 2)).
    X: points, shape (2, m); Y: labels (1, m), 0 or 1, drawn on top of every panel.
    layer: which layer's units to show (1 = the first hidden layer).
    Panel i shows a[layer]_i(x) (helpers.network.hidden_unit_activations at a grid of
    points) as an image over the plane, with its contour at the middle
    of the activation's range (0 for tanh, 0.5 for sigmoid); its title gives the weight
    w[layer+1]_i with which the next layer's first unit uses it. One shared colour bar.
    axes: n[layer] Axes to draw into (None makes a row). cmap, alpha: the images' colours
    (a colormap or its name; an opacity in [0, 1]). resolution: grid points per axis (>= 2);
    margin: the plane's extent beyond the points (>= 0).
    Returns the Figure.
    """
    X, Y = _check_points(X, Y, binary=True)
    layer = check_count(layer, "layer")
    if axes is not None:
        axes = np.ravel(np.asarray(axes, dtype=object))
        for k, ax in enumerate(axes):
            _check_ax(ax, f"axes[{k}]", optional=False)
    resolution = check_count(resolution, "resolution", minimum=2)
    margin = check_real(margin, "margin", low=0.0)
    cmap = _check_cmap(cmap)
    alpha = check_real(alpha, "alpha", 0.0, 1.0)
    x0 = np.linspace(X[0].min() - margin, X[0].max() + margin, resolution)
    x1 = np.linspace(X[1].min() - margin, X[1].max() + margin, resolution)
    g0, g1 = np.meshgrid(x0, x1)
    values = hidden_unit_activations(params, activations, np.vstack([g0.ravel(), g1.ravel()]), layer)
    n_units = values.shape[0]
    name = activations[layer - 1]
    if name == "tanh":
        vmin, vmax = -1.0, 1.0
    elif name == "sigmoid":
        vmin, vmax = 0.0, 1.0
    else:
        vmax = float(np.max(np.abs(values))) or 1.0
        vmin = -vmax
    if axes is None:
        _, axes = plt.subplots(1, n_units, figsize=(2.4 * n_units + 1.0, 2.9), squeeze=False,
                               layout="constrained")
        axes = np.ravel(axes)
    if len(axes) < n_units:
        raise ValueError(f"layer {layer} has {n_units} units but {len(axes)} Axes were given")
    extent = (x0[0], x0[-1], x1[0], x1[-1])
    for i, ax in enumerate(axes[:n_units]):
        grid = values[i].reshape(g0.shape)
        image = ax.imshow(grid, origin="lower", extent=extent, cmap=cmap, vmin=vmin,
                          vmax=vmax, alpha=alpha, aspect="equal", interpolation="bilinear")
        middle = (vmin + vmax) / 2
        if grid.min() < middle < grid.max():  # a unit that is constant has no such line
            ax.contour(g0, g1, grid, levels=[middle], colors="k", linewidths=1)
        for c, color in zip((0, 1), _CLASS_COLORS):
            pts = X[:, Y[0] == c]
            ax.scatter(pts[0], pts[1], s=6, color=color, edgecolors="k", linewidths=0.2)
        title = f"$a^{{[{layer}]}}_{{{i + 1}}}(x)$"
        if f"W{layer + 1}" in params:
            title += f",  $w^{{[{layer + 1}]}}_{{{i + 1}}} = {params[f'W{layer + 1}'][0, i]:.1f}$"
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("$x_1$")
        ax.grid(False)
    axes[0].set_ylabel("$x_2$")
    for ax in axes[n_units:]:
        ax.axis("off")
    fig = axes[0].figure
    fig.colorbar(image, ax=list(axes[:n_units]), shrink=0.8, label=f"$a^{{[{layer}]}}_i$")
    return fig


# --- activation functions (lesson 05) -----------------------------------------------

def _check_z(z):
    """The points to draw at: shape (k,), k >= 2, finite and increasing."""
    z = as_array(z, "z")
    if z.ndim != 1 or z.size < 2:
        raise ShapeError(f"z has shape {z.shape}, expected (k,) with k >= 2 points, "
                         f"e.g. np.linspace(-5, 5, 401)")
    check_finite(z, "z")
    if not np.all(np.diff(z) > 0):
        raise ValueError("z must be increasing, e.g. np.linspace(-5, 5, 401)")
    return z


def plot_activation(name, ax=None, z=None, alpha=None, derivative=True, flat=(),
                    flat_label="flat: $g'(z) \\approx 0$", legend=True):
    """Draw an activation a = g(z) and its derivative g'(z) on one Axes.

    name: "sigmoid", "tanh", "relu", "leaky_relu" or "linear".
    z: the points to draw at, shape (k,), k >= 2, increasing (default 401 points in [-5, 5]).
    alpha: leaky ReLU's slope for z < 0, in [0, 1] (default LEAKY_ALPHA = 0.01).
    derivative: True to also draw g'(z).
    flat: intervals (z0, z1), z0 < z1, to shade, e.g. where the unit saturates; flat_label
    names them. legend: True or False.
    Returns the Axes. The lines carry gid "g" and "slope" (tests find them).
    """
    g, slope = activation_functions(name, alpha)  # checks name and alpha
    ax = _check_ax(ax)
    z = np.linspace(-5.0, 5.0, 401) if z is None else _check_z(z)
    derivative = check_flag(derivative, "derivative")
    flat = _check_intervals(flat, "flat")
    flat_label = _check_text(flat_label, "flat_label")
    legend = check_flag(legend, "legend")
    ax = ax if ax is not None else plt.gca()
    for k, (z0, z1) in enumerate(flat):
        ax.axvspan(z0, z1, color=FLAT_COLOR, alpha=FLAT_ALPHA, lw=0,
                   label=flat_label if k == 0 else None)
    ax.plot(z, g(z), color=ACTIVATION_COLOR, lw=LINE_WIDTH, label="$a = g(z)$", gid="g")
    if derivative:
        ax.plot(z, slope(z), color=SLOPE_COLOR, lw=LINE_WIDTH, ls="--", label="$g'(z)$",
                gid="slope")
    ax.set_xlim(z[0], z[-1])
    ax.set_xlabel("$z$")
    if legend:
        ax.legend(loc="upper left")
    return ax


def plot_activation_inputs(name, z_inputs, ax=None, alpha=None, window=(-8.0, 8.0),
                           ylim=None, flat=(), bins=60):
    """One layer's inputs z and what its activation does to them, on one Axes.

    Draws g(z) and g'(z) over ``window`` (plot_activation), shades the ``flat`` intervals,
    and puts the histogram of the inputs ``z_inputs`` (shape (k,), e.g. z = mu + sigma *
    eps; any shape is flattened; finite, k >= 1) in the background, scaled to 30 % of the
    axes' height (only its shape counts). window: (low, high), low < high; bins: the
    histogram's bars (>= 1) over the window.
    ylim: the y range (low, high) (default: a little more than g's range over the window).
    Returns the Axes.
    """
    g, _ = activation_functions(name, alpha)  # checks name and alpha
    z_inputs = as_array(z_inputs, "z_inputs").ravel()
    if z_inputs.size == 0:
        raise ValueError("z_inputs is empty: there are no inputs to draw")
    check_finite(z_inputs, "z_inputs")
    ax = _check_ax(ax)
    window = check_interval(window, "window")
    ylim = None if ylim is None else check_interval(ylim, "ylim")
    flat = _check_intervals(flat, "flat")
    bins = check_count(bins, "bins")
    ax = ax if ax is not None else plt.gca()
    edges = np.linspace(window[0], window[1], bins + 1)
    counts, _ = np.histogram(z_inputs, bins=edges)
    heights = INPUTS_HEIGHT * counts / max(counts.max(), 1)
    ax.stairs(heights, edges, fill=True, color=INPUTS_COLOR, alpha=0.35, lw=0,
              transform=ax.get_xaxis_transform(), label="inputs $z$", gid="inputs")
    z = np.linspace(window[0], window[1], 401)
    plot_activation(name, ax=ax, z=z, alpha=alpha, flat=flat, legend=False)
    if ylim is None:
        lo, hi = min(float(g(z).min()), 0.0), max(float(g(z).max()), 1.0)
        pad = 0.08 * (hi - lo)
        ylim = (lo - pad, hi + pad)
    ax.set_ylim(*ylim)
    return ax


# --- weight initialization (lesson 06) ------------------------------------------------

def _check_list(value, name):
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list, got {type(value).__name__}")
    value = list(value)
    if not value:
        raise ValueError(f"{name} is empty")
    return value


def _check_histogram_rows(rows, labels, colors, layers):
    """rows (LayerStats with histograms, one edges), labels, colors, layers: checked."""
    rows = _check_list(rows, "rows")
    for r, stats in enumerate(rows):
        if not isinstance(stats, LayerStats):
            raise TypeError(f"rows[{r}] must be a LayerStats from helpers.deepstats."
                            f"layer_statistics, got {type(stats).__name__}")
        if stats.hist is None:
            raise ValueError(f"rows[{r}] has no histograms: compute it with "
                             f"layer_statistics(..., bins=edges)")
        if not np.array_equal(stats.edges, rows[0].edges):
            raise ValueError(f"rows[{r}] has other bin edges than rows[0]: the panels share one "
                             f"x axis, so every row needs the same bins")
    labels = _check_list(labels, "labels")
    if len(labels) != len(rows):
        raise ValueError(f"labels has {len(labels)} entries but rows has {len(rows)}: one label per row")
    for r, label in enumerate(labels):
        _check_text(label, f"labels[{r}]")
    if colors is None:
        colors = [f"C{i}" for i in range(len(rows))]
    else:
        colors = _check_list(colors, "colors")
        if len(colors) != len(rows):
            raise ValueError(f"colors has {len(colors)} entries but rows has {len(rows)}: "
                             f"one colour per row")
        for r, color in enumerate(colors):
            _check_color(color, f"colors[{r}]")
    n_layers = min(len(stats.layers) for stats in rows)
    if layers is None:
        layers = list(rows[0].layers)
    layers = [check_count(l, f"layers[{k}]") for k, l in enumerate(_check_list(layers, "layers"))]
    for k, l in enumerate(layers):
        if l > n_layers:
            raise ValueError(f"layers[{k}] = {l}, but the rows have {n_layers} layers (1 to {n_layers})")
    return rows, labels, colors, layers


def plot_layer_histograms(rows, labels, axes=None, colors=None, layers=None, fontsize=7.5):
    """Small multiples of the activations of a deep stack: one row per experiment, one
    column per layer.

    rows: LayerStats from helpers.deepstats.layer_statistics(..., bins=edges), all with the
        same edges (hist (L, bins), edges). labels: one label (a string) per row (drawn at
        its left).
    axes: a (len(rows), len(layers)) array of Axes, or None for a new figure.
    colors: one colour per row (default: the colour cycle). layers: which layers to show
        (numbers from 1; default all). Each panel shows the share of the values of a[l] per
        bin (exact zeros left out), scaled to fit, with its std (and the shares that are 0
        or beyond the edges) in its corner. fontsize: > 0.
    Returns the Figure.
    """
    rows, labels, colors, layers = _check_histogram_rows(rows, labels, colors, layers)
    fontsize = check_positive(fontsize, "fontsize")
    if axes is not None:
        flat_axes = np.ravel(np.asarray(axes, dtype=object))
        if flat_axes.size != len(rows) * len(layers):
            raise ShapeError(f"axes has {flat_axes.size} Axes, expected {len(rows)} x "
                             f"{len(layers)} (rows x layers)")
        for k, ax in enumerate(flat_axes):
            _check_ax(ax, f"axes[{k}]", optional=False)
    if axes is None:
        _, axes = plt.subplots(len(rows), len(layers), figsize=(1.05 * len(layers) + 0.9,
                                                                1.15 * len(rows) + 0.6),
                               sharex=True, squeeze=False, layout="constrained")
    axes = np.asarray(axes, dtype=object).reshape(len(rows), len(layers))
    for r, (stats, label, color) in enumerate(zip(rows, labels, colors)):
        for c, l in enumerate(layers):
            ax = axes[r, c]
            shares = stats.hist[l - 1]
            ax.stairs(layer_histogram_heights(shares), stats.edges, fill=True, color=color,
                      alpha=0.75, lw=0)
            ax.text(0.97, 0.97, layer_histogram_note(stats, l), transform=ax.transAxes,
                    ha="right", va="top", fontsize=fontsize, color="0.2")
            ax.set_ylim(0, 1)
            ax.set_yticks([])
            ax.grid(False)
            for side in ("left", "top", "right"):
                ax.spines[side].set_visible(False)
            ax.tick_params(axis="x", labelsize=fontsize)
            if r == 0:
                ax.set_title(f"layer {l}", fontsize=fontsize + 1.5)
        axes[r, 0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=fontsize + 1.5)
    for ax in axes[-1]:
        ax.set_xlabel("$a$", fontsize=fontsize + 1)
    return axes[0, 0].figure


def _check_curves(curves, log):
    """[(label, colour, measured (L,), predicted (L,) or None), ...], values finite
    (and >= 0 on a log axis, where zeros are left out)."""
    curves = _check_list(curves, "curves")
    checked = []
    for k, curve in enumerate(curves):
        if isinstance(curve, (str, bytes)) or not isinstance(curve, (tuple, list)) or len(curve) != 4:
            raise TypeError(f"curves[{k}] must be a tuple (label, colour, measured, predicted), "
                            f"got {curve!r}")
        label, color, measured, predicted = curve
        _check_text(label, f"curves[{k}] label")
        _check_color(color, f"curves[{k}] colour")
        values = []
        for what, v in (("measured", measured), ("predicted", predicted)):
            if v is None and what == "predicted":
                values.append(None)
                continue
            name = f"curves[{k}] {what}"
            v = check_finite(as_array(v, name), name)
            if v.ndim != 1 or v.size == 0:
                raise ShapeError(f"{name} has shape {v.shape}, expected (L,): one value per layer")
            if log and np.any(v < 0):
                raise ValueError(f"{name} has negative values: a log axis cannot show them (log=False)")
            values.append(v)
        if values[1] is not None:
            check_shape(values[1], values[0].shape, f"curves[{k}] predicted")
        checked.append((label, color, values[0], values[1]))
    return checked


def plot_per_layer(ax, curves, ylabel, log=True):
    """Per-layer numbers of a deep stack, measured (solid, dots) and predicted (dashed).

    ax: the Axes to draw into.
    curves: a list of (label, colour, measured, predicted) with measured and predicted
        arrays of one value per layer, finite (predicted may be None). Zeros are not drawn
        on a log axis (a gap, no warning); negative values are refused there.
    ylabel: the y-axis label. log: True for a log scale for y. Add a legend with
        per_layer_legend.
    Returns the Axes.
    """
    ax = _check_ax(ax, optional=False)
    log = check_flag(log, "log")
    curves = _check_curves(curves, log)
    ylabel = _check_text(ylabel, "ylabel")
    for label, color, measured, predicted in curves:
        for values, style in ((measured, dict(marker="o", ms=4, lw=LINE_WIDTH, label=label)),
                              (predicted, dict(ls="--", lw=1.3))):
            if values is None:
                continue
            if log:
                values = np.where(values > 0, values, np.nan)
            ax.plot(np.arange(1, values.size + 1), values, color=color, **style)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def per_layer_legend(fig, curves, loc="outside right upper"):
    """One legend for plot_per_layer figures: a line per curve (label, colour, ...), then
    the key "measured" (solid, dots) / "theory" (dashed). fig: the matplotlib Figure;
    curves: as for plot_per_layer; loc: a legend location (a string). Returns the Legend."""
    if not isinstance(fig, FigureBase):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    curves = _check_curves(curves, log=False)
    loc = _check_text(loc, "loc")
    handles = [Line2D([], [], color=c[1], marker="o", ms=4, lw=LINE_WIDTH) for c in curves]
    handles += [Line2D([], [], color="0.3", marker="o", ms=4, lw=LINE_WIDTH),
                Line2D([], [], color="0.3", ls="--", lw=1.3)]
    labels = [c[0] for c in curves] + ["measured", "theory"]
    return fig.legend(handles, labels, loc=loc, fontsize=9)


# --- a computation graph of helpers.autodiff values (lesson 09) -------------------------

_GRAPH_MAX_VALUES = 40  # plot_computation_graph draws every value, at most this many
_BOX_W, _BOX_H = 1.7, 1.0  # a value's box, in data units
_COL_GAP, _ROW_GAP = 2.5, 1.35  # distance between the centres of two columns, two rows


def _graph_layout(root):
    """(values to draw, their (column, row), the constants folded into each value's label).

    Drawn: every value except unlabelled leaves (constants such as the 0.5 of 0.5 * d ** 2),
    whose numbers are written into the operation that uses them. An operation sits one
    column right of its latest drawn operation input, an input one column left of its
    first use; in a column, operations come first, then inputs, in topological order.
    """
    order = topological_order(root)
    hidden = {v for v in order if not v.parents and not v.label and v is not root}
    shown = [v for v in order if v not in hidden]
    children = {v: [] for v in shown}
    for v in shown:
        for p in v.parents:
            if p not in hidden and v not in children[p]:
                children[p].append(v)
    column = {}
    for v in shown:  # topological order: every operation's inputs come first
        if v.parents:
            column[v] = 1 + max((column[p] for p in v.parents if p.parents), default=0)
    for v in shown:
        if not v.parents:
            column[v] = min((column[c] for c in children[v]), default=1) - 1
    rows, place = {}, {}
    for v in sorted(shown, key=lambda v: not v.parents):  # stable: operations first
        place[v] = (column[v], rows.get(column[v], 0))
        rows[column[v]] = rows.get(column[v], 0) + 1
    constants = {v: [f"{p.data:g}" for p in v.parents if p in hidden] for v in shown}
    return shown, place, constants


def _graph_name(v, constants):
    op = {"×": "×", "+": "+", "-": "−", "neg": "−", "/": "/"}.get(v.op, v.op)
    if constants:
        op = f"{op} {', '.join(constants)}"
    if v.label and op:
        return f"{v.label}  ({op})"
    return v.label or op


def plot_computation_graph(root, ax=None, grads=True, fontsize=10):
    """Draw the computation graph of ``root`` (a helpers.autodiff.Value), left to right.

    Every value is a box (gid "node") showing its name (its label, and the operation that
    made it), its value and, if grads is True, its gradient ``grad`` as backward() left it;
    every edge from an input to the operation that uses it is an arrow (gid "edge"; a value
    used twice, as in w * w, gets two). Unlabelled constants (the 0.5 of 0.5 * d ** 2) are not
    boxes: their number is written after the operation that uses them ("× 0.5").
    root: a Value whose graph holds at most 40 values to draw. ax: an Axes or None.
    grads: True or False. fontsize: >= 2. Returns the Axes.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a helpers.autodiff.Value, got {type(root).__name__}")
    ax = _check_ax(ax)
    grads = check_flag(grads, "grads")
    fontsize = check_real(fontsize, "fontsize", low=2.0)
    shown, place, constants = _graph_layout(root)
    if len(shown) > _GRAPH_MAX_VALUES:
        raise ValueError(f"root's graph has {len(shown)} values to draw; plot_computation_graph "
                         f"draws at most {_GRAPH_MAX_VALUES} (draw a smaller expression)")
    n_cols = max(c for c, _ in place.values()) + 1
    n_rows = max(r for _, r in place.values()) + 1
    if ax is None:
        width = (n_cols - 1) * _COL_GAP + _BOX_W + 0.3
        height = (n_rows - 1) * _ROW_GAP + _BOX_H + 0.3
        _, ax = plt.subplots(figsize=(max(0.62 * width + 0.2, 3.0), 0.62 * height + 0.2))
    centre = {v: (c * _COL_GAP, -r * _ROW_GAP) for v, (c, r) in place.items()}
    for v in shown:
        x1, y1 = centre[v]
        drawn = [p for p in v.parents if p in centre]
        for k, p in enumerate(drawn):
            x0, y0 = centre[p]
            twin = drawn.count(p) > 1  # w * w: two arrows, bent apart
            rad = (0.5 if k == drawn.index(p) else -0.5) if twin else 0.0
            ax.add_patch(FancyArrowPatch(
                (x0 + _BOX_W / 2, y0), (x1 - _BOX_W / 2, y1), arrowstyle="-|>",
                mutation_scale=12, color="0.35", lw=1.2, zorder=1, gid="edge",
                connectionstyle=f"arc3,rad={rad}"))
    for v in shown:
        x, y = centre[v]
        kind = 2 if v is root else (1 if v.parents else 0)
        ax.add_patch(FancyBboxPatch(
            (x - _BOX_W / 2, y - _BOX_H / 2), _BOX_W, _BOX_H, boxstyle="round,pad=0.02",
            facecolor=_NODE_COLORS[kind], edgecolor="0.25", lw=1.1, zorder=2, gid="node"))
        lines = [(_graph_name(v, constants[v]), "black"), (f"value {v.data:.4g}", ACTIVATION_COLOR)]
        if grads:
            lines.append((f"grad {v.grad:.4g}", SLOPE_COLOR))
        step = _BOX_H / (len(lines) + 0.6)
        for i, (text, color) in enumerate(lines):
            ax.text(x, y + step * ((len(lines) - 1) / 2 - i), text, ha="center", va="center",
                    color=color, fontsize=fontsize - (0 if i == 0 else 1), zorder=3,
                    fontweight="bold" if i == 0 else "normal")
    ax.set_xlim(-_BOX_W / 2 - 0.15, (n_cols - 1) * _COL_GAP + _BOX_W / 2 + 0.15)
    ax.set_ylim(-(n_rows - 1) * _ROW_GAP - _BOX_H / 2 - 0.15, _BOX_H / 2 + 0.15)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
