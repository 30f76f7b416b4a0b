import json
import math
import pathlib
import re

import pytest

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "tests" / "vectors"


def load(name):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def same(a, b):
    """Equality with floats compared to 1e-12, as the Rust and JS suites do."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")


def case_texts(case):
    """Free-text inputs of a case (not its name or expectations), long enough to be distinctive."""
    out = []

    def walk(v):
        # snake_case ids are vocabulary (areas, phases), not personal text
        if isinstance(v, str) and len(v) >= 6 and not all(c.isdigit() or c == "-" for c in v) and not re.fullmatch(r"[a-z_]+", v):
            out.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    for k, v in case.items():
        if k not in ("name", "expected", "errors", "warnings", "expected_status"):
            walk(v)
    return out


@pytest.fixture
def check():
    import overgang

    def run(case, call):
        if "expected" in case:
            got = call()
            assert same(got, case["expected"]), (case["name"], got)
        else:
            with pytest.raises(overgang.ValidationError) as info:
                call()
            got = [{"field": e["field"], "code": e["code"]} for e in info.value.errors]
            assert got == case["errors"], case["name"]
            for e in info.value.errors:
                assert e["field"] in e["message"], e
                assert not CPR.search(e["message"]), e
                for text in case_texts(case):
                    assert text not in e["message"], (text, e)

    return run
