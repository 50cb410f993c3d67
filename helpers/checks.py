"""Self-checks for the notebooks' exercises.

``check(student_fn, cases, reference=...)`` runs the student's function on each case,
compares the result with the reference (numbers, arrays, tuples, dicts of arrays) and
prints one short line when everything passes, or the first case that differed: its
input, what was expected, what came back, and a hint. It returns a ``CheckResult`` that
is truthy when all cases passed (tests use that; in a notebook it displays nothing).

Public API
    check(fn, cases, *, reference=None, expected=None, name=None, hint=None,
          rtol=1e-6, atol=1e-9)         run fn on cases, print what passed or what differed
    compare(got, expected, where="result", rtol=1e-6, atol=1e-9)
                                        None if got matches expected, else a sentence
    CheckResult                         what check returns: ``passed``, ``n_cases``, ``message``

What the student's function returns is never refused: whatever it is, the report says how
it differs. The checker's own arguments are checked (helpers.shapes' policy): ``fn`` and
``reference`` are callables, ``cases`` a non-empty list of cases, ``expected`` a list of one
result per case, ``name`` and ``hint`` strings, ``rtol`` and ``atol`` finite reals >= 0;
``compare``'s ``expected`` holds numbers, real arrays, strings, bools, None, or tuples,
lists and dicts of those.
"""
import copy

import numpy as np

from helpers.shapes import check_real

__all__ = ["CheckResult", "check", "compare"]

_RTOL = 1e-6  # relative tolerance for floating-point results
_ATOL = 1e-9  # absolute tolerance, for results near zero


class CheckResult:
    """Outcome of one ``check`` call: ``passed``, ``n_cases``, and ``message`` (the report)."""

    def __init__(self, name, passed, n_cases, message):
        self.name = name
        self.passed = passed
        self.n_cases = n_cases
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return f"CheckResult(name={self.name!r}, passed={self.passed}, n_cases={self.n_cases})"

    def _ipython_display_(self):
        # The report was already printed by check(); show nothing more in a notebook.
        pass


def _fmt(x):
    if isinstance(x, np.ndarray):
        body = np.array2string(x, precision=4, suppress_small=True, threshold=20, edgeitems=3)
        return f"array of shape {x.shape}: {body}"
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_fmt(v)}" for k, v in x.items()) + "}"
    if isinstance(x, (tuple, list)):
        return "(" + ", ".join(_fmt(v) for v in x) + ")"
    return repr(x)


def _is_number(x):
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool)


def _sorted(keys):
    try:
        return sorted(keys)
    except TypeError:  # keys of mixed types
        return sorted(keys, key=repr)


def _check_expected(expected, name):
    """Refuse an ``expected`` that compare cannot compare (TypeError naming where it is)."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            _check_expected(value, f"{name}[{key!r}]")
    elif isinstance(expected, (tuple, list)):
        for i, value in enumerate(expected):
            _check_expected(value, f"{name}[{i}]")
    elif isinstance(expected, np.ndarray):
        if expected.dtype.kind not in "biufUS":
            what = "complex numbers" if expected.dtype.kind == "c" else f"dtype {expected.dtype}"
            raise TypeError(f"{name} must be an array of real numbers (or of strings), got {what}")
    elif not (expected is None or _is_number(expected)
              or isinstance(expected, (bool, np.bool_, str))):
        raise TypeError(f"{name} must be a number, an array of real numbers, a string, a bool, "
                        f"None, or a tuple, list or dict of those; got {type(expected).__name__}: "
                        f"{expected!r}")


def _equal(got, expected):
    """got == expected for a bool, a string or None (never an array's elementwise ==)."""
    if isinstance(got, np.ndarray):
        return False
    try:
        return bool(got == expected)
    except Exception:  # an object whose == is not a yes or no
        return False


def _as_float(x):
    try:
        return float(x)
    except OverflowError:  # a Python int beyond float64
        return float("inf") if x > 0 else float("-inf")


def _compare(got, expected, where, rtol, atol):
    """compare() without checking its arguments (``expected`` already passed _check_expected)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{where} should be a dict with keys {_sorted(expected)}, got {type(got).__name__}"
        missing = _sorted(set(expected) - set(got))
        extra = _sorted(set(got) - set(expected))
        if missing or extra:
            return f"{where} keys differ: missing {missing}, unexpected {extra}"
        for key in expected:
            diff = _compare(got[key], expected[key], f"{where}[{key!r}]", rtol, atol)
            if diff:
                return diff
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"{where} should be a sequence of {len(expected)} items, got {_fmt(got)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            diff = _compare(g, e, f"{where}[{i}]", rtol, atol)
            if diff:
                return diff
        return None
    if expected is None:
        return None if got is None else f"{where} should be None, got {_fmt(got)}"
    if isinstance(expected, (bool, np.bool_, str)):
        return None if _equal(got, expected) else f"{where} should be {expected!r}, got {_fmt(got)}"
    if _is_number(expected) or expected.ndim == 0:
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return (f"{where} should be a single number, got an array of shape {got.shape}"
                    " (take the number out with .item(), or sum/mean without keepdims)")
        real_0d = isinstance(got, np.ndarray) and got.dtype.kind in "biuf"
        if not (_is_number(got) or real_0d):
            return f"{where} should be a number, got {type(got).__name__}: {got!r}"
        g, e = _as_float(got), _as_float(expected)
        if np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
            return None
        return f"{where} should be {e:.6g}, got {g:.6g}"
    if not isinstance(got, np.ndarray):
        return f"{where} should be an array of shape {expected.shape}, got {type(got).__name__}: {got!r}"
    if got.shape != expected.shape:
        return f"{where} should have shape {expected.shape}, got shape {got.shape}"
    if expected.dtype.kind in "US":
        if got.dtype.kind in "US" and np.array_equal(got, expected):
            return None
        return f"{where} should be {_fmt(expected)}, got {_fmt(got)}"
    if got.dtype.kind not in "biuf":
        return f"{where} should be an array of real numbers, got dtype {got.dtype}"
    with np.errstate(all="ignore"):  # inf - inf and the like: the report handles them
        if np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
            return None
        err = np.abs(np.asarray(got, dtype=np.float64) - expected)
    err = np.where(np.isnan(err), np.inf, err)
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    return (f"{where} differs: largest difference at index {tuple(int(i) for i in idx)}, "
            f"expected {float(expected[idx]):.6g}, got {float(got[idx]):.6g}")


def _check_tolerances(rtol, atol):
    return check_real(rtol, "rtol", low=0.0), check_real(atol, "atol", low=0.0)


def compare(got, expected, where="result", rtol=_RTOL, atol=_ATOL):
    """Return None if ``got`` matches ``expected``, else a sentence saying what differs.

    Numbers accept a Python float, a NumPy scalar or a 0-d array; arrays must match in
    shape first, then in value (|got - expected| <= atol + rtol |expected|, NaN equal to
    NaN); tuples, lists and dicts are compared item by item; bools, strings and None by ==.
    ``got`` may be anything (the sentence says what is wrong with it). Refused: an
    ``expected`` of another type (complex numbers, sets, objects) with TypeError, a
    ``where`` that is not a string, ``rtol`` or ``atol`` that is not a finite real >= 0.
    """
    if not isinstance(where, str):
        raise TypeError(f"where must be a string naming the result, e.g. 'result', got {where!r}")
    rtol, atol = _check_tolerances(rtol, atol)
    _check_expected(expected, "expected")
    return _compare(got, expected, where, rtol, atol)


def _unchanged(after, before):
    """True unless ``after`` (an argument after the call) differs from ``before`` (a copy)."""
    try:
        _check_expected(before, "argument")
    except TypeError:  # a function or another object compare does not read: not checked
        return True
    return _compare(after, before, "argument", _RTOL, _ATOL) is None


def check(fn, cases, *, reference=None, expected=None, name=None, hint=None,
          rtol=_RTOL, atol=_ATOL):
    """Run ``fn`` on each case and compare with ``reference`` (a function) or ``expected``.

    fn: the student's function.
    cases: a non-empty list of argument tuples, one per case (a non-tuple is a single
        argument).
    reference: the reference implementation, called on the same arguments; or
    expected: the list of expected results, one per case.
    name, hint: strings for the report (name defaults to fn's name).
    rtol, atol: the tolerances of compare, finite reals >= 0.
    Prints "✓ name: N of N cases passed" or the first failing case with a hint.
    The student's function gets copies of the arguments, and changing them is a failure.
    Whatever fn returns or raises goes into the report; bad arguments of check itself are
    refused (TypeError / ValueError naming the argument).
    """
    if not callable(fn):
        raise TypeError(f"fn must be the function to check, got {type(fn).__name__}: {fn!r}")
    if (reference is None) == (expected is None):
        raise ValueError("give exactly one of reference= (a function) or expected= (a list)")
    if reference is not None and not callable(reference):
        raise TypeError(f"reference must be a function, got {type(reference).__name__}: {reference!r}")
    if not isinstance(cases, (list, tuple)):
        raise TypeError(f"cases must be a list of cases (argument tuples), got {type(cases).__name__}")
    if not cases:
        raise ValueError("cases is empty: give at least one case, else nothing is checked")
    if expected is not None:
        if not isinstance(expected, (list, tuple)):
            raise TypeError(f"expected must be a list of results, one per case, got "
                            f"{type(expected).__name__}")
        if len(expected) != len(cases):
            raise ValueError(f"expected has {len(expected)} items but cases has {len(cases)}")
        for i, want in enumerate(expected):
            _check_expected(want, f"expected[{i}]")
    for label, text in (("name", name), ("hint", hint)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{label} must be a string, got {type(text).__name__}: {text!r}")
    rtol, atol = _check_tolerances(rtol, atol)
    cases = [c if isinstance(c, tuple) else (c,) for c in cases]
    name = name or getattr(fn, "__name__", "function")
    for i, args in enumerate(cases):
        if reference is not None:
            want = reference(*copy.deepcopy(args))
            _check_expected(want, f"reference's result for case {i + 1}")
        else:
            want = expected[i]
        mine = copy.deepcopy(args)
        problem = None
        try:
            got = fn(*mine)
        except NotImplementedError:
            problem = "not implemented yet (replace the `raise NotImplementedError` with your code)"
        except Exception as err:  # the student's code may raise anything: report it
            problem = f"raised {type(err).__name__}: {err}"
        else:
            problem = _compare(got, want, "result", rtol, atol)
            if problem is None:
                changed = [j for j, (a, b) in enumerate(zip(mine, args)) if not _unchanged(a, b)]
                if changed:
                    problem = f"changed its argument number {changed[0] + 1} in place (work on a copy)"
        if problem:
            lines = [f"✗ {name}: case {i + 1} of {len(cases)} failed: {problem}",
                     "  input: " + ", ".join(_fmt(a) for a in args),
                     "  expected: " + _fmt(want)]
            if hint:
                lines.append(f"  hint: {hint}")
            message = "\n".join(lines)
            print(message)
            return CheckResult(name, False, len(cases), message)
    message = f"✓ {name}: {len(cases)} of {len(cases)} cases passed"
    print(message)
    return CheckResult(name, True, len(cases), message)
