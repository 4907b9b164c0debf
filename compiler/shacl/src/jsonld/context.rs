//! JSON-LD 1.1 contexts, processed once: term definitions ([`Term`]), active contexts
//! ([`Active`]) and the Context Processing and IRI Expansion algorithms, for the part of
//! JSON-LD that credentials use. Anything outside it is [`Unsupported`], never guessed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use oxrdf::NamedNode;
use serde_json::{Map, Value};

use super::Unsupported;

/// How a term coerces a string value (`@type` of a term definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Coercion {
    /// No `@type`: a string is a literal.
    None,
    /// `"@type": "@id"`: a string is an IRI, relative to the document.
    Id,
    /// `"@type": "@vocab"`: a string is a term or an IRI.
    Vocab,
    /// `"@type": "<datatype IRI>"`: a string is a literal of that datatype.
    Datatype(NamedNode),
}

/// A term definition (JSON-LD 1.1, section 4.2), without the containers credentials do not
/// use: a term whose definition needs one is refused.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Term {
    /// The IRI mapping (or keyword); `None` for a term defined as `null`.
    pub iri: Option<String>,
    /// The IRI mapping as an RDF term, when it is an IRI.
    pub node: Option<NamedNode>,
    /// Usable as the prefix of a compact IRI.
    pub prefix: bool,
    /// Protected from redefinition.
    pub protected: bool,
    pub coercion: Coercion,
    /// `"@container": "@language"`.
    pub language_map: bool,
    /// `"@container": "@graph"`: values are named graphs, which the compiled reader does
    /// not read (the term may be defined, not used).
    pub graph_container: bool,
    /// The term's `@language`: `Some(None)` when set to `null`.
    pub language: Option<Option<String>>,
    /// The term's own (scoped) context.
    pub context: Option<Arc<Value>>,
}

impl Term {
    /// The same definition, protection aside (the test for redefining a protected term).
    fn same_as(&self, other: &Term) -> bool {
        Term {
            protected: other.protected,
            ..self.clone()
        } == *other
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// An active context.
#[derive(Debug)]
pub(super) struct Active {
    /// Unique among the contexts of a process (the key of derived contexts).
    id: u64,
    terms: HashMap<String, Arc<Term>>,
    vocab: Option<String>,
    language: Option<String>,
    /// The context a type-scoped context was applied to, restored on entering a new node.
    pub previous: Option<Arc<Active>>,
}

impl Active {
    pub(super) fn empty() -> Active {
        Active {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            terms: HashMap::new(),
            vocab: None,
            language: None,
            previous: None,
        }
    }

    fn derived(&self) -> Active {
        Active {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            terms: self.terms.clone(),
            vocab: self.vocab.clone(),
            language: self.language.clone(),
            previous: self.previous.clone(),
        }
    }

    pub(super) fn term(&self, name: &str) -> Option<&Arc<Term>> {
        self.terms.get(name)
    }

    /// The default language (`@language` of the context).
    pub(super) fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// IRI Expansion (JSON-LD 1.1 API, 5.2) with the context's terms. `None`: the value
    /// does not expand (a keyword-like string, a term defined as `null`).
    pub(super) fn expand_iri(&self, value: &str, vocab: bool) -> Option<String> {
        if is_keyword(value) {
            return Some(value.to_string());
        }
        if looks_like_keyword(value) {
            return None;
        }
        if vocab {
            if let Some(term) = self.terms.get(value) {
                return term.iri.clone();
            }
        }
        if let Some((prefix, suffix)) = split_compact(value) {
            if prefix == "_" || suffix.starts_with("//") {
                return Some(value.to_string());
            }
            if let Some(term) = self.terms.get(prefix) {
                if let (Some(iri), true) = (&term.iri, term.prefix) {
                    return Some(format!("{iri}{suffix}"));
                }
            }
            if is_absolute_iri(value) {
                return Some(value.to_string());
            }
        }
        if vocab {
            if let Some(v) = &self.vocab {
                return Some(format!("{v}{value}"));
            }
        }
        // No base IRI: a relative reference stays as written (and is no IRI).
        Some(value.to_string())
    }
}

/// How a local context is applied (the flags of Context Processing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Apply {
    pub propagate: bool,
    pub override_protected: bool,
}

/// What identifies a local context across documents, for reusing its result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    /// `@context` values that are only IRIs.
    Remote(Vec<String>),
    /// A term's scoped context (the address of its shared value).
    Scoped(usize),
}

/// At most this many derived contexts are kept: a document cannot make the cache grow
/// without bound (past it, contexts are processed again each time).
const MAX_DERIVED: usize = 4096;

/// Remote contexts nested deeper than this are refused.
const MAX_REMOTE_DEPTH: usize = 16;

/// The remote contexts a loader serves, parsed once, and every context derived from them.
#[derive(Debug)]
pub(super) struct Cache {
    empty: Arc<Active>,
    remote: Mutex<HashMap<String, Arc<Value>>>,
    derived: Mutex<HashMap<(u64, Identity, Apply), Arc<Active>>>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            empty: Arc::new(Active::empty()),
            remote: Mutex::default(),
            derived: Mutex::default(),
        }
    }
}

/// The loader of remote documents: the IRI's bytes, if served.
pub(super) type Fetch<'a> = &'a dyn Fn(&str) -> Option<Arc<[u8]>>;

impl Cache {
    pub(super) fn empty(&self) -> Arc<Active> {
        Arc::clone(&self.empty)
    }

    /// The context `local` (a document's `@context` value) applied to `active`.
    pub(super) fn apply_local(
        &self,
        active: &Arc<Active>,
        local: &Value,
        fetch: Fetch<'_>,
    ) -> Result<Arc<Active>, Unsupported> {
        let flags = Apply {
            propagate: true,
            override_protected: false,
        };
        let identity = match local {
            Value::String(iri) => Some(Identity::Remote(vec![iri.clone()])),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Identity::Remote),
            _ => None,
        };
        match identity {
            Some(identity) => self.memo(active, identity, flags, || {
                self.process(active, local, flags, fetch, 0)
            }),
            None => self.process(active, local, flags, fetch, 0),
        }
    }

    /// A term's scoped context applied to `active`.
    pub(super) fn apply_scoped(
        &self,
        active: &Arc<Active>,
        scoped: &Arc<Value>,
        flags: Apply,
        fetch: Fetch<'_>,
    ) -> Result<Arc<Active>, Unsupported> {
        let identity = Identity::Scoped(Arc::as_ptr(scoped) as usize);
        self.memo(active, identity, flags, || {
            self.process(active, scoped, flags, fetch, 0)
        })
    }

    fn memo(
        &self,
        active: &Arc<Active>,
        identity: Identity,
        flags: Apply,
        make: impl FnOnce() -> Result<Arc<Active>, Unsupported>,
    ) -> Result<Arc<Active>, Unsupported> {
        let key = (active.id, identity, flags);
        if let Some(found) = lock(&self.derived).get(&key) {
            return Ok(Arc::clone(found));
        }
        let made = make()?;
        let mut derived = lock(&self.derived);
        if derived.len() < MAX_DERIVED {
            derived.insert(key, Arc::clone(&made));
        }
        Ok(made)
    }

    /// Context Processing (JSON-LD 1.1 API, 4.1).
    fn process(
        &self,
        active: &Arc<Active>,
        local: &Value,
        flags: Apply,
        fetch: Fetch<'_>,
        depth: usize,
    ) -> Result<Arc<Active>, Unsupported> {
        if depth > MAX_REMOTE_DEPTH {
            return Err(Unsupported::new("remote contexts nested too deep"));
        }
        let mut result: Arc<Active> = Arc::clone(active);
        if !flags.propagate && result.previous.is_none() {
            let mut with_previous = result.derived();
            with_previous.previous = Some(Arc::clone(active));
            result = Arc::new(with_previous);
        }
        let items: &[Value] = match local {
            Value::Array(items) => items,
            one => std::slice::from_ref(one),
        };
        for item in items {
            result = match item {
                Value::Null => {
                    if !flags.override_protected && result.terms.values().any(|t| t.protected) {
                        return Err(Unsupported::new("a null context over protected terms"));
                    }
                    let mut fresh = Active::empty();
                    if !flags.propagate {
                        fresh.previous = Some(Arc::clone(&result));
                    }
                    Arc::new(fresh)
                }
                Value::String(iri) => {
                    let context = self.remote(iri, fetch)?;
                    let defaults = Apply {
                        propagate: true,
                        override_protected: false,
                    };
                    self.process(&result, &context, defaults, fetch, depth + 1)?
                }
                Value::Object(definition) => Arc::new(define(&result, definition, flags)?),
                _ => return Err(Unsupported::new("a context that is not an object or IRI")),
            };
        }
        Ok(result)
    }

    /// The `@context` of the remote document at `iri`.
    fn remote(&self, iri: &str, fetch: Fetch<'_>) -> Result<Arc<Value>, Unsupported> {
        if let Some(found) = lock(&self.remote).get(iri) {
            return Ok(Arc::clone(found));
        }
        let bytes = fetch(iri).ok_or_else(|| Unsupported::unknown(iri))?;
        let document: Value = serde_json::from_slice(&bytes)
            .map_err(|_| Unsupported::new("a remote context that is not JSON"))?;
        let Some(context) = document.get("@context") else {
            return Err(Unsupported::new("a remote document without @context"));
        };
        let context = Arc::new(context.clone());
        lock(&self.remote).insert(iri.to_string(), Arc::clone(&context));
        Ok(context)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One context definition (a JSON object) applied to `active`.
fn define(
    active: &Active,
    local: &Map<String, Value>,
    flags: Apply,
) -> Result<Active, Unsupported> {
    let mut result = active.derived();
    for (key, value) in local {
        match key.as_str() {
            "@version" if value.as_f64() == Some(1.1) => {}
            "@protected" if value.is_boolean() => {}
            "@vocab" => {
                result.vocab = match value {
                    Value::Null => None,
                    Value::String(v) => {
                        let iri = result.expand_iri(v, true).filter(|i| is_absolute_iri(i));
                        Some(iri.ok_or_else(|| Unsupported::new("a relative @vocab"))?)
                    }
                    _ => return Err(Unsupported::new("an @vocab that is not a string")),
                }
            }
            k if k.starts_with('@') => {
                return Err(Unsupported::new(format!("the context keyword {k}")));
            }
            _ => {}
        }
    }
    let protected = local.get("@protected").and_then(Value::as_bool) == Some(true);
    let mut definer = Definer {
        local,
        defined: HashMap::new(),
        protected,
        flags,
    };
    for key in local.keys().filter(|k| !k.starts_with('@')) {
        definer.create(&mut result, key)?;
    }
    Ok(result)
}

/// Create Term Definition (JSON-LD 1.1 API, 4.2) over one local context.
struct Definer<'a> {
    local: &'a Map<String, Value>,
    /// `false` while a term is being defined (a cycle), `true` once done.
    defined: HashMap<&'a str, bool>,
    /// The local context's `@protected`.
    protected: bool,
    flags: Apply,
}

impl<'a> Definer<'a> {
    fn create(&mut self, active: &mut Active, term: &'a str) -> Result<(), Unsupported> {
        match self.defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(Unsupported::new("a cyclic term definition")),
            None => {}
        }
        self.defined.insert(term, false);
        if term.is_empty() || is_keyword(term) {
            return Err(Unsupported::new(format!("a definition of `{term}`")));
        }
        if looks_like_keyword(term) {
            self.defined.insert(term, true);
            return Ok(());
        }
        let previous = active.terms.remove(term);
        let value = self.local.get(term).unwrap_or(&Value::Null);
        let (definition, simple) = match value {
            Value::Null => (Map::from_iter([("@id".to_string(), Value::Null)]), false),
            Value::String(s) => (
                Map::from_iter([("@id".to_string(), Value::String(s.clone()))]),
                true,
            ),
            Value::Object(o) => (o.clone(), false),
            _ => return Err(Unsupported::new("a term definition that is not an object")),
        };
        let mut made = Term {
            iri: None,
            node: None,
            prefix: false,
            protected: self.protected,
            coercion: Coercion::None,
            language_map: false,
            graph_container: false,
            language: None,
            context: None,
        };
        for (key, value) in &definition {
            match (key.as_str(), value) {
                ("@id", _) => {}
                ("@protected", Value::Bool(b)) => made.protected = *b,
                ("@type", Value::String(t)) => {
                    made.coercion = match self.expand(active, t, true)?.as_deref() {
                        Some("@id") => Coercion::Id,
                        Some("@vocab") => Coercion::Vocab,
                        Some(iri) if is_absolute_iri(iri) => Coercion::Datatype(
                            NamedNode::new(iri)
                                .map_err(|_| Unsupported::new(format!("the IRI <{iri}>")))?,
                        ),
                        _ => return Err(Unsupported::new(format!("the term type {t}"))),
                    }
                }
                ("@container", Value::String(c)) => match c.as_str() {
                    "@set" => {}
                    "@language" => made.language_map = true,
                    "@graph" => made.graph_container = true,
                    other => return Err(Unsupported::new(format!("the container {other}"))),
                },
                ("@language", Value::Null) => made.language = Some(None),
                ("@language", Value::String(l)) => made.language = Some(Some(l.to_lowercase())),
                ("@context", scoped) => made.context = Some(Arc::new(scoped.clone())),
                (other, _) => {
                    return Err(Unsupported::new(format!("the term definition key {other}")));
                }
            }
        }
        made.iri = match definition.get("@id") {
            Some(Value::Null) => None,
            Some(Value::String(id)) => {
                let iri = self.expand(active, id, true)?;
                let iri =
                    iri.filter(|i| is_keyword(i) || is_absolute_iri(i) || i.starts_with("_:"));
                let iri = iri.ok_or_else(|| Unsupported::new(format!("the IRI of `{term}`")))?;
                if iri == "@context" {
                    return Err(Unsupported::new("an alias of @context"));
                }
                let inner_colon = term
                    .char_indices()
                    .any(|(i, c)| c == ':' && i > 0 && i + 1 < term.len());
                if inner_colon || term.contains('/') {
                    // a term that looks like an IRI must mean that IRI
                    self.defined.insert(term, true);
                    if self.expand(active, term, true)?.as_deref() != Some(&iri) {
                        return Err(Unsupported::new(format!("the IRI of `{term}`")));
                    }
                }
                if simple && !term.contains([':', '/']) {
                    made.prefix =
                        iri.ends_with([':', '/', '?', '#', '[', ']', '@']) || iri.starts_with("_:");
                }
                Some(iri)
            }
            Some(_) => return Err(Unsupported::new("an @id that is not a string")),
            None => {
                let iri = match split_compact(term) {
                    Some((prefix, _)) => {
                        if self.local.contains_key(prefix) {
                            self.create(active, self.local_key(prefix))?;
                        }
                        active.expand_iri(term, true)
                    }
                    None => active.vocab.as_ref().map(|v| format!("{v}{term}")),
                };
                let iri = iri.filter(|i| is_absolute_iri(i));
                Some(iri.ok_or_else(|| Unsupported::new(format!("the IRI of `{term}`")))?)
            }
        };
        made.node = made
            .iri
            .as_deref()
            .filter(|i| is_absolute_iri(i))
            .and_then(|i| NamedNode::new(i).ok());
        if let Some(previous) = previous {
            if previous.protected && !self.flags.override_protected {
                if !previous.same_as(&made) {
                    return Err(Unsupported::new(format!(
                        "a redefined protected term `{term}`"
                    )));
                }
                made = (*previous).clone();
            }
        }
        active.terms.insert(term.to_string(), Arc::new(made));
        self.defined.insert(term, true);
        Ok(())
    }

    /// The local context's own copy of a key (for the lifetime of `defined`).
    fn local_key(&self, key: &str) -> &'a str {
        self.local
            .get_key_value(key)
            .map_or("", |(k, _)| k.as_str())
    }

    /// IRI Expansion during context processing: terms of the local context are defined
    /// first.
    fn expand(
        &mut self,
        active: &mut Active,
        value: &str,
        vocab: bool,
    ) -> Result<Option<String>, Unsupported> {
        if self.local.contains_key(value) && self.defined.get(value) != Some(&true) {
            self.create(active, self.local_key(value))?;
        }
        if let Some((prefix, _)) = split_compact(value) {
            if self.local.contains_key(prefix) && self.defined.get(prefix) != Some(&true) {
                self.create(active, self.local_key(prefix))?;
            }
        }
        Ok(active.expand_iri(value, vocab))
    }
}

/// The JSON-LD keywords.
const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@default",
    "@direction",
    "@embed",
    "@explicit",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@omitDefault",
    "@prefix",
    "@preserve",
    "@propagate",
    "@protected",
    "@requireAll",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

pub(super) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `@` followed by letters only: reserved for future keywords, ignored.
fn looks_like_keyword(s: &str) -> bool {
    s.len() > 1 && s.starts_with('@') && s[1..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// `prefix:suffix`, with the colon after the first character.
fn split_compact(value: &str) -> Option<(&str, &str)> {
    value
        .find(':')
        .filter(|&i| i > 0)
        .map(|i| (&value[..i], &value[i + 1..]))
}

/// An IRI with a scheme (RFC 3987 `scheme ":"`); relative references are not.
pub(super) fn is_absolute_iri(value: &str) -> bool {
    let Some((scheme, _)) = value.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}
