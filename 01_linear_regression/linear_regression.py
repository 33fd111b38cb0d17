r"""Linear regression from scratch: least squares, gradient descent, ridge and lasso.

The model is :math:`\hat y = Xw + b` with ``coef_`` :math:`w \in \mathbb{R}^d` and
``intercept_`` :math:`b`. Every estimator follows the scikit-learn conventions and uses
scikit-learn's class names and objectives, so one import swaps it for the library version.
Targets are 1-D (one output); a column vector of shape (n, 1) is flattened, wider ``y`` is
rejected.
"""
import numbers

import numpy as np

from utils.base import BaseEstimator, RegressorMixin
from utils.validation import (check_array, check_is_fitted, check_n_features,
                              check_random_state, check_scalar, check_X_y)

SOLVERS = ("normal", "lstsq", "gd", "sgd")
_DIVERGED = 1e300  # a loss above this (or NaN/inf) means gradient descent has diverged

# The smallest relative duality gap of Lasso that floating point can certify (see Lasso).
GAP_FLOOR = 64 * np.finfo(np.float64).eps


def center_data(X, y, fit_intercept=True):
    r"""Centre the columns of ``X`` and ``y`` so the intercept drops out of the fit.

    Minimising over :math:`b` first gives :math:`b = \bar y - \bar x^\top w`; substituting
    it leaves a problem in :math:`w` alone on :math:`X_c = X - \bar x^\top`,
    :math:`y_c = y - \bar y`. With ``fit_intercept=False`` nothing is centred and the means
    are zero.

    Returns
    -------
    Xc, yc, x_mean, y_mean : ndarray, ndarray, ndarray of shape (n_features,), float
    """
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


def soft_threshold(z, gamma):
    r"""The soft-thresholding operator :math:`S(z, \gamma) = \mathrm{sign}(z)\max(|z| - \gamma, 0)`.

    It is the minimiser of :math:`\tfrac12 (t - z)^2 + \gamma |t|` over :math:`t`: the lasso's
    one-dimensional update. Works elementwise on arrays.
    """
    ### BEGIN SOLUTION
    return np.sign(z) * np.maximum(np.abs(z) - gamma, 0.0)
    ### END SOLUTION


def mse_gradient(X, y, w, b):
    r"""Gradient of :math:`J(w, b) = \frac{1}{2n}\lVert y - Xw - b\rVert^2`.

    With the residual :math:`r = y - Xw - b`:
    :math:`\nabla_w J = -\frac1n X^\top r` and :math:`\partial J / \partial b = -\frac1n
    \sum_i r_i`.

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
    grad_b : float
    """
    ### BEGIN SOLUTION
    r = y - X @ w - b
    return -(X.T @ r) / X.shape[0], -float(r.mean())
    ### END SOLUTION


def _mse(X, y, w, b):
    return float(np.mean((y - X @ w - b) ** 2))


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")


def _solve_normal_equations(Xc, yc, alpha):
    r"""Solve :math:`(X_c^\top X_c + \alpha I) w = X_c^\top y_c` (``alpha=0``: plain OLS)."""
    try:
        ### BEGIN SOLUTION
        A = Xc.T @ Xc + alpha * np.eye(Xc.shape[1])
        return np.linalg.solve(A, Xc.T @ yc)
        ### END SOLUTION
    except np.linalg.LinAlgError:
        raise ValueError(
            "X^T X + alpha*I is singular (collinear or constant features). Use "
            "LinearRegression(solver='lstsq') or Ridge with alpha > 0.") from None


def _solve_lstsq(Xc, yc):
    """Minimum-norm least squares via the QR of [Xc | yc] (see LinearRegression's Notes)."""
    n, d = Xc.shape
    ### BEGIN SOLUTION
    # R of the augmented matrix holds both R_X (first d columns) and z = Q^T y (last
    # column), so the tall factor Q is never formed.
    R = np.linalg.qr(np.column_stack([Xc, yc]), mode="r")
    R_X, z = R[:, :d], R[:, d]
    # The SVD of the small R_X drops directions with no information (rank deficiency).
    U, s, Vt = np.linalg.svd(R_X, full_matrices=False)
    keep = s > s[0] * max(n, d) * np.finfo(np.float64).eps
    return Vt[keep].T @ ((U[:, keep].T @ z) / s[keep])
    ### END SOLUTION


def _batches(X, y, batch_size, rng):
    """Yield mini-batches of a fresh shuffle, or the whole data set for a full batch."""
    n = X.shape[0]
    if batch_size >= n:
        yield X, y
        return
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]


class _LinearModel(RegressorMixin, BaseEstimator):
    """``predict`` and ``score`` (R^2) shared by the linear regressors."""

    def predict(self, X):
        """Return :math:`Xw + b` for each row of ``X``."""
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        return X @ self.coef_ + self.intercept_


class LinearRegression(_LinearModel):
    r"""Ordinary least squares, by a closed form or by gradient descent.

    Minimises the mean squared error :math:`L(w, b) = \frac1n \lVert y - Xw - b\rVert^2`.

    Parameters
    ----------
    solver : {"normal", "lstsq", "gd", "sgd"}, default "lstsq"
        ``"normal"`` solves the normal equations :math:`X_c^\top X_c w = X_c^\top y_c` on
        centred data (fast, but squares the condition number). ``"lstsq"`` is the stable
        minimum-norm solution by QR (see Notes). ``"gd"`` is full-batch gradient descent,
        ``"sgd"`` mini-batch stochastic gradient descent.
    fit_intercept : bool, default True
        Learn :math:`b`; otherwise :math:`b = 0`.
    learning_rate : float > 0, default 0.01
        The constant step :math:`\eta` of gd/sgd.
    max_iter : int >= 1, default 1000
        The maximum number of epochs (passes over the training data) of gd/sgd.
    batch_size : int >= 1 or None, default None
        Mini-batch size of ``"sgd"``; None means 32; a value >= the number of training
        samples gives full-batch steps. ``"gd"`` always uses the full batch.
    tol : float >= 0, default 1e-6
        Relative tolerance of the stopping rules below.
    early_stopping : bool, default False
        Hold out ``validation_fraction`` of the data and stop on its MSE (below).
    validation_fraction : float in (0, 1), default 0.1
        ``ceil(validation_fraction * n)`` samples, chosen at random, form the validation set.
    n_iter_no_change : int >= 1, default 5
        Patience of early stopping, in epochs.
    random_state : None, int or numpy.random.Generator
        One generator, made at fit, draws the validation split, then the sgd shuffles.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int
    loss_history_ : ndarray (gd/sgd only)
        The training MSE :math:`\frac1n\lVert r\rVert^2` after each epoch.
    n_iter_ : int (gd/sgd only)
        Epochs run, ``len(loss_history_)``.
    converged_, diverged_ : bool (gd/sgd only)
        Whether a stopping rule fired; whether the loss blew up.
    validation_loss_history_ : ndarray (with early_stopping only)
        The validation MSE after each epoch.

    Notes
    -----
    Gradient descent starts at :math:`w = 0, b = 0` and descends
    :math:`J = \frac{1}{2n}\lVert y - Xw - b\rVert^2 = L / 2`, whose gradient is
    :math:`\nabla_w J = -\frac1n X^\top r`, :math:`\partial_b J = -\frac1n \sum_i r_i` with
    :math:`r = y - Xw - b` (over the mini-batch for sgd): :math:`w \leftarrow w - \eta
    \nabla_w J`. Each sgd epoch reshuffles the training data.

    Stopping: without early stopping, after epoch :math:`k` the fit has converged when the
    training loss fell by a relative amount in :math:`[0, \mathrm{tol}]`:
    :math:`0 \le L_{k-1} - L_k \le \mathrm{tol}\cdot L_{k-1}` (:math:`L_0` is the loss at the
    start; a rising loss never counts as converged). A noisy sgd loss seldom meets this
    rule: bound sgd with ``max_iter`` or early stopping. With early stopping, the fit stops
    once the validation MSE has not fallen below :math:`(1 - \mathrm{tol})` times its best
    value for ``n_iter_no_change`` consecutive epochs, and ``coef_``/``intercept_`` are the
    weights with the lowest validation MSE seen. Reaching ``max_iter`` leaves
    ``converged_=False``; nothing is warned.

    Divergence (learning rate too large): as soon as the training loss is NaN, infinite or
    above 1e300 the fit stops without raising or warning, ``diverged_=True``,
    ``loss_history_`` ends with that value, and ``coef_``/``intercept_`` are those of the
    last epoch with a finite loss (the initial zeros if there was none).

    ``"lstsq"``: centre, take the QR factorisation of :math:`[X_c \mid y_c]` (``mode="r"``)
    whose triangular factor is :math:`\begin{bmatrix} R & z \\ 0 & \rho\end{bmatrix}` with
    :math:`z = Q^\top y_c`, then solve :math:`R w = z` through the SVD of the small
    :math:`d \times d` matrix :math:`R`, dropping singular values below
    :math:`\max(n, d)\,\varepsilon\, s_{\max}` (numpy's lstsq rule), which gives the
    minimum-norm solution for rank-deficient :math:`X`. Measured at n = 1e5, d = 50 on
    2 cores (median of 7): this QR 171 ms, ``np.linalg.lstsq`` (SVD-based gelsd, what
    scikit-learn uses through SciPy) 206 ms, a reduced QR that forms :math:`Q` 403 ms;
    the whole fit takes 0.92-0.96 times scikit-learn's.
    """

    def __init__(self, solver="lstsq", fit_intercept=True, learning_rate=0.01, max_iter=1000,
                 batch_size=None, tol=1e-6, early_stopping=False, validation_fraction=0.1,
                 n_iter_no_change=5, random_state=None):
        self.solver = solver
        self.fit_intercept = fit_intercept
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.tol = tol
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.random_state = random_state

    def _check_params(self):
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}")
        _check_bool(self.fit_intercept, "fit_intercept")
        _check_bool(self.early_stopping, "early_stopping")
        check_scalar(self.learning_rate, "learning_rate", min_val=0, include_min=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        if self.batch_size is not None:
            check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", min_val=0)
        check_scalar(self.validation_fraction, "validation_fraction", min_val=0, max_val=1,
                     include_min=False, include_max=False)
        check_scalar(self.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral,
                     min_val=1)
        return check_random_state(self.random_state)

    def fit(self, X, y):
        """Fit the model to ``X`` of shape (n_samples, n_features) and 1-D ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        rng = self._check_params()
        self.n_features_in_ = X.shape[1]
        if self.solver in ("gd", "sgd"):
            return self._fit_gradient_descent(X, y, rng)
        Xc, yc, x_mean, y_mean = center_data(X, y, self.fit_intercept)
        if self.solver == "normal":
            self.coef_ = _solve_normal_equations(Xc, yc, 0.0)
        else:
            self.coef_ = _solve_lstsq(Xc, yc)
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        return self

    def _fit_gradient_descent(self, X, y, rng):
        if self.early_stopping:
            n_val = int(np.ceil(self.validation_fraction * X.shape[0]))
            if X.shape[0] - n_val < 1:
                raise ValueError(
                    f"early_stopping needs at least one training and one validation sample; "
                    f"n_samples={X.shape[0]} with validation_fraction="
                    f"{self.validation_fraction} leaves none for training.")
            perm = rng.permutation(X.shape[0])
            X_val, y_val = X[perm[:n_val]], y[perm[:n_val]]
            X, y = X[perm[n_val:]], y[perm[n_val:]]
        batch_size = X.shape[0] if self.solver == "gd" else (self.batch_size or 32)
        eta, tol = self.learning_rate, self.tol
        w, b = np.zeros(X.shape[1]), 0.0
        kept = (w, b)  # the weights fit() returns: last finite, or best on validation
        prev_loss, best_val, stall = _mse(X, y, w, b), np.inf, 0
        history, val_history = [], []
        self.converged_ = self.diverged_ = False
        # A too-large learning rate overflows on purpose (the notebook shows it): stay silent
        # and detect it with isfinite instead.
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(self.max_iter):
                for Xb, yb in _batches(X, y, batch_size, rng):
                    ### BEGIN SOLUTION
                    grad_w, grad_b = mse_gradient(Xb, yb, w, b)
                    w = w - eta * grad_w
                    if self.fit_intercept:
                        b = b - eta * grad_b
                    ### END SOLUTION
                loss = _mse(X, y, w, b)
                history.append(loss)
                if not np.isfinite(loss) or loss > _DIVERGED:
                    self.diverged_ = True
                    break
                if not self.early_stopping:
                    kept = (w, b)
                    if 0 <= prev_loss - loss <= tol * prev_loss:
                        self.converged_ = True
                        break
                    prev_loss = loss
                    continue
                val = _mse(X_val, y_val, w, b)
                val_history.append(val)
                stall = 0 if val < (1 - tol) * best_val else stall + 1
                if val < best_val:
                    best_val, kept = val, (w, b)
                if stall >= self.n_iter_no_change:
                    self.converged_ = True
                    break
        self.coef_, self.intercept_ = kept[0].copy(), float(kept[1])
        self.loss_history_ = np.array(history)
        self.n_iter_ = len(history)
        if self.early_stopping:
            self.validation_loss_history_ = np.array(val_history)
        return self


class Ridge(_LinearModel):
    r"""Least squares with an L2 penalty (scikit-learn's objective).

    Minimises :math:`\lVert y - Xw - b\rVert^2 + \alpha \lVert w\rVert^2` (a sum, not a
    mean; the intercept is not penalised). Centring removes :math:`b`, and setting the
    gradient to zero gives :math:`(X_c^\top X_c + \alpha I) w = X_c^\top y_c`, solved
    directly; then :math:`b = \bar y - \bar x^\top w`.

    Parameters
    ----------
    alpha : float >= 0, default 1.0
        Penalty strength (0 is ordinary least squares by the normal equations).
    fit_intercept : bool, default True

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int
    """

    def __init__(self, alpha=1.0, fit_intercept=True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit the model to ``X`` of shape (n_samples, n_features) and 1-D ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        check_scalar(self.alpha, "alpha", min_val=0)
        _check_bool(self.fit_intercept, "fit_intercept")
        self.n_features_in_ = X.shape[1]
        Xc, yc, x_mean, y_mean = center_data(X, y, self.fit_intercept)
        self.coef_ = _solve_normal_equations(Xc, yc, float(self.alpha))
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        return self


def _lasso_duality_gap(Xc, yc, w, r, lam):
    """The duality gap G of Lasso's docstring (for the objective scaled by n)."""
    dual_norm = np.abs(Xc.T @ r).max()
    s = 1.0 if dual_norm <= lam else lam / dual_norm  # scale r into the dual feasible set
    return float(0.5 * (r @ r) * (1 + s * s) + lam * np.abs(w).sum() - s * (r @ yc))


class Lasso(_LinearModel):
    r"""Least squares with an L1 penalty, by cyclic coordinate descent (scikit-learn's objective).

    Minimises :math:`P(w, b) = \frac{1}{2n}\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_1`
    (intercept not penalised). On centred data, with the residual
    :math:`r = y_c - X_c w` and :math:`x_j` the j-th column, minimising over :math:`w_j`
    alone gives

    .. math:: w_j \leftarrow S\big(x_j^\top r + \lVert x_j\rVert^2 w_j,\; n\alpha\big)
              / \lVert x_j\rVert^2

    (``soft_threshold``); :math:`r` is updated in place after each coordinate and a sweep
    visits :math:`j = 0, \dots, d-1` in order. Columns with zero variance keep
    :math:`w_j = 0`. Starts at :math:`w = 0`; :math:`b = \bar y - \bar x^\top w`.

    Stopping rule (scikit-learn's): after each sweep, the duality gap
    :math:`G = \tfrac12\lVert r\rVert^2(1 + s^2) + n\alpha\lVert w\rVert_1 - s\,r^\top y_c`
    with :math:`s = \min(1, n\alpha / \lVert X_c^\top r\rVert_\infty)` bounds
    :math:`n\,(P(w) - P^\star)`; the fit has converged when
    :math:`G \le \mathrm{tol}\cdot\lVert y_c\rVert^2`. :math:`G` is computed from terms of
    size :math:`\lVert y_c\rVert^2` and carries their rounding error, so a ``tol`` below
    ``GAP_FLOOR`` (about :math:`64\varepsilon`) is raised to it: otherwise ``tol=0`` would
    never be met on some machines and met by luck on others. Reaching ``max_iter`` sweeps
    leaves ``converged_=False``; nothing is warned.

    Parameters
    ----------
    alpha : float > 0, default 1.0
        Penalty strength (for alpha = 0 use LinearRegression).
    fit_intercept : bool, default True
    max_iter : int >= 1, default 1000
        Maximum number of sweeps.
    tol : float >= 0, default 1e-4

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int
    n_iter_ : int
        Sweeps run.
    converged_ : bool
    dual_gap_ : float
        :math:`G / n`, in the units of :math:`P` (as scikit-learn reports it).
    """

    def __init__(self, alpha=1.0, fit_intercept=True, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit the model to ``X`` of shape (n_samples, n_features) and 1-D ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        check_scalar(self.alpha, "alpha", min_val=0)
        if self.alpha == 0:
            raise ValueError("alpha must be > 0 for Lasso; alpha = 0 is ordinary least "
                             "squares: use LinearRegression.")
        _check_bool(self.fit_intercept, "fit_intercept")
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", min_val=0)
        self.n_features_in_ = X.shape[1]
        Xc, yc, x_mean, y_mean = center_data(X, y, self.fit_intercept)
        Xc = np.asfortranarray(Xc)  # each update reads one column: make columns contiguous
        n, d = Xc.shape
        lam = n * float(self.alpha)
        col_sq = np.einsum("ij,ij->j", Xc, Xc)
        w, r = np.zeros(d), yc.copy()
        # The gap is a difference of terms of size ||y_c||^2 and carries their rounding
        # error: a tol below that floor (tol = 0, say) could never be met in floating point.
        gap_tol = max(float(self.tol), GAP_FLOOR) * float(yc @ yc)
        self.converged_ = False
        for sweep in range(1, self.max_iter + 1):
            for j in np.flatnonzero(col_sq):
                ### BEGIN SOLUTION
                w_old = w[j]
                w[j] = soft_threshold(Xc[:, j] @ r + col_sq[j] * w_old, lam) / col_sq[j]
                if w[j] != w_old:
                    r -= (w[j] - w_old) * Xc[:, j]
                ### END SOLUTION
            gap = _lasso_duality_gap(Xc, yc, w, r, lam)
            if gap <= gap_tol:
                self.converged_ = True
                break
        self.coef_, self.n_iter_, self.dual_gap_ = w, sweep, gap / n
        self.intercept_ = float(y_mean - x_mean @ w)
        return self

