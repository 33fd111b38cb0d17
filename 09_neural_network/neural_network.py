r"""A multi-layer perceptron from scratch: forward pass, backpropagation, SGD and Adam.

A network of depth :math:`D` (weight layers) with layer sizes :math:`(h_0 = d, h_1, \dots,
h_D)` (:math:`h_D` outputs: :math:`K` for more than two classes, 1 otherwise) has weights
:math:`W_l \in \mathbb{R}^{h_{l-1} \times h_l}` (``coefs_[l-1]``) and biases
:math:`\mathbf b_l \in \mathbb{R}^{h_l}` (``intercepts_[l-1]``). With :math:`A_0 = X` the
forward pass is, row by row (one sample per row),

.. math:: Z_l = A_{l-1} W_l + \mathbf 1 \mathbf b_l^\top, \qquad A_l = f(Z_l)
          \quad (l < D), \qquad \text{output } g(Z_D),

with the hidden activation :math:`f` and the output function :math:`g` (identity for
regression, the logistic sigmoid for two classes, the softmax for more). ``MLPClassifier``
and ``MLPRegressor`` use scikit-learn's names, defaults and objective; the differences that
remain are listed in their docstrings and in ``references/sklearn_differences.md``.
"""
import numbers

import numpy as np

from utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from utils.metrics import r2_score
from utils.validation import (check_bool, check_classification_targets, check_finite_fit,
                              check_predict_input, check_random_state, check_scalar, check_X_y,
                              warn_not_converged)

ACTIVATIONS = ("identity", "logistic", "tanh", "relu")   # scikit-learn's names
LOSSES = ("squared_error", "binary_log_loss", "log_loss")
SOLVERS = ("sgd", "adam")


def activate(Z, activation):
    r"""Apply a hidden activation :math:`f` elementwise, equation (3), and return a new array.

    Parameters
    ----------
    Z : ndarray of any shape
        Pre-activations.
    activation : {"relu", "tanh", "logistic", "identity"}

    Returns
    -------
    A : ndarray, same shape as ``Z``, a new array (``Z`` is not modified)
        relu: :math:`\max(z, 0)`; tanh: :math:`\tanh z`; logistic: :math:`\sigma(z) = 1/(1 +
        e^{-z})`, without overflow for any :math:`z` (``sigmoid`` below computes it);
        identity: a copy of ``Z``.
    """
    ### BEGIN SOLUTION (gap 01)
    if activation == "relu":
        return np.maximum(Z, 0.0)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "logistic":
        return sigmoid(Z)
    return Z.copy()
    ### END SOLUTION (gap 01)


def activation_derivative(A, activation):
    r"""The derivative :math:`f'(z)` written through the activation's output :math:`a = f(z)` (3).

    Parameters
    ----------
    A : ndarray of any shape
        Activations :math:`a = f(z)`, as ``activate`` returns them.
    activation : {"relu", "tanh", "logistic", "identity"}

    Returns
    -------
    ndarray, same shape and dtype as ``A``
        relu: :math:`[a > 0]` (0 at the kink); tanh: :math:`1 - a^2`; logistic:
        :math:`a(1 - a)`; identity: 1.
    """
    ### BEGIN SOLUTION (gap 02)
    if activation == "relu":
        return (A > 0).astype(A.dtype)
    if activation == "tanh":
        return 1.0 - A * A
    if activation == "logistic":
        return A * (1.0 - A)
    return np.ones_like(A)
    ### END SOLUTION (gap 02)


def sigmoid(Z):
    r"""The logistic function :math:`\sigma(z) = 1/(1 + e^{-z})`, elementwise.

    Computed as :math:`(\tanh(z/2) + 1)/2`, the same number, which never overflows.
    """
    return 0.5 * (np.tanh(0.5 * Z) + 1.0)


def softmax(Z):
    r"""Row-wise softmax, shifted by the row maximum so that no exponential overflows.

    :math:`\mathrm{softmax}(\mathbf z)_k = e^{z_k - \max z} / \sum_c e^{z_c - \max z}`.
    """
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def output_loss(Z, Y, loss):
    r"""Mean loss of the raw outputs ``Z`` against the targets ``Y``, and its gradient dL/dZ.

    Over the :math:`B` rows of the batch: squared_error (regression):
    :math:`L = \frac{1}{2B}\sum_{i,j}(z_{ij} - y_{ij})^2`; binary_log_loss (two classes,
    one output unit): :math:`L = \frac1B\sum_i \log(1 + e^{z_i}) - y_i z_i`, the
    cross-entropy of :math:`p_i = \sigma(z_i)` written without a logarithm of a probability;
    log_loss (:math:`K > 2` classes): the cross-entropy (5) of the softmax, with
    :math:`\log p_{ik} = z_{ik} - \log\sum_c e^{z_{ic}}` computed by log-sum-exp. For all
    three the gradient is :math:`\Delta_D = (g(Z) - Y)/B` (equation (7)), with the output
    function :math:`g` = identity, ``sigmoid`` or ``softmax``.

    Parameters
    ----------
    Z : ndarray of shape (B, h_D)
        Raw outputs :math:`Z_D` (:math:`h_D = 1` for squared_error and binary_log_loss,
        :math:`K` for log_loss).
    Y : ndarray of shape (B, h_D)
        Targets: real numbers, 0/1 labels, or one-hot rows.
    loss : {"squared_error", "binary_log_loss", "log_loss"}

    Returns
    -------
    value : float
        :math:`L`, finite even when a probability rounds to 0 or 1.
    delta : ndarray of shape (B, h_D)
        :math:`\Delta_D = \partial L/\partial Z`.
    """
    ### BEGIN SOLUTION (gap 03)
    n = Z.shape[0]
    if loss == "squared_error":
        value, P = 0.5 * np.sum((Z - Y) ** 2) / n, Z
    elif loss == "binary_log_loss":
        value, P = np.sum(np.logaddexp(0.0, Z) - Y * Z) / n, sigmoid(Z)
    else:
        M = Z.max(axis=1, keepdims=True)
        log_norm = M + np.log(np.exp(Z - M).sum(axis=1, keepdims=True))
        value, P = -np.sum(Y * (Z - log_norm)) / n, softmax(Z)
    return float(value), (P - Y) / n
    ### END SOLUTION (gap 03)


def forward(X, coefs, intercepts, activation):
    r"""The forward pass, equation (2): every layer's activations, for backpropagation.

    :math:`A_0 = X`; for :math:`l = 1, \dots, D`: :math:`Z_l = A_{l-1} W_l + \mathbf 1
    \mathbf b_l^\top`, then :math:`A_l = f(Z_l)` (``activate``) for the hidden layers
    :math:`l < D`, and no activation on the last layer, whose raw output :math:`Z_D` is
    returned as is (the loss applies the output function).

    Parameters
    ----------
    X : ndarray of shape (B, d)
    coefs : list of D ndarrays, ``coefs[l - 1]`` = :math:`W_l` of shape (h_{l-1}, h_l)
    intercepts : list of D ndarrays, ``intercepts[l - 1]`` = :math:`\mathbf b_l` of shape (h_l,)
    activation : {"relu", "tanh", "logistic", "identity"}

    Returns
    -------
    list of D + 1 ndarrays
        ``[A_0 = X, A_1, ..., A_{D-1}, Z_D]``, entry :math:`l` of shape (B, h_l).
    """
    ### BEGIN SOLUTION (gap 04)
    A = [X]
    for l, (W, b) in enumerate(zip(coefs, intercepts)):
        Z = A[-1] @ W
        Z += b
        A.append(Z if l == len(coefs) - 1 else activate(Z, activation))
    return A
    ### END SOLUTION (gap 04)


def backward(A, delta, coefs, activation, alpha=0.0):
    r"""Backpropagation, equations (8) and (9): the gradients of every weight and bias.

    Starting from the output layer's :math:`\Delta_D`, for :math:`l = D, \dots, 1`:
    :math:`\nabla_{W_l} J = A_{l-1}^\top \Delta_l + \frac{\alpha}{B} W_l` and
    :math:`\nabla_{\mathbf b_l} J = \Delta_l^\top \mathbf 1` (8), then, for :math:`l > 1`,
    :math:`\Delta_{l-1} = (\Delta_l W_l^\top) \odot f'(Z_{l-1})` (9), with :math:`f'`
    written through :math:`A_{l-1}` (``activation_derivative``). Biases are not penalised.

    Parameters
    ----------
    A : list of D + 1 ndarrays
        What ``forward`` returns: ``[A_0 = X, A_1, ..., A_{D-1}, Z_D]``, entry :math:`l` of
        shape (B, h_l).
    delta : ndarray of shape (B, h_D)
        :math:`\Delta_D = \partial J/\partial Z_D`, as ``output_loss`` returns it (7).
    coefs : list of D ndarrays, ``coefs[l - 1]`` = :math:`W_l` of shape (h_{l-1}, h_l)
    activation : {"relu", "tanh", "logistic", "identity"}
    alpha : float >= 0
        The L2 penalty strength of (6); :math:`B` is the number of rows of ``A[0]``.

    Returns
    -------
    coef_grads : list of D ndarrays shaped like ``coefs``
    intercept_grads : list of D ndarrays, entry ``l - 1`` of shape (h_l,)
    """
    ### BEGIN SOLUTION (gap 05)
    n = A[0].shape[0]
    coef_grads, intercept_grads = [None] * len(coefs), [None] * len(coefs)
    for l in range(len(coefs) - 1, -1, -1):
        coef_grads[l] = A[l].T @ delta + (alpha / n) * coefs[l]
        intercept_grads[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ coefs[l].T) * activation_derivative(A[l], activation)
    return coef_grads, intercept_grads
    ### END SOLUTION (gap 05)


def loss_and_gradients(X, Y, coefs, intercepts, activation, loss, alpha=0.0):
    r"""Objective and its gradients for one batch: ``forward``, ``output_loss``, ``backward``.

    The objective is :math:`J = L + \frac{\alpha}{2B}\sum_l \lVert W_l\rVert_F^2` with the mean
    loss :math:`L` of ``output_loss`` over the :math:`B` rows of ``X`` (biases are not
    penalised), equation (6); the gradients are those of ``backward``, (7)-(9).

    Returns
    -------
    J : float
    coef_grads, intercept_grads : lists of ndarray shaped like ``coefs`` and ``intercepts``
    """
    A = forward(X, coefs, intercepts, activation)
    value, delta = output_loss(A[-1], Y, loss)
    value += 0.5 * alpha * sum(np.sum(W * W) for W in coefs) / X.shape[0]
    coef_grads, intercept_grads = backward(A, delta, coefs, activation, alpha)
    return value, coef_grads, intercept_grads


def init_parameters(layer_sizes, activation, rng):
    r"""Random weights and zero biases: He for layers that feed a relu, Glorot for the others.

    Layer :math:`l` has :math:`\text{fan\_in} = h_{l-1}` inputs and :math:`\text{fan\_out} =
    h_l` outputs. A hidden layer of a relu network (a relu follows it):
    :math:`W_{ij} \sim \mathcal N(0, 2/\text{fan\_in})`, He (12). Every other layer,
    including the output layer (no relu follows it): :math:`W_{ij} \sim U(-r, r)` with
    :math:`r = \sqrt{6/(\text{fan\_in} + \text{fan\_out})}`, Glorot (11). Biases start at
    zero.

    Parameters
    ----------
    layer_sizes : sequence of D + 1 ints
        :math:`(h_0 = d, h_1, \dots, h_D)`.
    activation : {"relu", "tanh", "logistic", "identity"}
        The hidden activation.
    rng : numpy.random.Generator
        Draws the layers in order, :math:`W_1` first, one call (``rng.normal`` or
        ``rng.uniform``) of shape (fan_in, fan_out) per layer; nothing else is drawn.

    Returns
    -------
    coefs : list of D ndarrays, entry ``l - 1`` of shape (h_{l-1}, h_l)
    intercepts : list of D ndarrays of zeros, entry ``l - 1`` of shape (h_l,)
    """
    ### BEGIN SOLUTION (gap 06)
    coefs, intercepts = [], []
    n_layers = len(layer_sizes) - 1
    for l, (fan_in, fan_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:])):
        if activation == "relu" and l < n_layers - 1:
            W = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
        else:
            bound = np.sqrt(6.0 / (fan_in + fan_out))
            W = rng.uniform(-bound, bound, size=(fan_in, fan_out))
        coefs.append(W)
        intercepts.append(np.zeros(fan_out))
    return coefs, intercepts
    ### END SOLUTION (gap 06)


def sgd_momentum_step(param, grad, velocity, learning_rate, momentum, nesterov=False):
    r"""One momentum step, in place on ``param`` and ``velocity`` (equations (14) and (15)).

    Heavy ball (``nesterov=False``): :math:`\mathbf u \leftarrow \mu \mathbf u - \eta \mathbf
    g`, :math:`\boldsymbol\theta \leftarrow \boldsymbol\theta + \mathbf u`. Nesterov
    (scikit-learn's form): the same velocity update, then :math:`\boldsymbol\theta \leftarrow
    \boldsymbol\theta + \mu \mathbf u - \eta \mathbf g`, a step that looks one velocity ahead.

    Parameters
    ----------
    param, grad, velocity : ndarrays of one shape
        :math:`\boldsymbol\theta`, :math:`\mathbf g` and :math:`\mathbf u`; ``param`` and
        ``velocity`` are updated in place (the velocity starts at zeros), nothing is returned.
    learning_rate, momentum : float
        :math:`\eta` and :math:`\mu`.
    nesterov : bool
    """
    ### BEGIN SOLUTION (gap 07)
    velocity *= momentum
    velocity -= learning_rate * grad
    if nesterov:
        param += momentum * velocity - learning_rate * grad
    else:
        param += velocity
    ### END SOLUTION (gap 07)


def adam_step(param, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    r"""Adam step number ``t`` (1, 2, ...), in place (Kingma & Ba 2015, Algorithm 1; (16)-(17)).

    :math:`m \leftarrow \beta_1 m + (1 - \beta_1) g`, :math:`v \leftarrow \beta_2 v + (1 -
    \beta_2) g^2`, :math:`\hat m = m / (1 - \beta_1^t)`, :math:`\hat v = v / (1 - \beta_2^t)`,
    :math:`\theta \leftarrow \theta - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)`, all
    elementwise.

    Parameters
    ----------
    param, grad, m, v : ndarrays of one shape
        :math:`\boldsymbol\theta`, :math:`\mathbf g_t`, :math:`\mathbf m_{t-1}` and
        :math:`\mathbf v_{t-1}` (both start at zeros); ``param``, ``m`` and ``v`` are updated
        in place to :math:`\boldsymbol\theta_t`, :math:`\mathbf m_t`, :math:`\mathbf v_t`,
        nothing is returned.
    t : int >= 1
        The step number, for the bias correction.
    learning_rate, beta_1, beta_2, epsilon : float
        :math:`\eta`, :math:`\beta_1`, :math:`\beta_2`, :math:`\epsilon`.
    """
    ### BEGIN SOLUTION (gap 08)
    m *= beta_1
    m += (1.0 - beta_1) * grad
    v *= beta_2
    v += (1.0 - beta_2) * grad * grad
    m_hat = m / (1.0 - beta_1 ** t)
    v_hat = v / (1.0 - beta_2 ** t)
    param -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    ### END SOLUTION (gap 08)


def _activate_inplace(Z, activation):
    """``activate`` without a new array: overwrite ``Z`` (used by the predict path)."""
    if activation == "relu":
        np.maximum(Z, 0.0, out=Z)
    elif activation == "tanh":
        np.tanh(Z, out=Z)
    elif activation == "logistic":
        Z *= 0.5
        np.tanh(Z, out=Z)
        Z += 1.0
        Z *= 0.5
    return Z


class _BaseMLP(BaseEstimator):
    """The training loop shared by ``MLPClassifier`` and ``MLPRegressor``."""

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate_init=0.001, max_iter=200,
                 shuffle=True, random_state=None, tol=1e-4, momentum=0.9,
                 nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10):
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
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change

    def _check_params(self):
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral) and not isinstance(sizes, (bool, np.bool_)):
            sizes = (sizes,)
        elif isinstance(sizes, np.ndarray) and sizes.ndim == 1:
            sizes = tuple(sizes.tolist())      # np.array([5, 5]) as scikit-learn accepts it
        if (not isinstance(sizes, (tuple, list)) or
                not all(isinstance(h, numbers.Integral) and not isinstance(h, (bool, np.bool_))
                        and h >= 1 for h in sizes)):
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
        check_bool(self.shuffle, "shuffle")
        check_bool(self.nesterovs_momentum, "nesterovs_momentum")
        check_bool(self.early_stopping, "early_stopping")
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
        nesterov = self.nesterovs_momentum
        self.converged_ = False
        # A diverging run overflows before it reaches NaN: the overflow is detected below by
        # check_finite_fit (a clear error), not reported as a RuntimeWarning along the way.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(1, self.max_iter + 1):
                order = rng.permutation(n) if self.shuffle else np.arange(n)
                total = 0.0
                for start in range(0, n, batch_size):
                    idx = order[start:start + batch_size]
                    J, gW, gb = loss_and_gradients(X[idx], Y[idx], coefs, intercepts,
                                                   self.activation, self._loss, self.alpha)
                    check_finite_fit(J, self, what="training loss", iteration=epoch)
                    total += J * len(idx)
                    t += 1
                    for p, g, s1, s2 in zip(params, gW + gb, state1, state2):
                        if self.solver == "sgd":
                            sgd_momentum_step(p, g, s1, self.learning_rate_init,
                                              self.momentum, nesterov)
                        else:
                            adam_step(p, g, s1, s2, t, self.learning_rate_init, self.beta_1,
                                      self.beta_2, self.epsilon)
                check_finite_fit(coefs, self, what="weights", iteration=epoch)
                self.loss_curve_.append(total / n)
                # scikit-learn's stopping rule: a run of n_iter_no_change + 1 epochs without
                # an improvement of at least tol (training loss, or validation score).
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
                if stall > self.n_iter_no_change:
                    self.converged_ = True
                    break
        self.n_iter_ = len(self.loss_curve_)
        if not self.converged_:
            warn_not_converged(self, self.max_iter, self.tol, what="epochs", stacklevel=4)
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
        """The raw outputs Z_D, computed in place layer by layer (no list of activations)."""
        A = check_predict_input(self, X, "coefs_")
        last = len(self.coefs_) - 1
        for l, (W, b) in enumerate(zip(self.coefs_, self.intercepts_)):
            Z = A @ W
            Z += b
            A = Z if l == last else _activate_inplace(Z, self.activation)
        return A


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Multi-layer perceptron classifier trained by mini-batch SGD (with momentum) or Adam.

    On each mini-batch :math:`\mathcal B` of :math:`B` rows the optimiser descends
    scikit-learn's objective

    .. math:: J = -\frac1B \sum_{i \in \mathcal B} \sum_{k=1}^{K} y_{ik} \log p_{ik}
              + \frac{\alpha}{2B} \sum_{l=1}^{D} \lVert W_l \rVert_F^2,

    with one-hot targets and :math:`\mathbf p_i = \mathrm{softmax}(\mathbf z_i)` for
    :math:`K > 2` classes; for two classes there is one output unit, :math:`p_i =
    \sigma(z_i)`, and the binary cross-entropy :math:`-\frac1B\sum_i y_i\log p_i + (1 -
    y_i)\log(1 - p_i)`. Biases are not penalised.

    Parameters
    ----------
    hidden_layer_sizes : tuple, list or 1-D array of int >= 1, or int, default (100,)
        Units per hidden layer; ``()`` gives no hidden layer (a linear model).
    activation : {"relu", "tanh", "logistic", "identity"}, default "relu"
        The hidden activation (scikit-learn's names; "logistic" is the sigmoid).
    solver : {"adam", "sgd"}, default "adam"
        Mini-batch Adam, or SGD with momentum (Nesterov's by default, as scikit-learn).
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
        :math:`\mu`, for ``solver="sgd"``.
    nesterovs_momentum : bool, default True
        Nesterov's momentum (scikit-learn's update); False gives the heavy ball
        (see ``sgd_momentum_step``).
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
    converged_ : bool
        True when the stopping rule (below) ended training, False when ``max_iter`` did.
    n_features_in_, n_layers_, n_outputs_ : int

    Raises
    ------
    utils.validation.DivergenceError
        (a ``ValueError``) in ``fit`` when the training loss or the weights stop being
        finite: a learning rate far too large, or unscaled features or targets.

    Notes
    -----
    Stopping (scikit-learn's rule): without early stopping, an epoch "does not improve" when
    its loss is above the best loss so far minus ``tol``; with early stopping, when its
    validation accuracy is below the best plus ``tol``. Training stops (``converged_ =
    True``) after ``n_iter_no_change + 1`` such epochs in a row; otherwise it stops after
    ``max_iter`` epochs with a ``utils.validation.ConvergenceWarning`` (``converged_ =
    False``). With early stopping the weights of the best validation epoch are kept. Adam
    follows Kingma & Ba's Algorithm 1 with bias correction, one time step per mini-batch.

    Differences from scikit-learn, on purpose: the initialisation is taught in the chapter
    (He normal for the hidden layers of a relu network, Glorot uniform for the others,
    zero biases, drawn from a NumPy ``Generator``), so the same ``random_state`` gives other
    weights and other predictions than scikit-learn; no ``"lbfgs"`` solver, no
    ``learning_rate`` schedules (``power_t``), no ``warm_start``, ``verbose``, ``max_fun``
    or ``partial_fit``.
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
            p = sigmoid(Z[:, 0])
            return np.column_stack([1.0 - p, p])
        return softmax(Z)

    def predict(self, X):
        """The most probable class (for two classes: class 1 when p > 0.5)."""
        Z = self._raw_output(X)
        return self.classes_[self._decide(Z)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    r"""Multi-layer perceptron regressor with an identity output unit.

    Same parameters, attributes, training and differences from scikit-learn as
    ``MLPClassifier`` (and no ``loss`` parameter: always the squared error), for 1-D
    numeric ``y``; the mini-batch objective is scikit-learn's (half the mean squared error)

    .. math:: J = \frac{1}{2B}\sum_{i \in \mathcal B} (\hat y_i - y_i)^2
              + \frac{\alpha}{2B} \sum_{l=1}^{D} \lVert W_l \rVert_F^2,

    and early stopping scores the validation set by :math:`R^2`. Scale ``y`` too: a target
    in the hundreds with a large learning rate diverges (``DivergenceError``).
    """

    _loss = "squared_error"

    def fit(self, X, y):
        """Fit to ``X`` of shape (n_samples, n_features) and 1-D targets ``y``."""
        X, y = check_X_y(X, y, y_numeric=True)
        return self._fit(X, y[:, None])

    def _validation_score(self, X, Y):
        return r2_score(Y[:, 0], forward(X, self.coefs_, self.intercepts_,
                                          self.activation)[-1][:, 0])

    def predict(self, X):
        """Predicted targets, shape (n_samples,)."""
        return self._raw_output(X)[:, 0]
