"""The Python API as analysts use it: attribute access, types, errors."""

import doctest
import pickle

import pytest

import overgang


def test_who5_attributes_and_band_compares_to_string():
    s = overgang.score_who5([3, 4, 2, 3, 4])
    assert (s.raw, s.index) == (16, 64)
    assert s.band == "no_immediate_risk"
    assert s.poor_wellbeing is False and s.likely_depression is False
    assert "Who5Score(raw=16" in repr(s)
    assert overgang.score_who5((2, 2, 2, 2, 1)).band == "risk"


def test_gse_attributes():
    s = overgang.score_gse([3, 3, None, 2, 4, 3, None, 3, 2, 3])
    assert (s.score, s.mean, s.answered, s.imputed) == (28.75, 2.875, 8, True)


def test_validation_error_is_value_error_with_every_problem():
    with pytest.raises(ValueError) as info:
        overgang.score_who5([None, 9, "x", 2.5, True])
    err = info.value
    assert isinstance(err, overgang.ValidationError)
    assert [e["code"] for e in err.errors] == ["missing", "out_of_range", "not_a_number", "not_an_integer", "not_a_number"]
    assert "item2: 9 is out of range; answers are whole numbers from 0 to 5" in str(err)


def test_text_answers_are_not_echoed():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.score_who5(["010190-1234", 1, 1, 1, 1])
    assert "010190" not in str(info.value)
    assert "010190" not in repr(info.value.errors)


def test_generators_and_numpy_like_scalars_are_accepted():
    class Index:
        def __init__(self, v):
            self.v = v

        def __index__(self):
            return self.v

    assert overgang.score_who5(Index(v) for v in [3, 4, 2, 3, 4]).index == 64


def test_unbounded_python_ints_are_out_of_range_not_overflow():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.score_who5([10**40, 1, 1, 1, 1])
    assert info.value.errors[0]["code"] == "out_of_range"


def test_validation_error_pickles_with_its_errors():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.score_gse([1] * 9)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.errors == info.value.errors


def test_questionnaire_dict_shape():
    q = overgang.questionnaire("who5", "da")
    assert q["id"] == "who5" and q["language"] == "da"
    assert q["answers"][0] == {"value": 5, "label": "Hele tiden"}
    assert all(isinstance(i, str) for i in q["items"])


def test_every_error_code_is_documented_in_the_stub():
    # A new code in the core must be listed for Python users: ERROR_CODES comes from the core.
    assert set(overgang.ERROR_CODES) >= {"missing", "out_of_range", "wrong_length", "not_a_number", "not_an_integer", "not_a_list", "too_many_missing", "unknown_value"}
    assert len(set(overgang.ERROR_CODES)) == len(overgang.ERROR_CODES)


import overgang.pandas  # noqa: E402


@pytest.mark.parametrize(
    "module",
    [overgang, overgang._errors, overgang._array, overgang.cti, overgang.ten_step, overgang.outcomes, overgang.participant, overgang.pandas],
    ids=lambda m: m.__name__,
)
def test_docstring_examples_run(module):
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0


def test_pseudonym_keys_random_and_never_weak():
    key = overgang.new_pseudonym_key()
    assert len(key) == 32 and key != overgang.new_pseudonym_key()
    assert overgang.pseudonym(key, "journal 17", "AAR").startswith("AAR-")
    with pytest.raises(overgang.ValidationError) as info:
        overgang.pseudonym(b"abc", "010190-1234", "AAR")
    assert info.value.errors[0]["code"] == "weak_key"
    assert "010190" not in str(info.value)


def test_cohort_from_json_takes_text_bytes_and_dicts():
    text = overgang.Cohort.sample().to_json()
    import json

    for doc in (text, text.encode(), json.loads(text)):
        assert len(overgang.Cohort.from_json(doc)) == 80


def test_unknown_keys_are_never_echoed():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_json({"project": "P", "participants": [], "010190-1234 Maria Jensen": 1})
    assert "Maria" not in str(info.value) and "010190" not in str(info.value)
    assert info.value.errors[0]["code"] == "unknown_field"


def test_errors_carry_context():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.score_who5([3, 4, 9, 3, 4])
    assert info.value.errors[0]["context"] == {"min": 0, "max": 5}


@pytest.mark.parametrize("hostile", [range(2**62), range(2**64), iter(range(10**9))])
def test_huge_sequences_are_refused_by_length_before_reading(hostile):
    with pytest.raises(overgang.ValidationError) as info:
        overgang.score_who5(hostile)
    assert info.value.errors[0]["code"] == "too_long"


@pytest.mark.parametrize("bad", [2**63, -1, "5", 1.5, None])
def test_generate_validates_its_argument(bad):
    with pytest.raises(overgang.ValidationError):
        overgang.Cohort.generate(bad)


def test_duplicate_keys_and_a_byte_order_mark():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_json('{"project": "A", "project": "B", "participants": []}')
    assert info.value.errors[0]["code"] == "duplicate"
    assert len(overgang.Cohort.from_json('\ufeff{"project": "A", "participants": []}')) == 0
