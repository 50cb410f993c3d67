"""The shipped data files: their checksums match data/README.md, and the loaders return
what the lessons expect."""
import hashlib
import re

import numpy as np
import pytest

from support import ROOT
from helpers.datasets import digits, food_calories, from_one_hot, load_csv_table, one_hot

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


# ---- the handwritten digits (lesson 08) --------------------------------------------------

def test_digits_file_holds_1797_images_of_8x8_pixels_0_to_16_and_their_labels():
    with np.load(DATA_DIR / "digits.npz", allow_pickle=False) as f:
        assert sorted(f.files) == ["images", "labels"]
        images, labels = f["images"], f["labels"]
    assert images.shape == (1797, 8, 8) and images.dtype == np.uint8
    assert labels.shape == (1797,) and images.max() == 16 and images.min() == 0
    # the UCI test set's class counts, and its first image (a 0), row by row
    assert np.bincount(labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert labels[0] == 0
    assert images[0, 1].tolist() == [0, 0, 13, 15, 10, 15, 5, 0]


def test_digits_split_is_stratified_with_examples_as_columns_scaled_to_0_1():
    d = digits()
    assert d.X_train.shape == (64, 1438) and d.X_test.shape == (64, 359)
    assert d.labels_train.shape == (1, 1438) and d.labels_test.dtype == np.int64
    assert d.Y_train.shape == (10, 1438) and d.Y_test.shape == (10, 359)
    assert d.X_train.dtype == np.float64 and d.X_train.min() == 0.0 and d.X_train.max() == 1.0
    counts = np.bincount(d.labels_test[0], minlength=10)
    totals = counts + np.bincount(d.labels_train[0], minlength=10)
    assert counts.tolist() == [round(0.2 * n) for n in totals]
    assert np.array_equal(from_one_hot(d.Y_train), d.labels_train)
    # 16 * X gives back the file's whole-number pixels
    assert np.array_equal(16 * d.X_test, np.round(16 * d.X_test))


def test_digits_split_is_fixed_by_its_seed_and_every_image_lands_on_exactly_one_side():
    a, b, c = digits(), digits(), digits(seed=1)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a.X_test, c.X_test)
    both = np.hstack([a.X_train, a.X_test])
    assert both.shape[1] == 1797
    with np.load(DATA_DIR / "digits.npz", allow_pickle=False) as f:
        source = f["images"].reshape(1797, 64).T / 16.0
    key = lambda X: sorted(map(bytes, X.T.copy()))  # noqa: E731  (the multiset of columns)
    assert key(both) == key(source)


def test_one_hot_and_back():
    labels = np.array([[2, 0, 1, 2]])
    Y = one_hot(labels, 3)
    assert Y.tolist() == [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    assert Y.dtype == np.float64
    assert np.array_equal(from_one_hot(Y), labels)
    assert one_hot([[1.0, 0.0]], 4).shape == (4, 2)  # whole numbers written as floats; unused classes


@pytest.mark.parametrize("call, message", [
    (lambda: one_hot([[0, 3]], 3), r"labels\[0, 1\] is 3"),
    (lambda: one_hot([0, 1], 3), "rank-1"),
    (lambda: one_hot([[0.5]], 3), "whole numbers 0 to 2"),
    (lambda: from_one_hot([[1, 0], [1, 0]]), "column 0"),
    (lambda: from_one_hot([[0, 1]]), "k >= 2 rows"),
    (lambda: digits(test_fraction=0.001), "at least one example of every digit"),
])
def test_label_conversions_and_the_split_refuse_bad_input_saying_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()
