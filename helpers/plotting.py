"""Reusable figures for the lessons. Nothing here runs at import time.

A notebook that wants the project's look calls ``use_style()`` visibly in its setup
cell. Figures follow one set of rules: lowercase axis labels with symbols, a legend
when there is more than one line, line width 2, no decorative titles.
"""
import matplotlib.pyplot as plt
import numpy as np

from helpers.shapes import check_shape

LINE_WIDTH = 2
CLASS_COLORS = ("#d95f02", "#1b9e77")  # label 0, label 1 (colour-blind safe pair)
STYLE = {
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


def use_style():
    """Apply the project's matplotlib style (call it in a notebook's setup cell)."""
    plt.rcParams.update(STYLE)


def plot_decision_boundary(predict, X, Y, ax=None, resolution=200, margin=0.5, alpha=0.25):
    """Shade the plane by ``predict`` and scatter the labelled points on top.

    predict: function taking points of shape (2, k) and returning labels of shape (1, k).
    X: points, shape (2, m); Y: labels, shape (1, m), 0 or 1 (or class indices).
    Returns the Axes.
    """
    check_shape(X, (2, None), "X")
    check_shape(Y, (1, X.shape[1]), "Y")
    ax = ax if ax is not None else plt.gca()
    x0 = np.linspace(X[0].min() - margin, X[0].max() + margin, resolution)
    x1 = np.linspace(X[1].min() - margin, X[1].max() + margin, resolution)
    g0, g1 = np.meshgrid(x0, x1)
    grid = np.vstack([g0.ravel(), g1.ravel()])
    labels = np.asarray(predict(grid)).reshape(g0.shape)
    classes = np.unique(Y)
    if len(classes) <= 2:
        from matplotlib.colors import ListedColormap
        cmap = ListedColormap(CLASS_COLORS)
        ax.contourf(g0, g1, labels, levels=[-0.5, 0.5, 1.5], cmap=cmap, alpha=alpha)
        for c, color in zip((0, 1), CLASS_COLORS):
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
    """Plot a cost history: costs[i] recorded at step i * every. Returns the Axes."""
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

BROADCAST_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}
BROADCAST_COLORS = ("#a6cee3", "#fdbf6f", "#b2df8a")  # left operand, right operand, result
FADED_ALPHA = 0.25  # opacity of the copies broadcasting makes


def _draw_grid(ax, values, x0, kinds, color, fmt, fontsize):
    """Draw ``values`` (R, C) as unit cells whose top-left corner is at (x0, 0).

    kinds: (R, C) array of "original" / "copy" / "result", stored as each cell's gid.
    """
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            faded = kinds[i, j] == "copy"
            cell = plt.Rectangle((x0 + j, -i - 1), 1, 1, facecolor=color,
                                 alpha=FADED_ALPHA if faded else 1.0,
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
    Returns the Figure. Raises ValueError (NumPy's message) if the shapes are incompatible.
    """
    if op not in BROADCAST_OPS:
        raise ValueError(f"op must be one of {list(BROADCAST_OPS)}, got {op!r}")
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    for x, name in ((a, names[0]), (b, names[1])):
        if x.ndim > 2:
            raise ValueError(f"{name} has shape {x.shape}: plot_broadcast draws at most 2-D arrays")
    result = BROADCAST_OPS[op](a, b)  # raises NumPy's own error for incompatible shapes
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
        _draw_grid(ax, np.broadcast_to(own, shape), x0, kinds, BROADCAST_COLORS[k], fmt, fontsize)
        label = f"{name}: {x.shape}" + (f" → {shape}" if x.shape != shape else "")
        ax.text(x0 + cols / 2, -rows - 0.45, label, ha="center", va="center", fontsize=fontsize)
        symbol = op if k == 0 else "="
        ax.text(x0 + cols + gap / 2, -rows / 2, symbol, ha="center", va="center",
                fontsize=fontsize + 6)
    x0 = 2 * (cols + gap)
    _draw_grid(ax, result.reshape(shape), x0, np.full(shape, "result", dtype=object),
               BROADCAST_COLORS[2], fmt, fontsize)
    ax.text(x0 + cols / 2, -rows - 0.45, f"{names[0]} {op} {names[1]}: {result.shape}",
            ha="center", va="center", fontsize=fontsize)
    ax.set_xlim(-0.1, 3 * cols + 2 * gap + 0.1)
    ax.set_ylim(-rows - 0.9, 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax.figure


# --- the shallow network (lesson 04) ------------------------------------------------

NODE_COLORS = ("#d9d9d9", "#a6cee3", "#fdbf6f")  # input, hidden, output layer
NODE_RADIUS = 0.36
LAYER_GAP = 2.0  # horizontal distance between two layers' centres


def plot_network(layer_sizes, ax=None, fontsize=11):
    """Draw a dense network as circles (units) joined by lines (weights).

    layer_sizes: [n[0], n[1], ..., n[L]], e.g. [3, 4, 1] for the lecture's 2-layer network:
        layer 0 is the input x = a[0] (drawn, not counted), layers 1 .. L-1 are hidden,
        layer L is the output a[L] = y_hat.
    Every unit is a Circle with gid "node" and every weight a line with gid "edge" (tests
    count them: sum of n[l] nodes, sum of n[l-1] * n[l] edges). Returns the Axes.
    """
    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"layer_sizes needs at least two positive sizes, e.g. [3, 4, 1]; got {sizes}")
    L = len(sizes) - 1
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * (L + 1) + 0.9, 0.7 * max(sizes) + 1.2))
    centres = [[(l * LAYER_GAP, (n - 1) / 2 - i) for i in range(n)] for l, n in enumerate(sizes)]
    for l in range(1, L + 1):
        for x0, y0 in centres[l - 1]:
            for x1, y1 in centres[l]:
                ax.plot([x0 + NODE_RADIUS, x1 - NODE_RADIUS], [y0, y1], color="0.55",
                        lw=1, zorder=1, gid="edge")
    for l, layer in enumerate(centres):
        kind = 0 if l == 0 else (2 if l == L else 1)
        for i, (x, y) in enumerate(layer):
            ax.add_patch(plt.Circle((x, y), NODE_RADIUS, facecolor=NODE_COLORS[kind],
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
        ax.text(l * LAYER_GAP, -(max(sizes) - 1) / 2 - 0.75, f"{name}\nlayer {l}",
                ha="center", va="top", fontsize=fontsize - 1)
    for x, y in centres[L]:
        ax.annotate("", xy=(x + NODE_RADIUS + 0.6, y), xytext=(x + NODE_RADIUS, y),
                    arrowprops=dict(arrowstyle="->", color="0.25", lw=1.2))
    if sizes[L] == 1:
        x, y = centres[L][0]
        ax.text(x + NODE_RADIUS + 0.7, y, r"$\hat{y}$", ha="left", va="center", fontsize=fontsize + 1)
    half = (max(sizes) - 1) / 2
    ax.set_xlim(-NODE_RADIUS - 0.3, L * LAYER_GAP + NODE_RADIUS + 1.2)
    ax.set_ylim(-half - 1.6, half + NODE_RADIUS + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def hidden_unit_activations(params, activations, points, layer=1):
    """The activations a[layer] of every unit of one layer at the given points.

    params: {"W1", "b1", ...} of a dense network; activations: one name per layer.
    points: inputs, shape (n_x, k), one point per column. layer: 1 .. L.
    Returns a[layer], shape (n[layer], k): row i is what unit i computes at each point.
    """
    from helpers.network import forward, layer_forward

    if not 1 <= layer <= len(activations):
        raise ValueError(f"layer must be between 1 and {len(activations)}; got {layer}")
    forward(points, params, activations)  # checks the shapes (and names) once
    A = np.asarray(points, dtype=np.float64)
    for l in range(1, layer + 1):
        A, _ = layer_forward(A, params[f"W{l}"], params[f"b{l}"], activations[l - 1])
    return A


def plot_hidden_units(params, activations, X, Y, layer=1, axes=None, resolution=120,
                      margin=0.5, cmap="Greys", alpha=0.6):
    """Small multiples: what each unit of one layer computes over the input plane.

    params, activations: a trained network whose input is 2-D (W1 of shape (n[1], 2)).
    X: points, shape (2, m); Y: labels (1, m), 0 or 1, drawn on top of every panel.
    layer: which layer's units to show (1 = the first hidden layer).
    Panel i shows a[layer]_i(x) as an image over the plane, with its contour at the middle
    of the activation's range (0 for tanh, 0.5 for sigmoid); its title gives the weight
    w[layer+1]_i with which the next layer's first unit uses it. One shared colour bar.
    axes: n[layer] Axes to draw into (None makes a row). cmap, alpha: the images' colours.
    Returns the Figure.
    """
    check_shape(X, (2, None), "X")
    check_shape(Y, (1, X.shape[1]), "Y")
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
        for c, color in zip((0, 1), CLASS_COLORS):
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

ACTIVATION_NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU",
                    "leaky_relu": "leaky ReLU", "linear": "linear"}
ACTIVATION_COLOR = "#1f77b4"  # a = g(z)
SLOPE_COLOR = "#2ca02c"       # g'(z)
FLAT_COLOR = "#d62728"        # shading where g'(z) is (nearly) 0: saturated or dead
FLAT_ALPHA = 0.12
INPUTS_COLOR = "0.55"         # histogram of the inputs z
INPUTS_HEIGHT = 0.3           # the inputs' histogram is drawn this high (fraction of the axes)


def activation_functions(name, alpha=None):
    """(g, g') for an activation name of helpers.activations.ACTIVATIONS.

    alpha: the leaky ReLU's slope for z < 0 (default LEAKY_ALPHA); ignored by the others.
    Raises ValueError naming the valid names for an unknown one.
    """
    from helpers import activations as act

    if name not in act.ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of "
                         f"{', '.join(map(repr, act.ACTIVATIONS))}")
    if name == "leaky_relu":
        alpha = act.LEAKY_ALPHA if alpha is None else alpha
        return (lambda z: act.leaky_relu(z, alpha)), (lambda z: act.leaky_relu_grad(z, alpha))
    return act.ACTIVATIONS[name]


def plot_activation(name, ax=None, z=None, alpha=None, derivative=True, flat=(),
                    flat_label="flat: $g'(z) \\approx 0$", legend=True):
    """Draw an activation a = g(z) and its derivative g'(z) on one Axes.

    name: "sigmoid", "tanh", "relu", "leaky_relu" or "linear".
    z: the points to draw at, shape (k,) (default 401 points in [-5, 5]).
    alpha: leaky ReLU's slope for z < 0 (default LEAKY_ALPHA = 0.01).
    derivative: also draw g'(z).
    flat: intervals (z0, z1) to shade, e.g. where the unit saturates; flat_label names them.
    Returns the Axes. The lines carry gid "g" and "slope" (tests find them).
    """
    g, slope = activation_functions(name, alpha)
    ax = ax if ax is not None else plt.gca()
    z = np.linspace(-5.0, 5.0, 401) if z is None else np.asarray(z, dtype=np.float64)
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
    eps) in the background, scaled to INPUTS_HEIGHT of the axes (only its shape counts).
    ylim: the y range (default: a little more than g's range over the window).
    Returns the Axes.
    """
    ax = ax if ax is not None else plt.gca()
    z_inputs = np.asarray(z_inputs, dtype=np.float64).ravel()
    edges = np.linspace(window[0], window[1], bins + 1)
    counts, _ = np.histogram(z_inputs, bins=edges)
    heights = INPUTS_HEIGHT * counts / max(counts.max(), 1)
    ax.stairs(heights, edges, fill=True, color=INPUTS_COLOR, alpha=0.35, lw=0,
              transform=ax.get_xaxis_transform(), label="inputs $z$", gid="inputs")
    z = np.linspace(window[0], window[1], 401)
    plot_activation(name, ax=ax, z=z, alpha=alpha, flat=flat, legend=False)
    if ylim is None:
        g, _ = activation_functions(name, alpha)
        lo, hi = min(float(g(z).min()), 0.0), max(float(g(z).max()), 1.0)
        pad = 0.08 * (hi - lo)
        ylim = (lo - pad, hi + pad)
    ax.set_ylim(*ylim)
    return ax


# --- weight initialization (lesson 06) ------------------------------------------------

LAYER_HIST_TOP = 0.72     # a panel's tallest bar reaches this fraction of its height...
LAYER_HIST_FLOOR = 0.02   # ...unless it holds less than 2 % of the values (drawn lower then)


def layer_histogram_note(stats, l):
    """The text in layer l's histogram panel (l from 1): its std, the share of exact zeros
    when there are any, the shares beyond the histogram's edges when there are any."""
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


def plot_layer_histograms(rows, labels, axes=None, colors=None, layers=None, fontsize=7.5):
    """Small multiples of the activations of a deep stack: one row per experiment, one
    column per layer.

    rows: LayerStats from helpers.deepstats.layer_statistics(..., bins=edges), all with the
        same edges (hist (L, bins), edges). labels: one label per row (drawn at its left).
    axes: a (len(rows), len(layers)) array of Axes, or None for a new figure.
    colors: one colour per row (default: the colour cycle). layers: which layers to show
        (numbers from 1; default all). Each panel shows the share of the values of a[l] per
        bin (exact zeros left out), scaled to fit, with layer_histogram_note in its corner.
    Returns the Figure.
    """
    layers = list(layers) if layers is not None else list(rows[0].layers)
    if axes is None:
        _, axes = plt.subplots(len(rows), len(layers), figsize=(1.05 * len(layers) + 0.9,
                                                                1.15 * len(rows) + 0.6),
                               sharex=True, squeeze=False, layout="constrained")
    axes = np.asarray(axes).reshape(len(rows), len(layers))
    colors = colors or [f"C{i}" for i in range(len(rows))]
    for r, (stats, label, color) in enumerate(zip(rows, labels, colors)):
        for c, l in enumerate(layers):
            ax = axes[r, c]
            shares = stats.hist[l - 1]
            ax.stairs(LAYER_HIST_TOP * shares / max(shares.max(), LAYER_HIST_FLOOR), stats.edges,
                      fill=True, color=color, alpha=0.75, lw=0)
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


def plot_per_layer(ax, curves, ylabel, log=True):
    """Per-layer numbers of a deep stack, measured (solid, dots) and predicted (dashed).

    curves: a list of (label, colour, measured, predicted) with measured and predicted
        arrays of one value per layer (predicted may be None). Zeros are not drawn on a
        log axis (a gap, no warning).
    ylabel: the y-axis label. log: log scale for y. Add a legend with per_layer_legend.
    Returns the Axes.
    """
    from matplotlib.ticker import MaxNLocator

    for label, color, measured, predicted in curves:
        for values, style in ((measured, dict(marker="o", ms=4, lw=LINE_WIDTH, label=label)),
                              (predicted, dict(ls="--", lw=1.3))):
            if values is None:
                continue
            values = np.asarray(values, dtype=np.float64)
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
    the key "measured" (solid, dots) / "theory" (dashed). Returns the Legend."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c[1], marker="o", ms=4, lw=LINE_WIDTH) for c in curves]
    handles += [Line2D([], [], color="0.3", marker="o", ms=4, lw=LINE_WIDTH),
                Line2D([], [], color="0.3", ls="--", lw=1.3)]
    labels = [c[0] for c in curves] + ["measured", "theory"]
    return fig.legend(handles, labels, loc=loc, fontsize=9)
