//! ESCO skill search for completion: the indexed search against the naive linear scan.
//!
//! `cargo bench -p laurel --bench esco_search`
//!
//! First prints a summary over the ~50 queries below (each run many times): p50 / p99 /
//! max per search for both, and their ratio, and the same for a whole completion request
//! inside `skill esco "…"` (search plus building the 50 items); then divan times each
//! query on its own.

use std::time::{Duration, Instant};

use laurel::check::ProjectInfo;
use laurel::ide::{completion, Analysis};
use laurel::project::Project;
use laurel::source::{FileId, Sources};
use laurel::vocab;

mod support;
use support::QUERIES;

const LIMIT: usize = 50;

fn main() {
    summary();
    divan::main();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn measure(runs: usize, search: impl Fn(&str) -> usize) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(QUERIES.len() * runs);
    for _ in 0..runs {
        for q in QUERIES {
            let t = Instant::now();
            divan::black_box(search(divan::black_box(q)));
            samples.push(t.elapsed());
        }
    }
    samples.sort();
    samples
}

fn summary() {
    let index = vocab::esco();
    let t = Instant::now();
    index.prepare_search();
    let build = t.elapsed();
    let fast = measure(40, |q| index.search(q, LIMIT).len());
    let linear = measure(3, |q| index.search_linear(q, LIMIT).len());
    // whole completion requests, one prepared buffer per query
    let buffers: Vec<(Analysis, FileId, usize)> = QUERIES.iter().map(|q| buffer(q)).collect();
    let request = |q: &str| {
        let i = QUERIES.iter().position(|x| *x == q).unwrap_or(0);
        let (analysis, file, offset) = &buffers[i];
        completion::complete(analysis, *file, *offset).len()
    };
    request("warm up the ESCO descriptions");
    let requests = measure(20, request);
    let row = |name: &str, s: &[Duration]| {
        println!(
            "{name:<8} {:>10.3?} {:>10.3?} {:>10.3?}   ({} searches)",
            percentile(s, 0.5),
            percentile(s, 0.99),
            s.last().copied().unwrap_or_default(),
            s.len()
        );
    };
    println!(
        "ESCO search, {} queries, limit {LIMIT} (index built in {build:.1?})",
        QUERIES.len()
    );
    println!("{:<8} {:>10} {:>10} {:>10}", "", "p50", "p99", "max");
    row("indexed", &fast);
    row("linear", &linear);
    row("complete", &requests);
    let ratio = |p| percentile(&linear, p).as_secs_f64() / percentile(&fast, p).as_secs_f64();
    println!(
        "linear / indexed: {:.0}x at p50, {:.0}x at p99\n",
        ratio(0.5),
        ratio(0.99)
    );
}

/// A project whose one file has the cursor at the end of `skill esco "QUERY`.
fn buffer(query: &str) -> (Analysis, FileId, usize) {
    let head = format!("outcome o \"t\" {{\n  skill esco \"{query}");
    let text = format!("{head}\"\n}}\n");
    let mut sources = Sources::new();
    let file = sources.add("bench.laurel", text);
    let project = Project::from_sources(".".into(), ProjectInfo::default(), sources);
    (Analysis::new(project), file, head.len())
}

/// The indexed search, per query.
#[divan::bench(args = QUERIES)]
fn indexed(bencher: divan::Bencher, query: &str) {
    let index = vocab::esco();
    index.prepare_search();
    bencher.bench(|| index.search(divan::black_box(query), LIMIT).len());
}

/// The naive linear scan, per query.
#[divan::bench(args = QUERIES, sample_count = 5, sample_size = 1)]
fn linear(bencher: divan::Bencher, query: &str) {
    let index = vocab::esco();
    bencher.bench(|| index.search_linear(divan::black_box(query), LIMIT).len());
}
