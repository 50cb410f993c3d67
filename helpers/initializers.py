"""Weight initialization for a dense network (course 2, week 1, lecture 1.11).

W[l] = N(0, 1) * std, shape (n[l], n[l-1]); b[l] = 0, shape (n[l], 1). The std per method:

    "zeros"   0                                    (every unit stays the same: symmetry)
    "random"  0.01 * scale                         (the shallow-net lecture's small numbers)
    "xavier"  sqrt(1 / n[l-1]) * scale             (Var(w) = 1/n, suggested for tanh)
    "he"      sqrt(2 / n[l-1]) * scale             (Var(w) = 2/n, suggested for ReLU)
    "glorot"  sqrt(2 / (n[l-1] + n[l])) * scale    (Bengio and colleagues' variant)

``scale`` is the lecture's extra multiplier, a hyper-parameter (1 leaves the formula as is).
Randomness comes from np.random.default_rng(seed), or from ``rng`` when one is passed.
"""
import math
from numbers import Integral

import numpy as np

RANDOM_STD = 0.01  # the shallow-net lecture's np.random.randn(...) * 0.01
METHODS = ("zeros", "random", "xavier", "he", "glorot")


def _check_method(method):
    if method not in METHODS:
        valid = ", ".join(repr(m) for m in METHODS)
        raise ValueError(f"method must be one of {valid}; got {method!r}")


def init_std(method, n_prev, n_curr, scale=1.0):
    """Standard deviation of the weights of W[l] that ``method`` draws.

    n_prev: n[l-1], the number of inputs of each unit; n_curr: n[l], the number of units.
    Returns a float, e.g. init_std("he", 800, 600) = sqrt(2/800) = 0.05.
    """
    _check_method(method)
    if method == "zeros":
        return 0.0
    if method == "random":
        return RANDOM_STD * scale
    if method == "xavier":
        return math.sqrt(1.0 / n_prev) * scale
    if method == "he":
        return math.sqrt(2.0 / n_prev) * scale
    return math.sqrt(2.0 / (n_prev + n_curr)) * scale  # glorot


def check_layer_dims(layer_dims):
    """Return layer_dims as a list of ints [n_x, n1, ..., nL] (at least two positive sizes)."""
    try:
        dims = list(layer_dims)
    except TypeError:
        raise TypeError(f"layer_dims must be a list of layer sizes like [2, 4, 1]; "
                        f"got {type(layer_dims).__name__}") from None
    if len(dims) < 2:
        raise ValueError(f"layer_dims needs at least the input size and one layer, "
                         f"e.g. [2, 4, 1]; got {dims}")
    for l, n in enumerate(dims):
        if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
            raise ValueError(f"layer_dims must hold positive integers; "
                             f"layer_dims[{l}] is {n!r} in {dims}")
    return [int(n) for n in dims]


def initialize(layer_dims, method="he", scale=1.0, seed=0, rng=None):
    """Parameters of a dense network with layer sizes [n_x, n1, ..., nL].

    layer_dims: [n[0], n[1], ..., n[L]] with n[0] = n_x, the number of input features.
    method: "zeros", "random", "xavier", "he" or "glorot" (see the module docstring).
    scale: multiplies every weight's std. seed: for np.random.default_rng; ignored when an
    ``rng`` (a np.random.Generator) is given.
    Returns {"W1": (n1, n_x), "b1": (n1, 1), ..., "WL": (nL, n[L-1]), "bL": (nL, 1)}, float64.
    """
    dims = check_layer_dims(layer_dims)
    _check_method(method)
    if rng is None:
        rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(dims)):
        n_prev, n_curr = dims[l - 1], dims[l]
        if method == "zeros":
            params[f"W{l}"] = np.zeros((n_curr, n_prev))
        else:
            std = init_std(method, n_prev, n_curr, scale)
            params[f"W{l}"] = rng.standard_normal((n_curr, n_prev)) * std
        params[f"b{l}"] = np.zeros((n_curr, 1))
    return params
