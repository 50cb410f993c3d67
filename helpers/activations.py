"""Activation functions g(z) and their derivatives g'(z), as in the lectures.

Inputs (the policy of helpers.shapes): z is an array-like of real numbers of any shape, a
Python number included (usually Z[l], shape (n[l], m)). It is converted to float64 and never
mutated; the result has z's shape. None, strings, complex numbers and object arrays are
refused with TypeError, NaN with ValueError, both naming z. The elementwise functions take
+-inf and return the limit there (sigmoid(inf) = 1, sigmoid_grad(inf) = 0, relu(inf) = inf);
softmax and log_softmax need finite z and at least one entry along ``axis``. leaky_relu's
alpha is a real number in [0, 1] (alpha = 0 is ReLU).

Numerics: finite and warning-free for every finite z (|z| up to 1.8e308):
- sigmoid(z) = 1 / (1 + e^(-z)) goes through e = e^(-|z|), which never overflows (for z >= 0
  it is 1 / (1 + e); for z < 0 it is e / (1 + e)).
- sigmoid'(z) = 1 / (4 cosh^2(z/2)) and tanh'(z) = 1 / cosh^2(z): the same values as
  a(1 - a) and 1 - a^2, without their cancellation (1 - a rounds to 0 once sigmoid(z)
  rounds to 1, at z = 37), so they keep their relative accuracy (a few roundings) for
  large |z|, and never exceed 1/4 and 1.
- softmax subtracts the largest z of each column first; the result is unchanged because
  softmax(z + c) = softmax(z). log_softmax never returns below -1.8e308, the most
  negative float64 (reached only when one column's logits span more than that).
- e^(-|z|) may underflow to 0 for |z| > 745 (and alpha z, or a probability, below 1e-308);
  that rounding is the right answer, so the underflow flag is silenced locally
  (np.errstate(under="ignore")).

ReLU has no derivative at exactly z = 0. Like the course's code, ``np.int64(Z > 0)``,
we use relu'(0) = 0, and leaky_relu'(0) = alpha.

Flat units, saturation: one definition for every lesson, explorer and helper. A unit is
*flat* where its slope is below 1 % of the largest slope its g has, g'(z) < flat_slope(name):
it then passes back less than 1 % of the gradient it passes at its steepest. A flat sigmoid
or tanh unit is *saturated* (for tanh |z| > 2.99, i.e. |a| > 0.995; for sigmoid |z| > 5.99,
twice as far because tanh(z) = 2 sigmoid(2z) - 1); a flat ReLU unit is *off* (z <= 0: a = 0,
g' = 0); leaky ReLU with the lecture's alpha = 0.01 and linear units are never flat.

ACTIVATIONS maps a name to (g, g') for the hidden-layer choices; GRAD_FROM_OUTPUT gives
g' written with the activation a = g(z) instead, as the lecture writes it, which
backpropagation uses so it does not recompute g (a is checked like z). softmax is an
output layer only: its derivative is handled together with its loss (dZ = A - Y, see
helpers.losses).

Unchecked: the same formulas without the checks, for code that checks its arrays once and
then calls g thousands of times (helpers.network's training loop, a figure's curve).
activation_functions(name, alpha) returns g and g' of z, grad_from_output_function(name,
alpha) g' of a, and softmax_unchecked / log_softmax_unchecked take z and axis; they expect
a float64 array without NaN (finite z and a valid axis for the softmax), never check it and
never convert it. Only their name and alpha are checked, once, like everywhere else. An
underflow in the lecture's a (1 - a) and 1 - a^2 follows the caller's np.errstate (NumPy's
default, and helpers.network's, let it round to 0).

Public API (``from helpers import activations as act``):
    sigmoid(z)  tanh(z)  relu(z)  leaky_relu(z, alpha=LEAKY_ALPHA)  linear(z)     a = g(z)
    sigmoid_grad(z)  tanh_grad(z)  relu_grad(z)  leaky_relu_grad(z, alpha)  linear_grad(z)
                                                    g'(z), the derivative at z
    softmax(z, axis=0)       probabilities along axis: each column of z (k, m) sums to 1
    log_softmax(z, axis=0)   log(softmax(z)), finite for every finite z
    ACTIVATIONS              name -> (g, g'); "sigmoid" "tanh" "relu" "leaky_relu" "linear"
    GRAD_FROM_OUTPUT         name -> g' written with a = g(z): sigmoid a(1 - a), tanh 1 - a^2
    activation_functions(name, alpha=None)   (g, g') of z without checks (see "Unchecked")
    grad_from_output_function(name, alpha=None)  g' written with a, without checks
    softmax_unchecked(z, axis=0)  log_softmax_unchecked(z, axis=0)   the same, no checks
    LEAKY_ALPHA = 0.01       the lecture's slope of leaky ReLU for z < 0
    FLAT_SLOPE = 0.01        a unit is flat where g'(z) < 1 % of g's largest slope
    flat_slope(name)         that slope for g: sigmoid 0.0025 (its peak is 1/4), the others 0.01
    saturation_z(name)       |z| beyond which sigmoid (5.99) and tanh (2.99) are flat; else None
"""
import math

import numpy as np

from helpers.shapes import ShapeError, as_array, check_choice, check_finite, check_real

__all__ = [
    "sigmoid", "tanh", "relu", "leaky_relu", "linear",
    "sigmoid_grad", "tanh_grad", "relu_grad", "leaky_relu_grad", "linear_grad",
    "softmax", "log_softmax",
    "ACTIVATIONS", "GRAD_FROM_OUTPUT", "LEAKY_ALPHA",
    "FLAT_SLOPE", "flat_slope", "saturation_z",
    "activation_functions", "grad_from_output_function", "softmax_unchecked",
    "log_softmax_unchecked",
]

LEAKY_ALPHA = 0.01  # the slope for z < 0 in the lecture's leaky ReLU, a = max(0.01 z, z)
FLAT_SLOPE = 0.01   # a unit is flat where g'(z) < FLAT_SLOPE * g's largest slope
_MAX_SLOPE = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "leaky_relu": 1.0, "linear": 1.0}
_FLOAT_MAX = np.finfo(np.float64).max  # 1.8e308: log_softmax's floor


# ---- checks (once, on entry) ----------------------------------------------------------

def _real(z, name="z"):
    """z as a float64 array; TypeError for non-numbers, ValueError for NaN (names ``name``)."""
    z = as_array(z, name)
    if np.isnan(z).any():
        bad = int(np.count_nonzero(np.isnan(z)))
        raise ValueError(f"{name} has {bad} NaN value(s) in shape {z.shape}; expected real "
                         f"numbers (a NaN usually comes from an earlier step: 0/0, inf - inf)")
    return z


def _alpha(alpha):
    return check_real(alpha, "alpha", 0.0, 1.0)


def _logits(z, axis):
    """z (finite) and axis checked for softmax along ``axis``."""
    z = check_finite(as_array(z, "z"), "z")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be a whole number (0: along each column), got {axis!r}")
    if z.ndim == 0:
        raise ShapeError("z has shape (), a single number; softmax needs an axis of logits, "
                         "e.g. a column of k logits, shape (k, 1)")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be between {-z.ndim} and {z.ndim - 1} for z of shape "
                         f"{z.shape}, got {axis}")
    if z.shape[axis] == 0:
        raise ShapeError(f"z has shape {z.shape}: no logits along axis {axis}, expected at "
                         f"least one (one per class)")
    return z, int(axis)


def _check_name(name):
    """An activation's name of ACTIVATIONS (TypeError / ValueError naming ``name``)."""
    return check_choice(name, ACTIVATIONS, "name", what="an activation's name")  # defined below


# ---- unchecked cores: float64 arrays in; the public functions check, then call these ----

def _sigmoid(z):
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))  # in (0, 1]: no overflow for any z
        return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _sigmoid_grad(z):
    with np.errstate(over="ignore", under="ignore"):  # cosh is inf beyond |z| = 1420: slope 0
        c = np.cosh(0.5 * z)
        return 0.25 / (c * c)


def _tanh_grad(z):
    with np.errstate(over="ignore", under="ignore"):
        c = np.cosh(z)
        return 1.0 / (c * c)


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    return (z > 0).astype(np.float64)


def _leaky_relu(z, alpha):
    if alpha == 0.0:
        return np.where(z > 0, z, 0.0)  # ReLU, without 0 * (-inf)
    with np.errstate(under="ignore"):  # alpha times a tiny z may round to 0
        return np.where(z > 0, z, alpha * z)


def _leaky_relu_grad(z, alpha):
    return np.where(z > 0, 1.0, alpha)


def _linear(z):
    return np.array(z, dtype=np.float64)


def _shifted(z, axis):
    """z - max along axis, at least -1.8e308 (a span beyond that would overflow)."""
    with np.errstate(over="ignore"):
        return np.maximum(z - np.max(z, axis=axis, keepdims=True), -_FLOAT_MAX)


def softmax_unchecked(z, axis=0):
    """softmax(z, axis) without its checks: z a finite float64 array, axis one of its axes.

    For loops over logits checked once (helpers.network's forward pass). Same numbers as
    softmax; a NaN, an empty axis or a bad axis gives NaN or NumPy's error, not a message.
    """
    shifted = _shifted(z, axis)  # largest entry becomes 0: e^0 = 1
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
        return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax_unchecked(z, axis=0):
    """log_softmax(z, axis) without its checks: z a finite float64 array, axis one of its axes.

    For costs computed on logits checked once (helpers.losses.cost_from_logits_unchecked).
    log sum_k e^(z_k) = max + log(1 + r), r the sum of e^(z_k - max) over the other entries,
    computed with log1p: a winning class's log-probability -log(1 + e^-40) stays
    -4.2e-18 instead of rounding to log(1) = 0.
    """
    shifted = _shifted(z, axis)
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
        np.put_along_axis(e, np.argmax(shifted, axis=axis, keepdims=True), 0.0, axis=axis)  # the max's 1
        return shifted - np.log1p(np.sum(e, axis=axis, keepdims=True))


# ---- activations g(z) -----------------------------------------------------------------

def sigmoid(z):
    """Sigmoid, a = 1 / (1 + e^(-z)), elementwise; values in [0, 1]."""
    return _sigmoid(_real(z))


def tanh(z):
    """Hyperbolic tangent, a = (e^z - e^(-z)) / (e^z + e^(-z)), elementwise; values in [-1, 1]."""
    z = _real(z)
    with np.errstate(under="ignore"):  # tanh(z) = z for a tiny z, which some libraries flag
        return np.tanh(z)


def relu(z):
    """Rectified linear unit, a = max(0, z), elementwise."""
    return _relu(_real(z))


def leaky_relu(z, alpha=LEAKY_ALPHA):
    """Leaky ReLU, a = max(alpha z, z) for 0 <= alpha <= 1 (the lecture uses alpha = 0.01)."""
    return _leaky_relu(_real(z), _alpha(alpha))


def linear(z):
    """Linear (identity) activation, a = z; returns a new float64 array."""
    return _linear(_real(z))


def softmax(z, axis=0):
    """Softmax along ``axis``: a_i = e^(z_i) / sum_j e^(z_j).

    z: logits, shape (k, m) with one example per column (axis=0, the default); finite.
    Returns probabilities of the same shape; each column sums to 1.
    """
    return softmax_unchecked(*_logits(z, axis))


def log_softmax(z, axis=0):
    """log(softmax(z)) computed without taking the log of a rounded-to-zero probability.

    log a_i = (z_i - max z) - log(sum_j e^(z_j - max z)); finite for finite z (never below
    -1.8e308, the most negative float64), and accurate when the winning class's probability
    rounds to 1 (the log of the sum is taken with log1p). z: logits, shape (k, m) (axis=0).
    Returns the same shape, values <= 0.
    """
    return log_softmax_unchecked(*_logits(z, axis))


# ---- derivatives g'(z) ----------------------------------------------------------------

def sigmoid_grad(z):
    """d/dz sigmoid(z) = a (1 - a) with a = sigmoid(z); at most 1/4 (at z = 0).

    Computed as 1 / (4 cosh^2(z/2)), which equals a (1 - a) without its cancellation:
    sigmoid_grad(40) = 4.25e-18, where a (1 - a) rounds to 0.
    """
    return _sigmoid_grad(_real(z))


def tanh_grad(z):
    """d/dz tanh(z) = 1 - a^2 with a = tanh(z); at most 1 (at z = 0).

    Computed as 1 / cosh^2(z), which equals 1 - a^2 and stays accurate for large |z|.
    """
    return _tanh_grad(_real(z))


def relu_grad(z):
    """d/dz relu(z) = 1 for z > 0, 0 for z < 0; we use 0 at z = 0 (the course's convention)."""
    return _relu_grad(_real(z))


def leaky_relu_grad(z, alpha=LEAKY_ALPHA):
    """d/dz leaky_relu(z) = 1 for z > 0, alpha for z < 0; we use alpha at z = 0."""
    z = _real(z)
    return _leaky_relu_grad(z, _alpha(alpha))


def linear_grad(z):
    """d/dz z = 1 everywhere."""
    return np.ones_like(_real(z))


# name -> (g, g') with g' taking z. Used for hidden layers; leaky_relu uses LEAKY_ALPHA.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "linear": (linear, linear_grad),
}


# g' written with a = g(z) (same values as ACTIVATIONS' g'(z), z = 0 included: a > 0
# exactly when z > 0 for relu and leaky_relu). Backpropagation caches a, so it uses these.
_UNCHECKED_GRAD_FROM_OUTPUT = {
    "sigmoid": lambda a: a * (1.0 - a),
    "tanh": lambda a: 1.0 - a * a,
    "relu": _relu_grad,
    "leaky_relu": lambda a: _leaky_relu_grad(a, LEAKY_ALPHA),
    "linear": np.ones_like,
}


def _from_output(name):
    core = _UNCHECKED_GRAD_FROM_OUTPUT[name]

    def grad_from_output(a):
        a = _real(a, "a")
        with np.errstate(under="ignore"):  # a^2 of a tiny a rounds to 0
            return core(a)

    grad_from_output.__name__ = f"{name}_grad_from_output"
    grad_from_output.__qualname__ = grad_from_output.__name__
    grad_from_output.__doc__ = f"g'(z) of {name} written with its output a = g(z) (any shape)."
    return grad_from_output


GRAD_FROM_OUTPUT = {name: _from_output(name) for name in _UNCHECKED_GRAD_FROM_OUTPUT}


# ---- flat units: where g' is nearly 0 (saturated sigmoid / tanh, ReLU off) --------------

def flat_slope(name):
    """The slope below which a unit with activation ``name`` counts as flat.

    FLAT_SLOPE (1 %) of g's largest slope: 0.0025 for sigmoid (whose slope peaks at 1/4,
    at z = 0), 0.01 for tanh, relu, leaky_relu and linear (peak 1). A unit is flat where
    g'(z) < flat_slope(name): saturated for sigmoid and tanh, off (z <= 0) for ReLU.
    """
    return FLAT_SLOPE * _MAX_SLOPE[_check_name(name)]


def saturation_z(name):
    """|z| beyond which a sigmoid or tanh unit is saturated (flat); None for the others.

    tanh:    g' = 1 - a^2 < 0.01     <=>  |a| > sqrt(0.99) = 0.995  <=>  |z| > arcosh(10) = 2.993
    sigmoid: g' = a (1 - a) < 0.0025 <=>  a < 0.0025 or a > 0.9975  <=>  |z| > 2 arcosh(10) = 5.986
    (1 / cosh^2(z) = FLAT_SLOPE gives cosh(z) = 10; the sigmoid's is twice as far, since
    tanh(z) = 2 sigmoid(2z) - 1.) ReLU is flat for z <= 0, leaky ReLU and linear never:
    they return None. name: one of ACTIVATIONS' names.
    """
    _check_name(name)
    if name not in ("sigmoid", "tanh"):
        return None
    edge = math.acosh(1.0 / math.sqrt(FLAT_SLOPE))  # tanh'(z) = 1 / cosh^2(z) = FLAT_SLOPE
    return 2.0 * edge if name == "sigmoid" else edge


# ---- without checks: for code that has checked its arrays once ---------------------------

# name -> (g, g'), both of z, for leaky ReLU with LEAKY_ALPHA (the table ACTIVATIONS checks).
_UNCHECKED_ACTIVATIONS = {
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "tanh": (np.tanh, _tanh_grad),
    "relu": (_relu, _relu_grad),
    "leaky_relu": (lambda z: _leaky_relu(z, LEAKY_ALPHA), lambda z: _leaky_relu_grad(z, LEAKY_ALPHA)),
    "linear": (_linear, np.ones_like),
}


def _checked_alpha(alpha):
    """alpha checked (a real in [0, 1]) when given; LEAKY_ALPHA when None."""
    return LEAKY_ALPHA if alpha is None else _alpha(alpha)


def activation_functions(name, alpha=None):
    """(g, g'): the activation ``name`` and its derivative, both functions of z, without checks.

    name: one of ACTIVATIONS' names, checked. alpha: leaky ReLU's slope for z < 0, a real in
    [0, 1] (None: LEAKY_ALPHA), checked and ignored by the other activations.
    g and g' take a float64 array z (any shape, no NaN; usually Z[l], (n[l], m)) and return
    arrays of its shape; they do not check or convert z (check it once, e.g. with
    helpers.shapes.as_array, before a loop). Same numbers as ACTIVATIONS[name], which checks
    z on every call.
    """
    _check_name(name)
    alpha = _checked_alpha(alpha)
    if name == "leaky_relu" and alpha != LEAKY_ALPHA:
        return (lambda z: _leaky_relu(z, alpha)), (lambda z: _leaky_relu_grad(z, alpha))
    return _UNCHECKED_ACTIVATIONS[name]


def grad_from_output_function(name, alpha=None):
    """g' written with the output a = g(z) (as GRAD_FROM_OUTPUT[name]), without checks.

    name: one of ACTIVATIONS' names; alpha: as in activation_functions (leaky ReLU only).
    The function takes a float64 array a = g(z) (any shape, no NaN; usually A[l]) and
    returns g'(z), same shape: sigmoid a (1 - a), tanh 1 - a^2, relu 1 where a > 0, ...
    It does not check a: backpropagation calls it on the A[l] forward computed.
    """
    _check_name(name)
    alpha = _checked_alpha(alpha)
    if name == "leaky_relu" and alpha != LEAKY_ALPHA:
        return lambda a: _leaky_relu_grad(a, alpha)
    return _UNCHECKED_GRAD_FROM_OUTPUT[name]
