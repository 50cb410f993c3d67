"""Losses L(a, y) and the cost J = (1/m) sum over the m examples, as in the lectures.

Examples are columns. Inputs are array-likes of real numbers, converted to float64 and never
mutated, checked before any arithmetic (the policy of helpers.shapes); every error names the
argument:
- both arguments 2-D, and y exactly a's shape (never broadcast); an empty example set
  (m = 0) and NaN or inf are refused.
- the binary costs and the squared error take one row per output, (1, m) (or (n, m) with
  n outputs and m >= 2): a column (m, 1) is refused with the hint ``a.T`` /
  ``a.reshape(1, -1)`` even though NumPy would broadcast it, because it is almost always m
  examples written as a column (the cost would average over 1 "example").
- the softmax costs take k >= 2 classes, (k, m); one example is a column (k, 1).
- labels must be 0 or 1 (binary), or one-hot columns (softmax); probabilities must lie in
  [0, 1], and for cross_entropy each column must sum to 1 (within SUM_TOLERANCE).

When n > 1 the losses of a column's n outputs are added, then averaged over the m columns.

The "with_logits" forms never take log(0): for the sigmoid,
    L = -y log a - (1 - y) log(1 - a) = max(z, 0) - z y + log(1 + e^(-|z|)),
and for the softmax they use log_softmax. Prefer them whenever z is at hand: they are
finite and warning-free for |z| up to 1e300.

binary_cross_entropy's policy at a = 0 or a = 1: a wrong certain prediction (a = 0 with
y = 1, or a = 1 with y = 0) has an infinite loss in exact arithmetic; we clip a to
[PROB_CLIP, 1 - PROB_CLIP] first, so such an example costs about -log(1e-12) = 27.6.

For each pairing of output layer and cost in this module, the derivative of an example's
loss with respect to its z is the same simple expression, dZ[L] = A[L] - Y (output_delta).

cost_from_logits picks the pairing's cost by the output layer's name: "sigmoid" binary
cross-entropy with logits, "softmax" softmax cross-entropy with logits, "linear" half mean
squared error (where z = A[L]). cost_from_logits_unchecked computes the same numbers
without any check, for z and y checked once before a loop (helpers.network.train); it
expects float64 arrays of one shape, m >= 1, finite, with the labels the output needs.

Public API (``from helpers import losses``); each cost returns J as a Python float:
    binary_cross_entropy(a, y)                a: probabilities (1, m); y: labels 0/1 (1, m)
    binary_cross_entropy_with_logits(z, y)    the same cost from the logits z, a = sigmoid(z)
    softmax_cross_entropy_with_logits(z, y)   z: logits (k, m); y: one-hot columns (k, m)
    cross_entropy(a, y)                       a: softmax probabilities (k, m); y: one-hot
    half_mean_squared_error(a, y)             (1/(2m)) sum (a - y)^2, real targets (1, m)
    output_delta(a, y)                        dZ[L] = A[L] - Y, the same shape as a
    cost_from_logits(z, y, output)            J of an output layer "sigmoid", "softmax" or
                                              "linear" from its z = Z[L] (the three above)
    cost_from_logits_unchecked(z, y, output)  the same without checks (a training loop)
    OUTPUTS = ("sigmoid", "softmax", "linear")  the output layers cost_from_logits takes
    check_binary_labels(y, name)  check_one_hot(y, name)   the label checks the costs use
    PROB_CLIP = 1e-12      binary_cross_entropy clips a to [PROB_CLIP, 1 - PROB_CLIP]
    SUM_TOLERANCE = 1e-6   cross_entropy: how far a column of a may sum from 1
"""
import numpy as np

from helpers.activations import log_softmax_unchecked
from helpers.shapes import (ShapeError, as_array, check_choice, check_examples, check_finite,
                            check_same_shape, check_shape)

__all__ = [
    "binary_cross_entropy", "binary_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits", "cross_entropy", "half_mean_squared_error",
    "output_delta", "check_binary_labels", "check_one_hot", "PROB_CLIP", "SUM_TOLERANCE",
    "cost_from_logits", "cost_from_logits_unchecked", "OUTPUTS",
]

PROB_CLIP = 1e-12  # binary_cross_entropy clips a to [PROB_CLIP, 1 - PROB_CLIP] before log
SUM_TOLERANCE = 1e-6  # cross_entropy: |sum of a column of a - 1| may be at most this
OUTPUTS = ("sigmoid", "softmax", "linear")  # output layers with a cost here (dZ[L] = A[L] - Y)

_ROWS, _CLASSES, _ANY = "rows", "classes", "any"  # what the first argument's shape means


# ---- checks (once, on entry) ----------------------------------------------------------

def _first(x, name, kind):
    """The first argument as a float64 (n, m) array: the shape rules of ``kind``."""
    x = as_array(x, name)
    if x.ndim != 2:
        # raises: a rank-1 x gets the hint of the usual shape (a row; a column of k logits)
        check_shape(x, (None, None) if kind == _CLASSES else (1, None), name)
    n, m = x.shape
    if kind == _CLASSES and n < 2:
        raise ShapeError(f"{name} has shape {x.shape}, expected (k, m) with k >= 2 classes, one "
                         f"row each (for two classes in one row, use the binary cross-entropy)")
    if n == 0:
        raise ShapeError(f"{name} has shape {x.shape}, expected (1, m): at least one row (output)")
    if kind == _ROWS and m == 1 and n > 1:
        raise ShapeError(f"{name} has shape {x.shape}, expected (1, m): one example per column; "
                         f"it looks transposed: {name}.T (or {name}.reshape(1, -1)) has shape "
                         f"(1, {n})")
    return x


def _pair(a, y, a_name, y_name, kind):
    """Both arguments as float64 2-D arrays of one shape, finite, m >= 1; errors name them."""
    a = _first(a, a_name, kind)
    y = check_same_shape(as_array(y, y_name), a, y_name, a_name)
    check_examples(a.shape[1], a_name)
    check_finite(a, a_name)
    check_finite(y, y_name)
    return a, y


def _binary_labels(y, name, hint=None):
    """ValueError naming ``name`` unless y holds 0 and 1 only; hint() may add to the message."""
    bad = (y != 0) & (y != 1)
    if np.any(bad):
        values = np.unique(y[bad])[:5]
        raise ValueError(f"{name} must hold labels 0 or 1 only; found {values.tolist()} "
                         f"(for k classes use one-hot columns with a softmax output)"
                         f"{hint() if hint else ''}")


def _swap_hint(a, y, call):
    """A hint for labels that look like predictions while a looks like labels."""
    if np.all((a == 0) | (a == 1)) and np.all((y >= 0) & (y <= 1)):
        return f"; are the arguments swapped? the order is {call}(prediction, labels)"
    return ""


def check_binary_labels(y, name="y"):
    """Raise ValueError naming ``name`` unless every entry of y is 0 or 1; return y (float64)."""
    y = as_array(y, name)
    _binary_labels(y, name)
    return y


def check_one_hot(y, name="y"):
    """Raise unless y (k, m) has one-hot columns (one 1, the rest 0); return y (float64).

    ShapeError naming ``name`` unless y is 2-D; ValueError for other labels or for a column
    that holds no 1 or several (with a hint when y's rows are one-hot instead: y.T).
    """
    y = check_shape(as_array(y, name), (None, None), name)
    _binary_labels(y, name)
    sums = np.sum(y, axis=0)
    if np.any(sums != 1):
        col = int(np.flatnonzero(sums != 1)[0])
        hint = ""
        if y.shape[0] != y.shape[1] and np.all(np.sum(y, axis=1) == 1):
            hint = f"; its rows are one-hot: it looks transposed, {name}.T has shape {y.shape[::-1]}"
        raise ValueError(f"{name} must be one-hot: each column holds exactly one 1; "
                         f"column {col} holds {int(sums[col])}{hint}")
    return y


def _check_probabilities(a, name):
    bad = (a < 0) | (a > 1)
    if np.any(bad):
        i = np.unravel_index(np.flatnonzero(bad)[0], a.shape)
        raise ValueError(f"{name} must hold probabilities in [0, 1]; "
                         f"found {a[i]:g} at index {tuple(int(k) for k in i)}")


def _check_columns_sum_to_one(a, name):
    off = np.abs(np.sum(a, axis=0) - 1.0) > SUM_TOLERANCE
    if np.any(off):
        col = int(np.flatnonzero(off)[0])
        hint = ""
        if a.shape[0] != a.shape[1] and np.all(np.abs(np.sum(a, axis=1) - 1.0) <= SUM_TOLERANCE):
            hint = f"; its rows sum to 1: it looks transposed, {name}.T has shape {a.shape[::-1]}"
        raise ValueError(f"{name} must hold probabilities whose columns each sum to 1 (within "
                         f"SUM_TOLERANCE = {SUM_TOLERANCE:g}), as softmax gives them; column {col} "
                         f"sums to {np.sum(a[:, col]):.6g}{hint}")


# ---- unchecked cores (the public costs check, then call these) ---------------------------

def _bce_with_logits(z, y):
    """Unchecked: (1/m) sum [max(z, 0) - z y + log(1 + e^(-|z|))]."""
    with np.errstate(under="ignore"):  # e^(-|z|), and a cost below 1e-308, round to 0
        loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return float(np.sum(loss) / z.shape[1])


def _softmax_ce_with_logits(z, y):
    """Unchecked: -(1/m) sum_i sum_j y_ji log softmax(z)_ji."""
    log_a = log_softmax_unchecked(z, axis=0)
    with np.errstate(under="ignore"):
        return float(-np.sum(y * log_a) / z.shape[1])


def _half_mse(a, y):
    """Unchecked: (1/(2m)) sum (a - y)^2."""
    d = a - y
    return float(np.sum(d * d) / (2 * a.shape[1]))


# ---- costs ------------------------------------------------------------------------------

def binary_cross_entropy(a, y):
    """Cross-entropy cost from probabilities: J = -(1/m) sum [y log a + (1 - y) log(1 - a)].

    a: predicted probabilities P(y = 1 | x), shape (1, m) (or (n, m), m >= 2: outputs summed).
    y: labels 0 or 1, same shape.
    a is clipped to [PROB_CLIP, 1 - PROB_CLIP] (the exact loss at a wrong a = 0 or 1 is
    infinite). Returns J, a float.
    """
    a, y = _pair(a, y, "a", "y", _ROWS)
    _check_probabilities(a, "a")
    _binary_labels(y, "y", lambda: _swap_hint(a, y, "binary_cross_entropy"))
    a = np.clip(a, PROB_CLIP, 1.0 - PROB_CLIP)
    return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a)) / a.shape[1])


def binary_cross_entropy_with_logits(z, y):
    """Cross-entropy cost of a = sigmoid(z), computed from z without forming a.

    z: logits z = w^T x + b, shape (1, m) (or (n, m), m >= 2: outputs summed); finite.
    y: labels 0 or 1, same shape.
    J = (1/m) sum [max(z, 0) - z y + log(1 + e^(-|z|))], finite for |z| up to 1e300.
    Returns J, a float.
    """
    z, y = _pair(z, y, "z", "y", _ROWS)
    _binary_labels(y, "y")
    return _bce_with_logits(z, y)


def softmax_cross_entropy_with_logits(z, y):
    """Softmax cross-entropy cost from logits: J = -(1/m) sum_i log a_{y_i}, a = softmax(z).

    z: logits, shape (k, m) with k >= 2, one example per column; finite.
    y: one-hot labels, shape (k, m): column i has a 1 in the row of example i's class.
    Uses log_softmax, so it stays finite when a probability rounds to 0. Returns J, a float.
    """
    z, y = _pair(z, y, "z", "y", _CLASSES)
    check_one_hot(y, "y")
    return _softmax_ce_with_logits(z, y)


def half_mean_squared_error(a, y):
    """Squared-error cost for a linear output: J = (1/(2m)) sum (a - y)^2.

    a: predictions, shape (1, m) (or (n, m), m >= 2: outputs summed); y: targets, same shape.
    The 1/2 makes the derivative clean: dJ/da = (a - y)/m. Returns J, a float (inf if it
    exceeds the largest float64, for |a - y| beyond about 1e154).
    """
    return _checked_half_mse(a, y, "a")


def _checked_half_mse(a, y, a_name):
    a, y = _pair(a, y, a_name, "y", _ROWS)
    with np.errstate(over="ignore", under="ignore"):  # (a - y)^2 rounds to inf, or to 0
        return _half_mse(a, y)


def output_delta(a, y):
    """dZ[L] = A[L] - Y: the derivative of each example's loss L with respect to its z.

    Holds for sigmoid + binary cross-entropy, softmax + cross-entropy and linear + half
    squared error. a, y: shape (n, m), the same shape (one example of k classes is a column
    (k, 1)); finite. The cost's gradient dJ/dZ[L] is (1/m) of this; like the course,
    backpropagation applies the 1/m when forming dW and db. Returns a new (n, m) array.
    """
    a, y = _pair(a, y, "a", "y", _ANY)
    with np.errstate(over="ignore"):
        return a - y


def cross_entropy(a, y):
    """Cross-entropy cost from softmax probabilities: J = -(1/m) sum_i sum_j y_ji log a_ji.

    a: probabilities, shape (k, m) with k >= 2, each column summing to 1 (within
    SUM_TOLERANCE); y: one-hot labels, same shape.
    a is clipped to at least PROB_CLIP before the log (log 0 is -infinity).
    Prefer softmax_cross_entropy_with_logits when the logits z are at hand. Returns J, a float.
    """
    a, y = _pair(a, y, "a", "y", _CLASSES)
    _check_probabilities(a, "a")
    _check_columns_sum_to_one(a, "a")
    check_one_hot(y, "y")
    return float(-np.sum(y * np.log(np.maximum(a, PROB_CLIP))) / a.shape[1])


_UNCHECKED_COSTS = {"sigmoid": _bce_with_logits, "softmax": _softmax_ce_with_logits,
                    "linear": _half_mse}


def cost_from_logits(z, y, output):
    """The cost J of an output layer from its logits z = Z[L], by the output's name.

    output "sigmoid": z (1, m) (or (n, m), m >= 2), y labels 0/1: binary_cross_entropy_with_logits;
    "softmax": z (k, m), k >= 2, y one-hot columns: softmax_cross_entropy_with_logits;
    "linear": z = A[L] (1, m) (or (n, m), m >= 2), y real targets: half_mean_squared_error.
    Checked as those functions check, the errors naming z and y. Returns J, a float.
    """
    output = check_choice(output, OUTPUTS, "output", what="an output layer's name")
    if output == "sigmoid":
        return binary_cross_entropy_with_logits(z, y)
    if output == "softmax":
        return softmax_cross_entropy_with_logits(z, y)
    return _checked_half_mse(z, y, "z")


def cost_from_logits_unchecked(z, y, output):
    """cost_from_logits(z, y, output) without any check, for arrays checked once before a loop.

    z, y: float64 arrays of one shape (n, m), m >= 1, finite, y holding the labels that
    ``output`` (one of OUTPUTS) needs. Nothing is checked: a wrong shape broadcasts or fails
    inside NumPy, wrong labels give a wrong J. Floating-point events of (z - y)^2 for
    "linear" follow the caller's np.errstate (helpers.network lets an underflow round to 0
    and raises an overflow as a ValueError). Returns J, a float.
    """
    return _UNCHECKED_COSTS[output](z, y)
