"""Lesson 01 (broadcasting, DLS course 1 week 2, video p21): the lecture's numbers and
the shape table the notebook prints (its plot_broadcast figure: test_plotting.py)."""
import nbformat
import numpy as np
import pytest

from helpers.datasets import food_calories
from notebook_code import code_cell
from support import NOTEBOOKS

NOTEBOOK = NOTEBOOKS / "01_broadcasting.ipynb"
LECTURE_CALORIES = [59.0, 239.0, 155.4, 76.9]  # apples, beef, eggs, potatoes (p21)
LECTURE_APPLES_CARB_PERCENT = 94.9


def lecture_percentages():
    A, _, _ = food_calories()
    cal = A.sum(axis=0)
    return 100 * A / cal.reshape(1, 4)


def test_column_sums_are_the_lectures_calories():
    A, _, foods = food_calories()
    cal = A.sum(axis=0)
    assert cal.shape == (4,)
    assert foods == ["apples", "beef", "eggs", "potatoes"]
    np.testing.assert_allclose(cal, LECTURE_CALORIES, rtol=0, atol=1e-9)


def test_apples_are_94_9_percent_carbohydrate():
    percentage = lecture_percentages()
    assert round(float(percentage[0, 0]), 1) == LECTURE_APPLES_CARB_PERCENT


def test_percentage_has_the_shape_of_A_and_each_column_sums_to_100():
    percentage = lecture_percentages()
    assert percentage.shape == (3, 4)
    np.testing.assert_allclose(percentage.sum(axis=0), 100.0)


def test_reshape_to_a_row_changes_nothing_for_a_rank1_cal():
    A, _, _ = food_calories()
    cal = A.sum(axis=0)
    np.testing.assert_array_equal(A / cal, A / cal.reshape(1, 4))


@pytest.mark.parametrize("shape", [(4, 1), (2, 2), (1, 4)])
def test_reshape_is_no_check_it_turns_any_four_totals_into_a_row_without_error(shape):
    A, _, _ = food_calories()
    wrong = A.sum(axis=0).reshape(shape)
    assert wrong.reshape(1, 4).shape == (1, 4)
    assert (100 * A / wrong.reshape(1, 4)).shape == (3, 4)  # the division runs too


def test_reshape_fails_only_when_the_number_of_entries_is_wrong():
    with pytest.raises(ValueError, match="cannot reshape"):
        np.ones(3).reshape(1, 4)


def test_the_notebook_asserts_the_shape_of_cal_before_dividing_and_of_the_result_after():
    source = code_cell(NOTEBOOK, "percentage = 100 * A / cal.reshape(1, 4)")
    lines = [line.split("#")[0].strip() for line in source.splitlines()]
    divide = lines.index("percentage = 100 * A / cal.reshape(1, 4)")
    assert "assert cal.shape == (4,)" in lines[:divide]
    assert "assert percentage.shape == (3, 4)" in lines[divide + 1:]


def test_the_notebooks_assert_stops_a_column_and_a_block_that_reshape_lets_through():
    A, _, _ = food_calories()
    namespace = {"np": np, "cal": A.sum(axis=0)}
    printed = []
    namespace["print"] = lambda *args, **kwargs: printed.append(" ".join(map(str, args)))
    exec(code_cell(NOTEBOOK, "for suspect in"), namespace)  # noqa: S102 - our own notebook
    assert printed == [
        "cal of shape (4, 1): reshape(1, 4) gives (1, 4), no error",
        "  assert cal.shape == (4,) stops it: AssertionError: cal has shape (4, 1), expected (4,)",
        "cal of shape (2, 2): reshape(1, 4) gives (1, 4), no error",
        "  assert cal.shape == (4,) stops it: AssertionError: cal has shape (2, 2), expected (4,)",
    ]


def test_dividing_by_row_totals_needs_keepdims():
    A, _, _ = food_calories()
    with pytest.raises(ValueError, match=r"could not be broadcast.*\(3,4\) \(3,\)"):
        A / A.sum(axis=1)
    share = A / A.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(share.sum(axis=1), 1.0)


# The notebook's shape table: (left, right, result), with m = 3 and n = 4. Only the first
# row is the lecture's (the calories table divided by its (1, 4) row of totals, p21).
SHAPE_TABLE = [
    ((3, 4), (1, 4), (3, 4)),  # (m, n) with (1, n): the lecture's calories case
    ((3, 4), (3, 1), (3, 4)),  # (m, n) with (m, 1)
    ((3, 4), (), (3, 4)),  # (m, n) with a number
    ((3, 1), (1, 4), (3, 4)),  # (m, 1) with (1, n)
    ((3, 4), (4,), (3, 4)),  # (m, n) with rank-1 (n,): acts as a row
]


@pytest.mark.parametrize("left, right, result", SHAPE_TABLE)
def test_shape_table_rows_broadcast_to_the_stated_shape(left, right, result):
    assert np.broadcast_shapes(left, right) == result
    assert (np.ones(left) + np.ones(right)).shape == result


def test_a_rank1_array_of_length_m_does_not_broadcast_with_m_by_n():
    with pytest.raises(ValueError):
        np.broadcast_shapes((3, 4), (3,))
    with pytest.raises(ValueError, match="could not be broadcast"):
        np.ones((3, 4)) + np.ones(3)


def test_the_notebooks_first_shape_case_is_the_lectures_calories_division():
    source = code_cell(NOTEBOOK, "np.broadcast_shapes(left, right)")
    first = source.split("cases = [", 1)[1].strip().splitlines()[0]
    assert first.startswith('("(m, n) with (1, n)", (3, 4), (1, 4))')
    assert np.broadcast_shapes(food_calories()[0].shape, (1, 4)) == (3, 4)


def test_the_notebooks_failing_cell_is_tagged_and_stored_a_ValueError():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "raises-exception" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    errors = [o for o in tagged[0].outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    assert "(3,4) (3,)" in errors[0].evalue
