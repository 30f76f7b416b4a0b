"""Builds the golden cohort fixtures from the published tables of the exit-package report
(seed 001; see shared/domain.md section 9). Run once; the output is committed and reviewed.

    python3 tests/golden/make_fixtures.py

Each fixture is a cohort document whose counts are exactly the published ones, so the report
computed from it (suppression off) must reproduce the published percentages, means and bins.
Everything not published (dates, answers) is chosen to be plain and is documented inline.
"""

import datetime as dt
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
START = dt.date(2021, 3, 1)

# WHO-5 answers giving a chosen index (index = 4 x sum): a few fixed patterns.
WHO5 = {
    28: [2, 2, 1, 1, 1],
    32: [2, 2, 2, 1, 1],
    36: [2, 2, 2, 2, 1],
    40: [2, 2, 2, 2, 2],
    44: [3, 2, 2, 2, 2],
    48: [3, 3, 2, 2, 2],
    52: [3, 3, 3, 2, 2],
    56: [3, 3, 3, 3, 2],
}


def day(n):
    return (START + dt.timedelta(days=n)).isoformat()


def ages(counts):
    """One age per person, inside each published band (18-25, 26-30, 31-35, 36-45, 45+)."""
    reps = [20, 28, 33, 40, 50]
    return [a for a, c in zip(reps, counts) for _ in range(c)]


def people(prefix, n):
    return [{"id": f"{prefix}-{i + 1:04d}", "start": START.isoformat()} for i in range(n)]


def who5_wave(ps, wave_indices, wave_no):
    """Adds to the first len(wave_indices) participants their measurement of this wave."""
    for p, index in zip(ps, wave_indices):
        p.setdefault("who5", []).append({"date": day(60 * (wave_no - 1)), "items": WHO5[index]})


def aarhus():
    ps = people("AAR", 78)
    # Table 5: age bands 18/16/6/11/8 of 59 known -> 31/27/10/19/14 %.
    for p, a in zip(ps, ages([18, 16, 6, 11, 8])):
        p["age"] = a
    # Table 6: 73 women, 4 men, 0 non-binary of 77 known -> 95/5/0 %; one unknown.
    for p, g in zip(ps, ["woman"] * 73 + ["man"] * 4):
        p["gender"] = g
    # Table 1 and footnote 3: 30 of 78 had under a day (left out); mean 9.9 months for the rest.
    for i, p in enumerate(ps):
        p["end"] = START.isoformat() if i >= 48 else day(301)  # 301 days = 9.89 months
    # WHO-5: wave 1 mean 36 (n 28) to wave 6 mean 46 (n 11): +10, significant.
    # 11 followed to wave 6: index 36 at wave 1, 44/48 at wave 6 (mean 46.2); waves 2-5 index 40.
    who5_wave(ps, [36] * 28, 1)
    for w in range(2, 6):
        who5_wave(ps, [40] * 11, w)
    who5_wave(ps, [44] * 5 + [48] * 6, 6)
    return {"project": "Aarhus (fixture from the exit-package report)", "as_of": "2023-12-31", "participants": ps}


def copenhagen():
    ps = people("KBH", 91)
    # Table 14: age bands 3/9/7/22/41 of 82 known.
    for p, a in zip(ps, ages([3, 9, 7, 22, 41])):
        p["age"] = a
    # Citizens with 0/1/2/3 interventions: 11/39/24/17; by category counselling 73,
    # education/employment 40, group therapy 25 (17 had all three; the rest is one split that
    # gives exactly those totals).
    c, e, g = "counselling", "education_employment", "group_therapy"
    plans = [[]] * 11 + [[c]] * 32 + [[g]] * 7 + [[c, e]] * 23 + [[c, g]] * 1 + [[c, e, g]] * 17
    for p, plan in zip(ps, plans):
        p["interventions"] = [{"category": x} for x in plan]
    # 3 referrals to anti-trafficking services.
    for p in ps[:3]:
        p["anti_trafficking_referral"] = True
    # WHO-5: wave 1 mean 45 (n 52) to wave 2 mean 54 (n 11): +9, not significant.
    # Wave 1: 26 at 44 and 26 at 48 would give 46; use 39 x 44 + 13 x 48 = mean 45.0.
    # The 11 followed: index 44 then 52/56 (mean 53.8).
    who5_wave(ps, [44] * 11 + [44] * 28 + [48] * 13, 1)
    who5_wave(ps, [52] * 6 + [56] * 5, 2)
    return {"project": "Copenhagen (fixture from the exit-package report)", "as_of": "2023-12-31", "participants": ps}


def esbjerg():
    ps = people("ESB", 84)
    # Table 8: age bands 11/9/24/5/35; table 9: 79 women, 5 men.
    for p, a in zip(ps, ages([11, 9, 24, 5, 35])):
        p["age"] = a
    for p, g in zip(ps, ["woman"] * 79 + ["man"] * 5):
        p["gender"] = g
    # WHO-5 waves: 42 (27), 46 (12), 43 (11).
    who5_wave(ps, [40] * 13 + [44] * 14, 1)  # mean 42.1
    who5_wave(ps, [44] * 6 + [48] * 6, 2)  # mean 46.0
    who5_wave(ps, [40] * 3 + [44] * 8, 3)  # mean 42.9
    return {"project": "Esbjerg (fixture from the exit-package report)", "as_of": "2023-12-31", "participants": ps}


if __name__ == "__main__":
    for name, build in [("aarhus", aarhus), ("copenhagen", copenhagen), ("esbjerg", esbjerg)]:
        (HERE / f"{name}.cohort.json").write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", name)
