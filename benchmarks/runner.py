"""Timing of one registry entry, the loop over entries and sizes, and the table."""
import statistics
import sys
import time
import warnings
from dataclasses import dataclass

import numpy as np

from benchmarks.registry import ENTRIES, NotAvailable

# Rows used to warm both estimators up before timing (see time_entry).
_WARMUP_ROWS = 200


@dataclass
class Result:
    """Median times, in seconds, of one entry at one size."""

    name: str
    n: int
    d: int
    fit_ours: float
    fit_reference: float
    predict_ours: float
    predict_reference: float


def _timed(func, *args):
    start = time.perf_counter()
    out = func(*args)
    return time.perf_counter() - start, out


def _apply(estimator):
    """The method timed as "predict": ``predict``, or ``transform`` for a transformer (PCA)."""
    return estimator.predict if hasattr(estimator, "predict") else estimator.transform


def time_entry(entry, n, repeat=5, seed=0, root=None):
    """Time ``entry`` at ``n`` samples; return a ``Result`` of median times.

    Both estimators see the same data, drawn once with ``seed``. Each repeat fits
    a fresh estimator and predicts on the training data, ours then scikit-learn's,
    so that a slow spell on a busy machine hits both sides alike.

    Raises
    ------
    NotAvailable
        If our estimator's file or class does not exist.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be >= 1, got {repeat}")
    kwargs = {} if root is None else {"root": root}
    make = {"ours": lambda: entry.make_ours(**kwargs), "reference": entry.make_reference}
    X, y = entry.make_data(n, entry.d, np.random.default_rng(seed))
    # Warm-up on a few rows, untimed: the first call pays one-off costs (lazy
    # imports, BLAS thread start-up) that are not what we want to measure.
    m = min(n, _WARMUP_ROWS)
    for side in make:
        _apply(make[side]().fit(X[:m], y[:m]))(X[:m])
    fit_times = {side: [] for side in make}
    predict_times = {side: [] for side in make}
    for _ in range(repeat):
        for side in make:
            estimator = make[side]()
            t_fit, _ = _timed(estimator.fit, X, y)
            t_predict, _ = _timed(_apply(estimator), X)
            fit_times[side].append(t_fit)
            predict_times[side].append(t_predict)
    med = statistics.median
    return Result(entry.name, n, entry.d, med(fit_times["ours"]), med(fit_times["reference"]),
                  med(predict_times["ours"]), med(predict_times["reference"]))


def _ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:.0f}"


def _ratio(ours, reference):
    return f"{ours / reference:.2f}" if reference > 0 else "inf"


def format_table(results):
    """Return the results as a markdown table (one row per entry and size)."""
    header = ["estimator", "n", "d", "fit ours (ms)", "fit sklearn (ms)", "fit ratio",
              "predict ours (ms)", "predict sklearn (ms)", "predict ratio"]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join([":---"] + ["---:"] * (len(header) - 1)) + "|"]
    for r in results:
        cells = [r.name, str(r.n), str(r.d), _ms(r.fit_ours), _ms(r.fit_reference),
                 _ratio(r.fit_ours, r.fit_reference), _ms(r.predict_ours),
                 _ms(r.predict_reference), _ratio(r.predict_ours, r.predict_reference)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(entries=None, sizes=None, repeat=5, seed=0, log=sys.stderr):
    """Time every entry at every size; return ``(results, skipped, failed)``.

    ``sizes`` overrides each entry's own sizes. An entry whose implementation does
    not exist yet is skipped; one whose fit or predict raises is reported as
    failed. ``skipped`` and ``failed`` hold one message per entry, also written to
    ``log`` as they happen, with the progress.
    """
    entries = ENTRIES if entries is None else entries
    results, skipped, failed = [], [], []
    for entry in entries:
        for n in (entry.sizes if sizes is None else sizes):
            print(f"timing {entry.name} at n={n}, d={entry.d} ...", file=log, flush=True)
            try:
                # Fixed-work runs (e.g. 5 epochs of an MLP) make scikit-learn warn that it
                # did not converge; that is intended here, so keep the output readable.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    results.append(time_entry(entry, n, repeat=repeat, seed=seed))
            except NotAvailable as e:
                skipped.append(f"skipped {entry.name}: {e}")
                print(skipped[-1], file=log, flush=True)
                break
            except Exception as e:  # report it and go on with the other estimators
                failed.append(f"failed {entry.name} at n={n}: {type(e).__name__}: {e}")
                print(failed[-1], file=log, flush=True)
                break
    return results, skipped, failed
