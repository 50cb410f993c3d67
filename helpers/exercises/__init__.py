"""The lessons' exercises: one module per lesson, one ``Exercise`` per function to write.

A notebook imports its lesson's module and runs the self-check under the student's code:

    from helpers.exercises import lesson04
    lesson04.forward_2layer.check(forward_2layer)

Each ``Exercise`` (see helpers.checks) holds the cases, an independent reference, the typical
mistakes it recognizes and two hints; ``lesson04.forward_2layer.solution()`` prints a
reference solution for a student who asks (the report says so only after the stronger
hint). The tests run every exercise against a list of typical wrong solutions
(tests/exercise_mutants.py), and a new lesson's exercises are found by ``all_exercises``.

Public API
    lesson01 ... lesson07     the lessons' modules; each names its exercises in EXERCISES
    all_exercises()           {"lesson04.forward_2layer": Exercise, ...} for every lesson module
"""
import importlib
import pkgutil

__all__ = ["all_exercises"]


def all_exercises():
    """Every lesson module's exercises, keyed "lessonNN.function_name", in lesson order."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for attribute in module.EXERCISES:
            found[f"{info.name}.{attribute}"] = getattr(module, attribute)
    return found
