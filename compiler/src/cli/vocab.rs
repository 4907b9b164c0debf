//! `laurel vocab update`: ESCO from the EU's ESCO API into the project's `vocab/` folder
//! ([`crate::vocab::store`]), with the labels and descriptions of every language or of
//! those asked for, and the ELM controlled lists from the EU Vocabularies' SPARQL endpoint
//! ([`crate::vocab::lists`]); `laurel vocab import`: ESCO from the ESCO portal's CSV
//! packages ([`crate::vocab::portal`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use laurel_eu_services::{esco, vocabularies};
use laurel_eu_services::{Client, Options};

use crate::vocab::{lists, portal, store};

/// Arguments of `laurel vocab`.
#[derive(Debug, clap::Args)]
pub struct VocabArgs {
    #[command(subcommand)]
    command: VocabCommand,
}

#[derive(Debug, clap::Subcommand)]
enum VocabCommand {
    /// Download ESCO's skills and occupations, with their labels and descriptions, into
    /// the project's `vocab/esco/<version>/` folder, and the ELM controlled lists, with their labels in
    /// every language, into `vocab/elm/<release>/` (each replaced only once its download
    /// is whole), and pin them in Laurel.toml.
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
    /// Only ESCO, or only the ELM controlled lists (default: both).
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// The name the lists are kept and pinned under (`vocabularies = "2026-06"`; default:
    /// the current year and month, UTC).
    #[arg(long, value_name = "NAME")]
    vocabularies: Option<String>,
    /// The ESCO API's address: a mirror, or a local ESCO API.
    #[arg(long, value_name = "URL", env = "LAUREL_ESCO_URL", default_value = esco::BASE_URL)]
    esco_url: String,
    /// The EU Vocabularies' SPARQL endpoint: a mirror.
    #[arg(long, value_name = "URL", env = "LAUREL_ELM_URL", default_value = vocabularies::SPARQL_URL)]
    elm_url: String,
    /// The longest wait for one answer, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Write to the cache the projects of this machine share
    /// (`$XDG_CACHE_HOME/laurel`, else `~/.cache/laurel`) instead of the project.
    #[arg(long)]
    cache: bool,
}

/// What `laurel vocab update --only` downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    /// ESCO's skills and occupations.
    Esco,
    /// The ELM controlled lists.
    Elm,
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
    // the project's folders, then the shared cache's
    let cache = store::cache_root().filter(|c| c.as_path() != project);
    let roots: Vec<(PathBuf, bool)> = std::iter::once((project.to_path_buf(), false))
        .chain(cache.map(|c| (c, true)))
        .collect();
    for (root, shared) in roots.iter().cloned() {
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
                "{}{}: {} skills and {} occupations in {} language(s) ({}), from {}",
                dir.display(),
                if shared { " (shared cache)" } else { "" },
                p.skills,
                p.occupations,
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
    match loaded.info.lists.release() {
        None => {
            println!("lists: the bundled ELM controlled lists (Laurel.toml pins no `vocabularies`)")
        }
        Some(release) => {
            let place = lists::pinned_root(project, release)
                .map(|root| format!(" in {}", lists::lists_dir(&root, release).display()))
                .unwrap_or_default();
            println!("lists: the pinned EU vocabularies {release}{place}")
        }
    }
    for (root, shared) in roots {
        let present = lists::present_lists(&root).map_err(|e| {
            miette::miette!("cannot read {}: {e}", root.join("vocab/elm").display())
        })?;
        for p in &present {
            let concepts: u64 = p.lists.iter().map(|(_, n)| n).sum();
            println!(
                "{}{}: {} lists, {concepts} concepts, in {} language(s), from {}",
                lists::lists_dir(&root, &p.release).display(),
                if shared { " (shared cache)" } else { "" },
                p.lists.len(),
                p.languages.len(),
                p.source
            );
            for problem in &p.problems {
                sound = false;
                println!(
                    "  {problem}: run `laurel vocab update --only elm --vocabularies {}{}` again",
                    p.release,
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
    store::recover_esco(&root)
        .and_then(|()| lists::recover_lists(&root))
        .map_err(|e| {
            miette::miette!(
                "cannot tidy what an interrupted download left in {}: {e}",
                root.join("vocab").display()
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
    (skills, occupations): (&[esco::Skill], &[esco::Occupation]),
) -> miette::Result<ExitCode> {
    let written = store::write_esco(root, version, source, languages, skills, occupations)
        .map_err(|e| {
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
        "ESCO {version}: {} skills and {} occupations, labelled in {} language(s) ({}), written to {}",
        written.skills,
        occupations.len(),
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
    let esco = match portal::read_packages(&packages) {
        Ok(esco) => esco,
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
    let code = write(
        &args.project,
        &root,
        &version,
        &source,
        &[],
        (&esco.skills, &esco.occupations),
    )?;
    println!("{}", crate::vocab::esco::ESCO_ATTRIBUTION);
    Ok(code)
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
    let release = match &args.vocabularies {
        Some(name) if crate::project::is_folder_name(name) => name.clone(),
        Some(name) => {
            return Err(miette::miette!(
                help = "name it with letters, digits, `.`, `_` and `-`: `--vocabularies 2026-06`",
                "`{name}` cannot name a folder of vocabularies"
            ))
        }
        None => crate::seal::time::format_utc(crate::seal::time::now())
            .get(..7)
            .unwrap_or("current")
            .to_string(),
    };
    let languages: Vec<String> = args
        .languages
        .iter()
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    let client = |url: &str| {
        let mut options = Options::new(url);
        options.timeout = Duration::from_secs(args.timeout.max(1));
        options.user_agent = format!("laurel/{}", env!("CARGO_PKG_VERSION"));
        Client::new(options).map_err(|e| miette::miette!("{e}"))
    };
    if args.only != Some(Only::Elm) {
        let code = update_esco(&args, &root, &client(&args.esco_url)?, &languages)?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    if args.only != Some(Only::Esco) {
        let code = update_lists(&args, &root, &client(&args.elm_url)?, &release, &languages)?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    if args.only != Some(Only::Elm) {
        println!("{}", crate::vocab::esco::ESCO_ATTRIBUTION);
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on a terminal (none otherwise), counting `what`.
fn progress_bar(message: String, what: &str) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{spinner}} {{msg}} [{{bar:30}}] {{pos}}/{{len}} {what}"
            ))
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_message(message);
        bar
    })
}

/// What is kept when a download into `dir` fails.
fn kept(dir: &Path) -> String {
    if dir.exists() {
        format!("the data in {} is kept as it was", dir.display())
    } else {
        "nothing was written".to_string()
    }
}

/// The ESCO part of `laurel vocab update`.
fn update_esco(
    args: &UpdateArgs,
    root: &Path,
    client: &Client,
    languages: &[String],
) -> miette::Result<ExitCode> {
    let version = args.esco.trim_start_matches('v').to_string();
    let failed = |e: laurel_eu_services::Error| {
        let kept = kept(&store::esco_dir(root, &version));
        eprintln!("error: the download of ESCO {version} failed: {e}\n{kept}");
        Ok(ExitCode::from(1))
    };
    let skills = match paged("skills", &version, |p| {
        esco::skills(client, &version, PAGE_SIZE, p)
    }) {
        Ok(skills) => skills,
        Err(e) => return failed(e),
    };
    let occupations = match paged("occupations", &version, |p| {
        esco::occupations(client, &version, PAGE_SIZE, p)
    }) {
        Ok(occupations) => occupations,
        Err(e) => return failed(e),
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
        root,
        &version,
        &args.esco_url,
        languages,
        (&skills, &occupations),
    )
}

/// A paged download of ESCO `version`'s `what` (`skills`), with a progress bar on a
/// terminal.
fn paged<T>(
    what: &str,
    version: &str,
    download: impl FnOnce(&mut dyn FnMut(esco::Progress)) -> Result<T, laurel_eu_services::Error>,
) -> Result<T, laurel_eu_services::Error> {
    let bar = progress_bar(format!("ESCO {version}"), what);
    let downloaded = download(&mut |p| {
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.items as u64);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    downloaded
}

/// The ELM part of `laurel vocab update`: every list, or nothing written.
fn update_lists(
    args: &UpdateArgs,
    root: &Path,
    client: &Client,
    release: &str,
    languages: &[String],
) -> miette::Result<ExitCode> {
    let dir = lists::lists_dir(root, release);
    // English always, for the words the lists are written with
    let mut asked = languages.to_vec();
    if !asked.is_empty() && !asked.iter().any(|l| l == "en") {
        asked.insert(0, "en".to_string());
    }
    let schemes: Vec<crate::vocab::Scheme> = lists::downloadable().collect();
    let bar = progress_bar(format!("EU vocabularies {release}"), "lists");
    if let Some(bar) = &bar {
        bar.set_length(schemes.len() as u64);
    }
    let mut read = Vec::new();
    for (n, scheme) in schemes.into_iter().enumerate() {
        match vocabularies::list(client, scheme.iri(), &asked, vocabularies::PAGE_ROWS) {
            Ok(list) => read.push((scheme, list)),
            Err(e) => {
                if let Some(bar) = &bar {
                    bar.finish_and_clear();
                }
                eprintln!(
                    "error: the download of the {} list failed: {e}\n{}",
                    scheme.name(),
                    kept(&dir)
                );
                return Ok(ExitCode::from(1));
            }
        }
        if let Some(bar) = &bar {
            bar.set_position(n as u64 + 1);
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let written = lists::write_lists(root, release, &args.elm_url, &read)
        .map_err(|e| miette::miette!("cannot write {}: {e}", dir.display()))?;
    for (scheme, list) in &read {
        let bundled = crate::vocab::scheme(*scheme);
        let added = list
            .concepts
            .iter()
            .filter(|c| bundled.by_iri(&c.uri).is_none())
            .count();
        let dropped = bundled
            .concepts()
            .iter()
            .filter(|c| {
                list.concepts
                    .binary_search_by(|l| l.uri.as_str().cmp(&c.iri))
                    .is_err()
            })
            .count();
        println!(
            "{}: {} concepts{} ({added} new, {dropped} gone against the bundled list)",
            scheme.slug(),
            list.concepts.len(),
            list.version
                .as_deref()
                .map(|v| format!(", version {v}"))
                .unwrap_or_default(),
        );
    }
    println!(
        "EU vocabularies {release}: {} lists, labelled in {} language(s), written to {}",
        written.lists.len(),
        written.languages.len(),
        written.dir.display()
    );
    crate::project::pin_lists(&args.path, release).map_err(|e| {
        miette::miette!("cannot pin the EU vocabularies {release} in Laurel.toml: {e}")
    })?;
    println!("Laurel.toml: vocabularies = \"{release}\"");
    Ok(ExitCode::SUCCESS)
}
