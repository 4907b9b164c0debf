//! External oracle for the EBSI Europass EDC JSON Schema check
//! (`laurel::validate::ebsi`): Python `jsonschema` (`tests/shacl/ebsi.py`, reading the
//! bundled, self-contained schema variants; Laurel reads the published schemas and
//! resolves their references itself) must give the same verdict and the same set of
//! instance locations and keywords for every reference credential, every sealed file's
//! payload, every example project's credentials, broken variants of them, and the 450
//! named variants the SHACL differential test uses (`tests/variants.rs`).
//!
//! Needs the venv from `bash tests/shacl/setup.sh`. Without it the tests print a note and
//! pass locally, but fail under CI (`CI=true`).
//!
//! Every reference credential fails the schema in both checkers: none lists
//! `VerifiableAttestation` in its `type` (which the EBSI schema asks for), and some fail
//! on more (`credentialSubject`, `evidence`, `issuer` shapes). That is a finding about the
//! files and the schema, kept as such: the tests compare, not expect validity.

use std::path::{Path, PathBuf};
use std::process::Command;

use laurel::project::Project;
use laurel::validate::{document, ebsi};
use laurel_conformance::{in_ci, repo_root, venv_python};
use serde_json::{json, Value};

/// The files the reference data holds: `tests/data/elm-examples/**` and `tests/data/seal/*`.
fn reference_files() -> Vec<PathBuf> {
    let data = repo_root().join("tests/data");
    let mut files = Vec::new();
    let mut folders = vec![data.join("elm-examples"), data.join("seal")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "json" || e == "jsonld")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The credentials of every example project, written into `dir`.
fn example_credentials(dir: &Path) -> Vec<PathBuf> {
    example_credentials_with(dir, &laurel::build::Options::default())
}

/// The credentials of every example project written with `options`, into `dir`.
fn example_credentials_with(dir: &Path, options: &laurel::build::Options) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut projects: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Laurel.toml").is_file())
        .collect();
    projects.sort();
    for project in projects {
        let loaded = Project::load(&project).expect("example loads");
        let compilation = loaded.compile();
        assert!(
            !compilation.has_errors(),
            "{} has errors",
            project.display()
        );
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        for (path, text) in laurel::build::documents(&compilation.model, options).unwrap() {
            let value: Value = serde_json::from_str(&text).unwrap();
            if value.get("credentialSubject").is_none() {
                continue; // a specification, not a credential
            }
            let flat = path.to_string_lossy().replace(['/', '\\'], "_");
            let file = dir.join(format!("{name}_{flat}"));
            std::fs::write(&file, text).unwrap();
            files.push(file);
        }
    }
    assert!(files.len() >= 4, "too few example credentials: {files:?}");
    files
}

/// Broken variants of `credential`, written into `dir`: a required key removed, a wrong
/// type, a bad date-time, a bad URI; each with the instance location and keyword it must
/// give (in both checkers).
fn broken_variants(
    dir: &Path,
    stem: &str,
    credential: &Value,
) -> Vec<(PathBuf, &'static str, &'static str)> {
    let mut out = Vec::new();
    let mut write = |tag: &str, value: &Value, pointer: &'static str, keyword: &'static str| {
        let file = dir.join(format!("{stem}-{tag}.jsonld"));
        std::fs::write(&file, serde_json::to_vec_pretty(value).unwrap()).unwrap();
        out.push((file, pointer, keyword));
    };
    let mut missing = credential.clone();
    missing.as_object_mut().unwrap().remove("credentialSubject");
    write("no-subject", &missing, "", "required");
    let mut wrong = credential.clone();
    wrong["credentialSchema"] = json!(42);
    write("schema-number", &wrong, "/credentialSchema", "anyOf");
    let mut date = credential.clone();
    date["validFrom"] = json!("14.03.2025 09:00");
    write("bad-valid-from", &date, "/validFrom", "format");
    let mut uri = credential.clone();
    uri["id"] = json!("not a uri");
    write("bad-id", &uri, "/id", "format");
    // The one failure every reference file shares, mended: what is left must agree too.
    let mut attested = credential.clone();
    if let Some(types) = attested["type"].as_array_mut() {
        types.push(json!("VerifiableAttestation"));
    }
    write("attested", &attested, "", "");
    out
}

/// A checker's failures for one file, sorted: (instance location as a JSON Pointer,
/// keyword), as often as each is reported.
type Failures = Vec<(String, String)>;

/// Laurel's verdict on a file: the set of (instance pointer, keyword), or the error.
fn ours(path: &Path) -> Result<Failures, String> {
    let document = document::read(path).map_err(|e| e.to_string())?;
    let report = ebsi::check_document(&document).map_err(|e| e.to_string())?;
    for finding in &report.findings {
        assert!(!finding.message.is_empty());
        // Every finding is placed in the text, at the value it is about.
        let range = finding
            .range
            .clone()
            .unwrap_or_else(|| panic!("{}: no place for {}", path.display(), finding.path));
        let text: Value = serde_json::from_str(&document.text[range]).unwrap();
        assert_eq!(text, finding.found, "{}: {}", path.display(), finding.path);
    }
    let mut failures: Failures = report
        .findings
        .iter()
        .map(|f| (f.path.pointer(), f.keyword.clone()))
        .collect();
    failures.sort();
    Ok(failures)
}

/// The oracle's verdicts, by file.
fn theirs(files: &[PathBuf]) -> Option<Vec<(PathBuf, Result<Failures, String>)>> {
    let Some(python) = venv_python() else {
        assert!(!in_ci(), "CI needs the venv: bash tests/shacl/setup.sh");
        eprintln!("note: no venv (bash tests/shacl/setup.sh); the EBSI oracle is skipped");
        return None;
    };
    let out = Command::new(python)
        .arg(repo_root().join("tests/shacl/ebsi.py"))
        .args(files)
        .output()
        .expect("runs ebsi.py");
    assert!(
        out.status.success(),
        "ebsi.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Vec<Value> = serde_json::from_slice(&out.stdout).expect("ebsi.py prints JSON");
    Some(
        report
            .into_iter()
            .map(|r| {
                let file = PathBuf::from(r["file"].as_str().unwrap());
                let verdict = match r.get("error") {
                    Some(e) => Err(e.to_string()),
                    None => {
                        let mut failures: Failures = r["errors"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|e| {
                                (
                                    e["pointer"].as_str().unwrap().to_string(),
                                    e["keyword"].as_str().unwrap().to_string(),
                                )
                            })
                            .collect();
                        failures.sort();
                        Ok(failures)
                    }
                };
                (file, verdict)
            })
            .collect(),
    )
}

/// Both checkers on `files`: same verdict, same locations and keywords.
fn compare(files: &[PathBuf]) -> Option<Vec<(PathBuf, Failures)>> {
    let oracle = theirs(files)?;
    assert_eq!(oracle.len(), files.len());
    let mut verdicts = Vec::new();
    for (file, expected) in oracle {
        let got = ours(&file);
        match (&got, &expected) {
            (Ok(got), Ok(expected)) => {
                assert_eq!(
                    got,
                    expected,
                    "{}: Laurel (left) and Python jsonschema (right) differ",
                    file.display()
                );
                verdicts.push((file, got.clone()));
            }
            (Err(_), Err(_)) => {
                assert!(
                    file.ends_with("ec-2025/AA-Annex1-MC-unsigned.json"),
                    "{}: {got:?}",
                    file.display()
                )
            }
            _ => panic!(
                "{}: Laurel says {got:?}, Python jsonschema {expected:?}",
                file.display()
            ),
        }
    }
    Some(verdicts)
}

#[test]
fn reference_credentials_and_sealed_payloads_agree_with_python_jsonschema() {
    let files = reference_files();
    assert!(files.len() >= 15, "{files:?}");
    let Some(verdicts) = compare(&files) else {
        return;
    };
    // The finding: only the EBSI package's own example is valid; every other lacks
    // `VerifiableAttestation` in `type`. The 2025 sample's upload form has no
    // `@context` (the issuer adds it), so no schema applies (both checkers say so).
    let attestation = ("/type".to_string(), "contains".to_string());
    for (file, errors) in &verdicts {
        if file.ends_with("ebsi/Microcredential-Data-and-software-business.json") {
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        } else {
            assert!(
                errors.contains(&attestation),
                "{}: {errors:?}",
                file.display()
            );
        }
    }
    assert_eq!(
        verdicts.len() + 1,
        files.len(),
        "all but ec-2025's upload form are checked"
    );
}

#[test]
fn example_projects_agree_with_python_jsonschema() {
    let dir = tempfile::tempdir().unwrap();
    let files = example_credentials(dir.path());
    compare(&files);
}

/// Written for EBSI (`--target ebsi`, `--target ebsi-vcdm2`), every example's credentials
/// meet the Europass EDC JSON Schema of their VCDM version in Python `jsonschema` (and in
/// Laurel), and the VCDM 1.1 ones the EDC shapes in pyshacl; the VCDM 2.0 ones pyld
/// cannot read with the EDC context (the protected term `description`), as Laurel says.
#[test]
fn examples_written_for_ebsi_meet_its_schemas_and_the_edc_shapes() {
    use laurel::elm::Target;
    use laurel::validate::ebsi::Vcdm;
    for vcdm in [Vcdm::V1_1, Vcdm::V2_0] {
        let dir = tempfile::tempdir().unwrap();
        let options = laurel::build::Options {
            elm: laurel::elm::Options {
                target: Some(Target::Ebsi(vcdm)),
                ..Default::default()
            },
            images: true, // the schema asks for `displayParameter.individualDisplay`
            ..Default::default()
        };
        let files = example_credentials_with(dir.path(), &options);
        let Some(verdicts) = compare(&files) else {
            return;
        };
        assert_eq!(verdicts.len(), files.len());
        for (file, errors) in &verdicts {
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            let credential: Value =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            assert_eq!(credential["@context"][0], vcdm.context());
        }
        let shacl = laurel_conformance::run_shacl_with(&["--shapes", "1.2.0"], &[dir.path()])
            .expect("the venv is there: the schema oracle ran");
        match vcdm {
            Vcdm::V1_1 => assert!(shacl.success() && shacl.failed == 0, "{}", shacl.output()),
            Vcdm::V2_0 => assert!(
                shacl.passed == 0 && shacl.output().contains("protected term"),
                "{}",
                shacl.output()
            ),
        }
    }
}

#[test]
fn broken_variants_agree_with_python_jsonschema() {
    let dir = tempfile::tempdir().unwrap();
    let mut variants = Vec::new();
    let minimal =
        repo_root().join("tests/data/elm-examples/authored/minimal-microcredential.jsonld");
    let sealed = repo_root().join("tests/data/seal/elm-v3_Sample-MC-Annex1-signed.jsonld");
    let vcdm2 = repo_root()
        .join("tests/data/elm-examples/ebsi/Microcredential-Data-and-software-business.json");
    for (stem, file) in [
        ("minimal", minimal),
        ("sealed-payload", sealed),
        ("vcdm2", vcdm2),
    ] {
        let credential = document::read(&file).unwrap().credential;
        variants.extend(broken_variants(dir.path(), stem, &credential));
    }
    let files: Vec<PathBuf> = variants.iter().map(|(f, ..)| f.clone()).collect();
    let Some(verdicts) = compare(&files) else {
        return;
    };
    for ((file, pointer, keyword), (_, errors)) in variants.iter().zip(&verdicts) {
        if keyword.is_empty() {
            continue;
        }
        assert!(
            errors.contains(&(pointer.to_string(), keyword.to_string())),
            "{}: no {keyword} at {pointer:?} in {errors:?}",
            file.display()
        );
    }
}

#[test]
fn the_named_shape_variants_agree_with_python_jsonschema() {
    // The variants the SHACL differential test judges (tests/variants.rs): removed,
    // mistyped and emptied properties, bad lexical forms, extra nodes; the schema
    // judges the same files.
    let dir = tempfile::tempdir().unwrap();
    let files =
        laurel_conformance::variants::write(&laurel_conformance::variants::variants(), dir.path())
            .unwrap();
    assert!(files.len() >= 300, "{}", files.len());
    compare(&files);
}
