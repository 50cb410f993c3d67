"""The training playground's frames per second: a 2-8-8-1 network on 400 training points.

A frame is what the play button's thread does over and over: ITERATIONS_PER_FRAME
iterations of training (helpers.network's forward, backward and the optimizer's step on
the 400 training points, the test cost every TEST_EVERY iterations), then the redraw
(the probability map over a 60 x 60 grid, the points, the cost curves and the unit panels
blitted over the kept picture, PNG bytes ready for the browser, Agg). ``measure()`` times
frames run synchronously (``explorer.step``); ``measure_playing()`` lets the background
thread play for a while and counts the frames it drew (its rests between frames
included). One BLAS thread (one core), as the notebooks run. Prints numbers and the ratio
to the issue's 10 frames per second; asserts nothing (times depend on the machine and on
what else runs on it).

    .venv/bin/python benchmarks/playground_fps.py
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core, before numpy is imported
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

import importlib  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from helpers.widgets import playground  # noqa: E402
from helpers.widgets.base import Explorer  # noqa: E402

TARGET_FPS = 10.0
SETTINGS = dict(dataset="flower", hidden_layers=2, units=8, activation="tanh", init="xavier",
                optimizer="adam", learning_rate=0.03)  # 2-8-8-1 on 400 training points


def _explorer():
    explorer = playground(**SETTINGS)
    assert explorer.layer_dims == [2, 8, 8, 1] and explorer.X_train.shape[1] == 400
    assert isinstance(explorer, Explorer)
    return explorer


def measure(frames=60, warmup=5):
    """Frames per second of synchronous frames (train a frame's iterations, redraw): the
    median frame time's inverse, after ``warmup`` frames (the first draws of a scene)."""
    explorer = _explorer()
    try:
        for _ in range(warmup):
            explorer.step()
        times = []
        for _ in range(frames):
            start = time.perf_counter()
            explorer.step()
            times.append(time.perf_counter() - start)
    finally:
        explorer.close()
    return 1.0 / statistics.median(times)


def measure_playing(seconds=3.0):
    """Frames per second the play button's background thread reaches (frames drawn over
    ``seconds`` of playing, its rests between frames included)."""
    explorer = _explorer()
    try:
        explorer.step()  # the first (full) draw of the scene, as when the cell is run
        first = explorer.iteration
        explorer.play()
        time.sleep(seconds)
        explorer.pause()
        frames = (explorer.iteration - first) / explorer_frame_iterations()
    finally:
        explorer.close()
    return frames / seconds


def explorer_frame_iterations():
    """Iterations per frame (the module: helpers.widgets.playground is the function)."""
    return importlib.import_module("helpers.widgets.playground").ITERATIONS_PER_FRAME


def main():
    fps = measure()
    playing = measure_playing()
    n = explorer_frame_iterations()
    print(f"playground, 2-8-8-1 on 400 points, {n} iterations per frame (one BLAS thread):")
    print(f"  synchronous frames (step + redraw): {fps:6.1f} frames/s   "
          f"= {fps / TARGET_FPS:.2f} x the {TARGET_FPS:.0f} frames/s goal")
    print(f"  playing (background thread)       : {playing:6.1f} frames/s   "
          f"= {playing / TARGET_FPS:.2f} x the goal")


if __name__ == "__main__":
    main()
