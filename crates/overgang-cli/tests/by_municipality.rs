//! `overgang report --by-municipality`: citizens per municipality of residence, only when asked,
//! through the core's one option reader.

use std::process::Command;

#[test]
fn by_municipality_adds_the_table_only_when_asked() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/registrations.json"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cohort = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["options"]["by_municipality"] == true)
        .unwrap()["cohort"]
        .clone();
    let file = std::env::temp_dir().join(format!("overgang-cli-{}-mun.json", std::process::id()));
    std::fs::write(&file, cohort.to_string()).unwrap();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_overgang"))
            .args(["report", "--format", "json", "--min-cell", "0"])
            .args(extra)
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let with = run(&["--by-municipality"]);
    let rows = with["municipalities"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 98);
    let copenhagen = rows.iter().find(|r| r["municipality"] == 101).unwrap();
    assert_eq!(
        (
            copenhagen["count"].as_u64(),
            with["municipalities"]["n"].as_u64()
        ),
        (Some(8), Some(9))
    );
    assert_eq!(with["options"]["by_municipality"], true);
    assert!(run(&[]).get("municipalities").is_none());
    let _ = std::fs::remove_file(&file);
}
