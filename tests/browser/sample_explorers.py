"""Tiny explorers for the browser harness's own notebooks (copied next to them, imported by
the kernel): one that works, and two broken ones the harness must catch."""
import ipywidgets as w
import numpy as np

from helpers.widgets import Explorer


class Wave(Explorer):
    """y = sin(f x) or cos(f x): a slider and a dropdown, each redraws the line."""

    figsize = (4.0, 2.6)

    def _make_controls(self):
        return {"freq": w.FloatSlider(value=1.0, min=0.5, max=4.0, step=0.1, description="freq"),
                "kind": w.Dropdown(options=["sin", "cos"], value="sin", description="kind")}

    def _build(self, fig):
        ax = fig.subplots()
        self.x = np.linspace(-3.0, 3.0, 200)
        (self.line,) = ax.plot(self.x, np.sin(self.x), linewidth=2)
        ax.set_xlim(-3.0, 3.0)
        ax.set_ylim(-1.1, 1.1)
        ax.set_xlabel("x")

    def _redraw(self, values):
        self.line.set_ydata(getattr(np, values["kind"])(values["freq"] * self.x))
        return f"freq = {values['freq']:.2f}"


class BrokenWave(Wave):
    """Draws once, then every redraw raises: the picture in the browser never changes."""

    def _redraw(self, values):
        if getattr(self, "_drawn", False):
            raise RuntimeError("BrokenWave: redraw failed on purpose")
        self._drawn = True
        return super()._redraw(values)


class FrozenWave(Wave):
    """Redraws without error but ignores the controls: the same picture every time."""

    def _redraw(self, values):
        return super()._redraw({"freq": 1.0, "kind": "sin"})
