//! JSON-LD to RDF in one pass (the Expansion and Deserialize JSON-LD to RDF algorithms of
//! JSON-LD 1.1 fused) over contexts from the [`Cache`]. Node objects, value objects,
//! language maps, type coercion, type- and property-scoped contexts; any other keyword
//! or container is [`Unsupported`].

use std::collections::HashMap;
use std::sync::Arc;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{
    BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term as RdfTerm, Triple,
};
use serde_json::{Map, Number, Value};

use super::context::{is_absolute_iri, Active, Apply, Cache, Coercion, Fetch, Term};
use super::Unsupported;
use crate::DataGraph;

/// Converts a JSON-LD document to its graph; blank nodes are `b0`, `b1`, ... in the order
/// they are met.
pub(super) fn to_graph(
    cache: &Cache,
    fetch: Fetch<'_>,
    document: &Value,
) -> Result<DataGraph, Unsupported> {
    let mut walk = Walk {
        cache,
        fetch,
        triples: Vec::new(),
        labels: HashMap::new(),
        blanks: 0,
    };
    let mut top = Vec::new();
    walk.values(&cache.empty(), None, document, &mut top)?;
    Ok(DataGraph::new(walk.triples))
}

struct Walk<'a> {
    cache: &'a Cache,
    fetch: Fetch<'a>,
    triples: Vec<Triple>,
    /// The document's blank node labels (`_:x`) and ours.
    labels: HashMap<String, BlankNode>,
    blanks: usize,
}

const SCOPED_BY_PROPERTY: Apply = Apply {
    propagate: true,
    override_protected: true,
};

const SCOPED_BY_TYPE: Apply = Apply {
    propagate: false,
    override_protected: false,
};

impl Walk<'_> {
    fn fresh_blank(&mut self) -> BlankNode {
        let b = BlankNode::new_unchecked(format!("b{}", self.blanks));
        self.blanks += 1;
        b
    }

    fn labelled_blank(&mut self, label: &str) -> BlankNode {
        if let Some(b) = self.labels.get(label) {
            return b.clone();
        }
        let b = self.fresh_blank();
        self.labels.insert(label.to_string(), b.clone());
        b
    }

    /// A node IRI (`@id`, or a value coerced to `@id`/`@vocab`) as an RDF term.
    fn node(&mut self, iri: Option<String>) -> Result<NamedOrBlankNode, Unsupported> {
        match iri {
            Some(label) if label.starts_with("_:") => Ok(self.labelled_blank(&label[2..]).into()),
            Some(iri) if is_absolute_iri(&iri) => Ok(named(&iri)?.into()),
            _ => Err(Unsupported::new("an @id that is not an absolute IRI")),
        }
    }

    /// The RDF terms of `value` as the value of `property` (a key of the node object
    /// being read; `None` at the top of the document), appended to `out`.
    fn values(
        &mut self,
        active: &Arc<Active>,
        property: Option<&str>,
        value: &Value,
        out: &mut Vec<RdfTerm>,
    ) -> Result<(), Unsupported> {
        let term = property.and_then(|p| active.term(p)).cloned();
        if term.as_ref().is_some_and(|t| t.graph_container) && !value.is_null() {
            return Err(Unsupported::new("a value of a @graph container"));
        }
        match value {
            Value::Null => Ok(()),
            Value::Array(items) => {
                for item in items {
                    self.values(active, property, item, out)?;
                }
                Ok(())
            }
            Value::Object(map) if term.as_ref().is_some_and(|t| t.language_map) => {
                language_map(active, map, out)
            }
            Value::Object(map) => {
                out.extend(self.object(active, term.as_deref(), map)?);
                Ok(())
            }
            scalar => {
                // a property-scoped context applies to the value, and may redefine the term
                let (active, term) = match term.as_ref().and_then(|t| t.context.as_ref()) {
                    Some(scoped) => {
                        let scoped = self.cache.apply_scoped(
                            active,
                            scoped,
                            SCOPED_BY_PROPERTY,
                            self.fetch,
                        )?;
                        let term = property.and_then(|p| scoped.term(p)).cloned();
                        (scoped, term)
                    }
                    None => (Arc::clone(active), term),
                };
                out.push(self.scalar(&active, term.as_deref(), scalar)?);
                Ok(())
            }
        }
    }

    /// Value Expansion of a string, number or boolean, to RDF.
    fn scalar(
        &mut self,
        active: &Active,
        term: Option<&Term>,
        value: &Value,
    ) -> Result<RdfTerm, Unsupported> {
        let coercion = term.map_or(&Coercion::None, |t| &t.coercion);
        if let Value::String(s) = value {
            match coercion {
                Coercion::Id => return Ok(self.node(active.expand_iri(s, false))?.into()),
                Coercion::Vocab => return Ok(self.node(active.expand_iri(s, true))?.into()),
                _ => {}
            }
        }
        let datatype = match coercion {
            Coercion::Datatype(d) => Some(d.as_ref()),
            _ => None,
        };
        let language = match term.and_then(|t| t.language.as_ref()) {
            Some(set) => set.as_deref(),
            None => active.language(),
        };
        literal(value, datatype, language).map(RdfTerm::from)
    }

    /// A node object or a value object (steps 7 to 13 of the Expansion algorithm), to RDF:
    /// the node's triples are added; its term is returned (`None` for a null value).
    fn object(
        &mut self,
        active: &Arc<Active>,
        property_term: Option<&Term>,
        map: &Map<String, Value>,
    ) -> Result<Option<RdfTerm>, Unsupported> {
        let expands_to = |active: &Active, key: &str, keyword: &str| {
            active.expand_iri(key, true).as_deref() == Some(keyword)
        };
        let mut active = Arc::clone(active);
        // a type-scoped context does not reach into a new node object
        if let Some(previous) = &active.previous {
            let value_like = map.keys().any(|k| expands_to(&active, k, "@value"))
                || (map.len() == 1 && map.keys().all(|k| expands_to(&active, k, "@id")));
            if !value_like {
                active = Arc::clone(previous);
            }
        }
        if let Some(scoped) = property_term.and_then(|t| t.context.as_ref()) {
            active = self
                .cache
                .apply_scoped(&active, scoped, SCOPED_BY_PROPERTY, self.fetch)?;
        }
        if let Some(local) = map.get("@context") {
            active = self.cache.apply_local(&active, local, self.fetch)?;
        }
        let type_scoped = Arc::clone(&active);
        let mut type_keys: Vec<&String> = map
            .keys()
            .filter(|k| expands_to(&type_scoped, k, "@type"))
            .collect();
        type_keys.sort();
        for key in type_keys {
            let mut names = strings(&map[key])?;
            names.sort();
            for name in names {
                if let Some(scoped) = type_scoped.term(name).and_then(|t| t.context.clone()) {
                    active =
                        self.cache
                            .apply_scoped(&active, &scoped, SCOPED_BY_TYPE, self.fetch)?;
                }
            }
        }
        let mut id = None;
        let mut types = Vec::new();
        let mut value = None;
        let mut language = None;
        let mut properties = Vec::new();
        for (key, entry) in map {
            if key == "@context" {
                continue;
            }
            let Some(expanded) = active.expand_iri(key, true) else {
                continue;
            };
            match expanded.as_str() {
                "@id" => match entry {
                    Value::String(s) => id = Some(active.expand_iri(s, false)),
                    _ => return Err(Unsupported::new("an @id that is not a string")),
                },
                "@type" => {
                    for name in strings(entry)? {
                        types.push(match type_scoped.term(name).and_then(|t| t.node.clone()) {
                            Some(node) => Some(node.into_string()),
                            None => type_scoped.expand_iri(name, true),
                        });
                    }
                }
                "@value" => value = Some(entry),
                "@language" => match entry {
                    Value::String(l) => language = Some(l.as_str()),
                    _ => return Err(Unsupported::new("an @language that is not a string")),
                },
                k if k.starts_with('@') => {
                    return Err(Unsupported::new(format!("the keyword {k}")));
                }
                // a relative IRI or a blank node as predicate: no triple
                iri if !is_absolute_iri(iri) => {}
                _ => properties.push((key.as_str(), expanded, entry)),
            }
        }
        if let Some(value) = value {
            if id.is_some() || !properties.is_empty() || types.len() > 1 {
                return Err(Unsupported::new("a value object with other entries"));
            }
            let datatype = match types.pop() {
                Some(Some(t)) if is_absolute_iri(&t) => Some(named(&t)?),
                Some(_) => return Err(Unsupported::new("a value type that is not an IRI")),
                None => None,
            };
            if datatype.is_some() && language.is_some() {
                return Err(Unsupported::new("a value with both @type and @language"));
            }
            return match value {
                Value::Null => Ok(None),
                Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                    literal(value, datatype.as_ref().map(NamedNode::as_ref), language)
                        .map(|l| Some(l.into()))
                }
                _ => Err(Unsupported::new("an @value that is not a scalar")),
            };
        }
        if language.is_some() {
            return Err(Unsupported::new("@language on a node object"));
        }
        let subject = match id {
            Some(iri) => self.node(iri)?,
            None => self.fresh_blank().into(),
        };
        // a type that is no absolute IRI (a word no context defines) gives no triple
        for name in types.into_iter().flatten().filter(|t| is_absolute_iri(t)) {
            self.triples
                .push(Triple::new(subject.clone(), rdf::TYPE, named(&name)?));
        }
        let mut objects = Vec::new();
        for (key, iri, entry) in properties {
            let predicate = match active.term(key).and_then(|t| t.node.clone()) {
                Some(node) => node,
                None => named(&iri)?,
            };
            objects.clear();
            self.values(&active, Some(key), entry, &mut objects)?;
            for object in objects.drain(..) {
                self.triples
                    .push(Triple::new(subject.clone(), predicate.clone(), object));
            }
        }
        Ok(Some(subject.into()))
    }
}

/// A `@container: @language` map's literals.
fn language_map(
    active: &Active,
    map: &Map<String, Value>,
    out: &mut Vec<RdfTerm>,
) -> Result<(), Unsupported> {
    for (key, entry) in map {
        let language = match active.expand_iri(key, true).as_deref() {
            Some("@none") => None,
            _ => Some(key.as_str()),
        };
        let items: &[Value] = match entry {
            Value::Array(items) => items,
            one => std::slice::from_ref(one),
        };
        for item in items {
            match item {
                Value::Null => {}
                Value::String(_) => out.push(literal(item, None, language)?.into()),
                _ => {
                    return Err(Unsupported::new(
                        "a language map value that is not a string",
                    ))
                }
            }
        }
    }
    Ok(())
}

/// A string or an array of strings.
fn strings(value: &Value) -> Result<Vec<&str>, Unsupported> {
    let items: &[Value] = match value {
        Value::Array(items) => items,
        one => std::slice::from_ref(one),
    };
    items
        .iter()
        .map(|i| {
            i.as_str()
                .ok_or_else(|| Unsupported::new("an @type that is not a string"))
        })
        .collect()
}

fn named(iri: &str) -> Result<NamedNode, Unsupported> {
    NamedNode::new(iri).map_err(|_| Unsupported::new(format!("the IRI <{iri}>")))
}

/// The literal of a JSON scalar (Object to RDF Conversion, JSON-LD 1.1 API 8.6).
fn literal(
    value: &Value,
    datatype: Option<NamedNodeRef<'_>>,
    language: Option<&str>,
) -> Result<Literal, Unsupported> {
    let typed = |lexical: String, default: NamedNodeRef<'_>| {
        Ok(Literal::new_typed_literal(
            lexical,
            datatype.unwrap_or(default),
        ))
    };
    if language.is_some() && !value.is_string() {
        return Err(Unsupported::new(
            "a language on a value that is not a string",
        ));
    }
    match value {
        Value::String(s) => match (datatype, language) {
            (Some(_), _) => typed(s.clone(), xsd::STRING),
            (None, Some(language)) => Literal::new_language_tagged_literal(s.clone(), language)
                .map_err(|_| Unsupported::new(format!("the language tag {language}"))),
            (None, None) => Ok(Literal::new_simple_literal(s.clone())),
        },
        Value::Bool(b) => typed(b.to_string(), xsd::BOOLEAN),
        Value::Number(n) if datatype != Some(xsd::DOUBLE) => typed(integer(n)?, xsd::INTEGER),
        _ => Err(Unsupported::new("a literal of this kind")),
    }
}

/// The canonical integer form of a JSON number without a fractional part; other numbers
/// (written as `xsd:double`) are not read here.
fn integer(n: &Number) -> Result<String, Unsupported> {
    if let Some(i) = n.as_i64() {
        return Ok(i.to_string());
    }
    if let Some(u) = n.as_u64() {
        return Ok(u.to_string());
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok((f as i64).to_string()),
        _ => Err(Unsupported::new("a number with a fractional part")),
    }
}
