"""The boundary policy of ``helpers``, in the course's spirit of ``assert a.shape == (5, 1)``.

Every public function of ``helpers`` checks its inputs once, on entry, with the functions
of this module, and never deep inside a loop. What it accepts and refuses:

Arrays
    Accepted: array-likes of real numbers (ndarrays, nested lists, Python or NumPy numbers,
    booleans as 0/1), converted to float64 (``as_array``). Refused with ``TypeError``
    naming the argument: None, strings, complex numbers, dicts and other objects.
    Refused with ``ValueError``: NaN or infinity where the lesson's maths needs finite
    numbers (``check_finite``); an empty example set (m = 0) where a mean over examples is
    taken (``check_examples``).
Shapes (``check_shape``)
    The course's notation: one example per column, X (n_x, m), Y (1, m), W[l] (n[l], n[l-1]),
    b[l] (n[l], 1). A wrong shape is refused with ``ShapeError`` (a ValueError) before any
    arithmetic, even where NumPy would broadcast it. Two arrays that must match are
    checked against each other (``check_same_shape``), the first one named as the reference.
Scalars
    A learning rate or a scale is a finite real number > 0 (``check_positive``); a count
    (steps, units, examples) is a whole number >= its minimum (``check_count``); a
    probability lies in [0, 1] (``check_probability``); a seed is a whole number >= 0
    (``check_seed``, which may also take a np.random.Generator); any other bounded real uses
    ``check_real``. Python numbers and NumPy scalars are accepted; bool, None, strings,
    complex numbers and arrays are refused with ``TypeError``.
Flags and names
    A flag is True or False (``check_flag``; 1, "yes" and None are refused with
    ``TypeError``). A name is one of a fixed set of strings (``check_choice``): anything but
    a string is refused with ``TypeError``, an unknown string with ``ValueError`` listing
    the choices (and the lower-case spelling when that is one of them).

Every message has the same parts: the argument's name, what was got (its shape, dtype,
type or value), what was expected and, where it helps, the likely fix, e.g.
``"Y has shape (400, 1), expected (1, 400) (the shape of AL); it looks transposed: Y.T (or
Y.reshape(1, -1)) has shape (1, 400)"``.

Public API
    ShapeError                              a ValueError for shapes
    check_shape(x, expected, name)          x's shape is ``expected`` (None = any size there)
    check_same_shape(x, ref, name, ref_name)  x has the shape of ref
    as_array(x, name, ndim=None)            x as float64, real numbers only
    check_finite(x, name)                   no NaN or infinity
    check_examples(m, name)                 m >= 1 examples
    check_real / check_positive / check_probability / check_count / check_seed   the scalar checks
    check_flag(value, name)                 True or False, as a bool
    check_choice(value, choices, name, what="a name")  one of the strings ``choices``
    check_interval(pair, name)              (low, high), two finite reals with low < high
    as_column(v), as_row(v)                 (n,), (n, 1) or (1, n) as (n, 1) or (1, n)
"""
import numpy as np

__all__ = ["ShapeError", "check_shape", "check_same_shape", "check_finite", "check_examples", "as_array",
           "as_column", "as_row", "check_real", "check_positive", "check_probability", "check_count",
           "check_seed", "check_flag", "check_choice", "check_interval"]


class ShapeError(ValueError):
    """An array does not have the shape the course's notation requires."""


def _fmt(shape):
    """Format an expected shape, writing ``None`` entries as ``any``: (4, any)."""
    parts = ["any" if s is None else str(s) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def check_shape(x, expected, name):
    """Check that ``x`` is an ndarray of shape ``expected``; return it unchanged.

    x: the array to check.
    expected: a tuple; ``None`` in a position accepts any size there, e.g. ``(4, None)``.
    name: the argument's name, used in the message.
    Raises ShapeError naming ``name``, the shape got and the shape expected. A rank-1
    array where a column or row is expected gets a hint to ``reshape``.
    """
    expected = tuple(expected)
    shape = np.shape(x)
    ok = len(shape) == len(expected) and all(
        e is None or int(e) == s for e, s in zip(expected, shape)
    )
    if ok:
        return x
    msg = f"{name} has shape {shape}, expected {_fmt(expected)}"
    if (len(shape) == 2 == len(expected) and shape[::-1] != shape
            and all(e is None or int(e) == s for e, s in zip(expected, shape[::-1]))):
        fix = f"{name}.T"
        if 1 in (shape[0], shape[1]):  # a column where a row belongs, or the other way round
            fix += f" (or {name}.reshape({'1, -1' if shape[1] == 1 else '-1, 1'}))"
        msg += f"; it looks transposed: {fix} has shape {shape[::-1]}"
    elif len(shape) == 1 and len(expected) == 2:
        n = shape[0]
        if expected[1] == 1:
            msg += f"; {name} is a rank-1 array: make it a column with {name}.reshape({n}, 1)"
        elif expected[0] == 1:
            msg += f"; {name} is a rank-1 array: make it a row with {name}.reshape(1, {n})"
        else:
            msg += (f"; {name} is a rank-1 array: give it two dimensions with reshape, "
                    f"e.g. {name}.reshape(-1, 1) for one example as a column")
    raise ShapeError(msg)


def check_finite(x, name):
    """Raise ValueError naming ``name`` if ``x`` holds NaN or infinity; return ``x``."""
    arr = np.asarray(x)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} has {bad} non-finite value(s) (NaN or inf) in shape {arr.shape}")
    return x


def as_array(x, name, ndim=None):
    """Convert ``x`` to a float64 ndarray (no copy when it already is one).

    Accepts array-likes of real numbers (bool counts as 0/1). Raises TypeError naming
    ``name`` for None, strings, complex numbers and other non-numeric objects, and
    ShapeError if ``ndim`` is given and does not match.
    """
    if x is None or isinstance(x, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array of real numbers, got {type(x).__name__}")
    raw = x if isinstance(x, np.ndarray) else None
    if raw is None:
        try:
            raw = np.asarray(x)
        except (TypeError, ValueError) as err:  # ragged nested lists
            raise TypeError(f"{name} must be an array of real numbers (a rectangular one), "
                            f"got {type(x).__name__}: {err}") from err
    if raw.dtype.kind not in "biuf":
        what = "complex numbers" if raw.dtype.kind == "c" else f"dtype {raw.dtype}"
        raise TypeError(f"{name} must be an array of real numbers, got {what}")
    arr = raw.astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise ShapeError(f"{name} has shape {arr.shape} ({arr.ndim}-D), expected a {ndim}-D array")
    return arr


def check_same_shape(x, reference, name, reference_name):
    """Raise ShapeError unless ``x`` has the shape of ``reference``; return ``x``.

    For two arrays that must match element for element (a and y of a loss, a gradient and
    its parameter): the message names both and gives ``.T`` when ``x`` is the transpose.
    """
    if np.shape(x) == np.shape(reference):
        return x
    try:
        check_shape(x, np.shape(reference), name)
    except ShapeError as err:
        head, _, hint = str(err).partition("; ")
        raise ShapeError(f"{head} (the shape of {reference_name})" + (f"; {hint}" if hint else "")) from None
    return x


def check_examples(m, name):
    """Raise ValueError if ``name`` holds no examples (m = 0): a mean over them is undefined."""
    if m == 0:
        raise ValueError(f"{name} has no examples (m = 0): the cost is a mean over m >= 1 examples")
    return m


def _scalar(x, name):
    """``x`` as a Python float, or TypeError naming ``name`` (None, bool, str, complex, arrays)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        got = f"an array of shape {np.shape(x)}" if isinstance(x, (np.ndarray, list, tuple)) else repr(x)
        raise TypeError(f"{name} must be a real number, got {got}")
    try:
        return float(x)
    except OverflowError:  # an int beyond float64's range
        raise ValueError(f"{name} = {x} is beyond the range of float64 numbers") from None


def check_real(x, name, low=-np.inf, high=np.inf):
    """``x`` as a float if it is a finite real number with low <= x <= high; else an error."""
    value = _scalar(x, name)
    if not np.isfinite(value) or not low <= value <= high:
        bounds = (f"between {low:g} and {high:g}" if np.isfinite(low) and np.isfinite(high) else
                  f">= {low:g}" if np.isfinite(low) else f"<= {high:g}" if np.isfinite(high) else "finite")
        raise ValueError(f"{name} must be a finite real number {bounds}, got {x!r}")
    return value


def check_positive(x, name):
    """``x`` as a float if it is a finite real number > 0 (a learning rate, a scale)."""
    value = _scalar(x, name)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite real number > 0, got {x!r}")
    return value


def check_probability(p, name):
    """``p`` as a float if it lies in [0, 1]."""
    return check_real(p, name, 0.0, 1.0)


def check_count(n, name, minimum=1):
    """``n`` as an int if it is a whole number >= ``minimum`` (3.0 is accepted, 2.5 is not)."""
    if isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_)):
        if n < minimum:  # exact, however large the int
            raise ValueError(f"{name} must be a whole number >= {minimum}, got {n!r}")
        return int(n)
    value = _scalar(n, name)
    if not (np.isfinite(value) and value == int(value) and value >= minimum):
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {n!r}")
    return int(value)


def check_seed(seed, name="seed", generator=False):
    """``seed`` as an int if it is a whole number >= 0 (what np.random.default_rng takes).

    With ``generator=True`` a np.random.Generator is accepted too and returned as it is.
    None (a fresh, unrepeatable seed), bool, floats that are not whole, strings and negative
    numbers are refused, naming ``name``; a large int is kept exactly.
    """
    if generator and isinstance(seed, np.random.Generator):
        return seed
    what = "a whole number >= 0" + (" (or a np.random.Generator)" if generator else "")
    try:
        return check_count(seed, name, minimum=0)
    except (TypeError, ValueError) as err:
        raise type(err)(f"{name} must be {what}, got {seed!r}") from None


def check_flag(value, name):
    """``value`` as a bool if it is True or False (a NumPy bool too); TypeError naming ``name``.

    1, 0, "yes" and None are refused: a flag is a choice the caller writes out.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def check_choice(value, choices, name, what="a name"):
    """``value`` if it is one of the strings ``choices`` (a method, an activation's name).

    choices: the valid names, in the order the message lists them (a tuple, or a dict's keys).
    what: how the TypeError describes a valid value, e.g. "an activation's name".
    Raises TypeError naming ``name`` for anything but a string, ValueError for another
    string; when its lower-case spelling is a choice, the message says so ('He' -> 'he').
    """
    valid = ", ".join(map(repr, choices))
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what}, one of {valid}; got {value!r}")
    if value not in choices:
        hint = f" (names are lower case: {value.lower()!r})" if value.lower() in choices else ""
        raise ValueError(f"{name} must be one of {valid}; got {value!r}{hint}")
    return value


def check_interval(pair, name):
    """``pair`` as (low, high), two finite real numbers with low < high (a window, a range).

    TypeError naming ``name`` for anything but a pair; ValueError for low >= high or a value
    that is not finite.
    """
    if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise TypeError(f"{name} must be a pair (low, high) of real numbers, got {pair!r}")
    lo, hi = check_real(pair[0], f"{name}[0]"), check_real(pair[1], f"{name}[1]")
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {pair!r}")
    return lo, hi


def as_column(v):
    """Return ``v`` as a column vector, shape (n, 1).

    Accepts a rank-1 array (n,), a column (n, 1) or a row (1, n); anything else is refused.
    Returns a view where possible, never mutates ``v``.
    """
    a = np.asarray(v)
    if a.ndim == 1:
        return a.reshape(-1, 1)
    if a.ndim == 2 and (a.shape[1] == 1 or a.shape[0] == 1):
        return a.reshape(-1, 1)
    raise ShapeError(f"v has shape {a.shape}, expected (n,), (n, 1) or (1, n) to make a column (n, 1)")


def as_row(v):
    """Return ``v`` as a row vector, shape (1, n). Same inputs as ``as_column``."""
    a = np.asarray(v)
    if a.ndim == 1:
        return a.reshape(1, -1)
    if a.ndim == 2 and (a.shape[1] == 1 or a.shape[0] == 1):
        return a.reshape(1, -1)
    raise ShapeError(f"v has shape {a.shape}, expected (n,), (n, 1) or (1, n) to make a row (1, n)")
