"""helpers.gradcheck: the lecture's numbers, no mutation, reports that catch planted bugs."""
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import gradcheck as gc
from helpers import network as net
from helpers.initializers import initialize
from helpers.shapes import ShapeError
from support import SHALLOW



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
    params = {f"{kind}{l}": np.full((1, 1), float(l)) for l in range(10, 0, -1) for kind in "bW"}
    theta, spec = gc.params_to_vector(params)
    assert [name for name, _ in spec][2:4] == ["W2", "b2"] and spec[-2][0] == "W10"
    np.testing.assert_array_equal(theta, np.repeat(np.arange(1.0, 11.0), 2))


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


# ---- refused inputs: each message names the argument --------------------------------

def test_relative_difference_refuses_arrays_of_different_shapes_instead_of_broadcasting():
    a = np.array([[1.0], [2.0], [3.0]])
    with pytest.raises(ShapeError, match=r"b has shape \(3,\), expected \(3, 1\) \(the shape of a\)"):
        gc.relative_difference(a, a.reshape(-1))
    with pytest.raises(ShapeError, match=r"b has shape \(1, 3\), expected \(3, 1\).*b.T"):
        gc.relative_difference(a, a.T)
    assert gc.relative_difference(a, a.copy()) == 0.0


def test_relative_difference_refuses_nan_by_name():
    with pytest.raises(ValueError, match=r"^b has 1 non-finite value"):
        gc.relative_difference(np.ones(3), np.array([1.0, np.nan, 1.0]))


def test_relative_difference_is_scale_free_from_tiny_to_huge_numbers():
    a, b = np.array([3.0, 4.0]), np.array([3.0, 4.1])
    expected = gc.relative_difference(a, b)
    with np.errstate(under="ignore"):
        scaled = [(a * scale, b * scale) for scale in (1e-300, 1e-200, 1e200, 1e307)]
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for a_s, b_s in scaled:
            assert gc.relative_difference(a_s, b_s) == pytest.approx(expected, rel=1e-12)
        assert gc.relative_difference(np.full(2, 1e308), np.full(2, -1e308)) == 1.0


def test_a_nan_difference_is_a_bug_not_a_closer_look():
    assert gc.verdict(float("nan")) == "bug?"
    assert gc.verdict(float("inf")) == "bug?"
    with pytest.raises(ValueError, match=r"rel_diff must be a relative difference >= 0"):
        gc.verdict(-1e-3)
    with pytest.raises(TypeError, match=r"rel_diff must be a real number, got None"):
        gc.verdict(None)


@pytest.mark.parametrize("eps", [0, 0.0, -1e-7, float("nan"), float("inf")])
def test_numerical_gradient_refuses_an_eps_that_is_not_positive_and_finite(eps):
    with pytest.raises(ValueError, match=r"eps must be a finite real number > 0"):
        gc.numerical_gradient(lambda t: t ** 2, 1.0, eps=eps)


def test_numerical_gradient_refuses_an_eps_lost_in_the_rounding_of_theta():
    with pytest.raises(ValueError, match=r"eps = 1e-07 is too small for theta\[1\] = 1e\+10"):
        gc.numerical_gradient(lambda t: float(np.sum(t)), np.array([1.0, 1e10]))


@pytest.mark.parametrize("f, error, message", [
    (lambda t: float("nan"), ValueError,
     r"f must return a finite real number .*got nan at theta\[0\] \+ eps"),
    (lambda t: np.inf, ValueError, r"f must return a finite real number .*got inf"),
    (lambda t: t, TypeError, r"f must return a real number .*an array of shape \(3,\)"),
    (lambda t: np.sum(t).reshape(1, 1), TypeError, r"f must return a real number.*J.item\(\)"),
    (lambda t: None, TypeError, r"f must return a real number .*got None"),
    (lambda t: "1.0", TypeError, r"f must return a real number .*got '1.0'"),
    (lambda t: 1j, TypeError, r"f must return a real number .*got 1j"),
])
def test_numerical_gradient_wants_f_to_return_a_finite_real_number(f, error, message):
    with pytest.raises(error, match=message):
        gc.numerical_gradient(f, np.ones(3))


def test_numerical_gradient_accepts_numpy_numbers_and_0d_arrays_from_f():
    for f in (lambda t: np.sum(t ** 2), lambda t: np.asarray(np.sum(t ** 2)), lambda t: int(t @ t > 0)):
        grad = gc.numerical_gradient(f, np.array([1.0, 2.0]))
        assert grad.shape == (2,) and np.all(np.isfinite(grad))


def test_numerical_gradient_refuses_a_theta_or_f_that_is_not_what_it_should_be():
    with pytest.raises(TypeError, match=r"f must be a function"):
        gc.numerical_gradient(np.ones(3), np.ones(3))
    with pytest.raises(TypeError, match=r"theta must be an array of real numbers, got NoneType"):
        gc.numerical_gradient(np.sum, None)
    with pytest.raises(ValueError, match=r"theta has 1 non-finite value"):
        gc.numerical_gradient(np.sum, np.array([1.0, np.inf]))


def _quadratic():
    params = {"W1": np.array([[1.0, -2.0], [0.5, 3.0], [2.0, 0.0]]), "b1": np.array([[0.5], [1.0], [-1.0]])}

    def cost(p):
        return float(np.sum(p["W1"] ** 2) + np.sum(p["b1"] ** 3))

    grads = {"dW1": 2 * params["W1"], "db1": 3 * params["b1"] ** 2}
    return cost, params, grads


def test_compare_gradients_refuses_a_transposed_gradient():
    cost, params, grads = _quadratic()
    grads["dW1"] = grads["dW1"].T
    with pytest.raises(ShapeError, match=r"dW1 has shape \(2, 3\), expected \(3, 2\) \(the shape of W1\); "
                                         r"it looks transposed: dW1.T"):
        gc.compare_gradients(cost, params, grads)


@pytest.mark.parametrize("change, message", [
    (lambda g: g.pop("db1"), r"grads has no 'db1' for params\['b1'\]"),
    (lambda g: g.update(dW2=np.ones((1, 3))), r"grads has an unexpected key 'dW2'"),
    (lambda g: g.update(db=np.ones((1, 3))), r"grads has an unexpected key 'db'"),
    (lambda g: g.update(DW1=g.pop("dW1")), r"grads has an unexpected key 'DW1' \(did you mean 'dW1'\?"),
])
def test_compare_gradients_refuses_missing_or_extra_gradients(change, message):
    cost, params, grads = _quadratic()
    change(grads)
    with pytest.raises(ValueError, match=message):
        gc.compare_gradients(cost, params, grads)


def test_compare_gradients_names_the_parameter_where_the_cost_is_not_finite():
    _, params, grads = _quadratic()

    def cost(p):
        return float(np.sqrt(-1.0 - p["b1"][2, 0]))  # b1[2, 0] = -1: sqrt(0), then sqrt(-eps)

    with pytest.raises(ValueError, match=r"cost_fn must return a finite real number .*got nan "
                                         r"at b1\[2, 0\] \+ eps"):
        with np.errstate(invalid="ignore"):
            gc.compare_gradients(cost, params, grads)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"eps": 0}, ValueError, r"eps must be a finite real number > 0"),
    ({"directions": 0}, ValueError, r"directions must be a whole number >= 1"),
    ({"directions": 1.5}, ValueError, r"directions must be a whole number >= 1"),
    ({"directions": "3"}, TypeError, r"directions must be a real number"),
    ({"seed": -1}, ValueError, r"seed must be a whole number >= 0"),
])
def test_compare_gradients_refuses_bad_settings(kwargs, error, message):
    cost, params, grads = _quadratic()
    with pytest.raises(error, match=message):
        gc.compare_gradients(cost, params, grads, **kwargs)


def test_gradient_check_refuses_a_backward_fn_that_returns_no_dict_or_transposed_gradients(shallow_problem):
    X, Y, params = shallow_problem
    with pytest.raises(TypeError, match=r"backward_fn must return a dict of gradients"):
        gc.gradient_check(X, Y, params, SHALLOW, backward_fn=lambda AL, Y, caches: [0.0])

    def transposed(AL, Y, caches):
        grads = net.backward(AL, Y, caches)
        grads["dW1"] = grads["dW1"].T
        return grads

    with pytest.raises(ShapeError, match=r"dW1 has shape \(3, 5\), expected \(5, 3\)"):
        gc.gradient_check(X, Y, params, SHALLOW, backward_fn=transposed)


def test_gradient_check_checks_the_labels_before_calling_backward_fn(shallow_problem):
    X, Y, params = shallow_problem
    called = []
    with pytest.raises(ShapeError, match=r"Y has shape \(8, 1\), expected \(1, 8\).*Y.T"):
        gc.gradient_check(X, Y.T, params, SHALLOW, backward_fn=lambda *args: called.append(1))
    assert not called


def test_params_to_vector_refuses_keys_that_are_not_a_networks():
    with pytest.raises(ValueError, match=r"params has an unexpected key 'w2' \(did you mean 'W2'\?"):
        gc.params_to_vector({"W1": np.ones((2, 2)), "b1": np.ones((2, 1)), "w2": np.ones((1, 2)), "b2": 0.0})
    with pytest.raises(ValueError, match=r"params has 'W1' but no 'b1'"):
        gc.params_to_vector({"W1": np.ones((2, 2))})
    with pytest.raises(TypeError, match=r"params must be a dict"):
        gc.params_to_vector([np.ones((2, 2))])


def test_params_to_vector_takes_a_grads_dict_too():
    theta, spec = gc.params_to_vector({"db1": np.zeros((2, 1)), "dW1": np.ones((2, 3))})
    assert [name for name, _ in spec] == ["dW1", "db1"] and theta.shape == (8,)


def test_vector_to_params_refuses_a_column_and_a_spec_that_is_not_one():
    _, spec = gc.params_to_vector({"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})
    with pytest.raises(ShapeError, match=r"theta has shape \(6, 1\), expected \(6,\).*theta.reshape\(-1\)"):
        gc.vector_to_params(np.zeros((6, 1)), spec)
    with pytest.raises(ValueError, match=r"theta has 1 non-finite value"):
        gc.vector_to_params(np.array([0, 0, 0, 0, 0, np.nan]), spec)
    with pytest.raises(TypeError, match=r"spec must be the \(name, shape\) pairs"):
        gc.vector_to_params(np.zeros(6), "W1")
    with pytest.raises(ValueError, match=r"spec names 'W1' twice"):
        gc.vector_to_params(np.zeros(6), (("W1", (2, 2)), ("W1", (2, 1))))
    with pytest.raises(ValueError, match=r"the shape of 'W1' must be whole numbers >= 0"):
        gc.vector_to_params(np.zeros(6), (("W1", (2, -2)), ("b1", (2, 1))))


def test_format_difference_refuses_what_is_not_a_difference():
    assert gc.format_difference(float("nan")) == "nan"
    with pytest.raises(ValueError, match=r"value must be a difference >= 0"):
        gc.format_difference(-0.5)
    with pytest.raises(TypeError, match=r"value must be a real number"):
        gc.format_difference("0.5")
    with pytest.raises(ValueError, match=r"floor must be a finite real number >= 0"):
        gc.format_difference(0.5, floor=-1)


def test_gradient_check_is_the_same_report_as_compare_gradients_with_network_cost(shallow_problem):
    # gradient_check evaluates the cost without network_cost's checks: the same numbers.
    X, Y, params = shallow_problem
    AL, caches = net.forward(X, params, SHALLOW)
    grads = backward_with_factor_2_in_dW2(AL, Y, caches)
    direct = gc.compare_gradients(lambda p: net.network_cost(X, Y, p, SHALLOW), params, grads)
    report = gc.gradient_check(X, Y, params, SHALLOW, backward_fn=backward_with_factor_2_in_dW2)
    assert report.rows == direct.rows and report.relative_difference == direct.relative_difference


def test_every_public_name_defined_here_is_in___all__():
    defined = {name for name, obj in vars(gc).items()
               if not name.startswith("_") and getattr(obj, "__module__", None) == gc.__name__}
    constants = {"EPSILON", "THRESHOLD_OK", "THRESHOLD_BUG", "REPORT_FLOOR"}
    assert defined | constants == set(gc.__all__)
