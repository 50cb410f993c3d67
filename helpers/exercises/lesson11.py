"""Lesson 11 (convolutional layers, the lecture's ECG example): the exercises' self-checks.

windowed_layer_sizes(n_in, windows)     the number of units of each layer of a stack of
                                        windowed layers, given as (window, stride) pairs:
                                        [n_in, n1, n2, ...], n_l = (n_{l-1} - window) //
                                        stride + 1, refusing a window longer than its input
                                        and a stride that does not tile it
conv1d_one_example(x, w, b, stride)     one filter w (window,) slid along one example x
                                        (n_in, 1) with a stride, plus the bias b: z (n_out, 1)

The cases include the lecture's two layers (100 inputs, windows of 20, stride 10; 9 inputs,
windows of 5, stride 2), a window as long as the input (one unit), stride 1, and filters that
are not symmetric, so that a flipped filter (np.convolve, a true convolution) is caught; the
bias is never 0.
"""
import numpy as np

from helpers import conv
from helpers.checks import Case, Exercise, Mistake, Refuse

__all__ = ["EXERCISES", "conv1d_one_example", "windowed_layer_sizes"]


# ---- the sizes of a stack of windowed layers ------------------------------------------------

def _sizes_reference(n_in, windows):
    sizes = [n_in]
    for window, stride in windows:
        sizes.append(conv.output_length(sizes[-1], window, stride))
    return sizes


def _sizes_cases():
    return [Case(100, [(20, 10), (5, 2)], label="the lecture's ECG network: windows of 20 "
                 "(stride 10), then of 5 (stride 2)"),
            Case(12, [(3, 1)], label="one layer, stride 1: a window at every position"),
            Case(8, [(8, 3)], label="a window as long as the input"),
            Case(40, [(4, 3), (3, 2), (2, 2)], label="three layers: 40 -> 13 -> 6 -> 3"),
            Refuse(10, [(12, 1)], label="a window of 12 over 10 inputs",
                   hint="a unit cannot look at more inputs than there are: raise a ValueError "
                        "when window > n_in"),
            Refuse(100, [(20, 7)], label="stride 7 over 100 inputs with windows of 20",
                   hint="(100 - 20) is not a multiple of 7, so the last inputs would be seen by "
                        "no unit: raise a ValueError when (n_in - window) % stride != 0"),
            Refuse(100, [(20, 10), (4, 2)], label="windows of 4 (stride 2) over layer 1's 9 units",
                   hint="each layer's windows must tile the layer before it: check every layer, "
                        "with the number of units of the one before as its n_in")]


def _sizes_solution(n_in, windows):
    sizes = [n_in]
    for window, stride in windows:
        n = sizes[-1]  # this layer's input: the units of the layer before
        if window > n:
            raise ValueError(f"window={window} is longer than the input, n_in = {n}")
        if (n - window) % stride != 0:
            raise ValueError(f"stride={stride} does not tile {n} inputs with windows of {window}")
        sizes.append((n - window) // stride + 1)  # the first window, then one per stride
    return sizes


def _sizes_with(formula):
    def sizes(n_in, windows):
        out = [n_in]
        for window, stride in windows:
            out.append(formula(out[-1], window, stride))
        return out
    return sizes


windowed_layer_sizes = Exercise(
    "windowed_layer_sizes", _sizes_cases, _sizes_reference, returns="sizes",
    where="lesson11.windowed_layer_sizes", solution=_sizes_solution,
    hints=("the first unit's window starts at input 0; each further unit starts `stride` "
           "inputs later; the last window must end at the last input. Each layer's input is "
           "the layer before it",
           "count how many strides fit between the first window's start and the last one's "
           "(n_in - window inputs, in steps of stride), then add the first unit; repeat with "
           "that count as the next layer's n_in"),
    mistakes=[
        Mistake("n_in // stride, as if the windows had no length",
                _sizes_with(lambda n, window, stride: n // stride),
                "a window needs `window` inputs: only n_in - window inputs are left to slide over"),
        Mistake("(n_in - window) // stride, without the first unit",
                _sizes_with(lambda n, window, stride: (n - window) // stride),
                "the formula counts the steps between windows; add 1 for the first window"),
        Mistake("n_in - window + 1, the stride left out",
                _sizes_with(lambda n, window, stride: n - window + 1),
                "that is the count for stride 1; with a stride, a new window starts every "
                "`stride` inputs"),
        Mistake("n_in // window, windows side by side without overlap",
                _sizes_with(lambda n, window, stride: n // window),
                "the windows overlap when stride < window: a new one starts every `stride` "
                "inputs, not every `window`"),
        Mistake("every layer computed from the network's input n_in",
                lambda n_in, windows: [n_in] + [(n_in - w) // s + 1 for w, s in windows],
                "layer 2 looks at the units of layer 1, not at the inputs: use the size just "
                "computed as the next layer's n_in"),
    ])


# ---- one filter slid along one example ------------------------------------------------------

def _conv_cases():
    g = np.random.default_rng(1101)
    return [Case(np.arange(1.0, 9.0).reshape(8, 1), np.array([1.0, 0.0, -1.0]), 0.5, 1,
                 label="x = 1 ... 8, w = [1, 0, -1], stride 1"),
            Case(g.standard_normal((12, 1)), np.array([0.5, -1.0, 2.0, 0.25]), -0.3, 2,
                 label="12 inputs, a filter of 4, stride 2"),
            Case(g.standard_normal((100, 1)), g.standard_normal(20), 0.1, 10,
                 label="the lecture's layer 1: 100 inputs, a filter of 20, stride 10"),
            Case(g.standard_normal((6, 1)), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), 1.5, 4,
                 label="a filter as long as the input: one unit")]


def _conv_reference(x, w, b, stride):
    Z, _ = conv.conv1d_forward(x, w, np.array([[b]]), stride)
    return Z


def _conv_solution(x, w, b, stride):
    window = w.shape[0]
    n_out = (x.shape[0] - window) // stride + 1
    z = np.zeros((n_out, 1))
    for j in range(n_out):
        start = j * stride  # unit j sees x[start], ..., x[start + window - 1]
        z[j, 0] = np.sum(w * x[start:start + window, 0]) + b
    return z


def _windows_of(x, window, step):
    starts = range(0, x.shape[0] - window + 1, step)
    return np.array([x[s:s + window, 0] for s in starts])


conv1d_one_example = Exercise(
    "conv1d_one_example", _conv_cases, _conv_reference, returns="z",
    where="lesson11.conv1d_one_example", solution=_conv_solution,
    hints=("unit j looks at x[j*stride], ..., x[j*stride + window - 1] (counting from 0): "
           "multiply those inputs by w entry by entry, add them up, then add b",
           "n_out = (n_in - window) // stride + 1 units; build z as an (n_out, 1) column and "
           "fill row j from the slice of x that starts at j * stride and holds `window` inputs"),
    mistakes=[
        Mistake("the filter flipped (np.convolve: a true convolution)",
                lambda x, w, b, stride: _conv_reference(x, w[::-1].copy(), b, stride),
                "frameworks' convolutional layers (and the lecture's units) multiply w[0] with "
                "the window's first input: a cross-correlation, without flipping w"),
        Mistake("the bias left out", lambda x, w, b, stride: _conv_reference(x, w, 0.0, stride),
                "every unit adds the bias b after its weighted sum"),
        Mistake("the stride left out (a unit at every position)",
                lambda x, w, b, stride: _conv_reference(x, w, b, 1),
                "unit j starts at input j * stride, not at input j"),
        Mistake("windows side by side (a new one every `window` inputs)",
                lambda x, w, b, stride: (_windows_of(x, w.shape[0], w.shape[0]) @ w + b).reshape(-1, 1),
                "a new window starts every `stride` inputs; windows overlap when stride < window"),
    ])

EXERCISES = ["windowed_layer_sizes", "conv1d_one_example"]
