"""Gradient descent, momentum, RMSprop and Adam: one interface for a network or a point.

Each optimizer turns the gradient g of the cost into a step of the parameters θ, with the
learning rate α; the lectures' symbols, for each parameter array (element by element):

    gradient descent   θ = θ - α g
    momentum           v = β1 v + (1 - β1) g                 θ = θ - α v
    RMSprop            s = β2 s + (1 - β2) g²                θ = θ - α g / (√s + ε)
    Adam               v = β1 v + (1 - β1) g,  s = β2 s + (1 - β2) g²,
                       v̂ = v / (1 - β1^t),  ŝ = s / (1 - β2^t)  (t = 1, 2, ...: the step)
                       θ = θ - α v̂ / (√ŝ + ε)

v is a running average of the gradients (it keeps going in a steady direction and cancels
where g oscillates), s of the squared gradients (large where the cost is steep); Adam uses
both, and divides by 1 - β^t so that the averages, started at 0, are not too small in the
first steps: with a constant gradient every step is α sign(g) in every entry (to within
ε / |g|). Adam's defaults: β1 = 0.9, β2 = 0.999, ε = 1e-8 (the lecture's, and the
frameworks'); RMSprop's β2 = 0.9 (Hinton's lecture and Keras: RMSprop has no bias correction,
and with 0.999 its first steps would be about 30 α).

    opt = Adam()                                  # or Momentum(beta1=0.9), RMSprop(), ...
    state = opt.init(params)
    params, state = opt.step(params, grads, state, learning_rate)

params is a network's dict {"W1", "b1", ...} with grads {"dW1", "db1", ...} as
helpers.network.backward returns them, or one array (a point (2,) on a surface) with a
gradient of its shape. step returns new arrays and a new state and changes nothing it is
given. helpers.network.train(..., optimizer=Adam()) trains a network with one.

Arguments are checked (helpers.shapes' policy): learning_rate a finite real > 0; β1, β2 in
[0, 1); ε a finite real > 0; grads with exactly the keys (d + each key of params) and each
array of its parameter's shape, finite; state the one init made for the same parameters.

Public API
    GradientDescent()                              θ = θ - α g
    Momentum(beta1=0.9)                            v, then θ = θ - α v
    RMSprop(beta2=0.9, epsilon=1e-8)               s, then θ = θ - α g / (√s + ε)
    Adam(beta1=0.9, beta2=0.999, epsilon=1e-8)     v, s, bias correction, then the step
        .init(params) -> state                     zeros of each parameter's shape, t = 0
        .step(params, grads, state, learning_rate) -> (params, state)   new objects
        .step_unchecked(point, grad, state, learning_rate)   the same for one array, no checks
        .name                                      "gd", "momentum", "rmsprop", "adam"
    OPTIMIZERS                                     {name: class} of the four
    make(name, **hyperparameters) -> an optimizer  make("adam", beta1=0.8)
"""
import math

import numpy as np

from helpers.shapes import as_array, check_choice, check_finite, check_positive, check_real

__all__ = ["Adam", "GradientDescent", "Momentum", "OPTIMIZERS", "RMSprop", "make"]


def _beta(beta, name):
    beta = check_real(beta, name)
    if not 0 <= beta < 1:
        raise ValueError(f"{name} is the weight of the running average's past, in [0, 1); got {beta!r}")
    return beta


def _as_dict(params):
    """params as {key: float64 array} and whether it was one array (a point)."""
    if isinstance(params, dict):
        if not params:
            raise ValueError("params is empty: give the dict of a network's parameters or one array")
        return {k: check_finite(as_array(v, f"params[{k!r}]"), f"params[{k!r}]")
                for k, v in params.items()}, False
    return {"": check_finite(as_array(params, "params"), "params")}, True


def _grads_for(grads, theta, single):
    """grads as {key of params: array}, each of its parameter's shape."""
    if single:
        g = check_finite(as_array(grads, "grads"), "grads")
        if g.shape != theta[""].shape:
            raise ValueError(f"grads has shape {g.shape}, expected {theta[''].shape} (the shape of params)")
        return {"": g}
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict {{'d' + key: array}} like params, got {type(grads).__name__}")
    expected = {"d" + k for k in theta}
    if set(grads) != expected:
        missing, extra = sorted(expected - set(grads)), sorted(set(grads) - expected)
        raise ValueError(f"grads must hold exactly {sorted(expected)} (d + each key of params); "
                         + (f"missing {missing}" if missing else "") + (", " if missing and extra else "")
                         + (f"unexpected {extra}" if extra else ""))
    out = {}
    for k, value in theta.items():
        g = check_finite(as_array(grads["d" + k], f"grads['d{k}']"), f"grads['d{k}']")
        if g.shape != value.shape:
            raise ValueError(f"grads['d{k}'] has shape {g.shape}, expected {value.shape} (the shape of {k})")
        out[k] = g
    return out


class _Optimizer:
    """What the four share: checking, the state's layout, and returning new objects."""

    name = ""
    _moments = ()  # the running averages the state holds: "v", "s"

    def __repr__(self):
        hyper = ", ".join(f"{k}={getattr(self, k):g}" for k in self._hyper)
        return f"{type(self).__name__}({hyper})"

    _hyper = ()

    def init(self, params):
        """The starting state for params: every running average 0 (of each parameter's shape), t = 0."""
        theta, single = _as_dict(params)
        state = {"t": 0, "optimizer": self.name}
        for moment in self._moments:
            zeros = {k: np.zeros_like(v) for k, v in theta.items()}
            state[moment] = zeros[""] if single else zeros
        return state

    def _check_state(self, state, theta, single):
        if not isinstance(state, dict) or state.get("optimizer") != self.name:
            raise ValueError(f"state must be what {type(self).__name__}().init(params) returned "
                             f"(then each step's new state), got {state!r:.80}")
        moments = {}
        for moment in self._moments:
            m = {"": state[moment]} if single else state[moment]
            if not isinstance(m, dict) or set(m) != set(theta) or any(
                    np.shape(m[k]) != theta[k].shape for k in theta):
                raise ValueError(f"state['{moment}'] does not match params: make the state with "
                                 f"init(params) for these parameters")
            moments[moment] = {k: np.array(m[k], dtype=np.float64) for k in theta}  # copies
        return moments

    def step(self, params, grads, state, learning_rate):
        """One step: returns (new params, new state); params, grads and state are not changed.

        params: a dict of arrays (a network's W1, b1, ...) or one array; grads: {"dW1", ...}
        for a dict (as helpers.network.backward returns), an array of params' shape otherwise;
        state: from init(params) or the previous step; learning_rate: α, a finite real > 0.
        """
        learning_rate = check_positive(learning_rate, "learning_rate")
        theta, single = _as_dict(params)
        g = _grads_for(grads, theta, single)
        moments = self._check_state(state, theta, single)
        t = int(state["t"]) + 1
        new = {k: self._update(theta[k], g[k], {m: moments[m][k] for m in moments}, t, learning_rate)
               for k in theta}
        new_state = {"t": t, "optimizer": self.name}
        for moment in self._moments:
            new_state[moment] = moments[moment][""] if single else moments[moment]
        return (new[""] if single else new), new_state


    def step_unchecked(self, point, grad, state, learning_rate):
        """step for one array without the checks, for a loop that checked once
        (helpers.surfaces.descend): point and grad float64 arrays of one shape, state from
        init(point) or the previous step, learning_rate a float > 0. The same numbers as step.
        """
        t = state["t"] + 1
        moments = {m: np.array(state[m], dtype=np.float64) for m in self._moments}  # copies
        new = self._update(point, grad, moments, t, learning_rate)
        return new, {"t": t, "optimizer": self.name, **moments}


class GradientDescent(_Optimizer):
    """θ = θ - α g: the plain gradient descent of the earlier lessons (no state but t)."""

    name = "gd"

    def _update(self, theta, g, moments, t, alpha):
        return theta - alpha * g


class Momentum(_Optimizer):
    """v = β1 v + (1 - β1) g, then θ = θ - α v (the course's gradient descent with momentum).

    beta1: β1 in [0, 1), how much of the past v keeps (0.9: an average over about 10 steps).
    """

    name = "momentum"
    _moments = ("v",)
    _hyper = ("beta1",)

    def __init__(self, beta1=0.9):
        self.beta1 = _beta(beta1, "beta1")

    def _update(self, theta, g, moments, t, alpha):
        v = moments["v"]
        v *= self.beta1
        v += (1 - self.beta1) * g
        return theta - alpha * v


class RMSprop(_Optimizer):
    """s = β2 s + (1 - β2) g², then θ = θ - α g / (√s + ε).

    beta2: β2 in [0, 1) (0.9); epsilon: ε > 0, keeps the division finite where s is 0.
    """

    name = "rmsprop"
    _moments = ("s",)
    _hyper = ("beta2", "epsilon")

    def __init__(self, beta2=0.9, epsilon=1e-8):
        self.beta2 = _beta(beta2, "beta2")
        self.epsilon = check_positive(epsilon, "epsilon")

    def _update(self, theta, g, moments, t, alpha):
        s = moments["s"]
        s *= self.beta2
        s += (1 - self.beta2) * g * g
        return theta - alpha * g / (np.sqrt(s) + self.epsilon)


class Adam(_Optimizer):
    """Momentum's v and RMSprop's s, each divided by 1 - β^t, then θ = θ - α v̂ / (√ŝ + ε).

    beta1, beta2: in [0, 1) (0.9 and 0.999); epsilon: ε > 0 (1e-8).
    """

    name = "adam"
    _moments = ("v", "s")
    _hyper = ("beta1", "beta2", "epsilon")

    def __init__(self, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.beta1 = _beta(beta1, "beta1")
        self.beta2 = _beta(beta2, "beta2")
        self.epsilon = check_positive(epsilon, "epsilon")

    def _update(self, theta, g, moments, t, alpha):
        v, s = moments["v"], moments["s"]
        v *= self.beta1
        v += (1 - self.beta1) * g
        s *= self.beta2
        s += (1 - self.beta2) * g * g
        v_hat = v / (1 - math.pow(self.beta1, t))
        s_hat = s / (1 - math.pow(self.beta2, t))
        return theta - alpha * v_hat / (np.sqrt(s_hat) + self.epsilon)


OPTIMIZERS = {"gd": GradientDescent, "momentum": Momentum, "rmsprop": RMSprop, "adam": Adam}


def make(name, **hyperparameters):
    """The optimizer called ``name`` ("gd", "momentum", "rmsprop", "adam") with these settings.

    make("adam", beta1=0.8) == Adam(beta1=0.8); a setting the optimizer has not is refused.
    """
    name = check_choice(name, tuple(OPTIMIZERS), "name", "an optimizer")
    cls = OPTIMIZERS[name]
    unknown = sorted(set(hyperparameters) - set(cls._hyper))
    if unknown:
        raise TypeError(f"{cls.__name__} has no setting {', '.join(unknown)}; its settings: "
                        f"{', '.join(cls._hyper) or 'none'}")
    return cls(**hyperparameters)
