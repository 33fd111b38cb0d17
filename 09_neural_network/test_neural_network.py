import inspect

import numpy as np
import pytest
import sklearn.neural_network as skn

from neural_network import (ACTIVATIONS, MLPClassifier, MLPRegressor, activate,
                            activation_derivative, adam_step, forward, init_parameters,
                            loss_and_gradients, output_loss, sgd_momentum_step, softmax)
from utils.data import load_breast_cancer, load_diabetes, load_digits, make_moons, make_xor
from utils.gradcheck import check_gradient
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


# --- pieces on tiny inputs ----------------------------------------------------------------

def test_gap_01_activate_known_values():
    z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(activate(z, "relu"), [[0, 0, 3]])
    np.testing.assert_allclose(activate(z, "tanh"), np.tanh(z))
    np.testing.assert_allclose(activate(z, "logistic"), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(activate(z, "identity"), z)
    # extreme inputs stay finite and silent
    big = activate(np.array([[-1e4, 1e4]]), "logistic")
    np.testing.assert_array_equal(big, [[0.0, 1.0]])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gap_02_activation_derivative_matches_finite_differences(activation):
    z = np.linspace(-3, 3, 13).reshape(1, -1) + 0.05     # avoid relu's kink at 0
    h = 1e-6
    numeric = (activate(z + h, activation) - activate(z - h, activation)) / (2 * h)
    np.testing.assert_allclose(activation_derivative(activate(z, activation), activation),
                               numeric, atol=1e-8)


def test_gap_03_output_loss_known_answers():
    Z = np.array([[0.0, 0.0], [1000.0, 0.0]])
    np.testing.assert_allclose(softmax(Z), [[0.5, 0.5], [1.0, 0.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    value, delta = output_loss(Z, Y, "log_loss")
    assert value == pytest.approx((np.log(2) + 1000.0) / 2)
    np.testing.assert_allclose(delta, (softmax(Z) - Y) / 2)
    value, delta = output_loss(np.array([[0.0], [2.0]]), np.array([[1.0], [0.0]]),
                               "binary_log_loss")
    assert value == pytest.approx((np.log(2) + np.log(1 + np.exp(2.0))) / 2)
    value, delta = output_loss(np.array([[3.0], [1.0]]), np.array([[1.0], [1.0]]),
                               "squared_error")
    assert value == pytest.approx(1.0) and np.allclose(delta, [[1.0], [0.0]])


def test_gap_04_forward_by_hand():
    X = np.array([[1.0, 2.0]])
    coefs = [np.array([[1.0, -1.0], [0.5, 1.0]]), np.array([[2.0], [3.0]])]
    intercepts = [np.array([0.0, -2.0]), np.array([1.0])]
    A = forward(X, coefs, intercepts, "relu")
    # hidden: [1 + 1, -1 + 2 - 2] = [2, -1] -> relu [2, 0]; output 2 * 2 + 0 + 1 = 5
    np.testing.assert_allclose(A[1], [[2.0, 0.0]])
    np.testing.assert_allclose(A[2], [[5.0]])


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss, k", [("squared_error", 1), ("binary_log_loss", 1),
                                     ("log_loss", 3)])
def test_gap_05_loss_and_gradients_whole_network(activation, loss, k):
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


def test_gap_06_init_parameters_scales():
    rng = np.random.default_rng(0)
    (W_he, W_out), _ = init_parameters((400, 300, 200), "relu", rng)
    (W_gl, _), (b, _) = init_parameters((400, 300, 200), "tanh", rng)
    assert W_he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    # no relu follows the output layer: Glorot there, even in a relu network
    assert W_out.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    assert np.abs(W_out).max() <= np.sqrt(6 / 500)
    assert W_gl.std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)
    assert np.abs(W_gl).max() <= np.sqrt(6 / 700) and np.all(b == 0)


def test_gap_08_adam_two_steps_by_hand():
    p = np.array([1.0, -2.0])
    m, v = np.zeros(2), np.zeros(2)
    g1, g2 = np.array([0.5, -4.0]), np.array([1.5, 2.0])
    lr = 0.1
    adam_step(p, g1, m, v, 1, lr)
    # t=1: m = 0.1 g1, v = 0.001 g1^2, so m_hat = g1, v_hat = g1^2: a step of lr * sign(g1)
    p1 = np.array([1.0 - 0.1 * 0.5 / (0.5 + 1e-8), -2.0 + 0.1 * 4.0 / (4.0 + 1e-8)])
    np.testing.assert_allclose(p, p1, rtol=1e-15)
    adam_step(p, g2, m, v, 2, lr)
    # t=2: m = 0.09 g1 + 0.1 g2 = [0.195, -0.16]; v = 0.000999 g1^2 + 0.001 g2^2
    #      = [0.00249975, 0.019984]; m_hat = m / 0.19, v_hat = v / 0.001999
    m_hat = np.array([0.195, -0.16]) / 0.19
    v_hat = np.array([0.00249975, 0.019984]) / 0.001999
    expected = p1 - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(m, [0.195, -0.16], rtol=1e-14)
    np.testing.assert_allclose(v, [0.00249975, 0.019984], rtol=1e-14)
    np.testing.assert_allclose(p, expected, rtol=1e-12)
    np.testing.assert_allclose(p, [0.808221887, -1.873366298], atol=1e-8)


def test_gap_07_sgd_momentum_steps_by_hand():
    p, vel = np.array([1.0]), np.zeros(1)
    sgd_momentum_step(p, np.array([2.0]), vel, 0.1, 0.9)    # v = -0.2, p = 0.8
    sgd_momentum_step(p, np.array([1.0]), vel, 0.1, 0.9)    # v = -0.18 - 0.1, p = 0.52
    np.testing.assert_allclose(vel, [-0.28])
    np.testing.assert_allclose(p, [0.52])
    # Nesterov: same velocity, then a step of mu * v - eta * g
    p, vel = np.array([1.0]), np.zeros(1)
    sgd_momentum_step(p, np.array([2.0]), vel, 0.1, 0.9, nesterov=True)
    np.testing.assert_allclose(vel, [-0.2])                 # p = 1 - 0.18 - 0.2 = 0.62
    np.testing.assert_allclose(p, [0.62])
    sgd_momentum_step(p, np.array([1.0]), vel, 0.1, 0.9, nesterov=True)
    np.testing.assert_allclose(vel, [-0.28])                # p = 0.62 - 0.252 - 0.1
    np.testing.assert_allclose(p, [0.268])


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
    losses = []
    for _ in range(15):
        J, gW, gb = loss_and_gradients(X, y[:, None].astype(float), coefs, intercepts, "tanh",
                                       "binary_log_loss", alpha=1e-4)
        losses.append(J)
        coefs = [W - 0.5 * g for W, g in zip(coefs, gW)]
        intercepts = [b - 0.5 * g for b, g in zip(intercepts, gb)]
    np.testing.assert_allclose(model.loss_curve_, losses, rtol=1e-12)
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
