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
    with pytest.raises(ShapeError, match=r"y has shape \(1, 3\), expected \(1, 4\) \(the shape of a\)"):
        losses.binary_cross_entropy(np.full((1, 4), 0.5), np.ones((1, 3)))


def test_probabilities_above_one_are_refused():
    with pytest.raises(ValueError, match=r"a must hold probabilities in \[0, 1\]; "
                                         r"found 1.2 at index \(0, 1\)"):
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


def test_a_rank1_array_of_probabilities_is_refused_with_a_hint_to_make_it_a_row():
    with pytest.raises(ShapeError, match=r"a is a rank-1 array: make it a row with a\.reshape\(1, 2\)"):
        losses.binary_cross_entropy(np.array([0.5, 0.5]), np.array([[1, 0]]))


def test_labels_that_are_not_one_hot_are_refused_for_softmax():
    y = np.array([[1.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match=r"y must be one-hot: each column holds exactly one 1; "
                                         r"column 0 holds 2"):
        losses.softmax_cross_entropy_with_logits(np.zeros((2, 2)), y)


def test_losses_do_not_change_their_inputs():
    a = np.array([[0.0, 1.0]])
    y = np.array([[1.0, 0.0]])
    losses.binary_cross_entropy(a, y)
    np.testing.assert_array_equal(a, [[0.0, 1.0]])


# ---- shapes that cannot be confused -------------------------------------------------------

A4 = np.array([[0.9, 0.2, 0.7, 0.4]])
Y4 = np.array([[1.0, 0.0, 1.0, 1.0]])


def test_the_cost_of_the_issue_example_is_0_40_as_a_row():
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.7) + np.log(0.4)) / 4
    assert losses.binary_cross_entropy(A4, Y4) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("cost", [losses.binary_cross_entropy, losses.binary_cross_entropy_with_logits,
                                  losses.half_mean_squared_error])
def test_examples_written_as_a_column_are_refused_with_the_transpose_hint(cost):
    # (4, 1) and (4, 1) would broadcast to "one example with 4 outputs": a mean over m = 1
    with pytest.raises(ShapeError, match=r"^(a|z) has shape \(4, 1\), expected \(1, m\): one example per "
                                         r"column; it looks transposed: (a|z)\.T "
                                         r"\(or (a|z)\.reshape\(1, -1\)\) has shape \(1, 4\)$"):
        cost(A4.reshape(-1, 1), Y4.reshape(-1, 1))


@pytest.mark.parametrize("cost", [losses.binary_cross_entropy, losses.binary_cross_entropy_with_logits,
                                  losses.half_mean_squared_error, losses.output_delta])
def test_labels_written_as_a_column_are_refused_before_they_broadcast(cost):
    with pytest.raises(ShapeError, match=r"^y has shape \(4, 1\), expected \(1, 4\) \(the shape of (a|z)\); "
                                         r"it looks transposed: y\.T \(or y\.reshape\(1, -1\)\)"):
        cost(A4, Y4.reshape(-1, 1))


@pytest.mark.parametrize("cost", [losses.binary_cross_entropy, losses.half_mean_squared_error])
def test_rank1_labels_are_refused_with_a_hint_to_make_them_a_row(cost):
    with pytest.raises(ShapeError, match=r"^y has shape \(4,\), expected \(1, 4\) \(the shape of a\); "
                                         r"y is a rank-1 array: make it a row with y\.reshape\(1, 4\)"):
        cost(A4, Y4.ravel())


def test_several_outputs_of_several_examples_are_added_per_example():
    a = np.array([[0.9, 0.2], [0.6, 0.3]])
    y = np.array([[1.0, 0.0], [1.0, 1.0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.6) + np.log(0.3)) / 2
    assert losses.binary_cross_entropy(a, y) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("cost", [losses.softmax_cross_entropy_with_logits, losses.cross_entropy])
def test_one_example_of_k_classes_is_a_column(cost):
    z = np.array([[2.0], [1.0], [0.1]])
    y = np.array([[0.0], [1.0], [0.0]])
    a = softmax(z)
    assert (cost(z if cost is losses.softmax_cross_entropy_with_logits else a, y)
            == pytest.approx(-np.log(a[1, 0])))


def test_softmax_costs_refuse_a_single_class():
    with pytest.raises(ShapeError, match=r"z has shape \(1, 3\), expected \(k, m\) with k >= 2 classes"):
        losses.softmax_cross_entropy_with_logits(np.zeros((1, 3)), np.ones((1, 3)))


def test_a_rank1_vector_of_logits_gets_the_column_hint():
    with pytest.raises(ShapeError, match=r"z is a rank-1 array: give it two dimensions with reshape, "
                                         r"e\.g\. z\.reshape\(-1, 1\) for one example as a column"):
        losses.softmax_cross_entropy_with_logits(np.zeros(3), np.array([[1.0], [0.0], [0.0]]))


def test_transposed_one_hot_labels_get_the_transpose_hint():
    y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])  # (m, k) = (3, 2): rows are one-hot
    with pytest.raises(ValueError, match=r"y must be one-hot: .*; its rows are one-hot: it looks transposed, "
                                         r"y\.T has shape \(2, 3\)"):
        losses.softmax_cross_entropy_with_logits(np.zeros((3, 2)), y)


# ---- values ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cost, first", [
    (losses.binary_cross_entropy, np.zeros((1, 0))),
    (losses.binary_cross_entropy_with_logits, np.zeros((1, 0))),
    (losses.half_mean_squared_error, np.zeros((1, 0))), (losses.output_delta, np.zeros((1, 0))),
    (losses.softmax_cross_entropy_with_logits, np.zeros((3, 0))), (losses.cross_entropy, np.zeros((3, 0))),
])
def test_no_examples_is_refused_instead_of_a_nan_with_a_warning(strict_floats, cost, first):
    with pytest.raises(ValueError, match=r"^(a|z) has no examples \(m = 0\)"):
        cost(first, first.copy())


def test_cross_entropy_refuses_columns_that_do_not_sum_to_one():
    a = np.array([[0.5, 0.2], [0.4, 0.8]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"a must hold probabilities whose columns each sum to 1 \(within "
                                         r"SUM_TOLERANCE = 1e-06\), as softmax gives them; "
                                         r"column 0 sums to 0\.9"):
        losses.cross_entropy(a, y)


def test_cross_entropy_accepts_the_rounding_of_a_computed_softmax():
    z = np.random.default_rng(3).standard_normal((10, 50)) * 3
    y = np.eye(10)[:, np.arange(50) % 10]
    assert losses.cross_entropy(softmax(z), y) == pytest.approx(
        losses.softmax_cross_entropy_with_logits(z, y), rel=1e-9)


def test_cross_entropy_of_transposed_probabilities_gets_the_transpose_hint():
    a = np.array([[0.5, 0.5], [0.2, 0.8], [0.3, 0.7]])  # (m, k): rows sum to 1
    with pytest.raises(ValueError, match=r"its rows sum to 1: it looks transposed, a\.T has shape \(2, 3\)"):
        losses.cross_entropy(a, np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]))


def test_swapped_arguments_get_a_hint():
    with pytest.raises(ValueError, match=r"y must hold labels 0 or 1 only; found \[0\.2, 0\.4, 0\.7, 0\.9\].*"
                                         r"are the arguments swapped\?"):
        losses.binary_cross_entropy(Y4, A4)


@pytest.mark.parametrize("cost", [losses.binary_cross_entropy_with_logits,
                                  losses.softmax_cross_entropy_with_logits])
def test_infinite_logits_are_refused_by_name(cost):
    z = np.array([[np.inf, 0.0], [0.0, 0.0]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"^z has 1 non-finite value"):
        cost(z, y)


def test_logit_costs_are_finite_and_exact_at_1e300(strict_floats):
    z = np.array([[1e300, -1e300, 1e300, -1e300]])
    assert (losses.binary_cross_entropy_with_logits(z, np.array([[1.0, 0.0, 0.0, 1.0]]))
            == pytest.approx(5e299))
    zk = np.array([[1e300, -1e300], [-1e300, 1e300]])
    assert (losses.softmax_cross_entropy_with_logits(zk, np.array([[1.0, 1.0], [0.0, 0.0]]))
            == pytest.approx(1e300))


def test_a_squared_error_beyond_the_largest_float_is_inf_without_a_warning(strict_floats):
    assert losses.half_mean_squared_error(np.array([[1e200]]), np.array([[0.0]])) == np.inf


@pytest.mark.parametrize("check", [losses.check_binary_labels, losses.check_one_hot])
def test_the_label_checks_refuse_what_is_not_an_array_of_numbers_by_name(check):
    with pytest.raises(TypeError, match=r"^Y must be an array of real numbers, got NoneType"):
        check(None, "Y")


def test_the_label_checks_return_the_labels_as_float64():
    assert losses.check_binary_labels([[1, 0]]).dtype == np.float64
    np.testing.assert_array_equal(losses.check_one_hot([[1, 0], [0, 1]]), np.eye(2))


def test_one_hot_labels_must_be_two_dimensional():
    with pytest.raises(ShapeError, match=r"^y has shape \(2,\)"):
        losses.check_one_hot(np.array([1.0, 0.0]))


def test_output_delta_is_a_minus_y_for_one_example_of_k_classes():
    a = np.array([[0.7], [0.2], [0.1]])
    y = np.array([[1.0], [0.0], [0.0]])
    np.testing.assert_allclose(losses.output_delta(a, y), [[-0.3], [0.2], [0.1]])


def test_output_delta_refuses_nan_by_name():
    with pytest.raises(ValueError, match=r"^a has 1 non-finite value"):
        losses.output_delta(np.array([[np.nan]]), np.array([[1.0]]))


@pytest.mark.parametrize("cost", [losses.binary_cross_entropy, losses.binary_cross_entropy_with_logits,
                                  losses.half_mean_squared_error, losses.output_delta,
                                  losses.softmax_cross_entropy_with_logits, losses.cross_entropy])
def test_no_cost_changes_its_inputs(cost):
    first = np.array([[0.7, 0.4], [0.3, 0.6]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    before = first.copy(), y.copy()
    cost(first, y)
    np.testing.assert_array_equal(first, before[0])
    np.testing.assert_array_equal(y, before[1])
