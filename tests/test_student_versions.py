"""make student (tools/make_student.py): every lesson without its solutions, whose self-checks
fail politely until the student writes the code, and whose other cells still run."""
import importlib.util
import json
import re

import nbformat
import pytest

from support import ROOT, deterministic_env

_spec = importlib.util.spec_from_file_location("make_student", ROOT / "tools" / "make_student.py")
make_student = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_student)

LESSONS = make_student.lesson_notebooks()
# Lesson 11 is being written: its student version is tested once it has exercises.
LESSONS = [p for p in LESSONS if make_student.exercise_cells(nbformat.read(p, as_version=4))]
MIN_LINE = 10  # solution lines shorter than this ("return Y") may well appear elsewhere
FRIENDLY = ("is not implemented yet", "is not set yet", "which is not implemented yet")


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    """The student versions, built by the tool's own command line into a temp folder."""
    out = tmp_path_factory.mktemp("student")
    assert make_student.main(["--out", str(out), *map(str, LESSONS)]) == 0
    return out


def _read(path):
    return nbformat.read(path, as_version=4)


def _solution_lines(nb):
    """The stripped lines of every solution region, minus any that the lesson also shows
    outside its regions (lesson 04 computes ``A1 = np.tanh(Z1)`` in its prose's code before
    the exercise; lesson 07 hands out the buggy function the student repairs)."""
    inside, outside = set(), []
    for cell in nb.cells:
        _, removed = make_student.clear_solutions(cell.source) if cell.cell_type == "code" else ("", [])
        inside.update(line.strip() for line in removed)
        outside.extend(line for line in cell.source.split("\n") if line not in removed)
        outside.append(json.dumps(cell.get("outputs", []), ensure_ascii=False))
    given = "\n".join(outside)
    return {line for line in inside if len(line) >= MIN_LINE and line not in given}


def _all_text(nb):
    """Everything a student can read in a notebook: sources and every output."""
    return "\n".join(c.source + "\n" + json.dumps(c.get("outputs", []), ensure_ascii=False)
                     for c in nb.cells)


# --- the placeholders ---------------------------------------------------------------------

def test_an_indented_region_becomes_a_stub_at_its_indentation():
    src = ("def f(x):\n    '''doc'''\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n"
           "    ### END SOLUTION\n")
    new, removed = make_student.clear_solutions(src)
    assert new == ("def f(x):\n    '''doc'''\n    # YOUR CODE HERE\n"
                   "    raise NotImplementedError(\"your code here\")\n")
    assert removed == ["    y = x + 1", "    return y"]


def test_a_top_level_answer_becomes_an_ellipsis():
    new, _ = make_student.clear_solutions('### BEGIN SOLUTION\nculprit = "W2"\n### END SOLUTION\nprint(1)')
    assert new == "culprit = ...  # YOUR ANSWER HERE\nprint(1)"
    ns = {}
    exec(new.replace("print(1)", ""), ns)  # noqa: S102 - a placeholder we just wrote
    assert ns["culprit"] is Ellipsis


@pytest.mark.parametrize("src, words", [
    ("### BEGIN SOLUTION\ndef f():\n    return 1\n### END SOLUTION", "FunctionDef"),
    ("### BEGIN SOLUTION\nx = 1\n", "without ### END SOLUTION"),
    ("x = 1\n### END SOLUTION", "without ### BEGIN SOLUTION"),
    ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    ### END SOLUTION", "inside another"),
])
def test_a_region_the_tool_cannot_replace_is_refused_with_its_place(src, words):
    with pytest.raises(make_student.StudentVersionError, match=words) as err:
        make_student.clear_solutions(src, "07_x.ipynb cell 3")
    assert "07_x.ipynb cell 3" in str(err.value)


def test_lessons_01_to_10_all_have_exercises_to_clear():
    assert [p.name[:2] for p in LESSONS][:10] == [f"{n:02d}" for n in range(1, 11)]


# --- each student version -------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_student_version_is_a_valid_notebook(student_dir, lesson):
    nb = _read(student_dir / lesson.name)
    nbformat.validate(nb)
    assert len(nb.cells) == len(_read(lesson).cells)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_student_version_contains_no_solution_line(student_dir, lesson):
    source = _read(lesson)
    lines = _solution_lines(source)
    assert lines, "the lesson has exercises, so some solution lines must be looked for"
    text = _all_text(_read(student_dir / lesson.name))
    leaked = sorted(line for line in lines if line in text)
    assert not leaked, f"{lesson.name}: solution lines left in the student version: {leaked}"
    code = "\n".join(c.source for c in _read(student_dir / lesson.name).cells if c.cell_type == "code")
    assert make_student.BEGIN not in code and make_student.END not in code


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_only_the_exercises_and_the_cells_using_them_change(student_dir, lesson):
    source, student = _read(lesson), _read(student_dir / lesson.name)
    touched = set(make_student.exercise_cells(source)) | set(make_student.dependent_cells(source))
    for i, (old, new) in enumerate(zip(source.cells, student.cells)):
        if i in touched:
            assert new.outputs == [] and new.execution_count is None, f"cell {i} kept its outputs"
            if make_student.BEGIN not in old.source:
                assert new.source == old.source, f"cell {i}: only exercise cells lose code"
        else:
            assert new.source == old.source, f"cell {i}: prose and code outside the exercises stay"
            assert new.get("outputs") == old.get("outputs"), f"cell {i}: its outputs and figures stay"
    # every self-check is among the cleared cells
    checks = [i for i, c in enumerate(source.cells) if c.cell_type == "code"
              and re.search(r"\blesson\d\d\.\w+\.check\(", c.source)]
    uses = [i for i in checks if set(make_student.used_names(source.cells[i].source))
            & {n for j in make_student.exercise_cells(source)
               for n in make_student.defined_names(source.cells[j].source)}]
    assert uses and set(uses) <= touched


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_nbgrader_metadata_is_complete_and_unique(student_dir, lesson):
    """nbgrader (schema 3): answer cells hold the stubs, the cells using them are read-only."""
    student = _read(student_dir / lesson.name)
    ids = []
    for i, cell in enumerate(student.cells):
        meta = cell.metadata.get("nbgrader")
        if make_student.STUB_RAISE in cell.source or "= ...  # YOUR ANSWER HERE" in cell.source:
            assert meta and meta["solution"] is True and meta["locked"] is False, f"cell {i}"
        if meta is None:
            continue
        assert cell.cell_type == "code"
        assert set(meta) == {"grade", "grade_id", "locked", "schema_version", "solution", "task"}
        assert meta["schema_version"] == 3 and meta["grade"] is False and meta["task"] is False
        assert re.fullmatch(r"[A-Za-z0-9_-]+", meta["grade_id"])
        assert meta["solution"] != meta["locked"]
        ids.append(meta["grade_id"])
    assert ids and len(ids) == len(set(ids))


def test_the_nbgrader_source_keeps_the_solutions(tmp_path):
    lesson = LESSONS[0]
    assert make_student.main(["--out", str(tmp_path / "s"), "--nbgrader-source", str(tmp_path / "src"),
                              str(lesson)]) == 0
    source, marked = _read(lesson), _read(tmp_path / "src" / lesson.name)
    assert [c.source for c in marked.cells] == [c.source for c in source.cells]
    answers = [c for c in marked.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(answers) == len(make_student.exercise_cells(source))


# --- executing a student version --------------------------------------------------------------

def _execute(path):
    import ipykernel.kernelspec
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    class ThisVenv(KernelSpecManager):  # the project's kernel, never a user-level kernelspec
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    nb = _read(path)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=ThisVenv())
    client = NotebookClient(nb, km=km, timeout=600, allow_errors=True, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    env = deterministic_env()
    env.pop("MPLBACKEND", None)
    client.execute(env=env)
    return nb


def _text(outputs):
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        elif out.get("output_type") == "error":
            parts.append("\n".join(out["traceback"]))
        else:
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_a_student_version_runs_and_its_checks_say_unfinished(student_dir, lesson):
    source = _read(lesson)
    nb = _execute(student_dir / lesson.name)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if "raises-exception" in cell.metadata.get("tags", []):  # the lesson's own demonstration
            stored = [o["ename"] for o in source.cells[i].outputs if o.get("output_type") == "error"]
            assert [o["ename"] for o in errors] == stored, f"cell {i}: not the lesson's own error"
            continue
        text = _text(cell.outputs)
        assert not errors, f"{lesson.name} cell {i} raised:\n{text[-2000:]}\n--- its code:\n{cell.source}"
        assert "Traceback" not in text, f"{lesson.name} cell {i} printed a traceback:\n{text[-2000:]}"
    deps = make_student.dependent_cells(source)
    assert deps
    for i in deps:
        text = _text(nb.cells[i].outputs)
        verdicts = [line for line in text.splitlines() if line.startswith(("✓", "✗"))]
        if re.search(r"\.check\(", nb.cells[i].source):
            assert verdicts, f"cell {i}: a self-check that printed no verdict:\n{text}"
        for line in verdicts:
            assert line.startswith("✗") and any(f in line for f in FRIENDLY), \
                f"{lesson.name} cell {i}: not a friendly 'unfinished' report: {line}"
        if not verdicts:  # a cell that runs the student's code once it passes its check
            assert "finish" in text, f"{lesson.name} cell {i}: says nothing to a student:\n{text}"
