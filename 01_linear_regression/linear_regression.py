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
from utils.validation import (check_bool, check_finite_fit, check_predict_input,
                              check_random_state, check_scalar, check_X_y,
                              warn_not_converged)

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
    r"""The soft-thresholding operator of equation (14),
    :math:`S(z, \gamma) = \mathrm{sign}(z)\max(|z| - \gamma, 0)`.

    It is the minimiser of :math:`\tfrac12 (t - z)^2 + \gamma |t|` over :math:`t`: the lasso's
    one-dimensional update. Zero on :math:`[-\gamma, \gamma]`, everything else moved towards
    zero by :math:`\gamma`.

    Parameters
    ----------
    z : float or ndarray of any shape
    gamma : float >= 0

    Returns
    -------
    float or ndarray of the shape of ``z``, elementwise :math:`S(z, \gamma)`
    """
    ### BEGIN SOLUTION (gap 05)
    return np.sign(z) * np.maximum(np.abs(z) - gamma, 0.0)
    ### END SOLUTION (gap 05)


def mse_gradient(X, y, w, b):
    r"""Gradient of :math:`J(w, b) = \frac{1}{2n}\lVert y - Xw - b\rVert^2`, equation (9).

    With the residual :math:`r = y - Xw - b`:
    :math:`\nabla_w J = -\frac1n X^\top r` and :math:`\partial J / \partial b = -\frac1n
    \sum_i r_i`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    w : ndarray of shape (n_features,)
    b : float

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
    grad_b : float (a Python float, not a 0-d array)
    """
    ### BEGIN SOLUTION (gap 01)
    r = y - X @ w - b
    return -(X.T @ r) / X.shape[0], -float(r.mean())
    ### END SOLUTION (gap 01)


def _mse(X, y, w, b):
    return float(np.mean((y - X @ w - b) ** 2))


def gradient_step(w, b, grad_w, grad_b, eta, fit_intercept=True):
    r"""One step of (mini-batch) gradient descent on :math:`J = L/2`, equations (10) and (12).

    :math:`w \leftarrow w - \eta\nabla_w J`, :math:`b \leftarrow b - \eta\,\partial_b J`,
    given the gradient (``mse_gradient`` on the whole data for (10), on a mini-batch for
    (12)); ``b`` stays unchanged when ``fit_intercept`` is False. ``w`` is not modified.

    Parameters
    ----------
    w : ndarray of shape (n_features,)
    b : float
    grad_w : ndarray of shape (n_features,)
    grad_b : float
    eta : float > 0, the learning rate
    fit_intercept : bool, default True

    Returns
    -------
    w : ndarray of shape (n_features,), a new array
    b : float
    """
    ### BEGIN SOLUTION (gap 02)
    return w - eta * grad_w, (b - eta * grad_b) if fit_intercept else b
    ### END SOLUTION (gap 02)


def normal_equations(Xc, yc, alpha=0.0):
    r"""Build the linear system of equation (6), or (13) for ridge: :math:`A w = c` with
    :math:`A = X_c^\top X_c + \alpha I` and :math:`c = X_c^\top y_c`.

    ``solve_normal_equations`` checks :math:`A` and solves it.

    Parameters
    ----------
    Xc : ndarray of shape (n_samples, n_features), centred
    yc : ndarray of shape (n_samples,), centred
    alpha : float >= 0, default 0.0 (ordinary least squares)

    Returns
    -------
    A : ndarray of shape (n_features, n_features)
    c : ndarray of shape (n_features,)
    """
    ### BEGIN SOLUTION (gap 03)
    return Xc.T @ Xc + alpha * np.eye(Xc.shape[1]), Xc.T @ yc
    ### END SOLUTION (gap 03)


def solve_normal_equations(Xc, yc, alpha=0.0):
    r"""Solve the system of ``normal_equations``, after checking that it is not singular.

    :math:`A = X_c^\top X_c + \alpha I` is symmetric positive semi-definite with
    eigenvalues :math:`s_j^2 + \alpha` (:math:`s_j` the singular values of :math:`X_c`).
    Forming and factorising :math:`A` makes errors of about
    :math:`\varepsilon\lambda_{\max}(A)`, so an eigenvalue below
    :math:`\max(n, d)\,\varepsilon\,\lambda_{\max}(A)` cannot be told from zero: :math:`A`
    is then singular *to working precision* and its solution would be rounding noise. That
    happens with a constant column (its centred values are rounding errors of about 1e-17,
    not exact zeros), a duplicated column, more features than samples, or an :math:`\alpha`
    too small for the data's scale. LAPACK only notices an exactly zero pivot, so we test
    the eigenvalues and raise a ``ValueError`` instead. The test costs :math:`O(d^3)`: next
    to the :math:`O(nd^2)` of forming :math:`A` it is negligible for small :math:`d` (0.2 ms
    against 9 ms at n = 20 000, d = 50) and about half of it at n = 5000, d = 500.

    Returns
    -------
    w : ndarray of shape (n_features,)
    """
    n, d = Xc.shape
    A, c = normal_equations(Xc, yc, alpha)
    lam = np.linalg.eigvalsh(A)
    if lam[-1] == 0 or lam[0] <= max(n, d) * np.finfo(np.float64).eps * lam[-1]:
        why = ("more features than samples" if d >= n else
               "constant or duplicated (collinear) columns")
        raise ValueError(
            f"X_c^T X_c + alpha*I is singular to working precision (alpha={alpha!r}: its "
            f"smallest eigenvalue is below max(n, d) * eps times its largest): likely {why}. "
            f"Use LinearRegression(solver='lstsq') for the minimum-norm least-squares "
            f"solution, or Ridge with a larger alpha.")
    return np.linalg.solve(A, c)


def solve_lstsq(Xc, yc):
    r"""Minimum-norm least squares :math:`\min_w \lVert y_c - X_c w\rVert`, equation (7), via
    the QR of :math:`[X_c \mid y_c]` and the SVD of :math:`R` (see LinearRegression's Notes).

    The triangular factor of :math:`[X_c \mid y_c]` holds :math:`R` (its first :math:`d`
    columns) and :math:`z = Q^\top y_c` (its last column), so :math:`Q` is never formed. The
    SVD :math:`R = U\,\mathrm{diag}(s)\,V^\top` then gives
    :math:`w = \sum_{j:\, s_j > \tau} \mathbf v_j (\mathbf u_j^\top z) / s_j`, keeping only
    singular values above :math:`\tau = \max(n, d)\,\varepsilon\, s_1` (numpy's lstsq rule):
    the minimum-norm solution when :math:`X_c` is rank deficient or wide.

    Parameters
    ----------
    Xc : ndarray of shape (n_samples, n_features), centred
    yc : ndarray of shape (n_samples,), centred

    Returns
    -------
    w : ndarray of shape (n_features,)
    """
    ### BEGIN SOLUTION (gap 04)
    n, d = Xc.shape
    # R of the augmented matrix holds both R_X (first d columns) and z = Q^T y (last
    # column), so the tall factor Q is never formed.
    R = np.linalg.qr(np.column_stack([Xc, yc]), mode="r")
    R_X, z = R[:, :d], R[:, d]
    # The SVD of the small R_X drops directions with no information (rank deficiency).
    U, s, Vt = np.linalg.svd(R_X, full_matrices=False)
    keep = s > s[0] * max(n, d) * np.finfo(np.float64).eps
    return Vt[keep].T @ ((U[:, keep].T @ z) / s[keep])
    ### END SOLUTION (gap 04)


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
        X = check_predict_input(self, X, "coef_")
        return X @ self.coef_ + self.intercept_


class LinearRegression(_LinearModel):
    r"""Ordinary least squares, by a closed form or by gradient descent.

    Minimises the mean squared error :math:`L(w, b) = \frac1n \lVert y - Xw - b\rVert^2`.

    Differences from ``sklearn.linear_model.LinearRegression`` (kept, because they are the
    lesson): the ``solver`` parameter and the gradient-descent parameters
    (``learning_rate``, ``max_iter``, ``batch_size``, ``tol``, ``early_stopping``, ...).
    With the defaults (``solver="lstsq"``) the fit is scikit-learn's: the minimum-norm
    least-squares solution, which its ``tol`` (used only for sparse input there) does not
    change. scikit-learn's ``copy_X``, ``n_jobs`` and ``positive`` are absent.

    Parameters
    ----------
    solver : {"normal", "lstsq", "gd", "sgd"}, default "lstsq"
        ``"normal"`` solves the normal equations :math:`X_c^\top X_c w = X_c^\top y_c` on
        centred data (fast, but squares the condition number; a ``ValueError`` if
        :math:`X_c^\top X_c` is singular to working precision, see
        ``solve_normal_equations``). ``"lstsq"`` is the stable
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
    converged_ : bool (gd/sgd only)
        Whether a stopping rule fired before ``max_iter``.
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
    weights with the lowest validation MSE seen. Reaching ``max_iter`` without either rule
    firing sets ``converged_=False`` and emits ``utils.validation.ConvergenceWarning``.

    Divergence (learning rate too large, or unscaled features): as soon as the training loss
    is NaN, infinite or above 1e300 the fit raises ``utils.validation.DivergenceError`` (a
    ``ValueError``) naming the epoch and the likely causes.

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
        check_bool(self.fit_intercept, "fit_intercept")
        check_bool(self.early_stopping, "early_stopping")
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
            self.coef_ = solve_normal_equations(Xc, yc, 0.0)
        else:
            self.coef_ = solve_lstsq(Xc, yc)
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
        kept = (w, b)  # the weights fit() returns: the last ones, or the best on validation
        prev_loss, best_val, stall = _mse(X, y, w, b), np.inf, 0
        history, val_history = [], []
        self.converged_ = False
        for epoch in range(1, self.max_iter + 1):
            # A too-large learning rate overflows: silence NumPy and let check_finite_fit
            # raise one clear error (before the weights themselves overflow).
            with np.errstate(over="ignore", invalid="ignore"):
                for Xb, yb in _batches(X, y, batch_size, rng):
                    w, b = gradient_step(w, b, *mse_gradient(Xb, yb, w, b), eta,
                                         self.fit_intercept)
                loss = _mse(X, y, w, b)
            history.append(loss)
            check_finite_fit(loss, self, what="training loss", iteration=epoch,
                             limit=_DIVERGED)
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
        if not self.converged_:
            warn_not_converged(self, self.max_iter, tol, what="epochs")
        return self


class Ridge(_LinearModel):
    r"""Least squares with an L2 penalty (scikit-learn's objective).

    Minimises :math:`\lVert y - Xw - b\rVert^2 + \alpha \lVert w\rVert^2` (a sum, not a
    mean; the intercept is not penalised). Centring removes :math:`b`, and setting the
    gradient to zero gives :math:`(X_c^\top X_c + \alpha I) w = X_c^\top y_c`, solved
    directly; then :math:`b = \bar y - \bar x^\top w`.

    Same parameter names and defaults as ``sklearn.linear_model.Ridge`` and the same
    predictions; scikit-learn's ``solver``, ``max_iter``, ``tol``, ``positive``,
    ``copy_X`` and ``random_state`` are absent. One difference is deliberate: when
    :math:`X_c^\top X_c + \alpha I` is singular to working precision (``alpha=0``, or an
    ``alpha`` tiny for the data's scale, with constant or duplicated columns or more
    features than samples) ``fit`` raises a ``ValueError`` (see ``solve_normal_equations``)
    instead of returning a least-squares fallback.

    Parameters
    ----------
    alpha : float >= 0, default 1.0
        Penalty strength (0 is ordinary least squares by the normal equations, which
        needs :math:`X_c` of full column rank).
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
        check_bool(self.fit_intercept, "fit_intercept")
        self.n_features_in_ = X.shape[1]
        Xc, yc, x_mean, y_mean = center_data(X, y, self.fit_intercept)
        self.coef_ = solve_normal_equations(Xc, yc, float(self.alpha))
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        return self


def coordinate_descent_sweep(Xc, w, r, col_sq, lam):
    r"""One sweep of cyclic coordinate descent for the lasso, equation (14); in place.

    Each coordinate is updated with ``soft_threshold`` (gap 05); the sweep returns nothing.

    For :math:`j = 0, \dots, d-1` in order (skipping columns with ``col_sq[j] == 0``):
    :math:`\rho_j = \mathbf x_{:j}^\top\mathbf r + z_j w_j` (the correlation with the residual
    *without* feature :math:`j`), :math:`w_j \leftarrow S(\rho_j, n\alpha)/z_j` with
    :math:`z_j` = ``col_sq[j]`` :math:`= \lVert\mathbf x_{:j}\rVert^2` and
    ``lam`` :math:`= n\alpha`, then
    :math:`\mathbf r \leftarrow \mathbf r - (w_j^{\text{new}} - w_j^{\text{old}})\mathbf x_{:j}`
    so that ``r`` stays :math:`\mathbf y_c - X_c\mathbf w`.

    Parameters
    ----------
    Xc : ndarray of shape (n_samples, n_features), centred (Fortran order is fastest)
    w : ndarray of shape (n_features,), updated in place
    r : ndarray of shape (n_samples,), the residual y_c - Xc @ w, updated in place
    col_sq : ndarray of shape (n_features,)
    lam : float
    """
    ### BEGIN SOLUTION (gap 06)
    for j in np.flatnonzero(col_sq):
        w_old = w[j]
        w[j] = soft_threshold(Xc[:, j] @ r + col_sq[j] * w_old, lam) / col_sq[j]
        if w[j] != w_old:
            r -= (w[j] - w_old) * Xc[:, j]
    ### END SOLUTION (gap 06)


def lasso_duality_gap(Xc, yc, w, r, lam):
    r"""The duality gap :math:`G` of Lasso's stopping rule (for the objective times :math:`n`).

    With :math:`\mathbf r = \mathbf y_c - X_c\mathbf w` and
    :math:`s = \min(1, n\alpha / \lVert X_c^\top\mathbf r\rVert_\infty)` (which scales
    :math:`\mathbf r` into the dual's feasible set),
    :math:`G = \tfrac12\lVert\mathbf r\rVert^2(1 + s^2) + n\alpha\lVert\mathbf w\rVert_1
    - s\,\mathbf r^\top\mathbf y_c \ge n\,(P(\mathbf w) - P^\star) \ge 0`, with
    ``lam`` :math:`= n\alpha` (equation (15) of the notebook).

    Parameters
    ----------
    Xc : ndarray of shape (n_samples, n_features), centred
    yc : ndarray of shape (n_samples,), centred
    w : ndarray of shape (n_features,)
    r : ndarray of shape (n_samples,), the residual y_c - Xc @ w
    lam : float > 0

    Returns
    -------
    G : float (a Python float)
    """
    ### BEGIN SOLUTION (gap 07)
    dual_norm = np.abs(Xc.T @ r).max()
    s = 1.0 if dual_norm <= lam else lam / dual_norm
    return float(0.5 * (r @ r) * (1 + s * s) + lam * np.abs(w).sum() - s * (r @ yc))
    ### END SOLUTION (gap 07)


class Lasso(_LinearModel):
    r"""Least squares with an L1 penalty, by cyclic coordinate descent (scikit-learn's objective).

    Minimises :math:`P(w, b) = \frac{1}{2n}\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_1`
    (intercept not penalised). On centred data, with the residual
    :math:`r = y_c - X_c w` and :math:`x_{:j}` the j-th column of :math:`X_c`, minimising
    over :math:`w_j` alone gives

    .. math:: w_j \leftarrow S\big(x_{:j}^\top r + \lVert x_{:j}\rVert^2 w_j,\; n\alpha\big)
              / \lVert x_{:j}\rVert^2

    (``soft_threshold``, ``coordinate_descent_sweep``); :math:`r` is updated in place after
    each coordinate and a sweep visits :math:`j = 0, \dots, d-1` in order. Columns with zero
    variance keep :math:`w_j = 0`. Starts at :math:`w = 0`; :math:`b = \bar y - \bar x^\top w`.

    Stopping rule (scikit-learn's): after each sweep, the duality gap
    :math:`G = \tfrac12\lVert r\rVert^2(1 + s^2) + n\alpha\lVert w\rVert_1 - s\,r^\top y_c`
    with :math:`s = \min(1, n\alpha / \lVert X_c^\top r\rVert_\infty)` bounds
    :math:`n\,(P(w) - P^\star)`; the fit has converged when
    :math:`G \le \mathrm{tol}\cdot\lVert y_c\rVert^2`. :math:`G` is computed from terms of
    size :math:`\lVert y_c\rVert^2` and carries their rounding error, so a ``tol`` below
    ``GAP_FLOOR`` (about :math:`64\varepsilon`) is raised to it: otherwise ``tol=0`` would
    never be met on some machines and met by luck on others. Reaching ``max_iter`` sweeps
    without meeting it sets ``converged_=False`` and emits
    ``utils.validation.ConvergenceWarning``, as scikit-learn does.

    Same parameter names and defaults as ``sklearn.linear_model.Lasso``, whose predictions
    it matches to the precision ``tol`` asks for; scikit-learn's ``precompute``,
    ``copy_X``, ``warm_start``, ``positive``, ``random_state`` and ``selection`` are absent
    (the sweep order is always cyclic).

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
        check_bool(self.fit_intercept, "fit_intercept")
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
            coordinate_descent_sweep(Xc, w, r, col_sq, lam)
            check_finite_fit(w, self, what="weights", iteration=sweep,
                             hint="Standardise X (and y), e.g. with "
                                  "utils.preprocessing.StandardScaler.")
            gap = lasso_duality_gap(Xc, yc, w, r, lam)
            if gap <= gap_tol:
                self.converged_ = True
                break
        self.coef_, self.n_iter_, self.dual_gap_ = w, sweep, gap / n
        self.intercept_ = float(y_mean - x_mean @ w)
        if not self.converged_:
            warn_not_converged(self, self.max_iter, self.tol, what="sweeps",
                               hint="increase max_iter or alpha, or loosen tol")
        return self

