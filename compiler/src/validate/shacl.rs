//! The EDC SHACL shapes run over a credential, and their results in plain words.

use laurel_shacl::{
    data_graph_of, Component, Constraint, DataError, DataGraph, DocumentLoader, ValidationResult,
};
use oxrdf::{NamedNodeRef, Term, TermRef};
use serde_json::Value;

use super::shapes::{self, Profile, ShapesVersion};

/// IRI of the W3C VC 1.1 context.
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";
/// IRI of the EDC application-profile context.
pub const EDC_AP_CONTEXT: &str = "http://data.europa.eu/snb/model/context/edc-ap";

/// The contexts an EDC may load, served from `stdlib/elm/context/` (nothing else is
/// fetched).
fn loader() -> &'static DocumentLoader {
    static LOADER: std::sync::OnceLock<DocumentLoader> = std::sync::OnceLock::new();
    LOADER.get_or_init(|| {
        DocumentLoader::new()
            .with(
                VC_V1_CONTEXT,
                &include_bytes!("../../../stdlib/elm/context/w3c-credentials-v1.jsonld")[..],
            )
            .with(
                EDC_AP_CONTEXT,
                &include_bytes!("../../../stdlib/elm/context/edc-ap-context.jsonld")[..],
            )
    })
}

/// One result of the shapes, ready to be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeFinding {
    /// The shapes version that found it.
    pub version: ShapesVersion,
    /// The focus node: an IRI, or `_:bN` for a node without one.
    pub focus: String,
    /// The property (IRI) the result is about, if any.
    pub path: Option<String>,
    /// The constraint component that failed.
    pub component: Component,
    /// What is wrong, in plain words.
    pub message: String,
    /// The value found, as N-Triples text, when the result names one.
    pub value: Option<String>,
    /// The IRI (or blank label) of the shape the result comes from.
    pub source_shape: String,
    /// True for `sh:Violation` (else a warning or information).
    pub violation: bool,
}

/// Why a credential could not be checked against the shapes at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapesError {
    /// The JSON-LD could not be turned into RDF (e.g. it loads a context that is not
    /// bundled).
    Data(DataError),
    /// The bundled shapes do not load (a Laurel bug).
    Shapes(String),
}

impl std::fmt::Display for ShapesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShapesError::Data(DataError::UnknownDocument(iri))
                if iri == super::ebsi::CONTEXT_V2 =>
            {
                write!(
                    f,
                    "the credential's `@context` names <{iri}> (VCDM 2.0), which cannot be read together with <{EDC_AP_CONTEXT}>: it protects the term `description`, which the EDC context defines again, so JSON-LD processors refuse the pair and the EDC shapes cannot check it (the EBSI schema for VCDM 2.0 is still checked); with <{VC_V1_CONTEXT}> first it can be"
                )
            }
            ShapesError::Data(DataError::UnknownDocument(iri)) => write!(
                f,
                "the credential's `@context` names <{iri}>, which is not an EDC context Laurel knows (it knows <{VC_V1_CONTEXT}> and <{EDC_AP_CONTEXT}>, and fetches nothing)"
            ),
            ShapesError::Data(e) => write!(f, "{e}"),
            ShapesError::Shapes(e) => write!(f, "the bundled shapes do not load: {e}"),
        }
    }
}

/// The results of the shapes of each of `versions` over the credential (its JSON-LD), for
/// the profiles in `named`.
pub fn check(
    credential: &Value,
    named: &[Profile],
    versions: &[ShapesVersion],
) -> Result<Vec<ShapeFinding>, ShapesError> {
    let graph = data_graph_of(credential, loader()).map_err(ShapesError::Data)?;
    let mut findings = Vec::new();
    for &version in versions {
        let shapes =
            shapes::shapes(version, named).map_err(|e| ShapesError::Shapes(e.to_string()))?;
        let report = shapes.validate(&graph);
        findings.extend(
            report
                .results
                .iter()
                .map(|result| finding(version, result, &graph)),
        );
    }
    Ok(findings)
}

fn finding(version: ShapesVersion, result: &ValidationResult, graph: &DataGraph) -> ShapeFinding {
    ShapeFinding {
        version,
        focus: term_text(&result.focus_node),
        path: result.path.as_ref().map(|p| p.as_str().to_string()),
        component: result.component(),
        message: describe(result, graph),
        value: result.value.as_ref().map(ToString::to_string),
        source_shape: term_text(&result.source_shape),
        violation: result.severity == laurel_shacl::Severity::Violation,
    }
}

fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    }
}

/// The last part of an IRI: after `#`, else after the last `/`.
fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// `AwardingProcess` → `awarding process`.
fn words(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// `a` or `an` before `word`.
fn article(word: &str) -> &'static str {
    // `eu` and `uni` sound as `you`: a European ..., a unit
    if ["eu", "uni", "use", "usu"]
        .iter()
        .any(|p| word.starts_with(p))
    {
        return "a";
    }
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// The focus node's kind in words (`an awarding process`), from its ELM or VC type.
fn kind_of(focus: &Term, graph: &DataGraph) -> String {
    let subject = match focus {
        Term::NamedNode(n) => oxrdf::NamedOrBlankNodeRef::NamedNode(n.as_ref()),
        Term::BlankNode(b) => oxrdf::NamedOrBlankNodeRef::BlankNode(b.as_ref()),
        _ => return "a value".into(),
    };
    let mut types: Vec<&str> = graph
        .objects(subject, oxrdf::vocab::rdf::TYPE)
        .filter_map(|t| match t {
            TermRef::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    types.sort();
    // the most specific type is the ELM one (`europeanDigitalCredential` is also a VC)
    let chosen = types
        .iter()
        .find(|t| t.starts_with("http://data.europa.eu/snb/model/elm/"))
        .or(types.first());
    match chosen {
        Some(t) => {
            let w = words(local(t));
            format!("{} {w}", article(&w))
        }
        None => "a node".into(),
    }
}

/// What a datatype's values look like.
fn datatype_words(datatype: NamedNodeRef<'_>) -> String {
    match local(datatype.as_str()) {
        "dateTime" => "a date and time such as 2025-03-14T09:00:00Z".into(),
        "date" => "a date such as 2025-03-14".into(),
        "duration" => "a duration such as P6M or PT30H".into(),
        "anyURI" => "a web address (URI)".into(),
        "integer" => "a whole number".into(),
        "positiveInteger" => "a whole number above 0".into(),
        "nonNegativeInteger" => "a whole number, 0 or more".into(),
        "decimal" => "a number".into(),
        "boolean" => "true or false".into(),
        "string" => "a plain text".into(),
        "langString" => "a text with its language".into(),
        other => format!("of type {other}"),
    }
}

/// The result in plain words: "an awarding process needs an awarding body (ELM:
/// awardedBy, at least 1)".
fn describe(result: &ValidationResult, graph: &DataGraph) -> String {
    let kind = kind_of(&result.focus_node, graph);
    let property = result.path.as_ref().map(|p| local(p.as_str()).to_string());
    let name = result
        .names
        .iter()
        .find(|n| n.language().is_none_or(|l| l.starts_with("en")))
        .map(|n| n.value().to_lowercase())
        .or_else(|| property.as_deref().map(words))
        .unwrap_or_else(|| "it".into());
    let elm = property
        .as_deref()
        .map(|p| format!("ELM: {p}, "))
        .unwrap_or_default();
    match &result.constraint {
        Constraint::MinCount(n) => {
            format!("{kind} needs {} {name} ({elm}at least {n})", article(&name))
        }
        Constraint::MaxCount(n) => format!("{kind} has too many {name} ({elm}at most {n})"),
        Constraint::Datatype(dt) => format!(
            "the {name} of {kind} must be {} ({elm}{})",
            datatype_words(dt.as_ref()),
            local(dt.as_str())
        ),
        Constraint::Class(class) => {
            let w = words(local(class.as_str()));
            format!(
                "the {name} of {kind} must be {} {w} ({elm}{})",
                article(&w),
                local(class.as_str())
            )
        }
        Constraint::NodeKind(k) => {
            format!("the {name} of {kind} must be {k:?} ({elm}node kind)").replace("Iri", "an IRI")
        }
        Constraint::Or(_) => format!(
            "the {name} of {kind} is none of the kinds of value allowed here ({elm}one of several shapes)"
        ),
        Constraint::Node(_) => {
            let mut said = format!(
                "the {name} of {kind} does not have the form it needs ({elm}a nested shape)"
            );
            if let Some(first) = result.details.first() {
                said = format!("{said}: {}", describe(first, graph));
                if let Some(more) = result.details.len().checked_sub(1).filter(|&n| n > 0) {
                    said.push_str(&format!(", and {more} more"));
                }
            }
            said
        }
        Constraint::HasValue(v) => format!("the {name} of {kind} must include {v} ({elm}a fixed value)"),
        Constraint::UniqueLang => format!(
            "the {name} of {kind} is given twice in one language ({elm}one per language)"
        ),
        Constraint::MaxInclusive(v) => format!(
            "the {name} of {kind} is above the largest allowed, {} ({elm}at most)",
            v.value()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] =
        include_bytes!("../../../tests/data/elm-examples/authored/minimal-microcredential.jsonld");

    #[test]
    fn a_minimal_micro_credential_conforms_to_both_versions() {
        let sample: Value = serde_json::from_slice(SAMPLE).unwrap();
        let findings = check(&sample, &[Profile::Generic], &ShapesVersion::ALL).unwrap();
        let violations: Vec<_> = findings.iter().filter(|f| f.violation).collect();
        assert!(violations.is_empty(), "{violations:#?}");
    }

    #[test]
    fn a_missing_awarding_body_is_said_in_words() {
        // every copy of the awarding process (a node may be written in several places)
        fn without_awarding_body(value: &mut serde_json::Value) {
            match value {
                serde_json::Value::Object(node) => {
                    if node.get("type").and_then(|t| t.as_str()) == Some("AwardingProcess") {
                        node.remove("awardingBody");
                    }
                    node.values_mut().for_each(without_awarding_body);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(without_awarding_body),
                _ => {}
            }
        }
        let mut doc: serde_json::Value = serde_json::from_slice(SAMPLE).unwrap();
        without_awarding_body(&mut doc);
        let findings = check(&doc, &[Profile::Generic], &[ShapesVersion::V1_2_0]).unwrap();
        let finding = findings
            .iter()
            .find(|f| {
                f.path
                    .as_deref()
                    .is_some_and(|p| p.ends_with("awardingBody"))
            })
            .unwrap_or_else(|| panic!("{findings:#?}"));
        assert_eq!(finding.component, Component::MinCount);
        assert!(
            finding.message.starts_with(
                "an awarding process needs an awarding body (ELM: awardingBody, at least 1)"
            ),
            "{}",
            finding.message
        );
    }

    #[test]
    fn a_nested_shape_says_what_it_needs() {
        // the issuer's legal identifier is what the EDC's issuer shape adds
        fn without_legal_identifier(value: &mut serde_json::Value) {
            match value {
                serde_json::Value::Object(node) => {
                    node.remove("eIDASIdentifier");
                    node.values_mut().for_each(without_legal_identifier);
                }
                serde_json::Value::Array(items) => {
                    items.iter_mut().for_each(without_legal_identifier)
                }
                _ => {}
            }
        }
        let mut doc: serde_json::Value = serde_json::from_slice(SAMPLE).unwrap();
        without_legal_identifier(&mut doc);
        let findings = check(&doc, &[Profile::Generic], &[ShapesVersion::V1_1_0]).unwrap();
        let finding = findings
            .iter()
            .find(|f| f.component == Component::Node)
            .unwrap_or_else(|| panic!("{findings:#?}"));
        assert_eq!(
            finding.message,
            "the issuer of a european digital credential does not have the form it needs \
             (ELM: issuer, a nested shape): an organisation needs a mandatory legal \
             identifier (ELM: eidasLegalIdentifier, at least 1)"
        );
    }

    #[test]
    fn the_vcdm_2_context_says_why_it_cannot_be_read() {
        let json = serde_json::json!({
            "@context": [super::super::ebsi::CONTEXT_V2, EDC_AP_CONTEXT],
            "id": "urn:x",
            "type": "VerifiableCredential"
        });
        let error = check(&json, &[Profile::Generic], &[ShapesVersion::V1_2_0]).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("protects the term `description`"), "{text}");
    }

    #[test]
    fn an_unknown_context_is_named() {
        let json =
            serde_json::json!({"@context": "https://example.org/ctx", "id": "urn:x", "type": "X"});
        let error = check(&json, &[Profile::Generic], &[ShapesVersion::V1_2_0]).unwrap_err();
        assert!(
            error.to_string().contains("<https://example.org/ctx>"),
            "{error}"
        );
    }
}
