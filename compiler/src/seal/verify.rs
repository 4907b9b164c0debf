//! The report of a sealed file, check by check, in the spirit of the EU viewer: the
//! file's format (one signature, a protected header whose `crit` entries are all
//! understood, an unprotected header with only `etsiU`, no JSON object with a key twice,
//! no detached payload, a JSON credential as payload), the signature over
//! `protected || "." || payload` with the key of the first `x5c` certificate, the
//! certificate reference (`x5t#S256`, `kid`), the certificate's validity when sealed
//! (`sigT`) and its key usage, its path to the trust anchors given at `sigT` and at the
//! time of checking, whether it names the credential's issuer, and the credential's own
//! validity dates. The JAdES level found (B, T, LT, LTA) is reported; timestamps and
//! revocation data are present, not validated. Revocation, owner and accreditation need
//! services online and are reported as skipped.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::{Map, Value};
use x509_parser::certificate::X509Certificate;

use super::identity::{self, Identity};
use super::{
    decode_header, format_utc, header_chain, json, sign, signing_input, unix_seconds, Algorithm,
    CertificateReference, TrustAnchors, MAX_CHAIN,
};
use crate::diag::{sarif, Severity};
use crate::source::SourceFile;

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It passed.
    Passed,
    /// It passed with a remark that deserves attention (the seal is still valid).
    Warning,
    /// It failed.
    Failed,
    /// It was not performed (and why is in the detail).
    Skipped,
}

impl Status {
    /// `passed`, `warning`, `failed`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Warning => "warning",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// One check of a sealed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked: `format`, `signature`, `certificate-reference`, `certificate`,
    /// `chain`, `issuer`, `validity`, `level`, `revocation`, `owner`, `accreditation`.
    pub name: &'static str,
    /// How it ended.
    pub status: Status,
    /// What was found, in plain words.
    pub detail: String,
}

/// Every check a report may hold, in report order, with what it checks.
pub const CHECKS: &[(&str, &str)] = &[
    ("format", "The file is a JAdES seal Laurel can read: one signature, a protected header whose critical entries are all understood, no JSON object with a key twice, a JSON credential as payload."),
    ("signature", "The signature over the protected header and the payload verifies with the key of the first `x5c` certificate."),
    ("certificate-reference", "The header's certificate reference (`x5t#S256`, `kid`) names the certificate that sealed."),
    ("certificate", "The seal certificate was valid when the credential was sealed (`sigT`), and its key usage allows sealing."),
    ("chain", "The seal certificate has a path to the trust anchors given, at the sealing time and at the time of checking."),
    ("issuer", "The seal certificate names the credential's issuer."),
    ("validity", "The credential is within its own validity dates."),
    ("data-model", "The credential meets the EU's EDC SHACL shapes (1.2.0, and the strict 1.1.0 for a warning) for the profiles it names: the EU viewer's data-model check, offline."),
    ("level", "The JAdES level found (B, T, LT, LTA): timestamps and validation data are present, not validated."),
    ("revocation", "Whether the seal certificate (and the credential) was revoked: needs services online, not checked offline."),
    ("owner", "Whether the credential's owner is the wallet holder: the wallet's check, not checked here."),
    ("accreditation", "Whether the issuer is accredited: needs the EU accreditation database online, not checked offline."),
];

/// The SARIF log of reports: a rule per check (`verify/NAME`) and a result on the
/// sealed file for each failed or warning check.
pub fn sarif(reports: &[(&SourceFile, &[Check])]) -> String {
    let rules = CHECKS
        .iter()
        .map(|(name, summary)| sarif::Rule {
            id: format!("verify/{name}"),
            name: (*name).to_string(),
            summary: (*summary).to_string(),
            description: (*summary).to_string(),
            help: format!("{summary} `laurel verify FILE` shows every check of the file."),
            level: Severity::Error,
        })
        .collect();
    let mut results = Vec::new();
    for (file, checks) in reports {
        for check in *checks {
            let level = match check.status {
                Status::Failed => Severity::Error,
                Status::Warning => Severity::Warning,
                Status::Passed | Status::Skipped => continue,
            };
            results.push(sarif::Finding {
                rule: CHECKS
                    .iter()
                    .position(|(name, _)| *name == check.name)
                    .unwrap_or_default(),
                level,
                message: check.detail.clone(),
                // the whole sealed file
                place: sarif::Place {
                    file,
                    start: 0,
                    end: file.text.len(),
                },
                label: None,
                related: Vec::new(),
            });
        }
    }
    sarif::Log { rules, results }.to_json()
}

/// The checks of the EU viewer (`http://data.europa.eu/snb/verification/25831c2`), as
/// (label, concept IRI).
const FORMAT: (&str, &str) = (
    "Format",
    "http://data.europa.eu/snb/verification/2f5b89b96f",
);
const SEAL: (&str, &str) = ("Seal", "http://data.europa.eu/snb/verification/f9c2016fe9");
const OWNER: (&str, &str) = ("Owner", "http://data.europa.eu/snb/verification/1faf8d450f");
const REVOCATION: (&str, &str) = (
    "Revocation",
    "http://data.europa.eu/snb/verification/271aef9eb4",
);
const ACCREDITATION: (&str, &str) = (
    "Accreditation",
    "http://data.europa.eu/snb/verification/e2bbc86a28",
);
const VALIDITY: (&str, &str) = (
    "Validity",
    "http://data.europa.eu/snb/verification/94d828f160",
);

impl Check {
    /// The EU viewer's check this one is part of, as (label, concept IRI): the seal is
    /// made of signature, certificate reference, certificate, chain, issuer and level.
    /// (The EU's Format check also applies the SHACL shapes, which `format` does not.)
    pub fn eu_check(&self) -> (&'static str, &'static str) {
        match self.name {
            "format" => FORMAT,
            "validity" => VALIDITY,
            "data-model" => FORMAT,
            "revocation" => REVOCATION,
            "owner" => OWNER,
            "accreditation" => ACCREDITATION,
            _ => SEAL,
        }
    }

    fn new(name: &'static str, status: Status, detail: impl Into<String>) -> Check {
        Check {
            name,
            status,
            detail: detail.into(),
        }
    }
}

/// What a verification is checked against.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// The time of checking, in seconds since 1970 (UTC): now, or `--at`.
    pub at: i64,
    /// The trust anchors the seal certificate must chain to (`--trust`); without them
    /// the chain is not checked.
    pub anchors: Option<&'a TrustAnchors>,
}

/// The `crit` header entries this verifier understands.
const UNDERSTOOD_CRIT: &[&str] = &["b64", "sigT", "iat", "adoTst"];

/// A sealed file taken apart.
struct Sealed {
    payload: String,
    protected: String,
    header: Map<String, Value>,
    signature: Vec<u8>,
    /// The unprotected `etsiU` entries, decoded.
    etsi_u: Vec<Map<String, Value>>,
    /// The payload, parsed.
    credential: Value,
}

/// Checks a sealed file's text. Every check performed is in the list; a check that
/// needs an earlier one to pass is not performed when that one failed.
pub fn verify(text: &str, options: &VerifyOptions<'_>) -> Vec<Check> {
    let sealed = match parse(text) {
        Ok(sealed) => sealed,
        Err(why) => return vec![Check::new("format", Status::Failed, why)],
    };
    let mut checks = vec![Check::new(
        "format",
        Status::Passed,
        "a JAdES seal over an unencoded JSON payload, one signature, every critical header understood",
    )];
    let chain = match header_chain(&sealed.header) {
        Ok(chain) => chain,
        Err(why) => {
            checks.push(Check::new("signature", Status::Failed, why));
            return checks;
        }
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(&chain[0]) else {
        checks.push(Check::new(
            "signature",
            Status::Failed,
            "the `x5c` certificate cannot be read",
        ));
        return checks;
    };
    let sealed_at = sealed
        .header
        .get("sigT")
        .and_then(Value::as_str)
        .and_then(unix_seconds);
    checks.push(signature_check(&sealed, &cert));
    checks.push(reference_check(&sealed.header, &chain[0], &cert));
    checks.push(certificate_check(&cert, sealed_at, options.at));
    checks.push(match validation_certificates(&sealed.etsi_u) {
        Ok(carried) => {
            let mut intermediates = chain[1..].to_vec();
            intermediates.extend(carried);
            chain_check(
                &chain[0],
                &intermediates,
                options.anchors,
                sealed_at,
                options.at,
            )
        }
        Err(why) => Check::new("chain", Status::Failed, why),
    });
    checks.push(issuer_check(&sealed.credential, &Identity::of(&cert)));
    checks.push(validity_check(&sealed.credential, options.at));
    checks.push(data_model_check(&sealed.credential));
    checks.push(level_check(&sealed.etsi_u));
    for (name, why) in [
        (
            "revocation",
            "needs the certificate's OCSP or CRL service online (and the credential's status list)",
        ),
        (
            "owner",
            "the credential's owner is compared with the wallet holder by the wallet",
        ),
        (
            "accreditation",
            "needs the EU accreditation database online",
        ),
    ] {
        checks.push(Check::new(
            name,
            Status::Skipped,
            format!("not checked offline: {why}"),
        ));
    }
    checks
}

/// CA certificates the unprotected `etsiU` entries carry (`xVals`, JAdES-B-LT); more
/// than [`MAX_CHAIN`] is refused (each is a candidate for every step of the path).
fn validation_certificates(etsi_u: &[Map<String, Value>]) -> Result<Vec<Vec<u8>>, String> {
    let carried: Vec<&str> = etsi_u
        .iter()
        .filter_map(|e| e.get("xVals").and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.pointer("/x509Cert/val").and_then(Value::as_str))
        .collect();
    if carried.len() > MAX_CHAIN {
        return Err(format!(
            "the unprotected header carries {} validation certificates (`xVals`): a seal carries the CA certificates of its path, at most {MAX_CHAIN}",
            carried.len()
        ));
    }
    Ok(carried
        .into_iter()
        .filter_map(|c| STANDARD.decode(c).ok())
        .collect())
}

/// The seal certificate's path to the trust anchors, at sealing (`sigT`) and at `at`.
fn chain_check(
    leaf: &[u8],
    intermediates: &[Vec<u8>],
    anchors: Option<&TrustAnchors>,
    sealed_at: Option<i64>,
    at: i64,
) -> Check {
    let Some(anchors) = anchors else {
        return Check::new(
            "chain",
            Status::Skipped,
            "no trust anchors given (--trust ANCHORS.pem); the EU tools check the chain against the EU trusted lists",
        );
    };
    if let Some(sealed_at) = sealed_at {
        if let Err(why) = anchors.path(leaf, intermediates, sealed_at) {
            return Check::new(
                "chain",
                Status::Failed,
                format!("at sealing ({}): {why}", format_utc(sealed_at)),
            );
        }
    }
    match anchors.path(leaf, intermediates, at) {
        Ok(length) => Check::new(
            "chain",
            Status::Passed,
            format!(
                "a path of {length} certificates reaches a trust anchor{} and at {}",
                if sealed_at.is_some() {
                    " at sealing"
                } else {
                    ""
                },
                format_utc(at)
            ),
        ),
        Err(why) => Check::new(
            "chain",
            Status::Failed,
            format!(
                "at {}: {why}{}",
                format_utc(at),
                if sealed_at.is_some() {
                    " (it was valid at sealing; without a validated timestamp, JAdES-B-T or later, the seal cannot be trusted once its certificates have expired)"
                } else {
                    ""
                }
            ),
        ),
    }
}

/// The seal certificate names the credential's issuer. A difference is a warning: the
/// EU issuer fills the issuer from the certificate, but sealing on behalf of another
/// organisation (with a mandate) is allowed.
fn issuer_check(credential: &Value, identity: &Identity) -> Check {
    match identity::binding(credential, identity) {
        Ok(detail) => Check::new("issuer", Status::Passed, detail),
        Err(differences) => Check::new("issuer", Status::Warning, differences.join("; ")),
    }
}

/// The certificate was valid when the credential was sealed (`sigT`, else `at`), and
/// may be used for seals (key usage digitalSignature or nonRepudiation).
fn certificate_check(cert: &X509Certificate<'_>, sealed_at: Option<i64>, at: i64) -> Check {
    let when = sealed_at.unwrap_or(at);
    let validity = cert.validity();
    let (from, until) = (
        validity.not_before.timestamp(),
        validity.not_after.timestamp(),
    );
    let moment = sealed_at.map_or("the time of checking".to_string(), |t| {
        format!("sealing ({})", format_utc(t))
    });
    if when < from || when > until {
        return Check::new(
            "certificate",
            Status::Failed,
            format!(
                "the certificate was not valid at {moment}: it is valid from {} to {}",
                format_utc(from),
                format_utc(until)
            ),
        );
    }
    if let Err(why) = sign::seal_usage(cert) {
        return Check::new("certificate", Status::Failed, why);
    }
    let now = if at > until {
        format!("; it expired on {}", format_utc(until))
    } else {
        String::new()
    };
    Check::new(
        "certificate",
        Status::Passed,
        format!("valid at {moment}, usable for seals{now}"),
    )
}

/// The EU viewer's data-model check: the EDC shapes over the payload (`laurel validate`
/// shows each finding at its place, and the EBSI schema's, which the viewer does not
/// apply). A result of the current shapes (1.2.0), or shapes that cannot run, fail it;
/// a result of only the strict 1.1.0 shapes is a warning.
fn data_model_check(credential: &Value) -> Check {
    use crate::validate::shapes::{named_profiles, ShapesVersion};
    let named = named_profiles(credential);
    let profiles: Vec<&str> = named.iter().map(|p| p.name()).collect();
    let (mut failing, mut doubtful) = (Vec::new(), Vec::new());
    match &crate::validate::shacl::check(credential, &named, &ShapesVersion::ALL) {
        Ok(results) => {
            for r in results {
                let said = format!("{} (EDC shapes {})", r.message, r.version.as_str());
                match r.version {
                    ShapesVersion::V1_2_0 => failing.push(said),
                    ShapesVersion::V1_1_0 => doubtful.push(said),
                }
            }
        }
        Err(crate::validate::shacl::ShapesError::Data(laurel_shacl::DataError::UnknownDocument(
            iri,
        ))) => {
            return Check::new(
                "data-model",
                Status::Skipped,
                format!("not checked offline: the credential's `@context` names <{iri}>, which Laurel does not bundle (the EU viewer fetches it)"),
            )
        }
        Err(e) => failing.push(e.to_string()),
    }
    let said = |problems: &[String]| {
        let more = match problems.len() {
            0 | 1 => String::new(),
            n => format!(", and {} more", n - 1),
        };
        format!(
            "{}{more}; `laurel validate FILE` shows each at its place",
            problems.first().map_or("", String::as_str)
        )
    };
    if !failing.is_empty() {
        failing.extend(doubtful);
        Check::new("data-model", Status::Failed, said(&failing))
    } else if !doubtful.is_empty() {
        Check::new("data-model", Status::Warning, said(&doubtful))
    } else {
        Check::new(
            "data-model",
            Status::Passed,
            format!(
                "meets the EDC shapes 1.1.0 and 1.2.0 ({})",
                profiles.join(", ")
            ),
        )
    }
}

/// The credential's own dates: `validFrom` has come, `validUntil` and `expirationDate`
/// have not passed.
fn validity_check(credential: &Value, at: i64) -> Check {
    let date = |key: &str| {
        credential
            .get(key)
            .and_then(Value::as_str)
            .map(|t| (t, unix_seconds(t)))
    };
    if let Some((text, from)) = date("validFrom") {
        match from {
            Some(from) if from > at => {
                return Check::new(
                    "validity",
                    Status::Failed,
                    format!("not valid yet: valid from {text}"),
                )
            }
            None => {
                return Check::new(
                    "validity",
                    Status::Failed,
                    format!("`validFrom` is not a date and time: {text}"),
                )
            }
            _ => {}
        }
    }
    for key in ["validUntil", "expirationDate"] {
        if let Some((text, until)) = date(key) {
            match until {
                Some(until) if until < at => {
                    return Check::new("validity", Status::Failed, format!("expired on {text}"))
                }
                None => {
                    return Check::new(
                        "validity",
                        Status::Failed,
                        format!("`{key}` is not a date and time: {text}"),
                    )
                }
                _ => {}
            }
        }
    }
    Check::new("validity", Status::Passed, "within its validity dates")
}

/// True when every check performed passed.
pub fn all_passed(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.status != Status::Failed)
}

fn parse(text: &str) -> Result<Sealed, String> {
    let doc = json::parse(text.as_bytes()).map_err(|e| e.explain("the seal"))?;
    let payload = doc
        .get("payload")
        .and_then(Value::as_str)
        .ok_or("the file has no `payload` text: it is not a sealed credential (or its payload is detached)")?
        .to_string();
    let signatures = doc
        .get("signatures")
        .and_then(Value::as_array)
        .ok_or("the file has no `signatures` list")?;
    let [signature] = signatures.as_slice() else {
        return Err(format!(
            "the file has {} signatures; a sealed credential has exactly one",
            signatures.len()
        ));
    };
    let protected = signature
        .get("protected")
        .and_then(Value::as_str)
        .ok_or("the signature has no protected header")?
        .to_string();
    let header = decode_header(&protected)?;
    let signature_bytes = signature
        .get("signature")
        .and_then(Value::as_str)
        .and_then(|s| URL_SAFE_NO_PAD.decode(s).ok())
        .ok_or("the signature value is not base64url")?;
    if header.get("b64") != Some(&Value::Bool(false)) {
        return Err(
            "the header does not say `b64: false`: the payload must be the credential as is".into(),
        );
    }
    if header.contains_key("sigD") {
        return Err("the payload is detached (`sigD`): this verifier reads sealed credentials with the payload inside".into());
    }
    let crit: Vec<&str> = header
        .get("crit")
        .and_then(Value::as_array)
        .ok_or("the header has no `crit` list (it must name `b64`)")?
        .iter()
        .map(Value::as_str)
        .collect::<Option<_>>()
        .ok_or("`crit` lists something that is not a header name")?;
    if !crit.contains(&"b64") {
        return Err("`crit` does not name `b64`".into());
    }
    if let Some(unknown) = crit.iter().find(|c| !UNDERSTOOD_CRIT.contains(c)) {
        return Err(format!(
            "the header marks `{unknown}` as critical, which this verifier does not understand"
        ));
    }
    if let Some(missing) = crit.iter().find(|c| !header.contains_key(**c)) {
        return Err(format!("`crit` names `{missing}`, which the header lacks"));
    }
    if let Some(time) = header.get("sigT") {
        if time.as_str().and_then(unix_seconds).is_none() {
            return Err(format!(
                "`sigT`, the sealing time, is not a date and time (2026-01-12T09:00:00Z): {time}"
            ));
        }
    }
    let unprotected = signature.get("header");
    if let Some(unprotected) = unprotected {
        let names = unprotected
            .as_object()
            .ok_or("the unprotected header (`header`) is not a JSON object")?;
        if let Some(name) = names.keys().find(|name| *name != "etsiU") {
            return Err(format!(
                "the unprotected header names `{name}`, which is not signed there: a seal's unprotected header holds only `etsiU`, everything else is in the protected header"
            ));
        }
    }
    let credential = match json::parse(payload.as_bytes()) {
        Ok(credential) if credential.is_object() => credential,
        Err(e @ json::JsonError::Duplicate(_)) => return Err(e.explain("the credential")),
        _ => return Err("the payload is not a JSON credential".into()),
    };
    Ok(Sealed {
        payload,
        protected,
        header,
        signature: signature_bytes,
        etsi_u: etsi_u(unprotected),
        credential,
    })
}

/// The signature over `protected || "." || payload`, with the certificate's key.
fn signature_check(sealed: &Sealed, cert: &X509Certificate<'_>) -> Check {
    let alg = sealed
        .header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(algorithm) = Algorithm::from_name(alg) else {
        return Check::new(
            "signature",
            Status::Failed,
            format!("the algorithm `{alg}` is not one a seal uses (RS*, PS*, ES256, ES384)"),
        );
    };
    if sign::key_kind(cert) != Ok(algorithm.key_kind()) {
        return Check::new(
            "signature",
            Status::Failed,
            format!("`alg` is {alg}, but the certificate's key is not of that kind"),
        );
    }
    let key = cert.public_key();
    let signed = signing_input(&sealed.protected, &sealed.payload);
    if algorithm.verifies(
        key.subject_public_key.data.as_ref(),
        &signed,
        &sealed.signature,
    ) {
        Check::new(
            "signature",
            Status::Passed,
            format!(
                "{alg} signature verified with the key of {}",
                identity::subject(cert)
            ),
        )
    } else {
        Check::new(
            "signature",
            Status::Failed,
            "the signature does not match: the credential or its header was changed after sealing, or it was sealed with another key",
        )
    }
}

/// `x5t#S256` and `kid` name the certificate in `x5c[0]`.
/// `certificate` is the DER of `cert`.
fn reference_check(
    header: &Map<String, Value>,
    certificate: &[u8],
    cert: &X509Certificate<'_>,
) -> Check {
    let reference = CertificateReference::of(certificate, cert);
    match header.get("x5t#S256").and_then(Value::as_str) {
        Some(t) if t == reference.thumbprint => {}
        Some(_) => {
            return Check::new(
                "certificate-reference",
                Status::Failed,
                "`x5t#S256` is not the SHA-256 of the `x5c` certificate",
            )
        }
        None => {
            return Check::new(
                "certificate-reference",
                Status::Failed,
                "the header has no `x5t#S256`",
            )
        }
    }
    let Some(kid) = header.get("kid").and_then(Value::as_str) else {
        return Check::new(
            "certificate-reference",
            Status::Passed,
            "`x5t#S256` names the certificate (no `kid`)",
        );
    };
    if reference.kid == kid {
        Check::new(
            "certificate-reference",
            Status::Passed,
            "`x5t#S256` and `kid` (issuer and serial number) name the certificate",
        )
    } else {
        Check::new(
            "certificate-reference",
            Status::Failed,
            "`kid` does not name the `x5c` certificate's issuer and serial number",
        )
    }
}

/// The unprotected header's `etsiU` entries (base64url JSON objects), decoded.
fn etsi_u(unprotected: Option<&Value>) -> Vec<Map<String, Value>> {
    unprotected
        .and_then(|h| h.get("etsiU"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(|e| URL_SAFE_NO_PAD.decode(e).ok())
                .filter_map(|bytes| json::parse_object(&bytes).ok().flatten())
                .collect()
        })
        .unwrap_or_default()
}

/// The JAdES level, from the unprotected `etsiU` entries.
fn level_check(entries: &[Map<String, Value>]) -> Check {
    let has = |key: &str| entries.iter().any(|e| e.contains_key(key));
    let level = if has("arcTst") {
        "B-LTA"
    } else if has("xVals") || has("rVals") {
        "B-LT"
    } else if has("sigTst") {
        "B-T"
    } else {
        "B-B"
    };
    let detail = if level == "B-B" {
        "JAdES-B-B: no timestamp or validation data".to_string()
    } else {
        format!("JAdES-{level}: timestamps and validation data are present, not validated")
    };
    Check::new("level", Status::Skipped, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT_ZERO: VerifyOptions<'static> = VerifyOptions {
        at: 0,
        anchors: None,
    };

    #[test]
    fn header_tricks_are_refused() {
        let header = |h: &str| {
            let protected = URL_SAFE_NO_PAD.encode(h);
            format!(
                r#"{{"payload": "{{}}", "signatures": [{{"protected": "{protected}", "signature": "AAAA"}}]}}"#
            )
        };
        let cases = [
            (r#"{"alg":"RS256","crit":["b64"]}"#, "b64: false"),
            (
                r#"{"alg":"RS256","b64":false,"crit":["b64","exp"],"exp":1}"#,
                "does not understand",
            ),
            (
                r#"{"alg":"RS256","b64":false,"crit":["b64","sigT"]}"#,
                "lacks",
            ),
            (
                r#"{"alg":"RS256","b64":false,"crit":["b64"],"sigD":{}}"#,
                "detached",
            ),
            (r#"{"alg":"RS256","b64":false}"#, "no `crit`"),
            (
                r#"{"alg":"RS256","b64":false,"crit":["b64",7]}"#,
                "not a header name",
            ),
            (
                r#"{"alg":"RS256","b64":false,"crit":["b64","sigT"],"sigT":true}"#,
                "`sigT`, the sealing time, is not a date and time",
            ),
            (
                r#"{"alg":"RS256","alg":"none","b64":false,"crit":["b64"]}"#,
                "the protected header has two `alg` fields",
            ),
        ];
        for (h, expected) in cases {
            let checks = verify(&header(h), &AT_ZERO);
            assert_eq!(checks.len(), 1, "{h}");
            assert!(checks.iter().all(is_listed));
            assert_eq!(checks[0].status, Status::Failed, "{h}");
            assert!(
                checks[0].detail.contains(expected),
                "{h}: {}",
                checks[0].detail
            );
        }
        let two = r#"{"payload": "{}", "signatures": [{}, {}]}"#;
        assert!(verify(two, &AT_ZERO).iter().all(is_listed));
        assert!(verify(two, &AT_ZERO)[0].detail.contains("2 signatures"));
        assert!(verify("not json", &AT_ZERO)[0].detail.contains("not JSON"));
    }

    fn is_listed(check: &Check) -> bool {
        CHECKS.iter().any(|(name, _)| *name == check.name)
    }

    #[test]
    fn every_check_of_a_real_seal_is_listed_in_report_order() {
        let sealed = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/data/seal/elm-v3_Sample-MC-Annex1-signed.jsonld"
        );
        let text = std::fs::read_to_string(sealed).expect("sealed sample");
        let checks = verify(&text, &AT_ZERO);
        let names: Vec<&str> = checks.iter().map(|c| c.name).collect();
        let listed: Vec<&str> = CHECKS.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, listed);
    }
}
