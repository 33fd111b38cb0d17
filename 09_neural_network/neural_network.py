r"""A multi-layer perceptron from scratch: forward pass, backpropagation, SGD and Adam.

A network with layer sizes :math:`(d, h_1, \dots, h_{L-1}, k)` has weights
:math:`W_l \in \mathbb{R}^{h_{l-1} \times h_l}` (``coefs_[l-1]``) and biases
:math:`\mathbf b_l \in \mathbb{R}^{h_l}` (``intercepts_[l-1]``). With :math:`A_0 = X` the
forward pass is, row by row (one sample per row),

.. math:: Z_l = A_{l-1} W_l + \mathbf 1 \mathbf b_l^\top, \qquad A_l = f(Z_l)
          \quad (l < L), \qquad \text{output } g(Z_L),

with the hidden activation :math:`f` and the output function :math:`g` (identity for
regression, the sigmoid for two classes, the softmax for more). ``MLPClassifier`` and
``MLPRegressor`` use scikit-learn's names, defaults and objective.
"""
import numbers

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.validation import (check_array, check_classification_targets, check_is_fitted,
                              check_n_features, check_random_state, check_scalar, check_X_y)

ACTIVATIONS = ("identity", "relu", "tanh", "sigmoid")
LOSSES = ("squared_error", "binary_log_loss", "log_loss")
SOLVERS = ("sgd", "adam")


def activate(Z, activation):
    """Apply a hidden activation elementwise and return a new array."""
    ### BEGIN SOLUTION
    if activation == "relu":
        return np.maximum(Z, 0.0)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "sigmoid":
        return 0.5 * (np.tanh(0.5 * Z) + 1.0)  # = 1 / (1 + e^-z), never overflows
    return Z.copy()
    ### END SOLUTION


def activation_derivative(A, activation):
    r"""The derivative :math:`f'(z)` written through the activation's output :math:`a = f(z)`.

    relu: :math:`[a > 0]`; tanh: :math:`1 - a^2`; sigmoid: :math:`a(1 - a)`; identity: 1.
    """
    ### BEGIN SOLUTION
    if activation == "relu":
        return (A > 0).astype(A.dtype)
    if activation == "tanh":
        return 1.0 - A * A
    if activation == "sigmoid":
        return A * (1.0 - A)
    return np.ones_like(A)
    ### END SOLUTION


def softmax(Z):
    r"""Row-wise :math:`\mathrm{softmax}(\mathbf z)_j = e^{z_j - \max z} / \sum_c e^{z_c - \max z}`."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def output_function(Z, loss):
    """The output layer's link: identity (squared error), sigmoid (binary) or softmax."""
    if loss == "squared_error":
        return Z
    if loss == "binary_log_loss":
        return activate(Z, "sigmoid")
    return softmax(Z)


def output_loss(Z, Y, loss):
    r"""Mean loss of the raw outputs ``Z`` (n, k) against targets ``Y`` (n, k), and dL/dZ.

    squared_error: :math:`\frac{1}{2n}\sum_{i,j}(z_{ij} - y_{ij})^2`; binary_log_loss:
    :math:`\frac1n\sum_i \log(1 + e^{z_i}) - y_i z_i` (the cross-entropy of
    :math:`\sigma(z_i)`); log_loss: :math:`-\frac1n\sum_{i,j} y_{ij}\log\mathrm{softmax}(\mathbf
    z_i)_j`, computed by log-sum-exp. In all three cases dL/dZ is :math:`(g(Z) - Y)/n`.
    """
    n = Z.shape[0]
    ### BEGIN SOLUTION
    if loss == "squared_error":
        value = 0.5 * np.sum((Z - Y) ** 2) / n
    elif loss == "binary_log_loss":
        value = np.sum(np.logaddexp(0.0, Z) - Y * Z) / n
    else:
        m = Z.max(axis=1, keepdims=True)
        log_norm = m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
        value = -np.sum(Y * (Z - log_norm)) / n
    delta = (output_function(Z, loss) - Y) / n
    ### END SOLUTION
    return float(value), delta


def forward(X, coefs, intercepts, activation):
    """Return the list ``[A_0 = X, A_1, ..., A_{L-1}, Z_L]`` (the last entry is raw output)."""
    A = [X]
    for l, (W, b) in enumerate(zip(coefs, intercepts)):
        ### BEGIN SOLUTION
        Z = A[-1] @ W
        Z += b
        A.append(Z if l == len(coefs) - 1 else activate(Z, activation))
        ### END SOLUTION
    return A


def loss_and_gradients(X, Y, coefs, intercepts, activation, loss, alpha=0.0):
    r"""Objective and its gradients for one batch, by backpropagation.

    The objective is :math:`J = L + \frac{\alpha}{2n}\sum_l \lVert W_l\rVert_F^2` with the mean
    loss :math:`L` of ``output_loss`` over the :math:`n` rows of ``X`` (biases are not
    penalised). With :math:`\Delta_L = (g(Z_L) - Y)/n`, for :math:`l = L, \dots, 1`:
    :math:`\nabla_{W_l} J = A_{l-1}^\top \Delta_l + \frac{\alpha}{n} W_l`,
    :math:`\nabla_{\mathbf b_l} J = \Delta_l^\top \mathbf 1`,
    :math:`\Delta_{l-1} = (\Delta_l W_l^\top) \odot f'(Z_{l-1})`.

    Returns
    -------
    J : float
    coef_grads, intercept_grads : lists of ndarray shaped like ``coefs`` and ``intercepts``
    """
    n = X.shape[0]
    A = forward(X, coefs, intercepts, activation)
    value, delta = output_loss(A[-1], Y, loss)
    value += 0.5 * alpha * sum(np.sum(W * W) for W in coefs) / n
    coef_grads, intercept_grads = [None] * len(coefs), [None] * len(coefs)
    for l in range(len(coefs) - 1, -1, -1):
        ### BEGIN SOLUTION
        coef_grads[l] = A[l].T @ delta + (alpha / n) * coefs[l]
        intercept_grads[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ coefs[l].T) * activation_derivative(A[l], activation)
        ### END SOLUTION
    return value, coef_grads, intercept_grads


def init_parameters(layer_sizes, activation, rng):
    r"""He initialisation for relu, Glorot (Xavier) for the others; biases start at zero.

    relu: :math:`W_{ij} \sim \mathcal N(0, 2/\text{fan\_in})`; otherwise
    :math:`W_{ij} \sim U(-r, r)` with :math:`r = \sqrt{6/(\text{fan\_in} + \text{fan\_out})}`
    (variance :math:`2/(\text{fan\_in} + \text{fan\_out})`). Layers are drawn in order from
    ``rng``.
    """
    coefs, intercepts = [], []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        ### BEGIN SOLUTION
        if activation == "relu":
            W = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
        else:
            bound = np.sqrt(6.0 / (fan_in + fan_out))
            W = rng.uniform(-bound, bound, size=(fan_in, fan_out))
        ### END SOLUTION
        coefs.append(W)
        intercepts.append(np.zeros(fan_out))
    return coefs, intercepts


def sgd_momentum_step(param, grad, velocity, learning_rate, momentum):
    r"""Heavy-ball step, in place: :math:`v \leftarrow \mu v - \eta g`, :math:`\theta \leftarrow
    \theta + v`."""
    ### BEGIN SOLUTION
    velocity *= momentum
    velocity -= learning_rate * grad
    param += velocity
    ### END SOLUTION


def adam_step(param, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    r"""Adam step number ``t`` (1, 2, ...), in place (Kingma & Ba 2015, Algorithm 1).

    :math:`m \leftarrow \beta_1 m + (1 - \beta_1) g`, :math:`v \leftarrow \beta_2 v + (1 -
    \beta_2) g^2`, :math:`\hat m = m / (1 - \beta_1^t)`, :math:`\hat v = v / (1 - \beta_2^t)`,
    :math:`\theta \leftarrow \theta - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)`.
    """
    ### BEGIN SOLUTION
    m *= beta_1
    m += (1.0 - beta_1) * grad
    v *= beta_2
    v += (1.0 - beta_2) * grad * grad
    m_hat = m / (1.0 - beta_1 ** t)
    v_hat = v / (1.0 - beta_2 ** t)
    param -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    ### END SOLUTION


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")


class _BaseMLP(BaseEstimator):
    """The training loop shared by ``MLPClassifier`` and ``MLPRegressor``."""

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate_init=0.001, max_iter=200,
                 shuffle=True, random_state=None, tol=1e-4, momentum=0.9,
                 early_stopping=False, validation_fraction=0.1, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-8, n_iter_no_change=10):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.momentum = momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change

    def _check_params(self):
        sizes = self.hidden_layer_sizes
        sizes = (sizes,) if isinstance(sizes, numbers.Integral) else sizes
        if (not isinstance(sizes, (tuple, list)) or
                not all(isinstance(h, numbers.Integral) and not isinstance(h, bool) and h >= 1
                        for h in sizes)):
            raise ValueError(f"hidden_layer_sizes must be a tuple of positive integers, got "
                             f"{self.hidden_layer_sizes!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}")
        if not (isinstance(self.batch_size, str) and self.batch_size == "auto"):
            check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        check_scalar(self.alpha, "alpha", min_val=0)
        check_scalar(self.learning_rate_init, "learning_rate_init", min_val=0, include_min=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", min_val=0)
        check_scalar(self.momentum, "momentum", min_val=0, max_val=1)
        check_scalar(self.validation_fraction, "validation_fraction", min_val=0, max_val=1,
                     include_min=False, include_max=False)
        check_scalar(self.beta_1, "beta_1", min_val=0, max_val=1, include_max=False)
        check_scalar(self.beta_2, "beta_2", min_val=0, max_val=1, include_max=False)
        check_scalar(self.epsilon, "epsilon", min_val=0, include_min=False)
        check_scalar(self.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral,
                     min_val=1)
        _check_bool(self.shuffle, "shuffle")
        _check_bool(self.early_stopping, "early_stopping")
        return tuple(int(h) for h in sizes), check_random_state(self.random_state)

    def _fit(self, X, Y):
        hidden, rng = self._check_params()
        n, self.n_features_in_ = X.shape
        layer_sizes = (X.shape[1], *hidden, Y.shape[1])
        self.n_layers_, self.n_outputs_ = len(layer_sizes), Y.shape[1]
        # One generator, used in a fixed order: weights, validation split, then shuffles.
        coefs, intercepts = init_parameters(layer_sizes, self.activation, rng)
        if self.early_stopping:
            n_val = int(np.ceil(self.validation_fraction * n))
            if n_val < 2 or n - n_val < 1:
                raise ValueError(f"early_stopping needs at least one training and two "
                                 f"validation samples; n_samples={n} with validation_fraction="
                                 f"{self.validation_fraction} gives {n - n_val} and {n_val}.")
            perm = rng.permutation(n)
            X_val, Y_val = X[perm[:n_val]], Y[perm[:n_val]]
            X, Y, n = X[perm[n_val:]], Y[perm[n_val:]], n - n_val
        batch_size = min(200, n) if self.batch_size == "auto" else min(self.batch_size, n)
        params = coefs + intercepts
        state1 = [np.zeros_like(p) for p in params]   # velocity (sgd) or m (adam)
        state2 = [np.zeros_like(p) for p in params]   # v (adam)
        self.loss_curve_, val_scores, t, stall = [], [], 0, 0
        best_loss, best_score, best = np.inf, -np.inf, None
        for _ in range(self.max_iter):
            order = rng.permutation(n) if self.shuffle else np.arange(n)
            total = 0.0
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                J, gW, gb = loss_and_gradients(X[idx], Y[idx], coefs, intercepts,
                                               self.activation, self._loss, self.alpha)
                total += J * len(idx)
                t += 1
                for p, g, s1, s2 in zip(params, gW + gb, state1, state2):
                    if self.solver == "sgd":
                        sgd_momentum_step(p, g, s1, self.learning_rate_init, self.momentum)
                    else:
                        adam_step(p, g, s1, s2, t, self.learning_rate_init, self.beta_1,
                                  self.beta_2, self.epsilon)
            self.loss_curve_.append(total / n)
            # scikit-learn's stopping rule: a run of n_iter_no_change + 1 epochs without an
            # improvement of at least tol (in the training loss or the validation score).
            if self.early_stopping:
                self.coefs_, self.intercepts_ = coefs, intercepts
                score = self._validation_score(X_val, Y_val)
                val_scores.append(score)
                stall = stall + 1 if score < best_score + self.tol else 0
                if score > best_score:
                    best_score = score
                    best = ([W.copy() for W in coefs], [b.copy() for b in intercepts])
            else:
                loss = self.loss_curve_[-1]
                stall = stall + 1 if loss > best_loss - self.tol else 0
                best_loss = min(best_loss, loss)
            if stall > self.n_iter_no_change or not np.isfinite(self.loss_curve_[-1]):
                break
        self.n_iter_ = len(self.loss_curve_)
        if self.early_stopping:
            coefs, intercepts = best if best is not None else (coefs, intercepts)
            self.validation_scores_, self.best_validation_score_ = val_scores, best_score
            self.best_loss_ = None
        else:
            self.validation_scores_ = self.best_validation_score_ = None
            self.best_loss_ = best_loss
        self.coefs_, self.intercepts_ = coefs, intercepts
        return self

    def _raw_output(self, X):
        check_is_fitted(self, "coefs_")
        X = check_array(X)
        check_n_features(self, X)
        return forward(X, self.coefs_, self.intercepts_, self.activation)[-1]


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Multi-layer perceptron classifier trained by mini-batch SGD (with momentum) or Adam.

    On each mini-batch of :math:`m` rows the optimiser descends scikit-learn's objective

    .. math:: J = -\frac1m \sum_{i=1}^m \sum_{j=1}^{K} y_{ij} \log p_{ij}
              + \frac{\alpha}{2m} \sum_l \lVert W_l \rVert_F^2,

    with one-hot targets and :math:`p_i = \mathrm{softmax}(\mathbf z_i)` for :math:`K > 2`
    classes; for two classes there is one output unit, :math:`p_i = \sigma(z_i)`, and the
    binary cross-entropy :math:`-\frac1m\sum_i y_i\log p_i + (1 - y_i)\log(1 - p_i)`. Biases
    are not penalised.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int >= 1, default (100,)
        Units per hidden layer; ``()`` gives no hidden layer (a linear model).
    activation : {"relu", "tanh", "sigmoid", "identity"}, default "relu"
        The hidden activation (scikit-learn calls the sigmoid "logistic").
    solver : {"adam", "sgd"}, default "adam"
        ``"sgd"`` is heavy-ball momentum (scikit-learn with ``nesterovs_momentum=False``).
    alpha : float >= 0, default 1e-4
        L2 penalty strength, as above.
    batch_size : int >= 1 or "auto", default "auto"
        "auto" is ``min(200, n)``; larger values are clipped to ``n``.
    learning_rate_init : float > 0, default 1e-3
        The constant step size :math:`\eta`.
    max_iter : int >= 1, default 200
        Maximum number of epochs.
    shuffle : bool, default True
        Reshuffle the training rows before every epoch.
    random_state : None, int or numpy.random.Generator
        One generator draws, in this order, the weights, the validation split, the shuffles.
    tol : float >= 0, default 1e-4
    momentum : float in [0, 1], default 0.9
    early_stopping : bool, default False
        Hold out ``ceil(validation_fraction * n)`` random rows (at least 2, and one row
        must be left for training) and stop on their accuracy.
    validation_fraction : float in (0, 1), default 0.1
    beta_1, beta_2 : float in [0, 1), default 0.9, 0.999
    epsilon : float > 0, default 1e-8
        Adam's constants.
    n_iter_no_change : int >= 1, default 10

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coefs_, intercepts_ : lists of ndarray
        :math:`W_l` of shape (fan_in, fan_out) and :math:`\mathbf b_l` of shape (fan_out,).
    loss_curve_ : list of float
        Per epoch, the mean of the mini-batch objectives :math:`J` seen during the epoch
        (weighted by batch size), as scikit-learn records it.
    validation_scores_ : list of float or None
        Validation accuracy after each epoch (with early stopping).
    best_loss_, best_validation_score_ : float or None
    n_iter_ : int
        Epochs run.
    n_features_in_, n_layers_, n_outputs_ : int

    Notes
    -----
    Initialisation: He normal for relu, Glorot uniform otherwise, zero biases (see
    ``init_parameters``). Adam follows Kingma & Ba's Algorithm 1 with bias correction, one
    time step per mini-batch. Stopping (scikit-learn's rule): without early stopping, an
    epoch "does not improve" when its loss is above the best loss so far minus ``tol``; with
    early stopping, when its validation accuracy is below the best plus ``tol``. Training
    stops after ``n_iter_no_change + 1`` such epochs in a row, or after ``max_iter`` epochs,
    without a warning; with early stopping the weights of the best validation epoch are kept.
    A non-finite loss (a far too large learning rate) also stops training.
    """

    def fit(self, X, y):
        """Fit to ``X`` of shape (n_samples, n_features) and class labels ``y``."""
        X, y = check_X_y(X, y)
        self.classes_, y_enc = check_classification_targets(y)
        K = len(self.classes_)
        if K == 2:
            self._loss, Y = "binary_log_loss", y_enc[:, None].astype(np.float64)
        else:
            self._loss, Y = "log_loss", np.eye(K)[y_enc]
        return self._fit(X, Y)

    def _validation_score(self, X, Y):
        return float(np.mean(self._decide(forward(X, self.coefs_, self.intercepts_,
                                                  self.activation)[-1]) == self._index(Y)))

    @staticmethod
    def _index(Y):
        return Y[:, 0].astype(int) if Y.shape[1] == 1 else Y.argmax(axis=1)

    @staticmethod
    def _decide(Z):
        return (Z[:, 0] > 0).astype(int) if Z.shape[1] == 1 else Z.argmax(axis=1)

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), rows summing to 1."""
        Z = self._raw_output(X)
        if Z.shape[1] == 1:
            p = activate(Z[:, 0], "sigmoid")
            return np.column_stack([1.0 - p, p])
        return softmax(Z)

    def predict(self, X):
        """The most probable class (for two classes: class 1 when p > 0.5)."""
        Z = self._raw_output(X)
        return self.classes_[self._decide(Z)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    r"""Multi-layer perceptron regressor with an identity output unit.

    Same parameters, attributes and training as ``MLPClassifier``, for 1-D numeric ``y``;
    the mini-batch objective is scikit-learn's (half the mean squared error)

    .. math:: J = \frac{1}{2m}\sum_{i=1}^m (\hat y_i - y_i)^2
              + \frac{\alpha}{2m} \sum_l \lVert W_l \rVert_F^2,

    and early stopping scores the validation set by :math:`R^2`.
    """

    _loss = "squared_error"

    def fit(self, X, y):
        """Fit to ``X`` of shape (n_samples, n_features) and 1-D targets ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        return self._fit(X, y[:, None])

    def _validation_score(self, X, Y):
        from utils.metrics import r2_score
        return r2_score(Y[:, 0], forward(X, self.coefs_, self.intercepts_,
                                          self.activation)[-1][:, 0])

    def predict(self, X):
        """Predicted targets, shape (n_samples,)."""
        return self._raw_output(X)[:, 0]
