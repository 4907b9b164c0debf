//! The one JSON reader of sealed files and of credentials to validate: `serde_json::Value`,
//! but an object with the same key twice is refused. (serde_json keeps the last of two
//! equal keys; another verifier may read the first, so a file with two is two different
//! files at once.)
//!
//! One walk ([`Walk`]) drives serde_json over the text and hands what it meets to a
//! [`Build`]er: [`parse`] builds the value, [`object_keys`] only the top-level keys, and
//! [`parse_with_positions`] the value and where each of its values lies in the text.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::io;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::validate::position::{JsonPath, Positions, Step};

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

/// `text` as a JSON value, as [`parse`] reads it, with the byte range in `text` of every
/// value in it.
///
/// serde_json does not tell where it is; it is made to read through a counter
/// ([`Counted`]) instead, so the count of bytes it has pulled is known whenever the walk
/// meets a value: an array or object begins one byte before (its bracket was just read)
/// and ends at the count when its closing bracket has been looked at; a text, `true`,
/// `false` or `null` ends at the count, a number one byte before when serde_json looked
/// past it, and each begins where reading back over its text from its end stops.
pub(crate) fn parse_with_positions(text: &str) -> Result<(Value, Positions), JsonError> {
    let pulled = Cell::new(0);
    let placed = Placed {
        text: text.as_bytes(),
        pulled: &pulled,
        path: RefCell::default(),
        found: RefCell::default(),
    };
    let read = serde_json::de::IoRead::new(Counted {
        text: text.as_bytes(),
        pulled: &pulled,
    });
    let value = drive(read, Located(&placed))?;
    Ok((value, Positions::new(placed.found.into_inner())))
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
    /// The walk goes into the member `key` (before reading it).
    fn enter_key(self, _key: &str) {}
    /// The walk goes into the item `index` (before reading it).
    fn enter_index(self, _index: usize) {}
    /// The walk is back from the last member or item it went into.
    fn leave(self) {}
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
        for index in 0.. {
            self.build.enter_index(index);
            let item = seq.next_element_seed(self);
            self.build.leave();
            match item? {
                Some(item) => self.build.push(&mut items, item),
                None => break,
            }
        }
        Ok(self.build.end_seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<B::Out, A::Error> {
        let mut object = self.build.map();
        while let Some(key) = map.next_key::<String>()? {
            if self.build.contains(&object, &key) {
                return Err(repeated(key, self.duplicate));
            }
            self.build.enter_key(&key);
            let value = map.next_value_seed(self);
            self.build.leave();
            self.build.insert(&mut object, key, value?);
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

/// The text serde_json reads for [`parse_with_positions`], counting the bytes it pulls.
struct Counted<'a> {
    text: &'a [u8],
    pulled: &'a Cell<usize>,
}

impl io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let at = self.pulled.get();
        let rest = self.text.get(at..).unwrap_or_default();
        let n = buf.len().min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pulled.set(at + n);
        Ok(n)
    }
}

/// What [`Located`] keeps while the walk goes: where serde_json is, the path to the value
/// being read, and the places found so far.
struct Placed<'a> {
    text: &'a [u8],
    pulled: &'a Cell<usize>,
    path: RefCell<Vec<Step>>,
    found: RefCell<Vec<(JsonPath, Range<usize>)>>,
}

impl Placed<'_> {
    /// Notes that the value at the current path lies at `range`.
    fn found(&self, range: Range<usize>) {
        let path = JsonPath::new(self.path.borrow().clone());
        self.found.borrow_mut().push((path, range));
    }

    /// Where the scalar just read lies (see [`parse_with_positions`]).
    fn scalar_range(&self, value: Scalar<'_>) -> Range<usize> {
        let text = self.text;
        let pulled = self.pulled.get().min(text.len());
        match value {
            Scalar::Null => pulled.saturating_sub(4)..pulled,
            Scalar::Bool(v) => pulled.saturating_sub(if v { 4 } else { 5 })..pulled,
            Scalar::Str(_) => {
                // Back from the closing quote to the opening one: a quote inside a text
                // is escaped, that is after an odd number of backslashes.
                let mut start = pulled.saturating_sub(1);
                while start > 0 {
                    start -= 1;
                    if text[start] == b'"' {
                        let backslashes = text[..start]
                            .iter()
                            .rev()
                            .take_while(|&&b| b == b'\\')
                            .count();
                        if backslashes % 2 == 0 {
                            break;
                        }
                    }
                }
                start..pulled
            }
            Scalar::I64(_) | Scalar::U64(_) | Scalar::F64(_) => {
                let number = |b: &u8| b.is_ascii_digit() || b"+-.eE".contains(b);
                let end = if pulled > 0 && !number(&text[pulled - 1]) {
                    pulled - 1
                } else {
                    pulled
                };
                let start = end - text[..end].iter().rev().take_while(|b| number(b)).count();
                start..end
            }
        }
    }
}

/// Builds the [`Value`] and notes where each value lies.
#[derive(Clone, Copy)]
struct Located<'a>(&'a Placed<'a>);

impl Build for Located<'_> {
    type Out = Value;
    /// The items and where the array begins.
    type Seq = (Vec<Value>, usize);
    /// The members and where the object begins.
    type Map = (Map<String, Value>, usize);

    fn scalar(self, value: Scalar<'_>) -> Value {
        self.0.found(self.0.scalar_range(value));
        value.value()
    }

    fn seq(self) -> Self::Seq {
        (Vec::new(), self.0.pulled.get().saturating_sub(1))
    }

    fn push(self, seq: &mut Self::Seq, item: Value) {
        seq.0.push(item);
    }

    fn end_seq(self, (items, start): Self::Seq) -> Value {
        self.0.found(start..self.0.pulled.get());
        Value::Array(items)
    }

    fn map(self) -> Self::Map {
        (Map::new(), self.0.pulled.get().saturating_sub(1))
    }

    fn contains(self, map: &Self::Map, key: &str) -> bool {
        map.0.contains_key(key)
    }

    fn insert(self, map: &mut Self::Map, key: String, value: Value) {
        map.0.insert(key, value);
    }

    fn end_map(self, (members, start): Self::Map) -> Value {
        self.0.found(start..self.0.pulled.get());
        Value::Object(members)
    }

    fn enter_key(self, key: &str) {
        self.0.path.borrow_mut().push(Step::Key(key.to_string()));
    }

    fn enter_index(self, index: usize) {
        self.0.path.borrow_mut().push(Step::Index(index));
    }

    fn leave(self) {
        self.0.path.borrow_mut().pop();
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

    /// Every position slices a text that reads back as the value at its path, and every
    /// value has one.
    fn assert_positions_read_back(text: &str) {
        let (value, positions) = parse_with_positions(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        let mut count = 0;
        let mut stack = vec![(JsonPath::default(), &value)];
        while let Some((path, here)) = stack.pop() {
            count += 1;
            let range = positions
                .get(&path)
                .unwrap_or_else(|| panic!("no place for {path}"));
            let slice = &text[range];
            let read: Value = serde_json::from_str(slice)
                .unwrap_or_else(|e| panic!("{path}: {slice:?} is not JSON: {e}"));
            assert_eq!(&read, here, "{path}: {slice:?}");
            let mut steps = path.steps().to_vec();
            match here {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        steps.push(Step::Index(i));
                        stack.push((JsonPath::new(steps.clone()), item));
                        steps.pop();
                    }
                }
                Value::Object(members) => {
                    for (k, member) in members {
                        steps.push(Step::Key(k.clone()));
                        stack.push((JsonPath::new(steps.clone()), member));
                        steps.pop();
                    }
                }
                _ => {}
            }
        }
        assert_eq!(count, positions.len(), "{text}");
    }

    #[test]
    fn positions_slice_each_value_of_the_text() {
        for text in [
            r#"{"a": [1, -2.5e3, {"b": true, "c": null}], "d": {"e": "x"}, "f": 1.5}"#,
            "{\n  \"q\\\"\" : \"a \\\"quoted\\\\\" ,\"n\":0 , \"m\":[[],{} ,false]\n}\n",
            r#"[ "\\", "\\\"", "é\u00e9", 12345678901234567890, -0, 1E+2 ]"#,
            "  42  ",
            r#""top""#,
            "{}",
        ] {
            assert_positions_read_back(text);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data");
        for sub in ["elm-examples/authored", "elm-examples/ec-2024", "seal"] {
            for entry in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "jsonld") {
                    assert_positions_read_back(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
    }

    #[test]
    fn positions_refuse_what_parse_refuses() {
        assert!(matches!(
            parse_with_positions(r#"{"a": {"b": 1, "b": 2}}"#),
            Err(JsonError::Duplicate(key)) if key == "b"
        ));
        assert!(matches!(
            parse_with_positions("{} []"),
            Err(JsonError::Syntax(_))
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse_with_positions(&deep),
            Err(JsonError::Syntax(_))
        ));
    }
}
