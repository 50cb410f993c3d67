"""Widget redraw latency: the explorers' in-place update vs the naive way, and a sweep of
every control across its range.

For each explorer, times ``explorer.update(**change)`` (control change -> redrawn figure
-> PNG bytes ready for the browser, Agg) over its list of changes, and the naive way an
``interact`` callback would do it (a new pyplot figure drawn from scratch and saved, per
change) over the same changes; the activation and init explorers' from
baselines/explorers.py, the optimizer explorer's below. Then it sweeps every control of
each explorer across its range (a slider through evenly spaced values from its minimum to
its maximum, on a log slider evenly in the exponent; a dropdown through each choice), the
others at the explorer's defaults, and prints the median and the 95th percentile of those
redraws. The init explorer is swept twice: from its defaults (10 layers of 256 units) and
from its largest stack (15 layers of 512 units: every control moved there, the corner
issue 20 names). The optimizer explorer runs 200 steps there (lesson 10's issue: a redraw
under 50 ms for 200 steps). Each sweep prints wall-clock times and this process's CPU
times (which other programs on the machine inflate less), and the machine's load average
before and after (os.getloadavg: more than about 1 per core and the wall times are not
this code's alone). All in one run, in this process; prints times and ratios. Never
asserts: times depend on the machine (and on what else runs on it).

    make bench        or        .venv/bin/python benchmarks/widget_latency.py
"""
import os
import statistics
import time

os.environ.setdefault("MPLBACKEND", "Agg")  # before pyplot is imported (by the baselines)

import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from baselines.explorers import EXPLORERS, naive_png  # noqa: E402
import playground_fps  # noqa: E402
from helpers.widgets import activation_explorer, init_explorer, optimizer_explorer  # noqa: E402
from helpers.widgets.optimizer import OptimizerExplorer, OptimizerFigure  # noqa: E402

REPEATS = 3       # passes over the list of changes
SWEEP_POINTS = 9  # values per slider in the sweep, from its minimum to its maximum
STEPS = 200       # the optimizer explorer's number of steps in the sweep

OPTIMIZER_CHANGES = [
    {"learning_rate": 0.05}, {"learning_rate": 0.2}, {"beta1": 0.5}, {"beta2": 0.9},
    {"optimizer": "gd"}, {"learning_rate": 0.1}, {"optimizer": "momentum"}, {"w1": -2.0},
    {"w2": -0.5}, {"surface": "rosenbrock"}, {"optimizer": "rmsprop"}, {"num_steps": 60},
    {"surface": "elongated", "optimizer": "adam", "learning_rate": 0.1, "beta1": 0.9,
     "beta2": 0.999, "num_steps": 150},
]


def naive_optimizer_plot(**values):
    """The optimizer explorer's picture for ``values`` (the rest at its DEFAULTS), re-plotted
    from scratch, contours included (PNG bytes)."""
    return naive_png(OptimizerExplorer, OptimizerFigure, values)


ALL_EXPLORERS = EXPLORERS + [
    ("optimizer_explorer", optimizer_explorer, naive_optimizer_plot, OPTIMIZER_CHANGES)]
SWEEPS = [("activation_explorer", activation_explorer, {}),
          ("init_explorer", init_explorer, {}),
          ("init_explorer at 15 x 512", init_explorer, {"depth": 15, "width": 512}),
          (f"optimizer_explorer, {STEPS} steps", optimizer_explorer, {"num_steps": STEPS})]


def _timed(fn, changes, repeats, cpu=None):
    """Wall-clock seconds of fn(**change) for each change, ``repeats`` times over; the
    process's CPU seconds of each are appended to ``cpu`` when it is a list."""
    fn(**changes[-1])  # warm up (imports, caches, first layout)
    times = []
    for _ in range(repeats):
        for change in changes:
            c0, t0 = time.process_time(), time.perf_counter()
            fn(**change)
            times.append(time.perf_counter() - t0)
            if cpu is not None:
                cpu.append(time.process_time() - c0)
    return times


def _median_ms(fn, changes):
    return 1000 * statistics.median(_timed(fn, changes, REPEATS))


def sweep_values(control):
    """The values a sweep sets ``control`` to: every choice of a dropdown; SWEEP_POINTS
    evenly spaced values of a slider from its minimum to its maximum (in the exponent for
    a log slider, on the step grid for an integer slider)."""
    if isinstance(control, widgets.Dropdown):
        options = control.options
        return [o[1] if isinstance(o, tuple) else o for o in options]
    n = SWEEP_POINTS
    if isinstance(control, widgets.FloatLogSlider):
        lo, hi = control.min, control.max
        return [control.base ** (lo + (hi - lo) * k / (n - 1)) for k in range(n)]
    if isinstance(control, widgets.IntSlider):
        step, lo = control.step or 1, control.min
        count = (control.max - lo) // step
        return sorted({lo + step * round(count * k / (n - 1)) for k in range(n)})
    lo, hi = control.min, control.max
    return [lo + (hi - lo) * k / (n - 1) for k in range(n)]


def sweep(factory, start, cpu=None):
    """Redraw times (s) of each control swept across its range from ``start``, per control
    name (CPU times appended to ``cpu`` when it is a list). A control's value at the start
    is left out: setting it again changes nothing (and an explorer that keeps the numbers
    of settings it has shown answers it for free)."""
    explorer = factory(**start)
    opened = dict(explorer.values)
    times = {}
    for name, control in explorer.controls.items():
        explorer.update(**opened)  # the start sliders' ranges are the opening surface's
        values = [v for v in sweep_values(control) if v != opened[name]]
        times[name] = _timed(lambda **change: explorer.update(**change),
                             [{name: v} for v in values], 1, cpu)
    return times


def _percentile_ms(times, q):
    return 1000 * statistics.quantiles(times, n=100, method="inclusive")[q - 1]


def _load():
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    print(f"{_load()} (1, 5, 15 min) on {os.cpu_count()} cores, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    for name, factory, naive, changes in ALL_EXPLORERS:
        explorer = factory()
        fast = _median_ms(explorer.update, changes)
        slow = _median_ms(naive, changes)
        print(f"{name}: update in place {fast:6.1f} ms (median of {REPEATS * len(changes)}), "
              f"naive re-plot {slow:6.1f} ms, naive/in-place = {slow / fast:4.1f}x")
    plt.close("all")
    print(f"sweep of every control across its range ({SWEEP_POINTS} values per slider, every "
          f"choice of a dropdown), one control at a time:")
    for name, factory, start in SWEEPS:
        cpu = []
        times = sweep(factory, start, cpu)
        every = [t for ts in times.values() for t in ts]
        print(f"  {name}: median {1000 * statistics.median(every):6.1f} ms, "
              f"95th percentile {_percentile_ms(every, 95):6.1f} ms over {len(every)} redraws "
              f"(CPU time: median {1000 * statistics.median(cpu):6.1f} ms, 95th percentile "
              f"{_percentile_ms(cpu, 95):6.1f} ms)")
        print("      median per control: " + ", ".join(
            f"{control} {1000 * statistics.median(ts):.0f} ms" for control, ts in times.items()))
    print("the training playground:")
    playground_fps.main()
    print(_load())


if __name__ == "__main__":
    main()
