"""Lesson 01 (broadcasting): the exercises' self-checks.

normalize_rows(x)      each row of x (m, n) divided by its length
center_features(X)     (X - mu, mu) with mu the per-feature mean, shape (n_x, 1)
"""
import numpy as np

from helpers.checks import Case, Exercise, Mistake

__all__ = ["EXERCISES", "center_features", "normalize_rows"]


def _row_cases():
    g = np.random.default_rng(101)
    return [Case(np.array([[0.0, 3.0, 4.0], [2.0, 4.0, 4.0]]), label="lengths 5 and 6"),
            Case(np.array([[3.0, 4.0], [5.0, 12.0]]), label="square: lengths 5 and 13"),
            Case(g.normal(size=(5, 3)), label="random, m = 5, n = 3")]


def _normalize_reference(x):
    lengths = [np.sqrt(sum(v * v for v in row)) for row in x]
    return np.array([[v / length for v in row] for row, length in zip(x, lengths)])


def _normalize_solution(x):
    lengths = np.linalg.norm(x, axis=1, keepdims=True)  # (m, 1)
    return x / lengths  # (m, n) / (m, 1) -> (m, n)


normalize_rows = Exercise(
    "normalize_rows", _row_cases, _normalize_reference, returns="the normalized x",
    where="lesson01.normalize_rows", solution=_normalize_solution,
    hints=("a row's length is the square root of the sum of its squares, taken along the row "
           "(axis=1); it must broadcast against the rows, so give the m lengths shape (m, 1)",
           "np.linalg.norm with axis=1 and keepdims=True gives the (m, 1) column of lengths"),
    mistakes=[
        Mistake("the lengths as a rank-1 array (m,), which divides the columns of a square x",
                lambda x: x / np.linalg.norm(x, axis=1),
                "keep the summed axis (keepdims=True) so the lengths are a column (m, 1)"),
        Mistake("the columns' lengths (axis=0) instead of the rows'",
                lambda x: x / np.linalg.norm(x, axis=0, keepdims=True),
                "each row is one vector: take its length along axis=1"),
        Mistake("dividing by the squared length (no square root)",
                lambda x: x / np.sum(x**2, axis=1, keepdims=True),
                "the length is the square root of the sum of squares"),
    ])


def _center_cases():
    g = np.random.default_rng(102)
    return [Case(np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 20.0, 40.0]]), label="n_x = 2, m = 4"),
            Case(np.array([[1.0, 2.0, 6.0], [0.0, 3.0, 3.0], [5.0, 5.0, 5.0]]), label="square: 3 x 3"),
            Case(g.normal(loc=5.0, size=(4, 50)), label="random, n_x = 4, m = 50")]


def _center_reference(X):
    n_x, m = X.shape
    mu = np.array([[sum(X[i, j] for j in range(m)) / m] for i in range(n_x)])
    return np.array([[X[i, j] - mu[i, 0] for j in range(m)] for i in range(n_x)]), mu


def _center_solution(X):
    mu = X.mean(axis=1, keepdims=True)  # (n_x, 1)
    return X - mu, mu  # (n_x, m) - (n_x, 1) -> (n_x, m)


center_features = Exercise(
    "center_features", _center_cases, _center_reference, returns=("X_centered", "mu"),
    where="lesson01.center_features", solution=_center_solution,
    hints=("average each feature (a row) over the m examples (the columns) and keep mu a column "
           "(n_x, 1), so that X - mu subtracts it from every example",
           "X.mean over axis=1 with keepdims=True is mu; return the pair (X - mu, mu)"),
    mistakes=[
        Mistake("the mean over the features (axis=0) instead of over the examples",
                lambda X: (X - X.mean(axis=0, keepdims=True), X.mean(axis=0, keepdims=True)),
                "the examples are the columns: average along axis=1"),
        Mistake("mu as a rank-1 array (n_x,), which a square X subtracts along the wrong axis",
                lambda X: (X - X.mean(axis=1), X.mean(axis=1)),
                "keepdims=True keeps mu a column (n_x, 1)"),
        Mistake("the pair in the other order", lambda X: _center_solution(X)[::-1],
                "return (X_centered, mu), in that order"),
    ])

EXERCISES = ["normalize_rows", "center_features"]
