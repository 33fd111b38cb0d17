"""Tests for svm.py: known answers, KKT conditions, kernels, scikit-learn agreement, bad input."""
import numpy as np
import pytest
from sklearn import svm as sk

import svm as svm_module
from svm import SVC, LinearSVC, _intercept, dual_objective, kernel_matrix, pegasos_step, smo
from utils.data import load_breast_cancer, load_digits, load_iris, make_circles, make_moons
from utils.gradcheck import numerical_gradient, relative_error
from utils.model_selection import train_test_split
from utils.preprocessing import StandardScaler
from utils.testing import check_bad_input
from utils.validation import ConvergenceWarning, DivergenceError


class FullKernel:
    """The interface smo() expects, on a precomputed kernel matrix."""

    def __init__(self, K):
        self.K, self.diag = K, np.diag(K).copy()

    def __getitem__(self, i):
        return self.K[:, i]


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
    w = model.dual_coef_[0] @ model.support_vectors_
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
    free = (alpha > 0) & (alpha < C)
    assert np.all(margin[alpha == 0] >= 1 - tol)
    assert np.all(np.abs(margin[free] - 1) <= tol)
    assert np.all(margin[alpha == C] <= 1 + tol)


def test_each_smo_step_increases_the_dual():
    Xtr, _, ytr, _ = toy("moons")
    y = np.where(ytr == 1, 1.0, -1.0)
    K = FullKernel(kernel_matrix(Xtr, Xtr, "rbf", gamma=1.0))
    values = [dual_objective(smo(K, y, 1.0, max_iter=k)[0] * y, K.K) for k in range(1, 60)]
    assert np.all(np.diff(values) > 0)
    alpha, b, n_iter, ok = smo(K, y, 1.0, tol=1e-6)
    assert ok and dual_objective(alpha * y, K.K) >= values[-1]


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


# --- the exercise gaps, in the order a student writes them ----------------------------------

def test_gap_01_kernel_matrix():
    X = np.array([[0.0, 1.0], [2.0, -1.0]])
    Z = np.array([[1.0, 1.0]])
    np.testing.assert_allclose(kernel_matrix(X, Z, "linear"), [[1.0], [1.0]])
    np.testing.assert_allclose(kernel_matrix(X, Z, "poly", gamma=2.0, degree=2, coef0=1.0),
                               [[9.0], [9.0]])
    np.testing.assert_allclose(kernel_matrix(X, Z, "rbf", gamma=0.5),
                               np.exp(-0.5 * np.array([[1.0], [5.0]])))
    assert np.all(kernel_matrix(X, X, "rbf", gamma=3.0).diagonal() == 1.0)


def test_gap_02_intercept():
    y = np.array([1.0, -1.0, 1.0, -1.0])
    E = np.array([0.1, 0.3, -0.2, 0.5])
    # free vectors (0 < alpha < C) are 0 and 1: b = -(0.1 + 0.3) / 2
    assert _intercept(np.array([0.5, 0.5, 0.0, 1.0]), E, y, 1.0) == pytest.approx(-0.2)
    # none free: the middle of [max E over I_low, min E over I_up]
    alpha = np.array([0.0, 1.0, 1.0, 0.0])   # I_up: 0, 1 (E 0.1, 0.3); I_low: 2, 3
    assert _intercept(alpha, E, y, 1.0) == pytest.approx(-(0.1 + 0.5) / 2)


def test_gap_03_smo():
    # two points at x = -1 and x = +1, linear kernel: alpha = (0.5, 0.5), b = 0 (C large)
    G = FullKernel(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    alpha, b, n_iter, ok = smo(G, np.array([-1.0, 1.0]), C=100.0)
    np.testing.assert_allclose(alpha, [0.5, 0.5], atol=1e-12)
    assert ok and b == pytest.approx(0.0, abs=1e-12) and n_iter == 1
    # C below the hard-margin multiplier: one clipped step to the bound, set exactly
    alpha, b, n_iter, ok = smo(G, np.array([-1.0, 1.0]), C=0.2)
    assert alpha.tolist() == [0.2, 0.2] and ok


def test_gap_04_pegasos_step():
    X = np.array([[1.0, 0.0], [0.0, 2.0]])
    Y = np.array([[1.0], [-1.0]])
    W, b = np.array([[2.0], [0.0]]), np.array([0.0])
    # margins: 2 (not a violator) and 0 (a violator); t = 2, nC = 4: eta = 2
    W2, b2 = pegasos_step(X, Y, W, b, 2, 4.0)
    np.testing.assert_allclose(W2, [[1.0], [-2.0]])        # (1 - 1/2) w + (2/2)(-1)(0, 2)
    np.testing.assert_allclose(b2, [-1 / (2 * np.sqrt(2))])
    _, b3 = pegasos_step(X, Y, W, b, 2, 4.0, fit_intercept=False)
    np.testing.assert_array_equal(b3, [0.0])
    np.testing.assert_array_equal(W, [[2.0], [0.0]])       # inputs not modified


def test_linear_svc_stops_with_a_clear_error_when_the_objective_overflows():
    X = np.random.default_rng(0).normal(size=(40, 2)) * 1e155   # scores overflow float64
    with pytest.raises(DivergenceError, match="LinearSVC diverged: the objective became"):
        LinearSVC().fit(X, np.arange(40) % 2)
