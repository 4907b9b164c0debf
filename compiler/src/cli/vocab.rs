//! `laurel vocab update`: ESCO from the EU's ESCO API into the project's `vocab/` folder
//! ([`crate::vocab::store`]), with the labels and descriptions of every language or of
//! those asked for; `laurel vocab import`: the same from the ESCO portal's CSV packages
//! ([`crate::vocab::portal`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use laurel_eu_services::esco;
use laurel_eu_services::{Client, Options};

use crate::vocab::{portal, store};

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
    /// Read ESCO from the ESCO portal's CSV download packages (one zip per language, the
    /// English one among them) into the project's `vocab/esco/<version>/` folder.
    Import(ImportArgs),
    /// Say which ESCO is bundled (and used) and which versions the project holds, each
    /// checked against its manifest.
    Status {
        /// The project folder (default: the current one).
        #[arg(default_value = ".")]
        path: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The packages: `ESCO dataset - v1.2.0 - classification - de - csv.zip`, ...
    #[arg(required = true, value_name = "FILE.zip")]
    packages: Vec<PathBuf>,
    /// The project folder (default: the current one).
    #[arg(long, value_name = "PATH", default_value = ".")]
    project: PathBuf,
    /// The ESCO version (default: the one the packages' names give, `v1.2.0`).
    #[arg(long, value_name = "VERSION")]
    esco: Option<String>,
    /// Write to the cache the projects of this machine share
    /// (`$XDG_CACHE_HOME/laurel`, else `~/.cache/laurel`) instead of the project.
    #[arg(long)]
    cache: bool,
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
    /// Write to the cache the projects of this machine share
    /// (`$XDG_CACHE_HOME/laurel`, else `~/.cache/laurel`) instead of the project.
    #[arg(long)]
    cache: bool,
}

/// Skills per page asked of the ESCO API (a page of 100 skills is about 0.7 MB).
const PAGE_SIZE: usize = 100;

/// Runs `laurel vocab`: exit 0 when the data was written, 1 when the download failed
/// (the data already there is kept), 2 when it cannot start (no project).
pub fn run(args: VocabArgs) -> miette::Result<ExitCode> {
    match args.command {
        VocabCommand::Update(args) => update(args),
        VocabCommand::Import(args) => import(args),
        VocabCommand::Status { path } => status(&path),
    }
}

/// `laurel vocab status`: exit 0 when the pin can be used and every version the project
/// and the shared cache hold matches its manifest, 1 otherwise.
fn status(project: &Path) -> miette::Result<ExitCode> {
    prepare(project, false)?;
    let loaded =
        crate::project::Project::load_manifest(project).map_err(|e| miette::miette!("{e}"))?;
    // with an error in Laurel.toml the pin cannot be read: say what is wrong instead
    let pin_problems = loaded.manifest_errors();
    let used = loaded.info.esco.index();
    println!(
        "bundled: ESCO {} ({})",
        crate::vocab::ESCO_VERSION,
        crate::vocab::esco::BUNDLED_LANGUAGES.join(", ")
    );
    match (pin_problems.as_slice(), used.is_bundled()) {
        ([], true) => println!(
            "used: the bundled ESCO (Laurel.toml pins none), by check, build, issue and the language server"
        ),
        ([], false) => {
            let place = store::pinned_root(project, used.version())
                .map(|root| format!(" in {}", store::esco_dir(&root, used.version()).display()))
                .unwrap_or_default();
            println!(
                "used: the pinned ESCO {} ({}){place}, by check, build, issue and the language server",
                used.version(),
                used.languages().join(", ")
            )
        }
        (problems, _) => {
            for problem in problems {
                println!("Laurel.toml: {problem}");
            }
        }
    }
    let mut sound = true;
    let cache = store::cache_root().filter(|c| c.as_path() != project);
    for (root, shared) in
        std::iter::once((project.to_path_buf(), false)).chain(cache.map(|c| (c, true)))
    {
        let present = store::present_esco(&root).map_err(|e| {
            miette::miette!("cannot read {}: {e}", root.join("vocab/esco").display())
        })?;
        if present.is_empty() && !shared {
            println!(
                "vocab/esco: none (`laurel vocab update` or `laurel vocab import` brings one)"
            );
        }
        for p in &present {
            let dir = store::esco_dir(&root, &p.version);
            println!(
                "{}{}: {} skills in {} language(s) ({}), from {}",
                dir.display(),
                if shared { " (shared cache)" } else { "" },
                p.skills,
                p.languages.len(),
                p.languages.join(", "),
                p.source
            );
            for problem in &p.problems {
                sound = false;
                println!(
                    "  {problem}: run `laurel vocab update --esco {}{}` again",
                    p.version,
                    if shared { " --cache" } else { "" }
                );
            }
        }
    }
    println!("{}", crate::vocab::esco::ESCO_ATTRIBUTION);
    Ok(if sound && pin_problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Refuses a folder that is not a project, and puts back what an interrupted run left in
/// the folder the data goes to (the project's, or the shared cache with `cache`), which it
/// returns.
fn prepare(project: &Path, cache: bool) -> miette::Result<PathBuf> {
    if !project.join("Laurel.toml").is_file() {
        return Err(miette::miette!(
            help = "run it in a project folder, or name one: `laurel vocab update my-project`",
            "`{}` is not a Laurel project (it has no Laurel.toml)",
            project.display()
        ));
    }
    let root = match cache {
        false => project.to_path_buf(),
        true => store::cache_root().ok_or_else(|| {
            miette::miette!(
                help = "set XDG_CACHE_HOME to an absolute path, or leave out --cache",
                "there is no cache folder: neither XDG_CACHE_HOME nor HOME is set"
            )
        })?,
    };
    store::recover_esco(&root).map_err(|e| {
        miette::miette!(
            "cannot tidy what an interrupted download left in {}: {e}",
            root.join("vocab/esco").display()
        )
    })?;
    Ok(root)
}

/// Writes the skills of ESCO `version` below `root` (the project or the cache), pins it
/// in the project's `Laurel.toml` (with the languages written, when `languages` were
/// asked for) and says what was done.
fn write(
    project: &Path,
    root: &Path,
    version: &str,
    source: &str,
    languages: &[String],
    skills: &[esco::Skill],
) -> miette::Result<ExitCode> {
    let written = store::write_esco(root, version, source, languages, skills).map_err(|e| {
        miette::miette!(
            "cannot write {}: {e}",
            store::esco_dir(root, version).display()
        )
    })?;
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
    let pinned: Vec<String> = written.labelled.keys().cloned().collect();
    let pin_languages = (!languages.is_empty()).then_some(pinned.as_slice());
    crate::project::pin_esco(project, version, pin_languages)
        .map_err(|e| miette::miette!("cannot pin ESCO {version} in Laurel.toml: {e}"))?;
    match pin_languages {
        Some(l) => println!(
            "Laurel.toml: esco = \"{version}\", esco-languages = [{}]",
            l.iter()
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => println!("Laurel.toml: esco = \"{version}\""),
    }
    println!("{}", crate::vocab::esco::ESCO_ATTRIBUTION);
    Ok(ExitCode::SUCCESS)
}

fn import(args: ImportArgs) -> miette::Result<ExitCode> {
    let root = prepare(&args.project, args.cache)?;
    let version = match &args.esco {
        Some(v) => v.trim_start_matches('v').to_string(),
        None => {
            let named: Vec<String> = args
                .packages
                .iter()
                .filter_map(|p| version_in_name(&p.file_name()?.to_string_lossy()))
                .collect();
            match named.first() {
                Some(v) if named.iter().all(|n| n == v) => v.clone(),
                Some(_) => {
                    return Err(miette::miette!(
                        help = "import one version's packages at a time",
                        "the packages' names give several ESCO versions: {}",
                        named.join(", ")
                    ))
                }
                None => {
                    return Err(miette::miette!(
                        help = "say which with --esco: `--esco 1.2.0`",
                        "the packages' names give no ESCO version"
                    ))
                }
            }
        }
    };
    let mut packages = Vec::new();
    for path in &args.packages {
        let bytes = std::fs::read(path)
            .map_err(|e| miette::miette!("cannot read {}: {e}", path.display()))?;
        packages.push(portal::Package {
            name: path.display().to_string(),
            bytes,
        });
    }
    let skills = match portal::read_packages(&packages) {
        Ok(skills) => skills,
        Err(why) => {
            eprintln!(
                "error: {why}
nothing was written"
            );
            return Ok(ExitCode::from(1));
        }
    };
    let names: Vec<String> = args
        .packages
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
        .collect();
    let source = format!("ESCO portal CSV packages: {}", names.join(", "));
    write(&args.project, &root, &version, &source, &[], &skills)
}

/// The ESCO version a package's name gives: `1.2.0` for `ESCO dataset - v1.2.0 - ...`.
fn version_in_name(name: &str) -> Option<String> {
    name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter_map(|part| part.strip_prefix('v'))
        .find(|v| {
            let parts: Vec<&str> = v.split('.').collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
}

fn update(args: UpdateArgs) -> miette::Result<ExitCode> {
    let root = prepare(&args.path, args.cache)?;
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
    let dir = store::esco_dir(&root, &version);
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
    write(
        &args.path,
        &root,
        &version,
        &args.esco_url,
        &languages,
        &skills,
    )
}
