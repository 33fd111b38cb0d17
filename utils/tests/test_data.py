import re

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets as skd
from sklearn.linear_model import LinearRegression, LogisticRegression

from utils import data
from utils.data import (BREAST_CANCER_TARGET_NAMES, DATASETS_DIR, HOUSES_NOISE_STD,
                        HOUSES_TRUE_COEF, IRIS_TARGET_NAMES, LOANS_TRUE_LOGIT,
                        PENGUINS_FEATURES, TITANIC_FEATURES, load_breast_cancer, load_diabetes,
                        load_digits, load_iris, load_penguins, load_titanic, make_blobs,
                        make_circles, make_customers, make_linear, make_loans, make_messages,
                        make_moons, make_spirals, make_transactions, make_xor, make_houses)

# ---------------------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------------------

SKLEARN_TWINS = [
    (load_iris, skd.load_iris, (150, 4)),
    (load_breast_cancer, skd.load_breast_cancer, (569, 30)),
    (load_diabetes, skd.load_diabetes, (442, 10)),
    (load_digits, skd.load_digits, (1797, 64)),
]


@pytest.mark.parametrize("ours, theirs, shape", SKLEARN_TWINS)
def test_loaders_equal_sklearn_bundled_data_bitwise(ours, theirs, shape):
    X, y = ours(return_X_y=True)
    X_ref, y_ref = theirs(return_X_y=True)
    assert X.shape == shape and X.dtype == np.float64
    assert y.shape == (shape[0],) and y.dtype == y_ref.dtype
    assert np.array_equal(y, y_ref)
    if ours is load_diabetes:
        # scikit-learn scales the raw diabetes table each time it loads it; since 1.8 its
        # arithmetic differs from 1.7.2's (which wrote our CSV) in the last bit of 0.25 % of
        # the entries (5e-15 relative). Our copy stays fixed; compare to that precision.
        np.testing.assert_allclose(X, X_ref, rtol=1e-14, atol=1e-17)
    else:
        # bitwise, not approximately: the CSVs hold round-trip representations
        assert np.array_equal(X, X_ref)


def test_diabetes_is_sklearns_scaled_version():
    X, y = load_diabetes(return_X_y=True)
    assert y.dtype == np.float64
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose((X ** 2).sum(axis=0), 1, rtol=1e-12)
    # to the last bit or so: see test_loaders_equal_sklearn_bundled_data_bitwise
    np.testing.assert_allclose(X, skd.load_diabetes().data, rtol=1e-14, atol=1e-17)


@pytest.mark.parametrize("ours, theirs, shape", SKLEARN_TWINS)
def test_loader_frames_have_sklearn_column_names_and_integer_target(ours, theirs, shape):
    df = ours()
    ref = theirs()
    assert isinstance(df, pd.DataFrame)
    assert df.shape == (shape[0], shape[1] + 1)
    assert df.columns[-1] == "target" and df["target"].dtype == np.int64
    if ours is load_digits:
        assert list(df.columns[:-1]) == [f"pixel_{i}" for i in range(64)]
        assert (df.dtypes[:-1] == np.int64).all()
        assert df.iloc[:, :-1].to_numpy().min() == 0 and df.iloc[:, :-1].to_numpy().max() == 16
    else:
        assert list(df.columns[:-1]) == list(ref.feature_names)
        assert (df.dtypes[:-1] == np.float64).all()
    np.testing.assert_array_equal(df["target"].to_numpy(), ref.target)


def test_breast_cancer_columns_keep_their_spaces():
    df = load_breast_cancer()
    assert "mean radius" in df.columns and "worst fractal dimension" in df.columns


def test_target_names_match_sklearn():
    assert IRIS_TARGET_NAMES == tuple(skd.load_iris().target_names)
    assert BREAST_CANCER_TARGET_NAMES == tuple(skd.load_breast_cancer().target_names)
    assert np.bincount(load_iris()["target"]).tolist() == [50, 50, 50]
    assert np.bincount(load_breast_cancer()["target"]).tolist() == [212, 357]


def test_penguins_frame_has_missing_values():
    df = load_penguins()
    assert df.shape == (344, 8)
    assert list(df.columns) == ["species", "island", "bill_length_mm", "bill_depth_mm",
                                "flipper_length_mm", "body_mass_g", "sex", "year"]
    assert df[list(PENGUINS_FEATURES)].dtypes.eq(np.float64).all()
    assert df[list(PENGUINS_FEATURES)].isna().any(axis=1).sum() == 2
    assert df["sex"].isna().sum() == 11
    assert df["species"].value_counts().to_dict() == {"Adelie": 152, "Gentoo": 124,
                                                      "Chinstrap": 68}
    assert set(df["island"]) == {"Biscoe", "Dream", "Torgersen"}
    assert set(df["sex"].dropna()) == {"female", "male"}
    assert df["year"].dtype == np.int64
    # a known row, as shipped by the palmerpenguins package
    assert df.iloc[0].tolist() == ["Adelie", "Torgersen", 39.1, 18.7, 181.0, 3750.0,
                                   "male", 2007]


def test_penguins_X_y_drops_rows_with_missing_measurements():
    X, y = load_penguins(return_X_y=True)
    assert X.shape == (342, 4) and X.dtype == np.float64
    assert y.shape == (342,) and y.dtype.kind == "U"
    assert not np.isnan(X).any()
    expected = load_penguins().dropna(subset=list(PENGUINS_FEATURES))
    np.testing.assert_array_equal(X, expected[list(PENGUINS_FEATURES)].to_numpy())
    np.testing.assert_array_equal(y, expected["species"].to_numpy(dtype=str))


def test_titanic_frame():
    df = load_titanic()
    assert df.shape == (1309, 14)
    assert list(df.columns) == ["pclass", "survived", "name", "sex", "age", "sibsp", "parch",
                                "ticket", "fare", "cabin", "embarked", "boat", "body",
                                "home.dest"]
    missing = df.isna().sum()
    assert missing.to_dict() == {"pclass": 0, "survived": 0, "name": 0, "sex": 0, "age": 263,
                                 "sibsp": 0, "parch": 0, "ticket": 0, "fare": 1,
                                 "cabin": 1014, "embarked": 2, "boat": 823, "body": 1188,
                                 "home.dest": 564}
    assert df["survived"].sum() == 500
    assert sorted(df["pclass"].unique()) == [1, 2, 3]
    assert set(df["sex"]) == {"female", "male"}
    assert set(df["embarked"].dropna()) == {"C", "Q", "S"}
    for col in ["pclass", "survived", "sibsp", "parch"]:
        assert df[col].dtype == np.int64
    for col in ["age", "fare", "body"]:
        assert df[col].dtype == np.float64
    assert df.loc[1, "name"] == "Allison, Master. Hudson Trevor"
    assert df.loc[1, "age"] == 0.9167


def test_titanic_X_y():
    X, y = load_titanic(return_X_y=True)
    assert X.shape == (1045, len(TITANIC_FEATURES)) and X.dtype == np.float64
    assert y.shape == (1045,) and y.dtype == np.int64
    assert not np.isnan(X).any()
    assert set(np.unique(y)) == {0, 1}
    df = load_titanic().dropna(subset=["age", "fare"])
    np.testing.assert_array_equal(X[:, :5], df[list(TITANIC_FEATURES[:5])].to_numpy())
    np.testing.assert_array_equal(X[:, 5], (df["sex"] == "female").to_numpy(dtype=float))
    np.testing.assert_array_equal(y, df["survived"].to_numpy())


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_diabetes, load_digits,
                                    load_penguins, load_titanic])
def test_loaders_reject_non_bool_return_X_y(loader):
    with pytest.raises(ValueError, match="return_X_y must be True or False"):
        loader(return_X_y="yes")


def test_every_shipped_csv_is_documented():
    readme = (DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    csvs = sorted(p.name for p in DATASETS_DIR.glob("*.csv"))
    assert csvs == ["breast_cancer.csv", "credit.csv", "diabetes.csv", "digits.csv",
                    "iris.csv", "penguins.csv", "sacramento.csv", "titanic.csv"]
    for name in csvs:
        assert f"## {name}" in readme
        section = readme.split(f"## {name}")[1].split("\n## ")[0]
        for word in ["Source", "Licence", "Citation", "Rows", "Target"]:
            assert word in section, (name, word)


# ---------------------------------------------------------------------------------------
# Toy generators
# ---------------------------------------------------------------------------------------

CLASSIFICATION_GENERATORS = [make_blobs, make_moons, make_circles, make_spirals, make_xor]
ALL_ARRAY_GENERATORS = [make_linear] + CLASSIFICATION_GENERATORS
FRAME_GENERATORS = [make_houses, make_customers, make_loans, make_transactions, make_messages]


@pytest.mark.parametrize("make", CLASSIFICATION_GENERATORS)
@pytest.mark.parametrize("n_samples", [1, 2, 7, 100, 101])
def test_classification_generators_shapes_and_dtypes(make, n_samples):
    X, y = make(n_samples=n_samples, random_state=0)
    assert X.shape == (n_samples, 2) and X.dtype == np.float64
    assert y.shape == (n_samples,) and y.dtype == np.int64
    assert np.isfinite(X).all()


@pytest.mark.parametrize("make, n_classes", [(make_blobs, 3), (make_moons, 2),
                                             (make_circles, 2), (make_spirals, 3),
                                             (make_xor, 2)])
@pytest.mark.parametrize("n_samples", [99, 100, 101, 1000])
def test_classification_generators_balance_classes(make, n_classes, n_samples):
    _, y = make(n_samples=n_samples, random_state=1)
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes
    assert counts.max() - counts.min() <= 1
    assert counts.sum() == n_samples


@pytest.mark.parametrize("make", ALL_ARRAY_GENERATORS)
def test_array_generators_are_deterministic(make):
    X1, y1 = make(n_samples=50, noise=0.1, random_state=3) if make is not make_blobs \
        else make(n_samples=50, random_state=3)
    X2, y2 = make(n_samples=50, noise=0.1, random_state=3) if make is not make_blobs \
        else make(n_samples=50, random_state=3)
    X3, _ = make(n_samples=50, noise=0.1, random_state=4) if make is not make_blobs \
        else make(n_samples=50, random_state=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    # a Generator is used as it is: two calls continue the same stream
    rng = np.random.default_rng(3)
    Xa, _ = make(n_samples=50, random_state=rng)
    Xb, _ = make(n_samples=50, random_state=rng)
    assert not np.array_equal(Xa, Xb)


@pytest.mark.parametrize("make", [make_moons, make_circles, make_spirals, make_xor])
def test_noise_is_gaussian_with_the_given_std_and_keeps_labels(make):
    X0, y0 = make(n_samples=20000, noise=0.0, random_state=5)
    X1, y1 = make(n_samples=20000, noise=0.2, random_state=5)
    # the noise draw does not depend on its scale, so the rows line up
    assert np.array_equal(y0, y1)
    diff = X1 - X0
    np.testing.assert_allclose(diff.std(axis=0), 0.2, rtol=0.03)
    np.testing.assert_allclose(diff.mean(axis=0), 0, atol=0.01)


def test_make_linear_recovers_coef_and_intercept_exactly_without_noise():
    coef = np.array([1.5, -2.0, 0.25])
    X, y = make_linear(n_samples=50, n_features=3, coef=coef, intercept=4.0, random_state=0)
    assert X.shape == (50, 3) and y.shape == (50,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    A = np.column_stack([X, np.ones(len(X))])
    w, *_ = np.linalg.lstsq(A, y, rcond=None)
    np.testing.assert_allclose(w[:3], coef, rtol=1e-12)
    np.testing.assert_allclose(w[3], 4.0, rtol=1e-12)
    np.testing.assert_allclose(y, X @ coef + 4.0, rtol=0, atol=0)


def test_make_linear_draws_coef_and_can_return_it():
    X, y, coef = make_linear(n_samples=30, n_features=4, random_state=1, return_coef=True)
    assert coef.shape == (4,) and coef.dtype == np.float64
    assert np.all(np.abs(coef) <= 5)
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(w, coef, rtol=1e-10)
    # the same seed without return_coef gives the same data
    X2, y2 = make_linear(n_samples=30, n_features=4, random_state=1)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_make_linear_noise_and_scalar_coef():
    X0, y0 = make_linear(n_samples=20000, coef=3.0, random_state=2)
    X1, y1 = make_linear(n_samples=20000, coef=3.0, noise=0.5, random_state=2)
    assert np.array_equal(X0, X1)
    np.testing.assert_allclose((y1 - y0).std(), 0.5, rtol=0.03)
    np.testing.assert_allclose(y0, 3.0 * X0[:, 0], rtol=0, atol=0)
    assert abs(X0.mean()) < 0.05 and abs(X0.std() - 1) < 0.05


def test_make_blobs_zero_std_puts_points_on_the_centres():
    centers = [[0.0, 0.0], [5.0, 5.0], [-3.0, 2.0], [1.0, -7.0]]
    X, y, c = make_blobs(n_samples=10, centers=centers, cluster_std=0.0, random_state=0,
                         return_centers=True)
    np.testing.assert_array_equal(c, centers)
    np.testing.assert_array_equal(X, np.asarray(centers)[y])
    assert np.bincount(y).tolist() == [3, 3, 2, 2]


def test_make_blobs_cluster_means_and_stds():
    X, y, c = make_blobs(n_samples=30000, centers=3, n_features=5, cluster_std=[0.5, 1, 2],
                         random_state=0, return_centers=True)
    assert X.shape == (30000, 5) and c.shape == (3, 5)
    assert np.all(np.abs(c) <= 10)
    for k, std in enumerate([0.5, 1.0, 2.0]):
        np.testing.assert_allclose(X[y == k].mean(axis=0), c[k], atol=0.1)
        np.testing.assert_allclose(X[y == k].std(axis=0), std, rtol=0.05)


def test_make_blobs_centers_array_sets_n_features():
    X, y = make_blobs(n_samples=12, centers=np.zeros((2, 3)), random_state=0)
    assert X.shape == (12, 3) and set(y) == {0, 1}


def _sorted_rows(A):
    # sort on rounded keys so that a last-bit difference cannot reorder two rows
    return A[np.lexsort(np.round(A, 10).T)]


def test_make_moons_geometry_and_sklearn():
    X, y = make_moons(n_samples=101, random_state=0)
    upper, lower = X[y == 0], X[y == 1]
    assert len(upper) == 50 and len(lower) == 51
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-14)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, rtol=1e-14)
    assert (upper[:, 1] >= -1e-15).all() and (lower[:, 1] <= 0.5 + 1e-15).all()
    X_ref, y_ref = skd.make_moons(n_samples=101, shuffle=False, noise=0.0)
    for k in (0, 1):
        np.testing.assert_allclose(_sorted_rows(X[y == k]), _sorted_rows(X_ref[y_ref == k]),
                                   rtol=0, atol=1e-15)


@pytest.mark.parametrize("factor", [0.3, 0.5, 0.8])
def test_make_circles_geometry_and_sklearn(factor):
    X, y = make_circles(n_samples=100, factor=factor, random_state=0)
    r = np.hypot(*X.T)
    np.testing.assert_allclose(r[y == 0], 1.0, rtol=1e-14)
    np.testing.assert_allclose(r[y == 1], factor, rtol=1e-14)
    X_ref, y_ref = skd.make_circles(n_samples=100, shuffle=False, noise=0.0, factor=factor)
    for k in (0, 1):
        np.testing.assert_allclose(_sorted_rows(X[y == k]), _sorted_rows(X_ref[y_ref == k]),
                                   rtol=0, atol=1e-15)


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_make_spirals_geometry(n_classes):
    X, y = make_spirals(n_samples=200, n_classes=n_classes, random_state=0)
    r = np.hypot(*X.T)
    assert r.min() > 0 and r.max() == pytest.approx(1.0)
    # angle = 2 pi k / K + 2 pi r, modulo a full turn
    expected = 2 * np.pi * y / n_classes + 2 * np.pi * r
    delta = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    np.testing.assert_allclose(delta, 0, atol=1e-12)
    # within a class the radii are evenly spaced (j + 1) / m
    for k in range(n_classes):
        rk = np.sort(r[y == k])
        np.testing.assert_allclose(rk, np.arange(1, len(rk) + 1) / len(rk), rtol=1e-12)


def test_make_xor_geometry():
    X, y = make_xor(n_samples=1001, random_state=0)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))
    assert (np.abs(X) > 0).all() and (np.abs(X) <= 1).all()
    quadrant_counts = [np.sum((np.sign(X) == s).all(axis=1))
                       for s in ([1, 1], [-1, 1], [-1, -1], [1, -1])]
    assert quadrant_counts == [251, 250, 250, 250]


@pytest.mark.parametrize("make", ALL_ARRAY_GENERATORS + FRAME_GENERATORS)
@pytest.mark.parametrize("n_samples, match", [
    (0, "n_samples must be >= 1"),
    (-5, "n_samples must be >= 1"),
    (2.5, "n_samples must be of type Integral"),
    ("10", "n_samples must be of type Integral"),
    (True, "n_samples must be of type Integral"),
])
def test_generators_reject_bad_n_samples(make, n_samples, match):
    with pytest.raises(ValueError, match=match):
        make(n_samples=n_samples)


@pytest.mark.parametrize("make", [make_linear, make_moons, make_circles, make_spirals,
                                  make_xor])
@pytest.mark.parametrize("noise, match", [(-0.1, "noise must be >= 0"),
                                          (np.nan, "noise must be finite"),
                                          ("a", "noise must be of type Real")])
def test_generators_reject_bad_noise(make, noise, match):
    with pytest.raises(ValueError, match=match):
        make(noise=noise)


@pytest.mark.parametrize("make", ALL_ARRAY_GENERATORS + FRAME_GENERATORS)
def test_generators_reject_bad_random_state(make):
    with pytest.raises(ValueError, match="random_state"):
        make(random_state="seed")


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_features=0), "n_features must be >= 1"),
    (dict(n_features=2, coef=[1.0]), r"one value per feature \(n_features=2\)"),
    (dict(coef=[np.nan]), "coef contains NaN"),
    (dict(coef="abc"), "coef must be numbers"),
    (dict(intercept=np.inf), "intercept must be finite"),
    (dict(return_coef=1), "return_coef must be True or False"),
])
def test_make_linear_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_linear(**kwargs)


@pytest.mark.parametrize("kwargs, match", [
    (dict(centers=0), "centers must be >= 1"),
    (dict(centers=[1.0, 2.0]), "non-empty 2-D array"),
    (dict(centers=np.zeros((0, 2))), "non-empty 2-D array"),
    (dict(centers=[[np.inf, 0.0]]), "centers contains NaN or infinity"),
    (dict(centers="abc"), "centers must be an int or a 2-D array"),
    (dict(n_features=0), "n_features must be >= 1"),
    (dict(cluster_std=-1.0), "cluster_std must be >= 0"),
    (dict(cluster_std=[1.0, 2.0]), r"one value per centre \(3\)"),
    (dict(cluster_std=[1.0, -2.0, 1.0]), "cluster_std must be finite and >= 0"),
    (dict(cluster_std=["a", "b", "c"]), "cluster_std must be a number or an array"),
])
def test_make_blobs_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_blobs(**kwargs)


@pytest.mark.parametrize("factor, match", [(0, "factor must be > 0"), (1, "factor must be < 1"),
                                           (1.5, "factor must be < 1"),
                                           (None, "factor must be of type Real")])
def test_make_circles_bad_factor(factor, match):
    with pytest.raises(ValueError, match=match):
        make_circles(factor=factor)


@pytest.mark.parametrize("n_classes, match", [(1, "n_classes must be >= 2"),
                                              (2.0, "n_classes must be of type Integral")])
def test_make_spirals_bad_n_classes(n_classes, match):
    with pytest.raises(ValueError, match=match):
        make_spirals(n_classes=n_classes)


# ---------------------------------------------------------------------------------------
# Business examples
# ---------------------------------------------------------------------------------------

FRAME_COLUMNS = {
    make_houses: {"size_m2": "int64", "bedrooms": "int64", "location": "str",
                  "price": "float64"},
    make_customers: {"annual_income": "float64", "spending_score": "int64", "age": "int64",
                     "visits_per_month": "int64", "segment": "str"},
    make_loans: {"income": "float64", "loan_amount": "float64", "credit_score": "int64",
                 "employment": "str", "has_default_history": "bool", "approved": "int64"},
    make_transactions: {"amount": "float64", "hour": "int64", "distance_from_home_km": "float64",
                        "n_transactions_24h": "int64", "is_online": "bool", "is_fraud": "int64"},
    make_messages: {"text": "str", "label": "str"},
}


@pytest.mark.parametrize("make", FRAME_GENERATORS)
@pytest.mark.parametrize("n_samples", [1, 17])
def test_frame_generators_columns_dtypes_and_determinism(make, n_samples):
    df = make(n_samples=n_samples, random_state=0)
    assert isinstance(df, pd.DataFrame) and len(df) == n_samples
    # Text columns are "object" before pandas 3 and "str" from pandas 3 on: call both "str".
    kinds = {c: "str" if pd.api.types.is_string_dtype(df[c]) else str(df[c].dtype)
             for c in df.columns}
    assert kinds == FRAME_COLUMNS[make]
    assert not df.isna().any().any()
    pd.testing.assert_frame_equal(df, make(n_samples=n_samples, random_state=0))


@pytest.mark.parametrize("make", FRAME_GENERATORS)
def test_frame_generators_default_sizes_and_different_seeds(make):
    df = make(random_state=0)
    defaults = {make_houses: 200, make_customers: 300, make_loans: 500,
                make_transactions: 5000, make_messages: 500}
    assert len(df) == defaults[make]
    assert not df.equals(make(random_state=1))


def test_make_houses_follows_its_documented_linear_model():
    df = make_houses(n_samples=40000, random_state=0)
    assert set(df["location"]) == {"city", "suburb", "rural"}
    assert df["size_m2"].between(30, 300).all() and df["bedrooms"].between(1, 6).all()
    np.testing.assert_allclose(df["location"].value_counts(normalize=True)[
        ["city", "suburb", "rural"]], [0.3, 0.5, 0.2], atol=0.01)
    X = np.column_stack([df["size_m2"], df["bedrooms"], df["location"] == "city",
                         df["location"] == "suburb"]).astype(float)
    model = LinearRegression().fit(X, df["price"])
    c = HOUSES_TRUE_COEF
    np.testing.assert_allclose(model.coef_, [c["size_m2"], c["bedrooms"], c["location_city"],
                                             c["location_suburb"]], rtol=0.05, atol=0.1)
    assert model.intercept_ == pytest.approx(c["intercept"], abs=3)
    residual = df["price"] - model.predict(X)
    assert residual.std() == pytest.approx(HOUSES_NOISE_STD, rel=0.03)


def test_make_customers_segments():
    df = make_customers(n_samples=20000, random_state=0)
    assert set(df["segment"]) == {"budget", "trendy", "affluent", "frugal", "mainstream"}
    assert df["spending_score"].between(1, 100).all() and df["age"].between(18, 80).all()
    assert (df["annual_income"] >= 8).all() and (df["visits_per_month"] >= 0).all()
    means = df.groupby("segment")[["annual_income", "spending_score"]].mean()
    np.testing.assert_allclose(means.loc["affluent"], [95, 75], rtol=0.05)
    np.testing.assert_allclose(means.loc["frugal"], [90, 20], rtol=0.05)
    np.testing.assert_allclose(df["segment"].value_counts(normalize=True)["mainstream"], 0.25,
                               atol=0.01)


def test_make_loans_follows_its_documented_logistic_rule():
    df = make_loans(n_samples=100000, random_state=0)
    assert set(df["employment"]) == {"salaried", "self-employed", "unemployed"}
    assert df["credit_score"].between(300, 850).all()
    assert (df["income"] >= 5).all() and (df["loan_amount"] >= 1).all()
    assert set(df["approved"]) == {0, 1}
    # defaults are more common below a credit score of 600
    low = df["credit_score"] < 600
    assert df.loc[low, "has_default_history"].mean() > 3 * df.loc[~low, "has_default_history"
                                                                    ].mean()
    X = np.column_stack([df["credit_score"] - 650, df["loan_amount"] / df["income"],
                         df["employment"] == "salaried", df["employment"] == "unemployed",
                         df["has_default_history"]]).astype(float)
    model = LogisticRegression(C=1e6, max_iter=2000).fit(X, df["approved"])
    c = LOANS_TRUE_LOGIT
    np.testing.assert_allclose(
        model.coef_[0], [c["credit_score"], c["loan_to_income"], c["employment_salaried"],
                         c["employment_unemployed"], c["has_default_history"]],
        rtol=0.1, atol=0.002)
    assert model.intercept_[0] == pytest.approx(c["intercept"], abs=0.15)


@pytest.mark.parametrize("n_samples, fraud_rate, n_fraud", [
    (5000, 0.01, 50), (1000, 0.0025, 3), (100, 0.0, 0), (10, 1.0, 10), (3, 0.5, 2)])
def test_make_transactions_exact_fraud_count(n_samples, fraud_rate, n_fraud):
    df = make_transactions(n_samples=n_samples, fraud_rate=fraud_rate, random_state=0)
    assert df["is_fraud"].sum() == n_fraud


def test_make_transactions_features():
    df = make_transactions(n_samples=50000, fraud_rate=0.2, random_state=0)
    assert df["hour"].between(0, 23).all() and (df["amount"] >= 0.5).all()
    assert (df["distance_from_home_km"] >= 0).all() and (df["n_transactions_24h"] >= 0).all()
    by = df.groupby("is_fraud")
    median = by[["amount", "distance_from_home_km"]].median()
    np.testing.assert_allclose(median.loc[0], [30, 5], rtol=0.05)
    np.testing.assert_allclose(median.loc[1], [90, 20], rtol=0.1)
    np.testing.assert_allclose(by["is_online"].mean(), [0.3, 0.55], atol=0.02)
    np.testing.assert_allclose(by["n_transactions_24h"].mean(), [3, 4.5], rtol=0.03)
    # half the frauds at night (around 2 h), half at the legitimate hours (around 14 h):
    # 22 h to 6 h holds 6 % of Normal(14, 4) and 87 % of Normal(2, 3), so 0.5 * (0.87 + 0.06)
    night = df["hour"].isin([22, 23, 0, 1, 2, 3, 4, 5, 6])
    np.testing.assert_allclose(night.groupby(df["is_fraud"]).mean(), [0.06, 0.465], atol=0.015)
    # the fraud is spread over the rows, not stacked at the top
    assert 0.1 < df["is_fraud"].iloc[:1000].mean() < 0.3


@pytest.mark.parametrize("make, name", [(make_transactions, "fraud_rate"),
                                        (make_messages, "spam_fraction")])
@pytest.mark.parametrize("value, match", [(-0.1, "must be >= 0"), (1.5, "must be <= 1"),
                                          ("0.5", "must be of type Real"),
                                          (np.nan, "must be")])
def test_fractions_out_of_range(make, name, value, match):
    with pytest.raises(ValueError, match=f"{name} {match}"):
        make(**{name: value})


@pytest.mark.parametrize("n_samples, spam_fraction, n_spam", [
    (500, 0.3, 150), (7, 0.5, 4), (10, 0.0, 0), (10, 1.0, 10)])
def test_make_messages_labels_and_texts(n_samples, spam_fraction, n_spam):
    df = make_messages(n_samples=n_samples, spam_fraction=spam_fraction, random_state=0)
    assert (df["label"] == "spam").sum() == n_spam
    assert set(df["label"]) <= {"spam", "ham"}
    texts = df["text"].tolist()
    assert all(isinstance(t, str) and len(t) > 10 for t in texts)
    assert not any(re.search(r"[{}]", t) for t in texts)  # every slot was filled


def test_make_messages_words_separate_but_overlap():
    df = make_messages(n_samples=4000, random_state=0)
    spam = df.loc[df["label"] == "spam", "text"].str.lower()
    ham = df.loc[df["label"] == "ham", "text"].str.lower()
    # every spam template has a spammy word; no ham template has one
    assert spam.str.contains("claim|click|win|free|urgent|earn").all()
    assert not ham.str.contains("claim|click|win|prize|urgent|earn|cash").any()
    for shared in ["call", "free", "today"]:
        assert spam.str.contains(shared).any() and ham.str.contains(shared).any()
    assert df["text"].nunique() > 500


def test_module_has_no_sklearn_or_scipy_import():
    source = (DATASETS_DIR.parent / "data.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+(sklearn|scipy)", source, flags=re.M)
    assert set(data.__all__) <= set(dir(data))


# --- the SMS Spam Collection (chapter 06) ------------------------------------------------

def test_load_sms_spam_matches_the_shipped_file():
    import hashlib

    from utils.data import load_sms_spam
    raw = (DATASETS_DIR / "sms_spam.tsv").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == (
        "7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d")
    df = load_sms_spam()
    assert list(df.columns) == ["label", "text"] and df.shape == (5574, 2)
    assert df["label"].value_counts().to_dict() == {"ham": 4827, "spam": 747}
    assert df["text"].duplicated().sum() == 403
    # every message is exactly its line's text: quotes and commas are not parsed
    lines = raw.decode("utf-8").splitlines()
    assert df["text"].tolist() == [line.split("\t", 1)[1] for line in lines]
    assert df["label"].tolist() == [line.split("\t", 1)[0] for line in lines]
    assert any('"' in t for t in df["text"])
    assert df.iloc[2]["label"] == "spam" and df.iloc[2]["text"].startswith("Free entry in 2")


def test_load_sms_spam_return_X_y():
    from utils.data import load_sms_spam
    texts, labels = load_sms_spam(return_X_y=True)
    df = load_sms_spam()
    assert texts.shape == labels.shape == (5574,)
    assert texts.dtype == object and labels.dtype == object
    assert texts.tolist() == df["text"].tolist() and labels.tolist() == df["label"].tolist()
    assert all(isinstance(t, str) and t for t in texts)
    with pytest.raises(ValueError, match="return_X_y must be True or False"):
        load_sms_spam(return_X_y=1)


def test_load_credit_frame():
    from utils.data import load_credit
    df = load_credit()
    assert df.shape == (4454, 14)
    assert list(df.columns) == ["Status", "Seniority", "Home", "Time", "Age", "Marital",
                                "Records", "Job", "Expenses", "Income", "Assets", "Debt",
                                "Amount", "Price"]
    assert df["Status"].value_counts().to_dict() == {"good": 3200, "bad": 1254}
    assert df.isna().sum()[lambda s: s > 0].to_dict() == {
        "Home": 6, "Marital": 1, "Job": 2, "Income": 381, "Assets": 47, "Debt": 18}
    for col in ["Seniority", "Time", "Age", "Expenses", "Amount", "Price"]:
        assert df[col].dtype == np.int64, col
    assert set(df["Records"]) == {"no", "yes"}
    # the first loan, as in modeldata
    assert df.iloc[0].tolist()[:8] == ["good", 9, "rent", 60, 30, "married", "no", "freelance"]
    # the file is the one documented (its SHA-256 is in the README)
    import hashlib
    digest = hashlib.sha256((DATASETS_DIR / "credit.csv").read_bytes()).hexdigest()
    assert digest in (DATASETS_DIR / "README.md").read_text(encoding="utf-8")


def test_load_credit_return_X_y():
    from utils.data import CREDIT_FEATURES, load_credit
    X, y = load_credit(return_X_y=True)
    df = load_credit()
    assert X.shape == (4040, len(CREDIT_FEATURES)) and X.dtype == np.float64
    assert y.shape == (4040,) and y.dtype == object
    assert (y == "good").sum() == 3014 and (y == "bad").sum() == 1026
    complete = df.dropna(subset=["Income", "Assets", "Debt"])
    np.testing.assert_array_equal(X[:, :9], complete[list(CREDIT_FEATURES[:9])].to_numpy(float))
    np.testing.assert_array_equal(X[:, 9], (complete["Records"] == "yes").to_numpy(float))
    assert y.tolist() == complete["Status"].tolist()
    with pytest.raises(ValueError, match="return_X_y must be True or False"):
        load_credit(return_X_y=1)


def test_load_sacramento():
    import hashlib

    from utils.data import SACRAMENTO_FEATURES, load_sacramento
    df = load_sacramento()
    assert df.shape == (932, 9)
    assert list(df.columns) == ["city", "zip", "beds", "baths", "sqft", "type", "price",
                                "latitude", "longitude"]
    assert not df.isna().any().any()
    assert df["type"].value_counts().to_dict() == {"Residential": 866, "Condo": 53,
                                                   "Multi_Family": 13}
    assert df["city"].nunique() == 37 and df["zip"].nunique() == 68
    for col in ["beds", "sqft", "price"]:
        assert df[col].dtype == np.int64, col
    # the first sale, as in modeldata
    assert df.iloc[0].tolist()[:7] == ["SACRAMENTO", "z95838", 2, 1.0, 836, "Residential", 59222]
    digest = hashlib.sha256((DATASETS_DIR / "sacramento.csv").read_bytes()).hexdigest()
    assert digest in (DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    X, y = load_sacramento(return_X_y=True)
    assert list(X.columns) == list(SACRAMENTO_FEATURES) and X.shape == (932, 5)
    assert y.dtype == np.float64 and y.tolist() == df["price"].tolist()
    with pytest.raises(ValueError, match="return_X_y must be True or False"):
        load_sacramento(return_X_y=1)
