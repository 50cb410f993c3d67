"""Live explorers for the lessons.

Each explorer is built from ipywidgets controls and one matplotlib Figure that it
redraws in place. It displays as an ipywidgets container in JupyterLab or Voilà, and as
a static PNG of its current state where no widget front-end runs (a notebook viewed on a
website, nbval). ``.controls`` (name -> widget), ``.figure`` and ``.update(**values)``
let tests and benchmarks drive it without a browser.

Public API
    activation_explorer(**values)   lesson 05: what g does to the inputs z of a layer
    init_explorer(**values)         lesson 06: a deep stack's signal at initialization
    optimizer_explorer(**values)    lesson 10: gradient descent, momentum, RMSprop and Adam
                                    on a cost surface of two parameters
    playground(**values)            lesson 04 (and 05, 06): train a small network live on a
                                    2-D data set, its decision boundary and costs updating
    PlaygroundExplorer              the playground's class (step, play, pause, reset, close)
    Explorer                        the base class (controls + a figure redrawn in place)

More for lesson 05 in helpers.widgets.activation: input_statistics, flat_intervals,
N_INPUTS, INPUTS_SEED (what "flat" and "saturated" mean is helpers.activations'
flat_slope and saturation_z, for both explorers). Every value given to an explorer is
checked against its controls first: an unknown name or a value out of range raises an
error naming it. The read-out sits beside the figure, or under it where the page is too
narrow for both.

Every explorer follows one pattern (helpers.widgets.base): defaults declared in the class
attribute DEFAULTS, a picture class (ActivationFigure, InitFigure, OptimizerFigure) made
once that updates its artists and names the ones that move, and the base class's redraw
that blits those over a kept picture of the rest, one change at a time (a lock: the kernel
may deliver two widget messages at once). Their colours and sizes are helpers.style's.
"""
from helpers.widgets.base import Explorer
from helpers.widgets.activation import activation_explorer
from helpers.widgets.initialization import init_explorer
from helpers.widgets.optimizer import optimizer_explorer
from helpers.widgets.playground import PlaygroundExplorer, playground

__all__ = ["Explorer", "PlaygroundExplorer", "activation_explorer", "init_explorer",
           "optimizer_explorer", "playground"]
