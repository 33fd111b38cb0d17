r"""The toolkit of the course: a gradient-descent minimiser and the first estimates of probability.

Everything here is small on purpose: the later chapters build their own solvers, and this
module is the version of each idea that chapter 00 derives and tests.

- ``least_squares_loss`` / ``least_squares_gradient``: the loss of chapter 01,
  :math:`J(\boldsymbol\theta) = \frac1{2n}\lVert X\boldsymbol\theta - \mathbf y\rVert^2`, and its
  gradient :math:`\frac1n X^\top(X\boldsymbol\theta - \mathbf y)` (equation (5) of the notebook).
- ``backtracking``: the Armijo line search (equation (8)).
- ``minimize``: gradient descent with a fixed step or with backtracking, and a stopping rule
  that is honest in floating point.
- ``bernoulli_mle``, ``gaussian_mle``: maximum-likelihood estimates (equations (12), (13)).
- ``posterior``: Bayes' rule over a finite set of hypotheses (equation (10)).
"""
from dataclasses import dataclass, field

import numpy as np

from utils.validation import check_array, check_finite_fit, check_scalar

__all__ = ["least_squares_loss", "least_squares_gradient", "backtracking", "minimize",
           "MinimizeResult", "bernoulli_mle", "gaussian_mle", "posterior", "ROUNDING"]

# A computed loss carries a relative rounding error of a few machine epsilons: a change
# below ROUNDING * |f| cannot be told from noise.
ROUNDING = 8 * np.finfo(np.float64).eps


def least_squares_loss(theta, X, y):
    r"""The mean squared error with a half, :math:`J(\theta) = \frac1{2n}\lVert X\theta - y\rVert^2`.

    Parameters
    ----------
    theta : ndarray of shape (d,)
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)

    Returns
    -------
    float
    """
    r = X @ theta - y
    return float(r @ r) / (2 * len(y))


def least_squares_gradient(theta, X, y):
    r"""The gradient of ``least_squares_loss``, equation (5): :math:`\frac1n X^\top(X\theta - y)`.

    Parameters
    ----------
    theta : ndarray of shape (d,)
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)

    Returns
    -------
    ndarray of shape (d,)
    """
    ### BEGIN SOLUTION (gap 01)
    return X.T @ (X @ theta - y) / len(y)
    ### END SOLUTION (gap 01)


def backtracking(f, x, f_x, g, t0=1.0, shrink=0.5, c=1e-4, t_min=1e-12):
    r"""The Armijo line search of equation (8) along the steepest-descent direction :math:`-g`.

    Tries the step sizes :math:`t = t_0, t_0 s, t_0 s^2, \dots` and returns the first one
    with :math:`f(x - t g) \le f(x) - c\,t\,\lVert g\rVert^2` and :math:`f(x - t g) < f(x)`
    (a strict decrease: a step that changes nothing is no step).

    Parameters
    ----------
    f : callable, ``f(x) -> float``
    x : ndarray, the current point
    f_x : float, ``f(x)``
    g : ndarray, the gradient at ``x``
    t0, shrink, c : float
        First step size, factor by which it shrinks (0 < shrink < 1), and Armijo's constant.
    t_min : float
        Give up below this step size.

    Returns
    -------
    t : float
        The accepted step size, or 0.0 when no step size down to ``t_min`` decreases ``f``.
    f_new : float
        ``f(x - t g)`` (``f_x`` when ``t`` is 0).
    """
    ### BEGIN SOLUTION (gap 02)
    slope = float(g @ g)
    t = t0
    while t >= t_min:
        with np.errstate(over="ignore", invalid="ignore"):  # a far trial point may overflow
            f_new = f(x - t * g)
        if np.isfinite(f_new) and f_new < f_x and f_new <= f_x - c * t * slope:
            return t, f_new
        t *= shrink
    return 0.0, f_x
    ### END SOLUTION (gap 02)


@dataclass
class MinimizeResult:
    """What ``minimize`` returns.

    Attributes
    ----------
    x : ndarray, the last point
    fun : float, ``f(x)``
    n_iter : int, the number of steps taken
    converged : bool, whether a stopping rule of ``minimize`` (not ``max_iter``) ended the run
    reason : str, why the run stopped
    history : list of float, ``f`` at the start and after every step
    path : list of ndarray, the start and every point visited
    """
    x: np.ndarray
    fun: float
    n_iter: int
    converged: bool
    reason: str
    history: list = field(default_factory=list)
    path: list = field(default_factory=list)


def minimize(f, grad, x0, *, learning_rate=None, max_iter=1000, tol=1e-8):
    r"""Minimise ``f`` by gradient descent, equation (7): :math:`x \leftarrow x - t\,\nabla f(x)`.

    With ``learning_rate`` a number, every step has that size :math:`t = \eta`; with
    ``learning_rate=None`` each step size comes from ``backtracking``.

    The run stops, and says why in ``reason``:

    - ``"gradient below tol"`` (converged): :math:`\max_j |\partial f/\partial x_j| \le` ``tol``;
    - ``"floating-point floor"`` (converged): with a fixed step, the step no longer moves
      ``x`` at all (:math:`x - \eta\nabla f(x) = x` in floating point); with backtracking,
      no step decreases ``f`` and a step of the last accepted size predicts a decrease,
      :math:`t\lVert\nabla f\rVert^2`, below the rounding error of ``f`` (``ROUNDING``
      times :math:`|f|`). Either way ``x`` is a minimiser to working precision, even if
      ``tol`` asks for more than floating point can give. (A decrease of ``f`` below its
      rounding error alone is no sign of convergence: a tiny learning rate gives one too.)
    - ``"no decrease"`` (not converged): backtracking found no step that decreases ``f``
      although the gradient predicts a measurable decrease;
    - ``"max_iter"`` (not converged).

    A fixed step that makes ``f`` non-finite raises ``utils.validation.DivergenceError``
    (a ``ValueError``), which names the likely causes.

    Parameters
    ----------
    f : callable, ``f(x) -> float``
    grad : callable, ``grad(x) -> ndarray`` of the shape of ``x``
    x0 : array-like, the starting point
    learning_rate : float > 0 or None, default None
    max_iter : int >= 1, default 1000
    tol : float >= 0, default 1e-8

    Returns
    -------
    MinimizeResult
    """
    if learning_rate is not None:
        check_scalar(learning_rate, "learning_rate", min_val=0, include_min=False)
    check_scalar(max_iter, "max_iter", kind=int, min_val=1)
    check_scalar(tol, "tol", min_val=0)
    x = check_array(x0, ensure_2d=False, name="x0").copy()
    f_x = float(f(x))
    check_finite_fit(f_x, "minimize", what="objective at x0")
    history, path = [f_x], [x.copy()]
    reason = "max_iter"
    t_last = 1.0  # the last accepted step size: a scale of the local curvature, about 1/L
    for _ in range(max_iter):
        g = grad(x)
        if np.abs(g).max() <= tol:
            reason = "gradient below tol"
            break
        if learning_rate is None:
            t, f_new = backtracking(f, x, f_x, g)
            if t == 0.0:
                # No step decreases f. If a step of the usual size predicts a decrease below
                # the rounding error of f, this is the floor; otherwise something is wrong.
                floor = t_last * float(g @ g) <= ROUNDING * abs(f_x)
                reason = "floating-point floor" if floor else "no decrease"
                break
            t_last = t
        else:
            t = learning_rate
            if np.array_equal(x - t * g, x):
                reason = "floating-point floor"  # the step no longer moves x at all
                break
            with np.errstate(over="ignore", invalid="ignore"):
                f_new = float(f(x - t * g))
            check_finite_fit(f_new, "minimize", what="objective", iteration=len(history),
                             hint="Lower the learning rate (or use learning_rate=None for "
                                  "backtracking), or scale the features.")
        x = x - t * g
        f_x = f_new
        history.append(f_x)
        path.append(x.copy())
    converged = reason in ("gradient below tol", "floating-point floor")
    return MinimizeResult(x, f_x, len(history) - 1, converged, reason, history, path)


def bernoulli_mle(x):
    r"""The maximum-likelihood estimate of a Bernoulli parameter, equation (12): the mean.

    Parameters
    ----------
    x : array-like of shape (n,), entries 0 or 1 (or False/True)

    Returns
    -------
    float
        :math:`\hat p = \frac1n\sum_i x_i`.
    """
    x = check_array(x, ensure_2d=False, name="x")
    if x.ndim != 1 or not np.isin(x, (0.0, 1.0)).all():
        raise ValueError("x must be a 1-D array of 0s and 1s (the outcomes of coin flips).")
    ### BEGIN SOLUTION (gap 03)
    return float(x.mean())
    ### END SOLUTION (gap 03)


def gaussian_mle(x):
    r"""The maximum-likelihood estimates of a Gaussian's mean and variance, equation (13).

    Parameters
    ----------
    x : array-like of shape (n,)

    Returns
    -------
    mu : float
        :math:`\hat\mu = \frac1n\sum_i x_i`.
    var : float
        :math:`\hat\sigma^2 = \frac1n\sum_i (x_i - \hat\mu)^2` (divided by n, not n - 1: the
        maximum-likelihood estimate is biased).
    """
    x = check_array(x, ensure_2d=False, name="x")
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {x.shape}.")
    ### BEGIN SOLUTION (gap 04)
    mu = float(x.mean())
    return mu, float(np.mean((x - mu) ** 2))
    ### END SOLUTION (gap 04)


def posterior(prior, likelihood):
    r"""Bayes' rule over hypotheses :math:`h_1, \dots, h_K`, equation (10).

    Parameters
    ----------
    prior : array-like of shape (K,)
        :math:`P(h_k)`, non-negative, summing to 1.
    likelihood : array-like of shape (K,)
        :math:`P(\text{data} \mid h_k)`, non-negative, not all zero where the prior is positive.

    Returns
    -------
    ndarray of shape (K,)
        :math:`P(h_k \mid \text{data}) = P(\text{data} \mid h_k)P(h_k) / \sum_l P(\text{data}
        \mid h_l)P(h_l)`.
    """
    prior = check_array(prior, ensure_2d=False, name="prior")
    likelihood = check_array(likelihood, ensure_2d=False, name="likelihood")
    if prior.shape != likelihood.shape or prior.ndim != 1:
        raise ValueError(f"prior and likelihood must be 1-D of the same length, got shapes "
                         f"{prior.shape} and {likelihood.shape}.")
    if (prior < 0).any() or (likelihood < 0).any() or not np.isclose(prior.sum(), 1.0):
        raise ValueError("prior must be non-negative and sum to 1; likelihoods non-negative.")
    if not np.any((prior > 0) & (likelihood > 0)):
        raise ValueError("the data have probability 0 under every hypothesis with a "
                         "positive prior: the posterior is undefined.")
    ### BEGIN SOLUTION (gap 05)
    joint = likelihood * prior
    return joint / joint.sum()
    ### END SOLUTION (gap 05)
