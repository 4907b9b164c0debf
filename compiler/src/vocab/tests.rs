//! Tests for the ELM concept schemes, the ISO code mapping and the ESCO index.

use super::*;

fn iri_of(s: Scheme, word: &str) -> String {
    match scheme(s).resolve(word) {
        Ok(c) => c.iri.clone(),
        Err(sugg) => panic!("{word:?} did not resolve in {s:?}; suggestions {sugg:?}"),
    }
}

#[test]
fn all_schemes_listed_once_and_in_index_order() {
    assert_eq!(Scheme::ALL.len(), 21);
    for (i, s) in Scheme::ALL.iter().enumerate() {
        assert_eq!(s.index(), i, "{s:?}");
        assert!(!s.name().is_empty());
    }
}

#[test]
fn scheme_iris_and_notation_labels() {
    assert_eq!(Scheme::Eqf.iri(), "http://data.europa.eu/snb/eqf/25831c2");
    assert_eq!(
        Scheme::LearningMode.iri(),
        "http://data.europa.eu/snb/learning-assessment/25831c2"
    );
    assert_eq!(
        Scheme::CredentialProfile.iri(),
        "http://data.europa.eu/snb/credential/25831c2"
    );
    assert_eq!(
        Scheme::Country.iri(),
        "http://publications.europa.eu/resource/authority/country"
    );
    assert_eq!(
        Scheme::Language.iri(),
        "http://publications.europa.eu/resource/authority/language"
    );
    assert_eq!(Scheme::Country.notation_label(), Some("country"));
    assert_eq!(Scheme::Language.notation_label(), Some("language"));
    assert_eq!(Scheme::Eqf.notation_label(), None);
    assert_eq!(Scheme::Eqf.name(), "EQF level");
    assert_eq!(
        Scheme::LearningMode.name(),
        "mode of learning and assessment"
    );
}

#[test]
fn every_scheme_loads_with_expected_counts_and_namespaced_iris() {
    let expected = [
        (Scheme::LearningActivity, 12),
        (Scheme::LearningMode, 7),
        (Scheme::LearningSetting, 2),
        (Scheme::Assessment, 17),
        (Scheme::SupervisionVerification, 4),
        (Scheme::LearningOpportunity, 13),
        (Scheme::Eqf, 8),
        (Scheme::Qdr, 424),
        (Scheme::IscedF, 220),
        (Scheme::Country, 253),
        (Scheme::Language, 8175),
        (Scheme::EducationCredit, 2),
        (Scheme::Accreditation, 4),
        (Scheme::SkillType, 2),
        (Scheme::SkillReuseLevel, 4),
        (Scheme::CredentialProfile, 8),
        (Scheme::EvidenceType, 3),
        (Scheme::Entitlement, 3),
        (Scheme::EntitlementStatus, 2),
        (Scheme::EscoOccupation, 3007),
        (Scheme::HumanSex, 3),
    ];
    assert_eq!(expected.len(), Scheme::ALL.len());
    for (s, n) in expected {
        let cs = scheme(s);
        assert_eq!(cs.scheme(), s);
        assert_eq!(cs.concepts().len(), n, "{s:?}");
        let ns = match s {
            Scheme::Country | Scheme::Language | Scheme::HumanSex => format!("{}/", s.iri()),
            Scheme::EscoOccupation => "http://data.europa.eu/esco/occupation/".to_string(),
            _ => format!("http://data.europa.eu/snb/{}/", s.slug()),
        };
        for c in cs.concepts() {
            assert!(c.iri.starts_with(&ns), "{s:?}: {}", c.iri);
            // every concept can be found again by IRI and by its own kebab word
            assert_eq!(cs.by_iri(&c.iri).map(|x| &x.iri), Some(&c.iri));
            assert!(!c.kebab().is_empty(), "{}", c.iri);
        }
    }
}

#[test]
fn english_kebab_words_are_unique_in_the_small_schemes() {
    for &s in Scheme::ALL {
        if matches!(
            s,
            Scheme::Language | Scheme::Country | Scheme::Qdr | Scheme::IscedF
        ) {
            continue;
        }
        let mut seen = std::collections::HashSet::new();
        for c in scheme(s).concepts() {
            assert!(seen.insert(c.kebab()), "{s:?}: duplicate {}", c.kebab());
            // and the kebab word resolves back to the concept
            assert_eq!(iri_of(s, &c.kebab()), c.iri, "{s:?} {}", c.kebab());
        }
    }
}

#[test]
fn resolve_by_notation() {
    assert_eq!(iri_of(Scheme::Eqf, "5"), "http://data.europa.eu/snb/eqf/5");
    assert_eq!(
        iri_of(Scheme::IscedF, "0613"),
        "http://data.europa.eu/snb/isced-f/0613"
    );
    assert_eq!(
        iri_of(Scheme::Country, "DEU"),
        "http://publications.europa.eu/resource/authority/country/DEU"
    );
    assert_eq!(
        iri_of(Scheme::Country, "deu"),
        "http://publications.europa.eu/resource/authority/country/DEU"
    );
    assert_eq!(
        iri_of(Scheme::Language, "ENG"),
        "http://publications.europa.eu/resource/authority/language/ENG"
    );
    assert_eq!(
        iri_of(Scheme::SkillReuseLevel, "transversal"),
        "http://data.europa.eu/snb/skill-reuse-level/transversal"
    );
    assert_eq!(
        iri_of(Scheme::SkillType, "skill"),
        "http://data.europa.eu/snb/skill-type/skill"
    );
    let c = scheme(Scheme::Eqf).resolve("5").ok();
    assert_eq!(c.and_then(|c| c.notation.as_deref()), Some("5"));
    assert_eq!(c.map(|c| c.label_en.as_str()), Some("Level 5"));
    assert_eq!(c.map(|c| c.kebab()), Some("level-5".to_string()));
    assert_eq!(
        iri_of(Scheme::Eqf, "level-5"),
        "http://data.europa.eu/snb/eqf/5"
    );
}

#[test]
fn resolve_by_iso_codes() {
    let deu = "http://publications.europa.eu/resource/authority/country/DEU";
    assert_eq!(iri_of(Scheme::Country, "DE"), deu);
    assert_eq!(iri_of(Scheme::Country, "de"), deu);
    assert_eq!(iri_of(Scheme::Country, "germany"), deu);
    assert_eq!(iri_of(Scheme::Country, "deutschland"), deu);
    let grc = "http://publications.europa.eu/resource/authority/country/GRC";
    assert_eq!(iri_of(Scheme::Country, "GR"), grc);
    assert_eq!(iri_of(Scheme::Country, "EL"), grc);
    assert!(iri_of(Scheme::Country, "XK").ends_with("/1A0"));
    assert!(iri_of(Scheme::Country, "GB").ends_with("/GBR"));
    assert!(iri_of(Scheme::Country, "cote-d-ivoire").ends_with("/CIV"));
    let eng = "http://publications.europa.eu/resource/authority/language/ENG";
    assert_eq!(iri_of(Scheme::Language, "en"), eng);
    assert_eq!(iri_of(Scheme::Language, "EN"), eng);
    assert_eq!(iri_of(Scheme::Language, "english"), eng);
    assert!(iri_of(Scheme::Language, "de").ends_with("/DEU"));
    assert!(iri_of(Scheme::Language, "fr").ends_with("/FRA"));
    assert!(iri_of(Scheme::Language, "ga").ends_with("/GLE"));
    // an ISO code is not a word of an unrelated scheme
    assert!(scheme(Scheme::Eqf).resolve("de").is_err());
}

#[test]
fn iso_table_targets_exist_in_the_schemes() {
    assert_eq!(iso::country_code("de"), Some("DEU"));
    assert_eq!(iso::country_code("TF"), Some("FQ0"));
    let countries = scheme(Scheme::Country);
    let languages = scheme(Scheme::Language);
    for line in text::data_lines(include_str!("../../../stdlib/vocab/iso-codes.tsv")) {
        let [kind, iso, eu, ..] = text::fields::<5>(line);
        let cs = if kind == "country" {
            countries
        } else {
            languages
        };
        let c = cs
            .resolve(eu)
            .unwrap_or_else(|e| panic!("{kind} {eu}: {e:?}"));
        assert_eq!(c.notation.as_deref(), Some(eu));
        assert_eq!(cs.resolve(iso).map(|c| &c.iri), Ok(&c.iri), "{kind} {iso}");
        // every mapped language has an English label (ISO name where the EU copy has none)
        assert!(!c.label_en.is_empty(), "{kind} {eu}");
    }
}

#[test]
fn language_tags_map_to_eu_codes() {
    assert_eq!(language_code_for_tag("en"), Some("ENG"));
    assert_eq!(language_code_for_tag("de"), Some("DEU"));
    assert_eq!(language_code_for_tag("fr"), Some("FRA"));
    assert_eq!(language_code_for_tag("de-AT"), Some("DEU"));
    assert_eq!(language_code_for_tag("EN_gb"), Some("ENG"));
    assert_eq!(language_code_for_tag("el"), Some("ELL"));
    assert_eq!(language_code_for_tag("nb"), Some("NOB"));
    assert_eq!(language_code_for_tag("mul"), Some("MUL"));
    assert_eq!(language_code_for_tag("gsw"), Some("GSW"));
    assert_eq!(language_code_for_tag("xx"), None);
    assert_eq!(language_code_for_tag("qqq"), None);
    assert_eq!(language_code_for_tag(""), None);
    assert_eq!(language_code_for_tag("english"), None);
}

#[test]
fn resolve_by_english_kebab() {
    let cases = [
        (
            Scheme::LearningActivity,
            "e-learning-coursework",
            "learning-activity/bf2e3a7bae",
        ),
        (
            Scheme::LearningActivity,
            "lab-simulation-practice-coursework",
            "learning-activity/3c8bd58d62",
        ),
        (
            Scheme::Assessment,
            "written-examination",
            "assessment/6e6cb2cc78",
        ),
        (
            Scheme::SupervisionVerification,
            "supervised-with-id-verification",
            "supervision-verification/70be69aaf9",
        ),
        (
            Scheme::LearningMode,
            "online",
            "learning-assessment/920fbb3cbe",
        ),
        (
            Scheme::LearningMode,
            "blended",
            "learning-assessment/e92d221e4d",
        ),
        (
            Scheme::LearningSetting,
            "non-formal-learning",
            "learning-setting/e207a81fc7",
        ),
        (
            Scheme::LearningOpportunity,
            "short-learning-programme",
            "learning-opportunity/74a4a268e8",
        ),
        (
            Scheme::Accreditation,
            "institutional-quality-assurance",
            "accreditation/bb4618238e",
        ),
        (
            Scheme::SkillReuseLevel,
            "transversal",
            "skill-reuse-level/transversal",
        ),
        (Scheme::SkillType, "skill", "skill-type/skill"),
        (Scheme::SkillType, "knowledge", "skill-type/knowledge"),
        (
            Scheme::EducationCredit,
            "european-credit-transfer-system",
            "education-credit/6fcec5c5af",
        ),
        (
            Scheme::CredentialProfile,
            "generic",
            "credential/e34929035b",
        ),
        (Scheme::EvidenceType, "mandate", "evidence-type/c_18016257"),
        (
            Scheme::IscedF,
            "software-and-applications-development-and-analysis",
            "isced-f/0613",
        ),
    ];
    for (s, word, iri_tail) in cases {
        let iri = iri_of(s, word);
        assert!(iri.ends_with(iri_tail), "{s:?} {word}: {iri}");
        assert_eq!(iri, format!("http://data.europa.eu/snb/{iri_tail}"));
    }
}

#[test]
fn resolve_is_case_and_spacing_tolerant_and_takes_iris() {
    let written = "http://data.europa.eu/snb/assessment/6e6cb2cc78";
    assert_eq!(iri_of(Scheme::Assessment, "Written Examination"), written);
    assert_eq!(
        iri_of(Scheme::Assessment, "  written-examination "),
        written
    );
    assert_eq!(iri_of(Scheme::Assessment, written), written);
    assert_eq!(iri_of(Scheme::Assessment, &format!("<{written}>")), written);
    assert_eq!(iri_of(Scheme::Assessment, "6e6cb2cc78"), written);
    // an IRI of another scheme is not a concept of this one
    assert!(scheme(Scheme::Assessment)
        .resolve("http://data.europa.eu/snb/eqf/5")
        .is_err());
    // label-less concepts are reachable by IRI and by their IRI segment
    let converted = "http://data.europa.eu/snb/credential/c_7e400154";
    assert_eq!(iri_of(Scheme::CredentialProfile, converted), converted);
    assert_eq!(iri_of(Scheme::CredentialProfile, "c_7e400154"), converted);
    let c = scheme(Scheme::CredentialProfile).by_iri(converted);
    assert_eq!(c.map(|c| c.kebab()), Some("c_7e400154".to_string()));
    assert_eq!(c.and_then(|c| c.label("en")), None);
}

#[test]
fn resolve_by_german_and_french_labels() {
    let written = "http://data.europa.eu/snb/assessment/6e6cb2cc78";
    assert_eq!(iri_of(Scheme::Assessment, "schriftliche-prufung"), written);
    assert_eq!(iri_of(Scheme::Assessment, "schriftliche-pruefung"), written);
    assert_eq!(iri_of(Scheme::Assessment, "Schriftliche Prüfung"), written);
    assert_eq!(iri_of(Scheme::Assessment, "examen-ecrit"), written);
    assert_eq!(iri_of(Scheme::Assessment, "examen-écrit"), written);
    assert_eq!(
        iri_of(Scheme::LearningSetting, "nichtformales-lernen"),
        "http://data.europa.eu/snb/learning-setting/e207a81fc7"
    );
    assert_eq!(
        iri_of(Scheme::LearningMode, "en-ligne"),
        "http://data.europa.eu/snb/learning-assessment/920fbb3cbe"
    );
    let c = scheme(Scheme::Assessment)
        .resolve("written-examination")
        .ok();
    assert_eq!(c.and_then(|c| c.label("de")), Some("Schriftliche Prüfung"));
    assert_eq!(c.and_then(|c| c.label("fr-BE")), Some("Examen écrit"));
    assert_eq!(c.and_then(|c| c.label("en")), Some("written examination"));
    assert_eq!(c.and_then(|c| c.label("it")), None);
}

#[test]
fn shared_labels_are_ambiguous_and_list_notations() {
    // ISCED-F repeats a label on the broad and narrow level when there is one sub-field
    let err = scheme(Scheme::IscedF).resolve("information-and-communication-technologies-icts");
    assert_eq!(err.err(), Some(vec!["06".to_string(), "061".to_string()]));
    assert!(iri_of(Scheme::IscedF, "06").ends_with("/06"));
    assert!(iri_of(Scheme::IscedF, "061").ends_with("/061"));
    // two languages labelled "Nepali" (macrolanguage and individual language)
    let err = scheme(Scheme::Language).resolve("nepali");
    assert_eq!(err.err(), Some(vec!["NEP".to_string(), "NPI".to_string()]));
    assert!(iri_of(Scheme::Language, "ne").ends_with("/NEP"));
    // "NLQF Level 4" and "NLQF Level 4+" stay apart
    assert!(iri_of(Scheme::Qdr, "nlqf-level-4").ends_with("/c_ff656b33"));
    assert!(iri_of(Scheme::Qdr, "nlqf-level-4-plus").ends_with("/c_c2700f4e"));
}

#[test]
fn english_beats_german_when_words_collide() {
    // "Apprenticeship" (en) vs "Ausbildung/Lehre" (de) are the same concept; but
    // learning-opportunity "internship" (en) must not be shadowed by any de/fr label.
    assert!(iri_of(Scheme::LearningOpportunity, "internship").ends_with("/77b99de990"));
    assert!(iri_of(Scheme::LearningOpportunity, "stage").ends_with("/77b99de990"));
    // en "Online" == de "Online": one concept, no ambiguity
    assert!(iri_of(Scheme::LearningMode, "online").ends_with("/920fbb3cbe"));
}

#[test]
fn words_of_labels_suggest_codes() {
    for word in ["energy", "electricty", "solar-energy", "Electricity"] {
        let err = scheme(Scheme::IscedF)
            .resolve(word)
            .err()
            .unwrap_or_default();
        assert_eq!(
            err.first().map(String::as_str),
            Some("0713"),
            "{word}: {err:?}"
        );
    }
    let err = scheme(Scheme::IscedF)
        .resolve("engineering")
        .err()
        .unwrap_or_default();
    assert!(err.iter().all(|w| w.starts_with("07")), "{err:?}");
    // a language is suggested by its two-letter code, as completion writes it
    let err = scheme(Scheme::Language)
        .resolve("englsh")
        .err()
        .unwrap_or_default();
    assert_eq!(err.first().map(String::as_str), Some("en"), "{err:?}");
    // short words and words not in any label give nothing
    assert!(scheme(Scheme::IscedF)
        .resolve("and")
        .is_err_and(|e| e.is_empty()));
}

#[test]
fn typo_gets_suggestions() {
    let err = scheme(Scheme::Assessment).resolve("writen-examination");
    assert_eq!(
        err.err().and_then(|s| s.first().cloned()).as_deref(),
        Some("written-examination")
    );
    let err = scheme(Scheme::Assessment)
        .resolve("examination")
        .err()
        .unwrap_or_default();
    assert!(err.contains(&"oral-examination".to_string()), "{err:?}");
    assert!(err.contains(&"written-examination".to_string()), "{err:?}");
    let err = scheme(Scheme::LearningMode)
        .resolve("onlin")
        .err()
        .unwrap_or_default();
    assert_eq!(err.first().map(String::as_str), Some("online"));
    let err = scheme(Scheme::LearningActivity)
        .resolve("e-learning")
        .err()
        .unwrap_or_default();
    assert_eq!(
        err.first().map(String::as_str),
        Some("e-learning-coursework")
    );
    let err = scheme(Scheme::Eqf).resolve("9").err().unwrap_or_default();
    assert!(
        err.is_empty() || err.iter().all(|s| s.len() <= 8),
        "{err:?}"
    );
    // a list of codes suggests codes, also for a label with a typo
    let err = scheme(Scheme::Country)
        .resolve("germny")
        .err()
        .unwrap_or_default();
    assert_eq!(err.first().map(String::as_str), Some("DEU"));
    let err = scheme(Scheme::Assessment).resolve("zzzzzzzzzzzz").err();
    assert_eq!(err, Some(Vec::new()));
    let err = scheme(Scheme::Assessment).resolve("").err();
    assert_eq!(err, Some(Vec::new()));
    for s in [Scheme::Language, Scheme::Country, Scheme::Qdr] {
        let err = scheme(s)
            .resolve("xq-unknown-word")
            .err()
            .unwrap_or_default();
        assert!(err.len() <= 3);
    }
}

#[test]
fn language_labels_from_iso_where_eu_copy_has_none() {
    let c = scheme(Scheme::Language).resolve("ml").ok();
    assert_eq!(c.and_then(|c| c.notation.as_deref()), Some("MAL"));
    assert_eq!(c.map(|c| c.label_en.as_str()), Some("Malayalam"));
    assert!(iri_of(Scheme::Language, "malayalam").ends_with("/MAL"));
    // unlabelled minor languages still resolve by code
    assert!(iri_of(Scheme::Language, "gsw").ends_with("/GSW"));
}

#[test]
fn resolve_never_panics_on_odd_input() {
    let odd = [
        "\u{0}",
        "<",
        ">",
        "<>",
        "-",
        "--",
        "/",
        "http://",
        "ß",
        "İ",
        "🦀",
        "a\tb",
        "\u{200b}",
        "ﬁ",
        "Ǆ",
        "Ⅻ",
        "١٢",
        "0",
        "00000000000000000000000000000000000000000",
    ];
    for &s in Scheme::ALL {
        for w in odd {
            let _ = scheme(s).resolve(w);
        }
        let long = "ab".repeat(2000);
        let _ = scheme(s).resolve(&long);
    }
}

mod esco_tests {
    use super::super::*;

    const FAIR: &str = "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11";
    const PYTHON: &str = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d";

    fn found(label: &str) -> String {
        match esco().lookup_label(label) {
            EscoLookup::Found(s) => s.iri.to_string(),
            other => panic!("{label:?}: {other:?}"),
        }
    }

    fn suggestions(label: &str) -> Vec<String> {
        match esco().lookup_label(label) {
            EscoLookup::Unknown { suggestions } => {
                suggestions.iter().map(|s| s.iri.to_string()).collect()
            }
            other => panic!("{label:?} should be unknown: {other:?}"),
        }
    }

    #[test]
    fn counts_and_metadata() {
        let e = esco();
        assert_eq!(e.skills().len(), 13_896);
        assert_eq!(e.languages(), &["en", "fr"]);
        let knowledge = e
            .skills()
            .iter()
            .filter(|s| s.skill_type == Some("knowledge"))
            .count();
        let competence = e
            .skills()
            .iter()
            .filter(|s| s.skill_type == Some("skill/competence"))
            .count();
        assert_eq!((knowledge, competence), (3_059, 10_831));
        let transversal = e
            .skills()
            .iter()
            .filter(|s| s.reuse_level == Some("transversal"))
            .count();
        assert_eq!(transversal, 440);
        let with_fr = e
            .skills()
            .iter()
            .filter(|s| s.pref_label("fr").is_some())
            .count();
        assert_eq!(with_fr, 13_434);
        assert_eq!(ESCO_VERSION, "1.1.1");
        assert_eq!(
            ESCO_ATTRIBUTION,
            "This service uses the ESCO classification of the European Commission."
        );
    }

    #[test]
    fn lookup_english_preferred_labels() {
        assert_eq!(
            found("manage findable accessible interoperable and reusable data"),
            FAIR
        );
        assert_eq!(found("Python (computer programming)"), PYTHON);
        assert_eq!(found("  python   (Computer Programming) "), PYTHON);
        let s = esco().by_iri(FAIR);
        assert_eq!(s.map(|s| s.skill_type), Some(Some("skill/competence")));
        assert_eq!(s.map(|s| s.reuse_level), Some(Some("cross-sector")));
    }

    #[test]
    fn lookup_alternative_labels() {
        assert_eq!(found("Python3"), PYTHON);
        assert_eq!(found("ensure data reusability"), FAIR);
        // alt list of "manage musical staff" repeats the preferred label: kept once
        let s = esco().by_iri("0005c151-5b5a-4a66-8aac-60e734beb1ab");
        let alts: Vec<&str> = s
            .map(|s| s.alt_labels().map(|(_, a)| a).collect())
            .unwrap_or_default();
        assert!(alts.contains(&"manage music staff"));
        assert!(!alts.contains(&"manage musical staff"));
    }

    #[test]
    fn lookup_french_labels() {
        let musical = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
        assert_eq!(found("gérer le personnel musical"), musical);
        assert_eq!(found("GÉRER LE PERSONNEL MUSICAL"), musical);
        let s = esco().by_iri(musical);
        assert_eq!(
            s.and_then(|s| s.pref_label("fr")),
            Some("gérer le personnel musical")
        );
        assert_eq!(
            s.map(|s| s.pref_labels().next()),
            Some(Some(("en", "manage musical staff")))
        );
    }

    #[test]
    fn preferred_label_beats_alternative_label() {
        // "supply chain management" is the preferred label of one skill and an
        // alternative label of two others
        assert_eq!(
            found("supply chain management"),
            "http://data.europa.eu/esco/skill/f929c89e-c363-4132-a918-e021d57b307c"
        );
    }

    #[test]
    fn ambiguous_labels() {
        // alternative label of two skills, preferred label of none
        match esco().lookup_label("advise customers") {
            EscoLookup::Ambiguous(v) => {
                let iris: Vec<&str> = v.iter().map(|s| s.iri).collect();
                assert_eq!(
                    iris,
                    [
                        "http://data.europa.eu/esco/skill/00ff06cc-103f-4c85-b5df-6f75acff6abf",
                        "http://data.europa.eu/esco/skill/045f71e6-0699-4169-8a54-9c6b96f3174d"
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        // French preferred label shared by two skills
        match esco().lookup_label("biologie marine") {
            EscoLookup::Ambiguous(v) => assert_eq!(v.len(), 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_labels_get_suggestions() {
        // typo
        let s = suggestions("Pyhton (computer programming)");
        assert_eq!(s.first().map(String::as_str), Some(PYTHON), "{s:?}");
        // accents left out
        let s = suggestions("gerer le personnel musical");
        assert_eq!(
            s.first().map(String::as_str),
            Some("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab")
        );
        // words left out
        let s = suggestions("manage findable interoperable data");
        assert!(s.iter().take(3).any(|i| i == FAIR), "{s:?}");
        assert!(s.len() <= 5);
        // nothing close
        assert!(suggestions("qqqqqqqq zzzzzzz").is_empty());
        assert!(suggestions("").is_empty());
        assert!(suggestions("   ").is_empty());
    }

    #[test]
    fn by_iri_forms() {
        let e = esco();
        assert_eq!(e.by_iri(FAIR).map(|s| s.iri), Some(FAIR));
        let https = FAIR.replace("http://", "https://");
        assert_eq!(e.by_iri(&https).map(|s| s.iri), Some(FAIR));
        assert_eq!(e.by_iri(&format!("<{FAIR}>")).map(|s| s.iri), Some(FAIR));
        assert_eq!(
            e.by_iri("4f5c1208-62fd-4e5a-a51e-306c06947e11")
                .map(|s| s.iri),
            Some(FAIR)
        );
        assert!(e
            .by_iri("http://data.europa.eu/esco/occupation/4f5c1208-62fd-4e5a-a51e-306c06947e11")
            .is_none());
        assert!(e.by_iri("").is_none());
        assert!(e.by_iri("http://data.europa.eu/esco/skill/").is_none());
        // a skill IRI given as a label is accepted
        assert_eq!(found(FAIR), FAIR);
    }

    #[test]
    fn descriptions() {
        let e = esco();
        let d = e.description(FAIR).unwrap_or_default();
        assert!(d.contains("FAIR"), "{d}");
        assert!(e.description(PYTHON).is_some());
        assert!(e
            .description("http://data.europa.eu/esco/skill/nope")
            .is_none());
        let with = e
            .skills()
            .iter()
            .filter(|s| e.description(s.iri).is_some())
            .count();
        assert!(with > 13_800, "{with}");
    }

    #[test]
    fn lookup_never_panics_on_odd_input() {
        for w in [
            "\u{0}",
            "<>",
            "|",
            "a|b",
            "🦀🦀",
            "İ",
            "ß ß ß",
            "-",
            "the and of",
            "a",
        ] {
            let _ = esco().lookup_label(w);
            let _ = esco().by_iri(w);
            let _ = esco().description(w);
        }
        let long = "data ".repeat(500);
        let _ = esco().lookup_label(&long);
    }
}

mod fuzz {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn resolve_total(word in "\\PC{0,40}", pick in 0usize..17) {
            let s = Scheme::ALL.get(pick).copied().unwrap_or(Scheme::Eqf);
            match scheme(s).resolve(&word) {
                Ok(c) => prop_assert!(c.iri.starts_with("http")),
                Err(sugg) => prop_assert!(sugg.len() <= 3),
            }
            let _ = language_code_for_tag(&word);
            let _ = text::kebab(&word);
        }

        #[test]
        fn kebab_is_idempotent_and_clean(word in "\\PC{0,40}") {
            let k = text::kebab(&word);
            prop_assert_eq!(text::kebab(&k), k.clone());
            prop_assert!(!k.starts_with('-') && !k.ends_with('-') && !k.contains("--"));
        }

        #[test]
        fn esco_lookup_total(label in "[a-zA-Zéè ()|-]{0,60}") {
            match esco().lookup_label(&label) {
                EscoLookup::Found(_) => {}
                EscoLookup::Ambiguous(v) => prop_assert!(v.len() >= 2),
                EscoLookup::Unknown { suggestions } => prop_assert!(suggestions.len() <= 5),
            }
            let _ = esco().by_iri(&label);
        }

        #[test]
        fn every_kebab_word_of_a_small_scheme_survives_case_changes(pick in 0usize..17, upper in any::<bool>()) {
            let s = Scheme::ALL.get(pick).copied().unwrap_or(Scheme::Eqf);
            if s != Scheme::Language && s != Scheme::Qdr {
                for c in scheme(s).concepts().iter().take(50) {
                    let w = if upper { c.kebab().to_uppercase() } else { c.kebab() };
                    if let Ok(found) = scheme(s).resolve(&w) {
                        prop_assert_eq!(&found.iri, &c.iri);
                    }
                }
            }
        }
    }
}

/// Every concept's own kebab word leads back to it, except where the data really
/// shares a label (ISCED-F levels, 4 language pairs: ambiguous) or a language label
/// equals another language's code (the code wins). Update the numbers on a data refresh.
#[test]
fn kebab_words_round_trip_with_known_exceptions() {
    for &s in Scheme::ALL {
        let cs = scheme(s);
        let mut shadowed = Vec::new();
        let mut ambiguous = 0;
        for c in cs.concepts() {
            match cs.resolve(&c.kebab()) {
                Ok(f) if f.iri == c.iri => {}
                Ok(_) => shadowed.push(c.kebab()),
                Err(_) => ambiguous += 1,
            }
        }
        let (want_ambiguous, want_shadowed): (usize, &[&str]) = match s {
            Scheme::IscedF => (79, &[]),
            Scheme::Language => (8, &["uru", "dan", "goo", "izi", "neo", "kui"]),
            _ => (0, &[]),
        };
        assert_eq!(ambiguous, want_ambiguous, "{s:?}");
        assert_eq!(shadowed, want_shadowed, "{s:?}");
    }
}

#[test]
fn a_pasted_paragraph_gets_the_suggestions_of_its_first_characters() {
    let long = format!("onlin{}", " micro-credential".repeat(4_000));
    let cut: String = long.chars().take(MAX_QUERY_CHARS).collect();
    let cs = scheme(Scheme::LearningMode);
    let (Err(of_long), Err(of_cut)) = (cs.resolve(&long), cs.resolve(&cut)) else {
        panic!("neither is a word of the list");
    };
    assert_eq!(of_long, of_cut);
}

/// A downloaded EQF list: the columns `laurel vocab update` writes, no notations, a
/// concept the bundled list lacks, labels in Polish.
const DOWNLOADED_EQF: &str =
    "uri\tidentifier\tprefLabel_en\tprefLabel_pl\tdefinition_en\tdefinition_pl\n\
http://data.europa.eu/snb/eqf/5\t5\tLevel 5\tPoziom 5\tShort-cycle\t\n\
http://data.europa.eu/snb/eqf/9\t9\tLevel 9\tPoziom 9\t\t\n\
http://data.europa.eu/snb/eqf/6\t6\tLevel 6\tLevel 5\t\t\n";

#[test]
fn a_downloaded_list_keeps_the_bundled_words_and_adds_its_labels() {
    let eqf = ConceptScheme::parse(Scheme::Eqf, DOWNLOADED_EQF, Some(scheme(Scheme::Eqf)));
    assert_eq!(eqf.concepts().len(), 3);
    // the bundled notation, and a new concept's last IRI segment as EQF's notations are
    let five = eqf.resolve("5").unwrap();
    assert_eq!(five.notation.as_deref(), Some("5"));
    assert_eq!(five.label("pl"), Some("Poziom 5"));
    assert_eq!(five.definition.as_deref(), Some("Short-cycle"));
    assert_eq!(
        eqf.resolve("9").unwrap().iri,
        "http://data.europa.eu/snb/eqf/9"
    );
    assert_eq!(eqf.word(eqf.resolve("9").unwrap()), "9");
    // a label in Polish is a word; an English label outranks another concept's Polish one
    assert_eq!(
        eqf.resolve("poziom-9").unwrap().iri,
        "http://data.europa.eu/snb/eqf/9"
    );
    assert_eq!(
        eqf.resolve("level-5").unwrap().iri,
        "http://data.europa.eu/snb/eqf/5"
    );
    // the labels shown beside the English one: the document's language first
    assert_eq!(
        five.labels_shown("pl").collect::<Vec<_>>(),
        [("pl", "Poziom 5")]
    );
    assert_eq!(five.labels_shown("en").count(), 0);
}

#[test]
fn a_bundled_list_has_its_german_and_french_labels_by_its_header() {
    let setting = scheme(Scheme::LearningSetting)
        .resolve("formal-learning")
        .unwrap();
    assert_eq!(setting.label("de"), Some("Formales Lernen"));
    assert_eq!(setting.label("fr-BE"), Some("Apprentissage formel"));
    assert_eq!(setting.labels.len(), 2);
}
