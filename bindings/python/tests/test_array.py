"""Vectorised scoring: the same results as the scalar API on the shared vectors, per-row
errors instead of exceptions, NaN and masked values as missing, no copy of C-contiguous input,
the GIL released, and the pandas helper aligned on the index."""

import threading
import time

import numpy as np
import pandas as pd
import pytest

import overgang
import overgang.pandas
from conftest import load

WHO5 = [c for c in load("who5.json")["score"] if isinstance(c["items"], list) and len(c["items"]) == 5 and all(isinstance(x, (int, float)) or x is None for x in c["items"]) and not any(isinstance(x, bool) for x in c["items"])]
GSE = [c for c in load("gse.json")["score"] if len(c["items"]) == 10 and all(isinstance(x, (int, float)) or x is None for x in c["items"])]


def to_array(cases):
    return np.array([[np.nan if x is None else x for x in c["items"]] for c in cases], dtype=np.float64)


def test_who5_array_agrees_with_the_scalar_api_on_the_shared_vectors():
    r = overgang.score_who5_array(to_array(WHO5))
    for i, case in enumerate(WHO5):
        if "expected" in case:
            e = case["expected"]
            assert r.error[i] == 0, case["name"]
            assert (r.raw[i], r.index[i], overgang.WHO5_BANDS[r.band[i]]) == (e["raw"], e["index"], e["band"])
            assert (bool(r.poor_wellbeing[i]), bool(r.depression_test_advised[i]), bool(r.likely_depression[i])) == (e["poor_wellbeing"], e["depression_test_advised"], e["likely_depression"])
        else:
            assert overgang.ARRAY_ERROR_CODES[r.error[i]] == case["errors"][0]["code"], case["name"]
            assert r.band[i] == -1


def test_gse_array_agrees_with_the_scalar_api_on_the_shared_vectors():
    r = overgang.score_gse_array(to_array(GSE))
    for i, case in enumerate(GSE):
        if "expected" in case:
            assert r.error[i] == 0 and r.score[i] == pytest.approx(case["expected"]["score"], abs=1e-12)
            assert bool(r.imputed[i]) == case["expected"]["imputed"]
        else:
            assert overgang.ARRAY_ERROR_CODES[r.error[i]] in {e["code"] for e in case["errors"]}
            assert np.isnan(r.score[i])


def test_int_arrays_of_any_width_and_masked_values():
    a = np.array([[3, 4, 2, 3, 4]], dtype=np.int16)
    assert overgang.score_who5_array(a).index.tolist() == [64]
    m = np.ma.masked_array([[3, 4, 2, 3, 4]], mask=[[0, 1, 0, 0, 0]])
    assert overgang.ARRAY_ERROR_CODES[overgang.score_who5_array(m).error[0]] == "missing"


def test_wrong_shapes_and_types_raise_validation_error():
    for bad in [np.zeros((3, 4)), np.zeros(5), np.zeros((2, 5, 1)), np.array([["a"] * 5])]:
        with pytest.raises(overgang.ValidationError) as info:
            overgang.score_who5_array(bad)
        assert info.value.errors[0]["field"] == "items"


def test_one_bad_row_does_not_stop_the_batch():
    a = np.tile(np.array([3.0, 4, 2, 3, 4]), (1000, 1))
    a[500, 2] = 2.5
    r = overgang.score_who5_array(a)
    assert (r.error != 0).sum() == 1 and overgang.ARRAY_ERROR_CODES[r.error[500]] == "not_an_integer"


def test_no_copy_of_c_contiguous_float64_or_int64():
    # The helper that prepares the input returns the very same array when no conversion is needed.
    from overgang._array import _cells

    for dtype in (np.float64, np.int64):
        a = np.zeros((10, 5), dtype=dtype)
        assert _cells(a) is a
    f = np.zeros((10, 5), dtype=np.float64, order="F")
    assert _cells(f) is not f and _cells(f).flags["C_CONTIGUOUS"]


def test_the_gil_is_released_while_scoring():
    a = np.tile(np.array([3.0, 4, 2, 3, 4]), (2_000_000, 1))
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.01)
    start = time.perf_counter()
    overgang.score_who5_array(a)
    end = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    # With the GIL held, the other thread could not run at all during the call.
    assert end - start < 0.005 or len(during) >= 1


def test_pandas_helper_is_aligned_on_the_index():
    df = pd.DataFrame({"a": [3, 1, 3], "b": [4, 1, 9], "c": [2, None, 2], "d": [3, 1, 3], "e": [4, 1, 4]}, index=[10, 20, 30])
    out = overgang.pandas.score_who5(df, columns=list("abcde"))
    assert list(out.index) == [10, 20, 30]
    assert out.loc[10, "index"] == 64 and out.loc[10, "band"] == "no_immediate_risk"
    assert list(out["error"]) == ["valid", "missing", "out_of_range"]
    assert pd.isna(out.loc[20, "index"]) and list(out["band"].cat.categories) == ["high_risk", "risk", "no_immediate_risk"]


def test_pandas_gse():
    df = pd.DataFrame(np.full((2, 10), 3.0), index=["x", "y"], columns=[f"item{i}" for i in range(1, 11)])
    df.iloc[1, :4] = np.nan
    out = overgang.pandas.score_gse(df)
    assert out.loc["x", "score"] == 30.0 and list(out["error"]) == ["valid", "too_many_missing"]
