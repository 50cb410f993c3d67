"""helpers.deepstats: the deep-stack experiment of lesson 06 against independent computations.

The measured statistics are checked against a plain forward pass with helpers.network's
layer_forward and the weights of helpers.initializers.initialize, the weight gradients
against a two-sided finite difference of the read-out cost, the histograms against
np.histogram; the predictions against closed forms and Monte Carlo averages, and against
the measurements of a wide network.
"""
import math

import numpy as np
import pytest

from helpers import activations as act
from helpers import deepstats as ds
from helpers.activations import ACTIVATIONS, LEAKY_ALPHA
from helpers.gradcheck import numerical_gradient, relative_difference
from helpers.initializers import init_std, initialize
from helpers.network import layer_forward
from helpers.shapes import ShapeError

SMALL = [6, 5, 4, 3]  # n[0], then three layers
M_SMALL = 7


def _forward(dims, activation, method, scale, m, seed):
    """A[1], ..., A[L] by layer_forward with initialize()'s parameters and the draws' X."""
    params = initialize(dims, method, scale, seed)
    draws = ds.standard_draws(dims, m, seed)
    A, acts = draws.X, []
    for l in range(1, len(dims)):
        A, _ = layer_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        acts.append(A)
    return params, draws, acts


# ---- the random numbers --------------------------------------------------------------

@pytest.mark.parametrize("method", ["random", "xavier", "he", "glorot"])
def test_the_draws_times_the_std_are_exactly_the_weights_initialize_returns(method):
    dims = [8, 6, 5]
    draws = ds.standard_draws(dims, 4, seed=3)
    params = initialize(dims, method, scale=2.0, seed=3)
    for l, G in enumerate(draws.G, start=1):
        np.testing.assert_array_equal(G * init_std(method, dims[l - 1], dims[l], 2.0), params[f"W{l}"])


def test_draws_have_the_course_shapes_and_a_read_out_of_mean_square_one():
    draws = ds.standard_draws([6, 5, 4], 9, seed=0)
    assert draws.X.shape == (6, 9)
    assert [G.shape for G in draws.G] == [(5, 6), (4, 5)]
    assert draws.R.shape == (4, 9)
    assert np.mean(draws.R**2) == pytest.approx(1.0, rel=1e-12)


def test_a_deeper_stack_of_the_same_width_starts_with_the_same_draws():
    deep = ds.standard_draws([16] * 16, 20, seed=5)
    shallow = ds.standard_draws([16] * 5, 20, seed=5)
    np.testing.assert_array_equal(deep.X, shallow.X)
    np.testing.assert_array_equal(deep.R, shallow.R)
    for a, b in zip(deep.G, shallow.G):
        np.testing.assert_array_equal(a, b)


def test_the_same_seed_gives_the_same_statistics_and_another_seed_others():
    a = ds.layer_statistics(SMALL, "tanh", "xavier", n_examples=50, seed=1)
    b = ds.layer_statistics(SMALL, "tanh", "xavier", n_examples=50, seed=1)
    c = ds.layer_statistics(SMALL, "tanh", "xavier", n_examples=50, seed=2)
    np.testing.assert_array_equal(a.std, b.std)
    assert not np.array_equal(a.std, c.std)


def test_statistics_from_given_draws_equal_those_drawn_inside():
    draws = ds.standard_draws(SMALL, 30, seed=4)
    a = ds.layer_statistics(SMALL, "relu", "he", draws=draws)
    b = ds.layer_statistics(SMALL, "relu", "he", n_examples=30, seed=4)
    for field in ("mean", "std", "grad_rms", "dW_norm", "flat_fraction"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))


# ---- measured statistics ---------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear", "leaky_relu"])
def test_per_layer_mean_and_std_are_those_of_a_plain_forward_pass(activation):
    _, _, acts = _forward(SMALL, activation, "he", 1.5, M_SMALL, seed=2)
    stats = ds.layer_statistics(SMALL, activation, "he", 1.5, n_examples=M_SMALL, seed=2)
    np.testing.assert_allclose(stats.mean, [A.mean() for A in acts], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(stats.std, [A.std() for A in acts], rtol=1e-12)
    np.testing.assert_array_equal(stats.layers, [1, 2, 3])


def _readout_cost(params, draws, activation, L):
    A = draws.X
    for l in range(1, L + 1):
        A, _ = layer_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
    return float(np.sum(draws.R * A) / A.shape[1])  # J = (1/m) sum_i r(i) . a[L](i)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
def test_weight_gradient_norms_match_a_finite_difference_of_the_read_out_cost(activation):
    dims, seed = SMALL, 6
    params, draws, _ = _forward(dims, activation, "xavier", 1.5, M_SMALL, seed)
    stats = ds.layer_statistics(dims, activation, "xavier", 1.5, draws=draws)
    for l in range(1, len(dims)):
        def J(W, l=l):
            return _readout_cost({**params, f"W{l}": W}, draws, activation, len(dims) - 1)
        dW = numerical_gradient(J, params[f"W{l}"])
        assert relative_difference(np.linalg.norm(dW), stats.dW_norm[l - 1]) < 1e-7


def test_the_gradient_at_the_top_is_the_read_out_times_the_slope():
    dims = [5, 4, 3]
    params, draws, acts = _forward(dims, "tanh", "he", 1.0, M_SMALL, seed=1)
    stats = ds.layer_statistics(dims, "tanh", "he", draws=draws)
    dZ_top = draws.R * (1 - acts[-1] ** 2)
    assert stats.grad_rms[-1] == pytest.approx(np.sqrt(np.mean(dZ_top**2)), rel=1e-12)
    dZ_below = (params["W2"].T @ dZ_top) * (1 - acts[0] ** 2)
    assert stats.grad_rms[0] == pytest.approx(np.sqrt(np.mean(dZ_below**2)), rel=1e-12)


def test_weight_gradients_can_be_skipped():
    stats = ds.layer_statistics(SMALL, "relu", "he", n_examples=10, weight_gradients=False)
    assert stats.dW_norm is None and stats.grad_rms.shape == (3,)


def test_zero_weights_give_zero_activations_and_gradients_below_the_top():
    tanh = ds.layer_statistics(SMALL, "tanh", "zeros", n_examples=10)
    assert np.all(tanh.std == 0) and np.all(tanh.zero_fraction == 1)
    assert np.all(tanh.flat_fraction == 0)  # tanh'(0) = 1: nothing is flat, all is symmetric
    assert tanh.grad_rms[-1] > 0 and np.all(tanh.grad_rms[:-1] == 0)
    relu = ds.layer_statistics(SMALL, "relu", "zeros", n_examples=10)
    assert np.all(relu.flat_fraction == 1)  # relu'(0) = 0, as in the course
    assert np.all(relu.grad_rms == 0)
    sigmoid = ds.layer_statistics(SMALL, "sigmoid", "zeros", n_examples=10)
    np.testing.assert_array_equal(sigmoid.mean, 0.5)


def test_flat_units_are_the_saturated_tanh_and_sigmoid_ones_and_the_relu_ones_that_are_off():
    big = dict(n_examples=200, seed=0)
    tanh = ds.layer_statistics([100] * 4, "tanh", "random", 1000.0, **big)
    assert np.all(tanh.flat_fraction > 0.9)
    small = ds.layer_statistics([100] * 4, "tanh", "random", 1.0, **big)
    assert np.all(small.flat_fraction == 0)
    relu = ds.layer_statistics([100] * 4, "relu", "he", **big)
    np.testing.assert_allclose(relu.flat_fraction, 0.5, atol=0.05)
    np.testing.assert_array_equal(relu.flat_fraction, relu.zero_fraction)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_flat_units_are_helpers_activations_definition_on_a_plain_forward_pass(activation):
    dims, m = [50] * 4, 40
    params = initialize(dims, "random", 300.0, 2)  # std 3: many flat units, some not
    stats = ds.layer_statistics(dims, activation, "random", 300.0, n_examples=m, seed=2)
    A = ds.standard_draws(dims, m, 2).X
    g_prime = ACTIVATIONS[activation][1]
    for l in range(1, len(dims)):
        A, cache = layer_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        flat = g_prime(cache.Z) < act.flat_slope(activation)
        assert stats.flat_fraction[l - 1] == np.mean(flat), l
        edge = act.saturation_z(activation)
        if edge is not None:  # saturated: |z| beyond the edge
            assert stats.flat_fraction[l - 1] == np.mean(np.abs(cache.Z) > edge), l
    if activation in ("sigmoid", "tanh"):
        assert np.all((stats.flat_fraction > 0.2) & (stats.flat_fraction < 1))
    if activation in ("leaky_relu", "linear"):
        assert np.all(stats.flat_fraction == 0)


@pytest.mark.parametrize("activation, edges", [
    ("tanh", np.linspace(-1, 1, 41)), ("relu", np.linspace(0, 4, 41)),
    ("relu", np.linspace(0.5, 2, 16)), ("tanh", np.linspace(-0.5, 0.5, 11)),
    ("sigmoid", np.linspace(0, 1, 21))])
@pytest.mark.parametrize("method, scale", [("he", 1.0), ("random", 1000.0), ("zeros", 1.0)])
def test_histograms_count_the_nonzero_values_per_bin_and_the_rest_outside(activation, edges, method, scale):
    dims = [50, 60, 40]
    _, _, acts = _forward(dims, activation, method, scale, 200, seed=3)
    stats = ds.layer_statistics(dims, activation, method, scale, n_examples=200, seed=3, bins=edges)
    for k, A in enumerate(acts):
        counts, _ = np.histogram(A[A != 0], bins=edges)  # np.histogram's last bin is closed too
        np.testing.assert_allclose(stats.hist[k], counts / A.size, atol=1e-15)
        nonzero = A[A != 0]
        np.testing.assert_allclose(stats.outside[k], [np.sum(nonzero < edges[0]) / A.size,
                                                      np.sum(nonzero > edges[-1]) / A.size])
        total = stats.hist[k].sum() + stats.outside[k].sum() + stats.zero_fraction[k]
        assert total == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_array_equal(stats.edges, edges)


def test_saturated_tanh_values_of_exactly_one_fall_in_the_last_bin():
    stats = ds.layer_statistics([50, 50], "tanh", "random", 1e5, n_examples=100,
                                bins=np.linspace(-1, 1, 11))
    assert stats.outside.sum() == 0
    assert stats.hist[0][0] + stats.hist[0][-1] > 0.95


# ---- predictions ----------------------------------------------------------------------

def _monte_carlo(activation, q, n=2_000_000, seed=0):
    z = math.sqrt(q) * np.random.default_rng(seed).standard_normal(n)
    g, slope = ACTIVATIONS[activation]
    a = g(z)
    return a.mean(), a.var(), np.mean(a * a), np.mean(slope(z) ** 2)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear", "leaky_relu"])
@pytest.mark.parametrize("q", [0.01, 1.0, 30.0, 1e4])
def test_gaussian_moments_agree_with_a_monte_carlo_average(activation, q):
    predicted = ds._gaussian_moments(activation, q)
    sampled = _monte_carlo(activation, q)
    for p, s in zip(predicted, sampled):
        assert p == pytest.approx(s, rel=0.01, abs=2e-3 * max(1.0, q))


def test_gaussian_moments_of_tanh_follow_the_small_signal_line_for_small_q_and_saturate_for_large():
    for q in (1e-12, 1e-6):
        _, var, _, slope2 = ds._gaussian_moments("tanh", q)
        assert var == pytest.approx(q, rel=1e-5)
        assert slope2 == pytest.approx(1.0, abs=1e-5)
    _, var, _, slope2 = ds._gaussian_moments("tanh", 1e100)
    assert var == pytest.approx(1.0, abs=1e-6) and slope2 < 1e-12
    assert ds._gaussian_moments("tanh", 4.0, small_signal=True) == (0.0, 4.0, 4.0, 1.0)
    assert ds._gaussian_moments("sigmoid", 4.0, small_signal=True) == (0.5, 0.25, 0.5, 1 / 16)


def test_relu_keeps_half_the_second_moment_and_half_the_slope():
    mean, var, second, slope2 = ds._gaussian_moments("relu", 9.0)
    assert second == 4.5 and slope2 == 0.5
    assert mean == pytest.approx(3 / math.sqrt(2 * math.pi))
    assert ds._gaussian_moments("relu", 0.0) == (0.0, 0.0, 0.0, 0.0)


def test_leaky_relu_moments_use_the_slope_of_helpers_activations():
    alpha = LEAKY_ALPHA  # the alpha that ACTIVATIONS' leaky_relu (the measured stack) uses
    mean, var, second, slope2 = ds._gaussian_moments("leaky_relu", 4.0)
    assert second == pytest.approx(4.0 * (1 + alpha**2) / 2, rel=1e-15)
    assert slope2 == pytest.approx((1 + alpha**2) / 2, rel=1e-15)
    assert mean == pytest.approx((1 - alpha) * 2 / math.sqrt(2 * math.pi), rel=1e-15)
    assert ds._gaussian_moments("leaky_relu", 0.0)[3] == alpha**2


def test_xavier_keeps_a_linear_stack_at_variance_one_and_he_a_relu_stack_at_variance_two():
    linear = ds.predicted_statistics([300] * 8, "linear", "xavier")
    np.testing.assert_allclose(linear.z_var, 1.0)
    np.testing.assert_allclose(linear.std, 1.0)
    np.testing.assert_allclose(linear.grad_rms, 1.0)
    relu = ds.predicted_statistics([300] * 8, "relu", "he")
    np.testing.assert_allclose(relu.z_var, 2.0)
    np.testing.assert_allclose(relu.grad_rms, math.sqrt(0.5))
    small = ds.predicted_statistics([300] * 8, "linear", "random")
    np.testing.assert_allclose(small.std, (300 * 1e-4) ** (np.arange(1, 8) / 2))


def test_predicted_weight_gradients_need_the_number_of_examples():
    assert ds.predicted_statistics([10, 10], "relu", "he").dW_norm is None
    p = ds.predicted_statistics([10, 10], "linear", "xavier", n_examples=40)
    assert p.dW_norm[0] == pytest.approx(math.sqrt(10 * 10 / 40))


@pytest.mark.parametrize("activation, method, scale", [
    ("tanh", "xavier", 1.0), ("tanh", "he", 1.0), ("tanh", "random", 1.0),
    ("relu", "he", 1.0), ("relu", "xavier", 1.0), ("relu", "random", 1000.0),
    ("sigmoid", "xavier", 1.0), ("linear", "glorot", 1.0)])
def test_predictions_follow_the_measurements_of_a_wide_network(activation, method, scale):
    dims = [400] * 7
    stats = ds.layer_statistics(dims, activation, method, scale, n_examples=400, seed=0)
    p = ds.predicted_statistics(dims, activation, method, scale, n_examples=400)
    np.testing.assert_allclose(stats.std, p.std, rtol=0.2)
    np.testing.assert_allclose(stats.grad_rms, p.grad_rms, rtol=0.2)
    np.testing.assert_allclose(stats.dW_norm, p.dW_norm, rtol=0.2)
    np.testing.assert_allclose(stats.mean, p.mean, rtol=0.2, atol=0.05 * np.max(p.std))


# ---- extremes and checks --------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
@pytest.mark.parametrize("method, scale", [("random", 1000.0), ("he", 1000.0), ("random", 1e-3),
                                           ("zeros", 1.0)])
def test_extreme_scales_give_finite_numbers_and_no_warning(activation, method, scale):
    # pytest turns RuntimeWarning (overflow, invalid, divide) into errors here
    dims = [64] * 16
    stats = ds.layer_statistics(dims, activation, method, scale, n_examples=50,
                                bins=np.linspace(-1, 1, 21))
    p = ds.predicted_statistics(dims, activation, method, scale, n_examples=50)
    for values in (stats.mean, stats.std, stats.grad_rms, stats.dW_norm, stats.hist,
                   p.std, p.grad_rms, p.dW_norm):
        assert np.all(np.isfinite(values))


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(activation="softmax"), ValueError, "activation must be one of"),
    (dict(activation=["tanh"]), TypeError, "activation must be a name"),
    (dict(method="uniform"), ValueError, "method must be one of"),
    (dict(scale=0.0), ValueError, "scale must be a finite real number > 0, got 0.0"),
    (dict(scale=float("nan")), ValueError, "scale"),
    (dict(scale=True), TypeError, "scale must be a real number, got True"),
    (dict(scale="1"), TypeError, "scale must be a real number"),
    (dict(n_examples=0), ValueError, "n_examples must be a whole number >= 1, got 0"),
    (dict(n_examples=2.5), ValueError, "n_examples"),
    (dict(seed=-1), ValueError, "seed must be a whole number >= 0"),
    (dict(seed=None), TypeError, "seed"),
    (dict(bins=[0, 1, 3]), ValueError, "equally spaced"),
    (dict(bins=[1.0]), ShapeError, "at least two"),
    (dict(bins=40), ShapeError, "bins has shape ()"),
    (dict(bins="0 1 2"), TypeError, "bins must be an array of real numbers"),
    (dict(bins=[0.0, np.nan, 2.0]), ValueError, "bins has 1 non-finite"),
    (dict(bins=[-1e308, 0.0, 1e308]), ValueError, "bins must be increasing and equally spaced over a range"),
    (dict(weight_gradients="yes"), TypeError, "weight_gradients must be True or False"),
    (dict(layer_dims=[5]), ValueError, "layer_dims"),
])
def test_bad_arguments_are_refused_with_a_clear_message(kwargs, error, match):
    args = dict(layer_dims=[5, 4], activation="tanh", method="he", scale=1.0, n_examples=3)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        ds.layer_statistics(**args)


def test_draws_of_another_network_are_refused():
    draws = ds.standard_draws([5, 4, 3], 6, seed=0)
    with pytest.raises(ValueError, match="2 weight matrices"):
        ds.layer_statistics([5, 4], "tanh", "he", draws=draws)
    with pytest.raises(ShapeError, match="draws.G"):
        ds.layer_statistics([5, 4, 2], "tanh", "he", draws=draws)
    with pytest.raises(TypeError, match="standard_draws"):
        ds.layer_statistics([5, 4], "tanh", "he", draws=(draws.X, draws.G, draws.R))


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(activation=None), TypeError, "activation"),
    (dict(scale=-1.0), ValueError, "scale"),
    (dict(n_examples=0), ValueError, "n_examples"),
    (dict(small_signal=1), TypeError, "small_signal must be True or False"),
])
def test_bad_arguments_of_the_prediction_are_refused_too(kwargs, error, match):
    args = dict(layer_dims=[5, 4], activation="tanh", method="he", scale=1.0)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        ds.predicted_statistics(**args)


@pytest.mark.parametrize("n_examples, seed, error, match", [
    (0, 0, ValueError, "n_examples"), (3, -2, ValueError, "seed"), (3, 1.5, ValueError, "seed"),
    (None, 0, TypeError, "n_examples"), (3, "0", TypeError, "seed")])
def test_bad_draw_arguments_are_refused(n_examples, seed, error, match):
    with pytest.raises(error, match=match):
        ds.standard_draws([4, 3], n_examples, seed)


def test_draws_with_no_examples_or_non_finite_numbers_are_refused():
    draws = ds.standard_draws([4, 3], 5, seed=0)
    empty = ds.Draws(draws.X[:, :0], draws.G, draws.R[:, :0])
    with pytest.raises(ValueError, match="draws.X has no examples"):
        ds.layer_statistics([4, 3], "tanh", "he", draws=empty)
    broken = ds.Draws(draws.X, [np.full((3, 4), np.nan)], draws.R)
    with pytest.raises(ValueError, match=r"draws.G\[0\] has 12 non-finite"):
        ds.layer_statistics([4, 3], "tanh", "he", draws=broken)


@pytest.mark.parametrize("activation", ["relu", "linear"])
def test_a_scale_that_overflows_float64_is_refused_by_name_without_a_warning(activation, strict_floats):
    with pytest.raises(ValueError, match=r"scale = 1e\+200 is too large .* overflow float64"):
        ds.layer_statistics([30] * 4, activation, "he", 1e200, n_examples=20)
    with pytest.raises(ValueError, match=r"scale = 1e\+200 is too large"):
        ds.predicted_statistics([30] * 4, activation, "he", 1e200)


def test_a_huge_scale_saturates_tanh_without_overflow_or_warning(strict_floats):
    stats = ds.layer_statistics([30] * 4, "tanh", "he", 1e200, n_examples=20)
    np.testing.assert_array_equal(stats.flat_fraction, 1.0)
    assert np.all(np.isfinite(stats.std)) and np.all(stats.grad_rms == 0)


def test_a_negative_variance_is_refused():
    with pytest.raises(ValueError, match="variance"):
        ds._gaussian_moments("tanh", -1.0)


def test_float32_draws_are_the_float64_draws_rounded():
    dims = [48, 32, 32]
    plain = ds.standard_draws(dims, 7, 5)
    single = ds.standard_draws(dims, 7, 5, dtype=np.float32)
    for a, b in zip(plain.G, single.G):
        assert b.dtype == np.float32 and b.shape == a.shape
        np.testing.assert_array_equal(b, a.astype(np.float32))
    np.testing.assert_array_equal(single.X, plain.X)  # inputs and read-out stay float64
    np.testing.assert_array_equal(single.R, plain.R)
    with pytest.raises(TypeError, match="dtype must be np.float64 or np.float32"):
        ds.standard_draws(dims, 7, 5, dtype=np.int32)
