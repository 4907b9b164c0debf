//! Sealed European Digital Credentials: JAdES signatures in the JWS JSON serialization
//! with an unencoded payload (`b64: false`), as the EU's issuer writes them.
//!
//! - [`sign`]: a seal certificate chain and its private key ([`SealCertificate`],
//!   [`SealKey`]), sealing at JAdES-B-B ([`Sealer`]), and the two steps of sealing with a
//!   key held elsewhere ([`prepare`], [`finish`]).
//! - [`verify`]: the report of a sealed file, check by check.
//! - [`chain`]: trust anchors and the certificate path to them.
//! - [`identity`]: who the seal certificate names, and the credential's issuer filled
//!   from it or compared with it.
//!
//! The wire format, one place: the signed bytes are `protected || "." || payload`
//! ([`signing_input`]) and the file is `{"payload", "signatures": [{"protected",
//! "signature"}]}` ([`assemble`]).

pub mod chain;
mod der;
pub mod identity;
pub(crate) mod json;
pub mod sign;
pub(crate) mod time;
pub mod verify;

pub use chain::TrustAnchors;
pub use sign::{finish, prepare, SealCertificate, SealKey, Sealer};
pub use time::{format_utc, now, seconds_of, unix_seconds};
pub use verify::{all_passed, verify, Check, Status, VerifyOptions};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ring::signature as sig;

/// Why sealing could not be done, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealError(pub String);

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SealError {}

impl SealError {
    fn new(message: impl Into<String>) -> SealError {
        SealError(message.into())
    }
}

/// Which key a signature algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// An RSA key (2048 bits or more).
    Rsa,
    /// An ECDSA key on P-256.
    P256,
    /// An ECDSA key on P-384.
    P384,
}

/// The JWS signature algorithms of a seal (`alg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256: what every EU sample uses.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// RSASSA-PSS with SHA-384.
    Ps384,
    /// RSASSA-PSS with SHA-512.
    Ps512,
    /// ECDSA on P-256 with SHA-256 (`r || s`, 64 bytes).
    Es256,
    /// ECDSA on P-384 with SHA-384 (`r || s`, 96 bytes).
    Es384,
}

impl Algorithm {
    /// Every algorithm, in the order of [`Algorithm::name`]'s table.
    pub const ALL: [Algorithm; 8] = [
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
    ];

    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
        }
    }

    /// The algorithm an `alg` header value names.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The kind of key it signs with.
    pub fn key_kind(self) -> KeyKind {
        match self {
            Algorithm::Es256 => KeyKind::P256,
            Algorithm::Es384 => KeyKind::P384,
            _ => KeyKind::Rsa,
        }
    }

    /// The algorithm a key of `kind` signs with unless told otherwise: RS256, ES256,
    /// ES384.
    pub fn default_for(kind: KeyKind) -> Algorithm {
        match kind {
            KeyKind::Rsa => Algorithm::Rs256,
            KeyKind::P256 => Algorithm::Es256,
            KeyKind::P384 => Algorithm::Es384,
        }
    }

    /// How ring checks a signature of this algorithm.
    fn verification(self) -> &'static dyn sig::VerificationAlgorithm {
        match self {
            Algorithm::Rs256 => &sig::RSA_PKCS1_2048_8192_SHA256,
            Algorithm::Rs384 => &sig::RSA_PKCS1_2048_8192_SHA384,
            Algorithm::Rs512 => &sig::RSA_PKCS1_2048_8192_SHA512,
            Algorithm::Ps256 => &sig::RSA_PSS_2048_8192_SHA256,
            Algorithm::Ps384 => &sig::RSA_PSS_2048_8192_SHA384,
            Algorithm::Ps512 => &sig::RSA_PSS_2048_8192_SHA512,
            Algorithm::Es256 => &sig::ECDSA_P256_SHA256_FIXED,
            Algorithm::Es384 => &sig::ECDSA_P384_SHA384_FIXED,
        }
    }

    /// True when `signature` over `message` verifies with `public_key` (the bits of a
    /// certificate's subjectPublicKey).
    pub fn verifies(self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        sig::UnparsedPublicKey::new(self.verification(), public_key)
            .verify(message, signature)
            .is_ok()
    }
}

/// How a JAdES header names its certificate (`x5c[0]`): `x5t#S256`, the base64url
/// SHA-256 of its DER, and `kid`, the standard base64 of its DER IssuerSerial (issuer
/// and serial number, as DSS writes it).
#[derive(Debug, Clone)]
struct CertificateReference {
    thumbprint: String,
    kid: String,
}

impl CertificateReference {
    /// The reference to `cert`, whose DER is `der`.
    fn of(der: &[u8], cert: &x509_parser::certificate::X509Certificate<'_>) -> Self {
        CertificateReference {
            thumbprint: URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, der)),
            kid: base64::engine::general_purpose::STANDARD.encode(der::issuer_serial(
                cert.tbs_certificate.issuer.as_raw(),
                cert.tbs_certificate.raw_serial(),
            )),
        }
    }
}

/// A protected header (base64url JSON object), decoded; what is wrong with it in plain
/// words.
fn decode_header(protected: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let not_json = || "the protected header is not base64url-encoded JSON".to_string();
    let bytes = URL_SAFE_NO_PAD.decode(protected).map_err(|_| not_json())?;
    json::parse_object(&bytes)
        .map_err(|e| e.explain("the protected header"))?
        .ok_or_else(not_json)
}

/// The most certificates a header's `x5c` may hold: the seal certificate and its CAs
/// (and the most validation certificates, `xVals`, an unprotected header may carry).
pub(crate) const MAX_CHAIN: usize = 10;

/// The DER certificates of a header's `x5c` (standard base64), seal certificate first;
/// an error unless there are one to [`MAX_CHAIN`] and every one decodes.
fn header_chain(
    header: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<Vec<u8>>, String> {
    let unreadable = || "the header has no readable `x5c` certificates".to_string();
    let list = header
        .get("x5c")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(unreadable)?;
    if list.len() > MAX_CHAIN {
        return Err(format!(
            "the header's `x5c` holds {} certificates: a seal names its certificate and the CA certificates above it, at most {MAX_CHAIN}",
            list.len()
        ));
    }
    let chain: Vec<Vec<u8>> = list
        .iter()
        .map(|c| {
            let text = c.as_str()?;
            base64::engine::general_purpose::STANDARD.decode(text).ok()
        })
        .collect::<Option<_>>()
        .ok_or_else(unreadable)?;
    if chain.is_empty() {
        return Err(unreadable());
    }
    Ok(chain)
}

/// The bytes a seal signs: the protected header as written (base64url), a dot, and the
/// payload as is (`b64: false`).
pub fn signing_input(protected: &str, payload: &str) -> Vec<u8> {
    let mut signed = Vec::with_capacity(protected.len() + 1 + payload.len());
    signed.extend_from_slice(protected.as_bytes());
    signed.push(b'.');
    signed.extend_from_slice(payload.as_bytes());
    signed
}

/// The sealed file: JWS JSON general serialization with the payload as a JSON string.
/// Written directly rather than through a JSON value: the payload is not copied.
pub fn assemble(protected: &str, payload: &str, signature: &[u8]) -> String {
    let mut out = Vec::with_capacity(payload.len() * 11 / 10 + protected.len() + 600);
    out.extend_from_slice(b"{\"payload\":");
    push_json_string(&mut out, payload);
    out.extend_from_slice(b",\"signatures\":[{\"protected\":");
    push_json_string(&mut out, protected);
    out.extend_from_slice(b",\"signature\":\"");
    out.extend_from_slice(URL_SAFE_NO_PAD.encode(signature).as_bytes());
    out.extend_from_slice(b"\"}]}\n");
    // Only UTF-8 went in: JSON text and ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// `value` as a JSON string literal, appended.
fn push_json_string(out: &mut Vec<u8>, value: &str) {
    // Writing a string into memory cannot fail.
    let _ = serde_json::to_writer(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
            assert_eq!(
                Algorithm::default_for(alg.key_kind()).key_kind(),
                alg.key_kind()
            );
        }
        assert_eq!(Algorithm::from_name("none"), None);
        assert_eq!(Algorithm::from_name("HS256"), None);
    }

    #[test]
    fn the_signed_bytes_join_header_and_payload_with_a_dot() {
        assert_eq!(signing_input("eyJ9", "{\"a\":1}"), b"eyJ9.{\"a\":1}");
        let file = assemble("eyJ9", "{\"a\":\"\\u00e9\"}", &[0xfb, 0xff]);
        let parsed: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(parsed["payload"], "{\"a\":\"\\u00e9\"}");
        assert_eq!(parsed["signatures"][0]["protected"], "eyJ9");
        assert_eq!(parsed["signatures"][0]["signature"], "-_8");
    }
}
