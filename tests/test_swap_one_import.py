"""The table in references/sklearn_differences.md is true.

Every public estimator of every chapter has a row. Where a row says **yes** in the column
"same predictions with defaults", ours and scikit-learn's, each built with its defaults,
give the same predictions (or transforms) on a small real dataset.
"""
import importlib
import inspect
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.data import load_diabetes, load_digits, load_iris
from utils.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "references" / "sklearn_differences.md"
CHAPTERS = sorted(p for p in ROOT.iterdir() if p.is_dir() and re.fullmatch(r"\d\d_\w+", p.name))
ROW = re.compile(r"^\|\s*`(\w+)`\s*\((\d\d)\)\s*\|\s*`([\w.]+)`\s*\|\s*(yes|no)\b[^|]*\|", re.M)


def rows():
    return [dict(name=m[1], chapter=m[2], sklearn=m[3], same=m[4] == "yes")
            for m in ROW.finditer(TABLE.read_text(encoding="utf-8"))]


def chapter_estimators():
    """(chapter number, class) of every public estimator defined in a chapter module."""
    out = []
    for chapter in CHAPTERS:
        module = importlib.import_module(chapter.name[3:])
        for name, cls in vars(module).items():
            if (inspect.isclass(cls) and issubclass(cls, BaseEstimator)
                    and cls.__module__ == module.__name__ and not name.startswith("_")):
                out.append((chapter.name[:2], cls))
    return out


def load_class(path):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_chapter_estimator_has_a_row():
    listed = {(r["chapter"], r["name"]) for r in rows()}
    missing = [f"{cls.__name__} ({ch})" for ch, cls in chapter_estimators()
               if (ch, cls.__name__) not in listed]
    assert not missing, f"references/sklearn_differences.md has no row for {missing}"


def dataset(estimator):
    """A small real dataset that suits the estimator's kind."""
    if type(estimator).__name__ in ("MultinomialNB", "BernoulliNB", "CategoricalNB"):
        X, y = load_digits(return_X_y=True)   # counts
        return X[:600], y[:600]
    if isinstance(estimator, RegressorMixin):
        X, y = load_diabetes(return_X_y=True)
        return StandardScaler().fit_transform(X), y
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.mark.parametrize("row", [r for r in rows() if r["same"]],
                         ids=lambda r: f"{r['chapter']}-{r['name']}")
def test_yes_rows_give_scikit_learns_predictions(row):
    module = importlib.import_module(
        next(c.name[3:] for c in CHAPTERS if c.name.startswith(row["chapter"])))
    ours, theirs = getattr(module, row["name"])(), load_class(row["sklearn"])()
    for est in (ours, theirs):  # the same seed wherever there is one
        if "random_state" in est.get_params():
            est.set_params(random_state=0)
    if type(ours).__name__ == "CountVectorizer":
        docs = ["the cat sat on the mat", "the dog ate my homework", "a cat and a dog",
                "Homework, homework: the dog again!"]
        counts = ours.fit_transform(docs)
        counts = counts.toarray() if hasattr(counts, "toarray") else np.asarray(counts)
        np.testing.assert_array_equal(counts, theirs.fit_transform(docs).toarray())
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
        return
    X, y = dataset(ours)
    with warnings.catch_warnings():
        # short default runs may stop at max_iter on either side; predictions are compared
        warnings.filterwarnings("ignore", message=".*(converge|max_iter).*")
        ours.fit(X, y)
        theirs.fit(X, y)
    if hasattr(ours, "predict"):
        a, b = ours.predict(X), theirs.predict(X)
        if isinstance(ours, ClassifierMixin):
            np.testing.assert_array_equal(a, b)
        else:
            # an iterative regressor (Lasso) stops at its tolerance (tol=1e-4 on both sides),
            # so the two agree to about that, not to the last digit
            np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-6)
    else:  # a transformer: compare the transform, each column up to its sign
        a, b = ours.transform(X), theirs.transform(X)
        signs = np.sign(np.sum(a * b, axis=0))
        np.testing.assert_allclose(a * signs, b, rtol=1e-6, atol=1e-8)
