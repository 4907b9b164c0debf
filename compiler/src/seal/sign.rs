//! Sealing at JAdES-B-B: the header profile of the EU issuer (`alg`, `cty`, `kid`,
//! `x5t#S256`, `x5c`, `typ`, `b64: false`, `sigT`, `crit: ["b64", "sigT"]`), signed with a
//! local key ([`Sealer`]) or in two steps by a key held elsewhere, a QSCD, an HSM or a
//! remote signing service ([`prepare`], then [`finish`] with its signature).

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{self as sig, EcdsaKeyPair, KeyPair as _, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;
use x509_parser::certificate::X509Certificate;
use x509_parser::oid_registry::{
    OID_EC_P256, OID_KEY_TYPE_EC_PUBLIC_KEY, OID_NIST_EC_P384, OID_PKCS1_RSAENCRYPTION,
};

use super::identity::{self, Identity};
use super::{
    assemble, decode_header, der, header_chain, json, signing_input, Algorithm,
    CertificateReference, KeyKind, SealError,
};

/// A seal certificate and the CA certificates above it (`--cert CHAIN.pem`), checked to
/// be usable for seals.
#[derive(Debug, Clone)]
pub struct SealCertificate {
    /// DER certificates, the seal certificate first.
    chain: Vec<Vec<u8>>,
    key_kind: KeyKind,
    /// The seal certificate's subjectPublicKey bits.
    public_key: Vec<u8>,
    identity: Identity,
    reference: CertificateReference,
}

impl SealCertificate {
    /// The certificates of a PEM file, the seal certificate first.
    pub fn from_pem(pem: &[u8]) -> Result<SealCertificate, SealError> {
        let chain = CertificateDer::pem_slice_iter(pem)
            .map(|c| c.map(|c| c.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SealError::new(format!("the certificate file is not PEM: {e}")))?;
        SealCertificate::from_der(chain)
    }

    /// A chain of DER certificates, the seal certificate first.
    pub fn from_der(chain: Vec<Vec<u8>>) -> Result<SealCertificate, SealError> {
        let Some(leaf) = chain.first() else {
            return Err(SealError::new(
                "the certificate file holds no certificate (`-----BEGIN CERTIFICATE-----`)",
            ));
        };
        let (_, cert) = x509_parser::parse_x509_certificate(leaf)
            .map_err(|e| SealError::new(format!("the seal certificate cannot be read: {e}")))?;
        if cert.is_ca() {
            return Err(SealError::new(format!(
                "the first certificate ({}) is a CA certificate: put the seal certificate first, then the CA certificates above it",
                identity::subject(&cert)
            )));
        }
        seal_usage(&cert).map_err(SealError::new)?;
        let key_kind = key_kind(&cert).map_err(SealError::new)?;
        Ok(SealCertificate {
            reference: CertificateReference::of(leaf, &cert),
            public_key: cert.public_key().subject_public_key.data.to_vec(),
            identity: Identity::of(&cert),
            key_kind,
            chain,
        })
    }

    /// Who the seal certificate names.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// `wanted`, or the default for the certificate's key, when it fits the key.
    pub fn algorithm(&self, wanted: Option<Algorithm>) -> Result<Algorithm, SealError> {
        let algorithm = wanted.unwrap_or(Algorithm::default_for(self.key_kind));
        if algorithm.key_kind() != self.key_kind {
            return Err(SealError::new(format!(
                "{} needs {} key, but the seal certificate's key is {}",
                algorithm.name(),
                key_kind_name(algorithm.key_kind()),
                key_kind_name(self.key_kind)
            )));
        }
        Ok(algorithm)
    }

    /// The protected header, base64url-encoded, as the EU issuer writes it.
    pub fn protected_header(&self, algorithm: Algorithm, sig_time: i64) -> String {
        let header = serde_json::json!({
            "alg": algorithm.name(),
            "cty": "octet-stream",
            "kid": self.reference.kid,
            "x5t#S256": self.reference.thumbprint,
            "x5c": self.chain.iter().map(|c| STANDARD.encode(c)).collect::<Vec<_>>(),
            "typ": "jose+json",
            "b64": false,
            "sigT": super::format_utc(sig_time),
            "crit": ["b64", "sigT"],
        });
        URL_SAFE_NO_PAD.encode(header.to_string())
    }
}

/// The seal may be made with the certificate's key: its key usage is present and allows
/// digitalSignature or nonRepudiation. One rule for sealing and verifying.
pub(crate) fn seal_usage(cert: &X509Certificate<'_>) -> Result<(), String> {
    match cert.key_usage() {
        Ok(Some(usage)) if usage.value.digital_signature() || usage.value.non_repudiation() => {
            Ok(())
        }
        Ok(Some(_)) => Err(format!(
            "the certificate of {} may not sign: its key usage allows neither digitalSignature nor nonRepudiation",
            identity::subject(cert)
        )),
        Ok(None) => Err(format!(
            "the certificate of {} does not say what its key may do (no key usage): a seal certificate allows digitalSignature or nonRepudiation",
            identity::subject(cert)
        )),
        Err(_) => Err("the certificate's key usage cannot be read".into()),
    }
}

/// The kind of the certificate's key, which decides the algorithms it signs with.
pub(crate) fn key_kind(cert: &X509Certificate<'_>) -> Result<KeyKind, String> {
    let algorithm = &cert.public_key().algorithm;
    if algorithm.algorithm == OID_PKCS1_RSAENCRYPTION {
        return Ok(KeyKind::Rsa);
    }
    if algorithm.algorithm == OID_KEY_TYPE_EC_PUBLIC_KEY {
        let curve = algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok());
        if curve.as_ref() == Some(&OID_EC_P256) {
            return Ok(KeyKind::P256);
        }
        if curve.as_ref() == Some(&OID_NIST_EC_P384) {
            return Ok(KeyKind::P384);
        }
    }
    Err("the seal certificate's key is neither RSA nor ECDSA on P-256 or P-384".into())
}

fn key_kind_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Rsa => "an RSA",
        KeyKind::P256 => "a P-256",
        KeyKind::P384 => "a P-384",
    }
}

/// A private key read from PEM (`--key KEY.pem`).
pub struct SealKey {
    key: PrivateKey,
    kind: KeyKind,
}

enum PrivateKey {
    Rsa(RsaKeyPair),
    Ecdsa(EcdsaKeyPair),
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealKey({})", key_kind_name(self.kind))
    }
}

impl SealKey {
    /// The first private key of a PEM file: PKCS#8 (RSA, P-256, P-384) or PKCS#1 (RSA).
    pub fn from_pem(pem: &[u8]) -> Result<SealKey, SealError> {
        let text = String::from_utf8_lossy(pem);
        if text.contains("ENCRYPTED PRIVATE KEY") {
            return Err(SealError::new(
                "the key is encrypted: give it as a PKCS#12 file with its password (`openssl pkcs12 -export -inkey key.pem -in chain.pem -out seal.p12`), decrypt it for the run (`openssl pkcs8 -in key.pem -out plain.pem`), or seal in two steps (--prepare, --finish) with the key where it is",
            ));
        }
        let key = PrivateKeyDer::from_pem_slice(pem).map_err(|_| {
            SealError::new("the key file holds no private key (`-----BEGIN PRIVATE KEY-----`)")
        })?;
        SealKey::from_der(&key)
    }

    /// The private key and certificates of a PKCS#12 file (`.p12`, `.pfx`, as CAs and
    /// the EU issuer's local sealing use them), opened with `password`. The certificate
    /// of the key comes first whatever the file's order.
    pub fn from_pkcs12(
        der: &[u8],
        password: &str,
    ) -> Result<(SealKey, SealCertificate), SealError> {
        use p12_keystore::{error::Error, KeyStore, Pkcs12ImportPolicy};
        let store = KeyStore::from_pkcs12(der, password, Pkcs12ImportPolicy::default())
            .map_err(|e| match e {
                Error::MacError(_) => SealError::new(
                    "the password does not open the PKCS#12 file (give it in the environment variable named by --key-password-env, LAUREL_KEY_PASSWORD by default)",
                ),
                other => SealError::new(format!("the key file is neither PEM nor a PKCS#12 file that can be read ({other})")),
            })?;
        let (_, chain) = store
            .private_key_chain()
            .ok_or_else(|| SealError::new("the PKCS#12 file holds no private key"))?;
        let key = SealKey::from_der(&PrivateKeyDer::Pkcs8(chain.key().as_der().into()))?;
        let mut certificates: Vec<Vec<u8>> =
            chain.certs().iter().map(|c| c.as_der().to_vec()).collect();
        if let Some(own) = certificates.iter().position(|c| {
            x509_parser::parse_x509_certificate(c).is_ok_and(|(_, cert)| {
                cert.public_key().subject_public_key.data.as_ref() == key.public_key()
            })
        }) {
            let leaf = certificates.remove(own);
            certificates.insert(0, leaf);
        }
        Ok((key, SealCertificate::from_der(certificates)?))
    }

    fn from_der(key: &PrivateKeyDer<'_>) -> Result<SealKey, SealError> {
        let rejected = |e: ring::error::KeyRejected| {
            SealError::new(format!("the private key cannot be used: {e}"))
        };
        match key {
            PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der.secret_pkcs1_der())
                .map(|k| SealKey {
                    key: PrivateKey::Rsa(k),
                    kind: KeyKind::Rsa,
                })
                .map_err(rejected),
            PrivateKeyDer::Pkcs8(der) => {
                let der = der.secret_pkcs8_der();
                let rng = SystemRandom::new();
                let rsa_error = match RsaKeyPair::from_pkcs8(der) {
                    Ok(k) => {
                        return Ok(SealKey {
                            key: PrivateKey::Rsa(k),
                            kind: KeyKind::Rsa,
                        })
                    }
                    Err(e) => e,
                };
                for (alg, kind) in [
                    (&sig::ECDSA_P256_SHA256_FIXED_SIGNING, KeyKind::P256),
                    (&sig::ECDSA_P384_SHA384_FIXED_SIGNING, KeyKind::P384),
                ] {
                    if let Ok(k) = EcdsaKeyPair::from_pkcs8(alg, der, &rng) {
                        return Ok(SealKey {
                            key: PrivateKey::Ecdsa(k),
                            kind,
                        });
                    }
                }
                Err(SealError::new(format!(
                    "the private key is neither an RSA key of 2048 bits or more nor an ECDSA key on P-256 or P-384 ({rsa_error})"
                )))
            }
            PrivateKeyDer::Sec1(_) => Err(SealError::new(
                "the key is in the SEC1 form (`BEGIN EC PRIVATE KEY`): convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem`",
            )),
            _ => Err(SealError::new("the private key is of a kind this tool does not read")),
        }
    }

    fn public_key(&self) -> &[u8] {
        match &self.key {
            PrivateKey::Rsa(k) => k.public_key().as_ref(),
            PrivateKey::Ecdsa(k) => k.public_key().as_ref(),
        }
    }

    /// Signs `message` with `algorithm` (which fits the key: the sealer checked).
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, SealError> {
        let rng = SystemRandom::new();
        let failed = |_| SealError::new("signing failed");
        match &self.key {
            PrivateKey::Rsa(k) => {
                let encoding: &'static dyn sig::RsaEncoding = match algorithm {
                    Algorithm::Rs384 => &sig::RSA_PKCS1_SHA384,
                    Algorithm::Rs512 => &sig::RSA_PKCS1_SHA512,
                    Algorithm::Ps256 => &sig::RSA_PSS_SHA256,
                    Algorithm::Ps384 => &sig::RSA_PSS_SHA384,
                    Algorithm::Ps512 => &sig::RSA_PSS_SHA512,
                    _ => &sig::RSA_PKCS1_SHA256,
                };
                let mut signature = vec![0; k.public().modulus_len()];
                k.sign(encoding, &rng, message, &mut signature)
                    .map_err(failed)?;
                Ok(signature)
            }
            PrivateKey::Ecdsa(k) => k
                .sign(&rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(failed),
        }
    }
}

/// Seals credentials with one key and certificate at one sealing time: the protected
/// header is made once.
#[derive(Debug)]
pub struct Sealer {
    key: SealKey,
    certificate: SealCertificate,
    algorithm: Algorithm,
    protected: String,
    fill_issuer: bool,
}

impl Sealer {
    /// A sealer, once the key is known to be the certificate's and `algorithm` (or the
    /// key's default) to fit it. With `fill_issuer`, each credential's issuer is
    /// rewritten from the certificate before sealing ([`identity::fill_issuer`]).
    pub fn new(
        key: SealKey,
        certificate: SealCertificate,
        algorithm: Option<Algorithm>,
        sig_time: i64,
        fill_issuer: bool,
    ) -> Result<Sealer, SealError> {
        if key.public_key() != certificate.public_key.as_slice() {
            return Err(SealError::new(
                "the private key does not belong to the seal certificate (their public keys differ): check that --key and --cert are a pair",
            ));
        }
        let algorithm = certificate.algorithm(algorithm)?;
        if fill_issuer {
            certificate
                .identity()
                .issuer_names()
                .map_err(SealError::new)?;
        }
        Ok(Sealer {
            protected: certificate.protected_header(algorithm, sig_time),
            key,
            certificate,
            algorithm,
            fill_issuer,
        })
    }

    /// The signature algorithm used.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The sealed file of a credential's JSON text ([`payload`]).
    pub fn seal(&self, credential: &str) -> Result<String, SealError> {
        let fill = self.fill_issuer.then(|| self.certificate.identity());
        let payload = payload(credential, fill)?;
        self.seal_payload(&payload)
    }

    /// The sealed file of a credential already in memory.
    pub fn seal_value(&self, mut credential: Value) -> Result<String, SealError> {
        if self.fill_issuer {
            identity::fill_issuer(&mut credential, self.certificate.identity())
                .map_err(SealError::new)?;
        }
        self.seal_payload(&credential.to_string())
    }

    fn seal_payload(&self, payload: &str) -> Result<String, SealError> {
        let signature = self
            .key
            .sign(self.algorithm, &signing_input(&self.protected, payload))?;
        Ok(assemble(&self.protected, payload, &signature))
    }
}

/// The payload a credential is sealed with: its JSON, compact, keys in their order,
/// with the issuer filled from `fill` when given. Takes the bare credential or the EU
/// issuer's upload form `{"credential": {...}}`; refuses text that is not a JSON object
/// or is sealed already.
pub fn payload(text: &str, fill: Option<&Identity>) -> Result<String, SealError> {
    let not_json =
        |e: serde_json::Error| SealError::new(format!("the credential is not JSON: {e}"));
    // The top-level members, and no key twice (the verifier refuses that), checked
    // without building the document (building it doubles the cost of sealing).
    let members = json::object_keys(text.as_bytes())
        .map_err(|e| match e {
            json::JsonError::Syntax(e) => not_json(e),
            json::JsonError::Duplicate(key) => SealError::new(format!(
                "the credential has two `{key}` fields in one object: remove one (readers would disagree on which counts)"
            )),
        })?
        .ok_or_else(|| SealError::new("the credential is not a JSON object"))?;
    if members.contains("signatures") && members.contains("payload") {
        return Err(SealError::new("the file is sealed already"));
    }
    let wrapped = members.len() == 1 && members.contains("credential");
    if fill.is_none() && !wrapped {
        return Ok(compact(text));
    }
    let mut value: Value = serde_json::from_str(text).map_err(not_json)?;
    if wrapped {
        value = value["credential"].take();
        if !value.is_object() {
            return Err(SealError::new("`credential` is not a JSON object"));
        }
    }
    if let Some(identity) = fill {
        identity::fill_issuer(&mut value, identity).map_err(SealError::new)?;
    }
    Ok(value.to_string())
}

/// Valid JSON text without the whitespace between tokens: what serde_json writes
/// compactly for the same document when the text came from serde_json. Works on bytes:
/// whitespace and quotes are ASCII, never part of a multi-byte character.
fn compact(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'"' => {
                // Copy the whole string literal, escapes included.
                let mut end = i + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                let end = (end + 1).min(bytes.len());
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b' ' | b'\n' | b'\r' | b'\t' | b'"') {
                    i += 1;
                }
                out.extend_from_slice(&bytes[start..i]);
            }
        }
    }
    // Whole characters were copied: the input is UTF-8 and was split only at ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The bytes a key held elsewhere signs (`--prepare`): `protected || "." || payload`,
/// the header naming `certificate` and `algorithm` (or the key's default) at `sig_time`.
pub fn prepare(
    payload: &str,
    certificate: &SealCertificate,
    algorithm: Option<Algorithm>,
    sig_time: i64,
) -> Result<Vec<u8>, SealError> {
    let algorithm = certificate.algorithm(algorithm)?;
    Ok(signing_input(
        &certificate.protected_header(algorithm, sig_time),
        payload,
    ))
}

/// The sealed file from prepared bytes and the signature made over them (`--finish`).
/// The signature may be raw, base64 or base64url text, and for ECDSA also DER (what
/// `openssl dgst -sign` writes). It must verify with the header's certificate.
pub fn finish(prepared: &[u8], signature: &[u8]) -> Result<String, SealError> {
    let not_prepared = || {
        SealError::new("the prepared file is not what `laurel seal --prepare` writes (header, dot, credential)")
    };
    let text = std::str::from_utf8(prepared).map_err(|_| not_prepared())?;
    let (protected, payload) = text.split_once('.').ok_or_else(not_prepared)?;
    let header = decode_header(protected).map_err(|_| not_prepared())?;
    let algorithm = header
        .get("alg")
        .and_then(Value::as_str)
        .and_then(Algorithm::from_name)
        .ok_or_else(not_prepared)?;
    let chain = header_chain(&header).map_err(|_| not_prepared())?;
    let (_, cert) = x509_parser::parse_x509_certificate(&chain[0]).map_err(|_| not_prepared())?;
    let public_key = cert.public_key().subject_public_key.data.as_ref();
    let candidates = signature_forms(signature, algorithm);
    let Some(signature) = candidates
        .iter()
        .find(|s| algorithm.verifies(public_key, prepared, s))
    else {
        return Err(SealError::new(format!(
            "the signature does not verify with the seal certificate's key ({}): it was made with another key, with another algorithm than {}, or over other bytes than the prepared file",
            identity::subject(&cert),
            algorithm.name()
        )));
    };
    Ok(assemble(protected, payload, signature))
}

/// The ways a signature file may hold the signature: as is, as base64 or base64url
/// text, and for ECDSA as DER.
fn signature_forms(signature: &[u8], algorithm: Algorithm) -> Vec<Vec<u8>> {
    let mut forms = vec![signature.to_vec()];
    let text = String::from_utf8_lossy(signature);
    let text = text.trim();
    let decoded = [
        STANDARD.decode(text),
        URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')),
    ];
    forms.extend(decoded.into_iter().flatten());
    let size = match algorithm.key_kind() {
        KeyKind::P256 => Some(32),
        KeyKind::P384 => Some(48),
        KeyKind::Rsa => None,
    };
    if let Some(size) = size {
        let fixed: Vec<Vec<u8>> = forms
            .iter()
            .filter_map(|f| der::ecdsa_fixed(f, size))
            .collect();
        forms.extend(fixed);
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_text_is_what_serde_json_writes() {
        let value = serde_json::json!({
            "id": "urn:credential:1",
            "name": {"en": "Data \"analysis\"\t with  spaces", "el": "Ανάλυση\\"},
            "list": [1, 2.5, -3e-7, true, null, {}, []],
            "nested": {"a": {"b": ["x y", "\\\""]}}
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(compact(&pretty), value.to_string());
        assert_eq!(payload(&pretty, None).unwrap(), value.to_string());
    }

    #[test]
    fn payloads_must_be_unsealed_json_objects() {
        let refused = |text: &str| payload(text, None).unwrap_err().to_string();
        assert!(refused("[1]").contains("not a JSON object"));
        assert!(refused("\"text\"").contains("not a JSON object"));
        assert!(refused("{\"a\":").contains("not JSON"));
        assert!(refused("{} {}").contains("not JSON"));
        assert!(refused("{\"payload\": \"{}\", \"signatures\": []}").contains("sealed already"));
        assert!(refused("{\"credential\": [1]}").contains("`credential` is not a JSON object"));
        assert!(refused("{\"a\": {\"b\": 1, \"b\": 2}}").contains("two `b` fields"));
    }

    #[test]
    fn the_upload_form_is_sealed_as_the_credential_it_wraps() {
        let bare = "{\"id\": \"urn:credential:1\", \"type\": [\"VerifiableCredential\"]}";
        let wrapped = format!("{{ \"credential\": {bare} }}");
        assert_eq!(
            payload(&wrapped, None).unwrap(),
            payload(bare, None).unwrap()
        );
    }
}
