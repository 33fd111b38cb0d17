"""Tests for svm.py: known answers, KKT conditions, kernels, scikit-learn agreement, bad input."""
import numpy as np
import pytest
from sklearn import svm as sk

import svm as svm_module
from svm import (SVC, LinearSVC, clipped_step, curvature_row, dual_objective, intercept,
                 kernel_matrix, most_violating, pegasos_step, second_order_j, smo,
                 update_error_cache)
from utils.data import load_breast_cancer, load_digits, load_iris, make_circles, make_moons
from utils.gradcheck import numerical_gradient, relative_error
from utils.model_selection import train_test_split
from utils.preprocessing import StandardScaler
from utils.testing import check_bad_input
from utils.validation import ConvergenceWarning, DivergenceError


def scaled_split(X, y, seed=0):
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=seed, stratify=y)
    scaler = StandardScaler().fit(Xtr)
    return scaler.transform(Xtr), scaler.transform(Xte), ytr, yte


@pytest.fixture(scope="module")
def cancer():
    return scaled_split(*load_breast_cancer(return_X_y=True))


def toy(name):
    if name == "moons":
        return scaled_split(*make_moons(n_samples=200, noise=0.25, random_state=0))
    return scaled_split(*make_circles(n_samples=200, noise=0.1, factor=0.5, random_state=0))


def our_dual(model, X):
    K = kernel_matrix(model.support_vectors_, model.support_vectors_, model.kernel,
                      model._gamma, model.degree, model.coef0)
    return dual_objective(model.dual_coef_[0], K)


# --- kernels ------------------------------------------------------------------------------

def test_kernels_equal_explicit_feature_maps():
    rng = np.random.default_rng(0)
    X, Z = rng.normal(size=(6, 2)), rng.normal(size=(5, 2))
    np.testing.assert_allclose(kernel_matrix(X, Z, "linear"), X @ Z.T)

    def phi_poly2(A, gamma, c):   # (gamma x.z + c)^2 in 2-D: six features
        a, b = A[:, 0], A[:, 1]
        return np.column_stack([gamma * a * a, gamma * b * b, np.sqrt(2) * gamma * a * b,
                                np.sqrt(2 * gamma * c) * a, np.sqrt(2 * gamma * c) * b,
                                np.full(len(A), c)])
    np.testing.assert_allclose(kernel_matrix(X, Z, "poly", gamma=0.7, degree=2, coef0=1.5),
                               phi_poly2(X, 0.7, 1.5) @ phi_poly2(Z, 0.7, 1.5).T, rtol=1e-12)

    # RBF in 1-D: exp(-g x^2) exp(-g z^2) sum_k (2g)^k x^k z^k / k!, truncated at k = 40
    x, z, g = rng.uniform(-1, 1, size=7), rng.uniform(-1, 1, size=4), 0.8
    k = np.arange(41)
    fact = np.cumprod(np.r_[1.0, np.arange(1, 41)])

    def phi_rbf(v):
        return np.exp(-g * v[:, None] ** 2) * np.sqrt((2 * g) ** k / fact) * v[:, None] ** k
    np.testing.assert_allclose(kernel_matrix(x[:, None], z[:, None], "rbf", gamma=g),
                               phi_rbf(x) @ phi_rbf(z).T, rtol=1e-13)


def test_rbf_kernel_properties():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 3))
    K = kernel_matrix(X, X, "rbf", gamma=0.5)
    direct = np.exp(-0.5 * ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    np.testing.assert_allclose(K, direct, atol=1e-14)
    np.testing.assert_array_equal(K, K.T)
    assert np.allclose(np.diag(K), 1.0, rtol=0, atol=1e-14) and np.linalg.eigvalsh(K).min() > -1e-12


# --- the dual, SMO and known answers ------------------------------------------------------

def test_dual_gradient_is_minus_y_times_error_cache():
    # D(a) = 1^T a - 1/2 (a*y)^T K (a*y): gradient 1 - y * (K (a*y)) = -y * E, E = u - y.
    rng = np.random.default_rng(2)
    X = rng.normal(size=(12, 3))
    y = np.where(rng.random(12) < 0.5, 1.0, -1.0)
    K = kernel_matrix(X, X, "rbf", gamma=0.3)
    alpha = rng.uniform(0, 1, size=12)
    D = lambda a: dual_objective(a * y, K)  # noqa: E731
    E = K @ (alpha * y) - y
    assert relative_error(-y * E, numerical_gradient(D, alpha)) < 1e-6


def test_two_points_known_answer():
    X, y = np.array([[-1.0, 0.0], [1.0, 0.0]]), np.array([0, 1])
    model = SVC(kernel="linear", C=100.0).fit(X, y)
    np.testing.assert_allclose(model.dual_coef_, [[-0.5, 0.5]], atol=1e-12)
    np.testing.assert_allclose(model.intercept_, [0.0], atol=1e-12)
    np.testing.assert_allclose(model.decision_function(X), [-1.0, 1.0], atol=1e-12)
    assert our_dual(model, X) == pytest.approx(0.5)
    # C below the hard-margin alpha: both multipliers at the bound C
    small = SVC(kernel="linear", C=0.2).fit(X, y)
    np.testing.assert_allclose(small.dual_coef_, [[-0.2, 0.2]], atol=1e-12)


def test_four_points_margin():
    # Classes at x1 = -1 and x1 = +2: the separator is x1 = 0.5, margin width 3.
    X = np.array([[-1.0, 0.0], [-1.0, 1.0], [2.0, 0.0], [2.0, 3.0]])
    y = np.array([-1, -1, 1, 1])
    model = SVC(kernel="linear", C=1e3, tol=1e-8).fit(X, y)
    w = model.support_vectors_.T @ model.dual_coef_[0]           # equation (6)
    np.testing.assert_allclose(w, [2 / 3, 0.0], atol=1e-9)
    np.testing.assert_allclose(model.intercept_, [-1 / 3], atol=1e-9)
    assert 2 / np.linalg.norm(w) == pytest.approx(3.0)
    np.testing.assert_array_equal(model.classes_, [-1, 1])


@pytest.mark.parametrize("kernel, C", [("linear", 1.0), ("rbf", 10.0), ("poly", 0.5)])
def test_kkt_conditions_hold_within_tol(cancer, kernel, C):
    Xtr, _, ytr, _ = cancer
    tol = 1e-3
    model = SVC(kernel=kernel, C=C, tol=tol).fit(Xtr, ytr)
    assert model.converged_
    alpha = np.zeros(len(ytr))
    alpha[model.support_] = np.abs(model.dual_coef_[0])
    ys = np.where(ytr == model.classes_[1], 1.0, -1.0)
    margin = ys * model.decision_function(Xtr)
    assert np.all(alpha >= 0) and np.all(alpha <= C)
    assert abs(alpha @ ys) < 1e-10                              # sum alpha_i y_i = 0
    zero, bounded = alpha == 0, alpha == C
    assert np.all(margin[zero] >= 1 - tol)
    assert np.all(np.abs(margin[~zero & ~bounded] - 1) <= tol)     # the free vectors
    assert np.all(margin[bounded] <= 1 + tol)


def test_each_smo_step_increases_the_dual():
    Xtr, _, ytr, _ = toy("moons")
    y = np.where(ytr == 1, 1.0, -1.0)
    K = kernel_matrix(Xtr, Xtr, "rbf", gamma=1.0)
    values = [dual_objective(smo(K, y, 1.0, max_iter=k)[0] * y, K) for k in range(1, 60)]
    assert np.all(np.diff(values) > 0)
    alpha, b, n_iter, ok = smo(K, y, 1.0, tol=1e-6)
    assert ok and dual_objective(alpha * y, K) >= values[-1]


def test_decision_function_from_attributes(cancer):
    Xtr, Xte, ytr, _ = cancer
    model = SVC(C=2.0, gamma=0.05).fit(Xtr, ytr)
    K = kernel_matrix(Xte, model.support_vectors_, "rbf", gamma=0.05)
    np.testing.assert_allclose(model.decision_function(Xte),
                               K @ model.dual_coef_[0] + model.intercept_[0], atol=1e-12)
    np.testing.assert_array_equal(model.support_vectors_, Xtr[model.support_])
    assert model.n_support_.sum() == len(model.support_)


# --- scikit-learn on shipped and toy data -------------------------------------------------

@pytest.mark.parametrize("data", ["cancer", "moons", "circles"])
@pytest.mark.parametrize("kernel, C", [("linear", 0.5), ("rbf", 1.0), ("rbf", 10.0),
                                       ("poly", 1.0)])
def test_binary_matches_sklearn(cancer, data, kernel, C):
    Xtr, Xte, ytr, yte = cancer if data == "cancer" else toy(data)
    kw = dict(kernel=kernel, C=C, degree=3, coef0=1.0)
    ours, ref = SVC(**kw).fit(Xtr, ytr), sk.SVC(**kw).fit(Xtr, ytr)
    # gamma="scale" is documented as 1 / (n_features * X.var()) (public API only)
    gamma = 1 / (Xtr.shape[1] * Xtr.var())
    assert ours._gamma == pytest.approx(gamma, rel=1e-12)
    d_ours = our_dual(ours, Xtr)
    K_ref = kernel_matrix(ref.support_vectors_, ref.support_vectors_, kernel, gamma, 3, 1.0)
    d_ref = dual_objective(ref.dual_coef_[0], K_ref)
    assert abs(d_ours - d_ref) <= 1e-3 * abs(d_ref)
    assert np.mean(ours.predict(Xte) == ref.predict(Xte)) >= 0.99
    assert abs(int(ours.n_support_.sum()) - int(ref.n_support_.sum())) <= 2
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=5e-3)


@pytest.mark.parametrize("loader, kernel", [(load_iris, "linear"), (load_iris, "rbf"),
                                            (load_digits, "rbf")])
def test_multiclass_matches_sklearn(loader, kernel):
    X, y = loader(return_X_y=True)
    Xtr, Xte, ytr, yte = scaled_split(X[:900], y[:900])   # digits: half, to stay fast
    ours = SVC(kernel=kernel, decision_function_shape="ovo").fit(Xtr, ytr)
    ref = sk.SVC(kernel=kernel, decision_function_shape="ovo").fit(Xtr, ytr)
    n_cls = len(ref.classes_)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.02
    assert ours.dual_coef_.shape == (n_cls - 1, len(ours.support_))
    assert ours.decision_function(Xte).shape == (len(Xte), n_cls * (n_cls - 1) // 2)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=5e-3)
    np.testing.assert_allclose(ours.decision_function(Xte), ref.decision_function(Xte),
                               atol=2e-2)
    # the default one-versus-rest shape: votes plus scikit-learn's tie-breaking confidence
    ours.set_params(decision_function_shape="ovr")
    ref.set_params(decision_function_shape="ovr")
    assert ours.decision_function(Xte).shape == (len(Xte), n_cls)
    np.testing.assert_allclose(ours.decision_function(Xte), ref.decision_function(Xte),
                               atol=2e-2)
    if loader is load_iris:   # libsvm's layout of support_ and dual_coef_, entry by entry
        np.testing.assert_array_equal(ours.support_, ref.support_)
        np.testing.assert_array_equal(ours.n_support_, ref.n_support_)
        np.testing.assert_allclose(ours.dual_coef_, ref.dual_coef_, atol=2e-2)


def test_string_labels_and_ovo_votes():
    Xtr, _, ytr, _ = scaled_split(*load_iris(return_X_y=True))
    names = np.array(["setosa", "versicolor", "virginica"])[ytr]
    model = SVC(kernel="linear", decision_function_shape="ovo").fit(Xtr, names)
    np.testing.assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])
    dec = model.decision_function(Xtr)
    votes = np.zeros((len(Xtr), 3), dtype=int)
    for k, (p, q) in enumerate([(0, 1), (0, 2), (1, 2)]):
        votes[:, p] += dec[:, k] > 0
        votes[:, q] += dec[:, k] <= 0
    np.testing.assert_array_equal(model.predict(Xtr), model.classes_[votes.argmax(axis=1)])


# --- LinearSVC: the primal ----------------------------------------------------------------

def test_linear_svc_subgradient_is_a_gradient_off_the_kinks():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = np.where(X[:, 0] + 0.5 * rng.normal(size=40) > 0, 1.0, -1.0)
    C, theta = 0.7, rng.normal(size=4)
    J = lambda th: 0.5 * th[:3] @ th[:3] + C * np.maximum(0, 1 - y * (X @ th[:3] + th[3])).sum()  # noqa: E731
    viol = y * (X @ theta[:3] + theta[3]) < 1
    grad = np.r_[theta[:3] - C * X.T @ (y * viol), -C * np.sum(y * viol)]
    assert relative_error(grad, numerical_gradient(J, theta)) < 1e-6


def test_linear_svc_reaches_the_svm_objective(cancer):
    Xtr, Xte, ytr, _ = cancer
    C = 0.1
    ref = sk.SVC(kernel="linear", C=C, tol=1e-6).fit(Xtr, ytr)
    ys = np.where(ytr == 1, 1.0, -1.0)

    def J(w, b):
        return 0.5 * w @ w + C * np.maximum(0, 1 - ys * (Xtr @ w + b)).sum()
    model = LinearSVC(C=C, max_iter=100, random_state=0).fit(Xtr, ytr)
    j_ours, j_ref = J(model.coef_[0], model.intercept_[0]), J(ref.coef_[0], ref.intercept_[0])
    assert j_ref <= j_ours <= 1.01 * j_ref
    assert model.objective_history_[-1] == pytest.approx(j_ours, rel=1e-10)
    assert model.objective_history_[-1] < model.objective_history_[0]
    assert np.mean(model.predict(Xte) == ref.predict(Xte)) >= 0.98
    # and it matches our own dual solver's primal value
    smo_model = SVC(kernel="linear", C=C, tol=1e-6).fit(Xtr, ytr)
    w = smo_model.dual_coef_[0] @ smo_model.support_vectors_
    assert J(w, smo_model.intercept_[0]) == pytest.approx(j_ref, rel=1e-6)


def test_linear_svc_multiclass_and_no_intercept():
    Xtr, Xte, ytr, yte = scaled_split(*load_iris(return_X_y=True))
    model = LinearSVC(C=1.0, max_iter=50, random_state=0).fit(Xtr, ytr)
    assert model.coef_.shape == (3, 4) and model.intercept_.shape == (3,)
    assert model.decision_function(Xte).shape == (len(Xte), 3)
    assert model.score(Xte, yte) >= 0.85
    flat = LinearSVC(fit_intercept=False, max_iter=5, random_state=0).fit(Xtr, ytr == 0)
    np.testing.assert_array_equal(flat.intercept_, [0.0])
    assert flat.coef_.shape == (1, 4) and flat.predict(Xte).dtype == bool


# --- determinism, limits, robustness ------------------------------------------------------

def test_determinism():
    Xtr, _, ytr, _ = toy("moons")
    a, b = SVC(random_state=1).fit(Xtr, ytr), SVC(random_state=2).fit(Xtr, ytr)
    np.testing.assert_array_equal(a.dual_coef_, b.dual_coef_)
    l1 = LinearSVC(max_iter=5, random_state=7).fit(Xtr, ytr)
    l2 = LinearSVC(max_iter=5, random_state=7).fit(Xtr, ytr)
    l3 = LinearSVC(max_iter=5, random_state=8).fit(Xtr, ytr)
    np.testing.assert_array_equal(l1.coef_, l2.coef_)
    assert not np.array_equal(l1.coef_, l3.coef_)


def test_max_iter_warns_and_sets_the_flag(cancer):
    Xtr, _, ytr, _ = cancer
    with pytest.warns(ConvergenceWarning, match=r"SVC stopped after max_iter=5 SMO steps"):
        model = SVC(kernel="linear", C=10.0, max_iter=5).fit(Xtr, ytr)
    assert not model.converged_ and model.n_iter_.tolist() == [5]
    assert SVC(kernel="linear", C=10.0).fit(Xtr, ytr).converged_   # max_iter=-1: no limit


def test_small_kernel_cache_gives_the_same_answer(cancer, monkeypatch):
    # Normally the whole 398 x 398 kernel matrix fits; with room for 5 columns the columns
    # are computed one at a time (rounding differs in the last bit, so compare optima).
    Xtr, _, ytr, _ = cancer
    full = SVC(C=3.0, tol=1e-8).fit(Xtr, ytr)
    monkeypatch.setattr(svm_module, "CACHE_BYTES", 8 * len(Xtr) * 5)
    cols = svm_module._KernelColumns(Xtr, full._params())
    assert cols.full is None and cols.capacity == 5
    for i in [0, 1, 2, 3, 4, 1, 5, 6]:
        np.testing.assert_allclose(cols[i], kernel_matrix(Xtr, Xtr[i:i + 1], "rbf",
                                                          full._gamma)[:, 0])
    assert list(cols.cache) == [3, 4, 1, 5, 6]   # 1 was used again: 0 and 2 are evicted
    small = SVC(C=3.0, tol=1e-8).fit(Xtr, ytr)
    np.testing.assert_array_equal(small.support_, full.support_)
    np.testing.assert_allclose(small.dual_coef_, full.dual_coef_, atol=1e-6)
    assert our_dual(small, Xtr) == pytest.approx(our_dual(full, Xtr), rel=1e-12)


def test_duplicate_points_with_both_labels():
    # eta = 0 for the duplicated pair: the curvature floor keeps the step finite, no warning
    X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [-1.0, -1.0]])
    y = np.array([0, 1, 1, 0])
    for kernel in ["linear", "rbf"]:
        model = SVC(kernel=kernel, C=1.0).fit(X, y)
        assert model.converged_ and np.all(np.isfinite(model.dual_coef_))
        np.testing.assert_array_equal(model.predict(X[2:]), [1, 0])


def test_gamma_options():
    X = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 9.0]])
    y = [0, 1, 1]
    assert SVC().fit(X, y)._gamma == pytest.approx(1 / (2 * X.var()))
    assert SVC(gamma="auto").fit(X, y)._gamma == 0.5
    assert SVC(gamma=0.25).fit(X, y)._gamma == 0.25
    assert SVC().fit(np.ones((3, 2)), y)._gamma == 1.0   # constant X: Var = 0


def test_params_and_repr():
    model = SVC(C=2.0, kernel="poly")
    assert model.get_params()["kernel"] == "poly"
    assert repr(model) == "SVC(C=2.0, kernel='poly')"
    assert repr(LinearSVC(batch_size=4)) == "LinearSVC(batch_size=4)"


# --- bad input ----------------------------------------------------------------------------

X_OK = np.random.default_rng(0).normal(size=(20, 2))
Y_OK = np.arange(20) % 2


@pytest.mark.parametrize("Estimator", [SVC, LinearSVC])
def test_bad_input_battery(Estimator):
    check_bad_input(Estimator, X_OK, Y_OK, kind="classifier",
                    methods=("predict", "decision_function", "score"))


@pytest.mark.parametrize("Estimator", [SVC, LinearSVC])
def test_continuous_targets_are_rejected(Estimator):
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        Estimator().fit(X_OK, X_OK[:, 0])


@pytest.mark.parametrize("Estimator, params, match", [
    (SVC, dict(C=0.0), "C must be > 0"),
    (SVC, dict(C=-1.0), "C must be > 0"),
    (SVC, dict(kernel="sigmoid"), "kernel must be one of"),
    (SVC, dict(gamma="large"), "gamma must be 'scale', 'auto' or a float"),
    (SVC, dict(gamma=0.0), "gamma must be > 0"),
    (SVC, dict(gamma=np.inf), "gamma must be finite"),
    (SVC, dict(degree=0), "degree must be >= 1"),
    (SVC, dict(degree=2.5), "degree must be of type Integral"),
    (SVC, dict(coef0="one"), "coef0 must be of type Real"),
    (SVC, dict(tol=0.0), "tol must be > 0"),
    (SVC, dict(max_iter=0), r"max_iter must be an int >= 1, or -1"),
    (SVC, dict(max_iter=None), r"max_iter must be an int >= 1, or -1"),
    (SVC, dict(decision_function_shape="ovx"), "decision_function_shape must be one of"),
    (SVC, dict(random_state="seed"), "random_state must be"),
    (LinearSVC, dict(C=0.0), "C must be > 0"),
    (LinearSVC, dict(fit_intercept="yes"), "fit_intercept must be"),
    (LinearSVC, dict(max_iter=0), "max_iter must be >= 1"),
    (LinearSVC, dict(batch_size=0), "batch_size must be >= 1"),
    (LinearSVC, dict(random_state=-1), "random_state must be"),
])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


# --- swapping one import ---------------------------------------------------------------------

def test_swap_one_import_defaults_match_sklearn():
    # SVC with every default (rbf, gamma="scale", C=1, tol=1e-3, ovr shape) on iris and on
    # the two-class breast-cancer data: the same predictions and decision_function shapes
    for X, y in [load_iris(return_X_y=True), load_breast_cancer(return_X_y=True)]:
        Xtr, Xte, ytr, _ = scaled_split(X, y)
        ours, ref = SVC().fit(Xtr, ytr), sk.SVC().fit(Xtr, ytr)
        np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
        np.testing.assert_allclose(ours.decision_function(Xte), ref.decision_function(Xte),
                                   atol=1e-2)


def test_a_score_of_exactly_zero_goes_where_sklearn_sends_it():
    # Symmetric data: the boundary passes exactly through the origin (b = 0 exactly).
    X2, y2 = np.array([[-1.0, 0.0], [1.0, 0.0]]), np.array([0, 1])
    X3, y3 = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), np.array([0, 1, 2])
    P = np.array([[0.0, 0.0], [0.0, -5.0]])
    for X, y in [(X2, y2), (X3, y3)]:
        for shape in ["ovr", "ovo"]:
            kw = dict(kernel="linear", C=100.0, decision_function_shape=shape)
            ours, ref = SVC(**kw).fit(X, y), sk.SVC(**kw).fit(X, y)
            np.testing.assert_array_equal(ours.predict(P), ref.predict(P))
            np.testing.assert_allclose(ours.decision_function(P), ref.decision_function(P),
                                       atol=1e-9)
    ovo = SVC(kernel="linear", C=100.0, decision_function_shape="ovo").fit(X3, y3)
    assert np.all(ovo.decision_function(P[:1]) == 0)      # three exact ties at the origin
    assert SVC(kernel="linear", C=100.0).fit(X2, y2).predict(P[:1]).tolist() == [1]


def test_smo_two_points_known_answer():
    # two points at x = -1 and x = +1, linear kernel: alpha = (0.5, 0.5), b = 0 (C large)
    G = np.array([[1.0, -1.0], [-1.0, 1.0]])
    alpha, b, n_iter, ok = smo(G, np.array([-1.0, 1.0]), C=100.0)
    np.testing.assert_allclose(alpha, [0.5, 0.5], atol=1e-12)
    assert ok and b == pytest.approx(0.0, abs=1e-12) and n_iter == 1
    # C below the hard-margin multiplier: one clipped step to the bound, set exactly
    alpha, b, n_iter, ok = smo(G, np.array([-1.0, 1.0]), C=0.2)
    assert alpha.tolist() == [0.2, 0.2] and ok


# --- the exercise gaps, in the order a student writes them ----------------------------------
# Each test calls only its own gap's function, on inputs written out by hand, and fails with one
# line (the last line of the report, which `make check` prints) saying what was expected.

def expect(ok, message):
    """Fail the calling gap test with ``message`` unless ``ok``."""
    if not ok:
        pytest.fail(message)


def close(actual, expected, rtol=1e-12, atol=1e-15):
    """Same shape and the same values to within the tolerances."""
    return (np.shape(actual) == np.shape(expected)
            and np.allclose(actual, expected, rtol=rtol, atol=atol))


def show(values):
    return np.round(np.asarray(values, dtype=float), 6).tolist()


def test_gap_01_kernel_matrix():
    X = np.array([[0.0, 1.0], [2.0, -1.0]])
    Z = np.array([[1.0, 1.0]])
    for kernel, params, expected in [
            ("linear", {}, [[1.0], [1.0]]),                                  # x.z
            ("poly", dict(gamma=2.0, degree=2, coef0=1.0), [[9.0], [9.0]]),  # (2 x.z + 1)^2
            ("rbf", dict(gamma=0.5), np.exp(-0.5 * np.array([[1.0], [5.0]])))]:  # ||x-z||^2: 1, 5
        G = kernel_matrix(X, Z, kernel, **params)
        expect(np.shape(G) == (2, 1), f"(10), kernel={kernel!r}: expected the shape (len(X), "
                                      f"len(Z)) = (2, 1), got {np.shape(G)}")
        expect(close(G, expected), f"(10), kernel={kernel!r}: expected {show(expected)}, got "
                                   f"{show(G)} (X = {X.tolist()}, Z = {Z.tolist()}, {params})")
    # 50 points in 30-D: the expanded ||x - z||^2 of a point with itself comes out slightly
    # negative by rounding on some pairs (on every BLAS kernel tried): it must be clipped at 0
    X = np.random.default_rng(0).normal(size=(50, 30)) * 3
    G = kernel_matrix(X, X, "rbf", gamma=0.5)
    expect(G.max() <= 1.0, f"(10): rbf values must be at most 1, got {G.max()!r}: clip the "
                           "expanded squared distance at 0 (rounding makes some slightly < 0)")


def test_gap_02_curvature_row():
    # G_11 = 3; a_1l = 3 + G_ll - 2 G_1l: l = 0: 3 + 2 - 2 = 3; l = 1: 0 -> A_MIN;
    # l = 2: 3 + 1 - 3 = 1; l = 3: 3 + 1 - 2 * 2.5 = -1 (G is not a valid kernel) -> A_MIN
    G = np.array([[2.0, 1.0, 0.5, 0.0], [1.0, 3.0, 1.5, 2.5],
                  [0.5, 1.5, 1.0, 0.0], [0.0, 2.5, 0.0, 1.0]])
    diag, G_1 = np.diag(G).copy(), G[:, 1].copy()
    a = curvature_row(G_1, diag, 1)
    expect(np.shape(a) == (4,), f"the curvature row must have shape (n,) = (4,), got {np.shape(a)}")
    expected = [3.0, 1e-12, 1.0, 1e-12]
    expect(close(a, expected, atol=0), f"(12): expected {expected}, got "
                                       f"{np.asarray(a).tolist()}: a_1l = G_11 + G_ll - 2 G_1l, "
                                       "every value below A_MIN = 1e-12 raised to A_MIN")
    expect(np.array_equal(G_1, G[:, 1]) and np.array_equal(diag, np.diag(G)),
           "curvature_row must not modify its inputs G_i and diag (return a new array)")


@pytest.mark.parametrize("case", ["free", "clipped at alpha_i = 0", "clipped at alpha_j = C"])
def test_gap_03_clipped_step(case):
    C = 1.0
    # (alpha_i, alpha_j, y_i, y_j, E_i, E_j, a_ij), then the expected (alpha_i, alpha_j, s)
    args, expected = {
        # s* = (0.1 + 0.5) / 3 = 0.2 < room (0.8 for i, 0.3 for j): alpha_i + s, alpha_j - s
        "free": ((0.2, 0.3, 1.0, 1.0, -0.5, 0.1, 3.0), (0.4, 0.1, 0.2)),
        # s* = 1, but y_i = -1 and alpha_i = 0.1 leave room 0.1: alpha_i to 0 exactly
        "clipped at alpha_i = 0": ((0.1, 0.5, -1.0, -1.0, 0.0, 1.0, 1.0), (0.0, 0.6, 0.1)),
        # s* = 2, but y_j = -1 and alpha_j = 0.7 leave room 0.3: alpha_j to C exactly
        "clipped at alpha_j = C": ((0.0, 0.7, 1.0, -1.0, -1.0, 1.0, 1.0), (0.3, 1.0, 0.3)),
    }[case]
    out = clipped_step(*args, C)
    expect(isinstance(out, tuple) and len(out) == 3,
           f"return the tuple (alpha_i_new, alpha_j_new, s), got {out!r}")
    expect(close(out, expected), f"(13)-(14), {case}: expected (alpha_i, alpha_j, s) = "
                                 f"{expected}, got {show(out)}; s = min(s*, s_max), alpha_i "
                                 f"moves by +s y_i, alpha_j by -s y_j (inputs alpha_i, alpha_j, "
                                 f"y_i, y_j, E_i, E_j, a_ij = {args}, C = 1)")
    if case != "free":   # the multiplier that reaches its bound is set to it exactly
        value = out[0] if case.endswith("alpha_i = 0") else out[1]
        expect(value in (0.0, C), f"{case}: a multiplier that reaches its bound must be set to "
                                  f"it exactly, got {value!r}")


def test_gap_04_most_violating():
    inf = np.inf
    E_up = np.array([inf, -0.5, 0.2, -0.5, inf])      # I_up = {1, 2, 3}: a tie at -0.5
    E_low = np.array([0.3, -inf, 0.9, -1.0, 0.4])     # I_low = {0, 2, 3, 4}
    out = most_violating(E_up, E_low)
    expect(isinstance(out, tuple) and len(out) == 2, f"return the tuple (i, violation), got {out!r}")
    i, violation = out
    expect(i == 1, f"(16): expected i = 1, got {i!r}: i = argmin of E over I_up, the lowest "
                   "index on ties (1 and 3 tie at -0.5)")
    expect(close(violation, 1.4), f"(15): expected the violation 1.4, got {violation!r}: max over "
                                  "I_low of E minus E_i = 0.9 - (-0.5)")


def test_gap_05_second_order_j():
    E_low = np.array([-np.inf, 0.5, 1.0, -3.0, 0.4])
    root_a_i = np.array([1.0, 0.7, 2.0, 1.0, 0.5])       # a_il = 1, 0.49, 4, 1, 0.25
    # E_i = -0.2: E_l - E_i = -inf, 0.7, 1.2, -2.8, 0.6; gains (E_l - E_i)^2 / a_il of the
    # violating partners 1, 2, 4: 1.0, 0.36, 1.44 (3 has E_l < E_i: its 7.84 does not count)
    out = second_order_j(E_low, -0.2, root_a_i)
    expect(isinstance(out, tuple) and len(out) == 2, f"return the tuple (j, gain), got {out!r}")
    j, gain = out
    expect(j == 4, f"(16): expected j = 4, got {j!r}: j maximises (E_l - E_i)^2 / a_il over l "
                   "in I_low with E_l > E_i (gains -, 1.0, 0.36, -, 1.44): the argmax of the "
                   "score (E_l - E_i) / sqrt(a_il), squared only after; not the most violating "
                   "2, nor 0 or 3, which have E_l < E_i (a score <= 0, but a large square)")
    expect(close(gain, 1.44), f"(16): expected the gain (E_j - E_i)^2 / a_ij = 0.6^2 / 0.25 = "
                              f"1.44, got {gain!r}")


def test_gap_06_update_error_cache():
    G_i, G_j = np.array([1.0, 0.5, 0.0]), np.array([0.0, 0.5, 1.0])
    E = np.array([0.1, -0.2, 0.3])
    update_error_cache([E], G_i, G_j, 0.5)
    expect(close(E, [0.6, -0.2, -0.2]), "(17): expected E to become [0.6, -0.2, -0.2], got "
                                        f"{show(E)}: E <- E + s (G_i - G_j) in place, s = 0.5")
    expect(np.array_equal(G_i, [1.0, 0.5, 0.0]) and np.array_equal(G_j, [0.0, 0.5, 1.0]),
           "update_error_cache must modify only the arrays of E_rows")
    E_up, E_low = np.array([np.inf, -0.2, 0.3]), np.array([0.1, -np.inf, 0.3])
    update_error_cache((E_up, E_low), G_i, G_j, 0.5)
    expected = [[np.inf, -0.2, -0.2], [0.6, -np.inf, -0.2]]
    expect(close([E_up, E_low], expected), f"(17) on two arrays (E on I_up, E on I_low), each "
                                           f"updated in place: expected {expected}, got "
                                           f"{[E_up.tolist(), E_low.tolist()]}")


def test_gap_07_intercept():
    y = np.array([1.0, -1.0, 1.0, -1.0])
    E = np.array([0.1, 0.3, -0.2, 0.5])
    # free vectors (0 < alpha < C) are 0 and 1: b = -(0.1 + 0.3) / 2
    b = intercept(np.array([0.5, 0.5, 0.0, 1.0]), E, y, 1.0)
    expect(close(b, -0.2), f"(18): expected b = -0.2, got {b!r}: minus the mean of E over the "
                           "free vectors (0 < alpha < C: samples 0 and 1)")
    # none free: the middle of [max E over I_low, min E over I_up]
    alpha = np.array([0.0, 1.0, 1.0, 0.0])   # I_up: 0, 1 (E 0.1, 0.3); I_low: 2, 3 (E -0.2, 0.5)
    b = intercept(alpha, E, y, 1.0)
    expect(close(b, -0.3), f"(18), no free vector: expected b = -0.3, got {b!r}: "
                           "-(max over I_low of E + min over I_up of E) / 2 = -(0.5 + 0.1) / 2")


def test_gap_08_pegasos_step():
    X = np.array([[1.0, 0.0], [0.0, 2.0]])
    Y = np.array([[1.0], [-1.0]])
    W, b = np.array([[2.0], [0.0]]), np.array([0.0])
    # margins: 2 (not a violator) and 0 (a violator); t = 2, nC = 4: eta = 2
    out = pegasos_step(X, Y, W, b, 2, 4.0)
    expect(isinstance(out, tuple) and len(out) == 2, f"return the tuple (W, b), got {out!r}")
    W2, b2 = out
    expect(np.shape(W2) == (2, 1) and np.shape(b2) == (1,), "W must keep shape (d, P) = (2, 1) "
           f"and b shape (P,) = (1,), got {np.shape(W2)} and {np.shape(b2)}")
    # (1 - 1/2) (2, 0) + (2/2)(-1)(0, 2): only sample 1 violates y (w.x + b) < 1
    expect(close(W2, [[1.0], [-2.0]]), f"(20): expected W = [[1.0], [-2.0]], got {show(W2)}: "
                                       "w <- (1 - 1/t) w + (eta_t / B) sum over the violators "
                                       "of y_i x_i, with t = 2, eta_t = 2, B = 2")
    expected_b = -1 / (2 * np.sqrt(2))
    expect(close(b2, [expected_b]), f"(20): expected b = [{expected_b:.6f}], got {show(b2)}: "
                                    "b <- b + t^(-1/2) B^(-1) sum over the violators of y_i")
    _, b3 = pegasos_step(X, Y, W, b, 2, 4.0, fit_intercept=False)
    expect(np.array_equal(b3, [0.0]), f"fit_intercept=False: b must stay [0.0], got {show(b3)}")
    expect(np.array_equal(W, [[2.0], [0.0]]), "pegasos_step must not modify its input W")


def test_linear_svc_stops_with_a_clear_error_when_the_objective_overflows():
    X = np.random.default_rng(0).normal(size=(40, 2)) * 1e155   # scores overflow float64
    with pytest.raises(DivergenceError, match="LinearSVC diverged: the objective became"):
        LinearSVC().fit(X, np.arange(40) % 2)
