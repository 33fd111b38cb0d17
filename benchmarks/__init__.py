"""Time the course's estimators against scikit-learn's: ``python -m benchmarks``.

A tool, not a test: it prints a markdown table of median fit and predict times on
the same synthetic data, and their ratio (ours / scikit-learn, so below 1 means
ours is faster). The estimators are listed in ``benchmarks.registry.ENTRIES``;
the timing and the table are in ``benchmarks.runner``.
``python -m benchmarks.tree_memory`` measures the time and the peak memory of one large
decision-tree fit (chapter 04) against scikit-learn's.
``python -m benchmarks.house_prices_service`` measures chapter 10's prediction service:
single-prediction latency and predictions per second, in process and over HTTP.
"""
from benchmarks.registry import ENTRIES, Entry, NotAvailable, load_object
from benchmarks.runner import Result, format_table, run, time_entry

__all__ = ["ENTRIES", "Entry", "NotAvailable", "Result", "format_table", "load_object",
           "run", "time_entry"]
