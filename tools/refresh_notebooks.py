"""Re-execute notebooks in place and store their outputs, reproducibly.

    python tools/refresh_notebooks.py notebooks/*.ipynb     (what `make refresh` runs)

The kernel is this interpreter's own (never a user-level kernelspec). Afterwards the
notebook is normalised so that a second refresh with no content change leaves
`git diff` empty: no execution timestamps, no widget state blob (random model ids), no
Python patch version, and widget outputs keep only their static fallbacks (text and
PNG), which is also what a reader sees on a site that runs no widgets.
Cells marked `# NBVAL_IGNORE_OUTPUT` (timings) are executed like all others, but keep
their stored output when they have one, so that a refresh does not rewrite a timing on
every run; pass --retime (`make refresh RETIME=1`) to store fresh measurements.
Run it with one BLAS thread and PYTHONHASHSEED=0 (the Makefile sets both).
"""
import copy
import sys
from pathlib import Path

import ipykernel.kernelspec
import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TIMEOUT = 600  # seconds per cell
IGNORE_OUTPUT = "# NBVAL_IGNORE_OUTPUT"


class CurrentEnvKernelSpecManager(KernelSpecManager):
    """Always hands out the kernel of the interpreter running this script."""

    def get_kernel_spec(self, kernel_name):
        return self.kernel_spec_class(
            resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict()
        )


def normalise(nb):
    """Strip what changes from run to run without changing what the notebook teaches."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
    return nb


def unexpected_errors(nb):
    """Cells that produced an error without the `raises-exception` tag."""
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            bad.append(i)
    return bad


def is_ignored(cell):
    return cell.cell_type == "code" and cell.source.lstrip().startswith(IGNORE_OUTPUT)


def keep_stored_timings(nb, stored):
    """Put back the stored outputs of ignored-output cells (by cell id) that had some."""
    for cell in nb.cells:
        old = stored.get(cell.get("id"))
        if is_ignored(cell) and old and not any(o.get("output_type") == "error" for o in cell.outputs):
            cell.outputs = old


def refresh(path, retime=False):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    stored = {c.get("id"): copy.deepcopy(c.outputs) for c in nb.cells if is_ignored(c) and c.outputs}
    km = KernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvKernelSpecManager())
    client = NotebookClient(
        nb, km=km, timeout=TIMEOUT, record_timing=False, coalesce_streams=True,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    if not retime:
        keep_stored_timings(nb, stored)
    normalise(nb)
    bad = unexpected_errors(nb)
    if bad:
        raise SystemExit(f"{path}: cells {bad} raised an error without the raises-exception tag")
    nbformat.validate(nb)
    nbformat.write(nb, path)
    print(f"refreshed {path}")


def main(argv):
    retime = "--retime" in argv
    paths = [a for a in argv if a != "--retime"]
    if not paths:
        raise SystemExit("usage: python tools/refresh_notebooks.py [--retime] NOTEBOOK.ipynb ...")
    for p in paths:
        refresh(p, retime=retime)


if __name__ == "__main__":
    main(sys.argv[1:])
