//! ESCO skill suggestions for learning outcomes: how long one suggestion takes with the
//! bundled English and French labels loaded, over the labelled outcomes of
//! `tests/suggest/outcomes.tsv`.
//!
//! `cargo bench -p laurel-conformance --bench suggest`
//!
//! Prints the time to build each language's index (once per process, on the first
//! suggestion in that language), then p50 / p99 / max of one suggestion (top 5) over
//! every outcome, run 20 times, and of the editor's whole code action request on an
//! outcome without skills; then divan times a few outcomes on their own.

use std::time::{Duration, Instant};

use laurel::check::ProjectInfo;
use laurel::ide::{actions, Analysis};
use laurel::project::Project;
use laurel::source::{FileId, Sources};
use laurel::vocab::suggest::OutcomeQuery;
use laurel_conformance::suggest::{cases, Case};

fn main() {
    summary();
    divan::main();
}

fn query(case: &Case) -> OutcomeQuery<'_> {
    OutcomeQuery {
        text: &case.outcome,
        language: &case.language,
        title: Some(case.title.as_str()).filter(|t| !t.is_empty()),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len().max(1) as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what}: n={} p50={:.2?} p99={:.2?} max={:.2?}",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples.last().copied().unwrap_or_default()
    );
}

/// A one-file project with the outcome and no skill, and the offset of its statement.
fn buffer(case: &Case) -> (Analysis, FileId, usize) {
    let source = format!(
        "micro-credential c {{\n  title \"{}\"\n  outcome \"{}\"@{}\n}}\n",
        case.title.replace('"', "'"),
        case.outcome.replace('"', "'"),
        case.language
    );
    let mut sources = Sources::new();
    let file = sources.add("/b/main.laurel", source);
    let project = Project::from_sources("/b".into(), ProjectInfo::default(), sources);
    let offset = "micro-credential c {\n  title \"\"\n  outcome".len() + case.title.len() + 3;
    (Analysis::new(project), file, offset)
}

fn summary() {
    let esco = laurel::vocab::esco();
    let cases = cases();
    for language in ["en", "fr"] {
        let t = Instant::now();
        let case = cases.iter().find(|c| c.language == language);
        if let Some(case) = case {
            divan::black_box(esco.suggest_skills(&query(case), 5));
        }
        println!(
            "{language} index built on first suggestion: {:.2?}",
            t.elapsed()
        );
    }
    let mut samples = Vec::new();
    for _ in 0..20 {
        for case in &cases {
            let t = Instant::now();
            divan::black_box(esco.suggest_skills(&query(case), 5));
            samples.push(t.elapsed());
        }
    }
    report("one suggestion (top 5)", samples);
    let buffers: Vec<(Analysis, FileId, usize)> = cases.iter().map(buffer).collect();
    let mut samples = Vec::new();
    for _ in 0..5 {
        for (analysis, file, offset) in &buffers {
            let t = Instant::now();
            let found = actions::code_actions(analysis, *file, *offset..*offset);
            samples.push(t.elapsed());
            divan::black_box(found);
        }
    }
    report("code action request on the outcome", samples);
}

#[divan::bench(args = ["en-001", "en-050", "fr-001", "de-001"])]
fn suggest(bencher: divan::Bencher, id: &str) {
    let cases = cases();
    let Some(case) = cases.iter().find(|c| c.id == id) else {
        return;
    };
    let esco = laurel::vocab::esco();
    bencher.bench(|| esco.suggest_skills(&query(case), 5).len());
}
