"""Tests for utils.gradcheck."""
import numpy as np
import pytest

from utils.gradcheck import check_gradient, numerical_gradient, relative_error


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------- numerical_gradient

def test_numerical_gradient_quadratic_form(rng):
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    # d/dx (x^T A x) = (A + A^T) x, also for a non-symmetric A.
    num = numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(num, (A + A.T) @ x, rtol=1e-7, atol=1e-8)


def test_numerical_gradient_x_sin_x(rng):
    x = rng.uniform(-3, 3, size=7)
    num = numerical_gradient(lambda v: np.sum(v * np.sin(v)), x)
    np.testing.assert_allclose(num, np.sin(x) + x * np.cos(x), rtol=1e-7, atol=1e-8)


def test_numerical_gradient_softmax_cross_entropy(rng):
    n, k = 5, 3
    Z = rng.normal(size=(n, k))
    y = rng.integers(0, k, size=n)
    Y = np.eye(k)[y]

    def loss(z):
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -np.mean(log_p[np.arange(n), y])

    num = numerical_gradient(loss, Z)
    assert num.shape == Z.shape
    np.testing.assert_allclose(num, (_softmax(Z) - Y) / n, rtol=1e-6, atol=1e-9)


def test_numerical_gradient_of_matrix_function(rng):
    # f(W) = ||X W - Y||_F^2 / 2 has gradient X^T (X W - Y).
    X, Y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    W = rng.normal(size=(3, 2))
    num = numerical_gradient(lambda w: 0.5 * np.sum((X @ w - Y) ** 2), W)
    np.testing.assert_allclose(num, X.T @ (X @ W - Y), rtol=1e-6, atol=1e-8)


def test_numerical_gradient_shapes_and_dtype():
    for shape in [(), (1,), (3,), (2, 3), (2, 1, 3)]:
        x = np.ones(shape, dtype=np.float32)
        g = numerical_gradient(lambda v: np.sum(v ** 2), x)
        assert g.shape == shape
        assert g.dtype == np.float64
        np.testing.assert_allclose(g, 2.0 * np.ones(shape), rtol=1e-8)
    # a Python scalar and a nested list work too
    assert numerical_gradient(lambda v: float(v) ** 3, 2.0) == pytest.approx(12.0, rel=1e-8)
    np.testing.assert_allclose(numerical_gradient(np.sum, [[1, 2], [3, 4]]), np.ones((2, 2)))


def test_numerical_gradient_fortran_ordered_input():
    x = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    c = np.arange(1.0, 7.0).reshape(2, 3)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v * c), x), c, rtol=1e-7)


def test_numerical_gradient_does_not_modify_x():
    x = np.array([1.0, 2.0, 3.0])
    before = x.copy()
    numerical_gradient(lambda v: np.sum(v ** 3), x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_f_sees_only_one_entry_perturbed():
    x = np.array([1.0, 2.0, 3.0])
    seen = []
    numerical_gradient(lambda v: seen.append(v.copy()) or 0.0, x, eps=0.5)
    assert len(seen) == 2 * x.size
    for i, v in enumerate(seen):
        diff = v - x
        assert np.count_nonzero(diff) == 1
        assert diff[i // 2] == (0.5 if i % 2 == 0 else -0.5)


def test_numerical_gradient_empty_x():
    g = numerical_gradient(lambda v: 0.0, np.zeros((0, 3)))
    assert g.shape == (0, 3)


def test_numerical_gradient_bad_inputs():
    with pytest.raises(ValueError, match="NaN or infinity"):
        numerical_gradient(np.sum, np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="NaN or infinity"):
        numerical_gradient(np.sum, np.array([np.inf]))
    with pytest.raises(ValueError, match="numbers only"):
        numerical_gradient(np.sum, ["a", "b"])
    with pytest.raises(ValueError, match="eps must be >"):
        numerical_gradient(np.sum, np.ones(2), eps=0.0)
    with pytest.raises(ValueError, match="eps must be >"):
        numerical_gradient(np.sum, np.ones(2), eps=-1e-6)
    with pytest.raises(ValueError, match="eps must be of type"):
        numerical_gradient(np.sum, np.ones(2), eps="small")
    with pytest.raises(ValueError, match="single real number"):
        numerical_gradient(lambda v: v * 2, np.ones(2))  # returns an array, not the loss
    with pytest.raises(ValueError, match="finite value of f"):
        numerical_gradient(lambda v: np.inf, np.ones(2))


# -------------------------------------------------------------------- relative_error

def test_relative_error_formula(rng):
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    expected = np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))
    assert relative_error(a, b) == pytest.approx(expected, rel=1e-12)
    assert relative_error(a, b) == pytest.approx(relative_error(b, a), rel=1e-12)


def test_relative_error_known_values():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0, 2.0], [0.0, 0.0]) == 1.0
    assert relative_error([1.0, -2.0], [-1.0, 2.0]) == pytest.approx(1.0)
    # ||(1, 0)|| / (||(1, 0)|| + ||(0, 0)||) type case: [3] vs [1] -> 2 / 4
    assert relative_error([3.0], [1.0]) == pytest.approx(0.5)


def test_relative_error_zero_arrays_without_warning():
    # filterwarnings = error in pytest config turns a 0/0 RuntimeWarning into a failure
    assert relative_error(np.zeros(5), np.zeros(5)) == 0.0
    assert relative_error(np.zeros((0,)), np.zeros((0,))) == 0.0
    assert relative_error(0.0, 0.0) == 0.0


def test_relative_error_extreme_magnitudes_without_overflow():
    big = np.array([1e300, 1e300])
    assert relative_error(big, big) == 0.0
    assert relative_error(big, 2 * big) == pytest.approx(1 / 3)
    tiny = np.array([1e-300, 3e-300])
    assert relative_error(tiny, 2 * tiny) == pytest.approx(1 / 3)


def test_relative_error_returns_float_in_unit_interval(rng):
    for _ in range(20):
        a, b = rng.normal(size=5), rng.normal(size=5)
        r = relative_error(a, b)
        assert isinstance(r, float)
        assert 0.0 <= r <= 1.0


def test_relative_error_bad_inputs():
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.ones((3, 1)), np.ones(3))
    with pytest.raises(ValueError, match="NaN or infinity"):
        relative_error(np.array([np.nan]), np.array([1.0]))


# -------------------------------------------------------------------- check_gradient

def test_check_gradient_accepts_right_gradients(rng):
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    err, ok = check_gradient(lambda v: v @ A @ v, lambda v: (A + A.T) @ v, x)
    assert ok and err < 1e-8
    err, ok = check_gradient(lambda v: np.sum(v * np.sin(v)),
                             lambda v: np.sin(v) + v * np.cos(v), x)
    assert ok and err < 1e-8
    W = rng.normal(size=(3, 2))
    err, ok = check_gradient(lambda w: np.sum(np.tanh(w) ** 2),
                             lambda w: 2 * np.tanh(w) * (1 - np.tanh(w) ** 2), W)
    assert ok and err < 1e-8


def test_check_gradient_softmax_cross_entropy(rng):
    n, k, d = 8, 3, 4
    X = rng.normal(size=(n, d))
    y = rng.integers(0, k, size=n)
    Y = np.eye(k)[y]

    def loss(W):
        Z = X @ W
        Z = Z - Z.max(axis=1, keepdims=True)
        log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        return -np.mean(log_p[np.arange(n), y])

    def grad(W):
        return X.T @ (_softmax(X @ W) - Y) / n

    err, ok = check_gradient(loss, grad, rng.normal(size=(d, k)))
    assert ok and err < 1e-7


def test_check_gradient_flags_wrong_gradients(rng):
    x = rng.normal(size=5)
    f = lambda v: np.sum(v ** 3)  # noqa: E731
    err, ok = check_gradient(f, lambda v: 3 * v ** 2, x)
    assert ok
    # forgot the factor 3 / a sign error / a transposed matrix: all far from 0
    err, ok = check_gradient(f, lambda v: v ** 2, x)
    assert not ok and err > 0.3
    err, ok = check_gradient(f, lambda v: -3 * v ** 2, x)
    assert not ok and err == pytest.approx(1.0)
    A = rng.normal(size=(5, 5))
    err, ok = check_gradient(lambda v: np.sum(np.sin(A @ v)), lambda v: A @ np.cos(A @ v), x)
    assert not ok and err > 1e-2
    err, ok = check_gradient(lambda v: np.sum(np.sin(A @ v)), lambda v: A.T @ np.cos(A @ v), x)
    assert ok


def test_check_gradient_tol_decides_ok(rng):
    x = rng.normal(size=3)
    f = lambda v: np.sum(v ** 2)  # noqa: E731
    slightly_off = lambda v: 2 * v * (1 + 1e-4)  # noqa: E731
    err, ok = check_gradient(f, slightly_off, x)
    assert not ok and 1e-6 < err < 1e-4
    err2, ok2 = check_gradient(f, slightly_off, x, tol=1e-3)
    assert ok2 and err2 == err
    assert isinstance(ok, bool)


def test_check_gradient_does_not_modify_x_even_if_grad_does():
    x = np.array([1.0, 2.0])

    def nasty_grad(v):
        g = 2 * v
        v[:] = 0.0
        return g

    err, ok = check_gradient(lambda v: np.sum(v ** 2), nasty_grad, x)
    assert ok
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_check_gradient_bad_inputs():
    f = lambda v: np.sum(v ** 2)  # noqa: E731
    with pytest.raises(ValueError, match="shape of x"):
        check_gradient(f, lambda v: 2 * v.ravel(), np.ones((2, 3)))
    with pytest.raises(ValueError, match="shape of x"):
        check_gradient(f, lambda v: np.float64(2.0), np.ones(3))
    with pytest.raises(ValueError, match="NaN or infinity"):
        check_gradient(f, lambda v: 2 * v, np.array([1.0, np.inf]))
    with pytest.raises(ValueError, match="eps must be >"):
        check_gradient(f, lambda v: 2 * v, np.ones(2), eps=0)
    with pytest.raises(ValueError, match="tol must be >"):
        check_gradient(f, lambda v: 2 * v, np.ones(2), tol=0)
    with pytest.raises(ValueError, match="tol must be >"):
        check_gradient(f, lambda v: 2 * v, np.ones(2), tol=-1.0)
    with pytest.raises(ValueError, match="NaN or infinity"):
        check_gradient(f, lambda v: np.full_like(v, np.nan), np.ones(2))
