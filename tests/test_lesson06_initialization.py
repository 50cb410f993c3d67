"""Lesson 06 (weight initialization; DLS course 1 week 3 p35, course 2 week 1 video 1.11):
the lesson's claims as tests.

The lectures' numbers are formulas: W = randn * 0.01 for the shallow net, Var(w) = 1/n
(the lecture's Xavier, for tanh; LeCun's in the frameworks), 2/n (He, ReLU) and
2/(n_in + n_out) (Glorot and Bengio's rule, the frameworks' Xavier/Glorot). They are checked
through helpers.initializers, together with the claims the notebook makes about them: zero
weights keep the hidden units identical; Var(z) = n Var(w) Var(x); a deep stack keeps its
signal with Xavier/tanh and He/ReLU and loses it or blows it up otherwise; the course's
comparison on the circles (0.5 / 0.5, 0.83 / 0.86, 0.9933 / 0.96 in the course) has the same
pattern on our data; the naive first cost of the large start is inf/nan, the stable one
finite; the exercise's reference solution draws what helpers draws (its self-check: test_exercise_mutants.py).
"""
import math

import nbformat
import numpy as np
import pytest

from helpers import activations as act
from helpers import deepstats, losses
from helpers import network as net
from helpers.datasets import circles
from helpers.initializers import init_std, initialize
from notebook_code import run_cells
from support import ROOT

NOTEBOOK = ROOT / "notebooks" / "06_initialization.ipynb"
SEED = 1  # the notebook's seed
COURSE_DIMS, COURSE_ACTS = [2, 10, 5, 1], ["relu", "relu", "sigmoid"]


@pytest.fixture(scope="module")
def data():
    return circles()


# --- the lectures' formulas -----------------------------------------------------------

def test_the_lecture_formulas_for_the_weights_spread():
    n_prev, n_curr = 500, 250
    assert init_std("random", n_prev, n_curr) == 0.01  # np.random.randn(...) * 0.01 (p35)
    assert init_std("xavier", n_prev, n_curr) == pytest.approx(math.sqrt(1 / n_prev))
    assert init_std("he", n_prev, n_curr) == pytest.approx(math.sqrt(2 / n_prev))
    assert init_std("glorot", n_prev, n_curr) == pytest.approx(math.sqrt(2 / (n_prev + n_curr)))
    assert init_std("zeros", n_prev, n_curr) == 0.0
    # the values the notebook prints for this layer
    assert [f"{init_std(m, 500, 250):.4f}" for m in ("xavier", "he", "glorot")] == \
        ["0.0447", "0.0632", "0.0516"]


def test_the_lecture_line_of_code_is_xavier_initialization():
    rng = np.random.default_rng(SEED)
    lecture = rng.standard_normal((250, 500)) * np.sqrt(1 / 500)  # randn(shape) * sqrt(1/n[l-1])
    np.testing.assert_array_equal(lecture, initialize([500, 250], "xavier", seed=SEED)["W1"])


def test_randn_times_10_is_the_random_method_with_scale_1000():
    assert init_std("random", 10, 5, scale=1000) == pytest.approx(10.0)


# --- 1. zeros ---------------------------------------------------------------------------

def test_zero_init_with_tanh_hidden_units_leaves_both_weight_matrices_at_zero(data):
    X, Y = data[0][:, :100], data[1][:, :100]
    params, _ = net.train(X, Y, [2, 2, 1], ["tanh", "sigmoid"], 1.0, 2000, method="zeros")
    for name in ("W1", "b1", "W2"):
        assert not np.any(params[name]), f"{name} moved"
    # only b2 learned: the network answers the share of ones (42 %) for every point
    assert float(np.mean(Y)) == pytest.approx(0.42)
    assert 1 / (1 + math.exp(-params["b2"].item())) == pytest.approx(0.42, abs=1e-3)


@pytest.mark.parametrize("n_hidden", [2, 4, 10])
def test_zero_init_keeps_the_rows_of_W1_identical_after_training(data, n_hidden):
    X, Y = data[0][:, :100], data[1][:, :100]
    params, _ = net.train(X, Y, [2, n_hidden, 1], ["sigmoid", "sigmoid"], 1.0, 2000, method="zeros")
    W1, W2 = params["W1"], params["W2"]
    assert np.max(np.abs(W1)) > 0.1, "the units should have learned something"
    assert np.max(np.abs(W1 - W1[0])) < 1e-12 * np.max(np.abs(W1))
    assert np.max(np.abs(W2 - W2[0, 0])) < 1e-12 * np.max(np.abs(W2))
    assert np.max(np.abs(params["b1"] - params["b1"][0])) < 1e-12


def test_random_init_gives_different_rows(data):
    X, Y = data[0][:, :100], data[1][:, :100]
    params, _ = net.train(X, Y, [2, 4, 1], ["sigmoid", "sigmoid"], 1.0, 2000, method="he", seed=SEED)
    assert np.max(np.abs(params["W1"] - params["W1"][0])) > 0.1


def test_on_the_balanced_full_set_a_zero_started_sigmoid_network_does_not_move_at_all(data):
    X, Y = data[0], data[1]
    assert float(np.mean(Y)) == 0.5
    params, costs = net.train(X, Y, [2, 2, 1], ["sigmoid", "sigmoid"], 1.0, 50, method="zeros")
    assert all(not np.any(v) for v in params.values())
    assert costs[-1] == pytest.approx(math.log(2))


# --- 2. small and large random numbers ------------------------------------------------------

def test_a_large_start_saturates_most_tanh_units_and_a_small_one_none(data):
    X = data[0]
    dims, acts = [2, 10, 5, 1], ["tanh", "tanh", "sigmoid"]
    _, large = net.forward(X, initialize(dims, "random", 1000.0, seed=SEED), acts)
    saturated = [np.mean(1 - c.A**2 < act.flat_slope("tanh")) for c in large[:2]]
    assert saturated[0] > 0.5 and saturated[1] > 0.9
    # lesson 05's definition, in z: beyond artanh(0.995) = 2.99
    assert saturated == [np.mean(np.abs(c.Z) > act.saturation_z("tanh")) for c in large[:2]]
    _, small = net.forward(X, initialize(dims, "random", 1.0, seed=SEED), acts)
    assert all(np.mean(1 - c.A**2 < act.flat_slope("tanh")) == 0 for c in small[:2])
    assert np.std(small[1].Z) < 1e-3


def test_both_extremes_learn_slowly_and_xavier_learns(data):
    X, Y = data[0], data[1]
    dims, acts = [2, 10, 5, 1], ["tanh", "tanh", "sigmoid"]
    final = {}
    for label, method, scale in [("small", "random", 1.0), ("xavier", "xavier", 1.0),
                                 ("large", "random", 1000.0)]:
        _, costs = net.train(X, Y, dims, acts, 0.1, 3000, method=method, scale=scale, seed=SEED)
        final[label] = costs[-1]
    assert final["small"] == pytest.approx(math.log(2), abs=1e-3)  # the plateau
    assert final["large"] > 0.5
    assert final["xavier"] < 0.3


# --- 3. the variance argument -----------------------------------------------------------------

@pytest.mark.parametrize("n", [10, 100, 1000])
@pytest.mark.parametrize("w_var", ["1", "1/n"])
def test_var_z_is_n_var_w_var_x(n, w_var):
    rng = np.random.default_rng(n)
    x_var = 4.0
    var = 1.0 if w_var == "1" else 1.0 / n
    x = math.sqrt(x_var) * rng.standard_normal((n, 1000))
    W = math.sqrt(var) * rng.standard_normal((2000, n))
    assert np.var(W @ x) == pytest.approx(n * var * x_var, rel=0.04)


def test_relu_halves_the_second_moment():
    z = 3.0 * np.random.default_rng(0).standard_normal(1_000_000)
    assert np.mean(np.maximum(z, 0) ** 2) == pytest.approx(np.var(z) / 2, rel=0.01)


# --- 4. the deep network: 10 layers of 500 units, 1,000 examples --------------------------------

DEEP_DIMS = [500] + [500] * 10


@pytest.fixture(scope="module")
def deep():
    draws = deepstats.standard_draws(DEEP_DIMS, 1000, seed=SEED)
    runs = {}
    for g in ("tanh", "relu"):
        for label, method, scale in [("small", "random", 1.0), ("xavier", "xavier", 1.0),
                                     ("he", "he", 1.0), ("large", "random", 1000.0)]:
            runs[g, label] = deepstats.layer_statistics(DEEP_DIMS, g, method, scale, draws=draws)
    return runs


def test_xavier_keeps_a_tanh_stack_within_a_small_factor(deep):
    std = deep["tanh", "xavier"].std
    assert 0.25 < std[-1] / std[0] < 1  # a slow decay (tanh squashes), not a collapse
    grad = deep["tanh", "xavier"].grad_rms
    assert 0.2 < grad[0] / grad[-1] < 1


def test_he_keeps_a_relu_stack_steady_forward_and_backward(deep):
    std, grad = deep["relu", "he"].std, deep["relu", "he"].grad_rms
    assert np.all(np.abs(std / std[0] - 1) < 0.5)
    assert np.all(np.abs(grad / grad[-1] - 1) < 0.2)


@pytest.mark.parametrize("g", ["tanh", "relu"])
def test_randn_times_001_makes_activations_and_gradients_vanish(deep, g):
    stats = deep[g, "small"]
    assert stats.std[-1] < 1e-5 * stats.std[0]
    assert stats.grad_rms[0] < 1e-4 * stats.grad_rms[-1]


def test_randn_times_10_saturates_tanh_and_explodes_relu(deep):
    tanh = deep["tanh", "large"]
    assert np.all(tanh.std > 0.99) and np.all(tanh.flat_fraction > 0.95)
    assert tanh.grad_rms[0] > 1e6 * tanh.grad_rms[-1]  # exploding on the way back
    relu = deep["relu", "large"]
    assert relu.std[-1] > 1e18 * relu.std[0]
    assert relu.grad_rms[0] > 1e18 * relu.grad_rms[-1]


def test_xavier_with_relu_halves_the_variance_per_layer(deep):
    std = deep["relu", "xavier"].std
    ratios = std[1:] / std[:-1]
    assert np.all(np.abs(ratios - 1 / math.sqrt(2)) < 0.1)


def test_the_prediction_follows_the_measured_std_and_the_small_signal_line_does_not(deep):
    full = deepstats.predicted_statistics(DEEP_DIMS, "tanh", "xavier")
    small = deepstats.predicted_statistics(DEEP_DIMS, "tanh", "xavier", small_signal=True)
    measured = deep["tanh", "xavier"].std
    np.testing.assert_allclose(full.std, measured, rtol=0.05)
    np.testing.assert_allclose(small.std, 1.0)
    # the values the prose quotes for layer 1 and layer 10
    assert (round(measured[0], 2), round(measured[-1], 2)) == (0.63, 0.22)


def test_relu_weight_gradients_are_the_same_size_in_every_layer(deep):
    for label in ("small", "xavier", "he", "large"):
        dW = deep["relu", label].dW_norm
        assert np.max(dW) / np.min(dW) < 1.5


# --- 5. the course's comparison on the circles --------------------------------------------------

def test_the_large_start_makes_the_naive_first_cost_nan_or_inf_and_the_stable_one_finite(data):
    X, Y = data[0], data[1]
    params = initialize(COURSE_DIMS, "random", scale=1000, seed=SEED)
    AL, caches = net.forward(X, params, COURSE_ACTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        assert np.isnan(np.mean(naive))
        assert np.isinf(np.nansum(naive))
    stable = losses.binary_cross_entropy_with_logits(caches[-1].Z, Y)
    assert math.isfinite(stable)


@pytest.fixture(scope="module")
def course(data):
    X_train, Y_train, X_test, Y_test = data
    results = {}
    for label, method, scale in [("zeros", "zeros", 1.0), ("large", "random", 1000.0),
                                 ("he", "he", 1.0)]:
        params, costs = net.train(X_train, Y_train, COURSE_DIMS, COURSE_ACTS, 0.01, 15000,
                                  method=method, scale=scale, seed=SEED)
        results[label] = (net.accuracy(net.predict(X_train, params, COURSE_ACTS), Y_train),
                          net.accuracy(net.predict(X_test, params, COURSE_ACTS), Y_test), costs)
    return results


def test_zeros_learn_nothing_on_the_circles(course):
    train, test, costs = course["zeros"]
    assert train == 0.5 and test == 0.5  # the course: 0.5 / 0.5
    assert costs[-1] == pytest.approx(math.log(2))


def test_he_is_near_perfect_on_the_circles(course):
    train, test, _ = course["he"]
    assert train > 0.95 and test > 0.9  # the course: 0.9933 / 0.96


def test_randn_times_10_starts_huge_and_ends_in_between(course):
    train, test, costs = course["large"]
    assert costs[0] > 10
    assert 0.6 < train < course["he"][0] and 0.6 < test < course["he"][1]  # the course: 0.83 / 0.86


# --- 6. the exercise ---------------------------------------------------------------------------

def test_the_exercise_solution_draws_exactly_what_helpers_draws():
    # the self-check (lesson06.initialize_he) and its mutants are tested in test_exercise_mutants.py
    ns = run_cells(NOTEBOOK, ("def initialize_he(",), {"np": np})
    mine, theirs = ns["initialize_he"]([7, 5, 3], seed=2), initialize([7, 5, 3], "he", seed=2)
    for name in theirs:
        np.testing.assert_array_equal(mine[name], theirs[name])


def test_the_lesson_names_each_rule_as_the_lecture_and_the_frameworks_do():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "Glorot** and Bengio" not in text and "(Glorot and Bengio)" not in text  # one person
    assert "Xavier Glorot and Yoshua" in text
    assert "LeCun" in text and "lecun_normal" in text  # 1/n
    assert "xavier_normal_" in text and "glorot_normal" in text  # 2/(n_in + n_out)
    assert "kaiming_normal_" in text and "he_normal" in text
    # helpers' names: "xavier" is the lecture's 1/n, "glorot" the paper's 2/(n_in + n_out)
    assert init_std("xavier", 400, 100) == pytest.approx(math.sqrt(1 / 400))
    assert init_std("glorot", 400, 100) == pytest.approx(math.sqrt(2 / 500))


def test_the_notebook_states_the_course_numbers():
    text = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells)
    assert '"zeros": (0.5, 0.5), "randn * 10": (0.83, 0.86), "he": (0.9933, 0.96)' in text
