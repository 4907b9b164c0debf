//! `laurel check` + `laurel build` work on a generated project of 1,000 micro-credentials
//! with one award each (parse, check, lower, serialise; the files are not written).
//!
//! Run: `cargo bench -p laurel --bench build`.

#[path = "generate.rs"]
mod generate;

use laurel::project::Project;
use laurel::source::Sources;

fn main() {
    divan::main();
}

fn project(n: usize) -> Project {
    let mut sources = Sources::new();
    for (name, text) in generate::project_files(n) {
        sources.add(name, text);
    }
    Project::from_sources(".".into(), Default::default(), sources)
}

/// Parse and check (what `laurel check` does after reading the files).
#[divan::bench(args = [1000])]
fn check(bencher: divan::Bencher, n: usize) {
    let project = project(n);
    laurel::vocab::esco();
    bencher.bench(|| {
        let c = project.compile();
        assert!(!c.has_errors());
        c
    });
}

/// Check, then lower every specification and award to JSON text (what `laurel build` does).
#[divan::bench(args = [1000])]
fn check_and_build(bencher: divan::Bencher, n: usize) {
    let project = project(n);
    laurel::vocab::esco();
    bencher.bench(|| {
        let c = project.compile();
        laurel::build::documents(&c.model, &Default::default())
    });
}
