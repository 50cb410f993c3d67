"""The shipped data files: their checksums match data/README.md, and the loaders return
what the lessons expect."""
import hashlib
import re

import numpy as np
import pytest

from support import ROOT
from helpers.datasets import food_calories, load_csv_table

DATA_DIR = ROOT / "data"
README = DATA_DIR / "README.md"
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def readme_checksums():
    """{file name: sha256} from the README's table (first column file, last column sha256)."""
    table = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) >= 2 and SHA256.match(cells[-1]):
            table[cells[0]] = cells[-1]
    return table


def test_readme_lists_a_checksum_for_food_calories():
    assert "food_calories.csv" in readme_checksums()


def test_every_data_file_is_listed_in_the_readme():
    shipped = sorted(p.name for p in DATA_DIR.iterdir() if p.is_file() and p.name != "README.md")
    assert sorted(readme_checksums()) == shipped


@pytest.mark.parametrize("name, sha256", sorted(readme_checksums().items()))
def test_file_matches_its_readme_checksum(name, sha256):
    digest = hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()
    assert digest == sha256, f"data/{name} changed: update its sha256 in data/README.md"


def test_food_calories_is_the_lectures_3x4_float64_table():
    A, nutrients, foods = food_calories()
    assert A.shape == (3, 4)
    assert A.dtype == np.float64
    assert nutrients == ["carbohydrate", "protein", "fat"]
    assert foods == ["apples", "beef", "eggs", "potatoes"]
    expected = [[56.0, 0.0, 4.4, 68.0],
                [1.2, 104.0, 52.0, 8.0],
                [1.8, 135.0, 99.0, 0.9]]
    np.testing.assert_array_equal(A, np.array(expected))


def test_food_calories_unpacks_by_name_too():
    table = food_calories()
    assert table.values is table[0]
    assert table.rows == ["carbohydrate", "protein", "fat"]
    assert table.columns == ["apples", "beef", "eggs", "potatoes"]


# --- load_csv_table refuses files it cannot read as a table, naming the file -------------

def _csv(tmp_path, text, name="table.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_csv_loads_as_a_labeled_float64_table_and_blank_lines_are_skipped(tmp_path):
    path = _csv(tmp_path, "name,a,b\n\nx,1,2.5\ny,-3,4e-2\n\n")
    values, rows, columns = load_csv_table(path)
    np.testing.assert_array_equal(values, [[1.0, 2.5], [-3.0, 0.04]])
    assert values.dtype == np.float64 and rows == ["x", "y"] and columns == ["a", "b"]
    assert load_csv_table(str(path)).rows == ["x", "y"]  # a str path works too


@pytest.mark.parametrize("text, message", [
    ("", r"is empty: expected a header row"),
    ("\n\n", r"is empty"),
    ("name,a,b\n", r"has a header but no data rows"),
    ("name\nx\n", r"the header \['name'\] has 1 cell\(s\)"),
    ("name,a,b\nx,1\n", r"line 2: 2 cell\(s\), expected 3"),
    ("name,a,b\nx,1,two\n", r"line 2, column 'b': 'two' is not a number"),
    ("name,a,b\nx,1,\n", r"line 2, column 'b': '' is not a number"),
    ("name,a,b\nx,1,2\ny,nan,2\n", r"line 3, column 'a': 'nan' is not a finite number"),
    ("name,a\nx,inf\n", r"'inf' is not a finite number"),
])
def test_a_csv_that_is_not_a_table_of_numbers_is_refused_naming_the_file(tmp_path, text, message):
    path = _csv(tmp_path, text)
    with pytest.raises(ValueError, match=message) as err:
        load_csv_table(path)
    assert "table.csv" in str(err.value)


def test_a_file_that_is_not_utf8_text_is_refused_naming_it(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("name,a\ncafé,1\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin.csv' is not UTF-8 text"):
        load_csv_table(path)


@pytest.mark.parametrize("bad", [None, 3, b"table.csv", ["table.csv"]])
def test_a_path_that_is_not_a_path_is_a_type_error(bad):
    with pytest.raises(TypeError, match="path must be a file name"):
        load_csv_table(bad)


def test_a_missing_file_says_which_file():
    with pytest.raises(FileNotFoundError, match="no_such_table.csv"):
        load_csv_table(DATA_DIR / "no_such_table.csv")
