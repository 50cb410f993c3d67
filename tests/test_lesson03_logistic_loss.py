"""Lesson 03 (the logistic loss, DLS course 1 week 2 video p24; the stable loss from the
Machine Learning Specialization course 2 week 2): the lesson's claims as tests.

The derivation: p(y|x) = y_hat^y (1 - y_hat)^(1 - y) is y_hat for y = 1 and 1 - y_hat for
y = 0; log prod_i p = -m J on the notebook's small data set; the likelihood, the
log-likelihood and J peak at the same w. The derivative dL/dz = a - y against finite
differences. Squared error with a sigmoid is not convex in w (a negative second difference)
and has plateaus, cross-entropy is convex. The loss from probabilities at z = 40, y = 0 is
inf (nan for y = 1, the clip value 27.631 when clipped) while the loss from the logits is
40. Logistic regression on the course's flower (planar_flower(course=True)) lowers its cost
yet gets the course's 47.0 %; on planar_flower(), the same recipe from another generator, it
gets 51.0 %, with the same settings (the lesson's explanation of the gap). The notebook's
small data set and exercise solution are read from the notebook itself.
"""
import math

import nbformat
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import activations as act
from helpers import losses
from helpers import network as net
from helpers.checks import check
from helpers.datasets import planar_flower
from helpers.gradcheck import numerical_gradient, relative_difference
from notebook_code import code_cell, stored_text
from support import ROOT

NOTEBOOK = ROOT / "notebooks" / "03_logistic_loss.ipynb"
COURSE_FLOWER_ACCURACY = 0.47  # course 1 week 3 assignment, logistic regression on the flower
SETTLED = 1e-9  # change_after_nudges below this: the run's result is a property of the maths
CLIP_LOSS = -math.log(losses.PROB_CLIP)  # 27.631...: the clipped loss of a certain wrong answer
W_GRID = np.linspace(-8, 8, 801)  # the notebook's grid of weights (b held fixed)


def _notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def _code_cell(marker):
    """The source of the one code cell of the notebook that contains ``marker``."""
    return code_cell(NOTEBOOK, marker)


@pytest.fixture(scope="module")
def toy():
    """The notebook's small data set and parameters: X_toy (1, 6), Y_toy (1, 6), w (1, 1), b, m."""
    ns = {"np": np}
    exec(_code_cell("X_toy = np.array("), ns)  # noqa: S102 - our own notebook
    return ns


def _probabilities(A, Y):
    return A**Y * (1 - A) ** (1 - Y)


def _naive_loss(z, y):
    """The loss from y_hat, as written; its warnings (log 0, 0 * inf) are silenced."""
    with np.errstate(divide="ignore", invalid="ignore"):
        a = act.sigmoid(z)
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def _stable(z, y):
    return losses.binary_cross_entropy_with_logits(np.array([[z]], dtype=float), np.array([[y]], dtype=float))


def _clipped(z, y):
    return losses.binary_cross_entropy(act.sigmoid(np.array([[z]], dtype=float)),
                                       np.array([[y]], dtype=float))


# --- 1. p(y | x) = y_hat^y (1 - y_hat)^(1 - y) ------------------------------------------

@given(st.floats(1e-6, 1 - 1e-6))
def test_substituting_y_1_into_p_of_y_given_x_gives_y_hat(y_hat):
    assert y_hat**1 * (1 - y_hat) ** 0 == y_hat


@given(st.floats(1e-6, 1 - 1e-6))
def test_substituting_y_0_into_p_of_y_given_x_gives_1_minus_y_hat(y_hat):
    assert y_hat**0 * (1 - y_hat) ** 1 == 1 - y_hat


def test_the_formula_and_the_two_cases_agree_on_the_notebooks_data(toy):
    A = act.sigmoid(toy["w"].T @ toy["X_toy"] + toy["b"])
    Y = toy["Y_toy"]
    np.testing.assert_allclose(_probabilities(A, Y), np.where(Y == 1, A, 1 - A), rtol=1e-15)
    assert (np.array2string(_probabilities(A, Y)[0], precision=4)
            == "[0.9866 0.8859 0.3659 0.2789 0.8455 0.9811]")


# --- 2-3. the log of the product of probabilities is -m J -------------------------------

def test_log_of_the_product_of_the_probabilities_is_minus_m_J_on_the_notebooks_data(toy):
    X, Y, w, b, m = toy["X_toy"], toy["Y_toy"], toy["w"], toy["b"], toy["m"]
    assert X.shape == (1, 6) and Y.shape == (1, 6) and m == 6
    A = act.sigmoid(w.T @ X + b)
    J = losses.binary_cross_entropy(A, Y)
    log_of_product = math.log(float(np.prod(_probabilities(A, Y))))
    assert log_of_product == pytest.approx(-m * J, rel=1e-12)
    assert f"{-m * J:.4f}" == "-2.6039"  # the log-probability the prose quotes


@given(st.lists(st.tuples(st.floats(0.01, 0.99), st.sampled_from([0.0, 1.0])), min_size=1, max_size=30))
def test_the_log_likelihood_is_minus_m_J_for_any_predictions_and_labels(pairs):
    A = np.array([[a for a, _ in pairs]])
    Y = np.array([[y for _, y in pairs]])
    m = A.shape[1]
    log_likelihood = float(np.sum(np.log(_probabilities(A, Y))))
    assert log_likelihood == pytest.approx(-m * losses.binary_cross_entropy(A, Y), rel=1e-9, abs=1e-12)


def test_a_product_of_1100_probabilities_underflows_while_the_sum_of_their_logs_is_finite():
    p = np.full(1100, 0.5)
    assert np.prod(p) == 0.0
    assert float(np.sum(np.log(p))) == pytest.approx(1100 * math.log(0.5))


def test_the_likelihood_the_log_likelihood_and_the_cost_are_best_at_the_same_w(toy):
    X, Y, b = toy["X_toy"], toy["Y_toy"], toy["b"]
    A = act.sigmoid(W_GRID.reshape(-1, 1) * X + b)
    p = _probabilities(A, Y)
    J = [losses.binary_cross_entropy_with_logits(wk * X + b, Y) for wk in W_GRID]
    best = {int(np.argmax(np.prod(p, axis=1))), int(np.argmax(np.sum(np.log(p), axis=1))), int(np.argmin(J))}
    assert len(best) == 1
    assert f"{W_GRID[best.pop()]:.2f}" == "1.20"


def test_dividing_by_m_does_not_move_the_minimum(toy):
    X, Y, b, m = toy["X_toy"], toy["Y_toy"], toy["b"], toy["m"]
    J = np.array([losses.binary_cross_entropy_with_logits(wk * X + b, Y) for wk in W_GRID])
    assert np.argmin(J) == np.argmin(m * J)


# --- 4. squared error with a sigmoid: not convex, plateaus ------------------------------

def _costs_over_w(toy):
    X, Y, b = toy["X_toy"], toy["Y_toy"], toy["b"]
    ce = np.array([losses.binary_cross_entropy_with_logits(wk * X + b, Y) for wk in W_GRID])
    se = np.array([losses.half_mean_squared_error(act.sigmoid(wk * X + b), Y) for wk in W_GRID])
    return ce, se


def test_the_squared_error_cost_with_a_sigmoid_has_a_negative_second_difference_in_w(toy):
    _, se = _costs_over_w(toy)
    second = np.diff(se, 2)
    assert second.min() < 0  # somewhere it curves downwards: not convex
    concave_w = W_GRID[1:-1][second < 0]
    assert (concave_w < 0).any() and (concave_w > 2).any()  # on both sides of the minimum


def test_the_cross_entropy_cost_has_a_positive_second_difference_everywhere_on_the_grid(toy):
    ce, _ = _costs_over_w(toy)
    assert np.diff(ce, 2).min() > 0


def test_on_the_squared_error_plateau_gradient_descent_does_not_move_while_cross_entropy_converges(toy):
    X, Y, b = toy["X_toy"], toy["Y_toy"], toy["b"]

    def ce(wk):
        return losses.binary_cross_entropy_with_logits(wk * X + b, Y)

    def se(wk):
        return losses.half_mean_squared_error(act.sigmoid(wk * X + b), Y)

    assert abs(numerical_gradient(ce, -6.0)) > 5000 * abs(numerical_gradient(se, -6.0))
    ends = {}
    for name, cost in (("ce", ce), ("se", se)):
        wk = -6.0
        for _ in range(100):
            wk -= 1.0 * numerical_gradient(cost, wk)
        ends[name] = wk
    assert ends["ce"] == pytest.approx(1.20, abs=0.01)
    assert ends["se"] == pytest.approx(-6.0, abs=0.05)


# --- 5. dL/dz = a - y ---------------------------------------------------------------

@pytest.mark.parametrize("z", [-5.0, -0.55, 0.0, 0.3, 4.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_dL_da_times_da_dz_is_a_minus_y_and_matches_a_finite_difference(z, y):
    a = float(act.sigmoid(z))
    dL_da = -y / a + (1 - y) / (1 - a)
    da_dz = a * (1 - a)
    assert da_dz == pytest.approx(float(act.sigmoid_grad(z)))
    assert dL_da * da_dz == pytest.approx(a - y, rel=1e-12, abs=1e-15)
    slope = numerical_gradient(lambda zz: _stable(zz, y), z)
    assert slope == pytest.approx(a - y, abs=1e-7)


def test_dJ_dz_is_a_minus_y_over_m_against_numerical_gradient_on_the_notebooks_data(toy):
    X, Y, w, b, m = toy["X_toy"], toy["Y_toy"], toy["w"], toy["b"], toy["m"]
    Z = w.T @ X + b
    numerical = numerical_gradient(lambda z: losses.binary_cross_entropy_with_logits(z, Y), Z)
    assert numerical.shape == Z.shape
    assert relative_difference(numerical, (act.sigmoid(Z) - Y) / m) < 1e-7


def test_dw_and_db_from_a_minus_y_match_numerical_gradient_on_the_notebooks_data(toy):
    X, Y, w, b, m = toy["X_toy"], toy["Y_toy"], toy["w"], toy["b"], toy["m"]
    dZ = act.sigmoid(w.T @ X + b) - Y
    dw, db = X @ dZ.T / m, float(np.sum(dZ) / m)
    dw_num = numerical_gradient(lambda wv: losses.binary_cross_entropy_with_logits(wv.T @ X + b, Y), w)
    db_num = numerical_gradient(lambda bv: losses.binary_cross_entropy_with_logits(w.T @ X + bv, Y), b)
    assert relative_difference(dw_num, dw) < 1e-7
    assert db_num == pytest.approx(db, abs=1e-8)


# --- 6. the loss from probabilities versus from logits ----------------------------------

def test_the_lectures_two_ways_to_compute_2_over_10000_differ_in_the_last_digits():
    assert f"{2.0 / 10000:.18f}" == "0.000200000000000000"
    assert f"{(1 + 1 / 10000) - (1 - 1 / 10000):.18f}" == "0.000199999999999978"


def test_sigmoid_of_40_rounds_to_exactly_1_but_sigmoid_of_minus_40_is_a_positive_float():
    assert act.sigmoid(40.0) == 1.0
    assert 1 - act.sigmoid(40.0) == 0.0
    assert act.sigmoid(-40.0) == pytest.approx(math.exp(-40), rel=1e-12)


def test_at_z_40_with_y_0_the_naive_loss_is_inf_the_clipped_one_is_the_clip_value_the_stable_one_40():
    assert _naive_loss(40.0, 0.0) == np.inf
    assert _clipped(40.0, 0.0) == pytest.approx(CLIP_LOSS)
    assert f"{CLIP_LOSS:.4f}" == "27.6310"
    assert _stable(40.0, 0.0) == pytest.approx(40.0, rel=1e-15)


def test_at_z_40_with_y_1_the_naive_loss_is_nan_and_the_stable_one_is_about_0():
    assert np.isnan(_naive_loss(40.0, 1.0))
    assert _stable(40.0, 1.0) == pytest.approx(math.exp(-40), rel=1e-9)


def test_clipping_turns_a_loss_of_40_into_27_631_where_the_naive_loss_is_still_right():
    assert _naive_loss(-40.0, 1.0) == pytest.approx(40.0, rel=1e-12)
    assert _clipped(-40.0, 1.0) == pytest.approx(CLIP_LOSS)


@pytest.mark.parametrize("z, y", [(800.0, 0.0), (-800.0, 1.0), (1e4, 0.0), (-1e4, 1.0)])
def test_for_huge_logits_the_stable_loss_is_abs_z_where_the_naive_one_is_inf(z, y):
    assert _naive_loss(z, y) == np.inf
    assert _stable(z, y) == pytest.approx(abs(z), rel=1e-15)


def test_a_confident_right_answer_at_z_minus_800_makes_the_naive_loss_nan():
    assert np.isnan(_naive_loss(-800.0, 0.0))
    assert _stable(-800.0, 0.0) == 0.0


@given(st.floats(-20, 20), st.sampled_from([0.0, 1.0]))
def test_the_stable_formula_equals_the_naive_loss_where_the_naive_one_is_accurate(z, y):
    formula = max(z, 0.0) - z * y + math.log1p(math.exp(-abs(z)))
    assert _stable(z, y) == pytest.approx(formula, rel=1e-12, abs=1e-15)
    assert _stable(z, y) == pytest.approx(float(_naive_loss(z, y)), rel=1e-6, abs=1e-9)


def test_the_naive_y_0_loss_becomes_infinite_at_z_36_74_on_the_notebooks_grid():
    z = np.linspace(30, 40, 2001)
    naive = _naive_loss(z, 0.0)
    first_inf = z[np.argmax(~np.isfinite(naive))]
    assert f"{first_inf:.2f}" == "36.74"
    assert np.all(np.isfinite(naive[z < first_inf])) and np.all(np.isinf(naive[z >= first_inf]))
    assert first_inf == pytest.approx(53 * math.log(2), abs=0.005)  # e^-z below 2^-53


# --- 7. logistic regression on the flower -------------------------------------------

def _train_logistic(X, Y, **start):
    settings = dict(learning_rate=1.2, num_iterations=2000, method="zeros")
    params, costs = net.train(X, Y, [2, 1], ["sigmoid"], **dict(settings, **start))
    return params, np.array(costs)


@pytest.fixture(scope="module")
def flower_run():
    """The notebook's run: the course's flower, from zeros, learning rate 1.2, 2000 steps."""
    X, Y = planar_flower(course=True)
    params, costs = _train_logistic(X, Y)
    return X, Y, params, costs


@pytest.fixture(scope="module")
def our_flower_run():
    """The same run on planar_flower(): the recipe with noise from np.random.default_rng(1)."""
    X, Y = planar_flower()
    params, costs = _train_logistic(X, Y)
    return X, Y, params, costs


def test_logistic_regression_on_the_flower_lowers_its_cost(flower_run):
    _, _, _, costs = flower_run
    assert costs[0] == pytest.approx(math.log(2))  # zero parameters: y_hat = 0.5 everywhere
    assert np.all(np.diff(costs[:3]) < -1e-4)  # the first steps fall clearly
    assert np.all(np.diff(costs) <= 1e-12)  # and it never rises (beyond rounding) afterwards
    assert (f"{costs[0]:.4f}", f"{costs[-1]:.4f}") == ("0.6931", "0.6731")  # as the prose says


def test_logistic_regression_on_the_course_flower_gets_the_courses_47_percent(flower_run):
    X, Y, params, _ = flower_run
    accuracy = net.accuracy(net.predict(X, params, ["sigmoid"]), Y)
    assert accuracy == COURSE_FLOWER_ACCURACY  # 188 of 400, exactly the course's number


def test_the_best_line_does_worse_than_a_constant_answer_on_the_course_flower(flower_run):
    # the lesson: gradient descent minimises J, not the number of mistakes
    X, Y, params, costs = flower_run
    constant = net.accuracy(np.zeros_like(Y), Y)
    assert constant == 0.5 > net.accuracy(net.predict(X, params, ["sigmoid"]), Y)
    assert costs[-1] < math.log(2)  # while its cost is lower than the constant 0.5's


def test_logistic_regression_on_the_course_flower_reaches_the_same_line_from_a_nudged_start(flower_run):
    # from zeros a relative nudge changes nothing (w = 0), so nudge a random start: it must end
    # at the zero start's line, and stay there
    _assert_reaches_the_same_line_from_a_nudged_start(flower_run)


def _assert_reaches_the_same_line_from_a_nudged_start(run):
    X, Y, params, _ = run
    from_random, _ = _train_logistic(X, Y, method="random", seed=1)
    for k in params:
        np.testing.assert_allclose(from_random[k], params[k], rtol=0, atol=1e-12)
    change = net.change_after_nudges(X, Y, [2, 1], ["sigmoid"], 1.2, 2000, method="random", seed=1)
    assert change < SETTLED


def test_our_flower_is_the_same_recipe_with_the_same_labels_but_every_point_elsewhere(
        flower_run, our_flower_run):
    X, Y, _, _ = flower_run
    X_ours, Y_ours, _, _ = our_flower_run
    np.testing.assert_array_equal(Y_ours, Y)
    assert np.all(np.linalg.norm(X_ours - X, axis=0) > 0)


def test_logistic_regression_on_our_flower_gets_51_percent_with_the_same_settings(our_flower_run):
    X, Y, params, costs = our_flower_run
    accuracy = net.accuracy(net.predict(X, params, ["sigmoid"]), Y)
    assert accuracy < 0.60
    assert abs(accuracy - COURSE_FLOWER_ACCURACY) < 0.10  # near the course's 47 %: near chance
    assert (f"{100 * accuracy:.1f}", f"{costs[-1]:.4f}") == ("51.0", "0.6571")
    assert round(abs(accuracy - COURSE_FLOWER_ACCURACY) * 400) == 16  # "16 of 400 points"


def test_logistic_regression_on_our_flower_settles(our_flower_run):
    _assert_reaches_the_same_line_from_a_nudged_start(our_flower_run)


def test_logistic_regression_is_the_one_layer_sigmoid_network(flower_run):
    X, _, params, _ = flower_run
    w, b = params["W1"].T, params["b1"].item()
    by_hand = (act.sigmoid(w.T @ X + b) > 0.5).astype(np.int64)
    np.testing.assert_array_equal(net.predict(X, params, ["sigmoid"]), by_hand)


# --- 8. the exercise: the notebook's solution ---------------------------------------

@pytest.fixture(scope="module")
def solution():
    ns = {"np": np, "act": act}
    exec(_code_cell("def logistic_cost_and_grad("), ns)  # noqa: S102 - our own notebook
    return ns["logistic_cost_and_grad"]


def _reference(w, b, X, Y):
    params = {"W1": w.T, "b1": np.array([[b]])}
    AL, caches = net.forward(X, params, ["sigmoid"])
    grads = net.backward(AL, Y, caches)
    return net.network_cost(X, Y, params, ["sigmoid"]), grads["dW1"].T, grads["db1"].item()


def _exercise_cases():
    rng = np.random.default_rng(3)
    return [
        (rng.standard_normal((2, 1)), 0.5, rng.standard_normal((2, 20)),
         rng.integers(0, 2, (1, 20)).astype(float)),
        (rng.standard_normal((5, 1)), -0.3, rng.standard_normal((5, 1)), np.array([[1.0]])),  # m = 1
        (np.array([[30.0], [-30.0]]), -1.0, rng.uniform(-2, 2, (2, 8)), np.array([[0.0, 1.0] * 4])),
        (np.array([[400.0]]), 0.0, np.array([[-2.0, 2.0]]), np.array([[1.0, 0.0]])),  # z = -800, 800
    ]


def test_the_solution_passes_the_self_check_against_the_helpers_reference(solution):
    assert check(solution, _exercise_cases(), reference=_reference)


def test_the_solution_returns_a_float_a_column_and_a_float(solution):
    w, b, X, Y = _exercise_cases()[0]
    J, dw, db = solution(w, b, X, Y)
    assert isinstance(J, float) and isinstance(db, float)
    assert dw.shape == w.shape == (2, 1)


def test_the_solutions_cost_is_exact_for_logits_of_800(solution):
    w, b, X, Y = _exercise_cases()[3]
    J, dw, db = solution(w, b, X, Y)
    assert J == pytest.approx(800.0, rel=1e-15)
    assert np.all(np.isfinite(dw)) and math.isfinite(db)


def test_the_solutions_gradient_matches_finite_differences_of_its_cost(solution):
    for w, b, X, Y in _exercise_cases()[:3]:
        _, dw, db = solution(w, b, X, Y)
        dw_num = numerical_gradient(lambda wv: solution(wv, b, X, Y)[0], w)
        db_num = numerical_gradient(lambda bv: solution(w, bv, X, Y)[0], b)
        assert relative_difference(dw_num, dw) < 1e-7
        assert db_num == pytest.approx(db, abs=1e-7)


def test_a_cost_from_probabilities_fails_the_self_check_on_large_logits():
    def from_probabilities(w, b, X, Y):
        m = X.shape[1]
        A = act.sigmoid(w.T @ X + b)
        J = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
        return J, X @ (A - Y).T / m, float(np.sum(A - Y) / m)

    with np.errstate(divide="ignore", invalid="ignore"):
        result = check(from_probabilities, _exercise_cases()[3:], reference=_reference)
    assert not result
    assert "result[0]" in result.message


# --- the stored notebook --------------------------------------------------------------

def _stored_text():
    return stored_text(NOTEBOOK)


def test_no_warning_or_stderr_output_is_stored_in_the_notebook():
    nb = _notebook()
    streams = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"]
    assert streams and all(o.name == "stdout" for o in streams)
    assert "Warning" not in _stored_text()


def test_the_notebook_prints_the_numbers_these_tests_assert():
    text = _stored_text()
    for line in ["-m J  (m = 6, J = 0.4340)       -2.6039",
                 "cost J smallest at         w = 1.20",
                 "the naive loss is inf from z = 36.74 on",
                 "(1 + 1/10000) - (1 - 1/10000) = 0.000199999999999978",
                 "training accuracy 47.0 %",
                 "same labels: True; points elsewhere: 400 of 400",
                 "the course: RandomState(1)        0.6731     47.0 %",
                 "ours: default_rng(1)              0.6571     51.0 %",
                 "✓ logistic_cost_and_grad: 4 of 4 cases passed",
                 "✓ logistic_cost_and_grad: dw, db vs finite differences of its own J: 4 of 4 cases passed"]:
        assert line in text, line
    rows = [line.split() for line in text.splitlines()]  # the loss table's cells, whatever the spacing
    assert ["40", "0", "inf", "27.6310", "40.0000"] in rows and ["40", "1", "nan", "0.0000", "0.0000"] in rows


def test_the_notebook_compares_with_the_course_on_the_course_flower():
    assert "X, Y = planar_flower(course=True)" in _code_cell("training accuracy")
    assert "planar_flower()" in _code_cell("X_ours, Y_ours = planar_flower()")
