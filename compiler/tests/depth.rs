//! Deep nesting never overflows the stack: an item that nests blocks deeper than the
//! language allows is one coded error (L0005) on that item, and nothing after the
//! chunker (pest, lowering, the checker, `fmt`, the editor features, the CLI) walks it.
//!
//! Every text runs in a thread with a small stack, so that a recursion over the nesting
//! would overflow here rather than pass on a big main-thread stack.

use std::path::PathBuf;

use assert_cmd::Command;
use proptest::prelude::*;

use laurel::check::ProjectInfo;
use laurel::diag::{Diagnostic, Severity};
use laurel::fmt::{format, FormatError};
use laurel::ide::{self, Analysis};
use laurel::project::Project;
use laurel::source::{FileId, Sources};
use laurel::syntax;

/// Levels of the hostile texts: far beyond what a small stack survives when recursed.
const DEEP: usize = 5_000;

/// Runs `f` on a thread with a 256 KiB stack and returns what it returns.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn a thread")
        .join()
        .expect("no panic")
}

/// `award a {` and `levels` blocks `a{` … `}` on one line.
fn one_line(levels: usize) -> String {
    format!(
        "award a {{\n  {}{}\n}}\n",
        "a{".repeat(levels),
        "}".repeat(levels)
    )
}

/// The same nesting with each block on its own line.
fn line_per_level(levels: usize) -> String {
    let mut text = String::from("award a {\n");
    for _ in 0..levels {
        text.push_str("a {\n");
    }
    for _ in 0..levels {
        text.push_str("}\n");
    }
    text.push_str("}\n");
    text
}

/// A good organisation, then `hostile`, then another good item: only the hostile item
/// is lost.
fn between_good_items(hostile: &str) -> String {
    format!(
        "organisation academy {{\n  legal-name \"Academy\"\n  country DEU\n}}\n\n{hostile}\norganisation other {{\n  legal-name \"Other\"\n  country DEU\n}}\n"
    )
}

/// Parses, checks, formats and runs every editor feature over `text`; returns the
/// parse's and the check's diagnostics.
fn everything(text: String) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    small_stack(move || {
        let (_, parsed) = syntax::parse(FileId(0), &text);
        let formatted = format(&text);
        let mut sources = Sources::new();
        let file = sources.add(PathBuf::from("/p/deep.laurel"), text.as_str());
        let analysis = Analysis::new(Project::from_sources(
            PathBuf::from("/p"),
            ProjectInfo::default(),
            sources,
        ));
        let checked = analysis.compilation.diagnostics.clone();
        let offsets = [
            0,
            3,
            text.len() / 2,
            text.len().saturating_sub(2),
            text.len(),
        ];
        for offset in offsets {
            ide::completion::complete(&analysis, file, offset);
            ide::hover::hover(&analysis, file, offset);
            ide::navigation::definition(&analysis, file, offset);
            ide::navigation::references(&analysis, file, offset, true);
            let _ = ide::navigation::rename(&analysis, file, offset, "b");
            let _ = ide::compiled::compiled_at(&analysis, file, offset);
            ide::actions::code_actions(&analysis, file, offset..offset);
        }
        ide::symbols::document_symbols(&analysis, file);
        ide::symbols::workspace_symbols(&analysis, "a");
        ide::tokens::semantic_tokens(&analysis, file);
        ide::inlay::inlay_hints(&analysis, file, 0..text.len());
        if let Err(FormatError::Syntax(errors)) = &formatted {
            assert!(!errors.is_empty());
        }
        // pest's own stack guard did not have to stop it: the limit came first.
        for d in parsed.iter().chain(&checked) {
            assert!(!d.message.contains("too deep to read"), "{}", d.message);
        }
        (parsed, checked)
    })
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.id).collect()
}

#[test]
fn deep_nesting_is_one_error_on_its_item() {
    for text in [one_line(DEEP), line_per_level(DEEP)] {
        let (parsed, checked) = everything(text.clone());
        assert_eq!(codes(&parsed), ["L0005"], "{parsed:?}");
        let d = &parsed[0];
        assert_eq!(d.severity, Severity::Error);
        // The item's own block and the nested ones.
        let levels = format!("{} levels deep", DEEP + 1);
        assert!(d.message.contains(&levels), "{}", d.message);
        // The first brace beyond the limit.
        let at = d.span.start as usize;
        assert_eq!(&text[at..d.span.end as usize], "{");
        let before = &text[..at];
        assert_eq!(
            before.matches('{').count(),
            syntax::MAX_DEPTH,
            "the span is the brace that opens level {}",
            syntax::MAX_DEPTH + 1
        );
        assert!(codes(&checked).contains(&"L0005"), "{checked:?}");
    }
}

#[test]
fn the_explanation_names_the_limit() {
    let levels = format!("{} levels", syntax::MAX_DEPTH);
    assert!(laurel::diag::codes::TOO_DEEP.explain.contains(&levels));
}

#[test]
fn the_deep_item_costs_only_itself() {
    let text = between_good_items(&one_line(DEEP));
    let (parsed, _) = everything(text.clone());
    assert_eq!(codes(&parsed), ["L0005"], "{parsed:?}");
    let (file, _) = small_stack(move || syntax::parse(FileId(0), &text));
    let names: Vec<(&str, bool)> = file
        .items
        .iter()
        .map(|i| (i.name.text.as_str(), i.broken))
        .collect();
    assert_eq!(
        names,
        [("academy", false), ("a", true), ("other", false)],
        "{file:?}"
    );
}

#[test]
fn nesting_up_to_the_limit_is_read() {
    // The item's block and MAX_DEPTH - 1 nested field blocks.
    for shape in [one_line, line_per_level] {
        let (parsed, _) = everything(shape(syntax::MAX_DEPTH - 1));
        assert!(!codes(&parsed).contains(&"L0005"), "{parsed:?}");
        let (parsed, _) = everything(shape(syntax::MAX_DEPTH));
        assert_eq!(codes(&parsed), ["L0005"]);
    }
}

#[test]
fn blocks_left_open_are_counted_too() {
    let text = format!("award a {{\n  {}\n", "a{".repeat(DEEP));
    let (parsed, _) = everything(text);
    assert_eq!(codes(&parsed), ["L0005"], "{parsed:?}");
}

/// Blocks left open at many levels make the parser try each line both as a field and
/// as a line it cannot read: its step limit ends that, in plain words.
#[test]
fn blocks_left_open_at_many_levels_are_one_plain_error() {
    let text = format!("award a {{\n{}}}\n", " award b {\n".repeat(20));
    let (parsed, _) = everything(text);
    assert_eq!(codes(&parsed), ["L0001"], "{parsed:?}");
    assert_eq!(
        parsed[0].message,
        "could not read this item: it takes too many steps to read"
    );
}

#[test]
fn braces_in_strings_and_comments_do_not_count() {
    let braces = "{".repeat(DEEP);
    let text = format!(
        "organisation academy {{\n  legal-name \"{braces}\"\n  // {braces}\n  homepage <https://x.example/{braces}>\n  description \"\"\"\n    {}\n  \"\"\"\n  country DEU\n}}\n",
        "}".repeat(DEEP),
    );
    let (parsed, _) = everything(text);
    assert!(!codes(&parsed).contains(&"L0005"), "{parsed:?}");
}

/// A text block the grammar may give up (its field goes on after the closing quotes),
/// so that its lines are read as fields after all: the braces in it must count.
#[test]
fn braces_in_a_text_block_that_is_read_as_fields_count() {
    let nested = "a{".repeat(DEEP);
    for text in [
        format!("award a {{\n  x \"\"\"\n  {nested}\n  \"\"\" %\n}}\n"),
        format!("award a {{\n  x \"\"\"\n  \"\"\" {nested}\n}}\n"),
        format!(
            "award a {{\n  x \"\"\"\n  {}\n  \"\"\"\n  {nested}\n}}\n",
            "}".repeat(DEEP)
        ),
    ] {
        let (parsed, _) = everything(text);
        assert!(codes(&parsed).contains(&"L0005"), "{parsed:?}");
    }
}

#[test]
fn fmt_refuses_a_file_nested_too_deep() {
    let text = one_line(DEEP);
    let result = small_stack(move || format(&text).map_err(|e| e.to_string()));
    let error = result.expect_err("refused");
    assert!(error.contains("L0005"), "{error}");
}

/// The binary too: `check`, `build` and `fmt` report the item and exit 1 instead of
/// aborting.
#[test]
fn the_cli_reports_deep_nesting() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("Laurel.toml"),
        "[project]\nname = \"deep\"\n",
    )
    .expect("manifest");
    let file = dir.path().join("deep.laurel");
    std::fs::write(&file, between_good_items(&one_line(DEEP))).expect("source");
    for args in [
        vec!["check".into(), dir.path().to_path_buf()],
        vec!["build".into(), dir.path().to_path_buf()],
        vec!["fmt".into(), file.clone()],
    ] {
        let output = Command::cargo_bin("laurel")
            .expect("laurel binary")
            .env("NO_COLOR", "1")
            .args(&args)
            .output()
            .expect("run laurel");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{args:?}: {all}");
        assert!(all.contains("L0005"), "{args:?}: {all}");
    }
}

/// The other nested inputs are read by parsers with a depth limit of their own
/// (serde_json's, toml's): `verify` and `Laurel.toml` refuse them and exit.
#[test]
fn deep_json_and_toml_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let json = dir.path().join("deep.jsonld");
    std::fs::write(&json, &deep).expect("json");
    let output = Command::cargo_bin("laurel")
        .expect("laurel binary")
        .env("NO_COLOR", "1")
        .arg("verify")
        .arg(&json)
        .output()
        .expect("run laurel");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("recursion limit exceeded"), "{stdout}");

    std::fs::write(
        dir.path().join("Laurel.toml"),
        format!("[project]\nname = {deep}\n"),
    )
    .expect("manifest");
    let output = Command::cargo_bin("laurel")
        .expect("laurel binary")
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run laurel");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("L0401"), "{stderr}");
}

/// Random nesting of braces, strings, text blocks and comments.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "{",
        "{",
        "}",
        "a",
        "a{",
        "a {\n",
        " ",
        "\n",
        "\"",
        "\"{\"",
        "\"}\"",
        "\"\"\"",
        "x \"\"\"\n",
        "\"\"\" %\n",
        "\"\"\" {",
        "//",
        "// {\n",
        "<x{>",
        "<",
        ">",
        "\\",
        "\\\"",
        "%",
        "award b {\n",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_nesting_never_panics(pieces in prop::collection::vec(piece(), 0..400), repeat in 1usize..40) {
        let body: String = pieces.concat().repeat(repeat);
        let text = format!("award a {{\n{body}\n}}\n");
        let (parsed, _) = everything(text.clone());
        for d in &parsed {
            prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
        }
    }
}
