//! The VS Code extension (`editors/vscode`), judged by its own tool chain and by a real
//! VS Code:
//!
//! * the TypeScript client type-checks and lints clean (tsc, eslint);
//! * the TextMate grammar passes `vscode-tmgrammar-test` on the every-construct fixture;
//! * the Node tests pass: how the server is found, what the packages hold, and that the
//!   grammar agrees with this server's semantic tokens on every example;
//! * end to end, code-server (VS Code in a browser) driven by Playwright in headless
//!   Chromium installs the platform package, with this build's `laurel-lsp` inside, opens
//!   an example, and shows highlighting, ESCO completion and a diagnostic, runs the
//!   commands (a broken credential file validated shows its problems), writing nothing
//!   into the user's home; the set-up's own check passes on a fresh home too.
//!
//! The npm packages are installed by `editors/vscode/scripts/setup.sh` (run here, once);
//! code-server and Chromium by `editors/vscode/test/e2e/setup.sh`, which CI runs first.
//! Without npm, or without the end-to-end install, a test is skipped with a note, except
//! with `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn extension() -> PathBuf {
    repo().join("editors/vscode")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips (returns false) or, under CI, fails when a tool is missing.
fn require(available: bool, what: &str, fix: &str) -> bool {
    if !available {
        assert!(!in_ci(), "CI=true but {what} is missing: {fix}");
        eprintln!("note: skipping: {what} is missing ({fix})");
    }
    available
}

/// Runs a command (in the extension folder unless it names another); panics with its
/// output when it fails.
fn run(what: &str, command: &mut Command) {
    if command.get_current_dir().is_none() {
        command.current_dir(extension());
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{what} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    eprintln!("{what}: ok\n{stdout}");
}

fn npm(args: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.args(args);
    command
}

/// The packages made for the tests: (universal, platform with this build's server).
struct Packages {
    universal: PathBuf,
    platform: PathBuf,
}

/// Installs the npm packages and packages the extension, once per test process; `None`
/// when npm is not installed.
fn prepared() -> Option<&'static Packages> {
    static PACKAGES: OnceLock<Option<Packages>> = OnceLock::new();
    PACKAGES
        .get_or_init(|| {
            let has_npm = Command::new("npm")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            if !require(has_npm, "npm", "install Node.js 20+ with npm") {
                return None;
            }
            run(
                "scripts/setup.sh",
                Command::new("bash").arg("scripts/setup.sh"),
            );
            let out = repo().join("target/vscode-test");
            std::fs::create_dir_all(&out).expect("mkdir target/vscode-test");
            let packages = Packages {
                universal: out.join("laurel.vsix"),
                platform: out.join("laurel-host.vsix"),
            };
            let script = extension().join("scripts/package.sh");
            // Relative paths are the caller's: `--out` from the repository root, and
            // `--server` from the folder of this build's laurel-lsp.
            run(
                "package.sh (universal)",
                Command::new("bash")
                    .arg(&script)
                    .args(["--out", "target/vscode-test/laurel.vsix"])
                    .current_dir(repo()),
            );
            let server = Path::new(env!("CARGO_BIN_EXE_laurel-lsp"));
            run(
                "package.sh (platform, with this build's server)",
                Command::new("bash")
                    .arg(&script)
                    .args(["--target", "host", "--server"])
                    .arg(server.file_name().expect("a file name"))
                    .arg("--out")
                    .arg(&packages.platform)
                    .current_dir(server.parent().expect("a folder")),
            );
            Some(packages)
        })
        .as_ref()
}

#[test]
fn client_type_checks_and_lints_clean() {
    if prepared().is_none() {
        return;
    }
    run("tsc", &mut npm(&["run", "--silent", "typecheck"]));
    run("eslint", &mut npm(&["run", "--silent", "lint"]));
}

#[test]
fn grammar_passes_vscode_tmgrammar_test() {
    if prepared().is_none() {
        return;
    }
    run(
        "vscode-tmgrammar-test",
        &mut npm(&["run", "--silent", "test:grammar"]),
    );
}

#[test]
fn node_tests_pass_on_the_packages_and_this_server() {
    let Some(packages) = prepared() else {
        return;
    };
    run(
        "node --test",
        npm(&["run", "--silent", "test:unit"])
            .env("LAUREL_LSP", env!("CARGO_BIN_EXE_laurel-lsp"))
            .env("LAUREL_VSIX", &packages.universal)
            .env("LAUREL_VSIX_PLATFORM", &packages.platform),
    );
}

/// True when `editors/vscode/test/e2e/setup.sh` has installed code-server and Chromium;
/// else skips or, under CI, fails.
fn e2e_installed() -> bool {
    require(
        extension().join(".e2e/.setup-stamp").is_file(),
        "the VS Code end-to-end install",
        "run bash editors/vscode/test/e2e/setup.sh",
    )
}

/// An empty folder standing for the user's home: `HOME` and `XDG_CONFIG_HOME` point into
/// it, and the other XDG folders and `CODE_SERVER_CONFIG` are unset, as on a fresh machine.
fn fresh_home(command: &mut Command) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    command
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("CODE_SERVER_CONFIG");
    home
}

/// Panics when `what` wrote anything into `home` (on a real machine: into the user's
/// `~/.config` or `~/.local`).
fn assert_home_untouched(home: &Path, what: &str) {
    fn files(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, found);
            }
            found.push(path);
        }
    }
    let mut written = Vec::new();
    files(home, &mut written);
    assert!(
        written.is_empty(),
        "{what} wrote into the home folder: {written:#?}"
    );
}

#[test]
fn e2e_setup_check_passes_on_a_fresh_home_and_leaves_it_empty() {
    if !e2e_installed() {
        return;
    }
    let mut check = Command::new("bash");
    check.args(["test/e2e/setup.sh", "--check"]);
    let home = fresh_home(&mut check);
    run("test/e2e/setup.sh --check (fresh home)", &mut check);
    assert_home_untouched(home.path(), "setup.sh --check");
}

#[test]
fn code_server_shows_highlighting_completion_and_diagnostics() {
    if !e2e_installed() {
        return;
    }
    let Some(packages) = prepared() else {
        return;
    };
    let screenshots = repo().join("target/vscode-test/screenshots");
    let mut e2e = Command::new("node");
    e2e.arg("test/e2e/run.mjs")
        .arg("--vsix")
        .arg(&packages.platform)
        .arg("--project")
        .arg(repo().join("examples/mooc-platform"))
        .arg("--screenshots")
        .arg(&screenshots);
    let home = fresh_home(&mut e2e);
    run("code-server end to end (fresh home)", &mut e2e);
    assert_home_untouched(home.path(), "the end-to-end run");
}
