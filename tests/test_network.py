"""helpers.network: forward/backward against finite differences, training, checked inputs."""
import re
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from tqdm import tqdm as std_tqdm

from support import ROOT, SHALLOW, deterministic_env

from helpers import losses
from helpers import network as net
from helpers.activations import ACTIVATIONS, GRAD_FROM_OUTPUT, sigmoid
from helpers.datasets import planar_flower
from helpers.gradcheck import (
    EPSILON,
    numerical_gradient,
    params_to_vector,
    relative_difference,
    vector_to_params,
)
from helpers.initializers import initialize
from helpers.shapes import ShapeError


# Architectures for the backward checks: (layer_dims, activations, eps). Inputs and weights
# of order 1 and few examples keep the gradients well above the finite difference's
# round-off (about 1e-16 / eps relative to J). The stack of four sigmoids has vanishing
# gradients at W1 (about 1e-3, the lecture's point), so it uses eps = 1e-5, where the
# O(eps^2) truncation error is still far below 1e-7. ReLU layers are checked at points
# whose Z is far from the kink at 0 (asserted in the test).
ARCHITECTURES = [
    ([3, 5, 1], ["tanh", "sigmoid"], EPSILON),
    ([4, 6, 5, 3], ["relu", "leaky_relu", "softmax"], EPSILON),
    ([2, 3, 3, 3, 1], ["sigmoid", "sigmoid", "sigmoid", "sigmoid"], 1e-5),
    ([3, 4, 2], ["tanh", "linear"], EPSILON),
    ([2, 4, 3, 1], ["linear", "relu", "sigmoid"], EPSILON),
]
WEIGHT_SCALE = 2.5  # xavier x 2.5: weights of std about 1


def _problem(layer_dims, activations, m=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m)) * 2
    k = layer_dims[-1]
    if activations[-1] == "softmax":
        Y = np.eye(k)[:, rng.integers(0, k, m)]
    elif activations[-1] == "sigmoid":
        Y = (rng.random((k, m)) < 0.5).astype(float)
    else:
        Y = rng.standard_normal((k, m))
    params = initialize(layer_dims, method="xavier", scale=WEIGHT_SCALE, seed=seed + 1)
    return X, Y, params


def _numerical_grads(X, Y, params, activations, eps=EPSILON):
    theta, spec = params_to_vector(params)

    def J(t):
        return net.network_cost(X, Y, vector_to_params(t, spec), activations)

    return vector_to_params(numerical_gradient(J, theta, eps), spec)


@pytest.mark.parametrize("layer_dims, activations, eps", ARCHITECTURES)
def test_backward_matches_a_two_sided_difference_for_every_parameter(layer_dims, activations, eps):
    X, Y, params = _problem(layer_dims, activations)
    AL, caches = net.forward(X, params, activations)
    for cache in caches[:-1]:
        if cache.activation in ("relu", "leaky_relu"):
            assert np.min(np.abs(cache.Z)) > 1e-3  # far from the kink compared with eps = 1e-7
    grads = net.backward(AL, Y, caches)
    approx = _numerical_grads(X, Y, params, activations, eps)
    assert set(grads) == {"d" + name for name in params}
    for name in params:
        assert relative_difference(grads["d" + name], approx[name]) < 1e-7, name


def test_forward_of_the_shallow_net_is_the_lectures_four_equations():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    A2, caches = net.forward(X, p, SHALLOW)
    A1 = np.tanh(p["W1"] @ X + p["b1"])
    np.testing.assert_allclose(A2, sigmoid(p["W2"] @ A1 + p["b2"]), rtol=1e-14)
    assert len(caches) == 2
    np.testing.assert_array_equal(caches[0].A_prev, X)
    assert caches[1].Z.shape == (1, 6) and caches[1].activation == "sigmoid"


def test_backward_of_the_shallow_net_is_the_lectures_six_equations():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    m = X.shape[1]
    A2, caches = net.forward(X, p, SHALLOW)
    grads = net.backward(A2, Y, caches)
    A1 = caches[0].A
    dZ2 = A2 - Y
    dZ1 = p["W2"].T @ dZ2 * (1 - A1 ** 2)
    np.testing.assert_allclose(grads["dW2"], dZ2 @ A1.T / m, rtol=1e-13)
    np.testing.assert_allclose(grads["db2"], dZ2.sum(axis=1, keepdims=True) / m, rtol=1e-13)
    np.testing.assert_allclose(grads["dW1"], dZ1 @ X.T / m, rtol=1e-13)
    np.testing.assert_allclose(grads["db1"], dZ1.sum(axis=1, keepdims=True) / m, rtol=1e-13)


# ---- layer_backward: the twin of layer_forward, and backward built from it -----------------

LAYER_ACTIVATIONS = sorted(ACTIVATIONS) + ["softmax"]


def _layer_problem(activation, m=5, seed=0):
    """A_prev (3, m), W (4, 3), b (4, 1) of order 1, and a read-out R (4, m)."""
    rng = np.random.default_rng(seed)
    A_prev = rng.standard_normal((3, m))
    W, b = rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    return A_prev, W, b, rng.standard_normal((4, m))


def _readout_dZ(cache, R):
    """Per example, d(r . a)/dz for the read-out J = (1/m) sum_i r(i) . a(i), a = g(z)."""
    if cache.activation == "softmax":  # the softmax's Jacobian times r: a (r - a . r)
        return cache.A * (R - np.sum(cache.A * R, axis=0, keepdims=True))
    return R * ACTIVATIONS[cache.activation][1](cache.Z)


@pytest.mark.parametrize("activation", LAYER_ACTIVATIONS)
def test_layer_backward_matches_a_two_sided_difference_for_each_activation(activation):
    A_prev, W, b, R = _layer_problem(activation)
    m = A_prev.shape[1]

    def J(A_prev, W, b):  # the read-out of layer_forward's A
        A, _ = net.layer_forward(A_prev, W, b, activation)
        return float(np.sum(R * A) / m)

    _, cache = net.layer_forward(A_prev, W, b, activation)
    if activation in ("relu", "leaky_relu"):
        assert np.min(np.abs(cache.Z)) > 1e-3  # far from the kink compared with eps = 1e-7
    dA_prev, dW, db = net.layer_backward(_readout_dZ(cache, R), cache)
    assert dA_prev.shape == A_prev.shape and dW.shape == W.shape and db.shape == b.shape
    assert relative_difference(dW, numerical_gradient(lambda t: J(A_prev, t, b), W)) < 1e-7
    assert relative_difference(db, numerical_gradient(lambda t: J(A_prev, W, t), b)) < 1e-7
    # dA_prev is per example, like dZ: m times dJ/dA_prev
    assert relative_difference(dA_prev / m, numerical_gradient(lambda t: J(t, W, b), A_prev)) < 1e-7


def test_layer_backward_is_the_lectures_three_formulas():
    A_prev, W, b, R = _layer_problem("tanh")
    _, cache = net.layer_forward(A_prev, W, b, "tanh")
    dA_prev, dW, db = net.layer_backward(R, cache)
    np.testing.assert_array_equal(dW, R @ A_prev.T / 5)
    np.testing.assert_array_equal(db, np.sum(R, axis=1, keepdims=True) / 5)
    np.testing.assert_array_equal(dA_prev, W.T @ R)


def _backward_as_before(AL, Y, caches):
    """backward as it was written before layer_backward: the lecture's loop in one piece."""
    m = AL.shape[1]
    grads, dZ = {}, AL - Y
    for l in range(len(caches), 0, -1):
        cache = caches[l - 1]
        grads[f"dW{l}"] = (dZ @ cache.A_prev.T) / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            prev = caches[l - 2]
            dZ = (cache.W.T @ dZ) * GRAD_FROM_OUTPUT[prev.activation](prev.A)
    return grads


@pytest.mark.parametrize("layer_dims, activations, eps", ARCHITECTURES)
def test_backward_is_unchanged_and_is_layer_backward_chained_from_the_output(layer_dims, activations, eps):
    X, Y, params = _problem(layer_dims, activations)
    AL, caches = net.forward(X, params, activations)
    grads = net.backward(AL, Y, caches)
    before = _backward_as_before(AL, Y, caches)
    chained, dZ = {}, AL - Y
    for l in range(len(caches), 0, -1):
        dA_prev, chained[f"dW{l}"], chained[f"db{l}"] = net.layer_backward(dZ, caches[l - 1])
        if l > 1:
            dZ = dA_prev * GRAD_FROM_OUTPUT[caches[l - 2].activation](caches[l - 2].A)
    assert set(grads) == set(before) == set(chained)
    for key in grads:  # bit for bit: the same operations in the same order
        np.testing.assert_array_equal(grads[key], before[key], err_msg=key)
        np.testing.assert_array_equal(grads[key], chained[key], err_msg=key)


def test_layer_backward_refuses_a_transposed_dZ_a_foreign_cache_and_no_examples():
    A_prev, W, b, R = _layer_problem("tanh", m=6)
    _, cache = net.layer_forward(A_prev, W, b, "tanh")
    with pytest.raises(ShapeError, match=r"dZ has shape \(6, 4\), expected \(4, 6\) \(the shape of "
                                         r"cache.Z\); it looks transposed: dZ.T"):
        net.layer_backward(R.T, cache)
    with pytest.raises(TypeError, match=r"cache must be the LayerCache that layer_forward\(\) returned"):
        net.layer_backward(R, (A_prev, W, b))
    with pytest.raises(ValueError, match=r"dZ has no examples \(m = 0\)"):
        net.layer_backward(R[:, :0], cache._replace(A_prev=A_prev[:, :0], Z=cache.Z[:, :0]))
    with pytest.raises(ValueError, match=r"cache.W has 1 non-finite value"):
        net.layer_backward(R, cache._replace(W=np.where(W == W[0, 0], np.nan, W)))


def test_layer_backward_leaves_dZ_and_the_cache_unchanged():
    A_prev, W, b, R = _layer_problem("relu")
    _, cache = net.layer_forward(A_prev, W, b, "relu")
    saved = [R.copy()] + [np.copy(v) for v in cache[:5]]
    net.layer_backward(R, cache)
    for before, after in zip(saved, [R] + list(cache[:5])):
        np.testing.assert_array_equal(before, after)


def test_layer_backward_raises_instead_of_overflowing():
    A_prev, W, b, R = _layer_problem("linear")
    _, cache = net.layer_forward(A_prev, W, b, "linear")
    with pytest.raises(ValueError, match=r"layer_backward overflowed float64"):
        net.layer_backward(np.full(R.shape, 1e308), cache._replace(A_prev=np.full(A_prev.shape, 10.0)))


# ---- hidden_unit_activations --------------------------------------------------------------

def test_hidden_unit_activations_are_each_layers_A_at_the_points():
    X, Y, p = _problem([3, 5, 4, 1], ["tanh", "relu", "sigmoid"], m=7)
    _, caches = net.forward(X, p, ["tanh", "relu", "sigmoid"])
    for layer in (1, 2, 3):
        A = net.hidden_unit_activations(p, ["tanh", "relu", "sigmoid"], X, layer=layer)
        np.testing.assert_array_equal(A, caches[layer - 1].A)
    np.testing.assert_array_equal(net.hidden_unit_activations(p, ["tanh", "relu", "sigmoid"], X),
                                  np.tanh(p["W1"] @ X + p["b1"]))


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(layer=4), ValueError, r"^layer must be between 1 and 3; got 4"),
    (dict(layer=0), ValueError, r"^layer must be a whole number >= 1"),
    (dict(layer=1.5), ValueError, r"^layer must be a whole number >= 1"),
    (dict(points=np.ones((2, 4))), ShapeError, r"^W1 has shape \(5, 3\) but points has shape \(2, 4\): W1 "
                                                r"needs one column per input feature"),
    (dict(points=np.ones((4, 3))), ShapeError, r"points looks transposed: points.T has shape \(3, 4\)"),
    (dict(points=np.full((3, 2), np.nan)), ValueError, r"^points has 6 non-finite"),
    (dict(points="x"), TypeError, r"^points must be an array of real numbers"),
    (dict(activations=["tanh", "softplus", "sigmoid"]), ValueError, r"^activations\[1\] \(layer 2\)"),
    (dict(params=None), TypeError, r"^params must be a dict"),
])
def test_hidden_unit_activations_refuses_bad_arguments_by_name(kwargs, error, message):
    X, _, p = _problem([3, 5, 4, 1], ["tanh", "relu", "sigmoid"])
    args = dict(params=p, activations=["tanh", "relu", "sigmoid"], points=X, layer=1) | kwargs
    with pytest.raises(error, match=message):
        net.hidden_unit_activations(**args)


# ---- what a caller that checks once and evaluates many costs uses (helpers.gradcheck) -------

def test_network_cost_unchecked_on_checked_arguments_is_network_cost():
    for dims, acts in [([3, 5, 1], SHALLOW), ([4, 6, 3], ["relu", "softmax"]),
                       ([3, 4, 2], ["tanh", "linear"])]:
        X, Y, p = _problem(dims, acts)
        checked = net.check_cost_arguments(X.tolist(), Y.tolist(), p, tuple(acts))
        assert all(isinstance(a, np.ndarray) and a.dtype == np.float64 for a in checked[:2])
        assert checked[3] == acts and checked[2] is not p
        assert net.network_cost_unchecked(*checked) == net.network_cost(X, Y, p, acts)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear", "softmax"])
def test_the_unchecked_layer_functions_are_the_checked_ones_without_their_checks(activation):
    rng = np.random.default_rng(4)
    A_prev, W, b = rng.standard_normal((3, 5)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    A, cache = net.layer_forward(A_prev, W, b, activation)
    A_u, cache_u = net.layer_forward_unchecked(A_prev, W, b, activation)
    np.testing.assert_array_equal(A_u, A)
    np.testing.assert_array_equal(cache_u.Z, cache.Z)
    assert cache_u.activation == activation
    dZ = rng.standard_normal((4, 5))
    for got, want in zip(net.layer_backward_unchecked(dZ, cache_u), net.layer_backward(dZ, cache)):
        np.testing.assert_array_equal(got, want)
    dA_prev, dW, db = net.layer_backward_unchecked(dZ, cache_u, with_dA_prev=False)
    assert dA_prev is None and dW.shape == (4, 3) and db.shape == (4, 1)


def test_check_cost_arguments_refuses_as_network_cost_does():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    for bad in [dict(Y=Y.T), dict(X=X[:, :0], Y=Y[:, :0]), dict(Y=Y * 2)]:
        args = dict(X=X, Y=Y, params=p, activations=SHALLOW) | bad
        with pytest.raises(ValueError) as checked:
            net.check_cost_arguments(**args)
        with pytest.raises(ValueError) as costed:
            net.network_cost(**args)
        assert str(checked.value) == str(costed.value)


def test_check_layer_keys_counts_the_layers_and_names_a_missing_or_unexpected_key():
    _, _, p = _problem([3, 5, 4, 1], ["tanh", "relu", "sigmoid"])
    assert net.check_layer_keys(p, "params") == 3
    grads = {"d" + k: v for k, v in p.items()}
    assert net.check_layer_keys(grads, "grads", prefix="d", L=3) == 3
    with pytest.raises(ValueError, match=r"^grads has no 'db2' for params\['b2'\]"):
        net.check_layer_keys({k: v for k, v in grads.items() if k != "db2"}, "grads", prefix="d", L=3)
    with pytest.raises(ValueError, match=r"^params has an unexpected key 'w1' \(did you mean 'W1'\?"):
        net.check_layer_keys({("w1" if k == "W1" else k): v for k, v in p.items()}, "params")
    with pytest.raises(TypeError, match=r"^theta must be a dict"):
        net.check_layer_keys([p], "theta")


def test_float64_arithmetic_turns_an_overflow_into_a_value_error_naming_the_step():
    big = np.array([1e308])
    with pytest.raises(ValueError, match=r"^my step overflowed float64"):
        with net.float64_arithmetic("my step"):
            big * 10
    with net.float64_arithmetic("my step"):  # underflow rounds to 0, silently
        assert (np.array([1e-308]) * 1e-100)[0] == 0.0


def test_network_cost_agrees_with_compute_cost_on_probabilities():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    AL, _ = net.forward(X, p, SHALLOW)
    assert net.network_cost(X, Y, p, SHALLOW) == pytest.approx(net.compute_cost(AL, Y), rel=1e-12)


def test_compute_cost_for_softmax_and_linear_outputs():
    X, Y, p = _problem([4, 6, 5, 3], ["relu", "leaky_relu", "softmax"])
    AL, _ = net.forward(X, p, ["relu", "leaky_relu", "softmax"])
    assert net.compute_cost(AL, Y, "softmax") == pytest.approx(
        net.network_cost(X, Y, p, ["relu", "leaky_relu", "softmax"]), rel=1e-12)
    assert net.compute_cost(np.array([[2.0]]), np.array([[0.0]]), "linear") == 2.0


def test_update_returns_new_params_and_leaves_the_callers_alone():
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 3), 2.0), "db1": np.ones((2, 1))}
    new = net.update(params, grads, learning_rate=0.5)
    np.testing.assert_array_equal(new["W1"], np.zeros((2, 3)))
    np.testing.assert_array_equal(new["b1"], np.full((2, 1), -0.5))
    np.testing.assert_array_equal(params["W1"], np.ones((2, 3)))
    np.testing.assert_array_equal(params["b1"], np.zeros((2, 1)))


def test_update_refuses_a_gradient_of_the_wrong_shape():
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    with pytest.raises(ShapeError, match=r"dW1 has shape \(3, 2\), expected \(2, 3\) \(the shape of W1\)"
                                         r"; it looks transposed: dW1.T"):
        net.update(params, {"dW1": np.ones((3, 2)), "db1": np.ones((2, 1))}, 0.1)


def test_forward_and_backward_do_not_change_their_inputs():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    saved = (X.copy(), Y.copy(), {k: v.copy() for k, v in p.items()})
    AL, caches = net.forward(X, p, SHALLOW)
    net.backward(AL, Y, caches)
    np.testing.assert_array_equal(X, saved[0])
    np.testing.assert_array_equal(Y, saved[1])
    for k in p:
        np.testing.assert_array_equal(p[k], saved[2][k])


def test_train_equals_repeated_forward_backward_update():
    X, Y, p = _problem([3, 5, 1], SHALLOW, m=20)
    trained, costs = net.train(X, Y, p, SHALLOW, learning_rate=0.3, num_iterations=5)
    by_hand, by_hand_costs = p, []
    for _ in range(5):
        AL, caches = net.forward(X, by_hand, SHALLOW)
        by_hand_costs.append(net.compute_cost(AL, Y))
        by_hand = net.update(by_hand, net.backward(AL, Y, caches), 0.3)
    for k in p:
        np.testing.assert_allclose(trained[k], by_hand[k], rtol=1e-12)
    np.testing.assert_allclose(costs, by_hand_costs, rtol=1e-12)


def test_train_does_not_change_the_params_it_starts_from():
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    saved = {k: v.copy() for k, v in p.items()}
    trained, _ = net.train(X, Y, p, SHALLOW, learning_rate=0.5, num_iterations=3)
    for k in p:
        np.testing.assert_array_equal(p[k], saved[k])
        assert trained[k] is not p[k]


def test_train_records_one_cost_per_step_starting_at_log_2_for_tiny_weights():
    X, Y = planar_flower()
    _, costs = net.train(X, Y, [2, 4, 1], SHALLOW, 1.2, 50, method="random", seed=0)
    assert len(costs) == 50 and all(type(c) is float for c in costs)
    assert costs[0] == pytest.approx(np.log(2), abs=1e-3)
    assert costs[-1] < costs[0]


def test_train_is_reproducible_for_a_seed():
    X, Y = planar_flower(m=40)
    _, a = net.train(X, Y, [2, 3, 1], SHALLOW, 0.5, 20, method="he", seed=4)
    _, b = net.train(X, Y, [2, 3, 1], SHALLOW, 0.5, 20, method="he", seed=4)
    assert a == b


def test_shallow_net_learns_the_planar_flower_to_at_least_88_percent():
    # The lecture's 2-4-1 tanh/sigmoid network, "random" (x 0.01) init, 10,000 steps at
    # learning rate 1.2; the course reports about 90 % (about half a second here).
    X, Y = planar_flower()
    params, costs = net.train(X, Y, [2, 4, 1], SHALLOW, 1.2, 10_000, method="random", seed=0)
    assert net.accuracy(net.predict(X, params, SHALLOW), Y) >= 0.88
    assert costs[-1] < 0.3


def test_change_after_nudges_is_tiny_for_a_run_that_settles_and_reuses_the_same_nudges():
    X, Y = planar_flower(m=80)
    args = (X, Y, [2, 3, 1], SHALLOW, 0.5, 200)
    change = net.change_after_nudges(*args, method="xavier", seed=2, tries=2)
    assert 0 < change < 1e-10  # the nudge moved something, and it stayed tiny
    assert net.change_after_nudges(*args, method="xavier", seed=2, tries=2) == change


def test_change_after_nudges_is_large_for_a_run_that_wanders():
    # A learning rate far too large for the flower: gradient descent never settles.
    X, Y = planar_flower()
    change = net.change_after_nudges(X, Y, [2, 8, 1], SHALLOW, 1.2, 3000, method="xavier", seed=0)
    assert change > 1e-6


def test_change_after_nudges_starts_from_a_params_dict_without_changing_it():
    X, Y = planar_flower(m=40)
    start = initialize([2, 3, 1], method="he", seed=1)
    before = {k: v.copy() for k, v in start.items()}
    same = net.change_after_nudges(X, Y, [2, 3, 1], SHALLOW, 0.5, 50, method="he", seed=1, tries=1)
    assert net.change_after_nudges(X, Y, start, SHALLOW, 0.5, 50, tries=1) == same
    assert all(np.array_equal(start[k], before[k]) for k in start)


@pytest.mark.parametrize("kwargs, message", [
    ({"nudge": 0.0}, "nudge must be"), ({"nudge": float("nan")}, "nudge must be"),
    ({"nudge": 0.1}, "nudge must be"), ({"tries": 0}, "tries must be"),
    ({"tries": 1.5}, "tries must be"), ({"tries": True}, "tries must be")])
def test_change_after_nudges_refuses_a_bad_nudge_or_number_of_tries(kwargs, message):
    X, Y = planar_flower(m=20)
    with pytest.raises((ValueError, TypeError), match=message):
        net.change_after_nudges(X, Y, [2, 2, 1], SHALLOW, 0.5, 5, **kwargs)


def test_a_softmax_network_learns_three_separable_blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 4.0, -4.0], [4.0, -2.0, -2.0]])
    labels = rng.integers(0, 3, 150)
    X = centres[:, labels] + rng.standard_normal((2, 150))
    Y = np.eye(3)[:, labels]
    acts = ["relu", "softmax"]
    params, _ = net.train(X, Y, [2, 8, 3], acts, 0.1, 300, method="he", seed=0)
    pred = net.predict(X, params, acts)
    assert pred.shape == (1, 150) and pred.dtype == np.int64
    assert net.accuracy(pred, Y) > 0.95


def test_a_linear_output_fits_a_line_with_half_mean_squared_error():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (1, 50))
    Y = 3 * X - 1
    params, costs = net.train(X, Y, [1, 1], ["linear"], 0.5, 200, method="zeros")
    assert costs[-1] < 1e-10
    np.testing.assert_allclose([params["W1"][0, 0], params["b1"][0, 0]], [3, -1], rtol=1e-5)


def test_predict_thresholds_a_sigmoid_output_at_one_half():
    params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    pred = net.predict(np.array([[-2.0, -1e-9, 1e-9, 2.0]]), params, ["sigmoid"])
    np.testing.assert_array_equal(pred, [[0, 0, 1, 1]])


def test_accuracy_accepts_labels_or_one_hot_columns():
    assert net.accuracy(np.array([[1, 0, 1, 1]]), np.array([[1, 0, 0, 1]])) == 0.75
    assert net.accuracy(np.array([[2, 1]]), np.array([[0, 1], [0, 0], [1, 0]])) == 0.5


# ---- printing and progress -----------------------------------------------------------

def test_train_prints_nothing_by_default(capsys):
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    net.train(X, Y, p, SHALLOW, 0.1, 5)
    assert capsys.readouterr() == ("", "")


def test_print_every_prints_steps_and_costs_with_four_decimals(capsys):
    X, Y = planar_flower()
    _, costs = net.train(X, Y, [2, 4, 1], SHALLOW, 1.2, 2500, method="random", seed=0, print_every=1000)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"step {i:5d}: cost {costs[i]:.4f}" for i in (0, 1000, 2000)]
    assert lines[0] == "step     0: cost 0.6931"
    assert all(re.fullmatch(r"step +\d+: cost \d+\.\d{4}", line) for line in lines)


def test_progress_bar_shows_no_times_or_rates(capsys):
    X, Y, p = _problem([3, 5, 1], SHALLOW)
    net.train(X, Y, p, SHALLOW, 0.1, 20, progress=True)
    err = capsys.readouterr().err
    assert "20/20" in err
    assert "it/s" not in err and "s/it" not in err and not re.search(r"\d\d:\d\d", err)


def test_the_finished_bar_text_shows_every_step_and_no_time():
    assert net._bar_text(10_000, 10_000) == "training: 100%|██████████| 10000/10000"
    assert net._bar_text(3700, 10_000) == "training:  37%|███▋      | 3700/10000"


_SETUP = ("import numpy as np\nfrom helpers import network as net\n"
          "X = np.random.default_rng(0).standard_normal((2, 30))\nY = (X[:1] > 0).astype(float)")
_FINISHES = ("p, costs = net.train(X, Y, [2, 3, 1], ['tanh', 'sigmoid'], 0.5, 250, method='random',\n"
             "                     print_every=100, progress=True)\nprint(len(costs), 'costs')")
_DIVERGES = ("try:\n    net.train(X, Y, [2, 8, 8, 1], ['relu', 'relu', 'sigmoid'], 1e300, 100, seed=0,\n"
             "              progress=True)\nexcept ValueError:\n    print('diverged')")


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)


def _bar_outputs(cell):
    return [o for o in cell.outputs if o.output_type == "display_data"]


@pytest.fixture(scope="module")
def refreshed_progress_notebook(tmp_path_factory):
    """A notebook with a run that finishes and one that diverges, refreshed as make refresh does."""
    path = tmp_path_factory.mktemp("progress") / "progress.ipynb"
    _notebook(path, _SETUP, _FINISHES, _DIVERGES)
    subprocess.run([sys.executable, str(ROOT / "tools" / "refresh_notebooks.py"), str(path)],
                   check=True, env=deterministic_env(), capture_output=True, timeout=180)
    return path


def test_a_notebook_stores_the_finished_progress_bar_not_the_empty_one(refreshed_progress_notebook):
    # tqdm's widget alone would store its fallback as first displayed: "training:   0%| ... 0/250".
    cell = nbformat.read(refreshed_progress_notebook, as_version=4).cells[1]
    bars = _bar_outputs(cell)
    assert len(bars) == 1
    assert bars[0].data["text/plain"] == "training: 100%|██████████| 250/250"
    streams = "".join(o.text for o in cell.outputs if o.output_type == "stream")
    assert streams.splitlines() == ["step     0: cost 0.6931", "step   100: cost 0.0689",
                                    "step   200: cost 0.0284", "250 costs"]
    assert not re.search(r"\d\d:\d\d|it/s|s/it", bars[0].data["text/plain"] + streams)


def test_a_notebook_run_that_stops_early_stores_the_bar_where_it_stopped(refreshed_progress_notebook):
    cell = nbformat.read(refreshed_progress_notebook, as_version=4).cells[2]
    bars = _bar_outputs(cell)
    assert len(bars) == 1
    assert re.fullmatch(r"training: +\d+%\|.*\| (\d+)/100", bars[0].data["text/plain"])
    assert not bars[0].data["text/plain"].endswith("100/100")
    assert "diverged" in "".join(o.text for o in cell.outputs if o.output_type == "stream")


def test_strict_nbval_re_executes_the_stored_finished_bar_and_finds_no_difference(
        refreshed_progress_notebook, tmp_path):
    # nbval compares the bar's output as first displayed with the stored one: they must agree.
    nb = nbformat.read(refreshed_progress_notebook, as_version=4)
    nb.cells = nb.cells[:2]  # the run that finishes
    copy = tmp_path / "finished.ipynb"
    nbformat.write(nb, copy)
    res = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                          "-p", "no:cacheprovider", "-q", "--rootdir", str(tmp_path), str(copy)],
                         cwd=tmp_path, capture_output=True, text=True, env=deterministic_env(),
                         timeout=180)
    assert res.returncode == 0, res.stdout[-3000:]


def test_progress_bar_text_is_the_same_whatever_the_elapsed_time():
    # What a notebook stores as the bar's text/plain is tqdm's format_meter with our format.
    texts = {std_tqdm.format_meter(n=10_000, total=10_000, elapsed=t, prefix="training",
                                   bar_format=net._PROGRESS_FORMAT, ncols=60) for t in (0.4, 9.9)}
    assert len(texts) == 1
    assert texts.pop().endswith("| 10000/10000")


# ---- refused inputs: each message names the argument --------------------------------

def test_a_rank1_X_is_refused_with_a_reshape_hint():
    p = initialize([2, 4, 1], method="random")
    with pytest.raises(ShapeError, match=r"X has shape \(400,\).*X is a rank-1 array.*reshape"):
        net.forward(np.zeros(400), p, SHALLOW)


def test_X_that_does_not_match_W1_names_both_shapes():
    p = initialize([3, 4, 1], method="random")
    with pytest.raises(ShapeError, match=r"W1 has shape \(4, 3\) but X has shape \(2, 5\)"):
        net.forward(np.zeros((2, 5)), p, SHALLOW)


def test_consecutive_weights_that_do_not_chain_are_refused():
    p = initialize([3, 4, 1], method="random")
    p["W2"] = np.zeros((1, 5))
    with pytest.raises(ShapeError, match=r"W2 has shape \(1, 5\) but W1 has shape \(4, 3\)"):
        net.forward(np.zeros((3, 5)), p, SHALLOW)


def test_a_rank1_bias_is_refused_with_a_column_hint():
    p = initialize([3, 4, 1], method="random")
    p["b1"] = np.zeros(4)
    with pytest.raises(ShapeError, match=r"b1 is a rank-1 array: make it a column with b1.reshape\(4, 1\)"):
        net.forward(np.zeros((3, 5)), p, SHALLOW)


def test_labels_of_2_are_refused_for_a_sigmoid_output():
    X, Y = planar_flower(m=10)
    Y[0, 3] = 2
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; found \[2.0\]"):
        net.train(X, Y, [2, 4, 1], SHALLOW, 1.2, 10)


def test_labels_of_2_are_refused_by_backward_too():
    X, Y = planar_flower(m=10)
    AL, caches = net.forward(X, initialize([2, 4, 1], method="random"), SHALLOW)
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1"):
        net.backward(AL, Y * 2, caches)


def test_Y_with_the_wrong_number_of_examples_is_refused():
    X, Y = planar_flower(m=10)
    with pytest.raises(ShapeError, match=r"Y has shape \(1, 9\), expected \(1, 10\)"):
        net.train(X, Y[:, :9], [2, 4, 1], SHALLOW, 1.2, 10)


def test_nan_in_X_is_refused_by_name():
    X, Y = planar_flower(m=10)
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"X has 1 non-finite value"):
        net.train(X, Y, [2, 4, 1], SHALLOW, 1.2, 10)


def test_nan_in_the_params_is_refused_by_name():
    p = initialize([2, 4, 1], method="random")
    p["W2"][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"W2 has 1 non-finite value"):
        net.predict(np.zeros((2, 3)), p, SHALLOW)


def test_one_activation_per_layer_is_required():
    p = initialize([2, 4, 1], method="random")
    with pytest.raises(ValueError, match=r"activations has 1 name\(s\) but params has 2 layer\(s\)"):
        net.forward(np.zeros((2, 3)), p, ["sigmoid"])


def test_an_unknown_hidden_activation_is_refused():
    p = initialize([2, 4, 1], method="random")
    with pytest.raises(ValueError, match=r"activations\[0\] \(layer 1\) is 'softmax'; "
                                         r"a hidden layer takes one of"):
        net.forward(np.zeros((2, 3)), p, ["softmax", "sigmoid"])


def test_an_output_activation_without_a_matching_cost_is_refused():
    p = initialize([2, 4, 1], method="random")
    with pytest.raises(ValueError, match=r"activations\[-1\] \(the output layer\) is 'relu'"):
        net.forward(np.zeros((2, 3)), p, ["tanh", "relu"])


def test_layer_dims_that_do_not_fit_X_are_refused():
    X, Y = planar_flower(m=10)
    with pytest.raises(ShapeError, match=r"W1 has shape \(4, 3\) but X has shape \(2, 10\)"):
        net.train(X, Y, [3, 4, 1], SHALLOW, 1.2, 10)


# ---- params and grads dicts: exactly the keys of the network ---------------------------

def _flower_net(m=10):
    X, Y = planar_flower(m=m)
    return X, Y, initialize([2, 4, 1], method="xavier", seed=0)


CALLS = {
    "forward": lambda X, Y, p: net.forward(X, p, SHALLOW),
    "predict": lambda X, Y, p: net.predict(X, p, SHALLOW),
    "network_cost": lambda X, Y, p: net.network_cost(X, Y, p, SHALLOW),
    "train": lambda X, Y, p: net.train(X, Y, p, SHALLOW, 0.1, 2),
}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("extra, message", [
    ({"w3": np.ones((1, 1))}, r"unexpected key 'w3' \(did you mean 'W3'\?"),
    ({"W4": np.ones((1, 1)), "b4": np.ones((1, 1))}, r"unexpected key 'W4' \(but no 'W3'"),
    ({"learning_rate": 0.1}, r"unexpected key 'learning_rate' \(it is not a parameter"),
    ({"dW1": np.ones((4, 2))}, r"unexpected key 'dW1' \(a gradient's name"),
])
def test_a_key_that_the_network_does_not_have_is_refused_by_name(call, extra, message):
    X, Y, p = _flower_net()
    with pytest.raises(ValueError, match=message):
        CALLS[call](X, Y, {**p, **extra})


def test_a_misspelt_bias_is_named_with_the_key_it_should_be():
    X, _, p = _flower_net()
    p["B2"] = p.pop("b2")
    with pytest.raises(ValueError, match=r"unexpected key 'B2' \(did you mean 'b2'\?"):
        net.forward(X, p, SHALLOW)


def test_a_missing_bias_is_named():
    X, _, p = _flower_net()
    del p["b2"]
    with pytest.raises(ValueError, match=r"params has 'W2' but no 'b2'; a network of 2 layer\(s\) "
                                         r"has exactly W1, b1, W2, b2"):
        net.forward(X, p, SHALLOW)


def test_a_transposed_W1_is_blamed_on_W1_not_on_b1():
    X, _, p = _flower_net()
    p["W1"] = p["W1"].T
    with pytest.raises(ShapeError, match=r"^W1 has shape \(2, 4\) but X has shape \(2, 10\).*"
                                         r"it looks transposed: W1.T has shape \(4, 2\)"):
        net.forward(X, p, SHALLOW)
    grads = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    with pytest.raises(ShapeError, match=r"^W1 has shape \(2, 4\).*W1.T has shape \(4, 2\)"):
        net.update(p, grads, 0.1)


def test_a_transposed_W1_of_a_one_layer_network_is_blamed_on_W1_in_update():
    p = {"W1": np.ones((2, 3)), "b1": np.zeros((3, 1))}
    with pytest.raises(ShapeError, match=r"^W1 has shape \(2, 3\) but b1 has shape \(3, 1\).*W1.T"):
        net.update(p, {"dW1": np.ones((2, 3)), "db1": np.ones((3, 1))}, 0.1)


def test_a_transposed_X_gets_the_hint():
    X, _, p = _flower_net()
    with pytest.raises(ShapeError, match=r"X looks transposed: X.T has shape \(2, 10\)"):
        net.forward(X.T, p, SHALLOW)


@pytest.mark.parametrize("change, message", [
    (lambda g: g.pop("db2"), r"grads has no 'db2' for params\['b2'\]"),
    (lambda g: g.update(dW3=np.ones((1, 1))), r"grads has an unexpected key 'dW3'"),
    (lambda g: g.update(W1=np.ones((4, 2))), r"grads has an unexpected key 'W1' \(a parameter's name"),
])
def test_update_wants_exactly_one_gradient_per_parameter(change, message):
    _, _, p = _flower_net()
    grads = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    change(grads)
    with pytest.raises(ValueError, match=message):
        net.update(p, grads, 0.1)


# ---- learning rates and counts ----------------------------------------------------------

@pytest.mark.parametrize("rate, error", [
    (float("nan"), ValueError), (-1.0, ValueError), (0.0, ValueError), (float("inf"), ValueError),
    (None, TypeError), ([0.1], TypeError), (1j, TypeError), ("0.1", TypeError), (True, TypeError)])
def test_a_learning_rate_that_is_not_a_positive_finite_real_is_refused(rate, error):
    X, Y, p = _flower_net()
    grads = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    with pytest.raises(error, match=r"learning_rate must be a"):
        net.train(X, Y, p, SHALLOW, rate, 3)
    with pytest.raises(error, match=r"learning_rate must be a"):
        net.update(p, grads, rate)


def test_a_huge_learning_rate_trains_to_a_finite_poor_result_when_the_weights_stay_finite():
    # tanh and sigmoid keep the gradients bounded: the weights jump by about 1e6 per step,
    # the cost grows, but every number stays finite (and honest).
    X, Y, p = _flower_net(m=40)
    trained, costs = net.train(X, Y, p, SHALLOW, 1e6, 50)
    assert all(np.isfinite(costs)) and costs[-1] > 10 * costs[0]
    assert all(np.all(np.isfinite(v)) for v in trained.values())


def test_a_learning_rate_that_makes_the_weights_overflow_raises_naming_it():
    X, Y = planar_flower(m=40)
    with pytest.raises(ValueError, match=r"train diverged at step \d+ with learning_rate=1e\+300"):
        net.train(X, Y, [2, 8, 8, 1], ["relu", "relu", "sigmoid"], 1e300, 100, seed=0)


def test_inputs_too_large_for_float64_raise_instead_of_warning(strict_floats):
    X, Y, p = _flower_net()
    with pytest.raises(ValueError, match=r"forward overflowed float64"):
        net.forward(X * 1e307, {**p, "W1": p["W1"] * 100}, SHALLOW)
    with pytest.raises(ValueError, match=r"train: the cost of the starting weights overflowed"):
        net.train(X * 1e307, Y, {**p, "W1": p["W1"] * 100}, SHALLOW, 0.1, 5)


@pytest.mark.parametrize("kwargs, message", [
    ({"num_iterations": 0}, r"num_iterations must be a whole number >= 1, got 0"),
    ({"num_iterations": 2.5}, r"num_iterations must be a whole number >= 1"),
    ({"num_iterations": -3}, r"num_iterations must be a whole number >= 1"),
    ({"print_every": 0}, r"print_every must be a whole number >= 1"),
    ({"print_every": 1.5}, r"print_every must be a whole number >= 1"),
])
def test_train_refuses_a_count_that_is_not_a_whole_number_of_steps(kwargs, message):
    X, Y, p = _flower_net()
    args = dict(learning_rate=0.1, num_iterations=3) | kwargs
    with pytest.raises(ValueError, match=message):
        net.train(X, Y, p, SHALLOW, **args)


def test_train_accepts_a_whole_float_number_of_steps():
    X, Y, p = _flower_net()
    _, costs = net.train(X, Y, p, SHALLOW, 0.1, 3.0)
    assert len(costs) == 3


# ---- costs and accuracy: shapes checked against each other ------------------------------

def test_compute_cost_refuses_AL_and_Y_both_transposed_with_the_hint():
    X, Y, p = _flower_net()
    AL, _ = net.forward(X, p, SHALLOW)
    with pytest.raises(ShapeError, match=r"AL has shape \(10, 1\), expected \(1, any\); it looks "
                                         r"transposed: AL.T \(or AL.reshape\(1, -1\)\)"):
        net.compute_cost(AL.T, Y.T)
    with pytest.raises(ShapeError, match=r"Y has shape \(10, 1\), expected \(1, 10\) \(the shape of AL\)"):
        net.compute_cost(AL, Y.T)


def test_compute_cost_refuses_transposed_softmax_probabilities_with_the_hint():
    AL = np.full((3, 5), 1 / 3)
    Y = np.eye(3)[:, [0, 1, 2, 0, 1]]
    assert net.compute_cost(AL, Y, "softmax") == pytest.approx(np.log(3), rel=1e-12)
    with pytest.raises(ValueError, match=r"its rows sum to 1 instead: it looks transposed"):
        net.compute_cost(AL.T, Y.T, "softmax")


def test_compute_cost_refuses_logits_and_no_examples():
    X, Y, p = _flower_net()
    _, caches = net.forward(X, p, SHALLOW)
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\].*logits"):
        net.compute_cost(caches[-1].Z * 10, Y)
    with pytest.raises(ValueError, match=r"AL has no examples \(m = 0\)"):
        net.compute_cost(np.zeros((1, 0)), np.zeros((1, 0)))


def test_accuracy_refuses_probabilities_with_a_hint_to_threshold_them():
    X, Y, p = _flower_net()
    AL, _ = net.forward(X, p, SHALLOW)
    with pytest.raises(ValueError, match=r"predictions must hold labels 0 or 1.*look like "
                                         r"probabilities.*predict\(X, params, activations\)"):
        net.accuracy(AL, Y)
    assert net.accuracy(net.predict(X, p, SHALLOW), Y) == net.accuracy((AL > 0.5).astype(int), Y)


def test_accuracy_refuses_labels_outside_the_problem_and_no_examples():
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; found \[2.0\]"):
        net.accuracy(np.array([[1, 0, 1, 1, 0]]), np.array([[2, 0, 2, 2, 0]]))
    with pytest.raises(ValueError, match=r"predictions must hold labels 0 or 1 .*found 2"):
        net.accuracy(np.array([[2, 0, 1]]), np.array([[1, 0, 1]]))
    with pytest.raises(ValueError, match=r"predictions must hold class indices 0 to 2; found 3"):
        net.accuracy(np.array([[3, 1]]), np.array([[0, 1], [0, 0], [1, 0]]))
    with pytest.raises(ValueError, match=r"predictions has no examples \(m = 0\)"):
        net.accuracy(np.zeros((1, 0)), np.zeros((1, 0)))


def test_accuracy_refuses_transposed_predictions_or_labels():
    with pytest.raises(ShapeError, match=r"predictions has shape \(3, 1\).*predictions.T"):
        net.accuracy(np.array([[1], [0], [1]]), np.array([[1, 0, 1]]))
    with pytest.raises(ShapeError, match=r"Y has shape \(3, 1\).*Y.T"):
        net.accuracy(np.array([[1, 0, 1]]), np.array([[1], [0], [1]]))


def test_network_cost_is_the_cost_of_helpers_losses_from_the_logits():
    # network uses the unchecked cores of helpers.losses: the same numbers as the public costs.
    for dims, acts, kind in [([3, 5, 1], SHALLOW, "sigmoid"),
                             ([4, 6, 3], ["relu", "softmax"], "softmax"),
                             ([3, 4, 2], ["tanh", "linear"], "linear")]:
        X, Y, p = _problem(dims, acts)
        AL, caches = net.forward(X, p, acts)
        Z = caches[-1].Z
        expected = {"sigmoid": lambda: losses.binary_cross_entropy_with_logits(Z, Y),
                    "softmax": lambda: losses.softmax_cross_entropy_with_logits(Z, Y),
                    "linear": lambda: losses.half_mean_squared_error(AL, Y)}[kind]()
        assert net.network_cost(X, Y, p, acts) == pytest.approx(expected, rel=1e-15, abs=0)


def test_forward_and_predict_of_no_examples_are_empty():
    _, _, p = _flower_net()
    AL, caches = net.forward(np.zeros((2, 0)), p, SHALLOW)
    assert AL.shape == (1, 0) and caches[0].Z.shape == (4, 0)
    assert net.predict(np.zeros((2, 0)), p, SHALLOW).shape == (1, 0)
    with pytest.raises(ValueError, match=r"AL has no examples \(m = 0\)"):
        net.backward(AL, np.zeros((1, 0)), caches)


def test_a_softmax_output_of_one_unit_is_refused():
    p = initialize([2, 1], method="xavier")
    with pytest.raises(ShapeError, match=r"W1 has shape \(1, 2\): a softmax output layer needs k >= 2 units"):
        net.forward(np.zeros((2, 3)), p, ["softmax"])


def test_layer_forward_checks_its_arrays_and_names():
    W, b = np.ones((4, 2)), np.zeros((4, 1))
    A, cache = net.layer_forward(np.ones((2, 3)), W, b, "relu")
    np.testing.assert_array_equal(A, np.full((4, 3), 2.0))
    assert cache.activation == "relu"
    with pytest.raises(ShapeError, match=r"W has shape \(2, 4\) but A_prev has shape \(2, 3\).*W.T"):
        net.layer_forward(np.ones((2, 3)), W.T, b, "relu")
    with pytest.raises(ShapeError, match=r"b has shape \(4,\), expected \(4, 1\).*b.reshape\(4, 1\)"):
        net.layer_forward(np.ones((2, 3)), W, np.zeros(4), "relu")
    with pytest.raises(ValueError, match=r"activation must be one of .*got 'ReLU'"):
        net.layer_forward(np.ones((2, 3)), W, b, "ReLU")


def test_backward_refuses_transposed_labels_and_caches_that_are_not_forwards():
    X, Y, p = _flower_net()
    AL, caches = net.forward(X, p, SHALLOW)
    with pytest.raises(ShapeError, match=r"Y has shape \(10, 1\), expected \(1, 10\) "
                                         r"\(the shape of AL\).*Y.T"):
        net.backward(AL, Y.T, caches)
    with pytest.raises(TypeError, match=r"caches must be the list of LayerCache"):
        net.backward(AL, Y, {"A1": AL})


def test_every_public_name_defined_here_is_in___all___and_nothing_else():
    defined = {name for name, obj in vars(net).items()
               if not name.startswith("_") and getattr(obj, "__module__", None) == net.__name__}
    assert defined == set(net.__all__)
