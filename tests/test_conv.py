"""helpers.conv (windowed layers: locally connected and shared-weight 1-D convolution, and a
model that stacks them with dense layers) and helpers.datasets.ecg_traces.

Forward passes against np.correlate and explicit loops; locally connected with equal rows is
conv1d; every backward pass against two-sided differences (helpers.gradcheck); a model of
dense layers only is helpers.network; the boundary checks name the argument and the shapes.
"""
import numpy as np
import pytest

from helpers import conv, datasets
from helpers import gradcheck as gc
from helpers import network as net
from helpers.shapes import ShapeError
from support import ecg_network

L = conv.Layer
RNG = np.random.default_rng(1100)


# ---- windows ----------------------------------------------------------------------------

def test_the_lectures_layers_have_9_and_3_units():
    assert conv.output_length(100, 20, 10) == 9
    assert conv.output_length(9, 5, 2) == 3
    assert conv.output_length(8, 8, 5) == 1


def test_window_indices_are_the_lectures_x1_to_x20_x11_to_x30_and_so_on():
    w = conv.window_indices(100, 20, 10)
    assert w.shape == (9, 20) and w.dtype.kind == "i"
    np.testing.assert_array_equal(w[0], np.arange(20))
    np.testing.assert_array_equal(w[1], np.arange(10, 30))
    assert w[-1, -1] == 99


def test_image_windows_are_squares_of_pixels_read_row_by_row():
    squares = conv.image_window_indices(8, 8, 4, 2)
    assert squares.shape == (9, 16)
    np.testing.assert_array_equal(squares[0], [r * 8 + c for r in range(4) for c in range(4)])
    np.testing.assert_array_equal(squares[4], [r * 8 + c for r in range(2, 6) for c in range(2, 6)])
    assert conv.image_window_indices(6, 10, 2, 2).shape == (15, 4)  # 3 rows x 5 columns


@pytest.mark.parametrize("n_in, window, stride, name", [
    (10, 12, 1, "window"), (100, 20, 7, "stride"), (10, 0, 1, "window"), (10, 3, 0, "stride"),
    (10, -2, 1, "window"), (10, 3, 1.5, "stride"), (0, 1, 1, "n_in")])
def test_windows_that_cannot_tile_the_input_are_refused_naming_the_argument(n_in, window, stride, name):
    with pytest.raises(ValueError, match=rf"^{name}"):
        conv.output_length(n_in, window, stride)
    with pytest.raises(ValueError, match=rf"^{name}"):
        conv.window_indices(n_in, window, stride)


def test_a_stride_that_does_not_tile_gets_the_remainder_and_strides_that_do():
    with pytest.raises(ValueError) as err:
        conv.output_length(100, 20, 7)
    assert "80 % 7 = 3" in str(err.value) and "10" in str(err.value)


# ---- forward --------------------------------------------------------------------------------

def _loop_conv(a, w, b, stride):
    window = w.shape[0]
    return np.array([w @ a[s:s + window] + b for s in range(0, a.shape[0] - window + 1, stride)])


@pytest.mark.parametrize("n_in, window, stride", [(12, 3, 3), (100, 20, 10), (9, 5, 2), (7, 7, 1),
                                                  (11, 3, 1)])
def test_conv1d_is_numpys_correlate_and_an_explicit_loop(n_in, window, stride):
    A = RNG.standard_normal((n_in, 4))
    w, b = RNG.standard_normal(window), 0.3
    Z, _ = conv.conv1d_forward(A, w, np.array([[b]]), stride)
    for i in range(4):
        np.testing.assert_allclose(Z[:, i], np.correlate(A[:, i], w, "valid")[::stride] + b, rtol=1e-13)
        np.testing.assert_allclose(Z[:, i], _loop_conv(A[:, i], w, b, stride), rtol=1e-13)


def test_conv1d_with_several_filters_stacks_their_maps_filter_by_filter():
    A = RNG.standard_normal((12, 3))
    w, b = RNG.standard_normal((2, 4)), np.array([[0.5], [-1.0]])
    Z, _ = conv.conv1d_forward(A, w, b, 2)
    assert Z.shape == (2 * 5, 3)
    for f in range(2):
        one, _ = conv.conv1d_forward(A, w[f], b[f:f + 1], 2)
        np.testing.assert_allclose(Z[5 * f:5 * (f + 1)], one, rtol=1e-14)


def test_locally_connected_is_a_weight_row_per_unit_over_its_own_window():
    A = RNG.standard_normal((100, 5))
    W, b = RNG.standard_normal((9, 20)), RNG.standard_normal((9, 1))
    Z, _ = conv.locally_connected_forward(A, W, b, 10)
    for j in range(9):
        np.testing.assert_allclose(Z[j], W[j] @ A[10 * j:10 * j + 20] + b[j], rtol=1e-13)


def test_locally_connected_with_equal_rows_is_conv1d():
    A = RNG.standard_normal((9, 6))
    w = RNG.standard_normal(5)
    Z_local, _ = conv.locally_connected_forward(A, np.tile(w, (3, 1)), np.full((3, 1), 0.7), 2)
    Z_conv, _ = conv.conv1d_forward(A, w, np.array([[0.7]]), 2)
    np.testing.assert_allclose(Z_local, Z_conv, rtol=1e-14)


def test_the_layers_do_not_change_their_inputs():
    A, W, b = RNG.standard_normal((9, 4)), RNG.standard_normal((3, 5)), RNG.standard_normal((3, 1))
    before = [A.copy(), W.copy(), b.copy()]
    Z, cache = conv.locally_connected_forward(A, W, b, 2)
    conv.locally_connected_backward(np.ones_like(Z), cache)
    Z, cache = conv.conv1d_forward(A, W[0], b[:1], 2)
    conv.conv1d_backward(np.ones_like(Z), cache)
    for x, y in zip(before, [A, W, b]):
        np.testing.assert_array_equal(x, y)


# ---- backward: against finite differences -----------------------------------------------------

def _layer_gradcheck(forward, backward, A, P, c, stride):
    """J = (1/m) sum(R * Z): backward(dZ = R) must give dJ/dP, dJ/dc, and m dJ/dA (per example)."""
    m = A.shape[1]
    Z, cache = forward(A, P, c, stride)
    R = RNG.standard_normal(Z.shape)
    dA, dP, dc = backward(R, cache)

    def J(A_, P_, c_):
        return float(np.sum(R * forward(A_, P_, c_, stride)[0]) / m)

    for got, numeric in [(dP, gc.numerical_gradient(lambda v: J(A, v, c), P)),
                         (dc, gc.numerical_gradient(lambda v: J(A, P, v), c)),
                         (dA / m, gc.numerical_gradient(lambda v: J(v, P, c), A))]:
        assert got.shape == numeric.shape
        assert gc.relative_difference(numeric, got) < 1e-7


@pytest.mark.parametrize("n_in, window, stride", [(100, 20, 10), (9, 5, 2), (10, 4, 3), (6, 6, 1)])
def test_locally_connected_backward_matches_finite_differences(n_in, window, stride):
    n_out = conv.output_length(n_in, window, stride)
    _layer_gradcheck(conv.locally_connected_forward, conv.locally_connected_backward,
                     RNG.standard_normal((n_in, 3)), RNG.standard_normal((n_out, window)),
                     RNG.standard_normal((n_out, 1)), stride)


@pytest.mark.parametrize("shape", [(5,), (1, 5), (3, 5)])
@pytest.mark.parametrize("stride", [1, 2])
def test_conv1d_backward_matches_finite_differences(shape, stride):
    F = 1 if len(shape) == 1 else shape[0]
    _layer_gradcheck(conv.conv1d_forward, conv.conv1d_backward, RNG.standard_normal((9, 4)),
                     RNG.standard_normal(shape), RNG.standard_normal((F, 1)), stride)


@pytest.mark.parametrize("layers", [
    ecg_network("local"), ecg_network("conv"), ecg_network("dense"),
    [L("conv", "relu", window=20, stride=10, filters=2), L("dense", "tanh", units=4),
     L("dense", "sigmoid", units=1)],
    [L("local", "sigmoid", window=20, stride=10), L("conv", "leaky_relu", window=3, stride=3),
     L("dense", "sigmoid", units=1)]], ids=["local", "conv", "dense", "2 filters", "mixed"])
def test_the_models_gradients_match_finite_differences_of_its_cost(layers):
    X, Y, _, _ = datasets.ecg_traces(n_train=5, n_test=0, seed=2)
    params = conv.initialize(100, layers, "xavier", seed=3)
    params = {k: v + 0.1 * RNG.standard_normal(v.shape) for k, v in params.items()}  # biases too
    AL, caches = conv.forward(X, params, layers)
    grads = conv.backward(AL, Y, caches)
    report = gc.compare_gradients(lambda p: conv.cost(X, Y, p, layers), params, grads)
    assert report.relative_difference < 1e-7, report


def test_a_softmax_model_on_image_windows_has_the_right_gradients():
    d = datasets.digits()
    X, Y = d.X_train[:, :20], d.Y_train[:, :20]
    layers = [L("local", "tanh", windows=conv.image_window_indices(8, 8, 4, 2)),
              L("conv", "tanh", windows=conv.window_indices(9, 3, 3)), L("dense", "softmax", units=10)]
    params = conv.initialize(64, layers, "xavier", seed=0)
    AL, caches = conv.forward(X, params, layers)
    assert AL.shape == (10, 20) and caches[0].A.shape == (9, 20) and caches[1].A.shape == (3, 20)
    report = gc.compare_gradients(lambda p: conv.cost(X, Y, p, layers), params,
                                  conv.backward(AL, Y, caches))
    assert report.relative_difference < 1e-7, report


def test_a_model_of_dense_layers_is_helpers_network():
    X, Y, _, _ = datasets.ecg_traces(n_train=8, n_test=0, seed=4)
    layers = ecg_network("dense")
    params = conv.initialize(100, layers, "xavier", seed=1)
    AL, caches = conv.forward(X, params, layers)
    AL_net, caches_net = net.forward(X, params, ["tanh", "tanh", "sigmoid"])
    np.testing.assert_allclose(AL, AL_net, rtol=1e-14)
    grads, grads_net = conv.backward(AL, Y, caches), net.backward(AL_net, Y, caches_net)
    for key in grads_net:
        np.testing.assert_allclose(grads[key], grads_net[key], rtol=1e-12, atol=1e-16)
    assert conv.cost(X, Y, params, layers) == pytest.approx(
        net.network_cost(X, Y, params, ["tanh", "tanh", "sigmoid"]), rel=1e-14)


def test_train_lowers_the_cost_and_leaves_the_start_unchanged():
    X, Y, _, _ = datasets.ecg_traces(n_train=20, n_test=0, seed=5)
    layers = ecg_network("conv")
    start = conv.initialize(100, layers, "xavier", seed=0)
    kept = {k: v.copy() for k, v in start.items()}
    params, costs = conv.train(X, Y, layers, start, 0.05, 200)
    assert len(costs) == 200 and costs[-1] < costs[0]
    assert conv.cost(X, Y, params, layers) < costs[-1]
    for k in start:
        np.testing.assert_array_equal(start[k], kept[k])
    labels = conv.predict(X, params, layers)
    assert labels.shape == (1, 20) and set(np.unique(labels)) <= {0, 1}


# ---- parameters -------------------------------------------------------------------------------

def test_the_lectures_network_has_211_31_and_943_parameters():
    assert conv.count_parameters(100, ecg_network("local")) == ([(180, 9), (15, 3), (3, 1)], 211)
    assert conv.count_parameters(100, ecg_network("conv")) == ([(20, 1), (5, 1), (3, 1)], 31)
    assert conv.count_parameters(100, ecg_network("dense")) == ([(900, 9), (27, 3), (3, 1)], 943)
    assert conv.layer_sizes(100, ecg_network("conv")) == [100, 9, 3, 1]
    params = conv.initialize(100, ecg_network("local"), "he", seed=0)
    assert sum(v.size for v in params.values()) == 211
    assert params["W1"].shape == (9, 20) and not params["b1"].any()


def test_initialize_scales_each_unit_by_its_window_and_is_seeded():
    layers = ecg_network("local")
    a = conv.initialize(100, layers, "he", seed=7)
    b = conv.initialize(100, layers, "he", seed=7)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    big = conv.initialize(100, [L("local", "relu", window=20, stride=10), L("dense", "sigmoid", units=1)],
                          "he", seed=0)
    assert np.std(big["W1"]) == pytest.approx(np.sqrt(2 / 20), rel=0.25)


# ---- boundary checks --------------------------------------------------------------------------

A9 = RNG.standard_normal((9, 3))


@pytest.mark.parametrize("call, error, words", [
    (lambda: conv.conv1d_forward(A9, np.ones(12), np.zeros((1, 1)), 1), ValueError,
     ["w (shape (12,))", "9 rows"]),
    (lambda: conv.conv1d_forward(A9, np.ones(4), np.zeros((1, 1)), 2), ValueError, ["stride=2", "5 % 2 = 1"]),
    (lambda: conv.conv1d_forward(A9, np.ones(3), np.zeros((1, 1)), 0), ValueError, ["stride"]),
    (lambda: conv.conv1d_forward(A9, np.ones((2, 3)), np.zeros((1, 1)), 3), ShapeError,
     ["b has shape (1, 1)", "(2, 1)"]),
    (lambda: conv.conv1d_forward(A9, np.ones((1, 1, 3)), np.zeros((1, 1)), 3), ShapeError,
     ["w has shape (1, 1, 3)"]),
    (lambda: conv.conv1d_forward(A9[:, 0], np.ones(3), np.zeros((1, 1)), 3), ShapeError,
     ["A_prev", "rank-1"]),
    (lambda: conv.conv1d_forward(A9, np.array([1.0, np.nan, 1.0]), np.zeros((1, 1)), 3), ValueError, ["w"]),
    (lambda: conv.conv1d_forward(A9, ["a", "b"], np.zeros((1, 1)), 3), TypeError, ["w"]),
    (lambda: conv.locally_connected_forward(A9, np.ones((4, 5)), np.zeros((4, 1)), 2), ShapeError,
     ["W has shape (4, 5)", "give 3 units", "(3, 5)"]),
    (lambda: conv.locally_connected_forward(A9, np.ones((3, 10)), np.zeros((3, 1)), 2), ValueError,
     ["W (shape (3, 10))", "9 rows"]),
    (lambda: conv.locally_connected_forward(A9, np.ones((3, 5)), np.zeros((1, 3)), 2), ShapeError,
     ["b has shape (1, 3)", "transposed"]),
    (lambda: conv.locally_connected_forward(A9, np.ones((5, 3)), np.zeros((5, 1)), 2.5), ValueError,
     ["stride"]),
])
def test_bad_arguments_of_the_layers_are_refused_naming_them_and_their_shapes(call, error, words):
    with pytest.raises(error) as err:
        call()
    assert type(err.value) is error
    for word in words:
        assert word in str(err.value), str(err.value)


def test_backward_refuses_a_dz_of_another_shape_and_a_foreign_cache():
    Z, cache = conv.locally_connected_forward(A9[:, :2], np.ones((3, 5)), np.zeros((3, 1)), 2)
    with pytest.raises(ShapeError, match="^dZ has shape"):
        conv.locally_connected_backward(Z.T, cache)
    with pytest.raises(TypeError, match="^cache must be the ConvCache"):
        conv.conv1d_backward(Z, cache)
    with pytest.raises(ValueError, match="^dZ has no examples"):
        conv.locally_connected_backward(Z[:, :0], cache._replace(Z=Z[:, :0]))


def test_the_model_names_the_parameter_of_the_wrong_shape_and_the_layer_it_belongs_to():
    layers = ecg_network("local")
    params = conv.initialize(100, layers, "xavier", seed=0)
    X = RNG.standard_normal((100, 2))
    with pytest.raises(ShapeError, match=r"^W2 has shape \(5, 3\), expected \(3, 5\) for layers\[1\]"):
        conv.forward(X, {**params, "W2": params["W2"].T}, layers)
    with pytest.raises(ValueError, match="^params has no 'b3'"):
        conv.forward(X, {k: v for k, v in params.items() if k != "b3"}, layers)
    with pytest.raises(ValueError, match=r"^layers\[0\].*does not fit its 95 inputs: stride=10"):
        conv.forward(RNG.standard_normal((95, 2)), params, layers)
    with pytest.raises(ValueError, match=r"^Y must hold labels 0 or 1"):
        conv.cost(X, np.array([[0.0, 2.0]]), params, layers)


@pytest.mark.parametrize("make, error", [
    (lambda: L("pool", "tanh", window=2, stride=2), ValueError),
    (lambda: L("dense", "tanh"), TypeError),
    (lambda: L("dense", "tanh", units=3, window=2), ValueError),
    (lambda: L("local", "tanh", units=3), ValueError),
    (lambda: L("local", "tanh", window=0, stride=1), ValueError),
    (lambda: L("local", "tanh", window=3, stride=1, filters=2), ValueError),
    (lambda: L("conv", "tanh", windows=np.array([[0.5, 1.0]])), TypeError),
    (lambda: L("conv", "tanh", windows=np.array([[-1, 0]])), ValueError),
    (lambda: L("conv", 3, window=2, stride=1), TypeError),
])
def test_a_layer_spec_that_makes_no_sense_is_refused(make, error):
    with pytest.raises(error):
        make()


def test_the_output_layer_must_be_dense_with_a_cost_and_hidden_activations_must_exist():
    X = RNG.standard_normal((100, 2))
    with pytest.raises(ValueError, match=r"^layers\[-1\]"):
        conv.initialize(100, [L("local", "sigmoid", window=20, stride=10)], "he")
    with pytest.raises(ValueError, match=r"^layers\[0\] has activation 'softplus'"):
        conv.initialize(100, [L("dense", "softplus", units=2), L("dense", "sigmoid", units=1)], "he")
    with pytest.raises(TypeError, match="^layers must be"):
        conv.forward(X, {}, L("dense", "sigmoid", units=1))


# ---- the ECG-like data set ----------------------------------------------------------------------

def test_ecg_traces_have_the_lectures_100_samples_half_of_each_class_and_are_seeded():
    X_train, Y_train, X_test, Y_test = datasets.ecg_traces(n_train=30, n_test=11, seed=4)
    assert X_train.shape == (100, 30) and Y_train.shape == (1, 30)
    assert X_test.shape == (100, 11) and Y_test.shape == (1, 11)
    assert all(a.dtype == np.float64 for a in (X_train, Y_train, X_test, Y_test))
    assert Y_train.sum() == 15 and Y_test.sum() == 5 and set(np.unique(Y_train)) == {0.0, 1.0}
    again = datasets.ecg_traces(n_train=30, n_test=11, seed=4)
    np.testing.assert_array_equal(again[0], X_train)
    assert not np.array_equal(datasets.ecg_traces(n_train=30, n_test=11, seed=5)[0], X_train)
    assert datasets.ecg_traces(0, 0)[0].shape == (100, 0)


def _peaks(x):
    inner = (x[1:-1] > x[:-2]) & (x[1:-1] >= x[2:]) & (x[1:-1] > 0.5)
    return np.flatnonzero(inner) + 1


def test_a_positive_trace_has_one_pause_of_two_beats_and_a_negative_one_none():
    X, Y, _, _ = datasets.ecg_traces(n_train=200, n_test=0, noise=0.0, seed=6)
    for x, y in zip(X.T, Y[0]):
        gaps = np.diff(_peaks(x))
        assert np.all(gaps >= 17)
        if y == 0:
            assert np.all(gaps <= 21)
        elif gaps.size:  # a pause at the edge of the trace shows as a missing first or last beat
            assert np.sum(gaps > 30) <= 1
    long_gaps = [np.any(np.diff(_peaks(x)) > 30) for x in X[:, Y[0] == 1].T]
    assert np.mean(long_gaps) > 0.6  # most pauses lie inside the trace


def test_ecg_noise_is_the_std_it_is_given():
    clean = datasets.ecg_traces(n_train=50, n_test=0, noise=0.0, seed=8)[0]
    noisy = datasets.ecg_traces(n_train=50, n_test=0, noise=0.2, seed=8)[0]
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.05)
