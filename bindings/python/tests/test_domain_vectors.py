"""The domain-model vectors (participant, ten_step, outcomes, cti), through the Python binding."""

import pytest

import overgang
from conftest import load

P, T, O, C = (load(f"{n}.json") for n in ("participant", "ten_step", "outcomes", "cti"))


def ids(cases):
    return [c["name"] for c in cases]


def iso(schedule):
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in p.items()} for p in schedule]


@pytest.mark.parametrize("case", P["validate_id"], ids=ids(P["validate_id"]))
def test_validate_id(case, check):
    check(case, lambda: overgang.validate_id(case["input"]))


@pytest.mark.parametrize("case", P["age_band"], ids=ids(P["age_band"]))
def test_age_band(case, check):
    check(case, lambda: overgang.age_band(case["age"]))


@pytest.mark.parametrize("case", P["pseudonym"], ids=ids(P["pseudonym"]))
def test_pseudonym(case, check):
    check(case, lambda: overgang.pseudonym(case["key"], case["local_id"], case["prefix"]))


@pytest.mark.parametrize("case", P["participant"], ids=ids(P["participant"]))
def test_participant(case, check):
    check(case, lambda: overgang.participant.from_json(case["document"]))


@pytest.mark.parametrize("case", T["stage"], ids=ids(T["stage"]))
def test_ten_step_stage(case, check):
    check(case, lambda: overgang.ten_step.stage(case["step"]))


@pytest.mark.parametrize("case", T["dimensions"], ids=ids(T["dimensions"]))
def test_ten_step_dimensions(case, check):
    check(case, lambda: overgang.ten_step.dimensions(case["ratings"], case.get("mapping")))


@pytest.mark.parametrize("case", T["development"], ids=ids(T["development"]))
def test_ten_step_development(case, check):
    check(case, lambda: overgang.ten_step.development(case["assessments"]))


@pytest.mark.parametrize("case", O["stage"], ids=ids(O["stage"]))
def test_outcome_stage(case, check):
    check(case, lambda: overgang.outcomes.stage(case["rating"]))


@pytest.mark.parametrize("case", O["distance"], ids=ids(O["distance"]))
def test_outcome_distance(case, check):
    check(case, lambda: overgang.outcomes.distance(case["first"], case["latest"]))


@pytest.mark.parametrize("case", C["schedule"], ids=ids(C["schedule"]))
def test_cti_schedule(case, check):
    check(case, lambda: iso(overgang.cti.Course.from_json(case["course"]).schedule()))


@pytest.mark.parametrize("case", C["phase_on"], ids=ids(C["phase_on"]))
def test_cti_phase_on(case, check):
    c = case["course"]
    course = overgang.cti.Course(c["contact_start"], c["phase1_start"], c["phase_months"])
    check(case, lambda: course.phase_on(case["date"]))


@pytest.mark.parametrize("case", C["recorded"], ids=ids(C["recorded"]))
def test_cti_recorded(case, check):
    if "errors" in case:
        check(case, lambda: overgang.cti.course_from_json(case["document"]))
    else:
        got = overgang.cti.course_from_json(case["document"], status_on=case["status_on"])
        assert got["status"]["status"] == case["expected_status"]
        assert [w["code"] for w in got["warnings"]] == case["warnings"]


def test_documents_round_trip_through_from_json():
    a = overgang.ten_step.assessment_from_json({"date": "2025-01-01", "ratings": {"economy": 4}})
    assert a == {"date": "2025-01-01", "ratings": {"economy": 4}}
    r = overgang.outcomes.reading_from_json('{"date": "2025-01-01", "ratings": {"money": 3}}')
    assert r == {"date": "2025-01-01", "ratings": {"money": 3}}
    with pytest.raises(overgang.ValidationError) as info:
        overgang.outcomes.reading_from_json({"date": "2025-01-01", "ratings": {"money": 0}})
    assert info.value.errors[0]["field"] == "ratings.money"
