"""Read code out of a lesson notebook so unit tests can check what the notebook stores."""
import ast
import functools

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


@functools.lru_cache(maxsize=16)
def read_notebook(notebook):
    return nbformat.read(notebook, as_version=4)


def code_cells(notebook):
    """The code cells of ``notebook`` (a path), read once per test session."""
    return [c for c in read_notebook(str(notebook)).cells if c.cell_type == "code"]


def stored_text(notebook):
    """Every text output nbval compares: streams and text/plain, timing cells left out."""
    parts = []
    for cell in code_cells(notebook):
        if cell.source.startswith("# NBVAL_IGNORE_OUTPUT"):
            continue
        for out in cell.outputs:
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            elif "text/plain" in out.get("data", {}):
                parts.append(out["data"]["text/plain"])
    return "\n".join(parts)


def load_definitions(notebook, names, namespace):
    """Execute the notebook's top-level definitions of ``names`` (functions, or ``NAME = ...``)
    in a copy of ``namespace``; return it. Each name must be defined exactly once."""
    ns, found = dict(namespace), set()
    for cell in code_cells(notebook):
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef) and node.name in names:
                defined = node.name
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                  and isinstance(node.targets[0], ast.Name) and node.targets[0].id in names):
                defined = node.targets[0].id
            else:
                continue
            assert defined not in found, f"{defined} is defined twice in the notebook"
            exec(compile(ast.Module([node], []), str(notebook), "exec"), ns)  # noqa: S102
            found.add(defined)
    assert found == set(names), f"not found in the notebook: {set(names) - found}"
    return ns
