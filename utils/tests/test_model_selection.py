"""Tests for utils.model_selection: sklearn's folds, split invariants, bad input."""
import numpy as np
import pandas as pd
import pytest
from sklearn import model_selection as skms
from sklearn.dummy import DummyClassifier, DummyRegressor

from utils import model_selection as MS
from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.metrics import r2_score


# ------------------------------------------------------------------ train_test_split

@pytest.mark.parametrize("n", [4, 10, 37, 100])
@pytest.mark.parametrize("sizes", [{}, {"test_size": 0.3}, {"test_size": 3},
                                   {"train_size": 0.5}, {"train_size": 2, "test_size": 2},
                                   {"test_size": 0.2, "train_size": 0.5}])
def test_train_test_split_sizes_match_sklearn(n, sizes):
    X = np.arange(2 * n).reshape(n, 2)
    y = np.arange(n)
    ours = MS.train_test_split(X, y, random_state=0, **sizes)
    theirs = skms.train_test_split(X, y, random_state=0, **sizes)
    for a, b in zip(ours, theirs):
        assert a.shape == b.shape
    X_tr, X_te, y_tr, y_te = ours
    # Rows stay aligned across arrays; train and test are disjoint.
    np.testing.assert_array_equal(X_tr[:, 0] // 2, y_tr)
    np.testing.assert_array_equal(X_te[:, 0] // 2, y_te)
    assert not set(y_tr) & set(y_te)
    if "train_size" not in sizes or "test_size" not in sizes:
        assert sorted(np.r_[y_tr, y_te]) == list(range(n))


def test_train_test_split_deterministic_and_shuffle_false():
    X = np.arange(20)
    a = MS.train_test_split(X, random_state=42)
    b = MS.train_test_split(X, random_state=42)
    c = MS.train_test_split(X, random_state=43)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[1], c[1])
    tr, te = MS.train_test_split(X, shuffle=False, test_size=0.25)
    for u, v in zip((tr, te), skms.train_test_split(X, shuffle=False, test_size=0.25)):
        np.testing.assert_array_equal(u, v)


def test_train_test_split_pandas_and_lists():
    df = pd.DataFrame({"a": np.arange(10), "b": np.arange(10) * 2.0},
                      index=[f"r{i}" for i in range(10)])
    s = pd.Series(np.arange(10) * 10, index=df.index)
    df_tr, df_te, s_tr, s_te = MS.train_test_split(df, s, test_size=0.3, random_state=1)
    assert isinstance(df_tr, pd.DataFrame) and isinstance(s_te, pd.Series)
    assert df_tr.shape == (7, 2) and s_te.shape == (3,)
    assert list(df_tr.index) == list(s_tr.index)
    np.testing.assert_array_equal(df_te["a"].to_numpy() * 10, s_te.to_numpy())
    tr, te = MS.train_test_split(list(range(8)), random_state=0)
    assert isinstance(tr, np.ndarray) and len(tr) == 6 and len(te) == 2


@pytest.mark.parametrize("seed", range(5))
def test_train_test_split_stratify_keeps_proportions(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(50, 300))
    y = rng.choice(np.array(["a", "b", "c"]), size=n, p=[0.6, 0.3, 0.1])
    y[:6] = ["a", "a", "b", "b", "c", "c"]
    X = np.arange(n)
    X_tr, X_te, y_tr, y_te = MS.train_test_split(X, y, test_size=0.25, stratify=y,
                                                 random_state=seed)
    _, _, sk_tr, sk_te = skms.train_test_split(X, y, test_size=0.25, stratify=y,
                                               random_state=seed)
    assert len(y_te) == len(sk_te) and len(y_tr) == len(sk_tr)
    np.testing.assert_array_equal(y[X_te], y_te)
    for c in "abc":
        expected = np.sum(y == c) * len(y_te) / n
        assert abs(np.sum(y_te == c) - expected) < 1
        # scikit-learn's counts may differ by one only where it breaks ties at random
        assert abs(np.sum(y_te == c) - np.sum(sk_te == c)) <= 1
    assert sorted(np.r_[X_tr, X_te]) == list(range(n))


def test_train_test_split_stratify_exact_counts():
    y = np.repeat([0, 1], [80, 20])
    _, _, y_tr, y_te = MS.train_test_split(y, y, test_size=0.25, stratify=y, random_state=0)
    assert np.bincount(y_te).tolist() == [20, 5]
    assert np.bincount(y_tr).tolist() == [60, 15]


@pytest.mark.parametrize("args, kwargs, match", [
    ((), {}, "At least one array"),
    ((np.ones(3), np.ones(4)), {}, "inconsistent numbers of samples"),
    ((np.ones(0),), {}, "empty"),
    ((np.ones(10),), {"test_size": 1.5}, r"float in the \(0, 1\) range"),
    ((np.ones(10),), {"test_size": 0.0}, r"float in the \(0, 1\) range"),
    ((np.ones(10),), {"test_size": 10}, "smaller than the number of samples"),
    ((np.ones(10),), {"test_size": "half"}, "must be a float"),
    ((np.ones(10),), {"test_size": 0.6, "train_size": 0.6}, r"\(0, 1\] range"),
    ((np.ones(10),), {"test_size": 6, "train_size": 6}, "should be smaller than"),
    ((np.ones(2),), {"test_size": 0.99}, "would be empty"),
    ((np.ones(4),), {"shuffle": False, "stratify": [0, 0, 1, 1]}, "shuffle=False"),
    ((np.ones(4),), {"shuffle": "no"}, "shuffle must be True or False"),
    ((np.ones(4),), {"stratify": [0, 0, 0, 1]}, "least populated class"),
    ((np.ones(4),), {"stratify": [0, 0, 1]}, "stratify has 3 labels"),
    ((np.ones(6),), {"stratify": [0, 0, 1, 1, 2, 2]}, "at least the number of classes"),
    ((np.ones(4),), {"random_state": "seed"}, "random_state"),
    ((5,), {}, "must be array-like"),
])
def test_train_test_split_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        MS.train_test_split(*args, **kwargs)


# ------------------------------------------------------------------------ splitters

def _folds(splitter, X, y=None):
    return [(tr.tolist(), te.tolist()) for tr, te in splitter.split(X, y)]


@pytest.mark.parametrize("n", [5, 7, 10, 23, 50])
@pytest.mark.parametrize("k", [2, 3, 5])
def test_kfold_matches_sklearn_exactly(n, k):
    X = np.zeros((n, 2))
    assert _folds(MS.KFold(k), X) == _folds(skms.KFold(k), X)
    assert MS.KFold(k).get_n_splits() == k


@pytest.mark.parametrize("cls", [MS.KFold, MS.StratifiedKFold])
def test_splitters_shuffle_partition_and_determinism(cls):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 47)
    X = np.zeros((47, 1))
    folds = _folds(cls(4, shuffle=True, random_state=7), X, y)
    assert folds == _folds(cls(4, shuffle=True, random_state=7), X, y)
    assert folds != _folds(cls(4, shuffle=True, random_state=8), X, y)
    assert folds != _folds(cls(4), X, y)
    tests = [te for _, te in folds]
    assert sorted(sum(tests, [])) == list(range(47))       # test folds partition
    for tr, te in folds:
        assert sorted(tr + te) == list(range(47))           # train = the complement
    sizes = sorted(len(t) for t in tests)
    assert sizes[-1] - sizes[0] <= 1 + (cls is MS.StratifiedKFold) * 2


@pytest.mark.parametrize("seed", range(10))
def test_stratified_kfold_matches_sklearn_exactly(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(12, 120))
    k = int(rng.integers(2, 6))
    y = rng.choice(np.array(["spam", "ham", "eggs"]), size=n, p=[0.2, 0.5, 0.3])
    y[: 3 * k] = np.repeat(["spam", "ham", "eggs"], k)
    rng.shuffle(y)
    X = np.zeros((n, 1))
    assert _folds(MS.StratifiedKFold(k), X, y) == _folds(skms.StratifiedKFold(k), X, y)
    # Shuffled: same per-class counts per fold as scikit-learn (the allocation).
    for (_, te), (_, sk_te) in zip(MS.StratifiedKFold(k, shuffle=True, random_state=0)
                                   .split(X, y),
                                   skms.StratifiedKFold(k, shuffle=True, random_state=0)
                                   .split(X, y)):
        for c in ("spam", "ham", "eggs"):
            assert np.sum(y[te] == c) == np.sum(y[sk_te] == c)


def test_stratified_kfold_keeps_proportions():
    y = np.repeat([0, 1], [90, 10])
    for _, te in MS.StratifiedKFold(5).split(np.zeros(100), y):
        assert np.bincount(y[te]).tolist() == [18, 2]


def test_stratified_kfold_warns_on_small_class():
    y = np.array([0] * 10 + [1] * 2)
    with pytest.warns(UserWarning, match="least populated class in y has only 2"):
        folds = list(MS.StratifiedKFold(3).split(np.zeros(12), y))
    assert len(folds) == 3


@pytest.mark.parametrize("splitter, y, match", [
    (MS.KFold(1), None, "n_splits must be >= 2"),
    (MS.KFold(2.5), None, "n_splits must be of type Integral"),
    (MS.KFold(11), None, "n_splits=11 greater than the number of samples: n_samples=10"),
    (MS.KFold(3, random_state=0), None, "no effect since shuffle is False"),
    (MS.KFold(3, shuffle=1), None, "shuffle must be True or False"),
    (MS.StratifiedKFold(3), None, "needs the class labels y"),
    (MS.StratifiedKFold(3), np.repeat([0, 1, 2, 3, 4], 2), "cannot be greater than the number"),
    (MS.StratifiedKFold(2), np.zeros(9), "different numbers of samples"),
    (MS.StratifiedKFold(2), np.r_[np.zeros(9), np.nan], "NaN"),
    (MS.StratifiedKFold(2), np.zeros((10, 2)), "1-D"),
])
def test_splitters_bad_input(splitter, y, match):
    X = np.zeros((10, 1))
    with pytest.raises(ValueError, match=match):
        list(splitter.split(X, y))


# ---------------------------------------------------------------- cross_val_score

class MeanRegressor(RegressorMixin, BaseEstimator):
    """Predicts the training mean (like DummyRegressor(strategy='mean'))."""

    def __init__(self, shift=0.0):
        self.shift = shift

    def fit(self, X, y):
        self.mean_ = np.mean(y) + self.shift
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


class MajorityClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the most frequent training label, ties to the smallest."""

    def __init__(self):
        pass

    def fit(self, X, y):
        classes, counts = np.unique(y, return_counts=True)
        self.label_ = classes[np.argmax(counts)]
        return self

    def predict(self, X):
        return np.full(len(X), self.label_)


def _regression_data(seed=0, n=53):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, X @ [1.0, -2.0, 0.5] + rng.normal(size=n)


@pytest.mark.parametrize("cv", [2, 3, 5])
@pytest.mark.parametrize("scoring", [None, "r2", "neg_mean_squared_error"])
def test_cross_val_score_regressor_matches_sklearn(cv, scoring):
    X, y = _regression_data()
    ours = MS.cross_val_score(MeanRegressor(), X, y, cv=cv, scoring=scoring)
    theirs = skms.cross_val_score(DummyRegressor(), X, y, cv=cv, scoring=scoring)
    assert ours.shape == (cv,)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)


@pytest.mark.parametrize("cv", [2, 4])
@pytest.mark.parametrize("scoring", [None, "accuracy"])
def test_cross_val_score_classifier_uses_stratified_folds(cv, scoring):
    rng = np.random.default_rng(1)
    y = rng.choice(np.array(["ham", "spam", "eggs"]), size=61, p=[0.5, 0.3, 0.2])
    X = rng.normal(size=(61, 2))
    ours = MS.cross_val_score(MajorityClassifier(), X, y, cv=cv, scoring=scoring)
    theirs = skms.cross_val_score(DummyClassifier(strategy="most_frequent"), X, y, cv=cv,
                                  scoring=scoring)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)


def test_cross_val_score_splitter_callable_and_pandas():
    X, y = _regression_data(2)
    cv = MS.KFold(4, shuffle=True, random_state=0)
    expected = [r2_score(y[te], np.full(len(te), y[tr].mean())) for tr, te in cv.split(X)]
    np.testing.assert_allclose(MS.cross_val_score(MeanRegressor(), X, y, cv=cv), expected,
                               rtol=1e-12)
    scores = MS.cross_val_score(MeanRegressor(shift=1.0), pd.DataFrame(X), pd.Series(y),
                                cv=MS.KFold(3), scoring=lambda est, X, y: est.mean_)
    sk = [y[tr].mean() + 1.0 for tr, _ in skms.KFold(3).split(X)]
    np.testing.assert_allclose(scores, sk, rtol=1e-12)


def test_cross_val_score_does_not_fit_the_estimator():
    X, y = _regression_data()
    est = MeanRegressor(shift=2.0)
    MS.cross_val_score(est, X, y)
    assert not hasattr(est, "mean_")


@pytest.mark.parametrize("kwargs, match", [
    ({"scoring": "f1"}, "scoring must be None, a callable or one of"),
    ({"cv": "five"}, "cv must be an int or a splitter"),
    ({"cv": 1}, "n_splits must be >= 2"),
])
def test_cross_val_score_bad_input(kwargs, match):
    X, y = _regression_data()
    with pytest.raises(ValueError, match=match):
        MS.cross_val_score(MeanRegressor(), X, y, **kwargs)


def test_cross_val_score_bad_estimator_and_lengths():
    X, y = _regression_data()
    with pytest.raises(ValueError, match="fit and get_params"):
        MS.cross_val_score(object(), X, y)
    with pytest.raises(ValueError, match="different numbers of samples"):
        MS.cross_val_score(MeanRegressor(), X, y[:-1])
