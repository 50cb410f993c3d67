"""Write data/digits.npz from scikit-learn's copy of the UCI handwritten digits (run once).

The data set is E. Alpaydin and C. Kaynak's "Optical Recognition of Handwritten Digits"
(UCI Machine Learning Repository, 1998, CC BY 4.0): its 1,797 test-set examples, 8 x 8
images of integers 0..16, as scikit-learn ships them in
``sklearn/datasets/data/digits.csv.gz`` (one row per image: 64 pixels, then the digit).
Nothing here runs at lesson time; the lessons load the .npz with allow_pickle=False.

    python tools/make_digits_npz.py path/to/digits.csv.gz data/digits.npz

The .npz holds ``images`` uint8 (1797, 8, 8) and ``labels`` uint8 (1797,), in the order of
the source file. data/README.md records its sha256.
"""
import gzip
import sys

import numpy as np


def main(source, target):
    with gzip.open(source, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if rows.shape != (1797, 65) or rows[:, :64].min() < 0 or rows[:, :64].max() > 16:
        raise SystemExit(f"{source}: expected 1797 rows of 64 pixels 0..16 and a label, got {rows.shape}")
    images = rows[:, :64].reshape(-1, 8, 8).astype(np.uint8)
    labels = rows[:, 64].astype(np.uint8)
    np.savez_compressed(target, images=images, labels=labels)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
