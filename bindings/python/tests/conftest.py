import json
import math
import pathlib

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

    return run
