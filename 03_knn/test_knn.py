"""Tests for knn.py: known answers, the tie rule, chunking, scikit-learn agreement, bad input.

k-NN optimises nothing, so there is no gradient to check by finite differences; the
agreement with scikit-learn is checked on the shipped iris, digits and diabetes data.
"""
import tracemalloc

import numpy as np
import pytest
from sklearn import neighbors as sk
from threadpoolctl import threadpool_limits

import knn
from knn import (KNeighborsClassifier, KNeighborsRegressor, _smallest_k, kneighbors_brute,
                 neighbor_weights, pairwise_distances)
from utils.data import load_diabetes, load_digits, load_iris, load_penguins
from utils.model_selection import train_test_split
from utils.testing import check_bad_input
from utils.validation import NotFittedError

METRICS = ["euclidean", "manhattan", "cosine"]
WEIGHTS = ["uniform", "distance"]


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """One BLAS/OpenMP thread: on a busy shared machine, spinning threads only slow down."""
    with threadpool_limits(1):
        yield


def split(X, y, seed=0):
    return train_test_split(X, y, test_size=0.3, random_state=seed)


def jittered(X, scale=1e-6, seed=1):
    """X plus a tiny noise: no two distances are exactly equal any more (see tied_rows)."""
    return X + scale * np.random.default_rng(seed).standard_normal(X.shape)


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def digits():
    return load_digits(return_X_y=True)


@pytest.fixture(scope="module")
def digits_900(digits):
    """The first 900 digits, to keep the many comparisons below fast."""
    return digits[0][:900], digits[1][:900]


def tied_rows(model, X, k):
    """Rows whose k + 1 nearest distances contain two equal values (to 1e-9 relative).

    There, which of the tied points count among the k nearest is a matter of tie-breaking:
    ours by training index, scikit-learn's by the state of its heap.
    """
    dist, _ = model.kneighbors(X, n_neighbors=k + 1)
    gaps = np.diff(dist, axis=1)
    return np.any(gaps <= 1e-9 * np.maximum(1.0, dist[:, 1:]), axis=1)


# --- distances ---------------------------------------------------------------------------

def direct_distances(X, Y, metric):
    """The definitions, by broadcasting, without the expansion."""
    diff = X[:, None, :] - Y[None, :, :]
    if metric == "euclidean":
        return np.sqrt((diff**2).sum(axis=2))
    if metric == "manhattan":
        return np.abs(diff).sum(axis=2)
    cos = (X @ Y.T) / np.outer(np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1))
    return 1.0 - cos


@pytest.mark.parametrize("metric", METRICS)
def test_pairwise_distances_match_definitions(metric):
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(7, 4)), rng.normal(size=(9, 4))
    D = pairwise_distances(X, Y, metric)
    assert D.shape == (7, 9) and np.all(D >= 0)
    np.testing.assert_allclose(D, direct_distances(X, Y, metric), rtol=1e-12, atol=1e-12)


def test_pairwise_distances_known_values():
    X, Y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[3.0, 4.0], [-2.0, 0.0]])
    np.testing.assert_allclose(pairwise_distances(X, Y, "euclidean"),
                               [[5.0, 2.0], [np.sqrt(13.0), np.sqrt(10.0)]])
    np.testing.assert_array_equal(pairwise_distances(X, Y, "manhattan"), [[7, 2], [5, 4]])
    C = pairwise_distances(np.array([[1.0, 0.0], [0.0, 0.0]]),
                           np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, 0.0]]), "cosine")
    np.testing.assert_allclose(C, [[0.0, 1.0, 2.0], [1.0, 1.0, 1.0]], atol=1e-15)  # 0 row: 1


def test_expansion_is_clipped_at_zero():
    # Large, nearly equal points: the expansion cancels catastrophically, and without the
    # clip the squared distance of a point to itself could be negative (sqrt -> NaN).
    X = 1e4 + np.random.default_rng(0).normal(size=(50, 3))
    D = pairwise_distances(X, X, "euclidean")
    assert np.all(np.isfinite(D)) and np.all(D >= 0)
    assert np.abs(np.diag(D)).max() < 1e-3
    # kneighbors puts exact matches at exactly 0 despite the residue.
    dist, ind = kneighbors_brute(X, X, 1, "euclidean")
    np.testing.assert_array_equal(dist[:, 0], 0.0)
    np.testing.assert_array_equal(ind[:, 0], np.arange(50))


@pytest.mark.parametrize("offset", [1e6, 1e7])
@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_far_from_the_origin_matches_the_broadcast_distances(offset, metric):
    # Without centring, the expansion's rounding error (about eps * ||x||^2, i.e. 1e-4 to
    # 1e-2 here) is larger than the gaps between neighbours: at 1e6, 4 % of the queries got
    # wrong neighbours, at 1e7 86 %. Centred on the training mean, none does.
    rng = np.random.default_rng(0)
    X = offset + rng.normal(size=(600, 3))
    Q = offset + rng.normal(size=(200, 3))
    D = direct_distances(Q, X, metric)
    order = np.argsort(D, axis=1, kind="stable")[:, :5]
    model = KNeighborsRegressor(n_neighbors=5, metric=metric).fit(X, rng.normal(size=600))
    dist, ind = model.kneighbors(Q)
    np.testing.assert_array_equal(ind, order)
    np.testing.assert_allclose(dist, np.take_along_axis(D, order, axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(pairwise_distances(Q, X, metric), D, rtol=0, atol=1e-9)
    # The training mean comes from the training set only: far queries stay correct.
    far = Q + 50.0
    np.testing.assert_array_equal(model.kneighbors(far)[1],
                                  np.argsort(direct_distances(far, X, metric), axis=1,
                                             kind="stable")[:, :5])


def test_training_centre_is_exact_and_only_used_far_from_the_origin(digits_900):
    # Near the origin: no shift, so the arithmetic is scikit-learn's (integer pixels here).
    np.testing.assert_array_equal(knn.training_centre(digits_900[0]), 0.0)
    # Far from it: the rows minus the centre are exact, so exact ties survive the offset.
    X = np.array([[1.0], [2.0], [-1.0], [-2.0], [1.0]])
    for offset in [1e6, 1e7, 1e12]:
        centre = knn.training_centre(X + offset)
        assert centre[0] != 0 and abs(centre[0] - offset) <= 2
        model = KNeighborsRegressor(n_neighbors=4).fit(X + offset, np.arange(5.0))
        dist, ind = model.kneighbors([[offset]])
        np.testing.assert_array_equal(ind, [[0, 2, 4, 1]])
        np.testing.assert_array_equal(dist, [[1, 1, 1, 2]])
    # A constant column far from the origin is shifted to exactly 0.
    C = np.column_stack([np.full(6, 3e8), np.arange(6.0)])
    np.testing.assert_array_equal(knn.training_centre(C), [3e8, 0.0])


# --- the selection and the tie rule ------------------------------------------------------

@pytest.mark.parametrize("m, k", [(1, 1), (5, 5), (7, 3), (64, 1), (100, 7), (1000, 13)])
def test_smallest_k_equals_a_stable_sort(m, k):
    rng = np.random.default_rng(m + k)
    for key in [rng.integers(0, 4, size=(20, m)).astype(float),  # many ties
                rng.normal(size=(20, m))]:
        dist, ind = _smallest_k(key, k, lambda v, r: v)
        order = np.argsort(key, axis=1, kind="stable")[:, :k]
        np.testing.assert_array_equal(ind, order)
        np.testing.assert_array_equal(dist, np.take_along_axis(key, order, axis=1))


def test_equal_distances_are_ordered_by_training_index():
    # Training points at distances 1, 2, 1, 2, 1 from the query 0.
    X = np.array([[1.0], [2.0], [-1.0], [-2.0], [1.0]])
    for metric in ["euclidean", "manhattan"]:
        model = KNeighborsRegressor(n_neighbors=4, metric=metric).fit(X, np.arange(5.0))
        dist, ind = model.kneighbors([[0.0]])
        np.testing.assert_array_equal(ind, [[0, 2, 4, 1]])   # at the boundary 1 beats 3
        np.testing.assert_allclose(dist, [[1, 1, 1, 2]])


def test_tied_vote_goes_to_the_smallest_label():
    X = np.array([[-1.0], [1.0], [-2.0], [2.0]])
    y = np.array(["b", "a", "b", "a"])
    model = KNeighborsClassifier(n_neighbors=2).fit(X, y)
    np.testing.assert_array_equal(model.predict_proba([[0.0]]), [[0.5, 0.5]])
    assert model.predict([[0.0]])[0] == "a"
    assert KNeighborsClassifier(4).fit(X, [3, 1, 3, 1]).predict([[0.0]])[0] == 1


def test_exact_matches_take_all_the_weight():
    X = np.array([[0.0, 0.0], [3.0, 4.0], [3.0, 4.0], [0.0, 1.0]])
    reg = KNeighborsRegressor(n_neighbors=3, weights="distance").fit(X, [10.0, 1.0, 2.0, 7.0])
    assert reg.predict([[3.0, 4.0]])[0] == 1.5          # the two matches, equally weighted
    assert reg.predict([[0.0, 0.0]])[0] == 10.0
    clf = KNeighborsClassifier(n_neighbors=4, weights="distance").fit(X, [0, 1, 1, 0])
    np.testing.assert_array_equal(clf.predict_proba([[3.0, 4.0]]), [[0.0, 1.0]])
    np.testing.assert_array_equal(neighbor_weights(np.array([[0.0, 0.0, 2.0], [1.0, 2.0, 4.0]]),
                                                   "distance"), [[1, 1, 0], [1, 0.5, 0.25]])


def test_distance_weights_known_answer():
    X = np.array([[1.0], [2.0], [4.0]])
    reg = KNeighborsRegressor(n_neighbors=3, weights="distance").fit(X, [3.0, 6.0, 12.0])
    # distances 1, 2, 4 from 0: weights 1, 1/2, 1/4
    assert reg.predict([[0.0]])[0] == pytest.approx((3 + 3 + 3) / 1.75)
    clf = KNeighborsClassifier(n_neighbors=3, weights="distance").fit(X, [0, 1, 1])
    np.testing.assert_allclose(clf.predict_proba([[0.0]]), [[1 / 1.75, 0.75 / 1.75]])
    assert clf.predict([[0.0]])[0] == 0     # the uniform vote would say 1
    assert KNeighborsClassifier(n_neighbors=3).fit(X, [0, 1, 1]).predict([[0.0]])[0] == 1


def test_tiny_known_answers():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0]])
    y = np.array([0, 0, 1, 1, 1])
    clf = KNeighborsClassifier(n_neighbors=3).fit(X, y)
    dist, ind = clf.kneighbors([[2.4], [9.0]])
    np.testing.assert_allclose(dist, [[0.4, 0.6, 1.4], [1.0, 6.0, 7.0]], atol=1e-12)
    np.testing.assert_array_equal(ind, [[2, 3, 1], [4, 3, 2]])
    np.testing.assert_array_equal(clf.predict([[2.4], [0.2]]), [1, 0])
    np.testing.assert_allclose(clf.predict_proba([[0.2]]), [[2 / 3, 1 / 3]])
    reg = KNeighborsRegressor(n_neighbors=2).fit(X, [0.0, 1.0, 4.0, 9.0, 100.0])
    np.testing.assert_allclose(reg.predict([[2.4], [8.0]]), [6.5, 54.5])


def test_kneighbors_without_X_excludes_each_point_itself(iris):
    X = jittered(iris[0])
    model = KNeighborsClassifier(n_neighbors=4).fit(X, iris[1])
    dist, ind = model.kneighbors()
    assert not np.any(ind == np.arange(len(X))[:, None])
    d5, i5 = model.kneighbors(X, n_neighbors=5)
    np.testing.assert_array_equal(i5[:, 0], np.arange(len(X)))    # itself, first, at 0
    np.testing.assert_array_equal(d5[:, 0], 0.0)
    np.testing.assert_array_equal(ind, i5[:, 1:])
    np.testing.assert_allclose(dist, d5[:, 1:])
    # With duplicated rows, X=None still returns k other points (never the point itself).
    dup = np.repeat([[0.0], [5.0]], 4, axis=0)
    _, ind = KNeighborsClassifier(2).fit(dup, [0] * 4 + [1] * 4).kneighbors()
    assert ind.shape == (8, 2) and not np.any(ind == np.arange(8)[:, None])


# --- chunking and memory -----------------------------------------------------------------

@pytest.mark.parametrize("metric", METRICS)
def test_chunked_equals_unchunked(digits, metric, monkeypatch):
    X, _ = digits           # integer pixels: many exact ties, the hard case for chunking
    Q, Y = X[:300], X[300:]
    one = kneighbors_brute(Q, Y, 7, metric)
    monkeypatch.setattr(knn, "WORKING_MEMORY", 1)
    for rows in [1, 7, 64]:
        monkeypatch.setattr(knn, "MIN_CHUNK_ROWS", rows)
        dist, ind = kneighbors_brute(Q, Y, 7, metric)
        np.testing.assert_array_equal(ind, one[1])
        np.testing.assert_allclose(dist, one[0], rtol=1e-14, atol=1e-14)
    full = pairwise_distances(Q, Y, metric)
    order = np.argsort(full, axis=1, kind="stable")[:, :7]
    np.testing.assert_array_equal(one[1], order)


def test_memory_stays_bounded(monkeypatch):
    # 4000 x 4000 float64 distances would take 128 MB; chunks of 64 rows take 2 MB.
    monkeypatch.setattr(knn, "WORKING_MEMORY", 2**20)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 3))
    model = KNeighborsRegressor(n_neighbors=3).fit(X, rng.normal(size=4000))
    tracemalloc.start()
    try:
        model.predict(X)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB"


# --- agreement with scikit-learn ---------------------------------------------------------

def pair(Estimator, k, weights, metric):
    ours = getattr(knn, Estimator)(n_neighbors=k, weights=weights, metric=metric)
    ref = getattr(sk, Estimator)(n_neighbors=k, weights=weights, metric=metric,
                                 algorithm="brute")
    return ours, ref


@pytest.mark.parametrize("dataset", ["iris", "digits_900"])
@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("weights", WEIGHTS)
@pytest.mark.parametrize("k", [1, 5, 15])
def test_identical_to_sklearn_without_ties(request, dataset, metric, weights, k):
    # A 1e-6 jitter breaks the exact ties of the raw data (see the next test); then the
    # neighbours, their order and the predictions are identical to scikit-learn's.
    X, y = request.getfixturevalue(dataset)
    X_tr, X_te, y_tr, _ = split(jittered(X), y)
    ours, ref = pair("KNeighborsClassifier", k, weights, metric)
    ours.fit(X_tr, y_tr)
    ref.fit(X_tr, y_tr)
    for Q in [X_te, None]:
        dist, ind = ours.kneighbors(Q)
        ref_dist, ref_ind = ref.kneighbors(Q)
        np.testing.assert_array_equal(ind, ref_ind)
        np.testing.assert_allclose(dist, ref_dist, rtol=1e-9, atol=1e-8)  # see pairwise
    np.testing.assert_array_equal(ours.predict(X_te), ref.predict(X_te))
    np.testing.assert_allclose(ours.predict_proba(X_te), ref.predict_proba(X_te), atol=1e-12)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("weights", WEIGHTS)
def test_regressor_identical_to_sklearn_without_ties(iris, metric, weights):
    X_tr, X_te, y_tr, _ = split(jittered(iris[0][:, :3]), iris[0][:, 3])  # petal width
    for k in [1, 5, 15]:
        ours, ref = pair("KNeighborsRegressor", k, weights, metric)
        ours.fit(X_tr, y_tr)
        ref.fit(X_tr, y_tr)
        np.testing.assert_allclose(ours.predict(X_te), ref.predict(X_te), rtol=0, atol=1e-10)


@pytest.mark.parametrize("metric", METRICS)
def test_queries_on_training_points(digits_900, metric):
    # scikit-learn leaves the rounding residue of the expansion where a query equals a
    # training point (up to ~3e-6 here); we put exact matches at 0. Same predictions.
    X, y = jittered(digits_900[0]), digits_900[1]
    ours, ref = pair("KNeighborsClassifier", 5, "distance", metric)
    ours.fit(X, y)
    ref.fit(X, y)
    dist, ind = ours.kneighbors(X)
    ref_dist, ref_ind = ref.kneighbors(X)
    np.testing.assert_array_equal(ind, ref_ind)
    np.testing.assert_array_equal(dist[:, 0], 0.0)
    np.testing.assert_allclose(dist, ref_dist, atol=1e-5)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.parametrize("dataset", ["iris", "digits"])
@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("weights", WEIGHTS)
def test_matches_sklearn_on_raw_data_up_to_ties(request, dataset, metric, weights):
    # The raw data have exact ties (duplicated iris flowers, integer pixels). The distances
    # agree everywhere; the indices and predictions on every row without a tie.
    X, y = request.getfixturevalue(dataset)
    X_tr, X_te, y_tr, _ = split(X, y)
    k = 5
    ours, ref = pair("KNeighborsClassifier", k, weights, metric)
    ours.fit(X_tr, y_tr)
    ref.fit(X_tr, y_tr)
    dist, ind = ours.kneighbors(X_te)
    ref_dist, ref_ind = ref.kneighbors(X_te)
    np.testing.assert_allclose(dist, ref_dist, rtol=1e-9, atol=1e-6)
    clean = ~tied_rows(ours, X_te, k)
    # Manhattan distances between 1-decimal iris measurements tie on nearly every row.
    assert clean.mean() > (0.01 if (dataset, metric) == ("iris", "manhattan") else 0.3)
    np.testing.assert_array_equal(ind[clean], ref_ind[clean])
    np.testing.assert_array_equal(ours.predict(X_te)[clean], ref.predict(X_te)[clean])
    np.testing.assert_allclose(ours.predict_proba(X_te)[clean],
                               ref.predict_proba(X_te)[clean], atol=1e-12)
    # Where they differ, both picked points at the same distances.
    assert np.all(np.isin(np.flatnonzero(np.any(ind != ref_ind, axis=1)),
                          np.flatnonzero(~clean)))


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("weights", WEIGHTS)
@pytest.mark.parametrize("k", [1, 5, 20])
def test_regressor_matches_sklearn_on_diabetes(metric, weights, k):
    X, y = load_diabetes(return_X_y=True)
    X_tr, X_te, y_tr, y_te = split(X, y)
    ours, ref = pair("KNeighborsRegressor", k, weights, metric)
    ours.fit(X_tr, y_tr)
    ref.fit(X_tr, y_tr)
    np.testing.assert_allclose(ours.predict(X_te), ref.predict(X_te), rtol=0, atol=1e-10)
    np.testing.assert_array_equal(ours.kneighbors(X_te)[1], ref.kneighbors(X_te)[1])
    assert ours.score(X_te, y_te) == pytest.approx(ref.score(X_te, y_te), abs=1e-12)


# --- invariants --------------------------------------------------------------------------

def test_probabilities_and_string_labels():
    X, y = load_penguins(return_X_y=True)
    model = KNeighborsClassifier(n_neighbors=7, weights="distance").fit(X, y)
    P = model.predict_proba(X[::5])
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert np.all((P >= 0) & (P <= 1))
    np.testing.assert_array_equal(model.classes_, ["Adelie", "Chinstrap", "Gentoo"])
    np.testing.assert_array_equal(model.predict(X[::5]), model.classes_[P.argmax(axis=1)])


def test_k_equal_to_n_gives_the_majority_and_the_mean(iris):
    X, y = iris
    X, y = X[:60], y[:60]     # 50 of class 0, 10 of class 1
    clf = KNeighborsClassifier(n_neighbors=60).fit(X, y)
    np.testing.assert_array_equal(clf.predict(X), 0)
    np.testing.assert_allclose(clf.predict_proba(X[:3]), [[50 / 60, 10 / 60]] * 3)
    reg = KNeighborsRegressor(n_neighbors=60).fit(X, X[:, 0])
    np.testing.assert_allclose(reg.predict(X[:4]), X[:, 0].mean())


def test_one_neighbour_memorises_the_training_set(digits):
    X, y = digits
    model = KNeighborsClassifier(n_neighbors=1).fit(X, y)
    _, first = np.unique(X, axis=0, return_index=True)   # drop duplicated images
    assert model.score(X[first], y[first]) == 1.0


def test_deterministic_and_equivariant_to_permuting_the_training_set(iris):
    X, y = jittered(iris[0]), iris[1]
    a = KNeighborsClassifier(n_neighbors=6, metric="manhattan").fit(X, y)
    b = KNeighborsClassifier(n_neighbors=6, metric="manhattan").fit(X, y)
    np.testing.assert_array_equal(a.kneighbors(X)[1], b.kneighbors(X)[1])
    perm = np.random.default_rng(0).permutation(len(X))
    c = KNeighborsClassifier(n_neighbors=6, metric="manhattan").fit(X[perm], y[perm])
    np.testing.assert_array_equal(perm[c.kneighbors(X)[1]], a.kneighbors(X)[1])
    np.testing.assert_array_equal(c.predict(X), a.predict(X))


def test_params_repr_and_column_vector_y():
    model = KNeighborsClassifier(n_neighbors=3, metric="cosine")
    assert repr(model) == "KNeighborsClassifier(metric='cosine', n_neighbors=3)"
    assert model.get_params() == {"metric": "cosine", "n_neighbors": 3, "weights": "uniform"}
    X = np.arange(10.0).reshape(5, 2)
    reg = KNeighborsRegressor(n_neighbors=2).fit(X, np.arange(5.0).reshape(-1, 1))
    assert reg.predict(X).shape == (5,)
    assert reg.n_features_in_ == 2 and reg.n_samples_fit_ == 5


# --- bad input ---------------------------------------------------------------------------

X_OK = np.random.default_rng(0).normal(size=(20, 2))
Y_OK = np.array([0, 1] * 10)
ESTIMATORS = [KNeighborsClassifier, KNeighborsRegressor]


def test_bad_input_battery():
    # The shared battery (utils.testing): bad X and y at fit, and bad X at predict time.
    check_bad_input(KNeighborsClassifier, X_OK, Y_OK, kind="classifier", min_classes=1,
                    methods=("predict", "predict_proba", "kneighbors", "score"))
    check_bad_input(KNeighborsRegressor, X_OK, X_OK[:, 0], kind="regressor",
                    methods=("predict", "kneighbors", "score"))


@pytest.mark.parametrize("Estimator", ESTIMATORS)
@pytest.mark.parametrize("params, match", [
    (dict(n_neighbors=0), "n_neighbors must be >= 1"),
    (dict(n_neighbors=2.5), "n_neighbors must be of type Integral"),
    (dict(n_neighbors=True), "n_neighbors must be of type Integral"),
    (dict(n_neighbors=21), r"n_neighbors=21 is larger than the training set \(20 samples\)"),
    (dict(weights="gaussian"), "weights must be one of"),
    (dict(metric="minkowski"), "metric must be one of"),
])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_predict_and_kneighbors_errors(Estimator):
    with pytest.raises(NotFittedError, match="not fitted"):
        Estimator().predict(X_OK)
    with pytest.raises(NotFittedError, match="not fitted"):
        Estimator().kneighbors(X_OK)
    model = Estimator().fit(X_OK, Y_OK)
    with pytest.raises(ValueError, match="X has 3 features, but .* 2 features"):
        model.predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        model.predict([[np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        model.predict(X_OK[0])
    with pytest.raises(ValueError, match=r"n_neighbors=21 is larger than the training set"):
        model.kneighbors(X_OK, n_neighbors=21)
    with pytest.raises(ValueError, match="n_neighbors must be >= 1"):
        model.kneighbors(X_OK, n_neighbors=0)
    with pytest.raises(ValueError, match="must be smaller than the training set .* own"):
        model.kneighbors(n_neighbors=20)
    assert model.kneighbors(n_neighbors=19)[1].shape == (20, 19)


def test_swap_one_import_defaults_match_sklearn(iris):
    # Defaults on both sides (scikit-learn: metric="minkowski" with p=2, the euclidean
    # distance, and algorithm="auto", which picks a tree here: exact, the same neighbours).
    X, y = jittered(iris[0]), iris[1]
    X_tr, X_te, y_tr, _ = split(X, y)
    ours, ref = KNeighborsClassifier().fit(X_tr, y_tr), sk.KNeighborsClassifier().fit(X_tr, y_tr)
    np.testing.assert_array_equal(ours.predict(X_te), ref.predict(X_te))
    np.testing.assert_allclose(ours.predict_proba(X_te), ref.predict_proba(X_te))
    t_tr, t_te = X_tr[:, 3], X_te[:, 3]
    ours = KNeighborsRegressor().fit(X_tr[:, :3], t_tr)
    ref = sk.KNeighborsRegressor().fit(X_tr[:, :3], t_tr)
    np.testing.assert_allclose(ours.predict(X_te[:, :3]), ref.predict(X_te[:, :3]), atol=1e-12)


def test_classifier_targets():
    one = KNeighborsClassifier(n_neighbors=3).fit(X_OK, np.full(20, 7))   # one class: fine
    np.testing.assert_array_equal(one.predict(X_OK[:3]), 7)
    np.testing.assert_array_equal(one.predict_proba(X_OK[:3]), 1.0)
    with pytest.raises(ValueError, match="continuous.*Use KNeighborsRegressor"):
        KNeighborsClassifier().fit(X_OK, np.linspace(0, 1, 20))
    model = KNeighborsClassifier(n_neighbors=3).fit(X_OK, Y_OK.astype(float))  # 0.0, 1.0: ok
    np.testing.assert_array_equal(model.classes_, [0.0, 1.0])


def test_kneighbors_brute_errors():
    with pytest.raises(ValueError, match="n_neighbors=4 must be >= 1 and at most"):
        kneighbors_brute(X_OK[:3], X_OK[:3], 4)
    with pytest.raises(ValueError, match="minus 1 with exclude_self"):
        kneighbors_brute(X_OK[:3], X_OK[:3], 3, exclude_self=True)
    with pytest.raises(ValueError, match="metric must be one of"):
        kneighbors_brute(X_OK, X_OK, 1, metric="l3")


def test_pairwise_distances_errors():
    with pytest.raises(ValueError, match="X has 2 features but Y has 3"):
        pairwise_distances(np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="metric must be one of"):
        pairwise_distances(np.ones((2, 2)), np.ones((2, 2)), "chebyshev")


# --- the exercise gaps, in the order a student writes them -------------------------------

@pytest.mark.parametrize("metric", METRICS)
def test_gap_01_ranking_key(metric):
    rng = np.random.default_rng(3)
    Q, Y = rng.normal(size=(6, 4)), rng.normal(size=(9, 4))
    train = knn._prepare_train(Y, metric)          # plumbing: centred / unit rows, ||y||^2
    Q_ready, q_aux = knn._prepare_query(Q, train, metric)
    key = knn._ranking_key(Q_ready, train[0], train[1], metric)
    assert np.shape(key) == (6, 9), (
        f"{metric}: the key has one row per query and one column per training point, shape "
        f"(n_queries, n_train) = (6, 9), got {np.shape(key)}")
    D = direct_distances(Q, Y, metric)
    expected, what = {
        "euclidean": (D**2 - (q_aux[:, None] if q_aux is not None else 0),
                      "equation (11): key[i, j] = ||y_j||^2 - 2 q_i.y_j (the squared distance "
                      "without ||q_i||^2)"),
        "cosine": (D - 1.0, "equation (12): key[i, j] = -q_i.y_j of the unit rows "
                            "(= cosine distance - 1)"),
        "manhattan": (D, "equation (6): key[i, j] = sum_f |q_if - y_jf|, the distance itself"),
    }[metric]
    np.testing.assert_allclose(key, expected, atol=1e-12, err_msg=f"{metric}: {what}")


def test_gap_02_neighbor_weights():
    dist = np.array([[0.5, 1.0, 4.0], [0.0, 0.0, 3.0]])
    w = neighbor_weights(dist, "uniform")
    assert np.shape(w) == (2, 3), f"one weight per neighbour, the shape of dist (2, 3), got {np.shape(w)}"
    np.testing.assert_array_equal(w, np.ones((2, 3)), err_msg='weights="uniform": every weight is 1')
    with np.errstate(all="raise"):  # the exact matches must not divide by zero
        try:
            w = neighbor_weights(dist, "distance")
        except FloatingPointError as e:
            raise AssertionError("equation (4): a distance of exactly 0 must not be divided by "
                                 f"({e})") from None
    np.testing.assert_array_equal(w[0], [2, 1, 0.25], err_msg=(
        'equation (4), weights="distance": w_j = 1 / dist_j for distances 0.5, 1, 4'))
    np.testing.assert_array_equal(w[1], [1, 1, 0], err_msg=(
        "equation (4): in a row with distances exactly 0, the exact matches get weight 1 "
        "and the others 0"))


def test_gap_03_class_votes():
    # query 0: neighbours of classes 1, 0, 0 with weights 2, 2, 1/1.5; query 1: all class 2
    w = np.array([[2.0, 2.0, 1 / 1.5], [1.0, 1.0, 1.0]])
    codes = np.array([[1, 0, 0], [2, 2, 2]])
    scores = knn.class_votes(w, codes, 4)
    assert np.shape(scores) == (2, 4), (
        f"one score per query and class, shape (n_queries, n_classes) = (2, 4), got {np.shape(scores)}")
    np.testing.assert_allclose(scores, [[2 + 1 / 1.5, 2, 0, 0], [0, 0, 3, 0]], err_msg=(
        "equation (2): scores[i, c] = sum of the weights of query i's neighbours of class c "
        "(0 for a class with no neighbour, such as class 3)"))


def test_gap_04_neighbor_mean():
    y_nb = np.array([[1.0, 2.0], [10.0, 4.0]])
    mean = knn.neighbor_mean(y_nb)
    assert np.shape(mean) == (2,), f"one prediction per query, shape (n_queries,) = (2,), got {np.shape(mean)}"
    np.testing.assert_allclose(mean, [1.5, 7.0], err_msg=(
        "equation (3) with w = None (uniform weights): the plain mean of each row"))
    w = np.array([[2.0, 2.0 / 3.0], [1.0, 0.0]])
    np.testing.assert_allclose(knn.neighbor_mean(y_nb, w), [(2 + 4 / 3) / (8 / 3), 10.0],
                               err_msg="equation (3): sum_j w_j y_j / sum_j w_j over each row")
