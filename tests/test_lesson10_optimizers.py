"""Lesson 10 (gradient descent, momentum, RMSprop, Adam): the lesson's claims as tests.

The elongated bowl J = ½(w1² + 25 w2²): gradient descent is stable only below α = 2/25 (459
steps to J < 1e-3 at α = 0.01, 60 at 0.075, divergence at 0.081); Adam's bias-corrected first
step is α in every coordinate (3.16 times the uncorrected one); Adam's per-parameter ratio
|v̂| / √ŝ stays near 1 along the valley and falls where w2 oscillates; the learning-rate sweeps
behind the notebook's prose; the saddle and the bending valley; the digit classifier with
gradient descent and Adam (runs that settle).
"""
import numpy as np
import pytest

from helpers import datasets
from helpers import network as net
from helpers import optimizers as opt
from helpers import surfaces

BOWL = surfaces.SURFACES["elongated"]
RATES = np.geomspace(1e-3, 1.0, 13)  # the notebook's sweep
MAKERS = {"GD": opt.GradientDescent, "momentum": opt.Momentum, "RMSprop": opt.RMSprop, "Adam": opt.Adam}


def _reaching(surface, make, max_steps=1000, target=1e-3):
    return {lr: surfaces.steps_to_reach(surfaces.descend(surface, make(), lr, max_steps), target)
            for lr in RATES}


def test_gradient_descent_on_the_valley_crawls_zigzags_or_diverges():
    steps = {lr: surfaces.descend(BOWL, opt.GradientDescent(), lr, 1000) for lr in (0.01, 0.075, 0.081)}
    assert surfaces.steps_to_reach(steps[0.01], 1e-3) == 459
    assert surfaces.steps_to_reach(steps[0.075], 1e-3) == 60
    assert steps[0.081].diverged and not steps[0.075].diverged
    # the factors the prose gives: w2 is multiplied by 1 - 25 α at each step
    w2 = steps[0.075].points[:6, 1]
    np.testing.assert_allclose(w2[1:] / w2[:-1], 1 - 25 * 0.075, rtol=1e-12)
    w1 = steps[0.01].points[:6, 0]
    np.testing.assert_allclose(w1[1:] / w1[:-1], 0.99, rtol=1e-12)


def test_adams_first_step_is_alpha_in_each_coordinate_and_the_uncorrected_one_3_16_times_that():
    w0 = np.array(BOWL.start)
    g0 = BOWL.gradient(w0)
    adam = opt.Adam()
    w1, _ = adam.step(w0, g0, adam.init(w0), 0.1)
    np.testing.assert_allclose(np.abs(w1 - w0), [0.1, 0.1], rtol=1e-8)
    # v = 0.1 g is 10 times too small, sqrt(s) = sqrt(0.001) |g| is 31.6 times too small
    uncorrected = 0.1 * (0.1 * g0) / (np.sqrt(0.001 * g0 ** 2) + 1e-8)
    np.testing.assert_allclose(np.abs(uncorrected), 0.1 * 0.1 / np.sqrt(0.001), rtol=1e-6)  # ε aside
    assert f"{np.abs(uncorrected[0]) / 0.1:.2f}" == "3.16"


def test_adams_ratio_stays_near_1_along_the_valley_and_falls_where_w2_oscillates():
    adam = opt.Adam()
    w, state = np.array(BOWL.start), adam.init(np.array(BOWL.start))
    ratios, moves = [], []
    for t in range(1, 121):
        new, state = adam.step(w, BOWL.gradient(w), state, 0.1)
        v_hat, s_hat = state["v"] / (1 - 0.9 ** t), state["s"] / (1 - 0.999 ** t)
        ratios.append(np.abs(v_hat) / np.sqrt(s_hat))
        moves.append(new - w)
        w = new
    ratios, moves = np.array(ratios), np.array(moves)
    turns = np.flatnonzero(np.diff(np.sign(moves[:, 1])) != 0) + 2
    assert turns[0] == 20 and np.all(np.sign(moves[:10, 0]) == 1)
    assert ratios[19, 0] > 0.85 and ratios[19, 1] < 0.05      # at the first turn of w2
    assert np.all(ratios[15:40, 1] < ratios[15:40, 0])       # the oscillating one is slower


def test_the_sweep_on_the_valley_gives_the_ranges_the_prose_quotes():
    gd = _reaching(BOWL, opt.GradientDescent)
    good = [lr for lr, n in gd.items() if n is not None]
    assert len(good) == 5 and f"{min(good):.2g}" == "0.0056" and f"{max(good):.2g}" == "0.056"
    assert all(n is None for lr, n in gd.items() if lr > 0.08)  # past the divergence limit
    for name in ("momentum", "Adam"):
        reached = _reaching(BOWL, MAKERS[name])
        assert reached[1.0] is not None and sum(n is not None for n in reached.values()) >= 8
    rms = _reaching(BOWL, opt.RMSprop)
    best = min((n for n in rms.values() if n is not None))
    assert best < min(n for n in gd.values() if n is not None)  # RMSprop's best is the fastest


def test_rmsprop_hops_around_the_minimum_at_the_scale_of_alpha():
    path = surfaces.descend(BOWL, opt.RMSprop(), 0.05, 1000)
    assert 1e-3 < path.costs[-1] < 1e-1
    assert 0.2 * 0.05 < np.linalg.norm(path.points[-1]) < 5 * 0.05


def test_at_the_saddle_the_normalized_methods_leave_the_ridge_first():
    saddle = surfaces.SURFACES["saddle"]
    leave = {}
    for name, make in MAKERS.items():
        path = surfaces.descend(saddle, make(), 0.05, 400)
        leave[name] = int(np.argmax(np.abs(path.points[:, 1]) > 0.5))  # first step off the ridge
    assert max(leave["RMSprop"], leave["Adam"]) < min(leave["GD"], leave["momentum"]) / 2
    gd = surfaces.descend(saddle, opt.GradientDescent(), 0.05, 400)
    near = np.argmin(np.linalg.norm(gd.points, axis=1))  # it passes close to the saddle point
    assert np.linalg.norm(gd.points[near]) < 0.1


def test_in_the_bending_valley_adam_works_for_the_most_rates():
    rosen = surfaces.SURFACES["rosenbrock"]
    counts = {name: sum(n is not None for n in _reaching(rosen, make).values())
              for name, make in MAKERS.items()}
    assert counts == {"GD": 2, "momentum": 6, "RMSprop": 1, "Adam": 9}


@pytest.mark.slow
def test_the_digit_runs_train_as_the_prose_says_and_settle():
    d = datasets.digits()
    layers, acts = [64, 25, 15, 10], ["relu", "relu", "softmax"]
    runs = {"gd": dict(learning_rate=0.5), "gd slow": dict(learning_rate=0.01),
            "adam": dict(learning_rate=1e-3, optimizer=opt.Adam()),
            "adam batches": dict(learning_rate=1e-3, optimizer=opt.Adam(), batch_size=64, shuffle_seed=10)}
    acc, last = {}, {}
    for name, run in runs.items():
        params, costs = net.train(d.X_train, d.Y_train, layers, acts, num_iterations=1000, method="he",
                                  seed=1, **run)
        acc[name] = net.accuracy(net.predict(d.X_test, params, acts), d.Y_test)
        last[name] = costs[-1]
    assert last["gd"] < last["adam"] < last["adam batches"] < last["gd slow"]
    trained = [acc[k] for k in ("gd", "adam", "adam batches")]
    assert max(trained) - min(trained) <= 0.04 and acc["gd slow"] < min(trained)
    for name in ("adam", "adam batches"):
        run = dict(runs[name])
        lr = run.pop("learning_rate")
        assert net.change_after_nudges(d.X_train, d.Y_train, layers, acts, lr, 1000, method="he", seed=1,
                                       **run) < 1e-9
