"""Weight initialization for a dense network (course 2, week 1, lecture 1.11).

W[l] = N(0, 1) * std, shape (n[l], n[l-1]); b[l] = 0, shape (n[l], 1). The std per method:

    "zeros"   0                                    (every unit stays the same: symmetry)
    "random"  0.01 * scale                         (the shallow-net lecture's small numbers)
    "xavier"  sqrt(1 / n[l-1]) * scale             (Var(w) = 1/n, suggested for tanh)
    "he"      sqrt(2 / n[l-1]) * scale             (Var(w) = 2/n, suggested for ReLU)
    "glorot"  sqrt(2 / (n[l-1] + n[l])) * scale    (Bengio and colleagues' variant)

``scale`` is the lecture's extra multiplier, a hyper-parameter (1 leaves the formula as is).
Randomness comes from np.random.default_rng(seed), or from ``rng`` when one is passed.

Inputs (the policy of helpers.shapes), each error naming the argument: layer sizes (the
entries of layer_dims, n_prev, n_curr) are whole numbers >= 1 (3.0 is taken as 3; 2.5, 0,
True are refused); method is one of METHODS; scale is a finite real number > 0 (also for
"zeros", where it changes nothing); seed is a whole number >= 0 or a np.random.Generator;
rng is None or a np.random.Generator.

Public API (``from helpers.initializers import initialize, init_std``):
    initialize(layer_dims, method="he", scale=1.0, seed=0, rng=None)   -> params dict
    init_std(method, n_prev, n_curr, scale=1.0)    the std of W[l]'s entries, a float
    check_layer_dims(layer_dims)                   [n_x, n1, ..., nL] as a list of ints
    METHODS                                        the method names, in the table's order
"""
import math

import numpy as np

from helpers.shapes import check_choice, check_count, check_positive, check_seed

__all__ = ["initialize", "init_std", "check_layer_dims", "METHODS"]

_RANDOM_STD = 0.01  # the shallow-net lecture's np.random.randn(...) * 0.01
METHODS = ("zeros", "random", "xavier", "he", "glorot")
_HUGE_STD = 1e300  # above this std, N(0, 1) * std might overflow float64: checked


# ---- checks (once, on entry) ----------------------------------------------------------

def _check_rng(rng):
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be None or a np.random.Generator, e.g. "
                        f"np.random.default_rng(0); got {type(rng).__name__}")
    return rng


def _std(method, n_prev, n_curr, scale):
    """Unchecked: the std of ``method`` for a layer with n_prev inputs and n_curr units."""
    if method == "zeros":
        return 0.0
    if method == "random":
        return _RANDOM_STD * scale
    if method == "xavier":
        return math.sqrt(1.0 / n_prev) * scale
    if method == "he":
        return math.sqrt(2.0 / n_prev) * scale
    return math.sqrt(2.0 / (n_prev + n_curr)) * scale  # glorot


def _finite_std(std, scale):
    if not math.isfinite(std):
        raise ValueError(f"scale = {scale!r} is too large: the weights' std overflows float64")
    return std


# ---- public API -----------------------------------------------------------------------

def init_std(method, n_prev, n_curr, scale=1.0):
    """Standard deviation of the weights of W[l] that ``method`` draws.

    method: one of METHODS. n_prev: n[l-1], the number of inputs of each unit; n_curr:
    n[l], the number of units (whole numbers >= 1). scale: a finite number > 0.
    Returns a float, e.g. init_std("he", 800, 600) = sqrt(2/800) = 0.05.
    """
    check_choice(method, METHODS, "method")
    n_prev = check_count(n_prev, "n_prev")
    n_curr = check_count(n_curr, "n_curr")
    scale = check_positive(scale, "scale")
    return _finite_std(_std(method, n_prev, n_curr, scale), scale)


def check_layer_dims(layer_dims):
    """Return layer_dims as a list of ints [n_x, n1, ..., nL] (at least two sizes, each >= 1).

    TypeError for something that is not a list of numbers (None, a string, a dict, a
    number); ValueError for fewer than two sizes or a size that is not a whole number >= 1.
    """
    if layer_dims is None or isinstance(layer_dims, (str, bytes, dict, set)):
        raise TypeError(f"layer_dims must be a list of layer sizes like [2, 4, 1]; "
                        f"got {type(layer_dims).__name__}")
    try:
        dims = list(layer_dims)
    except TypeError:
        raise TypeError(f"layer_dims must be a list of layer sizes like [2, 4, 1]; "
                        f"got {type(layer_dims).__name__}") from None
    if len(dims) < 2:
        raise ValueError(f"layer_dims needs at least the input size and one layer, "
                         f"e.g. [2, 4, 1]; got {dims}")
    sizes = []
    for l, n in enumerate(dims):
        try:
            sizes.append(check_count(n, f"layer_dims[{l}]"))
        except (TypeError, ValueError) as err:
            raise type(err)(f"layer_dims must hold whole numbers >= 1 (layer sizes); "
                            f"layer_dims[{l}] is {n!r} in {dims}") from None
    return sizes


def initialize(layer_dims, method="he", scale=1.0, seed=0, rng=None):
    """Parameters of a dense network with layer sizes [n_x, n1, ..., nL].

    layer_dims: [n[0], n[1], ..., n[L]] with n[0] = n_x, the number of input features.
    method: "zeros", "random", "xavier", "he" or "glorot" (see the module docstring).
    scale: multiplies every weight's std, a finite number > 0. seed: a whole number >= 0
    (or a np.random.Generator) for np.random.default_rng; ignored when an ``rng`` (a
    np.random.Generator) is given.
    Returns {"W1": (n1, n_x), "b1": (n1, 1), ..., "WL": (nL, n[L-1]), "bL": (nL, 1)}, float64.
    """
    dims = check_layer_dims(layer_dims)
    check_choice(method, METHODS, "method")
    scale = check_positive(scale, "scale")
    seed = check_seed(seed, generator=True)
    if _check_rng(rng) is None:
        rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(dims)):
        n_prev, n_curr = dims[l - 1], dims[l]
        if method == "zeros":
            params[f"W{l}"] = np.zeros((n_curr, n_prev))
        else:
            std = _finite_std(_std(method, n_prev, n_curr, scale), scale)
            with np.errstate(over="ignore", under="ignore"):  # overflow: checked below
                W = rng.standard_normal((n_curr, n_prev)) * std
            if std > _HUGE_STD and not np.all(np.isfinite(W)):
                raise ValueError(f"scale = {scale!r} is too large: W{l}'s weights (std {std:g}) "
                                 f"overflow float64")
            params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((n_curr, 1))
    return params
