"""Cost surfaces of two parameters, and an optimizer's path down one (lesson 10, its explorer).

A surface is a cost J(w1, w2) with its gradient, small enough to draw as contours:

    bowl        J = ½ (w1² + w2²)                      round: every direction alike
    elongated   J = ½ (w1² + 25 w2²)                   condition number 25: a narrow valley
                                                       along w1, steep across it (w2)
    saddle      J = ½ w1² + ¼ (w2² - 1)²               a saddle point at (0, 0), minima at
                                                       (0, ±1): near w2 = 0 the slope is tiny
    rosenbrock  J = (1 - w1)² + 10 (w2 - w1²)²         a curved valley, minimum at (1, 1)

Every minimum has J = 0. ``descend`` runs an optimizer of helpers.optimizers from a start
point and returns the path: the points, the costs, whether it diverged. The arithmetic is
only +, -, × and / (and √ inside RMSprop and Adam), so a path is the same on every machine.

Arguments are checked (helpers.shapes' policy): a surface is one of SURFACES' names (or a
Surface), points are finite (2,) arrays (or (2, k) for ``cost``), num_steps a whole number
>= 1, learning_rate a finite real > 0.

Public API
    Surface                 name, formula, cost(W), gradient(w), minimum, start, extent
        .cost(W)            J at points W, shape (2,) -> a float, or (2, k) -> (k,)
        .gradient(w)        (∂J/∂w1, ∂J/∂w2) at one point w (2,)
    SURFACES                {"bowl", "elongated", "saddle", "rosenbrock"}: Surface
    descend(surface, optimizer, learning_rate, num_steps, start=None) -> Path
    Path                    points (n + 1, 2), costs (n + 1,), diverged (bool), steps taken n
    steps_to_reach(path, cost)  the first step whose cost is below ``cost``, or None
    DIVERGED_AT = 1e6       |w| beyond which descend stops and reports a divergence
"""
from typing import NamedTuple

import numpy as np

from helpers.optimizers import OPTIMIZERS
from helpers.shapes import as_array, check_choice, check_count, check_finite, check_positive, check_real

__all__ = ["DIVERGED_AT", "Path", "SURFACES", "Surface", "descend", "steps_to_reach"]

DIVERGED_AT = 1e6
_ELONGATION = 25.0  # the elongated bowl's curvature across the valley (its condition number)
_ROSENBROCK_B = 10.0  # the valley's steepness (the classic 100 needs thousands of steps)


class Surface:
    """A cost of two parameters: its name, formula, J and gradient, minimum, start and extent."""

    def __init__(self, name, formula, J, dJ, minimum, start, extent):
        self.name, self.formula = name, formula
        self._J, self._dJ = J, dJ  # of (w1, w2), unchecked: numbers or arrays
        self.minimum, self.start = minimum, start
        self.extent = extent  # (w1 min, w1 max, w2 min, w2 max) for a contour plot

    def __repr__(self):
        return f"Surface({self.name!r}: J = {self.formula})"

    def cost(self, W):
        """J at W: one point (2,) -> a float; points as columns (2, k) -> an array (k,)."""
        W = check_finite(as_array(W, "W"), "W")
        if W.ndim not in (1, 2) or W.shape[0] != 2:
            raise ValueError(f"W has shape {W.shape}, expected (2,) (one point) or (2, k) (k points "
                             f"as columns)")
        J = self._J(W[0], W[1])
        return float(J) if W.ndim == 1 else J

    def gradient(self, w):
        """(∂J/∂w1, ∂J/∂w2) at one point w, shape (2,)."""
        w = _point(w, "w")
        return np.array(self._dJ(w[0], w[1]), dtype=np.float64)


def _point(w, name):
    w = check_finite(as_array(w, name), name)
    if w.shape != (2,):
        raise ValueError(f"{name} has shape {w.shape}, expected (2,): the two parameters (w1, w2)")
    return w


SURFACES = {
    "bowl": Surface("bowl", "½ (w1² + w2²)", lambda a, b: 0.5 * (a * a + b * b),
                    lambda a, b: (a, b), (0.0, 0.0), (-4.0, 3.0), (-5.0, 5.0, -4.0, 4.0)),
    "elongated": Surface("elongated", "½ (w1² + 25 w2²)",
                         lambda a, b: 0.5 * (a * a + _ELONGATION * b * b),
                         lambda a, b: (a, _ELONGATION * b), (0.0, 0.0), (-4.5, 1.0),
                         (-5.0, 5.0, -1.6, 1.6)),
    "saddle": Surface("saddle", "½ w1² + ¼ (w2² - 1)²",
                      lambda a, b: 0.5 * a * a + 0.25 * (b * b - 1) ** 2,
                      lambda a, b: (a, b * (b * b - 1)), (0.0, 1.0), (-2.0, 0.001),
                      (-2.5, 2.5, -1.8, 1.8)),
    "rosenbrock": Surface("rosenbrock", "(1 - w1)² + 10 (w2 - w1²)²",
                          lambda a, b: (1 - a) ** 2 + _ROSENBROCK_B * (b - a * a) ** 2,
                          lambda a, b: (-2 * (1 - a) - 4 * _ROSENBROCK_B * a * (b - a * a),
                                        2 * _ROSENBROCK_B * (b - a * a)),
                          (1.0, 1.0), (-1.5, 2.0), (-2.0, 2.0, -1.0, 3.0)),
}


class Path(NamedTuple):
    """An optimizer's path: points (n + 1, 2) from the start, costs (n + 1,), diverged."""

    points: np.ndarray
    costs: np.ndarray
    diverged: bool

    @property
    def steps(self):
        return len(self.costs) - 1


def _surface(surface):
    if isinstance(surface, Surface):
        return surface
    return SURFACES[check_choice(surface, tuple(SURFACES), "surface", "a surface's name")]


def descend(surface, optimizer, learning_rate, num_steps, start=None):
    """Run ``optimizer`` (a helpers.optimizers optimizer) for num_steps steps on ``surface``.

    surface: a name of SURFACES or a Surface; learning_rate: α > 0; num_steps: a whole number
    >= 1; start: a point (2,) (default: the surface's start).
    Returns a Path. If a point leaves |w| <= DIVERGED_AT (or the arithmetic overflows), the
    path stops there with diverged=True: its last point is the first one outside.
    """
    surface = _surface(surface)
    if not isinstance(optimizer, tuple(OPTIMIZERS.values())):
        raise TypeError(f"optimizer must be one of helpers.optimizers' optimizers (Adam(), "
                        f"Momentum(), ...), got {optimizer!r}")
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_steps = check_count(num_steps, "num_steps")
    w = _point(surface.start if start is None else start, "start").copy()
    points, costs = [w], [surface.cost(w)]
    state = optimizer.init(w)
    diverged = False
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(num_steps):
            g = np.array(surface._dJ(w[0], w[1]), dtype=np.float64)  # w is finite: checked below
            w, state = optimizer.step_unchecked(w, g, state, learning_rate)  # checked above
            J = surface._J(w[0], w[1])
            points.append(w)
            if not (np.all(np.abs(w) <= DIVERGED_AT) and np.isfinite(J)):
                costs.append(np.inf)
                diverged = True
                break
            costs.append(float(J))
    return Path(np.array(points), np.array(costs), diverged)


def steps_to_reach(path, cost):
    """The first step at which path's cost is below ``cost`` (0 = the start), or None."""
    if not isinstance(path, Path):
        raise TypeError(f"path must be a Path (what descend returns), got {type(path).__name__}")
    cost = check_real(cost, "cost")
    below = np.flatnonzero(path.costs < cost)
    return int(below[0]) if below.size else None
