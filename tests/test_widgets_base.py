import base64
import io

import ipywidgets as w
import numpy as np
import pytest
from PIL import Image

from helpers.widgets import Explorer, activation_explorer, init_explorer, optimizer_explorer
from helpers.widgets import base
from helpers.widgets.base import readout_html


class Wave(Explorer):
    figsize = (4, 3)

    def _make_controls(self):
        return {"freq": w.FloatSlider(value=1.0, min=0.5, max=4.0),
                "kind": w.Dropdown(options=["sin", "cos"])}

    def _build(self, fig):
        ax = fig.subplots()
        self.x = np.linspace(-3, 3, 200)
        (self.line,) = ax.plot(self.x, np.sin(self.x))
        ax.set_ylim(-1.1, 1.1)
        self.redraws = 0

    def _redraw(self, values):
        self.redraws += 1
        self.line.set_ydata(getattr(np, values["kind"])(values["freq"] * self.x))
        return f"freq = {values['freq']:.2f}"


def test_update_sets_several_controls_and_redraws_once():
    wave = Wave()
    before = wave.redraws
    wave.update(freq=2.0, kind="cos")
    assert wave.redraws == before + 1
    assert wave.values == {"freq": 2.0, "kind": "cos"}
    assert wave.readout.value == "freq = 2.00"


def test_changing_a_control_widget_redraws_the_figure():
    wave = Wave()
    png = wave.image.value
    wave.controls["freq"].value = 3.0
    assert wave.image.value != png
    assert wave.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_same_figure_object_is_kept_across_updates():
    wave = Wave()
    fig, line = wave.figure, wave.line
    wave.update(freq=2.5)
    assert wave.figure is fig and wave.line is line


def test_an_unknown_control_name_is_refused_with_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['speed'\].*\['freq', 'kind'\]"):
        Wave().update(speed=2)


def test_the_explorer_displays_as_a_widget_with_a_static_png_fallback():
    wave = Wave(freq=2.0)
    bundle = wave._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == wave.image.value
    assert bundle["text/plain"] == "Wave(freq=2, kind='sin')"


class Panel(Explorer):
    """One control of each kind the base class checks."""

    figsize = (2, 2)

    def _make_controls(self):
        return {"x": w.FloatSlider(value=0.0, min=-1.0, max=1.0),
                "n": w.IntSlider(value=4, min=2, max=20, step=2),
                "rate": w.FloatLogSlider(value=1.0, base=10, min=-2, max=2),
                "kind": w.Dropdown(options=[("sine", "sin"), ("cosine", "cos")], value="sin"),
                "show": w.Checkbox(value=True)}

    def _build(self, fig):
        fig.subplots()

    def _redraw(self, values):
        return None


@pytest.fixture(scope="module")
def panel():
    return Panel()


@pytest.mark.parametrize("values, error, match", [
    ({"x": 1.5}, ValueError, r"x must be a finite real number between -1 and 1, got 1.5"),
    ({"x": float("nan")}, ValueError, r"x must be a finite real number"),
    ({"x": None}, TypeError, r"x must be a real number, got None"),
    ({"x": "0.5"}, TypeError, r"x must be a real number, got '0.5'"),
    ({"x": 0.5j}, TypeError, r"x must be a real number"),
    ({"x": np.array([0.5])}, TypeError, r"x must be a real number, got an array of shape \(1,\)"),
    ({"n": 3}, ValueError, r"n must be 2, 4, 6, \.\.\. up to 20 \(a multiple of 2 from 2\); got 3"),
    ({"n": 4.5}, ValueError, r"n must be a whole number from 2 to 20; got 4.5"),
    ({"n": 22}, ValueError, r"n must be a finite real number between 2 and 20"),
    ({"rate": 1000.0}, ValueError, r"rate must be a finite real number between 0.01 and 100"),
    ({"rate": 0.0}, ValueError, r"rate"),
    ({"kind": "sine"}, ValueError, r"kind must be one of 'sin', 'cos'; got 'sine'"),  # a label
    ({"kind": 1}, TypeError, r"kind must be one of 'sin', 'cos' \(a string\); got 1"),
    ({"show": 1}, TypeError, r"show must be True or False, got 1"),
    ({"colour": "red"}, ValueError, r"unknown control\(s\) \['colour'\]"),
])
def test_a_value_a_control_cannot_show_is_refused_by_name_and_nothing_changes(panel, values, error, match):
    before = panel.values
    with pytest.raises(error, match=match):
        panel.update(**values)
    assert panel.values == before
    with pytest.raises(error, match=match):
        Panel(**values)


def test_values_a_control_can_show_are_set_as_given(panel):
    panel.update(x=-1, n=20.0, rate=0.01, kind="cos", show=False)
    assert panel.values == {"x": -1.0, "n": 20, "rate": 0.01, "kind": "cos", "show": False}
    panel.update(x=np.float64(0.25), n=np.int64(6), kind=np.str_("sin"), show=True)
    assert panel.values == {"x": 0.25, "n": 6, "rate": 0.01, "kind": "sin", "show": True}


# --- defaults, declared once on the class ------------------------------------------------

class Preset(Wave):
    DEFAULTS = {"freq": 2.5, "kind": "cos"}


def test_an_explorer_opens_at_its_class_defaults_and_values_override_them():
    assert Preset().values == {"freq": 2.5, "kind": "cos"}
    assert Preset(freq=1.0).values == {"freq": 1.0, "kind": "cos"}
    assert Wave().values == {"freq": 1.0, "kind": "sin"}  # no DEFAULTS: the controls' own values


@pytest.mark.parametrize("defaults, error, match", [
    ({"freq": 9.0}, ValueError, r"freq must be a finite real number between 0.5 and 4"),
    ({"speed": 1.0}, ValueError, r"unknown control\(s\) \['speed'\]"),
])
def test_defaults_a_control_cannot_show_are_refused_when_the_explorer_is_made(defaults, error, match):
    broken = type("Broken", (Wave,), {"DEFAULTS": defaults})
    with pytest.raises(error, match=match):
        broken()


# --- the shared redraw: blitting ---------------------------------------------------------

class BlitWave(Wave):
    """The line moves; the axes, ticks and labels are the static part, one per kind. A
    second, hidden axes holds a moving line that must never be drawn."""

    backgrounds_kept = 1

    def _build(self, fig):
        super()._build(fig)
        self.line.axes.set_title("static title")
        hidden = fig.add_axes([0.1, 0.1, 0.3, 0.3])
        (self.ghost,) = hidden.plot(self.x, np.cos(self.x), color="red", lw=8)
        hidden.set_visible(False)

    def _moving_artists(self):
        return [self.line, self.ghost]

    def _scene(self):
        return self.controls["kind"].value


class FullWave(BlitWave):
    def _moving_artists(self):
        return ()  # the base class draws the whole figure every time


def _pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_the_blitted_picture_is_the_full_draw_after_every_change():
    blit, full = BlitWave(), FullWave()
    for change in [{"freq": 2.0}, {"kind": "cos"}, {"freq": 3.5}, {"kind": "sin", "freq": 0.5}]:
        blit.update(**change)
        full.update(**change)
        np.testing.assert_array_equal(_pixels(blit.image.value), _pixels(full.image.value))
    assert blit.line.get_animated() and not full.line.get_animated()


def test_blitting_keeps_at_most_backgrounds_kept_pictures_the_latest_scene():
    blit = BlitWave()
    blit.update(kind="cos")
    assert list(blit._backgrounds) == ["cos"]
    blit.update(kind="sin")
    assert list(blit._backgrounds) == ["sin"]


def test_blitting_draws_no_moving_artist_of_a_hidden_axes():
    pixels = _pixels(BlitWave().image.value)
    red = np.all(np.abs(pixels - [255, 0, 0]) < 60, axis=2)
    assert not red.any()


class KeptWave(BlitWave):
    """A label outside the axes that moves with the frequency, in steps: its pixels are
    kept per step (_kept_artists) and put back instead of drawn."""

    def _build(self, fig):
        super()._build(fig)
        self.label = fig.text(0.01, 0.99, "", va="top", fontsize=9)
        self.label_draws = 0
        draw = self.label.draw

        def counted(renderer):
            self.label_draws += 1
            draw(renderer)

        self.label.draw = counted

    def _redraw(self, values):
        self.label.set_text(f"freq ≥ {int(values['freq'])}")
        return super()._redraw(values)

    def _moving_artists(self):
        return [self.line, self.ghost, self.label]

    def _kept_artists(self):
        return [(self.label, self.label.get_text())]


class FullKeptWave(KeptWave):
    def _moving_artists(self):
        return ()


def test_a_kept_artist_is_drawn_once_per_key_and_the_picture_is_the_full_draw():
    kept, full = KeptWave(), FullKeptWave()
    draws = kept.label_draws  # the first picture: freq 1
    for freq in [1.5, 2.0, 2.5, 3.5, 1.2, 2.9, 3.1]:
        kept.update(freq=freq)
        full.update(freq=freq)
        np.testing.assert_array_equal(_pixels(kept.image.value), _pixels(full.image.value))
    assert kept.label_draws == draws + 2  # "freq ≥ 2" and "freq ≥ 3", once each
    kept.update(kind="cos")  # a new scene: its static part may differ, so draw again
    assert kept.label_draws == draws + 3


def test_at_most_kept_pixels_pictures_of_kept_artists_are_kept():
    kept = KeptWave()
    kept.kept_pixels = 2
    for freq in [1.0, 2.0, 3.0, 1.0]:
        kept.update(freq=freq)
    assert [key[2] for key in kept._kept] == ["freq ≥ 3", "freq ≥ 1"]


# --- every explorer: a control moved in the page redraws as update() does -----------------

# one change per control of each explorer (the activation explorer's alpha acts on leaky ReLU,
# so it is moved with a Leaky ReLU explorer)
WIDGET_MOVES = (
    [(activation_explorer, {}, name, value) for name, value in
     [("activation", "tanh"), ("mu", -3.0), ("sigma", 3.0)]]
    + [(activation_explorer, {"activation": "leaky_relu"}, "alpha", 0.2)]
    + [(init_explorer, {}, name, value) for name, value in
       [("activation", "relu"), ("scheme", "he"), ("multiplier", 10.0), ("depth", 6),
        ("width", 128), ("seed", 7)]]
    + [(optimizer_explorer, {}, name, value) for name, value in
       [("surface", "saddle"), ("optimizer", "momentum"), ("learning_rate", 0.02),
        ("beta1", 0.5), ("beta2", 0.9), ("num_steps", 40), ("w1", -2.0), ("w2", 0.5)]])


@pytest.mark.parametrize("factory, start, name, value", WIDGET_MOVES,
                         ids=[f"{f.__name__}-{n}" for f, _, n, _ in WIDGET_MOVES])
def test_moving_a_control_widget_redraws_once_the_picture_update_draws(factory, start, name,
                                                                        value):
    moved, updated = factory(**start), factory(**start)  # what a slider drag does, and update
    png, redraws = moved.image.value, []
    redraw = moved._redraw
    moved._redraw = lambda values: (redraws.append(dict(values)), redraw(values))[1]
    moved.controls[name].value = value
    updated.update(**{name: value})
    assert moved.image.value != png
    assert moved.image.value == updated.image.value and moved.readout.value == updated.readout.value
    assert redraws == [updated.values]


# --- the read-out ---------------------------------------------------------------------------

def test_the_readout_html_holds_the_title_every_item_the_alert_and_the_notes():
    page = readout_html("<b>layer 1</b>", [("std", "<b>0.63</b>", "the spread"),
                                           ("rms", "0.10", "a <tip>")],
                        notes=["from 500 examples"], item_width="150px", alert="symmetry!",
                        alert_color="#123456")
    assert page.index("<b>layer 1</b>") < page.index("<span>std</span>") < page.index("<span>rms</span>")
    assert "<b>0.63</b>" in page and 'title="a &lt;tip&gt;"' in page  # tooltips are escaped
    assert "min-width:150px" in page
    assert "<div style='color:#123456; margin-top:0.4em'>symmetry!" in page
    assert page.index("symmetry!") < page.index("from 500")
    assert "#123456" not in readout_html("t", [])


def test_changes_from_two_threads_at_once_leave_the_blitted_picture_the_full_draw():
    # ipykernel 7 may deliver two widget messages at once, in two threads: the base class
    # serializes them, so no redraw's artists get baked into another's kept picture
    import threading
    blit = BlitWave()

    def kinds():
        for kind in ["cos", "sin"] * 6:
            blit.controls["kind"].value = kind

    def freqs():
        for freq in np.linspace(0.5, 3.5, 15):
            blit.controls["freq"].value = float(freq)

    threads = [threading.Thread(target=kinds), threading.Thread(target=freqs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    full = FullWave()
    for kind in ("sin", "cos"):
        blit.update(kind=kind, freq=1.5)
        full.update(kind=kind, freq=1.5)
        np.testing.assert_array_equal(_pixels(blit.image.value), _pixels(full.image.value))


def test_png_bytes_round_trips_opaque_and_transparent_pictures():
    rng = np.random.default_rng(0)
    picture = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    picture[..., 3] = 255
    opaque = Image.open(io.BytesIO(base.png_bytes(picture)))
    assert opaque.mode == "RGB"  # every pixel opaque: no alpha channel sent
    np.testing.assert_array_equal(np.asarray(opaque), picture[..., :3])
    picture[2, 3, 3] = 17
    clear = Image.open(io.BytesIO(base.png_bytes(picture, level=6)))
    assert clear.mode == "RGBA"
    np.testing.assert_array_equal(np.asarray(clear), picture)


@pytest.mark.parametrize("bad", [np.zeros((4, 4, 3), np.uint8), np.zeros((4, 4, 4)),
                                 np.zeros((4, 4), np.uint8)])
def test_png_bytes_refuses_what_is_not_an_rgba_picture(bad):
    with pytest.raises(ValueError, match=r"rgba must be an \(H, W, 4\) uint8 array"):
        base.png_bytes(bad)


def test_an_explorer_sends_the_png_of_its_figure():
    wave = Wave(freq=2.0)
    shown = np.asarray(Image.open(io.BytesIO(wave.image.value)).convert("RGBA"))
    wave.figure.canvas.draw()
    np.testing.assert_array_equal(shown, np.asarray(wave.figure.canvas.buffer_rgba()))
