"""Self-checks for the notebooks' exercises.

An exercise's self-check is an ``Exercise``: the cases it runs, an independent reference,
the names of what the student's function returns, the typical mistakes it recognizes and
two hints. ``exercise.check(student_fn)`` runs the function on every case and prints one
line when all pass, or a short report of the first case that differed:

    ✗ backward_2layer: case 2 of 5 (the lecture's 3-4-1 shapes) failed: dW1 differs: ...
      input: X (3, 5), Y (1, 5), params {W1 (4, 3), b1 (4, 1), W2 (1, 4), b2 (1, 1)}, ...
      hint: ...

The report names the returned item that differs (``dW1``, ``A1``, ``db``), summarizes the
inputs by shape, and gives the hint that fits what it saw: a recognized mistake (``Mistake``:
a typical wrong solution, e.g. a forward pass without biases) or a recognized shape of
error (a wrong sign, a transposed or rank-1 result, a constant factor) gets its own hint;
otherwise the exercise's first hint, and from the second failure on its stronger hint and
where the reference solution is (``exercise.solution()`` prints it; nothing prints it
unasked). A stub (``raise NotImplementedError``), a missing ``return``, an argument
changed in place, a NumPy warning (overflow, log of 0) and an input the exercise says to
refuse (``Refuse``) each get one sentence; an error raised by the student's code is
reported with the line it came from, never as a traceback from inside the check.

``check(fn, cases, reference=...)`` is the one-off form (an ``Exercise`` built and run at
once); ``compare(got, expected)`` is the comparison both use.

Public API
    Exercise(name, cases, reference=None, *, expected=None, returns=None, hints=(),
             mistakes=(), call=None, n_functions=1, reference_uses_functions=False,
             solution=None, where=None, uses=None, value=False, allow_warnings=False,
             rtol=1e-6, atol=1e-9)
        .check(*fns) -> CheckResult     run the student's function(s), print the report
        .solution()                     print the reference solution (for a student who asks)
        .reset()                        forget earlier failures (the hints start again)
    Case(*args, label=None)             one case's arguments and a label for the report
    Refuse(*args, label, hint, errors=(ValueError, TypeError, AssertionError))
                                        a case whose input the function must refuse
    Mistake(label, wrong, hint)         a typical wrong solution, recognized by its result
    check(fn, cases, *, reference=None, expected=None, name=None, hint=None,
          rtol=1e-6, atol=1e-9)         one-off Exercise(...).check(fn)
    compare(got, expected, where="result", rtol=1e-6, atol=1e-9)
                                        None if got matches expected, else a sentence
    CheckResult                         what check returns: ``passed``, ``n_cases``, ``message``

What the student's function returns is never refused: whatever it is, the report says how
it differs. The checker's own arguments are checked (helpers.shapes' policy): functions
are callables, ``cases`` a non-empty list of cases, ``expected`` a list of one result per
case, names and hints strings, ``rtol`` and ``atol`` finite reals >= 0; ``compare``'s
``expected`` holds numbers, real arrays, strings, bools, None, or tuples, lists and dicts
of those.
"""
import copy
import inspect
import linecache
import os
import re
import warnings

import numpy as np

from helpers.shapes import check_real

__all__ = ["Case", "CheckResult", "Exercise", "Mistake", "Refuse", "check", "compare"]

_RTOL = 1e-6  # relative tolerance for floating-point results
_ATOL = 1e-9  # absolute tolerance, for results near zero
_TINY = 6     # arrays with at most this many entries are printed in full in a report
_UNFINISHED = "unfinished"  # the first word of a report on a stub or an empty body: no hint yet
_HELPERS_DIR = os.path.dirname(os.path.abspath(__file__))
_NUMPY_DIR = os.path.dirname(os.path.abspath(np.__file__))


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


# --- formatting ------------------------------------------------------------------------------

def _fmt(x):
    """A value for a report: arrays with their shape (in full only when tiny)."""
    if isinstance(x, np.ndarray):
        if x.size <= _TINY:
            body = np.array2string(x, precision=4, suppress_small=True, separator=", ")
            return " ".join(body.split())
        return f"an array of shape {x.shape}"
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {_fmt(v)}" for k, v in x.items()) + "}"
    if isinstance(x, (tuple, list)):
        return "(" + ", ".join(_fmt(v) for v in x) + ")"
    return repr(x)


def _summary(x, inner=False):
    """An input for a report, by shape: ``(2, 3)``, ``{W1 (4, 2), b1 (4, 1)}``, ``= 0.1``.

    A tiny array is shown in full, except inside a dict (a dict is summarized by shapes).
    """
    if isinstance(x, np.ndarray):
        if x.size <= _TINY and x.ndim <= 2 and not inner:
            return "= " + _fmt(x)
        return str(x.shape)
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k} {_summary(v, inner=True)}" for k, v in x.items()) + "}"
    if callable(x):
        return "(a function)"
    if isinstance(x, (list, tuple)) and len(x) <= 8 and all(_is_number(v) for v in x):
        return "= " + repr(list(x) if isinstance(x, list) else x)
    if isinstance(x, (list, tuple)):
        return f"(a {type(x).__name__} of {len(x)} items)"
    return "= " + _fmt(x)


def _is_number(x):
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool)


def _sorted(keys):
    try:
        return sorted(keys)
    except TypeError:  # keys of mixed types
        return sorted(keys, key=repr)


# --- comparison ------------------------------------------------------------------------------

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


class _Diff:
    """Where a result differs: the item's name, the item as got and as expected, a sentence."""

    def __init__(self, where, got, want, text):
        self.where, self.got, self.want, self.text = where, got, want, text


def _item(where, key):
    return f"{where}[{key!r}]" if where else str(key)


def _diff(got, expected, where, rtol, atol):
    """The first place where ``got`` differs from ``expected`` (a _Diff), or None."""
    label = where or "the result"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return _Diff(where, got, expected, f"{label} should be a dict with keys "
                         f"{_sorted(expected)}, got {type(got).__name__}")
        missing = _sorted(set(expected) - set(got))
        extra = _sorted(set(got) - set(expected))
        if missing or extra:
            return _Diff(where, got, expected,
                         f"{label} keys differ: missing {missing}, unexpected {extra}")
        for key in expected:
            diff = _diff(got[key], expected[key], _item(where, key), rtol, atol)
            if diff:
                return diff
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return _Diff(where, got, expected,
                         f"{label} should be a sequence of {len(expected)} items, got {_fmt(got)}")
        for i, (g, e) in enumerate(zip(got, expected)):
            diff = _diff(g, e, f"{where or 'result'}[{i}]", rtol, atol)
            if diff:
                return diff
        return None
    if expected is None:
        return None if got is None else _Diff(where, got, expected,
                                              f"{label} should be None, got {_fmt(got)}")
    if isinstance(expected, (bool, np.bool_, str)):
        if _equal(got, expected):
            return None
        return _Diff(where, got, expected, f"{label} should be {expected!r}, got {_fmt(got)}")
    if _is_number(expected) or expected.ndim == 0:
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return _Diff(where, got, expected,
                         f"{label} should be a single number, got an array of shape {got.shape}"
                         " (take the number out with .item(), or sum/mean without keepdims)")
        real_0d = isinstance(got, np.ndarray) and got.dtype.kind in "biuf"
        if not (_is_number(got) or real_0d):
            return _Diff(where, got, expected,
                         f"{label} should be a number, got {type(got).__name__}: {got!r}")
        g, e = _as_float(got), _as_float(expected)
        if np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
            return None
        return _Diff(where, got, expected, f"{label} should be {e:.6g}, got {g:.6g}")
    if not isinstance(got, np.ndarray):
        return _Diff(where, got, expected, f"{label} should be an array of shape {expected.shape}, "
                     f"got {type(got).__name__}: {_fmt(got) if _is_number(got) else repr(got)[:80]}")
    if got.shape != expected.shape:
        return _Diff(where, got, expected,
                     f"{label} should have shape {expected.shape}, got shape {got.shape}")
    if expected.dtype.kind in "US":
        if got.dtype.kind in "US" and np.array_equal(got, expected):
            return None
        return _Diff(where, got, expected, f"{label} should be {_fmt(expected)}, got {_fmt(got)}")
    if got.dtype.kind not in "biuf":
        return _Diff(where, got, expected,
                     f"{label} should be an array of real numbers, got dtype {got.dtype}")
    with np.errstate(all="ignore"):  # inf - inf and the like: the report handles them
        if np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
            return None
        err = np.abs(np.asarray(got, dtype=np.float64) - expected)
    if expected.size <= _TINY:
        return _Diff(where, got, expected,
                     f"{label} differs: expected {_fmt(expected)}, got {_fmt(got)}")
    err = np.where(np.isnan(err), np.inf, err)
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    return _Diff(where, got, expected,
                 f"{label} differs: largest difference at index {tuple(int(i) for i in idx)}, "
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
    diff = _diff(got, expected, where, rtol, atol)
    return None if diff is None else diff.text


def _unchanged(after, before):
    """True unless ``after`` (an argument after the call) differs from ``before`` (a copy)."""
    try:
        _check_expected(before, "argument")
    except TypeError:  # a function or another object compare does not read: not checked
        return True
    return _diff(after, before, "argument", 0.0, 0.0) is None


# --- recognizing the shape of an error -----------------------------------------------------

def _shape_word(shape):
    if len(shape) == 2 and shape[1] == 1:
        return f"a column {shape}"
    if len(shape) == 2 and shape[0] == 1:
        return f"a row {shape}"
    return f"shape {shape}"


def _recognize(diff):
    """A sentence and hint for a recognizable kind of error in ``diff``, or None."""
    g, e, name = diff.got, diff.want, diff.where or "the result"
    if _is_number(e) and (_is_number(g) or (isinstance(g, np.ndarray) and g.ndim == 0
                                            and g.dtype.kind in "biuf")):
        return _recognize_number(_as_float(g), _as_float(e), name)
    if not (isinstance(g, np.ndarray) and isinstance(e, np.ndarray) and e.ndim >= 1
            and g.dtype.kind in "biuf" and e.dtype.kind in "biuf"):
        return None
    if g.shape != e.shape:
        if g.ndim == 1 and e.ndim == 2 and 1 in e.shape and g.size == e.size:
            return (f"{name} is a rank-1 array of shape {g.shape}, not {_shape_word(e.shape)}: "
                    "keep the axis you sum or average over (keepdims=True), or reshape it")
        if e.ndim == 2 and 1 in e.shape and g.ndim == 2 and g.size == e.size ** 2:
            return (f"{name} is a {g.shape} table where {_shape_word(e.shape)} was expected: "
                    "a rank-1 array (n,) met a column (n, 1) and broadcast into a table")
        if g.shape == e.shape[::-1]:
            return (f"{name} has shape {g.shape}, the transpose of {e.shape}: check the order "
                    "of the factors of a matrix product, or a missing or extra .T")
        return None
    with np.errstate(all="ignore"):
        g = np.asarray(g, dtype=np.float64)
        e = np.asarray(e, dtype=np.float64)
        if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))) or not np.any(e):
            return None
        if np.allclose(g, -e, rtol=1e-6, atol=1e-12):
            return f"{name} has the wrong sign: it is exactly minus the expected value"
        if e.ndim == 2 and e.shape[0] == e.shape[1] and np.allclose(g, e.T, rtol=1e-6, atol=1e-12):
            return f"{name} is the transpose of the expected value: check the order of the factors"
        ratio = float(np.sum(g * e) / np.sum(e * e))
        if abs(ratio) > 1e-12 and not np.isclose(ratio, 1.0) and np.allclose(g, ratio * e, rtol=1e-6,
                                                                             atol=1e-12):
            return (f"{name} is {ratio:.4g} times the expected value: a missing or extra "
                    "constant factor, e.g. the 1/m of a mean over the examples")
    return None


def _recognize_number(g, e, name):
    """A sentence for a number that is minus, a whole multiple or a whole fraction of e."""
    if not (np.isfinite(g) and np.isfinite(e)) or e == 0 or g == 0:
        return None
    if np.isclose(g, -e, rtol=1e-6):
        return f"{name} has the wrong sign: it is exactly minus the expected value"
    for ratio, word in ((g / e, "times"), (e / g, "a fraction 1 /")):
        k = round(ratio)
        if k >= 2 and np.isclose(ratio, k, rtol=1e-6):
            what = f"{k} times" if word == "times" else f"1/{k} of"
            return (f"{name} is {what} the expected value: a missing or extra constant factor, "
                    "e.g. the 1/m of a mean over the examples")
    return None


# --- where a student's error came from -----------------------------------------------------

def _own_frames(err):
    """The traceback frames of ``err`` outside numpy and helpers (the student's code)."""
    frames = []
    tb = err.__traceback__
    while tb is not None:
        filename = os.path.abspath(tb.tb_frame.f_code.co_filename)
        if not (filename.startswith(_HELPERS_DIR) or filename.startswith(_NUMPY_DIR)):
            frames.append(tb)
        tb = tb.tb_next
    return frames


def _raised_in(err):
    """The innermost frame in which ``err`` was raised (a traceback entry), or None."""
    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb


def _line_of(tb):
    line = linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno).strip()
    return f" (at `{line}`)" if line else ""


def _error_hint(err):
    """A hint for an error NumPy raises on shapes, or None (the exercise's hint applies)."""
    text = str(err)
    if isinstance(err, ValueError) and "could not be broadcast together" in text:
        shapes = re.findall(r"\(([\d,]*)\)", text)
        if any(re.fullmatch(r"\d+,?", s) for s in shapes):  # a shape like (2,): a rank-1 array
            return ("a rank-1 array met a 2-D one: shapes are compared from the right, so an (n,) "
                    "array lines up with the columns; make it a column (n, 1) (keepdims=True or "
                    "reshape)")
        return "two arrays whose shapes do not broadcast: print the shapes of what you combine"
    if isinstance(err, ValueError) and "matmul" in text and "mismatch" in text:
        return ("a matrix product of shapes that do not chain: (a, b) @ (b, c); check the "
                "order of the factors and a missing or extra .T")
    return None


class Case:
    """One case of an exercise: the arguments (``args``) and a ``label`` for the report."""

    def __init__(self, *args, label=None):
        if label is not None and not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__}: {label!r}")
        self.args = args
        self.label = label


class Refuse(Case):
    """A case whose input the student's function must refuse by raising one of ``errors``.

    label says what is wrong with the input ("Y of shape (4, 1) for A of shape (1, 4)");
    hint says how to refuse it. A function that returns a result instead fails the check.
    """

    def __init__(self, *args, label, hint, errors=(ValueError, TypeError, AssertionError)):
        super().__init__(*args, label=label)
        if not isinstance(hint, str):
            raise TypeError(f"hint must be a string, got {type(hint).__name__}: {hint!r}")
        self.hint = hint
        self.errors = errors


class Mistake:
    """A typical wrong solution, recognized by its result.

    label: what the mistake is ("forgot the biases"); wrong: a function of the exercise's
    arguments computing what the mistaken solution returns; hint: what to look at. When a
    student's result differs from the reference but matches ``wrong``'s, the report says
    ``label`` and gives ``hint``.
    """

    def __init__(self, label, wrong, hint):
        for what, text in (("label", label), ("hint", hint)):
            if not isinstance(text, str):
                raise TypeError(f"{what} must be a string, got {type(text).__name__}: {text!r}")
        if not callable(wrong):
            raise TypeError(f"wrong must be a function, got {type(wrong).__name__}: {wrong!r}")
        self.label, self.wrong, self.hint = label, wrong, hint


def _names(result_names):
    if result_names is None:
        return None
    if isinstance(result_names, str):
        return result_names
    if isinstance(result_names, (tuple, list)) and all(isinstance(n, str) for n in result_names):
        return tuple(result_names)
    raise TypeError(f"returns must be a name or a tuple of names, got {result_names!r}")


class Exercise:
    """An exercise's self-check: cases, a reference, what the result's items are called, hints.

    name: the function the student writes (used in the report).
    cases: a non-empty list of cases (a ``Case``, a ``Refuse``, an argument tuple, or a
        single argument), or a function of no arguments that builds that list (called once,
        at the first check).
    reference: a function of the case's arguments giving the right result; or
    expected: a list of the right results, one per case (not for ``Refuse`` cases).
    returns: the names of the result's items, e.g. ("J", "dw", "db"), or one name for a
        single result ("A"); a dict's items are named by their keys.
    hints: a first hint and a stronger one (the second is shown from the second failure on).
    mistakes: ``Mistake``s the check recognizes.
    call: how to call the student's function(s) on a case: ``call(*fns, *args)``; default
        ``fns[0](*args)``. n_functions: how many functions ``check`` takes.
    reference_uses_functions: the reference is called as ``reference(*fns, *args)`` (for a
        self-consistency check such as a derivative against finite differences of the
        student's own function).
    solution: a function holding a reference solution in the course's style, printed by
        ``solution()`` and nowhere else. where: how to reach it in a notebook, e.g.
        "lesson04.forward_2layer", named in the stronger hint.
    uses: the names of the student's functions that ``check`` takes, in order (default:
        ``(name,)``), e.g. ("tanh_stable", "tanh_stable_grad").
    value: the student gives a value, not a function (``check(culprit)``); the cases are
        then empty argument lists and the value is the result.
    allow_warnings: if False (the default), a NumPy warning raised by the student's code
        (overflow, division by zero, an invalid value) fails the check.
    rtol, atol: the tolerances of ``compare``.
    """

    def __init__(self, name, cases, reference=None, *, expected=None, returns=None, hints=(),
                 mistakes=(), call=None, n_functions=1, reference_uses_functions=False,
                 solution=None, where=None, uses=None, value=False, allow_warnings=False,
                 rtol=_RTOL, atol=_ATOL):
        if not isinstance(name, str):
            raise TypeError(f"name must be a string, got {type(name).__name__}: {name!r}")
        if (reference is None) == (expected is None):
            raise ValueError("give exactly one of reference= (a function) or expected= (a list)")
        for label, fn in (("reference", reference), ("call", call), ("solution", solution)):
            if fn is not None and not callable(fn):
                raise TypeError(f"{label} must be a function, got {type(fn).__name__}: {fn!r}")
        if not (callable(cases) or isinstance(cases, (list, tuple))):
            raise TypeError(f"cases must be a list of cases (argument tuples), got {type(cases).__name__}")
        if expected is not None and not isinstance(expected, (list, tuple)):
            raise TypeError(f"expected must be a list of results, one per case, got "
                            f"{type(expected).__name__}")
        if isinstance(hints, str):
            hints = (hints,)
        if not all(isinstance(h, str) for h in hints) or len(hints) > 2:
            raise TypeError(f"hints must be up to two strings (a first and a stronger hint), got {hints!r}")
        if not all(isinstance(m, Mistake) for m in mistakes):
            raise TypeError("mistakes must be a list of Mistake(label, wrong, hint)")
        if not isinstance(n_functions, int) or n_functions < 1:
            raise ValueError(f"n_functions must be a whole number >= 1, got {n_functions!r}")
        if n_functions > 1 and call is None:
            raise ValueError("an exercise of several functions needs call= to say how they are used")
        if where is not None and not isinstance(where, str):
            raise TypeError(f"where must be a string, got {type(where).__name__}: {where!r}")
        self.name = name
        self._cases_given = cases
        self._cases = None
        self.reference = reference
        self.expected = None if expected is None else list(expected)
        self.returns = _names(returns)
        self.hints = tuple(hints)
        self.mistakes = tuple(mistakes)
        self.call = call
        self.n_functions = n_functions
        self.reference_uses_functions = reference_uses_functions
        self._solution = solution
        self.where = where
        self.value = bool(value)
        self.uses = (name,) if uses is None else tuple(uses)
        if len(self.uses) != n_functions or not all(isinstance(u, str) for u in self.uses):
            raise ValueError(f"uses must name the {n_functions} function(s) checked, got {uses!r}")
        self.allow_warnings = allow_warnings
        self.rtol, self.atol = _check_tolerances(rtol, atol)
        self.failures = 0
        self._named_by_fn = True  # a variant shown in a lesson is reported under its own name
        if not callable(cases):
            self._prepare(cases)

    def __repr__(self):
        return f"Exercise({self.name!r})"

    # -- cases ----------------------------------------------------------------------------

    def _prepare(self, cases):
        if not isinstance(cases, (list, tuple)):
            raise TypeError(f"cases must be a list of cases (argument tuples), got {type(cases).__name__}")
        if not cases:
            raise ValueError("cases is empty: give at least one case, else nothing is checked")
        prepared = [c if isinstance(c, Case) else Case(*(c if isinstance(c, tuple) else (c,)))
                    for c in cases]
        if self.expected is not None:
            if len(self.expected) != len(prepared):
                raise ValueError(f"expected has {len(self.expected)} items but cases has {len(prepared)}")
            for i, want in enumerate(self.expected):
                _check_expected(want, f"expected[{i}]")
        self._cases = prepared

    @property
    def cases(self):
        """The list of cases (built at the first use when ``cases`` was given as a function)."""
        if self._cases is None:
            self._prepare(self._cases_given())
        return self._cases

    def reset(self):
        """Forget earlier failures, so that the next failure gets the first hint again."""
        self.failures = 0

    # -- the reference solution -----------------------------------------------------------

    def solution(self):
        """Print the reference solution (try both hints first: the check tells you where to look)."""
        if self._solution is None:
            print(f"{self.name} has no written-out reference solution; the hints and the lesson's "
                  "formulas are what to go by.")
            return
        source = inspect.getsource(self._solution)
        print(f"A reference solution for {self.name} (yours may differ and still be right):\n")
        print(source.replace(f"def {self._solution.__name__}(", f"def {self.name}(", 1).rstrip())

    # -- running a check ------------------------------------------------------------------

    def _arg_names(self, fns, n_args):
        for fn in (self._solution, self.reference, *fns):
            try:
                params = [p.name for p in inspect.signature(fn).parameters.values()
                          if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            except (TypeError, ValueError):
                continue
            if self.reference_uses_functions and fn is self.reference:
                params = params[self.n_functions:]
            if len(params) >= n_args and fn is not None:
                return params[:n_args]
        return [f"argument {i + 1}" for i in range(n_args)]

    def _want(self, i, case, fns):
        if self.expected is not None:
            return self.expected[i]
        args = copy.deepcopy(case.args)
        want = self.reference(*fns, *args) if self.reference_uses_functions else self.reference(*args)
        _check_expected(want, f"reference's result for case {i + 1}")
        return want

    def _run(self, fns, args):
        """Call the student's function(s); return (result, error, warnings, fns that returned None)."""
        empty = []

        def watched(fn):
            def run(*a, **k):
                result = fn(*a, **k)
                if result is None:
                    empty.append(getattr(fn, "__name__", self.name))
                return result
            return run

        with warnings.catch_warnings(record=True) as caught, \
                np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
            warnings.simplefilter("always")
            try:
                if self.value:
                    got = fns[0]
                elif self.call:
                    got = self.call(*[watched(f) for f in fns], *args)
                else:
                    got = fns[0](*args)
            except Exception as err:  # the student's code may raise anything: report it
                return None, err, [], empty
        return got, None, [str(w.message) for w in caught], empty

    def _error_sentence(self, err, fns):
        if isinstance(err, NotImplementedError):
            tb = _raised_in(err)
            where = tb.tb_frame.f_code if tb else None
            own = {getattr(f, "__code__", None) for f in fns}
            if where is None or where in own or where.co_name == "<lambda>":
                who = where.co_name if where is not None and where.co_name != "<lambda>" else self.name
                return (f"{_UNFINISHED}: {who} is not implemented yet: replace the "
                        "`raise NotImplementedError` with your code")
            return (f"{_UNFINISHED}: {self.name} calls {where.co_name}, which is not implemented yet: "
                    f"finish {where.co_name} first")
        frames = _own_frames(err)
        line = _line_of(frames[-1]) if frames else ""
        text = str(err).strip().splitlines()[0] if str(err).strip() else ""
        return f"your code raised {type(err).__name__}{': ' + text if text else ''}{line}"

    def _result_names(self, got, want):
        names = self.returns
        if isinstance(names, tuple) and isinstance(want, tuple) and len(names) == len(want):
            if isinstance(got, (tuple, list)) and len(got) == len(want):
                return names
        return None

    def _compare(self, got, want):
        names = self._result_names(got, want)
        if names is not None:
            for item_name, g, e in zip(names, got, want):
                diff = _diff(g, e, item_name, self.rtol, self.atol)
                if diff:
                    return diff
            return None
        if isinstance(self.returns, tuple) and isinstance(want, tuple):
            if not isinstance(got, (tuple, list)) or len(got) != len(want):
                what = f"{len(got)} items" if isinstance(got, (tuple, list)) else _fmt(got)
                return _Diff("", got, want, f"{self.name} should return {len(want)} items "
                             f"({', '.join(self.returns)}), got {what}")
        where = self.returns if isinstance(self.returns, str) else ""
        return _diff(got, want, where, self.rtol, self.atol)

    def _diagnose(self, diff, got, case):
        """The hint for what went wrong: a recognized mistake, a recognized error, or None."""
        for mistake in self.mistakes:
            try:
                wrong = mistake.wrong(*copy.deepcopy(case.args))
                _check_expected(wrong, "mistake")
            except Exception:  # a mistake that does not apply to this case
                continue
            if self._compare(got, wrong) is None:
                return f"it looks like {mistake.label}; {mistake.hint}"
        return _recognize(diff)

    def _general_hint(self):
        if not self.hints:
            return None
        if self.failures <= 1 or len(self.hints) == 1:
            hint = self.hints[0]
            if len(self.hints) > 1:
                hint += " (run the check again for a stronger hint)"
            return hint
        hint = self.hints[1]
        if self._solution is not None and self.where:
            hint += f"; still stuck? {self.where}.solution() prints a reference solution"
        return hint

    def check(self, *fns):
        """Run the student's function(s) on every case; print and return the outcome."""
        if len(fns) != self.n_functions:
            raise TypeError(f"check takes {self.n_functions} function(s) ({self.name}), got {len(fns)}")
        for fn in fns if not self.value else ():
            if not callable(fn):
                raise TypeError(f"fn must be the function to check, got {type(fn).__name__}: {fn!r}")
        name = self.name
        if (self._named_by_fn and not self.value and self.n_functions == 1 and self.uses == (self.name,)
                and getattr(fns[0], "__name__", "<lambda>") not in ("<lambda>", name)):
            name = fns[0].__name__  # a variant shown in the lesson, e.g. the given buggy version
        cases = self.cases
        for i, case in enumerate(cases):
            problem, hint = self._case_problem(i, case, fns)
            if problem:
                unfinished = problem.startswith(_UNFINISHED)
                if unfinished:  # a stub or an empty body: say so, no hint and no input yet
                    problem = problem[len(_UNFINISHED) + 2:]
                else:
                    self.failures += 1
                label = f" ({case.label})" if case.label else ""
                arg_names = self._arg_names(fns, len(case.args))
                inputs = ", ".join(f"{n} {_summary(a)}" for n, a in zip(arg_names, case.args))
                lines = [f"✗ {name}: case {i + 1} of {len(cases)}{label} failed: {problem}"]
                if not unfinished:
                    lines.append(f"  input: {inputs}")
                hint = hint or (None if unfinished else self._general_hint())
                if hint:
                    lines.append(f"  hint: {hint}")
                message = "\n".join(lines)
                print(message)
                return CheckResult(name, False, len(cases), message)
        message = f"✓ {name}: {len(cases)} of {len(cases)} cases passed"
        print(message)
        return CheckResult(name, True, len(cases), message)

    def _case_problem(self, i, case, fns):
        """(problem sentence, specific hint or None) for one case; (None, None) if it passed."""
        refuse = isinstance(case, Refuse)
        mine = copy.deepcopy(case.args)
        got, err, warned, empty = self._run(fns, mine)
        if empty and (err is not None or got is None):
            who = empty[0] if empty[0] != "<lambda>" else self.name
            return (f"{_UNFINISHED}: {who} returned None: is the `return` line missing, or does "
                    "the body still end in `pass` / `...`?"), None
        if err is not None:
            if refuse and isinstance(err, case.errors) and not isinstance(err, NotImplementedError):
                return None, None
            return self._error_sentence(err, fns), _error_hint(err)
        if refuse:
            return ("it accepted this input and returned a result; it should refuse it with a "
                    "clear error", case.hint)
        if self.value and (got is None or got is Ellipsis):
            return (f"{_UNFINISHED}: {self.name} is not set yet: replace the `...` with your "
                    "answer"), None
        if got is None and (self.expected is None or self.expected[i] is not None):
            return (f"{_UNFINISHED}: {self.name} returned None: is the `return` line missing, or "
                    "does the body still end in `pass` / `...`?"), None
        names = self._arg_names(fns, len(case.args))
        for j, (after, before) in enumerate(zip(mine, case.args)):
            if not _unchanged(after, before):
                return (f"it changed its argument {names[j]} in place; the caller's array must "
                        f"stay as it was", f"work on a copy ({names[j]}.copy()) or build a new "
                        "array instead of assigning into the argument (no +=, -= or [...] = on it)")
        if not self.reference_uses_functions:
            want = self._want(i, case, fns)
        else:  # the reference runs the student's own functions, which may fail there
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    want = self._want(i, case, fns)
            except Exception as err:  # noqa: BLE001 - reported, never raised
                return (f"checking it against your own functions failed: "
                        f"{self._error_sentence(err, fns)}"), None
        diff = self._compare(got, want)
        if diff is not None:
            return diff.text, self._diagnose(diff, got, case)
        if warned and not self.allow_warnings:
            return (f"the result is right, but NumPy warned while your code ran: {warned[0]}",
                    "some intermediate value overflowed or was invalid: compute it in a form "
                    "that never overflows (np.where evaluates both of its branches everywhere)")
        return None, None


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
    Prints "✓ name: N of N cases passed" or the first failing case with a hint. The
    one-off form of ``Exercise(name, cases, reference, ...).check(fn)``; NumPy warnings
    are allowed here.
    The student's function gets copies of the arguments, and changing them is a failure.
    Whatever fn returns or raises goes into the report; bad arguments of check itself are
    refused (TypeError / ValueError naming the argument).
    """
    if not callable(fn):
        raise TypeError(f"fn must be the function to check, got {type(fn).__name__}: {fn!r}")
    if not isinstance(cases, (list, tuple)):
        raise TypeError(f"cases must be a list of cases (argument tuples), got {type(cases).__name__}")
    if (reference is None) == (expected is None):
        raise ValueError("give exactly one of reference= (a function) or expected= (a list)")
    if reference is not None and not callable(reference):
        raise TypeError(f"reference must be a function, got {type(reference).__name__}: {reference!r}")
    for label, text in (("name", name), ("hint", hint)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{label} must be a string, got {type(text).__name__}: {text!r}")
    exercise = Exercise(name or getattr(fn, "__name__", "function"), cases, reference,
                        expected=expected, hints=() if hint is None else (hint,),
                        allow_warnings=True, rtol=rtol, atol=atol)
    exercise._named_by_fn = name is None
    return exercise.check(fn)
