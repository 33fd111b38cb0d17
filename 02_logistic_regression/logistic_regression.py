r"""Logistic regression from scratch: binary (sigmoid) and multiclass (softmax).

The model turns a linear score into probabilities: :math:`P(y = 1 \mid x) = \sigma(w^\top x + b)`
for two classes, :math:`P(y = k \mid x) = \mathrm{softmax}(W x + b)_k` for more. It is fitted by
minimising the mean cross-entropy plus an L2 penalty, with Newton's method (IRLS), full-batch
gradient descent or mini-batch SGD. ``LogisticRegression`` follows the scikit-learn
conventions (``coef_`` shaped as scikit-learn's, ``predict_proba``, ``decision_function``, ...)
so one import swaps it for the library version.

The loss functions take a design matrix ``Xt`` whose first column is the constant 1 when
``intercept=True`` (that column's weight, the intercept, is not penalised), and parameters
``theta = (b, w)`` (binary, shape (d + 1,)) or ``Theta`` (softmax, shape (d + 1, K), one column
per class).
"""
import numbers
import warnings

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin
# ConvergenceWarning is the course's one warning class for "not the optimum", re-exported here
# so that ``from logistic_regression import ConvergenceWarning`` keeps working.
from utils.validation import (ConvergenceWarning, check_bool, check_classification_targets,
                              check_finite_fit, check_predict_input, check_random_state,
                              check_scalar, check_X_y, warn_not_converged)

__all__ = ["ConvergenceWarning", "LogisticRegression", "binary_gradient", "binary_hessian",
           "binary_loss", "log_sigmoid", "log_softmax", "newton_step", "sigmoid", "softmax",
           "descent_epoch", "softmax_gradient", "softmax_hessian", "softmax_loss", "sum_zero_basis"]

SOLVERS = ("newton", "gd", "sgd")
# J is a mean of n rounded terms (summed pairwise): its computed value carries a relative
# error of a few machine epsilons, so a decrease below ROUNDING * |J| cannot be measured.
ROUNDING = 8 * np.finfo(np.float64).eps
# gd/sgd weights beyond this have diverged (the next matrix product would overflow).
WEIGHT_LIMIT = 1e100


# --- stable building blocks ----------------------------------------------------------------

def sigmoid(z):
    r"""The logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})` of equation (2), without
    overflow.

    ``exp`` is only taken of :math:`-|z| \le 0`: :math:`\sigma(z) = 1/(1 + e^{-|z|})` for
    :math:`z \ge 0` and :math:`e^{-|z|}/(1 + e^{-|z|})` for :math:`z < 0` (the identity (4),
    :math:`\sigma(z) = 1 - \sigma(-z)`).

    Parameters
    ----------
    z : float or array_like of any shape

    Returns
    -------
    ndarray of the shape of ``z``, float64, entries in [0, 1]; no overflow warning for any
    finite ``z`` (``sigmoid(-800)`` is 0.0, ``sigmoid(800)`` is 1.0).
    """
    z = np.asarray(z, dtype=np.float64)
    ### BEGIN SOLUTION (gap 01)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION (gap 01)


def log_sigmoid(z):
    r""":math:`\log\sigma(z) = -\log(1 + e^{-z})`, computed as ``-logaddexp(0, -z)``.

    Finite for every finite ``z``: :math:`\log\sigma(-800) = -800`, where
    ``np.log(sigmoid(-800))`` gives ``-inf`` because :math:`\sigma(-800)` underflows to 0.
    """
    return -np.logaddexp(0.0, -np.asarray(z, dtype=np.float64))


def log_softmax(Z):
    r"""Row-wise :math:`\log\mathrm{softmax}(z)_k = z_k - \log\sum_j e^{z_j}` (log-sum-exp),
    equations (16)-(17).

    The row maximum is subtracted before ``exp`` (by (17) it changes nothing), so nothing
    overflows and the largest term is :math:`e^0 = 1` (the sum never underflows to 0).

    Parameters
    ----------
    Z : array_like of shape (n, K), the logits

    Returns
    -------
    ndarray of shape (n, K): the log-probabilities; ``exp`` of each row sums to 1.
    """
    Z = np.asarray(Z, dtype=np.float64)
    ### BEGIN SOLUTION (gap 02)
    Zs = Z - Z.max(axis=1, keepdims=True)
    return Zs - np.log(np.exp(Zs).sum(axis=1, keepdims=True))
    ### END SOLUTION (gap 02)


def softmax(Z):
    r"""Row-wise :math:`\mathrm{softmax}(z)_k = e^{z_k} / \sum_j e^{z_j}`; rows sum to 1."""
    return np.exp(log_softmax(Z))


def _mask(n_params, intercept):
    """1 for the penalised parameters, 0 for the intercept (the first one)."""
    m = np.ones(n_params)
    if intercept:
        m[0] = 0.0
    return m


# --- binary: loss, gradient, Hessian --------------------------------------------------------

def _binary_terms(theta, Xt, y, alpha, intercept, order):
    r"""The binary objective and its derivatives, from one ``Xt @ theta``.

    Parameters
    ----------
    theta : ndarray of shape (d1,)
        :math:`(b, w)` if ``intercept``, else :math:`w`.
    Xt : ndarray of shape (n, d1)
        The design matrix, with a first column of ones if ``intercept``.
    y : ndarray of shape (n,), float
        Labels 0.0 and 1.0.
    alpha : float
        The L2 strength; the penalty mask :math:`m` (``_mask``) leaves the intercept out.
    intercept : bool
    order : {0, 1}

    Returns
    -------
    list
        ``[J]`` for order 0: the objective (11), a float, each term computed stably by (7)
        with (8). For order 1, ``[J, gradient, hessian]``: the gradient (11), shape (d1,),
        and a function of no argument that returns the Hessian (10)-(11), shape (d1, d1),
        when called (Newton needs it only when it goes on).
    """
    ### BEGIN SOLUTION (gap 03)
    n, m = len(y), _mask(len(theta), intercept)
    z = Xt @ theta
    # One exp serves all three: with e = exp(-|z|), log(1 + exp(-s z)) = max(-s z, 0) +
    # log1p(e) for s = +-1, sigma(z) = (1 or e) / (1 + e), and sigma(z) sigma(-z) = e / (1 + e)^2.
    e = np.exp(-np.abs(z))
    loss = np.mean(np.maximum((1 - 2 * y) * z, 0.0) + np.log1p(e))
    out = [float(loss + 0.5 * alpha * np.sum(m * theta**2))]
    if order >= 1:
        inv = 1.0 / (1.0 + e)
        p = np.where(z >= 0, inv, e * inv)
        out.append(Xt.T @ (p - y) / n + alpha * m * theta)

        def hessian():
            Xs = Xt * (np.sqrt(e) * inv)[:, None]        # rows scaled by sqrt(p (1 - p))
            return Xs.T @ Xs / n + alpha * np.diag(m)
        out.append(hessian)
    return out
    ### END SOLUTION (gap 03)


def binary_loss(theta, Xt, y, alpha=0.0, intercept=True):
    r"""Mean cross-entropy plus penalty, :math:`J = \frac1n\sum_i [\log(1+e^{z_i}) - y_i z_i]
    + \frac\alpha2\lVert w\rVert^2` with :math:`z = \tilde X\theta`, y in {0, 1}.

    Each term is :math:`\log(1 + e^{-s_i z_i})` with :math:`s_i = 2y_i - 1`, computed as
    :math:`\max(-s_i z_i, 0) + \log(1 + e^{-|z_i|})`: finite for any finite logit.
    """
    return _binary_terms(theta, Xt, y, alpha, intercept, 0)[0]


def binary_gradient(theta, Xt, y, alpha=0.0, intercept=True):
    r""":math:`\nabla J = \frac1n \tilde X^\top(\sigma(z) - y) + \alpha\, m \odot \theta`
    (:math:`m` is 0 for the intercept, 1 otherwise)."""
    return _binary_terms(theta, Xt, y, alpha, intercept, 1)[1]


def binary_hessian(theta, Xt, y, alpha=0.0, intercept=True):
    r""":math:`\nabla^2 J = \frac1n \tilde X^\top S \tilde X + \alpha\,\mathrm{diag}(m)` with
    :math:`S = \mathrm{diag}(\sigma(z_i)\sigma(-z_i))` (it does not depend on ``y``)."""
    return _binary_terms(theta, Xt, y, alpha, intercept, 1)[2]()


# --- softmax: loss, gradient, Hessian -------------------------------------------------------

def _softmax_terms(Theta, Xt, y, alpha, intercept, order):
    r"""As ``_binary_terms``, for the softmax.

    ``Theta`` has shape (d1, K), one column per class; ``y`` holds the class indices
    0..K-1. Returns ``[J]`` (order 0), the cross-entropy (18) plus
    :math:`\frac\alpha2\lVert W\rVert_F^2`, or ``[J, gradient, hessian]`` (order 1): the
    gradient (19) plus the penalty's, shape (d1, K), and a function returning the Hessian
    (20) with respect to ``Theta.ravel()``, shape (d1 K, d1 K).
    """
    ### BEGIN SOLUTION (gap 04)
    (n, d1), K = Xt.shape, Theta.shape[1]
    pen = alpha * _mask(d1, intercept)[:, None]
    rows = np.arange(n)
    logP = log_softmax(Xt @ Theta)
    out = [float(-np.mean(logP[rows, y]) + 0.5 * np.sum(pen * Theta**2))]
    P = np.exp(logP)
    if order >= 1:
        R = P.copy()
        R[rows, y] -= 1.0                                # P - Y without building Y
        out.append(Xt.T @ R / n + pen * Theta)

        def hessian():
            H = np.zeros((d1, K, d1, K))
            for k in range(K):
                for l in range(k, K):
                    s = P[:, k] * ((k == l) - P[:, l])   # d p_k / d z_l
                    H[:, k, :, l] = H[:, l, :, k] = Xt.T @ (Xt * s[:, None]) / n
            return H.reshape(d1 * K, d1 * K) + np.diag(np.repeat(pen[:, 0], K))
        out.append(hessian)
    return out
    ### END SOLUTION (gap 04)


def softmax_loss(Theta, Xt, y, alpha=0.0, intercept=True):
    r"""Mean cross-entropy :math:`\frac1n\sum_i [\log\sum_k e^{z_{ik}} - z_{i y_i}]` plus
    :math:`\frac\alpha2\lVert W\rVert_F^2`, with :math:`Z = \tilde X\Theta` and ``y`` the class
    indices 0..K-1."""
    return _softmax_terms(Theta, Xt, y, alpha, intercept, 0)[0]


def softmax_gradient(Theta, Xt, y, alpha=0.0, intercept=True):
    r""":math:`\nabla_\Theta J = \frac1n\tilde X^\top(P - Y) + \alpha\, m \odot \Theta`, with
    :math:`P = \mathrm{softmax}(\tilde X\Theta)` and :math:`Y` the one-hot labels."""
    return _softmax_terms(Theta, Xt, y, alpha, intercept, 1)[1]


def softmax_hessian(Theta, Xt, y, alpha=0.0, intercept=True):
    r"""Hessian with respect to ``Theta.ravel()`` (row-major: index ``a * K + k``).

    Block :math:`(k, l)`: :math:`\frac1n\tilde X^\top \mathrm{diag}(p_k(\delta_{kl} - p_l))
    \tilde X + \alpha\,\delta_{kl}\,\mathrm{diag}(m)`. Singular: adding one vector to every
    class's column changes nothing (see ``LogisticRegression``'s Notes).
    """
    return _softmax_terms(Theta, Xt, y, alpha, intercept, 1)[2]()


def sum_zero_basis(K):
    r"""An orthonormal basis :math:`Q \in \mathbb R^{K\times(K-1)}` of
    :math:`\{v : \sum_k v_k = 0\}` (Helmert's): column j is
    :math:`(1, \dots, 1, -j, 0, \dots, 0)/\sqrt{j(j+1)}` with j ones."""
    Q = np.zeros((K, K - 1))
    for j in range(1, K):
        Q[:j, j - 1] = 1.0
        Q[j, j - 1] = -j
        Q[:, j - 1] /= np.sqrt(j * (j + 1))
    return Q


def _objective(alpha, intercept, Q):
    """``fun(v, Xt, y, order)``: the terms of ``_binary_terms`` in the fitted variable ``v``.

    Binary (``Q is None``): ``v`` is theta. Softmax: ``v`` is ``V.ravel()`` with
    ``Theta = V @ Q.T``, so that every row of Theta sums to 0 (the chain rule gives the
    gradient ``G Q`` and the Hessian ``(I kron Q)^T H (I kron Q)``).
    """
    def fun(v, Xt, y, order):
        if Q is None:
            return _binary_terms(v, Xt, y, alpha, intercept, order)
        (K, r), d1 = Q.shape, Xt.shape[1]
        out = _softmax_terms(v.reshape(d1, r) @ Q.T, Xt, y, alpha, intercept, order)
        if order >= 1:
            full_hessian = out[2]
            out[1] = (out[1] @ Q).ravel()
            out[2] = lambda: np.einsum("akbl,kp,lq->apbq", full_hessian().reshape(d1, K, d1, K),
                                       Q, Q, optimize=True).reshape(d1 * r, -1)
        return out
    return fun


# --- one step of each solver ---------------------------------------------------------------

def newton_step(fun, v, Xt, y, loss, g, H):
    r"""One damped Newton step (14) from ``v``, with a backtracking line search.

    Parameters
    ----------
    fun : callable
        ``fun(v, Xt, y, order)`` returns ``[J]`` (order 0) or ``[J, gradient, hessian]``
        (order 1) at ``v``, as ``_binary_terms``.
    v : ndarray of shape (p,)
        The current parameters.
    Xt, y : the design matrix and the labels, passed on to ``fun``.
    loss : float
        :math:`J(v)`.
    g : ndarray of shape (p,)
        :math:`\nabla J(v)`.
    H : ndarray of shape (p, p)
        :math:`\nabla^2 J(v)`.

    Returns
    -------
    (v_new, out, at_floor) or None
        ``v_new = v - t H^{-1} g`` with the first :math:`t = 1, 1/2, 1/4, \dots` that
        decreases :math:`J` strictly and by Armijo's rule (:math:`c = 10^{-4}`); ``out`` is
        ``fun(v_new, Xt, y, order)`` (order 1 if the full step was taken, else 0);
        ``at_floor`` is True when the predicted decrease :math:`g^\top H^{-1}g / 2` is
        below the rounding error of :math:`J` (``ROUNDING * |J|``): the full step is then
        taken unchecked (no line search can measure a decrease there, and the quadratic
        model is exact), and the minimum is reached to working precision. None when no
        :math:`t \ge 10^{-10}` decreases :math:`J`. A singular ``H`` gives the
        least-squares step; a step that is not a descent direction, the gradient.
    """
    ### BEGIN SOLUTION (gap 05)
    try:
        step = np.linalg.solve(H, g)
    except np.linalg.LinAlgError:
        step = np.linalg.lstsq(H, g, rcond=None)[0]
    slope = g @ step  # the squared Newton decrement: J falls by about slope / 2
    if not (np.all(np.isfinite(step)) and slope > 0):
        step, slope = g, g @ g  # not a descent direction: fall back to the gradient
    if slope / 2 <= ROUNDING * abs(loss):
        # The floating-point floor: the predicted decrease is below the rounding error of
        # J, so no line search can measure it. The quadratic model is exact there: take
        # the full step, unchecked.
        return v - step, fun(v - step, Xt, y, 1), True
    t = 1.0
    while t >= 1e-10:
        # A trial point may be far out (nearly singular H): reject overflow, don't warn.
        # The full step is usually accepted: get the gradient at once.
        with np.errstate(over="ignore", invalid="ignore"):
            out = fun(v - t * step, Xt, y, 1 if t == 1.0 else 0)
        # Armijo, and a strict decrease: a step that changes nothing is no step.
        if np.isfinite(out[0]) and out[0] < loss and out[0] <= loss - 1e-4 * t * slope:
            return v - t * step, out, False
        t /= 2
    return None
    ### END SOLUTION (gap 05)


def descent_epoch(fun, v, Xt, y, g, eta, batch, rng):
    r"""One epoch of (mini-batch) gradient descent (13) from ``v``; returns the new ``v``.

    ``g`` is the full gradient at ``v`` (from ``fun(v, Xt, y, 1)[1]``). With
    ``batch >= n`` the epoch is one full-batch step :math:`v - \eta g`. Otherwise the rows
    are shuffled with ``rng.permutation(n)`` and cut into consecutive mini-batches of
    ``batch`` rows (the last one may be smaller); each takes a step :math:`-\eta` times the
    gradient of the objective on that mini-batch, ``fun(v, Xt[idx], y[idx], 1)[1]``.
    """
    ### BEGIN SOLUTION (gap 06)
    n = Xt.shape[0]
    if batch >= n:
        return v - eta * g
    order = rng.permutation(n)
    for start in range(0, n, batch):
        idx = order[start:start + batch]
        v = v - eta * fun(v, Xt[idx], y[idx], 1)[1]
    return v
    ### END SOLUTION (gap 06)


# --- the estimator --------------------------------------------------------------------------

class LogisticRegression(ClassifierMixin, BaseEstimator):
    r"""Logistic regression, binary (sigmoid) or multiclass (softmax), with an L2 penalty.

    Minimises the mean cross-entropy plus an L2 penalty on the weights (not the intercept):

    .. math:: J(W, b) = -\frac1n\sum_{i=1}^n \log P(y_i \mid x_i) + \frac\alpha2\lVert W\rVert_F^2

    Two classes: :math:`P(y = c_1 \mid x) = \sigma(w^\top x + b)`, one weight vector (the
    second class of ``classes_`` is the positive one). K > 2 classes:
    :math:`P(y = c_k \mid x) = \mathrm{softmax}(Wx + b)_k`, one weight vector per class.
    This is scikit-learn's objective divided by :math:`Cn`: scikit-learn's
    ``LogisticRegression(C=1 / (n * alpha))`` (``C=np.inf`` for ``alpha = 0``) has the
    same minimiser.

    Differences from scikit-learn, on purpose (``references/sklearn_differences.md``):
    the penalty is ``alpha`` on the *mean* loss, the chapter's lesson, where
    scikit-learn's ``C`` multiplies the *summed* loss; so the defaults differ too
    (``alpha=0`` is no penalty, scikit-learn's ``C=1`` is :math:`\alpha = 1/n`). The
    solvers are the chapter's own (Newton, gd, sgd; scikit-learn defaults to L-BFGS), and
    ``tol`` bounds the gradient's largest entry (scikit-learn's meaning depends on the
    solver), hence its own default.

    Parameters
    ----------
    alpha : float >= 0, default 0.0
        Strength of the L2 penalty.
    solver : {"newton", "gd", "sgd"}, default "newton"
        ``"newton"``: Newton's method (iteratively reweighted least squares) with a
        backtracking line search. ``"gd"``: full-batch gradient descent. ``"sgd"``:
        mini-batch stochastic gradient descent, reshuffled every epoch.
    fit_intercept : bool, default True
    learning_rate : float > 0, default 0.1
        The constant step of gd/sgd.
    max_iter : int >= 1, default 100
        Newton iterations, or gd/sgd epochs.
    batch_size : int >= 1 or None, default None
        Mini-batch size of sgd; None means 32.
    tol : float >= 0, default 1e-6
        Converged when the largest absolute entry of the gradient of :math:`J` (with
        respect to the fitted parameters, see Notes) is at most ``tol``, or (Newton) when
        the floating-point floor is reached (see Notes).
    random_state : None, int or numpy.random.Generator
        Seeds the sgd shuffles (the only randomness).

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The sorted labels (any type that ``np.unique`` sorts, strings included).
    coef_ : ndarray of shape (1, d) if K = 2, else (K, d)
    intercept_ : ndarray of shape (1,) if K = 2, else (K,)
    n_features_in_ : int
    loss_history_ : ndarray
        :math:`J` after each iteration (epoch).
    n_iter_ : int
        Iterations (epochs) run, ``len(loss_history_)``.
    converged_ : bool
        Whether the gradient criterion was met (always False for separable data with
        ``alpha = 0``, see Notes). When False, ``fit`` has emitted a ``ConvergenceWarning``
        (``utils.validation``'s, re-exported here).

    Notes
    -----
    The softmax is unchanged when one vector is added to every class's weights (and one
    number to every intercept): with ``alpha = 0`` the minimiser is not unique and the
    Hessian is singular. We fit in the subspace where the class weights sum to zero,
    :math:`\sum_k w_k = 0`, :math:`\sum_k b_k = 0`, writing :math:`[b; W^\top] = VQ^\top`
    with ``sum_zero_basis(K)`` :math:`Q`: this picks the representative with the
    smallest norm, and the problem in :math:`V` is strictly convex whenever the design
    matrix (with its column of ones) has full column rank; separability decides only
    whether a minimum exists. With ``alpha > 0`` the penalised minimiser lies in that subspace anyway, so
    nothing is lost and the result equals scikit-learn's. (Gradient descent started at
    zero never leaves the subspace, since the columns of :math:`P - Y` sum to zero.)

    Newton: :math:`v \leftarrow v - t H^{-1}\nabla J` with :math:`t = 1, 1/2, 1/4, \dots`,
    the first step size that decreases :math:`J` enough (Armijo, :math:`c = 10^{-4}`).
    An exactly singular :math:`H` (LAPACK meets a zero pivot, as with a column of zeros)
    falls back to the least-squares step. A duplicated column makes :math:`H` singular only
    in exact arithmetic: rounded, it is merely ill-conditioned, ``np.linalg.solve`` returns
    a step, and the weight is split between the copies by rounding (with ``alpha = 0``; a
    penalty splits it evenly), leaving the predictions unchanged. A step is accepted only if
    :math:`J` strictly decreases. Near the minimum the predicted decrease
    :math:`\lambda^2/2 = \nabla J^\top H^{-1}\nabla J / 2` (the Newton decrement) falls below
    the rounding error of :math:`J` (``ROUNDING`` times :math:`|J|`): no line search can
    measure a decrease any more, but the quadratic model is exact there, so the full step is
    taken and the fit stops with ``converged_=True`` (the minimum is reached to working
    precision, even if ``tol`` asks for a gradient below its own rounding error). If instead
    no step size down to :math:`10^{-10}` decreases :math:`J` while the model predicts a
    measurable decrease, the fit stops with ``converged_=False`` and a
    ``ConvergenceWarning``. gd and sgd stop only on ``tol`` or ``max_iter``: a ``tol`` below the rounding error of the gradient (about
    :math:`10^{-15}` for standardised features) is never met, and they report
    ``converged_=False`` after ``max_iter`` epochs. (A change of :math:`J` below its rounding
    error is no sign of convergence for them: a tiny learning rate gives one too.) Every
    fit that stops at ``max_iter`` without meeting ``tol`` warns (``warn_not_converged``).
    A learning rate too large for gd/sgd (:math:`\eta\alpha > 2` makes the penalty's step
    overshoot) lets the weights grow geometrically: the fit stops with a
    ``DivergenceError`` (a ``ValueError``) naming the learning rate and unscaled features.

    Linearly separable data with ``alpha = 0``: the cross-entropy tends to 0 as the weights
    grow along a separating direction, so it has no minimum. The logits are computed
    stably (no NaN, no overflow); the fit stops at ``max_iter`` or when the gradient has
    become smaller than ``tol``, and if the final weights classify every training sample
    correctly a ``ConvergenceWarning`` says that the data are separable and the weights
    arbitrary; ``converged_`` is then False. Use ``alpha > 0``. The check only sees
    complete separation: when the classes are separable only in part (quasi-complete
    separation, or one class apart from the others, as setosa in iris) the minimum does not
    exist either: the weights grow until the gradient falls below ``tol``,
    with no warning.
    """

    def __init__(self, alpha=0.0, solver="newton", fit_intercept=True, learning_rate=0.1,
                 max_iter=100, batch_size=None, tol=1e-6, random_state=None):
        self.alpha = alpha
        self.solver = solver
        self.fit_intercept = fit_intercept
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.tol = tol
        self.random_state = random_state

    def _check_params(self):
        check_scalar(self.alpha, "alpha", min_val=0)
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}")
        check_bool(self.fit_intercept, "fit_intercept")
        check_scalar(self.learning_rate, "learning_rate", min_val=0, include_min=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        if self.batch_size is not None:
            check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", min_val=0)
        return check_random_state(self.random_state)

    def fit(self, X, y):
        """Fit to ``X`` of shape (n_samples, n_features) and labels ``y`` of shape (n_samples,)."""
        X, y = check_X_y(X, y)
        rng = self._check_params()
        self.classes_, y_enc = check_classification_targets(y)
        n, d = X.shape
        K = len(self.classes_)
        self.n_features_in_ = d
        # Column-major (the transpose of a C array): X^T r and the Hessian's X^T S X then
        # read contiguous columns, which is faster.
        Xt = np.vstack([np.ones(n), X.T] if self.fit_intercept else [X.T]).T
        Q = None if K == 2 else sum_zero_basis(K)
        yy = y_enc.astype(np.float64) if K == 2 else y_enc
        fun = _objective(float(self.alpha), self.fit_intercept, Q)
        v = np.zeros(Xt.shape[1] * (1 if K == 2 else K - 1))
        if self.solver == "newton":
            v, history, self.converged_ = self._newton(fun, v, Xt, yy)
        else:
            v, history, self.converged_ = self._descent(fun, v, Xt, yy, rng)
        Theta = v.reshape(-1, 1) if K == 2 else v.reshape(-1, K - 1) @ Q.T
        if self.fit_intercept:
            self.intercept_, self.coef_ = Theta[0].copy(), Theta[1:].T.copy()
        else:
            self.intercept_, self.coef_ = np.zeros(Theta.shape[1]), Theta.T.copy()
        self.loss_history_, self.n_iter_ = np.array(history), len(history)
        what = "Newton iterations" if self.solver == "newton" else "epochs"
        if self.alpha == 0 and self._separates(X, y_enc):
            self.converged_ = False
            warnings.warn(
                f"The training data are linearly separable and alpha=0: the cross-entropy "
                f"has no minimum, the weights grow without bound, and the fit stopped at an "
                f"arbitrary point after {self.n_iter_} iterations (largest |weight| "
                f"{np.abs(self.coef_).max():.3g}). Set alpha > 0 for a unique, finite "
                f"solution.", ConvergenceWarning, stacklevel=2)
        elif self._stalled:
            warnings.warn(
                f"LogisticRegression stopped after {self.n_iter_} {what} without meeting "
                f"tol={float(self.tol)!r}: no step size down to 1e-10 decreases the objective, "
                f"although the quadratic model predicts a measurable decrease; scale the "
                f"features or set alpha > 0.", ConvergenceWarning, stacklevel=2)
        elif not self.converged_:
            warn_not_converged(self, self.max_iter, self.tol, what=what)
        return self

    def _newton(self, fun, v, Xt, y):
        loss, g, hessian = fun(v, Xt, y, 1)
        history, converged, self._stalled = [], False, False
        for _ in range(self.max_iter):
            result = newton_step(fun, v, Xt, y, loss, g, hessian())
            if result is None:
                self._stalled = True  # J cannot decrease, though the model predicts it can
                break
            v, out, at_floor = result
            loss, g, hessian = out if len(out) == 3 else fun(v, Xt, y, 1)
            history.append(loss)
            if at_floor or np.abs(g).max() <= self.tol:
                converged = True
                break
        return v, history, converged

    def _descent(self, fun, v, Xt, y, rng):
        batch = Xt.shape[0] if self.solver == "gd" else (self.batch_size or 32)
        loss, g, _ = fun(v, Xt, y, 1)
        history, converged, self._stalled = [], False, False
        # A learning rate that is too large makes the weights grow geometrically: let them
        # overflow quietly inside an epoch, then stop with a clear error after it.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, self.max_iter + 1):
                v = descent_epoch(fun, v, Xt, y, g, self.learning_rate, batch, rng)
                loss, g, _ = fun(v, Xt, y, 1)
                if not (np.abs(v).max() <= WEIGHT_LIMIT and np.isfinite(loss)):  # NaN too
                    check_finite_fit(v, self, what="weights", iteration=epoch,
                                     limit=WEIGHT_LIMIT)
                    check_finite_fit(loss, self, what="loss", iteration=epoch)
                history.append(loss)
                if np.abs(g).max() <= self.tol:
                    converged = True
                    break
        return v, history, converged

    def _separates(self, X, y_enc):
        """Whether the fitted weights classify every training sample correctly (strictly)."""
        Z = self.decision_function(X)
        if Z.ndim == 1:
            return bool(np.all((2 * y_enc - 1) * Z > 0))
        true = Z[np.arange(len(y_enc)), y_enc]
        Z = Z.copy()
        Z[np.arange(len(y_enc)), y_enc] = -np.inf
        return bool(np.all(true > Z.max(axis=1)))

    def decision_function(self, X):
        """The logits: shape (n,) for two classes (positive means ``classes_[1]``), else (n, K)."""
        X = check_predict_input(self, X, "coef_")
        Z = X @ self.coef_.T + self.intercept_
        return Z[:, 0] if len(self.classes_) == 2 else Z

    def predict_log_proba(self, X):
        """Log-probabilities, shape (n, K), columns in the order of ``classes_``; never -inf
        for finite logits."""
        Z = self.decision_function(X)
        if Z.ndim == 1:
            return np.column_stack([log_sigmoid(-Z), log_sigmoid(Z)])
        return log_softmax(Z)

    def predict_proba(self, X):
        """Probabilities, shape (n, K), columns in the order of ``classes_``; rows sum to 1."""
        Z = self.decision_function(X)
        if Z.ndim == 1:
            return np.column_stack([sigmoid(-Z), sigmoid(Z)])
        return softmax(Z)

    def predict(self, X):
        """The most probable class. Ties: a logit of exactly 0 gives ``classes_[0]``; for
        K > 2, the first of the tied classes."""
        Z = self.decision_function(X)
        idx = (Z > 0).astype(int) if Z.ndim == 1 else np.argmax(Z, axis=1)
        return self.classes_[idx]
