"""Tests for utils.preprocessing: agreement with scikit-learn, leakage, bad input."""
import numpy as np
import pandas as pd
import pytest
from sklearn import impute as ski
from sklearn import preprocessing as skp

from utils import preprocessing as P
from utils.validation import NotFittedError

RTOL = 1e-12


def _data(seed, n=40, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 100, d) + rng.normal(size=d) * 50
    X[:, 0] = 3.7   # a constant column
    return X, rng.normal(size=(n // 2, d)) * 30


# ------------------------------------------------------------------------- scalers

@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("with_mean, with_std", [(True, True), (False, True), (True, False),
                                                 (False, False)])
def test_standard_scaler_matches_sklearn(seed, with_mean, with_std):
    X, X_test = _data(seed)
    ours = P.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    theirs = skp.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for attr in ("mean_", "var_", "scale_"):
        a, b = getattr(ours, attr), getattr(theirs, attr)
        if b is None:
            assert a is None
        else:
            np.testing.assert_allclose(a, b, rtol=RTOL, err_msg=attr)
    assert ours.n_features_in_ == theirs.n_features_in_ == 4
    assert ours.n_samples_seen_ == 40
    np.testing.assert_allclose(ours.transform(X_test), theirs.transform(X_test), rtol=1e-10,
                               atol=1e-12)
    Z = ours.fit_transform(X)
    np.testing.assert_allclose(ours.inverse_transform(Z), X, rtol=1e-12, atol=1e-12)


def test_standard_scaler_constant_feature_and_properties():
    X, _ = _data(0)
    Z = P.StandardScaler().fit_transform(X)
    assert P.StandardScaler().fit(X).scale_[0] == 1.0
    np.testing.assert_allclose(Z[:, 0], 0.0, atol=1e-12)
    np.testing.assert_allclose(Z[:, 1:].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z[:, 1:].std(axis=0), 1.0, rtol=1e-12)
    # 0.1 repeated has a tiny nonzero float variance: still treated as constant.
    X = np.full((7, 1), 0.1)
    assert P.StandardScaler().fit(X).scale_[0] == skp.StandardScaler().fit(X).scale_[0] == 1.0


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("feature_range", [(0, 1), (-1, 1), (2.5, 10)])
def test_minmax_scaler_matches_sklearn(seed, feature_range):
    X, X_test = _data(seed)
    ours = P.MinMaxScaler(feature_range=feature_range).fit(X)
    theirs = skp.MinMaxScaler(feature_range=feature_range).fit(X)
    for attr in ("data_min_", "data_max_", "data_range_", "scale_", "min_"):
        np.testing.assert_allclose(getattr(ours, attr), getattr(theirs, attr), rtol=RTOL,
                                   err_msg=attr)
    np.testing.assert_allclose(ours.transform(X_test), theirs.transform(X_test), rtol=1e-10,
                               atol=1e-12)
    Z = ours.transform(X)
    np.testing.assert_allclose(Z.min(axis=0)[1:], feature_range[0], atol=1e-12)
    np.testing.assert_allclose(Z.max(axis=0)[1:], feature_range[1], rtol=1e-12)
    np.testing.assert_allclose(ours.inverse_transform(Z), X, rtol=1e-12, atol=1e-10)


def test_scalers_use_training_statistics_only():
    X_train = np.array([[0.0], [10.0]])
    X_test = np.array([[20.0]])
    # Test data outside the training range is not clipped and not refitted.
    assert P.MinMaxScaler().fit(X_train).transform(X_test)[0, 0] == 2.0
    assert P.StandardScaler().fit(X_train).transform(X_test)[0, 0] == 3.0


def test_scalers_accept_dataframes():
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0.0, 5.0, 10.0]})
    np.testing.assert_allclose(P.StandardScaler().fit_transform(df),
                               skp.StandardScaler().fit_transform(df), rtol=RTOL)
    assert list(P.MinMaxScaler().fit(df).feature_names_in_) == ["a", "b"]


@pytest.mark.parametrize("cls", [P.StandardScaler, P.MinMaxScaler, P.PolynomialFeatures])
def test_numeric_transformers_bad_input(cls):
    est = cls()
    with pytest.raises(NotFittedError, match="not fitted"):
        est.transform(np.ones((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        est.fit([[1.0], [np.nan]])
    with pytest.raises(ValueError, match="infinity"):
        est.fit([[1.0], [np.inf]])
    with pytest.raises(ValueError, match="2-D"):
        est.fit(np.ones(3))
    with pytest.raises(ValueError, match="at least 1"):
        est.fit(np.ones((0, 2)))
    with pytest.raises(ValueError, match="numbers only"):
        est.fit([["a"], ["b"]])
    est.fit(np.ones((3, 2)) * [[1], [2], [3]])
    with pytest.raises(ValueError, match="3 features, but .* fitted with 2 features"):
        est.transform(np.ones((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        est.transform([[1.0, np.nan]])


@pytest.mark.parametrize("est, match", [
    (P.StandardScaler(with_mean="yes"), "with_mean must be True or False"),
    (P.StandardScaler(with_std=None), "with_std must be True or False"),
    (P.MinMaxScaler(feature_range=(1, 0)), "smaller than maximum"),
    (P.MinMaxScaler(feature_range=(0, 1, 2)), "tuple"),
    (P.MinMaxScaler(feature_range="01"), "tuple"),
    (P.PolynomialFeatures(degree=-1), "degree must be >= 0"),
    (P.PolynomialFeatures(degree=2.0), "degree must be of type Integral"),
    (P.PolynomialFeatures(degree=0, include_bias=False), "empty output"),
    (P.PolynomialFeatures(interaction_only=1), "interaction_only must be True or False"),
])
def test_invalid_hyperparameters(est, match):
    with pytest.raises(ValueError, match=match):
        est.fit(np.ones((3, 2)))


def test_minmax_inverse_and_standard_inverse_check_fitted():
    for est in (P.StandardScaler(), P.MinMaxScaler()):
        with pytest.raises(NotFittedError):
            est.inverse_transform(np.ones((2, 2)))


# ------------------------------------------------------------------ OneHotEncoder

def _cat_data():
    X = np.array([["red", "S", 3], ["blue", "M", 1], ["red", "L", 3], ["green", "S", 2]],
                 dtype=object)
    X_test = np.array([["green", "L", 1], ["blue", "M", 2]], dtype=object)
    return X, X_test


@pytest.mark.parametrize("drop", [None, "first"])
def test_one_hot_encoder_matches_sklearn(drop):
    X, X_test = _cat_data()
    ours = P.OneHotEncoder(drop=drop).fit(X)
    theirs = skp.OneHotEncoder(drop=drop, sparse_output=False).fit(X)
    for a, b in zip(ours.categories_, theirs.categories_):
        np.testing.assert_array_equal(a, b)
    for Z in (X, X_test):
        out = ours.transform(Z)
        assert out.dtype == np.float64
        np.testing.assert_array_equal(out, theirs.transform(Z))
    np.testing.assert_array_equal(ours.get_feature_names_out(),
                                  theirs.get_feature_names_out())
    names = ["colour", "size", "n"]
    np.testing.assert_array_equal(ours.get_feature_names_out(names),
                                  theirs.get_feature_names_out(names))


def test_one_hot_encoder_numeric_and_dataframe():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(30, 3)).astype(float)
    np.testing.assert_array_equal(P.OneHotEncoder().fit_transform(X),
                                  skp.OneHotEncoder(sparse_output=False).fit_transform(X))
    df = pd.DataFrame({"location": ["north", "south", "north", "east"],
                       "rooms": [1, 2, 2, 3]})
    ours = P.OneHotEncoder().fit(df)
    theirs = skp.OneHotEncoder(sparse_output=False).fit(df)
    np.testing.assert_array_equal(ours.transform(df), theirs.transform(df))
    np.testing.assert_array_equal(ours.get_feature_names_out(),
                                  theirs.get_feature_names_out())
    assert ours.get_feature_names_out()[0] == "location_east"
    np.testing.assert_array_equal(ours.categories_[1], [1, 2, 3])


def test_one_hot_encoder_handle_unknown():
    X, _ = _cat_data()
    X_new = np.array([["purple", "S", 3]], dtype=object)
    with pytest.raises(ValueError, match=r"unknown categories \['purple'\] in column 0"):
        P.OneHotEncoder().fit(X).transform(X_new)
    ours = P.OneHotEncoder(handle_unknown="ignore").fit(X).transform(X_new)
    theirs = skp.OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(X)
    np.testing.assert_array_equal(ours, theirs.transform(X_new))
    assert ours[0, :3].sum() == 0   # the unknown colour is all zeros
    # A number where strings were seen is unknown too, not a crash.
    with pytest.raises(ValueError, match="unknown categories"):
        P.OneHotEncoder().fit([["a"], ["b"]]).transform(np.array([[1]], dtype=object))


def test_one_hot_rows_sum_to_number_of_features():
    X, _ = _cat_data()
    np.testing.assert_array_equal(P.OneHotEncoder().fit_transform(X).sum(axis=1), 3)


def test_one_hot_encoder_bad_input():
    X, _ = _cat_data()
    with pytest.raises(NotFittedError):
        P.OneHotEncoder().transform(X)
    with pytest.raises(ValueError, match="handle_unknown must be"):
        P.OneHotEncoder(handle_unknown="infrequent").fit(X)
    with pytest.raises(ValueError, match="drop must be None or 'first'"):
        P.OneHotEncoder(drop="if_binary").fit(X)
    with pytest.raises(ValueError, match="missing values"):
        P.OneHotEncoder().fit(np.array([["a"], [None]], dtype=object))
    with pytest.raises(ValueError, match="missing values"):
        P.OneHotEncoder().fit([[1.0], [np.nan]])
    with pytest.raises(ValueError, match="2-D"):
        P.OneHotEncoder().fit(["a", "b"])
    with pytest.raises(ValueError, match="Series"):
        P.OneHotEncoder().fit(pd.Series(["a", "b"]))
    with pytest.raises(ValueError, match="cannot be sorted"):
        P.OneHotEncoder().fit(np.array([["a"], [1]], dtype=object))
    enc = P.OneHotEncoder().fit(X)
    with pytest.raises(ValueError, match="2 features, but OneHotEncoder was fitted with 3"):
        enc.transform(X[:, :2])
    with pytest.raises(ValueError, match="input_features should have length 3"):
        enc.get_feature_names_out(["a"])


# ------------------------------------------------------------- PolynomialFeatures

# degree=0 with include_bias=False is invalid (tested in test_invalid_hyperparameters).
@pytest.mark.parametrize("degree, include_bias", [(0, True), (1, True), (1, False),
                                                  (2, True), (2, False), (3, True),
                                                  (3, False)])
@pytest.mark.parametrize("interaction_only", [True, False])
@pytest.mark.parametrize("d", [1, 3])
def test_polynomial_features_match_sklearn(degree, include_bias, interaction_only, d):
    rng = np.random.default_rng(degree + 10 * d)
    X = rng.normal(size=(15, d))
    kw = dict(degree=degree, include_bias=include_bias, interaction_only=interaction_only)
    ours, theirs = P.PolynomialFeatures(**kw).fit(X), skp.PolynomialFeatures(**kw).fit(X)
    np.testing.assert_array_equal(ours.powers_, theirs.powers_)
    assert ours.n_output_features_ == theirs.n_output_features_
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=RTOL)
    np.testing.assert_array_equal(ours.get_feature_names_out(),
                                  theirs.get_feature_names_out())
    names = [f"f{i}" for i in range(d)]
    np.testing.assert_array_equal(ours.get_feature_names_out(names),
                                  theirs.get_feature_names_out(names))


def test_polynomial_features_known_columns():
    pf = P.PolynomialFeatures().fit([[2.0, 3.0]])
    np.testing.assert_array_equal(pf.transform([[2.0, 3.0]]), [[1, 2, 3, 4, 6, 9]])
    assert list(pf.get_feature_names_out()) == ["1", "x0", "x1", "x0^2", "x0 x1", "x1^2"]


# ------------------------------------------------------------------- SimpleImputer

@pytest.mark.parametrize("strategy", ["mean", "median", "most_frequent", "constant"])
@pytest.mark.parametrize("seed", range(3))
def test_simple_imputer_numeric_matches_sklearn(strategy, seed):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 5, size=(30, 4)).astype(float)
    X[rng.random(X.shape) < 0.2] = np.nan
    X[0] = 1.0   # every column has an observed value
    X_test = rng.normal(size=(10, 4))
    X_test[rng.random(X_test.shape) < 0.3] = np.nan
    ours = P.SimpleImputer(strategy=strategy).fit(X)
    theirs = ski.SimpleImputer(strategy=strategy).fit(X)
    # scikit-learn >= 1.8 stores the "constant" statistics as an object array
    np.testing.assert_allclose(ours.statistics_, theirs.statistics_.astype(float), rtol=RTOL)
    for Z in (X, X_test):
        out = ours.transform(Z)
        assert not np.isnan(out).any()
        np.testing.assert_allclose(out, theirs.transform(Z), rtol=RTOL)


def test_simple_imputer_constant_fill_value_and_ints():
    X = np.array([[1.0, np.nan], [np.nan, 4.0]])
    out = P.SimpleImputer(strategy="constant", fill_value=-1).fit_transform(X)
    np.testing.assert_array_equal(out, [[1, -1], [-1, 4]])
    out = P.SimpleImputer().fit_transform(np.array([[1, 2], [3, 4]]))
    assert out.dtype == np.float64


def test_simple_imputer_object_arrays():
    X = np.array([["a", "x"], [None, "y"], ["b", np.nan], ["a", "y"]], dtype=object)
    for strategy in ("most_frequent", "constant"):
        ours = P.SimpleImputer(strategy=strategy).fit(X)
        theirs = ski.SimpleImputer(strategy=strategy, missing_values=None).fit(
            np.where(pd.isna(X), None, X))
        np.testing.assert_array_equal(ours.statistics_, theirs.statistics_)
        out = ours.transform(X)
        assert out.dtype == object
        np.testing.assert_array_equal(out, theirs.transform(np.where(pd.isna(X), None, X)))
    # Ties in most_frequent go to the smallest value.
    tie = np.array([["b"], ["a"], [None]], dtype=object)
    assert P.SimpleImputer(strategy="most_frequent").fit(tie).statistics_[0] == "a"
    # Numbers stored as objects still work with mean.
    num = np.array([[1, None], [3, 5]], dtype=object)
    imp = P.SimpleImputer().fit(num)
    np.testing.assert_array_equal(imp.statistics_, [2.0, 5.0])
    np.testing.assert_array_equal(imp.transform(num), [[1.0, 5.0], [3.0, 5.0]])


def test_simple_imputer_learns_from_training_set_only():
    imp = P.SimpleImputer().fit([[0.0], [2.0], [np.nan]])
    np.testing.assert_array_equal(imp.transform([[np.nan], [100.0]]), [[1.0], [100.0]])


def test_simple_imputer_bad_input():
    with pytest.raises(NotFittedError):
        P.SimpleImputer().transform([[1.0]])
    with pytest.raises(ValueError, match="strategy must be one of"):
        P.SimpleImputer(strategy="mode").fit([[1.0]])
    with pytest.raises(ValueError, match=r"Columns \[1\] of X have no observed value"):
        P.SimpleImputer().fit([[1.0, np.nan], [2.0, np.nan]])
    with pytest.raises(ValueError, match="needs numeric data"):
        P.SimpleImputer(strategy="median").fit(np.array([["a"], [None]], dtype=object))
    with pytest.raises(ValueError, match="expected a number"):
        P.SimpleImputer(strategy="constant", fill_value="x").fit([[1.0], [np.nan]])
    with pytest.raises(ValueError, match="infinity"):
        P.SimpleImputer().fit([[1.0], [np.inf]])
    with pytest.raises(ValueError, match="2-D"):
        P.SimpleImputer().fit([1.0, 2.0])
    imp = P.SimpleImputer().fit([[1.0, 2.0]])
    with pytest.raises(ValueError, match="1 features, but SimpleImputer was fitted with 2"):
        imp.transform([[1.0]])
    with pytest.raises(ValueError, match="non-numeric"):
        imp.transform(np.array([["a", None]], dtype=object))


def test_repr_and_params():
    assert repr(P.OneHotEncoder(drop="first")) == "OneHotEncoder(drop='first')"
    assert P.PolynomialFeatures(degree=3).get_params()["degree"] == 3
