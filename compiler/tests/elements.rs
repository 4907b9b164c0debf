//! What the ELM output says for the elements a real micro-credential carries: each test
//! writes a small project and reads the credential's JSON-LD.

use std::path::PathBuf;

use laurel::elm;
use laurel::project::{Compilation, Project};
use laurel::source::Sources;
use laurel::validate::run::{conformance, Options};
use laurel::validate::shapes::ShapesVersion;
use serde_json::Value;

/// An organisation and an outcome, the start of every test's project.
const BASE: &str = r#"organisation uni {
  legal-name "Example University"
  eidas-id "VATDE-111111111"
  vat-id "DE111111111"
  country DE
}

outcome basics "Explain the basics" {
  skill esco "manage findable accessible interoperable and reusable data"
}

outcome digital "Create digital content" {
  related-skill "Developing digital content" {
    title "Digitale Inhalte entwickeln"@de
    iri "http://data.europa.eu/snb/dcf/u69o196gu6"
    framework "http://data.europa.eu/snb/dcf/25831c2"
  }
}
"#;

fn compile(text: &str) -> Compilation {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sources = Sources::new();
    sources.add(root.join("spec.laurel"), text);
    Project::from_sources(root, Default::default(), sources).compile()
}

/// The codes of what `text` gives.
fn codes(text: &str) -> Vec<&'static str> {
    compile(text)
        .diagnostics
        .iter()
        .map(|d| d.code.id)
        .collect()
}

/// Asserts that `text` gives a diagnostic with `message`.
fn assert_says(text: &str, message: &str) {
    let c = compile(text);
    let messages: Vec<&str> = c.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.contains(&message), "{messages:?}");
}

/// The credential of the first award in `text`, which compiles without errors and meets
/// the EDC 1.2.0 shapes (1.1.0 also wants the page images, which these leave out; the
/// conformance tests check both versions with them).
fn credential(text: &str) -> Value {
    let c = compile(text);
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == laurel::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let doc = elm::credential(&c.model, &c.model.awards[0], &elm::Options::default());
    let options = Options {
        versions: vec![ShapesVersion::V1_2_0],
        profile: None,
    };
    let conformance = conformance(&doc, &options);
    let violations: Vec<_> = conformance
        .shapes
        .expect("the shapes run")
        .into_iter()
        .filter(|f| f.violation)
        .collect();
    assert!(violations.is_empty(), "{violations:#?}");
    doc
}

/// A project: [`BASE`] and a micro-credential `mc` with `fields` added (and a quality
/// assurance statement unless they have one), awarded to a learner with `learner`.
fn awarded(fields: &str, learner: &str) -> String {
    let qa = if fields.contains("quality-assurance") {
        ""
    } else {
        "  quality-assurance \"Internal quality system certified to ISO 21001\"\n"
    };
    format!(
        "{BASE}\nmicro-credential mc {{\n  title \"Data basics\"\n  awarding-body uni\n  workload 2 ects\n  eqf 5\n  outcome basics\n  mode online\n  assessment \"Exam\" {{\n    type written-examination\n  }}\n{qa}{fields}}}\n\naward mc {{\n  learner {{\n{learner}  }}\n  date 2025-06-30\n}}\n"
    )
}

#[test]
fn a_learners_name_keeps_its_language() {
    let doc = credential(&awarded(
        "",
        "    given-name \"Олена\"@uk\n    family-name \"Шевченко\"@uk\n",
    ));
    let person = &doc["credentialSubject"];
    assert_eq!(person["givenName"], serde_json::json!({"uk": "Олена"}));
    assert_eq!(person["familyName"], serde_json::json!({"uk": "Шевченко"}));
    assert_eq!(
        person["fullName"],
        serde_json::json!({"uk": "Олена Шевченко"})
    );
    // untagged, a name is in the project's default language
    let doc = credential(&awarded("", "    given-name \"Ana\"\n"));
    assert_eq!(
        doc["credentialSubject"]["givenName"],
        serde_json::json!({"en": "Ana"})
    );
}

/// Every object below `value` (itself included) whose `key` is `expected`.
fn objects_with<'a>(value: &'a Value, key: &str, expected: &Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.get(key) == Some(expected) {
                out.push(value);
            }
            map.values()
                .for_each(|v| objects_with(v, key, expected, out));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| objects_with(v, key, expected, out)),
        _ => {}
    }
}

/// The notes whose subject is the own concept `urn:epass:concept:<concept>`.
fn notes_about<'a>(doc: &'a Value, concept: &str) -> Vec<&'a Value> {
    let mut notes = Vec::new();
    objects_with(doc, "type", &Value::from("Note"), &mut notes);
    let id = Value::from(format!("urn:epass:concept:{concept}"));
    let mut seen: Vec<&Value> = Vec::new();
    for note in notes {
        if note["subject"]["id"] == id && !seen.iter().any(|n| n["id"] == note["id"]) {
            seen.push(note);
        }
    }
    seen
}

#[test]
fn a_statement_in_two_languages_is_one_note() {
    let doc = credential(&awarded(
        "  quality-assurance \"Audited every year\"@en\n  quality-assurance \"Jährlich geprüft\"@de\n",
        "    given-name \"Ana\"\n",
    ));
    let notes = notes_about(&doc, "qualityAssurance");
    let texts: Vec<&Value> = notes.iter().map(|n| &n["noteLiteral"]).collect();
    assert_eq!(
        texts,
        [&serde_json::json!({"en": "Audited every year", "de": "Jährlich geprüft"})],
        "{notes:#?}"
    );
    // two statements in one language are one too many, as for `prerequisites`
    assert!(codes(&awarded(
        "  quality-assurance \"Audited\"\n  quality-assurance \"Certified\"\n",
        "    given-name \"Ana\"\n",
    ))
    .contains(&"L0013"));
}

#[test]
fn attendance_beside_an_assessment_is_fine_alone_it_is_not() {
    let with = |assessments: &str| {
        let text = awarded("", "    given-name \"Ana\"\n").replace(
            "  assessment \"Exam\" {\n    type written-examination\n  }\n",
            assessments,
        );
        codes(&text)
    };
    let attendance = "  assessment \"Attendance\" {\n    type level-of-attendance\n  }\n";
    assert!(with(attendance).contains(&"L0305"));
    let both =
        format!("{attendance}  assessment \"Exam\" {{\n    type written-examination\n  }}\n");
    assert!(!with(&both).contains(&"L0305"), "{:?}", with(&both));
}

#[test]
fn eqf_none_says_not_applicable() {
    let doc = credential(&awarded("", "    given-name \"Ana\"\n").replace("eqf 5", "eqf none"));
    let spec = &doc["credentialSubject"]["hasClaim"]["specifiedBy"];
    assert!(spec.get("eqfLevel").is_none(), "{spec:#}");
    let notes = notes_about(&doc, "level");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(
        notes[0]["noteLiteral"],
        serde_json::json!({"en": "Not applicable: no EQF level"})
    );
    assert_eq!(
        notes[0]["subject"]["prefLabel"]["en"],
        "Level (EQF, QF-EHEA)"
    );
    // leaving the level out says nothing
    let doc = credential(&awarded("", "    given-name \"Ana\"\n").replace("  eqf 5\n", ""));
    assert!(notes_about(&doc, "level").is_empty());
}

#[test]
fn the_certificate_says_its_number_subtitle_and_the_learners_record() {
    let text = awarded(
        "  subtitle \"has successfully completed a micro-module\"\n  subtitle \"hat ein Mikromodul abgeschlossen\"@de\n",
        "    given-name \"Ana\"\n    citizenship PRT\n    citizenship BR\n    place-of-birth \"Porto\" country PRT\n",
    )
    .replace("  date 2025-06-30\n", "  date 2025-06-30\n  number \"C012\"\n");
    let doc = credential(&text);
    assert_eq!(doc["identifier"]["notation"], "C012");
    assert_eq!(doc["identifier"]["schemeName"], "Certificate number");
    assert_eq!(
        doc["displayParameter"]["description"],
        serde_json::json!({"en": "has successfully completed a micro-module", "de": "hat ein Mikromodul abgeschlossen"})
    );
    let person = &doc["credentialSubject"];
    let countries: Vec<&str> = person["citizenshipCountry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        countries,
        [
            "http://publications.europa.eu/resource/authority/country/PRT",
            "http://publications.europa.eu/resource/authority/country/BRA"
        ]
    );
    let place = &person["placeOfBirth"];
    assert_eq!(place["type"], "Location");
    assert_eq!(
        place["address"]["fullAddress"]["noteLiteral"],
        serde_json::json!({"en": "Porto"})
    );
    assert_eq!(
        place["address"]["countryCode"]["id"],
        "http://publications.europa.eu/resource/authority/country/PRT"
    );
    // a place of birth needs its country
    assert_says(
        &awarded("", "    given-name \"Ana\"\n    place-of-birth \"Porto\"\n"),
        "a place of birth needs its country",
    );
    // none of it is written when not given
    let doc = credential(&awarded("", "    given-name \"Ana\"\n"));
    assert!(doc["credentialSubject"].get("placeOfBirth").is_none());
    assert!(doc.get("identifier").is_none());
    assert!(doc["displayParameter"].get("description").is_none());
    assert!(doc["credentialSubject"].get("citizenshipCountry").is_none());
    // a citizenship is a country of the list
    assert!(codes(&awarded(
        "",
        "    given-name \"Ana\"\n    citizenship Atlantis\n"
    ))
    .contains(&"L0030"));
}

#[test]
fn an_organisation_says_its_identifiers_names_and_alliance() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  vat-id \"DE111111111\"\n",
        "  vat-id \"DE111111111\"\n  tax-id \"22/111/11111\"\n  legal-id \"HRB 12345\"\n  acronym \"EU-X\"\n  acronym \"EU-X-de\"@de\n  member-of \"Research Alliance\"\n",
    );
    let doc = credential(&text);
    let org = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
    let org = if org.is_array() { &org[0] } else { org };
    for (property, notation) in [
        ("vatIdentifier", "DE111111111"),
        ("taxIdentifier", "22/111/11111"),
        ("registration", "HRB 12345"),
    ] {
        assert_eq!(org[property]["type"], "LegalIdentifier", "{property}");
        assert_eq!(org[property]["notation"], notation, "{property}");
        assert_eq!(
            org[property]["spatial"]["id"],
            "http://publications.europa.eu/resource/authority/country/DEU"
        );
    }
    assert_eq!(
        org["altLabel"],
        serde_json::json!({"en": "EU-X", "de": "EU-X-de"})
    );
    assert_eq!(org["groupMemberOf"]["type"], "Group");
    assert_eq!(
        org["groupMemberOf"]["prefLabel"],
        serde_json::json!({"en": "Research Alliance"})
    );
    // a VAT number alone is a legal identifier (no L0302); none at all is L0302
    assert!(!codes(&awarded("", "    given-name \"Ana\"\n")).contains(&"L0302"));
    let bare = awarded("", "    given-name \"Ana\"\n").replace("  vat-id \"DE111111111\"\n", "");
    assert!(codes(&bare).contains(&"L0302"));
}

#[test]
fn a_workload_in_days_or_weeks_is_a_duration() {
    let volume = |workload: &str| {
        let doc = credential(&awarded("", "    given-name \"Ana\"\n").replace(
            "  workload 2 ects\n",
            &format!("  workload 2 ects\n  workload {workload}\n"),
        ));
        doc["credentialSubject"]["hasClaim"]["specifiedBy"]["volumeOfLearning"].clone()
    };
    assert_eq!(volume("55 hours"), "PT55H");
    assert_eq!(volume("3 days"), "P3D");
    assert_eq!(volume("1 week"), "P7D");
    assert_eq!(volume("2.5 days"), "P2DT12H");
    // one time only
    let twice = awarded("", "    given-name \"Ana\"\n").replace(
        "  workload 2 ects\n",
        "  workload 2 ects\n  workload 50 hours\n  workload 1 week\n",
    );
    assert!(codes(&twice).contains(&"L0011"), "{:?}", codes(&twice));
    // days alone still ask for ECTS
    let days_only = awarded("", "    given-name \"Ana\"\n")
        .replace("  workload 2 ects\n", "  workload 3 days\n");
    assert!(
        codes(&days_only).contains(&"L0301"),
        "{:?}",
        codes(&days_only)
    );
}

#[test]
fn an_activity_of_several_kinds_and_activities_and_assessments_in_a_language() {
    let text = awarded(
        "  activity \"Course\" {\n    type e-learning-coursework\n    type \"Peer review\"\n    description \"Weekly lessons\"\n    language fr\n  }\n",
        "    given-name \"Ana\"\n",
    )
    .replace(
        "    type written-examination\n",
        "    type written-examination\n    description \"One hour, online\"\n    language de\n",
    );
    let doc = credential(&text);
    let claim = &doc["credentialSubject"]["hasClaim"];
    let activity = &claim["influencedBy"]["specifiedBy"];
    let kinds: Vec<&str> = activity["dcType"]
        .as_array()
        .expect("two kinds")
        .iter()
        .map(|k| k["prefLabel"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["e-learning coursework", "Peer review"],
        "{activity:#}"
    );
    assert_eq!(
        activity["description"],
        serde_json::json!({"en": "Weekly lessons"})
    );
    assert_eq!(
        activity["language"]["id"],
        "http://publications.europa.eu/resource/authority/language/FRA"
    );
    let assessment = &claim["provenBy"]["specifiedBy"];
    assert_eq!(
        assessment["description"],
        serde_json::json!({"en": "One hour, online"})
    );
    assert_eq!(
        assessment["language"]["id"],
        "http://publications.europa.eu/resource/authority/language/DEU"
    );
}

#[test]
fn who_runs_an_activity_and_who_assesses() {
    let partner = "\norganisation partner {\n  legal-name \"Partner Lab\"\n  country FR\n}\n";
    let text = awarded(
        "  activity \"Lab\" {\n    directed-by partner\n  }\n",
        "    given-name \"Ana\"\n",
    )
    .replace(
        "    type written-examination\n",
        "    type written-examination\n    assessed-by partner\n",
    ) + partner;
    let doc = credential(&text);
    let claim = &doc["credentialSubject"]["hasClaim"];
    assert_eq!(
        claim["influencedBy"]["directedBy"]["legalName"]["en"],
        "Partner Lab"
    );
    assert_eq!(
        claim["provenBy"]["assessedBy"]["legalName"]["en"],
        "Partner Lab"
    );
    // the organisation is checked like an awarding body: it needs its country
    let no_country = text.replace("  country FR\n", "");
    assert!(
        codes(&no_country).contains(&"L0103"),
        "{:?}",
        codes(&no_country)
    );
    // and must exist
    let unknown = text.replace("directed-by partner", "directed-by nobody");
    assert!(codes(&unknown).contains(&"L0021"), "{:?}", codes(&unknown));
}

#[test]
fn ecvet_points_are_a_second_credit_point() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  workload 2 ects\n",
        "  workload 2 ects\n  workload 30 ecvet\n",
    );
    let doc = credential(&text);
    let spec = &doc["credentialSubject"]["hasClaim"]["specifiedBy"];
    let credits: Vec<(&str, &str)> = spec["creditPoint"]
        .as_array()
        .expect("two credit points")
        .iter()
        .map(|c| {
            (
                c["framework"]["id"].as_str().unwrap(),
                c["point"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        credits,
        [
            ("http://data.europa.eu/snb/education-credit/6fcec5c5af", "2"),
            (
                "http://data.europa.eu/snb/education-credit/60b314e826",
                "30"
            )
        ]
    );
    // ECVET alone states the workload and asks for nothing more (Q6)
    let vet = awarded("", "    given-name \"Ana\"\n")
        .replace("  workload 2 ects\n", "  workload 30 ecvet\n");
    let found = codes(&vet);
    assert!(
        !found.contains(&"L0107") && !found.contains(&"L0301"),
        "{found:?}"
    );
}

#[test]
fn an_outcome_names_skills_of_other_frameworks() {
    let doc = credential(&awarded("  outcome digital\n", "    given-name \"Ana\"\n"));
    let outcomes = doc["credentialSubject"]["hasClaim"]["specifiedBy"]["learningOutcome"]
        .as_array()
        .expect("two outcomes")
        .clone();
    let related = &outcomes[1]["relatedSkill"];
    assert_eq!(related["id"], "http://data.europa.eu/snb/dcf/u69o196gu6");
    assert_eq!(
        related["inScheme"]["id"],
        "http://data.europa.eu/snb/dcf/25831c2"
    );
    assert_eq!(
        related["prefLabel"],
        serde_json::json!({"en": "Developing digital content", "de": "Digitale Inhalte entwickeln"})
    );
    // the IRI is needed, and must be one
    let text = awarded("  outcome digital\n", "    given-name \"Ana\"\n");
    let no_iri = text.replace("    iri \"http://data.europa.eu/snb/dcf/u69o196gu6\"\n", "");
    assert!(codes(&no_iri).contains(&"L0011"), "{:?}", codes(&no_iri));
    let not_iri = text.replace(
        "\"http://data.europa.eu/snb/dcf/u69o196gu6\"",
        "\"u69o196gu6\"",
    );
    assert!(codes(&not_iri).contains(&"L0011"), "{:?}", codes(&not_iri));
}

#[test]
fn an_organisation_gives_other_identifiers_with_their_scheme_and_a_phone() {
    let with = |org_lines: &str| {
        awarded("", "    given-name \"Ana\"\n").replace(
            "  vat-id \"DE111111111\"\n",
            &format!("  vat-id \"DE111111111\"\n{org_lines}"),
        )
    };
    let text = with(
        "  identifier \"949665519\" {\n    scheme \"PIC\"\n  }\n  identifier \"D HAMBURG01\" {\n    scheme \"Erasmus code\"\n  }\n  email \"office@uni.example\"\n  phone \"+49 40 1111111\"\n",
    );
    let doc = credential(&text);
    let org = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
    let org = if org.is_array() { &org[0] } else { org };
    let ids: Vec<(&str, &str, &str)> = org["identifier"]
        .as_array()
        .expect("two identifiers")
        .iter()
        .map(|i| {
            (
                i["type"].as_str().unwrap(),
                i["notation"].as_str().unwrap(),
                i["schemeName"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("Identifier", "949665519", "PIC"),
            ("Identifier", "D HAMBURG01", "Erasmus code")
        ]
    );
    assert_eq!(org["contactPoint"]["phone"]["type"], "Phone");
    assert_eq!(
        org["contactPoint"]["phone"]["phoneNumber"],
        "+49 40 1111111"
    );
    assert_eq!(
        org["contactPoint"]["emailAddress"]["id"],
        "mailto:office@uni.example"
    );
    // a phone alone is a contact point too
    let doc = credential(&with("  phone \"+49 40 1111111\"\n"));
    let org = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
    assert!(org["contactPoint"].get("emailAddress").is_none());
    // an identifier needs its scheme
    let c = compile(&with("  identifier \"949665519\" {\n  }\n"));
    let missing: Vec<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.id == "L0011")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(missing, ["an identifier needs the name of its scheme"]);
}

#[test]
fn an_entitlement_names_its_kind_status_occupations_and_who_grants_it() {
    let entitlement = "  entitlement \"Work as a data analyst\" {\n    title \"Arbeit als Datenanalyst\"@de\n    type occupation\n    status prospective\n    description \"Recognised by the employers' association\"\n    occupation data-scientist\n    occupation data-analyst\n    granted-by uni\n  }\n  maximum-duration 10 weeks\n";
    let doc = credential(&awarded(entitlement, "    given-name \"Ana\"\n"));
    let spec = &doc["credentialSubject"]["hasClaim"]["specifiedBy"];
    assert_eq!(spec["maximumDuration"], "P70D");
    let e = &spec["entitlesTo"];
    assert_eq!(e["type"], "LearningEntitlementSpecification");
    assert_eq!(
        e["title"],
        serde_json::json!({"en": "Work as a data analyst", "de": "Arbeit als Datenanalyst"})
    );
    assert_eq!(
        e["dcType"]["id"],
        "http://data.europa.eu/snb/entitlement/52f62180c2"
    );
    assert_eq!(
        e["entitlementStatus"]["id"],
        "http://data.europa.eu/snb/entitlement-status/5b8d6b34fb"
    );
    let occupations = e["limitOccupation"].as_array().expect("two occupations");
    assert_eq!(occupations.len(), 2);
    for o in occupations {
        assert!(o["id"]
            .as_str()
            .unwrap()
            .starts_with("http://data.europa.eu/esco/occupation/"));
        assert_eq!(
            o["inScheme"]["id"],
            "http://data.europa.eu/esco/concept-scheme/occupations"
        );
    }
    assert_eq!(occupations[0]["prefLabel"]["en"], "data scientist");
    assert_eq!(e["limitOrganisation"]["type"], "Organisation");
    // type and status are required; an occupation is one of ESCO's
    let without = awarded(
        &entitlement
            .replace("    type occupation\n", "")
            .replace("    status prospective\n", ""),
        "    given-name \"Ana\"\n",
    );
    assert_says(&without, "an entitlement needs its type");
    assert_says(&without, "an entitlement needs its status");
    let unknown = awarded(
        &entitlement.replace("data-analyst", "data-wizard"),
        "    given-name \"Ana\"\n",
    );
    assert!(codes(&unknown).contains(&"L0030"), "{:?}", codes(&unknown));
    // a fraction of a month is no XSD duration Laurel writes
    let fraction = awarded(
        &entitlement.replace("10 weeks", "1.5 months"),
        "    given-name \"Ana\"\n",
    );
    assert!(codes(&fraction).contains(&"L0011"));
}

#[test]
fn an_assessment_type_in_the_issuers_own_words_is_its_own_concept() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "    type written-examination\n",
        "    type \"artefact assessment\"\n",
    );
    let doc = credential(&text);
    let kind = &doc["credentialSubject"]["hasClaim"]["provenBy"]["specifiedBy"]["dcType"];
    assert_eq!(kind["id"], "urn:epass:concept:artefact-assessment");
    assert_eq!(
        kind["prefLabel"],
        serde_json::json!({"en": "artefact assessment"})
    );
    // a word that is not in the list is still refused, and an own term is not attendance
    let unknown = text.replace("\"artefact assessment\"", "artefact-assesment");
    assert!(codes(&unknown).contains(&"L0030"), "{:?}", codes(&unknown));
    let attendance = text.replace("\"artefact assessment\"", "\"level of attendance\"");
    assert!(!codes(&attendance).contains(&"L0305"));
}

#[test]
fn the_learners_gender_and_address_and_an_organisations_contact_address() {
    let text = awarded(
        "",
        "    given-name \"Ana\"\n    email \"ana@example.org\"\n    gender female\n    address \"Via da Vinci 12, Rome\" country ITA\n",
    )
    .replace(
        "  country DE\n",
        "  country DE\n  email \"info@uni.example\"\n  contact-address \"Campus Square 429, 20095 Hamburg\"\n",
    );
    let doc = credential(&text);
    let person = &doc["credentialSubject"];
    assert_eq!(
        person["gender"]["id"],
        "http://publications.europa.eu/resource/authority/human-sex/FEMALE"
    );
    assert_eq!(person["gender"]["notation"], "human-sex");
    let contact = &person["contactPoint"];
    assert_eq!(contact["emailAddress"]["id"], "mailto:ana@example.org");
    assert_eq!(
        contact["address"]["fullAddress"]["noteLiteral"],
        serde_json::json!({"en": "Via da Vinci 12, Rome"})
    );
    assert_eq!(
        contact["address"]["countryCode"]["id"],
        "http://publications.europa.eu/resource/authority/country/ITA"
    );
    let org = &person["hasClaim"]["awardedBy"]["awardingBody"];
    let org_contact = &org["contactPoint"];
    assert_eq!(org_contact["emailAddress"]["id"], "mailto:info@uni.example");
    assert_eq!(
        org_contact["address"]["fullAddress"]["noteLiteral"],
        serde_json::json!({"en": "Campus Square 429, 20095 Hamburg"})
    );
    assert_eq!(
        org_contact["address"]["countryCode"]["id"],
        "http://publications.europa.eu/resource/authority/country/DEU"
    );
    // an address needs its country; a gender is a word of the list
    assert_says(
        &awarded(
            "",
            "    given-name \"Ana\"\n    address \"Via da Vinci 12, Rome\"\n",
        ),
        "an address needs its country",
    );
    assert!(codes(&awarded("", "    given-name \"Ana\"\n    gender f\n")).contains(&"L0030"));
}

#[test]
fn an_activity_gives_further_information_and_documents() {
    let activity = "  activity \"Course\" {\n    type e-learning-coursework\n    further-information \"Runs every term\"\n    document \"Online Credential Builder\" {\n      title \"Online-Baukasten\"@de\n      url \"https://europa.eu/europass/digital-credentials/issuer/\"\n    }\n  }\n";
    let doc = credential(&awarded(activity, "    given-name \"Ana\"\n"));
    let spec = &doc["credentialSubject"]["hasClaim"]["influencedBy"]["specifiedBy"];
    assert_eq!(
        spec["additionalNote"]["noteLiteral"],
        serde_json::json!({"en": "Runs every term"})
    );
    assert_eq!(
        spec["additionalNote"]["subject"]["id"],
        "urn:epass:concept:furtherInformation"
    );
    let document = &spec["supplementaryDocument"];
    assert_eq!(document["type"], "WebResource");
    assert_eq!(
        document["contentURL"],
        "https://europa.eu/europass/digital-credentials/issuer/"
    );
    assert_eq!(
        document["title"],
        serde_json::json!({"en": "Online Credential Builder", "de": "Online-Baukasten"})
    );
    // a document needs its address
    let no_url = awarded(
        &activity.replace(
            "      url \"https://europa.eu/europass/digital-credentials/issuer/\"\n",
            "",
        ),
        "    given-name \"Ana\"\n",
    );
    assert_says(&no_url, "a document needs its address");
}

#[test]
fn an_assessment_gets_its_own_grade_from_a_result() {
    let fields = "  assessment \"Project\" {\n    type project-work\n  }\n";
    let text = awarded(fields, "    given-name \"Ana\"\n").replace(
        "  date 2025-06-30\n",
        "  date 2025-06-30\n  grade \"Pass\"\n  result \"Project\" {\n    grade \"Excellent\"\n    grade \"Ausgezeichnet\"@de\n  }\n",
    );
    let doc = credential(&text);
    let proven = doc["credentialSubject"]["hasClaim"]["provenBy"]
        .as_array()
        .expect("two assessments")
        .clone();
    let grades: Vec<(&str, &Value)> = proven
        .iter()
        .map(|a| {
            (
                a["title"]["en"].as_str().unwrap(),
                &a["grade"]["noteLiteral"],
            )
        })
        .collect();
    assert_eq!(
        grades,
        [
            ("Exam", &serde_json::json!({"en": "Pass"})),
            (
                "Project",
                &serde_json::json!({"en": "Excellent", "de": "Ausgezeichnet"})
            ),
        ]
    );
    // a result names an assessment of the credential, once
    let c = compile(&text.replace("result \"Project\"", "result \"Projet\""));
    let wrong: Vec<(&str, Option<&str>)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.id == "L0011")
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        wrong,
        [(
            "`mc` has no assessment \"Projet\"",
            Some("did you mean \"Project\"?")
        )]
    );
    let twice = text.replace(
        "  result \"Project\" {",
        "  result \"Project\" {\n    grade \"B\"\n  }\n  result \"Project\" {",
    );
    assert!(codes(&twice).contains(&"L0012"), "{:?}", codes(&twice));
}

#[test]
fn the_qf_ehea_cycle_is_a_level_note() {
    let doc = credential(&awarded(
        "  qf-ehea first-cycle\n",
        "    given-name \"Ana\"\n",
    ));
    let notes = notes_about(&doc, "level");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(
        notes[0]["noteLiteral"],
        serde_json::json!({"en": "QF-EHEA: first cycle"})
    );
    let c = compile(&awarded(
        "  qf-ehea first-cycel\n",
        "    given-name \"Ana\"\n",
    ));
    let wrong: Vec<(&str, Option<&str>)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.id == "L0011")
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        wrong,
        [(
            "`first-cycel` is not one of the words `qf-ehea` takes",
            Some("did you mean `first-cycle`?")
        )]
    );
}

#[test]
fn a_region_and_a_jurisdiction_are_units_of_the_eus_table() {
    let entitlement = "  entitlement \"Work as a data analyst\" {\n    type occupation\n    status prospective\n    jurisdiction \"Ireland\" {\n      iri \"http://publications.europa.eu/resource/authority/atu/IRL\"\n    }\n  }\n";
    let text = awarded(entitlement, "    given-name \"Ana\"\n").replace(
        "  country DE\n",
        "  country DE\n  region \"Dublin city\" {\n    title \"Baile Átha Cliath\"@ga\n    iri \"http://publications.europa.eu/resource/authority/atu/IRL_CTH_DUB\"\n  }\n",
    );
    let doc = credential(&text);
    let claim = &doc["credentialSubject"]["hasClaim"];
    let region = &claim["awardedBy"]["awardingBody"]["location"]["spatialCode"];
    assert_eq!(
        region["id"],
        "http://publications.europa.eu/resource/authority/atu/IRL_CTH_DUB"
    );
    assert_eq!(
        region["inScheme"]["id"],
        "http://publications.europa.eu/resource/authority/atu"
    );
    assert_eq!(
        region["prefLabel"],
        serde_json::json!({"en": "Dublin city", "ga": "Baile Átha Cliath"})
    );
    let jurisdiction = &claim["specifiedBy"]["entitlesTo"]["limitJurisdiction"];
    assert_eq!(
        jurisdiction["id"],
        "http://publications.europa.eu/resource/authority/atu/IRL"
    );
    // the IRI is one of the table's
    let elsewhere = text.replace(
        "http://publications.europa.eu/resource/authority/atu/IRL_CTH_DUB",
        "http://example.org/regions/dublin",
    );
    assert_says(&elsewhere, "`http://example.org/regions/dublin` is not a unit of the EU's table of administrative units");
}

#[test]
fn an_own_term_is_given_once_per_language_on_its_line() {
    let text = awarded(
        "  activity \"Course\" {\n    type \"Peer review\" \"Begutachtung\"@de\n  }\n",
        "    given-name \"Ana\"\n",
    )
    .replace(
        "    type written-examination\n",
        "    type \"artefact assessment\" \"évaluation d'un artefact\"@fr\n",
    );
    let doc = credential(&text);
    let claim = &doc["credentialSubject"]["hasClaim"];
    assert_eq!(
        claim["influencedBy"]["specifiedBy"]["dcType"]["prefLabel"],
        serde_json::json!({"en": "Peer review", "de": "Begutachtung"})
    );
    let assessment = &claim["provenBy"]["specifiedBy"]["dcType"];
    assert_eq!(assessment["id"], "urn:epass:concept:artefact-assessment");
    assert_eq!(
        assessment["prefLabel"],
        serde_json::json!({"en": "artefact assessment", "fr": "évaluation d'un artefact"})
    );
    let twice = text.replace("\"Begutachtung\"@de", "\"Peer-Review\"");
    assert!(codes(&twice).contains(&"L0013"), "{:?}", codes(&twice));
}

#[test]
fn a_credential_sealed_later_keeps_the_moment_it_took_effect() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  date 2025-06-30\n",
        "  date 2025-09-27T13:54:17+02:00\n  valid-from 2025-06-30\n",
    );
    let doc = credential(&text);
    assert_eq!(doc["issued"], "2025-09-27T13:54:17+02:00");
    assert_eq!(doc["validFrom"], "2025-06-30T00:00:00Z");
    // without it, the credential takes effect when it is issued
    let doc = credential(&awarded("", "    given-name \"Ana\"\n"));
    assert_eq!(doc["validFrom"], doc["issued"]);
    // after the credential expires, it is out of order
    let late = awarded("  valid-until 2025-12-31\n", "    given-name \"Ana\"\n").replace(
        "  date 2025-06-30\n",
        "  date 2025-06-30\n  valid-from 2026-01-01\n",
    );
    assert_says(
        &late,
        "the award takes effect on 2026-01-01 (`valid-from`), after `mc` expires on 2025-12-31",
    );
}

#[test]
fn an_organisation_names_the_place_of_its_address() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  country DE\n",
        "  country DE\n  address \"Campus 1, 20095 Hamburg\"\n  location \"Main campus\"\n  location \"Hauptcampus\"@de\n",
    );
    let doc = credential(&text);
    let org = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
    let org = if org.is_array() { &org[0] } else { org };
    assert_eq!(
        org["location"]["description"],
        serde_json::json!({"en": "Main campus", "de": "Hauptcampus"})
    );
    assert_eq!(
        org["location"]["address"]["fullAddress"]["noteLiteral"],
        serde_json::json!({"en": "Campus 1, 20095 Hamburg"})
    );
}

#[test]
fn an_accreditation_needs_its_type_and_title() {
    let with = |block: &str| {
        awarded("", "    given-name \"Ana\"\n").replace(
            "  country DE\n",
            &format!("  country DE\n  accreditation {{\n{block}  }}\n"),
        )
    };
    assert_says(
        &with("    title \"Institutional accreditation\"\n"),
        "an accreditation needs its type",
    );
    assert_says(
        &with("    type institutional-quality-assurance\n"),
        "an accreditation needs its title",
    );
    credential(&with(
        "    type institutional-quality-assurance\n    title \"Institutional accreditation\"\n",
    ));
}

#[test]
fn a_credential_that_is_not_a_micro_credential_is_not_held_to_annex_i() {
    // A certificate of participation: a title, an awarding body and an activity.
    let body = "  title \"Summer School on Open Science\"\n  awarding-body uni\n  activity \"Summer school\" {\n    type <http://data.europa.eu/snb/learning-activity/bf2e3a7bae>\n  }\n}\n\naward school {\n  learner {\n    given-name \"Ana\"\n  }\n  date 2025-07-15\n}\n";
    let text = format!("{BASE}\ncredential school {{\n{body}");
    let doc = credential(&text);
    let claim = &doc["credentialSubject"]["hasClaim"];
    assert_eq!(
        claim["title"],
        serde_json::json!({"en": "Summer School on Open Science"})
    );
    assert_eq!(claim["specifiedBy"]["type"], "Qualification");
    // the same as a micro-credential lacks what Annex I asks for
    let micro = codes(&format!("{BASE}\nmicro-credential school {{\n{body}"));
    for code in ["L0106", "L0107", "L0109", "L0111"] {
        assert!(micro.contains(&code), "{code}: {micro:?}");
    }
    // a credential still needs its title and awarding body
    assert_says(
        &format!("{BASE}\ncredential school {{\n  awarding-body uni\n}}\n"),
        "this credential has no title",
    );
}

#[test]
fn a_concept_the_bundled_lists_lack_is_kept_by_its_iri() {
    const MODE: &str = "http://data.europa.eu/snb/learning-assessment/0a1b2c3d4e";
    const SKILL: &str = "http://data.europa.eu/esco/skill/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    let text = awarded(
        &format!("  outcome \"Use a newer skill\" {{\n    skill <{SKILL}>\n  }}\n"),
        "    given-name \"Ana\"\n",
    )
    .replace("  mode online\n", &format!("  mode <{MODE}>\n"));
    // (the base's second outcome is unused here, L0023, and links no skill, L0306)
    let kept = |text: &str| -> Vec<&str> {
        (codes(text).into_iter())
            .filter(|c| !matches!(*c, "L0023" | "L0306"))
            .collect()
    };
    assert_eq!(kept(&text), ["L0035", "L0035"]);
    let doc = credential(&text);
    let spec = &doc["credentialSubject"]["hasClaim"]["specifiedBy"];
    assert_eq!(
        spec["mode"],
        serde_json::json!({
            "id": MODE,
            "type": "Concept",
            "inScheme": {"id": "http://data.europa.eu/snb/learning-assessment/25831c2", "type": "ConceptScheme"},
        })
    );
    let skills: Vec<&Value> = spec["learningOutcome"]
        .as_array()
        .expect("two outcomes")
        .iter()
        .map(|o| &o["relatedESCOSkill"])
        .collect();
    assert_eq!(skills[1]["id"], SKILL);
    assert_eq!(skills[1].get("prefLabel"), None);
    // an IRI of another list, or one that is not an IRI, is still refused
    let country = text.replace(
        MODE,
        "http://publications.europa.eu/resource/authority/country/DEU",
    );
    assert_eq!(kept(&country), ["L0030", "L0035"]);
    let broken = text.replace(MODE, "data.europa.eu/snb/learning-assessment/0a1b2c3d4e");
    assert_eq!(kept(&broken), ["L0011", "L0035"]);
}

#[test]
fn a_credential_is_shown_under_its_display_title_else_its_title() {
    let doc = credential(&awarded("", "    given-name \"Ana\"\n"));
    assert_eq!(
        doc["displayParameter"]["title"],
        serde_json::json!({"en": "Data basics"})
    );
    let doc = credential(&awarded(
        "  display-title \"Micro-credential\"\n  display-title \"Microcredencial\"@es\n",
        "    given-name \"Ana\"\n",
    ));
    assert_eq!(
        doc["displayParameter"]["title"],
        serde_json::json!({"en": "Micro-credential", "es": "Microcredencial"})
    );
    assert_eq!(
        doc["credentialSubject"]["hasClaim"]["title"],
        serde_json::json!({"en": "Data basics"})
    );
}

#[test]
fn an_alliance_gives_its_own_contact_once() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  country DE\n}",
        "  country DE\n  member-of \"Research Alliance\" {\n    email \"info@resa.example\"\n    phone \"+32 2 1234567\"\n  }\n  member-of \"Forschungsallianz\"@de\n}",
    );
    let doc = credential(&text);
    let group = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"]["groupMemberOf"];
    assert_eq!(
        group["prefLabel"],
        serde_json::json!({"en": "Research Alliance", "de": "Forschungsallianz"})
    );
    assert_eq!(
        group["contactPoint"]["emailAddress"]["id"],
        "mailto:info@resa.example"
    );
    assert_eq!(
        group["contactPoint"]["phone"]["phoneNumber"],
        "+32 2 1234567"
    );
    // the organisation's own contact stays its own
    assert!(
        doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"]
            .get("contactPoint")
            .is_none()
    );
    let twice = text.replace(
        "  member-of \"Forschungsallianz\"@de\n",
        "  member-of \"Forschungsallianz\"@de {\n    email \"x@resa.example\"\n  }\n",
    );
    assert_says(&twice, "the alliance's contact is given twice");
}

#[test]
fn an_organisations_address_is_given_once_per_language() {
    let text = awarded("", "    given-name \"Ana\"\n").replace(
        "  country DE\n}",
        "  country DE\n  address \"Musterstrasse 1, 10115 Berlin\"\n  address \"Musterstraße 1, 10115 Berlin\"@de\n}",
    );
    let doc = credential(&text);
    let body = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
    assert_eq!(
        body["location"]["address"]["fullAddress"]["noteLiteral"],
        serde_json::json!({"en": "Musterstrasse 1, 10115 Berlin", "de": "Musterstraße 1, 10115 Berlin"})
    );
    let twice = text.replace(
        "Musterstraße 1, 10115 Berlin\"@de",
        "Musterstraße 1, 10115 Berlin\"",
    );
    assert!(codes(&twice).contains(&"L0013"), "{:?}", codes(&twice));
}
