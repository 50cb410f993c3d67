"""helpers.widgets.playground: the training playground, driven without a browser.

Training is helpers.network.train's, step for step (the parameters and costs of
``.step(n)`` equal train's for every optimizer, however the steps are chunked); reset goes
back to the seeded start, picture included; every control changes the picture, and all but
the learning rate restart training; the picture is the network's prediction over the
plane and its first layer's units; play trains in a thread that pause and close stop (no
thread left); a diverging run and the iteration limit stop it by themselves; bad values are
refused by name.
"""
import base64
import importlib
import threading
import time

import numpy as np
import pytest

from helpers import datasets, optimizers
from helpers import network as net
from helpers.initializers import initialize
from helpers.widgets import PlaygroundExplorer, playground
from support import png_pixels

# the module (helpers.widgets.playground is the function the package exports)
wpg = importlib.import_module("helpers.widgets.playground")
DEFAULTS = PlaygroundExplorer.DEFAULTS
NAMES = ["dataset", "noise", "hidden_layers", "units", "activation", "init", "learning_rate",
         "optimizer", "seed"]


def _training_threads():
    return [t for t in threading.enumerate() if t.name == "playground-training"]


@pytest.fixture(scope="module")
def shared():
    explorer = playground()
    yield explorer
    explorer.close()


@pytest.fixture
def pg(shared):
    """One explorer for the module (making one draws its figure in full: slow), back at its
    defaults and its seeded start for each test; paused after it, no thread left."""
    shared.update(**DEFAULTS).reset()
    yield shared
    shared.pause()
    assert _training_threads() == []


def _train(pg, n):
    """network.train for the explorer's current settings."""
    v = pg.values
    optimizer = None if v["optimizer"] == "gd" else optimizers.make(v["optimizer"])
    return net.train(pg.X_train, pg.Y_train, pg.layer_dims, pg.activations, v["learning_rate"],
                     n, method=v["init"], seed=v["seed"], optimizer=optimizer)


def _wait(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


# --- the controls and the data --------------------------------------------------------------

def test_the_controls_are_the_ones_the_issue_asks_for():
    e = playground()
    assert list(e.controls) == NAMES
    assert [v for _, v in e.controls["dataset"].options] == ["flower", "circles", "xor", "spiral"]
    assert (e.controls["hidden_layers"].min, e.controls["hidden_layers"].max) == (1, 4)
    assert (e.controls["units"].min, e.controls["units"].max) == (1, 8)
    assert [v for _, v in e.controls["activation"].options] == ["tanh", "relu", "sigmoid"]
    assert list(e.controls["init"].options) == ["zeros", "random", "xavier", "he", "glorot"]
    assert [v for _, v in e.controls["optimizer"].options] == list(optimizers.OPTIMIZERS)
    rates = [v for _, v in e.controls["learning_rate"].options]  # a log-spaced slider
    assert type(e.controls["learning_rate"]).__name__ == "SelectionSlider"
    assert rates == sorted(rates) and (rates[0], rates[-1]) == (1e-4, 10.0) and 1.2 in rates
    assert np.all(np.diff(np.log10(rates)) < 0.53)  # steps of a factor 3 or less
    assert list(e.buttons) == ["play", "step", "reset"]
    assert e.container.children[0].children == tuple(e.buttons.values())
    assert all(c.description for c in e.controls.values())
    e.close()


def test_it_opens_at_its_defaults_at_iteration_0_with_a_stable_repr(pg):
    assert pg.values == DEFAULTS and pg.iteration == 0 and not pg.playing
    assert repr(pg) == ("PlaygroundExplorer(dataset='flower', noise=0, hidden_layers=2, units=4, "
                        "activation='tanh', init='xavier', learning_rate=0.03, optimizer='adam', "
                        "seed=1)")
    assert "iteration" in pg.readout.value and "<b>0</b>" in pg.readout.value


@pytest.mark.parametrize("name", wpg.DATASETS)
def test_the_data_is_400_training_and_200_test_points_of_both_classes(name):
    X, Y, Xt, Yt = wpg.playground_data(name, 0.1, seed=2)
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Xt.shape == (2, 200) and Yt.shape == (1, 200)
    assert 150 < Y.sum() < 250 and 60 < Yt.sum() < 140
    again = wpg.playground_data(name, 0.1, seed=2)
    assert all(np.array_equal(a, b) for a, b in zip((X, Y, Xt, Yt), again))


def test_the_flower_is_the_course_recipes_split_and_the_others_their_datasets_functions():
    X, Y, Xt, Yt = wpg.playground_data("flower", 0.0, seed=3)
    F, G = datasets.planar_flower(600, 3)
    order = np.random.default_rng(3).permutation(600)
    assert np.array_equal(np.hstack([X, Xt]), F[:, order])
    assert np.array_equal(np.hstack([Y, Yt]), G[:, order])
    assert all(np.array_equal(a, b) for a, b in zip(wpg.playground_data("xor", 0.2, 4),
                                                   datasets.xor(400, 200, noise=0.2, seed=4)))
    assert all(np.array_equal(a, b) for a, b in zip(wpg.playground_data("spiral", 0.2, 4),
                                                   datasets.spiral(400, 200, noise=0.2, seed=4)))
    assert all(np.array_equal(a, b) for a, b in zip(
        wpg.playground_data("circles", 0.2, 4), datasets.circles(400, 200, 0.2, 0.5, 4)))


def test_the_flowers_noise_is_four_times_the_slider_on_its_coordinates():
    clean = wpg.playground_data("flower", 0.0, seed=1)[0]
    noisy = wpg.playground_data("flower", 0.25, seed=1)[0]
    assert abs(np.std(noisy - clean) - 4 * 0.25) < 0.05


# --- training is helpers.network's ------------------------------------------------------------

@pytest.mark.parametrize("values, chunks", [
    (dict(optimizer="gd", learning_rate=1.0, hidden_layers=1, units=4), (30,)),
    (dict(optimizer="adam", dataset="spiral", hidden_layers=2, units=8, activation="relu",
          init="he", seed=3, noise=0.1), (1, 9, 25)),
    (dict(optimizer="momentum", dataset="xor", learning_rate=0.3, activation="sigmoid",
          init="glorot"), (17, 13)),
    (dict(optimizer="rmsprop", dataset="circles", learning_rate=0.01, hidden_layers=3, units=3,
          init="random", seed=7), (10, 10, 10)),
])
def test_step_gives_the_parameters_and_costs_of_network_train(values, chunks):
    pg = playground(**values)
    for n in chunks:
        pg.step(n)
    params, costs = _train(pg, sum(chunks))
    assert pg.iteration == sum(chunks)
    assert sorted(pg.params) == sorted(params)
    for k in params:
        np.testing.assert_allclose(pg.params[k], params[k], rtol=0, atol=1e-12)
    np.testing.assert_allclose(pg.train_costs, costs, rtol=0, atol=1e-12)
    pg.close()


def test_the_test_cost_is_recorded_every_ten_iterations_at_the_weights_then(pg):
    pg.step(25)
    assert len(pg.test_costs) == 3  # iterations 0, 10, 20
    for k, cost in enumerate(pg.test_costs):
        weights = (initialize(pg.layer_dims, "xavier", seed=1) if k == 0
                   else _train(pg, 10 * k)[0])
        expected = net.network_cost(pg.X_test, pg.Y_test, weights, pg.activations)
        assert cost == pytest.approx(expected, abs=1e-12)


def test_the_read_out_gives_the_iteration_seed_costs_and_accuracies_now(pg):
    pg.update(seed=4).step(40)
    s = pg.summary
    AL = net.forward(pg.X_test, pg.params, pg.activations)[0]
    assert s["test_accuracy"] == net.accuracy((AL > 0.5).astype(int), pg.Y_test)
    assert s["train_cost"] == pytest.approx(
        net.network_cost(pg.X_train, pg.Y_train, pg.params, pg.activations), abs=1e-12)
    html = pg.readout.value
    assert "<b>40</b>" in html and "<b>4</b>" in html
    assert f"{s['test_cost']:.4f}" in html and f"{100 * s['train_accuracy']:.1f} %" in html


def test_the_cost_falls_and_the_flower_is_learned_with_sensible_settings():
    pg = playground(dataset="flower", hidden_layers=1, units=4, optimizer="gd",
                    learning_rate=1.2)
    start = pg.summary["train_cost"]
    pg.step(600)
    costs = pg.train_costs
    assert costs[0] == pytest.approx(start)
    assert costs[-1] < 0.5 * start and pg.summary["train_accuracy"] > 0.85
    assert np.all(np.diff(costs[100:]) < 1e-9)  # settled: it keeps going down
    pg.close()


# --- reset, and what restarts training ----------------------------------------------------

def test_reset_restores_the_seeded_start_parameters_and_picture(pg):
    start_png, start = pg.image.value, {k: v.copy() for k, v in pg.params.items()}
    assert all(np.array_equal(start[k], v) for k, v in initialize([2, 4, 4, 1], "xavier", seed=1).items())
    pg.step(50)
    assert pg.image.value != start_png
    pg.reset()
    assert pg.iteration == 0 and len(pg.train_costs) == 0 and len(pg.test_costs) == 0
    assert all(np.array_equal(pg.params[k], start[k]) for k in start)
    assert np.array_equal(png_pixels(pg.image.value), png_pixels(start_png))
    pg.step(50)  # and trains the same again
    assert np.array_equal(pg.params["W1"], _train(pg, 50)[0]["W1"])


CHANGES = [("dataset", "xor"), ("noise", 0.3), ("hidden_layers", 3), ("units", 6),
           ("activation", "relu"), ("init", "he"), ("learning_rate", 0.3), ("optimizer", "gd"),
           ("seed", 5)]


@pytest.mark.parametrize("name, value", CHANGES)
def test_every_control_changes_the_picture(pg, name, value):
    pg.step(20)
    before = png_pixels(pg.image.value)
    pg.update(**{name: value})
    assert np.abs(png_pixels(pg.image.value) - before).sum() > 0, name
    if name == "learning_rate":  # a new α applies from the next iteration on
        assert pg.iteration == 20
    else:  # the others restart from the seeded start
        assert pg.iteration == 0


def test_moving_a_control_widget_restarts_and_redraws_too(pg):
    pg.step(20)
    png = pg.image.value
    pg.controls["units"].value = 7
    assert pg.iteration == 0 and pg.layer_dims == [2, 7, 7, 1] and pg.image.value != png


def test_a_new_learning_rate_applies_from_the_next_iteration_on(pg):
    pg.step(10)
    pg.update(learning_rate=0.001)
    pg.step(15)
    assert pg.iteration == 25
    # by hand: Adam from the seeded start, 10 steps at 0.03, then 15 at 0.001, one state
    opt = optimizers.Adam()
    p = initialize(pg.layer_dims, "xavier", seed=1)
    state = opt.init(p)
    for i in range(25):
        AL, caches = net.forward(pg.X_train, p, pg.activations)
        p, state = opt.step(p, net.backward(AL, pg.Y_train, caches), state,
                            0.03 if i < 10 else 0.001)
    for k in p:
        np.testing.assert_allclose(pg.params[k], p[k], rtol=0, atol=1e-12)


def test_the_picture_is_the_networks_prediction_and_its_first_layers_units():
    pg = playground(units=3, hidden_layers=2).step(30)
    d = pg.drawing
    x0, x1, y0, y1 = d.map.get_extent()
    assert x0 < pg.X_train[0].min() and x1 > pg.X_train[0].max()
    g0, g1 = np.meshgrid(np.linspace(x0, x1, 60), np.linspace(y0, y1, 60))
    grid = np.vstack([g0.ravel(), g1.ravel()])
    AL = net.forward(grid, pg.params, pg.activations)[0]
    np.testing.assert_allclose(np.asarray(d.map.get_array()).ravel(), AL[0], atol=1e-12)
    A1 = net.hidden_unit_activations(pg.params, pg.activations, grid)
    for i in range(3):
        np.testing.assert_allclose(np.asarray(d.units[i].get_array()).ravel(), A1[i], atol=1e-12)
    assert [ax.get_visible() for ax in d.unit_axes] == [True] * 3 + [False] * 5
    train = np.hstack([line.get_xydata().T for line in d.train_points])
    assert train.shape == (2, 400) and np.allclose(np.sort(train[0]), np.sort(pg.X_train[0]))
    assert np.array_equal(d.train_line.get_ydata(), pg.train_costs)
    assert np.array_equal(d.test_line.get_ydata(), pg.test_costs)
    pg.close()


def test_without_a_widget_front_end_it_shows_the_figure_as_a_png(pg):
    pg.step(10)
    bundle = pg._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == pg.image.value
    assert bundle["text/plain"] == repr(pg)


# --- playing in the background ----------------------------------------------------------------

def test_play_trains_in_a_thread_and_pause_stops_it_leaving_no_thread(pg):
    png = pg.image.value
    pg.play()
    assert pg.playing and len(_training_threads()) == 1
    assert pg.buttons["play"].value and pg.buttons["play"].description == "pause"
    _wait(lambda: pg.iteration >= 30)
    pg.pause()
    assert not pg.playing and _training_threads() == []
    assert not pg.buttons["play"].value
    stopped = pg.iteration
    assert stopped % wpg.ITERATIONS_PER_FRAME == 0 and pg.image.value != png
    time.sleep(0.2)
    assert pg.iteration == stopped  # nothing trains after pause
    # what it trained is network.train's
    assert np.array_equal(pg.params["W2"], _train(pg, stopped)[0]["W2"])
    assert "paused" in pg.readout.value


def test_the_play_button_starts_and_stops_it(pg):
    pg.buttons["play"].value = True
    _wait(lambda: pg.iteration >= 10)
    pg.buttons["play"].value = False
    assert _training_threads() == [] and not pg.playing
    pg.buttons["step"].click()
    assert pg.iteration % wpg.ITERATIONS_PER_FRAME == 0
    pg.buttons["reset"].click()
    assert pg.iteration == 0


def test_close_stops_the_training():
    pg = playground()
    pg.play()
    _wait(lambda: pg.iteration >= 10)
    pg.close()
    assert _training_threads() == [] and not pg.playing


def test_changing_controls_while_playing_restarts_safely(pg):
    pg.play()
    for units in (3, 5, 8, 2):
        _wait(lambda: pg.iteration >= 10)
        pg.update(units=units)
        assert pg.layer_dims == [2, units, units, 1]
    _wait(lambda: pg.iteration >= 10)
    pg.pause()
    n = pg.iteration
    assert pg.layer_dims == [2, 2, 2, 1]
    assert np.array_equal(pg.params["W1"], _train(pg, n)[0]["W1"])  # a clean run from its start


def test_a_diverging_run_stops_at_the_iteration_that_overflowed(pg, monkeypatch):
    real_backward = wpg.net.backward
    calls = {"n": 0}

    def overflowing(AL, Y, caches):
        calls["n"] += 1
        if calls["n"] == 24:
            raise ValueError("backward overflowed float64")
        return real_backward(AL, Y, caches)

    monkeypatch.setattr(wpg.net, "backward", overflowing)
    pg.step(50)
    assert pg.diverged_at == 23 and pg.iteration == 23
    monkeypatch.setattr(wpg.net, "backward", real_backward)
    assert np.array_equal(pg.params["W1"], _train(pg, 23)[0]["W1"])
    assert "diverged at iteration 23" in pg.readout.value
    pg.play()  # nothing more to train: it stops by itself
    _wait(lambda: not pg.playing)
    assert pg.iteration == 23 and not pg.buttons["play"].value
    pg.reset()
    assert pg.diverged_at is None and pg.iteration == 0


def test_training_stops_at_the_iteration_limit(pg, monkeypatch):
    monkeypatch.setattr(wpg, "MAX_ITERATIONS", 40)
    pg.reset()
    pg.step(100)
    assert pg.iteration == 40 and "stopped at 40 iterations" in pg.readout.value
    pg.play()
    _wait(lambda: not pg.playing)
    assert pg.iteration == 40 and _training_threads() == []


# --- bad values -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, error, match", [
    (dict(units=9), ValueError, "units"), (dict(hidden_layers=0), ValueError, "hidden_layers"),
    (dict(units=2.5), ValueError, "units"), (dict(dataset="moons"), ValueError, "dataset"),
    (dict(activation="softmax"), ValueError, "activation"), (dict(init=None), TypeError, "init"),
    (dict(learning_rate=100.0), ValueError, "learning_rate"),
    (dict(learning_rate="fast"), ValueError, "learning_rate"),
    (dict(learning_rate=0.05), ValueError, "learning_rate"), (dict(noise=-0.1), ValueError, "noise"),
    (dict(optimizer="sgd"), ValueError, "optimizer"), (dict(seed=21), ValueError, "seed"),
    (dict(speed=3), ValueError, "speed"),
])
def test_bad_values_are_refused_by_name_and_nothing_changes(pg, bad, error, match):
    pg.step(10)
    before, png = pg.values, pg.image.value
    with pytest.raises(error, match=match):
        pg.update(**bad)
    assert pg.values == before and pg.image.value == png and pg.iteration == 10
    with pytest.raises(error, match=match):
        playground(**bad)


@pytest.mark.parametrize("n, error", [(0, ValueError), (2.5, ValueError), ("10", TypeError),
                                      (None, TypeError), (-3, ValueError)])
def test_step_refuses_a_count_that_is_not_a_whole_number_from_1(pg, n, error):
    with pytest.raises(error, match="n must be"):
        pg.step(n)
    assert pg.iteration == 0


@pytest.mark.parametrize("args, error, match", [
    (("moons",), ValueError, "dataset"), ((None,), TypeError, "dataset"),
    (("xor", 0.6), ValueError, "noise"), (("xor", -1.0), ValueError, "noise"),
    (("spiral", 0.1, -1), ValueError, "seed"), (("flower", 0.1, 1.5), ValueError, "seed"),
])
def test_playground_data_refuses_bad_arguments_by_name(args, error, match):
    with pytest.raises(error, match=match):
        wpg.playground_data(*args)


# --- what lessons 05 and 06 say about the playground ----------------------------------------

def test_lesson_05s_example_tanh_has_the_lowest_cost_after_100_iterations_with_seed_1():
    cost = {}
    for activation in ("relu", "tanh", "sigmoid"):
        pg = playground(dataset="flower", hidden_layers=2, units=6, activation=activation,
                        init="he", seed=1).step(100)
        cost[activation] = pg.train_costs[-1]
        pg.close()
    assert cost["tanh"] < min(cost["relu"], cost["sigmoid"])


def test_lesson_06s_example_zeros_and_small_weights_stay_at_log_2_xavier_and_he_learn():
    run = dict(dataset="circles", hidden_layers=4, units=8, optimizer="gd", learning_rate=0.3)
    pg = playground(init="zeros", **run).step(300)
    assert np.all(np.abs(pg.train_costs - np.log(2)) < 1e-12)
    A1 = np.stack([np.asarray(image.get_array()) for image in pg.drawing.units])
    assert np.all(A1 == 0)  # every unit the same flat picture
    assert np.all(pg.params["W2"] == 0) and np.all(pg.params["W5"] == 0)
    for init, learns in (("random", False), ("xavier", True), ("he", True)):
        pg.update(init=init).step(300)
        costs = pg.train_costs
        if learns:
            assert costs[100] < 0.75 * np.log(2) and pg.summary["test_accuracy"] > 0.95, init
        else:
            assert np.all(np.abs(costs - np.log(2)) < 1e-3), init
    pg.close()
