r"""Decision trees from scratch: CART for classification and regression.

A tree splits the feature space, one feature and one threshold at a time, into boxes
(leaves) and predicts a constant in each: the class proportions of the training samples
that fall in the leaf (classification) or their mean (regression). It is grown greedily
(Breiman et al., 1984): every node takes the split that lowers the weighted impurity of its
children the most, found by sorting each feature once and scanning cumulative class counts
(or sums of targets). Minimal cost-complexity pruning then cuts back the weakest links.

The classes follow scikit-learn's names, hyperparameters and fitted attributes, and the
fitted tree is stored, as scikit-learn's is, in parallel arrays (``tree_``), so prediction is
vectorised over samples with a loop over depth only.
"""
import numbers

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.validation import (check_classification_targets, check_is_fitted,
                              check_predict_input, check_random_state, check_scalar, check_X_y)

TREE_LEAF = -1  # children_left/right of a leaf, as in scikit-learn
TREE_UNDEFINED = -2  # feature and threshold of a leaf
_EPSILON = np.finfo(np.float64).eps  # a node with impurity <= this is pure (scikit-learn's rule)
# best_split scores the features of a node in blocks whose (n_t, width, K) arrays hold at
# most this many float64 numbers (16 MB each), so a node's peak memory does not grow with d.
_BLOCK_ELEMENTS = 1 << 21
_SQRT_MAX = float(np.sqrt(np.finfo(np.float64).max))


def gini(counts):
    r"""Gini impurity :math:`G = 1 - \sum_k p_k^2` of class counts (over the last axis)."""
    counts = np.asarray(counts, dtype=np.float64)
    return _gini(counts, counts.sum(axis=-1))


def entropy(counts):
    r"""Entropy in bits :math:`H = -\sum_k p_k \log_2 p_k` (with :math:`0 \log 0 = 0`)."""
    counts = np.asarray(counts, dtype=np.float64)
    return _entropy(counts, counts.sum(axis=-1))


def _gini(S, n):
    r"""Gini impurity, equation (3), from class counts.

    Parameters
    ----------
    S : ndarray of shape (..., K)
        Class counts (any leading shape: one node, or every split position of a block).
    n : ndarray of shape (...) or float
        Their totals, ``S.sum(axis=-1)`` (passed in because the caller already has them).

    Returns
    -------
    ndarray of shape (...)
        :math:`G = 1 - \sum_k (S_k / n)^2`.
    """
    ### BEGIN SOLUTION (gap 01)
    # einsum forms sum_k S_k^2 without the temporary array S ** 2 (twice as fast here).
    return 1.0 - np.einsum("...k,...k->...", S, S) / n ** 2
    ### END SOLUTION (gap 01)


def _entropy(S, n):
    r"""Entropy, equation (2), in bits from class counts, with :math:`0 \log 0 = 0`.

    Parameters
    ----------
    S : ndarray of shape (..., K)
        Class counts (any leading shape), some of them possibly 0.
    n : ndarray of shape (...) or float
        Their totals, ``S.sum(axis=-1)``.

    Returns
    -------
    ndarray of shape (...)
        :math:`H = -\sum_k p_k \log_2 p_k` with :math:`p_k = S_k / n`, over the last axis,
        without a RuntimeWarning for empty classes (:math:`0 \log 0 = 0`).
    """
    ### BEGIN SOLUTION (gap 02)
    p = S / np.expand_dims(n, -1)
    return -(p * np.log2(np.where(p > 0, p, 1.0))).sum(axis=-1)
    ### END SOLUTION (gap 02)


def _split_scores(X, Y, criterion, min_samples_leaf):
    r"""Score every split position of every column of ``X`` at once, by sorting (7).

    The impurities come from :func:`_gini` and :func:`_entropy` (gaps 01 and 02), applied to
    the cumulative class counts of each side.

    Parameters
    ----------
    X : ndarray of shape (n_t, b)
        The node's samples on a block of ``b`` candidate features.
    Y : ndarray of shape (n_t, K)
        One-hot class indicators, or the targets as one column (``K = 1``, regression).
    criterion : {"gini", "entropy", "squared_error"}
    min_samples_leaf : int

    Returns
    -------
    proxy : ndarray of shape (n_t - 1, b)
        Row ``q - 1`` scores the split whose left child holds the ``q`` smallest values of
        the column: :math:`-(n_L I_L + n_R I_R)` for an impurity, or the bracket of (9),
        :math:`s_L^2/n_L + s_R^2/n_R`, for squared error (larger is better). ``-inf`` where
        the split is invalid: between two equal values (10), or leaving a child with fewer
        than ``min_samples_leaf`` samples.
    Xs : ndarray of shape (n_t, b)
        Each column sorted (a stable sort), for the thresholds.
    """
    ### BEGIN SOLUTION (gap 03)
    n_t = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")  # O(n_t log n_t) per feature
    Xs = np.take_along_axis(X, order, axis=0)
    S_left = Y[order]  # (n_t, b, K): the labels in the sorted order of each column
    np.cumsum(S_left, axis=0, out=S_left)  # (7), in place (one array less)
    S_left = S_left[:-1]  # row q - 1: the counts (or sums) of the q smallest samples
    S_right = Y.sum(axis=0) - S_left
    n_left = np.arange(1, n_t, dtype=np.float64)[:, None]
    n_right = n_t - n_left
    if criterion == "squared_error":  # (9): n_L Var_L + n_R Var_R = sum y^2 - proxy
        proxy = (S_left ** 2).sum(axis=-1) / n_left + (S_right ** 2).sum(axis=-1) / n_right
    else:
        impurity = _gini if criterion == "gini" else _entropy
        proxy = -(n_right * impurity(S_right, n_right)) - n_left * impurity(S_left, n_left)
    valid = (Xs[1:] > Xs[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    return np.where(valid, proxy, -np.inf), Xs
    ### END SOLUTION (gap 03)


def best_split(X, Y, criterion, min_samples_leaf=1):
    r"""The best threshold split of one node, by sorting and cumulative sums.

    The features are scored in blocks (:func:`_split_scores` on a few columns at a time),
    so that the arrays of shape (n_t, width, K) stay under about 16 MB whatever the number
    of features: the peak memory of a node is that of one block, not of all features.

    Parameters
    ----------
    X : ndarray of shape (n_t, f)
        The node's samples on the candidate features, in the order they are visited.
    Y : ndarray of shape (n_t, K)
        One-hot class indicators (classification) or the targets as one column (regression).
    criterion : {"gini", "entropy", "squared_error"}
    min_samples_leaf : int
        Both children must keep at least this many samples.

    Returns
    -------
    (j, threshold, proxy) or None
        Column ``j`` of ``X`` and the threshold of the split ``x_j <= threshold``, and the
        split's proxy score (larger is better): :math:`-(n_L I_L + n_R I_R)` for an impurity
        :math:`I`, or :math:`s_L^2/n_L + s_R^2/n_R` for squared error. None if no split
        is valid. Ties go to the earlier column, then to the smaller threshold.
    """
    n_t, f = X.shape
    if n_t < 2 or f == 0:
        return None
    width = max(1, _BLOCK_ELEMENTS // (n_t * Y.shape[1]))
    best = None
    for start in range(0, f, width):
        proxy, Xs = _split_scores(X[:, start:start + width], Y, criterion, min_samples_leaf)
        jb, q = divmod(int(np.argmax(proxy.T)), n_t - 1)  # feature-major: the tie rule
        # Strictly better only: on a tie the earlier block (lower column) keeps the split.
        if proxy[q, jb] > -np.inf and (best is None or proxy[q, jb] > best[2]):
            best = (start + jb, Xs[q, jb], float(proxy[q, jb]), Xs[q + 1, jb])
    if best is None:
        return None
    j, low, score, high = best
    threshold = low / 2 + high / 2  # the midpoint (10) (halves cannot overflow)
    if threshold == high:  # adjacent floats: the midpoint rounds up to the right one
        threshold = low
    return j, float(threshold), score


class Tree:
    """A fitted tree as parallel arrays, one entry per node.

    Nodes are numbered in depth-first preorder (a node, its left subtree, its right
    subtree), so the subtree of node ``t`` is the range ``t, ..., t + size - 1``.

    Attributes
    ----------
    children_left, children_right : ndarray of int
        Child node ids; ``TREE_LEAF`` (-1) for a leaf.
    feature : ndarray of int
        The feature a node splits on; ``TREE_UNDEFINED`` (-2) for a leaf.
    threshold : ndarray of float
        A sample goes left if ``x[feature] <= threshold``; -2 for a leaf.
    value : ndarray
        Class proportions, shape (node_count, n_classes), or means, shape (node_count,).
    impurity : ndarray of float
        Gini, entropy (bits) or variance (squared error) of each node's training samples.
    n_node_samples : ndarray of int
        Training samples that reach each node.
    subtree_size : ndarray of int
        The number of nodes in the subtree of each node, itself included: the subtree of
        node ``t`` is the preorder range ``t, ..., t + subtree_size[t] - 1``.
    node_count, max_depth, n_leaves : int
    """

    def __init__(self, children_left, children_right, feature, threshold, value, impurity,
                 n_node_samples):
        self.children_left = np.asarray(children_left, dtype=np.intp)
        self.children_right = np.asarray(children_right, dtype=np.intp)
        self.feature = np.asarray(feature, dtype=np.intp)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.value = np.asarray(value, dtype=np.float64)
        self.impurity = np.asarray(impurity, dtype=np.float64)
        self.n_node_samples = np.asarray(n_node_samples, dtype=np.intp)
        self.node_count = len(self.feature)
        depth = np.zeros(self.node_count, dtype=np.intp)
        self.subtree_size = np.ones(self.node_count, dtype=np.intp)
        internal = np.flatnonzero(self.children_left != TREE_LEAF)
        for t in internal:  # parents come before children in preorder
            depth[[self.children_left[t], self.children_right[t]]] = depth[t] + 1
        for t in internal[::-1]:
            self.subtree_size[t] += (self.subtree_size[self.children_left[t]]
                                     + self.subtree_size[self.children_right[t]])
        self.max_depth = int(depth.max())
        self.n_leaves = self.node_count - len(internal)

    def apply(self, X):
        r"""The leaf each row of ``X`` lands in (the box :math:`R_\ell` of (1)): one vectorised
        step per level of the tree.

        A sample at internal node ``t`` goes to ``children_left[t]`` if
        ``x[feature[t]] <= threshold[t]``, else to ``children_right[t]``.

        Parameters
        ----------
        X : ndarray of shape (n, d), float64, validated

        Returns
        -------
        ndarray of shape (n,), int
            The node id of each sample's leaf. Loops over depth, never over samples.
        """
        ### BEGIN SOLUTION (gap 04)
        # For the walk, a leaf is its own child on both sides, so every sample can take
        # max_depth steps with no bookkeeping of who has arrived.
        leaf = self.children_left == TREE_LEAF
        nodes = np.arange(self.node_count)
        step = np.stack([np.where(leaf, nodes, self.children_right),
                         np.where(leaf, nodes, self.children_left)], axis=1).ravel()
        feature = np.where(leaf, 0, self.feature)
        threshold = np.where(leaf, np.inf, self.threshold)
        flat, row_start = X.ravel(), np.arange(X.shape[0]) * X.shape[1]
        node = np.zeros(X.shape[0], dtype=np.intp)
        for _ in range(self.max_depth):
            go_left = flat.take(row_start + feature.take(node)) <= threshold.take(node)
            node = step.take(2 * node + go_left)
        return node
        ### END SOLUTION (gap 04)

    def pruning_path(self, ccp_alpha=np.inf):
        r"""Weakest-link pruning (Breiman et al., 1984, section 3.3).

        With :math:`R(t) = \frac{n_t}{n} I(t)` and :math:`R(T_t)` the sum of :math:`R` over the
        leaves of the subtree :math:`T_t`, repeatedly collapse the internal node with the
        smallest :math:`g(t) = (R(t) - R(T_t)) / (|\tilde T_t| - 1)` (the first in preorder on
        a tie), while :math:`g(t) \le` ``ccp_alpha``.

        Uses only the tree's arrays: ``children_left`` (which nodes are internal),
        ``n_node_samples`` and ``impurity`` (for :math:`R(t)` of (11)) and ``subtree_size``
        (the subtree of node ``t`` is the preorder range ``t, ..., t + subtree_size[t] - 1``).

        Parameters
        ----------
        ccp_alpha : float, default inf
            Stop before the first collapse whose :math:`g` exceeds it (inf: the whole path,
            down to the root alone).

        Returns
        -------
        alphas : ndarray of shape (m + 1,)
            0, then the :math:`g(t)` of (12) of each of the ``m`` collapses, in order.
        impurities : ndarray of shape (m + 1,)
            :math:`R(T)` of (11), the sum of :math:`R` over the leaves, of the unpruned tree
            and then of the tree after each collapse.
        keep : ndarray of bool, shape (node_count,)
            The nodes left in the tree pruned at ``ccp_alpha`` (the nodes below a collapsed
            node are dropped; the collapsed node itself stays, as a leaf).
        """
        ### BEGIN SOLUTION (gap 05)
        r_node = self.n_node_samples * self.impurity / self.n_node_samples[0]  # R(t) of (11)
        end = np.arange(self.node_count) + self.subtree_size
        keep = np.ones(self.node_count, dtype=bool)
        internal = self.children_left != TREE_LEAF
        alphas, impurities = [0.0], [r_node[~internal].sum()]
        while internal[0]:
            # R(T_t) and the leaf count of every subtree, from prefix sums over preorder.
            leaf = keep & ~internal
            r_cum = np.concatenate([[0.0], np.cumsum(np.where(leaf, r_node, 0.0))])
            n_cum = np.concatenate([[0], np.cumsum(leaf)])
            nodes = np.flatnonzero(internal)
            r_branch = r_cum[end[nodes]] - r_cum[nodes]
            g = (r_node[nodes] - r_branch) / (n_cum[end[nodes]] - n_cum[nodes] - 1)
            weakest = int(np.argmin(g))
            if g[weakest] > ccp_alpha:
                break
            t = nodes[weakest]
            keep[t + 1:end[t]] = False  # collapse t into a leaf
            internal[t:end[t]] = False
            alphas.append(g[weakest])
            impurities.append(r_cum[-1] + r_node[t] - r_branch[weakest])
        return np.array(alphas), np.array(impurities), keep
        ### END SOLUTION (gap 05)

    def pruned(self, keep):
        """A new ``Tree`` with only the nodes in ``keep`` (preorder survives the selection)."""
        new_id = np.cumsum(keep) - 1
        internal = keep & (self.children_left != TREE_LEAF)
        internal[internal] = keep[self.children_left[internal]]  # collapsed nodes are leaves
        left = np.where(internal, new_id[self.children_left], TREE_LEAF)[keep]
        right = np.where(internal, new_id[self.children_right], TREE_LEAF)[keep]
        feature = np.where(internal, self.feature, TREE_UNDEFINED)[keep]
        threshold = np.where(internal, self.threshold, TREE_UNDEFINED)[keep]
        return Tree(left, right, feature, threshold, self.value[keep], self.impurity[keep],
                    self.n_node_samples[keep])


def _importances(t, n_features):
    r"""Impurity importances (13) of the fitted ``Tree`` ``t``.

    Returns
    -------
    ndarray of shape (n_features,)
        For each feature, the sum over the internal nodes that split on it of
        :math:`R(t) - R(t_L) - R(t_R)` with :math:`R(t) = \frac{n_t}{n} I(t)`, normalised to
        sum to 1 (all zeros for a tree that is a single leaf).
    """
    ### BEGIN SOLUTION (gap 06)
    internal = t.children_left != TREE_LEAF
    w = t.n_node_samples * t.impurity
    decrease = (w[internal] - w[t.children_left[internal]]
                - w[t.children_right[internal]]) / t.n_node_samples[0]
    importances = np.bincount(t.feature[internal], weights=decrease, minlength=n_features)
    total = importances.sum()
    return importances / total if total > 0 else importances
    ### END SOLUTION (gap 06)


class _Bunch(dict):
    """A dict whose keys are also attributes, like scikit-learn's Bunch."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class _BaseDecisionTree(BaseEstimator):
    """Validation, growing, pruning and inspection shared by both trees."""

    def _check_params(self, n_features):
        if self.criterion not in self._CRITERIA:
            raise ValueError(f"criterion must be one of {self._CRITERIA}, got {self.criterion!r}")
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, min_val=1)
        check_scalar(self.min_samples_split, "min_samples_split", kind=numbers.Integral,
                     min_val=2)
        check_scalar(self.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral,
                     min_val=1)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", min_val=0)
        check_scalar(self.ccp_alpha, "ccp_alpha", min_val=0)
        mf = self.max_features
        if mf is None:
            n_visit = n_features
        elif mf in ("sqrt", "log2"):
            n_visit = max(1, int((np.sqrt if mf == "sqrt" else np.log2)(n_features)))
        elif isinstance(mf, numbers.Integral) and not isinstance(mf, bool):
            n_visit = check_scalar(mf, "max_features", min_val=1, max_val=n_features)
        elif isinstance(mf, numbers.Real) and not isinstance(mf, bool):
            check_scalar(mf, "max_features", min_val=0, max_val=1, include_min=False)
            n_visit = max(1, int(mf * n_features))
        else:
            raise ValueError("max_features must be None, 'sqrt', 'log2', an int in "
                             f"[1, n_features] or a float in (0, 1]; got {mf!r}")
        return n_visit, check_random_state(self.random_state)

    def _impurity(self, Y):
        if self.criterion == "squared_error":  # the variance, by two passes (no cancellation)
            r = Y[:, 0] - Y[:, 0].sum() / len(Y)
            return float(r @ r) / len(Y)
        return float((_gini if self.criterion == "gini" else _entropy)(Y.sum(axis=0), len(Y)))

    def _grow(self, X, Y):
        n, d = X.shape
        n_visit, rng = self._check_params(d)
        max_depth = np.inf if self.max_depth is None else self.max_depth
        nodes = {k: [] for k in ("left", "right", "feature", "threshold", "value", "impurity",
                                 "n")}
        # A stack of nodes to grow: (sample indices, depth, parent, is_left, impurity).
        # Popping the left child first numbers the nodes in preorder, as scikit-learn does.
        stack = [(np.arange(n), 0, -1, False, self._impurity(Y))]
        while stack:
            idx, depth, parent, is_left, impurity = stack.pop()
            node, m = len(nodes["n"]), len(idx)
            if parent >= 0:
                nodes["left" if is_left else "right"][parent] = node
            Yn = Y[idx]
            value = Yn.sum(axis=0) / m  # class proportions, or the mean as a 1-vector
            if self.criterion == "squared_error":
                value = value[0]
            for key, v in [("left", TREE_LEAF), ("right", TREE_LEAF), ("feature", TREE_UNDEFINED),
                           ("threshold", TREE_UNDEFINED), ("value", value),
                           ("impurity", impurity), ("n", m)]:
                nodes[key].append(v)
            if (depth >= max_depth or m < self.min_samples_split
                    or m < 2 * self.min_samples_leaf or impurity <= _EPSILON):
                continue
            Xn = X[idx]
            # Visit features in index order, or in a random order when only n_visit of the
            # non-constant ones are examined; the first best split found wins.
            varies = Xn.max(axis=0) > Xn.min(axis=0)
            if n_visit < d:
                order = rng.permutation(d)
                candidates = order[varies[order]][:n_visit]
            else:
                candidates = np.flatnonzero(varies)
            # (No copy of the node's columns when every feature is a candidate.)
            Xc = Xn if len(candidates) == d else Xn[:, candidates]
            split = best_split(Xc, Yn, self.criterion, self.min_samples_leaf)
            if split is None:
                continue
            j, threshold, _ = split
            feature = candidates[j]
            go_left = Xn[:, feature] <= threshold
            imp_left, imp_right = self._impurity(Yn[go_left]), self._impurity(Yn[~go_left])
            m_left = go_left.sum()
            # The weighted impurity decrease (4) of the split, as a fraction of all n samples.
            gain = m / n * (impurity - (m - m_left) / m * imp_right - m_left / m * imp_left)
            if gain + _EPSILON < self.min_impurity_decrease:
                continue
            nodes["feature"][node], nodes["threshold"][node] = feature, threshold
            stack.append((idx[~go_left], depth + 1, node, False, imp_right))
            stack.append((idx[go_left], depth + 1, node, True, imp_left))
        tree = Tree(nodes["left"], nodes["right"], nodes["feature"], nodes["threshold"],
                    nodes["value"], nodes["impurity"], nodes["n"])
        if self.ccp_alpha > 0:
            tree = tree.pruned(tree.pruning_path(self.ccp_alpha)[2])
        self.tree_ = tree
        self.n_features_in_ = d
        return self

    def _validate_X_predict(self, X):
        return check_predict_input(self, X, "tree_")

    def apply(self, X):
        """Return the index of the leaf each sample ends up in."""
        X = self._validate_X_predict(X)
        return self.tree_.apply(X)

    def get_depth(self):
        """The depth of the tree (a single leaf has depth 0)."""
        check_is_fitted(self, "tree_")
        return self.tree_.max_depth

    def get_n_leaves(self):
        """The number of leaves."""
        check_is_fitted(self, "tree_")
        return self.tree_.n_leaves

    @property
    def feature_importances_(self):
        r"""Impurity-based importances: for each feature, the sum over the nodes that split on
        it of :math:`n_t I(t) - n_L I(L) - n_R I(R)`, normalised to sum to 1 (all zeros for a
        single leaf)."""
        check_is_fitted(self, "tree_")
        return _importances(self.tree_, self.n_features_in_)

    def cost_complexity_pruning_path(self, X, y):
        """Grow the tree with ``ccp_alpha=0`` on (X, y) and return its pruning path.

        Returns
        -------
        Bunch with ``ccp_alphas`` (increasing) and ``impurities`` (the total leaf impurity
        :math:`R(T_\\alpha)` of the subtree kept for each alpha).
        """
        full = type(self)(**{**self.get_params(), "ccp_alpha": 0.0}).fit(X, y)
        alphas, impurities, _ = full.tree_.pruning_path()
        return _Bunch(ccp_alphas=alphas, impurities=impurities)


class DecisionTreeClassifier(ClassifierMixin, _BaseDecisionTree):
    r"""A CART classification tree.

    Every node with samples :math:`S_t` (:math:`n_t` of them, class proportions
    :math:`p_{tk}`) is split at the feature :math:`j` and threshold :math:`\tau_t` (a midpoint
    between consecutive distinct values) minimising the weighted impurity of the children,
    :math:`n_L I(L) + n_R I(R)`, with :math:`I = 1 - \sum_k p_k^2` (``"gini"``) or
    :math:`I = -\sum_k p_k \log_2 p_k` (``"entropy"``, in bits). A leaf predicts its class
    proportions; ``predict`` returns the most frequent class (the first in ``classes_`` on a
    tie). A node becomes a leaf when it is pure, too deep or too small, when no split is
    valid, or when the decrease is below ``min_impurity_decrease``. Features are visited in
    index order (with ``max_features=None``) and the first best split wins, so ties go to the
    lowest feature index, then the smallest threshold. scikit-learn visits features in a
    random order, so on ties the two may pick different (equally good) splits. Unlike
    scikit-learn, X is kept in float64 (scikit-learn rounds it to float32), NaN in X is
    rejected (scikit-learn's trees route missing values to a side), and there is no
    ``splitter``, ``max_leaf_nodes``, ``class_weight`` or ``sample_weight``; the parameters we
    have take scikit-learn's names and defaults (``references/sklearn_differences.md``).

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default "gini"
    max_depth : int >= 1 or None, default None
        Nodes at this depth become leaves; None grows until the other rules stop.
    min_samples_split : int >= 2, default 2
        A node with fewer samples is a leaf.
    min_samples_leaf : int >= 1, default 1
        Only splits that leave at least this many samples in each child are considered.
    min_impurity_decrease : float >= 0, default 0.0
        Split only if :math:`\frac{n_t}{n}(I(t) - \frac{n_L}{n_t}I(L) - \frac{n_R}{n_t}I(R))`
        is at least this (up to a tolerance of machine epsilon).
    max_features : None, int, float, "sqrt" or "log2", default None
        How many non-constant features each node examines (a float is a fraction of
        n_features, rounded down, at least 1). Fewer than all are drawn at random.
    ccp_alpha : float >= 0, default 0.0
        Prune the grown tree to the subtree minimising :math:`R(T) + \alpha|\tilde T|`.
    random_state : None, int or numpy.random.Generator
        Draws the features examined at each node when ``max_features`` < n_features.

    Attributes
    ----------
    tree_ : Tree
    classes_ : ndarray
    n_classes_, n_features_in_ : int
    feature_importances_ : ndarray of shape (n_features,)
    """

    _CRITERIA = ("gini", "entropy")

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1,
                 min_impurity_decrease=0.0, max_features=None, ccp_alpha=0.0,
                 random_state=None):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.max_features = max_features
        self.ccp_alpha = ccp_alpha
        self.random_state = random_state

    def fit(self, X, y):
        """Grow (and prune) the tree on ``X`` of shape (n_samples, n_features) and labels ``y``."""
        X, y = check_X_y(X, y)
        # A single class is allowed (a one-leaf tree), as in scikit-learn.
        self.classes_, y_enc = check_classification_targets(
            y, min_classes=1, regressor="DecisionTreeRegressor")
        self.n_classes_ = len(self.classes_)
        return self._grow(X, np.eye(self.n_classes_)[y_enc])

    def predict_proba(self, X):
        """Class proportions of the leaf each sample falls in, shape (n_samples, n_classes)."""
        leaves = self.apply(X)
        return self.tree_.value[leaves]

    def predict(self, X):
        """The most frequent training class of each sample's leaf."""
        leaves = self.apply(X)
        return self.classes_[np.argmax(self.tree_.value, axis=1)][leaves]


class DecisionTreeRegressor(RegressorMixin, _BaseDecisionTree):
    r"""A CART regression tree.

    Every node is split to minimise the children's total squared error around their means,
    :math:`n_L \mathrm{Var}(L) + n_R \mathrm{Var}(R)`, found through the equivalent proxy
    :math:`s_L^2/n_L + s_R^2/n_R` (:math:`s` the sums of targets) maximised. A leaf predicts
    the mean of its training targets; the node impurity is their variance (the MSE of that
    prediction). Stopping rules and tie-breaking are those of ``DecisionTreeClassifier``.
    Targets so large that ``n * max|y|`` reaches about 1.3e154 are rejected with a
    ``ValueError``: the squared sums of (9) would overflow float64.

    Parameters
    ----------
    criterion : {"squared_error"}, default "squared_error"
    max_depth, min_samples_split, min_samples_leaf, min_impurity_decrease, max_features, \
ccp_alpha, random_state
        As in ``DecisionTreeClassifier``.

    Attributes
    ----------
    tree_ : Tree
    n_features_in_ : int
    feature_importances_ : ndarray of shape (n_features,)
    """

    _CRITERIA = ("squared_error",)

    def __init__(self, criterion="squared_error", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_impurity_decrease=0.0, max_features=None,
                 ccp_alpha=0.0, random_state=None):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.max_features = max_features
        self.ccp_alpha = ccp_alpha
        self.random_state = random_state

    def fit(self, X, y):
        """Grow (and prune) the tree on ``X`` of shape (n_samples, n_features) and targets ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        # The split search sums targets and squares the sums (9): with n samples those
        # stay finite only if n * max|y| < sqrt(largest float64), about 1.3e154.
        largest = float(np.abs(y).max())
        if len(y) * largest >= _SQRT_MAX:
            raise ValueError(
                f"y has values up to {largest:.3g} in magnitude: the squared-error sums of "
                f"{len(y)} such targets overflow float64 (n * max|y| must stay below "
                f"{_SQRT_MAX:.2g}). Rescale y (fit on y / s for a large s and multiply the "
                "predictions by s).")
        return self._grow(X, y[:, None])

    def predict(self, X):
        """The mean training target of each sample's leaf."""
        leaves = self.apply(X)
        return self.tree_.value[leaves]


def _names(model, feature_names, class_names):
    check_is_fitted(model, "tree_")
    if feature_names is None:
        feature_names = [f"feature_{j}" for j in range(model.n_features_in_)]
    if len(feature_names) != model.n_features_in_:
        raise ValueError(f"feature_names has {len(feature_names)} names, but the tree was "
                         f"fitted with {model.n_features_in_} features.")
    if class_names is None and hasattr(model, "classes_"):
        class_names = model.classes_
    return list(feature_names), class_names


def _leaf_label(model, node, class_names, decimals):
    value = model.tree_.value[node]
    if class_names is None:
        return f"value: [{value:.{decimals}f}]"
    return f"class: {class_names[int(np.argmax(value))]}"


def export_text(model, feature_names=None, class_names=None, decimals=2):
    """The tree as indented text rules, in scikit-learn's ``export_text`` format."""
    feature_names, class_names = _names(model, feature_names, class_names)
    t, lines = model.tree_, []

    def visit(node, depth):
        indent = "|   " * depth + "|---"
        if t.children_left[node] == TREE_LEAF:
            lines.append(f"{indent} {_leaf_label(model, node, class_names, decimals)}")
            return
        name, thr = feature_names[t.feature[node]], f"{t.threshold[node]:.{decimals}f}"
        lines.append(f"{indent} {name} <= {thr}")
        visit(t.children_left[node], depth + 1)
        lines.append(f"{indent} {name} >  {thr}")
        visit(t.children_right[node], depth + 1)

    visit(0, 0)
    return "\n".join(lines) + "\n"


def plot_tree(model, feature_names=None, class_names=None, ax=None, decimals=2, fontsize=8):
    """Draw the tree with matplotlib: a box per node, leaves coloured by their class.

    Leaves sit at evenly spaced x positions (in preorder), each internal node above the
    middle of its children, one row per depth. Left branches are the "yes" answers to the
    node's question ``feature <= threshold``. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    feature_names, class_names = _names(model, feature_names, class_names)
    t = model.tree_
    ax = ax if ax is not None else plt.subplots(figsize=(10, 5))[1]
    x, y = np.zeros(t.node_count), np.zeros(t.node_count)
    leaves = iter(range(t.n_leaves))

    def place(node, depth):
        y[node] = -depth
        if t.children_left[node] == TREE_LEAF:
            x[node] = next(leaves)
            return
        place(t.children_left[node], depth + 1)
        place(t.children_right[node], depth + 1)
        x[node] = (x[t.children_left[node]] + x[t.children_right[node]]) / 2

    place(0, 0)
    colors = plt.get_cmap("tab10")
    for node in range(t.node_count):
        for child, label in [(t.children_left[node], "yes"), (t.children_right[node], "no")]:
            if child != TREE_LEAF:
                ax.plot([x[node], x[child]], [y[node], y[child]], color="grey", lw=1, zorder=1)
                ax.text((x[node] + x[child]) / 2, (y[node] + y[child]) / 2, label,
                        fontsize=fontsize - 1, color="grey", ha="center", va="center",
                        bbox=dict(fc="white", ec="none", pad=0.5))
        text = f"samples = {t.n_node_samples[node]}"
        face = "white"
        if class_names is not None:
            k = int(np.argmax(t.value[node]))
            text += f"\n{class_names[k]} ({100 * t.value[node][k]:.0f}%)"
            face = colors(k % 10) if t.children_left[node] == TREE_LEAF else "white"
        else:
            text += f"\nvalue = {t.value[node]:.{decimals}f}"
        if t.children_left[node] != TREE_LEAF:
            text = (f"{feature_names[t.feature[node]]} <= "
                    f"{t.threshold[node]:.{decimals}f}?\n" + text)
        ax.text(x[node], y[node], text, ha="center", va="center", fontsize=fontsize,
                bbox=dict(boxstyle="round", fc=face, ec="black", alpha=0.9), zorder=2)
    ax.set_xlim(-0.6, max(t.n_leaves - 0.4, 0.6))
    ax.set_ylim(-t.max_depth - 0.5, 0.5)
    ax.axis("off")
    return ax
