//! Every example project compiles cleanly; its output matches the committed golden files,
//! conforms to the EU's EDC SHACL shapes, and has no key that JSON-LD would drop.
//!
//! After an intended change of the output, refresh the golden files with
//! `LAUREL_BLESS=1 cargo test -p laurel-conformance --test examples`.

use std::path::{Path, PathBuf};

use laurel::project::Project;
use laurel_conformance::{assert_conforms_with, repo_root, unmapped_keys};

fn example_projects() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("examples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("Laurel.toml").is_file())
        .collect();
    out.sort();
    out
}

fn name(project: &Path) -> String {
    project.file_name().unwrap().to_string_lossy().into_owned()
}

/// Builds a project into `out`, asserting it has no errors.
fn build(project: &Path, out: &Path) -> Vec<(PathBuf, String)> {
    let loaded = Project::load(project).expect("example loads");
    let compilation = loaded.compile();
    let rendered = laurel::diag::render(
        laurel::diag::Format::Human,
        &loaded.sources,
        &compilation.diagnostics,
        false,
    );
    assert!(
        !compilation.has_errors(),
        "{} has errors:\n{rendered}",
        project.display()
    );
    laurel::build::write(&compilation.model, out, &Default::default()).expect("writes");
    laurel::build::documents(&compilation.model, &Default::default())
}

#[test]
fn there_are_at_least_four_examples() {
    let names: Vec<String> = example_projects().iter().map(|p| name(p)).collect();
    for expected in [
        "annex1-sample",
        "mooc-platform",
        "university",
        "vet-provider",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "examples/{expected} is missing: {names:?}"
        );
    }
}

#[test]
fn examples_match_golden_output() {
    let bless = std::env::var_os("LAUREL_BLESS").is_some();
    for project in example_projects() {
        let out = tempfile::tempdir().unwrap();
        let documents = build(&project, out.path());
        assert!(
            !documents.is_empty(),
            "{} produced nothing",
            project.display()
        );
        let golden = repo_root().join("tests/golden").join(name(&project));
        if bless {
            let _ = std::fs::remove_dir_all(&golden);
        }
        for (relative, text) in &documents {
            let path = golden.join(relative);
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "no golden file {} (run with LAUREL_BLESS=1)",
                    path.display()
                )
            });
            assert!(expected == *text, "{} differs from its golden file (run with LAUREL_BLESS=1 after checking the change)", path.display());
        }
        let golden_count = walk(&golden).len();
        assert_eq!(
            golden_count,
            documents.len(),
            "stale golden files under {}",
            golden.display()
        );
    }
}

#[test]
fn examples_conform_to_edc_shacl_1_2_0() {
    let out = tempfile::tempdir().unwrap();
    for project in example_projects() {
        build(&project, &out.path().join(name(&project)));
    }
    assert_conforms_with(&["--shapes", "1.2.0"], out.path());
}

#[test]
fn examples_emit_only_keys_the_contexts_define() {
    for project in example_projects() {
        let out = tempfile::tempdir().unwrap();
        for (relative, text) in build(&project, out.path()) {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let dropped = unmapped_keys(&doc);
            assert!(
                dropped.is_empty(),
                "{}/{}: keys dropped by JSON-LD: {dropped:?}",
                name(&project),
                relative.display()
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The language contract and the every-field fixture: the widest inputs we have.
#[test]
fn compiler_fixtures_conform_to_edc_shacl_1_2_0() {
    let out = tempfile::tempdir().unwrap();
    for fixture in ["language-contract.laurel", "every-field.laurel"] {
        let path = repo_root().join("compiler/tests/fixtures").join(fixture);
        let documents = build(&path, &out.path().join(fixture));
        for (relative, text) in documents {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let dropped = unmapped_keys(&doc);
            assert!(
                dropped.is_empty(),
                "{fixture}/{}: keys dropped by JSON-LD: {dropped:?}",
                relative.display()
            );
        }
    }
    assert_conforms_with(&["--shapes", "1.2.0"], out.path());
}
