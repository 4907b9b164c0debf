//! JSON-LD documents to data graphs, offline.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::Graph;

use crate::blank::Relabel;

/// The remote documents (contexts) a JSON-LD document may load, by IRI. Anything else is
/// refused: the engine never touches the network.
#[derive(Debug, Clone, Default)]
pub struct DocumentLoader {
    documents: Arc<HashMap<String, Arc<[u8]>>>,
}

impl DocumentLoader {
    /// A loader serving nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `document` for `iri`.
    pub fn with(mut self, iri: impl Into<String>, document: impl Into<Arc<[u8]>>) -> Self {
        Arc::make_mut(&mut self.documents).insert(iri.into(), document.into());
        self
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
pub fn data_graph(json: &[u8], loader: &DocumentLoader) -> Result<Graph, DataError> {
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
    let mut graph = Graph::new();
    for quad in parser {
        match quad {
            Ok(quad) => {
                graph.insert(&relabel.triple(quad.into()));
            }
            Err(e) => {
                let missing = unknown.lock().ok().and_then(|mut slot| slot.take());
                return Err(match missing {
                    Some(iri) => DataError::UnknownDocument(iri),
                    None => DataError::JsonLd(e.to_string()),
                });
            }
        }
    }
    Ok(graph)
}
