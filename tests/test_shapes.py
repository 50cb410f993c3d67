import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import shapes
from helpers.shapes import (ShapeError, as_array, as_column, as_row, check_choice, check_count,
                            check_examples, check_finite, check_flag, check_positive,
                            check_probability, check_real, check_same_shape, check_seed, check_shape)


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


# --- the boundary policy: arrays of real numbers, transposed shapes, scalars ---------------

@pytest.mark.parametrize("bad, what", [(None, "NoneType"), ("0.5", "str"), (b"1", "bytes"),
                                       ({"a": 1}, "dict"), (1 + 2j, "complex numbers"),
                                       (np.array([1j]), "complex numbers"),
                                       (np.array([object()]), "dtype object"), ([1, [2, 3]], "rectangular")])
def test_as_array_refuses_what_is_not_an_array_of_real_numbers_by_name(bad, what):
    with pytest.raises(TypeError, match=rf"^z must be an array of real numbers.*{what}"):
        as_array(bad, "z")


def test_as_array_accepts_lists_ints_and_bools_as_float64_without_copying_float64():
    assert as_array([[1, 2]], "x").dtype == np.float64
    assert as_array(np.array([True, False]), "y").tolist() == [1.0, 0.0]
    a = np.zeros((2, 3))
    assert as_array(a, "a") is a


def test_a_column_where_a_row_is_expected_is_refused_with_the_transpose_hint_though_it_would_broadcast():
    with pytest.raises(ShapeError, match=r"^Y has shape \(400, 1\), expected \(1, any\); "
                                         r"it looks transposed: Y\.T \(or Y\.reshape\(1, -1\)\) "
                                         r"has shape \(1, 400\)$"):
        check_shape(np.zeros((400, 1)), (1, None), "Y")


def test_a_transposed_matrix_gets_the_transpose_hint_without_a_reshape():
    with pytest.raises(ShapeError, match=r"W1 has shape \(5, 3\), expected \(3, 5\); "
                                         r"it looks transposed: W1\.T has"):
        check_shape(np.zeros((5, 3)), (3, 5), "W1")


def test_a_square_matrix_of_the_wrong_size_gets_no_transpose_hint():
    with pytest.raises(ShapeError, match=r"^W has shape \(3, 3\), expected \(2, 2\)$"):
        check_shape(np.zeros((3, 3)), (2, 2), "W")


def test_check_same_shape_names_both_arrays():
    with pytest.raises(ShapeError, match=r"^y has shape \(5, 1\), expected \(1, 5\) \(the shape of a\); "
                                         r"it looks transposed"):
        check_same_shape(np.zeros((5, 1)), np.zeros((1, 5)), "y", "a")
    same = np.ones((1, 5))
    assert check_same_shape(same, np.zeros((1, 5)), "y", "a") is same


def test_check_examples_refuses_m_0():
    with pytest.raises(ValueError, match="Y has no examples"):
        check_examples(0, "Y")
    assert check_examples(3, "Y") == 3


@pytest.mark.parametrize("bad, error", [(0, ValueError), (-1.0, ValueError), (float("nan"), ValueError),
                                        (float("inf"), ValueError), (None, TypeError), ("0.1", TypeError),
                                        ([0.1], TypeError), (1j, TypeError), (True, TypeError),
                                        (np.array([0.1]), TypeError)])
def test_check_positive_refuses_what_is_not_a_finite_real_above_0(bad, error):
    with pytest.raises(error, match="^learning_rate must be a"):
        check_positive(bad, "learning_rate")


def test_check_positive_returns_a_python_float():
    value = check_positive(np.float32(0.5), "scale")
    assert value == 0.5 and type(value) is float


@pytest.mark.parametrize("bad", [2.5, 0, -3, float("nan"), float("inf")])
def test_check_count_refuses_what_is_not_a_whole_number_at_least_its_minimum(bad):
    with pytest.raises(ValueError, match=r"^n_units must be a whole number >= 1, got"):
        check_count(bad, "n_units")


def test_check_count_accepts_whole_floats_and_numpy_ints_and_a_minimum_of_0():
    assert check_count(3.0, "n") == 3 and check_count(np.int64(4), "n") == 4
    assert check_count(0, "steps", minimum=0) == 0


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_check_probability_refuses_values_outside_0_1(bad):
    with pytest.raises(ValueError, match=r"^p must be a finite real number between 0 and 1"):
        check_probability(bad, "p")


def test_check_real_states_its_bounds():
    with pytest.raises(ValueError, match=r"alpha must be a finite real number >= 0, got -1"):
        check_real(-1, "alpha", low=0)
    assert check_real(0.25, "alpha", 0, 1) == 0.25


@given(st.floats(min_value=1e-300, max_value=1e300))
def test_check_positive_accepts_every_positive_finite_float(x):
    assert check_positive(x, "x") == x


def test_shapes_lists_its_public_api():
    assert set(shapes.__all__) == {"ShapeError", "check_shape", "check_same_shape", "check_finite",
                                   "check_examples", "as_array", "as_column", "as_row", "check_real",
                                   "check_positive", "check_probability", "check_count", "check_seed",
                                   "check_flag", "check_choice", "check_interval"}
    for name in shapes.__all__:
        assert hasattr(shapes, name)


def test_check_count_keeps_large_ints_exact_and_huge_floats_get_a_clear_error():
    assert check_count(2**64 + 1, "seed", minimum=0) == 2**64 + 1
    with pytest.raises(ValueError, match="learning_rate = 1000.* is beyond the range of float64"):
        check_positive(10**400, "learning_rate")


def test_check_seed_takes_whole_numbers_from_0_and_a_generator_only_when_asked():
    assert check_seed(3.0) == 3 and check_seed(2**70) == 2**70
    g = np.random.default_rng(0)
    assert check_seed(g, generator=True) is g
    for bad, error in [(None, TypeError), (-1, ValueError), (1.5, ValueError), ("1", TypeError),
                       (g, TypeError)]:
        with pytest.raises(error, match=r"^seed must be a whole number >= 0"):
            check_seed(bad)
    with pytest.raises(ValueError, match=r"or a np.random.Generator\), got -2"):
        check_seed(-2, generator=True)


def test_check_flag_takes_true_and_false_only_and_returns_a_python_bool():
    assert check_flag(True, "progress") is True and check_flag(np.bool_(False), "progress") is False
    for bad in [1, 0, "True", None, 1.0, np.array([True])]:
        with pytest.raises(TypeError, match=rf"^course must be True or False; got {re.escape(repr(bad))}$"):
            check_flag(bad, "course")


def test_check_choice_returns_the_name_and_refuses_others_by_the_arguments_name():
    methods = ("zeros", "he")
    assert check_choice("he", methods, "method") == "he"
    assert check_choice("relu", {"relu": 1, "tanh": 2}, "name") == "relu"  # a dict's keys
    with pytest.raises(ValueError, match=r"^method must be one of 'zeros', 'he'; got 'xavier'$"):
        check_choice("xavier", methods, "method")
    with pytest.raises(ValueError, match=r"^method must be one of 'zeros', 'he'; got 'He' "
                                         r"\(names are lower case: 'he'\)$"):
        check_choice("He", methods, "method")
    with pytest.raises(TypeError, match=r"^method must be a name, one of 'zeros', 'he'; got None$"):
        check_choice(None, methods, "method")
    with pytest.raises(TypeError, match=r"^name must be an activation's name, one of 'zeros', 'he'; "
                                        r"got \['he'\]$"):
        check_choice(["he"], methods, "name", what="an activation's name")


def test_check_interval_takes_a_pair_low_below_high_and_names_the_argument():
    assert shapes.check_interval((-1, 2.5), "window") == (-1.0, 2.5)
    for bad, error in [((2, 1), ValueError), ((1, 1), ValueError), ((0, float("inf")), ValueError),
                       ("ab", TypeError), ((1, 2, 3), TypeError), (None, TypeError), ((1, "2"), TypeError)]:
        with pytest.raises(error, match="window"):
            shapes.check_interval(bad, "window")
