//! The one JSON reader of sealed files: `serde_json::Value`, but an object with the same
//! key twice is refused. (serde_json keeps the last of two equal keys; another verifier
//! may read the first, so a file with two is two different files at once.)

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Why a text could not be read as strict JSON.
#[derive(Debug)]
pub(crate) enum JsonError {
    /// It is not JSON.
    Syntax(serde_json::Error),
    /// An object has this key twice.
    Duplicate(String),
}

impl JsonError {
    /// The problem in plain words, `what` naming the text (`the seal`, `the protected
    /// header`, `the credential`).
    pub(crate) fn explain(&self, what: &str) -> String {
        match self {
            JsonError::Syntax(e) => format!("{what} is not JSON: {e}"),
            JsonError::Duplicate(key) => {
                format!("{what} has two `{key}` fields: a sealed file has one of each")
            }
        }
    }
}

/// `bytes` as a JSON value, refusing an object with a repeated key anywhere in it.
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = Strict {
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match (value, duplicate.into_inner()) {
        (_, Some(key)) => Err(JsonError::Duplicate(key)),
        (Ok(value), None) => Ok(value),
        (Err(e), None) => Err(JsonError::Syntax(e)),
    }
}

/// `bytes` as a JSON object (`None` when it is another JSON value), refusing repeated
/// keys as [`parse`] does.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Option<Map<String, Value>>, JsonError> {
    Ok(match parse(bytes)? {
        Value::Object(map) => Some(map),
        _ => None,
    })
}

/// The keys of `bytes`' top-level object (`None` when it is another JSON value), the
/// whole text checked for repeated keys as [`parse`] does but without building it.
pub(crate) fn object_keys(bytes: &[u8]) -> Result<Option<HashSet<String>>, JsonError> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let keys = Keys {
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|keys| deserializer.end().map(|()| keys));
    match (keys, duplicate.into_inner()) {
        (_, Some(key)) => Err(JsonError::Duplicate(key)),
        (Ok(keys), None) => Ok(keys),
        (Err(e), None) => Err(JsonError::Syntax(e)),
    }
}

/// The error for `key` repeated in an object, noted in `duplicate`.
fn repeated<E: de::Error>(key: String, duplicate: &RefCell<Option<String>>) -> E {
    let error = E::custom(format_args!("two `{key}` keys"));
    *duplicate.borrow_mut() = Some(key);
    error
}

/// Reads a value for its object keys only: an object's keys, `None` for anything else.
#[derive(Clone, Copy)]
struct Keys<'a> {
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Keys<'_> {
    type Value = Option<HashSet<String>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keys<'_> {
    type Value = Option<HashSet<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(repeated(key, self.duplicate));
            }
            map.next_value_seed(self)?;
            keys.insert(key);
        }
        Ok(Some(keys))
    }
}

/// Builds a [`Value`], noting the first repeated key of an object in `duplicate`.
#[derive(Clone, Copy)]
struct Strict<'a> {
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(repeated(key, self.duplicate));
            }
            let value = map.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_refused_at_any_depth() {
        let text = br#"{"a": [1, {"b": true, "c": null}], "d": {"e": "x"}, "f": 1.5}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_slice::<Value>(text).unwrap()
        );
        for (text, key) in [
            (&br#"{"payload": "a", "payload": "b"}"#[..], "payload"),
            (br#"{"a": [{"x": 1, "y": 2, "x": 3}]}"#, "x"),
            (br#"{"a": {"b": {}, "b": {}}}"#, "b"),
        ] {
            match parse(text) {
                Err(JsonError::Duplicate(found)) => assert_eq!(found, key),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(parse(b"{} x"), Err(JsonError::Syntax(_))));
        assert!(matches!(parse(b"{\"a\":"), Err(JsonError::Syntax(_))));
        assert_eq!(parse_object(b"[1]").unwrap(), None);
        let keys = object_keys(br#"{"a": [{"b": 1}], "c": {"a": 2}}"#)
            .unwrap()
            .unwrap();
        assert_eq!(keys, HashSet::from(["a".to_string(), "c".to_string()]));
        assert_eq!(object_keys(b"[1, {}]").unwrap(), None);
        assert!(matches!(
            object_keys(br#"{"a": [{"b": 1, "b": 2}]}"#),
            Err(JsonError::Duplicate(key)) if key == "b"
        ));
        assert!(matches!(object_keys(b"{} {}"), Err(JsonError::Syntax(_))));
        let deep = "[".repeat(100_000);
        assert!(matches!(parse(deep.as_bytes()), Err(JsonError::Syntax(_))));
    }
}
