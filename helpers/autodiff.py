"""Reverse-mode automatic differentiation of scalars: a computation graph that differentiates itself.

A ``Value`` holds a number (``data``), the values it was computed from (``parents``) and the
local derivative of the operation that made it with respect to each parent
(``local_grads``): for c = w * x these are (x, w), because dc/dw = x and dc/dx = w.
``J.backward()`` walks the graph once from right to left (reverse topological order) and,
along every edge parent -> child, adds (local derivative) x (child's grad) to the parent's
grad. Afterwards ``v.grad`` is dJ/dv for every value v that J depends on; a value used
twice (J = w * w) receives the sum over both paths, 2w.

The operations and their local derivatives (a, b the inputs' data, out the result's):
    a + b  1, 1        a - b  1, -1       a * b  b, a        a / b  1/b, -a/b^2
    a ** p  p a^(p-1)  (p a plain number)  -a  -1
    exp(a)  out        log(a)  1/a        tanh(a)  1 - out^2
    relu(a)  1 if a > 0 else 0             sigmoid(a)  out (1 - out)
Plain numbers mix with values (2 * w, w - 1, 1 / w): they become constant leaves.

Inputs follow helpers.shapes' policy: data and plain-number operands are real numbers
(int, float, NumPy scalars), refused with TypeError naming the argument otherwise (None,
strings, bools, arrays, a Value as an exponent); NaN and infinity are refused with
ValueError, as are the numbers an operation is not defined at (b = 0 in a / b, log of a
number <= 0, 0 ** p for p < 0, a negative number to a fractional power) and results or
local derivatives that overflow float64 (exp(800)): never a silent NaN or inf.
backward() needs no recursion: a chain of 100,000 values works.

Public API
    Value(data, parents=(), local_grads=(), op="", label="")   a number in a graph
        .data .grad .parents .local_grads .op .label   (grad is 0 until backward)
        + - * / ** with values or plain numbers; .exp() .log() .tanh() .relu() .sigmoid()
        .backward()          set grad = dJ/dv for every v this value J depends on
    topological_order(root)  the values root depends on, each after its parents, root last
"""
import math

import numpy as np

__all__ = ["Value", "topological_order"]

_REAL = (int, float, np.integer, np.floating)


def _number(x, name, what="a real number"):
    """``x`` as a finite Python float, or TypeError / ValueError naming ``name``."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, _REAL):
        got = f"an array of shape {np.shape(x)}" if isinstance(x, (np.ndarray, list, tuple)) else repr(x)
        raise TypeError(f"{name} must be {what}, got {got}")
    try:
        value = float(x)
    except OverflowError:  # an int beyond float64
        raise ValueError(f"{name} = {x} is beyond the range of float64 numbers") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite real number, got {x!r}")
    return value


def _operand(x, name):
    """A Value as it is, a plain number as a constant Value; TypeError naming ``name``."""
    return x if isinstance(x, Value) else Value(_number(x, name, "a Value or a real number"))


def _result(op, data, parents, local_grads):
    """The Value made by ``op``; ValueError if its number or a local derivative overflowed."""
    if not all(map(math.isfinite, (data, *local_grads))):
        inputs = ", ".join(f"{p.data:g}" for p in parents)
        raise ValueError(f"the result of {op} ({inputs}) overflows float64: its value or its "
                         "local derivative is beyond 1.8e308")
    return Value(data, parents, local_grads, op)


class Value:
    """A number in a computation graph, with the local derivatives of the operation that made it.

    data: a finite real number. parents: the Values it was computed from (none for an input
    or a constant). local_grads: one number per parent, d(this)/d(parent). op: the
    operation's name ("+", "exp", ...), label: a name for figures ("w", "J"), both strings.
    grad holds dJ/d(this) after J.backward() (0 before).
    """

    __array_ufunc__ = None  # numpy hands `array + value` to Value, which refuses it clearly

    def __init__(self, data, parents=(), local_grads=(), op="", label=""):
        self.data = _number(data, "data")
        if not isinstance(parents, (tuple, list)) or not all(isinstance(p, Value) for p in parents):
            raise TypeError(f"parents must be a tuple of Values, got {parents!r}")
        if not isinstance(local_grads, (tuple, list)) or len(local_grads) != len(parents):
            raise ValueError(f"local_grads must hold one local derivative per parent: "
                             f"{len(parents)} parent(s), got {local_grads!r}")
        self.local_grads = tuple(_number(g, f"local_grads[{i}]") for i, g in enumerate(local_grads))
        self.parents = tuple(parents)
        for name, text in (("op", op), ("label", label)):
            if not isinstance(text, str):
                raise TypeError(f"{name} must be a string, got {text!r}")
        self.op, self.label = op, label
        self.grad = 0.0

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{label})"

    # -- arithmetic: each returns a new Value holding its local derivatives --------------
    def __add__(self, other):
        other = _operand(other, "b in a + b")
        return _result("+", self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = _operand(other, "b in a * b")
        return _result("×", self.data * other.data, (self, other), (other.data, self.data))

    def __sub__(self, other):
        other = _operand(other, "b in a - b")
        return _result("-", self.data - other.data, (self, other), (1.0, -1.0))

    def __truediv__(self, other):
        b = _operand(other, "b in a / b")
        if b.data == 0:
            raise ValueError("b in a / b must not be 0 (division by zero)")
        out = self.data / b.data  # the local derivative -a/b² is computed as -(a/b)/b: no b² to underflow
        return _result("/", out, (self, b), (1 / b.data, -out / b.data))

    def __pow__(self, p):
        if isinstance(p, Value):
            raise TypeError("p in a ** p must be a plain number: a Value as an exponent is not "
                            "supported (write (p * a.log()).exp() for a > 0)")
        p, a = _number(p, "p in a ** p"), self.data
        if a == 0 and p < 1 and p != 0:
            raise ValueError(f"a in a ** p must not be 0 for p = {p:g} < 1 (0 ** p or its "
                             "slope p a^(p-1) is infinite)")
        if a < 0 and p != int(p):
            raise ValueError(f"a in a ** p must be >= 0 for the fractional power p = {p:g}, "
                             f"got a = {a:g}")
        try:
            out, local = a ** p, (0.0 if p == 0 else p * a ** (p - 1))
        except OverflowError:
            out = local = math.inf
        return _result(f"**{p:g}", out, (self,), (local,))

    def __neg__(self):
        return _result("neg", -self.data, (self,), (-1.0,))

    def __radd__(self, other):
        return _operand(other, "a in a + b") + self

    def __rmul__(self, other):
        return _operand(other, "a in a * b") * self

    def __rsub__(self, other):
        return _operand(other, "a in a - b") - self

    def __rtruediv__(self, other):
        return _operand(other, "a in a / b") / self

    def __rpow__(self, other):
        raise TypeError("p in a ** p must be a plain number: a Value as an exponent is not "
                        "supported (write (p * math.log(a)).exp() for a constant a > 0)")

    # -- functions of one value ------------------------------------------------------------
    def exp(self):
        try:
            out = math.exp(self.data)
        except OverflowError:
            out = math.inf
        return _result("exp", out, (self,), (out,))

    def log(self):
        if self.data <= 0:
            raise ValueError(f"a in log(a) must be > 0, got {self.data:g}")
        return _result("log", math.log(self.data), (self,), (1 / self.data,))

    def tanh(self):
        out = math.tanh(self.data)
        return _result("tanh", out, (self,), (1 - out * out,))

    def relu(self):
        return _result("relu", max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,))

    def sigmoid(self):
        a = self.data  # two forms, so that exp never overflows
        out = 1 / (1 + math.exp(-a)) if a >= 0 else math.exp(a) / (1 + math.exp(a))
        return _result("σ", out, (self,), (out * (1 - out),))

    # -- backpropagation -----------------------------------------------------------------
    def backward(self):
        """Set v.grad = dJ/dv for this value J and every value it depends on (J.grad = 1).

        Right to left: in reverse topological order each value passes its grad to its
        parents, times the local derivative, and the parents add up what they receive.
        The grads of the graph are reset first, so calling it twice gives the same grads.
        """
        order = topological_order(self)
        for v in order:
            v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            for parent, local in zip(v.parents, v.local_grads):
                parent.grad += local * v.grad


def topological_order(root):
    """The Values ``root`` depends on (root included), each listed after all its parents.

    root: a Value. A depth-first search with a stack of its own (no recursion, so a graph
    as deep as memory allows works); a value reached along two paths is listed once.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        v, parents_done = stack.pop()
        if parents_done:
            order.append(v)
        elif v not in seen:
            seen.add(v)
            stack.append((v, True))
            stack.extend((p, False) for p in reversed(v.parents) if p not in seen)
    return order
