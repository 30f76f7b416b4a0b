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
        for k, v in value.items():
            yield k
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
            if (t in SECRET_TEXTS and len(t) >= 4) or (len(t) >= 8 and not t.isdigit()):
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
