"""WHO-5 scoring of 1 000 000 rows: overgang against what analysts write today.

Baselines, measured in the same run, reported as ratios to (a):
  (a) numpy written as an analyst would, with the same validation (range, whole numbers,
      missing, band by np.select);
  (b) the same without validation (df[cols].sum(axis=1) * 4 and np.select);
  (c) a Python loop over overgang.score_who5 (timed on a subsample, extrapolated);
  (d) overgang.score_who5_array.

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
    return rows


if __name__ == "__main__":
    main()
