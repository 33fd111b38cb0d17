"""Datasets for the course: shipped real data, toy generators and business examples.

Three kinds of data, all offline and all deterministic:

- **Loaders** for the small real datasets shipped in ``utils/datasets/`` (CSV; the SMS corpus
  is tab-separated)
  (sources, licences and citations in ``utils/datasets/README.md``). Each returns the
  pandas DataFrame read from the file, or ``(X, y)`` NumPy arrays with
  ``return_X_y=True``. The DataFrame's columns are the feature names; for the ``(X, y)``
  form of penguins and titanic, which use a subset of the columns, the names are in
  ``PENGUINS_FEATURES`` and ``TITANIC_FEATURES``.
- **Toy generators** (``make_linear``, ``make_blobs``, ``make_moons``, ``make_circles``,
  ``make_spirals``, ``make_xor``) that return ``(X, y)`` arrays: X is float64 of shape
  (n_samples, n_features); y is float64 for regression and int64 class labels
  0, 1, ... for classification.
- **Business examples** (``make_houses``, ``make_customers``, ``make_loans``,
  ``make_transactions``, ``make_messages``): synthetic but realistic pandas DataFrames
  whose generating process is written out in each docstring (and, where there is one,
  the true model in a module constant) so a notebook can compare what a model learns
  with the truth.

Every generator takes ``random_state`` (None, an int or a ``numpy.random.Generator``):
the same seed gives the same data.
"""
import csv
import numbers
from pathlib import Path

import numpy as np
import pandas as pd

from utils.validation import check_bool, check_random_state, check_scalar

__all__ = [
    "load_iris", "load_breast_cancer", "load_diabetes", "load_digits", "load_penguins",
    "load_titanic", "load_sms_spam", "load_credit", "load_sacramento",
    "make_linear", "make_blobs", "make_moons", "make_circles", "make_spirals", "make_xor",
    "make_houses", "make_customers", "make_loans", "make_transactions", "make_messages",
    "DATASETS_DIR", "IRIS_TARGET_NAMES", "BREAST_CANCER_TARGET_NAMES", "PENGUINS_FEATURES",
    "TITANIC_FEATURES", "CREDIT_FEATURES", "SACRAMENTO_FEATURES", "HOUSES_TRUE_COEF", "HOUSES_NOISE_STD", "LOANS_TRUE_LOGIT",
]

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"

#: Class names of ``load_iris``: target 0, 1, 2.
IRIS_TARGET_NAMES = ("setosa", "versicolor", "virginica")
#: Class names of ``load_breast_cancer``: target 0 is malignant, 1 is benign.
BREAST_CANCER_TARGET_NAMES = ("malignant", "benign")
#: The columns of X in ``load_penguins(return_X_y=True)``.
PENGUINS_FEATURES = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
#: The columns of X in ``load_titanic(return_X_y=True)``; sex_female is 1 for female.
TITANIC_FEATURES = ("pclass", "age", "sibsp", "parch", "fare", "sex_female")
#: The columns of X in ``load_credit(return_X_y=True)``; records_yes is 1 for a past record.
CREDIT_FEATURES = ("Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt",
                   "Amount", "Price", "records_yes")
#: The columns of X in ``load_sacramento(return_X_y=True)``: three numbers, two categories.
SACRAMENTO_FEATURES = ("sqft", "beds", "baths", "city", "type")


# ---------------------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------------------

def _read_csv(filename, **kwargs):
    # Only an empty field means "missing" (so no text such as "NA" is silently lost).
    # pandas' default float parser reads these files bitwise equal to the values that were
    # written (tested against scikit-learn's copies in utils/tests/test_data.py).
    return pd.read_csv(DATASETS_DIR / filename, keep_default_na=False, na_values=[""],
                       **kwargs)


def _load_with_target(filename, return_X_y, y_dtype=np.int64):
    check_bool(return_X_y, "return_X_y")
    df = _read_csv(filename)
    if not return_X_y:
        return df
    X = df.drop(columns="target").to_numpy(dtype=np.float64)
    y = df["target"].to_numpy(dtype=y_dtype)
    return X, y


def load_iris(return_X_y=False):
    """Load Fisher's iris data: 150 flowers, 4 measurements, 3 species.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (150, 5)
        Columns ``"sepal length (cm)"``, ``"sepal width (cm)"``, ``"petal length (cm)"``,
        ``"petal width (cm)"`` (float) and ``"target"`` (int: 0 setosa, 1 versicolor,
        2 virginica, 50 of each; names in ``IRIS_TARGET_NAMES``).
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (150, 4), y int64 of shape (150,).
        Equal to scikit-learn's ``load_iris(return_X_y=True)``.
    """
    return _load_with_target("iris.csv", return_X_y)


def load_breast_cancer(return_X_y=False):
    """Load the Wisconsin diagnostic breast cancer data: 569 tumours, 30 features.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (569, 31)
        30 float columns named as in scikit-learn (with spaces: ``"mean radius"``, ...,
        ``"worst fractal dimension"``): the mean, standard error and worst value of ten
        cell-nucleus measurements. Last column ``"target"`` (int): 0 malignant (212),
        1 benign (357); names in ``BREAST_CANCER_TARGET_NAMES``.
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (569, 30), y int64 of shape (569,).
        Equal to scikit-learn's ``load_breast_cancer(return_X_y=True)``.
    """
    return _load_with_target("breast_cancer.csv", return_X_y)


def load_diabetes(return_X_y=False):
    """Load the diabetes regression data of Efron et al. (2004): 442 patients.

    The ten features are scikit-learn's default *scaled* version: each column is
    mean-centred and divided by its standard deviation times sqrt(442), so its sum of
    squares is 1 (``sex`` therefore takes two values, not 1 and 2).

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (442, 11)
        Columns ``age``, ``sex``, ``bmi`` (body mass index), ``bp`` (mean blood
        pressure), ``s1`` ... ``s6`` (six blood serum measurements) and ``target``
        (int): a quantitative measure of disease progression one year after baseline
        (25 to 346).
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (442, 10), y float64 of shape
        (442,). Bitwise equal to scikit-learn's ``load_diabetes(return_X_y=True)``.
    """
    return _load_with_target("diabetes.csv", return_X_y, y_dtype=np.float64)


def load_digits(return_X_y=False):
    """Load the 8x8 handwritten digits: 1797 images, 64 pixels, digits 0 to 9.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (1797, 65)
        Integer columns ``pixel_0`` ... ``pixel_63`` (row-major: ``pixel_{8 * row + col}``),
        each a count from 0 to 16, and ``target``, the digit (int 0 to 9). Show an
        image with ``X[i].reshape(8, 8)``.
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (1797, 64), y int64 of shape
        (1797,). Equal to scikit-learn's ``load_digits(return_X_y=True)``.
    """
    return _load_with_target("digits.csv", return_X_y)


def load_penguins(return_X_y=False):
    """Load the Palmer penguins: 344 penguins of three species, with missing values.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (344, 8)
        Columns ``species`` (str: Adelie 152, Chinstrap 68, Gentoo 124), ``island``
        (str: Biscoe, Dream, Torgersen), ``bill_length_mm``, ``bill_depth_mm``,
        ``flipper_length_mm``, ``body_mass_g`` (float), ``sex`` (str: female, male)
        and ``year`` (int, 2007 to 2009). Missing values are NaN: two penguins have
        no measurements at all and eleven have no sex.
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (342, 4), the four measurements
        in the order of ``PENGUINS_FEATURES``, and y, the species as a str array of
        shape (342,). The two rows with a missing measurement are dropped (a missing
        ``sex`` does not matter, since sex is not in X); the other rows keep their order.
    """
    check_bool(return_X_y, "return_X_y")
    df = _read_csv("penguins.csv")
    if not return_X_y:
        return df
    complete = df[list(PENGUINS_FEATURES)].notna().all(axis=1)
    X = df.loc[complete, list(PENGUINS_FEATURES)].to_numpy(dtype=np.float64)
    y = df.loc[complete, "species"].to_numpy(dtype=str)
    return X, y


def load_titanic(return_X_y=False):
    """Load the Titanic passenger list (Harrell's titanic3): 1309 passengers.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (1309, 14)
        Columns ``pclass`` (int: 1, 2, 3), ``survived`` (int 0/1; 500 survived),
        ``name``, ``sex`` (str: female, male), ``age`` (float years; under one year as
        fractions; 263 missing), ``sibsp`` (siblings and spouses aboard), ``parch``
        (parents and children aboard), ``ticket`` (str), ``fare`` (float, pounds;
        1 missing), ``cabin`` (str; 1014 missing), ``embarked`` (str: C Cherbourg,
        Q Queenstown, S Southampton; 2 missing), ``boat`` (str, lifeboat; 823 missing),
        ``body`` (float, body identification number; 1188 missing), ``home.dest``
        (str; 564 missing). Missing values are NaN. ``boat`` and ``body`` were recorded
        after the sinking and give the answer away: never use them as features.
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (1045, 6) with the columns of
        ``TITANIC_FEATURES``: pclass, age, sibsp, parch, fare and sex_female (1.0 for
        female, 0.0 for male); y, ``survived`` as int64 of shape (1045,). The 264
        passengers with a missing age or fare are dropped; the others keep their order.
    """
    check_bool(return_X_y, "return_X_y")
    df = _read_csv("titanic.csv", dtype={"ticket": str, "boat": str, "cabin": str})
    if not return_X_y:
        return df
    features = df[["pclass", "age", "sibsp", "parch", "fare"]].assign(
        sex_female=(df["sex"] == "female").astype(np.float64))
    complete = features.notna().all(axis=1)
    X = features.loc[complete, list(TITANIC_FEATURES)].to_numpy(dtype=np.float64)
    y = df.loc[complete, "survived"].to_numpy(dtype=np.int64)
    return X, y


def load_sms_spam(return_X_y=False):
    """Load the SMS Spam Collection v.1: 5574 real SMS messages, 747 of them spam.

    Almeida, Gomez Hidalgo and Yamakami (2011), CC BY 4.0; provenance in
    ``utils/datasets/README.md``. The file is tab-separated (label, text) with no header
    and is read with quoting off, so every message is exactly the text of its line.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(texts, labels)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (5574, 2)
        Columns ``label`` (str: "ham" for 4827 messages, "spam" for 747) and ``text``
        (str), in file order. 403 texts repeat an earlier one, as in the original.
    (texts, labels) : tuple of ndarray of shape (5574,), dtype object
        With ``return_X_y=True``: the messages and their labels, as str.
    """
    check_bool(return_X_y, "return_X_y")
    df = pd.read_csv(DATASETS_DIR / "sms_spam.tsv", sep="\t", header=None,
                     names=["label", "text"], quoting=csv.QUOTE_NONE, dtype=str,
                     keep_default_na=False, encoding="utf-8")
    if not return_X_y:
        return df
    return df["text"].to_numpy(dtype=object), df["label"].to_numpy(dtype=object)


def load_credit(return_X_y=False):
    """Load the credit-scoring data (modeldata's ``credit_data``): 4454 loans, good or bad.

    Real loans of a Spanish bank with the status of their repayment; provenance and
    licence (MIT, through the R package modeldata) in ``utils/datasets/README.md``.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` arrays instead of the DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (4454, 14)
        Columns ``Status`` (str: "good" 3200, "bad" 1254, the target), ``Seniority``
        (years with the current employer), ``Home`` (str: owner, rent, parents, priv,
        other, ignore; 6 missing), ``Time`` (months of the loan), ``Age`` (years),
        ``Marital`` (str: married, single, separated, widow, divorced; 1 missing),
        ``Records`` (str: "yes" if the client has a record of past defaults, "no"),
        ``Job`` (str: fixed, freelance, partime, others; 2 missing), ``Expenses``
        (monthly), ``Income`` (monthly; 381 missing), ``Assets`` (47 missing), ``Debt``
        (18 missing), ``Amount`` (the loan), ``Price`` (of the purchase it pays for).
        Money is in the source's units (not stated; thousands of pesetas or euros are
        plausible). Missing values are NaN.
    (X, y) : tuple of ndarray
        With ``return_X_y=True``: X float64 of shape (4040, 10) with the columns of
        ``CREDIT_FEATURES`` (the nine numeric columns and records_yes, 1.0 for a past
        record); y, ``Status`` as an object array of str ("good" 3014, "bad" 1026).
        The 414 loans with a missing income, assets or debt are dropped; the others keep
        their order.
    """
    check_bool(return_X_y, "return_X_y")
    df = _read_csv("credit.csv")
    if not return_X_y:
        return df
    features = df[list(CREDIT_FEATURES[:-1])].assign(
        records_yes=(df["Records"] == "yes").astype(np.float64))
    complete = features.notna().all(axis=1)
    X = features.loc[complete, list(CREDIT_FEATURES)].to_numpy(dtype=np.float64)
    y = df.loc[complete, "Status"].to_numpy(dtype=object)
    return X, y


def load_sacramento(return_X_y=False):
    """Load the Sacramento house sales (modeldata's ``Sacramento``): 932 sales, with prices.

    Real sales of houses in and around Sacramento, California, reported over five days of
    May of 2008; provenance and licence in ``utils/datasets/README.md``.

    Parameters
    ----------
    return_X_y : bool, default False
        Return ``(X, y)`` instead of the whole DataFrame.

    Returns
    -------
    df : pandas.DataFrame of shape (932, 9)
        Columns ``city`` (str, 37 places, upper case with underscores), ``zip`` (str, 68
        ZIP codes written with a leading "z"), ``beds`` (int), ``baths`` (float, halves),
        ``sqft`` (int, living area in square feet), ``type`` (str: Residential, Condo,
        Multi_Family), ``price`` (int, US dollars, the target), ``latitude``,
        ``longitude`` (floats). No missing values.
    (X, y) : tuple
        With ``return_X_y=True``: X, a DataFrame with the columns of
        ``SACRAMENTO_FEATURES`` (numbers and strings mixed, so not an array), and y,
        ``price`` as float64.
    """
    check_bool(return_X_y, "return_X_y")
    df = _read_csv("sacramento.csv")
    if not return_X_y:
        return df
    return df[list(SACRAMENTO_FEATURES)].copy(), df["price"].to_numpy(dtype=np.float64)


# ---------------------------------------------------------------------------------------
# Argument checks shared by the generators
# ---------------------------------------------------------------------------------------

def _check_n_samples(n_samples, min_val=1):
    return check_scalar(n_samples, "n_samples", kind=numbers.Integral, min_val=min_val)


def _check_noise(noise):
    return check_scalar(noise, "noise", kind=numbers.Real, min_val=0)


def _split_evenly(n_samples, n_groups):
    """Group sizes that differ by at most one; the first groups get the extra samples."""
    counts = np.full(n_groups, n_samples // n_groups)
    counts[: n_samples % n_groups] += 1
    return counts


def _round_half_up(x):
    return int(np.floor(x + 0.5))


# ---------------------------------------------------------------------------------------
# Toy generators
# ---------------------------------------------------------------------------------------

def make_linear(n_samples=100, n_features=1, coef=None, intercept=0.0, noise=0.0,
                random_state=None, return_coef=False):
    """Regression data from a known linear model.

    ``X`` has independent standard normal entries and
    ``y = X @ coef + intercept + noise * e`` with ``e`` standard normal, so with
    ``noise=0`` least squares recovers ``coef`` and ``intercept`` exactly (up to
    rounding).

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    n_features : int, default 1
        Number of columns of X, at least 1.
    coef : array-like of shape (n_features,) or float, optional
        The true weights. If None, each is drawn uniformly from [-5, 5].
    intercept : float, default 0.0
        The true intercept.
    noise : float, default 0.0
        Standard deviation of the Gaussian noise added to y, at least 0.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.
    return_coef : bool, default False
        Also return the true ``coef`` (useful when it was drawn).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), float64
    coef : ndarray of shape (n_features,), float64
        Only with ``return_coef=True``.
    """
    _check_n_samples(n_samples)
    check_scalar(n_features, "n_features", kind=numbers.Integral, min_val=1)
    check_scalar(intercept, "intercept", kind=numbers.Real)
    _check_noise(noise)
    check_bool(return_coef, "return_coef")
    if coef is not None:
        try:
            coef = np.asarray(coef, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise ValueError(f"coef must be numbers, got {coef!r}") from None
        if coef.shape != (n_features,):
            raise ValueError(f"coef must have one value per feature (n_features={n_features}), "
                             f"got {coef.shape[0]} value(s).")
        if not np.isfinite(coef).all():
            raise ValueError("coef contains NaN or infinity.")
    rng = check_random_state(random_state)

    X = rng.standard_normal((n_samples, n_features))
    if coef is None:
        coef = rng.uniform(-5.0, 5.0, size=n_features)
    # Always draw the noise, so that only `noise` changes between two calls with one seed
    y = X @ coef + intercept + noise * rng.standard_normal(n_samples)
    if return_coef:
        return X, y, coef
    return X, y


def make_blobs(n_samples=100, centers=3, n_features=2, cluster_std=1.0, random_state=None,
               return_centers=False):
    """Isotropic Gaussian clusters, one class per cluster.

    Sample ``i`` of cluster ``k`` is ``centers[k] + cluster_std[k] * e`` with ``e``
    standard normal in ``n_features`` dimensions. The clusters get equal shares of the
    samples (the first ``n_samples % n_centers`` get one more) and the rows are shuffled.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    centers : int or array-like of shape (n_centers, n_features), default 3
        The number of clusters, whose centres are then drawn uniformly from the box
        [-10, 10]^n_features, or the centres themselves.
    n_features : int, default 2
        Number of columns of X when ``centers`` is an int (ignored when the centres are
        given: they fix it).
    cluster_std : float or array-like of shape (n_centers,), default 1.0
        Standard deviation of each cluster, at least 0 (0 puts every point on its centre).
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.
    return_centers : bool, default False
        Also return the centres.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int64
        The cluster of each row, 0 to n_centers - 1.
    centers : ndarray of shape (n_centers, n_features), float64
        Only with ``return_centers=True``.
    """
    _check_n_samples(n_samples)
    check_bool(return_centers, "return_centers")
    if isinstance(centers, numbers.Integral) and not isinstance(centers, bool):
        check_scalar(centers, "centers", kind=numbers.Integral, min_val=1)
        check_scalar(n_features, "n_features", kind=numbers.Integral, min_val=1)
        n_centers, center_array = centers, None
    else:
        try:
            center_array = np.asarray(centers, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"centers must be an int or a 2-D array of numbers, "
                             f"got {centers!r}") from None
        if center_array.ndim != 2 or 0 in center_array.shape:
            raise ValueError("centers must be an int or a non-empty 2-D array of shape "
                             f"(n_centers, n_features), got shape {center_array.shape}.")
        if not np.isfinite(center_array).all():
            raise ValueError("centers contains NaN or infinity.")
        n_centers, n_features = center_array.shape
    if np.ndim(cluster_std) == 0:
        check_scalar(cluster_std, "cluster_std", kind=numbers.Real, min_val=0)
        std = np.full(n_centers, float(cluster_std))
    else:
        try:
            std = np.asarray(cluster_std, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"cluster_std must be a number or an array of numbers, "
                             f"got {cluster_std!r}") from None
        if std.shape != (n_centers,):
            raise ValueError(f"cluster_std must be a number or have one value per centre "
                             f"({n_centers}), got shape {std.shape}.")
        if not (np.isfinite(std).all() and (std >= 0).all()):
            raise ValueError(f"cluster_std must be finite and >= 0, got {cluster_std!r}")
    rng = check_random_state(random_state)

    if center_array is None:
        center_array = rng.uniform(-10.0, 10.0, size=(n_centers, n_features))
    y = np.repeat(np.arange(n_centers), _split_evenly(n_samples, n_centers))
    X = center_array[y] + std[y, None] * rng.standard_normal((n_samples, n_features))
    order = rng.permutation(n_samples)
    if return_centers:
        return X[order], y[order], center_array
    return X[order], y[order]


def make_moons(n_samples=100, noise=0.0, random_state=None):
    """Two interleaving half circles (not linearly separable).

    Class 0: ``n_samples // 2`` points evenly spaced on the upper half of the unit
    circle centred at (0, 0). Class 1: the other points, evenly spaced on the lower half
    of the unit circle centred at (1, 0.5). The same geometry as scikit-learn's
    ``make_moons``. Then Gaussian noise of standard deviation ``noise`` is added to each
    coordinate, and the rows are shuffled.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    noise : float, default 0.0
        Standard deviation of the noise, at least 0.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64
        0 for the upper moon, 1 for the lower one.
    """
    _check_n_samples(n_samples)
    _check_noise(noise)
    rng = check_random_state(random_state)

    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = np.linspace(0.0, np.pi, n_outer)
    t_inner = np.linspace(0.0, np.pi, n_inner)
    X = np.vstack([
        np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
        np.column_stack([1.0 - np.cos(t_inner), 0.5 - np.sin(t_inner)]),
    ])
    y = np.repeat([0, 1], [n_outer, n_inner])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def make_circles(n_samples=100, noise=0.0, factor=0.5, random_state=None):
    """A small circle inside a large one (not linearly separable).

    Class 0: ``n_samples // 2`` points evenly spaced on the unit circle (angles
    ``2 pi j / n``, starting at 0). Class 1: the other points, evenly spaced on the
    circle of radius ``factor``. Both centred at the origin, as in scikit-learn's
    ``make_circles``. Then Gaussian noise of standard deviation ``noise`` is added to
    each coordinate, and the rows are shuffled.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    noise : float, default 0.0
        Standard deviation of the noise, at least 0.
    factor : float, default 0.5
        Radius of the inner circle, strictly between 0 and 1.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64
        0 for the outer circle, 1 for the inner one.
    """
    _check_n_samples(n_samples)
    _check_noise(noise)
    check_scalar(factor, "factor", kind=numbers.Real, min_val=0, max_val=1,
                 include_min=False, include_max=False)
    rng = check_random_state(random_state)

    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = np.linspace(0.0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0.0, 2 * np.pi, n_inner, endpoint=False)
    X = np.vstack([
        np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
        factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)]),
    ])
    y = np.repeat([0, 1], [n_outer, n_inner])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def make_spirals(n_samples=100, n_classes=3, noise=0.0, random_state=None):
    """Interleaved spiral arms, one class per arm (the classic neural-network toy).

    The classes get equal shares of the samples (the first ``n_samples % n_classes``
    get one more). Point ``j = 0, ..., m - 1`` of class ``k`` (which has ``m`` points)
    has radius ``r = (j + 1) / m`` and angle ``2 pi k / n_classes + 2 pi r``, so each arm
    makes one full turn from near the centre out to radius 1, and the arms are rotated
    copies of each other. Then Gaussian noise of standard deviation ``noise`` is added
    to each coordinate, and the rows are shuffled.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    n_classes : int, default 3
        Number of arms, at least 2.
    noise : float, default 0.0
        Standard deviation of the noise, at least 0 (try 0.02 to 0.1).
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64
        The arm of each row, 0 to n_classes - 1.
    """
    _check_n_samples(n_samples)
    check_scalar(n_classes, "n_classes", kind=numbers.Integral, min_val=2)
    _check_noise(noise)
    rng = check_random_state(random_state)

    counts = _split_evenly(n_samples, n_classes)
    y = np.repeat(np.arange(n_classes), counts)
    # position of each sample within its own class: 0, 1, ..., counts[k] - 1
    first_of_class = np.cumsum(counts) - counts
    j = np.arange(n_samples) - first_of_class[y]
    r = (j + 1) / counts[y]
    angle = 2 * np.pi * y / n_classes + 2 * np.pi * r
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def make_xor(n_samples=100, noise=0.0, random_state=None):
    """The XOR problem: the class is 1 where exactly one coordinate is negative.

    The samples are split evenly over the four quadrants (the first
    ``n_samples % 4`` quadrants, in the order (+, +), (-, +), (-, -), (+, -), get one
    more) and drawn uniformly in the quadrant's unit square (coordinates of absolute
    value in (0, 1]). The label is 1 in the quadrants (-, +) and (+, -), i.e. where
    ``x1 * x2 < 0``, and 0 elsewhere, so the two classes differ in size by at most one.
    Then Gaussian noise of standard deviation ``noise`` is added to each coordinate
    (labels keep the clean quadrant, so noise blurs the boundary), and the rows are
    shuffled. No single line separates the classes.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows, at least 1.
    noise : float, default 0.0
        Standard deviation of the noise, at least 0.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64
    """
    _check_n_samples(n_samples)
    _check_noise(noise)
    rng = check_random_state(random_state)

    signs = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
    quadrant = np.repeat(np.arange(4), _split_evenly(n_samples, 4))
    # 1 - uniform[0, 1) lies in (0, 1]: no point sits on an axis
    X = signs[quadrant] * (1.0 - rng.uniform(size=(n_samples, 2)))
    y = quadrant % 2
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order], y[order]


# ---------------------------------------------------------------------------------------
# Business examples
# ---------------------------------------------------------------------------------------

#: The true model of ``make_houses``: price (thousands) = intercept + sum(coef * feature)
#: + noise, where the location terms are one-hot (rural is the baseline, 0).
HOUSES_TRUE_COEF = {"intercept": 50.0, "size_m2": 2.5, "bedrooms": 10.0,
                    "location_city": 120.0, "location_suburb": 40.0, "location_rural": 0.0}
#: Standard deviation of the Gaussian noise on the price in ``make_houses`` (thousands).
HOUSES_NOISE_STD = 25.0

#: The true model of ``make_loans``: P(approved) = sigmoid(z) with
#: ``z = intercept + credit_score * (credit_score - 650) + loan_to_income * loan_amount / income
#: + employment_<kind> + has_default_history * [has_default_history]``.
LOANS_TRUE_LOGIT = {"intercept": 1.0, "credit_score": 0.02, "loan_to_income": -2.0,
                    "employment_salaried": 0.5, "employment_self-employed": 0.0,
                    "employment_unemployed": -2.0, "has_default_history": -2.5}


def make_houses(n_samples=200, random_state=None):
    """House sales with a known linear price model (regression with a categorical).

    Generating process, row by row:

    1. ``location`` is "city", "suburb" or "rural" with probabilities 0.3, 0.5, 0.2.
    2. ``size_m2`` ~ Normal(mean 85 in the city, 120 in the suburbs, 135 in the
       country; sd 30), rounded to a whole m^2 and clipped to [30, 300]. City homes are
       smaller, so size and location are correlated.
    3. ``bedrooms`` = round(size_m2 / 35 + Normal(0, 0.6)), clipped to [1, 6].
    4. ``price`` (thousands) = 50 + 2.5 * size_m2 + 10 * bedrooms
       + (120 if city, 40 if suburb, 0 if rural) + Normal(0, 25), rounded to 0.1.

    The coefficients are in ``HOUSES_TRUE_COEF`` and the noise level in
    ``HOUSES_NOISE_STD``: linear regression on size_m2, bedrooms and a one-hot location
    should recover them, and its residual standard deviation should be about 25.

    Parameters
    ----------
    n_samples : int, default 200
        Number of houses, at least 1.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 4)
        Columns ``size_m2`` (int), ``bedrooms`` (int), ``location`` (str) and
        ``price`` (float, thousands).
    """
    _check_n_samples(n_samples)
    rng = check_random_state(random_state)

    locations = np.array(["city", "suburb", "rural"])
    loc = rng.choice(3, size=n_samples, p=[0.3, 0.5, 0.2])
    mean_size = np.array([85.0, 120.0, 135.0])[loc]
    size = np.clip(np.round(rng.normal(mean_size, 30.0)), 30, 300)
    bedrooms = np.clip(np.round(size / 35 + rng.normal(0.0, 0.6, size=n_samples)), 1, 6)
    c = HOUSES_TRUE_COEF
    location_effect = np.array([c["location_city"], c["location_suburb"],
                                c["location_rural"]])[loc]
    price = (c["intercept"] + c["size_m2"] * size + c["bedrooms"] * bedrooms
             + location_effect + rng.normal(0.0, HOUSES_NOISE_STD, size=n_samples))
    return pd.DataFrame({
        "size_m2": size.astype(np.int64),
        "bedrooms": bedrooms.astype(np.int64),
        "location": locations[loc].astype(object),
        "price": np.round(price, 1),
    })


# name: (share, income mean, income sd, spending mean, spending sd, age mean, age sd,
#        visits per month)
_CUSTOMER_SEGMENTS = {
    "budget":     (0.15, 25.0, 6.0, 30.0, 10.0, 24.0, 4.0, 3.0),
    "trendy":     (0.20, 35.0, 8.0, 80.0, 8.0, 26.0, 5.0, 9.0),
    "affluent":   (0.20, 95.0, 15.0, 75.0, 10.0, 42.0, 8.0, 6.0),
    "frugal":     (0.20, 90.0, 15.0, 20.0, 8.0, 48.0, 9.0, 2.0),
    "mainstream": (0.25, 55.0, 10.0, 50.0, 8.0, 38.0, 8.0, 5.0),
}


def make_customers(n_samples=300, random_state=None):
    """Shop customers drawn from five hidden segments (for clustering).

    Each customer first gets a segment, then independent features around that
    segment's profile:

    ============ ===== ============== ============== ========= ======
    segment      share annual_income  spending_score age       visits
    ============ ===== ============== ============== ========= ======
    budget       0.15  25 +- 6        30 +- 10       24 +- 4   3
    trendy       0.20  35 +- 8        80 +- 8        26 +- 5   9
    affluent     0.20  95 +- 15       75 +- 10       42 +- 8   6
    frugal       0.20  90 +- 15       20 +- 8        48 +- 9   2
    mainstream   0.25  55 +- 10       50 +- 8        38 +- 8   5
    ============ ===== ============== ============== ========= ======

    ``annual_income`` (thousands) ~ Normal(mean, sd), clipped below at 8 and rounded
    to 0.1; ``spending_score`` ~ Normal(mean, sd) rounded and clipped to [1, 100];
    ``age`` ~ Normal(mean, sd) rounded and clipped to [18, 80];
    ``visits_per_month`` ~ Poisson(visits). Income and spending score separate the
    segments best; age and visits overlap more.

    Parameters
    ----------
    n_samples : int, default 300
        Number of customers, at least 1.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 5)
        Columns ``annual_income`` (float, thousands), ``spending_score`` (int, 1 to
        100), ``age`` (int), ``visits_per_month`` (int) and ``segment`` (str, the
        hidden truth: hide it from a clustering algorithm, use it to judge the result).
    """
    _check_n_samples(n_samples)
    rng = check_random_state(random_state)

    names = np.array(list(_CUSTOMER_SEGMENTS))
    table = np.array(list(_CUSTOMER_SEGMENTS.values()))
    share, inc_m, inc_s, spend_m, spend_s, age_m, age_s, visits = table.T
    seg = rng.choice(len(names), size=n_samples, p=share)
    income = np.round(np.maximum(rng.normal(inc_m[seg], inc_s[seg]), 8.0), 1)
    spending = np.clip(np.round(rng.normal(spend_m[seg], spend_s[seg])), 1, 100)
    age = np.clip(np.round(rng.normal(age_m[seg], age_s[seg])), 18, 80)
    n_visits = rng.poisson(visits[seg])
    return pd.DataFrame({
        "annual_income": income,
        "spending_score": spending.astype(np.int64),
        "age": age.astype(np.int64),
        "visits_per_month": n_visits.astype(np.int64),
        "segment": names[seg].astype(object),
    })


def make_loans(n_samples=500, random_state=None):
    """Loan applications with an approval decision from a known logistic rule.

    Generating process, row by row:

    1. ``employment`` is "salaried", "self-employed" or "unemployed" with
       probabilities 0.65, 0.25, 0.10.
    2. ``income`` (thousands a year) is log-normal with median 50 (salaried),
       55 (self-employed) or 15 (unemployed) and log-sd 0.35, 0.6, 0.4; at least 5,
       rounded to 0.1.
    3. ``loan_amount`` (thousands) = income * LogNormal(median 0.8, log-sd 0.5), at
       least 1, rounded to 0.1.
    4. ``credit_score`` ~ Normal(680, 70), rounded and clipped to [300, 850].
    5. ``has_default_history`` is True with probability 0.25 if credit_score < 600,
       else 0.05.
    6. ``approved`` ~ Bernoulli(sigmoid(z)) with
       z = 1.0 + 0.02 (credit_score - 650) - 2.0 loan_amount / income
       + (0.5 salaried, 0 self-employed, -2.0 unemployed) - 2.5 has_default_history.

    The coefficients of z are in ``LOANS_TRUE_LOGIT``. The Bernoulli draw is the noise:
    even the true model cannot predict every decision. Note that z uses the ratio
    loan_amount / income, not the two columns: a feature worth engineering.

    Parameters
    ----------
    n_samples : int, default 500
        Number of applications, at least 1.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 6)
        Columns ``income`` (float), ``loan_amount`` (float), ``credit_score`` (int),
        ``employment`` (str), ``has_default_history`` (bool) and ``approved``
        (int 0/1).
    """
    _check_n_samples(n_samples)
    rng = check_random_state(random_state)

    kinds = np.array(["salaried", "self-employed", "unemployed"])
    emp = rng.choice(3, size=n_samples, p=[0.65, 0.25, 0.10])
    median_income = np.array([50.0, 55.0, 15.0])[emp]
    log_sd = np.array([0.35, 0.6, 0.4])[emp]
    income = np.round(np.maximum(median_income * np.exp(log_sd * rng.standard_normal(
        n_samples)), 5.0), 1)
    ratio = 0.8 * np.exp(0.5 * rng.standard_normal(n_samples))
    loan = np.round(np.maximum(income * ratio, 1.0), 1)
    credit = np.clip(np.round(rng.normal(680.0, 70.0, size=n_samples)), 300, 850)
    default = rng.uniform(size=n_samples) < np.where(credit < 600, 0.25, 0.05)

    c = LOANS_TRUE_LOGIT
    employment_effect = np.array([c["employment_salaried"], c["employment_self-employed"],
                                  c["employment_unemployed"]])[emp]
    z = (c["intercept"] + c["credit_score"] * (credit - 650)
         + c["loan_to_income"] * loan / income + employment_effect
         + c["has_default_history"] * default)
    approved = rng.uniform(size=n_samples) < 1.0 / (1.0 + np.exp(-z))
    return pd.DataFrame({
        "income": income,
        "loan_amount": loan,
        "credit_score": credit.astype(np.int64),
        "employment": kinds[emp].astype(object),
        "has_default_history": default,
        "approved": approved.astype(np.int64),
    })


def make_transactions(n_samples=5000, fraud_rate=0.01, random_state=None):
    """Card transactions with rare fraud (an imbalanced classification problem).

    Exactly ``round(fraud_rate * n_samples)`` rows (rounding half up) are fraud, placed
    at random. Each feature comes from a different distribution for the two classes,
    and the two overlap heavily, as in real card data: half the frauds happen at the
    usual hours, and most look like an ordinary purchase in every single feature.

    ====================== ============================= ==================================
    column                 legitimate                    fraud
    ====================== ============================= ==================================
    amount                 log-normal, median 30, sd 0.9 log-normal, median 90, sd 1.1
    hour                   Normal(14, 4) rounded, mod 24 half Normal(2, 3), half as
                                                         legitimate; rounded, mod 24
    distance_from_home_km  log-normal, median 5, sd 1.0  log-normal, median 20, sd 1.3
    n_transactions_24h     Poisson(3)                    Poisson(4.5)
    is_online              Bernoulli(0.3)                Bernoulli(0.55)
    ====================== ============================= ==================================

    (log-normal sd is the sd of the log). Amounts are rounded to cents and at least
    0.50; distances to 0.1 km. Accuracy is useless here: predicting "never fraud"
    scores 1 - fraud_rate. With 1 % fraud a logistic regression on these features has
    a ROC AUC of about 0.93 to 0.96, but at a threshold of 0.5 it catches only about a
    quarter of the frauds: precision and recall must be traded against each other.

    Parameters
    ----------
    n_samples : int, default 5000
        Number of transactions, at least 1.
    fraud_rate : float, default 0.01
        Fraction of fraudulent transactions, in [0, 1].
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 6)
        Columns ``amount`` (float), ``hour`` (int 0 to 23), ``distance_from_home_km``
        (float), ``n_transactions_24h`` (int), ``is_online`` (bool) and ``is_fraud``
        (int 0/1).
    """
    _check_n_samples(n_samples)
    check_scalar(fraud_rate, "fraud_rate", kind=numbers.Real, min_val=0, max_val=1)
    rng = check_random_state(random_state)

    fraud = np.zeros(n_samples, dtype=bool)
    fraud[: _round_half_up(fraud_rate * n_samples)] = True
    fraud = rng.permutation(fraud)
    n = n_samples
    # draw both versions of each feature for every row and keep the one of its class:
    # simple, vectorised, and the legitimate rows do not depend on fraud_rate's draws
    amount = np.where(fraud, 90.0 * np.exp(1.1 * rng.standard_normal(n)),
                      30.0 * np.exp(0.9 * rng.standard_normal(n)))
    at_night = fraud & (rng.uniform(size=n) < 0.5)
    hour = np.where(at_night, np.round(rng.normal(2.0, 3.0, n)),
                    np.round(rng.normal(14.0, 4.0, n)))
    distance = np.where(fraud, 20.0 * np.exp(1.3 * rng.standard_normal(n)),
                        5.0 * np.exp(1.0 * rng.standard_normal(n)))
    n_24h = np.where(fraud, rng.poisson(4.5, n), rng.poisson(3.0, n))
    online = rng.uniform(size=n) < np.where(fraud, 0.55, 0.3)
    return pd.DataFrame({
        "amount": np.round(np.maximum(amount, 0.5), 2),
        "hour": np.mod(hour, 24).astype(np.int64),
        "distance_from_home_km": np.round(distance, 1),
        "n_transactions_24h": n_24h.astype(np.int64),
        "is_online": online,
        "is_fraud": fraud.astype(np.int64),
    })


_SPAM_TEMPLATES = (
    "{shout}! You have been selected to win a {prize}. Call {phone} now to claim.",
    "URGENT: your {account} has been suspended. Click {link} to verify today.",
    "FREE {prize} for you! Reply {keyword} to {phone}, {deadline}.",
    "Get {percent}% off {product}, {deadline}. Click {link} now!",
    "Earn {money} a week from home, no experience needed. Call {phone} today.",
    "{shout}, you won {money} cash! Claim your prize now: {link}",
)
_HAM_TEMPLATES = (
    "Are we still on for {meal} {day}?",
    "Can you pick up {item} on the way home?",
    "I'll be {minutes} minutes late, {reason}. See you soon",
    "Did you finish the {work} for {day}? Call me when you are free",
    "Thanks for {thing}, it was {adjective}!",
    "Running late, save me a seat. Now at {place}",
    "Happy birthday! Hope you have a {wish} day",
)
_SLOTS = {
    "shout": ["Congratulations", "WINNER", "Dear customer", "Hello friend"],
    "prize": ["free iPhone", "$1000 gift card", "holiday to Spain", "new laptop", "cash prize"],
    "phone": ["0800 555 0199", "0900 555 0142", "0870 555 0111"],
    "account": ["bank account", "mailbox", "parcel delivery", "mobile account"],
    "link": ["http://claim-now.example", "http://verify-account.example",
             "http://free-gift.example"],
    "keyword": ["WIN", "YES", "CLAIM", "STOP"],
    "deadline": ["today only", "offer ends tonight", "this week only", "while stocks last"],
    "percent": ["50", "70", "80", "90"],
    "product": ["designer watches", "weight loss pills", "cheap meds", "luxury bags"],
    "money": ["$500", "$2000", "1000 pounds", "$5000"],
    "meal": ["lunch", "dinner", "coffee", "drinks"],
    "day": ["today", "tomorrow", "friday", "the weekend", "monday"],
    "item": ["some milk", "bread", "the kids", "my parcel", "a pizza"],
    "minutes": ["5", "10", "15", "20"],
    "reason": ["traffic is bad", "the bus is late", "my meeting ran over", "I missed the train"],
    "work": ["report", "slides", "homework", "budget", "essay"],
    "thing": ["dinner", "the lift", "your help", "the birthday present", "yesterday"],
    "adjective": ["great", "lovely", "really fun", "amazing", "perfect"],
    "wish": ["great", "lovely", "wonderful", "relaxing"],
    "place": ["the station", "the office", "the shop", "home"],
}
# openings and endings make the messages more varied (fewer exact duplicates)
_SPAM_OPENINGS = ("", "", "FREE MSG: ", "Dear winner, ", "ALERT: ")
_SPAM_ENDINGS = ("", "", " T&Cs apply.", " Txt STOP to opt out.", " Limited offer!")
_HAM_OPENINGS = ("", "", "Hey, ", "Hi! ", "Ok so ", "Sorry, ")
_HAM_ENDINGS = ("", "", " :)", " x", " Thanks", " lol")


def make_messages(n_samples=500, spam_fraction=0.3, random_state=None):
    """Short text messages labelled spam or ham (for naive Bayes and text features).

    Exactly ``round(spam_fraction * n_samples)`` messages (rounding half up) are spam,
    placed at random. Each message is one of six spam or seven ham templates, chosen
    uniformly, whose slots are filled with words drawn uniformly from small word lists,
    with an opening and an ending drawn from short lists of the message's class (often
    empty: "FREE MSG: ", " Txt STOP to opt out." for spam; "Hey, ", " :)" for ham).
    Spam uses words such as "free", "win", "prize", "claim", "urgent", "click"; ham talks
    about meals, days and errands. Some words ("call", "free", "now", "today") appear in
    both, so a single word does not decide the label.

    Parameters
    ----------
    n_samples : int, default 500
        Number of messages, at least 1.
    spam_fraction : float, default 0.3
        Fraction of spam messages, in [0, 1].
    random_state : None, int or numpy.random.Generator
        Seed for reproducible data.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 2)
        Columns ``text`` (str) and ``label`` (str, "spam" or "ham").
    """
    _check_n_samples(n_samples)
    check_scalar(spam_fraction, "spam_fraction", kind=numbers.Real, min_val=0, max_val=1)
    rng = check_random_state(random_state)

    spam = np.zeros(n_samples, dtype=bool)
    spam[: _round_half_up(spam_fraction * n_samples)] = True
    spam = rng.permutation(spam)
    templates = np.where(spam,
                         np.array(_SPAM_TEMPLATES, dtype=object)[
                             rng.integers(len(_SPAM_TEMPLATES), size=n_samples)],
                         np.array(_HAM_TEMPLATES, dtype=object)[
                             rng.integers(len(_HAM_TEMPLATES), size=n_samples)])
    # one word per slot and message; a template ignores the slots it does not use
    fills = {slot: np.array(words, dtype=object)[rng.integers(len(words), size=n_samples)]
             for slot, words in _SLOTS.items()}
    texts = [template.format(**{slot: fills[slot][i] for slot in fills})
             for i, template in enumerate(templates)]
    openings = np.where(spam, rng.choice(_SPAM_OPENINGS, size=n_samples),
                        rng.choice(_HAM_OPENINGS, size=n_samples))
    endings = np.where(spam, rng.choice(_SPAM_ENDINGS, size=n_samples),
                       rng.choice(_HAM_ENDINGS, size=n_samples))
    texts = [start + text + end for start, text, end in zip(openings, texts, endings)]
    return pd.DataFrame({
        "text": pd.Series(texts, dtype=object),
        "label": np.where(spam, "spam", "ham").astype(object),
    })
