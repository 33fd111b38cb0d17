r"""Principal component analysis from scratch: the SVD route and the eigendecomposition route.

PCA finds orthonormal directions (the principal components) along which the centred data
vary most. For data :math:`X \in \mathbb{R}^{n \times d}` with column means
:math:`\bar{\mathbf x}` and centred :math:`X_c = X - \mathbf 1\bar{\mathbf x}^\top`, the
components are the leading eigenvectors of the sample covariance
:math:`C = X_c^\top X_c / (n - 1)`, equivalently the leading right singular vectors of
:math:`X_c`. ``PCA`` follows scikit-learn's class name, attributes and conventions, so one
import swaps it for ``sklearn.decomposition.PCA``.
"""
import numbers

import numpy as np

from utils.base import BaseEstimator, TransformerMixin
from utils.validation import check_array, check_bool, check_is_fitted, check_predict_input

SVD_SOLVERS = ("auto", "full", "covariance_eigh")
NOT_SUPPORTED = ("arpack", "randomized")


def pca_eig(Xc):
    r"""The components through the eigendecomposition of :math:`X_c^\top X_c = (n-1)C`.

    The eigenvectors of :math:`X_c^\top X_c` are those of :math:`C` (equations (4)-(6)), and
    its eigenvalues are :math:`s_j^2 = (n-1)\lambda_j` (10), so it returns what
    :func:`pca_svd` returns: :math:`s_j` = the square roots of the eigenvalues, sorted
    descending (``np.linalg.eigh`` returns them ascending), and the eigenvectors as rows.
    Forming :math:`X_c^\top X_c` squares the condition number (12): eigenvalues below about
    :math:`\varepsilon\, s_1^2` are lost in rounding, and the tiny negative ones that rounding
    can produce are clipped to 0 before the square root. Faster than :func:`pca_svd`, less
    accurate.

    Parameters
    ----------
    Xc : ndarray of shape (n, d)
        Centred data.

    Returns
    -------
    s : ndarray of shape (min(n, d),), descending, >= 0
    Vt : ndarray of shape (min(n, d), d), orthonormal rows (any signs): the eigenvectors of
        the min(n, d) largest eigenvalues
    """
    ### BEGIN SOLUTION (gap 01)
    r = min(Xc.shape)
    lam, V = np.linalg.eigh(Xc.T @ Xc)          # ascending eigenvalues
    lam, V = lam[::-1][:r], V[:, ::-1][:, :r]   # descending, keep min(n, d)
    return np.sqrt(np.maximum(lam, 0.0)), V.T
    ### END SOLUTION (gap 01)


def pca_svd(Xc):
    r"""Singular values and right singular vectors of the centred data ``Xc``.

    :math:`X_c = U S V^\top` gives :math:`C = V \frac{S^2}{n-1} V^\top`, equation (10): the
    rows of :math:`V^\top` are the components and :math:`s_j^2/(n-1)` their variances. For a
    tall matrix (:math:`n > d`) take :math:`X_c = QR` first (``np.linalg.qr(Xc, mode="r")``
    returns :math:`R` only; :math:`Q` is never formed) and then the SVD of the small
    :math:`d \times d` factor :math:`R`, which has the same singular values and right singular
    vectors, since :math:`Q` has orthonormal columns ("The SVD route" in the notebook).

    Parameters
    ----------
    Xc : ndarray of shape (n, d)
        Centred data.

    Returns
    -------
    s : ndarray of shape (min(n, d),), descending
    Vt : ndarray of shape (min(n, d), d), orthonormal rows (any signs)
    """
    ### BEGIN SOLUTION (gap 02)
    A = np.linalg.qr(Xc, mode="r") if Xc.shape[0] > Xc.shape[1] else Xc
    _, s, Vt = np.linalg.svd(A, full_matrices=False)
    return s, Vt
    ### END SOLUTION (gap 02)


def explained_variance(s, n_samples):
    r"""The variances of the components and their explained variance ratios, (10) and (13).

    :math:`\lambda_j = s_j^2/(n-1)` (10) and :math:`\rho_j = \lambda_j / \sum_{l=1}^r
    \lambda_l` (13). Data with zero variance (every :math:`s_j = 0`) get ratios of 0, not a
    division by zero.

    Parameters
    ----------
    s : ndarray of shape (r,)
        All :math:`r = \min(n, d)` singular values of :math:`X_c`, descending.
    n_samples : int >= 2
        :math:`n`.

    Returns
    -------
    variance : ndarray of shape (r,)
    ratio : ndarray of shape (r,), summing to 1 (or all zeros)
    """
    ### BEGIN SOLUTION (gap 03)
    variance = s**2 / (n_samples - 1)
    total = variance.sum()
    ratio = variance / total if total > 0 else np.zeros_like(variance)
    return variance, ratio
    ### END SOLUTION (gap 03)


def n_components_for_variance(ratio, fraction):
    r"""The smallest :math:`K` whose cumulative explained-variance ratio is *above* ``fraction``.

    :math:`K(f) = \min\{K : \sum_{j \le K} \rho_j > f\}`, equation (13), scikit-learn's rule
    (strictly greater: a cumulative ratio equal to :math:`f` is not enough), capped at
    ``len(ratio)`` in case rounding keeps the cumulative sum just below ``fraction``.

    Parameters
    ----------
    ratio : ndarray of shape (r,)
        Explained variance ratios :math:`\rho_j`, descending.
    fraction : float in (0, 1)
        :math:`f`.

    Returns
    -------
    int, between 1 and r
    """
    ### BEGIN SOLUTION (gap 04)
    k = int(np.searchsorted(np.cumsum(ratio), fraction, side="right")) + 1
    return min(k, len(ratio))
    ### END SOLUTION (gap 04)


def svd_flip_rows(Vt):
    r"""Flip the sign of each row of ``Vt`` so that its entry of largest absolute value is positive.

    An eigenvector (or singular vector) is only defined up to its sign: if
    :math:`C\mathbf v = \lambda\mathbf v` then also :math:`C(-\mathbf v) = \lambda(-\mathbf v)`.
    Fixing the sign of the largest entry makes the output deterministic and equal to
    scikit-learn's (``svd_flip(..., u_based_decision=False)``): the notebook's sign convention
    (the paragraph "The sign" after equation (15)). Ties in absolute value go to the first
    such entry (``argmax``); an all-zero row stays as it is.

    Parameters
    ----------
    Vt : ndarray of shape (r, d)
        Components as rows.

    Returns
    -------
    ndarray of shape (r, d)
        A new array (``Vt`` is not modified): each row times +1 or -1.
    """
    ### BEGIN SOLUTION (gap 05)
    rows = np.arange(Vt.shape[0])
    signs = np.sign(Vt[rows, np.argmax(np.abs(Vt), axis=1)])
    signs[signs == 0] = 1.0  # an all-zero row (impossible for unit vectors) stays as it is
    return Vt * signs[:, None]
    ### END SOLUTION (gap 05)


def project(X, mean, components):
    r"""The scores of the samples ``X``, equation (3): :math:`Z = (X - \mathbf 1\bar{\mathbf
    x}^\top) W`.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    mean : ndarray of shape (d,)
        :math:`\bar{\mathbf x}`, the mean of the *training* data.
    components : ndarray of shape (K, d)
        :math:`W^\top`: the components as orthonormal rows.

    Returns
    -------
    Z : ndarray of shape (n, K)
    """
    ### BEGIN SOLUTION (gap 06)
    return (X - mean) @ components.T
    ### END SOLUTION (gap 06)


def reconstruct(Z, mean, components):
    r"""Map scores back to feature space, equation (3): :math:`\hat X = \mathbf 1\bar{\mathbf
    x}^\top + Z W^\top`.

    Parameters
    ----------
    Z : ndarray of shape (n, K)
        Scores.
    mean : ndarray of shape (d,)
        :math:`\bar{\mathbf x}`.
    components : ndarray of shape (K, d)
        :math:`W^\top`: the components as orthonormal rows.

    Returns
    -------
    X_hat : ndarray of shape (n, d)
        The reconstruction from :math:`K` components, the orthogonal projection (7) of each
        centred sample onto their span, plus the mean.
    """
    ### BEGIN SOLUTION (gap 07)
    return Z @ components + mean
    ### END SOLUTION (gap 07)


class PCA(TransformerMixin, BaseEstimator):
    r"""Principal component analysis (linear dimensionality reduction).

    With the column means :math:`\bar{\mathbf x}` and :math:`X_c = X - \mathbf 1\bar{\mathbf
    x}^\top`, PCA finds the :math:`k` orthonormal directions :math:`W = [\mathbf w_1, \dots,
    \mathbf w_k] \in \mathbb{R}^{d \times k}` (:math:`W^\top W = I`) that maximise the
    variance of the projections, and equivalently minimise the squared reconstruction error:

    .. math::

        \max_{W^\top W = I} \operatorname{tr}(W^\top C W), \qquad
        C = \frac{1}{n-1} X_c^\top X_c, \qquad
        \min_{W^\top W = I} \sum_{i=1}^n \lVert \mathbf x_i - \bar{\mathbf x}
        - W W^\top (\mathbf x_i - \bar{\mathbf x}) \rVert^2 .

    The solution is the top-:math:`k` eigenvectors of :math:`C` (the covariance with the
    unbiased :math:`n - 1`, as scikit-learn), the optimal variance is
    :math:`\lambda_1 + \dots + \lambda_k` and the minimal error
    :math:`(n-1)(\lambda_{k+1} + \dots + \lambda_d)`. ``transform`` returns the scores
    :math:`Z = (X - \mathbf 1\bar{\mathbf x}^\top) W`, divided column-wise by
    :math:`\sqrt{\lambda_j}` when whitening.

    Parameters
    ----------
    n_components : int >= 1, float in (0, 1) or None, default None
        An int keeps that many components (at most :math:`\min(n, d)`). A float keeps the
        smallest number whose cumulative explained-variance ratio is strictly greater than
        it. None keeps :math:`\min(n, d)`.
    whiten : bool, default False
        Divide each score by its standard deviation :math:`\sqrt{\lambda_j}`, so the
        transformed training data have identity covariance. A standard deviation below
        machine epsilon is replaced by epsilon (no division by zero), as in scikit-learn.
    svd_solver : {"auto", "full", "covariance_eigh"}, default "auto"
        scikit-learn's parameter, with the values the chapter derives.
        ``"full"``: the singular value decomposition of :math:`X_c` (accurate; see Notes).
        ``"covariance_eigh"``: the eigendecomposition of :math:`X_c^\top X_c` (faster for
        :math:`n \gg d`, but it squares the condition number: variances below about
        :math:`10^{-16}\lambda_1` are lost). ``"auto"``: scikit-learn's rule,
        ``"covariance_eigh"`` when :math:`d \le 1000` and :math:`n \ge 10d`, ``"full"``
        otherwise (where scikit-learn would pick its randomised SVD for a large matrix
        and an int ``n_components``, we stay with ``"full"``). scikit-learn's iterative
        ``"arpack"`` and ``"randomized"`` are not implemented (and rejected), so the
        parameters that only they use (``tol``, ``iterated_power``, ``n_oversamples``,
        ``power_iteration_normalizer``, ``random_state``) do not exist here.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        The principal axes :math:`\mathbf w_j^\top` as orthonormal rows, by decreasing variance.
    explained_variance_ : ndarray of shape (n_components_,)
        The variances :math:`\lambda_j = s_j^2 / (n - 1)` of the scores.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        :math:`\lambda_j / \sum_{l=1}^{\min(n,d)} \lambda_l` (the total includes the dropped
        components); all zeros if the data have zero variance.
    singular_values_ : ndarray of shape (n_components_,)
        The singular values :math:`s_j` of :math:`X_c`.
    mean_ : ndarray of shape (n_features,)
    n_components_ : int
    noise_variance_ : float
        The average variance of the dropped directions,
        :math:`\frac{1}{\min(n,d) - k}\sum_{j > k}\lambda_j` (0 if none is dropped): the
        maximum-likelihood noise variance of probabilistic PCA (Tipping and Bishop, 1999).
    n_features_in_, n_samples_ : int
    fit_svd_solver_ : str
        The solver used: ``"full"`` or ``"covariance_eigh"`` (what ``"auto"`` chose).

    Notes
    -----
    Sign convention: a component is only defined up to its sign. As scikit-learn does, each
    row of ``components_`` is flipped so that its entry of largest absolute value is
    positive (the first one on ties), so the output is deterministic and the two solvers
    agree. Components of equal (or zero) variance are only defined up to a rotation within
    their eigenspace; those are not comparable between solvers or libraries.

    Speed: for :math:`n > d` the ``"full"`` solver takes the triangular factor :math:`R` of a
    QR factorisation of :math:`X_c` and the SVD of :math:`R` (never forming the tall
    :math:`Q` or :math:`U`, which PCA does not need), where scikit-learn's ``"full"`` computes
    the thin SVD of :math:`X_c` itself; the results agree to rounding. ``make bench``
    measures both.

    Differences from ``sklearn.decomposition.PCA``: no ``"arpack"``, ``"randomized"`` or
    ``n_components="mle"``, no ``copy``; ``fit_svd_solver_`` is public (scikit-learn keeps
    it private); the extra ``n_samples_``.
    """

    def __init__(self, n_components=None, whiten=False, svd_solver="auto"):
        self.n_components = n_components
        self.whiten = whiten
        self.svd_solver = svd_solver

    def _check_params(self, n_samples, n_features):
        if isinstance(self.svd_solver, str) and self.svd_solver in NOT_SUPPORTED:
            raise ValueError(f"svd_solver={self.svd_solver!r} (an iterative solver of "
                             "scikit-learn's) is not implemented in this course; use one of "
                             f"{SVD_SOLVERS}")
        if not isinstance(self.svd_solver, str) or self.svd_solver not in SVD_SOLVERS:
            raise ValueError(f"svd_solver must be one of {SVD_SOLVERS}, got "
                             f"{self.svd_solver!r}")
        check_bool(self.whiten, "whiten")
        k, limit = self.n_components, min(n_samples, n_features)
        if k is None:
            return limit
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Real):
            raise ValueError("n_components must be None, an int >= 1 or a float in (0, 1); "
                             f"got {k!r}")
        if isinstance(k, numbers.Integral):
            if k < 1:
                raise ValueError(f"n_components must be >= 1, got {k}")
            if k > limit:
                raise ValueError(
                    f"n_components={k} must be <= min(n_samples, n_features)={limit}: "
                    f"X has {n_samples} samples and {n_features} features, so there are at "
                    f"most {limit} principal components.")
            return int(k)
        if not 0 < k < 1:
            raise ValueError("a float n_components is a fraction of the variance and must be "
                             f"in (0, 1); got {k!r} (use an int for a number of components)")
        return float(k)

    def fit(self, X, y=None):
        """Learn the mean and the principal components of ``X`` (n_samples, n_features).

        ``y`` is ignored (it is there for pipelines). Needs at least 2 samples, since the
        variances divide by :math:`n - 1`.
        """
        X = check_array(X, min_samples=2)
        n, d = X.shape
        k = self._check_params(n, d)
        self.n_features_in_, self.n_samples_ = d, n
        solver = self.svd_solver
        if solver == "auto":  # scikit-learn's rule for tall, narrow data
            solver = "covariance_eigh" if d <= 1_000 and n >= 10 * d else "full"
        self.fit_svd_solver_ = solver
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        s, Vt = (pca_svd if solver == "full" else pca_eig)(Xc)
        Vt = svd_flip_rows(Vt)
        variance, ratio = explained_variance(s, n)
        if isinstance(k, float):
            k = n_components_for_variance(ratio, k)
        self.n_components_ = k
        self.components_ = Vt[:k].copy()
        self.explained_variance_ = variance[:k].copy()
        self.explained_variance_ratio_ = ratio[:k].copy()
        self.singular_values_ = s[:k].copy()
        self.noise_variance_ = float(variance[k:].mean()) if k < len(variance) else 0.0
        return self

    def _scale(self):
        # Whitening divides by the standard deviations; clip them at eps as scikit-learn
        # does, so a zero-variance component gives a finite (if huge) score, never inf/NaN.
        return np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)

    def transform(self, X):
        r"""Project ``X`` on the components: :math:`Z = (X - \mathbf 1\bar{\mathbf x}^\top)
        W`, shape (n_samples, n_components_); whitened scores if ``whiten``."""
        X = check_predict_input(self, X, "components_")
        Z = project(X, self.mean_, self.components_)
        return Z / self._scale() if self.whiten else Z

    def inverse_transform(self, Z):
        r"""Map scores back to feature space: :math:`\hat X = \mathbf 1\bar{\mathbf x}^\top +
        Z W^\top` (un-whitening first if ``whiten``).

        This is the reconstruction from :math:`k` components; with all :math:`\min(n, d)`
        components it returns the training data (up to rounding).
        """
        check_is_fitted(self, "components_")
        Z = check_array(Z, name="Z")
        if Z.shape[1] != self.n_components_:
            raise ValueError(f"Z has {Z.shape[1]} columns, but this PCA has "
                             f"{self.n_components_} components.")
        if self.whiten:
            Z = Z * self._scale()
        return reconstruct(Z, self.mean_, self.components_)
