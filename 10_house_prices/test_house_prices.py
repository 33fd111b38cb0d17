"""Tests of chapter 10: the pipeline, the model file, the service and its drift report."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sklearn import compose as sk_compose
from sklearn import dummy as sk_dummy
from sklearn import linear_model as sk_linear
from sklearn import model_selection as sk_ms
from sklearn import pipeline as sk_pipeline
from sklearn import preprocessing as sk_pre

import house_prices as hp
from utils.model_selection import GridSearchCV, KFold
from utils.persistence import ModelFileError, load_model, save_model

HOUSE = {"sqft": 1500, "beds": 3, "baths": 2.0, "city": "SACRAMENTO", "type": "Residential"}


@pytest.fixture(scope="module")
def data():
    return hp.split_data()


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "model"
    hp.train_and_save(path)
    return path


@pytest.fixture(scope="module")
def client(model_path):
    with TestClient(hp.create_app(model_path, min_drift_samples=50)) as c:
        yield c


# --- estimators and the pipeline ------------------------------------------------------

def test_dummy_regressor_matches_scikit_learn(data):
    X_train, X_test, y_train, _ = data
    for strategy in ["median", "mean"]:
        ours = hp.DummyRegressor(strategy).fit(X_train, y_train).predict(X_test)
        ref = sk_dummy.DummyRegressor(strategy=strategy).fit(X_train, y_train).predict(X_test)
        np.testing.assert_array_equal(ours, ref)
    with pytest.raises(ValueError, match="strategy must be"):
        hp.DummyRegressor("mode").fit(X_train, y_train)
    with pytest.raises(ValueError, match="as long as X"):
        hp.DummyRegressor().fit(X_train, y_train[:-1])
    assert hp.DummyRegressor().strategy == sk_dummy.DummyRegressor().strategy == "mean"


def test_gap_01_make_preprocessor(data):
    X_train, X_test, _, _ = data
    ref = sk_compose.ColumnTransformer([
        ("num", sk_pre.StandardScaler(), list(hp.NUMERIC)),
        ("cat", sk_pre.OneHotEncoder(handle_unknown="ignore", sparse_output=False),
         list(hp.CATEGORICAL))])
    ours = hp.make_preprocessor()
    np.testing.assert_allclose(ours.fit_transform(X_train), ref.fit_transform(X_train),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.transform(X_test), ref.transform(X_test),
                               rtol=1e-12, atol=1e-12)
    assert [n.split("__", 1)[1] for n in ours.get_feature_names_out()] == \
        [n.split("__", 1)[1] for n in ref.get_feature_names_out()]
    mm = hp.make_preprocessor("minmax").fit_transform(X_train)
    assert mm[:, :3].min() == 0.0 and mm[:, :3].max() == 1.0
    with pytest.raises(ValueError, match="scaler must be"):
        hp.make_preprocessor("robust")


def test_imputation_fills_missing_numbers_with_the_training_median(data):
    X_train, _, y_train, _ = data
    X = X_train.copy()
    X["sqft"] = X["sqft"].astype(float)
    X.iloc[:5, 0] = np.nan
    pipe = hp.make_pipeline(hp.Ridge()).fit(X, y_train)
    filled = pipe.named_steps["prep"].transformers_[0][1].named_steps["impute"].statistics_
    assert filled[0] == np.nanmedian(X["sqft"])
    assert np.isfinite(pipe.predict(X.iloc[:5])).all()


def test_ridge_pipeline_matches_scikit_learn(data):
    X_train, X_test, y_train, _ = data
    ref = sk_pipeline.Pipeline([
        ("prep", sk_compose.ColumnTransformer([
            ("num", sk_pre.StandardScaler(), list(hp.NUMERIC)),
            ("cat", sk_pre.OneHotEncoder(handle_unknown="ignore", sparse_output=False),
             list(hp.CATEGORICAL))])),
        ("model", sk_linear.Ridge(alpha=1.0))]).fit(X_train, y_train)
    ours = hp.make_pipeline(hp.Ridge(alpha=1.0)).fit(X_train, y_train)
    np.testing.assert_allclose(ours.predict(X_test), ref.predict(X_test), rtol=1e-9)


def test_scaled_target_regressor(data):
    X_train, X_test, y_train, _ = data
    # Ridge is linear in y: a standardised target gives the same predictions
    plain = hp.make_pipeline(hp.Ridge(alpha=3.0)).fit(X_train, y_train).predict(X_test)
    scaled = hp.make_pipeline(hp.ScaledTargetRegressor(hp.Ridge(alpha=3.0))).fit(
        X_train, y_train).predict(X_test)
    np.testing.assert_allclose(scaled, plain, rtol=1e-9)
    # log=True is exp of a model of log prices, as scikit-learn's TransformedTargetRegressor
    Z_train = hp.make_preprocessor().fit(X_train).transform(X_train)
    Z_test = hp.make_preprocessor().fit(X_train).transform(X_test)
    ref = sk_compose.TransformedTargetRegressor(
        regressor=sk_linear.Ridge(alpha=1.0), func=np.log, inverse_func=np.exp,
        check_inverse=False).fit(Z_train, y_train).predict(Z_test)
    # (ridge is linear in its target, so the standardising changes nothing)
    ours = hp.ScaledTargetRegressor(hp.Ridge(alpha=1.0), log=True).fit(
        Z_train, y_train).predict(Z_test)
    np.testing.assert_allclose(ours, ref, rtol=1e-8)
    # nested parameters for a grid search
    est = hp.ScaledTargetRegressor(hp.Ridge())
    assert est.set_params(regressor__alpha=5.0).get_params()["regressor__alpha"] == 5.0
    with pytest.raises(ValueError, match="positive with log=True"):
        hp.ScaledTargetRegressor(hp.Ridge(), log=True).fit(Z_train, -y_train)


def test_grid_search_matches_scikit_learn_on_the_houses(data):
    X_train, _, y_train, _ = data
    grid = {"model__alpha": [0.1, 1.0, 10.0, 100.0]}
    ours = GridSearchCV(hp.make_pipeline(hp.Ridge()), grid, scoring=hp.rmse_scorer,
                        cv=KFold(5, shuffle=True, random_state=0)).fit(X_train, y_train)
    folds = list(KFold(5, shuffle=True, random_state=0).split(X_train))
    ref = sk_ms.GridSearchCV(
        sk_pipeline.Pipeline([("prep", hp.make_preprocessor()), ("model", sk_linear.Ridge())]),
        grid, scoring="neg_root_mean_squared_error", cv=folds).fit(X_train, y_train)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], rtol=1e-9)


def test_every_candidate_beats_the_median_and_the_mlp_converges(data):
    X_train, X_test, y_train, y_test = data
    baseline = hp.regression_report(
        y_test, hp.DummyRegressor("median").fit(X_train, y_train).predict(X_test))["rmse"]
    for name, (pipe, grid) in hp.candidates().items():
        params = {k: v[0] for k, v in grid.items()}
        model = pipe.set_params(**params).fit(X_train, y_train)  # warnings are errors
        assert hp.regression_report(y_test, model.predict(X_test))["rmse"] < baseline, name
    mlp = hp.candidates()["MLP (09)"][0].fit(X_train, y_train)
    assert mlp.named_steps["model"].regressor_.converged_


# --- saving and loading -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["ridge (01)", "lasso (01)", "k-NN (03)", "tree (04)",
                                  "MLP (09)"])
def test_every_candidate_round_trips_to_the_last_bit(tmp_path, data, name):
    X_train, X_test, y_train, _ = data
    pipe, grid = hp.candidates()[name]
    model = pipe.set_params(**{k: v[0] for k, v in grid.items()}).fit(X_train, y_train)
    save_model(model, tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    np.testing.assert_array_equal(loaded.predict(X_test), model.predict(X_test))


def test_the_saved_model_loads_in_a_fresh_process_from_another_folder(tmp_path, model_path, data):
    _, X_test, _, _ = data
    X_test.to_csv(tmp_path / "houses.csv", index=False)
    code = ("import sys, numpy as np, pandas as pd; from utils.persistence import load_model; "
            "m = load_model(sys.argv[1]); "
            "np.save('out.npy', m.predict(pd.read_csv('houses.csv')))")
    subprocess.run([sys.executable, "-c", code, str(model_path)], cwd=tmp_path, check=True,
                   timeout=120)
    expected = load_model(model_path).predict(X_test)
    np.testing.assert_array_equal(np.load(tmp_path / "out.npy"), expected)


def test_metadata_records_what_the_issue_asks(model_path):
    _, meta = load_model(model_path, with_metadata=True)
    document = json.loads(model_path.with_suffix(".json").read_text())
    assert document["schema_version"] == 1
    assert all(len(a["sha256"]) == 64 for a in document["arrays"].values())
    assert meta["features"] == list(hp.FEATURES) and meta["name"] == hp.CHOSEN[0]
    assert set(meta["categories"]["type"]) == {"Condo", "Multi_Family", "Residential"}
    assert len(meta["training_data_sha256"]) == 64
    assert set(meta["test_metrics"]) == {"rmse", "mae", "r2"}
    assert {"python", "numpy", "pandas", "fastapi", "pydantic"} <= set(meta["library_versions"])


# --- the service --------------------------------------------------------------------------

def test_health_and_model(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    r = client.get("/model")
    assert r.status_code == 200
    body = r.json()
    assert body["features"] == list(hp.FEATURES) and "drift_reference" not in body
    assert "Ridge" in body["pipeline"]


def test_predict_one_and_a_batch(client, model_path, data):
    model = load_model(model_path)
    r = client.post("/predict", json=HOUSE)
    assert r.status_code == 200
    expected = model.predict(pd.DataFrame([HOUSE]))[0]
    assert r.json() == {"price": round(float(expected), 2)}
    X_train, X_test, _, _ = data
    known = X_test[X_test["city"].isin(set(X_train["city"]))]
    assert len(known) == len(X_test) - 4   # 4 test houses are in towns the model never saw
    r = client.post("/predict", json=known.to_dict(orient="records"))
    assert r.status_code == 200
    np.testing.assert_allclose(r.json()["prices"], model.predict(known), atol=0.005)


@pytest.mark.parametrize("change, field, words", [
    ({"sqft": "big"}, "sqft", "valid integer"),
    ({"sqft": 1500.5}, "sqft", "valid integer"),
    ({"sqft": 50}, "sqft", "greater than or equal to 200"),
    ({"beds": -1}, "beds", "greater than or equal to 0"),
    ({"baths": 2.25}, "baths", "multiple of 0.5"),
    ({"city": "ATLANTIS"}, "city", "SACRAMENTO"),
    ({"type": "Castle"}, "type", "Residential"),
    ({"garage": True}, "garage", "Extra inputs are not permitted"),
    ({"sqft": None}, "sqft", "valid integer"),
])
def test_bad_input_gets_a_422_naming_the_field(client, change, field, words):
    r = client.post("/predict", json={**HOUSE, **change})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail[0]["field"] == field and words in detail[0]["msg"]
    assert r.json()["message"].startswith(field)


def test_bad_requests_as_a_whole(client):
    house = dict(HOUSE)
    del house["city"]
    r = client.post("/predict", json=house)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "city"
    assert "Field required" in r.json()["detail"][0]["msg"]
    r = client.post("/predict", json=[HOUSE, {**HOUSE, "beds": "three"}])
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "[1].beds"
    r = client.post("/predict", json=[])
    assert r.status_code == 422 and "1 to 10000" in r.json()["message"]
    r = client.post("/predict", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["message"]
    r = client.post("/predict", json=5)
    assert r.status_code == 422
    r = client.post("/predict", json=[HOUSE] * (hp.MAX_BATCH + 1))
    assert r.status_code == 422 and "10001" in r.json()["message"]


def test_a_missing_or_corrupt_model_fails_at_start_up(tmp_path, model_path):
    with pytest.raises(ModelFileError, match="cannot start the house-price service: no model"):
        hp.create_app(tmp_path / "nothing")
    for suffix in (".json", ".npz"):
        (tmp_path / f"bad{suffix}").write_bytes(model_path.with_suffix(suffix).read_bytes())
    npz = dict(np.load(tmp_path / "bad.npz"))
    key = sorted(npz)[0]
    npz[key] = npz[key].copy()
    npz[key].flat[0] += 1
    np.savez(tmp_path / "bad.npz", **npz)
    with pytest.raises(ModelFileError, match="changed or damaged"):
        hp.create_app(tmp_path / "bad")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        hp.create_app(tmp_path / "bad")
    # a valid model file without the service's metadata
    save_model(hp.DummyRegressor().fit(np.zeros((3, 1)), [1.0, 2.0, 3.0]), tmp_path / "plain")
    with pytest.raises(ModelFileError, match="lacks the metadata"):
        hp.create_app(tmp_path / "plain")


def test_app_factory_reads_the_environment(monkeypatch, model_path, tmp_path):
    monkeypatch.setenv("HOUSE_PRICES_MODEL", str(model_path))
    app = hp.app_from_environment()
    assert app.title == "Sacramento house prices"
    assert TestClient(app).get("/health").json()["status"] == "ok"
    monkeypatch.setenv("HOUSE_PRICES_MODEL", str(tmp_path / "missing"))
    with pytest.raises(ModelFileError):
        hp.app_from_environment()


# --- drift -------------------------------------------------------------------------------

def test_gap_04_psi():
    assert hp.psi([0.5, 0.5], [0.5, 0.5]) == 0.0
    expected = (0.7 - 0.5) * np.log(0.7 / 0.5) + (0.3 - 0.5) * np.log(0.3 / 0.5)
    assert hp.psi([0.5, 0.5], [0.7, 0.3]) == pytest.approx(expected)
    assert np.isfinite(hp.psi([0.5, 0.5], [1.0, 0.0]))


def test_gap_02_error_by_group():
    table = hp.error_by_group([100.0, 200.0, 300.0, 400.0], [110.0, 180.0, 300.0, 460.0],
                              ["b", "a", "b", "a"])
    assert table.index.tolist() == ["a", "b"]
    assert table["n"].tolist() == [2, 2]
    np.testing.assert_allclose(table["mae"], [40.0, 5.0])
    np.testing.assert_allclose(table["bias"], [20.0, 5.0])
    bands = pd.cut(pd.Series([1.0, 5.0, 9.0]), [0, 4, 10])
    assert hp.error_by_group([1.0, 5.0, 9.0], [2.0, 5.0, 9.0], bands)["n"].tolist() == [1, 2]


def test_gap_03_drift_reference():
    X = pd.DataFrame({"sqft": np.arange(1, 101) * 10, "beds": [1] * 50 + [2] * 30 + [3] * 20,
                      "baths": [2.0] * 100, "city": ["B"] * 70 + ["A"] * 30,
                      "type": ["Condo"] * 100})
    ref = hp.drift_reference(X)
    assert ref["sqft"]["kind"] == "numeric"
    np.testing.assert_allclose(ref["sqft"]["edges"], np.quantile(X["sqft"], np.arange(1, 10) / 10))
    np.testing.assert_allclose(ref["sqft"]["expected"], [0.1] * 10)
    # beds: deciles 1,1,1,1,1.5,2,2,2.2,3 -> edges 1, 1.5, 2, 2.2, 3
    np.testing.assert_allclose(ref["beds"]["edges"], [1.0, 1.5, 2.0, 2.2, 3.0])
    np.testing.assert_allclose(ref["beds"]["expected"], [0, 0.5, 0, 0.3, 0, 0.2])
    assert ref["baths"] == {"kind": "numeric", "edges": [2.0], "expected": [0.0, 1.0]}
    assert ref["city"] == {"kind": "categorical", "categories": ["A", "B"],
                           "expected": [0.3, 0.7]}
    json.dumps(ref)   # plain floats and str, ready for the model's JSON


def test_drift_report_is_stable_on_training_data_and_catches_a_shift(data):
    X_train, X_test, _, _ = data
    ref = hp.drift_reference(X_train)
    assert len(ref["sqft"]["expected"]) == 10 and len(ref["beds"]["expected"]) < 10
    np.testing.assert_allclose(sum(ref["city"]["expected"]), 1.0)
    monitor = hp.DriftMonitor(ref, min_samples=100)
    monitor.update(X_test.iloc[:20])
    assert monitor.report()["features"]["sqft"]["verdict"] == "too few inputs"
    monitor.reset()
    for _ in range(3):   # the training rows themselves: nothing moved
        monitor.update(X_train)
    report = monitor.report()
    assert report["n_inputs"] == 3 * len(X_train)
    assert all(f["psi"] < 1e-9 for f in report["features"].values())
    assert report["features"]["sqft"]["ks_at_bin_edges"] == 0.0
    shifted = X_train.assign(sqft=(X_train["sqft"] * 1.3).round().astype(int))
    monitor.reset()
    monitor.update(shifted)
    report = monitor.report()["features"]
    assert report["sqft"]["verdict"] == "major shift" and report["beds"]["verdict"] == "stable"
    # memory is the histograms, whatever the number of inputs
    assert {k: v.shape for k, v in monitor.counts.items()} == {
        k: (len(r["expected"]),) for k, r in ref.items()}


def test_drift_endpoint(client, data):
    X_train, _, _, _ = data
    client.post("/predict", json=X_train.iloc[:200].to_dict(orient="records"))
    report = client.get("/drift").json()
    assert report["n_inputs"] >= 200 and set(report["features"]) == set(hp.FEATURES)
    assert report["features"]["city"]["verdict"] in {"stable", "moderate shift"}


# --- the command line and the real server -----------------------------------------------

def test_build_command(tmp_path, capsys):
    assert hp.main(["build", str(tmp_path / "m")]) == 0
    assert "test RMSE $" in capsys.readouterr().out
    assert (tmp_path / "m.json").exists() and (tmp_path / "m.npz").exists()


def test_live_server_on_a_free_port(model_path):
    """uvicorn in a subprocess on a free port of 127.0.0.1, asked over HTTP, then stopped."""
    import httpx2 as httpx

    from benchmarks.house_prices_service import free_port, start_server, stop_server
    port = free_port()
    proc = start_server(model_path, port, timeout=60)  # returns once /health answers
    try:
        url = f"http://127.0.0.1:{port}"
        r = httpx.post(f"{url}/predict", json=HOUSE, timeout=10)
        assert r.status_code == 200 and r.json()["price"] > 0
        r = httpx.post(f"{url}/predict", json=[HOUSE, HOUSE], timeout=10)
        assert r.status_code == 200 and len(r.json()["prices"]) == 2
        r = httpx.post(f"{url}/predict", json={**HOUSE, "city": "ATLANTIS"}, timeout=10)
        assert r.status_code == 422 and r.json()["detail"][0]["field"] == "city"
        assert httpx.get(f"{url}/drift", timeout=10).json()["n_inputs"] == 3
    finally:
        stop_server(proc)
    assert proc.returncode is not None


def test_service_benchmark_runs_in_process():
    from benchmarks.house_prices_service import format_results, run
    results, loads = run(n_requests=3, http=False)
    assert set(results) == {"pipeline.predict (in process)", "FastAPI TestClient (in process)"}
    for r in results.values():
        assert 0 < r["p50_ms"] <= r["p99_ms"] and set(r["per_second"]) == {1, 100, 10_000}
    assert "load average" in format_results(results, loads)
