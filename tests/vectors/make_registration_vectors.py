"""Writes tests/vectors/registrations.json: cohort documents whose report parts on returns
(participation periods, seed 003), challenges (seed 001 line 1347) and municipality of
residence (seed 003 line 127) are computed by hand below. Rust, Python and JavaScript run them.

    python3 tests/vectors/make_registration_vectors.py

Each case gives a cohort and report options (snake_case; JavaScript passes camelCase); the
expected `participation` is the whole object, `challenges` and `municipalities` list only the
rows that are not 0 (a municipality table has 98 rows), or null when the report leaves them out.
"""

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DAYS_PER_MONTH = 30.4375


def cell(count, n):
    # Whole percent rounded half up, as the core does it.
    return {"count": count, "percent": (200 * count + n) // (2 * n) if n else None}


HIDDEN = {"count": None, "percent": None, "suppressed": True}

returns = {
    "project": "returns", "as_of": "2024-12-31",
    "participants": [
        # 30 + 29 days in two periods.
        {"id": "R-1", "participations": [{"start": "2024-01-01", "end": "2024-01-31"}, {"start": "2024-06-01", "end": "2024-06-30"}]},
        # 60 days in one.
        {"id": "R-2", "start": "2024-03-01", "end": "2024-04-30"},
        # 0 days, then an open period from 2024-11-01 to the report date: 60 days.
        {"id": "R-3", "participations": [{"start": "2024-02-01", "end": "2024-02-01"}, {"start": "2024-11-01"}]},
        # Shorter than one day: left out of the mean.
        {"id": "R-4", "start": "2024-05-01", "end": "2024-05-01"},
    ],
}
later = {
    "project": "returns", "as_of": "2024-12-31",
    "participants": [
        # The return begins after the report date (2024-03-31): one period of 30 days so far.
        {"id": "L-1", "participations": [{"start": "2024-01-01", "end": "2024-01-31"}, {"start": "2024-06-01"}]},
        {"id": "L-2", "start": "2024-01-01", "end": "2024-03-01"},
    ],
}
registrations = {
    "project": "registrations", "as_of": "2024-12-31",
    "participants": [
        {"id": f"M-{i}", "start": "2024-01-01", "municipality": 101, "challenges": ["housing", "economy"] if i < 6 else ["housing"]}
        for i in range(8)
    ] + [
        {"id": "M-8", "start": "2024-01-01", "municipality": "751", "challenges": ["violence"]},
        {"id": "M-9", "start": "2024-01-01"},
    ],
}

cases = [
    {"name": "returns: a citizen's periods are summed; returning counts those with more than one",
     "cohort": returns, "options": {"min_cell": 0},
     "expected": {"participation": {"n": 3, "excluded_short": 1, "mean_months": (59 + 60 + 60) / 3 / DAYS_PER_MONTH, "returning": cell(2, 4)},
                  "challenges": None, "municipalities": None}},
    {"name": "a return after the report date is not counted yet",
     "cohort": later, "options": {"min_cell": 0, "as_of": "2024-03-31"},
     "expected": {"participation": {"n": 2, "excluded_short": 0, "mean_months": (30 + 60) / 2 / DAYS_PER_MONTH, "returning": cell(0, 2)},
                  "challenges": None, "municipalities": None}},
    {"name": "no participations recorded: no returning figure (the report as before)",
     "cohort": {"project": "one", "participants": [{"id": "O-1", "start": "2024-01-01", "end": "2024-01-31"}]}, "options": {"min_cell": 0},
     "expected": {"participation": {"n": 1, "excluded_short": 0, "mean_months": 30 / DAYS_PER_MONTH}, "challenges": None, "municipalities": None}},
    {"name": "citizens per challenge and per municipality, suppression off",
     "cohort": registrations, "options": {"min_cell": 0, "by_municipality": True},
     "expected": {"participation": {"n": 10, "excluded_short": 0, "mean_months": 365 / DAYS_PER_MONTH},
                  "challenges": {"n": 9, "rows": [{"area": "housing", **cell(8, 9)}, {"area": "economy", **cell(6, 9)}, {"area": "violence", **cell(1, 9)}]},
                  "municipalities": {"n": 9, "rows": [{"municipality": 101, **cell(8, 9)}, {"municipality": 751, **cell(1, 9)}]}}},
    {"name": "the same, suppressed: one citizen in Aarhus is hidden, and so is Copenhagen's 8 (else 9 - 8 gives it away)",
     "cohort": registrations, "options": {"by_municipality": True},
     "expected": {"participation": {"n": 10, "excluded_short": 0, "mean_months": 365 / DAYS_PER_MONTH},
                  "challenges": {"n": 9, "rows": [{"area": "housing", **cell(8, 9)}, {"area": "economy", **cell(6, 9)}, {"area": "violence", **HIDDEN}]},
                  "municipalities": {"n": 9, "rows": [{"municipality": 101, **HIDDEN}, {"municipality": 751, **HIDDEN}]}}},
    {"name": "municipalities only when asked",
     "cohort": registrations, "options": {"min_cell": 0},
     "expected": {"participation": {"n": 10, "excluded_short": 0, "mean_months": 365 / DAYS_PER_MONTH},
                  "challenges": {"n": 9, "rows": [{"area": "housing", **cell(8, 9)}, {"area": "economy", **cell(6, 9)}, {"area": "violence", **cell(1, 9)}]},
                  "municipalities": None}},
]

doc = {"description": "Returns (participation periods summed, citizens returning), citizens per challenge and per municipality of residence (by_municipality), with suppression.", "cases": cases}
(HERE / "registrations.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print("wrote registrations")
