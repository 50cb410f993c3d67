"""Lesson 06 (initialization): the exercise's self-check.

initialize_he(layer_dims, seed=0)    He initialization, W[l] ~ N(0, 2 / n[l-1]), b[l] = 0

The student may draw in any order, so the check compares what He initialization promises
(shapes, zero biases, the weights' mean and std per layer, a seed that decides everything,
layers drawn from one stream of random numbers) rather than the exact numbers.
"""
import numpy as np

from helpers.checks import Case, Exercise, Mistake
from helpers.initializers import initialize

__all__ = ["EXERCISES", "he_facts", "initialize_he"]

SEED = 3  # the seed the check passes


def he_facts(init_fn, layer_dims):
    """What He initialization promises, as a dict of facts about ``init_fn(layer_dims, seed=...)``."""
    given = list(layer_dims)
    params = init_fn(given, seed=SEED)
    L = len(layer_dims) - 1
    facts = {"layer_dims not changed in place": given == list(layer_dims),
             "shapes": {k: tuple(np.shape(v)) for k, v in params.items()},
             "biases all zero": all(not np.any(params.get(f"b{l}", 1.0)) for l in range(1, L + 1))}
    unit_draws = []
    for l in range(1, L + 1):
        if f"W{l}" not in params:
            continue  # the shapes fact above already differs
        W, target = np.asarray(params[f"W{l}"], dtype=float), np.sqrt(2 / layer_dims[l - 1])
        unit_draws.append(np.ravel(W) / target)
        if W.size >= 10_000:
            facts[f"W{l}: std / sqrt(2/n[l-1]) within 5 %"] = bool(abs(np.std(W) / target - 1) < 0.05)
            facts[f"W{l}: |mean| < 5 % of the std"] = bool(abs(np.mean(W)) < 0.05 * target)
    k = min((len(u) for u in unit_draws), default=0)
    facts["every layer drawn afresh (no layer repeats another's numbers)"] = not any(
        np.allclose(unit_draws[i][:k], unit_draws[j][:k]) for i in range(L) for j in range(i))
    again = init_fn(list(layer_dims), seed=SEED)
    facts["same seed, same weights"] = all(np.array_equal(params[k], again.get(k)) for k in params)
    other = init_fn(list(layer_dims), seed=SEED + 1)
    facts["another seed, other weights"] = not np.array_equal(params.get("W1"), other.get("W1"))
    return facts


def _solution(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        n_prev, n_curr = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.standard_normal((n_curr, n_prev)) * np.sqrt(2 / n_prev)
        params[f"b{l}"] = np.zeros((n_curr, 1))
    return params


def _reseeded(layer_dims, seed=0):
    # the mistake: a new generator for every layer, so every layer starts from the same numbers
    layers = [_solution(layer_dims[l - 1:l + 1], seed) for l in range(1, len(layer_dims))]
    return {f"{name[0]}{l}": value for l, p in enumerate(layers, 1) for name, value in p.items()}


initialize_he = Exercise(
    "initialize_he",
    lambda: [Case([2, 10, 5, 1], label="a small 3-layer network"),
             Case([1000, 800, 600], label="1000 inputs, 800 and 600 units"),
             Case([3, 1], label="one layer"), Case([50, 50, 50, 50], label="equal widths")],
    lambda dims: he_facts(lambda d, seed: initialize(d, "he", seed=seed), dims),
    call=lambda fn, dims: he_facts(fn, dims), where="lesson06.initialize_he", solution=_solution,
    hints=("one generator made from the seed, used for every layer in turn; W[l] of shape "
           "(n[l], n[l-1]) from a standard normal, scaled so its variance is 2 / n[l-1] (the "
           "layer's number of inputs); b[l] zeros (n[l], 1)",
           "rng = np.random.default_rng(seed) once, before the loop; the scale is "
           "np.sqrt(2 / n[l-1])"),
    mistakes=[
        Mistake("the generator re-created for every layer, so all layers start from the same numbers",
                lambda dims: he_facts(_reseeded, dims),
                "make rng = np.random.default_rng(seed) once, before the loop over the layers"),
    ])

EXERCISES = ["initialize_he"]
