//! The `overgang` command as a user runs it: reports, errors with file and line, exit codes,
//! atomic output (a killed run leaves no half report), and early refusal of huge files.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_overgang"))
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("overgang-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn report_on_the_sample_in_every_format() {
    for (format, start) in [
        ("md", "# Kohorterapport"),
        ("html", "<!doctype html>"),
        ("csv", "section,"),
        ("json", "{"),
    ] {
        let out = bin().args(["report", "--format", format]).output().unwrap();
        assert!(out.status.success(), "{format}");
        assert!(
            String::from_utf8(out.stdout).unwrap().starts_with(start),
            "{format}"
        );
    }
}

#[test]
fn csv_errors_go_to_stderr_with_file_line_and_column_and_exit_code_2() {
    let out = bin()
        .arg("report")
        .arg(repo("tests/csv/participants.csv"))
        .arg(repo("tests/csv/who5_bad.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("who5_bad.csv line 3, column id"), "{err}");
    assert!(err.contains("who5_bad.csv line 4, column item2"), "{err}");
    assert!(
        !err.contains("CSV-0009"),
        "an unknown id is not echoed: {err}"
    );
    assert!(out.stdout.is_empty(), "nothing is written half");
}

#[test]
fn golden_cohort_as_json_from_a_file() {
    let out = bin()
        .arg("report")
        .arg(repo("tests/golden/aarhus.cohort.json"))
        .args(["--format", "json", "--min-cell", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["participants"]["count"], 78);
}

#[test]
fn a_failed_run_leaves_an_existing_report_untouched() {
    let dir = tmp("failed");
    let target = dir.join("report.md");
    std::fs::write(&target, "the previous report").unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"project\": \"x\", \"participants\": [{\"id\": \"010190-1234\"}]}",
    )
    .unwrap();
    let out = bin()
        .arg("report")
        .arg(&bad)
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous report"
    );
    assert!(!String::from_utf8(out.stderr).unwrap().contains("010190"));
}

#[test]
fn a_run_killed_while_writing_never_leaves_half_a_report() {
    let dir = tmp("killed");
    let target = dir.join("report.html");
    std::fs::write(&target, "the previous report").unwrap();
    let mut child = bin()
        .args(["report", "--format", "html", "--output"])
        .arg(&target)
        .env("OVERGANG_TEST_WRITE_DELAY_MS", "200")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the temporary file exists and has some content, then kill mid-write.
    let started = std::time::Instant::now();
    let partial = loop {
        let tmp = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        if let Some(t) = tmp {
            if t.metadata().map(|m| m.len() > 0).unwrap_or(false) {
                break t.path();
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the report never started writing"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous report",
        "the target is untouched"
    );
    assert!(std::fs::read_to_string(&partial).unwrap().len() < 10_000_000);
    // An uninterrupted run replaces it whole.
    let out = bin()
        .args(["report", "--format", "html", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
}

#[test]
fn huge_json_files_fail_early_in_bounded_memory() {
    let dir = tmp("huge");
    let huge = dir.join("huge.json");
    // Sparse files: long, no disk used. 1 GB of junk fails at its first byte (documents are
    // read as they are parsed); a file over the document limit is refused before reading.
    for (len, expected) in [
        (1u64 << 30, "not valid JSON"),
        (5_000_000_000, "4000 MB limit"),
    ] {
        std::fs::File::create(&huge).unwrap().set_len(len).unwrap();
        let out = bin().arg("report").arg(&huge).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{err}");
    }
    std::fs::remove_file(&huge).unwrap();
}

#[test]
fn a_pipe_stops_at_the_size_limit() {
    use std::io::Write;
    let mut child = bin()
        .args(["report", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let chunk = vec![b' '; 1 << 20];
    // Writes until the command stops reading (a broken pipe) or 300 MB have gone.
    for _ in 0..300 {
        if stdin.write_all(&chunk).is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("200 MB limit"));
}

#[cfg(unix)]
#[test]
fn a_pipe_or_device_given_to_o_is_written_to_not_replaced() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tmp("fifo");
    let fifo = dir.join("report.fifo");
    let _ = std::fs::remove_file(&fifo);
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    let out = bin()
        .args(["report", "--format", "json", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Still a pipe: a rename over it would have left a regular file (as over /dev/null).
    // Checked first: the reader waits for a writer that, then, never came.
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let text = reader.join().unwrap();
    assert!(text.contains("\"participants\""), "{text}");
    std::fs::remove_file(&fifo).unwrap();
}

#[cfg(unix)]
#[test]
fn reports_are_written_0600_through_no_planted_symlink_and_keep_an_existing_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp("modes");
    let out = dir.join("report.md");
    let _ = std::fs::remove_file(&out);
    assert!(bin()
        .args(["report", "-o"])
        .arg(&out)
        .status()
        .unwrap()
        .success());
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // An existing report keeps its mode.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(bin()
        .args(["report", "-o"])
        .arg(&out)
        .status()
        .unwrap()
        .success());
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A symlink at the target is replaced, never written through.
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = dir.join("linked.md");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    assert!(bin()
        .args(["report", "-o"])
        .arg(&link)
        .status()
        .unwrap()
        .success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn usage_errors_never_repeat_the_value_given() {
    for args in [
        vec!["score", "010190-1234", "1", "2"],
        vec!["report", "--min-cell", "010190-1234"],
        vec!["report", "--010190-1234"],
        vec!["010190-1234"],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("010190"), "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

#[test]
fn score_reports_every_problem() {
    let out = bin()
        .args(["score", "who5", "3", "x", "7", "2.5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("wrong_length"), "{err}");
    let out = bin()
        .args(["score", "who5", "3", "x", "7", "2.5", "NA"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    for code in ["not_a_number", "out_of_range", "not_an_integer", "missing"] {
        assert!(err.contains(code), "{code}: {err}");
    }
}

/// The Danish Excel / SurveyXact fixtures and their column map.
fn excel_args() -> Vec<String> {
    let dir = repo("tests/fixtures/excel");
    let mut args: Vec<String> = [
        "deltagere.csv",
        "who5_surveyxact.csv",
        "gse.csv",
        "tiskala.csv",
        "indsatser.csv",
    ]
    .iter()
    .map(|f| dir.join(f).display().to_string())
    .collect();
    args.push("--columns".into());
    args.push(
        std::fs::read_to_string(dir.join("columns.txt"))
            .unwrap()
            .trim()
            .to_string(),
    );
    args
}

#[test]
fn excel_files_report_like_the_json_they_came_from() {
    let csv = bin()
        .args([
            "report",
            "--format",
            "json",
            "--as-of",
            "2023-12-31",
            "--project",
            "Eksempelprojekt",
        ])
        .args(excel_args())
        .output()
        .unwrap();
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let json = bin()
        .args(["report", "--format", "json", "--as-of", "2023-12-31"])
        .arg(repo("tests/fixtures/excel/sample.cohort.json"))
        .output()
        .unwrap();
    assert!(json.status.success());
    assert_eq!(csv.stdout, json.stdout);
    let ok = bin().arg("validate").args(excel_args()).output().unwrap();
    assert!(ok.status.success());
    assert_eq!(
        String::from_utf8(ok.stdout).unwrap(),
        "valid: 80 participants\n"
    );
}

#[test]
fn validate_groups_problems_and_drop_counts_what_was_left_out() {
    let dir = tmp("validate");
    let people: String = std::iter::once("id;køn;start".to_string())
        .chain((0..300).map(|i| {
            let g = if i % 100 == 7 { "Kirsten" } else { "Kvinde" };
            format!("P-{i};{g};10-02-2023")
        }))
        .collect::<Vec<_>>()
        .join("\r\n");
    let bytes: Vec<u8> = people
        .chars()
        .map(|c| if c == 'ø' { 0xf8 } else { c as u8 })
        .collect();
    std::fs::write(dir.join("deltagere.csv"), bytes).unwrap();
    let out = bin()
        .arg("validate")
        .arg(dir.join("deltagere.csv"))
        .args(["--columns", "køn=gender"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("3 problems in 1 group:\n"), "{text}");
    assert!(
        text.contains("3 x unknown_value in deltagere.csv, column gender"),
        "{text}"
    );
    assert!(
        text.contains("deltagere.csv line 9, column gender"),
        "{text}"
    );
    assert!(!text.contains("Kirsten"), "{text}");
    let out = bin()
        .args([
            "report",
            "--format",
            "json",
            "--on-error",
            "drop",
            "--columns",
            "køn=gender",
            // 3 rows left out is a small count under the default 5, withheld with the block
            "--min-cell",
            "3",
        ])
        .arg(dir.join("deltagere.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["participants"]["count"], 297);
    assert_eq!(report["excluded"]["rows"], 3);
    assert_eq!(report["excluded"]["by_code"]["unknown_value"], 3);
    // The human formats show the rows left out per code.
    let drop_report = |format: &str, lang: &str| {
        let out = bin()
            .args(["report", "--on-error", "drop", "--columns", "køn=gender"])
            // 3 rows left out is withheld under the default min_cell (see above)
            .args(["--min-cell", "3"])
            .args(["--format", format, "--lang", lang])
            .arg(dir.join("deltagere.csv"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        out.stdout
    };
    let md = String::from_utf8(drop_report("md", "da")).unwrap();
    assert!(md.contains("## Rækker udeladt af inputtet"), "{md}");
    assert!(md.contains("| unknown_value | 3 |"), "{md}");
    let html = String::from_utf8(drop_report("html", "en")).unwrap();
    assert!(
        html.contains("<h2>Rows left out of the input</h2>"),
        "{html}"
    );
    let csv = String::from_utf8(drop_report("csv", "en")).unwrap();
    assert!(csv.contains("\nexcluded,rows,,3,3,,,false\n"), "{csv}");
    assert!(
        csv.contains("\nexcluded.by_code,unknown_value,,3,3,,,false\n"),
        "{csv}"
    );
    let xlsx = dir.join("drop.xlsx");
    std::fs::write(&xlsx, drop_report("xlsx", "en")).unwrap();
    {
        use calamine::{open_workbook_auto, Data, Reader};
        let mut wb = open_workbook_auto(&xlsx).unwrap();
        let last = wb.sheet_names().last().unwrap().clone();
        assert_eq!(last, "Rows left out of the input");
        let sheet = wb.worksheet_range(&last).unwrap();
        assert!(sheet
            .rows()
            .any(|r| r[0] == Data::String("unknown_value".into()) && r[1] == Data::Float(3.0)));
    }
    // Strict (the default), there is no such table.
    let out = bin().args(["report", "--format", "md"]).output().unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("udeladt af inputtet"));
    // Forcing UTF-8 on a Windows-1252 file: an error with file and line, not a crash.
    let out = bin()
        .arg("validate")
        .arg(dir.join("deltagere.csv"))
        .args(["--encoding", "utf-8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("deltagere.csv line 1: encoding:"), "{text}");
}

#[test]
fn a_workbook_reports_like_the_json_it_came_from_and_errors_name_the_sheet() {
    // registrering.xlsx (made by tests/fixtures/excel/make_xlsx.py): an instruction sheet,
    // participants with date cells, Danish labels and Ja/Nej, WHO-5 with SurveyXact's headers,
    // GSE, ten-step and interventions sheets with date cells: all of the JSON sample but its
    // CTI courses, so the whole report is the same.
    let dir = repo("tests/fixtures/excel");
    let columns = std::fs::read_to_string(dir.join("columns.txt")).unwrap();
    let xlsx = bin()
        .args([
            "report",
            "--format",
            "json",
            "--as-of",
            "2023-12-31",
            "--project",
            "Eksempelprojekt",
            "--columns",
            columns.trim(),
        ])
        .arg(dir.join("registrering.xlsx"))
        .output()
        .unwrap();
    assert!(
        xlsx.status.success(),
        "{}",
        String::from_utf8_lossy(&xlsx.stderr)
    );
    let json = bin()
        .args(["report", "--format", "json", "--as-of", "2023-12-31"])
        .arg(dir.join("sample.cohort.json"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(xlsx.stdout).unwrap(),
        String::from_utf8(json.stdout).unwrap()
    );
    // Without the column map the Danish headers are not the library's: named by position,
    // with file and sheet.
    let out = bin()
        .arg("validate")
        .arg(dir.join("registrering.xlsx"))
        .args([
            "--columns",
            "respondent=id,dato=date,kategori=category,q1=item1,q2=item2,q3=item3,q4=item4,q5=item5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("registrering.xlsx:Deltagere line 1: column #2"),
        "{text}"
    );
    assert!(!text.contains("Køn"), "{text}");
}

#[test]
fn audit_passes_a_report_and_finds_a_tampered_one() {
    let dir = tmp("audit");
    let report = dir.join("report.json");
    assert!(bin()
        .args(["report", "--format", "json", "-o"])
        .arg(&report)
        .status()
        .unwrap()
        .success());
    let out = bin().arg("audit").arg(&report).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let areas = r["ten_step"]["areas"].as_array_mut().unwrap();
    let area = areas
        .iter_mut()
        .find(|a| a["n"].as_u64().unwrap() >= 3)
        .unwrap();
    let n = area["n"].as_u64().unwrap();
    area["positive"] = serde_json::json!({"count": n - 1, "percent": null, "suppressed": false});
    std::fs::write(&report, r.to_string()).unwrap();
    let out = bin().arg("audit").arg(&report).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("complement"));
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_flags_reach_the_core_reader() {
    let fig1 = repo("tests/golden/aarhus_figure1.cohort.json");
    let v = json_of(&[
        "report",
        fig1.to_str().unwrap(),
        "--format",
        "json",
        "--min-cell",
        "0",
        "--intervention-bins",
        "0,1,2,4",
        "--offered",
        "counselling,coordination_course,case_management,individual_therapy,bridging",
        "--bins-exclude",
        "",
        "--wave-gap",
        "46-",
        "--target",
        "75",
        "--target-programme",
        "one_to_one",
    ]);
    let bins: Vec<(String, u64)> = v["interventions"]["by_count"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["interventions"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bins,
        [("0", 15), ("1", 31), ("2-3", 4), ("4+", 23)].map(|(k, n)| (k.to_string(), n))
    );
    assert_eq!(
        v["interventions"]["by_category"].as_array().unwrap().len(),
        5
    );
    let o = &v["options"];
    assert_eq!(o["intervention_bins"], serde_json::json!([0, 1, 2, 4]));
    assert_eq!(o["bins_exclude"], serde_json::json!([]));
    assert_eq!(o["wave_gap_days"], serde_json::json!([46, null]));
    assert_eq!(o["target"]["programmes"], serde_json::json!(["one_to_one"]));
    assert_eq!(v["targets"].as_array().unwrap().len(), 6);
    let any = json_of(&["report", "--format", "json", "--wave-gap", "any"]);
    assert_eq!(
        any["options"]["wave_gap_days"],
        serde_json::json!([0, null])
    );
    assert_eq!(any["who5"]["left_out"]["spacing"], 0);
    assert!(any["targets"].is_null());
}

#[test]
fn bad_report_flags_are_reported_together_without_echo() {
    let out = bin()
        .args([
            "report",
            "--wave-gap",
            "Anna-Jensen",
            "--offered",
            "anti_trafficking_referral",
            "--intervention-bins",
            "0,2,1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("3 problems"), "{err}");
    assert!(
        err.contains("participant flag anti_trafficking_referral"),
        "{err}"
    );
    assert!(!err.contains("Anna") && !err.contains("Jensen"), "{err}");
}

#[test]
fn compare_puts_projects_side_by_side() {
    let v = json_of(&[
        "compare",
        repo("tests/golden/aarhus.cohort.json").to_str().unwrap(),
        repo("tests/golden/esbjerg.cohort.json").to_str().unwrap(),
        repo("tests/golden/copenhagen.cohort.json")
            .to_str()
            .unwrap(),
        "--format",
        "json",
        "--min-cell",
        "0",
    ]);
    let p = v["projects"].as_array().unwrap();
    let table1: Vec<(u64, String, String, u64)> = p
        .iter()
        .map(|x| {
            (
                x["participants"].as_u64().unwrap(),
                format!("{:.1}", x["mean_months"].as_f64().unwrap()),
                format!("{:.0}", x["mean_age"].as_f64().unwrap()),
                x["who5_first_wave"]["n"].as_u64().unwrap(),
            )
        })
        .collect();
    // Seed 001 Table 1 (lines 84-86) and the first waves (lines 374, 667).
    assert_eq!(
        table1,
        [
            (78, "9.9".into(), "32".into(), 28),
            (84, "10.9".into(), "41".into(), 27),
            (91, "7.2".into(), "46".into(), 52)
        ]
    );
    // A folder of CSV files is one project, named after the folder.
    let dir = tmp("compare-csv");
    std::fs::copy(
        repo("tests/csv/participants.csv"),
        dir.join("participants.csv"),
    )
    .unwrap();
    for format in ["md", "html", "csv"] {
        let out = bin()
            .arg("compare")
            .arg(&dir)
            .args(["--format", format, "--lang", "en"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("overgang-cli-"), "{format}: {text}");
    }
    let out = bin().arg("compare").output().unwrap();
    assert!(!out.status.success(), "at least one project");
}

/// The built-in sample's report, and the same of files, without the CTI section (CTI courses
/// have no file format and are not written by `overgang sample`).
fn without_cti(mut v: serde_json::Value) -> serde_json::Value {
    v.as_object_mut().unwrap().remove("cti");
    v
}

#[test]
fn sample_files_report_like_the_built_in_sample() {
    let builtin = json_of(&["report", "--format", "json"]);
    assert_eq!(builtin["cti"]["courses"], 15, "the sample's CTI courses");
    let dir = tmp("sample");
    for format in ["csv", "xlsx"] {
        let out = bin()
            .args(["sample", "--format", format, "-o"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
    }
    let csv: Vec<String> = ["participants", "who5", "gse", "ten_step", "interventions"]
        .iter()
        .map(|k| dir.join(format!("{k}.csv")).display().to_string())
        .collect();
    let xlsx = vec![dir.join("sample.xlsx").display().to_string()];
    for files in [csv, xlsx] {
        let mut args = vec![
            "report",
            "--format",
            "json",
            "--as-of",
            "2023-12-31",
            "--project",
            "Eksempelprojekt (syntetiske data)",
        ];
        args.extend(files.iter().map(String::as_str));
        let from_files = json_of(&args);
        assert_eq!(from_files["cti"]["courses"], 0);
        assert_eq!(
            without_cti(from_files),
            without_cti(builtin.clone()),
            "{files:?}"
        );
    }
}

#[test]
fn the_template_reads_back_and_refuses_unknown_categories_without_echo() {
    let dir = tmp("template");
    let path = dir.join("registrering.xlsx");
    let out = bin()
        .args(["template", "--offered", "counselling,group_therapy", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    // Empty, it is a valid registration of nobody.
    let out = bin().arg("validate").arg(&path).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "valid: 0 participants\n"
    );
    // To a pipe (not a terminal) the workbook goes to stdout.
    let out = bin().args(["template", "--lang", "en"]).output().unwrap();
    assert!(out.status.success() && out.stdout.starts_with(b"PK"));
    let out = bin()
        .args(["template", "--offered", "counselling,Anna Jensen"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("offered[1]: unknown value"), "{err}");
    assert!(!err.contains("Anna"), "{err}");
}

#[test]
fn the_report_as_a_workbook_has_a_sheet_per_table_in_the_chosen_language() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = tmp("xlsx-report");
    let json = json_of(&["report", "--format", "json"]);
    for (lang, first, age) in [("da", "Rapport", "Alder"), ("en", "Report", "Age")] {
        let path = dir.join(format!("report-{lang}.xlsx"));
        let out = bin()
            .args(["report", "--format", "xlsx", "--lang", lang, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut wb = open_workbook_auto(&path).unwrap();
        let names = wb.sheet_names();
        assert_eq!((names[0].as_str(), names[1].as_str()), (first, age));
        assert!(names.len() > 10, "{names:?}");
        // The gender table's counts are the report's, as numbers.
        let gender = wb.worksheet_range(&names[2]).unwrap();
        let women = gender
            .rows()
            .find(|r| matches!(&r[0], Data::String(s) if s == "Kvinde" || s == "Woman"))
            .unwrap();
        let n = json["gender"]["rows"][0]["count"].as_u64().unwrap();
        assert_eq!(women[1], Data::Float(n as f64));
    }
    // To a pipe the workbook goes to stdout; compare has no workbook.
    let out = bin().args(["report", "--format", "xlsx"]).output().unwrap();
    assert!(out.status.success() && out.stdout.starts_with(b"PK"));
    let out = bin()
        .arg("compare")
        .arg(repo("tests/golden/aarhus.cohort.json"))
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("allowed: md, json, html, csv"));
}

#[test]
fn compare_reads_workbooks_and_a_broken_one_is_named_not_shown() {
    let dir = tmp("compare-xlsx").join("Eksempel");
    std::fs::create_dir_all(&dir).unwrap();
    let out = bin()
        .args(["sample", "--format", "xlsx", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let book = dir.join("sample.xlsx");
    let v = json_of(&[
        "compare",
        book.to_str().unwrap(),
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let p = v["projects"].as_array().unwrap();
    assert_eq!(
        (p[0]["participants"].as_u64(), p[1]["participants"].as_u64()),
        (Some(80), Some(80))
    );
    assert_eq!(p[1]["project"], "Eksempel");
    let broken = dir.join("broken.xlsx");
    std::fs::write(&broken, "id;start\n010190-1234;2023-01-01\n").unwrap();
    let out = bin().arg("validate").arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("broken.xlsx line 1"), "{text}");
    assert!(text.contains("not a readable spreadsheet"), "{text}");
    assert!(!text.contains("010190"), "{text}");
}

/// The README's command lines for `sample`, `template` and workbooks, run as written (in a
/// fresh folder, in order), and the report of the sample's files is the built-in sample's.
#[test]
fn the_readme_examples_of_sample_template_and_workbooks_run_as_written() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let lines: Vec<&str> = readme
        .lines()
        .map(|l| l.split(" # ").next().unwrap().trim())
        .filter(|l| {
            l.starts_with("overgang sample")
                || l.starts_with("overgang template")
                || (l.starts_with("overgang report eksempel/"))
        })
        .collect();
    assert!(lines.len() >= 5, "{lines:?}");
    let dir = tmp("readme");
    for line in &lines {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = bin().args(&args).current_dir(&dir).output().unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(std::fs::read(dir.join("registrering.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    assert!(std::fs::read(dir.join("rapport.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
}
