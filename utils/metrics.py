"""Evaluation metrics with scikit-learn's names, signatures and numbers.

Regression: :func:`mean_squared_error`, :func:`root_mean_squared_error`,
:func:`mean_absolute_error`, :func:`r2_score`.

Classification: :func:`accuracy_score`, :func:`precision_score`, :func:`recall_score`,
:func:`f1_score`, :func:`confusion_matrix`, :func:`log_loss`, :func:`roc_curve`,
:func:`roc_auc_score`.

Clustering: :func:`silhouette_samples`, :func:`silhouette_score`.

Every function validates its input and raises a ``ValueError`` that names the problem
(different lengths, empty input, NaN, wrong number of dimensions, invalid parameter).
Precision, recall and F1 handle an undefined (0/0) score as scikit-learn does: by default
(``zero_division="warn"``) the score is 0.0 and an :class:`UndefinedMetricWarning` is
emitted; pass ``zero_division=0.0``, ``1.0`` or ``np.nan`` to choose the value silently.
Where scikit-learn would emit another warning and return an undefined value, these
functions either return the value scikit-learn returns without warning (documented per
function) or raise a ``ValueError``.
"""
import warnings

import numpy as np

from utils.validation import check_array, column_or_1d

__all__ = [
    "mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score",
    "accuracy_score", "precision_score", "recall_score", "f1_score", "confusion_matrix",
    "log_loss", "roc_curve", "roc_auc_score", "silhouette_samples", "silhouette_score",
    "UndefinedMetricWarning",
]


# --------------------------------------------------------------------------- helpers

def _check_consistent(a, b, name_a, name_b):
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{name_a} and {name_b} have different lengths: "
                         f"{a.shape[0]} and {b.shape[0]}.")
    if a.shape[0] == 0:
        raise ValueError(f"{name_a} and {name_b} are empty; at least one sample required.")


def _check_reg_targets(y_true, y_pred):
    """Return ``y_true`` and ``y_pred`` as finite 1-D float arrays of the same length."""
    arrays = []
    for y, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        try:
            arr = column_or_1d(y, name=name, dtype=np.float64)
        except (TypeError, ValueError) as e:
            if "must be 1-D" in str(e):
                raise
            raise ValueError(f"{name} must contain numbers only: {e}") from None
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or infinity.")
        arrays.append(arr)
    _check_consistent(arrays[0], arrays[1], "y_true", "y_pred")
    return arrays


def _check_labels(y, name):
    """Return ``y`` as a 1-D label array, rejecting NaN and missing values."""
    arr = column_or_1d(y, name=name)
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinity.")
    if arr.dtype.kind == "O" and (np.equal(arr, None) | (arr != arr)).any():
        raise ValueError(f"{name} contains missing values (None or NaN).")
    return arr


def _union_labels(*arrays):
    """Sorted unique labels of all ``arrays``; refuse to mix strings and numbers."""
    kinds = {"str" if a.dtype.kind in "USO" and a.size and isinstance(a.flat[0], str)
             else "num" for a in arrays if a.size}
    if len(kinds) > 1:
        raise ValueError("Mix of label input types (string and number); "
                         "y_true and y_pred must use the same kind of labels.")
    try:
        return np.unique(np.concatenate(arrays))
    except TypeError:
        raise ValueError("Labels cannot be sorted: mix of label types "
                         "(string and number).") from None


def _encode(y, classes):
    """Index of each element of ``y`` in ``classes`` (any order), or -1 if absent."""
    order = np.argsort(classes, kind="stable")
    sorted_classes = classes[order]
    pos = np.clip(np.searchsorted(sorted_classes, y), 0, len(classes) - 1)
    found = sorted_classes[pos] == y
    return np.where(found, order[pos], -1)


def _check_clf_targets(y_true, y_pred):
    y_true = _check_labels(y_true, "y_true")
    y_pred = _check_labels(y_pred, "y_pred")
    _check_consistent(y_true, y_pred, "y_true", "y_pred")
    return y_true, y_pred, _union_labels(y_true, y_pred)


def _safe_divide(num, den):
    """``num / den`` with 0.0 where ``den == 0`` (and no RuntimeWarning)."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den != 0)


# ------------------------------------------------------------------------ regression

def mean_squared_error(y_true, y_pred):
    r"""Mean squared error :math:`\frac1n\sum_i (y_i - \hat y_i)^2`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True targets.
    y_pred : array-like of shape (n_samples,)
        Predicted targets. A column of shape (n_samples, 1) is flattened, so the
        classic broadcasting bug ``(n,) - (n, 1) -> (n, n)`` cannot happen here.

    Returns
    -------
    float
        Non-negative; 0 for a perfect prediction.
    """
    y_true, y_pred = _check_reg_targets(y_true, y_pred)
    return float(np.mean((y_true - y_pred) ** 2))


def root_mean_squared_error(y_true, y_pred):
    """Square root of :func:`mean_squared_error`, in the units of ``y``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted targets.

    Returns
    -------
    float
    """
    return float(np.sqrt(mean_squared_error(y_true, y_pred)))


def mean_absolute_error(y_true, y_pred):
    r"""Mean absolute error :math:`\frac1n\sum_i |y_i - \hat y_i|`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted targets.

    Returns
    -------
    float
    """
    y_true, y_pred = _check_reg_targets(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def r2_score(y_true, y_pred):
    r"""Coefficient of determination :math:`R^2 = 1 - SS_{res} / SS_{tot}`.

    :math:`SS_{res} = \sum_i (y_i - \hat y_i)^2` and
    :math:`SS_{tot} = \sum_i (y_i - \bar y)^2`. It is 1 for a perfect prediction,
    0 for always predicting the mean of ``y_true``, and negative for worse.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted targets; at least two samples.

    Returns
    -------
    float

    Notes
    -----
    For a constant ``y_true`` (:math:`SS_{tot} = 0`) the ratio is undefined. As
    scikit-learn does (``force_finite=True``), the score is then 1.0 if the
    prediction is perfect and 0.0 otherwise. With fewer than two samples
    scikit-learn warns and returns NaN; here a ``ValueError`` is raised.
    """
    y_true, y_pred = _check_reg_targets(y_true, y_pred)
    if y_true.shape[0] < 2:
        raise ValueError("r2_score is not well-defined with less than two samples; "
                         f"got {y_true.shape[0]}.")
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1.0 - ss_res / ss_tot)


# -------------------------------------------------------------------- classification

def accuracy_score(y_true, y_pred):
    """Fraction of samples whose predicted label equals the true label.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels (numbers or strings).

    Returns
    -------
    float
        In [0, 1].
    """
    y_true, y_pred, _ = _check_clf_targets(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true, y_pred, *, labels=None, normalize=None):
    """Count the (true label, predicted label) pairs.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like of shape (n_classes,), default None
        The labels indexing the rows and columns, in this order. Samples whose true
        or predicted label is not in ``labels`` are left out. By default, the
        sorted union of the labels in ``y_true`` and ``y_pred`` (``np.unique``).
    normalize : {None, "true", "pred", "all"}, default None
        ``None``: counts. ``"true"``: divide each row by its sum (row ``i`` is then the
        distribution of predictions for true class ``labels[i]``; the diagonal holds the
        per-class recall). ``"pred"``: divide each column by its sum (the diagonal holds
        the per-class precision). ``"all"``: divide by the number of samples counted.
        A row or column with no samples is all zeros, as in scikit-learn.

    Returns
    -------
    ndarray of shape (n_classes, n_classes)
        ``C[i, j]`` is the number (int) or fraction (float, with ``normalize``) of
        samples of true class ``labels[i]`` predicted as ``labels[j]``: rows are true
        labels, columns are predictions. In the binary case with labels (0, 1):
        ``[[tn, fp], [fn, tp]]``.

    Notes
    -----
    scikit-learn warns when the matrix is 1 x 1 (a single label in the data); here it
    is returned silently. Pass ``labels`` to get every class.
    """
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError("normalize must be one of [None, 'true', 'pred', 'all'], got "
                         f"{normalize!r}.")
    y_true, y_pred, present = _check_clf_targets(y_true, y_pred)
    if labels is None:
        labels = present
    else:
        labels = _check_labels_argument(labels, y_true, y_pred)
    true_idx = _encode(y_true, labels)
    pred_idx = _encode(y_pred, labels)
    if (true_idx < 0).all():
        raise ValueError("At least one label specified must be in y_true.")
    keep = (true_idx >= 0) & (pred_idx >= 0)
    k = len(labels)
    # One bincount over the flattened cell index true * k + pred fills the matrix.
    counts = np.bincount(true_idx[keep] * k + pred_idx[keep], minlength=k * k).reshape(k, k)
    if normalize is None:
        return counts
    total = {"true": counts.sum(axis=1, keepdims=True),
             "pred": counts.sum(axis=0, keepdims=True),
             "all": counts.sum()}[normalize]
    return _safe_divide(counts, total)


def _check_labels_argument(labels, y_true, y_pred):
    """``labels`` as a 1-D array of distinct labels of the same kind as ``y``."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}.")
    if len(np.unique(labels)) != len(labels):
        raise ValueError("labels contains duplicates.")
    _union_labels(labels, y_true, y_pred)
    return labels


class UndefinedMetricWarning(UserWarning):
    """A precision, recall or F1 is 0/0 for some label and was set to 0.0.

    scikit-learn's warning of the same name, emitted in the same cases: only when
    ``zero_division="warn"`` (the default of :func:`precision_score`,
    :func:`recall_score` and :func:`f1_score`, as in scikit-learn). Since this project
    turns warnings into errors in its tests, code that expects an undefined score
    passes ``zero_division=0.0`` (or ``1.0``, or ``np.nan``) to say so.
    """


_AVERAGES = (None, "binary", "macro", "micro", "weighted")


def _zero_division_value(zero_division):
    """The score given to a 0/0 label: 0.0 for "warn", else the value itself."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0
    elif isinstance(zero_division, (int, float, np.floating, np.integer)):
        if np.isnan(zero_division) or zero_division in (0, 1):
            return float(zero_division)
    raise ValueError(f"zero_division must be 'warn', 0.0, 1.0 or np.nan, got "
                     f"{zero_division!r}.")


def _counts(y_true, y_pred, labels, pos_label, average):
    """Per-label counts (true positives, predicted, true) for precision/recall/F1."""
    if average not in _AVERAGES:
        raise ValueError(f"average must be one of {list(_AVERAGES)}, got {average!r}.")
    y_true, y_pred, present = _check_clf_targets(y_true, y_pred)
    if average == "binary":
        # As in scikit-learn, labels is ignored here: the one label is pos_label.
        if len(present) > 2:
            raise ValueError(f"Target is multiclass ({len(present)} labels) but "
                             "average='binary'; choose average='macro', 'micro', "
                             "'weighted' or None.")
        if len(present) == 2 and pos_label not in present.tolist():
            raise ValueError(f"pos_label={pos_label!r} is not a valid label; "
                             f"it should be one of {present.tolist()}.")
        # Compare with pos_label directly: it may even be absent from the data (then
        # every count is 0 and the score is undefined, as in scikit-learn).
        is_true, is_pred = y_true == pos_label, y_pred == pos_label
        return (np.array([np.sum(is_true & is_pred)]), np.array([np.sum(is_pred)]),
                np.array([np.sum(is_true)]))
    labels = present if labels is None else _check_labels_argument(labels, y_true, y_pred)
    # Index in labels, -1 for a label not listed. Unlike confusion_matrix(labels=...),
    # such samples still count: a sample of an unlisted class predicted as label j is a
    # false positive of j (scikit-learn's multilabel_confusion_matrix does the same).
    t, p, k = _encode(y_true, labels), _encode(y_pred, labels), len(labels)
    tp = np.bincount(t[(t == p) & (t >= 0)], minlength=k)
    return tp, np.bincount(p[p >= 0], minlength=k), np.bincount(t[t >= 0], minlength=k)


def _nanaverage(scores, weights=None):
    """Mean of the non-NaN scores (NaN if all are NaN), as scikit-learn averages."""
    keep = ~np.isnan(scores)
    if not keep.any():
        return np.nan
    if weights is None or weights[keep].sum() == 0:
        return float(np.mean(scores[keep]))
    return float(np.average(scores[keep], weights=weights[keep]))


_WHAT_IS_ZERO = {"precision": "predicted", "recall": "true", "f-score": "true nor predicted"}


def _prf_score(metric, y_true, y_pred, labels, pos_label, average, zero_division):
    """Precision, recall or F1 (``metric``) with averaging and zero division."""
    zero_value = _zero_division_value(zero_division)
    tp, n_pred, n_true = _counts(y_true, y_pred, labels, pos_label, average)
    weights = n_true if average == "weighted" else None
    if average == "micro":
        tp, n_pred, n_true = (a.sum(keepdims=True) for a in (tp, n_pred, n_true))
    num, den = {"precision": (tp, n_pred), "recall": (tp, n_true),
                "f-score": (2 * tp, n_true + n_pred)}[metric]
    undefined = den == 0
    scores = _safe_divide(num, den)
    if undefined.any():
        scores[undefined] = zero_value
        if isinstance(zero_division, str):
            where = "due to" if len(scores) == 1 else "in labels with"
            # stacklevel 3: the line that called precision_score (or recall/f1).
            warnings.warn(f"{metric.capitalize()} is ill-defined and being set to 0.0 "
                          f"{where} no {_WHAT_IS_ZERO[metric]} samples. Use "
                          "`zero_division` parameter to control this behavior.",
                          UndefinedMetricWarning, stacklevel=3)
    if average is None:
        return scores
    return _nanaverage(scores, weights)


def precision_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                    zero_division="warn"):
    r"""Precision :math:`tp / (tp + fp)`: of the samples predicted positive, how many are.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like, default None
        The labels to score, and their order when ``average=None``; by default the
        sorted union of the labels in ``y_true`` and ``y_pred``. A label listed but
        absent from the data gets a 0/0 score (see ``zero_division``); samples of
        labels not listed still count as false positives or negatives of the listed
        ones. Ignored when ``average="binary"`` (the one label is ``pos_label``).
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise (scikit-learn
        then warns if it is not 1; use ``labels=[pos_label]`` to score one class).
    average : {"binary", "macro", "micro", "weighted"} or None, default "binary"
        ``"binary"``: the score of ``pos_label`` (the data must have at most two
        labels). ``None``: the array of per-label scores. ``"macro"``: unweighted mean
        of the per-label scores. ``"micro"``: from the total counts over all labels
        (equals accuracy for single-label multiclass data with ``labels=None``).
        ``"weighted"``: mean of the per-label scores weighted by each label's support
        (number of true samples). NaN scores (``zero_division=np.nan``) are left out
        of every mean.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The score of a label whose denominator is 0. ``"warn"`` (scikit-learn's
        default) gives 0.0 and emits an :class:`UndefinedMetricWarning`; because the
        project's tests turn warnings into errors, pass ``0.0`` (or ``1.0``, ``np.nan``)
        wherever an undefined score is expected.

    Returns
    -------
    float, or ndarray of shape (n_labels,) when ``average=None``

    Notes
    -----
    Zero division: a label that is never predicted (tp + fp = 0) has an undefined
    precision, set by ``zero_division``.
    """
    return _prf_score("precision", y_true, y_pred, labels, pos_label, average,
                      zero_division)


def recall_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                 zero_division="warn"):
    r"""Recall :math:`tp / (tp + fn)`: of the positive samples, how many were found.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like, default None
        The labels to score; see :func:`precision_score`.
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "micro", "weighted"} or None, default "binary"
        How to combine the per-label scores (``None``: return them); see
        :func:`precision_score`.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The score of a label with no true samples; see :func:`precision_score`.

    Returns
    -------
    float, or ndarray of shape (n_labels,) when ``average=None``

    Notes
    -----
    Zero division: a label absent from ``y_true`` (tp + fn = 0) has an undefined
    recall, set by ``zero_division``.
    """
    return _prf_score("recall", y_true, y_pred, labels, pos_label, average, zero_division)


def f1_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
             zero_division="warn"):
    r"""F1, the harmonic mean of precision and recall: :math:`2tp / (2tp + fp + fn)`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like, default None
        The labels to score; see :func:`precision_score`.
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "micro", "weighted"} or None, default "binary"
        How to combine the per-label scores (``None``: return them); see
        :func:`precision_score`.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The score of a label absent from both ``y_true`` and ``y_pred``; see
        :func:`precision_score`.

    Returns
    -------
    float, or ndarray of shape (n_labels,) when ``average=None``

    Notes
    -----
    Zero division: a label absent from both ``y_true`` and ``y_pred``
    (tp + fp + fn = 0) has an undefined F1, set by ``zero_division``. A label whose
    precision and recall are both 0 while tp + fp + fn > 0 has F1 = 0, silently (as in
    scikit-learn).
    """
    return _prf_score("f-score", y_true, y_pred, labels, pos_label, average, zero_division)


def log_loss(y_true, y_proba, *, labels=None):
    r"""Cross-entropy :math:`-\frac1n\sum_i \sum_k [y_i = k] \log p_{ik}`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_proba : array-like of shape (n_samples,) or (n_samples, n_classes)
        Predicted probabilities. 1-D: the probability of the positive class, i.e.
        the larger of the two labels (binary only). 2-D: one column per label, in
        the sorted order of the labels; each row must sum to 1. (scikit-learn >= 1.9
        names this argument ``y_proba``; its old name ``y_pred`` is deprecated there.)
    labels : array-like, default None
        All the labels, when ``y_true`` does not contain every class (for example a
        small test set). By default the labels found in ``y_true``.

    Returns
    -------
    float

    Notes
    -----
    Probabilities are clipped to :math:`[\epsilon, 1 - \epsilon]`, with
    :math:`\epsilon` the machine epsilon of ``y_proba``'s float type
    (``np.finfo(np.float64).eps`` = 2.2e-16 for float64 and for lists), so a confident
    wrong prediction costs :math:`-\log\epsilon` (about 36) rather than infinity. This is
    what scikit-learn does since it removed its ``eps`` argument (1.5); ours is gone too.

    Rows of ``y_proba`` that do not sum to 1 (relative tolerance :math:`\sqrt\epsilon`)
    raise a ``ValueError``; scikit-learn only warns.
    """
    y_true = _check_labels(y_true, "y_true")
    # The clipping epsilon follows the input's float type, as in scikit-learn.
    in_dtype = np.asarray(y_proba).dtype
    eps = np.finfo(in_dtype if in_dtype.kind == "f" else np.float64).eps
    y_proba = check_array(y_proba, ensure_2d=False, name="y_proba", min_samples=0)
    if y_proba.ndim > 2:
        raise ValueError(f"y_proba must be 1-D or 2-D, got shape {y_proba.shape}.")
    _check_consistent(y_true, y_proba, "y_true", "y_proba")
    if y_proba.max() > 1 or y_proba.min() < 0:
        raise ValueError("y_proba must contain probabilities in [0, 1]; got values in "
                         f"[{y_proba.min()}, {y_proba.max()}].")
    if labels is None:
        classes = np.unique(y_true)
        if len(classes) < 2:
            raise ValueError(f"y_true contains only one label ({classes[0]!r}); pass all "
                             "the expected labels through the labels argument.")
    else:
        classes = np.unique(np.asarray(labels))
        if len(classes) < 2:
            raise ValueError(f"labels must contain at least two labels, got {classes}.")
        _union_labels(classes, y_true)
        if (_encode(y_true, classes) < 0).any():
            raise ValueError(f"y_true contains labels that are not in labels={classes}.")
    if y_proba.ndim == 1 or y_proba.shape[1] == 1:
        p = y_proba.reshape(-1)
        y_proba = np.column_stack([1 - p, p])
    if y_proba.shape[1] != len(classes):
        raise ValueError(f"y_proba has {y_proba.shape[1]} columns but there are "
                         f"{len(classes)} labels {classes.tolist()}; pass labels=... if "
                         "y_true does not contain every class.")
    if not np.allclose(y_proba.sum(axis=1), 1, rtol=np.sqrt(eps)):
        raise ValueError("The rows of y_proba do not sum to one; pass probabilities.")
    # Only the probability of the true class enters the loss, so pick it out instead
    # of multiplying a one-hot matrix by log(p) (which would compute 0 * log 0).
    p_true = y_proba[np.arange(len(y_true)), _encode(y_true, classes)]
    return float(-np.mean(np.log(np.clip(p_true, eps, 1 - eps))))


def _binary_clf_curve(y_true, y_score, pos_label):
    """False/true positive counts at each distinct score, highest score first."""
    y_true = _check_labels(y_true, "y_true")
    y_score = column_or_1d(check_array(y_score, ensure_2d=False, name="y_score",
                                       min_samples=0), name="y_score")
    _check_consistent(y_true, y_score, "y_true", "y_score")
    classes = np.unique(y_true)
    if len(classes) > 2:
        raise ValueError(f"y_true must be binary; got {len(classes)} labels "
                         f"{classes.tolist()}.")
    if pos_label is None:
        if classes.dtype.kind in "OUS" or not (
                set(classes.tolist()) <= {0, 1} or set(classes.tolist()) <= {-1, 1}):
            raise ValueError(f"y_true takes labels {classes.tolist()}, not {{0, 1}} or "
                             "{-1, 1}; pass pos_label explicitly.")
        pos_label = 1
    is_pos = y_true == pos_label
    # Stable descending order, as scikit-learn (reverse of a stable ascending sort).
    order = np.argsort(y_score, kind="mergesort")[::-1]
    y_score, is_pos = y_score[order], is_pos[order]
    # A threshold at each distinct score: the last index of each run of tied scores.
    distinct = np.flatnonzero(np.diff(y_score))
    threshold_idx = np.r_[distinct, len(y_score) - 1]
    tps = np.cumsum(is_pos)[threshold_idx]
    fps = 1 + threshold_idx - tps
    return fps, tps, y_score[threshold_idx]


def roc_curve(y_true, y_score, *, pos_label=None):
    """Receiver operating characteristic: false and true positive rates per threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels, with both classes present.
    y_score : array-like of shape (n_samples,)
        Scores, larger meaning "more positive" (probabilities or decision values).
    pos_label : int, float, bool or str, default None
        The positive class. ``None`` is allowed for labels in {0, 1} or {-1, 1},
        and then means 1.

    Returns
    -------
    fpr : ndarray
        False positive rate of predicting positive when ``score >= thresholds[i]``;
        increasing, from 0 to 1.
    tpr : ndarray
        True positive rate at the same thresholds; increasing, from 0 to 1.
    thresholds : ndarray
        Decreasing; ``thresholds[0] = np.inf`` (nothing predicted positive), as in
        scikit-learn >= 1.3.

    Notes
    -----
    As scikit-learn with ``drop_intermediate=True``, points that lie on a straight
    horizontal or vertical segment between their neighbours are dropped: they do
    not change the curve or its area. If ``y_true`` lacks one class, a rate is
    undefined; scikit-learn warns and returns NaN, here a ``ValueError`` is raised.
    """
    fps, tps, thresholds = _binary_clf_curve(y_true, y_score, pos_label)
    if len(fps) > 2:
        # Keep a point only if the second difference of fps or tps is nonzero there.
        keep = np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True]
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    fps = np.r_[0, fps]
    tps = np.r_[0, tps]
    thresholds = np.r_[np.inf, thresholds]
    if fps[-1] == 0 or tps[-1] == 0:
        raise ValueError("y_true must contain both positive and negative samples for a "
                         "ROC curve; only one class is present.")
    return fps / fps[-1], tps / tps[-1], thresholds


def roc_auc_score(y_true, y_score):
    """Area under the ROC curve (binary).

    The probability that a random positive sample scores higher than a random
    negative one, counting ties as one half. Computed with the trapezoid rule on
    :func:`roc_curve` (tied scores form one diagonal segment, which is how the half
    is counted).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels (numbers or strings); the larger label is the positive class.
    y_score : array-like of shape (n_samples,)
        Scores for the positive class.

    Returns
    -------
    float
        In [0, 1]; 0.5 for a random ranking.
    """
    y_true = _check_labels(y_true, "y_true")
    if y_true.shape[0] == 0:
        raise ValueError("y_true is empty; at least one sample required.")
    classes = np.unique(y_true)
    if len(classes) != 2:
        raise ValueError(f"Only one class present in y_true ({classes.tolist()}); ROC AUC "
                         "score is not defined in that case." if len(classes) < 2 else
                         f"roc_auc_score is binary only; y_true has {len(classes)} labels.")
    fpr, tpr, _ = roc_curve(y_true, y_score, pos_label=classes[1])
    return float(np.trapezoid(tpr, fpr))


# ------------------------------------------------------------------------ clustering

# Bytes of float64 distances held at once in silhouette_samples: 64 MB.
_CHUNK_BYTES = 2 ** 26


def silhouette_samples(X, labels, *, metric="euclidean"):
    r"""Silhouette coefficient of each sample.

    For sample :math:`i` in cluster :math:`C`, :math:`a_i` is its mean distance to
    the other members of :math:`C` and :math:`b_i` the smallest mean distance to the
    members of another cluster; :math:`s_i = (b_i - a_i) / \max(a_i, b_i)`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The samples.
    labels : array-like of shape (n_samples,)
        Cluster label of each sample; between 2 and ``n_samples - 1`` distinct labels.
    metric : {"euclidean"}, default "euclidean"
        Only the Euclidean distance is implemented.

    Returns
    -------
    ndarray of shape (n_samples,)
        In [-1, 1]. A sample alone in its cluster gets 0, as in scikit-learn (and
        so does a sample with :math:`a_i = b_i = 0`).

    Notes
    -----
    Distances are computed in blocks of rows, as
    :math:`\sqrt{\|x\|^2 + \|y\|^2 - 2 x\cdot y}` (the formula scikit-learn uses),
    so memory stays near 64 MB whatever ``n_samples``; time is :math:`O(n^2 d)`.
    """
    if metric != "euclidean":
        raise ValueError(f"metric must be 'euclidean', got {metric!r}.")
    X = check_array(X)
    labels = _check_labels(labels, "labels")
    _check_consistent(X, labels, "X", "labels")
    classes, codes = np.unique(labels, return_inverse=True)
    n, k = X.shape[0], len(classes)
    if not 2 <= k <= n - 1:
        raise ValueError(f"Number of labels is {k}. Valid values are 2 to n_samples - 1 "
                         f"(inclusive), here 2 to {n - 1}.")
    sizes = np.bincount(codes, minlength=k)
    # Columns sorted by cluster so np.add.reduceat sums each cluster's block of columns.
    order = np.argsort(codes, kind="stable")
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    X_sorted = X[order]
    position = np.argsort(order)  # column of sample i in the sorted order
    sq_norms = np.einsum("ij,ij->i", X, X)
    sq_norms_sorted = sq_norms[order]
    chunk = max(1, _CHUNK_BYTES // (8 * n))
    cluster_sums = np.empty((n, k))
    for lo in range(0, n, chunk):
        rows = slice(lo, min(lo + chunk, n))
        # In place, to keep a single chunk-sized array alive.
        D = X[rows] @ X_sorted.T
        D *= -2
        D += sq_norms[rows, None]
        D += sq_norms_sorted[None, :]
        np.maximum(D, 0, out=D)  # rounding can make a tiny squared distance negative
        np.sqrt(D, out=D)
        # A point's distance to itself must be exactly 0, not rounding noise.
        D[np.arange(D.shape[0]), position[rows]] = 0.0
        cluster_sums[rows] = np.add.reduceat(D, starts, axis=1)
    own = np.arange(n), codes
    a = _safe_divide(cluster_sums[own], sizes[codes] - 1)
    mean_other = cluster_sums / sizes
    mean_other[own] = np.inf
    b = mean_other.min(axis=1)
    s = _safe_divide(b - a, np.maximum(a, b))
    s[sizes[codes] == 1] = 0.0
    return s


def silhouette_score(X, labels, *, metric="euclidean"):
    """Mean silhouette coefficient over all samples (see :func:`silhouette_samples`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The samples.
    labels : array-like of shape (n_samples,)
        Cluster label of each sample.
    metric : {"euclidean"}, default "euclidean"
        Only the Euclidean distance is implemented.

    Returns
    -------
    float
        In [-1, 1]; higher means tighter, better separated clusters.
    """
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))
