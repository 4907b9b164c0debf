//! The VS Code snippets (`editors/vscode/snippets/laurel.code-snippets`) expand to Laurel
//! that compiles without a single diagnostic, with every choice they offer, and together
//! they write every Annex I element the language knows.

use std::collections::BTreeSet;
use std::path::PathBuf;

use laurel::check::ProjectInfo;
use laurel::ide::navigation;
use laurel::project::Project;
use laurel::source::Sources;
use laurel::syntax::schema::BlockKind;
use serde_json::Value;

const SNIPPETS: &str = include_str!("../../editors/vscode/snippets/laurel.code-snippets");

/// The body of the snippet called `name`, as one text.
fn body(name: &str) -> String {
    let all: Value = serde_json::from_str(SNIPPETS).expect("snippets are JSON");
    let lines = all[name]["body"]
        .as_array()
        .unwrap_or_else(|| panic!("no snippet `{name}`"));
    lines
        .iter()
        .map(|l| l.as_str().expect("a line"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text a snippet inserts when every placeholder keeps its default and every choice
/// list takes its `choice`-th entry (wrapping around).
fn expand(body: &str, choice: usize) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = closing_brace(inner);
            let placeholder = &inner[..end];
            rest = &inner[end + 1..];
            let tail = placeholder.trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(default) = tail.strip_prefix(':') {
                out.push_str(&expand(default, choice));
            } else if let Some(list) = tail.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
                let options: Vec<&str> = list.split(',').collect();
                out.push_str(options[choice % options.len()]);
            }
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out.push_str(rest);
    out
}

/// The index of the `}` that closes a `${` whose contents start `text`.
fn closing_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    panic!("unclosed placeholder in {text}")
}

/// The largest number of entries of a choice list in the snippets.
fn longest_choice() -> usize {
    SNIPPETS
        .split("|")
        .map(|part| part.matches(',').count() + 1)
        .max()
        .unwrap_or(1)
}

/// A project of the organisation, micro-credential and award snippets, with the outcome
/// and assessment snippets inside the micro-credential.
fn project(choice: usize) -> Project {
    let inner = [body("Learning outcome"), body("Assessment")]
        .iter()
        .map(|b| {
            expand(b, choice)
                .lines()
                .map(|l| format!("  {l}\n"))
                .collect::<String>()
        })
        .collect::<String>();
    let credential = expand(&body("Micro-credential (every Annex I element)"), choice);
    let close = credential.rfind('}').expect("a closing brace");
    let credential = format!("{}{inner}{}", &credential[..close], &credential[close..]);
    let mut sources = Sources::new();
    sources.add("organisation.laurel", expand(&body("Organisation"), choice));
    sources.add("credential.laurel", credential);
    sources.add("award.laurel", expand(&body("Award"), choice));
    let info = ProjectInfo {
        name: "snippets".into(),
        default_language: "en".into(),
        ..ProjectInfo::default()
    };
    Project::from_sources(PathBuf::from("/snippets"), info, sources)
}

#[test]
fn snippets_compile_cleanly_with_every_choice() {
    for choice in 0..longest_choice() {
        let project = project(choice);
        let compilation = project.compile();
        let texts: Vec<String> = project
            .sources
            .iter()
            .map(|(_, f)| f.text.clone())
            .collect();
        assert!(
            compilation.diagnostics.is_empty(),
            "choice {choice}: {:#?}\n{}",
            compilation.diagnostics,
            texts.join("\n")
        );
    }
}

#[test]
fn snippets_write_every_annex_element() {
    let project = project(0);
    let compilation = project.compile();
    let written: BTreeSet<String> = compilation
        .files
        .iter()
        .flat_map(|f| f.items.iter())
        .flat_map(navigation::fields)
        .filter_map(|at| at.spec.and_then(|s| s.annex))
        .map(|a| format!("{a:?}"))
        .collect();
    let known: BTreeSet<String> = BlockKind::ALL
        .iter()
        .flat_map(|k| k.fields())
        .filter_map(|f| f.annex)
        .map(|a| format!("{a:?}"))
        .collect();
    let missing: Vec<&String> = known.difference(&written).collect();
    assert!(
        missing.is_empty(),
        "the snippets write no field for {missing:?}"
    );
}

#[test]
fn expansion_follows_the_snippet_syntax() {
    assert_eq!(expand("a ${1:x} ${2|p,q|} $0 ${3:${1:y}}", 1), "a x q  y");
}
