"""The estimators that ``python -m benchmarks`` times, and how to build them.

``ENTRIES`` is the one list to edit when a chapter lands: each ``Entry`` names our
estimator by the file that defines it (chapter folders start with a digit, so
they are not importable packages), scikit-learn's counterpart by its import
path, the synthetic data both are timed on, and the sizes.
"""
import importlib
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)


class NotAvailable(Exception):
    """Our estimator's file or class does not exist (yet); the entry is skipped."""


def load_object(spec, root=REPO_ROOT):
    """Return the object named by ``spec``.

    Parameters
    ----------
    spec : str
        ``"path/to/file.py:Name"`` (a file, relative to ``root``) or
        ``"package.module:Name"`` (an importable module).
    root : path-like
        The folder that file paths are relative to; the repository root by default.

    Raises
    ------
    NotAvailable
        If the file does not exist or does not define ``Name``.
    """
    module_part, sep, name = spec.rpartition(":")
    if not sep or not module_part or not name:
        raise ValueError(f"expected 'module:Name' or 'path/file.py:Name', got {spec!r}")
    if module_part.endswith(".py"):
        path = Path(root) / module_part
        if not path.is_file():
            raise NotAvailable(f"{module_part} does not exist yet")
        module = _load_file(path.resolve())
    else:
        module = importlib.import_module(module_part)
    if not hasattr(module, name):
        raise NotAvailable(f"{module_part} defines no {name}")
    return getattr(module, name)


def _load_file(path):
    # One module object per file, registered in sys.modules (dataclasses and
    # pickling look modules up there), under a name no real import can clash with.
    mod_name = "_benchmarked_" + re.sub(r"\W", "_", str(path))
    if mod_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(mod_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[mod_name]
            raise
    return sys.modules[mod_name]


@dataclass(frozen=True)
class Entry:
    """One estimator timed against its scikit-learn counterpart.

    Attributes
    ----------
    name : str
        The row label (and what ``--only`` matches).
    ours, reference : str
        Where the classes live, see ``load_object``.
    make_data : callable
        ``make_data(n, d, rng) -> (X, y)``.
    d : int
        Number of features.
    sizes : tuple of int
        Numbers of samples.
    ours_kwargs, reference_kwargs : dict
        Hyperparameters, chosen so that both solve the same problem.
    """

    name: str
    ours: str
    reference: str
    make_data: Callable
    d: int
    sizes: tuple = DEFAULT_SIZES
    ours_kwargs: dict = field(default_factory=dict)
    reference_kwargs: dict = field(default_factory=dict)

    def make_ours(self, root=REPO_ROOT):
        return load_object(self.ours, root)(**self.ours_kwargs)

    def make_reference(self):
        return load_object(self.reference)(**self.reference_kwargs)


def regression_data(n, d, rng):
    """A noisy linear target: y = X w + 3 + noise, with standard normal X and w."""
    X = rng.standard_normal((n, d))
    w = rng.standard_normal(d)
    y = X @ w + 3.0 + 0.5 * rng.standard_normal(n)
    return X, y


def classification_data(n, d, rng):
    """Two overlapping Gaussian classes (labels 0 and 1), means 2/sqrt(d) apart per feature."""
    y = rng.integers(0, 2, size=n)
    X = rng.standard_normal((n, d)) + (2 * y[:, None] - 1) / np.sqrt(d)
    return X, y


def count_data(n, d, rng):
    """Poisson word counts whose rates differ between two classes (labels 0 and 1)."""
    y = rng.integers(0, 2, size=n)
    rates = rng.uniform(0.2, 2.0, size=d) * np.where(y[:, None] == 1, 1.5, 1.0)
    return rng.poisson(rates).astype(np.float64), y


_LINEAR = "01_linear_regression/linear_regression.py"
_LOGISTIC = "02_logistic_regression/logistic_regression.py"
_KNN = "03_knn/knn.py"
_TREE = "04_decision_tree/decision_tree.py"
_NB = "06_naive_bayes/naive_bayes.py"
# Five epochs of fixed work on both sides (no early stop), to time an epoch, not convergence.
_SAME_MLP = {"hidden_layer_sizes": (100,), "max_iter": 5, "tol": 0.0, "n_iter_no_change": 100,
             "random_state": 0}
_SAME_KMEANS = {"n_clusters": 8, "n_init": 1, "max_iter": 30, "tol": 0.0, "random_state": 0}

ENTRIES = [
    Entry("LinearRegression", f"{_LINEAR}:LinearRegression",
          "sklearn.linear_model:LinearRegression", regression_data, d=50,
          ours_kwargs={"solver": "lstsq"}),
    Entry("Ridge", f"{_LINEAR}:Ridge", "sklearn.linear_model:Ridge", regression_data, d=50,
          ours_kwargs={"alpha": 1.0}, reference_kwargs={"alpha": 1.0}),
    Entry("Lasso", f"{_LINEAR}:Lasso", "sklearn.linear_model:Lasso", regression_data, d=50,
          ours_kwargs={"alpha": 0.1}, reference_kwargs={"alpha": 0.1}),
    # alpha = 0 against C = inf (no penalty): the mapping C = 1/(n alpha) would change with n.
    Entry("LogisticRegression", f"{_LOGISTIC}:LogisticRegression",
          "sklearn.linear_model:LogisticRegression", classification_data, d=20,
          ours_kwargs={"alpha": 0.0}, reference_kwargs={"C": float("inf")}),
    # n = 1e5 is left out: scikit-learn's brute-force predict alone takes minutes there.
    # Predict is what to watch: run it on an idle machine and again under load (e.g. one
    # `python -c "while True: pass"` per core); knn.py's chunk size (WORKING_MEMORY) was
    # chosen so that the matrix products stay large when the BLAS threads share busy cores.
    Entry("KNeighborsClassifier", f"{_KNN}:KNeighborsClassifier",
          "sklearn.neighbors:KNeighborsClassifier", classification_data, d=50,
          sizes=(1_000, 10_000), ours_kwargs={"n_neighbors": 5},
          reference_kwargs={"n_neighbors": 5, "algorithm": "brute"}),
    Entry("KNeighborsRegressor", f"{_KNN}:KNeighborsRegressor",
          "sklearn.neighbors:KNeighborsRegressor", regression_data, d=50,
          sizes=(1_000, 10_000), ours_kwargs={"n_neighbors": 5},
          reference_kwargs={"n_neighbors": 5, "algorithm": "brute"}),
    # Fully grown trees; n = 1e5 is left out, as our pure-Python node loop takes minutes.
    Entry("DecisionTreeClassifier", f"{_TREE}:DecisionTreeClassifier",
          "sklearn.tree:DecisionTreeClassifier", classification_data, d=20,
          sizes=(1_000, 10_000)),
    Entry("DecisionTreeRegressor", f"{_TREE}:DecisionTreeRegressor",
          "sklearn.tree:DecisionTreeRegressor", regression_data, d=20, sizes=(1_000, 10_000)),
    Entry("SVC (rbf)", "05_svm/svm.py:SVC", "sklearn.svm:SVC", classification_data, d=20,
          sizes=(500, 1_000, 2_000)),
    # The linear kernel needs ~16x more SMO steps than the rbf one on these overlapping
    # classes (about 24,000 at n = 2000, for both libraries): the time is per-step overhead.
    # Both run to tol = 1e-3 with the same selection rule; libsvm also shrinks (ours does not:
    # tried, it saved nothing at n = 500 and about 10 % at n = 2000, see chapter 05).
    Entry("SVC (linear)", "05_svm/svm.py:SVC", "sklearn.svm:SVC", classification_data, d=20,
          sizes=(500, 1_000, 2_000), ours_kwargs={"kernel": "linear"},
          reference_kwargs={"kernel": "linear"}),
    Entry("GaussianNB", f"{_NB}:GaussianNB", "sklearn.naive_bayes:GaussianNB",
          classification_data, d=50),
    Entry("MultinomialNB", f"{_NB}:MultinomialNB", "sklearn.naive_bayes:MultinomialNB",
          count_data, d=50),
    Entry("BernoulliNB", f"{_NB}:BernoulliNB", "sklearn.naive_bayes:BernoulliNB",
          classification_data, d=50),
    # Both run exactly 30 Lloyd iterations from the same k-means++ seed count, so the work
    # is the same; with normal stopping the iteration counts differ from seed to seed.
    Entry("KMeans", "07_kmeans/kmeans.py:KMeans", "sklearn.cluster:KMeans",
          classification_data, d=10, ours_kwargs=_SAME_KMEANS, reference_kwargs=_SAME_KMEANS),
    # PCA has no predict: its "predict" column times transform.
    Entry("PCA", "08_pca/pca.py:PCA", "sklearn.decomposition:PCA", regression_data, d=100,
          ours_kwargs={"svd_solver": "full"}, reference_kwargs={"svd_solver": "full"}),
    # Both fits stop at max_iter = 5 on purpose (each library warns that it did). Predict is
    # one forward pass computed in place, layer by layer, as scikit-learn's; target at n = 1e5:
    # within 1.5x of scikit-learn's time.
    Entry("MLPClassifier", "09_neural_network/neural_network.py:MLPClassifier",
          "sklearn.neural_network:MLPClassifier", classification_data, d=50,
          ours_kwargs=_SAME_MLP, reference_kwargs=_SAME_MLP),
    Entry("MLPRegressor", "09_neural_network/neural_network.py:MLPRegressor",
          "sklearn.neural_network:MLPRegressor", regression_data, d=50,
          ours_kwargs=_SAME_MLP, reference_kwargs=_SAME_MLP),
]
