//! `laurel suggest`: the outcomes without skills and their suggested skills, as text and
//! JSON, and `--apply N`, which writes the best N into the files and nothing else.

use assert_cmd::Command;

const MANIFEST: &str = "[project]\nname = \"networks\"\ndefault-language = \"en\"\n";

/// A project whose credential has one outcome with a skill, one without a block, one
/// with a block but no skill, and a shared outcome in French without one.
const COURSE: &str = include_str!("diagnostics/L0306-outcome-without-skill.laurel");
const SHARED: &str =
    "outcome budget \"Établir un budget prévisionnel pour un projet associatif\"@fr\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Laurel.toml"), MANIFEST).expect("write");
    std::fs::write(dir.path().join("course.laurel"), COURSE).expect("write");
    std::fs::write(dir.path().join("shared.laurel"), SHARED).expect("write");
    dir
}

fn laurel(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("laurel")
        .expect("binary")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

#[test]
fn lists_each_outcome_without_a_skill_with_its_suggestions() {
    let dir = project();
    let (code, out, err) = laurel(dir.path(), &["suggest", "--limit", "3", "."]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("suggest_human", out);
    assert!(err.contains("3 outcome(s) without a skill"), "{err}");
}

#[test]
fn json_has_each_outcome_place_and_skills() {
    let dir = project();
    let (code, out, err) = laurel(dir.path(), &["suggest", "--format", "json", "."]);
    assert_eq!(code, 0, "{err}");
    let outcomes: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let outcomes = outcomes.as_array().expect("an array");
    assert_eq!(outcomes.len(), 3, "{out}");
    let first = &outcomes[0];
    assert_eq!(first["file"], "./course.laurel");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(20), Some(11))
    );
    assert_eq!(first["skills"].as_array().map(Vec::len), Some(5));
    assert_eq!(first["skills"][0]["label"], "implement a firewall");
    assert_eq!(
        first["skills"][0]["line"],
        "skill esco \"implement a firewall\""
    );
    let french = &outcomes[2];
    assert_eq!(french["language"], "fr");
    assert_eq!(french["skills"][0]["language"], "fr", "{french}");
}

#[test]
fn apply_writes_the_best_skills_and_leaves_every_other_byte() {
    let dir = project();
    let (code, _, err) = laurel(dir.path(), &["fmt", "."]);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read_to_string(dir.path().join("course.laurel")).expect("read");
    let (code, out, err) = laurel(dir.path(), &["suggest", "--apply", "2", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("added 6 skill(s) to 3 outcome(s) in 2 file(s)"),
        "{err}"
    );
    assert!(
        out.contains("course.laurel") && out.contains("shared.laurel"),
        "{out}"
    );
    let after = std::fs::read_to_string(dir.path().join("course.laurel")).expect("read");
    insta::assert_snapshot!("suggest_applied", after);
    // every old line is there, in order (an outcome's line may have gained ` {`), and
    // the lines in between are new skill lines and the `}` of a new block
    let mut new_lines = after.lines();
    for old in before.lines() {
        let found = new_lines.by_ref().find(|new| {
            let matched = *new == old || *new == format!("{old} {{");
            let inserted = new.trim_start().starts_with("skill esco \"") || new.trim() == "}";
            assert!(matched || inserted, "changed line: {new}");
            matched
        });
        assert!(found.is_some(), "lost line: {old}");
    }
    // the files stay formatted, compile without notes, and there is nothing left to suggest
    let (code, _, err) = laurel(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = laurel(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("L0306"), "{err}");
    let (_, _, err) = laurel(dir.path(), &["suggest", "."]);
    assert!(
        err.contains("every learning outcome links an ESCO skill"),
        "{err}"
    );
}

#[test]
fn check_counts_the_notes_and_lints_allow_turns_them_off() {
    let dir = project();
    let (code, _, err) = laurel(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note[L0306]: this learning outcome links no ESCO skill"),
        "{err}"
    );
    // (the shared outcome is used by no credential: L0023)
    assert!(
        err.ends_with("0 error(s), 1 warning(s), 3 note(s)\n"),
        "{err}"
    );
    let allowed = format!("{MANIFEST}\n[lints]\nallow = [\"L0306\"]\n");
    std::fs::write(dir.path().join("Laurel.toml"), allowed).expect("write");
    let (code, _, err) = laurel(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("L0306"), "{err}");
    assert!(err.ends_with("0 error(s), 1 warning(s)\n"), "{err}");
}
