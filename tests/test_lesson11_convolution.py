"""Lesson 11 (convolutional layers; MLS course 2 week 2, the lecture's ECG example): the
lesson's claims as tests.

The lecture's network 100 -> 9 (windows of 20, stride 10) -> 3 (windows of 5, stride 2) -> 1;
its parameter counts (locally connected 211, shared weights 31, dense 943); trained on 100
synthetic ECG-like traces, the shared-weight network beats the dense one on the 1,000 test
traces from every start while the dense one fits its training set perfectly; every printed
run settles (nudged starts end at the same weights), so its numbers hold on any machine; the
2-D layer of 9 units on 4 x 4 squares of the digits reads 93.0 % of the test digits.
"""
import numpy as np
import pytest

from helpers import conv, datasets
from helpers import gradcheck as gc
from support import ecg_network

L = conv.Layer  # the digits network builds its layers by hand
ECG_RUN = dict(learning_rate=0.03, num_iterations=3000)  # the notebook's settings
SEEDS = (0, 1, 2)
# the notebook's table: test accuracy for starts 0, 1, 2 (1,000 test traces)
PRINTED = {"local": ("66.8%", "69.5%", "71.9%"), "conv": ("79.8%", "84.9%", "75.7%"),
           "dense": ("70.3%", "69.8%", "70.9%")}
DIGIT_RUN = dict(learning_rate=0.5, num_iterations=500)


@pytest.fixture(scope="module")
def ecg():
    return datasets.ecg_traces(n_train=100, n_test=1000, seed=0)


def _nudged(start, noise):
    """The start with every weight moved by a relative 1e-13 (some thousand roundings)."""
    return {k: v * (1 + 1e-13 * noise.standard_normal(v.shape)) for k, v in start.items()}


@pytest.fixture(scope="module")
def trained(ecg):
    """The notebook's nine ECG runs: {(kind, seed): (trained params, costs)}, trained once for
    the whole module (the table's test and the settling test both read them)."""
    X_train, Y_train, _, _ = ecg
    out = {}
    for kind in PRINTED:
        layers = ecg_network(kind)
        for seed in SEEDS:
            start = conv.initialize(100, layers, "xavier", seed=seed)
            out[kind, seed] = conv.train(X_train, Y_train, layers, start, **ECG_RUN)
    return out


@pytest.fixture(scope="module")
def runs(ecg, trained):
    """{(kind, seed): (train accuracy, test accuracy, costs)} of the nine runs."""
    X_train, Y_train, X_test, Y_test = ecg
    out = {}
    for (kind, seed), (params, costs) in trained.items():
        layers = ecg_network(kind)
        out[kind, seed] = (np.mean(conv.predict(X_train, params, layers) == Y_train),
                           np.mean(conv.predict(X_test, params, layers) == Y_test), costs)
    return out


def test_the_lectures_windows_give_9_and_3_units_x1_to_x20_and_so_on():
    assert conv.layer_sizes(100, ecg_network("conv")) == [100, 9, 3, 1]
    w1, w2 = conv.window_indices(100, 20, 10), conv.window_indices(9, 5, 2)
    assert (w1[1, 0] + 1, w1[1, -1] + 1) == (11, 30) and (w1[-1, 0] + 1, w1[-1, -1] + 1) == (81, 100)
    assert w2.tolist() == [[0, 1, 2, 3, 4], [2, 3, 4, 5, 6], [4, 5, 6, 7, 8]]


def test_the_parameter_table_counts_211_31_and_943():
    totals = {kind: conv.count_parameters(100, ecg_network(kind))[1] for kind in PRINTED}
    assert totals == {"local": 211, "conv": 31, "dense": 943}
    assert conv.count_parameters(100, ecg_network("dense"))[0][0] == (900, 9)  # "909" in the prose
    assert sum(conv.count_parameters(100, ecg_network("local"))[0][0]) == 189


def test_the_three_networks_backpropagation_passes_the_gradient_check():
    X, Y, _, _ = datasets.ecg_traces(n_train=6, n_test=0, seed=1)
    for kind in PRINTED:
        layers = ecg_network(kind)
        params = conv.initialize(100, layers, "xavier", seed=0)
        AL, caches = conv.forward(X, params, layers)
        report = gc.compare_gradients(lambda p: conv.cost(X, Y, p, layers), params,
                                      conv.backward(AL, Y, caches))
        assert report.verdict == "ok"


def test_the_printed_test_accuracies_and_the_prose_about_them(runs):
    for kind, printed in PRINTED.items():
        assert tuple(f"{runs[kind, s][1]:.1%}" for s in SEEDS) == printed
    for seed in SEEDS:  # shared weights win from every start; the dense net memorizes
        assert runs["conv", seed][1] > max(runs["dense", seed][1], runs["local", seed][1])
        assert runs["dense", seed][0] == 1.0
        assert 0.69 <= runs["dense", seed][1] <= 0.71          # "about 70 %"
        assert 0.755 <= runs["conv", seed][1] <= 0.85           # "76 to 85 %"
    assert [f"{runs['local', s][0]:.0%}" for s in SEEDS].count("84%") == 1
    assert min(runs["local", s][0] for s in SEEDS) == 0.84 and max(runs["conv", s][0] for s in SEEDS) == 0.97
    for key, (_, _, costs) in runs.items():
        assert costs[-1] < costs[0], key


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(PRINTED))
def test_every_printed_ecg_run_settles_so_its_numbers_hold_on_any_machine(ecg, trained, kind):
    X_train, Y_train, _, _ = ecg
    layers = ecg_network(kind)
    noise = np.random.default_rng(0)
    for seed in SEEDS:
        final, _ = trained[kind, seed]
        start = conv.initialize(100, layers, "xavier", seed=seed)
        moved, _ = conv.train(X_train, Y_train, layers, _nudged(start, noise), **ECG_RUN)
        assert max(float(np.max(np.abs(moved[k] - final[k]))) for k in final) < 1e-9


@pytest.mark.slow
def test_at_learning_rate_0_1_the_shared_filters_run_is_chaotic_as_the_prose_says(ecg):
    X_train, Y_train, _, _ = ecg
    layers = ecg_network("conv")
    start = conv.initialize(100, layers, "xavier", seed=0)
    final, _ = conv.train(X_train, Y_train, layers, start, 0.1, 1500)
    moved, _ = conv.train(X_train, Y_train, layers, _nudged(start, np.random.default_rng(0)), 0.1, 1500)
    assert max(float(np.max(np.abs(moved[k] - final[k]))) for k in final) > 1e-6


def _digit_model():
    d = datasets.digits()
    layers = [L("local", "tanh", windows=conv.image_window_indices(8, 8, 4, 2)),
              L("dense", "softmax", units=10)]
    start = conv.initialize(64, layers, "xavier", seed=0)
    return d, layers, start


def test_nine_units_on_four_by_four_squares_read_93_percent_of_the_test_digits():
    d, layers, start = _digit_model()
    params, costs = conv.train(d.X_train, d.Y_train, layers, start, **DIGIT_RUN)
    assert conv.count_parameters(64, layers)[1] == 253
    assert f"{costs[0]:.3f} {costs[-1]:.3f}" == "2.356 0.175"
    accuracy = np.mean(conv.predict(d.X_test, params, layers) == d.labels_test)
    assert f"{accuracy:.1%}" == "93.0%"
    # each unit's weights only reach the pixels of its square: W1 is (9, 16)
    assert params["W1"].shape == (9, 16)


@pytest.mark.slow
def test_the_digit_run_settles():
    d, layers, start = _digit_model()
    final, _ = conv.train(d.X_train, d.Y_train, layers, start, **DIGIT_RUN)
    moved, _ = conv.train(d.X_train, d.Y_train, layers, _nudged(start, np.random.default_rng(1)), **DIGIT_RUN)
    assert max(float(np.max(np.abs(moved[k] - final[k]))) for k in final) < 1e-9
