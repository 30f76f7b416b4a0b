"""WHO-5 and GSE scoring of 1 000 000 rows: overgang against what analysts write today.

First table, float64 WHO-5, baselines measured in the same run, reported as ratios to (a):
  (a) numpy written as an analyst would, with the same validation (range, whole numbers,
      missing, band by np.select);
  (b) the same without validation (df[cols].sum(axis=1) * 4 and np.select);
  (c) a Python loop over overgang.score_who5 (timed on a subsample, extrapolated);
  (d) overgang.score_who5_array.

Second table, the goal of issue 13 (ratio <= 1.0): overgang's array functions on float64 and
int64 input against numpy code that validates nothing, measured in the same run:
  WHO-5: a.sum(axis=1) * 4 and np.select for the band;
  GSE: np.nanmean(a, axis=1), times 10 for the score (np.nanmean is np.mean for int64).
Every time is the best of 5; the threads the extension may use are those of the machine.

Usage: python benches/python/bench_who5.py [ROWS]
"""

import sys
import time

import numpy as np

import overgang

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
LOOP_SAMPLE = 20_000


def data(n, seed=7):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 6, size=(n, 5)).astype(np.float64)
    a[rng.random((n, 5)) < 0.01] = np.nan  # 1 % missing answers
    a[rng.random(n) < 0.001, 0] = 7  # a few out of range
    return a


def int_data(n, cols, lo, hi, seed=7):
    """Whole answers with a few out of range (int64 has no missing value)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(lo, hi + 1, size=(n, cols))
    a[rng.random(n) < 0.001, 0] = hi + 2
    return a


def gse_data(n, seed=7):
    a = int_data(n, 10, 1, 4, seed).astype(np.float64)
    a[np.random.default_rng(seed + 1).random((n, 10)) < 0.01] = np.nan  # 1 % missing answers
    return a


def numpy_validated(a):
    missing = np.isnan(a)
    valid_cells = missing | ((a >= 0) & (a <= 5) & (np.mod(a, 1) == 0))
    row_ok = valid_cells.all(axis=1) & ~missing.any(axis=1)
    raw = np.where(row_ok, np.nansum(a, axis=1), 0).astype(np.uint8)
    index = (raw.astype(np.uint16) * 4).astype(np.uint8)
    band = np.select([index <= 35, index <= 50], [0, 1], 2).astype(np.int8)
    band[~row_ok] = -1
    poor = row_ok & ((raw < 13) | (np.nanmin(np.where(missing, 9, a), axis=1) <= 1))
    likely = row_ok & (index <= 28)
    error = np.where(row_ok, 0, 1).astype(np.uint8)
    return raw, index, band, poor, likely, error


def numpy_unvalidated(a):
    index = a.sum(axis=1) * 4
    band = np.select([index <= 35, index <= 50], [0, 1], 2)
    return index, band


def gse_unvalidated(a):
    mean = np.nanmean(a, axis=1)
    return mean * 10, mean


def python_loop(a):
    out = []
    for row in a:
        try:
            out.append(overgang.score_who5([None if np.isnan(x) else x for x in row]).index)
        except overgang.ValidationError:
            out.append(None)
    return out


def best(fn, *args, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    a = data(ROWS)
    # The two must agree where numpy's validation is as strict as the core's.
    ours = overgang.score_who5_array(a)
    theirs = numpy_validated(a)
    ok = ours.error == 0
    assert np.array_equal(ok, theirs[5] == 0), "validity differs from the numpy baseline"
    assert np.array_equal(ours.index[ok], theirs[1][ok]) and np.array_equal(ours.band, theirs[2])
    t_a = best(numpy_validated, a)
    t_b = best(numpy_unvalidated, a)
    t_d = best(overgang.score_who5_array, a)
    t_c = best(python_loop, a[:LOOP_SAMPLE], repeat=1) * ROWS / LOOP_SAMPLE
    rows = [
        ("(a) numpy with validation (baseline)", t_a),
        ("(b) numpy without validation", t_b),
        ("(c) Python loop over score_who5 (extrapolated)", t_c),
        ("(d) overgang.score_who5_array", t_d),
    ]
    print(f"WHO-5, {ROWS:,} rows (best of 5)")
    print(f"| method | seconds | time / (a) |")
    print(f"| --- | ---: | ---: |")
    for name, t in rows:
        print(f"| {name} | {t:.3f} | {t / t_a:.2f} |")
    print()
    goal = goal_rows(a)
    print(f"Against numpy without validation, {ROWS:,} rows (best of 5; goal: ratio <= 1.0)")
    print("| scoring | input | numpy without validation (s) | overgang (s) | ratio |")
    print("| --- | --- | ---: | ---: | ---: |")
    for what, dtype, t_numpy, t_ours in goal:
        print(f"| {what} | {dtype} | {t_numpy:.4f} | {t_ours:.4f} | {t_ours / t_numpy:.2f} |")
    return rows, goal


def goal_rows(who5_float):
    inputs = [
        ("WHO-5", "float64", who5_float, numpy_unvalidated, overgang.score_who5_array),
        ("WHO-5", "int64", int_data(ROWS, 5, 0, 5), numpy_unvalidated, overgang.score_who5_array),
        ("GSE", "float64", gse_data(ROWS), gse_unvalidated, overgang.score_gse_array),
        ("GSE", "int64", int_data(ROWS, 10, 1, 4), gse_unvalidated, overgang.score_gse_array),
    ]
    out = []
    for what, dtype, a, theirs, ours in inputs:
        assert a.dtype == np.dtype(dtype) and a.flags["C_CONTIGUOUS"]
        # The baseline's figures where a row is valid, so both compute the same thing.
        r = ours(a)
        ok = r.error == 0
        expected = theirs(a)[0]
        got = r.index if what == "WHO-5" else r.score
        assert np.allclose(got[ok], expected[ok]), f"{what} {dtype} differs from the numpy baseline"
        out.append((what, dtype, best(theirs, a), best(ours, a)))
    return out


if __name__ == "__main__":
    main()
