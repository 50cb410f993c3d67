"""The boundary policy of helpers.shapes at every public function of helpers.activations,
helpers.losses and helpers.initializers, with generated inputs (hypothesis).

Bad input: each call raises exactly the expected ShapeError / ValueError / TypeError, whose
message starts with the argument's name; never another exception, never a warning (every
call runs with warnings as errors and np.errstate(all="raise")), never a result.
Good input: the properties that must keep holding (ranges, shift invariance, the inputs
left unchanged), also under warnings as errors.
"""
import contextlib
import importlib
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from helpers import activations as act
from helpers import initializers as ini
from helpers import losses
from helpers.shapes import ShapeError
from support import public_top_level_names

BAD = settings(max_examples=20, deadline=None)  # bad inputs: many functions, few examples each
GOOD = settings(max_examples=40, deadline=None)


@contextlib.contextmanager
def strict():
    """Every warning is an error and every floating-point event raises (as tests/conftest.py's
    strict_floats fixture, usable inside a hypothesis test)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            yield


def refused(call, error, name, *also):
    """call() raises exactly ``error`` (not a subclass, not another type), with a message
    that starts with the argument's ``name`` and mentions each of ``also``."""
    with strict():
        try:
            result = call()
        except Exception as err:  # noqa: BLE001 - the type is the point of the test
            caught = err
        else:
            pytest.fail(f"expected {error.__name__} naming {name}, got a result: {result!r}")
    assert type(caught) is error, f"expected {error.__name__}, got {type(caught).__name__}: {caught}"
    message = str(caught)
    assert re.match(rf"{re.escape(name)}(?!\w)", message), f"does not start with {name!r}: {message}"
    for word in also:
        assert word in message, f"{word!r} missing from: {message}"
    return message


def accepted(call):
    """call() under warnings as errors and np.errstate(all="raise"); returns its result."""
    with strict():
        return call()


def accepted_unchecked(call):
    """call() of a function without checks as helpers.network's loop runs it: strict, except
    that an underflow rounds to 0 silently (those functions leave np.errstate to the caller)."""
    with strict(), np.errstate(under="ignore"):
        return call()


# ---- strategies ------------------------------------------------------------------------------

small = st.floats(-1e3, 1e3)
any_finite = st.floats(allow_nan=False, allow_infinity=False)  # up to +-1.8e308
not_real_numbers = st.one_of(
    st.none(),
    st.text(max_size=4),
    st.binary(max_size=3),
    st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=1e3),
    arrays(np.complex128, array_shapes(max_dims=2, max_side=3),
           elements=st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=1e3)),
    st.lists(small, min_size=1, max_size=4).map(lambda v: np.array(v, dtype=object)),
    st.lists(st.text(max_size=2), min_size=1, max_size=3).map(np.array),  # a string array
    st.dictionaries(st.text(max_size=2), small, max_size=2),
    st.sets(st.integers(0, 9), max_size=2),
    st.just([[1.0, 2.0], [3.0]]),  # ragged
    st.builds(object),
)
not_scalars = st.one_of(st.none(), st.text(max_size=3), st.booleans(),
                        st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=10),
                        st.lists(st.floats(0.1, 1), min_size=1, max_size=2),
                        st.lists(st.floats(0.1, 1), min_size=1, max_size=2).map(np.array))
non_finite = st.sampled_from([np.nan, np.inf, -np.inf])


@st.composite
def matrices(draw, rows=st.integers(1, 4), cols=st.integers(1, 5), elements=small):
    return draw(arrays(np.float64, (draw(rows), draw(cols)), elements=elements))


@st.composite
def with_one(draw, x, value):
    """A copy of the array x with ``value`` at one drawn position."""
    x = np.array(x, dtype=np.float64)
    index = tuple(draw(st.integers(0, n - 1)) for n in x.shape)
    x[index] = value
    return x


# ---- the functions, with a good call for each ------------------------------------------------

ELEMENTWISE = [act.sigmoid, act.tanh, act.relu, act.leaky_relu, act.linear,
               act.sigmoid_grad, act.tanh_grad, act.relu_grad, act.leaky_relu_grad, act.linear_grad]
FROM_OUTPUT = [(f"GRAD_FROM_OUTPUT[{name!r}]", g) for name, g in act.GRAD_FROM_OUTPUT.items()]
Z_FUNCTIONS = [(f.__name__, f, "z") for f in ELEMENTWISE + [act.softmax, act.log_softmax]] + \
              [(label, g, "a") for label, g in FROM_OUTPUT]


def _labels_01(shape, draw):
    return draw(arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))


def _one_hot(k, m, draw):
    classes = draw(st.lists(st.integers(0, k - 1), min_size=m, max_size=m))
    return np.eye(k)[:, classes]


def _cost_from_logits(output):
    return lambda z, y: losses.cost_from_logits(z, y, output)


# cost, the first argument's name, its kind ("rows": (1, m) or (n, m) with m >= 2;
# "classes": (k, m) with k >= 2; "any": (n, m)), and how to draw a good first argument
COSTS = {
    "binary_cross_entropy": (losses.binary_cross_entropy, "a", "rows", st.floats(0, 1)),
    "binary_cross_entropy_with_logits": (losses.binary_cross_entropy_with_logits, "z", "rows", small),
    "half_mean_squared_error": (losses.half_mean_squared_error, "a", "rows", small),
    "output_delta": (losses.output_delta, "a", "any", small),
    "softmax_cross_entropy_with_logits": (losses.softmax_cross_entropy_with_logits, "z", "classes", small),
    "cross_entropy": (losses.cross_entropy, "a", "classes", None),  # a = softmax(z)
    "cost_from_logits[sigmoid]": (_cost_from_logits("sigmoid"), "z", "rows", small),
    "cost_from_logits[softmax]": (_cost_from_logits("softmax"), "z", "classes", small),
    "cost_from_logits[linear]": (_cost_from_logits("linear"), "z", "rows", small),
}
BINARY = ("binary_cross_entropy", "binary_cross_entropy_with_logits", "cost_from_logits[sigmoid]")
ONE_HOT = ("softmax_cross_entropy_with_logits", "cross_entropy", "cost_from_logits[softmax]")


@st.composite
def good_pair(draw, key, elements=None):
    """(first, y) that ``key``'s cost accepts."""
    _, _, kind, first_elements = COSTS[key]
    if elements is None:
        elements = small if first_elements is None else first_elements
    m = draw(st.integers(1, 5))
    if kind == "rows":
        n = 1 if m == 1 else draw(st.sampled_from([1, 1, 2, 3]))
    else:
        n = draw(st.integers(2 if kind == "classes" else 1, 4))
    first = draw(arrays(np.float64, (n, m), elements=elements))
    if key == "cross_entropy":
        first = act.softmax(first)
    if key in BINARY:
        y = _labels_01((n, m), draw)
    elif key in ONE_HOT:
        y = _one_hot(n, m, draw)
    else:
        y = draw(arrays(np.float64, (n, m), elements=small))
    return first, y


cost_keys = pytest.mark.parametrize("key", sorted(COSTS))


# ---- activations: bad input ------------------------------------------------------------------

@pytest.mark.parametrize("label, f, name", Z_FUNCTIONS, ids=[z[0] for z in Z_FUNCTIONS])
@BAD
@given(bad=not_real_numbers)
def test_every_activation_refuses_what_is_not_real_numbers_with_a_type_error(label, f, name, bad):
    refused(lambda: f(bad), TypeError, name)


@pytest.mark.parametrize("label, f, name", Z_FUNCTIONS, ids=[z[0] for z in Z_FUNCTIONS])
@BAD
@given(data=st.data())
def test_every_activation_refuses_nan_by_name(label, f, name, data):
    z = data.draw(arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=4), elements=small))
    refused(lambda: f(data.draw(with_one(z, np.nan))), ValueError, name)


# (GRAD_FROM_OUTPUT's sigmoid and tanh take a = g(z) in [0, 1] or [-1, 1]: no infinite a)
@pytest.mark.parametrize("f", ELEMENTWISE + [act.GRAD_FROM_OUTPUT[n]
                                             for n in ("relu", "leaky_relu", "linear")])
@BAD
@given(data=st.data())
def test_elementwise_activations_take_infinity_and_give_no_nan(f, data):
    z = data.draw(arrays(np.float64, array_shapes(min_dims=0, max_dims=2, max_side=4), elements=small))
    z = data.draw(with_one(z, data.draw(st.sampled_from([np.inf, -np.inf]))))
    out = accepted(lambda: f(z))
    assert np.shape(out) == z.shape and not np.any(np.isnan(out))


@pytest.mark.parametrize("f", [act.softmax, act.log_softmax])
@BAD
@given(data=st.data())
def test_softmax_refuses_infinite_logits_by_name(f, data):
    z = data.draw(matrices())
    refused(lambda: f(data.draw(with_one(z, data.draw(non_finite)))), ValueError, "z", "non-finite")


@pytest.mark.parametrize("f", [act.softmax, act.log_softmax])
@BAD
@given(shape=array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3), axis=st.integers(-4, 3))
def test_softmax_refuses_no_logits_along_the_axis_and_axes_z_does_not_have(f, shape, axis):
    z = np.zeros(shape)
    if z.ndim == 0:
        refused(lambda: f(z, axis), ShapeError, "z")
    elif not -z.ndim <= axis < z.ndim:
        refused(lambda: f(z, axis), ValueError, "axis", str(z.shape))
    elif z.shape[axis] == 0:
        refused(lambda: f(z, axis), ShapeError, "z", f"axis {axis}")
    else:
        assert accepted(lambda: f(z, axis)).shape == z.shape  # zero examples: an empty result


@pytest.mark.parametrize("f", [act.softmax, act.log_softmax])
@BAD
@given(axis=st.one_of(st.none(), st.floats(-1, 1), st.text(max_size=2), st.booleans(),
                      st.lists(st.integers(0, 1), min_size=1, max_size=2)))
def test_softmax_refuses_an_axis_that_is_not_a_whole_number(f, axis):
    refused(lambda: f(np.zeros((3, 2)), axis), TypeError, "axis")


@pytest.mark.parametrize("f", [act.leaky_relu, act.leaky_relu_grad])
@BAD
@given(alpha=st.one_of(st.floats(allow_nan=True).filter(lambda v: not 0 <= v <= 1), not_scalars))
def test_leaky_relu_refuses_an_alpha_that_is_not_a_number_in_zero_to_one(f, alpha):
    error = ValueError if isinstance(alpha, float) else TypeError
    refused(lambda: f(np.array([[-1.0, 2.0]]), alpha), error, "alpha")


# ---- activations: good input -----------------------------------------------------------------

every_finite_array = arrays(np.float64, array_shapes(min_dims=0, max_dims=2, max_side=5), elements=any_finite)


@GOOD
@given(z=every_finite_array)
def test_sigmoid_and_its_derivative_stay_in_range_for_every_finite_z(z):
    a, slope = accepted(lambda: (act.sigmoid(z), act.sigmoid_grad(z)))
    assert np.all((0 <= a) & (a <= 1)) and np.all((0 <= slope) & (slope <= 0.25))
    np.testing.assert_allclose(accepted(lambda: act.sigmoid(-z)), 1 - a, rtol=0, atol=2e-16)


@GOOD
@given(z=every_finite_array)
def test_tanh_and_its_derivative_stay_in_range_for_every_finite_z(z):
    a, slope = accepted(lambda: (act.tanh(z), act.tanh_grad(z)))
    assert np.all(np.abs(a) <= 1) and np.all((0 <= slope) & (slope <= 1))


@GOOD
@given(z=arrays(np.float64, array_shapes(min_dims=0, max_dims=2, max_side=5), elements=st.floats(-30, 30)))
def test_the_derivatives_at_z_agree_with_the_lectures_forms_written_with_a(z):
    # where a (1 - a) and 1 - a^2 do not cancel (|z| <= 30), the two forms are the same numbers
    for name in ("sigmoid", "tanh"):
        g, g_prime = act.ACTIVATIONS[name]
        np.testing.assert_allclose(g_prime(z), act.GRAD_FROM_OUTPUT[name](g(z)), rtol=1e-9, atol=1e-15)


@GOOD
@given(z=matrices(elements=any_finite), axis=st.sampled_from([0, 1, -1]))
def test_softmax_and_log_softmax_are_finite_for_every_finite_z(z, axis):
    a, log_a = accepted(lambda: (act.softmax(z, axis), act.log_softmax(z, axis)))
    assert np.all((0 <= a) & (a <= 1)) and np.all(np.isfinite(log_a)) and np.all(log_a <= 0)
    np.testing.assert_allclose(a.sum(axis=axis), 1.0, rtol=1e-12)


@GOOD
@given(z=matrices(), c=small)
def test_softmax_and_log_softmax_are_unchanged_by_adding_a_constant_to_a_column(z, c):
    np.testing.assert_allclose(act.softmax(z + c), act.softmax(z), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(act.log_softmax(z + c), act.log_softmax(z), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(np.exp(act.log_softmax(z)), act.softmax(z), rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("label, f, name", Z_FUNCTIONS, ids=[z[0] for z in Z_FUNCTIONS])
@GOOD
@given(z=matrices())
def test_no_activation_changes_its_input(label, f, name, z):
    before = z.copy()
    out = accepted(lambda: f(z))
    out[...] = 7.0  # writing into the result leaves z alone too
    np.testing.assert_array_equal(z, before)


# ---- losses: bad input -----------------------------------------------------------------------

@cost_keys
@BAD
@given(data=st.data(), bad=not_real_numbers, which=st.sampled_from([0, 1]))
def test_every_cost_refuses_what_is_not_real_numbers_with_a_type_error(key, data, bad, which):
    cost, first_name, _, _ = COSTS[key]
    args = list(data.draw(good_pair(key)))
    args[which] = bad
    refused(lambda: cost(*args), TypeError, [first_name, "y"][which])


@cost_keys
@BAD
@given(data=st.data())
def test_every_cost_refuses_a_rank1_first_argument_with_a_reshape_hint(key, data):
    cost, name, kind, _ = COSTS[key]
    first, y = data.draw(good_pair(key))
    hint = f"{name}.reshape(-1, 1)" if kind == "classes" else f"{name}.reshape(1, {first.size})"
    refused(lambda: cost(first.ravel(), y), ShapeError, name, "rank-1", hint)


@pytest.mark.parametrize("key", [k for k in sorted(COSTS) if COSTS[k][2] == "rows"])
@BAD
@given(data=st.data())
def test_costs_of_one_row_refuse_examples_written_as_a_column_even_though_they_broadcast(key, data):
    cost, name, _, _ = COSTS[key]
    first, y = data.draw(good_pair(key).filter(lambda p: p[0].shape[0] == 1 and p[0].shape[1] >= 2))
    m = first.shape[1]
    refused(lambda: cost(first.T, y.T), ShapeError, name, f"{name}.T", f"{name}.reshape(1, -1)", f"(1, {m})")
    refused(lambda: cost(first, y.T), ShapeError, "y", "y.T", "y.reshape(1, -1)", f"(the shape of {name})")


@cost_keys
@BAD
@given(data=st.data(), shape=array_shapes(min_dims=0, max_dims=3, max_side=4))
def test_every_cost_refuses_labels_of_another_shape_before_any_arithmetic(key, data, shape):
    cost, name, _, _ = COSTS[key]
    first, _ = data.draw(good_pair(key))
    assume(shape != first.shape)
    y = np.zeros(shape)
    refused(lambda: cost(first, y), ShapeError, "y", str(first.shape), f"(the shape of {name})")


@cost_keys
@BAD
@given(shape=st.one_of(st.just(()), array_shapes(min_dims=3, max_dims=3, max_side=3)))
def test_every_cost_refuses_a_first_argument_that_is_not_two_dimensional(key, shape):
    cost, name, _, _ = COSTS[key]
    refused(lambda: cost(np.zeros(shape), np.zeros(shape)), ShapeError, name, str(shape))


@cost_keys
@BAD
@given(n=st.integers(0, 4))
def test_every_cost_refuses_an_empty_set_of_examples_instead_of_a_nan(key, n):
    cost, name, kind, _ = COSTS[key]
    first = np.zeros((n, 0))
    if n == 0 or (kind == "classes" and n < 2):
        refused(lambda: cost(first, first.copy()), ShapeError, name)  # no rows (or one class)
    else:
        refused(lambda: cost(first, first.copy()), ValueError, name, "m = 0")


@pytest.mark.parametrize("key", ONE_HOT)
@BAD
@given(m=st.integers(1, 4))
def test_softmax_costs_refuse_a_single_class(key, m):
    cost, name, _, _ = COSTS[key]
    refused(lambda: cost(np.ones((1, m)), np.ones((1, m))), ShapeError, name, "k >= 2")


@cost_keys
@BAD
@given(data=st.data(), which=st.sampled_from([0, 1]))
def test_every_cost_refuses_nan_and_infinity_by_name(key, data, which):
    cost, first_name, _, _ = COSTS[key]
    args = list(data.draw(good_pair(key)))
    args[which] = data.draw(with_one(args[which], data.draw(non_finite)))
    refused(lambda: cost(*args), ValueError, [first_name, "y"][which], "non-finite")


@pytest.mark.parametrize("key", BINARY)
@BAD
@given(data=st.data(), label=st.floats(-10, 10).filter(lambda v: v not in (0.0, 1.0)))
def test_binary_costs_refuse_labels_other_than_0_and_1_by_name(key, data, label):
    cost = COSTS[key][0]
    first, y = data.draw(good_pair(key))
    refused(lambda: cost(first, data.draw(with_one(y, label))), ValueError, "y", "labels 0 or 1")


@pytest.mark.parametrize("key", ONE_HOT)
@BAD
@given(data=st.data())
def test_softmax_costs_refuse_labels_that_are_not_one_hot_columns_by_name(key, data):
    cost = COSTS[key][0]
    first, y = data.draw(good_pair(key))
    column = data.draw(st.integers(0, y.shape[1] - 1))
    y[:, column] = data.draw(st.sampled_from([0.0, 1.0]))  # no 1, or k >= 2 of them
    refused(lambda: cost(first, y), ValueError, "y", "one-hot", f"column {column}")


@pytest.mark.parametrize("key", ["binary_cross_entropy", "cross_entropy"])
@BAD
@given(data=st.data(), value=st.one_of(st.floats(-1e3, -1e-9), st.floats(1 + 1e-9, 1e3)))
def test_costs_of_probabilities_refuse_values_outside_zero_to_one_by_name(key, data, value):
    cost = COSTS[key][0]
    first, y = data.draw(good_pair(key))
    refused(lambda: cost(data.draw(with_one(first, value)), y), ValueError, "a", "probabilities")


@BAD
@given(data=st.data(), off=st.floats(2 * losses.SUM_TOLERANCE, 0.5))
def test_cross_entropy_refuses_columns_that_do_not_sum_to_one_by_name(data, off):
    a, y = data.draw(good_pair("cross_entropy"))
    column = data.draw(st.integers(0, a.shape[1] - 1))
    a[:, column] = a[:, column] * (1 - off)  # still in [0, 1], sums to 1 - off
    refused(lambda: losses.cross_entropy(a, y), ValueError, "a", "sum to 1", "SUM_TOLERANCE",
            f"column {column}")


@pytest.mark.parametrize("check", [losses.check_binary_labels, losses.check_one_hot])
@BAD
@given(bad=not_real_numbers, name=st.sampled_from(["y", "Y", "labels"]))
def test_the_label_checks_refuse_what_is_not_real_numbers_by_the_name_given(check, bad, name):
    refused(lambda: check(bad, name), TypeError, name)


@BAD
@given(y=matrices(elements=st.floats(-3, 3)).filter(lambda y: np.any((y != 0) & (y != 1))))
def test_check_binary_labels_refuses_other_labels_by_name(y):
    refused(lambda: losses.check_binary_labels(y, "Y"), ValueError, "Y", "labels 0 or 1")


@BAD
@given(shape=st.one_of(st.just(()), array_shapes(min_dims=1, max_dims=1),
                       array_shapes(min_dims=3, max_dims=3, max_side=3)))
def test_check_one_hot_refuses_labels_that_are_not_two_dimensional_by_name(shape):
    refused(lambda: losses.check_one_hot(np.ones(shape), "Y"), ShapeError, "Y", str(shape))


# ---- losses: good input ----------------------------------------------------------------------

@cost_keys
@GOOD
@given(data=st.data())
def test_every_cost_takes_good_input_without_a_warning_and_leaves_it_unchanged(key, data):
    cost = COSTS[key][0]
    first, y = data.draw(good_pair(key))
    before = first.copy(), y.copy()
    out = accepted(lambda: cost(first, y))
    np.testing.assert_array_equal(first, before[0])
    np.testing.assert_array_equal(y, before[1])
    if key == "output_delta":
        np.testing.assert_array_equal(out, first - y)
    else:
        assert type(out) is float and np.isfinite(out) and out >= 0


@pytest.mark.parametrize("key", ["binary_cross_entropy_with_logits", "softmax_cross_entropy_with_logits"])
@GOOD
@given(data=st.data())
def test_logit_costs_are_finite_and_warning_free_for_logits_up_to_1e300(key, data):
    cost = COSTS[key][0]
    first, y = data.draw(good_pair(key, elements=st.floats(-1e300, 1e300)))
    out = accepted(lambda: cost(first, y))
    assert np.isfinite(out) and out >= 0


@GOOD
@given(data=st.data())
def test_the_cost_from_logits_equals_the_cost_of_the_sigmoid(data):
    z, y = data.draw(good_pair("binary_cross_entropy_with_logits", elements=st.floats(-10, 10)))
    assert losses.binary_cross_entropy_with_logits(z, y) == pytest.approx(
        losses.binary_cross_entropy(act.sigmoid(z), y), rel=1e-9, abs=1e-12)


@GOOD
@given(data=st.data())
def test_the_softmax_cost_from_logits_equals_the_cost_of_the_softmax(data):
    z, y = data.draw(good_pair("softmax_cross_entropy_with_logits", elements=st.floats(-10, 10)))
    assert losses.softmax_cross_entropy_with_logits(z, y) == pytest.approx(
        losses.cross_entropy(act.softmax(z), y), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("output, key", [("sigmoid", "binary_cross_entropy_with_logits"),
                                         ("softmax", "softmax_cross_entropy_with_logits"),
                                         ("linear", "half_mean_squared_error")])
@GOOD
@given(data=st.data())
def test_cost_from_logits_is_the_cost_of_its_output_layer_with_or_without_checks(output, key, data):
    z, y = data.draw(good_pair(key))
    J = accepted(lambda: losses.cost_from_logits(z, y, output))
    assert J == COSTS[key][0](z, y)
    assert accepted_unchecked(lambda: losses.cost_from_logits_unchecked(z, y, output)) == J


@BAD
@given(output=st.one_of(st.sampled_from(["tanh", "Sigmoid", "", "relu"]), st.none(), st.integers()))
def test_cost_from_logits_refuses_an_output_without_a_cost(output):
    z, y = np.zeros((1, 3)), np.zeros((1, 3))
    error = TypeError if not isinstance(output, str) else ValueError
    refused(lambda: losses.cost_from_logits(z, y, output), error, "output", "'sigmoid', 'softmax', 'linear'")


# ---- activations without checks: the same numbers ------------------------------------------

names = st.sampled_from(sorted(act.ACTIVATIONS))
alphas = st.one_of(st.none(), st.floats(0, 1))


@GOOD
@given(name=names, alpha=alphas, z=matrices(elements=any_finite))
def test_the_functions_without_checks_give_the_numbers_of_the_checked_ones(name, alpha, z):
    g, g_prime = act.activation_functions(name, alpha)
    from_output = act.grad_from_output_function(name, alpha)
    if name == "leaky_relu":
        a_alpha = act.LEAKY_ALPHA if alpha is None else alpha
        checked = (lambda t: act.leaky_relu(t, a_alpha)), (lambda t: act.leaky_relu_grad(t, a_alpha))
    else:
        checked = act.ACTIVATIONS[name]
    a = accepted_unchecked(lambda: g(z))
    np.testing.assert_array_equal(a, accepted(lambda: checked[0](z)))
    np.testing.assert_array_equal(accepted_unchecked(lambda: g_prime(z)), accepted(lambda: checked[1](z)))
    if name != "leaky_relu" or alpha is None:
        np.testing.assert_array_equal(accepted_unchecked(lambda: from_output(a)),
                                      accepted(lambda: act.GRAD_FROM_OUTPUT[name](a)))
    else:  # written with a: 1 where a > 0 (exactly where z > 0), alpha elsewhere
        np.testing.assert_array_equal(accepted_unchecked(lambda: from_output(a)), np.where(z > 0, 1.0, alpha))


@GOOD
@given(z=matrices(elements=any_finite), axis=st.sampled_from([0, 1, -1]))
def test_softmax_and_log_softmax_without_checks_give_the_numbers_of_the_checked_ones(z, axis):
    np.testing.assert_array_equal(accepted_unchecked(lambda: act.softmax_unchecked(z, axis)),
                                  act.softmax(z, axis))
    np.testing.assert_array_equal(accepted_unchecked(lambda: act.log_softmax_unchecked(z, axis)),
                                  act.log_softmax(z, axis))


@pytest.mark.parametrize("get", [act.activation_functions, act.grad_from_output_function])
@BAD
@given(name=st.one_of(st.none(), st.integers(), st.just(act.tanh), st.just(["tanh"]),
                      st.sampled_from(["softmax", "ReLU", "softplus", ""])))
def test_the_functions_without_checks_are_only_had_for_a_checked_name(get, name):
    error = ValueError if isinstance(name, str) else TypeError
    refused(lambda: get(name), error, "name")


@pytest.mark.parametrize("get", [act.activation_functions, act.grad_from_output_function])
@BAD
@given(name=names, alpha=st.one_of(not_scalars.filter(lambda v: v is not None), non_finite,
                                   st.floats(-10, -1e-9), st.floats(1 + 1e-9, 10)))
def test_the_functions_without_checks_refuse_an_alpha_outside_zero_to_one(get, name, alpha):
    error = TypeError if not isinstance(alpha, float) else ValueError
    refused(lambda: get(name, alpha), error, "alpha")


# ---- initializers: bad input -----------------------------------------------------------------

unknown_methods = st.text(max_size=8).filter(lambda s: s not in ini.METHODS)
not_counts = st.one_of(st.floats().filter(lambda v: not (np.isfinite(v) and v == int(v) and v >= 1)),
                       st.integers(max_value=0))
bad_scales = st.one_of(st.floats().filter(lambda v: not (np.isfinite(v) and v > 0)))
bad_seeds = st.one_of(st.integers(max_value=-1),
                      st.floats().filter(lambda v: not (np.isfinite(v) and v == int(v) and v >= 0)))
GOOD_DIMS = [3, 4, 2]


def _value_or_type_error(value):
    return ValueError if isinstance(value, (int, float)) and not isinstance(value, bool) else TypeError


@BAD
@given(method=st.one_of(unknown_methods, st.none(), st.integers(),
                        st.lists(st.sampled_from(ini.METHODS), max_size=1)))
def test_initialize_and_init_std_refuse_unknown_methods_listing_the_valid_ones(method):
    error = ValueError if isinstance(method, str) else TypeError
    refused(lambda: ini.initialize(GOOD_DIMS, method=method), error, "method", "'he', 'glorot'")
    refused(lambda: ini.init_std(method, 3, 4), error, "method", "'zeros', 'random', 'xavier'")


@pytest.mark.parametrize("method", ini.METHODS)
@BAD
@given(scale=st.one_of(bad_scales, not_scalars))
def test_initialize_and_init_std_refuse_a_scale_that_is_not_a_finite_positive_number(method, scale):
    error = _value_or_type_error(scale)
    refused(lambda: ini.initialize(GOOD_DIMS, method=method, scale=scale), error, "scale")
    refused(lambda: ini.init_std(method, 3, 4, scale), error, "scale")


@pytest.mark.parametrize("method", ini.METHODS)
@BAD
@given(n=st.one_of(not_counts, not_scalars), which=st.sampled_from(["n_prev", "n_curr"]))
def test_init_std_refuses_layer_sizes_that_are_not_counts(method, n, which):
    sizes = {"n_prev": 3, "n_curr": 4, which: n}
    refused(lambda: ini.init_std(method, **sizes), _value_or_type_error(n), which)


@pytest.mark.parametrize("f", [ini.initialize, ini.check_layer_dims])
@BAD
@given(dims=st.one_of(st.none(), st.text(max_size=4), st.integers(), st.floats(),
                      st.dictionaries(st.integers(1, 5), st.integers(1, 5), max_size=3),
                      st.sets(st.integers(1, 5), max_size=3)))
def test_layer_dims_that_is_not_a_list_of_sizes_is_refused(f, dims):
    refused(lambda: f(dims), TypeError, "layer_dims")


@pytest.mark.parametrize("f", [ini.initialize, ini.check_layer_dims])
@BAD
@given(data=st.data(), bad=st.one_of(not_counts, not_scalars))
def test_layer_dims_with_a_size_that_is_not_a_count_is_refused_naming_the_entry(f, data, bad):
    dims = data.draw(st.lists(st.integers(1, 5), min_size=2, max_size=4))
    l = data.draw(st.integers(0, len(dims) - 1))
    dims[l] = bad
    refused(lambda: f(dims), _value_or_type_error(bad), "layer_dims", f"layer_dims[{l}]")


@pytest.mark.parametrize("f", [ini.initialize, ini.check_layer_dims])
@BAD
@given(dims=st.lists(st.integers(1, 5), max_size=1))
def test_layer_dims_with_fewer_than_two_sizes_is_refused(f, dims):
    refused(lambda: f(dims), ValueError, "layer_dims", "at least")


@BAD
@given(seed=st.one_of(bad_seeds, not_scalars.filter(lambda v: not isinstance(v, np.random.Generator))))
def test_initialize_refuses_a_seed_that_is_not_a_whole_number_or_a_generator(seed):
    refused(lambda: ini.initialize(GOOD_DIMS, seed=seed), _value_or_type_error(seed), "seed")


@BAD
@given(rng=st.one_of(st.integers(), st.text(max_size=3), st.floats(),
                     st.builds(np.random.RandomState, st.integers(0, 9))))
def test_initialize_refuses_an_rng_that_is_not_a_generator(rng):
    refused(lambda: ini.initialize(GOOD_DIMS, rng=rng), TypeError, "rng")


# ---- initializers: good input ----------------------------------------------------------------

@GOOD
@given(dims=st.lists(st.integers(1, 6), min_size=2, max_size=4), method=st.sampled_from(ini.METHODS),
       scale=st.floats(1e-3, 1e3), seed=st.integers(0, 2**64))
def test_initialize_gives_the_course_shapes_zero_biases_and_the_same_numbers_for_a_seed(
        dims, method, scale, seed):
    params = accepted(lambda: ini.initialize(dims, method, scale, seed))
    assert list(params) == [f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"]
    for l in range(1, len(dims)):
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1]) and params[f"W{l}"].dtype == np.float64
        assert params[f"b{l}"].shape == (dims[l], 1) and not params[f"b{l}"].any()
    again = ini.initialize(list(map(float, dims)), method, scale, seed)  # 3.0 is a count too
    for key in params:
        np.testing.assert_array_equal(params[key], again[key])


@GOOD
@given(method=st.sampled_from(ini.METHODS), n_prev=st.integers(1, 10**6), n_curr=st.integers(1, 10**6),
       scale=st.floats(1e-6, 1e6))
def test_init_std_is_a_finite_number_and_positive_except_for_zeros(method, n_prev, n_curr, scale):
    std = accepted(lambda: ini.init_std(method, n_prev, n_curr, scale))
    assert type(std) is float and np.isfinite(std) and (std == 0) == (method == "zeros")


# ---- the public surface of the numerical core: __all__ and each module's API table ---------

CORE = ["helpers.shapes", "helpers.activations", "helpers.losses", "helpers.initializers",
        "helpers.network", "helpers.gradcheck", "helpers.deepstats", "helpers.datasets", "helpers.autodiff",
        "helpers.optimizers", "helpers.surfaces", "helpers.conv"]


@pytest.mark.parametrize("name", CORE)
def test_a_core_module_defines_exactly_its_all_and_its_docstring_ends_with_their_table(name):
    module = importlib.import_module(name)
    listed = set(module.__all__)
    assert len(listed) == len(module.__all__) and all(hasattr(module, n) for n in listed)
    assert public_top_level_names(module) == listed
    table = module.__doc__.split("\nPublic API", 1)[1]
    assert [n for n in module.__all__ if not re.search(rf"\b{n}\b", table)] == []
    assert "\n\n" not in table.strip()  # the table ends the docstring
    assert len(table.strip().splitlines()) <= 30  # one screen
