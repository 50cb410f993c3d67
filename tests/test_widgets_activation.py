"""The activation explorer (lesson 05), driven without a browser: every control redraws the
figure and the read-outs, the read-outs are the right numbers (recomputed here with plain
NumPy), the figure is updated in place, extreme settings stay warning-free and bad values
are refused."""
import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from baselines.explorers import ACTIVATION_CHANGES, naive_activation_plot
from helpers import activations as act
from helpers.activations import saturation_z
from helpers.widgets import activation_explorer
from helpers.widgets.activation import (_NAMES, INPUTS_SEED, N_INPUTS, ActivationExplorer,
                                        flat_intervals, input_statistics)
from support import parts_outside, png_pixels

EPS = np.random.default_rng(INPUTS_SEED).standard_normal(N_INPUTS)  # the explorer's sample


def _direct(name, mu, sigma, alpha=0.01):
    """The read-outs, computed from the formulas with plain NumPy (no helpers): a unit is
    flat where its slope is below 1 % of its largest one (sigmoid 1/4, the others 1)."""
    z = mu + sigma * EPS
    if name == "sigmoid":
        a = 1 / (1 + np.exp(-np.clip(z, -500, 500)))
        slope = a * (1 - a)
        flat = np.mean(np.abs(z) > 2 * math.acosh(10))  # a (1 - a) < 0.0025
        saturated, off = flat, None
    elif name == "tanh":
        a = np.tanh(z)
        slope = 1 - a**2
        flat = np.mean(np.abs(z) > math.acosh(10))  # 1 - a^2 < 0.01
        saturated, off = flat, None
    elif name == "relu":
        a = np.maximum(z, 0)
        slope = (z > 0).astype(float)
        flat = np.mean(z <= 0)
        saturated, off = None, flat
    elif name == "leaky_relu":
        a = np.maximum(alpha * z, z)
        slope = np.where(z > 0, 1.0, alpha)
        flat = np.mean(z <= 0) if alpha < 0.01 else 0.0
        saturated, off = None, (flat if alpha == 0 else None)
    else:
        a, slope, flat, saturated, off = z, np.ones_like(z), 0.0, None, None
    return {"mean_a": a.mean(), "std_a": a.std(), "mean_slope": slope.mean(), "flat": flat,
            "saturated": saturated, "off": off}


FLAT_NAMES = {"sigmoid": "saturated", "tanh": "saturated", "relu": "off", "linear": "flat"}


# --- every control redraws ------------------------------------------------------------

@pytest.mark.parametrize("change", [
    {"activation": "tanh"},
    {"mu": 2.5},
    {"sigma": 3.0},
    {"alpha": 0.2},
], ids=lambda c: next(iter(c)))
def test_every_control_changes_the_png_and_the_readouts(change):
    start = {"activation": "leaky_relu"} if "alpha" in change else {}  # alpha acts on leaky ReLU
    explorer = activation_explorer(**start)
    png, html = explorer.image.value, explorer.readout.value
    title = explorer.drawing.readout.get_text()
    explorer.update(**change)
    assert explorer.image.value != png
    assert explorer.readout.value != html
    assert explorer.drawing.readout.get_text() != title  # the read-outs printed in the figure


# --- the read-outs are right -------------------------------------------------------------

SETTINGS = [("sigmoid", 0.0, 1.0, 0.01), ("sigmoid", 4.0, 2.0, 0.01), ("tanh", 0.5, 3.0, 0.01),
            ("relu", -1.0, 2.0, 0.01), ("leaky_relu", -2.0, 1.5, 0.2),
            ("leaky_relu", -2.0, 1.5, 0.0), ("linear", 3.0, 0.5, 0.01)]


@pytest.mark.parametrize("name, mu, sigma, alpha", SETTINGS)
def test_the_readouts_equal_a_direct_numpy_computation(name, mu, sigma, alpha):
    explorer = activation_explorer(activation=name, mu=mu, sigma=sigma, alpha=alpha)
    want = _direct(name, mu, sigma, alpha)
    for key, value in want.items():
        if value is None:
            assert explorer.stats[key] is None, key
        else:
            assert explorer.stats[key] == pytest.approx(value, rel=1e-12, abs=1e-12), key
    html, title = explorer.readout.value, explorer.drawing.readout.get_text()
    for key in ("mean_a", "std_a", "mean_slope"):
        assert f"{want[key]:.3f}" in html and f"{want[key]:.3f}" in title
    flat_name = FLAT_NAMES.get(name) or ("off" if alpha == 0 else "flat")
    assert f"{flat_name} {100 * want['flat']:.1f} %" in title
    assert f"<span>{flat_name}</span>" in html and f"<b>{100 * want['flat']:.1f} %</b>" in html
    assert "dead" not in html and "dead" not in title


def test_sigmoid_inputs_centred_at_zero_give_mean_output_one_half_and_tanh_zero():
    sig = activation_explorer(activation="sigmoid").stats
    tanh = activation_explorer(activation="tanh").stats
    assert sig["mean_a"] == pytest.approx(0.5, abs=0.01)
    assert tanh["mean_a"] == pytest.approx(0.0, abs=0.02)
    assert tanh["mean_slope"] > 2 * sig["mean_slope"]  # tanh' peaks at 1, sigmoid' at 1/4


def test_the_shaded_flat_regions_are_helpers_activations_definition():
    z = np.linspace(-10, 10, 2001)
    for name in _NAMES:
        intervals = flat_intervals(name)
        shaded = np.zeros(z.shape, bool)
        for z0, z1 in intervals:
            shaded |= (z >= z0) & (z <= z1)
        flat = act.ACTIVATIONS[name][1](z) < act.flat_slope(name)
        inside = np.ones(z.shape, bool)
        for z0, z1 in intervals:  # the edges themselves are a matter of rounding
            inside &= ~np.isclose(z, z0) & ~np.isclose(z, z1)
        np.testing.assert_array_equal(shaded[inside], flat[inside], err_msg=name)
    assert flat_intervals("sigmoid") == [(-10.0, -saturation_z("sigmoid")),
                                         (saturation_z("sigmoid"), 10.0)]
    assert flat_intervals("relu") == [(-10.0, 0.0)]
    assert flat_intervals("leaky_relu", alpha=0.0) == [(-10.0, 0.0)]
    assert flat_intervals("leaky_relu", alpha=0.01) == []
    assert flat_intervals("linear") == []


def test_the_shaded_outputs_are_the_outputs_of_the_flat_inputs():
    explorer = activation_explorer(activation="tanh")
    (lo, below), (above, hi) = [(p.get_x(), p.get_x() + p.get_width())
                                for p in explorer.drawing.out_flat]
    assert below == pytest.approx(-math.sqrt(0.99)) and above == pytest.approx(math.sqrt(0.99))
    assert all(p.get_visible() for p in explorer.drawing.out_flat)
    explorer.update(activation="linear")
    assert not any(p.get_visible() for p in explorer.drawing.out_flat)


def test_a_relu_fed_negative_inputs_is_mostly_off_and_passes_little_gradient():
    stats = activation_explorer(activation="relu", mu=-2.0, sigma=1.0).stats
    assert stats["off"] == stats["flat"] == pytest.approx(np.mean(EPS <= 2.0))
    assert stats["off"] > 0.95 and stats["saturated"] is None
    assert stats["mean_slope"] == pytest.approx(1 - stats["off"])
    leaky = activation_explorer(activation="leaky_relu", mu=-2.0, sigma=1.0).stats
    assert leaky["flat"] == 0.0 and leaky["off"] is None
    assert leaky["mean_slope"] > stats["mean_slope"]


def test_a_sigmoid_and_a_tanh_fed_the_same_inputs_saturate_where_the_lesson_says():
    sig = activation_explorer(activation="sigmoid", mu=0.0, sigma=5.0).stats
    assert sig["saturated"] == sig["flat"] == pytest.approx(np.mean(np.abs(5 * EPS) > 5.9864),
                                                            abs=1e-3)
    tanh = activation_explorer(activation="tanh", mu=0.0, sigma=5.0).stats
    assert tanh["saturated"] > sig["saturated"] and tanh["off"] is None  # tanh's edge: 2.99


# --- no label is ever cut off --------------------------------------------------------------

@pytest.mark.parametrize("name", _NAMES)
def test_no_label_is_cut_off_at_extreme_settings(name):
    explorer = activation_explorer(activation=name)
    for mu, sigma, alpha in [(-10.0, 1.0, 0.3), (10.0, 10.0, 0.0), (-10.0, 0.1, 0.01),
                             (0.0, 10.0, 0.3)]:
        explorer.update(mu=mu, sigma=sigma, alpha=alpha)
        assert parts_outside(explorer.figure) == [], (mu, sigma, alpha)


def test_the_check_for_cut_off_labels_finds_a_long_label():
    explorer = activation_explorer(activation="linear")
    explorer.drawing.ax.set_ylabel("a label far too long to fit beside the panel " * 3)
    assert parts_outside(explorer.figure)


def test_the_figure_notes_how_many_inputs_lie_outside_the_window():
    explorer = activation_explorer(mu=9.0, sigma=2.0)
    right = np.mean(9.0 + 2.0 * EPS > 10.0)
    assert explorer.drawing.beyond_right.get_text() == f"{100 * right:.0f} % of the z above 10 →"
    assert explorer.drawing.beyond_left.get_text() == ""


# --- drawn in place -------------------------------------------------------------------

def test_the_same_figure_and_artists_are_kept_across_updates():
    explorer = activation_explorer()
    fig, drawing = explorer.figure, explorer.drawing
    artists = [drawing.g_line, drawing.slope_line, drawing.inputs, drawing.outputs, drawing.readout]
    n_axes, n_children = len(fig.axes), [len(ax.get_children()) for ax in fig.axes]
    for change in ACTIVATION_CHANGES:
        explorer.update(**change)
    assert explorer.figure is fig and explorer.drawing is drawing
    assert [drawing.g_line, drawing.slope_line, drawing.inputs, drawing.outputs,
            drawing.readout] == artists
    assert len(fig.axes) == n_axes == 3
    assert [len(ax.get_children()) for ax in fig.axes] == n_children
    assert plt.get_fignums() == []  # no pyplot figure was made


def test_the_redrawn_png_shows_the_same_picture_as_a_full_draw():
    explorer = activation_explorer()
    for change in ACTIVATION_CHANGES[:6]:  # go through a few scenes first
        explorer.update(**change)
    explorer.update(activation="tanh", mu=1.5, sigma=2.0)
    fast = png_pixels(explorer.image.value)
    full = png_pixels(naive_activation_plot(**explorer.values))
    assert fast.shape == full.shape
    differ = np.abs(fast - full).max(axis=2) > 30
    assert differ.mean() < 1e-3  # a few pixels where a spine meets a curve


def test_the_alpha_slider_is_greyed_out_unless_the_activation_is_leaky_relu():
    explorer = activation_explorer()
    assert explorer.controls["alpha"].disabled
    explorer.update(activation="leaky_relu")
    assert not explorer.controls["alpha"].disabled
    explorer.update(activation="relu")
    assert explorer.controls["alpha"].disabled


def test_without_a_widget_front_end_it_shows_a_png_and_a_stable_repr():
    explorer = activation_explorer(activation="tanh", mu=2.0)
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == \
        "ActivationExplorer(activation='tanh', alpha=0.01, mu=2, sigma=1)"
    assert "image/png" in bundle


# --- extreme and bad values -------------------------------------------------------------

@pytest.mark.parametrize("name", _NAMES)
@pytest.mark.parametrize("mu, sigma", [(10.0, 10.0), (-10.0, 10.0), (10.0, 0.1), (-10.0, 0.1)])
def test_extreme_settings_give_finite_readouts_without_runtime_warnings(name, mu, sigma):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = activation_explorer(activation=name, mu=mu, sigma=sigma, alpha=0.3)
        naive_activation_plot(activation=name, mu=mu, sigma=sigma)
    for key, value in explorer.stats.items():
        assert value is None or np.isfinite(value), key


@pytest.mark.parametrize("bad, error, message", [
    ({"activation": "softplus"}, ValueError,
     r"activation must be one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear'; got 'softplus'"),
    ({"activation": None}, TypeError, r"activation must be one of .* \(a string\); got None"),
    ({"mu": 10.5}, ValueError, r"mu must be a finite real number between -10 and 10, got 10.5"),
    ({"sigma": 0.0}, ValueError, r"sigma must be a finite real number between 0.1 and 10, got 0.0"),
    ({"sigma": float("nan")}, ValueError, r"sigma must be a finite real number .*, got nan"),
    ({"alpha": -0.1}, ValueError, r"alpha must be a finite real number between 0 and 0.3, got -0.1"),
    ({"mu": "2"}, TypeError, r"mu must be a real number, got '2'"),
    ({"mu": True}, TypeError, r"mu must be a real number, got True"),
    ({"mu": 1j}, TypeError, r"mu must be a real number, got 1j"),
    ({"speed": 1.0}, ValueError, r"unknown control\(s\) \['speed'\]"),
])
def test_bad_values_are_refused_and_nothing_changes(bad, error, message):
    explorer = activation_explorer()
    before, png = explorer.values, explorer.image.value
    with pytest.raises(error, match=message):
        explorer.update(**bad)
    assert explorer.values == before and explorer.image.value == png
    with pytest.raises(error, match=message):
        activation_explorer(**bad)


def test_one_bad_value_among_good_ones_changes_no_control():
    explorer = activation_explorer()
    before = explorer.values
    with pytest.raises(ValueError, match="sigma"):
        explorer.update(mu=3.0, activation="tanh", sigma=20.0)
    assert explorer.values == before


def test_the_explorer_opens_at_its_declared_defaults():
    explorer = activation_explorer()
    assert explorer.values == ActivationExplorer.DEFAULTS == {
        "activation": "sigmoid", "alpha": act.LEAKY_ALPHA, "mu": 0.0, "sigma": 1.0}
    assert activation_explorer(mu=2.0).values == {**ActivationExplorer.DEFAULTS, "mu": 2.0}


# --- for the benchmark ------------------------------------------------------------------

def test_the_benchmark_changes_are_valid_and_touch_every_control():
    changes = ACTIVATION_CHANGES
    assert 8 <= len(changes) <= 16
    explorer = activation_explorer()
    for change in changes:
        explorer.update(**change)  # a value the controls cannot show would raise
    assert set().union(*changes) == set(explorer.controls) == {"activation", "alpha", "mu", "sigma"}


def test_the_naive_plot_returns_png_bytes_and_closes_its_figure():
    png = naive_activation_plot(activation="relu", mu=-1.0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert plt.get_fignums() == []


# --- the lesson's helpers refuse bad arguments ------------------------------------------

def test_flat_intervals_stay_inside_a_narrow_window():
    assert flat_intervals("sigmoid", window=(-1.0, 1.0)) == []  # |z| < 3.48: nothing saturates
    assert flat_intervals("tanh", window=(0.0, 5.0)) == [(saturation_z("tanh"), 5.0)]
    assert flat_intervals("relu", window=(1.0, 2.0)) == []
    assert flat_intervals("relu", window=(-8.0, 8.0)) == [(-8.0, 0.0)]


@pytest.mark.parametrize("call, error, match", [
    (lambda: saturation_z("softplus"), ValueError, r"name must be one of 'sigmoid'"),
    (lambda: saturation_z(None), TypeError, r"name must be an activation's name"),
    (lambda: flat_intervals("tanh", alpha=-0.1), ValueError,
     r"alpha must be a finite real number between 0 and 1"),
    (lambda: flat_intervals("tanh", window=(2.0, -2.0)), ValueError,
     r"window must be \(low, high\) with low < high"),
    (lambda: flat_intervals("tanh", window=(0.0, float("inf"))), ValueError, r"window\[1\] must be a finite"),
    (lambda: flat_intervals("tanh", window=5.0), TypeError, r"window must be a pair"),
    (lambda: input_statistics("tanh", np.array([0.0, np.nan])), ValueError, r"z has 1 non-finite"),
    (lambda: input_statistics("tanh", np.zeros(0)), ValueError, r"z is empty"),
    (lambda: input_statistics("tanh", "0 1"), TypeError, r"z must be an array of real numbers"),
    (lambda: input_statistics("tanh", np.array([1j])), TypeError,
     r"z must be an array of real numbers, got complex"),
    (lambda: input_statistics("linear", np.array([1e300, -1e300])), ValueError, r"z holds values too large"),
    (lambda: input_statistics("leaky_relu", EPS, alpha=None), TypeError, r"alpha must be a real number"),
])
def test_the_lessons_helpers_refuse_bad_arguments_by_name(call, error, match, strict_floats):
    with pytest.raises(error, match=match):
        call()
