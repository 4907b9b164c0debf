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
        }
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
