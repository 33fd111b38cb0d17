"""Gradient checking: central finite differences and a relative-error test.

Every chapter that derives a gradient by hand checks it against the numerical
gradient right next to the derivation:

>>> import numpy as np
>>> A = np.array([[2.0, 1.0], [1.0, 3.0]])
>>> f = lambda x: 0.5 * x @ A @ x          # f(x) = x^T A x / 2
>>> grad = lambda x: A @ x                 # its gradient (A is symmetric)
>>> rel_error, ok = check_gradient(f, grad, np.array([1.0, -2.0]))
>>> ok
True

The relative error used throughout is the norm version (see ``relative_error``),
which stays meaningful when some entries of the gradient are zero.
"""
import numbers

import numpy as np

from utils.validation import check_scalar


def _as_float_array(x, name):
    """Return a C-ordered float64 copy of ``x``, rejecting NaN and infinity."""
    try:
        arr = np.array(x, dtype=np.float64, order="C")  # np.array copies by default
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name} must contain numbers only: {e}") from None
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinity; a gradient check needs finite values.")
    return arr


def _scalar_value(value):
    """Check that ``f`` returned one finite real number and return it as a float."""
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "biuf":
        raise ValueError("f must return a single real number (the loss), got "
                         f"{type(value).__name__} of shape {arr.shape}.")
    v = float(arr.reshape(()))
    if not np.isfinite(v):
        raise ValueError(f"f returned {v}; a gradient check needs a finite value of f.")
    return v


def numerical_gradient(f, x, eps=1e-6):
    r"""Estimate the gradient of a scalar function by central differences.

    For every entry ``x[i]`` it evaluates

    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2 \varepsilon}

    whose truncation error is :math:`O(\varepsilon^2)` (a one-sided difference
    would be :math:`O(\varepsilon)`). It costs ``2 * x.size`` calls of ``f``, so it
    is a check for small problems, never a way to train.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``. Called with a float64 array shaped like ``x``; it must
        not modify that array.
    x : array-like of any shape
        The point at which to differentiate. It is copied (as float64) and never
        modified.
    eps : float, default 1e-6
        The absolute step :math:`\varepsilon`. Around 1e-6 balances truncation
        error against floating-point round-off for float64 and values of order 1.

    Returns
    -------
    numpy.ndarray
        The numerical gradient, float64, with the shape of ``x``.

    Raises
    ------
    ValueError
        If ``x`` contains NaN or infinity, ``eps`` is not a positive number, or
        ``f`` does not return one finite real number.
    """
    check_scalar(eps, "eps", kind=numbers.Real, min_val=0, include_min=False)
    x = _as_float_array(x, "x")
    grad = np.zeros_like(x)
    # Views into the same memory, so perturbing x_flat[i] perturbs the x that f sees.
    x_flat, grad_flat = x.reshape(-1), grad.reshape(-1)
    for i in range(x_flat.size):
        original = x_flat[i]
        x_flat[i] = original + eps
        f_plus = _scalar_value(f(x))
        x_flat[i] = original - eps
        f_minus = _scalar_value(f(x))
        x_flat[i] = original  # restore before moving on to the next entry
        grad_flat[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    r"""Relative error between two arrays of the same shape (the norm version).

    .. math:: \mathrm{rel}(a, b) = \frac{\lVert a - b \rVert_2}
                                 {\lVert a \rVert_2 + \lVert b \rVert_2}

    with the norms taken over all entries (the Frobenius norm for a matrix).
    It is 0 when the arrays are equal (also when both are all zeros, where the
    formula would be 0/0), lies in [0, 1], and is 1 when exactly one of them is
    zero or when ``b = -a``. Unlike the elementwise version
    ``max_i |a_i - b_i| / max(|a_i|, |b_i|)`` it is not fooled by entries that
    are zero in theory and 1e-11 in practice.

    Rules of thumb for a float64 gradient check (CS231n): below 1e-7 the
    gradient is right; around 1e-4 be suspicious (unless the function has kinks);
    above 1e-2 it is wrong.

    Parameters
    ----------
    a, b : array-like of the same shape
        Finite numbers.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the shapes differ or an array contains NaN or infinity.
    """
    a = _as_float_array(a, "a")
    b = _as_float_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}.")
    # Divide by the largest magnitude first so that squaring inside the norm can
    # neither overflow (huge values) nor underflow to zero (tiny values).
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0))
    if scale == 0.0:
        return 0.0
    a, b = a / scale, b / scale
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_gradient(f, grad, x, eps=1e-6, tol=1e-6):
    """Compare an analytic gradient with the numerical one at ``x``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, the function (typically a loss as a function of the
        parameters).
    grad : callable
        ``grad(x) -> ndarray`` shaped like ``x``, the gradient derived by hand.
    x : array-like of any shape
        The point to check at. Pick a random point rather than a special one
        (zeros hide many bugs) and avoid kinks such as ``|x|`` at 0.
    eps : float, default 1e-6
        The finite-difference step, see ``numerical_gradient``.
    tol : float, default 1e-6
        The gradient passes when ``relative_error < tol``.

    Returns
    -------
    rel_error : float
        ``relative_error(grad(x), numerical_gradient(f, x, eps))``.
    ok : bool
        ``rel_error < tol``. Nothing is raised for a wrong gradient, so a notebook
        can print the error; write ``assert ok`` where a failure should stop.

    Raises
    ------
    ValueError
        If ``x`` is not finite, ``eps`` or ``tol`` is not positive, or ``grad(x)``
        does not have the shape of ``x``.
    """
    check_scalar(tol, "tol", kind=numbers.Real, min_val=0, include_min=False)
    x = _as_float_array(x, "x")
    numeric = numerical_gradient(f, x, eps=eps)
    # grad gets its own copy: a grad that modified its input must not change x.
    analytic = np.asarray(grad(x.copy()))
    if analytic.shape != x.shape:
        raise ValueError(f"grad(x) must have the shape of x, {x.shape}; got {analytic.shape}.")
    rel_error = relative_error(analytic, numeric)
    return rel_error, bool(rel_error < tol)
