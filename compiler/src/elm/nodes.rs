//! Building blocks of ELM JSON-LD: ids, concepts, texts, notes and other value shapes.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::check::{Image, ImageFormat, LangText, Region, Term};
use crate::vocab::{self, Concept, Scheme};

/// Hands out `urn:epass:<kind>:<n>` ids, numbered per kind within one document.
#[derive(Debug, Default)]
pub struct Ids {
    counters: HashMap<&'static str, u32>,
}

impl Ids {
    /// The next id of a kind.
    pub fn next(&mut self, kind: &'static str) -> String {
        let n = self.counters.entry(kind).or_insert(0);
        *n += 1;
        format!("urn:epass:{kind}:{n}")
    }
}

/// A JSON object from key/value pairs, skipping nulls, empty arrays and empty objects.
pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        let empty = match &value {
            Value::Null => true,
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            map.insert(key.to_string(), value);
        }
    }
    Value::Object(map)
}

/// One value as itself, several as an array, none as null (then skipped by [`object`]).
pub fn one_or_many(mut values: Vec<Value>) -> Value {
    match values.len() {
        0 => Value::Null,
        1 => values.pop().unwrap_or(Value::Null),
        _ => Value::Array(values),
    }
}

/// A language map `{"en": "...", "de": "..."}`.
pub fn lang_map(text: &LangText) -> Value {
    let mut map = Map::new();
    for (lang, value) in &text.0 {
        map.insert(lang.clone(), Value::String(value.clone()));
    }
    Value::Object(map)
}

/// A concept node. Labels are always the same for the same concept (one IRI, one node).
pub fn concept(scheme: Scheme, concept: &Concept) -> Value {
    let mut labels = Map::new();
    if !concept.label_en.is_empty() {
        labels.insert("en".into(), Value::String(concept.label_en.clone()));
    }
    for (lang, label) in &concept.labels {
        if *label != concept.label_en {
            labels.insert(lang.clone(), Value::String(label.clone()));
        }
    }
    let mut node = object([
        ("id", json!(concept.iri)),
        ("type", json!("Concept")),
        (
            "inScheme",
            json!({"id": scheme.iri(), "type": "ConceptScheme"}),
        ),
        ("prefLabel", Value::Object(labels)),
    ]);
    if let (Some(notation), Value::Object(map)) = (scheme.notation_label(), &mut node) {
        map.insert("notation".into(), json!(notation));
    }
    node
}

/// A concept node for a checked term (one known only by its IRI has no labels).
pub fn term(term: &Term) -> Value {
    concept(term.scheme, &term.concept)
}

/// Concept nodes for several terms.
pub fn terms(terms: &[Term]) -> Value {
    one_or_many(terms.iter().map(term).collect())
}

/// A concept of a scheme by its IRI (for fixed concepts such as ECTS or the Generic profile).
pub fn fixed_concept(scheme: Scheme, iri: &str) -> Value {
    match vocab::scheme(scheme).by_iri(iri) {
        Some(c) => concept(scheme, c),
        None => {
            json!({"id": iri, "type": "Concept", "inScheme": {"id": scheme.iri(), "type": "ConceptScheme"}})
        }
    }
}

/// The language concept for a language tag (`en` → `.../language/ENG`).
pub fn language_concept(tag: &str) -> Value {
    let code = vocab::language_code_for_tag(tag).unwrap_or("ENG");
    match vocab::scheme(Scheme::Language).concept(code) {
        Some(c) => concept(Scheme::Language, c),
        None => Value::Null,
    }
}

/// An own concept (`urn:epass:concept:<key>`), for notes' subjects and free terms.
pub fn own_concept(key: &str, scheme_key: &str, label: &LangText) -> Value {
    json!({
        "id": format!("urn:epass:concept:{key}"),
        "type": "Concept",
        "inScheme": {"id": format!("urn:epass:conceptScheme:{scheme_key}"), "type": "ConceptScheme"},
        "prefLabel": lang_map(label),
    })
}

/// A `Note`, optionally with a subject concept.
pub fn note(ids: &mut Ids, text: &LangText, subject: Option<Value>) -> Value {
    object([
        ("id", json!(ids.next("note"))),
        ("type", json!("Note")),
        ("noteLiteral", lang_map(text)),
        ("subject", subject.unwrap_or(Value::Null)),
    ])
}

/// The concept of a unit of the EU's table of administrative territorial units.
pub fn region_concept(region: &Region) -> Value {
    json!({
        "id": region.iri,
        "type": "Concept",
        "inScheme": {"id": Region::SCHEME, "type": "ConceptScheme"},
        "notation": "atu",
        "prefLabel": lang_map(&region.label),
    })
}

/// An `Address`: its country, and the address in one line when there is one (a `Note`
/// in each language given).
pub fn address(ids: &mut Ids, text: &LangText, country: Value) -> Value {
    let id = ids.next("address");
    let full = (!text.is_empty()).then(|| note(ids, text, None));
    object([
        ("id", json!(id)),
        ("type", json!("Address")),
        ("countryCode", country),
        ("fullAddress", full.unwrap_or(Value::Null)),
    ])
}

/// A `WebResource` for a URL.
pub fn web_resource(ids: &mut Ids, url: &str) -> Value {
    json!({"id": ids.next("webResource"), "type": "WebResource", "contentURL": url})
}

/// A number as ELM writes credit points: `3`, `2.5`.
pub fn points(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A PNG image (a rendered page) as an ELM `MediaObject`.
pub fn png_media_object(ids: &mut Ids, png: &[u8]) -> Value {
    media_object(ids, png, ImageFormat::Png)
}

/// An image file (a logo) as an ELM `MediaObject`.
pub fn image_media_object(ids: &mut Ids, image: &Image) -> Value {
    media_object(ids, &image.bytes, image.format)
}

/// Base64 content with its encoding and file type concepts, as the EU's issuer writes
/// them.
fn media_object(ids: &mut Ids, bytes: &[u8], format: ImageFormat) -> Value {
    use base64::Engine as _;
    let file_type = match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
    };
    json!({
        "id": ids.next("mediaObject"),
        "type": "MediaObject",
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "contentEncoding": {
            "id": "http://data.europa.eu/snb/encoding/6146cde7dd",
            "type": "Concept",
            "inScheme": { "id": "http://data.europa.eu/snb/encoding/25831c2", "type": "ConceptScheme" },
            "prefLabel": { "en": "base64" }
        },
        "contentType": {
            "id": format!("http://publications.europa.eu/resource/authority/file-type/{file_type}"),
            "type": "Concept",
            "inScheme": { "id": "http://publications.europa.eu/resource/authority/file-type", "type": "ConceptScheme" },
            "prefLabel": { "en": file_type },
            "notation": "file-type"
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_count_per_kind() {
        let mut ids = Ids::default();
        assert_eq!(ids.next("org"), "urn:epass:org:1");
        assert_eq!(ids.next("note"), "urn:epass:note:1");
        assert_eq!(ids.next("org"), "urn:epass:org:2");
    }

    #[test]
    fn objects_skip_empty_values() {
        let v = object([
            ("a", json!(1)),
            ("b", Value::Null),
            ("c", json!([])),
            ("d", json!({})),
        ]);
        assert_eq!(v, json!({"a": 1}));
    }
}
