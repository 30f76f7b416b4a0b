"""The pandas script an analyst would write, as a whole process: read the cohort document (or
the CSV files of a folder: participants, who5, gse, ten_step, interventions), build
DataFrames, compute the report's tables, print them as JSON (the baseline of
`bench_process.py`).

Usage: python benches/python/pandas_report_cli.py COHORT.json
       python benches/python/pandas_report_cli.py FOLDER_OF_CSV_FILES
       python benches/python/pandas_report_cli.py BOOK.xlsx   (a sheet each; needs openpyxl)
"""

import json
import os
import sys

import pandas as pd

from pandas_report import frames, tables


def csv_frames(folder=None, book=None):
    """The same long tables from the CSV files (or the sheets of a workbook, read with
    `read_excel`), and the latest date in them (the report date when none is given, as
    `overgang report` takes it)."""
    if book is not None:
        sheets = pd.read_excel(book, sheet_name=None)
        read = lambda name: sheets[name]  # noqa: E731
    else:
        read = lambda name: pd.read_csv(os.path.join(folder, f"{name}.csv"))  # noqa: E731
    people = read("participants")
    who5 = read("who5").rename(columns={f"item{k}": f"i{k}" for k in range(1, 6)})
    gse = read("gse").rename(columns={f"item{k}": f"i{k}" for k in range(1, 11)})
    ten = read("ten_step").melt(id_vars=["id", "date"], var_name="area", value_name="step").dropna(subset=["step"])
    interventions = read("interventions")[["id", "category"]]
    dates = [people["start"], people["end"].dropna(), who5["date"], gse["date"], ten["date"]]
    as_of = max(pd.to_datetime(d).max() for d in dates if len(d)).date().isoformat()
    return (people, who5, gse, ten, interventions), as_of


def main(path):
    if os.path.isdir(path):
        (people, who5, gse, ten, interventions), as_of = csv_frames(folder=path)
    elif path.endswith(".xlsx"):
        (people, who5, gse, ten, interventions), as_of = csv_frames(book=path)
    else:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        (people, who5, gse, ten, interventions), as_of = frames(doc), doc["as_of"]
    out = tables(people, who5, gse, ten, interventions, as_of)
    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
