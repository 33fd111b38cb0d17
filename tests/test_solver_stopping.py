"""Every iterative solver of the course stops, and says honestly whether it converged,
when asked for more precision than floating point can give.

Near an optimum the quantities a stopping rule looks at (a decrease of the loss, a
gradient, a duality gap, a KKT violation) sink into their own rounding error, whose last
bits differ between BLAS kernels. A rule that waits for them to pass a tolerance below that
floor either never fires (the run ends at ``max_iter`` claiming no convergence although it
sits at the optimum, or never ends at all) or fires on some machines and not on others. So
each test asks for a tolerance of 0 (or the smallest one allowed) and checks that the
solver stops, where it stops, and what it reports. ``make test-kernels`` runs these under
every kernel.
"""
import warnings

import numpy as np
import pytest
from sklearn.linear_model import Lasso as SkLasso

from kmeans import KMeans
from linear_regression import GAP_FLOOR, Lasso, LinearRegression
from logistic_regression import LogisticRegression, binary_gradient
from neural_network import MLPClassifier
from svm import SVC, LinearSVC
from utils.data import load_breast_cancer, load_diabetes, make_blobs
from utils.validation import ConvergenceWarning
from utils.preprocessing import StandardScaler


@pytest.fixture(scope="module")
def diabetes():
    X, y = load_diabetes(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def cancer():
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def test_gradient_descent_stops_where_the_loss_stops_changing(diabetes):
    X, y = diabetes
    m = LinearRegression(solver="gd", learning_rate=0.1, max_iter=30_000, tol=0).fit(X, y)
    exact = LinearRegression(solver="lstsq").fit(X, y)
    # tol = 0: converged when an epoch leaves the loss exactly unchanged, the floor
    assert m.converged_ and m.n_iter_ < 30_000
    # What that promises: along the flattest direction one epoch changes J by less than one
    # unit in its last place while J is still a few 1e-13 (relative) above J*; and near the
    # minimum J rises only quadratically, J - J* ~ lambda_min |w - w*|^2 / 2, with
    # diabetes' collinear columns (s1, s2) making lambda_min small, so the weights are about
    # 1e-5 (relative) from w*. A loss-based stopping rule can promise no more.
    loss = lambda model: np.mean((X @ model.coef_ + model.intercept_ - y) ** 2) / 2  # noqa: E731
    assert loss(m) - loss(exact) <= 1e-11 * loss(exact)
    np.testing.assert_allclose(m.coef_, exact.coef_, rtol=1e-4)


def test_sgd_runs_its_epochs_and_does_not_claim_convergence(diabetes):
    X, y = diabetes
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = LinearRegression(solver="sgd", learning_rate=0.01, max_iter=30, tol=0,
                             random_state=0).fit(X, y)
    assert m.n_iter_ <= 30 and isinstance(m.converged_, bool)
    said = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert bool(said) == (not m.converged_)   # stopping at max_iter is said
    if m.converged_:  # only if an epoch left the noisy loss exactly unchanged
        assert m.loss_history_[-1] == m.loss_history_[-2]


def test_lasso_duality_gap_floor(diabetes):
    X, y = diabetes
    m = Lasso(alpha=0.1, max_iter=20_000, tol=0).fit(X, y)
    # tol = 0 is raised to GAP_FLOOR: the gap reaches it on every kernel, long before max_iter
    yc = y - y.mean()
    assert m.converged_ and m.n_iter_ < 5_000
    assert m.dual_gap_ * len(y) <= GAP_FLOOR * (yc @ yc)
    ref = SkLasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(m.coef_, ref.coef_, atol=1e-8)


def test_newton_reaches_the_floor_and_never_takes_a_step_that_does_nothing(cancer):
    X, y = cancer
    for alpha in [1e-3, 1e-2, 1.0]:
        m = LogisticRegression(alpha=alpha, solver="newton", tol=0, max_iter=100).fit(X, y)
        assert m.converged_ and m.n_iter_ < 30
        h = m.loss_history_
        # every line-searched step decreased J strictly; only the last, unchecked full step
        # at the floor may move J by its rounding error
        assert np.all(np.diff(h[:-1]) < 0)
        assert abs(h[-1] - h[-2]) <= 1e-14 * abs(h[-2])
        theta = np.concatenate([m.intercept_, m.coef_.ravel()])
        Xt = np.column_stack([np.ones(len(X)), X])
        assert np.abs(binary_gradient(theta, Xt, y.astype(float), alpha)).max() < 1e-9


def test_gradient_descent_logistic_is_honest_about_an_unreachable_tol(cancer):
    X, y = cancer
    with pytest.warns(ConvergenceWarning, match="max_iter=300"):
        m = LogisticRegression(alpha=0.01, solver="gd", learning_rate=1.0, max_iter=300,
                               tol=0).fit(X, y)
    assert m.n_iter_ == 300 and not m.converged_
    reachable = LogisticRegression(alpha=0.01, solver="gd", learning_rate=1.0,
                                   max_iter=20_000, tol=1e-8).fit(X, y)
    assert reachable.converged_ and reachable.n_iter_ < 20_000


@pytest.mark.parametrize("kernel", ["linear", "rbf"])
def test_smo_stops_at_the_floor_with_no_step_limit(cancer, kernel):
    X, y = cancer
    # tol far below the rounding error of the error cache E, and no max_iter: SMO must still
    # stop (at the floor, where no pair can raise the dual measurably) and say converged
    m = SVC(kernel=kernel, C=1.0, tol=1e-300).fit(X[:300], y[:300])
    assert m.converged_ and m.n_iter_[0] < 100_000
    loose = SVC(kernel=kernel, C=1.0, tol=1e-3).fit(X[:300], y[:300])
    assert np.array_equal(m.predict(X), loose.predict(X)) or \
        np.mean(m.predict(X) != loose.predict(X)) < 0.01


def test_pegasos_runs_exactly_its_epochs(cancer):
    X, y = cancer
    m = LinearSVC(C=1.0, max_iter=7, random_state=0).fit(X, y)
    assert m.n_iter_ == 7


def test_lloyd_stops_when_nothing_moves():
    X, _ = make_blobs(n_samples=300, centers=4, random_state=0)
    m = KMeans(n_clusters=4, tol=0, n_init=1, random_state=0).fit(X)
    assert m.n_iter_ < 300
    # at the stop, one more assignment step changes nothing
    d = ((X[:, None, :] - m.cluster_centers_[None]) ** 2).sum(axis=2)
    assert np.array_equal(d.argmin(axis=1), m.labels_)


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_mlp_stops_by_its_stall_counter_or_max_iter(solver):
    X, y = make_blobs(n_samples=200, centers=2, random_state=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = MLPClassifier(hidden_layer_sizes=(5,), solver=solver, tol=0, max_iter=60,
                          learning_rate_init=0.05, random_state=0).fit(X, y)
    assert m.n_iter_ <= 60 and len(m.loss_curve_) == m.n_iter_
    # stopping at max_iter is said, with the course's one ConvergenceWarning; a stop by the
    # stall counter is not a failure to converge and says nothing
    said = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert bool(said) == (not m.converged_) and m.converged_ == (m.n_iter_ < 60)
