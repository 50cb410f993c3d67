"""Lesson 10 (optimizers): the exercise's self-check.

adam_step(w, g, v, s, t, learning_rate, beta1, beta2, epsilon) -> (w, v, s)
    one Adam step for parameters w with gradient g: the running averages v and s updated,
    bias-corrected with the step number t (1 for the first step), then
    w - learning_rate * v_hat / (sqrt(s_hat) + epsilon); w, g, v and s unchanged.

The cases include the first step from v = s = 0 (where a forgotten bias correction makes the
step 3.16 times too large), settings other than the defaults (where β1 and β2 swapped differ),
and a tiny gradient (where ε inside the square root changes the step by a third).
"""
import numpy as np

from helpers.checks import Case, Exercise, Mistake
from helpers.optimizers import Adam

__all__ = ["EXERCISES", "adam_step"]


def _cases():
    g = np.random.default_rng(1001)
    w, grad = g.standard_normal((2, 3)), g.standard_normal((2, 3))
    v, s = 0.1 * g.standard_normal((2, 3)), 0.01 * g.random((2, 3))
    return [Case(np.array([1.0, -2.0]), np.array([0.5, -3.0]), np.zeros(2), np.zeros(2), 1, 0.1,
                 0.9, 0.999, 1e-8, label="the first step, v = s = 0"),
            Case(w, grad, v, s, 3, 0.01, 0.9, 0.999, 1e-8, label="step 3 of a (2, 3) parameter"),
            Case(w, grad, v, s, 2, 0.05, 0.8, 0.99, 1e-8, label="beta1 = 0.8, beta2 = 0.99"),
            Case(np.array([0.3, 0.7]), np.array([2e-4, -1e-4]), np.zeros(2), np.zeros(2), 1, 0.1,
                 0.9, 0.999, 1e-4, label="a tiny gradient, epsilon = 1e-4")]


def _reference(w, g, v, s, t, learning_rate, beta1, beta2, epsilon):
    state = {"t": t - 1, "optimizer": "adam", "v": v, "s": s}
    new_w, new_state = Adam(beta1, beta2, epsilon).step(w, g, state, learning_rate)
    return new_w, new_state["v"], new_state["s"]


def _solution(w, g, v, s, t, learning_rate, beta1, beta2, epsilon):
    v = beta1 * v + (1 - beta1) * g         # new arrays: the inputs are not changed
    s = beta2 * s + (1 - beta2) * g ** 2
    v_hat = v / (1 - beta1 ** t)            # bias correction: t = 1 for the first step
    s_hat = s / (1 - beta2 ** t)
    w = w - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return w, v, s


def _adam(w, g, v, s, t, lr, b1, b2, eps, *, correct=True, swap=False, eps_inside=False,
          sign=-1.0, square=True, sqrt=True):
    if swap:
        b1, b2 = b2, b1
    v = b1 * v + (1 - b1) * g
    s = b2 * s + (1 - b2) * (g * g if square else g)
    v_hat = v / (1 - b1 ** t) if correct else v
    s_hat = s / (1 - b2 ** t) if correct else s
    with np.errstate(invalid="ignore"):
        root = np.sqrt(s_hat + eps) if eps_inside else ((np.sqrt(s_hat) if sqrt else s_hat) + eps)
    return w + sign * lr * v_hat / root, v, s


def _adam_quiet(*args):
    with np.errstate(divide="ignore", invalid="ignore"):
        return _adam(*args)


adam_step = Exercise(
    "adam_step", _cases, _reference, returns=("w", "v", "s"), where="lesson10.adam_step",
    solution=_solution,
    hints=("v and s are running averages (of g and of g²) with weights beta1 and beta2; divide "
           "each by 1 - beta^t before the step, then step along -v_hat / (sqrt(s_hat) + epsilon)",
           "the corrected averages divide v by 1 - beta1 to the power t and s by 1 - beta2 to "
           "the power t (t is 1 at the first step); epsilon is added after the square root"),
    mistakes=[
        Mistake("no bias correction: v and s used as they are",
                lambda *a: _adam(*a, correct=False),
                "at the first step v = (1 - beta1) g is a tenth of g and s a thousandth of g²: "
                "divide v by 1 - beta1^t and s by 1 - beta2^t"),
        Mistake("beta1 and beta2 swapped", lambda *a: _adam(*a, swap=True),
                "beta1 (0.9) weighs the average of the gradients v, beta2 (0.999) that of their "
                "squares s"),
        Mistake("epsilon inside the square root", lambda *a: _adam(*a, eps_inside=True),
                "the lecture's step divides by sqrt(s_hat) + epsilon: add epsilon after the root"),
        Mistake("the steps counted from 0 (1 - beta^0 = 0: a division by zero)",
                lambda w, g, v, s, t, *rest: _adam_quiet(w, g, v, s, t - 1, *rest),
                "t is 1 at the first step, so 1 - beta1 ** t is 0.1, not 0"),
        Mistake("a step up the slope (+ instead of -)", lambda *a: _adam(*a, sign=1.0),
                "the step goes against the gradient: w - learning_rate * ..."),
        Mistake("s averages g instead of g²", lambda *a: _adam(*a, square=False),
                "s is the running average of the squared gradient, g ** 2"),
        Mistake("no square root of s_hat", lambda *a: _adam(*a, sqrt=False),
                "divide by the root of s_hat, the size of a typical gradient"),
    ])

EXERCISES = ["adam_step"]
