import base64

import ipywidgets as w
import numpy as np
import pytest

from helpers.widgets import Explorer


class Wave(Explorer):
    figsize = (4, 3)

    def _make_controls(self):
        return {"freq": w.FloatSlider(value=1.0, min=0.5, max=4.0), "kind": w.Dropdown(options=["sin", "cos"])}

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
