//! Load-time and lookup benchmarks for the embedded vocabularies.
//!
//! `cargo bench -p laurel --bench vocab`

use laurel::vocab::{self, bench_support, Scheme};

fn main() {
    divan::main();
}

/// Parse every ELM scheme (17 files, ~9,150 concepts, plus the ISO table once).
#[divan::bench]
fn load_all_schemes() -> usize {
    Scheme::ALL
        .iter()
        .map(|&s| bench_support::load_scheme(s))
        .sum()
}

/// Parse one scheme.
#[divan::bench(args = [Scheme::Assessment, Scheme::IscedF, Scheme::Country, Scheme::Language])]
fn load_scheme(s: Scheme) -> usize {
    bench_support::load_scheme(s)
}

/// Parse the ESCO English + French labels into the lookup index.
#[divan::bench(sample_count = 20)]
fn load_esco_labels() -> vocab::EscoIndex {
    bench_support::load_labels()
}

/// The two halves of `load_esco_labels` (run in parallel there), each on its own.
#[divan::bench(sample_count = 20)]
fn load_esco_skills_pass() -> usize {
    bench_support::skills_pass()
}

/// See `load_esco_skills_pass`.
#[divan::bench(sample_count = 20)]
fn load_esco_label_pass() -> usize {
    bench_support::label_pass()
}

/// Build the ESCO word index used for suggestions (built on the first unknown label).
#[divan::bench(sample_count = 20)]
fn build_esco_suggestion_index(bencher: divan::Bencher) {
    let index = vocab::esco();
    bencher.bench(|| bench_support::build_suggestion_index(index));
}

/// Parse the ESCO English descriptions (LSP only).
#[divan::bench(sample_count = 20)]
fn load_esco_descriptions() -> usize {
    bench_support::load_descriptions()
}

/// Resolve a word that exists, and a typo (suggestion path), in the largest scheme.
#[divan::bench(args = ["ENG", "en", "english", "englsh"])]
fn resolve_language(bencher: divan::Bencher, word: &str) {
    let s = vocab::scheme(Scheme::Language);
    bencher.bench(|| s.resolve(divan::black_box(word)).is_ok());
}

/// Resolve in a small scheme: hit and typo.
#[divan::bench(args = ["written-examination", "writen-examination"])]
fn resolve_assessment(bencher: divan::Bencher, word: &str) {
    let s = vocab::scheme(Scheme::Assessment);
    bencher.bench(|| s.resolve(divan::black_box(word)).is_ok());
}

/// ESCO label lookup: exact hit, and unknown labels (suggestions; index already built).
#[divan::bench(args = [
    "manage findable accessible interoperable and reusable data",
    "Pyhton (computer programming)",
    "manage findable interoperable data",
    "gerer le personnel musical",
])]
fn esco_lookup(bencher: divan::Bencher, label: &str) {
    let e = vocab::esco();
    let _ = e.lookup_label("warm up the suggestion index");
    bencher.bench(|| {
        matches!(
            e.lookup_label(divan::black_box(label)),
            vocab::EscoLookup::Found(_)
        )
    });
}
