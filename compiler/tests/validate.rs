//! `laurel validate` as a user runs it: any credential file or folder, exit codes,
//! formats, and the credentials Laurel builds itself.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn laurel() -> Command {
    let mut cmd = Command::cargo_bin("laurel").expect("binary");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the compiler crate sits in the repository")
        .to_path_buf()
}

fn fixture(name: &str) -> PathBuf {
    repo().join("compiler/tests/diagnostics").join(name)
}

/// (exit code, stdout, stderr) of `laurel validate ARGS`.
fn validate(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = laurel().arg("validate").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn exit_codes_say_conforms_violations_or_unreadable() {
    let conforming = fixture("L0604-ebsi-schema.jsonld");
    let violating = fixture("L0603-shape-violation.jsonld");
    let unreadable = fixture("L0601-unreadable-credential.jsonld");
    let (code, _, err) = validate(&[conforming.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("ok: 1 file(s) validated, 1 conform, 0 do not, 2 warning(s)"),
        "{err}"
    );
    let (code, _, err) = validate(&[conforming.as_os_str(), violating.as_os_str()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("an awarding process needs an awarding body (ELM: awardingBody, at least 1) (EDC shapes 1.1.0 and 1.2.0)"), "{err}");
    assert!(
        err.contains("failed: 2 file(s) validated, 1 conform, 1 do not"),
        "{err}"
    );
    let (code, _, err) = validate(&[violating.as_os_str(), unreadable.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = validate(&[repo().join("no/such/file.jsonld").as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("L0601"), "{err}");
}

#[test]
fn a_folder_means_its_json_and_jsonld_files_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("b/c");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::create_dir_all(dir.path().join(".hidden")).unwrap();
    let text = std::fs::read(fixture("L0603-shape-violation.jsonld")).unwrap();
    std::fs::write(dir.path().join("a.json"), &text).unwrap();
    std::fs::write(nested.join("d.jsonld"), &text).unwrap();
    std::fs::write(dir.path().join(".hidden/e.jsonld"), &text).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a credential").unwrap();
    let (code, out, _) = validate(&[dir.path().as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(code, 1);
    let list: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "L0603")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{out}");
    assert!(
        files[0].ends_with("a.json") && files[1].ends_with("d.jsonld"),
        "{files:?}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = validate(&[empty.path().as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no `.json` or `.jsonld` file"), "{err}");
}

#[test]
fn one_shapes_version_and_a_forced_profile() {
    let violating = fixture("L0603-shape-violation.jsonld");
    let (code, _, err) = validate(&[violating.as_os_str(), "--shapes".as_ref(), "1.2.0".as_ref()]);
    assert_eq!(code, 1);
    assert!(err.contains("(EDC shapes 1.2.0)"), "{err}");
    assert!(!err.contains("1.1.0"), "{err}");
    let (code, _, err) = validate(&[
        violating.as_os_str(),
        "--profile".as_ref(),
        "diploma-supplement".as_ref(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("EDC-diplomaSupplement") || err.contains("edc-diploma-supplement"),
        "{err}"
    );
    let (code, _, err) = validate(&[
        violating.as_os_str(),
        "--profile".as_ref(),
        "diploma".as_ref(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("the profiles are generic, accredited, converted, diploma-supplement, issued-by-mandate"), "{err}");
}

#[test]
fn a_sealed_file_is_validated_by_its_payload() {
    let sealed = repo().join("tests/data/seal/mynextid_edc-coa-signed.jsonld");
    let (code, out, _) = validate(&[sealed.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(code, 1, "{out}");
    let list: Value = serde_json::from_str(&out).unwrap();
    let shape = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L0603")
        .expect("a shape violation");
    assert!(
        shape["file"].as_str().unwrap().ends_with("(payload)"),
        "{shape}"
    );
    assert!(shape["line"].as_u64().unwrap() >= 1);
}

#[test]
fn sarif_output_names_the_codes_as_rules() {
    let violating = fixture("L0603-shape-violation.jsonld");
    let (code, out, _) = validate(&[violating.as_os_str(), "--format".as_ref(), "sarif".as_ref()]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "L0603"), "{out}");
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "L0604" && r["level"] == "warning"),
        "{out}"
    );
}

/// Everything Laurel builds meets the EU's shapes (both versions): `laurel validate` on
/// the example projects' output finds no violation.
#[test]
fn the_example_projects_build_credentials_that_validate() {
    for example in [
        "university",
        "vet-provider",
        "mooc-platform",
        "annex1-sample",
        "annex1-sample-2025",
    ] {
        let project = repo().join("examples").join(example);
        let out = tempfile::tempdir().unwrap();
        let built = laurel()
            .args([
                "build".as_ref(),
                project.as_os_str(),
                "--out".as_ref(),
                out.path().as_os_str(),
            ])
            .output()
            .unwrap();
        let warned = String::from_utf8_lossy(&built.stderr).into_owned();
        assert!(built.status.success(), "{example}: {warned}");
        // Without the issuer's `eidas-id` (L0304 says so) only the current shapes hold.
        let shapes = if warned.contains("L0304") {
            "1.2.0"
        } else {
            "both"
        };
        let (code, _, err) =
            validate(&[out.path().as_os_str(), "--shapes".as_ref(), shapes.as_ref()]);
        assert_eq!(code, 0, "{example}: {err}");
        assert!(!err.contains("L0603"), "{example}: {err}");
    }
}
