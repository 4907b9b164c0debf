//! ESCO in 3 and in 28 languages: reading a project's pinned folder, the search index of
//! the document's language, resident memory, and completion searches in that language.
//!
//! `cargo bench -p laurel --bench esco_languages` (`-- 40` for more rounds of queries)
//!
//! The folder is synthetic, written by `store::write_esco` as `laurel vocab update` writes
//! it: the 13,896 skills of the bundled ESCO 1.1.1 with their English and French labels,
//! and for each of ESCO's other 26 languages the English labels, alternative labels and
//! descriptions with their ASCII letters shifted (by 1 for the first language, 2 for the
//! next, ...). That keeps the number, length and word structure of real labels, not their
//! text. Memory is this process's resident set before and after, the 3-language project
//! measured first.

use std::path::Path;
use std::time::{Duration, Instant};

use laurel::vocab::bench_support::{
    shift_of, shifted, synthetic_project, synthetic_skills, SYNTHETIC_LANGUAGES as LANGUAGES,
};
use laurel::vocab::store;

mod support;
use support::QUERIES;

const LIMIT: usize = 50;

/// Resident memory of this process, in MB.
fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len().saturating_sub(1)) as f64 * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn folder_mb(dir: &Path) -> f64 {
    let bytes: u64 = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    bytes as f64 / 1e6
}

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let t = Instant::now();
    let skills = synthetic_skills();
    println!(
        "{} synthetic skills in {} languages made in {:.1?}",
        skills.len(),
        LANGUAGES.len(),
        t.elapsed()
    );
    for count in [3, 28] {
        let languages = &LANGUAGES[..count];
        let dir = tempfile::tempdir().expect("temp dir");
        synthetic_project(dir.path(), &skills, languages, "de").expect("write the project");
        let before = resident_mb();
        // what the language server does before its first completion: read Laurel.toml and
        // the pinned folder, then the search index of the project's language
        let t = Instant::now();
        let loaded = laurel::project::Project::load(dir.path()).expect("the project");
        assert!(
            loaded.manifest_errors().is_empty(),
            "{:?}",
            loaded.manifest_errors()
        );
        let index = loaded.info.esco.index();
        let load = t.elapsed();
        let t = Instant::now();
        index.prepare_search_in("de");
        let search_index = t.elapsed();
        let after = resident_mb();
        let queries: Vec<String> = QUERIES.iter().map(|q| shifted(q, shift_of("de"))).collect();
        let mut samples = Vec::with_capacity(queries.len() * rounds);
        let mut by_query = vec![Vec::with_capacity(rounds); queries.len()];
        for round in 0..=rounds {
            for (i, q) in queries.iter().enumerate() {
                let t = Instant::now();
                let hits = index.search_in(q, "de", LIMIT).len();
                let took = t.elapsed();
                if round > 0 {
                    samples.push(took);
                    by_query[i].push(took);
                }
                std::hint::black_box(hits);
            }
        }
        samples.sort();
        let mut by_time: Vec<(Duration, &str)> = (by_query.iter_mut())
            .map(|times| {
                times.sort();
                percentile(times, 0.5)
            })
            .zip(QUERIES.iter().copied())
            .collect();
        by_time.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        let after_searches = resident_mb();
        println!(
            "{count:>2} languages ({:.0} MB on disk): load {load:.1?}, search index of de {search_index:.1?}, start-up {:.1?}; \
             resident +{:.0} MB (+{:.0} MB after the searches); search_in p50 {:.3?}, p99 {:.3?}, max {:.3?} ({} searches)",
            folder_mb(&store::esco_dir(dir.path(), "1.2.0")),
            load + search_index,
            after - before,
            after_searches - before,
            percentile(&samples, 0.5),
            percentile(&samples, 0.99),
            samples.last().copied().unwrap_or_default(),
            samples.len()
        );
        let worst: Vec<String> = by_time
            .iter()
            .take(4)
            .map(|(d, q)| format!("`{q}` {d:.2?}"))
            .collect();
        println!(
            "   slowest queries at their median (as typed in English, shifted): {}",
            worst.join(", ")
        );
    }
}
