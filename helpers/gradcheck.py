"""Gradient checking (course 2, week 1, lectures 1.12-1.13).

The two-sided difference approximates a derivative with error O(eps^2):
    dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)
(for f(theta) = theta^3 at theta = 1, eps = 0.01: 3.0001, against the true 3; the one-sided
(f(theta + eps) - f(theta)) / eps gives 3.0301). Backpropagation's gradient g is compared
with the approximation g_approx by
    relative_difference = ||g_approx - g|| / (||g_approx|| + ||g||):
below 1e-7 fine, above 1e-3 very likely a bug, in between look closer.

gradient_check(X, Y, params, activations) checks helpers.network in one call, one row per
parameter; directions=k switches to a fast mode that compares directional derivatives
along k random unit directions per parameter (2 cost evaluations each).
"""
import re
from typing import NamedTuple

import numpy as np

from helpers import network

EPSILON = 1e-7         # the lecture's eps for gradient checking
THRESHOLD_OK = 1e-7    # relative difference below this: the gradient is right
THRESHOLD_BUG = 1e-3   # above this: very likely a bug; in between: look closer
# A report prints relative differences below this as "< 1e-07" (the "ok" zone): there a
# correct gradient's difference is round-off, about 1e-10 to 1e-8 with EPSILON in float64,
# whose digits change with the BLAS library and the CPU. Larger ones print with one
# significant digit, which is all a verdict needs.
REPORT_FLOOR = THRESHOLD_OK

_PARAM_NAME = re.compile(r"^(d?)([Wb])(\d+)$")


def verdict(rel_diff):
    """"ok" below THRESHOLD_OK, "bug?" at or above THRESHOLD_BUG, else "look closer"."""
    if rel_diff < THRESHOLD_OK:
        return "ok"
    if rel_diff >= THRESHOLD_BUG:
        return "bug?"
    return "look closer"


def format_difference(value, floor=REPORT_FLOOR):
    """A difference as a report prints it: "< 1e-08" below ``floor``, else one significant digit.

    format_difference(0.3333) == "3e-01"; format_difference(7e-10) == "< 1e-07".
    One digit is what such a number is good for: its verdict is a matter of decades, and
    its further digits would change from one machine to another.
    """
    value = float(value)
    if value < floor:
        return f"< {floor:.0e}"
    return f"{value:.0e}"


def numerical_gradient(f, theta, eps=EPSILON, two_sided=True):
    """Finite-difference gradient of a scalar function f at theta (any shape).

    Two-sided: g_i = (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps), error O(eps^2);
    two_sided=False gives the one-sided (f(theta + eps e_i) - f(theta)) / eps, error O(eps).
    f: takes an array shaped like theta, returns a float. theta is never changed: f is
    called on a perturbed copy. Returns an array shaped like theta (a float if theta is one).
    """
    work = np.array(theta, dtype=np.float64)  # a copy; only this one is perturbed
    grad = np.zeros_like(work)
    flat, out = work.reshape(-1), grad.reshape(-1)  # views into work and grad
    f0 = None if two_sided else float(f(work))
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        f_plus = float(f(work))
        if two_sided:
            flat[i] = old - eps
            f_minus = float(f(work))
            out[i] = (f_plus - f_minus) / (2 * eps)
        else:
            out[i] = (f_plus - f0) / eps
        flat[i] = old
    return float(grad) if grad.ndim == 0 else grad


def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) (Euclidean norms); 0.0 when both are zero."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)


def _ordered_names(params):
    """Keys in the order W1, b1, W2, b2, ... (or dW1, db1, ...); other keys are refused."""
    keyed = []
    for name in params:
        match = _PARAM_NAME.match(name)
        if match is None:
            raise ValueError(f"params has key {name!r}; expected names like 'W1', 'b1' "
                             f"(or 'dW1', 'db1' for gradients)")
        keyed.append(((int(match.group(3)), match.group(2) == "b"), name))
    return [name for _, name in sorted(keyed)]


def params_to_vector(params):
    """Stack every parameter into one vector theta, in the order W1, b1, W2, b2, ...

    params: {"W1": (n1, n_x), "b1": (n1, 1), ...} (or a grads dict {"dW1", ...}).
    Returns (theta, spec): theta of shape (n,), float64, a new array; spec, a tuple of
    (name, shape) pairs that vector_to_params uses to cut theta back into pieces.
    """
    names = _ordered_names(params)
    spec = tuple((name, np.shape(params[name])) for name in names)
    if not names:
        return np.zeros(0), spec
    theta = np.concatenate([np.asarray(params[n], dtype=np.float64).reshape(-1) for n in names])
    return theta, spec


def vector_to_params(theta, spec):
    """Inverse of params_to_vector: a new dict {name: array of its shape}, copied from theta."""
    theta = np.asarray(theta, dtype=np.float64)
    total = sum(int(np.prod(shape)) for _, shape in spec)
    if theta.ndim != 1 or theta.size != total:
        raise ValueError(f"theta has shape {theta.shape}, expected ({total},) for spec {spec}")
    params, start = {}, 0
    for name, shape in spec:
        size = int(np.prod(shape))
        params[name] = theta[start:start + size].reshape(shape).copy()
        start += size
    return params


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


def _full_rows(J, theta, spec, g, eps):
    """Every entry: one numerical derivative per entry of theta (2 n cost evaluations)."""
    approx = numerical_gradient(J, theta, eps)
    rows, start = [], 0
    for name, shape in spec:
        size = int(np.prod(shape))
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
        size = int(np.prod(shape))
        approx, exact = np.zeros(directions), np.zeros(directions)
        for j in range(directions):
            d = np.zeros_like(theta)
            piece = rng.standard_normal(size)
            d[start:start + size] = piece / np.linalg.norm(piece)
            approx[j] = (J(theta + eps * d) - J(theta - eps * d)) / (2 * eps)
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


def compare_gradients(cost_fn, params, grads, eps=EPSILON, directions=None, seed=0):
    """Check the gradients ``grads`` of any cost J(params) against finite differences.

    cost_fn: takes a params dict, returns J (a float). params: {"W1", "b1", ...}.
    grads: {"dW1", "db1", ...}, the gradients to check (from backpropagation).
    directions: None to check every entry (2 evaluations per entry), or k to compare
    directional derivatives along k random unit directions within each parameter
    (2 k evaluations per parameter), drawn from np.random.default_rng(seed).
    Returns a GradientCheckReport.
    """
    theta, spec = params_to_vector(params)
    missing = [name for name, _ in spec if "d" + name not in grads]
    if missing:
        raise ValueError(f"grads has no {', '.join('d' + n for n in missing)}")
    g = np.concatenate([np.asarray(grads["d" + name], dtype=np.float64).reshape(-1)
                        for name, _ in spec])
    if g.size != theta.size:
        shapes = {k: np.shape(v) for k, v in grads.items()}
        raise ValueError(f"grads' shapes {shapes} do not match params' {dict(spec)}")

    def J(vector):
        return float(cost_fn(vector_to_params(vector, spec)))

    if directions is None:
        rows, overall, n_eval = _full_rows(J, theta, spec, g, eps)
        mode = "full"
    else:
        if int(directions) != directions or directions < 1:
            raise ValueError(f"directions must be None or a whole number >= 1; got {directions!r}")
        rng = np.random.default_rng(seed)
        rows, overall, n_eval = _directional_rows(J, theta, spec, g, eps, int(directions), rng)
        mode = f"directional, {int(directions)} per parameter"
    return GradientCheckReport(rows, overall, n_eval, mode, eps)


def gradient_check(X, Y, params, activations, backward_fn=None, eps=EPSILON,
                   directions=None, seed=0):
    """Check a network's backpropagation against finite differences of its cost, in one call.

    X: (n_x, m); Y: (nL, m); params: {"W1", "b1", ...}; activations: one name per layer.
    backward_fn: backward(AL, Y, caches) -> grads to check; default helpers.network.backward
    (pass a copy with a planted bug to see the check catch it).
    The cost is helpers.network.network_cost, the J that backward differentiates.
    directions: None (every entry) or k (fast mode, k random directions per parameter).
    Returns a GradientCheckReport (prints as a table in a notebook).
    """
    backward_fn = network.backward if backward_fn is None else backward_fn
    AL, caches = network.forward(X, params, activations)
    grads = backward_fn(AL, Y, caches)

    def cost_fn(p):
        return network.network_cost(X, Y, p, activations)

    return compare_gradients(cost_fn, params, grads, eps=eps, directions=directions, seed=seed)
