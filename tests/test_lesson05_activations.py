"""Lesson 05 (activation functions, DLS course 1 week 3 videos p30-p32; MLS course 2 week 2):
the lesson's claims as tests.

The lecture's facts: tanh = (e^z - e^-z)/(e^z + e^-z) (the notes' '+' on top is the constant
1), leaky ReLU = max(0.01 z, z), sigma' = sigma(1 - sigma) <= 1/4, tanh' = 1 - tanh^2 <= 1,
ReLU' in {0, 1}; tanh's outputs average 0 where the sigmoid's average 0.5; linear hidden
layers collapse to one linear map, and with a sigmoid output to logistic regression. The
notebook's printed numbers (saturation thresholds, shares of saturated units, slopes,
accuracies) are recomputed here, the one definition of "saturated" (slope below 1 % of its
peak) is checked to be the one both lessons use, and the exercises' reference solutions,
read from the notebook itself, are checked.
"""
import warnings

import nbformat
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import activations as act
from helpers import network as net
from helpers.gradcheck import numerical_gradient, relative_difference
from helpers.initializers import initialize
from helpers.widgets.activation import INPUTS_SEED, N_INPUTS, input_statistics
from support import ROOT

NOTEBOOK = ROOT / "notebooks" / "05_activations.ipynb"
SEED = 1  # the notebook's seed
HIDDEN = {"sigmoid": ("xavier", 0.6), "tanh": ("xavier", 0.6), "relu": ("he", 0.15),
          "leaky_relu": ("he", 0.15), "linear": ("xavier", 0.6)}  # the notebook's choices
STEPS = 3000


def _fit(X, Y, name, n_hidden=4, seed=SEED, learning_rate=None):
    method, rate = HIDDEN[name]
    params, costs = net.train(X, Y, [2, n_hidden, 1], [name, "sigmoid"], learning_rate or rate,
                              STEPS, method=method, seed=seed)
    return params, costs, net.accuracy(net.predict(X, params, [name, "sigmoid"]), Y)


def _exponential_forms(z):
    plus = (np.exp(z) + np.exp(-z)) / (np.exp(z) + np.exp(-z))
    minus = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    return plus, minus


# --- the formulas ------------------------------------------------------------------------

def test_the_right_tanh_formula_equals_np_tanh():
    z = np.linspace(-6, 6, 241)
    _, minus = _exponential_forms(z)
    np.testing.assert_allclose(minus, np.tanh(z), rtol=0, atol=1e-12)
    np.testing.assert_allclose(act.tanh(z), np.tanh(z), rtol=0, atol=0)


def test_the_notes_tanh_with_a_plus_on_top_is_the_constant_1():
    z = np.linspace(-5, 5, 201)
    plus, _ = _exponential_forms(z)
    assert np.all(plus == 1.0)


@given(st.floats(-30, 30))
def test_tanh_is_a_stretched_sigmoid(z):
    assert act.tanh(z) == pytest.approx(2 * act.sigmoid(2 * z) - 1, abs=1e-12)


def test_the_value_table_of_the_lesson():
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    assert np.array2string(act.sigmoid(z), precision=4) == \
        "[0.0474 0.2689 0.3775 0.5    0.6225 0.7311 0.9526]"
    np.testing.assert_allclose(act.tanh(z)[[0, 1, 2]], [-0.9951, -0.7616, -0.4621], atol=5e-5)
    np.testing.assert_array_equal(act.relu(z), [0, 0, 0, 0, 0.5, 1, 3])
    np.testing.assert_allclose(act.leaky_relu(z), [-0.03, -0.01, -0.005, 0, 0.5, 1, 3])


def test_the_lecture_leaky_slope_is_0_01_and_leaky_relu_is_max_of_0_01_z_and_z():
    assert act.LEAKY_ALPHA == 0.01
    z = np.linspace(-5, 5, 101)
    np.testing.assert_array_equal(act.leaky_relu(z), np.maximum(0.01 * z, z))
    np.testing.assert_array_equal(act.relu(z), np.maximum(0, z))


# --- the derivatives ----------------------------------------------------------------------

Z_CHECK = np.concatenate([np.linspace(-6, -0.01, 200), np.linspace(0.01, 6, 200)])


@pytest.mark.parametrize("name", list(act.ACTIVATIONS))
def test_every_derivative_agrees_with_finite_differences_at_400_points(name):
    g, g_prime = act.ACTIVATIONS[name]
    numerical = np.array([numerical_gradient(g, z0) for z0 in Z_CHECK])
    assert relative_difference(g_prime(Z_CHECK), numerical) < 1e-7


def test_the_derivatives_written_with_a_are_the_lectures():
    z = np.linspace(-8, 8, 161)
    s, t = act.sigmoid(z), np.tanh(z)
    # a(1 - a) and 1 - a^2 lose digits to cancellation as |z| grows (about 3e-13 and 3e-10
    # relative at |z| = 8); helpers computes the same slopes in a form that does not cancel.
    np.testing.assert_allclose(act.sigmoid_grad(z), s * (1 - s), rtol=1e-9)
    np.testing.assert_allclose(act.tanh_grad(z), 1 - t**2, rtol=1e-9)
    assert set(np.unique(act.relu_grad(z))) == {0.0, 1.0}
    assert set(np.unique(act.leaky_relu_grad(z))) == {0.01, 1.0}


def test_the_steepest_slopes_are_one_quarter_for_sigmoid_and_1_for_tanh_at_z_0():
    z = np.linspace(-10, 10, 2001)
    assert act.sigmoid_grad(z).max() == act.sigmoid_grad(0.0) == 0.25
    assert act.tanh_grad(z).max() == act.tanh_grad(0.0) == 1.0


def test_at_the_corner_helpers_use_0_and_alpha_while_finite_differences_average_the_sides():
    assert float(act.relu_grad(0.0)) == 0.0
    assert float(act.leaky_relu_grad(0.0)) == 0.01
    assert numerical_gradient(act.relu, 0.0) == pytest.approx(0.5)
    assert numerical_gradient(act.leaky_relu, 0.0) == pytest.approx(0.505)


# --- tanh versus sigmoid: centred outputs -------------------------------------------------

def test_on_symmetric_inputs_tanh_averages_0_and_sigmoid_one_half():
    eps = np.random.default_rng(SEED).standard_normal(5000)
    z = np.concatenate([eps, -eps])  # exactly symmetric about 0
    assert act.sigmoid(z).mean() == pytest.approx(0.5, abs=1e-12)
    assert act.tanh(z).mean() == pytest.approx(0.0, abs=1e-12)


def test_on_the_flower_each_sigmoid_unit_averages_about_one_half_each_tanh_unit_0(flower):
    X, _ = flower
    params = initialize([2, 4, 1], method="xavier", seed=SEED)
    Z1 = params["W1"] @ X + params["b1"]
    sig, tanh = act.sigmoid(Z1).mean(axis=1), act.tanh(Z1).mean(axis=1)
    assert np.all(np.abs(sig - 0.5) < 0.02)
    assert np.all(np.abs(tanh) < 0.05)


# --- saturation ---------------------------------------------------------------------------

def test_saturated_means_a_slope_below_1_percent_of_its_peak_tanh_beyond_2_99_sigmoid_5_99():
    assert act.FLAT_SLOPE == 0.01
    assert f"{act.saturation_z('tanh'):.2f}" == "2.99" and f"{act.saturation_z('sigmoid'):.2f}" == "5.99"
    assert act.saturation_z("sigmoid") == pytest.approx(2 * act.saturation_z("tanh"))  # "twice as far"
    assert f"{float(act.tanh(act.saturation_z('tanh'))):.4f}" == "0.9950"  # |a| > 0.995
    assert f"{float(act.sigmoid(act.saturation_z('sigmoid'))):.4f}" == "0.9975"
    for name, peak in (("sigmoid", 0.25), ("tanh", 1.0)):
        g_prime = act.ACTIVATIONS[name][1]
        assert float(g_prime(0.0)) == peak and act.flat_slope(name) == pytest.approx(peak / 100)
        far = np.linspace(act.saturation_z(name) + 1e-9, 40, 500)
        assert np.all(g_prime(far) < act.flat_slope(name)) and np.all(g_prime(-far) < act.flat_slope(name))
        near = np.linspace(0, act.saturation_z(name) - 1e-9, 500)
        assert np.all(g_prime(near) >= act.flat_slope(name))
    assert float(act.sigmoid_grad(6.0)) / 0.25 == pytest.approx(0.01, abs=0.001)  # "1 %", just past 5.99
    # at a = 0.95, piled up but not saturated, tanh's slope is still about 0.1
    assert 1 - 0.95**2 == pytest.approx(0.1, abs=0.003)


def test_the_histograms_of_section_3_pile_tanh_up_at_plus_minus_1_not_the_sigmoid(flower):
    X, _ = flower
    params = initialize([2, 4, 1], method="xavier", seed=SEED)
    Z1 = params["W1"] @ X + params["b1"]
    s, t = act.sigmoid(Z1), act.tanh(Z1)
    near_ends = {"sigmoid": np.mean((s < 0.05) | (s > 0.95)), "tanh": np.mean(np.abs(t) > 0.95)}
    saturated = {name: np.mean(np.abs(Z1) > act.saturation_z(name)) for name in ("sigmoid", "tanh")}
    assert near_ends["sigmoid"] < 0.1  # "few come near 0 or 1"
    assert saturated["tanh"] < near_ends["tanh"] / 2  # "piled up near ±1 is not yet saturated"
    assert 0.22 < near_ends["tanh"] < 0.28  # "a quarter of all its outputs"
    # the two tallest bars of tanh's histogram (40 bars on [-1, 1]) are the two at the ends
    counts, _ = np.histogram(t.ravel(), bins=40, range=(-1, 1))
    assert set(np.argsort(counts)[-2:]) == {0, 39}
    counts, _ = np.histogram(s.ravel(), bins=40, range=(-1, 1))
    assert counts[20] + counts[39] < counts.max()  # the sigmoid: nothing piled at 0 or 1


def test_larger_first_layer_weights_saturate_more_units_and_shrink_the_gradient_of_W1(flower):
    X, Y = flower
    params0 = initialize([2, 4, 1], method="xavier", seed=SEED)
    for name in ["sigmoid", "tanh"]:
        saturated, norms = [], []
        for c in [1, 3, 10, 30]:
            AL, caches = net.forward(X, dict(params0, W1=c * params0["W1"]), [name, "sigmoid"])
            grads = net.backward(AL, Y, caches)
            Z = caches[0].Z
            saturated.append(np.mean(np.abs(Z) > act.saturation_z(name)))
            # the same units as the definition gives: slope below 1 % of its peak
            assert saturated[-1] == np.mean(act.ACTIVATIONS[name][1](Z) < act.flat_slope(name))
            norms.append(np.linalg.norm(grads["dW1"]))
        assert saturated == sorted(saturated) and saturated[-1] > 0.85
        assert norms == sorted(norms, reverse=True)
        assert 6 <= norms[0] / norms[-1] <= 11  # "6 to 10 times smaller"


def test_the_explorer_snapshots_of_section_7_print_what_the_prose_says():
    eps = np.random.default_rng(INPUTS_SEED).standard_normal(N_INPUTS)
    narrow, wide = input_statistics("sigmoid", eps), input_statistics("sigmoid", 5 * eps)
    assert wide["mean_slope"] < narrow["mean_slope"] / 2  # "by more than half"
    assert 0.2 < wide["saturated"] < 0.25  # "almost a quarter"
    tanh = input_statistics("tanh", 3 + eps)
    assert 0.4 < tanh["saturated"] < 0.6 and f"{tanh['mean_slope']:.2f}" == "0.05"  # "about half"
    relu = input_statistics("relu", -1 + eps)
    assert relu["off"] > 0.5 and relu["saturated"] is None  # "off for most of them"


def test_both_lessons_and_deepstats_use_the_one_definition_of_saturated():
    texts = {name: "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / name, as_version=4).cells)
             for name in ("05_activations.ipynb", "06_initialization.ipynb")}
    for name, text in texts.items():
        for old in ("0.97", "0.03]", "3.48", "2.09", "FLAT_SLOPE)"):  # the former thresholds
            assert old not in text, (name, old)
    assert "act.saturation_z(name)" in texts["05_activations.ipynb"]
    assert "1 % of the largest slope" in texts["05_activations.ipynb"]
    assert 'act.flat_slope("tanh")' in texts["06_initialization.ipynb"]
    assert "lesson 05's definition" in texts["06_initialization.ipynb"]
    import helpers.deepstats as deepstats
    assert not hasattr(deepstats, "FLAT_SLOPE") and "flat_slope(activation)" in \
        (ROOT / "helpers" / "deepstats.py").read_text()


# --- why non-linear -----------------------------------------------------------------------

def test_two_linear_layers_equal_one_layer_with_W2_W1_and_W2_b1_plus_b2(flower):
    X, _ = flower
    rng = np.random.default_rng(SEED)
    W1, b1 = rng.standard_normal((4, 2)), rng.standard_normal((4, 1))
    W2, b2 = rng.standard_normal((1, 4)), rng.standard_normal((1, 1))
    A2, _ = net.forward(X, {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, ["linear", "linear"])
    np.testing.assert_allclose(A2, (W2 @ W1) @ X + (W2 @ b1 + b2), rtol=0, atol=1e-12)


def test_a_deep_linear_network_collapses_to_one_linear_map(flower):
    X, _ = flower
    rng = np.random.default_rng(7)
    params = initialize([2, 5, 4, 3, 1], method="he", seed=SEED)
    for l in range(1, 5):
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape)
    W, b = np.eye(2), np.zeros((2, 1))
    for l in range(1, 5):
        W, b = params[f"W{l}"] @ W, params[f"W{l}"] @ b + params[f"b{l}"]
    A4, _ = net.forward(X, params, ["linear"] * 4)
    assert W.shape == (1, 2)
    np.testing.assert_allclose(A4, W @ X + b, rtol=0, atol=1e-12)


def test_linear_hidden_units_with_a_sigmoid_output_are_logistic_regression_on_the_flower(flower):
    X, Y = flower
    params_lr, _ = net.train(X, Y, [2, 1], ["sigmoid"], 1.2, 2000, method="zeros")
    params_lin, _, acc_lin = _fit(X, Y, "linear")
    acc_lr = net.accuracy(net.predict(X, params_lr, ["sigmoid"]), Y)
    assert acc_lr == acc_lin == 0.51 and acc_lin < 0.6  # lesson 03's 51.0 %
    W = params_lin["W2"] @ params_lin["W1"]
    b = params_lin["W2"] @ params_lin["b1"] + params_lin["b2"]
    np.testing.assert_allclose(W, params_lr["W1"], atol=5e-4)  # the same line, to 3 decimals
    np.testing.assert_allclose(b, params_lr["b1"], atol=5e-4)
    folded = net.predict(X, {"W1": W, "b1": b}, ["sigmoid"])
    np.testing.assert_array_equal(folded, net.predict(X, params_lin, ["linear", "sigmoid"]))


# --- choosing: the evidence on the flower --------------------------------------------------

def test_the_seed_1_accuracies_of_the_lesson(flower):
    X, Y = flower
    got = {name: round(100 * _fit(X, Y, name)[2], 1) for name in HIDDEN}
    assert got == {"sigmoid": 90.8, "tanh": 93.0, "relu": 84.0, "leaky_relu": 84.0, "linear": 51.0}
    assert got["tanh"] > 85 and got["linear"] < 60


def test_with_4_units_tanh_and_sigmoid_beat_relu_on_average_and_8_units_help_relu(flower):
    X, Y = flower
    mean = {}
    for name, n_hidden in [("sigmoid", 4), ("tanh", 4), ("relu", 4), ("relu", 8)]:
        mean[name, n_hidden] = np.mean([_fit(X, Y, name, n_hidden, seed)[2] for seed in range(5)])
    # Means of five accuracies on 400 points are multiples of 0.05 %: printed exactly, to 2 decimals.
    assert f"{100 * mean['tanh', 4]:.2f}" == "88.65" and f"{100 * mean['relu', 4]:.2f}" == "79.40"
    assert f"{100 * mean['relu', 8]:.2f}" == "88.45"
    assert min(mean["tanh", 4], mean["sigmoid", 4]) > mean["relu", 4] + 0.05  # 9 points and more
    assert mean["relu", 8] > mean["relu", 4] + 0.05


@pytest.mark.slow
@pytest.mark.parametrize("n_hidden", [4, 8])
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_every_run_of_the_seed_table_settles_so_its_accuracy_is_the_same_on_any_computer(
        flower, name, n_hidden):
    X, Y = flower
    method, rate = HIDDEN[name]
    for seed in range(5):
        change = net.change_after_nudges(X, Y, [2, n_hidden, 1], [name, "sigmoid"], rate, STEPS,
                                         method=method, seed=seed, tries=1)
        assert change < 1e-9, f"{name}, {n_hidden} units, seed {seed}: a nudge of 1e-13 grew to {change:.1e}"


def test_at_the_courses_rate_the_8_unit_tanh_run_with_seed_0_is_chaotic_and_at_half_it_settles(flower):
    X, Y = flower
    chaotic = net.change_after_nudges(X, Y, [2, 8, 1], ["tanh", "sigmoid"], 1.2, STEPS,
                                      method="xavier", seed=0, tries=3)
    settled = net.change_after_nudges(X, Y, [2, 8, 1], ["tanh", "sigmoid"], 0.6, STEPS,
                                      method="xavier", seed=0, tries=3)
    assert chaotic > 1e-6 and settled < 1e-9


def test_a_dead_relu_unit_gets_exactly_zero_gradient(flower):
    X, Y = flower
    params, _, _ = _fit(X, Y, "relu", seed=0, learning_rate=1.2)
    AL, caches = net.forward(X, params, ["relu", "sigmoid"])
    grads = net.backward(AL, Y, caches)
    dead = np.all(caches[0].Z <= 0, axis=1)
    assert dead.sum() == 1
    assert np.all(grads["dW1"][dead] == 0) and np.all(grads["db1"][dead] == 0)
    assert np.all(np.any(grads["dW1"][~dead] != 0, axis=1))


# --- the exercises' reference solutions, from the notebook ---------------------------------

def _solutions():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    namespace = {"np": np}
    for cell in nb.cells:
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            exec(cell.source, namespace)
    return namespace


def test_the_stable_tanh_solution_is_finite_and_right_for_huge_z_without_warnings():
    ns = _solutions()
    z = np.array([-1e300, -1000.0, -20.0, -0.5, 0.0, 1e-12, 0.5, 20.0, 710.0, 1000.0, 1e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # (1 - e^(-2|z|) loses relative digits for tiny |z|, not absolute ones)
        np.testing.assert_allclose(ns["tanh_stable"](z), np.tanh(z), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(ns["tanh_stable_grad"](z), 1 - np.tanh(z) ** 2, atol=1e-15)
    with np.errstate(over="ignore", invalid="ignore"):
        _, direct = _exponential_forms(np.array([1000.0]))
    assert np.isnan(direct[0])  # the direct formula breaks there


def test_the_leaky_solution_matches_helpers_for_several_alphas_including_z_0():
    ns = _solutions()
    z = np.array([-3.0, -0.1, 0.0, 0.1, 3.0])
    for alpha in (0.0, 0.01, 0.2):
        np.testing.assert_array_equal(ns["leaky"](z, alpha), act.leaky_relu(z, alpha))
        np.testing.assert_array_equal(ns["leaky_grad"](z, alpha), act.leaky_relu_grad(z, alpha))
