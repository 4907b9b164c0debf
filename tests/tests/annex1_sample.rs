//! The Laurel port of the Commission's Annex I sample (examples/annex1-sample) puts every
//! Annex I element the sample carries at the same ELM property, with the same value.
//!
//! The table of elements is `examples/annex1-sample/EXPECTED.md`: for each row marked
//! `same` the value at that path must be equal in the Commission's file and in ours; for
//! every other row it must not be (so the table cannot go stale when the language grows).

use serde_json::Value;

use laurel::project::Project;
use laurel_conformance::{elm_example, repo_root};

/// One table row: (status, path, value as written in the table).
fn rows() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(repo_root().join("examples/annex1-sample/EXPECTED.md"))
        .expect("EXPECTED.md");
    text.lines()
        .filter(|l| l.starts_with("| ") && l.matches('`').count() >= 4)
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            let [_, path, value, status] = cells.as_slice() else {
                return None;
            };
            Some((
                status.to_string(),
                path.trim_matches('`').to_string(),
                value.trim_matches('`').to_string(),
            ))
        })
        .collect()
}

/// `a.b[0].c` from the root of a document.
fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = doc;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        current = current.get(key)?;
        if let Some(i) = index {
            current = current.get(i)?;
        }
    }
    Some(current)
}

fn our_credential() -> Value {
    let project = Project::load(&repo_root().join("examples/annex1-sample")).expect("loads");
    let compilation = project.compile();
    assert!(!compilation.has_errors());
    let award = &compilation.model.awards[0];
    laurel::elm::credential(&compilation.model, award, &Default::default())
}

#[test]
fn annex_i_elements_land_where_the_commission_sample_has_them() {
    let path = elm_example("ec-2024/Sample-MC-Annex1-unsigned.jsonld");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let sample: Value = serde_json::from_str(&text).unwrap();
    let ours = our_credential();
    let rows = rows();
    assert!(
        rows.len() > 60,
        "EXPECTED.md table not found ({} rows)",
        rows.len()
    );
    let mut same = 0;
    for (status, path, written) in rows {
        let theirs =
            at(&sample, &path).unwrap_or_else(|| panic!("the sample has nothing at {path}"));
        let table_value: Value =
            serde_json::from_str(&written).unwrap_or_else(|e| panic!("{path}: {written}: {e}"));
        assert_eq!(theirs, &table_value, "EXPECTED.md quotes {path} wrongly");
        let mine = at(&ours, &path);
        if status.starts_with("same") {
            assert_eq!(
                mine,
                Some(theirs),
                "{path} should be the same as in the sample"
            );
            same += 1;
        } else {
            assert_ne!(
                mine,
                Some(theirs),
                "{path} is now the same as in the sample: mark it `same` in EXPECTED.md"
            );
        }
    }
    assert!(same >= 50, "only {same} values reproduced");
}

/// Every property path of `value` (from the root, keys joined by `/`): array indices
/// are left out and a language map (`{"en": ..., "es": ...}`) is one path, so a path says
/// which property is filled, not how often or in which languages.
fn property_paths(value: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    let is_language = |key: &str| {
        let primary = key.split('-').next().unwrap_or(key);
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())
    };
    match value {
        Value::Object(map) if !map.is_empty() && map.keys().all(|k| is_language(k)) => {
            out.insert(path.to_string());
        }
        Value::Object(map) => {
            for (key, v) in map {
                property_paths(v, &format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for v in items {
                property_paths(v, path, out);
            }
        }
        _ => {
            out.insert(path.to_string());
        }
    }
}

/// Reasons shared by both samples' lists.
const ACTIVITY_DESCRIPTION: (&str, &str) = (
    "/credentialSubject/hasClaim/influencedBy/description",
    "Laurel writes an activity's description on its specification (influencedBy/specifiedBy/description, also in the port), where ELM says what the activity is; the sample puts it on the activity itself",
);

/// What the port of the Commission's 2024 sample leaves out, and why: a sample path
/// containing the first part is not in our output.
const NOT_PORTED_2024: &[(&str, &str)] = &[
    ACTIVITY_DESCRIPTION,
    (
        "/credentialSubject/hasClaim/influencedBy/temporal",
        "the sample's activity period (May to June 2023) ends after its award date (31 December 2022), which Laurel refuses (L0203)",
    ),
];

/// The same for the 2025 sample.
const NOT_PORTED_2025: &[(&str, &str)] = &[
    ACTIVITY_DESCRIPTION,
    (
        "/relatedSkill/notation",
        "the \"Skill\" the Commission's tools write on every ESCO skill (as Laurel does on `skill`), also on the ESCO skill the sample links as a related skill of another framework",
    ),
    (
        "/contactPoint/description",
        "the label \"Contact address\" the Commission's builder puts on an organisation's contact point",
    ),
    (
        "/location/description",
        "the label \"Registered address\" the Commission's builder puts on an organisation's location",
    ),
    (
        "/credentialSubject/hasClaim/influencedBy/additionalNote",
        "the sample writes the activity's further information twice, on the activity and on its specification; Laurel writes it once, on the specification",
    ),
];

/// The port's credential carries every property the Commission's sample does, but for
/// those in `not_ported` (each still left out, so the list cannot go stale).
fn assert_ported(sample: &str, project: &str, not_ported: &[(&str, &str)]) {
    let text = std::fs::read_to_string(elm_example(sample)).unwrap();
    let mut sample: Value = serde_json::from_str(&text).unwrap();
    if let Some(credential) = sample
        .get("credential")
        .filter(|_| sample.get("@context").is_none())
    {
        sample = credential.clone(); // the EU issuer's upload form
    }
    let project = Project::load(&repo_root().join("examples").join(project)).expect("loads");
    let compilation = project.compile();
    assert!(!compilation.has_errors());
    let options = laurel::build::Options {
        images: true,
        ..Default::default()
    };
    let documents = laurel::build::documents(&compilation.model, &options).expect("builds");
    let credential = documents
        .iter()
        .find(|(path, _)| path.to_string_lossy().contains("awards"))
        .expect("the award's credential");
    let ours: Value = serde_json::from_str(&credential.1).unwrap();
    let (mut theirs_paths, mut our_paths) = Default::default();
    property_paths(&sample, "", &mut theirs_paths);
    property_paths(&ours, "", &mut our_paths);
    assert!(theirs_paths.len() > 400, "{}", theirs_paths.len());
    let missing: Vec<&String> = theirs_paths.difference(&our_paths).collect();
    let unexplained: Vec<&&String> = missing
        .iter()
        .filter(|p| !not_ported.iter().any(|(part, _)| p.contains(part)))
        .collect();
    assert!(
        unexplained.is_empty(),
        "paths of the sample the port does not carry:\n{unexplained:#?}"
    );
    for (part, why) in not_ported {
        assert!(
            missing.iter().any(|p| p.contains(part)),
            "`{part}` is ported now ({why}): take it off the list"
        );
    }
}

#[test]
fn the_port_carries_every_property_of_the_commissions_2024_sample() {
    assert_ported(
        "ec-2024/Sample-MC-Annex1-unsigned.jsonld",
        "annex1-sample",
        NOT_PORTED_2024,
    );
}

#[test]
fn the_port_carries_every_property_of_the_commissions_2025_sample() {
    assert_ported(
        "ec-2025/AA-Annex1-MC-unsigned.json",
        "annex1-sample-2025",
        NOT_PORTED_2025,
    );
}
