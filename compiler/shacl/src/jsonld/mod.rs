//! JSON-LD documents to data graphs, offline.
//!
//! Two readers, one result. The compiled reader ([`rdf`], over [`context`]) processes each
//! remote context once per [`DocumentLoader`] and reuses every context derived from it
//! (type- and property-scoped), so a credential is read in one pass; it implements the
//! part of JSON-LD 1.1 that credentials use. A document using anything else (an `@list`,
//! `@graph` or `@reverse`, a relative IRI, a fractional number, ...) is read by oxjsonld,
//! the general reader, instead.

mod context;
mod rdf;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use serde_json::Value;

use crate::blank::Relabel;
use crate::DataGraph;

/// The remote documents (contexts) a JSON-LD document may load, by IRI. Anything else is
/// refused: the engine never touches the network. Contexts are processed once per loader
/// (and its clones).
#[derive(Debug, Clone, Default)]
pub struct DocumentLoader {
    documents: Arc<HashMap<String, Arc<[u8]>>>,
    contexts: Arc<context::Cache>,
}

impl DocumentLoader {
    /// A loader serving nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `document` for `iri`.
    pub fn with(mut self, iri: impl Into<String>, document: impl Into<Arc<[u8]>>) -> Self {
        Arc::make_mut(&mut self.documents).insert(iri.into(), document.into());
        self.contexts = Arc::default();
        self
    }

    fn fetch(&self, iri: &str) -> Option<Arc<[u8]>> {
        self.documents.get(iri).cloned()
    }
}

/// Why the compiled reader did not read a document: a JSON-LD feature outside its part
/// (the general reader is used), or a context the loader does not serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// What was met, e.g. "the keyword @list".
    pub what: String,
    unknown: Option<String>,
}

impl Unsupported {
    fn new(what: impl Into<String>) -> Unsupported {
        Unsupported {
            what: what.into(),
            unknown: None,
        }
    }

    fn unknown(iri: &str) -> Unsupported {
        Unsupported {
            what: format!("the context <{iri}>, not served offline"),
            unknown: Some(iri.to_string()),
        }
    }
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the compiled JSON-LD reader does not read {}", self.what)
    }
}

/// Why a JSON-LD document could not be turned into a data graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// The document (or a context) loads an IRI the [`DocumentLoader`] does not serve.
    UnknownDocument(String),
    /// The document is not valid JSON-LD.
    JsonLd(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::UnknownDocument(iri) => {
                write!(
                    f,
                    "the JSON-LD document loads <{iri}>, which is not served offline"
                )
            }
            DataError::JsonLd(message) => write!(f, "invalid JSON-LD: {message}"),
        }
    }
}

impl std::error::Error for DataError {}

/// Converts a JSON-LD document to its RDF graph (named graphs merged into one), blank
/// nodes labelled `b0`, `b1`, ... in order of appearance.
pub fn data_graph(json: &[u8], loader: &DocumentLoader) -> Result<DataGraph, DataError> {
    match serde_json::from_slice::<Value>(json) {
        Ok(document) => data_graph_of(&document, loader),
        // the general reader says what is wrong with the JSON
        Err(_) => general_data_graph(json, loader),
    }
}

/// [`data_graph`] of a document already parsed.
pub fn data_graph_of(document: &Value, loader: &DocumentLoader) -> Result<DataGraph, DataError> {
    match compiled_data_graph(document, loader) {
        Ok(graph) => Ok(graph),
        Err(Unsupported {
            unknown: Some(iri), ..
        }) => Err(DataError::UnknownDocument(iri)),
        Err(_) => {
            let json =
                serde_json::to_vec(document).map_err(|e| DataError::JsonLd(e.to_string()))?;
            general_data_graph(&json, loader)
        }
    }
}

/// The compiled reader alone: the graph, or what it does not read.
pub fn compiled_data_graph(
    document: &Value,
    loader: &DocumentLoader,
) -> Result<DataGraph, Unsupported> {
    rdf::to_graph(&loader.contexts, &|iri| loader.fetch(iri), document)
}

/// The general reader (oxjsonld) alone.
pub fn general_data_graph(json: &[u8], loader: &DocumentLoader) -> Result<DataGraph, DataError> {
    let documents = Arc::clone(&loader.documents);
    let unknown: Arc<Mutex<Option<String>>> = Arc::default();
    let record = Arc::clone(&unknown);
    let parser = JsonLdParser::new()
        .for_slice(json)
        .with_load_document_callback(move |iri, _| match documents.get(iri) {
            Some(document) => Ok(JsonLdRemoteDocument {
                document: document.to_vec(),
                document_url: iri.to_string(),
            }),
            None => {
                if let Ok(mut slot) = record.lock() {
                    slot.get_or_insert_with(|| iri.to_string());
                }
                Err(format!("<{iri}> is not served offline").into())
            }
        });
    let mut relabel = Relabel::new("b");
    let mut triples = Vec::new();
    for quad in parser {
        match quad {
            Ok(quad) => triples.push(relabel.triple(quad.into())),
            Err(e) => {
                let missing = unknown.lock().ok().and_then(|mut slot| slot.take());
                return Err(match missing {
                    Some(iri) => DataError::UnknownDocument(iri),
                    None => DataError::JsonLd(e.to_string()),
                });
            }
        }
    }
    Ok(DataGraph::new(triples))
}
