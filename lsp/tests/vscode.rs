//! The VS Code extension (`editors/vscode`), judged by its own tool chain and by a real
//! VS Code:
//!
//! * the TypeScript client type-checks and lints clean (tsc, eslint);
//! * the TextMate grammar passes `vscode-tmgrammar-test` on the every-construct fixture;
//! * the Node tests pass: how the server is found, what the packages hold, and that the
//!   grammar agrees with this server's semantic tokens on every example;
//! * end to end, code-server (VS Code in a browser) driven by Playwright in headless
//!   Chromium installs the platform package, with this build's `laurel-lsp` inside, opens
//!   an example, and shows highlighting, ESCO completion and a diagnostic.
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

/// Runs a command in the extension folder; panics with its output when it fails.
fn run(what: &str, command: &mut Command) {
    let output = command
        .current_dir(extension())
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
            run(
                "package.sh (universal)",
                Command::new("bash")
                    .arg("scripts/package.sh")
                    .arg("--out")
                    .arg(&packages.universal),
            );
            run(
                "package.sh (platform, with this build's server)",
                Command::new("bash")
                    .arg("scripts/package.sh")
                    .args([
                        "--target",
                        "host",
                        "--server",
                        env!("CARGO_BIN_EXE_laurel-lsp"),
                    ])
                    .arg("--out")
                    .arg(&packages.platform),
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

#[test]
fn code_server_shows_highlighting_completion_and_diagnostics() {
    let installed = extension().join(".e2e/.setup-stamp").is_file();
    if !require(
        installed,
        "the VS Code end-to-end install",
        "run bash editors/vscode/test/e2e/setup.sh",
    ) {
        return;
    }
    let Some(packages) = prepared() else {
        return;
    };
    let screenshots = repo().join("target/vscode-test/screenshots");
    run(
        "code-server end to end",
        Command::new("node")
            .arg("test/e2e/run.mjs")
            .arg("--vsix")
            .arg(&packages.platform)
            .arg("--project")
            .arg(repo().join("examples/mooc-platform"))
            .arg("--screenshots")
            .arg(&screenshots),
    );
}
