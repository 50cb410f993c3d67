"""What nbval cannot see: every notebook carries its outputs, its tagged cells really
raised, no stray tracebacks or widget state are stored, and the kernel name is portable."""
import json

import nbformat
import pytest

from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ids = [p.name for p in NOTEBOOKS]


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_the_lessons_are_numbered_in_course_order():
    assert NOTEBOOKS, "no notebooks"
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_every_code_cell_has_been_executed_and_stored(path):
    nb = nbformat.read(path, as_version=4)
    unexecuted = [i for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and c.source.strip() and c.execution_count is None]
    assert not unexecuted, f"cells {unexecuted} were never executed: run make refresh"
    assert any(c.outputs for c in _code_cells(nb))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_only_cells_tagged_raises_exception_store_an_error_and_they_all_do(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(_code_cells(nb)):
        errored = any(o.get("output_type") == "error" for o in cell.outputs)
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        assert errored == tagged, f"cell {i}: error stored={errored}, raises-exception tag={tagged}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_nondeterministic_metadata_is_stored(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in raw["metadata"]
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    assert "version" not in raw["metadata"].get("language_info", {})
    for cell in raw["cells"]:
        assert "execution" not in cell.get("metadata", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_the_lesson_opens_with_goals_and_a_glossary_and_ends_with_a_summary(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "What you will learn" in text
    assert "Glossary" in text or "glossary" in text
    assert "Summary" in text
    assert any("### BEGIN SOLUTION" in c.source for c in _code_cells(nb)), "no exercise"
