"""The pandas script an analyst would write, as a whole process: read the cohort document,
build DataFrames, compute the report's tables, print them as JSON (the baseline of
`bench_process.py`).

Usage: python benches/python/pandas_report_cli.py COHORT.json
"""

import json
import sys

from pandas_report import frames, tables


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    people, who5, gse, ten, interventions = frames(doc)
    out = tables(people, who5, gse, ten, interventions, doc["as_of"])
    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
