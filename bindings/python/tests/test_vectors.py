"""The shared vectors (tests/vectors/*.json), run through the Python binding."""

import pytest

import overgang
from conftest import load

WHO5 = load("who5.json")
GSE = load("gse.json")
QUESTIONNAIRE = load("questionnaire.json")


def ids(cases):
    return [c["name"] for c in cases]


@pytest.mark.parametrize("case", WHO5["score"], ids=ids(WHO5["score"]))
def test_who5_score(case, check):
    check(case, lambda: overgang.score_who5(case["items"]).to_dict())


@pytest.mark.parametrize("case", WHO5["change"], ids=ids(WHO5["change"]))
def test_who5_change(case, check):
    check(case, lambda: overgang.who5_change(case["before"], case["after"]))


@pytest.mark.parametrize("case", WHO5["band"], ids=ids(WHO5["band"]))
def test_who5_band(case, check):
    check(case, lambda: overgang.who5_band(case["index"]))


@pytest.mark.parametrize("case", GSE["score"], ids=ids(GSE["score"]))
def test_gse_score(case, check):
    check(case, lambda: overgang.score_gse(case["items"]).to_dict())


@pytest.mark.parametrize("case", QUESTIONNAIRE["questionnaire"], ids=ids(QUESTIONNAIRE["questionnaire"]))
def test_questionnaire(case, check):
    def call():
        q = overgang.questionnaire(case["id"], case["language"])
        return {
            "language": q["language"],
            "fallback": q["fallback"],
            "items": len(q["items"]),
            "answers": [a["value"] for a in q["answers"]],
            "first_item": q["items"][0],
            "first_answer_label": q["answers"][0]["label"],
            "min_answered": q["min_answered"],
        }

    check(case, call)


MESSAGES = load("messages.json")


@pytest.mark.parametrize("case", MESSAGES["errors"], ids=ids(MESSAGES["errors"]))
def test_error_message(case):
    assert overgang.error_message(case["error"], "da") == case["da"]
    assert overgang.error_message(case["error"], "en") == case["en"]


@pytest.mark.parametrize("case", MESSAGES["ids"], ids=ids(MESSAGES["ids"]))
def test_error_message_of_an_id(case):
    with pytest.raises(overgang.ValidationError) as info:
        overgang.validate_id(case["id"])
    error = info.value.errors[0]
    assert error["code"] == case["code"]
    assert overgang.error_message(error, "da") == case["da"]
    assert overgang.error_message(error) == case["da"]  # Danish by default
    assert overgang.error_message(error, "en") == case["en"]


def test_error_message_refuses_what_is_not_a_problem():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.error_message({"code": "no_such_code"}, "da")
    assert info.value.errors[0]["field"] == "error"
