"""Widget redraw latency: the explorers' in-place update vs the naive way.

For each explorer, times ``explorer.update(**change)`` (control change -> redrawn figure
-> PNG bytes ready for the browser, Agg) over its list of changes, and the naive way an
``interact`` callback would do it (a new pyplot figure drawn from scratch and saved, per
change) over the same changes; both from baselines/explorers.py. Both in one run, in this
process; prints the medians and their ratio. Never asserts: times depend on the machine.

    make bench        or        .venv/bin/python benchmarks/widget_latency.py
"""
import os
import statistics
import time

os.environ.setdefault("MPLBACKEND", "Agg")  # before pyplot is imported (by the baselines)

from baselines.explorers import EXPLORERS  # noqa: E402

REPEATS = 3  # passes over the list of changes


def _median_ms(fn, changes):
    fn(**changes[-1])  # warm up (imports, caches, first layout)
    times = []
    for _ in range(REPEATS):
        for change in changes:
            t0 = time.perf_counter()
            fn(**change)
            times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main():
    for name, factory, naive, changes in EXPLORERS:
        explorer = factory()
        fast = _median_ms(explorer.update, changes)
        slow = _median_ms(naive, changes)
        print(f"{name}: update in place {fast:6.1f} ms (median of {REPEATS * len(changes)}), "
              f"naive re-plot {slow:6.1f} ms, naive/in-place = {slow / fast:4.1f}x")


if __name__ == "__main__":
    main()
