"""Time and peak memory of one large decision-tree fit, ours against scikit-learn's.

``python -m benchmarks.tree_memory [--n 50000] [--d 100] [--classes 10]`` fits a fully
grown ``DecisionTreeClassifier`` (chapter 04) and scikit-learn's on the same data:

- **time**: both fits in this one process, interleaved (ours, then scikit-learn's, for
  each repeat), so that a busy spell of the machine hits both alike; the median of the
  repeats and their ratio are printed;
- **peak memory**: each fit again in a fresh subprocess (so that neither inherits the
  other's freed memory), measured two ways: the peak of the memory allocated during the
  fit as traced by ``tracemalloc`` (NumPy reports its array buffers to it; scikit-learn's
  Cython splitter allocates with ``malloc`` and is *not* fully traced), and the
  process's peak resident set size (``resource.getrusage``, Linux and macOS), which
  includes the interpreter, the imported libraries and the data.

The target of issue 17 (chapter 04): at n = 50,000, d = 100, K = 10, our fit peaks
under 400 MB and takes at most 3x scikit-learn's time. Like ``python -m benchmarks``,
this is a tool, not a test.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np

from benchmarks.registry import REPO_ROOT, load_object

OURS = "04_decision_tree/decision_tree.py:DecisionTreeClassifier"
REFERENCE = "sklearn.tree:DecisionTreeClassifier"


def multiclass_data(n, d, n_classes, rng):
    """``n_classes`` overlapping Gaussian classes: standard normal noise around class
    centres drawn with standard deviation 0.5 per feature (labels 0, ..., K - 1)."""
    y = rng.integers(0, n_classes, size=n)
    X = rng.standard_normal((n, d)) + 0.5 * rng.standard_normal((n_classes, d))[y]
    return X, y


def _make(side):
    cls = load_object(OURS if side == "ours" else REFERENCE)
    return cls() if side == "ours" else cls(random_state=0)


def measure_memory(side, n, d, n_classes, seed):
    """In this process: fit once and return (seconds, traced peak MB, max RSS MB)."""
    import resource
    import tracemalloc

    X, y = multiclass_data(n, d, n_classes, np.random.default_rng(seed))
    estimator = _make(side)
    tracemalloc.start()
    start = time.perf_counter()
    estimator.fit(X, y)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / 2**20 if sys.platform == "darwin" else rss / 2**10  # bytes vs KiB
    return seconds, peak / 2**20, rss_mb


def time_side_by_side(n, d, n_classes, seed, repeat):
    """Median fit times (seconds) of ours and scikit-learn's, interleaved in one process."""
    X, y = multiclass_data(n, d, n_classes, np.random.default_rng(seed))
    times = {"ours": [], "reference": []}
    nodes = {}
    for _ in range(repeat):
        for side in times:
            estimator = _make(side)
            start = time.perf_counter()
            estimator.fit(X, y)
            times[side].append(time.perf_counter() - start)
            nodes[side] = estimator.tree_.node_count
    return {side: statistics.median(t) for side, t in times.items()}, nodes


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tree_memory",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--d", type=int, default=100)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed repeats in one process; the median is reported")
    parser.add_argument("--child", choices=["ours", "reference"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # the subprocess of the memory measurement
        print(json.dumps(measure_memory(args.child, args.n, args.d, args.classes, args.seed)))
        return 0

    memory = {}
    for side in ("ours", "reference"):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.tree_memory", "--child", side, "--n",
             str(args.n), "--d", str(args.d), "--classes", str(args.classes), "--seed",
             str(args.seed)], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        memory[side] = json.loads(out.stdout.strip().splitlines()[-1])
    times, nodes = time_side_by_side(args.n, args.d, args.classes, args.seed, args.repeat)

    print(f"Fully grown DecisionTreeClassifier, n = {args.n}, d = {args.d}, "
          f"K = {args.classes} ({nodes['ours']} nodes ours, {nodes['reference']} "
          "scikit-learn's)")
    print("| | fit time, one process (s) | peak traced during fit (MB) | peak RSS (MB) |")
    print("|:---|---:|---:|---:|")
    for side, label in [("ours", "ours"), ("reference", "scikit-learn")]:
        print(f"| {label} | {times[side]:.1f} | {memory[side][1]:.0f} | "
              f"{memory[side][2]:.0f} |")
    print(f"\nfit time ratio ours / scikit-learn: {times['ours'] / times['reference']:.2f} "
          f"(median of {args.repeat} interleaved repeat(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
