"""A dense (fully connected) network of any depth, with one activation per layer.

Notation of the course: X (n_x, m) with one example per column; layer l has
    Z[l] = W[l] A[l-1] + b[l],   A[l] = g[l](Z[l]),   A[0] = X,
with W[l] (n[l], n[l-1]) and b[l] (n[l], 1) in params {"W1", "b1", ..., "WL", "bL"}.

The output layer L and its cost J (the mean loss over the m examples):
    "sigmoid"  labels Y (n[L], m) of 0/1     binary cross-entropy (n[L] = 1 in the course)
    "softmax"  one-hot labels Y (k, m)      cross-entropy, k >= 2 classes
    "linear"   real targets Y (n[L], m)     half mean squared error, (1/(2m)) sum (A - Y)^2
For all three, dZ[L] = A[L] - Y. Hidden layers use any name of helpers.activations'
ACTIVATIONS. Backpropagation, for l = L, ..., 1 (layer_backward, the twin of layer_forward):
    dW[l] = (1/m) dZ[l] A[l-1]^T,   db[l] = (1/m) sum_i dZ[l],   dA[l-1] = W[l]^T dZ[l],
    dZ[l-1] = dA[l-1] * g[l-1]'(Z[l-1]).
As in the course, dZ[l] is per example (the derivative of each example's loss, m dJ/dZ[l]):
the 1/m of the mean over the examples is applied in dW and db.
The shallow network of the lectures is layer_dims [n_x, n_h, 1], ["tanh", "sigmoid"].

Inputs are checked on entry, following helpers.shapes: params (and grads) hold exactly the
keys of a network of L layers, W1, b1, ..., WL, bL (dW1, db1, ... for grads), nothing else;
each W[l] is checked (against X and W[l-1]) before its b[l], so a transposed W[l] is named
as such; learning_rate is a finite real > 0, num_iterations and print_every whole numbers
>= 1. m = 0 examples is refused wherever a mean over the examples is taken (costs,
backward, layer_backward, train, accuracy); forward and predict of no examples return an
empty result.
Arithmetic that overflows float64 (|Z| beyond 1e308: huge inputs or weights, or a
learning rate so large that gradient descent diverges) raises ValueError, never a warning
or a NaN. train checks once, then loops over unchecked steps.

Public API
    forward(X, params, activations)       -> (AL, caches), one LayerCache per layer
    backward(AL, Y, caches)               -> grads {"dW1", "db1", ..., "dWL", "dbL"}
    update(params, grads, learning_rate)  -> new params (one gradient-descent step)
    train(X, Y, layer_dims, activations, learning_rate, num_iterations, *, method, scale,
          seed, print_every, progress, optimizer, batch_size, shuffle_seed) -> (params, costs)
    predict(X, params, activations)       -> labels (1, m) (or A[L] for a linear output)
    accuracy(predictions, Y)              -> the fraction of examples predicted right
    compute_cost(AL, Y, output)           -> J from probabilities (the course's compute_cost)
    network_cost(X, Y, params, activations) -> J from the logits Z[L] (what backward differentiates)
    change_after_nudges(...)              -> does a training run settle? (see its docstring)
    layer_forward(A_prev, W, b, activation) -> (A, LayerCache) of one layer
    layer_backward(dZ, cache)             -> (dA_prev, dW, db) of one layer, from its dZ
    LayerCache                            A_prev, W, b, Z, A, activation of one layer
    hidden_unit_activations(params, activations, points, layer=1) -> A[layer] at the points
  for code that checks once, then evaluates many costs (helpers.gradcheck):
    check_layer_keys(d, name, prefix="", L=None) -> L: d holds exactly W1, b1, ..., WL, bL
    check_cost_arguments(X, Y, params, activations) -> them, checked as network_cost does
    network_cost_unchecked(X, Y, params, activations) -> network_cost without the checks
    layer_forward_unchecked(A_prev, W, b, activation), layer_backward_unchecked(dZ, cache,
        with_dA_prev=True) -> layer_forward / layer_backward without the checks (helpers.conv)
    float64_arithmetic(what)              with-block: an overflow raises ValueError naming what
"""
import math
import re
from collections import namedtuple
from contextlib import contextmanager

import numpy as np
from tqdm.auto import tqdm
from tqdm.std import tqdm as _text_tqdm

from helpers import losses
from helpers.activations import (ACTIVATIONS, activation_functions, grad_from_output_function,
                                 softmax_unchecked)
from helpers.initializers import check_layer_dims, initialize
from helpers.optimizers import OPTIMIZERS
from helpers.shapes import (ShapeError, as_array, check_count, check_examples, check_finite,
                            check_flag, check_positive, check_real, check_same_shape, check_seed,
                            check_shape)

# tqdm.auto picked its notebook widget rather than the text bar: we run in a Jupyter kernel,
# where IPython is loaded already; train's bar is displayed through it (see _Progress).
if any(cls.__module__ == "tqdm.notebook" for cls in tqdm.__mro__):
    from IPython.display import display as _display
else:
    _display = None

__all__ = ["forward", "backward", "update", "train", "predict", "accuracy", "compute_cost",
           "network_cost", "change_after_nudges", "layer_forward", "layer_backward", "LayerCache",
           "hidden_unit_activations", "check_layer_keys", "check_cost_arguments",
           "network_cost_unchecked", "layer_forward_unchecked", "layer_backward_unchecked",
           "float64_arithmetic"]

_OUTPUT_ACTIVATIONS = losses.OUTPUTS  # "sigmoid", "softmax", "linear": each has its cost
_THRESHOLD = 0.5  # predict 1 when A[L] = P(y = 1 | x) > 0.5 (a sigmoid output)
# The progress bar shows no times or rates, so a notebook's stored output is the same on
# every run; what a notebook stores of it is the finished bar (see _Progress).
_PROGRESS_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt}"
_NOTEBOOK_BAR = _display is not None  # tqdm draws a notebook widget
# Floating-point events inside the network's arithmetic: underflow rounds to 0 (the right
# answer), anything else (overflow, 0/0, inf - inf) is raised and turned into a ValueError.
_ARITHMETIC = dict(over="raise", invalid="raise", divide="raise", under="ignore")
_NUDGE = 1e-13  # relative size of the nudge: some thousand times the rounding of float64
_MAX_NUDGE = 1e-3

LayerCache = namedtuple("LayerCache", ["A_prev", "W", "b", "Z", "A", "activation"])
LayerCache.__doc__ = """What layer l keeps for backward: A[l-1], W[l], b[l], Z[l], A[l] and g's name."""

# The arithmetic runs on arrays checked once on entry (train's loop: thousands of steps),
# so it calls the forms of g, g' and the cost without checks that helpers.activations
# (activation_functions, grad_from_output_function, softmax_unchecked) and helpers.losses
# (cost_from_logits_unchecked) provide; the checked ones would make train about 20 % slower.
_FUNCTIONS = {name: activation_functions(name)[0] for name in ACTIVATIONS}  # g of z
_FUNCTIONS["softmax"] = softmax_unchecked
_GRAD_FROM_OUTPUT = {name: grad_from_output_function(name) for name in ACTIVATIONS}  # g' of a


# ---- unchecked core (train's loop, and the public functions once they have checked) ------

def layer_forward_unchecked(A_prev, W, b, activation):
    """layer_forward without its checks, for code that has checked the arrays once (train's
    loop, helpers.conv's model): Z = W A_prev + b, A = g(Z); returns (A, LayerCache)."""
    Z = W @ A_prev + b
    A = _FUNCTIONS[activation](Z)
    return A, LayerCache(A_prev, W, b, Z, A, activation)


def _forward(X, params, activations):
    A = X
    caches = []
    for l, name in enumerate(activations, start=1):
        A, cache = layer_forward_unchecked(A, params[f"W{l}"], params[f"b{l}"], name)
        caches.append(cache)
    return A, caches


def layer_backward_unchecked(dZ, cache, with_dA_prev=True):
    """layer_backward without its checks, for code that has checked once: dW = dZ A_prev^T / m,
    db, dA_prev = W^T dZ; with_dA_prev=False skips W^T dZ (layer 1 has no layer before)."""
    m = dZ.shape[1]
    dW = (dZ @ cache.A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = cache.W.T @ dZ if with_dA_prev else None
    return dA_prev, dW, db


def _backward(AL, Y, caches):
    grads = {}
    dZ = AL - Y  # dZ[L] for every output/cost pairing of this module
    for l in range(len(caches), 0, -1):
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = layer_backward_unchecked(dZ, caches[l - 1], l > 1)
        if l > 1:
            prev = caches[l - 2]
            dZ = dA_prev * _GRAD_FROM_OUTPUT[prev.activation](prev.A)
    return grads


def _cost(caches, Y):
    """J from the output layer's Z[L] (logits: exact, never log 0; = A[L] for a linear output)."""
    return losses.cost_from_logits_unchecked(caches[-1].Z, Y, caches[-1].activation)


def network_cost_unchecked(X, Y, params, activations):
    """network_cost(X, Y, params, activations) without its checks, for many evaluations.

    For arguments that check_cost_arguments returned, and params of the same keys and
    shapes (a gradient check perturbs one entry at a time). Nothing is checked, and
    overflow follows the caller's np.errstate: call it inside float64_arithmetic(...).
    Returns J, a float.
    """
    _, caches = _forward(X, params, activations)
    return _cost(caches, Y)


@contextmanager
def float64_arithmetic(what):
    """A with-block in which arithmetic that overflows float64 raises ValueError naming ``what``.

    Underflow rounds to 0 (the right answer); overflow, 0/0 and inf - inf raise instead of
    warning or giving NaN. what: a name for the message, e.g. "gradient_check".
    """
    with np.errstate(**_ARITHMETIC):
        try:
            yield
        except FloatingPointError as err:
            raise ValueError(f"{what} overflowed float64 (numpy: {err}): the inputs or the "
                             f"weights are too large; standardize X, or start from smaller "
                             f"weights") from None


# ---- checks at the public boundary ----------------------------------------------------

_LAYER_KEY = re.compile(r"^(d?)([Wb])([0-9]+)$")


def _expected_keys(L, prefix):
    return [f"{prefix}{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]


def _listing(L, prefix):
    """'W1, b1, W2, b2' (or 'W1, b1, ..., W7, b7' for a deep network)."""
    if L <= 3:
        return ", ".join(_expected_keys(L, prefix))
    return f"{prefix}W1, {prefix}b1, ..., {prefix}W{L}, {prefix}b{L}"


def _unexpected_key(key, present, L, prefix, name, fixed):
    """Why a network of L layers has no ``key``, with the likely fix (for the message)."""
    other = "d" if prefix == "" else ""
    if not isinstance(key, str):
        return f"keys are names like '{prefix}W1'"
    candidates = [k for k in _expected_keys(L + 1, prefix) if k not in present]
    near = [k for k in candidates if k.lower() == key.strip().lower()]
    match = _LAYER_KEY.match(key)
    if near:
        return (f"did you mean {near[0]!r}? names are case-sensitive: '{prefix}W' for a weight "
                f"matrix, '{prefix}b' for a bias")
    if match and match.group(1) == other:
        if other:
            return "a gradient's name: params holds the parameters W1, b1, ...; gradients go in grads"
        return "a parameter's name: grads holds gradients named 'd' + the parameter, e.g. 'dW1'"
    if match:
        digits = match.group(3)
        if digits.startswith("0"):
            return f"layers are numbered from 1, without leading zeros: '{prefix}W1', '{prefix}b1', ..."
        if fixed:
            return f"params has {L} layer(s), so {name} has gradients for layers 1 to {L} only"
        if match.group(2) == "W":
            return f"but no '{prefix}W{L + 1}': the layers are numbered 1, 2, ..., L without gaps"
        return f"but no '{prefix}W{int(digits)}'"
    if prefix == "":
        return ("it is not a parameter of the network; settings such as a learning rate are "
                "arguments of their own")
    return "it is not the gradient of a parameter"


def check_layer_keys(d, name, prefix="", L=None):
    """The number of layers L of a dict with exactly the keys {prefix}W1, {prefix}b1, ...

    d: a params dict (prefix "") or a grads dict (prefix "d"); name: its name in messages.
    L: the depth required (grads must match params); None to read it from the W keys.
    Only the keys are checked, not the arrays. Raises TypeError unless ``d`` is a dict,
    ValueError naming the key that is missing or unexpected (with the likely fix).
    """
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict like {{'{prefix}W1': ..., '{prefix}b1': ...}}; "
                        f"got {type(d).__name__}")
    fixed = L is not None
    if not fixed:
        L = 0
        while f"{prefix}W{L + 1}" in d:
            L += 1
    expected = _expected_keys(L, prefix)
    has = f"exactly {_listing(L, prefix)}" if L else f"{prefix}W1, {prefix}b1, ..."
    unexpected = [k for k in d if k not in expected]
    if unexpected:
        hints = [(k, _unexpected_key(k, d, L, prefix, name, fixed)) for k in unexpected]
        key, hint = next((kh for kh in hints if kh[1].startswith("did you mean")), hints[0])
        raise ValueError(f"{name} has an unexpected key {key!r} ({hint}); a network of {L} "
                         f"layer(s) has {has}")
    if L == 0:
        raise ValueError(f"{name} has no '{prefix}W1'" + ("" if d else ": it is empty")
                         + f"; a network's {'parameters' if prefix == '' else 'gradients'} are "
                         f"{prefix}W1, {prefix}b1, ..., {prefix}WL, {prefix}bL")
    for key in expected:
        if key not in d:
            kind, l = key[len(prefix)], key[len(prefix) + 1:]
            if kind == "b" and not fixed:
                raise ValueError(f"{name} has '{prefix}W{l}' but no {key!r}; a network of "
                                 f"{L} layer(s) has {has}")
            raise ValueError(f"{name} has no {key!r}" + (f" for params['{key[1:]}']" if fixed else "")
                             + f"; a network of {L} layer(s) has {has}")
    return L


def _check_activations(activations, n_layers):
    if (isinstance(activations, (str, bytes, dict, set)) or not hasattr(activations, "__len__")):
        raise TypeError(f"activations must be a list of names, one per layer, e.g. "
                        f"['tanh', 'sigmoid']; got {activations!r}")
    activations = list(activations)
    if len(activations) != n_layers:
        raise ValueError(f"activations has {len(activations)} name(s) but params has "
                         f"{n_layers} layer(s): give one activation per layer")
    for l, name in enumerate(activations, start=1):
        if not isinstance(name, str):
            raise TypeError(f"activations[{l - 1}] (layer {l}) must be a name such as 'tanh'; "
                            f"got {name!r}")
    for l, name in enumerate(activations[:-1], start=1):
        if name not in ACTIVATIONS:
            raise ValueError(f"activations[{l - 1}] (layer {l}) is {name!r}; a hidden layer "
                             f"takes one of {', '.join(map(repr, ACTIVATIONS))}")
    if activations[-1] not in _OUTPUT_ACTIVATIONS:
        raise ValueError(f"activations[-1] (the output layer) is {activations[-1]!r}; it must "
                         f"be 'sigmoid' (labels 0/1), 'softmax' (one-hot labels) or 'linear' "
                         f"(real targets)")
    return activations


def _check_output_units(params, activations):
    L = len(activations)
    if activations[-1] == "softmax" and params[f"W{L}"].shape[0] < 2:
        raise ShapeError(f"W{L} has shape {params[f'W{L}'].shape}: a softmax output layer needs "
                         f"k >= 2 units, one per class; for two classes use one 'sigmoid' unit")


def _check_X_array(X, name="X"):
    X = as_array(X, name)
    if X.ndim != 2:
        check_shape(X, (None, None), name)  # raises; a rank-1 X gets a reshape hint
    if X.shape[0] == 0:
        raise ShapeError(f"{name} has shape {X.shape}: it needs at least one row (one feature "
                         f"per row, one example per column)")
    return X


def _chain_error(l, W, prev, first_unanchored):
    """W[l] does not fit W[l-1] (prev): blame the one whose transpose fits."""
    if W.shape[0] == prev.shape[0] and W.shape[0] != W.shape[1]:
        return (f"W{l} has shape {W.shape} but W{l - 1} has shape {prev.shape}: W{l} needs "
                f"{prev.shape[0]} columns, one per unit of layer {l - 1}; it looks transposed: "
                f"W{l}.T has shape {W.shape[::-1]}")
    if first_unanchored and prev.shape[1] == W.shape[1] and prev.shape[0] != prev.shape[1]:
        return (f"W{l - 1} has shape {prev.shape} but W{l} has shape {W.shape}: W{l - 1} needs "
                f"{W.shape[1]} rows, one per input of layer {l}; it looks transposed: "
                f"W{l - 1}.T has shape {prev.shape[::-1]}")
    return (f"W{l} has shape {W.shape} but W{l - 1} has shape {prev.shape}: W{l} needs "
            f"{prev.shape[0]} columns, one per unit of layer {l - 1}")


def _check_params(params, name="params", X=None, X_name="X"):
    """params as {name: float64 array}, W1, b1, ..., WL, bL in order; returns (params, L).

    X: the checked input, if there is one (named X_name): W1 is checked against it first.
    Every W[l] is checked (2-D, chained to W[l-1]) before any b[l], then every b[l] against
    its W[l].
    """
    L = check_layer_keys(params, name)
    W = {}
    for l in range(1, L + 1):
        w = as_array(params[f"W{l}"], f"W{l}")
        check_shape(w, (None, None), f"W{l}")
        if l == 1 and X is not None and w.shape[1] != X.shape[0]:
            msg = (f"W1 has shape {w.shape} but {X_name} has shape {X.shape}: W1 needs one column "
                   f"per input feature, n_x = {X.shape[0]} (examples are columns)")
            if w.shape[0] == X.shape[0]:
                msg += f"; it looks transposed: W1.T has shape {w.shape[::-1]}"
            elif X.shape[1] == w.shape[1]:
                msg += (f"; {X_name} looks transposed: {X_name}.T has shape {X.shape[::-1]}, one "
                        f"example per column")
            raise ShapeError(msg)
        if l > 1 and w.shape[1] != W[l - 1].shape[0]:
            raise ShapeError(_chain_error(l, w, W[l - 1], first_unanchored=(l == 2 and X is None)))
        if w.size == 0:
            raise ShapeError(f"W{l} has shape {w.shape}: a layer needs at least one unit and "
                             f"one input")
        W[l] = w
    checked = {}
    for l in range(1, L + 1):
        w = W[l]
        b = as_array(params[f"b{l}"], f"b{l}")
        if (L == 1 and X is None and b.shape == (w.shape[1], 1) and w.shape[0] != w.shape[1]):
            raise ShapeError(f"W1 has shape {w.shape} but b1 has shape {b.shape}: W1 needs one "
                             f"row per unit of layer 1; it looks transposed: W1.T has shape "
                             f"{w.shape[::-1]}")
        try:
            check_shape(b, (w.shape[0], 1), f"b{l}")
        except ShapeError as err:
            head, _, hint = str(err).partition("; ")
            raise ShapeError(f"{head} (one entry per unit of layer {l}: W{l} has shape {w.shape})"
                             + (f"; {hint}" if hint else "")) from None
        checked[f"W{l}"] = check_finite(w, f"W{l}")
        checked[f"b{l}"] = check_finite(b, f"b{l}")
    return checked, L


def _check_labels(Y, output, name="Y"):
    """0/1 labels for a sigmoid output, one-hot columns for softmax; anything for linear."""
    if output == "linear":
        return Y
    bad = (Y != 0) & (Y != 1)
    if np.any(bad):
        values = np.unique(Y[bad])[:5]
        raise ValueError(f"{name} must hold labels 0 or 1 only; found {values.tolist()} "
                         + ("(for k classes use one-hot columns with a softmax output)"
                            if output == "sigmoid" else "(one-hot columns, one 1 per example)"))
    if output == "softmax":
        sums = np.sum(Y, axis=0)
        if np.any(sums != 1):
            col = int(np.flatnonzero(sums != 1)[0])
            msg = (f"{name} must be one-hot: each column holds exactly one 1; column {col} "
                   f"holds {int(sums[col])}")
            if np.all(np.sum(Y, axis=1) == 1):
                msg += f"; its rows are one-hot instead: it looks transposed, try {name}.T"
            raise ValueError(msg)
    return Y


def _check_Y(Y, shape, output, name="Y"):
    Y = as_array(Y, name)
    check_shape(Y, shape, name)
    check_finite(Y, name)
    return _check_labels(Y, output, name)


def _check_network(X, params, activations, X_name="X"):
    """X, params, activations checked in the order that blames the right array."""
    X = _check_X_array(X, X_name)
    params, L = _check_params(params, X=X, X_name=X_name)
    activations = _check_activations(activations, L)
    _check_output_units(params, activations)
    check_finite(X, X_name)
    return X, params, activations


def check_cost_arguments(X, Y, params, activations):
    """X, Y, params and activations checked as network_cost checks them; returns them.

    X: (n_x, m), m >= 1; Y: (nL, m), the labels the output layer needs; params: exactly
    W1, b1, ..., WL, bL, fitting X; activations: one name per layer. Returns (X, Y, params,
    activations) as float64 arrays, a new params dict and a list, ready for
    network_cost_unchecked; errors name the argument, as every function here does.
    """
    X, params, activations = _check_network(X, params, activations)
    check_examples(X.shape[1], "X")
    L = len(activations)
    Y = _check_Y(Y, (params[f"W{L}"].shape[0], X.shape[1]), activations[-1])
    return X, Y, params, activations


def _bar_text(n, total):
    """The progress bar as text after n of total steps: "training: 100%|██████████| 10000/10000"."""
    return _text_tqdm.format_meter(n=n, total=total, elapsed=0, prefix="training",
                                   bar_format=_PROGRESS_FORMAT, ascii=False)


class _Progress:
    """train's progress bar over range(total): tqdm's, without times or rates.

    Outside Jupyter: tqdm's text bar on stderr. In a notebook, tqdm draws a widget, and what
    the notebook stores of a widget (and shows wherever widgets do not run: a re-opened
    file, GitHub, nbviewer) is the plain-text fallback it had when it was first displayed,
    which for tqdm's own display is the empty bar, "training:   0%|          | 0/10000",
    frozen forever. So the widget is displayed here with the *finished* bar as its fallback
    (the stored output is only ever seen after the cell has run), and a run that stops early
    (an error, an interrupt) replaces it with the bar where it stopped. Nothing is updated
    after a run that completes, so strict nbval, which compares the output as first
    displayed, sees the stored one. (It ignores the update after an early stop: a lesson
    that stores a failing run should train it without progress=True.)
    """

    def __init__(self, total):
        self.total = total
        if not _NOTEBOOK_BAR:
            self.steps = tqdm(range(total), desc="training", bar_format=_PROGRESS_FORMAT)
            self._handle = None
            return
        self.steps = tqdm(range(total), desc="training", bar_format=_PROGRESS_FORMAT,
                          display=False)
        self._widget = getattr(self.steps, "container", None)  # None if tqdm is disabled
        self._handle = None
        if self._widget is not None:
            self._handle = _display(self._bundle(total), raw=True, display_id=True)

    def _bundle(self, n):
        """The widget's display data, with the bar after n steps as its text fallback."""
        bundle = dict(self._widget._repr_mimebundle_() or {})
        bundle["text/plain"] = _bar_text(n, self.total)
        return bundle

    def close(self, done):
        """End the bar after ``done`` completed steps (done < total: the run stopped early)."""
        self.steps.close()
        if self._handle is not None and done < self.total:
            self._handle.update(self._bundle(done), raw=True)


# ---- public API ----------------------------------------------------------------------

def layer_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, A = g(Z).

    A_prev: (n[l-1], m); W: (n[l], n[l-1]); b: (n[l], 1); activation: a name of
    helpers.activations' ACTIVATIONS, or "softmax".
    Returns A (n[l], m) and its LayerCache.
    """
    if not isinstance(activation, str) or activation not in _FUNCTIONS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, _FUNCTIONS))}; "
                         f"got {activation!r}")
    A_prev = _check_X_array(A_prev, "A_prev")
    W = check_shape(as_array(W, "W"), (None, None), "W")
    if W.shape[1] != A_prev.shape[0]:
        msg = (f"W has shape {W.shape} but A_prev has shape {A_prev.shape}: W needs one "
               f"column per row of A_prev, n[l-1] = {A_prev.shape[0]}")
        if W.shape[0] == A_prev.shape[0]:
            msg += f"; it looks transposed: W.T has shape {W.shape[::-1]}"
        raise ShapeError(msg)
    b = check_shape(as_array(b, "b"), (W.shape[0], 1), "b")
    for array, name in ((A_prev, "A_prev"), (W, "W"), (b, "b")):
        check_finite(array, name)
    with float64_arithmetic("layer_forward"):
        return layer_forward_unchecked(A_prev, W, b, activation)


def layer_backward(dZ, cache):
    """One layer backward, the twin of layer_forward (the course's linear_backward).

    dZ: dZ[l], shape (n[l], m) (Z[l]'s), as the course writes it: per example, the derivative
        of each example's loss with respect to its z (so dJ/dZ[l] = (1/m) dZ[l]); at the
        output layer dZ[L] = A[L] - Y, below it dZ[l] = dA[l] * g[l]'(Z[l]).
    cache: the LayerCache that layer_forward (or forward) returned for this layer: A_prev
        (n[l-1], m), W (n[l], n[l-1]), Z (n[l], m).
    Returns (dA_prev, dW, db):
        dA_prev = W^T dZ, (n[l-1], m): dA[l-1], per example like dZ; then
                  dZ[l-1] = dA_prev * g[l-1]'(Z[l-1]) (GRAD_FROM_OUTPUT takes A[l-1]);
        dW = (1/m) dZ A_prev^T, (n[l], n[l-1]): dJ/dW[l];
        db = (1/m) sum over the m examples of dZ, (n[l], 1): dJ/db[l].
    """
    dZ = as_array(dZ, "dZ")
    if not isinstance(cache, LayerCache):
        raise TypeError(f"cache must be the LayerCache that layer_forward() returned for this "
                        f"layer (forward() returns one per layer); got {type(cache).__name__}")
    A_prev = check_shape(as_array(cache.A_prev, "cache.A_prev"), (None, None), "cache.A_prev")
    W = check_shape(as_array(cache.W, "cache.W"), (None, A_prev.shape[0]), "cache.W")
    Z = check_shape(as_array(cache.Z, "cache.Z"), (W.shape[0], A_prev.shape[1]), "cache.Z")
    check_same_shape(dZ, Z, "dZ", "cache.Z")
    check_examples(dZ.shape[1], "dZ")
    for array, name in ((dZ, "dZ"), (A_prev, "cache.A_prev"), (W, "cache.W")):
        check_finite(array, name)
    with float64_arithmetic("layer_backward"):
        return layer_backward_unchecked(dZ, cache._replace(A_prev=A_prev, W=W))


def forward(X, params, activations):
    """Forward propagation through a dense network.

    X: inputs, shape (n_x, m), one example per column.
    params: {"W1": (n1, n_x), "b1": (n1, 1), ..., "WL": (nL, n_{L-1}), "bL": (nL, 1)},
        exactly these keys.
    activations: one name per layer, e.g. ["tanh", "sigmoid"].
    Returns AL, shape (nL, m), and the caches that backward() needs (one LayerCache per layer).
    """
    X, params, activations = _check_network(X, params, activations)
    with float64_arithmetic("forward"):
        return _forward(X, params, activations)


def backward(AL, Y, caches):
    """Backward propagation: the gradients of the cost J (mean loss) for every parameter.

    AL: output of forward, shape (nL, m), m >= 1. Y: labels of the same shape (0/1 for a
    sigmoid output, one-hot columns for softmax, real numbers for linear).
    caches: the list forward returned.
    Returns {"dW1": (n1, n_x), "db1": (n1, 1), ..., "dWL", "dbL"}: dW[l] = dJ/dW[l], db[l] = dJ/db[l].
    """
    if (not isinstance(caches, (list, tuple)) or not caches
            or not all(isinstance(c, LayerCache) for c in caches)):
        raise TypeError(f"caches must be the list of LayerCache that forward() returned; "
                        f"got {type(caches).__name__}")
    expected = np.shape(caches[-1].A)
    AL = check_finite(check_shape(as_array(AL, "AL"), expected, "AL"), "AL")
    check_examples(AL.shape[1], "AL")
    Y = as_array(Y, "Y")
    check_same_shape(Y, AL, "Y", "AL")
    check_finite(Y, "Y")
    _check_labels(Y, caches[-1].activation)
    with float64_arithmetic("backward"):
        return _backward(AL, Y, caches)


def compute_cost(AL, Y, output="sigmoid"):
    """The cost J of the output-layer activations AL (probabilities), as in the course.

    output "sigmoid": AL (1, m) of probabilities, Y (1, m) of 0/1 labels, binary
        cross-entropy (AL clipped away from 0 and 1);
    "softmax": AL (k, m), k >= 2, each column summing to 1, Y one-hot (k, m), cross-entropy;
    "linear": AL and Y (nL, m), half mean squared error.
    Y must have AL's shape (checked first, so AL.T or Y.T is refused with a hint); m >= 1.
    Returns J, a float. (train computes J from the logits Z[L] instead, which is exact.)
    """
    if not isinstance(output, str) or output not in _OUTPUT_ACTIVATIONS:
        raise ValueError(f"output must be one of {', '.join(map(repr, _OUTPUT_ACTIVATIONS))}; "
                         f"got {output!r}")
    AL = as_array(AL, "AL")
    Y = as_array(Y, "Y")
    if output == "sigmoid":
        check_shape(AL, (1, None), "AL")
    else:
        check_shape(AL, (None, None), "AL")
    check_same_shape(Y, AL, "Y", "AL")
    check_examples(AL.shape[1], "AL")
    check_finite(AL, "AL")
    check_finite(Y, "Y")
    if output != "linear":
        bad = (AL < 0) | (AL > 1)
        if np.any(bad):
            i = tuple(int(k) for k in np.argwhere(bad)[0])
            hint = (": these look like logits Z[L]; network_cost takes the cost from Z"
                    if output == "sigmoid" else "")
            raise ValueError(f"AL must hold probabilities in [0, 1]; found {AL[i]:g} at "
                             f"index {i}{hint}")
    if output == "softmax":
        if AL.shape[0] < 2:
            raise ShapeError(f"AL has shape {AL.shape}: a softmax output has k >= 2 rows, one "
                             f"per class; for two classes use output='sigmoid' with AL (1, m)")
        off = np.abs(np.sum(AL, axis=0) - 1) > losses.SUM_TOLERANCE
        if np.any(off):
            col = int(np.flatnonzero(off)[0])
            msg = (f"AL must hold one probability distribution per column (each column sums "
                   f"to 1); column {col} sums to {np.sum(AL[:, col]):.6g}")
            if np.all(np.abs(np.sum(AL, axis=1) - 1) <= losses.SUM_TOLERANCE):
                msg += "; its rows sum to 1 instead: it looks transposed, try AL.T and Y.T"
            raise ValueError(msg)
    _check_labels(Y, output)
    if output == "sigmoid":
        return losses.binary_cross_entropy(AL, Y)
    if output == "softmax":
        return losses.cross_entropy(AL, Y)
    with float64_arithmetic("compute_cost"):
        return losses.half_mean_squared_error(AL, Y)


def network_cost(X, Y, params, activations):
    """J(params) on (X, Y): forward, then the cost from the output layer's logits.

    X: (n_x, m), m >= 1; Y: (nL, m). Returns a float. This is the J that backward
    differentiates (the function a gradient check perturbs).
    """
    X, Y, params, activations = check_cost_arguments(X, Y, params, activations)
    with float64_arithmetic("network_cost"):
        return network_cost_unchecked(X, Y, params, activations)


def update(params, grads, learning_rate):
    """One gradient-descent step: W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l].

    params: {"W1", "b1", ...}; grads: exactly {"dW1", "db1", ...}, each of its parameter's
    shape; learning_rate: alpha, a finite real > 0.
    Returns a NEW params dict; the caller's arrays are not changed.
    """
    params, L = _check_params(params)
    check_layer_keys(grads, "grads", prefix="d", L=L)
    learning_rate = check_positive(learning_rate, "learning_rate")
    checked = {}
    for name, value in params.items():
        key = "d" + name
        grad = check_same_shape(as_array(grads[key], key), value, key, name)
        checked[key] = check_finite(grad, key)
    with float64_arithmetic("update"):
        return {name: value - learning_rate * checked["d" + name] for name, value in params.items()}


def predict(X, params, activations):
    """Predicted labels for the columns of X.

    sigmoid output: 1 where A[L] > 0.5 else 0, shape (nL, m) ((1, m) in the course), int64.
    softmax output: the class index with the largest probability, shape (1, m), int64.
    linear output: A[L] itself, shape (nL, m), float64.
    """
    AL, _ = forward(X, params, activations)
    output = activations[-1]
    if output == "sigmoid":
        return (AL > _THRESHOLD).astype(np.int64)
    if output == "softmax":
        return np.argmax(AL, axis=0).reshape(1, -1)
    return AL


def hidden_unit_activations(params, activations, points, layer=1):
    """The activations A[layer] of every unit of one layer at the given points.

    params: {"W1", "b1", ...} of a dense network; activations: one name per layer.
    points: inputs, shape (n_x, k), one point per column. layer: a whole number, 1 .. L.
    Returns A[layer], shape (n[layer], k): row i is what unit i computes at each point
    (lesson 04 draws each row over the input plane).
    points, params and activations are checked as forward checks X, params and activations.
    """
    layer = check_count(layer, "layer")
    points, params, activations = _check_network(points, params, activations, "points")
    if layer > len(activations):
        raise ValueError(f"layer must be between 1 and {len(activations)}; got {layer}")
    with float64_arithmetic("hidden_unit_activations"):
        _, caches = _forward(points, params, activations)
    return caches[layer - 1].A


def accuracy(predictions, Y):
    """Fraction of the m examples whose predicted label equals the true one (0.9 = 90 %).

    predictions: (1, m) labels as predict() returns them (0/1, or class indices 0..k-1);
        probabilities are refused: threshold them first (predict does).
    Y: (1, m) labels 0/1, or one-hot (k, m) (compared through its class indices). m >= 1.
    """
    predictions = as_array(predictions, "predictions")
    check_shape(predictions, (1, None), "predictions")
    m = predictions.shape[1]
    Y = as_array(Y, "Y")
    check_shape(Y, (None, m), "Y")
    if m == 0:
        raise ValueError("predictions has no examples (m = 0): accuracy is a fraction of "
                         "m >= 1 examples")
    check_finite(predictions, "predictions")
    check_finite(Y, "Y")
    k = Y.shape[0]
    if k == 1:
        _check_labels(Y, "sigmoid")
        labels, allowed = Y, "labels 0 or 1 (Y holds 0/1 labels)"
    else:
        _check_labels(Y, "softmax")
        labels, allowed = np.argmax(Y, axis=0).reshape(1, -1), f"class indices 0 to {k - 1}"
    whole = predictions == np.round(predictions)
    bad = ~whole | (predictions < 0) | (predictions > max(k - 1, 1))
    if np.any(bad):
        value = float(predictions[bad][0])
        msg = f"predictions must hold {allowed}; found {value:g}"
        if not np.all(whole) and np.all((predictions >= 0) & (predictions <= 1)):
            msg += ("; these look like probabilities A[L]: threshold them first, with "
                    "predict(X, params, activations) or (AL > 0.5).astype(int)")
            if k > 1:
                msg += " (for softmax, np.argmax(AL, axis=0).reshape(1, -1))"
        raise ValueError(msg)
    return float(np.mean(predictions == labels))


def _check_training(learning_rate, num_iterations, print_every, progress):
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_iterations = check_count(num_iterations, "num_iterations")
    if print_every is not None:
        print_every = check_count(print_every, "print_every")
    return learning_rate, num_iterations, print_every, check_flag(progress, "progress")


def train(X, Y, layer_dims, activations, learning_rate, num_iterations, *,
          method="he", scale=1.0, seed=0, print_every=None, progress=False,
          optimizer=None, batch_size=None, shuffle_seed=0):
    """Gradient descent (or another optimizer), on the whole training set or on mini-batches.

    X: (n_x, m), m >= 1; Y: (nL, m) labels for the output layer (see the module docstring).
    layer_dims: [n_x, n1, ..., nL], initialized with helpers.initializers.initialize(
        layer_dims, method, scale, seed); or a params dict to start from (copied, not changed).
    activations: one name per layer, e.g. ["tanh", "sigmoid"].
    learning_rate: alpha, a finite real > 0; num_iterations: the number of steps, >= 1.
    print_every: if set (a whole number >= 1), print "step  1000: cost 0.2345" at steps
        0, k, 2k, ...
    progress: if True, show a tqdm progress bar (without times, so notebook output is stable;
        a notebook stores the finished bar, or the bar where a failed run stopped).
    optimizer: None (plain gradient descent, params -= learning_rate * grads: the earlier
        lessons) or one of helpers.optimizers' (Adam(), Momentum(), RMSprop(), ...), whose
        state starts from optimizer.init(params).
    batch_size: None (every step uses all m examples) or a whole number 1..m: each step uses
        the next mini-batch of that many columns; the columns are shuffled at the start of
        every epoch (a pass over the m examples; the last batch of an epoch may be smaller)
        by one np.random.default_rng(shuffle_seed) for the whole run. shuffle_seed: a whole
        number >= 0.
    Returns (params, costs): the trained params and a list of num_iterations floats, costs[i]
    being J before step i's update (recorded at every step; with mini-batches, J on that
    step's mini-batch).
    Raises ValueError if gradient descent diverges (the cost or the weights overflow
    float64, as with a learning rate far too large), naming the step and the learning rate.
    """
    learning_rate, num_iterations, print_every, progress = _check_training(
        learning_rate, num_iterations, print_every, progress)
    X = _check_X_array(X)
    if isinstance(layer_dims, dict):
        params, n_layers = _check_params(layer_dims, "layer_dims", X=X)
        params = {k: v.copy() for k, v in params.items()}
    else:
        dims = check_layer_dims(layer_dims)
        params = initialize(dims, method=method, scale=scale, seed=seed)
        params, n_layers = _check_params(params, X=X)
    activations = _check_activations(activations, n_layers)
    _check_output_units(params, activations)
    check_finite(X, "X")
    check_examples(X.shape[1], "X")
    Y = _check_Y(Y, (params[f"W{n_layers}"].shape[0], X.shape[1]), activations[-1])

    steps = range(num_iterations)
    write = print
    if progress:
        bar = _Progress(num_iterations)
        steps, write = bar.steps, bar.steps.write
    optimizer = _check_optimizer(optimizer)
    batches = _batches(X, Y, batch_size, shuffle_seed)
    state = optimizer.init(params) if optimizer is not None else None
    costs = []
    keys = list(params)
    i, done = 0, 0
    try:
        with np.errstate(**_ARITHMETIC):
            for i in steps:
                Xb, Yb = next(batches)
                AL, caches = _forward(Xb, params, activations)
                cost = _cost(caches, Yb)
                if not cost < math.inf:  # inf or NaN: the weights have overflowed
                    raise FloatingPointError(f"the cost is {cost}")
                costs.append(cost)
                if print_every and i % print_every == 0:
                    write(f"step {i:5d}: cost {cost:.4f}")
                grads = _backward(AL, Yb, caches)
                if optimizer is None:
                    for k in keys:  # in place: train owns these arrays (made or copied above)
                        params[k] -= learning_rate * grads["d" + k]
                else:
                    params, state = optimizer.step(params, grads, state, learning_rate)
            done = num_iterations
            if not all(np.all(np.isfinite(params[k])) for k in keys):
                raise FloatingPointError("the weights are not finite")
    except FloatingPointError as err:
        raise ValueError(_divergence_message(i, bool(costs), learning_rate, err)) from None
    finally:
        if progress:
            bar.close(done or i)  # steps completed: all, or those before step i
    return params, costs


def _check_optimizer(optimizer):
    if optimizer is not None and not isinstance(optimizer, tuple(OPTIMIZERS.values())):
        raise TypeError(f"optimizer must be None (gradient descent) or one of helpers.optimizers' "
                        f"(Adam(), Momentum(), RMSprop(), GradientDescent()), got {optimizer!r}")
    return optimizer


def _batches(X, Y, batch_size, shuffle_seed):
    """An endless supply of (X, Y) for the steps: the whole set, or shuffled mini-batches.

    The arguments are checked here, before the first step.
    """
    m = X.shape[1]
    rng = np.random.default_rng(check_seed(shuffle_seed, "shuffle_seed"))
    if batch_size is not None:
        batch_size = check_count(batch_size, "batch_size")
        if batch_size > m:
            raise ValueError(f"batch_size must be between 1 and m = {m} (the number of examples), "
                             f"got {batch_size}")

    def supply():
        if batch_size is None:
            while True:
                yield X, Y
        while True:  # one epoch: a fresh order of the m columns, cut into batches
            order = rng.permutation(m)
            Xp, Yp = X[:, order], Y[:, order]
            for start in range(0, m, batch_size):
                yield Xp[:, start:start + batch_size], Yp[:, start:start + batch_size]
    return supply()


def _divergence_message(step, started, learning_rate, err):
    if not started:
        return (f"train: the cost of the starting weights overflowed float64 ({err}): X or "
                f"the initial weights are too large; standardize X, or use a smaller scale")
    return (f"train diverged at step {step} with learning_rate={learning_rate:g}: the cost or "
            f"the weights overflowed float64 ({err}); gradient descent overshoots when the "
            f"learning rate is too large for the problem: try one 10 or 100 times smaller")


def change_after_nudges(X, Y, layer_dims, activations, learning_rate, num_iterations, *,
                        method="he", scale=1.0, seed=0, nudge=_NUDGE, tries=3, optimizer=None,
                        batch_size=None, shuffle_seed=0):
    """Does a training run settle? The largest change of a final weight when the start is nudged.

    Trains as train(X, Y, layer_dims, activations, learning_rate, num_iterations, method=,
    scale=, seed=, optimizer=, batch_size=, shuffle_seed=) does, then `tries` times more from the
    same start with every weight w replaced by w (1 + nudge r), r ~ N(0, 1) (seeded: the same
    nudges on every call).
    nudge: a relative size in (0, 1e-3), default 1e-13; tries: a whole number >= 1.
    Returns max |W_nudged - W| over every final parameter of every nudged run (a float).
    A run that settles keeps the change near `nudge` (below about 1e-9); a chaotic run, whose
    result is decided by the last digit of the arithmetic (different on another computer),
    grows it to 1e-6 or more.
    """
    nudge = check_real(nudge, "nudge", 0.0, _MAX_NUDGE)
    if not 0 < nudge < _MAX_NUDGE:
        raise ValueError(f"nudge must be a relative size in (0, {_MAX_NUDGE:g}); got {nudge!r}")
    tries = check_count(tries, "tries")
    _check_training(learning_rate, num_iterations, None, False)
    if isinstance(layer_dims, dict):
        start, _ = _check_params(layer_dims, "layer_dims")
    else:
        start = initialize(check_layer_dims(layer_dims), method=method, scale=scale, seed=seed)
    run = dict(optimizer=optimizer, batch_size=batch_size, shuffle_seed=shuffle_seed)
    final, _ = train(X, Y, start, activations, learning_rate, num_iterations, **run)
    noise, change = np.random.default_rng(0), 0.0
    for _ in range(tries):
        nudged = {k: w * (1 + nudge * noise.standard_normal(w.shape)) for k, w in start.items()}
        moved, _ = train(X, Y, nudged, activations, learning_rate, num_iterations, **run)
        change = max(change, max(float(np.max(np.abs(moved[k] - final[k]))) for k in final))
    return change
