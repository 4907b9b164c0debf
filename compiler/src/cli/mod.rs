//! The command line: `laurel new`, `laurel check`, `laurel build`, `laurel issue`,
//! `laurel preview`, `laurel seal`, `laurel verify`, `laurel fmt`, `laurel explain`,
//! `laurel esco search`, `laurel vocab update`, `laurel completions`.

mod check;
mod completions;
mod esco;
mod explain;
mod import;
mod issue;
mod new;
mod preview;
mod seal;
mod suggest;
mod validate;
mod verify;
mod vocab;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{closest, one_of, CredentialId, Model};
use crate::diag::{self, Format};
use crate::project::{Compilation, Project};
use crate::source::{FileId, Sources};
use crate::{build, elm, fmt};

const EXAMPLES: &str = "\
Examples:
  laurel new my-credentials                 start a project (Laurel.toml, a credential, an award, CI)
  laurel check examples/university          check a project (a folder with Laurel.toml)
  laurel check course.laurel --format json  check one file, diagnostics as JSON
  laurel check . --format sarif > laurel.sarif
                                            diagnostics as SARIF 2.1.0, for GitHub code scanning
  laurel build examples/university          write ELM credentials to the project's output folder
  laurel build . --out dist --issued 2025-03-14T09:00:00Z
  laurel issue . --credential data-literacy --learners learners.csv
                                            one credential per row of a CSV or JSON file
  laurel preview examples/university -c data-analysis-python -o page.png
                                            the credential's page, as in the credentials
  laurel seal out/*/awards/*.jsonld --key seal.key.pem --cert seal.chain.pem --out sealed
                                            seal credentials (JAdES-B-B) with a local key
  laurel seal cred.jsonld --cert seal.chain.pem --prepare
  laurel seal --finish cred.tbs --signature cred.sig
                                            seal with a key held elsewhere, in two steps
  laurel verify sealed.jsonld --trust anchors.pem
                                            check a sealed credential's seal
  laurel fmt examples/university            format every .laurel file of a project in place
  laurel fmt . --check                      list files that are not formatted; exit 1 if any
  laurel explain L0106                      what a diagnostic code means and how to fix it
  laurel explain mode                       what a field means, and every value it takes
  laurel esco search python                 ESCO skills and the line to write for each
  laurel vocab update --languages de,pl     download ESCO's skills into the project's vocab/
  laurel vocab import esco-en.zip esco-de.zip
                                            the same from the ESCO portal's CSV packages
  laurel completions bash                   the shell's completion script

This service uses the ESCO classification of the European Commission.";

/// Laurel: write European micro-credentials as text, get ELM v3 credentials.
#[derive(Debug, Parser)]
#[command(name = "laurel", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a project or file and report every problem.
    Check {
        /// A project folder (with Laurel.toml) or a .laurel file.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Check, then write ELM JSON-LD: a specification per micro-credential and a credential per award.
    Build {
        /// A project folder (with Laurel.toml) or a .laurel file.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[command(flatten)]
        write: WriteArgs,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Check learner data (CSV or JSON) against a micro-credential, then write one credential per learner.
    Issue(issue::IssueArgs),
    /// Render the page of a micro-credential as PNG, SVG or HTML.
    Preview(preview::PreviewArgs),
    /// Seal credentials (JAdES-B-B): with a local key, or in two steps (--prepare, --finish).
    Seal(seal::SealArgs),
    /// Check sealed credentials: format, signature, certificate, chain, issuer, validity.
    Verify(verify::VerifyArgs),
    /// Check any European Digital Credential file (ours or anyone's, sealed or not) against
    /// the EU's EDC SHACL shapes and the Europass EDC JSON Schema, offline.
    Validate(validate::ValidateArgs),
    /// Turn European Digital Credentials (JSON-LD, upload form or sealed) into a Laurel
    /// project that builds back to the same credentials.
    Import(import::ImportArgs),
    /// Format .laurel files in the canonical layout (only whitespace changes).
    Fmt {
        /// A project folder (every .laurel file below it) or a .laurel file.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Change nothing: list the files that would change and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Start a project: a folder with a credential, an award, learner data and a CI workflow.
    New(new::NewArgs),
    /// Search the bundled ESCO skills (`laurel esco search python`).
    Esco(esco::EscoArgs),
    /// Suggest ESCO skills for each learning outcome that has none, from its text; with
    /// --apply N, write the best N into the files.
    Suggest(suggest::SuggestArgs),
    /// Download ESCO in every language, or those asked for, into the project
    /// (`laurel vocab update --languages de`).
    Vocab(vocab::VocabArgs),
    /// Print the shell completion script for laurel (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Explain a diagnostic code (or list them all), or a field and the values it takes.
    Explain {
        /// A code such as L0106, or a field such as mode.
        name: Option<String>,
    },
}

/// Where and how credentials are written: the options `build` and `issue` share.
#[derive(Debug, clap::Args)]
struct WriteArgs {
    /// Output folder (default: the manifest's `output`, else `out` beside the sources).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Issue time of every credential (xsd:dateTime), instead of each award's date.
    #[arg(long, value_parser = parse_date_time)]
    issued: Option<String>,
    /// Who the credentials are for, instead of the manifest's `target`: `edc` (the EU's
    /// EDC tools), `ebsi` (also EBSI wallets and verifiers: `VerifiableAttestation`,
    /// VCDM 1.1) or `ebsi-vcdm2` (the same with the VCDM 2.0 context).
    #[arg(long, value_parser = parse_target)]
    target: Option<elm::Target>,
    /// Leave out the page images (much faster; the output then meets the EDC 1.2.0
    /// shapes, not 1.1.0).
    #[arg(long)]
    no_images: bool,
    /// Seal each credential as it is written (JAdES-B-B), with --key (and --cert).
    #[arg(long)]
    seal: bool,
    #[command(flatten)]
    seal_with: seal::KeyArgs,
    /// Write without first checking each document against the EU's EDC 1.2.0 shapes
    /// (a document they refuse is a fault in Laurel, reported as an internal error).
    #[arg(long)]
    no_validate: bool,
}

impl WriteArgs {
    fn out_dir(&self, project: &Project) -> PathBuf {
        self.out.clone().unwrap_or_else(|| project.output_dir())
    }

    /// The build options for `project`; the sealer is made (and its key and certificate
    /// checked) before anything is compiled or written.
    fn options(&self, project: &Project) -> miette::Result<build::Options> {
        let target = self.target.unwrap_or(project.info.target);
        if self.no_images && matches!(target, elm::Target::Ebsi(_)) {
            let from = match self.target {
                Some(_) => "--target",
                None => "`target` in Laurel.toml",
            };
            return Err(miette::miette!(
                help = "leave out --no-images, or write for the EU's EDC tools alone (`--target edc`)",
                "the EBSI schema asks for each credential's page images (`displayParameter.individualDisplay`), and {from} says `{}`: --no-images leaves them out",
                target.name()
            ));
        }
        let seal = match (self.seal, self.seal_with.given()) {
            (true, _) => Some(std::sync::Arc::new(self.seal_with.sealer()?)),
            (false, true) => {
                return Err(miette::miette!(
                    "--key, --cert, --alg, --issuer-from-cert and --sealed-at are for sealing: add --seal"
                ))
            }
            (false, false) => None,
        };
        Ok(build::Options {
            elm: elm::Options {
                issued: self.issued.clone(),
                target: self.target,
            },
            images: !self.no_images,
            seal,
            skip_validation: self.no_validate,
        })
    }
}

/// A `--target` name.
fn parse_target(name: &str) -> Result<elm::Target, String> {
    elm::Target::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = elm::Target::ALL.iter().map(|t| t.name()).collect();
        format!("write {}", names.join(", "))
    })
}

/// How diagnostics (or `laurel verify`'s checks) are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// For people (diagnostics with source excerpts, long lines cut around the place).
    Human,
    /// A JSON array (of diagnostics, or of `verify`'s files with their checks).
    Json,
    /// GitHub Actions annotations (`::error file=...`).
    Github,
    /// A SARIF 2.1.0 log, for GitHub code scanning (`upload-sarif`) and SARIF viewers;
    /// paths are relative to the folder laurel runs in: run it from the repository root.
    Sarif,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Human => Format::Human,
            OutputFormat::Json => Format::Json,
            OutputFormat::Github => Format::Github,
            OutputFormat::Sarif => Format::Sarif,
        }
    }
}

/// Runs the command line; exit code 0 clean or warnings only, 1 errors, 2 usage or I/O failure.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Only the first hook counts; a second `main` in the same process keeps it.
    let _ = miette::set_hook(Box::new(|_| Box::new(report_options().build())));
    match run(cli.command) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

/// How operational errors are printed: wrapped to the terminal, but only at spaces (not
/// at `-` or `/`), so that a name such as `data-analysis-python` or a path stays whole.
fn report_options() -> miette::MietteHandlerOpts {
    miette::MietteHandlerOpts::new()
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

fn run(command: Command) -> miette::Result<ExitCode> {
    match command {
        Command::Check { path, format } => {
            check::refuse_learner_data(&path)?;
            let project = load(&path)?;
            let compilation = project.compile();
            report(&project, &compilation, format.into());
            Ok(exit_code(&compilation))
        }
        Command::Build {
            path,
            write,
            format,
        } => {
            let project = load(&path)?;
            let options = write.options(&project)?;
            let compilation = project.compile();
            report(&project, &compilation, format.into());
            let out = write.out_dir(&project);
            let built =
                build::build(&compilation, &out, &options).map_err(|e| write_failure(&out, e))?;
            let build::Built::Written(written) = built else {
                eprintln!("nothing was written: fix the errors above first");
                return Ok(ExitCode::from(1));
            };
            eprintln!(
                "wrote {} specification(s) and {} credential(s) to {}{}",
                written.specifications.len(),
                written.credentials.len(),
                out.display(),
                removed_note(&written.removed, "build")
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Issue(args) => issue::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Seal(args) => seal::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Import(args) => import::run(args),
        Command::Fmt { path, check } => format_files(&path, check),
        Command::New(args) => new::run(args),
        Command::Esco(args) => esco::run(args),
        Command::Suggest(args) => suggest::run(args),
        Command::Vocab(args) => vocab::run(args),
        Command::Completions(args) => Ok(completions::run(args)),
        Command::Explain { name } => Ok(explain::run(name.as_deref())),
    }
}

/// Why writing to `out` failed ([`build::write_failure`]).
fn write_failure(out: &std::path::Path, e: std::io::Error) -> miette::Report {
    miette::miette!("{}", build::write_failure(out, &e))
}

/// `; removed N file(s) an earlier RUN wrote`, naming them when there are few.
fn removed_note(removed: &[std::path::PathBuf], run: &str) -> String {
    match removed {
        [] => String::new(),
        [one] => format!(
            "; removed {}, which an earlier {run} wrote and this one did not",
            one.display()
        ),
        many => format!(
            "; removed {} files an earlier {run} wrote and this one did not",
            many.len()
        ),
    }
}

/// `laurel fmt`: formats the files at `path` in place, or with `check` only lists the
/// files that would change. Exit 1 when `check` finds files to format or a file could
/// not be formatted (syntax errors), 2 for usage or I/O failures.
fn format_files(path: &std::path::Path, check: bool) -> miette::Result<ExitCode> {
    let (sources, files) = fmt_targets(path)?;
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (mut changed, mut failed) = (0usize, 0usize);
    for &id in &files {
        let file = sources.get(id);
        let written = file.written();
        match fmt::format_file(id, &written) {
            Ok(text) if text == written => {}
            Ok(text) => {
                if !check {
                    build::write_atomic(&file.path, text.as_bytes()).map_err(|e| {
                        miette::miette!("cannot write `{}`: {e}", file.path.display())
                    })?;
                }
                println!("{}", file.path.display());
                changed += 1;
            }
            Err(fmt::FormatError::Syntax(diagnostics)) => {
                eprint!(
                    "{}",
                    diag::render(Format::Human, &sources, &diagnostics, color)
                );
                eprintln!("not formatted: {} has syntax errors", file.path.display());
                failed += 1;
            }
            Err(e @ fmt::FormatError::Unverified(_)) => {
                eprintln!("{}: {e}", file.path.display());
                failed += 1;
            }
        }
    }
    let total = files.len();
    let mut summary = match (check, changed, failed) {
        (true, 0, 0) => format!("{total} file(s) checked, all formatted"),
        (true, 0, _) => format!("{total} file(s) checked"),
        (true, n, _) => format!(
            "{n} of {total} file(s) not formatted; run `laurel fmt {}` to format them",
            path.display()
        ),
        (false, n, _) => format!("formatted {n} of {total} file(s)"),
    };
    if failed > 0 {
        summary.push_str(&format!("; {failed} file(s) skipped because of errors"));
    }
    eprintln!("{summary}");
    Ok(if failed > 0 || (check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files `laurel fmt` works on: the file at `path`, or every `.laurel` file of the
/// project folder at `path` that lies below `path`.
fn fmt_targets(path: &std::path::Path) -> miette::Result<(Sources, Vec<FileId>)> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => miette::miette!("`{}` does not exist", path.display()),
        _ => miette::miette!("cannot read `{}`: {e}", path.display()),
    })?;
    if !meta.is_dir() {
        let text = crate::files::read_text(path, crate::files::Kind::Source)
            .map_err(|e| miette::miette!("cannot read `{}`: {e}", path.display()))?;
        let mut sources = Sources::new();
        let id = sources.add(path, text);
        return Ok((sources, vec![id]));
    }
    let project = load(path)?;
    let below = std::fs::canonicalize(path).ok();
    let files = project
        .laurel_files()
        .filter(|&id| {
            let file = std::fs::canonicalize(&project.sources.get(id).path).ok();
            match (&below, file) {
                (Some(below), Some(file)) => file.starts_with(below),
                _ => true,
            }
        })
        .collect();
    Ok((project.sources, files))
}

fn load(path: &std::path::Path) -> miette::Result<Project> {
    Project::load(path).map_err(|e| miette::miette!("{e}"))
}

/// The micro-credential called `name`, or an error that suggests the closest names.
fn find_credential(model: &Model, name: &str) -> miette::Result<CredentialId> {
    if let Some(id) = model.credentials.iter().position(|c| c.name == name) {
        return Ok(id);
    }
    let names: Vec<&str> = model.credentials.iter().map(|c| c.name.as_str()).collect();
    let hint = match closest(name, names.iter().copied()).as_slice() {
        [] if names.is_empty() => "the project has no micro-credential".to_string(),
        [] => format!("the project's micro-credentials are {}", one_of(&names)),
        close => format!("did you mean {}?", one_of(close)),
    };
    Err(miette::miette!(
        "`{name}` is not a micro-credential of the project: {hint}"
    ))
}

fn report(project: &Project, compilation: &Compilation, format: Format) {
    let color = format == Format::Human
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = diag::render(format, &project.sources, &compilation.diagnostics, color);
    match format {
        Format::Human => {
            eprint!("{text}");
            let errors = compilation
                .diagnostics
                .iter()
                .filter(|d| d.severity == diag::Severity::Error)
                .count();
            let count = |severity| {
                (compilation.diagnostics.iter())
                    .filter(|d| d.severity == severity)
                    .count()
            };
            let (warnings, notes) = (count(diag::Severity::Warning), count(diag::Severity::Note));
            let files = project.laurel_files().count();
            let verdict = if errors > 0 { "failed" } else { "ok" };
            let notes = match notes {
                0 => String::new(),
                n => format!(", {n} note(s)"),
            };
            eprintln!(
                "{verdict}: {files} file(s) checked, {errors} error(s), {warnings} warning(s){notes}"
            );
        }
        Format::Json | Format::Github | Format::Sarif => print!("{text}"),
    }
}

fn exit_code(compilation: &Compilation) -> ExitCode {
    if compilation.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Accepts `YYYY-MM-DDTHH:MM:SSZ` (or with an offset), or a date (midnight UTC), every
/// part checked; a refusal says what is wrong.
fn parse_date_time(s: &str) -> Result<String, String> {
    crate::syntax::date::xsd_instant(s).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report as [`report_options`] prints it, `width` columns wide, without colour.
    fn printed(report: &miette::Report, width: usize) -> String {
        struct Shown<'a>(&'a miette::Report, miette::MietteHandler);
        impl std::fmt::Debug for Shown<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                miette::ReportHandler::debug(&self.1, self.0.as_ref(), f)
            }
        }
        let handler = report_options().width(width).color(false).build();
        format!("{:?}", Shown(report, handler))
    }

    #[test]
    fn reports_wrap_at_spaces_only() {
        let report = miette::miette!(
            "`data-analysis-pythn` is not a micro-credential of the project: did you mean `data-analysis-python`? See /work/projects/vet-centre/credentials/spawanie-metoda-mag.laurel"
        );
        for width in 30..70 {
            let text = printed(&report, width);
            for word in [
                "`data-analysis-pythn`",
                "`data-analysis-python`?",
                "/work/projects/vet-centre/credentials/spawanie-metoda-mag.laurel",
            ] {
                assert!(text.contains(word), "{width} columns:\n{text}");
            }
            assert!(text.lines().count() > 2, "not wrapped at {width}:\n{text}");
        }
    }
}
