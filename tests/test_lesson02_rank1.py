"""Lesson 02 (rank-1 arrays, DLS course 1 week 2 video p22): the lesson's claims as tests.

The lecture's worked facts are shapes: a rank-1 array (5,) is its own transpose and
np.dot(a, a.T) is one number; with a column (5, 1), a.T is (1, 5) and a a^T is (5, 5);
db = np.sum(dZ, axis=1, keepdims=True) / m is a column (n, 1). The bug zoo's numbers
(3.3010 instead of 0.4004; a perfect classifier's 53.1 % below the 62.5 % of one that always
says 0) are recomputed here, every zoo input is refused by check_shape with a message naming
the argument, and the exercises' reference solutions, read from the notebook itself, give
the right shapes and values.
"""
import math
import re

import nbformat
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.exercises import lesson02
from helpers.shapes import ShapeError, as_column, check_shape
from notebook_code import solution_functions
from support import ROOT

NOTEBOOK = ROOT / "notebooks" / "02_rank1_arrays.ipynb"
SEED = 1  # the notebook's seed


# --- the lecture: a rank-1 array versus a column ------------------------------------

def test_a_rank1_array_has_shape_5_and_its_transpose_is_the_same_array():
    a = np.random.default_rng(SEED).standard_normal(5)
    assert a.shape == (5,) and a.ndim == 1
    assert a.T.shape == (5,)
    np.testing.assert_array_equal(a.T, a)


def test_dot_of_a_rank1_array_with_its_transpose_is_a_0d_scalar_equal_to_the_sum_of_squares():
    a = np.random.default_rng(SEED).standard_normal(5)
    d = np.dot(a, a.T)
    assert np.ndim(d) == 0 and np.shape(d) == ()
    assert d == pytest.approx(np.sum(a**2))
    assert (a @ a.T) == pytest.approx(np.sum(a**2))


@given(arrays(np.float64, st.integers(1, 50), elements=st.floats(-1e3, 1e3)))
def test_for_any_rank1_array_the_transpose_changes_nothing_and_dot_is_the_sum_of_squares(a):
    assert a.T.shape == a.shape
    assert np.dot(a, a.T) == pytest.approx(np.sum(a * a), rel=1e-12, abs=1e-9)


def test_np_outer_of_a_rank1_array_is_the_5_by_5_outer_product():
    a = np.random.default_rng(SEED).standard_normal(5)
    outer = np.outer(a, a)
    assert outer.shape == (5, 5)
    np.testing.assert_allclose(outer, a.reshape(5, 1) @ a.reshape(1, 5))


def test_a_column_times_its_transpose_is_5_by_5_and_has_matrix_rank_1():
    a = np.random.default_rng(SEED).standard_normal((5, 1))
    assert a.T.shape == (1, 5)
    outer = a @ a.T
    assert outer.shape == (5, 5) and outer.ndim == 2
    assert np.linalg.matrix_rank(outer) == 1
    np.testing.assert_array_equal(np.dot(a, a.T), outer)


def test_a_row_times_a_column_is_a_1_by_1_matrix_whose_item_is_the_sum_of_squares():
    a = np.random.default_rng(SEED).standard_normal((5, 1))
    inner = a.T @ a
    assert inner.shape == (1, 1)
    assert inner.item() == pytest.approx(np.sum(a**2))


def test_a_rank1_array_prints_with_one_bracket_rows_and_columns_with_two():
    v = np.array([1.0, 2.0, 3.0])
    assert np.array2string(v) == "[1. 2. 3.]"
    assert np.array2string(v.reshape(1, 3)) == "[[1. 2. 3.]]"
    assert np.array2string(v.reshape(3, 1)).startswith("[[1.]")


def test_numpy_has_zeros_but_no_zero():
    assert not hasattr(np, "zero")
    with pytest.raises(AttributeError, match="zero"):
        np.zero((2, 1))
    assert np.zeros((2, 1)).shape == (2, 1)


def test_reshape_and_as_column_turn_a_rank1_array_into_a_column():
    v = np.arange(5.0)
    assert v.reshape((5, 1)).shape == (5, 1)
    assert v.reshape(-1, 1).shape == (5, 1)
    assert as_column(v).shape == (5, 1)


def test_indexing_one_column_drops_the_axis_and_a_list_or_slice_keeps_it():
    X = np.zeros((3, 4))
    assert X[:, 0].shape == (3,)
    assert X[:, [0]].shape == (3, 1)
    assert X[:, 0:1].shape == (3, 1)


@pytest.mark.parametrize("n, m", [(3, 4), (2, 2), (1, 10), (5, 1)])
def test_sum_without_keepdims_is_rank1_and_turns_a_column_bias_into_a_matrix(n, m):
    dZ = np.random.default_rng(SEED).standard_normal((n, m))
    b = np.zeros((n, 1))
    db_rank1 = np.sum(dZ, axis=1) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    assert db_rank1.shape == (n,)
    assert db.shape == (n, 1)
    assert (b - 0.1 * db_rank1).shape == (n, n)
    assert (b - 0.1 * db).shape == (n, 1)


# --- the bug zoo: silent wrong results ----------------------------------------------

X_EXAMPLE = np.array([[10.0], [20.0], [30.0], [40.0], [50.0]])
MU = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
A_ROW = np.array([[0.9, 0.2, 0.7, 0.4]])
A_COL = A_ROW.reshape(4, 1)
Y_COST = np.array([1.0, 0.0, 1.0, 1.0])
Y_ACC = np.array([1, 0, 0, 1, 0, 1, 0, 0])


def _cost(A, Y, m):
    return np.sum(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))) / m


def test_zoo1_a_column_minus_a_rank1_array_is_a_5_by_5_matrix_with_the_answer_on_its_diagonal():
    wrong = X_EXAMPLE - MU
    assert wrong.shape == (5, 5)
    right = X_EXAMPLE - MU.reshape(5, 1)
    assert right.shape == (5, 1)
    np.testing.assert_array_equal(np.diag(wrong), right[:, 0])
    np.testing.assert_array_equal(right[:, 0], [9, 18, 27, 36, 45])


def test_zoo2_rank1_labels_against_a_column_of_predictions_give_a_loss_matrix_and_a_wrong_cost():
    loss = -(Y_COST * np.log(A_COL) + (1 - Y_COST) * np.log(1 - A_COL))
    assert loss.shape == (4, 4)
    J_wrong = np.sum(loss) / 4
    J_right = -sum(math.log(a) if y == 1 else math.log(1 - a) for a, y in zip(A_ROW[0], Y_COST)) / 4
    assert f"{J_wrong:.4f}" == "3.3010"
    assert f"{J_right:.4f}" == "0.4004"


def test_zoo2_rank1_labels_next_to_a_row_of_predictions_happen_to_be_right():
    loss = -(Y_COST * np.log(A_ROW) + (1 - Y_COST) * np.log(1 - A_ROW))
    assert loss.shape == (1, 4)
    assert _cost(A_ROW, Y_COST, 4) == pytest.approx(_cost(A_ROW, Y_COST.reshape(1, 4), 4))


def test_zoo2_the_cost_written_with_np_dot_is_a_1_by_1_matrix_and_item_gives_the_number():
    Y = Y_COST.reshape(1, 4)
    J = -(np.dot(Y, np.log(A_ROW).T) + np.dot(1 - Y, np.log(1 - A_ROW).T)) / 4
    assert J.shape == (1, 1)
    assert isinstance(J.item(), float)
    assert J.item() == pytest.approx(_cost(A_ROW, Y, 4))


def test_zoo3_the_bias_becomes_a_matrix_and_the_next_forward_pass_fails_far_from_the_cause():
    rng = np.random.default_rng(SEED)
    n, m = 3, 4
    dZ = rng.standard_normal((n, m))
    b = np.zeros((n, 1)) - 0.1 * (np.sum(dZ, axis=1) / m)
    assert b.shape == (3, 3)
    W, X = rng.standard_normal((n, 2)), rng.standard_normal((2, m))
    with pytest.raises(ValueError, match=r"\(3,4\) \(3,3\)"):
        W @ X + b


def test_zoo3_with_a_batch_of_m_equal_to_n_the_matrix_bias_never_fails():
    rng = np.random.default_rng(SEED)
    n = m = 3
    b = np.zeros((n, 1)) - 0.1 * (np.sum(rng.standard_normal((n, m)), axis=1) / m)
    Z = rng.standard_normal((n, 2)) @ rng.standard_normal((2, m)) + b
    assert Z.shape == (3, 3)  # runs: the bug stays silent


ZOO4_CLASSIFIERS = {  # name: (predictions, accuracy as a row, "accuracy" as a column), in %
    "perfect": (Y_ACC, "100.0", "53.1"),
    "inverted": (1 - Y_ACC, "0.0", "46.9"),
    "always 0": (np.zeros(8, dtype=int), "62.5", "62.5"),
    "always 1": (np.ones(8, dtype=int), "37.5", "37.5"),
}


def _row_and_column_accuracy(predictions, Y):
    m = Y.shape[0]
    hits_row, hits_col = predictions.reshape(1, m) == Y, predictions.reshape(m, 1) == Y
    assert hits_row.shape == (1, m) and hits_col.shape == (m, m)
    return np.mean(hits_row), np.mean(hits_col)


@pytest.mark.parametrize("name", list(ZOO4_CLASSIFIERS))
def test_zoo4_each_classifier_scores_the_stated_accuracy_as_a_row_and_as_a_column(name):
    predictions, as_row, as_column = ZOO4_CLASSIFIERS[name]
    right, broken = _row_and_column_accuracy(predictions, Y_ACC)
    assert (f"{100 * right:.1f}", f"{100 * broken:.1f}") == (as_row, as_column)


def test_zoo4_the_broken_accuracy_ranks_always_0_above_the_perfect_classifier():
    broken = {name: _row_and_column_accuracy(p, Y_ACC)[1] for name, (p, _, _) in ZOO4_CLASSIFIERS.items()}
    assert max(broken, key=broken.get) == "always 0"
    assert broken["always 0"] > broken["perfect"] > broken["inverted"]


@given(st.integers(1, 30).flatmap(lambda m: st.tuples(
    st.lists(st.integers(0, 1), min_size=m, max_size=m),
    st.lists(st.integers(0, 1), min_size=m, max_size=m))))
def test_zoo4_the_broken_accuracy_depends_only_on_how_many_ones_are_predicted(labels_and_predictions):
    # (m, 1) == (m,) compares every prediction with every label: with q ones among the m
    # labels and k among the predictions, the equal pairs number k q + (m - k)(m - q).
    labels, predictions = (np.array(v) for v in labels_and_predictions)
    m, q, k = labels.size, labels.sum(), predictions.sum()
    _, broken = _row_and_column_accuracy(predictions, labels)
    assert broken == pytest.approx((k * q + (m - k) * (m - q)) / m**2)
    _, shuffled = _row_and_column_accuracy(np.sort(predictions), labels)
    assert shuffled == pytest.approx(broken)  # which examples get the ones does not matter


def test_zoo4_the_notebook_prints_the_four_classifiers_table():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "classifiers = {" in c.source)
    text = "".join(o.get("text", "") for o in cell.outputs)
    for name, (_, as_row, as_col) in ZOO4_CLASSIFIERS.items():
        assert re.search(rf"^{name} +{re.escape(as_row)} % +{re.escape(as_col)} %$", text, re.M), name


# --- the bug zoo: check_shape refuses every input, naming the argument --------------

ZOO_INPUTS = [
    pytest.param(MU, X_EXAMPLE.shape, "mu", r"^mu has shape \(5,\), expected \(5, 1\).*mu\.reshape\(5, 1\)",
                 id="1-mu-rank1"),
    pytest.param(Y_COST, (1, 4), "Y", r"^Y has shape \(4,\), expected \(1, 4\).*Y\.reshape\(1, 4\)",
                 id="2-Y-rank1"),
    pytest.param(A_COL, (1, 4), "A",
                 r"^A has shape \(4, 1\), expected \(1, 4\); it looks transposed: A\.T "
                 r"\(or A\.reshape\(1, -1\)\)", id="2-A-column"),
    pytest.param(np.zeros(3), (3, 1), "db", r"^db has shape \(3,\), expected \(3, 1\).*db\.reshape\(3, 1\)",
                 id="3-db-rank1"),
    pytest.param(Y_ACC, (1, 8), "Y", r"^Y has shape \(8,\), expected \(1, 8\).*Y\.reshape\(1, 8\)",
                 id="4-Y-rank1"),
    pytest.param(Y_ACC.reshape(8, 1), (1, 8), "predictions",
                 r"^predictions has shape \(8, 1\), expected \(1, 8\); it looks transposed: predictions\.T "
                 r"\(or predictions\.reshape\(1, -1\)\) has shape \(1, 8\)$", id="4-predictions-column"),
]


@pytest.mark.parametrize("x, expected, name, message", ZOO_INPUTS)
def test_check_shape_refuses_each_bug_zoo_input_with_a_message_naming_the_argument(
        x, expected, name, message):
    with pytest.raises(ShapeError, match=message):
        check_shape(x, expected, name)


@pytest.mark.parametrize("x, expected, name", [
    (MU.reshape(5, 1), (5, 1), "mu"),
    (Y_COST.reshape(1, 4), (1, 4), "Y"),
    (np.zeros((3, 1)), (3, 1), "db"),
])
def test_check_shape_lets_the_repaired_inputs_through(x, expected, name):
    assert check_shape(x, expected, name) is x


def test_the_notebooks_guarded_cells_stored_a_shape_error_naming_the_argument():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "raises-exception" in c.metadata.get("tags", [])]
    errors = [o for c in tagged for o in c.outputs if o.output_type == "error"]
    assert len(errors) == len(tagged) == 4
    assert all(e.ename == "ShapeError" for e in errors)
    assert [e.evalue.split()[0] for e in errors] == ["mu", "Y", "db", "Y"]
    assert all("is a rank-1 array" in e.evalue for e in errors)


# --- the exercises: the notebook's reference solutions ------------------------------

def _solutions(*names):
    """The notebook's solution functions ``names``."""
    ns = {"np": np, "check_shape": check_shape, "as_column": as_column, "ShapeError": ShapeError}
    return solution_functions(NOTEBOOK, names, ns)


@pytest.fixture(scope="module")
def solutions():
    return dict(zip(("center_columns", "cost_bce", "update_bias"),
                    _solutions("center_columns", "cost_bce", "update_bias")))


@pytest.mark.parametrize("X, mu", [
    (np.array([[1.0], [2.0], [3.0]]), np.array([0.5, 1.0, 1.5])),
    (np.arange(9.0).reshape(3, 3), np.array([1.0, 4.0, 7.0])),
    (np.arange(12.0).reshape(3, 4), np.array([[1.0], [2.0], [3.0]])),
])
def test_center_columns_subtracts_mu_from_every_column(solutions, X, mu):
    mu_before = mu.copy()
    got = solutions["center_columns"](X, mu)
    assert got.shape == X.shape
    for j in range(X.shape[1]):
        np.testing.assert_allclose(got[:, j], X[:, j] - np.ravel(mu))
    np.testing.assert_array_equal(mu, mu_before)


def test_center_columns_refuses_means_of_the_wrong_length_naming_mu(solutions):
    with pytest.raises(ShapeError, match=r"^mu has shape \(2, 1\), expected \(3, 1\)"):
        solutions["center_columns"](np.zeros((3, 4)), np.zeros(2))


def test_cost_bce_returns_a_python_float_equal_to_the_mean_loss(solutions):
    J = solutions["cost_bce"](A_ROW, Y_COST.reshape(1, 4))
    assert isinstance(J, float)
    assert f"{J:.4f}" == "0.4004"
    assert solutions["cost_bce"](np.array([[0.5]]), np.array([[1.0]])) == pytest.approx(math.log(2))


def test_cost_bce_refuses_rank1_labels_naming_y(solutions):
    with pytest.raises(ShapeError, match=r"^Y has shape \(4,\), expected \(1, 4\)"):
        solutions["cost_bce"](A_ROW, Y_COST)


def test_cost_bce_refuses_a_column_of_predictions_naming_a(solutions):
    with pytest.raises(ShapeError, match=r"^A has shape \(4, 1\), expected \(1, any\)"):
        solutions["cost_bce"](A_COL, Y_COST.reshape(4, 1))


@pytest.mark.parametrize("n, m", [(3, 4), (2, 2), (4, 10), (1, 1)])
def test_update_bias_returns_a_column_and_leaves_b_unchanged(solutions, n, m):
    rng = np.random.default_rng(SEED)
    b, dZ = rng.standard_normal((n, 1)), rng.standard_normal((n, m))
    b_before = b.copy()
    got = solutions["update_bias"](b, dZ, 0.1)
    assert got.shape == (n, 1)
    np.testing.assert_allclose(got[:, 0], b_before[:, 0] - 0.1 * dZ.mean(axis=1))
    np.testing.assert_array_equal(b, b_before)


def test_update_bias_refuses_a_rank1_bias_naming_b(solutions):
    with pytest.raises(ShapeError, match=r"^b has shape \(3,\), expected \(3, 1\)"):
        solutions["update_bias"](np.zeros(3), np.ones((3, 4)), 0.1)


# --- the given (buggy) versions fail their self-checks; the solutions pass ------------

def _center_given(X, mu):
    return X - mu


def _cost_given(A, Y):
    m = A.shape[1]
    return -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m


def _bias_given(b, dZ, lr):
    return b - lr * np.sum(dZ, axis=1) / dZ.shape[1]


EXERCISES = [
    pytest.param("center_columns", _center_given, "X - mu should have shape (3, 1), got shape (3, 3)",
                 id="center_columns"),
    pytest.param("cost_bce", _cost_given, "J should be a single number, got an array of shape (1, 1)",
                 id="cost_bce"),
    pytest.param("update_bias", _bias_given, "the new b should have shape (3, 1), got shape (3, 3)",
                 id="update_bias"),
]


@pytest.mark.parametrize("name, given_fn, report", EXERCISES)
def test_the_given_version_fails_the_lessons_self_check_with_a_shape_message_and_the_solution_passes(
        solutions, capsys, name, given_fn, report):
    exercise = getattr(lesson02, name)
    exercise.reset()
    assert not exercise.check(given_fn)
    assert report in capsys.readouterr().out
    assert exercise.check(solutions[name])
    assert capsys.readouterr().out.startswith(f"✓ {name}")
