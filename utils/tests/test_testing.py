"""Tests for utils.testing: the bad-input battery on tiny estimators defined here."""
import numpy as np
import pytest

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.testing import bad_fit_cases, check_bad_input
from utils.validation import (check_array, check_classification_targets, check_predict_input,
                              check_X_y, warn_not_converged)

rng = np.random.default_rng(0)
X = rng.normal(size=(12, 3))
Y_CLASS = np.array([0, 1] * 6)
Y_REG = X[:, 0] + 0.5


class MeanRegressor(RegressorMixin, BaseEstimator):
    """Predicts the training mean; validates like a course estimator."""

    def __init__(self, max_iter=10):
        self.max_iter = max_iter

    def fit(self, X, y):
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        self.mean_ = y.mean()
        return self

    def predict(self, X):
        X = check_predict_input(self, X, "mean_")
        return np.full(X.shape[0], self.mean_)


class MajorityClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the most frequent class."""

    def __init__(self, max_iter=10):
        self.max_iter = max_iter

    def fit(self, X, y):
        X, y = check_X_y(X, y)
        self.classes_, y_enc = check_classification_targets(y, regressor="MeanRegressor")
        self.n_features_in_ = X.shape[1]
        self.counts_ = np.bincount(y_enc, minlength=len(self.classes_))
        if self.max_iter < 5:   # pretend to stop early, as an iterative fit would
            warn_not_converged(self, self.max_iter, 1e-4)
        return self

    def predict_proba(self, X):
        X = check_predict_input(self, X, "counts_")
        return np.tile(self.counts_ / self.counts_.sum(), (X.shape[0], 1))

    def predict(self, X):
        proba = self.predict_proba(X)    # first: it checks that the model is fitted
        return self.classes_[proba.argmax(axis=1)]


class Centerer(BaseEstimator):
    """Subtracts the training mean (an unsupervised transformer)."""

    def fit(self, X, y=None):
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        self.mean_ = X.mean(axis=0)
        return self

    def transform(self, X):
        return check_predict_input(self, X, "mean_") - self.mean_


class AcceptsNaN(MeanRegressor):
    """Fits on NaN without a word: the bug the battery must catch."""

    def fit(self, X, y):
        X = check_array(X, ensure_finite=False)
        _, y = check_X_y(np.nan_to_num(X), y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        self.mean_ = y.mean()
        return self


class ForgetsFeatureCount(MeanRegressor):
    """Predicts on any number of columns, and before fit fails with AttributeError."""

    def predict(self, X):
        return np.full(check_array(X).shape[0], self.mean_)


class TreatsFloatsAsClasses(MajorityClassifier):
    """The bug of issue 15: every distinct float becomes a class."""

    def fit(self, X, y):
        X, y = check_X_y(X, y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(f"y has {len(self.classes_)} class(es); at least 2 needed")
        self.n_features_in_ = X.shape[1]
        self.counts_ = np.bincount(y_enc)
        return self


@pytest.mark.parametrize("Estimator, y, kind, methods", [
    (MeanRegressor, Y_REG, "regressor", ("predict", "score")),
    (MajorityClassifier, Y_CLASS, "classifier", ("predict", "predict_proba", "score")),
    (MajorityClassifier, np.where(Y_CLASS == 1, "spam", "ham"), "classifier", ("predict",)),
    (MajorityClassifier, Y_CLASS.astype(float), "classifier", ("predict",)),
    (Centerer, None, "unsupervised", ("transform",)),
])
def test_well_behaved_estimators_pass(Estimator, y, kind, methods):
    check_bad_input(Estimator, X, y, kind=kind, methods=methods)


def test_convergence_warnings_are_ignored_during_the_battery():
    from utils.validation import ConvergenceWarning
    with pytest.warns(ConvergenceWarning):          # it does warn outside the battery
        MajorityClassifier(max_iter=1).fit(X, Y_CLASS)
    check_bad_input(MajorityClassifier, X, Y_CLASS, kind="classifier",
                    params={"max_iter": 1})


def test_catches_an_estimator_that_accepts_nan():
    with pytest.raises(AssertionError) as info:
        check_bad_input(AcceptsNaN, X, Y_REG, kind="regressor")
    msg = str(info.value)
    assert msg.startswith("AcceptsNaN failed 2 bad-input check(s):")
    assert ("AcceptsNaN.fit with nan_in_X: accepted it silently (expected ValueError "
            "matching 'NaN')") in msg
    assert "AcceptsNaN.fit with inf_in_X: accepted it silently" in msg
    assert "predict" not in msg          # its predict is fine


def test_catches_missing_predict_checks():
    with pytest.raises(AssertionError) as info:
        check_bad_input(ForgetsFeatureCount, X, Y_REG, kind="regressor")
    msg = str(info.value)
    assert ("ForgetsFeatureCount.predict before fit: raised AttributeError(" in msg
            and "instead of NotFittedError matching 'not fitted'" in msg)
    assert ("ForgetsFeatureCount.predict with one_more_feature: accepted it silently "
            "(expected ValueError matching 'X has 4 features, but .*3 features')") in msg
    assert "nan_in_X" not in msg          # check_array still catches NaN


def test_catches_a_classifier_that_accepts_continuous_targets():
    with pytest.raises(AssertionError, match=r"failed 1 bad-input check\(s\):\n  "
                       r"TreatsFloatsAsClasses\.fit with continuous_y: accepted it silently"):
        check_bad_input(TreatsFloatsAsClasses, X, Y_CLASS, kind="classifier")


def test_reports_a_message_that_does_not_say_what_is_wrong():
    class Vague(MeanRegressor):
        def fit(self, X, y):
            if np.ndim(X) != 2:
                raise ValueError("bad input")
            return super().fit(X, y)

    with pytest.raises(AssertionError, match=r"Vague.fit with 1d_X: raised ValueError\("
                       r"'bad input'\), whose message does not match"):
        check_bad_input(Vague, X, Y_REG, kind="regressor")


def test_bad_fit_cases_by_kind():
    names = lambda cases: [c.name for c in cases]  # noqa: E731
    common = ["nan_in_X", "inf_in_X", "1d_X", "3d_X", "empty_X", "no_features", "text_in_X"]
    supervised = ["y_wrong_length", "y_none", "2d_y", "nan_in_y"]
    assert names(bad_fit_cases(X, kind="unsupervised")) == common
    assert names(bad_fit_cases(X, Y_REG, kind="regressor")) == common + supervised
    assert names(bad_fit_cases(X, Y_CLASS, kind="classifier")) == (
        common + supervised + ["continuous_y", "single_class"])
    assert "single_class" not in names(bad_fit_cases(X, Y_CLASS, kind="classifier",
                                                     min_classes=1))
    # a NaN cannot be put into string labels
    assert "nan_in_y" not in names(bad_fit_cases(X, Y_CLASS.astype(str), kind="classifier"))
    for case in bad_fit_cases(X, Y_CLASS, kind="classifier"):
        assert case.y is None or np.ndim(case.y) in (1, 2)
    # the inputs themselves are untouched
    assert np.isfinite(X).all()


def test_bad_fit_cases_arguments():
    with pytest.raises(ValueError, match="kind must be one of"):
        bad_fit_cases(X, Y_REG, kind="clusterer")
    with pytest.raises(ValueError, match="pass y for a classifier or regressor"):
        bad_fit_cases(X, kind="regressor")
    with pytest.raises(ValueError, match="pass y for a classifier or regressor"):
        bad_fit_cases(X, Y_REG, kind="unsupervised")
