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
