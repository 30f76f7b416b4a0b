"""Writes the domain-model vectors (participant, ten_step, outcomes, cti) from the rules in
shared/domain.md, computed here independently of the Rust code (an oracle, not a copy):

    python3 tests/vectors/make_domain_vectors.py
"""

import base64
import calendar
import datetime as dt
import hashlib
import hmac
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def err(*pairs):
    return [{"field": f, "code": c} for f, c in pairs]


def pseudonym(key, local, prefix):
    digest = hmac.new(key.encode(), local.encode(), hashlib.sha256).digest()[:10]
    return f"{prefix}-{base64.b32encode(digest).decode()}"


def add_months(d, months):
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def schedule(contact, phase1, months):
    c, p = dt.date.fromisoformat(contact), dt.date.fromisoformat(phase1)
    starts = [c, p, add_months(p, months), add_months(p, 2 * months), add_months(p, 3 * months)]
    return [{"phase": ph, "start": starts[i].isoformat(), "end": starts[i + 1].isoformat()} for i, ph in enumerate(["contact", "planning", "try_out", "transfer"])]


participant = {
    "description": "Participants: IDs and CPR refusal, age bands, pseudonyms, registration documents.",
    "validate_id": [
        {"name": "a plain project ID", "input": "AAR-0001", "expected": "AAR-0001"},
        {"name": "dots and underscores", "input": "kbh_2024.17", "expected": "kbh_2024.17"},
        {"name": "64 characters", "input": "A" * 64, "expected": "A" * 64},
        {"name": "CPR with hyphen", "input": "010190-1234", "errors": err(("id", "contains_cpr"))},
        {"name": "CPR without separator", "input": "0101901234", "errors": err(("id", "contains_cpr"))},
        {"name": "CPR with spaces inside an ID", "input": "AAR 010190 1234", "errors": err(("id", "contains_cpr"))},
        {"name": "CPR glued to a prefix", "input": "AAR0101901234", "errors": err(("id", "contains_cpr"))},
        {"name": "29 February is a real day", "input": "290288-1234", "errors": err(("id", "contains_cpr"))},
        {"name": "31 February is not a date, so not a CPR number", "input": "3102881234", "expected": "3102881234"},
        {"name": "eleven digits are not a CPR number", "input": "10101901234", "expected": "10101901234"},
        {"name": "month 13 is not a CPR number", "input": "0113901234", "expected": "0113901234"},
        {"name": "empty", "input": "", "errors": err(("id", "missing"))},
        {"name": "65 characters", "input": "A" * 65, "errors": err(("id", "too_long"))},
        {"name": "a space", "input": "AAR 0001", "errors": err(("id", "invalid_format"))},
        {"name": "a name with letters outside A-Z", "input": "Søren", "errors": err(("id", "invalid_format"))},
    ],
    "age_band": [
        {"name": "18 is the youngest", "age": 18, "expected": "18-25"},
        {"name": "25", "age": 25, "expected": "18-25"},
        {"name": "26", "age": 26, "expected": "26-30"},
        {"name": "30", "age": 30, "expected": "26-30"},
        {"name": "31", "age": 31, "expected": "31-35"},
        {"name": "35", "age": 35, "expected": "31-35"},
        {"name": "36", "age": 36, "expected": "36-45"},
        {"name": "45", "age": 45, "expected": "36-45"},
        {"name": "46", "age": 46, "expected": "over_45"},
        {"name": "17 is refused: the programmes are for adults", "age": 17, "errors": err(("age", "out_of_range"))},
        {"name": "a fraction", "age": 30.5, "errors": err(("age", "not_an_integer"))},
        {"name": "text", "age": "30", "errors": err(("age", "not_a_number"))},
    ],
    "pseudonym": [
        {"name": "a project key and a journal number", "key": "the project's secret key", "local_id": "journal 17", "prefix": "AAR", "expected": pseudonym("the project's secret key", "journal 17", "AAR")},
        {"name": "another key gives another ID", "key": "another secret project key", "local_id": "journal 17", "prefix": "AAR", "expected": pseudonym("another secret project key", "journal 17", "AAR")},
        {"name": "another local id", "key": "the project's secret key", "local_id": "journal 18", "prefix": "KBH", "expected": pseudonym("the project's secret key", "journal 18", "KBH")},
        {"name": "a key shorter than 16 bytes is refused (a CPR number could be recovered by trying them all)", "key": "a", "local_id": "010190-1234", "prefix": "AAR", "errors": [{"field": "key", "code": "weak_key"}]},
        {"name": "an empty key is refused", "key": "", "local_id": "journal 17", "prefix": "AAR", "errors": err(("key", "missing"))},
        {"name": "a prefix with a hyphen is refused", "key": "a secret key of 16+ bytes", "local_id": "x", "prefix": "A-B", "errors": err(("prefix", "invalid_format"))},
    ],
    "participant": [
        {
            "name": "a full registration",
            "document": {"id": "AAR-0001", "gender": "woman", "age": 34, "start": "2024-01-15", "end": "2024-11-30", "forms": ["clinic", "online"], "goal": "exit", "anonymous": False, "anti_trafficking_referral": True, "referred_to_other_services": True, "programme": "one_to_one", "other_referrals": ["addiction treatment"], "interventions": [{"category": "counselling", "date": "2024-01-15"}, {"category": "group_therapy"}]},
            "expected": {"id": "AAR-0001", "gender": "woman", "age": 34, "start": "2024-01-15", "end": "2024-11-30", "forms": ["clinic", "online"], "goal": "exit", "anonymous": False, "anti_trafficking_referral": True, "referred_to_other_services": True, "programme": "one_to_one", "other_referrals": ["addiction treatment"], "interventions": [{"category": "counselling", "date": "2024-01-15"}, {"category": "group_therapy"}]},
        },
        {
            "name": "the minimum: an ID and a start date; unknown gender",
            "document": {"id": "AAR-0002", "start": "2024-02-01", "gender": "unknown"},
            "expected": {"id": "AAR-0002", "start": "2024-02-01", "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "an age band instead of an age",
            "document": {"id": "AAR-0003", "start": "2024-02-01", "age_band": "over_45"},
            "expected": {"id": "AAR-0003", "start": "2024-02-01", "age_band": "over_45", "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "every problem at once",
            "document": {"id": "010190-1234", "age": 17, "start": "2024-01-15", "end": "2023-12-01", "gender": "female", "interventions": [{"category": "yoga"}], "favourite_colour": "blue"},
            "errors": err(("field #7", "unknown_field"), ("id", "contains_cpr"), ("gender", "unknown_value"), ("age", "out_of_range"), ("interventions[0].category", "unknown_value"), ("end", "inconsistent")),
        },
        {
            "name": "sold sex in the last month, dated yes/no answers (seed 004 line 107)",
            "document": {"id": "AAR-0006", "start": "2024-01-15", "sold_sex_last_month": [{"date": "2024-01-15", "value": True}, {"date": "2024-12-01", "value": False}]},
            "expected": {"id": "AAR-0006", "start": "2024-01-15", "sold_sex_last_month": [{"date": "2024-01-15", "value": True}, {"date": "2024-12-01", "value": False}], "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "sold sex in the last month: not yes/no, missing, two answers on one date",
            "document": {"id": "AAR-0007", "start": "2024-01-15", "sold_sex_last_month": [{"date": "2024-01-15", "value": "yes"}, {"date": "2024-02-01"}, {"date": "2024-03-01", "value": True}, {"date": "2024-03-01", "value": False}]},
            "errors": err(("sold_sex_last_month[0].value", "invalid_format"), ("sold_sex_last_month[1].value", "missing"), ("sold_sex_last_month[3].date", "duplicate")),
        },
        # Returns (seed 003: "altid mulighed for at vende tilbage"), municipality, challenges.
        {
            "name": "a citizen who returned: participations instead of start and end",
            "document": {"id": "KBH-0001", "participations": [{"start": "2023-02-01", "end": "2023-05-31"}, {"start": "2024-01-10"}]},
            "expected": {"id": "KBH-0001", "start": "2023-02-01", "participations": [{"start": "2023-02-01", "end": "2023-05-31"}, {"start": "2024-01-10"}], "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "participations with start and end that agree",
            "document": {"id": "KBH-0002", "start": "2023-02-01", "end": "2024-03-01", "participations": [{"start": "2023-02-01", "end": "2023-05-31"}, {"start": "2024-01-10", "end": "2024-03-01"}]},
            "expected": {"id": "KBH-0002", "start": "2023-02-01", "end": "2024-03-01", "participations": [{"start": "2023-02-01", "end": "2023-05-31"}, {"start": "2024-01-10", "end": "2024-03-01"}], "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "overlapping periods, an open period before the last, an end before its start",
            "document": {"id": "KBH-0003", "participations": [{"start": "2023-02-01", "end": "2023-05-31"}, {"start": "2023-05-31"}, {"start": "2024-01-10", "end": "2024-01-01"}]},
            "errors": err(("participations[1].start", "inconsistent"), ("participations[2].end", "inconsistent"), ("participations[2].start", "inconsistent")),
        },
        {
            "name": "a start that differs from the first period's",
            "document": {"id": "KBH-0004", "start": "2023-01-01", "participations": [{"start": "2023-02-01"}]},
            "errors": err(("start", "inconsistent")),
        },
        {
            "name": "municipality of residence and challenges",
            "document": {"id": "KBH-0005", "start": "2024-01-15", "municipality": "0101", "challenges": ["housing", "economy", "prostitution"]},
            "expected": {"id": "KBH-0005", "start": "2024-01-15", "municipality": 101, "challenges": ["housing", "economy", "prostitution"], "anonymous": False, "anti_trafficking_referral": False, "referred_to_other_services": False},
        },
        {
            "name": "a code that is no municipality's, and a challenge outside the ten-step areas",
            "document": {"id": "KBH-0006", "start": "2024-01-15", "municipality": 411, "challenges": ["yoga"]},
            "errors": err(("municipality", "unknown_value"), ("challenges[0]", "unknown_value")),
        },
        {
            "name": "a municipality's name instead of its code (the text is not echoed)",
            "document": {"id": "KBH-0007", "start": "2024-01-15", "municipality": "Odense"},
            "errors": err(("municipality", "invalid_format")),
        },
        {
            "name": "a bad date and a missing start",
            "document": {"id": "AAR-0004", "end": "2024-02-30"},
            "errors": err(("start", "missing"), ("end", "invalid_format")),
        },
        {
            "name": "a CPR number in a free-text referral",
            "document": {"id": "AAR-0005", "start": "2024-01-01", "other_referrals": ["see 0101901234"]},
            "errors": err(("other_referrals[0]", "contains_cpr")),
        },
        {
            "name": "an age that contradicts the band",
            "document": {"id": "AAR-0006", "start": "2024-01-01", "age": 40, "age_band": "18-25"},
            "errors": err(("age_band", "inconsistent")),
        },
        {
            "name": "the referral to anti-trafficking services is a flag, not an intervention category",
            "document": {"id": "AAR-0007", "start": "2024-01-01", "interventions": [{"category": "anti_trafficking_referral"}]},
            "errors": err(("interventions[0].category", "unknown_value")),
        },
        {
            "name": "a programme id is an id, not free text",
            "document": {"id": "AAR-0008", "start": "2024-01-01", "programme": "Reden Esbjerg"},
            "errors": err(("programme", "invalid_format")),
        },
    ],
}

ten_step = {
    "description": "The ten-step scale: stages, dimensions (default mapping and a user's own), development.",
    "stage": [{"name": f"step {s}", "step": s, "expected": e} for s, e in [(1, "survival"), (3, "survival"), (4, "stabilisation"), (7, "stabilisation"), (8, "integration"), (10, "integration")]]
    + [
        {"name": "0 is below the scale", "step": 0, "errors": err(("step", "out_of_range"))},
        {"name": "11 is above the scale", "step": 11, "errors": err(("step", "out_of_range"))},
        {"name": "a fraction", "step": 4.5, "errors": err(("step", "not_an_integer"))},
    ],
    "dimensions": [
        {"name": "every area rated", "ratings": {"substance_use": 2, "physical_health": 4, "housing": 6, "mental_illness": 3, "prostitution": 5, "economy": 4, "network": 7, "employment": 2, "violence": 8},
         "expected": {"health": 3.0, "relations": 6.0, "mental_wellbeing": 5.5, "options_for_action": 4.0}},
        {"name": "a dimension with no rated area is null", "ratings": {"economy": 4, "housing": 6, "employment": 2}, "expected": {"health": None, "relations": None, "mental_wellbeing": None, "options_for_action": 4.0}},
        {"name": "a user's own mapping", "ratings": {"economy": 4, "housing": 6}, "mapping": {"health": ["housing"], "options_for_action": ["economy"]},
         "expected": {"health": 6.0, "relations": None, "mental_wellbeing": None, "options_for_action": 4.0}},
        {"name": "bad areas and steps, named by path", "ratings": {"economy": 11, "happiness": 3, "housing": "six"}, "errors": err(("ratings.economy", "out_of_range"), ("ratings#2", "unknown_value"), ("ratings.housing", "not_a_number"))},
        {"name": "an area in two dimensions of a mapping", "ratings": {}, "mapping": {"health": ["housing"], "relations": ["housing"]}, "errors": err(("mapping.relations", "duplicate"))},
    ],
    "development": [
        {"name": "first and latest by date, not by order given",
         "assessments": [{"date": "2025-04-01", "ratings": {"economy": 5, "housing": 3}}, {"date": "2025-01-01", "ratings": {"economy": 3, "housing": 5, "network": 4}}],
         "expected": [
             {"area": "housing", "ratings": 2, "first": 5, "latest": 3, "change": -2, "positive": False},
             {"area": "economy", "ratings": 2, "first": 3, "latest": 5, "change": 2, "positive": True},
             {"area": "network", "ratings": 1, "first": 4, "latest": 4, "change": 0, "positive": None},
         ]},
        {"name": "an assessment with a bad date", "assessments": [{"date": "2025-13-01", "ratings": {}}], "errors": err(("[0].date", "invalid_format"))},
    ],
}

outcomes = {
    "description": "Life-situation areas: journey-of-change stages and distance travelled.",
    "stage": [{"name": f"rating {r}", "rating": r, "expected": e} for r, e in [(1, "stuck"), (2, "stuck"), (3, "accepting_help"), (4, "accepting_help"), (5, "motivated"), (6, "motivated"), (7, "learning"), (8, "learning"), (9, "self_reliance"), (10, "self_reliance")]]
    + [{"name": "0", "rating": 0, "errors": err(("rating", "out_of_range"))}],
    "distance": [
        {"name": "no change", "first": 5, "latest": 5, "expected": {"steps": 0, "class": "none"}},
        {"name": "a step back is no progress", "first": 5, "latest": 3, "expected": {"steps": -2, "class": "none"}},
        {"name": "+1 is small", "first": 5, "latest": 6, "expected": {"steps": 1, "class": "small"}},
        {"name": "+2 is moderate", "first": 3, "latest": 5, "expected": {"steps": 2, "class": "moderate"}},
        {"name": "+3 is moderate", "first": 3, "latest": 6, "expected": {"steps": 3, "class": "moderate"}},
        {"name": "+4 is large", "first": 2, "latest": 6, "expected": {"steps": 4, "class": "large"}},
        {"name": "both out of range", "first": 0, "latest": 11, "errors": err(("first", "out_of_range"), ("latest", "out_of_range"))},
    ],
}

course = {"contact_start": "2024-09-15", "phase1_start": "2024-10-31", "phase_months": 4}
four_phases = [{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"},
               {"phase": "try_out", "date": "2025-02-28"}, {"phase": "transfer", "date": "2025-06-30"}]
three_areas = {"planning": ["economy", "housing", "network"]}
cti = {
    "description": "CTI courses: planned schedules with month-end clamping, phase on a date, recorded courses (status with the completion rule of seed 004 line 209, warnings kept apart from errors).",
    "schedule": [
        {"name": "month-end clamping: 31 October + 4 months is 28 February", "course": course, "expected": schedule("2024-09-15", "2024-10-31", 4)},
        {"name": "a leap year: 31 October 2023 + 4 months is 29 February", "course": {"contact_start": "2023-10-01", "phase1_start": "2023-10-31", "phase_months": 4}, "expected": schedule("2023-10-01", "2023-10-31", 4)},
        {"name": "canonical CTI: 3-month phases", "course": {"contact_start": "2025-01-01", "phase1_start": "2025-01-31", "phase_months": 3}, "expected": schedule("2025-01-01", "2025-01-31", 3)},
        {"name": "phase_months defaults to 4", "course": {"contact_start": "2025-03-01", "phase1_start": "2025-03-15"}, "expected": schedule("2025-03-01", "2025-03-15", 4)},
        {"name": "the contact period cannot start after phase 1", "course": {"contact_start": "2025-02-01", "phase1_start": "2025-01-15"}, "errors": err(("contact_start", "inconsistent"))},
        {"name": "a phase of 0 months", "course": {"contact_start": "2025-01-01", "phase1_start": "2025-01-15", "phase_months": 0}, "errors": err(("phase_months", "out_of_range"))},
        {"name": "bad dates", "course": {"contact_start": "15-01-2025", "phase1_start": None}, "errors": err(("contact_start", "invalid_format"), ("phase1_start", "missing"))},
    ],
    "phase_on": [
        {"name": "before the contact start", "course": course, "date": "2024-09-14", "expected": None},
        {"name": "the contact start", "course": course, "date": "2024-09-15", "expected": "contact"},
        {"name": "the day before phase 1", "course": course, "date": "2024-10-30", "expected": "contact"},
        {"name": "phase 1 starts", "course": course, "date": "2024-10-31", "expected": "planning"},
        {"name": "the last day of phase 1", "course": course, "date": "2025-02-27", "expected": "planning"},
        {"name": "phase 2 starts on the clamped date", "course": course, "date": "2025-02-28", "expected": "try_out"},
        {"name": "phase 3", "course": course, "date": "2025-06-30", "expected": "transfer"},
        {"name": "the last day of phase 3", "course": course, "date": "2025-10-30", "expected": "transfer"},
        {"name": "the planned end is outside the course", "course": course, "date": "2025-10-31", "expected": None},
    ],
    "recorded": [
        {"name": "a completed course with a handover in phase 3",
         "document": dict(course, phases=[{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"}, {"phase": "try_out", "date": "2025-03-03"}, {"phase": "transfer", "date": "2025-07-01"}],
                          end={"date": "2025-10-31"}, focus_areas={"planning": ["economy", "housing", "network"], "transfer": ["network"]},
                          support_network=["mentor", "municipal_caseworker"], handover={"date": "2025-10-01", "to": "mentor"}),
         "status_on": "2025-12-01", "expected_status": "completed", "warnings": ["focus_area_count", "no_long_term_plan"]},
        {"name": "ended in phase 2: interrupted, with a reason",
         "document": dict(course, phases=[{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"}, {"phase": "try_out", "date": "2025-03-03"}], end={"date": "2025-04-01", "reason": "moved"}, focus_areas={"planning": ["economy", "housing", "network", "daily_activities"]}),
         "status_on": "2025-12-01", "expected_status": "interrupted", "warnings": ["no_support_network"]},
        # The completion rule (seed 004 line 209: all three phases are run).
        {"name": "ended the day after entering phase 3, without a handover: interrupted",
         "document": dict(course, phases=four_phases, end={"date": "2025-07-01"}, focus_areas=three_areas, support_network=["job_centre"]),
         "status_on": "2025-12-01", "expected_status": "interrupted", "warnings": []},
        {"name": "phase 3 ran to its planned end without a handover: completed",
         "document": dict(course, phases=four_phases, end={"date": "2025-10-30"}, focus_areas=three_areas, support_network=["job_centre"],
                          long_term_plan={"date": "2025-10-01", "support": ["job_centre"]}),
         "status_on": "2025-12-01", "expected_status": "completed", "warnings": []},
        {"name": "ended one day before phase 3's planned last day, without a handover: interrupted",
         "document": dict(course, phases=four_phases, end={"date": "2025-10-29"}, focus_areas=three_areas, support_network=["job_centre"]),
         "status_on": "2025-12-01", "expected_status": "interrupted", "warnings": []},
        {"name": "a handover ends phase 3 early: completed",
         "document": dict(course, phases=four_phases, end={"date": "2025-08-15"}, focus_areas=three_areas, support_network=["support_contact_person"],
                          handover={"date": "2025-08-15", "to": "support_contact_person"}, long_term_plan={"date": "2025-08-01"}),
         "status_on": "2025-12-01", "expected_status": "completed", "warnings": []},
        {"name": "still running on the report date: the rule applies once it ends",
         "document": dict(course, phases=four_phases, end={"date": "2025-07-01"}, focus_areas=three_areas, support_network=["ngo_offer"]),
         "status_on": "2025-06-30", "expected_status": "running", "warnings": []},
        {"name": "recorded but not started: not_started",
         "document": dict(course),
         "status_on": "2024-09-01", "expected_status": "not_started", "warnings": ["no_focus_areas"]},
        # The support network of seed 004 line 615, planned from the start.
        {"name": "the network roles of the guide",
         "document": dict(course, phases=four_phases[:2], focus_areas=three_areas,
                          support_network=["housing_support_worker", "support_contact_person", "education_institution", "job_centre", "ngo_offer"]),
         "status_on": "2025-01-01", "expected_status": "running", "warnings": []},
        {"name": "in phase 2 with no network planned: a warning, not an error",
         "document": dict(course, phases=four_phases[:3], focus_areas=three_areas),
         "status_on": "2025-04-01", "expected_status": "running", "warnings": ["no_support_network"]},
        {"name": "a long-term plan before phase 3, naming a role outside the network",
         "document": dict(course, phases=four_phases[:3], focus_areas=three_areas, support_network=["family"],
                          long_term_plan={"date": "2025-04-01", "support": ["housing_support_worker"]}),
         "errors": err(("long_term_plan.date", "inconsistent"), ("long_term_plan.support[0]", "inconsistent"))},
        {"name": "a handover and a long-term plan dated after the course's end",
         "document": dict(course, phases=four_phases, end={"date": "2025-08-01"}, focus_areas=three_areas, support_network=["job_centre"],
                          handover={"date": "2025-08-02", "to": "job_centre"}, long_term_plan={"date": "2025-08-03"}),
         "errors": err(("handover.date", "inconsistent"), ("long_term_plan.date", "inconsistent"))},
        {"name": "a skipped phase, a date going back and an end without a reason",
         "document": dict(course, phases=[{"phase": "contact", "date": "2024-09-15"}, {"phase": "try_out", "date": "2024-09-01"}], end={"date": "2025-04-01"}),
         "errors": err(("phases[1].phase", "out_of_order"), ("phases[1].date", "out_of_order"), ("end.reason", "missing"))},
        {"name": "a handover before phase 3, to a role outside the network",
         "document": dict(course, phases=[{"phase": "contact", "date": "2024-09-15"}, {"phase": "planning", "date": "2024-10-31"}], support_network=["family"], handover={"date": "2025-01-01", "to": "mentor"}),
         "errors": err(("handover.date", "inconsistent"), ("handover.to", "inconsistent"))},
    ],
}

for name, data in [("participant", participant), ("ten_step", ten_step), ("outcomes", outcomes), ("cti", cti)]:
    (HERE / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote", name)
