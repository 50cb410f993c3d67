"""helpers.gradcheck: the lecture's numbers, no mutation, reports that catch planted bugs."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import gradcheck as gc
from helpers import network as net
from helpers.initializers import initialize

SHALLOW = ["tanh", "sigmoid"]


def test_two_sided_difference_of_theta_cubed_is_the_lectures_3_0001():
    assert gc.numerical_gradient(lambda t: t ** 3, 1.0, eps=0.01) == pytest.approx(3.0001, abs=1e-12)


def test_one_sided_difference_of_theta_cubed_is_the_lectures_3_0301():
    value = gc.numerical_gradient(lambda t: t ** 3, 1.0, eps=0.01, two_sided=False)
    assert value == pytest.approx(3.0301, abs=1e-12)


def test_numerical_gradient_of_a_scalar_is_a_float():
    assert type(gc.numerical_gradient(lambda t: t ** 2, 2.0)) is float


def test_numerical_gradient_works_for_any_shape():
    theta = np.arange(6.0).reshape(2, 3)
    grad = gc.numerical_gradient(lambda t: float(np.sum(t ** 2)), theta)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, 2 * theta, atol=1e-7)


def test_numerical_gradient_never_changes_theta():
    theta = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = theta.copy()
    seen = []

    def f(t):
        seen.append(t is theta)
        return float(np.sum(np.sin(t)))

    gc.numerical_gradient(f, theta)
    np.testing.assert_array_equal(theta, before)
    assert not any(seen)  # f only ever saw a copy


def test_relative_difference_is_zero_when_both_are_zero():
    assert gc.relative_difference(np.zeros(3), np.zeros(3)) == 0.0


def test_relative_difference_follows_the_lecture_formula():
    a, b = np.array([3.0, 4.0]), np.array([0.0, 0.0])
    assert gc.relative_difference(a, b) == 1.0
    a, b = np.array([1.0, 0.0]), np.array([1.0, 1e-3])
    assert gc.relative_difference(a, b) == pytest.approx(1e-3 / (1 + np.hypot(1, 1e-3)))


def test_verdict_uses_the_lecture_thresholds():
    assert gc.verdict(1e-9) == "ok"
    assert gc.verdict(1e-5) == "look closer"
    assert gc.verdict(1e-3) == "bug?"


# ---- params <-> vector ----------------------------------------------------------------

def test_params_to_vector_orders_w1_b1_w2_b2_whatever_the_dict_order():
    params = {"b2": np.zeros((1, 1)), "W2": np.ones((1, 2)), "b1": np.full((2, 1), 2.0),
              "W1": np.full((2, 3), 3.0)}
    theta, spec = gc.params_to_vector(params)
    assert [name for name, _ in spec] == ["W1", "b1", "W2", "b2"]
    np.testing.assert_array_equal(theta, [3.0] * 6 + [2.0] * 2 + [1.0] * 2 + [0.0])


def test_params_to_vector_orders_layer_10_after_layer_2():
    params = {f"W{l}": np.ones((1, 1)) for l in (1, 2, 10)}
    _, spec = gc.params_to_vector(params)
    assert [name for name, _ in spec] == ["W1", "W2", "W10"]


layer_dims = st.lists(st.integers(1, 5), min_size=2, max_size=4)


@given(layer_dims, st.integers(0, 2 ** 32 - 1))
def test_params_to_vector_and_back_is_exact(dims, seed):
    params = initialize(dims, method="he", seed=seed)
    params = {k: v + np.random.default_rng(seed).standard_normal(v.shape) for k, v in params.items()}
    theta, spec = gc.params_to_vector(params)
    back = gc.vector_to_params(theta, spec)
    assert set(back) == set(params)
    for name in params:
        np.testing.assert_array_equal(back[name], params[name])


def test_vector_to_params_copies_so_the_pieces_do_not_share_theta():
    theta, spec = gc.params_to_vector({"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})
    back = gc.vector_to_params(theta, spec)
    back["W1"][0, 0] = 9.0
    assert theta[0] == 1.0


def test_vector_to_params_refuses_a_vector_of_the_wrong_length():
    _, spec = gc.params_to_vector({"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})
    with pytest.raises(ValueError, match=r"theta has shape \(5,\), expected \(6,\)"):
        gc.vector_to_params(np.zeros(5), spec)


# ---- checking a network ---------------------------------------------------------------

@pytest.fixture
def shallow_problem():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 8)) * 2
    Y = (rng.random((1, 8)) < 0.5).astype(float)
    params = initialize([3, 5, 1], method="xavier", scale=2.5, seed=1)
    return X, Y, params


def backward_with_factor_2_in_dW2(AL, Y, caches):
    grads = net.backward(AL, Y, caches)
    grads["dW2"] = 2 * grads["dW2"]
    return grads


def backward_without_1_over_m_in_db1(AL, Y, caches):
    grads = net.backward(AL, Y, caches)
    grads["db1"] = grads["db1"] * AL.shape[1]
    return grads


def test_gradient_check_passes_the_correct_backward(shallow_problem):
    report = gc.gradient_check(*shallow_problem, SHALLOW)
    assert report.ok
    assert [row.name for row in report.rows] == ["W1", "b1", "W2", "b2"]
    assert all(row.verdict == "ok" for row in report.rows)
    assert report.n_evaluations == 2 * (15 + 5 + 5 + 1)


@pytest.mark.parametrize("buggy, culprit", [
    (backward_with_factor_2_in_dW2, "W2"),
    (backward_without_1_over_m_in_db1, "b1"),
])
def test_gradient_check_flags_a_planted_bug_on_the_right_parameter(shallow_problem, buggy, culprit):
    report = gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=buggy)
    assert not report.ok
    assert report.row(culprit).relative_difference >= gc.THRESHOLD_BUG
    assert report.row(culprit).verdict == "bug?"
    assert all(row.verdict == "ok" for row in report.rows if row.name != culprit)


@pytest.mark.parametrize("buggy, culprit", [
    (backward_with_factor_2_in_dW2, "W2"),
    (backward_without_1_over_m_in_db1, "b1"),
])
def test_fast_mode_catches_the_same_bugs_with_far_fewer_evaluations(shallow_problem, buggy, culprit):
    full = gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=buggy)
    fast = gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=buggy, directions=2)
    assert fast.row(culprit).verdict == "bug?"
    assert all(row.verdict == "ok" for row in fast.rows if row.name != culprit)
    assert fast.n_evaluations == 2 * 2 * 4
    assert fast.n_evaluations * 3 <= full.n_evaluations


def test_fast_mode_passes_the_correct_backward_of_a_larger_network():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((20, 10))
    Y = np.eye(4)[:, rng.integers(0, 4, 10)]
    acts = ["tanh", "tanh", "softmax"]
    params = initialize([20, 30, 25, 4], method="xavier", scale=2.0, seed=2)
    report = gc.gradient_check(X, Y, params, acts, directions=3)
    assert report.ok, report
    assert report.n_evaluations == 2 * 3 * 6  # against 2 * 1,509 for the full check


def test_the_report_prints_as_a_table(shallow_problem):
    text = repr(gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=backward_with_factor_2_in_dW2))
    lines = text.splitlines()
    assert lines[0] == "gradient check (full, eps = 1e-07, 52 cost evaluations)"
    assert lines[1].split() == ["parameter", "relative", "diff", "max", "|diff|", "at", "verdict"]
    assert lines[4].startswith("W2") and lines[4].endswith("bug?")
    assert lines[-1].startswith("overall") and lines[-1].endswith("bug?")


def test_the_report_points_at_the_largest_discrepancy(shallow_problem):
    X, Y, params = shallow_problem

    def one_wrong_entry(AL, Y, caches):
        grads = net.backward(AL, Y, caches)
        grads["dW1"][3, 2] += 0.5
        return grads

    row = gc.gradient_check(X, Y, params, SHALLOW, backward_fn=one_wrong_entry).row("W1")
    assert row.index == (3, 2)
    assert row.max_abs_diff == pytest.approx(0.5, rel=1e-6)


def test_compare_gradients_checks_any_cost_of_a_params_dict():
    target = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}

    def cost(p):
        return float(np.sum((p["W1"] - 1) ** 2) + np.sum(p["b1"] ** 3))

    grads = {"dW1": 2 * (target["W1"] - 1), "db1": 3 * target["b1"] ** 2}
    assert gc.compare_gradients(cost, target, grads).ok
    grads["db1"] = 2 * grads["db1"]
    assert gc.compare_gradients(cost, target, grads).row("b1").verdict == "bug?"


def test_gradient_check_does_not_change_the_params(shallow_problem):
    X, Y, params = shallow_problem
    saved = {k: v.copy() for k, v in params.items()}
    gc.gradient_check(X, Y, params, SHALLOW)
    gc.gradient_check(X, Y, params, SHALLOW, directions=2)
    for k in params:
        np.testing.assert_array_equal(params[k], saved[k])


# ---- the printed report: stable precision --------------------------------------------

def test_format_difference_prints_one_significant_digit():
    assert gc.format_difference(1 / 3) == "3e-01"
    assert gc.format_difference(0.96) == "1e+00"
    assert gc.format_difference(2.4e-5) == "2e-05"


def test_format_difference_prints_values_below_the_floor_as_a_bound():
    assert gc.REPORT_FLOOR == gc.THRESHOLD_OK
    assert gc.format_difference(7e-10) == "< 1e-07"
    assert gc.format_difference(0.0) == "< 1e-07"
    assert gc.format_difference(gc.REPORT_FLOOR) == "1e-07"
    assert gc.format_difference(3e-9, floor=1e-8) == "< 1e-08"


def test_a_row_below_the_floor_prints_no_max_diff_and_no_location(shallow_problem):
    lines = repr(gc.gradient_check(*shallow_problem, SHALLOW)).splitlines()
    for line in lines[2:6]:
        name, bound, exponent, biggest, at, verdict = line.split()
        assert (bound, exponent, biggest, at, verdict) == ("<", "1e-07", "-", "-", "ok")
    assert lines[-1].split() == ["overall", "<", "1e-07", "ok"]


def test_a_flagged_row_prints_its_largest_discrepancy_and_where(shallow_problem):
    report = gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=backward_with_factor_2_in_dW2)
    line = repr(report).splitlines()[4]
    fields = line.split()
    assert fields[:2] == ["W2", "3e-01"] and fields[-1] == "bug?"
    assert fields[2] == gc.format_difference(report.row("W2").max_abs_diff)
    assert "(0, {}) ".format(report.row("W2").index[1]) in line


def _perturbed_report(problem, backward_fn, seed, directions=None):
    """The same check with the round-off of another machine imitated: the cost off by a few
    units in the last place, the backprop gradients off by a relative 1e-9."""
    X, Y, params = problem
    noise = np.random.default_rng(seed)
    AL, caches = net.forward(X, params, SHALLOW)
    grads = {k: v * (1 + 1e-9 * noise.standard_normal(v.shape))
             for k, v in backward_fn(AL, Y, caches).items()}

    def cost(p):
        return net.network_cost(X, Y, p, SHALLOW) * (1 + 4e-16 * noise.standard_normal())

    return gc.compare_gradients(cost, params, grads, directions=directions)


@pytest.mark.parametrize("backward_fn", [net.backward, backward_with_factor_2_in_dW2,
                                         backward_without_1_over_m_in_db1])
@pytest.mark.parametrize("directions", [None, 2])
def test_the_printed_report_is_stable_under_tiny_perturbations(shallow_problem, backward_fn,
                                                               directions):
    exact = repr(gc.gradient_check(*shallow_problem, SHALLOW, backward_fn=backward_fn,
                                   directions=directions))
    for seed in range(5):
        perturbed = _perturbed_report(shallow_problem, backward_fn, seed, directions)
        assert repr(perturbed) == exact
