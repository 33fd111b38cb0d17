"""Tests for pca.py: known answers, scikit-learn agreement, invariants, bad input."""
import inspect

import numpy as np
import pytest
from sklearn import decomposition as sk

from pca import (PCA, explained_variance, n_components_for_variance, pca_eig, pca_svd,
                 project, reconstruct, svd_flip_rows)
from utils.data import load_digits, load_iris
from utils.preprocessing import StandardScaler
from utils.testing import check_bad_input
from utils.validation import NotFittedError

SOLVERS = ["full", "covariance_eigh"]
# Digits has three pixels that are 0 in every image, so X_c has rank 61: the last three
# components span a null space and are only defined up to a rotation. Compare the rest.
DIGITS_RANK = 61


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)[0]


@pytest.fixture(scope="module")
def digits():
    return load_digits(return_X_y=True)[0]


def correlated(n=300, seed=0):
    """Gaussian data with distinct variances 9, 4, 1, 0.25 along a random rotation."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    return rng.normal(size=(n, 4)) * [3.0, 2.0, 1.0, 0.5] @ Q.T + [1.0, -2.0, 5.0, 0.0]


# --- building blocks and known answers ----------------------------------------------------

def test_known_answer_on_a_line():
    # Points on the line y = x: one component along (1, 1)/sqrt(2), all the variance in it.
    t = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    X = np.column_stack([t, t]) + [3.0, 4.0]
    model = PCA().fit(X)
    np.testing.assert_allclose(model.mean_, [3.0, 4.0])
    np.testing.assert_allclose(model.components_[0], [2**-0.5, 2**-0.5], atol=1e-12)
    # variance of sqrt(2) t with n - 1 = 4: 2 * 10 / 4 = 5
    np.testing.assert_allclose(model.explained_variance_, [5.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(model.explained_variance_ratio_, [1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(model.singular_values_, [20**0.5, 0.0], atol=1e-12)
    np.testing.assert_allclose(model.transform(X)[:, 0], 2**0.5 * t, atol=1e-12)


def test_known_answer_axis_aligned():
    # Uncorrelated columns with variances 4 and 1: the components are the axes.
    X = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]]) * [[np.sqrt(1.5)]]
    model = PCA().fit(X)
    np.testing.assert_allclose(model.components_, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(model.explained_variance_, [4.0, 1.0])
    np.testing.assert_allclose(model.explained_variance_ratio_, [0.8, 0.2])


def test_svd_flip_rows():
    Vt = np.array([[0.6, -0.8], [-0.8, -0.6], [0.5, -0.5]])
    np.testing.assert_array_equal(svd_flip_rows(Vt), [[-0.6, 0.8], [0.8, 0.6], [0.5, -0.5]])
    assert svd_flip_rows(Vt) is not Vt


@pytest.mark.parametrize("shape", [(50, 4), (4, 50), (7, 7)])
def test_svd_and_eig_building_blocks(shape):
    rng = np.random.default_rng(1)
    Xc = rng.normal(size=shape)
    Xc -= Xc.mean(axis=0)
    s, Vt = pca_svd(Xc)
    r = min(shape)
    assert s.shape == (r,) and Vt.shape == (r, shape[1])
    assert np.all(np.diff(s) <= 0)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(r), atol=1e-12)
    np.testing.assert_allclose(s, np.linalg.svd(Xc, compute_uv=False), rtol=1e-12, atol=1e-12)
    # Each row is an eigenvector of X_c^T X_c with eigenvalue s^2.
    np.testing.assert_allclose(Xc.T @ Xc @ Vt.T, Vt.T * s**2, atol=1e-10)
    s_eig, Vt_eig = pca_eig(Xc)
    keep = s > 1e-6  # the centred wide matrix has rank n - 1: skip its null direction
    np.testing.assert_allclose(s_eig[keep], s[keep], rtol=1e-10)
    np.testing.assert_allclose(np.abs(Vt_eig @ Vt.T)[np.ix_(keep, keep)], np.eye(keep.sum()),
                               atol=1e-8)


def test_n_components_for_variance():
    ratio = np.array([0.5, 0.3, 0.15, 0.05])
    assert [n_components_for_variance(ratio, f) for f in [0.1, 0.5, 0.79, 0.8, 0.96]] == \
        [1, 2, 2, 3, 4]  # strictly greater: exactly 0.5 needs the second component
    assert n_components_for_variance(ratio, 0.999999999) == 4  # capped


# --- scikit-learn on real data ------------------------------------------------------------

@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("data, n_components", [("iris", None), ("iris", 2), ("iris", 0.95),
                                                 ("digits", None), ("digits", 10),
                                                 ("digits", 0.9), ("digits", 0.999)])
@pytest.mark.parametrize("whiten", [False, True])
def test_matches_sklearn(request, data, n_components, solver, whiten):
    X = request.getfixturevalue(data)
    ours = PCA(n_components=n_components, whiten=whiten, svd_solver=solver).fit(X)
    ref = sk.PCA(n_components=n_components, whiten=whiten, svd_solver="full").fit(X)
    assert ours.n_components_ == ref.n_components_
    np.testing.assert_allclose(ours.mean_, ref.mean_, rtol=1e-12)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_,
                               rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.explained_variance_ratio_, ref.explained_variance_ratio_,
                               rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.noise_variance_, ref.noise_variance_, rtol=1e-8, atol=1e-8)
    k = min(ours.n_components_, DIGITS_RANK)
    # The eig route loses the singular values of the null space (sqrt of rounding: ~1e-6).
    sv_atol = 1e-8 if solver == "full" else 1e-5
    np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=1e-8,
                               atol=sv_atol)
    np.testing.assert_allclose(ours.components_[:k], ref.components_[:k], atol=1e-8)
    Z, Z_ref = ours.transform(X)[:, :k], ref.transform(X)[:, :k]
    np.testing.assert_allclose(Z, Z_ref, rtol=1e-8, atol=1e-8)
    if ours.n_components_ <= DIGITS_RANK:
        np.testing.assert_allclose(ours.inverse_transform(ours.transform(X)),
                                   ref.inverse_transform(ref.transform(X)), atol=1e-8)
        np.testing.assert_allclose(ours.fit_transform(X), ref.fit_transform(X),
                                   rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("data", ["iris", "digits"])
def test_svd_and_eig_agree(request, data):
    X = request.getfixturevalue(data)
    a, b = PCA(svd_solver="full").fit(X), PCA(svd_solver="covariance_eigh").fit(X)
    k = min(a.n_components_, DIGITS_RANK)
    np.testing.assert_allclose(a.components_[:k], b.components_[:k], atol=1e-9)
    np.testing.assert_allclose(a.explained_variance_, b.explained_variance_, atol=1e-10)
    np.testing.assert_allclose(a.transform(X)[:, :k], b.transform(X)[:, :k], atol=1e-9)


def test_svd_keeps_digits_that_eig_loses():
    # Singular values 1 ... 1e-10 (condition number 1e10): eig squares it past 1/eps.
    rng = np.random.default_rng(0)
    # Orthonormal columns orthogonal to the ones vector, so X is already centred and its
    # singular values are exactly s_true (up to rounding in building X).
    Q, _ = np.linalg.qr(np.column_stack([np.ones(200), rng.normal(size=(200, 6))]))
    U = Q[:, 1:]
    V, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    s_true = np.logspace(0, -10, 6)
    X = U * s_true @ V.T
    s_svd, _ = pca_svd(X)
    s_eig, _ = pca_eig(X)
    assert np.max(np.abs(s_svd - s_true) / s_true) < 1e-4
    assert np.abs(s_eig[-1] - s_true[-1]) / s_true[-1] > 0.5  # not a single correct digit


# --- invariants ---------------------------------------------------------------------------

@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("shape", [(300, 4), (5, 12)])
def test_full_inverse_transform_returns_the_data(solver, shape):
    X = correlated() if shape == (300, 4) else np.random.default_rng(2).normal(size=shape)
    for whiten in [False, True]:
        model = PCA(whiten=whiten, svd_solver=solver).fit(X)
        assert model.n_components_ == min(shape)
        np.testing.assert_allclose(model.inverse_transform(model.transform(X)), X, atol=1e-10)


@pytest.mark.parametrize("solver", SOLVERS)
def test_whitened_output_has_identity_covariance(iris, solver):
    for X in [correlated(), iris]:
        Z = PCA(whiten=True, svd_solver=solver).fit_transform(X)
        np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
        np.testing.assert_allclose(np.cov(Z, rowvar=False), np.eye(X.shape[1]), atol=1e-10)


def test_scores_variances_and_reconstruction_error():
    X = correlated()
    full = PCA().fit(X)
    lam = full.explained_variance_
    np.testing.assert_allclose(lam, np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1])
    np.testing.assert_allclose(np.var(full.transform(X), axis=0, ddof=1), lam)
    np.testing.assert_allclose(full.components_ @ full.components_.T, np.eye(4), atol=1e-12)
    n = len(X)
    for k in [1, 2, 3]:
        model = PCA(n_components=k).fit(X)
        error = np.sum((X - model.inverse_transform(model.transform(X))) ** 2)
        np.testing.assert_allclose(error, (n - 1) * lam[k:].sum())  # the minimum error
        np.testing.assert_allclose(model.noise_variance_, lam[k:].mean())
        # Any other k orthonormal directions reconstruct worse.
        Q, _ = np.linalg.qr(np.random.default_rng(k).normal(size=(4, k)))
        Xc = X - full.mean_
        assert np.sum((Xc - Xc @ Q @ Q.T) ** 2) > error
    assert full.noise_variance_ == 0.0


def test_transform_of_new_data_and_sign_convention(iris):
    model = PCA(n_components=2).fit(iris[::2])
    Z = model.transform(iris[1::2])
    np.testing.assert_allclose(Z, (iris[1::2] - iris[::2].mean(axis=0)) @ model.components_.T)
    big = np.argmax(np.abs(model.components_), axis=1)
    assert np.all(model.components_[[0, 1], big] > 0)
    # Flipping the data's signs does not change the output's sign convention.
    flipped = PCA(n_components=2).fit(-iris[::2])
    np.testing.assert_allclose(flipped.components_, model.components_ * np.sign(
        flipped.components_[[0, 1], big])[:, None], atol=1e-12)


def test_constant_data_has_zero_variance_and_no_warning():
    X = np.full((5, 3), 2.0)
    model = PCA(whiten=True).fit(X)
    np.testing.assert_array_equal(model.explained_variance_, 0.0)
    np.testing.assert_array_equal(model.explained_variance_ratio_, 0.0)
    assert np.all(np.isfinite(model.transform(X)))
    assert PCA(n_components=0.5).fit(X).n_components_ == 3


def test_determinism_and_params(digits):
    a, b = PCA(n_components=5).fit(digits), PCA(n_components=5).fit(digits)
    np.testing.assert_array_equal(a.components_, b.components_)
    model = PCA(n_components=3, whiten=True)
    assert model.get_params() == {"n_components": 3, "whiten": True, "svd_solver": "auto"}
    assert repr(model) == "PCA(n_components=3, whiten=True)"
    assert model.fit(digits) is model
    assert model.n_features_in_ == 64 and model.n_samples_ == 1797
    assert isinstance(model.noise_variance_, float)
    assert PCA(n_components=np.int64(2)).fit(digits).n_components_ == 2


# --- bad input ----------------------------------------------------------------------------

X_OK = correlated(n=20)


def test_bad_input():
    check_bad_input(PCA, X_OK, kind="unsupervised", methods=("transform",))


def test_one_sample_is_too_few():
    with pytest.raises(ValueError, match="at least 2 required"):
        PCA().fit(X_OK[:1])


@pytest.mark.parametrize("params, match", [
    (dict(n_components=5), r"n_components=5 must be <= min\(n_samples, n_features\)=4"),
    (dict(n_components=0), "n_components must be >= 1"),
    (dict(n_components=-2), "n_components must be >= 1"),
    (dict(n_components=1.0), r"must be in \(0, 1\)"),
    (dict(n_components=0.0), r"must be in \(0, 1\)"),
    (dict(n_components=1.5), r"must be in \(0, 1\)"),
    (dict(n_components=True), "n_components must be None, an int"),
    (dict(n_components="mle"), "n_components must be None, an int"),
    (dict(svd_solver="arpack"), "'arpack' .* not implemented"),
    (dict(svd_solver="randomized"), "'randomized' .* not implemented"),
    (dict(svd_solver="svd"), "svd_solver must be one of"),
    (dict(svd_solver=None), "svd_solver must be one of"),
    (dict(whiten="yes"), "whiten must be True or False"),
])
def test_bad_hyperparameters(params, match):
    with pytest.raises(ValueError, match=match):
        PCA(**params).fit(X_OK)


def test_too_many_components_for_few_samples():
    with pytest.raises(ValueError, match=r"min\(n_samples, n_features\)=3"):
        PCA(n_components=4).fit(X_OK[:3])


def test_transform_errors():
    with pytest.raises(NotFittedError, match="not fitted"):
        PCA().inverse_transform(X_OK)
    model = PCA(n_components=2).fit(X_OK)
    with pytest.raises(ValueError, match="Z has 4 columns, but this PCA has 2 components"):
        model.inverse_transform(X_OK)


# --- swap one import ----------------------------------------------------------------------

# scikit-learn's documented "auto" rule: "covariance_eigh" when there are at most 1000
# features and at least 10 times as many samples; "randomized" for inputs larger than
# 500 x 500 with fewer components than 80 % of the smaller side (not implemented here:
# "full" instead); "full" otherwise.
@pytest.mark.parametrize("shape, expected", [((150, 4), "covariance_eigh"), ((30, 8), "full"),
                                             ((40, 600), "full"),
                                             ((5000, 20), "covariance_eigh"),
                                             ((600, 700), "full")])
def test_auto_chooses_like_sklearn(shape, expected):
    X = np.random.default_rng(0).normal(size=shape)
    assert PCA(n_components=min(shape) - 1).fit(X).fit_svd_solver_ == expected
    assert PCA().fit(X).fit_svd_solver_ in SOLVERS


def test_defaults_are_sklearns():
    ours = inspect.signature(PCA).parameters
    theirs = inspect.signature(sk.PCA).parameters
    assert set(ours) <= set(theirs)
    assert {p: ours[p].default for p in ours} == {p: theirs[p].default for p in ours}


def test_swap_one_import_defaults_match_sklearn(iris):
    # Both with defaults: "auto" picks covariance_eigh for the tall iris on both sides.
    X = StandardScaler().fit_transform(iris)
    ours, ref = PCA().fit(X), sk.PCA().fit(X)
    assert ours.fit_svd_solver_ == "covariance_eigh"
    np.testing.assert_allclose(ours.transform(X), ref.transform(X), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-10)


# --- exercise gaps: one test each, in the order a student writes them; each calls only ----
# --- its own function, on inputs built here --------------------------------------------

def _centred_example():
    X = correlated(n=50, seed=3)
    return X - X.mean(axis=0)


def _check_components(s, Vt, Xc, name):
    n, d = Xc.shape
    r = min(n, d)
    assert np.shape(s) == (r,), f"{name}: s must have shape (min(n, d),) = {(r,)}, got " \
                                f"{np.shape(s)}"
    assert np.shape(Vt) == (r, d), f"{name}: Vt must have shape (min(n, d), d) = {(r, d)}, " \
                                   f"got {np.shape(Vt)}"
    assert np.all(np.diff(s) <= 0), f"{name}: s must be in decreasing order, got {s}"
    np.testing.assert_allclose(s, np.linalg.svd(Xc, compute_uv=False), rtol=1e-9, atol=1e-9,
                               err_msg=f"{name}: the singular values of X_c, s_j^2 = (n-1) "
                                       f"lambda_j (10)")
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(r), atol=1e-10,
                               err_msg=f"{name}: the rows of Vt must be orthonormal")
    np.testing.assert_allclose(Xc.T @ Xc @ Vt.T, Vt.T * s**2, atol=1e-8,
                               err_msg=f"{name}: each row must be an eigenvector of X_c^T X_c "
                                       f"with eigenvalue s_j^2, (4) and (10)")


@pytest.mark.parametrize("shape", [(50, 4), (4, 7)])
def test_gap_01_pca_eig(shape):
    Xc = _centred_example() if shape == (50, 4) else np.random.default_rng(4).normal(size=shape)
    s, Vt = pca_eig(Xc)
    _check_components(s, Vt, Xc, "pca_eig")
    # a rank-deficient matrix: its zero eigenvalues may come out slightly negative, and the
    # square root of a clipped 0 must be 0, not NaN (warnings are errors here)
    s, _ = pca_eig(np.outer([1.0, -1.0, 2.0, 0.5], [3.0, 1.0, -2.0]))
    assert np.all(np.isfinite(s)) and np.all(s[1:] < 1e-6), \
        f"pca_eig: a rank-1 matrix has one non-zero s_j; clip negative eigenvalues to 0, got {s}"


@pytest.mark.parametrize("shape", [(50, 4), (4, 7)])
def test_gap_02_pca_svd(shape):
    Xc = _centred_example() if shape == (50, 4) else np.random.default_rng(4).normal(size=shape)
    s, Vt = pca_svd(Xc)
    _check_components(s, Vt, Xc, "pca_svd")


def test_gap_03_explained_variance():
    variance, ratio = explained_variance(np.array([4.0, 2.0, 0.0]), 5)
    np.testing.assert_allclose(variance, [4.0, 1.0, 0.0],
                               err_msg="equation (10): lambda_j = s_j^2 / (n - 1), n = 5")
    np.testing.assert_allclose(ratio, [0.8, 0.2, 0.0],
                               err_msg="equation (13): rho_j = lambda_j / sum of all lambda_l")
    variance, ratio = explained_variance(np.zeros(3), 4)
    np.testing.assert_array_equal(ratio, [0.0, 0.0, 0.0],
                                  err_msg="zero total variance: ratios of 0, no division by 0")
    assert np.shape(variance) == (3,), f"variance must have shape (r,) = (3,), got " \
                                       f"{np.shape(variance)}"


def test_gap_04_n_components_for_variance():
    ratio = np.array([0.5, 0.3, 0.15, 0.05])
    for f, want in [(0.1, 1), (0.5, 2), (0.79, 2), (0.8, 3), (0.96, 4)]:
        got = n_components_for_variance(ratio, f)
        assert got == want, f"equation (13): K({f}) for ratios {ratio.tolist()} is {want} " \
                            f"(the smallest K whose cumulative ratio is strictly greater), " \
                            f"got {got}"
    got = n_components_for_variance(ratio, 0.999999999)
    assert got == 4, f"K can never exceed len(ratio) = 4 (cap it), got {got}"


def test_gap_05_svd_flip_rows():
    Vt = np.array([[0.6, -0.8], [-0.8, -0.6], [0.5, -0.5]])
    flipped = svd_flip_rows(Vt)
    np.testing.assert_array_equal(
        flipped, [[-0.6, 0.8], [0.8, 0.6], [0.5, -0.5]],
        err_msg="each row times the sign of its entry of largest |value| (the first one on a "
                "tie, as argmax)")
    assert flipped is not Vt and Vt[0, 0] == 0.6, "return a new array, do not modify Vt"


def test_gap_06_project():
    X = np.array([[3.0, 4.0], [1.0, 2.0], [2.0, 6.0]])
    mean = np.array([2.0, 4.0])
    components = np.array([[0.6, 0.8]])
    Z = project(X, mean, components)
    assert np.shape(Z) == (3, 1), f"Z must have shape (n, K) = (3, 1), got {np.shape(Z)}"
    np.testing.assert_allclose(Z, [[0.6], [-2.2], [1.6]],
                               err_msg="equation (3): Z = (X - mean) W, W = components^T")


def test_gap_07_reconstruct():
    Z = np.array([[1.0], [-2.0]])
    mean = np.array([2.0, 4.0])
    components = np.array([[0.6, 0.8]])
    X_hat = reconstruct(Z, mean, components)
    assert np.shape(X_hat) == (2, 2), f"X_hat must have shape (n, d) = (2, 2), got " \
                                      f"{np.shape(X_hat)}"
    np.testing.assert_allclose(X_hat, [[2.6, 4.8], [0.8, 2.4]],
                               err_msg="equation (3): X_hat = mean + Z W^T")
    # with a full orthonormal basis the reconstruction is exact
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    X, mean = rng.normal(size=(5, 3)), rng.normal(size=3)
    np.testing.assert_allclose(reconstruct((X - mean) @ Q, mean, Q.T), X, atol=1e-12,
                               err_msg="with all d components, X_hat must be X")
