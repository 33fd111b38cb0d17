"""Settings that must hold wherever pytest is started (the root, a chapter folder, ...)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # nbval reads its sanitize file relative to the current directory; give it the
    # absolute path so that `cd 05_svm && python -m pytest` finds it too.
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:  # (absent: -p no:nbval)
        config.option.nbval_sanitize_with = str(ROOT / "nbval_sanitize.cfg")
