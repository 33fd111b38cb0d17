"""Regenerate iris.csv, breast_cancer.csv, diabetes.csv and digits.csv from scikit-learn.

A one-off generator script, kept for provenance only: nothing imports it, and the
course never runs it (the CSVs it writes are committed). It is the one place outside
the tests that imports scikit-learn, whose bundled copies of these datasets work
offline (``sklearn.datasets.load_*`` read files shipped inside the package).

Run it with ``python tools/make_sklearn_csvs.py`` from the project's root (it finds
``utils/datasets/`` from its own location, so any folder works). Floats are written with
Python's shortest round-trip representation (pandas' default), so
``pandas.read_csv(..., float_precision="round_trip")`` gives back arrays that are
bitwise equal to scikit-learn's; ``utils/tests/test_data.py`` checks that.
"""
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn import datasets

HERE = Path(__file__).resolve().parents[1] / "utils" / "datasets"


def _frame(X, y, columns, integer_features=False):
    df = pd.DataFrame(X.astype(np.int64) if integer_features else X, columns=columns)
    df["target"] = y.astype(np.int64)
    return df


def main():
    iris = datasets.load_iris()
    cancer = datasets.load_breast_cancer()
    # load_diabetes() returns the mean-centred, scaled version by default: keep that one
    diabetes = datasets.load_diabetes()
    digits = datasets.load_digits()
    assert np.array_equal(digits.data, digits.data.astype(np.int64))

    frames = {
        "iris.csv": _frame(iris.data, iris.target, iris.feature_names),
        "breast_cancer.csv": _frame(cancer.data, cancer.target, cancer.feature_names),
        "diabetes.csv": _frame(diabetes.data, diabetes.target, diabetes.feature_names),
        "digits.csv": _frame(digits.data, digits.target,
                             [f"pixel_{i}" for i in range(64)], integer_features=True),
    }
    for name, df in frames.items():
        df.to_csv(HERE / name, index=False)
        back = pd.read_csv(HERE / name, float_precision="round_trip")
        assert back.equals(df), name
        print(f"wrote {name}: {df.shape[0]} rows x {df.shape[1]} columns "
              f"(scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
