"""Tests for linear_regression.py: known answers, gradients, scikit-learn agreement, bad input."""
import inspect

import numpy as np
import pytest
from sklearn import linear_model as sk

from linear_regression import (GAP_FLOOR, Lasso, LinearRegression, Ridge, center_data,
                               coordinate_descent_sweep, gradient_step, lasso_duality_gap,
                               mse_gradient, normal_equations, soft_threshold, solve_lstsq,
                               solve_normal_equations)
from utils.data import load_diabetes
from utils.gradcheck import numerical_gradient, relative_error
from utils.testing import check_bad_input
from utils.validation import ConvergenceWarning, DivergenceError

# Tests that stop gradient descent early on purpose expect the course's ConvergenceWarning.
few_epochs = pytest.mark.filterwarnings("ignore::utils.validation.ConvergenceWarning")

CLOSED = ["normal", "lstsq"]
ITERATIVE = ["gd", "sgd"]


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


def noisy_data(n=200, d=5, seed=0, noise=0.5, intercept=-1.5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + intercept + noise * rng.normal(size=n)
    return X, y


def line_data():
    """y = 2x + 3 exactly, with x already standardised."""
    x = np.linspace(-2.0, 2.0, 41)
    x = (x - x.mean()) / x.std()
    return x.reshape(-1, 1), 2 * x + 3


def iterative(solver, **kw):
    params = dict(solver=solver, learning_rate=0.1, max_iter=5000, tol=1e-12, random_state=0)
    params.update(kw)
    return LinearRegression(**params)


# --- building blocks ----------------------------------------------------------------------

def test_center_data():
    X, y = noisy_data(n=30, d=3)
    Xc, yc, x_mean, y_mean = center_data(X, y)
    np.testing.assert_allclose(Xc.mean(axis=0), 0, atol=1e-14)
    np.testing.assert_allclose(Xc + x_mean, X)
    np.testing.assert_allclose(yc + y_mean, y)
    Xn, yn, x0, y0 = center_data(X, y, fit_intercept=False)
    assert Xn is X and yn is y and y0 == 0.0 and np.all(x0 == 0)


def test_soft_threshold_known_values():
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    np.testing.assert_array_equal(soft_threshold(z, 1.0), [-2, 0, 0, 0, 0, 0, 2])
    assert soft_threshold(2.5, 0.5) == 2.0
    np.testing.assert_array_equal(soft_threshold(z, 0.0), z)


def test_soft_threshold_is_the_proximal_operator():
    # S(z, g) minimises 0.5 (t - z)^2 + g |t|: compare with a fine grid search.
    t = np.linspace(-5, 5, 200_001)
    for z, g in [(2.3, 0.7), (-1.1, 0.4), (0.3, 0.9), (-4.0, 2.5)]:
        best = t[np.argmin(0.5 * (t - z) ** 2 + g * np.abs(t))]
        assert abs(soft_threshold(z, g) - best) < 1e-4


def test_mse_gradient_known_answer():
    X, y = np.array([[1.0], [2.0]]), np.array([1.0, 2.0])
    grad_w, grad_b = mse_gradient(X, y, np.zeros(1), 0.0)
    # r = [1, 2]: grad_w = -(1*1 + 2*2) / 2, grad_b = -(1 + 2) / 2
    np.testing.assert_allclose(grad_w, [-2.5])
    assert grad_b == -1.5


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mse_gradient_matches_finite_differences(seed):
    X, y = noisy_data(n=20, d=4, seed=seed)
    rng = np.random.default_rng(seed + 10)
    theta = rng.normal(size=5)  # (w, b) stacked

    def J(t):
        return 0.5 * np.mean((y - X @ t[:4] - t[4]) ** 2)

    grad_w, grad_b = mse_gradient(X, y, theta[:4], theta[4])
    analytic = np.append(grad_w, grad_b)
    assert relative_error(analytic, numerical_gradient(J, theta, 1e-6)) < 1e-6


# --- known answers and agreement between solvers -------------------------------------------

@pytest.mark.parametrize("solver", CLOSED)
def test_closed_forms_recover_line(solver):
    X, y = line_data()
    model = LinearRegression(solver=solver).fit(X, y)
    np.testing.assert_allclose(model.coef_, [2.0], atol=1e-10)
    assert abs(model.intercept_ - 3.0) < 1e-10
    assert isinstance(model.intercept_, float) and model.coef_.shape == (1,)


@pytest.mark.parametrize("solver", ITERATIVE)
def test_gradient_descent_recovers_line(solver):
    X, y = line_data()
    model = iterative(solver, batch_size=8).fit(X, y)
    np.testing.assert_allclose(model.coef_, [2.0], atol=1e-6)
    assert abs(model.intercept_ - 3.0) < 1e-6
    assert model.converged_


@few_epochs
def test_solvers_agree_on_noisy_data():
    X, y = noisy_data()
    ref = LinearRegression(solver="lstsq").fit(X, y)
    normal = LinearRegression(solver="normal").fit(X, y)
    gd = iterative("gd").fit(X, y)
    np.testing.assert_allclose(normal.coef_, ref.coef_, atol=1e-10)
    assert abs(normal.intercept_ - ref.intercept_) < 1e-10
    np.testing.assert_allclose(gd.coef_, ref.coef_, atol=1e-6)
    assert abs(gd.intercept_ - ref.intercept_) < 1e-6
    # With a constant step, SGD on noisy data only hovers around the optimum.
    sgd = iterative("sgd", learning_rate=0.01, max_iter=300, batch_size=16).fit(X, y)
    np.testing.assert_allclose(sgd.coef_, ref.coef_, atol=0.05)


def test_sgd_converges_exactly_without_noise():
    X, y = noisy_data(noise=0.0)
    ref = LinearRegression().fit(X, y)
    sgd = iterative("sgd", batch_size=10, learning_rate=0.05).fit(X, y)
    np.testing.assert_allclose(sgd.coef_, ref.coef_, atol=1e-6)
    assert abs(sgd.intercept_ - ref.intercept_) < 1e-6


@few_epochs
def test_sgd_with_full_batch_is_gd():
    X, y = noisy_data()
    gd = iterative("gd", max_iter=50).fit(X, y)
    sgd = iterative("sgd", max_iter=50, batch_size=10_000).fit(X, y)
    np.testing.assert_array_equal(sgd.coef_, gd.coef_)
    np.testing.assert_array_equal(sgd.loss_history_, gd.loss_history_)


@pytest.mark.parametrize("solver", CLOSED + ITERATIVE)
def test_no_intercept(solver):
    # Noise-free data through the origin, so that SGD can converge exactly too.
    X, y = noisy_data(noise=0.0, intercept=0.0)
    ref = sk.LinearRegression(fit_intercept=False).fit(X, y)
    model = (LinearRegression(solver=solver, fit_intercept=False) if solver in CLOSED
             else iterative(solver, fit_intercept=False, batch_size=10)).fit(X, y)
    assert model.intercept_ == 0.0
    np.testing.assert_allclose(model.coef_, ref.coef_, atol=1e-6)


def test_lstsq_rank_deficient_and_underdetermined_match_sklearn():
    X, y = noisy_data(n=50, d=3)
    X_dup = np.column_stack([X, X[:, 0], np.ones(50)])  # duplicated and constant columns
    for A, b in [(X_dup, y), (X[:2], y[:2]), (noisy_data(n=5, d=10)[0], y[:5])]:
        ours = LinearRegression(solver="lstsq").fit(A, b)
        ref = sk.LinearRegression().fit(A, b)
        np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-10)
        np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-10)


def test_one_sample_gives_the_constant():
    model = LinearRegression().fit([[1.0, 2.0]], [5.0])
    np.testing.assert_array_equal(model.coef_, [0.0, 0.0])
    assert model.intercept_ == 5.0


# --- scikit-learn on real data ------------------------------------------------------------

@pytest.mark.parametrize("solver", CLOSED)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_linear_regression_matches_sklearn_on_diabetes(diabetes, solver, fit_intercept):
    X, y = diabetes
    ours = LinearRegression(solver=solver, fit_intercept=fit_intercept).fit(X, y)
    ref = sk.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.score(X, y), ref.score(X, y), rtol=1e-10)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0, 10.0, 100.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_matches_sklearn_on_diabetes(diabetes, alpha, fit_intercept):
    X, y = diabetes
    ours = Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    ref = sk.Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-6, atol=1e-6)


def test_ridge_invariants(diabetes):
    X, y = diabetes
    ols = LinearRegression().fit(X, y)
    np.testing.assert_allclose(Ridge(alpha=0.0).fit(X, y).coef_, ols.coef_, atol=1e-8)
    # The gradient of the ridge objective vanishes at the solution (intercept unpenalised).
    model = Ridge(alpha=3.0).fit(X, y)
    r = y - model.predict(X)
    np.testing.assert_allclose(-2 * X.T @ r + 2 * 3.0 * model.coef_, 0, atol=1e-8)
    assert abs(r.sum()) < 1e-8
    # More penalty, smaller coefficients.
    norms = [np.linalg.norm(Ridge(alpha=a).fit(X, y).coef_) for a in [0.1, 1, 10, 100]]
    assert np.all(np.diff(norms) < 0)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.5, 1.0, 5.0])
def test_lasso_matches_sklearn_on_diabetes(diabetes, alpha):
    X, y = diabetes
    ours = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    ref = sk.Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(ours.coef_ == 0, ref.coef_ == 0)
    assert ours.converged_ and ours.n_iter_ < 100_000


def test_lasso_zero_pattern_is_not_trivial(diabetes):
    X, y = diabetes
    n_zero = [(Lasso(alpha=a).fit(X, y).coef_ == 0).sum() for a in [0.01, 0.5, 1.0, 100.0]]
    assert n_zero[0] < n_zero[1] <= n_zero[2] < n_zero[3] == 10


def test_lasso_optimality_conditions(diabetes):
    # KKT: |x_j^T r| / n <= alpha, with equality and the sign of w_j where w_j != 0.
    X, y = diabetes
    alpha = 0.3
    model = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    corr = X.T @ (y - model.predict(X)) / len(y)
    nz = model.coef_ != 0
    assert np.all(np.abs(corr[~nz]) <= alpha + 1e-8)
    np.testing.assert_allclose(corr[nz], alpha * np.sign(model.coef_[nz]), atol=1e-8)
    assert 0 <= model.dual_gap_ <= 1e-12 * np.sum((y - y.mean()) ** 2) / len(y)


def test_lasso_orthogonal_design_known_answer():
    # Centred orthogonal columns with squared norm n: w_j = S(x_j^T y / n, alpha).
    n = 8
    H = np.array([[1, 1, 1, 1, 1, 1, 1, 1], [1, -1, 1, -1, 1, -1, 1, -1],
                  [1, 1, -1, -1, 1, 1, -1, -1], [1, 1, 1, 1, -1, -1, -1, -1]], float).T
    X = H[:, 1:]
    y = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
    model = Lasso(alpha=0.5, tol=1e-14).fit(X, y)
    np.testing.assert_allclose(model.coef_, soft_threshold(X.T @ y / n, 0.5), atol=1e-12)
    assert model.intercept_ == pytest.approx(y.mean())


def test_lasso_large_alpha_and_max_iter(diabetes):
    X, y = diabetes
    big = Lasso(alpha=1e4).fit(X, y)
    assert np.all(big.coef_ == 0) and big.intercept_ == pytest.approx(y.mean())
    assert big.converged_ and big.n_iter_ == 1
    with pytest.warns(ConvergenceWarning,
                      match="Lasso stopped after max_iter=2 sweeps without meeting tol=1e-12"):
        short = Lasso(alpha=0.001, max_iter=2, tol=1e-12).fit(X, y)
    assert not short.converged_ and short.n_iter_ == 2


# --- gradient descent behaviour -----------------------------------------------------------

def test_gd_loss_history():
    X, y = noisy_data()
    model = iterative("gd", learning_rate=0.05, tol=1e-6).fit(X, y)
    h = model.loss_history_
    assert len(h) == model.n_iter_ < 5000 and model.converged_
    assert np.all(np.diff(h) <= 0)  # a small enough full-batch step never increases the loss
    assert h[-1] == pytest.approx(np.mean((y - model.predict(X)) ** 2), rel=1e-12)
    assert 0 <= h[-2] - h[-1] <= 1e-6 * h[-2]  # the documented stopping rule


@pytest.mark.parametrize("solver", ITERATIVE)
def test_max_iter_reached_warns(solver):
    X, y = noisy_data()
    with pytest.warns(ConvergenceWarning,
                      match="LinearRegression stopped after max_iter=7 epochs without "
                            "meeting tol=1e-12"):
        model = iterative(solver, learning_rate=0.001, max_iter=7).fit(X, y)
    assert model.n_iter_ == 7 and not model.converged_
    assert len(model.loss_history_) == 7


@pytest.mark.parametrize("solver", ITERATIVE)
def test_divergence_raises_a_clear_error(solver):
    X, y = line_data()
    with pytest.raises(DivergenceError, match=r"LinearRegression diverged: the training "
                       r"loss became .* at iteration \d+\. Likely causes: a learning rate"):
        iterative(solver, learning_rate=5.0, batch_size=4).fit(X, y)
    # the same, stopped before the loss passes 1e300, grows at every epoch without a warning
    # about overflow; only the ConvergenceWarning of max_iter
    with pytest.warns(ConvergenceWarning):
        m = iterative(solver, learning_rate=5.0, batch_size=4, max_iter=20).fit(X, y)
    assert np.all(np.isfinite(m.loss_history_)) and m.loss_history_[-1] > 1e20
    if solver == "gd":
        assert np.all(np.diff(m.loss_history_) > 0)  # the loss going up all the way
    # DivergenceError is a ValueError: `except ValueError` catches it
    with pytest.raises(ValueError, match="diverged"):
        iterative(solver, learning_rate=5.0, batch_size=4).fit(X, y)


def test_diverging_unscaled_features_raise():
    rng = np.random.default_rng(0)
    X = rng.normal(100.0, 30.0, size=(100, 2))  # scale ~100: lambda_max ~ 1e4
    y = X @ [2.0, -1.0] + rng.normal(size=100)
    with pytest.raises(DivergenceError, match="not scaled"):
        LinearRegression(solver="gd", learning_rate=0.1).fit(X, y)


@few_epochs
@pytest.mark.parametrize("solver, learning_rate", [("gd", 0.05), ("sgd", 0.01)])
def test_early_stopping(solver, learning_rate):
    # Few samples, many features: after a while gradient descent fits the noise and the
    # validation loss goes back up.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 30))
    y = 3 * X[:, 0] - 2 * X[:, 1] + 1 + rng.normal(size=50)
    kw = dict(learning_rate=learning_rate, early_stopping=True, validation_fraction=0.3,
              tol=1e-4, n_iter_no_change=10, batch_size=8)
    model = iterative(solver, **kw).fit(X, y)
    val = model.validation_loss_history_
    assert model.converged_ and model.n_iter_ == len(val) == len(model.loss_history_) < 100
    best = int(np.argmin(val))
    assert best <= model.n_iter_ - 10 and val[-1] > val[best]
    # The kept weights are the best on validation: refit, stopping right at that epoch.
    again = iterative(solver, max_iter=best + 1, **kw).fit(X, y)
    np.testing.assert_array_equal(again.coef_, model.coef_)
    assert again.intercept_ == model.intercept_
    assert again.validation_loss_history_[-1] == val[best]


@few_epochs
@pytest.mark.parametrize("solver", ITERATIVE)
def test_determinism(solver):
    X, y = noisy_data()
    kw = dict(max_iter=30, batch_size=16, early_stopping=True)
    a = iterative(solver, random_state=7, **kw).fit(X, y)
    b = iterative(solver, random_state=7, **kw).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.loss_history_, b.loss_history_)
    np.testing.assert_array_equal(a.validation_loss_history_, b.validation_loss_history_)
    c = iterative(solver, random_state=8, **kw).fit(X, y)
    assert not np.array_equal(a.loss_history_, c.loss_history_)


@few_epochs
def test_iterative_attributes_only_for_iterative_solvers():
    X, y = noisy_data()
    assert not hasattr(LinearRegression().fit(X, y), "loss_history_")
    assert not hasattr(iterative("gd", max_iter=3).fit(X, y), "validation_loss_history_")


# --- plumbing and bad input ---------------------------------------------------------------

def test_params_and_column_vector_y():
    model = LinearRegression(solver="gd", learning_rate=0.5)
    assert model.get_params()["learning_rate"] == 0.5
    assert repr(model) == "LinearRegression(learning_rate=0.5, solver='gd')"
    X, y = noisy_data()
    a = LinearRegression().fit(X, y.reshape(-1, 1))
    np.testing.assert_allclose(a.coef_, LinearRegression().fit(X, y).coef_)
    assert a.predict(X).shape == (len(y),) and a.n_features_in_ == 5


ESTIMATORS = [LinearRegression, Ridge, Lasso]
X_OK, Y_OK = noisy_data(n=20, d=2)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_bad_input(Estimator):
    check_bad_input(Estimator, X_OK, Y_OK, kind="regressor", methods=("predict", "score"))


@pytest.mark.parametrize("solver", CLOSED + ITERATIVE)
def test_bad_input_every_solver(solver):
    check_bad_input(LinearRegression, X_OK, Y_OK, kind="regressor",
                    params={"solver": solver, "max_iter": 5})


@pytest.mark.parametrize("Estimator, params, match", [
    (LinearRegression, dict(solver="adam"), "solver must be one of"),
    (LinearRegression, dict(learning_rate=0.0), "learning_rate must be > 0"),
    (LinearRegression, dict(learning_rate=-1.0), "learning_rate must be > 0"),
    (LinearRegression, dict(max_iter=0), "max_iter must be >= 1"),
    (LinearRegression, dict(max_iter=2.5), "max_iter must be of type Integral"),
    (LinearRegression, dict(batch_size=0), "batch_size must be >= 1"),
    (LinearRegression, dict(tol=-1e-3), "tol must be >= 0"),
    (LinearRegression, dict(validation_fraction=0.0), "validation_fraction must be > 0"),
    (LinearRegression, dict(validation_fraction=1.0), "validation_fraction must be < 1"),
    (LinearRegression, dict(n_iter_no_change=0), "n_iter_no_change must be >= 1"),
    (LinearRegression, dict(fit_intercept="yes"), "fit_intercept must be True or False"),
    (LinearRegression, dict(early_stopping=None), "early_stopping must be True or False"),
    (LinearRegression, dict(random_state="seed"), "random_state must be"),
    (Ridge, dict(alpha=-1.0), "alpha must be >= 0"),
    (Ridge, dict(fit_intercept=1), "fit_intercept must be True or False"),
    (Lasso, dict(alpha=-0.1), "alpha must be >= 0"),
    (Lasso, dict(alpha=0.0), "use LinearRegression"),
    (Lasso, dict(max_iter=0), "max_iter must be >= 1"),
    (Lasso, dict(tol=-1.0), "tol must be >= 0"),
])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


def test_early_stopping_needs_two_samples():
    with pytest.raises(ValueError, match="early_stopping needs at least one training"):
        LinearRegression(solver="sgd", early_stopping=True).fit([[1.0]], [2.0])
    with pytest.raises(ValueError, match="early_stopping needs at least one training"):
        LinearRegression(solver="gd", early_stopping=True,
                         validation_fraction=0.9).fit(X_OK[:5], Y_OK[:5])


def rank_deficient_cases():
    """(name, X, y): designs whose X_c^T X_c is singular, with X_OK's 20 samples."""
    cases = [(f"constant column of {c:g}", np.column_stack([X_OK, np.full(20, c)]), Y_OK)
             for c in (0.1, 1.0, 1e3, -7.3)]
    cases.append(("duplicated column", np.column_stack([X_OK, X_OK[:, 1]]), Y_OK))
    cases.append(("scaled duplicate", np.column_stack([X_OK, 3 * X_OK[:, 0]]), Y_OK))
    cases.append(("d > n", np.random.default_rng(3).normal(size=(5, 8)), Y_OK[:5]))
    cases.append(("d = n", np.random.default_rng(4).normal(size=(6, 6)), Y_OK[:6]))
    return cases


@pytest.mark.parametrize("name, X, y", rank_deficient_cases(),
                         ids=[c[0] for c in rank_deficient_cases()])
def test_rank_deficient_normal_equations_raise(name, X, y):
    # Before the check, a constant column of 0.1 gave w = -4.86 and the wrong intercept
    # silently: its centred values are rounding errors, not exact zeros.
    with pytest.raises(ValueError, match=r"singular to working precision.*solver='lstsq'"):
        LinearRegression(solver="normal").fit(X, y)
    with pytest.raises(ValueError, match=r"singular to working precision.*larger alpha"):
        Ridge(alpha=0.0).fit(X, y)
    with pytest.raises(ValueError, match="singular to working precision"):
        Ridge(alpha=1e-30).fit(X, y)  # an alpha far below the data's scale is no cure
    # the cures the message suggests work, and agree with scikit-learn
    ours = LinearRegression(solver="lstsq").fit(X, y)
    ref = sk.LinearRegression().fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-8)
    np.testing.assert_allclose(Ridge(alpha=1.0).fit(X, y).coef_,
                               sk.Ridge(alpha=1.0).fit(X, y).coef_, atol=1e-10)


def test_rank_check_scales_with_the_data():
    # Full-rank designs pass at any scale, and a nearly collinear but resolvable one too.
    X, y = noisy_data(n=50, d=3)
    for scale in (1e-6, 1.0, 1e6):
        a = LinearRegression(solver="normal").fit(X * scale, y)
        np.testing.assert_allclose(a.coef_ * scale, LinearRegression().fit(X, y).coef_,
                                   rtol=1e-8)
    # kappa(X_c) ~ 1e5: the normal equations keep about 6 digits, and are allowed
    near = np.column_stack([X, X[:, 0] + 1e-4 * np.random.default_rng(5).normal(size=50)])
    ref = LinearRegression(solver="lstsq").fit(near, y)
    ours = LinearRegression(solver="normal").fit(near, y)
    np.testing.assert_allclose(ours.predict(near), ref.predict(near), atol=1e-5)
    # and a constant column is refused whatever its value or the data's scale
    for scale in (1e-6, 1e6):
        with pytest.raises(ValueError, match="singular"):
            LinearRegression(solver="normal").fit(
                np.column_stack([X * scale, np.full(50, 0.1)]), y)


# --- exercise gaps (the module's BEGIN/END SOLUTION bodies), in the order a student writes them
# Each test calls only its own gap's function, on inputs built here, so that in the student
# edition it fails with that gap's NotImplementedError and passes once that gap is written.

def test_gap_01_mse_gradient():
    X, y = noisy_data(n=20, d=3)
    w, b = np.array([0.5, -1.0, 2.0]), 0.3
    grad_w, grad_b = mse_gradient(X, y, w, b)
    assert np.shape(grad_w) == (3,), f"grad_w must have shape (d,) = (3,), got {np.shape(grad_w)}"
    assert isinstance(grad_b, float), f"grad_b must be a Python float, got {type(grad_b)}"
    # tiny known answer: X = [[1], [2]], y = [1, 2], w = 0, b = 0, so r = y
    gw, gb = mse_gradient(np.array([[1.0], [2.0]]), np.array([1.0, 2.0]), np.zeros(1), 0.0)
    np.testing.assert_allclose(gw, [-2.5], err_msg="equation (9): grad_w = -X^T r / n = "
                               "-(1*1 + 2*2) / 2 = -2.5 for X = [[1], [2]], y = [1, 2], w = 0")
    assert gb == pytest.approx(-1.5), (f"equation (9): dJ/db = -sum(r) / n = -1.5 for this "
                                       f"input, got {gb}")
    J = lambda t: 0.5 * np.mean((y - X @ t[:3] - t[3]) ** 2)  # noqa: E731
    num = numerical_gradient(J, np.append(w, b), 1e-6)
    err = relative_error(np.append(grad_w, grad_b), num)
    assert err < 1e-6, (f"equation (9): (grad_w, grad_b) = {np.append(grad_w, grad_b)} differ "
                        f"from the finite differences of J = L/2, {num} (relative error {err:.1e})")


def test_gap_02_gradient_step():
    w, b = np.array([0.5, -1.0, 2.0]), 0.3
    grad_w, grad_b = np.array([1.0, -2.0, 0.5]), -4.0
    w1, b1 = gradient_step(w, b, grad_w, grad_b, 0.1)
    assert np.shape(w1) == (3,), f"w must keep its shape (d,) = (3,), got {np.shape(w1)}"
    np.testing.assert_allclose(w1, [0.4, -0.8, 1.95],
                               err_msg="equation (10): w - eta * grad_w with eta = 0.1")
    assert b1 == pytest.approx(0.7), f"equation (10): b - eta * grad_b = 0.3 + 0.4 = 0.7, got {b1}"
    b2 = gradient_step(w, b, grad_w, grad_b, 0.1, fit_intercept=False)[1]
    assert b2 == b, f"with fit_intercept=False, b must stay {b}, got {b2}"
    assert np.array_equal(w, [0.5, -1.0, 2.0]), "w was modified in place: return a new array"


def test_gap_03_normal_equations():
    X, y = noisy_data(n=40, d=4)
    Xc, yc, _, _ = center_data(X, y)
    A, c = normal_equations(Xc, yc)
    assert np.shape(A) == (4, 4) and np.shape(c) == (4,), (
        f"A must have shape (d, d) = (4, 4) and c shape (d,) = (4,), got {np.shape(A)} and "
        f"{np.shape(c)}")
    # by hand on a tiny centred design
    A1, c1 = normal_equations(np.array([[1.0, 0.0], [-1.0, 2.0]]), np.array([1.0, 3.0]))
    np.testing.assert_allclose(A1, [[2.0, -2.0], [-2.0, 4.0]],
                               err_msg="equation (6): A = X_c^T X_c for X_c = [[1, 0], [-1, 2]]")
    np.testing.assert_allclose(c1, [-2.0, 6.0],
                               err_msg="equation (6): c = X_c^T y_c for y_c = [1, 3]")
    np.testing.assert_allclose(np.linalg.solve(A, c), np.linalg.lstsq(Xc, yc)[0], rtol=1e-10,
                               err_msg="equation (6): A w = c must give the least-squares w")
    A2, c2 = normal_equations(Xc, yc, 2.0)
    np.testing.assert_allclose(A2 - A, 2.0 * np.eye(4), atol=1e-12,
                               err_msg="equation (13): ridge adds alpha * I to X_c^T X_c")
    np.testing.assert_array_equal(c2, c, err_msg="equation (13): c = X_c^T y_c does not "
                                  "depend on alpha")
    w = solve_normal_equations(Xc, yc, 2.0)
    np.testing.assert_allclose(Xc.T @ (yc - Xc @ w), 2.0 * w, atol=1e-10,
                               err_msg="equation (13): the ridge gradient must vanish")


def test_gap_04_solve_lstsq():
    X, y = noisy_data(n=40, d=4)
    Xc, yc, _, _ = center_data(X, y)
    w = solve_lstsq(Xc, yc)
    assert np.shape(w) == (4,), f"w must have shape (d,) = (4,), got {np.shape(w)}"
    np.testing.assert_allclose(w, np.linalg.lstsq(Xc, yc)[0], rtol=1e-10,
                               err_msg="equation (7): the least-squares weights (np.linalg.lstsq)")
    wide = np.random.default_rng(1).normal(size=(4, 7))
    w_wide = solve_lstsq(wide, yc[:4])
    assert np.shape(w_wide) == (7,), f"a wide X_c (4, 7) gives w of shape (7,), got {np.shape(w_wide)}"
    np.testing.assert_allclose(w_wide, np.linalg.pinv(wide) @ yc[:4], atol=1e-12,
                               err_msg="d > n: the minimum-norm solution pinv(X_c) @ y_c")
    dup = np.column_stack([Xc, Xc[:, 0]])  # a duplicated column: rank 4 of 5
    np.testing.assert_allclose(solve_lstsq(dup, yc), np.linalg.pinv(dup) @ yc, atol=1e-10,
                               err_msg="rank-deficient X_c: drop the singular values below "
                                       "max(n, d) * eps * s_1 (minimum-norm solution)")


def test_gap_05_soft_threshold():
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    s = soft_threshold(z, 1.0)
    assert np.shape(s) == z.shape, f"S works elementwise: shape {z.shape} expected, got {np.shape(s)}"
    np.testing.assert_array_equal(s, [-2, 0, 0, 0, 0, 0, 2], err_msg="equation (14): "
                                  "S(z, 1) is 0 on [-1, 1] and z -+ 1 outside")
    assert soft_threshold(2.5, 0.5) == 2.0, "equation (14): S(2.5, 0.5) = 2.0"
    np.testing.assert_array_equal(soft_threshold(z, 0.0), z, err_msg="S(z, 0) = z")


@pytest.mark.parametrize("standin", ["identity", "zero"])
def test_gap_06_coordinate_descent_sweep(standin, monkeypatch):
    # The sweep calls soft_threshold (gap 05). To test the sweep alone, soft_threshold is
    # replaced here by a stand-in that records the threshold it is given: the identity (then
    # one sweep is a Gauss-Seidel step for least squares) or zero (then nothing moves).
    import linear_regression
    gammas = []

    def stand_in(rho, gamma):
        gammas.append(gamma)
        return rho if standin == "identity" else 0.0 * rho

    monkeypatch.setattr(linear_regression, "soft_threshold", stand_in)
    # two correlated centred columns, z = col_sq = (2, 8)
    Xc = np.array([[1.0, 2.0], [-1.0, 0.0], [0.0, -2.0]])
    yc = np.array([2.0, 0.0, -2.0])
    col_sq = np.array([2.0, 8.0])
    w, r = np.zeros(2), yc.copy()
    out = coordinate_descent_sweep(Xc, w, r, col_sq, 5.0)
    assert out is None, "the sweep works in place on w and r and returns None"
    assert gammas == [5.0, 5.0], (f"equation (14): soft_threshold(rho_j, lam) is called once per "
                                  f"feature with lam = 5.0, got thresholds {gammas}")
    if standin == "zero":
        np.testing.assert_array_equal(w, [0.0, 0.0], err_msg="S = 0 leaves every w_j at 0")
        np.testing.assert_array_equal(r, yc, err_msg="w did not change, so r must not change")
        return
    # by hand, from w = 0: rho_0 = x_:0^T r = 2, w_0 = 2 / 2 = 1, r = [1, 1, -2];
    # then rho_1 = x_:1^T r = 2 + 4 = 6 (the residual updated after w_0), w_1 = 6 / 8
    np.testing.assert_allclose(w, [1.0, 0.75], err_msg=(
        "equation (14) from w = 0: w_j = S(rho_j, lam) / z_j, each rho_j computed from the "
        "residual updated after the previous coordinate (expected [1, 0.75])"))
    np.testing.assert_allclose(r, yc - Xc @ w, atol=1e-12,
                               err_msg="r must stay y_c - X_c w: update it in place (r -= ...)")
    # by hand, from w = (0.5, 0.5), r = [0.5, 0.5, -1]: rho_0 = x_:0^T r + z_0 w_0 = 0 + 1,
    # w_0 = 0.5; rho_1 = x_:1^T r + z_1 w_1 = 3 + 4 = 7, w_1 = 7 / 8
    w = np.array([0.5, 0.5])
    r = yc - Xc @ w
    coordinate_descent_sweep(Xc, w, r, col_sq, 5.0)
    np.testing.assert_allclose(w, [0.5, 0.875], err_msg=(
        "equation (14) from w = (0.5, 0.5): rho_j = x_:j^T r + z_j w_j adds back feature j's "
        "own contribution to the residual (expected [0.5, 0.875])"))
    np.testing.assert_allclose(r, yc - Xc @ w, atol=1e-12,
                               err_msg="r must stay y_c - X_c w: update it in place (r -= ...)")
    # a zero column is skipped: its weight stays 0 and nothing is divided by zero
    Xz = np.column_stack([Xc, np.zeros(3)])
    w, r = np.zeros(3), yc.copy()
    coordinate_descent_sweep(Xz, w, r, np.array([2.0, 8.0, 0.0]), 5.0)
    np.testing.assert_allclose(w, [1.0, 0.75, 0.0], err_msg="a column with col_sq = 0 keeps w_j = 0")
    # with S the identity, repeated sweeps (Gauss-Seidel) reach least squares
    X, y = noisy_data(n=30, d=4)
    Xc, yc, _, _ = center_data(X, y)
    w, r = np.zeros(4), yc.copy()
    for _ in range(300):
        coordinate_descent_sweep(Xc, w, r, (Xc ** 2).sum(axis=0), 0.0)
    np.testing.assert_allclose(w, np.linalg.lstsq(Xc, yc)[0], atol=1e-8,
                               err_msg="repeated sweeps must converge (to least squares here)")


def test_gap_07_lasso_duality_gap():
    # by hand: X_c = [[1], [-1]], y_c = [1, -1], w = 0, r = y_c, X_c^T r = 2
    Xc, yc = np.array([[1.0], [-1.0]]), np.array([1.0, -1.0])
    for lam, expected in [(1.0, 0.25), (4.0, 0.0)]:
        G = lasso_duality_gap(Xc, yc, np.zeros(1), yc.copy(), lam)
        assert isinstance(G, float), f"G must be a Python float, got {type(G)}"
        s = min(1.0, lam / 2.0)
        assert G == pytest.approx(expected, abs=1e-12), (
            f"equation (15) with lam = {lam}: s = min(1, lam / ||X_c^T r||_inf) = {s}, "
            f"G = ||r||^2 (1 + s^2) / 2 + lam ||w||_1 - s r^T y_c = {expected}, got {G}")
    X, y = noisy_data(n=30, d=4)
    Xc, yc, _, _ = center_data(X, y)
    lam = 5.0
    w = np.array([0.5, -0.5, 0.2, 0.0])
    ref = sk.Lasso(alpha=lam / 30, tol=1e-14, max_iter=100_000).fit(X, y)
    P = lambda v: 0.5 * np.sum((yc - Xc @ v) ** 2) + lam * np.abs(v).sum()  # noqa: E731
    G = lasso_duality_gap(Xc, yc, w, yc - Xc @ w, lam)
    assert G >= P(w) - P(ref.coef_) - 1e-9 > 0, (
        f"equation (15): G = {G} must bound n (P(w) - P*) = {P(w) - P(ref.coef_)} from above")
    g_star = lasso_duality_gap(Xc, yc, ref.coef_, yc - Xc @ ref.coef_, lam)
    assert 0 <= g_star < 1e-8 * (yc @ yc), f"at the optimum G must be about 0, got {g_star}"


# --- "swap one import" ----------------------------------------------------------------------

def test_swap_one_import_defaults_match_sklearn(diabetes):
    X, y = diabetes
    X_tr, y_tr, X_te = X[:300], y[:300], X[300:]
    for ours, ref, rtol in [(LinearRegression(), sk.LinearRegression(), 1e-10),
                            (Ridge(), sk.Ridge(), 1e-10),
                            # both stop once the duality gap is below tol = 1e-4 (relative),
                            # not necessarily after the same sweep: measured 1.6e-4 apart
                            (Lasso(), sk.Lasso(), 1e-3)]:
        p, q = ours.fit(X_tr, y_tr).predict(X_te), ref.fit(X_tr, y_tr).predict(X_te)
        np.testing.assert_allclose(p, q, rtol=rtol)
    # the names of the shared parameters and their defaults are scikit-learn's
    for ours, ref in [(LinearRegression, sk.LinearRegression), (Ridge, sk.Ridge),
                      (Lasso, sk.Lasso)]:
        ref_params = inspect.signature(ref).parameters
        for name, param in inspect.signature(ours).parameters.items():
            if name in ref_params:
                assert param.default == ref_params[name].default, (ours.__name__, name)


def test_singular_normal_equations():
    X = np.column_stack([X_OK, np.full(20, 2.0)])  # a constant column: singular X^T X
    with pytest.raises(ValueError, match="singular.*lstsq"):
        LinearRegression(solver="normal").fit(X, Y_OK)
    with pytest.raises(ValueError, match="singular"):
        Ridge(alpha=0.0).fit(X, Y_OK)
    assert np.isfinite(Ridge(alpha=1.0).fit(X, Y_OK).coef_).all()
