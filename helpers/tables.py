"""Text tables the lessons print: columns lined up, each number to the precision it is stable to.

One function instead of a hand-aligned f-string per table:

    print(text_table(["start", "first cost", "last cost"],
                     [("zeros", 0.6931, 0.6931), ("he", 0.8850, 0.0617)],
                     ["", ".4f", ".4f"]))

    start  first cost  last cost
    zeros      0.6931     0.6931
    he         0.8850     0.0617

Each column is as wide as its widest entry (the header included) and columns are separated
by ``gap`` spaces. A number is formatted with its column's format spec (Python's
``format(value, spec)``: ".4f", ".1%", "+.2f", "d", ".2g"; "" or None means ``str``) and
right-aligned, and so is a string that reads as a number ("96.7 %", "-0.75 ± 0.97", "~90",
"-", "nan"); a column of text only ("tanh", "(3, 4)", "ok") is left-aligned, so labels read
from the left and numbers line up on their last digit. A cell that is already a string is
printed as it is. Several header lines are a list of lists. No trailing spaces.

Bad arguments are refused naming the argument (the policy of helpers.shapes): ``header`` a
list of strings (or a list of such lists, all as long), ``rows`` a list of rows each with as
many cells as the header, ``formats`` None or one spec (a string or None) per column, cells
numbers or strings, ``gap`` a whole number >= 1.

Public API
    text_table(header, rows, formats=None, *, gap=2)   -> str, the table's lines joined by "\\n"
"""
import numbers
import re

from helpers.shapes import check_count

__all__ = ["text_table"]


def _header_lines(header):
    if isinstance(header, (list, tuple)) and header and all(isinstance(h, (list, tuple)) for h in header):
        lines = [list(h) for h in header]
    elif isinstance(header, (list, tuple)):
        lines = [list(header)]
    else:
        raise TypeError(f"header must be a list of column titles (strings), got {header!r}")
    n = len(lines[0])
    if n == 0:
        raise ValueError("header must name at least one column")
    for i, line in enumerate(lines):
        if len(line) != n:
            raise ValueError(f"header line {i} has {len(line)} titles, line 0 has {n}: every header "
                             f"line needs one title per column")
        for title in line:
            if not isinstance(title, str):
                raise TypeError(f"header titles must be strings, got {title!r} in header line {i}")
    return lines, n


_NUMERIC_TEXT = re.compile(r"\s*([-+~±<>]?\s*\.?\d|-$|nan$|-?inf$)")  # "96.7 %", "< 1e-07", "-"


def _is_text(x):
    """A cell that is a label: a string that does not read as a number."""
    return isinstance(x, str) and not _NUMERIC_TEXT.match(x)


def _is_number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _cell(value, spec, r, c):
    if isinstance(value, str):
        return value
    if not _is_number(value):
        raise TypeError(f"rows[{r}][{c}] must be a number or a string, got {value!r}")
    try:
        return format(value, spec or "")
    except ValueError as err:
        raise ValueError(f"formats[{c}] = {spec!r} cannot format rows[{r}][{c}] = {value!r}: {err}") from None


def text_table(header, rows, formats=None, *, gap=2):
    """The rows under the header, lined up in columns; returns the table as one string.

    header: column titles, a list of n strings (or a list of such lists, one per header line).
    rows: a list of rows, each a sequence of n cells, numbers or strings.
    formats: None, or n format specs (a string such as ".4f" or "5.1f", or None for str).
    gap: spaces between columns, a whole number >= 1.
    A column of labels only is left-aligned; a column with numbers (or strings that read as
    numbers) right-aligned.
    """
    gap = check_count(gap, "gap")
    lines, n = _header_lines(header)
    if not isinstance(rows, (list, tuple)):
        raise TypeError(f"rows must be a list of rows (sequences of {n} cells), got {rows!r}")
    if formats is None:
        formats = [None] * n
    if not isinstance(formats, (list, tuple)) or len(formats) != n:
        raise ValueError(f"formats must be None or a list of {n} format specs (one per column), "
                         f"got {formats!r}")
    for c, spec in enumerate(formats):
        if spec is not None and not isinstance(spec, str):
            raise TypeError(f"formats[{c}] must be a format spec such as '.4f' (a string) or None, "
                            f"got {spec!r}")
    body, texts = [], [True] * n
    for r, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__len__") or len(row) != n:
            raise ValueError(f"rows[{r}] must have {n} cells, one per column, got {row!r}")
        body.append([_cell(v, formats[c], r, c) for c, v in enumerate(row)])
        for c, v in enumerate(row):
            texts[c] = texts[c] and _is_text(v)
    widths = [max(len(line[c]) for line in lines + body) for c in range(n)]
    sep = " " * gap

    def join(cells):
        return sep.join(cell.ljust(w) if text else cell.rjust(w)
                        for cell, w, text in zip(cells, widths, texts)).rstrip()
    return "\n".join(join(line) for line in lines + body)
