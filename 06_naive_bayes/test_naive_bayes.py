"""Tests for naive_bayes.py: known answers, scikit-learn agreement, log space, bad input."""
import inspect

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import naive_bayes as sk
from sklearn.feature_extraction.text import CountVectorizer as SkCountVectorizer

import naive_bayes
from naive_bayes import (BernoulliNB, CountVectorizer, GaussianNB, MultinomialNB,
                         bernoulli_log_theta, count_tokens, gaussian_joint_log_likelihood,
                         gaussian_parameters, log_posterior, logsumexp,
                         multinomial_log_theta)
from utils.data import (load_breast_cancer, load_digits, load_iris, load_sms_spam,
                        make_messages)
from utils.gradcheck import numerical_gradient
from utils.testing import check_bad_input
from utils.validation import NotFittedError

SK = {GaussianNB: sk.GaussianNB, MultinomialNB: sk.MultinomialNB, BernoulliNB: sk.BernoulliNB}
PARAMS = {GaussianNB: ["class_count_", "class_prior_", "theta_", "var_", "epsilon_"],
          MultinomialNB: ["class_count_", "class_log_prior_", "feature_count_",
                          "feature_log_prob_"],
          BernoulliNB: ["class_count_", "class_log_prior_", "feature_count_",
                        "feature_log_prob_"]}


@pytest.fixture(scope="module")
def digits():
    return load_digits(return_X_y=True)


def counts(n=120, d=30, n_classes=3, seed=0):
    """Random count matrix whose word rates depend on the class."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, size=n)
    rates = rng.gamma(0.5, 2.0, size=(n_classes, d))
    return rng.poisson(rates[y]).astype(float), y


def assert_same_as_sklearn(ours, ref, X, atol=1e-8):
    np.testing.assert_array_equal(ours.classes_, ref.classes_)
    for name in PARAMS[type(ours)]:
        np.testing.assert_allclose(getattr(ours, name), getattr(ref, name), rtol=1e-10,
                                   atol=1e-12, err_msg=name)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=0, atol=atol)
    np.testing.assert_allclose(ours.predict_log_proba(X), ref.predict_log_proba(X),
                               rtol=1e-8, atol=atol)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


# --- known answers on tiny inputs ---------------------------------------------------------

def test_multinomial_known_answer():
    X = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0], [1.0, 0.0, 0.0]])
    y = np.array(["a", "b", "a"])
    m = MultinomialNB(alpha=1.0).fit(X, y)
    # class a: counts (3, 1, 0) + 1 = (4, 2, 1) over 7; class b: (0, 1, 3) + 1 = (1, 2, 4) / 7
    np.testing.assert_allclose(np.exp(m.feature_log_prob_), [[4 / 7, 2 / 7, 1 / 7],
                                                             [1 / 7, 2 / 7, 4 / 7]])
    np.testing.assert_allclose(np.exp(m.class_log_prior_), [2 / 3, 1 / 3])
    # x = (0, 0, 2): joint a = 2/3 (1/7)^2, joint b = 1/3 (4/7)^2 -> P(a) = 2 / (2 + 16)
    np.testing.assert_allclose(m.predict_proba([[0.0, 0.0, 2.0]]), [[1 / 9, 8 / 9]])
    assert m.predict([[0.0, 0.0, 2.0]])[0] == "b"


def test_bernoulli_known_answer():
    X = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    m = BernoulliNB(alpha=1.0).fit(X, y)
    # theta = (n_kj + 1) / (n_k + 2): class 0 (3/4, 2/4), class 1 (1/4, 2/4)
    np.testing.assert_allclose(np.exp(m.feature_log_prob_), [[0.75, 0.5], [0.25, 0.5]])
    # x = (0, 0): absent features count: class 0 (1/4)(1/2), class 1 (3/4)(1/2)
    np.testing.assert_allclose(m.predict_proba([[0.0, 0.0]]), [[0.25, 0.75]])


def test_gaussian_known_answer():
    X = np.array([[0.0], [2.0], [10.0], [14.0]])
    y = np.array([0, 0, 1, 1])
    m = GaussianNB(var_smoothing=0.0).fit(X, y)
    np.testing.assert_allclose(m.theta_, [[1.0], [12.0]])
    np.testing.assert_allclose(m.var_, [[1.0], [4.0]])  # biased: divide by n_k
    x = 3.0
    p0 = np.exp(-0.5 * (x - 1) ** 2) / np.sqrt(2 * np.pi)
    p1 = np.exp(-0.5 * (x - 12) ** 2 / 4) / np.sqrt(2 * np.pi * 4)
    np.testing.assert_allclose(m.predict_proba([[x]])[0], [p0 / (p0 + p1), p1 / (p0 + p1)])
    m = GaussianNB(var_smoothing=0.5).fit(X, y)
    assert m.epsilon_ == pytest.approx(0.5 * X.var())
    np.testing.assert_allclose(m.var_, np.array([[1.0], [4.0]]) + m.epsilon_)


def test_logsumexp():
    a = np.array([[1000.0, 1000.0], [-1000.0, -1001.0], [-np.inf, 0.0], [-np.inf, -np.inf]])
    expected = [1000 + np.log(2), -1000 + np.log1p(np.exp(-1)), 0.0, -np.inf]
    np.testing.assert_allclose(logsumexp(a, axis=1), expected)
    b = np.random.default_rng(0).normal(size=(4, 5, 3))  # moderate: the naive way is exact
    for axis in range(3):
        np.testing.assert_allclose(logsumexp(b, axis=axis), np.log(np.exp(b).sum(axis=axis)))


# --- maximum likelihood: the estimates are stationary points -------------------------------

def test_gaussian_estimates_maximise_the_likelihood():
    rng = np.random.default_rng(1)
    x = rng.normal(3.0, 2.0, size=50)
    X = np.r_[x, x + 10][:, None]  # a classifier needs two classes; we check class 0
    m = GaussianNB(var_smoothing=0.0).fit(X, np.r_[np.zeros(50), np.ones(50)])

    def loglik(params):
        mu, var = params
        return np.sum(-0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var))

    grad = numerical_gradient(loglik, np.array([m.theta_[0, 0], m.var_[0, 0]]))
    np.testing.assert_allclose(grad, 0.0, atol=1e-6)
    # and it is a maximum: any nearby point is worse
    for step in [(0.1, 0.0), (-0.1, 0.0), (0.0, 0.2), (0.0, -0.2)]:
        assert loglik(np.array([m.theta_[0, 0], m.var_[0, 0]]) + step) < loglik(
            np.array([m.theta_[0, 0], m.var_[0, 0]]))


def test_multinomial_estimates_stationary_for_the_lagrangian():
    rng = np.random.default_rng(3)
    X, y = rng.poisson(4.0, size=(60, 8)) + 1.0, np.arange(60) % 2  # every count positive
    m = MultinomialNB(alpha=0.0).fit(X, y)
    N = m.feature_count_[0]
    theta = np.exp(m.feature_log_prob_[0])
    # L(theta, lam) = sum_j N_j log theta_j - lam (sum_j theta_j - 1), lam = N_total
    lagrangian = lambda t: N @ np.log(t) - N.sum() * (t.sum() - 1)  # noqa: E731
    np.testing.assert_allclose(numerical_gradient(lagrangian, theta), 0.0, atol=1e-5)


# --- scikit-learn on shipped data and random counts ----------------------------------------

@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_gaussian_matches_sklearn_on_shipped_data(loader):
    X, y = loader(return_X_y=True)
    for kw in [{}, {"var_smoothing": 1e-3}, {"priors": np.full(len(np.unique(y)),
                                                               1 / len(np.unique(y)))}]:
        assert_same_as_sklearn(GaussianNB(**kw).fit(X, y), sk.GaussianNB(**kw).fit(X, y), X)


@pytest.mark.parametrize("Estimator", [MultinomialNB, BernoulliNB])
@pytest.mark.parametrize("kw", [{}, {"alpha": 0.01}, {"alpha": 2.5, "fit_prior": False}])
def test_discrete_match_sklearn_on_digits(digits, Estimator, kw):
    X, y = digits
    if Estimator is BernoulliNB:
        kw = dict(kw, binarize=4.0)
    assert_same_as_sklearn(Estimator(**kw).fit(X, y), SK[Estimator](**kw).fit(X, y), X)


@pytest.mark.parametrize("Estimator", [MultinomialNB, BernoulliNB])
@pytest.mark.parametrize("seed", [0, 1])
def test_discrete_match_sklearn_on_random_counts(Estimator, seed):
    X, y = counts(seed=seed)
    kw = {"class_prior": [0.2, 0.3, 0.5]} if seed else {}
    ours, ref = Estimator(**kw).fit(X, y), SK[Estimator](**kw).fit(X, y)
    X_new, _ = counts(n=40, seed=seed + 10)
    assert_same_as_sklearn(ours, ref, X_new)


def test_gaussian_matches_sklearn_on_random_data():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(200, 6)) * [1, 10, 100, 0.1, 1, 1]
    y = rng.integers(0, 4, size=200)
    assert_same_as_sklearn(GaussianNB().fit(X, y), sk.GaussianNB().fit(X, y),
                           rng.normal(size=(50, 6)))


def test_binarize_none_and_binary_data():
    X, y = counts(seed=2)
    B = (X > 0).astype(float)
    ours, ref = BernoulliNB(binarize=None).fit(B, y), sk.BernoulliNB(binarize=None).fit(B, y)
    assert_same_as_sklearn(ours, ref, B)
    np.testing.assert_allclose(BernoulliNB().fit(X, y).predict_proba(X), ours.predict_proba(B))


# --- log space: no underflow at 10,000 features --------------------------------------------

def test_no_underflow_with_10000_features():
    X, y = counts(n=60, d=10_000, n_classes=2, seed=4)
    for Estimator in [MultinomialNB, BernoulliNB]:
        model = Estimator().fit(X, y)
        theta = np.exp(model.feature_log_prob_)
        assert np.prod(theta[0] ** X[0]) == 0.0  # the product in probability space is lost
        assert_same_as_sklearn(model, SK[Estimator]().fit(X, y), X)
        log_p = model.predict_log_proba(X)
        assert np.isfinite(log_p).all()
        np.testing.assert_allclose(np.exp(log_p).sum(axis=1), 1.0)
    rng = np.random.default_rng(0)
    Xg = rng.normal(size=(60, 10_000)) + y[:, None] * 0.05
    model = GaussianNB().fit(Xg, y)
    assert np.isfinite(model.predict_log_proba(Xg)).all()
    assert_same_as_sklearn(model, sk.GaussianNB().fit(Xg, y), Xg)


# --- invariants ----------------------------------------------------------------------------

@pytest.mark.parametrize("Estimator", [GaussianNB, MultinomialNB, BernoulliNB])
def test_invariants(Estimator):
    X, y = counts(seed=6)
    labels = np.array(["ham", "spam", "eggs"])[y]
    model = Estimator().fit(X, labels)
    P = model.predict_proba(X)
    assert P.shape == (len(X), 3) and np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(np.exp(model.predict_log_proba(X)), P)
    np.testing.assert_array_equal(model.predict(X), model.classes_[P.argmax(axis=1)])
    assert model.score(X, labels) == np.mean(model.predict(X) == labels)
    # the order of the samples does not matter; refitting is deterministic
    perm = np.random.default_rng(0).permutation(len(X))
    again = Estimator().fit(X[perm], labels[perm])
    np.testing.assert_allclose(again.predict_proba(X), P, atol=1e-12)
    np.testing.assert_array_equal(Estimator().fit(X, labels).predict_proba(X), P)


def test_absent_words_cost_nothing_in_multinomial_but_count_in_bernoulli():
    X, y = counts(seed=7)
    x = (X[:3] > 0).astype(float)
    m, b = MultinomialNB().fit(X, y), BernoulliNB().fit(X, y)
    np.testing.assert_allclose(m.predict_joint_log_proba(np.zeros((1, X.shape[1])))[0],
                               m.class_log_prior_)
    theta = np.exp(b.feature_log_prob_)
    by_hand = np.log(np.prod(np.where(x[:, None, :] == 1, theta, 1 - theta), axis=2))
    np.testing.assert_allclose(b.predict_joint_log_proba(x), by_hand + b.class_log_prior_)


def test_alpha_zero_gives_impossible_classes_without_warnings():
    X = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    y = np.array([0, 1])
    m = MultinomialNB(alpha=0.0).fit(X, y)
    assert np.isneginf(m.feature_log_prob_).sum() == 2
    np.testing.assert_allclose(m.predict_proba([[1.0, 0.0, 5.0], [0.0, 2.0, 0.0]]),
                               [[1.0, 0.0], [0.0, 1.0]])
    both = m.predict_proba([[1.0, 1.0, 0.0]])  # impossible under every class: 0/0
    assert np.isnan(both).all()
    b = BernoulliNB(alpha=0.0).fit(X, y)
    np.testing.assert_allclose(b.predict_proba([[1.0, 0.0, 1.0]]), [[1.0, 0.0]])
    g = GaussianNB(priors=[1.0, 0.0]).fit(X, y)
    np.testing.assert_allclose(g.predict_proba(X), [[1.0, 0.0], [1.0, 0.0]])


# --- the bag of words ----------------------------------------------------------------------

def test_count_vectorizer_matches_sklearn():
    texts = make_messages(300, random_state=0)["text"]
    new = ["FREE prize!! claim NOW now", "see you at lunch", "zzz qqq", ""]
    for kw in [{}, {"binary": True}, {"lowercase": False}, {"min_df": 3}, {"min_df": 0.05},
               {"token_pattern": r"(?u)\b\w+\b"}]:
        ours, ref = CountVectorizer(**kw), SkCountVectorizer(**kw)
        X = ours.fit_transform(texts)
        assert sp.issparse(X) and X.format == "csr" and X.dtype == np.int64
        np.testing.assert_array_equal(X.toarray(), ref.fit_transform(texts).toarray())
        assert ours.vocabulary_ == ref.vocabulary_
        np.testing.assert_array_equal(ours.get_feature_names_out(),
                                      ref.get_feature_names_out())
        np.testing.assert_array_equal(ours.transform(new).toarray(),
                                      ref.transform(new).toarray())
        np.testing.assert_array_equal(ours.fit(texts).transform(texts).toarray(),
                                      X.toarray())


def test_count_vectorizer_matches_sklearn_on_the_sms_corpus():
    texts, _ = load_sms_spam(return_X_y=True)
    ours, ref = CountVectorizer(), SkCountVectorizer()
    X, R = ours.fit_transform(texts[:4000]), ref.fit_transform(texts[:4000])
    assert X.shape == R.shape and X.nnz == R.nnz
    assert (X != R).nnz == 0 and ours.vocabulary_ == ref.vocabulary_
    assert (ours.transform(texts[4000:]) != ref.transform(texts[4000:])).nnz == 0
    X.check_format(full_check=True)  # sorted, in-range indices


def test_count_vectorizer_known_answer():
    v = CountVectorizer()
    X = v.fit_transform(["the cat sat", "The cat, the hat!", "a b"])  # 1-letter words dropped
    assert list(v.get_feature_names_out()) == ["cat", "hat", "sat", "the"]
    np.testing.assert_array_equal(X.toarray(), [[1, 0, 1, 1], [1, 1, 0, 2], [0, 0, 0, 0]])
    assert X.nnz == 6  # only the non-zero counts are stored
    np.testing.assert_array_equal(v.transform(["hat hat dog"]).toarray(), [[0, 2, 0, 0]])
    np.testing.assert_array_equal(v.transform(["!!"]).toarray(), [[0, 0, 0, 0]])


def test_count_vectorizer_errors():
    with pytest.raises(ValueError, match="single string"):
        CountVectorizer().fit("free prize")
    with pytest.raises(ValueError, match="empty"):
        CountVectorizer().fit([])
    with pytest.raises(ValueError, match="must be a str"):
        CountVectorizer().fit(["ok", 3])
    with pytest.raises(ValueError, match="empty vocabulary"):
        CountVectorizer().fit(["a b", "!"])
    with pytest.raises(ValueError, match="min_df"):
        CountVectorizer(min_df=5).fit(["one two", "two three"])
    with pytest.raises(ValueError, match="min_df must be >= 1"):
        CountVectorizer(min_df=0).fit(["one two"])
    with pytest.raises(ValueError, match="min_df must be <= 1"):
        CountVectorizer(min_df=1.5).fit(["one two"])
    with pytest.raises(ValueError, match="binary must be True or False"):
        CountVectorizer(binary="yes").fit(["one two"])
    with pytest.raises(NotFittedError, match="not fitted"):
        CountVectorizer().transform(["one two"])


def test_spam_filter_end_to_end():
    df = make_messages(600, random_state=1)
    train, test = df.iloc[:400], df.iloc[400:]
    v = CountVectorizer()
    X_tr, X_te = v.fit_transform(train["text"]), v.transform(test["text"])
    model = MultinomialNB().fit(X_tr, train["label"])
    assert model.score(X_te, test["label"]) > 0.95
    spam_words = v.get_feature_names_out()[np.argsort(
        model.feature_log_prob_[1] - model.feature_log_prob_[0])[-10:]]
    assert {"claim", "prize", "click"} & set(spam_words)


# --- plumbing and bad input ---------------------------------------------------------------

def test_params_and_repr():
    assert repr(MultinomialNB(alpha=0.5)) == "MultinomialNB(alpha=0.5)"
    assert BernoulliNB().get_params() == {"alpha": 1.0, "binarize": 0.0, "fit_prior": True,
                                          "class_prior": None}
    assert GaussianNB().set_params(var_smoothing=1e-3).var_smoothing == 1e-3


ESTIMATORS = [GaussianNB, MultinomialNB, BernoulliNB]
X_OK, Y_OK = counts(n=20, d=3, n_classes=2, seed=8)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_bad_input(Estimator):
    check_bad_input(Estimator, X_OK, Y_OK, kind="classifier",
                    methods=("predict", "predict_proba", "predict_log_proba",
                             "predict_joint_log_proba"))


def test_negative_counts_in_multinomial():
    with pytest.raises(ValueError, match="Negative values in X.*GaussianNB"):
        MultinomialNB().fit(X_OK - 1, Y_OK)
    model = MultinomialNB().fit(X_OK, Y_OK)
    with pytest.raises(ValueError, match="Negative values in X"):
        model.predict([[1.0, -1.0, 0.0]])


def test_zero_variance_and_empty_class_counts():
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="zero variance"):
        GaussianNB().fit(X, [0, 0, 1, 1])
    with pytest.raises(ValueError, match="zero variance"):
        GaussianNB(var_smoothing=0.0).fit([[0.0], [1.0], [2.0], [2.0]], [0, 0, 1, 1])
    with pytest.raises(ValueError, match="alpha=0.*0/0"):
        MultinomialNB(alpha=0.0).fit([[0.0, 0.0], [1.0, 2.0]], [0, 1])


@pytest.mark.parametrize("Estimator, params, match", [
    (GaussianNB, dict(var_smoothing=-1e-9), "var_smoothing must be >= 0"),
    (GaussianNB, dict(var_smoothing="small"), "var_smoothing must be of type"),
    (GaussianNB, dict(priors=[0.5, 0.3, 0.2]), "one probability per class"),
    (GaussianNB, dict(priors=[0.7, 0.7]), "sum to 1"),
    (GaussianNB, dict(priors=[1.5, -0.5]), "non-negative"),
    (MultinomialNB, dict(alpha=-1.0), "alpha must be >= 0"),
    (MultinomialNB, dict(alpha=np.nan), "alpha must be finite"),
    (MultinomialNB, dict(fit_prior="yes"), "fit_prior must be True or False"),
    (MultinomialNB, dict(class_prior=[1.0]), "one probability per class"),
    (BernoulliNB, dict(alpha=-0.5), "alpha must be >= 0"),
    (BernoulliNB, dict(binarize="half"), "binarize must be of type"),
    (BernoulliNB, dict(class_prior=[0.2, 0.2]), "sum to 1"),
])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


# --- sparse input ---------------------------------------------------------------------------

@pytest.mark.parametrize("Estimator", [MultinomialNB, BernoulliNB])
@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_discrete_models_take_sparse_input(Estimator, fmt):
    X, y = counts(seed=9)
    Xs = sp.csr_matrix(X).asformat(fmt)
    dense, sparse = Estimator().fit(X, y), Estimator().fit(Xs, y)
    for name in PARAMS[Estimator]:
        np.testing.assert_allclose(getattr(sparse, name), getattr(dense, name), rtol=1e-12)
    np.testing.assert_allclose(sparse.predict_proba(Xs), dense.predict_proba(X), rtol=1e-12)
    assert_same_as_sklearn(sparse, SK[Estimator]().fit(Xs, y), Xs)
    assert sp.issparse(Xs) and Xs.format == fmt  # the caller's matrix is left alone


def test_sparse_alpha_zero_and_binarize():
    X = sp.csr_matrix(np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]))
    y = np.array([0, 1])
    b = BernoulliNB(alpha=0.0).fit(X, y)
    np.testing.assert_allclose(b.predict_proba(X), [[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(MultinomialNB(alpha=0.0).fit(X, y).predict_proba(X),
                               [[1.0, 0.0], [0.0, 1.0]])
    Xc = sp.csr_matrix(np.array([[3.0, 0.0, 1.0], [0.0, 5.0, 1.0]]))
    np.testing.assert_array_equal(BernoulliNB(binarize=2.0).fit(Xc, y).feature_count_,
                                  [[1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="binarize=-1.0 < 0.*sparse"):
        BernoulliNB(binarize=-1.0).fit(Xc, y)
    with pytest.raises(ValueError, match="Negative values in X"):
        MultinomialNB().fit(sp.csr_matrix(np.array([[1.0, -1.0], [0.0, 1.0]])), y)
    with pytest.raises(ValueError, match="NaN"):
        MultinomialNB().fit(sp.csr_matrix(np.array([[1.0, np.nan], [0.0, 1.0]])), y)


def test_gaussian_rejects_sparse_input_by_name():
    X, y = counts(seed=10)
    with pytest.raises(ValueError, match="GaussianNB does not accept sparse input.*toarray"):
        GaussianNB().fit(sp.csr_matrix(X), y)
    model = GaussianNB().fit(X, y)
    with pytest.raises(ValueError, match="GaussianNB does not accept sparse input"):
        model.predict(sp.csr_matrix(X))


def test_spam_filter_on_the_sms_corpus_matches_sklearn():
    texts, labels = load_sms_spam(return_X_y=True)
    v, ref_v = CountVectorizer(), SkCountVectorizer()
    X, R = v.fit_transform(texts[:4000]), ref_v.fit_transform(texts[:4000])
    ours, ref = MultinomialNB().fit(X, labels[:4000]), sk.MultinomialNB().fit(R, labels[:4000])
    assert_same_as_sklearn(ours, ref, v.transform(texts[4000:]))
    assert ours.score(v.transform(texts[4000:]), labels[4000:]) > 0.97


# --- GaussianNB at extreme scales --------------------------------------------------------

@pytest.mark.parametrize("scale, match", [(1e-200, "underflow"), (1e-160, "underflow"),
                                          (1e160, "overflow"), (1e200, "overflow")])
def test_gaussian_extreme_scales_say_rescale(scale, match):
    rng = np.random.default_rng(11)
    X, y = rng.normal(size=(40, 3)), np.arange(40) % 2
    with pytest.raises(ValueError, match=f"cannot represent the variances.*{match}.*Rescale"):
        GaussianNB().fit(X * scale, y)
    for ok in [1e-150, 1e145]:  # inside float64's range the fit is the same, rescaled
        np.testing.assert_allclose(GaussianNB().fit(X * ok, y).predict_proba(X * ok),
                                   GaussianNB().fit(X, y).predict_proba(X), atol=1e-10)


def test_gaussian_constant_feature_message_kept():
    with pytest.raises(ValueError, match="zero variance within a class"):
        GaussianNB(var_smoothing=0.0).fit([[1e-200], [1e-200], [2.0], [3.0]], [0, 0, 1, 1])


# --- "swap one import": scikit-learn's defaults give the same predictions ------------------

def test_swap_one_import_defaults_match_sklearn():
    pairs = [(GaussianNB, sk.GaussianNB), (MultinomialNB, sk.MultinomialNB),
             (BernoulliNB, sk.BernoulliNB), (CountVectorizer, SkCountVectorizer)]
    for ours, ref in pairs:  # every parameter we have has scikit-learn's name and default
        ref_params = inspect.signature(ref).parameters
        for name, p in inspect.signature(ours).parameters.items():
            assert p.default == ref_params[name].default, (ours.__name__, name)
    X, y = counts(seed=12)
    for ours, ref in pairs[:3]:
        np.testing.assert_array_equal(ours().fit(X, y).predict(X), ref().fit(X, y).predict(X))
    texts = make_messages(200, random_state=3)
    Xo, Xr = CountVectorizer().fit_transform(texts["text"]), \
        SkCountVectorizer().fit_transform(texts["text"])
    np.testing.assert_array_equal(MultinomialNB().fit(Xo, texts["label"]).predict(Xo),
                                  sk.MultinomialNB().fit(Xr, texts["label"]).predict(Xr))


# --- the exercise gaps, in the order a student writes them -------------------------------
# Each test calls its own gap's function on inputs written out by hand; log_posterior's test
# swaps in SciPy's logsumexp, so that it does not depend on gap 01.

def test_gap_01_logsumexp():
    a = np.array([[1000.0, 1000.0], [-np.inf, -np.inf], [0.0, np.log(3.0)]])
    out = logsumexp(a, axis=1)
    assert np.shape(out) == (3,), f"axis=1 of a (3, 2) array gives shape (3,), got {np.shape(out)}"
    np.testing.assert_allclose(out, [1000 + np.log(2), -np.inf, np.log(4)], err_msg=(
        "equation (17): log(e^1000 + e^1000) = 1000 + log 2 (shift by M = max, or it "
        "overflows), an all -inf row gives -inf (no NaN), log(1 + 3) = log 4"))
    assert np.shape(logsumexp(a, axis=0)) == (2,), "axis=0 of a (3, 2) array must give shape (2,)"
    np.testing.assert_allclose(logsumexp(np.array([-1000.0, -1001.0])),
                               -1000 + np.log1p(np.exp(-1)),
                               err_msg="equation (17) on a 1-d array (default axis=-1)")


def test_gap_02_log_posterior(monkeypatch):
    from scipy.special import logsumexp as scipy_logsumexp
    monkeypatch.setattr(naive_bayes, "logsumexp", scipy_logsumexp)  # gap 01 done right
    jll = np.array([[-1000.0, -1001.0], [-np.inf, -np.inf], [0.0, -np.inf]])
    out = log_posterior(jll)
    assert np.shape(out) == (3, 2), f"must have the shape of jll, (3, 2), got {np.shape(out)}"
    np.testing.assert_allclose(np.exp(out[0]), [1 / (1 + np.exp(-1)), 1 / (1 + np.e)],
                               err_msg="equation (18): s_k - log sum_l exp(s_l), in log space")
    assert np.isnan(out[1]).all(), (f"a row that is -inf under every class has the undefined "
                                    f"posterior 0/0: expected NaN, got {out[1]}")
    np.testing.assert_array_equal(out[2], [0.0, -np.inf], err_msg=(
        "a class with score -inf has log-posterior -inf, the other one log 1 = 0"))


def test_gap_03_gaussian_parameters():
    X = np.array([[0.0, 1.0], [2.0, 1.0], [10.0, 4.0], [14.0, 4.0], [12.0, 4.0]])
    Y = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    n_k, mu, var = gaussian_parameters(X, Y)
    assert np.shape(n_k) == (2,) and np.shape(mu) == np.shape(var) == (2, 2), (
        f"shapes must be (K,), (K, d), (K, d) = (2,), (2, 2), (2, 2), got "
        f"{np.shape(n_k)}, {np.shape(mu)}, {np.shape(var)}")
    np.testing.assert_allclose(n_k, [2, 3], err_msg="n_k: the number of samples per class")
    np.testing.assert_allclose(mu, [[1.0, 1.0], [12.0, 4.0]], err_msg="equation (9): class means")
    np.testing.assert_allclose(var, [[1.0, 0.0], [8 / 3, 0.0]], atol=1e-12, err_msg=(
        "equation (10): the biased variance, divided by n_k (not n_k - 1), without the floor"))
    # Far from 0, E[x^2] - E[x]^2 cancels catastrophically; deviations first stay exact.
    _, mu, var = gaussian_parameters(X + 1e8, Y)
    np.testing.assert_allclose(var, [[1.0, 0.0], [8 / 3, 0.0]], atol=1e-6, err_msg=(
        "equation (10) at an offset of 1e8: subtract the class means first, then square "
        "(two passes); the one-pass mean of squares minus squared mean loses every digit"))


def test_gap_04_gaussian_joint_log_likelihood():
    mu, var = np.array([[0.0], [2.0]]), np.array([[1.0], [4.0]])
    X = np.array([[1.0], [3.0]])
    jll = gaussian_joint_log_likelihood(X, mu, var, np.log([0.5, 0.5]))
    assert np.shape(jll) == (2, 2), f"must have shape (n, K) = (2, 2), got {np.shape(jll)}"
    by_hand = np.log(0.5) - 0.5 * np.log(2 * np.pi * var.T) - (X - mu.T) ** 2 / (2 * var.T)
    np.testing.assert_allclose(jll, by_hand, err_msg=(
        "equations (3) and (5): log pi_k - 1/2 sum_j [log(2 pi var_kj) + (x_j - mu_kj)^2 "
        "/ var_kj]"))


def test_gap_05_multinomial_log_theta():
    N = np.array([[3.0, 1.0, 0.0], [0.0, 1.0, 3.0]])
    log_theta = multinomial_log_theta(N, 1.0)
    assert np.shape(log_theta) == (2, 3), f"must have shape (K, d) = (2, 3), got {log_theta!r}"
    np.testing.assert_allclose(np.exp(log_theta), [[4 / 7, 2 / 7, 1 / 7], [1 / 7, 2 / 7, 4 / 7]],
                               err_msg="equation (15): (N_kj + alpha) / (N_k + d alpha), as a log")
    assert np.isneginf(multinomial_log_theta(N, 0.0)).sum() == 2, (
        "with alpha = 0 a word never seen in a class gets log 0 = -inf (and no warning)")


def test_gap_06_bernoulli_log_theta():
    log_t, log_1mt = bernoulli_log_theta(np.array([[2.0, 1.0], [0.0, 1.0]]),
                                         np.array([2.0, 2.0]), 1.0)
    assert np.shape(log_t) == np.shape(log_1mt) == (2, 2), (
        f"both must have shape (K, d) = (2, 2), got {np.shape(log_t)}, {np.shape(log_1mt)}")
    np.testing.assert_allclose(np.exp(log_t), [[0.75, 0.5], [0.25, 0.5]],
                               err_msg="equation (16): (n_kj + alpha) / (n_k + 2 alpha), as a log")
    np.testing.assert_allclose(np.exp(log_1mt), [[0.25, 0.5], [0.75, 0.5]],
                               err_msg="log(1 - theta) = log((n_k - n_kj + alpha) / "
                                       "(n_k + 2 alpha))")
    # alpha = 0: a word present in every document of a class has 1 - theta = 0 exactly
    log_t, log_1mt = bernoulli_log_theta(np.array([[2.0, 0.0]]), np.array([2.0]), 0.0)
    np.testing.assert_array_equal(log_1mt, [[-np.inf, 0.0]], err_msg=(
        "with alpha = 0, log(1 - theta) is -inf where n_kj = n_k, computed from the counts"))


def test_gap_07_count_tokens():
    X = count_tokens([0, 0, 0, 2], [3, 1, 3, 0], n_docs=3, n_words=4)
    assert sp.issparse(X) and X.format == "csr", f"must be a CSR matrix, got {type(X).__name__}"
    assert X.shape == (3, 4), f"must have shape (n_docs, n_words) = (3, 4), got {X.shape}"
    assert X.dtype == np.int64, f"counts must be int64, got {X.dtype}"
    np.testing.assert_array_equal(X.toarray(), [[0, 1, 0, 2], [0, 0, 0, 0], [1, 0, 0, 0]],
                                  err_msg="entry (i, j) counts the tokens of document i that "
                                          "are word j")
    assert X.nnz == 3 and X.has_sorted_indices, (
        f"only the 3 non-zero counts are stored, columns sorted in each row; got nnz={X.nnz}")
    empty = count_tokens(np.array([], dtype=int), np.array([], dtype=int), 2, 3)
    assert empty.shape == (2, 3) and empty.nnz == 0, "no tokens: an empty (2, 3) matrix"
