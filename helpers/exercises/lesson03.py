"""Lesson 03 (logistic regression's loss): the exercise's self-checks.

logistic_cost_and_grad(w, b, X, Y)     (J, dw, db) with J computed stably from the logits
gradient_matches_cost                  the same function's dw, db against finite differences
                                       of its own J (no reference needed)
"""
import numpy as np

from helpers import activations as act
from helpers import network as net
from helpers.checks import Case, Exercise, Mistake
from helpers.gradcheck import numerical_gradient

__all__ = ["EXERCISES", "gradient_matches_cost", "logistic_cost_and_grad"]

# The lesson's small data set (sections 1 to 5): n_x = 1 feature, m = 6 examples.
X_TOY = np.array([[-3.0, -1.5, -0.5, 0.5, 1.0, 2.5]])
Y_TOY = np.array([[0.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
W_TOY, B_TOY = np.array([[1.5]]), 0.2


def _cases():
    g = np.random.default_rng(301)
    return [
        Case(W_TOY, B_TOY, X_TOY, Y_TOY, label="the lesson's small data set, m = 6"),
        Case(g.standard_normal((2, 1)), 0.5, g.standard_normal((2, 20)),
             g.integers(0, 2, (1, 20)).astype(float), label="n_x = 2, m = 20"),
        Case(np.array([[30.0], [-30.0]]), -1.0, g.uniform(-2, 2, (2, 8)), np.array([[0.0, 1.0] * 4]),
             label="large weights: |z| up to 94"),
        Case(np.array([[0.5], [-1.0], [2.0]]), 0.0, g.standard_normal((3, 1)), np.array([[1.0]]),
             label="one example, n_x = 3"),
    ]


def _reference(w, b, X, Y):
    # logistic regression = the one-layer network [n_x, 1] with a sigmoid
    params = {"W1": w.T, "b1": np.array([[b]])}
    AL, caches = net.forward(X, params, ["sigmoid"])
    grads = net.backward(AL, Y, caches)
    return net.network_cost(X, Y, params, ["sigmoid"]), grads["dW1"].T, grads["db1"].item()


def _solution(w, b, X, Y):
    m = X.shape[1]
    Z = w.T @ X + b  # the logits, (1, m)
    J = float(np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / m)
    dZ = act.sigmoid(Z) - Y  # dL/dz = a - y, (1, m)
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ) / m)
    return J, dw, db


def _from_probabilities(w, b, X, Y):
    with np.errstate(all="ignore"):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        J = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / X.shape[1])
    _, dw, db = _reference(w, b, X, Y)
    return J, dw, db


logistic_cost_and_grad = Exercise(
    "logistic_cost_and_grad", _cases, _reference, returns=("J", "dw", "db"),
    where="lesson03.logistic_cost_and_grad", solution=_solution,
    hints=("work from the logits Z = w^T X + b: the loss max(z, 0) - z y + log(1 + e^(-|z|)) of "
           "section 6 never takes the log of 0; the gradient of section 5 is dZ = A - Y averaged "
           "over the examples",
           "dw is X times (A - Y) transposed, over m, a column (n_x, 1); db is the mean of A - Y as "
           "a float; np.log1p(np.exp(-np.abs(Z))) is the stable last term"),
    mistakes=[
        Mistake("a cost computed from the probabilities, log(sigmoid(z)), which is inf or nan for "
                "large |z|", _from_probabilities,
                "use the form from the logits of section 6 (from_logits=True)"),
        Mistake("dw without the 1/m", lambda w, b, X, Y: (_reference(w, b, X, Y)[0],
                                                          _reference(w, b, X, Y)[1] * X.shape[1],
                                                          _reference(w, b, X, Y)[2]),
                "the cost is a mean over the m examples, so is its gradient"),
    ])


def _numerical(fn, w, b, X, Y):
    dw = numerical_gradient(lambda wv: fn(wv, b, X, Y)[0], w)
    db = numerical_gradient(lambda bv: fn(w, bv, X, Y)[0], float(b))
    return dw, db


gradient_matches_cost = Exercise(
    "logistic_cost_and_grad: dw, db vs finite differences of its own J", _cases, _numerical,
    call=lambda fn, w, b, X, Y: tuple(fn(w, b, X, Y)[1:]), reference_uses_functions=True,
    returns=("dw", "db"), where="lesson03.gradient_matches_cost", rtol=1e-6, atol=1e-8,
    uses=("logistic_cost_and_grad",),
    hints=("your gradient is not the slope of your own J: if the first check passed J, look at "
           "dw and db (their formulas, and the 1/m)",
           "nudging w by eps moves your J by about dw * eps: compare the two by hand on the small "
           "data set"))

EXERCISES = ["logistic_cost_and_grad", "gradient_matches_cost"]
