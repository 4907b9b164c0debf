//! Broken variants of real credentials, for the differential tests of the SHACL engine
//! (`tests/tests/shacl_engine.rs`) and of the EBSI JSON Schema check (`tests/tests/ebsi.rs`).
//!
//! The starting points ([`sources`]) are real files: the reference credentials in
//! `tests/data/elm-examples/`, the payloads of the sealed files in `tests/data/seal/`, and
//! the credentials `laurel build` writes for the example projects (their golden copies in
//! `tests/golden/`, which `tests/tests/examples.rs` keeps equal to the build).
//!
//! Each [`Variant`] is one named mutation of one source, e.g.
//! `ec-2024/Sample-MC-Annex1-unsigned/remove credentialSubject.hasClaim.awardedBy`. The
//! mutations are the rows of one table (`RULES`); each row applies to the first node of
//! its class (in document order) that it fits, in a few sources taken in turn, so the
//! kinds are spread over the files. Everything is deterministic: the same files give the
//! same variants, in the same order.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::repo_root;

/// What a mutation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A property the shapes ask for (`sh:minCount 1`) removed.
    RemoveMandatory,
    /// A value of the wrong datatype: a plain string where a date-time is expected, a
    /// number for a string, an object for a literal.
    WrongDatatype,
    /// A node's `type` changed to another ELM class.
    WrongClass,
    /// A controlled-vocabulary concept of the wrong scheme, or a made-up IRI in the
    /// right scheme's namespace.
    WrongVocabulary,
    /// An unexpected nested object (a second value, or a node of a class the property does
    /// not take).
    ExtraNode,
    /// Two values in one language where the shapes allow one (`sh:uniqueLang`).
    DuplicateLanguage,
    /// A date-time, date, duration, integer or boolean that is not in its lexical space.
    BadLexical,
    /// An empty string.
    EmptyString,
    /// An IRI that is not an IRI (a space, no scheme).
    NotAnIri,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 9] = [
        Kind::RemoveMandatory,
        Kind::WrongDatatype,
        Kind::WrongClass,
        Kind::WrongVocabulary,
        Kind::ExtraNode,
        Kind::DuplicateLanguage,
        Kind::BadLexical,
        Kind::EmptyString,
        Kind::NotAnIri,
    ];
}

/// A credential to break: its name (the file's path below its folder, without extension)
/// and the credential object (a sealed file's payload, the upload form's `credential`).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub credential: Value,
}

/// One broken credential.
#[derive(Debug, Clone)]
pub struct Variant {
    /// `<source>/<mutation> <JSON path>`.
    pub name: String,
    pub kind: Kind,
    /// The mutated credential object.
    pub credential: Value,
}

/// The credential object of a file in one of its three forms (a JAdES seal's `payload`,
/// the EU issuer's upload form `{"credential": {...}}`, or the credential itself), as
/// `tests/shacl/validate.py` and `tests/shacl/ebsi.py` read it. `None` when the file is
/// not JSON or its payload is not.
pub fn credential_of(text: &str) -> Option<Value> {
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    if let Some(Value::String(payload)) = doc.get("payload") {
        return serde_json::from_str(payload).ok();
    }
    if doc.get("@context").is_none() {
        if let Some(credential @ Value::Object(_)) = doc.get("credential") {
            return Some(credential.clone());
        }
    }
    Some(doc)
}

/// The real files the variants start from, in a fixed order. A file without `@context`
/// (the EU's 2025 upload sample: no RDF at all) and the upload copy of the 2024 sample
/// (the same credential as its `.jsonld`) are left out; of the MyNextID files, whose
/// credentials are 0.2–0.5 MB, the two smallest sealed ones are used.
pub fn sources() -> Vec<Source> {
    const FILES: &[&str] = &[
        "tests/data/elm-examples/authored/minimal-microcredential.jsonld",
        "tests/data/elm-examples/ec-2024/Sample-MC-Annex1-unsigned.jsonld",
        "tests/data/elm-examples/ebsi/Microcredential-Data-and-software-business.json",
        "tests/data/seal/edci_credential-signed.jsonld",
        "tests/data/seal/elm-v3_Sample-CertOfPart-signed.jsonld",
        "tests/data/seal/elm-v3_Sample-MC-Annex1-signed.jsonld",
        "tests/data/seal/mynextid_edc-coe-signed.jsonld",
        "tests/data/seal/mynextid_edc-dc-signed.jsonld",
    ];
    let root = repo_root();
    let mut paths: Vec<PathBuf> = FILES.iter().map(|f| root.join(f)).collect();
    paths.extend(golden_awards(&root.join("tests/golden")));
    paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let credential = credential_of(&text)?;
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let name = rel
                .with_extension("")
                .components()
                .skip(2) // tests/data, tests/golden
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Some(Source { name, credential })
        })
        .collect()
}

/// `tests/golden/<project>/<credential>/awards/*.jsonld`, sorted.
fn golden_awards(golden: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "jsonld")
                && p.parent().is_some_and(|d| d.ends_with("awards"))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(golden, &mut out);
    out
}

/// Every variant of every source: [`variants_of`] over [`sources`].
pub fn variants() -> Vec<Variant> {
    variants_of(&sources())
}

/// The variants of `sources`: each rule of the table applied to up to its `spread`
/// sources, taken in turn from the one after the previous rule's first, so every file gets
/// a share of every kind.
pub fn variants_of(sources: &[Source]) -> Vec<Variant> {
    let mut out = Vec::new();
    if sources.is_empty() {
        return out;
    }
    let nodes: Vec<Vec<Node>> = sources.iter().map(|s| nodes(&s.credential)).collect();
    for (i, rule) in RULES.iter().enumerate() {
        let mut taken = 0;
        for k in 0..sources.len() {
            if taken == rule.spread {
                break;
            }
            let s = (i + k) % sources.len();
            if let Some((label, credential)) = rule.apply(&sources[s].credential, &nodes[s]) {
                out.push(Variant {
                    name: format!("{}/{label}", sources[s].name),
                    kind: rule.kind,
                    credential,
                });
                taken += 1;
            }
        }
    }
    out
}

/// Writes each variant to `dir/<number>-<name>.jsonld` (the name's `/` and spaces made
/// `_`), returning the paths in the variants' order.
pub fn write(variants: &[Variant], dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let slug: String = v
                .name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "-.".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .take(120)
                .collect();
            let path = dir.join(format!("{i:04}-{slug}.jsonld"));
            let text = serde_json::to_vec_pretty(&v.credential).map_err(std::io::Error::other)?;
            std::fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The nodes of a credential
// ---------------------------------------------------------------------------------------

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A JSON object of the credential: where it is and its `type` values.
#[derive(Debug, Clone)]
struct Node {
    path: Vec<Step>,
    types: Vec<String>,
}

/// Every object of `doc`, depth first in document order (the root first).
fn nodes(doc: &Value) -> Vec<Node> {
    fn walk(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Node>) {
        match v {
            Value::Object(map) => {
                let types = match map.get("type") {
                    Some(Value::String(t)) => vec![t.clone()],
                    Some(Value::Array(ts)) => ts
                        .iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                };
                out.push(Node {
                    path: path.clone(),
                    types,
                });
                for (k, child) in map {
                    if k == "@context" {
                        continue;
                    }
                    path.push(Step::Key(k.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), &mut out);
    out
}

fn object_at_mut<'a>(doc: &'a mut Value, path: &[Step]) -> Option<&'a mut Map<String, Value>> {
    let mut v = doc;
    for step in path {
        v = match step {
            Step::Key(k) => v.get_mut(k.as_str())?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    v.as_object_mut()
}

fn object_at<'a>(doc: &'a Value, path: &[Step]) -> Option<&'a Map<String, Value>> {
    let mut v = doc;
    for step in path {
        v = match step {
            Step::Key(k) => v.get(k.as_str())?,
            Step::Index(i) => v.get(*i)?,
        };
    }
    v.as_object()
}

/// `credentialSubject.hasClaim[0].awardedBy`; the root is `$`.
fn show(path: &[Step], key: &str) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
    out
}

// ---------------------------------------------------------------------------------------
// The mutations
// ---------------------------------------------------------------------------------------

/// How a rule changes the value of its key.
enum Change {
    /// Remove the key.
    Remove,
    /// Set the key to this JSON text (adding it when the node lacks it).
    Set(&'static str),
    /// A new value from the old one and the whole credential (`None`: the rule does not
    /// fit this node).
    Map(fn(&Value, &Value) -> Option<Value>),
}

/// One row of the table: what it breaks, where, and how.
struct Rule {
    kind: Kind,
    /// The `type` of the node it changes; `""`: any node.
    class: &'static str,
    /// The keys it changes: the first one present. A `Set` rule with a class adds the
    /// first key to a node of that class that has none of them.
    keys: &'static [&'static str],
    /// What the variant's name says it does (then the JSON path).
    label: &'static str,
    change: Change,
    /// In how many sources it is applied.
    spread: usize,
}

impl Rule {
    /// The first node this rule fits: the variant's label and credential.
    fn apply(&self, doc: &Value, nodes: &[Node]) -> Option<(String, Value)> {
        for node in nodes {
            if !self.class.is_empty() && !node.types.iter().any(|t| t == self.class) {
                continue;
            }
            let object = object_at(doc, &node.path)?;
            let present = self.keys.iter().find(|k| object.contains_key(**k));
            let key = match (present, &self.change) {
                (Some(k), _) => *k,
                (None, Change::Set(_)) if !self.class.is_empty() => self.keys[0],
                (None, _) => continue,
            };
            let new = match &self.change {
                Change::Remove => None,
                Change::Set(text) => Some(serde_json::from_str(text).ok()?),
                Change::Map(f) => match f(object.get(key)?, doc) {
                    Some(v) => Some(v),
                    None => continue,
                },
            };
            let mut out = doc.clone();
            let target = object_at_mut(&mut out, &node.path)?;
            match new {
                None => {
                    target.remove(key);
                }
                Some(v) => {
                    target.insert(key.to_string(), v);
                }
            }
            return Some((format!("{} {}", self.label, show(&node.path, key)), out));
        }
        None
    }
}

/// The date-time properties of the contexts (`xsd:dateTime`).
const DATE_TIMES: &[&str] = &[
    "issuanceDate",
    "issued",
    "validFrom",
    "validUntil",
    "expirationDate",
    "dateOfBirth",
    "awardingDate",
    "dateIssued",
    "startDate",
    "endDate",
    "expiryDate",
];
/// The duration properties (`xsd:duration`).
const DURATIONS: &[&str] = &[
    "volumeOfLearning",
    "workload",
    "maximumDuration",
    "duration",
];

const fn rule(
    kind: Kind,
    class: &'static str,
    keys: &'static [&'static str],
    label: &'static str,
    change: Change,
    spread: usize,
) -> Rule {
    Rule {
        kind,
        class,
        keys,
        label,
        change,
        spread,
    }
}

const fn remove(class: &'static str, key: &'static [&'static str]) -> Rule {
    rule(
        Kind::RemoveMandatory,
        class,
        key,
        "remove",
        Change::Remove,
        4,
    )
}

const fn lexical(
    class: &'static str,
    keys: &'static [&'static str],
    label: &'static str,
    text: &'static str,
) -> Rule {
    rule(Kind::BadLexical, class, keys, label, Change::Set(text), 3)
}

/// A string `s` as a JSON value object without a datatype: an `xsd:string` where the
/// context would give an `xsd:dateTime`.
fn plain_string(old: &Value, _: &Value) -> Option<Value> {
    let s = old.as_str()?;
    Some(serde_json::json!({ "@value": s }))
}

/// A number where a string is expected.
fn number(old: &Value, _: &Value) -> Option<Value> {
    old.as_str()?;
    Some(Value::from(42))
}

/// The first language of a language map given twice.
fn two_values(old: &Value, _: &Value) -> Option<Value> {
    let map = old.as_object()?;
    let (lang, first) = map.iter().find(|(_, v)| v.is_string())?;
    let mut out = map.clone();
    let text = first.as_str()?;
    out.insert(
        lang.clone(),
        Value::from(vec![text.to_string(), format!("{text} (2)")]),
    );
    Some(Value::Object(out))
}

/// Every language of a language map emptied.
fn empty_language_map(old: &Value, _: &Value) -> Option<Value> {
    let map = old.as_object()?;
    Some(Value::Object(
        map.keys().map(|k| (k.clone(), Value::from(""))).collect(),
    ))
}

fn empty(old: &Value, _: &Value) -> Option<Value> {
    old.as_str()?;
    Some(Value::from(""))
}

/// The scheme of a concept object.
fn scheme_of(concept: &Value) -> Option<&str> {
    match concept.get("inScheme")? {
        Value::String(s) => Some(s),
        other => other.get("id")?.as_str(),
    }
}

/// A concept replaced by the first concept of the credential in another scheme.
fn other_scheme(old: &Value, doc: &Value) -> Option<Value> {
    let scheme = scheme_of(old)?;
    nodes(doc)
        .iter()
        .filter(|n| n.types.iter().any(|t| t == "Concept"))
        .filter_map(|n| object_at(doc, &n.path))
        .map(|o| Value::Object(o.clone()))
        .find(|c| scheme_of(c).is_some_and(|s| s != scheme))
}

/// A concept whose IRI is made up in its scheme's namespace.
fn made_up_concept(old: &Value, _: &Value) -> Option<Value> {
    let scheme = scheme_of(old)?;
    let mut out = old.as_object()?.clone();
    out.insert("id".into(), Value::from(format!("{scheme}/NO-SUCH-CODE")));
    Some(Value::Object(out))
}

/// `old` and a copy of it with another IRI (`<id>-2`), keeping only `id` and `type`
/// unless `whole`.
fn with_copy(old: &Value, whole: bool) -> Option<Value> {
    let mut copy = old.as_object()?.clone();
    let id = copy.get("id")?.as_str()?.to_string();
    copy.insert("id".into(), Value::from(format!("{id}-2")));
    if !whole {
        copy.retain(|k, _| k == "id" || k == "type");
    }
    Some(Value::from(vec![old.clone(), Value::Object(copy)]))
}

/// A second concept next to the first.
fn second_concept(old: &Value, _: &Value) -> Option<Value> {
    with_copy(old, true)
}

/// A second node of the same class with nothing but its IRI and type.
fn second_bare_node(old: &Value, _: &Value) -> Option<Value> {
    with_copy(old, false)
}

const OBJECT: &str =
    r#"{"id": "urn:epass:note:999", "type": "Note", "noteLiteral": {"en": "not a literal"}}"#;

/// The table of mutations.
#[rustfmt::skip]
static RULES: &[Rule] = &[
    // Mandatory properties (sh:minCount 1 in EDC-generic-no-cv 1.1.0 and 1.2.0).
    remove("EuropeanDigitalCredential", &["credentialSubject"]),
    remove("EuropeanDigitalCredential", &["issuer"]),
    remove("EuropeanDigitalCredential", &["validFrom"]),
    remove("EuropeanDigitalCredential", &["issued"]),
    remove("EuropeanDigitalCredential", &["credentialSchema"]),
    remove("EuropeanDigitalCredential", &["credentialProfiles"]),
    remove("EuropeanDigitalCredential", &["displayParameter"]),
    remove("Person", &["hasClaim"]),
    remove("LearningAchievement", &["awardedBy"]),
    remove("LearningAchievement", &["title"]),
    remove("LearningActivity", &["awardedBy"]),
    remove("LearningAssessment", &["grade"]),
    remove("AwardingProcess", &["awardingBody"]),
    remove("Organisation", &["legalName"]),
    remove("Organisation", &["location"]),
    remove("LegalIdentifier", &["notation"]),
    remove("LegalIdentifier", &["spatial"]),
    remove("Location", &["address"]),
    remove("Address", &["countryCode"]),
    remove("Note", &["noteLiteral"]),
    remove("MediaObject", &["contentEncoding"]),
    remove("MediaObject", &["content"]),
    remove("DisplayParameter", &["primaryLanguage"]),
    remove("DisplayParameter", &["language"]),
    remove("DisplayDetail", &["page"]),
    remove("IndividualDisplay", &["displayDetail"]),
    remove("WebResource", &["contentURL"]),
    remove("CreditPoint", &["framework"]),
    remove("Identifier", &["notation"]),
    remove("Qualification", &["title"]),
    remove("LearningActivitySpecification", &["title"]),
    remove("Accreditation", &["accreditingAgent"]),
    // Wrong datatypes.
    rule(Kind::WrongDatatype, "", &["validFrom", "issuanceDate"], "string for dateTime", Change::Map(plain_string), 4),
    rule(Kind::WrongDatatype, "Person", &["dateOfBirth"], "string for dateTime", Change::Map(plain_string), 4),
    rule(Kind::WrongDatatype, "", &["awardingDate", "startDate"], "string for dateTime", Change::Map(plain_string), 4),
    rule(Kind::WrongDatatype, "LegalIdentifier", &["notation"], "number for string", Change::Map(number), 4),
    rule(Kind::WrongDatatype, "CreditPoint", &["point"], "number for string", Change::Map(number), 4),
    rule(Kind::WrongDatatype, "Identifier", &["schemeName"], "number for string", Change::Map(number), 4),
    rule(Kind::WrongDatatype, "Evidence", &["evidenceStatement"], "number for string", Change::Map(number), 4),
    rule(Kind::WrongDatatype, "Identifier", &["notation"], "object for literal", Change::Set(OBJECT), 4),
    rule(Kind::WrongDatatype, "MediaObject", &["content"], "object for literal", Change::Set(OBJECT), 4),
    rule(Kind::WrongDatatype, "EuropeanDigitalCredential", &["issued"], "object for literal", Change::Set(OBJECT), 4),
    rule(Kind::WrongDatatype, "WebResource", &["contentURL"], "object for literal", Change::Set(OBJECT), 4),
    // Wrong classes.
    rule(Kind::WrongClass, "Organisation", &["type"], "type Person", Change::Set(r#""Person""#), 4),
    rule(Kind::WrongClass, "Person", &["type"], "type Organisation", Change::Set(r#""Organisation""#), 4),
    rule(Kind::WrongClass, "AwardingProcess", &["type"], "type LearningAchievement", Change::Set(r#""LearningAchievement""#), 4),
    rule(Kind::WrongClass, "LearningAchievement", &["type"], "type LearningAchievementSpecification", Change::Set(r#""LearningAchievementSpecification""#), 4),
    rule(Kind::WrongClass, "Concept", &["type"], "type ConceptScheme", Change::Set(r#""ConceptScheme""#), 4),
    rule(Kind::WrongClass, "Note", &["type"], "type WebResource", Change::Set(r#""WebResource""#), 4),
    rule(Kind::WrongClass, "Location", &["type"], "type Address", Change::Set(r#""Address""#), 4),
    rule(Kind::WrongClass, "MediaObject", &["type"], "type WebResource", Change::Set(r#""WebResource""#), 4),
    rule(Kind::WrongClass, "LegalIdentifier", &["type"], "type Identifier", Change::Set(r#""Identifier""#), 4),
    rule(Kind::WrongClass, "DisplayParameter", &["type"], "type IndividualDisplay", Change::Set(r#""IndividualDisplay""#), 4),
    // Controlled vocabularies.
    rule(Kind::WrongVocabulary, "Address", &["countryCode"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "LegalIdentifier", &["spatial"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "MediaObject", &["contentType"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "EuropeanDigitalCredential", &["credentialProfiles"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "DisplayParameter", &["primaryLanguage"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "", &["mode", "dcType"], "concept of another scheme", Change::Map(other_scheme), 4),
    rule(Kind::WrongVocabulary, "Address", &["countryCode"], "made-up concept", Change::Map(made_up_concept), 3),
    rule(Kind::WrongVocabulary, "MediaObject", &["contentEncoding"], "made-up concept", Change::Map(made_up_concept), 3),
    rule(Kind::WrongVocabulary, "", &["eqfLevel", "language"], "made-up concept", Change::Map(made_up_concept), 3),
    // Extra nodes.
    rule(Kind::ExtraNode, "LearningAchievement", &["additionalNote"], "extra empty Note", Change::Set(r#"{"id": "urn:epass:note:998", "type": "Note"}"#), 4),
    rule(Kind::ExtraNode, "Person", &["hasClaim"], "extra bare claim", Change::Map(second_bare_node), 4),
    rule(Kind::ExtraNode, "Address", &["countryCode"], "second concept", Change::Map(second_concept), 4),
    rule(Kind::ExtraNode, "EuropeanDigitalCredential", &["displayParameter"], "second bare node", Change::Map(second_bare_node), 4),
    rule(Kind::ExtraNode, "AwardingProcess", &["awardingBody"], "Person as awarding body", Change::Set(r#"{"id": "urn:epass:person:998", "type": "Person", "fullName": {"en": "Nobody"}}"#), 4),
    rule(Kind::ExtraNode, "Organisation", &["location"], "second bare node", Change::Map(second_bare_node), 4),
    // Languages given twice.
    rule(Kind::DuplicateLanguage, "", &["title"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "Organisation", &["legalName"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "Person", &["fullName"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "Person", &["givenName", "familyName"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "Note", &["noteLiteral"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "Concept", &["prefLabel"], "two values in one language", Change::Map(two_values), 4),
    rule(Kind::DuplicateLanguage, "", &["description"], "two values in one language", Change::Map(two_values), 4),
    // Lexical forms: date-times.
    lexical("", DATE_TIMES, "dateTime 30 February", r#""2024-02-30T10:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime month 13", r#""2024-13-01T10:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime hour 25", r#""2024-01-01T25:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime 24:00:00", r#""2024-01-01T24:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime with a space", r#""2024-01-01 10:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime without seconds", r#""2024-01-01T10:00Z""#),
    lexical("", DATE_TIMES, "dateTime one-digit month", r#""2024-1-01T10:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime offset +15:00", r#""2024-01-01T10:00:00+15:00""#),
    lexical("", DATE_TIMES, "dateTime 29 February 2023", r#""2023-02-29T00:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime in words", r#""yesterday""#),
    lexical("", DATE_TIMES, "dateTime year 0000", r#""0000-01-01T00:00:00Z""#),
    lexical("", DATE_TIMES, "dateTime fraction", r#""2024-01-01T10:00:00.123456789Z""#),
    // Dates where a date-time is expected.
    lexical("Person", &["dateOfBirth"], "date 31 April", r#""1990-04-31""#),
    lexical("Person", &["dateOfBirth"], "date day.month.year", r#""15.03.1990""#),
    lexical("", &["awardingDate", "validUntil"], "date 30 February", r#""2024-02-30""#),
    // Durations.
    lexical("", DURATIONS, "duration in words", r#""10 hours""#),
    lexical("", DURATIONS, "duration P", r#""P""#),
    lexical("", DURATIONS, "duration PT", r#""PT""#),
    lexical("", DURATIONS, "duration without T", r#""P1D2H""#),
    lexical("", DURATIONS, "duration fractional years", r#""P1.5Y""#),
    lexical("", DURATIONS, "duration negative part", r#""PT-1H""#),
    lexical("", DURATIONS, "duration negative", r#""-P1D""#),
    lexical("", DURATIONS, "duration fractional seconds", r#""PT1.5S""#),
    // Integers (positiveInteger, integer) and booleans.
    lexical("DisplayDetail", &["page"], "positiveInteger 0", r#""0""#),
    lexical("DisplayDetail", &["page"], "positiveInteger -1", r#""-1""#),
    lexical("DisplayDetail", &["page"], "positiveInteger 1.0", r#""1.0""#),
    lexical("DisplayDetail", &["page"], "positiveInteger +1", r#""+1""#),
    lexical("DisplayDetail", &["page"], "positiveInteger in words", r#""one""#),
    lexical("MediaObject", &["contentSize"], "integer 12kB", r#""12kB""#),
    lexical("MediaObject", &["contentSize"], "integer with spaces", r#"" 12 ""#),
    lexical("LearningActivity", &["levelOfCompletion"], "positiveInteger 00", r#""00""#),
    lexical("Qualification", &["isPartialQualification"], "boolean yes", r#""yes""#),
    lexical("Qualification", &["isPartialQualification"], "boolean TRUE", r#""TRUE""#),
    lexical("Qualification", &["isPartialQualification"], "boolean 1", r#""1""#),
    lexical("Qualification", &["isPartialQualification"], "boolean empty", r#""""#),
    // Empty strings.
    rule(Kind::EmptyString, "LegalIdentifier", &["notation"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "Identifier", &["notation"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "CreditPoint", &["point"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "MediaObject", &["content"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "WebResource", &["contentURL"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "Person", &["dateOfBirth"], "empty", Change::Map(empty), 3),
    rule(Kind::EmptyString, "", &["title"], "empty", Change::Map(empty_language_map), 3),
    rule(Kind::EmptyString, "Note", &["noteLiteral"], "empty", Change::Map(empty_language_map), 3),
    // IRIs that are not IRIs.
    rule(Kind::NotAnIri, "WebResource", &["contentURL"], "not an IRI", Change::Set(r#""not a url""#), 4),
    rule(Kind::NotAnIri, "Organisation", &["id"], "not an IRI", Change::Set(r#""urn:epass:org 1""#), 4),
    rule(Kind::NotAnIri, "Mailbox", &["id"], "not an IRI", Change::Set(r#""someone at example.org""#), 4),
    rule(Kind::NotAnIri, "Concept", &["id"], "not an IRI", Change::Set(r#""http://publications.europa.eu/resource/authority/country/D E U""#), 4),
    rule(Kind::NotAnIri, "EuropeanDigitalCredential", &["id"], "not an IRI", Change::Set(r#""not a uri""#), 4),
    rule(Kind::NotAnIri, "", &["homepage"], "not an IRI", Change::Set(r#""www example org""#), 4),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variants_are_many_named_once_and_deterministic() {
        let variants = variants();
        assert!(variants.len() >= 300, "{}", variants.len());
        let again = variants_of(&sources());
        assert_eq!(variants.len(), again.len());
        let mut names = std::collections::BTreeSet::new();
        for (a, b) in variants.iter().zip(&again) {
            assert_eq!((&a.name, &a.credential), (&b.name, &b.credential));
            assert!(names.insert(a.name.as_str()), "twice: {}", a.name);
        }
        for kind in Kind::ALL {
            let n = variants.iter().filter(|v| v.kind == kind).count();
            assert!(n >= 10, "{kind:?}: {n}");
        }
    }

    #[test]
    fn every_variant_changes_its_source() {
        let sources = sources();
        for v in variants_of(&sources) {
            let source = sources
                .iter()
                .find(|s| v.name.starts_with(&format!("{}/", s.name)))
                .expect("named after its source");
            assert_ne!(source.credential, v.credential, "{}", v.name);
        }
    }

    #[test]
    fn a_removal_is_named_by_its_path() {
        let source = Source {
            name: "s".into(),
            credential: serde_json::json!({
                "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
                "credentialSubject": {"type": "Person", "hasClaim": [
                    {"type": "LearningAchievement", "title": {"en": "A"}, "awardedBy": {"id": "urn:x"}}
                ]}
            }),
        };
        let variants = variants_of(&[source]);
        let v = variants
            .iter()
            .find(|v| v.name == "s/remove credentialSubject.hasClaim[0].awardedBy")
            .expect("the removal");
        assert_eq!(v.kind, Kind::RemoveMandatory);
        assert!(v.credential["credentialSubject"]["hasClaim"][0]
            .get("awardedBy")
            .is_none());
        let dup = variants
            .iter()
            .find(|v| v.kind == Kind::DuplicateLanguage)
            .expect("a duplicated language");
        assert_eq!(
            dup.credential["credentialSubject"]["hasClaim"][0]["title"]["en"],
            serde_json::json!(["A", "A (2)"])
        );
    }
}
