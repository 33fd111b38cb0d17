import importlib
import json
import subprocess
import sys
import warnings

import numpy as np
import pytest

from utils.data import load_iris, load_penguins
from utils.persistence import ModelFileError, data_hash, load_model, save_model
from utils.pipeline import ColumnTransformer, Pipeline
from utils.preprocessing import OneHotEncoder, SimpleImputer, StandardScaler

# (chapter module, class, hyperparameters kept small so that each fit is quick)
CHAPTER_ESTIMATORS = [
    ("linear_regression", "Ridge", {}), ("linear_regression", "Lasso", {"alpha": 0.1}),
    ("logistic_regression", "LogisticRegression", {"alpha": 0.01}),
    ("knn", "KNeighborsClassifier", {}), ("decision_tree", "DecisionTreeClassifier", {}),
    ("svm", "SVC", {}), ("naive_bayes", "GaussianNB", {}),
    ("kmeans", "KMeans", {"n_clusters": 3, "random_state": 0}),
    ("pca", "PCA", {"n_components": 2}),
    ("neural_network", "MLPClassifier", {"hidden_layer_sizes": (5,), "max_iter": 50,
                                         "random_state": 0}),
]


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def outputs(model, X):
    method = "predict" if hasattr(model, "predict") else "transform"
    return getattr(model, method)(X)


@pytest.mark.parametrize("module, name, params", CHAPTER_ESTIMATORS,
                         ids=[f"{m}.{c}" for m, c, _ in CHAPTER_ESTIMATORS])
def test_every_chapter_estimator_round_trips_to_the_last_bit(tmp_path, iris, module, name, params):
    X, y = iris
    est = getattr(importlib.import_module(module), name)(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # a short MLP run may say it did not converge
        est.fit(X, y)
    save_model(est, tmp_path / "model")
    loaded = load_model(tmp_path / "model")
    assert type(loaded).__name__ == name and loaded.get_params() == est.get_params()
    np.testing.assert_array_equal(outputs(loaded, X), outputs(est, X))


def penguin_pipeline():
    df = load_penguins().dropna(subset=["body_mass_g", "sex"]).reset_index(drop=True)
    X = df[["bill_length_mm", "flipper_length_mm", "island", "sex"]]
    y = df["species"].to_numpy()
    logistic = importlib.import_module("logistic_regression").LogisticRegression
    pipe = Pipeline([
        ("prep", ColumnTransformer([
            ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]),
             ["bill_length_mm", "flipper_length_mm"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["island", "sex"])])),
        ("model", logistic(alpha=0.01))])
    return pipe.fit(X, y), X, y


def test_a_pipeline_with_text_categories_round_trips_with_its_metadata(tmp_path):
    pipe, X, y = penguin_pipeline()
    meta = {"features": list(X.columns), "train_hash": data_hash(X, y), "accuracy": 0.99}
    json_path, npz_path = save_model(pipe, tmp_path / "penguins", metadata=meta)
    assert json_path.exists() and npz_path.exists()
    loaded, got = load_model(tmp_path / "penguins", with_metadata=True)
    assert got == meta
    np.testing.assert_array_equal(loaded.predict(X), pipe.predict(X))
    np.testing.assert_array_equal(loaded.predict_proba(X), pipe.predict_proba(X))


def test_a_saved_model_loads_in_a_fresh_process_from_another_folder(tmp_path, iris):
    X, y = iris
    ridge = importlib.import_module("linear_regression").Ridge().fit(X, y)
    save_model(ridge, tmp_path / "ridge")
    np.save(tmp_path / "X.npy", X)
    code = ("import numpy as np; from utils.persistence import load_model; "
            "m = load_model('ridge'); print(repr(m.predict(np.load('X.npy')).tolist()))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert eval(out) == ridge.predict(X).tolist()


@pytest.fixture()
def saved(tmp_path, iris):
    X, y = iris
    save_model(importlib.import_module("linear_regression").Ridge().fit(X, y), tmp_path / "m")
    return tmp_path / "m"


def rewrite(path, change):
    doc = json.loads(path.with_suffix(".json").read_text())
    change(doc)
    path.with_suffix(".json").write_text(json.dumps(doc))


def test_refuses_another_schema_version(saved):
    rewrite(saved, lambda d: d.update(schema_version=99))
    with pytest.raises(ModelFileError, match="schema version 99"):
        load_model(saved)


def test_refuses_a_missing_field(saved):
    rewrite(saved, lambda d: d.pop("arrays"))
    with pytest.raises(ModelFileError, match="lacks the fields"):
        load_model(saved)


def test_refuses_a_changed_array(saved):
    with np.load(saved.with_suffix(".npz")) as npz:
        arrays = {k: npz[k].copy() for k in npz.files}
    key = sorted(arrays)[0]
    arrays[key].flat[0] += 1e-12
    np.savez(saved.with_suffix(".npz"), **arrays)
    with pytest.raises(ModelFileError, match="SHA-256"):
        load_model(saved)


def test_refuses_an_extra_or_missing_array(saved):
    with np.load(saved.with_suffix(".npz")) as npz:
        arrays = {k: npz[k] for k in npz.files}
    np.savez(saved.with_suffix(".npz"), extra=np.zeros(2), **arrays)
    with pytest.raises(ModelFileError, match="holds the arrays"):
        load_model(saved)


def test_refuses_a_class_outside_the_course(saved):
    rewrite(saved, lambda d: d["model"].update({"__estimator__": "os:system"}))
    with pytest.raises(ModelFileError, match="not part of the course"):
        load_model(saved)


def test_refuses_missing_or_broken_files(tmp_path, saved):
    with pytest.raises(ModelFileError, match="no model file"):
        load_model(tmp_path / "nothing")
    saved.with_suffix(".json").write_text("{not json")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_model(saved)


def test_refuses_to_save_what_would_need_pickle(tmp_path):
    scaler = StandardScaler().fit(np.ones((3, 1)))
    scaler.callback_ = lambda x: x
    with pytest.raises(ModelFileError, match="would need pickle"):
        save_model(scaler, tmp_path / "bad")


def test_data_hash_sees_values_shapes_and_dtypes():
    a = np.arange(6.0)
    assert data_hash(a) == data_hash(a.copy())
    assert data_hash(a) != data_hash(a.reshape(2, 3)) != data_hash(a.astype(np.float32))
    assert data_hash(a) != data_hash(a + 1e-12)


def test_chapter_module_imports_a_chapter_by_its_file_from_any_folder(tmp_path):
    from utils.persistence import chapter_module
    module = chapter_module("linear_regression")
    assert module is sys.modules["linear_regression"] and hasattr(module, "Ridge")
    assert chapter_module("linear_regression") is module   # imported once
    with pytest.raises(ValueError, match="not a chapter module"):
        chapter_module("os")
    # in a fresh process started in another folder, where no chapter is on sys.path
    code = ("from utils.persistence import chapter_module; "
            "Ridge = chapter_module('linear_regression').Ridge; "
            "import linear_regression; assert linear_regression.Ridge is Ridge; "
            "print(Ridge.__module__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "linear_regression"
