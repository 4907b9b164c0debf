//! The check every build runs on what it is about to write: the EDC 1.2.0 shapes of the
//! profiles a document names, and for a credential written for EBSI (`type` lists
//! `VerifiableAttestation`) the Europass EDC JSON Schema too. Laurel's own checks keep
//! every input that would break them out, so a result here is a fault in Laurel,
//! reported as one.
//!
//! A VCDM 2.0 credential cannot be read as JSON-LD with the EDC context (the VCDM 2.0
//! context protects `description`, which the EDC context defines again), so its shapes
//! are checked on its VCDM 1.1 reading: the same document with the VCDM 1.1 base context.

use std::fmt;

use serde_json::Value;

use super::ebsi::{self, Vcdm};
use super::shacl::{self, ShapeFinding};
use super::shapes::{named_profiles, ShapesVersion};

/// How many of the results a report names.
const NAMED: usize = 3;

/// A document Laurel made that the EDC shapes refuse.
#[derive(Debug, Clone)]
pub struct OutputViolation {
    /// The document's `id`.
    pub id: String,
    /// The shapes' results (or why the shapes could not run).
    pub findings: Vec<String>,
}

impl fmt::Display for OutputViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: Laurel made `{}` and the EDC 1.2.0 shapes (or, for EBSI, the \
             Europass EDC JSON Schema) refuse it, so nothing was written. This is a fault in Laurel, not in your files: please report it \
             with this message (`--no-validate` writes it all the same).",
            self.id
        )?;
        for finding in self.findings.iter().take(NAMED) {
            write!(f, "\n  - {finding}")?;
        }
        if self.findings.len() > NAMED {
            write!(f, "\n  - and {} more", self.findings.len() - NAMED)?;
        }
        Ok(())
    }
}

impl std::error::Error for OutputViolation {}

/// Checks a document about to be written (before sealing).
pub fn check_output(document: &Value) -> Result<(), OutputViolation> {
    let profiles = named_profiles(document);
    let reading = vcdm_1_1_reading(document);
    let shapes = shacl::check(
        reading.as_ref().unwrap_or(document),
        &profiles,
        &[ShapesVersion::V1_2_0],
    );
    let mut findings: Vec<String> = match shapes {
        Ok(findings) => findings
            .iter()
            .filter(|f| f.violation)
            .map(describe)
            .collect(),
        Err(e) => vec![e.to_string()],
    };
    if is_attestation(document) {
        match ebsi::check(document) {
            Ok(report) => findings.extend(report.findings.iter().map(|f| {
                format!(
                    "{} (Europass EDC JSON Schema, VCDM {}, at {})",
                    f.message,
                    report.vcdm.as_str(),
                    f.path
                )
            })),
            Err(e) => findings.push(e.to_string()),
        }
    }
    if findings.is_empty() {
        return Ok(());
    }
    Err(OutputViolation {
        id: document
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("a document")
            .to_string(),
        findings,
    })
}

/// A VCDM 2.0 document with the VCDM 1.1 base context instead; `None` for any other.
fn vcdm_1_1_reading(document: &Value) -> Option<Value> {
    if Vcdm::of(document) != Ok(Vcdm::V2_0) {
        return None;
    }
    let mut reading = document.clone();
    if let Some(Value::Array(contexts)) = reading.get_mut("@context") {
        contexts[0] = Value::from(Vcdm::V1_1.context());
    }
    Some(reading)
}

/// True when `type` lists `VerifiableAttestation` (a credential written for EBSI).
fn is_attestation(document: &Value) -> bool {
    document
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|types| types.iter().any(|t| t == "VerifiableAttestation"))
}

/// A result with the shape it comes from.
fn describe(finding: &ShapeFinding) -> String {
    format!(
        "{} (shape {}, at {})",
        finding.message, finding.source_shape, finding.focus
    )
}

/// The violation inside an I/O error from writing, if that is what stopped it.
pub fn violation_in(error: &std::io::Error) -> Option<&OutputViolation> {
    error.get_ref()?.downcast_ref::<OutputViolation>()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] =
        include_bytes!("../../../tests/data/elm-examples/authored/minimal-microcredential.jsonld");

    #[test]
    fn a_conforming_document_passes() {
        let doc: Value = serde_json::from_slice(SAMPLE).unwrap();
        assert!(check_output(&doc).is_ok());
    }

    #[test]
    fn a_refused_document_names_the_shape_and_travels_in_an_io_error() {
        let mut doc: Value = serde_json::from_slice(SAMPLE).unwrap();
        doc.as_object_mut().unwrap().remove("credentialSubject");
        let violation = check_output(&doc).unwrap_err();
        let text = violation.to_string();
        assert!(text.starts_with("internal error: Laurel made `"), "{text}");
        assert!(text.contains("credentialSubject"), "{text}");
        assert!(text.contains("(shape http"), "{text}");
        let io = std::io::Error::other(violation);
        assert!(violation_in(&io).is_some());
        assert!(violation_in(&std::io::Error::other("disk full")).is_none());
    }

    /// The sample as an EBSI attestation with the base context of `vcdm`.
    fn attestation(vcdm: Vcdm) -> Value {
        let mut doc: Value = serde_json::from_slice(SAMPLE).unwrap();
        doc["@context"][0] = Value::from(vcdm.context());
        doc["type"] = serde_json::json!([
            "VerifiableCredential",
            "VerifiableAttestation",
            "EuropeanDigitalCredential"
        ]);
        doc
    }

    #[test]
    fn an_attestation_meets_the_ebsi_schema_of_its_vcdm_version_and_the_shapes() {
        for vcdm in [Vcdm::V1_1, Vcdm::V2_0] {
            let doc = attestation(vcdm);
            assert!(check_output(&doc).is_ok(), "{:?}", check_output(&doc));
            // The shapes still apply to a VCDM 2.0 document, on its VCDM 1.1 reading.
            let mut broken = doc.clone();
            broken.as_object_mut().unwrap().remove("credentialSubject");
            let text = check_output(&broken).unwrap_err().to_string();
            assert!(text.contains("(shape http"), "{text}");
        }
    }

    #[test]
    fn an_attestation_the_ebsi_schema_refuses_is_refused() {
        let mut doc = attestation(Vcdm::V1_1);
        doc["validFrom"] = Value::from("not a time");
        let text = check_output(&doc).unwrap_err().to_string();
        assert!(
            text.contains("Europass EDC JSON Schema, VCDM 1.1"),
            "{text}"
        );
        // The same document without `VerifiableAttestation` is not checked against it
        // (the shapes refuse the time on their own, so compare the schema's words only).
        doc["type"] = serde_json::json!(["VerifiableCredential", "EuropeanDigitalCredential"]);
        let text = check_output(&doc).unwrap_err().to_string();
        assert!(!text.contains("Europass EDC JSON Schema, VCDM"), "{text}");
    }
}
