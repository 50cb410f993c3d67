"""helpers.plotting and helpers.style: each figure draws what its docstring says, from the
numbers the lesson computes elsewhere (plotting only draws).

The figures are inspected through their artists (lines, patches, texts and their gid),
not their pixels. Bad arguments are test_boundary_display.py's; figures are closed after
every test by conftest.py.
"""
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from helpers import activations as act
from helpers import deepstats, style
from helpers import network as net
from helpers.initializers import initialize
from helpers.plotting import (per_layer_legend, plot_activation, plot_activation_inputs,
                              plot_broadcast, plot_cost_curve, plot_decision_boundary,
                              plot_hidden_units, plot_layer_histograms, plot_network,
                              plot_per_layer, use_style)
from support import SHALLOW


def _line(ax, gid):
    (line,) = [line for line in ax.lines if line.get_gid() == gid]
    return line


# --- the project's style --------------------------------------------------------------

def test_use_style_applies_the_style_modules_settings():
    with matplotlib.rc_context():
        matplotlib.rcParams["lines.linewidth"] = 0.5
        use_style()
        for key, value in style.RC_PARAMS.items():
            assert matplotlib.rcParams[key] == (list(value) if isinstance(value, tuple) else value), key
        assert matplotlib.rcParams["lines.linewidth"] == style.LINE_WIDTH == 2


def test_the_histogram_heights_reach_the_top_unless_the_tallest_bin_holds_little():
    heights = style.layer_histogram_heights(np.array([0.1, 0.5, 0.4]))
    np.testing.assert_allclose(heights, style.LAYER_HIST_TOP * np.array([0.2, 1.0, 0.8]))
    sparse = style.layer_histogram_heights(np.array([0.01, 0.005]))  # below LAYER_HIST_FLOOR
    np.testing.assert_allclose(sparse, style.LAYER_HIST_TOP * np.array([0.01, 0.005]) / 0.02)
    assert sparse.max() < style.LAYER_HIST_TOP


def test_the_histogram_note_gives_the_std_the_zeros_and_what_lies_beyond_the_edges():
    stats = deepstats.layer_statistics([20, 20, 20], "relu", "he", scale=3.0, n_examples=50,
                                       bins=np.linspace(0.0, 1.0, 11))
    note = style.layer_histogram_note(stats, 2)
    lines = note.splitlines()
    assert lines[0] == f"std {stats.std[1]:.2g}"
    assert f"{100 * stats.zero_fraction[1]:.0f} % are 0" in lines  # ReLU's exact zeros
    assert stats.outside[1][1] >= 0.005 and f"{100 * stats.outside[1][1]:.0f} % > 1 →" in lines
    calm = deepstats.layer_statistics([20, 20], "tanh", "xavier", n_examples=50,
                                      bins=np.linspace(-1.0, 1.0, 11))
    assert style.layer_histogram_note(calm, 1) == f"std {calm.std[0]:.2g}"  # tanh: no zeros, inside


# --- broadcasting (lesson 01) -----------------------------------------------------------

def cell_kinds(fig):
    """Count the cells plot_broadcast drew, by gid: original / copy / result."""
    counts = {"original": 0, "copy": 0, "result": 0}
    for ax in fig.axes:
        for patch in ax.patches:
            counts[patch.get_gid()] += 1
    return counts


@pytest.mark.parametrize("a_shape, b_shape, expected", [
    ((3, 4), (1, 4), {"original": 12 + 4, "copy": 8, "result": 12}),
    ((3, 1), (1, 4), {"original": 3 + 4, "copy": 9 + 8, "result": 12}),
    ((3, 4), (3, 1), {"original": 12 + 3, "copy": 9, "result": 12}),
    ((2, 3), (), {"original": 6 + 1, "copy": 5, "result": 6}),
    ((3, 4), (4,), {"original": 12 + 4, "copy": 8, "result": 12}),
])
def test_plot_broadcast_draws_originals_solid_and_copies_faded(a_shape, b_shape, expected):
    fig = plot_broadcast(np.zeros(a_shape), np.ones(b_shape))
    assert isinstance(fig, Figure)
    assert cell_kinds(fig) == expected
    alphas = {p.get_gid(): p.get_alpha() for p in fig.axes[0].patches}
    assert alphas.get("copy", 0.0) < alphas["original"] == alphas["result"] == 1.0


def test_plot_broadcast_labels_the_result_cells_with_the_sum():
    fig = plot_broadcast(np.array([[10], [20], [30]]), np.array([[1, 2, 3, 4]]))
    texts = [t.get_text() for t in fig.axes[0].texts]
    for value in (11, 14, 31, 34):
        assert str(value) in texts


def test_plot_broadcast_draws_into_a_given_axes():
    fig, axes = plt.subplots(2, 1)
    assert plot_broadcast(np.zeros((3, 4)), np.ones((1, 4)), ax=axes[1]) is fig
    assert len(axes[0].patches) == 0 and len(axes[1].patches) == 36


def test_plot_broadcast_refuses_incompatible_shapes():
    with pytest.raises(ValueError, match="could not be broadcast"):
        plot_broadcast(np.zeros((3, 4)), np.zeros(3))
    with pytest.raises(ValueError, match="op must be one of"):
        plot_broadcast(np.zeros((3, 4)), 1.0, op="@")


# --- decision boundaries and cost curves ----------------------------------------------------

def test_plot_decision_boundary_shades_by_predict_and_scatters_each_class(flower):
    X, Y = flower
    ax = plot_decision_boundary(lambda P: (P[0:1] > 0).astype(float), X, Y, resolution=30)
    (shading,) = [c for c in ax.collections if isinstance(c, ContourSet)]
    np.testing.assert_array_equal(shading.levels, [-0.5, 0.5, 1.5])  # label 0 | label 1
    for c in (0, 1):
        (points,) = [s for s in ax.collections if s.get_label() == f"y = {c}"]
        np.testing.assert_array_equal(points.get_offsets(), X[:, Y[0] == c].T)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_1$", "$x_2$")


def test_plot_decision_boundary_colours_class_indices_for_more_than_two_classes():
    X = np.array([[0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 2.0, 2.0]])
    ax = plot_decision_boundary(lambda P: np.minimum(np.floor(P[0:1]), 2.0), X, Y, resolution=10)
    (points,) = [c for c in ax.collections if len(c.get_offsets()) == 4]
    np.testing.assert_array_equal(points.get_array(), Y[0])  # coloured by class index


def test_plot_cost_curve_puts_cost_i_at_step_i_times_every():
    ax = plot_cost_curve([0.7, 0.5, 0.3], every=100, label="tanh", log=True)
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200])
    np.testing.assert_array_equal(line.get_ydata(), [0.7, 0.5, 0.3])
    assert line.get_linewidth() == style.LINE_WIDTH
    assert ax.get_yscale() == "log" and ax.get_legend() is not None
    plain = plot_cost_curve([1.0, 0.5], ax=plt.subplots()[1])
    assert plain.get_yscale() == "linear" and plain.get_legend() is None


# --- the shallow network (lesson 04) ----------------------------------------------------------

@pytest.mark.parametrize("sizes", [[3, 4, 1], [2, 4, 1], [4, 6, 5, 3]])
def test_plot_network_draws_one_circle_per_unit_and_one_line_per_weight(sizes):
    ax = plot_network(sizes)
    nodes = [p for p in ax.patches if p.get_gid() == "node"]
    edges = [line for line in ax.lines if line.get_gid() == "edge"]
    assert len(nodes) == sum(sizes)
    assert len(edges) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    labels = [t.get_text() for t in ax.texts]
    assert "$a^{[2]}$" in labels or len(sizes) != 3
    assert any("input layer" in t for t in labels) and any("output layer" in t for t in labels)


def test_plot_network_refuses_a_single_layer():
    with pytest.raises(ValueError, match="at least two"):
        plot_network([3])


def test_plot_hidden_units_draws_one_image_per_unit_with_the_data_and_a_colour_bar(flower):
    X, Y = flower
    p = initialize([2, 4, 1], method="xavier", seed=1)
    fig = plot_hidden_units(p, SHALLOW, X, Y, resolution=30)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 4
    for ax in panels:
        image = ax.images[0]
        assert image.get_array().shape == (30, 30)
        assert image.get_clim() == (-1.0, 1.0)  # tanh's range
        assert len(ax.collections) >= 2  # the two classes' points (and the a = 0 contour)
    assert len(fig.axes) == 5  # four panels and the colour bar
    assert "w^{[2]}_{1}" in panels[0].get_title()


def test_each_hidden_unit_panel_is_helpers_network_hidden_unit_activations_on_the_grid(flower):
    X, Y = flower
    p = initialize([2, 3, 1], method="xavier", seed=2)
    fig = plot_hidden_units(p, SHALLOW, X, Y, resolution=12, margin=0.0)
    g0, g1 = np.meshgrid(np.linspace(X[0].min(), X[0].max(), 12),
                         np.linspace(X[1].min(), X[1].max(), 12))
    want = net.hidden_unit_activations(p, SHALLOW, np.vstack([g0.ravel(), g1.ravel()]))
    panels = [ax for ax in fig.axes if ax.images]
    for i, ax in enumerate(panels):
        np.testing.assert_allclose(ax.images[0].get_array(), want[i].reshape(12, 12), rtol=1e-12)


def test_plot_hidden_units_handles_a_constant_unit_without_warnings(flower):
    X, Y = flower
    p = initialize([2, 2, 1], method="zeros")  # both units are tanh(0) = 0 everywhere
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_hidden_units(p, SHALLOW, X, Y, resolution=20)


# --- activation functions (lesson 05) ------------------------------------------------------------

@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_plot_activation_draws_g_and_its_slope_from_helpers_activations(name):
    ax = plot_activation(name, flat=[(-5.0, -3.0), (3.0, 5.0)])
    g, slope = act.ACTIVATIONS[name]
    z = _line(ax, "g").get_xdata()
    assert z.shape == (401,) and (z[0], z[-1]) == (-5.0, 5.0)
    np.testing.assert_array_equal(_line(ax, "g").get_ydata(), g(z))
    np.testing.assert_array_equal(_line(ax, "slope").get_ydata(), slope(z))
    assert len(ax.patches) == 2  # the two shaded flat intervals
    assert ax.get_legend() is not None


def test_plot_activation_uses_the_given_leaky_slope_and_can_leave_out_the_derivative():
    z = np.array([-2.0, -1.0, 1.0])
    ax = plot_activation("leaky_relu", z=z, alpha=0.2, derivative=False, legend=False)
    np.testing.assert_allclose(_line(ax, "g").get_ydata(), [-0.4, -0.2, 1.0])
    assert [line.get_gid() for line in ax.lines] == ["g"] and ax.get_legend() is None


def test_plot_activation_inputs_draws_the_inputs_histogram_behind_g():
    z_inputs = np.random.default_rng(0).normal(2.0, 1.0, 1000)
    ax = plot_activation_inputs("tanh", z_inputs, window=(-4.0, 4.0), bins=8)
    (inputs,) = [p for p in ax.patches if p.get_gid() == "inputs"]
    counts, _ = np.histogram(z_inputs, bins=np.linspace(-4.0, 4.0, 9))
    heights, edges = inputs.get_data()[:2]
    np.testing.assert_allclose(heights, style.INPUTS_HEIGHT * counts / counts.max())
    np.testing.assert_allclose(edges, np.linspace(-4.0, 4.0, 9))
    np.testing.assert_allclose(_line(ax, "g").get_ydata(), np.tanh(_line(ax, "g").get_xdata()))
    lo, hi = ax.get_ylim()  # a little more than tanh's range over the window
    assert -1.2 < lo < -np.tanh(4.0) and np.tanh(4.0) < 1.0 < hi < 1.2


# --- weight initialization (lesson 06) ------------------------------------------------------------

@pytest.fixture(scope="module")
def two_rows():
    bins = np.linspace(-1.0, 1.0, 11)
    return [deepstats.layer_statistics([16] * 4, "tanh", method, n_examples=40, bins=bins)
            for method in ("xavier", "random")]


def test_plot_layer_histograms_draws_one_panel_per_row_and_layer(two_rows):
    fig = plot_layer_histograms(two_rows, ["xavier", "random"], layers=[1, 3])
    axes = np.array(fig.axes).reshape(2, 2)
    for r, stats in enumerate(two_rows):
        for c, l in enumerate([1, 3]):
            (bars,) = axes[r, c].patches
            heights, edges = bars.get_data()[:2]
            np.testing.assert_array_equal(heights, style.layer_histogram_heights(stats.hist[l - 1]))
            np.testing.assert_array_equal(edges, stats.edges)
            assert [t.get_text() for t in axes[r, c].texts] == [style.layer_histogram_note(stats, l)]
    assert [ax.get_title() for ax in axes[0]] == ["layer 1", "layer 3"]
    assert [ax.get_ylabel() for ax in axes[:, 0]] == ["xavier", "random"]


def test_plot_per_layer_draws_measured_and_theory_and_leaves_zeros_out_of_a_log_axis():
    fig, ax = plt.subplots()
    curves = [("zeros", "C0", np.array([1.0, 0.0, 0.25]), None),
              ("he", "C1", np.array([1.0, 0.9, 0.8]), np.array([1.0, 1.0, 1.0]))]
    plot_per_layer(ax, curves, "std of $a^{[l]}$")
    measured_zeros, measured_he, theory_he = ax.lines
    np.testing.assert_array_equal(measured_zeros.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(measured_zeros.get_ydata(), [1.0, np.nan, 0.25])  # a gap
    assert measured_he.get_linestyle() == "-" and theory_he.get_linestyle() == "--"
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "std of $a^{[l]}$"
    legend = per_layer_legend(fig, curves)
    assert [t.get_text() for t in legend.get_texts()] == ["zeros", "he", "measured", "theory"]
