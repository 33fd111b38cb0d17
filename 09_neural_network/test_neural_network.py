import inspect

import neural_network as nn_module
import numpy as np
import pytest
import sklearn.neural_network as skn

from neural_network import (ACTIVATIONS, MLPClassifier, MLPRegressor, activate,
                            activation_derivative, adam_step, backward, forward,
                            init_parameters, loss_and_gradients, output_loss,
                            sgd_momentum_step, sigmoid, softmax)
from utils.data import load_breast_cancer, load_diabetes, load_digits, make_moons, make_xor
from utils.gradcheck import check_gradient, numerical_gradient
from utils.model_selection import train_test_split
from utils.preprocessing import StandardScaler
from utils.testing import check_bad_input
from utils.validation import ConvergenceWarning, DivergenceError

# scikit-learn is only the reference here; its short runs end with a ConvergenceWarning.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
# Tests that deliberately train for a few epochs only; the warning itself is tested below.
short_run = pytest.mark.filterwarnings("ignore::utils.validation.ConvergenceWarning")


@pytest.fixture(scope="module")
def digits_split():
    X, y = load_digits(return_X_y=True)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    scaler = StandardScaler().fit(X_tr)
    return scaler.transform(X_tr), scaler.transform(X_te), y_tr, y_te


def _pack(coefs, intercepts):
    return np.concatenate([p.ravel() for p in coefs + intercepts])


def _unpack(theta, coefs, intercepts):
    out, i = [], 0
    for p in coefs + intercepts:
        out.append(theta[i:i + p.size].reshape(p.shape))
        i += p.size
    return out[:len(coefs)], out[len(coefs):]


# --- the gaps, one test each, in the order a student writes them ---------------------------
# Each gap test calls only its own function: where the function calls an earlier gap
# (forward calls activate, backward calls activation_derivative), the test swaps in a
# reference for that one call, so that a gap passes or fails on its own.

def test_gap_01_activate():
    z = np.array([[-2.0, 0.0, 3.0]])
    expected = {"relu": [[0.0, 0.0, 3.0]], "tanh": np.tanh(z),
                "logistic": 1 / (1 + np.exp(-z)), "identity": z}
    for name, want in expected.items():
        a = activate(z, name)
        assert np.shape(a) == z.shape, f"{name}: activate must keep the shape {z.shape}, got " \
                                       f"{np.shape(a)}"
        np.testing.assert_allclose(a, want, rtol=1e-14,
                                   err_msg=f"equation (3): {name} of {z.tolist()}")
    assert activate(z, "identity") is not z, "identity must return a copy, not Z itself"
    # extreme inputs stay finite and silent (warnings are errors in the tests)
    np.testing.assert_array_equal(activate(np.array([[-1e4, 1e4]]), "logistic"), [[0.0, 1.0]],
                                  err_msg="logistic of -1e4 and 1e4 must be 0 and 1, without "
                                          "overflow: use sigmoid")


def test_gap_02_activation_derivative():
    # by hand, through a = f(z)
    cases = {"relu": ([[0.0, 0.5, 2.0]], [[0.0, 1.0, 1.0]]),
             "tanh": ([[0.5, -0.2, 0.0]], [[0.75, 0.96, 1.0]]),
             "logistic": ([[0.5, 0.2, 0.9]], [[0.25, 0.16, 0.09]]),
             "identity": ([[-3.0, 0.0, 7.0]], [[1.0, 1.0, 1.0]])}
    for name, (a, want) in cases.items():
        got = activation_derivative(np.array(a), name)
        assert np.shape(got) == (1, 3), f"{name}: must keep the shape (1, 3) of A, got " \
                                        f"{np.shape(got)}"
        np.testing.assert_allclose(got, want, rtol=1e-12,
                                   err_msg=f"equation (3): f'(z) of {name} at a = f(z) = {a}")
    # and against central differences of f, away from relu's kink
    f = {"relu": lambda z: np.where(z > 0, z, 0.0), "tanh": np.tanh,
         "logistic": lambda z: 1 / (1 + np.exp(-z)), "identity": lambda z: z}
    z = np.linspace(-3, 3, 13).reshape(1, -1) + 0.05
    for name, fn in f.items():
        numeric = (fn(z + 1e-6) - fn(z - 1e-6)) / 2e-6
        np.testing.assert_allclose(activation_derivative(fn(z), name), numeric, atol=1e-8,
                                   err_msg=f"{name}: f'(z) disagrees with finite differences")


def test_gap_03_output_loss():
    Z = np.array([[0.0, 0.0], [1000.0, 0.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    value, delta = output_loss(Z, Y, "log_loss")
    assert isinstance(value, float), f"the loss must be a float, got {type(value).__name__}"
    assert value == pytest.approx((np.log(2) + 1000.0) / 2), \
        f"equation (5) with log-sum-exp: expected {(np.log(2) + 1000.0) / 2}, got {value}"
    assert np.shape(delta) == (2, 2), f"delta must have the shape (B, K) = (2, 2) of Z, got " \
                                      f"{np.shape(delta)}"
    np.testing.assert_allclose(delta, [[-0.25, 0.25], [0.5, -0.5]], atol=1e-15,
                               err_msg="equation (7): delta = (softmax(Z) - Y) / B")
    value, delta = output_loss(np.array([[0.0], [2.0]]), np.array([[1.0], [0.0]]),
                               "binary_log_loss")
    want = (np.log(2) + np.log(1 + np.exp(2.0))) / 2
    assert value == pytest.approx(want), f"binary cross-entropy: expected {want}, got {value}"
    np.testing.assert_allclose(delta, [[-0.25], [(1 / (1 + np.exp(-2.0))) / 2]], rtol=1e-12,
                               err_msg="equation (7): delta = (sigmoid(Z) - Y) / B")
    value, delta = output_loss(np.array([[3.0], [1.0]]), np.array([[1.0], [1.0]]),
                               "squared_error")
    assert value == pytest.approx(1.0), f"half the mean squared error: expected 1.0, got {value}"
    np.testing.assert_allclose(delta, [[1.0], [0.0]], err_msg="equation (7): (Z - Y) / B")
    # far outside: finite, no warning
    value, _ = output_loss(np.array([[-800.0], [800.0]]), np.array([[1.0], [0.0]]),
                           "binary_log_loss")
    assert value == pytest.approx(800.0), f"binary loss at z = -800, y = 1 (and z = 800, y = " \
                                          f"0) must be 800 (log(1 + e^z) - y z), got {value}"


def _relu_reference(Z, activation):
    assert activation == "relu", f"forward must pass the activation on, got {activation!r}"
    return np.where(Z > 0, Z, 0.0)


def test_gap_04_forward(monkeypatch):
    monkeypatch.setattr(nn_module, "activate", _relu_reference)
    X = np.array([[1.0, 2.0]])
    coefs = [np.array([[1.0, -1.0], [0.5, 1.0]]), np.array([[2.0], [3.0]])]
    intercepts = [np.array([0.0, -2.0]), np.array([-6.0])]
    A = forward(X, coefs, intercepts, "relu")
    assert isinstance(A, list) and len(A) == 3, \
        f"forward must return the list [A_0 = X, A_1, Z_2] of D + 1 = 3 arrays, got {A!r}"
    np.testing.assert_array_equal(A[0], X, err_msg="A[0] must be X itself")
    # hidden: [1 + 1, -1 + 2 - 2] = [2, -1] -> relu [2, 0]; output 2 * 2 + 0 * 3 - 6 = -2
    np.testing.assert_allclose(A[1], [[2.0, 0.0]],
                               err_msg="equation (2): A_1 = f(X W_1 + b_1), shape (1, 2)")
    np.testing.assert_allclose(A[2], [[-2.0]],
                               err_msg="equation (2): Z_D = A_1 W_2 + b_2, with no activation "
                                       "on the last layer")
    # no hidden layer: one linear layer, no activation at all
    A = forward(X, coefs[1:], [np.array([0.5])], "relu")
    assert len(A) == 2, f"with D = 1 layer forward must return [X, Z_1], got {len(A)} arrays"
    np.testing.assert_allclose(A[1], [[8.5]], err_msg="D = 1: Z_1 = X W_1 + b_1")
    # a batch of rows, two hidden layers: shapes (B, h_l)
    rng = np.random.default_rng(0)
    sizes = (3, 5, 4, 2)
    W = [rng.normal(size=s) for s in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(size=h) for h in sizes[1:]]
    X = rng.normal(size=(7, 3))
    A = forward(X, W, b, "relu")
    assert [a.shape for a in A] == [(7, h) for h in sizes], \
        f"entry l must have shape (B, h_l) = {[(7, h) for h in sizes]}, got " \
        f"{[a.shape for a in A]}"
    H1 = np.where(X @ W[0] + b[0] > 0, X @ W[0] + b[0], 0.0)
    H2 = np.where(H1 @ W[1] + b[1] > 0, H1 @ W[1] + b[1], 0.0)
    np.testing.assert_allclose(A[3], H2 @ W[2] + b[2], rtol=1e-12,
                               err_msg="equation (2) through two hidden layers")


def test_gap_05_backward(monkeypatch):
    # a tanh network with two hidden layers and half the squared error, forward by hand
    monkeypatch.setattr(nn_module, "activation_derivative",
                        lambda A, activation: 1.0 - A * A)
    rng = np.random.default_rng(3)
    B, sizes, alpha = 5, (3, 4, 3, 2), 0.3
    X, Y = rng.normal(size=(B, 3)), rng.normal(size=(B, 2))
    W = [rng.normal(scale=0.7, size=s) for s in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(scale=0.1, size=h) for h in sizes[1:]]

    def objective(W1, W2, W3, b1, b2, b3):
        A1 = np.tanh(X @ W1 + b1)
        A2 = np.tanh(A1 @ W2 + b2)
        Z3 = A2 @ W3 + b3
        penalty = alpha / (2 * B) * sum(np.sum(w ** 2) for w in (W1, W2, W3))
        return 0.5 * np.sum((Z3 - Y) ** 2) / B + penalty, [X, A1, A2, Z3]

    _, A = objective(*W, *b)
    delta = (A[3] - Y) / B                                        # (7)
    gW, gb = backward(A, delta, W, "tanh", alpha)
    assert len(gW) == 3 and len(gb) == 3, \
        f"backward must return one gradient per layer (D = 3), got {len(gW)} and {len(gb)}"
    params = W + b
    for k, (g, p) in enumerate(zip(gW + gb, params)):
        what = f"{'W' if k < 3 else 'b'}_{k % 3 + 1}"
        assert np.shape(g) == p.shape, f"the gradient of {what} must have its shape " \
                                       f"{p.shape}, got {np.shape(g)}"

        def f(q, k=k):
            args = list(params)
            args[k] = q
            return objective(*args)[0]

        numeric = numerical_gradient(f, p)
        np.testing.assert_allclose(
            g, numeric, rtol=1e-6, atol=1e-8,
            err_msg=f"gradient of {what}: equation (8) (A_(l-1)^T Delta_l + alpha/B W_l, "
                    f"Delta_l^T 1) with Delta_(l-1) from equation (9); expected the finite "
                    f"differences")


def test_gap_06_init_parameters():
    rng = np.random.default_rng(0)
    coefs, intercepts = init_parameters((400, 300, 200), "relu", rng)
    assert [W.shape for W in coefs] == [(400, 300), (300, 200)], \
        f"W_l must have shape (fan_in, fan_out): expected [(400, 300), (300, 200)], got " \
        f"{[np.shape(W) for W in coefs]}"
    assert [b.shape for b in intercepts] == [(300,), (200,)] and \
        all(np.all(b == 0) for b in intercepts), "biases must be zeros of shape (fan_out,)"
    W_he, W_out = coefs
    assert W_he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02), \
        f"He (12) for a layer followed by relu: std sqrt(2/fan_in) = {np.sqrt(2 / 400):.4f}, " \
        f"got {W_he.std():.4f}"
    assert np.abs(W_he).max() > np.sqrt(6 / 700), "He (12) is a normal, not a uniform"
    # no relu follows the output layer: Glorot there, even in a relu network
    assert np.abs(W_out).max() <= np.sqrt(6 / 500) and \
        W_out.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02), \
        "the output layer gets Glorot (11), U(-r, r) with r = sqrt(6/(fan_in + fan_out)), " \
        "even in a relu network"
    (W_gl, _), _ = init_parameters((400, 300, 200), "tanh", rng)
    assert np.abs(W_gl).max() <= np.sqrt(6 / 700) and \
        W_gl.std() == pytest.approx(np.sqrt(2 / 700), rel=0.02), \
        f"Glorot (11) for tanh: U(-r, r), r = sqrt(6/700) = {np.sqrt(6 / 700):.4f}, std " \
        f"{np.sqrt(2 / 700):.4f}; got max |W| {np.abs(W_gl).max():.4f}, std {W_gl.std():.4f}"
    # the layers are drawn in order from rng, one draw of shape (fan_in, fan_out) each
    first, _ = init_parameters((3, 4, 2), "tanh", np.random.default_rng(1))
    r = np.random.default_rng(1)
    want = [r.uniform(-np.sqrt(6 / 7), np.sqrt(6 / 7), size=(3, 4)),
            r.uniform(-1.0, 1.0, size=(4, 2))]
    for got, w in zip(first, want):
        np.testing.assert_allclose(got, w, rtol=1e-15,
                                   err_msg="draw W_1 then W_2 from rng, one rng.uniform call "
                                           "of shape (fan_in, fan_out) each")


def test_gap_07_sgd_momentum_step():
    p, vel = np.array([1.0]), np.zeros(1)
    assert sgd_momentum_step(p, np.array([2.0]), vel, 0.1, 0.9) is None, \
        "the step works in place and returns nothing"
    np.testing.assert_allclose(vel, [-0.2], err_msg="equation (14): u = mu u - eta g, in place")
    np.testing.assert_allclose(p, [0.8], err_msg="equation (14): theta = theta + u, in place")
    sgd_momentum_step(p, np.array([1.0]), vel, 0.1, 0.9)    # v = -0.18 - 0.1, p = 0.52
    np.testing.assert_allclose(vel, [-0.28], err_msg="equation (14), second step: u = -0.28")
    np.testing.assert_allclose(p, [0.52], err_msg="equation (14), second step: theta = 0.52")
    # Nesterov: same velocity, then a step of mu * v - eta * g
    p, vel = np.array([1.0]), np.zeros(1)
    sgd_momentum_step(p, np.array([2.0]), vel, 0.1, 0.9, nesterov=True)
    np.testing.assert_allclose(vel, [-0.2], err_msg="Nesterov (15): the same velocity update")
    np.testing.assert_allclose(p, [0.62], err_msg="Nesterov (15): theta = 1 + 0.9 (-0.2) - "
                                                  "0.1 * 2 = 0.62")
    sgd_momentum_step(p, np.array([1.0]), vel, 0.1, 0.9, nesterov=True)
    np.testing.assert_allclose(vel, [-0.28])                # p = 0.62 - 0.252 - 0.1
    np.testing.assert_allclose(p, [0.268], err_msg="Nesterov (15), second step: 0.268")


def test_gap_08_adam_step():
    p = np.array([1.0, -2.0])
    m, v = np.zeros(2), np.zeros(2)
    g1, g2 = np.array([0.5, -4.0]), np.array([1.5, 2.0])
    lr = 0.1
    adam_step(p, g1, m, v, 1, lr)
    np.testing.assert_allclose(m, 0.1 * g1, rtol=1e-14,
                               err_msg="equation (16): m = beta_1 m + (1 - beta_1) g, in place")
    np.testing.assert_allclose(v, 0.001 * g1 ** 2, rtol=1e-14,
                               err_msg="equation (16): v = beta_2 v + (1 - beta_2) g^2, in place")
    # t=1: m_hat = g1, v_hat = g1^2: a step of lr * sign(g1)
    p1 = np.array([1.0 - 0.1 * 0.5 / (0.5 + 1e-8), -2.0 + 0.1 * 4.0 / (4.0 + 1e-8)])
    np.testing.assert_allclose(p, p1, rtol=1e-15,
                               err_msg="equation (17) at t = 1, with the bias correction: a "
                                       "step of eta in each coordinate")
    adam_step(p, g2, m, v, 2, lr)
    # t=2: m = 0.09 g1 + 0.1 g2 = [0.195, -0.16]; v = 0.000999 g1^2 + 0.001 g2^2
    #      = [0.00249975, 0.019984]; m_hat = m / 0.19, v_hat = v / 0.001999
    np.testing.assert_allclose(m, [0.195, -0.16], rtol=1e-14, err_msg="m after two steps")
    np.testing.assert_allclose(v, [0.00249975, 0.019984], rtol=1e-14,
                               err_msg="v after two steps")
    np.testing.assert_allclose(p, [0.808221887, -1.873366298], atol=1e-8,
                               err_msg="equation (17) at t = 2: theta")


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss, k", [("squared_error", 1), ("binary_log_loss", 1),
                                     ("log_loss", 3)])
def test_loss_and_gradients_whole_network(activation, loss, k):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 4))
    if loss == "squared_error":
        Y = rng.normal(size=(7, 1))
    elif loss == "binary_log_loss":
        Y = rng.integers(0, 2, size=(7, 1)).astype(float)
    else:
        Y = np.eye(k)[rng.integers(0, k, size=7)]
    coefs, intercepts = init_parameters((4, 5, 3, k), activation, rng)
    intercepts = [rng.normal(scale=0.1, size=b.shape) for b in intercepts]

    def f(theta):
        return loss_and_gradients(X, Y, *_unpack(theta, coefs, intercepts), activation,
                                  loss, alpha=0.3)[0]

    def grad(theta):
        _, gW, gb = loss_and_gradients(X, Y, *_unpack(theta, coefs, intercepts), activation,
                                       loss, alpha=0.3)
        return _pack(gW, gb)

    rel, ok = check_gradient(f, grad, _pack(coefs, intercepts))
    assert ok and rel < 1e-6


def test_softmax_and_sigmoid():
    np.testing.assert_allclose(softmax(np.array([[0.0, 0.0], [1000.0, 0.0]])),
                               [[0.5, 0.5], [1.0, 0.0]])
    np.testing.assert_array_equal(sigmoid(np.array([-1e4, 0.0, 1e4])), [0.0, 0.5, 1.0])


def test_gradients_match_sklearn_through_one_sgd_step(digits_split):
    # Public API only: one full-batch step of plain SGD (constant rate eta, no momentum)
    # moves every parameter by -eta * gradient, so (before - after) / eta is scikit-learn's
    # gradient at `before`, and loss_curve_ records the loss there.
    X, _, y, _ = digits_split
    X, y, eta = X[:50], y[:50], 1e-2
    sk = skn.MLPClassifier(hidden_layer_sizes=(8, 6), activation="tanh", alpha=0.5,
                           solver="sgd", learning_rate_init=eta, momentum=0.0, batch_size=50,
                           random_state=0)
    sk.partial_fit(X, y, classes=np.unique(y))  # initialises, and takes a first step
    before = [p.copy() for p in sk.coefs_ + sk.intercepts_]
    sk.partial_fit(X, y)
    after = sk.coefs_ + sk.intercepts_
    Y = np.eye(10)[np.searchsorted(sk.classes_, y)]
    n_layers = len(sk.coefs_)
    loss, gW, gb = loss_and_gradients(X, Y, before[:n_layers], before[n_layers:], "tanh",
                                      "log_loss", alpha=0.5)
    assert loss == pytest.approx(sk.loss_curve_[-1], rel=1e-10)
    for g, b, a in zip(gW + gb, before, after):
        # (b - a) / eta carries the rounding of b - a: about 1e-16 / eta in absolute terms
        np.testing.assert_allclose(g, (b - a) / eta, rtol=1e-9, atol=1e-12)


def test_nesterov_is_sklearns_sgd(digits_split):
    # Public API only: three full-batch partial_fit steps of scikit-learn's Nesterov SGD.
    # From the weights W1, W2 after steps 1 and 2 and our gradients g1, g2 there, the
    # velocity is u2 = (W2 - W1 + eta g1) / mu, and step 3 must give
    # W3 = W2 + mu (mu u2 - eta g2) - eta g2.
    X, _, y, _ = digits_split
    X, y, eta, mu = X[:60], y[:60], 0.05, 0.9
    sk = skn.MLPClassifier(hidden_layer_sizes=(7,), activation="tanh", solver="sgd",
                           learning_rate_init=eta, momentum=mu, batch_size=60, alpha=0.1,
                           random_state=0)
    Y = np.eye(10)[np.searchsorted(np.unique(y), y)]
    snaps = []
    for i in range(3):
        sk.partial_fit(X, y, classes=np.unique(y)) if i == 0 else sk.partial_fit(X, y)
        snaps.append([p.copy() for p in sk.coefs_ + sk.intercepts_])
    grads = []
    for W in snaps[:2]:
        _, gW, gb = loss_and_gradients(X, Y, W[:2], W[2:], "tanh", "log_loss", alpha=0.1)
        grads.append(gW + gb)
    for w1, w2, w3, g1, g2 in zip(*snaps, *grads):
        u2 = (w2 - w1 + eta * g1) / mu
        p, u = w2.copy(), u2.copy()
        sgd_momentum_step(p, g2, u, eta, mu, nesterov=True)
        np.testing.assert_allclose(p, w3, rtol=1e-9, atol=1e-12)


@short_run
def test_full_batch_sgd_is_the_manual_loop():
    X, y = make_moons(60, noise=0.1, random_state=0)
    model = MLPClassifier(hidden_layer_sizes=(5,), activation="tanh", solver="sgd",
                          momentum=0.0, batch_size=60, learning_rate_init=0.5, max_iter=15,
                          shuffle=False, n_iter_no_change=100, random_state=3).fit(X, y)
    coefs, intercepts = init_parameters((2, 5, 1), "tanh", np.random.default_rng(3))
    curve = []
    for _ in range(15):
        J, gW, gb = loss_and_gradients(X, y[:, None].astype(float), coefs, intercepts, "tanh",
                                       "binary_log_loss", alpha=1e-4)
        curve.append(J)
        coefs = [W - 0.5 * g for W, g in zip(coefs, gW)]
        intercepts = [b - 0.5 * g for b, g in zip(intercepts, gb)]
    np.testing.assert_allclose(model.loss_curve_, curve, rtol=1e-12)
    for a, b in zip(model.coefs_ + model.intercepts_, coefs + intercepts):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


# --- learning -----------------------------------------------------------------------------

@short_run
def test_xor_is_learned():
    X, y = make_xor(200, random_state=0)
    model = MLPClassifier(hidden_layer_sizes=(8,), activation="tanh", learning_rate_init=0.05,
                          max_iter=300, random_state=0).fit(X, y)
    assert model.score(X, y) >= 0.97
    # a linear model (no hidden layer) cannot do it
    assert MLPClassifier(hidden_layer_sizes=(), max_iter=100, learning_rate_init=0.05,
                         random_state=0).fit(X, y).score(X, y) < 0.75


@short_run
def test_digits_accuracy_and_sklearn(digits_split):
    X_tr, X_te, y_tr, y_te = digits_split
    kw = dict(hidden_layer_sizes=(64,), max_iter=40, random_state=0)
    ours = MLPClassifier(**kw).fit(X_tr, y_tr)
    ref = skn.MLPClassifier(**kw, n_iter_no_change=40).fit(X_tr, y_tr)
    acc = ours.score(X_te, y_te)
    assert acc >= 0.95
    assert abs(acc - ref.score(X_te, y_te)) <= 0.02
    curve = np.array(ours.loss_curve_)
    assert curve[-1] < 0.1 * curve[0] and np.all(np.diff(curve[:10]) < 0)
    P = ours.predict_proba(X_te)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(ours.classes_[P.argmax(axis=1)], ours.predict(X_te))


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic", "identity"])
def test_prediction_with_sklearn_weights_is_sklearn(digits_split, activation):
    # Same weights, same outputs: our forward pass is scikit-learn's.
    X_tr, X_te, y_tr, _ = digits_split
    sk_act = activation
    for y, proba in [(y_tr, True), (y_tr % 2, True), (None, False)]:
        if proba:
            ref = skn.MLPClassifier((10, 7), activation=sk_act, max_iter=3, random_state=0)
            ours = MLPClassifier((10, 7), activation=activation)
            ref.fit(X_tr, y)
            ours.classes_ = ref.classes_
        else:
            ref = skn.MLPRegressor(hidden_layer_sizes=(10, 7), activation=sk_act, max_iter=3,
                                   random_state=0)
            ours = MLPRegressor((10, 7), activation=activation)
            ref.fit(X_tr, X_tr[:, 20] - X_tr[:, 36])
        ours.coefs_, ours.intercepts_, ours.n_features_in_ = ref.coefs_, ref.intercepts_, 64
        if proba:
            np.testing.assert_allclose(ours.predict_proba(X_te), ref.predict_proba(X_te),
                                       rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(ours.predict(X_te), ref.predict(X_te)) if proba else \
            np.testing.assert_allclose(ours.predict(X_te), ref.predict(X_te), rtol=1e-10)


@short_run
def test_binary_breast_cancer_and_regression_diabetes():
    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    clf = MLPClassifier((16,), learning_rate_init=0.01, max_iter=50, random_state=0).fit(X, y)
    assert clf.predict_proba(X).shape == (len(y), 2) and clf.score(X, y) > 0.97
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    kw = dict(hidden_layer_sizes=(20,), learning_rate_init=0.01, max_iter=300, random_state=0)
    ours = MLPRegressor(**kw).fit(X, y)
    ref = skn.MLPRegressor(**kw).fit(X, y)
    assert ours.score(X, y) > 0.45 and abs(ours.score(X, y) - ref.score(X, y)) < 0.05


@short_run
def test_regression_fits_a_curve():
    x = np.linspace(-3, 3, 100).reshape(-1, 1)
    y = np.sin(x[:, 0])
    model = MLPRegressor((20,), activation="tanh", learning_rate_init=0.02, max_iter=500,
                         batch_size=25, random_state=0).fit(x, y)
    assert np.mean((model.predict(x) - y) ** 2) < 0.01
    lin = MLPRegressor((20, 20), activation="identity", learning_rate_init=0.02,
                       max_iter=300, random_state=0).fit(x, y)
    coef = np.polyfit(x[:, 0], lin.predict(x), 1)
    np.testing.assert_allclose(np.polyval(coef, x[:, 0]), lin.predict(x), atol=1e-9)


def test_early_stopping_and_stopping_rule():
    X, y = make_moons(200, noise=0.3, random_state=0)
    model = MLPClassifier((50,), early_stopping=True, validation_fraction=0.2,
                          n_iter_no_change=5, learning_rate_init=0.01, max_iter=500,
                          random_state=0).fit(X, y)
    s = model.validation_scores_
    assert model.n_iter_ == len(s) == len(model.loss_curve_) < 500
    assert model.best_validation_score_ == max(s) and model.best_loss_ is None
    # the last n_iter_no_change + 1 epochs did not improve on the best by tol
    assert max(s[-6:]) < max(s[:-6]) + 1e-4
    plain = MLPClassifier((5,), max_iter=500, tol=1e-2, random_state=0).fit(X, y)
    assert plain.n_iter_ < 500 and plain.validation_scores_ is None
    assert plain.best_loss_ == min(plain.loss_curve_)


@short_run
def test_determinism():
    X, y = make_moons(100, noise=0.2, random_state=0)
    kw = dict(hidden_layer_sizes=(10,), max_iter=20, batch_size=16, early_stopping=True)
    a = MLPClassifier(random_state=5, **kw).fit(X, y)
    b = MLPClassifier(random_state=5, **kw).fit(X, y)
    c = MLPClassifier(random_state=6, **kw).fit(X, y)
    assert a.loss_curve_ == b.loss_curve_ and a.validation_scores_ == b.validation_scores_
    for p, q in zip(a.coefs_, b.coefs_):
        np.testing.assert_array_equal(p, q)
    assert a.loss_curve_ != c.loss_curve_


@short_run
def test_labels_params_and_repr():
    X, y = make_moons(40, random_state=0)
    labels = np.array(["no", "yes"])[y]
    model = MLPClassifier((4,), max_iter=5, random_state=0).fit(X, labels)
    assert set(model.predict(X)) <= {"no", "yes"} and list(model.classes_) == ["no", "yes"]
    assert model.n_layers_ == 3 and model.n_outputs_ == 1
    assert [W.shape for W in model.coefs_] == [(2, 4), (4, 1)]
    assert repr(MLPRegressor(alpha=0.5)) == "MLPRegressor(alpha=0.5)"
    assert MLPClassifier(hidden_layer_sizes=3, max_iter=2).fit(X, y).coefs_[0].shape == (2, 3)


# --- bad input ----------------------------------------------------------------------------

X_OK, Y_OK = make_moons(20, noise=0.1, random_state=0)


def test_bad_input_battery():
    check_bad_input(MLPClassifier, X_OK, Y_OK, kind="classifier",
                    methods=("predict", "predict_proba"), params=dict(max_iter=2))
    check_bad_input(MLPRegressor, X_OK, X_OK[:, 0] - X_OK[:, 1], kind="regressor",
                    params=dict(max_iter=2))


def test_continuous_target_is_rejected_by_the_classifier():
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        MLPClassifier(max_iter=2).fit(X_OK, X_OK[:, 0])


def test_not_converged_warns_and_converged_flag():
    with pytest.warns(ConvergenceWarning, match=r"MLPClassifier stopped after max_iter=3 "
                                                r"epochs without meeting tol"):
        model = MLPClassifier((5,), max_iter=3, random_state=0).fit(X_OK, Y_OK)
    assert model.converged_ is False and model.n_iter_ == 3
    model = MLPClassifier((5,), max_iter=500, tol=1e-2, random_state=0).fit(X_OK, Y_OK)
    assert model.converged_ is True and model.n_iter_ < 500


@short_run
def test_divergence_raises_a_clear_error():
    # The probe: a target of scale 100 and a far too large learning rate.
    X, y = make_moons(100, noise=0.1, random_state=0)
    y = 100 * y.astype(float)
    with pytest.raises(DivergenceError, match="MLPRegressor diverged.*learning rate") as e:
        MLPRegressor(solver="sgd", learning_rate_init=10, random_state=0).fit(X, y)
    assert isinstance(e.value, ValueError) and "standardise" in str(e.value)
    # the same data with a small enough step trains, finite and silent
    assert np.isfinite(MLPRegressor(solver="sgd", learning_rate_init=1e-3, max_iter=100,
                                    random_state=0).fit(X, y).loss_curve_).all()


@short_run
def test_hidden_layer_sizes_as_array_list_or_int():
    shapes = [[W.shape for W in MLPRegressor(sizes, max_iter=2).fit(X_OK, Y_OK).coefs_]
              for sizes in [np.array([5, 4]), [5, 4], (5, 4)]]
    assert shapes[0] == shapes[1] == shapes[2] == [(2, 5), (5, 4), (4, 1)]


def test_parameters_are_sklearns():
    # "Swap one import": every parameter we have has scikit-learn's name and default; the
    # ones we lack are listed in the docstring and in references/sklearn_differences.md.
    missing = {"learning_rate", "power_t", "verbose", "warm_start", "max_fun", "loss"}
    for ours, ref in [(MLPClassifier, skn.MLPClassifier), (MLPRegressor, skn.MLPRegressor)]:
        p_ours = inspect.signature(ours).parameters
        p_ref = inspect.signature(ref).parameters
        assert set(p_ref) - set(p_ours) <= missing and set(p_ours) <= set(p_ref)
        for name, par in p_ours.items():
            assert par.default == p_ref[name].default, name
            assert par.kind == p_ref[name].kind, name


@pytest.mark.parametrize("params, match", [
    (dict(hidden_layer_sizes=(10, 0)), "hidden_layer_sizes must be a tuple of positive"),
    (dict(hidden_layer_sizes="big"), "hidden_layer_sizes must be a tuple of positive"),
    (dict(activation="sigmoid"), "activation must be one of"),
    (dict(hidden_layer_sizes=np.array([[5, 5]])), "hidden_layer_sizes must be a tuple"),
    (dict(hidden_layer_sizes=(True,)), "hidden_layer_sizes must be a tuple of positive"),
    (dict(solver="lbfgs"), "solver must be one of"),
    (dict(alpha=-1.0), "alpha must be >= 0"),
    (dict(batch_size=0), "batch_size must be >= 1"),
    (dict(batch_size="all"), "batch_size must be of type Integral"),
    (dict(learning_rate_init=0.0), "learning_rate_init must be > 0"),
    (dict(max_iter=0), "max_iter must be >= 1"),
    (dict(max_iter=2.5), "max_iter must be of type Integral"),
    (dict(tol=-1.0), "tol must be >= 0"),
    (dict(momentum=1.5), "momentum must be <= 1"),
    (dict(validation_fraction=1.0), "validation_fraction must be < 1"),
    (dict(beta_1=1.0), "beta_1 must be < 1"),
    (dict(beta_2=-0.1), "beta_2 must be >= 0"),
    (dict(epsilon=0.0), "epsilon must be > 0"),
    (dict(n_iter_no_change=0), "n_iter_no_change must be >= 1"),
    (dict(shuffle="yes"), "shuffle must be True or False"),
    (dict(early_stopping=1), "early_stopping must be True or False"),
    (dict(nesterovs_momentum="no"), "nesterovs_momentum must be True or False"),
    (dict(random_state="seed"), "random_state must be"),
])
@pytest.mark.parametrize("Estimator", [MLPClassifier, MLPRegressor])
def test_bad_hyperparameters(Estimator, params, match):
    with pytest.raises(ValueError, match=match):
        Estimator(**params).fit(X_OK, Y_OK)


@short_run
def test_early_stopping_needs_training_rows():
    with pytest.raises(ValueError, match="early_stopping needs at least one training"):
        MLPRegressor(early_stopping=True).fit([[1.0]], [2.0])
    X = np.arange(10.0).reshape(-1, 1)
    with pytest.raises(ValueError, match="two validation samples.*gives 9 and 1"):
        MLPRegressor(early_stopping=True).fit(X, X[:, 0] ** 2)
    with pytest.raises(ValueError, match="gives 0 and 10"):
        MLPClassifier(early_stopping=True, validation_fraction=0.95).fit(X, X[:, 0] > 4)
    assert len(MLPRegressor(early_stopping=True, validation_fraction=0.2, max_iter=3)
               .fit(X, X[:, 0] ** 2).validation_scores_) == 3
