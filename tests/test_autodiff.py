"""helpers.autodiff (lesson 09): every operation's gradient against two-sided finite
differences, random expressions (hypothesis) against the same, gradients that accumulate
through reused values, a chain far deeper than Python's recursion limit, the boundary
policy of helpers.shapes, the module's public surface, and plotting.plot_computation_graph,
the figure drawn from these graphs.

The finite differences are computed from the values' numbers alone (``.data``), so they
do not depend on any local derivative the engine records.
"""
import ast
import inspect
import math
import re
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import autodiff
from helpers.autodiff import Value, topological_order
from helpers.plotting import plot_computation_graph
from support import parts_outside, public_top_level_names

EPS = 1e-6  # two-sided differences: error about EPS² f''' + round-off 1e-16 / EPS


def numerical_grads(f, xs, eps=EPS):
    """(f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for each input, from f's numbers only."""
    grads = []
    for i in range(len(xs)):
        plus = [x + eps * (j == i) for j, x in enumerate(xs)]
        minus = [x - eps * (j == i) for j, x in enumerate(xs)]
        grads.append((f(*map(Value, plus)).data - f(*map(Value, minus)).data) / (2 * eps))
    return grads


def autodiff_grads(f, xs):
    values = [Value(x) for x in xs]
    out = f(*values)
    out.backward()
    return out.data, [v.grad for v in values]


# --- every operation against finite differences -------------------------------------------

OPERATIONS = {
    "a + b": (lambda a, b: a + b, [(1.5, -2.0), (0.0, 3.0)]),
    "a - b": (lambda a, b: a - b, [(1.5, -2.0), (-4.0, 0.25)]),
    "a * b": (lambda a, b: a * b, [(1.5, -2.0), (-3.0, 0.5)]),
    "a / b": (lambda a, b: a / b, [(1.5, -2.0), (6.0, 3.0), (-1.0, 0.3)]),
    "a ** 2": (lambda a: a ** 2, [(3.0,), (-1.5,)]),
    "a ** 3": (lambda a: a ** 3, [(2.0,), (-0.7,)]),
    "a ** -1": (lambda a: a ** -1, [(2.0,), (-0.5,)]),
    "a ** 0.5": (lambda a: a ** 0.5, [(4.0,), (0.3,)]),
    "a ** 0": (lambda a: a ** 0 * a, [(4.0,), (-2.0,)]),
    "-a": (lambda a: -a, [(1.5,)]),
    "2 + a": (lambda a: 2 + a, [(1.5,)]),
    "2 - a": (lambda a: 2 - a, [(1.5,)]),
    "2 * a": (lambda a: 2 * a, [(1.5,)]),
    "2 / a": (lambda a: 2 / a, [(1.5,), (-0.4,)]),
    "a * 2.5 - 1": (lambda a: a * 2.5 - 1, [(1.5,)]),
    "numpy scalar * a": (lambda a: np.float64(2.5) * a - np.int64(1), [(1.5,)]),
    "exp(a)": (lambda a: a.exp(), [(0.0,), (1.3,), (-2.0,)]),
    "log(a)": (lambda a: a.log(), [(0.5,), (3.0,)]),
    "tanh(a)": (lambda a: a.tanh(), [(0.0,), (0.8,), (-2.5,)]),
    "relu(a)": (lambda a: a.relu(), [(0.7,), (-0.7,)]),
    "sigmoid(a)": (lambda a: a.sigmoid(), [(0.0,), (2.0,), (-3.0,)]),
}
OP_CASES = [(name, xs) for name, (_, points) in OPERATIONS.items() for xs in points]


@pytest.mark.parametrize("name, xs", OP_CASES, ids=[f"{n} at {xs}" for n, xs in OP_CASES])
def test_every_operations_gradient_matches_two_sided_finite_differences(name, xs):
    f = OPERATIONS[name][0]
    values = [Value(x) for x in xs]
    out = f(*values)
    out.backward()
    np.testing.assert_allclose([v.grad for v in values], numerical_grads(f, xs), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name, f, expected", [
    ("a + b", lambda a, b: a + b, 1.5 + -2.0), ("a - b", lambda a, b: a - b, 3.5),
    ("a * b", lambda a, b: a * b, -3.0), ("a / b", lambda a, b: a / b, -0.75),
    ("a ** 3", lambda a, b: a ** 3, 3.375), ("exp", lambda a, b: a.exp(), math.exp(1.5)),
    ("log", lambda a, b: a.log(), math.log(1.5)), ("tanh", lambda a, b: b.tanh(), math.tanh(-2.0)),
    ("relu", lambda a, b: b.relu(), 0.0), ("sigmoid", lambda a, b: b.sigmoid(), 1 / (1 + math.exp(2.0))),
])
def test_every_operation_computes_its_value(name, f, expected):
    assert f(Value(1.5), Value(-2.0)).data == pytest.approx(expected, rel=1e-15)


def test_the_local_derivatives_are_the_ones_of_the_lessons_table():
    a, b = Value(6.0), Value(3.0)
    assert (a / b).local_grads == (1 / 3, -6 / 9)
    assert (a * b).local_grads == (3.0, 6.0)
    assert (a - b).local_grads == (1.0, -1.0)
    e = a.exp()
    assert e.local_grads == (e.data,)  # the output itself
    t = b.tanh()
    assert t.local_grads == (1 - t.data ** 2,)
    assert Value(0.0).relu().local_grads == (0.0,)  # the kink at 0: slope 0


def test_sigmoid_and_exp_are_finite_where_the_naive_formulas_overflow():
    for z in (-1e4, -745.0, 700.0, 1e4):
        s = Value(z).sigmoid()
        assert 0.0 <= s.data <= 1.0 and math.isfinite(s.local_grads[0])
    assert Value(-1e4).exp().data == 0.0


# --- random expressions --------------------------------------------------------------------

UNARY = {"tanh": lambda v: v.tanh(), "sigmoid": lambda v: v.sigmoid(),
         "exp∘tanh": lambda v: v.tanh().exp(), "log(1 + v²)": lambda v: (1 + v * v).log(),
         "(tanh v + 2) ** 2": lambda v: (v.tanh() + 2) ** 2, "-v": lambda v: -v}
BINARY = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
          "a / (1 + b²)": lambda a, b: a / (1 + b * b), "c * a": lambda a, b: 0.5 * a - 1.5}

EXPRESSIONS = st.recursive(
    st.integers(0, 2),  # a leaf: one of three inputs, so that inputs get reused
    lambda inner: st.one_of(st.tuples(st.sampled_from(sorted(UNARY)), inner),
                            st.tuples(st.sampled_from(sorted(BINARY)), inner, inner)),
    max_leaves=8)


def evaluate(expr, inputs):
    if isinstance(expr, int):
        return inputs[expr]
    if len(expr) == 2:
        return UNARY[expr[0]](evaluate(expr[1], inputs))
    return BINARY[expr[0]](evaluate(expr[1], inputs), evaluate(expr[2], inputs))


@settings(max_examples=150, deadline=None)
@given(expr=EXPRESSIONS, xs=st.lists(st.floats(-1.5, 1.5), min_size=3, max_size=3))
def test_random_expressions_have_the_gradients_of_two_sided_differences(expr, xs):
    def f(*inputs):
        out = evaluate(expr, list(inputs))
        return out if isinstance(out, Value) else Value(out)

    values = [Value(x) for x in xs]
    out = f(*values)
    out.backward()
    numerical = numerical_grads(f, xs)
    scale = max(1.0, abs(out.data))
    np.testing.assert_allclose([v.grad for v in values], numerical, rtol=1e-5, atol=1e-6 * scale)


# --- accumulation through reused values ------------------------------------------------------

def test_a_value_used_twice_gets_the_sum_of_both_paths():
    w = Value(3.0)
    (w * w).backward()
    assert w.grad == 6.0  # 2w, not w
    w = Value(2.0)
    (w * w * w).backward()
    assert w.grad == 12.0  # 3w²


def test_a_shared_intermediate_value_collects_the_gradients_of_all_its_uses():
    w = Value(0.5)
    x = w + 1.0               # used three times below
    J = x * x + x.tanh() + 2 * x
    J.backward()
    expected = 2 * 1.5 + (1 - math.tanh(1.5) ** 2) + 2
    assert x.grad == pytest.approx(expected, rel=1e-15) and w.grad == pytest.approx(expected, rel=1e-15)


def test_a_diamond_graph_counts_each_path_once():
    w = Value(1.2)
    left, right = w * 2.0, w * 3.0
    J = left * right          # 6 w², dJ/dw = 12 w
    J.backward()
    assert w.grad == pytest.approx(12 * 1.2, rel=1e-15)
    assert len(topological_order(J)) == len(set(topological_order(J)))


def test_backward_twice_gives_the_same_gradients_not_twice_as_much():
    w = Value(3.0)
    J = w * w
    J.backward()
    J.backward()
    assert w.grad == 6.0 and J.grad == 1.0


def test_a_chain_of_ten_thousand_values_works_far_beyond_the_recursion_limit():
    n = 10_000
    assert n > 5 * sys.getrecursionlimit()
    w = z = Value(0.25)
    for _ in range(n):
        z = z + w             # z = (n + 1) w: every step reuses w
    z.backward()
    assert z.data == pytest.approx((n + 1) * 0.25) and w.grad == n + 1
    assert len(topological_order(z)) == n + 1


def test_a_chain_of_a_hundred_thousand_values_as_the_docstring_promises():
    v = z = Value(0.5)
    for _ in range(100_000):
        z = z * 1.0
    z.backward()
    assert v.grad == 1.0 and "100,000" in autodiff.__doc__


# --- topological order and repr --------------------------------------------------------------

def test_the_topological_order_lists_each_value_once_after_its_parents_root_last():
    w, x, b = Value(2.0, label="w"), Value(-2.0, label="x"), Value(8.0, label="b")
    c = w * x
    J = (c + b) * c
    order = topological_order(J)
    assert order[-1] is J and len(order) == len(set(order)) == 6  # w, x, c, b, c + b, J
    position = {v: i for i, v in enumerate(order)}
    assert all(position[p] < position[v] for v in order for p in v.parents)
    assert [v.label for v in order[:2]] == ["w", "x"]  # inputs in the order they were used


def test_repr_shows_data_grad_and_label_in_a_stable_format():
    w = Value(2.0, label="w")
    J = w * -2.0
    assert repr(w) == "Value(data=2, grad=0, label='w')"
    J.backward()
    assert repr(w) == "Value(data=2, grad=-2, label='w')"
    assert repr(Value(9.006001)) == "Value(data=9.006, grad=0)"
    assert repr(Value(1 / 3)) == "Value(data=0.333333, grad=0)"


# --- the boundary policy ---------------------------------------------------------------------

NOT_A_NUMBER = [None, "1", b"1", 1j, True, np.bool_(False), [1.0], (0.5,), {}, object(),
                np.array([2.0]), np.ones((2, 2))]
BINARY_OPS = [(lambda a, v: a + v, "b in a + b"), (lambda a, v: a - v, "b in a - b"),
              (lambda a, v: a * v, "b in a * b"), (lambda a, v: a / v, "b in a / b"),
              (lambda a, v: v + a, "a in a + b"), (lambda a, v: v - a, "a in a - b"),
              (lambda a, v: v * a, "a in a * b"), (lambda a, v: v / a, "a in a / b"),
              (lambda a, v: a ** v, "p in a ** p"), (lambda a, v: Value(v), "data")]


def refused(call, error, name):
    try:
        result = call()
    except Exception as err:  # noqa: BLE001 - the type is the point of the test
        assert type(err) is error, f"expected {error.__name__}, got {type(err).__name__}: {err}"
        assert str(err).startswith(name), f"the message does not start with {name!r}: {err}"
        return str(err)
    pytest.fail(f"accepted: {result!r}")


@pytest.mark.parametrize("op, name", BINARY_OPS, ids=[n for _, n in BINARY_OPS])
@pytest.mark.parametrize("bad", NOT_A_NUMBER, ids=lambda v: f"{type(v).__name__}{np.shape(v)}")
def test_an_operand_that_is_not_a_real_number_is_refused_naming_it(op, name, bad, strict_floats):
    message = refused(lambda: op(Value(2.0), bad), TypeError, name)
    assert "real number" in message


@pytest.mark.parametrize("op, name", BINARY_OPS, ids=[n for _, n in BINARY_OPS])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, np.float64("nan"), 10 ** 400])
def test_nan_infinity_and_huge_ints_are_refused_with_value_error(op, name, bad, strict_floats):
    refused(lambda: op(Value(2.0), bad), ValueError, name)


@pytest.mark.parametrize("call, error, name", [
    (lambda: Value(1.0) / 0, ValueError, "b in a / b"),
    (lambda: Value(1.0) / Value(0.0), ValueError, "b in a / b"),
    (lambda: 1 / Value(0.0), ValueError, "b in a / b"),
    (lambda: Value(0.0).log(), ValueError, "a in log(a)"),
    (lambda: Value(-1.0).log(), ValueError, "a in log(a)"),
    (lambda: Value(0.0) ** -1, ValueError, "a in a ** p"),
    (lambda: Value(0.0) ** 0.5, ValueError, "a in a ** p"),
    (lambda: Value(-8.0) ** (1 / 3), ValueError, "a in a ** p"),
    (lambda: Value(800.0).exp(), ValueError, "the result of exp"),
    (lambda: Value(1e200) * 1e200, ValueError, "the result of ×"),
    (lambda: Value(1e200) ** 2, ValueError, "the result of **2"),
    (lambda: Value(1e-200) / 1e-200 / 1e-200, ValueError, "the result of /"),
    (lambda: Value(2.0) ** Value(2.0), TypeError, "p in a ** p"),
    (lambda: 2 ** Value(2.0), TypeError, "p in a ** p"),
    (lambda: np.array([1.0, 2.0]) + Value(1.0), TypeError, "a in a + b"),
    (lambda: Value(1.0, parents=(1.0,), local_grads=(1.0,)), TypeError, "parents"),
    (lambda: Value(1.0, parents=(Value(2.0),)), ValueError, "local_grads"),
    (lambda: Value(1.0, (Value(2.0),), (math.nan,)), ValueError, "local_grads[0]"),
    (lambda: Value(1.0, op=3), TypeError, "op"),
    (lambda: Value(1.0, label=None), TypeError, "label"),
    (lambda: topological_order(3.0), TypeError, "root"),
])
def test_an_operation_outside_its_domain_is_refused_with_a_message_naming_the_argument(
        call, error, name, strict_floats):
    refused(call, error, name)


def test_edge_cases_inside_the_domain_are_accepted():
    assert (Value(0.0) ** 2).local_grads == (0.0,)
    assert (Value(0.0) ** 1).local_grads == (1.0,)
    assert (Value(-2.0) ** 3).data == -8.0
    assert (Value(-2.0) ** -2).data == 0.25
    assert Value(np.float32(0.5)).data == 0.5 and type(Value(np.int64(3)).data) is float


# --- the public surface and the size -------------------------------------------------------

def test_the_module_defines_exactly_its_all_and_its_docstring_ends_with_their_table():
    listed = set(autodiff.__all__)
    assert public_top_level_names(autodiff) == listed
    table = autodiff.__doc__.split("\nPublic API", 1)[1]
    assert [n for n in autodiff.__all__ if not re.search(rf"\b{n}\b", table)] == []
    assert "\n\n" not in table.strip() and len(table.strip().splitlines()) <= 30
    for method in ("backward", "exp", "log", "tanh", "relu", "sigmoid"):
        assert f".{method}()" in table


def test_the_engine_stays_small_enough_to_read_in_one_sitting():
    tree = ast.parse(inspect.getsource(autodiff))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node):
            first = node.body[0]
            docstrings.update(range(first.lineno, first.end_lineno + 1))
    lines = inspect.getsource(autodiff).splitlines()
    code = [i for i, line in enumerate(lines, start=1)
            if line.strip() and not line.strip().startswith("#") and i not in docstrings]
    assert len(code) <= 140, f"{len(code)} lines of code"


# --- plot_computation_graph --------------------------------------------------------------------

def _lecture_graph():
    w, x, b, y = (Value(v, label=n) for v, n in ((2.0, "w"), (-2.0, "x"), (8.0, "b"), (2.0, "y")))
    c = w * x
    d = c + b - y
    J = 0.5 * d ** 2
    J.label = "J"
    J.backward()
    return J


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_the_graph_figure_draws_every_value_but_constants_and_every_edge():
    ax = plot_computation_graph(_lecture_graph())
    boxes = [p for p in ax.patches if p.get_gid() == "node"]
    edges = [p for p in ax.patches if p.get_gid() == "edge"]
    assert len(boxes) == 9   # w, x, c, b, a, y, d, d², J; the constant 0.5 is not a box
    assert len(edges) == 8
    texts = _texts(ax)
    assert "J  (× 0.5)" in texts and "w" in texts
    assert "value -4" in texts and "grad -4" in texts and "grad 0.5" in texts
    assert parts_outside(ax.figure) == []


def test_the_graph_figure_draws_two_edges_for_a_value_used_twice_and_grads_only_if_asked():
    w = Value(3.0, label="w")
    J = w * w
    J.backward()
    ax = plot_computation_graph(J, grads=False)
    assert len([p for p in ax.patches if p.get_gid() == "edge"]) == 2
    assert not [t for t in _texts(ax) if t.startswith("grad")] and "value 9" in _texts(ax)
    _, given_ax = plt.subplots()
    assert plot_computation_graph(Value(1.0), ax=given_ax) is given_ax


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(root=3.0), TypeError, "root"), (dict(root=None), TypeError, "root"),
    (dict(ax="ax"), TypeError, "ax"), (dict(grads=1), TypeError, "grads"),
    (dict(grads=None), TypeError, "grads"), (dict(fontsize=1.0), ValueError, "fontsize"),
    (dict(fontsize=math.nan), ValueError, "fontsize"), (dict(fontsize="9"), TypeError, "fontsize"),
])
def test_the_graph_figure_refuses_bad_arguments_naming_them(kwargs, error, name, strict_floats):
    args = dict(root=Value(1.0))
    args.update(kwargs)
    refused(lambda: plot_computation_graph(**args), error, name)


def test_the_graph_figure_refuses_a_graph_too_large_to_read():
    z = Value(1.0, label="w")
    for _ in range(40):
        z = z.tanh()
    refused(lambda: plot_computation_graph(z), ValueError, "root")
