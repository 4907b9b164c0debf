//! `laurel issue`: learner data in CSV and JSON, row errors with the source's codes,
//! nothing written on error (or the good rows with `--keep-going`), atomic files,
//! deterministic bytes, and the same credential as an `award` written in source.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use sha2::{Digest, Sha256};

const PROJECT: &str = "tests/fixtures/issue-project";

const CSV: &str = "\u{feff}student-id;given-name;family-name;birth-date;email;date;grade;period-start;period-end\r\n\
EW-1;Siobhán;\"Ní Bhriain\";1990-02-03;s@example.ie;2025-03-28;Pass;2025-02-03;2025-03-27\r\n\
EW-2;Ελένη;Παπαδοπούλου;1985-11-30;e@example.gr;2025-03-28;Pass;;\r\n\
EW-3;Tomasz;\"Wiśniewski \"\"Tom\"\"\";;;2025-04-02T10:00:00Z;;;\r\n";

const JSON: &str = r#"[
  {"student-id": "EW-1", "given-name": "Siobhán", "family-name": "Ní Bhriain", "birth-date": "1990-02-03",
   "email": "s@example.ie", "date": "2025-03-28", "grade": "Pass", "period-start": "2025-02-03", "period-end": "2025-03-27"},
  {"student-id": "EW-2", "given-name": "Ελένη", "family-name": "Παπαδοπούλου", "birth-date": "1985-11-30",
   "email": "e@example.gr", "date": "2025-03-28", "grade": "Pass"},
  {"student-id": "EW-3", "given-name": "Tomasz", "family-name": "Wiśniewski \"Tom\"", "date": "2025-04-02T10:00:00Z", "email": null}
]"#;

/// A copy of the fixture project in a temporary folder, with a learner file.
struct Work {
    dir: tempfile::TempDir,
}

impl Work {
    fn new(learners: &str, text: &str) -> Work {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = Path::new(env!("CARGO_MANIFEST_DIR")).join(PROJECT);
        for entry in std::fs::read_dir(project).expect("fixture") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
        std::fs::write(dir.path().join(learners), text).expect("write learners");
        Work { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn issue(&self, learners: &str, credential: &str, out: &str, extra: &[&str]) -> Output {
        Command::cargo_bin("laurel")
            .expect("laurel binary")
            .env("NO_COLOR", "1")
            .arg("issue")
            .arg(self.dir.path())
            .args(["--credential", credential, "--learners"])
            .arg(self.path(learners))
            .arg("--out")
            .arg(self.path(out))
            .args(extra)
            .output()
            .expect("run laurel")
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file below `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn csv_and_json_issue_the_same_credentials_with_a_manifest() {
    let work = Work::new("learners.csv", CSV);
    std::fs::write(work.path("learners.json"), JSON).unwrap();
    let csv = work.issue("learners.csv", "course", "csv", &[]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert!(
        stderr(&csv).contains("issued 3 credential(s) of `course`"),
        "{}",
        stderr(&csv)
    );
    let json = work.issue("learners.json", "course", "json", &[]);
    assert!(json.status.success(), "{}", stderr(&json));
    let from_csv = files(&work.path("csv"));
    assert_eq!(from_csv, files(&work.path("json")), "CSV and JSON differ");
    let names: Vec<&String> = from_csv.keys().collect();
    assert_eq!(
        names,
        [
            ".laurel-output.json",
            "course/awards/EW-1.jsonld",
            "course/awards/EW-2.jsonld",
            "course/awards/EW-3.jsonld",
            "course/manifest.jsonl",
            "course/specification.jsonld"
        ]
    );
    let greek = String::from_utf8(from_csv["course/awards/EW-2.jsonld"].clone()).unwrap();
    assert!(greek.contains("\"Παπαδοπούλου\""), "{greek}");
    let quoted = String::from_utf8(from_csv["course/awards/EW-3.jsonld"].clone()).unwrap();
    assert!(quoted.contains(r#""Wiśniewski \"Tom\"""#), "{quoted}");

    // The manifest: one line per learner, in row order, with the file's SHA-256 and id.
    let manifest = String::from_utf8(from_csv["course/manifest.jsonl"].clone()).unwrap();
    let lines: Vec<serde_json::Value> = manifest
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, key) in lines.iter().zip(["EW-1", "EW-2", "EW-3"]) {
        assert_eq!(line["key"], key);
        let file = format!("course/{}", line["file"].as_str().unwrap());
        let bytes = &from_csv[&file];
        let digest: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(line["sha256"], digest);
        let doc: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(line["id"], doc["id"]);
        assert!(line["id"].as_str().unwrap().starts_with("urn:credential:"));
    }
}

#[test]
fn issuing_again_gives_the_same_bytes_whatever_the_threads() {
    let work = Work::new("learners.csv", CSV);
    assert!(work
        .issue("learners.csv", "course", "a", &[])
        .status
        .success());
    assert!(work
        .issue("learners.csv", "course", "b", &["--jobs", "1"])
        .status
        .success());
    let first = files(&work.path("a"));
    assert_eq!(first, files(&work.path("b")));
    // Over the same folder: same bytes, nothing else appears.
    assert!(work
        .issue("learners.csv", "course", "a", &[])
        .status
        .success());
    assert_eq!(first, files(&work.path("a")));
}

#[test]
fn a_row_gives_the_same_credential_as_an_award_in_source() {
    let work = Work::new("learners.csv", CSV);
    assert!(work
        .issue("learners.csv", "course", "issued", &[])
        .status
        .success());
    let award = "\naward course {\n  learner {\n    given-name \"Siobhán\"\n    family-name \"Ní Bhriain\"\n    birth-date 1990-02-03\n    email \"s@example.ie\"\n    student-id \"EW-1\"\n  }\n  date 2025-03-28\n  grade \"Pass\"\n  period 2025-02-03 to 2025-03-27\n}\n";
    std::fs::write(work.path("award.laurel"), award).unwrap();
    let built = Command::cargo_bin("laurel")
        .unwrap()
        .arg("build")
        .arg(work.dir.path())
        .arg("--out")
        .arg(work.path("built"))
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let name = "course/awards/EW-1.jsonld";
    assert_eq!(
        files(&work.path("issued"))[name],
        files(&work.path("built"))[name]
    );
}

#[test]
fn the_certificate_number_and_the_citizenship_come_from_their_columns() {
    let csv = "student-id,given-name,family-name,date,number,citizenship,place-of-birth,place-of-birth-country\n\
               EW-1,Olena,Shevchenko,2025-03-28,C012,UKR,Kyiv,UKR\n";
    let work = Work::new("learners.csv", csv);
    let out = work.issue("learners.csv", "course", "issued", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value =
        serde_json::from_slice(&files(&work.path("issued"))["course/awards/EW-1.jsonld"]).unwrap();
    assert_eq!(doc["identifier"]["notation"], "C012");
    let person = &doc["credentialSubject"];
    assert_eq!(
        person["citizenshipCountry"]["id"],
        "http://publications.europa.eu/resource/authority/country/UKR"
    );
    assert_eq!(
        person["placeOfBirth"]["address"]["fullAddress"]["noteLiteral"]["en"],
        "Kyiv"
    );
    assert_eq!(
        person["placeOfBirth"]["address"]["countryCode"]["id"],
        "http://publications.europa.eu/resource/authority/country/UKR"
    );
    // the country without the place is L0504
    let csv = "student-id,given-name,family-name,date,place-of-birth-country\n\
               EW-1,Olena,Shevchenko,2025-03-28,UKR\n";
    let work = Work::new("learners.csv", csv);
    let out = work.issue("learners.csv", "course", "issued", &[]);
    let text = stderr(&out);
    assert!(
        text.contains("L0504")
            && text.contains("`place-of-birth-country` without `place-of-birth`"),
        "{text}"
    );
}

#[test]
fn a_period_and_an_identifier_come_from_their_columns_with_times() {
    let csv = "student-id,given-name,family-name,date,period-start,period-end,credential-id\n\
               EW-1,Olena,Shevchenko,2025-03-28T09:30:00Z,2025-02-03T07:00:00Z,2025-03-27,urn:credential:kept-1\n";
    let work = Work::new("learners.csv", csv);
    let out = work.issue("learners.csv", "course", "issued", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value =
        serde_json::from_slice(&files(&work.path("issued"))["course/awards/EW-1.jsonld"]).unwrap();
    assert_eq!(doc["id"], "urn:credential:kept-1");
    assert_eq!(doc["issued"], "2025-03-28T09:30:00Z");
    // (the period's ends are accepted with a time, as in source; this course has no
    // activity to carry them)
    // an identifier that is no IRI is refused on its row
    let csv = "student-id,given-name,family-name,date,credential-id\n\
               EW-1,Olena,Shevchenko,2025-03-28,not an iri\n";
    let work = Work::new("learners.csv", csv);
    let out = work.issue("learners.csv", "course", "issued", &[]);
    let text = stderr(&out);
    assert!(
        text.contains("row 1, column `credential-id`: `not an iri` is not an IRI"),
        "{text}"
    );
}

#[test]
fn row_errors_name_the_row_and_column_and_nothing_is_written() {
    let csv = "student-id,given-name,family-name,birth-date,date,grade,period-start\n\
               A-1,Ana,Silva,1999-02-30,2025-03-28,Pass,\n\
               A-2,,,,2025-03-28,,\n\
               A-1,Rui,Costa,,2025-03-28,,\n\
               A-4,Eva,Lima,,2025-03-28,,2025-01-01\n\
               A-5,Ines,Mota,,,,\n";
    let work = Work::new("learners.csv", csv);
    let output = work.issue("learners.csv", "course", "out", &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    insta::assert_snapshot!(
        "row_errors",
        text.replace(&*work.dir.path().to_string_lossy(), "<tmp>")
    );
    assert!(!work.path("out").exists(), "files were written");
}

#[test]
fn date_cells_written_another_way_get_their_year_month_day_form() {
    let csv = "student-id,given-name,family-name,birth-date,date\n\
               A-1,Ana,Silva,15.03.1990,2025-06-30\n\
               A-2,Rui,Costa,1990-03-15,20.6.2025\n\
               A-3,Eva,Lima,soon,2025-06-30T25:00:00Z\n";
    let work = Work::new("learners.csv", csv);
    let output = work.issue("learners.csv", "course", "out", &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    for want in [
        "row 1, column `birth-date`: `15.03.1990` is not written year-month-day",
        "help: write `1990-03-15` (year-month-day)",
        "row 2, column `date`: `20.6.2025` is not written year-month-day",
        "help: write `2025-06-20` (year-month-day)",
        "row 3, column `birth-date`: `soon` is not a date",
        "help: write dates as year-month-day, for example `2025-03-14`",
        "row 3, column `date`: `2025-06-30T25:00:00Z` is not a date and time: hour 25 is not on a clock (00–23)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // cell values, not Laurel lines; one error per bad cell
    assert!(!text.contains("birth-date 1990"), "{text}");
    assert!(text.contains("4 error(s)"), "{text}");
}

#[test]
fn file_errors_stop_everything() {
    let work = Work::new(
        "learners.csv",
        "student-id,givenname,family-name,date,date\nA-1,Ana,Silva,2025-03-28,2025-03-28\n",
    );
    let output = work.issue("learners.csv", "course", "out", &["--keep-going"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("error[L0502]: `givenname` is not a column of learner data"),
        "{text}"
    );
    assert!(text.contains("did you mean `given-name`?"), "{text}");
    assert!(
        text.contains("error[L0503]: the column `date` appears twice"),
        "{text}"
    );
    assert!(!work.path("out").exists());

    // Not UTF-8 (a Windows-1252 `é`).
    let work = Work::new("learners.csv", "");
    std::fs::write(
        work.path("learners.csv"),
        b"given-name,date\nJos\xe9,2025-03-28\n",
    )
    .unwrap();
    let output = work.issue("learners.csv", "course", "out", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[L0501]: the learner data is not UTF-8 text"),
        "{}",
        stderr(&output)
    );

    // Not an array of objects.
    let work = Work::new("learners.json", "{\"given-name\": \"Ana\"}");
    let output = work.issue("learners.json", "course", "out", &[]);
    assert!(
        stderr(&output).contains("not an array of objects"),
        "{}",
        stderr(&output)
    );
}

/// serde_json checks the file without recursing (it skips a value with a stack of its
/// own) and the table reader is a loop: deep nesting is a plain error, not a crash.
#[test]
fn json_nested_too_deep_is_refused_without_crashing() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for (text, error) in [
        (
            deep.clone(),
            "error[L0501]: the learner data is not an array of objects",
        ),
        (
            format!("[{{\"given-name\": {deep}, \"family-name\": \"Silva\", \"date\": \"2025-03-28\"}}]"),
            "error[L0501]: row 1: this value is not a text or a number",
        ),
    ] {
        let work = Work::new("learners.json", &text);
        let output = work.issue("learners.json", "course", "out", &[]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stderr(&output).contains(error), "{}", stderr(&output));
        assert!(!work.path("out").exists());
    }
}

#[test]
fn keep_going_issues_the_good_rows_and_lists_the_bad_ones() {
    let csv = "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\nA-2,Rui,Costa,2025-13-01\nA-3,Eva,Lima,2025-03-28\n";
    let work = Work::new("learners.csv", csv);
    let output = work.issue("learners.csv", "course", "out", &["--keep-going"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let written = files(&work.path("out"));
    let names: Vec<&String> = written.keys().collect();
    assert_eq!(
        names,
        [
            ".laurel-output.json",
            "course/awards/A-1.jsonld",
            "course/awards/A-3.jsonld",
            "course/manifest.jsonl",
            "course/rejected.jsonl",
            "course/specification.jsonld"
        ]
    );
    let rejected: serde_json::Value =
        serde_json::from_slice(&written["course/rejected.jsonl"]).unwrap();
    assert_eq!(rejected["row"], 2);
    assert_eq!(rejected["line"], 3);
    assert_eq!(rejected["errors"][0]["code"], "L0011");
    assert!(rejected["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("row 2, column `date`:"));

    // Fixed data: everything issued, and the old list of rejected rows is gone.
    std::fs::write(
        work.path("learners.csv"),
        csv.replace("2025-13-01", "2025-03-01"),
    )
    .unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--keep-going"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!work.path("out/course/rejected.jsonl").exists());
}

#[test]
fn a_failure_midway_leaves_no_partial_file() {
    let mut csv = String::from("student-id,given-name,family-name,date\n");
    for i in 0..200 {
        csv.push_str(&format!("S-{i:03},Given{i},Family{i},2025-03-28\n"));
    }
    let work = Work::new("learners.csv", &csv);
    // A folder where one credential's file must go: its rename fails.
    std::fs::create_dir_all(work.path("out/course/awards/S-150.jsonld/blocker")).unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    let written = files(&work.path("out"));
    assert!(!written.contains_key("course/manifest.jsonl"));
    for (name, bytes) in &written {
        assert!(!name.contains(".tmp"), "temporary file left: {name}");
        if name.ends_with(".jsonld") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{name} is not whole: {e}"));
        }
    }
}

#[test]
fn a_failed_run_leaves_the_previous_run_intact() {
    let csv = "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\n";
    let work = Work::new("learners.csv", csv);
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = files(&work.path("out"));
    // The second run cannot put a credential where a folder of the user's is.
    std::fs::write(
        work.path("learners.csv"),
        format!("{csv}A-2,Rui,Costa,2025-03-28\n"),
    )
    .unwrap();
    std::fs::create_dir_all(work.path("out/course/awards/A-2.jsonld/mine")).unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is in the way"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&work.path("out")), before);
    assert!(work.path("out/course/awards/A-2.jsonld/mine").is_dir());
}

#[test]
fn a_new_run_replaces_the_previous_run_and_keeps_the_builds_files() {
    let work = Work::new(
        "learners.csv",
        "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\nA-2,Rui,Costa,2025-03-28\n",
    );
    let built = Command::cargo_bin("laurel")
        .unwrap()
        .arg("build")
        .arg(work.dir.path())
        .arg("--out")
        .arg(work.path("out"))
        .arg("--no-images")
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let from_build: Vec<String> = files(&work.path("out"))
        .into_keys()
        .filter(|name| name != ".laurel-output.json")
        .collect();
    assert!(!from_build.is_empty());
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The next cohort's file no longer lists A-2.
    std::fs::write(
        work.path("learners.csv"),
        "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\nA-3,Eva,Lima,2025-03-28\n",
    )
    .unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("removed course/awards/A-2.jsonld"),
        "{}",
        stderr(&output)
    );
    let now = files(&work.path("out"));
    assert!(!now.contains_key("course/awards/A-2.jsonld"));
    assert!(now.contains_key("course/awards/A-3.jsonld"));
    for name in &from_build {
        assert!(now.contains_key(name), "the build's {name} was removed");
    }
    let manifest = String::from_utf8(now["course/manifest.jsonl"].clone()).unwrap();
    assert_eq!(manifest.lines().count(), 2, "{manifest}");
}

#[test]
fn a_value_that_cannot_be_read_rejects_its_row_and_is_never_left_out() {
    let json = r#"[{"student-id": "A-1", "given-name": "Ana", "family-name": "Si\ud800lva", "date": "2025-03-28"},
 {"student-id": "A-2", "given-name": "Rui", "family-name": "Costa\u202e", "date": "2025-03-28"},
 {"student-id": "A-3", "given-name": "Eva", "family-name": "Lima", "date": "2025-03-28"}]"#;
    let work = Work::new("learners.json", json);
    let output = work.issue("learners.json", "course", "out", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!work.path("out").exists());
    let output = work.issue(
        "learners.json",
        "course",
        "out",
        &["--keep-going", "--no-images"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let written = files(&work.path("out"));
    assert!(written.contains_key("course/awards/A-3.jsonld"));
    assert!(!written.contains_key("course/awards/A-1.jsonld"));
    assert!(!written.contains_key("course/awards/A-2.jsonld"));
    let rejected = String::from_utf8(written["course/rejected.jsonl"].clone()).unwrap();
    assert!(
        rejected.contains("L0505") && rejected.contains("L0506"),
        "{rejected}"
    );
}

#[test]
fn a_dry_run_checks_every_row_and_writes_nothing() {
    let csv = "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\nA-2,Rui,Costa,2025-13-01\n";
    let work = Work::new("learners.csv", csv);
    let output = work.issue("learners.csv", "course", "out", &["--dry-run"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("row 2, column `date`"), "{text}");
    assert!(
        text.contains(
            "checked 2 row(s): 1 would be issued, 1 with errors; nothing was written (--dry-run)"
        ),
        "{text}"
    );
    assert!(!work.path("out").exists());
    std::fs::write(
        work.path("learners.csv"),
        csv.replace("2025-13-01", "2025-03-01"),
    )
    .unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!work.path("out").exists());
}

#[test]
fn a_grade_without_grading_scheme_is_a_warning_on_its_row() {
    let work = Work::new(
        "learners.csv",
        "student-id,given-name,family-name,date,grade\nA-1,Ana,Silva,2025-03-28,Pass\n",
    );
    let output = work.issue("learners.csv", "ungraded", "out", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("warning[L0303]: row 1: the award has a grade, but no assessment of the credential names its grading scheme"),
        "{text}"
    );
}

#[test]
fn an_unknown_credential_is_named_with_a_suggestion() {
    let work = Work::new("learners.csv", CSV);
    let output = work.issue("learners.csv", "coures", "out", &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `course`?"),
        "{}",
        stderr(&output)
    );
}

/// Checks and writes `learners` `chunk_rows` rows at a time, as `laurel issue --keep-going`
/// does: the diagnostics as rendered, `rejected.jsonl`, and the files written.
fn issue_in_chunks(work: &Work, learners: &str, chunk_rows: usize) -> (String, String, Files) {
    let mut project = laurel::project::Project::load(work.dir.path()).expect("project");
    let path = work.path(learners);
    let bytes = std::fs::read(&path).expect("learners");
    let out_dir = work.path(&format!("out-{chunk_rows}"));
    let out = laurel::output::Output::begin(&out_dir, &laurel::issue::issue_scope("course"))
        .expect("output");
    let options = laurel::issue::WriteOptions {
        build: laurel::build::Options::default(),
        jobs: Some(1),
    };
    let mut writer = laurel::issue::Writer::new(out, options).expect("writer");
    let checked =
        laurel::issue::check_in_chunks(&mut project, &path, bytes, "course", chunk_rows, |c| {
            writer.write(c.model, &c.awards, &|| {})
        })
        .expect("written");
    let (out, _) = writer.finish().expect("manifest");
    let rejected = checked.rejected_report();
    out.write(Path::new("course/rejected.jsonl"), rejected.as_bytes())
        .expect("rejected");
    out.commit().expect("commit");
    let rendered = laurel::diag::render(
        laurel::diag::Format::Human,
        &project.sources,
        &checked.compilation.diagnostics,
        false,
    );
    let mut written = files(&out_dir);
    written.remove(".laurel-output.json");
    (rendered, rejected, written)
}

type Files = BTreeMap<String, Vec<u8>>;

#[test]
fn rows_checked_a_few_at_a_time_give_the_same_diagnostics_and_files() {
    // Row 3 repeats row 1's key in other case, row 5 repeats it exactly, row 8 repeats
    // the rejected row 2's; row 6 has a value too many.
    let csv = "student-id,given-name,family-name,date\n\
        A-1,Ana,Silva,2025-03-28\n\
        A-2,Rui,Costa,2025-13-01\n\
        a-1,Eva,Lima,2025-03-28\n\
        A-3,Inês,Gonçalves,2025-03-28\n\
        A-1,Ana,Silva,2025-03-28\n\
        A-4,Jonas,Berg,2025-03-28,x\n\
        A-5,Aino,Virtanen,2025-03-28\n\
        A-2,Rui,Costa,2025-03-01\n";
    let work = Work::new("learners.csv", csv);
    let whole = issue_in_chunks(&work, "learners.csv", laurel::issue::CHUNK_ROWS);
    assert_eq!(whole.0.matches("a second award of `course`").count(), 3);
    assert_eq!(whole.1.lines().count(), 5, "{}", whole.1);
    let names: Vec<&String> = whole.2.keys().collect();
    assert_eq!(
        names,
        [
            "course/awards/A-1.jsonld",
            "course/awards/A-3.jsonld",
            "course/awards/A-5.jsonld",
            "course/manifest.jsonl",
            "course/rejected.jsonl",
            "course/specification.jsonld"
        ]
    );
    same_in_chunks(&work, "learners.csv", &whole);
    // JSON: a key first seen in the last object is a column of every row, and an unknown
    // key there is reported on that object's row.
    let json = r#"[
  {"student-id": "A-1", "given-name": "Ana", "family-name": "Silva", "date": "2025-03-28"},
  {"student-id": "a-1", "given-name": "Eva", "family-name": "Lima", "date": "2025-03-28"},
  {"student-id": "A-2", "given-name": "Rui", "family-name": "Costa", "date": "2025-13-01"},
  {"student-id": "A-3", "given-name": "Aino", "family-name": "Virtanen", "date": "2025-03-28",
   "email": "aino@example.fi", "nickname": "Ai"}
]"#;
    std::fs::write(work.path("learners.json"), json).unwrap();
    let whole = issue_in_chunks(&work, "learners.json", laurel::issue::CHUNK_ROWS);
    assert!(
        whole.0.contains("`nickname` is not a column"),
        "{}",
        whole.0
    );
    // Its row is rejected: the key is on it.
    assert_eq!(whole.1.lines().count(), 3, "{}", whole.1);
    same_in_chunks(&work, "learners.json", &whole);
}

/// `learners` checked 1, 2 and 3 rows at a time gives `whole`.
fn same_in_chunks(work: &Work, learners: &str, whole: &(String, String, Files)) {
    for chunk_rows in [1, 2, 3] {
        let (diagnostics, rejected, files) = issue_in_chunks(work, learners, chunk_rows);
        let at = format!("{learners}, {chunk_rows} row(s) at a time");
        assert_eq!(diagnostics, whole.0, "diagnostics, {at}");
        assert_eq!(rejected, whole.1, "rejected rows, {at}");
        assert!(files == whole.2, "files, {at}");
    }
}

#[test]
fn an_error_in_a_later_chunk_leaves_the_previous_run_intact() {
    let work = Work::new(
        "learners.csv",
        "student-id,given-name,family-name,date\nA-1,Ana,Silva,2025-03-28\n",
    );
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = files(&work.path("out"));
    let entries = || -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(work.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let entries_before = entries();
    // The first chunk is good and goes to the staging folder; the last row is not.
    let rows = laurel::issue::CHUNK_ROWS + 1;
    let mut csv = String::from("student-id,given-name,family-name,date\n");
    for i in 1..rows {
        csv.push_str(&format!("B-{i},Ana,Silva,2025-03-28\n"));
    }
    csv.push_str(&format!("B-{rows},Rui,Costa,2025-13-01\n"));
    std::fs::write(work.path("learners.csv"), csv).unwrap();
    let output = work.issue("learners.csv", "course", "out", &["--no-images"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "nothing was written: 1 of {rows} row(s) have errors"
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&work.path("out")), before);
    assert_eq!(entries(), entries_before, "no staging folder is left");
}
