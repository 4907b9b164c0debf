//! One fixture per diagnostic code: `tests/diagnostics/<CODE>-<name>.laurel` is a small,
//! otherwise valid project with exactly the mistake that triggers the code (a folder
//! with a `Laurel.toml` for manifest problems; a folder with `learners.csv` or
//! `learners.json` for learner data, issued as `laurel issue` does; a `.jsonld` credential
//! file for `laurel validate`'s codes). Each is compiled (or validated) and its diagnostics are
//! rendered as a person sees them (`laurel check`, no colour) and compared with the
//! snapshot in `tests/snapshots/`. Adding a fixture file is enough: every file and
//! folder in `tests/diagnostics/` is checked, and a meta-test wants one per code. More
//! cases of one code are `<CODE>-<name>-<case>.laurel` (`L0011-invalid-value-loose-date`).
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test -p laurel --test diagnostics`,
//! then read the changed `.snap` files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Once;

use laurel::diag::{self, Code, Diagnostic, Format, CODES};
use laurel::project::{Compilation, Project};
use laurel::source::Sources;
use laurel::validate::run;

/// The fixtures folder, relative to the repository root.
const FIXTURES: &str = "compiler/tests/diagnostics";

/// Runs the tests from the repository root, so that rendered paths read
/// `compiler/tests/diagnostics/...` wherever the tests are started from.
fn at_repo_root() {
    static CWD: Once = Once::new();
    CWD.call_once(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the compiler crate sits in the repository");
        std::env::set_current_dir(root).expect("cannot change to the repository root");
    });
}

/// The project that learner-data fixtures (a folder with `learners.csv` or
/// `learners.json`) award its `course` from, as `laurel issue` does.
const ISSUE_PROJECT: &str = "compiler/tests/fixtures/issue-project";

/// Loads and compiles a fixture (a `.laurel` file, a project folder, or a folder of
/// learner data) by its repository-relative path.
fn compile(fixture: &str) -> (Project, Compilation) {
    at_repo_root();
    let path = PathBuf::from(FIXTURES).join(fixture);
    let learners = ["learners.csv", "learners.json"]
        .map(|name| path.join(name))
        .into_iter()
        .find(|p| p.is_file());
    if let Some(learners) = learners {
        let mut project = Project::load(Path::new(ISSUE_PROJECT)).expect("issue project");
        let bytes = std::fs::read(&learners).expect("learner data");
        let checked = laurel::issue::check(&mut project, &learners, bytes, "course");
        return (project, checked.compilation);
    }
    let project = Project::load(&path).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    let compilation = project.compile();
    (project, compilation)
}

/// A fixture's files and diagnostics: a credential file (`.jsonld`) is validated as
/// `laurel validate` does, anything else compiled.
fn diagnostics_of(fixture: &str) -> (Sources, Vec<Diagnostic>) {
    if fixture.ends_with(CREDENTIAL) {
        at_repo_root();
        let mut sources = Sources::new();
        let path = PathBuf::from(FIXTURES).join(fixture);
        let validated = run::validate_file(&path, &run::Options::default(), &mut sources);
        return (sources, validated.diagnostics);
    }
    let (project, compilation) = compile(fixture);
    (project.sources, compilation.diagnostics)
}

/// The extension of credential-file fixtures (for `laurel validate`'s codes).
const CREDENTIAL: &str = ".jsonld";

/// The fixture's name without its extension: `L0021-unknown-name`.
fn stem(fixture: &str) -> &str {
    fixture
        .trim_end_matches(".laurel")
        .trim_end_matches(CREDENTIAL)
}

/// The code a fixture is named after: `L0021-unknown-name.laurel` → L0021.
fn code_of(fixture: &str) -> Option<&'static Code> {
    let id = fixture.split('-').next()?;
    CODES.iter().copied().find(|c| c.id == id)
}

/// Compiles a fixture, checks that its code is reported with its default severity, and
/// compares the human rendering with the snapshot named after the fixture.
fn check_fixture(fixture: &str) {
    let code = code_of(fixture).unwrap_or_else(|| panic!("{fixture}: no such code"));
    let (sources, diagnostics) = diagnostics_of(fixture);
    let rendered = diag::render(Format::Human, &sources, &diagnostics, false);
    let own: Vec<_> = diagnostics
        .iter()
        .filter(|d| std::ptr::eq(d.code, code))
        .collect();
    assert!(
        !own.is_empty(),
        "{fixture} does not report {}; it reports:\n{rendered}",
        code.id
    );
    for d in own {
        assert_eq!(d.severity, code.severity, "{fixture}: {}", d.message);
    }
    // Trailing spaces (codespan pads the gutter of multi-line labels) would not survive
    // an editor that strips them from the `.snap` file.
    let rendered: String = rendered
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    let name = stem(fixture);
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!("{FIXTURES}/{fixture}"));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let fixtures = fixtures_on_disk();
    assert!(!fixtures.is_empty(), "no fixtures in {FIXTURES}");
    // Check them all, then name every failure (insta prints each diff as it goes).
    let failed: Vec<&String> = fixtures
        .iter()
        .filter(|fixture| std::panic::catch_unwind(|| check_fixture(fixture)).is_err())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} fixtures failed: {}",
        failed.len(),
        fixtures.len(),
        failed
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The fixtures on disk: `.laurel` files and project folders directly in the fixtures folder.
fn fixtures_on_disk() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable fixtures folder"))
        .filter(|entry| {
            entry.path().is_dir()
                || entry
                    .path()
                    .extension()
                    .is_some_and(|e| e == "laurel" || e == &CREDENTIAL[1..])
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_code_has_a_fixture_and_every_fixture_a_code() {
    let on_disk = fixtures_on_disk();
    let mut problems = Vec::new();
    for code in CODES {
        let expected = format!("{}-{}", code.id, code.name);
        if !on_disk.iter().any(|f| stem(f) == expected) {
            problems.push(format!(
                "{} has no fixture: add {FIXTURES}/{expected}.laurel",
                code.id
            ));
        }
    }
    for fixture in &on_disk {
        match code_of(fixture) {
            None => problems.push(format!("{fixture}: not a registered code")),
            Some(code) => {
                let expected = format!("{}-{}", code.id, code.name);
                let name = stem(fixture);
                if name != expected && !name.starts_with(&format!("{expected}-")) {
                    problems.push(format!(
                        "{fixture}: should be named {expected} (or {expected}-<case>)"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn json_format_has_the_documented_fields() {
    let fixture = "L0021-unknown-name.laurel";
    let (project, compilation) = compile(fixture);
    let text = diag::render(
        Format::Json,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let list = value.as_array().expect("a JSON array");
    assert_eq!(list.len(), compilation.diagnostics.len());
    let d = list
        .iter()
        .find(|d| d["code"] == "L0021")
        .expect("the L0021 diagnostic");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "there is no item named `acadmy`");
    assert_eq!(d["file"], format!("{FIXTURES}/{fixture}"));
    for key in ["line", "column", "end_line", "end_column"] {
        assert!(d[key].is_u64(), "`{key}` is not a number: {d}");
    }
    assert!(d["help"].is_string(), "`help` is not a text: {d}");
    // The misspelt name on line 23 (`  awarding-body acadmy`), 1-based columns.
    assert_eq!(
        (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
        (&23.into(), &17.into(), &23.into(), &23.into()),
        "{d}"
    );
    assert_eq!(d["help"], "did you mean `academy`?");
    // A diagnostic without help gives `null`, not a missing key.
    let (project, compilation) = compile("L0022-wrong-kind.laurel");
    let text = diag::render(
        Format::Json,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let d = &value[0];
    assert_eq!(d["code"], "L0022");
    assert!(d.get("help").is_some_and(|h| h.is_null()), "{d}");
}

#[test]
fn github_format_annotates_file_and_line() {
    let fixture = "L0012-duplicate-field.laurel";
    let (project, compilation) = compile(fixture);
    let text = diag::render(
        Format::Github,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), compilation.diagnostics.len(), "{text}");
    assert_eq!(
        lines[0],
        format!(
            "::error file={FIXTURES}/{fixture},line=28,col=3,endLine=28,endColumn=6,title=L0012::`eqf` is given twice%0Ahelp: keep one of them"
        )
    );
    // Warnings are annotated as warnings.
    let (project, compilation) = compile("L0108-missing-level.laurel");
    let text = diag::render(
        Format::Github,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    assert!(
        text.starts_with(&format!(
            "::warning file={FIXTURES}/L0108-missing-level.laurel,line="
        )),
        "{text}"
    );
    assert!(text.contains(",title=L0108::"), "{text}");
}

/// 3,375 diagnostics, 3,373 of them on one line of 68 KB (a case the fuzzer found): the
/// human format shows 200, each with a window of the line, so it prints well under a
/// megabyte (it printed about 230 MB when each showed the whole line) and quickly.
#[test]
fn many_diagnostics_on_one_long_line_print_little() {
    at_repo_root();
    let path = Path::new("tests/fuzz/found/laurel-many-errors-on-one-line.laurel");
    let project = Project::load(path).expect("the fuzzing case");
    let compilation = project.compile();
    assert!(compilation.diagnostics.len() > 3_000);
    let started = std::time::Instant::now();
    let text = diag::render(
        Format::Human,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    let took = started.elapsed();
    assert!(text.len() < 1_000_000, "{} bytes", text.len());
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    // Each source line shown is cut to a window (gutter, `│`, and the line).
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest < 200, "a line of {widest} characters");
    // The places keep their real line and column numbers.
    let file = project.sources.get(compilation.diagnostics[150].span.file);
    let (line, column) = file.line_col(compilation.diagnostics[150].span.start as usize);
    assert!(
        text.contains(&format!("{}:{line}:{column}\n", path.display())),
        "{line}:{column}"
    );
}
