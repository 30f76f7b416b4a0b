"""The shared options vector: one reader in the core, the same defaults in every language."""

import json
import pathlib

import overgang
import pytest

CASES = json.loads((pathlib.Path(__file__).parents[3] / "tests/vectors/options.json").read_text())["options"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_options(case, check):
    check(case, lambda: overgang.report_options(**case["options"]))
