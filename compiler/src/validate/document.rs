//! Reading a credential file in any of its three forms:
//!
//! * the credential itself (unsigned JSON-LD, an object with `@context`),
//! * the EU issuer's upload form, `{"credential": {...}}`,
//! * a JAdES-sealed file: the JWS JSON serialization, whose `payload` member is a text
//!   holding the credential's JSON.
//!
//! The result is the credential's JSON value and, on first asking, the [`Positions`] of
//! every value in it (read again with a slower reader only for a file with something to
//! point at). Positions are byte ranges in [`Document::text`]: the file's text (without a byte order
//! mark, as [`crate::source::SourceFile`] holds it) for the first two forms; for a sealed
//! file, the payload's text, that is the JSON text the payload string holds once its
//! escapes are read. Escapes make offsets in the payload text and in the file differ, so
//! no range in the file is claimed for a value inside the payload; the payload string
//! itself lies at [`Document::payload`] in the file. Added to [`crate::source::Sources`]
//! as its own file, the payload text gets lines and columns like any other.

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use super::position::{JsonPath, Positions, Step};
use crate::files::{self, Kind};
use crate::seal::json::{self, JsonError};
use crate::source::strip_bom;

/// The form a credential file came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The credential object itself.
    Credential,
    /// The EU issuer's upload form, `{"credential": {...}}`.
    Upload,
    /// A JAdES seal (JWS JSON serialization) with the credential as its payload.
    Sealed,
}

/// A credential file, read.
#[derive(Debug, Clone)]
pub struct Document {
    /// The form it came in.
    pub form: Form,
    /// The credential's JSON (an object).
    pub credential: Value,
    /// The text the positions point into: the file's text, or a sealed file's payload.
    pub text: String,
    /// For a sealed file, the byte range of the payload string (quotes included) in the
    /// file's text.
    pub payload: Option<Range<usize>>,
    /// Where each value lies in `text`, read when first asked for.
    positions: OnceLock<Positions>,
}

impl Document {
    fn new(form: Form, credential: Value, text: String, payload: Option<Range<usize>>) -> Self {
        Document {
            form,
            credential,
            text,
            payload,
            positions: OnceLock::new(),
        }
    }

    /// Where each value of the credential lies in [`Document::text`], paths from the
    /// credential's top.
    fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| {
            // An upload form's credential is the value of its `credential` member.
            let all = Positions::of(&self.text).unwrap_or_default();
            match self.form {
                Form::Upload => all.below(&self.text, &Step::Key("credential".into())),
                Form::Credential | Form::Sealed => all,
            }
        })
    }

    /// The byte range in [`Document::text`] of the credential's value at `path`.
    pub fn range(&self, path: &JsonPath) -> Option<Range<usize>> {
        self.positions().get(&self.text, path)
    }
}

/// Why a file is not a credential Laurel can read.
#[derive(Debug)]
pub enum DocumentError {
    /// The file could not be read (missing, not a file, too large, not UTF-8).
    Read(io::Error),
    /// The file, or a sealed file's payload (`in_payload`), is not JSON.
    NotJson {
        /// True for a sealed file's payload.
        in_payload: bool,
        /// serde_json's account, with line and column.
        error: String,
    },
    /// Arrays or objects nest deeper than the JSON reader follows.
    TooDeep {
        /// True for a sealed file's payload.
        in_payload: bool,
    },
    /// An object has the same key twice.
    Duplicate {
        /// True for a sealed file's payload.
        in_payload: bool,
        /// The key.
        key: String,
    },
    /// What should be a credential object is another kind of JSON value.
    NotObject {
        /// What it is: the file, `credential`, the payload.
        place: &'static str,
        /// What kind of value was found (`a list`, `a text`, ...).
        found: &'static str,
    },
    /// A sealed file whose `payload` is not a text.
    PayloadNotText,
    /// More than one credential where one is expected.
    Several {
        /// How many.
        count: usize,
    },
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = |in_payload: bool| {
            if in_payload {
                "the sealed file's payload"
            } else {
                "the file"
            }
        };
        match self {
            DocumentError::Read(e) => write!(f, "cannot read it: {e}"),
            DocumentError::NotJson { in_payload, error } => {
                write!(f, "{} is not JSON: {error}", what(*in_payload))
            }
            DocumentError::TooDeep { in_payload } => write!(
                f,
                "{} nests arrays or objects too deep to read (more than 128 levels); a credential needs a few dozen at most",
                what(*in_payload)
            ),
            DocumentError::Duplicate { in_payload, key } => write!(
                f,
                "{} has an object with two `{key}` members: readers disagree on which one counts, so each key may appear once",
                what(*in_payload)
            ),
            DocumentError::NotObject { place, found } => write!(
                f,
                "{place} is {found}, not a credential: a credential is a JSON object with `@context`, `type` and `credentialSubject`"
            ),
            DocumentError::PayloadNotText => f.write_str(
                "the sealed file's `payload` is not a text: a JAdES seal holds the credential's JSON as a text (a detached payload cannot be checked)",
            ),
            DocumentError::Several { count } => write!(
                f,
                "the file holds {count} credentials where one is expected: put each in a file of its own"
            ),
        }
    }
}

impl std::error::Error for DocumentError {}

/// Reads the credential file at `path` (through [`files`], with the credential size
/// limit).
pub fn read(path: &Path) -> Result<Document, DocumentError> {
    let text = files::read_text(path, Kind::Credential).map_err(DocumentError::Read)?;
    parse(&text)
}

/// Reads a credential file's text (a leading byte order mark is set aside).
pub fn parse(text: &str) -> Result<Document, DocumentError> {
    let text = strip_bom(text).0;
    let members = match strict(text, false)? {
        Value::Object(members) => members,
        Value::Array(items) if items.len() > 1 && items.iter().all(Value::is_object) => {
            return Err(DocumentError::Several { count: items.len() })
        }
        other => {
            return Err(DocumentError::NotObject {
                place: "the file",
                found: kind(&other),
            })
        }
    };
    let sealed = members.contains_key("payload")
        && (members.contains_key("signatures") || members.contains_key("signature"));
    let upload = !members.contains_key("@context") && members.contains_key("credential");
    if sealed {
        let Some(Value::String(payload)) = members.get("payload") else {
            return Err(DocumentError::PayloadNotText);
        };
        let credential = strict(payload, true)?;
        if !credential.is_object() {
            return Err(DocumentError::NotObject {
                place: "the sealed file's payload",
                found: kind(&credential),
            });
        }
        // Where the payload string lies is read now, the payload's own positions when
        // asked for.
        let at = JsonPath::new(vec![Step::Key("payload".into())]);
        let place = Positions::of(text).and_then(|positions| positions.get(text, &at));
        return Ok(Document::new(
            Form::Sealed,
            credential,
            payload.clone(),
            place,
        ));
    }
    if upload {
        let credential = members.get("credential").cloned().unwrap_or_default();
        return match credential {
            Value::Object(_) => Ok(Document::new(
                Form::Upload,
                credential,
                text.to_string(),
                None,
            )),
            Value::Array(items) if items.len() > 1 => {
                Err(DocumentError::Several { count: items.len() })
            }
            other => Err(DocumentError::NotObject {
                place: "`credential`",
                found: kind(&other),
            }),
        };
    }
    Ok(Document::new(
        Form::Credential,
        Value::Object(members),
        text.to_string(),
        None,
    ))
}

/// `text` read strictly (no key twice in an object), its errors in words.
fn strict(text: &str, in_payload: bool) -> Result<Value, DocumentError> {
    json::parse(text.as_bytes()).map_err(|e| match e {
        JsonError::Duplicate(key) => DocumentError::Duplicate { in_payload, key },
        JsonError::Syntax(e) if e.to_string().starts_with("recursion limit exceeded") => {
            DocumentError::TooDeep { in_payload }
        }
        JsonError::Syntax(_) if objects_in_a_row(text) > 1 => DocumentError::Several {
            count: objects_in_a_row(text),
        },
        JsonError::Syntax(e) => DocumentError::NotJson {
            in_payload,
            error: e.to_string(),
        },
    })
}

/// How many JSON objects follow each other from the start of `text` (`{...} {...}`).
fn objects_in_a_row(text: &str) -> usize {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .take_while(Value::is_object)
        .count()
}

/// The kind of a JSON value, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREDENTIAL: &str = "{\n  \"@context\": [\"https://www.w3.org/2018/credentials/v1\"],\n  \"credentialSubject\": {\"hasClaim\": [{\"title\": \"Caf\\u00e9 \\\"1\\\"\"}]}\n}\n";

    fn at(document: &Document, path: &[Step]) -> String {
        let range = document.range(&JsonPath::new(path.to_vec())).unwrap();
        document.text[range].to_string()
    }

    fn claim_title() -> Vec<Step> {
        vec![
            Step::Key("credentialSubject".into()),
            Step::Key("hasClaim".into()),
            Step::Index(0),
            Step::Key("title".into()),
        ]
    }

    #[test]
    fn the_three_forms_give_the_same_credential() {
        let plain = parse(CREDENTIAL).unwrap();
        assert_eq!(plain.form, Form::Credential);
        assert_eq!(at(&plain, &claim_title()), r#""Caf\u00e9 \"1\"""#);
        assert_eq!(plain.payload, None);

        let upload = format!("{{\"credential\": {CREDENTIAL}}}");
        let upload = parse(&upload).unwrap();
        assert_eq!(upload.form, Form::Upload);
        assert_eq!(upload.credential, plain.credential);
        assert_eq!(at(&upload, &claim_title()), r#""Caf\u00e9 \"1\"""#);
        assert_eq!(at(&upload, &[]), CREDENTIAL.trim_end());

        let payload = Value::String(CREDENTIAL.to_string()).to_string();
        let sealed = format!(r#"{{"payload":{payload},"signatures":[]}}"#);
        let document = parse(&sealed).unwrap();
        assert_eq!(document.form, Form::Sealed);
        assert_eq!(document.credential, plain.credential);
        // Positions are in the payload's text, the payload string's place in the file.
        assert_eq!(document.text, CREDENTIAL);
        assert_eq!(at(&document, &claim_title()), r#""Caf\u00e9 \"1\"""#);
        assert_eq!(&sealed[document.payload.unwrap()], payload);

        let bom = parse(&format!("\u{feff}{CREDENTIAL}")).unwrap();
        assert_eq!(at(&bom, &claim_title()), at(&plain, &claim_title()));
    }

    #[test]
    fn the_reference_sealed_files_read_as_their_payload() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seal");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "jsonld") {
                continue;
            }
            let document = read(&path).unwrap();
            let file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let payload: Value = serde_json::from_str(file["payload"].as_str().unwrap()).unwrap();
            assert_eq!(document.form, Form::Sealed, "{}", path.display());
            assert_eq!(document.credential, payload, "{}", path.display());
        }
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn bad_files_are_refused_in_words() {
        assert!(error("@context")
            .starts_with("the file is not JSON: expected value at line 1 column 1"));
        assert!(error("[1, 2]").starts_with("the file is a list, not a credential"));
        assert!(error("\"text\"").starts_with("the file is a text, not a credential"));
        assert!(
            error(r#"{"credential": 3}"#).starts_with("`credential` is a number, not a credential")
        );
        assert!(error(r#"{"payload": 1, "signatures": []}"#)
            .starts_with("the sealed file's `payload` is not a text"));
        assert!(error(r#"{"payload": "{\"a\": ", "signatures": []}"#)
            .starts_with("the sealed file's payload is not JSON: EOF while parsing"));
        assert!(error(r#"{"payload": "[]", "signatures": []}"#)
            .starts_with("the sealed file's payload is a list, not a credential"));
        assert!(
            error(r#"{"payload": "{\"a\": 1, \"a\": 1}", "signatures": []}"#)
                .starts_with("the sealed file's payload has an object with two `a` members")
        );
        assert!(error(r#"{"id": 1, "type": [{"a": 1, "a": 2}]}"#)
            .starts_with("the file has an object with two `a` members"));
        let several = "the file holds 2 credentials where one is expected";
        assert!(error(r#"{"id": 1} {"id": 2}"#).starts_with(several));
        assert!(error(r#"[{"id": 1}, {"id": 2}]"#).starts_with(several));
        assert!(error(r#"{"credential": [{"id": 1}, {"id": 2}]}"#).starts_with(several));
        assert!(error(r#"{"id": 1} [2]"#).starts_with("the file is not JSON: trailing characters"));
    }

    #[test]
    fn deep_nesting_is_refused_not_followed() {
        for depth in [129, 100_000] {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert!(
                error(&deep).starts_with("the file nests arrays or objects too deep"),
                "{depth}"
            );
            let sealed = format!(
                r#"{{"payload": {}, "signatures": []}}"#,
                Value::String(format!("{{\"a\": {deep}}}"))
            );
            assert!(error(&sealed)
                .starts_with("the sealed file's payload nests arrays or objects too deep"));
        }
        // What serde_json follows is read.
        let fine = format!("{{\"a\": {}{}}}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn large_files_are_read_up_to_the_limit_and_refused_above_it() {
        let dir = tempfile::tempdir().unwrap();
        // 50 MB: a credential with a large embedded text (an image, say) reads whole.
        let big = dir.path().join("big.jsonld");
        let content = "A".repeat(50 << 20);
        std::fs::write(
            &big,
            format!(r#"{{"@context": [], "displayParameter": {{"content": "{content}"}}}}"#),
        )
        .unwrap();
        let document = read(&big).unwrap();
        let path = JsonPath::new(vec![
            Step::Key("displayParameter".into()),
            Step::Key("content".into()),
        ]);
        assert_eq!(document.range(&path).unwrap().len(), content.len() + 2);
        // Over the limit: refused from its size, before reading (a sparse file).
        let huge = dir.path().join("huge.jsonld");
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(Kind::Credential.limit() + 1).unwrap();
        let e = read(&huge).unwrap_err();
        assert!(matches!(&e, DocumentError::Read(io) if io.kind() == io::ErrorKind::InvalidData));
        assert_eq!(
            e.to_string(),
            "cannot read it: it is 256.0 MB, more than Laurel reads for a credential (256 MB)"
        );
    }
}
