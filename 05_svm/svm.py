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
from utils.validation import (check_array, check_classification_targets, check_is_fitted,
                              check_n_features, check_random_state, check_scalar, check_X_y)

KERNELS = ("linear", "poly", "rbf")
# The dual is a sum of terms bounded by sum(alpha): its rounding error is a few machine
# epsilons of that. A possible increase below ROUNDING * sum(alpha) cannot be measured.
ROUNDING = 8 * np.finfo(np.float64).eps
TAU = 1e-12               # libsvm's floor for the curvature eta of a working pair
CACHE_BYTES = 200 * 2**20  # kernel columns kept by SMO (scikit-learn's default cache_size)


def kernel_matrix(X, Z, kernel="rbf", gamma=1.0, degree=3, coef0=0.0):
    r"""The kernel matrix :math:`K_{ab} = k(\mathbf x_a, \mathbf z_b)` of shape (len(X), len(Z)).

    ``"linear"``: :math:`\mathbf x^\top\mathbf z`; ``"poly"``:
    :math:`(\gamma\,\mathbf x^\top\mathbf z + c_0)^{\mathrm{degree}}`; ``"rbf"``:
    :math:`\exp(-\gamma\lVert\mathbf x - \mathbf z\rVert^2)`, with the squared distance
    expanded as :math:`\lVert\mathbf x\rVert^2 + \lVert\mathbf z\rVert^2 - 2\mathbf x^\top
    \mathbf z` (one matrix product) and clipped at 0 against rounding.
    """
    X, Z = np.atleast_2d(X), np.atleast_2d(Z)
    ### BEGIN SOLUTION
    G = X @ Z.T
    if kernel == "linear":
        return G
    if kernel == "poly":
        return (gamma * G + coef0) ** degree
    sq = (X * X).sum(axis=1)[:, None] + (Z * Z).sum(axis=1)[None, :] - 2.0 * G
    return np.exp(-gamma * np.maximum(sq, 0.0))
    ### END SOLUTION


def dual_objective(dual_coef, K):
    r"""The dual objective :math:`D(\alpha) = \sum_i\alpha_i - \frac12\sum_{ij} \alpha_i\alpha_j
    y_iy_jK_{ij}` from ``dual_coef`` :math:`= \alpha\circ y` (so :math:`\alpha_i = |c_i|`)."""
    c = np.asarray(dual_coef, dtype=np.float64)
    return float(np.abs(c).sum() - 0.5 * c @ K @ c)


class _KernelColumns:
    """Columns of the training kernel matrix: all at once if the matrix fits in
    ``CACHE_BYTES``, else computed on demand and cached, least recently used out first."""

    def __init__(self, X, params, full=None):
        self.X, self.params, self.cache = X, params, {}
        self.capacity = CACHE_BYTES // (8 * len(X))
        if full is None and self.capacity >= len(X):
            full = kernel_matrix(X, X, **params)
        self.full = full
        if self.full is not None:   # the diagonal of the same matrix: eta_ii = 0 exactly
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


def smo(K, y, C, tol=1e-3, max_iter=None):
    r"""Solve the binary soft-margin dual by SMO with second-order working-set selection.

    Maximises :math:`\sum_i\alpha_i - \frac12\sum_{ij}\alpha_i\alpha_jy_iy_jK_{ij}` subject to
    :math:`0\le\alpha_i\le C` and :math:`\sum_i\alpha_iy_i = 0`.

    Parameters
    ----------
    K : object with ``K[i]`` (column i of the kernel matrix) and ``K.diag``
    y : ndarray of shape (n,), entries +1 or -1
    C, tol : float
        Box bound; stop when the maximal KKT violation
        :math:`\max_{I_\mathrm{low}}E - \min_{I_\mathrm{up}}E` is at most ``tol``.
    max_iter : int or None
        Maximal number of SMO steps (None: no limit). The run also stops, as converged, when
        the largest possible increase of the dual, :math:`(E_j - E_i)^2 / (2\eta_{ij})`, is
        below its rounding error (``ROUNDING`` times :math:`\sum_i\alpha_i`): a ``tol``
        below the rounding error of :math:`E` could otherwise never be met.

    Returns
    -------
    alpha : ndarray of shape (n,)
    b : float
        The intercept of :math:`f(\mathbf x) = \sum_i\alpha_iy_ik(\mathbf x_i, \mathbf x) + b`.
    n_iter : int
    converged : bool
    """
    n = len(y)
    alpha = np.zeros(n)
    E = -y.astype(np.float64)  # error cache E_t = u_t - y_t with u = sum_s alpha_s y_s K_st = 0
    pos, n_iter, converged = y > 0, 0, False
    up, low = pos.copy(), ~pos   # I_up, I_low at alpha = 0; only entries i, j change later
    while max_iter is None or n_iter < max_iter:
        ### BEGIN SOLUTION
        E_up = np.where(up, E, np.inf)
        i = int(np.argmin(E_up))
        E_low = np.where(low, E, -np.inf)
        if E_low.max() - E_up[i] <= tol:
            converged = True
            break
        Ki = K[i]
        eta = np.maximum(K.diag[i] + K.diag - 2.0 * Ki, TAU)
        gain = np.maximum(E_low - E[i], 0.0)   # E_t - E_i where positive (a violating pair)
        j = int(np.argmax(gain * gain / eta))  # the largest decrease of the dual, (E_t-E_i)^2/eta
        if gain[j] ** 2 / (2 * eta[j]) <= ROUNDING * alpha.sum():
            # The floating-point floor: no pair can change the dual by more than its rounding
            # error, so tol (below the rounding error of E) can never be met: stop here.
            converged = True
            break
        Kj = K[j]
        # move alpha_i by +t*y_i and alpha_j by -t*y_j (y^T alpha stays 0), the step clipped
        # where either multiplier reaches its bound; a bound is set exactly, not by rounding
        end_i, end_j = (C if pos[i] else 0.0), (0.0 if pos[j] else C)
        room_i, room_j = abs(end_i - alpha[i]), abs(end_j - alpha[j])
        t = min((E[j] - E[i]) / eta[j], room_i, room_j)
        alpha[i] = end_i if t == room_i else min(max(alpha[i] + t * y[i], 0.0), C)
        alpha[j] = end_j if t == room_j else min(max(alpha[j] - t * y[j], 0.0), C)
        E += t * (Ki - Kj)                     # the O(n) update of the error cache
        ### END SOLUTION
        for s in (i, j):
            up[s] = alpha[s] < C if pos[s] else alpha[s] > 0
            low[s] = alpha[s] > 0 if pos[s] else alpha[s] < C
        n_iter += 1
    b = _intercept(alpha, E, y, C)
    return alpha, b, n_iter, converged


def _intercept(alpha, E, y, C):
    """b = -rho, rho the mean of E over free vectors (or the middle of its feasible range)."""
    ### BEGIN SOLUTION
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return -float(E[free].mean())
    # all at a bound: rho may be anywhere in [max E over I_low, min E over I_up]
    at_up = np.where(y > 0, alpha <= 0, alpha >= C)
    return -float((E[at_up].min() + E[~at_up].max()) / 2)
    ### END SOLUTION


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
    max_iter : int >= 1 or None, default None
        SMO steps per binary problem; None means no limit. Reaching it is not an error:
        ``converged_`` is then False (nothing is warned).
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
                 max_iter=None, random_state=None):
        self.C = C
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.tol = tol
        self.max_iter = max_iter
        self.random_state = random_state

    def _check_params(self, X):
        check_scalar(self.C, "C", min_val=0, include_min=False)
        if self.kernel not in KERNELS:
            raise ValueError(f"kernel must be one of {KERNELS}, got {self.kernel!r}")
        check_scalar(self.degree, "degree", kind=numbers.Integral, min_val=1)
        check_scalar(self.coef0, "coef0")
        check_scalar(self.tol, "tol", min_val=0, include_min=False)
        if self.max_iter is not None:
            check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
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
        K_all = kernel_matrix(X, X, **self._params()) if 8 * n * n <= CACHE_BYTES else None
        for k, (p, q) in enumerate(pairs):
            idx = np.flatnonzero((y_enc == p) | (y_enc == q))
            # two classes: +1 for classes_[1]; more: +1 for the first class p (libsvm)
            yy = np.where(y_enc[idx] == (q if n_cls == 2 else p), 1.0, -1.0)
            block = None if K_all is None else K_all if n_cls == 2 else K_all[np.ix_(idx, idx)]
            cols = _KernelColumns(X[idx], self._params(), block)
            a, b, it, ok = smo(cols, yy, self.C, self.tol, self.max_iter)
            alphas[k, idx] = a * yy
            self.intercept_[k], self.n_iter_[k] = b, it
            self.converged_ &= ok
        is_sv = (alphas != 0).any(axis=0)
        order = np.lexsort((np.arange(n), y_enc))   # by class, then by index
        self.support_ = order[is_sv[order]]
        self.support_vectors_ = X[self.support_]
        sv_cls = y_enc[self.support_]
        self.n_support_ = np.bincount(sv_cls, minlength=n_cls).astype(np.int32)
        self._coef = alphas[:, self.support_].T   # (n_SV, n_pairs): decision = K @ _coef + b
        self.dual_coef_ = np.zeros((n_cls - 1, len(self.support_)))
        for k, (p, q) in enumerate(pairs):
            self.dual_coef_[q - 1, sv_cls == p] = self._coef[sv_cls == p, k]
            self.dual_coef_[p, sv_cls == q] = self._coef[sv_cls == q, k]
        return self

    def decision_function(self, X):
        """:math:`f(\\mathbf x)` of each binary problem: shape (n,) for two classes, else
        (n, K (K - 1) / 2) (scikit-learn's ``decision_function_shape="ovo"``); positive
        means ``classes_[1]`` for two classes and the first class of the pair otherwise."""
        check_is_fitted(self, "support_")
        X = check_array(X)
        check_n_features(self, X)
        dec = kernel_matrix(X, self.support_vectors_, **self._params()) @ self._coef
        dec += self.intercept_
        return dec[:, 0] if len(self.classes_) == 2 else dec

    def predict(self, X):
        """The class with most one-versus-one votes (ties: the first such class)."""
        dec = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(dec > 0).astype(int)]
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
    :math:`b` is **not** penalised. (scikit-learn's ``LinearSVC`` penalises it as a weight on
    a constant feature and uses the squared hinge by default, so its numbers differ.)
    Pegasos descends :math:`J / (nC) = \frac\lambda2\lVert\mathbf w\rVert^2 +
    \frac1n\sum_i\mathrm{hinge}_i` with :math:`\lambda = 1/(nC)`: at step :math:`t` with a
    mini-batch :math:`B` of size :math:`m` and the violators :math:`V = \{i\in B:
    y_i(\mathbf w^\top\mathbf x_i + b) < 1\}`, step :math:`\eta_t = 1/(\lambda t)`,

    .. math:: \mathbf w \leftarrow (1 - \eta_t\lambda)\mathbf w
              + \frac{\eta_t}{m}\sum_{i\in V}y_i\mathbf x_i, \qquad
              b \leftarrow b + \frac{\eta_t}{m}\sum_{i\in V}y_i,

    and the returned parameters are the average of the iterates over the second half of
    the epochs. More than two classes: one binary problem per class against the rest
    (scikit-learn's ``LinearSVC`` does the same), all updated together.

    Parameters
    ----------
    C : float > 0, default 1.0
    fit_intercept : bool, default True
        Learn :math:`b`; otherwise :math:`b = 0`.
    max_iter : int >= 1, default 100
        Epochs (passes over the data, reshuffled each time).
    batch_size : int >= 1, default 16
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
    What happens to the intercept. Pegasos's step :math:`1/(\lambda t)` relies on the
    :math:`\frac\lambda2\lVert\mathbf w\rVert^2` term; :math:`b` has none, and with that
    huge early step it swings wildly. So (i) the data are centred first, which changes
    nothing in :math:`J` because :math:`b` is unpenalised (:math:`\mathbf w^\top(\mathbf x -
    \bar{\mathbf x}) + b_c = \mathbf w^\top\mathbf x + b` with :math:`b = b_c -
    \mathbf w^\top\bar{\mathbf x}`) and puts the optimal :math:`b_c` near 0; (ii) :math:`b`
    takes the plain subgradient step :math:`b \leftarrow b + \frac{1}{\sqrt t}\frac1m
    \sum_{i\in V}y_i` of a convex, not strongly convex, direction. Convergence is
    :math:`O(1/(\lambda T))` in :math:`\mathbf w`: slow for large :math:`C` (small
    :math:`\lambda`), fast for large :math:`n` with moderate :math:`C`.
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
        if not isinstance(self.fit_intercept, (bool, np.bool_)):
            raise ValueError(f"fit_intercept must be True or False, got {self.fit_intercept!r}")
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        rng = check_random_state(self.random_state)
        n, d = X.shape
        n_cls = len(self.classes_)
        # one column of +-1 labels per binary problem (a single one for two classes)
        Y = (np.where(y_enc == 1, 1.0, -1.0)[:, None] if n_cls == 2
             else np.where(y_enc[:, None] == np.arange(n_cls), 1.0, -1.0))
        lam, m = 1.0 / (n * self.C), min(self.batch_size, n)
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(d)
        Xc = X - x_mean                                  # exact: b is not penalised
        W, b = np.zeros((d, Y.shape[1])), np.zeros(Y.shape[1])
        W_avg, b_avg, n_avg, t = np.zeros_like(W), np.zeros_like(b), 0, 0
        history = []
        for epoch in range(self.max_iter):
            order = rng.permutation(n)
            for start in range(0, n, m):
                idx = order[start:start + m]
                t += 1
                ### BEGIN SOLUTION
                Xb, Yb = Xc[idx], Y[idx]
                viol = Yb * (Xb @ W + b) < 1             # margin violators, per problem
                G = Yb * viol                            # y_i on violators, 0 elsewhere
                eta = 1.0 / (lam * t)
                W = (1.0 - eta * lam) * W + (eta / len(idx)) * (Xb.T @ G)
                if self.fit_intercept:
                    b = b + (1.0 / np.sqrt(t)) * G.sum(axis=0) / len(idx)
                ### END SOLUTION
                if epoch >= self.max_iter // 2:          # running mean of the late iterates
                    n_avg += 1
                    W_avg += (W - W_avg) / n_avg
                    b_avg += (b - b_avg) / n_avg
            Wk, bk = (W_avg, b_avg) if n_avg else (W, b)
            history.append(self._objective(Xc, Y, Wk, bk))
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
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        dec = X @ self.coef_.T + self.intercept_
        return dec[:, 0] if len(self.classes_) == 2 else dec

    def predict(self, X):
        """``classes_[1]`` where the score is positive (two classes), else the top score."""
        dec = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(dec > 0).astype(int)]
        return self.classes_[np.argmax(dec, axis=1)]
