"""Input validation: one place for clear error messages.

Every estimator calls these at the top of ``fit`` and ``predict`` so that bad input
fails early with a ``ValueError`` that says what is wrong and what was expected.

Input: :func:`check_array`, :func:`column_or_1d`, :func:`check_X_y`,
:func:`check_classification_targets`, :func:`check_predict_input`.
Hyperparameters: :func:`check_scalar`, :func:`check_bool`, :func:`check_random_state`.
State: :func:`check_is_fitted`, :func:`check_n_features` and :class:`NotFittedError`.
Iterative fits: :class:`ConvergenceWarning` with :func:`warn_not_converged`, and
:class:`DivergenceError` with :func:`check_finite_fit`.
"""
import numbers
import warnings

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


class ConvergenceWarning(UserWarning):
    """An iterative fit stopped before its stopping rule was met.

    The one warning class of the course for "the result is not the optimum": every
    estimator that stops at ``max_iter`` without meeting ``tol`` emits it (through
    :func:`warn_not_converged`) and sets ``converged_ = False``. As in scikit-learn it is a
    ``UserWarning``, so ``warnings.simplefilter("ignore", ConvergenceWarning)`` silences
    exactly this warning and nothing else.
    """


class DivergenceError(ValueError, FloatingPointError):
    """An iterative fit produced a non-finite (or absurdly large) loss or weights.

    Raised by :func:`check_finite_fit`. It is a ``ValueError`` (the course's error for
    "this input or these hyperparameters cannot work", what ``except ValueError``
    catches) and a ``FloatingPointError`` (what it is numerically).
    """


def _is_sparse(X):
    """True for a SciPy sparse matrix or array (checked without importing SciPy)."""
    return type(X).__module__.startswith("scipy.sparse") and hasattr(X, "tocsr")


def _check_sparse(X, *, accept_sparse, estimator, dtype, ensure_finite, min_samples,
                  name):
    """The sparse branch of :func:`check_array`: CSR, float64, finite stored values."""
    if not accept_sparse:
        who = "This estimator" if estimator is None else _estimator_name(estimator)
        raise ValueError(
            f"{who} does not accept sparse input: {name} is a scipy.sparse "
            f"{type(X).__name__}. Pass a dense array ({name}.toarray(), if it fits in "
            "memory); of the course's estimators, MultinomialNB and BernoulliNB take "
            "sparse word counts.")
    if X.ndim != 2:
        raise ValueError(f"Expected a 2-D sparse matrix for {name}, got {X.ndim} "
                         f"dimension(s) (shape {X.shape}).")
    X = X.tocsr()
    if dtype is not None:
        try:
            X = X.astype(dtype, copy=False)
        except (TypeError, ValueError) as e:
            raise ValueError(f"{name} must contain numbers only; could not convert it "
                             f"to {np.dtype(dtype)}: {e}") from None
    if X.shape[0] < min_samples:
        raise ValueError(f"{name} has {X.shape[0]} sample(s); at least {min_samples} "
                         "required.")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has 0 features (shape {X.shape}); at least 1 required.")
    # Only the stored values can be NaN or infinite: the implicit entries are zeros.
    if ensure_finite and X.dtype.kind in "fc" and not np.isfinite(X.data).all():
        what = "NaN" if np.isnan(X.data).any() else "infinity"
        raise ValueError(f"{name} contains {what}; remove or impute those values first.")
    return X


def check_array(X, *, ensure_2d=True, allow_nd=False, dtype=np.float64,
                ensure_finite=True, min_samples=1, name="X", accept_sparse=False,
                estimator=None):
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
    accept_sparse : bool, default False
        Accept a SciPy sparse matrix (or sparse array): it is returned in CSR format,
        converted to ``dtype``, with its stored values checked for NaN and infinity
        (the others are zeros), without ever being made dense. With False (the
        default, for estimators that need dense arrays) a sparse input gets a
        ``ValueError`` that names the estimator and says what to do.
    estimator : estimator instance, class or str, default None
        Named in the message that rejects sparse input.

    Returns
    -------
    numpy.ndarray, or scipy.sparse CSR matrix (only with ``accept_sparse=True``)
    """
    if _is_sparse(X):
        return _check_sparse(X, accept_sparse=accept_sparse, estimator=estimator,
                             dtype=dtype, ensure_finite=ensure_finite,
                             min_samples=min_samples, name=name)
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


def check_X_y(X, y, *, y_numeric=False, min_samples=1, accept_sparse=False,
              estimator=None):
    """Validate ``X`` (2-D, finite) and ``y`` (1-D, same length).

    With ``y_numeric=True`` the targets are converted to float64 and checked for
    NaN and infinity (regression); otherwise labels of any type are kept as they
    are (classification). ``accept_sparse`` and ``estimator`` are passed to
    :func:`check_array` (a sparse ``X`` is rejected by default).
    """
    X = check_array(X, min_samples=min_samples, accept_sparse=accept_sparse,
                    estimator=estimator)
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


def _non_integral_floats(classes):
    """The float class labels that are not whole numbers (NaN excluded)."""
    if classes.dtype.kind == "f":
        return classes[np.isfinite(classes) & (classes != np.round(classes))]
    if classes.dtype.kind == "O":
        # A loop over the distinct labels, not the samples: pandas may hand over floats
        # in an object column.
        return np.array([v for v in classes if isinstance(v, (float, np.floating))
                         and np.isfinite(v) and not float(v).is_integer()])
    return np.array([])


def check_classification_targets(y, min_classes=2, *, regressor=None):
    """Check class labels and encode them as ``0 .. n_classes - 1``.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels: ints, bools, strings, or floats that are whole numbers (``0.0``,
        ``1.0``). A column of shape (n_samples, 1) is flattened.
    min_classes : int, default 2
        The smallest number of distinct labels accepted (1 for an estimator that can
        fit a single class, such as nearest neighbours or a tree).
    regressor : str, default None
        The name of the regressor to suggest when ``y`` is continuous (for example
        ``"KNeighborsRegressor"``); by default a generic suggestion.

    Returns
    -------
    classes : ndarray of shape (n_classes,)
        The sorted distinct labels (``np.unique``).
    y_encoded : ndarray of shape (n_samples,), int
        ``classes[y_encoded] == y``.

    Raises
    ------
    ValueError
        If ``y`` contains NaN, infinity or missing values; if ``y`` is continuous
        (a float label that is not a whole number, as scikit-learn's "Unknown label
        type: continuous"), with the message ``"Unknown label type: continuous. y looks
        continuous (non-integer floats such as 0.5), like a regression target, but a
        classifier needs class labels: ints, strings, or floats that are whole numbers.
        Use <regressor> for a numeric target."``; or if it has fewer than
        ``min_classes`` distinct labels (``"y has 1 class(es) ([0]); at least 2 are
        needed to fit a classifier."``).

    Examples
    --------
    >>> classes, y_enc = check_classification_targets([1.0, 0.0, 1.0])
    >>> classes.tolist(), y_enc.tolist()
    ([0.0, 1.0], [1, 0, 1])
    """
    y = column_or_1d(y)
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError("y contains NaN or infinity; remove those samples first.")
    try:
        classes, y_enc = np.unique(y, return_inverse=True)
    except TypeError:
        # np.unique sorts: mixed types (str and float, or None) cannot be compared.
        raise ValueError("y mixes label types that cannot be compared (for example "
                         "strings and numbers, or missing values); use one type of "
                         "label and remove missing values.") from None
    if classes.dtype.kind == "O" and any(
            v is None or (isinstance(v, (float, np.floating)) and not np.isfinite(v))
            for v in classes):
        raise ValueError("y contains missing values (None, NaN or infinity); remove "
                         "those samples first.")
    bad = _non_integral_floats(classes)
    if bad.size:
        suggestion = (f"Use {regressor} for a numeric target." if regressor else
                      "Use a regressor for a numeric target, or bin y into classes first.")
        raise ValueError(
            f"Unknown label type: continuous. y looks continuous (non-integer floats such "
            f"as {float(bad[0]):.6g}), like a regression target, but a classifier needs "
            f"class labels: ints, strings, or floats that are whole numbers. {suggestion}")
    if len(classes) < min_classes:
        raise ValueError(f"y has {len(classes)} class(es) ({classes.tolist()}); "
                         f"at least {min_classes} are needed to fit a classifier.")
    return classes, y_enc


def check_bool(value, name):
    """Check a boolean hyperparameter; return it unchanged.

    Parameters
    ----------
    value : object
        The value to check: ``True``, ``False`` or a NumPy bool.
    name : str
        The hyperparameter's name, for the message.

    Returns
    -------
    bool or numpy.bool_

    Raises
    ------
    ValueError
        ``"<name> must be True or False, got <value!r>."`` for anything else,
        including 0, 1, ``None`` and strings (which ``if value:`` would silently accept).

    Examples
    --------
    >>> check_bool(True, "shuffle")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}.")
    return value


def check_predict_input(estimator, X, attributes=None, *, accept_sparse=False):
    """Validate ``X`` at predict (or transform) time; return it as a float array.

    The three checks every ``predict``, ``predict_proba``, ``decision_function`` and
    ``transform`` starts with, in this order: the estimator is fitted, ``X`` is a finite
    2-D numeric array, and ``X`` has as many columns as the training data.

    Parameters
    ----------
    estimator : object
        A fitted estimator with ``n_features_in_``.
    X : array-like of shape (n_samples, n_features)
        The input.
    attributes : str or list of str, default None
        Passed to :func:`check_is_fitted`: the fitted attributes that must exist.
    accept_sparse : bool, default False
        Passed to :func:`check_array`; by default a sparse ``X`` is rejected with a
        message that names the estimator.

    Returns
    -------
    ndarray of shape (n_samples, n_features), float64 (CSR with ``accept_sparse=True``)

    Raises
    ------
    NotFittedError
        ``"This <Estimator> instance is not fitted yet. Call 'fit' ..."``.
    ValueError
        From :func:`check_array` (NaN, infinity, wrong dimensions, ...) and from
        :func:`check_n_features` (``"X has 3 features, but <Estimator> was fitted with
        2 features."``).
    """
    check_is_fitted(estimator, attributes)
    X = check_array(X, accept_sparse=accept_sparse, estimator=estimator)
    check_n_features(estimator, X)
    return X


def _estimator_name(estimator):
    """The class name of an estimator (instance or class), or the given string."""
    if isinstance(estimator, str):
        return estimator
    return estimator.__name__ if isinstance(estimator, type) else type(estimator).__name__


def warn_not_converged(estimator, max_iter, tol, *, what="iterations", hint=None,
                       stacklevel=3):
    """Emit the course's one :class:`ConvergenceWarning` for a fit that hit ``max_iter``.

    Call it at the end of ``fit`` when the stopping rule was not met (and set
    ``converged_ = False``). The message always has the same shape::

        <Estimator> stopped after max_iter=<N> <what> without meeting tol=<tol>;
        increase max_iter, scale the features or loosen tol.

    Parameters
    ----------
    estimator : estimator instance, class or str
        Named in the message by its class name.
    max_iter : int
        The iteration limit that was reached.
    tol : float
        The tolerance that was not met.
    what : str, default "iterations"
        What was counted: "iterations", "epochs", "passes", ...
    hint : str, default None
        What to do instead of the default "increase max_iter, scale the features or
        loosen tol" (for example "increase max_iter or C").
    stacklevel : int, default 3
        Passed to ``warnings.warn``; 3 points at the line that called ``fit`` when this
        function is called from ``fit`` itself.
    """
    if hint is None:
        hint = "increase max_iter, scale the features or loosen tol"
    warnings.warn(f"{_estimator_name(estimator)} stopped after max_iter={max_iter} {what} "
                  f"without meeting tol={float(tol)!r}; {hint}.", ConvergenceWarning,
                  stacklevel=stacklevel)


def check_finite_fit(values, estimator, *, what="loss", iteration=None, limit=None,
                     hint=None):
    """Stop an iterative fit whose loss or weights have diverged.

    Call it once per iteration (or epoch) on the loss, or on the weights. Nothing
    happens while every value is finite (and, with ``limit``, at most ``limit`` in
    absolute value); otherwise a :class:`DivergenceError` says what diverged, when,
    and the likely causes::

        <Estimator> diverged: the <what> became <NaN|infinite|larger than 1e+300> at
        iteration <k>. Likely causes: a learning rate that is too large, or features
        or a target that are not scaled. Lower the learning rate, or standardise X
        (and y for a regressor), e.g. with utils.preprocessing.StandardScaler.

    Parameters
    ----------
    values : float, array-like, or list of arrays
        The loss, or the weights (a list of arrays, such as a network's layers, is
        checked array by array).
    estimator : estimator instance, class or str
        Named in the message.
    what : str, default "loss"
        What ``values`` is: "loss", "weights", "training loss", ...
    iteration : int, default None
        The iteration or epoch number, quoted in the message when given.
    limit : float, default None
        Also treat a value larger than this in absolute value as diverged (e.g. 1e300,
        to stop before the next step overflows with a RuntimeWarning).
    hint : str, default None
        Replaces the last sentence ("Lower the learning rate, or standardise X ...").

    Returns
    -------
    values
        Unchanged, so that ``loss = check_finite_fit(loss, self)`` reads naturally.

    Raises
    ------
    DivergenceError
        A subclass of ``ValueError`` and ``FloatingPointError``.
    """
    arrays = values if isinstance(values, (list, tuple)) else [values]
    problem = None
    for a in arrays:
        a = np.asarray(a, dtype=np.float64)
        if np.isnan(a).any():
            problem = "NaN"
        elif np.isinf(a).any():
            problem = "infinite"
        elif limit is not None and (np.abs(a) > limit).any():
            problem = f"larger than {limit:g} in absolute value"
        if problem:
            break
    if problem is None:
        return values
    if hint is None:
        hint = ("Lower the learning rate, or standardise X (and y for a regressor), e.g. "
                "with utils.preprocessing.StandardScaler.")
    when = "" if iteration is None else f" at iteration {iteration}"
    raise DivergenceError(
        f"{_estimator_name(estimator)} diverged: the {what} became {problem}{when}. Likely "
        f"causes: a learning rate that is too large, or features or a target that are not "
        f"scaled. {hint}")
