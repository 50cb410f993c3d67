"""helpers.widgets.optimizer: the optimizer explorer, driven without a browser.

The figure shows helpers.surfaces.descend's path for the settings (points and costs), the
read-outs are that path's numbers, a divergence is shown, β1 / β2 are greyed out where
they do not apply, the start sliders follow the surface, each surface's contours are made
once, the picture changes when a control that applies changes and only then, the blitted
picture is the one a full draw gives, and bad values are refused by name.
"""
import base64
import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers import optimizers, surfaces
from helpers.widgets import optimizer_explorer
from helpers.widgets import optimizer as wopt
from support import parts_outside, png_pixels

DEFAULTS = wopt.OptimizerExplorer.DEFAULTS
NAMES = ["surface", "optimizer", "learning_rate", "beta1", "beta2", "num_steps", "w1", "w2"]


@pytest.fixture(scope="module")
def explorer():
    return optimizer_explorer()


def _all(values):
    """Every control's value: ``values``, the rest at DEFAULTS (the start: the surface's)."""
    start = surfaces.SURFACES[values.get("surface", DEFAULTS["surface"])].start
    return {**DEFAULTS, "w1": start[0], "w2": start[1], **values}


def _descend(values):
    """descend for explorer values, the optimizer made from them directly."""
    v = {**DEFAULTS, **values}
    settings = {"gd": {}, "momentum": {"beta1": v["beta1"]}, "rmsprop": {"beta2": v["beta2"]},
                "adam": {"beta1": v["beta1"], "beta2": v["beta2"]}}[v["optimizer"]]
    return surfaces.descend(v["surface"], optimizers.make(v["optimizer"], **settings),
                            v["learning_rate"], v["num_steps"], np.array([v["w1"], v["w2"]]))


def _full_draw(values):
    """The explorer's picture for ``values`` drawn from scratch into a new Figure (PNG)."""
    cls = wopt.OptimizerExplorer
    fig = Figure(figsize=cls.figsize, dpi=cls.dpi, layout="constrained")
    canvas = FigureCanvasAgg(fig)
    wopt.OptimizerFigure(fig).show(values)
    buf = io.BytesIO()
    canvas.print_png(buf)
    return buf.getvalue()


# --- the controls ------------------------------------------------------------------------

def test_the_controls_are_the_ones_the_issue_asks_for():
    e = optimizer_explorer()
    assert list(e.controls) == NAMES
    assert [v for _, v in e.controls["surface"].options] == list(surfaces.SURFACES)
    assert [v for _, v in e.controls["optimizer"].options] == list(optimizers.OPTIMIZERS)
    lr = e.controls["learning_rate"]
    assert type(lr).__name__ == "FloatLogSlider" and (lr.min, lr.max) == (-3, 1)
    assert e.controls["num_steps"].max >= 200
    assert e.controls["beta2"].max == 0.999 and e.controls["beta1"].max < 1
    for control in e.controls.values():
        assert control.description


def test_the_explorer_opens_at_its_defaults_with_the_surfaces_start_and_a_stable_repr():
    e = optimizer_explorer()
    assert e.values == DEFAULTS
    start = surfaces.SURFACES[DEFAULTS["surface"]].start
    assert (e.values["w1"], e.values["w2"]) == start
    assert repr(e) == ("OptimizerExplorer(surface='elongated', optimizer='adam', learning_rate=0.1, "
                       "beta1=0.9, beta2=0.999, num_steps=150, w1=-4.5, w2=1)")


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
def test_the_start_sliders_span_the_surfaces_extent_and_start_at_its_start(name):
    e = optimizer_explorer(surface=name)
    x0, x1, y0, y1 = surfaces.SURFACES[name].extent
    w1, w2 = e.controls["w1"], e.controls["w2"]
    assert (w1.min, w1.max, w2.min, w2.max) == (x0, x1, y0, y1)
    assert (w1.value, w2.value) == surfaces.SURFACES[name].start
    np.testing.assert_array_equal(e.path.points[0], surfaces.SURFACES[name].start)


def test_picking_a_surface_in_the_dropdown_moves_the_start_sliders_and_redraws_once():
    e = optimizer_explorer()
    calls = []
    original = e._redraw
    e._redraw = lambda values: calls.append(dict(values)) or original(values)
    e.controls["surface"].value = "saddle"
    assert len(calls) == 1
    saddle = surfaces.SURFACES["saddle"]
    assert calls[0]["surface"] == "saddle" and (calls[0]["w1"], calls[0]["w2"]) == saddle.start
    assert (e.controls["w1"].min, e.controls["w1"].max) == saddle.extent[:2]


def test_a_start_given_with_a_new_surface_is_kept_and_checked_against_that_surface():
    e = optimizer_explorer()
    e.update(surface="rosenbrock", w1=0.5, w2=2.5)  # w2 = 2.5: outside the elongated bowl
    assert (e.values["w1"], e.values["w2"]) == (0.5, 2.5)
    np.testing.assert_array_equal(e.path.points[0], [0.5, 2.5])
    assert optimizer_explorer(surface="bowl", w2=3.5).values["w2"] == 3.5


# --- what the figure shows -------------------------------------------------------------

SETTINGS = [
    {},
    {"optimizer": "gd", "learning_rate": 0.05},
    {"optimizer": "gd", "learning_rate": 0.1},   # diverges on the elongated bowl
    {"optimizer": "momentum", "beta1": 0.5, "surface": "rosenbrock", "learning_rate": 0.1},
    {"optimizer": "rmsprop", "beta2": 0.9, "surface": "saddle", "num_steps": 37},
    {"optimizer": "adam", "surface": "bowl", "w1": 2.0, "w2": -3.0, "num_steps": 300,
     "learning_rate": 0.5},
    {"optimizer": "gd", "surface": "bowl", "learning_rate": 1.0, "num_steps": 5},  # J = 0
]


@pytest.mark.parametrize("values", SETTINGS)
def test_the_path_and_the_cost_curve_are_descends_for_the_same_settings(explorer, values):
    explorer.update(**_all(values))
    direct = _descend(explorer.values)
    np.testing.assert_array_equal(explorer.path.points, direct.points)
    np.testing.assert_array_equal(explorer.path.costs, direct.costs)
    drawing = explorer.drawing
    finite = direct.points[np.all(np.isfinite(direct.points), axis=1)]
    np.testing.assert_array_equal(np.column_stack(drawing.path_line.get_data()), finite)
    steps, drawn = drawing.cost_line.get_data()
    np.testing.assert_array_equal(steps, np.arange(direct.steps + 1))
    top = drawing.cost_ax.get_ylim()[1]
    np.testing.assert_array_equal(drawn, np.clip(direct.costs, wopt.COST_FLOOR, 10 * top))
    np.testing.assert_array_equal(np.ravel(drawing.start_marker.get_data()),
                                  [explorer.values["w1"], explorer.values["w2"]])


@pytest.mark.parametrize("values", SETTINGS)
def test_the_read_outs_are_the_paths_numbers(explorer, values):
    explorer.update(**_all(values))
    direct = _descend(explorer.values)
    reached = surfaces.steps_to_reach(direct, 1e-3)
    assert explorer.summary == {"start_cost": direct.costs[0], "final_cost": direct.costs[-1],
                                "steps_to_target": reached,
                                "diverged_at": direct.steps if direct.diverged else None}
    html = explorer.readout.value
    if reached is None:
        assert f"not within {explorer.values['num_steps']} steps" in html
    else:
        assert f"<b>{reached}</b>" in html
        assert f"from step {reached}" in explorer.drawing.result.get_text()
        np.testing.assert_array_equal(np.ravel(explorer.drawing.reached_marker.get_data()),
                                      [reached, max(direct.costs[reached], wopt.COST_FLOOR)])
    if not direct.diverged:
        final = direct.costs[-1]
        shown = "0" if final == 0 else f"{final:.3g}".replace("-", "−")
        assert f"<b>{shown}</b>" in html and f"final J = {shown}" in explorer.drawing.result.get_text()
    assert wopt.UPDATE_RULES[explorer.values["optimizer"]] in html


def test_a_run_that_reaches_the_target_and_one_that_does_not():
    fast = optimizer_explorer(optimizer="gd", learning_rate=0.05, num_steps=150)
    assert fast.summary["steps_to_target"] == 90 and "<b>90</b>" in fast.readout.value
    slow = optimizer_explorer(optimizer="gd", learning_rate=0.01, num_steps=150)
    assert slow.summary["steps_to_target"] is None
    assert "not within 150 steps" in slow.readout.value
    assert len(slow.drawing.reached_marker.get_xdata()) == 0


def test_a_diverging_path_is_shown_as_diverged_in_the_warning_colour():
    e = optimizer_explorer(optimizer="gd", learning_rate=0.1)  # α > 2/25 on the elongated bowl
    direct = _descend(e.values)
    assert direct.diverged
    k = direct.steps
    assert e.summary["diverged_at"] == k and k < e.values["num_steps"]
    html = e.readout.value
    assert f"diverged at step {k}" in html and "color:#b2182b" in html
    drawing = e.drawing
    assert drawing.diverged_text.get_visible()
    assert f"diverged at step {k}" in drawing.diverged_text.get_text()
    assert f"diverged at step {k}" in drawing.result.get_text()
    assert drawing.result.get_color() == "#b2182b"
    np.testing.assert_array_equal(drawing.diverged_line.get_xdata(), [k, k])
    assert len(drawing.end_marker.get_xdata()) == 0  # the end is off the plot
    assert drawing.cost_line.get_ydata()[-1] > drawing.cost_ax.get_ylim()[1]  # leaves at the top
    e.update(learning_rate=0.05)
    assert not e.drawing.diverged_text.get_visible() and "diverged" not in e.readout.value
    assert e.drawing.result.get_color() == "black"


def test_a_cost_of_exactly_zero_is_drawn_at_the_floor_and_said_so():
    e = optimizer_explorer(surface="bowl", optimizer="gd", learning_rate=1.0, num_steps=5)
    assert e.path.costs[-1] == 0.0  # one step of α = 1 lands on the minimum of the bowl
    assert e.drawing.cost_line.get_ydata().min() == wopt.COST_FLOOR
    assert e.drawing.cost_ax.get_ylim()[0] == wopt.COST_FLOOR
    assert "drawn at" in e.drawing.floor_note.get_text()
    assert "<b>0</b>" in e.readout.value
    e.update(learning_rate=0.01)
    assert e.drawing.floor_note.get_text() == ""


@pytest.mark.parametrize("name, beta1, beta2", [("gd", False, False), ("momentum", True, False),
                                                ("rmsprop", False, True), ("adam", True, True)])
def test_beta1_and_beta2_are_greyed_out_where_they_do_not_apply(name, beta1, beta2):
    e = optimizer_explorer(optimizer=name)
    assert e.controls["beta1"].disabled is not beta1
    assert e.controls["beta2"].disabled is not beta2
    assert ("β1" in e.drawing.header.get_text()) is beta1
    assert ("β2" in e.drawing.header.get_text()) is beta2


def test_the_betas_are_the_ones_the_optimizer_gets():
    e = optimizer_explorer(optimizer="momentum", beta1=0.0, learning_rate=0.05)
    gd = _descend({**e.values, "optimizer": "gd"})  # momentum with β1 = 0 is gradient descent
    np.testing.assert_allclose(e.path.points, gd.points, rtol=0, atol=1e-12)
    e.update(beta1=0.9)
    assert not np.allclose(e.path.points, gd.points)


# --- drawn in place, blitted, cached ----------------------------------------------------

CHANGES = [("surface", "saddle"), ("optimizer", "momentum"), ("learning_rate", 0.02),
           ("beta1", 0.5), ("beta2", 0.9), ("num_steps", 40), ("w1", -2.0), ("w2", 0.5)]


@pytest.mark.parametrize("name, value", CHANGES)
def test_every_control_changes_the_picture_and_the_read_out(name, value):
    e = optimizer_explorer()
    png, html = e.image.value, e.readout.value
    e.update(**{name: value})
    assert e.image.value != png and e.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    if name not in ("beta1", "beta2", "w1", "w2"):  # the read-out numbers may not show those
        assert e.readout.value != html


def test_the_picture_changes_only_when_a_value_that_applies_changes():
    e = optimizer_explorer(optimizer="gd", learning_rate=0.05)
    png, html = e.image.value, e.readout.value
    e.update()
    e.update(**e.values)
    assert e.image.value == png and e.readout.value == html
    e.update(beta1=0.3, beta2=0.5)  # gradient descent has neither
    assert e.image.value == png and e.readout.value == html
    e.update(optimizer="adam").update(optimizer="gd", learning_rate=0.05)  # there and back
    assert e.image.value == png


def test_each_surfaces_contours_are_made_once_and_kept(explorer):
    explorer.update(**DEFAULTS)
    drawing = explorer.drawing
    for name in ["bowl", "saddle", "rosenbrock", "elongated"]:
        explorer.update(surface=name)
    kept = {name: artists for name, artists in drawing.contours.items()}
    children = len(drawing.ax.get_children())
    for name in ["rosenbrock", "bowl", "saddle", "elongated", "bowl"]:
        explorer.update(surface=name)
        for shown, artists in drawing.contours.items():
            assert all(a.get_visible() is (shown == name) for a in artists)
    assert drawing.contours == kept and set(kept) == set(surfaces.SURFACES)
    assert all(a is b for name in kept for a, b in zip(drawing.contours[name], kept[name]))
    assert len(drawing.ax.get_children()) == children
    # one kept picture per (surface, step axis) shown: the contours are not drawn again
    assert ("bowl", 150) in explorer._backgrounds and ("rosenbrock", 150) in explorer._backgrounds


def test_the_levels_are_log_spaced_from_the_target_to_the_largest_cost():
    e = optimizer_explorer(surface="rosenbrock")
    filled, _, target = e.drawing.contours["rosenbrock"]
    levels = np.asarray(filled.levels)
    assert levels[0] == pytest.approx(1e-3)
    np.testing.assert_allclose(np.diff(np.log(levels)), np.log(levels[1] / levels[0]))
    assert list(target.levels) == [1e-3]


def test_the_same_figure_and_artists_are_kept_across_updates():
    e = optimizer_explorer()
    fig, drawing = e.figure, e.drawing
    artists = [drawing.path_line, drawing.cost_line, drawing.header, drawing.result]
    for name, value in CHANGES + [("num_steps", 300), ("surface", "bowl")]:
        e.update(**{name: value})
    assert e.figure is fig and e.drawing is drawing and len(fig.axes) == 2
    assert [drawing.path_line, drawing.cost_line, drawing.header, drawing.result] == artists
    assert plt.get_fignums() == []  # no pyplot figure was made


@pytest.mark.parametrize("values", SETTINGS + [{"num_steps": 7}, {"surface": "saddle"}])
def test_the_blitted_picture_is_a_full_draw_of_the_same_settings(explorer, values):
    for name in ["bowl", "rosenbrock", "saddle"]:  # other scenes first
        explorer.update(surface=name)
    explorer.update(**_all(values))
    fast = png_pixels(explorer.image.value)
    full = png_pixels(_full_draw(explorer.values))
    assert fast.shape == full.shape
    differ = np.abs(fast - full).max(axis=2) > 30
    assert differ.mean() < 1e-3


@pytest.mark.parametrize("num_steps, end", [(1, 10), (10, 10), (11, 20), (150, 150),
                                            (151, 200), (300, 300)])
def test_the_step_axis_ends_at_the_first_round_number_holding_the_steps(num_steps, end):
    e = optimizer_explorer(num_steps=num_steps)
    assert e.drawing.cost_ax.get_xlim() == (0, end)
    assert e.drawing.cost_line.get_xdata()[-1] == num_steps


@pytest.mark.parametrize("values", [{"surface": name} for name in surfaces.SURFACES]
                         + [{"optimizer": "gd", "learning_rate": 0.1},
                            {"optimizer": "rmsprop", "learning_rate": 10.0, "num_steps": 300}])
def test_no_label_is_cut_off(values):
    e = optimizer_explorer(**values)
    assert parts_outside(e.figure) == []


def test_without_a_widget_front_end_it_shows_the_figure_as_a_png():
    e = optimizer_explorer(surface="saddle", optimizer="rmsprop")
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == repr(e)
    assert base64.b64decode(bundle["image/png"]) == e.image.value
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- extreme and bad values -------------------------------------------------------------

@pytest.mark.parametrize("values", [
    {"surface": "rosenbrock", "optimizer": "gd", "learning_rate": 10.0, "num_steps": 300},
    {"surface": "saddle", "optimizer": "adam", "learning_rate": 10.0, "beta1": 0.0, "beta2": 0.0},
    {"surface": "elongated", "optimizer": "rmsprop", "learning_rate": 0.001, "num_steps": 1},
    {"surface": "bowl", "optimizer": "momentum", "learning_rate": 10.0, "beta1": 0.99,
     "num_steps": 300, "w1": 5.0, "w2": -4.0},
    {"surface": "saddle", "optimizer": "gd", "w1": 0.0, "w2": 0.0},  # on the saddle point: g = 0
])
def test_extreme_settings_give_a_finite_read_out_without_warnings(values):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e = optimizer_explorer(**values)
    html = e.readout.value.lower()
    assert "nan" not in html and "inf" not in html
    assert "nan" not in e.drawing.result.get_text() and "inf" not in e.drawing.result.get_text()


@pytest.mark.parametrize("bad, error, match", [
    ({"surface": "Bowl"}, ValueError, "surface must be one of"),
    ({"surface": 3}, TypeError, "surface"),
    ({"optimizer": "sgd"}, ValueError, "optimizer must be one of"),
    ({"learning_rate": 0.0}, ValueError, "learning_rate"),
    ({"learning_rate": 20.0}, ValueError, "learning_rate"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
    ({"beta1": 1.0}, ValueError, "beta1"),
    ({"beta2": -0.1}, ValueError, "beta2"),
    ({"beta2": None}, TypeError, "beta2"),
    ({"num_steps": 0}, ValueError, "num_steps"),
    ({"num_steps": 301}, ValueError, "num_steps"),
    ({"num_steps": 2.5}, ValueError, "num_steps"),
    ({"w1": 5.5}, ValueError, "w1"),
    ({"w2": 2.0}, ValueError, "w2"),  # the elongated bowl's w2 runs from -1.6 to 1.6
    ({"surface": "saddle", "w1": 3.0}, ValueError, "w1"),  # the saddle's w1: -2.5 to 2.5
    ({"surface": "rosenbrock", "w2": -1.5}, ValueError, "w2"),
    ({"speed": 1.0}, ValueError, r"unknown control\(s\) \['speed'\]"),
])
def test_bad_values_are_refused_by_name_and_nothing_changes(explorer, bad, error, match):
    explorer.update(**DEFAULTS)
    before, png, html = explorer.values, explorer.image.value, explorer.readout.value
    ranges = [(explorer.controls[k].min, explorer.controls[k].max) for k in ("w1", "w2")]
    with pytest.raises(error, match=match):
        explorer.update(**bad)
    assert explorer.values == before
    assert explorer.image.value == png and explorer.readout.value == html
    assert [(explorer.controls[k].min, explorer.controls[k].max) for k in ("w1", "w2")] == ranges
    with pytest.raises(error, match=match):
        optimizer_explorer(**bad)
    explorer.update(surface="saddle")  # the start sliders still follow the surface
    assert explorer.controls["w1"].max == 2.5


def test_run_summary_refuses_what_is_not_a_path():
    with pytest.raises(TypeError, match="path must be a helpers.surfaces.Path"):
        wopt.run_summary({"costs": [1.0]})
