"""The standard bad-input battery, shared by every chapter's tests.

Every estimator of the course must reject bad input with a clear ``ValueError`` (or
``NotFittedError``) whose message comes from :mod:`utils.validation`. Instead of copying
the same parametrisations into each chapter, a test calls::

    from utils.testing import check_bad_input

    def test_bad_input():
        check_bad_input(LogisticRegression, X, y, kind="classifier",
                        methods=("predict", "predict_proba", "decision_function"))

which raises an ``AssertionError`` listing every case the estimator got wrong (accepted
the input silently, raised the wrong exception, or a message that does not say what is
wrong). :func:`bad_fit_cases` gives the fit-time cases themselves, for a test that
parametrises over them or adds its own.

The cases and the message each must match (a regular expression, searched):

fit (all kinds)
    NaN in X ("NaN"), infinity in X ("infinity"), 1-D X (``reshape(-1, 1)``), 3-D X
    ("2-D"), no samples ("0 sample"), no features ("0 features"), text in X
    ("numbers only").
fit (classifier, regressor)
    y of another length ("different numbers of samples"), y = None ("y is required"),
    2-D y ("1-D"), NaN in a numeric y ("y contains NaN").
fit (classifier)
    continuous y ("Unknown label type: continuous"), a single class
    ("1 class(es)"; skipped with ``min_classes=1``).
each method in ``methods``
    before fit (``NotFittedError``, "not fitted"); after fit: one feature more than
    at fit time ("X has d+1 features, but ... d features"), NaN in X ("NaN"), 1-D X
    ("reshape(").
"""
import re
import warnings
from collections import namedtuple

import numpy as np

from utils.validation import ConvergenceWarning, NotFittedError

__all__ = ["BadCase", "bad_fit_cases", "check_bad_input"]

KINDS = ("classifier", "regressor", "unsupervised")

BadCase = namedtuple("BadCase", "name X y match")
BadCase.__doc__ = """One bad input for ``fit``: a short name, ``X``, ``y`` and the regex the
``ValueError`` message must match. ``y`` is None for an unsupervised estimator (and for
the case "y is None")."""


def _with_value(X, value):
    """A float copy of ``X`` with ``value`` in its first entry."""
    X = np.array(X, dtype=np.float64)
    X.flat[0] = value
    return X


def bad_fit_cases(X, y=None, *, kind, min_classes=2):
    """The bad inputs that ``fit`` must reject, built from a valid ``(X, y)``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Valid training data (at least 2 samples), numeric.
    y : array-like of shape (n_samples,), default None
        Valid targets; None for ``kind="unsupervised"``.
    kind : {"classifier", "regressor", "unsupervised"}
        Which cases apply (see the module docstring).
    min_classes : int, default 2
        The classifier's smallest number of classes; with 1 the single-class case is
        left out.

    Returns
    -------
    list of BadCase
        Each with a ``name`` usable as a pytest id.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {list(KINDS)}, got {kind!r}.")
    if (y is None) != (kind == "unsupervised"):
        raise ValueError("pass y for a classifier or regressor, and only then.")
    X = np.asarray(X)
    n, d = X.shape
    cases = [
        BadCase("nan_in_X", _with_value(X, np.nan), y, "NaN"),
        BadCase("inf_in_X", _with_value(X, np.inf), y, "infinity"),
        BadCase("1d_X", X[:, 0], y, r"reshape\(-1, 1\)"),
        BadCase("3d_X", X[:, :, None], y, "2-D"),
        BadCase("empty_X", X[:0], None if y is None else np.asarray(y)[:0], "0 sample"),
        BadCase("no_features", X[:, :0], y, "0 features"),
        BadCase("text_in_X", X.astype(str).astype(object) + "x", y, "numbers only"),
    ]
    if y is None:
        return cases
    y = np.asarray(y)
    cases += [
        BadCase("y_wrong_length", X, y[:-1], "different numbers of samples"),
        BadCase("y_none", X, None, "y is required"),
        BadCase("2d_y", X, np.column_stack([y, y]), "1-D"),
    ]
    if y.dtype.kind in "biuf":
        cases.append(BadCase("nan_in_y", X, _with_value(y, np.nan), "y contains NaN"))
    if kind == "classifier":
        # Half-integers: continuous whatever the scale of the real labels.
        cases.append(BadCase("continuous_y", X, np.arange(n) + 0.5,
                             "Unknown label type: continuous"))
        if min_classes >= 2:
            cases.append(BadCase("single_class", X, np.repeat(y[:1], n),
                                 r"1 class\(es\)"))
    return cases


def _outcome(call, error, match):
    """None if ``call()`` raises ``error`` with a message matching ``match``, else why not."""
    try:
        call()
    except error as e:
        if re.search(match, str(e)):
            return None
        return f"raised {type(e).__name__}({str(e)!r}), whose message does not match {match!r}"
    except Exception as e:  # the wrong kind of error is a failure to report, not to crash on
        return (f"raised {type(e).__name__}({str(e)!r}) instead of {error.__name__} "
                f"matching {match!r}")
    return f"accepted it silently (expected {error.__name__} matching {match!r})"


def check_bad_input(Estimator, X, y=None, *, kind, methods=("predict",), params=None,
                    min_classes=2):
    """Run the bad-input battery on an estimator class; fail loudly if it accepts any.

    Fits ``Estimator(**params)`` on every case of :func:`bad_fit_cases`, then calls
    each method of ``methods`` before fit and, after a fit on the valid ``(X, y)``, with
    bad ``X``. A :class:`~utils.validation.ConvergenceWarning` during these fits is
    ignored (a short ``max_iter`` keeps the battery fast); any other warning is left to
    the test's warning filter.

    Parameters
    ----------
    Estimator : class
        The estimator class.
    X : array-like of shape (n_samples, n_features)
        Valid, numeric training data.
    y : array-like of shape (n_samples,), default None
        Valid targets; None for ``kind="unsupervised"``.
    kind : {"classifier", "regressor", "unsupervised"}
        Which fit-time cases apply.
    methods : sequence of str, default ("predict",)
        The methods that take ``X`` after fit: "predict", "predict_proba",
        "decision_function", "transform", "score" (called as ``score(X, y)`` for a
        supervised estimator), ...
    params : dict, default None
        Hyperparameters for every instance (e.g. ``{"max_iter": 5}``).
    min_classes : int, default 2
        See :func:`bad_fit_cases`.

    Raises
    ------
    AssertionError
        Listing each failed case as ``"<Estimator>.<method> with <case>: <what
        happened>"``, e.g. ``"Model.fit with nan_in_X: accepted it silently (expected
        ValueError matching 'NaN')"``.
    """
    params = {} if params is None else dict(params)
    name = Estimator.__name__
    failures = []

    def fit(X_, y_):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            est = Estimator(**params)
            return est.fit(X_) if kind == "unsupervised" else est.fit(X_, y_)

    for case in bad_fit_cases(X, y, kind=kind, min_classes=min_classes):
        why = _outcome(lambda c=case: fit(c.X, c.y), ValueError, case.match)
        if why:
            failures.append(f"{name}.fit with {case.name}: {why}")

    X = np.asarray(X, dtype=np.float64)
    d = X.shape[1]

    def call(est, method, X_):
        args = (X_,) if kind == "unsupervised" or method != "score" else (X_, y)
        return getattr(est, method)(*args)

    for method in methods:
        why = _outcome(lambda m=method: call(Estimator(**params), m, X), NotFittedError,
                       "not fitted")
        if why:
            failures.append(f"{name}.{method} before fit: {why}")
    fitted = fit(X, y)   # must work: the data are valid
    predict_cases = [
        ("one_more_feature", np.column_stack([X, X[:, :1]]),
         rf"X has {d + 1} features, but .*{d} features"),
        ("nan_in_X", _with_value(X, np.nan), "NaN"),
        ("1d_X", X[0], r"reshape\("),
    ]
    for method in methods:
        for case, X_bad, match in predict_cases:
            why = _outcome(lambda m=method, Xb=X_bad: call(fitted, m, Xb), ValueError, match)
            if why:
                failures.append(f"{name}.{method} with {case}: {why}")
    if failures:
        raise AssertionError(f"{name} failed {len(failures)} bad-input check(s):\n  "
                             + "\n  ".join(failures))
