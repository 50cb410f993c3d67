"""Lesson 09 (computation graph and backpropagation): the exercises' self-checks.

div(a, b)                      a / b as a new helpers.autodiff.Value holding its local
                               derivatives 1/b and -a/b²
exp(a)                         e^a as a new Value, its local derivative e^a
gradients_by_hand(w, x, b, y)  (dw, db) of J = ½(tanh(wᵀx + b) - y)², backward by hand

The checks of div and exp build the inputs as Values, call the student's operation, run
backward() from its result and compare the result's value and the inputs' gradients with
the engine's own operation; gradients_by_hand is compared with helpers.autodiff's gradients
of the same graph. An operation whose result does not record a and b as its parents
(copies of them, or no parents at all) leaves their gradients at 0, and the report says so;
one that changes an input's number in place is stopped with a sentence naming the input.
"""
import math

import numpy as np

from helpers.autodiff import Value
from helpers.checks import Case, Exercise, Mistake, Refuse

__all__ = ["EXERCISES", "div", "exp", "gradients_by_hand"]


def _op_result(out, inputs, name):
    """What an operation's check compares: its value and d(out)/d(input) for each input."""
    if not isinstance(out, Value):
        return {name: f"a {type(out).__name__}, not a Value", **{f"∂/∂{k}": 0.0 for k in inputs}}
    out.backward()
    return {name: out.data, **{f"∂/∂{k}": v.grad for k, v in inputs.items()}}


def _unchanged(inputs, given, op):
    """ValueError if the student's operation changed an input Value's number in place."""
    for (k, v), x in zip(inputs.items(), given):
        if v.data != x:
            raise ValueError(f"{op} changed its input {k} in place ({k}.data was {x:g}, is now "
                             f"{v.data:g}): an operation leaves its inputs as they are and "
                             "returns a new Value")


def _call_binary(fn, a, b):
    inputs = {"a": Value(a, label="a"), "b": Value(b, label="b")}
    out = fn(*inputs.values())
    _unchanged(inputs, (a, b), "div")
    return None if out is None else _op_result(out, inputs, "a / b")


def _call_unary(fn, a):
    inputs = {"a": Value(a, label="a")}
    out = fn(*inputs.values())
    _unchanged(inputs, (a,), "exp")
    return None if out is None else _op_result(out, inputs, "exp(a)")


_DISCONNECTED_HINT = ("build the new Value from a and b themselves, Value(data, parents, "
                      "local_grads): a result made from copies of the inputs, or with no "
                      "parents, or an input changed in place, is cut off from the graph and "
                      "backward() never reaches a and b")


# --- div -----------------------------------------------------------------------------------

def _div_reference(a, b):
    return _call_binary(lambda x, y: x / y, a, b)


def _div_solution(a, b):
    return Value(a.data / b.data, (a, b), (1 / b.data, -a.data / b.data ** 2), "/")


def _div_wrong(d_da, d_db):
    return lambda a, b: {"a / b": a / b, "∂/∂a": d_da(a, b), "∂/∂b": d_db(a, b)}


div = Exercise(
    "div", [Case(6.0, 3.0, label="6 / 3"), Case(1.0, -4.0, label="1 / (-4)"),
            Case(-2.5, 0.5, label="-2.5 / 0.5"), Case(3.0, 7.0, label="3 / 7"),
            Refuse(1.0, 0.0, label="b = 0", errors=(ValueError, ZeroDivisionError),
                   hint="a / 0 has no value and no derivative: let the division raise "
                        "(Python's float division does) rather than return a Value")],
    _div_reference, call=_call_binary, where="lesson09.div", solution=_div_solution,
    hints=("the new Value's parents are (a, b); its local derivatives are ∂(a/b)/∂a and "
           "∂(a/b)/∂b, computed from the inputs' numbers a.data and b.data",
           "write a / b as a · b⁻¹: the derivative of b⁻¹ with respect to b is -b⁻²"),
    mistakes=[
        Mistake("∂/∂b = -a/b: the square of b is missing",
                _div_wrong(lambda a, b: 1 / b, lambda a, b: -a / b),
                "the derivative of 1/b is -1/b², so ∂(a/b)/∂b = -a/b²"),
        Mistake("∂/∂b = -1/b²: the factor a is missing",
                _div_wrong(lambda a, b: 1 / b, lambda a, b: -1 / b ** 2),
                "a / b = a · (1/b): the derivative of 1/b is multiplied by a"),
        Mistake("∂/∂b computed from the output a/b in place of a",
                _div_wrong(lambda a, b: 1 / b, lambda a, b: -(a / b) / b ** 2),
                "the local derivative -a/b² uses the input a, not the result"),
        Mistake("the two local derivatives swapped", _div_wrong(lambda a, b: -a / b ** 2, lambda a, b: 1 / b),
                "local_grads follow the order of parents: first ∂/∂a, then ∂/∂b"),
        Mistake("a result that does not point back to a and b (their gradients stay 0)",
                lambda a, b: {"a / b": a / b, "∂/∂a": 0.0, "∂/∂b": 0.0}, _DISCONNECTED_HINT),
    ])


# --- exp -----------------------------------------------------------------------------------

def _exp_reference(a):
    return _call_unary(lambda x: x.exp(), a)


def _exp_solution(a):
    out = math.exp(a.data)
    return Value(out, (a,), (out,), "exp")


def _exp_wrong(d_da):
    return lambda a: {"exp(a)": math.exp(a), "∂/∂a": d_da(a)}


exp = Exercise(
    "exp", [Case(-2.0, label="a = -2"), Case(1.0, label="a = 1"), Case(0.0, label="a = 0"),
            Case(3.5, label="a = 3.5"),
            Refuse(1000.0, label="a = 1000: e^a overflows float64", errors=(ValueError, OverflowError),
                   hint="e^1000 is beyond float64: let math.exp raise its OverflowError rather "
                        "than return an infinite Value")],
    _exp_reference, call=_call_unary, where="lesson09.exp", solution=_exp_solution,
    hints=("one parent, a; the local derivative of e^a with respect to a is a number you "
           "have already computed",
           "d(e^a)/da = e^a: the local derivative equals the operation's own result"),
    mistakes=[
        Mistake("a local derivative of 1, as for a + b", _exp_wrong(lambda a: 1.0),
                "the slope of e^a is not constant: d(e^a)/da = e^a"),
        Mistake("the local derivative a (the input) instead of e^a (the output)", _exp_wrong(lambda a: a),
                "d(e^a)/da is the output e^a, not the input a"),
        Mistake("the local derivative e^(-a)", _exp_wrong(lambda a: math.exp(-a)),
                "no minus sign: d(e^a)/da = e^a"),
        Mistake("a result that does not point back to a (its gradient stays 0)",
                lambda a: {"exp(a)": math.exp(a), "∂/∂a": 0.0}, _DISCONNECTED_HINT),
    ])


# --- gradients_by_hand ------------------------------------------------------------------------

def _hand_reference(w, x, b, y):
    """The gradients of J = ½(tanh(wᵀx + b) - y)² by helpers.autodiff."""
    ws, bv = [Value(v) for v in w.ravel()], Value(b)
    z = bv
    for wi, xi in zip(ws, x.ravel()):
        z = z + wi * float(xi)
    J = 0.5 * (z.tanh() - y) ** 2
    J.backward()
    return np.array([[wi.grad] for wi in ws]), bv.grad


def _hand_solution(w, x, b, y):
    z = (w.T @ x).item() + b      # forward, left to right
    a = np.tanh(z)
    dJ_da = a - y                 # backward, right to left
    dJ_dz = dJ_da * (1 - a ** 2)  # tanh'(z) = 1 - a²
    return dJ_dz * x, dJ_dz


def _hand_wrong(slope=lambda z, a: 1 - a ** 2, factor=lambda w, x: x):
    def wrong(w, x, b, y):
        z = float(w.ravel() @ x.ravel()) + b
        a = math.tanh(z)
        dz = (a - y) * slope(z, a)
        return dz * factor(w, x), dz
    return wrong


gradients_by_hand = Exercise(
    "gradients_by_hand",
    [Case(np.array([[2.0]]), np.array([[-2.0]]), 8.0, 2.0, label="the lecture's w = 2, x = -2, b = 8, y = 2"),
     Case(np.array([[0.5], [-1.0], [0.25]]), np.array([[1.0], [2.0], [-2.0]]), 0.5, 1.0,
          label="three inputs, z = -1.5"),
     Case(np.array([[1.0], [1.0]]), np.array([[1.0], [-1.0]]), 0.0, 0.5, label="z = 0, where tanh' = 1"),
     Case(np.array([[0.3], [-0.7], [1.1], [0.2]]), np.array([[-1.2], [0.4], [0.9], [2.0]]), -0.3, -0.5,
          label="four inputs, y = -0.5"),
     Refuse(np.ones((3, 1)), np.ones((2, 1)), 0.0, 1.0, label="w (3, 1) and x (2, 1)",
            hint="wᵀx needs one weight per input: let the matrix product refuse shapes that do "
                 "not chain (w.T @ x), or check w.shape == x.shape")],
    _hand_reference, returns=("dw", "db"), where="lesson09.gradients_by_hand", solution=_hand_solution,
    hints=("go forward first (z, then a = tanh(z), then J), then right to left: ∂J/∂a, "
           "∂J/∂z = ∂J/∂a · tanh'(z), and from ∂J/∂z the gradients of w and b",
           "∂J/∂a = a - y; tanh'(z) = 1 - a²; z = wᵀx + b, so ∂z/∂w = x and ∂z/∂b = 1"),
    mistakes=[
        Mistake("the slope of tanh left out (∂J/∂z = a - y)", _hand_wrong(slope=lambda z, a: 1.0),
                "a = tanh(z) sits between z and J: multiply by tanh'(z) = 1 - a²"),
        Mistake("tanh' computed from z instead of a (1 - z²)", _hand_wrong(slope=lambda z, a: 1 - z ** 2),
                "tanh'(z) = 1 - tanh(z)² = 1 - a²: the node's output, not its input"),
        Mistake("dw from the weights w instead of the inputs x", _hand_wrong(factor=lambda w, x: w),
                "∂(wᵀx)/∂w = x: each weight's gradient is ∂J/∂z times its input"),
        Mistake("dw = ∂J/∂z, without the factor x", _hand_wrong(factor=lambda w, x: np.ones_like(w)),
                "∂(wᵀx)/∂w = x: multiply ∂J/∂z by the inputs x"),
        Mistake("the ½ dropped: ∂J/∂a = 2(a - y)",
                lambda w, x, b, y: tuple(2 * g for g in _hand_wrong()(w, x, b, y)),
                "J = ½(a - y)² gives ∂J/∂a = a - y: the ½ cancels the 2"),
    ])

EXERCISES = ["div", "exp", "gradients_by_hand"]
