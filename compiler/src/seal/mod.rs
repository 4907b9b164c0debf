//! Sealed European Digital Credentials: JAdES signatures in the JWS JSON serialization
//! with an unencoded payload (`b64: false`), as the EU's issuer writes them.
//!
//! [`verify`] reports, check by check: the file's format (one signature, a protected
//! header whose `crit` entries are all understood, no detached payload, a JSON
//! credential as payload), the signature over `protected || "." || payload` with the key
//! of the first `x5c` certificate, the certificate reference (`x5t#S256`, `kid`), the
//! certificate's validity when sealed (`sigT`) and its key usage, and the credential's own
//! validity dates at a given time. The JAdES level found (B, T, LT, LTA) is reported;
//! timestamps and revocation data are present, not validated.

mod der;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::{Map, Value};
use x509_parser::certificate::X509Certificate;

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It passed.
    Passed,
    /// It failed.
    Failed,
    /// It was not performed (and why is in the detail).
    Skipped,
}

impl Status {
    /// `passed`, `failed`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// One check of a sealed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked: `format`, `signature`, `certificate-reference`, `level`.
    pub name: &'static str,
    /// How it ended.
    pub status: Status,
    /// What was found, in plain words.
    pub detail: String,
}

impl Check {
    fn new(name: &'static str, status: Status, detail: impl Into<String>) -> Check {
        Check {
            name,
            status,
            detail: detail.into(),
        }
    }
}

/// The `crit` header entries this verifier understands.
const UNDERSTOOD_CRIT: &[&str] = &["b64", "sigT", "iat", "adoTst"];

/// A sealed file taken apart.
struct Sealed {
    payload: String,
    protected: String,
    header: Map<String, Value>,
    signature: Vec<u8>,
    unprotected: Option<Value>,
}

/// Checks a sealed file's text at `at` (seconds since 1970, UTC). Every check performed
/// is in the list; a check that needs an earlier one to pass is not performed when that
/// one failed.
pub fn verify(text: &str, at: i64) -> Vec<Check> {
    let sealed = match parse(text) {
        Ok(sealed) => sealed,
        Err(why) => return vec![Check::new("format", Status::Failed, why)],
    };
    let mut checks = vec![Check::new(
        "format",
        Status::Passed,
        "a JAdES seal over an unencoded JSON payload, one signature, every critical header understood",
    )];
    let certificate = match sealed
        .header
        .get("x5c")
        .and_then(Value::as_array)
        .and_then(|chain| chain.first())
        .and_then(Value::as_str)
        .map(|c| STANDARD.decode(c))
    {
        Some(Ok(der)) => der,
        _ => {
            checks.push(Check::new(
                "signature",
                Status::Failed,
                "the header has no readable `x5c` certificate",
            ));
            return checks;
        }
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(&certificate) else {
        checks.push(Check::new(
            "signature",
            Status::Failed,
            "the `x5c` certificate cannot be read",
        ));
        return checks;
    };
    checks.push(signature_check(&sealed, &cert));
    checks.push(reference_check(&sealed.header, &certificate, &cert));
    checks.push(certificate_check(&sealed.header, &cert, at));
    checks.push(validity_check(&sealed.payload, at));
    checks.push(level_check(sealed.unprotected.as_ref()));
    checks
}

/// Seconds since 1970 of an RFC 3339 date-time (`2025-03-14T09:00:00Z`, an offset, or
/// fractions of a second), or of a date (midnight UTC).
pub fn unix_seconds(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if text.get(4..5) != Some("-")
        || text.get(7..8) != Some("-")
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    if text.len() == 10 {
        return Some(days * 86_400);
    }
    if text.get(10..11) != Some("T") {
        return None;
    }
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let rest = text
        .get(19..)?
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match rest {
        "Z" => 0,
        _ => {
            let sign = match rest.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours: i64 = rest.get(1..3)?.parse().ok()?;
            let minutes: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The certificate was valid when the credential was sealed (`sigT`, else `at`), and
/// may be used for seals (key usage digitalSignature or nonRepudiation).
fn certificate_check(header: &Map<String, Value>, cert: &X509Certificate<'_>, at: i64) -> Check {
    let sealed_at = header.get("sigT").and_then(Value::as_str);
    let when = sealed_at.and_then(unix_seconds).unwrap_or(at);
    let validity = cert.validity();
    let (from, until) = (
        validity.not_before.timestamp(),
        validity.not_after.timestamp(),
    );
    let moment = sealed_at.map_or("the time of checking".to_string(), |t| {
        format!("sealing ({t})")
    });
    if when < from || when > until {
        return Check::new(
            "certificate",
            Status::Failed,
            format!(
                "the certificate was not valid at {moment}: it is valid from {} to {}",
                validity.not_before, validity.not_after
            ),
        );
    }
    match cert.key_usage() {
        Ok(Some(usage)) if !(usage.value.digital_signature() || usage.value.non_repudiation()) => {
            return Check::new(
                "certificate",
                Status::Failed,
                "the certificate's key usage allows neither digitalSignature nor nonRepudiation: it is not for seals",
            )
        }
        Err(_) => {
            return Check::new("certificate", Status::Failed, "the certificate's key usage cannot be read")
        }
        _ => {}
    }
    let now = if at > until {
        format!("; it expired on {}", validity.not_after)
    } else {
        String::new()
    };
    Check::new(
        "certificate",
        Status::Passed,
        format!("valid at {moment}, usable for seals{now}; its chain to a trust anchor is not checked yet"),
    )
}

/// The credential's own dates: `validFrom` has come, `validUntil` and `expirationDate`
/// have not passed.
fn validity_check(payload: &str, at: i64) -> Check {
    let credential: Value = serde_json::from_str(payload).unwrap_or_default();
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
    let doc: Value =
        serde_json::from_str(text).map_err(|e| format!("the file is not JSON: {e}"))?;
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
    let header: Map<String, Value> = URL_SAFE_NO_PAD
        .decode(&protected)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or("the protected header is not base64url-encoded JSON")?;
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
        .map(|v| v.as_str().unwrap_or(""))
        .collect();
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
    if !serde_json::from_str::<Value>(&payload).is_ok_and(|v| v.is_object()) {
        return Err("the payload is not a JSON credential".into());
    }
    Ok(Sealed {
        payload,
        protected,
        header,
        signature: signature_bytes,
        unprotected: signature.get("header").cloned(),
    })
}

/// The signature over `protected || "." || payload`, with the certificate's key.
fn signature_check(sealed: &Sealed, cert: &X509Certificate<'_>) -> Check {
    use ring::signature as sig;
    let alg = sealed
        .header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("");
    let algorithm: &dyn sig::VerificationAlgorithm = match alg {
        "RS256" => &sig::RSA_PKCS1_2048_8192_SHA256,
        "RS384" => &sig::RSA_PKCS1_2048_8192_SHA384,
        "RS512" => &sig::RSA_PKCS1_2048_8192_SHA512,
        "PS256" => &sig::RSA_PSS_2048_8192_SHA256,
        "PS384" => &sig::RSA_PSS_2048_8192_SHA384,
        "PS512" => &sig::RSA_PSS_2048_8192_SHA512,
        "ES256" => &sig::ECDSA_P256_SHA256_FIXED,
        "ES384" => &sig::ECDSA_P384_SHA384_FIXED,
        other => {
            return Check::new(
                "signature",
                Status::Failed,
                format!("the algorithm `{other}` is not one a seal uses (RS*, PS*, ES256, ES384)"),
            )
        }
    };
    let key = cert.public_key();
    let rsa = key.algorithm.algorithm == x509_parser::oid_registry::OID_PKCS1_RSAENCRYPTION;
    if rsa != alg.starts_with(['R', 'P']) {
        return Check::new(
            "signature",
            Status::Failed,
            format!("`alg` is {alg}, but the certificate's key is not of that kind"),
        );
    }
    let mut signed = Vec::with_capacity(sealed.protected.len() + 1 + sealed.payload.len());
    signed.extend_from_slice(sealed.protected.as_bytes());
    signed.push(b'.');
    signed.extend_from_slice(sealed.payload.as_bytes());
    let public = sig::UnparsedPublicKey::new(algorithm, key.subject_public_key.data.as_ref());
    match public.verify(&signed, &sealed.signature) {
        Ok(()) => Check::new(
            "signature",
            Status::Passed,
            format!(
                "{alg} signature verified with the key of {}",
                cert.subject()
            ),
        ),
        Err(_) => Check::new(
            "signature",
            Status::Failed,
            "the signature does not match: the credential or its header was changed after sealing, or it was sealed with another key",
        ),
    }
}

/// `x5t#S256` and `kid` name the certificate in `x5c[0]`.
/// `certificate` is the DER of `cert`.
fn reference_check(
    header: &Map<String, Value>,
    certificate: &[u8],
    cert: &X509Certificate<'_>,
) -> Check {
    let thumbprint =
        URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, certificate));
    match header.get("x5t#S256").and_then(Value::as_str) {
        Some(t) if t == thumbprint => {}
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
    let issuer_serial = der::issuer_serial(
        cert.tbs_certificate.issuer.as_raw(),
        cert.tbs_certificate.raw_serial(),
    );
    if STANDARD.encode(issuer_serial) == kid {
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

/// The JAdES level, from the unprotected `etsiU` entries.
fn level_check(unprotected: Option<&Value>) -> Check {
    let entries: Vec<Map<String, Value>> = unprotected
        .and_then(|h| h.get("etsiU"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(|e| URL_SAFE_NO_PAD.decode(e).ok())
                .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
                .collect()
        })
        .unwrap_or_default();
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
        ];
        for (h, expected) in cases {
            let checks = verify(&header(h), 0);
            assert_eq!(checks.len(), 1, "{h}");
            assert_eq!(checks[0].status, Status::Failed, "{h}");
            assert!(
                checks[0].detail.contains(expected),
                "{h}: {}",
                checks[0].detail
            );
        }
        let two = r#"{"payload": "{}", "signatures": [{}, {}]}"#;
        assert!(verify(two, 0)[0].detail.contains("2 signatures"));
        assert!(verify("not json", 0)[0].detail.contains("not JSON"));
    }

    #[test]
    fn date_times_become_seconds() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-03-01"), Some(951_868_800));
        assert_eq!(
            unix_seconds("2023-09-27T14:07:01+02:00"),
            unix_seconds("2023-09-27T12:07:01Z")
        );
        assert_eq!(
            unix_seconds("2030-12-31T00:00:00.000Z"),
            Some(1_924_905_600)
        );
        assert_eq!(unix_seconds("1969-12-31T23:59:59Z"), Some(-1));
        for bad in [
            "",
            "2025-13-01",
            "2025-01-01X",
            "2025-01-01T10:00",
            "yesterday",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }
}
