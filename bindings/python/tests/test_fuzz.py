"""Property-based fuzzing of every exported function through the real binding (Hypothesis).

Each call either returns a result the core accepts, or raises the documented
``overgang.ValidationError``: never a PanicException, a TypeError from the binding, or a crash.
Error messages never contain CPR-shaped numbers or the free text that was given.

Runs a bounded number of examples by default; ``scripts/fuzz`` sets OVERGANG_FUZZ_EXAMPLES for
a long run.
"""

import math
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import overgang

EXAMPLES = int(os.environ.get("OVERGANG_FUZZ_EXAMPLES", "150"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")
SECRET_TEXTS = ["010190-1234", "Maria Jensen", "0101901234", "AAR 010190 1234", "\ud800", "x" * 10_000]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(SECRET_TEXTS),
    st.binary(max_size=10),
)
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=12),
        st.dictionaries(st.text(max_size=8), children, max_size=6),
        st.tuples(children, children),
    ),
    max_leaves=40,
)
near_valid_who5 = st.lists(st.one_of(st.integers(0, 5), scalars), min_size=4, max_size=6)
near_valid_gse = st.lists(st.one_of(st.integers(1, 4), st.none(), scalars), min_size=9, max_size=11)


def texts_in(value):
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from texts_in(v)
    elif isinstance(value, dict):
        # Keys are field names: they may appear in paths when they look like one (the core
        # replaces any other key by "?"); the CPR scan still covers them.
        for v in value.values():
            yield from texts_in(v)


def check_error(err, given_values):
    assert isinstance(err, overgang.ValidationError)
    assert err.errors, "a ValidationError always lists its problems"
    messages = [str(err)] + [e["message"] for e in err.errors] + [e["field"] for e in err.errors]
    for m in messages:
        assert not CPR.search(m), f"CPR-shaped number in an error message: {m!r}"
        for t in texts_in(given_values):
            # The sentinel secrets always; other generated text when long enough that finding
            # it in a message cannot be a coincidence with the message's own words.
            # (lowercase ids such as "age_band" are the library's own vocabulary, named in rules)
            if (t in SECRET_TEXTS and len(t) >= 4) or (len(t) >= 8 and not t.isdigit() and not re.fullmatch(r"[a-z0-9_+-]+", t)):
                assert t not in m, f"free text echoed in an error message: {m!r}"
    for e in err.errors:
        assert e["code"] in overgang.ERROR_CODES


def call(fn, *args):
    try:
        return fn(*args), None
    except overgang.ValidationError as e:
        check_error(e, list(args))
        return None, e


@fuzz
@given(st.one_of(json_like, near_valid_who5))
def test_score_who5_never_crashes(value):
    s, _ = call(overgang.score_who5, value)
    if s is not None:
        assert 0 <= s.raw <= 25 and s.index == 4 * s.raw
        assert s.band == overgang.who5_band(s.index)


@fuzz
@given(st.one_of(json_like, near_valid_gse))
def test_score_gse_never_crashes(value):
    s, _ = call(overgang.score_gse, value)
    if s is not None:
        assert 10.0 <= s.score <= 40.0 and 7 <= s.answered <= 10
        assert math.isclose(s.score, s.mean * 10)


@fuzz
@given(json_like, json_like)
def test_who5_change_never_crashes(before, after):
    c, _ = call(overgang.who5_change, before, after)
    assert c in (None, "improved", "worsened", "no_significant_change")


@fuzz
@given(json_like)
def test_who5_band_never_crashes(value):
    call(overgang.who5_band, value)


@fuzz
@given(json_like, json_like)
def test_questionnaire_never_crashes(id_, language):
    try:
        q = overgang.questionnaire(id_, language)
    except overgang.ValidationError as e:
        check_error(e, [id_])
    else:
        assert q["language"] in ("da", "en")


# --- The domain model, documents and the report ---------------------------------------------

VALID_PARTICIPANT = {"id": "AAR-0001", "gender": "woman", "age": 34, "start": "2024-01-15", "end": "2024-06-01", "interventions": [{"category": "counselling"}], "other_referrals": ["addiction treatment"]}
VALID_COURSE = {"contact_start": "2024-09-15", "phase1_start": "2024-10-31", "phase_months": 4, "phases": [{"phase": "contact", "date": "2024-09-15"}], "focus_areas": {"planning": ["economy"]}}


@st.composite
def mutated(draw, doc):
    """A valid document with one field replaced by an arbitrary value (or removed, or added)."""
    doc = dict(doc)
    key = draw(st.sampled_from(sorted(doc) + ["extra_key"]))
    if draw(st.booleans()) and key in doc:
        del doc[key]
    else:
        doc[key] = draw(json_like)
    return doc


def cohort_of(p):
    return {"project": "Fuzz", "participants": [p, dict(VALID_PARTICIPANT, id="AAR-0002", who5=[{"date": "2024-02-01", "items": [1, 2, 3, 4, 5]}])]}


ONE_ARG = [
    overgang.validate_id,
    overgang.age_band,
    overgang.participant.from_json,
    overgang.participant.to_json,
    overgang.ten_step.stage,
    overgang.ten_step.dimensions,
    overgang.ten_step.development,
    overgang.ten_step.assessment_from_json,
    overgang.outcomes.stage,
    overgang.cti.course_from_json,
    overgang.cti.Course.from_json,
]


@fuzz
@given(st.sampled_from(ONE_ARG), st.one_of(json_like, mutated(VALID_PARTICIPANT), mutated(VALID_COURSE)))
def test_one_argument_functions_never_crash(fn, value):
    call(fn, value)


@fuzz
@given(json_like, json_like, json_like)
def test_multi_argument_functions_never_crash(a, b, c):
    call(overgang.pseudonym, a if isinstance(a, (str, bytes)) else "k", b if isinstance(b, str) else "x", c if isinstance(c, str) else "P")
    call(overgang.outcomes.distance, a, b)
    call(overgang.cti.Course, a, b, c)
    call(overgang.options, a if isinstance(a, str) else "genders", b if isinstance(b, str) else None)


@fuzz
@given(st.one_of(mutated(VALID_PARTICIPANT).map(cohort_of), json_like.map(lambda v: {"project": "x", "participants": [v]}), json_like))
def test_cohort_from_json_never_crashes(doc):
    import json

    try:
        text = json.dumps(doc)
    except (TypeError, ValueError):
        return
    c, _ = call(overgang.Cohort.from_json, text)
    if c is not None:
        r = c.report()
        assert r["participants"]["count"] == len(c)


@fuzz
@given(st.lists(st.lists(st.one_of(st.floats(), st.integers(-10, 10).map(float)), min_size=5, max_size=5), max_size=30))
def test_score_who5_array_never_crashes(rows):
    import numpy as np

    a = np.array(rows, dtype=np.float64).reshape(-1, 5)
    r, _ = call(overgang.score_who5_array, a)
    if r is not None:
        assert len(r.error) == len(rows)
        for i, row in enumerate(rows):
            try:
                s = overgang.score_who5(row)
            except overgang.ValidationError:
                assert r.error[i] != 0
            else:
                assert r.error[i] == 0 and r.index[i] == s.index
