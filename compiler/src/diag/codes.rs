//! The registry of diagnostic codes: one entry per code, with its long explanation.
//!
//! Codes are stable: a code is never reused for a different meaning. Add new codes at
//! the end of their group, with a fixture in `compiler/tests/diagnostics/`.

use super::Severity;

/// An element of Annex I of the Council Recommendation on micro-credentials (2022/C 243/02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnexElement {
    /// Identification of the learner.
    LearnerIdentification,
    /// Title of the micro-credential.
    Title,
    /// Country(ies)/region(s) of the issuer.
    Country,
    /// Awarding body(ies).
    AwardingBody,
    /// Date of issuing.
    DateOfIssuing,
    /// Learning outcomes.
    LearningOutcomes,
    /// Notional workload needed to achieve the learning outcomes (in ECTS, wherever possible).
    Workload,
    /// Level (and cycle, if applicable) of the learning experience (EQF, QF-EHEA).
    Level,
    /// Type of assessment.
    Assessment,
    /// Form of participation in the learning activity.
    FormOfParticipation,
    /// Type of quality assurance used to underpin the micro-credential.
    QualityAssurance,
    /// Prerequisites needed to enrol (optional element).
    Prerequisites,
    /// Supervision and identity verification during assessment (optional element).
    Supervision,
    /// Grade achieved (optional element).
    Grade,
    /// Integration/stackability options (optional element).
    Stackability,
    /// Further information (optional element).
    FurtherInformation,
}

impl AnnexElement {
    /// The element's wording in Annex I.
    pub fn title(self) -> &'static str {
        match self {
            AnnexElement::LearnerIdentification => "Identification of the learner",
            AnnexElement::Title => "Title of the micro-credential",
            AnnexElement::Country => "Country(ies)/Region(s) of the issuer",
            AnnexElement::AwardingBody => "Awarding body(ies)",
            AnnexElement::DateOfIssuing => "Date of issuing",
            AnnexElement::LearningOutcomes => "Learning outcomes",
            AnnexElement::Workload => "Notional workload needed to achieve the learning outcomes (in ECTS, wherever possible)",
            AnnexElement::Level => "Level (and cycle, if applicable) of the learning experience leading to the micro-credential (EQF, QF-EHEA), if applicable",
            AnnexElement::Assessment => "Type of assessment",
            AnnexElement::FormOfParticipation => "Form of participation in the learning activity",
            AnnexElement::QualityAssurance => "Type of quality assurance used to underpin the micro-credential",
            AnnexElement::Prerequisites => "Prerequisites needed to enrol in the learning activity",
            AnnexElement::Supervision => "Supervision and identity verification during assessment",
            AnnexElement::Grade => "Grade achieved",
            AnnexElement::Stackability => "Integration/stackability options",
            AnnexElement::FurtherInformation => "Further information",
        }
    }

    /// `"mandatory"` or `"optional"`, as Annex I lists it.
    pub fn part(self) -> &'static str {
        match self {
            AnnexElement::Prerequisites
            | AnnexElement::Supervision
            | AnnexElement::Grade
            | AnnexElement::Stackability
            | AnnexElement::FurtherInformation => "optional",
            _ => "mandatory",
        }
    }
}

/// A registered diagnostic code.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// `L0001` ...
    pub id: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The Annex I element it enforces, if any.
    pub annex: Option<AnnexElement>,
    /// Long explanation for `laurel explain`.
    pub explain: &'static str,
}

impl Code {
    /// Looks a code up by id (case-insensitive, `L21` and `0021` also accepted).
    pub fn find(id: &str) -> Option<&'static Code> {
        let digits: String = id.trim().trim_start_matches(['L', 'l']).to_string();
        let number: u32 = digits.parse().ok()?;
        let wanted = format!("L{number:04}");
        CODES.iter().copied().find(|c| c.id == wanted)
    }

    /// The explanation `laurel explain CODE` prints: the code, its name and severity,
    /// the Annex I element it enforces, and the long explanation.
    pub fn explanation(&self) -> String {
        let mut text = format!("{} {} ({})\n", self.id, self.name, self.severity.as_str());
        if let Some(annex) = self.annex {
            text.push_str(&format!(
                "Annex I, {} element: {}\n",
                annex.part(),
                annex.title()
            ));
        }
        text.push('\n');
        text.push_str(self.explain);
        text.push('\n');
        text
    }

    /// The first sentence of the explanation (an ellipsis, `...`, does not end it).
    pub fn summary(&self) -> &'static str {
        let text = self.explain;
        let end = text
            .match_indices(". ")
            .map(|(i, _)| i)
            .find(|&i| !text[..i].ends_with('.'));
        end.map_or(text, |i| &text[..=i])
    }
}

macro_rules! codes {
    ($( $konst:ident = $id:literal $name:literal $sev:ident $annex:expr, $explain:literal; )*) => {
        $(
            #[doc = $explain]
            pub static $konst: Code = Code {
                id: $id,
                name: $name,
                severity: Severity::$sev,
                annex: $annex,
                explain: $explain,
            };
        )*
        /// Every registered code, in order.
        pub static CODES: &[&Code] = &[$(&$konst),*];
    };
}

use AnnexElement as A;

codes! {
    SYNTAX = "L0001" "syntax-error" Error None,
        "A line could not be read. Each line inside a block holds one field: a field name, then its values, for example `title \"Data Literacy\"` or `workload 3 ects`. Check quotes, braces and the spelling of the field name.";
    UNCLOSED_BLOCK = "L0002" "unclosed-block" Error None,
        "A block opened with `{` is not closed with `}` before the next item or the end of the file. Add the missing `}` on its own line.";
    TOP_LEVEL_TEXT = "L0003" "not-an-item" Error None,
        "Outside blocks, a file holds only items, each starting at the beginning of a line with a keyword: `organisation`, `micro-credential`, `qualification`, `template`, `outcome` or `award`. Comments (`//`) and blank lines are fine anywhere.";
    BAD_ESCAPE = "L0004" "invalid-escape" Error None,
        "Inside a string, a backslash starts an escape: `\\\"` (a quote), `\\\\` (a backslash), `\\n` (a new line), `\\t` (a tab) or `\\u{E9}` (a Unicode character by its hexadecimal number). Any other character after a backslash is an error.";
    TOO_DEEP = "L0005" "nesting-too-deep" Error None,
        "An item nests blocks inside blocks deeper than Laurel allows (32 levels, the item's own block included; real items need a handful, such as `micro-credential { assessment { grading { ... } } }`). Braces in strings and comments do not count; in a `\"\"\"` text block each `{` counts and no `}` does. Usually a `}` is missing or a `{` is one too many: close the blocks you opened. The item is not read until then; the rest of the file is.";
    UNKNOWN_FIELD = "L0010" "unknown-field" Error None,
        "This block does not take a field of this name. Each kind of block (organisation, micro-credential, outcome, assessment, learner, ...) has its own fields; the message lists the closest ones. A field that Laurel writes another way gets the line to write instead: `ects 2` is `workload 2 ects`, `hours 40` is `workload 40 hours`, `credits 5` is `workload 5 ects`, `level 6` and `eqf-level 6` are `eqf 6`. The language reference in the README lists them all.";
    BAD_VALUE = "L0011" "invalid-value" Error None,
        "The field's value does not have the expected form. For example `workload` takes a number and a unit (`3 ects`, `75 hours`), `date` takes a date (`2025-03-14`), `title` takes a quoted text (`\"Data Literacy\"`, optionally with a language tag: `\"Datenkompetenz\"@de`). Dates are written year-month-day: a date written another way (`15.03.1990`, `06/20/2025`) gets its year-month-day form (`1990-03-15`), and a date or time that is not in the calendar or on the clock (`1999-02-30`, `T25:00:00Z`) says which part is wrong.";
    DUPLICATE_FIELD = "L0012" "duplicate-field" Error None,
        "This field may be given only once in its block, but it appears again. Remove one of them. (Texts such as `title` may be repeated once per language: `title \"...\"` and `title \"...\"@de`.)";
    DUPLICATE_LANGUAGE = "L0013" "duplicate-language" Error None,
        "A text field has two values in the same language. ELM allows one value per language (SHACL `uniqueLang`). An untagged string is in the project's `default-language` (Laurel.toml; `en` when not set), so a Polish text without `@pl` in an `en` project counts as English. Tag the other value (`\"...\"@de`) or remove it.";
    BLOCK_SHAPE = "L0014" "block-shape" Error None,
        "This field needs a block `{ ... }` after it, or it does not take one. For example `learner { ... }` and `accreditation { ... }` need a block, `title` does not.";
    UNUSABLE_LOGO = "L0015" "unusable-logo" Error None,
        "An organisation's `logo` must name a PNG or JPEG file, relative to the project folder (the folder with `Laurel.toml`), for example `logo \"images/academy.png\"`. The file could not be read, or it is not a PNG or JPEG image.";
    DUPLICATE_NAME = "L0020" "duplicate-name" Error None,
        "Two items in the project have the same name. All `.laurel` files of a project share one namespace, so names must be unique across files. Rename one of them.";
    UNKNOWN_NAME = "L0021" "unknown-name" Error None,
        "This refers to an item that does not exist in the project. Check the spelling; the message suggests the closest names. Items can be in any `.laurel` file of the project folder.";
    WRONG_KIND = "L0022" "wrong-kind" Error None,
        "This refers to an item of the wrong kind, for example `awarding-body` naming a template instead of an organisation.";
    UNUSED_ITEM = "L0023" "unused-item" Warning None,
        "This item is defined but nothing refers to it: a template no credential uses, an outcome no credential includes, or an organisation that awards nothing. Remove it or refer to it. (Not reported while an item of the project cannot be read: it may be the one that refers to it.)";
    INCLUDE_CYCLE = "L0024" "include-cycle" Error None,
        "A qualification includes itself, directly or through other qualifications. Stacking must form a tree: remove one of the `includes` lines in the cycle.";
    DUPLICATE_AWARD = "L0025" "duplicate-award" Error None,
        "Two awards of the same credential have the same learner key (the student id, else the national id, else the learner's name), so they would be written to the same file. Keys that differ only in case (`AbC`, `abc`) count as the same, since Windows and macOS do not tell such file names apart. Give each learner a distinct `student-id`, or remove the repeated award.";
    LONG_KEY = "L0026" "long-learner-key" Error None,
        "The learner key (the student id, else the national id, else the learner's name, or the award's `key`) names the credential's file, and file systems allow names of 255 bytes at most. Laurel allows keys of 200 bytes: give the learner a shorter `student-id`, or a `key`.";
    UNKNOWN_VOCABULARY = "L0030" "unknown-vocabulary-word" Error None,
        "A bare word must be a value of the field's controlled vocabulary (the EU's ELM lists): its notation (`eqf 5`, `field 0613`, `country DEU`), the kebab-case of its English label (`type written-examination`) or its full IRI in `<...>`. Countries and languages also take ISO codes (`country DE`, `language en`). Where the vocabulary is optional, a quoted string is a free term: `type \"Hackathon\"`.";
    UNKNOWN_SKILL = "L0031" "unknown-esco-skill" Error None,
        "`skill esco \"...\"` must name an ESCO skill by its preferred or alternative label (exact wording, any case, in a bundled language: English or French). The message lists close ESCO labels. You can also give the skill's IRI: `skill <http://data.europa.eu/esco/skill/...>`.";
    AMBIGUOUS_SKILL = "L0032" "ambiguous-esco-skill" Error None,
        "This label belongs to more than one ESCO skill. Use the skill's IRI (`skill <http://data.europa.eu/esco/skill/...>`) or its preferred label to say which one you mean.";
    UNKNOWN_SKILL_IRI = "L0033" "unknown-esco-iri" Error None,
        "This IRI is not an ESCO skill's: ESCO skills are `http://data.europa.eu/esco/skill/` followed by a UUID. Check it on the ESCO portal, or use a label: `skill esco \"...\"`. (A well-formed ESCO skill IRI that the bundled ESCO v1.1.1 lacks is L0035.)";
    UNKNOWN_LANGUAGE_TAG = "L0034" "unknown-language-tag" Error None,
        "A language tag (`\"...\"@de`) must be an ISO 639-1 code of a language in the EU language table, such as `en`, `de`, `fr`, `pl`.";
    UNLISTED_CONCEPT = "L0035" "unlisted-concept" Warning None,
        "This IRI is not in Laurel's bundled copy of the field's list (an ELM vocabulary, an EU authority table, ESCO v1.1.1). Laurel keeps it as written: the credential carries the IRI without labels, and its page shows the IRI where a label would be. That is right for a concept newer than the bundled copy; otherwise correct the IRI, or write the value as a word (`mode online`, `eqf 6`, `skill esco \"...\"`).";
    SKILL_GONE = "L0036" "skill-not-in-pinned-esco" Warning None,
        "The project pins a newer ESCO (`esco = \"1.2.0\"` in Laurel.toml), and this skill is one of the bundled ESCO v1.1.1 that the pinned version no longer has: ESCO made it obsolete or replaced it. The credential carries the IRI as written, without labels. When the pinned version has a skill with the old skill's label, the message gives its IRI (a quick fix writes it); otherwise look the skill up on the ESCO portal and choose its successor.";
    MISSING_LEARNER = "L0101" "missing-learner" Error Some(A::LearnerIdentification),
        "An award must identify the learner (Annex I: identification of the learner). Add a `learner { ... }` block with at least `given-name` and `family-name` (or `full-name`), and preferably an identifier (`student-id` or `national-id`).";
    MISSING_TITLE = "L0102" "missing-title" Error Some(A::Title),
        "A micro-credential must have a title (Annex I: title of the micro-credential). Add `title \"...\"`.";
    MISSING_COUNTRY = "L0103" "missing-country" Error Some(A::Country),
        "The awarding body must state its country (Annex I: country or region of the issuer). Add `country DEU` (or the ISO code, `country DE`) to the organisation.";
    MISSING_AWARDING_BODY = "L0104" "missing-awarding-body" Error Some(A::AwardingBody),
        "A micro-credential must name its awarding body (Annex I). Add `awarding-body <organisation-name>`, referring to an `organisation` item.";
    MISSING_DATE = "L0105" "missing-issue-date" Error Some(A::DateOfIssuing),
        "An award must carry its date of issuing (Annex I). Add `date 2025-03-14` to the award.";
    MISSING_OUTCOMES = "L0106" "missing-learning-outcomes" Error Some(A::LearningOutcomes),
        "A micro-credential must state its learning outcomes (Annex I). Add one or more `outcome \"...\"` lines (ideally linked to ESCO skills) or an `outcomes-summary \"...\"` text.";
    MISSING_WORKLOAD = "L0107" "missing-workload" Error Some(A::Workload),
        "A micro-credential must state its notional workload (Annex I), in ECTS wherever possible: `workload 3 ects`, and/or in hours: `workload 75 hours`.";
    MISSING_LEVEL = "L0108" "missing-level" Warning Some(A::Level),
        "Annex I asks for the level of the learning experience (EQF, and the national framework level) if applicable. Add `eqf 5` (and `nqf ...` where you have one), or `eqf none` to say that no level applies.";
    MISSING_ASSESSMENT = "L0109" "missing-assessment" Error Some(A::Assessment),
        "A micro-credential must state its type of assessment (Annex I); completing the activity alone is not an assessment (Q2). Add an `assessment \"...\" { type written-examination }` block.";
    MISSING_MODE = "L0110" "missing-form-of-participation" Error Some(A::FormOfParticipation),
        "A micro-credential must state the form of participation (Annex I): `mode online`, `mode presential`, `mode blended`, `mode hybrid` ...";
    MISSING_QUALITY_ASSURANCE = "L0111" "missing-quality-assurance" Error Some(A::QualityAssurance),
        "A micro-credential must state the type of quality assurance that underpins it (Annex I). Write `quality-assurance <organisation>` to use that organisation's `accreditation` records, or `quality-assurance \"...\"` to describe it in words.";
    MISSING_LEGAL_NAME = "L0112" "missing-legal-name" Error Some(A::AwardingBody),
        "An organisation that appears in a credential (awarding body, issuer or accrediting agent) must have its official name: add `legal-name \"...\"`.";
    WORKLOAD_MISMATCH = "L0201" "workload-mismatch" Warning Some(A::Workload),
        "The ECTS and hours figures do not agree: one ECTS credit stands for 25 to 30 hours of work (ECTS Users' Guide). Check both numbers.";
    PARTS_EXCEED = "L0202" "parts-exceed-workload" Error Some(A::Stackability),
        "The micro-credentials included in this qualification add up to more ECTS than the qualification itself has. Raise the qualification's workload or include fewer parts.";
    DATE_ORDER = "L0203" "dates-out-of-order" Error None,
        "Dates are in the wrong order: a period must start before it ends, and a learner cannot be born after the award.";
    EXPIRY_BEFORE_ISSUE = "L0204" "expiry-before-issue" Error None,
        "The credential would expire before it is issued. Check `valid-until` against the award's `date`.";
    QUALIFICATION_INCOMPLETE = "L0205" "qualification-incomplete" Error Some(A::Stackability),
        "A qualification needs a title, an awarding body and the parts it includes (`includes <micro-credential>`).";
    MANDATE_INCOMPLETE = "L0206" "mandate-incomplete" Error Some(A::AwardingBody),
        "Mandated issue (Q26) needs both `issuer <organisation>` (the organisation that issues on behalf of the awarding body) and `mandate \"...\"` (the agreement that allows it).";
    STACKING_MISMATCH = "L0207" "stacking-mismatch" Warning Some(A::Stackability),
        "A micro-credential and a qualification disagree about stacking: the credential says `stackable-into Q` but `Q` does not list it with `includes`, or `Q` includes a credential that says it is `stand-alone`. Make the two sides agree.";
    ZERO_WORKLOAD = "L0208" "zero-workload" Error Some(A::Workload),
        "A workload of 0 ECTS or 0 hours says that the learning takes no work at all. Give the real notional workload (`workload 3 ects`, `workload 75 hours`), or remove the line.";
    PREFER_ECTS = "L0301" "prefer-ects" Warning Some(A::Workload),
        "Annex I asks for the workload in ECTS wherever possible (Annex II, standards). Give the ECTS figure as well: `workload 3 ects`.";
    MISSING_LEGAL_ID = "L0302" "missing-legal-identifier" Warning Some(A::AwardingBody),
        "An awarding body should carry a legal identifier (Q40): a registration or PIC number (`legal-id \"...\"`), a VAT number (`vat-id \"...\"`) or a tax identification number (`tax-id \"...\"`). Add one to the organisation.";
    GRADE_WITHOUT_SCHEME = "L0303" "grade-without-scheme" Warning Some(A::Grade),
        "A grade means little without its grading scheme (Q28). Add `grading \"...\"` to the assessment, ideally with the URL of a conversion table.";
    MISSING_EIDAS_ID = "L0304" "missing-eidas-identifier" Warning None,
        "The issuing organisation has no `eidas-id` (the organisation identifier of its electronic seal certificate, such as `VATDE-123456789`). The EU's strict shapes (EDC 1.1.0) require it on the issuer; the sealer can fill it in, but add it here to get complete credentials.";
    ATTENDANCE_ONLY = "L0305" "attendance-only-assessment" Warning Some(A::Assessment),
        "The only assessment type of this micro-credential is `level-of-attendance`. A micro-credential records learning outcomes that were assessed against clear criteria; completing or attending a training alone is not enough (Q2). Add an assessment of the outcomes (`type written-examination`, `practical-assessment`, ...) and keep attendance beside it if it counts.";
    OUTCOME_WITHOUT_SKILL = "L0306" "outcome-without-skill" Note Some(A::LearningOutcomes),
        "This learning outcome links no ESCO skill. Linking each outcome to the 1–3 ESCO skills it is about makes the credential comparable across Europe (Q33). The editor's code actions \"Suggest ESCO skill: …\" and `laurel suggest` propose skills from the outcome's text; add the right ones with `skill esco \"...\"` in the outcome's block. This is a note, not a warning; `[lints] allow = [\"L0306\"]` turns it off.";
    BAD_MANIFEST = "L0401" "invalid-manifest" Error None,
        "`Laurel.toml` could not be read, or has a key or value Laurel does not know. It holds `[project]` with `name`, and optionally `default-language` (an ISO 639-1 code), `output` (a folder) and `esco` (the ESCO version, \"1.1.1\"); and optionally `[lints]` with `allow` (a list of warning and note codes). Every problem is reported at its line, and a misspelt key gets the closest one (`defualt-language` → `default-language`).";
    BAD_LEARNER_FILE = "L0501" "unreadable-learner-data" Error None,
        "The learner data for `laurel issue` could not be read. It is either CSV (UTF-8, a header row of column names, then one learner per row; fields separated by commas or semicolons, quoted with `\"` when they hold a separator, a quote or a line break) or JSON (an array of objects whose values are texts or numbers). Spreadsheet programs write this as \"CSV UTF-8\".";
    UNKNOWN_COLUMN = "L0502" "unknown-column" Error None,
        "A column of the learner data is not a field of an award or of its learner. The columns are: `student-id`, `given-name`, `family-name`, `full-name`, `birth-date`, `email`, `national-id`, `citizenship`, `country` (of the national id), `date`, `grade`, `period-start`, `period-end`, `key` and `number`. The message suggests the closest one; rename the column or remove it.";
    DUPLICATE_COLUMN = "L0503" "duplicate-column" Error None,
        "Two columns of the learner data have the same name (or, in JSON, one object has the same key twice), so it is not clear which value to use. Remove or rename one of them.";
    INCOMPLETE_COLUMNS = "L0504" "incomplete-columns" Error None,
        "Some columns only make sense together: `period-start` and `period-end` (the participation period), and `country` with `national-id` (the country that issued the identifier). A row has one without the other: fill in both, or leave both empty.";
    BROKEN_TEXT = "L0505" "broken-text" Error None,
        "A text of the learner data holds half of a character: a `\\uD800`–`\\uDFFF` escape without its other half, what a program gives when it cuts an emoji or a rare character in two. Laurel never drops a value it cannot read, so the row is refused: correct the value where it comes from (the student records system) and export the file again.";
    HIDDEN_CHARACTER = "L0506" "hidden-character" Error None,
        "A value of the learner data holds a character that is not shown but changes what is shown: a control character (a line break or tab inside a name, a NUL) or a bidirectional override (U+202A–U+202E, U+2066–U+2069) that makes a name read differently from what it holds. Credentials carry names as written, so the row is refused: remove the character where the value comes from.";
    UNREADABLE_CREDENTIAL = "L0601" "unreadable-credential" Error None,
        "`laurel validate` could not read this file as a European Digital Credential. A credential file is JSON-LD in one of three forms: the credential object itself (with `@context`, `type` and `credentialSubject`), the EU issuer's upload form `{\"credential\": {...}}`, or a JAdES-sealed file whose `payload` holds the credential's JSON. Each key may appear once in an object, and the file holds one credential.";
    UNKNOWN_CONTEXT = "L0602" "unknown-context" Error None,
        "The credential's `@context` names a context Laurel does not know, so its keys cannot be read as ELM terms. Laurel bundles the two an EDC uses, `https://www.w3.org/2018/credentials/v1` and `http://data.europa.eu/snb/model/context/edc-ap`, and fetches nothing from the network: a credential with another context is not one the EU's tools accept either. A VCDM 2.0 credential (`https://www.w3.org/ns/credentials/v2` first, as EBSI's 2.1.0 schema asks) cannot be read with the EDC context at all: the VCDM 2.0 context protects `description`, which the EDC context defines again, and JSON-LD processors refuse the pair, so the shapes cannot check it (its EBSI schema is still checked). `laurel build --target ebsi-vcdm2` checks the shapes on the same document with the VCDM 1.1 context before writing it.";
    SHAPE_VIOLATION = "L0603" "shape-violation" Error None,
        "The credential does not meet the EU's EDC SHACL shapes (the application profile the Europass viewer and the EU's issuer check): a property is missing, repeated, of the wrong kind, or not from its controlled list. The message says what the shape asks for and the versions (1.1.0 strict, 1.2.0 current) that found it; the help names the shape. (A shape whose severity is a warning gives a warning; the bundled shapes have none.)";
    EBSI_SCHEMA = "L0604" "ebsi-schema" Warning None,
        "The credential does not meet the Europass EDC JSON Schema of the EBSI Trusted Schemas Registry (VCDM 1.1 or 2.0, chosen by its first `@context`), which wallets and verifiers on EBSI check. The EU's viewer and issuer do not apply it, and the credentials they make do not meet it (none lists `VerifiableAttestation` in its `type`), so it is a warning: it tells whether the credential will pass on EBSI. `laurel build --target ebsi` (or `target = \"ebsi\"` in `Laurel.toml`) writes credentials that meet it. The message says what is wrong where; the help names the schema keyword.";
}
