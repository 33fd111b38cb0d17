"""Input validation: one place for clear error messages.

Every estimator calls these at the top of ``fit`` and ``predict`` so that bad input
fails early with a ``ValueError`` that says what is wrong and what was expected.
"""
import numbers

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


def check_array(X, *, ensure_2d=True, allow_nd=False, dtype=np.float64,
                ensure_finite=True, min_samples=1, name="X"):
    """Convert ``X`` to a NumPy array and check it.

    Parameters
    ----------
    X : array-like
        The input (list, NumPy array, pandas DataFrame or Series).
    ensure_2d : bool, default True
        Require a 2-D array of shape (n_samples, n_features). A 1-D array is
        rejected with a hint to use ``.reshape(-1, 1)`` or ``.reshape(1, -1)``.
    allow_nd : bool, default False
        Accept arrays with more than two dimensions.
    dtype : dtype or None, default float64
        Convert to this dtype; ``None`` keeps the input's dtype (use it for labels).
    ensure_finite : bool, default True
        Reject NaN and infinity (only checked for numeric arrays).
    min_samples : int, default 1
        The smallest number of rows accepted.
    name : str
        The name used in error messages.

    Returns
    -------
    numpy.ndarray
    """
    if dtype is not None:
        try:
            arr = np.asarray(X, dtype=dtype)
        except (TypeError, ValueError) as e:
            raise ValueError(
                f"{name} must contain numbers only; could not convert it to {np.dtype(dtype)}: {e}"
            ) from None
    else:
        arr = np.asarray(X)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array, got the scalar {X!r}")
    if ensure_2d and arr.ndim == 1:
        raise ValueError(
            f"Expected a 2-D array for {name}, got a 1-D array of shape {arr.shape}. "
            "Reshape it with .reshape(-1, 1) if it holds one feature, "
            "or .reshape(1, -1) if it holds one sample.")
    if ensure_2d and arr.ndim > 2 and not allow_nd:
        raise ValueError(f"Expected a 2-D array for {name}, got {arr.ndim} dimensions "
                         f"(shape {arr.shape}).")
    if arr.shape[0] < min_samples:
        raise ValueError(f"{name} has {arr.shape[0]} sample(s); at least {min_samples} "
                         "required.")
    if ensure_2d and arr.ndim == 2 and arr.shape[1] == 0:
        raise ValueError(f"{name} has 0 features (shape {arr.shape}); at least 1 required.")
    if ensure_finite and arr.dtype.kind in "fc" and not np.isfinite(arr).all():
        what = "NaN" if np.isnan(arr).any() else "infinity"
        raise ValueError(f"{name} contains {what}; remove or impute those values first.")
    return arr


def column_or_1d(y, *, name="y", dtype=None):
    """Return ``y`` as a 1-D array; a column vector of shape (n, 1) is flattened."""
    arr = np.asarray(y) if dtype is None else np.asarray(y, dtype=dtype)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one value per sample), got shape {arr.shape}.")
    return arr


def check_X_y(X, y, *, y_numeric=False, min_samples=1):
    """Validate ``X`` (2-D, finite) and ``y`` (1-D, same length).

    With ``y_numeric=True`` the targets are converted to float64 and checked for
    NaN and infinity (regression); otherwise labels of any type are kept as they
    are (classification).
    """
    X = check_array(X, min_samples=min_samples)
    if y is None:
        raise ValueError("y is required for a supervised estimator; got None.")
    y = column_or_1d(y, dtype=np.float64 if y_numeric else None)
    if y_numeric and not np.isfinite(y).all():
        raise ValueError("y contains NaN or infinity; remove those samples first.")
    if not y_numeric and y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError("y contains NaN or infinity; remove those samples first.")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y have different numbers of samples: X has {X.shape[0]}, "
                         f"y has {y.shape[0]}.")
    return X, y


def check_is_fitted(estimator, attributes=None):
    """Raise ``NotFittedError`` unless ``estimator`` has been fitted.

    An estimator is fitted when it has the given ``attributes`` or, by default,
    any attribute whose name ends in ``_`` (and does not start with ``_``).
    """
    if attributes is None:
        fitted = any(k.endswith("_") and not k.startswith("_") for k in vars(estimator))
    else:
        if isinstance(attributes, str):
            attributes = [attributes]
        fitted = all(hasattr(estimator, a) for a in attributes)
    if not fitted:
        raise NotFittedError(f"This {type(estimator).__name__} instance is not fitted yet. "
                             "Call 'fit' with appropriate arguments before using it.")


def check_n_features(estimator, X):
    """Raise ``ValueError`` if ``X`` has a different number of columns than at fit time."""
    if X.shape[1] != estimator.n_features_in_:
        raise ValueError(f"X has {X.shape[1]} features, but {type(estimator).__name__} was "
                         f"fitted with {estimator.n_features_in_} features.")


def check_random_state(seed):
    """Turn ``seed`` into a ``numpy.random.Generator``.

    ``None`` gives a fresh, unseeded generator; an int seeds a new one; a
    ``Generator`` is returned as it is (so the caller's stream is shared).
    """
    if seed is None or isinstance(seed, (numbers.Integral, np.integer)):
        if seed is not None and seed < 0:
            raise ValueError(f"random_state must be a non-negative integer, got {seed}")
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    raise ValueError(f"random_state must be None, an int or a numpy.random.Generator; "
                     f"got {type(seed).__name__}")


def check_scalar(value, name, *, kind=numbers.Real, min_val=None, max_val=None,
                 include_min=True, include_max=True):
    """Check a hyperparameter: its type and its range. Returns the value.

    >>> check_scalar(0.5, "alpha", min_val=0)
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, kind):
        kinds = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ValueError(f"{name} must be of type {kinds}, got {type(value).__name__} ({value!r})")
    if min_val is not None and (value < min_val or (not include_min and value == min_val)):
        op = ">=" if include_min else ">"
        raise ValueError(f"{name} must be {op} {min_val}, got {value!r}")
    if max_val is not None and (value > max_val or (not include_max and value == max_val)):
        op = "<=" if include_max else "<"
        raise ValueError(f"{name} must be {op} {max_val}, got {value!r}")
    if isinstance(value, numbers.Real) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def check_classification_targets(y, min_classes=2):
    """Return ``(classes, y_encoded)``; need at least ``min_classes`` distinct labels."""
    classes, y_enc = np.unique(y, return_inverse=True)
    if len(classes) < min_classes:
        raise ValueError(f"y has {len(classes)} class(es) ({classes.tolist()}); "
                         f"at least {min_classes} are needed to fit a classifier.")
    return classes, y_enc
