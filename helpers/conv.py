"""Layers of units that each look at a window of their input (MLS course 2 week 2, lesson 11).

Notation of the course: A_prev (n_in, m), one example per column. Unit j of a windowed layer
looks at the `window` inputs j*stride, ..., j*stride + window - 1 (counting from 0), so the
layer has n_out = (n_in - window) // stride + 1 units, and the windows must tile the input:
(n_in - window) % stride == 0 (the lecture's 100 inputs, windows of 20, stride 10: 9 units).
Two kinds, which differ only in who owns the weights:

    locally connected  each unit j has its own weights W[j] (window,) and bias b[j]:
                       z_j = W[j] . a_prev[window j] + b[j]        W (n_out, window), b (n_out, 1)
                       (the lecture's "convolutional layer": units that each see a window)
    conv1d             one filter w (window,) and bias b, the same for every unit, slid along
                       the input: z_j = w . a_prev[window j] + b, what frameworks compute as a
                       convolution (strictly a cross-correlation: the filter is not flipped).
                       F filters w (F, window), b (F, 1) give F maps of n_out units, stacked
                       filter by filter: Z (F * n_out, m)

Both return Z (no activation); the model below applies g. Backward follows
helpers.network.layer_backward: dZ is per example, dW = (1/m) sum over the examples, db the
same, dA_prev per example (its twin: *_forward returns (Z, cache), *_backward(dZ, cache)).
No Python loop over the examples: the windows are gathered with an index array,
A_prev[window_indices(...)] of shape (n_out, window, m).

The model stacks Layer specs, e.g. the lecture's ECG network
    [Layer("local", "tanh", window=20, stride=10), Layer("local", "tanh", window=5, stride=2),
     Layer("dense", "sigmoid", units=1)]
with params {"W1", "b1", ..., "WL", "bL"} as in helpers.network (a conv layer's W is its
filter(s) (F, window)); dense layers are helpers.network.layer_forward_unchecked /
layer_backward_unchecked (layer_forward / layer_backward without their checks: the model
checks once on entry, and train's loop runs thousands of steps), and the cost is
helpers.losses.cost_from_logits of the output layer ("sigmoid", "softmax" or "linear", which
must be dense). A windowed layer may instead take `windows`, an index array (n_out, k) of the
inputs each unit sees, e.g. image_window_indices(8, 8, 4, 2): squares of pixels of an 8 x 8 image.

Inputs are checked on entry (helpers.shapes' policy): window and stride whole numbers >= 1,
a window no longer than the input, a stride that tiles it, every W and b of the shape its
layer needs (the message names the key and both shapes), real and finite arrays.

Public API
    output_length(n_in, window, stride)          -> n_out = (n_in - window) // stride + 1
    window_indices(n_in, window, stride)         -> (n_out, window) ints: row j = unit j's inputs
    image_window_indices(height, width, window, stride) -> (n_out, window**2) pixel indices
    conv1d_forward(A_prev, w, b, stride)         -> (Z, ConvCache), shared weights
    conv1d_backward(dZ, cache)                   -> (dA_prev, dw, db)
    locally_connected_forward(A_prev, W, b, stride) -> (Z, LocalCache), a weight row per unit
    locally_connected_backward(dZ, cache)        -> (dA_prev, dW, db)
    ConvCache, LocalCache, ModelCache            what the forwards keep for backward
    Layer(kind, activation, *, window=None, stride=None, units=None, filters=1, windows=None)
                                                 one layer of a model: "conv", "local", "dense"
    layer_sizes(n_x, layers)                     -> [n_x, n1, ..., nL]
    count_parameters(n_x, layers)                -> the number of weights and biases, per layer
    initialize(n_x, layers, method, seed=0, scale=1.0) -> params {"W1", "b1", ...}
    forward(X, params, layers)                   -> (AL, caches)
    backward(AL, Y, caches)                      -> grads {"dW1", "db1", ...}
    cost(X, Y, params, layers)                   -> J from the output layer's logits
    train(X, Y, layers, params, learning_rate, num_iterations) -> (params, costs)
    predict(X, params, layers)                   -> labels (1, m)
"""
from collections import namedtuple

import numpy as np

from helpers import losses
from helpers import network as net
from helpers.activations import ACTIVATIONS, activation_functions, grad_from_output_function
from helpers.initializers import METHODS, init_std
from helpers.shapes import (ShapeError, as_array, check_choice, check_count, check_examples,
                            check_finite, check_positive, check_same_shape, check_seed,
                            check_shape)

__all__ = ["output_length", "window_indices", "image_window_indices", "conv1d_forward",
           "conv1d_backward", "locally_connected_forward", "locally_connected_backward",
           "ConvCache", "LocalCache", "ModelCache", "Layer", "layer_sizes", "count_parameters", "initialize",
           "forward", "backward", "cost", "train", "predict"]

ConvCache = namedtuple("ConvCache", ["A_prev", "w", "b", "windows", "Z"])
ConvCache.__doc__ = """What conv1d_forward keeps: A_prev, the filter(s) w (F, window) or
(window,), b (F, 1), the index array windows (n_out, window) and Z (F * n_out, m)."""
LocalCache = namedtuple("LocalCache", ["A_prev", "W", "b", "windows", "Z"])
ModelCache = namedtuple("ModelCache", ["layer", "cache", "A"])
ModelCache.__doc__ = """One layer of a model's forward: its Layer, its layer cache (ConvCache,
LocalCache or helpers.network.LayerCache) and its activations A (n[l], m)."""
LocalCache.__doc__ = """What locally_connected_forward keeps: A_prev, W (n_out, window),
b (n_out, 1), the index array windows (n_out, window) and Z (n_out, m)."""

_KINDS = ("conv", "local", "dense")
_THRESHOLD = 0.5
_G = {name: activation_functions(name)[0] for name in ACTIVATIONS}       # g(z), no checks
_G_FROM_A = {name: grad_from_output_function(name) for name in ACTIVATIONS}  # g'(z) from a


# ---- windows ---------------------------------------------------------------------------

def output_length(n_in, window, stride):
    """The number of units of a windowed layer: n_out = (n_in - window) // stride + 1.

    n_in, window, stride: whole numbers >= 1, window <= n_in, and the windows must tile the
    input, (n_in - window) % stride == 0 (else the last inputs would be seen by no unit).
    """
    n_in = check_count(n_in, "n_in")
    window = check_count(window, "window")
    stride = check_count(stride, "stride")
    if window > n_in:
        raise ValueError(f"window={window} is longer than the input: n_in = {n_in}; a unit "
                         f"cannot look at more inputs than there are")
    rest = (n_in - window) % stride
    if rest:
        fits = [s for s in range(1, min(n_in - window, 12) + 1) if (n_in - window) % s == 0]
        raise ValueError(f"stride={stride} does not tile n_in = {n_in} inputs with windows of "
                         f"{window}: (n_in - window) % stride = {n_in - window} % {stride} = "
                         f"{rest}, so the last {rest} input(s) would be seen by no unit; a stride "
                         f"that divides {n_in - window} does (e.g. {', '.join(map(str, fits))})")
    return (n_in - window) // stride + 1


def _windows(n_in, window, stride):
    starts = stride * np.arange((n_in - window) // stride + 1)
    return starts[:, None] + np.arange(window)[None, :]


def window_indices(n_in, window, stride):
    """Which inputs each unit sees: row j is [j*stride, ..., j*stride + window - 1].

    Checked as output_length. Returns an int64 array (n_out, window), e.g.
    window_indices(100, 20, 10)[1] = [10, ..., 29] (the lecture's x11 ... x30).
    """
    output_length(n_in, window, stride)  # checks the three
    return _windows(n_in, window, stride)


def image_window_indices(height, width, window, stride):
    """Square windows of an image stored row by row (pixel (r, c) is entry r * width + c).

    Unit (p, q) sees the window x window square whose top-left pixel is (p*stride, q*stride);
    units are numbered row by row. height, width: the image's size; window, stride: as for
    output_length, in both directions. Returns an int64 array (n_rows * n_cols, window**2),
    each row the square's pixels in reading order.
    """
    rows = window_indices(check_count(height, "height"), window, stride)
    cols = window_indices(check_count(width, "width"), window, stride)
    pixels = rows[:, None, :, None] * width + cols[None, :, None, :]  # (p, q, i, j)
    return pixels.reshape(rows.shape[0] * cols.shape[0], window * window)


# ---- the two layers, unchecked (the model's loop) and checked ---------------------------

def _conv(A_prev, w, b, windows):
    W = w.reshape(-1, windows.shape[1])
    Z = np.einsum("fk,jkm->fjm", W, A_prev[windows]) + b[:, :, None]
    Z = Z.reshape(-1, A_prev.shape[1])
    return Z, ConvCache(A_prev, w, b, windows, Z)


def _conv_backward(dZ, cache, with_dA_prev=True):
    windows, m = cache.windows, dZ.shape[1]
    W = cache.w.reshape(-1, windows.shape[1])
    dZ3 = dZ.reshape(W.shape[0], windows.shape[0], m)  # (F, n_out, m)
    dw = np.einsum("fjm,jkm->fk", dZ3, cache.A_prev[windows]) / m
    db = np.sum(dZ3, axis=(1, 2)).reshape(-1, 1) / m
    dA_prev = _scatter(np.einsum("fk,fjm->jkm", W, dZ3), cache) if with_dA_prev else None
    return dA_prev, dw.reshape(cache.w.shape), db


def _local(A_prev, W, b, windows):
    Z = np.einsum("jk,jkm->jm", W, A_prev[windows]) + b
    return Z, LocalCache(A_prev, W, b, windows, Z)


def _local_backward(dZ, cache, with_dA_prev=True):
    m = dZ.shape[1]
    dW = np.einsum("jm,jkm->jk", dZ, cache.A_prev[cache.windows]) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = _scatter(cache.W[:, :, None] * dZ[:, None, :], cache) if with_dA_prev else None
    return dA_prev, dW, db


def _scatter(d_windows, cache):
    """dA_prev: each window's share (n_out, window, m) added back to the inputs it came from
    (an input inside two windows gets both), as one matrix product with the 0/1 matrix S
    (n_in, n_out * window) whose column i has its 1 in the row of the input entry i saw."""
    windows, m = cache.windows, d_windows.shape[-1]
    S = np.zeros((cache.A_prev.shape[0], windows.size))
    S[windows.ravel(), np.arange(windows.size)] = 1.0
    return S @ d_windows.reshape(windows.size, m)


def _check_A_prev(A_prev):
    A_prev = check_shape(as_array(A_prev, "A_prev"), (None, None), "A_prev")
    if A_prev.shape[0] == 0:
        raise ShapeError(f"A_prev has shape {A_prev.shape}: it needs at least one input (row)")
    return check_finite(A_prev, "A_prev")


def _check_stride_for(window, n_in, stride, what):
    """output_length's check, the message naming what the window's length came from."""
    try:
        return output_length(n_in, window, stride)
    except ValueError as err:
        text = str(err)
        if text.startswith("window="):
            text = (f"{what} has {window} columns (the window) but A_prev has only {n_in} rows "
                    f"(n_in): a unit cannot look at more inputs than there are")
        raise type(err)(text) from None


def conv1d_forward(A_prev, w, b, stride):
    """A 1-D convolution: one filter (or F filters) slid along the input with a stride.

    A_prev: (n_in, m); w: the filter, (window,), or F filters (F, window); b: (F, 1) (F = 1
    for a single filter); stride: a whole number >= 1 that tiles the input (output_length).
    z_j = w . A_prev[j*stride : j*stride + window] + b for every unit j and example.
    Returns Z, (F * n_out, m): filter f's n_out units in rows f * n_out ... (f + 1) * n_out - 1,
    and a ConvCache. This is np.correlate(a, w, "valid")[::stride] + b for each example a.
    """
    A_prev = _check_A_prev(A_prev)
    w = as_array(w, "w")
    if w.ndim not in (1, 2) or w.shape[-1] == 0 or (w.ndim == 2 and w.shape[0] == 0):
        raise ShapeError(f"w has shape {w.shape}: a filter is (window,), or F filters (F, window)")
    check_finite(w, "w")
    n_filters = 1 if w.ndim == 1 else w.shape[0]
    b = check_shape(as_array(b, "b"), (n_filters, 1), "b")
    check_finite(b, "b")
    stride = check_count(stride, "stride")
    _check_stride_for(w.shape[-1], A_prev.shape[0], stride, f"w (shape {w.shape})")
    with net.float64_arithmetic("conv1d_forward"):
        return _conv(A_prev, w, b, _windows(A_prev.shape[0], w.shape[-1], stride))


def locally_connected_forward(A_prev, W, b, stride):
    """The lecture's windowed layer: unit j has its own weights W[j] over its own window.

    A_prev: (n_in, m); W: (n_out, window), one row per unit; b: (n_out, 1); stride: a whole
    number >= 1; n_out must be output_length(n_in, window, stride).
    z_j = W[j] . A_prev[j*stride : j*stride + window] + b[j].
    Returns Z (n_out, m) and a LocalCache. With every row of W equal to w and every b[j]
    equal, it is conv1d_forward(A_prev, w, b[:1], stride).
    """
    A_prev = _check_A_prev(A_prev)
    W = check_shape(as_array(W, "W"), (None, None), "W")
    if W.size == 0:
        raise ShapeError(f"W has shape {W.shape}: a layer needs at least one unit and a window "
                         f"of at least one input")
    check_finite(W, "W")
    stride = check_count(stride, "stride")
    n_out = _check_stride_for(W.shape[1], A_prev.shape[0], stride, f"W (shape {W.shape})")
    if W.shape[0] != n_out:
        raise ShapeError(f"W has shape {W.shape} but windows of {W.shape[1]} with stride {stride} "
                         f"over A_prev's {A_prev.shape[0]} inputs give {n_out} units: W needs "
                         f"shape ({n_out}, {W.shape[1]}), one row per unit")
    b = check_shape(as_array(b, "b"), (n_out, 1), "b")
    check_finite(b, "b")
    with net.float64_arithmetic("locally_connected_forward"):
        return _local(A_prev, W, b, _windows(A_prev.shape[0], W.shape[1], stride))


def _check_backward(dZ, cache, kind):
    if not isinstance(cache, kind):
        raise TypeError(f"cache must be the {kind.__name__} that the matching forward returned; "
                        f"got {type(cache).__name__}")
    dZ = as_array(dZ, "dZ")
    check_same_shape(dZ, cache.Z, "dZ", "cache.Z")
    check_examples(dZ.shape[1], "dZ")
    return check_finite(dZ, "dZ")


def conv1d_backward(dZ, cache):
    """Backward of conv1d_forward: dZ (F * n_out, m), per example, and its ConvCache.

    Returns (dA_prev, dw, db): dA_prev (n_in, m) per example (an input inside two windows
    gets the sum of both); dw of w's shape = (1/m) sum over examples and units of dZ times
    the window it saw (the filter's gradient collects every unit's); db (F, 1).
    """
    dZ = _check_backward(dZ, cache, ConvCache)
    with net.float64_arithmetic("conv1d_backward"):
        return _conv_backward(dZ, cache)


def locally_connected_backward(dZ, cache):
    """Backward of locally_connected_forward: dZ (n_out, m), per example, and its LocalCache.

    Returns (dA_prev, dW, db): dA_prev (n_in, m), dW (n_out, window) with row j = (1/m) sum
    over the examples of dZ[j] times unit j's window, db (n_out, 1).
    """
    dZ = _check_backward(dZ, cache, LocalCache)
    with net.float64_arithmetic("locally_connected_backward"):
        return _local_backward(dZ, cache)


# ---- a model that stacks windowed and dense layers -----------------------------------------

class Layer(namedtuple("Layer", ["kind", "activation", "window", "stride", "units", "filters",
                                 "windows"])):
    """One layer of a model: kind "conv", "local" or "dense", and its activation's name.

    conv / local: window and stride (1-D windows over the layer's input), or windows, an
    index array (n_out, k) of the inputs each unit sees (image_window_indices); conv also
    filters (F >= 1). dense: units. The output layer is dense with "sigmoid", "softmax" or
    "linear"; hidden layers take any name of helpers.activations.ACTIVATIONS.
    """

    __slots__ = ()

    def __new__(cls, kind, activation, *, window=None, stride=None, units=None, filters=1,
                windows=None):
        kind = check_choice(kind, _KINDS, "kind", "a layer kind")
        if not isinstance(activation, str):
            raise TypeError(f"activation must be a name such as 'tanh'; got {activation!r}")
        if kind == "dense":
            if window is not None or stride is not None or windows is not None:
                raise ValueError("a dense layer sees all its inputs: give units, not window, "
                                 "stride or windows")
            units = check_count(units, "units")
        else:
            if units is not None:
                raise ValueError(f"a {kind} layer's units follow from its windows: give window "
                                 f"and stride (or windows), not units")
            if windows is not None:
                if window is not None or stride is not None:
                    raise ValueError("give window and stride, or windows, not both")
                windows = np.asarray(windows)
                if windows.ndim != 2 or windows.size == 0 or windows.dtype.kind not in "iu":
                    raise TypeError(f"windows must be an int array (n_out, k) of input "
                                    f"indices, like image_window_indices returns; got "
                                    f"{windows.dtype} of shape {windows.shape}")
                if np.any(windows < 0):
                    raise ValueError("windows holds a negative index: inputs count from 0")
            else:
                window, stride = check_count(window, "window"), check_count(stride, "stride")
        filters = check_count(filters, "filters")
        if filters != 1 and kind != "conv":
            raise ValueError(f"filters is for a conv layer; a {kind} layer has filters=1")
        return super().__new__(cls, kind, activation, window, stride, units, filters, windows)

    def __repr__(self):
        if self.kind == "dense":
            return f"Layer('dense', {self.activation!r}, units={self.units})"
        where = (f"window={self.window}, stride={self.stride}" if self.windows is None
                 else f"windows of shape {self.windows.shape}")
        more = f", filters={self.filters}" if self.filters != 1 else ""
        return f"Layer({self.kind!r}, {self.activation!r}, {where}{more})"


def _check_layers(layers):
    if isinstance(layers, Layer) or not isinstance(layers, (list, tuple)) or not layers:
        raise TypeError(f"layers must be a non-empty list of Layer(...), one per layer; "
                        f"got {layers!r}")
    for l, layer in enumerate(layers, start=1):
        if not isinstance(layer, Layer):
            raise TypeError(f"layers[{l - 1}] must be a Layer(...); got {layer!r}")
        last = l == len(layers)
        if last and (layer.kind != "dense" or layer.activation not in losses.OUTPUTS):
            raise ValueError(f"layers[-1] (the output layer) is {layer!r}: it must be dense, with "
                             f"'sigmoid' (labels 0/1), 'softmax' (one-hot) or 'linear'")
        if not last and layer.activation not in ACTIVATIONS:
            raise ValueError(f"layers[{l - 1}] has activation {layer.activation!r}; a hidden "
                             f"layer takes one of {', '.join(map(repr, ACTIVATIONS))}")
    return list(layers)


def _plan(n_x, layers):
    """For each layer: (its windows or None, W's shape, b's shape, its number of units)."""
    plan, n = [], n_x
    for l, layer in enumerate(layers, start=1):
        if layer.kind == "dense":
            shapes = (layer.units, n), (layer.units, 1)
            windows, n_out = None, layer.units
        else:
            if layer.windows is None:
                try:
                    output_length(n, layer.window, layer.stride)
                except ValueError as err:
                    raise ValueError(f"layers[{l - 1}] ({layer!r}) does not fit its {n} inputs: "
                                     f"{err}") from None
                windows = _windows(n, layer.window, layer.stride)
            else:
                windows = layer.windows
                if windows.max() >= n:
                    raise ValueError(f"layers[{l - 1}] has windows up to input {windows.max()} "
                                     f"but its input has {n} entries (0 .. {n - 1})")
            n_units, k = windows.shape
            if layer.kind == "local":
                shapes, n_out = ((n_units, k), (n_units, 1)), n_units
            else:
                shapes, n_out = ((layer.filters, k), (layer.filters, 1)), layer.filters * n_units
        plan.append((windows, shapes[0], shapes[1], n_out))
        n = n_out
    return plan


def layer_sizes(n_x, layers):
    """[n_x, n1, ..., nL]: the number of units of each layer of ``layers`` (a list of Layer)."""
    n_x = check_count(n_x, "n_x")
    return [n_x] + [p[3] for p in _plan(n_x, _check_layers(layers))]


def count_parameters(n_x, layers):
    """The number of weights and biases of each layer, and their total.

    n_x: the number of inputs; layers: a list of Layer. Returns (per_layer, total): a list
    of (weights, biases) per layer, and the sum of all. The lecture's 100 -> 9 -> 3 -> 1 with
    windows of 20 (stride 10) and of 5 (stride 2): locally connected 9 * 20 + 9, 3 * 5 + 3,
    3 + 1 = 211; shared weights (conv) 20 + 1, 5 + 1, 3 + 1 = 31.
    """
    n_x = check_count(n_x, "n_x")
    per_layer = [(int(np.prod(w)), int(np.prod(b))) for _, w, b, _ in _plan(n_x, _check_layers(layers))]
    return per_layer, sum(w + b for w, b in per_layer)


def initialize(n_x, layers, method, seed=0, scale=1.0):
    """params {"W1", "b1", ..., "WL", "bL"} for a model of ``layers`` on n_x inputs.

    method: one of helpers.initializers.METHODS ("he", "xavier", ...), with each unit's
    fan-in (its window, or n[l-1] for a dense layer) as n[l-1]; biases 0. seed: a whole
    number >= 0 (np.random.default_rng(seed)); scale: a finite real > 0.
    """
    n_x = check_count(n_x, "n_x")
    layers = _check_layers(layers)
    check_choice(method, METHODS, "method")
    rng = np.random.default_rng(check_seed(seed))
    scale = check_positive(scale, "scale")
    params = {}
    for l, (_, w_shape, b_shape, n_out) in enumerate(_plan(n_x, layers), start=1):
        std = init_std(method, w_shape[1], n_out, scale)
        params[f"W{l}"] = std * rng.standard_normal(w_shape)
        params[f"b{l}"] = np.zeros(b_shape)
    return params


def _check_model(X, params, layers, X_name="X"):
    X = check_shape(as_array(X, X_name), (None, None), X_name)
    layers = _check_layers(layers)
    plan = _plan(max(X.shape[0], 1), layers)
    L = net.check_layer_keys(params, "params", L=len(layers))
    checked = {}
    for l, (_, w_shape, b_shape, _) in enumerate(plan, start=1):
        for key, shape in ((f"W{l}", w_shape), (f"b{l}", b_shape)):
            value = as_array(params[key], key)
            if value.shape != shape:
                raise ShapeError(f"{key} has shape {value.shape}, expected {shape} for "
                                 f"layers[{l - 1}] ({layers[l - 1]!r}) on {X_name}'s "
                                 f"{X.shape[0]} inputs" if l == 1 else
                                 f"{key} has shape {value.shape}, expected {shape} for "
                                 f"layers[{l - 1}] ({layers[l - 1]!r})")
            checked[key] = check_finite(value, key)
    check_finite(X, X_name)
    return X, checked, layers, plan, L


def _forward(X, params, layers, plan):
    A, caches = X, []
    for l, (layer, (windows, _, _, _)) in enumerate(zip(layers, plan), start=1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        if layer.kind == "dense":
            A, cache = net.layer_forward_unchecked(A, W, b, layer.activation)
        else:
            Z, cache = (_local if layer.kind == "local" else _conv)(A, W, b, windows)
            A = _G[layer.activation](Z)
        caches.append(ModelCache(layer, cache, A))
    return A, caches


def _backward(AL, Y, caches):
    grads = {}
    dZ = losses.output_delta(AL, Y)  # dZ[L] = A[L] - Y for each output and its cost
    for l in range(len(caches), 0, -1):
        layer, cache, _ = caches[l - 1]
        back = {"dense": net.layer_backward_unchecked, "local": _local_backward,
                "conv": _conv_backward}[layer.kind]
        dA_prev, dW, db = back(dZ, cache, l > 1)  # layer 1 has no layer before it
        grads[f"dW{l}"], grads[f"db{l}"] = dW, db
        if l > 1:
            prev, _, A_prev = caches[l - 2]
            dZ = dA_prev * _G_FROM_A[prev.activation](A_prev)
    return grads


def _logits(caches):
    return caches[-1][1].Z


def _check_Y(Y, AL_shape, output):
    Y = check_shape(as_array(Y, "Y"), AL_shape, "Y")
    check_finite(Y, "Y")
    if output == "sigmoid":
        losses.check_binary_labels(Y, "Y")
    elif output == "softmax":
        losses.check_one_hot(Y, "Y")
    return Y


def forward(X, params, layers):
    """Forward propagation: X (n_x, m) through ``layers`` (a list of Layer) with ``params``.

    params: exactly W1, b1, ..., WL, bL, each of the shape its layer needs on n_x inputs.
    Returns AL (nL, m) and caches, one ModelCache per layer (caches[l - 1].A is A[l]).
    """
    X, params, layers, plan, _ = _check_model(X, params, layers)
    with net.float64_arithmetic("forward"):
        return _forward(X, params, layers, plan)


def backward(AL, Y, caches):
    """The gradients of the cost for every parameter: {"dW1", "db1", ..., "dWL", "dbL"}.

    AL: what forward returned, (nL, m), m >= 1; Y: labels of AL's shape; caches: forward's.
    Windowed layers use *_backward's formulas, dense ones helpers.network.layer_backward.
    """
    if not isinstance(caches, list) or not caches or not all(
            isinstance(c, ModelCache) for c in caches):
        raise TypeError(f"caches must be the list that forward() returned; got "
                        f"{type(caches).__name__}")
    AL = check_finite(check_shape(as_array(AL, "AL"), np.shape(caches[-1][2]), "AL"), "AL")
    check_examples(AL.shape[1], "AL")
    Y = _check_Y(Y, AL.shape, caches[-1][0].activation)
    with net.float64_arithmetic("backward"):
        return _backward(AL, Y, caches)


def cost(X, Y, params, layers):
    """J(params) on (X, Y): forward, then the cost of the output layer from its logits Z[L]
    (helpers.losses.cost_from_logits); the J that backward differentiates. m >= 1."""
    X, params, layers, plan, _ = _check_model(X, params, layers)
    check_examples(X.shape[1], "X")
    with net.float64_arithmetic("cost"):
        AL, caches = _forward(X, params, layers, plan)
        Y = _check_Y(Y, AL.shape, layers[-1].activation)
        return losses.cost_from_logits(_logits(caches), Y, layers[-1].activation)


def train(X, Y, layers, params, learning_rate, num_iterations):
    """Batch gradient descent from ``params`` (copied, not changed), as helpers.network.train.

    X: (n_x, m), m >= 1; Y: labels (nL, m); layers: a list of Layer; params: the start, e.g.
    initialize(n_x, layers, "he", seed); learning_rate: a finite real > 0; num_iterations: a
    whole number >= 1. Returns (params, costs): the trained params and the cost before each
    step. Raises ValueError if gradient descent diverges (overflows float64).
    """
    X, params, layers, plan, _ = _check_model(X, params, layers)
    check_examples(X.shape[1], "X")
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_iterations = check_count(num_iterations, "num_iterations")
    params = {k: v.copy() for k, v in params.items()}
    output = layers[-1].activation
    costs = []
    with net.float64_arithmetic("train"):
        AL, caches = _forward(X, params, layers, plan)
        Y = _check_Y(Y, AL.shape, output)
        for _ in range(num_iterations):
            costs.append(losses.cost_from_logits_unchecked(_logits(caches), Y, output))
            grads = _backward(AL, Y, caches)
            for k in params:  # train owns these arrays (copied above)
                params[k] -= learning_rate * grads["d" + k]
            AL, caches = _forward(X, params, layers, plan)
    return params, costs


def predict(X, params, layers):
    """Labels for the columns of X: 1 where A[L] > 0.5 (sigmoid), the class with the largest
    probability (softmax), or A[L] itself (linear). (1, m) int64 for a sigmoid or softmax."""
    AL, _ = forward(X, params, layers)
    output = layers[-1].activation
    if output == "sigmoid":
        return (AL > _THRESHOLD).astype(np.int64)
    if output == "softmax":
        return np.argmax(AL, axis=0).reshape(1, -1)
    return AL
