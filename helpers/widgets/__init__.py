"""Live explorers for the lessons.

Each explorer is built from ipywidgets controls and one matplotlib Figure that it
redraws in place. It displays as an ipywidgets container in JupyterLab or Voilà, and as
a static PNG of its current state where no widget front-end runs (a notebook viewed on a
website, nbval). ``.controls`` (name -> widget), ``.figure`` and ``.update(**values)``
let tests and benchmarks drive it without a browser.
"""
from helpers.widgets.base import Explorer
from helpers.widgets.activation import activation_explorer
from helpers.widgets.initialization import init_explorer

__all__ = ["Explorer", "activation_explorer", "init_explorer"]
