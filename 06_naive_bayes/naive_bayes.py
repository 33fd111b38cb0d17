r"""Naive Bayes from scratch: Gaussian, multinomial and Bernoulli, and a bag of words.

Every classifier scores a sample :math:`\mathbf x` by the joint log-likelihood
:math:`\log\pi_k + \sum_j \log p(x_j \mid k)` of each class :math:`k` (prior
:math:`\pi_k`, features independent given the class) and normalises it with
log-sum-exp, so nothing is ever multiplied out: 10,000 features do not underflow.
The classes follow scikit-learn's names, hyperparameters and fitted attributes.
``CountVectorizer`` turns raw text into the word counts the discrete models need.
"""
import numbers
import re

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin, TransformerMixin
from utils.validation import (check_array, check_classification_targets, check_is_fitted,
                              check_n_features, check_scalar, check_X_y)


def logsumexp(a, axis=-1):
    r"""Return :math:`\log\sum_k e^{a_k}` along ``axis``, without overflow or underflow.

    Uses :math:`\log\sum_k e^{a_k} = m + \log\sum_k e^{a_k - m}` with :math:`m = \max_k a_k`,
    so the largest term is :math:`e^0 = 1`. A slice that is all :math:`-\infty` (every
    term zero) gives :math:`-\infty`.
    """
    a = np.asarray(a, dtype=np.float64)
    ### BEGIN SOLUTION
    m = a.max(axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)  # an all -inf slice: exp(-inf - 0) = 0, no NaN
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer for that slice
        out = np.log(np.exp(a - m).sum(axis=axis, keepdims=True)) + m
    ### END SOLUTION
    return np.squeeze(out, axis=axis)


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")


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

    ``einsum`` runs one compiled loop; a BLAS product with a tiny ``K`` gains nothing and,
    multithreaded on a busy machine, can be many times slower.
    """
    return np.einsum("nk,nd->kd", Y, X)


def _safe_dot(X, log_p):
    r""":math:`X \log P^\top` with :math:`0 \cdot \log 0 = 0` (a feature that is absent
    costs nothing) and :math:`c \cdot \log 0 = -\infty` for :math:`c > 0`."""
    finite = np.isfinite(log_p)
    if finite.all():
        return X @ log_p.T
    out = X @ np.where(finite, log_p, 0.0).T
    out[(X > 0) @ (~finite).T > 0] = -np.inf
    return out


class _BaseNB(ClassifierMixin, BaseEstimator):
    """``predict*`` from the joint log-likelihood :math:`\\log\\pi_k + \\log p(\\mathbf x\\mid k)`."""

    def _check_X(self, X):
        check_is_fitted(self, "classes_")
        X = check_array(X)
        check_n_features(self, X)
        return X

    def predict_joint_log_proba(self, X):
        r"""Return :math:`\log \pi_k + \log p(\mathbf x_i \mid k)`, shape (n_samples, n_classes)."""
        return self._joint_log_likelihood(self._check_X(X))

    def predict_log_proba(self, X):
        r"""Return :math:`\log P(k \mid \mathbf x_i)`, normalised by log-sum-exp.

        A sample that has zero likelihood under every class (possible only with ``alpha=0``
        or zero priors) gets NaN: its posterior is 0/0.
        """
        jll = self.predict_joint_log_proba(X)
        ### BEGIN SOLUTION
        log_evidence = logsumexp(jll, axis=1)[:, None]  # log p(x) = log sum_k p(x, k)
        ### END SOLUTION
        out = np.full_like(jll, np.nan)
        ok = np.isfinite(log_evidence[:, 0])
        out[ok] = jll[ok] - log_evidence[ok]
        return out

    def predict_proba(self, X):
        """Return :math:`P(k \\mid \\mathbf x_i)`; rows sum to 1, columns follow ``classes_``."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """Return the class of largest posterior (ties and all-impossible rows: the first)."""
        jll = self.predict_joint_log_proba(X)
        return self.classes_[np.argmax(jll, axis=1)]

    def _fit_classes(self, X, y):
        X, y = check_X_y(X, y)
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
    :math:`\varepsilon = \texttt{var\_smoothing}\cdot\max_j \mathrm{Var}(x_j)` to every
    variance (the variance over all samples), as scikit-learn does. The score is
    :math:`\log\pi_k - \frac12\sum_j\big[\log(2\pi\sigma^2_{kj}) + (x_j-\mu_{kj})^2/\sigma^2_{kj}\big]`.

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
        Y = _one_hot(y_enc, n_classes)
        ### BEGIN SOLUTION
        self.class_count_ = Y.sum(axis=0)
        self.theta_ = _class_sums(Y, X) / self.class_count_[:, None]
        # two passes (centre, then square) keep the variance accurate
        centred = X - self.theta_[y_enc]
        centred *= centred
        self.var_ = _class_sums(Y, centred) / self.class_count_[:, None]
        self.epsilon_ = self.var_smoothing * float(X.var(axis=0).max())
        self.var_ += self.epsilon_
        ### END SOLUTION
        if (self.var_ == 0).any():
            raise ValueError("A feature has zero variance within a class and var_smoothing "
                             "adds nothing (all features constant, or var_smoothing=0); the "
                             "Gaussian density is undefined. Use var_smoothing > 0 or drop "
                             "constant features.")
        self.class_prior_ = self.class_count_ / self.class_count_.sum() if prior is None else prior
        return self

    def _joint_log_likelihood(self, X):
        jll = np.empty((X.shape[0], len(self.classes_)))
        log_norm = -0.5 * np.log(2 * np.pi * self.var_).sum(axis=1)
        # a loop over classes, not samples: each step is one (n, d) array and a product
        ### BEGIN SOLUTION
        for k in range(len(self.classes_)):
            sq = X - self.theta_[k]
            sq *= sq  # in place: one (n, d) temporary per class
            jll[:, k] = log_norm[k] - 0.5 * (sq @ (1.0 / self.var_[k]))
        return jll + _log(self.class_prior_)
        ### END SOLUTION


class _BaseDiscreteNB(_BaseNB):
    """Counting, smoothing and priors shared by the multinomial and Bernoulli models."""

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
        _check_bool(self.fit_prior, "fit_prior")
        n_classes = len(self.classes_)
        X = self._transform_X(X)
        Y = _one_hot(y_enc, n_classes)
        self.feature_count_ = _class_sums(Y, X)
        self.class_count_ = Y.sum(axis=0)
        if self.class_prior is not None:
            self.class_log_prior_ = _log(_check_prior(self.class_prior, n_classes,
                                                      "class_prior"))
        elif self.fit_prior:
            ### BEGIN SOLUTION
            self.class_log_prior_ = np.log(self.class_count_) - np.log(self.class_count_.sum())
            ### END SOLUTION
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
    :math:`\log\pi_k + \sum_j x_j\log\theta_{kj}` (the multinomial coefficient is the same
    for every class and cancels).

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
        if (X < 0).any():
            raise ValueError("Negative values in X: MultinomialNB needs non-negative counts "
                             "(word counts, frequencies). For real-valued features use "
                             "GaussianNB.")
        return X

    def _smooth(self):
        ### BEGIN SOLUTION
        smoothed = self.feature_count_ + self.alpha
        totals = smoothed.sum(axis=1, keepdims=True)
        ### END SOLUTION
        if (totals == 0).any():
            raise ValueError("With alpha=0, a class whose samples are all zero has undefined "
                             "feature probabilities (0/0); use alpha > 0.")
        self.feature_log_prob_ = _log(smoothed) - np.log(totals)

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
        return (X > self.binarize).astype(np.float64)

    def _smooth(self):
        ### BEGIN SOLUTION
        denom = np.log(self.class_count_ + 2 * self.alpha)[:, None]
        self.feature_log_prob_ = _log(self.feature_count_ + self.alpha) - denom
        # log(1 - theta) from the counts directly: exact, no log(1 - exp(.)) round trip
        self._neg_log_prob = _log(self.class_count_[:, None] - self.feature_count_
                                  + self.alpha) - denom
        ### END SOLUTION

    def _joint_log_likelihood(self, X):
        flp, neg = self.feature_log_prob_, self._neg_log_prob
        if np.isfinite(flp).all() and np.isfinite(neg).all():
            ### BEGIN SOLUTION
            # sum_j x_j log(theta) + (1 - x_j) log(1 - theta), as one product
            return X @ (flp - neg).T + neg.sum(axis=1) + self.class_log_prior_
            ### END SOLUTION
        return _safe_dot(X, flp) + _safe_dot(1.0 - X, neg) + self.class_log_prior_


class CountVectorizer(TransformerMixin, BaseEstimator):
    r"""Turn text documents into a matrix of word counts (a bag of words).

    Each document is lowercased (optionally) and split into the tokens that
    ``token_pattern`` matches (by default runs of two or more letters, digits or
    underscores, as scikit-learn). The vocabulary is every token seen in at least
    ``min_df`` training documents, sorted, so column ``j`` counts word
    ``get_feature_names_out()[j]``. Words not in the vocabulary are ignored by
    ``transform``.

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

    def _tokenize(self, raw_documents):
        if isinstance(raw_documents, (str, bytes)):
            raise ValueError("CountVectorizer expects an iterable of strings, one per "
                             "document, got a single string; wrap it in a list.")
        docs = list(raw_documents)
        if not docs:
            raise ValueError("raw_documents is empty; at least 1 document required.")
        if not all(isinstance(doc, str) for doc in docs):
            raise ValueError("every document must be a str")
        pattern = re.compile(self.token_pattern)
        # regular expressions work one string at a time: this is the only per-document loop
        tokens = [pattern.findall(doc.lower() if self.lowercase else doc) for doc in docs]
        doc_ids = np.repeat(np.arange(len(docs)), [len(t) for t in tokens])
        flat = np.array([word for t in tokens for word in t], dtype=str)
        return len(docs), doc_ids, flat

    @staticmethod
    def _count(n_docs, doc_ids, columns, n_words):
        ### BEGIN SOLUTION
        flat_index = doc_ids * n_words + columns
        return np.bincount(flat_index, minlength=n_docs * n_words).reshape(n_docs, n_words)
        ### END SOLUTION

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary of ``raw_documents`` (an iterable of str)."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and return the (n_documents, n_words) count matrix."""
        _check_bool(self.lowercase, "lowercase")
        _check_bool(self.binary, "binary")
        if isinstance(self.min_df, numbers.Integral):
            check_scalar(self.min_df, "min_df", min_val=1)
        else:
            check_scalar(self.min_df, "min_df", min_val=0, max_val=1, include_min=False)
        n_docs, doc_ids, flat = self._tokenize(raw_documents)
        if flat.size == 0:
            raise ValueError("empty vocabulary: no document contains a token that matches "
                             f"token_pattern={self.token_pattern!r}")
        words, columns = np.unique(flat, return_inverse=True)
        counts = self._count(n_docs, doc_ids, columns, len(words))
        min_count = self.min_df if isinstance(self.min_df, numbers.Integral) else \
            self.min_df * n_docs
        keep = (counts > 0).sum(axis=0) >= min_count
        if not keep.any():
            raise ValueError(f"no word is in at least min_df={self.min_df} documents; "
                             "lower min_df.")
        self._words = words[keep]
        self.vocabulary_ = {str(w): j for j, w in enumerate(self._words)}
        counts = counts[:, keep]
        return np.minimum(counts, 1) if self.binary else counts

    def transform(self, raw_documents):
        """Count the vocabulary's words in ``raw_documents``; unknown words are ignored."""
        check_is_fitted(self, "vocabulary_")
        n_docs, doc_ids, flat = self._tokenize(raw_documents)
        n_words = len(self._words)
        columns = np.searchsorted(self._words, flat)  # vocabulary is sorted
        known = columns < n_words
        known[known] = self._words[columns[known]] == flat[known]
        counts = self._count(n_docs, doc_ids[known], columns[known], n_words)
        return np.minimum(counts, 1) if self.binary else counts

    def get_feature_names_out(self):
        """The vocabulary in column order, as an array of str (dtype object)."""
        check_is_fitted(self, "vocabulary_")
        return self._words.astype(object)
