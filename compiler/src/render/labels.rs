//! The fixed words of the page and how dates and numbers are written, in the 24 official
//! languages of the European Union; any other display language gets the English words.
//!
//! Each language is one row of [`languages::LANGUAGES`]: its labels, the long date
//! pattern and month names, the decimal sign and the plural rule of the Unicode CLDR
//! (version 48, Unicode License v3), and the words of the units in each plural form. The
//! labels use the EU's terms (the Council Recommendation on micro-credentials,
//! 2022/C 243/02, and the EQF Recommendation, 2017/C 189/03); the head of `languages.rs`
//! says where each kind of datum comes from.

mod languages;
mod plural;

use crate::check::StudyTime;
use crate::syntax::ast::Date;

use languages::LANGUAGES;
use plural::{Operands, Rule};

/// The language of the fixed words: a row of the table.
#[derive(Clone, Copy)]
pub struct Words(&'static Language);

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.0.tag)
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Words) -> bool {
        self.0.tag == other.0.tag
    }
}

impl Eq for Words {}

/// A fixed word or phrase of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The kind of document, above the title.
    MicroCredential,
    /// Above the learner's name.
    AwardedTo,
    /// Date of issuing.
    DateOfIssuing,
    /// Workload.
    Workload,
    /// Level (EQF, NQF).
    Level,
    /// Learning outcomes section.
    LearningOutcomes,
    /// Assessment section.
    Assessment,
    /// Grade.
    Grade,
    /// Awarding body.
    AwardingBody,
    /// The issuer of a mandated issue.
    IssuedBy,
    /// After the issuer's name.
    OnBehalf,
    /// Participation period.
    Period,
    /// Learner's date of birth.
    DateOfBirth,
    /// Learner's student number.
    StudentNumber,
    /// Learner's national identifier.
    NationalIdentifier,
    /// After a section heading repeated on the next page.
    Continued,
}

/// One language's words and writing conventions.
pub struct Language {
    /// The primary language subtag (`pl`).
    tag: &'static str,
    /// The fixed words.
    labels: Labels,
    /// "Page {page} of {pages}".
    page: &'static str,
    /// "EQF level {level}".
    eqf: &'static str,
    /// CLDR's long date pattern (`d MMMM y`): `d` day, `MMMM` month, `y` year, `'…'`
    /// literal text.
    date: &'static str,
    /// The month names in the form a date uses (genitive where the language has one),
    /// January first.
    months: [&'static str; 12],
    /// How the first day of a month is written, when not as `1`.
    first_day: Option<&'static str>,
    /// The decimal sign.
    decimal: char,
    /// Between a label and its value.
    colon: &'static str,
    /// How the page writes a label in capitals.
    capitals: Capitals,
    /// The CLDR cardinal plural rule.
    plural: Rule,
    /// The words of the units.
    units: Units,
}

/// The fixed words of one language, one per [`Label`].
pub struct Labels {
    micro_credential: &'static str,
    awarded_to: &'static str,
    date_of_issuing: &'static str,
    workload: &'static str,
    level: &'static str,
    learning_outcomes: &'static str,
    assessment: &'static str,
    grade: &'static str,
    awarding_body: &'static str,
    issued_by: &'static str,
    on_behalf: &'static str,
    period: &'static str,
    date_of_birth: &'static str,
    student_number: &'static str,
    national_identifier: &'static str,
    continued: &'static str,
}

/// The words of the workload units, one form for each category of the language's plural
/// rule, in the order of [`Rule::categories`].
pub struct Units {
    ects: &'static [&'static str],
    ecvet: &'static [&'static str],
    hours: &'static [&'static str],
    days: &'static [&'static str],
    weeks: &'static [&'static str],
}

/// How a language writes words in capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capitals {
    /// Upper-case letters, accents kept.
    Plain,
    /// Upper-case letters without the accents (tonos) of the lower-case ones: Greek.
    WithoutAccents,
}

/// The row of English, the words of every other language.
const ENGLISH: usize = 5;

impl Words {
    /// The words for a language tag (`de`, `pt-BR`, `FR` ...); English when the language
    /// is not one of the EU's.
    pub fn of(lang: &str) -> Words {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        let row = LANGUAGES
            .iter()
            .find(|row| row.tag.eq_ignore_ascii_case(primary))
            .unwrap_or(&LANGUAGES[ENGLISH]);
        Words(row)
    }

    /// A fixed word or phrase.
    pub fn label(self, label: Label) -> &'static str {
        let words = &self.0.labels;
        match label {
            Label::MicroCredential => words.micro_credential,
            Label::AwardedTo => words.awarded_to,
            Label::DateOfIssuing => words.date_of_issuing,
            Label::Workload => words.workload,
            Label::Level => words.level,
            Label::LearningOutcomes => words.learning_outcomes,
            Label::Assessment => words.assessment,
            Label::Grade => words.grade,
            Label::AwardingBody => words.awarding_body,
            Label::IssuedBy => words.issued_by,
            Label::OnBehalf => words.on_behalf,
            Label::Period => words.period,
            Label::DateOfBirth => words.date_of_birth,
            Label::StudentNumber => words.student_number,
            Label::NationalIdentifier => words.national_identifier,
            Label::Continued => words.continued,
        }
    }

    /// `label: value` (French puts a no-break space before the colon).
    pub fn labelled(self, label: Label, value: &str) -> String {
        format!("{}{}{value}", self.label(label), self.0.colon)
    }

    /// `text` in capitals, as the language writes them.
    pub fn upper(self, text: &str) -> String {
        match self.0.capitals {
            Capitals::Plain => text.to_uppercase(),
            Capitals::WithoutAccents => text
                .chars()
                .map(without_tonos)
                .collect::<String>()
                .to_uppercase(),
        }
    }

    /// "Page 2 of 3".
    pub fn page(self, page: usize, pages: usize) -> String {
        self.0
            .page
            .replace("{pages}", &pages.to_string())
            .replace("{page}", &page.to_string())
    }

    /// "EQF level 6".
    pub fn eqf(self, level: &str) -> String {
        self.0.eqf.replace("{level}", level)
    }

    /// "4 ECTS credits".
    pub fn ects(self, ects: f64) -> String {
        self.count(ects, self.0.units.ects)
    }

    /// "30 ECVET points".
    pub fn ecvet(self, points: f64) -> String {
        self.count(points, self.0.units.ecvet)
    }

    /// "110 hours", "3 days", "2 weeks".
    pub fn time(self, time: StudyTime) -> String {
        let units = &self.0.units;
        match time {
            StudyTime::Hours(h) => self.count(h, units.hours),
            StudyTime::Days(d) => self.count(d, units.days),
            StudyTime::Weeks(w) => self.count(w, units.weeks),
        }
    }

    /// `amount` and the form of the unit its plural category takes.
    fn count(self, amount: f64, forms: &[&'static str]) -> String {
        let written = written(amount);
        let rule = self.0.plural;
        let category = rule.category(Operands::of(&written));
        let index = rule.categories().iter().position(|c| *c == category);
        let unit = index
            .and_then(|i| forms.get(i))
            .or(forms.last())
            .copied()
            .unwrap_or_default();
        format!("{} {unit}", self.number(amount))
    }

    /// A number with at most two decimals, the decimal sign of the language.
    pub fn number(self, n: f64) -> String {
        written(n).replace('.', &self.0.decimal.to_string())
    }

    /// "25 July 2025", "25. Juli 2025", "2025 m. liepos 25 d.": the language's long date
    /// pattern.
    pub fn date(self, date: Date) -> String {
        let lang = self.0;
        let month = lang.months[usize::from(date.month.clamp(1, 12)) - 1];
        let day = match lang.first_day {
            Some(first) if date.day == 1 => first.to_string(),
            _ => date.day.to_string(),
        };
        long_date(lang.date, &day, month, date.year)
    }
}

/// A date written after a CLDR pattern of the fields `d` (day), `M…` (month name) and
/// `y` (year), with `'…'` for literal text and `''` for an apostrophe.
fn long_date(pattern: &str, day: &str, month: &str, year: u16) -> String {
    let mut out = String::new();
    let mut pattern = pattern.chars().peekable();
    while let Some(c) = pattern.next() {
        match c {
            '\'' => {
                if pattern.next_if_eq(&'\'').is_some() {
                    out.push('\'');
                    continue;
                }
                while let Some(q) = pattern.next() {
                    if q != '\'' {
                        out.push(q);
                    } else if pattern.next_if_eq(&'\'').is_some() {
                        out.push('\'');
                    } else {
                        break;
                    }
                }
            }
            'd' | 'M' | 'y' => {
                while pattern.next_if_eq(&c).is_some() {}
                match c {
                    'd' => out.push_str(day),
                    'M' => out.push_str(month),
                    _ => out.push_str(&year.to_string()),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A number with at most two decimals and no trailing zeros, `.` as the decimal sign.
fn written(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A Greek letter without its tonos (acute accent); a dialytika stays.
fn without_tonos(c: char) -> char {
    match c {
        'ά' | 'Ά' => 'α',
        'έ' | 'Έ' => 'ε',
        'ή' | 'Ή' => 'η',
        'ί' | 'Ί' => 'ι',
        'ό' | 'Ό' => 'ο',
        'ύ' | 'Ύ' => 'υ',
        'ώ' | 'Ώ' => 'ω',
        'ΐ' => 'ϊ',
        'ΰ' => 'ϋ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::plural::Category;
    use super::*;
    use crate::render::fonts::{has_glyph, Weight};

    fn words(tag: &str) -> Words {
        let words = Words::of(tag);
        assert_eq!(words.0.tag, tag, "{tag} has no row");
        words
    }

    fn labels(words: Words) -> [&'static str; 16] {
        use Label::*;
        [
            MicroCredential,
            AwardedTo,
            DateOfIssuing,
            Workload,
            Level,
            LearningOutcomes,
            Assessment,
            Grade,
            AwardingBody,
            IssuedBy,
            OnBehalf,
            Period,
            DateOfBirth,
            StudentNumber,
            NationalIdentifier,
            Continued,
        ]
        .map(|label| words.label(label))
    }

    const EU: [&str; 24] = [
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
        "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ];

    #[test]
    fn picks_the_words_of_a_language() {
        let tags: Vec<&str> = LANGUAGES.iter().map(|row| row.tag).collect();
        assert_eq!(tags, EU);
        assert_eq!(LANGUAGES[ENGLISH].tag, "en");
        for tag in EU {
            assert_eq!(Words::of(tag).0.tag, tag);
            assert_eq!(Words::of(&tag.to_uppercase()).0.tag, tag);
        }
        assert_eq!(Words::of("de-AT"), words("de"));
        assert_eq!(Words::of("pt-BR"), words("pt"));
        assert_eq!(Words::of("sv_FI"), words("sv"));
        assert_eq!(Words::of("ja"), words("en"));
        assert_eq!(Words::of(""), words("en"));
        assert_eq!(Words::of("fr").label(Label::Grade), "Note");
        assert_eq!(Words::of("pl").label(Label::AwardedTo), "Wydane dla");
    }

    #[test]
    fn every_language_has_every_text() {
        for row in &LANGUAGES {
            let words = Words(row);
            for label in labels(words) {
                assert!(!label.trim().is_empty(), "{}: an empty label", row.tag);
            }
            assert!(row.months.iter().all(|m| !m.is_empty()), "{}", row.tag);
            assert!(
                row.page.contains("{page}") && row.page.contains("{pages}"),
                "{}",
                row.tag
            );
            assert!(row.eqf.contains("{level}"), "{}", row.tag);
            let units = &row.units;
            for forms in [
                units.ects,
                units.ecvet,
                units.hours,
                units.days,
                units.weeks,
            ] {
                assert_eq!(
                    forms.len(),
                    row.plural.categories().len(),
                    "{}: {forms:?}",
                    row.tag
                );
                assert!(forms.iter().all(|f| !f.is_empty()), "{}", row.tag);
            }
            // The date pattern uses only the day, the month name and the year.
            let fields: String = row
                .date
                .split('\'')
                .step_by(2)
                .flat_map(str::chars)
                .filter(char::is_ascii_alphabetic)
                .collect();
            assert!(
                fields.chars().all(|c| "dMy".contains(c)),
                "{}: {}",
                row.tag,
                row.date
            );
        }
    }

    #[test]
    fn every_character_is_in_the_bundled_font() {
        let date = Date::new(2025, 9, 30).unwrap();
        for row in &LANGUAGES {
            let words = Words(row);
            let units = &row.units;
            let mut texts: Vec<String> = labels(words).iter().map(|l| l.to_string()).collect();
            texts.extend(labels(words).iter().map(|l| words.upper(l)));
            texts.extend(row.months.iter().map(|m| m.to_string()));
            for forms in [
                units.ects,
                units.ecvet,
                units.hours,
                units.days,
                units.weeks,
            ] {
                texts.extend(forms.iter().map(|f| f.to_string()));
            }
            texts.extend([
                words.page(2, 3),
                words.eqf("6"),
                words.date(date),
                words.number(2.5),
            ]);
            texts.push(words.labelled(Label::Grade, "A"));
            for text in &texts {
                for c in text.chars() {
                    for weight in [Weight::Regular, Weight::Bold] {
                        assert!(has_glyph(c, weight), "{}: {c:?} of {text:?}", row.tag);
                    }
                }
            }
        }
    }

    #[test]
    fn writes_dates_in_every_language() {
        let expected = [
            ("bg", "1 юли 2025\u{202f}г.", "25 декември 2025\u{202f}г."),
            ("cs", "1. července 2025", "25. prosince 2025"),
            ("da", "1. juli 2025", "25. december 2025"),
            ("de", "1. Juli 2025", "25. Dezember 2025"),
            ("el", "1 Ιουλίου 2025", "25 Δεκεμβρίου 2025"),
            ("en", "1 July 2025", "25 December 2025"),
            ("es", "1 de julio de 2025", "25 de diciembre de 2025"),
            ("et", "1. juuli 2025", "25. detsember 2025"),
            ("fi", "1. heinäkuuta 2025", "25. joulukuuta 2025"),
            ("fr", "1er juillet 2025", "25 décembre 2025"),
            ("ga", "1 Iúil 2025", "25 Nollaig 2025"),
            ("hr", "1. srpnja 2025.", "25. prosinca 2025."),
            ("hu", "2025. július 1.", "2025. december 25."),
            ("it", "1 luglio 2025", "25 dicembre 2025"),
            ("lt", "2025 m. liepos 1 d.", "2025 m. gruodžio 25 d."),
            ("lv", "2025. gada 1. jūlijs", "2025. gada 25. decembris"),
            ("mt", "1 ta’ Lulju 2025", "25 ta’ Diċembru 2025"),
            ("nl", "1 juli 2025", "25 december 2025"),
            ("pl", "1 lipca 2025", "25 grudnia 2025"),
            ("pt", "1 de julho de 2025", "25 de dezembro de 2025"),
            ("ro", "1 iulie 2025", "25 decembrie 2025"),
            ("sk", "1. júla 2025", "25. decembra 2025"),
            ("sl", "1. julij 2025", "25. december 2025"),
            ("sv", "1 juli 2025", "25 december 2025"),
        ];
        let (july, december) = (
            Date::new(2025, 7, 1).unwrap(),
            Date::new(2025, 12, 25).unwrap(),
        );
        assert_eq!(expected.map(|(tag, _, _)| tag), EU);
        for (tag, first, christmas) in expected {
            assert_eq!(words(tag).date(july), first, "{tag}");
            assert_eq!(words(tag).date(december), christmas, "{tag}");
        }
    }

    #[test]
    fn date_patterns_keep_quoted_text() {
        let date = long_date("'o''clock' d ''MMMM'' y", "4", "March", 2025);
        assert_eq!(date, "o'clock 4 'March' 2025");
        assert_eq!(
            long_date("y. 'gada' d. MMMM", "1", "jūlijs", 2025),
            "2025. gada 1. jūlijs"
        );
    }

    /// 1, 2, 5, 21, 22 and 2.5 ECTS credits.
    fn ects(tag: &str) -> [String; 6] {
        [1.0, 2.0, 5.0, 21.0, 22.0, 2.5].map(|n| words(tag).ects(n))
    }

    #[test]
    fn counts_ects_credits_with_the_plural_forms() {
        assert_eq!(
            ects("pl"),
            [
                "1 punkt ECTS",
                "2 punkty ECTS",
                "5 punktów ECTS",
                "21 punktów ECTS",
                "22 punkty ECTS",
                "2,5 punktu ECTS"
            ]
        );
        assert_eq!(
            ects("cs"),
            [
                "1 kredit ECTS",
                "2 kredity ECTS",
                "5 kreditů ECTS",
                "21 kreditů ECTS",
                "22 kreditů ECTS",
                "2,5 kreditu ECTS"
            ]
        );
        assert_eq!(
            ects("lt"),
            [
                "1 ECTS kreditas",
                "2 ECTS kreditai",
                "5 ECTS kreditai",
                "21 ECTS kreditas",
                "22 ECTS kreditai",
                "2,5 ECTS kredito"
            ]
        );
        assert_eq!(
            ects("lv"),
            [
                "1 ECTS kredītpunkts",
                "2 ECTS kredītpunkti",
                "5 ECTS kredītpunkti",
                "21 ECTS kredītpunkts",
                "22 ECTS kredītpunkti",
                "2,5 ECTS kredītpunkti"
            ]
        );
        assert_eq!(words("lv").ects(10.0), "10 ECTS kredītpunktu");
        assert_eq!(
            ects("sl"),
            [
                "1 kreditna točka ECTS",
                "2 kreditni točki ECTS",
                "5 kreditnih točk ECTS",
                "21 kreditnih točk ECTS",
                "22 kreditnih točk ECTS",
                "2,5 kreditne točke ECTS"
            ]
        );
        assert_eq!(
            ects("ga"),
            [
                "1 creidiúint ECTS",
                "2 chreidiúint ECTS",
                "5 chreidiúint ECTS",
                "21 creidiúint ECTS",
                "22 creidiúint ECTS",
                "2.5 creidiúint ECTS"
            ]
        );
        assert_eq!(words("sl").ects(101.0), "101 kreditna točka ECTS");
        assert_eq!(words("sl").ects(102.0), "102 kreditni točki ECTS");
        assert_eq!(words("ga").ects(8.0), "8 gcreidiúint ECTS");
        assert_eq!(
            ects("mt"),
            [
                "1 kreditu ECTS",
                "2 krediti ECTS",
                "5 krediti ECTS",
                "21 kreditu ECTS",
                "22 kreditu ECTS",
                "2.5 kreditu ECTS"
            ]
        );
        assert_eq!(words("mt").ects(12.0), "12 kreditu ECTS");
        assert_eq!(
            ects("ro"),
            [
                "1 credit ECTS",
                "2 credite ECTS",
                "5 credite ECTS",
                "21 de credite ECTS",
                "22 de credite ECTS",
                "2,5 credite ECTS"
            ]
        );
        assert_eq!(words("ro").ects(19.0), "19 credite ECTS");
        assert_eq!(words("hr").time(StudyTime::Hours(22.0)), "22 sata");
        assert_eq!(words("hr").time(StudyTime::Hours(2.5)), "2,5 sati");
        assert_eq!(words("fr").ects(1_000_000.0), "1000000 de crédits ECTS");
    }

    #[test]
    fn keeps_the_english_german_and_french_words() {
        let (en, de, fr) = (words("en"), words("de"), words("fr"));
        let date = Date::new(2025, 7, 1).unwrap();
        assert_eq!(en.date(date), "1 July 2025");
        assert_eq!(de.date(date), "1. Juli 2025");
        assert_eq!(fr.date(date), "1er juillet 2025");
        assert_eq!(de.ects(2.5), "2,5 ECTS-Punkte");
        assert_eq!(en.ects(1.0), "1 ECTS credit");
        assert_eq!(en.ects(4.0), "4 ECTS credits");
        assert_eq!(fr.ects(6.0), "6 crédits ECTS");
        assert_eq!(en.time(StudyTime::Hours(1.0)), "1 hour");
        assert_eq!(en.time(StudyTime::Hours(110.0)), "110 hours");
        assert_eq!(de.time(StudyTime::Days(2.5)), "2,5 Tage");
        assert_eq!(fr.time(StudyTime::Weeks(1.0)), "1 semaine");
        assert_eq!(de.ecvet(30.0), "30 ECVET-Punkte");
        assert_eq!(fr.ecvet(1.0), "1 point ECVET");
        assert_eq!(fr.labelled(Label::Grade, "12"), "Note\u{a0}: 12");
        assert_eq!(de.labelled(Label::Grade, "1,3"), "Note: 1,3");
        assert_eq!(en.page(2, 3), "Page 2 of 3");
        assert_eq!(de.page(2, 3), "Seite 2 von 3");
        assert_eq!(fr.page(2, 3), "Page 2 sur 3");
        assert_eq!(en.eqf("6"), "EQF level 6");
        assert_eq!(de.eqf("6"), "EQR-Niveau 6");
        assert_eq!(fr.eqf("6"), "Niveau 6 du CEC");
        assert_eq!(en.number(2.25), "2.25");
        assert_eq!(fr.number(0.5), "0,5");
        assert_eq!(en.upper("Micro-credential"), "MICRO-CREDENTIAL");
        assert_eq!(fr.upper("Évaluation"), "ÉVALUATION");
    }

    #[test]
    fn writes_the_page_furniture_in_other_languages() {
        assert_eq!(words("pl").page(1, 2), "Strona 1 z 2");
        assert_eq!(words("hu").page(1, 2), "1/2. oldal");
        assert_eq!(words("pl").eqf("6"), "Poziom 6 ERK");
        assert_eq!(words("el").eqf("6"), "Επίπεδο 6 του ΕΠΕΠ");
        assert_eq!(words("lv").eqf("6"), "EKI 6. līmenis");
        assert_eq!(
            words("el").upper("Μαθησιακά αποτελέσματα"),
            "ΜΑΘΗΣΙΑΚΑ ΑΠΟΤΕΛΕΣΜΑΤΑ"
        );
        assert_eq!(words("el").upper("Ευρωπαϊκό ΐ"), "ΕΥΡΩΠΑΪΚΟ Ϊ");
        assert_eq!(words("pl").time(StudyTime::Weeks(3.0)), "3 tygodnie");
        assert_eq!(words("bg").number(2.5), "2,5");
        assert_eq!(words("mt").number(2.5), "2.5");
    }

    #[test]
    fn a_unit_has_a_form_for_every_category() {
        for row in &LANGUAGES {
            for n in [
                "0", "1", "2", "3", "7", "11", "21", "100", "0.5", "1.25", "1000000",
            ] {
                let category: Category = row.plural.category(Operands::of(n));
                assert!(
                    row.plural.categories().contains(&category),
                    "{} {n}",
                    row.tag
                );
            }
        }
    }
}
