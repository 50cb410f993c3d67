"""Lesson 07 (gradient checking): the exercises' self-checks.

gradient_approx(J, theta, eps)    the two-sided difference (J(θ + ε e_i) - J(θ - ε e_i)) / (2ε)
                                  for each entry, theta unchanged
culprit                           the parameter the gradient check blames in backward_mystery
backward_fixed(AL, Y, caches)     backward_mystery with its wrong line repaired

The cases include large ε on curved functions, where the one-sided difference
(J(θ + ε) - J(θ)) / ε is off by about ε J''/2 and fails, while the two-sided one agrees with
the reference to rounding.
"""
import numpy as np

from helpers import gradcheck as gc
from helpers import network as net
from helpers.checks import Case, Exercise, Mistake
from helpers.datasets import planar_flower
from helpers.initializers import initialize

__all__ = ["EXERCISES", "TEST_FUNCTIONS", "backward_fixed", "culprit", "gradient_approx"]

SHALLOW = ["tanh", "sigmoid"]


def _network_cost():
    X, Y = planar_flower(m=40, seed=7)
    params = initialize([2, 3, 1], method="xavier", seed=7)
    theta, spec = gc.params_to_vector(params)

    def J(t):
        return net.network_cost(X, Y, gc.vector_to_params(t, spec), SHALLOW)
    return J, theta


TEST_FUNCTIONS = {
    "θ · θ": lambda t: float(t @ t),
    "Σ sin(θ)": lambda t: float(np.sum(np.sin(t))),
    "Σ exp(θ)": lambda t: float(np.sum(np.exp(t))),
}


def _cases():
    J, theta = _network_cost()
    return [Case(J, theta, gc.EPSILON, label=f"the network cost J(θ), {theta.size} parameters, ε = 1e-7"),
            Case(TEST_FUNCTIONS["θ · θ"], np.array([1.0, -2.0, 0.5]), 1e-3, label="θ · θ, ε = 1e-3"),
            Case(TEST_FUNCTIONS["Σ sin(θ)"], np.linspace(-3, 3, 7), 1e-2, label="Σ sin(θ), ε = 1e-2"),
            Case(TEST_FUNCTIONS["Σ exp(θ)"], np.array([0.5, -1.0, 2.0, 0.0]), 1e-3,
                 label="Σ exp(θ), ε = 1e-3")]


def _reference(J, theta, eps):
    return gc.numerical_gradient(J, theta, eps)


def _solution(J, theta, eps):
    dtheta_approx = np.zeros_like(theta)
    for i in range(theta.size):
        theta_plus = theta.copy()
        theta_plus[i] += eps
        theta_minus = theta.copy()
        theta_minus[i] -= eps
        dtheta_approx[i] = (J(theta_plus) - J(theta_minus)) / (2 * eps)
    return dtheta_approx


gradient_approx = Exercise(
    "gradient_approx", _cases, _reference, returns="dθ_approx", where="lesson07.gradient_approx",
    solution=_solution,
    hints=("for each entry i, evaluate J at θ with entry i nudged up by ε and down by ε (on "
           "copies of θ) and divide the difference by 2ε",
           "theta_plus = theta.copy(); change entry i of the copy only; the same for theta_minus"),
    mistakes=[
        Mistake("the one-sided difference (J(θ + ε) - J(θ)) / ε",
                lambda J, theta, eps: gc.numerical_gradient(J, theta, eps, two_sided=False),
                "its error shrinks only like ε; nudge both ways and divide by 2ε (error like ε²)"),
        Mistake("the two-sided difference divided by ε instead of 2ε",
                lambda J, theta, eps: 2 * gc.numerical_gradient(J, theta, eps),
                "the two nudged points are 2ε apart"),
    ])



culprit = Exercise(
    "culprit", [Case(label="the report on backward_mystery")], expected=["W2"], value=True,
    where="lesson07.culprit",
    hints=("read the report's last column: the row whose verdict is bug? names the parameter, "
           "as its first column prints it (e.g. 'b2')",),
    mistakes=[Mistake("the gradient's name (dW2) rather than the parameter's", lambda: "dW2",
                      "the report's first column names the parameter: W2, not dW2")])


def _backward_cases():
    cases = []
    for (n_x, n_h, m, seed), label in (((2, 3, 40, 7), "the flower's 2-3-1, m = 40"),
                                       ((3, 4, 5, 1), "the lecture's 3-4-1, m = 5"),
                                       ((2, 2, 1, 2), "one example: m = 1")):
        g = np.random.default_rng(700 + seed)
        X, Y = g.standard_normal((n_x, m)), (g.random((1, m)) < 0.5).astype(float)
        params = initialize([n_x, n_h, 1], method="xavier", seed=seed)
        params["b1"] = 0.5 * g.standard_normal((n_h, 1))
        AL, caches = net.forward(X, params, SHALLOW)
        cases.append(Case(AL, Y, caches, label=label))
    return cases


def _backward_solution(AL, Y, caches):
    layer1, layer2 = caches
    X, A1, W2 = layer1.A_prev, layer1.A, layer2.W
    m = X.shape[1]
    dZ2 = AL - Y
    dW2 = dZ2 @ A1.T / m  # layer 2's input is A1 = tanh(Z1), not Z1
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def _unrepaired(AL, Y, caches):
    grads = _backward_solution(AL, Y, caches)
    layer1, _ = caches
    grads["dW2"] = (AL - Y) @ layer1.Z.T / layer1.A_prev.shape[1]
    return grads


backward_fixed = Exercise(
    "backward_fixed", _backward_cases, net.backward, where="lesson07.backward_fixed",
    solution=_backward_solution,
    hints=("the report blames one parameter: look only at the line that computes its gradient, "
           "and ask which array is that layer's input",
           "dW2 = (1/m) dZ2 A1^T: layer 2's input is the hidden layer's activation A1"),
    mistakes=[Mistake("backward_mystery unchanged (dW2 computed from Z1)", _unrepaired,
                      "layer 2 sees A1 = tanh(Z1), not Z1")])

EXERCISES = ["gradient_approx", "culprit", "backward_fixed"]
