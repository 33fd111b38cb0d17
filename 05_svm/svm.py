r"""Support vector machines from scratch: the dual by SMO, and the primal by Pegasos.

``SVC`` solves the soft-margin dual with kernels by sequential minimal optimisation (SMO)
and libsvm's second-order working-set selection; more than two classes are handled one
versus one, as libsvm does. ``LinearSVC`` descends the primal hinge-loss objective by
stochastic subgradient steps (Pegasos). Class names, attributes and sign conventions follow
scikit-learn, so one import swaps either for the library version.
"""
import numbers
from itertools import combinations

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin
from utils.validation import (check_bool, check_classification_targets, check_finite_fit,
                              check_predict_input, check_random_state, check_scalar, check_X_y,
                              warn_not_converged)

KERNELS = ("linear", "poly", "rbf")
SHAPES = ("ovr", "ovo")
# The dual is a sum of terms bounded by sum(alpha): its rounding error is a few machine
# epsilons of that. A possible increase below ROUNDING * sum(alpha) cannot be measured.
ROUNDING = 8 * np.finfo(np.float64).eps
A_MIN = 1e-12             # libsvm's TAU: the floor for the curvature a_ij of a pair
CACHE_BYTES = 200 * 2**20  # kernel columns kept by SMO (scikit-learn's default cache_size),
#                            and half as much again for rows of the curvature a_ij


def kernel_matrix(X, Z, kernel="rbf", gamma=1.0, degree=3, coef0=0.0):
    r"""The kernel (Gram) matrix :math:`G_{ab} = k(\mathbf x_a, \mathbf z_b)`, equation (10).

    Returns an array of shape (len(X), len(Z)). ``"linear"``: :math:`\mathbf x^\top\mathbf z`;
    ``"poly"``: :math:`(\gamma\,\mathbf x^\top\mathbf z + c_0)^{\mathrm{degree}}`; ``"rbf"``:
    :math:`\exp(-\gamma\lVert\mathbf x - \mathbf z\rVert^2)`, with the squared distance
    expanded as :math:`\lVert\mathbf x\rVert^2 + \lVert\mathbf z\rVert^2 - 2\mathbf x^\top
    \mathbf z` (one matrix product) and clipped at 0 against rounding.
    """
    X, Z = np.atleast_2d(X), np.atleast_2d(Z)
    ### BEGIN SOLUTION (gap 01)
    inner = X @ Z.T
    if kernel == "linear":
        return inner
    if kernel == "poly":
        return (gamma * inner + coef0) ** degree
    sq = (X * X).sum(axis=1)[:, None] + (Z * Z).sum(axis=1)[None, :] - 2.0 * inner
    return np.exp(-gamma * np.maximum(sq, 0.0))
    ### END SOLUTION (gap 01)


def dual_objective(dual_coef, G):
    r"""The dual objective (7), :math:`D(\alpha) = \sum_i\alpha_i - \frac12\sum_{ij}
    \alpha_i\alpha_jy_iy_jG_{ij}`, from ``dual_coef`` :math:`= \alpha\circ y` (so
    :math:`\alpha_i = |c_i|`) and the kernel matrix ``G`` of the same samples."""
    c = np.asarray(dual_coef, dtype=np.float64)
    return float(np.abs(c).sum() - 0.5 * c @ G @ c)


class _KernelColumns:
    """Columns of the training kernel matrix: all at once if the matrix fits in
    ``CACHE_BYTES``, else computed on demand and cached, least recently used out first."""

    def __init__(self, X, params, full=None):
        self.X, self.params, self.cache = X, params, {}
        self.capacity = CACHE_BYTES // (8 * len(X))
        if full is None and self.capacity >= len(X):
            full = kernel_matrix(X, X, **params)
        self.full = full
        if self.full is not None:   # the diagonal of the same matrix: a_ii = 0 exactly
            self.diag = np.diag(self.full).copy()
        else:                       # k(x_i, x_i) without the n x n matrix
            g = (X * X).sum(axis=1)
            self.diag = {"linear": g, "rbf": np.ones(len(X)),
                         "poly": (params["gamma"] * g + params["coef0"]) ** params["degree"]
                         }[params["kernel"]]

    def __getitem__(self, i):
        if self.full is not None:
            return self.full[i]              # row i = column i (symmetric), contiguous
        col = self.cache.pop(i, None)
        if col is None:
            col = kernel_matrix(self.X, self.X[i:i + 1], **self.params)[:, 0]
            if len(self.cache) >= max(self.capacity, 2):
                del self.cache[next(iter(self.cache))]
        self.cache[i] = col  # (re)inserted last: the dict's order is the recency order
        return col


def curvature_row(G_i, diag, i):
    r"""The curvatures :math:`a_{il} = G_{ii} + G_{ll} - 2G_{il}` of every pair (i, l),
    equation (12), floored at ``A_MIN``.

    :math:`a_{il}` is the second derivative of :math:`g = -D` along the SMO direction of the
    pair (i, l). It is :math:`\ge 0` for a valid kernel but is 0 for two equal points (and
    rounding can make it slightly negative), so, as libsvm, every value below ``A_MIN``
    (1e-12) is replaced by ``A_MIN``: the step (13) divides by it.

    Parameters
    ----------
    G_i : ndarray of shape (n,)
        Column i of the kernel matrix: ``G_i[l]`` :math:`= G_{il}`.
    diag : ndarray of shape (n,)
        The diagonal of the kernel matrix, :math:`G_{ll}`.
    i : int

    Returns
    -------
    a_i : ndarray of shape (n,)
        A new array, ``a_i[l]`` :math:`= \max(G_{ii} + G_{ll} - 2G_{il}, a_{\min})`
        (so ``a_i[i]`` is ``A_MIN``). The inputs are not modified.
    """
    ### BEGIN SOLUTION (gap 02)
    a_i = diag + diag[i]
    a_i -= 2.0 * G_i
    return np.maximum(a_i, A_MIN, out=a_i)
    ### END SOLUTION (gap 02)


def clipped_step(alpha_i, alpha_j, y_i, y_j, E_i, E_j, a_ij, C):
    r"""The SMO step on the pair (i, j): the best step (13), clipped to the box by (14).

    Moves :math:`\alpha_i` by :math:`+s\,y_i` and :math:`\alpha_j` by :math:`-s\,y_j` (so
    :math:`\sum_l\alpha_ly_l` does not change) with :math:`s = \min(s^\star, s_{\max})`,
    :math:`s^\star = (E_j - E_i)/a_{ij}` from (13) and :math:`s_{\max}` the room left by
    (14): :math:`C - \alpha_i` if :math:`y_i = +1`, else :math:`\alpha_i`; :math:`\alpha_j`
    if :math:`y_j = +1`, else :math:`C - \alpha_j`. A multiplier whose room is the step
    taken is set *exactly* to its bound (0 or C, no rounding residue); the other one is kept
    in :math:`[0, C]` against rounding.

    Parameters
    ----------
    alpha_i, alpha_j : float
        The two multipliers, in :math:`[0, C]`.
    y_i, y_j : float
        Their labels, +1 or -1.
    E_i, E_j : float
        Their errors (the error cache), a violating pair: :math:`E_j > E_i`.
    a_ij : float
        The curvature (12) of the pair, > 0.
    C : float

    Returns
    -------
    alpha_i_new, alpha_j_new, s : float
        The new multipliers and the step length :math:`s \ge 0`.
    """
    ### BEGIN SOLUTION (gap 03)
    end_i, end_j = (C if y_i > 0 else 0.0), (0.0 if y_j > 0 else C)   # where each one moves to
    room_i, room_j = abs(end_i - alpha_i), abs(end_j - alpha_j)
    s = min((E_j - E_i) / a_ij, room_i, room_j)
    new_i = end_i if s == room_i else min(max(alpha_i + s * y_i, 0.0), C)
    new_j = end_j if s == room_j else min(max(alpha_j - s * y_j, 0.0), C)
    return new_i, new_j, s
    ### END SOLUTION (gap 03)


def most_violating(E_up, E_low):
    r"""The first index of the working set (16) and the KKT violation of (15).

    Parameters
    ----------
    E_up : ndarray of shape (n,)
        The error cache on :math:`I_\mathrm{up}`, ``+inf`` elsewhere.
    E_low : ndarray of shape (n,)
        The error cache on :math:`I_\mathrm{low}`, ``-inf`` elsewhere.

    Returns
    -------
    i : int
        :math:`\arg\min_{l\in I_\mathrm{up}}E_l`, the lowest such index on ties.
    violation : float
        :math:`\max_{l\in I_\mathrm{low}}E_l - E_i`: (15) holds to within ``tol`` when this
        is at most ``tol``.
    """
    ### BEGIN SOLUTION (gap 04)
    i = int(E_up.argmin())
    k = E_low.argmax()          # (indexing at argmax is faster than max, which checks for NaN)
    return i, float(E_low[k] - E_up[i])
    ### END SOLUTION (gap 04)


def second_order_j(E_low, E_i, root_a_i):
    r"""The second index of the working set by libsvm's second-order rule (16).

    Among the violating partners of i, :math:`l\in I_\mathrm{low}` with :math:`E_l > E_i`,
    the one whose unconstrained step (13) decreases :math:`g` the most:
    :math:`j = \arg\max_l (E_l - E_i)^2 / a_{il}`. On a violating partner the score
    :math:`(E_l - E_i)/\sqrt{a_{il}}` is positive and its square is that gain, so the scores
    have the same argmax; every other l scores :math:`\le 0` (``-inf`` outside
    :math:`I_\mathrm{low}`) and never wins, so nothing needs masking.

    Parameters
    ----------
    E_low : ndarray of shape (n,)
        The error cache on :math:`I_\mathrm{low}`, ``-inf`` elsewhere.
    E_i : float
        The error of the first index i.
    root_a_i : ndarray of shape (n,)
        The square roots :math:`\sqrt{a_{il}}` of the curvatures (12), all > 0.

    Returns
    -------
    j : int
        The lowest such index on ties. (There is at least one violating partner when the
        violation of (15) is positive.)
    gain : float
        :math:`(E_j - E_i)^2 / a_{ij}`, twice the decrease of :math:`g` by the step (13).
    """
    ### BEGIN SOLUTION (gap 05)
    score = (E_low - E_i) / root_a_i
    j = int(score.argmax())
    return j, float(score[j]) ** 2
    ### END SOLUTION (gap 05)


def update_error_cache(E_rows, G_i, G_j, s):
    r"""The error-cache update (17) after a step of length s on the pair (i, j), in place:
    :math:`\mathbf E \leftarrow \mathbf E + s\,(G_{:,i} - G_{:,j})`.

    Parameters
    ----------
    E_rows : sequence of ndarray of shape (n,)
        The arrays that hold the error cache, each updated in place (``smo`` keeps two:
        E on :math:`I_\mathrm{up}` and E on :math:`I_\mathrm{low}`).
    G_i, G_j : ndarray of shape (n,)
        Columns i and j of the kernel matrix.
    s : float
        The step length returned by ``clipped_step``.

    Returns
    -------
    None
        The arrays of ``E_rows`` are modified in place; nothing else is.
    """
    ### BEGIN SOLUTION (gap 06)
    delta = s * (G_i - G_j)
    for E in E_rows:
        E += delta
    ### END SOLUTION (gap 06)


def intercept(alpha, E, y, C):
    r"""The intercept (18): :math:`b = -\rho`, :math:`\rho` the mean of :math:`E` over the
    free vectors (:math:`0 < \alpha_i < C`), or, if there are none, the middle of the interval
    (15) that :math:`-b` may take.

    Parameters
    ----------
    alpha, E, y : ndarray of shape (n,)
        The multipliers, the error cache and the +-1 labels at the end of SMO.
    C : float

    Returns
    -------
    b : float
    """
    ### BEGIN SOLUTION (gap 07)
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return -float(E[free].mean())
    # all at a bound: rho may be anywhere in [max E over I_low, min E over I_up]
    at_up = np.where(y > 0, alpha <= 0, alpha >= C)
    return -float((E[at_up].min() + E[~at_up].max()) / 2)
    ### END SOLUTION (gap 07)


def smo(G, y, C, tol=1e-3, max_iter=None):
    r"""Solve the binary soft-margin dual by SMO with second-order working-set selection.

    Maximises :math:`D(\alpha) = \sum_i\alpha_i - \frac12\sum_{ij}\alpha_i\alpha_jy_iy_jG_{ij}`
    subject to :math:`0\le\alpha_i\le C` and :math:`\sum_i\alpha_iy_i = 0` (equation (7)).

    Start at :math:`\alpha = 0` (so :math:`E = -y`); each step selects the pair (16)
    (``most_violating``, ``curvature_row``, ``second_order_j``), takes the step (13) clipped
    by (14) (``clipped_step``) and updates the error cache by (17)
    (``update_error_cache``); the intercept comes from (18) (``intercept``). Ties in the
    selection go to the lowest index.

    Parameters
    ----------
    G : ndarray of shape (n, n), or _KernelColumns
        The kernel matrix (its row i is its column i: G is symmetric), or an object that
        computes its columns on demand; either way ``G[i]`` is column i, shape (n,).
    y : ndarray of shape (n,), entries +1 or -1
    C, tol : float
        Box bound; stop when the maximal KKT violation
        :math:`\max_{I_\mathrm{low}}E - \min_{I_\mathrm{up}}E` is at most ``tol`` (15).
    max_iter : int or None
        Maximal number of SMO steps (None: no limit). The run also stops, as converged, when
        the largest possible increase of the dual, :math:`(E_j - E_i)^2 / (2a_{ij})`, is
        below its rounding error (``ROUNDING`` times :math:`\sum_i\alpha_i`): a ``tol``
        below the rounding error of :math:`E` could otherwise never be met.

    Returns
    -------
    alpha : ndarray of shape (n,)
    b : float
        The intercept of :math:`f(\mathbf x) = \sum_i\alpha_iy_ik(\mathbf x_i, \mathbf x) + b`.
    n_iter : int
    converged : bool

    Notes
    -----
    A step costs two kernel columns and nine NumPy calls on vectors of length n (two in
    ``most_violating``, three in ``second_order_j``, four in ``update_error_cache``), plus
    five more when the curvatures of i are not cached yet; the 2 x 2 sub-problem is solved in
    Python scalars and the multipliers are a Python list. Up to a few thousand samples NumPy's
    fixed cost per call (about half a microsecond) is most of the time, so the number of calls
    is what matters: the error cache is kept twice, E on :math:`I_\mathrm{up}` (+inf
    elsewhere) and E on :math:`I_\mathrm{low}` (-inf elsewhere), so that the selection needs no
    masking; the square roots of the curvatures are kept with them, so that ``second_order_j``
    needs no masking either.
    """
    n = len(y)
    y_list, alpha = y.tolist(), [0.0] * n
    diag = G.diag if isinstance(G, _KernelColumns) else np.diag(G)
    # The error cache E_l = u_l - y_l (u = 0 at alpha = 0, so E = -y), kept twice: E on I_up
    # (+inf elsewhere) and E on I_low (-inf elsewhere). Every l is in one of the sets at least,
    # so E is known, and the selection needs no masking. At alpha = 0, I_up = {y = +1} and
    # I_low = {y = -1}.
    E_up = np.where(y > 0, -y, np.inf)
    E_low = np.where(y > 0, -np.inf, -y)
    E_rows = (E_up, E_low)
    # The rows a_i. of the curvature (12) and their square roots are kept (in half the cache
    # budget): few samples are ever selected as i (a third of them in a long run), so most
    # steps find theirs here.
    curvature, capacity = {}, max(CACHE_BYTES // (32 * n), 1)
    bound, inf = 2 * ROUNDING * n * C, np.inf
    n_iter, converged = 0, False
    while max_iter is None or n_iter < max_iter:
        i, violation = most_violating(E_up, E_low)
        if violation <= tol:                           # (15) holds to within tol
            converged = True
            break
        G_i = G[i]
        row = curvature.get(i)
        if row is None:
            if len(curvature) >= capacity:
                del curvature[next(iter(curvature))]   # the oldest row out
            a_i = curvature_row(G_i, diag, i)
            row = curvature[i] = a_i, np.sqrt(a_i)
        a_i, root_a_i = row
        E_i = float(E_up[i])                           # i is in I_up
        j, gain = second_order_j(E_low, E_i, root_a_i)
        if gain <= bound and gain <= 2 * ROUNDING * sum(alpha):
            # The floating-point floor: no pair can change the dual by more than its rounding
            # error, so tol (below the rounding error of E) can never be met: stop here.
            # (sum(alpha) <= nC: the cheap test first, the sum only when it can matter.)
            converged = True
            break
        E_j = float(E_low[j])                          # j is in I_low
        if not E_j > E_i:
            raise RuntimeError(f"second_order_j returned j = {j}, which does not violate (15) "
                               f"with i = {i}: E_j = {E_j} is not > E_i = {E_i}")
        y_i, y_j, old_i, old_j = y_list[i], y_list[j], alpha[i], alpha[j]
        al_i, al_j, s = clipped_step(old_i, old_j, y_i, y_j, E_i, E_j, float(a_i[j]), C)
        if not s > 0:
            raise RuntimeError(f"clipped_step returned the step s = {s} for the violating pair "
                               f"({i}, {j}): it must be > 0")
        alpha[i], alpha[j] = al_i, al_j
        update_error_cache(E_rows, G_i, G[j], s)
        # i and j may have joined or left I_up or I_low (the definitions before (15)): y_i alpha_i
        # went up and y_j alpha_j down, so each can cross only two of the four bounds. A copy is
        # written only then, from the copy each one was in (i in I_up, j in I_low).
        if y_i > 0:
            if old_i <= 0 < al_i:                      # joins I_low (alpha_i > 0)
                E_low[i] = E_up[i]
            if al_i >= C:                              # leaves I_up (alpha_i = C)
                E_up[i] = inf
        else:
            if old_i >= C > al_i:                      # joins I_low (alpha_i < C)
                E_low[i] = E_up[i]
            if al_i <= 0:                              # leaves I_up (alpha_i = 0)
                E_up[i] = inf
        if y_j > 0:
            if old_j >= C > al_j:                      # joins I_up (alpha_j < C)
                E_up[j] = E_low[j]
            if al_j <= 0:                              # leaves I_low (alpha_j = 0)
                E_low[j] = -inf
        else:
            if old_j <= 0 < al_j:                      # joins I_up (alpha_j > 0)
                E_up[j] = E_low[j]
            if al_j >= C:                              # leaves I_low (alpha_j = C)
                E_low[j] = -inf
        n_iter += 1
    alpha = np.array(alpha)
    E = np.where(E_up < inf, E_up, E_low)              # the error cache, from its two copies
    return alpha, intercept(alpha, E, y, C), n_iter, converged


def pegasos_step(X_batch, Y_batch, W, b, t, nC, fit_intercept=True):
    r"""One Pegasos step (20) on a mini-batch, for one or several binary problems at once.

    Parameters
    ----------
    X_batch : ndarray of shape (B, d)
        The mini-batch :math:`\mathcal B` (centred features).
    Y_batch : ndarray of shape (B, P)
        Its labels, +1 or -1, one column per binary problem.
    W : ndarray of shape (d, P)
    b : ndarray of shape (P,)
    t : int
        The step counter, from 1.
    nC : float
        :math:`nC`, so that the learning rate is :math:`\eta_t = nC/t`.
    fit_intercept : bool

    Returns
    -------
    W, b : the new parameters (new arrays; the inputs are not modified)
        :math:`\mathbf w \leftarrow (1 - 1/t)\mathbf w + (\eta_t/B)\sum_{i\in\mathcal V}
        y_i\mathbf x_i` and :math:`b \leftarrow b + t^{-1/2}B^{-1}\sum_{i\in\mathcal V}y_i`
        (unchanged without intercept), :math:`\mathcal V` the violators
        :math:`y_i(\mathbf w^\top\mathbf x_i + b) < 1` of each problem.
    """
    ### BEGIN SOLUTION (gap 08)
    n_batch = len(X_batch)
    violators = Y_batch * (X_batch @ W + b) < 1       # (B, P): the set V of each problem
    Y_v = Y_batch * violators                         # y_i on violators, 0 elsewhere
    eta = nC / t
    W = (1.0 - 1.0 / t) * W + (eta / n_batch) * (X_batch.T @ Y_v)
    if fit_intercept:
        b = b + Y_v.sum(axis=0) / (np.sqrt(t) * n_batch)
    return W, b
    ### END SOLUTION (gap 08)


def _check_common(X, y):
    X, y = check_X_y(X, y)
    classes, y_enc = check_classification_targets(y)
    return X, classes, y_enc


class SVC(ClassifierMixin, BaseEstimator):
    r"""Kernel support vector classifier trained on the dual by SMO.

    For two classes with :math:`y_i = +1` for ``classes_[1]`` and :math:`-1` for
    ``classes_[0]``, solves the soft-margin primal (in the feature space of the kernel)

    .. math:: \min_{\mathbf w, b}\ \tfrac12\lVert\mathbf w\rVert^2
              + C\sum_{i=1}^n \max\bigl(0,\ 1 - y_i(\mathbf w^\top\phi(\mathbf x_i) + b)\bigr)

    (a sum over samples; the intercept is not penalised) through its dual

    .. math:: \max_{\boldsymbol\alpha}\ \sum_i\alpha_i - \tfrac12\sum_{i,j}\alpha_i\alpha_j
              y_iy_jk(\mathbf x_i,\mathbf x_j)\quad\text{s.t. } 0\le\alpha_i\le C,\
              \textstyle\sum_i\alpha_iy_i = 0,

    and predicts with :math:`f(\mathbf x) = \sum_i\alpha_iy_ik(\mathbf x_i, \mathbf x) + b`.

    Differences from scikit-learn's ``SVC`` (libsvm): no ``"sigmoid"`` or ``"precomputed"``
    kernel, no ``probability``, ``class_weight``, ``break_ties``, ``shrinking`` or
    ``cache_size`` (the kernel cache is fixed at 200 MB, plus up to 100 MB of curvature rows,
    and there is no shrinking: the same optimum to within ``tol``, in more time). With its
    defaults it predicts as scikit-learn's.

    Parameters
    ----------
    C : float > 0, default 1.0
    kernel : {"linear", "poly", "rbf"}, default "rbf"
    gamma : "scale", "auto" or float > 0, default "scale"
        ``"scale"``: :math:`1 / (d\,\mathrm{Var}(X))` (all entries of X; 1 if that is 0);
        ``"auto"``: :math:`1/d`. Unused by the linear kernel.
    degree : int >= 1, default 3
        Degree of the polynomial kernel.
    coef0 : float, default 0.0
        :math:`c_0` of the polynomial kernel.
    tol : float > 0, default 1e-3
        SMO stops when the largest KKT violation is at most ``tol`` (libsvm's rule).
    max_iter : int >= 1, or -1, default -1
        SMO steps per binary problem; -1 (scikit-learn's default) means no limit. A binary
        problem that reaches it without meeting ``tol`` sets ``converged_ = False`` and
        emits a ``ConvergenceWarning`` (scikit-learn also warns).
    decision_function_shape : {"ovr", "ovo"}, default "ovr"
        For three or more classes: ``"ovo"`` returns the :math:`K(K-1)/2` pairwise scores;
        ``"ovr"`` (scikit-learn's default) aggregates them into :math:`K` scores per sample,
        as scikit-learn does: the votes of class :math:`k` plus
        :math:`S_k / (3(|S_k| + 1))`, a tie-breaker in :math:`(-\tfrac13, \tfrac13)` from the
        sum :math:`S_k` of its pairwise scores (counted positive for :math:`k`). In these
        votes a pairwise score of exactly 0 goes to the *first* class of the pair, while
        ``predict`` (libsvm's vote) gives it to the second: both as scikit-learn, whose
        ``argmax`` of the ``"ovr"`` scores can thus differ from ``predict`` on exact ties.
        Ignored for two classes.
    random_state : None, int or Generator
        Accepted for scikit-learn compatibility; SMO is deterministic (ties in the
        working-set selection go to the lowest index), so it has no effect.

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
    support_ : ndarray of shape (n_SV,)
        Indices of the support vectors (:math:`\alpha_i > 0` in some binary problem), sorted
        by class, then by index, as in libsvm.
    support_vectors_ : ndarray of shape (n_SV, n_features)
    n_support_ : ndarray of shape (K,)
        Support vectors per class.
    dual_coef_ : ndarray of shape (K - 1, n_SV)
        :math:`\alpha_iy_i`. For two classes, one row and :math:`y = +1` for ``classes_[1]``.
        For more, libsvm's layout: in the problem of classes :math:`p < q`, :math:`y = +1`
        for class :math:`p`; its coefficients of class-p vectors are in row :math:`q - 1`
        and of class-q vectors in row :math:`p`.
    intercept_ : ndarray of shape (K (K - 1) / 2,)
        :math:`b` of each binary problem, in the order (0, 1), (0, 2), ..., (K-2, K-1).
    n_iter_ : ndarray of shape (K (K - 1) / 2,)
        SMO steps of each binary problem.
    converged_ : bool
        Every binary problem met the tolerance.
    n_features_in_ : int
    """

    def __init__(self, C=1.0, kernel="rbf", gamma="scale", degree=3, coef0=0.0, tol=1e-3,
                 max_iter=-1, decision_function_shape="ovr", random_state=None):
        self.C = C
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.tol = tol
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape
        self.random_state = random_state

    def _check_params(self, X):
        check_scalar(self.C, "C", min_val=0, include_min=False)
        if self.kernel not in KERNELS:
            raise ValueError(f"kernel must be one of {KERNELS}, got {self.kernel!r}")
        check_scalar(self.degree, "degree", kind=numbers.Integral, min_val=1)
        check_scalar(self.coef0, "coef0")
        check_scalar(self.tol, "tol", min_val=0, include_min=False)
        if not (isinstance(self.max_iter, numbers.Integral) and not isinstance(self.max_iter, bool)
                and (self.max_iter == -1 or self.max_iter >= 1)):
            raise ValueError(f"max_iter must be an int >= 1, or -1 for no limit, got "
                             f"{self.max_iter!r}")
        if self.decision_function_shape not in SHAPES:
            raise ValueError(f"decision_function_shape must be one of {SHAPES}, got "
                             f"{self.decision_function_shape!r}")
        check_random_state(self.random_state)
        if isinstance(self.gamma, str):
            if self.gamma == "scale":
                var = X.var()
                return 1.0 / (X.shape[1] * var) if var > 0 else 1.0
            if self.gamma == "auto":
                return 1.0 / X.shape[1]
            raise ValueError(f"gamma must be 'scale', 'auto' or a float > 0, got {self.gamma!r}")
        return float(check_scalar(self.gamma, "gamma", min_val=0, include_min=False))

    def _params(self):
        return dict(kernel=self.kernel, gamma=self._gamma, degree=self.degree, coef0=self.coef0)

    def fit(self, X, y):
        """Fit one SMO problem per pair of classes; ``X`` is (n_samples, n_features)."""
        X, self.classes_, y_enc = _check_common(X, y)
        self._gamma = self._check_params(X)
        self.n_features_in_ = X.shape[1]
        n, n_cls = len(X), len(self.classes_)
        pairs = list(combinations(range(n_cls), 2))
        alphas = np.zeros((len(pairs), n))     # alpha_i y_i of every sample in every problem
        self.intercept_, self.n_iter_ = np.zeros(len(pairs)), np.zeros(len(pairs), dtype=int)
        self.converged_ = True
        # one kernel matrix for all pairs when it fits; each pair uses a block of it
        G_all = kernel_matrix(X, X, **self._params()) if 8 * n * n <= CACHE_BYTES else None
        for k, (p, q) in enumerate(pairs):
            idx = np.flatnonzero((y_enc == p) | (y_enc == q))
            # two classes: +1 for classes_[1]; more: +1 for the first class p (libsvm)
            yy = np.where(y_enc[idx] == (q if n_cls == 2 else p), 1.0, -1.0)
            block = None if G_all is None else G_all if n_cls == 2 else G_all[np.ix_(idx, idx)]
            cols = _KernelColumns(X[idx], self._params(), block)
            a, b, it, ok = smo(cols if cols.full is None else cols.full, yy, self.C, self.tol,
                               None if self.max_iter == -1 else self.max_iter)
            alphas[k, idx] = a * yy
            self.intercept_[k], self.n_iter_[k] = b, it
            self.converged_ &= ok
        is_sv = (alphas != 0).any(axis=0)
        order = np.lexsort((np.arange(n), y_enc))   # by class, then by index
        self.support_ = order[is_sv[order]]
        self.support_vectors_ = X[self.support_]
        sv_cls = y_enc[self.support_]
        self.n_support_ = np.bincount(sv_cls, minlength=n_cls).astype(np.int32)
        self._coef = alphas[:, self.support_].T   # (n_SV, n_pairs): decision = G @ _coef + b
        self.dual_coef_ = np.zeros((n_cls - 1, len(self.support_)))
        for k, (p, q) in enumerate(pairs):
            self.dual_coef_[q - 1, sv_cls == p] = self._coef[sv_cls == p, k]
            self.dual_coef_[p, sv_cls == q] = self._coef[sv_cls == q, k]
        if not self.converged_:
            warn_not_converged(self, self.max_iter, self.tol, what="SMO steps",
                               hint="increase max_iter, or standardise the features")
        return self

    def _ovo(self, X):
        """The pairwise scores f(x), shape (n, K (K - 1) / 2), pairs (0, 1), (0, 2), ..."""
        X = check_predict_input(self, X, "support_")
        dec = kernel_matrix(X, self.support_vectors_, **self._params()) @ self._coef
        return dec + self.intercept_

    def decision_function(self, X):
        """Scores: shape (n,) for two classes (positive means ``classes_[1]``); for more,
        shape (n, K) with ``decision_function_shape="ovr"`` (votes plus a tie-breaker, see
        the class docstring) or (n, K (K - 1) / 2) with ``"ovo"`` (the pairwise
        :math:`f(\\mathbf x)`, positive for the first class of the pair)."""
        dec = self._ovo(X)
        n_cls = len(self.classes_)
        if n_cls == 2:
            return dec[:, 0]
        if self.decision_function_shape == "ovo":
            return dec
        pairs = np.array(list(combinations(range(n_cls), 2)))
        eye = np.eye(n_cls)
        first, second = eye[pairs[:, 0]], eye[pairs[:, 1]]     # (n_pairs, K) one-hot rows
        votes = (dec >= 0) @ first + (dec < 0) @ second         # a score of 0: first class
        conf = dec @ (first - second)                           # S_k, positive for class k
        return votes + conf / (3 * (np.abs(conf) + 1))

    def predict(self, X):
        """The class with most one-versus-one votes (libsvm's rule: a pairwise score > 0
        votes for the first class of the pair, a score <= 0 for the second; ties between
        classes go to the first). For two classes, ``classes_[1]`` where the score is >= 0."""
        dec = self._ovo(X)
        if len(self.classes_) == 2:
            return self.classes_[(dec[:, 0] >= 0).astype(int)]
        pairs = np.array(list(combinations(range(len(self.classes_)), 2)))
        eye = np.eye(len(self.classes_))
        votes = (dec > 0) @ eye[pairs[:, 0]] + (dec <= 0) @ eye[pairs[:, 1]]
        return self.classes_[np.argmax(votes, axis=1)]


class LinearSVC(ClassifierMixin, BaseEstimator):
    r"""Linear SVM trained in the primal by mini-batch stochastic subgradient steps (Pegasos).

    For two classes (:math:`y_i = +1` for ``classes_[1]``) it minimises

    .. math:: J(\mathbf w, b) = \tfrac12\lVert\mathbf w\rVert^2
              + C\sum_{i=1}^n\max\bigl(0,\ 1 - y_i(\mathbf w^\top\mathbf x_i + b)\bigr),

    the same objective as ``SVC(kernel="linear")``: a sum of hinge losses, and the intercept
    :math:`b` is **not** penalised. This is the lesson, so it differs from scikit-learn's
    ``LinearSVC`` (liblinear), which by default uses the *squared* hinge, penalises the
    intercept as a weight on a constant feature, and stops on ``tol``: with the same ``C``
    the two give different models, and the swap of one import changes the predictions.

    Pegasos descends :math:`J / (nC) = \frac{1}{2nC}\lVert\mathbf w\rVert^2 +
    \frac1n\sum_i\mathrm{hinge}_i` (regularisation weight :math:`1/(nC)`). At step
    :math:`t = 1, 2, \dots`, with a mini-batch :math:`\mathcal B` of size :math:`B` and its
    violators :math:`\mathcal V = \{i\in\mathcal B: y_i(\mathbf w^\top\mathbf x_i + b) < 1\}`,
    the learning rate is :math:`\eta_t = nC/t` and (equation (20) of the notebook)

    .. math:: \mathbf w \leftarrow \Bigl(1 - \frac1t\Bigr)\mathbf w
              + \frac{\eta_t}{B}\sum_{i\in\mathcal V}y_i\mathbf x_i, \qquad
              b \leftarrow b + \frac{1}{\sqrt t}\,\frac1B\sum_{i\in\mathcal V}y_i,

    (:math:`1 - \eta_t/(nC) = 1 - 1/t`) and the returned parameters are the average of the
    iterates over the second half of the epochs. More than two classes: one binary problem
    per class against the rest (as scikit-learn's ``LinearSVC``), all updated together.

    Parameters
    ----------
    C : float > 0, default 1.0
    fit_intercept : bool, default True
        Learn :math:`b`; otherwise :math:`b = 0`.
    max_iter : int >= 1, default 100
        Epochs (passes over the data, reshuffled each time). Pegasos has no stopping test:
        it always runs ``max_iter`` epochs (so there is no ``tol`` and no ``converged_``).
    batch_size : int >= 1, default 16
        :math:`B`.
    random_state : None, int or Generator
        Draws the shuffles.

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features) for two classes, else (K, n_features)
    intercept_ : ndarray of shape (1,) or (K,)
    classes_ : ndarray of shape (K,)
    objective_history_ : ndarray of shape (max_iter,)
        :math:`J` after each epoch, of the current iterate in the first half of the epochs
        and of the running average after that (summed over the binary problems when there
        are more than two classes).
    n_iter_ : int
    n_features_in_ : int

    Notes
    -----
    How close it gets. The error after :math:`T` steps is :math:`O(nC/T)` (the inverse of
    the regularisation weight over the number of steps): fast for moderate :math:`C`, slow for
    large :math:`C`. With the defaults on the standardised breast-cancer data (569 samples)
    the objective ends a few per cent above the optimum at :math:`C = 1`, tens of per cent
    above it at :math:`C = 10` and several times above it at :math:`C = 100`; ten times more
    epochs divide those gaps by about ten. For the exact optimum use ``SVC(kernel="linear")``.

    What happens to the intercept. The step :math:`\eta_t = nC/t` relies on the strongly
    convex :math:`\frac{1}{2nC}\lVert\mathbf w\rVert^2`; :math:`b` has no such term, and with
    that huge early step it would swing wildly. So (i) the data are centred first, which
    changes nothing in :math:`J` because :math:`b` is unpenalised (:math:`\mathbf w^\top
    (\mathbf x - \bar{\mathbf x}) + b_c = \mathbf w^\top\mathbf x + b` with :math:`b = b_c -
    \mathbf w^\top\bar{\mathbf x}`) and puts the optimal :math:`b_c` near 0; (ii) :math:`b`
    takes the plain subgradient step :math:`1/\sqrt t` of a convex, not strongly convex,
    direction.
    """

    def __init__(self, C=1.0, fit_intercept=True, max_iter=100, batch_size=16,
                 random_state=None):
        self.C = C
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.random_state = random_state

    def fit(self, X, y):
        """Run ``max_iter`` epochs of Pegasos on ``X`` (n_samples, n_features) and ``y``."""
        X, self.classes_, y_enc = _check_common(X, y)
        check_scalar(self.C, "C", min_val=0, include_min=False)
        check_bool(self.fit_intercept, "fit_intercept")
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        rng = check_random_state(self.random_state)
        n, d = X.shape
        n_cls = len(self.classes_)
        # one column of +-1 labels per binary problem (a single one for two classes)
        Y = (np.where(y_enc == 1, 1.0, -1.0)[:, None] if n_cls == 2
             else np.where(y_enc[:, None] == np.arange(n_cls), 1.0, -1.0))
        B = min(self.batch_size, n)
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(d)
        Xc = X - x_mean                                  # exact: b is not penalised
        W, b = np.zeros((d, Y.shape[1])), np.zeros(Y.shape[1])
        W_avg, b_avg, n_avg, t = np.zeros_like(W), np.zeros_like(b), 0, 0
        history = []
        # features so large that the scores overflow (about 1e150 and up) make the objective
        # inf or NaN: check_finite_fit stops the fit with a clear error after that epoch
        with np.errstate(invalid="ignore", over="ignore"):
            for epoch in range(self.max_iter):
                shuffled = rng.permutation(n)
                for start in range(0, n, B):
                    t += 1
                    idx = shuffled[start:start + B]
                    W, b = pegasos_step(Xc[idx], Y[idx], W, b, t, n * self.C, self.fit_intercept)
                    if epoch >= self.max_iter // 2:          # running mean of the late iterates
                        n_avg += 1
                        W_avg += (W - W_avg) / n_avg
                        b_avg += (b - b_avg) / n_avg
                Wk, bk = (W_avg, b_avg) if n_avg else (W, b)
                history.append(check_finite_fit(self._objective(Xc, Y, Wk, bk), self,
                                                what="objective", iteration=epoch + 1,
                                                hint="Standardise X, e.g. with "
                                                     "utils.preprocessing.StandardScaler."))
        self.coef_, self.intercept_ = W_avg.T.copy(), b_avg - x_mean @ W_avg
        self.objective_history_ = np.array(history)
        self.n_iter_ = self.max_iter
        self.n_features_in_ = d
        return self

    def _objective(self, X, Y, W, b):
        hinge = np.maximum(0.0, 1.0 - Y * (X @ W + b))
        return float(0.5 * (W * W).sum() + self.C * hinge.sum())

    def decision_function(self, X):
        r""":math:`\mathbf w^\top\mathbf x + b`: shape (n,) for two classes, else (n, K)."""
        X = check_predict_input(self, X, "coef_")
        dec = X @ self.coef_.T + self.intercept_
        return dec[:, 0] if len(self.classes_) == 2 else dec

    def predict(self, X):
        """``classes_[1]`` where the score is positive (two classes), else the top score."""
        dec = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(dec > 0).astype(int)]
        return self.classes_[np.argmax(dec, axis=1)]
