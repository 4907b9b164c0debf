//! Text into index terms: words, lower-cased, stop words dropped, stemmed with the
//! language's Snowball stemmer, then folded to ASCII where a letter has a plain form.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

use crate::fold;

/// One word of a text as a term, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The index term: stemmed and folded (`configur` for "Configuring").
    pub term: String,
    /// Byte range of the word in the text.
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
    /// The word's number among the text's words, stop words counted: two tokens are a
    /// phrase when their numbers follow each other.
    pub position: u32,
}

/// How the texts of one language become terms.
pub struct Analyzer {
    language: String,
    stemmer: Option<Stemmer>,
    stop_words: HashSet<String>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .field("stemmed", &self.stemmer.is_some())
            .field("stop_words", &self.stop_words.len())
            .finish()
    }
}

impl Analyzer {
    /// The analyzer of a two-letter language code (`"en"`, `"de"`). A language without a
    /// Snowball stemmer keeps whole words; one without a stop list keeps every word.
    pub fn new(language: &str) -> Analyzer {
        let language = language.to_ascii_lowercase();
        let stemmer = algorithm(&language).map(Stemmer::create);
        let stop_words = stop_list(&language)
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        Analyzer {
            language,
            stemmer,
            stop_words,
        }
    }

    /// The language code this analyzer was made for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// True when the language has a stemmer (Snowball's 18 languages).
    pub fn stems(&self) -> bool {
        self.stemmer.is_some()
    }

    /// True for a stop word of the language (compared lower-cased).
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(&word.to_lowercase())
    }

    /// The terms of `text`, in order. Words are runs of letters and digits; an
    /// apostrophe inside a word splits it (`l'équipe` is `l` and `équipe`).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut lower = String::new();
        for (position, (start, word)) in words(text).enumerate() {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if self.stop_words.contains(lower.as_str()) {
                continue;
            }
            let term = self.term_of(&lower);
            if term.is_empty() {
                continue;
            }
            out.push(Token {
                term,
                start,
                end: start + word.len(),
                position: u32::try_from(position).unwrap_or(u32::MAX),
            });
        }
        out
    }

    /// The term of one lower-cased word.
    fn term_of(&self, lower: &str) -> String {
        let stemmed = match &self.stemmer {
            Some(stemmer) => stemmer.stem(lower),
            None => std::borrow::Cow::Borrowed(lower),
        };
        fold::fold(&stemmed)
    }
}

/// The words of `text` with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Snowball's stemmer for a language code.
fn algorithm(language: &str) -> Option<Algorithm> {
    Some(match language {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The stop words of a language code (NLTK's lists where NLTK has the language, which
/// keep to function words; none otherwise).
fn stop_list(language: &str) -> Vec<String> {
    use stop_words::LANGUAGE;
    let language = match language {
        "ar" => LANGUAGE::Arabic,
        "da" => LANGUAGE::Danish,
        "nl" => LANGUAGE::Dutch,
        "en" => LANGUAGE::English,
        "fi" => LANGUAGE::Finnish,
        "fr" => LANGUAGE::French,
        "de" => LANGUAGE::German,
        "el" => LANGUAGE::Greek,
        "hu" => LANGUAGE::Hungarian,
        "it" => LANGUAGE::Italian,
        "no" | "nb" | "nn" => LANGUAGE::Norwegian,
        "pt" => LANGUAGE::Portuguese,
        "ro" => LANGUAGE::Romanian,
        "ru" => LANGUAGE::Russian,
        "es" => LANGUAGE::Spanish,
        "sv" => LANGUAGE::Swedish,
        "tr" => LANGUAGE::Turkish,
        _ => return Vec::new(),
    };
    stop_words::get(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: &str, text: &str) -> Vec<String> {
        Analyzer::new(language)
            .tokens(text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn english_words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            terms("en", "Configuring the networks of a small office"),
            ["configur", "network", "small", "offic"]
        );
    }

    #[test]
    fn french_and_german_stems_are_folded_to_ascii() {
        assert_eq!(terms("fr", "Gérer l'équipe"), ["ger", "equip"]);
        assert_eq!(terms("de", "Netzwerke prüfen"), ["netzwerk", "pruf"]);
    }

    #[test]
    fn positions_count_stop_words_and_ranges_point_into_the_text() {
        let text = "plan the budget";
        let tokens = Analyzer::new("en").tokens(text);
        let budget = &tokens[1];
        assert_eq!(
            (budget.position, &text[budget.start..budget.end]),
            (2, "budget")
        );
    }

    #[test]
    fn a_language_without_a_stemmer_keeps_whole_words() {
        let analyzer = Analyzer::new("pl");
        assert!(!analyzer.stems());
        assert_eq!(terms("pl", "Zarządzanie siecią"), ["zarzadzanie", "siecia"]);
    }
}
