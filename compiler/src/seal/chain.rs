//! The certificate path from a seal certificate to trust anchors the caller names, at a
//! chosen time (rustls-webpki). Seal certificates carry any extended key usage (a real
//! one has serverAuth, clientAuth and emailProtection), so none is required.

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, ExtendedKeyUsageValidator, KeyPurposeIdIter};

use super::SealError;

/// Certificates trusted as the ends of seal certificate paths (`--trust ANCHORS.pem`).
#[derive(Debug, Clone)]
pub struct TrustAnchors {
    anchors: Vec<TrustAnchor<'static>>,
}

impl TrustAnchors {
    /// Every certificate of a PEM file.
    pub fn from_pem(pem: &[u8]) -> Result<TrustAnchors, SealError> {
        let certificates = CertificateDer::pem_slice_iter(pem)
            .map(|c| c.map(|c| c.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                SealError::new(format!("the trust anchors are not PEM certificates: {e}"))
            })?;
        TrustAnchors::from_der(certificates)
    }

    /// Anchors from DER certificates.
    pub fn from_der(
        certificates: impl IntoIterator<Item = Vec<u8>>,
    ) -> Result<TrustAnchors, SealError> {
        let anchors = certificates
            .into_iter()
            .enumerate()
            .map(|(i, der)| {
                webpki::anchor_from_trusted_cert(&CertificateDer::from(der))
                    .map(|a| a.to_owned())
                    .map_err(|e| {
                        SealError::new(format!(
                            "trust anchor {} cannot be used: {}",
                            i + 1,
                            plain(&e)
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if anchors.is_empty() {
            return Err(SealError::new("the trust anchor file holds no certificate"));
        }
        Ok(TrustAnchors { anchors })
    }

    /// How many anchors there are.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// True when there are none (never, once built).
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Checks the path from `leaf` (DER) through any of `intermediates` to an anchor at
    /// `when` (seconds since 1970): signatures, validity periods, basic constraints.
    /// Returns how many certificates the path has, anchor included.
    pub fn path(&self, leaf: &[u8], intermediates: &[Vec<u8>], when: i64) -> Result<usize, String> {
        let leaf = CertificateDer::from(leaf);
        let end_entity = EndEntityCert::try_from(&leaf).map_err(|e| plain(&e))?;
        let intermediates: Vec<CertificateDer<'_>> = intermediates
            .iter()
            .map(|c| CertificateDer::from(c.as_slice()))
            .collect();
        let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
            u64::try_from(when).unwrap_or(0),
        ));
        let path = end_entity
            .verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                &self.anchors,
                &intermediates,
                time,
                AnyPurpose,
                None,
                None,
            )
            .map_err(|e| plain(&e))?;
        Ok(path.intermediate_certificates().count() + 2)
    }
}

/// Accepts every extended key usage.
struct AnyPurpose;

impl ExtendedKeyUsageValidator for AnyPurpose {
    fn validate(&self, _: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

/// A path error in plain words.
fn plain(error: &webpki::Error) -> String {
    use webpki::Error as E;
    match error {
        E::UnknownIssuer => {
            "no path leads from the seal certificate to any trust anchor (its issuer is neither an anchor nor in the seal's certificates)".into()
        }
        E::CertExpired { .. } => "a certificate on the path had expired at that time".into(),
        E::CertNotValidYet { .. } => "a certificate on the path was not yet valid at that time".into(),
        E::InvalidSignatureForPublicKey => {
            "a certificate's signature does not verify with its issuer's key".into()
        }
        E::CaUsedAsEndEntity => "the seal certificate is a CA certificate".into(),
        E::EndEntityUsedAsCa => "a certificate that is not a CA issued another one".into(),
        E::BadDer | E::BadDerTime => "a certificate is not valid DER".into(),
        E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "a certificate is signed with an algorithm this verifier does not support".into()
        }
        E::PathLenConstraintViolated | E::MaximumPathDepthExceeded => {
            "the path is longer than its CA certificates allow".into()
        }
        other => format!("the path is not valid ({other:?})"),
    }
}
