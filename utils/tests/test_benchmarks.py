"""Tests for the benchmarks tool (python -m benchmarks): timing, table, registry, CLI."""
import argparse
import io
import re
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import benchmarks.__main__ as cli
from benchmarks.registry import (ENTRIES, REPO_ROOT, Entry, NotAvailable, classification_data,
                                 load_object, regression_data)
from benchmarks.runner import Result, format_table, run, time_entry

# Two trivial estimators in one file; both append to the same log so that the
# order of the calls (ours and the reference interleaved) can be checked.
MODEL_SOURCE = textwrap.dedent("""
    import numpy as np

    LOG = []

    class _Mean:
        def fit(self, X, y):
            LOG.append((self.side, "fit", len(X)))
            self.mean_ = float(np.mean(y))
            return self

        def predict(self, X):
            LOG.append((self.side, "predict", len(X)))
            return np.full(len(X), self.mean_)

    class Ours(_Mean):
        side = "ours"

    class Reference(_Mean):
        side = "reference"

    class Broken:
        def fit(self, X, y):
            raise RuntimeError("boom")
""")


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "toy_models.py"
    path.write_text(MODEL_SOURCE)
    return path


def _entry(model_file, ours="Ours", name="Toy", sizes=(30,)):
    return Entry(name, f"{model_file}:{ours}", f"{model_file}:Reference", regression_data,
                 d=3, sizes=sizes)


def test_time_entry_interleaves_and_returns_medians(model_file):
    entry = _entry(model_file)
    result = time_entry(entry, 30, repeat=3)
    assert isinstance(result, Result)
    assert (result.name, result.n, result.d) == ("Toy", 30, 3)
    for t in (result.fit_ours, result.fit_reference, result.predict_ours,
              result.predict_reference):
        assert 0 < t < 1.0
    calls = sys.modules[load_object(f"{model_file}:Ours").__module__].LOG
    # one untimed warm-up of each, then ours, reference, ours, reference, ...
    one_round = [("ours", "fit", 30), ("ours", "predict", 30),
                 ("reference", "fit", 30), ("reference", "predict", 30)]
    assert calls == one_round * 4


def test_time_entry_relative_file_path_and_bad_repeat(model_file):
    entry = Entry("Toy", "toy_models.py:Ours", f"{model_file}:Reference", regression_data, d=2)
    result = time_entry(entry, 20, repeat=1, root=model_file.parent)
    assert result.n == 20 and result.fit_reference > 0
    with pytest.raises(ValueError, match="repeat must be >= 1"):
        time_entry(entry, 20, repeat=0, root=model_file.parent)


def test_format_table():
    results = [Result("LinearRegression", 1000, 50, 0.002, 0.004, 0.0001, 0.0002),
               Result("Ridge", 100000, 50, 2.5, 0.5, 0.0123, 0.0123)]
    lines = format_table(results).splitlines()
    assert lines[0] == ("| estimator | n | d | fit ours (ms) | fit sklearn (ms) | fit ratio | "
                        "predict ours (ms) | predict sklearn (ms) | predict ratio |")
    assert re.fullmatch(r"\|:---(\|---:){8}\|", lines[1])
    assert len(lines) == 4
    cells = [c.strip() for c in lines[2].strip("|").split("|")]
    assert cells == ["LinearRegression", "1000", "50", "2.00", "4.00", "0.50", "0.10", "0.20",
                     "0.50"]
    cells = [c.strip() for c in lines[3].strip("|").split("|")]
    assert cells == ["Ridge", "100000", "50", "2500", "500.0", "5.00", "12.3", "12.3", "1.00"]
    # no results: just the header
    assert len(format_table([]).splitlines()) == 2


def test_run_skips_missing_and_reports_failures(model_file):
    entries = [_entry(model_file, sizes=(20, 40)),
               Entry("Missing", "99_nothing/nothing.py:Nothing", "sklearn.dummy:DummyRegressor",
                     regression_data, d=2),
               _entry(model_file, ours="NoSuchClass", name="NoClass"),
               _entry(model_file, ours="Broken", name="Broken")]
    log = io.StringIO()
    results, skipped, failed = run(entries, repeat=1, log=log)
    assert [(r.name, r.n) for r in results] == [("Toy", 20), ("Toy", 40)]
    assert skipped == ["skipped Missing: 99_nothing/nothing.py does not exist yet",
                       f"skipped NoClass: {model_file} defines no NoSuchClass"]
    assert len(failed) == 1 and failed[0].startswith("failed Broken at n=30: RuntimeError: boom")
    text = log.getvalue()
    assert "timing Toy at n=40, d=3" in text and "skipped Missing" in text
    # sizes given to run override the entries' own
    results, _, _ = run(entries[:1], sizes=[10], repeat=1, log=io.StringIO())
    assert [r.n for r in results] == [10]


def test_load_object():
    assert load_object("sklearn.linear_model:Ridge").__name__ == "Ridge"
    with pytest.raises(ValueError, match="module:Name"):
        load_object("sklearn.linear_model.Ridge")
    with pytest.raises(NotAvailable, match="does not exist yet"):
        load_object("00_nothing/nothing.py:X")


def test_data_generators():
    rng = np.random.default_rng(0)
    X, y = regression_data(100, 4, rng)
    assert X.shape == (100, 4) and y.shape == (100,) and y.dtype == np.float64
    X, y = classification_data(100, 4, rng)
    assert X.shape == (100, 4) and set(np.unique(y)) == {0, 1}
    a = regression_data(10, 2, np.random.default_rng(1))
    b = regression_data(10, 2, np.random.default_rng(1))
    np.testing.assert_array_equal(a[0], b[0])


def test_registry_is_well_formed():
    names = [e.name for e in ENTRIES]
    assert len(names) == len(set(names))
    assert {"LinearRegression", "Ridge", "Lasso"} <= set(names)
    for e in ENTRIES:
        e.make_reference()  # scikit-learn's side always loads
        assert e.d >= 1 and all(n >= 1 for n in e.sizes)
        file_part = e.ours.rpartition(":")[0]
        # our side either has not landed yet (skipped) or loads with these kwargs
        if (REPO_ROOT / file_part).exists():
            e.make_ours()


def test_cli(monkeypatch, capsys, model_file):
    monkeypatch.setattr(cli, "ENTRIES", [_entry(model_file)])
    assert cli.main(["--sizes", "2e1", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| estimator | n | d |")
    assert "| Toy | 20 | 3 |" in out
    assert "ratio = ours / scikit-learn" in out
    assert cli.main(["--sizes", "20", "--repeat", "1", "--threads", "1", "--only", "toy"]) == 0
    assert "1 BLAS thread(s)" in capsys.readouterr().out
    assert cli.main(["--list"]) == 0
    assert "Toy:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["--only", "nonexistent"])
    assert "unknown estimator" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "--sizes" in capsys.readouterr().out


def test_cli_positive_int():
    assert cli._positive_int("1e3") == 1000
    assert cli._positive_int("250") == 250
    for bad in ["0", "-5", "1.5", "ten"]:
        with pytest.raises(argparse.ArgumentTypeError):
            cli._positive_int(bad)


def test_benchmarks_package_path():
    assert (REPO_ROOT / "benchmarks" / "registry.py").is_file()
    assert Path(cli.__file__).parent == REPO_ROOT / "benchmarks"
