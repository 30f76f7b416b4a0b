"""Writes tests/vectors/outreach.json: the validation rules of outreach and mapping (issue 18),
stated here independently of the Rust code:

    python3 tests/vectors/make_outreach_vectors.py

Municipality codes are Danmarks Statistik's kommunekoder (98 municipalities, five regions);
country codes are ISO 3166-1 alpha-2 (249 officially assigned).
"""

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def err(*pairs):
    return [{"field": f, "code": c} for f, c in pairs]


def venue(id_, form="clinic", municipality=101, first="2024-01-01", last=None):
    v = {"id": id_, "form": form, "municipality": municipality, "first_seen": first}
    if last:
        v["last_seen"] = last
    return v


def visit(**kw):
    v = {"date": "2024-03-01", "women_met": 5}
    v.update(kw)
    return v


municipality = [
    {"name": "København as a number", "input": 101, "expected": {"code": 101, "name": "København", "region": "hovedstaden", "region_code": 1084}},
    {"name": "Frederiksberg as text", "input": "147", "expected": {"code": 147, "name": "Frederiksberg", "region": "hovedstaden", "region_code": 1084}},
    {"name": "Aarhus", "input": 751, "expected": {"code": 751, "name": "Aarhus", "region": "midtjylland", "region_code": 1082}},
    {"name": "Esbjerg", "input": 561, "expected": {"code": 561, "name": "Esbjerg", "region": "syddanmark", "region_code": 1083}},
    {"name": "Aalborg", "input": 851, "expected": {"code": 851, "name": "Aalborg", "region": "nordjylland", "region_code": 1081}},
    {"name": "Odense with DAGI's leading zero", "input": "0461", "expected": {"code": 461, "name": "Odense", "region": "syddanmark", "region_code": 1083}},
    {"name": "Roskilde", "input": 265, "expected": {"code": 265, "name": "Roskilde", "region": "sjaelland", "region_code": 1085}},
    {"name": "Bornholm belongs to the capital region", "input": 400, "expected": {"code": 400, "name": "Bornholm", "region": "hovedstaden", "region_code": 1084}},
    {"name": "Horsens belongs to Midtjylland", "input": 615, "expected": {"code": 615, "name": "Horsens", "region": "midtjylland", "region_code": 1082}},
    {"name": "the float 101.0 is the whole number 101", "input": 101.0, "expected": {"code": 101, "name": "København", "region": "hovedstaden", "region_code": 1084}},
    {"name": "Christiansø is not a municipality", "input": 411, "errors": err(("municipality", "unknown_value"))},
    {"name": "an unused number", "input": 100, "errors": err(("municipality", "unknown_value"))},
    {"name": "a region code is not a municipality code", "input": 1084, "errors": err(("municipality", "unknown_value"))},
    {"name": "a fraction", "input": 101.5, "errors": err(("municipality", "not_an_integer"))},
    {"name": "negative", "input": -101, "errors": err(("municipality", "unknown_value"))},
    {"name": "a name instead of a code", "input": "Aarhus", "errors": err(("municipality", "invalid_format"))},
    {"name": "a CPR number typed in the wrong field", "input": "010190-1234", "errors": err(("municipality", "invalid_format"))},
    {"name": "a CPR number as a number", "input": 101901234, "errors": err(("municipality", "unknown_value"))},
    {"name": "two digits", "input": "10", "errors": err(("municipality", "invalid_format"))},
    {"name": "true is not a code", "input": True, "errors": err(("municipality", "invalid_format"))},
    {"name": "null is missing", "input": None, "errors": err(("municipality", "missing"))},
]

venue_id = [
    {"name": "a project code", "input": "CPH-001", "expected": "CPH-001"},
    {"name": "lower case with a dot", "input": "ode.c12", "expected": "ode.c12"},
    {"name": "a year of two groups", "input": "AAL-24-3", "expected": "AAL-24-3"},
    {"name": "a CPR number", "input": "010190-1234", "errors": err(("id", "contains_cpr"))},
    {"name": "a phone number", "input": "22334455", "errors": err(("id", "invalid_format"))},
    {"name": "a phone number in pairs", "input": "22-33-44-55", "errors": err(("id", "invalid_format"))},
    {"name": "a phone number in fours after a prefix", "input": "CPH-2233.4455", "errors": err(("id", "invalid_format"))},
    {"name": "a phone number with the country code", "input": "+4522334455", "errors": err(("id", "invalid_format"))},
    {"name": "a name", "input": "Maria-2", "errors": err(("id", "invalid_format"))},
    {"name": "a street address", "input": "Istedgade-12", "errors": err(("id", "invalid_format"))},
    {"name": "a clinic's name without digits", "input": "PALMS", "errors": err(("id", "invalid_format"))},
    {"name": "a space", "input": "CPH 001", "errors": err(("id", "invalid_format"))},
    {"name": "empty", "input": "", "errors": err(("id", "missing"))},
    {"name": "65 characters", "input": "A1" * 32 + "B", "errors": err(("id", "too_long"))},
]

country = [
    {"name": "Thailand", "input": "TH", "expected": "TH"},
    {"name": "lower case is read", "input": "ro", "expected": "RO"},
    {"name": "Åland is assigned", "input": "AX", "expected": "AX"},
    {"name": "South Sudan is assigned", "input": "SS", "expected": "SS"},
    {"name": "Kosovo's XK is user-assigned, not official", "input": "XK", "errors": err(("nationalities", "unknown_value"))},
    {"name": "UK is reserved, GB is the code", "input": "UK", "errors": err(("nationalities", "unknown_value"))},
    {"name": "EU is reserved", "input": "EU", "errors": err(("nationalities", "unknown_value"))},
    {"name": "alpha-3 is not alpha-2", "input": "THA", "errors": err(("nationalities", "unknown_value"))},
    {"name": "a name", "input": "Thailand", "errors": err(("nationalities", "unknown_value"))},
]

V1 = venue("CPH-001", "clinic", 101, "2024-01-01", "2024-06-30")
V2 = venue("AAR-02", "escort", 751, "2024-02-01")
V3 = venue("WEB-1", "online", None, "2024-01-01")
del V3["municipality"]

document = [
    {
        "name": "a visit takes its form and municipality from its venue",
        "document": {"venues": [V1], "outreach_visits": [visit(venue="CPH-001", new_contacts=2, counselled=1, health={"sti_tests": 2, "referred_to_clinic": 1}, nationalities={"TH": 3, "ro": 1})]},
        "expected": {
            "venues": [V1],
            "outreach_visits": [{"date": "2024-03-01", "venue": "CPH-001", "form": "clinic", "municipality": 101, "women_met": 5, "new_contacts": 2, "counselled": 1, "health": {"sti_tests": 2, "referred_to_clinic": 1}, "nationalities": {"RO": 1, "TH": 3}}],
        },
    },
    {
        "name": "an online session needs no venue and no municipality",
        "document": {"outreach_visits": [visit(form="online", new_contacts=5)], "outreach_targets": {"new_contacts": 150, "counselled": 75}},
        "expected": {
            "outreach_visits": [{"date": "2024-03-01", "form": "online", "women_met": 5, "new_contacts": 5, "counselled": 0, "health": {"sti_tests": 0, "referred_to_clinic": 0}}],
            "outreach_targets": {"new_contacts": 150, "counselled": 75},
        },
    },
    {
        "name": "an online venue has no municipality",
        "document": {"venues": [V3], "outreach_visits": [visit(venue="WEB-1")]},
        "expected": {
            "venues": [V3],
            "outreach_visits": [{"date": "2024-03-01", "venue": "WEB-1", "form": "online", "women_met": 5, "new_contacts": 0, "counselled": 0, "health": {"sti_tests": 0, "referred_to_clinic": 0}}],
        },
    },
    {
        "name": "a visit to a venue that is not mapped",
        "document": {"venues": [V1], "outreach_visits": [visit(venue="CPH-009")]},
        "errors": err(("outreach_visits[0].venue", "unknown_value")),
    },
    {
        "name": "a visit before the venue was first seen and one after it was last seen",
        "document": {"venues": [V1], "outreach_visits": [visit(venue="CPH-001", date="2023-12-31"), visit(venue="CPH-001", date="2024-07-01")]},
        "errors": err(("outreach_visits[0].date", "inconsistent"), ("outreach_visits[1].date", "inconsistent")),
    },
    {
        "name": "the first and last day of the seen period are inside it",
        "document": {"venues": [V1], "outreach_visits": [visit(venue="CPH-001", date="2024-01-01", women_met=1), visit(venue="CPH-001", date="2024-06-30", women_met=1)]},
        "expected": {
            "venues": [V1],
            "outreach_visits": [
                {"date": "2024-01-01", "venue": "CPH-001", "form": "clinic", "municipality": 101, "women_met": 1, "new_contacts": 0, "counselled": 0, "health": {"sti_tests": 0, "referred_to_clinic": 0}},
                {"date": "2024-06-30", "venue": "CPH-001", "form": "clinic", "municipality": 101, "women_met": 1, "new_contacts": 0, "counselled": 0, "health": {"sti_tests": 0, "referred_to_clinic": 0}},
            ],
        },
    },
    {
        "name": "parts larger than the women met",
        "document": {"outreach_visits": [visit(form="street", municipality=751, women_met=3, new_contacts=4, counselled=4, health={"sti_tests": 4, "referred_to_clinic": 4}, nationalities={"TH": 2, "BG": 2})]},
        "errors": err(
            ("outreach_visits[0].new_contacts", "inconsistent"),
            ("outreach_visits[0].counselled", "inconsistent"),
            ("outreach_visits[0].health.sti_tests", "inconsistent"),
            ("outreach_visits[0].health.referred_to_clinic", "inconsistent"),
            ("outreach_visits[0].nationalities", "inconsistent"),
        ),
    },
    {
        "name": "counts are whole numbers from 0",
        "document": {"outreach_visits": [visit(form="bar", municipality=461, women_met=2.5, new_contacts=-1, counselled="2", health={"sti_tests": True})]},
        "errors": err(
            ("outreach_visits[0].women_met", "not_an_integer"),
            ("outreach_visits[0].new_contacts", "out_of_range"),
            ("outreach_visits[0].counselled", "not_a_number"),
            ("outreach_visits[0].health.sti_tests", "not_a_number"),
        ),
    },
    {
        "name": "more than 1000 on one visit",
        "document": {"outreach_visits": [visit(form="street", municipality=101, women_met=1001)]},
        "errors": err(("outreach_visits[0].women_met", "out_of_range")),
    },
    {
        "name": "women met is required, other counts default to 0",
        "document": {"outreach_visits": [{"date": "2024-03-01", "form": "street", "municipality": 101}]},
        "errors": err(("outreach_visits[0].women_met", "missing")),
    },
    {
        "name": "a visit that is not online needs a municipality",
        "document": {"outreach_visits": [visit(form="clinic")]},
        "errors": err(("outreach_visits[0].municipality", "missing")),
    },
    {
        "name": "a visit without a venue needs a form",
        "document": {"outreach_visits": [visit(municipality=101)]},
        "errors": err(("outreach_visits[0].form", "missing")),
    },
    {
        "name": "a form or municipality that contradicts the venue",
        "document": {"venues": [V2], "outreach_visits": [visit(venue="AAR-02", form="clinic", municipality=101)]},
        "errors": err(("outreach_visits[0].form", "inconsistent"), ("outreach_visits[0].municipality", "inconsistent")),
    },
    {
        "name": "grey-zone exchange has no venue to visit",
        "document": {"outreach_visits": [visit(form="grey_zone", municipality=101)]},
        "errors": err(("outreach_visits[0].form", "unknown_value")),
    },
    {
        "name": "nationalities keyed by ISO codes; a bad key is not named",
        "document": {"outreach_visits": [visit(form="online", nationalities={"Thailand": 1, "XK": 1, "TH": 1.5})]},
        "errors": err(
            ("outreach_visits[0].nationalities", "unknown_value"),
            ("outreach_visits[0].nationalities", "unknown_value"),
            ("outreach_visits[0].nationalities.TH", "not_an_integer"),
        ),
    },
    {
        "name": "a country given twice",
        "document": {"outreach_visits": [visit(form="online", nationalities={"TH": 1, "th": 1})]},
        "errors": err(("outreach_visits[0].nationalities.TH", "duplicate")),
    },
    {
        "name": "venue codes: a phone number, a CPR number, a duplicate, no municipality, seen backwards",
        "document": {"venues": [
            venue("22334455"),
            venue("010190-1234"),
            venue("CPH-001"),
            venue("CPH-001", "escort"),
            venue("ESB-4", "street", None),
            venue("ODE-5", "bar", 461, "2024-05-01", "2024-04-30"),
        ]},
        "errors": err(
            ("venues[0].id", "invalid_format"),
            ("venues[1].id", "contains_cpr"),
            ("venues[4].municipality", "missing"),
            ("venues[5].last_seen", "inconsistent"),
            ("venues[3].id", "duplicate"),
        ),
    },
    {
        "name": "unknown keys are refused by position, never echoed",
        "document": {"venues": [dict(venue("CPH-001"), address="Istedgade 12")], "outreach_visits": [visit(form="online", comment=1)], "outreach_targets": {"new_contacts": 0, "women": 3}},
        "errors": err(
            # an unknown key is named by its position in its object (the core's rule)
            ("venues[0]#5", "unknown_field"),
            ("outreach_visits[0]#4", "unknown_field"),
            ("outreach_targets#2", "unknown_field"),
            ("outreach_targets.new_contacts", "out_of_range"),
        ),
    },
    {
        "name": "lists must be lists",
        "document": {"venues": {"id": "CPH-001"}, "outreach_visits": "none"},
        "errors": err(("venues", "not_a_list"), ("outreach_visits", "not_a_list")),
    },
]

HIDDEN = {"count": None, "percent": None, "suppressed": True}


def shown(count, percent=None):
    return {"count": count, "percent": percent}


# The report: each case lists JSON pointers into the report and the values found there.
report = [
    {
        "name": "a small month is hidden with its partner; two visits are a small count",
        "document": {"outreach_visits": [
            {"date": "2024-01-10", "form": "online", "women_met": 3, "new_contacts": 3},
            {"date": "2024-02-10", "form": "online", "women_met": 12, "new_contacts": 9}]},
        "options": {"as_of": "2024-12-31", "min_cell": 5},
        "expected": {
            "/total/women_met": shown(15),
            "/total/new_contacts": shown(12),
            "/total/visits": HIDDEN,
            "/years/0/visits": HIDDEN,
            "/contacts_per_month": [
                {"month": "2024-01", "new_contacts": HIDDEN},
                {"month": "2024-02", "new_contacts": HIDDEN},
            ],
        },
    },
    {
        "name": "no longer active: nothing seen for more than 183 days before the report date",
        "document": {
            "venues": [
                {"id": "ODE-1", "form": "clinic", "municipality": 461, "first_seen": "2024-01-01", "last_seen": "2024-02-01"},
                {"id": "ODE-2", "form": "clinic", "municipality": 461, "first_seen": "2024-01-01"},
                {"id": "AAL-3", "form": "bar", "municipality": 851, "first_seen": "2024-01-01"},
            ],
            "outreach_visits": [{"date": "2024-03-01", "venue": "AAL-3", "women_met": 2}],
        },
        "options": {"as_of": "2024-08-15", "min_cell": 0},
        "expected": {
            "/venues/by_status": [
                {"key": "active", "count": 1, "percent": 33},
                {"key": "no_longer_active", "count": 2, "percent": 67},
            ],
            "/venues/by_visits": [
                {"key": "none", "count": 2, "percent": 67},
                {"key": "one", "count": 1, "percent": 33},
                {"key": "several", "count": 0, "percent": 0},
            ],
            "/venues/active_by_form/4": {"key": "bar", "count": 1, "percent": 100},
            "/venues/active_by_region/4": {"key": "nordjylland", "count": 1, "percent": 100},
        },
    },
    {
        "name": "progress against the yearly targets of seed 003",
        "document": {
            "outreach_visits": [{"date": "2024-06-01", "form": "escort", "municipality": 101, "women_met": 40, "new_contacts": 30, "counselled": 10}],
            "outreach_targets": {"new_contacts": 150, "counselled": 75},
        },
        "options": {"as_of": "2024-12-31", "min_cell": 0},
        "expected": {
            "/targets": [
                {"year": 2024, "measure": "new_contacts", "target": 150, "achieved": shown(30), "percent_of_target": 20},
                {"year": 2024, "measure": "counselled", "target": 75, "achieved": shown(10), "percent_of_target": 13},
            ],
        },
    },
    {
        "name": "nationalities: countries under the smallest count are grouped",
        "document": {"outreach_visits": [
            {"date": "2024-03-01", "form": "online", "women_met": 20, "nationalities": {"TH": 9, "RO": 6, "NG": 3}}]},
        "options": {"as_of": "2024-12-31", "min_cell": 5},
        "expected": {
            "/nationalities": {
                "top": [{"key": "TH", "count": 9, "percent": 45}, {"key": "RO", "count": 6, "percent": 30}],
                "other": HIDDEN,
                "not_recorded": HIDDEN,
            },
        },
    },
]

out = {
    "description": "Outreach and mapping (issue 18): municipality codes, venue codes, ISO 3166-1 country codes, venues and visits read from a document.",
    "municipality": municipality,
    "venue_id": venue_id,
    "country": country,
    "document": document,
    "report": report,
}
(HERE / "outreach.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
