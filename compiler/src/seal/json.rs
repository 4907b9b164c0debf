//! The one JSON reader of sealed files and of credentials to validate: `serde_json::Value`,
//! but an object with the same key twice is refused. (serde_json keeps the last of two
//! equal keys; another verifier may read the first, so a file with two is two different
//! files at once.)
//!
//! One walk ([`Walk`]) drives serde_json over the text and hands what it meets to a
//! [`Build`]er: [`parse`] builds the value, [`object_keys`] only the top-level keys. Where
//! each value lies in an accepted text is [`Positions::of`]'s business.

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
    drive(serde_json::de::SliceRead::new(bytes), Values)
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
    drive(serde_json::de::SliceRead::new(bytes), Keys)
}

/// Runs one [`Walk`] with `build` over the text `read` gives, and checks nothing but
/// white space follows.
fn drive<'de, R: serde_json::de::Read<'de>, B: Build>(
    read: R,
    build: B,
) -> Result<B::Out, JsonError> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::new(read);
    let out = Walk {
        build,
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|out| deserializer.end().map(|()| out));
    match (out, duplicate.into_inner()) {
        (_, Some(key)) => Err(JsonError::Duplicate(key)),
        (Ok(out), None) => Ok(out),
        (Err(e), None) => Err(JsonError::Syntax(e)),
    }
}

/// The error for `key` repeated in an object, noted in `duplicate`.
fn repeated<E: de::Error>(key: String, duplicate: &RefCell<Option<String>>) -> E {
    let error = E::custom(format_args!("two `{key}` keys"));
    *duplicate.borrow_mut() = Some(key);
    error
}

/// A JSON value that holds no other: what a walk hands to [`Build::scalar`].
#[derive(Clone, Copy)]
enum Scalar<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(&'a str),
}

impl Scalar<'_> {
    fn value(self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(v) => Value::Bool(v),
            Scalar::I64(v) => Value::Number(v.into()),
            Scalar::U64(v) => Value::Number(v.into()),
            Scalar::F64(v) => Number::from_f64(v).map_or(Value::Null, Value::Number),
            Scalar::Str(v) => Value::String(v.to_string()),
        }
    }
}

/// What a [`Walk`] makes of the values it meets, from the innermost out.
trait Build: Copy {
    /// What one value becomes.
    type Out;
    /// An array being read.
    type Seq;
    /// An object being read.
    type Map;
    fn scalar(self, value: Scalar<'_>) -> Self::Out;
    fn seq(self) -> Self::Seq;
    fn push(self, seq: &mut Self::Seq, item: Self::Out);
    fn end_seq(self, seq: Self::Seq) -> Self::Out;
    fn map(self) -> Self::Map;
    /// Whether `map` already has `key` (the walk then refuses the text).
    fn contains(self, map: &Self::Map, key: &str) -> bool;
    fn insert(self, map: &mut Self::Map, key: String, value: Self::Out);
    fn end_map(self, map: Self::Map) -> Self::Out;
}

/// The one walk over a JSON text: every value, objects checked for repeated keys.
struct Walk<'a, B> {
    build: B,
    duplicate: &'a RefCell<Option<String>>,
}

impl<B: Copy> Clone for Walk<'_, B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B: Copy> Copy for Walk<'_, B> {}

impl<'de, B: Build> DeserializeSeed<'de> for Walk<'_, B> {
    type Value = B::Out;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<B::Out, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, B: Build> Visitor<'de> for Walk<'_, B> {
    type Value = B::Out;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::Null))
    }

    fn visit_bool<E>(self, v: bool) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::I64(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::U64(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::F64(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<B::Out, E> {
        Ok(self.build.scalar(Scalar::Str(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<B::Out, A::Error> {
        let mut items = self.build.seq();
        while let Some(item) = seq.next_element_seed(self)? {
            self.build.push(&mut items, item);
        }
        Ok(self.build.end_seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<B::Out, A::Error> {
        let mut object = self.build.map();
        while let Some(key) = map.next_key::<String>()? {
            if self.build.contains(&object, &key) {
                return Err(repeated(key, self.duplicate));
            }
            let value = map.next_value_seed(self)?;
            self.build.insert(&mut object, key, value);
        }
        Ok(self.build.end_map(object))
    }
}

/// Builds the [`Value`].
#[derive(Clone, Copy)]
struct Values;

impl Build for Values {
    type Out = Value;
    type Seq = Vec<Value>;
    type Map = Map<String, Value>;

    fn scalar(self, value: Scalar<'_>) -> Value {
        value.value()
    }

    fn seq(self) -> Vec<Value> {
        Vec::new()
    }

    fn push(self, seq: &mut Vec<Value>, item: Value) {
        seq.push(item);
    }

    fn end_seq(self, seq: Vec<Value>) -> Value {
        Value::Array(seq)
    }

    fn map(self) -> Map<String, Value> {
        Map::new()
    }

    fn contains(self, map: &Map<String, Value>, key: &str) -> bool {
        map.contains_key(key)
    }

    fn insert(self, map: &mut Map<String, Value>, key: String, value: Value) {
        map.insert(key, value);
    }

    fn end_map(self, map: Map<String, Value>) -> Value {
        Value::Object(map)
    }
}

/// Keeps an object's keys only: an object's keys, `None` for anything else.
#[derive(Clone, Copy)]
struct Keys;

impl Build for Keys {
    type Out = Option<HashSet<String>>;
    type Seq = ();
    type Map = HashSet<String>;

    fn scalar(self, _: Scalar<'_>) -> Self::Out {
        None
    }

    fn seq(self) {}

    fn push(self, _: &mut (), _: Self::Out) {}

    fn end_seq(self, _: ()) -> Self::Out {
        None
    }

    fn map(self) -> HashSet<String> {
        HashSet::new()
    }

    fn contains(self, map: &HashSet<String>, key: &str) -> bool {
        map.contains(key)
    }

    fn insert(self, map: &mut HashSet<String>, key: String, _: Self::Out) {
        map.insert(key);
    }

    fn end_map(self, map: HashSet<String>) -> Self::Out {
        Some(map)
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
