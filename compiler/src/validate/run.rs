//! `laurel validate`'s work on one file: read it in whichever form, run the EDC shapes
//! and the EBSI schema, and say every result as a [`Diagnostic`] pointing into the file.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use super::document::{self, Document, DocumentError, Form};
use super::ebsi;
use super::position::{JsonPath, Step};
use super::shacl::{self, ShapeFinding, ShapesError};
use super::shapes::{named_profiles, Profile, ShapesVersion};
use crate::diag::{codes, Diagnostic};
use crate::source::{FileId, Sources, Span};

/// How an EDC names its contexts.
const CONTEXT_HELP: &str = "an EDC's `@context` is [\"https://www.w3.org/2018/credentials/v1\", \"http://data.europa.eu/snb/model/context/edc-ap\"]";

/// What to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// The shapes versions to run (both by default).
    pub versions: Vec<ShapesVersion>,
    /// The profile to check against instead of the ones the credential names.
    pub profile: Option<Profile>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            versions: ShapesVersion::ALL.to_vec(),
            profile: None,
        }
    }
}

/// The outcome for one file.
#[derive(Debug)]
pub struct Validated {
    /// The form the file came in, when it could be read.
    pub form: Option<Form>,
    /// The profiles checked.
    pub profiles: Vec<Profile>,
    /// Every finding, in the file's order.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the file could not be read as a credential, or not checked at all.
    pub unreadable: bool,
}

/// Validates the credential file at `path`; its text (for a sealed file, its payload's)
/// is added to `sources`, where the diagnostics point.
pub fn validate_file(path: &Path, options: &Options, sources: &mut Sources) -> Validated {
    match document::read(path) {
        Ok(doc) => {
            let name = match doc.form {
                Form::Sealed => format!("{} (payload)", path.display()),
                _ => path.display().to_string(),
            };
            // The text is added once checked, moved rather than copied.
            let file = sources.add(name, String::new());
            let validated = validate_document(&doc, file, options);
            sources.replace(file, doc.text);
            validated
        }
        Err(error) => unreadable(sources.add(path, read_text(path)), &error),
    }
}

/// The file's text, for pointing into it (empty when it cannot be read at all).
fn read_text(path: &Path) -> String {
    crate::files::read_text(path, crate::files::Kind::Credential).unwrap_or_default()
}

fn unreadable(file: FileId, error: &DocumentError) -> Validated {
    Validated {
        form: None,
        profiles: Vec::new(),
        diagnostics: vec![Diagnostic::new(
            &codes::UNREADABLE_CREDENTIAL,
            Span::new(file, 0, 0),
            format!("this is not a credential Laurel can read: {error}"),
        )
        .with_help("a credential file is JSON-LD: the credential object, the EU issuer's upload form `{\"credential\": {...}}`, or a JAdES-sealed file")],
        unreadable: true,
    }
}

/// What the shapes and the EBSI schema say of a credential, without places (behind
/// [`validate_document`]).
#[derive(Debug)]
pub struct Conformance {
    /// The profiles checked.
    pub profiles: Vec<Profile>,
    /// The shapes' results, or why the shapes could not be run.
    pub shapes: Result<Vec<ShapeFinding>, ShapesError>,
    /// The EBSI schema's findings, or why the schema could not be applied; `None` for a
    /// document that is not a verifiable credential (a specification on its own), which
    /// the schema is not for.
    pub ebsi: Option<Result<ebsi::Report, ebsi::EbsiError>>,
}

/// Whether the document is a verifiable credential (its `type` says so).
fn is_credential(document: &Value) -> bool {
    let says = |t: &Value| t.as_str() == Some("VerifiableCredential");
    match document.get("type") {
        Some(Value::Array(types)) => types.iter().any(says),
        Some(one) => says(one),
        None => false,
    }
}

/// Runs the shapes and the EBSI schema over a credential's JSON.
pub fn conformance(credential: &Value, options: &Options) -> Conformance {
    let profiles = match options.profile {
        Some(profile) => vec![profile],
        None => named_profiles(credential),
    };
    Conformance {
        shapes: shacl::check(credential, &profiles, &options.versions),
        ebsi: is_credential(credential).then(|| ebsi::check(credential)),
        profiles,
    }
}

/// Validates a credential already read; `file` holds [`Document::text`].
pub fn validate_document(doc: &Document, file: FileId, options: &Options) -> Validated {
    let places = Places::new(doc);
    if doc.credential.get("@context").is_none() {
        return Validated {
            form: Some(doc.form),
            profiles: Vec::new(),
            diagnostics: vec![Diagnostic::new(
                &codes::UNKNOWN_CONTEXT,
                places.span(file, &JsonPath::default()),
                "the credential has no `@context`, so its keys mean nothing in JSON-LD",
            )
            .with_help(CONTEXT_HELP)],
            unreadable: true,
        };
    }
    let Conformance {
        profiles,
        shapes,
        ebsi,
    } = conformance(&doc.credential, options);
    let mut diagnostics = Vec::new();
    let mut unreadable = false;
    match shapes {
        Ok(findings) => diagnostics.extend(shape_diagnostics(&findings, &places, file)),
        Err(error) => {
            unreadable = true;
            let code = match error {
                ShapesError::Data(laurel_shacl::DataError::UnknownDocument(_)) => {
                    &codes::UNKNOWN_CONTEXT
                }
                _ => &codes::UNREADABLE_CREDENTIAL,
            };
            let context = JsonPath::new(vec![Step::Key("@context".into())]);
            diagnostics.push(
                Diagnostic::new(code, places.span(file, &context), error.to_string())
                    .with_help(CONTEXT_HELP),
            );
        }
    }
    match ebsi {
        None => {}
        Some(Ok(report)) => diagnostics.extend(report.findings.iter().map(|f| {
            let span = places.span(file, &f.path);
            let where_ = if f.path.is_root() {
                "the credential".to_string()
            } else {
                format!("`{}`", f.path)
            };
            Diagnostic::new(
                &codes::EBSI_SCHEMA,
                span,
                format!(
                    "{} (Europass EDC JSON Schema, VCDM {})",
                    f.message,
                    report.vcdm.as_str()
                ),
            )
            .with_label(format!("at {where_}"))
            .with_help(format!("the schema's `{}` at {}", f.keyword, f.schema_path))
        })),
        // A credential the shapes could not read is said once.
        Some(Err(_)) if unreadable => {}
        Some(Err(error)) => diagnostics.push(Diagnostic::new(
            &codes::EBSI_SCHEMA,
            places.span(file, &JsonPath::default()),
            error.to_string(),
        )),
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.code.id));
    Validated {
        form: Some(doc.form),
        profiles,
        diagnostics,
        unreadable,
    }
}

/// One diagnostic per result, the versions that found the same one named together.
fn shape_diagnostics(findings: &[ShapeFinding], places: &Places, file: FileId) -> Vec<Diagnostic> {
    let mut groups: Vec<(&ShapeFinding, Vec<ShapesVersion>)> = Vec::new();
    for finding in findings {
        let same = |g: &&mut (&ShapeFinding, Vec<ShapesVersion>)| {
            let f = g.0;
            f.focus == finding.focus
                && f.path == finding.path
                && f.component == finding.component
                && f.value == finding.value
                && f.message == finding.message
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(group) => group.1.push(finding.version),
            None => groups.push((finding, vec![finding.version])),
        }
    }
    groups
        .into_iter()
        .map(|(f, versions)| {
            let versions: Vec<&str> = versions.iter().map(|v| v.as_str()).collect();
            let (path, span) = places.of_focus(file, &f.focus, f.path.as_deref());
            let mut d = Diagnostic::new(
                &codes::SHAPE_VIOLATION,
                span,
                format!("{} (EDC shapes {})", f.message, versions.join(" and ")),
            )
            .with_label(match &path {
                Some(p) if !p.is_root() => format!("at `{p}`"),
                _ => "in the credential".to_string(),
            });
            let mut help = format!("shape <{}>", f.source_shape);
            if let Some(value) = &f.value {
                help = format!("found {value}; {help}");
            }
            d = d.with_help(help);
            if !f.violation {
                d.severity = crate::diag::Severity::Warning;
            }
            d
        })
        .collect()
}

/// Where the nodes of a credential are written: the path of the first object with each
/// `id`, found when first asked for (a credential that conforms is never walked).
struct Places<'a> {
    doc: &'a Document,
    by_id: OnceCell<HashMap<&'a str, JsonPath>>,
}

impl<'a> Places<'a> {
    fn new(doc: &'a Document) -> Places<'a> {
        Places {
            doc,
            by_id: OnceCell::new(),
        }
    }

    fn by_id(&self) -> &HashMap<&'a str, JsonPath> {
        self.by_id.get_or_init(|| {
            let mut by_id = HashMap::new();
            collect_ids(&self.doc.credential, &mut Vec::new(), &mut by_id);
            by_id
        })
    }

    /// The span of the value at `path`, or of the nearest enclosing value with a place.
    fn span(&self, file: FileId, path: &JsonPath) -> Span {
        let mut steps = path.steps().to_vec();
        loop {
            if let Some(range) = self.doc.range(&JsonPath::new(steps.clone())) {
                let line = first_line(&self.doc.text, range);
                return Span::new(file, line.start, line.end);
            }
            if steps.pop().is_none() {
                return Span::new(file, 0, 0);
            }
        }
    }

    /// The place of a result: the property's value on the focus node's object when it
    /// is written there, else the object's `id`, else the credential.
    fn of_focus(
        &self,
        file: FileId,
        focus: &str,
        property: Option<&str>,
    ) -> (Option<JsonPath>, Span) {
        let Some(object) = self.by_id().get(focus) else {
            return (None, self.span(file, &JsonPath::default()));
        };
        let key = property.map(|p| p.rsplit(['#', '/']).next().unwrap_or(p));
        let with = |k: &str| {
            let mut steps = object.steps().to_vec();
            steps.push(Step::Key(k.to_string()));
            JsonPath::new(steps)
        };
        let path = match key {
            Some(k) if self.doc.range(&with(k)).is_some() => with(k),
            _ if self.doc.range(&with("id")).is_some() => with("id"),
            _ => object.clone(),
        };
        let span = self.span(file, &path);
        (Some(path), span)
    }
}

/// A range cut to its first line (a whole object would print many lines).
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let end = text
        .get(range.clone())
        .and_then(|t| t.find('\n'))
        .map_or(range.end, |n| range.start + n);
    range.start..end
}

fn collect_ids<'a>(value: &'a Value, at: &mut Vec<Step>, out: &mut HashMap<&'a str, JsonPath>) {
    match value {
        Value::Object(node) => {
            if let Some(id) = node.get("id").and_then(Value::as_str) {
                out.entry(id).or_insert_with(|| JsonPath::new(at.clone()));
            }
            for (key, child) in node {
                at.push(Step::Key(key.clone()));
                collect_ids(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Step::Index(i));
                collect_ids(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// What [`validate_file`] says of a file that is not a credential Laurel can read, for a
/// text read elsewhere (an editor's buffer): one L0601 at the start of `file`.
pub fn unreadable_document(file: FileId, error: &DocumentError) -> Validated {
    unreadable(file, error)
}
