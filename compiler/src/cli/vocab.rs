//! `laurel vocab update`: ESCO from the EU's ESCO API into the project's `vocab/` folder
//! ([`crate::vocab::store`]), with the labels and descriptions of every language or of
//! those asked for.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use laurel_eu_services::esco;
use laurel_eu_services::{Client, Options};

use crate::vocab::store;

/// Arguments of `laurel vocab`.
#[derive(Debug, clap::Args)]
pub struct VocabArgs {
    #[command(subcommand)]
    command: VocabCommand,
}

#[derive(Debug, clap::Subcommand)]
enum VocabCommand {
    /// Download ESCO's skills, with their labels and descriptions, into the project's
    /// `vocab/esco/<version>/` folder (replaced only once the download is whole).
    Update(UpdateArgs),
}

#[derive(Debug, clap::Args)]
struct UpdateArgs {
    /// The project folder (default: the current one).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The ESCO version.
    #[arg(long, value_name = "VERSION", default_value = "1.2.0")]
    esco: String,
    /// Only these languages' labels and descriptions (English always): `de,pl`.
    #[arg(long, value_name = "xx,yy", value_delimiter = ',')]
    languages: Vec<String>,
    /// The ESCO API's address: a mirror, or a local ESCO API.
    #[arg(long, value_name = "URL", env = "LAUREL_ESCO_URL", default_value = esco::BASE_URL)]
    esco_url: String,
    /// The longest wait for one answer, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

/// Skills per page asked of the ESCO API (a page of 100 skills is about 0.7 MB).
const PAGE_SIZE: usize = 100;

/// Runs `laurel vocab`: exit 0 when the data was written, 1 when the download failed
/// (the data already there is kept), 2 when it cannot start (no project).
pub fn run(args: VocabArgs) -> miette::Result<ExitCode> {
    let VocabCommand::Update(args) = args.command;
    if !args.path.join("Laurel.toml").is_file() {
        return Err(miette::miette!(
            help = "run it in a project folder, or name one: `laurel vocab update my-project`",
            "`{}` is not a Laurel project (it has no Laurel.toml)",
            args.path.display()
        ));
    }
    store::recover_esco(&args.path).map_err(|e| {
        miette::miette!("cannot tidy what an interrupted download left in vocab/esco: {e}")
    })?;
    let version = args.esco.trim_start_matches('v').to_string();
    let languages: Vec<String> = args
        .languages
        .iter()
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    let mut options = Options::new(&args.esco_url);
    options.timeout = Duration::from_secs(args.timeout.max(1));
    options.user_agent = format!("laurel/{}", env!("CARGO_PKG_VERSION"));
    let client = Client::new(options).map_err(|e| miette::miette!("{e}"))?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} ESCO {msg} [{bar:30}] {pos}/{len} skills",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_message(version.clone());
        bar
    });
    let downloaded = esco::skills(&client, &version, PAGE_SIZE, &mut |p| {
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.skills as u64);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let dir = store::esco_dir(&args.path, &version);
    let skills = match downloaded {
        Ok(skills) => skills,
        Err(e) => {
            let kept = if dir.exists() {
                format!("the data in {} is kept as it was", dir.display())
            } else {
                "nothing was written".to_string()
            };
            eprintln!("error: the download of ESCO {version} failed: {e}\n{kept}");
            return Ok(ExitCode::from(1));
        }
    };
    let missing: Vec<&String> = languages
        .iter()
        .filter(|l| !skills.iter().any(|s| s.preferred.contains_key(*l)))
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|l| l.as_str()).collect();
        eprintln!(
            "error: ESCO {version} has no labels in {}; nothing was written",
            names.join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    let written = store::write_esco(&args.path, &version, &args.esco_url, &languages, &skills)
        .map_err(|e| miette::miette!("cannot write {}: {e}", dir.display()))?;
    let counts: Vec<String> = written
        .labelled
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    println!(
        "ESCO {version}: {} skills, labelled in {} language(s) ({}), written to {}",
        written.skills,
        written.labelled.len(),
        counts.join(", "),
        written.dir.display()
    );
    println!("{}", crate::vocab::esco::ESCO_ATTRIBUTION);
    Ok(ExitCode::SUCCESS)
}
