//! Sealing and verifying with a test PKI made here (rcgen: root → intermediate → seal
//! certificate with an organizationIdentifier), for ES256, RS256 and PS256: round trips,
//! tampering, wrong anchors, expiry, refused keys and certificates, the issuer filled
//! from the certificate, `laurel seal` (local key, and `--prepare`/`--finish` with
//! openssl as the external signer), `laurel issue --seal`, and openssl as an independent
//! verifier of our signatures.

#[path = "support/sealed.rs"]
mod sealed;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use laurel::seal::{
    all_passed, unix_seconds, verify, Algorithm, Check, SealCertificate, SealKey, Sealer, Status,
    TrustAnchors, VerifyOptions,
};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256,
};
use sealed::{header, payload_changed, payload_len};
use serde_json::Value;

/// A 2048-bit RSA key made for these tests only (rcgen cannot make RSA keys).
const RSA_KEY: &str = include_str!("fixtures/seal/test-rsa-2048.key.pem");

const SEALED_AT: &str = "2026-03-02T10:00:00Z";

/// The organisation the seal certificate names.
const ORGANISATION: &str = "Hochschule Rheintal gGmbH";
const ORGANISATION_ID: &str = "VATDE-814736520";

/// A root, an intermediate and a seal certificate, PEM, and the seal's private key.
struct Pki {
    root: String,
    /// Seal certificate, then the intermediate.
    chain: String,
    key: String,
}

fn params(cn: &str, from: (i32, u8, u8), until: (i32, u8, u8)) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
    params.not_after = rcgen::date_time_ymd(until.0, until.1, until.2);
    params
}

fn ca(cn: &str) -> CertificateParams {
    let mut params = params(cn, (2024, 1, 1), (2034, 1, 1));
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

/// The seal certificate's parameters: valid 2025-06-01 to 2027-06-01, for seals.
fn seal_params() -> CertificateParams {
    let mut params = params("Rheintal e-seal", (2025, 6, 1), (2027, 6, 1));
    params
        .distinguished_name
        .push(DnType::OrganizationName, ORGANISATION);
    params
        .distinguished_name
        .push(DnType::CustomDnType(vec![2, 5, 4, 97]), ORGANISATION_ID);
    params.distinguished_name.push(DnType::CountryName, "DE");
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params
}

impl Pki {
    /// A PKI whose seal key is `seal_key` and seal certificate is made from `leaf`.
    fn with(seal_key: KeyPair, leaf: CertificateParams) -> Pki {
        let root_key = p256();
        let root_params = ca("Laurel Test Root");
        let root = root_params.self_signed(&root_key).unwrap();
        let root_issuer = Issuer::new(root_params, root_key);
        let intermediate_key = p256();
        let intermediate_params = ca("Laurel Test Seal CA");
        let intermediate = intermediate_params
            .signed_by(&intermediate_key, &root_issuer)
            .unwrap();
        let intermediate_issuer = Issuer::new(intermediate_params, intermediate_key);
        let seal = leaf.signed_by(&seal_key, &intermediate_issuer).unwrap();
        Pki {
            root: root.pem(),
            chain: format!("{}{}", seal.pem(), intermediate.pem()),
            key: seal_key.serialize_pem(),
        }
    }

    fn es256() -> Pki {
        Pki::with(p256(), seal_params())
    }

    fn rsa() -> Pki {
        let key = KeyPair::from_pkcs8_pem_and_sign_algo(RSA_KEY, &PKCS_RSA_SHA256).unwrap();
        Pki::with(key, seal_params())
    }

    fn sealer(&self, algorithm: Option<Algorithm>, fill_issuer: bool) -> Sealer {
        Sealer::new(
            SealKey::from_pem(self.key.as_bytes()).unwrap(),
            SealCertificate::from_pem(self.chain.as_bytes()).unwrap(),
            algorithm,
            unix_seconds(SEALED_AT).unwrap(),
            fill_issuer,
        )
        .unwrap()
    }

    fn anchors(&self) -> TrustAnchors {
        TrustAnchors::from_pem(self.root.as_bytes()).unwrap()
    }
}

/// A fresh P-256 key.
fn p256() -> KeyPair {
    KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap()
}

/// A credential as `laurel build` writes it (the university example, built once).
fn credential() -> String {
    static CREDENTIAL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CREDENTIAL
        .get_or_init(|| {
            let out = tempfile::tempdir().unwrap();
            let built = laurel_cmd()
                .args(["build", "../examples/university", "--no-images", "--out"])
                .arg(out.path())
                .output()
                .unwrap();
            assert!(built.status.success(), "{built:?}");
            std::fs::read_to_string(
                out.path()
                    .join("research-data-gdpr/awards/HR-2025-20188.jsonld"),
            )
            .unwrap()
        })
        .clone()
}

fn laurel_cmd() -> Command {
    let mut cmd = Command::cargo_bin("laurel").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

fn check_at(text: &str, anchors: Option<&TrustAnchors>, at: &str) -> Vec<Check> {
    verify(
        text,
        &VerifyOptions {
            at: unix_seconds(at).unwrap(),
            anchors,
        },
    )
}

fn status(checks: &[Check], name: &str) -> Status {
    checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check in {checks:#?}"))
        .status
}

fn detail<'c>(checks: &'c [Check], name: &str) -> &'c str {
    &checks.iter().find(|c| c.name == name).unwrap().detail
}

#[test]
fn seals_verify_with_every_algorithm_and_carry_the_eu_header() {
    let (ec, rsa) = (Pki::es256(), Pki::rsa());
    for (pki, algorithm, expected) in [
        (&ec, None, "ES256"),
        (&rsa, None, "RS256"),
        (&rsa, Some(Algorithm::Ps256), "PS256"),
        (&rsa, Some(Algorithm::Rs512), "RS512"),
    ] {
        let sealed = pki.sealer(algorithm, false).seal(&credential()).unwrap();
        let checks = check_at(&sealed, Some(&pki.anchors()), "2026-06-01");
        assert!(all_passed(&checks), "{expected}: {checks:#?}");
        for name in [
            "format",
            "signature",
            "certificate-reference",
            "certificate",
            "chain",
            "validity",
        ] {
            assert_eq!(status(&checks, name), Status::Passed, "{expected} {name}");
        }
        assert_eq!(status(&checks, "level"), Status::Skipped);
        assert!(detail(&checks, "level").starts_with("JAdES-B-B"));
        for name in ["revocation", "owner", "accreditation"] {
            assert_eq!(status(&checks, name), Status::Skipped);
        }
        let header = header(&sealed);
        let keys: Vec<&str> = header
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["alg", "cty", "kid", "x5t#S256", "x5c", "typ", "b64", "sigT", "crit"]
        );
        assert_eq!(header["alg"], expected);
        assert_eq!(header["sigT"], SEALED_AT);
        assert_eq!(header["crit"], serde_json::json!(["b64", "sigT"]));
        assert_eq!(
            header["x5c"].as_array().unwrap().len(),
            2,
            "leaf + intermediate"
        );
        // The payload is the credential, compact, keys in their order.
        let doc: Value = serde_json::from_str(&sealed).unwrap();
        let original: Value = serde_json::from_str(&credential()).unwrap();
        assert_eq!(doc["payload"].as_str().unwrap(), original.to_string());
    }
}

#[test]
fn rsa_seals_are_the_same_bytes_every_time() {
    let pki = Pki::rsa();
    let sealer = pki.sealer(None, false);
    assert_eq!(
        sealer.seal(&credential()).unwrap(),
        sealer.seal(&credential()).unwrap()
    );
}

#[test]
fn a_changed_payload_byte_anywhere_breaks_the_seal() {
    for pki in [Pki::es256(), Pki::rsa()] {
        let sealed = pki.sealer(None, false).seal(&credential()).unwrap();
        let len = payload_len(&sealed);
        for at in [0, len / 7, len / 3, len / 2, len - 40] {
            let checks = check_at(&payload_changed(&sealed, at), None, "2026-06-01");
            assert_eq!(status(&checks, "signature"), Status::Failed, "byte {at}");
            assert!(!all_passed(&checks));
        }
    }
}

#[test]
fn a_swapped_header_breaks_the_seal() {
    let pki = Pki::es256();
    let sealed = pki.sealer(None, false).seal(&credential()).unwrap();
    let later = Sealer::new(
        SealKey::from_pem(pki.key.as_bytes()).unwrap(),
        SealCertificate::from_pem(pki.chain.as_bytes()).unwrap(),
        None,
        unix_seconds("2026-04-01T00:00:00Z").unwrap(),
        false,
    )
    .unwrap()
    .seal(&credential())
    .unwrap();
    let mut doc: Value = serde_json::from_str(&sealed).unwrap();
    let other: Value = serde_json::from_str(&later).unwrap();
    doc["signatures"][0]["protected"] = other["signatures"][0]["protected"].clone();
    let checks = check_at(&doc.to_string(), None, "2026-06-01");
    assert_eq!(status(&checks, "signature"), Status::Failed);
    // A header of another certificate: the signature and the reference both fail.
    let stranger = Pki::es256()
        .sealer(None, false)
        .seal(&credential())
        .unwrap();
    let other: Value = serde_json::from_str(&stranger).unwrap();
    doc["signatures"][0]["protected"] = other["signatures"][0]["protected"].clone();
    let checks = check_at(&doc.to_string(), None, "2026-06-01");
    assert_eq!(status(&checks, "signature"), Status::Failed);
}

#[test]
fn a_sealing_time_off_the_clock_is_refused() {
    let pki = Pki::es256();
    let sealed = pki.sealer(None, false).seal(&credential()).unwrap();
    let mut doc: Value = serde_json::from_str(&sealed).unwrap();
    let protected = doc["signatures"][0]["protected"].as_str().unwrap();
    let mut h: serde_json::Map<String, Value> =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).unwrap()).unwrap();
    // Read leniently, this was 10000-01-01T02:01:00Z, after the certificate's end.
    h.insert("sigT".into(), "9999-12-31T25:61:00Z".into());
    doc["signatures"][0]["protected"] =
        Value::String(URL_SAFE_NO_PAD.encode(serde_json::to_vec(&h).unwrap()));
    let checks = check_at(&doc.to_string(), Some(&pki.anchors()), "2026-06-01");
    assert_eq!(checks.len(), 1, "{checks:#?}");
    assert_eq!(status(&checks, "format"), Status::Failed);
    let detail = detail(&checks, "format");
    assert!(
        detail.contains("`sigT`, the sealing time, is not a date and time"),
        "{detail}"
    );
    assert!(!detail.contains("10000"), "{detail}");
}

#[test]
fn the_chain_fails_with_a_wrong_anchor_and_after_expiry() {
    let pki = Pki::es256();
    let sealed = pki.sealer(None, false).seal(&credential()).unwrap();
    // An impostor root of the same name: the path is found, its signature fails.
    let impostor = Pki::es256().anchors();
    let checks = check_at(&sealed, Some(&impostor), "2026-06-01");
    assert_eq!(status(&checks, "chain"), Status::Failed);
    assert!(
        detail(&checks, "chain").contains("signature does not verify"),
        "{checks:#?}"
    );
    assert!(!all_passed(&checks));
    // An unrelated root: no path at all.
    let mut other = ca("Other Root");
    other.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    let other_key = p256();
    let other =
        TrustAnchors::from_pem(other.self_signed(&other_key).unwrap().pem().as_bytes()).unwrap();
    let checks = check_at(&sealed, Some(&other), "2026-06-01");
    assert!(detail(&checks, "chain").contains("no path"), "{checks:#?}");

    // After the seal certificate expired (2027-06-01) the chain fails at the time of
    // checking, although it held at sealing.
    let checks = check_at(&sealed, Some(&pki.anchors()), "2028-01-01");
    assert_eq!(status(&checks, "chain"), Status::Failed);
    assert!(
        detail(&checks, "chain").contains("expired")
            && detail(&checks, "chain").contains("valid at sealing"),
        "{checks:#?}"
    );
    assert_eq!(status(&checks, "certificate"), Status::Passed);

    // Sealed after the certificate expired: the certificate check fails too.
    let late = Sealer::new(
        SealKey::from_pem(pki.key.as_bytes()).unwrap(),
        SealCertificate::from_pem(pki.chain.as_bytes()).unwrap(),
        None,
        unix_seconds("2027-07-01T00:00:00Z").unwrap(),
        false,
    )
    .unwrap()
    .seal(&credential())
    .unwrap();
    let checks = check_at(&late, Some(&pki.anchors()), "2027-07-02");
    assert_eq!(status(&checks, "certificate"), Status::Failed);
    assert_eq!(status(&checks, "chain"), Status::Failed);

    // Without anchors the chain is not checked, and says how to check it.
    let checks = check_at(&sealed, None, "2026-06-01");
    assert_eq!(status(&checks, "chain"), Status::Skipped);
    assert!(detail(&checks, "chain").contains("--trust"));
}

#[test]
fn the_issuer_is_compared_with_and_filled_from_the_certificate() {
    let pki = Pki::rsa();
    let plain = pki.sealer(None, false).seal(&credential()).unwrap();
    let checks = check_at(&plain, None, "2026-06-01");
    assert_eq!(status(&checks, "issuer"), Status::Warning);
    assert!(
        detail(&checks, "issuer").contains(ORGANISATION),
        "{checks:#?}"
    );
    assert!(all_passed(&checks), "a warning does not fail the seal");

    let filled = pki.sealer(None, true).seal(&credential()).unwrap();
    let checks = check_at(&filled, None, "2026-06-01");
    assert_eq!(status(&checks, "issuer"), Status::Passed, "{checks:#?}");
    let doc: Value = serde_json::from_str(&filled).unwrap();
    let payload: Value = serde_json::from_str(doc["payload"].as_str().unwrap()).unwrap();
    assert_eq!(payload["issuer"]["legalName"]["en"], ORGANISATION);
    assert_eq!(
        payload["issuer"]["eIDASIdentifier"]["notation"],
        ORGANISATION_ID
    );
    assert_eq!(
        payload["issuer"]["eIDASIdentifier"]["spatial"]["id"],
        "http://publications.europa.eu/resource/authority/country/DEU"
    );
}

#[test]
fn unusable_keys_and_certificates_are_refused_plainly() {
    let pki = Pki::es256();
    let sealed_at = unix_seconds(SEALED_AT).unwrap();
    let refuse = |key: &str, chain: &str, algorithm: Option<Algorithm>| -> String {
        let key = match SealKey::from_pem(key.as_bytes()) {
            Ok(key) => key,
            Err(e) => return e.to_string(),
        };
        let certificate = match SealCertificate::from_pem(chain.as_bytes()) {
            Ok(c) => c,
            Err(e) => return e.to_string(),
        };
        Sealer::new(key, certificate, algorithm, sealed_at, false)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string())
    };
    let other_key = p256().serialize_pem();
    assert!(refuse(&other_key, &pki.chain, None).contains("does not belong"));
    assert!(refuse(&pki.key, &pki.chain, Some(Algorithm::Rs256)).contains("RS256 needs an RSA key"));
    assert!(refuse(&pki.key, &pki.root, None).contains("CA certificate"));
    assert!(refuse(&pki.key, "", None).contains("no certificate"));
    assert!(refuse("", &pki.chain, None).contains("no private key"));
    assert!(
        refuse("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", &pki.chain, None).contains("encrypted")
    );

    let mut no_seal_usage = seal_params();
    no_seal_usage.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    let key = p256();
    let wrong = Pki::with(key, no_seal_usage);
    let message = refuse(&wrong.key, &wrong.chain, None);
    assert!(
        message.contains("neither digitalSignature nor nonRepudiation"),
        "{message}"
    );

    // Filling the issuer needs an organizationIdentifier in the certificate.
    let mut anonymous = params("Anonymous seal", (2025, 6, 1), (2027, 6, 1));
    anonymous.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let key = p256();
    let anonymous = Pki::with(key, anonymous);
    let message = Sealer::new(
        SealKey::from_pem(anonymous.key.as_bytes()).unwrap(),
        SealCertificate::from_pem(anonymous.chain.as_bytes()).unwrap(),
        None,
        sealed_at,
        true,
    )
    .unwrap_err()
    .to_string();
    assert!(message.contains("needs both O"), "{message}");

    let mut no_usage = seal_params();
    no_usage.key_usages = Vec::new();
    let key = p256();
    let wrong = Pki::with(key, no_usage);
    assert!(refuse(&wrong.key, &wrong.chain, None).contains("no key usage"));
}

// ---- the command line, and openssl as the other side ----

/// A folder with the PKI's files and a built credential.
struct Work {
    dir: tempfile::TempDir,
}

impl Work {
    fn new(pki: &Pki) -> Work {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("root.pem"), &pki.root).unwrap();
        std::fs::write(dir.path().join("chain.pem"), &pki.chain).unwrap();
        std::fs::write(dir.path().join("seal.key.pem"), &pki.key).unwrap();
        std::fs::write(dir.path().join("cred.jsonld"), credential()).unwrap();
        Work { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn laurel(&self, args: &[&str]) -> Output {
        laurel_cmd()
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap()
    }

    fn openssl(&self, args: &[&str]) -> Output {
        std::process::Command::new("openssl")
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .expect("openssl runs")
    }

    /// Writes a key that belongs to no certificate here as `other.key.pem`.
    fn other_key(&self) -> &'static str {
        std::fs::write(self.path("other.key.pem"), p256().serialize_pem()).unwrap();
        "other.key.pem"
    }

    /// `output` is a refusal (exit 2) that says `says`, and `target` was not written.
    fn assert_refused(&self, output: &Output, says: &str, target: &str) {
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(text(&output.stderr).contains(says), "{output:?}");
        assert!(!self.path(target).exists(), "{target} was written");
    }

    fn verify(&self, file: &str) -> Output {
        self.laurel(&["verify", file, "--trust", "root.pem", "--at", "2026-06-01"])
    }
}

/// Whether openssl runs here; without it (outside CI, where `.ci/run` installs it) the
/// tests that use it are skipped with a note.
fn openssl_present() -> bool {
    let present = std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "openssl is missing in CI"
        );
        eprintln!("note: skipping: openssl is not installed");
    }
    present
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn laurel_seal_writes_a_file_laurel_verify_accepts() {
    let work = Work::new(&Pki::rsa());
    let sealed = work.laurel(&[
        "seal",
        "cred.jsonld",
        "--key",
        "seal.key.pem",
        "--cert",
        "chain.pem",
        "--sealed-at",
        SEALED_AT,
        "--issuer-from-cert",
    ]);
    assert!(sealed.status.success(), "{sealed:?}");
    assert!(text(&sealed.stdout).contains("cred.sealed.jsonld (RS256)"));
    let verified = work.verify("cred.sealed.jsonld");
    assert!(verified.status.success(), "{}", text(&verified.stdout));
    let report = text(&verified.stdout);
    assert!(report.contains("passed   chain"), "{report}");
    assert!(report.contains("passed   issuer"), "{report}");

    // Sealing a sealed file is refused, and a wrong anchor fails verification (exit 1).
    let again = work.laurel(&[
        "seal",
        "cred.sealed.jsonld",
        "--key",
        "seal.key.pem",
        "--cert",
        "chain.pem",
        "--out",
        "twice.jsonld",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("sealed already"));
    assert!(!work.path("twice.jsonld").exists());
    std::fs::write(work.path("other-root.pem"), Pki::es256().root).unwrap();
    let wrong = work.laurel(&[
        "verify",
        "cred.sealed.jsonld",
        "--trust",
        "other-root.pem",
        "--format",
        "json",
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(report[0]["passed"], false);

    // A key that is not the certificate's: exit 2 and nothing written.
    let other = work.other_key();
    let refused = work.laurel(&[
        "seal",
        "cred.jsonld",
        "--key",
        other,
        "--cert",
        "chain.pem",
        "--out",
        "no.jsonld",
    ]);
    work.assert_refused(&refused, "does not belong", "no.jsonld");
}

/// `--out FILE` does not replace a file that is there, unless `--force`.
#[test]
fn laurel_seal_replaces_an_existing_out_file_only_with_force() {
    let work = Work::new(&Pki::es256());
    std::fs::write(work.path("existing.jsonld"), "keep me").unwrap();
    let seal = |force: &[&str]| {
        work.laurel(
            &[
                &[
                    "seal",
                    "cred.jsonld",
                    "--key",
                    "seal.key.pem",
                    "--cert",
                    "chain.pem",
                    "--out",
                    "existing.jsonld",
                ][..],
                force,
            ]
            .concat(),
        )
    };
    let refused = seal(&[]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let message = text(&refused.stderr);
    assert!(message.contains("exists already"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert_eq!(
        std::fs::read_to_string(work.path("existing.jsonld")).unwrap(),
        "keep me"
    );
    let replaced = seal(&["--force"]);
    assert!(replaced.status.success(), "{replaced:?}");
    assert!(work.verify("existing.jsonld").status.success());
}

/// A self-signed certificate can carry any organisation's name and identifier: without
/// trust anchors `laurel verify` fails, unless `--no-trust` accepts that, and then says
/// the issuer's identity was not checked.
#[test]
fn a_self_made_certificate_is_not_valid_without_trust_anchors() {
    let key = p256();
    let forged = seal_params().self_signed(&key).unwrap();
    let pki = Pki {
        root: forged.pem(),
        chain: forged.pem(),
        key: key.serialize_pem(),
    };
    let work = Work::new(&pki);
    let sealed = work.laurel(&[
        "seal",
        "cred.jsonld",
        "--key",
        "seal.key.pem",
        "--cert",
        "chain.pem",
        "--sealed-at",
        SEALED_AT,
        "--issuer-from-cert",
    ]);
    assert!(sealed.status.success(), "{sealed:?}");
    let at = ["--at", "2026-06-01"];
    let unchecked = work.laurel(&[&["verify", "cred.sealed.jsonld"][..], &at].concat());
    assert_eq!(unchecked.status.code(), Some(1), "{unchecked:?}");
    let report = text(&unchecked.stdout);
    assert!(report.contains("cred.sealed.jsonld: NOT VALID"), "{report}");
    assert!(
        report.contains("failed   chain                  not checked: no trust anchors given"),
        "{report}"
    );
    assert!(report.contains("--no-trust"), "{report}");
    assert!(report.contains("passed   issuer"), "{report}");
    let accepted =
        work.laurel(&[&["verify", "cred.sealed.jsonld", "--no-trust"][..], &at].concat());
    assert_eq!(accepted.status.code(), Some(0), "{accepted:?}");
    let report = text(&accepted.stdout);
    assert!(
        report
            .contains("cred.sealed.jsonld: valid seal, but the issuer's identity was not checked"),
        "{report}"
    );
    assert!(
        report.contains("skipped  chain                  not checked (--no-trust)"),
        "{report}"
    );
    let json = work.laurel(
        &[
            &["verify", "cred.sealed.jsonld", "--format", "json"][..],
            &at,
        ]
        .concat(),
    );
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report[0]["passed"], false);
    let both = work.laurel(&[
        "verify",
        "cred.sealed.jsonld",
        "--no-trust",
        "--trust",
        "root.pem",
    ]);
    assert_eq!(both.status.code(), Some(2), "{both:?}");
}

/// A PKCS#12 file made by openssl (current and legacy encryption) gives the key and its
/// certificates; its password comes from the environment; a wrong one is refused.
#[test]
fn laurel_seal_reads_pkcs12_files() {
    if !openssl_present() {
        return;
    }
    for pki in [Pki::rsa(), Pki::es256()] {
        let work = Work::new(&pki);
        for (file, legacy) in [("seal.p12", false), ("legacy.pfx", true)] {
            let mut args = vec![
                "pkcs12",
                "-export",
                "-inkey",
                "seal.key.pem",
                "-in",
                "chain.pem",
                "-passout",
                "pass:s3cret",
                "-out",
                file,
            ];
            if legacy {
                args.push("-legacy");
            }
            let made = work.openssl(&args);
            if legacy && !made.status.success() {
                // An openssl without the legacy provider cannot write the old format.
                continue;
            }
            assert!(made.status.success(), "{made:?}");
            let sealed = laurel_cmd()
                .current_dir(work.dir.path())
                .env("SEAL_PASSWORD", "s3cret")
                .args(["seal", "cred.jsonld", "--key", file, "--key-password-env"])
                .args([
                    "SEAL_PASSWORD",
                    "--out",
                    "p12.jsonld",
                    "--force",
                    "--sealed-at",
                    SEALED_AT,
                ])
                .output()
                .unwrap();
            assert!(sealed.status.success(), "{sealed:?}");
            let verified = work.verify("p12.jsonld");
            assert!(verified.status.success(), "{}", text(&verified.stdout));
            let sealed = std::fs::read_to_string(work.path("p12.jsonld")).unwrap();
            assert_eq!(header(&sealed)["x5c"].as_array().unwrap().len(), 2);

            let refused = laurel_cmd()
                .current_dir(work.dir.path())
                .env("LAUREL_KEY_PASSWORD", "wrong")
                .args(["seal", "cred.jsonld", "--key", file, "--out", "no.jsonld"])
                .output()
                .unwrap();
            work.assert_refused(&refused, "password", "no.jsonld");
        }
    }
}

/// `--prepare`, a signature by openssl with the key, `--finish`: a seal `laurel verify`
/// accepts; a signature by another key is refused.
#[test]
fn sealing_in_two_steps_with_openssl_as_the_signer() {
    if !openssl_present() {
        return;
    }
    for pki in [Pki::rsa(), Pki::es256()] {
        let work = Work::new(&pki);
        let prepared = work.laurel(&[
            "seal",
            "cred.jsonld",
            "--cert",
            "chain.pem",
            "--prepare",
            "--sealed-at",
            SEALED_AT,
        ]);
        assert!(prepared.status.success(), "{prepared:?}");
        let tbs = std::fs::read(work.path("cred.tbs")).unwrap();
        let digest = laurel::issue::hex(ring::digest::digest(&ring::digest::SHA256, &tbs).as_ref());
        assert!(
            text(&prepared.stdout).contains(&digest),
            "the SHA-256 is printed"
        );

        let signed = work.openssl(&[
            "dgst",
            "-sha256",
            "-sign",
            "seal.key.pem",
            "-out",
            "cred.sig",
            "cred.tbs",
        ]);
        assert!(signed.status.success(), "{signed:?}");
        let finished = work.laurel(&["seal", "--finish", "cred.tbs", "--signature", "cred.sig"]);
        assert!(finished.status.success(), "{finished:?}");
        let verified = work.verify("cred.sealed.jsonld");
        assert!(verified.status.success(), "{}", text(&verified.stdout));

        // Signed by another key: refused, nothing written.
        let other = work.other_key();
        work.openssl(&[
            "dgst", "-sha256", "-sign", other, "-out", "bad.sig", "cred.tbs",
        ]);
        let refused = work.laurel(&[
            "seal",
            "--finish",
            "cred.tbs",
            "--signature",
            "bad.sig",
            "--out",
            "no.jsonld",
        ]);
        work.assert_refused(&refused, "does not verify", "no.jsonld");
    }
}

/// openssl verifies our signatures over `protected.payload` with the certificate's key:
/// an implementation that shares no code with ours.
#[test]
fn openssl_verifies_our_seals() {
    if !openssl_present() {
        return;
    }
    for (pki, algorithm) in [
        (Pki::rsa(), None),
        (Pki::rsa(), Some(Algorithm::Ps256)),
        (Pki::es256(), None),
    ] {
        let work = Work::new(&pki);
        let sealed = pki.sealer(algorithm, false).seal(&credential()).unwrap();
        let doc: Value = serde_json::from_str(&sealed).unwrap();
        let protected = doc["signatures"][0]["protected"].as_str().unwrap();
        let payload = doc["payload"].as_str().unwrap();
        std::fs::write(work.path("signed.bin"), format!("{protected}.{payload}")).unwrap();
        let mut signature = URL_SAFE_NO_PAD
            .decode(doc["signatures"][0]["signature"].as_str().unwrap())
            .unwrap();
        if signature.len() == 64 {
            signature = ecdsa_der(&signature);
        }
        std::fs::write(work.path("signature.bin"), signature).unwrap();
        let public = work.openssl(&[
            "pkey",
            "-in",
            "seal.key.pem",
            "-pubout",
            "-out",
            "public.pem",
        ]);
        assert!(public.status.success(), "{public:?}");
        let mut args = vec![
            "dgst",
            "-sha256",
            "-verify",
            "public.pem",
            "-signature",
            "signature.bin",
        ];
        if algorithm == Some(Algorithm::Ps256) {
            args.extend([
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:32",
            ]);
        }
        args.push("signed.bin");
        let checked = work.openssl(&args);
        assert!(
            checked.status.success() && text(&checked.stdout).contains("Verified OK"),
            "{algorithm:?}: {checked:?}"
        );
    }
}

/// The JWS `r || s` form of an ECDSA signature as DER, for openssl.
fn ecdsa_der(fixed: &[u8]) -> Vec<u8> {
    let integer = |bytes: &[u8]| {
        let mut digits: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
        if digits.first().is_some_and(|b| b & 0x80 != 0) {
            digits.insert(0, 0);
        }
        let mut out = vec![0x02, digits.len() as u8];
        out.extend(digits);
        out
    };
    let (r, s) = fixed.split_at(fixed.len() / 2);
    let mut content = integer(r);
    content.extend(integer(s));
    let mut out = vec![0x30, content.len() as u8];
    out.extend(content);
    out
}

#[test]
fn laurel_issue_seals_as_it_issues() {
    let pki = Pki::es256();
    let work = Work::new(&pki);
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/issue-project");
    std::fs::write(
        work.path("learners.csv"),
        "student-id,given-name,family-name,date\nEW-1,Ada,Lovelace,2025-03-28\nEW-2,Alan,Turing,2025-03-28\n",
    )
    .unwrap();
    let out = work.path("out");
    let issued = laurel_cmd()
        .arg("issue")
        .arg(&project)
        .args(["-c", "course", "-l"])
        .arg(work.path("learners.csv"))
        .arg("--out")
        .arg(&out)
        .args(["--no-images", "--seal", "--key"])
        .arg(work.path("seal.key.pem"))
        .arg("--cert")
        .arg(work.path("chain.pem"))
        .args(["--sealed-at", SEALED_AT])
        .output()
        .unwrap();
    assert!(issued.status.success(), "{issued:?}");
    let manifest = std::fs::read_to_string(out.join("course/manifest.jsonl")).unwrap();
    assert_eq!(manifest.lines().count(), 2);
    for line in manifest.lines() {
        let entry: Value = serde_json::from_str(line).unwrap();
        let file = out.join("course").join(entry["file"].as_str().unwrap());
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(
            entry["sha256"],
            laurel::issue::hex(ring::digest::digest(&ring::digest::SHA256, &bytes).as_ref()),
            "the manifest lists the sealed bytes"
        );
        let checks = check_at(
            &String::from_utf8(bytes).unwrap(),
            Some(&pki.anchors()),
            "2026-06-01",
        );
        assert!(all_passed(&checks), "{checks:#?}");
        let payload: Value = serde_json::from_str(
            serde_json::from_str::<Value>(&std::fs::read_to_string(&file).unwrap()).unwrap()
                ["payload"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(payload["id"], entry["id"]);
    }

    // A sealing option without --seal is a usage error, before anything is written.
    let refused = laurel_cmd()
        .arg("issue")
        .arg(&project)
        .args(["-c", "course", "-l"])
        .arg(work.path("learners.csv"))
        .arg("--out")
        .arg(work.path("unsealed"))
        .arg("--key")
        .arg(work.path("seal.key.pem"))
        .output()
        .unwrap();
    work.assert_refused(&refused, "add --seal", "unsealed");
}

#[test]
fn laurel_build_seals_the_credentials_not_the_specifications() {
    let pki = Pki::rsa();
    let work = Work::new(&pki);
    let out = work.path("out");
    let built = laurel_cmd()
        .args(["build", "../examples/university", "--no-images", "--out"])
        .arg(&out)
        .args([
            "--seal",
            "--issuer-from-cert",
            "--sealed-at",
            SEALED_AT,
            "--key",
        ])
        .arg(work.path("seal.key.pem"))
        .arg("--cert")
        .arg(work.path("chain.pem"))
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let (mut sealed, mut specifications) = (0, 0);
    for credential in [
        "data-analysis-python",
        "machine-learning-foundations",
        "research-data-gdpr",
    ] {
        let folder = out.join(credential);
        let spec: Value = serde_json::from_str(
            &std::fs::read_to_string(folder.join("specification.jsonld")).unwrap(),
        )
        .unwrap();
        assert!(
            spec.get("signatures").is_none(),
            "specifications stay unsealed"
        );
        specifications += 1;
        for entry in std::fs::read_dir(folder.join("awards")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let checks = check_at(&text, Some(&pki.anchors()), "2026-06-01");
            assert!(all_passed(&checks), "{checks:#?}");
            assert_eq!(status(&checks, "issuer"), Status::Passed);
            sealed += 1;
        }
    }
    assert_eq!((sealed, specifications), (4, 3));
}

// ---- never panics ----

use proptest::prelude::*;

/// One sealed file to mutate (ES256: the smallest).
static SEALED: std::sync::LazyLock<(String, TrustAnchors)> = std::sync::LazyLock::new(|| {
    let pki = Pki::es256();
    (
        pki.sealer(None, false).seal(&credential()).unwrap(),
        pki.anchors(),
    )
});

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any bytes of a sealed file changed, cut or inserted: the verifier reports and
    /// does not panic, and a changed file never passes.
    #[test]
    fn verifying_damaged_seals_never_panics(
        at in 0usize..100_000,
        cut in 0usize..64,
        insert in "[\\x00-\\x7F\\u{80}-\\u{10FFFF}]{0,8}",
    ) {
        let (sealed, anchors) = &*SEALED;
        let mut at = at % sealed.len();
        while !sealed.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(sealed.len());
        while !sealed.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{insert}{}", &sealed[..at], &sealed[end..]);
        let checks = check_at(&damaged, Some(anchors), "2026-06-01");
        prop_assert!(!checks.is_empty());
        if damaged != *sealed && serde_json::from_str::<Value>(&damaged).ok()
            != serde_json::from_str::<Value>(sealed).ok()
        {
            prop_assert!(!all_passed(&checks), "{checks:#?}");
        }
    }

    /// Random key, certificate, prepared and signature files are refused, not panicked on.
    #[test]
    fn reading_random_inputs_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = SealKey::from_pem(&bytes);
        let _ = SealCertificate::from_pem(&bytes);
        let _ = TrustAnchors::from_pem(&bytes);
        prop_assert!(laurel::seal::finish(&bytes, &bytes).is_err());
        let mut prepared = b"eyJhbGciOiJFUzI1NiJ9.".to_vec();
        prepared.extend(&bytes);
        prop_assert!(laurel::seal::finish(&prepared, &bytes).is_err());
    }
}
