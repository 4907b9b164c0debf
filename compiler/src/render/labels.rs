//! The fixed words of the page and how dates and numbers are written, in English,
//! German and French; any other display language gets the English words.

use crate::check::StudyTime;
use crate::syntax::ast::Date;
use crate::syntax::date::MONTHS_EN;

/// The language of the fixed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// English (also for languages without their own words).
    En,
    /// German.
    De,
    /// French.
    Fr,
}

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

impl Words {
    /// The words for a language tag (`de`, `de-AT`, `FR` ...).
    pub fn of(lang: &str) -> Words {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("de") {
            Words::De
        } else if primary.eq_ignore_ascii_case("fr") {
            Words::Fr
        } else {
            Words::En
        }
    }

    /// A fixed word or phrase.
    pub fn label(self, label: Label) -> &'static str {
        use Label::*;
        use Words::*;
        match (label, self) {
            (MicroCredential, En) => "Micro-credential",
            (MicroCredential, De) => "Micro-Credential",
            (MicroCredential, Fr) => "Microcertification",
            (AwardedTo, En) => "Awarded to",
            (AwardedTo, De) => "Verliehen an",
            (AwardedTo, Fr) => "Décernée à",
            (DateOfIssuing, En) => "Date of issuing",
            (DateOfIssuing, De) => "Ausstellungsdatum",
            (DateOfIssuing, Fr) => "Date de délivrance",
            (Workload, En) => "Workload",
            (Workload, De) => "Arbeitsaufwand",
            (Workload, Fr) => "Charge de travail",
            (Level, En) => "Level",
            (Level, De) => "Niveau",
            (Level, Fr) => "Niveau",
            (LearningOutcomes, En) => "Learning outcomes",
            (LearningOutcomes, De) => "Lernergebnisse",
            (LearningOutcomes, Fr) => "Acquis d’apprentissage",
            (Assessment, En) => "Assessment",
            (Assessment, De) => "Prüfung",
            (Assessment, Fr) => "Évaluation",
            (Grade, En) => "Grade",
            (Grade, De) => "Note",
            (Grade, Fr) => "Note",
            (AwardingBody, En) => "Awarding body",
            (AwardingBody, De) => "Verleihende Einrichtung",
            (AwardingBody, Fr) => "Organisme d’attribution",
            (IssuedBy, En) => "Issued by",
            (IssuedBy, De) => "Ausgestellt von",
            (IssuedBy, Fr) => "Délivrée par",
            (OnBehalf, En) => "on behalf of the awarding body",
            (OnBehalf, De) => "im Auftrag der verleihenden Einrichtung",
            (OnBehalf, Fr) => "pour le compte de l’organisme d’attribution",
            (Period, En) => "Period",
            (Period, De) => "Zeitraum",
            (Period, Fr) => "Période",
            (DateOfBirth, En) => "Date of birth",
            (DateOfBirth, De) => "Geburtsdatum",
            (DateOfBirth, Fr) => "Date de naissance",
            (StudentNumber, En) => "Student number",
            (StudentNumber, De) => "Matrikelnummer",
            (StudentNumber, Fr) => "Numéro d’étudiant",
            (NationalIdentifier, En) => "National identifier",
            (NationalIdentifier, De) => "Nationale Identifikationsnummer",
            (NationalIdentifier, Fr) => "Numéro d’identification national",
            (Continued, En) => "(continued)",
            (Continued, De) => "(Fortsetzung)",
            (Continued, Fr) => "(suite)",
        }
    }

    /// `label: value` (French puts a no-break space before the colon).
    pub fn labelled(self, label: Label, value: &str) -> String {
        match self {
            Words::Fr => format!("{}\u{a0}: {value}", self.label(label)),
            _ => format!("{}: {value}", self.label(label)),
        }
    }

    /// "Page 2 of 3".
    pub fn page(self, page: usize, pages: usize) -> String {
        match self {
            Words::En => format!("Page {page} of {pages}"),
            Words::De => format!("Seite {page} von {pages}"),
            Words::Fr => format!("Page {page} sur {pages}"),
        }
    }

    /// "EQF level 6".
    pub fn eqf(self, level: &str) -> String {
        match self {
            Words::En => format!("EQF level {level}"),
            Words::De => format!("EQR-Niveau {level}"),
            Words::Fr => format!("Niveau {level} du CEC"),
        }
    }

    /// "4 ECTS credits".
    pub fn ects(self, ects: f64) -> String {
        let n = self.number(ects);
        let one = ects == 1.0;
        match (self, one) {
            (Words::En, true) => format!("{n} ECTS credit"),
            (Words::En, false) => format!("{n} ECTS credits"),
            (Words::De, true) => format!("{n} ECTS-Punkt"),
            (Words::De, false) => format!("{n} ECTS-Punkte"),
            (Words::Fr, true) => format!("{n} crédit ECTS"),
            (Words::Fr, false) => format!("{n} crédits ECTS"),
        }
    }

    /// "30 ECVET points".
    pub fn ecvet(self, points: f64) -> String {
        let n = self.number(points);
        let forms = self.unit_forms(
            ["ECVET point", "ECVET-Punkt", "point ECVET"],
            ["ECVET points", "ECVET-Punkte", "points ECVET"],
        );
        let unit = if points == 1.0 { forms.0 } else { forms.1 };
        format!("{n} {unit}")
    }

    /// "110 hours", "3 days", "2 weeks".
    pub fn time(self, time: StudyTime) -> String {
        let (amount, forms) = match time {
            StudyTime::Hours(h) => (
                h,
                self.unit_forms(["hour", "Stunde", "heure"], ["hours", "Stunden", "heures"]),
            ),
            StudyTime::Days(d) => (
                d,
                self.unit_forms(["day", "Tag", "jour"], ["days", "Tage", "jours"]),
            ),
            StudyTime::Weeks(w) => (
                w,
                self.unit_forms(
                    ["week", "Woche", "semaine"],
                    ["weeks", "Wochen", "semaines"],
                ),
            ),
        };
        let unit = if amount == 1.0 { forms.0 } else { forms.1 };
        format!("{} {unit}", self.number(amount))
    }

    /// The singular and plural of a unit, from its English, German and French words.
    fn unit_forms(
        self,
        one: [&'static str; 3],
        many: [&'static str; 3],
    ) -> (&'static str, &'static str) {
        let i = match self {
            Words::En => 0,
            Words::De => 1,
            Words::Fr => 2,
        };
        (one[i], many[i])
    }

    /// A number with at most two decimals, the decimal sign of the language.
    pub fn number(self, n: f64) -> String {
        let text = format!("{n:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        match self {
            Words::En => text.to_string(),
            Words::De | Words::Fr => text.replace('.', ","),
        }
    }

    /// "25 July 2025", "25. Juli 2025", "25 juillet 2025".
    pub fn date(self, date: Date) -> String {
        let month = usize::from(date.month.clamp(1, 12)) - 1;
        let (day, year) = (date.day, date.year);
        match self {
            Words::En => format!("{day} {} {year}", MONTHS_EN[month]),
            Words::De => format!("{day}. {} {year}", MONTHS_DE[month]),
            Words::Fr if day == 1 => format!("1er {} {year}", MONTHS_FR[month]),
            Words::Fr => format!("{day} {} {year}", MONTHS_FR[month]),
        }
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_words_of_a_language() {
        assert_eq!(Words::of("de-AT"), Words::De);
        assert_eq!(Words::of("FR"), Words::Fr);
        assert_eq!(Words::of("pl"), Words::En);
        assert_eq!(Words::of("fr").label(Label::Grade), "Note");
    }

    #[test]
    fn writes_dates_and_numbers() {
        let date = Date::new(2025, 7, 1).unwrap();
        assert_eq!(Words::En.date(date), "1 July 2025");
        assert_eq!(Words::De.date(date), "1. Juli 2025");
        assert_eq!(Words::Fr.date(date), "1er juillet 2025");
        assert_eq!(Words::De.ects(2.5), "2,5 ECTS-Punkte");
        assert_eq!(Words::En.time(StudyTime::Hours(1.0)), "1 hour");
        assert_eq!(Words::De.time(StudyTime::Days(2.5)), "2,5 Tage");
        assert_eq!(Words::Fr.time(StudyTime::Weeks(1.0)), "1 semaine");
        assert_eq!(Words::De.ecvet(30.0), "30 ECVET-Punkte");
        assert_eq!(Words::Fr.ecvet(1.0), "1 point ECVET");
        assert_eq!(Words::Fr.labelled(Label::Grade, "12"), "Note\u{a0}: 12");
    }
}
