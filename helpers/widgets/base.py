"""The explorer pattern shared by every widget: controls + a figure redrawn in place.

The figure is a plain ``matplotlib.figure.Figure`` rendered by Agg into PNG bytes shown in
an ``ipywidgets.Image``, with an HTML read-out beside it. The two sit in a wrapping row: the
read-out is a column next to the figure where there is room for both, and moves under the
figure where there is not (a 1280 px window with JupyterLab's file browser open), so it is
never cut off; its items stack beside the figure and flow in rows under it. The PNG needs
no matplotlib front-end extension, works the same in JupyterLab, Notebook 7 and Voilà, and
keeps redraws cheap: a subclass creates its artists once in ``_build`` and only changes
their data in ``_redraw``; one that names the artists that move (``_moving_artists``) and
what the rest depends on (``_scene``) is redrawn by blitting: a picture of the static part
is kept per scene and only the moving artists are drawn over it. A moving artist that
takes only a few looks (a log axis, whose ticks follow its limits) can be named with its
look's key (``_kept_artists``): its pixels are kept per key and put back, not drawn again.

Every change reaches the kernel and is drawn: ipywidgets' front end already sends at most
one change per widget at a time while a slider is dragged (it holds the latest value until
the kernel is idle again), so the kernel never has a backlog of stale values to skip.

Public API
    Explorer        the base class: ``controls``, ``figure``, ``values``, ``update(**values)``,
                    ``DEFAULTS`` (each control's value when the explorer opens), ``render_png()``
    readout_html(title, items, notes=(), ...)   the HTML of a read-out: a title, aligned items
    png_bytes(rgba, level=1)   Agg's (H, W, 4) picture as PNG bytes, fast (what is sent)

Defaults are declared one way: the class attribute ``DEFAULTS`` (name -> value), checked
against the controls like any value and set on them before the first draw.

Values given to ``Explorer(**values)`` or ``update(**values)`` are checked against the
controls themselves, before anything changes (helpers.shapes' policy, one mechanism for
every explorer): an unknown name is refused with the valid ones; a slider takes a real
number within its range (an integer slider a whole number on its steps), a log slider
one between base**min and base**max, a dropdown one of its options, a checkbox True or
False. Wrong types (None, strings, complex numbers) raise TypeError, values out of range
ValueError, each naming the control. Nothing is clamped silently.
"""
import base64
import html
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.shapes import check_real

__all__ = ["Explorer", "png_bytes", "readout_html"]


def _option_values(control):
    """The values a selection widget offers (options may be values, (label, value) pairs
    or a mapping label -> value, as ipywidgets allows)."""
    options = control.options
    if isinstance(options, Mapping):
        return list(options.values())
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]


def _same_option(value, choice):
    if value is choice:
        return True
    if not (isinstance(value, type(choice)) or isinstance(choice, type(value))):
        return False
    try:
        return bool(value == choice)
    except (TypeError, ValueError):  # an array's elementwise ==
        return False


def _check_control_value(control, name, value):
    """Refuse ``value`` for ``control`` unless the control would show it as it is."""
    if isinstance(control, widgets.FloatLogSlider):
        lo, hi = control.base ** control.min, control.base ** control.max
        check_real(value, name, lo, hi)
    elif hasattr(control, "options") and hasattr(control, "index"):  # a single selection
        choices = _option_values(control)
        valid = ", ".join(map(repr, choices))
        if all(isinstance(c, str) for c in choices) and not isinstance(value, str):
            raise TypeError(f"{name} must be one of {valid} (a string); got {value!r}")
        if not any(_same_option(value, c) for c in choices):
            raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    elif isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, got {value!r}")
    elif hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        number = check_real(value, name, lo, hi)
        if isinstance(control.value, int) and not isinstance(control.value, bool):
            step = getattr(control, "step", 1) or 1
            if number != int(number):
                raise ValueError(f"{name} must be a whole number from {lo} to {hi}; got {value!r}")
            if (int(number) - lo) % step:
                raise ValueError(f"{name} must be {lo}, {lo + step}, {lo + 2 * step}, ... up to "
                                 f"{hi} (a multiple of {step} from {lo}); got {value!r}")


def _check_values(controls, values):
    """Refuse unknown control names and values the controls cannot show; change nothing."""
    unknown = sorted(set(values) - set(controls))
    if unknown:
        raise ValueError(f"unknown control(s) {unknown}; this explorer has {sorted(controls)}")
    for name, value in values.items():
        _check_control_value(controls[name], name, value)


class Explorer:
    """Base class. Subclasses implement ``_make_controls()`` -> dict of widgets,
    ``_build(fig)`` (create axes and artists once) and ``_redraw(values)`` (update them),
    and may declare ``DEFAULTS`` and the blitting hooks ``_moving_artists()``,
    ``_scene()`` and ``_kept_artists()`` (with ``_kept_region``).

    ``controls``: name -> control widget. ``figure``: the Figure updated in place.
    ``readout``: an HTML widget for numbers next to the figure (or under it, when the
    page is too narrow for both; ``readout_width`` is its width beside the figure, the
    widest item it must hold). ``update(**values)`` sets controls and redraws
    synchronously, once. The layout is computed on the first draw and then kept, so
    ``_build`` should fix axis limits that would change tick labels.
    """

    figsize = (9.0, 3.6)
    dpi = 80
    readout_width = "230px"
    DEFAULTS = {}  # control name -> its value when the explorer opens (others: the control's own)
    png_compression = 1  # zlib level: the PNG travels to the browser once per change; speed wins
    backgrounds_kept = 6  # pictures of the static part kept for blitting, the latest scenes
    kept_pixels = 64  # pictures of _kept_artists kept, the latest (scene, key) pairs
    kept_across_scenes = False  # True: a kept artist's region looks the same in every scene

    def __init__(self, **values):
        # The kernel may handle two widget messages at once, in two threads (ipykernel 7: a
        # front-end's echo of a value it rounded can arrive during a redraw): one change and
        # one redraw at a time, or a kept picture gets the other redraw's artists baked in.
        self._lock = threading.RLock()
        self.controls = self._make_controls()
        _check_values(self.controls, self.DEFAULTS)
        for name, value in self.DEFAULTS.items():
            self.controls[name].value = value
        _check_values(self.controls, values)  # before the (slower) figure is built
        # The read-out grows to the row's width when it wraps under the figure; the figure
        # shrinks only when the page is narrower than the figure itself.
        self.readout = widgets.HTML(layout=widgets.Layout(flex=f"1 1 {self.readout_width}"))
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            max_width="100%", min_width="0", flex="0 1 auto"))
        self.figure = Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self._backgrounds = OrderedDict()  # scene -> pixels of the static part (blitting)
        self._kept = OrderedDict()  # (scene, id(artist), key) -> pixels of a kept artist
        self._build(self.figure)
        self._holding = False
        for name, control in self.controls.items():
            control.observe(self._on_change, names="value")
        self.container = widgets.VBox(
            [widgets.HBox(list(self.controls.values()),
                          layout=widgets.Layout(flex_flow="row wrap")),
             widgets.HBox([self.image, self.readout],
                          layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))],
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

    def _moving_artists(self):
        """The artists that change with the values (blitting: drawn over a kept picture of
        everything else). The default, none, draws the whole figure on every change."""
        return ()

    def _scene(self):
        """A hashable key of what the static part of the picture depends on (an activation,
        a depth): one picture of it is kept per key. Only used with _moving_artists."""
        return None

    def _kept_artists(self):
        """(artist, key) pairs among the moving artists whose pixels depend only on ``key``
        (and the scene), such as a log axis whose ticks follow its limits. Their pixels,
        inside ``_kept_region(artist, renderer)``, are kept per (scene, key) and put back
        instead of drawing the artist again: no other moving artist may draw inside that
        region. With ``kept_across_scenes`` True they are kept per key alone, for every
        scene (the static part inside those regions must then be the same in every scene).
        The default, none."""
        return ()

    def _kept_region(self, artist, renderer):
        """The display box (a matplotlib Bbox) holding every pixel ``artist`` draws, just
        after it was drawn (see _kept_artists); the default: its window extent, 1 px wider
        on each side."""
        return artist.get_window_extent(renderer).padded(1)

    # --- the machinery ---------------------------------------------------------------
    @property
    def values(self):
        """The current control values, name -> value."""
        return {name: c.value for name, c in self.controls.items()}

    def update(self, **values):
        """Set the named controls, then redraw once; returns the explorer.

        Every value is checked first (see the module docstring): an unknown name or a value
        the control cannot show raises ValueError / TypeError naming it, and nothing changes.
        """
        with self._lock:
            _check_values(self.controls, values)
            self._holding = True
            try:
                for name, value in values.items():
                    self.controls[name].value = value
            finally:
                self._holding = False
            self.refresh()
        return self

    def _on_change(self, change):
        with self._lock:
            if not self._holding:
                self.refresh()

    def refresh(self):
        """Redraw the figure for the current control values and push the PNG (one redraw at
        a time: a lock serializes changes that arrive from two threads)."""
        with self._lock:
            readout = self._redraw(self.values)
            if readout is not None:
                self.readout.value = readout
            self.image.value = self.render_png()

    def render_png(self):
        """The figure as PNG bytes (Agg), redrawing only what moved when the subclass says
        what that is (``_moving_artists``), else drawing the whole figure.

        Blitting: the moving artists are left out of full draws (animated). The first time
        a scene (``_scene()``) is shown the figure is drawn in full and its pixels kept (the
        ``backgrounds_kept`` latest scenes); a redraw restores them and draws the moving
        artists on top, in z-order, skipping those of hidden axes: the picture a full draw
        gives, in a fraction of the time.
        """
        moving = list(self._moving_artists())
        canvas = self._canvas
        if not moving:
            canvas.draw()
            return png_bytes(np.asarray(canvas.buffer_rgba()), self.png_compression)
        for artist in moving:
            artist.set_animated(True)
        key = self._scene()
        if key in self._backgrounds:
            self._backgrounds.move_to_end(key)
            canvas.restore_region(self._backgrounds[key])
        else:
            canvas.draw()
            self._backgrounds[key] = canvas.copy_from_bbox(self.figure.bbox)
            # pixels kept over an older picture of this scene may hold its old static part
            self._kept = OrderedDict((k, v) for k, v in self._kept.items() if k[0] != key)
            while len(self._backgrounds) > self.backgrounds_kept:
                self._backgrounds.popitem(last=False)
        renderer = canvas.get_renderer()
        kept = {id(artist): k for artist, k in self._kept_artists()}
        scene = None if self.kept_across_scenes else key
        for artist in sorted(moving, key=lambda a: a.get_zorder()):
            if artist.axes is None or artist.axes.get_visible():
                if id(artist) in kept:
                    self._draw_kept(artist, (scene, id(artist), kept[id(artist)]), renderer)
                else:
                    artist.draw(renderer)
        return png_bytes(np.asarray(canvas.buffer_rgba()), self.png_compression)

    def _draw_kept(self, artist, key, renderer):
        """Put back the kept pixels of ``artist`` for ``key``, or draw it and keep them."""
        if key in self._kept:
            self._kept.move_to_end(key)
            self._canvas.restore_region(self._kept[key])
            return
        artist.draw(renderer)
        self._kept[key] = self._canvas.copy_from_bbox(self._kept_region(artist, renderer))
        while len(self._kept) > self.kept_pixels:
            self._kept.popitem(last=False)

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


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(rgba, level=1):
    """An (H, W, 4) uint8 picture (Agg's buffer) as PNG bytes: RGB when every pixel is
    opaque (a quarter less to pack), RGBA otherwise; each row unfiltered, zlib at ``level``.
    About three times faster than PIL's encoder, which tries five filters on every row: a
    figure is mostly flat colour, so plain rows pack nearly as small (about 50 kB for the
    initialization explorer's 760 x 512 pixels at level 1)."""
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"rgba must be an (H, W, 4) uint8 array; got {rgba.dtype} {rgba.shape}")
    opaque = bool(np.all(rgba[..., 3] == 255))
    pixels = rgba[..., :3] if opaque else rgba
    h, w, channels = pixels.shape
    rows = np.empty((h, 1 + w * channels), np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) for every row
    rows[:, 1:].reshape(h, w, channels)[...] = pixels
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.data, level)) + _png_chunk(b"IEND", b""))


def _short(v):
    return f"{v:.4g}" if isinstance(v, float) else repr(v)


def readout_html(title, items, notes=(), item_width="210px", alert="", alert_color="#b2182b"):
    """The HTML of an explorer's read-out: a title line, then one item per number, then
    ``alert`` (a sentence in ``alert_color``, if any), then ``notes`` in small print.

    items: (label HTML, value HTML, tooltip) triples; each item is at least ``item_width``
    wide (wider if its text needs it), label left, value right, neither ever wrapped. The
    items flow like words: one per line in the column beside the figure (aligned, as long
    as they are ``item_width`` wide), several per line when the read-out sits under it.
    """
    cells = "".join(
        f"<div title=\"{html.escape(tip)}\" style='display:flex; justify-content:space-between; "
        f"gap:0.8em; flex:0 0 auto; min-width:{item_width}; box-sizing:border-box; "
        f"white-space:nowrap'><span>{label}</span><span style='text-align:right'>{value}</span>"
        f"</div>"
        for label, value, tip in items)
    small = "".join(f"<div style='color:#666; font-size:11px; margin-top:0.4em'>{n}</div>"
                    for n in notes)
    if alert:
        small = f"<div style='color:{alert_color}; margin-top:0.4em'>{alert}</div>" + small
    return (f"<div style='font-size:13px; line-height:1.45; padding-left:8px'>"
            f"<div>{title}</div>"
            f"<div style='display:flex; flex-wrap:wrap; column-gap:2em; row-gap:0.2em; "
            f"margin-top:0.3em'>{cells}</div>{small}</div>")
