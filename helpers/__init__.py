"""Shared NumPy code for the course notebooks.

Import the module you need, e.g. ``from helpers import activations as act``.
Importing this package has no side effects (no rcParams, no seeds).
"""
