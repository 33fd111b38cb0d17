import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer as SkColumnTransformer
from sklearn.impute import SimpleImputer as SkSimpleImputer
from sklearn.linear_model import Ridge as SkRidge
from sklearn.model_selection import GridSearchCV as SkGridSearchCV
from sklearn.model_selection import KFold as SkKFold
from sklearn.pipeline import Pipeline as SkPipeline
from sklearn.preprocessing import OneHotEncoder as SkOneHotEncoder
from sklearn.preprocessing import StandardScaler as SkStandardScaler

from utils.base import BaseEstimator, RegressorMixin, clone
from utils.data import load_diabetes, load_penguins
from utils.model_selection import GridSearchCV, KFold, cross_val_score
from utils.pipeline import ColumnTransformer, Pipeline
from utils.preprocessing import OneHotEncoder, SimpleImputer, StandardScaler
from utils.validation import NotFittedError


class RidgeClosedForm(RegressorMixin, BaseEstimator):
    """A tiny ridge (intercept unpenalised) for the tests: sklearn's Ridge objective."""

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        X, y = np.asarray(X, float), np.asarray(y, float)
        xm, ym = X.mean(axis=0), y.mean()
        Xc = X - xm
        self.coef_ = np.linalg.solve(Xc.T @ Xc + self.alpha * np.eye(X.shape[1]), Xc.T @ (y - ym))
        self.intercept_ = ym - xm @ self.coef_
        return self

    def predict(self, X):
        return np.asarray(X, float) @ self.coef_ + self.intercept_


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


@pytest.fixture(scope="module")
def penguins():
    df = load_penguins()
    df = df[df["body_mass_g"].notna()].reset_index(drop=True)
    X = df[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "island", "sex"]].copy()
    X.loc[::7, "bill_length_mm"] = np.nan            # some missing numbers to impute
    X["sex"] = X["sex"].fillna("unknown")
    return X, df["body_mass_g"].to_numpy(float)


def test_clone_copies_nested_estimators_and_leaves_the_original_unfitted(diabetes):
    X, y = diabetes
    pipe = Pipeline([("scale", StandardScaler()), ("ridge", RidgeClosedForm(alpha=2.0))])
    copy = clone(pipe)
    copy.fit(X, y)
    assert copy.named_steps["ridge"].alpha == 2.0 and hasattr(copy.named_steps["ridge"], "coef_")
    assert not hasattr(pipe.named_steps["ridge"], "coef_")
    assert copy.steps[0][1] is not pipe.steps[0][1]


def test_pipeline_matches_sklearn(diabetes):
    X, y = diabetes
    ours = Pipeline([("scale", StandardScaler()), ("ridge", RidgeClosedForm(alpha=3.0))]).fit(X, y)
    ref = SkPipeline([("scale", SkStandardScaler()), ("ridge", SkRidge(alpha=3.0))]).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-12)


def test_pipeline_params_nested_and_errors():
    pipe = Pipeline([("scale", StandardScaler()), ("ridge", RidgeClosedForm())])
    assert pipe.get_params()["ridge__alpha"] == 1.0
    pipe.set_params(ridge__alpha=5.0)
    assert pipe.named_steps["ridge"].alpha == 5.0
    with pytest.raises(ValueError, match="no step 'nope'"):
        pipe.set_params(nope__alpha=1.0)
    with pytest.raises(ValueError, match="unique"):
        Pipeline([("a", StandardScaler()), ("a", RidgeClosedForm())]).fit(np.ones((3, 1)), [1, 2, 3])
    with pytest.raises(ValueError, match="fit and transform"):
        Pipeline([("ridge", RidgeClosedForm()), ("scale", StandardScaler())]).fit(
            np.ones((3, 1)), [1.0, 2.0, 3.0])


def column_transformers():
    numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]
    ours = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")),
                          ("scale", StandardScaler())]), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore"), ["island", "sex"])])
    ref = SkColumnTransformer([
        ("num", SkPipeline([("impute", SkSimpleImputer(strategy="median")),
                            ("scale", SkStandardScaler())]), numeric),
        ("cat", SkOneHotEncoder(handle_unknown="ignore", sparse_output=False), ["island", "sex"])])
    return ours, ref


def test_column_transformer_matches_sklearn(penguins):
    X, _ = penguins
    ours, ref = column_transformers()
    train, test = X.iloc[:250], X.iloc[250:]
    np.testing.assert_allclose(ours.fit(train).transform(test), ref.fit(train).transform(test),
                               rtol=1e-12, atol=1e-12)
    assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
    # statistics from the training part only: the test part's own median is not used
    assert ours.transformers_[0][1].named_steps["impute"].statistics_[0] == \
        pytest.approx(np.nanmedian(train["bill_length_mm"]))


def test_column_transformer_remainder_positions_and_errors():
    X = np.arange(12.0).reshape(4, 3)
    ct = ColumnTransformer([("scale", StandardScaler(), [0])], remainder="passthrough")
    out = ct.fit_transform(X)
    np.testing.assert_allclose(out[:, 1:], X[:, 1:])
    assert out.shape == (4, 3)
    assert ColumnTransformer([("scale", StandardScaler(), [0])]).fit_transform(X).shape == (4, 1)
    with pytest.raises(ValueError, match="not in X"):
        ColumnTransformer([("s", StandardScaler(), [5])]).fit(X)
    with pytest.raises(NotFittedError):
        ColumnTransformer([("s", StandardScaler(), [0])]).transform(X)
    with pytest.raises(ValueError, match="features"):
        ct.transform(X[:, :2])


def test_grid_search_matches_sklearn(penguins):
    X, y = penguins
    ours_ct, ref_ct = column_transformers()
    grid = {"ridge__alpha": [0.01, 1.0, 10.0, 100.0]}
    ours = GridSearchCV(Pipeline([("prep", ours_ct), ("ridge", RidgeClosedForm())]), grid,
                        cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
    ref = SkGridSearchCV(SkPipeline([("prep", ref_ct), ("ridge", SkRidge())]), grid,
                         cv=SkKFold(5), scoring="neg_mean_squared_error").fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], rtol=1e-9)
    np.testing.assert_array_equal(ours.cv_results_["rank_test_score"],
                                  ref.cv_results_["rank_test_score"])
    assert [p for p in ours.cv_results_["params"]] == list(ref.cv_results_["params"])
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-9)
    assert ours.best_score_ == pytest.approx(ref.best_score_, rel=1e-9)


def test_grid_search_union_ties_and_errors(diabetes):
    X, y = diabetes
    est = RidgeClosedForm()
    gs = GridSearchCV(est, [{"alpha": [1.0]}, {"alpha": [1.0, 0.5]}], cv=3).fit(X, y)
    assert len(gs.cv_results_["params"]) == 3 and gs.best_index_ in (0, 1, 2)
    # the two identical candidates tie and share a rank; the first is chosen
    r = gs.cv_results_["rank_test_score"]
    assert r[0] == r[1] and (gs.best_index_ == 0 or r[2] == 1)
    assert not hasattr(est, "coef_")   # the estimator passed in is never fitted
    with pytest.raises(ValueError, match="non-empty"):
        GridSearchCV(est, {}).fit(X, y)
    with pytest.raises(ValueError, match="non-empty list"):
        GridSearchCV(est, {"alpha": 1.0}).fit(X, y)
    with pytest.raises(NotFittedError):
        GridSearchCV(est, {"alpha": [1.0]}, refit=False).fit(X, y).predict(X)


def test_cross_val_score_refits_the_pipeline_inside_each_fold(diabetes):
    X, y = diabetes
    pipe = Pipeline([("scale", StandardScaler()), ("ridge", RidgeClosedForm())])
    ours = cross_val_score(pipe, X, y, cv=KFold(4))
    ref = [SkPipeline([("s", SkStandardScaler()), ("r", SkRidge())]).fit(X[tr], y[tr]).score(X[te], y[te])
           for tr, te in SkKFold(4).split(X)]
    np.testing.assert_allclose(ours, ref, rtol=1e-10)
    assert not hasattr(pipe.named_steps["scale"], "mean_")
