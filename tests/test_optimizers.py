"""helpers.optimizers and helpers.surfaces: the update rules against numbers worked out by hand,
Adam's bias correction, convergence on a convex quadratic, the network interface, train with
an optimizer and mini-batches, and the boundary rules."""
import math

import numpy as np
import pytest

from helpers import network as net
from helpers import optimizers as opt
from helpers import surfaces
from support import binary_problem

G = np.array([0.5, -2.0])  # a constant gradient for the hand-worked steps


def _three_steps(optimizer, lr=0.1, start=(1.0, 1.0), grads=(G, G, G)):
    w, state = np.array(start), optimizer.init(np.array(start))
    points = []
    for g in grads:
        w, state = optimizer.step(w, g, state, lr)
        points.append(w)
    return points, state


def test_gradient_descent_takes_steps_of_alpha_times_the_gradient():
    points, state = _three_steps(opt.GradientDescent())
    np.testing.assert_allclose(points, [[0.95, 1.2], [0.9, 1.4], [0.85, 1.6]], rtol=1e-15)
    assert state["t"] == 3


def test_momentum_averages_the_gradients_as_worked_out_by_hand():
    # v1 = 0.1 g, v2 = 0.9 v1 + 0.1 g = 0.19 g, v3 = 0.9 v2 + 0.1 g = 0.271 g; w -= 0.1 v
    points, state = _three_steps(opt.Momentum(beta1=0.9), grads=(G, G, -G))
    v1 = 0.1 * G
    v2 = 0.9 * v1 + 0.1 * G
    v3 = 0.9 * v2 - 0.1 * G   # the third gradient points back: v shrinks instead of flipping
    w1 = np.array([1.0, 1.0]) - 0.1 * v1
    np.testing.assert_allclose(points[0], w1, rtol=1e-15)
    np.testing.assert_allclose(points[1], w1 - 0.1 * v2, rtol=1e-15)
    np.testing.assert_allclose(points[2], w1 - 0.1 * v2 - 0.1 * v3, rtol=1e-15)
    np.testing.assert_allclose(state["v"], [0.5 * 0.071, -2.0 * 0.071], rtol=1e-12)


def test_rmsprop_divides_by_the_root_of_the_averaged_squares():
    eps = 1e-8
    points, state = _three_steps(opt.RMSprop(beta2=0.9, epsilon=eps), grads=(G, 2 * G, G))
    s1 = 0.1 * G ** 2
    s2 = 0.9 * s1 + 0.1 * (2 * G) ** 2
    s3 = 0.9 * s2 + 0.1 * G ** 2
    w = np.array([1.0, 1.0])
    for g, s, got in zip((G, 2 * G, G), (s1, s2, s3), points):
        w = w - 0.1 * g / (np.sqrt(s) + eps)
        np.testing.assert_allclose(got, w, rtol=1e-14)
    np.testing.assert_allclose(state["s"], s3, rtol=1e-14)


def test_adams_first_three_steps_match_the_formulas_worked_by_hand():
    b1, b2, eps, lr = 0.9, 0.999, 1e-8, 0.01
    grads = (G, -0.5 * G, 3 * G)
    points, _ = _three_steps(opt.Adam(b1, b2, eps), lr=lr, grads=grads)
    v = s = np.zeros(2)
    w = np.array([1.0, 1.0])
    for t, (g, got) in enumerate(zip(grads, points), start=1):
        v = b1 * v + (1 - b1) * g
        s = b2 * s + (1 - b2) * g * g
        w = w - lr * (v / (1 - b1 ** t)) / (np.sqrt(s / (1 - b2 ** t)) + eps)
        np.testing.assert_allclose(got, w, rtol=1e-14)
    # step 1 by hand: v = 0.1 g, s = 0.001 g², v̂ = g, ŝ = g², so w1 = 1 - 0.01 g / (|g| + 1e-8)
    np.testing.assert_allclose(points[0], [1 - 0.01 * 0.5 / (0.5 + eps), 1 + 0.01 * 2 / (2 + eps)],
                               rtol=1e-15)


def test_with_a_constant_gradient_every_adam_step_is_alpha_times_the_sign():
    points, _ = _three_steps(opt.Adam(epsilon=1e-300), lr=0.05, grads=(G,) * 3)
    for k, w in enumerate(points, start=1):
        np.testing.assert_allclose(w, 1.0 - 0.05 * k * np.sign(G), rtol=1e-14)
    # without the bias correction the first step would be 0.1 / sqrt(0.001) = 3.16 times larger
    v, s = 0.1 * G, 0.001 * G ** 2
    assert abs(0.05 * v[0] / np.sqrt(s[0])) / 0.05 == pytest.approx(0.1 / math.sqrt(0.001))


@pytest.mark.parametrize("optimizer, lr", [(opt.GradientDescent(), 0.03), (opt.Momentum(), 0.03),
                                           (opt.RMSprop(), 0.01), (opt.Adam(), 0.05)])
def test_every_optimizer_reaches_the_minimum_of_a_convex_quadratic(optimizer, lr):
    path = surfaces.descend("elongated", optimizer, lr, 3000)
    assert not path.diverged and path.costs[-1] < 1e-4 * path.costs[0]
    # RMSprop's steps stay about α long (g / √s is about ±1): it ends within a few α of w = 0
    assert np.linalg.norm(path.points[-1]) < (5 * lr if optimizer.name == "rmsprop" else 1e-3)


def test_step_works_on_a_network_dict_and_changes_nothing_it_is_given():
    X, Y, params = binary_problem(3, 4, 20, seed=0)
    AL, caches = net.forward(X, params, ["tanh", "sigmoid"])
    grads = net.backward(AL, Y, caches)
    adam = opt.Adam()
    state = adam.init(params)
    before = {k: v.copy() for k, v in params.items()}
    new, new_state = adam.step(params, grads, state, 0.01)
    assert all(np.array_equal(params[k], before[k]) for k in params)
    assert all(not np.any(state[m][k]) for m in ("v", "s") for k in params) and state["t"] == 0
    assert set(new) == set(params) and new_state["t"] == 1
    for k in params:  # the first step: v̂ = g, ŝ = g², so each entry moves by 0.01 g / (|g| + ε)
        g = grads["d" + k]
        np.testing.assert_allclose(new[k], params[k] - 0.01 * g / (np.abs(g) + 1e-8), rtol=1e-12)


def test_train_with_gradient_descent_optimizer_equals_the_default():
    X, Y, params = binary_problem(2, 3, 30, seed=1)
    a, costs_a = net.train(X, Y, params, ["tanh", "sigmoid"], 0.5, 50)
    b, costs_b = net.train(X, Y, params, ["tanh", "sigmoid"], 0.5, 50, optimizer=opt.GradientDescent())
    assert costs_a == costs_b and all(np.array_equal(a[k], b[k]) for k in a)


def test_train_with_adam_takes_the_steps_of_adam_step():
    X, Y, params = binary_problem(2, 3, 30, seed=2)
    trained, costs = net.train(X, Y, params, ["tanh", "sigmoid"], 0.01, 5, optimizer=opt.Adam())
    adam, p = opt.Adam(), {k: v.copy() for k, v in params.items()}
    state = adam.init(p)
    for _ in range(5):
        AL, caches = net.forward(X, p, ["tanh", "sigmoid"])
        p, state = adam.step(p, net.backward(AL, Y, caches), state, 0.01)
    assert all(np.array_equal(trained[k], p[k]) for k in p)


def test_mini_batches_cover_every_example_once_per_epoch_in_a_seeded_order():
    X, Y, params = binary_problem(2, 3, 10, seed=3)
    _, costs = net.train(X, Y, params, ["tanh", "sigmoid"], 1e-12, 8, batch_size=4, shuffle_seed=5)
    # a tiny learning rate: the weights barely move, so each cost is that of its batch at the start
    rng = np.random.default_rng(5)
    expected = []
    for _ in range(3):
        order = rng.permutation(10)
        for start in (0, 4, 8):
            cols = order[start:start + 4]
            expected.append(net.network_cost(X[:, cols], Y[:, cols], params, ["tanh", "sigmoid"]))
    np.testing.assert_allclose(costs, expected[:8], rtol=1e-9)
    again, _ = net.train(X, Y, params, ["tanh", "sigmoid"], 0.1, 8, batch_size=4, shuffle_seed=5)
    other, _ = net.train(X, Y, params, ["tanh", "sigmoid"], 0.1, 8, batch_size=4, shuffle_seed=6)
    first, _ = net.train(X, Y, params, ["tanh", "sigmoid"], 0.1, 8, batch_size=4, shuffle_seed=5)
    assert all(np.array_equal(again[k], first[k]) for k in first)
    assert not all(np.array_equal(other[k], first[k]) for k in first)


def test_a_batch_of_all_examples_is_full_batch_gradient_descent_on_a_shuffled_set():
    X, Y, params = binary_problem(2, 3, 12, seed=4)
    a, _ = net.train(X, Y, params, ["tanh", "sigmoid"], 0.5, 20)
    b, _ = net.train(X, Y, params, ["tanh", "sigmoid"], 0.5, 20, batch_size=12)
    for k in a:  # the same sums in another order: equal to rounding
        np.testing.assert_allclose(b[k], a[k], rtol=1e-10, atol=1e-12)


def test_steps_to_reach_and_a_diverging_path():
    path = surfaces.descend("elongated", opt.GradientDescent(), 0.085, 500)  # 0.085 > 2/25
    assert path.diverged and path.costs[-1] == np.inf and np.max(np.abs(path.points[-1])) > 1e6
    assert surfaces.steps_to_reach(path, 1e-3) is None
    ok = surfaces.descend("bowl", opt.GradientDescent(), 0.5, 40)
    n = surfaces.steps_to_reach(ok, 1e-3)
    assert ok.costs[n] < 1e-3 <= ok.costs[n - 1]


@pytest.mark.parametrize("name", sorted(surfaces.SURFACES))
def test_each_surface_has_its_gradient_and_its_minimum(name):
    s = surfaces.SURFACES[name]
    assert s.cost(np.array(s.minimum)) == 0.0
    np.testing.assert_allclose(s.gradient(np.array(s.minimum)), [0.0, 0.0], atol=1e-15)
    rng = np.random.default_rng(0)
    for w in rng.uniform(-1.5, 1.5, (5, 2)):
        h = 1e-6
        numeric = [(s.cost(w + h * e) - s.cost(w - h * e)) / (2 * h) for e in np.eye(2)]
        np.testing.assert_allclose(s.gradient(w), numeric, rtol=1e-6, atol=1e-8)
    W = rng.uniform(-1, 1, (2, 7))
    np.testing.assert_allclose(s.cost(W), [s.cost(W[:, i]) for i in range(7)], rtol=1e-15)


@pytest.mark.parametrize("call, error, message", [
    (lambda: opt.Adam(beta1=1.0), ValueError, "beta1"),
    (lambda: opt.Adam(beta2=-0.1), ValueError, "beta2"),
    (lambda: opt.Momentum(beta1="0.9"), TypeError, "beta1"),
    (lambda: opt.RMSprop(epsilon=0.0), ValueError, "epsilon"),
    (lambda: opt.Adam().step(np.ones(2), np.ones(2), opt.Adam().init(np.ones(2)), 0.0), ValueError,
     "learning_rate"),
    (lambda: opt.Adam().step(np.ones(2), np.ones(3), opt.Adam().init(np.ones(2)), 0.1), ValueError,
     "grads has shape"),
    (lambda: opt.Adam().step(np.ones(2), np.ones(2), opt.Momentum().init(np.ones(2)), 0.1), ValueError,
     "state"),
    (lambda: opt.Adam().step({"W1": np.ones((2, 2))}, {"W1": np.ones((2, 2))},
                             opt.Adam().init({"W1": np.ones((2, 2))}), 0.1), ValueError, "dW1"),
    (lambda: opt.Adam().step({"W1": np.ones((2, 2))}, {"dW1": np.ones((2, 1))},
                             opt.Adam().init({"W1": np.ones((2, 2))}), 0.1), ValueError, r"grads\['dW1'\]"),
    (lambda: opt.GradientDescent().step(np.ones(2), np.array([np.nan, 1.0]),
                                        {"t": 0, "optimizer": "gd"}, 0.1),
     ValueError, "grads"),
    (lambda: opt.make("sgd"), ValueError, "name"),
    (lambda: opt.make("momentum", beta2=0.9), TypeError, "beta2"),
    (lambda: surfaces.descend("bowl", "adam", 0.1, 10), TypeError, "optimizer"),
    (lambda: surfaces.descend("valley", opt.Adam(), 0.1, 10), ValueError, "surface"),
    (lambda: surfaces.descend("bowl", opt.Adam(), 0.1, 0), ValueError, "num_steps"),
    (lambda: surfaces.descend("bowl", opt.Adam(), 0.1, 5, start=[1.0]), ValueError, "start"),
    (lambda: surfaces.SURFACES["bowl"].cost(np.ones((3, 2))), ValueError, "W"),
    (lambda: net.train(np.ones((2, 4)), np.ones((1, 4)), [2, 1], ["sigmoid"], 0.1, 2, optimizer="adam"),
     TypeError, "optimizer"),
    (lambda: net.train(np.ones((2, 4)), np.ones((1, 4)), [2, 1], ["sigmoid"], 0.1, 2, batch_size=5),
     ValueError, "batch_size"),
    (lambda: net.train(np.ones((2, 4)), np.ones((1, 4)), [2, 1], ["sigmoid"], 0.1, 2, batch_size=0),
     ValueError, "batch_size"),
    (lambda: net.train(np.ones((2, 4)), np.ones((1, 4)), [2, 1], ["sigmoid"], 0.1, 2, shuffle_seed=-1),
     ValueError, "shuffle_seed"),
])
def test_bad_arguments_are_refused_naming_them(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("make", [opt.GradientDescent, opt.Momentum, opt.RMSprop, opt.Adam])
def test_step_unchecked_takes_exactly_the_steps_of_step(make):
    checked, fast = make(), make()
    w = w_fast = np.array([1.5, -0.5])
    state, state_fast = checked.init(w), fast.init(w)
    for g in (np.array([0.3, -1.0]), np.array([-0.2, 2.0]), np.array([1e-3, 0.5])):
        w, state = checked.step(w, g, state, 0.05)
        w_fast, state_fast = fast.step_unchecked(w_fast, g, state_fast, 0.05)
        np.testing.assert_array_equal(w, w_fast)
    assert state["t"] == state_fast["t"] == 3
