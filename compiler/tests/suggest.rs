//! ESCO skill suggestions for learning outcomes (`laurel::vocab::suggest`): the ranking
//! of a fixed set of outcomes, in the three languages, as snapshots, and any text
//! ranked without a panic.

use laurel::vocab::esco;
use laurel::vocab::suggest::OutcomeQuery;

/// The top 5 of each outcome: label, type, the words that matched.
fn ranking(outcomes: &[(&str, &str, Option<&str>)]) -> String {
    let mut out = String::new();
    for &(language, text, title) in outcomes {
        out.push_str(&format!("{language}: {text}\n"));
        let query = OutcomeQuery {
            text,
            language,
            title,
        };
        for m in esco().suggest_skills(&query, 5) {
            out.push_str(&format!(
                "  {} ({}) [{}]\n",
                m.label(),
                m.skill.skill_type.unwrap_or("-"),
                m.matched.join(", ")
            ));
        }
    }
    out
}

#[test]
fn english_outcomes() {
    insta::assert_snapshot!(ranking(&[
        (
            "en",
            "Configure and secure a small office network with VLANs and a firewall",
            Some("Network administration basics")
        ),
        (
            "en",
            "Explain the principles of double-entry bookkeeping and prepare a trial balance",
            None
        ),
        (
            "en",
            "Weld steel plates in the flat position using MIG welding",
            None
        ),
        (
            "en",
            "Plan a week of nutritious meals for elderly residents of a care home",
            Some("Care home catering")
        ),
        (
            "en",
            "Work effectively as a member of a multidisciplinary team",
            None
        ),
        (
            "en",
            "Write SQL queries to extract and aggregate data from a relational database",
            None
        ),
    ]));
}

#[test]
fn french_and_german_outcomes() {
    insta::assert_snapshot!(ranking(&[
        (
            "fr",
            "Configurer et sécuriser un réseau local avec un pare-feu",
            None
        ),
        (
            "fr",
            "Établir un budget prévisionnel pour un projet associatif",
            None
        ),
        (
            "de",
            "Netzwerke mit VLANs konfigurieren und mit einer Firewall absichern",
            None
        ),
    ]));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any text in any language tag gives at most `limit` skills, best first, and every
    /// matched word is a word of the text.
    #[test]
    fn any_outcome_text_gives_ranked_skills_without_panicking(
        text in "\\PC{0,120}",
        language in "(en|fr|de|pl|xx|)",
        title in proptest::option::of("\\PC{0,40}"),
        limit in 0usize..12,
    ) {
        let query = OutcomeQuery { text: &text, language: &language, title: title.as_deref() };
        let found = esco().suggest_skills(&query, limit);
        proptest::prop_assert!(found.len() <= limit);
        for pair in found.windows(2) {
            proptest::prop_assert!(pair[0].score >= pair[1].score);
        }
        for m in &found {
            for word in &m.matched {
                proptest::prop_assert!(text.contains(word.as_str()), "{word} not in {text}");
            }
        }
    }
}
