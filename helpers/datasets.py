"""Small data sets the lessons use: shipped files under data/ and seeded generators.

Nothing is downloaded: files load from the repository's data/ folder. Every generator
draws from ``np.random.default_rng(seed)`` (the one exception: ``planar_flower(course=True)``,
which repeats the course's legacy generator) and returns examples as columns, X (2, m) and
labels Y (1, m), float64.

Bad arguments are refused with the message the boundary policy of helpers.shapes
describes: a count (m, n_train, n_test) is a whole number, ``noise`` a finite real >= 0,
``factor`` a real in (0, 1), ``seed`` a whole number >= 0, ``course`` True or False (with
course=True, an m or seed other than the course's 400 and 1 is refused), ``test_fraction`` a
real in (0, 1) that leaves every class examples on both sides; labels for ``one_hot`` are
whole numbers 0 .. k-1 in a (1, m) row, and ``from_one_hot`` takes columns of k - 1 zeros and
one 1 (each refused naming the first column that is not); a CSV file that is empty, has
no data rows, a ragged row, a cell that is not a number or a NaN / infinity is refused
with a ValueError naming the file and the line.

Public API
    food_calories()                    the lecture's 3 x 4 calories table (lesson 01)
    planar_flower(m=400, seed=1, *, course=False)
                                       the course's two-class flower recipe: X (2, m), Y (1, m);
                                       course=True: the course's own 400 points
    circles(n_train=300, n_test=100, noise=0.05, factor=0.8, seed=1)
                                       two noisy concentric circles, train and test sets
    digits(test_fraction=0.2, seed=0)  the UCI 8 x 8 handwritten digits (lesson 08), split:
                                       a DigitSplit of X (64, m) in [0, 1], labels (1, m),
                                       one-hot Y (10, m), for train and test
    one_hot(labels, k)                 labels (1, m) of 0 .. k-1 -> one-hot columns Y (k, m)
    from_one_hot(Y)                    one-hot columns Y (k, m) -> labels (1, m), int64
    DIGIT_CLASSES = 10                 the digits' classes, 0 to 9
    load_csv_table(path)               a CSV with a header row and a name column
    LabeledTable                       what food_calories / load_csv_table return:
                                       ``values`` (rows, cols), ``rows``, ``columns``
    DigitSplit                         what digits returns (its fields: see digits)
    ecg_traces(n_train=100, n_test=1000, noise=0.05, seed=0)
                                       SYNTHETIC ECG-like traces (lesson 11): X (100, m), one
                                       beat missing where Y = 1; train and test sets
    ECG_SAMPLES = 100                  the samples x1 ... x100 of each trace
    xor(n_train=300, n_test=100, noise=0.1, seed=1)      the four quadrants, label 1 where
                                       exactly one coordinate is > 0 (the playground's XOR)
    spiral(n_train=300, n_test=100, noise=0.1, seed=1)   two interleaved spiral arms
"""
import csv
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from helpers.shapes import (
    ShapeError,
    as_array,
    check_count,
    check_finite,
    check_flag,
    check_real,
    check_seed,
    check_shape,
)

__all__ = ["DIGIT_CLASSES", "DigitSplit", "LabeledTable", "circles", "digits", "food_calories",
           "from_one_hot", "load_csv_table", "one_hot", "planar_flower", "ecg_traces", "ECG_SAMPLES",
           "spiral", "xor"]

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class LabeledTable(NamedTuple):
    """A 2-D table with row and column names: ``values`` (rows, cols), ``rows``, ``columns``."""

    values: np.ndarray
    rows: list
    columns: list


def load_csv_table(path):
    """Read a CSV with a header row and a name column into a LabeledTable of float64.

    path: a str or os.PathLike naming a UTF-8 file laid out as
        name,<column 1>,...,<column k>
        <row 1>,<number>,...,<number>
    with at least one data row and one column of numbers. Blank lines are skipped.
    Refused with ValueError naming the file (and the line): an empty file, a header
    without data rows, a row with another number of cells than the header, a cell that
    is not a number, NaN or infinity. TypeError if ``path`` is not a path.
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or pathlib.Path), got {path!r}")
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8") as f:
            records = [(line, r) for line, r in enumerate(csv.reader(f), start=1) if r]
    except UnicodeDecodeError as err:
        raise ValueError(f"path {str(path)!r} is not UTF-8 text: {err}") from None
    if not records:
        raise ValueError(f"path {str(path)!r} is empty: expected a header row "
                         f"(name,<column>,...) and at least one row of numbers")
    (_, header), body = records[0], records[1:]
    if len(header) < 2:
        raise ValueError(f"path {str(path)!r}: the header {header!r} has {len(header)} cell(s), "
                         f"expected a name column and at least one column of numbers")
    if not body:
        raise ValueError(f"path {str(path)!r} has a header but no data rows: expected at "
                         f"least one row of numbers under {','.join(header)}")
    rows, values = [], []
    for line, record in body:
        if len(record) != len(header):
            raise ValueError(f"path {str(path)!r}, line {line}: {len(record)} cell(s), expected "
                             f"{len(header)} like the header ({','.join(header)})")
        numbers = []
        for column, cell in zip(header[1:], record[1:]):
            try:
                number = float(cell)
            except ValueError:
                raise ValueError(f"path {str(path)!r}, line {line}, column {column!r}: "
                                 f"{cell!r} is not a number") from None
            if not np.isfinite(number):
                raise ValueError(f"path {str(path)!r}, line {line}, column {column!r}: {cell!r} "
                                 f"is not a finite number (NaN and infinity are refused)")
            numbers.append(number)
        rows.append(record[0])
        values.append(numbers)
    return LabeledTable(np.array(values, dtype=np.float64), rows, header[1:])


def food_calories():
    """The lecture's calories table (p21): calories from each nutrient in 100 g of food.

    Returns a LabeledTable: ``values`` A of shape (3, 4), rows carbohydrate / protein /
    fat, columns apples / beef / eggs / potatoes. Unpack it as ``A, nutrients, foods``.
    """
    return load_csv_table(_DATA_DIR / "food_calories.csv")


_FLOWER_PETAL = 4.0  # a, the length of the flower's longest ray
_FLOWER_NOISE = 0.2  # std of the noise added to the angle t and to the radius r
_FLOWER_ARC = 3.12   # each class sweeps t over [j * 3.12, (j + 1) * 3.12]
_COURSE_FLOWER_M = 400   # the course's flower: 400 points, 200 per class,
_COURSE_FLOWER_SEED = 1  # noise from np.random.seed(1), NumPy's legacy generator


def _course_conflict(name, value, course_value):
    return ValueError(
        f"{name}={value!r} conflicts with course=True: the course's flower is always "
        f"{_COURSE_FLOWER_M} points drawn from np.random.RandomState({_COURSE_FLOWER_SEED}); "
        f"leave {name} out (or pass {name}={course_value}), or use course=False for a flower "
        f"from the same recipe with another {'size' if name == 'm' else 'seed'}")


def planar_flower(m=400, seed=1, *, course=False):
    """The two-class "flower" in the plane of the course (course 1, week 3 assignment).

    The course's recipe: for class j = 0, 1 with N_j points (N_0 = m // 2, N_1 = m - N_0),
        t = linspace(j * 3.12, (j + 1) * 3.12, N_j) + 0.2 * noise,
        r = a sin(4 t) + 0.2 * noise,   a = 4,
        x = (r sin t, r cos t),  y = j,
    the noise being standard normal, drawn in the order class 0's t, class 0's r, class 1's
    t, class 1's r.
    course: False (default): the noise comes from np.random.default_rng(seed), the generator
        of every helpers function; m: a whole number >= 2; seed: a whole number >= 0. This is
        the recipe, not the course's points: the same seed in another generator gives another
        flower.
        True: the course's own flower, point for point: m = 400 and the noise from NumPy's
        legacy generator np.random.RandomState(1), which is what the assignment's
        np.random.seed(1) and np.random.randn use (NumPy keeps that stream frozen across
        versions). m and seed may be left out or given as 400 and 1; other values are
        refused (ValueError), they would not be the course's flower.
    NumPy's global random state is never used or changed.
    Returns X, shape (2, m), and Y, shape (1, m), float64 (labels 0.0 / 1.0), class 0 first.
    """
    course = check_flag(course, "course")
    m = check_count(m, "m", minimum=2)
    seed = check_seed(seed)
    if course:
        if m != _COURSE_FLOWER_M:
            raise _course_conflict("m", m, _COURSE_FLOWER_M)
        if seed != _COURSE_FLOWER_SEED:
            raise _course_conflict("seed", seed, _COURSE_FLOWER_SEED)
        normal = np.random.RandomState(_COURSE_FLOWER_SEED).standard_normal  # = randn
    else:
        normal = np.random.default_rng(seed).standard_normal
    X = np.empty((2, m))
    Y = np.empty((1, m))
    sizes = (m // 2, m - m // 2)
    start = 0
    for j, n in enumerate(sizes):
        cols = slice(start, start + n)
        t = np.linspace(j * _FLOWER_ARC, (j + 1) * _FLOWER_ARC, n) + _FLOWER_NOISE * normal(n)
        r = _FLOWER_PETAL * np.sin(4 * t) + _FLOWER_NOISE * normal(n)
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
    n_train, n_test: whole numbers >= 0; noise: a finite real >= 0; factor: a real in
    (0, 1); seed: a whole number >= 0.
    Returns X_train (2, n_train), Y_train (1, n_train), X_test (2, n_test), Y_test (1, n_test),
    float64, all drawn from np.random.default_rng(seed).
    """
    n_train = check_count(n_train, "n_train", minimum=0)
    n_test = check_count(n_test, "n_test", minimum=0)
    noise = check_real(noise, "noise", low=0.0)
    factor = check_real(factor, "factor")
    if not 0 < factor < 1:
        raise ValueError(f"factor is the inner radius over the outer one, in (0, 1); got {factor!r}")
    rng = np.random.default_rng(check_seed(seed))
    X_train, Y_train = _noisy_circles(n_train, noise, factor, rng)
    X_test, Y_test = _noisy_circles(n_test, noise, factor, rng)
    return X_train, Y_train, X_test, Y_test


# ---- labels as one-hot columns ------------------------------------------------------

def one_hot(labels, k):
    """Labels as one-hot columns: Y[j, i] = 1 if labels[0, i] == j, else 0.

    labels: (1, m), whole numbers 0 .. k-1 (ints or floats such as 3.0); k: the number of
    classes, a whole number >= 2. Returns Y, shape (k, m), float64; each column holds one 1.
    """
    k = check_count(k, "k", minimum=2)
    labels = as_array(labels, "labels")
    check_shape(labels, (1, None), "labels")
    check_finite(labels, "labels")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels > k - 1)
    if np.any(bad):
        i = int(np.flatnonzero(bad[0])[0])
        raise ValueError(f"labels must be whole numbers 0 to {k - 1} (k = {k} classes); "
                         f"labels[0, {i}] is {labels[0, i]:g}")
    m = labels.shape[1]
    Y = np.zeros((k, m))
    Y[labels[0].astype(np.int64), np.arange(m)] = 1.0
    return Y


def from_one_hot(Y):
    """One-hot columns back to labels: the row index of each column's 1.

    Y: (k, m), k >= 2, every column k - 1 zeros and one 1. Returns labels (1, m), int64.
    """
    Y = as_array(Y, "Y")
    check_shape(Y, (None, None), "Y")
    if Y.shape[0] < 2:
        raise ShapeError(f"Y has shape {Y.shape}: one-hot columns have k >= 2 rows, one per "
                         f"class (labels (1, m) are already labels)")
    check_finite(Y, "Y")
    good = np.all((Y == 0) | (Y == 1), axis=0) & (np.sum(Y, axis=0) == 1)
    if not np.all(good):
        i = int(np.flatnonzero(~good)[0])
        raise ValueError(f"Y must hold one-hot columns (k - 1 zeros and one 1); column {i} is "
                         f"{np.array2string(Y[:, i], separator=', ')}")
    return np.argmax(Y, axis=0).reshape(1, -1)


# ---- the handwritten digits ----------------------------------------------------------

DIGIT_CLASSES = 10
_DIGIT_PIXEL_MAX = 16  # each pixel counts the "on" bits of a 4 x 4 block: 0 .. 16


class DigitSplit(NamedTuple):
    """The digits, split: X (64, m) pixels in [0, 1], labels (1, m) int64, Y one-hot (10, m)."""

    X_train: np.ndarray
    labels_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    labels_test: np.ndarray
    Y_test: np.ndarray


def digits(test_fraction=0.2, seed=0):
    """The UCI handwritten digits (Alpaydin and Kaynak, 1998): 1,797 images of 8 x 8 pixels.

    Loaded from data/digits.npz (allow_pickle=False; data/README.md has its source, licence
    and checksum). Each pixel, 0 .. 16, is scaled to [0, 1]; an image is a column of 64
    numbers, row by row (X[:, i].reshape(8, 8) draws it).
    The split is stratified: for each digit, round(test_fraction * its count) of its
    examples, chosen by np.random.default_rng(seed), go to the test set and the rest to the
    training set (the defaults: 1,438 training and 359 test examples). Within each set the
    examples keep the file's order.
    test_fraction: a real in (0, 1) leaving at least one example of every digit on each
    side; seed: a whole number >= 0.
    Returns a DigitSplit: X_train (64, m_train), labels_train (1, m_train) int64,
    Y_train (10, m_train) one-hot float64, and the same three for the test set.
    """
    test_fraction = check_real(test_fraction, "test_fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction is the share of each digit's examples kept for the test "
                         f"set, in (0, 1); got {test_fraction!r}")
    rng = np.random.default_rng(check_seed(seed))
    with np.load(_DATA_DIR / "digits.npz", allow_pickle=False) as f:
        images, labels = f["images"], f["labels"].astype(np.int64)
    test = np.zeros(labels.size, dtype=bool)
    for digit in range(DIGIT_CLASSES):
        members = np.flatnonzero(labels == digit)
        n_test = round(test_fraction * members.size)
        if not 1 <= n_test < members.size:
            raise ValueError(f"test_fraction={test_fraction!r} leaves {n_test} of the "
                             f"{members.size} examples of digit {digit} in the test set: each "
                             f"set needs at least one example of every digit")
        test[rng.permutation(members)[:n_test]] = True
    X = images.reshape(labels.size, -1).T.astype(np.float64) / _DIGIT_PIXEL_MAX
    parts = []
    for chosen in (~test, test):
        row = labels[chosen].reshape(1, -1)
        parts += [X[:, chosen], row, one_hot(row, DIGIT_CLASSES)]
    return DigitSplit(*parts)


# ---- synthetic ECG-like traces (lesson 11) ---------------------------------------------

ECG_SAMPLES = 100        # x1 ... x100, as in the lecture's ECG example
_ECG_PERIOD = (18.0, 20.0)  # samples between beats, drawn per trace
_ECG_HEIGHT = (0.9, 1.1)    # the height of each beat's sharp peak
_ECG_PEAK_WIDTH = 1.0       # the peak's std, in samples
_ECG_T_WAVE = (0.15, 5.0, 2.0)  # the small wave after each peak: height, delay, std
_ECG_WANDER = 0.05          # amplitude of a slow drift of the baseline


def _ecg_trace(label, noise, rng):
    t = np.arange(ECG_SAMPLES, dtype=np.float64)
    period = rng.uniform(*_ECG_PERIOD)
    phase = rng.uniform(0.0, period)
    centres = np.arange(phase - period, ECG_SAMPLES + period, period)
    dropped = rng.integers(1, centres.size - 1)  # drawn for both classes: the same stream
    keep = np.ones(centres.size, dtype=bool)
    if label == 1:
        keep[dropped] = False
    heights = rng.uniform(*_ECG_HEIGHT, size=centres.size)
    height_t, delay_t, width_t = _ECG_T_WAVE
    c = centres[keep][:, None]
    x = np.sum(heights[keep][:, None] * np.exp(-0.5 * ((t - c) / _ECG_PEAK_WIDTH) ** 2)
               + height_t * np.exp(-0.5 * ((t - c - delay_t) / width_t) ** 2), axis=0)
    cycles = rng.uniform(0.5, 1.5)
    x += _ECG_WANDER * np.sin(2 * np.pi * cycles * t / ECG_SAMPLES + rng.uniform(0, 2 * np.pi))
    return x + noise * rng.standard_normal(ECG_SAMPLES)


def _ecg_set(n, noise, rng):
    labels = np.arange(n) % 2  # half of each class (one more 0 when n is odd)
    X = np.empty((ECG_SAMPLES, n))
    for i in range(n):
        X[:, i] = _ecg_trace(labels[i], noise, rng)
    order = rng.permutation(n)
    return X[:, order], labels[order].astype(np.float64).reshape(1, n)


def ecg_traces(n_train=100, n_test=1000, noise=0.05, seed=0):
    """SYNTHETIC ECG-like traces of 100 samples (lesson 11): a regular beat, or one beat missing.

    Not medical data: a toy made for the lecture's ECG example (MLS course 2 week 2). Each
    trace is x1 ... x100 (one column): a beat every P samples, P drawn in [18, 20], starting
    at a random phase; a beat is a sharp peak (height in [0.9, 1.1], std 1 sample) followed by
    a small wave (height 0.15, 5 samples later, std 2); plus a slow baseline drift (amplitude
    0.05) and Gaussian noise of std ``noise``. Label 1 (the positive class): one beat, chosen
    at random, is missing, so the trace has a pause of two periods somewhere (an irregular
    interval, loosely like a dropped beat); label 0: every beat is there. Half of each set is
    of each class, shuffled.
    n_train, n_test: whole numbers >= 0; noise: a finite real >= 0; seed: a whole number >= 0.
    Returns X_train (100, n_train), Y_train (1, n_train), X_test (100, n_test), Y_test
    (1, n_test), float64, all drawn from np.random.default_rng(seed) (the training set first).
    """
    n_train = check_count(n_train, "n_train", minimum=0)
    n_test = check_count(n_test, "n_test", minimum=0)
    noise = check_real(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    X_train, Y_train = _ecg_set(n_train, noise, rng)
    X_test, Y_test = _ecg_set(n_test, noise, rng)
    return X_train, Y_train, X_test, Y_test


# ---- the playground's XOR and spiral (helpers.widgets.playground) ----------------------

_XOR_MARGIN = 0.1      # without noise, every coordinate is at least this far from 0 ...
_SPIRAL_START = 0.1    # the arms start at this radius and end at radius 1 ...
_SPIRAL_TURNS = 1.25   # ... after this many turns


def _balanced_labels(n):
    """n // 2 labels 0, then n - n // 2 labels 1 (shuffled afterwards), as circles does."""
    return (np.arange(n) >= n // 2).astype(np.float64)


def _shuffled(X, labels, rng):
    order = rng.permutation(labels.size)
    return X[:, order], labels[order].reshape(1, -1)


def _xor_set(n, noise, rng):
    labels = _balanced_labels(n)
    size = rng.uniform(_XOR_MARGIN, 1.0, (2, n))        # |x1|, |x2|
    first = rng.choice([-1.0, 1.0], n)                  # the sign of x1, at random
    second = np.where(labels == 1, -first, first)       # x2's: the other one for label 1
    X = size * np.vstack([first, second]) + noise * rng.standard_normal((2, n))
    return _shuffled(X, labels, rng)


def _spiral_set(n, noise, rng):
    labels = _balanced_labels(n)
    t = rng.uniform(0.0, 1.0, n)                         # how far along its arm
    radius = _SPIRAL_START + (1.0 - _SPIRAL_START) * t
    angle = 2 * np.pi * _SPIRAL_TURNS * t + np.pi * labels  # arm 1: arm 0 turned by 180 degrees
    X = radius * np.vstack([np.cos(angle), np.sin(angle)]) + noise * rng.standard_normal((2, n))
    return _shuffled(X, labels, rng)


def _train_and_test(make_set, n_train, n_test, noise, seed):
    """X_train, Y_train, X_test, Y_test: make_set(n, noise, rng) for the training set, then
    for the test set, from one np.random.default_rng(seed); the arguments checked first."""
    n_train, n_test = check_count(n_train, "n_train", minimum=0), check_count(n_test, "n_test", minimum=0)
    noise = check_real(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    X_train, Y_train = make_set(n_train, noise, rng)
    X_test, Y_test = make_set(n_test, noise, rng)
    return X_train, Y_train, X_test, Y_test


def xor(n_train=300, n_test=100, noise=0.1, seed=1):
    """The XOR problem in the plane: label 1 where exactly one of x1, x2 is positive.

    Without noise each point lies in the square [-1, 1]^2, every coordinate at least 0.1
    from 0: label 0 in the first and third quadrants (x1 x2 > 0), label 1 in the second and
    fourth (x1 x2 < 0), each point's quadrant of its class chosen at random and its |x1|,
    |x2| uniform in [0.1, 1]. ``noise`` is the std of Gaussian noise then added to each
    coordinate. Half of each set is of each class (one more 1 when the size is odd), shuffled.
    n_train, n_test: whole numbers >= 0; noise: a finite real >= 0; seed: a whole number >= 0.
    Returns X_train (2, n_train), Y_train (1, n_train), X_test (2, n_test), Y_test (1, n_test),
    float64, all drawn from np.random.default_rng(seed) (the training set first).
    """
    return _train_and_test(_xor_set, n_train, n_test, noise, seed)


def spiral(n_train=300, n_test=100, noise=0.1, seed=1):
    """Two interleaved spiral arms, one per class.

    Without noise a point at position t in [0, 1] along its arm (t uniform) is at radius
    r = 0.1 + 0.9 t and angle 2 pi 1.25 t, plus pi for label 1: the arms wind 1.25 turns
    from radius 0.1 out to radius 1, arm 1 being arm 0 turned by half a turn. ``noise`` is
    the std of Gaussian noise then added to each coordinate. Half of each set is of each
    class (one more 1 when the size is odd), shuffled.
    n_train, n_test: whole numbers >= 0; noise: a finite real >= 0; seed: a whole number >= 0.
    Returns X_train (2, n_train), Y_train (1, n_train), X_test (2, n_test), Y_test (1, n_test),
    float64, all drawn from np.random.default_rng(seed) (the training set first).
    """
    return _train_and_test(_spiral_set, n_train, n_test, noise, seed)
