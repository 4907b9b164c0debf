//! Every example project compiles cleanly; its output matches the committed golden files,
//! conforms to the EU's EDC SHACL shapes, and has no key that JSON-LD would drop.
//!
//! After an intended change of the output, refresh the golden files with
//! `LAUREL_BLESS=1 cargo test -p laurel-conformance --test examples`.

use std::path::{Path, PathBuf};

use laurel::project::Project;
use laurel_conformance::{assert_conforms_with, repo_root, unmapped_keys};

fn example_projects() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("examples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("Laurel.toml").is_file())
        .collect();
    out.sort();
    out
}

fn name(project: &Path) -> String {
    project.file_name().unwrap().to_string_lossy().into_owned()
}

/// Builds a project into `out` (with page images or not), asserting it has no errors,
/// and returns its documents.
fn build(project: &Path, out: &Path, images: bool) -> Vec<(PathBuf, String)> {
    let loaded = Project::load(project).expect("example loads");
    let compilation = loaded.compile();
    let rendered = laurel::diag::render(
        laurel::diag::Format::Human,
        &loaded.sources,
        &compilation.diagnostics,
        false,
    );
    assert!(
        !compilation.has_errors(),
        "{} has errors:\n{rendered}",
        project.display()
    );
    let options = laurel::build::Options {
        images,
        ..Default::default()
    };
    laurel::build::write(&compilation.model, out, &options).expect("writes");
    laurel::build::documents(&compilation.model, &options).expect("lowers")
}

#[test]
fn there_are_at_least_four_examples() {
    let names: Vec<String> = example_projects().iter().map(|p| name(p)).collect();
    for expected in [
        "annex1-sample",
        "annex1-sample-2025",
        "mooc-platform",
        "university",
        "vet-provider",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "examples/{expected} is missing: {names:?}"
        );
    }
}

#[test]
fn examples_match_golden_output() {
    let bless = std::env::var_os("LAUREL_BLESS").is_some();
    for project in example_projects() {
        let out = tempfile::tempdir().unwrap();
        let documents = build(&project, out.path(), false);
        assert!(
            !documents.is_empty(),
            "{} produced nothing",
            project.display()
        );
        let golden = repo_root().join("tests/golden").join(name(&project));
        if bless {
            let _ = std::fs::remove_dir_all(&golden);
        }
        for (relative, text) in &documents {
            let path = golden.join(relative);
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "no golden file {} (run with LAUREL_BLESS=1)",
                    path.display()
                )
            });
            assert!(expected == *text, "{} differs from its golden file (run with LAUREL_BLESS=1 after checking the change)", path.display());
        }
        let golden_count = walk(&golden).len();
        assert_eq!(
            golden_count,
            documents.len(),
            "stale golden files under {}",
            golden.display()
        );
    }
}

/// True when the project's issuer has no eIDAS identifier (warning L0304): the strict
/// 1.1.0 shapes require one, which the sealer adds.
fn issuer_lacks_eidas_id(project: &Path) -> bool {
    let compilation = Project::load(project).expect("loads").compile();
    compilation.diagnostics.iter().any(|d| d.code.id == "L0304")
}

/// With their page images, the examples' credentials meet the strict EDC 1.1.0 shapes
/// (which require `displayParameter.individualDisplay`) as well as 1.2.0; an example
/// whose issuer has no `eidas-id` (the Commission's sample, as published unsigned) meets
/// 1.2.0, and 1.1.0 only once sealed (`sealed_with_the_issuer_from_the_certificate_...`).
#[test]
fn examples_conform_to_edc_shacl_1_1_0_and_1_2_0() {
    let strict = tempfile::tempdir().unwrap();
    let relaxed = tempfile::tempdir().unwrap();
    let mut strict_count = 0;
    for project in example_projects() {
        if issuer_lacks_eidas_id(&project) {
            build(&project, &relaxed.path().join(name(&project)), true);
        } else {
            build(&project, &strict.path().join(name(&project)), true);
            strict_count += 1;
        }
    }
    assert!(
        strict_count >= 3,
        "only {strict_count} examples are held to 1.1.0"
    );
    assert_conforms_with(&[], strict.path());
    assert_conforms_with(&["--shapes", "1.2.0"], relaxed.path());
}

/// Without page images only the relaxed 1.2.0 shapes hold: 1.1.0 wants the images.
#[test]
fn without_images_the_strict_shapes_want_them() {
    let out = tempfile::tempdir().unwrap();
    let project = repo_root().join("examples/mooc-platform");
    build(&project, out.path(), false);
    assert_conforms_with(&["--shapes", "1.2.0"], out.path());
    let award = out
        .path()
        .join("cloud-fundamentals/awards/EW-7781230.jsonld");
    let Some(report) =
        laurel_conformance::run_shacl_with(&["--shapes", "1.1.0"], &[award.as_path()])
    else {
        return;
    };
    assert_eq!(report.failed, 1, "{}", report.output());
    let violations = report
        .file("EW-7781230.jsonld")
        .expect("reported")
        .violations("1.1.0");
    assert!(
        violations.iter().any(|l| l.contains("individualDisplay")),
        "{}",
        report.output()
    );
}

#[test]
fn examples_emit_only_keys_the_contexts_define() {
    for project in example_projects() {
        let out = tempfile::tempdir().unwrap();
        for (relative, text) in build(&project, out.path(), true) {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let dropped = unmapped_keys(&doc);
            assert!(
                dropped.is_empty(),
                "{}/{}: keys dropped by JSON-LD: {dropped:?}",
                name(&project),
                relative.display()
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The language contract and the every-field fixture: the widest inputs we have.
#[test]
fn compiler_fixtures_conform_to_edc_shacl_1_1_0_and_1_2_0() {
    let out = tempfile::tempdir().unwrap();
    for fixture in ["language-contract.laurel", "every-field.laurel"] {
        let path = repo_root().join("compiler/tests/fixtures").join(fixture);
        let documents = build(&path, &out.path().join(fixture), true);
        for (relative, text) in documents {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let dropped = unmapped_keys(&doc);
            assert!(
                dropped.is_empty(),
                "{fixture}/{}: keys dropped by JSON-LD: {dropped:?}",
                relative.display()
            );
        }
    }
    assert_conforms_with(&[], out.path());
}

/// A seal key and certificate naming an organisation with an organizationIdentifier, as
/// a qualified seal certificate does.
fn sealer() -> laurel::seal::Sealer {
    use rcgen::{CertificateParams, DnType, KeyPair, KeyUsagePurpose};
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    let name = &mut params.distinguished_name;
    name.push(DnType::CommonName, "Test e-seal");
    name.push(DnType::OrganizationName, "Test University");
    name.push(DnType::CustomDnType(vec![2, 5, 4, 97]), "VATBE-0123456789");
    name.push(DnType::CountryName, "BE");
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let cert = params.self_signed(&key).unwrap();
    laurel::seal::Sealer::new(
        laurel::seal::SealKey::from_pem(key.serialize_pem().as_bytes()).unwrap(),
        laurel::seal::SealCertificate::from_pem(cert.pem().as_bytes()).unwrap(),
        None,
        1_772_445_600,
        true,
    )
    .unwrap()
}

/// Sealed with the issuer filled from the certificate (`--issuer-from-cert`), every
/// example's credential still conforms, and the Commission's Annex I sample, whose
/// issuer has no eIDAS identifier as published unsigned, now meets the strict 1.1.0
/// shapes too, as the EU issuer's sealed sample does.
#[test]
fn sealed_with_the_issuer_from_the_certificate_every_credential_conforms() {
    let sealer = sealer();
    let built = tempfile::tempdir().unwrap();
    let payloads = tempfile::tempdir().unwrap();
    let mut sealed = 0;
    for project in example_projects() {
        let documents = build(&project, &built.path().join(name(&project)), true);
        for (relative, text) in documents {
            if !relative.components().any(|c| c.as_os_str() == "awards") {
                continue;
            }
            let file: serde_json::Value =
                serde_json::from_str(&sealer.seal(&text).unwrap()).unwrap();
            let payload: serde_json::Value =
                serde_json::from_str(file["payload"].as_str().unwrap()).unwrap();
            assert_eq!(
                payload["issuer"]["eIDASIdentifier"]["notation"],
                "VATBE-0123456789"
            );
            let dropped = unmapped_keys(&payload);
            assert!(dropped.is_empty(), "{}: {dropped:?}", relative.display());
            let target = payloads.path().join(name(&project)).join(&relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, payload.to_string()).unwrap();
            sealed += 1;
        }
    }
    assert!(sealed >= 5, "only {sealed} credentials");
    assert_conforms_with(&[], payloads.path());
}

/// A mandated issue (the MOOC platform issues for the university, Q26) names the
/// Issued-by-Mandate profile and meets its shapes in pyshacl, both versions; without its
/// evidence the same credential does not, so the profile's shapes are really applied.
#[test]
fn a_mandated_issue_meets_the_issued_by_mandate_shapes() {
    let project = repo_root().join("examples/mooc-platform");
    let out = tempfile::tempdir().unwrap();
    let documents = build(&project, out.path(), true);
    let mandated = laurel::validate::shapes::Profile::IssuedByMandate;
    let credentials: Vec<serde_json::Value> = documents
        .iter()
        .map(|(_, text)| serde_json::from_str::<serde_json::Value>(text).unwrap())
        .filter(|doc| doc.get("credentialSubject").is_some())
        .collect();
    assert!(!credentials.is_empty());
    for credential in &credentials {
        let profiles = laurel::validate::shapes::named_profiles(credential);
        assert!(profiles.contains(&mandated), "{profiles:?}");
    }
    assert_conforms_with(&["--profile", "issuedByMandate"], out.path());

    let bare = tempfile::tempdir().unwrap();
    let mut credential = credentials[0].clone();
    credential.as_object_mut().unwrap().remove("evidence");
    std::fs::write(
        bare.path().join("no-evidence.jsonld"),
        credential.to_string(),
    )
    .unwrap();
    let report =
        laurel_conformance::run_shacl_with(&["--profile", "issuedByMandate"], &[bare.path()])
            .expect("the venv is there: the first check ran");
    assert!(
        report.failed == 1 && report.output().contains("evidence"),
        "{}",
        report.output()
    );
}
