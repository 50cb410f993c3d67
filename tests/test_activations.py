"""helpers.activations: values, derivatives against finite differences, stability."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import activations as act
from helpers.gradcheck import numerical_gradient, relative_difference

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
