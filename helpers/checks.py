"""Self-checks for the notebooks' exercises.

``check(student_fn, cases, reference=...)`` runs the student's function on each case,
compares the result with the reference (numbers, arrays, tuples, dicts of arrays) and
prints one short line when everything passes, or the first case that differed: its
input, what was expected, what came back, and a hint. It returns a ``CheckResult`` that
is truthy when all cases passed (tests use that; in a notebook it displays nothing).
"""
import copy

import numpy as np

RTOL = 1e-6  # relative tolerance for floating-point results
ATOL = 1e-9  # absolute tolerance, for results near zero


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


def compare(got, expected, where="result", rtol=RTOL, atol=ATOL):
    """Return None if ``got`` matches ``expected``, else a sentence saying what differs.

    Numbers accept a Python float, a NumPy scalar or a 0-d array; arrays must match in
    shape first, then in value; tuples, lists and dicts are compared item by item.
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{where} should be a dict with keys {sorted(expected)}, got {type(got).__name__}"
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing or extra:
            return f"{where} keys differ: missing {missing}, unexpected {extra}"
        for key in expected:
            diff = compare(got[key], expected[key], f"{where}[{key!r}]", rtol, atol)
            if diff:
                return diff
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"{where} should be a sequence of {len(expected)} items, got {_fmt(got)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            diff = compare(g, e, f"{where}[{i}]", rtol, atol)
            if diff:
                return diff
        return None
    if isinstance(expected, (bool, str)) or expected is None:
        return None if got == expected else f"{where} should be {expected!r}, got {got!r}"
    if _is_number(expected) or (isinstance(expected, np.ndarray) and expected.ndim == 0):
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return (f"{where} should be a single number, got an array of shape {got.shape}"
                    " (take the number out with .item(), or sum/mean without keepdims)")
        if not (_is_number(got) or isinstance(got, np.ndarray)):
            return f"{where} should be a number, got {type(got).__name__}: {got!r}"
        g, e = float(got), float(expected)
        if np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
            return None
        return f"{where} should be {e:.6g}, got {g:.6g}"
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        return f"{where} should be an array of shape {expected.shape}, got {type(got).__name__}: {got!r}"
    if got.shape != expected.shape:
        return f"{where} should have shape {expected.shape}, got shape {got.shape}"
    if np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
        return None
    err = np.abs(np.asarray(got, dtype=np.float64) - expected)
    err = np.where(np.isnan(err), np.inf, err)
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    return (f"{where} differs: largest difference at index {tuple(int(i) for i in idx)}, "
            f"expected {float(expected[idx]):.6g}, got {float(got[idx]):.6g}")


def check(fn, cases, *, reference=None, expected=None, name=None, hint=None,
          rtol=RTOL, atol=ATOL):
    """Run ``fn`` on each case and compare with ``reference`` (a function) or ``expected``.

    fn: the student's function.
    cases: a list of argument tuples, one per case (a non-tuple is a single argument).
    reference: the reference implementation, called on the same arguments; or
    expected: the list of expected results, one per case.
    Prints "✓ name: N of N cases passed" or the first failing case with a hint.
    The student's function gets copies of the arguments, and changing them is a failure.
    """
    if (reference is None) == (expected is None):
        raise ValueError("give exactly one of reference= (a function) or expected= (a list)")
    cases = [c if isinstance(c, tuple) else (c,) for c in cases]
    if expected is not None and len(expected) != len(cases):
        raise ValueError(f"expected has {len(expected)} items but cases has {len(cases)}")
    name = name or getattr(fn, "__name__", "function")
    for i, args in enumerate(cases):
        want = reference(*copy.deepcopy(args)) if reference is not None else expected[i]
        mine = copy.deepcopy(args)
        problem = None
        try:
            got = fn(*mine)
        except NotImplementedError:
            problem = "not implemented yet (replace the `raise NotImplementedError` with your code)"
        except Exception as err:  # the student's code may raise anything: report it
            problem = f"raised {type(err).__name__}: {err}"
        else:
            problem = compare(got, want, rtol=rtol, atol=atol)
            if problem is None:
                changed = [j for j, (a, b) in enumerate(zip(mine, args)) if compare(a, b) is not None]
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
