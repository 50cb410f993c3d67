"""Gradient checking (course 2, week 1, lectures 1.12-1.13).

The two-sided difference approximates a derivative with error O(eps^2):
    dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)
(for f(theta) = theta^3 at theta = 1, eps = 0.01: 3.0001, against the true 3; the one-sided
(f(theta + eps) - f(theta)) / eps gives 3.0301). Backpropagation's gradient g is compared
with the approximation g_approx by
    relative_difference = ||g_approx - g|| / (||g_approx|| + ||g||):
below 1e-7 "ok", 1e-3 or more "bug?" (very likely a bug), in between "look closer" (the
lecture's rule of thumb: about 1e-7 great, about 1e-5 look closer, 1e-3 or more worrying).

gradient_check(X, Y, params, activations) checks helpers.network in one call, one row per
parameter; directions=k switches to a fast mode that compares directional derivatives
along k random unit directions per parameter (2 cost evaluations each).

Inputs are checked on entry (helpers.shapes' policy): eps is a finite real > 0; f and
cost_fn must return a finite real number (a Python or NumPy number, or a 0-d array);
params and grads hold exactly W1, b1, ..., WL, bL and dW1, db1, ..., dWL, dbL, each
gradient of its parameter's shape; arrays are real and finite.

Public API
    numerical_gradient(f, theta, eps=EPSILON, two_sided=True)  -> dJ/dtheta, theta's shape
    relative_difference(a, b)         -> ||a - b|| / (||a|| + ||b||), a and b of one shape
    verdict(rel_diff)                 -> "ok", "look closer" or "bug?" (NaN: "bug?")
    format_difference(value, floor=REPORT_FLOOR) -> "3e-01", or "< 1e-07" below the floor
    params_to_vector(params)          -> (theta, spec): W1, b1, W2, b2, ... in one vector
    vector_to_params(theta, spec)     -> the params dict again
    compare_gradients(cost_fn, params, grads, eps, directions, seed) -> GradientCheckReport
    gradient_check(X, Y, params, activations, backward_fn, eps, directions, seed)
                                      -> GradientCheckReport of helpers.network's backprop
    GradientCheckReport, Row          what the two checks return (prints as a table)
    EPSILON = 1e-7, THRESHOLD_OK = 1e-7, THRESHOLD_BUG = 1e-3, REPORT_FLOOR = 1e-7
"""
import math
from typing import NamedTuple

import numpy as np

from helpers import network
from helpers.network import check_layer_keys
from helpers.shapes import (ShapeError, as_array, check_count, check_finite, check_flag,
                            check_positive, check_real, check_same_shape, check_seed)

__all__ = ["EPSILON", "THRESHOLD_OK", "THRESHOLD_BUG", "REPORT_FLOOR", "numerical_gradient",
           "relative_difference", "verdict", "format_difference", "params_to_vector",
           "vector_to_params", "compare_gradients", "gradient_check", "GradientCheckReport",
           "Row"]

EPSILON = 1e-7         # the lecture's eps for gradient checking
THRESHOLD_OK = 1e-7    # relative difference below this: the gradient is right
THRESHOLD_BUG = 1e-3   # above this: very likely a bug; in between: look closer
# A report prints relative differences below this as "< 1e-07" (the "ok" zone): there a
# correct gradient's difference is round-off, about 1e-10 to 1e-8 with EPSILON in float64,
# whose digits change with the BLAS library and the CPU. Larger ones print with one
# significant digit, which is all a verdict needs.
REPORT_FLOOR = THRESHOLD_OK


def _number(x, name):
    """``x`` as a float (NaN and inf allowed): a Python or NumPy real number, or a 0-d array."""
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
        return float(x)
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {_describe(x)}")
    return float(x)


def _describe(x):
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    text = repr(x)
    return text if len(text) <= 60 else f"a {type(x).__name__} ({text[:50]}...)"


def _cost_value(value, name, where):
    """The cost ``value`` that ``name`` returned, as a float; an error naming it otherwise.

    where: a function giving the point it was called at, for the message (only on error).
    """
    if isinstance(value, (float, int)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)  # the common case, fast
    try:
        v = _number(value, "f")
    except TypeError:
        fix = ""
        if isinstance(value, np.ndarray) and value.size == 1:
            fix = ": return the number itself, e.g. J.item()"
        raise TypeError(f"{name} must return a real number (the cost J), got "
                        f"{_describe(value)} at {where()}{fix}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must return a finite real number (the cost J), got {v} at "
                         f"{where()}")
    return v


def _callable(f, name):
    if not callable(f):
        raise TypeError(f"{name} must be a function, got {_describe(f)}")
    return f


def verdict(rel_diff):
    """"ok" below THRESHOLD_OK, "bug?" at or above THRESHOLD_BUG (and for NaN), else "look closer".

    rel_diff: a relative difference, a real number >= 0 (NaN and inf: "bug?").
    """
    value = _number(rel_diff, "rel_diff")
    if value < 0:
        raise ValueError(f"rel_diff must be a relative difference >= 0, got {rel_diff!r}")
    if value < THRESHOLD_OK:
        return "ok"
    if value >= THRESHOLD_BUG or math.isnan(value):
        return "bug?"
    return "look closer"


def format_difference(value, floor=REPORT_FLOOR):
    """A difference as a report prints it: "< 1e-08" below ``floor``, else one significant digit.

    format_difference(0.3333) == "3e-01"; format_difference(7e-10) == "< 1e-07".
    One digit is what such a number is good for: its verdict is a matter of decades, and
    its further digits would change from one machine to another.
    value: a real number >= 0 (NaN and inf print as "nan" and "inf"); floor: finite, >= 0.
    """
    value = _number(value, "value")
    floor = check_real(floor, "floor", low=0.0)
    if value < 0:
        raise ValueError(f"value must be a difference >= 0, got {value!r}")
    if value < floor:
        return f"< {floor:.0e}"
    return f"{value:.0e}"


def _numerical_gradient(f, work, eps, two_sided, name, where):
    """The finite differences of f at ``work`` (float64, perturbed in place and restored)."""
    grad = np.zeros_like(work)
    flat, out = work.reshape(-1), grad.reshape(-1)  # views into work and grad
    f0 = None if two_sided else _cost_value(f(work), name, lambda: "theta itself")
    for i in range(flat.size):
        old = float(flat[i])
        plus, minus = old + eps, old - eps
        if not (minus < old < plus) or math.isinf(plus) or math.isinf(minus):
            raise ValueError(f"eps = {eps:g} is too small for {where(i)} = {old:g}: "
                             f"{where(i)} + eps rounds to {plus:g}; use a larger eps")
        flat[i] = plus
        f_plus = _cost_value(f(work), name, lambda: f"{where(i)} + eps")
        if two_sided:
            flat[i] = minus
            f_minus = _cost_value(f(work), name, lambda: f"{where(i)} - eps")
            out[i] = (f_plus - f_minus) / (2 * eps)
        else:
            out[i] = (f_plus - f0) / eps
        flat[i] = old
    if not np.all(np.isfinite(grad)):
        i = int(np.flatnonzero(~np.isfinite(grad))[0])
        raise ValueError(f"the finite difference of {name} at {where(i)} overflowed float64: "
                         f"its values are too large for eps = {eps:g}")
    return grad


def numerical_gradient(f, theta, eps=EPSILON, two_sided=True):
    """Finite-difference gradient of a scalar function f at theta (any shape).

    Two-sided: g_i = (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps), error O(eps^2);
    two_sided=False gives the one-sided (f(theta + eps e_i) - f(theta)) / eps, error O(eps).
    f: takes an array shaped like theta, returns a finite real number (the cost J).
    theta: real and finite. eps: a finite real > 0. theta is never changed: f is called on
    a perturbed copy. Returns an array shaped like theta (a float if theta is one).
    """
    f = _callable(f, "f")
    work = np.array(as_array(theta, "theta"), dtype=np.float64)  # a copy; only this one is perturbed
    check_finite(work, "theta")
    eps = check_positive(eps, "eps")
    two_sided = check_flag(two_sided, "two_sided")
    shape = work.shape

    def where(i):
        return "theta" if not shape else f"theta[{', '.join(map(str, np.unravel_index(i, shape)))}]"

    grad = _numerical_gradient(f, work, eps, two_sided, "f", where)
    return float(grad) if grad.ndim == 0 else grad


def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) (Euclidean norms); 0.0 when both are zero.

    a, b: real, finite arrays of the same shape (b is checked against a: no broadcasting).
    Computed on a / s and b / s with s = max |entry|, so huge or tiny numbers neither
    overflow nor underflow. Returns a float in [0, 1].
    """
    a = check_finite(as_array(a, "a"), "a")
    b = as_array(b, "b")
    check_same_shape(b, a, "b", "a")
    check_finite(b, "b")
    if a.size == 0:
        return 0.0
    s = max(float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    if s == 0:
        return 0.0
    with np.errstate(under="ignore"):
        a, b = a / s, b / s
        return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def _stack(params, name, prefix):
    """(theta, spec, arrays) of a params (prefix '') or grads (prefix 'd') dict, checked."""
    L = check_layer_keys(params, name, prefix=prefix)
    names = [f"{prefix}{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    arrays = [check_finite(as_array(params[n], n), n) for n in names]
    spec = tuple((n, array.shape) for n, array in zip(names, arrays))
    return np.concatenate([array.reshape(-1) for array in arrays]), spec, arrays


def params_to_vector(params):
    """Stack every parameter into one vector theta, in the order W1, b1, W2, b2, ...

    params: exactly {"W1", "b1", ..., "WL", "bL"} (or a grads dict {"dW1", "db1", ...}),
        real, finite arrays of any shape.
    Returns (theta, spec): theta of shape (n,), float64, a new array; spec, a tuple of
    (name, shape) pairs that vector_to_params uses to cut theta back into pieces.
    """
    grads_like = isinstance(params, dict) and "W1" not in params and "dW1" in params
    theta, spec, _ = _stack(params, "params", "d" if grads_like else "")
    return theta, spec


def _check_spec(spec):
    """spec as a tuple of (name, shape) pairs, names unique; returns (spec, total size)."""
    if not isinstance(spec, (tuple, list)):
        raise TypeError(f"spec must be the (name, shape) pairs that params_to_vector returned; "
                        f"got {_describe(spec)}")
    checked, seen = [], set()
    for j, pair in enumerate(spec):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[0], str)
                and isinstance(pair[1], (tuple, list))):
            raise TypeError(f"spec[{j}] must be a pair (name, shape) such as ('W1', (4, 2)); "
                            f"got {pair!r}")
        name, shape = pair
        if name in seen:
            raise ValueError(f"spec names {name!r} twice")
        seen.add(name)
        if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 0
                   for n in shape):
            raise ValueError(f"spec[{j}]: the shape of {name!r} must be whole numbers >= 0; "
                             f"got {shape!r}")
        checked.append((name, tuple(int(n) for n in shape)))
    total = sum(math.prod(shape) for _, shape in checked)
    return tuple(checked), total


def _cut(theta, spec):
    """vector_to_params without checks: a new dict {name: a copy of its piece of theta}."""
    params, start = {}, 0
    for name, shape in spec:
        size = math.prod(shape)
        params[name] = theta[start:start + size].reshape(shape).copy()
        start += size
    return params


def vector_to_params(theta, spec):
    """Inverse of params_to_vector: a new dict {name: array of its shape}, copied from theta.

    theta: a real, finite vector of shape (n,), n the total size of the shapes in spec.
    spec: the (name, shape) pairs that params_to_vector returned.
    """
    spec, total = _check_spec(spec)
    theta = as_array(theta, "theta")
    if theta.shape != (total,):
        msg = f"theta has shape {theta.shape}, expected ({total},), the total size of spec's shapes"
        if theta.size == total:
            msg += "; make it a vector with theta.reshape(-1)"
        raise ShapeError(msg)
    check_finite(theta, "theta")
    return _cut(theta, spec)


class Row(NamedTuple):
    """One parameter's line in a GradientCheckReport."""

    name: str
    relative_difference: float
    max_abs_diff: float   # the largest |numerical - backprop| over the compared numbers
    index: tuple          # where it occurs: an entry of the parameter, or (direction,)
    verdict: str


class GradientCheckReport:
    """The result of a gradient check: one Row per parameter and an overall verdict.

    rows: list of Row; relative_difference: over all parameters together; verdict: "ok",
    "look closer" or "bug?"; n_evaluations: how many times the cost was computed;
    mode: "full" (every entry) or "directional" (random directions). Prints as a table.
    """

    def __init__(self, rows, relative_difference, n_evaluations, mode, eps):
        self.rows = list(rows)
        self.relative_difference = relative_difference
        self.verdict = verdict(relative_difference)
        self.n_evaluations = n_evaluations
        self.mode = mode
        self.eps = eps

    @property
    def ok(self):
        """True when the overall relative difference is below THRESHOLD_OK."""
        return self.verdict == "ok"

    def row(self, name):
        """The Row of parameter ``name`` (e.g. "W2")."""
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no parameter {name!r} in this report; it has {[r.name for r in self.rows]}")

    def __repr__(self):
        # Printed at the precision that is the same on every machine (see REPORT_FLOOR):
        # differences with format_difference, and for a row below the floor no max |diff|
        # and no location, since both would only describe round-off.
        lines = [f"gradient check ({self.mode}, eps = {self.eps:g}, "
                 f"{self.n_evaluations} cost evaluations)",
                 f"{'parameter':<10} {'relative diff':>13} {'max |diff|':>10}  {'at':<10} verdict"]
        for r in self.rows:
            if r.relative_difference < REPORT_FLOOR:
                biggest, at = "-", "-"
            else:
                biggest = format_difference(r.max_abs_diff, floor=0.0)
                at = "(" + ", ".join(str(i) for i in r.index) + ")"
            lines.append(f"{r.name:<10} {format_difference(r.relative_difference):>13} "
                         f"{biggest:>10}  {at:<10} {r.verdict}")
        lines.append(f"{'overall':<10} {format_difference(self.relative_difference):>13} "
                     f"{'':>10}  {'':<10} {self.verdict}")
        return "\n".join(lines)


def _where(spec):
    """A function naming entry i of theta by its parameter, e.g. "W1[2, 0]" (for messages)."""
    def where(i):
        start = 0
        for name, shape in spec:
            size = math.prod(shape)
            if i < start + size:
                index = np.unravel_index(i - start, shape) if shape else ()
                return f"{name}[{', '.join(str(int(k)) for k in index)}]"
            start += size
        return f"theta[{i}]"
    return where


def _full_rows(J, theta, spec, g, eps):
    """Every entry: one numerical derivative per entry of theta (2 n cost evaluations)."""
    approx = _numerical_gradient(J, theta.copy(), eps, True, "cost_fn", _where(spec))
    rows, start = [], 0
    for name, shape in spec:
        size = math.prod(shape)
        a, b = approx[start:start + size], g[start:start + size]
        diff = np.abs(a - b)
        k = int(np.argmax(diff)) if size else 0
        index = tuple(int(i) for i in np.unravel_index(k, shape)) if size else ()
        rel = relative_difference(a, b)
        rows.append(Row(name, rel, float(diff[k]) if size else 0.0, index, verdict(rel)))
        start += size
    return rows, relative_difference(approx, g), 2 * theta.size


def _directional_rows(J, theta, spec, g, eps, directions, rng):
    """k random unit directions d inside each parameter: (J(theta+eps d) - J(theta-eps d))/2eps vs g.d."""
    rows, start = [], 0
    all_approx, all_exact = [], []
    for name, shape in spec:
        size = math.prod(shape)
        approx, exact = np.zeros(directions), np.zeros(directions)
        for j in range(directions):
            d = np.zeros_like(theta)
            piece = rng.standard_normal(size)
            d[start:start + size] = piece / np.linalg.norm(piece)
            where = f"params + eps d, d a random direction in {name}"
            plus = _cost_value(J(theta + eps * d), "cost_fn", lambda: where)
            minus = _cost_value(J(theta - eps * d), "cost_fn", lambda: where.replace("+", "-", 1))
            approx[j] = (plus - minus) / (2 * eps)
            exact[j] = g @ d
        diff = np.abs(approx - exact)
        k = int(np.argmax(diff))
        rel = relative_difference(approx, exact)
        rows.append(Row(name, rel, float(diff[k]), (k,), verdict(rel)))
        all_approx.append(approx)
        all_exact.append(exact)
        start += size
    overall = relative_difference(np.concatenate(all_approx), np.concatenate(all_exact))
    return rows, overall, 2 * directions * len(spec)


def _check_grads(grads, spec, arrays, name):
    """grads as one vector in spec's order: exactly dW1, db1, ..., each of its parameter's shape."""
    check_layer_keys(grads, name, prefix="d", L=len(spec) // 2)
    pieces = []
    for (param, _), array in zip(spec, arrays):
        key = "d" + param
        grad = check_same_shape(as_array(grads[key], key), array, key, param)
        pieces.append(check_finite(grad, key).reshape(-1))
    return np.concatenate(pieces)


def _check_mode(eps, directions, seed):
    eps = check_positive(eps, "eps")
    if directions is not None:
        directions = check_count(directions, "directions")
    return eps, directions, check_seed(seed)


def _compare(cost_fn, theta, spec, g, eps, directions, seed):
    def J(vector):
        return cost_fn(_cut(vector, spec))

    if directions is None:
        rows, overall, n_eval = _full_rows(J, theta, spec, g, eps)
        mode = "full"
    else:
        rng = np.random.default_rng(seed)
        rows, overall, n_eval = _directional_rows(J, theta, spec, g, eps, directions, rng)
        mode = f"directional, {directions} per parameter"
    return GradientCheckReport(rows, overall, n_eval, mode, eps)


def compare_gradients(cost_fn, params, grads, eps=EPSILON, directions=None, seed=0):
    """Check the gradients ``grads`` of any cost J(params) against finite differences.

    cost_fn: takes a params dict, returns J (a finite real number).
    params: exactly {"W1", "b1", ..., "WL", "bL"}, real and finite.
    grads: exactly {"dW1", "db1", ..., "dWL", "dbL"}, each of its parameter's shape: the
        gradients to check (from backpropagation).
    eps: a finite real > 0. directions: None to check every entry (2 evaluations per
    entry), or k >= 1 to compare directional derivatives along k random unit directions
    within each parameter (2 k evaluations per parameter), drawn from
    np.random.default_rng(seed), seed a whole number >= 0.
    Returns a GradientCheckReport.
    """
    cost_fn = _callable(cost_fn, "cost_fn")
    theta, spec, arrays = _stack(params, "params", "")
    g = _check_grads(grads, spec, arrays, "grads")
    eps, directions, seed = _check_mode(eps, directions, seed)
    return _compare(cost_fn, theta, spec, g, eps, directions, seed)


def gradient_check(X, Y, params, activations, backward_fn=None, eps=EPSILON,
                   directions=None, seed=0):
    """Check a network's backpropagation against finite differences of its cost, in one call.

    X: (n_x, m); Y: (nL, m); params: {"W1", "b1", ...}; activations: one name per layer
    (checked as helpers.network.network_cost checks them).
    backward_fn: backward(AL, Y, caches) -> grads to check; default helpers.network.backward
    (pass a copy with a planted bug to see the check catch it). It must return a dict of
    exactly dW1, db1, ..., each of its parameter's shape.
    The cost is helpers.network.network_cost, the J that backward differentiates.
    directions: None (every entry) or k (fast mode, k random directions per parameter).
    Returns a GradientCheckReport (prints as a table in a notebook).
    """
    backward_fn = network.backward if backward_fn is None else _callable(backward_fn, "backward_fn")
    X, Y, params, activations = network.check_cost_arguments(X, Y, params, activations)
    eps, directions, seed = _check_mode(eps, directions, seed)
    theta, spec, arrays = _stack(params, "params", "")
    AL, caches = network.forward(X, params, activations)
    grads = backward_fn(AL, Y, caches)
    if not isinstance(grads, dict):
        raise TypeError(f"backward_fn must return a dict of gradients {{'dW1': ..., 'db1': ...}}; "
                        f"it returned {_describe(grads)}")
    g = _check_grads(grads, spec, arrays, "the grads of backward_fn")

    def cost_fn(p):  # network_cost without its checks: X, Y and the shapes are checked above
        return network.network_cost_unchecked(X, Y, p, activations)

    with network.float64_arithmetic("gradient_check"):
        return _compare(cost_fn, theta, spec, g, eps, directions, seed)
