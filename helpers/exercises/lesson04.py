"""Lesson 04 (the shallow network): the exercises' self-checks.

forward_2layer(X, params)                 (A2, cache) for a tanh hidden layer, sigmoid output
backward_2layer(X, Y, params, cache)      {"dW1", "db1", "dW2", "db2"}: the six equations
train_2layer(X, Y, n_h, learning_rate, num_iterations, seed)
                                          the trained params, using the two functions above
The references are helpers.network's forward, backward and train.
"""
import numpy as np

from helpers import activations as act
from helpers import network as net
from helpers.checks import Case, Exercise, Mistake
from helpers.datasets import planar_flower
from helpers.initializers import initialize

__all__ = ["EXERCISES", "backward_2layer", "forward_2layer", "random_case", "train_2layer"]

SHALLOW = ["tanh", "sigmoid"]


def random_case(n_x, n_h, m, seed):
    """A random problem: X (n_x, m), 0/1 labels Y (1, m), and parameters with non-zero biases."""
    g = np.random.default_rng(seed)
    X = g.standard_normal((n_x, m))
    Y = (g.random((1, m)) < 0.5).astype(float)
    params = initialize([n_x, n_h, 1], method="xavier", seed=seed)
    params["b1"] = 0.5 * g.standard_normal((n_h, 1))
    params["b2"] = 0.5 * g.standard_normal((1, 1))
    return X, Y, params


_SHAPES = [((2, 2, 3, 6), "n_x = 2, n_h = 2, m = 3"), ((3, 4, 5, 1), "the lecture's 3-4-1, m = 5"),
           ((2, 4, 8, 2), "the flower's 2-4-1, m = 8"), ((5, 10, 20, 3), "a wider layer: 5-10-1, m = 20"),
           ((3, 4, 1, 4), "one example: m = 1")]


def _forward_cases():
    return [Case(X, p, label=label) for (X, _, p), label in
            ((random_case(*shape), label) for shape, label in _SHAPES)]


def _forward_reference(X, params):
    A2, (hidden, output) = net.forward(X, params, SHALLOW)
    return A2, {"Z1": hidden.Z, "A1": hidden.A, "Z2": output.Z, "A2": output.A}


def _forward_solution(X, params):
    Z1 = params["W1"] @ X + params["b1"]  # (n_h, m)
    A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]  # (1, m)
    A2 = act.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _forward_with(params, g1, g2, biases=True):
    def forward(X, p):
        b1, b2 = (p["b1"], p["b2"]) if biases else (0.0, 0.0)
        Z1 = p["W1"] @ X + b1
        A1 = g1(Z1)
        Z2 = p["W2"] @ A1 + b2
        A2 = g2(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return forward


forward_2layer = Exercise(
    "forward_2layer", _forward_cases, _forward_reference, returns=("A2", "cache"),
    where="lesson04.forward_2layer", solution=_forward_solution,
    hints=("the four forward equations of section 4, in order: the hidden layer's Z1 and A1 "
           "(tanh), then the output's Z2 and A2 (sigmoid); each Z is W times the previous "
           "activations plus b; the cache holds all four",
           "Z1 = W1 X + b1 has shape (n_h, m); b1 (n_h, 1) broadcasts over the m columns; "
           "A2 = sigmoid(W2 A1 + b2) has shape (1, m)"),
    mistakes=[
        Mistake("a forward pass without the biases", _forward_with(None, np.tanh, act.sigmoid, False),
                "each layer adds its b: Z = W A_prev + b"),
        Mistake("the sigmoid in the hidden layer (the lesson's hidden layer is tanh)",
                _forward_with(None, act.sigmoid, act.sigmoid), "A1 = tanh(Z1)"),
        Mistake("tanh at the output (the output is a probability: sigmoid)",
                _forward_with(None, np.tanh, np.tanh), "A2 = sigmoid(Z2)"),
    ])


def _backward_cases():
    cases = []
    for shape, label in _SHAPES:
        X, Y, p = random_case(*shape)
        cases.append(Case(X, Y, p, _forward_reference(X, p)[1], label=label))
    return cases


def _backward_reference(X, Y, params, cache):
    A2, caches = net.forward(X, params, SHALLOW)
    return net.backward(A2, Y, caches)


def _backward_solution(X, Y, params, cache):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y  # (1, m)
    dW2 = dZ2 @ A1.T / m  # (1, n_h)
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m  # (1, 1)
    dZ1 = (params["W2"].T @ dZ2) * (1 - A1**2)  # (n_h, m)
    dW1 = dZ1 @ X.T / m  # (n_h, n_x)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m  # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def _backward_with(slope=lambda A1: 1 - A1**2, per_m=True):
    def backward(X, Y, params, cache):
        m = X.shape[1] if per_m else 1
        A1, dZ2 = cache["A1"], cache["A2"] - Y
        dZ1 = (params["W2"].T @ dZ2) * slope(A1)
        return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
                "dW2": dZ2 @ A1.T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
    return backward


backward_2layer = Exercise(
    "backward_2layer", _backward_cases, _backward_reference, where="lesson04.backward_2layer",
    solution=_backward_solution,
    hints=("the six backward equations of section 5, from the output back: dZ2, then dW2 and "
           "db2, then dZ1 through W2 and the slope of tanh, then dW1 and db1; every gradient has "
           "its parameter's shape",
           "dZ1 = (W2^T dZ2) * (1 - A1^2); each dW is dZ times the previous layer's activations "
           "transposed, over m; each db sums dZ over the examples with keepdims=True, over m"),
    mistakes=[
        Mistake("the sigmoid's slope a(1 - a) for the tanh hidden layer",
                _backward_with(lambda A1: A1 * (1 - A1)),
                "tanh's slope is 1 - a^2 (lesson 05 derives it)"),
        Mistake("the slope of tanh left out of dZ1", _backward_with(lambda A1: 1.0),
                "dZ1 is W2^T dZ2 times g'(Z1) = 1 - A1^2, element-wise"),
        Mistake("gradients without the 1/m", _backward_with(per_m=False),
                "the cost is a mean over the m examples, so each dW and db is divided by m"),
    ])


def _flower():
    return planar_flower()


def _train_cases():
    X, Y = _flower()
    return [Case(X, Y, 4, 1.2, 300, 1, label="the flower, 4 hidden units, 300 steps"),
            Case(X[:, ::4], Y[:, ::4], 3, 0.5, 200, 7, label="a quarter of the flower, 3 units")]


def _train_reference(X, Y, n_h, learning_rate, num_iterations, seed):
    return net.train(X, Y, [X.shape[0], n_h, 1], SHALLOW, learning_rate, num_iterations,
                     method="random", seed=seed)[0]


def _train_solution(X, Y, n_h, learning_rate, num_iterations, seed):
    params = initialize([X.shape[0], n_h, 1], method="random", seed=seed)
    for _ in range(num_iterations):
        A2, cache = _forward_solution(X, params)  # in the notebook: your forward_2layer
        grads = _backward_solution(X, Y, params, cache)  # and your backward_2layer
        params = {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
    return params


def _train_weights_only(X, Y, n_h, learning_rate, num_iterations, seed):
    params = initialize([X.shape[0], n_h, 1], method="random", seed=seed)
    for _ in range(num_iterations):
        grads = _backward_reference(X, Y, params, None)
        for name in ("W1", "W2"):
            params[name] = params[name] - learning_rate * grads["d" + name]
    return params


train_2layer = Exercise(
    "train_2layer", _train_cases, _train_reference, where="lesson04.train_2layer", rtol=1e-5,
    solution=_train_solution,
    hints=("start from initialize([n_x, n_h, 1], method='random', seed=seed); then, "
           "num_iterations times: forward, backward, and one step downhill for every parameter",
           "the step is W := W - learning_rate * dW for all four of W1, b1, W2, b2; return the "
           "params after the last step"),
    mistakes=[
        Mistake("only the weights updated (the biases stay at 0)", _train_weights_only,
                "b1 and b2 take a step too: b := b - learning_rate * db"),
    ])

EXERCISES = ["forward_2layer", "backward_2layer", "train_2layer"]
