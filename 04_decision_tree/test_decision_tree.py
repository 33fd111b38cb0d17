"""Tests of the decision-tree chapter: known answers, scikit-learn agreement, invariants."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn import tree as sk  # noqa: E402

import decision_tree  # noqa: E402
from decision_tree import (TREE_LEAF, DecisionTreeClassifier, DecisionTreeRegressor,  # noqa: E402
                           Tree, _entropy, _gini, _importances, _split_scores, best_split,
                           entropy, export_text, gini, plot_tree)
from utils.data import (load_breast_cancer, load_diabetes, load_iris,  # noqa: E402
                        load_penguins)
from utils.model_selection import train_test_split  # noqa: E402
from utils.testing import check_bad_input  # noqa: E402
from utils.validation import NotFittedError  # noqa: E402


def as_float32(X):
    """scikit-learn's trees round X to float32; giving both trees such X makes the
    candidate thresholds the same numbers, so they can be compared to 1e-12."""
    return np.asarray(X, dtype=np.float32).astype(np.float64)


@pytest.fixture(scope="module")
def datasets():
    out = {}
    for name, loader in [("iris", load_iris), ("breast_cancer", load_breast_cancer),
                         ("diabetes", load_diabetes)]:
        X, y = loader(return_X_y=True)
        out[name] = (as_float32(X), y)
    return out


# --- known answers on tiny inputs ---------------------------------------------------------

def test_impurities_known_values():
    assert gini([5, 5]) == 0.5 and gini([4, 0]) == 0.0
    assert gini([1, 1, 1, 1]) == pytest.approx(0.75)
    assert entropy([5, 5]) == pytest.approx(1.0) and entropy([4, 0]) == 0.0
    assert entropy([1, 1, 1, 1]) == pytest.approx(2.0)
    np.testing.assert_allclose(gini([[3, 1], [2, 2]]), [0.375, 0.5])  # works row-wise
    assert entropy([1, 3]) == pytest.approx(-(0.25 * np.log2(0.25) + 0.75 * np.log2(0.75)))


def test_stump_known_tree():
    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    model = DecisionTreeClassifier().fit(X, ["a", "a", "b", "b"])
    t = model.tree_
    np.testing.assert_array_equal(t.children_left, [1, -1, -1])
    np.testing.assert_array_equal(t.children_right, [2, -1, -1])
    np.testing.assert_array_equal(t.feature, [0, -2, -2])
    np.testing.assert_array_equal(t.threshold, [2.5, -2, -2])
    np.testing.assert_array_equal(t.value, [[0.5, 0.5], [1, 0], [0, 1]])
    np.testing.assert_array_equal(t.impurity, [0.5, 0, 0])
    np.testing.assert_array_equal(t.n_node_samples, [4, 2, 2])
    assert model.get_depth() == 1 and model.get_n_leaves() == 2
    np.testing.assert_array_equal(model.predict([[0.0], [2.5], [2.6], [9.0]]), ["a", "a", "b", "b"])
    np.testing.assert_array_equal(model.apply([[0.0], [9.0]]), [1, 2])


def test_regression_stump_known_tree():
    X = np.array([[0.0, 5.0], [1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    model = DecisionTreeRegressor(max_depth=1).fit(X, [1.0, 1.0, 5.0, 5.0])
    t = model.tree_
    assert t.feature[0] == 0 and t.threshold[0] == 1.5  # the constant column is never used
    np.testing.assert_array_equal(t.value, [3.0, 1.0, 5.0])
    np.testing.assert_array_equal(t.impurity, [4.0, 0.0, 0.0])  # variances
    np.testing.assert_array_equal(model.feature_importances_, [1.0, 0.0])
    np.testing.assert_array_equal(model.predict([[0.5, 0.0], [7.0, 0.0]]), [1.0, 5.0])


def test_best_split_proxy_is_the_weighted_impurity():
    # The proxy of (7)-(8) differs from -(n_L I_L + n_R I_R) by a constant: check both ways.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    y = rng.integers(0, 3, size=30)
    Y = np.eye(3)[y]
    for criterion, impurity in [("gini", gini), ("entropy", entropy)]:
        j, thr, proxy = best_split(X, Y, criterion)
        weighted = [(m.sum() * impurity(Y[m].sum(0)) + (~m).sum() * impurity(Y[~m].sum(0)))
                    for f in range(3) for m in [X[:, f] <= t for t in np.sort(X[:, f])[:-1]]]
        assert proxy == pytest.approx(-min(weighted), rel=1e-12)
        left = X[:, j] <= thr
        assert -(left.sum() * impurity(Y[left].sum(0))
                 + (~left).sum() * impurity(Y[~left].sum(0))) == pytest.approx(proxy, rel=1e-12)
    yr = rng.normal(size=30)
    j, thr, proxy = best_split(X, yr[:, None], "squared_error")
    sse = [((yr[m] - yr[m].mean()) ** 2).sum() + ((yr[~m] - yr[~m].mean()) ** 2).sum()
           for f in range(3) for m in [X[:, f] <= t for t in np.sort(X[:, f])[:-1]]]
    assert (yr ** 2).sum() - proxy == pytest.approx(min(sse), rel=1e-10)


def test_ties_go_to_the_lower_feature_then_the_smaller_threshold():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    model = DecisionTreeClassifier(max_depth=1).fit(X, [0, 1, 1, 0])  # 1.5 and 3.5 tie
    assert model.tree_.feature[0] == 0 and model.tree_.threshold[0] == 1.5


def test_adjacent_floats_threshold_separates_them():
    a = 1.0
    b = np.nextafter(a, 2.0)
    model = DecisionTreeClassifier().fit([[a], [b]], [0, 1])
    assert model.tree_.threshold[0] == a  # the midpoint would round to b
    np.testing.assert_array_equal(model.predict([[a], [b]]), [0, 1])


# --- invariants ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fully_grown_tree_fits_training_data(seed):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 4, size=(200, 3)).astype(float)  # few values: many near-duplicates
    X = np.unique(X, axis=0)
    y = rng.integers(0, 3, size=len(X))  # pure noise labels
    for criterion in ["gini", "entropy"]:
        model = DecisionTreeClassifier(criterion=criterion).fit(X, y)
        np.testing.assert_array_equal(model.predict(X), y)
    yr = rng.normal(size=len(X))
    np.testing.assert_array_equal(DecisionTreeRegressor().fit(X, yr).predict(X), yr)


def test_duplicates_with_different_labels_share_a_leaf():
    X = np.array([[0.0], [0.0], [1.0], [1.0], [2.0]])
    model = DecisionTreeClassifier().fit(X, [0, 1, 1, 1, 0])
    np.testing.assert_allclose(model.predict_proba([[0.0]]), [[0.5, 0.5]])
    assert model.get_n_leaves() == 3


@pytest.mark.parametrize("max_depth", [1, 2, 3, 5])
@pytest.mark.parametrize("min_samples_leaf", [1, 3, 10])
def test_depth_and_leaf_size_limits(datasets, max_depth, min_samples_leaf):
    X, y = datasets["breast_cancer"]
    model = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=min_samples_leaf,
                                   min_samples_split=12).fit(X, y)
    t = model.tree_
    leaf = t.children_left == TREE_LEAF
    assert model.get_depth() <= max_depth
    assert t.n_node_samples[leaf].min() >= min_samples_leaf
    assert t.n_node_samples[~leaf].min() >= 12
    # children partition their parent; a split never increases the weighted impurity
    parents = np.flatnonzero(~leaf)
    left, right = t.children_left[parents], t.children_right[parents]
    np.testing.assert_array_equal(t.n_node_samples[left] + t.n_node_samples[right],
                                  t.n_node_samples[parents])
    weighted = t.n_node_samples * t.impurity  # n_t I(t)
    assert np.all(weighted[left] + weighted[right] <= weighted[parents] + 1e-12)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(model.feature_importances_.sum(), 1.0)


def test_min_impurity_decrease(datasets):
    X, y = datasets["breast_cancer"]
    full = DecisionTreeClassifier().fit(X, y)
    model = DecisionTreeClassifier(min_impurity_decrease=0.01).fit(X, y)
    t = model.tree_
    assert 1 < model.get_n_leaves() < full.get_n_leaves()
    internal = np.flatnonzero(t.children_left != TREE_LEAF)
    w = t.n_node_samples * t.impurity / t.n_node_samples[0]
    gain = w[internal] - w[t.children_left[internal]] - w[t.children_right[internal]]
    assert gain.min() >= 0.01 - 1e-12


def test_single_class_gives_one_leaf():
    model = DecisionTreeClassifier().fit([[1.0], [2.0], [3.0]], ["x", "x", "x"])
    assert model.get_n_leaves() == 1 and model.get_depth() == 0
    np.testing.assert_array_equal(model.predict([[5.0]]), ["x"])
    np.testing.assert_array_equal(model.feature_importances_, [0.0])


def test_string_labels_and_params():
    X, y = load_penguins(return_X_y=True)
    model = DecisionTreeClassifier(max_depth=3).fit(X, y)
    assert set(model.predict(X)) <= set(y) and model.score(X, y) > 0.9
    assert repr(model) == "DecisionTreeClassifier(max_depth=3)"
    assert model.get_params()["criterion"] == "gini"
    assert DecisionTreeRegressor().get_params()["criterion"] == "squared_error"


def test_max_features_determinism(datasets):
    X, y = datasets["breast_cancer"]
    kw = dict(max_features="sqrt", max_depth=6)
    a = DecisionTreeClassifier(random_state=3, **kw).fit(X, y)
    b = DecisionTreeClassifier(random_state=3, **kw).fit(X, y)
    np.testing.assert_array_equal(a.tree_.feature, b.tree_.feature)
    np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
    others = [DecisionTreeClassifier(random_state=s, **kw).fit(X, y).tree_.feature
              for s in range(4, 8)]
    assert any(not np.array_equal(a.tree_.feature, f) for f in others)
    # Without max_features the tree does not depend on random_state.
    c = DecisionTreeClassifier(random_state=1).fit(X, y)
    d = DecisionTreeClassifier(random_state=2).fit(X, y)
    np.testing.assert_array_equal(c.tree_.threshold, d.tree_.threshold)
    # max_features = n_features examines every feature: the same tree as None.
    e = DecisionTreeClassifier(max_features=1.0).fit(X, y)
    np.testing.assert_array_equal(c.tree_.threshold, e.tree_.threshold)


def test_pruning_path_invariants(datasets):
    X, y = datasets["breast_cancer"]
    path = DecisionTreeClassifier().cost_complexity_pruning_path(X, y)
    alphas, impurities = path.ccp_alphas, path["impurities"]
    assert alphas[0] == 0 and np.all(np.diff(alphas) >= -1e-15)
    assert np.all(np.diff(impurities) >= -1e-15)
    root = DecisionTreeClassifier(max_depth=1).fit(X, y).tree_.impurity[0]
    assert impurities[-1] == pytest.approx(root)  # the last subtree is the root alone
    leaves = [DecisionTreeClassifier(ccp_alpha=a).fit(X, y).get_n_leaves()
              for a in (alphas[:-1] + alphas[1:]) / 2]
    assert np.all(np.diff(leaves) <= 0) and leaves[-1] == 2
    assert DecisionTreeClassifier(ccp_alpha=1.0).fit(X, y).get_n_leaves() == 1


def test_pruned_tree_minimises_cost_complexity(datasets):
    # Among all the subtrees of the path, the one kept at alpha minimises R(T) + alpha |T|.
    X, y = datasets["breast_cancer"]
    path = DecisionTreeClassifier().cost_complexity_pruning_path(X, y)
    n_leaves = np.array([DecisionTreeClassifier(ccp_alpha=a).fit(X, y).get_n_leaves()
                         for a in path.ccp_alphas])
    for alpha in [0.002, 0.005, 0.02]:
        cost = path.impurities + alpha * n_leaves
        model = DecisionTreeClassifier(ccp_alpha=alpha).fit(X, y)
        t = model.tree_
        leaf = t.children_left == TREE_LEAF
        r = (t.n_node_samples * t.impurity)[leaf].sum() / t.n_node_samples[0]
        assert r + alpha * leaf.sum() == pytest.approx(cost.min(), rel=1e-12)


# --- agreement with scikit-learn ----------------------------------------------------------

def _candidates(x):
    """Every threshold of one feature, by scikit-learn's midpoint rule."""
    u = np.unique(x)
    mid = u[:-1] / 2 + u[1:] / 2
    return np.where(mid == u[1:], u[:-1], mid)


def _weighted_impurities(X, Y, criterion, min_samples_leaf):
    """(feature, threshold, n_L I_L + n_R I_R) of every valid split, from the children's
    own statistics (class counts, or sums and sums of squares), one feature at a time."""
    rows = []
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        x = X[order, j]
        last = np.flatnonzero(x[1:] > x[:-1])  # the last sample of each value but the top
        thr = _candidates(x)
        nL = last + 1.0
        nR = len(x) - nL
        ok = (nL >= min_samples_leaf) & (nR >= min_samples_leaf)
        if criterion == "squared_error":
            y = Y[order, 0]
            sL, qL = np.cumsum(y)[last], np.cumsum(y ** 2)[last]
            sR, qR = y.sum() - sL, (y ** 2).sum() - qL
            W = qL - sL ** 2 / nL + qR - sR ** 2 / nR
        else:
            cL = np.cumsum(Y[order], axis=0)[last]
            impurity = gini if criterion == "gini" else entropy
            W = nL * impurity(cL) + nR * impurity(Y.sum(0) - cL)
        rows += [(j, t, w) for t, w in zip(thr[ok], W[ok])]
    return rows


def compare_with_sklearn(ours, theirs, X, y, criterion, min_samples_leaf=1):
    """Walk both trees together. Wherever the best split is unique, both must take it
    (same feature, threshold to 1e-12); on a tie, both must take one of the tied best
    splits, and the walk goes on below only if they send the same samples left.
    Returns the number of nodes compared and the number of ties met."""
    a, b = ours.tree_, theirs.tree_
    Y = np.eye(len(np.unique(y)))[np.unique(y, return_inverse=True)[1]] \
        if criterion != "squared_error" else y[:, None].astype(float)
    compared, ties = 0, 0
    stack = [(0, 0, np.arange(len(X)))]
    while stack:
        i, k, idx = stack.pop()
        compared += 1
        assert a.n_node_samples[i] == b.n_node_samples[k] == len(idx)
        np.testing.assert_allclose(a.value[i], b.value[k].ravel(), rtol=1e-12)
        np.testing.assert_allclose(a.impurity[i], b.impurity[k], rtol=1e-9, atol=1e-12)
        leaf = a.children_left[i] == TREE_LEAF
        assert leaf == (b.children_left[k] == TREE_LEAF)
        if leaf:
            continue
        rows = _weighted_impurities(X[idx], Y[idx], criterion, min_samples_leaf)
        W = np.array([r[2] for r in rows])
        tol = 1e-10 * max(1.0, abs(W.min()))
        best = [(j, t) for j, t, w in rows if w <= W.min() + tol]

        def is_best(f, t):
            return any(f == j and abs(t - tt) <= 1e-12 for j, tt in best)

        assert is_best(a.feature[i], a.threshold[i]), "our split is not a best split"
        assert is_best(b.feature[k], b.threshold[k]), "scikit-learn's split is not a best one"
        if len(best) == 1:
            assert a.feature[i] == b.feature[k]
            assert abs(a.threshold[i] - b.threshold[k]) <= 1e-12
        else:
            ties += 1
        go_a = X[idx, a.feature[i]] <= a.threshold[i]
        go_b = X[idx, b.feature[k]] <= b.threshold[k]
        if np.array_equal(go_a, go_b):
            stack.append((a.children_right[i], b.children_right[k], idx[~go_a]))
            stack.append((a.children_left[i], b.children_left[k], idx[go_a]))
    return compared, ties


CASES = [("iris", "gini", {}), ("iris", "entropy", {"max_depth": 3}),
         ("breast_cancer", "gini", {}), ("breast_cancer", "entropy", {"min_samples_leaf": 5}),
         ("breast_cancer", "gini", {"max_depth": 4, "min_samples_split": 20}),
         ("diabetes", "squared_error", {"min_samples_leaf": 5}),
         ("diabetes", "squared_error", {"max_depth": 6}), ("diabetes", "squared_error", {})]


@pytest.mark.parametrize("name, criterion, kw", CASES)
def test_same_tree_as_sklearn_where_no_split_ties(datasets, name, criterion, kw):
    X, y = datasets[name]
    Ours, Theirs = ((DecisionTreeRegressor, sk.DecisionTreeRegressor) if name == "diabetes"
                    else (DecisionTreeClassifier, sk.DecisionTreeClassifier))
    ours = Ours(criterion=criterion, **kw).fit(X, y)
    theirs = Theirs(criterion=criterion, random_state=0, **kw).fit(X, y)
    compared, ties = compare_with_sklearn(ours, theirs, X, y, criterion,
                                          kw.get("min_samples_leaf", 1))
    assert compared >= 7
    if ties == 0:  # then the trees must be identical, node for node
        assert compared == ours.tree_.node_count == theirs.tree_.node_count
        np.testing.assert_allclose(ours.feature_importances_, theirs.feature_importances_,
                                   rtol=1e-9, atol=1e-15)
        if name == "diabetes":
            assert export_text(ours, decimals=3) == sk.export_text(theirs, decimals=3)


def test_diabetes_trees_are_identical(datasets):
    # No ties at all here: the whole tree, arrays and all, is scikit-learn's.
    X, y = datasets["diabetes"]
    ours = DecisionTreeRegressor(min_samples_leaf=5).fit(X, y)
    theirs = sk.DecisionTreeRegressor(min_samples_leaf=5, random_state=0).fit(X, y)
    a, b = ours.tree_, theirs.tree_
    assert a.node_count == b.node_count > 100
    for name in ["children_left", "children_right", "feature", "n_node_samples"]:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    np.testing.assert_allclose(a.threshold, b.threshold, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.value, b.value[:, 0, 0], rtol=1e-12)
    np.testing.assert_allclose(a.impurity, b.impurity, rtol=1e-9)


def _fit_pair(datasets, name, criterion, kw, split_seed=0, sk_seeds=(0,)):
    X, y = datasets[name]
    regression = name == "diabetes"
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=split_seed,
                                              stratify=None if regression else y)
    Ours, Theirs = ((DecisionTreeRegressor, sk.DecisionTreeRegressor) if regression
                    else (DecisionTreeClassifier, sk.DecisionTreeClassifier))
    ours = Ours(criterion=criterion, **kw).fit(X_tr, y_tr).predict(X_te)
    theirs = [Theirs(criterion=criterion, random_state=s, **kw).fit(X_tr, y_tr).predict(X_te)
              for s in sk_seeds]
    if regression:
        return lambda a, b: np.mean(np.isclose(a, b, rtol=1e-12)), ours, theirs
    return lambda a, b: np.mean(a == b), ours, theirs


@pytest.mark.parametrize("name, criterion, kw", [
    ("iris", "gini", {"max_depth": 2}), ("iris", "entropy", {"max_depth": 3}),
    ("iris", "gini", {"ccp_alpha": 0.02}),
    ("breast_cancer", "entropy", {"min_samples_leaf": 5}),
    ("breast_cancer", "gini", {"max_depth": 4, "min_samples_split": 20}),
    ("diabetes", "squared_error", {"min_samples_leaf": 5}),
    ("diabetes", "squared_error", {"max_depth": 3})])
def test_test_predictions_agree_with_sklearn(datasets, name, criterion, kw):
    agree, ours, theirs = _fit_pair(datasets, name, criterion, kw)
    assert agree(ours, theirs[0]) >= 0.98


@pytest.mark.parametrize("name, criterion, kw", [
    ("iris", "gini", {}), ("breast_cancer", "gini", {}), ("breast_cancer", "entropy", {}),
    ("breast_cancer", "entropy", {"ccp_alpha": 0.01}),
    ("diabetes", "squared_error", {"ccp_alpha": 20.0})])
def test_fully_grown_trees_agree_with_sklearn_as_well_as_it_agrees_with_itself(
        datasets, name, criterion, kw):
    # Deep trees meet many tied splits (breast cancer's radius, perimeter and area order the
    # samples alike), and scikit-learn breaks ties by its random feature order: two of its
    # own seeds then agree on only ~97% of test points. We ask for as much agreement with it.
    agree, ours, theirs = _fit_pair(datasets, name, criterion, kw, sk_seeds=range(10))
    ours_vs_sk = np.mean([agree(ours, t) for t in theirs])
    sk_vs_sk = np.mean([agree(theirs[0], t) for t in theirs[1:]])
    assert ours_vs_sk >= sk_vs_sk - 0.01 and ours_vs_sk >= 0.9


@pytest.mark.parametrize("name, Ours, Theirs, criterion", [
    ("iris", DecisionTreeClassifier, sk.DecisionTreeClassifier, "gini"),
    ("iris", DecisionTreeClassifier, sk.DecisionTreeClassifier, "entropy"),
    ("breast_cancer", DecisionTreeClassifier, sk.DecisionTreeClassifier, "gini"),
    ("breast_cancer", DecisionTreeClassifier, sk.DecisionTreeClassifier, "entropy"),
    ("diabetes", DecisionTreeRegressor, sk.DecisionTreeRegressor, "squared_error")])
def test_pruning_path_matches_sklearn(datasets, name, Ours, Theirs, criterion):
    X, y = datasets[name]
    ours = Ours(criterion=criterion).cost_complexity_pruning_path(X, y)
    theirs = Theirs(criterion=criterion, random_state=0).cost_complexity_pruning_path(X, y)
    assert len(ours.ccp_alphas) == len(theirs.ccp_alphas) > 5
    np.testing.assert_allclose(ours.ccp_alphas, theirs.ccp_alphas, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(ours.impurities, theirs.impurities, rtol=1e-9, atol=1e-15)
    # And the trees pruned between two path alphas have the same size.
    for alpha in (ours.ccp_alphas[1:4] + ours.ccp_alphas[2:5]) / 2:
        a = Ours(criterion=criterion, ccp_alpha=alpha).fit(X, y)
        b = Theirs(criterion=criterion, ccp_alpha=alpha, random_state=0).fit(X, y)
        assert a.get_n_leaves() == b.get_n_leaves() and a.get_depth() == b.get_depth()


# --- text and drawing ---------------------------------------------------------------------

def test_export_text_and_plot_tree(datasets):
    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    model = DecisionTreeClassifier().fit(X, ["no", "no", "yes", "yes"])
    assert export_text(model, feature_names=["score"]) == (
        "|--- score <= 2.50\n|   |--- class: no\n|--- score >  2.50\n|   |--- class: yes\n")
    with pytest.raises(ValueError, match="feature_names has 2 names"):
        export_text(model, feature_names=["a", "b"])
    X, y = datasets["iris"]
    model = DecisionTreeClassifier(max_depth=2).fit(X, y)
    ax = plot_tree(model, feature_names=["sl", "sw", "pl", "pw"], class_names=["a", "b", "c"])
    texts = [t.get_text() for t in ax.texts]
    assert sum("samples" in t for t in texts) == model.tree_.node_count
    assert any(t.startswith("pl <= 2.45?") for t in texts)
    plt.close("all")
    reg = DecisionTreeRegressor(max_depth=1).fit(X, y.astype(float))
    ax = plot_tree(reg)
    assert any("value = " in t.get_text() for t in ax.texts)
    plt.close("all")


# --- bad input ----------------------------------------------------------------------------

rng0 = np.random.default_rng(0)
X_OK = rng0.normal(size=(20, 2))
Y_OK = (X_OK[:, 0] > 0).astype(int)
ESTIMATORS = [DecisionTreeClassifier, DecisionTreeRegressor]


def test_bad_input_battery():
    check_bad_input(DecisionTreeClassifier, X_OK, Y_OK, kind="classifier",
                    methods=("predict", "predict_proba", "apply"), min_classes=1)
    check_bad_input(DecisionTreeRegressor, X_OK, X_OK[:, 1], kind="regressor",
                    methods=("predict", "apply"))


def test_continuous_target_for_classifier_suggests_the_regressor():
    with pytest.raises(ValueError, match="Unknown label type: continuous.*DecisionTreeRegressor"):
        DecisionTreeClassifier().fit(X_OK, X_OK[:, 1])


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_not_fitted_inspection(Estimator):
    for method in ["get_depth", "get_n_leaves"]:
        with pytest.raises(NotFittedError, match="not fitted"):
            getattr(Estimator(), method)()
    with pytest.raises(NotFittedError, match="not fitted"):
        Estimator().feature_importances_


def test_huge_regression_targets_get_a_clear_error():
    # 1e200 squared overflows float64: a clear error instead of inf/nan impurities.
    with pytest.raises(ValueError, match="overflow float64.*Rescale y"):
        DecisionTreeRegressor().fit(X_OK, 1e200 * X_OK[:, 0])
    # Large but safe targets give the tree of the rescaled problem, exactly scaled.
    y = X_OK[:, 0] + X_OK[:, 1] ** 2
    big = DecisionTreeRegressor(max_depth=3).fit(X_OK, 2.0 ** 400 * y)
    small = DecisionTreeRegressor(max_depth=3).fit(X_OK, y)
    np.testing.assert_array_equal(big.tree_.threshold, small.tree_.threshold)
    np.testing.assert_array_equal(big.tree_.value, 2.0 ** 400 * small.tree_.value)
    assert np.all(np.isfinite(big.tree_.impurity))


@pytest.mark.parametrize("Estimator", ESTIMATORS)
@pytest.mark.parametrize("params, match", [
    (dict(criterion="mae"), "criterion must be one of"),
    (dict(max_depth=0), "max_depth must be >= 1"),
    (dict(max_depth=2.5), "max_depth must be of type Integral"),
    (dict(min_samples_split=1), "min_samples_split must be >= 2"),
    (dict(min_samples_leaf=0), "min_samples_leaf must be >= 1"),
    (dict(min_impurity_decrease=-0.1), "min_impurity_decrease must be >= 0"),
    (dict(ccp_alpha=-1.0), "ccp_alpha must be >= 0"),
    (dict(max_features=0), "max_features must be >= 1"),
    (dict(max_features=3), "max_features must be <= 2"),
    (dict(max_features=0.0), "max_features must be > 0"),
    (dict(max_features=1.5), "max_features must be <= 1"),
    (dict(max_features="all"), "max_features must be None, 'sqrt'"),
    (dict(random_state="seed"), "random_state must be"),
])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


# --- memory: the split search in blocks of features ----------------------------------------

@pytest.mark.parametrize("criterion", ["gini", "entropy", "squared_error"])
def test_blocks_of_features_give_the_same_split(monkeypatch, criterion):
    rng = np.random.default_rng(5)
    X = np.round(rng.normal(size=(60, 7)), 1)  # many ties within and across features
    X[:, 3] = X[:, 1]  # an exact tie between two features: the lower one must win
    y = rng.integers(0, 3, size=60)
    Y = y[:, None].astype(float) if criterion == "squared_error" else np.eye(3)[y]
    whole = best_split(X, Y, criterion, 2)
    for elements in [1, 60 * 3, 60 * 3 * 2 + 1, 60 * 3 * 5]:  # widths 1, 1, 2, 5 columns
        monkeypatch.setattr(decision_tree, "_BLOCK_ELEMENTS", elements)
        assert best_split(X, Y, criterion, 2) == whole
    model = DecisionTreeClassifier(criterion="gini" if criterion == "squared_error"
                                   else criterion).fit(X, y)
    monkeypatch.setattr(decision_tree, "_BLOCK_ELEMENTS", 1 << 21)
    again = DecisionTreeClassifier(criterion=model.criterion).fit(X, y)
    np.testing.assert_array_equal(model.tree_.threshold, again.tree_.threshold)


def test_split_memory_does_not_grow_with_the_number_of_features():
    import tracemalloc
    rng = np.random.default_rng(0)
    n, K = 4000, 10
    Y = np.eye(K)[rng.integers(0, K, size=n)]
    peaks = []
    for d in (50, 200):
        X = rng.normal(size=(n, d))
        tracemalloc.start()
        best_split(X, Y, "gini")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # one block of (n, width, K) float64 arrays, not (n, d, K): 200 features at n = 4000
    # would need 64 MB per array without blocks
    assert max(peaks) < 150 * 2**20 and peaks[1] < 1.5 * peaks[0]


# --- swap one import -----------------------------------------------------------------------

def test_swap_one_import_defaults_match_sklearn():
    # Default parameters on both sides. With one feature no two features can tie, and
    # float32-representable X gives both the same candidate thresholds, so the trees,
    # and hence all predictions, are the same.
    rng = np.random.default_rng(0)
    X = as_float32(rng.normal(size=(80, 1)))
    X_new = as_float32(rng.normal(size=(200, 1)))
    y = (X[:, 0] + rng.normal(scale=0.7, size=80) > 0).astype(int)
    ours, theirs = DecisionTreeClassifier().fit(X, y), sk.DecisionTreeClassifier().fit(X, y)
    np.testing.assert_array_equal(ours.predict(X_new), theirs.predict(X_new))
    np.testing.assert_allclose(ours.predict_proba(X_new), theirs.predict_proba(X_new))
    yr = np.sin(3 * X[:, 0]) + rng.normal(scale=0.3, size=80)
    ours, theirs = DecisionTreeRegressor().fit(X, yr), sk.DecisionTreeRegressor().fit(X, yr)
    np.testing.assert_allclose(ours.predict(X_new), theirs.predict(X_new), rtol=1e-12)
    # the same names and defaults for every parameter we have
    import inspect
    for Ours, Theirs in [(DecisionTreeClassifier, sk.DecisionTreeClassifier),
                         (DecisionTreeRegressor, sk.DecisionTreeRegressor)]:
        theirs_defaults = {k: v.default for k, v in inspect.signature(Theirs).parameters.items()}
        for name, param in inspect.signature(Ours).parameters.items():
            assert theirs_defaults[name] == param.default, name


# --- the exercise gaps, in the order a student writes them ---------------------------------

def test_gap_01_gini():
    S = np.array([[5.0, 5.0], [4.0, 0.0], [1.0, 3.0]])
    G = _gini(S, S.sum(axis=-1))
    assert np.shape(G) == (3,), f"_gini of counts of shape (3, K) must have shape (3,), got {np.shape(G)}"
    np.testing.assert_allclose(G, [0.5, 0.0, 0.375], err_msg=(
        "equation (3): G = 1 - sum_k (S_k / n)^2; counts [5, 5] -> 0.5, [4, 0] -> 0 (pure), "
        "[1, 3] -> 1 - (1/16 + 9/16) = 0.375"))
    S = np.array([[[2.0, 2.0, 0.0]], [[1.0, 1.0, 1.0]]])  # any leading shape, here (2, 1)
    G = _gini(S, S.sum(axis=-1))
    assert np.shape(G) == (2, 1), ("_gini sums over the last axis only: counts of shape "
                                   f"(2, 1, K) give shape (2, 1), got {np.shape(G)}")
    np.testing.assert_allclose(G, [[0.5], [2 / 3]], err_msg=(
        "equation (3) with K = 3: [2, 2, 0] -> 0.5, [1, 1, 1] -> 1 - 1/3 = 2/3"))


def test_gap_02_entropy():
    S = np.array([[5.0, 5.0], [4.0, 0.0], [1.0, 1.0]])
    with np.errstate(all="raise"):  # empty classes: no log(0) warning
        try:
            H = _entropy(S, S.sum(axis=-1))
        except FloatingPointError as e:
            raise AssertionError("equation (2) takes 0 log 0 = 0: an empty class (count 0) "
                                 f"must not compute log2(0) or 0 * inf ({e})") from None
    assert np.shape(H) == (3,), f"_entropy of counts of shape (3, K) must have shape (3,), got {np.shape(H)}"
    np.testing.assert_allclose(H, [1.0, 0.0, 1.0], err_msg=(
        "equation (2): H = -sum_k p_k log2 p_k in bits; [5, 5] -> 1 bit, [4, 0] -> 0 (pure), "
        "[1, 1] -> 1 bit"))
    H = _entropy(np.array([[1.0, 1.0, 1.0, 1.0], [2.0, 1.0, 1.0, 0.0]]), np.array([4.0, 4.0]))
    np.testing.assert_allclose(H, [2.0, 1.5], err_msg=(
        "equation (2) with K = 4, in bits (log2, not the natural log): the uniform [1, 1, 1, 1] "
        "-> log2(4) = 2, [2, 1, 1, 0] -> 1/2 + 1/4 * 2 + 1/4 * 2 = 1.5"))


def test_gap_03_split_scores(monkeypatch):
    X = np.array([[3.0, 1.0], [1.0, 1.0], [2.0, 5.0], [4.0, 2.0]])
    Y = np.eye(2)[[1, 0, 0, 1]]  # in the sorted order of column 0 the labels are 0 0 1 1
    y = np.array([1.0, 0.0, 5.0, 7.0])
    # Regression first: (7) and (9) need no impurity function.
    out = _split_scores(X[:, :1], y[:, None], "squared_error", 1)
    assert isinstance(out, tuple) and len(out) == 2, "_split_scores returns (proxy, Xs)"
    proxy, Xs = out
    assert proxy.shape == (3, 1), f"proxy must have shape (n_t - 1, b) = (3, 1), got {proxy.shape}"
    assert Xs.shape == (4, 1), f"Xs must have shape (n_t, b) = (4, 1), got {Xs.shape}"
    sums = np.cumsum([0.0, 5.0, 1.0, 7.0])[:-1]  # y in the order of column 0: s_L of (7)
    np.testing.assert_allclose(proxy[:, 0], sums ** 2 / [1, 2, 3] + (13 - sums) ** 2 / [3, 2, 1],
                               err_msg="equation (9): row q - 1 is s_L^2 / n_L + s_R^2 / n_R "
                                       "for the q smallest samples on the left")
    # Classification: the children's impurities must come from _gini / _entropy (gaps 01, 02).
    # Replacing them by other functions makes this test independent of those gaps.
    monkeypatch.setattr(decision_tree, "_gini", lambda S, n: 1.0 - S.max(axis=-1) / n)
    monkeypatch.setattr(decision_tree, "_entropy", lambda S, n: (S[..., 0] / n) ** 2)
    proxy, Xs = _split_scores(X, Y, "gini", 1)
    assert proxy.shape == (3, 2), f"proxy must have shape (n_t - 1, b) = (3, 2), got {proxy.shape}"
    np.testing.assert_array_equal(Xs, [[1, 1], [2, 1], [3, 2], [4, 5]],
                                  err_msg="Xs: each column of X sorted (ascending)")
    # With I = 1 - max_k p_k (this test's _gini): -(n_L I_L + n_R I_R) at q = 1, 2, 3.
    np.testing.assert_allclose(proxy[:, 0], [-1.0, 0.0, -1.0], err_msg=(
        "proxy = -(n_L I(L) + n_R I(R)) with the left/right class counts of (7) and "
        "I = _gini(counts, n) (n_L = q, n_R = n_t - q)"))
    assert proxy[0, 1] == -np.inf, ("equation (10): no split between the two equal values 1.0 "
                                    f"of column 1, so proxy[0, 1] must be -inf, got {proxy[0, 1]}")
    assert np.isfinite(proxy[1:, 1]).all(), "column 1 has valid splits at q = 2 and q = 3"
    proxy, _ = _split_scores(X, Y, "entropy", 1)
    np.testing.assert_allclose(proxy[:, 0], [-4 / 3, -2.0, -4 / 3], err_msg=(
        "criterion='entropy' must use _entropy (here replaced by I = p_0^2)"))
    proxy, _ = _split_scores(X, Y, "gini", 2)
    assert np.isneginf(proxy[[0, 2]]).all() and proxy[1, 0] == 0.0, (
        "min_samples_leaf=2: only q = 2 leaves 2 samples on each side; rows 0 and 2 must be "
        f"-inf, got\n{proxy}")


def test_gap_04_apply():
    # root: x0 <= 0.5 ? node 1 (leaf) : node 2: x1 <= 2.0 ? node 3 : node 4
    tree = Tree([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -2, 1, -2, -2],
                [0.5, -2, 2.0, -2, -2], np.eye(5, 2), np.zeros(5), [5, 2, 3, 1, 2])
    X = np.array([[0.0, 9.0], [0.5, 0.0], [1.0, 2.0], [1.0, 2.5], [7.0, -1.0]])
    leaves = tree.apply(X)
    assert np.shape(leaves) == (5,), f"apply must return one node id per row, shape (5,), got {np.shape(leaves)}"
    np.testing.assert_array_equal(leaves, [1, 1, 3, 4, 3], err_msg=(
        "root asks x0 <= 0.5 (yes: leaf 1; x0 = 0.5 goes left), node 2 asks x1 <= 2.0 "
        "(yes: leaf 3, no: leaf 4); leaves at different depths must all be reached"))
    stump = Tree([-1], [-1], [-2], [-2], [[1.0, 0.0]], [0.0], [4])
    np.testing.assert_array_equal(stump.apply(X), np.zeros(5), err_msg="a one-leaf tree: every sample is in node 0")


def test_gap_05_pruning_path():
    # Node 0 splits into leaf 1 and node 2, which splits into leaves 3 and 4 (preorder).
    # R(t) = n_t I(t) / n = [0.5, 0.1, 0.24, 0.0, 0.15]. Equation (12):
    # g(2) = (0.24 - 0.15) / 1 = 0.09 is the weakest link; then g(0) = (0.5 - 0.1 - 0.24) / 1.
    tree = Tree([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -2, 1, -2, -2],
                [0.5, -2, 2.0, -2, -2], np.eye(5, 2), [0.5, 0.2, 0.48, 0.0, 0.5],
                [10, 5, 5, 2, 3])
    alphas, impurities, keep = tree.pruning_path()
    np.testing.assert_allclose(alphas, [0.0, 0.09, 0.16], err_msg=(
        "equation (12): alphas = [0, g of the first collapse (node 2), g of the next (node 0)]"))
    np.testing.assert_allclose(impurities, [0.25, 0.34, 0.5], err_msg=(
        "equation (11): R(T) summed over the leaves, before and after each collapse"))
    np.testing.assert_array_equal(keep, [True, False, False, False, False], err_msg=(
        "ccp_alpha = inf: pruned to the root alone"))
    alphas, impurities, keep = tree.pruning_path(0.1)
    np.testing.assert_allclose(alphas, [0.0, 0.09], err_msg="ccp_alpha = 0.1 stops before g(0) = 0.16")
    np.testing.assert_array_equal(keep, [True, True, True, False, False], err_msg=(
        "ccp_alpha = 0.1: node 2 becomes a leaf (kept), its children 3 and 4 are dropped"))
    # scikit-learn's own tree on iris (its arrays are in the same preorder) and its path.
    X, y = load_iris(return_X_y=True)
    theirs = sk.DecisionTreeClassifier(random_state=0).fit(X, y)
    t = theirs.tree_
    ours = Tree(t.children_left, t.children_right, t.feature, t.threshold, t.value[:, 0],
                t.impurity, t.n_node_samples).pruning_path()
    path = theirs.cost_complexity_pruning_path(X, y)
    np.testing.assert_allclose(ours[0], path.ccp_alphas, atol=1e-15,
                               err_msg="the alphas of scikit-learn's pruning path of the same tree")
    np.testing.assert_allclose(ours[1], path.impurities, atol=1e-15,
                               err_msg="the impurities of scikit-learn's pruning path of the same tree")


def test_gap_06_importances():
    tree = Tree([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -2, 1, -2, -2],
                [0.5, -2, 2.0, -2, -2], np.eye(5, 2), [0.5, 0.0, 0.4, 0.0, 0.0],
                [10, 5, 5, 2, 3])
    imp = _importances(tree, 3)
    assert np.shape(imp) == (3,), f"one importance per feature, shape (n_features,) = (3,), got {np.shape(imp)}"
    # node 0: 10 * 0.5 - 5 * 0.4 = 3 on feature 0; node 2: 5 * 0.4 = 2 on feature 1
    np.testing.assert_allclose(imp, [0.6, 0.4, 0.0], err_msg=(
        "equation (13): feature 0 gains R(0) - R(1) - R(2) = 0.3, feature 1 gains R(2) - R(3) "
        "- R(4) = 0.2, feature 2 nothing; normalised to sum to 1"))
    leaf = Tree([-1], [-1], [-2], [-2], [[1.0]], [0.0], [4])
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(_importances(leaf, 2), [0.0, 0.0], err_msg=(
            "a tree that is a single leaf has all importances 0 (no division by 0)"))
