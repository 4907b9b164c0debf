//! External oracle: the EU's EDC SHACL shapes (ap-1.1.0 and ap-1.2.0, generic-full +
//! generic-no-cv) run by `tests/shacl/validate.py` (pyshacl + pyld, offline contexts).
//!
//! Needs the venv from `bash tests/shacl/setup.sh`. Without it the tests print a note and
//! pass locally, but fail under CI (`CI=true`).

use std::path::Path;

use laurel_conformance::{assert_conforms, elm_example, run_shacl, run_shacl_with, sealed_example};
use serde_json::{json, Value};

const MINIMAL: &str = "authored/minimal-microcredential.jsonld";

fn write_json(dir: &Path, name: &str, doc: &Value) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    path
}

fn load(rel: &str) -> Value {
    let path = elm_example(rel);
    serde_json::from_str(
        &std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
    )
    .unwrap()
}

#[test]
fn authored_minimal_example_conforms() {
    let path = elm_example(MINIMAL);
    let Some(report) = run_shacl(&[&path]) else {
        return;
    };
    assert!(report.success(), "{}", report.output());
    let file = report.file(MINIMAL).expect("file reported");
    assert!(file.ok && file.note.is_none(), "{}", report.output());
    assert!(
        report.stdout.contains("[1.1.0, 1.2.0]"),
        "{}",
        report.output()
    );
    assert_eq!((report.passed, report.failed), (1, 0));
}

#[test]
fn shapes_fire_on_a_broken_credential() {
    let mut doc = load(MINIMAL);
    let obj = doc.as_object_mut().unwrap();
    obj.remove("displayParameter")
        .expect("has displayParameter");
    obj.remove("issued").expect("has issued");
    doc.pointer_mut("/credentialSubject/hasClaim/provenBy")
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove("grade")
        .expect("assessment has grade");
    *doc.pointer_mut("/credentialSubject/hasClaim/specifiedBy/eqfLevel/inScheme/id")
        .unwrap() = json!("http://data.europa.eu/snb/eqf/not-the-eqf-scheme");

    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "broken.jsonld", &doc);
    let Some(report) = run_shacl(&[&path]) else {
        return;
    };
    assert_eq!(report.exit_code, 1, "{}", report.output());
    assert_eq!((report.passed, report.failed), (0, 1));
    let file = report.file("broken.jsonld").unwrap();
    assert!(!file.ok);

    // elm-format.md 9.2: exactly these four violations under the strict 1.1.0 shapes.
    let strict: Vec<&str> = file
        .violations("1.1.0")
        .into_iter()
        .filter(|l| !l.starts_with("> "))
        .collect();
    assert_eq!(strict.len(), 4, "{}", report.output());
    for needle in [
        "| elm:displayParameter | Less than 1 values",
        "| cred:issued | Less than 1 values",
        "<urn:epass:learningAssessment:1> | elm:grade | Less than 1 values",
        "<urn:epass:qualification:1> | elm:EQFLevel |",
    ] {
        assert!(
            strict.iter().any(|l| l.contains(needle)),
            "no violation containing {needle:?}:\n{}",
            report.output()
        );
    }
    // The EQF violation's detail names the required scheme.
    assert!(file
        .violations("1.1.0")
        .iter()
        .any(|l| l.starts_with("> ") && l.contains("http://data.europa.eu/snb/eqf/25831c2")));

    // The relaxed 1.2.0 shapes make `issued` optional: the other three remain.
    let relaxed = file.violations("1.2.0");
    assert!(
        !relaxed.iter().any(|l| l.contains("cred:issued")),
        "{}",
        report.output()
    );
    for needle in ["elm:displayParameter", "elm:grade", "elm:EQFLevel"] {
        assert!(
            relaxed.iter().any(|l| l.contains(needle)),
            "1.2.0 lacks {needle}:\n{}",
            report.output()
        );
    }
}

#[test]
fn commission_sealed_sample_conforms() {
    // JAdES-sealed file: the validator checks json.loads(payload).
    let path = sealed_example("elm-v3_Sample-MC-Annex1-signed.jsonld");
    let Some(report) = run_shacl(&[&path]) else {
        return;
    };
    assert!(report.success(), "{}", report.output());
    assert_eq!((report.passed, report.failed), (1, 0));
}

#[test]
fn specification_documents_and_dropped_keys() {
    // A stand-alone Qualification (what `specification.jsonld` will hold) goes through the
    // same pipeline and is reported as not a credential; a key the contexts do not define
    // fails the file even though SHACL itself would not notice.
    let cred = load(MINIMAL);
    let mut spec = cred
        .pointer("/credentialSubject/hasClaim/specifiedBy")
        .unwrap()
        .clone();
    spec.as_object_mut()
        .unwrap()
        .insert("@context".into(), cred["@context"].clone());
    let mut typo = spec.clone();
    typo["volumeOfLearnig"] = json!("PT75H");

    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("mc/awards");
    std::fs::create_dir_all(&nested).unwrap();
    write_json(&dir.path().join("mc"), "specification.jsonld", &spec);
    write_json(&nested, "typo.jsonld", &typo);
    std::fs::write(nested.join("ignored.json"), "not JSON-LD").unwrap();

    let Some(report) = run_shacl_with(&["--shapes", "both"], &[dir.path()]) else {
        return;
    };
    assert_eq!(report.exit_code, 1, "{}", report.output());
    assert_eq!(
        (report.passed, report.failed),
        (1, 1),
        "{}",
        report.output()
    );
    let ok = report.file("mc/specification.jsonld").unwrap();
    assert!(ok.ok, "{}", report.output());
    assert_eq!(ok.note.as_deref(), Some("not a credential: Qualification"));
    let bad = report.file("typo.jsonld").unwrap();
    assert!(!bad.ok);
    assert!(
        bad.failures.iter().any(|(what, lines)| what == "json-ld"
            && lines.iter().any(|l| l.contains("volumeOfLearnig"))),
        "{}",
        report.output()
    );
}

#[test]
fn assert_conforms_accepts_a_conforming_tree() {
    let dir = tempfile::tempdir().unwrap();
    let awards = dir.path().join("mc/awards");
    std::fs::create_dir_all(&awards).unwrap();
    write_json(&awards, "mira.jsonld", &load(MINIMAL));
    assert_conforms(dir.path());
}

#[test]
fn assert_conforms_rejects_an_empty_tree() {
    let dir = tempfile::tempdir().unwrap();
    let result = std::panic::catch_unwind(|| assert_conforms(dir.path()));
    if laurel_conformance::venv_python().is_some() {
        let err = result.expect_err("no .jsonld file must fail");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.contains("no .jsonld file"), "{msg}");
    }
}
