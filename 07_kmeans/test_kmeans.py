"""Tests for kmeans.py: known answers, scikit-learn agreement, invariants, bad input."""
import inspect

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from threadpoolctl import threadpool_limits

import kmeans as km
from kmeans import (KMeans, assign_labels, augmented_centers, best_candidate, cluster_means,
                    cluster_sums, d2_sample, kmeans_plusplus, lloyd, nearest_centers,
                    one_hot_sums, spherical_centers, squared_distances)
from utils.data import load_iris, make_blobs
from utils.testing import check_bad_input
from utils.validation import ConvergenceWarning


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    # scikit-learn's OpenMP threads are many times slower on a busy 2-core machine, and
    # one thread gives exactly the same results.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)[0]


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(n_samples=600, centers=5, cluster_std=1.5, random_state=0)[0]


@pytest.fixture(scope="module")
def blobs8():
    return make_blobs(n_samples=800, centers=8, n_features=3, random_state=1)[0]


def random_rows(X, k, seed):
    return X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)]


def inertia_of(X, centers, labels):
    return float(((X - centers[labels]) ** 2).sum())


# --- building blocks ----------------------------------------------------------------------

def test_squared_distances_match_broadcasting():
    rng = np.random.default_rng(0)
    X, C = rng.normal(size=(50, 3)), rng.normal(size=(4, 3))
    direct = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    np.testing.assert_allclose(squared_distances(X, C), direct, rtol=1e-12, atol=1e-12)
    # A point on a centre: exactly 0 after clipping, never negative.
    D = squared_distances(X + 1e4, X[:4] + 1e4)
    assert D.min() >= 0 and np.all(D[np.arange(4), np.arange(4)] < 1e-6)


def test_assign_labels_known_answer_and_ties():
    X = np.array([[0.0], [0.9], [1.0], [5.0], [2.0]])
    C = np.array([[0.0], [2.0], [5.0]])
    labels = assign_labels(X, C)
    np.testing.assert_array_equal(labels, [0, 0, 0, 2, 1])  # 1.0 is a tie: lowest index
    X_ones = np.hstack([X, np.ones((5, 1))])
    np.testing.assert_array_equal(assign_labels(X, C, X_ones), labels)
    # sums in the first column, sizes in the last
    np.testing.assert_allclose(cluster_sums(X_ones, labels, 3), [[1.9, 3], [2.0, 1], [5.0, 1]])


def test_assign_labels_and_sums_in_small_chunks(monkeypatch, blobs):
    C = random_rows(blobs, 5, 1)
    X_ones = np.hstack([blobs, np.ones((len(blobs), 1))])
    full = assign_labels(blobs, C)
    sums = cluster_sums(X_ones, full, 5)
    monkeypatch.setattr(km, "_CHUNK_FLOPS", 1)
    monkeypatch.setattr(km, "_CHUNK_BYTES", 8 * 5 * 7)  # 7 rows per chunk
    assert km._chunk_rows(2, 5) == 7
    chunked = assign_labels(blobs, C)
    np.testing.assert_array_equal(chunked, full)
    np.testing.assert_allclose(cluster_sums(X_ones, full, 5), sums, rtol=1e-12)
    np.testing.assert_array_equal(chunked, squared_distances(blobs, C).argmin(axis=1))
    for j in range(5):
        np.testing.assert_allclose(sums[j, :2], blobs[full == j].sum(axis=0), rtol=1e-12)
        assert sums[j, 2] == np.sum(full == j)


def test_kmeans_plusplus_follows_d2_sampling():
    # With one trial, P(first = i) = 1/3 and P(second = j | first = i) = D_ij^2 / sum_l D_il^2.
    X = np.array([[0.0], [1.0], [3.0]])
    D2 = (X - X.T) ** 2
    expected = D2 / D2.sum(axis=1, keepdims=True) / 3
    counts = np.zeros((3, 3))
    n_draws = 3000
    for seed in range(n_draws):
        _, idx = kmeans_plusplus(X, 2, random_state=seed, n_local_trials=1)
        counts[idx[0], idx[1]] += 1
    freq = counts / n_draws
    sd = np.sqrt(expected * (1 - expected) / n_draws)
    assert np.all(np.abs(freq - expected) <= 4 * sd + 1e-12)


def test_kmeans_plusplus_never_picks_a_point_twice():
    # Five copies of one point and one other point: D^2 is zero on the chosen copies.
    X = np.array([[0.0, 0.0]] * 5 + [[3.0, 4.0]])
    for seed in range(20):
        centers, idx = kmeans_plusplus(X, 2, random_state=seed)
        assert len({tuple(c) for c in centers}) == 2
        np.testing.assert_array_equal(centers, X[idx])
    # Only two distinct points for three centres: D^2 is then zero everywhere; it still
    # returns three rows, covering both distinct points.
    centers, _ = kmeans_plusplus(X, 3, random_state=0)
    assert {tuple(c) for c in centers} == {(0.0, 0.0), (3.0, 4.0)}


# --- known answers --------------------------------------------------------------------------

def test_two_obvious_groups():
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    model = KMeans(n_clusters=2, random_state=0).fit(X)
    np.testing.assert_allclose(np.sort(model.cluster_centers_[:, 0]), [0.5, 10.5])
    assert model.inertia_ == pytest.approx(1.0)
    assert model.labels_[0] == model.labels_[1] != model.labels_[2] == model.labels_[3]


def test_one_cluster_is_the_mean_and_n_clusters_is_zero_inertia(iris):
    one = KMeans(n_clusters=1, random_state=0).fit(iris)
    np.testing.assert_allclose(one.cluster_centers_[0], iris.mean(axis=0))
    assert one.inertia_ == pytest.approx(((iris - iris.mean(axis=0)) ** 2).sum())
    X = np.random.default_rng(0).normal(size=(6, 2))
    every = KMeans(n_clusters=6, n_init=1, random_state=0).fit(X)
    assert every.inertia_ == pytest.approx(0.0, abs=1e-12)
    assert sorted(every.labels_) == list(range(6))


def test_result_is_a_fixed_point_of_lloyd(blobs):
    model = KMeans(n_clusters=5, tol=0, random_state=0).fit(blobs)
    labels, C = model.labels_, model.cluster_centers_
    np.testing.assert_array_equal(labels, squared_distances(blobs, C).argmin(axis=1))
    for j in range(5):
        np.testing.assert_allclose(C[j], blobs[labels == j].mean(axis=0), atol=1e-12)
    assert model.inertia_ == pytest.approx(inertia_of(blobs, C, labels), rel=1e-12)


# --- scikit-learn ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("k", [3, 5, 8])
@pytest.mark.parametrize("data", ["iris", "blobs"])
def test_same_start_same_result_as_sklearn_lloyd(request, data, k, seed):
    X = request.getfixturevalue(data)
    init = random_rows(X, k, seed)
    ours = KMeans(n_clusters=k, init=init, n_init=1).fit(X)
    ref = SkKMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=0, atol=1e-8)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=1e-10)
    if data == "blobs":
        # iris is measured to 0.1 cm, so a sample can be exactly halfway between two
        # centres; rounding then breaks the tie differently in one intermediate step.
        assert ours.n_iter_ == ref.n_iter_


@pytest.mark.parametrize("tol", [0.0, 1e-4, 1e-2, 0.3])
def test_stopping_rule_is_sklearns(blobs, tol):
    init = random_rows(blobs, 8, 3)
    ours = KMeans(n_clusters=8, init=init, tol=tol).fit(blobs)
    ref = SkKMeans(n_clusters=8, init=init, n_init=1, tol=tol).fit(blobs)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, atol=1e-8)


def test_larger_tol_stops_earlier(blobs):
    init = random_rows(blobs, 8, 3)
    iters = [KMeans(n_clusters=8, init=init, tol=t).fit(blobs).n_iter_ for t in [0, 1e-2, 1]]
    assert iters[0] >= iters[1] >= iters[2] and iters[0] > iters[2]


@pytest.mark.parametrize("data, k", [("iris", 2), ("iris", 3), ("iris", 4), ("iris", 5),
                                     ("blobs", 3), ("blobs", 4), ("blobs", 5), ("blobs8", 8)])
def test_kmeans_plusplus_inertia_within_one_percent_of_sklearn(request, data, k):
    # k at most the number of groups in the data: with more, many local minima are about
    # equally good and which one a run ends in is a matter of the random numbers.
    X = request.getfixturevalue(data)
    ours = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    ref = SkKMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    assert abs(ours.inertia_ - ref.inertia_) <= 0.01 * ref.inertia_


def test_empty_cluster_matches_sklearn_relocation(blobs):
    init = np.vstack([random_rows(blobs, 3, 0), [[100.0, 100.0]]])  # far from every point
    ours = KMeans(n_clusters=4, init=init).fit(blobs)
    ref = SkKMeans(n_clusters=4, init=init, n_init=1).fit(blobs)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, atol=1e-8)


# --- invariants ----------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::utils.validation.ConvergenceWarning")  # short runs
@pytest.mark.parametrize("metric", ["euclidean", "cosine"])
def test_inertia_never_increases(blobs, metric):
    X = blobs + 20.0  # away from the origin, so that directions differ for cosine too
    init = random_rows(X, 8, 5)
    history = [KMeans(n_clusters=8, init=init, max_iter=t, tol=0, metric=metric).fit(X)
               for t in range(1, 40)]
    inertias = np.array([m.inertia_ for m in history])
    assert np.all(np.diff(inertias) <= 1e-9 * inertias[0])
    assert inertias[-1] < inertias[0]
    assert history[-1].n_iter_ < 39  # converged on the way


def test_empty_cluster_recovers_and_inertia_does_not_increase():
    X = make_blobs(n_samples=90, centers=3, random_state=1)[0]
    init = np.array([X[0], X[1], [500.0, 500.0]])
    start = inertia_of(X, init, squared_distances(X, init).argmin(axis=1))
    with pytest.warns(ConvergenceWarning, match="max_iter=1 iterations"):
        one = KMeans(n_clusters=3, init=init, max_iter=1).fit(X)
    assert not one.converged_
    assert np.all(np.isfinite(one.cluster_centers_))
    assert np.linalg.norm(one.cluster_centers_[2]) < 100  # re-seeded on a data point
    assert one.inertia_ <= start
    final = KMeans(n_clusters=3, init=init).fit(X)
    assert np.bincount(final.labels_, minlength=3).min() > 0


def test_fewer_distinct_points_than_clusters():
    # As scikit-learn: the centres are duplicated and a ConvergenceWarning says so.
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]] * 4)
    for init in ["k-means++", "random"]:
        with pytest.warns(ConvergenceWarning, match=r"distinct clusters \(3\) found smaller "
                                                    r"than n_clusters \(5\)"):
            model = KMeans(n_clusters=5, init=init, random_state=0).fit(X)
        assert np.all(np.isfinite(model.cluster_centers_))
        assert model.inertia_ == pytest.approx(0.0, abs=1e-12)
        assert len(np.unique(model.labels_)) == 3


def test_predict_transform_score(blobs):
    model = KMeans(n_clusters=5, random_state=0).fit(blobs)
    D = model.transform(blobs[:20])
    direct = np.sqrt(((blobs[:20, None] - model.cluster_centers_[None]) ** 2).sum(axis=2))
    np.testing.assert_allclose(D, direct, atol=1e-10)
    np.testing.assert_array_equal(model.predict(blobs), model.labels_)
    np.testing.assert_array_equal(model.predict(blobs[:20]), D.argmin(axis=1))
    assert model.score(blobs) == pytest.approx(-model.inertia_, rel=1e-12)
    np.testing.assert_array_equal(KMeans(n_clusters=5, random_state=0).fit_predict(blobs),
                                  model.labels_)
    assert KMeans(n_clusters=5, random_state=0).fit_transform(blobs).shape == (600, 5)


def test_large_offset_loses_no_digits(blobs):
    # Around 1e9 the expanded distance of uncentred data is off by hundreds; fit centres X.
    far = blobs + 1e9
    near = KMeans(n_clusters=5, random_state=0).fit(blobs)
    model = KMeans(n_clusters=5, random_state=0).fit(far)
    np.testing.assert_array_equal(model.labels_, near.labels_)
    np.testing.assert_allclose(model.cluster_centers_ - 1e9, near.cluster_centers_, atol=1e-5)
    np.testing.assert_array_equal(model.predict(far), model.labels_)
    assert model.score(far) == pytest.approx(-model.inertia_, rel=1e-6)
    np.testing.assert_allclose(model.transform(far[:10]), near.transform(blobs[:10]), atol=1e-5)


def test_random_init_and_restarts(blobs):
    single = [KMeans(n_clusters=8, init="random", n_init=1, random_state=s).fit(blobs).inertia_
              for s in range(10)]
    best = KMeans(n_clusters=8, init="random", n_init=10, random_state=0).fit(blobs)
    assert best.inertia_ <= np.median(single)
    assert len(set(np.round(single, 6))) > 1  # different starts reach different minima


def test_same_partition():
    a = np.array([0, 0, 1, 2, 2])
    assert km._same_partition(a, np.array([2, 2, 0, 1, 1]))
    assert not km._same_partition(a, np.array([2, 2, 0, 0, 1]))
    assert not km._same_partition(a, np.array([0, 0, 1, 1, 1]))
    assert not km._same_partition(np.array([0, 0, 1, 1, 1]), a)


def test_determinism(blobs):
    for init in ["k-means++", "random"]:
        a = KMeans(n_clusters=6, init=init, n_init=3, random_state=7).fit(blobs)
        b = KMeans(n_clusters=6, init=init, n_init=3, random_state=7).fit(blobs)
        np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
        np.testing.assert_array_equal(a.labels_, b.labels_)
    g1, g2 = np.random.default_rng(3), np.random.default_rng(3)
    c = KMeans(n_clusters=6, n_init=1, random_state=g1).fit(blobs)
    d = KMeans(n_clusters=6, n_init=1, random_state=g2).fit(blobs)
    np.testing.assert_array_equal(c.labels_, d.labels_)


# --- spherical k-means ----------------------------------------------------------------------

def test_cosine_groups_by_direction_not_length():
    rng = np.random.default_rng(0)
    angles = np.r_[rng.normal(0.2, 0.05, 30), rng.normal(1.3, 0.05, 30)]
    radii = rng.uniform(0.1, 50.0, 60)  # lengths vary a lot: Euclidean k-means splits by them
    X = radii[:, None] * np.column_stack([np.cos(angles), np.sin(angles)])
    model = KMeans(n_clusters=2, metric="cosine", random_state=0).fit(X)
    assert len(set(model.labels_[:30])) == 1 and len(set(model.labels_[30:])) == 1
    assert model.labels_[0] != model.labels_[30]
    np.testing.assert_allclose(np.linalg.norm(model.cluster_centers_, axis=1), 1.0)
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    cos = np.sum(unit * model.cluster_centers_[model.labels_], axis=1)
    assert model.inertia_ == pytest.approx(np.sum(1 - cos), rel=1e-10)
    assert model.score(X) == pytest.approx(-model.inertia_, rel=1e-10)
    np.testing.assert_allclose(model.transform(X[:5]), 1 - unit[:5] @ model.cluster_centers_.T,
                               atol=1e-12)
    # Scaling a sample changes nothing.
    np.testing.assert_array_equal(model.predict(X * 7.5), model.labels_)
    # The centre of each cluster is its normalised mean direction.
    for j in range(2):
        s = unit[model.labels_ == j].sum(axis=0)
        np.testing.assert_allclose(model.cluster_centers_[j], s / np.linalg.norm(s), atol=1e-12)


def test_cosine_rejects_zero_rows():
    X = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="row of zeros"):
        KMeans(n_clusters=2, metric="cosine").fit(X)
    model = KMeans(n_clusters=2, metric="cosine", random_state=0).fit(X[[0, 2]])
    with pytest.raises(ValueError, match="row of zeros"):
        model.predict(X)


def test_lloyd_function_matches_estimator(iris):
    init = random_rows(iris, 3, 0)
    Xc = iris - iris.mean(axis=0)
    centers, labels, inertia, n_iter, converged = lloyd(Xc, init - iris.mean(axis=0), tol=0)
    model = KMeans(n_clusters=3, init=init, tol=0).fit(iris)
    np.testing.assert_array_equal(labels, model.labels_)
    np.testing.assert_allclose(centers + iris.mean(axis=0), model.cluster_centers_, atol=1e-12)
    assert inertia == pytest.approx(model.inertia_) and n_iter == model.n_iter_
    assert converged and model.converged_


def test_not_converged_warns_and_sets_flag(blobs):
    init = random_rows(blobs, 8, 3)
    with pytest.warns(ConvergenceWarning, match="KMeans stopped after max_iter=2 iterations"):
        model = KMeans(n_clusters=8, init=init, max_iter=2, tol=0).fit(blobs)
    assert not model.converged_ and model.n_iter_ == 2
    # The iteration that meets the rule is not a failure, even if it is the last allowed one.
    n = KMeans(n_clusters=8, init=init, tol=0).fit(blobs).n_iter_
    assert KMeans(n_clusters=8, init=init, max_iter=n, tol=0).fit(blobs).converged_


def test_spherical_zero_sum_cluster_keeps_its_centre():
    # The first assignment gives cluster 0 the samples [1, 0] and [-1, 0] (ties go to the
    # lowest index): their unit vectors sum to zero, so (14) is undefined; the old centre
    # is kept. (Before the fix it became the zero vector, which scores every sample 0.)
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    init = np.array([[0.0, -1.0], [0.0, 1.0]])
    with pytest.warns(ConvergenceWarning):
        one = KMeans(n_clusters=2, init=init, metric="cosine", max_iter=1).fit(X)
    np.testing.assert_allclose(one.cluster_centers_[0], [0.0, -1.0])
    model = KMeans(n_clusters=2, init=init, metric="cosine").fit(X)
    np.testing.assert_array_equal(model.labels_, [1, 0, 1, 1])
    np.testing.assert_allclose(model.cluster_centers_[0], [-1.0, 0.0])
    np.testing.assert_allclose(np.linalg.norm(model.cluster_centers_, axis=1), 1.0)
    np.testing.assert_array_equal(model.transform(X).argmin(axis=1), model.labels_)
    np.testing.assert_array_equal(model.predict(X), model.labels_)
    assert model.inertia_ == pytest.approx(-model.score(X))


def test_n_init_auto_is_sklearns(blobs):
    # "auto": one run for k-means++, ten for random starts (scikit-learn >= 1.4).
    for init, runs in [("k-means++", 1), ("random", 10)]:
        auto = KMeans(n_clusters=5, init=init, random_state=3).fit(blobs)
        explicit = KMeans(n_clusters=5, init=init, n_init=runs, random_state=3).fit(blobs)
        np.testing.assert_array_equal(auto.cluster_centers_, explicit.cluster_centers_)


def test_defaults_are_sklearns():
    # "Swap one import": every parameter both classes have has scikit-learn's default. (The
    # predictions differ: our random numbers are not scikit-learn's, so the table says "no".)
    ours = inspect.signature(KMeans).parameters
    theirs = inspect.signature(SkKMeans).parameters
    shared = set(ours) & set(theirs)
    assert shared == set(ours) - {"metric"}
    assert {p: ours[p].default for p in shared} == {p: theirs[p].default for p in shared}


# --- plumbing and bad input ---------------------------------------------------------------

def test_params_and_repr():
    model = KMeans(n_clusters=3, metric="cosine")
    assert model.get_params()["n_clusters"] == 3
    assert repr(model) == "KMeans(metric='cosine', n_clusters=3)"


X_OK = make_blobs(n_samples=20, centers=2, random_state=0)[0]


def test_bad_input():
    check_bad_input(KMeans, X_OK, kind="unsupervised", params={"n_clusters": 2},
                    methods=("predict", "transform", "score"))


def test_huge_values_are_refused_before_they_overflow(blobs):
    with pytest.raises(ValueError, match="would overflow float64.*Scale the features"):
        KMeans(n_clusters=3).fit(blobs * 1e160)
    assert np.isfinite(KMeans(n_clusters=3, random_state=0).fit(blobs * 1e140).inertia_)


def test_more_clusters_than_samples():
    with pytest.raises(ValueError, match="n_samples=3 should be >= n_clusters=4"):
        KMeans(n_clusters=4).fit(X_OK[:3])
    with pytest.raises(ValueError, match="n_clusters must be <= 3"):
        kmeans_plusplus(X_OK[:3], 4)


@pytest.mark.parametrize("params, match", [
    (dict(n_clusters=0), "n_clusters must be >= 1"),
    (dict(n_clusters=2.5), "n_clusters must be of type Integral"),
    (dict(n_init=0), "n_init must be >= 1"),
    (dict(n_init="many"), 'n_init must be "auto" or an int'),
    (dict(max_iter=0), "max_iter must be >= 1"),
    (dict(tol=-1.0), "tol must be >= 0"),
    (dict(metric="manhattan"), "metric must be one of"),
    (dict(init="kmeans++"), "init must be one of"),
    (dict(init=np.zeros((3, 2))), r"init must have shape \(n_clusters, n_features\) = \(2, 2\)"),
    (dict(init=np.zeros((2, 3))), r"init must have shape"),
    (dict(init=[[0.0, np.nan], [1.0, 1.0]]), "init contains NaN"),
    (dict(random_state="seed"), "random_state must be"),
])
def test_bad_hyperparameters(params, match):
    kw = dict(n_clusters=2)
    kw.update(params)
    with pytest.raises(ValueError, match=match):
        KMeans(**kw).fit(X_OK)


def test_update_centers_mean_and_spherical():
    # Equation (5): each centre is the mean of its samples; (14) for spherical k-means.
    X = np.array([[0.0, 2.0], [2.0, 0.0], [5.0, 5.0]])
    labels = np.array([0, 0, 1])
    sums, counts = np.array([[2.0, 2.0], [5.0, 5.0]]), np.array([2.0, 1.0])
    old = np.zeros((2, 2))
    np.testing.assert_allclose(km._update_centers(X, labels, sums.copy(), counts.copy(), old,
                                                  False), [[1.0, 1.0], [5.0, 5.0]])
    np.testing.assert_allclose(km._update_centers(X, labels, sums.copy(), counts.copy(), old,
                                                  True), np.full((2, 2), 2 ** -0.5))


# --- exercise gaps (the module's BEGIN/END SOLUTION blocks, in the order a student writes) --
# Each test calls its own gap's function only, on inputs written out by hand.

def test_gap_01_squared_distances():
    X = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]])
    C = np.array([[0.0, 0.0], [3.0, 0.0]])
    D = squared_distances(X, C)
    assert D.shape == (3, 2), f"D must have shape (n, k) = (3, 2), got {np.shape(D)}"
    np.testing.assert_allclose(D, [[0.0, 9.0], [25.0, 16.0], [2.0, 5.0]], atol=1e-12,
                               err_msg="equation (9): D[i, j] must be ||x_i - mu_j||^2")
    # Norms passed in must be used as given (here deliberately off by one for every sample).
    np.testing.assert_allclose(
        squared_distances(X, C, x_sq_norms=np.array([1.0, 26.0, 3.0])),
        [[1.0, 10.0], [26.0, 17.0], [3.0, 6.0]], atol=1e-12,
        err_msg="equation (9): use x_sq_norms and c_sq_norms when they are passed in")
    # 0.5 - 2 + 1 < 0: what rounding does to a sample on a centre. Clipped at 0.
    D = squared_distances(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]),
                          x_sq_norms=np.array([0.5]))
    assert D[0, 0] == 0.0, f"a negative D must be clipped at 0, got {D[0, 0]}"


def test_gap_02_augmented_centers():
    C = np.array([[1.0, 2.0], [0.0, -3.0]])
    A = augmented_centers(C)
    assert np.shape(A) == (2, 3), f"must have shape (k, d + 1) = (2, 3), got {np.shape(A)}"
    np.testing.assert_allclose(A, [[-2.0, -4.0, 5.0], [0.0, 6.0, 9.0]],
                               err_msg="row j must be (-2 mu_j, ||mu_j||^2): equation (9) "
                                       "without ||x_i||^2")


def test_gap_03_nearest_centers():
    # Centres (0, 0) and (4, 4), written as [-2M | ||mu||^2]; samples with a 1 appended.
    C_ones = np.array([[0.0, 0.0, 0.0], [-8.0, -8.0, 32.0]])
    X_ones = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 1.0], [4.0, 4.0, 1.0], [2.0, 2.0, 1.0]])
    labels = nearest_centers(X_ones, C_ones)
    assert np.shape(labels) == (4,), f"labels must have shape (m,) = (4,), got {labels!r}"
    assert np.issubdtype(np.asarray(labels).dtype, np.integer), "labels must be integers"
    np.testing.assert_array_equal(labels, [0, 0, 1, 0], err_msg=(
        "equation (3): the index of the smallest X_ones @ C_ones.T in each row; (2, 2) is "
        "as far from both centres and goes to the lowest index, 0"))
    # Three centres (0, 0), (4, 4), (-3, 0) in one dimension more: each sample's nearest.
    C_ones = np.array([[0.0, 0.0, 0.0], [-8.0, -8.0, 32.0], [6.0, 0.0, 9.0]])
    X_ones = np.array([[-2.0, 0.5, 1.0], [3.0, 2.0, 1.0], [0.5, -0.5, 1.0]])
    np.testing.assert_array_equal(nearest_centers(X_ones, C_ones), [2, 1, 0],
                                  err_msg="equation (3) with three centres")


def test_gap_04_one_hot_sums():
    X_ones = np.array([[1.0, 2.0, 1.0], [3.0, 4.0, 1.0], [5.0, 6.0, 1.0]])
    sums = one_hot_sums(X_ones, np.array([2, 0, 2]), 3)
    assert np.shape(sums) == (3, 3), f"must have shape (k, d + 1) = (3, 3), got {np.shape(sums)}"
    np.testing.assert_allclose(sums, [[3.0, 4.0, 1.0], [0.0, 0.0, 0.0], [6.0, 8.0, 2.0]],
                               err_msg="Z^T [X | 1]: row j sums the samples of cluster j (zeros "
                                       "for an empty cluster); the last column counts them")
    # k comes from the argument, not from the labels: the last cluster may be empty too.
    np.testing.assert_allclose(one_hot_sums(X_ones, np.array([1, 0, 1]), 3),
                               [[3.0, 4.0, 1.0], [6.0, 8.0, 2.0], [0.0, 0.0, 0.0]],
                               err_msg="k rows whatever the labels: cluster 2 is empty here")


def test_gap_05_cluster_means():
    sums = np.array([[2.0, 2.0], [5.0, 5.0], [3.0, -6.0]])
    counts = np.array([2.0, 1.0, 3.0])
    centers = cluster_means(sums, counts)
    assert np.shape(centers) == (3, 2), f"must have shape (k, d) = (3, 2), got {np.shape(centers)}"
    np.testing.assert_allclose(centers, [[1.0, 1.0], [5.0, 5.0], [1.0, -2.0]],
                               err_msg="equation (5): row j must be sums[j] / counts[j]")


def test_gap_06_spherical_centers():
    means = np.array([[3.0, 4.0], [0.0, 0.0], [0.0, -0.5]])
    old = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    means_before, old_before = means.copy(), old.copy()
    centers = spherical_centers(means, old)
    assert np.shape(centers) == (3, 2), f"must have shape (k, d) = (3, 2), got {np.shape(centers)}"
    np.testing.assert_allclose(centers[[0, 2]], [[0.6, 0.8], [0.0, -1.0]], err_msg=(
        "equation (14): each mean divided by its length"))
    np.testing.assert_array_equal(centers[1], [0.0, 1.0], err_msg=(
        "a mean of length 0 has no direction: that cluster keeps its old centre"))
    np.testing.assert_array_equal(means, means_before, err_msg="means must not be modified")
    np.testing.assert_array_equal(old, old_before, err_msg="old_centers must not be modified")


def test_gap_07_d2_sample():
    closest = np.array([0.0, 1.0, 0.0, 3.0])  # D^2: the cumulative sums are 0, 1, 1, 4
    u = np.array([0.0, 0.2, 0.25, 0.3, 0.999])  # u * 4 = 0, 0.8, 1, 1.2, 3.996
    picked = d2_sample(closest, u)
    assert np.shape(picked) == (5,), f"one index per u: shape (5,), got {np.shape(picked)}"
    np.testing.assert_array_equal(picked, [1, 1, 3, 3, 3], err_msg=(
        "equation (11) by inverse CDF: the smallest i whose cumulative sum of D^2 exceeds "
        "u * sum(D^2); a point with D = 0 is never drawn"))
    grid = (np.arange(1000) + 0.5) / 1000  # evenly spread u: the frequencies are exact
    freq = np.bincount(d2_sample(closest, grid), minlength=4) / 1000
    np.testing.assert_allclose(freq, [0.0, 0.25, 0.0, 0.75], err_msg=(
        "equation (11): index i must come out with probability D_i^2 / sum(D^2)"))
    np.testing.assert_array_equal(d2_sample(np.zeros(3), np.array([0.5])), [2], err_msg=(
        "when every D is 0 the index is clipped to n - 1"))


def test_gap_08_best_candidate():
    closest = np.array([4.0, 1.0, 9.0, 0.0])
    D_cand = np.array([[0.0, 4.0, 1.0, 5.0],    # would leave D^2 = 0, 1, 1, 0: sum 2
                       [9.0, 0.0, 0.0, 1.0]])   # would leave D^2 = 4, 0, 0, 0: sum 4
    best, new_closest = best_candidate(D_cand.copy(), closest.copy())
    assert best == 0, (f"candidate 0 lowers sum D^2 to 2 and candidate 1 to 4: best must be "
                       f"0, got {best}")
    assert np.shape(new_closest) == (4,), (f"new_closest must have shape (n,) = (4,), got "
                                           f"{np.shape(new_closest)}")
    np.testing.assert_allclose(new_closest, [0.0, 1.0, 1.0, 0.0], err_msg=(
        "D(x_i)^2 once the best candidate is a centre: min(closest, D_cand[best])"))
    best, _ = best_candidate(np.array([[1.0, 1.0, 9.0, 0.0], [2.0, 0.0, 9.0, 0.0]]), closest)
    assert best == 0, f"a tie (both leave sum D^2 = 11) goes to the lowest candidate, got {best}"
