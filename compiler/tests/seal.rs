//! External oracle for the verifier: the real sealed credentials in
//! `tests/data/seal/` (EU issuer and MyNextID, JAdES-B-LTA, RS256) verify, and
//! each fails after a one-byte change of its payload or a changed header.

#[path = "support/sealed.rs"]
mod sealed;

use std::path::PathBuf;

use base64::engine::general_purpose::STANDARD;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use laurel::seal::{all_passed, unix_seconds, Status, TrustAnchors, VerifyOptions};
use serde_json::Value;

/// The nine sealed credentials of `tests/data/seal/` (name, text), sorted by name.
fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/seal");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<(String, String)> = entries
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonld"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (name, text)
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        9,
        "{} should hold nine sealed credentials",
        dir.display()
    );
    files
}

/// The checks of a sealed file as of its sealing time (`sigT`), so that the result does
/// not depend on today's date.
fn verify(text: &str) -> Vec<laurel::seal::Check> {
    let at = unix_seconds(sealed::header(text)["sigT"].as_str().unwrap()).unwrap();
    laurel::seal::verify(text, &VerifyOptions { at, anchors: None })
}

fn status(text: &str, check: &str) -> Option<Status> {
    verify(text)
        .into_iter()
        .find(|c| c.name == check)
        .map(|c| c.status)
}

/// The sealed file with one digit or letter in the middle of its payload changed.
fn one_byte_changed(text: &str) -> String {
    sealed::payload_changed(text, sealed::payload_len(text) / 2)
}

#[test]
fn every_real_sealed_credential_verifies() {
    let files = fixtures();
    for (name, text) in &files {
        // The data model is judged by the shapes, below.
        let checks: Vec<_> = verify(text)
            .into_iter()
            .filter(|c| c.name != "data-model")
            .collect();
        assert!(all_passed(&checks), "{name}: {checks:#?}");
        for check in [
            "format",
            "signature",
            "certificate-reference",
            "certificate",
            "validity",
        ] {
            assert_eq!(status(text, check), Some(Status::Passed), "{name}: {check}");
        }
        let level = checks.iter().find(|c| c.name == "level").unwrap();
        assert!(
            level.detail.starts_with("JAdES-B-LTA"),
            "{name}: {}",
            level.detail
        );
    }
}

/// The data-model check of the real sealed files, as the EU's shapes (run by pyshacl,
/// `tests/tests/shacl_engine.rs`, with the same verdicts) judge their payloads: three of
/// MyNextID's credentials break the current shapes; the EU issuer's test file names a
/// context of a development server, which cannot be checked offline.
#[test]
fn the_data_model_of_the_real_sealed_credentials() {
    for (name, text) in &fixtures() {
        let expected = match name.as_str() {
            "mynextid_edc-coa-signed.jsonld"
            | "mynextid_edc-matriculation-signed.jsonld"
            | "mynextid_edc-mc-signed.jsonld" => Status::Failed,
            "edci_credential-signed.jsonld" => Status::Skipped,
            _ => Status::Passed,
        };
        let checks = verify(text);
        let check = checks.iter().find(|c| c.name == "data-model").unwrap();
        assert_eq!(check.status, expected, "{name}: {}", check.detail);
    }
}

#[test]
fn a_one_byte_change_in_the_payload_breaks_the_seal() {
    let files = fixtures();
    for (name, text) in &files {
        let changed = one_byte_changed(text);
        assert_eq!(
            status(&changed, "signature"),
            Some(Status::Failed),
            "{name}"
        );
        assert!(!all_passed(&verify(&changed)), "{name}");
    }
}

#[test]
fn a_changed_header_is_caught() {
    let files = fixtures();
    let (name, text) = &files[0];
    let doc: Value = serde_json::from_str(text).unwrap();
    let protected = doc["signatures"][0]["protected"].as_str().unwrap();
    let header: serde_json::Map<String, Value> =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).unwrap()).unwrap();
    let with = |change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut h = header.clone();
        change(&mut h);
        let mut d = doc.clone();
        d["signatures"][0]["protected"] =
            Value::String(URL_SAFE_NO_PAD.encode(serde_json::to_vec(&h).unwrap()));
        d.to_string()
    };
    // Any change of the protected header breaks the signature over it.
    let later = with(&|h| {
        h.insert("sigT".into(), "2030-01-01T00:00:00Z".into());
    });
    assert_eq!(status(&later, "signature"), Some(Status::Failed), "{name}");
    // A thumbprint of another certificate is named as such.
    let other = with(&|h| {
        h.insert("x5t#S256".into(), URL_SAFE_NO_PAD.encode([0u8; 32]).into());
    });
    assert_eq!(
        status(&other, "certificate-reference"),
        Some(Status::Failed)
    );
    // An algorithm that does not fit the key.
    let es = with(&|h| {
        h.insert("alg".into(), "ES256".into());
    });
    assert_eq!(status(&es, "signature"), Some(Status::Failed));
    // An unknown critical header stops at the format.
    let crit = with(&|h| {
        h.insert("crit".into(), serde_json::json!(["b64", "sigT", "zip"]));
        h.insert("zip".into(), "DEF".into());
    });
    assert_eq!(status(&crit, "format"), Some(Status::Failed));
}

#[test]
fn laurel_verify_reports_and_sets_the_exit_code() {
    let files = fixtures();
    // A MyNextID credential sealed on 2026-01-12 with a certificate valid then.
    let (_, text) = files
        .iter()
        .find(|(n, _)| n == "mynextid_edc-dc-signed.jsonld")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonld");
    std::fs::write(&good, text).unwrap();
    let bad = dir.path().join("bad.jsonld");
    std::fs::write(&bad, one_byte_changed(text)).unwrap();
    let run = |args: &[&std::path::Path], format: &str| {
        assert_cmd::Command::cargo_bin("laurel")
            .unwrap()
            .arg("verify")
            .args(args)
            .args([
                "--no-trust",
                "--at",
                "2026-01-12T10:00:00Z",
                "--format",
                format,
            ])
            .output()
            .unwrap()
    };
    let ok = run(&[&good], "human");
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("good.jsonld: valid"));
    // In GitHub Actions the failed check becomes an error annotation on its file, and
    // the issuer warning (Velocert's certificate says "NTREE-17207834", the credential
    // "17207834") a warning annotation on each.
    let github = run(&[&good, &bad], "github");
    assert_eq!(github.status.code(), Some(1));
    let log = String::from_utf8_lossy(&github.stdout);
    let errors: Vec<&str> = log.lines().filter(|l| l.starts_with("::error ")).collect();
    // the signature, and the data model (the changed byte gives two nodes one id)
    assert_eq!(errors.len(), 2, "{log}");
    assert!(errors.iter().all(|e| e.contains("bad.jsonld")), "{log}");
    assert!(
        errors[0].contains(",title=verify signature::the signature does not match"),
        "{log}"
    );
    assert!(errors[1].contains(",title=verify data-model::"), "{log}");
    let warnings = log.lines().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(warnings, 2, "{log}");
    assert!(log.contains("title=verify issuer::"), "{log}");
    let both = run(&[&good, &bad], "json");
    assert_eq!(both.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&both.stdout).unwrap();
    assert_eq!(report[0]["passed"], true);
    assert_eq!(report[1]["passed"], false);
    assert!(report[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["check"] == "signature" && c["status"] == "failed"));
    // Each check names the EU viewer's check it belongs to.
    let eu = |check: &str| {
        report[0]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == check)
            .map(|c| c["euCheck"]["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        eu("signature"),
        "http://data.europa.eu/snb/verification/f9c2016fe9"
    );
    assert_eq!(eu("chain"), eu("signature"));
    assert_eq!(
        eu("validity"),
        "http://data.europa.eu/snb/verification/94d828f160"
    );
    assert_eq!(
        eu("format"),
        "http://data.europa.eu/snb/verification/2f5b89b96f"
    );
}

#[test]
fn dates_are_checked_at_the_time_asked() {
    let files = fixtures();
    // Valid until 2030-12-31: fine in 2027, expired in 2031, not yet valid in 2025.
    let (_, text) = files
        .iter()
        .find(|(n, _)| n == "mynextid_edc-coe-signed.jsonld")
        .unwrap();
    let at = |t: &str| {
        laurel::seal::verify(
            text,
            &VerifyOptions {
                at: unix_seconds(t).unwrap(),
                anchors: None,
            },
        )
    };
    let validity = |checks: Vec<laurel::seal::Check>| {
        checks.into_iter().find(|c| c.name == "validity").unwrap()
    };
    assert_eq!(validity(at("2027-06-01")).status, Status::Passed);
    let expired = validity(at("2031-01-02"));
    assert_eq!(expired.status, Status::Failed);
    assert!(
        expired.detail.contains("expired on 2030-12-31"),
        "{}",
        expired.detail
    );
    assert_eq!(validity(at("2025-06-01")).status, Status::Failed);
    // The certificate is judged at sealing time whatever the time asked; later it is
    // said to have expired, but that does not fail the seal.
    let later = at("2031-01-02");
    let certificate = later.iter().find(|c| c.name == "certificate").unwrap();
    assert_eq!(certificate.status, Status::Passed, "{}", certificate.detail);
}

/// The CA certificates a sealed file carries in `etsiU.xVals`: only the self-signed
/// ones (its roots) when `roots_only`.
fn carried_cas(text: &str, roots_only: bool) -> Vec<Vec<u8>> {
    let doc: Value = serde_json::from_str(text).unwrap();
    let mut cas = Vec::new();
    for entry in doc["signatures"][0]["header"]["etsiU"].as_array().unwrap() {
        let entry: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(entry.as_str().unwrap()).unwrap())
                .unwrap();
        for value in entry["xVals"].as_array().into_iter().flatten() {
            let der = STANDARD
                .decode(value["x509Cert"]["val"].as_str().unwrap())
                .unwrap();
            let (_, cert) = x509_parser::parse_x509_certificate(&der).unwrap();
            let root = cert.subject() == cert.issuer();
            if cert.is_ca() && (root || !roots_only) {
                cas.push(der);
            }
        }
    }
    cas
}

/// The anchors a real seal is checked against here: the roots it carries, or for the
/// two EU samples, which carry no root of their seal's chain, its CA certificates.
fn carried_anchors(name: &str, text: &str) -> TrustAnchors {
    TrustAnchors::from_der(carried_cas(text, !name.starts_with("elm-v3"))).unwrap()
}

/// With the CAs they carry as anchors (for the test only: never trust what a seal
/// brings), the real seals' chains validate at their sealing time; with the other
/// provider's they do not.
#[test]
fn real_seals_chain_to_their_roots_at_sealing_time() {
    let files = fixtures();
    let anchors_of = |name: &str| {
        let (_, text) = files.iter().find(|(n, _)| n == name).unwrap();
        carried_anchors(name, text)
    };
    let anf = anchors_of("elm-v3_Sample-MC-Annex1-signed.jsonld");
    let halcom = anchors_of("mynextid_edc-dc-signed.jsonld");
    for (name, text) in &files {
        let own = carried_anchors(name, text);
        let sig_t = unix_seconds(sealed::header(text)["sigT"].as_str().unwrap()).unwrap();
        let chain = |anchors: &TrustAnchors| {
            laurel::seal::verify(
                text,
                &VerifyOptions {
                    at: sig_t,
                    anchors: Some(anchors),
                },
            )
            .into_iter()
            .find(|c| c.name == "chain")
            .unwrap()
        };
        let check = chain(&own);
        assert_eq!(check.status, Status::Passed, "{name}: {}", check.detail);
        let stranger = if name.starts_with("mynextid") {
            &anf
        } else {
            &halcom
        };
        let check = chain(stranger);
        assert_eq!(check.status, Status::Failed, "{name}: {}", check.detail);
    }
}

#[test]
fn files_two_parsers_would_read_differently_are_refused() {
    let files = fixtures();
    let (name, text) = &files[0];
    let doc: Value = serde_json::from_str(text).unwrap();
    let format = |text: &str| {
        let checks = laurel::seal::verify(
            text,
            &VerifyOptions {
                at: 0,
                anchors: None,
            },
        );
        let format = checks.iter().find(|c| c.name == "format").unwrap().clone();
        (format.status, format.detail)
    };
    // A second `payload` before the signed one: serde_json keeps the last, so the
    // signature verified while a parser that reads the first saw another credential.
    let tampered = one_byte_changed(text);
    let tampered: Value = serde_json::from_str(&tampered).unwrap();
    let two_payloads = format!(
        "{{\"payload\":{},{}",
        tampered["payload"],
        text.trim_start().strip_prefix('{').unwrap()
    );
    assert_eq!(
        format(&two_payloads),
        (
            Status::Failed,
            "the seal has two `payload` fields: a sealed file has one of each".to_string()
        ),
        "{name}"
    );
    // The same in the protected header and in the credential.
    let protected = doc["signatures"][0]["protected"].as_str().unwrap();
    let header = URL_SAFE_NO_PAD.decode(protected).unwrap();
    let with_protected = |bytes: &[u8]| {
        let mut d = doc.clone();
        d["signatures"][0]["protected"] = Value::String(URL_SAFE_NO_PAD.encode(bytes));
        d.to_string()
    };
    let two_algs = [&b"{\"alg\":\"none\","[..], &header[1..]].concat();
    let (status, detail) = format(&with_protected(&two_algs));
    assert_eq!(status, Status::Failed);
    assert!(
        detail.contains("the protected header has two `alg` fields"),
        "{detail}"
    );
    let payload = doc["payload"].as_str().unwrap();
    let mut d = doc.clone();
    d["payload"] = Value::String(format!("{{\"type\":\"x\",{}", &payload[1..]));
    let (status, detail) = format(&d.to_string());
    assert_eq!(status, Status::Failed);
    assert!(
        detail.contains("the credential has two `type` fields"),
        "{detail}"
    );
    // A critical sealing time that is not a time.
    let mut h: serde_json::Map<String, Value> = serde_json::from_slice(&header).unwrap();
    h.insert("sigT".into(), serde_json::json!(1_700_000_000));
    let (status, detail) = format(&with_protected(&serde_json::to_vec(&h).unwrap()));
    assert_eq!(status, Status::Failed);
    assert!(detail.contains("`sigT`"), "{detail}");
    // The unprotected header cannot say what the protected one must.
    for name in ["alg", "crit", "x5c", "sigT"] {
        let mut d = doc.clone();
        d["signatures"][0]["header"][name] = Value::String("none".into());
        let (status, detail) = format(&d.to_string());
        assert_eq!(status, Status::Failed, "{name}");
        assert!(
            detail.contains(&format!("the unprotected header names `{name}`")),
            "{detail}"
        );
    }
}

#[test]
fn a_long_certificate_list_is_refused_before_it_is_read() {
    let files = fixtures();
    let (_, text) = &files[0];
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let protected = doc["signatures"][0]["protected"].as_str().unwrap();
    let mut header: serde_json::Map<String, Value> =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).unwrap()).unwrap();
    let x5c = header["x5c"].as_array_mut().unwrap();
    x5c.extend(std::iter::repeat_n(Value::String("AAAA".into()), 20_000));
    doc["signatures"][0]["protected"] =
        Value::String(URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap()));
    let checks = verify(&doc.to_string());
    let signature = checks.iter().find(|c| c.name == "signature").unwrap();
    assert_eq!(signature.status, Status::Failed);
    assert!(
        signature
            .detail
            .contains("`x5c` holds 20001 certificates: a seal names its certificate and the CA certificates above it, at most 10"),
        "{}",
        signature.detail
    );
}

#[test]
fn a_long_list_of_validation_certificates_is_refused() {
    let files = fixtures();
    let (_, text) = &files[0];
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let entry = serde_json::json!({
        "xVals": vec![serde_json::json!({ "x509Cert": { "val": "AAAA" } }); 20_000]
    });
    let encoded = Value::String(URL_SAFE_NO_PAD.encode(entry.to_string()));
    let header = &mut doc["signatures"][0]["header"];
    match header["etsiU"].as_array_mut() {
        Some(list) => list.push(encoded),
        None => header["etsiU"] = Value::Array(vec![encoded]),
    }
    let checks = verify(&doc.to_string());
    let chain = checks.iter().find(|c| c.name == "chain").unwrap();
    assert_eq!(chain.status, Status::Failed);
    assert!(
        chain.detail.contains(
            "validation certificates (`xVals`): a seal carries the CA certificates of its path, at most 10"
        ),
        "{}",
        chain.detail
    );
}

/// `laurel verify --format sarif`: a result on the sealed file per failed or warning
/// check, a rule per check, paths as given (relative to the working folder).
#[test]
fn laurel_verify_writes_a_sarif_log() {
    let files = fixtures();
    let (_, text) = files
        .iter()
        .find(|(n, _)| n == "mynextid_edc-dc-signed.jsonld")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.jsonld"), text).unwrap();
    std::fs::write(dir.path().join("bad.jsonld"), one_byte_changed(text)).unwrap();
    let run = || {
        assert_cmd::Command::cargo_bin("laurel")
            .unwrap()
            .current_dir(dir.path())
            .args(["verify", "good.jsonld", "bad.jsonld", "--no-trust"])
            .args(["--at", "2026-01-12T10:00:00Z", "--format", "sarif"])
            .output()
            .unwrap()
    };
    let output = run();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(run().stdout, output.stdout, "not the same bytes twice");
    let mut log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results: Vec<(String, String, String)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
            let field = |v: &Value| v.as_str().unwrap().to_string();
            (field(uri), field(&r["ruleId"]), field(&r["level"]))
        })
        .collect();
    let result = |file: &str, rule: &str, level: &str| (file.into(), rule.into(), level.into());
    assert_eq!(
        results,
        [
            result("good.jsonld", "verify/issuer", "warning"),
            result("bad.jsonld", "verify/signature", "error"),
            result("bad.jsonld", "verify/issuer", "warning"),
            // the changed byte gives two nodes one id: a media object with two contents
            result("bad.jsonld", "verify/data-model", "error"),
        ]
    );
    log["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    insta::assert_json_snapshot!("verify_sarif", log);
}
