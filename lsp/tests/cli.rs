//! The `laurel-lsp` command line: the binary itself, run as a user or an editor would.

use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_laurel-lsp"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run laurel-lsp")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ATTRIBUTION: &str = "This service uses the ESCO classification of the European Commission.";

#[test]
fn help_prints_usage_and_exits_0() {
    for flag in ["--help", "-h"] {
        let o = run(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{flag}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("usage: laurel-lsp [--stdio]"), "{out}");
        for option in ["--stdio", "--help", "--version", "--about"] {
            assert!(out.contains(option), "{flag} does not list {option}: {out}");
        }
        assert!(out.contains(ATTRIBUTION), "{out}");
        assert_eq!(stderr(&o), "");
    }
}

#[test]
fn version_prints_the_version_and_exits_0() {
    for flag in ["--version", "-V"] {
        let o = run(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{flag}: {}", stderr(&o));
        assert_eq!(
            stdout(&o),
            format!("laurel-lsp {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn about_prints_the_esco_attribution() {
    let o = run(&["--about"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("laurel-lsp "), "{out}");
    assert!(out.contains(ATTRIBUTION), "{out}");
}

#[test]
fn an_unknown_option_is_an_error_with_exit_status_2() {
    for args in [&["--frobnicate"][..], &["--stdio", "--verbose"], &["extra"]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        let last = args.last().copied().unwrap_or_default();
        assert!(err.contains(&format!("`{last}`")), "{args:?}: {err}");
        assert!(err.contains("usage: laurel-lsp"), "{err}");
    }
    assert!(
        stderr(&run(&["--frobnicate"])).starts_with("laurel-lsp: unknown option `--frobnicate`")
    );
    assert!(stderr(&run(&["extra"])).starts_with("laurel-lsp: unexpected argument `extra`"));
}

#[test]
fn editors_options_serve_until_the_input_ends() {
    // VS Code passes `--stdio` twice; other editors add `--clientProcessId`. With the
    // input closed at once, the server ends cleanly without writing anything.
    for args in [
        &[][..],
        &["--stdio", "--stdio"],
        &["--stdio", "--clientProcessId=4242"],
        &["--clientProcessId", "4242"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
    }
}
