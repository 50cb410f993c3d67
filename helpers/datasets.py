"""Small data sets the lessons use: shipped files under data/ and seeded generators.

Nothing is downloaded: files load from the repository's data/ folder.
"""
import csv
from pathlib import Path
from typing import NamedTuple

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class LabeledTable(NamedTuple):
    """A 2-D table with row and column names: ``values`` (rows, cols), ``rows``, ``columns``."""

    values: np.ndarray
    rows: list
    columns: list


def load_csv_table(path):
    """Read a CSV with a header row and a name column into a LabeledTable of float64."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows, values = [], []
        for record in reader:
            rows.append(record[0])
            values.append([float(v) for v in record[1:]])
    return LabeledTable(np.array(values, dtype=np.float64), rows, header[1:])


def food_calories():
    """The lecture's calories table (p21): calories from each nutrient in 100 g of food.

    Returns a LabeledTable: ``values`` A of shape (3, 4), rows carbohydrate / protein /
    fat, columns apples / beef / eggs / potatoes. Unpack it as ``A, nutrients, foods``.
    """
    return load_csv_table(DATA_DIR / "food_calories.csv")
