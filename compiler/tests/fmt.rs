//! `laurel fmt`: the formatter keeps meaning and is stable.
//!
//! Over every example project, every fixture and the language contract: formatting is
//! idempotent and the formatted project compiles to byte-identical documents (and the
//! same diagnostics). Property tests mess up the whitespace of those files and check
//! that the formatter undoes it. Snapshots in `tests/fmt/snapshots/` show the style;
//! update them with `INSTA_UPDATE=always cargo test -p laurel --test fmt` and read the
//! changed `.snap` files. CLI tests cover `laurel fmt [--check]`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use proptest::prelude::*;

use laurel::build;
use laurel::fmt::{format, FormatError};
use laurel::project::{Compilation, Project};
use laurel::source::Sources;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the compiler crate sits in the repository")
        .to_path_buf()
}

/// A project of the corpus: its loaded sources (one `Project` per example folder, one
/// single-file project per fixture).
struct Case {
    name: String,
    project: Project,
}

impl Case {
    /// The `.laurel` files: (path, text).
    fn files(&self) -> Vec<(PathBuf, String)> {
        self.project
            .laurel_files()
            .map(|id| {
                let f = self.project.sources.get(id);
                (f.path.clone(), f.text.clone())
            })
            .collect()
    }

    /// The project with `path` replaced by `text`.
    fn with(&self, path: &Path, text: &str) -> Project {
        let mut project = self.project.clone();
        project.overlay(path, text.to_string());
        project
    }
}

/// Every example project, every fixture and the language contract.
fn corpus() -> &'static [Case] {
    static CORPUS: OnceLock<Vec<Case>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut cases = Vec::new();
        let mut examples: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
            .expect("examples folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.join("Laurel.toml").is_file())
            .collect();
        examples.sort();
        for dir in examples {
            let project = Project::load(&dir).expect("example project loads");
            cases.push(Case {
                name: dir.display().to_string(),
                project,
            });
        }
        let mut fixtures: Vec<PathBuf> = std::fs::read_dir(repo().join("compiler/tests/fixtures"))
            .expect("fixtures folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "laurel"))
            .collect();
        fixtures.sort();
        for path in fixtures {
            let mut sources = Sources::new();
            sources.add(&path, std::fs::read_to_string(&path).expect("fixture"));
            cases.push(Case {
                name: path.display().to_string(),
                project: Project::from_sources(repo(), Default::default(), sources),
            });
        }
        assert!(cases.len() >= 6, "corpus is missing files");
        cases
    })
}

/// Every `.laurel` file of the corpus: (case index, path, text).
fn corpus_files() -> Vec<(usize, PathBuf, String)> {
    corpus()
        .iter()
        .enumerate()
        .flat_map(|(i, case)| case.files().into_iter().map(move |(p, t)| (i, p, t)))
        .collect()
}

/// What a compilation produces: the documents (path, JSON text), and the diagnostics
/// (code, message) without their places.
type Outcome = (Vec<(PathBuf, String)>, Vec<(String, String)>);

/// What a compilation produces.
fn outcome(compilation: &Compilation) -> Outcome {
    // The fixtures have errors: their (incomplete) models are lowered as they are.
    let options = build::Options {
        skip_validation: true,
        ..Default::default()
    };
    let documents = build::documents(&compilation.model, &options).expect("lowers");
    let diagnostics = compilation
        .diagnostics
        .iter()
        .map(|d| (d.code.id.to_string(), d.message.clone()))
        .collect();
    (documents, diagnostics)
}

/// The outcome of each corpus case as it is on disk.
fn original_outcomes() -> &'static [Outcome] {
    static OUTCOMES: OnceLock<Vec<Outcome>> = OnceLock::new();
    OUTCOMES.get_or_init(|| {
        corpus()
            .iter()
            .map(|c| outcome(&c.project.compile()))
            .collect()
    })
}

fn formatted(text: &str, what: &str) -> String {
    format(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

#[test]
fn corpus_formats_idempotently() {
    for (_, path, text) in corpus_files() {
        let once = formatted(&text, &path.display().to_string());
        let twice = formatted(&once, &path.display().to_string());
        assert_eq!(once, twice, "{} is not stable", path.display());
        assert!(once.ends_with('\n') && !once.ends_with("\n\n"));
        assert!(
            once.lines().all(|l| !l.ends_with([' ', '\t'])),
            "trailing whitespace in {}",
            path.display()
        );
    }
}

#[test]
fn formatting_never_changes_the_compiled_output() {
    for (i, case) in corpus().iter().enumerate() {
        let mut project = case.project.clone();
        for (path, text) in case.files() {
            project.overlay(&path, formatted(&text, &path.display().to_string()));
        }
        let after = outcome(&project.compile());
        let before = &original_outcomes()[i];
        assert!(
            !before.0.is_empty() || case.name.contains("fixtures"),
            "{}: no documents",
            case.name
        );
        assert_eq!(before.0.len(), after.0.len(), "{}", case.name);
        for ((p1, d1), (p2, d2)) in before.0.iter().zip(&after.0) {
            assert_eq!(p1, p2, "{}", case.name);
            assert!(
                d1 == d2,
                "{}: {} differs after formatting",
                case.name,
                p1.display()
            );
        }
        assert_eq!(before.1, after.1, "{}: diagnostics differ", case.name);
    }
}

/// The examples are kept in the canonical style (tell the maintainer if this fails:
/// either the style or the examples change, on purpose).
#[test]
fn examples_are_formatted() {
    for (_, path, text) in corpus_files() {
        if path.starts_with(repo().join("examples")) {
            assert_eq!(
                formatted(&text, "example"),
                text,
                "{} is not in the canonical style (`laurel fmt` would change it)",
                path.display()
            );
        }
    }
}

/// The per-code diagnostic fixtures: a file with syntax errors is refused with exactly
/// the parser's diagnostics; any other formats to the same diagnostics.
#[test]
fn diagnostic_fixtures_are_refused_or_keep_their_diagnostics() {
    let Ok(entries) = std::fs::read_dir(repo().join("compiler/tests/diagnostics")) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "laurel") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("fixture");
        let mut sources = Sources::new();
        let id = sources.add(&path, text.clone());
        let project = Project::from_sources(repo(), Default::default(), sources);
        let before = outcome(&project.compile());
        match laurel::fmt::format_file(id, &text) {
            Ok(out) => {
                let mut after = project.clone();
                after.overlay(&path, out);
                assert_eq!(outcome(&after.compile()), before, "{}", path.display());
            }
            Err(FormatError::Syntax(diagnostics)) => {
                assert!(!diagnostics.is_empty());
                let (_, mut parser) = laurel::syntax::parse(id, &text);
                parser.sort_by_key(|d| (d.span.start, d.span.end));
                assert_eq!(diagnostics, parser, "{}", path.display());
            }
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
}

// ---- messing up whitespace ------------------------------------------------------

/// A small deterministic random source (xorshift), seeded by proptest.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// 1 to `max` spaces or tabs.
    fn space(&mut self, max: u64) -> String {
        let n = 1 + self.below(max);
        (0..n)
            .map(|_| if self.below(4) == 0 { '\t' } else { ' ' })
            .collect()
    }

    /// 0 to `max` blank lines, some holding whitespace.
    fn blanks(&mut self, max: u64) -> String {
        let n = self.below(max + 1);
        (0..n)
            .map(|_| {
                let ws = if self.below(2) == 0 {
                    self.space(3)
                } else {
                    String::new()
                };
                ws + "\n"
            })
            .collect()
    }
}

/// Changes only whitespace the formatter owns: indentation of indented lines, spaces
/// between tokens and before trailing comments, trailing spaces, extra blank lines where
/// blank lines already are (or after `{`, before `}`, at the ends of the file); and adds
/// `\r\n` line ends and a byte order mark, which the formatter keeps. Text blocks,
/// strings, IRIs and comments are left alone, and nothing moves to or from column 0
/// (where items and doc comments must stay).
fn mess(text: &str, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let mut out = rng.blanks(2);
    let mut in_block = false;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let triples = line.matches("\"\"\"").count();
        if in_block {
            out.push_str(line);
            out.push('\n');
            in_block = triples % 2 == 0;
            continue;
        }
        in_block = triples % 2 == 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push('\n');
            out.push_str(&rng.blanks(2));
            continue;
        }
        if trimmed.starts_with('}') {
            out.push_str(&rng.blanks(2));
        }
        let body = line.trim_start();
        if body.len() < line.len() {
            out.push_str(&rng.space(8));
        }
        out.push_str(&mess_line(body, &mut rng));
        if triples == 0 && rng.below(3) == 0 {
            out.push_str(&rng.space(3));
        }
        out.push('\n');
        let code = trimmed.split(" //").next().unwrap_or("").trim_end();
        if code.ends_with('{') && !in_block && i + 1 < lines.len() {
            out.push_str(&rng.blanks(2));
        }
    }
    out.push_str(&rng.blanks(2));
    if rng.below(4) == 0 {
        out = out.replace('\n', "\r\n");
    }
    if rng.below(4) == 0 {
        out.insert(0, '\u{feff}');
    }
    out
}

/// What the formatter makes of a messed-up `text` whose formatted original is
/// `expected`: the same, with the mess's byte order mark and `\r\n` line ends kept.
fn kept_as_messed(expected: &str, messy: &str) -> String {
    let bom = if messy.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let text = if messy.contains("\r\n") {
        expected.replace('\n', "\r\n")
    } else {
        expected.to_string()
    };
    format!("{bom}{text}")
}

/// Re-spaces one line outside strings, IRIs and comments.
fn mess_line(line: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                    chars.next();
                }
                let before_comment = chars.peek() == Some(&'/');
                out.push_str(&rng.space(if before_comment { 40 } else { 3 }));
            }
            '"' => {
                out.push(c);
                if line[line.len() - chars.clone().count()..].starts_with("\"\"") {
                    out.extend(chars.by_ref());
                    break;
                }
                while let Some(s) = chars.next() {
                    out.push(s);
                    match s {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '<' => {
                out.push(c);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == '>' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                out.push(c);
                out.extend(chars.by_ref());
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn messing_changes_the_corpus_but_not_its_meaning() {
    for (i, path, text) in corpus_files() {
        let messy = mess(&text, 42);
        assert_ne!(messy, text);
        let project = corpus()[i].with(&path, &messy);
        assert_eq!(
            outcome(&project.compile()),
            original_outcomes()[i],
            "the messer changed the meaning of {}",
            path.display()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Messed-up whitespace formats back to the formatted original, idempotently, and
    /// compiles to the same documents.
    #[test]
    fn formatting_undoes_messed_up_whitespace(file in 0usize..64, seed in any::<u64>()) {
        let files = corpus_files();
        let (case, path, text) = &files[file % files.len()];
        let messy = mess(text, seed);
        let expected = kept_as_messed(&formatted(text, "original"), &messy);
        let out = format(&messy).map_err(|e| TestCaseError::fail(format!("{e}\n{messy}")))?;
        prop_assert_eq!(&out, &expected);
        prop_assert_eq!(format(&out), Ok(out.clone()));
        let project = corpus()[*case].with(path, &out);
        prop_assert!(outcome(&project.compile()) == original_outcomes()[*case]);
    }

    /// Random edits of real files (characters inserted or deleted anywhere): never a
    /// panic; a result is stable and, when the edit kept the file valid, means the same
    /// as the edited file.
    #[test]
    fn random_edits_never_panic(
        file in 0usize..64,
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec!["", "{", "}", "\"", "\"\"\"", "//", "\n", " ", "\t", "\r", "x", "@", "<", ">", "\\", "é"])),
            1..6,
        ),
    ) {
        let files = corpus_files();
        let (_, _, text) = &files[file % files.len()];
        let mut text = text.clone();
        for (at, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            if insert.is_empty() {
                let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                text.replace_range(i..end, "");
            } else {
                text.insert_str(i, insert);
            }
        }
        if let Ok(out) = format(&text) {
            prop_assert_eq!(format(&out), Ok(out.clone()));
            let (before, _) = laurel::syntax::parse(laurel::source::FileId(0), &text);
            let (after, diagnostics) = laurel::syntax::parse(laurel::source::FileId(0), &out);
            prop_assert!(diagnostics.is_empty());
            prop_assert_eq!(before.items.len(), after.items.len());
        }
    }
}

// ---- snapshots of the style -----------------------------------------------------

fn snapshot(name: &str, text: &str) {
    let out = formatted(text, name);
    insta::with_settings!({
        snapshot_path => "fmt/snapshots",
        prepend_module_to_snapshot => false,
        description => "laurel fmt of a messy input (see the test for the input)",
    }, {
        insta::assert_snapshot!(name, out);
    });
}

#[test]
fn snapshot_messy_organisation_and_credential() {
    snapshot(
        "messy",
        "


// Organisations and one credential, written in a hurry.
/// The awarding body.
organisation   academy{   // main
      legal-name    \"Example  Academy\"@en
\tlegal-id \"DE123456789\"// Q40
        country    DEU
  accreditation { type institutional-quality-assurance }



      // The agency is defined below.
}
organisation qa {   legal-name \"QA Agency\"
   country DEU }
/// Shared outcome.
outcome fair-data   \"Apply the FAIR principles\"
micro-credential rdm   from online-course {

    title \"Research Data Management\"
    title \"Forschungsdatenmanagement\"@de
  workload 3 ects     // ECTS first
  workload 75   hours
    eqf 5
  outcome fair-data


  assessment \"Exam\" { type written-examination
       grading \"1.0-5.0\" { url \"https://academy.example/grading\" } }

}
award rdm { learner { given-name \"Mira\"
family-name \"Kowalska\" }
  date 2025-03-14
    period 2025-01-13   to   2025-03-07 }",
    );
}

#[test]
fn snapshot_text_blocks() {
    snapshot(
        "text-blocks",
        "micro-credential a {
        outcomes-summary \"\"\"
            Learners organise their own remote working day,
              agree working rules with a distributed team,

            and give feedback in writing.
            \"\"\"
    mandate \"\"\"
  Flush with less indentation than the field.
  \"\"\"@en
 description \"\"\"Starts on the opening line:
      kept exactly as written.
 \"\"\"
}
",
    );
}

#[test]
fn snapshot_language_contract() {
    snapshot(
        "language-contract",
        include_str!("fixtures/language-contract.laurel"),
    );
}

// ---- the command line -------------------------------------------------------------

fn laurel() -> Command {
    let mut cmd = Command::cargo_bin("laurel").expect("binary");
    cmd.env("NO_COLOR", "1");
    cmd
}

const MESSY: &str = "organisation a {\n      legal-name \"A\"\n  country DEU   // c\n}\n";
const TIDY: &str =
    "organisation a {\n  legal-name \"A\"\n  country DEU                         // c\n}\n";
const BROKEN: &str = "organisation b {\n    legal-name \"B\"\n";

/// A project with a messy, a tidy and (optionally) a broken file.
fn project(broken: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Laurel.toml"), "[project]\nname = \"x\"\n").unwrap();
    std::fs::write(dir.path().join("messy.laurel"), MESSY).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/tidy.laurel"), TIDY).unwrap();
    if broken {
        std::fs::write(dir.path().join("broken.laurel"), BROKEN).unwrap();
    }
    dir
}

fn read(dir: &tempfile::TempDir, file: &str) -> String {
    std::fs::read_to_string(dir.path().join(file)).unwrap()
}

fn stdout_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.replace('\\', "/"))
        .collect()
}

#[test]
fn check_lists_unformatted_files_and_exits_one_without_writing() {
    let dir = project(false);
    let output = laurel()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let listed = stdout_lines(&output);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].ends_with("/messy.laurel"), "{listed:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 of 2 file(s) not formatted"), "{stderr}");
    assert_eq!(read(&dir, "messy.laurel"), MESSY);
}

#[test]
fn fmt_rewrites_in_place_then_check_passes() {
    let dir = project(false);
    let output = laurel().arg("fmt").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout_lines(&output).len(), 1);
    assert_eq!(read(&dir, "messy.laurel"), TIDY);
    assert_eq!(read(&dir, "sub/tidy.laurel"), TIDY);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let again = laurel()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
    let quiet = laurel().arg("fmt").arg(dir.path()).output().unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stdout.is_empty());
}

#[test]
fn a_file_with_syntax_errors_is_reported_and_left_alone() {
    for check in [false, true] {
        let dir = project(true);
        let mut cmd = laurel();
        cmd.arg("fmt").arg(dir.path());
        if check {
            cmd.arg("--check");
        }
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("error[L0002]"), "{stderr}");
        assert!(stderr.contains("broken.laurel"), "{stderr}");
        assert_eq!(read(&dir, "broken.laurel"), BROKEN);
        // The other files are still formatted (or listed).
        assert_eq!(stdout_lines(&output).len(), 1);
        assert_eq!(read(&dir, "messy.laurel"), if check { MESSY } else { TIDY });
    }
}

#[test]
fn a_single_file_or_a_subfolder_is_formatted_alone() {
    let dir = project(false);
    std::fs::write(dir.path().join("sub/messy.laurel"), MESSY).unwrap();
    laurel()
        .arg("fmt")
        .arg(dir.path().join("sub"))
        .assert()
        .code(0);
    assert_eq!(read(&dir, "sub/messy.laurel"), TIDY);
    assert_eq!(read(&dir, "messy.laurel"), MESSY);
    laurel()
        .args(["fmt", "--check"])
        .arg(dir.path().join("messy.laurel"))
        .assert()
        .code(1);
    laurel()
        .arg("fmt")
        .arg(dir.path().join("messy.laurel"))
        .assert()
        .code(0);
    assert_eq!(read(&dir, "messy.laurel"), TIDY);
}

/// Writes `text` to `name` in a project, formats the project, and returns the file's new
/// text and whether `laurel fmt --check` then passes.
fn fmt_then_check(name: &str, text: &str) -> (String, bool) {
    let dir = project(false);
    std::fs::write(dir.path().join(name), text).unwrap();
    laurel().arg("fmt").arg(dir.path()).assert().code(0);
    let check = laurel()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .output()
        .unwrap();
    (read(&dir, name), check.status.success())
}

#[test]
fn a_byte_order_mark_is_kept_and_its_file_passes_check() {
    let (out, checked) = fmt_then_check("bom.laurel", &format!("\u{feff}{MESSY}"));
    assert_eq!(out, format!("\u{feff}{TIDY}"));
    assert!(
        checked,
        "a formatted file with a byte order mark is flagged"
    );
}

#[test]
fn crlf_line_endings_are_kept_and_their_file_passes_check() {
    let (out, checked) = fmt_then_check("crlf.laurel", &MESSY.replace('\n', "\r\n"));
    assert_eq!(out, TIDY.replace('\n', "\r\n"));
    assert!(checked, "a formatted CRLF file is flagged");
    // Mixed: the ending most lines have.
    let mixed = "organisation a {\r\n      legal-name \"A\"\r\n  country DEU   // c\n}\r\n";
    let (out, checked) = fmt_then_check("mixed.laurel", mixed);
    assert_eq!(out, TIDY.replace('\n', "\r\n"));
    assert!(checked);
}

#[test]
fn a_lone_file_outside_any_project_is_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.laurel");
    std::fs::write(&file, MESSY).unwrap();
    laurel().arg("fmt").arg(&file).assert().code(0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
}

#[test]
fn usage_and_io_errors_exit_two() {
    let output = laurel().args(["fmt", "/no/such/place"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
    let dir = tempfile::tempdir().unwrap();
    laurel().arg("fmt").arg(dir.path()).assert().code(2);
    laurel().args(["fmt", "--chek"]).assert().code(2);
}

#[test]
fn help_shows_the_fmt_examples() {
    let output = laurel().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("laurel fmt . --check"), "{help}");
    assert!(help.contains("fmt "), "{help}");
}
