"""Small data sets the lessons use: shipped files under data/ and seeded generators.

Nothing is downloaded: files load from the repository's data/ folder.
"""
import csv
from pathlib import Path
from typing import NamedTuple

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class LabeledTable(NamedTuple):
    """A 2-D table with row and column names: ``values`` (rows, cols), ``rows``, ``columns``."""

    values: np.ndarray
    rows: list
    columns: list


def load_csv_table(path):
    """Read a CSV with a header row and a name column into a LabeledTable of float64."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows, values = [], []
        for record in reader:
            rows.append(record[0])
            values.append([float(v) for v in record[1:]])
    return LabeledTable(np.array(values, dtype=np.float64), rows, header[1:])


def food_calories():
    """The lecture's calories table (p21): calories from each nutrient in 100 g of food.

    Returns a LabeledTable: ``values`` A of shape (3, 4), rows carbohydrate / protein /
    fat, columns apples / beef / eggs / potatoes. Unpack it as ``A, nutrients, foods``.
    """
    return load_csv_table(DATA_DIR / "food_calories.csv")


FLOWER_PETAL = 4.0  # a, the length of the flower's longest ray
FLOWER_NOISE = 0.2  # std of the noise added to the angle t and to the radius r
FLOWER_ARC = 3.12   # each class sweeps t over [j * 3.12, (j + 1) * 3.12]


def planar_flower(m=400, seed=1):
    """The course's two-class "flower" in the plane (course 1, week 3 assignment).

    For class j = 0, 1 with N_j points (N_0 = m // 2, N_1 = m - N_0):
        t = linspace(j * 3.12, (j + 1) * 3.12, N_j) + 0.2 * noise,
        r = a sin(4 t) + 0.2 * noise,   a = 4,
        x = (r sin t, r cos t),  y = j,
    noise being standard normal from np.random.default_rng(seed).
    Returns X, shape (2, m), and Y, shape (1, m), float64 (labels 0.0 / 1.0), class 0 first.
    """
    if isinstance(m, bool) or int(m) != m or m < 2:
        raise ValueError(f"m must be a whole number >= 2; got {m!r}")
    m = int(m)
    rng = np.random.default_rng(seed)
    X = np.empty((2, m))
    Y = np.empty((1, m))
    sizes = (m // 2, m - m // 2)
    start = 0
    for j, n in enumerate(sizes):
        cols = slice(start, start + n)
        t = np.linspace(j * FLOWER_ARC, (j + 1) * FLOWER_ARC, n) + FLOWER_NOISE * rng.standard_normal(n)
        r = FLOWER_PETAL * np.sin(4 * t) + FLOWER_NOISE * rng.standard_normal(n)
        X[0, cols] = r * np.sin(t)
        X[1, cols] = r * np.cos(t)
        Y[0, cols] = j
        start += n
    return X, Y


def _noisy_circles(n, noise, factor, rng):
    """n points: n // 2 on the unit circle (label 0), the rest on radius ``factor`` (label 1)."""
    n_outer = n // 2
    radius = np.where(np.arange(n) < n_outer, 1.0, factor)
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.vstack([radius * np.cos(angle), radius * np.sin(angle)])
    X += noise * rng.standard_normal((2, n))
    Y = (np.arange(n) >= n_outer).astype(np.float64).reshape(1, n)
    order = rng.permutation(n)
    return X[:, order], Y[:, order]


def circles(n_train=300, n_test=100, noise=0.05, factor=0.8, seed=1):
    """Two noisy concentric circles (the initialization lesson's data set).

    Half of each set lies on the unit circle (label 0, outer), the other half on the circle
    of radius ``factor`` (label 1, inner), at uniformly random angles; ``noise`` is the std
    of Gaussian noise added to each coordinate. Examples are shuffled.
    Returns X_train (2, n_train), Y_train (1, n_train), X_test (2, n_test), Y_test (1, n_test),
    float64, all drawn from np.random.default_rng(seed).
    """
    for name, n in (("n_train", n_train), ("n_test", n_test)):
        if isinstance(n, bool) or int(n) != n or n < 0:
            raise ValueError(f"{name} must be a whole number >= 0; got {n!r}")
    if not 0 < factor < 1:
        raise ValueError(f"factor is the inner radius over the outer one, in (0, 1); got {factor!r}")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation, >= 0; got {noise!r}")
    rng = np.random.default_rng(seed)
    X_train, Y_train = _noisy_circles(int(n_train), noise, factor, rng)
    X_test, Y_test = _noisy_circles(int(n_test), noise, factor, rng)
    return X_train, Y_train, X_test, Y_test
