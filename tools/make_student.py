#!/usr/bin/env python3
"""Student versions of the lessons: every solution taken out, the self-checks left to fail politely.

    python tools/make_student.py                      every notebooks/NN_*.ipynb -> build/student/
    python tools/make_student.py notebooks/04_shallow_network.ipynb --out /tmp/student
    python tools/make_student.py --nbgrader-source build/nbgrader-source    (also: see below)

What changes in a student version, and nothing else (prose, figures, every other output stay):

- each region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` is replaced by a
  placeholder. Inside a function body (an indented region):
  ``# YOUR CODE HERE`` and ``raise NotImplementedError("your code here")``, which the
  self-checks report in one sentence ("normalize_rows is not implemented yet"). At the top
  level a region may only hold answers such as ``culprit = "W2"``; each becomes
  ``culprit = ...``, which the self-check reports as "not set yet". Anything else at the top
  level is refused (the tool says which notebook and cell), because no placeholder there
  would let the rest of the notebook run;
- the outputs of those cells and of every later cell that uses a name they define (the
  self-checks, a demonstration built on the student's function) are cleared;
- the cells get nbgrader's cell metadata (schema 3): the exercise cells are "autograded
  answer" cells (``solution: true``), the cells that use the student's names are read-only
  (``locked: true``). The same metadata on the instructor's copy (``--nbgrader-source``,
  solutions kept) is what nbgrader's ``generate_assignment`` reads.

Why our own preprocessor and not nbgrader's ``ClearSolutions``: nbgrader 0.9 needs
JupyterLab >= 4.2 and Notebook 7 (this project promises JupyterLab 4.0, tested by
make test-lowest), brings SQLAlchemy, alembic, Mako and RapidFuzz, and installs a server and
a JupyterLab extension into the Lab every lesson runs in. ``ClearSolutions`` also puts one
``raise NotImplementedError()`` in place of every region, which at the top level of a cell
(lesson 07's ``culprit``) stops the cell. This module is about 150 lines of nbformat.

Exit status 0; 1 when a notebook has a region this tool cannot replace (the message names it).
"""
import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
STUB_RAISE = 'raise NotImplementedError("your code here")'
VALUE_STUB = "{name} = ...  # YOUR ANSWER HERE"
NBGRADER_SCHEMA = 3


class StudentVersionError(ValueError):
    """A solution region that cannot be replaced by a placeholder."""


def lesson_notebooks(folder=ROOT / "notebooks"):
    """The lessons in course order: NN_topic.ipynb, sorted by NN."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def clear_solutions(source, where="the cell"):
    """``source`` with each solution region replaced by its placeholder.

    Returns (new source, the region lines removed). Raises StudentVersionError for an
    unterminated or nested region, or a top-level region that is not plain answers."""
    lines = source.split("\n")
    out, removed = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == END:
            raise StudentVersionError(f"{where}: line {i + 1}: {END} without {BEGIN}")
        if line.strip() != BEGIN:
            out.append(line)
            i += 1
            continue
        indent = line[:len(line) - len(line.lstrip())]
        body, j = [], i + 1
        while j < len(lines) and lines[j].strip() != END:
            if lines[j].strip() == BEGIN:
                raise StudentVersionError(f"{where}: line {j + 1}: {BEGIN} inside another region")
            body.append(lines[j])
            j += 1
        if j == len(lines):
            raise StudentVersionError(f"{where}: line {i + 1}: {BEGIN} without {END}")
        removed.extend(body)
        out.extend(_placeholder(indent, body, where, i + 1))
        i = j + 1
    return "\n".join(out), removed


def _placeholder(indent, body, where, lineno):
    if indent:  # inside a function (or a loop, an if): a stub the self-checks recognize
        return [indent + STUB_COMMENT, indent + STUB_RAISE]
    try:
        tree = ast.parse("\n".join(body))
    except SyntaxError as err:
        raise StudentVersionError(f"{where}: the region at line {lineno} does not parse: {err}") from None
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else None)
        if not targets or not all(isinstance(t, ast.Name) for t in targets):
            raise StudentVersionError(
                f"{where}: the top-level region at line {lineno} holds "
                f"{type(node).__name__} at its line {node.lineno}; a top-level region may only "
                "assign answers (name = value). Put a function's `def` line above the "
                f"{BEGIN} line and the region inside its body")
        names.extend(t.id for t in targets)
    return [VALUE_STUB.format(name=n) for n in names]


def defined_names(source):
    """Top-level names a cell defines: functions, classes, assignment targets."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.extend(n.id for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def used_names(source):
    """Every plain name a cell reads (``lesson01.normalize_rows`` reads lesson01 only)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: look at the words instead
        return set(re.findall(r"\b[A-Za-z_]\w*\b", source))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _grade_id(kind, names, taken):
    base = re.sub(r"[^A-Za-z0-9_-]", "_", f"{kind}-{'-'.join(names)}")
    gid, k = base, 2
    while gid in taken:
        gid, k = f"{base}-{k}", k + 1
    taken.add(gid)
    return gid


def nbgrader_metadata(grade_id, solution):
    """nbgrader's cell metadata (schema 3): an answer cell, or a read-only cell."""
    return {"grade": False, "grade_id": grade_id, "locked": not solution,
            "schema_version": NBGRADER_SCHEMA, "solution": solution, "task": False}


def exercise_cells(nb):
    """Indices of the code cells holding a solution region."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and BEGIN in c.source]


def dependent_cells(nb):
    """{index: names}: code cells after an exercise cell that read a name it defines."""
    stubbed, deps = set(), {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if BEGIN in cell.source:
            stubbed.update(defined_names(cell.source))
            continue
        hit = sorted(used_names(cell.source) & stubbed)
        if hit:
            deps[i] = hit
    return deps


def mark_for_nbgrader(nb):
    """Write nbgrader metadata into ``nb`` (in place): answer cells and read-only cells."""
    taken = set()
    deps = dependent_cells(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if BEGIN in cell.source:
            names = [n for n in defined_names(cell.source)] or [f"cell{i}"]
            cell.metadata["nbgrader"] = nbgrader_metadata(_grade_id("answer", names, taken), True)
        elif i in deps:
            cell.metadata["nbgrader"] = nbgrader_metadata(_grade_id("check", deps[i], taken), False)
    return nb


def student_version(nb, name="notebook"):
    """A copy of ``nb`` with the solutions replaced and the affected outputs cleared."""
    nb = mark_for_nbgrader(copy.deepcopy(nb))
    deps = dependent_cells(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if BEGIN in cell.source:
            cell.source, _ = clear_solutions(cell.source, f"{name} cell {i}")
        elif i not in deps:
            continue
        cell.outputs = []
        cell.execution_count = None
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student",
                        help="folder for the student versions (default build/student)")
    parser.add_argument("--nbgrader-source", type=Path, metavar="DIR",
                        help="also write the instructor notebooks with nbgrader metadata "
                             "(solutions kept) to DIR, for nbgrader's generate_assignment")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or lesson_notebooks()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        try:
            student = student_version(nb, path.name)
        except StudentVersionError as err:
            print(f"make_student: {err}", file=sys.stderr)
            return 1
        nbformat.validate(student)
        nbformat.write(student, args.out / path.name)
        n = len(exercise_cells(nb))
        print(f"{args.out / path.name}: {n} exercise cell{'s' * (n != 1)} cleared")
        if args.nbgrader_source:
            args.nbgrader_source.mkdir(parents=True, exist_ok=True)
            nbformat.write(mark_for_nbgrader(copy.deepcopy(nb)), args.nbgrader_source / path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
