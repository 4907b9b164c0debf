//! Walking a credential's JSON: each node's properties are taken as they are imported,
//! and what is left is reported (and written as a comment where it would go), so that
//! nothing is lost silently.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::text::Block;
use crate::check::LangText;

/// What the import says of one property of an input file: that Laurel's source cannot say
/// it, or that it is imported by its IRI alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The JSON path of the value in the credential (`$.credentialSubject.hasClaim...`).
    pub path: String,
    /// The ELM property (the JSON key).
    pub property: String,
    /// Why it is not imported, or how it is.
    pub why: String,
}

/// The state of one file's walk: the nodes by id (a value may name a node given in full
/// elsewhere), what was imported and what was not.
#[derive(Debug, Default)]
pub struct Walk<'d> {
    nodes: HashMap<&'d str, &'d Map<String, Value>>,
    /// Properties imported.
    pub imported: usize,
    /// Properties not expressible in Laurel.
    pub unexpressed: Vec<Finding>,
    /// Values of no bundled list, imported as their IRI.
    pub kept_as_iri: Vec<Finding>,
}

/// Why a property is left out when no reader took it.
pub const NO_FIELD: &str = "Laurel has no field for it";

impl<'d> Walk<'d> {
    /// A walk over `root`, with every node that has an `id` and more than a reference's
    /// members indexed.
    pub fn new(root: &'d Value) -> Walk<'d> {
        let mut walk = Walk::default();
        walk.index(root);
        walk
    }

    fn index(&mut self, value: &'d Value) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(id)) = map.get("id") {
                    if map.len() > 2 || !map.contains_key("type") && map.len() > 1 {
                        self.nodes.entry(id.as_str()).or_insert(map);
                    }
                }
                map.values().for_each(|v| self.index(v));
            }
            Value::Array(items) => items.iter().for_each(|v| self.index(v)),
            _ => {}
        }
    }

    /// Notes a value of no bundled list imported as its IRI (a warning).
    pub fn kept_as_iri(&mut self, path: &str, property: &str, why: &str) {
        self.kept_as_iri.push(Finding {
            path: path.to_string(),
            property: property.to_string(),
            why: why.to_string(),
        });
    }

    /// Notes a property that could not be imported.
    pub fn unexpressed(&mut self, path: &str, property: &str, why: &str) {
        self.unexpressed.push(Finding {
            path: path.to_string(),
            property: property.to_string(),
            why: why.to_string(),
        });
    }
}

/// A JSON object being imported.
#[derive(Debug)]
pub struct Node<'d> {
    /// Its members.
    pub map: &'d Map<String, Value>,
    /// Its JSON path.
    pub path: String,
    taken: Vec<&'d str>,
}

impl<'d> Node<'d> {
    /// The node of the object at `path`.
    pub fn new(map: &'d Map<String, Value>, path: String) -> Node<'d> {
        Node {
            map,
            path,
            taken: Vec::new(),
        }
    }

    /// Its `id`, when it has one.
    pub fn id(&self) -> Option<&'d str> {
        self.map.get("id").and_then(Value::as_str)
    }

    /// True when its `type` is (or lists) `name`.
    pub fn is_a(&self, name: &str) -> bool {
        match self.map.get("type") {
            Some(Value::String(t)) => t == name,
            Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(name)),
            _ => false,
        }
    }

    /// Reports its `type` when it is not `name`, the class Laurel writes in its place.
    pub fn expect_type(&self, walk: &mut Walk<'d>, name: &str) {
        if self.has("type") && !self.is_a(name) {
            walk.unexpressed(
                &format!("{}.type", self.path),
                "type",
                &format!("Laurel writes a {name} here"),
            );
        }
    }

    /// True when it has the member `key`.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The value of `key`, taken (counted as imported).
    pub fn take(&mut self, walk: &mut Walk<'d>, key: &str) -> Option<&'d Value> {
        let (k, v) = self.map.get_key_value(key)?;
        if !self.taken.contains(&k.as_str()) {
            self.taken.push(k.as_str());
            walk.imported += 1;
        }
        Some(v)
    }

    /// Takes `key` without counting it: a value Laurel writes again by itself (a concept's
    /// labels, the profile, the page images).
    pub fn regenerated(&mut self, key: &str) -> Option<&'d Value> {
        let (k, v) = self.map.get_key_value(key)?;
        if !self.taken.contains(&k.as_str()) {
            self.taken.push(k.as_str());
        }
        Some(v)
    }

    /// Marks `key` as not expressible, for the reason `why`, in the report and as a
    /// comment in `block`.
    pub fn cannot(&mut self, walk: &mut Walk<'d>, block: &mut Block, key: &str, why: &str) {
        let Some((k, v)) = self.map.get_key_value(key) else {
            return;
        };
        if self.taken.contains(&k.as_str()) {
            return;
        }
        self.taken.push(k.as_str());
        let path = format!("{}.{k}", self.path);
        block.comment(&format!("not imported: {k} {} ({why})", short(v)));
        walk.unexpressed(&path, k, why);
    }

    /// `key`, which Laurel writes again by itself from another place (a title it repeats,
    /// the date of issuing): taken when it is `like` that place's value, otherwise
    /// reported, for the reason `why`, with a comment in `block`. Language maps compare
    /// by their texts, whatever their order and whether a text is in a list.
    pub fn repeated(
        &mut self,
        walk: &mut Walk<'d>,
        block: &mut Block,
        key: &str,
        like: Option<&Value>,
        why: &str,
    ) {
        match self.map.get(key) {
            Some(value) if !same_value(Some(value), like) => self.cannot(walk, block, key, why),
            _ => {
                self.regenerated(key);
            }
        }
    }

    /// A text value of `key`.
    pub fn string(&mut self, walk: &mut Walk<'d>, key: &str) -> Option<&'d str> {
        match self.map.get(key) {
            Some(Value::String(_)) => self.take(walk, key).and_then(Value::as_str),
            _ => None,
        }
    }

    /// The language map of `key` (`{"en": "...", "de": "..."}`), in its order; a
    /// language with several texts keeps the first.
    pub fn lang(&mut self, walk: &mut Walk<'d>, key: &str) -> LangText {
        let Some(Value::Object(map)) = self.map.get(key) else {
            return LangText::default();
        };
        self.take(walk, key);
        let mut out = LangText::default();
        for (lang, text) in map {
            let text = match text {
                Value::String(s) => Some(s.as_str()),
                Value::Array(items) => {
                    if items.len() > 1 {
                        walk.unexpressed(
                            &format!("{}.{key}.{lang}", self.path),
                            key,
                            "Laurel keeps one text per language",
                        );
                    }
                    items.first().and_then(Value::as_str)
                }
                _ => None,
            };
            if let Some(text) = text {
                out.0.push((lang.clone(), text.to_string()));
            }
        }
        out
    }

    /// The text of the language map `key` where Laurel keeps one (an address): the one
    /// in `lang`, else the first, with each other language's text reported, for the
    /// reason `why`.
    pub fn one_text(
        &mut self,
        walk: &mut Walk<'d>,
        key: &str,
        lang: &str,
        why: &str,
    ) -> Option<String> {
        let texts = self.lang(walk, key);
        let kept = texts.0.iter().position(|(l, _)| l == lang).unwrap_or(0);
        for (i, (other, _)) in texts.0.iter().enumerate() {
            if i != kept {
                walk.unexpressed(&format!("{}.{key}.{other}", self.path), key, why);
            }
        }
        texts.0.get(kept).map(|(_, t)| t.clone())
    }

    /// The objects of `key` (one, or a list), each as a node; a text that is the id of a
    /// node given elsewhere in the file stands for it.
    pub fn nodes(&mut self, walk: &mut Walk<'d>, key: &str) -> Vec<Node<'d>> {
        let Some(value) = self.map.get(key) else {
            return Vec::new();
        };
        self.take(walk, key);
        let path = format!("{}.{key}", self.path);
        let many = value.as_array();
        let items: Vec<&'d Value> = match many {
            Some(items) => items.iter().collect(),
            None => vec![value],
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let at = match many {
                Some(_) => format!("{path}[{i}]"),
                None => path.clone(),
            };
            match item {
                Value::Object(map) => {
                    let map = match map.get("id").and_then(Value::as_str) {
                        Some(id) if map.len() <= 2 => walk.nodes.get(id).copied().unwrap_or(map),
                        _ => map,
                    };
                    out.push(Node::new(map, at));
                }
                Value::String(id) => match walk.nodes.get(id.as_str()) {
                    Some(map) => out.push(Node::new(map, at)),
                    None => {
                        walk.unexpressed(&at, key, "a reference to a node the file does not hold")
                    }
                },
                _ => walk.unexpressed(&at, key, "not an object"),
            }
        }
        out
    }

    /// The first object of `key`; any further one is reported as not expressible.
    pub fn node(&mut self, walk: &mut Walk<'d>, key: &str, why_one: &str) -> Option<Node<'d>> {
        let mut nodes = self.nodes(walk, key).into_iter();
        let first = nodes.next();
        for extra in nodes {
            walk.unexpressed(&extra.path, key, why_one);
        }
        first
    }

    /// The IRIs of the concepts of `key` (their labels and scheme are written again from
    /// the bundled lists).
    pub fn concepts(&mut self, walk: &mut Walk<'d>, key: &str) -> Vec<Concept<'d>> {
        self.nodes(walk, key)
            .into_iter()
            .filter_map(|mut node| {
                let iri = node.id()?;
                let scheme = node
                    .regenerated("inScheme")
                    .and_then(|s| s.get("id").or(Some(s)))
                    .and_then(Value::as_str);
                let label = node.lang(&mut Walk::default(), "prefLabel");
                let notation = node.map.get("notation").and_then(Value::as_str);
                Some(Concept {
                    iri,
                    scheme,
                    label,
                    notation,
                    path: node.path,
                })
            })
            .collect()
    }

    /// The first concept of `key`; any further one is reported as not expressible.
    pub fn concept(
        &mut self,
        walk: &mut Walk<'d>,
        key: &str,
        why_one: &str,
    ) -> Option<Concept<'d>> {
        let mut concepts = self.concepts(walk, key).into_iter();
        let first = concepts.next();
        for extra in concepts {
            walk.unexpressed(&extra.path, key, why_one);
        }
        first
    }

    /// Marks the node's `id` as kept (the credential's, a mailbox's, a skill's IRI), so
    /// that [`Node::finish`] does not report it.
    pub fn keep_id(&mut self) {
        self.regenerated("id");
    }

    /// Reports the whole node as not expressible, for the reason `why` (its members not
    /// one by one), with a comment in `block`, and ends it.
    pub fn cannot_whole(self, walk: &mut Walk<'d>, block: &mut Block, property: &str, why: &str) {
        block.comment(&format!("not imported: {property} ({why})"));
        walk.unexpressed(&self.path, property, why);
    }

    /// Reports every member no reader took (as not expressible, with a comment in
    /// `block`), and ends the node.
    pub fn finish(self, walk: &mut Walk<'d>, block: &mut Block) {
        for (key, value) in self.map {
            let local_id =
                key == "id" && value.as_str().is_none_or(|id| id.starts_with("urn:epass:"));
            if local_id || key == "type" || key == "@context" || self.taken.contains(&key.as_str())
            {
                continue;
            }
            if key == "id" {
                let why = "Laurel numbers the nodes of a credential (`urn:epass:...`)";
                block.comment(&format!("not imported: id {} ({why})", short(value)));
                walk.unexpressed(&format!("{}.id", self.path), key, why);
                continue;
            }
            block.comment(&format!(
                "not imported: {key} {} ({NO_FIELD})",
                short(value)
            ));
            walk.unexpressed(&format!("{}.{key}", self.path), key, NO_FIELD);
        }
    }
}

/// A concept value: its IRI, its scheme's IRI and its labels.
#[derive(Debug, Clone)]
pub struct Concept<'d> {
    /// The concept's IRI.
    pub iri: &'d str,
    /// Its scheme's IRI, when given.
    pub scheme: Option<&'d str>,
    /// Its labels.
    pub label: LangText,
    /// Its notation, when given.
    pub notation: Option<&'d str>,
    /// Its JSON path.
    pub path: String,
}

/// True when two values say the same: equal, or language maps with the same texts.
fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    fn texts(v: Option<&Value>) -> Option<Vec<(&str, &str)>> {
        let mut out = Vec::new();
        for (lang, text) in v?.as_object()? {
            match text {
                Value::String(t) => out.push((lang.as_str(), t.as_str())),
                Value::Array(items) => {
                    for t in items {
                        out.push((lang.as_str(), t.as_str()?));
                    }
                }
                _ => return None,
            }
        }
        out.sort_unstable();
        Some(out)
    }
    a == b || texts(a).is_some_and(|t| Some(t) == texts(b))
}

/// A value in a few words, for a comment: a text (cut at 60 characters), an IRI, `{...}`.
pub fn short(value: &Value) -> String {
    match value {
        Value::String(s) => cut(&format!("{s:?}")),
        Value::Object(map) => match (map.get("id").and_then(Value::as_str), map.get("type")) {
            (Some(id), _) if !id.starts_with("urn:epass:") => format!("<{id}>"),
            (_, Some(Value::String(t))) => format!("({t})"),
            _ => cut(&value.to_string()),
        },
        Value::Array(items) => match items.first() {
            Some(first) if items.len() == 1 => short(first),
            Some(first) => format!("{} and {} more", short(first), items.len() - 1),
            None => "[]".to_string(),
        },
        other => cut(&other.to_string()),
    }
}

fn cut(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}
