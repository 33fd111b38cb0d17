import numpy as np
import pytest
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.metrics import accuracy_score as sk_accuracy, r2_score as sk_r2

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin


class Model(BaseEstimator):
    def __init__(self, alpha=1.0, solver="lstsq", weights=None):
        self.alpha = alpha
        self.solver = solver
        self.weights = weights


class MeanRegressor(RegressorMixin, BaseEstimator):
    def fit(self, X, y):
        self.mean_ = np.mean(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


class Threshold(ClassifierMixin, BaseEstimator):
    def fit(self, X, y):
        return self

    def predict(self, X):
        return (np.asarray(X)[:, 0] > 0).astype(int)


class Centerer(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.mean_ = np.mean(X, axis=0)
        return self

    def transform(self, X):
        return X - self.mean_


def test_get_params_reads_the_signature():
    assert Model(alpha=2.0).get_params() == {"alpha": 2.0, "solver": "lstsq", "weights": None}


def test_set_params_returns_self_and_sets():
    m = Model()
    assert m.set_params(alpha=3.0, solver="svd") is m
    assert (m.alpha, m.solver) == (3.0, "svd")


def test_set_params_rejects_unknown_names():
    with pytest.raises(ValueError, match="Invalid parameter 'beta'.*valid parameters"):
        Model().set_params(beta=1)


def test_repr_shows_only_changed_parameters():
    assert repr(Model()) == "Model()"
    assert repr(Model(alpha=0.5, solver="qr")) == "Model(alpha=0.5, solver='qr')"
    assert repr(Model(weights=np.ones(2))) == "Model(weights=array([1., 1.]))"
    # an int 1 is not the float default 1.0: show it, as the user typed something else
    assert repr(Model(alpha=1)) == "Model(alpha=1)"


def test_repr_matches_scikit_learn_style():
    assert repr(SkLinearRegression(fit_intercept=False)) == "LinearRegression(fit_intercept=False)"


def test_varargs_init_is_rejected():
    class Bad(BaseEstimator):
        def __init__(self, *args):
            self.args = args
    with pytest.raises(TypeError, match=r"\*args"):
        Bad().get_params()


def test_no_init_means_no_params():
    class Empty(BaseEstimator):
        pass
    assert Empty().get_params() == {} and repr(Empty()) == "Empty()"


def test_regressor_score_is_r2():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 2)), rng.normal(size=20)
    m = MeanRegressor().fit(X[:10], y[:10])
    assert np.isclose(m.score(X, y), sk_r2(y, m.predict(X)))
    assert m._estimator_type == "regressor"


def test_classifier_score_is_accuracy():
    X = np.array([[-1.0], [2.0], [3.0], [-4.0]])
    y = np.array([0, 1, 0, 0])
    clf = Threshold().fit(X, y)
    assert clf.score(X, y) == sk_accuracy(y, clf.predict(X)) == 0.75
    assert clf._estimator_type == "classifier"


def test_fit_transform_equals_fit_then_transform():
    X = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(Centerer().fit_transform(X), Centerer().fit(X).transform(X))
