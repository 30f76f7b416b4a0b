"""The cohort report from Python: the same JSON as Rust (golden files), CSV import with file,
line and column in errors, and the human formats."""

import json
import pathlib

import pytest

import overgang
from conftest import same

ROOT = pathlib.Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden"
CSV = ROOT / "tests" / "csv"


@pytest.mark.parametrize("name", ["aarhus", "copenhagen", "esbjerg"])
def test_report_matches_the_rust_golden_file(name):
    cohort = overgang.Cohort.from_json((GOLDEN / f"{name}.cohort.json").read_text(encoding="utf-8"))
    got = cohort.report(min_cell=0)
    expected = json.loads((GOLDEN / f"{name}.report.json").read_text(encoding="utf-8"))
    assert same(got, expected)


def test_published_aarhus_percentages():
    cohort = overgang.Cohort.from_json((GOLDEN / "aarhus.cohort.json").read_text(encoding="utf-8"))
    r = cohort.report(min_cell=0)
    assert [row["percent"] for row in r["age_bands"]["rows"]] == [31, 27, 10, 19, 14]
    assert [row["percent"] for row in r["gender"]["rows"]] == [95, 5, 0]


def test_suppressed_cells_have_null_count_and_percent():
    cohort = overgang.Cohort.from_json((GOLDEN / "aarhus.cohort.json").read_text(encoding="utf-8"))
    men = cohort.report()["gender"]["rows"][1]
    assert men == {"gender": "man", "count": None, "percent": None, "suppressed": True}


def test_csv_import():
    cohort = overgang.Cohort.from_csv(participants=CSV / "participants.csv", who5=CSV / "who5.csv", project="CSV")
    r = cohort.report(as_of="2023-12-31", min_cell=0, min_wave=1)
    assert r["participants"]["count"] == 3
    assert r["participation"]["excluded_short"] == 1
    # the NA answer: no score, counted, not dropped silently
    assert r["who5"]["left_out"]["unscorable"] == 1
    assert r["interventions"]["anti_trafficking_referrals"]["count"] == 1


def test_csv_errors_name_file_line_and_column_and_report_everything():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(participants=CSV / "participants.csv", who5=CSV / "who5_bad.csv")
    got = [(e["code"], e.get("location")) for e in info.value.errors]
    assert ("unknown_value", {"file": "who5_bad.csv", "line": 3, "column": "id"}) in got
    assert ("invalid_format", {"file": "who5_bad.csv", "line": 4, "column": "date"}) in got
    assert ("out_of_range", {"file": "who5_bad.csv", "line": 4, "column": "item2"}) in got
    assert ("not_a_number", {"file": "who5_bad.csv", "line": 4, "column": "item5"}) in got
    assert "CSV-0009" not in str(info.value)


def test_render_formats_and_languages():
    c = overgang.Cohort.sample()
    assert c.render().startswith("# Kohorterapport")
    assert c.render(format="html", lang="en").startswith("<!doctype html>")
    assert c.render(format="csv").startswith("section,key,wave")
    with pytest.raises(overgang.ValidationError) as info:
        c.render(format="pdf")
    assert info.value.errors[0]["field"] == "format"


def test_bad_as_of_is_a_validation_error():
    with pytest.raises(overgang.ValidationError):
        overgang.Cohort.sample().report(as_of="31-12-2023")


def test_round_trip_through_json():
    c = overgang.Cohort.sample()
    again = overgang.Cohort.from_json(c.to_json())
    assert again.report() == c.report()


def test_intervention_bins_are_configurable_and_bounded():
    c = overgang.Cohort.sample()
    bins = [b["interventions"] for b in c.report(intervention_bins=2)["interventions"]["by_count"]]
    assert bins == ["0", "1", "2+"]
    for bad in (0, 21, 10**30, -1, "4"):
        with pytest.raises(overgang.ValidationError) as info:
            c.report(intervention_bins=bad)
        assert info.value.errors[0]["field"] == "intervention_bins"


def test_aarhus_figure_1_with_bins_as_lower_edges():
    # Seed 001 line 321: 15 / 31 / 4 / 23, "two or three" merged.
    cohort = overgang.Cohort.from_json((GOLDEN / "aarhus_figure1.cohort.json").read_text(encoding="utf-8"))
    got = cohort.report(min_cell=0, intervention_bins=[0, 1, 2, 4])
    expected = json.loads((GOLDEN / "aarhus_figure1.report.json").read_text(encoding="utf-8"))
    assert same(got, expected)
    assert [(b["interventions"], b["count"]) for b in got["interventions"]["by_count"]] == [("0", 15), ("1", 31), ("2-3", 4), ("4+", 23)]


def test_new_report_options_reach_the_core():
    c = overgang.Cohort.sample()
    r = c.report(min_cell=0, wave_gap_days="any", bins_exclude=[], target={"percent": 75, "programmes": ["one_to_one"]})
    assert r["options"]["wave_gap_days"] == [0, None]
    assert r["who5"]["left_out"]["spacing"] == 0
    assert len(r["targets"]) == 6 and r["targets"][0]["measure"] == "ten_step:prostitution"
    assert c.report()["targets"] is None
    with pytest.raises(overgang.ValidationError) as info:
        c.report(offered=["counselling"])
    assert info.value.errors[0]["code"] == "unknown_value"
    assert info.value.errors[0]["field"].startswith("participants[")


def test_compare_projects_side_by_side():
    docs = [(GOLDEN / f"{n}.cohort.json").read_text(encoding="utf-8") for n in ("aarhus", "esbjerg", "copenhagen")]
    cohorts = [overgang.Cohort.from_json(d) for d in docs]
    got = overgang.compare(cohorts, min_cell=0)
    # Seed 001 Table 1 (lines 84-86).
    assert [p["participants"] for p in got["projects"]] == [78, 84, 91]
    assert [round(p["mean_months"], 1) for p in got["projects"]] == [9.9, 10.9, 7.2]
    assert [round(p["mean_age"]) for p in got["projects"]] == [32, 41, 46]
    assert [p["who5_first_wave"]["n"] for p in got["projects"]] == [28, 27, 52]
    assert overgang.compare(docs, min_cell=0) == got  # documents work as well as cohorts
    md = overgang.compare(cohorts, format="md", lang="en")
    assert md.startswith("# Projects side by side")
    with pytest.raises(overgang.ValidationError) as info:
        overgang.compare([])
    assert info.value.errors[0]["field"] == "projects"
