import warnings

import numpy as np
import pandas as pd
import pytest

from utils.validation import (ConvergenceWarning, DivergenceError, NotFittedError,
                              check_array, check_bool, check_classification_targets,
                              check_finite_fit, check_is_fitted, check_n_features,
                              check_predict_input, check_random_state, check_scalar,
                              check_X_y, column_or_1d, warn_not_converged)


def test_check_array_converts_lists_and_frames():
    X = check_array([[1, 2], [3, 4]])
    assert X.dtype == np.float64 and X.shape == (2, 2)
    df = pd.DataFrame({"a": [1, 2], "b": [3.0, 4.0]})
    np.testing.assert_array_equal(check_array(df), [[1, 3], [2, 4]])


def test_check_array_keeps_dtype_when_asked():
    assert check_array([["a", "b"]], dtype=None).dtype.kind == "U"


@pytest.mark.parametrize("bad, match", [
    ([1.0, 2.0, 3.0], r"1-D array.*reshape\(-1, 1\)"),
    (5.0, "scalar"),
    (np.zeros((2, 2, 2)), "3 dimensions"),
    (np.zeros((0, 3)), "0 sample"),
    (np.zeros((3, 0)), "0 features"),
    ([[1.0, np.nan]], "NaN"),
    ([[1.0, np.inf]], "infinity"),
    ([["a", "b"]], "numbers only"),
])
def test_check_array_rejects(bad, match):
    with pytest.raises(ValueError, match=match):
        check_array(bad)


def test_check_array_allows_nd_and_min_samples():
    assert check_array(np.zeros((2, 2, 2)), allow_nd=True).ndim == 3
    with pytest.raises(ValueError, match="at least 3"):
        check_array(np.zeros((2, 2)), min_samples=3)
    assert check_array([1.0, 2.0], ensure_2d=False).shape == (2,)
    assert np.isnan(check_array([[np.nan]], ensure_finite=False)).all()


def test_column_or_1d():
    assert column_or_1d(np.ones((3, 1))).shape == (3,)
    with pytest.raises(ValueError, match="must be 1-D"):
        column_or_1d(np.ones((3, 2)))


def test_check_X_y():
    X, y = check_X_y([[1.0], [2.0]], ["a", "b"])
    assert X.shape == (2, 1) and y.tolist() == ["a", "b"]
    X, y = check_X_y([[1.0], [2.0]], [[1], [2]], y_numeric=True)
    assert y.dtype == np.float64 and y.shape == (2,)
    with pytest.raises(ValueError, match="different numbers of samples: X has 2, y has 3"):
        check_X_y([[1.0], [2.0]], [1, 2, 3])
    with pytest.raises(ValueError, match="y contains NaN"):
        check_X_y([[1.0], [2.0]], [1.0, np.nan], y_numeric=True)
    with pytest.raises(ValueError, match="y contains NaN"):
        check_X_y([[1.0], [2.0]], [1.0, np.nan])
    with pytest.raises(ValueError, match="y is required"):
        check_X_y([[1.0]], None)


def test_check_is_fitted():
    class M:
        pass
    m = M()
    with pytest.raises(NotFittedError, match="M instance is not fitted yet"):
        check_is_fitted(m)
    m._private_ = 1                      # private attributes do not count as fitted
    with pytest.raises(NotFittedError):
        check_is_fitted(m)
    m.coef_ = 1
    check_is_fitted(m)
    check_is_fitted(m, "coef_")
    with pytest.raises(NotFittedError):
        check_is_fitted(m, ["coef_", "intercept_"])
    assert issubclass(NotFittedError, ValueError)


def test_check_n_features():
    class M:
        n_features_in_ = 3
    check_n_features(M(), np.zeros((1, 3)))
    with pytest.raises(ValueError, match="X has 2 features, but M was fitted with 3"):
        check_n_features(M(), np.zeros((1, 2)))


def test_check_random_state():
    a, b = check_random_state(7), check_random_state(np.int64(7))
    assert a.integers(1000) == b.integers(1000)
    g = np.random.default_rng(1)
    assert check_random_state(g) is g
    assert isinstance(check_random_state(None), np.random.Generator)
    with pytest.raises(ValueError, match="non-negative"):
        check_random_state(-1)
    with pytest.raises(ValueError, match="random_state must be"):
        check_random_state("seed")


def test_check_scalar():
    assert check_scalar(3, "n", kind=int, min_val=1) == 3
    with pytest.raises(ValueError, match="n must be of type int"):
        check_scalar(1.5, "n", kind=int)
    with pytest.raises(ValueError, match="must be of type"):
        check_scalar(True, "n", kind=int)
    with pytest.raises(ValueError, match="alpha must be >= 0, got -1"):
        check_scalar(-1, "alpha", min_val=0)
    with pytest.raises(ValueError, match="lr must be > 0"):
        check_scalar(0.0, "lr", min_val=0, include_min=False)
    with pytest.raises(ValueError, match="f must be < 1"):
        check_scalar(1.0, "f", max_val=1, include_max=False)
    with pytest.raises(ValueError, match="must be finite"):
        check_scalar(np.nan, "tol")


def test_check_classification_targets():
    classes, enc = check_classification_targets(["b", "a", "b"])
    assert classes.tolist() == ["a", "b"] and enc.tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match=r"y has 1 class\(es\) \(\[1\]\); at least 2 are "
                       "needed to fit a classifier"):
        check_classification_targets([1, 1, 1])
    classes, enc = check_classification_targets([7, 7], min_classes=1)
    assert classes.tolist() == [7] and enc.tolist() == [0, 0]


@pytest.mark.parametrize("y, classes", [
    ([0, 1, 1], [0, 1]),
    ([0.0, 1.0, 1.0], [0.0, 1.0]),                   # whole-number floats are labels
    (np.array([-1.0, 1.0, 3.0, 3.0]), [-1.0, 1.0, 3.0]),
    (np.array([1e6, 2e6], dtype=np.float32), [1e6, 2e6]),
    ([True, False, True], [False, True]),
    (["spam", "ham", "spam"], ["ham", "spam"]),
    (np.array(["x", "y"], dtype=object), ["x", "y"]),
    (pd.Series(["b", "a"]), ["a", "b"]),
    (pd.Series([1.0, 0.0]), [0.0, 1.0]),
    (np.array([[0], [1]]), [0, 1]),                  # a column is flattened
])
def test_check_classification_targets_accepts_labels(y, classes):
    got, enc = check_classification_targets(y)
    assert got.tolist() == classes
    np.testing.assert_array_equal(got[enc], np.ravel(y))


@pytest.mark.parametrize("y", [
    np.linspace(0, 1, 20),                            # e.g. y = X[:, 0]
    [0.0, 1.0, 0.5],
    np.array([0.0, 1.0, 2.5], dtype=np.float32),
    np.array([0, 1, 0.5], dtype=object),              # floats in an object column
])
def test_check_classification_targets_rejects_continuous(y):
    with pytest.raises(ValueError, match=r"Unknown label type: continuous\. y looks "
                       r"continuous \(non-integer floats such as \d+\.\d+\), like a regression "
                       r"target, but a classifier needs class labels: ints, strings, or "
                       r"floats that are whole numbers\. Use a regressor for a numeric "
                       r"target"):
        check_classification_targets(y)
    with pytest.raises(ValueError, match="looks continuous.*Use LinearRegression for a "
                       "numeric target."):
        check_classification_targets(y, regressor="LinearRegression")


def test_check_classification_targets_rejects_missing_and_mixed():
    for y in ([0.0, np.nan, 1.0], [0.0, np.inf, 1.0]):
        with pytest.raises(ValueError, match="y contains NaN or infinity"):
            check_classification_targets(y)
    with pytest.raises(ValueError, match="missing values"):
        check_classification_targets(np.array([0.0, np.nan, 1.0], dtype=object))
    with pytest.raises(ValueError, match="mixes label types"):
        check_classification_targets(np.array(["a", 1.5, None], dtype=object))
    with pytest.raises(ValueError, match="must be 1-D"):
        check_classification_targets(np.zeros((3, 2)))


def test_check_bool():
    assert check_bool(True, "shuffle") is True
    assert check_bool(np.bool_(False), "shuffle") == np.False_
    for bad in (1, 0, None, "yes", 1.0):
        with pytest.raises(ValueError, match=f"shuffle must be True or False, got "
                           f"{repr(bad)}\\."):
            check_bool(bad, "shuffle")


class _Fitted:
    def fit(self, X):
        self.coef_ = np.ones(X.shape[1])
        self.n_features_in_ = X.shape[1]
        return self


def test_check_predict_input():
    model = _Fitted()
    with pytest.raises(NotFittedError, match="This _Fitted instance is not fitted yet"):
        check_predict_input(model, [[1.0, 2.0]])
    with pytest.raises(NotFittedError):
        check_predict_input(model, [[1.0, 2.0]], attributes="coef_")
    model.fit(np.zeros((3, 2)))
    X = check_predict_input(model, [[1, 2]], attributes="coef_")
    assert X.dtype == np.float64 and X.tolist() == [[1.0, 2.0]]
    with pytest.raises(NotFittedError):
        check_predict_input(model, [[1.0, 2.0]], attributes=["coef_", "intercept_"])
    with pytest.raises(ValueError, match="X has 3 features, but _Fitted was fitted with 2"):
        check_predict_input(model, np.ones((1, 3)))
    with pytest.raises(ValueError, match="NaN"):
        check_predict_input(model, [[np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        check_predict_input(model, [1.0, 2.0])


def test_warn_not_converged_message_shape():
    assert issubclass(ConvergenceWarning, UserWarning)
    with pytest.warns(ConvergenceWarning) as record:
        warn_not_converged(_Fitted(), 200, 1e-4)
    assert str(record[0].message) == (
        "_Fitted stopped after max_iter=200 iterations without meeting tol=0.0001; "
        "increase max_iter, scale the features or loosen tol.")
    with pytest.warns(ConvergenceWarning, match=r"^MLPRegressor stopped after max_iter=5 "
                      r"epochs without meeting tol=1e-06; increase max_iter\.$"):
        warn_not_converged("MLPRegressor", 5, np.float64(1e-6), what="epochs",
                           hint="increase max_iter")
    with pytest.warns(ConvergenceWarning, match="^_Fitted stopped"):
        warn_not_converged(_Fitted, 1, 0)


def test_warn_not_converged_points_at_the_fit_call():
    class Model:
        def fit(self):
            warn_not_converged(self, 1, 0.1)

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        Model().fit()
    assert record[0].filename == __file__       # this file, not utils/validation.py


def test_check_finite_fit_passes_finite_values_through():
    w = [np.ones((2, 3)), np.zeros(3)]
    assert check_finite_fit(w, "MLP", what="weights") is w
    assert check_finite_fit(0.5, _Fitted()) == 0.5
    assert check_finite_fit(1e299, "LinearRegression", limit=1e300) == 1e299


@pytest.mark.parametrize("value, kwargs, problem", [
    (np.nan, {}, "NaN"),
    (np.inf, {}, "infinite"),
    (-np.inf, {"iteration": 7}, "infinite at iteration 7"),
    ([np.ones(2), np.array([1.0, np.nan])], {"what": "weights"}, "NaN"),
    (np.array([1.0, 2e300]), {"limit": 1e300}, "larger than 1e\\+300 in absolute value"),
])
def test_check_finite_fit_raises(value, kwargs, problem):
    what = kwargs.get("what", "loss")
    with pytest.raises(DivergenceError, match=f"^SGDModel diverged: the {what} became "
                       f"{problem}\\. Likely causes: a learning rate that is too large, or "
                       "features or a target that are not scaled\\. Lower the learning "
                       "rate, or standardise X"):
        check_finite_fit(value, "SGDModel", **kwargs)


def test_divergence_error_is_a_value_error_and_hint_replaces_advice():
    assert issubclass(DivergenceError, ValueError)
    assert issubclass(DivergenceError, FloatingPointError)
    with pytest.raises(ValueError, match=r"became NaN\. Likely causes: .* Try alpha > 0\.$"):
        check_finite_fit(np.nan, _Fitted(), hint="Try alpha > 0.")


# --- sparse input (chapter 06's word counts) -------------------------------------------------

def test_check_array_accepts_sparse_when_asked():
    import scipy.sparse as sp
    dense = np.array([[0, 2, 0], [1, 0, 0]])
    for X in [sp.csr_matrix(dense), sp.csc_matrix(dense), sp.coo_array(dense)]:
        out = check_array(X, accept_sparse=True)
        assert sp.issparse(out) and out.format == "csr" and out.dtype == np.float64
        np.testing.assert_array_equal(out.toarray(), dense)
    X = sp.csr_matrix(dense, dtype=np.float64)
    assert check_array(X, accept_sparse=True) is X  # already CSR float64: no copy


@pytest.mark.parametrize("value, match", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_check_array_sparse_checks_stored_values(value, match):
    import scipy.sparse as sp
    X = sp.csr_matrix(np.array([[0.0, value], [1.0, 0.0]]))
    with pytest.raises(ValueError, match=match):
        check_array(X, accept_sparse=True)
    assert np.isnan(check_array(X, accept_sparse=True, ensure_finite=False).data).any() \
        == (value != value)


def test_check_array_sparse_shape_errors():
    import scipy.sparse as sp
    with pytest.raises(ValueError, match="0 sample"):
        check_array(sp.csr_matrix((0, 3)), accept_sparse=True)
    with pytest.raises(ValueError, match="0 features"):
        check_array(sp.csr_matrix((2, 0)), accept_sparse=True)
    with pytest.raises(ValueError, match="2-D sparse"):
        check_array(sp.coo_array(np.ones(3)), accept_sparse=True)


def test_sparse_rejected_by_default_naming_the_estimator():
    import scipy.sparse as sp
    X = sp.csr_matrix(np.eye(3))
    with pytest.raises(ValueError, match="This estimator does not accept sparse input"):
        check_array(X)  # the default keeps dense-only behaviour
    with pytest.raises(ValueError, match=r"GaussianNB does not accept sparse.*toarray"):
        check_X_y(X, [0, 1, 1], estimator="GaussianNB")
    X_sp, y = check_X_y(X, [0, 1, 1], accept_sparse=True)
    assert sp.issparse(X_sp) and y.tolist() == [0, 1, 1]

    class Dense:
        def __init__(self):
            self.n_features_in_ = 3
    with pytest.raises(ValueError, match="Dense does not accept sparse input"):
        check_predict_input(Dense(), X)
    assert sp.issparse(check_predict_input(Dense(), X, accept_sparse=True))
    with pytest.raises(ValueError, match="X has 2 features, but Dense"):
        check_predict_input(Dense(), sp.csr_matrix(np.eye(2)), accept_sparse=True)


def test_dense_defaults_unchanged_by_the_sparse_option():
    X = [[1, 2], [3, 4]]
    np.testing.assert_array_equal(check_array(X), check_array(X, accept_sparse=True))
    assert type(check_array(X, accept_sparse=True)) is np.ndarray

