"""House prices end to end: the pipeline, the saved model, and a prediction service.

The capstone puts the course's own estimators to work on a real table (932 house sales in
and around Sacramento, ``utils.data.load_sacramento``) and then serves the chosen model:

- ``make_pipeline(model)``: impute, scale, one-hot encode and fit ``model`` as one
  ``utils.pipeline.Pipeline``, so cross-validation refits the preprocessing in every fold;
- ``ScaledTargetRegressor`` (fit on standardised log prices) and ``DummyRegressor`` (the
  median baseline that every model must beat);
- ``candidates()``: the five models of chapters 01, 03, 04 and 09 with their small grids;
- ``build_model`` / ``train_and_save``: fit the chosen pipeline, measure it once on the
  held-out test set, and save it with ``utils.persistence`` (JSON + ``.npz``, no pickle),
  with the metadata the service needs (features, categories, input bounds, the training
  histograms for drift, the test metrics);
- ``create_app(model_path)``: a FastAPI app with ``POST /predict`` (one house or a list),
  ``GET /health``, ``GET /model`` and ``GET /drift``; ``app_from_environment()`` builds it
  for the model named by the environment variable ``HOUSE_PRICES_MODEL`` (uvicorn's
  ``--factory``).

Run ``python house_prices.py build [PATH]`` to fit and save the model (``make serve`` does,
if the file is missing, then starts ``uvicorn --factory house_prices:app_from_environment``).

The estimators of the other chapters are imported from their files with
``utils.persistence.chapter_module`` (a chapter folder is not a package), so this module,
and a notebook that imports from it, work from any folder.
"""
import argparse
import os
import platform
import sys
import threading
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from utils.base import BaseEstimator, RegressorMixin, clone
from utils.data import SACRAMENTO_FEATURES, load_sacramento
from utils.metrics import mean_absolute_error, r2_score, root_mean_squared_error
from utils.model_selection import train_test_split
from utils.persistence import ModelFileError, chapter_module, data_hash, load_model, save_model
from utils.pipeline import ColumnTransformer, Pipeline
from utils.preprocessing import MinMaxScaler, OneHotEncoder, SimpleImputer, StandardScaler
from utils.validation import check_is_fitted

Ridge = chapter_module("linear_regression").Ridge
Lasso = chapter_module("linear_regression").Lasso
KNeighborsRegressor = chapter_module("knn").KNeighborsRegressor
DecisionTreeRegressor = chapter_module("decision_tree").DecisionTreeRegressor
MLPRegressor = chapter_module("neural_network").MLPRegressor

__all__ = ["NUMERIC", "CATEGORICAL", "FEATURES", "SEED", "candidates", "CHOSEN",
           "INPUT_BOUNDS", "PSI_THRESHOLDS", "DummyRegressor", "ScaledTargetRegressor",
           "make_preprocessor", "make_pipeline", "split_data", "rmse_scorer",
           "regression_report", "error_by_group", "drift_reference", "DriftMonitor", "psi",
           "build_model", "train_and_save", "create_app", "app_from_environment",
           "DEFAULT_MODEL", "Ridge", "Lasso", "KNeighborsRegressor", "DecisionTreeRegressor",
           "MLPRegressor"]

ROOT = Path(__file__).resolve().parents[1]
#: Where ``make serve`` keeps the model (``build/`` is ignored by git); no extension.
DEFAULT_MODEL = ROOT / "build" / "house_prices" / "model"
NUMERIC = ("sqft", "beds", "baths")
CATEGORICAL = ("city", "type")
FEATURES = SACRAMENTO_FEATURES          # ("sqft", "beds", "baths", "city", "type")
SEED = 2008
#: What the service accepts: physically sensible ranges, wider than the training data
#: (a house outside the training range is served, and shows up in /drift).
INPUT_BOUNDS = {"sqft": (200, 20000), "beds": (0, 20), "baths": (0.0, 20.0)}
#: The usual reading of a population stability index (Siddiqi 2006; Yurdakul 2018).
PSI_THRESHOLDS = (0.1, 0.25)
N_BINS = 10


# ---------------------------------------------------------------------------------------
# Estimators
# ---------------------------------------------------------------------------------------

class DummyRegressor(RegressorMixin, BaseEstimator):
    """Predict one number learned from ``y`` alone: the baseline every model must beat.

    Parameters
    ----------
    strategy : {"mean", "median"}, default "mean"
        scikit-learn's default; the chapter's baseline is ``"median"``.

    Attributes
    ----------
    constant_ : float
    n_features_in_ : int
    """

    def __init__(self, strategy="mean"):
        self.strategy = strategy

    def fit(self, X, y):
        if self.strategy not in ("median", "mean"):
            raise ValueError(f"strategy must be 'median' or 'mean', got {self.strategy!r}.")
        y = np.asarray(y, dtype=np.float64)
        if y.ndim != 1 or len(y) == 0 or len(y) != len(X):
            raise ValueError(f"y must be 1-D, non-empty and as long as X; got shape {y.shape} "
                             f"for {len(X)} rows of X.")
        self.constant_ = float(np.median(y) if self.strategy == "median" else np.mean(y))
        self.n_features_in_ = np.shape(X)[1]
        return self

    def predict(self, X):
        check_is_fitted(self)
        return np.full(len(X), self.constant_)


class ScaledTargetRegressor(RegressorMixin, BaseEstimator):
    r"""Fit ``regressor`` to a standardised target (optionally of its log); predict in dollars.

    With :math:`t = \log y` if ``log`` else :math:`t = y`, and :math:`m`, :math:`s` the mean
    and standard deviation of :math:`t` on the training rows, ``fit`` fits a clone of
    ``regressor`` to :math:`z = (t - m)/s`, and ``predict`` returns :math:`m + s\hat z`
    (or :math:`\exp(m + s\hat z)` with ``log``). An MLP whose output starts near 0 needs
    the standardising (a price of 200,000 is far from where its weights start); the log
    turns multiplicative effects into additive ones, and :math:`\exp` of a predicted
    mean log is a geometric mean, below the mean price. scikit-learn's version is
    ``TransformedTargetRegressor`` with ``transformer=StandardScaler()`` (after
    ``np.log``).

    Parameters
    ----------
    regressor : estimator
    log : bool, default False

    Attributes
    ----------
    regressor_ : the fitted clone
    target_mean_, target_scale_ : float
        :math:`m` and :math:`s`.
    n_features_in_ : int
    """

    def __init__(self, regressor, log=False):
        self.regressor = regressor
        self.log = log

    def get_params(self, deep=True):
        params = super().get_params(deep=False)
        if deep and hasattr(self.regressor, "get_params"):
            params.update({f"regressor__{k}": v
                           for k, v in self.regressor.get_params(deep=True).items()})
        return params

    def set_params(self, **params):
        # "regressor__alpha" reaches the wrapped model, as in scikit-learn's grid searches
        nested = {k.partition("__")[2]: v for k, v in params.items() if k.startswith("regressor__")}
        super().set_params(**{k: v for k, v in params.items() if not k.startswith("regressor__")})
        if nested:
            self.regressor.set_params(**nested)
        return self

    def fit(self, X, y):
        y = np.asarray(y, dtype=np.float64)
        if y.ndim != 1 or not np.all(np.isfinite(y)) or (self.log and np.any(y <= 0)):
            raise ValueError("ScaledTargetRegressor needs a 1-D target of finite numbers, "
                             "positive with log=True.")
        t = np.log(y) if self.log else y
        self.target_mean_ = float(t.mean())
        self.target_scale_ = float(t.std()) or 1.0
        z = (t - self.target_mean_) / self.target_scale_
        self.regressor_ = clone(self.regressor).fit(X, z)
        self.n_features_in_ = getattr(self.regressor_, "n_features_in_", np.shape(X)[1])
        return self

    def predict(self, X):
        check_is_fitted(self)
        t = self.target_mean_ + self.target_scale_ * self.regressor_.predict(X)
        return np.exp(t) if self.log else t


# ---------------------------------------------------------------------------------------
# The pipeline and the candidates
# ---------------------------------------------------------------------------------------

def make_preprocessor(scaler="standard"):
    """The preprocessing of the notebook's equations (1)-(2), as one unfitted transformer.

    A ``ColumnTransformer`` with two parts, in this order: ``"num"``, a ``Pipeline`` of a
    ``SimpleImputer(strategy="median")`` (step ``"impute"``) and the scaler (step
    ``"scale"``) on the columns ``NUMERIC``; and ``"cat"``, a
    ``OneHotEncoder(handle_unknown="ignore")`` on the columns ``CATEGORICAL`` (a town never
    seen in training becomes all zeros). ``scaler`` is ``"standard"`` (``StandardScaler``:
    mean 0, variance 1; for penalties and gradients), ``"minmax"`` (``MinMaxScaler``: into
    [0, 1]; for distances) or ``None`` (no ``"scale"`` step); anything else is a
    ``ValueError``. Output: 3 numeric columns, then one column per training category.
    """
    ### BEGIN SOLUTION (gap 01)
    scalers = {"standard": StandardScaler, "minmax": MinMaxScaler}
    if scaler is not None and scaler not in scalers:
        raise ValueError(f"scaler must be 'standard', 'minmax' or None, got {scaler!r}.")
    numeric = [("impute", SimpleImputer(strategy="median"))]
    if scaler is not None:
        numeric.append(("scale", scalers[scaler]()))
    return ColumnTransformer([
        ("num", Pipeline(numeric), list(NUMERIC)),
        ("cat", OneHotEncoder(handle_unknown="ignore"), list(CATEGORICAL)),
    ])
    ### END SOLUTION (gap 01)


def make_pipeline(model, scaler="standard"):
    """``Pipeline([("prep", make_preprocessor(scaler)), ("model", model)])``."""
    return Pipeline([("prep", make_preprocessor(scaler)), ("model", model)])


def _mlp():
    # Small and regularised: 745 training rows. Adam with a constant step; 300 epochs
    # are plenty for this size (the tests check it converges, so no warning is raised).
    return MLPRegressor(hidden_layer_sizes=(16,), alpha=1.0, learning_rate_init=0.01,
                        max_iter=300, random_state=0)


def candidates():
    """name -> (unfitted pipeline, grid for GridSearchCV): the five models of the chapter.

    The grids are small so that the notebook runs in seconds. The MLP learns a standardised
    price (see ``ScaledTargetRegressor``); k-NN measures distances on min-max scaled
    features, where a one-hot column and a scaled number span the same [0, 1].
    """
    return {
        "ridge (01)": (make_pipeline(Ridge()), {"model__alpha": [0.1, 1.0, 10.0]}),
        "lasso (01)": (make_pipeline(Lasso(max_iter=5000)),
                       {"model__alpha": [100.0, 1000.0, 10000.0]}),
        "k-NN (03)": (make_pipeline(KNeighborsRegressor(), scaler="minmax"),
                      {"model__n_neighbors": [5, 10, 20]}),
        "tree (04)": (make_pipeline(DecisionTreeRegressor(min_samples_leaf=10, random_state=0)),
                      {"model__max_depth": [3, 5, 8]}),
        "MLP (09)": (make_pipeline(ScaledTargetRegressor(_mlp())),
                     {"model__regressor__alpha": [0.1, 1.0, 10.0]}),
    }


#: The model the service runs, as the notebook chooses it: the MLP has the best mean CV
#: RMSE, ridge is within a fraction of one fold-to-fold standard deviation of it, and the
#: one-standard-error rule takes the simpler model.
CHOSEN = ("ridge (01)", {"model__alpha": 1.0})


def split_data(random_state=SEED):
    """``X_train, X_test, y_train, y_test``: 80 % / 20 % of the Sacramento sales, shuffled."""
    X, y = load_sacramento(return_X_y=True)
    return train_test_split(X, y, test_size=0.2, random_state=random_state)


def rmse_scorer(estimator, X, y):
    """Minus the RMSE in dollars (higher is better, as a scorer must be)."""
    return -root_mean_squared_error(y, estimator.predict(X))


def regression_report(y_true, y_pred):
    """RMSE, MAE (dollars) and R^2, as plain floats."""
    return {"rmse": float(root_mean_squared_error(y_true, y_pred)),
            "mae": float(mean_absolute_error(y_true, y_pred)),
            "r2": float(r2_score(y_true, y_pred))}


def error_by_group(y_true, y_pred, groups):
    """How the error splits over groups (price bands, towns): a table, one row per group.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
    groups : array-like of shape (n,)
        The group of each row (any sortable labels, e.g. strings or intervals).

    Returns
    -------
    pandas.DataFrame
        Indexed by the groups that occur, in sorted order, with the columns ``n`` (rows in
        the group), ``mae`` (mean absolute error) and ``bias`` (mean of ``y_pred - y_true``:
        positive when the model over-prices the group).
    """
    ### BEGIN SOLUTION (gap 02)
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    # a Series keeps the order of a categorical (price bands sort as bands, not as text)
    frame = pd.DataFrame({"group": pd.Series(groups).reset_index(drop=True), "err": err})
    out = frame.groupby("group", sort=True, observed=True)["err"].agg(
        n="size", mae=lambda e: np.abs(e).mean(), bias="mean")
    out.index.name = None
    return out
    ### END SOLUTION (gap 02)


# ---------------------------------------------------------------------------------------
# Drift: the training distribution as histograms, and the inputs' running histograms
# ---------------------------------------------------------------------------------------

def drift_reference(X_train, n_bins=N_BINS):
    """The training distribution of each feature, as the service compares inputs with it.

    Returns a dict, one entry per feature. A numeric feature (``NUMERIC``) gets
    ``{"kind": "numeric", "edges": [...], "expected": [...]}``: the inner bin edges are the
    ``n_bins - 1`` training quantiles at 1/n_bins, 2/n_bins, ... (``np.quantile``'s
    default), repeated edges merged (``np.unique``, so a feature with few values, such as
    ``beds``, has fewer bins); bin k is ``[e_{k-1}, e_k)``, the outer ones open-ended
    (``np.searchsorted(edges, x, side="right")`` gives each value's bin); ``expected`` is
    the share of training rows in each bin (len(edges) + 1 numbers summing to 1). A
    categorical feature (``CATEGORICAL``) gets ``{"kind": "categorical", "categories":
    [...], "expected": [...]}``: its sorted training values as str, and their shares.
    Lists of plain floats and str, so the result can be saved as JSON.
    """
    ### BEGIN SOLUTION (gap 03)
    ref = {}
    for name in NUMERIC:
        x = np.asarray(X_train[name], dtype=np.float64)
        edges = np.unique(np.quantile(x, np.arange(1, n_bins) / n_bins))
        counts = np.bincount(np.searchsorted(edges, x, side="right"), minlength=len(edges) + 1)
        ref[name] = {"kind": "numeric", "edges": edges.tolist(),
                     "expected": (counts / counts.sum()).tolist()}
    for name in CATEGORICAL:
        values, counts = np.unique(np.asarray(X_train[name], dtype=object).astype(str),
                                   return_counts=True)
        ref[name] = {"kind": "categorical", "categories": values.tolist(),
                     "expected": (counts / counts.sum()).tolist()}
    return ref
    ### END SOLUTION (gap 03)


def psi(expected, actual, floor=1e-4):
    r"""Population stability index :math:`\sum_k (a_k - e_k)\ln(a_k / e_k)`, equation (5).

    ``expected`` (:math:`e`, the training shares) and ``actual`` (:math:`a`, the shares of
    the inputs) are two arrays of the same length. Shares below ``floor`` are first raised
    to it, so an empty bin gives a large but finite term. Returns a float >= 0.
    """
    ### BEGIN SOLUTION (gap 04)
    e = np.maximum(np.asarray(expected, dtype=np.float64), floor)
    a = np.maximum(np.asarray(actual, dtype=np.float64), floor)
    return float(np.sum((a - e) * np.log(a / e)))
    ### END SOLUTION (gap 04)


def _verdict(value):
    low, high = PSI_THRESHOLDS
    return "stable" if value < low else "moderate shift" if value < high else "major shift"


class DriftMonitor:
    """Running histograms of the inputs over the training bins: memory O(bins), not O(n).

    ``update(frame)`` adds a batch of inputs; ``report()`` gives, per feature, the PSI
    against the training shares, for numeric features the KS statistic measured at the
    bin edges (the largest gap between the two cumulative shares there: a lower bound of
    the full KS statistic, which would need every input), and a verdict by
    ``PSI_THRESHOLDS``. Thread-safe (FastAPI runs plain endpoints in a thread pool).
    """

    def __init__(self, reference, min_samples=100):
        self.reference = reference
        self.min_samples = min_samples
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self.n_seen = 0
            self.counts = {name: np.zeros(len(ref["expected"]), dtype=np.int64)
                           for name, ref in self.reference.items()}

    def update(self, frame):
        binned = {}
        for name, ref in self.reference.items():
            x = np.asarray(frame[name])
            if ref["kind"] == "numeric":
                idx = np.searchsorted(ref["edges"], x.astype(np.float64), side="right")
            else:   # the service accepts only known categories; others are not counted
                cats, values = np.asarray(ref["categories"], dtype=object), x.astype(str)
                idx = np.clip(np.searchsorted(cats, values), 0, len(cats) - 1)
                idx = idx[cats[idx] == values]
            binned[name] = np.bincount(idx, minlength=len(ref["expected"]))
        with self._lock:
            self.n_seen += len(frame)
            for name, counts in binned.items():
                self.counts[name] += counts

    def report(self):
        with self._lock:
            n, counts = self.n_seen, {k: v.copy() for k, v in self.counts.items()}
        features = {}
        for name, ref in self.reference.items():
            expected = np.asarray(ref["expected"])
            actual = counts[name] / n if n else np.zeros_like(expected)
            entry = {"psi": round(psi(expected, actual), 4) if n else None}
            if ref["kind"] == "numeric":
                gaps = np.abs(np.cumsum(expected)[:-1] - np.cumsum(actual)[:-1])
                entry["ks_at_bin_edges"] = round(float(gaps.max()), 4) if n and len(gaps) else None
            entry["verdict"] = (_verdict(entry["psi"]) if n >= self.min_samples
                                else "too few inputs")
            entry["bins"] = len(expected)
            features[name] = entry
        return {"n_inputs": n, "min_inputs": self.min_samples,
                "thresholds": {"stable": f"PSI < {PSI_THRESHOLDS[0]}",
                               "moderate shift": f"{PSI_THRESHOLDS[0]} <= PSI < "
                                                 f"{PSI_THRESHOLDS[1]}",
                               "major shift": f"PSI >= {PSI_THRESHOLDS[1]}"},
                "features": features}


# ---------------------------------------------------------------------------------------
# Fitting and saving the served model
# ---------------------------------------------------------------------------------------

def build_model(name=CHOSEN[0], params=None, random_state=SEED):
    """Fit the candidate ``name`` with ``params`` on the training part; return it and its
    metadata (with the test metrics, measured here once)."""
    params = CHOSEN[1] if params is None and name == CHOSEN[0] else (params or {})
    X_train, X_test, y_train, y_test = split_data(random_state)
    model = candidates()[name][0].set_params(**params).fit(X_train, y_train)
    import fastapi
    import pydantic
    metadata = {
        "name": name, "params": params, "target": "price (US dollars)",
        "features": list(FEATURES), "numeric": list(NUMERIC),
        "categories": {c: sorted(set(X_train[c].astype(str))) for c in CATEGORICAL},
        "input_bounds": {k: list(v) for k, v in INPUT_BOUNDS.items()},
        "training_rows": len(X_train), "test_rows": len(X_test),
        "training_data_sha256": data_hash(X_train, y_train),
        "split": {"test_size": 0.2, "random_state": random_state},
        "test_metrics": regression_report(y_test, model.predict(X_test)),
        "drift_reference": drift_reference(X_train),
        "library_versions": {"python": platform.python_version(), "numpy": np.__version__,
                             "pandas": pd.__version__, "fastapi": fastapi.__version__,
                             "pydantic": pydantic.VERSION},
    }
    return model, metadata


def train_and_save(path=DEFAULT_MODEL, **kwargs):
    """``build_model(**kwargs)`` and save it at ``path`` (no extension); return the metadata."""
    model, metadata = build_model(**kwargs)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    save_model(model, path, metadata=metadata)
    return metadata


# ---------------------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------------------

REQUIRED_METADATA = ("features", "numeric", "categories", "input_bounds", "drift_reference",
                     "test_metrics")
MAX_BATCH = 10_000


def _house_schema(metadata):
    """The pydantic model of one house, from the saved model's features and categories."""
    from pydantic import ConfigDict, Field, create_model
    (s_lo, s_hi), (b_lo, b_hi), (ba_lo, ba_hi) = (metadata["input_bounds"][k]
                                                  for k in ("sqft", "beds", "baths"))
    cats = metadata["categories"]
    return create_model(
        "House", __config__=ConfigDict(extra="forbid"),
        sqft=(int, Field(ge=s_lo, le=s_hi, strict=True,
                         description="living area, square feet (a whole number)")),
        beds=(int, Field(ge=b_lo, le=b_hi, strict=True, description="bedrooms")),
        baths=(float, Field(ge=ba_lo, le=ba_hi, multiple_of=0.5, strict=True,
                            description="bathrooms, in halves")),
        city=(Literal[tuple(cats["city"])], Field(description="one of the training towns")),
        type=(Literal[tuple(cats["type"])], Field(description="Residential, Condo, ...")),
    )


def _field_name(loc):
    parts = [str(p) for p in loc]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "body"


def create_app(model_path=DEFAULT_MODEL, *, min_drift_samples=100):
    """The FastAPI app serving the model saved at ``model_path`` (no extension).

    Loading checks the file (``utils.persistence.load_model``); a missing, changed or
    incomplete model raises ``ModelFileError`` here, at start-up, with the reason and how
    to build one, rather than at the first request.
    """
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from pydantic import TypeAdapter, ValidationError

    try:
        model, metadata = load_model(model_path, with_metadata=True)
    except ModelFileError as e:
        raise ModelFileError(f"cannot start the house-price service: {e} (build a model with "
                             "`make build/house_prices/model.json` or `python "
                             "10_house_prices/house_prices.py build PATH`)") from None
    missing = [k for k in REQUIRED_METADATA if k not in metadata]
    if missing:
        raise ModelFileError(f"cannot start the house-price service: the model at "
                             f"{model_path} lacks the metadata {missing} (save it with "
                             "house_prices.train_and_save).")
    House = _house_schema(metadata)
    one, many = TypeAdapter(House), TypeAdapter(list[House])
    monitor = DriftMonitor(metadata["drift_reference"], min_samples=min_drift_samples)
    features = metadata["features"]
    app = FastAPI(title="Sacramento house prices",
                  description="Predicts a sale price in US dollars (course chapter 10).")
    app.state.model, app.state.metadata, app.state.monitor = model, metadata, monitor
    app.state.n_predictions = 0

    def invalid(errors, prefix=()):
        detail = [{"field": _field_name(prefix + tuple(e["loc"])), "msg": e["msg"],
                   "type": e["type"]} for e in errors]
        message = "; ".join(f"{d['field']}: {d['msg']}" for d in detail[:10])
        return JSONResponse(status_code=422, content={"message": message, "detail": detail})

    @app.get("/health")
    def health():
        return {"status": "ok", "model": metadata.get("name"),
                "predictions_served": app.state.n_predictions}

    @app.get("/model")
    def model_info():
        return {k: v for k, v in metadata.items() if k != "drift_reference"} | {
            "pipeline": repr(model)}

    @app.get("/drift")
    def drift():
        return monitor.report()

    @app.post("/predict", openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [
            {"$ref": "#/components/schemas/House"},
            {"type": "array", "items": {"$ref": "#/components/schemas/House"},
             "maxItems": MAX_BATCH}]}}}}})
    async def predict(request: Request):
        """One house (a JSON object) gives ``{"price": ...}``; a list of up to 10,000
        houses gives ``{"prices": [...]}`` in the same order."""
        body = await request.body()
        head = body.lstrip()[:1]
        try:
            if head == b"[":
                houses = many.validate_json(body)
                if not houses or len(houses) > MAX_BATCH:
                    return invalid([{"loc": (), "msg": f"a batch holds 1 to {MAX_BATCH} "
                                     f"houses, got {len(houses)}", "type": "batch_size"}])
            else:
                houses = [one.validate_json(body)]
        except ValidationError as e:
            return invalid(e.errors(include_url=False, include_input=False))
        frame = pd.DataFrame({f: [getattr(h, f) for h in houses] for f in features})
        prices = model.predict(frame)
        monitor.update(frame)
        app.state.n_predictions += len(houses)
        prices = [round(float(p), 2) for p in prices]
        return {"price": prices[0]} if head != b"[" else {"prices": prices}

    return app


def app_from_environment():
    """The app of the model named by the environment variable ``HOUSE_PRICES_MODEL`` (without
    extension; ``DEFAULT_MODEL`` if unset): the factory that uvicorn calls, with
    ``uvicorn --factory house_prices:app_from_environment`` (``make serve``), when it starts
    (importing this module for its functions needs no model file)."""
    return create_app(os.environ.get("HOUSE_PRICES_MODEL", str(DEFAULT_MODEL)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="fit the chosen pipeline and save it")
    build.add_argument("path", nargs="?", default=str(DEFAULT_MODEL),
                       help="where to save, without extension (default: %(default)s)")
    args = parser.parse_args(argv)
    metadata = train_and_save(Path(args.path))
    m = metadata["test_metrics"]
    print(f"saved {args.path}.json/.npz: {metadata['name']} {metadata['params']}; test RMSE "
          f"${m['rmse']:,.0f}, MAE ${m['mae']:,.0f}, R^2 {m['r2']:.3f}")
    return 0


if __name__ == "__main__":
    # Run as the module ``house_prices`` (not ``__main__``), so that the classes defined
    # here are saved under a name that load_model can find.
    sys.exit(chapter_module("house_prices").main())
