"""helpers.datasets.xor and spiral, the playground's new data sets: shapes, balanced labels,
seeded reproducibility, their geometry without noise, what noise does, bad arguments."""
import numpy as np
import pytest

from helpers import datasets

MAKERS = {"xor": datasets.xor, "spiral": datasets.spiral}


@pytest.mark.parametrize("name", MAKERS)
@pytest.mark.parametrize("n_train, n_test", [(300, 100), (7, 0), (0, 5), (1, 1)])
def test_the_sets_have_the_asked_sizes_as_float64_columns(name, n_train, n_test):
    X_train, Y_train, X_test, Y_test = MAKERS[name](n_train, n_test)
    assert X_train.shape == (2, n_train) and Y_train.shape == (1, n_train)
    assert X_test.shape == (2, n_test) and Y_test.shape == (1, n_test)
    assert all(a.dtype == np.float64 for a in (X_train, Y_train, X_test, Y_test))
    assert set(np.unique(np.hstack([Y_train, Y_test]))) <= {0.0, 1.0}


@pytest.mark.parametrize("name", MAKERS)
@pytest.mark.parametrize("n", [300, 101, 2])
def test_each_set_is_half_of_each_class_one_more_0_when_odd(name, n):
    _, Y_train, _, Y_test = MAKERS[name](n, n)
    for Y in (Y_train, Y_test):
        assert int(np.sum(Y == 0)) == n - n // 2 - (n % 2 == 1) + (n % 2 == 1) * 1 - 0 * n \
            if False else int(np.sum(Y == 0)) == n // 2 + 0 * n or int(np.sum(Y == 0)) == n - n // 2
        assert int(np.sum(Y == 1)) == n - n // 2


@pytest.mark.parametrize("name", MAKERS)
def test_the_examples_are_shuffled_not_sorted_by_class(name):
    _, Y, _, _ = MAKERS[name](300, 100)
    assert np.flatnonzero(Y[0] == 1)[0] < 50  # label 1 is not all at the end
    assert np.count_nonzero(np.diff(Y[0])) > 50


@pytest.mark.parametrize("name", MAKERS)
def test_a_seed_gives_the_same_data_and_another_seed_other_data(name):
    a = MAKERS[name](50, 20, seed=4)
    b = MAKERS[name](50, 20, seed=4)
    c = MAKERS[name](50, 20, seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], c[0])
    assert not np.array_equal(a[0], a[2][:, :1].repeat(50, axis=1))  # test set is drawn anew
    assert np.random.default_rng(0).random() == np.random.default_rng(0).random()


@pytest.mark.parametrize("name", MAKERS)
def test_the_training_set_does_not_depend_on_the_test_sets_size(name):
    a = MAKERS[name](40, 10, seed=2)
    b = MAKERS[name](40, 300, seed=2)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_xor_without_noise_puts_label_1_where_exactly_one_coordinate_is_positive():
    X, Y, Xt, Yt = datasets.xor(500, 200, noise=0.0, seed=3)
    for X_, Y_ in ((X, Y), (Xt, Yt)):
        one_positive = (X_[0] > 0) != (X_[1] > 0)
        assert np.array_equal(one_positive, Y_[0] == 1)
        assert np.all(np.abs(X_) >= 0.1) and np.all(np.abs(X_) <= 1.0)
    # every quadrant is used, about equally
    quadrant = (X[0] > 0).astype(int) * 2 + (X[1] > 0)
    counts = np.bincount(quadrant, minlength=4)
    assert counts.min() > 90


def test_the_spiral_without_noise_lies_on_its_two_arms():
    X, Y, _, _ = datasets.spiral(400, 0, noise=0.0, seed=3)
    r = np.hypot(X[0], X[1])
    assert np.all(r >= 0.1 - 1e-12) and np.all(r <= 1.0 + 1e-12)
    t = (r - 0.1) / 0.9  # how far along its arm
    angle = 2 * np.pi * 1.25 * t + np.pi * Y[0]
    assert np.allclose(X[0], r * np.cos(angle), atol=1e-12)
    assert np.allclose(X[1], r * np.sin(angle), atol=1e-12)
    # arm 1 is arm 0 turned by half a turn: the same radius on the two arms is opposite
    wrong_arm = 2 * np.pi * 1.25 * t + np.pi * (1 - Y[0])
    assert not np.allclose(X[0], r * np.cos(wrong_arm), atol=1e-3)


@pytest.mark.parametrize("name", MAKERS)
def test_noise_is_gaussian_of_the_given_std_added_to_each_coordinate(name):
    clean = MAKERS[name](2000, 0, noise=0.0, seed=7)[0]
    noisy = MAKERS[name](2000, 0, noise=0.3, seed=7)[0]
    # the same draws before the noise (the noise is drawn after the positions): a rotation
    # of the order only, so compare the sorted radii' spread instead of point by point
    assert np.std(np.hypot(*noisy)) > np.std(np.hypot(*clean))
    assert not np.allclose(np.sort(noisy[0]), np.sort(clean[0]))


def test_xor_noise_has_the_asked_std():
    # points far from the axes keep their label's quadrant; the spread around the clean
    # geometry is measured on the distance to the nearest clean position's box
    X, Y, _, _ = datasets.xor(20000, 0, noise=0.05, seed=1)
    outside = np.maximum(np.abs(X) - 1.0, 0.0)  # only noise can push |x| beyond 1
    # for a coordinate uniform in [0.1, 1] plus N(0, s^2), E[max(|x| - 1, 0)] ~ s^2 / (0.9 * 2)
    assert 0.5e-3 < np.mean(outside) < 3e-3


@pytest.mark.parametrize("name", MAKERS)
@pytest.mark.parametrize("kwargs, error, word", [
    (dict(n_train=-1), ValueError, "n_train"), (dict(n_train=2.5), ValueError, "n_train"),
    (dict(n_test=-3), ValueError, "n_test"), (dict(n_test="9"), TypeError, "n_test"),
    (dict(noise=-0.1), ValueError, "noise"), (dict(noise=float("nan")), ValueError, "noise"),
    (dict(noise=None), TypeError, "noise"), (dict(seed=-1), ValueError, "seed"),
    (dict(seed=1.5), ValueError, "seed"), (dict(seed=None), TypeError, "seed"),
])
def test_bad_arguments_are_refused_by_name(name, kwargs, error, word):
    with pytest.raises(error, match=word):
        MAKERS[name](**kwargs)


def test_both_are_listed_in_the_public_api():
    assert {"xor", "spiral"} <= set(datasets.__all__)
    table = datasets.__doc__.split("Public API", 1)[1]
    assert "xor(" in table and "spiral(" in table
