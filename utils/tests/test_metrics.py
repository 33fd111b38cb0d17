"""Tests for utils.metrics: agreement with scikit-learn, edge cases, bad input."""
import numpy as np
import pytest
from sklearn import metrics as skm

from utils import metrics as M

RTOL = 1e-12


# ------------------------------------------------------------------------ regression

@pytest.mark.parametrize("seed", range(5))
def test_regression_metrics_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 200))
    y = rng.normal(size=n) * 10
    p = y + rng.normal(size=n)
    for ours, theirs in [(M.mean_squared_error, skm.mean_squared_error),
                         (M.root_mean_squared_error, skm.root_mean_squared_error),
                         (M.mean_absolute_error, skm.mean_absolute_error),
                         (M.r2_score, skm.r2_score)]:
        np.testing.assert_allclose(ours(y, p), theirs(y, p), rtol=RTOL)
        assert isinstance(ours(y, p), float)


def test_regression_known_values():
    y, p = [1.0, 2.0, 3.0], [1.0, 2.0, 5.0]
    assert M.mean_squared_error(y, p) == pytest.approx(4 / 3)
    assert M.root_mean_squared_error(y, p) == pytest.approx(np.sqrt(4 / 3))
    assert M.mean_absolute_error(y, p) == pytest.approx(2 / 3)
    assert M.r2_score(y, p) == pytest.approx(1 - 4 / 2)
    assert M.r2_score(y, y) == 1.0
    assert M.r2_score(y, [2.0, 2.0, 2.0]) == 0.0   # predicting the mean


def test_r2_constant_y_true_follows_sklearn():
    y = np.full(5, 3.0)
    assert M.r2_score(y, y) == skm.r2_score(y, y) == 1.0
    p = y + [0, 0, 1, 0, 0]
    assert M.r2_score(y, p) == skm.r2_score(y, p) == 0.0


def test_regression_column_vector_is_flattened():
    y = np.arange(5.0)
    assert M.mean_squared_error(y, y.reshape(-1, 1) + 1) == 1.0


@pytest.mark.parametrize("y, p, match", [
    ([1.0, 2.0], [1.0], "different lengths"),
    ([], [], "empty"),
    ([1.0, np.nan], [1.0, 2.0], "NaN"),
    ([1.0, 2.0], [1.0, np.inf], "NaN or infinity"),
    (np.ones((2, 2)), np.ones((2, 2)), "1-D"),
    (["a", "b"], [1.0, 2.0], "numbers"),
])
def test_regression_bad_input(y, p, match):
    for f in (M.mean_squared_error, M.root_mean_squared_error, M.mean_absolute_error,
              M.r2_score):
        with pytest.raises(ValueError, match=match):
            f(y, p)


def test_r2_needs_two_samples():
    with pytest.raises(ValueError, match="less than two samples"):
        M.r2_score([1.0], [1.0])


# -------------------------------------------------------------------- classification

def _random_labels(rng, n, labels):
    return rng.choice(np.asarray(labels), size=n)


LABEL_SETS = [[0, 1], [-1, 1], [0, 1, 2], [3, 5, 7, 9], ["cat", "dog"],
              ["spam", "ham", "eggs"]]


@pytest.mark.parametrize("labels", LABEL_SETS)
@pytest.mark.parametrize("seed", range(3))
def test_classification_metrics_match_sklearn(labels, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 100))
    y = _random_labels(rng, n, labels)
    p = np.where(rng.random(n) < 0.6, y, _random_labels(rng, n, labels))
    assert M.accuracy_score(y, p) == pytest.approx(skm.accuracy_score(y, p), rel=RTOL)
    np.testing.assert_array_equal(M.confusion_matrix(y, p), skm.confusion_matrix(y, p))
    averages = ["macro", "micro", "weighted"]
    kwargs = [{"average": a} for a in averages]
    if len(labels) == 2:
        kwargs += [{"pos_label": labels[1]}, {"pos_label": labels[0], "average": "binary"}]
    for kw in kwargs:
        for name in ("precision_score", "recall_score", "f1_score"):
            ours = getattr(M, name)(y, p, **kw)
            theirs = getattr(skm, name)(y, p, zero_division=0.0, **kw)
            np.testing.assert_allclose(ours, theirs, rtol=RTOL, err_msg=f"{name} {kw}")


def test_binary_known_values_and_default_pos_label():
    y = [0, 0, 1, 1, 1]
    p = [0, 1, 1, 1, 0]
    assert M.precision_score(y, p) == pytest.approx(2 / 3)
    assert M.recall_score(y, p) == pytest.approx(2 / 3)
    assert M.f1_score(y, p) == pytest.approx(2 / 3)
    np.testing.assert_array_equal(M.confusion_matrix(y, p), [[1, 1], [1, 2]])
    assert M.accuracy_score(y, p) == 0.6


def test_micro_equals_accuracy_multiclass():
    rng = np.random.default_rng(1)
    y, p = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    for f in (M.precision_score, M.recall_score, M.f1_score):
        assert f(y, p, average="micro") == pytest.approx(M.accuracy_score(y, p))


def test_zero_division_default_warns_like_sklearn():
    # No predicted positives and no true positives: precision, recall, F1 are 0/0.
    y, p = [0, 0, 0], [0, 0, 0]
    for f in (M.precision_score, M.recall_score, M.f1_score):
        with pytest.warns(M.UndefinedMetricWarning, match="ill-defined and being set to "
                          "0.0 due to no .*samples. Use `zero_division`"):
            assert f(y, p) == 0.0
        assert f(y, p, zero_division=0.0) == 0.0          # silent
        assert f(y, p, zero_division=1.0) == 1.0
        assert np.isnan(f(y, p, zero_division=np.nan))
    assert issubclass(M.UndefinedMetricWarning, UserWarning)
    # A class never predicted: its precision is 0/0 in the macro average.
    y, p = [0, 1, 2, 2], [0, 1, 1, 1]
    with pytest.warns(M.UndefinedMetricWarning, match="Precision is ill-defined and being "
                      "set to 0.0 in labels with no predicted samples"):
        ours = M.precision_score(y, p, average="macro")
    assert ours == pytest.approx(skm.precision_score(y, p, average="macro",
                                                     zero_division=0.0))
    # np.nan is left out of the mean: (1 + 1/3) / 2.
    assert M.precision_score(y, p, average="macro", zero_division=np.nan) == \
        pytest.approx(2 / 3)
    # F1 of a label predicted but never right is 0 without any warning (not 0/0).
    assert M.f1_score([0, 1], [1, 0]) == 0.0
    # The warning points at the caller's line, not into utils/metrics.py.
    with pytest.warns(M.UndefinedMetricWarning) as record:
        M.recall_score([0, 0], [0, 0])
    assert record[0].filename == __file__


def _sk_warning_messages(record):
    return [str(w.message) for w in record
            if issubclass(w.category, (skm._classification.UndefinedMetricWarning,
                                       M.UndefinedMetricWarning))]


def _compare_prf(y, p, kw):
    """Our precision/recall/F1 against scikit-learn's: value, shape and warning text."""
    import warnings
    for name in ("precision_score", "recall_score", "f1_score"):
        with warnings.catch_warnings(record=True) as ours_w:
            warnings.simplefilter("always")
            ours = getattr(M, name)(y, p, **kw)
        with warnings.catch_warnings(record=True) as theirs_w:
            warnings.simplefilter("always")
            theirs = getattr(skm, name)(y, p, **kw)
        msg = f"{name} {kw}"
        if kw.get("average", "binary") is None:
            assert isinstance(ours, np.ndarray) and ours.shape == theirs.shape, msg
        else:
            assert isinstance(ours, float), msg
        np.testing.assert_allclose(ours, theirs, rtol=RTOL, err_msg=msg)
        assert [w.category for w in ours_w] == [M.UndefinedMetricWarning] * len(ours_w)
        assert _sk_warning_messages(ours_w) == _sk_warning_messages(theirs_w), msg


@pytest.mark.parametrize("labels", LABEL_SETS)
@pytest.mark.parametrize("seed", range(3))
def test_prf_labels_average_none_and_zero_division_match_sklearn(labels, seed):
    rng = np.random.default_rng(seed)
    # Few samples for many labels, so that some labels are never predicted or absent.
    n = int(rng.integers(3, 12))
    y = _random_labels(rng, n, labels)
    p = np.where(rng.random(n) < 0.4, y, _random_labels(rng, n, labels))
    present = np.unique(np.concatenate([y, p]))
    extra = "zzz" if present.dtype.kind == "U" else 99
    # default; another order with a label absent from the data; a subset
    label_args = [None, np.append(present[::-1], extra), present[:1]]
    for lab in label_args:
        for average in [None, "macro", "micro", "weighted"]:
            for zd in ["warn", 0.0, 1.0, np.nan]:
                _compare_prf(y, p, dict(labels=lab, average=average, zero_division=zd))
    if len(present) <= 2:
        for zd in ["warn", 0.0, 1.0, np.nan]:
            _compare_prf(y, p, dict(pos_label=labels[-1], zero_division=zd))
            # labels is ignored with average="binary", in both libraries
            _compare_prf(y, p, dict(pos_label=labels[0], labels=present[:1],
                                    zero_division=zd))


def test_prf_known_per_label_values():
    y = ["a", "a", "b", "c"]
    p = ["a", "b", "b", "b"]
    np.testing.assert_allclose(M.precision_score(y, p, average=None, zero_division=0.0),
                               [1.0, 1 / 3, 0.0])
    np.testing.assert_allclose(M.recall_score(y, p, average=None), [0.5, 1.0, 0.0])
    np.testing.assert_allclose(M.f1_score(y, p, average=None, labels=["c", "a"],
                                          zero_division=0.0), [0.0, 2 / 3])
    # micro over a subset of labels is no longer accuracy: tp 1, predicted 1 (only "a")
    assert M.precision_score(y, p, labels=["a"], average="micro") == 1.0


@pytest.mark.parametrize("call, match", [
    (lambda: M.precision_score([0, 1], [0, 1], zero_division="ignore"), "zero_division must"),
    (lambda: M.recall_score([0, 1], [0, 1], zero_division=0.5), "zero_division must"),
    (lambda: M.f1_score([0, 1], [0, 1], average=None, labels=[]), "non-empty"),
    (lambda: M.f1_score([0, 1], [0, 1], average=None, labels=[1, 1]), "duplicates"),
    (lambda: M.f1_score([0, 1], [0, 1], average="macro", labels=["a"]), "Mix of label"),
    (lambda: M.f1_score([0, 1], [0, 1], average="all"), "average must be one of"),
])
def test_prf_bad_new_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("labels", LABEL_SETS)
@pytest.mark.parametrize("seed", range(3))
def test_confusion_matrix_normalize_matches_sklearn(labels, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    y = _random_labels(rng, n, labels)
    p = np.where(rng.random(n) < 0.5, y, _random_labels(rng, n, labels))
    present = np.unique(np.concatenate([y, p]))
    extra = "zzz" if present.dtype.kind == "U" else 99
    for lab in (None, present[::-1], np.append(present, extra)):  # extra: a zero row/col
        for normalize in (None, "true", "pred", "all"):
            ours = M.confusion_matrix(y, p, labels=lab, normalize=normalize)
            theirs = skm.confusion_matrix(y, p, labels=lab, normalize=normalize)
            assert ours.dtype.kind == ("i" if normalize is None else "f")
            np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0)


def test_confusion_matrix_normalize_known_values():
    y, p = [0, 0, 1, 1, 1], [0, 1, 1, 1, 0]
    np.testing.assert_allclose(M.confusion_matrix(y, p, normalize="true"),
                               [[1 / 2, 1 / 2], [1 / 3, 2 / 3]])
    np.testing.assert_allclose(M.confusion_matrix(y, p, normalize="pred"),
                               [[1 / 2, 1 / 3], [1 / 2, 2 / 3]])
    np.testing.assert_allclose(M.confusion_matrix(y, p, normalize="all"),
                               [[0.2, 0.2], [0.2, 0.4]])
    with pytest.raises(ValueError, match="normalize must be one of"):
        M.confusion_matrix(y, p, normalize="rows")


def test_perfect_and_all_wrong_predictions():
    y = np.array(["a", "b", "a", "b"])
    assert M.f1_score(y, y, pos_label="b") == 1.0
    flipped = np.where(y == "a", "b", "a")
    assert M.f1_score(y, flipped, pos_label="b") == 0.0
    assert M.accuracy_score(y, flipped) == 0.0


def test_confusion_matrix_labels_argument():
    y = ["a", "b", "c", "a"]
    p = ["a", "c", "c", "b"]
    for labels in (["c", "a", "b"], ["a", "b"], ["b", "d", "a"]):
        np.testing.assert_array_equal(M.confusion_matrix(y, p, labels=labels),
                                      skm.confusion_matrix(y, p, labels=labels))
    C = M.confusion_matrix(y, p)
    assert C.sum() == 4 and C.dtype.kind == "i"


@pytest.mark.parametrize("call, match", [
    (lambda: M.accuracy_score([0, 1], [0]), "different lengths"),
    (lambda: M.accuracy_score([], []), "empty"),
    (lambda: M.accuracy_score([0.0, np.nan], [0.0, 1.0]), "NaN"),
    (lambda: M.accuracy_score(np.array([0, None], dtype=object), [0, 1]), "missing"),
    (lambda: M.accuracy_score(np.zeros((2, 2)), np.zeros((2, 2))), "1-D"),
    (lambda: M.accuracy_score(["a", "b"], [0, 1]), "Mix of label input types"),
    (lambda: M.f1_score([0, 1, 2], [0, 1, 2]), "multiclass"),
    (lambda: M.f1_score([0, 1], [0, 1], average="samples"), "average must be one of"),
    (lambda: M.precision_score(["a", "b"], ["a", "b"]), "pos_label=1 is not a valid"),
    (lambda: M.recall_score([0, 2], [0, 2], pos_label=1), "pos_label=1 is not a valid"),
    (lambda: M.confusion_matrix([0, 1], [0, 1], labels=[]), "non-empty"),
    (lambda: M.confusion_matrix([0, 1], [0, 1], labels=[0, 0]), "duplicates"),
    (lambda: M.confusion_matrix([0, 1], [0, 1], labels=[5, 6]), "At least one label"),
])
def test_classification_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --------------------------------------------------------------------------- log loss

@pytest.mark.parametrize("seed", range(5))
def test_log_loss_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = 80
    # binary, 1-D probability of the positive class
    y = rng.integers(0, 2, n)
    p = rng.random(n)
    p[:3] = [0.0, 1.0, 1.0]  # extreme values exercise the clipping
    np.testing.assert_allclose(M.log_loss(y, p), skm.log_loss(y, p), rtol=RTOL)
    # multiclass with string labels, 2-D probabilities
    labels = np.array(["x", "y", "z"])
    y = labels[rng.integers(0, 3, n)]
    P = rng.dirichlet(np.ones(3), size=n)
    np.testing.assert_allclose(M.log_loss(y, P), skm.log_loss(y, P), rtol=RTOL)
    # a small test set missing a class
    y_small = np.array(["x", "y", "x"])
    np.testing.assert_allclose(M.log_loss(y_small, P[:3], labels=labels),
                               skm.log_loss(y_small, P[:3], labels=labels), rtol=RTOL)


def test_log_loss_known_values_and_clipping():
    assert M.log_loss([0, 1], [0.5, 0.5]) == pytest.approx(np.log(2))
    # A confident wrong answer is capped at -log(eps), never infinite.
    assert M.log_loss([0, 1], [1.0, 0.0]) == pytest.approx(-np.log(np.finfo(float).eps))
    assert M.log_loss([0, 1], [0.0, 1.0]) == pytest.approx(np.finfo(float).eps, abs=1e-15)
    # float32 probabilities are clipped at float32's eps, as in scikit-learn
    p32 = np.array([1.0, 0.0], dtype=np.float32)
    assert M.log_loss([0, 1], p32) == pytest.approx(-np.log(np.finfo(np.float32).eps))
    np.testing.assert_allclose(M.log_loss([0, 1], p32), skm.log_loss([0, 1], p32), rtol=1e-6)


def test_log_loss_has_sklearns_signature():
    import inspect
    ours = inspect.signature(M.log_loss).parameters
    assert "eps" not in ours and list(ours)[:2] == ["y_true", "y_proba"]
    assert "y_proba" in inspect.signature(skm.log_loss).parameters
    with pytest.raises(TypeError, match="eps"):
        M.log_loss([0, 1], [0.5, 0.5], eps=1e-3)
    assert M.log_loss(y_true=[0, 1], y_proba=[0.2, 0.6]) == pytest.approx(
        skm.log_loss([0, 1], [0.2, 0.6]), rel=RTOL)


@pytest.mark.parametrize("seed", range(3))
def test_log_loss_float32_rows_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, 50)
    P = rng.dirichlet(np.ones(3), size=50).astype(np.float32)
    P[0] = [1.0, 0.0, 0.0]
    y[0] = 2                      # a confident wrong answer: clipped at float32's eps
    np.testing.assert_allclose(M.log_loss(y, P), skm.log_loss(y, P), rtol=1e-6)


@pytest.mark.parametrize("args, kwargs, match", [
    (([0, 1], [0.5]), {}, "different lengths"),
    (([0, 1], [0.5, np.nan]), {}, "NaN"),
    (([0, 1], [0.5, 1.5]), {}, r"\[0, 1\]"),
    (([1, 1], [0.5, 0.5]), {}, "only one label"),
    (([0, 1, 2], np.full((3, 2), 0.5)), {}, "3 labels"),
    (([0, 1], [[0.5, 0.2], [0.5, 0.5]]), {}, "sum to one"),
    (([0, 3], [0.5, 0.5]), {"labels": [0, 1]}, "not in labels"),
    (([0, 0], [0.5, 0.5]), {"labels": [0]}, "at least two"),
    (([0, 1], np.full((2, 2, 1), 0.5)), {}, "1-D or 2-D"),
])
def test_log_loss_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        M.log_loss(*args, **kwargs)


# ------------------------------------------------------------------------ ROC and AUC

@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("decimals", [None, 1, 0])
def test_roc_curve_and_auc_match_sklearn(seed, decimals):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 300))
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    score = rng.normal(size=n) + y
    if decimals is not None:
        score = np.round(score, decimals)   # many ties
    ours, theirs = M.roc_curve(y, score), skm.roc_curve(y, score)
    for a, b in zip(ours, theirs):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=RTOL)
    assert ours[2][0] == np.inf
    np.testing.assert_allclose(M.roc_auc_score(y, score), skm.roc_auc_score(y, score),
                               rtol=RTOL)


def test_auc_equals_rank_statistic_with_ties():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 200)
    s = rng.integers(0, 5, 200).astype(float)
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    expected = (np.sum(diff > 0) + 0.5 * np.sum(diff == 0)) / diff.size
    assert M.roc_auc_score(y, s) == pytest.approx(expected, rel=1e-12)


def test_roc_known_cases():
    assert M.roc_auc_score([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert M.roc_auc_score([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0
    assert M.roc_auc_score([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5
    fpr, tpr, thr = M.roc_curve([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5])
    np.testing.assert_array_equal(fpr, [0, 1])
    np.testing.assert_array_equal(tpr, [0, 1])


def test_roc_string_labels_and_pos_label():
    y = np.array(["neg", "pos", "pos", "neg", "pos"])
    s = np.array([0.1, 0.7, 0.4, 0.5, 0.9])
    for a, b in zip(M.roc_curve(y, s, pos_label="pos"), skm.roc_curve(y, s, pos_label="pos")):
        np.testing.assert_allclose(a, b, rtol=RTOL)
    np.testing.assert_allclose(M.roc_auc_score(y, s), skm.roc_auc_score(y, s), rtol=RTOL)
    y_pm = np.where(y == "pos", 1, -1)
    for a, b in zip(M.roc_curve(y_pm, s), skm.roc_curve(y_pm, s)):
        np.testing.assert_allclose(a, b, rtol=RTOL)


@pytest.mark.parametrize("call, match", [
    (lambda: M.roc_curve([0, 1], [0.5]), "different lengths"),
    (lambda: M.roc_curve([0, 1], [0.5, np.nan]), "NaN"),
    (lambda: M.roc_curve([0, 1, 2], [0.1, 0.2, 0.3]), "binary"),
    (lambda: M.roc_curve(["a", "b"], [0.1, 0.2]), "pass pos_label"),
    (lambda: M.roc_curve([1, 1], [0.1, 0.2]), "only one class"),
    (lambda: M.roc_curve([0, 1], np.ones((2, 2))), "1-D"),
    (lambda: M.roc_auc_score([1, 1], [0.1, 0.2]), "Only one class"),
    (lambda: M.roc_auc_score([0, 1, 2], [0.1, 0.2, 0.3]), "binary only"),
    (lambda: M.roc_auc_score([], []), "empty"),
])
def test_roc_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ------------------------------------------------------------------------ silhouette

@pytest.mark.parametrize("seed", range(4))
def test_silhouette_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(10, 200)), int(rng.integers(2, 6))
    X = rng.normal(size=(n, 3)) + rng.integers(0, 3, size=(n, 1))
    labels = rng.integers(0, k, n)
    labels[:k] = np.arange(k)
    labels[-1] = k + 10   # a singleton cluster: s = 0
    ours = M.silhouette_samples(X, labels)
    np.testing.assert_allclose(ours, skm.silhouette_samples(X, labels), rtol=1e-10,
                               atol=1e-12)
    assert ours[-1] == 0.0
    np.testing.assert_allclose(M.silhouette_score(X, labels),
                               skm.silhouette_score(X, labels), rtol=1e-10)


def test_silhouette_string_labels_duplicates_and_chunks(monkeypatch):
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(30, 2)), rng.normal(size=(30, 2)) + 4, np.zeros((3, 2))])
    labels = np.array(["a"] * 30 + ["b"] * 30 + ["c"] * 3)
    expected = skm.silhouette_samples(X, labels)
    np.testing.assert_allclose(M.silhouette_samples(X, labels), expected, rtol=1e-10,
                               atol=1e-12)
    # Tiny chunks (a few rows at a time) give the same answer.
    monkeypatch.setattr(M, "_CHUNK_BYTES", 8 * 63 * 4)
    np.testing.assert_allclose(M.silhouette_samples(X, labels), expected, rtol=1e-10,
                               atol=1e-12)


def test_silhouette_well_separated_clusters_near_one():
    X = np.array([[0.0], [0.1], [10.0], [10.1]])
    s = M.silhouette_samples(X, [0, 0, 1, 1])
    assert np.all(s > 0.98)


@pytest.mark.parametrize("call, match", [
    (lambda: M.silhouette_score(np.zeros((4, 2)), [0, 0, 0, 0]), "Number of labels is 1"),
    (lambda: M.silhouette_score(np.zeros((3, 2)), [0, 1, 2]), "Number of labels is 3"),
    (lambda: M.silhouette_score(np.zeros((4, 2)), [0, 1, 0]), "different lengths"),
    (lambda: M.silhouette_score(np.zeros(4), [0, 1, 0, 1]), "2-D"),
    (lambda: M.silhouette_score([[0.0], [np.nan], [1.0]], [0, 1, 1]), "NaN"),
    (lambda: M.silhouette_score(np.eye(3), [0, 1, 1], metric="cosine"), "euclidean"),
    (lambda: M.silhouette_samples(np.zeros((0, 2)), []), "at least 1"),
])
def test_silhouette_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
