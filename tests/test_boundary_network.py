"""The boundary policy (helpers.shapes) at every public function of helpers.network and
helpers.gradcheck, with hypothesis generating the bad inputs.

Each bad input must raise ShapeError, ValueError or TypeError, raised by helpers' own code
(not from inside numpy), whose message names the argument; never a warning, never a
floating-point event (every call runs with warnings as errors and np.errstate(all="raise"),
as the strict_floats fixture of conftest does), never a silent result. Good inputs give
results with the documented properties, under the same strict arithmetic, and leave every
input unchanged.
"""
import re
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers import gradcheck as gc
from helpers import network as net
from helpers.activations import ACTIVATIONS, GRAD_FROM_OUTPUT
from helpers.initializers import initialize

HELPERS_DIR = Path(helpers.__file__).resolve().parent
HIDDEN = sorted(ACTIVATIONS)
SMOOTH_HIDDEN = ["linear", "sigmoid", "tanh"]  # no kink: finite differences are exact to O(eps^2)

# Small examples, few of them: the file runs in seconds (it runs twice per CI run).
BOUNDARY = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
GOOD = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def strict():
    """Every warning is an error and every floating-point event raises (as strict_floats)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            yield


def assert_refused(call, *names):
    """call() raises ShapeError/ValueError/TypeError from helpers' code, naming one of names."""
    with strict():
        with pytest.raises((ValueError, TypeError)) as info:
            call()
    message = str(info.value)
    raised_in = Path(str(info.traceback[-1].path)).resolve()
    assert HELPERS_DIR in raised_in.parents, f"raised from {raised_in}: {message}"
    assert any(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", message) for name in names), (
        f"{names} not named in: {message}")


# ---- problems: a small network and its data --------------------------------------------

class Problem(NamedTuple):
    X: np.ndarray
    Y: np.ndarray
    params: dict
    activations: list


def _labels(rng, output, k, m):
    if output == "sigmoid":
        return (rng.random((k, m)) < 0.5).astype(np.float64)
    if output == "softmax":
        return np.eye(k)[:, rng.integers(0, k, m)]
    return rng.standard_normal((k, m))


@st.composite
def problems(draw, outputs=("sigmoid", "softmax", "linear"), hidden=HIDDEN, min_m=1):
    output = draw(st.sampled_from(outputs))
    L = draw(st.integers(1, 3))
    n_out = {"sigmoid": 1, "softmax": draw(st.integers(2, 3)), "linear": draw(st.integers(1, 2))}[output]
    dims = [draw(st.integers(1, 4)) for _ in range(L)] + [n_out]
    activations = [draw(st.sampled_from(hidden)) for _ in range(L - 1)] + [output]
    m = draw(st.integers(min_m, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 16)))
    X = rng.standard_normal((dims[0], m))
    params = initialize(dims, method="xavier", seed=int(rng.integers(0, 2 ** 16)))
    params = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in params.items()}  # nonzero b
    return Problem(X, _labels(rng, output, n_out, m), params, activations)


def _grads(problem):
    AL, caches = net.forward(problem.X, problem.params, problem.activations)
    return net.backward(AL, problem.Y, caches)


# ---- bad values ---------------------------------------------------------------------------

NOT_ARRAYS = [None, "0.5", {"a": 1.0}, [[1.0, 2.0], [3.0]], np.array([[1.0, None]], dtype=object)]


@st.composite
def bad_arrays(draw, a, kinds=("type", "complex", "rank1", "transposed", "nan", "inf",
                               "extra_row", "extra_col")):
    """An array that must be refused where ``a`` (2-D) belongs: (value, kind)."""
    kind = draw(st.sampled_from([k for k in kinds if k != "transposed" or a.shape[0] != a.shape[1]]))
    if kind == "type":
        return draw(st.sampled_from(NOT_ARRAYS)), kind
    if kind == "complex":
        return a + 1j, kind
    if kind == "rank1":
        return a.reshape(-1), kind
    if kind == "transposed":
        return a.T, kind
    if kind in ("nan", "inf"):
        bad = a.astype(np.float64)  # a copy
        i = draw(st.integers(0, a.size - 1))
        bad.flat[i] = np.nan if kind == "nan" else draw(st.sampled_from([np.inf, -np.inf]))
        return bad, kind
    if kind == "extra_row":
        return np.vstack([a, a[:1]]), kind
    return np.hstack([a, a[:, :1]]), kind  # extra_col


BAD_RATES = [np.nan, np.inf, -np.inf, 0, 0.0, -0.1, -1, None, "0.1", [0.1], np.array([0.1]),
             1j, True, np.float64(np.nan)]
BAD_COUNTS = [0, -1, 2.5, np.nan, np.inf, None, "3", [3], 1j, True]


@st.composite
def bad_keys(draw, d, prefix=""):
    """A dict with one key too many, too few or misspelt: the network's keys are exactly
    {prefix}W1, {prefix}b1, ..., {prefix}WL, {prefix}bL."""
    L = len(d) // 2
    how = draw(st.sampled_from(["extra", "missing", "misspelt"]))
    bad = dict(d)
    if how == "extra":
        key = draw(st.sampled_from([
            f"{prefix}w{L + 1}", f"{prefix}W{L + 2}", f"{prefix}b{L + 1}", f"{prefix}W0",
            f"{prefix}W01", "learning_rate", "alpha", 3, ("W", 1),
            "W1" if prefix else "dW1", f"{prefix}W{L + 1}"]))
        bad[key] = np.ones((1, 1))
    elif how == "missing":
        del bad[draw(st.sampled_from(sorted(d)))]
    else:
        key = draw(st.sampled_from(sorted(d)))
        new = draw(st.sampled_from([key.lower(), key.upper(), key + " ", " " + key,
                                    key.replace("W", "V").replace("b", "c")]))
        assume(new != key)
        bad[new] = bad.pop(key)
    return bad


@st.composite
def bad_activations(draw, activations):
    L = len(activations)
    options = [activations + ["tanh"], activations[:-1], "tanh", None,
               activations[:-1] + ["tanh"], activations[:-1] + ["ReLU"],
               activations[:-1] + [None], {"layer": "tanh"}]
    if L > 1:
        options += [["softmax"] + activations[1:], ["softplus"] + activations[1:], [1] + activations[1:]]
    return draw(st.sampled_from(options))


@st.composite
def bad_params(draw, problem, name="params"):
    """(bad params dict, the names one of which the message must give)."""
    params = problem.params
    how = draw(st.sampled_from(["keys", "value", "type"]))
    if how == "keys":
        return draw(bad_keys(params)), (name,)
    if how == "type":
        return draw(st.sampled_from([None, [params["W1"]], "W1", 1.0])), (name,)
    key = draw(st.sampled_from(sorted(params)))
    kinds = ("type", "complex", "rank1", "transposed", "nan", "inf", "extra_row", "extra_col")
    value, _ = draw(bad_arrays(params[key], kinds))
    return {**params, key: value}, (key,)


# ---- helpers.network: bad inputs ------------------------------------------------------

INPUT_KINDS = ("type", "complex", "rank1", "nan", "inf", "extra_row")  # bad X (and X-like) arrays
LABEL_KINDS = INPUT_KINDS + ("extra_col",)                             # bad Y: also too many examples


def _kinds(arr, kinds):
    """The kinds of bad array to draw for ``arr``: a transposed copy only where it differs in shape."""
    return tuple(kinds) + (("transposed",) if arr.shape[0] != arr.shape[1] else ())


@BOUNDARY
@given(problems(), st.data())
def test_forward_and_predict_refuse_bad_X_params_or_activations(problem, data):
    X, _, params, acts = problem
    which = data.draw(st.sampled_from(["X", "params", "activations"]))
    if which == "X":
        X, _ = data.draw(bad_arrays(X, _kinds(X, INPUT_KINDS)))
        names = ("X",)
    elif which == "params":
        params, names = data.draw(bad_params(problem))
    else:
        acts, names = data.draw(bad_activations(acts)), ("activations",)
    fn = data.draw(st.sampled_from([net.forward, net.predict]))
    assert_refused(lambda: fn(X, params, acts), *names)


@BOUNDARY
@given(problems(), st.data())
def test_network_cost_refuses_bad_labels_shapes_and_no_examples(problem, data):
    X, Y, params, acts = problem
    which = data.draw(st.sampled_from(["Y", "labels", "m0", "params", "X"]))
    names = ("Y",)
    if which == "Y":
        Y, _ = data.draw(bad_arrays(Y, _kinds(Y, LABEL_KINDS)))
    elif which == "labels":
        assume(acts[-1] != "linear")
        Y = Y.copy()
        i = data.draw(st.integers(0, Y.size - 1))
        Y.flat[i] = data.draw(st.sampled_from([2.0, 0.5, -1.0])) if acts[-1] == "sigmoid" else 1 - Y.flat[i]
    elif which == "m0":
        X, Y, names = X[:, :0], Y[:, :0], ("X",)
    elif which == "params":
        params, names = data.draw(bad_params(problem))
    else:
        X, _ = data.draw(bad_arrays(X, ("type", "nan", "inf", "extra_row", "extra_col")))
        names = ("X", "Y")  # an extra column is more examples than Y has
    assert_refused(lambda: net.network_cost(X, Y, params, acts), *names)


@BOUNDARY
@given(problems(), st.data())
def test_backward_refuses_bad_AL_Y_or_caches(problem, data):
    X, Y, params, acts = problem
    AL, caches = net.forward(X, params, acts)
    which = data.draw(st.sampled_from(["AL", "Y", "caches", "m0"]))
    if which == "AL":
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_row", "extra_col"]
        if AL.shape[0] != AL.shape[1]:
            kinds.append("transposed")
        AL, _ = data.draw(bad_arrays(AL, tuple(kinds)))
    elif which == "Y":
        Y, _ = data.draw(bad_arrays(Y, _kinds(Y, LABEL_KINDS)))
    elif which == "caches":
        caches = data.draw(st.sampled_from([None, [], [1], {"A1": AL}, "caches", tuple(caches[:0])]))
    else:
        AL, caches = net.forward(X[:, :0], params, acts)
        Y, which = Y[:, :0], "AL"
    assert_refused(lambda: net.backward(AL, Y, caches), which)


@BOUNDARY
@given(problems(), st.data())
def test_update_refuses_bad_params_grads_or_learning_rates(problem, data):
    params = problem.params
    grads = _grads(problem)
    rate = 0.1
    which = data.draw(st.sampled_from(["params", "grads keys", "grads values", "grads type",
                                       "learning_rate"]))
    if which == "params":
        params, names = data.draw(bad_params(problem))
    elif which == "grads keys":
        grads, names = data.draw(bad_keys(grads, prefix="d")), ("grads",)
    elif which == "grads type":
        grads, names = data.draw(st.sampled_from([None, [1.0], "dW1"])), ("grads",)
    elif which == "grads values":
        key = data.draw(st.sampled_from(sorted(grads)))
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_row", "extra_col"]
        if grads[key].shape[0] != grads[key].shape[1]:
            kinds.append("transposed")
        value, _ = data.draw(bad_arrays(grads[key], tuple(kinds)))
        grads, names = {**grads, key: value}, (key,)
    else:
        rate, names = data.draw(st.sampled_from(BAD_RATES)), ("learning_rate",)
    assert_refused(lambda: net.update(params, grads, rate), *names)


@BOUNDARY
@given(problems(), st.data())
def test_train_refuses_bad_settings_data_or_start(problem, data):
    X, Y, params, acts = problem
    kwargs = dict(learning_rate=0.1, num_iterations=2)
    start = params
    which = data.draw(st.sampled_from(["learning_rate", "num_iterations", "print_every",
                                       "progress", "X", "Y", "m0", "layer_dims", "activations"]))
    names = (which,)
    if which == "learning_rate":
        kwargs["learning_rate"] = data.draw(st.sampled_from(BAD_RATES))
    elif which == "num_iterations":
        kwargs["num_iterations"] = data.draw(st.sampled_from(BAD_COUNTS))
    elif which == "print_every":
        kwargs["print_every"] = data.draw(st.sampled_from([c for c in BAD_COUNTS if c is not None]))
    elif which == "progress":
        kwargs["progress"] = data.draw(st.sampled_from([1, "yes", None, 0.0]))
    elif which == "X":
        X, _ = data.draw(bad_arrays(X, INPUT_KINDS))
    elif which == "Y":
        Y, _ = data.draw(bad_arrays(Y, _kinds(Y, LABEL_KINDS)))
    elif which == "m0":
        X, Y, names = X[:, :0], Y[:, :0], ("X",)
    elif which == "layer_dims":
        if data.draw(st.booleans()):
            start, key_names = data.draw(bad_params(problem, name="layer_dims"))
            names = key_names
        else:
            n_x = X.shape[0]
            start = data.draw(st.sampled_from([[n_x], [n_x, 0, 1], [n_x, 2.5, 1], "2, 4, 1",
                                               None, [n_x, -3, 1]]))
    else:
        acts = data.draw(bad_activations(acts))
    assert_refused(lambda: net.train(X, Y, start, acts, **kwargs), *names)


@BOUNDARY
@given(problems(outputs=("sigmoid",)), st.data())
def test_accuracy_refuses_probabilities_labels_outside_the_problem_and_bad_shapes(problem, data):
    X, Y, params, acts = problem
    AL, _ = net.forward(X, params, acts)
    predictions = (AL > 0.5).astype(np.int64)
    which = data.draw(st.sampled_from(["probabilities", "label 2", "Y label", "shape", "m0", "Y shape"]))
    names = ("predictions",)
    if which == "probabilities":
        assume(not np.all((AL == 0) | (AL == 1)))
        predictions = AL
    elif which == "label 2":
        predictions = predictions.copy()
        predictions.flat[data.draw(st.integers(0, predictions.size - 1))] = 2
    elif which == "Y label":
        Y = Y.copy()
        Y.flat[data.draw(st.integers(0, Y.size - 1))] = data.draw(st.sampled_from([2.0, 0.5, -1.0]))
        names = ("Y",)
    elif which == "shape":
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_row", "extra_col"]
        if predictions.shape[1] != 1:
            kinds.append("transposed")
        predictions, kind = data.draw(bad_arrays(predictions, tuple(kinds)))
        if kind == "extra_col":
            names = ("predictions", "Y")
    elif which == "Y shape":
        kinds = ["type", "complex", "nan", "inf", "extra_col"]
        if Y.shape[1] != 1:
            kinds.append("transposed")
        Y, _ = data.draw(bad_arrays(Y, tuple(kinds)))
        names = ("Y",)
    else:
        predictions, Y = predictions[:, :0], Y[:, :0]
    assert_refused(lambda: net.accuracy(predictions, Y), *names)


@BOUNDARY
@given(problems(outputs=("softmax",)), st.data())
def test_accuracy_refuses_class_indices_outside_the_one_hot_labels(problem, data):
    X, Y, params, acts = problem
    predictions = net.predict(X, params, acts).astype(np.float64)
    k = Y.shape[0]
    predictions.flat[data.draw(st.integers(0, predictions.size - 1))] = data.draw(
        st.sampled_from([k, k + 1, -1, 0.5]))
    assert_refused(lambda: net.accuracy(predictions, Y), "predictions")


@BOUNDARY
@given(problems(outputs=("sigmoid", "softmax", "linear")), st.data())
def test_compute_cost_refuses_transposed_or_mismatched_probabilities_and_labels(problem, data):
    X, Y, params, acts = problem
    AL, _ = net.forward(X, params, acts)
    output = acts[-1]
    which = data.draw(st.sampled_from(["both transposed", "AL", "Y", "m0", "output", "range"]))
    names = ("AL",)
    if which == "both transposed":
        assume(AL.shape[0] != AL.shape[1] and (output != "linear"))
        AL, Y = AL.T, Y.T
    elif which == "AL":
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_col"]
        if output == "sigmoid":
            kinds.append("extra_row")
        AL, kind = data.draw(bad_arrays(AL, tuple(kinds)))
        if kind == "extra_col":
            names = ("AL", "Y")
    elif which == "Y":
        Y, _ = data.draw(bad_arrays(Y, _kinds(Y, LABEL_KINDS)))
        names = ("Y",)
    elif which == "m0":
        AL, Y = AL[:, :0], Y[:, :0]
    elif which == "output":
        output, names = data.draw(st.sampled_from(["tanh", "Sigmoid", None, 1])), ("output",)
    else:
        assume(output != "linear")
        AL = AL.copy()
        AL.flat[data.draw(st.integers(0, AL.size - 1))] = data.draw(st.sampled_from([-0.5, 1.5, 3.0]))
    assert_refused(lambda: net.compute_cost(AL, Y, output), *names)


@BOUNDARY
@given(problems(), st.data())
def test_layer_forward_refuses_bad_arrays_or_names(problem, data):
    X, _, params, acts = problem
    A_prev, W, b, activation = X, params["W1"], params["b1"], acts[0]
    which = data.draw(st.sampled_from(["A_prev", "W", "b", "activation"]))
    if which == "A_prev":
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_row"]
        if A_prev.shape[0] != A_prev.shape[1] and A_prev.shape[1] != W.shape[1]:
            kinds.append("transposed")
        A_prev, _ = data.draw(bad_arrays(A_prev, tuple(kinds)))
        names = ("A_prev", "W")  # a wrong number of rows is a mismatch of the two
    elif which == "W":
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_col"]
        if W.shape[0] != W.shape[1]:
            kinds.append("transposed")
        W, _ = data.draw(bad_arrays(W, tuple(kinds)))
        names = ("W",)
    elif which == "b":
        b, _ = data.draw(bad_arrays(b, ("type", "complex", "rank1", "nan", "inf", "extra_row",
                                        "extra_col")))
        names = ("b",)
    else:
        activation, names = data.draw(st.sampled_from(["ReLU", "", None, 3, "softplus"])), ("activation",)
    assert_refused(lambda: net.layer_forward(A_prev, W, b, activation), *names)


@BOUNDARY
@given(problems(), st.data())
def test_layer_backward_refuses_a_bad_dZ_or_cache(problem, data):
    X, _, params, acts = problem
    _, caches = net.forward(X, params, acts)
    cache = caches[data.draw(st.integers(0, len(caches) - 1))]
    dZ = np.ones_like(cache.Z)
    which = data.draw(st.sampled_from(["dZ", "cache", "cache.A_prev", "cache.W", "m0"]))
    if which == "dZ":
        dZ, _ = data.draw(bad_arrays(dZ, _kinds(dZ, LABEL_KINDS)))
        names = ("dZ", "cache.Z")
    elif which == "cache":
        cache = data.draw(st.sampled_from([None, tuple(cache), caches, {"A_prev": X}, "cache"]))
        names = ("cache",)
    elif which in ("cache.A_prev", "cache.W"):
        key = which.split(".")[1]
        bad, _ = data.draw(bad_arrays(getattr(cache, key), ("type", "complex", "rank1", "nan", "inf")))
        cache, names = cache._replace(**{key: bad}), (which,)
    else:
        cache = cache._replace(A_prev=cache.A_prev[:, :0], Z=cache.Z[:, :0])
        dZ, names = dZ[:, :0], ("dZ",)
    assert_refused(lambda: net.layer_backward(dZ, cache), *names)


@BOUNDARY
@given(problems(), st.data())
def test_hidden_unit_activations_refuses_bad_points_layers_params_or_activations(problem, data):
    X, _, params, acts = problem
    points, layer = X, 1
    which = data.draw(st.sampled_from(["points", "layer", "params", "activations"]))
    if which == "points":
        points, _ = data.draw(bad_arrays(X, _kinds(X, INPUT_KINDS)))
    elif which == "layer":
        layer = data.draw(st.sampled_from(BAD_COUNTS + [len(acts) + 1, np.int64(len(acts) + 7)]))
    elif which == "params":
        params, names = data.draw(bad_params(problem))
    else:
        acts = data.draw(bad_activations(acts))
    names = names if which == "params" else (which,)
    assert_refused(lambda: net.hidden_unit_activations(params, acts, points, layer), *names)


@settings(max_examples=8, deadline=None)
@given(st.data())
def test_change_after_nudges_refuses_bad_nudges_tries_or_rates(data):
    X = np.array([[0.0, 1.0, 2.0, 3.0], [1.0, 0.0, 1.0, 0.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    kwargs = dict(learning_rate=0.1, num_iterations=2)
    which = data.draw(st.sampled_from(["nudge", "tries", "learning_rate", "num_iterations"]))
    kwargs[which] = data.draw(st.sampled_from(
        {"nudge": [0.0, -1e-13, 0.1, np.nan, None, "1e-13", True],
         "tries": BAD_COUNTS, "learning_rate": BAD_RATES, "num_iterations": BAD_COUNTS}[which]))
    assert_refused(lambda: net.change_after_nudges(X, Y, [2, 2, 1], ["tanh", "sigmoid"], **kwargs),
                   which)


# ---- helpers.network: good inputs -------------------------------------------------------

def _copies(*values):
    return [({k: v.copy() for k, v in x.items()} if isinstance(x, dict) else np.copy(x)) for x in values]


def _unchanged(before, after):
    for b, a in zip(before, after):
        if isinstance(b, dict):
            assert b.keys() == a.keys() and all(np.array_equal(b[k], a[k]) for k in b)
        else:
            assert np.array_equal(b, a)


@GOOD
@given(problems())
def test_forward_backward_update_and_costs_have_the_documented_shapes_and_change_nothing(problem):
    X, Y, params, acts = problem
    before = _copies(X, Y, params)
    with strict():
        AL, caches = net.forward(X, params, acts)
        grads = net.backward(AL, Y, caches)
        new = net.update(params, grads, 0.5)
        cost = net.network_cost(X, Y, params, acts)
        labels = net.predict(X, params, acts)
    L = len(acts)
    assert AL.shape == (params[f"W{L}"].shape[0], X.shape[1]) and len(caches) == L
    assert set(grads) == {"d" + k for k in params}
    assert all(grads["d" + k].shape == v.shape for k, v in params.items())
    assert all(np.array_equal(new[k], params[k] - 0.5 * grads["d" + k]) for k in params)
    assert type(cost) is float and np.isfinite(cost) and cost >= 0
    if acts[-1] in ("sigmoid", "softmax"):
        assert labels.shape == (1, X.shape[1]) and labels.dtype == np.int64
        with strict():
            assert 0.0 <= net.accuracy(labels, Y) <= 1.0
            assert net.compute_cost(AL, Y, acts[-1]) == pytest.approx(cost, rel=1e-9)
    _unchanged(before, [X, Y, params])


@GOOD
@given(problems())
def test_layer_backward_gives_the_documented_shapes_and_backward_chains_it(problem):
    X, Y, params, acts = problem
    with strict():
        AL, caches = net.forward(X, params, acts)
        grads = net.backward(AL, Y, caches)
        dZ = AL - Y
        for l in range(len(caches), 0, -1):
            cache = caches[l - 1]
            dA_prev, dW, db = net.layer_backward(dZ, cache)
            assert dA_prev.shape == cache.A_prev.shape and db.shape == cache.b.shape
            assert np.array_equal(dW, grads[f"dW{l}"]) and np.array_equal(db, grads[f"db{l}"])
            if l > 1:
                dZ = dA_prev * GRAD_FROM_OUTPUT[caches[l - 2].activation](caches[l - 2].A)


@GOOD
@given(problems(hidden=SMOOTH_HIDDEN), st.integers(1, 4))
def test_train_records_a_finite_cost_per_step_and_leaves_its_start_alone(problem, steps):
    X, Y, params, acts = problem
    before = _copies(X, Y, params)
    with strict():
        trained, costs = net.train(X, Y, params, acts, 0.1, steps)
        first = net.network_cost(X, Y, params, acts)
    assert len(costs) == steps and all(type(c) is float and np.isfinite(c) for c in costs)
    assert costs[0] == pytest.approx(first, rel=1e-12)
    assert set(trained) == set(params)
    _unchanged(before, [X, Y, params])


@GOOD
@given(problems(outputs=("sigmoid",)))
def test_accuracy_of_the_labels_themselves_is_one(problem):
    with strict():
        assert net.accuracy(problem.Y.astype(np.int64), problem.Y) == 1.0
        assert net.accuracy(1 - problem.Y, problem.Y) == 0.0


@GOOD
@given(problems(hidden=SMOOTH_HIDDEN))
def test_backward_agrees_with_finite_differences_of_network_cost(problem):
    X, Y, params, acts = problem
    with strict():
        report = gc.gradient_check(X, Y, params, acts, eps=1e-6)
    assert report.verdict != "bug?", report  # tiny gradients may leave "look closer" to round-off


# ---- helpers.gradcheck: bad inputs ------------------------------------------------------

def _square(theta):
    with np.errstate(under="ignore"):  # f's own arithmetic: tiny theta squared rounds to 0
        return float(np.sum(theta ** 2))


BAD_F_RESULTS = [np.nan, np.inf, -np.inf, None, "1.0", 1j, np.ones(2), np.ones((1, 1)), [1.0], True]


@BOUNDARY
@given(st.data())
def test_numerical_gradient_refuses_bad_f_theta_eps_or_two_sided(data):
    theta = np.arange(1.0, 4.0).reshape(data.draw(st.sampled_from([(3,), (3, 1), (1, 3)])))
    f, eps, two_sided = _square, 1e-6, True
    which = data.draw(st.sampled_from(["f", "f result", "theta", "eps", "two_sided"]))
    names = (which,)
    if which == "f":
        f = data.draw(st.sampled_from([None, "f", 3.0, np.ones(3)]))
    elif which == "f result":
        result = data.draw(st.sampled_from(BAD_F_RESULTS))
        f, names = (lambda t: result), ("f",)
    elif which == "theta":
        theta = data.draw(st.sampled_from([None, "1.0", theta + 1j, np.array([1.0, np.nan]),
                                           np.array([np.inf]), [[1.0], [2.0, 3.0]]]))
    elif which == "eps":
        eps = data.draw(st.sampled_from(BAD_RATES))
    else:
        two_sided = data.draw(st.sampled_from([1, "yes", None]))
    assert_refused(lambda: gc.numerical_gradient(f, theta, eps, two_sided), *names)


@BOUNDARY
@given(st.data())
def test_relative_difference_refuses_mismatched_shapes_and_bad_values(data):
    n = data.draw(st.integers(2, 5))
    a = np.linspace(1.0, 2.0, n).reshape(n, 1)
    b = a.copy()
    which = data.draw(st.sampled_from(["rank1", "transposed", "extra", "a value", "b value"]))
    names = ("b",)
    if which == "rank1":
        b = b.reshape(-1)
    elif which == "transposed":
        b = b.T
    elif which == "extra":
        b = np.vstack([b, b[:1]])
    else:
        bad = data.draw(st.sampled_from([None, "1.0", np.full((n, 1), np.nan), a + 1j,
                                         np.full((n, 1), np.inf)]))
        if which == "a value":
            a, names = bad, ("a",)
        else:
            b = bad
    assert_refused(lambda: gc.relative_difference(a, b), *names)


@BOUNDARY
@given(st.sampled_from([None, "0.1", 1j, [0.1], -1e-9, -np.inf]))
def test_verdict_refuses_what_is_not_a_relative_difference(value):
    assert_refused(lambda: gc.verdict(value), "rel_diff")


@BOUNDARY
@given(st.sampled_from(["value", "floor"]), st.sampled_from([None, "0.1", 1j, [0.1], -0.5]))
def test_format_difference_refuses_what_is_not_a_difference_or_a_floor(which, bad):
    kwargs = {"value": 0.5, "floor": 1e-7, which: bad}
    assert_refused(lambda: gc.format_difference(**kwargs), which)


@BOUNDARY
@given(problems(), st.data())
def test_params_to_vector_and_back_refuse_bad_dicts_vectors_and_specs(problem, data):
    params = problem.params
    theta, spec = gc.params_to_vector(params)
    which = data.draw(st.sampled_from(["params", "theta", "spec"]))
    if which == "params":
        how = data.draw(st.sampled_from(["keys", "value", "type"]))
        if how == "keys":
            bad, names = data.draw(bad_keys(params)), ("params",)
        elif how == "type":
            bad, names = data.draw(st.sampled_from([None, [theta], "W1"])), ("params",)
        else:
            key = data.draw(st.sampled_from(sorted(params)))
            value = data.draw(st.sampled_from([None, "1", params[key] + 1j,
                                               np.full(params[key].shape, np.nan)]))
            bad, names = {**params, key: value}, (key,)
        assert_refused(lambda: gc.params_to_vector(bad), *names)
    elif which == "theta":
        bad = data.draw(st.sampled_from([theta[:-1], np.append(theta, 0.0), theta.reshape(-1, 1),
                                         None, "theta", theta + 1j, np.full_like(theta, np.nan)]))
        assert_refused(lambda: gc.vector_to_params(bad, spec), "theta")
    else:
        bad = data.draw(st.sampled_from([None, "W1", [("W1",)], [(1, (2, 2))], (("W1", (2, -1)),),
                                         spec + spec[:1], [("W1", "2, 2")]]))
        assert_refused(lambda: gc.vector_to_params(theta, bad), "spec")


@BOUNDARY
@given(problems(hidden=SMOOTH_HIDDEN), st.data())
def test_compare_gradients_refuses_bad_grads_costs_or_settings(problem, data):
    X, Y, params, acts = problem
    grads = _grads(problem)

    def cost_fn(p):
        return net.network_cost(X, Y, p, acts)

    kwargs = {}
    which = data.draw(st.sampled_from(["grads keys", "grads values", "params", "cost_fn",
                                       "cost result", "eps", "directions", "seed"]))
    names = (which,)
    if which == "grads keys":
        grads, names = data.draw(bad_keys(grads, prefix="d")), ("grads",)
    elif which == "grads values":
        key = data.draw(st.sampled_from(sorted(grads)))
        kinds = ["type", "complex", "rank1", "nan", "inf", "extra_row", "extra_col"]
        if grads[key].shape[0] != grads[key].shape[1]:
            kinds.append("transposed")
        value, _ = data.draw(bad_arrays(grads[key], tuple(kinds)))
        grads, names = {**grads, key: value}, (key,)
    elif which == "params":
        params, names = data.draw(bad_keys(params)), ("params",)
    elif which == "cost_fn":
        cost_fn = data.draw(st.sampled_from([None, "cost", 1.0]))
    elif which == "cost result":
        result = data.draw(st.sampled_from(BAD_F_RESULTS))
        cost_fn, names = (lambda p: result), ("cost_fn",)
        kwargs["directions"] = data.draw(st.sampled_from([None, 1]))
    elif which == "eps":
        kwargs["eps"] = data.draw(st.sampled_from(BAD_RATES))
    elif which == "directions":
        kwargs["directions"] = data.draw(st.sampled_from([c for c in BAD_COUNTS if c is not None]))
    else:
        kwargs["seed"] = data.draw(st.sampled_from([-1, 2.5, None, "0", np.nan]))
    assert_refused(lambda: gc.compare_gradients(cost_fn, params, grads, **kwargs), *names)


@BOUNDARY
@given(problems(hidden=SMOOTH_HIDDEN), st.data())
def test_gradient_check_refuses_bad_data_backward_fns_or_settings(problem, data):
    X, Y, params, acts = problem
    kwargs = {}
    which = data.draw(st.sampled_from(["X", "Y", "params", "activations", "backward_fn",
                                       "backward result", "eps", "directions"]))
    names = (which,)
    if which == "X":
        X, _ = data.draw(bad_arrays(X, INPUT_KINDS))
    elif which == "Y":
        Y, _ = data.draw(bad_arrays(Y, _kinds(Y, LABEL_KINDS)))
    elif which == "params":
        params, names = data.draw(bad_params(problem))
    elif which == "activations":
        acts = data.draw(bad_activations(acts))
    elif which == "backward_fn":
        kwargs["backward_fn"] = data.draw(st.sampled_from(["backward", 1.0, [net.backward]]))
    elif which == "backward result":
        grads = _grads(problem)
        how = data.draw(st.sampled_from(["not a dict", "keys", "transposed"]))
        if how == "not a dict":
            result, names = data.draw(st.sampled_from([None, [grads["dW1"]], grads["dW1"]])), ("backward_fn",)
        elif how == "keys":
            result, names = data.draw(bad_keys(grads, prefix="d")), ("backward_fn",)
        else:
            key = data.draw(st.sampled_from(sorted(grads)))
            assume(grads[key].shape[0] != grads[key].shape[1])
            result, names = {**grads, key: grads[key].T}, (key,)
        kwargs["backward_fn"] = lambda AL, Y, caches: result
    elif which == "eps":
        kwargs["eps"] = data.draw(st.sampled_from(BAD_RATES))
    else:
        kwargs["directions"] = data.draw(st.sampled_from([c for c in BAD_COUNTS if c is not None]))
    assert_refused(lambda: gc.gradient_check(X, Y, params, acts, **kwargs), *names)


# ---- helpers.gradcheck: good inputs -----------------------------------------------------

finite_vectors = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=6)


@GOOD
@given(finite_vectors, finite_vectors, st.floats(1e-200, 1e200))
def test_relative_difference_is_symmetric_bounded_and_scale_free(a, b, scale):
    n = min(len(a), len(b))
    a, b = np.array(a[:n]), np.array(b[:n])
    with strict():
        d = gc.relative_difference(a, b)
        assert 0.0 <= d <= 1.0
        assert d == pytest.approx(gc.relative_difference(b, a), rel=1e-12, abs=1e-300)
        with np.errstate(under="ignore"):
            a_s, b_s = a * scale, b * scale
        if np.all(np.isfinite(a_s)) and np.all((a_s == 0) == (a == 0)) and np.all((b_s == 0) == (b == 0)):
            assert gc.relative_difference(a_s, b_s) == pytest.approx(d, rel=1e-9, abs=1e-12)
        assert gc.relative_difference(a, a.copy()) == 0.0


@GOOD
@given(st.floats(0, 10, allow_nan=False), st.floats(0, 10, allow_nan=False))
def test_verdict_grows_with_the_difference(x, y):
    order = {"ok": 0, "look closer": 1, "bug?": 2}
    lo, hi = sorted([x * 1e-8, y * 1e-3])
    assert order[gc.verdict(lo)] <= order[gc.verdict(hi)]


@GOOD
@given(st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=5),
       st.sampled_from([(-1,), (-1, 1), (1, -1)]))
def test_numerical_gradient_of_a_quadratic_is_2_theta_and_theta_is_left_alone(values, shape):
    theta = np.array(values).reshape(shape)
    before = theta.copy()
    with strict():
        grad = gc.numerical_gradient(_square, theta, eps=1e-5)
    assert grad.shape == theta.shape
    np.testing.assert_allclose(grad, 2 * theta, atol=1e-6)
    np.testing.assert_array_equal(theta, before)


@GOOD
@given(problems(hidden=SMOOTH_HIDDEN), st.integers(1, 3))
def test_compare_gradients_and_gradient_check_agree_and_change_nothing(problem, directions):
    X, Y, params, acts = problem
    grads = _grads(problem)
    before = _copies(X, Y, params, grads)
    with strict():
        report = gc.gradient_check(X, Y, params, acts, directions=directions, seed=1)
        direct = gc.compare_gradients(lambda p: net.network_cost(X, Y, p, acts), params, grads,
                                      directions=directions, seed=1)
    assert report.rows == direct.rows
    assert [row.name for row in report.rows] == [name for name, _ in gc.params_to_vector(params)[1]]
    assert report.n_evaluations == 2 * directions * len(params)
    _unchanged(before, [X, Y, params, grads])
