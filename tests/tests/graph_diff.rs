//! `laurel_conformance::graph::graph_difference` on real credentials: the Commission's
//! sealed Annex I sample (its JWS payload), the reference examples and the golden
//! outputs of the example projects. Equal up to `urn:epass:` ids, blank nodes and array
//! order; every change named by its path and value; ignored predicates left out with
//! what hangs on them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use laurel_conformance::graph::{graph_difference, try_graph_difference, GraphDiff};
use laurel_conformance::{elm_example, repo_root, sealed_example};
use serde_json::{json, Value};

const ELM: &str = "http://data.europa.eu/snb/model/elm/";

fn read(path: &Path) -> Value {
    let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match doc.get("payload") {
        Some(Value::String(payload)) => serde_json::from_str(payload).unwrap(),
        _ => doc,
    }
}

/// The Commission's Annex I sample as sealed: the credential of its JWS payload.
fn annex_i() -> Value {
    read(&sealed_example("elm-v3_Sample-MC-Annex1-signed.jsonld"))
}

fn walk_mut(v: &mut Value, f: &mut impl FnMut(&mut Value)) {
    f(v);
    match v {
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| *k != "@context")
            .for_each(|(_, v)| walk_mut(v, f)),
        Value::Array(items) => items.iter_mut().for_each(|v| walk_mut(v, f)),
        _ => {}
    }
}

/// Every `urn:epass:<kind>:<n>` id renumbered (each kind's ids in reverse order, so
/// `org:1` and `org:2` swap), except that the nodes written once with an id not ending
/// in `:1` lose their id (they become blank nodes).
fn renumbered(doc: &Value) -> Value {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut copy = doc.clone();
    walk_mut(&mut copy, &mut |v| {
        let id = match v {
            Value::Object(map) => map.get("id").and_then(Value::as_str),
            Value::String(reference) => Some(reference.as_str()),
            _ => None,
        };
        if let Some(id) = id.filter(|id| id.starts_with("urn:epass:")) {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    });
    // A node written once is counted twice (the object, its `id` string) and never more.
    let dropped = |id: &str| counts.get(id) == Some(&2) && !id.ends_with(":1");
    let mut by_kind: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for id in counts.keys().filter(|id| !dropped(id)) {
        let kind = id["urn:epass:".len()..].split(':').next().unwrap();
        by_kind.entry(kind.to_string()).or_default().push(id);
    }
    let mut new_id: BTreeMap<String, String> = BTreeMap::new();
    for (kind, ids) in &by_kind {
        for (n, id) in ids.iter().rev().enumerate() {
            new_id.insert((*id).clone(), format!("urn:epass:{kind}:{}", n + 1));
        }
    }
    walk_mut(&mut copy, &mut |v| match v {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id").cloned() {
                if dropped(&id) {
                    map.remove("id");
                }
            }
        }
        Value::String(id) => {
            if let Some(new) = new_id.get(id.as_str()) {
                *id = new.clone();
            }
        }
        _ => {}
    });
    copy
}

/// Every array (but `@context`) in reverse order.
fn reordered(doc: &Value) -> Value {
    let mut copy = doc.clone();
    walk_mut(&mut copy, &mut |v| {
        if let Value::Array(items) = v {
            items.reverse();
        }
    });
    copy
}

fn at<'a>(doc: &'a mut Value, path: &str) -> &'a mut Value {
    path.split('/')
        .fold(doc, |v, key| match key.parse::<usize>() {
            Ok(i) => &mut v[i],
            Err(_) => &mut v[key],
        })
}

fn assert_equal(expected: &Value, actual: &Value, ignore: &[&str], what: &str) {
    let diff = graph_difference(expected, actual, ignore);
    assert!(diff.is_empty(), "{what}:\n{diff}");
}

#[test]
fn a_credential_equals_itself_renumbered_and_reordered() {
    let doc = annex_i();
    let other = reordered(&renumbered(&doc));
    assert_ne!(doc, other);
    // The organisations swap numbers: org:1 becomes org:2 and org:2 org:1.
    let orgs = |d: &Value| {
        let mut d = d.clone();
        [
            "credentialSubject/hasClaim/awardedBy/awardingBody/id",
            "credentialSubject/hasClaim/provenBy/assessedBy/id",
        ]
        .map(|p| at(&mut d, p).clone())
    };
    assert_eq!(
        orgs(&doc),
        [json!("urn:epass:org:1"), json!("urn:epass:org:2")]
    );
    assert_eq!(
        orgs(&other),
        [json!("urn:epass:org:2"), json!("urn:epass:org:1")]
    );
    assert_equal(&doc, &other, &[], "renumbered and reordered");
    assert_equal(&other, &doc, &[], "the other way");
    assert_equal(&doc, &doc, &[], "itself");
}

#[test]
fn a_removed_title_is_missing_with_its_path_and_value() {
    let doc = annex_i();
    let mut other = reordered(&renumbered(&doc));
    let titles = at(
        &mut other,
        "credentialSubject/hasClaim/specifiedBy/learningOutcome",
    );
    let outcome = titles
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["title"].get("es").is_some())
        .expect("an outcome titled in Spanish");
    outcome["title"].as_object_mut().unwrap().remove("es");
    let diff = graph_difference(&doc, &other, &[]);
    assert_eq!(
        diff,
        GraphDiff {
            missing: vec!["credentialSubject/hasClaim/specifiedBy/learningOutcome\
                 [title=\"Developing digital content\"] title = \"Contento digital\"@es"
                .to_string()],
            added: vec![],
            copies: vec![],
        },
        "{diff}"
    );
}

#[test]
fn an_added_value_is_added_with_its_path_and_value() {
    let doc = annex_i();
    let mut other = renumbered(&doc);
    let outcome = at(
        &mut other,
        "credentialSubject/hasClaim/specifiedBy/learningOutcome/0",
    );
    outcome["title"]["de"] = json!("Kommunikation, Zusammenarbeit und Kreativität");
    let diff = graph_difference(&doc, &other, &[]);
    assert_eq!(
        diff,
        GraphDiff {
            missing: vec![],
            added: vec!["credentialSubject/hasClaim/specifiedBy/learningOutcome\
                 [title=\"Communication, collaboration and creativ…\"] \
                 title = \"Kommunikation, Zusammenarbeit und Kreativität\"@de"
                .to_string()],
            copies: vec![],
        },
        "{diff}"
    );
    // The other way round, the same line is missing.
    let back = graph_difference(&other, &doc, &[]);
    assert_eq!((back.missing, back.added), (diff.added, diff.missing));
}

#[test]
fn a_changed_copy_of_a_shared_organisation_is_found() {
    let doc = annex_i();
    // urn:epass:org:1 is written out three times; one copy gets another legal name.
    let mut other = doc.clone();
    let copy = at(
        &mut other,
        "credentialSubject/hasClaim/provenBy/awardedBy/awardingBody",
    );
    assert_eq!(copy["id"], json!("urn:epass:org:1"));
    copy["legalName"]["en"] = json!("University of Zee");
    let diff = graph_difference(&doc, &other, &[]);
    assert_eq!(
        diff.added,
        ["credentialSubject/hasClaim/awardedBy/awardingBody legalName = \"University of Zee\"@en"],
        "{diff}"
    );
    assert!(diff.missing.is_empty(), "{diff}");

    // Changed in every copy (and renumbered): the old name is missing, the new one added.
    let mut other = renumbered(&doc);
    walk_mut(&mut other, &mut |v| {
        if v["legalName"]["en"] == json!("University of Zed") {
            v["legalName"]["en"] = json!("University of Zee");
        }
    });
    let diff = graph_difference(&doc, &other, &[]);
    let line = |name: &str| {
        format!("credentialSubject/hasClaim/awardedBy/awardingBody legalName = \"{name}\"@en")
    };
    assert_eq!(diff.missing, [line("University of Zed")], "{diff}");
    assert_eq!(diff.added, [line("University of Zee")], "{diff}");
}

#[test]
fn ignored_predicates_leave_out_their_subtree_on_both_sides() {
    let individual = format!("{ELM}individualDisplay");
    let ignore = [individual.as_str()];
    let doc = annex_i();

    // A regenerated page image.
    let mut other = renumbered(&doc);
    let image = at(
        &mut other,
        "displayParameter/individualDisplay/displayDetail/image",
    );
    image["content"] = json!(format!("iVBORw0KGgo{}", "A".repeat(500)));
    let diff = graph_difference(&doc, &other, &[]);
    assert_eq!(diff.missing.len(), 1, "{diff}");
    assert_eq!(diff.added.len(), 1, "{diff}");
    assert!(
        diff.added[0].starts_with(
            "displayParameter/individualDisplay/displayDetail/image content = \"iVBORw0KGgoAAA"
        ) && diff.added[0].ends_with("AAA…\""),
        "a long literal is cut short: {diff}"
    );
    assert!(diff.added[0].chars().count() < 160, "{diff}");
    assert_equal(&doc, &other, &ignore, "another image, ignored");

    // No individual display at all: what hangs only on it goes, on both sides.
    let mut other = doc.clone();
    at(&mut other, "displayParameter")
        .as_object_mut()
        .unwrap()
        .remove("individualDisplay");
    let diff = graph_difference(&doc, &other, &[]);
    for part in ["displayDetail", "image", "contentEncoding", "page"] {
        assert!(
            diff.missing.iter().any(|l| l.contains(part)),
            "{part} missing:\n{diff}"
        );
    }
    assert!(diff.added.is_empty(), "{diff}");
    assert_equal(&doc, &other, &ignore, "no individual display, ignored");
    assert_equal(&other, &doc, &ignore, "the other way");

    // What does not hang only on it stays: the display's language is the credential's
    // display language too, and a change beside the ignored subtree is still found.
    at(&mut other, "displayParameter/title")["en"] = json!("Micro-credential");
    let diff = graph_difference(&doc, &other, &ignore);
    assert_eq!(
        diff,
        GraphDiff {
            missing: vec!["displayParameter title = \"Micro-Credential\"@en".to_string()],
            added: vec!["displayParameter title = \"Micro-credential\"@en".to_string()],
            copies: vec![],
        },
        "{diff}"
    );
    let language = "<http://publications.europa.eu/resource/authority/language/ENG>";
    let mut other = doc.clone();
    at(&mut other, "displayParameter")
        .as_object_mut()
        .unwrap()
        .remove("language");
    let diff = graph_difference(&doc, &other, &ignore);
    assert_eq!(
        diff.missing,
        [format!("displayParameter language = {language}")],
        "{diff}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "jsonld") {
            out.push(path);
        }
    }
}

#[test]
fn every_golden_output_equals_itself() {
    let mut files = Vec::new();
    files_under(&repo_root().join("tests/golden"), &mut files);
    assert!(files.len() >= 20, "golden outputs: {files:?}");
    for path in &files {
        let doc = read(path);
        let what = path.display();
        assert_equal(&doc, &doc, &[], &format!("{what}"));
        assert_equal(&doc, &reordered(&renumbered(&doc)), &[], &format!("{what}"));
        // The graph is read: a property of the root, removed, is missing.
        let key = ["validFrom", "title"]
            .into_iter()
            .find(|k| doc.get(k).is_some())
            .unwrap_or_else(|| panic!("{what}: neither validFrom nor title"));
        let mut other = doc.clone();
        other.as_object_mut().unwrap().remove(key);
        let diff = graph_difference(&doc, &other, &[]);
        assert!(
            !diff.missing.is_empty()
                && diff.added.is_empty()
                && diff
                    .missing
                    .iter()
                    .all(|l| l.starts_with(&format!("{key} = \""))),
            "{what}:\n{diff}"
        );
    }
}

#[test]
fn the_reference_credentials_equal_themselves_renumbered() {
    let mut files = vec![
        elm_example("authored/minimal-microcredential.jsonld"),
        elm_example("ec-2024/Sample-MC-Annex1-unsigned.jsonld"),
        elm_example("mynextid/edc-mc-example.json"),
    ];
    for name in std::fs::read_dir(repo_root().join("tests/data/seal")).unwrap() {
        let path = name.unwrap().path();
        // Its context, http://dev.everisdx.io/datamodel/edc-ap-context.jsonld, is not bundled.
        if path.extension().is_some_and(|e| e == "jsonld")
            && !path.ends_with("edci_credential-signed.jsonld")
        {
            files.push(path);
        }
    }
    files.sort();
    assert_eq!(files.len(), 11);
    for path in &files {
        let doc = read(path);
        let diff = try_graph_difference(&doc, &reordered(&renumbered(&doc)), &[])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(diff.is_empty(), "{}:\n{diff}", path.display());
    }
}

#[test]
fn a_document_that_cannot_be_read_is_an_error() {
    let doc = annex_i();
    // The VC 2.0 context protects `description`, which the EDC context defines again: the
    // two do not expand together.
    let ebsi = read(&elm_example(
        "ebsi/Microcredential-Data-and-software-business.json",
    ));
    let e = try_graph_difference(&doc, &ebsi, &[]).unwrap_err();
    assert!(
        e.starts_with("actual document: ") && e.contains("protected term description"),
        "{e}"
    );
    // The upload form has no `@context`: no triple, not an empty graph equal to any other.
    let upload = read(&elm_example("ec-2025/AA-Annex1-MC-unsigned.json"));
    let e = try_graph_difference(&upload["credential"], &upload["credential"], &[]).unwrap_err();
    assert!(e.starts_with("expected document: no triple"), "{e}");
}

#[test]
fn a_shared_node_written_once_for_each_property_is_a_copy() {
    // The sample's awarding body with its registration also given as its VAT number, as
    // one node under both properties; then that node written once for each.
    let mut doc = annex_i();
    let body = at(
        &mut doc,
        "credentialSubject/hasClaim/awardedBy/awardingBody",
    );
    let registration = body["registration"].clone();
    body["vatIdentifier"] = json!(registration["id"]);
    let mut other = doc.clone();
    let body = at(
        &mut other,
        "credentialSubject/hasClaim/awardedBy/awardingBody",
    );
    let mut copy = registration;
    copy["id"] = json!("urn:epass:legalIdentifier:copy");
    body["vatIdentifier"] = copy;
    let diff = graph_difference(&doc, &other, &[]);
    assert!(diff.is_empty(), "{diff}");
    assert_eq!(
        diff.copies,
        ["credentialSubject/hasClaim/awardedBy/awardingBody vatIdentifier = [LegalIdentifier notation=\"0000\"]"],
    );
    // A value under another property that no node of the original has is added, not a copy.
    let body = at(
        &mut other,
        "credentialSubject/hasClaim/awardedBy/awardingBody",
    );
    body["vatIdentifier"]["notation"] = json!("IE-0001");
    let diff = graph_difference(&doc, &other, &[]);
    assert!(
        diff.added
            .iter()
            .any(|l| l.contains("vatIdentifier") && l.ends_with("notation = \"IE-0001\"")),
        "{diff}"
    );
}
