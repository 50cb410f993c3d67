"""The tests' shared toolbox: paths, the standard small networks and problems, a free port,
the environment notebooks run under, and what the figure tests measure in a picture.

Test files import what they use (``from support import ROOT, SHALLOW``); fixtures live in
conftest.py (which also closes every matplotlib figure after each test). Reading code out
of a notebook is tests/notebook_code.py.
"""
import ast
import inspect
import io
import os
import socket
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from helpers import conv
from helpers.initializers import initialize

ROOT = Path(__file__).resolve().parent.parent  # the repository's top folder
NOTEBOOKS = ROOT / "notebooks"

SHALLOW = ["tanh", "sigmoid"]  # the lectures' shallow network: tanh hidden units, sigmoid output
LOGISTIC = ["sigmoid"]  # logistic regression: one sigmoid unit


# --- networks and problems ------------------------------------------------------------

def random_params(layer_dims, seed):
    """Standard-normal weights and biases (biases non-zero: they catch a forgotten + b)."""
    g = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = g.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = g.standard_normal((layer_dims[l], 1))
    return params


def binary_problem(n_x, n_h, m, seed):
    """A shallow network's problem: X (n_x, m) standard normal, Y (1, m) random 0 / 1 labels,
    and xavier parameters of the n_x-n_h-1 network (seeded)."""
    g = np.random.default_rng(seed)
    X = g.standard_normal((n_x, m))
    Y = (g.random((1, m)) < 0.5).astype(float)
    return X, Y, initialize([n_x, n_h, 1], method="xavier", seed=seed)


# --- processes ------------------------------------------------------------------------

def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deterministic_env():
    """The environment notebooks are executed and checked under (as the Makefile sets)."""
    env = dict(os.environ)
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED="0", JUPYTER_PREFER_ENV_PATH="1")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


# --- pictures -------------------------------------------------------------------------

def png_pixels(png):
    """PNG bytes as an (H, W, 3) array of ints (differences do not wrap around)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def parts_outside(fig, pad=0.5):
    """What is drawn partly outside the figure, as (what, bounds) pairs: visible axes with
    their tick labels and labels, figure texts, legends. [] when nothing is cut off."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    axes = [ax for ax in fig.axes if ax.get_visible()]
    boxes = [(ax.get_ylabel() or ax.get_xlabel(), ax.get_tightbbox(r)) for ax in axes]
    # the labels on their own too: matplotlib < 3.9 leaves them out of get_tightbbox
    boxes += [(label.get_text(), label.get_window_extent(r)) for ax in axes
              for label in (ax.xaxis.label, ax.yaxis.label, ax.title)
              if label.get_visible() and label.get_text()]
    boxes += [(t.get_text(), t.get_window_extent(r)) for t in fig.texts if t.get_text()]
    boxes += [("legend", legend.get_window_extent(r)) for legend in fig.legends]
    W, H = fig.bbox.width, fig.bbox.height
    return [(what, box.bounds) for what, box in boxes
            if box.x0 < -pad or box.y0 < -pad or box.x1 > W + pad or box.y1 > H + pad]


def public_top_level_names(module):
    """The public names a module defines at its top level (functions, classes, assignments)."""
    names = set()
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_")} - {"__all__"}


def ecg_network(kind):
    """Lesson 11's 100 -> 9 -> 3 -> 1 network: windowed ("local" or "conv") or "dense" hidden
    layers (tanh), windows of 20 (stride 10) then 5 (stride 2), one sigmoid output."""
    L = conv.Layer
    if kind == "dense":
        hidden = [L("dense", "tanh", units=9), L("dense", "tanh", units=3)]
    else:
        hidden = [L(kind, "tanh", window=20, stride=10), L(kind, "tanh", window=5, stride=2)]
    return hidden + [L("dense", "sigmoid", units=1)]
