"""helpers.tables.text_table: the lessons' text tables line up, format numbers as asked and
refuse bad arguments by name."""
import numpy as np
import pytest

from helpers.tables import text_table


def test_the_docstring_example_prints_as_shown():
    table = text_table(["start", "first cost", "last cost"],
                       [("zeros", 0.6931, 0.6931), ("he", 0.8850, 0.0617)], ["", ".4f", ".4f"])
    assert table.splitlines() == ["start  first cost  last cost",
                                  "zeros      0.6931     0.6931",
                                  "he         0.8850     0.0617"]


def test_labels_are_left_aligned_and_numbers_right_aligned_on_their_last_digit():
    lines = text_table(["g", "saturated", "slope"],
                       [("sigmoid", "0.0 %", 0.1758), ("tanh", "91.6 %", 0.03)],
                       [None, None, ".4f"]).splitlines()
    assert lines[1] == "sigmoid      0.0 %  0.1758"
    assert lines[2] == "tanh        91.6 %  0.0300"
    # every line is as long as its last cell allows, with no trailing spaces
    assert all(line == line.rstrip() for line in lines)


def test_a_column_of_labels_stays_left_aligned_even_with_numbers_in_its_header():
    lines = text_table(["case", "left"], [("a", "(3, 4)"), ("bb", "()")]).splitlines()
    assert lines == ["case  left", "a     (3, 4)", "bb    ()"]


def test_numpy_numbers_whole_numbers_and_format_specs_such_as_percent_and_e():
    lines = text_table(["n", "share", "eps"], [(np.int64(10), np.float64(0.25), 1e-7)],
                       ["d", ".1%", ".0e"]).splitlines()
    assert lines[1] == "10  25.0%  1e-07"


def test_several_header_lines_and_the_gap_between_columns():
    lines = text_table([["", "at θ = 1"], ["ε", "one-sided"]], [(0.1, 0.31)], [".0e", ".1e"],
                       gap=4).splitlines()
    assert lines == ["          at θ = 1", "    ε    one-sided", "1e-01      3.1e-01"]


def test_nan_and_inf_print_like_numbers():
    assert text_table(["x"], [(float("nan"),), (float("inf"),), (1.5,)], [".2f"]).splitlines() == \
        ["   x", " nan", " inf", "1.50"]


@pytest.mark.parametrize("call, error, message", [
    (lambda: text_table("ab", [(1, 2)]), TypeError, "header"),
    (lambda: text_table([], []), ValueError, "header"),
    (lambda: text_table([["a", "b"], ["c"]], []), ValueError, "header line 1"),
    (lambda: text_table(["a", 3], []), TypeError, "header"),
    (lambda: text_table(["a", "b"], [(1,)]), ValueError, r"rows\[0\]"),
    (lambda: text_table(["a", "b"], [(1, None)]), TypeError, r"rows\[0\]\[1\]"),
    (lambda: text_table(["a"], [(True,)]), TypeError, r"rows\[0\]\[0\]"),
    (lambda: text_table(["a"], None), TypeError, "rows"),
    (lambda: text_table(["a", "b"], [(1, 2)], [".2f"]), ValueError, "formats"),
    (lambda: text_table(["a"], [(1.5,)], ["d"]), ValueError, r"formats\[0\]"),
    (lambda: text_table(["a"], [(1.5,)], [3]), TypeError, r"formats\[0\]"),
    (lambda: text_table(["a"], [(1,)], gap=0), ValueError, "gap"),
])
def test_bad_arguments_are_refused_naming_them(call, error, message):
    with pytest.raises(error, match=message):
        call()
