"""planar_flower(course=True): the course's own flower (course 1, week 3 assignment), and
the course's numbers on it with our helpers.network.train.

The recipe: 400 points, 200 per class; for class j, t = linspace(3.12 j, 3.12 (j + 1), 200)
+ 0.2 noise, r = 4 sin(4 t) + 0.2 noise, the point (r sin t, r cos t), label j; the noise from
NumPy's legacy generator seeded with 1 (np.random.RandomState(1), the assignment's
np.random.seed(1) and np.random.randn), drawn as class 0's t, class 0's r, class 1's t, class
1's r. The course's notebook shows 47 % for logistic regression and 67.5 / 67.25 / 90.75 %
for 1, 2, 3 hidden tanh units; our train reproduces them with the settings below, and every
one of those runs settles (change_after_nudges), so the numbers hold on any arithmetic.
"""
import math

import numpy as np
import pytest

from helpers import network as net
from helpers.datasets import planar_flower
from support import SHALLOW

M, PER_CLASS, ARC, PETAL, NOISE = 400, 200, 3.12, 4.0, 0.2
SETTLED = 1e-9  # change_after_nudges below this: the run's result is a property of the maths

LOGISTIC = ["sigmoid"]  # logistic regression: the one-layer network [2, 1]
LOGISTIC_SETTINGS = dict(learning_rate=1.2, num_iterations=2000, method="zeros")
COURSE_LOGISTIC_CORRECT = 188  # 47.0 % of 400

# The course's hidden-size sweep: learning rate 1.2, 5000 steps, weights N(0, 1) x 0.01;
# our "random" initialization is that (from np.random.default_rng(seed)).
SWEEP_SETTINGS = dict(learning_rate=1.2, num_iterations=5000, method="random", seed=1)
COURSE_SWEEP_CORRECT = {1: 270, 2: 269, 3: 363}  # 67.5 %, 67.25 %, 90.75 % of 400


@pytest.fixture(scope="module")
def flower():
    return planar_flower(course=True)


def _course_point(i):
    """Point i of the course's flower, (x1, x2, y), from the recipe with scalar arithmetic."""
    rs = np.random.RandomState(1)
    noise = [rs.randn(PER_CLASS) for _ in range(4)]  # t0, r0, t1, r1: the course's order
    j, k = divmod(i, PER_CLASS)
    t = j * ARC + k * ARC / (PER_CLASS - 1) + NOISE * float(noise[2 * j][k])
    r = PETAL * math.sin(4 * t) + NOISE * float(noise[2 * j + 1][k])
    return r * math.sin(t), r * math.cos(t), float(j)


# ---- the recipe -------------------------------------------------------------------------

def test_the_course_flower_has_400_examples_as_columns_in_float64(flower):
    X, Y = flower
    assert X.shape == (2, M) and Y.shape == (1, M)
    assert X.dtype == np.float64 and Y.dtype == np.float64


def test_the_course_flower_has_200_points_of_each_class_class_0_first(flower):
    _, Y = flower
    np.testing.assert_array_equal(Y[0, :PER_CLASS], 0.0)
    np.testing.assert_array_equal(Y[0, PER_CLASS:], 1.0)


@pytest.mark.parametrize("i", [0, 1, 137, 199, 200, 201, 333, 399])
def test_the_course_flower_follows_the_recipe_with_the_legacy_generator_seeded_1(flower, i):
    X, Y = flower
    x1, x2, y = _course_point(i)
    assert X[0, i] == pytest.approx(x1, rel=1e-12, abs=1e-14)
    assert X[1, i] == pytest.approx(x2, rel=1e-12, abs=1e-14)
    assert Y[0, i] == y


def test_the_course_flowers_first_and_last_points_are_the_ones_the_course_draws(flower):
    # np.random.RandomState's stream is frozen across NumPy versions: these never change
    X, _ = flower
    np.testing.assert_allclose(X[:, 0], [1.204442292254319, 3.5761141481288448], rtol=1e-12)
    np.testing.assert_allclose(X[:, 200], [-1.0704958072229525, 3.682524609580073], rtol=1e-12)
    np.testing.assert_allclose(X[:, 399], [0.7307808250007513, 3.0683292081876545], rtol=1e-12)


def test_the_course_flower_is_the_same_on_every_call_and_leaves_numpys_global_state_alone(flower):
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the legacy global state, checked untouched)
    X2, Y2 = planar_flower(course=True)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002
    np.testing.assert_array_equal(X2, flower[0])
    np.testing.assert_array_equal(Y2, flower[1])


def test_the_default_flower_is_the_same_recipe_from_another_generator_so_other_points(flower):
    X, Y = flower
    X_ours, Y_ours = planar_flower()  # seed 1 too, but np.random.default_rng(1)
    np.testing.assert_array_equal(Y_ours, Y)  # the same labels, in the same order
    assert np.all(np.any(X_ours != X, axis=0))  # every point is elsewhere
    radius = np.linalg.norm(X, axis=0)
    assert np.max(np.linalg.norm(X_ours, axis=0)) == pytest.approx(np.max(radius), abs=0.5)


# ---- its arguments ------------------------------------------------------------------------

def test_the_course_flower_accepts_the_courses_own_m_and_seed_written_out(flower):
    for kwargs in [dict(m=400), dict(seed=1), dict(m=400.0, seed=np.int64(1))]:
        X, _ = planar_flower(course=True, **kwargs)
        np.testing.assert_array_equal(X, flower[0])
    np.testing.assert_array_equal(planar_flower(course=np.bool_(True))[0], flower[0])
    np.testing.assert_array_equal(planar_flower(course=False)[0], planar_flower()[0])


@pytest.mark.parametrize("kwargs, match", [
    (dict(m=300), r"m=300 conflicts with course=True: the course's flower is always 400 points "
                  r"drawn from np\.random\.RandomState\(1\); leave m out"),
    (dict(m=2), r"m=2 conflicts with course=True"),
    (dict(seed=2), r"seed=2 conflicts with course=True: .*leave seed out \(or pass seed=1\), "
                   r"or use course=False"),
    (dict(seed=0), r"seed=0 conflicts with course=True"),
])
def test_the_course_flower_refuses_another_size_or_seed_by_name(kwargs, match):
    with pytest.raises(ValueError, match=match):
        planar_flower(course=True, **kwargs)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(course=1), TypeError, r"course must be True or False; got 1"),
    (dict(course="True"), TypeError, r"course must be True or False; got 'True'"),
    (dict(course=None), TypeError, r"course must be True or False; got None"),
    (dict(course=True, m="400"), TypeError, r"m must be a real number, got '400'"),
    (dict(course=True, m=1), ValueError, r"m must be a whole number >= 2, got 1"),
    (dict(course=True, seed=None), TypeError, r"seed must be a whole number >= 0, got None"),
    (dict(course=True, seed=-1), ValueError, r"seed must be a whole number >= 0, got -1"),
])
def test_bad_arguments_are_refused_by_name_with_or_without_course(kwargs, error, match):
    with pytest.raises(error, match=match):
        planar_flower(**kwargs)


def test_course_is_a_keyword_argument_only():
    with pytest.raises(TypeError):
        planar_flower(400, 1, True)  # noqa: FBT003 - the point of the test


# ---- the course's numbers, with our train -------------------------------------------------

def _correct(X, Y, params, activations):
    return int(round(net.accuracy(net.predict(X, params, activations), Y) * Y.shape[1]))


def test_logistic_regression_on_the_course_flower_gets_the_courses_47_percent(flower):
    X, Y = flower
    params, costs = net.train(X, Y, [2, 1], LOGISTIC, **LOGISTIC_SETTINGS)
    assert _correct(X, Y, params, LOGISTIC) == COURSE_LOGISTIC_CORRECT
    assert f"{100 * COURSE_LOGISTIC_CORRECT / M:.1f}" == "47.0"
    assert (f"{costs[0]:.4f}", f"{costs[-1]:.4f}") == ("0.6931", "0.6731")


def test_logistic_regression_on_the_course_flower_settles_at_the_same_line_from_any_start(flower):
    # from zeros a nudge of 1e-13 x w changes nothing (w = 0), so nudge a random start
    X, Y = flower
    from_zeros, _ = net.train(X, Y, [2, 1], LOGISTIC, **LOGISTIC_SETTINGS)
    settings = dict(LOGISTIC_SETTINGS, method="random", seed=1)
    from_random, _ = net.train(X, Y, [2, 1], LOGISTIC, **settings)
    for k in from_zeros:
        np.testing.assert_allclose(from_random[k], from_zeros[k], rtol=0, atol=1e-12)
    assert net.change_after_nudges(X, Y, [2, 1], LOGISTIC, **settings) < SETTLED
    Z = from_zeros["W1"] @ X + from_zeros["b1"]
    assert np.min(np.abs(Z)) > 1e-5  # no point within rounding of the line


@pytest.mark.parametrize("n_h", sorted(COURSE_SWEEP_CORRECT))
def test_the_shallow_network_on_the_course_flower_gets_the_courses_accuracy(flower, n_h):
    X, Y = flower
    params, _ = net.train(X, Y, [2, n_h, 1], SHALLOW, **SWEEP_SETTINGS)
    assert _correct(X, Y, params, SHALLOW) == COURSE_SWEEP_CORRECT[n_h]


def test_the_course_sweeps_numbers_are_67_5_67_25_and_90_75_percent():
    assert [100 * COURSE_SWEEP_CORRECT[n] / M for n in (1, 2, 3)] == [67.5, 67.25, 90.75]


@pytest.mark.slow
@pytest.mark.parametrize("n_h", sorted(COURSE_SWEEP_CORRECT))
def test_the_shallow_network_runs_on_the_course_flower_settle(flower, n_h):
    X, Y = flower
    assert net.change_after_nudges(X, Y, [2, n_h, 1], SHALLOW, **SWEEP_SETTINGS) < SETTLED
