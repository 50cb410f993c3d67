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
