//! `laurel new NAME`: a project folder to start from, which checks clean, builds and
//! issues. The files are the templates in `cli/new/`, with `{{...}}` filled in.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::one_of;
use crate::fmt;
use crate::project::MANIFEST;
use crate::vocab::{self, Scheme};

/// Arguments of `laurel new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The folder to create (the project's name is its last part).
    name: PathBuf,
    /// The language of the project's texts (its `default-language`): en, de and fr get
    /// texts in that language, any other language English texts to translate.
    #[arg(long, value_name = "xx", default_value = "en")]
    lang: String,
    /// The awarding body's country: a code or name (DEU, DE, germany); by default the
    /// country of the language (`--lang pl`: POL), else DEU.
    #[arg(long, value_name = "XXX")]
    country: Option<String>,
}

/// The files of a new project: where each goes, and its template.
const FILES: &[(&str, &str)] = &[
    (MANIFEST, include_str!("new/Laurel.toml")),
    (
        "organisations.laurel",
        include_str!("new/organisations.laurel"),
    ),
    ("credentials.laurel", include_str!("new/credentials.laurel")),
    ("awards.laurel", include_str!("new/awards.laurel")),
    ("learners.csv", include_str!("new/learners.csv")),
    (".gitignore", include_str!("new/gitignore")),
    (
        ".github/workflows/laurel.yml",
        include_str!("new/laurel.yml"),
    ),
];

/// The texts of the templates, a row per text: key, then English, German, French.
const TEXTS: &str = include_str!("new/texts.tsv");

/// The languages [`TEXTS`] has, in its column order.
const TEXT_LANGUAGES: [&str; 3] = ["en", "de", "fr"];

/// Runs `laurel new`: exit 0, or 2 when the folder is not empty or an option is wrong.
pub fn run(args: NewArgs) -> miette::Result<ExitCode> {
    let lang = args.lang.trim().to_ascii_lowercase();
    let languages = vocab::scheme(Scheme::Language);
    let Some(language) = vocab::language_code_for_tag(&lang).and_then(|c| languages.concept(c))
    else {
        return Err(miette::miette!(
            "`{lang}` is not a language code: write a two-letter code such as en, de or fr"
        ));
    };
    // the language of instruction, as a word of the language list
    let language = languages.word(language);
    let countries = vocab::scheme(Scheme::Country);
    let country_given = args.country.clone().unwrap_or_else(|| {
        crate::check::examples::home_country(&lang)
            .unwrap_or("DEU")
            .to_string()
    });
    let country = countries.resolve(&country_given).map_err(|close| {
        let close: Vec<&str> = close.iter().map(String::as_str).collect();
        let hint = match close.as_slice() {
            [] => "write a code such as DEU or FRA".to_string(),
            close => format!("did you mean {}?", one_of(close)),
        };
        miette::miette!("`{country_given}` is not a country: {hint}")
    })?;
    let country_word = countries.word(country);
    let country2 = country
        .notation
        .as_deref()
        .and_then(vocab::country_iso_for_code)
        .unwrap_or("XX");
    let dir = &args.name;
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(miette::miette!(
            "`{}` already exists and is not empty: choose another name, or remove it first",
            dir.display()
        ));
    }
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .map(vocab::kebab)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| miette::miette!("`{}` is not a folder name", dir.display()))?;
    let values = placeholders(&name, &lang, &language, &country_word, country2);
    for (path, template) in FILES {
        let mut text = fill(template, &values);
        if path.ends_with(".laurel") {
            // the filled-in texts move trailing comments: lay them out as `laurel fmt` does
            text = fmt::format(&text).unwrap_or(text);
        }
        write(&dir.join(path), &text)?;
    }
    println!("created the project `{name}` in {}", dir.display());
    if !TEXT_LANGUAGES
        .iter()
        .any(|l| lang.split(['-', '_']).next() == Some(l))
    {
        println!("its texts are in English (tagged @en): translate them into `{lang}`");
    }
    let at = dir.display();
    println!("next: laurel check {at}, laurel build {at}, and");
    println!("      laurel issue {at} --credential first-course --learners {at}/learners.csv");
    Ok(ExitCode::SUCCESS)
}

/// What each `{{...}}` of the templates stands for: the project's name, language (its
/// tag and its word of the language list) and country, and the texts in that language (`{{title}}` as a Laurel string, `{{grade-csv}}`
/// as a CSV cell); English texts tagged `@en` for a language without texts of its own.
fn placeholders(
    name: &str,
    lang: &str,
    language: &str,
    country: &str,
    country2: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("name", name),
        ("lang", lang),
        ("language", language),
        ("country", country),
        ("country2", country2),
        ("repository", env!("CARGO_PKG_REPOSITORY")),
    ]
    .into_iter()
    .map(|(k, v)| (format!("{{{{{k}}}}}"), v.to_string()))
    .collect();
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let column = TEXT_LANGUAGES.iter().position(|&l| l == primary);
    let tag = if column.is_some() { "" } else { "@en" };
    for line in TEXTS.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(key), Some(text)) = (cells.first(), cells.get(1 + column.unwrap_or(0))) else {
            continue;
        };
        out.push((format!("{{{{{key}}}}}"), format!("\"{text}\"{tag}")));
        out.push((format!("{{{{{key}-csv}}}}"), text.to_string()));
    }
    out
}

/// A template with its placeholders filled in.
fn fill(template: &str, values: &[(String, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(key, value)
        })
}

fn write(path: &Path, text: &str) -> miette::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| miette::miette!("cannot create `{}`: {e}", parent.display()))?;
    }
    std::fs::write(path, text)
        .map_err(|e| miette::miette!("cannot write `{}`: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_every_language_and_every_placeholder_is_filled() {
        for line in TEXTS.lines() {
            assert_eq!(line.split('\t').count(), 1 + TEXT_LANGUAGES.len(), "{line}");
        }
        for lang in TEXT_LANGUAGES.iter().chain(&["es"]) {
            let values = placeholders("x", lang, lang, "DEU", "DE");
            for (path, template) in FILES {
                let text = fill(template, &values);
                assert!(!text.contains("{{"), "{lang} {path}: {text}");
                if path.ends_with(".laurel") {
                    assert!(fmt::format(&text).is_ok(), "{lang} {path}: {text}");
                }
            }
        }
    }
}
