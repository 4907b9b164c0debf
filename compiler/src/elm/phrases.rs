//! The few fixed words Laurel writes into credentials, in the bundled languages.

use crate::check::LangText;

/// A fixed phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    /// Result of an assessment when the award gives no grade.
    Passed,
    /// Subject of the stackability note.
    Stackability,
    /// Subject of the further-information note.
    FurtherInformation,
    /// Subject of a quality-assurance note.
    QualityAssurance,
    /// A stand-alone micro-credential.
    StandAlone,
    /// "Counts towards".
    CountsTowards,
    /// Scheme name of a student number.
    StudentNumber,
    /// Scheme name of a national identifier without country.
    NationalIdentifier,
    /// Scheme name of the certificate's number.
    CertificateNumber,
    /// Subject of the level note.
    Level,
    /// `eqf none`: no level applies.
    LevelNotApplicable,
    /// `qf-ehea short-cycle`.
    ShortCycle,
    /// `qf-ehea first-cycle`.
    FirstCycle,
    /// `qf-ehea second-cycle`.
    SecondCycle,
    /// `qf-ehea third-cycle`.
    ThirdCycle,
}

impl Phrase {
    /// The phrase in a language (English when not translated).
    pub fn text(self, lang: &str) -> &'static str {
        use Phrase::*;
        match (self, lang) {
            (Passed, "de") => "Bestanden",
            (Passed, "fr") => "Réussi",
            (Passed, _) => "Passed",
            (Stackability, "de") => "Integrations- und Kombinationsmöglichkeiten",
            (Stackability, "fr") => "Possibilités d'intégration et de cumul",
            (Stackability, _) => "Integration/stackability options",
            (FurtherInformation, "de") => "Weitere Informationen",
            (FurtherInformation, "fr") => "Informations complémentaires",
            (FurtherInformation, _) => "Further information",
            (QualityAssurance, "de") => "Qualitätssicherung",
            (QualityAssurance, "fr") => "Assurance qualité",
            (QualityAssurance, _) => "Type of quality assurance",
            (StandAlone, "de") => "Eigenständiges Micro-Credential",
            (StandAlone, "fr") => "Microcertification autonome",
            (StandAlone, _) => "Stand-alone micro-credential",
            (CountsTowards, "de") => "Anrechenbar auf",
            (CountsTowards, "fr") => "Compte pour",
            (CountsTowards, _) => "Counts towards",
            (StudentNumber, "de") => "Matrikelnummer",
            (StudentNumber, "fr") => "Numéro d'étudiant",
            (StudentNumber, _) => "Student number",
            (NationalIdentifier, "de") => "Nationale Identifikationsnummer",
            (NationalIdentifier, "fr") => "Numéro d'identification national",
            (NationalIdentifier, _) => "National identifier",
            (CertificateNumber, "de") => "Zertifikatsnummer",
            (CertificateNumber, "fr") => "Numéro de certificat",
            (CertificateNumber, _) => "Certificate number",
            (Level, "de") => "Niveau (EQR, QR-EHR)",
            (Level, "fr") => "Niveau (CEC, CC-EEES)",
            (Level, _) => "Level (EQF, QF-EHEA)",
            (LevelNotApplicable, "de") => "Nicht zutreffend: kein EQR-Niveau",
            (LevelNotApplicable, "fr") => "Sans objet\u{a0}: aucun niveau du CEC",
            (LevelNotApplicable, _) => "Not applicable: no EQF level",
            (ShortCycle, "de") => "QR-EHR: Kurzstudiengang",
            (ShortCycle, "fr") => "CC-EEES\u{a0}: cycle court",
            (ShortCycle, _) => "QF-EHEA: short cycle",
            (FirstCycle, "de") => "QR-EHR: erster Zyklus",
            (FirstCycle, "fr") => "CC-EEES\u{a0}: premier cycle",
            (FirstCycle, _) => "QF-EHEA: first cycle",
            (SecondCycle, "de") => "QR-EHR: zweiter Zyklus",
            (SecondCycle, "fr") => "CC-EEES\u{a0}: deuxième cycle",
            (SecondCycle, _) => "QF-EHEA: second cycle",
            (ThirdCycle, "de") => "QR-EHR: dritter Zyklus",
            (ThirdCycle, "fr") => "CC-EEES\u{a0}: troisième cycle",
            (ThirdCycle, _) => "QF-EHEA: third cycle",
        }
    }

    /// The note of a QF-EHEA cycle (a word of `words::QF_EHEA_CYCLES`).
    pub fn cycle(word: &str) -> Option<Phrase> {
        let cycles = crate::syntax::schema::words::QF_EHEA_CYCLES;
        let phrases = [
            Phrase::ShortCycle,
            Phrase::FirstCycle,
            Phrase::SecondCycle,
            Phrase::ThirdCycle,
        ];
        cycles.iter().position(|c| *c == word).map(|i| phrases[i])
    }

    /// The phrase in each of `langs`.
    pub fn in_languages<'a>(self, langs: impl IntoIterator<Item = &'a str>) -> LangText {
        let mut out = LangText::default();
        for lang in langs {
            if out.get(lang).is_none() {
                out.0.push((lang.to_string(), self.text(lang).to_string()));
            }
        }
        out
    }

    /// The phrase in the three bundled languages (for concept labels, which must not vary).
    pub fn everywhere(self) -> LangText {
        self.in_languages(["en", "de", "fr"])
    }
}
