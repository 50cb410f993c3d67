"""What a deep stack of layers does to its signal at initialization (course 2 week 1, 1.10-1.11).

The experiment of the initialization lesson and its explorer: L dense layers, all with the
same activation g, fed standard-normal inputs, looked at before any training:

    A[0] = X, shape (n[0], m), entries drawn from N(0, 1);
    Z[l] = W[l] A[l-1]  (the biases b[l] = 0),   A[l] = g(Z[l]),   l = 1, ..., L,

with W[l] = G[l] * std[l], G[l] standard normal and std[l] = init_std(method, n[l-1], n[l],
scale): exactly the weights helpers.initializers.initialize(layer_dims, method, scale, seed)
returns. One backward pass needs a cost; we put a random linear read-out on top,

    J = (1/m) sum_i r(i) . a[L](i),   R = [r(1), ..., r(m)] of shape (n[L], m) drawn from
                                      N(0, 1) and rescaled so that mean(R^2) = 1 exactly,

whose only job is to start backpropagation with an upstream gradient dA[L] = R of mean
square 1 that, like a real error signal a - y, differs from example to example.
As in the course's code, dZ[l] is the per-example gradient (m dJ/dZ[l]):

    dZ[L] = R * g'(Z[L]),   dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1]),   dW[l] = (1/m) dZ[l] A[l-1]^T.

layer_statistics measures, per layer, the mean and std of A[l], the share of flat units
(slope g'(z) below helpers.activations.flat_slope(g), 1 % of g's largest slope: saturated
tanh/sigmoid, ReLU units that are off), the root mean square of dZ[l], the norm of dW[l]
and histograms of A[l].
predicted_statistics gives the same curves from the variance argument of lecture 1.11,
applied layer after layer with the weights' mean 0:

    Var(z[l]) = n[l-1] Var(w[l]) E[(a[l-1])^2],   E[(dA[l-1])^2] = n[l] Var(w[l]) E[(dZ[l])^2],

the averages over g taken for z ~ N(0, Var(z[l])): in closed form for linear and ReLU
(E[relu(z)^2] = Var(z)/2, where He's factor 2 comes from), numerically for tanh and
sigmoid (or, with small_signal=True, with the straight line g(z) ~ g(0) + g'(0) z, the
approximation behind Xavier's 1/n). The backward formula also treats dA and Z as
independent, the usual mean-field simplification.

Arguments follow helpers.shapes' policy: layer_dims is [n[0], ..., n[L]] of whole numbers
>= 1 (helpers.initializers.check_layer_dims), activation a name of ACTIVATIONS, scale a
finite real > 0, n_examples a whole number >= 1, seed a whole number >= 0, bins at least
two finite, increasing, equally spaced edges, draws what standard_draws returned for these
layer sizes. A scale so large that the signal overflows float64 is refused by name too.

Public API
    standard_draws(layer_dims, n_examples, seed=0, dtype=np.float64)   X, G[l], R: a Draws
    layer_statistics(layer_dims, activation, method="he", scale=1.0, n_examples=1000,
                     seed=0, *, bins=None, weight_gradients=True, draws=None,
                     scaled_products=False, float32_products=False)
                                                        measured per-layer numbers: LayerStats
    predicted_statistics(layer_dims, activation, method="he", scale=1.0, *,
                         n_examples=None, small_signal=False)
                                                        the variance argument: PredictedStats
    Draws, LayerStats, PredictedStats                   the named tuples returned
"""
import math
from typing import NamedTuple, Optional

import numpy as np

from helpers.activations import ACTIVATIONS, GRAD_FROM_OUTPUT, LEAKY_ALPHA, flat_slope
from helpers.initializers import check_layer_dims, init_std
from helpers.shapes import (ShapeError, as_array, check_choice, check_count, check_examples,
                            check_finite, check_flag, check_positive, check_seed, check_shape)

__all__ = ["Draws", "LayerStats", "PredictedStats", "layer_statistics",
           "predicted_statistics", "standard_draws"]

_DATA_STREAM = 1  # X and R come from default_rng([seed, _DATA_STREAM]); the weights from default_rng(seed)

# E[f(z)] for even f and z ~ N(0, q) is 2 * integral_0^inf f(sqrt(q) x) phi(x) dx. A grid
# that is logarithmic in x resolves f's change near x ~ 1/sqrt(q) for every q from tiny to
# huge. Trapezoid weights on it, normalised to sum to 1 (so that E[1] = 1 exactly), give
# averages accurate to about 1e-6 here.
_X = np.concatenate([[0.0], np.logspace(-16, math.log10(12.0), 4000)])
_STEPS = np.diff(_X)
_WEIGHTS = np.exp(-0.5 * _X**2) * (np.append(_STEPS, 0.0) + np.insert(_STEPS, 0, 0.0))
_WEIGHTS /= _WEIGHTS.sum()


class Draws(NamedTuple):
    """The random numbers of one experiment: inputs X (n[0], m), the standard-normal
    matrices G = [G1 (n[1], n[0]), ..., GL] with W[l] = std[l] * G[l], and the read-out
    R (n[L], m), mean(R^2) = 1."""

    X: np.ndarray
    G: list
    R: np.ndarray


class LayerStats(NamedTuple):
    """Measured per-layer statistics; every array has one entry per layer l = 1, ..., L.

    layers: [1, ..., L]. mean, std: of the entries of A[l]. zero_fraction: share of A[l]
    that is exactly 0. flat_fraction: share of (unit, example) pairs with g'(z) <
    flat_slope(activation) (helpers.activations: 1 % of g's largest slope). grad_rms: root
    mean square of dZ[l]. dW_norm: Frobenius norm ||dW[l]|| (None when not computed).
    hist: (L, len(edges) - 1), the share of all entries of A[l] in each bin (the last bin
    includes its right edge), exact zeros left out (they are zero_fraction); outside:
    (L, 2), the shares below the first edge and above the last one; both None without
    bins. edges: the bin edges.
    """

    layers: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    zero_fraction: np.ndarray
    flat_fraction: np.ndarray
    grad_rms: np.ndarray
    dW_norm: Optional[np.ndarray]
    hist: Optional[np.ndarray]
    outside: Optional[np.ndarray]
    edges: Optional[np.ndarray]


class PredictedStats(NamedTuple):
    """The variance argument's per-layer predictions (one entry per layer): z_var =
    Var(z[l]); mean, std of a[l]; grad_rms, the root mean square of dZ[l]; dW_norm, the
    typical ||dW[l]|| for m examples (None when m was not given)."""

    layers: np.ndarray
    z_var: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    grad_rms: np.ndarray
    dW_norm: Optional[np.ndarray]


# ---- checks ---------------------------------------------------------------------------

def _stds(dims, method, scale):
    return [init_std(method, dims[l - 1], dims[l], scale) for l in range(1, len(dims))]


# ---- the random numbers ---------------------------------------------------------------

def standard_draws(layer_dims, n_examples, seed=0, dtype=np.float64):
    """Draw the experiment's random numbers once (a caller may reuse them for every scheme).

    layer_dims: [n[0], n[1], ..., n[L]]; n_examples: m >= 1; seed: a whole number >= 0.
    G[l] are the numbers initialize(layer_dims, method, scale, seed) multiplies by its std,
    drawn in the same order from np.random.default_rng(seed); X (n[0], m) and R (n[L], m)
    come from np.random.default_rng([seed, 1]). A deeper stack of the same width
    starts with the same matrices. dtype: np.float64 (the default) or np.float32, which
    keeps G[l] rounded to float32 (for layer_statistics' float32_products; half the
    memory, and each matrix is drawn into one reused float64 buffer first). Returns a
    Draws.
    """
    dims = check_layer_dims(layer_dims)
    m = check_count(n_examples, "n_examples")
    seed = check_seed(seed)
    if dtype not in (np.float64, np.float32):
        raise TypeError(f"dtype must be np.float64 or np.float32; got {dtype!r}")
    weights_rng = np.random.default_rng(seed)
    if dtype == np.float64:
        G = [weights_rng.standard_normal((dims[l], dims[l - 1])) for l in range(1, len(dims))]
    else:
        scratch = np.empty(max(dims[l] * dims[l - 1] for l in range(1, len(dims))))
        G = []
        for l in range(1, len(dims)):
            drawn = scratch[:dims[l] * dims[l - 1]].reshape(dims[l], dims[l - 1])
            G.append(weights_rng.standard_normal(out=drawn).astype(np.float32))
    data_rng = np.random.default_rng([seed, _DATA_STREAM])
    X = data_rng.standard_normal((dims[0], m))
    R = data_rng.standard_normal((dims[-1], m))
    R /= np.sqrt(np.mean(R * R))
    return Draws(X, G, R)


def _check_draws(draws, dims, dtype=np.float64):
    if not isinstance(draws, Draws):
        raise TypeError(f"draws must be what standard_draws() returns; got {type(draws).__name__}")
    if not isinstance(draws.G, (list, tuple)):
        raise TypeError(f"draws.G must be a list of weight matrices, got {type(draws.G).__name__}")
    if len(draws.G) != len(dims) - 1:
        raise ValueError(f"draws hold {len(draws.G)} weight matrices but layer_dims {dims} "
                         f"has {len(dims) - 1} layers")
    named = [("draws.X", draws.X)] + [(f"draws.G[{l}]", G) for l, G in enumerate(draws.G)]
    named.append(("draws.R", draws.R))
    arrays = {name: check_finite(as_array(a, name), name) for name, a in named
              if not name.startswith("draws.G")}
    for l, G in enumerate(draws.G):  # float32 weights stay float32 for float32 products
        if dtype == np.float32 and isinstance(G, np.ndarray) and G.dtype == np.float32:
            arrays[f"draws.G[{l}]"] = check_finite(G, f"draws.G[{l}]")
        else:
            G = check_finite(as_array(G, f"draws.G[{l}]"), f"draws.G[{l}]")
            arrays[f"draws.G[{l}]"] = G.astype(dtype, copy=False)
    X, R = arrays["draws.X"], arrays["draws.R"]
    check_shape(X, (dims[0], None), "draws.X")
    check_examples(X.shape[1], "draws.X")
    G = [check_shape(arrays[f"draws.G[{l - 1}]"], (dims[l], dims[l - 1]), f"draws.G[{l - 1}]")
         for l in range(1, len(dims))]
    check_shape(R, (dims[-1], X.shape[1]), "draws.R")
    return Draws(X, G, R)


def _overflow(what, l, scale):
    return ValueError(f"scale = {scale!r} is too large for this stack: {what} of layer {l} "
                      f"overflow float64 (beyond 1e308); use a smaller scale or fewer layers")


# ---- measuring ----------------------------------------------------------------------

class _Scaled:
    """std * G without forming it: ``@`` and ``.T @`` scale the product instead (a product
    of zero weights is +0 everywhere, as W = 0 gives). With G in float32 (layer_statistics'
    float32_products) the product is taken in float32 on B divided by its largest entry
    and scaled back in float64: float32's range never limits it (a signal of 1e-45 or
    1e300 stays as it is), only its precision (about 1e-7 per entry)."""

    def __init__(self, G, std, transposed=False):
        self.G, self.std, self.transposed = G, std, transposed

    @property
    def T(self):
        return _Scaled(self.G, self.std, not self.transposed)

    def __matmul__(self, B):
        G = self.G.T if self.transposed else self.G
        if self.std == 0:
            return np.zeros((G.shape[0], B.shape[1]))
        if G.dtype == np.float64:
            P = G @ B
            P *= self.std
            return P
        peak = max(float(B.max()), -float(B.min())) if B.size else 0.0
        if peak == 0.0:
            return np.zeros((G.shape[0], B.shape[1]))
        if not np.isfinite(peak):  # an overflow upstream: let the caller find it
            return (G.astype(np.float64) @ B) * self.std
        # B / peak rounded to float32, then the float32 product scaled back in float64
        # (no temporary copies: each costs a fresh block of memory on every call)
        scaled = np.multiply(B, 1.0 / peak, out=np.empty(B.shape, np.float32),
                             casting="same_kind")
        return np.multiply(G @ scaled, self.std * peak, dtype=np.float64)


def _check_edges(bins):
    example = "e.g. np.linspace(-1, 1, 41)"
    edges = as_array(bins, "bins")
    if edges.ndim != 1 or edges.size < 2:
        raise ShapeError(f"bins has shape {edges.shape}: bins must be at least two finite, "
                         f"equally spaced edges, {example}")
    check_finite(edges, "bins")
    with np.errstate(over="ignore"):
        span = edges[-1] - edges[0]
        per_unit = (edges.size - 1) / span if span > 0 else np.inf
    if not (span > 0 and np.isfinite(span) and np.isfinite(per_unit)):
        raise ValueError(f"bins must be increasing and equally spaced over a range float64 "
                         f"can divide, {example}; got edges from {edges[0]:g} to {edges[-1]:g}")
    width = span / (edges.size - 1)
    if not np.allclose(np.diff(edges), width, rtol=1e-9, atol=0):
        raise ValueError(f"bins must be increasing and equally spaced, {example}")
    return edges


def _bin_index(values, edges):
    """Bin of each value, from -1 (below the first edge) to len(edges) - 2; a value above
    the last edge gets the last bin too (callers count those apart)."""
    n_bins = edges.size - 1
    t = values - edges[0]
    t *= n_bins / (edges[-1] - edges[0])
    np.floor(t, out=t)
    np.clip(t, -1, n_bins - 1, out=t)
    return t


def _histogram(A, n_zeros, edges):
    """(shares of all entries of A per bin with exact zeros left out, [share below, share above])."""
    n_bins = edges.size - 1
    index = _bin_index(A, edges).ravel()
    index += 1
    counts = np.bincount(index.astype(np.intp), minlength=n_bins + 1)  # bin 0: below
    above = np.count_nonzero(A > edges[-1])
    counts[-1] -= above
    zero_bin = int(_bin_index(np.zeros(1), edges)[0]) + 1
    if 0 > edges[-1]:
        above -= n_zeros
    else:
        counts[zero_bin] -= n_zeros
    return counts[1:] / A.size, np.array([counts[0], above]) / A.size


def layer_statistics(layer_dims, activation, method="he", scale=1.0, n_examples=1000, seed=0,
                     *, bins=None, weight_gradients=True, draws=None, scaled_products=False,
                     float32_products=False):
    """Forward and one backward pass through a stack of layers; per-layer statistics.

    layer_dims: [n[0], n[1], ..., n[L]] (n[0] inputs, then L layers).
    activation: g of every layer, a name from helpers.activations.ACTIVATIONS.
    method, scale: the initialization (helpers.initializers.init_std), biases 0; scale is
        a finite real > 0.
    n_examples: m >= 1, the number of standard-normal input columns; seed: for the draws,
        a whole number >= 0.
    bins: equally spaced histogram edges, e.g. np.linspace(-1, 1, 41), or None.
    weight_gradients: True or False: compute ||dW[l]|| (one more matrix product per layer).
    draws: the result of standard_draws(layer_dims, n_examples, seed), to skip drawing
        again (then the values of n_examples and seed are taken from it).
    scaled_products: True or False. True computes W[l] A[l-1] as std[l] (G[l] A[l-1]) and
        W[l]^T dZ[l] as std[l] (G[l]^T dZ[l]), never forming W[l]: the same numbers up to
        rounding (a few units in the last place), without copying every weight matrix on
        each call (an explorer's redraw); False (the default) multiplies by W[l] itself.
    float32_products: True or False (needs scaled_products=True). True takes those products
        in float32 (G[l] rounded to float32, or given so in draws; the other factor scaled
        to its largest entry first, so no value under- or overflows float32), everything
        else in float64: numbers within about 1e-4 (relative) of the float64 ones, in
        half the time (the initialization explorer's redraw, whose numbers are drawn and
        read to 3 digits).
    Returns a LayerStats (see the module docstring for the read-out cost J). Raises
    ValueError naming scale if the signal overflows float64 (a scale far too large).
    """
    dims = check_layer_dims(layer_dims)
    activation = check_choice(activation, ACTIVATIONS, "activation")
    g, slope = ACTIVATIONS[activation][0], GRAD_FROM_OUTPUT[activation]
    scale = check_positive(scale, "scale")
    stds = _stds(dims, method, scale)
    check_count(n_examples, "n_examples")
    check_seed(seed)
    edges = None if bins is None else _check_edges(bins)
    weight_gradients = check_flag(weight_gradients, "weight_gradients")
    scaled_products = check_flag(scaled_products, "scaled_products")
    float32_products = check_flag(float32_products, "float32_products")
    if float32_products and not scaled_products:
        raise ValueError("float32_products=True needs scaled_products=True (the products are "
                         "scaled back from float32)")
    dtype = np.float32 if float32_products else np.float64
    if draws is None:
        draws = standard_draws(dims, n_examples, seed)
        if float32_products:
            draws = Draws(draws.X, [G.astype(np.float32) for G in draws.G], draws.R)
    else:
        draws = _check_draws(draws, dims, dtype)
    X, G, R = draws
    L, m = len(dims) - 1, X.shape[1]

    # A scale large enough to overflow float64 gives inf and NaN here, quietly; they are
    # found in z[l] and in the per-layer numbers below and refused by name.
    with np.errstate(over="ignore", invalid="ignore"):
        if scaled_products:
            W = [_Scaled(G[l], stds[l]) for l in range(L)]
        else:
            W = [G[l] * stds[l] for l in range(L)]  # the same numbers as initialize() gives
        A_list, slopes = [X], []
        for l in range(L):
            Z = W[l] @ A_list[-1]
            if not np.all(np.isfinite(Z)):
                raise _overflow("the pre-activations z", l + 1, scale)
            A = g(Z)
            A_list.append(A)
            slopes.append(slope(A))
        acts = A_list[1:]
        mean = np.array([A.mean() for A in acts])
        std = np.array([A.std() for A in acts])
    for l in range(L):
        if not (np.isfinite(mean[l]) and np.isfinite(std[l])):
            raise _overflow("the activations a", l + 1, scale)
    zeros = [np.count_nonzero(A == 0) for A in acts]
    zero_fraction = np.array([z / A.size for z, A in zip(zeros, acts)])
    threshold = flat_slope(activation)
    flat_fraction = np.array([np.count_nonzero(s < threshold) / s.size for s in slopes])
    hist = outside = None
    if edges is not None:
        pairs = [_histogram(A, z, edges) for A, z in zip(acts, zeros)]
        hist = np.array([h for h, _ in pairs])
        outside = np.array([o for _, o in pairs])

    grad_rms = np.empty(L)
    dW_norm = np.empty(L) if weight_gradients else None
    dA = R  # (n[L], m): the read-out's upstream gradient
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(L - 1, -1, -1):
            dZ = dA * slopes[l]
            grad_rms[l] = np.sqrt(np.mean(dZ * dZ))
            if weight_gradients:
                dW_norm[l] = np.linalg.norm(dZ @ A_list[l].T) / m
            if l > 0:
                dA = W[l].T @ dZ
    for l in range(L - 1, -1, -1):
        if not (np.isfinite(grad_rms[l]) and (dW_norm is None or np.isfinite(dW_norm[l]))):
            raise _overflow("the gradients dZ", l + 1, scale)
    return LayerStats(np.arange(1, L + 1), mean, std, zero_fraction, flat_fraction,
                      grad_rms, dW_norm, hist, outside, edges)


# ---- predicting -----------------------------------------------------------------------

def _even_mean(f, q):
    """E[f(z)] for z ~ N(0, q), f even."""
    return float(np.dot(f(math.sqrt(q) * _X), _WEIGHTS))


def _sigmoid_centered(z):
    return ACTIVATIONS["sigmoid"][0](z) - 0.5


def _gaussian_moments(activation, q, small_signal=False):
    """Averages over z ~ N(0, q) of a = g(z): returns (E[a], Var(a), E[a^2], E[g'(z)^2]).

    activation: a name of ACTIVATIONS; q: Var(z) >= 0. For q = 0, z = 0 exactly (g'(0) of
    ReLU is 0, as in helpers.activations). small_signal: replace tanh and sigmoid by their
    straight line at 0 (tanh z ~ z, sigmoid z ~ 1/2 + z/4); linear and ReLU are exact.
    """
    check_choice(activation, ACTIVATIONS, "activation")
    q = float(q)
    if not q >= 0 or not math.isfinite(q):
        raise ValueError(f"q is a variance: a finite number >= 0; got {q!r}")
    if activation == "linear":
        return 0.0, q, q, 1.0
    if activation == "relu":
        return math.sqrt(q / (2 * math.pi)), q * (0.5 - 0.5 / math.pi), q / 2, 0.5 if q > 0 else 0.0
    if activation == "leaky_relu":
        alpha = LEAKY_ALPHA  # the slope ACTIVATIONS' leaky_relu uses
        mean = (1 - alpha) * math.sqrt(q / (2 * math.pi))
        second = q * (1 + alpha**2) / 2
        return mean, second - mean**2, second, (1 + alpha**2) / 2 if q > 0 else alpha**2
    if activation == "tanh":
        if small_signal:
            return 0.0, q, q, 1.0
        var = _even_mean(lambda z: np.tanh(z) ** 2, q)
        return 0.0, var, var, _even_mean(lambda z: (1 - np.tanh(z) ** 2) ** 2, q)
    # sigmoid: a = 1/2 + an odd function of z, so E[a] = 1/2 and Var(a) = E[(a - 1/2)^2]
    if small_signal:
        return 0.5, q / 16, 0.25 + q / 16, 1 / 16
    var = _even_mean(lambda z: _sigmoid_centered(z) ** 2, q)
    slope2 = _even_mean(lambda z: ((0.5 + _sigmoid_centered(z)) * (0.5 - _sigmoid_centered(z))) ** 2, q)
    return 0.5, var, 0.25 + var, slope2


def predicted_statistics(layer_dims, activation, method="he", scale=1.0, *, n_examples=None,
                         small_signal=False):
    """The variance argument of lecture 1.11, layer after layer (inputs with E[x^2] = 1).

    Forward: Var(z[l]) = n[l-1] Var(w[l]) E[(a[l-1])^2], then mean and std of a[l] = g(z[l])
    for z[l] ~ N(0, Var(z[l])). Backward from the read-out (E[(dA[L])^2] = 1):
    E[(dZ[l])^2] = E[(dA[l])^2] E[g'(z[l])^2], E[(dA[l-1])^2] = n[l] Var(w[l]) E[(dZ[l])^2].
    With n_examples = m: ||dW[l]||^2 ~ n[l] n[l-1] E[(dZ[l])^2] E[(a[l-1])^2] / m (the m
    examples' error signals are independent, so their average shrinks like 1/sqrt(m)).
    small_signal: True or False, see the module docstring (the straight line g(0) + g'(0) z).
    Returns a PredictedStats. Raises ValueError naming scale if a variance overflows float64.
    """
    dims = check_layer_dims(layer_dims)
    check_choice(activation, ACTIVATIONS, "activation")
    scale = check_positive(scale, "scale")
    stds = _stds(dims, method, scale)
    m = None if n_examples is None else check_count(n_examples, "n_examples")
    small_signal = check_flag(small_signal, "small_signal")
    L = len(dims) - 1
    z_var, mean, std, slope2, prev_second = (np.empty(L) for _ in range(5))
    second = 1.0  # E[x^2] of the inputs
    for l in range(L):
        prev_second[l] = second
        try:
            z_var[l] = dims[l] * stds[l] ** 2 * second
        except OverflowError:
            z_var[l] = math.inf
        if not math.isfinite(z_var[l]):
            raise _overflow("the variances Var(z)", l + 1, scale)
        mean[l], var, second, slope2[l] = _gaussian_moments(activation, z_var[l], small_signal)
        std[l] = math.sqrt(max(var, 0.0))
    grad_ms = np.empty(L)
    upstream = 1.0  # E[(dA[L])^2] = mean(R^2)
    dW_norm = None
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(L - 1, -1, -1):
            grad_ms[l] = upstream * slope2[l]
            upstream = dims[l + 1] * stds[l] ** 2 * grad_ms[l]
        if m is not None:
            fan = np.array(dims[1:], dtype=float) * np.array(dims[:-1], dtype=float)
            dW_norm = np.sqrt(fan * grad_ms * prev_second / m)
    for l in range(L - 1, -1, -1):
        if not (np.isfinite(grad_ms[l]) and (dW_norm is None or np.isfinite(dW_norm[l]))):
            raise _overflow("the gradients' mean squares E[(dZ)^2]", l + 1, scale)
    return PredictedStats(np.arange(1, L + 1), z_var, mean, std, np.sqrt(grad_ms), dW_norm)
