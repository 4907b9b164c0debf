//! The `laurel` command as a user runs it: exit codes, formats, files written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CONTRACT: &str = include_str!("fixtures/language-contract.laurel");

fn laurel() -> Command {
    let mut cmd = Command::cargo_bin("laurel").expect("binary");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A project folder holding the language contract's examples.
fn contract_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("Laurel.toml"),
        "[project]\nname = \"spec\"\ndefault-language = \"en\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.laurel"), CONTRACT).unwrap();
    dir
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn check_of_a_clean_project_exits_zero() {
    let project = contract_project();
    let output = laurel().arg("check").arg(project.path()).output().unwrap();
    assert!(output.status.success());
    // the contract's second outcome links no skill: a note, not a problem
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.starts_with("note[L0306]"), "{err}");
    assert!(
        err.ends_with("\nok: 1 file(s) checked, 0 error(s), 0 warning(s), 1 note(s)\n"),
        "{err}"
    );
}

#[test]
fn manifest_can_allow_warnings_and_notes_but_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let hours_only = CONTRACT.replace("workload 3 ects", "");
    std::fs::write(dir.path().join("a.laurel"), hours_only).unwrap();
    std::fs::write(dir.path().join("Laurel.toml"), "[project]\nname = \"x\"\n").unwrap();
    let warned = laurel()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8(warned.stdout).unwrap().contains("L0301"));
    std::fs::write(
        dir.path().join("Laurel.toml"),
        "[project]\nname = \"x\"\n\n[lints]\nallow = [\"L0301\", \"L0306\"]\n",
    )
    .unwrap();
    let allowed = laurel()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(allowed.status.success());
    assert_eq!(String::from_utf8(allowed.stdout).unwrap().trim(), "[]");
    std::fs::write(
        dir.path().join("Laurel.toml"),
        "[project]\nname = \"x\"\n\n[lints]\nallow = [\"L0106\", \"L9999\"]\n",
    )
    .unwrap();
    let refused = laurel()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    let messages: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "L0401")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "L0106 is an error and cannot be allowed",
            "`L9999` is not a Laurel diagnostic code"
        ]
    );
}

#[test]
fn check_reports_every_error_with_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.laurel");
    std::fs::write(&file, "organisation a {\n  legal-name \"A\"\n  contry DEU\n}\n\nmicro-credential b {\n  title \"B\"\n  awarding-body a\n  eqf 9\n}\n").unwrap();
    let output = laurel()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for expected in [
        "L0010", "L0030", "L0106", "L0107", "L0109", "L0110", "L0111",
    ] {
        assert!(
            codes.contains(&expected),
            "{expected} missing from {codes:?}"
        );
    }
    let first = &list[0];
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
}

#[test]
fn github_format_prints_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.laurel");
    std::fs::write(
        &file,
        "organisation a {\n  legal-name \"A\"\n  contry DEU\n}\n",
    )
    .unwrap();
    let output = laurel()
        .args(["check", "--format", "github"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("::error file="), "{text}");
    assert!(text.contains(",line=3,col=3,"), "{text}");
    assert!(text.contains("title=L0010::"), "{text}");
}

#[test]
fn a_missing_path_is_one_clear_line_and_exit_two() {
    let output = laurel().args(["check", "/no/such/place"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("/no/such/place` does not exist"),
        "{stderr}"
    );
}

#[test]
fn a_folder_without_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = laurel().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("Laurel.toml"));
}

#[test]
fn usage_errors_exit_two() {
    laurel().arg("frobnicate").assert().code(2);
    laurel().args(["check", "--format", "xml"]).assert().code(2);
}

#[test]
fn help_shows_examples_and_esco_attribution() {
    let output = laurel().arg("--help").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("laurel build examples/university"), "{text}");
    assert!(text.contains("This service uses the ESCO classification of the European Commission."));
}

#[test]
fn explain_prints_the_long_form() {
    let output = laurel().args(["explain", "L0106"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("L0106 missing-learning-outcomes (error)"),
        "{text}"
    );
    assert!(
        text.contains("Annex I, mandatory element: Learning outcomes"),
        "{text}"
    );
    laurel().args(["explain", "L9999"]).assert().code(2);
    let list = laurel().arg("explain").output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    // every code, then a line on explaining fields
    assert_eq!(list.lines().count(), laurel::diag::CODES.len() + 1);
    assert!(list
        .lines()
        .last()
        .unwrap()
        .starts_with("`laurel explain FIELD`"));
}

#[test]
fn build_writes_specifications_and_credentials_deterministically() {
    let project = contract_project();
    let out1 = project.path().join("one");
    let out2 = project.path().join("two");
    laurel()
        .arg("build")
        .arg(project.path())
        .arg("--out")
        .arg(&out1)
        .assert()
        .success();
    laurel()
        .arg("build")
        .arg(project.path())
        .arg("--out")
        .arg(&out2)
        .assert()
        .success();
    let files1 = files_below(&out1);
    let names: Vec<String> = files1
        .iter()
        .map(|p| p.strip_prefix(&out1).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            ".laurel-output.json",
            "python-data/specification.jsonld",
            "rdm-essentials/awards/S-20250042.jsonld",
            "rdm-essentials/specification.jsonld",
        ]
    );
    for file in &files1 {
        let twin = out2.join(file.strip_prefix(&out1).unwrap());
        assert_eq!(std::fs::read(file).unwrap(), std::fs::read(twin).unwrap());
    }
    let no_temp_files = files1
        .iter()
        .all(|f| !f.file_name().unwrap().to_string_lossy().ends_with(".tmp"));
    assert!(no_temp_files);
}

#[test]
fn a_rebuild_removes_what_it_no_longer_writes_and_keeps_other_files() {
    let project = contract_project();
    let out = project.path().join("out");
    laurel().arg("build").arg(project.path()).assert().success();
    std::fs::write(out.join("upload-log.txt"), "mine").unwrap();
    std::fs::write(out.join("rdm-essentials/awards/notes.md"), "mine too").unwrap();
    // The learner's student id changes: the credential's file name changes with it.
    let renamed = CONTRACT.replace("S-20250042", "S-20259999");
    assert_ne!(renamed, CONTRACT);
    std::fs::write(project.path().join("spec.laurel"), renamed).unwrap();
    let output = laurel().arg("build").arg(project.path()).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("removed rdm-essentials/awards/S-20250042.jsonld, which an earlier build wrote and this one did not"),
        "{stderr}"
    );
    let names: Vec<String> = files_below(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            ".laurel-output.json",
            "python-data/specification.jsonld",
            "rdm-essentials/awards/S-20259999.jsonld",
            "rdm-essentials/awards/notes.md",
            "rdm-essentials/specification.jsonld",
            "upload-log.txt",
        ]
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(".laurel-output.json")).unwrap())
            .unwrap();
    let listed: Vec<&String> = manifest["files"].as_object().unwrap().keys().collect();
    assert_eq!(
        listed,
        [
            "python-data/specification.jsonld",
            "rdm-essentials/awards/S-20259999.jsonld",
            "rdm-essentials/specification.jsonld",
        ]
    );
    // Nothing of the build is left beside the output folder.
    let beside: Vec<String> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn issued_flag_overrides_the_award_date() {
    let project = contract_project();
    let doc = built_award(&project, "2026-01-02T10:00:00Z");
    assert_eq!(doc["issued"], "2026-01-02T10:00:00Z");
    assert_eq!(doc["issuanceDate"], "2026-01-02T10:00:00Z");
    laurel()
        .arg("build")
        .arg(project.path())
        .args(["--issued", "yesterday"])
        .assert()
        .code(2);
}

#[test]
fn issued_times_are_refused_with_what_is_wrong() {
    let project = contract_project();
    for (issued, reason) in [
        (
            "2025-02-30T25:61:00Z",
            "`2025-02-30T25:61:00Z` is not a date and time: February 2025 has 28 days",
        ),
        (
            "2025-07-25T99:00:00Z",
            "`2025-07-25T99:00:00Z` is not a date and time: hour 99 is not on a clock (00–23)",
        ),
        ("2025-07-25T23:59:60Z", "second 60 is a leap second"),
        ("2025-07-25T10:00:00+99:99", "`+99:99` is not a time zone"),
        ("15.03.2025", "write `2025-03-15` (year-month-day)"),
    ] {
        let output = laurel()
            .arg("build")
            .arg(project.path())
            .args(["--issued", issued])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{issued}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(reason), "{issued}: {stderr}");
    }
    let doc = built_award(&project, "2026-01-02");
    assert_eq!(doc["issued"], "2026-01-02T00:00:00Z");
}

/// The contract's award as `laurel build --issued ISSUED` writes it.
fn built_award(project: &tempfile::TempDir, issued: &str) -> serde_json::Value {
    let out = project.path().join("out");
    laurel()
        .arg("build")
        .arg(project.path())
        .arg("--out")
        .arg(&out)
        .args(["--issued", issued])
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("rdm-essentials/awards/S-20250042.jsonld"));
    serde_json::from_str(&text.unwrap()).unwrap()
}

#[test]
fn build_with_errors_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Laurel.toml"), "[project]\nname = \"x\"\n").unwrap();
    std::fs::write(
        dir.path().join("a.laurel"),
        CONTRACT.replace("eqf 5", "eqf 55"),
    )
    .unwrap();
    laurel().arg("build").arg(dir.path()).assert().code(1);
    assert!(!dir.path().join("out").exists());
}

/// Output into a pipe nobody reads any more (`laurel explain | head -1` after `head`
/// exits) ends the command quietly, as Unix tools do, instead of a panic.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("laurel"))
        .arg("explain")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.signal(), Some(libc::SIGPIPE), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_byte_order_mark_changes_nothing() {
    let plain = contract_project();
    let marked = tempfile::tempdir().unwrap();
    for name in ["Laurel.toml", "spec.laurel"] {
        let text = std::fs::read_to_string(plain.path().join(name)).unwrap();
        std::fs::write(marked.path().join(name), format!("\u{feff}{text}")).unwrap();
    }
    let output = laurel().arg("check").arg(marked.path()).output().unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.ends_with("\nok: 1 file(s) checked, 0 error(s), 0 warning(s), 1 note(s)\n"),
        "{err}"
    );
    for project in [&plain, &marked] {
        laurel()
            .arg("build")
            .arg(project.path())
            .arg("--out")
            .arg(project.path().join("out"))
            .assert()
            .success();
    }
    let built = |dir: &tempfile::TempDir| -> Vec<(PathBuf, Vec<u8>)> {
        let out = dir.path().join("out");
        files_below(&out)
            .into_iter()
            .map(|f| {
                (
                    f.strip_prefix(&out).unwrap().to_path_buf(),
                    std::fs::read(&f).unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(built(&plain), built(&marked));
}

/// A project of the language contract's examples whose organisation has `logo LOGO`.
fn project_with_logo(logo: &str) -> tempfile::TempDir {
    let project = contract_project();
    let text = CONTRACT.replacen(
        "  legal-name ",
        &format!("  logo \"{logo}\"\n  legal-name "),
        1,
    );
    assert_ne!(text, CONTRACT);
    std::fs::write(project.path().join("spec.laurel"), text).unwrap();
    project
}

#[test]
fn a_logo_outside_the_project_is_not_read() {
    for logo in ["../secret.png", "/etc/passwd"] {
        let project = project_with_logo(logo);
        let output = laurel().arg("check").arg(project.path()).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "error[L0015]: the logo `{logo}` is outside the project folder"
            )),
            "{stderr}"
        );
        assert!(
            !stderr.contains("root:"),
            "a file's content was shown: {stderr}"
        );
    }
}

#[test]
fn a_logo_too_large_to_decode_is_refused_at_check() {
    let project = project_with_logo("huge.png");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(30_000u32.to_be_bytes());
    png.extend(30_000u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0]);
    std::fs::write(project.path().join("huge.png"), png).unwrap();
    let output = laurel().arg("check").arg(project.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "the logo `huge.png` is 30000 × 30000 pixels, more than the 16 million a logo may have"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_links_out_of_the_project_are_not_read() {
    // A logo that is a device.
    let project = project_with_logo("zero.png");
    std::os::unix::fs::symlink("/dev/zero", project.path().join("zero.png")).unwrap();
    let output = laurel().arg("check").arg(project.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the logo `zero.png` is outside the project folder"),
        "{stderr}"
    );
    // Learner data that is a device.
    let output = laurel()
        .arg("issue")
        .arg(project.path())
        .args(["-c", "rdm-essentials", "-l", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("it is a device or pipe, not a file"),
        "{stderr}"
    );
    // A `.laurel` file that links to a file outside the project.
    let project = contract_project();
    std::os::unix::fs::symlink("/etc/passwd", project.path().join("users.laurel")).unwrap();
    let output = laurel().arg("check").arg(project.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is a link to a file outside the project"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("root:"),
        "a file's content was shown: {stderr}"
    );
}

#[test]
fn an_output_folder_outside_the_project_must_be_asked_for_on_the_command_line() {
    let project = contract_project();
    std::fs::write(
        project.path().join("Laurel.toml"),
        "[project]\nname = \"spec\"\noutput = \"../../x\"\n",
    )
    .unwrap();
    let output = laurel().arg("build").arg(project.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`output = \"../../x\"` is outside the project folder"),
        "{stderr}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        project.path().join("Laurel.toml"),
        "[project]\nname = \"spec\"\n",
    )
    .unwrap();
    laurel()
        .arg("build")
        .arg(project.path())
        .arg("--out")
        .arg(elsewhere.path().join("site"))
        .assert()
        .success();
    assert!(elsewhere.path().join("site/.laurel-output.json").is_file());
}

#[test]
fn the_human_format_shows_the_first_200_diagnostics_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Laurel.toml"), "[project]\nname = \"x\"\n").unwrap();
    let modes = "  mode onlinx\n".repeat(250);
    std::fs::write(
        dir.path().join("a.laurel"),
        format!("micro-credential c {{\n  title \"C\"\n{modes}}}\n"),
    )
    .unwrap();
    let json = laurel()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let total = all.as_array().unwrap().len();
    assert!(total > 250, "{total}");
    let human = laurel().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&human.stderr);
    let shown = text
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .count();
    assert_eq!(shown, laurel::diag::MAX_SHOWN);
    assert!(
        text.contains(&format!(
            "... and {} more diagnostic(s) not shown",
            total - laurel::diag::MAX_SHOWN
        )),
        "{text}"
    );
}

/// A project whose `spec café.laurel` has a text in a language twice (a related place)
/// and a mode with two values, one of them a character outside the Basic Multilingual
/// Plane (two UTF-16 code units).
fn sarif_project() -> tempfile::TempDir {
    let project = contract_project();
    let text = CONTRACT
        .replace(
            "  title \"Grundlagen des Forschungsdatenmanagements\"@de\n",
            "  title \"Grundlagen 𝄞\"@de\n  title \"Zweiter Titel\"@de\n",
        )
        .replacen("  mode online ", "  mode \"𝄞\" onlin", 1);
    assert_ne!(text, CONTRACT);
    std::fs::remove_file(project.path().join("spec.laurel")).unwrap();
    std::fs::write(project.path().join("spec café.laurel"), text).unwrap();
    project
}

#[test]
fn check_writes_a_sarif_log_with_every_code_as_a_rule() {
    let project = sarif_project();
    let output = laurel()
        .args(["check", ".", "--format", "sarif"])
        .current_dir(project.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    // Same input, same bytes.
    let again = laurel()
        .args(["check", ".", "--format", "sarif"])
        .current_dir(project.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
    let mut log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let driver = &mut log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    driver["version"] = "[version]".into();
    // Every registered code is a rule, in the registry's order, and its help is what
    // `laurel explain CODE` prints.
    let rules = driver["rules"].as_array().unwrap().clone();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = laurel::diag::CODES.iter().map(|c| c.id).collect();
    assert_eq!(ids, codes);
    for rule in &rules {
        let explained = laurel()
            .args(["explain", rule["id"].as_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(
            rule["help"]["text"].as_str().unwrap(),
            String::from_utf8(explained.stdout).unwrap()
        );
    }
    // The snapshot shows the rules the results refer to.
    let used: Vec<serde_json::Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].clone())
        .collect();
    log["runs"][0]["tool"]["driver"]["rules"] = rules
        .into_iter()
        .filter(|r| used.contains(&r["id"]))
        .collect();
    insta::assert_json_snapshot!("check_sarif", log);
}

/// `--target ebsi` writes EBSI attestations that `laurel validate` finds clean (the
/// EDC shapes and the EBSI schema, no L0604); `target` in `Laurel.toml` does the same;
/// without page images the EBSI schema cannot be met, which is said before anything is
/// written.
#[test]
fn build_for_ebsi_writes_attestations_that_validate_clean() {
    let project = contract_project();
    let out = project.path().join("ebsi-out");
    laurel()
        .args(["build", "--target", "ebsi", "--out"])
        .arg(&out)
        .arg(project.path())
        .assert()
        .success();
    let credentials: Vec<PathBuf> = files_below(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("/awards/"))
        .collect();
    assert!(!credentials.is_empty());
    let first: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&credentials[0]).unwrap()).unwrap();
    assert_eq!(
        first["type"],
        serde_json::json!([
            "VerifiableCredential",
            "VerifiableAttestation",
            "EuropeanDigitalCredential"
        ])
    );
    let validated = laurel()
        .arg("validate")
        .args(&credentials)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&validated.get_output().stderr).into_owned();
    assert!(!stderr.contains("L0604"), "{stderr}");
    assert!(stderr.contains(", 0 warning(s)"), "{stderr}");

    // Without --target, the manifest's `target` says it; --no-images cannot meet it.
    let manifest = project.path().join("Laurel.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}target = \"ebsi-vcdm2\"\n")).unwrap();
    let refused = laurel()
        .args(["build", "--no-images", "--out"])
        .arg(project.path().join("none"))
        .arg(project.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(
        stderr.contains("`target` in Laurel.toml says")
            && stderr.contains("`ebsi-vcdm2`: --no-images leaves them out"),
        "{stderr}"
    );
    assert!(!project.path().join("none").exists());
    laurel()
        .args(["build", "--out"])
        .arg(project.path().join("v2"))
        .arg(project.path())
        .assert()
        .success();
    let v2 = files_below(&project.path().join("v2"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("/awards/"))
        .unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(v2).unwrap()).unwrap();
    assert_eq!(doc["@context"][0], "https://www.w3.org/ns/credentials/v2");
}

/// The Commission's Annex I sample, as the conformance tests keep it.
fn annex1_sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/elm-examples/ec-2024/Sample-MC-Annex1-unsigned.jsonld")
}

#[test]
fn import_writes_a_project_and_says_what_it_could_not_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported");
    let run = laurel()
        .arg("import")
        .arg(annex1_sample())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "$.credentialSubject.hasClaim.influencedBy.description (description): Laurel has no field for it"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("148 properties imported, 3 not expressible: volumeOfLearning,"),
        "{stderr}"
    );
    let written: Vec<String> = files_below(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    assert_eq!(
        written,
        [
            "Laurel.toml",
            "digital-micro-credential-creation.laurel",
            "learners/digital-micro-credential-creation.csv",
            "logos/european-digital-credentials-learning.png",
            "logos/university-zed.png",
            "organisations.laurel",
        ]
    );
    let source =
        std::fs::read_to_string(out.join("digital-micro-credential-creation.laurel")).unwrap();
    assert!(source.contains("// not imported: description"), "{source}");
    // `laurel fmt --check` finds nothing to change
    let fmt = laurel()
        .args(["fmt", "--check"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = laurel()
        .arg("import")
        .arg(annex1_sample())
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(
        stderr.contains("already exists and is not empty"),
        "{stderr}"
    );
    assert_eq!(files_below(dir.path()).len(), 1, "nothing written");
    let run = laurel()
        .arg("import")
        .arg(annex1_sample())
        .arg("--out")
        .arg(dir.path())
        .arg("--force")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(dir.path().join("Laurel.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn import_writes_nothing_when_a_file_cannot_be_imported() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = dir.path().join("imported");
    let run = laurel()
        .arg("import")
        .arg(annex1_sample())
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(
        stderr.contains("broken.json`: the file is not JSON"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
    assert_eq!(files_below(dir.path()), [bad], "no staging folder left");
}
