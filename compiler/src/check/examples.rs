//! Example values fitted to the project, for help texts and quick fixes: a Polish
//! training centre is shown `country POL` and `"..."@en`, not `country DEU` and
//! `"..."@de`.

use crate::syntax::ast::{Item, ItemKind, ParsedFile, ValueKind};
use crate::vocab::{self, Scheme};

/// The official languages (ISO 639-1) of European countries (EU country table codes),
/// the main one first. A language's home country is the first row naming it first.
const OFFICIAL_LANGUAGES: &[(&str, &[&str])] = &[
    ("DEU", &["de"]),
    ("FRA", &["fr"]),
    ("ITA", &["it"]),
    ("ESP", &["es"]),
    ("POL", &["pl"]),
    ("NLD", &["nl"]),
    ("PRT", &["pt"]),
    ("GRC", &["el"]),
    ("CZE", &["cs"]),
    ("SVK", &["sk"]),
    ("SVN", &["sl"]),
    ("HRV", &["hr"]),
    ("HUN", &["hu"]),
    ("ROU", &["ro"]),
    ("BGR", &["bg"]),
    ("DNK", &["da"]),
    ("SWE", &["sv"]),
    ("FIN", &["fi", "sv"]),
    ("EST", &["et"]),
    ("LVA", &["lv"]),
    ("LTU", &["lt"]),
    ("MLT", &["mt", "en"]),
    ("IRL", &["ga", "en"]),
    ("LUX", &["lb", "fr", "de"]),
    ("BEL", &["nl", "fr", "de"]),
    ("AUT", &["de"]),
    ("CYP", &["el"]),
    ("ISL", &["is"]),
    ("NOR", &["no", "nb", "nn"]),
    ("LIE", &["de"]),
    ("CHE", &["de", "fr", "it"]),
    ("UKR", &["uk"]),
    ("SRB", &["sr"]),
    ("MKD", &["mk"]),
    ("ALB", &["sq"]),
    ("TUR", &["tr"]),
];

/// The official languages of a country (EU country table code), main one first.
pub fn official_languages(country: &str) -> &'static [&'static str] {
    OFFICIAL_LANGUAGES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country))
        .map_or(&[], |(_, languages)| languages)
}

/// The country whose main language `language` is (`pl` → `POL`), if there is one.
pub fn home_country(language: &str) -> Option<&'static str> {
    OFFICIAL_LANGUAGES
        .iter()
        .find(|(_, languages)| languages.first() == Some(&language))
        .map(|(c, _)| *c)
}

/// Examples for one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examples {
    /// The language of untagged texts.
    pub default_language: String,
    /// A country to show in `country ...`: an organisation's, else the default
    /// language's home country, else `DEU`.
    pub country: String,
    /// Languages other than the default that the project points to, most likely first:
    /// those its texts are tagged with, then those of its organisations' countries.
    pub other_languages: Vec<String>,
}

impl Examples {
    /// The examples for the project's parsed files.
    pub fn of(files: &[ParsedFile], default_language: &str) -> Examples {
        let items = || files.iter().flat_map(|f| f.items.iter());
        let countries: Vec<String> = items()
            .filter(|i| i.kind == ItemKind::Organisation)
            .filter_map(country_of)
            .collect();
        let country = countries
            .first()
            .cloned()
            .or_else(|| home_country(default_language).map(str::to_string))
            .unwrap_or_else(|| "DEU".to_string());
        let mut other_languages: Vec<String> = Vec::new();
        let mut add = |language: &str| {
            let language = language.to_ascii_lowercase();
            if language != default_language && !other_languages.contains(&language) {
                other_languages.push(language);
            }
        };
        let mut tags: Vec<String> = items().flat_map(tags_of).collect();
        tags.sort();
        tags.iter().for_each(|t| add(t));
        for c in &countries {
            official_languages(c).iter().for_each(|l| add(l));
        }
        Examples {
            default_language: default_language.to_string(),
            country,
            other_languages,
        }
    }

    /// The language to show in a tag example: the first the project points to, else
    /// English (German in an English project).
    pub fn other_language(&self) -> &str {
        match self.other_languages.first() {
            Some(language) => language,
            None if self.default_language == "en" => "de",
            None => "en",
        }
    }

    /// A field's example value as shown to this project (`DEU` → its country,
    /// `"..."@de` → its other language).
    pub fn example(&self, key: &str, schema_example: &str) -> String {
        if key == "country" {
            return self.country.clone();
        }
        match schema_example.strip_suffix("@de") {
            Some(text) => format!("{text}@{}", self.other_language()),
            None => schema_example.to_string(),
        }
    }
}

impl Default for Examples {
    fn default() -> Self {
        Examples::of(&[], "en")
    }
}

/// The country an organisation item names, as an EU country table code.
fn country_of(item: &Item) -> Option<String> {
    let field = item
        .body
        .iter()
        .flat_map(|b| b.fields.iter())
        .find(|f| f.key.text == "country")?;
    let ValueKind::Word(word) = &field.values.first()?.kind else {
        return None;
    };
    let concept = vocab::scheme(Scheme::Country).concept(word)?;
    concept.notation.clone()
}

/// The language tags written in an item (its title and every value of its blocks).
fn tags_of(item: &Item) -> Vec<String> {
    item.values()
        .into_iter()
        .filter_map(|v| match &v.kind {
            ValueKind::Text(t) => t.lang.as_ref().map(|l| l.text.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_countries_agree() {
        assert_eq!(home_country("pl"), Some("POL"));
        assert_eq!(home_country("de"), Some("DEU"));
        assert_eq!(home_country("en"), None);
        assert_eq!(official_languages("BEL"), ["nl", "fr", "de"]);
        for (country, languages) in OFFICIAL_LANGUAGES {
            let concept = vocab::scheme(Scheme::Country).resolve(country);
            assert!(concept.is_ok(), "{country} is not in the country table");
            for l in *languages {
                assert!(
                    vocab::scheme(Scheme::Language).resolve(l).is_ok(),
                    "{l} is not in the language table"
                );
            }
        }
    }

    #[test]
    fn an_english_project_without_organisations_gets_the_old_examples() {
        let e = Examples::default();
        assert_eq!(e.example("country", "DEU"), "DEU");
        assert_eq!(e.example("title", "\"...\"@de"), "\"...\"@de");
    }
}
