//! The language contract: every example of language.md compiles, with its meaning.

use std::path::PathBuf;

use laurel::check::{Level, QualityAssurance, StudyTime, TermOrText};
use laurel::elm::{self, mapping::lookup};
use laurel::project::Project;
use laurel::source::Sources;

const CONTRACT: &str = include_str!("fixtures/language-contract.laurel");

/// Compiles `text` as a project in `tests/fixtures/` (where the files it names are).
fn compile(text: &str) -> laurel::project::Compilation {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sources = Sources::new();
    sources.add(root.join("spec.laurel"), text);
    Project::from_sources(root, Default::default(), sources).compile()
}

/// The committed fixture is exactly the ```laurel blocks of the language design
/// (`tests/contract/language.md`, a verbatim copy).
#[test]
fn fixture_matches_language_md() {
    let doc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/contract/language.md");
    let text = std::fs::read_to_string(&doc)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", doc.display()));
    let mut blocks = String::new();
    let mut inside = false;
    for line in text.lines() {
        match (inside, line) {
            (false, "```laurel") => inside = true,
            (true, "```") => inside = false,
            (true, l) => {
                blocks.push_str(l);
                blocks.push('\n');
            }
            _ => {}
        }
    }
    assert_eq!(
        blocks, CONTRACT,
        "language.md changed: refresh compiler/tests/fixtures/language-contract.laurel"
    );
}

#[test]
fn every_example_compiles_without_errors_or_warnings() {
    let c = compile(CONTRACT);
    // the one outcome written without a skill gets the note that suggests some
    let notes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.id).collect();
    assert_eq!(notes, ["L0306"], "{:#?}", c.diagnostics);
}

#[test]
fn the_examples_mean_what_language_md_says() {
    let c = compile(CONTRACT);
    let m = &c.model;
    let academy = &m.organisations[0];
    assert_eq!(
        academy.legal_name.get("de"),
        Some("Beispielakademie für angewandte Datenwissenschaft")
    );
    assert_eq!(
        academy
            .country
            .as_ref()
            .unwrap()
            .concept
            .notation
            .as_deref(),
        Some("DEU")
    );
    assert_eq!(academy.accreditations[0].by, Some(1));
    let rdm = m
        .credentials
        .iter()
        .find(|c| c.name == "rdm-essentials")
        .unwrap();
    assert_eq!(
        rdm.title.get("de"),
        Some("Grundlagen des Forschungsdatenmanagements")
    );
    assert_eq!(
        (rdm.ects, rdm.time),
        (Some(3.0), Some(StudyTime::Hours(75.0)))
    );
    assert!(
        matches!(&rdm.eqf, Level::Eqf(t) if t.concept.iri == "http://data.europa.eu/snb/eqf/5")
    );
    assert_eq!(
        rdm.modes[0].concept.iri,
        "http://data.europa.eu/snb/learning-assessment/920fbb3cbe"
    );
    assert_eq!(
        rdm.setting.as_ref().unwrap().concept.iri,
        "http://data.europa.eu/snb/learning-setting/e207a81fc7"
    );
    assert_eq!(
        rdm.fields[0].concept.iri,
        "http://data.europa.eu/snb/isced-f/0613"
    );
    assert_eq!(
        rdm.languages[0].concept.iri,
        "http://publications.europa.eu/resource/authority/language/ENG"
    );
    assert_eq!(
        rdm.quality_assurance,
        vec![QualityAssurance::Organisation(0)]
    );
    assert_eq!(rdm.outcomes.len(), 2);
    assert_eq!(
        rdm.outcomes[0].skills[0].iri(),
        "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11"
    );
    assert_eq!(
        rdm.outcomes[0]
            .reuse
            .as_ref()
            .unwrap()
            .concept
            .notation
            .as_deref(),
        Some("transversal")
    );
    assert!(
        matches!(rdm.activities[0].kinds.as_slice(), [TermOrText::Term(t)] if t.concept.iri.ends_with("bf2e3a7bae"))
    );
    let exam = &rdm.assessments[0];
    assert!(
        matches!(&exam.kind, Some(TermOrText::Term(t)) if t.concept.iri.ends_with("6e6cb2cc78"))
    );
    assert!(exam
        .supervision
        .as_ref()
        .unwrap()
        .concept
        .iri
        .ends_with("70be69aaf9"));
    assert_eq!(
        exam.grading.as_ref().unwrap().url.as_deref(),
        Some("https://academy.example/grading")
    );
    assert_eq!(rdm.stackable_into, vec![0]);
    // The template's fields arrive in the credential that uses it.
    let python = m
        .credentials
        .iter()
        .find(|c| c.name == "python-data")
        .unwrap();
    assert_eq!(python.awarding_bodies, vec![0]);
    assert_eq!(python.modes[0].concept.iri, rdm.modes[0].concept.iri);
    assert_eq!(python.languages.len(), 1);
    // The qualification and the award.
    assert_eq!(m.qualifications[0].ects, Some(15.0));
    let award = &m.awards[0];
    assert_eq!(award.learner.key(), "S-20250042");
    assert_eq!(
        award
            .learner
            .national_id
            .as_ref()
            .unwrap()
            .1
            .as_ref()
            .unwrap()
            .concept
            .notation
            .as_deref(),
        Some("POL")
    );
}

#[test]
fn the_award_lands_at_the_elm_paths_of_annex_i() {
    let c = compile(CONTRACT);
    let m = &c.model;
    let doc = elm::credential(m, &m.awards[0], &elm::Options::default());
    let one = |path: &str| -> serde_json::Value {
        let found = lookup(&doc, path);
        assert!(!found.is_empty(), "nothing at {path}");
        found[0].clone()
    };
    assert_eq!(one("/issued"), "2025-03-14T00:00:00Z");
    assert_eq!(one("/credentialSubject/givenName/en"), "Mira");
    assert_eq!(
        one("/credentialSubject/dateOfBirth"),
        "1996-04-02T00:00:00Z"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/title/en"),
        "Research Data Management Essentials"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/awardedBy/awardingBody/location/address/countryCode/id"),
        "http://publications.europa.eu/resource/authority/country/DEU"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/specifiedBy/creditPoint/point"),
        "3"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/specifiedBy/volumeOfLearning"),
        "PT75H"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/specifiedBy/eqfLevel/id"),
        "http://data.europa.eu/snb/eqf/5"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/provenBy/grade/noteLiteral/en"),
        "1.7 (good)"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/provenBy/specifiedBy/dcType/id"),
        "http://data.europa.eu/snb/assessment/6e6cb2cc78"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/influencedBy/temporal/startDate"),
        "2025-01-13T00:00:00Z"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/specifiedBy/accreditation/accreditingAgent/legalName/en"),
        "Example Quality Assurance Agency"
    );
    assert_eq!(
        one("/credentialSubject/hasClaim/specifiedBy/isPartialQualification"),
        true
    );
    assert_eq!(one("/issuer/eIDASIdentifier/notation"), "VATDE-123456789");
    // Same id, same content: the issuer repeats the awarding body verbatim.
    assert_eq!(
        one("/issuer"),
        one("/credentialSubject/hasClaim/awardedBy/awardingBody")
    );
}

/// Every row of the mapping table holds: a fixture that writes every field of every
/// block compiles, and each field lands where the table says.
#[test]
fn every_mapping_row_lands_where_the_table_says() {
    let c = compile(include_str!("fixtures/every-field.laurel"));
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    let m = &c.model;
    let doc = elm::credential(m, &m.awards[0], &elm::Options::default());
    for row in elm::mapping::FIELD_MAP {
        assert!(
            !lookup(&doc, row.path).is_empty(),
            "{:?} `{}` → {} is empty",
            row.block,
            row.key,
            row.path
        );
    }
    assert_eq!(lookup(&doc, "/validUntil")[0], "2030-06-30T23:59:59Z");
    assert_eq!(lookup(&doc, "/issuer/legalName/en")[0], "Partner Platform");
    assert_eq!(
        lookup(&doc, "/evidence/dcType/id")[0],
        elm::EVIDENCE_MANDATE
    );
}
