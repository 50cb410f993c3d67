"""The explorer pattern shared by every widget: controls + a figure redrawn in place.

The figure is a plain ``matplotlib.figure.Figure`` rendered by Agg into PNG bytes shown in
an ``ipywidgets.Image``. That needs no matplotlib front-end extension, works the same in
JupyterLab, Notebook 7 and Voilà, and keeps redraws cheap: a subclass creates its artists
once in ``_build`` and only changes their data in ``_redraw``.
"""
import base64
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

PNG_COMPRESSION = 1  # zlib level: the PNG travels to the browser once per change; speed wins


class Explorer:
    """Base class. Subclasses implement ``_make_controls()`` -> dict of widgets,
    ``_build(fig)`` (create axes and artists once) and ``_redraw(values)`` (update them).

    ``controls``: name -> control widget. ``figure``: the Figure updated in place.
    ``readout``: an HTML widget for numbers next to the figure. ``update(**values)`` sets
    controls and redraws synchronously, once. The layout is computed on the first draw
    and then kept, so ``_build`` should fix axis limits that would change tick labels.
    """

    figsize = (9.0, 3.6)
    dpi = 80

    def __init__(self, **values):
        self.controls = self._make_controls()
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.figure = Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self._build(self.figure)
        self._holding = False
        for name, control in self.controls.items():
            control.observe(self._on_change, names="value")
        self.container = widgets.VBox(
            [widgets.HBox(list(self.controls.values()),
                          layout=widgets.Layout(flex_flow="row wrap")),
             widgets.HBox([self.image, self.readout])],
        )
        self.update(**values)
        # Lay the figure out once (constrained layout on the first draw), then freeze it:
        # recomputing the layout on every change would double the redraw time.
        self.figure.set_layout_engine("none")

    # --- what subclasses provide ---------------------------------------------------
    def _make_controls(self):
        raise NotImplementedError

    def _build(self, fig):
        raise NotImplementedError

    def _redraw(self, values):
        """Update the artists for ``values`` (name -> value); return readout HTML or None."""
        raise NotImplementedError

    # --- the machinery ---------------------------------------------------------------
    @property
    def values(self):
        """The current control values, name -> value."""
        return {name: c.value for name, c in self.controls.items()}

    def update(self, **values):
        """Set the named controls, then redraw once. Unknown names raise a clear error."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this explorer has {sorted(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()
        return self

    def _on_change(self, change):
        if not self._holding:
            self.refresh()

    def refresh(self):
        """Redraw the figure for the current control values and push the PNG."""
        html = self._redraw(self.values)
        if html is not None:
            self.readout.value = html
        self.image.value = self.render_png()

    def render_png(self):
        """The figure as PNG bytes (Agg)."""
        buf = io.BytesIO()
        self._canvas.print_png(buf, pil_kwargs={"compress_level": PNG_COMPRESSION})
        return buf.getvalue()

    # --- display ---------------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.container._repr_mimebundle_(include=include, exclude=exclude) or {}
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        bundle = dict(bundle)
        bundle["text/plain"] = repr(self)
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

    def __repr__(self):
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.values.items())
        return f"{type(self).__name__}({args})"


def _short(v):
    return f"{v:.4g}" if isinstance(v, float) else repr(v)
