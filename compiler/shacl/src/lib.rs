//! A small SHACL Core engine over [`oxrdf`].
//!
//! * [`Shapes::load`] reads shapes documents (Turtle, RDF/XML), follows `owl:imports` only
//!   through the documents it was given, refuses every SHACL constraint it does not
//!   implement (see [`SUPPORTED`]) and compiles the shapes once into indexed form.
//! * [`data_graph`] turns a JSON-LD document into a data graph with a caller-supplied
//!   [`DocumentLoader`] (the engine never touches the network).
//! * [`Shapes::to_compiled`] / [`Shapes::from_compiled`] keep compiled shapes as bytes, for
//!   a program that bundles its shapes and reads them at start-up.
//! * [`Shapes::validate`] checks a data graph and returns a [`Report`] whose results are in
//!   a deterministic order.
//!
//! Semantics follow SHACL 1.0 (Core) without inference: class targets and `sh:class` use
//! `rdf:type/rdfs:subClassOf*` in the data graph; `sh:datatype` checks the datatype IRI and
//! the XSD 1.1 lexical form ([`lexical`]).

mod blank;
mod compiled;
mod data;
mod jsonld;
pub mod lexical;
mod load;
mod validate;

use std::fmt;

use oxrdf::{Literal, NamedNode, NamedNodeRef, Term, TermRef};

pub use compiled::CompiledError;
pub use data::DataGraph;
pub use jsonld::{
    compiled_data_graph, data_graph, data_graph_of, general_data_graph, DataError, DocumentLoader,
    Unsupported,
};
pub use load::{shapes_graph, Format, LoadError, ShapesDocument};

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";

/// The constraint components this engine implements, with the local name of their
/// parameter in the `sh:` namespace. A shapes document using any other SHACL constraint
/// parameter (`sh:pattern`, `sh:in`, `sh:closed`, `sh:sparql`, ...) is refused at load
/// time ([`LoadError::Unsupported`]), never silently passed.
///
/// This is exactly the SHACL Core used by the EDC application-profile shapes (ap-1.1.0 and
/// ap-1.2.0, every profile).
pub const SUPPORTED: &[(Component, &str)] = &[
    (Component::Class, "class"),
    (Component::Datatype, "datatype"),
    (Component::NodeKind, "nodeKind"),
    (Component::MinCount, "minCount"),
    (Component::MaxCount, "maxCount"),
    (Component::Or, "or"),
    (Component::UniqueLang, "uniqueLang"),
    (Component::Node, "node"),
    (Component::HasValue, "hasValue"),
    (Component::MaxInclusive, "maxInclusive"),
];

/// A SHACL constraint component (the `sh:sourceConstraintComponent` of a result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    /// `sh:ClassConstraintComponent`
    Class,
    /// `sh:DatatypeConstraintComponent`
    Datatype,
    /// `sh:NodeKindConstraintComponent`
    NodeKind,
    /// `sh:MinCountConstraintComponent`
    MinCount,
    /// `sh:MaxCountConstraintComponent`
    MaxCount,
    /// `sh:OrConstraintComponent`
    Or,
    /// `sh:UniqueLangConstraintComponent`
    UniqueLang,
    /// `sh:NodeConstraintComponent`
    Node,
    /// `sh:HasValueConstraintComponent`
    HasValue,
    /// `sh:MaxInclusiveConstraintComponent`
    MaxInclusive,
}

impl Component {
    /// The component's local name in the `sh:` namespace, e.g. `MinCountConstraintComponent`.
    pub fn local_name(self) -> &'static str {
        match self {
            Component::Class => "ClassConstraintComponent",
            Component::Datatype => "DatatypeConstraintComponent",
            Component::NodeKind => "NodeKindConstraintComponent",
            Component::MinCount => "MinCountConstraintComponent",
            Component::MaxCount => "MaxCountConstraintComponent",
            Component::Or => "OrConstraintComponent",
            Component::UniqueLang => "UniqueLangConstraintComponent",
            Component::Node => "NodeConstraintComponent",
            Component::HasValue => "HasValueConstraintComponent",
            Component::MaxInclusive => "MaxInclusiveConstraintComponent",
        }
    }

    /// The component's IRI, e.g. `http://www.w3.org/ns/shacl#MinCountConstraintComponent`.
    pub fn iri(self) -> String {
        format!("{SH}{}", self.local_name())
    }
}

/// The value of `sh:nodeKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// `sh:IRI`
    Iri,
    /// `sh:BlankNode`
    BlankNode,
    /// `sh:Literal`
    Literal,
    /// `sh:BlankNodeOrIRI`
    BlankNodeOrIri,
    /// `sh:BlankNodeOrLiteral`
    BlankNodeOrLiteral,
    /// `sh:IRIOrLiteral`
    IriOrLiteral,
}

impl NodeKind {
    /// Every node kind with its local name in the `sh:` namespace.
    pub const ALL: [(NodeKind, &'static str); 6] = [
        (NodeKind::Iri, "IRI"),
        (NodeKind::BlankNode, "BlankNode"),
        (NodeKind::Literal, "Literal"),
        (NodeKind::BlankNodeOrIri, "BlankNodeOrIRI"),
        (NodeKind::BlankNodeOrLiteral, "BlankNodeOrLiteral"),
        (NodeKind::IriOrLiteral, "IRIOrLiteral"),
    ];

    /// Whether `term` is of this kind.
    pub fn matches(self, term: TermRef<'_>) -> bool {
        let (iri, blank, literal) = match term {
            TermRef::NamedNode(_) => (true, false, false),
            TermRef::BlankNode(_) => (false, true, false),
            TermRef::Literal(_) => (false, false, true),
        };
        match self {
            NodeKind::Iri => iri,
            NodeKind::BlankNode => blank,
            NodeKind::Literal => literal,
            NodeKind::BlankNodeOrIri => blank || iri,
            NodeKind::BlankNodeOrLiteral => blank || literal,
            NodeKind::IriOrLiteral => iri || literal,
        }
    }
}

/// A constraint with its parameters, as written in the shapes (shape references by term).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// `sh:class`: every value is a SHACL instance of the class.
    Class(NamedNode),
    /// `sh:datatype`: every value is a literal of the datatype with a valid lexical form.
    Datatype(NamedNode),
    /// `sh:nodeKind`
    NodeKind(NodeKind),
    /// `sh:minCount`: at least this many values.
    MinCount(u64),
    /// `sh:maxCount`: at most this many values.
    MaxCount(u64),
    /// `sh:or`: every value conforms to at least one of the shapes.
    Or(Vec<Term>),
    /// `sh:uniqueLang true`: no two values share a language tag.
    UniqueLang,
    /// `sh:node`: every value conforms to the shape.
    Node(Term),
    /// `sh:hasValue`: one of the values is this term.
    HasValue(Term),
    /// `sh:maxInclusive`: every value is less than or equal to this literal.
    MaxInclusive(Literal),
}

impl Constraint {
    /// The constraint component this constraint belongs to.
    pub fn component(&self) -> Component {
        match self {
            Constraint::Class(_) => Component::Class,
            Constraint::Datatype(_) => Component::Datatype,
            Constraint::NodeKind(_) => Component::NodeKind,
            Constraint::MinCount(_) => Component::MinCount,
            Constraint::MaxCount(_) => Component::MaxCount,
            Constraint::Or(_) => Component::Or,
            Constraint::UniqueLang => Component::UniqueLang,
            Constraint::Node(_) => Component::Node,
            Constraint::HasValue(_) => Component::HasValue,
            Constraint::MaxInclusive(_) => Component::MaxInclusive,
        }
    }
}

/// `sh:severity` of a shape (default `sh:Violation`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Severity {
    /// `sh:Violation`
    Violation,
    /// `sh:Warning`
    Warning,
    /// `sh:Info`
    Info,
    /// Any other IRI (SHACL allows custom severities).
    Other(NamedNode),
}

impl Severity {
    fn from_iri(iri: NamedNodeRef<'_>) -> Self {
        match iri.as_str().strip_prefix(SH) {
            Some("Violation") => Severity::Violation,
            Some("Warning") => Severity::Warning,
            Some("Info") => Severity::Info,
            _ => Severity::Other(iri.into_owned()),
        }
    }

    /// The severity's IRI.
    pub fn iri(&self) -> String {
        match self {
            Severity::Violation => format!("{SH}Violation"),
            Severity::Warning => format!("{SH}Warning"),
            Severity::Info => format!("{SH}Info"),
            Severity::Other(iri) => iri.as_str().to_string(),
        }
    }
}

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResult {
    /// `sh:focusNode`
    pub focus_node: Term,
    /// `sh:resultPath`: the property shape's path (a predicate), none for a node shape.
    pub path: Option<NamedNode>,
    /// `sh:value`: the offending value, when the component reports one.
    pub value: Option<Term>,
    /// The constraint that failed, with its parameters.
    pub constraint: Constraint,
    /// `sh:sourceShape`
    pub source_shape: Term,
    /// The source shape's `sh:severity`.
    pub severity: Severity,
    /// The source shape's `sh:message` values.
    pub messages: Vec<Literal>,
    /// The source shape's `sh:name` values.
    pub names: Vec<Literal>,
    /// The source shape's `sh:description` values.
    pub descriptions: Vec<Literal>,
    /// `sh:detail`: for a value that does not conform to an `sh:node` shape, the results
    /// of that shape on it (why it does not conform); empty for other components.
    pub details: Vec<ValidationResult>,
}

impl ValidationResult {
    /// `sh:sourceConstraintComponent`
    pub fn component(&self) -> Component {
        self.constraint.component()
    }
}

impl fmt::Display for ValidationResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.focus_node)?;
        if let Some(path) = &self.path {
            write!(f, "{path} ")?;
        }
        write!(f, "{}", self.component().local_name())?;
        if let Some(value) = &self.value {
            write!(f, " (value {value})")?;
        }
        write!(f, " [{}]", self.source_shape)
    }
}

/// A validation report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// True when there is no result (of any severity).
    pub conforms: bool,
    /// The results, ordered by focus node, path, component, source shape and value.
    pub results: Vec<ValidationResult>,
}

/// Shapes compiled for validation. Immutable once loaded; `Send + Sync`, so one load can
/// serve many threads. [`Shapes::to_compiled`] keeps them as bytes that
/// [`Shapes::from_compiled`] reads back without the documents.
#[derive(Debug)]
pub struct Shapes {
    shapes: Vec<load::Shape>,
    /// Target class -> the shapes targeting it (`sh:targetClass`).
    by_target_class: std::collections::HashMap<String, Vec<usize>>,
}

impl Shapes {
    /// Number of shapes (node and property shapes, named or blank).
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// True when no shape was loaded.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

#[cfg(test)]
mod tests;
