"""Lesson 05 (activation functions): the exercises' self-checks.

tanh_stable(z), tanh_stable_grad(z)    tanh from exponentials that never overflow, and its slope
leaky(z, alpha), leaky_grad(z, alpha)  leaky ReLU with any slope alpha, and its slope
tanh_slope_matches, leaky_slope_matches
                                       each slope against finite differences of the student's
                                       own function
No NumPy warning may be raised (the exercise is about computing without overflow).
"""
import numpy as np

from helpers import activations as act
from helpers.checks import Case, Exercise, Mistake
from helpers.gradcheck import numerical_gradient

__all__ = ["EXERCISES", "leaky", "leaky_grad", "leaky_slope_matches", "tanh_slope_matches",
           "tanh_stable", "tanh_stable_grad"]


def _tanh_cases():
    g = np.random.default_rng(501)
    return [Case(np.array([0.0, 0.5, -0.5, 2.0]), label="small z"),
            Case(np.linspace(-20.0, 20.0, 9), label="z from -20 to 20"),
            Case(np.array([-1000.0, 710.0, 1000.0]), label="extreme z, where e^z overflows"),
            Case(g.standard_normal((3, 4)), label="a (3, 4) array")]


def _tanh_solution(z):
    z = np.asarray(z, dtype=np.float64)
    t = np.exp(-2.0 * np.abs(z))  # in (0, 1]: never overflows
    return np.sign(z) * (1.0 - t) / (1.0 + t)


def _tanh_grad_solution(z):
    a = _tanh_solution(z)
    return 1.0 - a * a


tanh_stable = Exercise(
    "tanh_stable", _tanh_cases, act.tanh, returns="tanh(z)", where="lesson05.tanh_stable",
    solution=_tanh_solution,
    hints=("only exponentials of numbers <= 0 are safe: for z >= 0 rewrite the formula with "
           "e^(-2z), and use that tanh is odd for z < 0",
           "with t = e^(-2|z|), which lies in (0, 1], tanh(z) = sign(z) (1 - t) / (1 + t)"),
    mistakes=[
        Mistake("tanh of |z| (the sign is lost for z < 0)", lambda z: np.tanh(np.abs(z)),
                "tanh is odd: tanh(-z) = -tanh(z); multiply by the sign of z"),
        Mistake("the direct formula (e^z - e^-z) / (e^z + e^-z), which overflows to nan",
                lambda z: np.where(np.abs(z) > 700, np.nan, np.tanh(z)),
                "e^1000 is inf: only ever take e to a power <= 0"),
    ])

tanh_stable_grad = Exercise(
    "tanh_stable_grad", _tanh_cases, act.tanh_grad, returns="tanh'(z)",
    where="lesson05.tanh_stable_grad", solution=_tanh_grad_solution,
    hints=("the slope of tanh is 1 - tanh(z)^2, written with your tanh_stable",
           "a = tanh_stable(z), then 1 - a * a"),
    mistakes=[
        Mistake("the sigmoid's slope a(1 - a)", lambda z: np.tanh(z) * (1 - np.tanh(z)),
                "for tanh the slope is 1 - a^2"),
        Mistake("1 + a^2 (a sign)", lambda z: 1 + np.tanh(z) ** 2, "the slope is 1 - a^2, at most 1"),
    ])


def _slope_cases(points):
    return lambda: [Case(points, label=f"{points.size} points from {points[0]:g} to {points[-1]:g}")]


def _fd_of(f):
    return lambda z: np.array([numerical_gradient(f, z0) for z0 in z])


tanh_slope_matches = Exercise(
    "tanh_stable_grad vs finite differences of tanh_stable", _slope_cases(np.linspace(-4.0, 4.0, 81)),
    lambda f, g, z: _fd_of(f)(z), call=lambda f, g, z: g(z), n_functions=2,
    reference_uses_functions=True, returns="tanh_stable_grad(z)", rtol=1e-5, atol=1e-7,
    where="lesson05.tanh_slope_matches", uses=("tanh_stable", "tanh_stable_grad"),
    hints=("if both checks above pass this one does too; if not, is tanh_stable itself right? "
           "its slope must match its finite differences",))


def _leaky_cases():
    g = np.random.default_rng(502)
    return [Case(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), 0.01, label="alpha = 0.01, z = 0 included"),
            Case(np.linspace(-3.0, 3.0, 7), 0.2, label="alpha = 0.2"),
            Case(np.array([-1.0, 0.0, 1.0]), 0.0, label="alpha = 0: ReLU"),
            Case(g.standard_normal((2, 5)), 0.1, label="a (2, 5) array, alpha = 0.1")]


def _leaky_solution(z, alpha):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, alpha * z)


def _leaky_grad_solution(z, alpha):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, alpha)


leaky = Exercise(
    "leaky", _leaky_cases, act.leaky_relu, returns="leaky(z, alpha)", where="lesson05.leaky",
    solution=_leaky_solution,
    hints=("z where z > 0, alpha z elsewhere, element by element, for the alpha given",
           "np.where(condition, value if true, value if false) picks element by element"),
    mistakes=[
        Mistake("the slope fixed at 0.01 instead of the alpha given",
                lambda z, alpha: act.leaky_relu(z, 0.01), "use the argument alpha"),
        Mistake("ReLU, max(0, z): alpha ignored", lambda z, alpha: np.maximum(z, 0.0),
                "for z < 0 the value is alpha z, not 0"),
    ])

leaky_grad = Exercise(
    "leaky_grad", _leaky_cases, act.leaky_relu_grad, returns="leaky_grad(z, alpha)",
    where="lesson05.leaky_grad", solution=_leaky_grad_solution,
    hints=("the slope is 1 for z > 0 and alpha for z < 0; at z = 0 the convention of helpers "
           "is alpha", "np.where(z > 0, 1.0, alpha) has the shape of z"),
    mistakes=[
        Mistake("slope 1 at z = 0 (z >= 0 instead of z > 0)",
                lambda z, alpha: np.where(np.asarray(z) >= 0, 1.0, alpha),
                "the lesson's convention, like helpers': at z = 0 the slope is alpha"),
        Mistake("the function instead of its slope", lambda z, alpha: act.leaky_relu(z, alpha),
                "the slope of alpha z is alpha, of z is 1"),
    ])

_Z_OFF_ZERO = np.concatenate([np.linspace(-3.0, -0.01, 30), np.linspace(0.01, 3.0, 30)])

leaky_slope_matches = Exercise(
    "leaky_grad vs finite differences of leaky (alpha = 0.2)", _slope_cases(_Z_OFF_ZERO),
    lambda f, g, z: _fd_of(lambda v: f(v, 0.2))(z), call=lambda f, g, z: g(z, 0.2), n_functions=2,
    reference_uses_functions=True, returns="leaky_grad(z, 0.2)", rtol=1e-5, atol=1e-7,
    where="lesson05.leaky_slope_matches", uses=("leaky", "leaky_grad"),
    hints=("the slope must match the finite differences of your own leaky away from z = 0",))

EXERCISES = ["tanh_stable", "tanh_stable_grad", "tanh_slope_matches", "leaky", "leaky_grad",
             "leaky_slope_matches"]
