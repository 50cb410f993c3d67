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
