"""Chaining preprocessing and a model into one estimator, so that nothing leaks.

- ``Pipeline``: transformers, then a final estimator. ``fit`` fits each step on the
  output of the one before, on the training data only; ``predict`` sends new data through
  the fitted steps. Cross-validating a pipeline therefore refits the preprocessing inside
  every fold, which is what keeps the test fold unseen.
- ``ColumnTransformer``: a different transformer for different columns of a table (by
  name for a pandas DataFrame, by position for an array), the outputs side by side.

Both follow scikit-learn's conventions and names (``steps``, ``named_steps``,
``transformers``, ``remainder``, ``get_feature_names_out``), so ``sklearn.pipeline.Pipeline``
and ``sklearn.compose.ColumnTransformer`` can be swapped in. Hyperparameters of a step are
addressed as ``"<step>__<parameter>"`` (``get_params`` / ``set_params``), as in a grid search.
"""
import numpy as np

from utils.base import BaseEstimator, clone

__all__ = ["Pipeline", "ColumnTransformer"]


def _check_steps(items, kind):
    names = [item[0] for item in items]
    if not items or len(set(names)) != len(names) or not all(
            isinstance(n, str) and n and "__" not in n for n in names):
        raise ValueError(f"{kind} need unique, non-empty names without '__'; got {names}.")
    return names


class _Composite(BaseEstimator):
    """get_params / set_params that reach into the named sub-estimators."""

    _items_name = None  # the hyperparameter that holds the (name, estimator, ...) tuples

    def _named(self):
        return {item[0]: item[1] for item in getattr(self, self._items_name)}

    def get_params(self, deep=True):
        params = super().get_params(deep=False)
        if deep:
            for name, est in self._named().items():
                if isinstance(est, BaseEstimator):
                    for key, value in est.get_params(deep=True).items():
                        params[f"{name}__{key}"] = value
        return params

    def set_params(self, **params):
        nested = {}
        for key, value in params.items():
            if "__" in key:
                step, _, sub = key.partition("__")
                if step not in self._named():
                    raise ValueError(f"Invalid parameter {key!r}: {type(self).__name__} has "
                                     f"no step {step!r}; steps are {list(self._named())}.")
                nested.setdefault(step, {})[sub] = value
            else:
                super().set_params(**{key: value})
        for step, sub in nested.items():
            self._named()[step].set_params(**sub)
        return self


class Pipeline(_Composite):
    """Transformers followed by a final estimator, fitted and applied as one.

    Parameters
    ----------
    steps : list of (str, estimator)
        Every step but the last has ``fit`` and ``transform``; the last has ``fit`` (and
        ``predict``, ``score``, ``transform`` as the pipeline uses them).

    Attributes
    ----------
    named_steps : dict
        The steps by name (the objects in ``steps``, fitted in place by ``fit``).
    """

    _items_name = "steps"

    def __init__(self, steps):
        self.steps = steps

    @property
    def named_steps(self):
        return dict(self.steps)

    def _check(self):
        _check_steps(self.steps, "Pipeline steps")
        for name, step in self.steps[:-1]:
            if not (hasattr(step, "fit") and hasattr(step, "transform")):
                raise ValueError(f"Pipeline step {name!r} must have fit and transform, got "
                                 f"{type(step).__name__}.")
        if not hasattr(self.steps[-1][1], "fit"):
            raise ValueError(f"The last step {self.steps[-1][0]!r} must have fit.")

    def _transform(self, X):
        for _, step in self.steps[:-1]:
            X = step.transform(X)
        return X

    def fit(self, X, y=None):
        """Fit every transformer on the output of the one before, then the final step."""
        self._check()
        for _, step in self.steps[:-1]:
            X = step.fit(X, y).transform(X)
        self.steps[-1][1].fit(X, y)
        self.n_features_in_ = getattr(self.steps[0][1], "n_features_in_", None)
        return self

    def predict(self, X):
        return self.steps[-1][1].predict(self._transform(X))

    def predict_proba(self, X):
        return self.steps[-1][1].predict_proba(self._transform(X))

    def transform(self, X):
        return self.steps[-1][1].transform(self._transform(X))

    def fit_transform(self, X, y=None):
        return self.fit(X, y).transform(X)

    def score(self, X, y):
        return self.steps[-1][1].score(self._transform(X), y)

    def get_feature_names_out(self, input_features=None):
        """The output names of the transformers in turn (one-to-one ones keep the names)."""
        names = input_features
        for _, step in self.steps:
            if hasattr(step, "transform") and hasattr(step, "get_feature_names_out"):
                names = step.get_feature_names_out(names)
        return names

    @property
    def _estimator_type(self):
        return getattr(self.steps[-1][1], "_estimator_type", None)


class ColumnTransformer(_Composite):
    """Apply a transformer to each group of columns and put the results side by side.

    Parameters
    ----------
    transformers : list of (str, transformer, columns)
        ``columns`` is a list of column names (for a DataFrame) or of positions. A
        transformer may be ``"passthrough"`` (the columns as they are) or ``"drop"``.
    remainder : {"drop", "passthrough"}, default "drop"
        What happens to the columns no transformer names.

    Attributes
    ----------
    transformers_ : list of (str, fitted transformer or str, columns)
        Includes ``("remainder", "passthrough", columns)`` when there is a remainder.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when fitted on a DataFrame.
    """

    _items_name = "transformers"

    def __init__(self, transformers, remainder="drop"):
        self.transformers = transformers
        self.remainder = remainder

    @staticmethod
    def _select(X, columns):
        if hasattr(X, "iloc"):
            return X[list(columns)] if all(isinstance(c, str) for c in columns) \
                else X.iloc[:, list(columns)]
        return np.asarray(X)[:, list(columns)]

    def _all_columns(self, X):
        return list(X.columns) if hasattr(X, "columns") else list(range(np.shape(X)[1]))

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        _check_steps([(t[0], t[1]) for t in self.transformers], "ColumnTransformer transformers")
        if self.remainder not in ("drop", "passthrough"):
            raise ValueError(f"remainder must be 'drop' or 'passthrough', got {self.remainder!r}.")
        all_columns = self._all_columns(X)
        used = [c for _, _, cols in self.transformers for c in cols]
        unknown = [c for c in used if c not in all_columns]
        if unknown:
            raise ValueError(f"ColumnTransformer: columns {unknown} are not in X "
                             f"(its columns are {all_columns}).")
        self.transformers_ = []
        for name, trans, cols in self.transformers:
            fitted = trans if isinstance(trans, str) else clone(trans)
            self.transformers_.append((name, fitted, list(cols)))
        rest = [c for c in all_columns if c not in used]
        if self.remainder == "passthrough" and rest:
            self.transformers_.append(("remainder", "passthrough", rest))
        self.n_features_in_ = len(all_columns)
        if hasattr(X, "columns"):
            self.feature_names_in_ = np.asarray(all_columns, dtype=object)
        self._fitted_on_frame = hasattr(X, "columns")
        return self._apply(X, y, fit=True)

    def _apply(self, X, y=None, fit=False):
        blocks = []
        for name, trans, cols in self.transformers_:
            if trans == "drop":
                continue
            part = self._select(X, cols)
            if trans == "passthrough":
                blocks.append(np.asarray(part, dtype=np.float64))
            else:
                out = trans.fit(part, y).transform(part) if fit else trans.transform(part)
                blocks.append(np.asarray(out, dtype=np.float64))
        if not blocks:
            return np.zeros((len(X), 0))
        return np.hstack([b.reshape(len(b), -1) for b in blocks])

    def transform(self, X):
        if not hasattr(self, "transformers_"):
            from utils.validation import NotFittedError
            raise NotFittedError("This ColumnTransformer instance is not fitted yet. Call "
                                 "'fit' with appropriate arguments before using it.")
        if self._fitted_on_frame and hasattr(X, "columns"):
            missing = [c for c in self.feature_names_in_ if c not in X.columns]
            if missing:
                raise ValueError(f"ColumnTransformer: X lacks the columns {missing} it was "
                                 "fitted with.")
        elif np.shape(X)[1] != self.n_features_in_:
            raise ValueError(f"X has {np.shape(X)[1]} features, but ColumnTransformer was "
                             f"fitted with {self.n_features_in_} features.")
        return self._apply(X)

    def get_feature_names_out(self, input_features=None):
        names = []
        for name, trans, cols in self.transformers_:
            if trans == "drop":
                continue
            inner = [str(c) for c in cols]
            if trans != "passthrough":
                inner = list(trans.get_feature_names_out(inner)) if hasattr(
                    trans, "get_feature_names_out") else inner
            names += [f"{name}__{c}" for c in inner]
        return np.asarray(names, dtype=object)
