//! Where a value is in a JSON document: its path (`credentialSubject.hasClaim[0]`) and the
//! byte range of its text.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde_json::Value;

/// One step of a [`JsonPath`]: into an object's member or an array's item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The member with this key.
    Key(String),
    /// The item at this index (from 0).
    Index(usize),
}

/// The path from a document's top to one of its values, written
/// `credentialSubject.hasClaim[0].awardedBy` (a key that is not a plain word is written
/// `["a key"]`; the top itself is the empty path, written as nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath(Vec<Step>);

impl JsonPath {
    /// The path of these steps.
    pub fn new(steps: Vec<Step>) -> JsonPath {
        JsonPath(steps)
    }

    /// The steps, from the top.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// True for the document's top.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path as a JSON Pointer (RFC 6901): `/credentialSubject/hasClaim/0`.
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.0 {
            pointer.push('/');
            match step {
                Step::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Step::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    /// The path a JSON Pointer names in `value` (a number is an index where the value
    /// there is an array, a key where it is an object), or `None` when `value` has
    /// nothing there.
    pub fn from_pointer(pointer: &str, value: &Value) -> Option<JsonPath> {
        if pointer.is_empty() {
            return Some(JsonPath::default());
        }
        let mut steps = Vec::new();
        let mut here = value;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            match here {
                Value::Object(members) => {
                    here = members.get(&token)?;
                    steps.push(Step::Key(token));
                }
                Value::Array(items) => {
                    let index: usize = token.parse().ok()?;
                    here = items.get(index)?;
                    steps.push(Step::Index(index));
                }
                _ => return None,
            }
        }
        Some(JsonPath(steps))
    }

    /// This path without its first step when that is `first`.
    fn below(&self, first: &Step) -> Option<JsonPath> {
        match self.0.split_first() {
            Some((step, rest)) if step == first => Some(JsonPath(rest.to_vec())),
            _ => None,
        }
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Index(index) => write!(f, "[{index}]")?,
                Step::Key(key) if is_word(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => write!(f, "[{}]", Value::String(key.clone()))?,
            }
        }
        Ok(())
    }
}

/// A key written bare in a path: letters, digits, `_`, `-`, `@`, `:`, not empty.
fn is_word(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | ':'))
}

/// Where each value of a JSON document lies: the byte range of its text, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    ranges: BTreeMap<JsonPath, Range<usize>>,
}

impl Positions {
    /// The positions of these values.
    pub(crate) fn new(found: Vec<(JsonPath, Range<usize>)>) -> Positions {
        Positions {
            ranges: found.into_iter().collect(),
        }
    }

    /// The byte range of the value at `path`.
    pub fn get(&self, path: &JsonPath) -> Option<Range<usize>> {
        self.ranges.get(path).cloned()
    }

    /// Every value's path and range, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&JsonPath, &Range<usize>)> {
        self.ranges.iter()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The positions of the values inside the one at `step`, with paths from there.
    pub(crate) fn below(&self, step: &Step) -> Positions {
        Positions {
            ranges: self
                .ranges
                .iter()
                .filter_map(|(path, range)| Some((path.below(step)?, range.clone())))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> Step {
        Step::Key(k.to_string())
    }

    #[test]
    fn paths_are_written_as_people_read_them_and_as_pointers() {
        let path = JsonPath::new(vec![
            key("credentialSubject"),
            key("hasClaim"),
            Step::Index(0),
            key("awardedBy"),
        ]);
        assert_eq!(path.to_string(), "credentialSubject.hasClaim[0].awardedBy");
        assert_eq!(path.pointer(), "/credentialSubject/hasClaim/0/awardedBy");
        let odd = JsonPath::new(vec![key("@context"), Step::Index(1), key("a.b/~c")]);
        assert_eq!(odd.to_string(), r#"@context[1]["a.b/~c"]"#);
        assert_eq!(odd.pointer(), "/@context/1/a.b~1~0c");
        assert_eq!(JsonPath::default().to_string(), "");
    }

    #[test]
    fn a_pointer_is_read_against_the_value() {
        let value = json!({"a": [{"0": true}], "a.b/~c": 1});
        assert_eq!(
            JsonPath::from_pointer("/a/0/0", &value),
            Some(JsonPath::new(vec![key("a"), Step::Index(0), key("0")]))
        );
        assert_eq!(
            JsonPath::from_pointer("/a.b~1~0c", &value),
            Some(JsonPath::new(vec![key("a.b/~c")]))
        );
        assert_eq!(
            JsonPath::from_pointer("", &value),
            Some(JsonPath::default())
        );
        assert_eq!(JsonPath::from_pointer("/a/1", &value), None);
        assert_eq!(JsonPath::from_pointer("/a/x", &value), None);
        assert_eq!(JsonPath::from_pointer("a", &value), None);
    }
}
