//! The check every build runs on what it is about to write: the EDC 1.2.0 shapes of the
//! profiles a document names. Laurel's own checks keep every input that would break them
//! out, so a result here is a fault in Laurel, reported as one.

use std::fmt;

use serde_json::Value;

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
            "internal error: Laurel made `{}` and the EDC 1.2.0 shapes refuse it, so nothing \
             was written. This is a fault in Laurel, not in your files: please report it \
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
    let findings: Vec<String> = match shacl::check(document, &profiles, &[ShapesVersion::V1_2_0]) {
        Ok(findings) => findings
            .iter()
            .filter(|f| f.violation)
            .map(describe)
            .collect(),
        Err(e) => vec![e.to_string()],
    };
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
}
