"""Time and peak memory of the spam pipeline on the whole SMS corpus, ours against scikit-learn.

``python -m benchmarks.sms_spam [--repeat 7]`` runs, on all 5,574 messages of the SMS Spam
Collection (``utils.data.load_sms_spam``), ``CountVectorizer().fit_transform`` followed by
``MultinomialNB().fit`` (chapter 06), and scikit-learn's same two steps:

- **time**: both pipelines in this one process, interleaved (ours, then scikit-learn's, for
  each repeat, after one warm-up run each), so that a busy spell of the machine hits both
  alike; the median of the repeats and their ratio are printed;
- **peak memory**: the peak of the memory allocated during one run, as traced by
  ``tracemalloc`` (Python objects and NumPy/SciPy array buffers, which both libraries use
  for the tokens, the vocabulary and the CSR matrix), each in a fresh subprocess so that
  neither run inherits the other's freed memory.

The target of issue 17 (chapter 06): within 2x scikit-learn's time and 3x its peak memory.
Like ``python -m benchmarks``, this is a tool, not a test.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

from benchmarks.registry import REPO_ROOT, load_object

PIPELINES = {
    "ours": ("06_naive_bayes/naive_bayes.py:CountVectorizer",
             "06_naive_bayes/naive_bayes.py:MultinomialNB"),
    "scikit-learn": ("sklearn.feature_extraction.text:CountVectorizer",
                     "sklearn.naive_bayes:MultinomialNB"),
}


def _pipeline(side):
    vectorizer, model = (load_object(spec) for spec in PIPELINES[side])

    def run(texts, labels):
        return model().fit(vectorizer().fit_transform(texts), labels)
    return run


def _data():
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from utils.data import load_sms_spam
    texts, labels = load_sms_spam(return_X_y=True)
    return list(texts), labels


def measure_memory(side):
    """In this process: run once and return the traced peak in MB."""
    import tracemalloc

    texts, labels = _data()
    run = _pipeline(side)
    run(texts[:50], labels[:50])  # imports and first-call caches out of the measurement
    tracemalloc.start()
    run(texts, labels)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def measure_time(repeat):
    """Interleaved runs in this process: {side: median seconds}."""
    texts, labels = _data()
    runs = {side: _pipeline(side) for side in PIPELINES}
    times = {side: [] for side in PIPELINES}
    for side, run in runs.items():
        run(texts, labels)  # warm-up
    for _ in range(repeat):
        for side, run in runs.items():
            start = time.perf_counter()
            run(texts, labels)
            times[side].append(time.perf_counter() - start)
    return {side: statistics.median(t) for side, t in times.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sms_spam",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per side")
    parser.add_argument("--memory-of", choices=list(PIPELINES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_of:  # the child process of the memory measurement
        print(json.dumps(measure_memory(args.memory_of)))
        return 0
    seconds = measure_time(args.repeat)
    peaks = {}
    for side in PIPELINES:
        out = subprocess.run([sys.executable, "-m", "benchmarks.sms_spam", "--memory-of", side],
                             cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        peaks[side] = json.loads(out.stdout.strip().splitlines()[-1])
    print("CountVectorizer + MultinomialNB on the whole SMS Spam Collection (5,574 messages)")
    print(f"{'':14s}{'time (ms)':>12s}{'peak (MB)':>12s}")
    for side in PIPELINES:
        print(f"{side:14s}{seconds[side] * 1e3:12.0f}{peaks[side]:12.1f}")
    t_ratio = seconds["ours"] / seconds["scikit-learn"]
    m_ratio = peaks["ours"] / peaks["scikit-learn"]
    met = "met" if t_ratio <= 2 and m_ratio <= 3 else "NOT met"
    print(f"{'ratio':14s}{t_ratio:12.2f}{m_ratio:12.2f}   "
          f"(targets: time <= 2, memory <= 3: {met})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
