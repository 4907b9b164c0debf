//! Sealing a credential (the university example's, 25 KB of JSON) with ES256 and RS256,
//! next to ring signing the same bytes with the same key: the overhead of sealing (the
//! payload's compact JSON, the signed bytes, the file) over the signature itself. And
//! verifying a seal (`laurel verify` without process start-up).
//!
//! Run: `cargo bench -p laurel --bench seal`.

use std::sync::OnceLock;

use laurel::seal::{self, SealCertificate, SealKey, Sealer, VerifyOptions};
use rcgen::{
    CertificateParams, DnType, KeyPair, KeyUsagePurpose, PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256,
};
use ring::rand::SystemRandom;
use ring::signature::{self as sig, EcdsaKeyPair, RsaKeyPair};

const RSA_KEY: &str = include_str!("../tests/fixtures/seal/test-rsa-2048.key.pem");
const SEALED_AT: i64 = 1_772_445_600;

fn main() {
    divan::main();
}

/// The example credential as `laurel build` writes it.
fn credential() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/university");
        let compilation = laurel::project::Project::load(&dir)
            .expect("loads")
            .compile();
        let model = &compilation.model;
        laurel::build::to_text(&laurel::elm::credential(
            model,
            &model.awards[0],
            &Default::default(),
        ))
    })
}

/// A key and a self-issued seal certificate for it, PEM.
fn pki(key: KeyPair) -> (String, String) {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, "Bench seal");
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let cert = params.self_signed(&key).expect("certificate");
    (key.serialize_pem(), cert.pem())
}

fn sealer(key: &str, cert: &str) -> Sealer {
    Sealer::new(
        SealKey::from_pem(key.as_bytes()).expect("key"),
        SealCertificate::from_pem(cert.as_bytes()).expect("certificate"),
        None,
        SEALED_AT,
        false,
    )
    .expect("sealer")
}

fn es256() -> &'static (String, String) {
    static PKI: OnceLock<(String, String)> = OnceLock::new();
    PKI.get_or_init(|| pki(KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).expect("key")))
}

fn rs256() -> &'static (String, String) {
    static PKI: OnceLock<(String, String)> = OnceLock::new();
    PKI.get_or_init(|| {
        pki(KeyPair::from_pkcs8_pem_and_sign_algo(RSA_KEY, &PKCS_RSA_SHA256).expect("key"))
    })
}

/// The bytes a seal of the credential signs (the header is about 1 KB).
fn signed_bytes(cert: &str) -> Vec<u8> {
    let certificate = SealCertificate::from_pem(cert.as_bytes()).expect("certificate");
    let payload = seal::sign::payload(credential(), None).expect("payload");
    seal::prepare(&payload, &certificate, None, SEALED_AT).expect("prepared")
}

fn pkcs8(pem: &str) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject;
    rustls_pki_types::PrivatePkcs8KeyDer::from_pem_slice(pem.as_bytes())
        .expect("PKCS#8")
        .secret_pkcs8_der()
        .to_vec()
}

#[divan::bench]
fn seal_es256(bencher: divan::Bencher) {
    let (key, cert) = es256();
    let sealer = sealer(key, cert);
    bencher.bench(|| sealer.seal(credential()).expect("sealed"));
}

#[divan::bench]
fn ring_sign_es256(bencher: divan::Bencher) {
    let (key, cert) = es256();
    let rng = SystemRandom::new();
    let pair = EcdsaKeyPair::from_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8(key), &rng)
        .expect("key");
    let message = signed_bytes(cert);
    bencher.bench(|| pair.sign(&rng, &message).expect("signed"));
}

#[divan::bench]
fn seal_rs256(bencher: divan::Bencher) {
    let (key, cert) = rs256();
    let sealer = sealer(key, cert);
    bencher.bench(|| sealer.seal(credential()).expect("sealed"));
}

#[divan::bench]
fn ring_sign_rs256(bencher: divan::Bencher) {
    let (key, cert) = rs256();
    let rng = SystemRandom::new();
    let pair = RsaKeyPair::from_pkcs8(&pkcs8(key)).expect("key");
    let message = signed_bytes(cert);
    let mut signature = vec![0; pair.public().modulus_len()];
    bencher.bench_local(|| {
        pair.sign(&sig::RSA_PKCS1_SHA256, &rng, &message, &mut signature)
            .expect("signed")
    });
}

#[divan::bench(args = ["ES256", "RS256"])]
fn verify(bencher: divan::Bencher, alg: &str) {
    let (key, cert) = if alg == "ES256" { es256() } else { rs256() };
    let sealed = sealer(key, cert).seal(credential()).expect("sealed");
    let options = VerifyOptions {
        at: SEALED_AT,
        anchors: None,
    };
    bencher.bench(|| seal::verify(&sealed, &options));
}
