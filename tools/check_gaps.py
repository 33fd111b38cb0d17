"""Grade one chapter gap by gap (``make check CHAPTER=01`` does).

Run from the root of the course or of its student edition::

    python tools/check_gaps.py 01

runs the chapter's gap tests, ``test_gap_NN_<name>`` in ``NN_name/test_name.py``, one
line per gap in the order a student writes them:

- ``not started``: the test fails with the stub's ``NotImplementedError``;
- ``failing``: the test fails otherwise (its message says what is wrong);
- ``passing``.

Then it runs the chapter's whole test suite (unit tests only, not the notebook) and prints
a score: passing gaps out of all gaps, and whether the full suite passes. The exit status
is 0 only when every gap and the full suite pass, so a teacher can grade a submitted folder
with one command.
"""
import contextlib
import io
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path.cwd()


GAP_SECONDS = 120    # a gap test that runs longer is stopped: a gap that loops forever
SUITE_SECONDS = 600   # the chapter's whole test file


class GapTimeout(Exception):
    """A gap test ran past GAP_SECONDS."""


class Collect:
    """A pytest plugin that records each test's outcome: (passed, crash message, report).

    Where the system has alarms (not on Windows), a gap test is stopped after GAP_SECONDS,
    so that a gap that never returns (a loop whose step never shrinks) fails its test
    instead of hanging the grader.
    """

    def __init__(self):
        self.outcomes = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        if not hasattr(signal, "SIGALRM"):
            return (yield)

        def stop(signum, frame):
            raise GapTimeout(f"{item.name} ran for over {GAP_SECONDS} s: does the gap's code "
                             "loop forever?")

        previous = signal.signal(signal.SIGALRM, stop)
        signal.alarm(GAP_SECONDS)
        try:
            return (yield)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.failed:
            text = str(report.longrepr) if report.failed else ""
            crash = getattr(getattr(report.longrepr, "reprcrash", None), "message",
                            text.splitlines()[-1] if text else "")
            self.outcomes[report.nodeid] = (report.passed, crash if report.failed else "", text)


def run_gap_tests(test_file, quiet=False):
    """Run the gap tests of ``test_file`` in this process.

    Returns {test function: [(passed, crash message, report text), ...]}, one entry per case
    (a parametrised test has several). ``quiet`` hides pytest's own output.
    """
    collector = Collect()
    args = [str(test_file), "-q", "-p", "no:nbval", "-o", "addopts=--import-mode=importlib",
            "-p", "no:cacheprovider", "-k", "test_gap_", "--no-header", "-rN"]
    if quiet:
        with contextlib.redirect_stdout(io.StringIO()):
            pytest.main(args + ["--tb=no"], plugins=[collector])
    else:
        pytest.main(args + ["-s", "--tb=short"], plugins=[collector])
    by_name = {}
    for nodeid, outcome in sorted(collector.outcomes.items()):
        by_name.setdefault(nodeid.split("::")[-1].split("[")[0], []).append(outcome)
    return by_name


def grade(passed, crash, text):
    """One case's line in the grade: passing, not started (the stub) or failing."""
    return ("passing" if passed else
            "not started" if "NotImplementedError" in text else "failing")


# numpy.testing's boiler-plate lines; the line worth showing is the test's own message
NOISE = re.compile(r"^(AssertionError:?$|Not equal to tolerance|Arrays are not|Mismatch|"
                   r"Max absolute|Max relative|\(shapes|x:|y:|ACTUAL|DESIRED|assert |where |\+)")


def error_line(text):
    """The most telling line of a failure: the test's own message when it has one."""
    lines = [line[2:].strip() for line in text.splitlines() if line.startswith("E ")]
    lines = [line for line in lines if line]
    telling = [line for line in lines if not NOISE.match(line)]
    return (telling or lines or [""])[0]


def main(argv):
    if len(argv) != 1 or not re.fullmatch(r"\d\d", argv[0]):
        print("usage: python tools/check_gaps.py NN   (a chapter number, e.g. 01)")
        return 2
    folders = [p for p in ROOT.iterdir() if p.is_dir() and p.name.startswith(argv[0] + "_")]
    if not folders:
        print(f"no chapter folder {argv[0]}_* in {ROOT}")
        return 2
    chapter = folders[0]
    tests = chapter / f"test_{chapter.name[3:]}.py"
    # one line per gap: a parametrised gap test passes only if every case passes
    order = {"failing": 0, "not started": 1, "passing": 2}
    gaps = {}
    for name, cases in run_gap_tests(tests).items():
        worst = min(cases, key=lambda case: order[grade(*case)])
        gaps[name] = (grade(*worst), worst[2])
    print(f"\n{chapter.name}: {len(gaps)} gaps")
    for name, (status, text) in gaps.items():
        detail = f"  ({error_line(text)[:110]})" if status == "failing" else ""
        print(f"  {name:45s} {status}{detail}")
    passing = sum(status == "passing" for status, _ in gaps.values())
    try:
        full = subprocess.run([sys.executable, "-m", "pytest", "-q", str(tests), "-p",
                               "no:nbval", "-o", "addopts=--import-mode=importlib", "-p",
                               "no:cacheprovider"],
                              capture_output=True, text=True, timeout=SUITE_SECONDS)
        lines = full.stdout.strip().splitlines()
        summary, full_ok = (lines[-1] if lines else "no output"), full.returncode == 0
    except subprocess.TimeoutExpired:
        summary, full_ok = f"stopped after {SUITE_SECONDS} s (a gap that loops forever?)", False
    print(f"score: {passing}/{len(gaps)} gaps passing; full test suite: {summary}")
    return 0 if gaps and passing == len(gaps) and full_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
