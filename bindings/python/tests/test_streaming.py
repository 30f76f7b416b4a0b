"""Reading cohort documents from files participant by participant, with progress."""

import json

import pytest

import overgang


def test_from_file_reads_what_to_json_writes_and_reports_progress(tmp_path):
    cohort = overgang.Cohort.generate(3000, seed=5)
    path = tmp_path / "cohort.json"
    path.write_text(cohort.to_json(), encoding="utf-8")
    calls = []
    again = overgang.Cohort.from_file(path, progress=lambda b, t, n: calls.append((b, t, n)))
    assert again.to_json() == cohort.to_json()
    assert calls, "progress was never reported"
    size = path.stat().st_size
    assert all(t == size for _, t, _ in calls)
    assert [b for b, _, _ in calls] == sorted(b for b, _, _ in calls)
    assert calls[-1][0] == size and calls[-1][2] == 3000


def test_report_file_is_the_report_of_the_cohort_read_whole(tmp_path):
    cohort = overgang.Cohort.generate(3000, seed=6)
    path = tmp_path / "cohort.json"
    path.write_text(cohort.to_json(), encoding="utf-8")
    calls = []
    report = overgang.Cohort.report_file(path, progress=lambda b, t, n: calls.append(n), min_cell=3)
    assert report == cohort.report(min_cell=3)
    assert calls and calls[-1] == 3000
    # Its errors are those of reading the file, then of the options.
    with pytest.raises(overgang.ValidationError) as e:
        overgang.Cohort.report_file(path, intervention_bins=[3, 2])
    with pytest.raises(overgang.ValidationError) as whole:
        overgang.Cohort.from_file(path).report(intervention_bins=[3, 2])
    assert e.value.errors == whole.value.errors
    with pytest.raises(overgang.ValidationError, match="render"):
        overgang.Cohort.report_file(path, format="json")
    broken = tmp_path / "broken.json"
    broken.write_text(cohort.to_json().replace('"start":"', '"start":"x', 1), encoding="utf-8")
    with pytest.raises(overgang.ValidationError) as e:
        overgang.Cohort.report_file(broken)
    with pytest.raises(overgang.ValidationError) as whole:
        overgang.Cohort.from_file(broken)
    assert e.value.errors == whole.value.errors


def test_written_documents_are_compact_one_participant_per_line():
    text = overgang.Cohort.generate(5, seed=1).to_json()
    lines = text.splitlines()
    assert len(lines) == 1 + 5 + 1
    assert json.loads(text)["participants"][0]["id"] == json.loads(lines[1].rstrip(","))["id"]


def test_progress_true_without_tqdm_is_quiet_and_errors_are_plain(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(overgang.Cohort.sample().to_json(), encoding="utf-8")
    assert len(overgang.Cohort.from_file(str(path), progress=False).to_json()) > 0
    with pytest.raises(TypeError, match="progress"):
        overgang.Cohort.from_file(path, progress="yes")
    with pytest.raises(FileNotFoundError, match="missing.json"):
        overgang.Cohort.from_file(tmp_path / "missing.json")


def test_a_callback_that_raises_is_raised_after_the_read(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(overgang.Cohort.generate(2000, seed=2).to_json(), encoding="utf-8")

    def boom(*_):
        raise RuntimeError("from the callback")

    with pytest.raises(RuntimeError, match="from the callback"):
        overgang.Cohort.from_file(path, progress=boom)


def test_problems_in_a_file_have_paths_and_no_content(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"project": "P", "participants": [{"id": "A1", "start": "2024-01-01"},'
        ' {"id": "Anna Jensen 010190-1234", "start": "2024-13-01"}]}',
        encoding="utf-8",
    )
    with pytest.raises(overgang.ValidationError) as info:
        overgang.Cohort.from_file(path)
    fields = {e["field"] for e in info.value.errors}
    assert {"participants[1].id", "participants[1].start"} <= fields
    assert "Anna" not in str(info.value) and "010190" not in str(info.value)


from test_excel import COLUMNS as EXCEL_COLUMNS
from test_excel import FIX as EXCEL
from test_excel import excel_cohort

EXCEL_FILES = ["deltagere.csv", "who5_surveyxact.csv", "gse.csv", "tiskala.csv", "indsatser.csv"]


def test_report_csv_is_the_report_of_the_files_read_whole():
    # Danish Excel's files (Windows-1252, semicolons, Danish headers and labels), in any order.
    paths = [EXCEL / name for name in reversed(EXCEL_FILES)]
    report = overgang.Cohort.report_csv(*paths, project="Eksempelprojekt", columns=EXCEL_COLUMNS, min_cell=3)
    whole = excel_cohort().report(min_cell=3)
    assert report == whole and report["participants"] == {"count": 80}
    # A workbook's sheets too.
    book = overgang.Cohort.report_csv(EXCEL / "registrering.xlsx", project="Eksempelprojekt", columns=EXCEL_COLUMNS, min_cell=3)
    assert book == whole


def test_report_csv_errors_are_those_of_from_csv(tmp_path):
    people = tmp_path / "deltagere.csv"
    people.write_bytes((EXCEL / "deltagere.csv").read_bytes().replace(b"Kvinde", b"Kvindelig", 1))
    with pytest.raises(overgang.ValidationError) as streamed:
        overgang.Cohort.report_csv(people, columns=EXCEL_COLUMNS)
    with pytest.raises(overgang.ValidationError) as whole:
        overgang.Cohort.from_csv(participants=people, columns=EXCEL_COLUMNS)
    assert streamed.value.errors == whole.value.errors
    assert streamed.value.errors[0]["location"]["file"] == "deltagere.csv"
    # Dropping the row reports without it, as from_csv does.
    dropped = overgang.Cohort.report_csv(people, columns=EXCEL_COLUMNS, on_error="drop")
    assert dropped == overgang.Cohort.from_csv(participants=people, columns=EXCEL_COLUMNS, on_error="drop").report()
    assert dropped["participants"] == {"count": 79}
    with pytest.raises(FileNotFoundError):
        overgang.Cohort.report_csv(tmp_path / "missing.csv")
    with pytest.raises(overgang.ValidationError, match="paths"):
        overgang.Cohort.report_csv()
    with pytest.raises(overgang.ValidationError, match="render"):
        overgang.Cohort.report_csv(people, format="json")
