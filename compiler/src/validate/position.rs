//! Where a value is in a JSON document: its path (`credentialSubject.hasClaim[0]`) and the
//! byte range of its text.

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

/// Where each value of a JSON document lies: the byte range of its text, found by path.
///
/// Read from a text the strict reader ([`crate::seal::json::parse`]) has accepted by one
/// pass over its bytes that follows only its structure (brackets, texts, the other
/// values): a tree of ranges, each object member with the range of its key, so that
/// nothing is copied; a path is followed by comparing keys with the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    nodes: Vec<Node>,
    /// The node the paths start from (none for an empty tree).
    root: Option<u32>,
}

/// One value: its range, its key's (quotes included) when it is an object member, its
/// first item or member and the next of its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    range: Range<usize>,
    key: Option<Range<usize>>,
    first_child: Option<u32>,
    next_sibling: Option<u32>,
}

/// A container being read: its node, its last child so far, and for an object whether
/// a key comes next.
struct Open {
    node: u32,
    last_child: Option<u32>,
    object: bool,
    key_next: bool,
}

impl Positions {
    /// The positions of the values of `text`, a JSON text the strict reader accepted
    /// (`None` if it is not JSON after all).
    pub(crate) fn of(text: &str) -> Option<Positions> {
        let bytes = text.as_bytes();
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        let mut key: Option<Range<usize>> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b':') {
                if b == b',' {
                    if let Some(o) = open.last_mut() {
                        o.key_next = o.object;
                    }
                }
                i += 1;
                continue;
            }
            if matches!(b, b'}' | b']') {
                let o = open.pop()?;
                nodes[o.node as usize].range.end = i + 1;
                i += 1;
                continue;
            }
            let end = match b {
                b'{' | b'[' => i + 1,
                b'"' => {
                    let mut j = i + 1;
                    loop {
                        match bytes.get(j)? {
                            b'\\' => j += 2,
                            b'"' => break j + 1,
                            _ => j += 1,
                        }
                    }
                }
                _ => {
                    let mut j = i;
                    while j < bytes.len()
                        && !matches!(
                            bytes[j],
                            b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}'
                        )
                    {
                        j += 1;
                    }
                    j
                }
            };
            if let Some(o) = open.last_mut().filter(|o| o.key_next) {
                if b != b'"' {
                    return None;
                }
                o.key_next = false;
                key = Some(i..end);
                i = end;
                continue;
            }
            let id = u32::try_from(nodes.len()).ok()?;
            nodes.push(Node {
                range: i..end,
                key: key.take(),
                first_child: None,
                next_sibling: None,
            });
            match open.last_mut() {
                Some(o) => {
                    match o.last_child {
                        Some(last) => nodes[last as usize].next_sibling = Some(id),
                        None => nodes[o.node as usize].first_child = Some(id),
                    }
                    o.last_child = Some(id);
                }
                None if id > 0 => return None,
                None => {}
            }
            if matches!(b, b'{' | b'[') {
                open.push(Open {
                    node: id,
                    last_child: None,
                    object: b == b'{',
                    key_next: b == b'{',
                });
            }
            i = end;
        }
        if !open.is_empty() {
            return None;
        }
        let root = (!nodes.is_empty()).then_some(0);
        Some(Positions { nodes, root })
    }

    /// The byte range in `text` (the text these positions were read from) of the value
    /// at `path`.
    pub fn get(&self, text: &str, path: &JsonPath) -> Option<Range<usize>> {
        let mut here = self.root?;
        for step in path.steps() {
            here = self.child(text, here, step)?;
        }
        Some(self.nodes[here as usize].range.clone())
    }

    /// The child of node `of` that `step` goes to.
    fn child(&self, text: &str, of: u32, step: &Step) -> Option<u32> {
        let mut child = self.nodes[of as usize].first_child;
        let mut index = 0;
        while let Some(c) = child {
            let node = &self.nodes[c as usize];
            let found = match (step, &node.key) {
                (Step::Index(i), None) => *i == index,
                (Step::Key(k), Some(range)) => key_is(text.get(range.clone())?, k),
                _ => return None,
            };
            if found {
                return Some(c);
            }
            index += 1;
            child = node.next_sibling;
        }
        None
    }

    /// How many values there are.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The positions of the values inside the one at `step`, with paths from there.
    pub(crate) fn below(&self, text: &str, step: &Step) -> Positions {
        Positions {
            nodes: self.nodes.clone(),
            root: self.root.and_then(|r| self.child(text, r, step)),
        }
    }
}

/// Whether the JSON text `quoted` (a key, quotes included) reads as `key`.
fn key_is(quoted: &str, key: &str) -> bool {
    let inner = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
    if inner.contains('\\') {
        serde_json::from_str::<String>(quoted).is_ok_and(|k| k == key)
    } else {
        inner == key
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

    /// Every position slices a text that reads back as the value at its path, and every
    /// value has one.
    fn assert_positions_read_back(text: &str) {
        let value = crate::seal::json::parse(text.as_bytes()).unwrap();
        let positions = Positions::of(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        let mut count = 0;
        let mut stack = vec![(JsonPath::default(), &value)];
        while let Some((path, here)) = stack.pop() {
            count += 1;
            let range = positions
                .get(text, &path)
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
        // A path that is not in the value has no place.
        assert_eq!(
            positions.get(text, &JsonPath::new(vec![Step::Index(1 << 20)])),
            None
        );
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

    proptest::proptest! {
        /// Any JSON value, compact or pretty, has each of its values found.
        #[test]
        fn positions_of_any_value(value in json_value(), pretty: bool) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            assert_positions_read_back(&text);
        }

        /// Any text at all: an answer or `None`, never a panic.
        #[test]
        fn positions_of_any_text(text in "[\\[\\]{}\":, a0\\\\-]{0,40}") {
            let _ = Positions::of(&text);
        }
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "[a-z\"\\\\\u{e9}\n/]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z\"\\\\.]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
