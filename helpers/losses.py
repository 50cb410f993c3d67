"""Losses L(a, y) and the cost J = (1/m) sum over the m examples, as in the lectures.

Examples are columns: a and y have shape (n, m), usually (1, m) for binary labels and
(k, m) with one-hot columns for k classes. Each cost function returns J as a Python float.
When n > 1 the losses of a column's n outputs are added, then averaged over the m columns.

From probabilities:   binary_cross_entropy(a, y)
From logits z:        binary_cross_entropy_with_logits(z, y)    (a = sigmoid(z))
                      softmax_cross_entropy_with_logits(z, y)   (a = softmax(z))
Regression:           half_mean_squared_error(a, y)

The "with_logits" forms never take log(0): for the sigmoid,
    L = -y log a - (1 - y) log(1 - a) = max(z, 0) - z y + log(1 + e^(-|z|)),
and for the softmax they use log_softmax. Prefer them whenever z is at hand.

binary_cross_entropy's policy at a = 0 or a = 1: a wrong certain prediction (a = 0 with
y = 1, or a = 1 with y = 0) has an infinite loss in exact arithmetic; we clip a to
[PROB_CLIP, 1 - PROB_CLIP] first, so such an example costs about -log(1e-12) = 27.6.

For each pairing of output layer and cost in this module, the derivative of an example's
loss with respect to its z is the same simple expression, dZ[L] = A[L] - Y (output_delta).
"""
import numpy as np

from helpers.activations import log_softmax
from helpers.shapes import ShapeError, as_array, check_finite, check_shape

PROB_CLIP = 1e-12  # binary_cross_entropy clips a to [PROB_CLIP, 1 - PROB_CLIP] before log


def _pair(a, y, a_name, y_name):
    """Both arguments as float64 2-D arrays of one shape, finite; errors name the argument."""
    a = as_array(a, a_name)
    y = as_array(y, y_name)
    check_shape(a, (None, None), a_name)
    check_shape(y, (None, None), y_name)
    if y.shape != a.shape:
        raise ShapeError(f"{y_name} has shape {y.shape} but {a_name} has shape {a.shape}: "
                         f"they must match, one example per column")
    check_finite(a, a_name)
    check_finite(y, y_name)
    return a, y


def check_binary_labels(y, name="y"):
    """Raise ValueError naming ``name`` unless every entry of y is 0 or 1."""
    bad = (y != 0) & (y != 1)
    if np.any(bad):
        values = np.unique(y[bad])[:5]
        raise ValueError(f"{name} must hold labels 0 or 1 only; found {values.tolist()} "
                         f"(for k classes use one-hot columns with a softmax output)")


def check_one_hot(y, name="y"):
    """Raise ValueError naming ``name`` unless each column of y (k, m) is one-hot."""
    check_binary_labels(y, name)
    sums = np.sum(y, axis=0)
    if np.any(sums != 1):
        col = int(np.flatnonzero(sums != 1)[0])
        raise ValueError(f"{name} must be one-hot: each column holds exactly one 1; "
                         f"column {col} holds {int(sums[col])}")


def _check_probabilities(a, name):
    bad = (a < 0) | (a > 1)
    if np.any(bad):
        i = np.unravel_index(np.flatnonzero(bad)[0], a.shape)
        raise ValueError(f"{name} must hold probabilities in [0, 1]; "
                         f"found {a[i]:g} at index {tuple(int(k) for k in i)}")


def binary_cross_entropy(a, y):
    """Cross-entropy cost from probabilities: J = -(1/m) sum [y log a + (1 - y) log(1 - a)].

    a: predicted probabilities P(y = 1 | x), shape (1, m) (or (n, m): outputs summed).
    y: labels 0 or 1, same shape.
    a is clipped to [PROB_CLIP, 1 - PROB_CLIP] (the exact loss at a wrong a = 0 or 1 is
    infinite). Returns J, a float.
    """
    a, y = _pair(a, y, "a", "y")
    _check_probabilities(a, "a")
    check_binary_labels(y, "y")
    a = np.clip(a, PROB_CLIP, 1.0 - PROB_CLIP)
    return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a)) / a.shape[1])


def _bce_with_logits(z, y):
    """Unchecked: (1/m) sum [max(z, 0) - z y + log(1 + e^(-|z|))]."""
    with np.errstate(under="ignore"):
        loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.sum(loss) / z.shape[1])


def binary_cross_entropy_with_logits(z, y):
    """Cross-entropy cost of a = sigmoid(z), computed from z without forming a.

    z: logits z = w^T x + b, shape (1, m) (or (n, m): outputs summed).
    y: labels 0 or 1, same shape.
    J = (1/m) sum [max(z, 0) - z y + log(1 + e^(-|z|))], finite for every finite z.
    Returns J, a float.
    """
    z, y = _pair(z, y, "z", "y")
    check_binary_labels(y, "y")
    return _bce_with_logits(z, y)


def _softmax_ce_with_logits(z, y):
    """Unchecked: -(1/m) sum_i sum_j y_ji log softmax(z)_ji."""
    return float(-np.sum(y * log_softmax(z, axis=0)) / z.shape[1])


def softmax_cross_entropy_with_logits(z, y):
    """Softmax cross-entropy cost from logits: J = -(1/m) sum_i log a_{y_i}, a = softmax(z).

    z: logits, shape (k, m), one example per column.
    y: one-hot labels, shape (k, m): column i has a 1 in the row of example i's class.
    Uses log_softmax, so it stays finite when a probability rounds to 0. Returns J, a float.
    """
    z, y = _pair(z, y, "z", "y")
    check_one_hot(y, "y")
    return _softmax_ce_with_logits(z, y)


def _half_mse(a, y):
    """Unchecked: (1/(2m)) sum (a - y)^2."""
    d = a - y
    return float(np.sum(d * d) / (2 * a.shape[1]))


def half_mean_squared_error(a, y):
    """Squared-error cost for a linear output: J = (1/(2m)) sum (a - y)^2.

    a: predictions, shape (1, m) (or (n, m): outputs summed); y: targets, same shape.
    The 1/2 makes the derivative clean: dJ/da = (a - y)/m. Returns J, a float.
    """
    a, y = _pair(a, y, "a", "y")
    return _half_mse(a, y)


def output_delta(a, y):
    """dZ[L] = A[L] - Y: the derivative of each example's loss L with respect to its z.

    Holds for sigmoid + binary cross-entropy, softmax + cross-entropy and linear + half
    squared error. a, y: shape (n, m). The cost's gradient dJ/dZ[L] is (1/m) of this;
    like the course, backpropagation applies the 1/m when forming dW and db.
    """
    a, y = _pair(a, y, "a", "y")
    return a - y


def cross_entropy(a, y):
    """Cross-entropy cost from softmax probabilities: J = -(1/m) sum_i sum_j y_ji log a_ji.

    a: probabilities, shape (k, m), each column summing to 1; y: one-hot labels, same shape.
    a is clipped to at least PROB_CLIP before the log (log 0 is -infinity).
    Prefer softmax_cross_entropy_with_logits when the logits z are at hand. Returns J, a float.
    """
    a, y = _pair(a, y, "a", "y")
    _check_probabilities(a, "a")
    check_one_hot(y, "y")
    return float(-np.sum(y * np.log(np.maximum(a, PROB_CLIP))) / a.shape[1])
