"""Tests for logistic_regression.py: stable pieces, derivatives, scikit-learn agreement, bad input."""
import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk

import utils.validation
from logistic_regression import (ConvergenceWarning, LogisticRegression, _binary_terms,
                                 _objective, _softmax_terms, binary_gradient, binary_hessian,
                                 binary_loss, descent_epoch, log_sigmoid, log_softmax,
                                 newton_step, sigmoid, softmax, softmax_gradient, softmax_hessian,
                                 softmax_loss, sum_zero_basis)
from utils.data import load_breast_cancer, load_iris, load_penguins, load_titanic
from utils.gradcheck import numerical_gradient, relative_error
from utils.metrics import log_loss
from utils.preprocessing import StandardScaler
from utils.testing import check_bad_input
from utils.validation import DivergenceError

# Fits that deliberately stop at max_iter (a fixed budget of epochs) warn; these tests
# compare such fits, so they filter exactly that warning.
budget = pytest.mark.filterwarnings("ignore::utils.validation.ConvergenceWarning")


def standardised(loader):
    X, y = loader(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def cancer():
    return standardised(load_breast_cancer)


@pytest.fixture(scope="module")
def iris():
    return standardised(load_iris)


@pytest.fixture(scope="module")
def penguins():
    return standardised(load_penguins)


def overlapping(n=200, d=3, K=2, seed=0):
    """Gaussian classes whose means are close: never separable."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, K, size=n)
    X = rng.normal(size=(n, d)) + 0.8 * rng.normal(size=(K, d))[y]
    return X, y


def with_ones(X):
    return np.column_stack([np.ones(len(X)), X])


def numerical_hessian(grad, theta, eps=1e-5):
    flat = theta.ravel()
    cols = [numerical_gradient(lambda t: grad(t.reshape(theta.shape)).ravel()[j], flat, eps)
            for j in range(flat.size)]
    return np.array(cols)


# --- stable building blocks ----------------------------------------------------------------

def test_sigmoid_and_log_sigmoid_known_values():
    z = np.array([-1e4, -800.0, -30.0, 0.0, 30.0, 800.0, 1e4])
    p = sigmoid(z)
    assert p[3] == 0.5 and p[0] == 0.0 and p[-1] == 1.0
    np.testing.assert_allclose(p + sigmoid(-z), 1.0, rtol=1e-15)
    np.testing.assert_allclose(sigmoid(np.array([-30.0])), [np.exp(-30) / (1 + np.exp(-30))],
                               rtol=1e-14)
    ls = log_sigmoid(z)
    assert np.all(np.isfinite(ls)) and ls[1] == -800.0 and ls[0] == -1e4
    np.testing.assert_allclose(ls[2:4], np.log(sigmoid(z[2:4])), rtol=1e-14)
    # log(sigmoid(30)) = log(1 - 9.4e-14) has lost three digits; log_sigmoid has not
    assert ls[4] == pytest.approx(-np.log1p(np.exp(-30.0)), rel=1e-15)


def test_softmax_and_log_softmax():
    Z = np.array([[1.0, 2.0, 3.0], [1e4, 0.0, -1e4], [-1e4, -1e4, -1e4]])
    P = softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(P[0], e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(P[2], 1 / 3)
    L = log_softmax(Z)
    assert np.all(np.isfinite(L)) and L[1, 0] == 0.0 and L[1, 2] == -2e4
    np.testing.assert_allclose(softmax(Z + 123.0), P)  # invariant to a shift of each row


def test_sum_zero_basis():
    for K in [2, 3, 5]:
        Q = sum_zero_basis(K)
        assert Q.shape == (K, K - 1)
        np.testing.assert_allclose(Q.T @ Q, np.eye(K - 1), atol=1e-15)
        np.testing.assert_allclose(Q.sum(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(sum_zero_basis(2), [[2**-0.5], [-(2**-0.5)]])


# --- loss, gradient and Hessian ------------------------------------------------------------

def test_binary_loss_known_answers():
    X, y = overlapping(n=50)
    Xt = with_ones(X)
    assert binary_loss(np.zeros(4), Xt, y.astype(float)) == pytest.approx(np.log(2))
    theta = np.array([0.3, -1.0, 0.5, 2.0])
    p = sigmoid(Xt @ theta)
    assert binary_loss(theta, Xt, y) == pytest.approx(log_loss(y, p), rel=1e-12)
    # the penalty leaves the intercept out
    assert binary_loss(theta, Xt, y, alpha=0.5) == pytest.approx(
        log_loss(y, p) + 0.25 * (1 + 0.25 + 4), rel=1e-12)
    assert binary_loss(theta, Xt, y, alpha=0.5, intercept=False) == pytest.approx(
        log_loss(y, p) + 0.25 * (0.09 + 1 + 0.25 + 4), rel=1e-12)


def test_binary_loss_is_finite_for_huge_logits():
    Xt, y = np.array([[1.0], [1.0]]), np.array([1.0, 0.0])
    # logits +-1e4: one sample right (loss 0), one wrong (loss 1e4), mean 5e3
    assert binary_loss(np.array([1e4]), Xt, y) == 5e3
    assert np.all(np.isfinite(binary_gradient(np.array([1e4]), Xt, y)))


def test_softmax_loss_known_answers():
    X, y = overlapping(n=60, K=3)
    Xt = with_ones(X)
    assert softmax_loss(np.zeros((4, 3)), Xt, y) == pytest.approx(np.log(3))
    Theta = np.random.default_rng(1).normal(size=(4, 3))
    assert softmax_loss(Theta, Xt, y) == pytest.approx(log_loss(y, softmax(Xt @ Theta)),
                                                       rel=1e-12)


@pytest.mark.parametrize("alpha, intercept", [(0.0, True), (0.3, True), (0.3, False)])
def test_binary_derivatives_match_finite_differences(alpha, intercept):
    X, y = overlapping(n=40, d=4, seed=2)
    Xt, y = (with_ones(X) if intercept else X), y.astype(float)
    theta = np.random.default_rng(3).normal(size=Xt.shape[1])
    g = binary_gradient(theta, Xt, y, alpha, intercept)
    assert relative_error(g, numerical_gradient(
        lambda t: binary_loss(t, Xt, y, alpha, intercept), theta)) < 1e-7
    H = binary_hessian(theta, Xt, y, alpha, intercept)
    H_num = numerical_hessian(lambda t: binary_gradient(t, Xt, y, alpha, intercept), theta)
    assert relative_error(H, H_num) < 1e-7
    assert np.all(np.linalg.eigvalsh(H) > 0)  # convex


@pytest.mark.parametrize("alpha, intercept", [(0.0, True), (0.2, True), (0.2, False)])
def test_softmax_derivatives_match_finite_differences(alpha, intercept):
    X, y = overlapping(n=40, d=3, K=3, seed=4)
    Xt = with_ones(X) if intercept else X
    Theta = np.random.default_rng(5).normal(size=(Xt.shape[1], 3))
    G = softmax_gradient(Theta, Xt, y, alpha, intercept)
    assert G.shape == Theta.shape
    assert relative_error(G, numerical_gradient(
        lambda T: softmax_loss(T, Xt, y, alpha, intercept), Theta)) < 1e-7
    H = softmax_hessian(Theta, Xt, y, alpha, intercept)
    H_num = numerical_hessian(lambda T: softmax_gradient(T, Xt, y, alpha, intercept), Theta)
    assert relative_error(H, H_num) < 1e-7
    eig = np.linalg.eigvalsh(H)
    assert eig.min() > -1e-12  # positive semi-definite
    if alpha == 0:
        # adding the same vector to every class's column is a null direction
        u = np.random.default_rng(6).normal(size=Xt.shape[1])
        assert np.abs(H @ np.repeat(u, 3)).max() < 1e-12


def test_reduced_softmax_objective_derivatives():
    # What Newton minimises: J(V Q^T) in V; gradient G Q, Hessian projected on Q.
    X, y = overlapping(n=40, d=2, K=4, seed=6)
    Xt, Q = with_ones(X), sum_zero_basis(4)
    fun = _objective(0.1, True, Q)
    v = np.random.default_rng(7).normal(size=3 * 3)
    loss, g, hessian = fun(v, Xt, y, 1)
    assert loss == pytest.approx(softmax_loss(v.reshape(3, 3) @ Q.T, Xt, y, 0.1))
    assert relative_error(g, numerical_gradient(lambda t: fun(t, Xt, y, 0)[0], v)) < 1e-7
    H_num = numerical_hessian(lambda t: fun(t, Xt, y, 1)[1], v)
    assert relative_error(hessian(), H_num) < 1e-7
    assert np.linalg.eigvalsh(hessian()).min() > 0  # strictly convex in V


# --- known answers and agreement between solvers -------------------------------------------

def test_saturated_model_known_answer():
    # One binary feature: the fitted probabilities are the group frequencies 1/4 and 3/4.
    X = np.array([[0.0]] * 4 + [[1.0]] * 4)
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    model = LogisticRegression(tol=1e-12).fit(X, y)
    assert model.intercept_[0] == pytest.approx(np.log(1 / 3), abs=1e-10)
    assert model.coef_[0, 0] == pytest.approx(2 * np.log(3), abs=1e-10)
    np.testing.assert_allclose(model.predict_proba([[0.0], [1.0]])[:, 1], [0.25, 0.75])
    assert model.converged_ and model.coef_.shape == (1, 1) and model.intercept_.shape == (1,)


@pytest.mark.parametrize("K", [2, 3])
def test_constant_feature_gives_class_frequencies(K):
    # A zero column makes the Hessian singular: the least-squares step keeps its weight at 0.
    y = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 2])[: 10 if K == 3 else 5]
    X = np.zeros((len(y), 1))
    model = LogisticRegression(tol=1e-12).fit(X, y)
    freq = np.bincount(y) / len(y)
    np.testing.assert_allclose(model.predict_proba(X[:1])[0], freq, atol=1e-10)
    np.testing.assert_allclose(model.coef_, 0.0, atol=1e-12)
    if K == 3:
        assert abs(model.intercept_.sum()) < 1e-12  # the sum-to-zero representative


@budget
@pytest.mark.parametrize("K", [2, 3])
def test_newton_and_gd_reach_the_same_optimum(K):
    X, y = overlapping(n=300, d=3, K=K, seed=8)
    newton = LogisticRegression(alpha=0.01, tol=1e-12).fit(X, y)
    gd = LogisticRegression(alpha=0.01, solver="gd", learning_rate=2.0, max_iter=20_000,
                            tol=1e-9).fit(X, y)
    assert newton.converged_ and gd.converged_ and gd.n_iter_ > 10 * newton.n_iter_
    np.testing.assert_allclose(gd.coef_, newton.coef_, atol=1e-7)
    np.testing.assert_allclose(gd.intercept_, newton.intercept_, atol=1e-7)
    sgd = LogisticRegression(alpha=0.01, solver="sgd", learning_rate=0.05, max_iter=100,
                             batch_size=16, random_state=0).fit(X, y)
    np.testing.assert_allclose(sgd.coef_, newton.coef_, atol=0.05)
    assert sgd.loss_history_[-1] < newton.loss_history_[-1] + 1e-3


@budget
def test_sgd_with_full_batch_is_gd():
    X, y = overlapping()
    gd = LogisticRegression(solver="gd", max_iter=30).fit(X, y)
    sgd = LogisticRegression(solver="sgd", max_iter=30, batch_size=10_000).fit(X, y)
    np.testing.assert_array_equal(sgd.coef_, gd.coef_)
    np.testing.assert_array_equal(sgd.loss_history_, gd.loss_history_)


def test_loss_history_and_stopping():
    X, y = overlapping(K=3)
    for solver, lr in [("newton", 0.1), ("gd", 0.5)]:
        m = LogisticRegression(alpha=0.01, solver=solver, learning_rate=lr, max_iter=5000,
                               tol=1e-8).fit(X, y)
        h = m.loss_history_
        assert m.converged_ and len(h) == m.n_iter_ and np.all(np.diff(h) <= 1e-15)
        Xt = with_ones(X)
        Theta = np.vstack([m.intercept_, m.coef_.T])
        assert h[-1] == pytest.approx(softmax_loss(Theta, Xt, y, 0.01), rel=1e-12)
        assert np.abs(softmax_gradient(Theta, Xt, y, 0.01)).max() <= 1e-8
    with pytest.warns(ConvergenceWarning, match=r"stopped after max_iter=7 epochs without "
                      r"meeting tol=1e-06"):
        short = LogisticRegression(solver="gd", max_iter=7).fit(X, y)
    assert short.n_iter_ == 7 and not short.converged_
    with pytest.warns(ConvergenceWarning, match="max_iter=2 Newton iterations"):
        short = LogisticRegression(max_iter=2, tol=0.0).fit(X, y)
    assert short.n_iter_ == 2 and not short.converged_


def test_the_warning_is_the_course_one():
    assert ConvergenceWarning is utils.validation.ConvergenceWarning


@pytest.mark.parametrize("solver", ["gd", "sgd"])
def test_a_diverging_learning_rate_raises_a_clear_error(solver):
    # With alpha * learning_rate > 2 the penalty's step overshoots: the weights grow
    # geometrically (by |1 - 3 * 10| = 29 per step) until they overflow.
    X, y = overlapping()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning on the way
        with pytest.raises(DivergenceError, match=r"diverged: the weights became .* at "
                           r"iteration \d+.*learning rate"):
            LogisticRegression(alpha=3.0, solver=solver, learning_rate=10.0, max_iter=1000,
                               random_state=0).fit(X, y)


@budget
def test_multiclass_weights_sum_to_zero_over_classes(iris):
    X, y = iris
    for solver in ["newton", "gd"]:
        m = LogisticRegression(solver=solver, alpha=0.01).fit(X, y)
        np.testing.assert_allclose(m.coef_.sum(axis=0), 0.0, atol=1e-12)
        assert abs(m.intercept_.sum()) < 1e-12


# --- scikit-learn on real data ------------------------------------------------------------

def assert_matches_sklearn(X, y, alpha, fit_intercept=True):
    n = len(y)
    ours = LogisticRegression(alpha=alpha, tol=1e-10, fit_intercept=fit_intercept).fit(X, y)
    kw = dict(C=np.inf) if alpha == 0 else dict(C=1 / (n * alpha))  # C = inf: no penalty
    ref = sk.LogisticRegression(tol=1e-12, max_iter=100_000, fit_intercept=fit_intercept,
                                **kw).fit(X, y)
    assert ours.converged_ and ours.coef_.shape == ref.coef_.shape
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-5)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X), atol=1e-4)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.parametrize("alpha", [1e-3, 1e-2, 0.1, 1.0])
def test_binary_matches_sklearn_on_breast_cancer(cancer, alpha):
    assert_matches_sklearn(*cancer, alpha)


def test_binary_matches_sklearn_without_intercept(cancer):
    assert_matches_sklearn(*cancer, 0.01, fit_intercept=False)


def test_binary_matches_sklearn_unpenalised_on_titanic():
    X, y = standardised(load_titanic)  # not separable: alpha = 0 has a unique minimum
    assert_matches_sklearn(X, y, 0.0)


@pytest.mark.parametrize("alpha", [1e-3, 1e-2, 0.1, 1.0])
def test_multiclass_matches_sklearn_on_iris(iris, alpha):
    assert_matches_sklearn(*iris, alpha)


def test_multiclass_matches_sklearn_unpenalised():
    # (iris has no unpenalised optimum: setosa is separable from the other two)
    assert_matches_sklearn(*overlapping(n=300, d=4, K=4, seed=9), 0.0)


@pytest.mark.parametrize("alpha", [1e-3, 0.1])
def test_multiclass_matches_sklearn_on_penguins(penguins, alpha):
    X, y = penguins  # string labels
    assert_matches_sklearn(X, y, alpha)
    assert_matches_sklearn(X, y, alpha, fit_intercept=False)


# --- probabilities, labels, extremes -------------------------------------------------------

@pytest.mark.parametrize("loader", [load_breast_cancer, load_iris])
def test_probabilities_are_consistent(loader):
    X, y = standardised(loader)
    m = LogisticRegression(alpha=0.01).fit(X, y)
    P = m.predict_proba(X)
    assert P.shape == (len(y), len(m.classes_)) and np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-14)
    np.testing.assert_allclose(np.exp(m.predict_log_proba(X)), P, rtol=1e-12)
    np.testing.assert_array_equal(m.predict(X), m.classes_[np.argmax(P, axis=1)])
    assert m.score(X, y) == np.mean(m.predict(X) == y)


@pytest.mark.parametrize("K", [2, 3])
def test_huge_logits_give_no_nan_and_no_warning(K):
    X, y = overlapping(K=K)
    m = LogisticRegression(alpha=0.1).fit(X, y)
    far = X * 1e4 / np.abs(m.decision_function(X)).min()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Z = m.decision_function(far)
        P, logP = m.predict_proba(far), m.predict_log_proba(far)
    assert np.abs(Z).max() > 1e4
    assert np.all(np.isfinite(P)) and np.all(np.isfinite(logP))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert P.min() == 0.0 and P.max() == 1.0  # saturated, yet the log stays finite
    assert logP.min() < -1e3


@pytest.mark.parametrize("labels", [np.array(["ham", "spam"]),
                                    np.array(["cat", "dog", "emu"]),
                                    np.array([-5, 7]), np.array([False, True])])
def test_labels_round_trip(labels):
    X, y_idx = overlapping(K=len(labels))
    y = labels[y_idx]
    m = LogisticRegression(alpha=0.01).fit(X, y)
    np.testing.assert_array_equal(m.classes_, np.sort(labels))
    pred = m.predict(X)
    assert pred.dtype == y.dtype and set(pred) <= set(labels)
    ref = LogisticRegression(alpha=0.01).fit(X, y_idx)  # the same fit with 0..K-1
    np.testing.assert_array_equal(pred, labels[ref.predict(X)])
    np.testing.assert_allclose(m.coef_, ref.coef_)


def test_separable_data_warns_and_stays_finite():
    X = np.array([[-2.0, 1.0], [-1.0, -1.0], [1.0, 0.5], [2.0, -0.5]])
    y = np.array([0, 0, 1, 1])
    with pytest.warns(ConvergenceWarning, match="linearly separable and alpha=0"):
        m = LogisticRegression(max_iter=50, tol=0.0).fit(X, y)
    assert m.n_iter_ <= 50 and not m.converged_
    assert np.all(np.isfinite(m.coef_)) and np.all(np.isfinite(m.loss_history_))
    assert np.all(np.isfinite(m.predict_log_proba(X)))
    with pytest.warns(ConvergenceWarning):
        gd = LogisticRegression(solver="gd", learning_rate=10.0, max_iter=500).fit(X, y)
    assert np.all(np.diff(gd.loss_history_) < 0) and np.linalg.norm(gd.coef_) > 3
    with pytest.warns(ConvergenceWarning):  # three classes, also separable
        LogisticRegression().fit(np.array([[0.0], [1.0], [2.0]]), [0, 1, 2])
    # a penalty gives a finite optimum: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = LogisticRegression(alpha=0.1).fit(X, y)
    assert m.converged_


@budget
@pytest.mark.parametrize("solver", ["gd", "sgd"])
def test_determinism(solver):
    X, y = overlapping(K=3)
    a = LogisticRegression(solver=solver, max_iter=20, random_state=3).fit(X, y)
    b = LogisticRegression(solver=solver, max_iter=20, random_state=3).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.loss_history_, b.loss_history_)
    c = LogisticRegression(solver=solver, max_iter=20, random_state=4).fit(X, y)
    assert (solver == "gd") == np.array_equal(a.coef_, c.coef_)


def test_ties_go_to_the_first_class():
    m = LogisticRegression(alpha=1.0).fit([[0.0], [1.0], [2.0], [3.0]], ["a", "b", "a", "b"])
    m.coef_[:], m.intercept_[:] = 0.0, 0.0
    assert m.predict([[5.0]])[0] == "a"


# --- plumbing and bad input ---------------------------------------------------------------

def test_params_and_repr():
    model = LogisticRegression(alpha=0.5, solver="gd")
    assert model.get_params()["alpha"] == 0.5
    assert repr(model) == "LogisticRegression(alpha=0.5, solver='gd')"


X_OK, Y_OK = overlapping(n=20, d=2)


@pytest.mark.parametrize("K", [2, 3])
def test_bad_input(K):
    X, y = overlapping(n=30, d=2, K=K)
    check_bad_input(LogisticRegression, X, y, kind="classifier", params={"alpha": 0.1},
                    methods=("predict", "predict_proba", "predict_log_proba",
                             "decision_function", "score"))


def test_bad_labels_the_battery_does_not_cover():
    with pytest.raises(ValueError, match=r"1 class\(es\).*at least 2"):
        LogisticRegression().fit(X_OK, np.array(["spam"] * 20))
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        LogisticRegression().fit(X_OK, X_OK[:, 0])   # a regression target


@pytest.mark.parametrize("params, match", [
    (dict(alpha=-1.0), "alpha must be >= 0"),
    (dict(alpha=np.inf), "alpha must be finite"),
    (dict(solver="lbfgs"), "solver must be one of"),
    (dict(fit_intercept="yes"), "fit_intercept must be True or False"),
    (dict(learning_rate=0.0), "learning_rate must be > 0"),
    (dict(max_iter=0), "max_iter must be >= 1"),
    (dict(max_iter=2.5), "max_iter must be of type Integral"),
    (dict(batch_size=0), "batch_size must be >= 1"),
    (dict(tol=-1e-3), "tol must be >= 0"),
    (dict(random_state="seed"), "random_state must be"),
])
def test_bad_hyperparameters(params, match):
    with pytest.raises(ValueError, match=match):
        LogisticRegression(**params).fit(X_OK, Y_OK)


# --- the exercise gaps, in the order a student writes them ---------------------------------

def test_gap_01_sigmoid():
    from scipy.special import expit
    z = np.array([-800.0, -1.0, 0.0, 2.0, 800.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        p = sigmoid(z)
    assert np.shape(p) == z.shape, f"sigmoid works elementwise: shape {z.shape}, got {np.shape(p)}"
    np.testing.assert_allclose(p, expit(z), rtol=1e-15, atol=0,
                               err_msg="equation (2): sigma(z) = 1 / (1 + exp(-z)) "
                                       "(expected scipy.special.expit's values)")
    assert p[0] == 0.0 and p[-1] == 1.0, (
        f"sigmoid(-800) must be 0.0 and sigmoid(800) 1.0, without overflow; got {p[0]}, {p[-1]}")
    assert sigmoid(0.0) == 0.5, "equation (2): sigma(0) = 1/2"


def test_gap_02_log_softmax():
    from scipy.special import log_softmax as reference
    Z = np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        L = log_softmax(Z)
    assert np.shape(L) == Z.shape, f"log_softmax keeps the shape (n, K) = {Z.shape}, got {np.shape(L)}"
    np.testing.assert_allclose(L, reference(Z, axis=1), rtol=1e-14,
                               err_msg="equations (16)-(17): z_k - log sum_j exp(z_j), row by "
                                       "row, after subtracting the row maximum")
    assert np.all(np.isfinite(L)), "log_softmax must stay finite for logits of 1000 (shift by the row max)"


def test_gap_03_binary_terms():
    from scipy.special import expit
    X, y = overlapping(n=30, d=2, seed=11)
    Xt, y = with_ones(X), y.astype(float)
    theta, alpha = np.array([0.2, -0.7, 1.1]), 0.3
    out0 = _binary_terms(theta, Xt, y, alpha, True, 0)
    assert len(out0) == 1, f"order 0 returns [J], a list of length 1; got length {len(out0)}"
    out1 = _binary_terms(theta, Xt, y, alpha, True, 1)
    assert len(out1) == 3, f"order 1 returns [J, gradient, hessian]; got length {len(out1)}"
    J, g, hessian = out1
    assert isinstance(J, float) and J == out0[0], "J must be a float, the same for order 0 and 1"
    expected = log_loss(y, expit(Xt @ theta)) + alpha / 2 * (0.7 ** 2 + 1.1 ** 2)
    assert J == pytest.approx(expected, rel=1e-12), (
        f"equation (11): J = mean cross-entropy + alpha/2 ||w||^2 (intercept not penalised) "
        f"= {expected}, got {J}")
    assert np.shape(g) == (3,), f"the gradient has the shape of theta, (3,); got {np.shape(g)}"
    num = numerical_gradient(lambda t: _binary_terms(t, Xt, y, alpha, True, 0)[0], theta)
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-9,
                               err_msg="equations (9), (11): X~^T (sigma(z) - y) / n + alpha m * "
                                       "theta (finite differences of J)")
    H = hessian()
    assert np.shape(H) == (3, 3), f"hessian() returns shape (3, 3); got {np.shape(H)}"
    H_num = numerical_hessian(lambda t: _binary_terms(t, Xt, y, alpha, True, 1)[1], theta)
    np.testing.assert_allclose(H, H_num, rtol=1e-6, atol=1e-8,
                               err_msg="equations (10), (11): X~^T S X~ / n + alpha diag(m) "
                                       "(finite differences of the gradient)")
    # no intercept: every parameter is penalised
    J_ni = _binary_terms(theta, Xt, y, alpha, False, 0)[0]
    assert J_ni == pytest.approx(log_loss(y, expit(Xt @ theta)) + alpha / 2 * theta @ theta,
                                 rel=1e-12), "intercept=False: the penalty covers every parameter"
    # a confident mistake: finite, about |z|
    Jbig = _binary_terms(np.array([800.0]), np.ones((1, 1)), np.array([0.0]), 0.0, True, 0)[0]
    assert Jbig == pytest.approx(800.0), f"equations (7)-(8): log(1 + e^800) = 800, got {Jbig}"


def test_gap_04_softmax_terms(monkeypatch):
    # _softmax_terms calls log_softmax (gap 02): replaced here by SciPy's
    from scipy.special import log_softmax as reference
    import logistic_regression
    monkeypatch.setattr(logistic_regression, "log_softmax", lambda Z: reference(Z, axis=1))
    X, y = overlapping(n=30, d=2, K=3, seed=12)
    Xt = with_ones(X)
    Theta, alpha = np.random.default_rng(13).normal(size=(3, 3)), 0.2
    out0 = _softmax_terms(Theta, Xt, y, alpha, True, 0)
    assert len(out0) == 1, f"order 0 returns [J], a list of length 1; got length {len(out0)}"
    J, G, hessian = _softmax_terms(Theta, Xt, y, alpha, True, 1)
    expected = log_loss(y, np.exp(reference(Xt @ Theta, axis=1))) + alpha / 2 * np.sum(Theta[1:] ** 2)
    assert isinstance(J, float) and J == pytest.approx(expected, rel=1e-12), (
        f"equation (18) plus alpha/2 ||W||_F^2 (intercepts not penalised) = {expected}, got {J}")
    assert np.shape(G) == (3, 3), f"the gradient has the shape of Theta, (d1, K) = (3, 3); got {np.shape(G)}"
    num = numerical_gradient(lambda T: _softmax_terms(T, Xt, y, alpha, True, 0)[0], Theta)
    np.testing.assert_allclose(G, num, rtol=1e-6, atol=1e-9,
                               err_msg="equation (19): X~^T (P - Y) / n + alpha m * Theta "
                                       "(finite differences of J)")
    H = hessian()
    assert np.shape(H) == (9, 9), f"hessian() returns shape (d1 K, d1 K) = (9, 9); got {np.shape(H)}"
    H_num = numerical_hessian(lambda T: _softmax_terms(T, Xt, y, alpha, True, 1)[1], Theta)
    np.testing.assert_allclose(H, H_num, rtol=1e-6, atol=1e-8,
                               err_msg="equation (20), rows and columns in the order of "
                                       "Theta.ravel() (finite differences of the gradient)")


def pseudo_huber(v, Xt, y, order):
    """A test objective for the solver steps: J(v) = sum_j sqrt(1 + v_j^2) (Xt, y unused)."""
    J = float(np.sum(np.sqrt(1 + v ** 2)))
    if order == 0:
        return [J]
    return [J, v / np.sqrt(1 + v ** 2), lambda: np.diag((1 + v ** 2) ** -1.5)]


def quadratic(v, Xt, y, order):
    """J(v) = v^T A v / 2 - c^T v with A = [[2, 1], [1, 3]], c = (1, 2): minimum at (0.2, 0.6)."""
    A, c = np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([1.0, 2.0])
    J = float(v @ A @ v / 2 - c @ v)
    return [J] if order == 0 else [J, A @ v - c, lambda: A]


def test_gap_05_newton_step():
    # The full step of (14) from v = 0 reaches the minimum of a quadratic: accepted at once,
    # with the gradient there (order 1).
    v0 = np.zeros(2)
    J, g, H = quadratic(v0, None, None, 1)
    result = newton_step(quadratic, v0, None, None, J, g, H())
    assert result is not None and len(result) == 3, "newton_step returns (v_new, out, at_floor)"
    v_new, out, at_floor = result
    np.testing.assert_allclose(v_new, [0.2, 0.6], err_msg="equation (14): v - H^{-1} g, the full "
                               "step (t = 1), reaches the quadratic's minimum (0.2, 0.6)")
    assert len(out) == 3 and not at_floor, "a full step accepted: out = fun(v_new, ..., 1), at_floor False"
    # At the minimum the predicted decrease g^T H^{-1} g / 2 is below ROUNDING * |J|: the
    # floor, where the full step is taken unchecked.
    J, g, H = quadratic(v_new, None, None, 1)
    assert newton_step(quadratic, v_new, None, None, J, g, H())[2], (
        "at the minimum the predicted decrease is below ROUNDING * |J|: at_floor must be True")
    # Backtracking: J = sqrt(1 + v^2) from v = 2, the Newton step is v (1 + v^2) = 10; t = 1
    # and t = 1/2 increase J, t = 1/4 gives v = -0.5 and decreases it enough (Armijo).
    v = np.array([2.0])
    J, g, H = pseudo_huber(v, None, None, 1)
    v_new, out, at_floor = newton_step(pseudo_huber, v, None, None, J, g, H())
    np.testing.assert_allclose(v_new, [-0.5], err_msg="backtracking t = 1, 1/2, 1/4: the first t "
                               "that decreases J by Armijo's rule is 1/4, so v_new = 2 - 10/4 = -0.5")
    assert len(out) == 1 and out[0] == pytest.approx(np.sqrt(1.25)) and not at_floor, (
        "after backtracking, out = fun(v_new, Xt, y, 0) = [J(v_new)] and at_floor is False")
    # A singular H: the least-squares step. J = sqrt(1 + v_0^2) + 0 * v_1 from (2, 5).
    v = np.array([2.0, 5.0])
    J = float(np.sqrt(5.0))
    g = np.array([2 / np.sqrt(5.0), 0.0])
    H = np.diag([5.0 ** -1.5, 0.0])

    def flat(u, Xt, y, order):
        out = pseudo_huber(u[:1], Xt, y, order)
        return out[:1] if order == 0 else [out[0], np.r_[out[1], 0.0], None]

    v_new, out, _ = newton_step(flat, v, None, None, J, g, H)
    np.testing.assert_allclose(v_new, [-0.5, 5.0], err_msg="a singular H gives the "
                               "least-squares step (np.linalg.lstsq), then the line search")
    # A "gradient" pointing uphill, with H = I: no step size decreases J.
    J, g, _ = quadratic(v0, None, None, 1)
    assert newton_step(quadratic, v0, None, None, J, -g, np.eye(2)) is None, (
        "when no t >= 1e-10 decreases J, newton_step returns None")


def test_gap_06_descent_epoch():
    # A stand-in objective that records which rows each step sees and from which v, and
    # returns the gradient (1, 1, 1) whatever the batch: then v falls by eta per step.
    calls = []

    def fun(v, Xt, y, order):
        calls.append((v.copy(), Xt[:, 0].astype(int).tolist()))
        return [0.0, np.ones(3), None]

    Xt = np.column_stack([np.arange(50.0), np.ones((50, 2))])  # column 0: the row's index
    y = np.zeros(50)
    v, g = np.array([0.1, 0.2, -0.3]), np.array([1.0, -2.0, 0.5])
    full = descent_epoch(fun, v, Xt, y, g, 0.5, 50, None)
    np.testing.assert_allclose(full, v - 0.5 * g, err_msg="equation (13): batch >= n is one "
                               "full-batch step v - eta g, with the g given")
    assert calls == [], "with batch >= n, use the g given: do not call fun"
    got = descent_epoch(fun, v, Xt, y, g, 0.5, 16, np.random.default_rng(0))
    order = np.random.default_rng(0).permutation(50).tolist()
    assert [rows for _, rows in calls] == [order[:16], order[16:32], order[32:48], order[48:]], (
        "the mini-batches are consecutive slices of 16 rows of rng.permutation(n) "
        "(16, 16, 16 and the last 2)")
    for k, (v_seen, _) in enumerate(calls):
        np.testing.assert_allclose(v_seen, v - 0.5 * k, err_msg=f"step {k + 1} must start from "
                                   f"the v of the previous step")
    np.testing.assert_allclose(got, v - 0.5 * 4, err_msg="four steps of -eta * gradient")
    assert np.array_equal(v, [0.1, 0.2, -0.3]), "v was modified in place: return a new array"
