"""A dense (fully connected) network of any depth, with one activation per layer.

Notation of the course: X (n_x, m) with one example per column; layer l has
    Z[l] = W[l] A[l-1] + b[l],   A[l] = g[l](Z[l]),   A[0] = X,
with W[l] (n[l], n[l-1]) and b[l] (n[l], 1) in params {"W1", "b1", ..., "WL", "bL"}.

The output layer L and its cost J (the mean loss over the m examples):
    "sigmoid"  labels Y (1, m) of 0/1       binary cross-entropy
    "softmax"  one-hot labels Y (k, m)      cross-entropy
    "linear"   real targets Y (n[L], m)     half mean squared error, (1/(2m)) sum (A - Y)^2
For all three, dZ[L] = A[L] - Y. Hidden layers use any name of helpers.activations'
ACTIVATIONS. Backpropagation, for l = L, ..., 1:
    dW[l] = (1/m) dZ[l] A[l-1]^T,   db[l] = (1/m) sum_i dZ[l],
    dZ[l-1] = W[l]^T dZ[l] * g[l-1]'(Z[l-1]).
The shallow network of the lectures is layer_dims [n_x, n_h, 1], ["tanh", "sigmoid"].

forward returns (AL, caches) and backward consumes the caches (one LayerCache per layer).
Public functions check their inputs; train checks once, then loops over unchecked steps.
"""
from collections import namedtuple

import numpy as np
from tqdm.auto import tqdm

from helpers import losses
from helpers.activations import ACTIVATIONS, GRAD_FROM_OUTPUT, softmax
from helpers.initializers import check_layer_dims, initialize
from helpers.shapes import ShapeError, as_array, check_finite, check_shape

OUTPUT_ACTIVATIONS = ("sigmoid", "softmax", "linear")
THRESHOLD = 0.5  # predict 1 when A[L] = P(y = 1 | x) > 0.5 (a sigmoid output)
# The progress bar shows no times or rates, so a notebook's stored output is the same on
# every run (its text/plain is the bar as it first appears: "training:   0%|          | 0/10000").
PROGRESS_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt}"

LayerCache = namedtuple("LayerCache", ["A_prev", "W", "b", "Z", "A", "activation"])
LayerCache.__doc__ = """What layer l keeps for backward: A[l-1], W[l], b[l], Z[l], A[l] and g's name."""

_FUNCTIONS = {name: pair[0] for name, pair in ACTIVATIONS.items()}
_FUNCTIONS["softmax"] = softmax


# ---- one layer ------------------------------------------------------------------------

def layer_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, A = g(Z). Unchecked (the public functions check).

    A_prev: (n[l-1], m); W: (n[l], n[l-1]); b: (n[l], 1); activation: a name.
    Returns A (n[l], m) and its LayerCache.
    """
    Z = W @ A_prev + b
    A = _FUNCTIONS[activation](Z)
    return A, LayerCache(A_prev, W, b, Z, A, activation)


# ---- unchecked core (used by train in its loop) ---------------------------------------

def _forward(X, params, activations):
    A = X
    caches = []
    for l, name in enumerate(activations, start=1):
        A, cache = layer_forward(A, params[f"W{l}"], params[f"b{l}"], name)
        caches.append(cache)
    return A, caches


def _backward(AL, Y, caches):
    m = AL.shape[1]
    grads = {}
    dZ = AL - Y  # dZ[L] for every output/cost pairing of this module
    for l in range(len(caches), 0, -1):
        cache = caches[l - 1]
        grads[f"dW{l}"] = (dZ @ cache.A_prev.T) / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            prev = caches[l - 2]
            dZ = (cache.W.T @ dZ) * GRAD_FROM_OUTPUT[prev.activation](prev.A)
    return grads


def _cost(AL, Y, caches):
    """J from the output layer's logits Z[L] where there are logits (stable)."""
    output = caches[-1].activation
    if output == "sigmoid":
        return losses._bce_with_logits(caches[-1].Z, Y)
    if output == "softmax":
        return losses._softmax_ce_with_logits(caches[-1].Z, Y)
    return losses._half_mse(AL, Y)


# ---- checks at the public boundary ----------------------------------------------------

def _check_activations(activations, n_layers):
    if isinstance(activations, str) or not hasattr(activations, "__len__"):
        raise TypeError(f"activations must be a list of names, one per layer, e.g. "
                        f"['tanh', 'sigmoid']; got {activations!r}")
    activations = list(activations)
    if len(activations) != n_layers:
        raise ValueError(f"activations has {len(activations)} name(s) but params has "
                         f"{n_layers} layer(s): give one activation per layer")
    for l, name in enumerate(activations[:-1], start=1):
        if name not in ACTIVATIONS:
            raise ValueError(f"activations[{l - 1}] (layer {l}) is {name!r}; a hidden layer "
                             f"takes one of {', '.join(map(repr, ACTIVATIONS))}")
    if activations[-1] not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"activations[-1] (the output layer) is {activations[-1]!r}; it must "
                         f"be 'sigmoid' (labels 0/1), 'softmax' (one-hot labels) or 'linear' "
                         f"(real targets)")
    return activations


def _check_params(params):
    """params as {name: float64 array} with consistent shapes; returns (params, L)."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict like {{'W1': ..., 'b1': ...}}; "
                        f"got {type(params).__name__}")
    n_layers = 0
    while f"W{n_layers + 1}" in params:
        n_layers += 1
    if n_layers == 0:
        raise ValueError(f"params has no 'W1'; its keys are {sorted(params)}")
    checked = {}
    for l in range(1, n_layers + 1):
        if f"b{l}" not in params:
            raise ValueError(f"params has 'W{l}' but no 'b{l}'")
        W = check_shape(as_array(params[f"W{l}"], f"W{l}"), (None, None), f"W{l}")
        if l > 1 and W.shape[1] != checked[f"W{l - 1}"].shape[0]:
            prev = checked[f"W{l - 1}"].shape
            raise ShapeError(f"W{l} has shape {W.shape} but W{l - 1} has shape {prev}: "
                             f"W{l} needs {prev[0]} columns, one per unit of layer {l - 1}")
        b = check_shape(as_array(params[f"b{l}"], f"b{l}"), (W.shape[0], 1), f"b{l}")
        checked[f"W{l}"] = check_finite(W, f"W{l}")
        checked[f"b{l}"] = check_finite(b, f"b{l}")
    return checked, n_layers


def _check_X(X, W1):
    X = as_array(X, "X")
    if X.ndim != 2:
        check_shape(X, (W1.shape[1], None), "X")  # raises; a rank-1 X gets a reshape hint
    if X.shape[0] != W1.shape[1]:
        raise ShapeError(f"W1 has shape {W1.shape} but X has shape {X.shape}: W1 needs one "
                         f"column per input feature, n_x = {X.shape[0]} (examples are columns)")
    return check_finite(X, "X")


def _check_Y(Y, shape, output):
    Y = as_array(Y, "Y")
    check_shape(Y, shape, "Y")
    check_finite(Y, "Y")
    if output == "sigmoid":
        losses.check_binary_labels(Y, "Y")
    elif output == "softmax":
        losses.check_one_hot(Y, "Y")
    return Y


def _check_network(X, params, activations):
    params, n_layers = _check_params(params)
    activations = _check_activations(activations, n_layers)
    X = _check_X(X, params["W1"])
    return X, params, activations


# ---- public API ----------------------------------------------------------------------

def forward(X, params, activations):
    """Forward propagation through a dense network.

    X: inputs, shape (n_x, m), one example per column.
    params: {"W1": (n1, n_x), "b1": (n1, 1), ..., "WL": (nL, n_{L-1}), "bL": (nL, 1)}.
    activations: one name per layer, e.g. ["tanh", "sigmoid"].
    Returns AL, shape (nL, m), and the caches that backward() needs (one LayerCache per layer).
    """
    X, params, activations = _check_network(X, params, activations)
    return _forward(X, params, activations)


def backward(AL, Y, caches):
    """Backward propagation: the gradients of the cost J (mean loss) for every parameter.

    AL: output of forward, shape (nL, m). Y: labels of the same shape (0/1 for a sigmoid
    output, one-hot columns for softmax, real numbers for linear).
    caches: the list forward returned.
    Returns {"dW1": (n1, n_x), "db1": (n1, 1), ..., "dWL", "dbL"}: dW[l] = dJ/dW[l], db[l] = dJ/db[l].
    """
    if not caches or not all(isinstance(c, LayerCache) for c in caches):
        raise TypeError("caches must be the list of LayerCache that forward() returned")
    AL = check_shape(as_array(AL, "AL"), caches[-1].A.shape, "AL")
    Y = _check_Y(Y, AL.shape, caches[-1].activation)
    return _backward(AL, Y, caches)


def compute_cost(AL, Y, output="sigmoid"):
    """The cost J of the output-layer activations AL (probabilities), as in the course.

    AL: (nL, m); Y: same shape. output: "sigmoid" (binary cross-entropy, AL clipped away
    from 0 and 1), "softmax" (cross-entropy) or "linear" (half mean squared error).
    Returns J, a float. (train computes J from the logits Z[L] instead, which is exact.)
    """
    if output == "sigmoid":
        return losses.binary_cross_entropy(AL, Y)
    if output == "softmax":
        return losses.cross_entropy(AL, Y)
    if output == "linear":
        return losses.half_mean_squared_error(AL, Y)
    raise ValueError(f"output must be one of {', '.join(map(repr, OUTPUT_ACTIVATIONS))}; got {output!r}")


def network_cost(X, Y, params, activations):
    """J(params) on (X, Y): forward, then the cost from the output layer's logits.

    X: (n_x, m); Y: (nL, m). Returns a float. This is the J that backward differentiates
    (the function a gradient check perturbs).
    """
    X, params, activations = _check_network(X, params, activations)
    AL, caches = _forward(X, params, activations)
    Y = _check_Y(Y, AL.shape, activations[-1])
    return _cost(AL, Y, caches)


def update(params, grads, learning_rate):
    """One gradient-descent step: W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l].

    params: {"W1", "b1", ...}; grads: {"dW1", "db1", ...} of the same shapes;
    learning_rate: alpha. Returns a NEW params dict; the caller's arrays are not changed.
    """
    new = {}
    for name, value in params.items():
        key = "d" + name
        if key not in grads:
            raise ValueError(f"grads has no {key!r} for params[{name!r}]")
        value = as_array(value, name)
        grad = check_shape(as_array(grads[key], key), value.shape, key)
        new[name] = value - learning_rate * grad
    return new


def predict(X, params, activations):
    """Predicted labels for the columns of X.

    sigmoid output: 1 where A[L] > 0.5 else 0, shape (1, m), int64.
    softmax output: the class index with the largest probability, shape (1, m), int64.
    linear output: A[L] itself, shape (nL, m), float64.
    """
    AL, _ = forward(X, params, activations)
    output = activations[-1]
    if output == "sigmoid":
        return (AL > THRESHOLD).astype(np.int64)
    if output == "softmax":
        return np.argmax(AL, axis=0).reshape(1, -1)
    return AL


def accuracy(predictions, Y):
    """Fraction of the m examples whose predicted label equals the true one (0.9 = 90 %).

    predictions: (1, m) labels as predict() returns them. Y: (1, m) labels, or one-hot
    (k, m) (compared through its class indices).
    """
    predictions = check_shape(as_array(predictions, "predictions"), (1, None), "predictions")
    Y = check_shape(as_array(Y, "Y"), (None, predictions.shape[1]), "Y")
    labels = np.argmax(Y, axis=0).reshape(1, -1) if Y.shape[0] > 1 else Y
    return float(np.mean(predictions == labels))


def train(X, Y, layer_dims, activations, learning_rate, num_iterations, *,
          method="he", scale=1.0, seed=0, print_every=None, progress=False):
    """Batch gradient descent on the whole training set.

    X: (n_x, m); Y: (nL, m) labels for the output layer (see the module docstring).
    layer_dims: [n_x, n1, ..., nL], initialized with helpers.initializers.initialize(
        layer_dims, method, scale, seed); or a params dict to start from (copied, not changed).
    activations: one name per layer, e.g. ["tanh", "sigmoid"].
    learning_rate: alpha; num_iterations: the number of steps.
    print_every: if set, print "step  1000: cost 0.2345" at steps 0, k, 2k, ...
    progress: if True, show a tqdm progress bar (without times, so notebook output is stable).
    Returns (params, costs): the trained params and a list of num_iterations floats, costs[i]
    being J before step i's update (recorded at every step).
    """
    if isinstance(layer_dims, dict):
        params, n_layers = _check_params(layer_dims)
        params = {k: v.copy() for k, v in params.items()}
    else:
        dims = check_layer_dims(layer_dims)
        params = initialize(dims, method=method, scale=scale, seed=seed)
        n_layers = len(dims) - 1
    activations = _check_activations(activations, n_layers)
    X = _check_X(X, params["W1"])
    Y = _check_Y(Y, (params[f"W{n_layers}"].shape[0], X.shape[1]), activations[-1])
    if int(num_iterations) != num_iterations or num_iterations < 0:
        raise ValueError(f"num_iterations must be a whole number >= 0; got {num_iterations!r}")
    if print_every is not None and (int(print_every) != print_every or print_every < 1):
        raise ValueError(f"print_every must be a whole number >= 1 or None; got {print_every!r}")

    steps = range(int(num_iterations))
    write = print
    if progress:
        steps = tqdm(steps, desc="training", bar_format=PROGRESS_FORMAT)
        write = steps.write
    costs = []
    keys = list(params)
    for i in steps:
        AL, caches = _forward(X, params, activations)
        cost = _cost(AL, Y, caches)
        costs.append(cost)
        if print_every and i % print_every == 0:
            write(f"step {i:5d}: cost {cost:.4f}")
        grads = _backward(AL, Y, caches)
        for k in keys:  # in place: train owns these arrays (made or copied above)
            params[k] -= learning_rate * grads["d" + k]
    if progress:
        steps.close()
    return params, costs


NUDGE = 1e-13  # relative size of the nudge: some thousand times the rounding of float64


def change_after_nudges(X, Y, layer_dims, activations, learning_rate, num_iterations, *,
                        method="he", scale=1.0, seed=0, nudge=NUDGE, tries=3):
    """Does a training run settle? The largest change of a final weight when the start is nudged.

    Trains as train(X, Y, layer_dims, activations, learning_rate, num_iterations, method=,
    scale=, seed=) does, then `tries` times more from the same start with every weight w
    replaced by w (1 + nudge r), r ~ N(0, 1) (seeded: the same nudges on every call).
    Returns max |W_nudged - W| over every final parameter of every nudged run (a float).
    A run that settles keeps the change near `nudge` (below about 1e-9); a chaotic run, whose
    result is decided by the last digit of the arithmetic (different on another computer),
    grows it to 1e-6 or more.
    """
    if not (isinstance(nudge, (int, float)) and 0 < nudge < 1e-3):
        raise ValueError(f"nudge must be a relative size in (0, 1e-3); got {nudge!r}")
    if isinstance(tries, bool) or not isinstance(tries, int) or tries < 1:
        raise ValueError(f"tries must be a whole number >= 1; got {tries!r}")
    if isinstance(layer_dims, dict):
        start, _ = _check_params(layer_dims)
    else:
        start = initialize(check_layer_dims(layer_dims), method=method, scale=scale, seed=seed)
    final, _ = train(X, Y, start, activations, learning_rate, num_iterations)
    noise, change = np.random.default_rng(0), 0.0
    for _ in range(tries):
        nudged = {k: w * (1 + nudge * noise.standard_normal(w.shape)) for k, w in start.items()}
        moved, _ = train(X, Y, nudged, activations, learning_rate, num_iterations)
        change = max(change, max(float(np.max(np.abs(moved[k] - final[k]))) for k in final))
    return change
