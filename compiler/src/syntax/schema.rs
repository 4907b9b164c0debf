//! Which fields each kind of block takes: the one table that the checker (unknown
//! fields, repeats), the language server (completion, hover) and the docs read.
//!
//! To add a field: add a row here, read it in `check/model.rs`, and map it in
//! `elm/mapping.rs`.

use crate::diag::AnnexElement as A;
use crate::diag::AnnexElement;
use crate::vocab::Scheme;

/// The fixed words of the language outside field names and vocabularies: one place for
/// the checker, the editor features and the VS Code grammar's generator.
pub mod words {
    /// `skill esco "label"`.
    pub const ESCO: &str = "esco";
    /// `period DATE to DATE`.
    pub const TO: &str = "to";
    /// `national-id "id" country WORD`.
    pub const COUNTRY: &str = "country";
    /// `eqf none`: no EQF level.
    pub const NONE: &str = "none";
    /// `stackable-into stand-alone`, or `stand-alone` alone on its line.
    pub const STAND_ALONE: &str = "stand-alone";
    /// `micro-credential NAME from TEMPLATE`.
    pub const FROM: &str = "from";
    /// The cycles of the Qualifications Framework of the European Higher Education Area
    /// (`qf-ehea first-cycle`), shortest first.
    pub const QF_EHEA_CYCLES: &[&str] =
        &["short-cycle", "first-cycle", "second-cycle", "third-cycle"];
}

/// A line of one word that stands for a whole field line: `stand-alone` alone on its
/// line is `stackable-into stand-alone`, and reads the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortForm {
    /// The line: `stand-alone`.
    pub line: &'static str,
    /// The field it stands for: `stackable-into`.
    pub key: &'static str,
    /// The value of that field: `stand-alone`.
    pub value: &'static str,
}

/// Every short form (one applies in the blocks that have its field).
pub const SHORT_FORMS: &[ShortForm] = &[ShortForm {
    line: words::STAND_ALONE,
    key: "stackable-into",
    value: words::STAND_ALONE,
}];

/// A field people write as another language does: `ects 2` is `workload 2 ects` in
/// Laurel. The checker suggests the line and the editor offers it as a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Respelling {
    /// The field name as written: `ects`.
    pub written: &'static str,
    /// The field that says it: `workload`.
    pub key: &'static str,
    /// The unit that follows the value, for a quantity: `ects`.
    pub unit: Option<&'static str>,
}

/// Every respelling, for every block (a row applies where the block has its field and unit).
pub const RESPELLINGS: &[Respelling] = &[
    Respelling {
        written: "ects",
        key: "workload",
        unit: Some("ects"),
    },
    Respelling {
        written: "credits",
        key: "workload",
        unit: Some("ects"),
    },
    Respelling {
        written: "hours",
        key: "workload",
        unit: Some("hours"),
    },
    Respelling {
        written: "level",
        key: "eqf",
        unit: None,
    },
    Respelling {
        written: "eqf-level",
        key: "eqf",
        unit: None,
    },
];

/// The kinds of blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// `organisation NAME { ... }`
    Organisation,
    /// `accreditation { ... }` inside an organisation.
    Accreditation,
    /// `micro-credential NAME { ... }`
    MicroCredential,
    /// `template NAME { ... }`: the same fields as a micro-credential.
    Template,
    /// `qualification NAME { ... }`
    Qualification,
    /// `outcome "..." { ... }`, nested or top-level.
    Outcome,
    /// `activity "..." { ... }`
    Activity,
    /// `assessment "..." { ... }`
    Assessment,
    /// `grading "..." { ... }` inside an assessment.
    Grading,
    /// `related-skill "..." { ... }` inside an outcome.
    RelatedSkill,
    /// `identifier "..." { ... }` inside an organisation.
    Identifier,
    /// `member-of "..." { ... }` inside an organisation: the alliance's contact.
    Alliance,
    /// `entitlement "..." { ... }` inside a micro-credential.
    Entitlement,
    /// `document "..." { ... }` inside an activity.
    Document,
    /// `result "..." { ... }` inside an award.
    Result,
    /// `region "..." { ... }` in an organisation, `jurisdiction "..." { ... }` in an
    /// entitlement: an administrative unit of the EU's table (ATU).
    Region,
    /// `award CREDENTIAL { ... }`
    Award,
    /// `learner { ... }` inside an award.
    Learner,
}

/// What a field's line looks like after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A quoted text, optionally with a language tag; one per language.
    Text,
    /// A quoted text without language (identifiers, URLs, e-mail addresses).
    PlainText,
    /// A value of a controlled vocabulary.
    Vocab(Scheme),
    /// A vocabulary value, or a quoted free term.
    VocabOrText(Scheme),
    /// The name of an item.
    Name,
    /// The name of an organisation, or a quoted description.
    NameOrText,
    /// `NUMBER UNIT`.
    Quantity(&'static [&'static str]),
    /// A date.
    Date,
    /// A date, or a date and time.
    DateOrDateTime,
    /// `DATE to DATE` (each may carry a time).
    Period,
    /// `esco "label"` or `<IRI>`.
    Skill,
    /// `"text"` then the field's block.
    TitledBlock,
    /// Only a block.
    Block,
    /// `eqf` level: a vocabulary value or `none`.
    Level,
    /// A name, or the word `stand-alone`.
    Stackability,
    /// `"text" [country WORD]`: a national identifier, a place of birth.
    TextInCountry,
    /// One of these words (`qf-ehea first-cycle`).
    Words(&'static [&'static str]),
}

/// One field of a block.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The field name.
    pub key: &'static str,
    /// How its values look.
    pub shape: Shape,
    /// May it appear more than once (texts: once per language)?
    pub repeatable: bool,
    /// The block kind inside it, if any.
    pub block: Option<BlockKind>,
    /// What it means, in one line.
    pub doc: &'static str,
    /// An example of the value, for messages and completion snippets.
    pub example: &'static str,
    /// The Annex I element it serves.
    pub annex: Option<AnnexElement>,
}

const fn f(
    key: &'static str,
    shape: Shape,
    repeatable: bool,
    doc: &'static str,
    example: &'static str,
    annex: Option<AnnexElement>,
) -> FieldSpec {
    FieldSpec {
        key,
        shape,
        repeatable,
        block: None,
        doc,
        example,
        annex,
    }
}

const fn with_block(spec: FieldSpec, block: BlockKind) -> FieldSpec {
    FieldSpec {
        block: Some(block),
        ..spec
    }
}

const ORGANISATION: &[FieldSpec] = &[
    f(
        "legal-name",
        Shape::Text,
        true,
        "Official name of the organisation, once per language.",
        "\"Example Academy\"",
        Some(A::AwardingBody),
    ),
    f(
        "legal-id",
        Shape::PlainText,
        false,
        "Legal identifier: the registration number (company or school register) or PIC (Q40).",
        "\"DE123456789\"",
        Some(A::AwardingBody),
    ),
    f(
        "eidas-id",
        Shape::PlainText,
        false,
        "Organisation identifier of the electronic seal certificate (eIDAS).",
        "\"VATDE-123456789\"",
        None,
    ),
    f(
        "vat-id",
        Shape::PlainText,
        false,
        "VAT number (Q40).",
        "\"DE123456789\"",
        Some(A::AwardingBody),
    ),
    f(
        "tax-id",
        Shape::PlainText,
        false,
        "Tax identification number (Q40).",
        "\"12/345/67890\"",
        Some(A::AwardingBody),
    ),
    with_block(
        f(
            "identifier",
            Shape::TitledBlock,
            true,
            "Another identifier of the organisation, with the name of its scheme: a PIC (EU funding), an Erasmus code, a school number (Q40).",
            "\"949665519\" { scheme \"PIC\" }",
            Some(A::AwardingBody),
        ),
        BlockKind::Identifier,
    ),
    f(
        "acronym",
        Shape::Text,
        true,
        "Short or other name the organisation is known by, once per language.",
        "\"EADS\"",
        None,
    ),
    with_block(
        f(
            "member-of",
            Shape::Text,
            true,
            "An alliance or network the organisation belongs to (a European University alliance), its name once per language; a block gives the alliance's contact.",
            "\"Research Alliance\"",
            None,
        ),
        BlockKind::Alliance,
    ),
    f(
        "country",
        Shape::Vocab(Scheme::Country),
        false,
        "Country of the organisation (EU country table code or ISO alpha-2).",
        "DEU",
        Some(A::Country),
    ),
    with_block(
        f(
            "region",
            Shape::TitledBlock,
            false,
            "The region of the organisation (Annex I: country or region), by its name and its IRI in the EU's table of administrative units.",
            "\"Dublin city\" { iri \"http://publications.europa.eu/resource/authority/atu/IRL_CTH_DUB\" }",
            Some(A::Country),
        ),
        BlockKind::Region,
    ),
    f(
        "address",
        Shape::Text,
        true,
        "Postal address, in one line, once per language.",
        "\"Musterstrasse 1, 10115 Berlin\"",
        Some(A::Country),
    ),
    f(
        "location",
        Shape::Text,
        true,
        "What the place of the `address` is called (\"Registered office\", \"Ljubljana\"), once per language.",
        "\"Registered office\"",
        None,
    ),
    f(
        "homepage",
        Shape::PlainText,
        false,
        "Web site.",
        "\"https://academy.example\"",
        None,
    ),
    f(
        "email",
        Shape::PlainText,
        false,
        "Contact e-mail address.",
        "\"info@academy.example\"",
        None,
    ),
    f(
        "contact-address",
        Shape::PlainText,
        false,
        "Postal address for contact, in one line, when it is not the registered `address` (in the organisation's country).",
        "\"Campus Square 429, D08 Dublin\"",
        None,
    ),
    f(
        "phone",
        Shape::PlainText,
        false,
        "Contact phone number, in international form.",
        "\"+49 30 1234567\"",
        None,
    ),
    f(
        "logo",
        Shape::PlainText,
        false,
        "The organisation's logo: a PNG or JPEG file, relative to the project folder; shown on the credential's page and carried in the credential.",
        "\"images/academy.png\"",
        None,
    ),
    with_block(
        f(
            "accreditation",
            Shape::Block,
            true,
            "A quality assurance or accreditation record of the organisation.",
            "{ ... }",
            Some(A::QualityAssurance),
        ),
        BlockKind::Accreditation,
    ),
];

const ACCREDITATION: &[FieldSpec] = &[
    f(
        "type",
        Shape::Vocab(Scheme::Accreditation),
        false,
        "Kind of accreditation or quality assurance (ELM accreditation list).",
        "institutional-quality-assurance",
        Some(A::QualityAssurance),
    ),
    f(
        "title",
        Shape::Text,
        true,
        "Name of the accreditation, once per language.",
        "\"Institutional accreditation\"",
        Some(A::QualityAssurance),
    ),
    f(
        "by",
        Shape::Name,
        false,
        "The accrediting organisation.",
        "qa-agency",
        Some(A::QualityAssurance),
    ),
    f(
        "valid-until",
        Shape::Date,
        false,
        "Expiry date of the accreditation.",
        "2030-12-31",
        None,
    ),
    f(
        "homepage",
        Shape::PlainText,
        false,
        "Report or register entry on the web.",
        "\"https://...\"",
        None,
    ),
];

const CREDENTIAL: &[FieldSpec] = &[
    f("title", Shape::Text, true, "Title of the micro-credential, once per language.", "\"Research Data Management Essentials\"", Some(A::Title)),
    f("description", Shape::Text, true, "Short description, once per language.", "\"A short online programme ...\"", None),
    f("subtitle", Shape::Text, true, "The line under the title where the credential is shown, once per language.", "\"has successfully completed a micro-module\"", None),
    f("display-title", Shape::Text, true, "The heading the credential is shown under in a wallet or viewer, when it is not the title (\"Micro-credential\"), once per language.", "\"Micro-credential\"", None),
    f("awarding-body", Shape::Name, true, "The organisation that awards the credential.", "academy", Some(A::AwardingBody)),
    f("type", Shape::Vocab(Scheme::LearningOpportunity), false, "Kind of learning opportunity (ELM list).", "short-learning-programme", None),
    f("language", Shape::Vocab(Scheme::Language), true, "Language of instruction.", "en", None),
    f("field", Shape::Vocab(Scheme::IscedF), true, "Field of education and training (ISCED-F 2013 code).", "0613", None),
    f("workload", Shape::Quantity(&["ects", "ecvet", "hours", "days", "weeks"]), true, "Notional workload: in ECTS wherever possible (or ECVET points), and/or the time in hours, days or weeks.", "3 ects", Some(A::Workload)),
    f("eqf", Shape::Level, false, "EQF level 1-8, or `none` when no level applies.", "5", Some(A::Level)),
    f("nqf", Shape::Vocab(Scheme::Qdr), true, "National qualifications framework level.", "...", Some(A::Level)),
    f("qf-ehea", Shape::Words(words::QF_EHEA_CYCLES), false, "The cycle of the Qualifications Framework of the European Higher Education Area, where it applies (Q4).", "first-cycle", Some(A::Level)),
    f("mode", Shape::Vocab(Scheme::LearningMode), true, "Form of participation: online, presential, blended, hybrid ...", "online", Some(A::FormOfParticipation)),
    f("setting", Shape::Vocab(Scheme::LearningSetting), false, "Formal or non-formal learning.", "non-formal-learning", Some(A::FormOfParticipation)),
    f("quality-assurance", Shape::NameOrText, true, "An organisation whose accreditation underpins the credential, or a description of the quality assurance.", "academy", Some(A::QualityAssurance)),
    f("prerequisites", Shape::Text, true, "Prerequisites needed to enrol, once per language.", "\"Bachelor degree ...\"", Some(A::Prerequisites)),
    f("stackable-into", Shape::Stackability, true, "A qualification this credential counts towards, or `stand-alone`.", "rds-certificate", Some(A::Stackability)),
    f("further-information", Shape::Text, true, "Further information, e.g. a web page.", "\"https://...\"", Some(A::FurtherInformation)),
    with_block(f("outcome", Shape::TitledBlock, true, "A learning outcome, optionally linked to ESCO skills; or the name of a top-level outcome.", "\"Write a data management plan\"", Some(A::LearningOutcomes)), BlockKind::Outcome),
    f("outcomes-summary", Shape::Text, true, "Learning outcomes as free text (Q31), once per language.", "\"\"\"...\"\"\"", Some(A::LearningOutcomes)),
    with_block(f("activity", Shape::TitledBlock, true, "A learning activity (course, workshop ...) that leads to the credential.", "\"Online course\"", Some(A::FormOfParticipation)), BlockKind::Activity),
    with_block(f("assessment", Shape::TitledBlock, true, "How the learning outcomes are assessed.", "\"Final examination\"", Some(A::Assessment)), BlockKind::Assessment),
    f("issuer", Shape::Name, false, "The organisation that issues on behalf of the awarding body (mandated issue, Q26).", "partner", Some(A::AwardingBody)),
    f("mandate", Shape::Text, true, "The agreement that allows the issuer to issue (mandated issue, Q26).", "\"Agreement of ...\"", Some(A::AwardingBody)),
    with_block(f("entitlement", Shape::TitledBlock, true, "What the credential entitles its holder to (Q12): an occupation, further learning, a membership.", "\"Admission to the master's programme\"", None), BlockKind::Entitlement),
    f("maximum-duration", Shape::Quantity(&["years", "months", "weeks", "days"]), false, "The longest time a learner may take to complete it.", "6 months", None),
    f("valid-for", Shape::Quantity(&["years", "months"]), false, "How long an awarded credential stays valid.", "5 years", None),
    f("valid-until", Shape::Date, false, "The date awarded credentials expire.", "2030-12-31", None),
];

const QUALIFICATION: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "Title of the qualification, once per language.",
        "\"Certificate in ...\"",
        None,
    ),
    f(
        "description",
        Shape::Text,
        true,
        "Short description, once per language.",
        "\"...\"",
        None,
    ),
    f(
        "awarding-body",
        Shape::Name,
        true,
        "The organisation that awards the qualification.",
        "academy",
        None,
    ),
    f(
        "eqf",
        Shape::Level,
        false,
        "EQF level 1-8, or `none`.",
        "6",
        None,
    ),
    f(
        "nqf",
        Shape::Vocab(Scheme::Qdr),
        true,
        "National qualifications framework level.",
        "...",
        None,
    ),
    f(
        "workload",
        Shape::Quantity(&["ects", "hours", "days", "weeks"]),
        true,
        "Total workload: ECTS, and/or the time in hours, days or weeks.",
        "15 ects",
        None,
    ),
    f(
        "field",
        Shape::Vocab(Scheme::IscedF),
        true,
        "Field of education and training (ISCED-F).",
        "0613",
        None,
    ),
    f(
        "language",
        Shape::Vocab(Scheme::Language),
        true,
        "Language of instruction.",
        "en",
        None,
    ),
    f(
        "includes",
        Shape::Name,
        true,
        "A micro-credential (or qualification) that is part of this one.",
        "rdm-essentials",
        Some(A::Stackability),
    ),
];

const OUTCOME: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The outcome in another language.",
        "\"...\"@de",
        Some(A::LearningOutcomes),
    ),
    f(
        "skill",
        Shape::Skill,
        true,
        "An ESCO skill this outcome corresponds to.",
        "esco \"manage research data\"",
        Some(A::LearningOutcomes),
    ),
    with_block(
        f(
            "related-skill",
            Shape::TitledBlock,
            true,
            "A skill or competence of another framework (DigComp, your own), by its label and IRI.",
            "\"Developing digital content\" { iri \"...\" }",
            Some(A::LearningOutcomes),
        ),
        BlockKind::RelatedSkill,
    ),
    f(
        "type",
        Shape::Vocab(Scheme::SkillType),
        false,
        "Skill or knowledge.",
        "skill",
        None,
    ),
    f(
        "reuse",
        Shape::Vocab(Scheme::SkillReuseLevel),
        false,
        "Reusability level: transversal, cross-sector, sector-specific, occupation-specific.",
        "transversal",
        None,
    ),
];

const RELATED_SKILL: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The skill's label in another language.",
        "\"...\"@de",
        None,
    ),
    f(
        "iri",
        Shape::PlainText,
        false,
        "The skill's IRI in its framework.",
        "\"http://data.europa.eu/snb/dcf/u69o196gu6\"",
        Some(A::LearningOutcomes),
    ),
    f(
        "framework",
        Shape::PlainText,
        false,
        "The IRI of the framework (concept scheme) the skill belongs to.",
        "\"http://data.europa.eu/snb/dcf/25831c2\"",
        None,
    ),
];

const IDENTIFIER: &[FieldSpec] = &[f(
    "scheme",
    Shape::PlainText,
    false,
    "The name of the identifier's scheme (who gives it out, what it is).",
    "\"PIC\"",
    Some(A::AwardingBody),
)];

const ALLIANCE: &[FieldSpec] = &[
    f(
        "email",
        Shape::PlainText,
        false,
        "The alliance's contact e-mail address.",
        "\"info@alliance.example\"",
        None,
    ),
    f(
        "phone",
        Shape::PlainText,
        false,
        "The alliance's contact phone number, with its country code.",
        "\"+32 2 1234567\"",
        None,
    ),
];

const ENTITLEMENT: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The entitlement's title in another language.",
        "\"...\"@de",
        None,
    ),
    f(
        "type",
        Shape::Vocab(Scheme::Entitlement),
        false,
        "Kind of entitlement: occupation, learning-opportunity, membership.",
        "learning-opportunity",
        None,
    ),
    f(
        "status",
        Shape::Vocab(Scheme::EntitlementStatus),
        false,
        "Whether the holder has it now (`actual`) or may claim it (`prospective`).",
        "prospective",
        None,
    ),
    f(
        "description",
        Shape::Text,
        true,
        "What it gives, once per language.",
        "\"Admission without entrance examination ...\"",
        None,
    ),
    f(
        "occupation",
        Shape::Vocab(Scheme::EscoOccupation),
        true,
        "An ESCO occupation it gives access to (Q12), by its English label in kebab-case.",
        "data-scientist",
        None,
    ),
    f(
        "granted-by",
        Shape::Name,
        true,
        "An organisation that grants it.",
        "university",
        None,
    ),
    with_block(
        f(
            "jurisdiction",
            Shape::TitledBlock,
            true,
            "Where it is valid, by the name and IRI of a country or region of the EU's table of administrative units.",
            "\"Ireland\" { iri \"http://publications.europa.eu/resource/authority/atu/IRL\" }",
            None,
        ),
        BlockKind::Region,
    ),
];

const ACTIVITY: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The activity's title in another language.",
        "\"...\"@de",
        None,
    ),
    f(
        "type",
        Shape::VocabOrText(Scheme::LearningActivity),
        true,
        "Kind of activity (ELM list), or your own term in quotes; once for each kind it is.",
        "e-learning-coursework",
        Some(A::FormOfParticipation),
    ),
    f(
        "description",
        Shape::Text,
        true,
        "What the activity is, once per language.",
        "\"Weekly live sessions ...\"",
        None,
    ),
    f(
        "language",
        Shape::Vocab(Scheme::Language),
        true,
        "Language the activity is held in.",
        "en",
        None,
    ),
    f(
        "directed-by",
        Shape::Name,
        false,
        "The organisation (or its department) that runs the activity.",
        "academy",
        None,
    ),
    f(
        "mode",
        Shape::Vocab(Scheme::LearningMode),
        true,
        "Mode of learning: online, presential, blended ...",
        "online",
        Some(A::FormOfParticipation),
    ),
    f(
        "workload",
        Shape::Quantity(&["hours", "days", "weeks"]),
        false,
        "Time of learning: hours, days or weeks.",
        "75 hours",
        Some(A::Workload),
    ),
    f(
        "further-information",
        Shape::Text,
        true,
        "More about the activity, once per language for each statement.",
        "\"...\"",
        None,
    ),
    with_block(
        f(
            "document",
            Shape::TitledBlock,
            true,
            "A document on the web about the activity (syllabus, platform), by its title.",
            "\"Syllabus\" { url \"https://...\" }",
            None,
        ),
        BlockKind::Document,
    ),
];

const DOCUMENT: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The document's title in another language.",
        "\"...\"@de",
        None,
    ),
    f(
        "url",
        Shape::PlainText,
        false,
        "Where the document is.",
        "\"https://...\"",
        None,
    ),
];

const ASSESSMENT: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The assessment's title in another language.",
        "\"...\"@de",
        Some(A::Assessment),
    ),
    f(
        "type",
        Shape::VocabOrText(Scheme::Assessment),
        false,
        "Type of assessment (ELM list), or your own term in quotes.",
        "written-examination",
        Some(A::Assessment),
    ),
    f(
        "mode",
        Shape::Vocab(Scheme::LearningMode),
        true,
        "Mode of assessment: online, presential ...",
        "online",
        Some(A::Assessment),
    ),
    f(
        "description",
        Shape::Text,
        true,
        "What the assessment is, once per language.",
        "\"A two-hour written examination ...\"",
        Some(A::Assessment),
    ),
    f(
        "language",
        Shape::Vocab(Scheme::Language),
        true,
        "Language the assessment is held in.",
        "en",
        Some(A::Assessment),
    ),
    f(
        "assessed-by",
        Shape::Name,
        false,
        "The organisation that assesses the learners.",
        "academy",
        Some(A::Assessment),
    ),
    f(
        "supervision",
        Shape::Vocab(Scheme::SupervisionVerification),
        false,
        "Supervision and identity verification during assessment.",
        "supervised-with-id-verification",
        Some(A::Supervision),
    ),
    with_block(
        f(
            "grading",
            Shape::TitledBlock,
            false,
            "The grading scheme, with an optional conversion table.",
            "\"Pass/fail\"",
            Some(A::Grade),
        ),
        BlockKind::Grading,
    ),
];

const GRADING: &[FieldSpec] = &[
    f(
        "url",
        Shape::PlainText,
        false,
        "Web page of the grading scheme or its conversion table (Q28).",
        "\"https://...\"",
        Some(A::Grade),
    ),
    f(
        "description",
        Shape::Text,
        true,
        "Explanation of the grading scheme.",
        "\"...\"",
        Some(A::Grade),
    ),
];

const AWARD: &[FieldSpec] = &[
    with_block(
        f(
            "learner",
            Shape::Block,
            false,
            "The learner who receives the credential.",
            "{ ... }",
            Some(A::LearnerIdentification),
        ),
        BlockKind::Learner,
    ),
    f(
        "date",
        Shape::DateOrDateTime,
        false,
        "Date of issuing.",
        "2025-03-14",
        Some(A::DateOfIssuing),
    ),
    f(
        "grade",
        Shape::Text,
        true,
        "Grade achieved.",
        "\"1.7 (good)\"",
        Some(A::Grade),
    ),
    with_block(
        f(
            "result",
            Shape::TitledBlock,
            true,
            "The grade of one assessment, by the assessment's title, where it is not the award's `grade`.",
            "\"Final written examination\" { grade \"1.3\" }",
            Some(A::Grade),
        ),
        BlockKind::Result,
    ),
    f(
        "period",
        Shape::Period,
        false,
        "When the learner took part: `START to END`.",
        "2025-01-13 to 2025-03-07",
        None,
    ),
    f(
        "key",
        Shape::PlainText,
        false,
        "The learner's key: names the credential's file and makes its id (default: the student id, else the national id, else the name).",
        "\"2025-0042\"",
        None,
    ),
    f(
        "number",
        Shape::PlainText,
        false,
        "The certificate's number, as the issuer's records give it.",
        "\"C012\"",
        None,
    ),
    f(
        "valid-from",
        Shape::DateOrDateTime,
        false,
        "When the credential takes effect, where that is not its `date` of issuing (a credential sealed or issued again later keeps the moment it first took effect).",
        "2025-03-01",
        None,
    ),
    f(
        "credential-id",
        Shape::PlainText,
        false,
        "The credential's own identifier, an IRI, when it keeps one it was given before (an imported credential); by default Laurel makes it from the project, the credential and the learner key.",
        "\"urn:credential:5957445a-c453-56ab-896d-baa093bceb4d\"",
        None,
    ),
];

const REGION: &[FieldSpec] = &[
    f(
        "title",
        Shape::Text,
        true,
        "The region's name in another language.",
        "\"...\"@de",
        None,
    ),
    f(
        "iri",
        Shape::PlainText,
        false,
        "The region's IRI in the EU's table of administrative territorial units (ATU).",
        "\"http://publications.europa.eu/resource/authority/atu/IRL_CTH_DUB\"",
        Some(A::Country),
    ),
];

const RESULT: &[FieldSpec] = &[f(
    "grade",
    Shape::Text,
    true,
    "The grade achieved in the assessment, once per language.",
    "\"1.3\"",
    Some(A::Grade),
)];

const LEARNER: &[FieldSpec] = &[
    f(
        "given-name",
        Shape::Text,
        false,
        "Given name(s).",
        "\"Mira\"",
        Some(A::LearnerIdentification),
    ),
    f(
        "family-name",
        Shape::Text,
        false,
        "Family name(s).",
        "\"Kowalska\"",
        Some(A::LearnerIdentification),
    ),
    f(
        "full-name",
        Shape::Text,
        false,
        "Full name, when it is not given name + family name.",
        "\"Mira Kowalska\"",
        Some(A::LearnerIdentification),
    ),
    f(
        "birth-date",
        Shape::DateOrDateTime,
        false,
        "Date of birth.",
        "1996-04-02",
        Some(A::LearnerIdentification),
    ),
    f(
        "email",
        Shape::PlainText,
        false,
        "E-mail address.",
        "\"mira@example.org\"",
        Some(A::LearnerIdentification),
    ),
    f(
        "student-id",
        Shape::PlainText,
        false,
        "Student number at the awarding body.",
        "\"S-20250042\"",
        Some(A::LearnerIdentification),
    ),
    f(
        "national-id",
        Shape::TextInCountry,
        false,
        "National identifier, with the issuing country.",
        "\"PL-96040212345\" country POL",
        Some(A::LearnerIdentification),
    ),
    f(
        "place-of-birth",
        Shape::TextInCountry,
        false,
        "Place of birth, with its country.",
        "\"Porto\" country PRT",
        None,
    ),
    f(
        "citizenship",
        Shape::Vocab(Scheme::Country),
        true,
        "Citizenship: a country, once for each.",
        "PRT",
        None,
    ),
    f(
        "gender",
        Shape::Vocab(Scheme::HumanSex),
        false,
        "Gender, where the issuer records it: female, male or not-applicable.",
        "female",
        None,
    ),
    f(
        "address",
        Shape::TextInCountry,
        false,
        "Postal address, in one line, with its country.",
        "\"Via da Vinci 12, Rome\" country ITA",
        None,
    ),
];

impl BlockKind {
    /// Every kind with a field table of its own (a template shares the micro-credential's).
    pub const ALL: [BlockKind; 17] = [
        BlockKind::Organisation,
        BlockKind::Accreditation,
        BlockKind::MicroCredential,
        BlockKind::Qualification,
        BlockKind::Outcome,
        BlockKind::Activity,
        BlockKind::Assessment,
        BlockKind::Grading,
        BlockKind::RelatedSkill,
        BlockKind::Identifier,
        BlockKind::Alliance,
        BlockKind::Entitlement,
        BlockKind::Document,
        BlockKind::Result,
        BlockKind::Region,
        BlockKind::Award,
        BlockKind::Learner,
    ];

    /// The fields this block takes.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            BlockKind::Organisation => ORGANISATION,
            BlockKind::Accreditation => ACCREDITATION,
            BlockKind::MicroCredential | BlockKind::Template => CREDENTIAL,
            BlockKind::Qualification => QUALIFICATION,
            BlockKind::Outcome => OUTCOME,
            BlockKind::Activity => ACTIVITY,
            BlockKind::Assessment => ASSESSMENT,
            BlockKind::Grading => GRADING,
            BlockKind::RelatedSkill => RELATED_SKILL,
            BlockKind::Identifier => IDENTIFIER,
            BlockKind::Alliance => ALLIANCE,
            BlockKind::Entitlement => ENTITLEMENT,
            BlockKind::Document => DOCUMENT,
            BlockKind::Result => RESULT,
            BlockKind::Region => REGION,
            BlockKind::Award => AWARD,
            BlockKind::Learner => LEARNER,
        }
    }

    /// The spec of one field.
    pub fn field(self, key: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// The short form this line is in this block (`stand-alone` in a micro-credential).
    pub fn short_form(self, line: &str) -> Option<&'static ShortForm> {
        SHORT_FORMS
            .iter()
            .find(|s| s.line == line && self.field(s.key).is_some())
    }

    /// The field a line's key gives: its own, or the one its short form stands for.
    pub fn long_key(self, key: &str) -> &str {
        self.short_form(key).map_or(key, |s| s.key)
    }

    /// How a field that this block does not have is written in it: `ects` →
    /// `workload ... ects`, where the block has `workload` with that unit.
    pub fn respelling(self, written: &str) -> Option<&'static Respelling> {
        RESPELLINGS.iter().find(|r| {
            r.written == written
                && self
                    .field(r.key)
                    .is_some_and(|spec| match (r.unit, spec.shape) {
                        (None, _) => true,
                        (Some(unit), Shape::Quantity(units)) => units.contains(&unit),
                        (Some(_), _) => false,
                    })
        })
    }

    /// Plain words: "an organisation", "an assessment" ...
    pub fn describe(self) -> &'static str {
        match self {
            BlockKind::Organisation => "an organisation",
            BlockKind::Accreditation => "an accreditation",
            BlockKind::MicroCredential => "a micro-credential",
            BlockKind::Template => "a template",
            BlockKind::Qualification => "a qualification",
            BlockKind::Outcome => "an outcome",
            BlockKind::Activity => "an activity",
            BlockKind::Assessment => "an assessment",
            BlockKind::Grading => "a grading scheme",
            BlockKind::RelatedSkill => "a related skill",
            BlockKind::Identifier => "an identifier",
            BlockKind::Alliance => "an alliance",
            BlockKind::Entitlement => "an entitlement",
            BlockKind::Document => "a document",
            BlockKind::Result => "an assessment's result",
            BlockKind::Region => "a region",
            BlockKind::Award => "an award",
            BlockKind::Learner => "a learner",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_per_block() {
        for kind in BlockKind::ALL {
            let mut keys: Vec<_> = kind.fields().iter().map(|f| f.key).collect();
            keys.sort();
            let n = keys.len();
            keys.dedup();
            assert_eq!(n, keys.len(), "{kind:?}");
        }
    }

    #[test]
    fn respellings_name_real_fields_and_units() {
        for r in RESPELLINGS {
            assert!(
                BlockKind::ALL
                    .iter()
                    .any(|k| k.respelling(r.written) == Some(r)),
                "{r:?} applies to no block"
            );
            assert!(
                BlockKind::ALL.iter().all(|k| k.field(r.written).is_none()),
                "{r:?}"
            );
        }
        let ects = BlockKind::MicroCredential.respelling("ects");
        assert_eq!(
            ects.map(|r| (r.key, r.unit)),
            Some(("workload", Some("ects")))
        );
        // an activity's workload is in hours only
        assert_eq!(BlockKind::Activity.respelling("ects"), None);
        assert!(BlockKind::Activity.respelling("hours").is_some());
        assert_eq!(BlockKind::Award.respelling("level"), None);
    }

    #[test]
    fn short_forms_stand_for_real_fields() {
        for s in SHORT_FORMS {
            assert!(
                BlockKind::ALL
                    .iter()
                    .any(|k| k.short_form(s.line) == Some(s)),
                "{s:?}"
            );
            assert!(
                BlockKind::ALL.iter().all(|k| k.field(s.line).is_none()),
                "{s:?}"
            );
        }
        let kind = BlockKind::Template;
        assert_eq!(kind.long_key(words::STAND_ALONE), "stackable-into");
        assert_eq!(kind.long_key("title"), "title");
        // a qualification does not stack into anything
        assert_eq!(
            BlockKind::Qualification.short_form(words::STAND_ALONE),
            None
        );
    }
}
