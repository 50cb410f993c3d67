"""The boundary policy (helpers.shapes) at every public function of the display side of
helpers: datasets, checks, deepstats, plotting and the widgets (helpers.network's
hidden_unit_activations, which plot_hidden_units calls: test_boundary_network.py).

hypothesis draws bad arguments (wrong shapes, None, strings, complex numbers, NaN, inf, 0,
negative numbers, counts that are not whole, names that do not exist); each must raise
ShapeError, ValueError or TypeError whose message names the argument, under
``strict_floats`` (every warning and floating-point event is an error), and never return.
The explorers are built once per module: a refused value never reaches their figure.
"""
import importlib
import math
import pkgutil
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import helpers
from helpers import checks, datasets, deepstats, plotting
from helpers.autodiff import Value
from helpers.initializers import initialize
from helpers.shapes import ShapeError
from helpers.widgets import activation as wact
from helpers.widgets import activation_explorer, init_explorer, optimizer_explorer
from support import public_top_level_names

SETTINGS = settings(max_examples=15, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# ---- bad values ------------------------------------------------------------------------

NOT_REAL = st.sampled_from([None, "1", b"1", 1j, [1.0], (0.5,), {}, object(), np.array([2.0])])
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf, np.float64("nan")])
NOT_A_FLAG = st.sampled_from([None, "yes", 1, 0, 1.0, [True], np.array(True)])
NOT_TEXT = st.sampled_from([1, 2.5, 1j, ["label"], b"label", object()])


def bad_count(minimum=1):
    """Not a whole number >= minimum: types, non-finite, too small, fractions, bools."""
    return st.one_of(NOT_REAL, NON_FINITE, st.just(True),
                     st.integers(min_value=-10**6, max_value=minimum - 1),
                     st.floats(min_value=-1e6, max_value=1e6).filter(lambda x: x != int(x)))


def bad_positive():
    return st.one_of(NOT_REAL, NON_FINITE, st.just(True),
                     st.floats(max_value=0.0, allow_infinity=False, allow_nan=False))


def bad_real(low=-math.inf, high=math.inf, low_open=False, high_open=False):
    """Not a finite real in [low, high] (or the open ends)."""
    options = [NOT_REAL, NON_FINITE, st.just(True)]
    if math.isfinite(low):
        options.append(st.floats(max_value=low, exclude_max=not low_open, allow_infinity=False))
    if math.isfinite(high):
        options.append(st.floats(min_value=high, exclude_min=not high_open, allow_infinity=False))
    return st.one_of(*options)


def bad_name(valid):
    return st.one_of(st.sampled_from([None, 3, 1j, list(valid)[:1], valid[0].upper(), ""]),
                     st.text(max_size=8).filter(lambda s: s not in valid))


def bad_dtype(shape):
    """The right shape, the wrong contents: complex, strings, objects; or no array at all."""
    return st.one_of(
        st.sampled_from([None, "abc", {"a": 1}, b"xy"]),
        st.just(np.ones(shape) + 1j), st.just(np.full(shape, "1")),
        st.just(np.full(shape, None, dtype=object)))


def non_finite(shape):
    """The right shape, one NaN or infinity in it."""
    return st.builds(lambda i, v: np.where(np.arange(math.prod(shape)).reshape(shape) == i, v, 0.5),
                     st.integers(0, max(math.prod(shape) - 1, 0)), NON_FINITE)


def bad_shape(good):
    """Finite float arrays of any other shape (good(shape) says which shapes are fine)."""
    shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5).filter(
        lambda s: not good(s))
    return shapes.flatmap(lambda s: hnp.arrays(np.float64, s, elements=st.floats(-3, 3)))


def bad_array(shape, good):
    return st.one_of(bad_shape(good), bad_dtype(shape), non_finite(shape))


# ---- the check every case makes ---------------------------------------------------------

def assert_refused(call, name):
    """call() raises ShapeError / ValueError / TypeError whose message names ``name``."""
    try:
        result = call()
    except (ShapeError, ValueError, TypeError) as err:
        message = str(err)
        assert re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", message), \
            f"the message does not name {name!r}: {type(err).__name__}: {message}"
    else:
        pytest.fail(f"accepted a bad {name}: returned {result!r}")
    finally:
        plt.close("all")


# ---- valid arguments the cases start from ----------------------------------------------

RNG = np.random.default_rng(0)
X = RNG.standard_normal((2, 6))
Y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0, 0.0]])
PARAMS = initialize([2, 3, 1], "xavier", seed=0)
ACTS = ["tanh", "sigmoid"]
STATS = deepstats.layer_statistics([4, 4, 4], "tanh", "xavier", n_examples=10,
                                   bins=np.linspace(-1, 1, 11))
NO_HIST = deepstats.layer_statistics([4, 4, 4], "tanh", "xavier", n_examples=10)
CURVE = ("he", "C0", np.array([1.0, 0.5]), np.array([1.0, 0.6]))
NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")


_GRAPH = 0.5 * (Value(2.0, label="w") * 3.0 - 1.0) ** 2  # a small helpers.autodiff graph


def predict(P):
    return (P[0:1] > 0).astype(float)


def _x_ok(s):
    return len(s) == 2 and s[0] == 2 and s[1] >= 1


def _y_ok(s):
    return s == (1, X.shape[1])


def _axes():
    return plt.subplots()[1]


# ---- datasets --------------------------------------------------------------------------

DATASET_CASES = [
    ("planar_flower", "m", lambda v: datasets.planar_flower(m=v), bad_count(2)),
    ("planar_flower", "seed", lambda v: datasets.planar_flower(m=4, seed=v), bad_count(0)),
    ("circles", "n_train", lambda v: datasets.circles(n_train=v, n_test=2), bad_count(0)),
    ("circles", "n_test", lambda v: datasets.circles(n_train=2, n_test=v), bad_count(0)),
    ("circles", "noise", lambda v: datasets.circles(4, 2, noise=v), bad_real(low=0.0)),
    ("circles", "factor", lambda v: datasets.circles(4, 2, factor=v),
     bad_real(0.0, 1.0, low_open=True, high_open=True)),
    ("circles", "seed", lambda v: datasets.circles(4, 2, seed=v), bad_count(0)),
    ("digits", "test_fraction", lambda v: datasets.digits(test_fraction=v),
     st.one_of(bad_real(0.0, 1.0, low_open=True, high_open=True), st.sampled_from([0.001, 0.999]))),
    ("digits", "seed", lambda v: datasets.digits(seed=v), bad_count(0)),
    ("one_hot", "labels", lambda v: datasets.one_hot(v, 3),
     st.one_of(bad_array((1, 4), lambda s: len(s) == 2 and s[0] == 1),
               st.sampled_from([[[0, 3]], [[-1, 0]], [[0.5, 1]], np.array([[0, 1, 2]]).T]))),
    ("one_hot", "k", lambda v: datasets.one_hot([[0, 1]], v), bad_count(2)),
    ("from_one_hot", "Y", datasets.from_one_hot,
     st.one_of(bad_array((3, 2), lambda s: len(s) == 2 and s[0] >= 2),
               st.sampled_from([[[1, 0, 1]], [[1, 1], [1, 0]], [[0.5, 0], [0.5, 1]], [[0, 0], [0, 1]]]))),
    ("load_csv_table", "path", datasets.load_csv_table,
     st.sampled_from([None, 3, 2.5, b"x.csv", ["x.csv"], object()])),
    ("ecg_traces", "n_train", lambda v: datasets.ecg_traces(n_train=v, n_test=2), bad_count(0)),
    ("ecg_traces", "n_test", lambda v: datasets.ecg_traces(n_train=2, n_test=v), bad_count(0)),
    ("ecg_traces", "noise", lambda v: datasets.ecg_traces(2, 2, noise=v), bad_real(low=0.0)),
    ("ecg_traces", "seed", lambda v: datasets.ecg_traces(2, 2, seed=v), bad_count(0)),
]

# ---- checks ----------------------------------------------------------------------------

CHECK_CASES = [
    ("check", "fn", lambda v: checks.check(v, [1.0], expected=[1.0]),
     st.sampled_from([None, 3, "square", [abs]])),
    ("check", "cases", lambda v: checks.check(abs, v, expected=[1.0]),
     st.sampled_from([None, 3, "abc", {"a": 1}, np.arange(1.0), []])),
    ("check", "reference", lambda v: checks.check(abs, [1.0], reference=v),
     st.sampled_from([3, "abs", [abs]])),
    ("check", "expected", lambda v: checks.check(abs, [1.0], expected=v),
     st.sampled_from([3.0, "1", np.ones(1), [1.0, 2.0], [1j], [{1}], [np.array([1j])]])),
    ("check", "name", lambda v: checks.check(abs, [1.0], expected=[1.0], name=v), NOT_TEXT),
    ("check", "hint", lambda v: checks.check(abs, [1.0], expected=[1.0], hint=v), NOT_TEXT),
    ("check", "rtol", lambda v: checks.check(abs, [1.0], expected=[1.0], rtol=v), bad_real(low=0.0)),
    ("check", "atol", lambda v: checks.check(abs, [1.0], expected=[1.0], atol=v), bad_real(low=0.0)),
    ("compare", "rtol", lambda v: checks.compare(1.0, 1.0, rtol=v), bad_real(low=0.0)),
    ("compare", "atol", lambda v: checks.compare(1.0, 1.0, atol=v), bad_real(low=0.0)),
    ("compare", "where", lambda v: checks.compare(1.0, 1.0, where=v), NOT_TEXT),
    ("compare", "expected", lambda v: checks.compare(1.0, v),
     st.sampled_from([1j, {1.0}, object(), np.array([1j]), (1.0, 2j), {"a": object()},
                      np.array([None], dtype=object)])),
]

# ---- deepstats -------------------------------------------------------------------------

BAD_DIMS = st.sampled_from([None, "3,4", 5, [3], [], [3, 0], [3, 2.5], [3, -1], [3, None],
                            [3, "4"], {3: 4}, [3, math.nan], [3, True]])


def _stats(**kw):
    args = dict(layer_dims=[4, 3], activation="tanh", method="he", scale=1.0, n_examples=5)
    args.update(kw)
    return deepstats.layer_statistics(**args)


def _predicted(**kw):
    args = dict(layer_dims=[4, 3], activation="tanh", method="he", scale=1.0)
    args.update(kw)
    return deepstats.predicted_statistics(**args)


DRAWS = deepstats.standard_draws([4, 3], 5, seed=0)
BAD_DRAWS = st.sampled_from([
    (DRAWS.X, DRAWS.G, DRAWS.R), deepstats.standard_draws([4, 2], 5),
    deepstats.standard_draws([4, 3, 3], 5), deepstats.Draws(DRAWS.X.T, DRAWS.G, DRAWS.R),
    deepstats.Draws(DRAWS.X, [DRAWS.G[0].T], DRAWS.R), deepstats.Draws(DRAWS.X, DRAWS.G, None),
    deepstats.Draws(DRAWS.X, DRAWS.G[0], DRAWS.R),
    deepstats.Draws(np.where(DRAWS.X > 1, np.nan, DRAWS.X), DRAWS.G, DRAWS.R),
    deepstats.Draws(DRAWS.X[:, :0], DRAWS.G, DRAWS.R[:, :0]),
    deepstats.Draws(DRAWS.X + 1j, DRAWS.G, DRAWS.R)])
BAD_BINS = st.one_of(
    st.sampled_from([5, "0,1", [0.0], [1.0, 0.0], [0.0, 1.0, 3.0], [[0.0, 1.0]], [0.0, math.nan],
                     [0.0, math.inf], [1j, 2j], [-1e308, 0.0, 1e308], [0.0, 5e-324]]),
    bad_dtype((5,)).filter(lambda v: v is not None))  # None: no histograms

DEEPSTATS_CASES = [
    ("standard_draws", "layer_dims", lambda v: deepstats.standard_draws(v, 5), BAD_DIMS),
    ("standard_draws", "n_examples", lambda v: deepstats.standard_draws([4, 3], v), bad_count(1)),
    ("standard_draws", "seed", lambda v: deepstats.standard_draws([4, 3], 5, v), bad_count(0)),
    ("layer_statistics", "layer_dims", lambda v: _stats(layer_dims=v), BAD_DIMS),
    ("layer_statistics", "activation", lambda v: _stats(activation=v), bad_name(NAMES)),
    ("layer_statistics", "method", lambda v: _stats(method=v),
     bad_name(("zeros", "random", "xavier", "he", "glorot"))),
    ("layer_statistics", "scale", lambda v: _stats(scale=v), bad_positive()),
    ("layer_statistics", "n_examples", lambda v: _stats(n_examples=v), bad_count(1)),
    ("layer_statistics", "seed", lambda v: _stats(seed=v), bad_count(0)),
    ("layer_statistics", "bins", lambda v: _stats(bins=v), BAD_BINS),
    ("layer_statistics", "weight_gradients", lambda v: _stats(weight_gradients=v), NOT_A_FLAG),
    ("layer_statistics", "draws", lambda v: _stats(draws=v), BAD_DRAWS),
    ("predicted_statistics", "layer_dims", lambda v: _predicted(layer_dims=v), BAD_DIMS),
    ("predicted_statistics", "activation", lambda v: _predicted(activation=v), bad_name(NAMES)),
    ("predicted_statistics", "method", lambda v: _predicted(method=v), bad_name(("he", "xavier"))),
    ("predicted_statistics", "scale", lambda v: _predicted(scale=v), bad_positive()),
    ("predicted_statistics", "n_examples", lambda v: _predicted(n_examples=v),
     bad_count(1).filter(lambda v: v is not None)),
    ("predicted_statistics", "small_signal", lambda v: _predicted(small_signal=v), NOT_A_FLAG),
]

# ---- plotting --------------------------------------------------------------------------

BAD_X = bad_array((2, 6), _x_ok)
BAD_Y = st.one_of(bad_array((1, 6), _y_ok), st.just(Y.T), st.just(Y.ravel()),
                  st.sampled_from([Y * 0.5, Y - 1, Y * 12, Y + 0.25]))
BAD_BINARY_Y = st.one_of(BAD_Y, st.just(Y * 2), st.just(Y + np.array([[0, 0, 0, 2, 0, 0]])))
BAD_AX = st.sampled_from(["ax", 3, [None], np.zeros(2)])
BAD_RANGE = st.sampled_from([None, 3.0, "ab", (1.0,), (1.0, 2.0, 3.0), (2.0, 1.0), (1.0, 1.0),
                             (0.0, math.nan), (-math.inf, 1.0), ("a", 1.0), (1j, 2.0)])
BAD_INTERVALS = st.sampled_from([3, "ab", [(1.0,)], [(2.0, 1.0)], [(0.0, math.nan)], [None],
                                 [(0.0, 1.0), (3.0, "4")]])
BAD_Z = st.one_of(bad_shape(lambda s: len(s) == 1 and s[0] >= 2), non_finite((5,)),
                  bad_dtype((5,)).filter(lambda v: v is not None),  # None: the default z
                  st.just(np.array([1.0, 0.0, 2.0])))
BAD_Z_INPUTS = st.one_of(bad_dtype((5,)), non_finite((5,)), st.just(np.zeros(0)),
                         st.just(np.zeros((0, 3))))
BAD_COSTS = st.one_of(bad_shape(lambda s: len(s) == 1 and s[0] >= 1), bad_dtype((5,)),
                      non_finite((5,)))
BAD_CURVES = st.sampled_from([
    None, [], "abc", [CURVE[:3]], [("he", "C0", [1.0, math.nan], None)],
    [("he", "C0", [[1.0, 2.0]], None)], [("he", "not a colour", [1.0], None)],
    [(1, "C0", [1.0], None)], [("he", "C0", [1.0, 2.0], [1.0])], [("he", "C0", None, None)],
    [("he", "C0", [], None)], [("he", "C0", ["a"], None)], [CURVE, ("x", "C1", [1j, 1.0], None)]])
NEGATIVE_CURVE = [("he", "C0", [-1.0, 2.0], None)]  # refused on a log axis only


def _decision(**kw):
    args = dict(predict=predict, X=X, Y=Y)
    args.update(kw)
    return plotting.plot_decision_boundary(**args)


def _hidden_units(**kw):
    args = dict(params=PARAMS, activations=ACTS, X=X, Y=Y, resolution=8)
    args.update(kw)
    return plotting.plot_hidden_units(**args)


def _histograms(**kw):
    args = dict(rows=[STATS, STATS], labels=["a", "b"])
    args.update(kw)
    return plotting.plot_layer_histograms(**args)


PLOTTING_CASES = [
    ("plot_computation_graph", "root", plotting.plot_computation_graph,
     st.sampled_from([None, 3, 2.5, "J", np.ones(2), [1.0]])),
    ("plot_computation_graph", "grads", lambda v: plotting.plot_computation_graph(_GRAPH, grads=v),
     st.sampled_from([None, 1, "yes", 0.5])),
    ("plot_computation_graph", "fontsize", lambda v: plotting.plot_computation_graph(_GRAPH, fontsize=v),
     bad_real(low=2.0)),
    ("plot_decision_boundary", "predict", lambda v: _decision(predict=v),
     st.sampled_from([None, 3, "predict", [predict]])),
    ("plot_decision_boundary", "predict", lambda v: _decision(predict=v),
     st.sampled_from([lambda P: P[0], lambda P: P, lambda P: P[0:1].T, lambda P: "1",
                      lambda P: P[0:1] * np.nan, lambda P: P[0:1] + 1j])),
    ("plot_decision_boundary", "X", lambda v: _decision(X=v), BAD_X),
    ("plot_decision_boundary", "Y", lambda v: _decision(Y=v), BAD_Y),
    ("plot_decision_boundary", "ax", lambda v: _decision(ax=v), BAD_AX),
    ("plot_decision_boundary", "resolution", lambda v: _decision(resolution=v), bad_count(2)),
    ("plot_decision_boundary", "margin", lambda v: _decision(margin=v), bad_real(low=0.0)),
    ("plot_decision_boundary", "alpha", lambda v: _decision(alpha=v), bad_real(0.0, 1.0)),
    ("plot_cost_curve", "costs", plotting.plot_cost_curve, BAD_COSTS),
    ("plot_cost_curve", "costs", lambda v: plotting.plot_cost_curve(v, log=True),
     st.sampled_from([[1.0, 0.0], [0.5, -0.1]])),
    ("plot_cost_curve", "ax", lambda v: plotting.plot_cost_curve([1.0], ax=v), BAD_AX),
    ("plot_cost_curve", "every", lambda v: plotting.plot_cost_curve([1.0], every=v), bad_count(1)),
    ("plot_cost_curve", "label", lambda v: plotting.plot_cost_curve([1.0], label=v), NOT_TEXT),
    ("plot_cost_curve", "log", lambda v: plotting.plot_cost_curve([1.0], log=v), NOT_A_FLAG),
    ("plot_broadcast", "a", lambda v: plotting.plot_broadcast(v, np.ones((1, 3))),
     st.one_of(bad_dtype((2, 3)), non_finite((2, 3)), st.just(np.ones((2, 2, 2))),
               st.just(np.ones((2, 4))), st.just(np.ones((40, 3))), st.just(np.ones((0, 3))))),
    ("plot_broadcast", "b", lambda v: plotting.plot_broadcast(np.ones((2, 3)), v),
     st.sampled_from([np.ones(2), np.ones((3, 3)), np.ones((2, 2)), None, "b", np.ones(3) * 1j,
                      np.ones((1, 3, 1)), np.array([[np.inf, 1.0, 2.0]])])),
    ("plot_broadcast", "b", lambda v: plotting.plot_broadcast(np.ones((2, 3)), v, op="/"),
     st.sampled_from([0.0, np.array([[1.0, 0.0, 2.0]])])),
    ("plot_broadcast", "op", lambda v: plotting.plot_broadcast(1.0, 2.0, op=v),
     st.sampled_from(["@", "**", None, ["+"], "plus"])),
    ("plot_broadcast", "names", lambda v: plotting.plot_broadcast(1.0, 2.0, names=v),
     st.sampled_from(["ab", ("a",), ("a", "b", "c"), ("a", 1), None, ["a", None]])),
    ("plot_broadcast", "fmt", lambda v: plotting.plot_broadcast(1.0, 2.0, fmt=v),
     st.sampled_from([3, None, "{:d}", "{0} {1}", "{x}", "{:q}"])),
    ("plot_broadcast", "fontsize", lambda v: plotting.plot_broadcast(1.0, 2.0, fontsize=v),
     bad_positive()),
    ("plot_broadcast", "ax", lambda v: plotting.plot_broadcast(1.0, 2.0, ax=v), BAD_AX),
    ("plot_network", "layer_sizes", plotting.plot_network,
     st.one_of(BAD_DIMS, st.just([3, 100]))),
    ("plot_network", "fontsize", lambda v: plotting.plot_network([2, 2], fontsize=v),
     st.one_of(bad_positive(), st.just(1.5))),
    ("plot_network", "ax", lambda v: plotting.plot_network([2, 2], ax=v), BAD_AX),
    ("plot_hidden_units", "params", lambda v: _hidden_units(params=v),
     st.sampled_from([None, "W1", [PARAMS], {**PARAMS, "W3": np.ones((1, 1))}])),
    ("plot_hidden_units", "activations", lambda v: _hidden_units(activations=v),
     st.sampled_from([None, "tanh", ["tanh"], ["tanh", "softplus"], [1, 2]])),
    ("plot_hidden_units", "X", lambda v: _hidden_units(X=v), BAD_X),
    ("plot_hidden_units", "Y", lambda v: _hidden_units(Y=v), BAD_BINARY_Y),
    ("plot_hidden_units", "layer", lambda v: _hidden_units(layer=v), st.one_of(bad_count(1), st.just(3))),
    ("plot_hidden_units", "axes", lambda v: _hidden_units(axes=v),
     st.sampled_from(["axes", [3], [None, None, None]])),
    ("plot_hidden_units", "resolution", lambda v: _hidden_units(resolution=v), bad_count(2)),
    ("plot_hidden_units", "margin", lambda v: _hidden_units(margin=v), bad_real(low=0.0)),
    ("plot_hidden_units", "cmap", lambda v: _hidden_units(cmap=v),
     st.sampled_from(["nope", 3, None, ["Greys"]])),
    ("plot_hidden_units", "alpha", lambda v: _hidden_units(alpha=v), bad_real(0.0, 1.0)),
    ("plot_activation", "name", plotting.plot_activation, bad_name(NAMES)),
    ("plot_activation", "z", lambda v: plotting.plot_activation("tanh", z=v), BAD_Z),
    ("plot_activation", "alpha", lambda v: plotting.plot_activation("leaky_relu", alpha=v),
     bad_real(0.0, 1.0).filter(lambda v: v is not None)),
    ("plot_activation", "derivative", lambda v: plotting.plot_activation("tanh", derivative=v),
     NOT_A_FLAG),
    ("plot_activation", "flat", lambda v: plotting.plot_activation("tanh", flat=v), BAD_INTERVALS),
    ("plot_activation", "flat_label", lambda v: plotting.plot_activation("tanh", flat_label=v),
     st.one_of(NOT_TEXT, st.none())),
    ("plot_activation", "legend", lambda v: plotting.plot_activation("tanh", legend=v), NOT_A_FLAG),
    ("plot_activation", "ax", lambda v: plotting.plot_activation("tanh", ax=v), BAD_AX),
    ("plot_activation_inputs", "name", lambda v: plotting.plot_activation_inputs(v, X[0]),
     bad_name(NAMES)),
    ("plot_activation_inputs", "z_inputs", lambda v: plotting.plot_activation_inputs("tanh", v),
     BAD_Z_INPUTS),
    ("plot_activation_inputs", "window",
     lambda v: plotting.plot_activation_inputs("tanh", X[0], window=v), BAD_RANGE),
    ("plot_activation_inputs", "ylim",
     lambda v: plotting.plot_activation_inputs("tanh", X[0], ylim=v),
     BAD_RANGE.filter(lambda v: v is not None)),
    ("plot_activation_inputs", "flat",
     lambda v: plotting.plot_activation_inputs("tanh", X[0], flat=v), BAD_INTERVALS),
    ("plot_activation_inputs", "bins",
     lambda v: plotting.plot_activation_inputs("tanh", X[0], bins=v), bad_count(1)),
    ("plot_activation_inputs", "alpha",
     lambda v: plotting.plot_activation_inputs("leaky_relu", X[0], alpha=v),
     bad_real(0.0, 1.0).filter(lambda v: v is not None)),
    ("plot_layer_histograms", "rows",
     lambda v: _histograms(rows=v, labels=["x"] * (len(v) if isinstance(v, list) else 1)),
     st.sampled_from([None, [], "rows", [NO_HIST], [STATS, STATS._replace(edges=np.linspace(0, 1, 11))],
                      [STATS, tuple(STATS)], [3]])),
    ("plot_layer_histograms", "labels", lambda v: _histograms(labels=v),
     st.sampled_from([None, "ab", ["a"], ["a", "b", "c"], ["a", 3], []])),
    ("plot_layer_histograms", "colors", lambda v: _histograms(colors=v),
     st.sampled_from(["C0", ["C0"], ["C0", "not a colour"], ["C0", None], []])),
    ("plot_layer_histograms", "layers", lambda v: _histograms(layers=v),
     st.sampled_from([3, [0], [3], [1.5], [None], ["1"], []])),
    ("plot_layer_histograms", "axes", lambda v: _histograms(axes=v),
     st.sampled_from([[None, None, None, None], ["a", "b", "c", "d"], [[1, 2], [3, 4]]])),
    ("plot_layer_histograms", "fontsize", lambda v: _histograms(fontsize=v), bad_positive()),
    ("plot_per_layer", "ax", lambda v: plotting.plot_per_layer(v, [CURVE], "std"),
     st.one_of(BAD_AX, st.none())),
    ("plot_per_layer", "curves", lambda v: plotting.plot_per_layer(_axes(), v, "std"),
     st.one_of(BAD_CURVES, st.just(NEGATIVE_CURVE))),
    ("plot_per_layer", "ylabel", lambda v: plotting.plot_per_layer(_axes(), [CURVE], v),
     st.one_of(NOT_TEXT, st.none())),
    ("plot_per_layer", "log", lambda v: plotting.plot_per_layer(_axes(), [CURVE], "std", log=v),
     NOT_A_FLAG),
    ("per_layer_legend", "fig", lambda v: plotting.per_layer_legend(v, [CURVE]),
     st.sampled_from([None, "fig", 3])),
    ("per_layer_legend", "curves", lambda v: plotting.per_layer_legend(plt.figure(), v),
     BAD_CURVES),
    ("per_layer_legend", "loc", lambda v: plotting.per_layer_legend(plt.figure(), [CURVE], loc=v),
     st.sampled_from([None, 3, ["upper left"]])),
]

# ---- the lesson's helpers of the activation explorer --------------------------------------

WIDGET_HELPER_CASES = [
    ("saturation_z", "name", wact.saturation_z, bad_name(NAMES)),
    ("flat_intervals", "name", wact.flat_intervals, bad_name(NAMES)),
    ("flat_intervals", "alpha", lambda v: wact.flat_intervals("leaky_relu", alpha=v),
     bad_real(0.0, 1.0)),
    ("flat_intervals", "window", lambda v: wact.flat_intervals("tanh", window=v), BAD_RANGE),
    ("input_statistics", "name", lambda v: wact.input_statistics(v, X[0]), bad_name(NAMES)),
    ("input_statistics", "z", lambda v: wact.input_statistics("tanh", v), BAD_Z_INPUTS),
    ("input_statistics", "alpha", lambda v: wact.input_statistics("leaky_relu", X[0], alpha=v),
     bad_real(0.0, 1.0)),
]

CASES = DATASET_CASES + CHECK_CASES + DEEPSTATS_CASES + PLOTTING_CASES + WIDGET_HELPER_CASES


@pytest.mark.parametrize("function, name, call, bad", CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
@SETTINGS
@given(data=st.data())
def test_a_bad_argument_is_refused_with_a_message_naming_it(function, name, call, bad, data,
                                                            strict_floats, capsys):
    value = data.draw(bad, label=name)
    assert_refused(lambda: call(value), name)
    assert capsys.readouterr().out == ""  # check() prints nothing when its own arguments are bad


# ---- load_csv_table: files that are not a table of numbers --------------------------------

CELL = st.one_of(st.floats(-1e3, 1e3).map(repr), st.integers(-99, 99).map(str))
BAD_CELL = st.sampled_from(["nan", "NaN", "inf", "-inf", "1e999", "", "abc", "1,5", "0x10", "1 2"])


@st.composite
def bad_tables(draw):
    """CSV text of a table with one defect: no rows, a ragged row or one bad cell."""
    k = draw(st.integers(1, 4))
    header = ",".join(["name"] + [f"c{j}" for j in range(k)])
    rows = [[f"r{i}"] + [draw(CELL) for _ in range(k)] for i in range(draw(st.integers(1, 4)))]
    defect = draw(st.sampled_from(["empty", "header only", "ragged", "cell"]))
    if defect == "empty":
        return draw(st.sampled_from(["", "\n", "\n\n"]))
    if defect == "header only":
        return header + "\n"
    i = draw(st.integers(0, len(rows) - 1))
    if defect == "ragged":
        rows[i] = rows[i] + ["1"] if draw(st.booleans()) else rows[i][:-1]
    else:
        cell = draw(BAD_CELL)
        rows[i][draw(st.integers(1, k))] = f'"{cell}"' if "," in cell else cell
    return "\n".join([header] + [",".join(r) for r in rows]) + "\n"


@pytest.fixture(scope="module")
def table_file(tmp_path_factory):
    return tmp_path_factory.mktemp("tables") / "bad_table.csv"


@SETTINGS
@given(text=bad_tables())
def test_a_csv_file_that_is_not_a_table_of_numbers_is_refused_naming_the_file(table_file, text,
                                                                              strict_floats):
    table_file.write_text(text, encoding="utf-8")
    assert_refused(lambda: datasets.load_csv_table(table_file), "bad_table.csv'")


# ---- the explorers: update(**values) and the factories --------------------------------------

@pytest.fixture(scope="module")
def activation():
    return activation_explorer()


@pytest.fixture(scope="module")
def initialization():
    return init_explorer()


@pytest.fixture(scope="module")
def optimizer():
    return optimizer_explorer()


ACTIVATION_BAD = {
    "activation": bad_name(NAMES),
    "alpha": bad_real(0.0, 0.3),
    "mu": bad_real(-10.0, 10.0),
    "sigma": bad_real(0.1, 10.0),
}
INIT_BAD = {
    "activation": bad_name(("tanh", "relu", "sigmoid")),
    "scheme": st.one_of(bad_name(("zeros", "random", "xavier", "he", "glorot")),
                        st.just("random 0.01")),
    "multiplier": bad_real(1e-3, 1e3),
    "depth": st.one_of(bad_count(1), st.integers(16, 100)),
    "width": st.one_of(bad_count(16), st.integers(513, 2000),
                       st.integers(17, 511).filter(lambda n: n % 16)),
    "seed": st.one_of(bad_count(0), st.integers(21, 100)),
}


def _assert_update_refused(explorer, factory, name, value):
    before, png = explorer.values, explorer.image.value
    assert_refused(lambda: explorer.update(**{name: value}), name)
    assert explorer.values == before and explorer.image.value == png
    assert_refused(lambda: factory(**{name: value}), name)


@pytest.mark.parametrize("explorer_fixture", ["activation", "initialization", "optimizer"])
@SETTINGS
@given(name=st.text(min_size=1, max_size=10))
def test_an_unknown_control_name_is_refused_with_the_valid_ones(explorer_fixture, name, request,
                                                                strict_floats):
    explorer = request.getfixturevalue(explorer_fixture)
    if name in explorer.controls:
        return
    before = explorer.values
    with pytest.raises(ValueError, match=r"unknown control\(s\)") as err:
        explorer.update(**{name: 1.0})
    assert repr(name) in str(err.value) and explorer.values == before


# ---- the public surface: __all__, and the API table of each module's docstring -----------

MODULES = ["helpers.datasets", "helpers.checks", "helpers.deepstats", "helpers.plotting",
           "helpers.style", "helpers.tables", "helpers.widgets", "helpers.widgets.base",
           "helpers.widgets.activation", "helpers.widgets.initialization",
           "helpers.widgets.optimizer"]


def test_every_helpers_module_has_its_public_surface_checked():
    from test_boundary_core import CORE
    found = {m.name for m in pkgutil.walk_packages(helpers.__path__, "helpers.")
             if not m.name.startswith("helpers.exercises.")}
    assert found - set(MODULES) - set(CORE) <= {"helpers.exercises"}, "add the module to MODULES or CORE"


@pytest.mark.parametrize("name", MODULES)
def test_a_module_defines_no_public_name_outside_its_all_and_its_docstring_lists_them(name):
    module = importlib.import_module(name)
    listed = set(module.__all__)
    assert all(hasattr(module, n) for n in listed)
    if name != "helpers.widgets":  # the package re-exports, defines nothing
        assert public_top_level_names(module) == listed
    table = module.__doc__.split("Public API", 1)[1]
    assert all(re.search(rf"\b{n}\b", table) for n in listed), [n for n in listed if n not in table]
    assert len(table.strip().splitlines()) <= 30  # one screen


# ---- the playground: helpers.datasets.xor / spiral and helpers.widgets.playground ----------

PLAYGROUND_DATASETS = ("flower", "circles", "xor", "spiral")
PLAYGROUND_CASES = [
    (maker, "n_train", lambda v, f=getattr(datasets, maker): f(n_train=v, n_test=2), bad_count(0))
    for maker in ("xor", "spiral")
] + [
    (maker, "n_test", lambda v, f=getattr(datasets, maker): f(n_train=2, n_test=v), bad_count(0))
    for maker in ("xor", "spiral")
] + [
    (maker, "noise", lambda v, f=getattr(datasets, maker): f(4, 2, noise=v), bad_real(low=0.0))
    for maker in ("xor", "spiral")
] + [
    (maker, "seed", lambda v, f=getattr(datasets, maker): f(4, 2, seed=v), bad_count(0))
    for maker in ("xor", "spiral")
] + [
    ("playground_data", "dataset",
     lambda v: importlib.import_module("helpers.widgets.playground").playground_data(v),
     bad_name(PLAYGROUND_DATASETS)),
    ("playground_data", "noise",
     lambda v: importlib.import_module("helpers.widgets.playground").playground_data("xor", v),
     bad_real(0.0, 0.5)),
    ("playground_data", "seed",
     lambda v: importlib.import_module("helpers.widgets.playground").playground_data("xor", 0.1, v),
     bad_count(0)),
]
# MODULES' tests above are collected after this line runs: they check the playground too
MODULES.append("helpers.widgets.playground")


@pytest.mark.parametrize("function, name, call, bad", PLAYGROUND_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in PLAYGROUND_CASES])
@SETTINGS
@given(data=st.data())
def test_a_bad_argument_of_the_playgrounds_data_is_refused_with_a_message_naming_it(
        function, name, call, bad, data, strict_floats):
    value = data.draw(bad, label=name)
    assert_refused(lambda: call(value), name)


@pytest.fixture(scope="module")
def playground_explorer():
    from helpers.widgets import playground
    explorer = playground()
    yield explorer
    explorer.close()


PLAYGROUND_BAD = {
    "dataset": bad_name(PLAYGROUND_DATASETS),
    "noise": bad_real(0.0, 0.5),
    "hidden_layers": st.one_of(bad_count(1), st.integers(5, 100)),
    "units": st.one_of(bad_count(1), st.integers(9, 100)),
    "activation": bad_name(("tanh", "relu", "sigmoid")),
    "init": bad_name(("zeros", "random", "xavier", "he", "glorot")),
    "learning_rate": st.one_of(bad_real(1e-4, 10.0), st.sampled_from([0.05, 0.5, 2.5, 1e-3 + 1e-9])),
    "optimizer": bad_name(("gd", "momentum", "rmsprop", "adam")),
    "seed": st.one_of(bad_count(0), st.integers(21, 100)),
}


# explorer fixture -> (its factory, control name -> bad values)
EXPLORERS_BAD = {
    "activation": (activation_explorer, ACTIVATION_BAD),
    "initialization": (init_explorer, INIT_BAD),
    "playground_explorer": (
        lambda **values: importlib.import_module("helpers.widgets").playground(**values),
        PLAYGROUND_BAD),
}
EXPLORER_CASES = [(fixture, name) for fixture, (_, bad) in EXPLORERS_BAD.items()
                  for name in sorted(bad)]


@pytest.mark.parametrize("explorer_fixture, name", EXPLORER_CASES,
                         ids=[f"{fixture}-{name}" for fixture, name in EXPLORER_CASES])
@SETTINGS
@given(data=st.data())
def test_an_explorer_refuses_a_bad_value_and_keeps_its_picture(explorer_fixture, name, data,
                                                               request, strict_floats):
    explorer = request.getfixturevalue(explorer_fixture)
    factory, bad = EXPLORERS_BAD[explorer_fixture]
    value = data.draw(bad[name], label=name)
    _assert_update_refused(explorer, factory, name, value)


@SETTINGS
@given(n=bad_count(1))
def test_the_playgrounds_step_refuses_a_bad_count_naming_it(playground_explorer, n, strict_floats):
    before = playground_explorer.iteration
    assert_refused(lambda: playground_explorer.step(n), "n")
    assert playground_explorer.iteration == before
