"""The shipped data files: their checksums match data/README.md, and the loaders return
what the lessons expect."""
import hashlib
import re

import numpy as np
import pytest

from helpers.datasets import DATA_DIR, food_calories

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
