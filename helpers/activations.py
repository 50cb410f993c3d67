"""Activation functions g(z) and their derivatives g'(z), as in the lectures.

Every function takes z of any shape (usually Z[l], shape (n[l], m)) and returns a float64
array of the same shape; nothing is mutated. They stay finite and warning-free for |z| up
to 1e4 and beyond:

- sigmoid(z) = 1 / (1 + e^(-z)) is evaluated by the sign of z through e^(-|z|), which
  never overflows (for z >= 0 it is 1 / (1 + e^(-z)); for z < 0 it is e^z / (1 + e^z)).
- softmax subtracts the largest z of each column first; the result is unchanged because
  softmax(z + c) = softmax(z).
- e^(-|z|) may underflow to 0 for |z| > 745; that rounding is the right answer, so the
  underflow flag is silenced locally (np.errstate(under="ignore")).

ReLU has no derivative at exactly z = 0. Like the course's code, ``np.int64(Z > 0)``,
we use relu'(0) = 0, and leaky_relu'(0) = alpha.

ACTIVATIONS maps a name to (g, g') for the hidden-layer choices; GRAD_FROM_OUTPUT gives
g' written with the activation a = g(z) instead, as the lecture writes it
(sigmoid: a(1 - a), tanh: 1 - a^2), which backpropagation uses so it does not recompute g.
softmax is an output layer only: its derivative is handled together with its loss
(dZ = A - Y, see helpers.losses).
"""
import numpy as np

LEAKY_ALPHA = 0.01  # the slope for z < 0 in the lecture's leaky ReLU, a = max(0.01 z, z)


def _as_float(z):
    """z as a float64 array (no copy when it already is one)."""
    return np.asarray(z, dtype=np.float64)


def sigmoid(z):
    """Sigmoid, a = 1 / (1 + e^(-z)), elementwise; values in [0, 1]."""
    z = _as_float(z)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))  # in (0, 1]: no overflow for any z
        return np.where(z >= 0, 1.0, e) / (1.0 + e)


def tanh(z):
    """Hyperbolic tangent, a = (e^z - e^(-z)) / (e^z + e^(-z)), elementwise; values in [-1, 1]."""
    return np.tanh(_as_float(z))


def relu(z):
    """Rectified linear unit, a = max(0, z), elementwise."""
    return np.maximum(_as_float(z), 0.0)


def leaky_relu(z, alpha=LEAKY_ALPHA):
    """Leaky ReLU, a = max(alpha z, z) for 0 < alpha < 1 (the lecture uses alpha = 0.01)."""
    z = _as_float(z)
    return np.where(z > 0, z, alpha * z)


def linear(z):
    """Linear (identity) activation, a = z; returns a new float64 array."""
    return np.array(z, dtype=np.float64)


def softmax(z, axis=0):
    """Softmax along ``axis``: a_i = e^(z_i) / sum_j e^(z_j).

    z: logits, shape (k, m) with one example per column (axis=0, the default).
    Returns probabilities of the same shape; each column sums to 1.
    """
    z = _as_float(z)
    shifted = z - np.max(z, axis=axis, keepdims=True)  # largest entry becomes 0: e^0 = 1
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=0):
    """log(softmax(z)) computed without taking the log of a rounded-to-zero probability.

    log a_i = (z_i - max z) - log(sum_j e^(z_j - max z)); finite for finite z.
    z: logits, shape (k, m) (axis=0). Returns the same shape, values <= 0.
    """
    z = _as_float(z)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    with np.errstate(under="ignore"):
        return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def sigmoid_grad(z):
    """d/dz sigmoid(z) = a (1 - a) with a = sigmoid(z); at most 1/4 (at z = 0)."""
    a = sigmoid(z)
    return a * (1.0 - a)


def tanh_grad(z):
    """d/dz tanh(z) = 1 - a^2 with a = tanh(z); at most 1 (at z = 0)."""
    a = np.tanh(_as_float(z))
    return 1.0 - a * a


def relu_grad(z):
    """d/dz relu(z) = 1 for z > 0, 0 for z < 0; we use 0 at z = 0 (the course's convention)."""
    return (_as_float(z) > 0).astype(np.float64)


def leaky_relu_grad(z, alpha=LEAKY_ALPHA):
    """d/dz leaky_relu(z) = 1 for z > 0, alpha for z < 0; we use alpha at z = 0."""
    return np.where(_as_float(z) > 0, 1.0, alpha)


def linear_grad(z):
    """d/dz z = 1 everywhere."""
    return np.ones_like(_as_float(z))


# name -> (g, g') with g' taking z. Used for hidden layers; leaky_relu uses LEAKY_ALPHA.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "linear": (linear, linear_grad),
}

# name -> g' written with a = g(z) (same values as ACTIVATIONS' g'(z), z = 0 included:
# a > 0 exactly when z > 0 for relu and leaky_relu). Backpropagation caches a, so it uses these.
GRAD_FROM_OUTPUT = {
    "sigmoid": lambda a: a * (1.0 - a),
    "tanh": lambda a: 1.0 - a * a,
    "relu": lambda a: (a > 0).astype(np.float64),
    "leaky_relu": lambda a: np.where(a > 0, 1.0, LEAKY_ALPHA),
    "linear": lambda a: np.ones_like(a),
}
