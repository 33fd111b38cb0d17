import numpy as np
import pandas as pd
import pytest

from utils.validation import (NotFittedError, check_array, check_classification_targets,
                              check_is_fitted, check_n_features, check_random_state,
                              check_scalar, check_X_y, column_or_1d)


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
    with pytest.raises(ValueError, match="1 class"):
        check_classification_targets([1, 1, 1])
