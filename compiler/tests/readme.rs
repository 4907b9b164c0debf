//! The README's commands, run as written in a fresh copy of the repository.
//!
//! * ```` ```sh ```` blocks: every command runs (in order, in one copy) and must succeed.
//!   The block under "## Set-up" is the set-up itself: `.ci/run` must run those commands,
//!   word for word, instead of this test.
//! * ```` ```console ```` blocks: `$ command` lines run, and what they print (standard
//!   output and error together) must be what the README shows below them. A line `...`
//!   stands for any number of lines and `[..]` for any text within a line.
//! * `<!-- readme-test: in FILE replace "OLD" with "NEW" -->` (`\n` a line break, `\"` a
//!   quote) before a block makes that edit (which a reader is asked to make by hand) for
//!   the next block only.
//!
//! `laurel` is the binary under test, first on the `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/eu_services.rs"]
mod eu_services;

const README: &str = include_str!("../../README.md");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the compiler crate has a parent")
        .to_path_buf()
}

/// One runnable block of the README.
#[derive(Debug)]
struct Block {
    /// Line of the opening fence (1-based), for messages.
    line: usize,
    kind: BlockKind,
    /// The section heading the block is under (`## ...`).
    section: String,
    /// Edits to make for this block only.
    edits: Vec<Edit>,
    body: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
enum BlockKind {
    Sh,
    Console,
}

#[derive(Debug, Clone)]
struct Edit {
    file: String,
    old: String,
    new: String,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut section = String::new();
    let mut edits = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim().to_string();
        } else if let Some(directive) = line
            .trim()
            .strip_prefix("<!-- readme-test:")
            .and_then(|rest| rest.strip_suffix("-->"))
        {
            edits.push(parse_edit(directive.trim(), index + 1));
        } else if let Some(info) = line.strip_prefix("```") {
            let kind = match info.trim() {
                "sh" => Some(BlockKind::Sh),
                "console" => Some(BlockKind::Console),
                _ => None,
            };
            let body: Vec<String> = lines
                .by_ref()
                .map(|(_, l)| l)
                .take_while(|l| !l.starts_with("```"))
                .map(str::to_string)
                .collect();
            if let Some(kind) = kind {
                blocks.push(Block {
                    line: index + 1,
                    kind,
                    section: section.clone(),
                    edits: std::mem::take(&mut edits),
                    body,
                });
            } else {
                assert!(
                    edits.is_empty(),
                    "README line {}: a readme-test edit must come before a sh or console block",
                    index + 1
                );
            }
        }
    }
    blocks
}

/// `in FILE replace "OLD" with "NEW"`.
fn parse_edit(directive: &str, line: usize) -> Edit {
    let unquote = |s: &str| {
        s.trim()
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .map(|s| s.replace("\\n", "\n").replace("\\\"", "\""))
    };
    let edit = (|| {
        let (file, rest) = directive.strip_prefix("in ")?.split_once(" replace ")?;
        let (old, new) = rest.split_once(" with ")?;
        Some(Edit {
            file: file.trim().to_string(),
            old: unquote(old)?,
            new: unquote(new)?,
        })
    })();
    edit.unwrap_or_else(|| {
        panic!("README line {line}: cannot read the readme-test directive `{directive}`")
    })
}

/// The commands of a `sh` block: one per line, `\` continuing a line, comments and blank
/// lines skipped.
fn sh_commands(body: &[String]) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in body {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(start) => {
                current.push_str(start.trim_end());
                current.push(' ');
            }
            None => {
                current.push_str(trimmed);
                commands.push(std::mem::take(&mut current));
            }
        }
    }
    commands
}

/// `$ command` lines of a `console` block with the output shown below each.
fn console_commands(body: &[String]) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    for line in body {
        match line.strip_prefix("$ ") {
            Some(command) => commands.push((command.to_string(), Vec::new())),
            None => match commands.last_mut() {
                Some((_, output)) => output.push(line.clone()),
                None => panic!("a console block must start with `$ `: {line}"),
            },
        }
    }
    commands
}

/// Does `actual` match the `expected` lines (`...` any lines, `[..]` any text)?
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && matches(rest, more)),
    }
}

fn line_matches(pattern: &str, line: &str) -> bool {
    let pattern = pattern.trim_end();
    let line = line.trim_end();
    let mut parts = pattern.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// A copy of the repository without build output, dependencies or version control.
fn fresh_copy() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("create folder");
        for entry in std::fs::read_dir(from).expect("read folder") {
            let entry = entry.expect("folder entry");
            let name = entry.file_name();
            let skip = [".git", "target", ".venv", "node_modules", "out", "dist"];
            if skip.iter().any(|s| name == *s) {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                copy(&path, &to.join(&name));
            } else if kind.is_file() {
                std::fs::copy(&path, to.join(&name)).expect("copy file");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy(&repo_root(), dir.path());
    dir
}

/// A loopback stand-in for the EU's services (`support/eu_services.rs`): the README's
/// `laurel vocab update` asks it (`LAUREL_ESCO_URL`, `LAUREL_ELM_URL`) instead of the
/// EU's ESCO API and SPARQL endpoint.
fn eu_services() -> &'static eu_services::Services {
    static SERVICES: std::sync::OnceLock<eu_services::Services> = std::sync::OnceLock::new();
    SERVICES.get_or_init(eu_services::Services::start)
}

/// Runs `command` with bash in `dir`, `laurel` first on the PATH; (success, output).
fn run(dir: &Path, command: &str) -> (bool, String) {
    let laurel = Path::new(env!("CARGO_BIN_EXE_laurel"));
    let bin = laurel.parent().expect("the binary's folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LAUREL_ESCO_URL", eu_services().esco_url())
        .env("LAUREL_ELM_URL", eu_services().elm_url())
        .env_remove("CI")
        .output()
        .expect("run bash");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.success(), text)
}

/// Makes the block's edits; returns the files' previous texts to restore.
fn apply_edits(dir: &Path, block: &Block) -> Vec<(PathBuf, String)> {
    block
        .edits
        .iter()
        .map(|edit| {
            let path = dir.join(&edit.file);
            let before = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("README line {}: {}: {e}", block.line, edit.file));
            assert_eq!(
                before.matches(&edit.old).count(),
                1,
                "README line {}: `{}` must occur once in {}",
                block.line,
                edit.old,
                edit.file
            );
            std::fs::write(&path, before.replacen(&edit.old, &edit.new, 1)).expect("edit");
            (path, before)
        })
        .collect()
}

#[test]
fn readme_parser_reads_blocks_commands_and_patterns() {
    let readme = "## Set-up\n```sh\ncargo x   # c\n```\n## Tour\n<!-- readme-test: in a.txt replace \"x y\" with \"z\" -->\n```console\n$ echo a\na\n...\n```\n```text\n$ not run\n```\n";
    let blocks = blocks(readme);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].section, "Set-up");
    assert_eq!(sh_commands(&blocks[0].body), ["cargo x   # c"]);
    assert_eq!(blocks[1].kind, BlockKind::Console);
    assert_eq!(blocks[1].edits[0].file, "a.txt");
    assert_eq!(blocks[1].edits[0].old, "x y");
    assert_eq!(blocks[1].edits[0].new, "z");
    let commands = console_commands(&blocks[1].body);
    assert_eq!(commands[0].0, "echo a");
    assert!(matches(&commands[0].1, &["a", "b", "c"]));
    assert!(!matches(&commands[0].1, &["b"]));
    assert_eq!(
        sh_commands(&["a \\".into(), "  b".into(), "# c".into()]),
        ["a b"]
    );
    let pattern = |p: &str| vec![p.to_string()];
    assert!(matches(&pattern("x [..] z"), &["x y y z"]));
    assert!(!matches(&pattern("x [..] z"), &["x y y"]));
    assert!(matches(&pattern("[..]"), &["anything"]));
    assert!(!matches(&pattern("exact"), &["exact and more"]));
}

/// `.ci/run` runs the README's set-up commands word for word.
#[test]
fn ci_runs_the_readme_set_up() {
    let ci = std::fs::read_to_string(repo_root().join(".ci/run")).expect(".ci/run");
    let ci_commands: Vec<&str> = ci.lines().map(str::trim).collect();
    let set_up: Vec<String> = blocks(README)
        .iter()
        .filter(|b| b.section == "Set-up")
        .flat_map(|b| sh_commands(&b.body))
        .collect();
    assert_eq!(set_up.len(), 2, "the set-up is two commands: {set_up:?}");
    for command in &set_up {
        let bare = command.split("  #").next().unwrap_or(command).trim();
        assert!(
            ci_commands.contains(&bare),
            ".ci/run does not run the README's set-up command `{bare}`"
        );
    }
}

/// Every other command of the README runs as written and prints what the README shows.
#[test]
fn readme_commands_run_as_written() {
    let dir = fresh_copy();
    let mut failures = Vec::new();
    let mut ran = 0;
    for block in blocks(README).iter().filter(|b| b.section != "Set-up") {
        let restore = apply_edits(dir.path(), block);
        match block.kind {
            BlockKind::Sh => {
                for command in sh_commands(&block.body) {
                    ran += 1;
                    let (ok, output) = run(dir.path(), &command);
                    if !ok {
                        failures.push(format!(
                            "README line {}: `{command}` failed:\n{output}",
                            block.line
                        ));
                    }
                }
            }
            BlockKind::Console => {
                for (command, expected) in console_commands(&block.body) {
                    ran += 1;
                    let (_, output) = run(dir.path(), &command);
                    let actual: Vec<&str> = output.lines().collect();
                    if !matches(&expected, &actual) {
                        failures.push(format!(
                            "README line {}: `{command}` printed:\n{output}\nbut the README shows:\n{}",
                            block.line,
                            expected.join("\n")
                        ));
                    }
                }
            }
        }
        for (path, before) in restore {
            std::fs::write(path, before).expect("restore");
        }
    }
    assert!(ran >= 10, "only {ran} README commands found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
