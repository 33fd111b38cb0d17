"""Plots the chapters share: decision boundaries, loss curves, regression fits, GIFs.

Every plotting function takes an optional ``ax``: pass one to draw into an existing
figure (a subplot grid, say), or leave it ``None`` to get a new figure. Each returns
the Axes it drew on, so a caller can add to the plot or set limits afterwards.

This module never chooses a matplotlib backend; notebooks use the inline one and
tests select Agg.
"""
import numbers
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from utils.validation import check_array, check_scalar, column_or_1d

# A diverging map for probabilities: blue for class 0, red for class 1, white at 0.5.
_PROBA_CMAP = "RdBu_r"


def _get_ax(ax):
    """Return ``ax``, or the Axes of a new figure when ``ax`` is None."""
    if ax is None:
        # constrained layout keeps labels and colorbars inside the figure
        # without the warnings tight_layout can give.
        _, ax = plt.subplots(layout="constrained")
        return ax
    if not isinstance(ax, Axes):
        raise ValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}.")
    return ax


def _class_colors(n_classes):
    """``n_classes`` distinct colours: tab10 while it lasts, then evenly spaced viridis."""
    if n_classes <= 10:
        return list(matplotlib.colormaps["tab10"].colors[:n_classes])
    return list(matplotlib.colormaps["viridis"](np.linspace(0.0, 1.0, n_classes)))


def plot_decision_boundary(model, X, y, ax=None, resolution=200, padding=0.5, alpha=0.3,
                           proba=False, title=None, feature_names=None):
    """Colour the plane by a fitted classifier's prediction and overlay the data.

    The model is evaluated on a ``resolution x resolution`` grid that covers the data
    plus ``padding`` on every side, in one vectorised call of ``model.predict`` (or
    ``model.predict_proba``), and the regions are filled with ``contourf``.

    Parameters
    ----------
    model : fitted classifier
        Must have ``predict`` (or ``predict_proba`` when ``proba=True``), taking an
        array of shape (n_points, 2).
    X : array-like of shape (n_samples, 2)
        Exactly two features.
    y : array-like of shape (n_samples,)
        The class labels, used to colour the points.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is created when None.
    resolution : int, default 200
        Grid points per axis (at least 2); the model sees ``resolution**2`` points.
    padding : float, default 0.5
        Margin added around the data range, in data units.
    alpha : float, default 0.3
        Opacity of the filled regions, in [0, 1].
    proba : bool, default False
        Fill with the probability of the second class, ``predict_proba(grid)[:, 1]``,
        from blue (0) to red (1), with a colorbar and the 0.5 contour drawn in black.
        Only for two classes.
    title : str, optional
        The Axes title.
    feature_names : sequence of two str, optional
        Axis labels; default ``$x_1$`` and ``$x_2$``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    X = check_array(X)
    if X.shape[1] != 2:
        raise ValueError(f"plot_decision_boundary needs X with exactly 2 features, got "
                         f"shape {X.shape}. Plot two columns, or project the data first.")
    y = column_or_1d(y)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X and y have different numbers of samples: X has {X.shape[0]}, "
                         f"y has {y.shape[0]}.")
    check_scalar(resolution, "resolution", kind=numbers.Integral, min_val=2)
    check_scalar(padding, "padding", min_val=0)
    check_scalar(alpha, "alpha", min_val=0, max_val=1)
    if feature_names is None:
        feature_names = ("$x_1$", "$x_2$")
    elif len(feature_names) != 2:
        raise ValueError(f"feature_names must hold 2 names, got {len(feature_names)}.")

    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    # A constant feature with no padding would give an empty range (and a warning).
    flat = hi - lo == 0
    lo, hi = np.where(flat, lo - 0.5, lo), np.where(flat, hi + 0.5, hi)
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    classes = np.unique(y)

    # Evaluate the model before creating a figure, so that an error leaves none behind.
    if proba:
        if len(classes) > 2:
            raise ValueError(f"proba=True shows P(second class) and needs 2 classes; y has "
                             f"{len(classes)}. Use proba=False for more classes.")
        if not hasattr(model, "predict_proba"):
            raise ValueError(f"proba=True needs a model with predict_proba; "
                             f"{type(model).__name__} has none.")
        P = np.asarray(model.predict_proba(grid))
        if P.shape != (grid.shape[0], 2):
            raise ValueError(f"predict_proba should return shape ({grid.shape[0]}, 2) for the "
                             f"grid, got {P.shape}.")
        Z = P[:, 1].reshape(xx.shape)
    else:
        Z = np.asarray(model.predict(grid)).ravel()
        if Z.shape[0] != grid.shape[0]:
            raise ValueError(f"predict returned {Z.shape[0]} values for {grid.shape[0]} grid "
                             "points.")

    ax = _get_ax(ax)
    if proba:
        model_classes = getattr(model, "classes_", classes)
        filled = ax.contourf(xx, yy, Z, levels=np.linspace(0.0, 1.0, 11), cmap=_PROBA_CMAP,
                             alpha=alpha)
        # Only draw the boundary when it exists: a level outside the data range warns.
        if Z.min() < 0.5 < Z.max():
            ax.contour(xx, yy, Z, levels=[0.5], colors="k", linewidths=1.0)
        ax.figure.colorbar(filled, ax=ax, label=f"P(y = {model_classes[-1]})")
        cmap = matplotlib.colormaps[_PROBA_CMAP]
        point_colors = [cmap(0.1) if c == model_classes[0] else cmap(0.9) for c in classes]
    else:
        # The model may predict a class that is absent from y: colour those too.
        all_classes = np.union1d(classes, Z)
        colors = _class_colors(len(all_classes))
        Z_index = np.searchsorted(all_classes, Z).reshape(xx.shape)
        # One level boundary half-way between consecutive class indices.
        ax.contourf(xx, yy, Z_index, levels=np.arange(len(all_classes) + 1) - 0.5,
                    cmap=ListedColormap(colors), alpha=alpha)
        point_colors = [colors[i] for i in np.searchsorted(all_classes, classes)]

    for label, color in zip(classes, point_colors):
        mask = y == label
        ax.scatter(X[mask, 0], X[mask, 1], color=color, edgecolors="k", linewidths=0.5,
                   s=25, label=str(label))
    ax.legend(title="class", loc="best")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    if title is not None:
        ax.set_title(title)
    return ax


def _check_losses(losses, name):
    arr = np.asarray(losses, dtype=np.float64) if losses is not None else None
    if arr is None or arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D sequence of numbers (one per iteration), got "
                         f"{'None' if arr is None else f'shape {arr.shape}'}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; record at least one loss value.")
    return arr


def plot_loss_curve(losses, ax=None, label=None, log_scale=False, val_losses=None,
                    title=None, xlabel="iteration"):
    """Plot a loss against the iteration (or epoch) number.

    Call it several times on the same ``ax`` with different labels to compare runs
    (learning rates, say). NaN and infinity are allowed (a diverging run) and leave
    a gap in the line.

    Parameters
    ----------
    losses : sequence of float
        ``losses[t]`` is the loss after ``t`` iterations; the x axis runs 0, 1, 2, ...
    ax : matplotlib Axes, optional
        Where to draw; a new figure is created when None.
    label : str, optional
        Legend label of the curve. Defaults to "training" when ``val_losses`` is given.
    log_scale : bool, default False
        Use a logarithmic y axis (the losses must then be positive).
    val_losses : sequence of float, optional
        Validation losses of the same length, drawn dashed.
    title : str, optional
        The Axes title.
    xlabel : str, default "iteration"
        Use "epoch" when there is one value per epoch.

    Returns
    -------
    matplotlib.axes.Axes
    """
    losses = _check_losses(losses, "losses")
    if val_losses is not None:
        val_losses = _check_losses(val_losses, "val_losses")
        if val_losses.shape != losses.shape:
            raise ValueError(f"val_losses must have one value per iteration like losses: "
                             f"got {val_losses.size} and {losses.size} values.")
        if label is None:
            label = "training"
    if log_scale:
        # NaN compares False, so only finite or infinite non-positive values are caught.
        for name, arr in (("losses", losses), ("val_losses", val_losses)):
            if arr is not None and np.any(arr <= 0):
                raise ValueError(f"log_scale=True needs positive {name}; got a minimum of "
                                 f"{np.nanmin(arr)}.")
    ax = _get_ax(ax)
    iterations = np.arange(losses.size)
    line, = ax.plot(iterations, losses, label=label)
    if val_losses is not None:
        ax.plot(iterations, val_losses, linestyle="--", color=line.get_color(),
                label="validation")
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    if title is not None:
        ax.set_title(title)
    # A legend only when some curve has a label (matplotlib warns about an empty one).
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="best")
    return ax


def plot_regression_fit(X, y, model=None, ax=None, n_points=200, title=None, xlabel="$x$",
                        ylabel="$y$", label=None):
    """Scatter one-feature data and, if given, a fitted model's prediction line.

    Parameters
    ----------
    X : array-like of shape (n_samples,) or (n_samples, 1)
        A single feature.
    y : array-like of shape (n_samples,)
        The targets.
    model : fitted regressor, optional
        Its ``predict`` is called once, on ``n_points`` evenly spaced (sorted) values
        spanning the range of ``X``, shaped (n_points, 1).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is created when None.
    n_points : int, default 200
        Points on the prediction line (at least 2).
    title, xlabel, ylabel : str, optional
        The Axes title and axis labels.
    label : str, optional
        Legend label of the line; defaults to the model's class name.

    Returns
    -------
    matplotlib.axes.Axes
    """
    X = check_array(X, ensure_2d=False)
    if X.ndim == 2 and X.shape[1] == 1:
        X = X[:, 0]
    if X.ndim != 1:
        raise ValueError(f"plot_regression_fit needs a single feature, X of shape (n,) or "
                         f"(n, 1); got shape {X.shape}.")
    y = column_or_1d(y, dtype=np.float64)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X and y have different numbers of samples: X has {X.shape[0]}, "
                         f"y has {y.shape[0]}.")
    check_scalar(n_points, "n_points", kind=numbers.Integral, min_val=2)
    ax = _get_ax(ax)
    ax.scatter(X, y, s=20, alpha=0.7, label="data")
    if model is not None:
        grid = np.linspace(X.min(), X.max(), n_points)
        pred = np.asarray(model.predict(grid.reshape(-1, 1)), dtype=np.float64).ravel()
        if pred.shape[0] != n_points:
            raise ValueError(f"predict returned {pred.shape[0]} values for {n_points} points.")
        ax.plot(grid, pred, color="C3", linewidth=2,
                label=label if label is not None else type(model).__name__)
        ax.legend(loc="best")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def save_training_animation(frames, path, draw_frame, fps=10, figsize=(5, 4), dpi=80):
    """Draw one picture per frame and save them as a looping GIF.

    Before every frame the previous frame's lines, collections, patches, texts,
    images and legend are removed, so ``draw_frame`` draws the whole picture each
    time. Set fixed axis limits in it (otherwise they follow each frame's data
    and the view jumps); labels and the title stay until set again. Do not add
    colorbars or new Axes in ``draw_frame``. The same frames give the same file,
    byte for byte.

    Keep GIFs small, since notebooks and the repository carry them: about 60
    frames or fewer (subsample the iterations, e.g. ``history[::10]``), a small
    ``figsize`` and ``dpi`` around 80; that keeps a file well under 1 MB.
    Consecutive frames that render identically are merged by the GIF encoder
    (the file then has fewer frames, each shown longer).

    Parameters
    ----------
    frames : sequence
        One item per frame (parameters at some iteration, say); passed to
        ``draw_frame`` in order.
    path : str or pathlib.Path
        Where to write; must end in ``.gif``. Missing parent folders are created.
    draw_frame : callable
        ``draw_frame(ax, frame)`` draws one frame on ``ax``; its return value is
        ignored.
    fps : float, default 10
        Frames per second.
    figsize : (float, float), default (5, 4)
        Figure size in inches.
    dpi : int, default 80
        Pixels per inch; the GIF is ``figsize * dpi`` pixels.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    frames = list(frames)
    if not frames:
        raise ValueError("frames is empty; give at least one frame to draw.")
    path = Path(path)
    if path.suffix.lower() != ".gif":
        raise ValueError(f"path must end in .gif, got {str(path)!r}.")
    if not callable(draw_frame):
        raise ValueError("draw_frame must be a function draw_frame(ax, frame).")
    check_scalar(fps, "fps", min_val=0, include_min=False)
    check_scalar(dpi, "dpi", kind=numbers.Integral, min_val=1)
    if len(figsize) != 2 or not all(isinstance(s, numbers.Real) and s > 0 for s in figsize):
        raise ValueError(f"figsize must be two positive numbers (inches), got {figsize!r}.")

    # A Figure that pyplot does not know about: nothing stays open afterwards and
    # a notebook does not display the last frame under the cell.
    fig = Figure(figsize=figsize, dpi=dpi)
    ax = fig.add_subplot()

    def update(i):
        # Removing the previous frame's artists is several times faster than
        # ax.clear(), which rebuilds the axes' ticks and text on every frame.
        for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        # As after ax.clear(): the limits follow this frame's data only, unless
        # draw_frame fixes them with set_xlim / set_ylim.
        ax.ignore_existing_data_limits = True
        ax.set_autoscale_on(True)
        ax.set_prop_cycle(None)  # so the first line is "C0" in every frame
        draw_frame(ax, frames[i])
        return ()

    # The no-op init_func keeps FuncAnimation from drawing frame 0 an extra time.
    anim = FuncAnimation(fig, update, frames=len(frames), init_func=lambda: (),
                         blit=False, repeat=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    anim.save(path, writer=PillowWriter(fps=fps), dpi=dpi)
    return path
