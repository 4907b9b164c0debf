//! The fuzzing harness behind `cargo run --release -p laurel-conformance --bin fuzz`
//! and the replay test `tests/tests/fuzz_replay.rs`: seeds from the repository, a
//! deterministic mutator, and the targets (library calls and the language server), each
//! run under `catch_unwind`.
//!
//! A case is `(target, seed, bytes)`: the seed (a repository-relative path) gives the
//! context the bytes are put in (the project a `.laurel` file or learner data belongs
//! to); the bytes replace the seed's content.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use laurel::ide::{self, Analysis};
use laurel::project::{self, Project};
use laurel::source::FileId;

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the repository")
        .to_path_buf()
}

/// Where findings are written (repository-relative).
pub const FOUND: &str = "tests/fuzz/found";
/// The committed corpus replayed with the findings.
pub const CORPUS: &str = "tests/fuzz/corpus";

/// What a case is run through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `syntax::parse`, `Project::compile`, diagnostics rendering and the JSON-LD.
    Laurel,
    /// `fmt::format`, and that its output is formatted (idempotence).
    Fmt,
    /// The editor features of `laurel::ide` at a few offsets.
    Ide,
    /// `issue::check` on learner data.
    Issue,
    /// `seal::verify` on a sealed file.
    Verify,
    /// `laurel validate` on a credential file (any of its three forms), its findings
    /// rendered in every format.
    Validate,
    /// The language server in process: open, change, completion, hover, formatting.
    Lsp,
}

impl Target {
    /// Every target, in the order a run takes them.
    pub const ALL: [Target; 7] = [
        Target::Laurel,
        Target::Fmt,
        Target::Ide,
        Target::Issue,
        Target::Verify,
        Target::Validate,
        Target::Lsp,
    ];

    /// The name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Target::Laurel => "laurel",
            Target::Fmt => "fmt",
            Target::Ide => "ide",
            Target::Issue => "issue",
            Target::Verify => "verify",
            Target::Validate => "validate",
            Target::Lsp => "lsp",
        }
    }

    /// The target of a name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The repository-relative paths of this target's seeds, sorted.
    pub fn seed_paths(self) -> Vec<PathBuf> {
        let root = repo_root();
        let mut found = Vec::new();
        let wanted = |p: &Path| -> bool {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            match self {
                Target::Laurel => ext == "laurel" || name == project::MANIFEST,
                Target::Fmt | Target::Ide | Target::Lsp => ext == "laurel",
                Target::Issue => name.starts_with("learners.") && (ext == "csv" || ext == "json"),
                Target::Verify => ext == "jsonld",
                Target::Validate => ext == "jsonld" || ext == "json",
            }
        };
        let folders: &[&str] = match self {
            Target::Verify => &["tests/data/seal"],
            Target::Validate => &["tests/data/seal", "tests/data/elm-examples"],
            _ => &["examples", "compiler/tests"],
        };
        for folder in folders {
            walk(&root, &root.join(folder), &wanted, &mut found);
        }
        found.sort();
        found
    }
}

fn walk(root: &Path, dir: &Path, wanted: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, wanted, out);
        } else if wanted(&path) {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
}

/// A deterministic xorshift64* generator: every case is reproducible from its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed number (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Tokens worth inserting: structure, escapes, odd characters, numbers and dates.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "@",
    "\u{202e}",
    "\\ud800",
    "\\u{110000}",
    "\\",
    "\u{feff}",
    "\r\n",
    "\n",
    "\t",
    "//",
    "#",
    ",",
    "=",
    "[",
    "]",
    "0",
    "-",
    "-1",
    "1e308",
    "99999999999999999999999999999999",
    "18446744073709551616",
    "NaN",
    "0.0000000000000000000001",
    "2025-02-30T25:61:00Z",
    "0000-00-00",
    "9999-12-31T23:59:60+14:00",
    "15.03.1990",
    "29.02.2023",
    "ects",
    "hours",
    "en",
    "\u{0}",
    "\u{200b}",
    "é",
    "𝕏",
    "micro-credential ",
    "organisation ",
    "award ",
    "qualification ",
    "template ",
    "extends ",
    "title ",
    "eyJhbGciOiJSUzI1NiJ9",
    "null",
    "true",
    "{}",
    "[]",
    "\"payload\":",
    "\"signatures\":",
    "\"protected\":",
    "\"x5c\":[\"\"]",
];

/// One mutation of `input`, sometimes spliced with `other`; at most [`LIMIT`] bytes.
pub fn mutate(input: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    let steps = 1 + rng.below(4);
    for _ in 0..steps {
        let at = rng.below(out.len() + 1);
        match rng.below(9) {
            0 => {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            3 => {
                let len = 1 + rng.below(64.min(out.len().saturating_sub(at)).max(1));
                let end = (at + len).min(out.len());
                out.drain(at..end);
            }
            4 => {
                // Splice: the start of this input, the end of the other.
                let from = rng.below(other.len() + 1);
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
            5 => {
                // A line of the input, many times.
                let start = out[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = out[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(out.len(), |i| at + i + 1);
                let line = out[start..end].to_vec();
                let times = (1 + rng.below(2000)).min(LIMIT / (line.len() + 1));
                let mut copies = Vec::with_capacity(line.len() * times);
                for _ in 0..times {
                    copies.extend_from_slice(&line);
                    if !line.ends_with(b"\n") {
                        copies.push(b'\n');
                    }
                }
                out.splice(end..end, copies);
            }
            6 => {
                // A long run of one byte or token.
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let times = (1 + rng.below(5000)).min(LIMIT / token.len());
                let run: Vec<u8> = token
                    .iter()
                    .copied()
                    .cycle()
                    .take(token.len() * times)
                    .collect();
                out.splice(at..at, run);
            }
            7 => {
                // Swap a stretch with one elsewhere in the input.
                if out.len() > 2 {
                    let a = rng.below(out.len());
                    let b = rng.below(out.len());
                    let (a, b) = (a.min(b), a.max(b));
                    let len = rng.below(32).min(b - a);
                    let first = out[a..a + len].to_vec();
                    out.splice(a..a + len, out[b - len..b].to_vec());
                    out.splice(b - len..b, first);
                }
            }
            _ => {
                // An interesting byte.
                let byte = [0u8, 0xff, 0xc3, 0xe2, 0x80, b' ', b'\r', b'"'][rng.below(8)];
                out.insert(at, byte);
            }
        }
        out.truncate(LIMIT);
    }
    out
}

/// The largest input a mutation makes (1 MiB).
pub const LIMIT: usize = 1 << 20;

/// A seed's content and its loaded project, read once.
struct Context {
    bytes: Vec<u8>,
    /// The project the seed belongs to (or the seed alone); the seed's file in it.
    project: Option<(Project, PathBuf)>,
    /// The first micro-credential of the project (learner data awards it).
    credential: String,
}

fn contexts() -> &'static Mutex<HashMap<PathBuf, &'static Context>> {
    static CONTEXTS: OnceLock<Mutex<HashMap<PathBuf, &'static Context>>> = OnceLock::new();
    CONTEXTS.get_or_init(Default::default)
}

/// The content of a seed (repository-relative path).
pub fn seed_bytes(seed: &Path) -> Vec<u8> {
    context(seed).bytes.clone()
}

fn context(seed: &Path) -> &'static Context {
    let mut map = contexts().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = map.get(seed) {
        return c;
    }
    let root = repo_root();
    let path = root.join(seed);
    let bytes = std::fs::read(&path).unwrap_or_default();
    let learners = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("learners."));
    let project_at = if learners && !seed.starts_with("examples") {
        // The diagnostics fixtures' learner data is for the issue project.
        root.join("compiler/tests/fixtures/issue-project")
    } else {
        path.clone()
    };
    let project = Project::load(&project_at).ok().map(|p| (p, path.clone()));
    let credential = project
        .as_ref()
        .and_then(|(p, _)| {
            p.compile()
                .model
                .credentials
                .first()
                .map(|c| c.name.clone())
        })
        .unwrap_or_else(|| "course".to_string());
    let context: &'static Context = Box::leak(Box::new(Context {
        bytes,
        project,
        credential,
    }));
    map.insert(seed.to_path_buf(), context);
    context
}

/// The panic messages seen since the last [`take_panics`] (any thread).
fn panics() -> &'static Mutex<Vec<String>> {
    static PANICS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    PANICS.get_or_init(Default::default)
}

/// Records panics (message and place) instead of printing them; call once.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("?").to_string();
        panics()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("panic in thread {thread}: {message}{place}"));
    }));
}

fn take_panics() -> Vec<String> {
    std::mem::take(&mut *panics().lock().unwrap_or_else(|e| e.into_inner()))
}

/// Runs one case: `Err` with what went wrong (a panic, a broken invariant).
pub fn run(target: Target, seed: &Path, bytes: &[u8]) -> Result<(), String> {
    take_panics();
    let result = panic::catch_unwind(AssertUnwindSafe(|| run_target(target, seed, bytes)));
    let mut problems = take_panics();
    match result {
        Ok(Ok(())) => {}
        Ok(Err(why)) => problems.push(why),
        Err(_) if !problems.is_empty() => {}
        Err(_) => problems.push("panic".to_string()),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The seed's project with `text` in place of the seed's file.
fn project_with(seed: &Path, text: String) -> Option<(Project, FileId)> {
    let (project, path) = context(seed).project.as_ref()?;
    let mut project = project.clone();
    let file = project.overlay(path, text);
    Some((project, file))
}

fn run_target(target: Target, seed: &Path, bytes: &[u8]) -> Result<(), String> {
    match target {
        Target::Laurel => laurel_target(seed, bytes),
        Target::Fmt => fmt_target(bytes),
        Target::Ide => ide_target(seed, bytes),
        Target::Issue => issue_target(seed, bytes),
        Target::Verify => verify_target(bytes),
        Target::Validate => validate_target(bytes),
        Target::Lsp => lsp_target(seed, bytes),
    }
}

fn laurel_target(seed: &Path, bytes: &[u8]) -> Result<(), String> {
    let text = text(bytes);
    let _ = laurel::syntax::parse(FileId(0), &text);
    let project = if seed.file_name().and_then(|n| n.to_str()) == Some(project::MANIFEST) {
        // The manifest is read from disk: a copy of the project with this one.
        let (original, _) = context(seed).project.as_ref().ok_or("no project")?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        for id in original.laurel_files() {
            let file = original.sources.get(id);
            let relative = file.path.strip_prefix(&original.root).unwrap_or(&file.path);
            let to = dir.path().join(relative);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(&to, &file.text).map_err(|e| e.to_string())?;
        }
        std::fs::write(dir.path().join(project::MANIFEST), bytes).map_err(|e| e.to_string())?;
        match Project::load(dir.path()) {
            Ok(project) => project,
            Err(_) => return Ok(()),
        }
    } else {
        match project_with(seed, text) {
            Some((project, _)) => project,
            None => return Ok(()),
        }
    };
    let compilation = project.compile();
    for format in [
        laurel::diag::Format::Human,
        laurel::diag::Format::Json,
        laurel::diag::Format::Github,
        laurel::diag::Format::Sarif,
    ] {
        let _ = laurel::diag::render(format, &project.sources, &compilation.diagnostics, false);
    }
    if !compilation.has_errors() {
        let model = &compilation.model;
        for (id, _) in model.credentials.iter().enumerate() {
            let _ = laurel::elm::specification(model, id);
        }
        for award in &model.awards {
            let _ = laurel::elm::credential(model, award, &laurel::elm::Options::default());
        }
    }
    Ok(())
}

fn fmt_target(bytes: &[u8]) -> Result<(), String> {
    let text = text(bytes);
    match laurel::fmt::format(&text) {
        Ok(out) => match laurel::fmt::is_formatted(&out) {
            Ok(true) => Ok(()),
            Ok(false) => Err(format!(
                "not idempotent: formatting the formatted text changes it\n{}",
                laurel::fmt::format(&out).unwrap_or_default()
            )),
            Err(e) => Err(format!("the formatted text does not format again: {e}")),
        },
        Err(laurel::fmt::FormatError::Syntax(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// A few offsets in `text`, on character boundaries: the ends, the middle, and some
/// drawn from the text itself (so they are reproducible).
fn offsets(text: &str) -> Vec<usize> {
    let mut rng = Rng::new(text.len() as u64);
    let mut out = vec![0, text.len(), text.len() / 2];
    for _ in 0..4 {
        out.push(rng.below(text.len() + 1));
    }
    out.iter()
        .map(|&o| {
            let mut o = o.min(text.len());
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        })
        .collect()
}

fn ide_target(seed: &Path, bytes: &[u8]) -> Result<(), String> {
    let text = text(bytes);
    let Some((project, file)) = project_with(seed, text) else {
        return Ok(());
    };
    let analysis = Analysis::new(project);
    let text = analysis.project.sources.get(file).text.clone();
    let offsets = offsets(&text);
    let _ = ide::symbols::document_symbols(&analysis, file);
    let _ = ide::symbols::workspace_symbols(&analysis, "a");
    let _ = ide::tokens::semantic_tokens(&analysis, file);
    let _ = ide::inlay::inlay_hints(&analysis, file, 0..text.len());
    for (i, &at) in offsets.iter().enumerate() {
        let _ = ide::completion::complete(&analysis, file, at);
        let _ = ide::hover::hover(&analysis, file, at);
        let _ = ide::navigation::definition(&analysis, file, at);
        let _ = ide::navigation::prepare_rename(&analysis, file, at);
        let end = offsets[(i + 1) % offsets.len()];
        let _ = ide::actions::code_actions(&analysis, file, at.min(end)..at.max(end));
    }
    Ok(())
}

fn issue_target(seed: &Path, bytes: &[u8]) -> Result<(), String> {
    let context = context(seed);
    let Some((project, _)) = context.project.as_ref() else {
        return Ok(());
    };
    let mut project = project.clone();
    let path = repo_root().join(seed);
    // A small chunk size, so that rows meet across chunks as in a large file.
    let mut good = 0usize;
    let checked = laurel::issue::check_in_chunks(
        &mut project,
        &path,
        bytes.to_vec(),
        &context.credential,
        3,
        |chunk| {
            good += chunk.awards.len();
            Ok::<(), std::convert::Infallible>(())
        },
    )
    .unwrap_or_else(|never| match never {});
    let _ = laurel::diag::render(
        laurel::diag::Format::Human,
        &project.sources,
        &checked.compilation.diagnostics,
        false,
    );
    let rejected = checked.rejected_rows().len();
    if good + rejected > checked.rows {
        return Err(format!(
            "{good} good and {rejected} rejected rows of {} rows",
            checked.rows
        ));
    }
    Ok(())
}

fn verify_target(bytes: &[u8]) -> Result<(), String> {
    let text = text(bytes);
    // The time the EU issuer's samples were sealed in, and one far outside it.
    for at in [1_750_000_000, 0] {
        let checks =
            laurel::seal::verify(&text, &laurel::seal::VerifyOptions { at, anchors: None });
        let _ = laurel::seal::all_passed(&checks);
    }
    Ok(())
}

fn validate_target(bytes: &[u8]) -> Result<(), String> {
    use laurel::validate::{document, run};
    let text = text(bytes);
    let mut sources = laurel::source::Sources::new();
    let validated = match document::parse(&text) {
        Ok(doc) => {
            let file = sources.add("credential.jsonld", doc.text.clone());
            let validated = run::validate_document(&doc, file, &run::Options::default());
            for d in &validated.diagnostics {
                if d.span.range().end > doc.text.len() {
                    return Err(format!("a finding points past the end: {}", d.message));
                }
            }
            validated
        }
        Err(error) => run::unreadable_document(sources.add("credential.jsonld", text), &error),
    };
    for format in [
        laurel::diag::Format::Human,
        laurel::diag::Format::Json,
        laurel::diag::Format::Github,
        laurel::diag::Format::Sarif,
    ] {
        let _ = laurel::diag::render(format, &sources, &validated.diagnostics, false);
    }
    Ok(())
}

fn lsp_target(seed: &Path, bytes: &[u8]) -> Result<(), String> {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime")
    });
    let root = repo_root();
    let path = root.join(seed);
    let folder = project::find_root(path.parent().unwrap_or(&root)).unwrap_or_else(|| root.clone());
    let original = text(&context(seed).bytes);
    let text = text(bytes);
    runtime.block_on(async move {
        use laurel_lsp::testing::{position, uri, Client};
        use serde_json::json;
        let mut client = Client::in_process();
        client.timeout = Duration::from_secs(20);
        let no_answer = |r: Result<serde_json::Value, serde_json::Value>, what: &str| match r {
            Err(e) if e["message"].as_str().is_some_and(|m| m.contains("no answer")) => {
                Err(format!("the server did not answer {what}"))
            }
            _ => Ok(()),
        };
        no_answer(client.initialize(Some(&folder)).await, "initialize")?;
        let uri = uri(&path);
        client.open(&uri, &original, 1).await;
        client.change(&uri, &text, 2).await;
        let doc = json!({ "uri": uri });
        for at in offsets(&text) {
            let at = json!({ "textDocument": doc, "position": position(&text, at) });
            no_answer(client.request("textDocument/completion", at.clone()).await, "completion")?;
            no_answer(client.request("textDocument/hover", at.clone()).await, "hover")?;
            no_answer(client.request("textDocument/definition", at).await, "definition")?;
        }
        let whole = json!({ "textDocument": doc });
        no_answer(
            client
                .request(
                    "textDocument/formatting",
                    json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
                )
                .await,
            "formatting",
        )?;
        no_answer(client.request("textDocument/documentSymbol", whole.clone()).await, "documentSymbol")?;
        no_answer(client.request("textDocument/semanticTokens/full", whole).await, "semanticTokens")?;
        let end = position(&text, text.len());
        no_answer(
            client
                .request(
                    "textDocument/codeAction",
                    json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": end },
                            "context": { "diagnostics": [] } }),
                )
                .await,
            "codeAction",
        )?;
        if client.diagnostics(&uri, Some(2)).await.is_none() {
            return Err("no diagnostics for the changed text".to_string());
        }
        client.shutdown().await;
        Ok(())
    })
}

/// A short hexadecimal hash of `bytes` (the name of a finding).
pub fn hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The file name extension of a target's inputs from `seed`.
pub fn extension(seed: &Path) -> String {
    seed.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt")
        .to_string()
}

/// Writes a finding: the input as `found/<target>-<hash>.<ext>` and, beside it,
/// `<file>.seed` with the seed it was made from. Returns the input's path.
pub fn save(target: Target, seed: &Path, bytes: &[u8], why: &str) -> std::io::Result<PathBuf> {
    let dir = repo_root().join(FOUND);
    std::fs::create_dir_all(&dir)?;
    let name = format!("{}-{}.{}", target.name(), hash(bytes), extension(seed));
    let file = dir.join(&name);
    std::fs::write(&file, bytes)?;
    let mut note = String::new();
    let _ = writeln!(note, "{}", seed.display());
    let _ = writeln!(
        note,
        "# reproduce: cargo run --release -p laurel-conformance --bin fuzz -- --replay {FOUND}/{name}"
    );
    for line in why.lines() {
        let _ = writeln!(note, "# {line}");
    }
    std::fs::write(dir.join(format!("{name}.seed")), note)?;
    Ok(file)
}

/// A case saved in a folder.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The target it is run through.
    pub target: Target,
    /// The seed it was made from (its context).
    pub seed: PathBuf,
    /// The input.
    pub bytes: Vec<u8>,
    /// The input's file.
    pub file: PathBuf,
}

/// The cases saved in a folder: every input with a
/// `.seed` file beside it (its first line is the seed's path); an input without one is
/// an error.
pub fn saved(dir: &Path) -> Result<Vec<Saved>, String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.ends_with(".seed") || name.starts_with('.') || name == "README.md" {
            continue;
        }
        let target = name
            .split('-')
            .next()
            .and_then(Target::from_name)
            .ok_or_else(|| format!("{name}: the name does not start with a target"))?;
        let seed = std::fs::read_to_string(dir.join(format!("{name}.seed")))
            .map_err(|e| format!("{name}.seed: {e}"))?;
        let bytes = std::fs::read(&file).map_err(|e| format!("{name}: {e}"))?;
        let seed = seed.lines().next().unwrap_or("").trim();
        out.push(Saved {
            target,
            seed: PathBuf::from(seed),
            bytes,
            file,
        });
    }
    Ok(out)
}
