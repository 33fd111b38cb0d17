"""Base classes that give every estimator the scikit-learn conventions.

``BaseEstimator`` reads the hyperparameters from the ``__init__`` signature, so a
subclass only has to store each argument unchanged under the same name:

>>> class Model(BaseEstimator):
...     def __init__(self, alpha=1.0):
...         self.alpha = alpha
>>> Model(alpha=2.0)
Model(alpha=2.0)
"""
import inspect

import numpy as np


class BaseEstimator:
    """Parameter handling and a readable ``repr`` from the ``__init__`` signature."""

    @classmethod
    def _param_names(cls):
        init = cls.__init__
        if init is object.__init__:
            return []
        params = inspect.signature(init).parameters.values()
        for p in params:
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise TypeError(f"{cls.__name__}.__init__ must not take *args or **kwargs")
        return sorted(p.name for p in params if p.name != "self")

    def get_params(self, deep=True):
        """Return the hyperparameters as a dict ``{name: value}``."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set hyperparameters by name and return ``self``.

        Raises ``ValueError`` for a name that is not a hyperparameter.
        """
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; "
                    f"valid parameters are {valid}")
            setattr(self, name, value)
        return self

    def __repr__(self):
        # Show only the hyperparameters that differ from their defaults, as
        # scikit-learn does, so the repr stays short and tells what was changed.
        sig = inspect.signature(type(self).__init__).parameters
        shown = []
        for name in self._param_names():
            value = getattr(self, name)
            default = sig[name].default
            if not _same(value, default):
                shown.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


def _same(a, b):
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return False
    try:
        return bool(a == b) and type(a) is type(b)
    except (TypeError, ValueError):
        return False


class ClassifierMixin:
    """Adds ``score`` = accuracy of ``predict``."""

    _estimator_type = "classifier"

    def score(self, X, y):
        """Mean accuracy of ``self.predict(X)`` against ``y``."""
        from utils.metrics import accuracy_score
        return accuracy_score(y, self.predict(X))


class RegressorMixin:
    """Adds ``score`` = coefficient of determination R^2 of ``predict``."""

    _estimator_type = "regressor"

    def score(self, X, y):
        """R^2 of ``self.predict(X)`` against ``y`` (1 is perfect, 0 is the mean)."""
        from utils.metrics import r2_score
        return r2_score(y, self.predict(X))


class TransformerMixin:
    """Adds ``fit_transform``."""

    def fit_transform(self, X, y=None):
        """Fit to ``X`` (and ``y`` if the transformer uses it), then transform ``X``."""
        return self.fit(X, y).transform(X)


def clone(estimator):
    """A new, unfitted estimator with the same hyperparameters as ``estimator``.

    Any object with ``get_params`` works (scikit-learn's estimators too). Hyperparameters
    that are themselves estimators (a pipeline's steps, a column transformer's
    transformers) are cloned too, so fitting the copy never touches the
    original. Lists and tuples of such values are cloned element by element.
    """
    def copy(value):
        if isinstance(value, BaseEstimator):
            return clone(value)
        if isinstance(value, (list, tuple)):
            return type(value)(copy(v) for v in value)
        return value

    if not hasattr(estimator, "get_params"):
        raise ValueError(f"clone needs an estimator with get_params, got "
                         f"{type(estimator).__name__}.")
    return type(estimator)(**{k: copy(v) for k, v in estimator.get_params(deep=False).items()})
