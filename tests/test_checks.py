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
    assert "result differs: expected [1., 9.], got [2., 6.]" in out
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
    assert "db1 differs" in capsys.readouterr().out


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
    assert "changed its argument x in place" in capsys.readouterr().out


def test_check_needs_exactly_one_of_reference_and_expected():
    with pytest.raises(ValueError, match="exactly one"):
        check(_square, [1.0])


def test_compare_walks_tuples():
    assert compare((1.0, np.zeros(2)), (1.0, np.zeros(2))) is None
    assert "result[1]" in compare((1.0, np.ones(2)), (1.0, np.zeros(2)))


# --- the checker's own arguments are checked ------------------------------------------------

@pytest.mark.parametrize("kwargs, error, match", [
    (dict(fn="square"), TypeError, r"fn must be the function to check, got str"),
    (dict(cases=np.arange(3.0)), TypeError, r"cases must be a list of cases"),
    (dict(cases="abc"), TypeError, r"cases must be a list"),
    (dict(cases=[]), ValueError, r"cases is empty"),
    (dict(reference=None, expected=None), ValueError, r"give exactly one of reference="),
    (dict(reference=3.0), TypeError, r"reference must be a function, got float"),
    (dict(reference=None, expected=np.arange(1.0)), TypeError, r"expected must be a list of results"),
    (dict(reference=None, expected=[1.0, 2.0]), ValueError, r"expected has 2 items but cases has 1"),
    (dict(reference=None, expected=[{1, 2}]), TypeError, r"expected\[0\] must be a number"),
    (dict(reference=None, expected=[np.array([1j])]), TypeError, r"expected\[0\] must be an array of real"),
    (dict(name=3), TypeError, r"name must be a string, got int"),
    (dict(hint=["x"]), TypeError, r"hint must be a string"),
    (dict(rtol=-1e-6), ValueError, r"rtol must be a finite real number >= 0, got -1e-06"),
    (dict(rtol=float("nan")), ValueError, r"rtol"),
    (dict(atol="0"), TypeError, r"atol must be a real number"),
    (dict(atol=None), TypeError, r"atol"),
])
def test_bad_arguments_of_check_are_refused_by_name_before_anything_runs(kwargs, error, match, capsys):
    calls = []
    args = dict(fn=lambda x: calls.append(x) or x, cases=[np.ones(2)], reference=lambda x: x)
    args.update(kwargs)
    fn, cases = args.pop("fn"), args.pop("cases")
    with pytest.raises(error, match=match):
        check(fn, cases, **args)
    assert calls == [] and capsys.readouterr().out == ""


def test_a_reference_that_returns_something_compare_cannot_read_is_refused():
    with pytest.raises(TypeError, match=r"reference's result for case 1 must be a number"):
        check(lambda x: x, [1.0], reference=lambda x: {x})


def test_check_does_not_mistake_an_argument_it_cannot_compare_for_a_changed_one(capsys):
    assert check(lambda f, x: f(x), [(np.sin, 0.5)], reference=lambda f, x: np.sin(x))
    assert "1 of 1 cases passed" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(rtol=-1.0), ValueError, r"rtol must be a finite real number >= 0"),
    (dict(atol=float("inf")), ValueError, r"atol"),
    (dict(rtol=1j), TypeError, r"rtol"),
    (dict(where=None), TypeError, r"where must be a string"),
    (dict(expected=1j), TypeError, r"expected must be a number"),
    (dict(expected={"dW1": np.array([1j])}), TypeError, r"expected\['dW1'\] must be an array of real"),
    (dict(expected=(1.0, object())), TypeError, r"expected\[1\] must be a number"),
])
def test_bad_arguments_of_compare_are_refused_by_name(kwargs, error, match):
    args = dict(got=1.0, expected=1.0)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        compare(**args)


# --- whatever the student returns gets a sentence, never numpy's error or a warning --------

@pytest.mark.parametrize("got, expected, sentence", [
    (np.array([True, False]), True, "result should be True, got [ True, False]"),
        (np.ones(7, dtype=bool), True, "result should be True, got an array of shape (7,)"),
    (np.array(["a"]), "ok", "result should be 'ok', got ['a']"),
    (1j, 2.0, "result should be a number, got complex"),
    (np.array(1 + 2j), 2.0, "result should be a number, got ndarray"),
    (np.array(["1", "2"]), np.array([1.0, 2.0]), "should be an array of real numbers, got dtype <U1"),
    (np.array([np.inf, 1.0]), np.array([1.0, np.inf]), "differs: expected [ 1., inf], got [inf, 1.]"),
        (np.full(8, np.inf), np.ones(8), "differs: largest difference at index (0,)"),
    (np.r_[1e308, np.zeros(7)], np.r_[-1e308, np.zeros(7)], "differs: largest difference at index (0,)"),
    (10**400, 1.0, "result should be 1, got inf"),
    (None, 1.0, "result should be a number, got NoneType"),
    (3.0, None, "result should be None, got 3"),
])
def test_compare_describes_any_result_without_a_warning(got, expected, sentence, strict_floats):
    assert sentence in compare(got, expected)


def test_compare_accepts_matching_strings_bools_and_mixed_key_types():
    assert compare(np.True_, True) is None
    assert compare(np.array(["a", "b"]), np.array(["a", "b"])) is None
    assert "keys differ" in compare({1: 1.0}, {"a": 1.0, 2: 1.0})
