//! The Europass EDC JSON Schema of the EBSI Trusted Schemas Registry
//! (`stdlib/elm/json-schema/ebsi/`), checked with the `jsonschema` crate.
//!
//! The variant follows the credential's `@context`: VCDM 1.1 for
//! `https://www.w3.org/2018/credentials/v1`, VCDM 2.0 for
//! `https://www.w3.org/ns/credentials/v2`. Each schema is compiled once, on first use.
//! Its two outside references (a TSR URL, an npm path) are answered from the bundled
//! attestation schemas; nothing is fetched. Formats (`date-time`, `uri`,
//! `duration`, `email`) are checked, not only noted.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Retrieve, Uri, ValidationError, Validator};
use serde_json::Value;

use super::document::Document;
use super::position::{JsonPath, Step};

/// The W3C Verifiable Credentials Data Model version a credential follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vcdm {
    /// VCDM 1.1: `@context` starts with `https://www.w3.org/2018/credentials/v1`.
    V1_1,
    /// VCDM 2.0: `@context` starts with `https://www.w3.org/ns/credentials/v2`.
    V2_0,
}

/// The VCDM 1.1 base context.
const CONTEXT_V1: &str = super::shacl::VC_V1_CONTEXT;
/// The VCDM 2.0 base context.
pub const CONTEXT_V2: &str = "https://www.w3.org/ns/credentials/v2";

impl Vcdm {
    /// The version `credential`'s `@context` names first (the base context comes first).
    pub fn of(credential: &Value) -> Result<Vcdm, EbsiError> {
        let first = match credential.get("@context") {
            None => return Err(EbsiError::NoContext),
            Some(Value::Array(items)) => items.first(),
            Some(one) => Some(one),
        };
        match first.and_then(Value::as_str) {
            Some(CONTEXT_V1) => Ok(Vcdm::V1_1),
            Some(CONTEXT_V2) => Ok(Vcdm::V2_0),
            _ => Err(EbsiError::UnknownContext(
                first.map_or_else(|| "[]".to_string(), Value::to_string),
            )),
        }
    }

    /// The base context, the first entry of `@context`.
    pub fn context(self) -> &'static str {
        match self {
            Vcdm::V1_1 => CONTEXT_V1,
            Vcdm::V2_0 => CONTEXT_V2,
        }
    }

    /// `1.1` or `2.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            Vcdm::V1_1 => "1.1",
            Vcdm::V2_0 => "2.0",
        }
    }

    /// The compiled Europass EDC schema for this version.
    fn validator(self) -> Result<&'static Validator, EbsiError> {
        static V1_1: LazyLock<Result<Validator, String>> = LazyLock::new(|| compile(EDC_V1_1));
        static V2_0: LazyLock<Result<Validator, String>> = LazyLock::new(|| compile(EDC_V2_0));
        let compiled = match self {
            Vcdm::V1_1 => &*V1_1,
            Vcdm::V2_0 => &*V2_0,
        };
        compiled
            .as_ref()
            .map_err(|e| EbsiError::Schema(self, e.clone()))
    }
}

/// Why a credential could not be checked against the schema at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EbsiError {
    /// The credential has no `@context`.
    NoContext,
    /// Its first `@context` entry (as JSON) is neither VCDM base context.
    UnknownContext(String),
    /// A bundled schema did not compile (a defect of Laurel, not of the credential).
    Schema(Vcdm, String),
}

impl fmt::Display for EbsiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EbsiError::NoContext => write!(
                f,
                "the credential has no `@context`, so no EBSI schema applies: its first entry is {CONTEXT_V1} (VCDM 1.1) or {CONTEXT_V2} (VCDM 2.0)"
            ),
            EbsiError::UnknownContext(first) => write!(
                f,
                "the credential's `@context` starts with {first}, which no EBSI schema is for: the first entry is {CONTEXT_V1} (VCDM 1.1) or {CONTEXT_V2} (VCDM 2.0)"
            ),
            EbsiError::Schema(vcdm, e) => {
                write!(f, "the bundled EBSI schema for VCDM {} does not compile: {e}", vcdm.as_str())
            }
        }
    }
}

impl std::error::Error for EbsiError {}

/// One way a credential fails the schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Where in the credential (the schema's instance location).
    pub path: JsonPath,
    /// Where that value's text lies in [`Document::text`], when known.
    pub range: Option<Range<usize>>,
    /// The schema keyword that failed (`required`, `type`, `format`, ...).
    pub keyword: String,
    /// How the schema reached the keyword, a JSON Pointer from the EDC schema's top
    /// through each `$ref` (`/allOf/0/$ref/required`).
    pub schema_path: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// The value found there.
    pub found: Value,
}

/// The outcome of checking one credential.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The schema's VCDM version.
    pub vcdm: Vcdm,
    /// Every failure, in the schema's order; none when the credential is valid.
    pub findings: Vec<Finding>,
}

/// Checks a credential read from a file; findings carry the places of their values.
pub fn check_document(document: &Document) -> Result<Report, EbsiError> {
    let mut report = check(&document.credential)?;
    for finding in &mut report.findings {
        finding.range = document.range(&finding.path);
    }
    Ok(report)
}

/// Checks a credential's JSON against the EDC schema its `@context` calls for.
pub fn check(credential: &Value) -> Result<Report, EbsiError> {
    let vcdm = Vcdm::of(credential)?;
    let findings = vcdm
        .validator()?
        .iter_errors(credential)
        .map(|error| finding(vcdm, credential, &error))
        .collect();
    Ok(Report { vcdm, findings })
}

/// The EDC schema for VCDM 1.1, as published.
const EDC_V1_1: &str =
    include_str!("../../../stdlib/elm/json-schema/ebsi/vcdm1.1-europass-edc-schema.schema.json");
/// The EDC schema for VCDM 2.0, as published.
const EDC_V2_0: &str = include_str!(
    "../../../stdlib/elm/json-schema/ebsi/vcdm2.0-europass-edc-schema-2.1.0.schema.json"
);
/// The attestation schema the VCDM 1.1 EDC schema builds on.
const ATTESTATION_V1_1: &str = include_str!(
    "../../../stdlib/elm/json-schema/ebsi/vcdm1.1-attestation-schema-1.3.0.schema.json"
);
/// The attestation schema the VCDM 2.0 EDC schema builds on.
const ATTESTATION_V2_0: &str = include_str!(
    "../../../stdlib/elm/json-schema/ebsi/vcdm2.0-attestation-schema-1.2.0.schema.json"
);

/// The outside references of the EDC schemas, each with the bundled schema it stands
/// for: the TSR URL of the VCDM 1.1 attestation schema 1.3.0 (its id in the TSR, named
/// in its metadata), and the npm path of the VCDM 2.0 attestation schema 1.2.0 (the
/// version the EDC package depends on), resolved against the schema's default base.
const REFERENCES: [(&str, &str); 2] = [
    (
        "https://api-pilot.ebsi.eu/trusted-schemas-registry/v3/schemas/0xbe77a21356835dc09d3d8149ea832ae0a4bae0ae9c869d18219ef8f4a74b4644",
        ATTESTATION_V1_1,
    ),
    (
        "json-schema:///node_modules/@cef-ebsi/vcdm2.0-attestation-schema/schema.json",
        ATTESTATION_V2_0,
    ),
];

/// Answers the schemas' outside references from [`REFERENCES`]; any other is refused.
struct Bundled;

impl Retrieve for Bundled {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let (_, text) = REFERENCES
            .iter()
            .find(|(reference, _)| *reference == uri.as_str())
            .ok_or_else(|| format!("{uri} is not bundled with Laurel"))?;
        Ok(serde_json::from_str(text)?)
    }
}

/// Compiles a bundled schema, its references answered by [`Bundled`].
fn compile(schema: &str) -> Result<Validator, String> {
    let schema: Value = serde_json::from_str(schema).map_err(|e| e.to_string())?;
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_retriever(Bundled)
        .build(&schema)
        .map_err(|e| e.to_string())
}

/// A schema error as a [`Finding`] (its range is filled in by [`check_document`]).
fn finding(vcdm: Vcdm, credential: &Value, error: &ValidationError<'_>) -> Finding {
    Finding {
        path: instance_path(credential, error),
        message: explain(vcdm, credential, error),
        keyword: error.kind().keyword().to_string(),
        schema_path: error.evaluation_path().as_str().to_string(),
        found: error.instance().clone().into_owned(),
        range: None,
    }
}

/// The path of the value `error` is about.
fn instance_path(credential: &Value, error: &ValidationError<'_>) -> JsonPath {
    JsonPath::from_pointer(error.instance_path().as_str(), credential).unwrap_or_default()
}

/// What the value at `path` is called in a message: its key (`` `validFrom` ``), its
/// key and index (`` `type[1]` ``), or "the credential" at the top.
fn name(path: &JsonPath) -> String {
    let steps = path.steps();
    let key = steps.iter().rposition(|s| matches!(s, Step::Key(_)));
    match key {
        None if steps.is_empty() => "the credential".to_string(),
        None => format!("the credential's `{path}`"),
        Some(at) => format!("`{}`", JsonPath::new(steps[at..].to_vec())),
    }
}

/// A JSON value's kind, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A JSON Schema type name, in words.
fn type_words(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "string" => "a text",
        "array" => "a list",
        "object" => "an object",
        _ => "a value",
    }
}

/// A format, in words with an example.
fn format_words(format: &str) -> String {
    match format {
        "date-time" => "a date and time like 2025-03-14T09:00:00Z".to_string(),
        "uri" => "a URI like http://data.europa.eu/snb/eqf/6".to_string(),
        "duration" => "a duration like PT75H (75 hours) or P6M (6 months)".to_string(),
        "email" => "an email address like info@example.org".to_string(),
        other => format!("in the `{other}` format"),
    }
}

/// The plain-words message for one schema error.
fn explain(vcdm: Vcdm, credential: &Value, error: &ValidationError<'_>) -> String {
    let path = &instance_path(credential, error);
    let here = name(path);
    let found = error.instance();
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let property = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_string);
            if path.is_root() {
                format!("`{property}` is required here")
            } else {
                format!("`{property}` is required in {here}")
            }
        }
        ValidationErrorKind::Type {
            kind: TypeKind::Single(t),
        } => {
            format!(
                "{here} is {} where {} is expected",
                kind(found),
                type_words(&t.to_string())
            )
        }
        ValidationErrorKind::Type {
            kind: TypeKind::Multiple(set),
        } => {
            let wanted: Vec<&str> = set.iter().map(|t| type_words(&t.to_string())).collect();
            format!(
                "{here} is {} where {} is expected",
                kind(found),
                wanted.join(" or ")
            )
        }
        ValidationErrorKind::Format { format } => {
            let named = name(path);
            let named = named.trim_start_matches("the credential's ");
            let vowel = named
                .trim_start_matches('`')
                .starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
            let article = if vowel { "an" } else { "a" };
            format!(
                "{} is {}, not {found}",
                capitalise(&format!("{article} {named}")),
                format_words(format)
            )
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("{here} should be {expected_value}, not {found}")
        }
        ValidationErrorKind::Enum { options } => {
            format!("{here} should be one of {options}, not {found}")
        }
        ValidationErrorKind::Contains => {
            match subschema(vcdm, error).and_then(|s| s.get("const").cloned()) {
                Some(wanted) => format!("{here} should list {wanted}"),
                None => format!("{here} lacks an item of the kind the schema asks for"),
            }
        }
        ValidationErrorKind::MinItems { limit } => {
            format!(
                "{here} needs at least {limit} item{}",
                if *limit == 1 { "" } else { "s" }
            )
        }
        ValidationErrorKind::UniqueItems => format!("{here} lists an item twice"),
        ValidationErrorKind::Minimum { limit } => format!("{here} is {found}, less than {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("{here} is {found}, more than {limit}"),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            // The alternative that came closest, followed down through nested `anyOf`
            // and `oneOf`, says best what is wrong.
            let mut closest = error;
            while let Some(next) = closest_alternative(closest) {
                closest = next;
            }
            if std::ptr::eq(closest, error) {
                format!("{here} fits none of the shapes allowed here")
            } else {
                let at = instance_path(credential, closest);
                format!(
                    "{here} fits none of the shapes allowed here; the closest fails at `{at}`: {}",
                    explain(vcdm, credential, closest)
                )
            }
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            format!("{here} fits more than one of the shapes allowed here, where exactly one is expected")
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            format!(
                "{here} has members the schema does not allow: {}",
                unexpected.join(", ")
            )
        }
        _ => format!("{here}: {error}"),
    }
}

/// The first error of the alternative of an `anyOf` or `oneOf` with the fewest errors.
fn closest_alternative<'e>(error: &'e ValidationError<'_>) -> Option<&'e ValidationError<'static>> {
    match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
                .iter()
                .filter(|errors| !errors.is_empty())
                .min_by_key(|errors| errors.len())
                .and_then(|errors| errors.first())
        }
        _ => None,
    }
}

/// The schema that holds `error`'s keyword: found in the bundled attestation schema
/// when the keyword is there, else in the EDC schema.
fn subschema(vcdm: Vcdm, error: &ValidationError<'_>) -> Option<Value> {
    let (text, pointer) = match error.absolute_keyword_location() {
        Some(uri) => {
            let (document, fragment) = uri.as_str().split_once('#')?;
            let (_, text) = REFERENCES
                .iter()
                .find(|(reference, _)| *reference == document)?;
            (*text, fragment.to_string())
        }
        None => (
            match vcdm {
                Vcdm::V1_1 => EDC_V1_1,
                Vcdm::V2_0 => EDC_V2_0,
            },
            error.schema_path().as_str().to_string(),
        ),
    };
    let schema: Value = serde_json::from_str(text).ok()?;
    let keyword = schema.pointer(&pointer)?.clone();
    Some(keyword)
}

/// `text` with its first letter in capitals.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The bundled variant of the EDC schema inlines, as `allOf[0]`, the attestation
    /// schema (without `$schema`, its `#/$defs/` references moved under `#/allOf/0/`): the
    /// schema each outside reference is answered with must be that one.
    #[test]
    fn each_reference_stands_for_the_schema_its_bundled_variant_inlines() {
        let bundled = [
            (
                EDC_V1_1,
                include_str!("../../../stdlib/elm/json-schema/ebsi/vcdm1.1-europass-edc-schema.bundled.schema.json"),
            ),
            (
                EDC_V2_0,
                include_str!("../../../stdlib/elm/json-schema/ebsi/vcdm2.0-europass-edc-schema-2.1.0.bundled.schema.json"),
            ),
        ];
        for ((published, bundled), (reference, attestation)) in bundled.into_iter().zip(REFERENCES)
        {
            let published: Value = serde_json::from_str(published).unwrap();
            let bundled: Value = serde_json::from_str(bundled).unwrap();
            let written = published["allOf"][0]["$ref"].as_str().unwrap();
            // A relative reference resolves against the schema's default base.
            let resolved = match written.strip_prefix("./") {
                Some(relative) => format!("json-schema:///{relative}"),
                None => written.to_string(),
            };
            assert_eq!(resolved, reference);
            let moved = attestation.replace("\"#/$defs/", "\"#/allOf/0/$defs/");
            let mut inlined: Value = serde_json::from_str(&moved).unwrap();
            inlined.as_object_mut().unwrap().remove("$schema");
            assert!(
                inlined == bundled["allOf"][0],
                "{reference}: not what the bundle inlines"
            );
            // The rest is the same, but for the bundle's note of how it was derived.
            let (mut a, mut b) = (published.clone(), bundled.clone());
            a["allOf"][0] = Value::Null;
            b["allOf"][0] = Value::Null;
            assert!(b.as_object_mut().unwrap().remove("$comment").is_some());
            assert!(a == b, "{reference}: the bundle differs beyond allOf[0]");
        }
    }

    #[test]
    fn the_context_chooses_the_schema() {
        let v1 =
            json!({"@context": [CONTEXT_V1, "http://data.europa.eu/snb/model/context/edc-ap"]});
        assert_eq!(Vcdm::of(&v1), Ok(Vcdm::V1_1));
        assert_eq!(Vcdm::of(&json!({"@context": CONTEXT_V2})), Ok(Vcdm::V2_0));
        assert_eq!(Vcdm::of(&json!({})), Err(EbsiError::NoContext));
        let e =
            Vcdm::of(&json!({"@context": ["https://example.org/ctx", CONTEXT_V1]})).unwrap_err();
        assert_eq!(
            e,
            EbsiError::UnknownContext("\"https://example.org/ctx\"".into())
        );
        assert!(e.to_string().starts_with(
            "the credential's `@context` starts with \"https://example.org/ctx\", which no EBSI schema is for"
        ));
        assert!(check(&json!({"@context": []})).is_err());
        // Both schemas compile (from the bundled files only).
        for vcdm in [Vcdm::V1_1, Vcdm::V2_0] {
            assert!(vcdm.validator().is_ok(), "{vcdm:?}");
        }
    }

    fn messages(credential: &Value) -> Vec<(String, String, String)> {
        check(credential)
            .unwrap()
            .findings
            .into_iter()
            .map(|f| (f.path.to_string(), f.keyword, f.message))
            .collect()
    }

    #[test]
    fn failures_are_said_in_plain_words() {
        let credential = json!({
            "@context": [CONTEXT_V2],
            "id": "urn:uuid:1",
            "type": ["VerifiableCredential", "VerifiableAttestation", "EuropeanDigitalCredential"],
            "validFrom": "14.03.2025",
            "credentialSubject": {"id": "urn:epass:person:1", "type": "Person"},
            "credentialSchema": {"id": "http://data.europa.eu/snb/model/ap/edc-generic-full", "type": "ShaclValidator2017"},
        });
        let found = messages(&credential);
        let expect = |path: &str, keyword: &str, message: &str| {
            assert!(
                found
                    .iter()
                    .any(|f| f == &(path.to_string(), keyword.to_string(), message.to_string())),
                "no {keyword} at {path:?} saying {message:?} in {found:#?}"
            );
        };
        expect("", "required", "`issuer` is required here");
        let mut bad_id = credential.clone();
        bad_id["id"] = json!("urn uuid 1");
        bad_id["type"] = json!(["VerifiableCredential"]);
        let found_id = messages(&bad_id);
        assert!(
            found_id.contains(&(
                "id".into(),
                "format".into(),
                "An `id` is a URI like http://data.europa.eu/snb/eqf/6, not \"urn uuid 1\"".into()
            )),
            "{found_id:#?}"
        );
        assert!(
            found_id.contains(&(
                "type".into(),
                "minItems".into(),
                "`type` needs at least 3 items".into()
            )),
            "{found_id:#?}"
        );
        expect(
            "validFrom",
            "format",
            "A `validFrom` is a date and time like 2025-03-14T09:00:00Z, not \"14.03.2025\"",
        );
        let mut wrong = credential.clone();
        wrong["validFrom"] = json!(2025);
        wrong["issuer"] = json!({"id": "urn:epass:org:1", "type": "Organisation"});
        let found = messages(&wrong);
        assert!(
            found.iter().any(|(p, k, m)| p == "validFrom"
                && k == "type"
                && m == "`validFrom` is a whole number where a text is expected"),
            "{found:#?}"
        );
    }

    #[test]
    fn list_and_alternative_failures_say_what_is_missing() {
        let credential = json!({
            "@context": [CONTEXT_V1],
            "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
            "credentialSchema": 42,
        });
        let found = messages(&credential);
        assert!(
            found.contains(&(
                "type".into(),
                "contains".into(),
                "`type` should list \"VerifiableAttestation\"".into()
            )),
            "{found:#?}"
        );
        let schema = found
            .iter()
            .find(|(path, keyword, _)| path == "credentialSchema" && keyword == "anyOf")
            .expect("credentialSchema fails");
        assert!(
            schema
                .2
                .starts_with("`credentialSchema` fits none of the shapes allowed here; the closest fails at `credentialSchema`: `credentialSchema` is a whole number where"),
            "{}",
            schema.2
        );
    }

    #[test]
    fn a_finding_points_into_the_file_through_sources() {
        let text = "{\n  \"@context\": [\"https://www.w3.org/ns/credentials/v2\"],\n  \"validFrom\": \"yesterday\"\n}\n";
        let document = super::super::document::parse(text).unwrap();
        let report = check_document(&document).unwrap();
        let finding = report
            .findings
            .iter()
            .find(|f| f.keyword == "format")
            .expect("the bad validFrom");
        let mut sources = crate::source::Sources::new();
        let file = sources.add("credential.json", document.text.clone());
        let range = finding.range.clone().unwrap();
        let span = crate::source::Span::new(file, range.start, range.end);
        assert_eq!(sources.slice(span), "\"yesterday\"");
        assert_eq!(sources.get(file).line_col(span.start as usize), (3, 16));
    }
}
