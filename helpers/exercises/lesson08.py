"""Lesson 08 (softmax, multi-class and multi-label): the exercises' self-checks.

softmax(z)                 a_j = e^(z_j) / sum_k e^(z_k) down each column of z (k, m), computed
                           without overflow: shifted by each column's maximum
softmax_cost(Z, Y)         J = -(1/m) sum_i log a_(y_i), from the logits Z (k, m) and one-hot
                           Y (k, m), finite for any finite Z (log-sum-exp)
to_one_hot(labels, k)      labels (1, m) of 0 .. k-1 -> one-hot columns (k, m)
to_labels(Y)               one-hot columns (k, m) -> labels (1, m)

The cases include logits of 1000, where e^z overflows and a shift by the whole array's
maximum (instead of each column's) underflows a column to 0 / 0; square inputs, where a sum
along the wrong axis keeps the shape; and labels that miss a class, where k cannot be
guessed from the largest label. No NumPy warning may be raised.
"""
import numpy as np

from helpers import activations as act
from helpers import datasets
from helpers import losses
from helpers.checks import Case, Exercise, Mistake

__all__ = ["EXERCISES", "softmax", "softmax_cost", "to_labels", "to_one_hot"]


def _quiet(f):
    """f computed the way a student's naive formula would, without NumPy's warnings."""
    def g(*args):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return f(*args)
    return g


# ---- softmax ------------------------------------------------------------------------------

def _softmax_cases():
    g = np.random.default_rng(801)
    return [Case(np.array([[1.0], [2.0], [0.5], [-1.0]]), label="one example, 4 classes"),
            Case(g.standard_normal((4, 5)), label="5 examples, 4 classes"),
            Case(g.standard_normal((3, 3)), label="a square (3, 3) z"),
            Case(np.array([[1000.0, -1000.0], [999.0, -1001.0], [0.0, -1000.0]]),
                 label="logits near +1000 in one column and -1000 in the other")]


def _softmax_solution(z):
    shifted = z - np.max(z, axis=0, keepdims=True)  # each column's largest entry becomes 0
    e = np.exp(shifted)                             # in (0, 1]: no overflow
    return e / np.sum(e, axis=0, keepdims=True)


softmax = Exercise(
    "softmax", _softmax_cases, act.softmax, returns="a", where="lesson08.softmax",
    solution=_softmax_solution,
    hints=("each column is one example: exponentiate, then divide by the column's sum; first "
           "subtract the column's largest z, which changes nothing in exact arithmetic",
           "np.max(z, axis=0, keepdims=True) is the (1, m) row of each column's maximum; the "
           "sum of e over a column needs the same axis and keepdims"),
    mistakes=[
        Mistake("normalized along the rows (axis=1) instead of down each column",
                lambda z: act.softmax(z, axis=1),
                "one example is one column: its k probabilities sum to 1, so sum over axis=0"),
        Mistake("e^z without a shift, which overflows to inf / inf = nan at z = 1000",
                _quiet(lambda z: np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True)),
                "subtract each column's maximum before np.exp: e^(z - max) is at most 1"),
        Mistake("shifted by the maximum of the whole array, not of each column",
                _quiet(lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)), axis=0,
                                                                 keepdims=True)),
                "a column far below the array's maximum underflows to 0 / 0: shift each column "
                "by its own maximum (axis=0, keepdims=True)"),
        Mistake("the sigmoid of each z", act.sigmoid,
                "softmax divides e^(z_j) by the sum over the column: each a_j depends on every z"),
    ])


# ---- the cost from logits -------------------------------------------------------------------

def _cost_cases():
    g = np.random.default_rng(802)
    Z = g.standard_normal((4, 6))
    Y = datasets.one_hot(np.array([[0, 3, 1, 1, 2, 0]]), 4)
    big = np.array([[1000.0, -500.0, 3.0], [0.0, 500.0, -3.0], [-1000.0, 0.0, 0.0]])
    Y_big = datasets.one_hot(np.array([[2, 0, 1]]), 3)
    return [Case(Z, Y, label="6 examples, 4 classes"),
            Case(np.array([[2.0], [1.0], [-1.0]]), np.array([[0.0], [1.0], [0.0]]),
                 label="one example, true class 1"),
            Case(big, Y_big, label="logits up to 1000, the true class far below the largest"),
            Case(g.standard_normal((2, 2)), np.eye(2), label="2 classes, 2 examples")]


def _cost_solution(Z, Y):
    m = Z.shape[1]
    top = np.max(Z, axis=0, keepdims=True)
    log_a = Z - top - np.log(np.sum(np.exp(Z - top), axis=0, keepdims=True))  # log softmax
    return float(-np.sum(Y * log_a) / m)


def _bce_of_softmax(Z, Y):
    a = np.clip(act.softmax(Z), 1e-300, 1 - 1e-16)
    return float(-np.sum(Y * np.log(a) + (1 - Y) * np.log(1 - a)) / Z.shape[1])


softmax_cost = Exercise(
    "softmax_cost", _cost_cases, losses.softmax_cross_entropy_with_logits, returns="J",
    where="lesson08.softmax_cost", solution=_cost_solution,
    hints=("for each example (column), log a_j = z_j - log sum_k e^(z_k); the loss is -log a of "
           "the true class, which Y's 1 picks out; J is the mean over the m examples",
           "write log sum_k e^(z_k) as max + log sum_k e^(z_k - max), column by column, then "
           "J = -(1/m) sum(Y * log_a)"),
    mistakes=[
        Mistake("the sum over the examples, without 1/m",
                lambda Z, Y: losses.softmax_cross_entropy_with_logits(Z, Y) * Z.shape[1],
                "J is the mean loss: divide the sum by m, the number of columns"),
        Mistake("the mean over all k * m entries of Y log a",
                lambda Z, Y: losses.softmax_cross_entropy_with_logits(Z, Y) / Z.shape[0],
                "only the true class's term counts, once per example: divide by m, not by k * m"),
        Mistake("log of the softmax (inf where the true class's probability underflows to 0)",
                _quiet(lambda Z, Y: float(-np.sum(Y * np.log(act.softmax(Z))) / Z.shape[1])),
                "log(softmax(z)) takes log(0) when a probability underflows: use "
                "log a_j = z_j - log sum_k e^(z_k) (with the maximum taken out)"),
        Mistake("binary cross-entropy of each of the k outputs", _quiet(_bce_of_softmax),
                "the softmax loss is -log a of the true class only: no (1 - y) log(1 - a) terms"),
    ])


# ---- one-hot and back -----------------------------------------------------------------------

def _one_hot_cases():
    return [Case(np.array([[2, 0, 1, 2]]), 3, label="labels [[2, 0, 1, 2]], k = 3"),
            Case(np.array([[0, 0, 1]]), 4, label="k = 4 but only classes 0 and 1 occur"),
            Case(np.array([[3, 1, 4, 1, 5, 9, 2, 6, 5, 3]]), 10, label="ten digits, k = 10"),
            Case(np.array([[1]]), 2, label="one example, k = 2")]


def _one_hot_solution(labels, k):
    m = labels.shape[1]
    Y = np.zeros((k, m))
    Y[labels[0].astype(int), np.arange(m)] = 1.0
    return Y


to_one_hot = Exercise(
    "to_one_hot", _one_hot_cases, datasets.one_hot, returns="Y", where="lesson08.to_one_hot",
    solution=_one_hot_solution,
    hints=("Y has one row per class and one column per example; column i is all zeros except "
           "a 1 in the row labels[0, i]",
           "start from np.zeros((k, m)) and set one entry per column: the row is the label, "
           "the column is np.arange(m)"),
    mistakes=[
        Mistake("k guessed from the largest label",
                lambda labels, k: datasets.one_hot(labels, int(labels.max()) + 1),
                "use the k you are given: a class may not occur among these labels"),
        Mistake("one row per example, (m, k)", lambda labels, k: datasets.one_hot(labels, k).T,
                "examples are columns: Y has shape (k, m)"),
        Mistake("np.eye(k)[labels], a (1, m, k) array", lambda labels, k: np.eye(k)[labels.astype(int)],
                "labels is a (1, m) row: indexing with it adds a dimension; index with labels[0] "
                "and arrange the result as (k, m)"),
        Mistake("classes counted from 1 (label j in row j - 1)",
                lambda labels, k: np.roll(datasets.one_hot(labels, k), -1, axis=0),
                "classes are 0 .. k-1: label j goes in row j"),
    ])


def _labels_cases():
    return [Case(datasets.one_hot(np.array([[2, 0, 1, 2]]), 3), label="(3, 4): labels 2, 0, 1, 2"),
            Case(datasets.one_hot(np.array([[3, 0, 0, 2]]), 4), label="a square (4, 4) Y"),
            Case(datasets.one_hot(np.array([[1]]), 2), label="one example, k = 2")]


def _labels_solution(Y):
    return np.argmax(Y, axis=0).reshape(1, -1)


to_labels = Exercise(
    "to_labels", _labels_cases, datasets.from_one_hot, returns="labels", where="lesson08.to_labels",
    solution=_labels_solution,
    hints=("each column holds one 1: its row number is the label",
           "np.argmax along the class axis (axis=0) gives a rank-1 array of m labels; make it "
           "a (1, m) row"),
    mistakes=[
        Mistake("argmax along the rows (axis=1)", lambda Y: np.argmax(Y, axis=1).reshape(1, -1),
                "classes are rows and examples columns: take the argmax down each column, axis=0"),
        Mistake("labels counted from 1", lambda Y: datasets.from_one_hot(Y) + 1,
                "row 0 is class 0: no + 1"),
    ])

EXERCISES = ["softmax", "softmax_cost", "to_one_hot", "to_labels"]
