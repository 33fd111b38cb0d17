r"""k-nearest neighbours from scratch: brute-force search, chunked, with three metrics.

A query :math:`\mathbf x` is answered by its :math:`k` nearest training points
:math:`N_k(\mathbf x)`: a majority (or distance-weighted) vote for classification, a
(weighted) mean for regression. There is nothing to learn: ``fit`` stores the data.

The search is exact brute force, like scikit-learn's ``algorithm="brute"``, with the euclidean
distances computed by the expansion of the chapter's equation (9) around a centre close to the
training mean (:func:`training_centre`), so that data far from the origin keep their precision
(equation (10)). The queries are processed in chunks of rows, each against the whole training
set, and only the k nearest of each row are kept: the distances of a chunk take about
``WORKING_MEMORY`` bytes (at least ``MIN_CHUNK_ROWS`` rows) and ``N_THREADS`` chunks are
processed at once, so predicting 1e5 points against 1e5 never builds a 1e5 x 1e5 matrix.

Tie rule (all of it deterministic): equal distances are ordered by training index, the
smaller first, both inside the :math:`k` and at the boundary (of several points at the
:math:`k`-th distance, those with the smallest indices are kept); a tied vote goes to the
smallest class label; with ``weights="distance"``, training points at distance exactly 0
share all the weight and the others get none.
"""
import numbers
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.validation import (check_array, check_classification_targets, check_is_fitted,
                              check_predict_input, check_scalar, check_X_y)

METRICS = ("euclidean", "manhattan", "cosine")
WEIGHTS = ("uniform", "distance")
# Bytes of distances per chunk of queries. Large enough that each matrix product has a few
# hundred rows (about 400 against 1e4 training points): fewer, larger products keep the BLAS
# efficient when its threads share busy cores (8 MB chunks, about 100 rows, were 2-4 times
# slower than scikit-learn's brute force on a loaded 2-core machine; see benchmarks/).
WORKING_MEMORY = 32 * 2**20
MIN_CHUNK_ROWS = 64         # fewer rows per matrix product would waste time in the BLAS
N_THREADS = min(2, os.cpu_count() or 1)   # chunks processed at once (memory: that many chunks)
_BLOCK = 32                 # training columns per block in the candidate search


# --- distances --------------------------------------------------------------------------

def _unit_rows(A):
    """Rows scaled to unit length; a zero row stays zero (so its cosine distance is 1)."""
    norms = np.sqrt(np.einsum("ij,ij->i", A, A))
    norms[norms == 0] = 1.0
    return A / norms[:, None]


def pairwise_distances(X, Y, metric="euclidean"):
    r"""All distances :math:`D_{ij} = \operatorname{dist}(\mathbf x_i, \mathbf y_j)` (small inputs).

    - euclidean: :math:`\lVert\mathbf x - \mathbf y\rVert_2`, through the expansion
      :math:`\lVert\mathbf x\rVert^2 - 2\mathbf x^\top\mathbf y + \lVert\mathbf y\rVert^2`
      of the rows centred on :func:`training_centre` of ``Y`` (which changes no distance but
      keeps the rounding error small for data far from the origin), clipped at 0
      before the square root (rounding can make it slightly negative).
    - manhattan: :math:`\sum_j |x_j - y_j|`, summed feature by feature.
    - cosine: :math:`1 - \mathbf x^\top\mathbf y / (\lVert\mathbf x\rVert\lVert\mathbf y\rVert)`,
      clipped to :math:`[0, 2]`; a zero vector is at distance 1 from everything.

    Returns
    -------
    ndarray of shape (n_samples_X, n_samples_Y)
    """
    X, Y = check_array(X, name="X"), check_array(Y, name="Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X has {X.shape[1]} features but Y has {Y.shape[1]}.")
    _check_metric(metric)
    train = _prepare_train(Y, metric)
    Q, q_aux = _prepare_query(X, train, metric)
    key = _ranking_key(Q, train[0], train[1], metric)
    D = _key_to_distance(key, q_aux, metric, np.arange(len(X))[:, None])
    return np.sqrt(D) if metric == "euclidean" else D


def training_centre(Y):
    r"""The point the euclidean expansion is computed around: the training mean, rounded.

    Centring changes no distance, but the rounding error of the expansion grows with the
    squared norms (the chapter's equation (10)): data offset by 1e6 from the origin would get
    wrong neighbours. Per feature, with ``spread`` = max - min of the training column:

    - near the origin (``|mean| <= 4 spread``): 0, no shift at all (the norms are already of
      the order of the spread, and the arithmetic stays exactly scikit-learn's);
    - far from it: the mean rounded to a multiple of :math:`2^e \le` spread, so that every
      training value minus the centre is computed *exactly* (no rounding, so equal distances
      stay equal and the tie rule holds); a constant column is shifted by its value.

    Returns
    -------
    ndarray of shape (n_features,)
    """
    lo, hi, mean = Y.min(axis=0), Y.max(axis=0), Y.mean(axis=0)
    spread = hi - lo
    step = 2.0 ** np.floor(np.log2(np.where(spread > 0, spread, 1.0)))
    centre = np.where(spread > 0, np.round(mean / step) * step, lo)
    return np.where(np.abs(mean) > 4 * spread, centre, 0.0)


def _prepare_train(Y, metric):
    """What the metric needs from the training set, computed once at fit.

    Returns ``(Y_ready, y_sq, centre)``. Euclidean: the rows centred by
    :func:`training_centre` and their squared norms. Cosine: the unit rows (centring would
    change the angles). Manhattan: the rows themselves (their differences need no
    expansion).
    """
    if metric == "euclidean":
        centre = training_centre(Y)
        Yc = Y - centre if centre.any() else Y     # no copy for data near the origin
        return Yc, np.einsum("ij,ij->i", Yc, Yc), centre
    if metric == "cosine":
        return _unit_rows(Y), None, None
    return Y, None, None


def _prepare_query(Q, train, metric):
    """The queries as the key needs them, and what turns a key into a distance.

    Euclidean: the queries centred on the training mean, and their squared norms (added to
    the key of the few candidates). Cosine: their unit rows. Manhattan: the queries.
    """
    if metric == "euclidean":
        Qc = Q - train[2] if train[2].any() else Q
        return Qc, np.einsum("ij,ij->i", Qc, Qc)
    if metric == "cosine":
        return _unit_rows(Q), None
    return Q, None


def _ranking_key(Q, Y, y_sq, metric):
    r"""A matrix whose order along each row is the order of the distances (equation (11)).

    ``Q`` and ``Y`` are prepared as above (centred for euclidean, unit rows for cosine), and
    ``y_sq`` holds the squared norms of the rows of ``Y`` (euclidean only).

    Euclidean: :math:`\lVert\mathbf y_j\rVert^2 - 2\mathbf q_i^\top\mathbf y_j` (the query's
    own :math:`\lVert\mathbf q_i\rVert^2` is the same along a row, so it is added only to the
    few candidates). Cosine: :math:`-\mathbf q_i^\top\mathbf y_j` of the unit rows, that is
    :math:`-\cos(\mathbf q_i, \mathbf y_j)`. Manhattan: the distance itself.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features)
    Y : ndarray of shape (n_train, n_features)
    y_sq : ndarray of shape (n_train,) or None
        :math:`\lVert\mathbf y_j\rVert^2` for euclidean; None for the other metrics.
    metric : {"euclidean", "manhattan", "cosine"}

    Returns
    -------
    ndarray of shape (n_queries, n_train)
    """
    ### BEGIN SOLUTION (gap 01)
    if metric == "euclidean":
        key = (-2.0 * Q) @ Y.T    # one matrix product: -2 q.y for every pair
        key += y_sq               # + ||y||^2, broadcast along the rows
        return key
    if metric == "cosine":
        return -(Q @ Y.T)
    # Manhattan has no matrix-product form: add |q_f - y_f| one feature at a time, so the
    # memory stays (rows, n_train) and the sum runs in scikit-learn's order.
    key = np.zeros((Q.shape[0], Y.shape[0]))
    diff = np.empty_like(key)
    for f in range(Q.shape[1]):
        np.subtract.outer(Q[:, f], Y[:, f], out=diff)
        key += np.abs(diff, out=diff)
    return key
    ### END SOLUTION (gap 01)


def _key_to_distance(key, q_aux, metric, rows):
    """The distance (squared for euclidean) from the key: a non-decreasing map per row."""
    if metric == "euclidean":
        return np.maximum(q_aux[rows] + key, 0.0)   # clip the rounding below zero
    if metric == "cosine":
        return np.clip(1.0 + key, 0.0, 2.0)
    return key


# --- the search --------------------------------------------------------------------------

def _smallest_k(key, k, to_distance):
    r"""Per row of ``key``, the ``k`` smallest distances and their columns, ties by column.

    ``to_distance(values, rows)`` maps keys to distances and never decreases along a row.
    Library plumbing, not part of the exercise: a stable ``np.argsort`` of each row gives the
    same answer (the tests check it), and the notebook builds the search that way. Sorting
    whole rows would cost :math:`O(m \log m)` each; instead the columns are cut into blocks,
    and since at least :math:`k` entries lie at or below :math:`\tau` = the
    :math:`k`-th smallest block minimum, only the blocks whose minimum is at most
    :math:`\tau` can hold a neighbour. Those few candidates are sorted exactly.
    """
    n_rows, m = key.shape
    size = max(1, min(_BLOCK, m // (2 * k)))      # at least 2k blocks (k if m < 2k)
    n_blocks = m // size
    row_ids = np.arange(n_rows)[:, None]
    # Strided blocks: block c holds the columns c, c + n_blocks, c + 2 n_blocks, ...
    block_min = key[:, :n_blocks * size].reshape(n_rows, size, n_blocks).min(axis=1)
    block_min = to_distance(block_min, row_ids)
    tau = np.partition(block_min, k - 1, axis=1)[:, k - 1]
    r, c = np.divmod(np.flatnonzero(block_min <= tau[:, None]), n_blocks)  # candidate blocks
    rows = np.repeat(r, size)
    cols = (c[:, None] + n_blocks * np.arange(size)).ravel()
    tail = np.arange(n_blocks * size, m)          # columns left over after the blocks
    rows = np.concatenate([rows, np.repeat(np.arange(n_rows), tail.size)])
    cols = np.concatenate([cols, np.tile(tail, n_rows)])
    dist = to_distance(key[rows, cols], rows)
    keep = dist <= tau[rows]
    rows, cols, dist = rows[keep], cols[keep], dist[keep]
    order = np.lexsort((cols, dist, rows))        # by row, then distance, then index
    first = np.searchsorted(rows[order], np.arange(n_rows))
    take = order[first[:, None] + np.arange(k)]
    return dist[take], cols[take]


def _exact_matches_at_zero(Q, Y, dist, ind):
    """Put a neighbour equal to its query at distance exactly 0, then restore the order.

    The expansion and the cosine leave a rounding residue (about 1e-16 of the squared norms)
    instead of 0 when a query coincides with a training point; exact matches must be at 0
    for the distance weights' rule ("exact matches take all the weight") to hold.
    """
    same = (Q[:, None, :] == Y[ind]).all(axis=2)
    if not same.any():
        return dist, ind
    dist = np.where(same, 0.0, dist)
    order = np.lexsort((ind, dist), axis=1)
    return np.take_along_axis(dist, order, axis=1), np.take_along_axis(ind, order, axis=1)


def kneighbors_brute(X, Y, n_neighbors, metric="euclidean", exclude_self=False,
                     train_aux=None):
    """Exact k nearest rows of ``Y`` for every row of ``X``, in chunks of query rows.

    Parameters
    ----------
    X : ndarray of shape (n_queries, n_features), float64, finite
    Y : ndarray of shape (n_train, n_features), float64, finite
    n_neighbors : int, 1 <= n_neighbors <= n_train (< n_train with ``exclude_self``)
    metric : {"euclidean", "manhattan", "cosine"}
    exclude_self : bool, default False
        ``X`` is ``Y``: query i does not count training point i as its own neighbour.
    train_aux : tuple, optional
        What ``_prepare_train(Y, metric)`` returns, to reuse it.

    Returns
    -------
    dist : ndarray of shape (n_queries, n_neighbors), ascending along each row
    ind : ndarray of shape (n_queries, n_neighbors), int64
        Indices into ``Y``; equal distances in increasing index order.

    Notes
    -----
    ``N_THREADS`` chunks are processed at once, each in its own thread. Each chunk holds
    ``rows x n_train`` distances (two such buffers for manhattan), with
    ``rows = max(WORKING_MEMORY // (8 * n_train * buffers), MIN_CHUNK_ROWS)``, so the memory
    grows with ``n_train`` but never with the number of queries.
    """
    _check_metric(metric)
    k = n_neighbors + 1 if exclude_self else n_neighbors
    if not 1 <= k <= Y.shape[0]:
        raise ValueError(f"n_neighbors={n_neighbors} must be >= 1 and at most the number of "
                         f"training points ({Y.shape[0]}, minus 1 with exclude_self).")
    aux = _prepare_train(Y, metric) if train_aux is None else train_aux
    buffers = 2 if metric == "manhattan" else 1
    rows = max(WORKING_MEMORY // (8 * Y.shape[0] * buffers), MIN_CHUNK_ROWS)
    dist = np.empty((X.shape[0], k))
    ind = np.empty((X.shape[0], k), dtype=np.int64)

    def one_chunk(start):
        Q = X[start:start + rows]
        Q_ready, q_aux = _prepare_query(Q, aux, metric)
        key = _ranking_key(Q_ready, aux[0], aux[1], metric)
        d, i = _smallest_k(key, k, lambda v, r: _key_to_distance(v, q_aux, metric, r))
        if metric != "manhattan":
            d, i = _exact_matches_at_zero(Q, Y, d, i)
        dist[start:start + rows], ind[start:start + rows] = d, i

    # Two chunks at a time, in two threads: NumPy releases the GIL in the matrix product and
    # in most array operations, so the selection of one chunk runs while the other multiplies
    # (measured: about 1.5 times faster on 2 cores, busy or not). Each chunk writes its own rows:
    # the result does not depend on the order in which the threads finish.
    starts = range(0, X.shape[0], rows)
    if len(starts) > 1 and N_THREADS > 1:
        with ThreadPoolExecutor(N_THREADS) as pool:
            list(pool.map(one_chunk, starts))
    else:
        for start in starts:
            one_chunk(start)
    if exclude_self:
        # Drop the query itself; if it is not among the k + 1 (duplicates at distance 0
        # with smaller indices), the first k are already the k nearest other points.
        is_self = ind == np.arange(X.shape[0])[:, None]
        is_self[~is_self.any(axis=1), -1] = True
        dist = dist[~is_self].reshape(-1, n_neighbors)
        ind = ind[~is_self].reshape(-1, n_neighbors)
    if metric == "euclidean":
        dist = np.sqrt(dist)
    return dist, ind


def neighbor_weights(dist, weights):
    r"""Vote weights of the neighbours (equation (4)): 1, or :math:`1/\operatorname{dist}`;
    rows with a zero distance give weight 1 to the exact matches and 0 to the rest.

    Parameters
    ----------
    dist : ndarray of shape (n_queries, n_neighbors), non-negative
    weights : {"uniform", "distance"}

    Returns
    -------
    ndarray of the shape of ``dist``
        ``w[i, j]``, the weight of query i's j-th neighbour.
    """
    ### BEGIN SOLUTION (gap 02)
    if weights == "uniform":
        return np.ones_like(dist)
    exact = dist == 0
    w = 1.0 / np.where(exact, 1.0, dist)      # no division by zero, so no warning
    has_exact = exact.any(axis=1)
    w[has_exact] = exact[has_exact]
    return w
    ### END SOLUTION (gap 02)


def class_votes(w, codes, n_classes):
    r"""The weighted votes of equation (2), before normalising.

    Parameters
    ----------
    w : ndarray of shape (n_queries, n_neighbors)
        The weights of the neighbours (:func:`neighbor_weights`).
    codes : ndarray of int, shape (n_queries, n_neighbors)
        The class of each neighbour, as an index ``0, ..., n_classes - 1``.
    n_classes : int

    Returns
    -------
    ndarray of shape (n_queries, n_classes)
        ``scores[i, c]`` = :math:`\sum_{j \in N_k(\mathbf x_i)} w_j\,[y_j = c]`, the sum of
        the weights of query i's neighbours in class ``c`` (0 for a class with no neighbour).
    """
    ### BEGIN SOLUTION (gap 03)
    # Sum the weights per (query, class) with one bincount over flat cell numbers.
    n_q = codes.shape[0]
    cells = np.arange(n_q)[:, None] * n_classes + codes
    scores = np.bincount(cells.ravel(), weights=w.ravel(), minlength=n_q * n_classes)
    return scores.reshape(n_q, n_classes)
    ### END SOLUTION (gap 03)


def neighbor_mean(y_neighbors, w=None):
    r"""The (weighted) mean of the neighbours' targets, equation (3).

    Parameters
    ----------
    y_neighbors : ndarray of shape (n_queries, n_neighbors)
        ``y_neighbors[i, j]``, the target of query i's j-th neighbour.
    w : ndarray of shape (n_queries, n_neighbors) or None
        The weights (:func:`neighbor_weights`); None for uniform weights (the plain mean).

    Returns
    -------
    ndarray of shape (n_queries,)
        :math:`\sum_j w_j y_j / \sum_j w_j` over each row.
    """
    ### BEGIN SOLUTION (gap 04)
    if w is None:
        return y_neighbors.mean(axis=1)
    return (y_neighbors * w).sum(axis=1) / w.sum(axis=1)
    ### END SOLUTION (gap 04)


def _check_metric(metric):
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")


# --- the estimators ----------------------------------------------------------------------

class _KNeighborsBase(BaseEstimator):
    """Hyperparameters, ``fit`` (store the data) and ``kneighbors``."""

    def __init__(self, n_neighbors=5, weights="uniform", metric="euclidean"):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.metric = metric

    def _fit(self, X, y):
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, min_val=1)
        if self.weights not in WEIGHTS:
            raise ValueError(f"weights must be one of {WEIGHTS}, got {self.weights!r}")
        _check_metric(self.metric)
        if self.n_neighbors > X.shape[0]:
            raise ValueError(f"n_neighbors={self.n_neighbors} is larger than the training "
                             f"set ({X.shape[0]} samples); use n_neighbors <= {X.shape[0]}.")
        self._fit_X, self._y = X, y
        self.effective_metric_ = self.metric
        self._train_aux = _prepare_train(X, self.metric)
        self.n_features_in_ = X.shape[1]
        self.n_samples_fit_ = X.shape[0]
        return self

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """Distances to and indices of the nearest training points of each query.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features) or None
            None means the training points, each without itself as a neighbour.
        n_neighbors : int, optional
            Default ``self.n_neighbors``.
        return_distance : bool, default True

        Returns
        -------
        dist : ndarray of shape (n_queries, n_neighbors), only if ``return_distance``
        ind : ndarray of shape (n_queries, n_neighbors)
            Nearest first; equal distances by increasing training index.
        """
        check_is_fitted(self, "n_samples_fit_")
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        check_scalar(k, "n_neighbors", kind=numbers.Integral, min_val=1)
        n_fit = self.n_samples_fit_
        if X is None:
            if k >= n_fit:
                raise ValueError(f"n_neighbors={k} must be smaller than the training set "
                                 f"({n_fit} samples) when X is None (a point is not its "
                                 "own neighbour).")
            Q = self._fit_X
        else:
            Q = check_predict_input(self, X, "n_samples_fit_")
            if k > n_fit:
                raise ValueError(f"n_neighbors={k} is larger than the training set "
                                 f"({n_fit} samples).")
        dist, ind = kneighbors_brute(Q, self._fit_X, k, self.effective_metric_,
                                     exclude_self=X is None, train_aux=self._train_aux)
        return (dist, ind) if return_distance else ind


class KNeighborsClassifier(ClassifierMixin, _KNeighborsBase):
    r"""Classify by a vote of the :math:`k` nearest training points.

    With neighbours :math:`N_k(\mathbf x)` and weights :math:`w_j` (1, or
    :math:`1/\operatorname{dist}(\mathbf x, \mathbf x_j)`), the class probabilities and the
    prediction are

    .. math:: P(y = c \mid \mathbf x) = \frac{\sum_{j \in N_k(\mathbf x)} w_j\,[y_j = c]}
              {\sum_{j \in N_k(\mathbf x)} w_j}, \qquad
              \hat y = \arg\max_c P(y = c \mid \mathbf x).

    Nothing is optimised: ``fit`` stores the training data.

    Parameters
    ----------
    n_neighbors : int >= 1, default 5
        At most the number of training samples (checked in fit).
    weights : {"uniform", "distance"}, default "uniform"
        ``"distance"``: weight :math:`1/\operatorname{dist}`; a query that coincides with
        training points (distance exactly 0) takes the vote of those points only.
    metric : {"euclidean", "manhattan", "cosine"}, default "euclidean"

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,), sorted
    n_features_in_, n_samples_fit_ : int
    effective_metric_ : str

    Notes
    -----
    Ties: equal distances by training index (the smaller first, at the :math:`k`-th
    distance too); a tied vote goes to the smallest label in ``classes_``.
    scikit-learn 1.7's brute-force search (a heap per query) keeps the same *distances* but
    may pick other indices among points tied at the :math:`k`-th distance, so on data with
    exact ties (duplicated rows, integer pixels) the two can differ on those rows only.

    Swapping the import for ``sklearn.neighbors.KNeighborsClassifier`` gives the same
    predictions with the defaults. What remains different (the lessons of the chapter, see
    ``references/sklearn_differences.md``): the search is always exact brute force (no
    ``algorithm``, ``leaf_size`` or ``n_jobs``); ``metric`` names one of three distances, the
    default ``"euclidean"`` being scikit-learn's default ``"minkowski"`` with ``p=2`` (there is
    no ``p``); a query equal to a training point is at distance exactly 0; euclidean data far
    from the origin are centred first (:func:`training_centre`).
    """

    def fit(self, X, y):
        """Store ``X`` of shape (n_samples, n_features) and the labels ``y``."""
        X, y = check_X_y(X, y)
        # One class is allowed: the vote is then trivially that class (as in scikit-learn).
        self.classes_, self._y_encoded = check_classification_targets(
            y, min_classes=1, regressor="KNeighborsRegressor")
        return self._fit(X, y)

    def _class_scores(self, X):
        """The weighted votes of equation (2) (:func:`class_votes`), shape (n_queries,
        n_classes), in the order of ``classes_``."""
        dist, ind = self.kneighbors(X)   # checks that the model is fitted, and X
        return class_votes(neighbor_weights(dist, self.weights), self._y_encoded[ind],
                           len(self.classes_))

    def predict_proba(self, X):
        """Class probabilities, shape (n_queries, n_classes), in the order of ``classes_``."""
        scores = self._class_scores(X)
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X):
        """The label with the largest (weighted) vote; ties to the smallest label."""
        scores = self._class_scores(X)
        return self.classes_[np.argmax(scores, axis=1)]


class KNeighborsRegressor(RegressorMixin, _KNeighborsBase):
    r"""Predict the (weighted) mean target of the :math:`k` nearest training points.

    .. math:: \hat y(\mathbf x) = \frac{\sum_{j \in N_k(\mathbf x)} w_j\, y_j}
              {\sum_{j \in N_k(\mathbf x)} w_j},

    with :math:`w_j = 1` (``"uniform"``: the plain mean) or :math:`w_j =
    1/\operatorname{dist}(\mathbf x, \mathbf x_j)` (``"distance"``; exact matches, at distance 0,
    take all the weight).
    Nothing is optimised: ``fit`` stores the training data. Parameters, tie rule and
    attributes (without ``classes_``) as in :class:`KNeighborsClassifier`.
    """

    def fit(self, X, y):
        """Store ``X`` of shape (n_samples, n_features) and the numeric targets ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        return self._fit(X, y)

    def predict(self, X):
        """The (weighted) mean of the neighbours' targets, shape (n_queries,)."""
        dist, ind = self.kneighbors(X)
        w = None if self.weights == "uniform" else neighbor_weights(dist, self.weights)
        return neighbor_mean(self._y[ind], w)
