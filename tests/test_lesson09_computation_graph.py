"""Lesson 09 (computation graph, Machine Learning Specialization course 2 week 2): the lesson's
claims as tests.

The lecture's worked numbers: J(w) = w² at w = 3 nudged by ε = 0.001 gives 9.006001, a ratio
of about 6 = 2w (4 at w = 2, -6 at w = -3), closer for smaller ε; J = w³ and 1/w at w = 2 have
derivatives 12 and -1/4; the graph of J = ½(wx + b - y)² at x = -2, y = 2, w = 2, b = 8 has
c = -4, a = 4, d = 2, J = 2 and gradients 2, 2, 2, 2 and -4, each confirmed by a nudge. The
notebook's own functions (read from it) are tested too: its Value network has the gradients
of helpers.network.backward to 1e-12, its forward mode the gradients of backward() at P times
the steps, and the stored outputs print the numbers asserted here.
"""
import math

import numpy as np
import pytest

from helpers import network as net
from helpers.autodiff import Value, topological_order
from helpers.exercises import lesson09
from notebook_code import code_cells, load_definitions, stored_text
from support import ROOT, SHALLOW, random_params

NOTEBOOK = ROOT / "notebooks" / "09_computation_graph.ipynb"
X_LECTURE, Y_LECTURE, W_LECTURE, B_LECTURE = -2.0, 2.0, 2.0, 8.0
EPS = 0.001  # the lecture's nudge


# --- reading the notebook ----------------------------------------------------------------

def _code_cells():
    return code_cells(NOTEBOOK)


def _load(*names):
    """Execute the notebook's top-level function definitions ``names``; return the namespace."""
    return load_definitions(NOTEBOOK, names, {"np": np, "math": math, "Value": Value,
                                              "topological_order": topological_order})


def _stored_text():
    """Every compared text output (timing cells, marked NBVAL_IGNORE_OUTPUT, left out)."""
    return stored_text(NOTEBOOK)


# --- section 1: the informal derivative ------------------------------------------------------

def test_nudging_w_3_by_0_001_gives_the_lectures_9_006001_and_a_ratio_of_about_6():
    J = (3.0 + EPS) ** 2
    assert f"{J:.6f}" == "9.006001"
    assert (J - 9.0) / EPS == pytest.approx(6.001, abs=1e-9)
    assert "J(3.001) = 9.006001" in _stored_text() and "k = 6.001 times ε" in _stored_text()


@pytest.mark.parametrize("w", [3.0, 2.0, -3.0])
@pytest.mark.parametrize("eps", [0.1, 0.01, 0.001, 0.0001])
def test_the_ratio_is_2w_plus_eps_so_it_approaches_2w_as_eps_shrinks(w, eps):
    ns = _load("nudge_ratio")
    ratio = ns["nudge_ratio"](lambda v: v ** 2, w, eps)
    assert ratio == pytest.approx(2 * w + eps, abs=1e-9)


def test_the_ratio_table_shows_the_lectures_6_4_and_minus_6_to_four_decimals():
    ns = _load("nudge_ratio")
    rows = {w: [f"{ns['nudge_ratio'](lambda v: v ** 2, w, e):.4f}" for e in (0.1, 0.01, 0.001, 0.0001)]
            for w in (3.0, 2.0, -3.0)}
    assert rows == {3.0: ["6.1000", "6.0100", "6.0010", "6.0001"],
                    2.0: ["4.1000", "4.0100", "4.0010", "4.0001"],
                    -3.0: ["-5.9000", "-5.9900", "-5.9990", "-5.9999"]}


def test_the_further_examples_have_the_derivatives_of_calculus_at_w_2():
    for f, derivative in ((lambda w: w ** 3, 12.0), (lambda w: 1 / w, -0.25), (lambda w: w, 1.0)):
        assert (f(2.0 + EPS) - f(2.0)) / EPS == pytest.approx(derivative, abs=0.01)
        w = Value(2.0)
        out = f(w)
        out.backward()
        assert w.grad == pytest.approx(derivative, rel=1e-15)
    assert f"{(2.0 + EPS) ** 3:.6f}" == "8.012006" and f"{1 / (2.0 + EPS):.6f}" == "0.499750"


# --- section 2: the lecture's graph ----------------------------------------------------------

def _lecture_nodes(w=W_LECTURE, b=B_LECTURE):
    ns = _load("named", "lecture_graph")
    return ns["lecture_graph"](w, b)


def test_the_lectures_graph_computes_c_minus_4_a_4_d_2_and_j_2():
    nodes = _lecture_nodes()
    assert [nodes[k].data for k in "cadJ"] == [-4.0, 4.0, 2.0, 2.0]
    ns = _load("forward_graph")
    ns.update(x=X_LECTURE, y=Y_LECTURE)
    assert ns["forward_graph"](W_LECTURE, B_LECTURE) == (-4.0, 4.0, 2.0, 2.0)
    assert "c = w x = -4,   a = c + b = 4,   d = a - y = 2,   J = ½ d² = 2" in _stored_text()


def test_backprop_gives_the_lectures_gradients_2_2_2_2_and_minus_4():
    nodes = _lecture_nodes()
    nodes["J"].backward()
    assert {k: nodes[k].grad for k in ("d", "a", "c", "b", "w")} == {
        "d": 2.0, "a": 2.0, "c": 2.0, "b": 2.0, "w": -4.0}
    text = _stored_text()
    assert "∂J/∂d = 2, ∂J/∂a = 2, ∂J/∂c = 2, ∂J/∂b = 2, ∂J/∂w = -4" in text  # by hand
    assert "∂J/∂w = -4\n" in text and "∂J/∂b = 2\n" in text                  # by autodiff


@pytest.mark.parametrize("node, gradient", [("d", 2.0), ("a", 2.0), ("c", 2.0), ("b", 2.0), ("w", -4.0)])
def test_nudging_each_node_by_0_001_moves_j_by_its_gradient_times_the_nudge(node, gradient):
    ns = _load("forward_graph")
    ns.update(x=X_LECTURE, y=Y_LECTURE)
    forward = ns["forward_graph"]
    c, a, d, J = forward(W_LECTURE, B_LECTURE)
    nudged = {"d": dict(d=d + EPS), "a": dict(a=a + EPS), "c": dict(c=c + EPS)}.get(node)
    if nudged is not None:
        J_after = forward(W_LECTURE, B_LECTURE, **nudged)[-1]
    else:
        J_after = forward(W_LECTURE + EPS * (node == "w"), B_LECTURE + EPS * (node == "b"))[-1]
    ratio = (J_after - J) / EPS
    second = X_LECTURE ** 2 if node == "w" else 1.0  # ∂²J/∂node²: J is quadratic in every node
    assert ratio == pytest.approx(gradient + 0.5 * second * EPS, abs=1e-9)  # off by a term in ε
    assert f"{J_after:.7f}" == ("1.9960020" if node == "w" else "2.0020005")


def test_a_value_used_twice_and_the_assigning_backward_that_loses_a_path():
    ns = _load("backward_assigning")
    w = Value(3.0)
    J = w * w
    J.backward()
    assert w.grad == 6.0
    ns["backward_assigning"](J)
    assert w.grad == 3.0
    assert "∂J/∂w = 6 (2w = 6)" in _stored_text() and "∂J/∂w = 3, one path lost" in _stored_text()


# --- section 4: the same network, two ways ---------------------------------------------------

@pytest.mark.parametrize("dims, activations, m, seed", [
    ([2, 2, 1], SHALLOW, 8, 0), ([3, 4, 1], SHALLOW, 5, 1), ([2, 3, 1], ["relu", "sigmoid"], 6, 2),
    ([2, 3, 2, 1], ["tanh", "tanh", "sigmoid"], 4, 3)])
def test_the_value_network_has_the_gradients_of_network_backward_to_1e_12(dims, activations, m, seed):
    ns = _load("dense_values", "value_network_cost", "value_grads")
    g = np.random.default_rng(900 + seed)
    X = g.standard_normal((dims[0], m))
    Y = (g.random((1, m)) < 0.5).astype(float)
    params = random_params(dims, seed)  # non-zero biases
    AL, caches = net.forward(X, params, activations)
    grads = net.backward(AL, Y, caches)
    J, P = ns["value_network_cost"](X, Y, params, activations)
    J.backward()
    got = ns["value_grads"](P)
    assert J.data == pytest.approx(net.compute_cost(AL, Y), rel=1e-12)
    assert set(got) == set(grads)
    for k in grads:
        np.testing.assert_allclose(got[k], grads[k], rtol=0, atol=1e-12, err_msg=k)


def test_the_notebook_asserts_the_agreement_and_prints_it():
    assert "every gradient agrees to 1e-12: True" in _stored_text()
    source = "\n".join(c.source for c in _code_cells())
    assert "assert worst < 1e-12" in source


def test_the_timing_cell_is_ignored_by_nbval_and_reports_a_ratio():
    timed = [c for c in _code_cells() if "perf_counter" in c.source]
    assert timed and all(c.source.startswith("# NBVAL_IGNORE_OUTPUT") for c in timed)
    assert any("times faster" in c.source for c in timed)


# --- section 5: why right to left ----------------------------------------------------------

def test_the_lectures_count_is_110_000_steps_against_a_billion():
    assert "N + P = 110,000 steps" in _stored_text()
    assert "N × P = 1,000,000,000" in _stored_text()


def test_forward_mode_gives_the_gradients_of_backward_at_p_times_the_steps():
    ns = _load("dense_values", "value_network_cost", "forward_mode")
    g = np.random.default_rng(5)
    X, Y = g.standard_normal((2, 4)), np.array([[0.0, 1.0, 1.0, 0.0]])
    J, P = ns["value_network_cost"](X, Y, random_params([2, 2, 1], 5), SHALLOW)
    J.backward()
    thetas = [v for M in P.values() for row in M for v in row]
    edges = sum(len(v.parents) for v in topological_order(J))
    for theta in thetas:
        derivative, steps = ns["forward_mode"](J, theta)
        assert derivative == pytest.approx(theta.grad, abs=1e-12) and steps == edges


def test_the_printed_counts_are_those_of_the_sections_graph():
    text = _stored_text()
    assert "graph: 250 values, 184 operations, 320 edges, 9 parameters" in text
    assert "backprop, one backward pass:                320 steps" in text
    assert "forward mode, one pass per parameter:     2,880 steps" in text  # 9 × 320
    assert "finite differences, 2 runs per parameter: 3,312 operations" in text  # 2 × 9 × 184


# --- the exercises -------------------------------------------------------------------------

def test_the_hand_gradients_reference_matches_finite_differences_not_only_autodiff():
    w, x, b, y = np.array([[0.5], [-1.0], [0.25]]), np.array([[1.0], [2.0], [-2.0]]), 0.5, 1.0

    def J(w, b):
        return 0.5 * (math.tanh((w.T @ x).item() + b) - y) ** 2

    h = 1e-6
    dw_numeric = np.array([[(J(w + h * e, b) - J(w - h * e, b)) / (2 * h)]
                           for e in np.eye(3)[:, :, None]]).reshape(3, 1)
    db_numeric = (J(w, b + h) - J(w, b - h)) / (2 * h)
    dw, db = lesson09.gradients_by_hand.reference(w, x, b, y)
    np.testing.assert_allclose(dw, dw_numeric, rtol=1e-6)
    assert db == pytest.approx(db_numeric, rel=1e-6)


def test_the_lecture_unit_with_a_tanh_is_saturated_so_its_gradients_are_tiny():
    dw, db = lesson09.gradients_by_hand.reference(np.array([[2.0]]), np.array([[-2.0]]), 8.0, 2.0)
    assert abs(db) < 2e-3 and dw.item() == pytest.approx(-2 * db)
    assert "by hand:  dw = 0.002684, db = -0.001342" in _stored_text()
    assert "autodiff: dw = 0.002684, db = -0.001342" in _stored_text()


def test_every_exercise_check_passes_in_the_stored_notebook():
    text = _stored_text()
    for name in lesson09.EXERCISES:
        assert f"✓ {name}: " in text
