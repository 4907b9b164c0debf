//! `laurel preview`: the rendered page of a micro-credential for one learner (or a
//! sample learner), as PNG, SVG or HTML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{find_credential, load, report};
use crate::build::write_atomic;
use crate::check::{
    all_of, closest, one_of, Award, Credential, CredentialId, LangText, Learner, Model,
};
use crate::diag::Format;
use crate::render::{self, Logo, PageTemplate, Renderer};

/// Arguments of `laurel preview`.
#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// A project folder (with Laurel.toml) or a .laurel file.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The micro-credential to show.
    #[arg(long, short = 'c', value_name = "NAME")]
    credential: String,
    /// The learner of one of its awards, by key (the name of the file `laurel build`
    /// writes: student id, national id or kebab-case name). Default: a sample learner.
    #[arg(long, short = 'l', value_name = "KEY")]
    learner: Option<String>,
    /// Display language: one of the languages of the credential's title (default: the
    /// project's default language).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// A logo to show instead of the awarding body's `logo` (PNG, JPEG or SVG), to try one out.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// Where to write: a .png, .svg or .html file. Pages after the first of a PNG or SVG
    /// go beside it as `NAME-page-2.png` ...
    #[arg(long, short = 'o', value_name = "FILE")]
    out: PathBuf,
}

/// What `--out` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Png,
    Svg,
    Html,
}

impl Output {
    fn of(path: &Path) -> Option<Output> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Output::Png),
            "svg" => Some(Output::Svg),
            "html" | "htm" => Some(Output::Html),
            _ => None,
        }
    }
}

/// Runs `laurel preview`: exit 0 when the page was written, 1 when the project has
/// errors, 2 for usage or I/O failures.
pub fn run(args: PreviewArgs) -> miette::Result<ExitCode> {
    let output = Output::of(&args.out).ok_or_else(|| {
        miette::miette!(
            "cannot tell what to write to `{}`: the file name must end in .png, .svg or .html",
            args.out.display()
        )
    })?;
    let logo = args.logo.as_deref().map(read_logo).transpose()?;
    let project = load(&args.path)?;
    let compilation = project.compile();
    report(&project, &compilation, Format::Human);
    if compilation.has_errors() {
        eprintln!("nothing was written: fix the errors above first");
        return Ok(ExitCode::from(1));
    }
    let model = &compilation.model;
    let credential = find_credential(model, &args.credential)?;
    let award = match &args.learner {
        Some(key) => find_award(model, credential, key)?,
        None => sample_award(
            credential,
            &model.credentials[credential],
            &model.project.default_language,
        ),
    };
    let cred = &model.credentials[credential];
    let languages = render::display_languages(model, cred);
    let lang = match args.lang {
        Some(lang) if languages.iter().any(|l| l.eq_ignore_ascii_case(&lang)) => lang,
        Some(lang) => {
            let has: Vec<&str> = languages.iter().map(String::as_str).collect();
            return Err(miette::miette!(
                "`{}` has no title in `{lang}`, so its page is not shown in it: it is in {}. Add `title \"...\"@{lang}` to show it in `{lang}`",
                cred.name,
                all_of(&has)
            ));
        }
        None => model.project.default_language.clone(),
    };
    let logo = logo.or_else(|| render::awarding_body_logo(model, credential));
    let template = PageTemplate::new(model, credential, &lang, logo.as_ref())
        .map_err(|e| miette::miette!("{e}"))?;
    let pages = template.pages(&award);
    let written = write_pages(&args.out, output, &args.credential, &pages)?;
    for path in &written {
        println!("{}", path.display());
    }
    eprintln!("wrote {} page(s)", pages.len());
    Ok(ExitCode::SUCCESS)
}

fn read_logo(path: &Path) -> miette::Result<Logo> {
    let bytes = crate::files::read(path, crate::files::Kind::Image)
        .map_err(|e| miette::miette!("cannot read `{}`: {e}", path.display()))?;
    // A PNG or JPEG passes the same size check as a project's logo.
    if let Err(problem @ crate::check::ImageProblem::TooLarge { .. }) =
        crate::check::Image::check_header(&bytes)
    {
        return Err(miette::miette!("`{}` {problem}", path.display()));
    }
    Logo::from_bytes(&bytes)
        .ok_or_else(|| miette::miette!("`{}` is not a PNG, JPEG or SVG image", path.display()))
}

fn find_award(model: &Model, credential: CredentialId, key: &str) -> miette::Result<Award> {
    let awards: Vec<&Award> = model
        .awards
        .iter()
        .filter(|a| a.credential == credential)
        .collect();
    if let Some(award) = awards.iter().find(|a| a.key() == key) {
        return Ok((*award).clone());
    }
    let keys: Vec<String> = awards.iter().map(|a| a.key()).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let name = &model.credentials[credential].name;
    let hint = match closest(key, keys.iter().copied()).as_slice() {
        [] if keys.is_empty() => {
            format!("`{name}` has no awards; leave out --learner for a sample learner")
        }
        [] => format!("its learners are {}", one_of(&keys)),
        close => format!("did you mean {}?", one_of(close)),
    };
    Err(miette::miette!(
        "no award of `{name}` has the learner `{key}`: {hint}"
    ))
}

/// An award to a sample learner, "Firstname Lastname", with no date, grade or period.
fn sample_award(credential: CredentialId, cred: &Credential, language: &str) -> Award {
    Award {
        credential,
        learner: Learner {
            given_name: LangText::single(language, "Firstname"),
            family_name: LangText::single(language, "Lastname"),
            ..Learner::default()
        },
        date: None,
        valid_from: None,
        grade: Default::default(),
        period: None,
        key: None,
        number: None,
        credential_id: None,
        results: Vec::new(),
        span: cred.span,
    }
}

/// Writes the pages to `out` (and, for PNG and SVG, further pages beside it); returns
/// the files written.
fn write_pages(
    out: &Path,
    output: Output,
    title: &str,
    pages: &[String],
) -> miette::Result<Vec<PathBuf>> {
    let write = |path: &Path, bytes: &[u8]| {
        write_atomic(path, bytes)
            .map_err(|e| miette::miette!("cannot write `{}`: {e}", path.display()))
    };
    if output == Output::Html {
        write(out, render::html(title, pages).as_bytes())?;
        return Ok(vec![out.to_path_buf()]);
    }
    let renderer = Renderer::new();
    let mut written = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let path = page_path(out, i + 1);
        match output {
            Output::Png => {
                let image = render::png(&renderer, page).map_err(|e| miette::miette!("{e}"))?;
                write(&path, &image)?;
            }
            Output::Svg | Output::Html => write(&path, page.as_bytes())?,
        }
        written.push(path);
    }
    Ok(written)
}

/// `out` for page 1, `<stem>-page-<n>.<ext>` beside it for page `n`.
fn page_path(out: &Path, page: usize) -> PathBuf {
    if page == 1 {
        return out.to_path_buf();
    }
    let stem = out.file_stem().unwrap_or_default().to_string_lossy();
    let ext = out.extension().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!("{stem}-page-{page}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(learner: Option<&str>, out: &Path) -> PreviewArgs {
        PreviewArgs {
            path: Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/university"),
            credential: "data-analysis-python".into(),
            learner: learner.map(str::to_string),
            lang: Some("de".into()),
            logo: None,
            out: out.to_path_buf(),
        }
    }

    #[test]
    fn writes_the_page_of_a_learner_or_a_sample() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("page.png");
        let code = run(args(Some("HR-2025-20031"), &png)).unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        let html = dir.path().join("page.html");
        run(args(None, &html)).unwrap();
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(text.contains("Firstname Lastname"));
        assert!(text.contains("Verliehen an"));
        let err = run(args(Some("HR-2025-2003"), &png)).unwrap_err();
        assert!(err.to_string().contains("did you mean `HR-2025-20031`"));
    }

    #[test]
    fn names_further_pages_beside_the_first() {
        let out = Path::new("dir/cloud.png");
        assert_eq!(page_path(out, 1), Path::new("dir/cloud.png"));
        assert_eq!(page_path(out, 2), Path::new("dir/cloud-page-2.png"));
        assert_eq!(Output::of(Path::new("a.HTML")), Some(Output::Html));
        assert_eq!(Output::of(Path::new("a.pdf")), None);
    }
}
