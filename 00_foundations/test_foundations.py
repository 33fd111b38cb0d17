import numpy as np
import pytest

from foundations import (ROUNDING, backtracking, bernoulli_mle, gaussian_mle,
                         least_squares_gradient, least_squares_loss, minimize, posterior)
from utils.gradcheck import numerical_gradient, relative_error
from utils.validation import DivergenceError


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=60)
    return X, y


# --- the gaps, in the order to write them -------------------------------------------------

def test_gap_01_least_squares_gradient(problem):
    X, y = problem
    theta = np.array([0.3, 0.1, -0.2])
    g = least_squares_gradient(theta, X, y)
    assert g.shape == (3,), f"the gradient has the shape of theta, (3,), not {np.shape(g)}"
    num = numerical_gradient(lambda t: least_squares_loss(t, X, y), theta)
    assert relative_error(g, num) < 1e-6, "equation (5): X^T (X theta - y) / n"
    # known answer on a tiny input: X = I, y = 0, theta = 1 gives theta / n
    np.testing.assert_allclose(least_squares_gradient(np.ones(2), np.eye(2), np.zeros(2)),
                               [0.5, 0.5])


def test_gap_02_backtracking():
    f = lambda x: float(x @ x)  # noqa: E731
    x = np.array([1.0, 0.0])
    g = 2 * x
    t, f_new = backtracking(f, x, f(x), g)
    # t = 1 overshoots to (-1, 0) with the same f: rejected; t = 1/2 lands on the minimum
    assert t == 0.5 and f_new == 0.0, "equation (8): halve t until f decreases enough"
    # at the minimum no step decreases f: t = 0 and f unchanged
    assert backtracking(f, np.zeros(2), 0.0, np.zeros(2)) == (0.0, 0.0)


def test_gap_03_bernoulli_mle():
    assert bernoulli_mle([1, 0, 1, 1]) == 0.75, "equation (12): the fraction of ones"
    assert bernoulli_mle(np.array([True, False])) == 0.5


def test_gap_04_gaussian_mle():
    mu, var = gaussian_mle([1.0, 2.0, 3.0, 6.0])
    assert mu == 3.0, "equation (13): the sample mean"
    assert var == pytest.approx(3.5), "equation (13): divide by n (not n - 1)"


def test_gap_05_posterior():
    post = posterior([0.8, 0.2], [0.01, 0.3])
    np.testing.assert_allclose(post, [0.008, 0.06] / np.float64(0.068))
    assert post.sum() == pytest.approx(1.0), "equation (10): normalise by the evidence"


# --- the minimiser ----------------------------------------------------------------------

@pytest.mark.parametrize("learning_rate", [None, 0.5, 0.05])
def test_minimize_reaches_the_least_squares_solution(problem, learning_rate):
    X, y = problem
    exact = np.linalg.lstsq(X, y, rcond=None)[0]
    res = minimize(lambda t: least_squares_loss(t, X, y),
                   lambda t: least_squares_gradient(t, X, y), np.zeros(3),
                   learning_rate=learning_rate, max_iter=20_000, tol=1e-7)
    assert res.converged and res.reason == "gradient below tol"
    np.testing.assert_allclose(res.x, exact, atol=1e-6)
    h = np.array(res.history)
    assert len(h) == res.n_iter + 1 == len(res.path)
    # a safe step never raises the loss (beyond its rounding error, near the minimum)
    assert np.all(np.diff(h) <= ROUNDING * h[:-1])


@pytest.mark.parametrize("learning_rate", [None, 0.5])
def test_minimize_stops_honestly_at_the_floating_point_floor(problem, learning_rate):
    X, y = problem
    exact = np.linalg.lstsq(X, y, rcond=None)[0]
    res = minimize(lambda t: least_squares_loss(t, X, y),
                   lambda t: least_squares_gradient(t, X, y), np.zeros(3),
                   learning_rate=learning_rate, max_iter=20_000, tol=0)
    # tol = 0 can never be met; the run must still stop, long before max_iter, and say so
    assert res.converged and res.reason == "floating-point floor" and res.n_iter < 1_000
    # a line search that measures f can locate x* to about sqrt(eps) only; a fixed step
    # that follows the gradient to the end gets x* to the last digits
    np.testing.assert_allclose(res.x, exact, atol=1e-7 if learning_rate is None else 1e-12)


def test_minimize_is_honest_about_a_tiny_learning_rate(problem):
    X, y = problem
    res = minimize(lambda t: least_squares_loss(t, X, y),
                   lambda t: least_squares_gradient(t, X, y), np.zeros(3),
                   learning_rate=1e-10, max_iter=50, tol=0)
    assert not res.converged and res.reason == "max_iter" and res.n_iter == 50


def test_minimize_diverges_with_a_clear_error(problem):
    X, y = problem
    with pytest.raises(DivergenceError, match="learning rate"):
        minimize(lambda t: least_squares_loss(t, X, y),
                 lambda t: least_squares_gradient(t, X, y), np.zeros(3),
                 learning_rate=50.0, max_iter=10_000)


def test_minimize_no_decrease_is_not_converged():
    # a wrong gradient (the sign flipped) points uphill: backtracking finds no decrease
    res = minimize(lambda x: float(x @ x), lambda x: -2 * x, np.ones(2), tol=0)
    assert not res.converged and res.reason == "no decrease" and res.n_iter == 0


def test_rounding_constant():
    assert ROUNDING == 8 * np.finfo(np.float64).eps


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    (dict(learning_rate=0.0), "learning_rate"), (dict(learning_rate=-1.0), "learning_rate"),
    (dict(max_iter=0), "max_iter"), (dict(tol=-1.0), "tol")])
def test_minimize_bad_hyperparameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        minimize(lambda x: float(x @ x), lambda x: 2 * x, np.ones(2), **kwargs)


def test_minimize_bad_start():
    with pytest.raises(ValueError, match="NaN"):
        minimize(lambda x: float(x @ x), lambda x: 2 * x, np.array([np.nan, 1.0]))


@pytest.mark.parametrize("func, arg, match", [
    (bernoulli_mle, [0, 2, 1], "0s and 1s"), (bernoulli_mle, [[0, 1]], "0s and 1s"),
    (bernoulli_mle, [], "at least 1"), (gaussian_mle, [[1.0, 2.0]], "1-D"),
    (gaussian_mle, [1.0, np.nan], "NaN")])
def test_estimates_bad_input(func, arg, match):
    with pytest.raises(ValueError, match=match):
        func(arg)


@pytest.mark.parametrize("prior, likelihood, match", [
    ([0.5, 0.6], [0.1, 0.1], "sum to 1"), ([1.0], [0.1, 0.2], "same length"),
    ([0.5, 0.5], [-0.1, 0.2], "non-negative"), ([1.0, 0.0], [0.0, 0.3], "probability 0")])
def test_posterior_bad_input(prior, likelihood, match):
    with pytest.raises(ValueError, match=match):
        posterior(prior, likelihood)
