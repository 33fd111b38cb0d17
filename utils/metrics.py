"""Evaluation metrics with scikit-learn's names, signatures and numbers.

Regression: :func:`mean_squared_error`, :func:`root_mean_squared_error`,
:func:`mean_absolute_error`, :func:`r2_score`.

Classification: :func:`accuracy_score`, :func:`precision_score`, :func:`recall_score`,
:func:`f1_score`, :func:`confusion_matrix`, :func:`log_loss`, :func:`roc_curve`,
:func:`roc_auc_score`.

Clustering: :func:`silhouette_samples`, :func:`silhouette_score`.

Every function validates its input and raises a ``ValueError`` that names the problem
(different lengths, empty input, NaN, wrong number of dimensions, invalid parameter).
Where scikit-learn would emit a warning and return an undefined value, these functions
either return the value scikit-learn returns without warning (documented per function)
or raise a ``ValueError``.
"""
import numpy as np

from utils.validation import check_array, column_or_1d

__all__ = [
    "mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score",
    "accuracy_score", "precision_score", "recall_score", "f1_score", "confusion_matrix",
    "log_loss", "roc_curve", "roc_auc_score", "silhouette_samples", "silhouette_score",
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


def confusion_matrix(y_true, y_pred, *, labels=None):
    """Count the (true label, predicted label) pairs.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like of shape (n_classes,), default None
        The labels indexing the rows and columns, in this order. Samples whose true
        or predicted label is not in ``labels`` are left out. By default, the
        sorted union of the labels in ``y_true`` and ``y_pred`` (``np.unique``).

    Returns
    -------
    ndarray of shape (n_classes, n_classes), dtype int
        ``C[i, j]`` is the number of samples of true class ``labels[i]`` predicted
        as ``labels[j]``: rows are true labels, columns are predictions. In the
        binary case with labels (0, 1): ``[[tn, fp], [fn, tp]]``.
    """
    y_true, y_pred, present = _check_clf_targets(y_true, y_pred)
    if labels is None:
        labels = present
    else:
        labels = np.asarray(labels)
        if labels.ndim != 1 or labels.size == 0:
            raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}.")
        if len(np.unique(labels)) != len(labels):
            raise ValueError("labels contains duplicates.")
        _union_labels(labels, y_true)
    true_idx = _encode(y_true, labels)
    pred_idx = _encode(y_pred, labels)
    if (true_idx < 0).all():
        raise ValueError("At least one label specified must be in y_true.")
    keep = (true_idx >= 0) & (pred_idx >= 0)
    k = len(labels)
    # One bincount over the flattened cell index true * k + pred fills the matrix.
    counts = np.bincount(true_idx[keep] * k + pred_idx[keep], minlength=k * k)
    return counts.reshape(k, k)


_AVERAGES = ("binary", "macro", "micro", "weighted")


def _prf(y_true, y_pred, pos_label, average):
    """Per-label counts for precision/recall/F1: returns (tp, fp, fn, support)."""
    if average not in _AVERAGES:
        raise ValueError(f"average must be one of {list(_AVERAGES)}, got {average!r}.")
    y_true, y_pred, labels = _check_clf_targets(y_true, y_pred)
    if average == "binary":
        if len(labels) > 2:
            raise ValueError(f"Target is multiclass ({len(labels)} labels) but "
                             "average='binary'; choose average='macro', 'micro' or "
                             "'weighted'.")
        if len(labels) == 2 and pos_label not in labels.tolist():
            raise ValueError(f"pos_label={pos_label!r} is not a valid label; "
                                 f"it should be one of {labels.tolist()}.")
        # Count the positive class directly: pos_label may even be absent from
        # the data (then every count is 0 and the score is 0.0, as in scikit-learn).
        tp = np.array([np.sum((y_true == pos_label) & (y_pred == pos_label))])
        fp = np.array([np.sum((y_true != pos_label) & (y_pred == pos_label))])
        fn = np.array([np.sum((y_true == pos_label) & (y_pred != pos_label))])
        return tp, fp, fn, tp + fn
    C = confusion_matrix(y_true, y_pred, labels=labels)
    tp = np.diag(C)
    fp = C.sum(axis=0) - tp
    fn = C.sum(axis=1) - tp
    return tp, fp, fn, tp + fn


def _average(per_label, support, average):
    if average == "binary":
        return float(per_label[0])
    if average == "weighted":
        return float(np.average(per_label, weights=support))
    return float(np.mean(per_label))


def precision_score(y_true, y_pred, *, pos_label=1, average="binary"):
    r"""Precision :math:`tp / (tp + fp)`: of the samples predicted positive, how many are.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        ``"binary"``: the score of ``pos_label`` (the data must have at most two
        labels). ``"macro"``: unweighted mean of the per-label scores.
        ``"micro"``: from the total counts over all labels (equals accuracy for
        single-label multiclass data). ``"weighted"``: mean of the per-label scores
        weighted by each label's support (number of true samples).

    Returns
    -------
    float

    Notes
    -----
    Zero division: a label that is never predicted (tp + fp = 0) has precision 0.0,
    silently. scikit-learn gives the same 0.0 but warns (``UndefinedMetricWarning``)
    unless ``zero_division=0.0`` is passed.
    """
    tp, fp, fn, support = _prf(y_true, y_pred, pos_label, average)
    if average == "micro":
        return float(_safe_divide(tp.sum(), tp.sum() + fp.sum()))
    return _average(_safe_divide(tp, tp + fp), support, average)


def recall_score(y_true, y_pred, *, pos_label=1, average="binary"):
    r"""Recall :math:`tp / (tp + fn)`: of the positive samples, how many were found.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        How to combine the per-label scores; see :func:`precision_score`.

    Returns
    -------
    float

    Notes
    -----
    Zero division: a label absent from ``y_true`` (tp + fn = 0) has recall 0.0,
    silently. scikit-learn gives the same 0.0 but warns (``UndefinedMetricWarning``)
    unless ``zero_division=0.0`` is passed.
    """
    tp, fp, fn, support = _prf(y_true, y_pred, pos_label, average)
    if average == "micro":
        return float(_safe_divide(tp.sum(), tp.sum() + fn.sum()))
    return _average(_safe_divide(tp, tp + fn), support, average)


def f1_score(y_true, y_pred, *, pos_label=1, average="binary"):
    r"""F1, the harmonic mean of precision and recall: :math:`2tp / (2tp + fp + fn)`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    pos_label : int, float, bool or str, default 1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        How to combine the per-label scores; see :func:`precision_score`.

    Returns
    -------
    float

    Notes
    -----
    Zero division: a label absent from both ``y_true`` and ``y_pred``
    (tp + fp + fn = 0) has F1 0.0, silently. scikit-learn gives the same 0.0 but
    warns (``UndefinedMetricWarning``) unless ``zero_division=0.0`` is passed.
    """
    tp, fp, fn, support = _prf(y_true, y_pred, pos_label, average)
    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
        return float(_safe_divide(2 * tp, 2 * tp + fp + fn))
    return _average(_safe_divide(2 * tp, 2 * tp + fp + fn), support, average)


def log_loss(y_true, y_pred, *, eps=None, labels=None):
    r"""Cross-entropy :math:`-\frac1n\sum_i \sum_k [y_i = k] \log p_{ik}`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,) or (n_samples, n_classes)
        Predicted probabilities. 1-D: the probability of the positive class, i.e.
        the larger of the two labels (binary only). 2-D: one column per label, in
        the sorted order of the labels; each row must sum to 1. scikit-learn calls
        this argument ``y_pred``.
    eps : float, default None
        Probabilities are clipped to ``[eps, 1 - eps]`` so that a confident wrong
        prediction costs ``-log(eps)`` (about 36) rather than infinity. ``None``
        means ``np.finfo(float).eps``, the value scikit-learn uses.
    labels : array-like, default None
        All the labels, when ``y_true`` does not contain every class (for example a
        small test set). By default the labels found in ``y_true``.

    Returns
    -------
    float

    Notes
    -----
    Rows of ``y_pred`` that do not sum to 1 (relative tolerance
    ``sqrt(finfo(float).eps)``) raise a ``ValueError``; scikit-learn only warns.
    """
    y_true = _check_labels(y_true, "y_true")
    y_pred = check_array(y_pred, ensure_2d=False, name="y_pred", min_samples=0)
    if y_pred.ndim > 2:
        raise ValueError(f"y_pred must be 1-D or 2-D, got shape {y_pred.shape}.")
    _check_consistent(y_true, y_pred, "y_true", "y_pred")
    if eps is None:
        eps = np.finfo(np.float64).eps
    if not (isinstance(eps, (float, int, np.floating)) and 0 < eps < 0.5):
        raise ValueError(f"eps must be a float in (0, 0.5), got {eps!r}.")
    if y_pred.max() > 1 or y_pred.min() < 0:
        raise ValueError("y_pred must contain probabilities in [0, 1]; got values in "
                         f"[{y_pred.min()}, {y_pred.max()}].")
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
    if y_pred.ndim == 1 or y_pred.shape[1] == 1:
        p = y_pred.reshape(-1)
        y_pred = np.column_stack([1 - p, p])
    if y_pred.shape[1] != len(classes):
        raise ValueError(f"y_pred has {y_pred.shape[1]} columns but there are "
                         f"{len(classes)} labels {classes.tolist()}; pass labels=... if "
                         "y_true does not contain every class.")
    if not np.allclose(y_pred.sum(axis=1), 1, rtol=np.sqrt(np.finfo(np.float64).eps)):
        raise ValueError("The rows of y_pred do not sum to one; pass probabilities.")
    # Only the probability of the true class enters the loss, so pick it out instead
    # of multiplying a one-hot matrix by log(p) (which would compute 0 * log 0).
    p_true = y_pred[np.arange(len(y_true)), _encode(y_true, classes)]
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
