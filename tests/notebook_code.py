"""Read code out of a lesson notebook so unit tests can check what the notebook stores."""
import nbformat


def code_cell(notebook, marker):
    """The source of the one code cell of ``notebook`` (a path) that contains ``marker``."""
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    assert len(cells) == 1, f"expected one code cell containing {marker!r}, found {len(cells)}"
    return cells[0].source


def run_cells(notebook, markers, namespace):
    """Execute, in ``namespace``, the one code cell containing each marker; return it."""
    for marker in markers:
        exec(code_cell(notebook, marker), namespace)  # noqa: S102 - our own notebook
    return namespace


def solution_functions(notebook, names, namespace):
    """The functions ``names`` as the notebook's exercise solution cells define them."""
    ns = run_cells(notebook, [f"def {name}(" for name in names], dict(namespace))
    return [ns[name] for name in names]
