//! "Validate credential file": `laurel validate` on one European Digital Credential file
//! (the editor's text, or the file on disk), its findings as protocol diagnostics on that
//! file's URI, and a summary answer.

use laurel::diag::Severity;
use laurel::files::{self, Kind};
use laurel::source::{FileId, Span};
use laurel::validate::document::{self, DocumentError, Form};
use laurel::validate::run::{self, Options, Validated};
use laurel::validate::shapes::{Profile, ShapesVersion};
use serde::Deserialize;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::Error;
use tower_lsp_server::ls_types::{Diagnostic, Location, TextDocumentIdentifier, Uri};

use crate::convert::{Encoding, LineMap};
use crate::server::to_lsp_diagnostic;

/// The custom request.
pub const METHOD: &str = "laurel/validateCredential";

/// The `workspace/executeCommand` command doing the same (its one argument is the
/// request's params). Not `laurel.validateCredential`: VS Code clients register a
/// server's commands under their ids, and that one is the extension's.
pub const COMMAND: &str = "laurel-lsp.validateCredential";

/// What a client asks: the file, and optionally its unsaved text and what to check.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidateParams {
    /// The credential file (`.json`/`.jsonld`: plain, upload form or sealed).
    pub text_document: TextDocumentIdentifier,
    /// The editor's text; when absent the file is read from disk (the CLI's size limit).
    #[serde(default)]
    pub text: Option<String>,
    /// `1.1.0`, `1.2.0` or `both` (the default).
    #[serde(default)]
    pub shapes: Option<String>,
    /// A profile to check against instead of the ones the credential names.
    #[serde(default)]
    pub profile: Option<String>,
}

/// The result: the diagnostics to publish on the file's URI and the answer.
pub struct Outcome {
    /// In protocol terms, for the file's URI.
    pub diagnostics: Vec<Diagnostic>,
    /// `{ uri, conforms, readable, form, errors, warnings, profiles, shapes, source, message }`.
    pub summary: Value,
}

impl ValidateParams {
    /// The checks asked for; an unknown shapes version or profile is refused.
    pub fn options(&self) -> Result<Options, Error> {
        let versions = match self.shapes.as_deref() {
            None | Some("both") => ShapesVersion::ALL.to_vec(),
            Some(name) => vec![ShapesVersion::parse(name).ok_or_else(|| {
                Error::invalid_params(format!(
                    "no shapes version `{name}`: the versions are {}, or both",
                    ShapesVersion::ALL.map(ShapesVersion::as_str).join(", ")
                ))
            })?],
        };
        let profile = match self.profile.as_deref() {
            None => None,
            Some(name) => Some(Profile::from_name(name).ok_or_else(|| {
                Error::invalid_params(format!(
                    "no profile `{name}`: the profiles are {}",
                    Profile::ALL.map(Profile::name).join(", ")
                ))
            })?),
        };
        Ok(Options { versions, profile })
    }
}

/// Validates the text (the editor's, or read from `path`) and converts every finding
/// to a diagnostic on `uri`. Blocking: run it off the async runtime.
pub fn validate(
    uri: &Uri,
    path: Option<&std::path::Path>,
    text: Option<String>,
    options: &Options,
    enc: Encoding,
) -> Outcome {
    const FILE: FileId = FileId(0);
    let from_editor = text.is_some();
    let read = match (text, path) {
        (Some(text), _) => Ok(text),
        (None, Some(path)) => files::read_text(path, Kind::Credential).map_err(DocumentError::Read),
        (None, None) => Err(DocumentError::Read(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "it is not a file on disk; send its text",
        ))),
    };
    let (text, doc) = match read {
        Ok(text) => {
            let doc = document::parse(&text);
            (text, doc)
        }
        Err(e) => (String::new(), Err(e)),
    };
    let (validated, payload) = match &doc {
        Ok(doc) => (
            run::validate_document(doc, FILE, options),
            doc.payload.clone().filter(|_| doc.form == Form::Sealed),
        ),
        Err(error) => (run::unreadable_document(FILE, error), None),
    };
    let map = LineMap::of_client(&text);
    // A sealed file's findings point into its payload's text, whose offsets are not the
    // file's (escapes): they are shown on the payload string (one line, as a JSON string
    // is), the path in the message.
    let place = |span: Span| -> Option<Location> {
        (span.file == FILE).then(|| {
            let range = payload.clone().unwrap_or_else(|| span.range());
            Location::new(uri.clone(), map.range(enc, range))
        })
    };
    let diagnostics = validated
        .diagnostics
        .iter()
        .filter_map(|d| to_lsp_diagnostic(d, &place))
        .collect();
    Outcome {
        diagnostics,
        summary: summary(uri, &validated, options, from_editor),
    }
}

fn summary(uri: &Uri, validated: &Validated, options: &Options, from_editor: bool) -> Value {
    let count = |severity: Severity| {
        validated
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let conforms = !validated.unreadable && errors == 0;
    let shapes: Vec<&str> = options.versions.iter().map(|v| v.as_str()).collect();
    let profiles: Vec<&str> = validated.profiles.iter().map(|p| p.name()).collect();
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let message = if validated.unreadable {
        let why = validated
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error);
        why.map_or_else(
            || "the file could not be checked".to_string(),
            |d| d.message.clone(),
        )
    } else {
        let checked = format!(
            "the EDC shapes {} ({} profile) and the EBSI schema",
            shapes.join(" and "),
            profiles.join(", ")
        );
        match (conforms, warnings) {
            (true, 0) => format!("conforms to {checked}"),
            (true, w) => format!("conforms to {checked}, {}", plural(w, "warning")),
            (false, w) => format!(
                "does not conform to {checked}: {}, {}",
                plural(errors, "error"),
                plural(w, "warning")
            ),
        }
    };
    json!({
        "uri": uri.as_str(),
        "conforms": conforms,
        "readable": !validated.unreadable,
        "form": validated.form.map(|f| match f {
            Form::Credential => "credential",
            Form::Upload => "upload",
            Form::Sealed => "sealed",
        }),
        "errors": errors,
        "warnings": warnings,
        "profiles": profiles,
        "shapes": shapes,
        "source": if from_editor { "editor" } else { "disk" },
        "message": message,
    })
}
