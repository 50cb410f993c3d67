"""helpers.activations: values, derivatives against finite differences, accuracy, stability,
refused inputs; the one definition of a flat (saturated, or off) unit."""

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import activations as act
from helpers.gradcheck import numerical_gradient, relative_difference
from helpers.shapes import ShapeError

# Points for derivative checks: away from 0, where ReLU and leaky ReLU have their kink
# (a two-sided difference straddling the kink would not be a derivative at all).
Z_AWAY_FROM_KINK = np.array([[-3.0, -1.7, -0.4, -0.05], [0.05, 0.3, 1.1, 2.9]])


def _finite_difference_of_elementwise(g, z):
    # For an elementwise g, d/dz_i sum_j g(z_j) = g'(z_i).
    return numerical_gradient(lambda t: np.sum(g(t)), z)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_each_derivative_matches_a_two_sided_difference(name):
    g, g_prime = act.ACTIVATIONS[name]
    approx = _finite_difference_of_elementwise(g, Z_AWAY_FROM_KINK)
    assert relative_difference(g_prime(Z_AWAY_FROM_KINK), approx) < 1e-7


@pytest.mark.parametrize("alpha", [0.01, 0.2])
def test_leaky_relu_derivative_matches_a_two_sided_difference_for_any_alpha(alpha):
    approx = _finite_difference_of_elementwise(lambda t: act.leaky_relu(t, alpha), Z_AWAY_FROM_KINK)
    assert relative_difference(act.leaky_relu_grad(Z_AWAY_FROM_KINK, alpha), approx) < 1e-7


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_derivative_written_with_the_output_equals_the_derivative_at_z(name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    np.testing.assert_allclose(act.GRAD_FROM_OUTPUT[name](g(z)), g_prime(z), rtol=1e-12, atol=1e-15)


def test_relu_derivative_at_exactly_zero_is_zero_by_convention():
    assert act.relu_grad(np.array([0.0]))[0] == 0.0


def test_leaky_relu_derivative_at_exactly_zero_is_alpha_by_convention():
    assert act.leaky_relu_grad(np.array([0.0]))[0] == act.LEAKY_ALPHA


def test_sigmoid_matches_the_textbook_formula_for_moderate_z():
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(act.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_sigmoid_is_symmetric_about_one_half():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(act.sigmoid(-z), 1 - act.sigmoid(z), atol=1e-15)


def test_lecture_values_of_the_activations():
    z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(act.relu(z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(act.leaky_relu(z), [[-0.02, 0.0, 3.0]])
    assert act.sigmoid(np.array(0.0)) == 0.5
    assert act.sigmoid_grad(np.array(0.0)) == 0.25
    assert act.tanh_grad(np.array(0.0)) == 1.0


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activations_return_float64_for_integer_input(name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.array([[-2, 0, 3]])
    assert g(z).dtype == np.float64
    assert g_prime(z).dtype == np.float64


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activations_do_not_change_their_input(name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.array([[-2.0, 0.0, 3.0]])
    before = z.copy()
    g(z)[...] = 7.0  # even writing into the result leaves z alone
    g_prime(z)
    np.testing.assert_array_equal(z, before)


# ---- stability at |z| = 1e4: finite, the right limit, and no floating-point warning ----

def test_sigmoid_is_finite_and_saturates_at_large_z(strict_floats):
    a = act.sigmoid(np.array([[-1e4, -800.0, 800.0, 1e4]]))
    np.testing.assert_array_equal(a, [[0.0, 0.0, 1.0, 1.0]])


def test_sigmoid_derivative_is_zero_far_from_the_origin(strict_floats):
    np.testing.assert_array_equal(act.sigmoid_grad(np.array([-1e4, 1e4])), [0.0, 0.0])


def test_tanh_saturates_at_large_z(strict_floats):
    np.testing.assert_array_equal(act.tanh(np.array([-1e4, 1e4])), [-1.0, 1.0])


def test_softmax_is_finite_and_picks_the_largest_logit(strict_floats):
    z = np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]])
    np.testing.assert_array_equal(act.softmax(z), [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])


def test_log_softmax_is_finite_where_softmax_rounds_to_zero(strict_floats):
    z = np.array([[1e4], [-1e4]])
    np.testing.assert_array_equal(act.log_softmax(z), [[0.0], [-2e4]])


def test_softmax_works_along_rows_when_asked():
    z = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(act.softmax(z, axis=1).sum(axis=1), [1.0])


# ---- properties -------------------------------------------------------------------------

logits = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
                elements=st.floats(-1e3, 1e3))


@given(logits)
def test_softmax_columns_sum_to_one(z):
    a = act.softmax(z)
    assert np.all(a >= 0)
    np.testing.assert_allclose(a.sum(axis=0), 1.0, rtol=1e-12)


@given(logits, st.floats(-1e3, 1e3))
def test_softmax_is_unchanged_by_adding_a_constant(z, c):
    np.testing.assert_allclose(act.softmax(z + c), act.softmax(z), rtol=1e-9, atol=1e-12)


# ---- accuracy against a high-precision reference (Python's decimal, 50 digits) -----------

def _decimal_reference(formula, z):
    """formula(d, e) evaluated in 50-digit decimal arithmetic at each z, rounded to float64."""
    with localcontext() as ctx:
        ctx.prec = 50
        out = []
        for value in np.ravel(z):
            d = Decimal(float(value))  # exact: every float64 is a decimal fraction
            out.append(float(formula(d, (-abs(d)).exp())))
    return np.array(out).reshape(np.shape(z))


# |z| up to 700 keeps every value a normal float64 (from 700 on it is below 1e-304)
Z_WIDE = np.concatenate([np.linspace(-700.0, 700.0, 2801), np.geomspace(1e-9, 700.0, 400),
                         -np.geomspace(1e-9, 700.0, 400), [0.0, 36.7, 37.0, 40.0, -40.0]])
ACCURATE = 2e-15  # relative: a few roundings (float64's eps is 2.2e-16); cancellation gives 1e-2 and worse


def test_sigmoid_is_accurate_to_a_few_roundings_over_a_wide_range():
    exact = _decimal_reference(lambda d, e: 1 / (1 + (-d).exp()), Z_WIDE)
    np.testing.assert_allclose(act.sigmoid(Z_WIDE), exact, rtol=ACCURATE, atol=0)


def test_sigmoid_grad_is_accurate_to_a_few_roundings_over_a_wide_range():
    exact = _decimal_reference(lambda d, e: e / (1 + e) ** 2, Z_WIDE)
    np.testing.assert_allclose(act.sigmoid_grad(Z_WIDE), exact, rtol=ACCURATE, atol=0)


def test_tanh_grad_is_accurate_to_a_few_roundings_over_a_wide_range():
    z = Z_WIDE / 2  # tanh'(z) = 4 e^(-2|z|) / (1 + e^(-2|z|))^2
    exact = _decimal_reference(lambda d, e: 4 * e * e / (1 + e * e) ** 2, z)
    np.testing.assert_allclose(act.tanh_grad(z), exact, rtol=ACCURATE, atol=0)


def test_sigmoid_grad_at_40_is_not_lost_to_cancellation():
    # a (1 - a) is 0 there: sigmoid(40) rounds to 1. The exact value is 4.248354255291589e-18.
    assert act.sigmoid_grad(40.0) == pytest.approx(4.248354255291589e-18, rel=ACCURATE)
    assert act.sigmoid_grad(-40.0) == pytest.approx(4.248354255291589e-18, rel=ACCURATE)


def test_sigmoid_grad_and_tanh_grad_are_exact_at_zero():
    assert act.sigmoid_grad(0.0) == 0.25
    assert act.tanh_grad(0.0) == 1.0


# ---- every finite z, up to the largest float64: finite, warning-free ----------------------

HUGE = [-1.7e308, -1e300, -1e4, 1e4, 1e300, 1.7e308]


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activations_and_derivatives_are_finite_at_the_largest_floats(strict_floats, name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.array(HUGE)
    assert np.all(np.isfinite(g(z))) and np.all(np.isfinite(g_prime(z)))


def test_sigmoid_and_its_derivative_take_the_limits_at_huge_z(strict_floats):
    np.testing.assert_array_equal(act.sigmoid(np.array(HUGE)), [0, 0, 0, 1, 1, 1])
    np.testing.assert_array_equal(act.sigmoid_grad(np.array(HUGE)), 0.0)
    np.testing.assert_array_equal(act.tanh_grad(np.array(HUGE)), 0.0)


def test_softmax_and_log_softmax_are_finite_at_1e300(strict_floats):
    z = np.array([[1e300, -1e300], [-1e300, 1e300], [0.0, 0.0]])
    np.testing.assert_array_equal(act.softmax(z), [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_array_equal(act.log_softmax(z), [[0.0, -2e300], [-2e300, 0.0], [-1e300, -1e300]])


def test_log_softmax_is_finite_when_the_logits_span_more_than_the_largest_float(strict_floats):
    # the exact log-probability, -3.4e308, is below every float64: the result is the floor
    out = act.log_softmax(np.array([[1.7e308], [-1.7e308]]))
    np.testing.assert_array_equal(out, [[0.0], [-np.finfo(np.float64).max]])
    np.testing.assert_array_equal(act.softmax(np.array([[1.7e308], [-1.7e308]])), [[1.0], [0.0]])


def test_infinities_get_the_limits_of_the_elementwise_activations(strict_floats):
    z = np.array([-np.inf, np.inf])
    np.testing.assert_array_equal(act.sigmoid(z), [0.0, 1.0])
    np.testing.assert_array_equal(act.tanh(z), [-1.0, 1.0])
    np.testing.assert_array_equal(act.relu(z), [0.0, np.inf])
    np.testing.assert_array_equal(act.leaky_relu(z, 0.0), [0.0, np.inf])  # not 0 * (-inf) = nan
    np.testing.assert_array_equal(act.sigmoid_grad(z), [0.0, 0.0])


def test_softmax_along_an_empty_set_of_examples_is_empty():
    assert act.softmax(np.zeros((3, 0))).shape == (3, 0)
    assert act.log_softmax(np.zeros((3, 0))).shape == (3, 0)


# ---- refused inputs: each message names the argument --------------------------------------

@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
@pytest.mark.parametrize("bad, error, match", [
    (None, TypeError, r"z must be an array of real numbers, got NoneType"),
    ("0.5", TypeError, r"z must be an array of real numbers, got str"),
    (np.array([1.0 + 2.0j]), TypeError, r"z must be an array of real numbers, got complex numbers"),
    (np.array([1.0, np.nan]), ValueError, r"z has 1 NaN value\(s\) in shape \(2,\)"),
])
def test_activations_and_derivatives_refuse_what_is_not_a_real_number(name, bad, error, match):
    for f in act.ACTIVATIONS[name]:
        with pytest.raises(error, match=match):
            f(bad)


def test_sigmoid_of_none_is_refused_instead_of_nan():
    with pytest.raises(TypeError, match="z must be an array of real numbers"):
        act.sigmoid(None)


def test_complex_input_is_refused_without_a_complex_warning(strict_floats):
    with pytest.raises(TypeError, match="complex"):
        act.sigmoid(np.array([0.5 + 0j]))


@pytest.mark.parametrize("name", sorted(act.GRAD_FROM_OUTPUT))
def test_derivatives_from_the_output_refuse_what_is_not_a_real_number(name):
    with pytest.raises(TypeError, match="a must be an array of real numbers"):
        act.GRAD_FROM_OUTPUT[name](None)
    with pytest.raises(ValueError, match="a has 1 NaN"):
        act.GRAD_FROM_OUTPUT[name](np.array([np.nan]))


@pytest.mark.parametrize("f", [act.softmax, act.log_softmax])
@pytest.mark.parametrize("z, kwargs, error, match", [
    (np.zeros((0, 3)), {}, ShapeError, r"z has shape \(0, 3\): no logits along axis 0"),
    (np.zeros((2, 0)), {"axis": 1}, ShapeError, r"z has shape \(2, 0\): no logits along axis 1"),
    (3.0, {}, ShapeError, r"z has shape \(\), a single number"),
    (np.array([[0.0], [np.inf]]), {}, ValueError, r"z has 1 non-finite value"),
    (np.array([[0.0], [np.nan]]), {}, ValueError, r"z has 1 non-finite value"),
    (np.zeros((2, 3)), {"axis": 2}, ValueError,
     r"axis must be between -2 and 1 for z of shape \(2, 3\), got 2"),
    (np.zeros((2, 3)), {"axis": None}, TypeError, r"axis must be a whole number"),
    (np.zeros((2, 3)), {"axis": 0.0}, TypeError, r"axis must be a whole number"),
    (None, {}, TypeError, r"z must be an array of real numbers"),
])
def test_softmax_refuses_bad_logits_and_axes_by_name(f, z, kwargs, error, match):
    with pytest.raises(error, match=match):
        f(z, **kwargs)


@pytest.mark.parametrize("f", [act.leaky_relu, act.leaky_relu_grad])
@pytest.mark.parametrize("alpha, error", [(-0.1, ValueError), (1.5, ValueError), (np.nan, ValueError),
                                          (None, TypeError), ("0.1", TypeError), ([0.1], TypeError)])
def test_leaky_relu_refuses_an_alpha_outside_zero_to_one(f, alpha, error):
    with pytest.raises(error, match=r"alpha must be"):
        f(np.array([1.0, -1.0]), alpha)


def test_activations_accept_python_numbers_lists_and_booleans():
    assert act.sigmoid(0) == 0.5
    np.testing.assert_array_equal(act.relu([[-1, 2]]), [[0.0, 2.0]])
    np.testing.assert_array_equal(act.relu_grad(np.array([True, False])), [1.0, 0.0])


# ---- flat units: the one definition of "saturated" (and of a ReLU unit that is off) ----

def test_the_flat_slope_is_one_percent_of_each_activations_largest_slope():
    z = np.linspace(-10, 10, 20001)  # z = 0, where every peak is, is on the grid
    assert act.FLAT_SLOPE == 0.01
    for name, (_, g_prime) in act.ACTIVATIONS.items():
        assert act.flat_slope(name) == pytest.approx(0.01 * g_prime(z).max(), rel=1e-12), name
    assert act.flat_slope("sigmoid") == pytest.approx(0.0025) and act.flat_slope("tanh") == 0.01


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_a_unit_is_flat_exactly_beyond_its_saturation_z(name):
    g_prime = act.ACTIVATIONS[name][1]
    z = np.linspace(-20, 20, 40001)
    flat = g_prime(z) < act.flat_slope(name)
    np.testing.assert_array_equal(flat, np.abs(z) > act.saturation_z(name))


def test_the_saturation_edges_in_numbers_and_in_outputs_a():
    edge = act.saturation_z("tanh")
    assert edge == pytest.approx(math.acosh(10)) and f"{edge:.2f}" == "2.99"
    assert float(act.tanh(edge)) == pytest.approx(math.sqrt(0.99))  # |a| > 0.995
    assert act.saturation_z("sigmoid") == pytest.approx(2 * edge)  # tanh(z) = 2 sigma(2z) - 1
    assert f"{act.saturation_z('sigmoid'):.2f}" == "5.99"
    a = float(act.sigmoid(act.saturation_z("sigmoid")))
    assert a == pytest.approx((1 + math.sqrt(0.99)) / 2) and a * (1 - a) == pytest.approx(0.0025)


def test_a_relu_unit_is_flat_where_it_is_off_and_leaky_relu_and_linear_never_are():
    z = np.linspace(-5, 5, 1001)
    for name in ("relu", "leaky_relu", "linear"):
        assert act.saturation_z(name) is None
    np.testing.assert_array_equal(act.relu_grad(z) < act.flat_slope("relu"), z <= 0)
    assert not np.any(act.leaky_relu_grad(z) < act.flat_slope("leaky_relu"))  # alpha = 0.01
    assert not np.any(act.linear_grad(z) < act.flat_slope("linear"))


@pytest.mark.parametrize("f", [act.flat_slope, act.saturation_z])
@pytest.mark.parametrize("bad, error, match", [
    ("softplus", ValueError,
     r"name must be one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear'; got 'softplus'"),
    ("ReLU", ValueError, r"name must be one of .*; got 'ReLU'"),
    (None, TypeError, r"name must be an activation's name, one of .*; got None"),
    (act.tanh, TypeError, r"name must be an activation's name"),
])
def test_the_flat_definitions_refuse_what_is_not_an_activations_name(f, bad, error, match):
    with pytest.raises(error, match=match):
        f(bad)


def test_log_softmax_keeps_the_tiny_loss_of_a_class_that_wins_by_far(strict_floats):
    # log a_0 = -log(1 + e^-40) = -4.248e-18: log(softmax) rounds a_0 to 1 and gives 0
    for s in (40.0, 200.0):
        z = np.array([[s, 0.0], [0.0, s]])
        expected = -np.log1p(np.exp(-s))
        np.testing.assert_allclose(act.log_softmax(z)[0, 0], expected, rtol=1e-15)
        np.testing.assert_allclose(act.log_softmax(z, axis=1)[1, 1], expected, rtol=1e-15)
    assert act.log_softmax(np.array([[3.0], [3.0]]))[0, 0] == -np.log(2.0)  # a tie: both 1/2
