"""A summary of failing notebook cells an instructor can read, printed at the end of a pytest run.

nbval reports a failing cell with its raw comparison (pytest's assertion diff of the whole
output, newlines escaped). This plugin adds, after that, one section that lists:

* one line per failing cell: the notebook, the cell's number and its first line of code, and
  what went wrong (its outputs differ, it raised, it timed out);
* then, per cell whose stored output no longer matches, only the differing lines, side by side:
  the stored line (expected) | the line this run printed (got).

Cells are numbered as a student counts them: ``code cell N`` is the N-th code cell of the
notebook, counting from 1 and skipping Markdown cells, which is also the ``[N]`` prompt Jupyter
shows after *Restart Kernel and Run All*. nbval's own name for the same cell is ``Cell N-1``
(it counts from 0); the summary gives both.

It works with pytest-xdist (``-n 2 --dist loadfile``): the facts are computed on the worker, in
``pytest_runtest_makereport``, and travel with the report as one JSON string in
``report.user_properties``; the controller prints them in ``pytest_terminal_summary``.

Registered by ``tests/conftest.py`` (``pytest_plugins``).
"""
from __future__ import annotations

import difflib
import hashlib
import json

import pytest

PROPERTY = "nbval_report"
MAX_DIFF_LINES = 12  # differing lines shown per cell; the rest are counted


def _is_nbval_cell(item) -> bool:
    """nbval's IPyNbCell, recognized by what it carries (no import of nbval needed)."""
    return hasattr(item, "cell_num") and hasattr(item, "cell") and hasattr(item, "test_outputs")


def _first_code_line(source: str) -> str:
    """The cell's first line that is code: not blank, not a comment (NBVAL markers included)."""
    lines = source.splitlines()
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped
    return lines[0].strip() if lines else "(empty cell)"


def _output_lines(item, outputs) -> list[str]:
    """The outputs of a cell as the lines nbval compares, after the sanitize patterns.

    Streams and text/plain give their text; an error gives ``Name: value``; any other compared
    MIME type (text/html, ...) gives its text, and a binary one a short fingerprint.
    """
    skip = set(getattr(item.parent, "skip_compare", ()))
    lines: list[str] = []
    for out in outputs or []:
        kind = out.get("output_type")
        if kind == "stream":
            lines.extend(item.sanitize(out.get("text", "")).splitlines())
        elif kind == "error":
            lines.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            for mime in sorted(data, key=lambda m: (m != "text/plain", m)):
                if mime in skip:
                    continue
                value = data[mime]
                if mime.startswith("text/") and isinstance(value, str):
                    lines.extend(item.sanitize(value).splitlines())
                else:
                    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
                    digest = hashlib.md5(item.sanitize(text).encode("utf8")).hexdigest()[:12]
                    lines.append(f"<{mime}, md5 {digest}>")
    return lines


def _differing_pairs(expected: list[str], got: list[str]) -> list[tuple[int | None, str, str]]:
    """The lines that differ, paired up: (line number in the stored output or None, expected, got).

    An expected line with no counterpart pairs with "" (and the other way round).
    """
    pairs = []
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = expected[i1:i2], got[j1:j2]
        for k in range(max(len(left), len(right))):
            number = i1 + k + 1 if k < len(left) else None
            pairs.append((number, left[k] if k < len(left) else "", right[k] if k < len(right) else ""))
    return pairs


def _failure_facts(item, call) -> dict:
    """What went wrong in one nbval cell, as plain data that survives the trip from a worker."""
    exc = call.excinfo.value
    message = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    got_outputs = item.test_outputs or []
    facts = {
        "notebook": item.nodeid.split("::")[0],
        "nbval_cell": item.cell_num,
        "code_cell": item.cell_num + 1,
        "first_line": _first_code_line(item.cell.source),
        "problem": message,
        "pairs": [],
    }
    errors = [o for o in got_outputs if o.get("output_type") == "error"]
    if message.startswith("Timeout"):
        facts["problem"] = message  # nbval's words: how long it waited
    elif errors and message != "Cell outputs differ":
        facts["problem"] = f"raised {errors[-1].get('ename', '')}: {errors[-1].get('evalue', '')}"
    elif message == "Cell outputs differ":
        facts["problem"] = "stored output differs"
        facts["pairs"] = _differing_pairs(_output_lines(item, item.cell.outputs),
                                          _output_lines(item, got_outputs))
    return facts


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and call.excinfo is not None and _is_nbval_cell(item):
        try:
            facts = _failure_facts(item, call)
        except Exception as error:  # the summary must never hide nbval's own report
            facts = {"notebook": item.nodeid.split("::")[0], "nbval_cell": item.cell_num,
                     "code_cell": item.cell_num + 1, "first_line": "", "pairs": [],
                     "problem": f"(summary unavailable: {type(error).__name__}: {error})"}
        report.user_properties.append((PROPERTY, json.dumps(facts)))
    return report


def _clip(text: str, width: int, start: int = 0) -> str:
    """At most width characters of text, with … where something was cut: from its beginning if
    the character at ``start`` (the first that differs) then shows, else from just before it."""
    if len(text) <= width:
        return text.ljust(width)
    begin = max(0, min(start - 2 * width // 3, len(text) - width + 1))
    piece = text[begin:begin + width]
    if begin > 0:
        piece = "…" + piece[1:]
    if begin + width < len(text):
        piece = piece[:-1] + "…"
    return piece.ljust(width)


def _first_difference(a: str, b: str) -> int:
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return k
    return min(len(a), len(b))


def collect_facts(terminalreporter) -> list[dict]:
    """The facts of every failing nbval cell in this run, in notebook then cell order."""
    found = []
    reports = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    for report in reports:
        for name, value in getattr(report, "user_properties", ()):
            if name == PROPERTY:
                found.append(json.loads(value))
    return sorted(found, key=lambda f: (f["notebook"], f["nbval_cell"]))


def format_summary(facts: list[dict], width: int = 100) -> list[str]:
    """The summary's lines: one per failing cell, then the differing lines of each."""
    name_width = max(len(f["notebook"]) for f in facts)
    label = [f"code cell {f['code_cell']} (nbval Cell {f['nbval_cell']})" for f in facts]
    label_width = max(len(s) for s in label)
    code = [_clip(f["first_line"], 40).rstrip() for f in facts]
    code_width = max(len(s) for s in code)
    lines = []
    for f, where, first in zip(facts, label, code):
        lines.append(f"{f['notebook']:<{name_width}}  {where:<{label_width}}  {first:<{code_width}}  "
                     f"-> {f['problem']}")
    column = max(20, (width - 14) // 2)
    for f in facts:
        if not f["pairs"]:
            if f["problem"] == "stored output differs":
                lines += ["", f"{f['notebook']}, code cell {f['code_cell']}: {f['first_line']}",
                          "  the same text: the outputs differ in kind or number (nbval's report above "
                          "says which)"]
            continue
        lines.append("")
        lines.append(f"{f['notebook']}, code cell {f['code_cell']}: {f['first_line']}")
        lines.append(f"  {'line':>5}  {'expected (stored in the notebook)':<{column}} | got (this run)")
        for number, expected, got in f["pairs"][:MAX_DIFF_LINES]:
            start = _first_difference(expected, got)
            where = "" if number is None else str(number)
            lines.append(f"  {where:>5}  {_clip(expected, column, start)} | "
                         f"{_clip(got, column, start).rstrip()}")
        hidden = len(f["pairs"]) - MAX_DIFF_LINES
        if hidden > 0:
            lines.append(f"  ... and {hidden} more differing lines (nbval's report above has them all)")
    return lines


def pytest_terminal_summary(terminalreporter):
    facts = collect_facts(terminalreporter)
    if not facts:
        return
    width = getattr(terminalreporter._tw, "fullwidth", 0) or 100
    terminalreporter.section(f"notebook cells that failed: {len(facts)}", sep="=", bold=True)
    for line in format_summary(facts, width):
        terminalreporter.write_line(line)
    terminalreporter.write_line("")
    terminalreporter.write_line("Code cells count from 1, Markdown cells skipped: code cell N is the [N] "
                                "prompt after Restart Kernel and Run All.")
    terminalreporter.write_line("An intended change: make refresh NB=<notebook>, then review git diff "
                                "(or nbdiff, from nbdime) before committing.")
