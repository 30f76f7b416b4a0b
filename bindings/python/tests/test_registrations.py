"""The shared vectors of tests/vectors/registrations.json (returns, challenges, municipality of
residence) and the CTI results golden file (seed 004's headline figures), through Python."""

import json
import pathlib

import pytest

import overgang
from conftest import load, same

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = load("registrations.json")["cases"]


def shown(table):
    """A table with only its rows that are not 0 (a municipality table has 98 rows)."""
    if table is None:
        return None
    return {"n": table["n"], "rows": [r for r in table["rows"] if r["count"] != 0]}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_registrations(case):
    cohort = overgang.Cohort.from_json(json.dumps(case["cohort"]))
    r = cohort.report(**case["options"])
    e = case["expected"]
    assert same(r["participation"], e["participation"])
    assert same(shown(r.get("challenges")), e["challenges"])
    assert same(shown(r.get("municipalities")), e["municipalities"])


def test_cti_results_reproduce_seed_004():
    golden = ROOT / "tests" / "golden"
    cohort = overgang.Cohort.from_json((golden / "cti_results.cohort.json").read_text(encoding="utf-8"))
    cti = cohort.report(min_cell=0)["cti"]
    assert same(cti, json.loads((golden / "cti_results.cti.json").read_text(encoding="utf-8")))
    x = cti["results"]
    assert (x["risk_zone"]["start"]["percent"], x["risk_zone"]["end"]["percent"]) == (67, 33)
    assert (x["sold_sex_last_month"]["start"]["percent"], x["sold_sex_last_month"]["end"]["percent"]) == (50, 20)
    assert x["progression"]["moderate_or_large"]["percent"] == 91
