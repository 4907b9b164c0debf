//! External oracle for `--format sarif`: the SARIF logs of every diagnostic fixture, of a
//! file with thousands of mistakes on one line and of `laurel verify` over the real
//! sealed credentials are valid against the official SARIF 2.1.0 JSON schema (Python
//! `jsonschema`, `tests/sarif/validate.py`), and their regions select the text each
//! diagnostic points at when lines and UTF-16 columns are counted as SARIF says.

use std::path::Path;

use laurel::diag::{self, Format};
use laurel::project::Project;
use laurel::seal::{self, VerifyOptions};
use laurel::source::SourceFile;
use laurel_conformance::{repo_root, sarif_schema_errors, sealed_example};
use serde_json::Value;

/// The projects of the diagnostic fixtures (a `.laurel` file or a project folder) and
/// the fuzzing case with 3,373 mistakes on one line, compiled from the repository root.
fn projects() -> Vec<(String, Project)> {
    std::env::set_current_dir(repo_root()).expect("repository root");
    let mut paths: Vec<_> = std::fs::read_dir("compiler/tests/diagnostics")
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "laurel") || p.join("Laurel.toml").is_file())
        .collect();
    paths.sort();
    paths.push("tests/fuzz/found/laurel-many-errors-on-one-line.laurel".into());
    paths
        .into_iter()
        .filter(|p| p.exists())
        .map(|p| {
            let project = Project::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), project)
        })
        .collect()
}

/// The text a SARIF region selects: lines end after their `\n`, columns count UTF-16
/// code units from 1, the end column is one past the last unit.
fn selected(text: &str, region: &Value) -> String {
    let number = |key: &str| region[key].as_u64().expect(key) as usize;
    let lines: Vec<Vec<u16>> = text
        .split_inclusive('\n')
        .map(|l| l.encode_utf16().collect())
        .collect();
    let (start_line, start_column) = (number("startLine"), number("startColumn"));
    let (end_line, end_column) = (number("endLine"), number("endColumn"));
    let mut units: Vec<u16> = Vec::new();
    for line in start_line..=end_line {
        let Some(units_of_line) = lines.get(line - 1) else {
            break;
        };
        let from = if line == start_line {
            start_column - 1
        } else {
            0
        };
        let to = if line == end_line {
            end_column - 1
        } else {
            units_of_line.len()
        };
        units.extend_from_slice(&units_of_line[from..to]);
    }
    String::from_utf16(&units).expect("whole characters")
}

#[test]
fn diagnostic_logs_are_valid_sarif_and_their_regions_select_the_spans() {
    let mut logs = Vec::new();
    let mut results = 0;
    for (name, project) in projects() {
        let compilation = project.compile();
        let diagnostics = &compilation.diagnostics;
        let text = diag::render(Format::Sarif, &project.sources, diagnostics, false);
        let log: Value = serde_json::from_str(&text).expect("JSON");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        let found = run["results"].as_array().expect("results");
        assert_eq!(found.len(), diagnostics.len(), "{name}");
        for (d, result) in diagnostics.iter().zip(found) {
            assert_eq!(result["ruleId"], d.code.id, "{name}");
            let rule =
                &run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], d.code.id, "{name}");
            let location = &result["locations"][0]["physicalLocation"];
            let file = project.sources.get(d.span.file);
            assert_eq!(
                selected(&file.text, &location["region"]),
                project.sources.slice(d.span),
                "{name}: {result}"
            );
            let uri = location["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                Path::new(uri) == file.path || Path::new(".").join(uri) == file.path,
                "{uri} for {}",
                file.path.display()
            );
            let related = result["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(related.len(), d.related.len(), "{name}: {result}");
            for (label, related) in d.related.iter().zip(&related) {
                let file = project.sources.get(label.span.file);
                assert_eq!(
                    selected(&file.text, &related["physicalLocation"]["region"]),
                    project.sources.slice(label.span),
                    "{name}: {related}"
                );
            }
        }
        results += found.len();
        logs.push((name, text));
    }
    assert!(results > 3_000, "{results} results");
    let logs: Vec<(&str, &str)> = logs.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    if let Some(errors) = sarif_schema_errors(&logs) {
        assert!(errors.is_empty(), "{errors}");
    }
}

#[test]
fn verify_logs_are_valid_sarif_with_a_result_per_failed_check() {
    let names = [
        "elm-v3_Sample-MC-Annex1-signed.jsonld",
        "mynextid_edc-mc-signed.jsonld",
        "edci_credential-signed.jsonld",
    ];
    let files: Vec<SourceFile> = names
        .iter()
        .map(|n| {
            let path = sealed_example(n);
            let text = std::fs::read_to_string(&path).expect("sealed file");
            SourceFile::new(format!("tests/data/seal/{n}"), text)
        })
        .collect();
    // One byte changed in the payload: the signature fails.
    let mut tampered = files[0].text.clone();
    let at = tampered.find("Annex").expect("a word of the payload");
    tampered.replace_range(at..at + 1, "a");
    let tampered = SourceFile::new("tampered.jsonld", tampered);
    // No trust anchors: the chain check fails; far in the future: validity too.
    let options = VerifyOptions {
        at: 4_070_908_800, // 2099-01-01T00:00:00Z
        anchors: None,
    };
    let all: Vec<&SourceFile> = files.iter().chain([&tampered]).collect();
    let checks: Vec<Vec<seal::Check>> = all
        .iter()
        .map(|f| seal::verify(&f.text, &options))
        .collect();
    let reports: Vec<(&SourceFile, &[seal::Check])> = all
        .iter()
        .zip(&checks)
        .map(|(f, c)| (*f, c.as_slice()))
        .collect();
    let text = seal::verify::sarif(&reports);
    let log: Value = serde_json::from_str(&text).expect("JSON");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    let expected: Vec<(String, String)> = all
        .iter()
        .zip(&checks)
        .flat_map(|(f, checks)| {
            checks
                .iter()
                .filter(|c| matches!(c.status, seal::Status::Failed | seal::Status::Warning))
                .map(|c| {
                    (
                        laurel::diag::sarif::uri(&f.path),
                        format!("verify/{}", c.name),
                    )
                })
        })
        .collect();
    let got: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
            (
                uri.unwrap().to_string(),
                r["ruleId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(
        got.contains(&("tampered.jsonld".into(), "verify/signature".into())),
        "{got:?}"
    );
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()));
    }
    if let Some(errors) = sarif_schema_errors(&[("verify", &text)]) {
        assert!(errors.is_empty(), "{errors}");
    }
}

#[test]
fn the_schema_check_catches_an_invalid_log() {
    let bad = r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "columnKind": "bytes"}]}"#;
    if let Some(errors) = sarif_schema_errors(&[("bad", bad)]) {
        assert!(errors.contains("'name' is a required property"), "{errors}");
        assert!(errors.contains("columnKind"), "{errors}");
    }
}
