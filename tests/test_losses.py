"""helpers.losses: costs, stable forms from logits, dZ = A - Y, refused inputs."""

import numpy as np
import pytest

from helpers import losses
from helpers.activations import sigmoid, softmax
from helpers.gradcheck import numerical_gradient, relative_difference
from helpers.shapes import ShapeError


def test_binary_cross_entropy_of_one_example_is_minus_log_a():
    assert losses.binary_cross_entropy(np.array([[0.9]]), np.array([[1.0]])) == pytest.approx(-np.log(0.9))


def test_binary_cross_entropy_is_the_mean_over_examples():
    a = np.array([[0.9, 0.2, 0.6]])
    y = np.array([[1, 0, 0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.4)) / 3
    assert losses.binary_cross_entropy(a, y) == pytest.approx(expected, rel=1e-14)


def test_costs_are_python_floats():
    a, y = np.array([[0.3]]), np.array([[1.0]])
    assert type(losses.binary_cross_entropy(a, y)) is float
    assert type(losses.binary_cross_entropy_with_logits(a, y)) is float
    assert type(losses.softmax_cross_entropy_with_logits(np.zeros((2, 1)), np.array([[0.0], [1.0]]))) is float


def test_a_certain_wrong_prediction_is_clipped_instead_of_infinite():
    cost = losses.binary_cross_entropy(np.array([[0.0]]), np.array([[1.0]]))
    assert cost == pytest.approx(-np.log(losses.PROB_CLIP))


def test_a_certain_right_prediction_costs_almost_nothing():
    assert losses.binary_cross_entropy(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])) < 1e-11


def test_bce_from_logits_equals_bce_of_the_sigmoid_for_moderate_z():
    z = np.array([[-4.0, -0.5, 0.0, 1.5, 6.0]])
    y = np.array([[0, 1, 1, 0, 1]])
    assert losses.binary_cross_entropy_with_logits(z, y) == pytest.approx(
        losses.binary_cross_entropy(sigmoid(z), y), rel=1e-12)


def test_bce_from_logits_is_finite_with_the_right_limits_at_large_z(strict_floats):
    z = np.array([[1e4, 1e4, -1e4, -1e4]])
    # y = 1 at z = +1e4 and y = 0 at z = -1e4 cost 0; the two wrong ones cost 1e4 each.
    y = np.array([[1.0, 0.0, 1.0, 0.0]])
    assert losses.binary_cross_entropy_with_logits(z, y) == pytest.approx(2e4 / 4)
    assert losses.binary_cross_entropy_with_logits(z[:, [0]], y[:, [0]]) == 0.0


def test_softmax_ce_from_logits_equals_minus_log_of_the_true_class_probability():
    z = np.array([[2.0, 0.1], [1.0, 0.2], [0.1, 3.0]])
    y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    a = softmax(z)
    expected = -(np.log(a[0, 0]) + np.log(a[2, 1])) / 2
    assert losses.softmax_cross_entropy_with_logits(z, y) == pytest.approx(expected, rel=1e-13)
    assert losses.cross_entropy(a, y) == pytest.approx(expected, rel=1e-13)


def test_softmax_ce_from_logits_is_finite_with_the_right_limits_at_large_z(strict_floats):
    z = np.array([[1e4, 1e4], [-1e4, -1e4]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])  # first example right (cost 0), second wrong (2e4)
    assert losses.softmax_cross_entropy_with_logits(z, y) == pytest.approx(1e4)


def test_half_mean_squared_error_has_the_one_half():
    assert losses.half_mean_squared_error(np.array([[3.0, 1.0]]), np.array([[1.0, 1.0]])) == 1.0


@pytest.mark.parametrize("cost, g, labels", [
    (losses.binary_cross_entropy_with_logits, sigmoid, np.array([[1.0, 0.0, 1.0, 0.0]])),
    (losses.softmax_cross_entropy_with_logits, softmax,
     np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 0.0]])),
    (losses.half_mean_squared_error, lambda z: z, np.array([[0.5, -1.0, 2.0, 0.0]])),
])
def test_output_delta_is_m_times_the_gradient_of_the_cost_in_z(cost, g, labels):
    rng = np.random.default_rng(0)
    z = rng.standard_normal(labels.shape) * 2
    m = labels.shape[1]
    approx = numerical_gradient(lambda t: cost(t, labels), z)
    assert relative_difference(losses.output_delta(g(z), labels), m * approx) < 1e-7


# ---- refused inputs: each message names the argument -------------------------------------

def test_labels_outside_zero_and_one_are_refused():
    with pytest.raises(ValueError, match=r"y must hold labels 0 or 1 only; found \[2.0\]"):
        losses.binary_cross_entropy(np.array([[0.5, 0.5]]), np.array([[1, 2]]))


def test_labels_outside_zero_and_one_are_refused_from_logits_too():
    with pytest.raises(ValueError, match=r"y must hold labels 0 or 1"):
        losses.binary_cross_entropy_with_logits(np.array([[0.5]]), np.array([[-1]]))


def test_mismatched_shapes_name_both_arguments_and_shapes():
    with pytest.raises(ShapeError, match=r"y has shape \(1, 3\) but a has shape \(1, 4\)"):
        losses.binary_cross_entropy(np.full((1, 4), 0.5), np.ones((1, 3)))


def test_probabilities_above_one_are_refused():
    with pytest.raises(ValueError, match=r"a must hold probabilities in \[0, 1\]; found 1.2 at index \(0, 1\)"):
        losses.binary_cross_entropy(np.array([[0.5, 1.2]]), np.array([[1, 0]]))


def test_negative_probabilities_are_refused():
    with pytest.raises(ValueError, match=r"a must hold probabilities"):
        losses.binary_cross_entropy(np.array([[-0.1]]), np.array([[1]]))


def test_nan_probabilities_are_refused_by_name():
    with pytest.raises(ValueError, match=r"a has 1 non-finite value"):
        losses.binary_cross_entropy(np.array([[0.5, np.nan]]), np.array([[1, 0]]))


def test_nan_logits_are_refused_by_name():
    with pytest.raises(ValueError, match=r"z has 1 non-finite value"):
        losses.softmax_cross_entropy_with_logits(np.array([[np.nan], [0.0]]), np.array([[1.0], [0.0]]))


def test_a_rank1_array_of_probabilities_is_refused_with_a_reshape_hint():
    with pytest.raises(ShapeError, match=r"a is a rank-1 array.*reshape"):
        losses.binary_cross_entropy(np.array([0.5, 0.5]), np.array([[1, 0]]))


def test_labels_that_are_not_one_hot_are_refused_for_softmax():
    y = np.array([[1.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match=r"y must be one-hot: each column holds exactly one 1; column 0 holds 2"):
        losses.softmax_cross_entropy_with_logits(np.zeros((2, 2)), y)


def test_losses_do_not_change_their_inputs():
    a = np.array([[0.0, 1.0]])
    y = np.array([[1.0, 0.0]])
    losses.binary_cross_entropy(a, y)
    np.testing.assert_array_equal(a, [[0.0, 1.0]])
