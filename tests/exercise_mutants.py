"""Typical wrong solutions ("mutants") of every exercise, which its self-check must fail.

MUTANTS["lessonNN.exercise"] is a list of Mutant(label, fns, says): the function(s) a
student might plausibly write, and a phrase the report must contain (the item it names or
the hint that fits). tests/test_exercise_mutants.py runs each exercise's check against each
mutant, plus the generic ones every exercise gets (a stub, an empty body, a solution that
changes its input in place), and against the notebook's own solution, which must pass.
An exercise without mutants here fails that test: a new lesson's exercises need theirs.
"""
import numpy as np

from helpers import activations as act
from helpers import network as net
from helpers.initializers import initialize


class Mutant:
    def __init__(self, label, fns, says=None):
        self.label = label
        self.fns = fns if isinstance(fns, tuple) else (fns,)
        self.says = says


# --- lesson 01 ---------------------------------------------------------------------------

def _center(X, axis=1, keepdims=True):
    mu = X.mean(axis=axis, keepdims=keepdims)
    return X - mu, mu


def _norm_rows_inplace(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


L01 = {
    "lesson01.normalize_rows": [
        Mutant("rank-1 lengths (no keepdims)", lambda x: x / np.linalg.norm(x, axis=1), "shape (m, 1)"),
        Mutant("columns' lengths (wrong axis)", lambda x: x / np.linalg.norm(x, axis=0, keepdims=True),
               "axis=1"),
        Mutant("squared lengths", lambda x: x / np.sum(x**2, axis=1, keepdims=True), "square root"),
        Mutant("divides in place", _norm_rows_inplace, "in place"),
        Mutant("transposed result", lambda x: (x / np.linalg.norm(x, axis=1, keepdims=True)).T, "transpose"),
    ],
    "lesson01.center_features": [
        Mutant("mean without keepdims (rank-1 mu)", lambda X: _center(X, keepdims=False)),
        Mutant("mean over the features (axis 0)", lambda X: _center(X, axis=0), "axis=1"),
        Mutant("returns only X - mu", lambda X: _center(X)[0], "2 items"),
        Mutant("pair swapped", lambda X: _center(X)[::-1], "in that order"),
        Mutant("mu as the sum (no 1/m)", lambda X: (X - X.sum(axis=1, keepdims=True), X.sum(axis=1, keepdims=True))),
        Mutant("sign: mu - X", lambda X: (-_center(X)[0], _center(X)[1]), "wrong sign"),
    ],
}


# --- lesson 02 ---------------------------------------------------------------------------

def _cost(A, Y):
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / A.shape[1])


L02 = {
    "lesson02.center_columns": [
        Mutant("the given version: rank-1 mu broadcasts into a table", lambda X, mu: X - mu, "(3, 3)"),
        Mutant("column but no shape check", lambda X, mu: X - np.reshape(mu, (-1, 1)), "refuse"),
        Mutant("mu as a row", lambda X, mu: X - np.reshape(mu, (1, -1)), "wrong axis"),
        Mutant("adds mu", lambda X, mu: X + np.reshape(mu, (-1, 1))),
    ],
    "lesson02.cost_bce": [
        Mutant("the given version: a (1, 1) matrix", lambda A, Y: -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / A.shape[1],
               ".item()"),
        Mutant("no shape check (the issue's mutant)", _cost, "refuse"),
        Mutant("no 1/m", lambda A, Y: _cost(A, Y) * A.shape[1] if Y.shape == A.shape else 1 / 0, "times"),
        Mutant("wrong sign", lambda A, Y: -_cost(A, Y) if Y.shape == A.shape else 1 / 0, "wrong sign"),
        Mutant("y and 1 - y swapped", lambda A, Y: _cost(A, 1 - Y) if Y.shape == A.shape else 1 / 0, "swapped"),
        Mutant("a (1, 1) array via keepdims", lambda A, Y: -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A), keepdims=True) / A.shape[1],
               "single number"),
    ],
    "lesson02.update_bias": [
        Mutant("the given version: rank-1 db", lambda b, dZ, lr: b - lr * np.sum(dZ, axis=1) / dZ.shape[1], "table"),
        Mutant("no shape check", lambda b, dZ, lr: b - lr * np.mean(dZ, axis=1, keepdims=True), "refuse"),
        Mutant("sum, no 1/m", lambda b, dZ, lr: b - lr * np.sum(dZ, axis=1, keepdims=True), "1/m"),
        Mutant("plus instead of minus", lambda b, dZ, lr: b + lr * np.mean(dZ, axis=1, keepdims=True), "uphill"),
        Mutant("mean over axis 0", lambda b, dZ, lr: b - lr * np.mean(dZ, axis=0, keepdims=True).T),
    ],
}


# --- lesson 03 ---------------------------------------------------------------------------

def _lr(w, b, X, Y, *, stable=True, per_m=True, sign=1.0, transpose=False, db_array=False, swap=False):
    m = X.shape[1]
    Z = w.T @ X + b
    if stable:
        J = float(np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / m)
    else:
        A = 1 / (1 + np.exp(-Z))
        J = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = sign * (act.sigmoid(Z) - Y)
    dw = X @ dZ.T / (m if per_m else 1)
    db = np.sum(dZ) / m
    if transpose:
        dw = dw.T
    if swap:
        return J, db, dw
    return J, dw, (np.array([[db]]) if db_array else float(db))


def _lr_inconsistent(w, b, X, Y):
    J, dw, db = _lr(w, b, X, Y)
    return J, dw * 1.01, db


L03 = {
    "lesson03.logistic_cost_and_grad": [
        Mutant("cost from the probabilities (nan at large |z|)", lambda *a: _lr(*a, stable=False), "logits"),
        Mutant("dw without 1/m", lambda *a: _lr(*a, per_m=False), "1/m"),
        Mutant("dZ = Y - A (sign)", lambda *a: _lr(*a, sign=-1.0), "wrong sign"),
        Mutant("dw transposed (1, n_x)", lambda *a: _lr(*a, transpose=True), "transpose"),
        Mutant("db a (1, 1) array", lambda *a: _lr(*a, db_array=True), "db should be a single number"),
        Mutant("dw and db swapped", lambda *a: _lr(*a, swap=True), "dw"),
        Mutant("a slightly wrong dw", _lr_inconsistent, "dw differs"),
    ],
    "lesson03.gradient_matches_cost": [
        Mutant("dw without 1/m", lambda *a: _lr(*a, per_m=False), "dw"),
        Mutant("a slightly wrong dw", _lr_inconsistent, "dw differs"),
        Mutant("sign of the gradient", lambda *a: _lr(*a, sign=-1.0), "wrong sign"),
        Mutant("db a (1, 1) array", lambda *a: _lr(*a, db_array=True), "db"),
    ],
}


# --- lesson 04 ---------------------------------------------------------------------------

def _fwd(X, p, *, bias=True, g1=np.tanh, g2=act.sigmoid, cache=True, transpose=False):
    b1, b2 = (p["b1"], p["b2"]) if bias else (0.0, 0.0)
    W1 = p["W1"]
    Z1 = (X.T @ W1.T).T + b1 if transpose else W1 @ X + b1
    A1 = g1(Z1)
    Z2 = p["W2"] @ A1 + b2
    A2 = g2(Z2)
    c = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2} if cache else {"A1": A1, "A2": A2}
    return (A2.T if transpose else A2), c


def _bwd(X, Y, p, c, *, slope=lambda A1: 1 - A1**2, per_m=True, keepdims=True, sign=1.0,
         transpose_dW1=False, recompute=False):
    m = X.shape[1]
    k = m if per_m else 1
    A1, A2 = c["A1"], c["A2"]
    if recompute:  # from the parameters, forgetting the bias
        A1 = np.tanh(p["W1"] @ X)
        A2 = act.sigmoid(p["W2"] @ A1)
    dZ2 = sign * (A2 - Y)
    dZ1 = (p["W2"].T @ dZ2) * slope(A1)
    dW1 = X @ dZ1.T / k if transpose_dW1 else dZ1 @ X.T / k
    return {"dW1": dW1, "db1": np.sum(dZ1, axis=1, keepdims=keepdims) / k,
            "dW2": dZ2 @ A1.T / k, "db2": np.sum(dZ2, axis=1, keepdims=keepdims) / k}


def _train(X, Y, n_h, lr, n, seed, *, biases=True, sign=1.0, method="random", reseed=None):
    params = initialize([X.shape[0], n_h, 1], method=method, seed=seed if reseed is None else reseed)
    for _ in range(n):
        A2, caches = net.forward(X, params, ["tanh", "sigmoid"])
        grads = net.backward(A2, Y, caches)
        params = {k: (v - sign * lr * grads["d" + k]) if (biases or k.startswith("W")) else v
                  for k, v in params.items()}
    return params


def _train_one_step_short(X, Y, n_h, lr, n, seed):
    return _train(X, Y, n_h, lr, n - 1, seed)


def _train_forward_stub(X, Y, n_h, lr, n, seed):
    def forward_2layer(X, params):
        raise NotImplementedError
    params = initialize([X.shape[0], n_h, 1], method="random", seed=seed)
    forward_2layer(X, params)
    return params


L04 = {
    "lesson04.forward_2layer": [
        Mutant("no biases (the issue's mutant)", lambda X, p: _fwd(X, p, bias=False), "biases"),
        Mutant("sigmoid in the hidden layer", lambda X, p: _fwd(X, p, g1=act.sigmoid), "tanh"),
        Mutant("tanh at the output", lambda X, p: _fwd(X, p, g2=np.tanh), "sigmoid"),
        Mutant("cache without Z1, Z2", lambda X, p: _fwd(X, p, cache=False), "missing ['Z1', 'Z2']"),
        Mutant("A2 transposed", lambda X, p: _fwd(X, p, transpose=True), "A2"),
        Mutant("returns only A2", lambda X, p: _fwd(X, p)[0], "2 items"),
    ],
    "lesson04.backward_2layer": [
        Mutant("the sigmoid's slope", lambda *a: _bwd(*a, slope=lambda A1: A1 * (1 - A1)), "sigmoid's slope"),
        Mutant("no tanh slope", lambda *a: _bwd(*a, slope=lambda A1: 1.0), "left out"),
        Mutant("no 1/m", lambda *a: _bwd(*a, per_m=False), "1/m"),
        Mutant("db without keepdims", lambda *a: _bwd(*a, keepdims=False), "rank-1"),
        Mutant("sign: Y - A2", lambda *a: _bwd(*a, sign=-1.0), "wrong sign"),
        Mutant("dW1 transposed", lambda *a: _bwd(*a, transpose_dW1=True), "dW1"),
        Mutant("recomputes A1 without b1", lambda *a: _bwd(*a, recompute=True), "differs"),
    ],
    "lesson04.train_2layer": [
        Mutant("biases not updated", lambda *a: _train(*a, biases=False), "biases"),
        Mutant("gradient ascent", lambda *a: _train(*a, sign=-1.0), "W1"),
        Mutant("He instead of x0.01 random start", lambda *a: _train(*a, method="he"), "W1"),
        Mutant("seed ignored", lambda *a: _train(*a, reseed=0), "W1"),
        Mutant("one step short", _train_one_step_short, "W1"),
        Mutant("Exercise 1 still a stub", _train_forward_stub, "calls forward_2layer, which is not implemented yet"),
    ],
}


# --- lesson 05 ---------------------------------------------------------------------------

def _tanh_both_branches(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, (1 - np.exp(-2 * z)) / (1 + np.exp(-2 * z)),
                    (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1))


def _tanh_direct(z):
    return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))


def _tanh_abs_inplace(z):
    s = np.sign(z)
    np.abs(z, out=z)
    t = np.exp(-2 * z)
    return s * (1 - t) / (1 + t)


def _tanh_no_sign(z):
    t = np.exp(-2 * np.abs(z))
    return (1 - t) / (1 + t)


def _tanh_sigmoid_form(z):
    return 2 * act.sigmoid(z) - 1  # tanh(z) = 2 sigma(2z) - 1: the 2 inside is forgotten


def _leaky_fd_broken(z, alpha):
    return np.where(np.asarray(z) > 0, 1.0, alpha) * 1.1


L05 = {
    "lesson05.tanh_stable": [
        Mutant("np.where evaluating both branches (the issue's mutant)", _tanh_both_branches, "warned"),
        Mutant("the direct formula", _tanh_direct),
        Mutant("the sign lost", _tanh_no_sign, "odd"),
        Mutant("abs in place", _tanh_abs_inplace, "in place"),
        Mutant("2 sigma(z) - 1", _tanh_sigmoid_form),
    ],
    "lesson05.tanh_stable_grad": [
        Mutant("the sigmoid's slope", lambda z: np.tanh(z) * (1 - np.tanh(z)), "sigmoid's slope"),
        Mutant("1 + a^2", lambda z: 1 + np.tanh(z) ** 2, "1 - a^2"),
        Mutant("1 - a", lambda z: 1 - np.tanh(z)),
        Mutant("direct formula's slope (overflow)", lambda z: 1 - _tanh_direct(z) ** 2),
    ],
    "lesson05.tanh_slope_matches": [
        Mutant("slope of another function", (np.tanh, lambda z: np.tanh(z) * (1 - np.tanh(z))), "differs"),
        Mutant("a tanh with the sign lost", (_tanh_no_sign, lambda z: 1 - np.tanh(z) ** 2), "differs"),
        Mutant("slope 10 % too big", (np.tanh, lambda z: 1.1 * (1 - np.tanh(z) ** 2)), "1.1 times"),
    ],
    "lesson05.leaky": [
        Mutant("alpha fixed at 0.01", lambda z, alpha: act.leaky_relu(z, 0.01), "alpha"),
        Mutant("ReLU", lambda z, alpha: np.maximum(z, 0.0), "alpha z"),
        Mutant("alpha on the wrong side", lambda z, alpha: np.where(np.asarray(z) > 0, alpha * np.asarray(z), z)),
        Mutant("min instead of max", lambda z, alpha: np.minimum(alpha * np.asarray(z), z)),
    ],
    "lesson05.leaky_grad": [
        Mutant("slope 1 at z = 0", lambda z, alpha: np.where(np.asarray(z) >= 0, 1.0, alpha), "z = 0"),
        Mutant("the function, not its slope", lambda z, alpha: act.leaky_relu(z, alpha), "slope"),
        Mutant("slope 0 for z < 0 (ReLU's)", lambda z, alpha: np.where(np.asarray(z) > 0, 1.0, 0.0)),
        Mutant("a rank-0 answer", lambda z, alpha: 1.0, "array"),
    ],
    "lesson05.leaky_slope_matches": [
        Mutant("slope too big", (act.leaky_relu, _leaky_fd_broken), "1.1 times"),
        Mutant("slope of ReLU", (act.leaky_relu, lambda z, alpha: np.where(np.asarray(z) > 0, 1.0, 0.0)), "differs"),
        Mutant("leaky with the wrong alpha", (lambda z, alpha: act.leaky_relu(z, 0.01), act.leaky_relu_grad), "differs"),
    ],
}


# --- lesson 06 ---------------------------------------------------------------------------

def _he(layer_dims, seed=0, *, fan="in", sqrt=True, factor=2.0, reseed=False, transposed=False,
        random_bias=False, unseeded=False, scale=None):
    rng = np.random.default_rng(None if unseeded else seed)
    params = {}
    for l in range(1, len(layer_dims)):
        if reseed:
            rng = np.random.default_rng(seed)
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        var = factor / (n_prev if fan == "in" else n)
        std = np.sqrt(var) if sqrt else var
        if scale is not None:
            std = scale
        shape = (n_prev, n) if transposed else (n, n_prev)
        params[f"W{l}"] = rng.standard_normal(shape) * std
        params[f"b{l}"] = rng.standard_normal((n, 1)) if random_bias else np.zeros((n, 1))
    return params


L06 = {
    "lesson06.initialize_he": [
        Mutant("generator re-created per layer (the issue's mutant)", lambda d, seed=0: _he(d, seed, reseed=True), "once"),
        Mutant("divides by the layer's own size n[l]", lambda d, seed=0: _he(d, seed, fan="out"), "W1: std"),
        Mutant("Xavier's 1/n", lambda d, seed=0: _he(d, seed, factor=1.0), "std"),
        Mutant("variance used as the std (no sqrt)", lambda d, seed=0: _he(d, seed, sqrt=False), "std"),
        Mutant("shapes transposed", lambda d, seed=0: _he(d, seed, transposed=True), "shapes"),
        Mutant("random biases", lambda d, seed=0: _he(d, seed, random_bias=True), "biases"),
        Mutant("no seed", lambda d, seed=0: _he(d, seed, unseeded=True), "same seed"),
        Mutant("the x0.01 of lesson 04", lambda d, seed=0: _he(d, seed, scale=0.01), "std"),
    ],
}


# --- lesson 07 ---------------------------------------------------------------------------

def _approx(J, theta, eps, *, one_sided=False, denominator=2.0):
    d = np.zeros_like(theta)
    for i in range(theta.size):
        tp, tm = theta.copy(), theta.copy()
        tp[i] += eps
        tm[i] -= eps
        plus, minus = J(tp), (J(theta) if one_sided else J(tm))
        d[i] = (plus - minus) / ((1.0 if one_sided else denominator) * eps)
    return d


def _approx_aliased(J, theta, eps):
    d = np.zeros_like(theta)
    for i in range(theta.size):
        tp = theta  # no copy: the nudges pile up in the caller's theta
        tp[i] += eps
        plus = J(tp)
        tp[i] -= 2 * eps
        minus = J(tp)
        d[i] = (plus - minus) / (2 * eps)
    return d


L07 = {
    "lesson07.gradient_approx": [
        Mutant("one-sided difference (the issue's mutant)", lambda J, t, e: _approx(J, t, e, one_sided=True), "one-sided"),
        Mutant("divides by eps, not 2 eps", lambda J, t, e: _approx(J, t, e, denominator=1.0), "2ε"),
        Mutant("nudges theta itself, no copy", _approx_aliased, "in place"),
        Mutant("nudges all entries at once", lambda J, t, e: np.full_like(t, (J(t + e) - J(t - e)) / (2 * e))),
        Mutant("the backprop gradient of another function", lambda J, t, e: 2 * t),
    ],
}

def _fixed_from(AL, Y, caches, *, input_of_2="A", slope=lambda A1: 1 - A1**2, per_m=True):
    layer1, layer2 = caches
    X, A1 = layer1.A_prev, layer1.A
    m = X.shape[1] if per_m else 1
    dZ2 = AL - Y
    dZ1 = (layer2.W.T @ dZ2) * slope(A1)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ (layer1.Z if input_of_2 == "Z" else A1).T / m,
            "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


L07["lesson07.culprit"] = [
    Mutant("the gradient's name", "dW2", "W2, not dW2"),
    Mutant("another parameter", "W1", "W2"),
    Mutant("lower case", "w2", "W2"),
    Mutant("the overall row", "overall", "W2"),
]
L07["lesson07.backward_fixed"] = [
    Mutant("the mystery unrepaired", lambda *a: _fixed_from(*a, input_of_2="Z"), "backward_mystery unchanged"),
    Mutant("the wrong line 'repaired' with the sigmoid's slope", lambda *a: _fixed_from(*a, slope=lambda A1: A1 * (1 - A1)),
           "dW1"),
    Mutant("1/m dropped", lambda *a: _fixed_from(*a, per_m=False), "1/m"),
]

# --- lesson 08 ---------------------------------------------------------------------------

def _sm(z, *, axis=0, shift="column", keepdims=True):
    top = {"column": lambda: np.max(z, axis=axis, keepdims=True), "array": lambda: np.max(z),
           "none": lambda: 0.0}[shift]()
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z - top)
        return e / np.sum(e, axis=axis, keepdims=keepdims)


def _softmax_inplace(z):
    z -= np.max(z, axis=0, keepdims=True)
    np.exp(z, out=z)
    z /= np.sum(z, axis=0, keepdims=True)
    return z


def _cost08(Z, Y, *, per_m=True, naive=False, sign=1.0, over="m"):
    m = Z.shape[1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_a = np.log(_sm(Z, shift="none")) if naive else act.log_softmax(Z)
        total = -sign * np.sum(Y * log_a)
    return float(total / ({"m": m, "km": Z.size}[over] if per_m else 1.0))


def _one_hot08(labels, k, *, k_from_max=False, transpose=False, shift=0):
    k = int(labels.max()) + 1 if k_from_max else k
    m = labels.shape[1]
    Y = np.zeros((k, m))
    Y[(labels[0].astype(int) + shift) % k, np.arange(m)] = 1.0
    return Y.T if transpose else Y


L08 = {
    "lesson08.softmax": [
        Mutant("no shift: e^1000 overflows", lambda z: _sm(z, shift="none"), "maximum"),
        Mutant("shifted by the whole array's maximum", lambda z: _sm(z, shift="array"), "each column"),
        Mutant("normalized along the rows", lambda z: _sm(z, axis=1), "axis=0"),
        Mutant("divides by the sum of the whole array", lambda z: np.exp(z - np.max(z, axis=0)) /
               np.sum(np.exp(z - np.max(z, axis=0)))),
        Mutant("shifts and exponentiates z in place", _softmax_inplace, "in place"),
        Mutant("the sigmoid of each entry", lambda z: 1 / (1 + np.exp(-z)), "every z"),
    ],
    "lesson08.softmax_cost": [
        Mutant("the sum, no 1/m", lambda Z, Y: _cost08(Z, Y, per_m=False), "divide the sum by m"),
        Mutant("the mean over k * m entries", lambda Z, Y: _cost08(Z, Y, over="km"), "not by k * m"),
        Mutant("log of the softmax: inf at large logits", lambda Z, Y: _cost08(Z, Y, naive=True), "log(0)"),
        Mutant("sign: + sum Y log a", lambda Z, Y: _cost08(Z, Y, sign=-1.0), "wrong sign"),
        Mutant("the largest class's loss, not the true one's",
               lambda Z, Y: float(-np.sum(np.max(act.log_softmax(Z), axis=0)) / Z.shape[1])),
    ],
    "lesson08.to_one_hot": [
        Mutant("k from the largest label", lambda l, k: _one_hot08(l, k, k_from_max=True), "the k you are given"),
        Mutant("(m, k): one row per example", lambda l, k: _one_hot08(l, k, transpose=True), "(k, m)"),
        Mutant("classes counted from 1", lambda l, k: _one_hot08(l, k, shift=-1), "row j"),
        Mutant("np.eye(k)[labels]: a (1, m, k) array", lambda l, k: np.eye(k)[l.astype(int)], "adds a dimension"),
    ],
    "lesson08.to_labels": [
        Mutant("argmax along the rows", lambda Y: np.argmax(Y, axis=1).reshape(1, -1), "axis=0"),
        Mutant("rank-1 labels", lambda Y: np.argmax(Y, axis=0), "rank-1"),
        Mutant("labels counted from 1", lambda Y: np.argmax(Y, axis=0).reshape(1, -1) + 1, "no + 1"),
        Mutant("the largest entry's value, not its row", lambda Y: np.max(Y, axis=0, keepdims=True)),
    ],
}


# --- lesson 09 ---------------------------------------------------------------------------

def _value_op(data, parents, local_grads):
    from helpers.autodiff import Value
    return Value(data, parents, local_grads)


def _div_into_a(a, b):
    a.data = a.data / b.data  # overwrites the input, then returns it
    return a


def _exp_into_a(a):
    a.data = float(np.exp(a.data))  # overwrites the input, then builds the result on it
    return _value_op(a.data, (a,), (a.data,))


def _hand(w, x, b, y, *, slope=lambda z, a: 1 - a ** 2, sign=1.0, dw_from="x", half=True):
    z = (w.T @ x).item() + b
    a = np.tanh(z)
    dz = sign * (a - y) * slope(z, a) * (1.0 if half else 2.0)
    return dz * (x if dw_from == "x" else w if dw_from == "w" else 1.0), dz


L09 = {
    "lesson09.div": [
        Mutant("∂/∂b with the wrong sign (+a/b²)",
               lambda a, b: _value_op(a.data / b.data, (a, b), (1 / b.data, a.data / b.data ** 2)), "wrong sign"),
        Mutant("∂/∂b = -a/b, square forgotten",
               lambda a, b: _value_op(a.data / b.data, (a, b), (1 / b.data, -a.data / b.data)), "square"),
        Mutant("∂/∂b = -1/b², factor a forgotten",
               lambda a, b: _value_op(a.data / b.data, (a, b), (1 / b.data, -1 / b.data ** 2)), "factor a"),
        Mutant("∂/∂b from the output instead of the input",
               lambda a, b: _value_op(a.data / b.data, (a, b), (1 / b.data, -(a.data / b.data) / b.data ** 2)),
               "not the result"),
        Mutant("the local derivatives in the wrong order",
               lambda a, b: _value_op(a.data / b.data, (a, b), (-a.data / b.data ** 2, 1 / b.data)), "order of parents"),
        Mutant("no parents recorded", lambda a, b: _value_op(a.data / b.data, (), ()), "cut off from the graph"),
        Mutant("overwrites a in place", _div_into_a, "changed its input a in place"),
    ],
    "lesson09.exp": [
        Mutant("local derivative 1", lambda a: _value_op(np.exp(a.data), (a,), (1.0,)), "not constant"),
        Mutant("local derivative from the input, a",
               lambda a: _value_op(np.exp(a.data), (a,), (a.data,)), "not the input"),
        Mutant("local derivative e^(-a)",
               lambda a: _value_op(np.exp(a.data), (a,), (np.exp(-a.data),)), "no minus sign"),
        Mutant("no parents recorded", lambda a: _value_op(np.exp(a.data), (), ()), "cut off from the graph"),
        Mutant("the value a instead of e^a", lambda a: _value_op(a.data, (a,), (np.exp(a.data),)), "exp(a)"),
        Mutant("overwrites a in place", lambda a: _exp_into_a(a), "changed its input a in place"),
    ],
    "lesson09.gradients_by_hand": [
        Mutant("sign error: y - a", lambda w, x, b, y: _hand(w, x, b, y, sign=-1.0), "wrong sign"),
        Mutant("tanh' left out", lambda w, x, b, y: _hand(w, x, b, y, slope=lambda z, a: 1.0), "tanh'(z) = 1 - a²"),
        Mutant("tanh' from z (1 - z²)", lambda w, x, b, y: _hand(w, x, b, y, slope=lambda z, a: 1 - z ** 2),
               "not its input"),
        Mutant("dw from w instead of x", lambda w, x, b, y: _hand(w, x, b, y, dw_from="w"), "times its input"),
        Mutant("the ½ dropped", lambda w, x, b, y: _hand(w, x, b, y, half=False), "½ cancels"),
        Mutant("dw as a row (n_x, 1) transposed",
               lambda w, x, b, y: (_hand(w, x, b, y)[0].T, _hand(w, x, b, y)[1]), "dw"),
        Mutant("dw without the factor x (dw = ∂J/∂z)",
               lambda w, x, b, y: (np.full_like(w, _hand(w, x, b, y)[1]), _hand(w, x, b, y)[1]),
               "without the factor x"),
    ],
}

# --- lesson 10 ---------------------------------------------------------------------------

def _adam10(w, g, v, s, t, lr, b1=0.9, b2=0.999, eps=1e-8, *, correct=True, swap=False,
            eps_inside=False, t_shift=0, square=True, inplace=False, rms=False):
    if swap:
        b1, b2 = b2, b1
    t = t + t_shift
    if inplace:
        v *= b1
        v += (1 - b1) * g
        s *= b2
        s += (1 - b2) * g * g
    else:
        v = b1 * v + (1 - b1) * g
        s = b2 * s + (1 - b2) * (g * g if square else np.abs(g))
    with np.errstate(divide="ignore", invalid="ignore"):
        v_hat = v / (1 - b1 ** t) if correct else v
        s_hat = s / (1 - b2 ** t) if correct else s
        root = np.sqrt(s_hat + eps) if eps_inside else np.sqrt(s_hat) + eps
        step = lr * (g if rms else v_hat) / root
    if inplace:
        w -= step
        return w, v, s
    return w - step, v, s


L10 = {
    "lesson10.adam_step": [
        Mutant("no bias correction", lambda *a: _adam10(*a, correct=False), "bias"),
        Mutant("beta1 and beta2 swapped", lambda *a: _adam10(*a, swap=True), "beta1"),
        Mutant("epsilon inside the square root", lambda *a: _adam10(*a, eps_inside=True), "after the root"),
        Mutant("steps counted from 0", lambda *a: _adam10(*a, t_shift=-1), "t is 1"),
        Mutant("s averages |g|, not g squared", lambda *a: _adam10(*a, square=False)),
        Mutant("the raw gradient in the step (RMSprop's)", lambda *a: _adam10(*a, rms=True)),
        Mutant("updates v, s and w in place", lambda *a: _adam10(*a, inplace=True), "in place"),
    ],
}


# --- lesson 11 ---------------------------------------------------------------------------

def _sizes11(n_in, windows, *, refuse=True, formula=None, chain=True):
    sizes = [n_in]
    for window, stride in windows:
        n = sizes[-1] if chain else n_in
        if refuse and (window > n or (n - window) % stride):
            raise ValueError("these windows do not tile the input")
        sizes.append(formula(n, window, stride) if formula else (n - window) // stride + 1)
    return sizes


def _sizes11_long_only(n_in, windows):
    if any(window > n_in for window, _ in windows):
        raise ValueError("window longer than the input")
    return _sizes11(n_in, windows, refuse=False)


def _conv11(x, w, b, stride, *, flip=False, bias=True, step=None, end=0):
    window = w.shape[0]
    w = w[::-1] if flip else w
    step = stride if step is None else step
    starts = range(0, x.shape[0] - window + 1, step)
    z = [np.sum(w[:window + end] * x[s:s + window + end, 0]) + (b if bias else 0.0) for s in starts]
    return np.array(z).reshape(-1, 1)


def _conv11_inplace(x, w, b, stride):
    x -= np.mean(x)  # "centres" the caller's example in place first
    return _conv11(x, w, b, stride)


L11 = {
    "lesson11.windowed_layer_sizes": [
        Mutant("n_in // stride", lambda n, ws: _sizes11(n, ws, refuse=False, formula=lambda n, k, s: n // s),
               "only n_in - window inputs are left"),
        Mutant("no + 1 for the first window", lambda n, ws: _sizes11(n, ws, refuse=False, formula=lambda n, k, s: (n - k) // s),
               "add 1 for the first window"),
        Mutant("stride left out", lambda n, ws: _sizes11(n, ws, refuse=False, formula=lambda n, k, s: n - k + 1),
               "with a stride"),
        Mutant("windows side by side", lambda n, ws: _sizes11(n, ws, refuse=False, formula=lambda n, k, s: n // k),
               "not every `window`"),
        Mutant("every layer from the network's n_in", lambda n, ws: _sizes11(n, ws, refuse=False, chain=False),
               "the units of layer 1"),
        Mutant("right formula, nothing refused", lambda n, ws: _sizes11(n, ws, refuse=False),
               "raise a ValueError"),
        Mutant("refuses only a window that is too long", _sizes11_long_only, "% stride != 0"),
        Mutant("returns only the last layer's size", lambda n, ws: _sizes11(n, ws)[-1]),
    ],
    "lesson11.conv1d_one_example": [
        Mutant("the filter flipped (a true convolution)", lambda x, w, b, s: _conv11(x, w, b, s, flip=True),
               "without flipping w"),
        Mutant("no bias", lambda x, w, b, s: _conv11(x, w, b, s, bias=False), "adds the bias"),
        Mutant("stride left out", lambda x, w, b, s: _conv11(x, w, b, s, step=1)),
        Mutant("windows side by side", lambda x, w, b, s: _conv11(x, w, b, s, step=w.shape[0])),
        Mutant("the window one input short (off by one at its end)",
               lambda x, w, b, s: _conv11(x, w, b, s, end=-1)),
        Mutant("a rank-1 z", lambda x, w, b, s: _conv11(x, w, b, s)[:, 0], "rank-1"),
        Mutant("centres x in place", _conv11_inplace, "in place"),
    ],
}

MUTANTS = {**L01, **L02, **L03, **L04, **L05, **L06, **L07, **L08, **L09, **L10, **L11}
