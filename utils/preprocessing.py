"""Preprocessing transformers with scikit-learn's names, parameters and attributes.

:class:`StandardScaler`, :class:`MinMaxScaler`, :class:`OneHotEncoder`,
:class:`PolynomialFeatures`, :class:`SimpleImputer`.

The leakage lesson is built in: every statistic (means, ranges, categories, fill
values) is learned in ``fit`` from the training set only and stored in attributes
ending in ``_``; ``transform`` only applies them. Fit on the training split, then
transform the training and the test split with the same fitted object.
"""
import itertools
import numbers

import numpy as np

from utils.base import BaseEstimator, TransformerMixin
from utils.validation import (check_array, check_bool, check_is_fitted, check_n_features,
                              check_predict_input, check_scalar)

__all__ = ["StandardScaler", "MinMaxScaler", "OneHotEncoder", "PolynomialFeatures",
           "SimpleImputer"]


def _feature_names_in(estimator, X):
    """Remember a DataFrame's column names (all strings), as scikit-learn does."""
    columns = getattr(X, "columns", None)
    if columns is not None and all(isinstance(c, str) for c in columns):
        estimator.feature_names_in_ = np.asarray(columns, dtype=object)


def _input_names(estimator, input_features):
    """The input feature names used by ``get_feature_names_out``."""
    check_is_fitted(estimator)
    if input_features is None:
        if hasattr(estimator, "feature_names_in_"):
            return estimator.feature_names_in_
        return np.asarray([f"x{i}" for i in range(estimator.n_features_in_)], dtype=object)
    names = np.asarray(input_features, dtype=object)
    if names.ndim != 1 or len(names) != estimator.n_features_in_:
        raise ValueError(f"input_features should have length {estimator.n_features_in_} "
                         f"(the number of features seen in fit), got {len(names)}.")
    return names


class _Scaler(TransformerMixin, BaseEstimator):
    """What the two scalers share: the check before transform and inverse_transform."""

    def _check(self, X):
        return check_predict_input(self, X)


class StandardScaler(_Scaler):
    r"""Standardise features: :math:`z = (x - \mu) / \sigma`, column by column.

    Parameters
    ----------
    with_mean : bool, default True
        Subtract the mean.
    with_std : bool, default True
        Divide by the standard deviation (the population one, ``ddof=0``).

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,) or None
        Training mean of each feature; None when both options are False.
    var_ : ndarray of shape (n_features,) or None
        Training variance of each feature; None when ``with_std=False``.
    scale_ : ndarray of shape (n_features,) or None
        The divisor: the standard deviation, or 1 for a (numerically) constant
        feature so that it maps to 0 instead of dividing by zero (as scikit-learn).
        None when ``with_std=False``.
    n_features_in_ : int
    n_samples_seen_ : int
    """

    def __init__(self, with_mean=True, with_std=True):
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Learn the mean and standard deviation of each column of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        for name in ("with_mean", "with_std"):
            check_bool(getattr(self, name), name)
        _feature_names_in(self, X)
        X = check_array(X)
        n = X.shape[0]
        self.n_features_in_ = X.shape[1]
        self.n_samples_seen_ = n
        mean = X.mean(axis=0)
        self.mean_ = mean if (self.with_mean or self.with_std) else None
        if self.with_std:
            self.var_ = X.var(axis=0)
            # A column that is constant up to rounding error in the variance
            # computation (bound from Chan, Golub & LeVeque) is treated as constant.
            eps = np.finfo(np.float64).eps
            constant = self.var_ <= n * eps * self.var_ + (n * mean * eps) ** 2
            self.scale_ = np.where(constant, 1.0, np.sqrt(self.var_))
        else:
            self.var_ = None
            self.scale_ = None
        return self

    def transform(self, X):
        """Standardise ``X`` with the training statistics.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        X = self._check(X)
        if self.with_mean:
            X = X - self.mean_
        if self.with_std:
            X = X / self.scale_
        return X

    def inverse_transform(self, X):
        """Undo :meth:`transform`: ``X * scale_ + mean_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        X = self._check(X)
        if self.with_std:
            X = X * self.scale_
        if self.with_mean:
            X = X + self.mean_
        return X


class MinMaxScaler(_Scaler):
    r"""Rescale each feature linearly so the training data spans ``feature_range``.

    :math:`x' = x \cdot \text{scale} + \text{min}` with
    :math:`\text{scale} = (b - a) / (x_{max} - x_{min})` and
    :math:`\text{min} = a - x_{min} \cdot \text{scale}` for ``feature_range=(a, b)``.
    Test data can fall outside ``(a, b)``: it is not clipped.

    Parameters
    ----------
    feature_range : tuple (min, max), default (0, 1)

    Attributes
    ----------
    data_min_, data_max_, data_range_ : ndarray of shape (n_features,)
        Training minimum, maximum and their difference.
    scale_ : ndarray of shape (n_features,)
        A constant feature gets range 1 (as scikit-learn), so it maps to ``a``.
    min_ : ndarray of shape (n_features,)
    n_features_in_ : int
    n_samples_seen_ : int
    """

    def __init__(self, feature_range=(0, 1)):
        self.feature_range = feature_range

    def fit(self, X, y=None):
        """Learn the minimum and maximum of each column of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        fr = self.feature_range
        if (not isinstance(fr, (tuple, list)) or len(fr) != 2
                or not all(isinstance(v, numbers.Real) for v in fr)):
            raise ValueError(f"feature_range must be a tuple (min, max) of two numbers, "
                             f"got {fr!r}.")
        if not fr[0] < fr[1]:
            raise ValueError("Minimum of desired feature range must be smaller than "
                             f"maximum; got {tuple(fr)}.")
        _feature_names_in(self, X)
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        self.n_samples_seen_ = X.shape[0]
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        self.data_range_ = self.data_max_ - self.data_min_
        # A (near-)zero range would blow up the scale; scikit-learn uses 1 instead.
        safe_range = np.where(self.data_range_ < 10 * np.finfo(np.float64).eps,
                              1.0, self.data_range_)
        self.scale_ = (fr[1] - fr[0]) / safe_range
        self.min_ = fr[0] - self.data_min_ * self.scale_
        return self

    def transform(self, X):
        """Rescale ``X`` with the training minimum and range.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        return self._check(X) * self.scale_ + self.min_

    def inverse_transform(self, X):
        """Undo :meth:`transform`: ``(X - min_) / scale_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        return (self._check(X) - self.min_) / self.scale_


def _columns(X, name="X"):
    """The columns of a 2-D input as a list of 1-D arrays, keeping each column's dtype.

    A DataFrame keeps per-column dtypes (a numeric column stays numeric next to a
    text one); anything else goes through ``np.asarray``.
    """
    if hasattr(X, "iloc"):
        if X.ndim != 2:
            raise ValueError(f"Expected a 2-D {name}, got a pandas Series. "
                             "Use a DataFrame, e.g. df[['column']].")
        cols = [np.asarray(X.iloc[:, j]) for j in range(X.shape[1])]
        shape = X.shape
    else:
        arr = check_array(X, dtype=None, ensure_finite=False, name=name)
        cols = [arr[:, j] for j in range(arr.shape[1])]
        shape = arr.shape
    if shape[0] == 0:
        raise ValueError(f"{name} has 0 sample(s); at least 1 required.")
    if shape[1] == 0:
        raise ValueError(f"{name} has 0 features (shape {shape}); at least 1 required.")
    return cols


def _missing_mask(col):
    """True where ``col`` holds NaN (numeric) or None / NaN (object)."""
    if col.dtype.kind == "f":
        return np.isnan(col)
    if col.dtype.kind == "O":
        # Elementwise on object arrays: None == None, and NaN is the only x != x.
        return np.equal(col, None) | (col != col)
    return np.zeros(col.shape, dtype=bool)


class OneHotEncoder(TransformerMixin, BaseEstimator):
    """Encode categorical columns as one 0/1 column per category.

    Parameters
    ----------
    handle_unknown : {"error", "ignore"}, default "error"
        A category not seen in ``fit`` raises a ``ValueError`` in ``transform``
        (``"error"``) or is encoded as all zeros for that feature (``"ignore"``).
        With ``drop="first"`` all zeros is also the code of the dropped category.
    drop : {None, "first"}, default None
        ``"first"`` drops the column of each feature's first (smallest) category,
        removing the perfect collinearity of the dummies with an intercept.

    Attributes
    ----------
    categories_ : list of ndarray
        The sorted categories of each feature, learned in ``fit``.
    drop_idx_ : ndarray of shape (n_features,) or None
        Index in ``categories_[i]`` of the dropped category (0 with
        ``drop="first"``); None when nothing is dropped.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when fitted on a DataFrame whose column names are all strings.

    Notes
    -----
    Always returns a dense float64 array (scikit-learn's default is a sparse
    matrix; pass ``sparse_output=False`` there to compare). Missing values (NaN,
    None) raise a ``ValueError``: impute them first (:class:`SimpleImputer`).
    """

    def __init__(self, handle_unknown="error", drop=None):
        self.handle_unknown = handle_unknown
        self.drop = drop

    def _validated_columns(self, X):
        cols = _columns(X)
        for j, col in enumerate(cols):
            if _missing_mask(col).any():
                raise ValueError(f"Column {j} of X contains missing values (NaN or None); "
                                 "impute them first, e.g. with SimpleImputer.")
            if col.dtype.kind in "fc" and not np.isfinite(col).all():
                raise ValueError(f"Column {j} of X contains infinity.")
        return cols

    def fit(self, X, y=None):
        """Learn the categories of each column of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers, strings or objects; a DataFrame may mix column types.
        y : ignored

        Returns
        -------
        self
        """
        if self.handle_unknown not in ("error", "ignore"):
            raise ValueError("handle_unknown must be 'error' or 'ignore', got "
                             f"{self.handle_unknown!r}.")
        if self.drop not in (None, "first"):
            raise ValueError(f"drop must be None or 'first', got {self.drop!r}.")
        _feature_names_in(self, X)
        cols = self._validated_columns(X)
        self.categories_ = []
        for j, col in enumerate(cols):
            try:
                self.categories_.append(np.unique(col))
            except TypeError:
                raise ValueError(f"Column {j} of X mixes types that cannot be sorted "
                                 "(e.g. strings and numbers); convert it to one type, "
                                 "e.g. with .astype(str).") from None
        self.n_features_in_ = len(cols)
        self.drop_idx_ = (np.zeros(len(cols), dtype=int) if self.drop == "first" else None)
        return self

    def transform(self, X):
        """One-hot encode ``X`` with the categories learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_encoded_features), dtype float64
            The blocks of columns follow the features; within a block, the sorted
            categories (minus the first with ``drop="first"``).
        """
        check_is_fitted(self)
        cols = self._validated_columns(X)
        if len(cols) != self.n_features_in_:
            raise ValueError(f"X has {len(cols)} features, but OneHotEncoder was fitted "
                             f"with {self.n_features_in_} features.")
        blocks = []
        for j, (col, cats) in enumerate(zip(cols, self.categories_)):
            try:
                pos = np.clip(np.searchsorted(cats, col), 0, len(cats) - 1)
                known = cats[pos] == col
            except TypeError:
                known = np.zeros(len(col), dtype=bool)
                pos = np.zeros(len(col), dtype=int)
            if not known.all() and self.handle_unknown == "error":
                unknown = np.unique(col[~known].astype(str)).tolist()
                raise ValueError(f"Found unknown categories {unknown} in column {j} "
                                 "during transform; use handle_unknown='ignore' to encode "
                                 "them as all zeros.")
            # Comparing each category index with the column of all indices gives the
            # indicator matrix in one step; unknown rows get index -1 and match nothing.
            idx = np.where(known, pos, -1)
            block = (idx[:, None] == np.arange(len(cats))[None, :]).astype(np.float64)
            if self.drop_idx_ is not None:
                block = np.delete(block, self.drop_idx_[j], axis=1)
            blocks.append(block)
        return np.hstack(blocks)

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns, like ``"x0_a"`` (feature name, category).

        Parameters
        ----------
        input_features : array-like of str, default None
            Names of the input features; default ``feature_names_in_`` if fitted on
            a DataFrame, else ``"x0", "x1", ...``.

        Returns
        -------
        ndarray of str (object dtype)
        """
        names = _input_names(self, input_features)
        out = []
        for j, (name, cats) in enumerate(zip(names, self.categories_)):
            kept = cats if self.drop_idx_ is None else np.delete(cats, self.drop_idx_[j])
            out.extend(f"{name}_{c}" for c in kept)
        return np.asarray(out, dtype=object)


class PolynomialFeatures(TransformerMixin, BaseEstimator):
    r"""All products of features up to a total degree, e.g. :math:`1, a, b, a^2, ab, b^2`.

    Parameters
    ----------
    degree : int, default 2
        The largest total degree.
    include_bias : bool, default True
        Include the constant column of ones (degree 0).
    interaction_only : bool, default False
        Only products of distinct features (:math:`ab`, not :math:`a^2`).

    Attributes
    ----------
    powers_ : ndarray of shape (n_output_features, n_features), dtype int
        ``powers_[i, j]`` is the exponent of feature ``j`` in output column ``i``.
        Columns are ordered as in scikit-learn: by degree, then lexicographically by
        the features involved (``itertools.combinations_with_replacement`` order).
    n_features_in_ : int
    n_output_features_ : int
    """

    def __init__(self, degree=2, include_bias=True, interaction_only=False):
        self.degree = degree
        self.include_bias = include_bias
        self.interaction_only = interaction_only

    def _combinations(self, n_features):
        combine = (itertools.combinations if self.interaction_only
                   else itertools.combinations_with_replacement)
        start = 0 if self.include_bias else 1
        return itertools.chain.from_iterable(
            combine(range(n_features), d) for d in range(start, self.degree + 1))

    def fit(self, X, y=None):
        """Work out the output columns for the number of features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        check_scalar(self.degree, "degree", kind=numbers.Integral, min_val=0)
        for name in ("include_bias", "interaction_only"):
            check_bool(getattr(self, name), name)
        if self.degree == 0 and not self.include_bias:
            raise ValueError("Setting degree to zero and include_bias to False would "
                             "result in an empty output array.")
        _feature_names_in(self, X)
        X = check_array(X)
        n_features = X.shape[1]
        combos = list(self._combinations(n_features))
        powers = np.zeros((len(combos), n_features), dtype=int)
        for i, combo in enumerate(combos):
            np.add.at(powers[i], list(combo), 1)
        self.powers_ = powers
        self.n_features_in_ = n_features
        self.n_output_features_ = len(combos)
        return self

    def transform(self, X):
        """Compute the polynomial features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_output_features_)
        """
        X = check_predict_input(self, X)
        out = np.empty((X.shape[0], self.n_output_features_))
        # One column per loop step (a loop over output features, not samples).
        for i, combo in enumerate(self._combinations(X.shape[1])):
            out[:, i] = np.prod(X[:, list(combo)], axis=1)
        return out

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns: ``"1"``, ``"x0"``, ``"x0^2"``, ``"x0 x1"``, ...

        Parameters
        ----------
        input_features : array-like of str, default None
            Names of the input features; default ``feature_names_in_`` if fitted on
            a DataFrame, else ``"x0", "x1", ...``.

        Returns
        -------
        ndarray of str (object dtype)
        """
        names = _input_names(self, input_features)
        out = []
        for row in self.powers_:
            terms = [name if p == 1 else f"{name}^{p}"
                     for name, p in zip(names, row) if p > 0]
            out.append(" ".join(terms) if terms else "1")
        return np.asarray(out, dtype=object)


class SimpleImputer(TransformerMixin, BaseEstimator):
    """Replace missing values (NaN, or None in object arrays) column by column.

    Parameters
    ----------
    strategy : {"mean", "median", "most_frequent", "constant"}, default "mean"
        The training-set statistic that replaces a missing value. ``"mean"`` and
        ``"median"`` need numeric data; ``"most_frequent"`` (ties go to the
        smallest value, as in scikit-learn) and ``"constant"`` also work on
        object/string arrays.
    fill_value : number or str, default None
        The value for ``strategy="constant"``; None means 0 for numeric data and
        ``"missing_value"`` for object data (scikit-learn's defaults).

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,)
        The fill value of each feature (float64 for numeric data, object otherwise).
    n_features_in_ : int

    Notes
    -----
    A column with no observed value at fit time raises a ``ValueError`` (except
    with ``"constant"``); scikit-learn drops such a column with a warning.
    Numeric input is returned as float64; object input stays object.
    """

    _STRATEGIES = ("mean", "median", "most_frequent", "constant")

    def __init__(self, strategy="mean", fill_value=None):
        self.strategy = strategy
        self.fill_value = fill_value

    def _prepare(self, X):
        """``X`` as a 2-D float64 array if numeric, else object; plus its missing mask."""
        X = check_array(X, dtype=None, ensure_finite=False)
        if X.dtype.kind in "biuf":
            X = X.astype(np.float64)
            if np.isinf(X).any():
                raise ValueError("X contains infinity; only NaN marks a missing value.")
        else:
            X = X.astype(object)
        return X, _missing_mask(X)

    def fit(self, X, y=None):
        """Learn the fill value of each column from the non-missing training values.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        if self.strategy not in self._STRATEGIES:
            raise ValueError(f"strategy must be one of {list(self._STRATEGIES)}, got "
                             f"{self.strategy!r}.")
        _feature_names_in(self, X)
        X, missing = self._prepare(X)
        numeric = X.dtype.kind == "f"
        self.n_features_in_ = X.shape[1]
        if self.strategy == "constant":
            fill = self.fill_value
            if fill is None:
                fill = 0.0 if numeric else "missing_value"
            if numeric and not isinstance(fill, numbers.Real):
                raise ValueError(f"fill_value={fill!r} is invalid: expected a number when "
                                 "imputing numeric data.")
            self.statistics_ = np.full(X.shape[1], fill, dtype=np.float64 if numeric
                                       else object)
            return self
        empty = missing.all(axis=0)
        if empty.any():
            raise ValueError(f"Columns {np.flatnonzero(empty).tolist()} of X have no "
                             f"observed value; strategy={self.strategy!r} cannot learn a "
                             "fill value (drop them or use strategy='constant').")
        if self.strategy in ("mean", "median"):
            if not numeric:
                try:
                    X = np.where(missing, np.nan, X).astype(np.float64)
                except (TypeError, ValueError):
                    raise ValueError(f"strategy={self.strategy!r} needs numeric data; use "
                                     "'most_frequent' or 'constant' for strings.") from None
            if self.strategy == "mean":
                # Mean of the observed values: zero out the NaNs, divide by the count.
                observed = (~missing).sum(axis=0)
                self.statistics_ = np.where(missing, 0.0, X).sum(axis=0) / observed
            else:
                self.statistics_ = np.nanmedian(X, axis=0)
            return self
        stats = []
        for j in range(X.shape[1]):
            try:
                values, counts = np.unique(X[~missing[:, j], j], return_counts=True)
            except TypeError:
                raise ValueError(f"Column {j} of X mixes types that cannot be sorted "
                                 "(e.g. strings and numbers).") from None
            # argmax picks the first maximum, i.e. the smallest of the tied values.
            stats.append(values[np.argmax(counts)])
        self.statistics_ = np.asarray(stats, dtype=np.float64 if numeric else object)
        return self

    def transform(self, X):
        """Replace the missing values of ``X`` with ``statistics_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X, missing = self._prepare(X)
        check_n_features(self, X)
        if X.dtype.kind == "f" and self.statistics_.dtype.kind == "O":
            X = X.astype(object)
        elif X.dtype.kind == "O" and self.statistics_.dtype.kind == "f":
            try:
                X = np.where(missing, np.nan, X).astype(np.float64)
            except (TypeError, ValueError):
                raise ValueError("X contains non-numeric values but SimpleImputer was "
                                 "fitted on numeric data.") from None
        return np.where(missing, self.statistics_, X)
