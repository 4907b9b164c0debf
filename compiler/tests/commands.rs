//! The smaller commands a new user reaches for: `laurel explain FIELD`, `laurel esco
//! search`, `laurel new`, `laurel completions`, and the messages for a wrong `--lang`,
//! a learner file given to `check` and a `Laurel.toml` with mistakes.

use assert_cmd::Command;

fn laurel() -> Command {
    let mut cmd = Command::cargo_bin("laurel").expect("binary");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `laurel ARGS`: exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let output = laurel().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn explain_mode_lists_its_blocks_and_values() {
    let (code, out, err) = run(&["explain", "mode"]);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("explain_mode", out);
}

#[test]
fn explain_field_lists_every_isced_field_in_the_lists_order() {
    let (code, out, _) = run(&["explain", "field"]);
    assert_eq!(code, 0);
    let codes: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.split_whitespace().next())
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert!(codes.len() > 200, "{codes:?}");
    // the order of the list (broad fields before their narrow ones), as completion shows it
    let at = |code| codes.iter().position(|&c| c == code).unwrap();
    assert!(at("07") < at("071") && at("071") < at("0713") && at("0713") < at("08"));
    insta::assert_snapshot!("explain_field", out);
}

#[test]
fn explain_a_respelt_field_and_vocabularies_of_every_meaning() {
    let (code, out, _) = run(&["explain", "level"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("`level` is written `eqf` in Laurel."),
        "{out}"
    );
    assert!(out.contains("\n  none  no EQF level applies\n"), "{out}");
    let (_, out, _) = run(&["explain", "type"]);
    for list in ["accreditation type", "assessment type", "skill type"] {
        assert!(out.contains(&format!("Values of the {list} list")), "{out}");
    }
    let (_, out, _) = run(&["explain", "supervision"]);
    assert!(out.contains("supervised-with-id-verification"), "{out}");
}

#[test]
fn explain_an_unknown_name_suggests_a_field_or_code() {
    let (code, _, err) = run(&["explain", "moed"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `mode`?"), "{err}");
    let (code, _, err) = run(&["explain", "L0301x"]);
    assert_eq!(code, 2);
    assert!(err.contains("`L0301`"), "{err}");
}

#[test]
fn explain_still_explains_and_lists_codes() {
    let (code, out, _) = run(&["explain", "L0030"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("L0030 "), "{out}");
    let (code, out, _) = run(&["explain"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("L0001 "), "{out}");
    assert!(
        out.contains("`laurel explain FIELD` explains a field"),
        "{out}"
    );
}

/// A project holding the language contract's examples, with `line` in place of its ESCO skill.
fn contract_with_skill(line: &str) -> tempfile::TempDir {
    let contract = include_str!("fixtures/language-contract.laurel");
    let old = r#"skill esco "manage findable accessible interoperable and reusable data""#;
    assert!(contract.contains(old));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Laurel.toml"),
        "[project]\nname = \"spec\"\ndefault-language = \"en\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.laurel"), contract.replace(old, line)).unwrap();
    dir
}

#[test]
fn esco_search_prints_label_iri_and_a_line_that_checks() {
    let (code, out, _) = run(&["esco", "search", "python"]);
    assert_eq!(code, 0, "{out}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("Python (computer programming) (knowledge, sector-specific)")
    );
    assert!(
        out.contains("\n  http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d\n")
    );
    assert!(out.contains("\n  skill esco \"Python (computer programming)\"\n"));
    assert!(
        out.ends_with("This service uses the ESCO classification of the European Commission.\n")
    );

    // a typo and a word prefix find skills too; --limit caps them
    let (code, out, _) = run(&["esco", "search", "manage fin", "--limit", "2"]);
    assert_eq!(code, 0);
    assert_eq!(out.matches("\n  skill esco ").count(), 2, "{out}");
    let (code, out, _) = run(&["esco", "search", "pyhton"]);
    assert_eq!(code, 0);
    assert!(out.contains("Python (computer programming)"), "{out}");

    // every printed line, pasted into a credential, checks clean
    let (_, out, _) = run(&[
        "esco",
        "search",
        "gérer des données",
        "--lang",
        "fr",
        "--limit",
        "3",
    ]);
    let pasted: Vec<&str> = out
        .lines()
        .filter_map(|l| {
            l.strip_prefix("  ")
                .filter(|l| l.starts_with("skill esco "))
        })
        .collect();
    assert_eq!(pasted.len(), 3, "{out}");
    assert!(pasted[0].contains("données"), "{out}");
    for line in pasted {
        let project = contract_with_skill(line);
        let checked = laurel().arg("check").arg(project.path()).output().unwrap();
        assert!(
            checked.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

#[test]
fn esco_search_without_hits_or_in_a_language_not_bundled() {
    let (code, out, err) = run(&["esco", "search", "qqxxzz"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("no ESCO skill matches `qqxxzz`"), "{err}");
    let (code, _, err) = run(&["esco", "search", "python", "--lang", "de"]);
    assert_eq!(code, 2);
    assert!(
        unwrapped(&err).contains("no labels in `de`: they are in English and French"),
        "{err}"
    );
}

/// An error message as one line: miette's wrapping (and its `│` margin) undone.
fn unwrapped(err: &str) -> String {
    err.split_whitespace()
        .filter(|w| *w != "│" && *w != "×")
        .collect::<Vec<_>>()
        .join(" ")
}

/// `laurel ARGS` run in `dir`: exit code and stderr.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let output = laurel().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_new_project_checks_clean_builds_and_issues_in_every_language() {
    let root = tempfile::tempdir().unwrap();
    for (name, options) in [
        ("courses", vec![]),
        ("kurse", vec!["--lang", "de", "--country", "AT"]),
        ("cours", vec!["--lang", "fr", "--country", "france"]),
        ("cursos", vec!["--lang", "es", "--country", "ESP"]),
        ("kurse-at", vec!["--lang", "de-AT"]),
        ("kursy", vec!["--lang", "pl"]),
    ] {
        let mut args = vec!["new", name];
        args.extend(&options);
        let (code, err) = run_in(root.path(), &args);
        assert_eq!(code, 0, "{name}: {err}");
        let dir = root.path().join(name);
        for file in [
            "Laurel.toml",
            "organisations.laurel",
            "credentials.laurel",
            "awards.laurel",
            "learners.csv",
            ".gitignore",
            ".github/workflows/laurel.yml",
        ] {
            assert!(dir.join(file).is_file(), "{name}: no {file}");
        }
        let (code, err) = run_in(&dir, &["check"]);
        assert_eq!(
            (code, err.as_str()),
            (0, "ok: 3 file(s) checked, 0 error(s), 0 warning(s)\n"),
            "{name}"
        );
        let (code, err) = run_in(&dir, &["fmt", "--check"]);
        assert_eq!(code, 0, "{name}: {err}");
        let (code, err) = run_in(&dir, &["build"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(dir.join("out/first-course/awards/S-0001.jsonld").is_file());
        let (code, err) = run_in(&dir, &["issue", "-c", "first-course", "-l", "learners.csv"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.contains("issued 2 credential(s)"), "{name}: {err}");
        let manifest = std::fs::read_to_string(dir.join("Laurel.toml")).unwrap();
        let lang = options
            .get(1)
            .map_or("en".into(), |l| l.to_ascii_lowercase());
        assert!(
            manifest.contains(&format!("default-language = \"{lang}\"")),
            "{manifest}"
        );
    }
    // Without --country, the language's country.
    let pl = std::fs::read_to_string(root.path().join("kursy/organisations.laurel")).unwrap();
    assert!(pl.contains("country POL"), "{pl}");
    let de = std::fs::read_to_string(root.path().join("kurse/credentials.laurel")).unwrap();
    assert!(
        de.contains("title \"Grundlagen des Forschungsdatenmanagements\"\n"),
        "{de}"
    );
    let at = std::fs::read_to_string(root.path().join("kurse/organisations.laurel")).unwrap();
    assert!(
        at.contains("country AUT") && at.contains("\"VATAT-"),
        "{at}"
    );
    let at = std::fs::read_to_string(root.path().join("kurse-at/credentials.laurel")).unwrap();
    assert!(
        at.contains("title \"Grundlagen") && at.contains("\n  language de\n"),
        "{at}"
    );
    let es = std::fs::read_to_string(root.path().join("cursos/credentials.laurel")).unwrap();
    assert!(
        es.contains("title \"Research Data Management Essentials\"@en\n"),
        "{es}"
    );
    let ci =
        std::fs::read_to_string(root.path().join("courses/.github/workflows/laurel.yml")).unwrap();
    assert!(
        ci.contains("laurel check") && ci.contains("laurel build"),
        "{ci}"
    );
    let ignored = std::fs::read_to_string(root.path().join("courses/.gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/out/"), "{ignored}");
}

#[test]
fn new_refuses_a_folder_that_is_not_empty_and_wrong_options() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("empty")).unwrap();
    assert_eq!(run_in(root.path(), &["new", "empty"]).0, 0);
    let (code, err) = run_in(root.path(), &["new", "empty"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists and is not empty"), "{err}");
    let (code, err) = run_in(root.path(), &["new", "x", "--country", "germny"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `DEU`?"), "{err}");
    let (code, err) = run_in(root.path(), &["new", "y", "--lang", "qq"]);
    assert_eq!(code, 2);
    assert!(err.contains("`qq` is not a language code"), "{err}");
    assert!(!root.path().join("x").exists() && !root.path().join("y").exists());
}

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    let (code, bash, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    for sub in [
        "check",
        "build",
        "issue",
        "preview",
        "seal",
        "verify",
        "fmt",
        "explain",
        "new",
        "esco",
        "completions",
    ] {
        assert!(
            bash.contains(&format!("laurel,{sub})")),
            "no `{sub}` in:\n{bash}"
        );
    }
    assert!(bash.contains("--credential"), "{bash}");
    // the script is valid bash
    if let Ok(checked) = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .output()
    {
        assert!(
            checked.status.success(),
            "{}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, script, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains("explain"), "{shell}: {script}");
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
}

/// The bundled university example.
fn university() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/university")
}

#[test]
fn preview_in_a_language_the_credential_does_not_have_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let preview = |lang: &str| {
        laurel()
            .arg("preview")
            .arg(university())
            .args(["-c", "data-analysis-python", "--lang", lang, "-o"])
            .arg(&page)
            .output()
            .unwrap()
    };
    let output = preview("es");
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{err}");
    let err = unwrapped(&err);
    assert!(err.contains("has no title in `es`"), "{err}");
    assert!(err.contains("it is in `en` and `de`"), "{err}");
    assert!(!page.exists());
    let output = preview("de");
    assert!(output.status.success());
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("Verliehen an"));
}

#[test]
fn check_of_learner_data_says_how_it_is_checked() {
    for file in ["learners.csv", "learners.JSON"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        std::fs::write(&path, "student-id\nS-1\n").unwrap();
        let output = laurel().arg("check").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let err = unwrapped(&String::from_utf8(output.stderr).unwrap());
        assert!(
            err.contains(
                "`laurel check` checks projects (a folder with Laurel.toml) and .laurel files"
            ),
            "{err}"
        );
        assert!(err.contains("laurel issue -c CREDENTIAL -l "), "{err}");
        assert!(err.contains(&format!("{file} --dry-run")), "{err}");
    }
}
