//! `laurel issue`: one credential per learner of a CSV or JSON file.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::{find_credential, load, report, OutputFormat, WriteArgs};
use crate::issue::{self, WriteOptions, Writer};
use crate::output::Output;

/// Arguments of `laurel issue`.
#[derive(Debug, clap::Args)]
pub struct IssueArgs {
    /// A project folder (with Laurel.toml) or a .laurel file.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The micro-credential to award.
    #[arg(long, short = 'c', value_name = "NAME")]
    credential: String,
    /// The learners: CSV with a header row, or a JSON array of objects (`.json`).
    #[arg(long, short = 'l', value_name = "FILE")]
    learners: PathBuf,
    /// Issue the good rows even when others have errors, and list the bad ones in
    /// `<credential>/rejected.jsonl`.
    #[arg(long)]
    keep_going: bool,
    /// Check the project and every row, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    write: WriteArgs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

/// Runs `laurel issue`: exit 0 when every row was issued, 1 when the project or any row
/// has errors (with `--keep-going` the good rows are issued all the same), 2 for usage or
/// I/O failures.
pub fn run(args: IssueArgs) -> miette::Result<ExitCode> {
    let mut project = load(&args.path)?;
    let build_options = args.write.options(&project)?;
    let bytes = crate::files::read(&args.learners, crate::files::Kind::Learners)
        .map_err(|e| miette::miette!("cannot read `{}`: {e}", args.learners.display()))?;
    let out_dir = args.write.out_dir(&project);
    let cannot_write = |e: std::io::Error| super::write_failure(&out_dir, e);
    let options = WriteOptions {
        build: build_options,
        jobs: args.jobs.map(usize::from),
    };
    let scope = issue::issue_scope(&args.credential);
    let bar = progress_bar();
    // Credentials are written as their rows are checked, into a staging folder that only
    // becomes the output when every row could be issued (or `--keep-going`).
    let mut writer: Option<Writer> = None;
    let checked = issue::check_in_chunks(
        &mut project,
        &args.learners,
        bytes,
        &args.credential,
        issue::CHUNK_ROWS,
        |chunk| {
            if args.dry_run || (chunk.rejected > 0 && !args.keep_going) {
                return Ok(());
            }
            bar.set_length(chunk.rows as u64);
            let writer = match &mut writer {
                Some(writer) => writer,
                None => writer.insert(Writer::new(
                    Output::begin(&out_dir, &scope)?,
                    options.clone(),
                )?),
            };
            writer.write(chunk.model, &chunk.awards, &|| bar.inc(1))
        },
    )
    .map_err(cannot_write)?;
    bar.finish_and_clear();
    let compilation = &checked.compilation;
    find_credential(&compilation.model, &args.credential)?;
    report(&project, compilation, args.format.into());
    let rejected = checked.rejected_rows();
    if checked.blocking_errors() > 0 {
        eprintln!("nothing was written: fix the errors above first");
        return Ok(ExitCode::from(1));
    }
    if checked.rows == 0 {
        eprintln!(
            "nothing was written: `{}` has no learners",
            args.learners.display()
        );
        return Ok(ExitCode::from(1));
    }
    if args.dry_run {
        eprintln!(
            "checked {} row(s): {} would be issued{}; nothing was written (--dry-run)",
            checked.rows,
            checked.rows - rejected.len(),
            match rejected.len() {
                0 => String::new(),
                n => format!(", {n} with errors"),
            }
        );
        return Ok(exit_for(&rejected));
    }
    if !rejected.is_empty() && !args.keep_going {
        eprintln!(
            "nothing was written: {} of {} row(s) have errors (fix them, or use --keep-going to issue the other rows)",
            rejected.len(),
            checked.rows
        );
        return Ok(ExitCode::from(1));
    }
    let writer = match writer {
        Some(writer) => writer,
        None => Writer::new(
            Output::begin(&out_dir, &scope).map_err(cannot_write)?,
            options,
        )
        .map_err(cannot_write)?,
    };
    let (out, issued) = writer.finish().map_err(cannot_write)?;
    let folder = Path::new(&args.credential);
    let rejected_path = out_dir.join(folder).join("rejected.jsonl");
    if !rejected.is_empty() {
        out.write(
            &folder.join("rejected.jsonl"),
            checked.rejected_report().as_bytes(),
        )
        .map_err(cannot_write)?;
    }
    // Everything becomes visible at once; what the previous run of this credential wrote
    // and this one did not (a learner no longer listed, an old rejected list) goes.
    let committed = out.commit().map_err(cannot_write)?;
    if !rejected.is_empty() {
        eprintln!(
            "{} row(s) rejected, listed in {}",
            rejected.len(),
            rejected_path.display()
        );
    }
    let folder = out_dir.join(folder);
    eprintln!(
        "issued {} credential(s) of `{}` to {} (list: {}){}",
        issued,
        args.credential,
        folder.display(),
        folder.join("manifest.jsonl").display(),
        super::removed_note(&committed.removed, "issue of this credential")
    );
    Ok(exit_for(&rejected))
}

/// 0 when every row was issued, 1 when some were rejected.
fn exit_for<T>(rejected: &[T]) -> ExitCode {
    if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A progress bar on a terminal; hidden in CI and when stderr is not a terminal.
fn progress_bar() -> ProgressBar {
    let quiet = !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some();
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} issuing {bar:30} {pos}/{len} ({per_sec}, {eta})")
    {
        bar.set_style(style);
    }
    bar
}
