"""k-means clustering: Lloyd's algorithm, k-means++ seeding and spherical k-means.

Everything here follows chapter 07's notebook, where each formula is derived and checked.
"""
import numbers
import warnings

import numpy as np

from utils.base import BaseEstimator, TransformerMixin
from utils.validation import (ConvergenceWarning, check_array, check_predict_input,
                              check_random_state, check_scalar, warn_not_converged)

INITS = ("k-means++", "random")
METRICS = ("euclidean", "cosine")
# Rows per chunk in assign_labels: about _CHUNK_FLOPS / (d k), so that each matrix product
# is small enough for OpenBLAS to run it on one thread (on a busy 2-core machine its threads
# made these thin products 3-5 times slower), at least 256 rows (Python overhead), and at
# most _CHUNK_BYTES of float64 scratch.
_CHUNK_FLOPS = 2 ** 18
_CHUNK_BYTES = 2 ** 24


def _chunk_rows(d, k):
    return max(1, min(_CHUNK_BYTES // (8 * k), max(256, _CHUNK_FLOPS // (d * k))))


def _sq_norms(X):
    return np.einsum("ij,ij->i", X, X)


def squared_distances(X, centers, x_sq_norms=None, c_sq_norms=None):
    r"""All squared Euclidean distances :math:`D_{ij} = \lVert x_i - \mu_j\rVert^2`, by (9).

    Expanded as :math:`\lVert x_i\rVert^2 - 2 x_i^\top\mu_j + \lVert\mu_j\rVert^2`: one matrix
    product instead of an (n, k, d) array of differences. Rounding can make an entry slightly
    negative (a sample on a centre); entries are clipped at 0.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    centers : ndarray of shape (k, d)
    x_sq_norms, c_sq_norms : ndarray of shape (n,) and (k,), optional
        The squared row norms :math:`\lVert x_i\rVert^2` and :math:`\lVert\mu_j\rVert^2`, when
        they are already known (computed here otherwise).

    Returns
    -------
    D : ndarray of shape (n, k), every entry >= 0
    """
    if x_sq_norms is None:
        x_sq_norms = _sq_norms(X)
    if c_sq_norms is None:
        c_sq_norms = _sq_norms(centers)
    ### BEGIN SOLUTION (gap 01)
    D = X @ centers.T
    D *= -2
    D += x_sq_norms[:, None]
    D += c_sq_norms[None, :]
    np.maximum(D, 0, out=D)
    return D
    ### END SOLUTION (gap 01)


def augmented_centers(centers):
    r"""The matrix :math:`[-2M \mid \mathbf s_M]` that turns the assignment into one product.

    Row j is :math:`(-2\mu_j^\top,\ \lVert\mu_j\rVert^2)`. Row i of :math:`[X \mid \mathbf 1]`
    (a sample with a 1 appended) times row j of this matrix is then
    :math:`\lVert\mu_j\rVert^2 - 2x_i^\top\mu_j`: the squared distance (9) without
    :math:`\lVert x_i\rVert^2`, which is the same for every centre and so cannot change
    which centre is nearest.

    Parameters
    ----------
    centers : ndarray of shape (k, d)

    Returns
    -------
    C_ones : ndarray of shape (k, d + 1)
    """
    ### BEGIN SOLUTION (gap 02)
    return np.hstack([-2.0 * centers, _sq_norms(centers)[:, None]])
    ### END SOLUTION (gap 02)


def nearest_centers(X_ones, C_ones):
    r"""The assignment step (3) for a block of samples: the index of the nearest centre.

    Parameters
    ----------
    X_ones : ndarray of shape (m, d + 1)
        The samples with a 1 appended, :math:`[X \mid \mathbf 1]`.
    C_ones : ndarray of shape (k, d + 1)
        ``augmented_centers(centers)``.

    Returns
    -------
    labels : ndarray of shape (m,), integers in 0 .. k - 1
        For each row i, the j that minimises :math:`\lVert\mu_j\rVert^2 - 2x_i^\top\mu_j`
        (row i of ``X_ones`` times row j of ``C_ones``); a tie goes to the lowest j.
    """
    ### BEGIN SOLUTION (gap 03)
    return np.argmin(X_ones @ C_ones.T, axis=1)
    ### END SOLUTION (gap 03)


def assign_labels(X, centers, X_ones=None):
    r"""Index of the nearest centre for every row of ``X`` (ties go to the lowest index).

    ``nearest_centers`` with ``augmented_centers``, one chunk of rows at a time (see
    ``_chunk_rows``) so the scratch memory stays bounded. Pass ``X_ones`` (X with a column of
    ones appended) when calling repeatedly on the same X.
    """
    n, d = X.shape
    if X_ones is None:
        X_ones = np.hstack([X, np.ones((n, 1))])
    C_ones = augmented_centers(centers)
    chunk = _chunk_rows(d + 1, len(centers))
    labels = np.empty(n, dtype=np.intp)
    for lo in range(0, n, chunk):
        labels[lo:lo + chunk] = nearest_centers(X_ones[lo:lo + chunk], C_ones)
    return labels


def one_hot_sums(X_ones, labels, k):
    r"""The sums and sizes of the clusters of a block of samples: :math:`Z^\top[X \mid \mathbf 1]`.

    :math:`Z` is the one-hot assignment matrix, :math:`Z_{ij} = 1` if sample i is in cluster j
    and 0 otherwise; the product gives the sums :math:`\mathbf s_j` and the sizes
    :math:`n_j` of equation (5) in one matrix product.

    Parameters
    ----------
    X_ones : ndarray of shape (m, d + 1)
        The samples with a 1 appended, :math:`[X \mid \mathbf 1]`.
    labels : ndarray of shape (m,), integers in 0 .. k - 1
    k : int
        The number of clusters.

    Returns
    -------
    sums : ndarray of shape (k, d + 1)
        Row j is the sum of the rows of ``X_ones`` whose label is j (zeros if there are
        none); its last column is the number of those rows.
    """
    ### BEGIN SOLUTION (gap 04)
    Z = np.zeros((len(labels), k))
    Z[np.arange(len(labels)), labels] = 1.0
    return Z.T @ X_ones
    ### END SOLUTION (gap 04)


def cluster_sums(X_ones, labels, k):
    r"""Per-cluster sums of the rows of ``X_ones`` (X with a column of ones), shape (k, d + 1).

    The last column holds the cluster sizes: ``one_hot_sums`` added up over chunks of rows,
    so the one-hot matrix never has more than a chunk of rows.
    """
    chunk = _chunk_rows(X_ones.shape[1], k)
    sums = np.zeros((k, X_ones.shape[1]))
    for lo in range(0, len(labels), chunk):
        sums += one_hot_sums(X_ones[lo:lo + chunk], labels[lo:lo + chunk], k)
    return sums


def cluster_means(sums, counts):
    r"""The update step (5): every centre moves to the mean of its samples.

    Parameters
    ----------
    sums : ndarray of shape (k, d)
        Row j is :math:`\mathbf s_j`, the sum of the samples of cluster j.
    counts : ndarray of shape (k,)
        :math:`n_j`, the number of samples of cluster j; every one > 0 (the caller deals
        with empty clusters first).

    Returns
    -------
    centers : ndarray of shape (k, d)
        Row j is :math:`\mathbf s_j / n_j`.
    """
    ### BEGIN SOLUTION (gap 05)
    return sums / counts[:, None]
    ### END SOLUTION (gap 05)


def spherical_centers(means, old_centers):
    r"""The update step of spherical k-means (14): each mean scaled to unit length.

    :math:`\bar x_j / \lVert\bar x_j\rVert` points the same way as :math:`\mathbf s_j`. A mean
    of exactly zero (unit vectors that cancel) has no direction, and every unit vector is then
    an equally good centre: that cluster keeps its old centre.

    Parameters
    ----------
    means : ndarray of shape (k, d)
        The cluster means of unit-length samples (``cluster_means``).
    old_centers : ndarray of shape (k, d)
        The current centres, unit vectors.

    Returns
    -------
    centers : ndarray of shape (k, d)
        Unit vectors; a new array (neither argument is modified).
    """
    ### BEGIN SOLUTION (gap 06)
    lengths = np.linalg.norm(means, axis=1)
    ok = lengths > 0
    centers = old_centers.copy()
    centers[ok] = means[ok] / lengths[ok, None]
    return centers
    ### END SOLUTION (gap 06)


def d2_sample(closest, u):
    r"""Draw sample indices by :math:`D^2` sampling (11), one per number of ``u``.

    Inverse-CDF sampling: the cumulative sums :math:`F_i = \sum_{l \le i} D(x_l)^2` cut
    :math:`[0, F_n)` into pieces of lengths :math:`D(x_i)^2`; the number :math:`u F_n` falls in
    piece i, so index i comes out with probability (11). A point with :math:`D = 0` has an
    empty piece and is never drawn.

    Parameters
    ----------
    closest : ndarray of shape (n,)
        :math:`D(x_i)^2 \ge 0`, the squared distance of each sample to its nearest centre so far.
    u : ndarray of shape (m,)
        Uniform random numbers in [0, 1).

    Returns
    -------
    indices : ndarray of shape (m,), integers in 0 .. n - 1
        The smallest i with :math:`F_i > u F_n` (``searchsorted`` with ``side="right"``),
        clipped to n - 1 for the case where :math:`u F_n` rounds up to :math:`F_n` (or every
        :math:`D` is 0).
    """
    ### BEGIN SOLUTION (gap 07)
    cdf = np.cumsum(closest)
    picked = np.searchsorted(cdf, u * cdf[-1], side="right")
    return np.minimum(picked, len(closest) - 1)
    ### END SOLUTION (gap 07)


def best_candidate(D_cand, closest):
    r"""The greedy choice of k-means++: the candidate that lowers :math:`\sum_i D(x_i)^2` most.

    If candidate c becomes a centre, each sample's :math:`D(x_i)^2` becomes the smaller of its
    current value and its squared distance to c.

    Parameters
    ----------
    D_cand : ndarray of shape (m, n)
        Squared distances from each of m candidates to each of the n samples. It may be
        overwritten (the caller does not use it again), which saves a copy of m x n numbers.
    closest : ndarray of shape (n,)
        :math:`D(x_i)^2`, the squared distance of each sample to its nearest centre so far.

    Returns
    -------
    best : int in 0 .. m - 1
        The candidate c with the smallest sum over i of ``min(closest[i], D_cand[c, i])``
        (ties to the lowest c).
    new_closest : ndarray of shape (n,)
        :math:`D(x_i)^2` once candidate ``best`` is a centre.
    """
    ### BEGIN SOLUTION (gap 08)
    np.minimum(D_cand, closest, out=D_cand)  # row c: D^2 if candidate c were added
    best = int(np.argmin(D_cand.sum(axis=1)))
    return best, D_cand[best]
    ### END SOLUTION (gap 08)


def kmeans_plusplus(X, n_clusters, random_state=None, n_local_trials=None):
    r"""Choose ``n_clusters`` rows of ``X`` as starting centres by (greedy) D² sampling.

    The first centre is a uniformly random row. Each next one is drawn with probability
    :math:`D(x_i)^2 / \sum_l D(x_l)^2` (equation (11), ``d2_sample``), where :math:`D(x)` is the
    distance to the closest centre chosen so far. The greedy variant (scikit-learn's) draws
    ``n_local_trials`` candidates this way and keeps the one that lowers
    :math:`\sum_i D(x_i)^2` most (``best_candidate``); ``n_local_trials=1`` is the original
    k-means++ of Arthur and Vassilvitskii (2007).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int, 1 <= n_clusters <= n_samples
    random_state : None, int or numpy.random.Generator
    n_local_trials : int >= 1 or None
        None means ``2 + int(log(n_clusters))``.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        The rows of ``X`` chosen.
    """
    X = check_array(X)
    check_scalar(n_clusters, "n_clusters", kind=numbers.Integral, min_val=1,
                 max_val=X.shape[0])
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    check_scalar(n_local_trials, "n_local_trials", kind=numbers.Integral, min_val=1)
    rng = check_random_state(random_state)
    n = X.shape[0]
    x_sq = _sq_norms(X)
    indices = np.empty(n_clusters, dtype=np.intp)
    indices[0] = rng.integers(n)
    closest = squared_distances(X[indices[:1]], X, x_sq[indices[:1]], x_sq)[0]
    closest[indices[0]] = 0.0  # exactly, whatever the rounding of the expanded formula
    for c in range(1, n_clusters):
        candidates = d2_sample(closest, rng.uniform(size=n_local_trials))
        D_cand = squared_distances(X[candidates], X, x_sq[candidates], x_sq)
        best, closest = best_candidate(D_cand, closest)
        indices[c] = candidates[best]
        closest[indices[c]] = 0.0
    return X[indices].copy(), indices


def _update_centers(X, labels, sums, counts, old_centers, spherical):
    """New centres from the per-cluster sums; empty clusters are re-seeded (see KMeans)."""
    empty = np.flatnonzero(counts == 0)
    dist = _sq_norms(X - old_centers[labels]) if empty.size else None
    if empty.size and dist.max() > 0:
        # The samples farthest from their centre move to the empty clusters, one each.
        far = np.argsort(-dist, kind="stable")[:empty.size]
        for j, i in zip(empty, far):
            sums[labels[i]] -= X[i]
            counts[labels[i]] -= 1
            sums[j], counts[j] = X[i], 1
    filled = counts > 0
    centers = np.empty_like(sums)
    centers[filled] = cluster_means(sums[filled], counts[filled])
    centers[~filled] = centers[np.argmax(counts)]  # nothing to re-seed with: duplicate points
    if spherical:
        # (14) needs s_k != 0; a cluster whose unit vectors sum to exactly zero keeps its old
        # centre, so the objective does not change and the centres stay unit vectors.
        centers = spherical_centers(centers, old_centers)
    return centers


def lloyd(X, centers, max_iter=300, tol=0.0, spherical=False):
    r"""Run Lloyd's algorithm from ``centers``; returns centers, labels, inertia, n_iter,
    converged.

    One iteration assigns every sample to its nearest centre and moves every centre to
    the mean of its samples (normalised to unit length if ``spherical``). It stops when
    the labels did not change, when :math:`\sum_j\lVert\mu_j^{new} - \mu_j\rVert^2 \le`
    ``tol`` (an absolute tolerance here; KMeans scales it), or after ``max_iter``
    iterations; then the labels are those of the final centres. The inertia is
    :math:`\sum_i\lVert x_i - \mu_{c_i}\rVert^2`, computed directly (not expanded), or
    :math:`\sum_i (1 - x_i^\top\mu_{c_i})` if ``spherical`` (rows of X of unit length).

    ``converged`` is False when the loop ran ``max_iter`` iterations without meeting either
    stopping rule.

    The per-cluster sums are kept from one iteration to the next and corrected for the
    samples whose label changed, which after the first few iterations are few: a sample
    that moves from cluster a to cluster b is subtracted from the sums of a and added to
    those of b, which gives exactly the sums :math:`Z^\top[X \mid \mathbf 1]` of the new
    labels (an optimisation, not part of the algorithm: recomputing the sums every time
    gives the same centres up to rounding).
    """
    n, d = X.shape
    k = len(centers)
    X_ones = np.hstack([X, np.ones((n, 1))])
    labels_old, strict, converged = None, False, False
    for n_iter in range(1, max_iter + 1):
        labels = assign_labels(X, centers, X_ones)
        moved = None if labels_old is None else np.flatnonzero(labels != labels_old)
        if moved is None or 3 * len(moved) > n:
            sums = cluster_sums(X_ones, labels, k)
        elif len(moved):
            sums += (cluster_sums(X_ones[moved], labels[moved], k)
                     - cluster_sums(X_ones[moved], labels_old[moved], k))
        new = _update_centers(X, labels, sums[:, :d].copy(), sums[:, d].copy(), centers,
                              spherical)
        shift = float(((new - centers) ** 2).sum())
        centers = new
        if moved is not None and len(moved) == 0:
            strict = converged = True  # same partition, so the centres did not move either
            break
        if shift <= tol:
            converged = True
            break
        labels_old = labels
    if not strict:
        labels = assign_labels(X, centers, X_ones)
    return centers, labels, _objective(X, centers, labels, spherical), n_iter, converged


def _objective(X, centers, labels, spherical):
    """The inertia of KMeans's docstring for (already normalised, if spherical) X."""
    if spherical:
        cos = np.einsum("ij,ij->i", X, centers[labels])
        return float(np.maximum(1.0 - cos, 0.0).sum())
    diff = X - centers[labels]
    return float(np.einsum("ij,ij->", diff, diff))


def _same_partition(labels_a, labels_b):
    """Whether two labelings group the samples the same way, up to renumbering."""
    k = max(labels_a.max(), labels_b.max()) + 1
    a_to_b, b_to_a = np.full(k, -1), np.full(k, -1)
    a_to_b[labels_a], b_to_a[labels_b] = labels_b, labels_a
    return bool(np.array_equal(a_to_b[labels_a], labels_b)
                and np.array_equal(b_to_a[labels_b], labels_a))


def _normalize_rows(X, name="X"):
    norms = np.linalg.norm(X, axis=1)
    if np.any(norms == 0):
        raise ValueError(f"{name} has a row of zeros (row {int(np.argmin(norms))}); the "
                         "cosine metric needs every sample to have a non-zero length.")
    return X / norms[:, None]


class KMeans(TransformerMixin, BaseEstimator):
    r"""k-means clustering by Lloyd's algorithm, with k-means++ seeding and restarts.

    With ``metric="euclidean"`` it minimises the inertia (a sum, not a mean)

    .. math:: J(\mu_1,\dots,\mu_k) = \sum_{i=1}^n \min_{j} \lVert x_i - \mu_j\rVert_2^2 .

    With ``metric="cosine"`` (spherical k-means) every sample is first scaled to unit
    length, the centres are kept at unit length, and it minimises the sum of cosine
    distances :math:`\sum_i \min_j (1 - x_i^\top\mu_j / \lVert x_i\rVert)`, which on the
    unit sphere is half the squared Euclidean inertia.

    Parameters
    ----------
    n_clusters : int >= 1, default 8
        The number of clusters k; at most the number of samples.
    init : "k-means++", "random" or array of shape (n_clusters, n_features)
        "k-means++": greedy D² sampling (``kmeans_plusplus``); "random": k distinct rows
        chosen uniformly; an array: these starting centres (then one run: ``n_init`` is
        ignored, as nothing would differ between runs).
    n_init : "auto" or int >= 1, default "auto"
        Runs from different starts; the run with the lowest inertia is kept. ``"auto"``
        (scikit-learn's default) means 1 run with ``init="k-means++"`` and 10 with
        ``init="random"``. A later run replaces the kept one only if its inertia is lower
        and its partition differs (the same partition numbered differently can differ in
        inertia by rounding alone).
    max_iter : int >= 1, default 300
        Maximum number of Lloyd iterations per run. A kept run that stops here without
        meeting the stopping rule emits a ``ConvergenceWarning`` (``converged_`` is False).
    tol : float >= 0, default 1e-4
        Relative tolerance of the stopping rule (Notes).
    metric : {"euclidean", "cosine"}, default "euclidean"
        Not a scikit-learn parameter: ``"cosine"`` is spherical k-means (the lesson of the
        chapter's last experiment); the default is scikit-learn's k-means.
    random_state : None, int or numpy.random.Generator
        One generator, made at fit, draws the starts of all runs in turn.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Unit vectors when ``metric="cosine"``.
    labels_ : ndarray of shape (n_samples,)
        The cluster of each training sample, 0 to k - 1.
    inertia_ : float
        The objective above at the returned centres and labels.
    n_iter_ : int
        Lloyd iterations of the kept run.
    converged_ : bool
        Whether the kept run met the stopping rule before ``max_iter``.
    n_features_in_ : int

    Notes
    -----
    One Lloyd iteration assigns each sample to its nearest centre (ties to the lowest
    index), computing the n x k squared distances as
    :math:`\lVert x\rVert^2 - 2x^\top\mu + \lVert\mu\rVert^2` (one matrix product, in chunks
    of rows so the scratch memory stays bounded), then moves each centre to the mean of
    its samples (the per-cluster sums are updated with only the samples that changed
    cluster, once fewer than a third did). Stopping rule (scikit-learn's): after an
    iteration, stop if no label changed, or if
    :math:`\sum_j\lVert\mu_j^{new} - \mu_j^{old}\rVert^2 \le \mathrm{tol}
    \cdot \frac1d\sum_f \mathrm{Var}(X_{:,f})` (the squared shift, against tol times the
    mean feature variance); the labels are then recomputed for the final centres.
    Euclidean data are centred (the column means subtracted) while fitting, which loses
    fewer digits in the expanded distance; the centres are shifted back.

    An empty cluster is re-seeded, never left as NaN: the samples farthest from their
    current centres are moved, one per empty cluster, into the empty clusters (which
    cannot increase the inertia). Only when every sample sits exactly on a centre (fewer
    distinct points than clusters) does an empty cluster get a copy of the largest
    cluster's centre; then fewer distinct clusters than ``n_clusters`` are found, and a
    ``ConvergenceWarning`` says so, as in scikit-learn. In spherical k-means a cluster
    whose unit vectors sum to exactly zero keeps its old centre (every unit vector is then
    an equally good centre), so the centres are always unit vectors.

    Differences from ``sklearn.cluster.KMeans``: the extra ``metric``; no ``algorithm``
    ("elkan"), ``copy_x`` or ``verbose``; the random numbers (a NumPy ``Generator``) differ,
    so the same ``random_state`` gives other starts; with an array ``init`` a value of
    ``n_init`` other than 1 is ignored silently (scikit-learn warns).
    """

    def __init__(self, n_clusters=8, init="k-means++", n_init="auto", max_iter=300, tol=1e-4,
                 metric="euclidean", random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.metric = metric
        self.random_state = random_state

    def _check_params(self, X):
        n, d = X.shape
        check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, min_val=1)
        if self.n_clusters > n:
            raise ValueError(f"n_samples={n} should be >= n_clusters={self.n_clusters}: "
                             "there cannot be more clusters than samples.")
        if not (isinstance(self.n_init, str) and self.n_init == "auto"):
            if isinstance(self.n_init, str):
                raise ValueError(f'n_init must be "auto" or an int >= 1, got {self.n_init!r}')
            check_scalar(self.n_init, "n_init", kind=numbers.Integral, min_val=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", min_val=0)
        if not isinstance(self.metric, str) or self.metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}, got {self.metric!r}")
        if isinstance(self.init, str):
            if self.init not in INITS:
                raise ValueError(f"init must be one of {INITS} or an array of shape "
                                 f"(n_clusters, n_features), got {self.init!r}")
            return None
        init = check_array(self.init, name="init")
        if init.shape != (self.n_clusters, d):
            raise ValueError(f"init must have shape (n_clusters, n_features) = "
                             f"({self.n_clusters}, {d}), got {init.shape}")
        return init

    def fit(self, X, y=None):
        """Cluster ``X`` of shape (n_samples, n_features); ``y`` is ignored."""
        X = check_array(X)
        init = self._check_params(X)
        # Lloyd's algorithm has no step size and cannot diverge; the one way to a non-finite
        # inertia is overflow of the squared distances, so refuse such data up front.
        limit = np.sqrt(np.finfo(np.float64).max / (4.0 * X.size))
        if np.abs(X).max() > limit:
            raise ValueError(f"X has entries up to {np.abs(X).max():.3g} in absolute value: "
                             "the sum of squared distances would overflow float64 (inf). "
                             "Scale the features first, e.g. with "
                             "utils.preprocessing.StandardScaler.")
        rng = check_random_state(self.random_state)
        self.n_features_in_ = X.shape[1]
        spherical = self.metric == "cosine"
        if spherical:
            X = _normalize_rows(X)
            if init is not None:
                init = _normalize_rows(init, "init")
            shift = np.zeros(X.shape[1])
        else:
            shift = X.mean(axis=0)
            X = X - shift
            if init is not None:
                init = init - shift
        tol = float(self.tol) * float(np.mean(np.var(X, axis=0)))
        if init is not None:
            n_init = 1
        elif self.n_init == "auto":
            n_init = 1 if self.init == "k-means++" else 10
        else:
            n_init = self.n_init
        best = None
        for _ in range(n_init):
            if init is not None:
                start = init.copy()
            elif self.init == "random":
                start = X[rng.permutation(X.shape[0])[:self.n_clusters]]
            else:
                start = kmeans_plusplus(X, self.n_clusters, rng)[0]
            run = lloyd(X, start, self.max_iter, tol, spherical)
            # A run that finds the same partition under other numbers can have an inertia
            # lower only by rounding: keep the first, so results do not depend on rounding.
            if best is None or (run[2] < best[2] and not _same_partition(run[1], best[1])):
                best = run
        centers, self.labels_, inertia, self.n_iter_, self.converged_ = best
        self.cluster_centers_ = centers + shift
        self.inertia_ = inertia
        # predict, transform and score work in the same shifted frame, to lose no digits
        self._shift, self._centers = shift, centers
        if not self.converged_:
            warn_not_converged(self, self.max_iter, self.tol)
        n_distinct = len(np.unique(self.labels_))
        if n_distinct < self.n_clusters:
            warnings.warn(f"Number of distinct clusters ({n_distinct}) found smaller than "
                          f"n_clusters ({self.n_clusters}). Possibly due to duplicate points "
                          "in X.", ConvergenceWarning, stacklevel=2)
        return self

    def _prepare(self, X):
        X = check_predict_input(self, X, "cluster_centers_")
        return _normalize_rows(X) if self.metric == "cosine" else X - self._shift

    def predict(self, X):
        """The index of the nearest fitted centre for each row of ``X``."""
        return assign_labels(self._prepare(X), self._centers)

    def fit_predict(self, X, y=None):
        """Fit, then return ``labels_``."""
        return self.fit(X).labels_

    def transform(self, X):
        """Distances to every centre, shape (n_samples, n_clusters): Euclidean, or cosine
        distances :math:`1 - \\cos` when ``metric="cosine"``."""
        X = self._prepare(X)
        if self.metric == "cosine":
            return np.maximum(1.0 - X @ self._centers.T, 0.0)
        return np.sqrt(squared_distances(X, self._centers))

    def score(self, X, y=None):
        """Minus the objective on ``X`` (higher is better), as scikit-learn defines it."""
        X = self._prepare(X)
        labels = assign_labels(X, self._centers)
        return -_objective(X, self._centers, labels, self.metric == "cosine")
