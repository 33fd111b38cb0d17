"""Splitting data and cross-validation, with scikit-learn's names and signatures.

:func:`train_test_split`, :class:`KFold`, :class:`StratifiedKFold`,
:func:`cross_val_score`, :class:`GridSearchCV`.

Everything that shuffles takes ``random_state`` (None, an int or a
``numpy.random.Generator``) and is deterministic given an int. The random streams
are NumPy's ``default_rng``, not scikit-learn's ``RandomState``, so shuffled splits
differ from scikit-learn's for the same seed (sizes and proportions agree). Without
shuffling, :class:`KFold` and :class:`StratifiedKFold` give exactly scikit-learn's
folds.
"""
import itertools
import numbers
import warnings

import numpy as np

from utils.base import BaseEstimator, clone
from utils.metrics import accuracy_score, mean_squared_error, r2_score
from utils.validation import check_bool, check_random_state, check_scalar, column_or_1d

__all__ = ["train_test_split", "KFold", "StratifiedKFold", "cross_val_score", "GridSearchCV"]


def _num_samples(a, name="array"):
    shape = getattr(a, "shape", None)
    if shape is not None:
        if len(shape) == 0:
            raise ValueError(f"{name} must be array-like, got a scalar {a!r}.")
        return shape[0]
    if not hasattr(a, "__len__"):
        raise ValueError(f"{name} must be array-like, got {type(a).__name__}.")
    return len(a)


def _take(a, indices):
    """Rows ``indices`` of ``a``: ``.iloc`` for pandas, fancy indexing otherwise.

    Lists and tuples come back as NumPy arrays.
    """
    if hasattr(a, "iloc"):
        return a.iloc[indices]
    return np.asarray(a)[indices]


# ------------------------------------------------------------------ train_test_split

def _split_sizes(n, test_size, train_size):
    """Number of (train, test) samples, with scikit-learn's rounding and checks."""
    if test_size is None and train_size is None:
        test_size = 0.25
    sizes = {}
    for name, size in (("test_size", test_size), ("train_size", train_size)):
        if size is None:
            continue
        if isinstance(size, bool) or not isinstance(size, numbers.Real):
            raise ValueError(f"{name} must be a float in (0, 1) or an int, got {size!r}.")
        if isinstance(size, numbers.Integral):
            if not 0 < size < n:
                raise ValueError(f"{name}={size} should be either positive and smaller than "
                                 f"the number of samples {n} or a float in the (0, 1) range.")
        elif not 0 < size < 1:
            raise ValueError(f"{name}={size} should be either positive and smaller than "
                             f"the number of samples {n} or a float in the (0, 1) range.")
        sizes[name] = size
    if (isinstance(test_size, float) and isinstance(train_size, float)
            and test_size + train_size > 1):
        raise ValueError(f"test_size + train_size = {test_size + train_size} should be in "
                         "the (0, 1] range; reduce test_size and/or train_size.")
    # The test set is rounded up and the train set down, as in scikit-learn.
    n_test = (int(np.ceil(test_size * n)) if isinstance(test_size, float) else test_size)
    n_train = (int(np.floor(train_size * n)) if isinstance(train_size, float)
               else train_size)
    if train_size is None:
        n_train = n - n_test
    elif test_size is None:
        n_test = n - n_train
    if n_train + n_test > n:
        raise ValueError(f"The sum of train_size and test_size = {n_train + n_test} should "
                         f"be smaller than the number of samples {n}.")
    if n_train == 0 or n_test == 0:
        raise ValueError(f"With n_samples={n}, test_size={test_size} and "
                         f"train_size={train_size}, the resulting train or test set would "
                         "be empty; adjust these parameters.")
    return int(n_train), int(n_test)


def _proportional_counts(counts, n_draws):
    """Split ``n_draws`` over classes in proportion to ``counts`` (integers summing to it).

    Largest-remainder rounding: everyone gets the floor of their share, and the
    leftover units go to the largest fractional parts; ties go to the earlier class
    (scikit-learn breaks these ties at random).
    """
    share = counts * n_draws / counts.sum()
    floor = np.floor(share).astype(int)
    leftover = n_draws - floor.sum()
    by_remainder = np.argsort(-(share - floor), kind="stable")
    floor[by_remainder[:leftover]] += 1
    return floor


def train_test_split(*arrays, test_size=None, train_size=None, random_state=None,
                     shuffle=True, stratify=None):
    """Split arrays into random train and test subsets (the same rows for each array).

    Parameters
    ----------
    *arrays : sequence of array-likes with the same number of rows
        NumPy arrays, lists, pandas DataFrames or Series (indexed with ``.iloc``,
        so they keep their index).
    test_size : float or int, default None
        A float in (0, 1) is the test fraction (rounded up); an int is the number of
        test samples. If both sizes are None, 0.25.
    train_size : float or int, default None
        As ``test_size``, for the train set (a fraction is rounded down). If None,
        the complement of the test set.
    random_state : None, int or numpy.random.Generator, default None
        Seed of the shuffle; an int makes the split reproducible.
    shuffle : bool, default True
        If False, the first rows form the train set and the next ones the test set.
    stratify : array-like of shape (n_samples,), default None
        Class labels: each class is split separately, in proportion, so the train
        and test sets keep the class proportions (up to rounding; every class needs
        at least 2 samples). Needs ``shuffle=True``.

    Returns
    -------
    list
        ``[a_train, a_test, b_train, b_test, ...]``, two entries per input array.
        Lists come back as NumPy arrays.

    Notes
    -----
    Deterministic given an int ``random_state``, but not the same permutation as
    scikit-learn (which uses a different random generator). With ``stratify``, the
    per-class counts follow scikit-learn's rule (train counts by largest remainder,
    then test counts from what is left), with ties broken by class order instead of
    at random.
    """
    if not arrays:
        raise ValueError("At least one array required as input.")
    n = _num_samples(arrays[0], "arrays[0]")
    lengths = [_num_samples(a, f"arrays[{i}]") for i, a in enumerate(arrays)]
    if len(set(lengths)) > 1:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: "
                         f"{lengths}.")
    if n == 0:
        raise ValueError("The input arrays are empty; at least one sample required.")
    check_bool(shuffle, "shuffle")
    n_train, n_test = _split_sizes(n, test_size, train_size)

    if not shuffle:
        if stratify is not None:
            raise ValueError("Stratified train/test split is not implemented for "
                             "shuffle=False; set shuffle=True.")
        train, test = np.arange(n_train), np.arange(n_train, n_train + n_test)
    else:
        rng = check_random_state(random_state)
        if stratify is None:
            perm = rng.permutation(n)
            test, train = perm[:n_test], perm[n_test:n_test + n_train]
        else:
            train, test = _stratified_indices(stratify, n, n_train, n_test, rng)
    out = []
    for a in arrays:
        out += [_take(a, train), _take(a, test)]
    return out


def _stratified_indices(stratify, n, n_train, n_test, rng):
    y = column_or_1d(stratify, name="stratify")
    if y.shape[0] != n:
        raise ValueError(f"stratify has {y.shape[0]} labels but the arrays have {n} rows.")
    classes, codes = np.unique(y, return_inverse=True)
    counts = np.bincount(codes)
    if counts.min() < 2:
        raise ValueError("The least populated class in stratify has only 1 member, which "
                         "is too few. The minimum number of members in any class cannot "
                         "be less than 2.")
    if n_train < len(classes) or n_test < len(classes):
        raise ValueError(f"The train size ({n_train}) and the test size ({n_test}) should "
                         f"each be at least the number of classes ({len(classes)}).")
    train_counts = _proportional_counts(counts, n_train)
    test_counts = _proportional_counts(counts - train_counts, n_test)
    train, test = [], []
    # A loop over classes, not samples: shuffle each class, then cut it in two.
    for k in range(len(classes)):
        members = rng.permutation(np.flatnonzero(codes == k))
        train.append(members[:train_counts[k]])
        test.append(members[train_counts[k]:train_counts[k] + test_counts[k]])
    # Mix the classes so the rows do not come sorted by class.
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


# ------------------------------------------------------------------------- splitters

class KFold(BaseEstimator):
    """K-fold cross-validation: each of ``n_splits`` consecutive folds is a test set once.

    Parameters
    ----------
    n_splits : int, default 5
        Number of folds, at least 2. The first ``n_samples % n_splits`` folds have
        one sample more than the others.
    shuffle : bool, default False
        Shuffle the samples before cutting them into folds.
    random_state : None, int or numpy.random.Generator, default None
        Seed of the shuffle; only allowed with ``shuffle=True``.

    Notes
    -----
    With ``shuffle=False`` the folds are exactly scikit-learn's. Parameters are
    checked when :meth:`split` is called.
    """

    def __init__(self, n_splits=5, shuffle=False, random_state=None):
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def _check_params(self, n):
        check_scalar(self.n_splits, "n_splits", kind=numbers.Integral, min_val=2)
        check_bool(self.shuffle, "shuffle")
        if not self.shuffle and self.random_state is not None:
            raise ValueError("Setting a random_state has no effect since shuffle is False; "
                             "leave random_state=None or set shuffle=True.")
        if self.n_splits > n:
            raise ValueError(f"Cannot have number of splits n_splits={self.n_splits} "
                             f"greater than the number of samples: n_samples={n}.")

    def get_n_splits(self, X=None, y=None):
        """Return the number of folds, ``n_splits``."""
        return self.n_splits

    def _test_folds(self, X, y):
        """Fold number of each sample."""
        n = _num_samples(X, "X")
        self._check_params(n)
        order = np.arange(n)
        if self.shuffle:
            order = check_random_state(self.random_state).permutation(n)
        sizes = np.full(self.n_splits, n // self.n_splits)
        sizes[: n % self.n_splits] += 1
        folds = np.empty(n, dtype=int)
        folds[order] = np.repeat(np.arange(self.n_splits), sizes)
        return folds

    def split(self, X, y=None):
        """Yield ``(train_indices, test_indices)`` for each fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, ...)
            Only its length is used.
        y : ignored

        Yields
        ------
        train, test : ndarray of int
            Sorted, disjoint, together covering ``range(n_samples)``.
        """
        folds = self._test_folds(X, y)
        for k in range(self.n_splits):
            yield np.flatnonzero(folds != k), np.flatnonzero(folds == k)


class StratifiedKFold(KFold):
    """K-fold cross-validation that keeps the class proportions in every fold.

    The samples of each class are dealt into the folds: sort the samples by class
    (classes in order of first appearance), deal them round-robin into the folds,
    and count how many of each class every fold received. Each class then fills
    the folds in blocks of those sizes, in the original order of its samples (or
    in random order with ``shuffle=True``).

    Parameters
    ----------
    n_splits : int, default 5
        Number of folds, at least 2, and at most the size of the largest class.
    shuffle : bool, default False
        Shuffle each class's samples before dealing them into folds.
    random_state : None, int or numpy.random.Generator, default None
        Seed of the shuffle; only allowed with ``shuffle=True``.

    Notes
    -----
    With ``shuffle=False`` the folds are exactly scikit-learn's (>= 0.22). If a
    class has fewer than ``n_splits`` members a ``UserWarning`` is emitted, as in
    scikit-learn: some folds will lack that class.
    """

    def _test_folds(self, X, y):
        n = _num_samples(X, "X")
        self._check_params(n)
        if y is None:
            raise ValueError("StratifiedKFold.split needs the class labels y; got None.")
        y = column_or_1d(y, name="y")
        if y.shape[0] != n:
            raise ValueError(f"X and y have different numbers of samples: X has {n}, "
                             f"y has {y.shape[0]}.")
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise ValueError("y contains NaN or infinity.")
        _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
        # Renumber the classes by order of first appearance (0 = first label seen).
        codes = np.argsort(np.argsort(first))[inverse]
        n_classes = len(first)
        class_counts = np.bincount(codes)
        if (self.n_splits > class_counts).all():
            raise ValueError(f"n_splits={self.n_splits} cannot be greater than the number "
                             "of members in each class.")
        if self.n_splits > class_counts.min():
            warnings.warn(f"The least populated class in y has only {class_counts.min()} "
                          f"members, which is less than n_splits={self.n_splits}.",
                          UserWarning, stacklevel=3)
        # Deal the class-sorted samples round-robin: sorted sample i goes to fold
        # i % n_splits. per_fold[f, c] counts the samples of class c in fold f.
        fold_of_sorted = np.arange(n) % self.n_splits
        per_fold = np.bincount(fold_of_sorted * n_classes + np.sort(codes),
                               minlength=self.n_splits * n_classes)
        per_fold = per_fold.reshape(self.n_splits, n_classes)
        rng = check_random_state(self.random_state) if self.shuffle else None
        folds = np.empty(n, dtype=int)
        for c in range(n_classes):
            blocks = np.repeat(np.arange(self.n_splits), per_fold[:, c])
            if self.shuffle:
                blocks = rng.permutation(blocks)
            folds[codes == c] = blocks
        return folds

    def split(self, X, y):
        """Yield ``(train_indices, test_indices)`` for each fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, ...)
            Only its length is used.
        y : array-like of shape (n_samples,)
            Class labels.

        Yields
        ------
        train, test : ndarray of int
            Sorted, disjoint, together covering ``range(n_samples)``.
        """
        folds = self._test_folds(X, y)
        for k in range(self.n_splits):
            yield np.flatnonzero(folds != k), np.flatnonzero(folds == k)


# ------------------------------------------------------------------ cross_val_score

_SCORERS = {
    "accuracy": lambda est, X, y: accuracy_score(y, est.predict(X)),
    "r2": lambda est, X, y: r2_score(y, est.predict(X)),
    "neg_mean_squared_error": lambda est, X, y: -mean_squared_error(y, est.predict(X)),
}



def _scorer(estimator, scoring):
    """``scorer(fitted_estimator, X, y) -> float`` from cross_val_score's ``scoring``."""
    if scoring is None:
        if not hasattr(estimator, "score"):
            raise ValueError(f"{type(estimator).__name__} has no score method; pass "
                             "scoring.")
        return lambda est, X, y: est.score(X, y)
    if callable(scoring):
        return scoring
    if isinstance(scoring, str) and scoring in _SCORERS:
        return _SCORERS[scoring]
    raise ValueError(f"scoring must be None, a callable or one of {list(_SCORERS)}; "
                     f"got {scoring!r}.")


def _splitter(estimator, cv, y):
    """A splitter from cross_val_score's ``cv``."""
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        is_classifier = getattr(estimator, "_estimator_type", None) == "classifier"
        return StratifiedKFold(cv) if is_classifier and y is not None else KFold(cv)
    if not (hasattr(cv, "split") and hasattr(cv, "get_n_splits")):
        raise ValueError(f"cv must be an int or a splitter with split and get_n_splits, "
                         f"got {cv!r}.")
    return cv


def cross_val_score(estimator, X, y=None, *, cv=5, scoring=None):
    """Score a fresh copy of ``estimator`` on each cross-validation fold.

    For every ``(train, test)`` split, a new unfitted estimator with the same
    hyperparameters (``utils.base.clone(estimator)``, which also copies the steps of a
    pipeline) is fitted on the training rows and scored on the test rows; ``estimator``
    itself is never fitted.

    Parameters
    ----------
    estimator : estimator
        Has ``fit``, ``get_params`` and, unless ``scoring`` is given, ``score``.
    X : array-like of shape (n_samples, n_features)
        NumPy array or pandas DataFrame.
    y : array-like of shape (n_samples,), default None
        Targets.
    cv : int or splitter, default 5
        An int ``k`` means :class:`StratifiedKFold` ``(k)`` for a classifier
        (``estimator._estimator_type == "classifier"``) and :class:`KFold` ``(k)``
        otherwise, both without shuffling. A splitter is any object with
        ``split(X, y)`` and ``get_n_splits()``.
    scoring : None, str or callable, default None
        None: ``estimator.score``. ``"accuracy"``, ``"r2"`` or
        ``"neg_mean_squared_error"`` (negated so that higher is better), or a
        callable ``scorer(fitted_estimator, X_test, y_test) -> float``.

    Returns
    -------
    ndarray of shape (n_splits,)
        The score of each fold, in fold order.
    """
    if not (hasattr(estimator, "fit") and hasattr(estimator, "get_params")):
        raise ValueError("estimator must have fit and get_params methods, got "
                         f"{type(estimator).__name__}.")
    n = _num_samples(X, "X")
    if y is not None and _num_samples(y, "y") != n:
        raise ValueError(f"X and y have different numbers of samples: X has {n}, "
                         f"y has {_num_samples(y, 'y')}.")
    scorer, cv = _scorer(estimator, scoring), _splitter(estimator, cv, y)
    scores = []
    for train, test in cv.split(X, y):
        model = clone(estimator)
        if y is None:
            model.fit(_take(X, train))
            scores.append(scorer(model, _take(X, test), None))
        else:
            model.fit(_take(X, train), _take(y, train))
            scores.append(scorer(model, _take(X, test), _take(y, test)))
    return np.asarray(scores, dtype=np.float64)


class GridSearchCV(BaseEstimator):
    """Choose hyperparameters by cross-validation over a grid, then refit on all the data.

    Every combination in ``param_grid`` is scored by :func:`cross_val_score` on the same
    folds; the best mean score wins (the first in grid order on a tie, as in scikit-learn),
    and a clone of ``estimator`` with those hyperparameters is fitted on the whole of
    ``X``, ``y``.

    Parameters
    ----------
    estimator : estimator
        Its hyperparameters are set with ``set_params`` (``"step__param"`` for a pipeline).
    param_grid : dict of str to list, or list of such dicts
        The values to try; a list of dicts is a union of grids.
    scoring, cv : see :func:`cross_val_score` (an int ``cv`` gives unshuffled folds).
    refit : bool, default True
        Fit ``best_estimator_`` on all the data.

    Attributes
    ----------
    cv_results_ : dict of arrays
        ``params`` (list of dicts), ``mean_test_score``, ``std_test_score``,
        ``rank_test_score`` (1 is best; ties share the smallest rank) and
        ``split<k>_test_score``, one entry per combination, in grid order.
    best_params_, best_score_, best_index_ : dict, float, int
    best_estimator_ : estimator (only with ``refit=True``)
    n_splits_ : int
    """

    def __init__(self, estimator, param_grid, *, scoring=None, cv=5, refit=True):
        self.estimator = estimator
        self.param_grid = param_grid
        self.scoring = scoring
        self.cv = cv
        self.refit = refit

    def _candidates(self):
        grids = [self.param_grid] if isinstance(self.param_grid, dict) else self.param_grid
        if not grids or not all(isinstance(g, dict) and g for g in grids):
            raise ValueError("param_grid must be a non-empty dict of lists, or a list of "
                             f"such dicts; got {self.param_grid!r}.")
        out = []
        for grid in grids:
            keys = sorted(grid)   # scikit-learn's ParameterGrid iterates keys sorted
            for key in keys:
                if isinstance(grid[key], str) or not hasattr(grid[key], "__len__") \
                        or len(grid[key]) == 0:
                    raise ValueError(f"param_grid[{key!r}] must be a non-empty list of values.")
            for combo in itertools.product(*(grid[k] for k in keys)):
                out.append(dict(zip(keys, combo)))
        return out

    def fit(self, X, y=None):
        check_bool(self.refit, "refit")
        candidates = self._candidates()
        splitter = _splitter(self.estimator, self.cv, y)
        folds = list(splitter.split(X, y))

        class _Fixed:   # the same folds for every candidate
            def split(self, X=None, y=None):
                return iter(folds)

            def get_n_splits(self):
                return len(folds)

        scores = np.array([cross_val_score(clone(self.estimator).set_params(**params), X, y,
                                           cv=_Fixed(), scoring=self.scoring)
                           for params in candidates])
        mean = scores.mean(axis=1)
        rank = 1 + (mean[None, :] > mean[:, None]).sum(axis=1)   # ties share the smallest
        self.cv_results_ = {"params": candidates, "mean_test_score": mean,
                            "std_test_score": scores.std(axis=1), "rank_test_score": rank}
        for k in range(scores.shape[1]):
            self.cv_results_[f"split{k}_test_score"] = scores[:, k]
        self.best_index_ = int(np.argmax(mean))   # the first of the best, in grid order
        self.best_params_ = candidates[self.best_index_]
        self.best_score_ = float(mean[self.best_index_])
        self.n_splits_ = len(folds)
        if self.refit:
            best = clone(self.estimator).set_params(**self.best_params_)
            self.best_estimator_ = best.fit(X) if y is None else best.fit(X, y)
        return self

    def _best(self):
        if not hasattr(self, "best_estimator_"):
            from utils.validation import NotFittedError
            raise NotFittedError("This GridSearchCV instance is not fitted yet (or was "
                                 "fitted with refit=False).")
        return self.best_estimator_

    def predict(self, X):
        return self._best().predict(X)

    def score(self, X, y):
        return _scorer(self._best(), self.scoring)(self._best(), X, y)

