"""helpers.widgets.initialization: the init explorer, driven without a browser.

Every control changes the picture and the read-outs; the read-outs are helpers.deepstats'
numbers for the same settings; the Figure and its artists are made once; the blitted
picture is the one a full draw gives; extreme settings stay finite and warning-free
(pytest turns RuntimeWarning into errors); bad values are refused. Speed without a clock:
fewer examples for wide layers (numbers close to 500 examples'), products scaled instead
of weight copies (the same numbers to rounding), log axes' pixels reused.
"""
import base64
import math

import numpy as np
import pytest

from baselines.explorers import INIT_CHANGES, naive_init_plot
from helpers import deepstats
from helpers.widgets import init_explorer
from helpers.widgets import initialization as ini
from support import parts_outside, png_pixels

DEFAULTS = ini.InitExplorer.DEFAULTS


@pytest.fixture(scope="module")
def explorer():
    return init_explorer()


def test_the_controls_are_the_ones_the_lesson_describes(explorer):
    assert list(explorer.controls) == ["activation", "scheme", "multiplier", "depth", "width", "seed"]
    assert explorer.controls["activation"].options == ("tanh", "relu", "sigmoid")
    assert [v for _, v in ini._SCHEMES] == ["zeros", "random", "xavier", "he", "glorot"]
    assert explorer.controls["multiplier"].min == -3 and explorer.controls["multiplier"].max == 3
    for control in explorer.controls.values():
        assert control.description


def test_the_default_state_and_its_repr():
    fresh = init_explorer()
    assert fresh.values == DEFAULTS
    assert repr(fresh) == ("InitExplorer(activation='tanh', scheme='xavier', multiplier=1, "
                           "depth=10, width=256, seed=1)")


CHANGES = [("activation", "relu"), ("scheme", "he"), ("multiplier", 10.0), ("depth", 6),
           ("width", 128), ("seed", 7)]


@pytest.mark.parametrize("name, value", CHANGES)
def test_every_control_changes_the_picture_and_the_read_out(name, value):
    fresh = init_explorer()
    png, html = fresh.image.value, fresh.readout.value
    fresh.update(**{name: value})
    assert fresh.image.value != png
    assert fresh.readout.value != html
    assert fresh.image.value[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("values", [
    {}, {"activation": "relu", "scheme": "he", "depth": 7, "width": 64},
    {"activation": "sigmoid", "scheme": "glorot", "multiplier": 3.0, "seed": 4},
    {"activation": "relu", "scheme": "random", "multiplier": 1000.0, "depth": 3}])
def test_the_read_outs_are_deepstats_numbers_for_the_same_settings(explorer, values):
    explorer.update(**{**DEFAULTS, **values})
    v = explorer.values
    dims = [v["width"]] * (v["depth"] + 1)
    direct = deepstats.layer_statistics(dims, v["activation"], v["scheme"], v["multiplier"],
                                        n_examples=ini._examples_for(v["width"]), seed=v["seed"],
                                        bins=ini._edges_for(v["activation"]), weight_gradients=False,
                                        scaled_products=True, float32_products=True)
    predicted = deepstats.predicted_statistics(dims, v["activation"], v["scheme"], v["multiplier"])
    for field in ("mean", "std", "grad_rms", "flat_fraction", "zero_fraction", "hist", "outside"):
        np.testing.assert_array_equal(getattr(explorer.stats, field), getattr(direct, field))
    np.testing.assert_array_equal(explorer.prediction.std, predicted.std)
    html = explorer.readout.value
    assert f"{direct.std[0]:.3g} → {direct.std[-1]:.3g}" in html
    assert f"{direct.grad_rms[0]:.3g} → {direct.grad_rms[-1]:.3g}" in html
    assert f"theory {predicted.std[0]:.3g} → {predicted.std[-1]:.3g}" in html
    assert (f"{100 * direct.flat_fraction[0]:.1f} → {100 * direct.flat_fraction[-1]:.1f}") in html
    assert f"layer 1 → layer {v['depth']}" in html


def test_the_figure_carries_the_numbers_too(explorer):
    explorer.update(**DEFAULTS)
    drawing = explorer.drawing
    assert drawing.header.get_text() == ini._header_text(explorer.values)
    assert drawing.hist_notes[0].get_text().startswith(f"std {explorer.stats.std[0]:.2g}")
    measured = drawing.lines["std"][0].get_ydata()[:10]
    np.testing.assert_array_equal(measured, explorer.stats.std)
    heights = [bar.get_height() for bar in drawing.flat_bars[:10]]
    np.testing.assert_allclose(heights, 100 * explorer.stats.flat_fraction)


def test_the_same_figure_and_artists_are_kept_across_updates(explorer):
    fig, drawing = explorer.figure, explorer.drawing
    axes, bars, line = list(fig.axes), list(drawing.bars), drawing.lines["std"][0]
    for change in INIT_CHANGES + [{"depth": 15}, {"depth": 1}, {"width": 512}]:
        explorer.update(**change)
    assert explorer.figure is fig and explorer.drawing is drawing
    assert fig.axes == axes and drawing.bars == bars and drawing.lines["std"][0] is line
    assert len(fig.axes) == ini._MAX_DEPTH + 3


@pytest.mark.parametrize("depth", [1, 4, 5, 6, 10, 12, 15])
def test_one_histogram_panel_per_layer_is_shown(explorer, depth):
    explorer.update(depth=depth)
    drawing = explorer.drawing
    slots = ini._slots(depth)  # one row up to 5 layers, then whole rows of 5
    assert slots == (depth if depth <= 5 else 5 * math.ceil(depth / 5))
    assert [ax.get_visible() for ax in drawing.hist_axes] == [k < slots for k in range(15)]
    assert [bar.get_visible() for bar in drawing.bars] == [k < depth for k in range(15)]
    assert [b.get_visible() for b in drawing.blanks] == [depth <= k < slots for k in range(15)]
    rows, cols = ini._histogram_grid(depth)
    assert rows * cols == slots and cols <= ini._HIST_COLS
    boxes = [ax.get_position() for ax in drawing.hist_axes[:slots]]
    for a in range(slots):  # panels do not overlap
        for b in range(a + 1, slots):
            assert not boxes[a].overlaps(boxes[b])
    pixels = png_pixels(explorer.image.value)
    height, width = pixels.shape[:2]
    for k in range(depth, slots):  # an empty panel is the figure's white, its numbers too
        box = boxes[k]
        inside = pixels[round(height * (1 - box.y1)):round(height * (1 - box.y0)) + 12,
                        round(width * box.x0):round(width * box.x1)]
        assert np.all(inside == 255)


def test_the_depths_of_one_row_count_share_one_picture_of_the_static_part():
    fresh = init_explorer(depth=11)
    backgrounds = len(fresh._backgrounds)
    for depth in (12, 13, 14, 15, 11):
        fresh.update(depth=depth)
    assert len(fresh._backgrounds) == backgrounds  # drawn once for 11 to 15 layers
    fresh.update(depth=7)
    assert len(fresh._backgrounds) == backgrounds + 1
    assert fresh.drawing.std_ax.get_xlim() == (0.5, 10.5)  # the layer axes run to 10


@pytest.mark.parametrize("values", [{}, {"activation": "relu", "scheme": "he", "depth": 4},
                                    {"scheme": "zeros"}, {"multiplier": 100.0, "depth": 12}])
def test_the_blitted_picture_is_the_full_draw_of_the_naive_baseline(explorer, values):
    explorer.update(**{**DEFAULTS, **values})
    fast = png_pixels(explorer.image.value)
    full = png_pixels(naive_init_plot(**explorer.values))
    assert fast.shape == full.shape
    differ = np.any(fast != full, axis=2).mean()
    assert differ < 0.001  # a few pixels where grid lines meet the frame


@pytest.mark.parametrize("values", [
    {"activation": "relu", "scheme": "he", "multiplier": 1000.0, "depth": 15, "width": 512},
    {"activation": "tanh", "scheme": "random", "multiplier": 1000.0, "depth": 15},
    {"activation": "sigmoid", "scheme": "random", "multiplier": 0.001, "depth": 15, "width": 16},
    {"activation": "relu", "scheme": "zeros"}, {"activation": "tanh", "scheme": "zeros"},
    {"activation": "sigmoid", "scheme": "zeros", "depth": 1}])
def test_extreme_settings_show_finite_numbers_without_warnings(explorer, values):
    explorer.update(**{**DEFAULTS, **values})
    for values_shown in (explorer.stats.std, explorer.stats.grad_rms, explorer.stats.hist,
                         explorer.prediction.std, explorer.prediction.grad_rms):
        assert np.all(np.isfinite(values_shown))
    html = explorer.readout.value.lower()
    assert "nan" not in html and "inf" not in html
    for ax in (explorer.drawing.std_ax, explorer.drawing.grad_ax):
        lo, hi = ax.get_ylim()
        assert 0 < lo < hi < math.inf


def test_zeros_say_why_nothing_is_drawn_on_the_log_scales(explorer):
    explorer.update(**{**DEFAULTS, "scheme": "zeros"})
    assert explorer.drawing.lines["std"][2].get_text() == ini._ZERO_NOTE
    # dz reaches the top layer only (from the read-out); below it W = 0 passes nothing back
    assert explorer.drawing.lines["grad"][2].get_text() == \
        "0 at layers 1–9:\nnot drawn on a log scale"
    assert explorer.controls["multiplier"].disabled
    explorer.update(scheme="xavier")
    assert explorer.drawing.lines["std"][2].get_text() == ""
    assert explorer.drawing.lines["grad"][2].get_text() == ""
    assert not explorer.controls["multiplier"].disabled


@pytest.mark.parametrize("activation, value, no_gradient", [
    ("tanh", "0", "layers 1–5"), ("relu", "0", "any layer"), ("sigmoid", "0.5", "layers 1–5")])
def test_zeros_show_symmetry_every_unit_of_a_layer_has_one_value(explorer, activation, value,
                                                                 no_gradient):
    explorer.update(**{**DEFAULTS, "scheme": "zeros", "activation": activation, "depth": 6})
    drawing, stats = explorer.drawing, explorer.stats
    assert np.all(stats.std == 0)  # every unit, every example: one value per layer
    for l in range(6):  # a line at that value in every panel, and the value in words
        line, text = drawing.same_lines[l], drawing.same_texts[l]
        assert line.get_visible() and text.get_visible()
        assert line.get_xdata()[0] == pytest.approx(stats.mean[l])
        assert text.get_text() == f"every unit:\na = {value}"
    assert not any(line.get_visible() for line in drawing.same_lines[6:])
    html = explorer.readout.value
    assert f"W = 0: in every layer every unit computes the same value, a = {value}" in html
    assert "symmetry" in html and f"No gradient reaches {no_gradient} (dz = 0)" in html
    # the line is in the picture: the panel's pixels in the line's colour
    pixels = png_pixels(explorer.image.value)
    red = np.all(np.abs(pixels.astype(int) - [0xB2, 0x18, 0x2B]) < 40, axis=2)
    assert red.sum() > 6 * 30


def test_random_weights_show_no_symmetry_line_or_note(explorer):
    explorer.update(**DEFAULTS)
    assert not any(line.get_visible() for line in explorer.drawing.same_lines)
    assert "symmetry" not in explorer.readout.value
    assert "#b2182b" not in explorer.readout.value


def test_depth_1_has_whole_layer_ticks_and_says_1_layer(explorer):
    explorer.update(**{**DEFAULTS, "depth": 1})
    explorer.render_png()  # ticks are placed at draw time
    for ax in (explorer.drawing.std_ax, explorer.drawing.grad_ax, explorer.drawing.flat_ax):
        lo, hi = ax.get_xlim()
        assert [t for t in ax.get_xticks() if lo <= t <= hi] == [1.0]
    assert "1 layer of 256 units" in explorer.drawing.header.get_text()
    assert "1 layers" not in explorer.drawing.header.get_text()
    html = explorer.readout.value
    assert "<b>layer 1</b> (the only layer)" in html and "→" not in html
    assert explorer.drawing.lines["std"][1].get_marker() == "_"  # one theory point, visible
    explorer.update(depth=10)
    explorer.render_png()
    ticks = explorer.drawing.std_ax.get_xticks()
    assert all(t == int(t) for t in ticks) and explorer.drawing.lines["std"][1].get_marker() == "None"


def test_the_header_says_the_multiplier_scales_the_std():
    header = ini._header_text({**DEFAULTS, "scheme": "he", "multiplier": 10 ** -2.1})
    assert "he (Var(w) = 2/n[l−1]), std × 0.00794" in header
    assert "× 0.00794" in header and ") × " not in header


def test_flat_units_are_called_saturated_for_tanh_and_sigmoid_and_off_for_relu(explorer):
    for activation, name in (("tanh", "saturated"), ("sigmoid", "saturated"), ("relu", "off (a = 0)")):
        explorer.update(**{**DEFAULTS, "activation": activation})
        assert f"<span>% {name}</span>" in explorer.readout.value
        explorer.render_png()
        assert name.split()[0] in explorer.drawing.flat_ax.get_ylabel()


def _closest_labels(fig):
    """The smallest horizontal gap, in pixels, between two x tick labels of the histogram
    panels in one row (the last label of a panel and the first of the next)."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    rows = {}
    for ax in fig.axes[:ini._MAX_DEPTH]:
        if ax.get_visible():
            for t in ax.get_xticklabels():
                if t.get_text():
                    box = t.get_window_extent(r)
                    rows.setdefault(round(box.y0), []).append((box.x0, box.x1))
    gaps = [b[0] - a[1] for row in rows.values() for a, b in zip(sorted(row), sorted(row)[1:])]
    return min(gaps, default=math.inf)


@pytest.mark.parametrize("values", [
    {"depth": 1}, {"depth": 15, "width": 512, "seed": 20},
    {"activation": "sigmoid", "scheme": "random", "multiplier": 1000.0, "depth": 15},
    {"activation": "relu", "scheme": "glorot", "multiplier": 0.001, "depth": 7},
    {"activation": "sigmoid", "scheme": "zeros", "depth": 10}])
def test_no_label_is_cut_off_or_runs_into_another(explorer, values):
    explorer.update(**{**DEFAULTS, **values})
    assert parts_outside(explorer.figure) == []
    assert _closest_labels(explorer.figure) >= 4  # "1.0" and "0.0" of two panels were 1.8 px apart


def test_log_limits_cover_the_values_in_whole_decades():
    assert ini._log_limits(np.array([0.2, 0.7])) == (0.1, 10.0)
    assert ini._log_limits(np.array([3e-7, 2e3])) == (1e-7, 1e4)
    assert ini._log_limits(np.array([0.0, np.nan])) == (1e-2, 1e1)
    lo, hi = ini._log_limits(np.array([1.0]))
    assert lo <= 1.0 <= hi and hi / lo >= 100


def test_the_draws_are_kept_per_seed_and_width_and_reused(explorer):
    explorer.update(**DEFAULTS)
    first = explorer.draws(1, 256)
    explorer.update(scheme="he", depth=4, activation="relu", multiplier=2.0)
    assert explorer.draws(1, 256) is first
    for seed in range(2, 2 + ini._CACHE_SIZE + 1):
        explorer.update(seed=seed)
    assert len(explorer._draws) == ini._CACHE_SIZE


@pytest.mark.parametrize("values, error, match", [
    ({"activation": "softmax"}, ValueError, "activation must be one of 'tanh', 'relu', 'sigmoid'"),
    ({"scheme": "uniform"}, ValueError, "scheme must be one of 'zeros', 'random', 'xavier'"),
    ({"scheme": "random 0.01"}, ValueError, "scheme must be one of"),  # a label, not a value
    ({"multiplier": 0.0}, ValueError, "multiplier must be a finite real number between 0.001 and 1000"),
    ({"multiplier": 5000.0}, ValueError, "multiplier"),
    ({"multiplier": float("nan")}, ValueError, "multiplier"),
    ({"multiplier": True}, TypeError, "multiplier must be a real number"),
    ({"multiplier": None}, TypeError, "multiplier must be a real number"),
    ({"depth": 0}, ValueError, "depth must be a finite real number between 1 and 15"),
    ({"depth": 16}, ValueError, "depth"),
    ({"depth": 2.5}, ValueError, "depth must be a whole number from 1 to 15"),
    ({"depth": "3"}, TypeError, "depth"),
    ({"width": 1024}, ValueError, "width"),
    ({"width": 100}, ValueError, r"width must be 16, 32, 48, \.\.\. up to 512 \(a multiple of 16"),
    ({"seed": -1}, ValueError, "seed"),
])
def test_bad_values_are_refused_and_nothing_changes(explorer, values, error, match):
    explorer.update(**DEFAULTS)
    before = explorer.values
    with pytest.raises(error, match=match):
        explorer.update(**values)
    assert explorer.values == before
    with pytest.raises(error, match=match):
        init_explorer(**values)


def test_a_whole_number_given_as_a_float_moves_an_integer_slider(explorer):
    explorer.update(**DEFAULTS)
    explorer.update(depth=4.0, width=64.0)
    assert explorer.values["depth"] == 4 and isinstance(explorer.values["depth"], int)
    assert explorer.values["width"] == 64
    explorer.update(**DEFAULTS)


def test_an_unknown_control_is_refused(explorer):
    with pytest.raises(ValueError, match="unknown control"):
        explorer.update(speed=2)


def test_the_explorer_displays_as_a_widget_with_a_static_png_fallback(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == explorer.image.value
    assert bundle["text/plain"] == repr(explorer)


def test_the_benchmark_changes_are_valid_and_the_naive_baseline_returns_a_png():
    fresh = init_explorer()
    for change in INIT_CHANGES:
        fresh.update(**change)  # a value the controls cannot show would raise
    assert set().union(*INIT_CHANGES) == set(fresh.controls)
    png = naive_init_plot(activation="relu", depth=3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['speed'\]"):
        naive_init_plot(speed=2)


def test_the_multiplier_is_written_in_plain_digits():
    assert ini._format_multiplier(1000.0) == "1000"
    assert ini._format_multiplier(0.001) == "0.001"
    assert ini._format_multiplier(10 ** 0.1) == "1.26"
    assert "std × 1000" in ini._header_text({**DEFAULTS, "multiplier": 1000.0})
    assert "×" not in ini._header_text({**DEFAULTS, "scheme": "zeros"})


# --- what keeps a change fast (no clock: what is computed and drawn) ------------------------

def test_wide_layers_get_fewer_examples_but_as_many_entries_per_layer():
    assert [ini._examples_for(w) for w in (16, 64, 128, 256, 512)] == [500, 500, 256, 128, 64]
    for width in range(16, 513, 16):
        m = ini._examples_for(width)
        assert m <= ini._N_EXAMPLES
        assert m == ini._N_EXAMPLES or ini._SAMPLES <= width * m < ini._SAMPLES + width


def test_the_header_and_the_read_out_say_how_many_examples_were_used(explorer):
    explorer.update(**{**DEFAULTS, "width": 512})
    assert explorer.draws(1, 512).X.shape == (512, 64)
    assert "64 examples" in explorer.drawing.header.get_text()
    assert "inputs: 64 examples from N(0, 1)" in explorer.readout.value
    explorer.update(width=32)
    assert "500 examples" in explorer.drawing.header.get_text()
    explorer.update(**DEFAULTS)


def _stats_for(width, m, data, activation, scheme, multiplier, depth=15, seed=1):
    """layer_statistics with the explorer's weights for (seed, width) and m examples drawn
    from stream ``data`` (0: the explorer's own)."""
    dims = [width] * (depth + 1)
    draws = deepstats.standard_draws(dims, m, seed)
    if data:
        rng = np.random.default_rng([seed, 99, data])
        R = rng.standard_normal((width, m))
        draws = deepstats.Draws(rng.standard_normal((width, m)), draws.G, R / np.sqrt(np.mean(R * R)))
    return deepstats.layer_statistics(dims, activation, scheme, multiplier, draws=draws,
                                      weight_gradients=False)


@pytest.mark.parametrize("activation, scheme, multiplier", [
    ("tanh", "xavier", 1.0), ("relu", "he", 1.0), ("sigmoid", "xavier", 3.0), ("tanh", "random", 0.3)])
def test_fewer_examples_at_512_units_keep_the_numbers_within_3_percent_of_500_examples(
        activation, scheme, multiplier):
    # the same weights; 64 examples against 500 (each its own sample of inputs)
    few = _stats_for(512, ini._examples_for(512), 0, activation, scheme, multiplier)
    many = _stats_for(512, 500, 1, activation, scheme, multiplier)
    np.testing.assert_allclose(few.std, many.std, rtol=0.03)
    np.testing.assert_allclose(few.grad_rms, many.grad_rms, rtol=0.06)
    np.testing.assert_allclose(few.flat_fraction, many.flat_fraction, atol=0.02)


@pytest.mark.parametrize("activation, scheme, multiplier, depth", [
    ("tanh", "xavier", 1.26, 15), ("relu", "he", 1000.0, 15), ("sigmoid", "random", 0.001, 15),
    ("tanh", "zeros", 1.0, 4), ("relu", "zeros", 1.0, 3), ("sigmoid", "zeros", 1.0, 2)])
def test_scaled_products_give_the_numbers_of_the_weight_matrices_to_rounding(
        activation, scheme, multiplier, depth):
    dims = [128] * (depth + 1)
    draws = deepstats.standard_draws(dims, 40, 3)
    kw = dict(bins=ini._edges_for(activation), weight_gradients=False, draws=draws)
    plain = deepstats.layer_statistics(dims, activation, scheme, multiplier, **kw)
    scaled = deepstats.layer_statistics(dims, activation, scheme, multiplier, scaled_products=True,
                                        **kw)
    for field in ("mean", "std", "grad_rms"):
        np.testing.assert_allclose(getattr(scaled, field), getattr(plain, field), rtol=1e-12,
                                   atol=0)
    for field in ("zero_fraction", "flat_fraction"):
        np.testing.assert_array_equal(getattr(scaled, field), getattr(plain, field))
    np.testing.assert_allclose(scaled.hist, plain.hist, atol=2 / (128 * 40))  # an edge value
    # zero weights give +0 (never -0, which the read-out would print as "−0")
    assert not np.any(np.signbit(scaled.mean[scaled.std == 0]))


@pytest.mark.parametrize("activation, scheme, multiplier, depth", [
    ("tanh", "xavier", 1.0, 15), ("relu", "he", 1000.0, 15), ("tanh", "xavier", 0.001, 15),
    ("sigmoid", "random", 0.001, 15), ("tanh", "zeros", 1.0, 4), ("sigmoid", "glorot", 30.0, 8)])
def test_float32_products_give_the_float64_numbers_to_about_1e_4(activation, scheme, multiplier,
                                                                  depth):
    # the products' other factor is scaled to its largest entry: a signal of 1e-45 (tanh,
    # 0.001 x xavier, 15 layers), below float32's range, keeps its size
    dims = [128] * (depth + 1)
    kw = dict(n_examples=40, seed=3, bins=ini._edges_for(activation), weight_gradients=False,
              scaled_products=True)
    plain = deepstats.layer_statistics(dims, activation, scheme, multiplier, **kw)
    fast = deepstats.layer_statistics(dims, activation, scheme, multiplier, float32_products=True,
                                      **kw)
    for field in ("std", "grad_rms"):
        np.testing.assert_allclose(getattr(fast, field), getattr(plain, field), rtol=1e-4, atol=0)
    np.testing.assert_allclose(fast.mean, plain.mean, rtol=0, atol=1e-4 * np.max(plain.std))
    for field in ("zero_fraction", "flat_fraction"):
        np.testing.assert_allclose(getattr(fast, field), getattr(plain, field), atol=2 / (128 * 40))
    np.testing.assert_allclose(fast.hist, plain.hist, atol=3 / (128 * 40))
    if multiplier == 0.001 and activation == "tanh":
        assert fast.std[-1] < 1e-40 and fast.std[-1] > 0  # not flushed to 0 by float32


def test_float32_products_need_scaled_products_and_take_float32_draws_as_they_are():
    with pytest.raises(ValueError, match="float32_products=True needs scaled_products=True"):
        deepstats.layer_statistics([4, 4], "tanh", float32_products=True)
    with pytest.raises(TypeError, match="float32_products"):
        deepstats.layer_statistics([4, 4], "tanh", scaled_products=True, float32_products=1)
    dims = [32, 32, 32]
    draws = deepstats.standard_draws(dims, 10, 2)
    single = deepstats.Draws(draws.X, [G.astype(np.float32) for G in draws.G], draws.R)
    kw = dict(weight_gradients=False, scaled_products=True, float32_products=True)
    a = deepstats.layer_statistics(dims, "tanh", "xavier", draws=single, **kw)
    b = deepstats.layer_statistics(dims, "tanh", "xavier", draws=draws, **kw)
    np.testing.assert_array_equal(a.std, b.std)
    bad = deepstats.Draws(draws.X, [single.G[0], np.full((32, 32), np.nan, np.float32)], draws.R)
    with pytest.raises(ValueError, match=r"draws.G\[1\] has 1024 non-finite"):
        deepstats.layer_statistics(dims, "tanh", "xavier", draws=bad, **kw)


def test_scaled_products_must_be_true_or_false():
    with pytest.raises(TypeError, match="scaled_products"):
        deepstats.layer_statistics([4, 4], "tanh", scaled_products=1)


class _DrawsItsAxes(ini.InitExplorer):
    def _kept_artists(self):
        return ()


def test_the_log_axes_pixels_are_kept_per_limits_and_the_picture_stays_the_same():
    fresh, unkept = init_explorer(), _DrawsItsAxes()
    yaxis = fresh.drawing.std_ax.yaxis
    drawn = []
    original = type(yaxis).draw
    yaxis.draw = lambda renderer: (drawn.append(fresh.drawing.std_ax.get_ylim()),
                                   original(yaxis, renderer))
    limits = [fresh.drawing.std_ax.get_ylim()]  # drawn when the explorer opened
    for multiplier in (10.0, 0.01, 0.1, 10.0, 0.01, 0.1, 1.0):
        fresh.update(multiplier=multiplier)
        limits.append(fresh.drawing.std_ax.get_ylim())
        unkept.update(multiplier=multiplier)  # the same explorer drawing its axes every time
        np.testing.assert_array_equal(png_pixels(fresh.image.value), png_pixels(unkept.image.value))
    new = [lim for k, lim in enumerate(limits) if lim not in limits[:k]]
    assert len(new) >= 3
    assert drawn == new[1:]  # drawn once per limits, then its pixels put back


def test_kept_header_pieces_and_axes_across_scenes_give_the_picture_of_drawing_them():
    fresh, unkept = init_explorer(), _DrawsItsAxes()
    for change in ({"multiplier": 10.0}, {"depth": 13}, {"activation": "relu"},
                   {"scheme": "zeros"}, {"scheme": "he"}, {"depth": 3}, {"multiplier": 10.0},
                   {"seed": 5}, {"activation": "tanh", "depth": 13}, {"width": 64},
                   {"multiplier": 0.001}, {"depth": 10, "multiplier": 10.0}):
        fresh.update(**change)
        unkept.update(**change)
        np.testing.assert_array_equal(png_pixels(fresh.image.value), png_pixels(unkept.image.value))


def test_a_change_redraws_only_the_header_pieces_whose_words_changed():
    fresh = init_explorer()
    drawn = []
    for piece in fresh.drawing.header.pieces:
        original = piece.draw
        piece.draw = (lambda p, f: lambda renderer: (drawn.append(p.get_text()), f(renderer)))(
            piece, original)
    fresh.update(multiplier=10.0)
    assert drawn == [" std × 10"]
    drawn.clear()
    fresh.update(seed=4)
    assert drawn == ["  ·  seed 4"]
    drawn.clear()
    fresh.update(seed=1, multiplier=1.0)  # seen before, at the same places: put back
    assert drawn == []
    assert fresh.drawing.header.get_text() == ini._header_text(fresh.values)


def test_a_setting_seen_before_is_shown_again_without_computing(monkeypatch):
    fresh = init_explorer()
    first = fresh.stats
    computed = []
    original = ini._compute
    monkeypatch.setattr(ini, "_compute", lambda *a: computed.append(a[0]) or original(*a))
    picture = png_pixels(fresh.image.value)
    fresh.update(multiplier=10.0)
    fresh.update(multiplier=1.0)  # back to the opening setting: its numbers are kept
    assert [v["multiplier"] for v in computed] == [10.0]
    assert fresh.stats is first
    np.testing.assert_array_equal(png_pixels(fresh.image.value), picture)
    with pytest.raises(ValueError, match="read-only"):
        fresh.stats.std[0] = 0.0  # kept numbers cannot be changed in place
