"""Lesson 02 (rank-1 arrays): the exercises' self-checks.

center_columns(X, mu)    X - mu with mu a column, whatever shape it arrives in; refuses a
                         mu without one entry per feature
cost_bce(A, Y)           the cross-entropy cost as one number; refuses labels of the wrong shape
update_bias(b, dZ, lr)   b - lr * db, db of b's shape; b unchanged; refuses a b that does not fit dZ
"""
import numpy as np

from helpers.checks import Case, Exercise, Mistake, Refuse
from helpers.shapes import check_shape

__all__ = ["EXERCISES", "center_columns", "cost_bce", "update_bias"]


def _center_cases():
    g = np.random.default_rng(201)
    return [
        Case(np.array([[1.0], [2.0], [3.0]]), np.array([0.5, 1.0, 1.5]), label="one example: m = 1"),
        Case(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]), np.array([2.0, 5.0, 8.0]),
             label="square: m = n_x"),
        Case(g.standard_normal((3, 6)), np.array([0.1, -0.2, 0.3]), label="mu rank-1 (3,)"),
        Case(g.standard_normal((3, 4)), np.array([[1.0], [2.0], [3.0]]), label="mu given as a column"),
        Refuse(g.standard_normal((3, 4)), np.array([5.0]), label="a mu of 1 entry for 3 features",
               hint="after making mu a column, assert (or check_shape) that it has shape (n_x, 1)"),
    ]


def _center_reference(X, mu):
    mu = np.ravel(mu)
    return np.stack([X[:, j] - mu for j in range(X.shape[1])], axis=1)


def _center_solution(X, mu):
    mu = np.reshape(mu, (-1, 1))  # (n_x,) or (n_x, 1) -> (n_x, 1)
    check_shape(mu, (X.shape[0], 1), "mu")
    return X - mu  # (n_x, m) - (n_x, 1) -> (n_x, m)


center_columns = Exercise(
    "center_columns", _center_cases, _center_reference, returns="X - mu",
    where="lesson02.center_columns", solution=_center_solution,
    hints=("make mu a column (n_x, 1) before subtracting, whatever shape it comes in, and check "
           "that it has one entry per feature",
           "reshape(-1, 1) turns (n_x,) into (n_x, 1); then check_shape(mu, (X.shape[0], 1), 'mu')"),
    mistakes=[
        Mistake("mu acting as a row (1, n_x), as a rank-1 (n_x,) array does: it is subtracted "
                "along the wrong axis (silently, on a square X)",
                lambda X, mu: X - np.reshape(mu, (1, -1)),
                "the feature means belong to the rows of X: mu must be a column (n_x, 1)"),
    ])


def _cost_cases():
    g = np.random.default_rng(202)
    return [
        Case(np.array([[0.9, 0.2, 0.7, 0.4]]), np.array([[1.0, 0.0, 1.0, 1.0]]), label="m = 4"),
        Case(np.array([[0.5]]), np.array([[1.0]]), label="m = 1: J = log 2"),
        Case(g.uniform(0.05, 0.95, size=(1, 10)), g.integers(0, 2, size=(1, 10)).astype(float),
             label="random, m = 10"),
        Refuse(np.array([[0.9, 0.2, 0.7, 0.4]]), np.array([[1.0], [0.0], [1.0], [1.0]]),
               label="labels Y of shape (4, 1) for A of shape (1, 4)",
               hint="check_shape(Y, A.shape, 'Y') refuses it before any arithmetic"),
        Refuse(np.array([[0.9, 0.2, 0.7, 0.4]]), np.array([1.0, 0.0, 1.0, 1.0]),
               label="rank-1 labels Y of shape (4,) for A of shape (1, 4)",
               hint="check the shape of Y against A's: a rank-1 (4,) is not a row (1, 4)"),
    ]


def _cost_reference(A, Y):
    m = A.shape[1]
    losses = [-np.log(a) if y == 1 else -np.log(1 - a) for a, y in zip(A[0], Y[0])]
    return sum(losses) / m


def _cost_solution(A, Y):
    check_shape(A, (1, None), "A")
    check_shape(Y, A.shape, "Y")
    m = A.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


cost_bce = Exercise(
    "cost_bce", _cost_cases, _cost_reference, returns="J", where="lesson02.cost_bce",
    solution=_cost_solution,
    hints=("check Y's shape against A's first; then sum the element-wise losses (not a matrix "
           "product, which gives a (1, 1) matrix) and divide by m",
           "check_shape(Y, A.shape, 'Y'); np.sum of Y * np.log(A) + (1 - Y) * np.log(1 - A) is a "
           "0-d number: the cost is minus it over m"),
    mistakes=[
        Mistake("y and 1 - y swapped (log(1 - a) where y = 1)",
                lambda A, Y: _cost_reference(A, 1 - Y),
                "for y = 1 the loss is -log(a); for y = 0 it is -log(1 - a)"),
    ])


def _bias_cases():
    g = np.random.default_rng(203)
    return [
        Case(np.zeros((3, 1)),
             np.array([[1.0, 2.0, 3.0, 2.0], [0.0, 0.0, 4.0, 0.0], [-1.0, -1.0, -1.0, -1.0]]),
             0.1, label="n = 3, m = 4"),
        Case(np.array([[1.0], [2.0]]), np.array([[1.0, 3.0], [2.0, 2.0]]), 0.5, label="square dZ: n = m"),
        Case(g.standard_normal((4, 1)), g.standard_normal((4, 10)), 0.01, label="random, n = 4, m = 10"),
        Refuse(np.zeros((2, 1)), np.ones((3, 4)), 0.1, label="b of shape (2, 1) for dZ with 3 rows",
               hint="check b's shape against (dZ.shape[0], 1) on the way in"),
        Refuse(np.zeros(3), np.ones((3, 4)), 0.1, label="a rank-1 b of shape (3,)",
               hint="a bias is a column (n, 1): check_shape(b, (dZ.shape[0], 1), 'b')"),
    ]


def _bias_reference(b, dZ, lr):
    means = [np.mean(row) for row in dZ]
    return b - lr * np.array(means).reshape(len(means), 1)


def _bias_solution(b, dZ, lr):
    check_shape(b, (dZ.shape[0], 1), "b")
    m = dZ.shape[1]
    db = np.sum(dZ, axis=1, keepdims=True) / m  # (n, 1)
    return b - lr * db


update_bias = Exercise(
    "update_bias", _bias_cases, _bias_reference, returns="the new b", where="lesson02.update_bias",
    solution=_bias_solution,
    hints=("db is the mean of dZ over the examples (axis=1), a column (n, 1) like b; check b's "
           "shape on the way in and return a new array",
           "np.sum(dZ, axis=1, keepdims=True) / m is db; the update is b - lr * db"),
    mistakes=[
        Mistake("the sum over the examples instead of the mean (the 1/m is missing)",
                lambda b, dZ, lr: b - lr * np.sum(dZ, axis=1, keepdims=True),
                "db = (1/m) times the sum over the m examples"),
        Mistake("a step uphill: b + lr * db",
                lambda b, dZ, lr: b + lr * np.mean(dZ, axis=1, keepdims=True),
                "gradient descent subtracts the gradient"),
        Mistake("the mean over the units (axis=0) instead of over the examples",
                lambda b, dZ, lr: b - lr * np.mean(dZ, axis=0, keepdims=True).T,
                "the examples are the columns of dZ: average along axis=1"),
    ])

EXERCISES = ["center_columns", "cost_bce", "update_bias"]
