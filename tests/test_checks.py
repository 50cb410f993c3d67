import numpy as np
import pytest

from helpers.checks import check, compare


def _square(x):
    return x ** 2


def test_check_passes_a_correct_function_and_prints_one_line(capsys):
    result = check(_square, [np.arange(3.0), (np.ones((2, 2)),)], reference=_square, name="square")
    assert result and result.n_cases == 2
    assert capsys.readouterr().out.strip() == "✓ square: 2 of 2 cases passed"


def test_check_reports_the_failing_case_expected_and_hint(capsys):
    result = check(lambda x: x * 2, [np.array([1.0, 3.0])], reference=_square, name="square",
                   hint="square each entry")
    out = capsys.readouterr().out
    assert not result
    assert "✗ square: case 1 of 1 failed" in out
    assert "expected 9, got 6" in out
    assert "hint: square each entry" in out


def test_check_accepts_a_float_or_a_0d_array_where_a_number_is_expected():
    assert check(lambda: np.array(2.5), [()], expected=[2.5])
    assert check(lambda: 2.5, [()], expected=[np.float64(2.5)])


def test_check_refuses_an_array_where_a_number_is_expected(capsys):
    assert not check(lambda: np.array([[2.5]]), [()], expected=[2.5], name="cost")
    assert "should be a single number, got an array of shape (1, 1)" in capsys.readouterr().out


def test_check_reports_a_shape_mismatch_before_values(capsys):
    assert not check(lambda: np.zeros(5), [()], expected=[np.zeros((5, 1))], name="col")
    assert "should have shape (5, 1), got shape (5,)" in capsys.readouterr().out


def test_check_names_the_dict_entry_that_differs(capsys):
    want = {"dW1": np.ones((2, 2)), "db1": np.zeros((2, 1))}
    got = {"dW1": np.ones((2, 2)), "db1": np.ones((2, 1))}
    assert not check(lambda: got, [()], expected=[want], name="backward")
    assert "result['db1'] differs" in capsys.readouterr().out


def test_check_catches_an_exception_from_the_students_code(capsys):
    def broken(x):
        raise ZeroDivisionError("oops")
    assert not check(broken, [1.0], expected=[1.0], name="broken")
    assert "raised ZeroDivisionError: oops" in capsys.readouterr().out


def test_check_says_not_implemented_yet(capsys):
    def todo(x):
        raise NotImplementedError
    assert not check(todo, [1.0], expected=[1.0])
    assert "not implemented yet" in capsys.readouterr().out


def test_check_fails_a_function_that_changes_its_input(capsys):
    def sneaky(x):
        x += 1
        return x
    assert not check(sneaky, [np.zeros(2)], expected=[np.ones(2)])
    assert "changed its argument number 1 in place" in capsys.readouterr().out


def test_check_needs_exactly_one_of_reference_and_expected():
    with pytest.raises(ValueError, match="exactly one"):
        check(_square, [1.0])


def test_compare_walks_tuples():
    assert compare((1.0, np.zeros(2)), (1.0, np.zeros(2))) is None
    assert "result[1]" in compare((1.0, np.ones(2)), (1.0, np.zeros(2)))
