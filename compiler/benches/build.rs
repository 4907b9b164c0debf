//! `laurel check` + `laurel build` work on a generated project of 1,000 micro-credentials
//! with one award each, without process start-up.
//!
//! Run: `cargo bench -p laurel --bench build`.

#[path = "generate.rs"]
mod generate;

use std::path::Path;

use laurel::project::Project;

fn main() {
    divan::main();
}

/// Writes the generated project into a temporary folder.
fn project_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Laurel.toml"), generate::MANIFEST).expect("manifest");
    for (name, text) in generate::project_files(n) {
        std::fs::write(dir.path().join(name), text).expect("source");
    }
    dir
}

fn check(dir: &Path) -> laurel::project::Compilation {
    let compilation = Project::load(dir).expect("loads").compile();
    assert!(!compilation.has_errors());
    compilation
}

/// Read, parse and check (what `laurel check` does).
#[divan::bench(args = [1000], sample_count = 20)]
fn check_project(bencher: divan::Bencher, n: usize) {
    let dir = project_dir(n);
    laurel::vocab::esco();
    bencher.bench(|| check(dir.path()));
}

/// Read, parse, check, lower and write every specification and credential (what
/// `laurel build` does).
#[divan::bench(args = [1000], sample_count = 20)]
fn build_project(bencher: divan::Bencher, n: usize) {
    let dir = project_dir(n);
    let out = dir.path().join("out");
    laurel::vocab::esco();
    bencher.bench(|| {
        let compilation = check(dir.path());
        laurel::build::write(&compilation.model, &out, &Default::default()).expect("writes")
    });
}
