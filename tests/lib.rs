//! Shared helpers for the cross-crate tests in `tests/tests/*.rs`.
//!
//! * SHACL oracle: [`run_shacl`] / [`assert_conforms`] run `tests/shacl/validate.py`
//!   (pyshacl + pyld, the EU's EDC shapes, offline contexts) in the venv made by
//!   `tests/shacl/setup.sh`.
//! * JSON-LD key check: [`unmapped_keys`] finds JSON keys that JSON-LD processing drops
//!   (keys the contexts do not map to an IRI), using `oxjsonld` in-process.
//! * SARIF oracle: [`sarif_schema_errors`] validates SARIF logs against the bundled
//!   SARIF 2.1.0 JSON schema with Python `jsonschema` (`tests/sarif/validate.py`), in
//!   the same venv.
//! * Reference data: [`data`], [`elm_example`] and [`sealed_example`] name the files in
//!   `tests/data/`.
//! * Broken credentials: [`variants`] generates named mutations of the reference
//!   credentials and the example projects' output for the differential tests.
//! * Graph comparison: [`graph::graph_difference`] compares two JSON-LD credentials as RDF
//!   graphs, up to blank nodes and `urn:epass:` ids, and lists every triple one lacks.
//! * Skill suggestions: [`suggest`] evaluates `laurel::vocab::suggest` on the labelled
//!   outcomes of `tests/suggest/outcomes.tsv`.
//! * Fuzzing: [`fuzz`] is the harness of the `fuzz` binary (`fuzz/main.rs`) and of the
//!   replay test of its findings (`tests/fuzz_replay.rs`).

pub mod fuzz;
pub mod graph;
pub mod suggest;
pub mod variants;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::Quad;
use serde_json::Value;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `tests/data/<rel>`: the reference data the tests read (origins and licences in the
/// README of each folder). Panics with the path when the file is missing.
pub fn data(rel: &str) -> PathBuf {
    let path = repo_root().join("tests").join("data").join(rel);
    assert!(path.is_file(), "test data missing: {}", path.display());
    path
}

/// `tests/data/elm-examples/<rel>`: the example EDC credentials.
pub fn elm_example(rel: &str) -> PathBuf {
    data(&format!("elm-examples/{rel}"))
}

/// `tests/data/seal/<name>`: the real sealed credentials.
pub fn sealed_example(name: &str) -> PathBuf {
    data(&format!("seal/{name}"))
}

/// The two EDC contexts from `stdlib/elm/context/`, served offline to laurel-shacl's
/// JSON-LD readers.
pub fn context_loader() -> laurel_shacl::DocumentLoader {
    let ctx = |f: &str| std::fs::read(repo_root().join("stdlib/elm/context").join(f)).unwrap();
    laurel_shacl::DocumentLoader::new()
        .with(
            "https://www.w3.org/2018/credentials/v1",
            ctx("w3c-credentials-v1.jsonld"),
        )
        .with(
            "https://www.w3.org/ns/credentials/v2",
            ctx("w3c-credentials-v2.jsonld"),
        )
        .with(
            "http://data.europa.eu/snb/model/context/edc-ap",
            ctx("edc-ap-context.jsonld"),
        )
}

/// True when running under CI (`CI=true`), where missing tooling is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The venv's Python if `tests/shacl/setup.sh` has completed (python + stamp present).
///
/// The first call in a process runs `tests/shacl/setup.sh` (idempotent, about 0.1 s when
/// the venv is current, a few seconds on a fresh machine), so `cargo test --workspace`
/// needs no separate set-up step.
pub fn venv_python() -> Option<PathBuf> {
    static SETUP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let root = repo_root();
    let ready = *SETUP.get_or_init(|| {
        std::process::Command::new("bash")
            .arg(root.join("tests").join("shacl").join("setup.sh"))
            .status()
            .is_ok_and(|s| s.success())
    });
    let venv = root.join(".venv");
    let python = venv.join("bin").join("python");
    (ready && python.is_file() && venv.join(".laurel-shacl-stamp").is_file()).then_some(python)
}

/// Path of the SHACL validator script.
pub fn validator_script() -> PathBuf {
    repo_root().join("tests").join("shacl").join("validate.py")
}

/// Result of one validator file block (`OK ...` or one or more `FAIL ...` headers).
#[derive(Debug, Clone, Default)]
pub struct ShaclFile {
    pub path: PathBuf,
    /// True when the file conformed to every requested shape version.
    pub ok: bool,
    /// Note printed after an `OK` line or in a failure block, e.g. `not a credential: Qualification`.
    pub note: Option<String>,
    /// One entry per `FAIL <path> (<what>)` header: `what` is a shape version list such as
    /// `1.1.0` or `1.1.0, 1.2.0`, or `json-ld`; the lines are its violations
    /// (`focus | path | message`, nested `sh:detail` lines start with `> `).
    pub failures: Vec<(String, Vec<String>)>,
}

impl ShaclFile {
    /// Violations reported for shape `version` (empty if it conformed or was not run).
    pub fn violations(&self, version: &str) -> Vec<&str> {
        self.failures
            .iter()
            .filter(|(what, _)| what.split(", ").any(|v| v == version))
            .flat_map(|(_, lines)| lines.iter().map(String::as_str))
            .collect()
    }
}

/// Parsed output of `validate.py`.
#[derive(Debug, Clone)]
pub struct ShaclReport {
    /// Exit status: 0 all conform, 1 some file failed, 2 usage error / no input file.
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
    pub files: Vec<ShaclFile>,
    pub passed: usize,
    pub failed: usize,
}

impl ShaclReport {
    pub fn success(&self) -> bool {
        self.exit_code == 0
    }

    /// The block for the file whose path ends with `suffix`.
    pub fn file(&self, suffix: &str) -> Option<&ShaclFile> {
        self.files
            .iter()
            .find(|f| f.path.to_string_lossy().ends_with(suffix))
    }

    /// Everything the validator printed, for panic messages.
    pub fn output(&self) -> String {
        format!(
            "validate.py exit {}\n{}{}",
            self.exit_code, self.stdout, self.stderr
        )
    }

    fn parse(exit_code: i32, stdout: String, stderr: String) -> Self {
        let mut files: Vec<ShaclFile> = Vec::new();
        let (mut passed, mut failed) = (0, 0);
        for line in stdout.lines() {
            if let Some(rest) = line.strip_prefix("OK ") {
                // OK <path> [versions]( (note))?
                let (path, note) = match rest.find(" [") {
                    Some(i) => {
                        let after = &rest[i + 2..];
                        let note = after
                            .find("] (")
                            .map(|j| after[j + 3..].trim_end_matches(')').to_string());
                        (&rest[..i], note)
                    }
                    None => (rest, None),
                };
                files.push(ShaclFile {
                    path: PathBuf::from(path),
                    ok: true,
                    note,
                    failures: Vec::new(),
                });
            } else if let Some(rest) = line.strip_prefix("FAIL ") {
                let (path, what) = match rest.rfind(" (") {
                    Some(i) => (&rest[..i], rest[i + 2..].trim_end_matches(')')),
                    None => (rest, ""),
                };
                let path = PathBuf::from(path);
                if files.last().is_none_or(|f| f.path != path || f.ok) {
                    files.push(ShaclFile {
                        path,
                        ..ShaclFile::default()
                    });
                }
                let f = files.last_mut().expect("just pushed");
                f.failures.push((what.to_string(), Vec::new()));
            } else if let Some(v) = line.strip_prefix("  - ") {
                if let Some((_, lines)) = files.last_mut().and_then(|f| f.failures.last_mut()) {
                    lines.push(v.to_string());
                }
            } else if let Some(v) = line.strip_prefix("    > ") {
                if let Some((_, lines)) = files.last_mut().and_then(|f| f.failures.last_mut()) {
                    lines.push(format!("> {v}"));
                }
            } else if let Some(note) = line
                .strip_prefix("  (not a credential")
                .map(|n| format!("not a credential{}", n.trim_end_matches(')')))
            {
                if let Some(f) = files.last_mut() {
                    f.note = Some(note);
                }
            } else if let Some((p, f)) = parse_totals(line) {
                (passed, failed) = (p, f);
            }
        }
        ShaclReport {
            exit_code,
            stdout,
            stderr,
            files,
            passed,
            failed,
        }
    }
}

fn parse_totals(line: &str) -> Option<(usize, usize)> {
    let (p, rest) = line.split_once(" passed, ")?;
    let f = rest.strip_suffix(" failed")?;
    Some((p.parse().ok()?, f.parse().ok()?))
}

/// Runs `validate.py [extra_args] paths...` in one process.
///
/// Returns `None` (after printing a note) when the venv is not set up and `CI` is not
/// `true`; under CI a missing venv panics with set-up instructions.
pub fn run_shacl_with(extra_args: &[&str], paths: &[&Path]) -> Option<ShaclReport> {
    let (code, stdout, stderr) = run_validator(extra_args, paths)?;
    Some(ShaclReport::parse(code, stdout, stderr))
}

/// Runs `validate.py [extra_args] paths...` in one process: its exit status, stdout and
/// stderr. `None` (after a note) when the venv is missing outside CI; see [`run_shacl_with`].
pub fn run_validator(extra_args: &[&str], paths: &[&Path]) -> Option<(i32, String, String)> {
    let Some(python) = venv_python() else {
        let msg = format!(
            "SHACL venv missing: {} not set up. Run `bash tests/shacl/setup.sh` \
             (creates .venv with pyshacl/PyLD from tests/shacl/requirements.txt).",
            repo_root().join(".venv").display()
        );
        if in_ci() {
            panic!("{msg}");
        }
        // Written to the real stderr: the test harness would swallow `eprintln!`.
        let _ = writeln!(std::io::stderr(), "note: skipping SHACL check: {msg}");
        return None;
    };
    let out = Command::new(&python)
        .arg(validator_script())
        .args(extra_args)
        .args(paths)
        .current_dir(repo_root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Runs the validator (both shape versions, 1.1.0 and 1.2.0) over `paths`.
/// See [`run_shacl_with`] for the `None` case.
pub fn run_shacl(paths: &[&Path]) -> Option<ShaclReport> {
    run_shacl_with(&[], paths)
}

/// Validates every `*.jsonld` under `dir` (recursively) against the EDC SHACL shapes
/// 1.1.0 and 1.2.0 and panics with the validator output unless all conform.
/// Also panics when `dir` holds no `.jsonld` file. Skips (with a note) only when the venv
/// is missing outside CI.
///
/// Intended for compiler output: `OUT/<credential>/specification.jsonld` and
/// `OUT/<credential>/awards/<learner-key>.jsonld`.
pub fn assert_conforms(dir: &Path) {
    assert_conforms_with(&[], dir);
}

/// [`assert_conforms`] with extra validator arguments, e.g. `&["--shapes", "1.2.0"]` (only
/// the relaxed pre-seal shapes) or `&["--profile", "issuedByMandate"]`.
pub fn assert_conforms_with(extra_args: &[&str], dir: &Path) {
    let Some(report) = run_shacl_with(extra_args, &[dir]) else {
        return;
    };
    assert!(
        report.success() && report.failed == 0 && report.passed > 0,
        "SHACL conformance failed for {}:\n{}",
        dir.display(),
        report.output()
    );
}

// ---------------------------------------------------------------------------------------
// SARIF oracle
// ---------------------------------------------------------------------------------------

/// Validates SARIF logs (name, text) against `tests/data/sarif/sarif-schema-2.1.0.json`
/// with `tests/sarif/validate.py`, in one process: what the validator printed for the
/// logs that are not valid (empty when all are). `None` (after a note) when the venv is
/// missing outside CI; under CI that panics.
pub fn sarif_schema_errors(logs: &[(&str, &str)]) -> Option<String> {
    let Some(python) = venv_python() else {
        let msg = "venv missing: run `bash tests/shacl/setup.sh` (Python jsonschema)";
        if in_ci() {
            panic!("{msg}");
        }
        let _ = writeln!(
            std::io::stderr(),
            "note: skipping the SARIF schema check: {msg}"
        );
        return None;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let paths: Vec<PathBuf> = logs
        .iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let path = dir
                .path()
                .join(format!("{i}-{}.sarif", name.replace(['/', '\\'], "_")));
            std::fs::write(&path, text).expect("write log");
            path
        })
        .collect();
    let out = Command::new(&python)
        .arg(repo_root().join("tests").join("sarif").join("validate.py"))
        .args(&paths)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let oks = stdout.lines().filter(|l| l.starts_with("OK ")).count();
    if out.status.success() && oks == logs.len() {
        return Some(String::new());
    }
    Some(format!("{stdout}{}", String::from_utf8_lossy(&out.stderr)))
}

// ---------------------------------------------------------------------------------------
// JSON-LD key check
// ---------------------------------------------------------------------------------------

/// IRI of the W3C VC 1.1 context.
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";
/// IRI of the EDC application-profile context.
pub const EDC_AP_CONTEXT: &str = "http://data.europa.eu/snb/model/context/edc-ap";

static VC_V1_DOC: &[u8] = include_bytes!("../stdlib/elm/context/w3c-credentials-v1.jsonld");
static EDC_AP_DOC: &[u8] = include_bytes!("../stdlib/elm/context/edc-ap-context.jsonld");

/// JSON-LD -> RDF with `oxjsonld`, serving only the two bundled contexts (no network).
/// Returns every emitted quad, duplicates included (the parser streams, it does not dedupe).
pub fn to_quads(doc: &Value) -> Result<Vec<Quad>, String> {
    let bytes = serde_json::to_vec(doc).map_err(|e| e.to_string())?;
    JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(|url, _options| {
            let document = match url {
                VC_V1_CONTEXT => VC_V1_DOC,
                EDC_AP_CONTEXT => EDC_AP_DOC,
                other => return Err(format!("offline: refusing to load {other}").into()),
            };
            Ok(JsonLdRemoteDocument {
                document: document.to_vec(),
                document_url: url.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("JSON-LD to RDF failed: {e}"))
}

const PROBE: &str = "urn:x-laurel-probe-5d1c:";

/// One non-keyword key of a JSON object in the document.
struct KeyOcc {
    /// JSON pointer of the object holding the key.
    parent: String,
    key: String,
    /// Number of enclosing JSON objects (1 for a top-level key).
    depth: usize,
}

impl KeyOcc {
    fn pointer(&self) -> String {
        format!("{}/{}", self.parent, escape_pointer(&self.key))
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `id` / `type`: keyword aliases in both contexts, checked by their own probe pass.
fn is_alias_key(key: &str) -> bool {
    key == "id" || key == "type"
}

fn collect_keys(v: &Value, pointer: &str, depth: usize, out: &mut Vec<KeyOcc>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                // Contexts and literal values hold no properties of the document.
                if k == "@context" || k == "@value" {
                    continue;
                }
                let child_ptr = format!("{pointer}/{}", escape_pointer(k));
                if !k.starts_with('@') {
                    out.push(KeyOcc {
                        parent: pointer.to_string(),
                        key: k.clone(),
                        depth: depth + 1,
                    });
                }
                collect_keys(child, &child_ptr, depth + 1, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_keys(item, &format!("{pointer}/{i}"), depth, out);
            }
        }
        _ => {}
    }
}

/// Marker numbers (`urn:x-laurel-probe-…:<n>`) that occur anywhere in the quads.
fn probes_found(quads: &[Quad]) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    for q in quads {
        let line = q.to_string();
        let mut rest = line.as_str();
        while let Some(i) = rest.find(PROBE) {
            rest = &rest[i + PROBE.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                found.insert(n);
            }
        }
    }
    found
}

/// Quads other than `rdf:type` ones. oxjsonld 0.2 deviates from the JSON-LD expansion
/// algorithm here: for a dropped key whose value is a node object it still emits that
/// node's `rdf:type` quad (pyld emits nothing), so `rdf:type` quads cannot tell whether a
/// key was dropped.
fn statement_count(quads: &[Quad]) -> usize {
    quads
        .iter()
        .filter(|q| q.predicate != oxrdf::vocab::rdf::TYPE)
        .count()
}

fn without_key(doc: &Value, occ: &KeyOcc) -> Value {
    let mut copy = doc.clone();
    if let Some(Value::Object(map)) = copy.pointer_mut(&occ.parent) {
        map.remove(&occ.key);
    }
    copy
}

/// JSON pointers of the keys that JSON-LD processing silently drops: keys that no active
/// context maps to an IRI (typos, terms of another vocabulary, a VC term used on a nested
/// node where the type-scoped `VerifiableCredential` context does not apply, ...).
///
/// `@`-keywords and everything inside `@context` / `@value` are not checked. `id` and `type`
/// are reported when they are not aliases of `@id` / `@type` (e.g. a document whose only
/// context is edc-ap, which does not alias them: its nodes become untyped blank nodes that
/// SHACL never targets). When a key is dropped, nothing below it is reported. Panics if the document itself
/// cannot be converted to RDF; see [`try_unmapped_keys`].
///
/// How it works (the JSON-LD processor decides, no context logic is re-implemented here):
///
/// 1. **Probe pass, one `oxjsonld` run per nesting depth.** For depth *d*, every key at that
///    depth gets its value replaced by a unique absolute IRI string
///    `urn:x-laurel-probe-…:<n>`; everything above stays as it is (so `type`, type-scoped and
///    property-scoped contexts are unchanged). A mapped key turns its probe into an RDF term
///    whatever its coercion (`@id`/`@vocab` → IRI, typed or language literal, `@list` item,
///    `@json` literal); a dropped key leaves no trace. Keys whose probe is missing are
///    suspects. Whether a key is mapped depends only on its active context, never on its
///    value, so replacing values is safe.
/// 2. **Removal check per suspect** (catches the rare coercion where a plain string value
///    yields no triple, e.g. an `@graph` container): the document is parsed with the key
///    removed; the parser emits every quad, duplicates included, so a mapped key lowers the
///    number of (non-`rdf:type`) quads even when it repeats a statement made elsewhere.
///    Equal counts ⇒ the key is dropped. (`rdf:type` quads are not counted: oxjsonld emits
///    the type of a node object even under a dropped key. Consequence: a key that maps to
///    `rdf:type` itself, e.g. a literal `"rdf:type"` key, would be reported.)
///
/// 3. **`id` / `type` passes**: the same probing for all `id` values at once, then all
///    `type` values (see the comments in the code).
///
/// Cost: (max depth + suspects + 3) parses; ~17 for the Commission Annex I sample.
pub fn unmapped_keys(doc: &Value) -> Vec<String> {
    try_unmapped_keys(doc).unwrap_or_else(|e| panic!("{e}"))
}

/// [`unmapped_keys`], returning an error when the document is not JSON-LD-processable.
pub fn try_unmapped_keys(doc: &Value) -> Result<Vec<String>, String> {
    let baseline = statement_count(&to_quads(doc)?);
    let mut occs = Vec::new();
    collect_keys(doc, "", 0, &mut occs);
    let max_depth = occs.iter().map(|o| o.depth).max().unwrap_or(0);

    let mut dropped: Vec<String> = Vec::new();
    let under_dropped = |dropped: &[String], occ: &KeyOcc| {
        dropped
            .iter()
            .any(|d| occ.parent == *d || occ.parent.starts_with(&format!("{d}/")))
    };
    // Replaces the value of each listed key by its probe and returns the probes found.
    let probe = |level: &[(usize, &KeyOcc)]| -> Option<BTreeSet<usize>> {
        let mut probed = doc.clone();
        for (n, occ) in level {
            if let Some(Value::Object(map)) = probed.pointer_mut(&occ.parent) {
                if let Some(v) = map.get_mut(&occ.key) {
                    *v = Value::String(format!("{PROBE}{n}"));
                }
            }
        }
        to_quads(&probed).ok().map(|q| probes_found(&q))
    };

    // Property keys, one nesting depth at a time.
    for depth in 1..=max_depth {
        let level: Vec<(usize, &KeyOcc)> = occs
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.depth == depth && !is_alias_key(&o.key) && !under_dropped(&dropped, o)
            })
            .collect();
        if level.is_empty() {
            continue;
        }
        // A probe document that fails to parse (exotic container) -> check every key of
        // this level by removal instead.
        let found = probe(&level).unwrap_or_default();
        for (n, occ) in level {
            if found.contains(&n) {
                continue;
            }
            if statement_count(&to_quads(&without_key(doc, occ))?) == baseline {
                dropped.push(occ.pointer());
            }
        }
    }

    // `id` and `type` must be aliases of `@id` / `@type` (the VC v1 context defines them;
    // edc-ap alone does not). One pass each: an aliased `id` probe shows up as the node's
    // subject (or as the object referencing it), an aliased `type` probe as an `rdf:type`
    // object (or a literal's datatype). Only `type` changes contexts (type-scoped), which
    // cannot hide its own probe.
    for alias in ["id", "type"] {
        let level: Vec<(usize, &KeyOcc)> = occs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.key == alias && !under_dropped(&dropped, o))
            .collect();
        if level.is_empty() {
            continue;
        }
        let found = probe(&level).unwrap_or_default();
        for (n, occ) in level {
            if found.contains(&n) {
                continue;
            }
            // A top-level node with nothing but an `id` yields no statement either way.
            let lone_id = alias == "id"
                && occ.parent.is_empty()
                && doc
                    .as_object()
                    .is_some_and(|m| m.keys().all(|k| k == "id" || k == "@context"));
            if !lone_id {
                dropped.push(occ.pointer());
            }
        }
    }
    dropped.sort();
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_validator_output() {
        let out = "\
OK /o/mc/specification.jsonld [1.1.0, 1.2.0] (not a credential: Qualification)
OK /o/mc/awards/a (1).jsonld [1.1.0, 1.2.0]
FAIL /o/mc/awards/b.jsonld (json-ld)
  - JSON-LD dropped key(s) not defined by the contexts: foo
FAIL /o/mc/awards/b.jsonld (1.1.0)
  - <urn:c:1> | cred:issued | Less than 1 values on <urn:c:1>->cred:issued
  - <urn:c:1> | cred:issuer | Value does not conform to Shape edc:IssuerNodeShape.
    > <urn:epass:org:1> | elm:eidasLegalIdentifier | Less than 1 values
  (SHACL 1.2.0: conforms)
2 passed, 1 failed
";
        let r = ShaclReport::parse(1, out.into(), String::new());
        assert_eq!((r.passed, r.failed, r.files.len()), (2, 1, 3));
        let spec = r.file("specification.jsonld").unwrap();
        assert!(spec.ok);
        assert_eq!(
            spec.note.as_deref(),
            Some("not a credential: Qualification")
        );
        let a = r.file("a (1).jsonld").unwrap();
        assert!(a.ok && a.note.is_none());
        let b = r.file("b.jsonld").unwrap();
        assert!(!b.ok);
        assert_eq!(b.failures.len(), 2);
        assert_eq!(b.failures[0].0, "json-ld");
        assert_eq!(b.violations("1.1.0").len(), 3);
        assert!(b.violations("1.1.0")[2].starts_with("> <urn:epass:org:1>"));
        assert!(b.violations("1.2.0").is_empty());
    }

    #[test]
    fn json_pointer_escaping() {
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
    }
}
