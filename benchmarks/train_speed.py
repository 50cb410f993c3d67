"""How much does helpers.network.train cost over a hand-written NumPy loop?

Both train the lectures' shallow network (2-4-1, tanh then sigmoid, "random" init x 0.01,
learning rate 1.2) on planar_flower() for the same number of steps, computing the cost at
every step as the course's loop does. Prints the best of a few runs of each and the ratio.
Nothing is asserted: timings depend on the machine.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/train_speed.py
"""
import time

import numpy as np

from helpers import network
from helpers.datasets import planar_flower
from helpers.initializers import initialize

STEPS = 5000
REPEATS = 5
LEARNING_RATE = 1.2
LAYERS = [2, 4, 1]
ACTIVATIONS = ["tanh", "sigmoid"]
TARGET = 1.5


def hand_written(X, Y, params, learning_rate, num_iterations):
    """The course's loop for the shallow net, written out by hand (plain sigmoid, log)."""
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    m = X.shape[1]
    costs = []
    for _ in range(num_iterations):
        Z1 = W1 @ X + b1
        A1 = np.tanh(Z1)
        Z2 = W2 @ A1 + b2
        A2 = 1 / (1 + np.exp(-Z2))
        costs.append(float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m))
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs


def best_time(fn, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    X, Y = planar_flower()
    start = initialize(LAYERS, method="random", seed=0)

    def library():
        return network.train(X, Y, start, ACTIVATIONS, LEARNING_RATE, STEPS)

    def by_hand():
        return hand_written(X, Y, start, LEARNING_RATE, STEPS)

    # Same math: the two final costs agree (the library's cost comes from the logits).
    (_, c_lib), (_, c_hand) = library(), by_hand()
    t_lib, t_hand = best_time(library), best_time(by_hand)
    print(f"{STEPS} steps, 2-4-1 tanh/sigmoid on planar_flower (m = {X.shape[1]}), best of {REPEATS}")
    print(f"final cost: helpers {c_lib[-1]:.6f}, hand-written {c_hand[-1]:.6f}")
    print(f"helpers.network.train: {t_lib:.2f} s, hand-written loop: {t_hand:.2f} s, "
          f"ratio {t_lib / t_hand:.2f}x (target <= {TARGET}x)")


if __name__ == "__main__":
    main()
