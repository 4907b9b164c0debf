//! Start-up benchmark: how long an editor waits for its first ESCO completion.
//!
//! ```sh
//! cargo bench -p laurel-lsp --bench startup            # 20 runs of each
//! cargo bench -p laurel-lsp --bench startup -- 50      # more runs
//! ```
//!
//! 1. **First ESCO completion**: spawns the real `laurel-lsp` binary (the one Cargo built
//!    for this bench, or `$LAUREL_LSP`), talks JSON-RPC over stdio as an editor does —
//!    `initialize`, `initialized`, `didOpen` of a file whose cursor is after
//!    `skill esco "manage fin`, then `textDocument/completion` at once — and times the
//!    spawn until the completion's answer. A fresh process each run. Once with the
//!    bundled ESCO, once in a German project pinned to a synthetic ESCO in 28 languages
//!    (`bench_support::synthetic_skills`: the labels of the other languages are English
//!    ones with their letters shifted), where `manage fin` is typed in its German form.
//! 2. **Cold load of the ESCO index alone**, in this process: the labels (English and
//!    French), the search index behind completion (decoded from the bundled file, and
//!    built from the labels as when that file does not fit), the descriptions and the suggestion
//!    index behind unknown labels, each built afresh each run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use laurel::vocab::bench_support::{self, shift_of, shifted, SYNTHETIC_LANGUAGES};
use laurel_lsp::testing::{position, uri};
use serde_json::json;

mod support;

const ORGS: &str = "organisation academy {\n  legal-name \"Example Academy\"\n  legal-id \"DE123456789\"\n  country DEU\n}\n";

/// The credential being written; the cursor is at the end of `TYPED`.
const BEFORE: &str = "micro-credential rdm {\n  title \"Research Data Management\"\n  awarding-body academy\n  workload 3 ects\n  eqf 5\n  mode online\n  quality-assurance academy\n  outcome \"Write a data management plan\" {\n    skill esco \"manage research data\"\n";
const TYPED: &str = "    skill esco \"manage fin";
const AFTER: &str = "\n  }\n}\n";

/// The FAIR-data skill, which `manage fin` must offer.
const WANTED: &str = "manage findable accessible interoperable and reusable data";

fn server_path() -> PathBuf {
    std::env::var_os("LAUREL_LSP")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_laurel-lsp")))
}

/// Prints fastest, median, p95 and slowest of `samples`.
fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    let at = |q: usize| samples.get((n * q / 100).min(n.saturating_sub(1)));
    let show = |d: Option<&Duration>| d.map_or("-".to_string(), |d| format!("{:.1} ms", ms(d)));
    println!(
        "{what}: n={n} fastest {}, median {}, p95 {}, slowest {}",
        show(samples.first()),
        show(at(50)),
        show(at(95)),
        show(samples.last()),
    );
}

/// A project in `root` with the organisation and the credential being written, the
/// cursor after `typed`; returns the credential's file, its text and the cursor.
fn write_project(root: &Path, typed: &str) -> (PathBuf, String, usize) {
    std::fs::write(root.join("orgs.laurel"), ORGS).expect("write");
    let file = root.join("rdm.laurel");
    let text = format!("{BEFORE}{typed}{AFTER}");
    std::fs::write(&file, &text).expect("write");
    (file, text, BEFORE.len() + typed.len())
}

/// One run: spawn to the answer of the first completion at `cursor`, which must offer
/// `wanted`.
async fn first_completion(
    server: &Path,
    root: &Path,
    file: &Path,
    text: &str,
    cursor: usize,
    wanted: &str,
) -> Duration {
    let started = Instant::now();
    let (mut child, mut client) = support::spawn(server);
    client.initialize(Some(root)).await.expect("initialize");
    let u = uri(file);
    client.open(&u, text, 1).await;
    let list = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": u }, "position": position(text, cursor) }),
        )
        .await
        .expect("completion");
    let elapsed = started.elapsed();
    let offered = list["items"]
        .as_array()
        .is_some_and(|items| items.iter().any(|i| i["label"] == wanted));
    assert!(offered, "the completion does not offer {wanted}: {list}");
    client.shutdown().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
    elapsed
}

/// Times `f` `runs` times.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `cargo bench` passes `--bench`; a number is the count of runs.
    let runs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(20)
        .max(1);
    let server = server_path();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::write(
        root.join("Laurel.toml"),
        "[project]\nname = \"startup\"\ndefault-language = \"en\"\n",
    )
    .expect("write");
    let (file, text, cursor) = write_project(&root, TYPED);
    println!("server: {}", server.display());

    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        samples.push(first_completion(&server, &root, &file, &text, cursor, WANTED).await);
    }
    report("spawn to first ESCO completion (`manage fin`)", samples);

    let pinned = tempfile::tempdir().expect("temp dir");
    let pinned = std::fs::canonicalize(pinned.path()).expect("canonical");
    let skills = bench_support::synthetic_skills();
    bench_support::synthetic_project(&pinned, &skills, &SYNTHETIC_LANGUAGES, "de")
        .expect("write the project");
    let german = |text: &str| shifted(text, shift_of("de"));
    let typed = format!("    skill esco \"{}", german("manage fin"));
    let (file, text, cursor) = write_project(&pinned, &typed);
    let wanted = german(WANTED);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        samples.push(first_completion(&server, &pinned, &file, &text, cursor, &wanted).await);
    }
    report(
        "spawn to first ESCO completion, German project pinned to ESCO in 28 languages",
        samples,
    );

    let labels = time(runs, bench_support::load_labels);
    report("cold ESCO labels, en + fr", labels);
    let index = bench_support::load_labels();
    report(
        "ESCO search index, decoded from the bundled file",
        time(runs, || bench_support::load_search_index(&index)),
    );
    report(
        "ESCO search index, built from the labels",
        time(runs, || bench_support::build_search_index(&index)),
    );
    report(
        "cold ESCO descriptions",
        time(runs, bench_support::load_descriptions),
    );
    report(
        "cold ESCO suggestion index",
        time(runs, || bench_support::build_suggestion_index(&index)),
    );
}
