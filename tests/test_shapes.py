import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.shapes import ShapeError, as_column, as_row, check_finite, check_shape


def test_check_shape_returns_the_array_when_the_shape_matches():
    a = np.zeros((5, 1))
    assert check_shape(a, (5, 1), "a") is a


def test_check_shape_accepts_any_size_where_expected_says_none():
    check_shape(np.zeros((4, 7)), (4, None), "X")


def test_check_shape_names_the_argument_the_shape_got_and_the_shape_expected():
    with pytest.raises(ShapeError, match=r"W1 has shape \(4, 3\), expected \(4, 2\)"):
        check_shape(np.zeros((4, 3)), (4, 2), "W1")


def test_a_rank1_array_where_a_column_is_expected_gets_a_reshape_hint():
    with pytest.raises(ShapeError, match=r"a is a rank-1 array: make it a column with a.reshape\(5, 1\)"):
        check_shape(np.zeros(5), (5, 1), "a")


def test_a_rank1_array_where_a_row_is_expected_gets_a_row_hint():
    with pytest.raises(ShapeError, match=r"reshape\(1, 7\)"):
        check_shape(np.zeros(7), (1, None), "Y")


def test_shape_error_is_a_value_error():
    assert issubclass(ShapeError, ValueError)


def test_check_shape_prints_any_for_free_dimensions():
    with pytest.raises(ShapeError, match=r"expected \(2, any\)"):
        check_shape(np.zeros((3, 4)), (2, None), "X")


def test_check_finite_names_the_argument_and_counts_bad_values():
    x = np.array([[1.0, np.nan, np.inf]])
    with pytest.raises(ValueError, match=r"X has 2 non-finite value\(s\)"):
        check_finite(x, "X")


@given(arrays(np.float64, st.integers(1, 50)))
def test_as_column_of_any_rank1_array_has_shape_n_by_1(v):
    col = as_column(v)
    assert col.shape == (v.shape[0], 1)
    assert as_row(v).shape == (1, v.shape[0])


def test_as_column_turns_a_row_into_a_column_without_changing_values():
    row = np.arange(4.0).reshape(1, 4)
    np.testing.assert_array_equal(as_column(row)[:, 0], [0, 1, 2, 3])


def test_as_column_refuses_a_matrix():
    with pytest.raises(ShapeError, match=r"v has shape \(2, 3\)"):
        as_column(np.zeros((2, 3)))
