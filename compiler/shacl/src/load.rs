//! Reading shapes documents and compiling them into [`Shapes`].

use std::collections::HashMap;
use std::fmt;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef};
use oxrdfxml::RdfXmlParser;
use oxttl::TurtleParser;

use crate::blank::Relabel;
use crate::{Component, Constraint, NodeKind, Severity, Shapes, SH, SUPPORTED};

/// `sh:` properties that are part of SHACL but validate nothing themselves: targets,
/// structure and the shape's texts.
const STRUCTURE: &[&str] = &[
    "targetClass",
    "property",
    "path",
    "deactivated",
    "severity",
    "message",
    "name",
    "description",
    "order",
];

/// Terms in the `sh:` namespace that are not SHACL at all (typos in the EDC shapes):
/// SHACL defines no such term, so they mean nothing and SHACL processors (pyshacl
/// included) ignore them. They are ignored here too, by name, so that any *other* unknown
/// `sh:` term is still refused.
pub(crate) const NOT_SHACL: &[&str] = &[
    // `sh:nodekind sh:IRI` for `sh:nodeKind` (EDC Person-elm_citizenshipCountry).
    "nodekind",
    // `a sh:propertyShape` for `sh:PropertyShape` (EDC EuropeanDigitalPresentation-cred_proof,
    // ap-1.1.0; a shape anyway, through `sh:property`).
    "propertyShape",
];

/// Classes of the `sh:` namespace a shapes document may declare its shapes with.
const SHAPE_CLASSES: &[&str] = &["NodeShape", "PropertyShape"];

/// The syntax of a shapes document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Turtle
    Turtle,
    /// RDF/XML
    RdfXml,
}

/// One shapes document as given to [`Shapes::load`].
#[derive(Debug, Clone, Copy)]
pub struct ShapesDocument<'a> {
    /// A name for messages (e.g. the file name).
    pub name: &'a str,
    /// Its syntax.
    pub format: Format,
    /// Its text.
    pub text: &'a str,
}

/// Why shapes could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A document is not valid Turtle / RDF/XML.
    Syntax {
        /// The document's name.
        document: String,
        /// The parser's message.
        message: String,
    },
    /// A document `owl:imports` an ontology that no given document declares.
    MissingImport {
        /// The document holding the `owl:imports`.
        document: String,
        /// The imported IRI.
        import: String,
    },
    /// A SHACL term this engine does not implement (a constraint component, target, path
    /// kind, ...): refused rather than silently passed.
    Unsupported {
        /// The subject using it.
        shape: String,
        /// The term, e.g. `http://www.w3.org/ns/shacl#pattern`.
        term: String,
    },
    /// A supported term with an unusable value (`sh:minCount "x"`, a broken list, ...).
    Invalid {
        /// The shape.
        shape: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax { document, message } => write!(f, "{document}: {message}"),
            LoadError::MissingImport { document, import } => write!(
                f,
                "{document} imports <{import}>, which is none of the given shapes documents"
            ),
            LoadError::Unsupported { shape, term } => {
                write!(
                    f,
                    "{shape} uses <{term}>, which this SHACL engine does not support"
                )
            }
            LoadError::Invalid { shape, message } => write!(f, "{shape}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A compiled shape.
#[derive(Debug)]
pub(crate) struct Shape {
    pub(crate) id: Term,
    /// The predicate of a property shape; none for a node shape.
    pub(crate) path: Option<NamedNode>,
    pub(crate) deactivated: bool,
    pub(crate) severity: Severity,
    pub(crate) messages: Vec<Literal>,
    pub(crate) names: Vec<Literal>,
    pub(crate) descriptions: Vec<Literal>,
    pub(crate) checks: Vec<Check>,
    /// `sh:property`, resolved.
    pub(crate) properties: Vec<usize>,
}

/// A constraint with shape references resolved to indices.
#[derive(Debug)]
pub(crate) enum Check {
    Class(NamedNode),
    Datatype(NamedNode),
    NodeKind(NodeKind),
    MinCount(u64),
    MaxCount(u64),
    Or(Vec<usize>),
    UniqueLang,
    Node(usize),
    HasValue(Term),
    MaxInclusive(Literal),
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

const OWL_ONTOLOGY: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#Ontology");
const OWL_IMPORTS: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#imports");

/// What a document says of ontologies: the ones it declares and the ones it imports.
#[derive(Default)]
struct Ontologies {
    declared: Vec<Term>,
    imported: Vec<Term>,
}

/// Adds the triples of `doc` (the `n`-th document) to `into`, its blank nodes labelled
/// `s<n>_0`, `s<n>_1`, ...
fn parse(doc: &ShapesDocument<'_>, n: usize, into: &mut Graph) -> Result<Ontologies, LoadError> {
    let syntax = |message: String| LoadError::Syntax {
        document: doc.name.to_string(),
        message,
    };
    let mut relabel = Relabel::new(format!("s{n}_"));
    let mut ontologies = Ontologies::default();
    let triples: Box<dyn Iterator<Item = Result<oxrdf::Triple, String>>> = match doc.format {
        Format::Turtle => Box::new(
            TurtleParser::new()
                .for_slice(doc.text)
                .map(|t| t.map_err(|e| e.to_string())),
        ),
        Format::RdfXml => Box::new(
            RdfXmlParser::new()
                .for_slice(doc.text)
                .map(|t| t.map_err(|e| e.to_string())),
        ),
    };
    for triple in triples {
        let triple = relabel.triple(triple.map_err(syntax)?);
        if triple.predicate == OWL_IMPORTS {
            ontologies.imported.push(triple.object.clone());
        } else if triple.predicate == rdf::TYPE && triple.object == OWL_ONTOLOGY.into() {
            ontologies.declared.push(triple.subject.clone().into());
        }
        into.insert(&triple);
    }
    Ok(ontologies)
}

/// Every given document's `owl:imports` names an ontology one of them declares.
fn check_imports(docs: &[ShapesDocument<'_>], found: &[Ontologies]) -> Result<(), LoadError> {
    let declared: Vec<&Term> = found.iter().flat_map(|o| &o.declared).collect();
    for (doc, ontologies) in docs.iter().zip(found) {
        for import in &ontologies.imported {
            if !(import.is_named_node() && declared.contains(&import)) {
                return Err(LoadError::MissingImport {
                    document: doc.name.to_string(),
                    import: match import {
                        Term::NamedNode(iri) => iri.as_str().to_string(),
                        other => other.to_string(),
                    },
                });
            }
        }
    }
    Ok(())
}

/// The union of the documents' triples, with the blank node labels the results of
/// [`Shapes::load`] name shapes by; each `owl:imports` must name an ontology one of them
/// declares.
pub fn shapes_graph(documents: &[ShapesDocument<'_>]) -> Result<Graph, LoadError> {
    let mut graph = Graph::new();
    let mut found = Vec::with_capacity(documents.len());
    for (n, doc) in documents.iter().enumerate() {
        found.push(parse(doc, n, &mut graph)?);
    }
    check_imports(documents, &found)?;
    Ok(graph)
}

/// The first shape found that reaches itself through `sh:property` (checking it would
/// never end), if any.
pub(crate) fn properties_acyclic(shapes: &[Shape]) -> Result<(), &Shape> {
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; shapes.len()];
    for start in 0..shapes.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((i, next)) = stack.pop() {
            match shapes[i].properties.get(next) {
                Some(&p) => {
                    stack.push((i, next + 1));
                    match state.get(p) {
                        Some(0) => {
                            state[p] = 1;
                            stack.push((p, 0));
                        }
                        Some(1) => return Err(&shapes[p]),
                        _ => {}
                    }
                }
                None => state[i] = 2,
            }
        }
    }
    Ok(())
}

fn local(iri: NamedNodeRef<'_>) -> Option<&str> {
    iri.as_str().strip_prefix(SH)
}

/// Every `sh:` term used as a property or as a class is known (or a known non-SHACL typo).
fn check_vocabulary(graph: &Graph) -> Result<(), LoadError> {
    for t in graph {
        if let Some(name) = local(t.predicate) {
            let known = SUPPORTED.iter().any(|(_, p)| *p == name)
                || STRUCTURE.contains(&name)
                || NOT_SHACL.contains(&name);
            if !known {
                return Err(LoadError::Unsupported {
                    shape: t.subject.to_string(),
                    term: t.predicate.as_str().to_string(),
                });
            }
        }
        if t.predicate == rdf::TYPE {
            if let TermRef::NamedNode(class) = t.object {
                if let Some(name) = local(class) {
                    if !SHAPE_CLASSES.contains(&name) && !NOT_SHACL.contains(&name) {
                        return Err(LoadError::Unsupported {
                            shape: t.subject.to_string(),
                            term: class.as_str().to_string(),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// The members of an RDF list.
fn list<'a>(
    graph: &'a Graph,
    head: TermRef<'a>,
    shape: &str,
) -> Result<Vec<TermRef<'a>>, LoadError> {
    let invalid = || LoadError::Invalid {
        shape: shape.to_string(),
        message: "sh:or is not a well-formed RDF list".to_string(),
    };
    let mut out = Vec::new();
    let mut node = head;
    while node != rdf::NIL.into() {
        let subject = match node {
            TermRef::NamedNode(n) => NamedOrBlankNodeRef::from(n),
            TermRef::BlankNode(b) => b.into(),
            TermRef::Literal(_) => return Err(invalid()),
        };
        let first = graph
            .object_for_subject_predicate(subject, rdf::FIRST)
            .ok_or_else(invalid)?;
        out.push(first);
        node = graph
            .object_for_subject_predicate(subject, rdf::REST)
            .ok_or_else(invalid)?;
        if out.len() > graph.len() {
            return Err(invalid());
        }
    }
    Ok(out)
}

fn subject(term: TermRef<'_>) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(n) => Some(n.into()),
        TermRef::BlankNode(b) => Some(b.into()),
        TermRef::Literal(_) => None,
    }
}

/// Shape nodes, in a deterministic order, and their indices.
struct Index<'a> {
    order: Vec<TermRef<'a>>,
    of: HashMap<TermRef<'a>, usize>,
}

impl<'a> Index<'a> {
    fn add(&mut self, t: TermRef<'a>) {
        if !self.of.contains_key(&t) {
            self.of.insert(t, self.order.len());
            self.order.push(t);
        }
    }
}

/// The shapes of the graph (SHACL 1.0 section 2.1): instances of the shape classes,
/// subjects of targets, and values of shape-expecting parameters.
fn find_shapes(graph: &Graph) -> Result<Index<'_>, LoadError> {
    let mut index = Index {
        order: Vec::new(),
        of: HashMap::new(),
    };
    let mut candidates: Vec<TermRef<'_>> = Vec::new();
    for class in SHAPE_CLASSES {
        let class = sh(class);
        candidates.extend(
            graph
                .subjects_for_predicate_object(rdf::TYPE, &class)
                .map(TermRef::from),
        );
    }
    candidates.extend(
        graph
            .triples_for_predicate(&sh("targetClass"))
            .map(|t| TermRef::from(t.subject)),
    );
    for p in ["property", "node"] {
        candidates.extend(graph.triples_for_predicate(&sh(p)).map(|t| t.object));
    }
    for t in graph.triples_for_predicate(&sh("or")) {
        candidates.extend(list(graph, t.object, &t.subject.to_string())?);
    }
    // Named shapes first, by IRI, then blank ones by label: independent of parse order.
    candidates.sort_by_cached_key(|t| (t.is_blank_node(), t.to_string()));
    for t in candidates {
        if subject(t).is_none() {
            return Err(LoadError::Invalid {
                shape: t.to_string(),
                message: "a literal cannot be a shape".to_string(),
            });
        }
        index.add(t);
    }
    Ok(index)
}

fn one<'a>(
    graph: &'a Graph,
    s: NamedOrBlankNodeRef<'a>,
    p: &NamedNode,
) -> Result<Option<TermRef<'a>>, LoadError> {
    let mut values = graph.objects_for_subject_predicate(s, p);
    let first = values.next();
    if values.next().is_some() {
        return Err(LoadError::Invalid {
            shape: s.to_string(),
            message: format!("more than one value for {p}"),
        });
    }
    Ok(first)
}

fn compile_shape(graph: &Graph, index: &Index<'_>, node: TermRef<'_>) -> Result<Shape, LoadError> {
    let s = subject(node).ok_or_else(|| LoadError::Invalid {
        shape: node.to_string(),
        message: "a literal cannot be a shape".to_string(),
    })?;
    let name = s.to_string();
    let invalid = |message: String| LoadError::Invalid {
        shape: name.clone(),
        message,
    };
    let shape_of = |t: TermRef<'_>| {
        index
            .of
            .get(&t)
            .copied()
            .ok_or_else(|| invalid(format!("{t} is not a shape")))
    };
    let iri = |t: TermRef<'_>, what: &str| match t {
        TermRef::NamedNode(n) => Ok(n.into_owned()),
        other => Err(invalid(format!("{what} must be an IRI, not {other}"))),
    };
    let count = |t: TermRef<'_>, what: &str| match t {
        TermRef::Literal(l) if l.datatype() == xsd::INTEGER => l
            .value()
            .parse::<u64>()
            .map_err(|_| invalid(format!("{what} must be a non-negative integer, not {l}"))),
        other => Err(invalid(format!(
            "{what} must be an xsd:integer, not {other}"
        ))),
    };
    let boolean = |t: TermRef<'_>, what: &str| match t {
        TermRef::Literal(l) if l.datatype() == xsd::BOOLEAN => match l.value() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(invalid(format!("{what} must be a boolean, not {l}"))),
        },
        other => Err(invalid(format!(
            "{what} must be an xsd:boolean, not {other}"
        ))),
    };
    let texts = |p: &str| -> Vec<Literal> {
        let mut v: Vec<Literal> = graph
            .objects_for_subject_predicate(s, &sh(p))
            .filter_map(|t| match t {
                TermRef::Literal(l) => Some(l.into_owned()),
                _ => None,
            })
            .collect();
        v.sort_by_cached_key(|l| l.to_string());
        v
    };

    let path = match one(graph, s, &sh("path"))? {
        None => None,
        Some(TermRef::NamedNode(p)) => Some(p.into_owned()),
        // Inverse, sequence, alternative and repetition paths are not implemented; their
        // sh: terms are refused by check_vocabulary, a sequence path (a list) here.
        Some(other) => {
            return Err(LoadError::Unsupported {
                shape: name.clone(),
                term: format!("the path {other} (only predicate paths are supported)"),
            })
        }
    };
    let deactivated = match one(graph, s, &sh("deactivated"))? {
        Some(t) => boolean(t, "sh:deactivated")?,
        None => false,
    };
    let severity = match one(graph, s, &sh("severity"))? {
        Some(t) => Severity::from_iri(iri(t, "sh:severity")?.as_ref()),
        None => Severity::Violation,
    };

    let mut checks = Vec::new();
    for (component, param) in SUPPORTED {
        let mut values: Vec<TermRef<'_>> =
            graph.objects_for_subject_predicate(s, &sh(param)).collect();
        values.sort_by_cached_key(|t| t.to_string());
        for v in values {
            let check = match component {
                Component::Class => Check::Class(iri(v, "sh:class")?),
                Component::Datatype => Check::Datatype(iri(v, "sh:datatype")?),
                Component::NodeKind => {
                    let kind = iri(v, "sh:nodeKind")?;
                    let kind = NodeKind::ALL
                        .iter()
                        .find(|(_, n)| local(kind.as_ref()) == Some(n))
                        .map(|(k, _)| *k)
                        .ok_or_else(|| invalid(format!("unknown sh:nodeKind {kind}")))?;
                    Check::NodeKind(kind)
                }
                Component::MinCount => Check::MinCount(count(v, "sh:minCount")?),
                Component::MaxCount => Check::MaxCount(count(v, "sh:maxCount")?),
                Component::Or => Check::Or(
                    list(graph, v, &name)?
                        .into_iter()
                        .map(shape_of)
                        .collect::<Result<_, _>>()?,
                ),
                Component::UniqueLang => {
                    if !boolean(v, "sh:uniqueLang")? {
                        continue;
                    }
                    if path.is_none() {
                        return Err(invalid("sh:uniqueLang needs a property shape".into()));
                    }
                    Check::UniqueLang
                }
                Component::Node => Check::Node(shape_of(v)?),
                Component::HasValue => Check::HasValue(v.into_owned()),
                Component::MaxInclusive => match v {
                    TermRef::Literal(l) => Check::MaxInclusive(l.into_owned()),
                    other => {
                        return Err(invalid(format!(
                            "sh:maxInclusive must be a literal, not {other}"
                        )))
                    }
                },
            };
            checks.push(check);
        }
    }
    let mut properties: Vec<usize> = graph
        .objects_for_subject_predicate(s, &sh("property"))
        .map(shape_of)
        .collect::<Result<_, _>>()?;
    properties.sort_unstable();

    Ok(Shape {
        id: node.into_owned(),
        path,
        deactivated,
        severity,
        messages: texts("message"),
        names: texts("name"),
        descriptions: texts("description"),
        checks,
        properties,
    })
}

impl Shapes {
    /// Reads and compiles shapes documents. Every document given is loaded; each
    /// `owl:imports` must name an ontology declared by one of them (nothing is fetched).
    pub fn load(documents: &[ShapesDocument<'_>]) -> Result<Shapes, LoadError> {
        let graph = shapes_graph(documents)?;
        check_vocabulary(&graph)?;
        let index = find_shapes(&graph)?;
        let shapes = index
            .order
            .iter()
            .map(|&node| compile_shape(&graph, &index, node))
            .collect::<Result<Vec<_>, _>>()?;
        let mut by_target_class: HashMap<String, Vec<usize>> = HashMap::new();
        let target = sh("targetClass");
        for (i, &node) in index.order.iter().enumerate() {
            let Some(s) = subject(node) else { continue };
            for class in graph.objects_for_subject_predicate(s, &target) {
                match class {
                    TermRef::NamedNode(c) => by_target_class
                        .entry(c.as_str().to_string())
                        .or_default()
                        .push(i),
                    other => {
                        return Err(LoadError::Invalid {
                            shape: s.to_string(),
                            message: format!("sh:targetClass must be an IRI, not {other}"),
                        })
                    }
                }
            }
        }
        if let Err(shape) = properties_acyclic(&shapes) {
            return Err(LoadError::Invalid {
                shape: shape.id.to_string(),
                message: "the shape is its own sh:property (directly or through others)".into(),
            });
        }
        Ok(Shapes {
            shapes,
            by_target_class,
        })
    }

    /// The public form of a compiled check.
    pub(crate) fn constraint(&self, check: &Check) -> Constraint {
        match check {
            Check::Class(c) => Constraint::Class(c.clone()),
            Check::Datatype(d) => Constraint::Datatype(d.clone()),
            Check::NodeKind(k) => Constraint::NodeKind(*k),
            Check::MinCount(n) => Constraint::MinCount(*n),
            Check::MaxCount(n) => Constraint::MaxCount(*n),
            Check::Or(list) => {
                Constraint::Or(list.iter().map(|&i| self.shapes[i].id.clone()).collect())
            }
            Check::UniqueLang => Constraint::UniqueLang,
            Check::Node(i) => Constraint::Node(self.shapes[*i].id.clone()),
            Check::HasValue(t) => Constraint::HasValue(t.clone()),
            Check::MaxInclusive(l) => Constraint::MaxInclusive(l.clone()),
        }
    }
}
