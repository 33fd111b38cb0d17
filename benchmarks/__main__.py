"""Command line: ``python -m benchmarks [--sizes N ...] [--repeat R] [--only NAME]``."""
import argparse
import contextlib
import sys

from benchmarks.registry import ENTRIES
from benchmarks.runner import format_table, run


def _positive_int(text):
    # Accept 1000 as well as 1e3.
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_integer() or value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return int(value)


def main(argv=None):
    names = [e.name for e in ENTRIES]
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time each registered estimator against scikit-learn's on the same "
                    "synthetic data (fit and predict separately, median of the repeats, "
                    "ours and scikit-learn's interleaved) and print a markdown table. "
                    "ratio = ours / scikit-learn: below 1 means ours is faster.",
        epilog="Registered: " + ", ".join(names))
    parser.add_argument("--sizes", type=_positive_int, nargs="+", metavar="N",
                        help="numbers of samples, e.g. --sizes 1e3 1e4 "
                             "(default: each estimator's own, usually 1e3 1e4 1e5)")
    parser.add_argument("--repeat", type=_positive_int, default=5, metavar="R",
                        help="timed repeats per size; the median is reported (default: 5)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="time only this estimator (case-insensitive); may be repeated")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data (default: 0)")
    parser.add_argument("--threads", type=_positive_int, metavar="T",
                        help="limit BLAS/OpenMP threads for both sides (steadier timings on "
                             "a busy machine; default: no limit)")
    parser.add_argument("--list", action="store_true",
                        help="list the registered estimators and exit")
    args = parser.parse_args(argv)

    if args.list:
        for e in ENTRIES:
            print(f"{e.name}: {e.ours} vs {e.reference}, d={e.d}, sizes={list(e.sizes)}")
        return 0
    entries = ENTRIES
    if args.only:
        wanted = {name.lower() for name in args.only}
        unknown = wanted - {n.lower() for n in names}
        if unknown:
            parser.error(f"unknown estimator(s) {sorted(unknown)}; registered: {names}")
        entries = [e for e in ENTRIES if e.name.lower() in wanted]

    with contextlib.ExitStack() as stack:
        if args.threads is not None:
            # threadpoolctl comes with scikit-learn; it caps NumPy's BLAS as well.
            from threadpoolctl import threadpool_limits
            stack.enter_context(threadpool_limits(limits=args.threads))
        results, skipped, failed = run(entries, sizes=args.sizes, repeat=args.repeat,
                                       seed=args.seed)
    print(format_table(results))
    print()
    threads = "" if args.threads is None else f", {args.threads} BLAS thread(s)"
    print(f"Median of {args.repeat} repeats{threads}; ratio = ours / scikit-learn "
          "(below 1: ours is faster).")
    for message in skipped + failed:
        print(f"- {message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
