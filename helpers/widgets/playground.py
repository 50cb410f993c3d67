"""The training playground (lesson 04, referenced from 05 and 06): train a small network
live and watch its decision boundary bend, in the spirit of the TensorFlow Playground.

Pick a data set (the flower, two circles, XOR, a spiral; 400 training and 200 test points,
seeded), its noise, the network (1 to 4 hidden layers of 1 to 8 units, the hidden
activation, lesson 06's initialization scheme), the learning rate α (a slider over
log-spaced values, LEARNING_RATES), lesson 10's optimizer and a seed (for the data and
the initial weights). Then press
play: the network trains in the kernel, a frame at a time, while the notebook stays free;
pause stops it, step trains one frame's worth of iterations, reset goes back to the
seeded start. The figure shows

- left: P(y = 1 | x), what the network predicts over the plane (a coarse grid, pale
  orange for 0, white at 0.5, pale green for 1), the training points filled and the test
  points hollow, in the colour of their label;
- middle: the cost J on the training set at every iteration and on the test set every
  TEST_EVERY iterations;
- right: what each unit of the first hidden layer computes over the same plane (its
  activation A[1], helpers.network.hidden_unit_activations), one small panel per unit.

The read-out gives the iteration, the seed, both costs and accuracies at the current
weights, and says when training diverged (a learning rate too large: the weights
overflowed float64) or reached MAX_ITERATIONS.

Training is helpers.network's, step for step: ``.step(n)`` trains n iterations with
network.forward, network.backward and network.update (gradient descent) or the
optimizer's step (helpers.optimizers, default settings), so after ``.step(n)`` the
parameters are those of ``network.train(X_train, Y_train, layer_dims, activations, α, n,
method=init, seed=seed, optimizer=...)``, and ``train_costs`` its costs. A change of any
control but the learning rate restarts from the seeded start (new data or a new network);
a new learning rate applies from the next iteration on.

While playing, a background thread trains ITERATIONS_PER_FRAME iterations, redraws and
yields, holding the explorer's lock (helpers.widgets.base) for each frame, so a slider moved
meanwhile is handled between two frames. ``pause()`` stops the thread and waits for it (no
thread is left running); ``close()`` pauses and closes the widgets.

Speed: the artists are made once; the static part (axes, ticks, titles: it depends on
the settings and the cost panel's limits) is kept as pixels, and the map, the points, the
curves and the unit panels are blitted over it (helpers.widgets.base). The iteration count
is in the read-out, not in the figure: a text redrawn every frame costs about as much as
the map.
benchmarks/playground_fps.py measures the frames per second for a 2-8-8-1 network.

    pg = playground(dataset="flower", hidden_layers=1, units=4, optimizer="gd",
                    learning_rate=1.2)
    pg.step(1000)             # train 1000 iterations now (what tests do)
    pg.params, pg.iteration   # the weights, the iterations trained
    pg.play(); pg.pause()     # what the play button does

Public API
    playground(**values)      a live PlaygroundExplorer; controls: dataset ("flower",
                              "circles", "xor", "spiral"), noise (0 to 0.5), hidden_layers
                              (1 to 4), units (1 to 8), activation ("tanh", "relu",
                              "sigmoid"), init (helpers.initializers.METHODS),
                              learning_rate (one of LEARNING_RATES), optimizer ("gd", "momentum",
                              "rmsprop", "adam"), seed (0 to 20)
    PlaygroundExplorer        its class: controls, figure, update, DEFAULTS, step(n), play(),
                              pause(), reset(), close(), playing, iteration, params,
                              train_costs, test_costs, X_train, Y_train, X_test, Y_test,
                              layer_dims, activations, diverged_at, summary
    playground_data(dataset, noise, seed) -> X_train (2, 400), Y_train (1, 400), X_test
                              (2, 200), Y_test (1, 200): the playground's data
    DATASETS                  the data sets' names
    LEARNING_RATES            the learning rate slider's values: 1e-4, 3e-4, ..., 1, 1.2, 3, 10
    N_TRAIN, N_TEST           400 and 200 points
    ITERATIONS_PER_FRAME      iterations trained per frame while playing (and per step press)
    TEST_EVERY, MAX_ITERATIONS   the test cost's spacing (10); where training stops (50,000)
"""
import threading

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D

from helpers import datasets, losses, optimizers
from helpers import network as net
from helpers.initializers import METHODS, initialize
from helpers.shapes import check_choice, check_count, check_real, check_seed
from helpers.style import ACTIVATION_NAMES, LINE_WIDTH
from helpers.widgets.base import Explorer, readout_html

__all__ = ["DATASETS", "ITERATIONS_PER_FRAME", "LEARNING_RATES", "MAX_ITERATIONS", "N_TEST",
           "N_TRAIN", "PlaygroundExplorer", "TEST_EVERY", "playground", "playground_data"]

DATASETS = ("flower", "circles", "xor", "spiral")
N_TRAIN = 400
N_TEST = 200
ITERATIONS_PER_FRAME = 10
TEST_EVERY = 10
MAX_ITERATIONS = 50_000

_DATASET_CHOICES = (("flower", "flower"), ("circles", "circles"), ("XOR", "xor"),
                    ("spiral", "spiral"))
_DATASET_LABELS = dict((v, k) for k, v in _DATASET_CHOICES)
_OPTIMIZER_CHOICES = (("gradient descent", "gd"), ("momentum", "momentum"),
                      ("RMSprop", "rmsprop"), ("Adam", "adam"))
_OPTIMIZER_LABELS = dict((v, k) for k, v in _OPTIMIZER_CHOICES)
_HIDDEN = ("tanh", "relu", "sigmoid")
_NOISE_MAX = 0.5
_FLOWER_SIZE = 4.0          # the flower's longest ray: its noise is noise * 4 (the others': 1)
_CIRCLES_FACTOR = 0.5       # the inner circle's radius
# The learning rate's slider: log-spaced steps from 1e-4 to 10, and the course's 1.2 (lesson
# 04). A selection of values rather than a FloatLogSlider: the browser moves a log slider's
# value to its nearest step (1.2 would become 1.26 as soon as the widget is shown).
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 1.2, 3.0, 10.0)
_SEED_MAX = 20
_MAX_LAYERS, _MAX_UNITS = 4, 8
_GRID = 60                  # the probability map: _GRID x _GRID points over the plane
# the cost panel's iteration axis ends at the first of these that holds the iterations
# trained: its ticks change only when one is crossed, so they belong to the kept picture
_ITERATION_AXES = (100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, MAX_ITERATIONS)
_CURVE_POINTS = 1000        # at most this many points of each cost curve are drawn
# a change of one of these restarts training from the seeded start (the learning rate
# only applies from the next iteration on)
_RESTART = ("dataset", "noise", "hidden_layers", "units", "activation", "init", "optimizer",
            "seed")

_CLASS_COLORS = ("#d95f02", "#1b9e77")  # label 0, label 1 (the lessons' decision boundaries)
_MAP_CMAP = LinearSegmentedColormap.from_list("playground", ["#f6c49b", "#ffffff", "#9fdcc6"])
_UNIT_CMAP = "PuOr_r"
_TRAIN_COLOR, _TEST_COLOR = "#3060a0", "#b03060"
_DIVERGED_COLOR = "#b2182b"


# ---- the data -----------------------------------------------------------------------------

def playground_data(dataset, noise=0.0, seed=1):
    """The playground's data: N_TRAIN = 400 training and N_TEST = 200 test points.

    dataset: "flower" (helpers.datasets.planar_flower(600, seed), its columns shuffled and
    split by np.random.default_rng(seed), then Gaussian noise of std 4 * noise added to each
    coordinate: the flower is 4 times the others' size), "circles" (datasets.circles, inner
    radius 0.5), "xor" (datasets.xor) or "spiral" (datasets.spiral), each with ``noise``.
    noise: a finite real in [0, 0.5]; seed: a whole number >= 0.
    Returns X_train (2, 400), Y_train (1, 400), X_test (2, 200), Y_test (1, 200), float64.
    """
    dataset = check_choice(dataset, DATASETS, "dataset", "a data set")
    noise = check_real(noise, "noise", 0.0, _NOISE_MAX)
    seed = check_seed(seed)
    if dataset == "flower":
        X, Y = datasets.planar_flower(N_TRAIN + N_TEST, seed)
        rng = np.random.default_rng(seed)
        order = rng.permutation(N_TRAIN + N_TEST)
        X = X[:, order] + _FLOWER_SIZE * noise * rng.standard_normal(X.shape)
        Y = Y[:, order]
        return X[:, :N_TRAIN], Y[:, :N_TRAIN], X[:, N_TRAIN:], Y[:, N_TRAIN:]
    if dataset == "circles":
        return datasets.circles(N_TRAIN, N_TEST, noise=noise, factor=_CIRCLES_FACTOR, seed=seed)
    maker = datasets.xor if dataset == "xor" else datasets.spiral
    return maker(N_TRAIN, N_TEST, noise=noise, seed=seed)


def _extent(X_train, X_test):
    """A square centred at 0 around every point: 8 % of margin, rounded up to a quarter."""
    half = float(max(np.abs(X_train).max(), np.abs(X_test).max()))
    half = np.ceil(half * 1.08 * 4) / 4  # to a quarter, so that the ticks stay round
    return (-half, half, -half, half)


# ---- the picture --------------------------------------------------------------------------

class _PlaygroundFigure:
    """The playground's artists, made once: the map with the points, the cost curves, the
    unit panels and the texts; ``moving``: what a frame redraws over the kept picture."""

    def __init__(self, fig):
        fig.set_layout_engine("none")
        self.fig = fig
        W, H = fig.get_size_inches()

        def rect(left, bottom, width, height):  # inches -> figure fractions
            return [left / W, bottom / H, width / W, height / H]

        self.map_ax = fig.add_axes(rect(0.45, 0.38, 2.95, 2.95))
        self.cost_ax = fig.add_axes(rect(4.0, 0.62, 2.75, 2.71))
        side, gap = 0.72, 0.1  # the unit panels: 4 rows of 2, under a title
        self.unit_axes = []
        for i in range(_MAX_UNITS):
            row, col = divmod(i, 2)
            ax = fig.add_axes(rect(7.15 + col * (side + gap), 3.33 - side - row * (side + gap),
                                   side, side))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            self.unit_axes.append(ax)
        fig.text((7.15 + side + gap / 2) / W, 3.42 / H, "layer 1's units: A[1]", ha="center",
                 va="bottom", fontsize=10)

        empty = np.full((_GRID, _GRID), 0.5)
        ax = self.map_ax
        self.map = ax.imshow(empty, origin="lower", cmap=_MAP_CMAP, vmin=0.0, vmax=1.0,
                             interpolation="nearest", aspect="auto", zorder=0)
        # one line of markers per set and label: much faster to draw than a scatter
        self.train_points = [ax.plot([], [], "o", ls="none", ms=3.4, mfc=c, mec="0.15", mew=0.4,
                                     zorder=2)[0] for c in _CLASS_COLORS]
        self.test_points = [ax.plot([], [], "o", ls="none", ms=3.8, mfc="white", mec=c, mew=1.1,
                                    zorder=3)[0] for c in _CLASS_COLORS]
        ax.set_title("P(y = 1) over the plane", fontsize=10)
        ax.grid(False)
        ax.tick_params(labelsize=8)
        self.units = [a.imshow(empty, origin="lower", cmap=_UNIT_CMAP, vmin=-1.0, vmax=1.0,
                               interpolation="nearest", aspect="auto") for a in self.unit_axes]

        cax = self.cost_ax
        (self.train_line,) = cax.plot([], [], color=_TRAIN_COLOR, lw=LINE_WIDTH, zorder=3)
        (self.test_line,) = cax.plot([], [], color=_TEST_COLOR, lw=1.5, ls="--", zorder=3)
        cax.set_xlabel("iteration")
        cax.set_ylabel("cost J")
        cax.tick_params(labelsize=8)
        cax.legend(handles=[self.train_line, self.test_line,
                            Line2D([], [], ls="none", marker="o", mfc="0.5", mec="0.15", mew=0.4),
                            Line2D([], [], ls="none", marker="o", mfc="white", mec="0.5", mew=1.1)],
                   labels=["training set", "test set", "training point", "test point"],
                   fontsize=8, loc="upper right", handlelength=1.6)
        self.header = fig.text(0.45 / W, 1 - 0.05 / H, "", ha="left", va="top", fontsize=10.5)
        self.diverged_text = self.map_ax.text(0.5, 0.5, "", transform=self.map_ax.transAxes,
                                              ha="center", va="center", fontsize=10,
                                              color=_DIVERGED_COLOR, zorder=5,
                                              bbox=dict(boxstyle="round,pad=0.3", fc="white",
                                                        ec=_DIVERGED_COLOR, alpha=0.9))
        self.diverged_text.set_visible(False)
        self.moving = [self.map, *self.train_points, *self.test_points, *self.units,
                       self.train_line, self.test_line, self.diverged_text]
        self.scene = None

    def set_scene(self, scene, run):
        """The static part for one run: limits, the grid's extent, the points' colours, the
        unit panels shown and their colour range, the cost panel's limits."""
        x0, x1, y0, y1 = run.extent
        for image in (self.map, *self.units):
            image.set_extent((x0, x1, y0, y1))
        self.map_ax.set_xlim(x0, x1)
        self.map_ax.set_ylim(y0, y1)
        for label in (0, 1):
            train, test = run.Y_train[0] == label, run.Y_test[0] == label
            self.train_points[label].set_data(run.X_train[0, train], run.X_train[1, train])
            self.test_points[label].set_data(run.X_test[0, test], run.X_test[1, test])
        units = run.layer_dims[1]
        low = -1.0 if run.activations[0] == "tanh" else 0.0
        for i, (ax, image) in enumerate(zip(self.unit_axes, self.units)):
            ax.set_visible(i < units)
            image.set_clim(low, 1.0)
        self.cost_ax.set_xlim(0, scene[-1])
        self.cost_ax.set_ylim(0, scene[-2])
        self.header.set_text(scene[1])
        self.scene = scene

    def show(self, run, values):
        """Update every moving artist for the run's current state."""
        # the static part: the run, the settings written above, the cost panel's limits
        scene = (run.key, _network_text(run.layer_dims, values), run.cost_top,
                 _iteration_axis(run.iteration))
        if scene != self.scene:
            self.set_scene(scene, run)
        probability, hidden = run.picture()
        self.map.set_data(probability.reshape(_GRID, _GRID))
        relu = run.activations[0] == "relu"
        for i, image in enumerate(self.units[:run.layer_dims[1]]):
            image.set_data(hidden[i].reshape(_GRID, _GRID))
            if relu:  # ReLU has no top: each panel runs from 0 to its unit's largest value
                image.set_clim(0.0, max(float(hidden[i].max()), 1e-12))
        n = run.iteration
        stride = max(1, -(-n // _CURVE_POINTS))
        steps = np.arange(0, n, stride)
        self.train_line.set_data(steps, run.train_costs[::stride])
        tests = run.test_costs
        tstride = max(1, -(-len(tests) // _CURVE_POINTS))
        self.test_line.set_data(np.arange(len(tests))[::tstride] * TEST_EVERY, tests[::tstride])
        if run.diverged_at is not None:
            self.diverged_text.set_text(f"diverged at iteration {run.diverged_at}:\n"
                                        f"try a smaller learning rate")
            self.diverged_text.set_visible(True)
        else:
            self.diverged_text.set_visible(False)


def _iteration_axis(n):
    return next(a for a in _ITERATION_AXES if a >= max(n, 1))


def _network_text(layer_dims, values):
    dims = "-".join(map(str, layer_dims))
    return (f"{_DATASET_LABELS[values['dataset']]}, noise {values['noise']:.2f}, seed "
            f"{values['seed']};  a {dims} network, {ACTIVATION_NAMES[values['activation']]}, "
            f"{values['init']} initialization, {_OPTIMIZER_LABELS[values['optimizer']]}, "
            f"α = {values['learning_rate']:.3g}")


# ---- one training run ---------------------------------------------------------------------

class _Run:
    """The data, the network and its training state for one setting of the restart controls."""

    def __init__(self, values):
        self.key = tuple(values[k] for k in _RESTART)
        self.X_train, self.Y_train, self.X_test, self.Y_test = playground_data(
            values["dataset"], values["noise"], values["seed"])
        self.extent = _extent(self.X_train, self.X_test)
        x0, x1, y0, y1 = self.extent
        g0, g1 = np.meshgrid(np.linspace(x0, x1, _GRID), np.linspace(y0, y1, _GRID))
        self.grid = np.vstack([g0.ravel(), g1.ravel()])
        hidden = int(values["hidden_layers"])
        self.layer_dims = [2] + [int(values["units"])] * hidden + [1]
        self.activations = [values["activation"]] * hidden + ["sigmoid"]
        self.params = initialize(self.layer_dims, method=values["init"], seed=values["seed"])
        name = values["optimizer"]
        self.optimizer = None if name == "gd" else optimizers.make(name)
        self.state = self.optimizer.init(self.params) if self.optimizer is not None else None
        self.iteration = 0
        self.diverged_at = None
        self._train = np.empty(MAX_ITERATIONS)
        self._test = np.empty(MAX_ITERATIONS // TEST_EVERY + 1)
        self._summary = self._picture = None
        start = self.summary()["train_cost"]
        self.cost_top = max(1.0, float(np.ceil(start * 1.15 * 10) / 10))

    @property
    def train_costs(self):
        return self._train[:self.iteration]

    @property
    def test_costs(self):
        return self._test[:-(-self.iteration // TEST_EVERY)]

    @property
    def finished(self):
        return self.diverged_at is not None or self.iteration >= MAX_ITERATIONS

    def train(self, n, learning_rate):
        """n iterations (fewer if training diverges or reaches MAX_ITERATIONS)."""
        X, Y, acts = self.X_train, self.Y_train, self.activations
        params, state, i = self.params, self.state, self.iteration
        end = min(i + n, MAX_ITERATIONS)
        try:
            with net.float64_arithmetic("the playground's training"):
                while i < end and self.diverged_at is None:
                    AL, caches = net.forward(X, params, acts)
                    cost = losses.cost_from_logits_unchecked(caches[-1].Z, Y, "sigmoid")
                    if not cost < np.inf:
                        raise ValueError(f"the cost is {cost}")
                    if i % TEST_EVERY == 0:
                        self._test[i // TEST_EVERY] = net.network_cost(
                            self.X_test, self.Y_test, params, acts)
                    grads = net.backward(AL, Y, caches)
                    if self.optimizer is None:
                        params = net.update(params, grads, learning_rate)
                    else:
                        params, state = self.optimizer.step(params, grads, state, learning_rate)
                    self._train[i] = cost
                    i += 1
        except ValueError:
            self.diverged_at = i  # the weights before the step that overflowed are kept
        self.params, self.state, self.iteration = params, state, i
        self._summary = self._picture = None

    def summary(self):
        """Costs and accuracies at the current weights (cached until the next training)."""
        if self._summary is None:
            acts, p = self.activations, self.params
            out = {}
            with net.float64_arithmetic("the playground's read-out"):
                for part, X, Y in (("train", self.X_train, self.Y_train),
                                   ("test", self.X_test, self.Y_test)):
                    AL, caches = net.forward(X, p, acts)
                    out[f"{part}_cost"] = losses.cost_from_logits_unchecked(caches[-1].Z, Y,
                                                                            "sigmoid")
                    out[f"{part}_accuracy"] = float(np.mean((AL > 0.5) == (Y == 1)))
            self._summary = out
        return self._summary

    def picture(self):
        """P(y = 1) on the grid (_GRID**2,) and the first layer's A[1] there (n1, _GRID**2)."""
        if self._picture is None:
            try:
                with net.float64_arithmetic("the playground's picture"):
                    AL, caches = net.forward(self.grid, self.params, self.activations)
                self._picture = (AL[0], caches[0].A)
            except ValueError:  # weights so large that the plane's corners overflow: blank
                self._picture = (np.full(_GRID ** 2, np.nan),
                                 np.full((self.layer_dims[1], _GRID ** 2), np.nan))
        return self._picture


# ---- the explorer -------------------------------------------------------------------------

def _readout(run, values, playing):
    s = run.summary()
    items = [
        ("iteration", f"<b>{run.iteration:,}</b>", "gradient steps taken since the start"),
        ("seed", f"<b>{values['seed']}</b>", "the data's and the initial weights' seed"),
        ("training cost <i>J</i>", f"<b>{s['train_cost']:.4f}</b>",
         f"J on the {N_TRAIN} training points, at the current weights"),
        ("test cost <i>J</i>", f"<b>{s['test_cost']:.4f}</b>",
         f"J on the {N_TEST} test points, at the current weights"),
        ("training accuracy", f"{100 * s['train_accuracy']:.1f} %", "points predicted right"),
        ("test accuracy", f"{100 * s['test_accuracy']:.1f} %", "points predicted right"),
        ("parameters", f"{sum(p.size for p in run.params.values())}",
         "weights and biases of the network"),
    ]
    alert = ""
    if run.diverged_at is not None:
        alert = (f"<b>diverged at iteration {run.diverged_at}</b>: the weights overflowed; "
                 f"a smaller learning rate α keeps training finite (reset to start again)")
    elif run.iteration >= MAX_ITERATIONS:
        alert = f"stopped at {MAX_ITERATIONS:,} iterations: reset to start again"
    state = "playing" if playing else "paused"
    title = (f"<b>{'-'.join(map(str, run.layer_dims))}</b> on the "
             f"{_DATASET_LABELS[values['dataset']]} ({state})")
    notes = [f"{N_TRAIN} training points (filled), {N_TEST} test points (hollow)",
             "any change but α restarts from the seeded start"]
    return readout_html(title, items, notes, item_width="200px", alert=alert,
                        alert_color=_DIVERGED_COLOR)


class PlaygroundExplorer(Explorer):
    """Train a small network on a 2-D data set, live; see the module docstring.

    ``step(n)`` trains n iterations now; ``play()`` / ``pause()`` start and stop the
    background training (the play button); ``reset()`` goes back to the seeded start;
    ``close()`` stops training and closes the widgets. ``params``, ``iteration``,
    ``train_costs`` (one per iteration: J before its update), ``test_costs`` (J on the test
    set at iterations 0, TEST_EVERY, 2 TEST_EVERY, ...), the data and the network's
    ``layer_dims`` / ``activations`` describe the current run.
    """

    figsize = (9.0, 3.9)
    readout_width = "220px"
    DEFAULTS = {"dataset": "flower", "noise": 0.0, "hidden_layers": 2, "units": 4,
                "activation": "tanh", "init": "xavier", "learning_rate": 0.03,
                "optimizer": "adam", "seed": 1}
    backgrounds_kept = 4
    frame_pause = 0.01  # seconds the thread rests between frames (the kernel's other work)

    def __init__(self, **values):
        self._thread = None
        self._stop = threading.Event()
        self._run = None
        self.buttons = {
            "play": widgets.ToggleButton(value=False, description="play", icon="play",
                                         tooltip="train in the background; press again to pause"),
            "step": widgets.Button(description="step", icon="step-forward",
                                   tooltip=f"train {ITERATIONS_PER_FRAME} iterations"),
            "reset": widgets.Button(description="reset", icon="undo",
                                    tooltip="back to the seeded start"),
        }
        super().__init__(**values)
        self.buttons["play"].observe(self._on_play, names="value")
        self.buttons["step"].on_click(lambda _: self.step(ITERATIONS_PER_FRAME))
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.container.children = (widgets.HBox(list(self.buttons.values())),
                                   *self.container.children)

    # --- the explorer's hooks ---------------------------------------------------------------
    def _make_controls(self):
        slider = dict(continuous_update=True, style={"description_width": "initial"})
        return {
            "dataset": widgets.Dropdown(options=list(_DATASET_CHOICES), description="data"),
            "noise": widgets.FloatSlider(min=0.0, max=_NOISE_MAX, step=0.01, readout_format=".2f",
                                         description="noise", **slider),
            "hidden_layers": widgets.IntSlider(min=1, max=_MAX_LAYERS, description="hidden layers",
                                               **slider),
            "units": widgets.IntSlider(min=1, max=_MAX_UNITS, description="units per layer",
                                       **slider),
            "activation": widgets.Dropdown(options=[(ACTIVATION_NAMES[a], a) for a in _HIDDEN],
                                           description="activation"),
            "init": widgets.Dropdown(options=list(METHODS), description="initialization"),
            "learning_rate": widgets.SelectionSlider(
                options=[(f"{a:g}", a) for a in LEARNING_RATES], description="learning rate α",
                **slider),
            "optimizer": widgets.Dropdown(options=list(_OPTIMIZER_CHOICES),
                                          description="optimizer"),
            "seed": widgets.IntSlider(min=0, max=_SEED_MAX, description="seed", **slider),
        }

    def _build(self, fig):
        self.drawing = _PlaygroundFigure(fig)

    def _moving_artists(self):
        return self.drawing.moving

    def _scene(self):
        return self.drawing.scene

    def _redraw(self, values):
        key = tuple(values[k] for k in _RESTART)
        if self._run is None or self._run.key != key:
            self._run = _Run(values)
        self.drawing.show(self._run, values)
        return _readout(self._run, values, self.playing)

    # --- training ---------------------------------------------------------------------------
    def step(self, n=ITERATIONS_PER_FRAME):
        """Train n iterations now (a whole number >= 1; fewer if training diverges or
        reaches MAX_ITERATIONS), then redraw once; returns the explorer."""
        n = check_count(n, "n")
        with self._lock:
            self._run.train(n, float(self.controls["learning_rate"].value))
            self.refresh()
        return self

    def reset(self):
        """Back to the seeded start of the current settings (data, weights, iteration 0)."""
        with self._lock:
            self._run = None
            self.refresh()
        return self

    @property
    def playing(self):
        """True while the background thread trains."""
        return self._thread is not None and self._thread.is_alive()

    def play(self):
        """Start training in a background thread (a frame of ITERATIONS_PER_FRAME
        iterations and a redraw at a time); nothing happens if it already plays."""
        with self._lock:
            if self.playing:
                return self
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="playground-training",
                                            daemon=True)
            self._set_play_button(True)
            self._thread.start()
            self.refresh()  # the read-out says "playing"
        return self

    def pause(self):
        """Stop the background training and wait until its thread has ended."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._lock:
            self._thread = None if thread is not threading.current_thread() else self._thread
            self._set_play_button(False)
            self.refresh()
        return self

    def close(self):
        """Stop training and close the widgets."""
        self.pause()
        for button in self.buttons.values():
            button.close()
        self.container.close()

    def _loop(self):
        while not self._stop.is_set():
            with self._lock:
                if self._stop.is_set():
                    break
                self._run.train(ITERATIONS_PER_FRAME, float(self.controls["learning_rate"].value))
                finished = self._run.finished
                self.refresh()
            if finished:
                self._stop.set()
                with self._lock:
                    self._set_play_button(False)
                    self.refresh()
                break
            self._stop.wait(self.frame_pause)

    def _set_play_button(self, on):
        button = self.buttons["play"]
        if button.value != on:
            self._button_held = True
            try:
                button.value = on
            finally:
                self._button_held = False
        button.description, button.icon = ("pause", "pause") if on else ("play", "play")

    _button_held = False

    def _on_play(self, change):
        if self._button_held:
            return
        if change["new"]:
            self.play()
        else:
            self.pause()

    # --- the current run --------------------------------------------------------------------
    params = property(lambda self: self._run.params, doc="the network's current weights")
    iteration = property(lambda self: self._run.iteration, doc="iterations trained")
    train_costs = property(lambda self: self._run.train_costs.copy(),
                           doc="J on the training set before each iteration's update")
    test_costs = property(lambda self: self._run.test_costs.copy(),
                          doc="J on the test set at iterations 0, TEST_EVERY, ...")
    X_train = property(lambda self: self._run.X_train)
    Y_train = property(lambda self: self._run.Y_train)
    X_test = property(lambda self: self._run.X_test)
    Y_test = property(lambda self: self._run.Y_test)
    layer_dims = property(lambda self: list(self._run.layer_dims))
    activations = property(lambda self: list(self._run.activations))
    diverged_at = property(lambda self: self._run.diverged_at,
                           doc="the iteration whose step overflowed, or None")
    summary = property(lambda self: dict(self._run.summary()),
                       doc="train_cost, test_cost, train_accuracy, test_accuracy now")


def playground(**values):
    """A live PlaygroundExplorer; ``values`` set its controls: dataset ("flower", "circles",
    "xor", "spiral"), noise (0 to 0.5), hidden_layers (1 to 4), units (1 to 8), activation
    ("tanh", "relu", "sigmoid"), init ("zeros", "random", "xavier", "he", "glorot"),
    learning_rate (one of LEARNING_RATES: 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3,
    1, 1.2, 3, 10), optimizer ("gd", "momentum", "rmsprop", "adam"), seed
    (0 to 20)."""
    return PlaygroundExplorer(**values)
