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
    assert np.shape(g) == (3,), f"the gradient has the shape of theta, (3,), not {np.shape(g)}"
    # known answer on a tiny input: X = I, y = 0, theta = 1 gives X^T X theta / n = theta / 2
    np.testing.assert_allclose(least_squares_gradient(np.ones(2), np.eye(2), np.zeros(2)),
                               [0.5, 0.5], err_msg="equation (5): X^T (X theta - y) / n = "
                               "[0.5, 0.5] for X = I (n = 2), y = 0, theta = (1, 1)")
    num = numerical_gradient(lambda t: least_squares_loss(t, X, y), theta)
    err = relative_error(g, num)
    assert err < 1e-6, (f"equation (5): X^T (X theta - y) / n = {num} (finite differences "
                        f"of J), got {g} (relative error {err:.1e})")


def test_gap_02_backtracking():
    f = lambda x: float(x @ x)  # noqa: E731
    x = np.array([1.0, 0.0])
    g = 2 * x
    t, f_new = backtracking(f, x, f(x), g)
    # t = 1 overshoots to (-1, 0) with the same f: rejected; t = 1/2 lands on the minimum
    assert (t, f_new) == (0.5, 0.0), (
        f"equation (8) for f(x) = ||x||^2 from x = (1, 0): t = 1 gives f = 1, no decrease, so "
        f"halve; t = 1/2 gives f = 0: expected (t, f_new) = (0.5, 0.0), got {(t, f_new)}")
    # Armijo's constant: with c = 0.75 the step t = 1/2 (decrease 1) is not enough
    # (c t ||g||^2 = 1.5), t = 1/4 (f = 0.25, decrease 0.75 >= 0.75) is
    assert backtracking(f, x, f(x), g, c=0.75) == (0.25, 0.25), (
        "equation (8): accept t only if f(x - t g) <= f(x) - c t ||g||^2 (with c = 0.75, "
        "t = 1/2 fails and t = 1/4 passes: expected (0.25, 0.25))")
    # at the minimum no step decreases f: t = 0 and f unchanged
    assert backtracking(f, np.zeros(2), 0.0, np.zeros(2)) == (0.0, 0.0), (
        "when no step size down to t_min decreases f, return (0.0, f_x)")


def test_gap_03_bernoulli_mle():
    p = bernoulli_mle([1, 0, 1, 1])
    assert p == 0.75, f"equation (12): the fraction of ones in [1, 0, 1, 1] is 0.75, got {p}"
    assert isinstance(p, float), f"return a Python float, got {type(p)}"
    assert bernoulli_mle(np.array([True, False])) == 0.5, "equation (12): [True, False] gives 0.5"


def test_gap_04_gaussian_mle():
    mu, var = gaussian_mle([1.0, 2.0, 3.0, 6.0])
    assert mu == 3.0, f"equation (13): the sample mean of [1, 2, 3, 6] is 3.0, got {mu}"
    assert var == pytest.approx(3.5), (
        f"equation (13): (4 + 1 + 0 + 9) / 4 = 3.5, divided by n (not n - 1, which gives "
        f"4.67), got {var}")


def test_gap_05_posterior():
    post = posterior([0.8, 0.2], [0.01, 0.3])
    assert np.shape(post) == (2,), f"the posterior has the shape of the prior, (2,), got {np.shape(post)}"
    np.testing.assert_allclose(post, [0.008, 0.06] / np.float64(0.068), err_msg=(
        "equation (10): likelihood * prior = [0.008, 0.06], divided by the evidence 0.068"))
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
