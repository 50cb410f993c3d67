"""helpers.datasets' generators: planar_flower (the course's recipe, from np.random.default_rng)
and circles. The course's own flower, planar_flower(course=True), is tested in
test_course_flower.py."""
import numpy as np
import pytest

from helpers.datasets import circles, planar_flower


def _flower_by_the_course_formula(m, seed):
    """The course's recipe written out row-wise, (m, 2) then transposed."""
    rng = np.random.default_rng(seed)
    N, a = m // 2, 4
    X, Y = np.zeros((m, 2)), np.zeros((m, 1))
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.standard_normal(N) * 0.2
        r = a * np.sin(4 * t) + rng.standard_normal(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def test_planar_flower_has_examples_as_columns():
    X, Y = planar_flower()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert X.dtype == np.float64 and Y.dtype == np.float64


def test_planar_flower_follows_the_course_formula():
    X, Y = planar_flower(m=400, seed=1)
    X_ref, Y_ref = _flower_by_the_course_formula(400, 1)
    np.testing.assert_allclose(X, X_ref, rtol=1e-15, atol=0)
    np.testing.assert_array_equal(Y, Y_ref)


def test_planar_flower_has_two_balanced_classes():
    _, Y = planar_flower(m=400)
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert Y.sum() == 200


def test_planar_flower_rays_are_at_most_about_four_long():
    X, _ = planar_flower()
    assert np.max(np.linalg.norm(X, axis=0)) < 4 + 0.2 * 6


def test_planar_flower_is_reproducible_and_depends_on_the_seed():
    X1, _ = planar_flower(seed=3)
    X2, _ = planar_flower(seed=3)
    X3, _ = planar_flower(seed=4)
    np.testing.assert_array_equal(X1, X2)
    assert not np.array_equal(X1, X3)


def test_planar_flower_with_odd_m_still_has_m_examples():
    X, Y = planar_flower(m=7)
    assert X.shape == (2, 7) and Y.shape == (1, 7)


def test_planar_flower_does_not_touch_numpys_global_random_state():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the legacy global state, checked untouched)
    planar_flower()
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_planar_flower_refuses_a_bad_size():
    with pytest.raises(ValueError, match=r"m must be a whole number >= 2"):
        planar_flower(m=1)


def test_circles_have_the_requested_sizes_as_columns():
    X_train, Y_train, X_test, Y_test = circles(n_train=300, n_test=100)
    assert X_train.shape == (2, 300) and Y_train.shape == (1, 300)
    assert X_test.shape == (2, 100) and Y_test.shape == (1, 100)


def test_circles_without_noise_lie_exactly_on_the_two_radii():
    X, Y, _, _ = circles(n_train=50, n_test=0, noise=0.0, factor=0.5)
    radius = np.linalg.norm(X, axis=0)
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0)
    np.testing.assert_allclose(radius[Y[0] == 1], 0.5)


def test_circles_label_the_outer_circle_0_and_the_inner_1_in_equal_numbers():
    X, Y, _, _ = circles(n_train=300, noise=0.05, factor=0.8)
    radius = np.linalg.norm(X, axis=0)
    assert Y.sum() == 150
    assert np.mean(radius[Y[0] == 0]) == pytest.approx(1.0, abs=0.02)
    assert np.mean(radius[Y[0] == 1]) == pytest.approx(0.8, abs=0.02)


def test_circles_are_reproducible_and_train_differs_from_test():
    a = circles(n_train=20, n_test=20, seed=5)
    b = circles(n_train=20, n_test=20, seed=5)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[0], a[2])


def test_circles_refuse_a_factor_outside_zero_and_one():
    with pytest.raises(ValueError, match=r"factor is the inner radius over the outer one"):
        circles(factor=1.5)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(m=1), ValueError, r"m must be a whole number >= 2, got 1"),
    (dict(m=2.5), ValueError, r"m must be a whole number >= 2, got 2.5"),
    (dict(m=float("nan")), ValueError, r"m must be a whole number"),
    (dict(m="400"), TypeError, r"m must be a real number, got '400'"),
    (dict(m=None), TypeError, r"m must be a real number"),
    (dict(seed=-1), ValueError, r"seed must be a whole number >= 0, got -1"),
    (dict(seed=None), TypeError, r"seed must be a whole number >= 0, got None"),  # not a fresh random seed
    (dict(seed=1.5), ValueError, r"seed"),
    (dict(seed=True), TypeError, r"seed"),
    (dict(course=1), TypeError, r"course must be True or False; got 1"),
    (dict(m=300, course=True), ValueError, r"m=300 conflicts with course=True"),
])
def test_planar_flower_refuses_bad_arguments_by_name(kwargs, error, match):
    with pytest.raises(error, match=match):
        planar_flower(**kwargs)


def test_planar_flower_takes_whole_numbers_written_as_floats_and_large_seeds_exactly():
    X, _ = planar_flower(m=10.0)
    assert X.shape == (2, 10)
    big = 2**64 + 1  # beyond float64's integers: must not be rounded to 2**64
    np.testing.assert_allclose(planar_flower(m=10, seed=big)[0],
                               _flower_by_the_course_formula(10, big)[0], rtol=1e-15, atol=0)
    assert not np.array_equal(planar_flower(m=10, seed=big)[0], planar_flower(m=10, seed=2**64)[0])


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(noise=float("nan")), ValueError, r"noise must be a finite real number >= 0, got nan"),
    (dict(noise=float("inf")), ValueError, r"noise"),
    (dict(noise=-0.1), ValueError, r"noise must be a finite real number >= 0, got -0.1"),
    (dict(noise="0.05"), TypeError, r"noise must be a real number"),
    (dict(noise=0.05j), TypeError, r"noise"),
    (dict(factor=0.0), ValueError, r"factor is the inner radius over the outer one"),
    (dict(factor=float("nan")), ValueError, r"factor must be a finite real number"),
    (dict(factor=None), TypeError, r"factor"),
    (dict(n_train=-1), ValueError, r"n_train must be a whole number >= 0, got -1"),
    (dict(n_train=10.5), ValueError, r"n_train"),
    (dict(n_test=None), TypeError, r"n_test"),
    (dict(seed=-3), ValueError, r"seed"),
    (dict(seed="1"), TypeError, r"seed"),
])
def test_circles_refuse_bad_arguments_by_name(kwargs, error, match):
    with pytest.raises(error, match=match):
        circles(**kwargs)
