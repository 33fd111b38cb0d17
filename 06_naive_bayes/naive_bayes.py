r"""Naive Bayes from scratch: Gaussian, multinomial and Bernoulli, and a bag of words.

Every classifier scores a sample :math:`\mathbf x` by the joint log-likelihood
:math:`s_k(\mathbf x) = \log\pi_k + \sum_j \log p(x_j \mid k)` of each class :math:`k`
(prior :math:`\pi_k`, features independent given the class), equation (3) of the notebook,
and normalises it with log-sum-exp (17)-(18), so nothing is ever multiplied out: 10,000
features do not underflow. The classes follow scikit-learn's names, hyperparameters and
fitted attributes. ``CountVectorizer`` turns raw text into the word counts the discrete
models need, as a SciPy CSR sparse matrix (``scipy.sparse`` is the course's one exception
to "NumPy only": a container for counts and its matrix products, nothing else).
"""
import numbers
import re
from array import array

import numpy as np
import scipy.sparse as sp

from utils.base import BaseEstimator, ClassifierMixin, TransformerMixin
from utils.validation import (check_bool, check_classification_targets, check_is_fitted,
                              check_predict_input, check_scalar, check_X_y)

# Variances outside [_TINY, _HUGE] cannot be inverted or squared in float64 without
# overflow; features whose squares would leave float64's range are rejected in fit.
_TINY = 1.0 / np.finfo(np.float64).max
_MAX_ABS_X = 1e150


# --- the exercise gaps: the algorithm, one function each ------------------------------------

def logsumexp(a, axis=-1):
    r"""Return :math:`\log\sum_k e^{a_k}` along ``axis``, without overflow or underflow (17).

    Uses :math:`\log\sum_k e^{a_k} = M + \log\sum_k e^{a_k - M}` with :math:`M = \max_k a_k`,
    so the largest term is :math:`e^0 = 1`. A slice that is all :math:`-\infty` (every
    term zero) gives :math:`-\infty`. The result has ``a``'s shape without ``axis``.
    """
    ### BEGIN SOLUTION (gap 01)
    a = np.asarray(a, dtype=np.float64)
    M = a.max(axis=axis, keepdims=True)
    M = np.where(np.isfinite(M), M, 0.0)  # an all -inf slice: exp(-inf - 0) = 0, no NaN
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer for that slice
        out = np.log(np.exp(a - M).sum(axis=axis, keepdims=True)) + M
    return np.squeeze(out, axis=axis)
    ### END SOLUTION (gap 01)


def log_posterior(jll):
    r"""Normalise joint log-likelihoods into log-posteriors, equation (18).

    ``jll`` has shape (n_samples, n_classes) with entries :math:`s_k(\mathbf x_i)`; the
    result is :math:`s_k - \log\sum_l e^{s_l}`, so each row's exponentials sum to 1. A row
    that is :math:`-\infty` everywhere (zero likelihood under every class, possible only
    with ``alpha=0`` or zero priors) has the undefined posterior 0/0: it becomes NaN.
    """
    ### BEGIN SOLUTION (gap 02)
    log_evidence = logsumexp(jll, axis=1)  # log p(x) = log sum_k p(x, k)
    out = np.full_like(jll, np.nan, dtype=np.float64)
    ok = np.isfinite(log_evidence)
    out[ok] = jll[ok] - log_evidence[ok, None]
    return out
    ### END SOLUTION (gap 02)


def gaussian_parameters(X, Y):
    r"""Maximum-likelihood class counts, means (9) and biased variances (10).

    ``X`` is dense, shape (n, d); ``Y`` is the one-hot label matrix, shape (n, K).
    Returns ``(n_k, mu, var)`` of shapes (K,), (K, d), (K, d): :math:`n_k`,
    :math:`\mu_{kj} = \frac1{n_k}\sum_{i:y_i=k}x_{ij}` and
    :math:`\sigma^2_{kj} = \frac1{n_k}\sum_{i:y_i=k}(x_{ij}-\mu_{kj})^2`, without the floor.
    The variance is computed in two passes (the deviations from the class means, then their
    squares), which stays accurate for data far from the origin.
    """
    ### BEGIN SOLUTION (gap 03)
    n_k = Y.sum(axis=0)
    mu = _class_sums(Y, X) / n_k[:, None]
    # two passes (centre, then square) keep the variance accurate
    centred = X - mu[Y.argmax(axis=1)]
    centred *= centred
    return n_k, mu, _class_sums(Y, centred) / n_k[:, None]
    ### END SOLUTION (gap 03)


def gaussian_joint_log_likelihood(X, mu, var, log_prior):
    r"""Scores (3) with the normal density (5): shape (n_samples, n_classes).

    :math:`s_k(\mathbf x) = \log\pi_k - \frac12\sum_j\big[\log(2\pi\sigma^2_{kj})
    + (x_j-\mu_{kj})^2/\sigma^2_{kj}\big]`, for ``X`` (n, d), ``mu`` and ``var`` (K, d) and
    ``log_prior`` (K,). Loop over classes, never over samples.
    """
    ### BEGIN SOLUTION (gap 04)
    jll = np.empty((X.shape[0], len(mu)))
    log_norm = -0.5 * np.log(2 * np.pi * var).sum(axis=1)
    for k in range(len(mu)):
        sq = X - mu[k]
        sq *= sq  # in place: one (n, d) temporary per class
        jll[:, k] = log_norm[k] - 0.5 * (sq @ (1.0 / var[k]))
    return jll + log_prior
    ### END SOLUTION (gap 04)


def multinomial_log_theta(feature_count, alpha):
    r"""Smoothed word log-probabilities (15): :math:`\log\frac{N_{kj}+\alpha}{N_k+d\alpha}`.

    ``feature_count`` is :math:`N`, shape (K, d). Returns an array of shape (K, d); with
    ``alpha=0`` a word never seen in class :math:`k` gets :math:`-\infty`. (A class whose
    total is 0 is rejected by the caller before this is called.)
    """
    ### BEGIN SOLUTION (gap 05)
    smoothed = feature_count + alpha
    return _log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
    ### END SOLUTION (gap 05)


def bernoulli_log_theta(feature_count, class_count, alpha):
    r"""Smoothed presence log-probabilities (16) and their complements.

    ``feature_count`` is :math:`n_{kj}` (K, d) and ``class_count`` :math:`n_k` (K,).
    Returns ``(log_theta, log_one_minus_theta)``, both (K, d), with
    :math:`\theta_{kj} = (n_{kj}+\alpha)/(n_k+2\alpha)`; :math:`\log(1-\theta_{kj})` is
    computed from the counts, :math:`(n_k - n_{kj} + \alpha)/(n_k + 2\alpha)`, exactly.
    """
    ### BEGIN SOLUTION (gap 06)
    denom = np.log(class_count + 2 * alpha)[:, None]
    log_theta = _log(feature_count + alpha) - denom
    log_one_minus = _log(class_count[:, None] - feature_count + alpha) - denom
    return log_theta, log_one_minus
    ### END SOLUTION (gap 06)


def count_tokens(doc_ids, columns, n_docs, n_words):
    r"""The bag of words: a CSR matrix of shape (n_docs, n_words), dtype int64.

    Token :math:`t` lies in document ``doc_ids[t]`` and is word ``columns[t]``; entry
    :math:`(i, j)` counts the tokens of document :math:`i` that are word :math:`j`. Only the
    non-zero counts are stored (``indptr``, ``indices``, ``data``), never the
    :math:`n_{\text{docs}}\times n_{\text{words}}` grid, and the columns of each row are
    sorted. Vectorised: no loop over documents or tokens.
    """
    ### BEGIN SOLUTION (gap 07)
    doc_ids = np.asarray(doc_ids, dtype=np.int64)
    key = doc_ids * n_words + np.asarray(columns, dtype=np.int64)  # one int per (i, j)
    key, counts = np.unique(key, return_counts=True)                # sorted by i, then j
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_words, minlength=n_docs), out=indptr[1:])
    return sp.csr_matrix((counts.astype(np.int64), key % n_words, indptr),
                         shape=(n_docs, n_words))
    ### END SOLUTION (gap 07)


# --- plumbing ------------------------------------------------------------------------------

def _check_prior(prior, n_classes, name):
    """Validate user-given class probabilities: one per class, >= 0, summing to 1."""
    prior = np.asarray(prior, dtype=np.float64)
    if prior.ndim != 1 or len(prior) != n_classes:
        raise ValueError(f"{name} must have one probability per class ({n_classes}), "
                         f"got shape {prior.shape}.")
    if not np.isfinite(prior).all() or (prior < 0).any():
        raise ValueError(f"{name} must be finite and non-negative, got {prior.tolist()}")
    if not np.isclose(prior.sum(), 1.0):
        raise ValueError(f"{name} must sum to 1, got a sum of {prior.sum():.6g}")
    return prior


def _log(p):
    """Natural log where log(0) = -inf on purpose (a zero prior or an unsmoothed count)."""
    with np.errstate(divide="ignore"):
        return np.log(p)


def _one_hot(y_enc, n_classes):
    return (y_enc[:, None] == np.arange(n_classes)).astype(np.float64)


def _class_sums(Y, X):
    r"""Per-class column sums :math:`Y^\top X` for a one-hot ``Y`` of shape (n, K).

    Dense ``X``: ``einsum`` runs one compiled loop (a BLAS product with a tiny ``K`` gains
    nothing and, multithreaded on a busy machine, can be many times slower). Sparse ``X``:
    one sparse product, :math:`(X^\top Y)^\top`, touching only the non-zeros.
    """
    if sp.issparse(X):
        return np.asarray((X.T @ Y).T)
    return np.einsum("nk,nd->kd", Y, X)


def _safe_dot(X, log_p):
    r""":math:`X \log P^\top` with :math:`0 \cdot \log 0 = 0` (a feature that is absent
    costs nothing) and :math:`c \cdot \log 0 = -\infty` for :math:`c > 0`."""
    finite = np.isfinite(log_p)
    if finite.all():
        return np.asarray(X @ log_p.T)
    out = np.asarray(X @ np.where(finite, log_p, 0.0).T)
    present = (X > 0).astype(np.float64) if sp.issparse(X) else (X > 0)
    out[np.asarray(present @ (~finite).T.astype(np.float64)) > 0] = -np.inf
    return out


class _BaseNB(ClassifierMixin, BaseEstimator):
    """``predict*`` from the joint log-likelihood :math:`\\log\\pi_k + \\log p(\\mathbf x\\mid k)`."""

    _accept_sparse = False

    def _check_X(self, X):
        return check_predict_input(self, X, "classes_", accept_sparse=self._accept_sparse)

    def predict_joint_log_proba(self, X):
        r"""Return :math:`s_k(\mathbf x_i) = \log \pi_k + \log p(\mathbf x_i \mid k)` (3).

        Shape (n_samples, n_classes); for the multinomial model, up to a constant.
        """
        return self._joint_log_likelihood(self._check_X(X))

    def predict_log_proba(self, X):
        r"""Return :math:`\log P(k \mid \mathbf x_i)`, normalised by log-sum-exp (18).

        A sample that has zero likelihood under every class (possible only with ``alpha=0``
        or zero priors) gets NaN: its posterior is 0/0.
        """
        return log_posterior(self.predict_joint_log_proba(X))

    def predict_proba(self, X):
        """Return :math:`P(k \\mid \\mathbf x_i)`; rows sum to 1, columns follow ``classes_``."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """Return the class of largest posterior (ties and all-impossible rows: the first)."""
        jll = self.predict_joint_log_proba(X)
        return self.classes_[np.argmax(jll, axis=1)]

    def _fit_classes(self, X, y):
        X, y = check_X_y(X, y, accept_sparse=self._accept_sparse, estimator=self)
        self.classes_, y_enc = check_classification_targets(y)
        self.n_features_in_ = X.shape[1]
        return X, y_enc


class GaussianNB(_BaseNB):
    r"""Gaussian naive Bayes: each feature is normal within each class.

    Maximises the likelihood
    :math:`\sum_i \big[\log\pi_{y_i} + \sum_j \log\mathcal N(x_{ij}\mid\mu_{y_i j},
    \sigma^2_{y_i j})\big]`, whose maximiser is :math:`\pi_k = n_k/n`,
    :math:`\mu_{kj}` the class mean and :math:`\sigma^2_{kj} = \frac1{n_k}\sum_{i:y_i=k}
    (x_{ij}-\mu_{kj})^2` (the biased variance), then adds
    :math:`\epsilon_v = \texttt{var\_smoothing}\cdot\max_j \mathrm{Var}(x_j)` to every
    variance (the variance over all samples), as scikit-learn does. The score is
    :math:`\log\pi_k - \frac12\sum_j\big[\log(2\pi\sigma^2_{kj}) + (x_j-\mu_{kj})^2/\sigma^2_{kj}\big]`.

    Dense input only: a sparse ``X`` is rejected with a message (a mean-centred sparse
    matrix is dense anyway). Features whose variances cannot be stored in float64
    (magnitudes around 1e-160 and below, or above 1e150) are rejected with a message that
    says to rescale them; scikit-learn returns NaN probabilities or warns there.

    Parameters
    ----------
    priors : array-like of shape (n_classes,) or None, default None
        Class probabilities (in the order of ``classes_``); None estimates them.
    var_smoothing : float >= 0, default 1e-9
        The variance floor as a fraction of the largest feature variance.

    Attributes
    ----------
    classes_, class_count_, class_prior_ : ndarray of shape (n_classes,)
    theta_, var_ : ndarray of shape (n_classes, n_features)
        Per-class means and (smoothed) variances.
    epsilon_ : float
    n_features_in_ : int
    """

    def __init__(self, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Estimate priors, means and variances from ``X`` (n_samples, n_features) and ``y``."""
        X, y_enc = self._fit_classes(X, y)
        check_scalar(self.var_smoothing, "var_smoothing", min_val=0)
        n_classes = len(self.classes_)
        prior = None if self.priors is None else _check_prior(self.priors, n_classes, "priors")
        big = np.abs(X).max()
        if big > _MAX_ABS_X:
            raise ValueError(self._scale_message(f"as large as {big:.1e}", "overflow"))
        Y = _one_hot(y_enc, n_classes)
        self.class_count_, self.theta_, self.var_ = gaussian_parameters(X, Y)
        self.epsilon_ = self.var_smoothing * float(X.var(axis=0).max())
        self.var_ += self.epsilon_
        tiny = self.var_ < _TINY
        if tiny.any():
            # constant within its class, or varying at a scale whose square underflows?
            k, j = np.nonzero(tiny)
            varies = [np.ptp(X[y_enc == k_, j_]) > 0 for k_, j_ in zip(k, j)]
            if any(varies):
                spread = max(np.abs(X[:, j_]).max() for j_ in j)
                raise ValueError(self._scale_message(f"of magnitude {spread:.1e}",
                                                     "underflow"))
            raise ValueError("A feature has zero variance within a class and var_smoothing "
                             "adds nothing (all features constant, or var_smoothing=0); the "
                             "Gaussian density is undefined. Use var_smoothing > 0 or drop "
                             "constant features.")
        self.class_prior_ = self.class_count_ / self.class_count_.sum() if prior is None else prior
        return self

    @staticmethod
    def _scale_message(what, how):
        return (f"GaussianNB cannot represent the variances of X in float64: it has values "
                f"{what}, whose squares {how} (float64 spans about 1e-308 to 1e308). "
                "Rescale the features first, e.g. with utils.preprocessing.StandardScaler "
                "(Gaussian naive Bayes does not depend on the units, up to the variance "
                "floor).")

    def _joint_log_likelihood(self, X):
        return gaussian_joint_log_likelihood(X, self.theta_, self.var_,
                                             _log(self.class_prior_))


class _BaseDiscreteNB(_BaseNB):
    """Counting, smoothing and priors shared by the multinomial and Bernoulli models.

    Dense arrays and SciPy sparse matrices (any format; used as CSR) are both accepted:
    the counts are one sparse product, and no dense copy of ``X`` is ever made.
    """

    _accept_sparse = True

    def __init__(self, alpha=1.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _transform_X(self, X):
        return X

    def _check_X(self, X):
        return self._transform_X(super()._check_X(X))

    def fit(self, X, y):
        """Count the features of each class in ``X`` (n_samples, n_features) and smooth them."""
        X, y_enc = self._fit_classes(X, y)
        check_scalar(self.alpha, "alpha", min_val=0)
        check_bool(self.fit_prior, "fit_prior")
        n_classes = len(self.classes_)
        X = self._transform_X(X)
        Y = _one_hot(y_enc, n_classes)
        self.feature_count_ = _class_sums(Y, X)
        self.class_count_ = Y.sum(axis=0)
        if self.class_prior is not None:
            self.class_log_prior_ = _log(_check_prior(self.class_prior, n_classes,
                                                      "class_prior"))
        elif self.fit_prior:
            self.class_log_prior_ = np.log(self.class_count_) - np.log(self.class_count_.sum())
        else:
            self.class_log_prior_ = np.full(n_classes, -np.log(n_classes))
        self._smooth()
        return self


class MultinomialNB(_BaseDiscreteNB):
    r"""Multinomial naive Bayes for counts (words in a document).

    The class-conditional model is :math:`p(\mathbf x\mid k)\propto\prod_j \theta_{kj}^{x_j}`
    with :math:`\sum_j\theta_{kj} = 1`. The fit is the posterior mean under a symmetric
    Dirichlet(:math:`\alpha`) prior (additive smoothing):
    :math:`\theta_{kj} = (N_{kj}+\alpha)/(N_k + d\alpha)` with :math:`N_{kj} = \sum_{i:y_i=k}
    x_{ij}` and :math:`N_k = \sum_j N_{kj}`; ``alpha=0`` is maximum likelihood. The score is
    :math:`\log\pi_k + \sum_j x_j\log\theta_{kj}`, the joint log-likelihood up to the
    multinomial coefficient, which is the same for every class and cancels.

    ``X`` may be a dense array or a SciPy sparse matrix (the output of
    ``CountVectorizer``). Unlike scikit-learn there is no ``force_alpha``: ``alpha`` is
    always used as given, which is scikit-learn's default (``force_alpha=True``).

    Parameters
    ----------
    alpha : float >= 0, default 1.0
        Additive (Laplace for 1, Lidstone otherwise) smoothing. With 0, a word never seen
        in a class makes that class impossible (log-probability -inf).
    fit_prior : bool, default True
        Estimate :math:`\pi_k = n_k/n`; otherwise uniform priors.
    class_prior : array-like of shape (n_classes,) or None, default None
        Fixed priors (override ``fit_prior``).

    Attributes
    ----------
    classes_, class_count_, class_log_prior_ : ndarray of shape (n_classes,)
    feature_count_, feature_log_prob_ : ndarray of shape (n_classes, n_features)
        :math:`N_{kj}` and :math:`\log\theta_{kj}`.
    n_features_in_ : int
    """

    def _transform_X(self, X):
        values = X.data if sp.issparse(X) else X
        if (values < 0).any():
            raise ValueError("Negative values in X: MultinomialNB needs non-negative counts "
                             "(word counts, frequencies). For real-valued features use "
                             "GaussianNB.")
        return X

    def _smooth(self):
        if self.alpha == 0 and (self.feature_count_.sum(axis=1) == 0).any():
            raise ValueError("With alpha=0, a class whose samples are all zero has undefined "
                             "feature probabilities (0/0); use alpha > 0.")
        self.feature_log_prob_ = multinomial_log_theta(self.feature_count_, self.alpha)

    def _joint_log_likelihood(self, X):
        return _safe_dot(X, self.feature_log_prob_) + self.class_log_prior_


class BernoulliNB(_BaseDiscreteNB):
    r"""Bernoulli naive Bayes for binary features (a word is present or not).

    The class-conditional model is :math:`p(\mathbf x\mid k) = \prod_j\theta_{kj}^{x_j}
    (1-\theta_{kj})^{1-x_j}`, fitted as the posterior mean under Beta(:math:`\alpha,
    \alpha`) priors: :math:`\theta_{kj} = (n_{kj}+\alpha)/(n_k+2\alpha)`, where
    :math:`n_{kj}` counts the samples of class :math:`k` with :math:`x_j = 1`. Unlike
    the multinomial model, an absent feature is evidence too: it contributes
    :math:`\log(1-\theta_{kj})`.

    ``X`` may be a dense array or a SciPy sparse matrix; a sparse one needs
    ``binarize >= 0`` (a negative threshold would turn every stored zero into a 1), as in
    scikit-learn. No ``force_alpha`` (see ``MultinomialNB``).

    Parameters
    ----------
    alpha : float >= 0, default 1.0
        Additive smoothing.
    binarize : float or None, default 0.0
        Features are mapped to :math:`x_j > \texttt{binarize}`; None means ``X`` is
        already 0/1.
    fit_prior : bool, default True
    class_prior : array-like of shape (n_classes,) or None, default None

    Attributes
    ----------
    classes_, class_count_, class_log_prior_ : ndarray of shape (n_classes,)
    feature_count_, feature_log_prob_ : ndarray of shape (n_classes, n_features)
        :math:`n_{kj}` and :math:`\log\theta_{kj}`.
    n_features_in_ : int
    """

    def __init__(self, alpha=1.0, binarize=0.0, fit_prior=True, class_prior=None):
        super().__init__(alpha=alpha, fit_prior=fit_prior, class_prior=class_prior)
        self.binarize = binarize

    def _transform_X(self, X):
        if self.binarize is None:
            return X
        check_scalar(self.binarize, "binarize")
        if not sp.issparse(X):
            return (X > self.binarize).astype(np.float64)
        if self.binarize < 0:
            raise ValueError(f"binarize={self.binarize!r} < 0 would make every zero of a "
                             "sparse X a 1 (a dense matrix); use binarize >= 0 or pass a "
                             "dense array.")
        X = X.copy()
        X.data = (X.data > self.binarize).astype(np.float64)
        X.eliminate_zeros()
        return X

    def _smooth(self):
        self.feature_log_prob_, self._neg_log_prob = bernoulli_log_theta(
            self.feature_count_, self.class_count_, self.alpha)

    def _joint_log_likelihood(self, X):
        flp, neg = self.feature_log_prob_, self._neg_log_prob
        if np.isfinite(flp).all() and np.isfinite(neg).all():
            # (20): sum_j x_j log(theta) + (1 - x_j) log(1 - theta), as one product
            return np.asarray(X @ (flp - neg).T) + neg.sum(axis=1) + self.class_log_prior_
        if sp.issparse(X):  # alpha = 0 only: the 0 * log 0 bookkeeping needs 1 - X
            X = X.toarray()
        return _safe_dot(X, flp) + _safe_dot(1.0 - X, neg) + self.class_log_prior_


class CountVectorizer(TransformerMixin, BaseEstimator):
    r"""Turn text documents into a sparse matrix of word counts (a bag of words).

    Each document is lowercased (optionally) and split into the tokens that
    ``token_pattern`` matches (by default runs of two or more letters, digits or
    underscores, as scikit-learn). The vocabulary is every token seen in at least
    ``min_df`` training documents, sorted, so column ``j`` counts word
    ``get_feature_names_out()[j]``. Words not in the vocabulary are ignored by
    ``transform``. The result is a SciPy CSR matrix of int64, as scikit-learn's: only the
    non-zero counts are stored (a short message uses a handful of a vocabulary of
    thousands of words). Use ``.toarray()`` to see a small one.

    Only these four of scikit-learn's parameters exist (same names and defaults); there
    are no n-grams, stop words, ``max_df`` or ``max_features``.

    Parameters
    ----------
    lowercase : bool, default True
    token_pattern : str, default r"(?u)\b\w\w+\b"
    binary : bool, default False
        Record presence (1) instead of counts.
    min_df : int >= 1 or float in (0, 1], default 1
        Keep words found in at least this many documents (a float: this fraction).

    Attributes
    ----------
    vocabulary_ : dict
        Word to column index.
    """

    def __init__(self, lowercase=True, token_pattern=r"(?u)\b\w\w+\b", binary=False, min_df=1):
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self.binary = binary
        self.min_df = min_df

    def _tokenize(self, raw_documents, vocabulary=None):
        """Tokenise and number the words: (n_docs, doc_ids, word ids, words by id).

        With ``vocabulary=None`` every new word gets the next id (first-seen order);
        otherwise ids come from ``vocabulary`` and unknown words are dropped.
        """
        if isinstance(raw_documents, (str, bytes)):
            raise ValueError("CountVectorizer expects an iterable of strings, one per "
                             "document, got a single string; wrap it in a list.")
        docs = list(raw_documents)
        if not docs:
            raise ValueError("raw_documents is empty; at least 1 document required.")
        if not all(isinstance(doc, str) for doc in docs):
            raise ValueError("every document must be a str")
        findall = re.compile(self.token_pattern).findall
        words = {} if vocabulary is None else vocabulary
        add, get = words.setdefault, words.get
        ids, lengths = array("q"), array("q")
        # Regular expressions and dictionary look-ups work one string at a time: this is
        # the only loop (scikit-learn's is the same). Each word is kept once, in the
        # dictionary, and each token only as an int64, so memory stays near the output's.
        for doc in docs:
            tokens = findall(doc.lower() if self.lowercase else doc)
            if vocabulary is None:
                found = [add(w, len(words)) for w in tokens]
            else:
                found = [j for j in map(get, tokens) if j is not None]
            ids.extend(found)
            lengths.append(len(found))
        doc_ids = np.repeat(np.arange(len(docs)), np.frombuffer(lengths, dtype=np.int64))
        return len(docs), doc_ids, np.frombuffer(ids, dtype=np.int64), words

    def _finish(self, counts):
        if self.binary:
            counts.data = np.minimum(counts.data, 1)
        return counts

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary of ``raw_documents`` (an iterable of str)."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary; return the (n_documents, n_words) CSR count matrix."""
        check_bool(self.lowercase, "lowercase")
        check_bool(self.binary, "binary")
        if isinstance(self.min_df, numbers.Integral):
            check_scalar(self.min_df, "min_df", min_val=1)
        else:
            check_scalar(self.min_df, "min_df", min_val=0, max_val=1, include_min=False)
        n_docs, doc_ids, ids, seen = self._tokenize(raw_documents)
        if not seen:
            raise ValueError("empty vocabulary: no document contains a token that matches "
                             f"token_pattern={self.token_pattern!r}")
        # number the words in sorted order, as scikit-learn: rank[id] is the column
        words = np.array(list(seen), dtype=str)
        order = np.argsort(words)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        counts = count_tokens(doc_ids, rank[ids], n_docs, len(words))
        min_count = self.min_df if isinstance(self.min_df, numbers.Integral) else \
            self.min_df * n_docs
        keep = np.bincount(counts.indices, minlength=len(words)) >= min_count  # doc freq
        if not keep.any():
            raise ValueError(f"no word is in at least min_df={self.min_df} documents; "
                             "lower min_df.")
        self._words = words[order][keep]
        self.vocabulary_ = {str(w): j for j, w in enumerate(self._words)}
        if not keep.all():
            counts = counts[:, np.flatnonzero(keep)]
        return self._finish(counts)

    def transform(self, raw_documents):
        """Count the vocabulary's words in ``raw_documents`` (CSR); unknown words are ignored."""
        check_is_fitted(self, "vocabulary_")
        n_docs, doc_ids, ids, _ = self._tokenize(raw_documents, self.vocabulary_)
        return self._finish(count_tokens(doc_ids, ids, n_docs, len(self._words)))

    def get_feature_names_out(self):
        """The vocabulary in column order, as an array of str (dtype object)."""
        check_is_fitted(self, "vocabulary_")
        return self._words.astype(object)
