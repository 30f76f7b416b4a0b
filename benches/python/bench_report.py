"""The cohort report on generated cohorts: overgang against the same tables in pandas
(participants, age bands, gender, participation, interventions, WHO-5 waves, paired change and
risk zone, GSE waves and paired change, ten-step development; the CTI table is left out).

Both start from data already in memory (overgang: a validated Cohort; pandas: DataFrames);
loading is reported separately. The two are checked to give the same numbers first.

Usage: python benches/python/bench_report.py [PARTICIPANTS ...]   (default 10000 100000)
"""

import json
import math
import sys
import time

import overgang
from pandas_report import frames, tables

SIZES = [int(x) for x in sys.argv[1:]] or [10_000, 100_000]


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def check_same(ours, theirs):
    assert ours["participants"]["count"] == theirs["count"]
    assert {r["band"]: (r["count"], r["percent"]) for r in ours["age_bands"]["rows"]} == theirs["age_bands"]
    assert {r["gender"]: r["count"] for r in ours["gender"]["rows"]} == theirs["gender"]
    p = ours["participation"]
    assert (p["n"], p["excluded_short"]) == theirs["participation"][:2] and math.isclose(p["mean_months"], theirs["participation"][2])
    assert [b["count"] for b in ours["interventions"]["by_count"]] == theirs["by_count"]
    assert {r["category"]: r["count"] for r in ours["interventions"]["by_category"] if r["count"]} == theirs["by_category"]
    waves = [(w["wave"], w["n"], w["mean_index"]) for w in ours["who5"]["waves"]]
    assert [(a, b) for a, b, _ in waves] == [(a, b) for a, b, _ in theirs["who5_waves"]]
    assert all(math.isclose(x[2], y[2]) for x, y in zip(waves, theirs["who5_waves"]))
    pairs = [(x["to_wave"], x["n"], x["mean_from"], x["mean_to"]) for x in ours["who5"]["paired"]]
    assert [p[:2] for p in pairs] == [p[:2] for p in theirs["who5_paired"]]
    rz = ours["who5"]["risk_zone"]
    assert (rz["n"], rz["first"]["count"], rz["latest"]["count"]) == theirs["risk_zone"]
    gw = [(w["wave"], w["n"]) for w in ours["gse"]["waves"]]
    assert gw == [(a, b) for a, b, _ in theirs["gse_waves"]]
    assert all(math.isclose(w["mean_score"], t[2]) for w, t in zip(ours["gse"]["waves"], theirs["gse_waves"]))
    assert {a["area"]: (a["n"], a["positive"]["count"]) for a in ours["ten_step"]["areas"] if a["n"]} == theirs["ten_step"]


def main():
    rows = []
    for n in SIZES:
        cohort = overgang.Cohort.generate(n, seed=3)
        doc = json.loads(cohort.to_json())
        as_of = cohort.report(min_cell=0)["as_of"]
        text = cohort.to_json()
        t_load_pd, (people, who5, gse, ten, interventions) = best(lambda: frames(json.loads(text)), repeat=1)
        t_load_og, _ = best(lambda: overgang.Cohort.from_json(text), repeat=1)
        ours = cohort.report(min_cell=0)
        theirs = tables(people, who5, gse, ten, interventions, as_of)
        check_same(ours, theirs)
        t_pd, _ = best(lambda: tables(people, who5, gse, ten, interventions, as_of))
        t_og, _ = best(lambda: cohort.report(min_cell=0))
        rows.append((n, t_pd, t_og, t_load_pd, t_load_og))
    print("Cohort report (best of 3; same numbers checked first)")
    print("| participants | pandas tables (baseline) s | overgang report s | speed-up | pandas json.loads + frames s | overgang from_json (parse + validate) s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, t_pd, t_og, l_pd, l_og in rows:
        print(f"| {n:,} | {t_pd:.3f} | {t_og:.3f} | {t_pd / t_og:.1f}x | {l_pd:.2f} | {l_og:.2f} |")
    return rows


if __name__ == "__main__":
    main()
