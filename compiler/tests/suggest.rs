//! ESCO skill suggestions for learning outcomes (`laurel::vocab::suggest`): the ranking
//! of a fixed set of outcomes, in the three languages, as snapshots.

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
            let label = m
                .skill
                .pref_label(m.language)
                .unwrap_or(m.skill.pref_label_en);
            out.push_str(&format!(
                "  {label} ({}) [{}]\n",
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
