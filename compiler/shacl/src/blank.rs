//! Deterministic blank node labels: the parsers name blank nodes at random, so every
//! graph the engine builds relabels them `b0`, `b1`, ... in order of first appearance.

use std::collections::HashMap;

use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};

/// Relabels blank nodes in order of first appearance.
#[derive(Default)]
pub(crate) struct Relabel {
    labels: HashMap<BlankNode, BlankNode>,
    prefix: String,
}

impl Relabel {
    /// Labels are `<prefix>0`, `<prefix>1`, ... (a prefix per document keeps two
    /// documents' blank nodes apart).
    pub(crate) fn new(prefix: impl Into<String>) -> Self {
        Relabel {
            labels: HashMap::new(),
            prefix: prefix.into(),
        }
    }

    fn blank(&mut self, b: BlankNode) -> BlankNode {
        let next = self.labels.len();
        let prefix = &self.prefix;
        self.labels
            .entry(b)
            .or_insert_with(|| BlankNode::new_unchecked(format!("{prefix}{next}")))
            .clone()
    }

    /// The triple with its blank nodes relabelled.
    pub(crate) fn triple(&mut self, t: Triple) -> Triple {
        let subject = match t.subject {
            NamedOrBlankNode::BlankNode(b) => self.blank(b).into(),
            s => s,
        };
        let object = match t.object {
            Term::BlankNode(b) => self.blank(b).into(),
            o => o,
        };
        Triple::new(subject, t.predicate, object)
    }
}
