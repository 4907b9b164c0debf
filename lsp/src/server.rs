//! The protocol server: documents, projects, compiles, and one handler per feature.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use laurel::check::ProjectInfo;
use laurel::diag::Severity;
use laurel::ide::{self, Analysis};
use laurel::project::{self, Project};
use laurel::source::{FileId, Sources, Span};
use laurel::syntax::ast::ItemKind;
use laurel::syntax::schema::BlockKind;
use serde_json::json;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert::{Encoding, LineMap};
use crate::validate::{self, ValidateParams};

/// Semantic token types, in legend order (indexes are sent on the wire).
pub const TOKEN_TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::KEYWORD, // 0 item keywords, `from`, `esco`, `to`, units
    SemanticTokenType::PROPERTY, // 1 field names
    SemanticTokenType::NAMESPACE, // 2 organisations
    SemanticTokenType::CLASS,   // 3 micro-credentials
    SemanticTokenType::STRUCT,  // 4 qualifications
    SemanticTokenType::INTERFACE, // 5 templates
    SemanticTokenType::ENUM,    // 6 outcomes
    SemanticTokenType::ENUM_MEMBER, // 7 vocabulary values
    SemanticTokenType::STRING,  // 8 ESCO skills (labels and IRIs)
];

/// Semantic token modifiers, in legend order (bit `1 << index`).
pub const TOKEN_MODIFIERS: &[SemanticTokenModifier] = &[
    SemanticTokenModifier::DECLARATION,     // 0 an item's own name
    SemanticTokenModifier::DEFAULT_LIBRARY, // 1 bundled vocabularies and ESCO
];

/// An open document.
#[derive(Debug, Clone)]
struct Doc {
    version: i32,
    text: Arc<str>,
    path: PathBuf,
    slot: Arc<Slot>,
}

/// Where a project's files come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Origin {
    /// A folder with `Laurel.toml`.
    Manifest(PathBuf),
    /// A `.laurel` file outside any project.
    Lone(PathBuf),
    /// A buffer that is not a file (`untitled:`).
    Virtual(PathBuf),
}

impl Origin {
    fn key(&self) -> &Path {
        match self {
            Origin::Manifest(p) | Origin::Lone(p) | Origin::Virtual(p) => p,
        }
    }
}

/// One project: its compiles and what was last published for it.
#[derive(Debug)]
struct Slot {
    origin: Origin,
    generation: AtomicU64,
    /// Serialises compiles (and publishing) of this project.
    compile: tokio::sync::Mutex<()>,
    /// The project as read from disk, before overlays.
    disk: Mutex<Option<Project>>,
    current: Mutex<Option<Arc<Snapshot>>>,
    published: Mutex<HashMap<Uri, Published>>,
}

#[derive(Debug, PartialEq)]
struct Published {
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

/// A compiled project with what is needed to talk about it in protocol terms.
#[derive(Debug)]
pub(crate) struct Snapshot {
    generation: u64,
    analysis: Analysis,
    /// By file id.
    files: Vec<FileInfo>,
    /// Open documents in this compile, with the version used.
    open: HashMap<Uri, (FileId, i32)>,
}

#[derive(Debug)]
struct FileInfo {
    uri: Option<Uri>,
    map: LineMap,
}

impl Snapshot {
    fn file_of(&self, uri: &Uri) -> Option<FileId> {
        if let Some((id, _)) = self.open.get(uri) {
            return Some(*id);
        }
        self.files
            .iter()
            .position(|f| f.uri.as_ref() == Some(uri))
            .map(|i| FileId(i as u32))
    }

    fn info(&self, file: FileId) -> Option<&FileInfo> {
        self.files.get(file.0 as usize)
    }

    fn location(&self, span: Span, enc: Encoding) -> Option<Location> {
        let info = self.info(span.file)?;
        Some(Location::new(
            info.uri.clone()?,
            info.map.range(enc, span.range()),
        ))
    }

    fn offset(&self, file: FileId, position: Position, enc: Encoding) -> usize {
        self.info(file)
            .map_or(0, |info| info.map.offset(enc, position))
    }
}

#[derive(Debug, Default)]
struct State {
    docs: Mutex<HashMap<Uri, Doc>>,
    slots: Mutex<HashMap<PathBuf, Arc<Slot>>>,
    encoding: Mutex<Encoding>,
    roots: Mutex<Vec<PathBuf>>,
    watch_files: Mutex<bool>,
    /// The vocabularies loading in the background since `initialize`.
    loading: Mutex<Option<tokio::task::JoinHandle<std::time::Duration>>>,
    /// Credential files validated, each with its latest validation's number: only that
    /// one publishes, and closing the file forgets it. Held while publishing, so results
    /// and clearing reach the client in order.
    validated: tokio::sync::Mutex<HashMap<Uri, u64>>,
    validations: AtomicU64,
}

/// Locks a mutex, recovering from a poisoned lock (a panic elsewhere must not stop the
/// server from answering).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs a feature function; a panic becomes `None` instead of taking the server down.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).ok()
}

/// What an editor query found, with the compile it ran on.
struct Found<T> {
    snap: Arc<Snapshot>,
    file: FileId,
    value: T,
}

fn internal(what: &str) -> Error {
    let mut e = Error::internal_error();
    e.message = format!("laurel-lsp: {what} failed").into();
    e
}

/// The language server.
#[derive(Debug)]
pub struct Backend {
    client: Client,
    state: Arc<State>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(State::default()),
        }
    }

    fn encoding(&self) -> Encoding {
        *lock(&self.state.encoding)
    }

    /// The slot of the project a file belongs to (created on first use).
    fn slot_for(&self, origin: Origin) -> Arc<Slot> {
        let mut slots = lock(&self.state.slots);
        slots
            .entry(origin.key().to_path_buf())
            .or_insert_with(|| {
                Arc::new(Slot {
                    origin,
                    generation: AtomicU64::new(0),
                    compile: tokio::sync::Mutex::new(()),
                    disk: Mutex::new(None),
                    current: Mutex::new(None),
                    published: Mutex::new(HashMap::new()),
                })
            })
            .clone()
    }

    /// Stores a document version unless a newer one is held; returns its project when
    /// it was stored.
    fn store(&self, uri: &Uri, version: i32, text: Arc<str>, force: bool) -> Option<Arc<Slot>> {
        let mut docs = lock(&self.state.docs);
        if let Some(doc) = docs.get_mut(uri) {
            if !force && version <= doc.version {
                return None;
            }
            doc.version = version;
            doc.text = text;
            return Some(doc.slot.clone());
        }
        drop(docs);
        let (path, origin) = locate(uri);
        let slot = self.slot_for(origin);
        let mut docs = lock(&self.state.docs);
        // Another handler may have stored it meanwhile: keep the newer.
        if let Some(doc) = docs.get(uri) {
            if doc.version >= version && !force {
                return None;
            }
        }
        docs.insert(
            uri.clone(),
            Doc {
                version,
                text,
                path,
                slot: slot.clone(),
            },
        );
        Some(slot)
    }

    /// Marks the project changed and compiles it in the background; a newer change
    /// supersedes this one before it publishes.
    fn changed(&self, slot: Arc<Slot>) {
        let generation = slot.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let this = self.clone_handle();
        tokio::spawn(async move {
            this.refresh(slot, generation).await;
        });
    }

    fn clone_handle(&self) -> Backend {
        Backend {
            client: self.client.clone(),
            state: self.state.clone(),
        }
    }

    async fn refresh(&self, slot: Arc<Slot>, generation: u64) {
        let _compiling = slot.compile.lock().await;
        if slot.generation.load(Ordering::SeqCst) != generation {
            return; // a newer change is queued and will do the work
        }
        // A request may have compiled this generation already.
        let done = lock(&slot.current)
            .clone()
            .filter(|s| s.generation == generation);
        let snapshot = match done {
            Some(snapshot) => snapshot,
            None => match self.compile(&slot, generation).await {
                Some(snapshot) => snapshot,
                None => return,
            },
        };
        if slot.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        self.publish(&slot, &snapshot).await;
    }

    /// Compiles the project with every open buffer of it; stores and returns the result.
    async fn compile(&self, slot: &Arc<Slot>, generation: u64) -> Option<Arc<Snapshot>> {
        let docs: Vec<(Uri, PathBuf, Arc<str>, i32)> = lock(&self.state.docs)
            .iter()
            .filter(|(_, d)| Arc::ptr_eq(&d.slot, slot))
            .map(|(u, d)| (u.clone(), d.path.clone(), d.text.clone(), d.version))
            .collect();
        let worker = slot.clone();
        let result =
            tokio::task::spawn_blocking(move || build_snapshot(&worker, docs, generation)).await;
        match result {
            Ok(snapshot) => {
                let snapshot = Arc::new(snapshot);
                *lock(&slot.current) = Some(snapshot.clone());
                Some(snapshot)
            }
            Err(e) => {
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!("laurel-lsp: checking the project failed: {e}"),
                    )
                    .await;
                None
            }
        }
    }

    /// The current compile of a project, compiling first when a change is pending.
    async fn fresh(&self, slot: &Arc<Slot>) -> Option<Arc<Snapshot>> {
        let is_fresh = |slot: &Slot| {
            lock(&slot.current)
                .clone()
                .filter(|s| s.generation == slot.generation.load(Ordering::SeqCst))
        };
        if let Some(s) = is_fresh(slot) {
            return Some(s);
        }
        let _compiling = slot.compile.lock().await;
        if let Some(s) = is_fresh(slot) {
            return Some(s);
        }
        let generation = slot.generation.load(Ordering::SeqCst);
        self.compile(slot, generation).await
    }

    /// The up-to-date compile holding `uri`, and the file's id in it.
    async fn snapshot(&self, uri: &Uri) -> Option<(Arc<Snapshot>, FileId)> {
        let slot = lock(&self.state.docs).get(uri).map(|d| d.slot.clone());
        let slot = match slot {
            Some(slot) => slot,
            None => {
                let (_, origin) = locate(uri);
                if matches!(origin, Origin::Virtual(_)) {
                    return None;
                }
                self.slot_for(origin)
            }
        };
        let snapshot = self.fresh(&slot).await?;
        let file = snapshot.file_of(uri)?;
        Some((snapshot, file))
    }

    async fn at(&self, doc: &TextDocumentPositionParams) -> Option<(Arc<Snapshot>, FileId, usize)> {
        let (snapshot, file) = self.snapshot(&doc.text_document.uri).await?;
        let offset = snapshot.offset(file, doc.position, self.encoding());
        Some((snapshot, file, offset))
    }

    /// Runs an editor query on the up-to-date compile at a position, guarded so that a
    /// bug answers an internal error naming `what` instead of stopping the server.
    /// `Ok(None)` when the document belongs to no project.
    async fn query_at<T>(
        &self,
        at: &TextDocumentPositionParams,
        what: &str,
        query: impl FnOnce(&Analysis, FileId, usize) -> T,
    ) -> Result<Option<Found<T>>> {
        let Some((snap, file, offset)) = self.at(at).await else {
            return Ok(None);
        };
        let value =
            guarded(|| query(&snap.analysis, file, offset)).ok_or_else(|| internal(what))?;
        Ok(Some(Found { snap, file, value }))
    }

    /// The same for a whole document: `query` gets the compile, the file and its line
    /// map, and answers in protocol types (converting inside the guard too).
    async fn query_file<T>(
        &self,
        uri: &Uri,
        what: &str,
        query: impl FnOnce(&Snapshot, FileId, &FileInfo) -> T,
    ) -> Result<Option<T>> {
        let Some((snap, file)) = self.snapshot(uri).await else {
            return Ok(None);
        };
        let Some(info) = snap.info(file) else {
            return Ok(None);
        };
        guarded(|| query(&snap, file, info))
            .map(Some)
            .ok_or_else(|| internal(what))
    }

    /// Publishes the diagnostics of every file of the project that changed since the
    /// last publication (and of every open document at a new version); clears files that
    /// became clean or left the project.
    async fn publish(&self, slot: &Slot, snapshot: &Snapshot) {
        let enc = self.encoding();
        let mut by_file: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
        for d in &snapshot.analysis.compilation.diagnostics {
            let place = |span| snapshot.location(span, enc);
            if let Some(diagnostic) = guarded(|| to_lsp_diagnostic(d, &place)).flatten() {
                by_file.entry(d.span.file).or_default().push(diagnostic);
            }
        }
        let mut out = Vec::new();
        {
            let mut published = lock(&slot.published);
            let mut seen = HashSet::new();
            for (i, info) in snapshot.files.iter().enumerate() {
                let Some(uri) = &info.uri else { continue };
                seen.insert(uri.clone());
                let now = Published {
                    version: snapshot.open.get(uri).map(|(_, v)| *v),
                    diagnostics: by_file.remove(&FileId(i as u32)).unwrap_or_default(),
                };
                let changed = match published.get(uri) {
                    Some(before) => *before != now,
                    None => !now.diagnostics.is_empty() || now.version.is_some(),
                };
                if changed {
                    out.push((uri.clone(), now.diagnostics.clone(), now.version));
                    published.insert(uri.clone(), now);
                }
            }
            let gone: Vec<Uri> = published
                .keys()
                .filter(|u| !seen.contains(*u))
                .cloned()
                .collect();
            for uri in gone {
                published.remove(&uri);
                out.push((uri, Vec::new(), None));
            }
        }
        for (uri, diagnostics, version) in out {
            self.client
                .publish_diagnostics(uri, diagnostics, version)
                .await;
        }
    }

    /// Forgets what was read from disk for the projects holding `path`.
    fn invalidate_disk(&self, path: &Path) -> Vec<Arc<Slot>> {
        let slots: Vec<Arc<Slot>> = lock(&self.state.slots).values().cloned().collect();
        let mut hit = Vec::new();
        for slot in slots {
            let holds = match &slot.origin {
                Origin::Manifest(root) => path.starts_with(root),
                Origin::Lone(file) => path == file,
                Origin::Virtual(_) => false,
            };
            if holds {
                *lock(&slot.disk) = None;
                hit.push(slot);
            }
        }
        hit
    }

    /// `laurel/build`: what `laurel build` does, for the project holding the file at
    /// `uri` (a `.laurel` file or `Laurel.toml`), from the files as saved on disk.
    /// Answers `{ built, outputDir, specifications, credentials }` or
    /// `{ built: false, errors, message }`.
    pub async fn build_project(&self, params: TextDocumentIdentifier) -> Result<serde_json::Value> {
        let (path, origin) = locate(&params.uri);
        let target = match origin {
            Origin::Manifest(root) => root,
            Origin::Lone(file) => file,
            Origin::Virtual(_) => {
                let mut e =
                    Error::invalid_params("save the file first: only files on disk can be built");
                e.data = Some(json!({ "path": path.display().to_string() }));
                return Err(e);
            }
        };
        let built = tokio::task::spawn_blocking(move || {
            let project = Project::load(&target).map_err(|e| e.to_string())?;
            let compilation = project.compile();
            let out = project.output_dir();
            let options = laurel::build::Options {
                images: true,
                ..Default::default()
            };
            match laurel::build::build(&compilation, &out, &options) {
                Ok(built) => Ok((built, out)),
                Err(e) => Err(laurel::build::write_failure(&out, &e)),
            }
        })
        .await
        .map_err(|_| internal("build"))?;
        let (built, out) = built.map_err(|message| {
            let mut e = Error::internal_error();
            e.message = message.into();
            e
        })?;
        Ok(match built {
            laurel::build::Built::Written(report) => json!({
                "built": true,
                "outputDir": out.display().to_string(),
                "specifications": report.specifications.len(),
                "credentials": report.credentials.len(),
            }),
            laurel::build::Built::Refused { errors } => json!({
                "built": false,
                "errors": errors,
                "message": format!(
                    "nothing was written: the project has {errors} error{} (see Problems)",
                    if errors == 1 { "" } else { "s" }
                ),
            }),
        })
    }

    /// `laurel/validateCredential` (also the command `laurel-lsp.validateCredential`):
    /// what `laurel validate` says of the credential file at `uri` (its `text` when
    /// given, else the file on disk), published as the diagnostics of that URI, replacing
    /// the earlier ones. Answers `{ uri, conforms, readable, form, errors, warnings,
    /// profiles, shapes, source, message }`.
    pub async fn validate_credential(&self, params: ValidateParams) -> Result<serde_json::Value> {
        let uri = params.text_document.uri.clone();
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        if name.ends_with(".laurel") || name == project::MANIFEST {
            return Err(Error::invalid_params(
                "this is a Laurel project file, not a credential: `laurel/build` writes its credentials",
            ));
        }
        let options = params.options()?;
        let ticket = self.state.validations.fetch_add(1, Ordering::SeqCst) + 1;
        self.state
            .validated
            .lock()
            .await
            .insert(uri.clone(), ticket);
        let path = uri
            .scheme()
            .as_str()
            .eq_ignore_ascii_case("file")
            .then(|| uri.to_file_path().map(|p| p.into_owned()))
            .flatten();
        let enc = self.encoding();
        let at = uri.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            validate::validate(&at, path.as_deref(), params.text, &options, enc)
        })
        .await
        .map_err(|_| internal("validating the credential"))?;
        let validated = self.state.validated.lock().await;
        if validated.get(&uri) == Some(&ticket) {
            self.client
                .publish_diagnostics(uri, outcome.diagnostics, None)
                .await;
        }
        Ok(outcome.summary)
    }

    /// `laurel/compiled`: the JSON-LD that `laurel build --no-images` writes for the award
    /// or micro-credential at a position (unsaved edits included). Answers
    /// `{ path, text }`, or `{ message }` saying why there is nothing to show.
    pub async fn compiled(&self, params: TextDocumentPositionParams) -> Result<serde_json::Value> {
        let found = self
            .query_at(
                &params,
                "compiling the credential",
                ide::compiled::compiled_at,
            )
            .await?;
        let Some(Found { value, .. }) = found else {
            return Ok(json!({ "message": "this file is not part of a Laurel project" }));
        };
        Ok(match value {
            Ok(doc) => json!({
                "path": doc.path.to_string_lossy().replace('\\', "/"),
                "text": doc.text,
            }),
            Err(why) => json!({ "message": why.to_string() }),
        })
    }

    /// Logs how long loading the vocabularies took, once it is done.
    async fn report_loading(&self) {
        let loading = lock(&self.state.loading).take();
        let Some(Ok(elapsed)) = (match loading {
            Some(handle) => Some(handle.await),
            None => None,
        }) else {
            return;
        };
        self.client
            .log_message(
                MessageType::LOG,
                format!(
                    "laurel-lsp: vocabularies and ESCO loaded in {} ms",
                    elapsed.as_millis()
                ),
            )
            .await;
    }
}

/// Loads the vocabularies in the background, in the order requests need them: the ESCO
/// of each project in `roots` (the bundled one when a root pins none, or when there is
/// no root) with its labels and the search indexes behind completion (the project's
/// language's and English's, each on a thread), the ELM lists and the ESCO descriptions
/// on another, the suggestion index for unknown labels (for an ESCO whose languages are
/// all read: a project's ESCO in many languages reads them at its first unknown label)
/// and the one behind the skills suggested for outcomes last. Returns how long it took.
async fn load_vocabularies(roots: Vec<PathBuf>) -> std::time::Duration {
    let started = std::time::Instant::now();
    let esco = tokio::task::spawn_blocking(move || {
        let mut used: Vec<(&'static laurel::vocab::EscoIndex, String)> = roots
            .iter()
            .filter(|root| root.join(project::MANIFEST).is_file())
            .filter_map(|root| Project::load_manifest(root).ok())
            .map(|p| (p.info.esco.index(), p.info.default_language))
            .collect();
        if used.is_empty() {
            used.push((laurel::vocab::esco(), "en".into()));
        }
        // completion searches the project's language and English: both indexes at once
        std::thread::scope(|scope| {
            for (esco, language) in &used {
                let english = std::thread::Builder::new()
                    .name("laurel-esco-english".into())
                    .spawn_scoped(scope, || esco.prepare_search_in("en"));
                esco.prepare_search_in(language);
                if english.is_err() {
                    esco.prepare_search_in("en");
                }
            }
        });
        used
    });
    let rest = tokio::task::spawn_blocking(|| {
        for scheme in laurel::vocab::Scheme::ALL {
            let _ = laurel::vocab::scheme(*scheme);
        }
    });
    let used = esco.await.unwrap_or_default();
    let _ = rest.await;
    let _ = tokio::task::spawn_blocking(move || {
        for (esco, language) in used {
            esco.prepare_descriptions_in(&language);
            esco.prepare_suggestions();
            esco.prepare_outcome_suggestions(&language);
        }
    })
    .await;
    started.elapsed()
}

/// The file path of a document and the project it belongs to.
fn locate(uri: &Uri) -> (PathBuf, Origin) {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    let path = is_file
        .then(|| uri.to_file_path().map(|p| p.into_owned()))
        .flatten();
    let Some(path) = path else {
        // The compiler reads `.laurel` files only: name the buffer so.
        let mut synthetic = uri.as_str().to_string();
        if !synthetic.ends_with(".laurel") {
            synthetic.push_str(".laurel");
        }
        let synthetic = PathBuf::from(synthetic);
        return (synthetic.clone(), Origin::Virtual(synthetic));
    };
    let path = canonical(&path);
    let origin = path
        .parent()
        .and_then(project::find_root)
        .map_or_else(|| Origin::Lone(path.clone()), Origin::Manifest);
    (path, origin)
}

/// The Laurel projects of a workspace folder: the one it is in, or those below it
/// (three levels deep at most, hidden folders, `target` and `node_modules` skipped).
fn projects_in(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        if out.len() >= 64 {
            return;
        }
        if dir.join(project::MANIFEST).is_file() {
            out.push(canonical(dir));
            return;
        }
        if depth == 0 {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.') && name != "target" && name != "node_modules"
            })
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for d in dirs {
            walk(&d, depth - 1, out);
        }
    }
    if let Some(root) = project::find_root(root) {
        return vec![root];
    }
    let mut out = Vec::new();
    walk(root, 3, &mut out);
    out
}

/// The canonical form of a path, also for a file that does not exist yet.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// Reads the project from disk (cached), overlays the open buffers and compiles.
fn build_snapshot(
    slot: &Slot,
    docs: Vec<(Uri, PathBuf, Arc<str>, i32)>,
    generation: u64,
) -> Snapshot {
    let base = {
        let mut disk = lock(&slot.disk);
        if disk.is_none() {
            *disk = Some(load(&slot.origin));
        }
        disk.clone().unwrap_or_else(|| load(&slot.origin))
    };
    let mut project = base;
    let mut open = HashMap::new();
    let mut uris: HashMap<FileId, Uri> = HashMap::new();
    let mut texts: HashMap<FileId, Arc<str>> = HashMap::new();
    for (uri, path, text, version) in docs {
        let id = project.overlay(&path, text.to_string());
        uris.insert(id, uri.clone());
        texts.insert(id, text);
        open.insert(uri, (id, version));
    }
    let analysis = Analysis::new(project);
    let files = analysis
        .project
        .sources
        .iter()
        .map(|(id, file)| FileInfo {
            uri: uris.get(&id).cloned().or_else(|| match slot.origin {
                Origin::Virtual(_) => None,
                _ => uri_of(&file.path),
            }),
            map: texts
                .get(&id)
                .map_or_else(|| LineMap::new(&file.text), |t| LineMap::of_client(t)),
        })
        .collect();
    Snapshot {
        generation,
        analysis,
        files,
        open,
    }
}

fn load(origin: &Origin) -> Project {
    let empty = |root: &Path, name: &str| {
        Project::from_sources(
            root.to_path_buf(),
            ProjectInfo {
                name: laurel::vocab::kebab(name),
                ..ProjectInfo::default()
            },
            Sources::new(),
        )
    };
    match origin {
        Origin::Manifest(root) => Project::load(root).unwrap_or_else(|_| empty(root, "laurel")),
        Origin::Lone(file) => {
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("laurel")
                .to_string();
            let parent = file.parent().unwrap_or(Path::new("/"));
            match Project::load(file) {
                Ok(p) => p,
                Err(_) => empty(parent, &stem),
            }
        }
        Origin::Virtual(_) => empty(Path::new("/"), "untitled"),
    }
}

/// A compiler diagnostic in protocol terms: code, message with help and Annex I element,
/// related places, and the long explanation in `data`; `place` gives a span's location
/// (`None` drops the diagnostic, or a related place).
pub(crate) fn to_lsp_diagnostic(
    d: &laurel::diag::Diagnostic,
    place: &dyn Fn(Span) -> Option<Location>,
) -> Option<Diagnostic> {
    let range = place(d.span)?.range;
    let mut message = d.message.clone();
    if let Some(label) = &d.label {
        if !message.contains(label.as_str()) {
            message.push_str(&format!("\n{label}"));
        }
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    if let Some(element) = d.annex() {
        message.push_str(&format!(
            "\nAnnex I ({} element): {}",
            element.part(),
            element.title()
        ));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: place(l.span)?,
                message: l.message.clone(),
            })
        })
        .collect();
    Some(Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.id.to_string())),
        code_description: None,
        source: Some("laurel".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.code.id == laurel::diag::codes::UNUSED_ITEM.id)
            .then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: Some(json!({
            "code": d.code.id,
            "name": d.code.name,
            "annex": d.annex().map(|a| a.title()),
            "help": d.help,
            "explain": d.code.explain,
        })),
    })
}

fn symbol_kind(kind: ide::symbols::SymbolKind) -> SymbolKind {
    use ide::symbols::SymbolKind as K;
    match kind {
        K::Item(ItemKind::Organisation) => SymbolKind::NAMESPACE,
        K::Item(ItemKind::MicroCredential | ItemKind::Credential) => SymbolKind::CLASS,
        K::Item(ItemKind::Qualification) => SymbolKind::STRUCT,
        K::Item(ItemKind::Template) => SymbolKind::INTERFACE,
        K::Item(ItemKind::Outcome) => SymbolKind::ENUM,
        K::Item(ItemKind::Award) => SymbolKind::EVENT,
        K::Block(BlockKind::Outcome) => SymbolKind::ENUM_MEMBER,
        K::Block(BlockKind::Learner) => SymbolKind::OBJECT,
        K::Block(_) => SymbolKind::FIELD,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out
fn document_symbol(s: &ide::symbols::Symbol, info: &FileInfo, enc: Encoding) -> DocumentSymbol {
    let range = info.map.range(enc, s.span.range());
    let mut selection = info.map.range(enc, s.selection.range());
    if selection.start < range.start || selection.end > range.end {
        selection = range;
    }
    DocumentSymbol {
        name: if s.name.is_empty() {
            "(unnamed)".into()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| document_symbol(c, info, enc))
                .collect()
        }),
    }
}

fn token_type(kind: ide::tokens::TokenKind) -> (u32, u32) {
    use ide::tokens::TokenKind as T;
    const LIBRARY: u32 = 1 << 1;
    match kind {
        T::Keyword | T::Unit => (0, 0),
        T::Field => (1, 0),
        T::Name(ItemKind::Organisation) => (2, 0),
        T::Name(ItemKind::MicroCredential | ItemKind::Credential | ItemKind::Award) => (3, 0),
        T::Name(ItemKind::Qualification) => (4, 0),
        T::Name(ItemKind::Template) => (5, 0),
        T::Name(ItemKind::Outcome) => (6, 0),
        T::Vocabulary => (7, LIBRARY),
        T::EscoSkill => (8, LIBRARY),
    }
}

fn semantic_tokens(
    tokens: &[ide::tokens::Token],
    info: &FileInfo,
    enc: Encoding,
) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut line, mut start) = (0u32, 0u32);
    for t in tokens {
        let from = info.map.position(enc, t.range.start);
        let to = info.map.position(enc, t.range.end);
        if to.line != from.line || to.character <= from.character {
            continue;
        }
        let (ty, mut modifiers) = token_type(t.kind);
        if t.definition {
            modifiers |= 1;
        }
        let delta_line = from.line - line;
        let delta_start = if delta_line == 0 {
            from.character - start
        } else {
            from.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: to.character - from.character,
            token_type: ty,
            token_modifiers_bitset: modifiers,
        });
        line = from.line;
        start = from.character;
    }
    out
}

fn edits_to_workspace(
    edits: Vec<ide::TextEdit>,
    snapshot: &Snapshot,
    enc: Encoding,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for e in edits {
        let Some(info) = snapshot.info(e.file) else {
            continue;
        };
        let Some(uri) = &info.uri else { continue };
        changes.entry(uri.clone()).or_default().push(TextEdit {
            range: info.map.range(enc, e.range),
            new_text: e.new_text,
        });
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

fn completion_item(
    item: ide::completion::CompletionItem,
    info: &FileInfo,
    enc: Encoding,
) -> CompletionItem {
    use ide::completion::CompletionKind as K;
    let snippet = item.kind == K::Snippet;
    CompletionItem {
        label: item.label,
        kind: Some(match item.kind {
            K::Keyword => CompletionItemKind::KEYWORD,
            K::Field => CompletionItemKind::PROPERTY,
            K::Value => CompletionItemKind::ENUM_MEMBER,
            K::Reference => CompletionItemKind::REFERENCE,
            K::Skill => CompletionItemKind::VALUE,
            K::Snippet => CompletionItemKind::SNIPPET,
        }),
        detail: item.detail,
        documentation: item.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        sort_text: item.sort_text,
        filter_text: item.filter_text,
        insert_text_format: Some(if snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        insert_text_mode: snippet.then_some(InsertTextMode::ADJUST_INDENTATION),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: info.map.range(enc, item.replace),
            new_text: item.insert_text,
        })),
        ..CompletionItem::default()
    }
}

/// The smallest single edit that turns `old` into `new` (common prefix and suffix kept,
/// so the editor keeps the cursor and folds where nothing changed).
fn minimal_edit(old: &str, new: &str) -> Option<(std::ops::Range<usize>, String)> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some((
        prefix..old.len() - suffix,
        new[prefix..new.len() - suffix].to_string(),
    ))
}

/// Applies protocol content changes to a text (full replacements, or ranges when a
/// client sends them anyway).
fn apply_changes(
    text: &str,
    changes: Vec<TextDocumentContentChangeEvent>,
    enc: Encoding,
) -> String {
    let mut text = text.to_string();
    for change in changes {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let map = LineMap::new(&text);
                let start = map.offset(enc, range.start);
                let end = map.offset(enc, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
    text
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *lock(&self.state.encoding) = enc;
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(
                params
                    .root_uri
                    .as_ref()
                    .and_then(|u| u.to_file_path().map(|p| p.into_owned())),
            );
        }
        *lock(&self.state.loading) = Some(tokio::spawn(load_vocabularies(roots.clone())));
        *lock(&self.state.roots) = roots;
        *lock(&self.state.watch_files) = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![validate::COMMAND.to_string()],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".into(), "\"".into(), "<".into()]),
                    resolve_provider: Some(false),
                    ..CompletionOptions::default()
                }),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: SemanticTokensLegend {
                                token_types: TOKEN_TYPES.to_vec(),
                                token_modifiers: TOKEN_MODIFIERS.to_vec(),
                            },
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: Some(false),
                            work_done_progress_options: WorkDoneProgressOptions::default(),
                        },
                    ),
                ),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "laurel-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.client
            .log_message(MessageType::INFO, crate::ABOUT)
            .await;
        if *lock(&self.state.watch_files) {
            let this = self.clone_handle();
            tokio::spawn(async move {
                let options = json!({ "watchers": [
                    { "globPattern": "**/*.laurel" },
                    { "globPattern": "**/Laurel.toml" },
                ]});
                let _ = this
                    .client
                    .register_capability(vec![Registration {
                        id: "laurel-watch".into(),
                        method: "workspace/didChangeWatchedFiles".into(),
                        register_options: Some(options),
                    }])
                    .await;
            });
        }
        let this = self.clone_handle();
        tokio::spawn(async move { this.report_loading().await });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if let Some(slot) = self.store(&doc.uri, doc.version, doc.text.into(), true) {
            self.changed(slot);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let base = lock(&self.state.docs).get(&uri).map(|d| d.text.clone());
        let text = apply_changes(
            base.as_deref().unwrap_or(""),
            params.content_changes,
            self.encoding(),
        );
        if let Some(slot) = self.store(&uri, version, text.into(), false) {
            self.changed(slot);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let (path, _) = locate(&params.text_document.uri);
        for slot in self.invalidate_disk(&path) {
            self.changed(slot);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut validated = self.state.validated.lock().await;
            if validated.remove(&uri).is_some() {
                self.client
                    .publish_diagnostics(uri.clone(), Vec::new(), None)
                    .await;
            }
        }
        let Some(doc) = lock(&self.state.docs).remove(&uri) else {
            return;
        };
        match doc.slot.origin {
            Origin::Manifest(_) => {
                *lock(&doc.slot.disk) = None;
                self.changed(doc.slot);
            }
            Origin::Lone(_) | Origin::Virtual(_) => {
                lock(&self.state.slots).remove(doc.slot.origin.key());
                doc.slot.generation.fetch_add(1, Ordering::SeqCst);
                lock(&doc.slot.published).clear();
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut hit: Vec<Arc<Slot>> = Vec::new();
        for change in params.changes {
            let (path, _) = locate(&change.uri);
            for slot in self.invalidate_disk(&path) {
                if !hit.iter().any(|s| Arc::ptr_eq(s, &slot)) {
                    hit.push(slot);
                }
            }
        }
        for slot in hit {
            self.changed(slot);
        }
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command != validate::COMMAND {
            return Err(Error::invalid_params(format!(
                "no command `{}`: the server has `{}`",
                params.command,
                validate::COMMAND
            )));
        }
        let Some(argument) = params.arguments.into_iter().next() else {
            return Err(Error::invalid_params(format!(
                "`{}` takes one argument: {{ \"textDocument\": {{ \"uri\": ... }}, \"text\"?: ... }}",
                validate::COMMAND
            )));
        };
        let params: ValidateParams = serde_json::from_value(argument).map_err(|e| {
            Error::invalid_params(format!("`{}`'s argument: {e}", validate::COMMAND))
        })?;
        self.validate_credential(params).await.map(Some)
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = &params.text_document_position_params;
        let Some(Found { snap, file, value }) =
            self.query_at(at, "hover", ide::hover::hover).await?
        else {
            return Ok(None);
        };
        let enc = self.encoding();
        Ok(value.and_then(|h| {
            let info = snap.info(file)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(info.map.range(enc, h.range)),
            })
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = &params.text_document_position_params;
        let definition = ide::navigation::definition;
        let Some(Found { snap, value, .. }) =
            self.query_at(at, "go to definition", definition).await?
        else {
            return Ok(None);
        };
        let enc = self.encoding();
        let locations: Vec<Location> = value
            .into_iter()
            .filter_map(|s| snap.location(s, enc))
            .collect();
        Ok(match locations.len() {
            0 => None,
            1 => locations
                .into_iter()
                .next()
                .map(GotoDefinitionResponse::Scalar),
            _ => Some(GotoDefinitionResponse::Array(locations)),
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let include = params.context.include_declaration;
        let references = |analysis: &Analysis, file, offset| {
            ide::navigation::references(analysis, file, offset, include)
        };
        let at = &params.text_document_position;
        let Some(Found { snap, value, .. }) =
            self.query_at(at, "find references", references).await?
        else {
            return Ok(None);
        };
        let enc = self.encoding();
        Ok(Some(
            value
                .into_iter()
                .filter_map(|s| snap.location(s, enc))
                .collect(),
        ))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let references_and_definitions = |analysis: &Analysis, file, offset| {
            (
                ide::navigation::references(analysis, file, offset, true),
                ide::navigation::definition(analysis, file, offset),
            )
        };
        let at = &params.text_document_position_params;
        let Some(Found { snap, file, value }) = self
            .query_at(at, "highlight", references_and_definitions)
            .await?
        else {
            return Ok(None);
        };
        let (spans, defs) = value;
        let enc = self.encoding();
        let Some(info) = snap.info(file) else {
            return Ok(None);
        };
        Ok(Some(
            spans
                .into_iter()
                .filter(|s| s.file == file)
                .map(|s| DocumentHighlight {
                    range: info.map.range(enc, s.range()),
                    kind: Some(if defs.contains(&s) {
                        DocumentHighlightKind::WRITE
                    } else {
                        DocumentHighlightKind::READ
                    }),
                })
                .collect(),
        ))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let prepare = ide::navigation::prepare_rename;
        let Some(Found { snap, value, .. }) = self.query_at(&params, "rename", prepare).await?
        else {
            return Ok(None);
        };
        let enc = self.encoding();
        match value {
            Ok(span) => Ok(snap
                .info(span.file)
                .map(|info| PrepareRenameResponse::Range(info.map.range(enc, span.range())))),
            Err(e) => Err(Error::invalid_params(e.0)),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let new_name = params.new_name;
        let rename = |analysis: &Analysis, file, offset| {
            ide::navigation::rename(analysis, file, offset, &new_name)
        };
        let at = &params.text_document_position;
        let Some(Found { snap, value, .. }) = self.query_at(at, "rename", rename).await? else {
            return Ok(None);
        };
        let enc = self.encoding();
        match value {
            Ok(edits) => Ok(Some(edits_to_workspace(edits, &snap, enc))),
            Err(e) => Err(Error::invalid_params(e.0)),
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let enc = self.encoding();
        self.query_file(
            &params.text_document.uri,
            "document symbols",
            |snap, file, info| {
                DocumentSymbolResponse::Nested(
                    ide::symbols::document_symbols(&snap.analysis, file)
                        .iter()
                        .map(|s| document_symbol(s, info, enc))
                        .collect(),
                )
            },
        )
        .await
    }

    #[allow(deprecated)] // `SymbolInformation::deprecated` must be spelled out
    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let enc = self.encoding();
        // Projects of the workspace folders, plus those of open documents.
        let roots: Vec<PathBuf> = lock(&self.state.roots).clone();
        for root in roots {
            let found = tokio::task::spawn_blocking(move || projects_in(&root))
                .await
                .unwrap_or_default();
            for project_root in found {
                self.slot_for(Origin::Manifest(project_root));
            }
        }
        let slots: Vec<Arc<Slot>> = lock(&self.state.slots).values().cloned().collect();
        let mut out = Vec::new();
        for slot in slots {
            let Some(snap) = self.fresh(&slot).await else {
                continue;
            };
            let found = guarded(|| ide::symbols::workspace_symbols(&snap.analysis, &params.query))
                .unwrap_or_default();
            for s in found {
                let Some(location) = snap.location(s.selection, enc) else {
                    continue;
                };
                out.push(SymbolInformation {
                    name: s.name,
                    kind: symbol_kind(s.kind),
                    tags: None,
                    deprecated: None,
                    location,
                    container_name: s.detail,
                });
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let enc = self.encoding();
        let uri = &params.text_document.uri;
        self.query_file(uri, "inlay hints", |snap, file, info| {
            let range =
                info.map.offset(enc, params.range.start)..info.map.offset(enc, params.range.end);
            ide::inlay::inlay_hints(&snap.analysis, file, range)
                .into_iter()
                .map(|h| InlayHint {
                    position: info.map.position(enc, h.offset),
                    label: InlayHintLabel::String(h.label),
                    kind: Some(match h.kind {
                        ide::inlay::InlayKind::Label => InlayHintKind::TYPE,
                        ide::inlay::InlayKind::Equivalent => InlayHintKind::PARAMETER,
                    }),
                    text_edits: None,
                    tooltip: h.tooltip.map(InlayHintTooltip::String),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect()
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = &params.text_document_position;
        let complete = ide::completion::complete_list;
        let Some(Found {
            snap,
            file,
            value: list,
        }) = self.query_at(at, "completion", complete).await?
        else {
            return Ok(None);
        };
        let enc = self.encoding();
        let Some(info) = snap.info(file) else {
            return Ok(None);
        };
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: list.incomplete,
            items: list
                .items
                .into_iter()
                .map(|item| completion_item(item, info, enc))
                .collect(),
        })))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let enc = self.encoding();
        let only = params.context.only.clone().unwrap_or_default();
        let uri = &params.text_document.uri;
        self.query_file(uri, "code actions", |snap, file, info| {
            let range =
                info.map.offset(enc, params.range.start)..info.map.offset(enc, params.range.end);
            let mut out = Vec::new();
            for action in ide::actions::code_actions(&snap.analysis, file, range) {
                let kind = match action.kind {
                    ide::actions::CodeActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    ide::actions::CodeActionKind::Refactor => CodeActionKind::REFACTOR_REWRITE,
                };
                if !only.is_empty() && !only.iter().any(|o| kind.as_str().starts_with(o.as_str())) {
                    continue;
                }
                // The client's diagnostics this action fixes.
                let fixes: Vec<Diagnostic> = params
                    .context
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        action.diagnostic.is_some_and(|code| {
                            d.code == Some(NumberOrString::String(code.to_string()))
                        })
                    })
                    .cloned()
                    .collect();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: action.title,
                    kind: Some(kind),
                    diagnostics: (!fixes.is_empty()).then_some(fixes),
                    edit: Some(edits_to_workspace(action.edits, snap, enc)),
                    ..CodeAction::default()
                }));
            }
            out
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let held = lock(&self.state.docs).get(&uri).map(|d| d.text.clone());
        let text: Arc<str> = match held {
            Some(text) => text,
            None => match self.snapshot(&uri).await {
                Some((snap, file)) => snap.analysis.project.sources.get(file).text.as_str().into(),
                None => return Ok(None),
            },
        };
        let formatted =
            guarded(|| laurel::fmt::format(&text)).ok_or_else(|| internal("formatting"))?;
        match formatted {
            Ok(new) => {
                let enc = self.encoding();
                let map = LineMap::new(&text);
                Ok(Some(
                    minimal_edit(&text, &new)
                        .map(|(range, new_text)| TextEdit {
                            range: map.range(enc, range),
                            new_text,
                        })
                        .into_iter()
                        .collect(),
                ))
            }
            Err(e) => {
                // Syntax errors are already shown as diagnostics; say why nothing moved.
                self.client
                    .show_message(
                        MessageType::WARNING,
                        format!("Laurel: {}", first_line(&e.to_string())),
                    )
                    .await;
                Ok(None)
            }
        }
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let enc = self.encoding();
        let uri = &params.text_document.uri;
        self.query_file(uri, "semantic tokens", |snap, file, info| {
            let tokens = ide::tokens::semantic_tokens(&snap.analysis, file);
            SemanticTokensResult::Tokens(SemanticTokens {
                result_id: None,
                data: semantic_tokens(&tokens, info, enc),
            })
        })
        .await
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// A `file://` URI for a path (for tests and tools).
pub fn file_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).or_else(|| Uri::from_str(&format!("file://{}", path.display())).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edits_keep_common_ends() {
        let apply = |old: &str, new: &str| {
            let (range, text) = minimal_edit(old, new).unwrap();
            assert!(range.end - range.start <= old.len());
            format!("{}{text}{}", &old[..range.start], &old[range.end..])
        };
        for (old, new) in [
            ("a  b\n", "a b\n"),
            ("é  ü", "é ü"),
            ("aé", "aè"),
            ("", "x"),
            ("x", ""),
        ] {
            assert_eq!(apply(old, new), new);
        }
        assert_eq!(minimal_edit("x", "x"), None);
        assert_eq!(minimal_edit("aé", "aè").unwrap(), (1..3, "è".to_string()));
    }
}
