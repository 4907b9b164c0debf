//! The data graph a validation reads: its triples in one sorted list.
//!
//! A credential is a few hundred triples, read once and then asked, for a node, the values
//! of a property. One list sorted by subject and predicate answers that with a binary
//! search; building it is a sort, where a general store ([`oxrdf::Graph`]) interns every
//! term and keeps three indexes.

use std::cmp::Ordering;
use std::fmt;

use oxrdf::{
    Graph, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple, TripleRef,
};

/// An RDF graph for validation: a set of triples, sorted by subject, predicate, object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataGraph {
    /// Sorted by [`order`], without duplicates.
    triples: Vec<Triple>,
}

fn subject_key(s: &NamedOrBlankNode) -> (bool, &str) {
    match s {
        NamedOrBlankNode::NamedNode(n) => (false, n.as_str()),
        NamedOrBlankNode::BlankNode(b) => (true, b.as_str()),
    }
}

fn subject_ref_key(s: NamedOrBlankNodeRef<'_>) -> (bool, &str) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => (false, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => (true, b.as_str()),
    }
}

/// The (subject, predicate) a lookup searches for.
fn at(t: &Triple) -> ((bool, &str), &str) {
    (subject_key(&t.subject), t.predicate.as_str())
}

fn object_key(t: &Term) -> (u8, &str, &str, Option<&str>) {
    match t {
        Term::NamedNode(n) => (0, n.as_str(), "", None),
        Term::BlankNode(b) => (1, b.as_str(), "", None),
        Term::Literal(l) => (2, l.value(), l.datatype().as_str(), l.language()),
    }
}

/// The order of the list: subject, predicate, object (a total order on triples).
fn order(a: &Triple, b: &Triple) -> Ordering {
    subject_key(&a.subject)
        .cmp(&subject_key(&b.subject))
        .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
        .then_with(|| object_key(&a.object).cmp(&object_key(&b.object)))
}

impl DataGraph {
    /// The graph of `triples` (duplicates count once).
    pub fn new(mut triples: Vec<Triple>) -> DataGraph {
        triples.sort_unstable_by(order);
        triples.dedup();
        DataGraph { triples }
    }

    /// Number of triples.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    /// True when the graph has no triple.
    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// Every triple, sorted by subject, predicate and object.
    pub fn iter(&self) -> impl Iterator<Item = TripleRef<'_>> {
        self.triples.iter().map(Triple::as_ref)
    }

    /// The values of `predicate` on `subject`.
    pub fn objects<'a>(
        &'a self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> impl Iterator<Item = TermRef<'a>> + 'a {
        let key = (subject_ref_key(subject), predicate.as_str());
        let start = self.triples.partition_point(|t| at(t) < key);
        let len = self.triples[start..].partition_point(|t| at(t) == key);
        self.triples[start..start + len]
            .iter()
            .map(|t| t.object.as_ref())
    }

    /// The triples whose predicate is `predicate`.
    pub fn with_predicate<'a>(
        &'a self,
        predicate: NamedNodeRef<'a>,
    ) -> impl Iterator<Item = TripleRef<'a>> + 'a {
        self.iter().filter(move |t| t.predicate == predicate)
    }

    /// The same triples in an [`oxrdf::Graph`].
    pub fn to_graph(&self) -> Graph {
        self.iter().collect()
    }
}

impl FromIterator<Triple> for DataGraph {
    fn from_iter<I: IntoIterator<Item = Triple>>(triples: I) -> DataGraph {
        DataGraph::new(triples.into_iter().collect())
    }
}

impl From<&Graph> for DataGraph {
    fn from(graph: &Graph) -> DataGraph {
        graph.iter().map(TripleRef::into_owned).collect()
    }
}

impl fmt::Display for DataGraph {
    /// N-Triples, one triple a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for t in &self.triples {
            writeln!(f, "{t} .")?;
        }
        Ok(())
    }
}
