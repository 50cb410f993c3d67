"""Shape checks at the public boundary, in the course's spirit of ``assert a.shape == (5, 1)``.

Every public function in ``helpers`` checks its inputs here, so a wrong shape fails at
once with a message naming the argument, the shape it has and the shape expected,
instead of broadcasting silently or failing deep inside NumPy.
"""
import numpy as np


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
    if len(shape) == 1 and len(expected) == 2:
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

    Raises TypeError naming ``name`` if ``x`` is not numeric, and ShapeError if
    ``ndim`` is given and does not match.
    """
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be numeric array-like, got {type(x).__name__}") from err
    if ndim is not None and arr.ndim != ndim:
        raise ShapeError(f"{name} has shape {arr.shape} ({arr.ndim}-D), expected a {ndim}-D array")
    return arr


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
