"""The shared privacy vectors: keys, names and CPR numbers anywhere in a document are refused
and never repeated."""

import json
import pathlib

import overgang
import pytest

V = json.loads((pathlib.Path(__file__).parents[3] / "tests/vectors/privacy.json").read_text())


@pytest.mark.parametrize("case", V["documents"], ids=[c["name"] for c in V["documents"]])
def test_documents(case, check):
    check(case, lambda: overgang.Cohort.from_json(case["document"]))
    try:
        overgang.Cohort.from_json(case["document"])
    except overgang.ValidationError as e:
        shown = str(e) + repr(e.errors)
        assert not any(s in shown for s in V["secret"]), shown
