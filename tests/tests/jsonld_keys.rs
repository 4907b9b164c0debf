//! Every JSON key we emit must map to an IRI: JSON-LD processing silently drops unknown
//! keys, and SHACL then only reports the *missing* data, not the typo. These tests check
//! the `unmapped_keys` helper (oxjsonld, offline contexts) on reference documents.

use std::path::Path;

use laurel_conformance::{elm_example, sealed_example, to_quads, try_unmapped_keys, unmapped_keys};
use serde_json::{json, Value};

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    // JAdES-sealed: the credential is the JSON string in `payload`.
    match doc.get("payload").and_then(Value::as_str) {
        Some(payload) => serde_json::from_str(payload).expect("payload is JSON"),
        None => doc,
    }
}

fn minimal() -> Value {
    load(&elm_example("authored/minimal-microcredential.jsonld"))
}

#[test]
fn minimal_example_has_no_unmapped_keys() {
    let doc = minimal();
    // Sanity: oxjsonld applies the type-scoped VerifiableCredential context of the VC v1
    // context (issued, validFrom, credentialSubject ... live only there).
    let quads = to_quads(&doc).expect("processable");
    let preds: Vec<String> = quads
        .iter()
        .map(|q| q.predicate.as_str().to_owned())
        .collect();
    for p in [
        "https://www.w3.org/2018/credentials#issued",
        "https://www.w3.org/2018/credentials#validFrom",
        "https://www.w3.org/2018/credentials#credentialSubject",
        "http://data.europa.eu/snb/model/elm/eidasLegalIdentifier",
    ] {
        assert!(preds.iter().any(|x| x == p), "missing predicate {p}");
    }
    assert_eq!(unmapped_keys(&doc), Vec::<String>::new());
}

#[test]
fn added_keys_are_reported_with_their_pointer() {
    let mut doc = minimal();
    let claim = doc.pointer_mut("/credentialSubject/hasClaim").unwrap();
    claim["foo"] = json!("bar");
    // A dropped key with an object value: reported once, nothing below it.
    let outcome = doc
        .pointer_mut("/credentialSubject/hasClaim/specifiedBy/learningOutcome/1")
        .unwrap();
    outcome["skillz"] = json!({"id": "urn:x:1", "type": "Concept", "prefLabel": {"en": "x"}});
    // A key that needs escaping in a JSON pointer.
    doc["a/b~c"] = json!(1);
    // `issued` exists only in the type-scoped VerifiableCredential context: on a nested
    // node (an Organisation) it is not defined, so JSON-LD drops it.
    doc.pointer_mut("/issuer").unwrap()["issued"] = json!("2025-03-14T09:00:00Z");
    // A typo in a language map's parent key.
    doc.pointer_mut("/displayParameter").unwrap()["titel"] = json!({"en": "x"});

    assert_eq!(
        unmapped_keys(&doc),
        vec![
            "/a~1b~0c",
            "/credentialSubject/hasClaim/foo",
            "/credentialSubject/hasClaim/specifiedBy/learningOutcome/1/skillz",
            "/displayParameter/titel",
            "/issuer/issued",
        ]
    );
}

#[test]
fn repeated_node_content_is_not_mistaken_for_a_dropped_key() {
    // The awarding body repeats the issuer node verbatim (same id): its keys only restate
    // triples, yet they are mapped and must not be reported.
    let doc = minimal();
    assert_eq!(
        doc.pointer("/issuer/id"),
        doc.pointer("/credentialSubject/hasClaim/awardedBy/awardingBody/id")
    );
    assert_eq!(unmapped_keys(&doc), Vec::<String>::new());
}

#[test]
fn remote_contexts_are_refused() {
    let doc = json!({"@context": "https://www.w3.org/ns/credentials/v2", "id": "urn:x"});
    let err = try_unmapped_keys(&doc).unwrap_err();
    assert!(err.contains("refusing to load"), "{err}");
}

#[test]
fn commission_samples() {
    // The Commission's Annex I samples (unsigned and the sealed payload) use only mapped keys.
    for path in [
        elm_example("ec-2024/Sample-MC-Annex1-unsigned.jsonld"),
        sealed_example("elm-v3_Sample-MC-Annex1-signed.jsonld"),
    ] {
        assert_eq!(
            unmapped_keys(&load(&path)),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn third_party_example_with_dropped_keys() {
    // MyNextID's EDC example (not conformant, see elm-format.md 9.3): its `cnf` key and the
    // status-list keys inside `status` (elm:status) are undefined; pyld drops the same
    // names (validate.py reports them too).
    assert_eq!(
        unmapped_keys(&load(&elm_example("mynextid/edc-mc-example.json"))),
        vec![
            "/cnf",
            "/status/0/statusListCredential",
            "/status/0/statusListIndex",
            "/status/0/statusPurpose",
            "/status/1/statusListCredential",
            "/status/1/statusListIndex",
            "/status/1/statusPurpose",
        ]
    );
}

#[test]
fn id_and_type_need_the_vc_context_aliases() {
    // A stand-alone specification with only the edc-ap context: edc-ap does not alias
    // `id`/`type` (the VC v1 context does), so every node turns into an untyped blank node
    // (and SHACL, which targets classes, finds nothing to check).
    let cred = minimal();
    let mut spec = cred
        .pointer("/credentialSubject/hasClaim/specifiedBy")
        .unwrap()
        .clone();
    spec["@context"] = cred["@context"].clone();
    assert_eq!(unmapped_keys(&spec), Vec::<String>::new());

    spec["@context"] = json!("http://data.europa.eu/snb/model/context/edc-ap");
    let dropped = unmapped_keys(&spec);
    assert!(dropped.contains(&"/id".to_string()), "{dropped:?}");
    assert!(dropped.contains(&"/type".to_string()), "{dropped:?}");
    assert!(
        dropped.contains(&"/eqfLevel/inScheme/type".to_string()),
        "{dropped:?}"
    );
    assert!(
        dropped
            .iter()
            .all(|p| p.ends_with("/id") || p.ends_with("/type")),
        "{dropped:?}"
    );
}
