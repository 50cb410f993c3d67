"""Lesson 07 (gradient checking, DLS course 2 week 1, videos 1.12-1.14): the lesson's claims as tests.

The lecture's worked numbers: for f(theta) = theta^3 at theta = 1 and eps = 0.01 the two-sided
difference is 3.0001 (error 0.0001) and the one-sided one 3.0301 (error 0.0301), the true
derivative being 3. The notebook's other claims: the error falls with slope 1 and 2 on a
log-log plot and then rises again (round-off); the planted bugs of the notebook (its own
functions, read from the notebook) are flagged on the right parameters and the correct
backward passes; the fast check along random directions catches the same bugs with far
fewer cost evaluations; the practical rules (regularization, dropout, checking after some
training, ReLU kinks) behave as the notebook says; the exercises' reference solutions pass.
"""
import ast
import functools
from types import SimpleNamespace

import numpy as np
import pytest

from helpers import gradcheck as gc
from helpers import network as net
from helpers.datasets import planar_flower
from helpers.exercises import lesson07
from helpers.initializers import initialize
from helpers.losses import binary_cross_entropy_with_logits
from notebook_code import code_cells, load_definitions, read_notebook, stored_text
from support import ROOT, SHALLOW

NOTEBOOK = ROOT / "notebooks" / "07_gradient_checking.ipynb"
SEED = 1  # the notebook's seed
EPS_BIG = 1e-5  # the notebook's eps for the wide network
PLANTED = [("backward_bug_dW2", {"W2"}), ("backward_bug_db1", {"b1"}),
           ("backward_bug_tanh", {"W1", "b1"})]


# --- reading the notebook ----------------------------------------------------------------

def _code_cells():
    return code_cells(NOTEBOOK)


def _load(*names, **namespace):
    """Execute the notebook's top-level definitions of ``names`` (functions or assignments)."""
    return load_definitions(NOTEBOOK, names, {"np": np, "gc": gc, "net": net, **namespace})


def _function_source(name):
    for cell in _code_cells():
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return ast.get_source_segment(cell.source, node)
    raise AssertionError(f"no function {name} in the notebook")


def _stored_text():
    return stored_text(NOTEBOOK)


@pytest.fixture(scope="module")
def lesson():
    """The notebook's data and networks, rebuilt with the same calls in the same order."""
    rng = np.random.default_rng(SEED)
    X_all, Y_all = planar_flower(m=400, seed=1)
    pick = rng.choice(X_all.shape[1], size=20, replace=False)
    X_big = rng.standard_normal((100, 16))
    Y_big = (rng.random((1, 16)) < 0.5).astype(np.float64)
    small = initialize([2, 4, 1], method="random", seed=SEED)
    trained, _ = net.train(X_all, Y_all, small, SHALLOW, learning_rate=1.2, num_iterations=2000)
    return SimpleNamespace(
        X_all=X_all, Y_all=Y_all, X=X_all[:, pick], Y=Y_all[:, pick],
        params=initialize([2, 4, 1], method="xavier", seed=SEED),
        params_small=small, params_trained=trained,
        X_big=X_big, Y_big=Y_big, params_big=initialize([100, 200, 1], method="xavier", seed=SEED))


@pytest.fixture(scope="module")
def backwards():
    names = ["backward_shallow", "backward_bug_z", "backward_mystery"] + [n for n, _ in PLANTED]
    ns = _load(*names)
    return {name: ns[name] for name in names}


def test_the_tests_rebuild_the_notebooks_network(lesson):
    AL, caches = net.forward(lesson.X, lesson.params, SHALLOW)
    dtheta, _ = gc.params_to_vector(net.backward(AL, lesson.Y, caches))
    printed = "dθ        " + np.array2string(dtheta, precision=4, max_line_width=90)
    assert printed in _stored_text()


# --- 1.12: the lecture's numbers ---------------------------------------------------------

def test_two_sided_difference_of_theta_cubed_at_1_is_the_lectures_3_0001():
    ns = _load("f", "two_sided")
    value = ns["two_sided"](ns["f"], 1.0, 0.01)
    assert f"{value:.4f}" == "3.0001"
    assert f"{abs(value - 3):.4f}" == "0.0001"
    assert value == pytest.approx(gc.numerical_gradient(ns["f"], 1.0, eps=0.01), abs=1e-12)


def test_one_sided_difference_of_theta_cubed_at_1_is_the_lectures_3_0301():
    ns = _load("f", "one_sided")
    value = ns["one_sided"](ns["f"], 1.0, 0.01)
    assert f"{value:.4f}" == "3.0301"
    assert f"{abs(value - 3):.4f}" == "0.0301"
    assert value == pytest.approx(gc.numerical_gradient(ns["f"], 1.0, eps=0.01, two_sided=False),
                                  abs=1e-12)


def test_the_notebook_prints_the_lectures_three_numbers():
    text = _stored_text()
    assert "3θ² = 3.0000" in text
    assert "= 3.0001   error 0.0001" in text
    assert "= 3.0301   error 0.0301" in text


@pytest.mark.parametrize("eps", [0.1, 0.03, 0.01, 1e-3])
def test_for_theta_cubed_the_errors_are_exactly_eps_squared_and_3_eps_plus_eps_squared(eps):
    ns = _load("f", "one_sided", "two_sided")
    assert ns["two_sided"](ns["f"], 1.0, eps) - 3 == pytest.approx(eps ** 2, rel=1e-6)
    assert ns["one_sided"](ns["f"], 1.0, eps) - 3 == pytest.approx(3 * eps + eps ** 2, rel=1e-9)


# --- error against eps -------------------------------------------------------------------

@pytest.fixture(scope="module")
def sweep():
    ns = _load("f", "one_sided", "two_sided", "loglog_slope")
    eps = np.logspace(-1, -12, 45)
    one = np.abs(ns["one_sided"](ns["f"], 1.0, eps) - 3)
    two = np.abs(ns["two_sided"](ns["f"], 1.0, eps) - 3)
    return SimpleNamespace(eps=eps, one=one, two=two, slope=ns["loglog_slope"])


def test_the_fitted_slopes_are_1_and_2_on_the_clean_part(sweep):
    clean_one, clean_two = sweep.eps >= 1e-6, sweep.eps >= 1e-4
    slope_one = sweep.slope(sweep.eps[clean_one], sweep.one[clean_one])
    slope_two = sweep.slope(sweep.eps[clean_two], sweep.two[clean_two])
    assert slope_one == pytest.approx(1, abs=0.01)
    assert slope_two == pytest.approx(2, abs=0.01)
    text = _stored_text()
    assert f"one-sided: slope {slope_one:.2f}" in text and f"{slope_one:.2f}" == "1.00"
    assert f"two-sided: slope {slope_two:.2f}" in text and f"{slope_two:.2f}" == "2.00"


def test_too_small_an_eps_makes_the_two_sided_difference_worse(sweep):
    best = np.argmin(sweep.two)
    assert 1e-7 <= sweep.eps[best] <= 1e-4  # near the cube root of machine epsilon
    assert sweep.two[-1] > 1e5 * sweep.two[best]  # eps = 1e-12: the round-off floor
    assert sweep.two[-1] > sweep.two[sweep.eps >= 1e-3][-1]  # worse than eps = 1e-3


def test_the_courses_eps_of_1e_7_is_accurate_enough_in_float64(sweep):
    at_1e_7 = sweep.two[np.argmin(np.abs(np.log10(sweep.eps) + 7))]
    assert at_1e_7 < 1e-9 < gc.THRESHOLD_OK


def test_the_best_eps_estimates_are_the_cube_and_square_roots_of_machine_epsilon():
    eps_mach = np.finfo(np.float64).eps
    text = _stored_text()
    assert f"{eps_mach ** (1 / 3):.1e}" == "6.1e-06" and "cube root        6.1e-06" in text
    assert f"{np.sqrt(eps_mach):.1e}" == "1.5e-08" and "square root      1.5e-08" in text
    assert "round-off ~ ε_mach/ε = 2e-09" in text


DECADES = [10.0 ** -k for k in range(1, 13)]


@pytest.fixture(scope="module")
def decade_table():
    """The notebook's table: errors at theta = 1 and medians over 1,001 thetas in [0.5, 1.5]."""
    ns = _load("f", "one_sided", "two_sided")
    f, one_sided, two_sided = ns["f"], ns["one_sided"], ns["two_sided"]
    thetas = np.linspace(0.5, 1.5, 1001)
    rows = {}
    for e in DECADES:
        rows[e] = (abs(one_sided(f, 1.0, e) - 3), abs(two_sided(f, 1.0, e) - 3),
                   np.median(np.abs(one_sided(f, thetas, e) - 3 * thetas ** 2)),
                   np.median(np.abs(two_sided(f, thetas, e) - 3 * thetas ** 2)))
    return rows


def test_the_decade_table_is_compared_and_shows_these_numbers(decade_table):
    rows = [line.split() for line in _stored_text().splitlines()]
    for e, values in decade_table.items():
        row = [f"{e:.0e}", *(f"{v:.1e}" for v in values)]  # the table's cells, whatever the spacing
        assert row in rows, row


def test_at_theta_1_the_two_sided_error_is_flat_near_1e_10_from_1e_5_to_1e_7(decade_table):
    at_1 = [decade_table[e][1] for e in (1e-5, 1e-6, 1e-7)]
    assert all(5e-12 < v < 2e-10 for v in at_1)


def test_typically_the_two_sided_error_is_smallest_at_1e_5_and_about_eps_mach_over_eps_at_1e_7(
        decade_table):
    median_two = {e: v[3] for e, v in decade_table.items()}
    assert min(median_two, key=median_two.get) == pytest.approx(1e-5)
    assert median_two[1e-5] < median_two[1e-6] < median_two[1e-7]
    eps_mach = np.finfo(np.float64).eps
    assert 0.5 * eps_mach / 1e-7 < median_two[1e-7] < eps_mach / 1e-7  # 1.5e-9 against 2.2e-9


def test_typically_the_one_sided_error_is_smallest_at_1e_8(decade_table):
    median_one = {e: v[2] for e, v in decade_table.items()}
    assert min(median_one, key=median_one.get) == pytest.approx(1e-8)


def test_at_1e_12_both_formulas_are_off_by_about_1e_4(decade_table):
    assert all(3e-5 < v < 3e-4 for v in decade_table[1e-12])


def test_in_float32_the_courses_eps_is_19_percent_off_and_1e_3_the_best_of_the_four():
    ns = _load("f", "two_sided")
    errors = {e: abs(float(ns["two_sided"](ns["f"], np.float32(1.0), np.float32(e))) - 3)
              for e in (1e-7, 1e-5, 1e-3, 1e-2)}
    # f's values are float32 (the final division may be float64 under NumPy < 2's promotion)
    assert isinstance(ns["f"](np.float32(1.0) + np.float32(1e-3)), np.float32)
    assert f"{errors[1e-7] / 3:.0%}" == "19%"
    assert min(errors, key=errors.get) == 1e-3
    assert 3e-6 < errors[1e-3] / 3 < 3e-5  # "about 1e-5 of the slope": float64's look-closer zone
    assert gc.verdict(errors[1e-3] / 3) == "look closer"
    assert f"{np.finfo(np.float32).eps:.1e}" == "1.2e-07"
    text = _stored_text()
    assert "ε = 1e-07: slope 3.5763, error 6e-01" in text
    assert "best two-sided ε ~ cube root 5e-03" in text


# --- 1.13: checking the network ----------------------------------------------------------

def test_the_notebooks_verdict_table_states_exactly_the_lines_verdict_draws():
    cell = next(c for c in read_notebook(str(NOTEBOOK)).cells
                if c.cell_type == "markdown" and "The lecture's scale for this number" in c.source)
    rows = [line for line in cell.source.splitlines() if line.startswith("| ") and "verdict" not in line]
    assert rows == [
        "| below $10^{-7}$ (`gc.THRESHOLD_OK`) | ok | backprop is very likely right |",
        "| from $10^{-7}$ up to $10^{-3}$ (the lecture's example: $10^{-5}$) | look closer "
        "| maybe fine: check the components |",
        "| $10^{-3}$ (`gc.THRESHOLD_BUG`) or more | bug? | very likely a bug |",
    ]
    assert (gc.THRESHOLD_OK, gc.THRESHOLD_BUG) == (1e-7, 1e-3)
    below_ok, below_bug = np.nextafter(1e-7, 0), np.nextafter(1e-3, 0)
    assert [gc.verdict(v) for v in (below_ok, 1e-7, 2e-7, 1e-5, below_bug, 1e-3)] == [
        "ok", "look closer", "look closer", "look closer", "look closer", "bug?"]
    assert 'A correct backprop at $2 \\times 10^{-7}$ therefore gets "look closer"' in cell.source


def test_the_notebooks_backward_equals_helpers_backward_and_passes(lesson, backwards):
    AL, caches = net.forward(lesson.X, lesson.params, SHALLOW)
    mine, reference = backwards["backward_shallow"](AL, lesson.Y, caches), net.backward(AL, lesson.Y, caches)
    for name in reference:
        np.testing.assert_allclose(mine[name], reference[name], rtol=1e-12, atol=1e-15)
    report = gc.gradient_check(lesson.X, lesson.Y, lesson.params, SHALLOW,
                               backward_fn=backwards["backward_shallow"])
    assert report.ok and all(row.verdict == "ok" for row in report.rows)
    assert report.n_evaluations == 2 * 17


@pytest.mark.parametrize("name, culprits", PLANTED)
def test_each_planted_bug_is_flagged_on_the_right_parameter(lesson, backwards, name, culprits):
    report = gc.gradient_check(lesson.X, lesson.Y, lesson.params, SHALLOW, backward_fn=backwards[name])
    assert report.verdict == "bug?"
    assert {row.name for row in report.rows if row.verdict == "bug?"} == culprits
    assert all(row.verdict == "ok" for row in report.rows if row.name not in culprits)


def test_a_factor_2_gives_exactly_one_third_and_a_double_1_over_m_gives_19_over_21(lesson, backwards):
    check = functools.partial(gc.gradient_check, lesson.X, lesson.Y, lesson.params, SHALLOW)
    assert check(backward_fn=backwards["backward_bug_dW2"]).row("W2").relative_difference == \
        pytest.approx(1 / 3, rel=1e-6)
    assert check(backward_fn=backwards["backward_bug_db1"]).row("b1").relative_difference == \
        pytest.approx(19 / 21, rel=1e-6)


@pytest.mark.parametrize("name", [n for n, _ in PLANTED] + ["backward_bug_z", "backward_mystery"])
def test_each_buggy_copy_differs_from_the_correct_backward_in_one_line(name):
    def code_lines(source):
        return [line.split("#")[0].rstrip() for line in source.splitlines()[1:]]

    correct = code_lines(_function_source("backward_shallow"))
    buggy = code_lines(_function_source(name))
    changed = [(a, b) for a, b in zip(correct, buggy) if a != b]
    if name in ("backward_bug_z", "backward_mystery"):  # they also unpack Z1 from the cache
        changed = [(a, b) for a, b in changed if "layer1.A_prev" not in b]
    assert len(correct) == len(buggy) and len(changed) == 1, changed


def test_the_planted_bugs_are_marked_in_the_notebook():
    for name, _ in PLANTED:
        assert _function_source(name).count("# BUG") == 1
    assert "# BUG" not in _function_source("backward_mystery")  # that one the student finds


# --- 1.14: practical rules ---------------------------------------------------------------

def test_a_check_costs_two_evaluations_per_parameter():
    dims = [12288, 20, 7, 5, 1]
    n_cat = sum(n * (n_prev + 1) for n_prev, n in zip(dims, dims[1:]))
    assert n_cat == gc.params_to_vector(initialize(dims, method="zeros"))[0].size == 245_973
    text = _stored_text()
    assert "17 parameters, one check = 34 evaluations of J" in text
    assert "245,973 parameters, one check = 491,946 forward passes" in text


def test_a_cost_with_regularization_flags_a_backward_without_its_terms(lesson, backwards):
    lam, m = 0.7, lesson.X.shape[1]

    def cost_l2(p):
        return (net.network_cost(lesson.X, lesson.Y, p, SHALLOW)
                + lam / (2 * m) * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2)))

    AL, caches = net.forward(lesson.X, lesson.params, SHALLOW)
    grads = backwards["backward_shallow"](AL, lesson.Y, caches)
    without = gc.compare_gradients(cost_l2, lesson.params, grads)
    assert [row.verdict for row in without.rows] == ["bug?", "ok", "bug?", "ok"]
    grads = dict(grads, dW1=grads["dW1"] + lam / m * lesson.params["W1"],
                 dW2=grads["dW2"] + lam / m * lesson.params["W2"])
    assert gc.compare_gradients(cost_l2, lesson.params, grads).ok


def test_with_dropout_the_two_sided_difference_is_noise(lesson, backwards):
    ns = _load("cost_dropout", "estimate_dW1_11", X=lesson.X, Y=lesson.Y, params=lesson.params,
               mask_rng=np.random.default_rng(SEED),
               binary_cross_entropy_with_logits=binary_cross_entropy_with_logits)
    estimates = [ns["estimate_dW1_11"](lambda p: ns["cost_dropout"](p, keep_prob=0.8)) for _ in range(3)]
    AL, caches = net.forward(lesson.X, lesson.params, SHALLOW)
    true = backwards["backward_shallow"](AL, lesson.Y, caches)["dW1"][0, 0]
    assert all(abs(e) > 1e3 * abs(true) for e in estimates)
    assert len({np.sign(e) for e in estimates}) == 2  # not even the sign agrees
    off = ns["estimate_dW1_11"](lambda p: ns["cost_dropout"](p, keep_prob=1.0))
    assert off == pytest.approx(true, rel=1e-5)
    assert f"keep_prob = 0.8: {', '.join(f'{e:.0e}' for e in estimates)}" in _stored_text()


def test_a_bug_hidden_at_small_initialization_shows_after_training(lesson, backwards):
    bug, good = backwards["backward_bug_z"], backwards["backward_shallow"]
    X, Y = lesson.X, lesson.Y
    at_init = gc.gradient_check(X, Y, lesson.params_small, SHALLOW, backward_fn=bug)
    assert all(row.verdict != "bug?" for row in at_init.rows)
    AL, caches = net.forward(X, lesson.params_small, SHALLOW)
    grads = good(AL, Y, caches)
    assert gc.relative_difference(bug(AL, Y, caches)["dW1"], grads["dW1"]) < 1e-5
    assert np.abs(grads["dW1"]).max() < 1e-2  # tiny layer-1 gradients: round-off weighs more

    after = gc.gradient_check(X, Y, lesson.params_trained, SHALLOW, backward_fn=bug)
    assert [row.verdict for row in after.rows] == ["bug?", "bug?", "ok", "ok"]
    assert gc.gradient_check(X, Y, lesson.params_trained, SHALLOW, backward_fn=good).ok
    # the trap is specific to small weights: at Xavier's initialization the check sees it
    xavier = gc.gradient_check(X, Y, lesson.params, SHALLOW, backward_fn=bug)
    assert [row.verdict for row in xavier.rows] == ["bug?", "bug?", "ok", "ok"]


def test_a_relu_kink_within_eps_fails_a_correct_backward_and_the_report_names_the_unit(lesson):
    relu = ["relu", "sigmoid"]
    params = initialize([2, 4, 1], method="he", seed=SEED)
    Z1 = params["W1"] @ lesson.X + params["b1"]
    assert np.abs(Z1).min() > 10 * gc.EPSILON
    assert gc.gradient_check(lesson.X, lesson.Y, params, relu).ok

    kink = {name: value.copy() for name, value in params.items()}
    kink["b1"][1, 0] -= Z1[1, 0] - 3e-8
    report = gc.gradient_check(lesson.X, lesson.Y, kink, relu)
    assert [row.verdict for row in report.rows] == ["bug?", "bug?", "ok", "ok"]
    assert report.row("W1").index[0] == 1 and report.row("b1").index == (1, 0)


# --- the fast check along random directions ----------------------------------------------

def test_the_wide_network_has_tens_of_thousands_of_parameters(lesson):
    assert gc.params_to_vector(lesson.params_big)[0].size == 20_401
    text = _stored_text()
    assert "full check: 40,802 evaluations of J, verdict ok" in text
    assert "fast check:     24 evaluations of J, verdict ok" in text
    assert "ratio: 1,700 times fewer evaluations" in text


@pytest.mark.parametrize("name, culprits", [("backward_shallow", set())] + PLANTED)
def test_the_fast_check_catches_each_bug_with_far_fewer_evaluations(lesson, backwards, name, culprits):
    fast = gc.gradient_check(lesson.X_big, lesson.Y_big, lesson.params_big, SHALLOW,
                             backward_fn=backwards[name], eps=EPS_BIG, directions=3)
    assert {row.name for row in fast.rows if row.verdict == "bug?"} == culprits
    assert all(row.verdict == "ok" for row in fast.rows if row.name not in culprits)
    assert fast.n_evaluations == 24
    full_evaluations = 2 * gc.params_to_vector(lesson.params_big)[0].size
    assert fast.n_evaluations * 1000 < full_evaluations


@pytest.mark.parametrize("name, culprits", PLANTED)
def test_the_fast_check_also_catches_each_bug_on_the_small_network(lesson, backwards, name, culprits):
    fast = gc.gradient_check(lesson.X, lesson.Y, lesson.params, SHALLOW,
                             backward_fn=backwards[name], directions=2)
    assert {row.name for row in fast.rows if row.verdict == "bug?"} == culprits


@pytest.mark.slow
def test_the_full_check_of_the_wide_network_passes_the_correct_backward(lesson, backwards):
    full = gc.gradient_check(lesson.X_big, lesson.Y_big, lesson.params_big, SHALLOW,
                             backward_fn=backwards["backward_shallow"], eps=EPS_BIG)
    assert full.ok and full.n_evaluations == 40_802


# --- exercises -----------------------------------------------------------------------------

def test_exercise_1_the_loop_matches_numerical_gradient_and_leaves_theta_alone(lesson):
    gradient_approx = _load("gradient_approx")["gradient_approx"]
    theta, spec = gc.params_to_vector(lesson.params)
    saved = theta.copy()

    def J(t):
        return net.network_cost(lesson.X, lesson.Y, gc.vector_to_params(t, spec), SHALLOW)

    np.testing.assert_allclose(gradient_approx(J, theta, gc.EPSILON),
                               gc.numerical_gradient(J, theta, gc.EPSILON), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(theta, saved)


def test_exercise_2_the_mystery_bug_is_in_dW2_and_the_solution_fixes_it(lesson, backwards):
    mystery = gc.gradient_check(lesson.X, lesson.Y, lesson.params, SHALLOW,
                                backward_fn=backwards["backward_mystery"])
    assert [row.name for row in mystery.rows if row.verdict == "bug?"] == ["W2"] == lesson07.culprit.expected
    ns = _load("culprit", "backward_fixed")
    assert ns["culprit"] == "W2"
    for X, Y, params in [(lesson.X, lesson.Y, lesson.params),
                         (lesson.X_all, lesson.Y_all, lesson.params_trained)]:
        fixed = gc.gradient_check(X[:, :30], Y[:, :30], params, SHALLOW,
                                  backward_fn=ns["backward_fixed"])
        assert fixed.ok
    text = _stored_text()
    for line in ["✓ culprit: 1 of 1 cases passed", "✓ backward_fixed: 3 of 3 cases passed",
                 "✓ gradient_approx: 4 of 4 cases passed"]:
        assert line in text
