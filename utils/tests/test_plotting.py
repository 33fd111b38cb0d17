"""Tests for utils.plotting (headless: the Agg backend)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from PIL import Image  # noqa: E402

from utils.plotting import (plot_decision_boundary, plot_loss_curve,  # noqa: E402
                            plot_regression_fit, save_training_animation)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


class SideModel:
    """Predicts by the sign of x1 + x2 and records every call."""

    def __init__(self, labels=(0, 1)):
        self.classes_ = np.array(labels)
        self.calls = []

    def predict(self, X):
        self.calls.append(("predict", np.asarray(X).shape))
        return self.classes_[(X[:, 0] + X[:, 1] > 0).astype(int)]

    def predict_proba(self, X):
        self.calls.append(("predict_proba", np.asarray(X).shape))
        p1 = 1.0 / (1.0 + np.exp(-(X[:, 0] + X[:, 1])))
        return np.column_stack([1 - p1, p1])


class ThreeBands:
    """Three classes by the value of x1."""

    def predict(self, X):
        return np.digitize(X[:, 0], [-0.5, 0.5])


class Constant:
    def predict(self, X):
        return np.zeros(len(X), dtype=int)

    def predict_proba(self, X):
        return np.tile([0.9, 0.1], (len(X), 1))


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    return X, y


def _scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def _contours(ax):
    return [c for c in ax.collections if isinstance(c, ContourSet)]


# ------------------------------------------------------------ plot_decision_boundary

def test_decision_boundary_draws_regions_points_legend_labels(data):
    X, y = data
    model = SideModel()
    ax = plot_decision_boundary(model, X, y, resolution=50, title="boundary")
    assert isinstance(ax, Axes)
    # one vectorised call on the whole grid
    assert model.calls == [("predict", (50 * 50, 2))]
    contours = _contours(ax)
    assert len(contours) == 1 and contours[0].filled
    np.testing.assert_allclose(contours[0].levels, [-0.5, 0.5, 1.5])
    assert len(_scatters(ax)) == 2  # one scatter per class
    offsets = np.vstack([s.get_offsets() for s in _scatters(ax)])
    assert offsets.shape == X.shape
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "class"
    assert [t.get_text() for t in legend.get_texts()] == ["0", "1"]
    assert ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$"
    assert ax.get_title() == "boundary"
    # the view covers the data plus the padding
    np.testing.assert_allclose(ax.get_xlim(), [X[:, 0].min() - 0.5, X[:, 0].max() + 0.5])
    np.testing.assert_allclose(ax.get_ylim(), [X[:, 1].min() - 0.5, X[:, 1].max() + 0.5])


def test_decision_boundary_string_labels_feature_names_and_given_ax(data):
    X, y = data
    labels = np.array(["ham", "spam"])[y]
    fig, (ax0, ax1) = plt.subplots(1, 2)
    out = plot_decision_boundary(SideModel(labels=("ham", "spam")), X, labels, ax=ax1,
                                 resolution=20, padding=1.0, feature_names=["size", "links"])
    assert out is ax1
    assert not ax0.collections  # nothing drawn on the other subplot
    assert [t.get_text() for t in ax1.get_legend().get_texts()] == ["ham", "spam"]
    assert ax1.get_xlabel() == "size" and ax1.get_ylabel() == "links"
    np.testing.assert_allclose(ax1.get_xlim()[0], X[:, 0].min() - 1.0)


def test_decision_boundary_three_classes_colours_match(data):
    X, _ = data
    y = ThreeBands().predict(X)
    ax = plot_decision_boundary(ThreeBands(), X, y, resolution=30)
    (contour,) = _contours(ax)
    np.testing.assert_allclose(contour.levels, [-0.5, 0.5, 1.5, 2.5])
    scatters = _scatters(ax)
    assert len(scatters) == 3
    # the points of class k have the colour of region k
    region_colors = contour.cmap(contour.norm(np.arange(3)))[:, :3]
    point_colors = np.array([s.get_facecolor()[0][:3] for s in scatters])
    np.testing.assert_allclose(point_colors, region_colors)


def test_decision_boundary_constant_prediction_no_warning(data):
    X, y = data
    ax = plot_decision_boundary(Constant(), X, y, resolution=10)
    assert len(_contours(ax)) == 1
    ax = plot_decision_boundary(Constant(), X, y, resolution=10, proba=True)
    # P never crosses 0.5: no boundary line (and no "no contour levels" warning)
    assert len(_contours(ax)) == 1


def test_decision_boundary_predicted_class_absent_from_y(data):
    X, _ = data
    y = np.zeros(len(X), dtype=int)  # the model also predicts 1 and 2 on the grid
    ax = plot_decision_boundary(ThreeBands(), X, y, resolution=30)
    np.testing.assert_allclose(_contours(ax)[0].levels, [-0.5, 0.5, 1.5, 2.5])
    assert len(_scatters(ax)) == 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["0"]


def test_decision_boundary_constant_feature_without_padding():
    X = np.column_stack([np.ones(5), np.arange(5.0)])
    ax = plot_decision_boundary(SideModel(), X, (X[:, 1] > 2).astype(int), padding=0.0,
                                resolution=10)
    np.testing.assert_allclose(ax.get_xlim(), [0.5, 1.5])
    np.testing.assert_allclose(ax.get_ylim(), [0.0, 4.0])


def test_decision_boundary_error_leaves_no_figure(data):
    X, y = data
    with pytest.raises(ValueError):
        plot_decision_boundary(ThreeBands(), X, y, proba=True)
    assert plt.get_fignums() == []


def test_decision_boundary_proba(data):
    X, y = data
    model = SideModel()
    ax = plot_decision_boundary(model, X, y, resolution=40, proba=True, alpha=0.5)
    assert model.calls == [("predict_proba", (40 * 40, 2))]
    filled, line = _contours(ax)
    assert filled.filled and not line.filled
    np.testing.assert_allclose(filled.levels, np.linspace(0, 1, 11))
    np.testing.assert_allclose(line.levels, [0.5])
    assert filled.get_alpha() == 0.5
    # a colorbar was added as a second Axes of the figure
    assert len(ax.figure.axes) == 2
    assert ax.figure.axes[1].get_ylabel() == "P(y = 1)"
    assert len(_scatters(ax)) == 2


def test_decision_boundary_bad_inputs(data):
    X, y = data
    model = SideModel()
    with pytest.raises(ValueError, match="exactly 2 features"):
        plot_decision_boundary(model, np.column_stack([X, X[:, 0]]), y)
    with pytest.raises(ValueError, match="2-D array"):
        plot_decision_boundary(model, X[:, 0], y)
    with pytest.raises(ValueError, match="different numbers of samples"):
        plot_decision_boundary(model, X, y[:-1])
    with pytest.raises(ValueError, match="NaN"):
        plot_decision_boundary(model, np.vstack([X, [np.nan, 0.0]]), np.append(y, 0))
    with pytest.raises(ValueError, match="resolution must be >= 2"):
        plot_decision_boundary(model, X, y, resolution=1)
    with pytest.raises(ValueError, match="alpha must be <= 1"):
        plot_decision_boundary(model, X, y, alpha=2.0)
    with pytest.raises(ValueError, match="padding must be >= 0"):
        plot_decision_boundary(model, X, y, padding=-1.0)
    with pytest.raises(ValueError, match="feature_names"):
        plot_decision_boundary(model, X, y, feature_names=["a"])
    with pytest.raises(ValueError, match="needs 2 classes"):
        plot_decision_boundary(ThreeBands(), X, ThreeBands().predict(X), proba=True)
    with pytest.raises(ValueError, match="predict_proba"):
        plot_decision_boundary(ThreeBands(), X, y, proba=True)
    with pytest.raises(ValueError, match="Axes"):
        plot_decision_boundary(model, X, y, ax="not an axes")


# ------------------------------------------------------------------ plot_loss_curve

def test_loss_curve_basic():
    losses = [3.0, 2.0, 1.5, 1.2]
    ax = plot_loss_curve(losses)
    assert isinstance(ax, Axes)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), np.arange(4))
    np.testing.assert_array_equal(line.get_ydata(), losses)
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "loss"
    assert ax.get_yscale() == "linear"
    assert ax.get_legend() is None  # nothing labelled: no (empty) legend


def test_loss_curve_validation_log_scale_and_overlay():
    train = np.array([1.0, 0.5, 0.25, 0.2])
    val = np.array([1.1, 0.6, 0.4, 0.45])
    ax = plot_loss_curve(train, val_losses=val, log_scale=True, title="run", xlabel="epoch")
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "epoch" and ax.get_title() == "run"
    tr, va = ax.get_lines()
    assert va.get_linestyle() == "--" and va.get_color() == tr.get_color()
    np.testing.assert_array_equal(va.get_ydata(), val)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training", "validation"]
    # a second run on the same Axes joins the legend
    plot_loss_curve(train * 2, ax=ax, label="lr = 0.1")
    assert len(ax.get_lines()) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "lr = 0.1"


def test_loss_curve_allows_diverging_values():
    ax = plot_loss_curve([1.0, 10.0, np.inf, np.nan], label="diverging")
    assert len(ax.get_lines()) == 1


def test_loss_curve_bad_inputs():
    with pytest.raises(ValueError, match="empty"):
        plot_loss_curve([])
    with pytest.raises(ValueError, match="1-D"):
        plot_loss_curve(np.ones((3, 2)))
    with pytest.raises(ValueError, match="1-D"):
        plot_loss_curve(None)
    with pytest.raises(ValueError, match="one value per iteration"):
        plot_loss_curve([1.0, 0.5], val_losses=[1.0])
    with pytest.raises(ValueError, match="val_losses is empty"):
        plot_loss_curve([1.0], val_losses=[])
    with pytest.raises(ValueError, match="positive losses"):
        plot_loss_curve([1.0, 0.0], log_scale=True)
    with pytest.raises(ValueError, match="positive val_losses"):
        plot_loss_curve([1.0, 0.5], val_losses=[1.0, -0.1], log_scale=True)


# -------------------------------------------------------------- plot_regression_fit

class LineModel:
    def __init__(self):
        self.calls = []

    def predict(self, X):
        self.calls.append(np.asarray(X).shape)
        return 2.0 * X[:, 0] + 1.0


def test_regression_fit_scatter_and_sorted_line():
    rng = np.random.default_rng(1)
    x = rng.uniform(-3, 3, size=30)  # unsorted on purpose
    y = 2 * x + 1 + rng.normal(scale=0.1, size=30)
    model = LineModel()
    ax = plot_regression_fit(x.reshape(-1, 1), y, model, n_points=50, title="fit")
    assert isinstance(ax, Axes)
    assert model.calls == [(50, 1)]
    assert len(_scatters(ax)) == 1
    (line,) = ax.get_lines()
    xs, ys = line.get_xdata(), line.get_ydata()
    assert len(xs) == 50 and np.all(np.diff(xs) > 0)
    assert xs[0] == x.min() and xs[-1] == x.max()
    np.testing.assert_allclose(ys, 2 * xs + 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["data", "LineModel"]
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$" and ax.get_title() == "fit"


def test_regression_fit_without_model_and_with_labels():
    ax = plot_regression_fit([1.0, 2.0, 3.0], [2.0, 4.0, 5.0], xlabel="size (m²)",
                             ylabel="price")
    assert len(_scatters(ax)) == 1 and not ax.get_lines()
    assert ax.get_legend() is None
    assert ax.get_xlabel() == "size (m²)" and ax.get_ylabel() == "price"
    ax = plot_regression_fit([1.0, 2.0, 3.0], [2.0, 4.0, 5.0], LineModel(), label="OLS")
    assert ax.get_legend().get_texts()[1].get_text() == "OLS"


def test_regression_fit_bad_inputs():
    with pytest.raises(ValueError, match="single feature"):
        plot_regression_fit(np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match="different numbers of samples"):
        plot_regression_fit(np.ones(5), np.ones(4))
    with pytest.raises(ValueError, match="NaN"):
        plot_regression_fit([1.0, np.nan], [1.0, 2.0])
    with pytest.raises(ValueError, match="n_points must be >= 2"):
        plot_regression_fit([1.0, 2.0], [1.0, 2.0], LineModel(), n_points=1)


# --------------------------------------------------------- save_training_animation

def _draw_line(ax, w):
    ax.plot([0, 1], [0, w], color="C0")
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_title(f"w = {w:.2f}")


def test_animation_writes_gif_with_n_frames(tmp_path):
    frames = np.linspace(-1, 1, 12)
    calls = []

    def draw(ax, w):
        calls.append(w)
        _draw_line(ax, w)

    path = save_training_animation(frames, tmp_path / "sub" / "anim.gif", draw, fps=5,
                                   figsize=(3, 2), dpi=50)
    assert path == tmp_path / "sub" / "anim.gif" and path.exists()
    assert calls == list(frames)  # each frame drawn once, in order
    with Image.open(path) as im:
        assert im.format == "GIF"
        assert im.n_frames == 12
        assert im.size == (150, 100)
        assert im.info["duration"] == 200  # 1000 ms / 5 fps
    assert path.stat().st_size < 1_000_000
    assert plt.get_fignums() == []  # no figure left open in pyplot


def test_animation_is_deterministic(tmp_path):
    frames = list(np.linspace(-1, 1, 5))
    a = save_training_animation(frames, tmp_path / "a.gif", _draw_line, dpi=40)
    b = save_training_animation(iter(frames), str(tmp_path / "b.gif"), _draw_line, dpi=40)
    assert a.read_bytes() == b.read_bytes()


def test_animation_each_frame_starts_fresh(tmp_path):
    seen = []

    def draw(ax, k):
        # the previous frame's artists are gone, the colour cycle restarts
        assert not ax.lines and not ax.collections and ax.get_legend() is None
        line, = ax.plot([0, k], [0, k], label="line")
        ax.scatter([0, k], [k, 0])
        ax.legend()
        seen.append((ax, line.get_color()))

    save_training_animation([1, 10, 100], tmp_path / "fresh.gif", draw, dpi=30)
    first_color = plt.rcParams["axes.prop_cycle"].by_key()["color"][0]
    assert [color for _, color in seen] == [first_color] * 3
    ax = seen[-1][0]
    # no limits set in draw: they follow the last frame's data only
    assert ax.get_xlim()[1] > 100 and ax.get_xlim()[1] < 120


def test_animation_bad_inputs(tmp_path):
    with pytest.raises(ValueError, match="frames is empty"):
        save_training_animation([], tmp_path / "x.gif", _draw_line)
    with pytest.raises(ValueError, match=r"must end in \.gif"):
        save_training_animation([0.1], tmp_path / "x.mp4", _draw_line)
    with pytest.raises(ValueError, match="draw_frame must be"):
        save_training_animation([0.1], tmp_path / "x.gif", None)
    with pytest.raises(ValueError, match="fps must be >"):
        save_training_animation([0.1], tmp_path / "x.gif", _draw_line, fps=0)
    with pytest.raises(ValueError, match="figsize"):
        save_training_animation([0.1], tmp_path / "x.gif", _draw_line, figsize=(3, -1))
    assert not (tmp_path / "x.gif").exists()
