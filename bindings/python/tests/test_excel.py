"""From Excel and pandas to the agency's tables (issue 14): CSV as Danish Excel and SurveyXact
write them, DataFrames, errors at scale, leaving out bad rows, pandas scoring's promises."""

import datetime
import pathlib

import numpy as np
import pandas as pd
import pytest

import overgang
import overgang.pandas

ROOT = pathlib.Path(__file__).parents[3]
FIX = ROOT / "tests" / "fixtures" / "excel"
COLUMNS = dict(p.split("=") for p in (FIX / "columns.txt").read_text(encoding="utf-8").strip().split(","))
SECRET = "Kirsten Hansen 010190-1234"


def excel_cohort(**kw):
    return overgang.Cohort.from_csv(
        participants=FIX / "deltagere.csv",
        who5=FIX / "who5_surveyxact.csv",
        gse=FIX / "gse.csv",
        ten_step=FIX / "tiskala.csv",
        interventions=FIX / "indsatser.csv",
        project="Eksempelprojekt",
        columns=COLUMNS,
        **kw,
    )


def test_excel_files_report_like_the_json_they_came_from():
    from_json = overgang.Cohort.from_json((FIX / "sample.cohort.json").read_text(encoding="utf-8"))
    a = excel_cohort().report(as_of=datetime.date(2023, 12, 31))
    b = from_json.report(as_of=pd.Timestamp("2023-12-31"))
    assert a == b and a["participants"] == {"count": 80}


def test_forcing_an_encoding():
    with pytest.raises(overgang.ValidationError) as info:
        excel_cohort(encoding="utf-8")
    at = info.value.errors[0]["location"]
    assert (at["file"], at["line"], info.value.errors[0]["code"]) == ("deltagere.csv", 1, "invalid_format")
    assert len(excel_cohort(encoding="auto")) == 80
    with pytest.raises(overgang.ValidationError) as info:
        excel_cohort(encoding=SECRET, on_error=SECRET)
    assert [e["field"] for e in info.value.errors] == ["encoding", "on_error"]
    assert "Kirsten" not in str(info.value)


def test_a_missing_file_is_named():
    with pytest.raises(FileNotFoundError) as info:
        overgang.Cohort.from_csv(participants="does-not-exist.csv")
    assert "does-not-exist.csv" in str(info.value)


def write(tmp_path, name, text, encoding="cp1252"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_drop_leaves_out_bad_rows_and_the_report_counts_them(tmp_path):
    people = write(tmp_path, "p.csv", "ID;Køn;Startdato\n" + "".join(
        f"P-{i};{'kvindelig' if i == 7 else 'Kvinde'};10-02-2023\n" for i in range(40)))
    who5 = write(tmp_path, "w.csv", "Respondent;Dato;q1;q2;q3;q4;q5\n" + "".join(
        f"P-{i};2023-03-01 00:00:00;{6 if i == 3 else 3};3;3;3;3\n" for i in range(40)), "utf-8-sig")
    cols = {"Køn": "gender", "startdato": "start", "respondent": "id", "dato": "date",
            **{f"q{i}": f"item{i}" for i in range(1, 6)}}
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(participants=people, who5=who5, columns=cols)
    assert [(e["location"]["line"], e["location"]["column"], e["code"]) for e in info.value.errors] == [
        (9, "gender", "unknown_value"), (5, "item3", "out_of_range")] or sorted(
        (e["location"]["line"], e["code"]) for e in info.value.errors) == [(5, "out_of_range"), (9, "unknown_value")]
    c = overgang.Cohort.from_csv(participants=people, who5=who5, columns=cols, on_error="drop")
    assert len(c) == 39
    r = c.report(min_cell=0)
    assert r["excluded"] == {"rows": 3, "participants": 1, "with_participant": 1,
                             "by_code": {"out_of_range": 1, "unknown_value": 1}}
    assert c.excluded == r["excluded"]
    # Under the default min_cell, 3 rows left out is a small count: the block is withheld.
    protected = c.report()
    assert "excluded" not in protected
    assert {"figure": "excluded", "reason": "small_count"} in protected["protection"]["withheld"]
    assert "excluded" not in overgang.Cohort.sample().report()


def test_header_problems_once_and_summary_and_frame(tmp_path):
    people = write(tmp_path, "p.csv", "id;start\n" + "".join(f"P-{i};2023-01-01\n" for i in range(433)))
    who5 = write(tmp_path, "w.csv", f"id;date;q1;q2;q3;q4;q5;{SECRET}\n" + "".join(
        f"P-{i};2023-01-01;1;2;3;4;5;x\n" for i in range(433)))
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(participants=people, who5=who5)
    e = info.value
    assert len(e.errors) == 11
    s = e.summary()
    assert s["total"] == 11 and sum(g["count"] for g in s["groups"]) == 11
    assert "11 problems in" in str(s)
    frame = e.to_frame()
    assert list(frame.columns) == ["field", "code", "message", "file", "line", "column"]
    assert len(frame) == 11 and set(frame["line"]) == {1}
    for text in (str(e), str(s), frame.to_csv()):
        assert "Kirsten" not in text and "010190" not in text


def test_str_of_many_problems_stays_short_while_errors_keep_every_one():
    doc = {"project": "P", "participants": [{"id": f"P-{i}", "start": "2024-13-01", "age": 9} for i in range(5000)]}
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_json(doc)
    assert len(info.value.errors) == 10000
    assert len(str(info.value)) < 4000
    groups = info.value.summary()["groups"]
    assert [(g["code"], g["column"], g["count"]) for g in groups] == [
        ("out_of_range", "participants[].age", 5000), ("invalid_format", "participants[].start", 5000)] or len(groups) == 2
    assert all(len(g["first"]) == 3 for g in groups)


def test_from_frames_takes_what_pandas_holds():
    people = pd.DataFrame({
        "id": ["A-1", "A-2", "A-3"],
        "gender": ["Kvinde", "WOMAN", None],
        "age": pd.array([30, None, 41], dtype="Int64"),
        "start": pd.to_datetime(["2023-01-05", "2023-02-01", "2023-03-01"]),
        "end": [pd.NaT, pd.Timestamp("2023-10-01"), datetime.date(2023, 11, 1)],
        "anonymous": [True, False, None],
    })
    who5 = pd.DataFrame({
        "id": ["A-1", "A-2", "A-2"],
        "date": [pd.Timestamp("2023-01-05"), datetime.date(2023, 2, 1), datetime.datetime(2023, 9, 1)],
        "item1": [3, 4.0, 2], "item2": [3, np.nan, 2], "item3": pd.array([1, 2, 2], dtype="Int64"),
        "item4": [2.0, 2.0, 2.0], "item5": [3, 3, 3],
    })
    c = overgang.Cohort.from_frames(participants=people, who5=who5, project="P")
    assert len(c) == 3
    doc = c.to_json()
    assert '"gender":"woman"' in doc and '"end":"2023-10-01"' in doc
    r = c.report(as_of=pd.Timestamp("2023-12-31"), min_cell=0, min_wave=1)
    assert r["gender"]["rows"][0]["count"] == 2
    # The same reading as CSV: a Danish label, a column map, NaN as missing.
    renamed = who5.rename(columns={f"item{i}": f"q{i}" for i in range(1, 6)})
    c2 = overgang.Cohort.from_frames(participants=people, who5=renamed, project="P",
                                     columns={f"q{i}": f"item{i}" for i in range(1, 6)})
    assert c2.report(as_of="2023-12-31") == c.report(as_of="2023-12-31")


def test_from_frames_errors_name_frame_and_row_never_the_cell():
    people = pd.DataFrame({"id": ["A-1", "A-2"], "start": [pd.Timestamp("2023-01-05 13:30"), SECRET],
                           "gender": [SECRET, "Kvinde"]})
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_frames(participants=people)
    found = [(e["location"]["file"], e["location"]["line"], e["location"]["column"], e["code"]) for e in info.value.errors]
    assert ("participants", 2, "start", "invalid_format") in found
    assert ("participants", 2, "gender", "unknown_value") in found
    assert ("participants", 3, "start", "invalid_format") in found
    assert "Kirsten" not in str(info.value) and "010190" not in repr(info.value.errors)


def test_date_arguments_take_date_datetime_and_timestamp():
    c = overgang.Cohort.sample()
    expected = c.report(as_of="2023-12-31")
    for d in (datetime.date(2023, 12, 31), datetime.datetime(2023, 12, 31), pd.Timestamp("2023-12-31")):
        assert c.report(as_of=d) == expected
    with pytest.raises(overgang.ValidationError):
        c.report(as_of=pd.Timestamp("2023-12-31 10:00"))
    a = overgang.cti.Course(pd.Timestamp("2024-09-15"), datetime.datetime(2024, 10, 31))
    assert a.phase_on(datetime.date(2025, 3, 1)) == overgang.cti.Course("2024-09-15", "2024-10-31").phase_on("2025-03-01")


def test_pandas_scoring_refuses_text_strings_and_booleans_by_row():
    df = pd.DataFrame({"id": ["AAR-0001", "AAR-0002", "AAR-0003"],
                       "item1": [3, SECRET, "3"], "item2": [True, 1, 1], "item3": [1, 1, 1],
                       "item4": [1, 1, 1], "item5": [1, 1, 1]}, index=[10, 11, 12])
    with pytest.raises(overgang.ValidationError) as info:
        overgang.pandas.score_who5(df)
    e = info.value
    assert [(x["field"], x["code"], x["row"], x.get("label")) for x in e.errors] == [
        ("item2", "not_a_number", 0, 10), ("item1", "not_a_number", 1, 11), ("item1", "not_a_number", 2, 12)]
    assert "Kirsten" not in str(e) and "010190" not in str(e) and "AAR-" not in str(e)
    # A string index may be an ID: the row is named by position only.
    with pytest.raises(overgang.ValidationError) as info:
        overgang.pandas.score_who5(df.set_index("id"))
    assert "AAR-" not in str(info.value) and "label" not in info.value.errors[0]
    # A boolean column is refused too.
    ok = pd.DataFrame({f"item{i}": [1, 2] for i in range(1, 6)})
    ok["item5"] = [True, False]
    with pytest.raises(overgang.ValidationError):
        overgang.pandas.score_who5(ok)


def test_pandas_default_columns_by_name_never_an_id_column():
    df = pd.DataFrame({"id": [1, 2], "Item1": [3, 1], "item2": [4, 1], "item3": [2, None], "item4": [3, 1], "item5": [4, 1]})
    out = overgang.pandas.score_who5(df)
    assert out["index"].tolist()[0] == 64 and out["error"].tolist() == ["valid", "missing"]
    with pytest.raises(overgang.ValidationError) as info:
        overgang.pandas.score_who5(df.drop(columns="item2"))
    assert [x["field"] for x in info.value.errors] == ["item2"]


def test_a_rows_error_is_out_of_range_before_missing():
    df = pd.DataFrame({f"item{i}": [None if i == 1 else (9 if i == 4 else 2)] for i in range(1, 6)})
    assert overgang.pandas.score_who5(df)["error"].tolist() == ["out_of_range"]
    arr = overgang.score_who5_array(np.array([[np.nan, 2, 2, 9, 2]]))
    assert overgang.ARRAY_ERROR_CODES[int(arr.error[0])] == "out_of_range"


def test_tables_are_tidy_frames_with_labels_from_the_report_dict():
    report = overgang.Cohort.sample().report()
    t = overgang.pandas.tables(report, lang="da")
    assert {"gender", "age_bands", "who5.waves", "interventions.by_category"} <= set(t)
    g = t["gender"]
    assert list(g.columns) == ["key", "label", "wave", "n", "count", "percent", "mean", "suppressed"]
    assert g.loc[0, "label"] == "Kvinde" and int(g.loc[0, "count"]) == report["gender"]["rows"][0]["count"]
    assert t["interventions.by_category"].loc[0, "label"] == "Rådgivning og vejledning"
    assert overgang.pandas.tables(report, lang="en")["gender"].loc[0, "label"] == "Woman"


def _make_xlsx():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_xlsx", FIX / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_workbook_in_from_csvs_place_reports_like_the_json_it_came_from():
    # registrering.xlsx: an instruction sheet, then every kind of sheet with date cells and
    # Danish headers and labels (tests/fixtures/excel/make_xlsx.py).
    from_json = overgang.Cohort.from_json((FIX / "sample.cohort.json").read_text(encoding="utf-8"))
    book = overgang.Cohort.from_csv(FIX / "registrering.xlsx", project="Eksempelprojekt", columns=COLUMNS)
    assert book.report(as_of="2023-12-31") == from_json.report(as_of="2023-12-31")
    assert len(book) == 80


def test_workbook_errors_name_file_sheet_row_and_column_never_a_cell(tmp_path):
    # Without the column map, the Danish headers are named by position.
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(str(FIX / "registrering.xlsx"), columns={k: v for k, v in COLUMNS.items() if k != "køn"})
    (err,) = info.value.errors
    assert (err["location"]["file"], err["field"], err["code"]) == ("registrering.xlsx:Deltagere", "column #2", "unknown_field")
    assert "Køn" not in str(info.value)
    # A cell that is not a date: its sheet, row and column, not its content.
    path = tmp_path / "bad.xlsx"
    _make_xlsx().write_workbook(path, [("Ark1", [["id", "start"], ["A-1", datetime.date(2023, 1, 2)], ["A-2", SECRET]])])
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(path)
    (err,) = info.value.errors
    assert err["location"] == {"file": "bad.xlsx:Ark1", "line": 3, "column": "start"}
    assert "Kirsten" not in str(info.value) and "010190" not in repr(info.value.errors)
    # Bytes that are not a workbook.
    (tmp_path / "not.xlsx").write_text(SECRET)
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_csv(tmp_path / "not.xlsx")
    assert info.value.errors[0]["code"] == "invalid_format" and "Kirsten" not in str(info.value)


def test_compare_takes_workbook_paths(tmp_path):
    sheets = [("Deltagere", [["id", "gender", "age", "start"]] + [[f"A-{i}", "Kvinde", 30 + i, datetime.date(2023, 1, 1 + i)] for i in range(6)])]
    _make_xlsx().write_workbook(tmp_path / "Aarhus.xlsx", sheets)
    result = overgang.compare([tmp_path / "Aarhus.xlsx", str(tmp_path / "Aarhus.xlsx"), overgang.Cohort.sample()], min_cell=0)
    a, b, c = result["projects"]
    assert a["project"] == b["project"] == "Aarhus"
    assert (a["participants"], c["participants"]) == (6, 80)


def test_xlsx_is_the_command_lines_and_the_error_names_the_allowed_formats():
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.sample().render(format="xlsx")
    assert "allowed: md, json, html, csv" in str(info.value)
