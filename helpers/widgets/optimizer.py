"""The optimizer explorer (lesson 10): gradient descent, momentum, RMSprop and Adam on a
cost surface of two parameters.

Pick a surface of helpers.surfaces (the round bowl, the elongated bowl, the saddle, the
Rosenbrock valley), an optimizer of helpers.optimizers, its learning rate α (a log slider)
and β1 / β2 where they apply (β1: momentum and Adam; β2: RMSprop and Adam; the other
slider is greyed out), the number of steps and the start point (w1, w2). The path is
helpers.surfaces.descend's, the function the lesson calls. The figure shows

- left: the contours of the surface's cost J (levels spaced evenly in log J, the dashed
  contour J = 10⁻³, the target), the minimum (a star), the start (a circle) and the path
  (a line through every point);
- right: the cost J at each step on a log scale, the target 10⁻³ dashed, the first step
  below it marked; costs below COST_FLOOR (a step can land exactly on the minimum, J = 0)
  are drawn at COST_FLOOR;
- above: the optimizer and its settings; over the cost panel: the final cost and the step the target is
  reached, or the step at which the path diverged (in red).

The read-out says the same in numbers (final cost, steps to J < 10⁻³ or "not within N
steps", "diverged at step k") and writes the optimizer's update rule in one line.

A new surface resets the start sliders: their ranges become the surface's extent and their
values its start (values given in the same ``update`` win). ``update(surface=..., w1=...)``
checks w1 and w2 against the new surface's extent.

Speed: the artists are made once (OptimizerFigure) and only their data change. The static
part (the contours of the surface, axes, the cost axis' log scale, the legend) depends
only on the surface: each surface's contours are computed once and kept (hidden while
another surface is shown) and the picture of each scene is kept as pixels, the path, the
cost curve, the texts and the cost panel's step axis drawn over it (helpers.widgets.base's
blitting). benchmarks/widget_latency.py measures a redraw for 200 steps.

    explorer = optimizer_explorer(surface="rosenbrock", optimizer="gd", learning_rate=0.05)
    explorer.update(optimizer="adam")   # what the dropdown does
    explorer.path.costs                 # helpers.surfaces.Path of the latest run
    explorer.summary["steps_to_target"] # the read-outs as numbers

Values are checked before anything changes (helpers.widgets.base, and the start point
against the surface it is for): an unknown control or a value the control cannot show
raises ValueError or TypeError naming the control.

Public API
    optimizer_explorer(**values)   a live OptimizerExplorer; controls: surface ("bowl",
                                   "elongated", "saddle", "rosenbrock"), optimizer ("gd",
                                   "momentum", "rmsprop", "adam"), learning_rate (1e-3 to
                                   10), beta1 (0 to 0.99), beta2 (0 to 0.999), num_steps
                                   (1 to 300), w1 and w2 (the surface's extent)
    OptimizerExplorer              its class: ``controls``, ``figure``, ``update``, ``path``
                                   (a helpers.surfaces.Path), ``summary``, ``DEFAULTS``
    OptimizerFigure(fig)           its picture alone, drawn into any matplotlib Figure;
                                   ``show(values)`` runs descend, updates it, returns the Path
    run_summary(path)              the read-outs of a Path: a dict (start_cost,
                                   final_cost, steps_to_target, diverged_at)
    UPDATE_RULES                   optimizer name -> its update rule in one line
    TARGET_COST, COST_FLOOR        10⁻³ (the target the read-out counts steps to), 10⁻¹²
"""
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator

from helpers import optimizers, surfaces
from helpers.style import LINE_WIDTH
from helpers.widgets.base import Explorer, readout_html

__all__ = ["COST_FLOOR", "OptimizerExplorer", "OptimizerFigure", "TARGET_COST", "UPDATE_RULES",
           "optimizer_explorer", "run_summary"]

_SURFACE_CHOICES = (("round bowl", "bowl"), ("elongated bowl", "elongated"),
                    ("saddle", "saddle"), ("Rosenbrock valley", "rosenbrock"))
_OPTIMIZER_CHOICES = (("gradient descent", "gd"), ("momentum", "momentum"),
                      ("RMSprop", "rmsprop"), ("Adam", "adam"))
_SURFACE_LABELS = dict((v, k) for k, v in _SURFACE_CHOICES)
_OPTIMIZER_LABELS = dict((v, k) for k, v in _OPTIMIZER_CHOICES)
_USES_BETA1 = ("momentum", "adam")
_USES_BETA2 = ("rmsprop", "adam")

UPDATE_RULES = {
    "gd": "w ← w − α g",
    "momentum": "v ← β1 v + (1 − β1) g;  w ← w − α v",
    "rmsprop": "s ← β2 s + (1 − β2) g²;  w ← w − α g / (√s + ε)",
    "adam": "v ← β1 v + (1 − β1) g,  s ← β2 s + (1 − β2) g²;  "
            "w ← w − α v̂ / (√ŝ + ε),  v̂ = v / (1 − β1ᵗ), ŝ = s / (1 − β2ᵗ)",
}

TARGET_COST = 1e-3  # the read-out counts the steps until J is below this
# The cost panel's log axis cannot show J = 0, which a step can reach exactly (gradient
# descent with α = 1 on the round bowl lands on the minimum in one step), and needs nothing
# far below the target: costs below COST_FLOOR are drawn at COST_FLOOR (the read-out shows
# the true numbers).
COST_FLOOR = 1e-12

_LR_EXPONENTS = (-3.0, 1.0)   # the learning rate runs from 1e-3 to 10 (log slider)
_BETA1_MAX, _BETA2_MAX = 0.99, 0.999
_STEPS_RANGE = (1, 300)
_START_STEP = 0.001           # the start sliders' resolution (the saddle starts at w2 = 0.001)
_N_GRID = 201                 # grid points per side of a contour plot
_N_LEVELS = 14                # filled contour levels, log-spaced from TARGET_COST to max J
_COST_HEADROOM = 100.0        # the cost panel reaches this far above the largest J in view
# The cost panel's step axis runs to the first of these that holds num_steps: its ticks
# change only when num_steps crosses one, so they are part of the kept picture.
_STEP_AXES = (10, 20, 50, 100, 150, 200, 300)

_PATH_COLOR = "#e6550d"       # the path and its cost curve: one run, one colour
_TARGET_COLOR = "#1a9850"     # J = 10⁻³: the dashed contour and the dashed line
_DIVERGED_COLOR = "#b2182b"   # the warning (readout_html's alert colour)
_CONTOUR_CMAP = "YlGnBu_r"
_LAYOUT = dict(left=0.085, right=0.985, bottom=0.25, top=0.84, wspace=0.24)  # figure fractions


def _union_extent():
    """The smallest box holding every surface's extent: the start sliders' ranges before
    the explorer has placed them for its surface."""
    boxes = np.array([s.extent for s in surfaces.SURFACES.values()])
    return boxes[:, 0].min(), boxes[:, 1].max(), boxes[:, 2].min(), boxes[:, 3].max()


def _cost_top(surface):
    """The top of the cost panel for a surface: a decade above its largest J in the extent
    (every start point is inside), times _COST_HEADROOM, so that a diverging path's first
    steps show before it leaves the panel at the top."""
    return _COST_HEADROOM * 10.0 ** math.ceil(math.log10(_contour_grid(surface)[2].max()))


def _step_axis(num_steps):
    """The right end of the cost panel's step axis for num_steps steps."""
    return next((n for n in _STEP_AXES if n >= num_steps), num_steps)


_GRIDS = {}  # surface name -> (W1, W2, J) on the extent: computed once per process


def _contour_grid(surface):
    if surface.name not in _GRIDS:
        x0, x1, y0, y1 = surface.extent
        W1, W2 = np.meshgrid(np.linspace(x0, x1, _N_GRID), np.linspace(y0, y1, _N_GRID))
        J = surface.cost(np.stack([W1.ravel(), W2.ravel()])).reshape(W1.shape)
        _GRIDS[surface.name] = (W1, W2, J)
    return _GRIDS[surface.name]


def _make_optimizer(values):
    name = values["optimizer"]
    settings = {}
    if name in _USES_BETA1:
        settings["beta1"] = float(values["beta1"])
    if name in _USES_BETA2:
        settings["beta2"] = float(values["beta2"])
    return optimizers.make(name, **settings)


def run_summary(path):
    """The read-outs of a helpers.surfaces.Path: {"start_cost": J at the start,
    "final_cost": J after the last step (inf
    for a diverged path), "steps_to_target": the first step with J < TARGET_COST or None,
    "diverged_at": the step at which the path left |w| <= DIVERGED_AT, or None}."""
    if not isinstance(path, surfaces.Path):
        raise TypeError(f"path must be a helpers.surfaces.Path (what descend returns), "
                        f"got {type(path).__name__}")
    return {"start_cost": float(path.costs[0]), "final_cost": float(path.costs[-1]),
            "steps_to_target": surfaces.steps_to_reach(path, TARGET_COST),
            "diverged_at": path.steps if path.diverged else None}


def _number(x):
    """A cost as the figure and the read-out write it: 3 significant digits, 0 as 0."""
    return "0" if x == 0 else f"{x:.3g}".replace("-", "−")


def _settings_text(values):
    name = values["optimizer"]
    parts = [f"α = {values['learning_rate']:.3g}"]
    if name in _USES_BETA1:
        parts.append(f"β1 = {values['beta1']:.3g}")
    if name in _USES_BETA2:
        parts.append(f"β2 = {values['beta2']:.4g}")
    # the start and the number of steps are on the plot (the circle, the step axis): every
    # glyph drawn costs time on each redraw
    return f"{_OPTIMIZER_LABELS[name]}, {', '.join(parts)}"


def _result_text(summary, num_steps):
    if summary["diverged_at"] is not None:
        return f"diverged at step {summary['diverged_at']} (|w| > 10⁶)"
    reached = summary["steps_to_target"]
    target = (f"J < 10⁻³ from step {reached}" if reached is not None
              else f"J ≥ 10⁻³ for all {num_steps} steps")
    return f"final J = {_number(summary['final_cost'])};  {target}"


class OptimizerFigure:
    """The explorer's picture, drawn into any matplotlib Figure: artists made once, then
    updated.

    fig: the Figure to draw into (its layout engine is switched off: the layout is fixed).
    ``show(values)`` runs helpers.surfaces.descend for control values {"surface",
    "optimizer", "learning_rate", "beta1", "beta2", "num_steps", "w1", "w2"}, updates
    every artist and returns the Path (``summary``: its run_summary). ``moving``: the
    artists that change with the run; ``scene``: the surface shown (blitting). Each
    surface's contours are made the first time it is shown and kept.
    """

    def __init__(self, fig):
        self.fig = fig
        fig.set_layout_engine("none")
        ax, cost_ax = fig.subplots(1, 2, width_ratios=[1.25, 1.0], gridspec_kw=_LAYOUT)
        self.ax, self.cost_ax = ax, cost_ax
        self.contours = {}  # surface name -> (filled contours, lines, the target's contour)

        # left: the contours (made per surface), the minimum, the path, its start and end
        # the minimum over the path's last dots, hollow so that they show through it
        (self.minimum,) = ax.plot([], [], "*", ms=16, mfc="none", mec="black", mew=1.5,
                                  zorder=7)
        (self.path_line,) = ax.plot([], [], "o-", color=_PATH_COLOR, lw=1.5, ms=3, zorder=5)
        (self.start_marker,) = ax.plot([], [], "o", ms=9, mfc="white", mec="black", mew=1.5,
                                       zorder=6)
        (self.end_marker,) = ax.plot([], [], "o", ms=6, color=_PATH_COLOR, mec="black",
                                     mew=0.8, zorder=6)
        self.diverged_text = ax.text(0.98, 0.96, "", transform=ax.transAxes, ha="right",
                                     va="top", fontsize=10, color=_DIVERGED_COLOR, zorder=7,
                                     bbox=dict(boxstyle="round,pad=0.25", fc="white",
                                               ec=_DIVERGED_COLOR, alpha=0.9))
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        ax.grid(False)
        ax.set_title("", fontsize=10)

        # right: the cost per step on a log scale, the target, the step it is reached
        cost_ax.set_yscale("log")
        cost_ax.yaxis.set_major_locator(LogLocator(numticks=6))
        cost_ax.yaxis.set_minor_locator(NullLocator())
        cost_ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6, min_n_ticks=1))
        self.target_line = cost_ax.axhline(TARGET_COST, color=_TARGET_COLOR, lw=1.5, ls="--",
                                           zorder=2)
        (self.cost_line,) = cost_ax.plot([], [], color=_PATH_COLOR, lw=LINE_WIDTH, zorder=3)
        (self.reached_marker,) = cost_ax.plot([], [], "o", ms=7, mfc="none",
                                              mec=_TARGET_COLOR, mew=2, zorder=4)
        (self.diverged_line,) = cost_ax.plot([], [], color=_DIVERGED_COLOR, lw=1.5, ls=":",
                                             zorder=4)
        cost_ax.set_xlabel("step")
        cost_ax.set_ylabel("cost J")
        self.floor_note = cost_ax.text(0.98, 0.03, "", transform=cost_ax.transAxes, ha="right",
                                       va="bottom", fontsize=8.5, color="0.3")
        self.result = cost_ax.set_title("", fontsize=10)

        self.header = fig.text(0.5, 0.975, "", ha="center", va="top", fontsize=11)
        fig.legend(handles=[self.path_line, self.start_marker, self.minimum,
                            Line2D([], [], color=_TARGET_COLOR, lw=1.5, ls="--"),
                            self.reached_marker],
                   labels=["path, one dot per step", "start", "minimum",
                           "J = 10⁻³ (the target)", "first step below it"],
                   loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=5, fontsize=9,
                   handlelength=1.8, columnspacing=1.2)
        self.scene = None  # (surface, end of the step axis) the static part is set up for
        self.path = self.summary = None
        # What changes with the run, drawn over a kept picture of the rest (blitting); the
        # contours, the axes and their ticks change only with the surface and the step axis.
        self.moving = [self.path_line, self.start_marker, self.end_marker, self.minimum,
                       self.diverged_text,
                       self.cost_line, self.reached_marker, self.diverged_line,
                       self.floor_note, self.result, self.header]

    def _set_scene(self, name, step_axis):
        """Contours, limits and titles for one surface and step axis (the static part)."""
        surface = surfaces.SURFACES[name]
        if name not in self.contours:
            W1, W2, J = _contour_grid(surface)
            J = np.maximum(J, COST_FLOOR)  # J = 0 at a minimum on the grid: no log of 0
            levels = np.geomspace(TARGET_COST, J.max(), _N_LEVELS)
            filled = self.ax.contourf(W1, W2, J, levels=levels, norm=LogNorm(), cmap=_CONTOUR_CMAP,
                                      alpha=0.85, zorder=0)
            lines = self.ax.contour(W1, W2, J, levels=levels, colors="white", linewidths=0.5,
                                    alpha=0.8, zorder=1)
            target = self.ax.contour(W1, W2, J, levels=[TARGET_COST], colors=_TARGET_COLOR,
                                     linewidths=1.5, linestyles="--", zorder=2)
            self.contours[name] = (filled, lines, target)
        for shown, artists in self.contours.items():
            for artist in artists:
                artist.set_visible(shown == name)
        x0, x1, y0, y1 = surface.extent
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.minimum.set_data([surface.minimum[0]], [surface.minimum[1]])
        self.ax.set_title(f"{_SURFACE_LABELS[name]}: J = {surface.formula}", fontsize=10)
        self.cost_ax.set_ylim(COST_FLOOR, _cost_top(surface))
        self.cost_ax.set_xlim(0, step_axis)
        self.scene = (name, step_axis)

    def show(self, values):
        """Run descend for ``values``, update every artist, return the Path."""
        name, num_steps = values["surface"], int(values["num_steps"])
        if (name, _step_axis(num_steps)) != self.scene:
            self._set_scene(name, _step_axis(num_steps))
        start = np.array([float(values["w1"]), float(values["w2"])])
        path = surfaces.descend(name, _make_optimizer(values), float(values["learning_rate"]),
                                num_steps, start)
        summary = run_summary(path)
        # a diverged path's last point is the first one outside |w| <= 1e6, maybe not finite
        shown = path.points[np.all(np.isfinite(path.points), axis=1)]
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.start_marker.set_data([start[0]], [start[1]])
        if path.diverged:  # its end is off the plot: the text says so
            self.end_marker.set_data([], [])
        else:
            self.end_marker.set_data([path.points[-1, 0]], [path.points[-1, 1]])

        top = self.cost_ax.get_ylim()[1]
        # floored at COST_FLOOR (J = 0 has no place on a log axis); a diverged step (J = inf)
        # drawn just above the panel, so the curve leaves it at the top
        drawn = np.clip(path.costs, COST_FLOOR, 10 * top)
        steps = np.arange(path.steps + 1)
        self.cost_line.set_data(steps, drawn)
        floored = bool(np.any(path.costs < COST_FLOOR))
        self.floor_note.set_text("J < 10⁻¹² drawn at 10⁻¹²" if floored else "")
        reached = summary["steps_to_target"]
        if reached is None:
            self.reached_marker.set_data([], [])
        else:
            self.reached_marker.set_data([reached], [drawn[reached]])
        diverged = summary["diverged_at"]
        if diverged is None:
            self.diverged_line.set_data([], [])
            self.diverged_text.set_text("")
            self.diverged_text.set_visible(False)
        else:
            self.diverged_line.set_data([diverged, diverged], [COST_FLOOR, 10 * top])
            self.diverged_text.set_text(f"diverged at step {diverged}: the path leaves the plot")
            self.diverged_text.set_visible(True)
        self.result.set_text(_result_text(summary, num_steps))
        self.result.set_color(_DIVERGED_COLOR if diverged is not None else "black")
        self.header.set_text(_settings_text(values))
        self.path, self.summary = path, summary
        return path


_ITEM_WIDTH = "215px"  # the widest item: "steps to J < 10⁻³  not within 300 steps"


def _readout(values, summary):
    name, num_steps = values["optimizer"], int(values["num_steps"])
    diverged, reached = summary["diverged_at"], summary["steps_to_target"]
    final = ("—" if diverged is not None else f"<b>{_number(summary['final_cost'])}</b>")
    steps = (f"<b>{reached}</b>" if reached is not None
             else f"<b>not within {num_steps} steps</b>")
    items = [
        ("final cost <i>J</i>", final, "the cost after the last step"),
        ("steps to <i>J</i> &lt; 10⁻³", steps,
         "the first step at which the cost is below 10⁻³ (0: the start already is)"),
        ("start cost <i>J</i>", f"{_number(summary['start_cost'])}", "the cost at the start point"),
    ]
    alert = ""
    if diverged is not None:
        alert = (f"<b>diverged at step {diverged}</b>: the path left |w| ≤ 10⁶; "
                 f"a smaller learning rate α keeps it on the surface")
    title = (f"<b>{_OPTIMIZER_LABELS[name]}</b> on the {_SURFACE_LABELS[values['surface']]}, "
             f"α = {values['learning_rate']:.3g}")
    notes = [f"update: {UPDATE_RULES[name]}"]
    if name == "rmsprop" and values["beta2"] > 0.99:
        notes.append("RMSprop has no bias correction: with β2 near 1 its first steps are "
                     "much longer than α")
    return readout_html(title, items, notes, item_width=_ITEM_WIDTH, alert=alert,
                        alert_color=_DIVERGED_COLOR)


class OptimizerExplorer(Explorer):
    """Pick a surface, an optimizer and its settings, and a start point; see the path down
    the surface and the cost per step. ``path``: the latest helpers.surfaces.Path;
    ``summary``: its read-outs (run_summary)."""

    figsize = (9.4, 4.0)
    readout_width = "240px"
    DEFAULTS = {"surface": "elongated", "optimizer": "adam", "learning_rate": 0.1,
                "beta1": 0.9, "beta2": 0.999, "num_steps": 150,
                "w1": surfaces.SURFACES["elongated"].start[0],
                "w2": surfaces.SURFACES["elongated"].start[1]}
    backgrounds_kept = 12  # pictures of the static part: (surface, step axis) pairs

    def _make_controls(self):
        slider = dict(continuous_update=True, style={"description_width": "initial"})
        lo, hi = _LR_EXPONENTS
        x0, x1, y0, y1 = _union_extent()  # until the explorer places them for its surface
        return {
            "surface": widgets.Dropdown(options=list(_SURFACE_CHOICES), description="surface"),
            "optimizer": widgets.Dropdown(options=list(_OPTIMIZER_CHOICES),
                                          description="optimizer"),
            "learning_rate": widgets.FloatLogSlider(base=10, min=lo, max=hi, step=0.05,
                                                    readout_format=".3g",
                                                    description="learning rate α", **slider),
            "beta1": widgets.FloatSlider(min=0.0, max=_BETA1_MAX, step=0.01, readout_format=".2f",
                                         description="β1", **slider),
            "beta2": widgets.FloatSlider(min=0.0, max=_BETA2_MAX, step=0.001,
                                         readout_format=".3f", description="β2", **slider),
            "num_steps": widgets.IntSlider(min=_STEPS_RANGE[0], max=_STEPS_RANGE[1],
                                           description="steps", **slider),
            "w1": widgets.FloatSlider(min=x0, max=x1, step=_START_STEP, readout_format=".3g",
                                      description="start w1", **slider),
            "w2": widgets.FloatSlider(min=y0, max=y1, step=_START_STEP, readout_format=".3g",
                                      description="start w2", **slider),
        }

    def _build(self, fig):
        self.drawing = OptimizerFigure(fig)
        self._start_for = None  # the surface the start sliders' ranges are set for
        self.path = self.summary = None

    # --- the start sliders follow the surface ---------------------------------------------
    def _start_state(self):
        return self._start_for, {k: (self.controls[k].min, self.controls[k].max,
                                     self.controls[k].value) for k in ("w1", "w2")}

    def _set_start(self, start_for, ranges):
        """Set the start sliders' (min, max, value) at once, without a redraw."""
        holding, self._holding = self._holding, True
        try:
            for key, (lo, hi, value) in ranges.items():
                control = self.controls[key]
                with control.hold_sync(), control.hold_trait_notifications():
                    control.min, control.max, control.value = lo, hi, value
        finally:
            self._holding = holding
        self._start_for = start_for

    def _place_start(self, name):
        """The start sliders for surface ``name``: its extent as ranges, its start."""
        surface = surfaces.SURFACES[name]
        x0, x1, y0, y1 = surface.extent
        self._set_start(name, {"w1": (x0, x1, float(surface.start[0])),
                               "w2": (y0, y1, float(surface.start[1]))})

    def update(self, **values):
        """Set the named controls, then redraw once (helpers.widgets.base). A new surface
        moves the start sliders to its extent and its start first; w1 and w2 given with it
        are checked against that extent. Nothing changes if a value is refused."""
        with self._lock:
            return self._update(values)

    def _update(self, values):
        name = values.get("surface", self.controls["surface"].value)
        if not (isinstance(name, str) and name in surfaces.SURFACES) or name == self._start_for:
            return super().update(**values)  # a bad surface is refused there, by name
        saved = self._start_state()
        self._place_start(name)
        try:
            return super().update(**values)
        except (TypeError, ValueError):
            self._set_start(*saved)
            raise

    def _on_change(self, change):
        with self._lock:
            # a surface picked in the dropdown: the start sliders follow it before the redraw
            if change["owner"] is self.controls["surface"] and not self._holding:
                self._place_start(change["new"])
            super()._on_change(change)

    # --- the explorer's hooks ---------------------------------------------------------------
    def _moving_artists(self):
        return self.drawing.moving

    def _scene(self):
        return self.drawing.scene

    def _redraw(self, values):
        # β1 applies to momentum and Adam, β2 to RMSprop and Adam: grey out the other
        self.controls["beta1"].disabled = values["optimizer"] not in _USES_BETA1
        self.controls["beta2"].disabled = values["optimizer"] not in _USES_BETA2
        self.path = self.drawing.show(values)
        self.summary = self.drawing.summary
        return _readout(values, self.summary)


def optimizer_explorer(**values):
    """A live OptimizerExplorer; ``values`` set its controls: surface ("bowl", "elongated",
    "saddle", "rosenbrock"), optimizer ("gd", "momentum", "rmsprop", "adam"), learning_rate
    (1e-3 to 10), beta1 (0 to 0.99), beta2 (0 to 0.999), num_steps (1 to 300) and the start
    point w1, w2 (within the surface's extent; a new surface starts at its own start)."""
    return OptimizerExplorer(**values)
