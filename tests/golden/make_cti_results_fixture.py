"""Builds the golden cohort for a CTI course's results (seed 004, lines 103-115):

- line 103: "Ved opstart af forløbet er to tredjedele af borgerne i risikozonen for stress og
  depression ... reduceret til én tredjedel" (WHO-5, footnote 2);
- line 107: "Ved opstart af forløbet har halvdelen af borgerne modtaget betaling for seksuelle
  ydelser inden for den seneste måned ... reduceret til en femtedel";
- line 111: "Fra opstart til afslutning af et fuldt forløb har 91 pct. af borgerne oplevet en
  moderat eller stor progression på tværs af områder";
- line 115: "registreringer af 147 borgere".

    python3 tests/golden/make_cti_results_fixture.py

147 citizens, all with a CTI course (4-month phases) in Exit Prostitution 2014-2016, report date
2016-12-31. The seed publishes shares, not counts; the counts below are the smallest plain ones
that give exactly those fractions, and everything else (dates, answers) is chosen to exercise
the rules of docs/rules.md ("CTI results"):

- 90 ended courses have a WHO-5 answer and a sold-sex answer near the course's first day and
  near its last day, plus one in the middle that must not count: 60 of 90 (two thirds) are in the
  risk zone at the start, 30 (one third) at the end; 45 of 90 (a half) sold sex in the last
  month at the start, 18 (a fifth) at the end;
- of those 90, 66 completed (33 ran phase 3 to its planned end, 33 ended with a handover) and 24
  were interrupted (12 in phase 2, 12 early in phase 3 without a handover); 60 of the 66 completed
  (90.9 %, published as 91) have a mean distance travelled of +2 or more over the life-situation
  areas read at both ends; interrupted courses have readings too, and are not counted;
- 17 interrupted courses have their last answers more than two months before the end: left out;
- 30 courses are running on the report date and 10 are recorded but not started: left out.
"""

import datetime as dt
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
AS_OF = dt.date(2016, 12, 31)
RISK = [2, 2, 2, 2, 2]  # index 40: risk zone (50 or below)
WELL = [3, 3, 3, 3, 3]  # index 60: no immediate risk
AREAS = ["housing", "mental_health", "social_network", "motivation", "money", "meaningful_time"]


def iso(d):
    return d.isoformat()


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def course(contact, reached, end=None, reason=None, handover=None, plan=None):
    phase1 = contact + dt.timedelta(days=30)
    starts = [contact, phase1, add_months(phase1, 4), add_months(phase1, 8)]
    names = ["contact", "planning", "try_out", "transfer"]
    c = {
        "contact_start": iso(contact),
        "phase1_start": iso(phase1),
        "phase_months": 4,
        "phases": [{"phase": n, "date": iso(d)} for n, d in zip(names[:reached], starts[:reached])],
        "focus_areas": {"planning": ["economy", "housing", "network"]},
        "support_network": ["housing_support_worker", "job_centre"],
    }
    if end:
        c["end"] = {"date": iso(end)} | ({"reason": reason} if reason else {})
    if handover:
        c["handover"] = {"date": iso(handover), "to": "housing_support_worker"}
    if plan:
        c["long_term_plan"] = {"date": iso(plan), "support": ["job_centre"]}
    return c, starts


# Mean distances for the 66 completed courses: 60 moderate or large, 6 small or none.
PROGRESS = [2.0, 2.5, 3.0, 4.0, 5.0] * 12 + [1.5, 1.0, 0.0, -0.5, 1.75, 0.5]


def readings(start_day, end_day, mean):
    """Two life-situation readings whose areas read at both ends travel `mean` on average; the
    end reading also rates an area not read at the start (left out of the mean)."""
    first = {a: 3 for a in AREAS[:4]}
    total = round(mean * 4)  # spread over four areas in whole steps
    steps = [total // 4 + (1 if i < total % 4 else 0) for i in range(4)]
    last = {a: first[a] + s for a, s in zip(AREAS[:4], steps)}
    last["money"] = 9
    return [{"date": iso(start_day), "ratings": first}, {"date": iso(end_day), "ratings": last}]


participants = []
for i in range(147):
    pid = f"EXIT-{i + 1:03d}"
    contact = dt.date(2014, 1, 6) + dt.timedelta(days=3 * i)
    p = {"id": pid, "start": iso(contact)}
    if i < 90:
        if i < 33:  # completed: phase 3 ran to its planned end
            c, starts = course(contact, 4)
            end = add_months(starts[1], 12) - dt.timedelta(days=1)
            c["end"] = {"date": iso(end)}
            c["long_term_plan"] = {"date": iso(starts[3] + dt.timedelta(days=60)), "support": ["job_centre"]}
        elif i < 66:  # completed: a handover ends phase 3 early
            c, starts = course(contact, 4)
            end = starts[3] + dt.timedelta(days=75)
            c |= {"end": {"date": iso(end)}, "handover": {"date": iso(end), "to": "housing_support_worker"},
                  "long_term_plan": {"date": iso(end - dt.timedelta(days=14))}}
        elif i < 78:  # interrupted in phase 2
            c, starts = course(contact, 3)
            end = starts[2] + dt.timedelta(days=40)
            c["end"] = {"date": iso(end), "reason": "dropped_out"}
        else:  # interrupted early in phase 3, without a handover
            c, starts = course(contact, 4)
            end = starts[3] + dt.timedelta(days=20)
            c["end"] = {"date": iso(end), "reason": "contact_lost"}
        p["end"] = c["end"]["date"]
        # Answers near the first day (before or after it), one in the middle, one near the end.
        near_start = contact + dt.timedelta(days=(-10, 0, 25)[i % 3])
        middle = contact + (end - contact) / 2
        near_end = end + dt.timedelta(days=(-20, 0, 30)[i % 3])
        risk_start, risk_end = i < 60, i % 3 == 0
        sold_start, sold_end = i % 2 == 0, i % 5 == 0
        p["who5"] = [
            {"date": iso(near_start), "items": RISK if risk_start else WELL},
            {"date": iso(middle), "items": WELL if risk_end else RISK},
            {"date": iso(near_end), "items": RISK if risk_end else WELL},
        ]
        p["sold_sex_last_month"] = [
            {"date": iso(near_start), "value": sold_start},
            {"date": iso(middle), "value": not sold_end},
            {"date": iso(near_end), "value": sold_end},
        ]
        p["outcomes"] = readings(near_start, near_end, PROGRESS[i] if i < 66 else 3.0)
    elif i < 107:  # ended, but the last answers are more than two months before the end
        c, starts = course(contact, 3)
        end = starts[2] + dt.timedelta(days=100)
        c["end"] = {"date": iso(end), "reason": "moved"}
        p["end"] = iso(end)
        early = end - dt.timedelta(days=90)
        p["who5"] = [{"date": iso(contact), "items": RISK}, {"date": iso(early), "items": WELL}]
        p["sold_sex_last_month"] = [{"date": iso(contact), "value": True}, {"date": iso(early), "value": False}]
    elif i < 137:  # running on the report date
        contact = AS_OF - dt.timedelta(days=20 + 10 * (i - 107))
        p["start"] = iso(contact)
        c, starts = course(contact, 1)
        c["phases"] = [ph for ph in course(contact, 4)[0]["phases"] if ph["date"] <= iso(AS_OF)]
        p["who5"] = [{"date": iso(contact), "items": RISK}]
        p["sold_sex_last_month"] = [{"date": iso(contact), "value": True}]
    else:  # recorded, not started
        contact = AS_OF - dt.timedelta(days=5)
        p["start"] = iso(contact)
        c, _ = course(AS_OF + dt.timedelta(days=10), 0)
    p["cti"] = c
    participants.append(p)

doc = {"project": "Exit Prostitution 2014-2016 (seed 004, synthetic counts)", "as_of": iso(AS_OF), "participants": participants}
(HERE / "cti_results.cohort.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print("wrote cti_results.cohort.json")
