"""The shared outreach vectors (tests/vectors/outreach.json), through the Python API."""

import json
import pathlib

import overgang
import pytest

V = json.loads((pathlib.Path(__file__).parents[3] / "tests/vectors/outreach.json").read_text())


def ids(cases):
    return [c["name"] for c in cases]


@pytest.mark.parametrize("case", V["municipality"], ids=ids(V["municipality"]))
def test_municipality(case, check):
    check(case, lambda: overgang.outreach.municipality(case["input"]))


@pytest.mark.parametrize("case", V["venue_id"], ids=ids(V["venue_id"]))
def test_venue_id(case, check):
    check(case, lambda: overgang.outreach.validate_venue_id(case["input"]))


@pytest.mark.parametrize("case", V["country"], ids=ids(V["country"]))
def test_country(case, check):
    check(case, lambda: overgang.outreach.country(case["input"]))


@pytest.mark.parametrize("case", V["document"], ids=ids(V["document"]))
def test_document(case, check):
    check(case, lambda: overgang.outreach.from_json(case["document"]))


def pointer(doc, path):
    for part in path.strip("/").split("/"):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


@pytest.mark.parametrize("case", V["report"], ids=ids(V["report"]))
def test_report(case):
    report = overgang.Cohort.from_json(case["document"]).report(**case["options"])["outreach"]
    for path, expected in case["expected"].items():
        assert pointer(report, path) == expected, path
