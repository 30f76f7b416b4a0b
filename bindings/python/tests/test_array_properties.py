"""The array API gives, row by row, what the scalar API gives (Hypothesis): the same scores,
bands and flags for valid rows, and for a bad row the error number of its first wrong answer
(before a missing one), on float64 rows with NaN, infinities, negative zero, fractions and
numbers off the scale, and on int64 rows with any 64-bit integer. The batch has a fast path for
rows of whole answers on the scale and a careful path for the rest; both are exercised."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import overgang

checks = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EDGE_FLOATS = [math.nan, math.inf, -math.inf, -0.0, 0.0, -1.0, 6.0, 255.0, 256.0, 255.5, -255.0, 0.5,
               4.999999999999999, 5.000000000000001, 1e300, -1e300, 5e-324, 2.0**53, 2.0**63]


def float_cells(lo, hi):
    return st.one_of(
        st.integers(lo, hi).map(float),
        st.integers(lo, hi).map(float),  # twice: most rows should be valid, as in real data
        st.sampled_from(EDGE_FLOATS),
        st.floats(allow_nan=True, allow_infinity=True),
    )


def int_cells(lo, hi):
    return st.one_of(
        st.integers(lo, hi),
        st.integers(lo, hi),
        st.sampled_from([-1, hi + 1, 255, 256, -256, 2**32, -(2**63), 2**63 - 1]),
        st.integers(-(2**63), 2**63 - 1),
    )


def rows_of(cells, cols, dtype):
    return st.lists(st.lists(cells, min_size=cols, max_size=cols), min_size=1, max_size=40).map(
        lambda rows: np.array(rows, dtype=dtype)
    )


def expected_error(errors):
    """The array's error code of a row the scalar API refuses: its first wrong answer, else
    too_many_missing (GSE), else missing."""
    codes = [e["code"] for e in errors]
    wrong = [c for c in codes if c not in ("missing", "too_many_missing")]
    if wrong:
        return wrong[0]
    return "too_many_missing" if "too_many_missing" in codes else "missing"


def scalar(score, row):
    """The scalar API on one row of the array (NaN is a missing answer, None): its result and
    the code the array should give the row."""
    cells = [None if isinstance(x, float) and math.isnan(x) else x for x in row.tolist()]
    try:
        return score(cells), "valid"
    except overgang.ValidationError as e:
        return None, expected_error(e.errors)


def who5_row(r, i):
    return (int(r.raw[i]), int(r.index[i]), overgang.WHO5_BANDS.get(int(r.band[i]), int(r.band[i])),
            bool(r.poor_wellbeing[i]), bool(r.depression_test_advised[i]), bool(r.likely_depression[i]))


def who5_expected(s):
    if s is None:
        return (0, 0, -1, False, False, False)
    return (s.raw, s.index, s.band, s.poor_wellbeing, s.depression_test_advised, s.likely_depression)


def nan_as_none(x):
    return None if math.isnan(x) else float(x)


def gse_row(r, i):
    return (nan_as_none(r.score[i]), nan_as_none(r.mean[i]), int(r.answered[i]), bool(r.imputed[i]))


def gse_expected(s):
    # Identical, not close: the same arithmetic in the same order.
    return (None, None, 0, False) if s is None else (s.score, s.mean, s.answered, s.imputed)


def check(a, score_array, score, row_of, expected):
    r = score_array(a)
    assert len(r.error) == len(a)
    for i, row in enumerate(a):
        s, code = scalar(score, row)
        assert (overgang.ARRAY_ERROR_CODES[r.error[i]], row_of(r, i)) == (code, expected(s)), row


WHO5 = (overgang.score_who5_array, overgang.score_who5, who5_row, who5_expected)
GSE = (overgang.score_gse_array, overgang.score_gse, gse_row, gse_expected)


@pytest.mark.parametrize("instrument, rows", [
    pytest.param(WHO5, rows_of(float_cells(0, 5), 5, np.float64), id="who5-float64"),
    pytest.param(WHO5, rows_of(int_cells(0, 5), 5, np.int64), id="who5-int64"),
    pytest.param(GSE, rows_of(float_cells(1, 4), 10, np.float64), id="gse-float64"),
    pytest.param(GSE, rows_of(int_cells(1, 4), 10, np.int64), id="gse-int64"),
])
@checks
@given(data=st.data())
def test_array_rows_score_as_the_scalar_api(instrument, rows, data):
    check(data.draw(rows), *instrument)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(200_001, 200_050))
def test_large_batches_split_over_threads_score_each_row_as_a_small_batch(seed, n):
    # Above the batch's threshold for threads (100 000 rows a thread), parts are scored
    # separately and written in place; every row's result must be that of the row scored on
    # its own.
    cells = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, math.nan, 7.0, 2.5, -0.0])
    a = np.random.default_rng(seed).choice(cells, size=(n, 5), p=[0.14] * 6 + [0.04] * 4)
    big = overgang.score_who5_array(a)
    distinct, inverse = np.unique(a, axis=0, return_inverse=True)
    alone = overgang.score_who5_array(distinct)
    inverse = np.asarray(inverse).reshape(-1)
    for field in big._fields:
        assert np.array_equal(getattr(big, field), getattr(alone, field)[inverse]), field
