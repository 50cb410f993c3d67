"""Every exercise's self-check fails every typical wrong solution and passes the notebook's own.

The mechanism of issue 13: for each exercise registered in helpers.exercises (one module per
lesson), tests/exercise_mutants.py lists wrong solutions a student would plausibly write;
each must fail the check with a report that names what it should (the item or the fitting
hint). Every exercise also gets the generic mutants: a stub that raises
NotImplementedError, an empty body, and a correct solution that changes its input in place.
The notebook's solution cells (between ### BEGIN SOLUTION and ### END SOLUTION) must pass,
every notebook exercise must be registered and called, and no hint gives the solution away.
"""
import copy
import re

import matplotlib
import nbformat
import numpy as np
import pytest

from support import ROOT
from exercise_mutants import MUTANTS
from helpers.exercises import all_exercises

EXERCISES = all_exercises()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _lesson(key):
    return key.split(".")[0]


def _notebook_of(key):
    number = _lesson(key)[len("lesson"):]
    (path,) = [p for p in NOTEBOOKS if p.name.startswith(number + "_")]
    return path


def _solution_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and "### BEGIN SOLUTION" in c.source]


def _setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code" and "import" in c.source)


_NAMESPACES = {}


def notebook_solutions(path):
    """The notebook's solution functions, defined after its setup cell (imports, seed)."""
    if path not in _NAMESPACES:
        ns = {}
        with matplotlib.rc_context(), np.printoptions():  # the setup cell's style stays here
            exec(_setup_cell(path), ns)  # noqa: S102 - our own notebook
        for source in _solution_cells(path):
            exec(source, ns)  # noqa: S102
        _NAMESPACES[path] = ns
    return _NAMESPACES[path]


def _defined(source):
    return re.findall(r"^def (\w+)\(", source, flags=re.M)


def _run(exercise, fns, capsys):
    exercise.reset()
    result = exercise.check(*fns)
    out = capsys.readouterr().out
    assert out.strip() == result.message
    return result


# --- the registry covers every exercise of every notebook ------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_function_a_notebook_asks_for_has_a_registered_exercise_that_it_calls(path):
    lesson = f"lesson{path.name[:2]}"
    mine = {k: e for k, e in EXERCISES.items() if _lesson(k) == lesson}
    asked = [name for source in _solution_cells(path) for name in _defined(source)]
    assert asked, f"{path.name} has no exercise"
    used = {u for e in mine.values() for u in e.uses}
    assert set(asked) <= used, f"{path.name}: no exercise checks {sorted(set(asked) - used)}"
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    for key in mine:
        assert f"{key}.check(" in text, f"{path.name} never runs {key}.check(...)"


@pytest.mark.parametrize("key", EXERCISES)
def test_every_exercise_has_typical_wrong_solutions_listed(key):
    assert len(MUTANTS.get(key, [])) >= 3, (
        f"{key} needs at least three typical wrong solutions in tests/exercise_mutants.py")


def test_no_mutants_are_listed_for_an_exercise_that_does_not_exist():
    assert set(MUTANTS) <= set(EXERCISES)


# --- right solutions pass --------------------------------------------------------------------

@pytest.mark.parametrize("key", EXERCISES)
def test_the_notebooks_own_solution_passes(key, capsys):
    exercise = EXERCISES[key]
    ns = notebook_solutions(_notebook_of(key))
    result = _run(exercise, [ns[name] for name in exercise.uses], capsys)
    assert result, result.message


@pytest.mark.parametrize("key", [k for k, e in EXERCISES.items() if e._solution is not None])
def test_the_printed_reference_solution_passes_and_is_named_after_the_exercise(key, capsys):
    exercise = EXERCISES[key]
    assert _run(exercise, [exercise._solution], capsys)
    exercise.solution()
    assert f"def {exercise.name}(" in capsys.readouterr().out


# --- wrong solutions fail, with a report that fits ------------------------------------------

MUTANT_CASES = [(key, m) for key, ms in MUTANTS.items() for m in ms]


@pytest.mark.parametrize("key, mutant", MUTANT_CASES, ids=[f"{k}: {m.label}" for k, m in MUTANT_CASES])
def test_a_typical_wrong_solution_fails_the_check_with_a_fitting_report(key, mutant, capsys):
    exercise = EXERCISES[key]
    with np.errstate(all="ignore"):
        result = _run(exercise, list(mutant.fns), capsys)
    assert not result, f"the mutant '{mutant.label}' passes {key}'s check"
    assert "Traceback" not in result.message
    if mutant.says:
        assert mutant.says in result.message, result.message


def _generic_mutants(exercise, ns):
    """A stub, an empty body, and the right solution changing its first argument in place."""
    *others, last = [ns[name] for name in exercise.uses]

    def stub(*args, **kwargs):
        raise NotImplementedError

    def empty(*args, **kwargs):
        pass

    def mutating(*args, **kwargs):
        result = last(*copy.deepcopy(args), **kwargs)
        for a in args:
            target = next(iter(a.values())) if isinstance(a, dict) else a
            if isinstance(target, np.ndarray):
                target += 1  # an int array (labels) as well as a float one
                break
            if isinstance(target, list):
                target.append(1)
                break
        return result

    return {"stub": (others + [stub], "not implemented yet"),
            "empty body": (others + [empty], "returned None"),
            "changes its input": (others + [mutating], "in place")}


@pytest.mark.parametrize("kind", ["stub", "empty body", "changes its input"])
@pytest.mark.parametrize("key", [k for k, e in EXERCISES.items() if not e.value])
def test_generic_mistakes_get_one_clear_sentence(key, kind, capsys):
    exercise = EXERCISES[key]
    fns, says = _generic_mutants(exercise, notebook_solutions(_notebook_of(key)))[kind]
    result = _run(exercise, fns, capsys)
    assert not result
    assert says in result.message, result.message
    if kind != "changes its input":
        assert "hint:" not in result.message and "input:" not in result.message


@pytest.mark.parametrize("unset", [None, ...])
@pytest.mark.parametrize("key", [k for k, e in EXERCISES.items() if e.value])
def test_an_answer_not_set_yet_gets_one_clear_sentence(key, unset, capsys):
    result = _run(EXERCISES[key], [unset], capsys)
    assert not result and "is not set yet" in result.message and "hint:" not in result.message


def test_a_stub_in_an_earlier_exercise_is_blamed_not_the_one_that_calls_it(capsys):
    exercise = EXERCISES["lesson04.train_2layer"]
    ns = dict(notebook_solutions(_notebook_of("lesson04.train_2layer")))

    def forward_2layer(X, params):
        raise NotImplementedError

    ns["forward_2layer"] = forward_2layer
    exec(next(s for s in _solution_cells(_notebook_of("lesson04.train_2layer"))  # noqa: S102
              if "def train_2layer(" in s), ns)
    result = _run(exercise, [ns["train_2layer"]], capsys)
    assert "train_2layer calls forward_2layer, which is not implemented yet" in result.message


# --- hints: tiered, fitting, never the solution -----------------------------------------------

def _solution_lines(exercise):
    import inspect
    lines = []
    for line in inspect.getsource(exercise._solution).splitlines()[1:]:
        code = line.split("#")[0].strip()
        if len(code) >= 12 and not code.startswith(("return", '"""', "'''")):
            lines.append(code)
    return lines


@pytest.mark.parametrize("key", [k for k, e in EXERCISES.items() if e._solution is not None])
def test_no_hint_and_no_report_prints_the_solution(key, capsys):
    exercise = EXERCISES[key]
    lines = _solution_lines(exercise)
    assert not [ln for ln in lines if ln in exercise.hints[0]], "the first hint gives a solution line"
    reports = [exercise.hints[-1]]
    for mutant in MUTANTS.get(key, []):
        with np.errstate(all="ignore"):
            reports.append(_run(exercise, list(mutant.fns), capsys).message)
    for text in reports:
        shown = [ln for ln in lines if ln in text]
        assert len(shown) <= 1, f"a report shows solution lines {shown}"


def test_the_second_failure_gets_the_stronger_hint_and_names_the_reference_solution(capsys):
    exercise = EXERCISES["lesson04.backward_2layer"]
    exercise.reset()
    wrong = lambda X, Y, p, c: {k: v + 1.0 for k, v in exercise.reference(X, Y, p, c).items()}  # noqa: E731
    first = exercise.check(wrong).message
    second = exercise.check(wrong).message
    assert exercise.hints[0] in first and "stronger hint" in first
    assert exercise.hints[1] in second and "lesson04.backward_2layer.solution()" in second
    assert "def backward_2layer" not in first + second
    capsys.readouterr()


def test_a_sign_error_gets_the_sign_hint_not_the_keepdims_hint(capsys):
    exercise = EXERCISES["lesson04.backward_2layer"]
    sign = next(m for m in MUTANTS["lesson04.backward_2layer"] if m.label.startswith("sign"))
    message = _run(exercise, list(sign.fns), capsys).message
    assert "wrong sign" in message and "keepdims" not in message


def test_a_failure_names_the_returned_item_and_summarizes_inputs_by_shape(capsys):
    exercise = EXERCISES["lesson04.backward_2layer"]
    mutant = next(m for m in MUTANTS["lesson04.backward_2layer"] if m.label == "db without keepdims")
    message = _run(exercise, list(mutant.fns), capsys).message
    assert re.search(r"\bdb\d\b", message) and "result[" not in message
    assert "params {W1 (2, 2), b1 (2, 1), W2 (1, 2), b2 (1, 1)}" in message
    assert len(message.splitlines()) <= 4
