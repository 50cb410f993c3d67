"""Tiny explorers for the browser harness's own notebooks (copied next to them, imported by
the kernel): one that works, two broken ones the harness must catch, and one laid out too
wide for a laptop's window, which the fit check must catch."""
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


class CrampedWave(Wave):
    """The explorers' old layout: figure and read-out side by side in a row that never
    wraps, the read-out a fixed column. Too wide for a narrow page: the read-out is cut
    off (the row scrolls sideways), which the harness's fit check must report."""

    figsize = (9.6, 4.2)  # as wide as the activation explorer's figure

    def __init__(self, **values):
        super().__init__(**values)
        self.readout.layout = w.Layout(flex="0 0 215px", width="215px")
        self.image.layout = w.Layout(max_width="100%")
        self.container.children = (self.container.children[0], w.HBox([self.image, self.readout]))

    def _redraw(self, values):
        super()._redraw(values)
        return (f"<b>freq = {values['freq']:.2f}</b><table><tr><td>layer 1 → layer 10</td>"
                f"<td style='white-space:nowrap'><b>0.627 → 0.224</b></td></tr></table>")
