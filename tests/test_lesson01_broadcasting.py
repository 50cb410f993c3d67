"""Lesson 01 (broadcasting, DLS course 1 week 2, video p21): the lecture's numbers,
the shape table the notebook prints, and the plot_broadcast figure."""
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.datasets import food_calories
from helpers.plotting import plot_broadcast
from notebook_code import code_cell

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01_broadcasting.ipynb"
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


def cell_kinds(fig):
    """Count the cells plot_broadcast drew, by gid: original / copy / result."""
    counts = {"original": 0, "copy": 0, "result": 0}
    for ax in fig.axes:
        for patch in ax.patches:
            counts[patch.get_gid()] += 1
    return counts


@pytest.mark.parametrize("a_shape, b_shape, expected", [
    ((3, 4), (1, 4), {"original": 12 + 4, "copy": 8, "result": 12}),
    ((3, 1), (1, 4), {"original": 3 + 4, "copy": 9 + 8, "result": 12}),
    ((3, 4), (3, 1), {"original": 12 + 3, "copy": 9, "result": 12}),
    ((2, 3), (), {"original": 6 + 1, "copy": 5, "result": 6}),
    ((3, 4), (4,), {"original": 12 + 4, "copy": 8, "result": 12}),
])
def test_plot_broadcast_draws_originals_solid_and_copies_faded(a_shape, b_shape, expected):
    fig = plot_broadcast(np.zeros(a_shape), np.ones(b_shape))
    try:
        assert isinstance(fig, Figure)
        assert cell_kinds(fig) == expected
        alphas = {p.get_gid(): p.get_alpha() for p in fig.axes[0].patches}
        assert alphas.get("copy", 0.0) < alphas["original"] == alphas["result"] == 1.0
    finally:
        plt.close(fig)


def test_plot_broadcast_labels_the_result_cells_with_the_sum():
    fig = plot_broadcast(np.array([[10], [20], [30]]), np.array([[1, 2, 3, 4]]))
    try:
        texts = [t.get_text() for t in fig.axes[0].texts]
        for value in (11, 14, 31, 34):
            assert str(value) in texts
    finally:
        plt.close(fig)


def test_plot_broadcast_draws_into_a_given_axes():
    fig, axes = plt.subplots(2, 1)
    try:
        assert plot_broadcast(np.zeros((3, 4)), np.ones((1, 4)), ax=axes[1]) is fig
        assert len(axes[0].patches) == 0 and len(axes[1].patches) == 36
    finally:
        plt.close(fig)


def test_plot_broadcast_refuses_incompatible_shapes():
    with pytest.raises(ValueError, match="could not be broadcast"):
        plot_broadcast(np.zeros((3, 4)), np.zeros(3))
    with pytest.raises(ValueError, match="op must be one of"):
        plot_broadcast(np.zeros((3, 4)), 1.0, op="@")
    plt.close("all")
