//! `laurel import` judged by building its project again: every example project's
//! credentials come back byte for byte, a course's folder of awards becomes one
//! micro-credential and its learner data, and files Laurel cannot read are refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use laurel::build::{self, Options};
use laurel::import::{import, ImportError, Imported, Input};
use laurel::project::Project;
use laurel_conformance::repo_root;

/// Writes an imported project into `dir`.
fn write(imported: &Imported, dir: &Path) {
    for (path, bytes) in &imported.files {
        let at = dir.join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, bytes).unwrap();
    }
}

/// Every document a project gives, by credential id (specifications by their text):
/// `build` for its `.laurel` awards, `issue` for each `learners/<credential>.csv`.
fn rebuild(dir: &Path, images: bool) -> BTreeMap<String, String> {
    let options = Options {
        images,
        ..Default::default()
    };
    let project = Project::load(dir).expect("imported project loads");
    let compilation = project.compile();
    let shown = laurel::diag::render(
        laurel::diag::Format::Human,
        &project.sources,
        &compilation.diagnostics,
        false,
    );
    assert!(
        !compilation.has_errors(),
        "the imported project has errors:\n{shown}"
    );
    let mut out = BTreeMap::new();
    for (_, text) in build::documents(&compilation.model, &options).unwrap() {
        out.insert(key(&text), text);
    }
    let learners = dir.join("learners");
    let mut csvs: Vec<PathBuf> = std::fs::read_dir(&learners)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    csvs.sort();
    for csv in csvs {
        let credential = csv.file_stem().unwrap().to_string_lossy().into_owned();
        let mut project = Project::load(dir).unwrap();
        let bytes = std::fs::read(&csv).unwrap();
        let mut issued: Vec<String> = Vec::new();
        let checked = laurel::issue::check_in_chunks(
            &mut project,
            &csv,
            bytes,
            &credential,
            1000,
            |chunk| -> std::io::Result<()> {
                let images =
                    options.page_images(chunk.model, chunk.awards.iter().map(|a| a.credential))?;
                for award in &chunk.awards {
                    let doc = build::credential_document(
                        chunk.model,
                        award,
                        &options.elm,
                        images.as_ref(),
                    )?;
                    issued.push(build::to_text(&doc));
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(
            checked.rejected_rows(),
            Vec::<usize>::new(),
            "{}: rows rejected",
            csv.display()
        );
        assert_eq!(checked.compilation.error_count(), 0, "{}", csv.display());
        for text in issued {
            out.insert(key(&text), text);
        }
    }
    out
}

/// A credential's id, or a specification's whole text.
fn key(text: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    match doc["type"].as_str() {
        Some("Qualification") => format!("specification {text}"),
        _ => doc["id"].as_str().unwrap().to_string(),
    }
}

/// The documents of an example project as import inputs, named by their path.
fn example_output(name: &str) -> Vec<Input> {
    let project = Project::load(&repo_root().join("examples").join(name)).unwrap();
    let compilation = project.compile();
    assert!(!compilation.has_errors());
    let options = Options {
        images: true,
        ..Default::default()
    };
    build::documents(&compilation.model, &options)
        .unwrap()
        .into_iter()
        .map(|(path, text)| Input {
            name: format!("out/{}", path.display()),
            text,
        })
        .collect()
}

fn by_key(inputs: &[Input]) -> BTreeMap<String, String> {
    inputs
        .iter()
        .map(|i| (key(&i.text), i.text.clone()))
        .collect()
}

#[test]
fn every_example_builds_back_byte_for_byte() {
    for example in [
        "university",
        "vet-provider",
        "mooc-platform",
        "annex1-sample",
        "annex1-sample-2025",
    ] {
        let inputs = example_output(example);
        let imported = import(&inputs, example).unwrap_or_else(|e| panic!("{example}: {e}"));
        assert!(
            imported.report.unexpressed.is_empty(),
            "{example}: Laurel's own output is expressible in full:\n{}",
            imported.report
        );
        for (path, bytes) in &imported.files {
            if path.extension().is_some_and(|e| e == "laurel") {
                let text = std::str::from_utf8(bytes).unwrap();
                assert!(
                    laurel::fmt::is_formatted(text).unwrap(),
                    "{example}: {} is not formatted:\n{text}",
                    path.display()
                );
            }
        }
        let dir = tempfile::tempdir().unwrap();
        write(&imported, dir.path());
        let rebuilt = rebuild(dir.path(), true);
        let original = by_key(&inputs);
        assert_eq!(
            original.keys().collect::<Vec<_>>(),
            rebuilt.keys().collect::<Vec<_>>(),
            "{example}: the same credentials and specifications"
        );
        for (id, text) in &original {
            assert!(
                rebuilt[id] == *text,
                "{example}: {id} differs after the round trip"
            );
        }
        // Importing what the project builds gives the same project again.
        let again: Vec<Input> = inputs
            .iter()
            .map(|i| Input {
                name: i.name.clone(),
                text: rebuilt[&key(&i.text)].clone(),
            })
            .collect();
        let twice = import(&again, example).unwrap();
        assert_eq!(twice.files, imported.files, "{example}: a fixed point");
    }
}

#[test]
fn a_course_of_200_awards_becomes_one_credential_and_its_learner_data() {
    let header =
        "student-id,given-name,family-name,birth-date,email,date,grade,period-start,period-end\n";
    let mut csv = header.to_string();
    for i in 0..200 {
        csv.push_str(&format!(
            "S-{i:04},Given{i},Family {i},1990-01-{:02},learner{i}@example.org,2025-07-25,{}.0,2025-04-14,2025-07-11\n",
            i % 28 + 1,
            i % 4 + 1
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let project_dir = dir.path().join("university");
    copy_dir(&repo_root().join("examples/university"), &project_dir);
    std::fs::remove_file(project_dir.join("awards.laurel")).unwrap();
    std::fs::create_dir_all(project_dir.join("learners")).unwrap();
    std::fs::write(project_dir.join("learners/data-analysis-python.csv"), &csv).unwrap();
    let issued = rebuild(&project_dir, false);
    let awards: Vec<Input> = issued
        .iter()
        .filter(|(k, _)| !k.starts_with("specification"))
        .map(|(k, text)| Input {
            name: format!("{k}.jsonld"),
            text: text.clone(),
        })
        .collect();
    assert_eq!(awards.len(), 200);
    let imported = import(&awards, "university").unwrap();
    let names: Vec<String> = imported
        .files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let credentials: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.ends_with(".laurel")
                && !["organisations.laurel", "qualifications.laurel"].contains(&n.as_str())
        })
        .collect();
    assert_eq!(credentials, ["data-analysis-python.laurel"], "{names:?}");
    let learners = imported
        .files
        .iter()
        .find(|(p, _)| p == Path::new("learners/data-analysis-python.csv"))
        .expect("the learner data");
    assert_eq!(
        std::str::from_utf8(&learners.1).unwrap().lines().count(),
        201
    );
    assert_eq!(imported.report.awards_in_learner_data, 200);
    let again = tempfile::tempdir().unwrap();
    write(&imported, again.path());
    let rebuilt = rebuild(again.path(), false);
    for award in &awards {
        let id = key(&award.text);
        assert!(
            rebuilt.get(&id) == Some(&award.text),
            "{id} is not the same credential again"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// The import of one credential, named `a.jsonld`, as project `p`.
fn import_one(doc: &serde_json::Value) -> Imported {
    import(
        &[Input {
            name: "a.jsonld".into(),
            text: doc.to_string(),
        }],
        "p",
    )
    .unwrap()
}

/// The first credential of the university example, as JSON.
fn a_credential() -> serde_json::Value {
    let inputs = example_output("university");
    let award = inputs.iter().find(|i| i.name.contains("/awards/")).unwrap();
    serde_json::from_str(&award.text).unwrap()
}

fn refused(inputs: Vec<(&str, String)>) -> String {
    let inputs: Vec<Input> = inputs
        .into_iter()
        .map(|(name, text)| Input {
            name: name.to_string(),
            text,
        })
        .collect();
    match import(&inputs, "p") {
        Err(e @ (ImportError::Refused(_) | ImportError::Conflicts(_))) => e.to_string(),
        other => panic!("not refused: {:?}", other.map(|i| i.report.to_string())),
    }
}

#[test]
fn files_laurel_cannot_read_are_refused_by_name() {
    let good = a_credential();
    let message = refused(vec![
        ("good.jsonld", good.to_string()),
        ("broken.json", "{\"credential\": ".into()),
    ]);
    assert!(
        message.contains("`broken.json`: the file is not JSON"),
        "{message}"
    );
    assert!(!message.contains("good.jsonld"), "{message}");

    let message = refused(vec![("badge.json", serde_json::json!({"@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"], "type": ["VerifiableCredential", "OpenBadgeCredential"]}).to_string())]);
    assert!(
        message.contains("`badge.json`: it is not a European Digital Credential"),
        "{message}"
    );

    let mut elm2 = good.clone();
    elm2["@context"] = serde_json::json!([
        "https://www.w3.org/2018/credentials/v1",
        "http://data.europa.eu/snb/model/context/edc-ap-2.0"
    ]);
    let message = refused(vec![("old.jsonld", elm2.to_string())]);
    assert!(
        message.contains("does not name the ELM v3 context"),
        "{message}"
    );

    // The EU issuer's sealed test credential of an earlier data model (its context is a
    // development server's).
    let sealed = laurel_conformance::sealed_example("edci_credential-signed.jsonld");
    let message = refused(vec![(
        "edci_credential-signed.jsonld",
        std::fs::read_to_string(sealed).unwrap(),
    )]);
    assert!(
        message.contains("`edci_credential-signed.jsonld`")
            && message.contains("http://dev.everisdx.io/datamodel/edc-ap-context.jsonld")
            && message.contains("does not name the ELM v3 context"),
        "{message}"
    );

    let mut profile = good.clone();
    profile["credentialProfiles"]["id"] = "http://data.europa.eu/snb/credential/unknown".into();
    let message = refused(vec![("profile.jsonld", profile.to_string())]);
    assert!(
        message.contains(
            "names the credential profile <http://data.europa.eu/snb/credential/unknown>"
        ),
        "{message}"
    );

    // Two files disagree about one organisation (same id, another legal name).
    let mut first = good.clone();
    let mut second = good.clone();
    for (doc, name) in [
        (&mut first, "Rheintal University"),
        (&mut second, "Hochschule Rheintal GmbH"),
    ] {
        set_issuer(doc, "https://www.hs-rheintal.example/#org", name);
    }
    second["id"] = "urn:credential:other".into();
    let message = refused(vec![
        ("a.jsonld", first.to_string()),
        ("b.jsonld", second.to_string()),
    ]);
    assert!(
        message.contains("`a.jsonld` and `b.jsonld` disagree about the organisation <https://www.hs-rheintal.example/#org>"),
        "{message}"
    );
    assert!(matches!(import(&[], "p"), Err(ImportError::NoInput)));
}

/// Gives the credential's issuer (also its awarding body, everywhere) an id and a legal name.
fn set_issuer(doc: &mut serde_json::Value, id: &str, name: &str) {
    match doc {
        serde_json::Value::Object(map) => {
            if map.get("id").and_then(|v| v.as_str()) == Some("urn:epass:org:1") {
                map.insert("id".into(), id.into());
                map.insert("legalName".into(), serde_json::json!({"en": name}));
            }
            map.values_mut().for_each(|v| set_issuer(v, id, name));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| set_issuer(v, id, name)),
        _ => {}
    }
}

/// How the graph comparison names the place of a JSON path: `$.a.b[0].c` is `a/b c = `
/// (a property of the credential itself, `c = `).
fn graph_place(path: &str) -> Option<String> {
    // (the JSON keys whose RDF property has another local name)
    let mut parts: Vec<&str> = path
        .trim_start_matches('$')
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split('[').next().unwrap_or(p) {
            "eIDASIdentifier" => "eidasLegalIdentifier",
            "dateIssued" => "issued",
            other => other,
        })
        .collect();
    let property = parts.pop()?;
    Some(match parts.is_empty() {
        true => format!("{property} = "),
        false => format!("{} {property} = ", parts.join("/")),
    })
}

/// The object at a JSON path (`$.a.b[0].c`) of `doc`.
fn at_path<'v>(doc: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    let mut at = doc;
    for part in path
        .trim_start_matches('$')
        .split('.')
        .filter(|p| !p.is_empty())
    {
        let (key, index) = split_index(part);
        at = at.get(key)?;
        if let Some(i) = index {
            at = at.get(i)?;
        }
    }
    Some(at)
}

/// `doc` without the value at `path` of `given` (`doc` as it was before any removal): a
/// member, or one item of a list. The value is removed below its nearest enclosing node
/// with an id, in every copy of that node (a node given in full at each place it is
/// used has the same id there); without such a node, at its path alone.
fn remove_everywhere(doc: &mut serde_json::Value, given: &serde_json::Value, path: &str) {
    let parts: Vec<&str> = path
        .trim_start_matches('$')
        .split('.')
        .filter(|p| !p.is_empty())
        .collect();
    let Some(value) = at_path(given, path).cloned() else {
        return;
    };
    let join = |parts: &[&str]| {
        format!(
            "${}",
            parts.iter().map(|p| format!(".{p}")).collect::<String>()
        )
    };
    // the nearest node with an id that holds the value, and the way down from it
    let anchor = (0..parts.len()).rev().find_map(|n| {
        let id = at_path(given, &join(&parts[..n]))?.get("id")?.clone();
        Some((id, n))
    });
    let remove = |node: &mut serde_json::Value, rest: &[&str]| {
        let Some((last, down)) = rest.split_last() else {
            return;
        };
        let mut at = node;
        for part in down {
            let (key, index) = split_index(part);
            let Some(next) = at.get_mut(key) else { return };
            at = match index {
                Some(i) => match next.get_mut(i) {
                    Some(x) => x,
                    None => return,
                },
                None => next,
            };
        }
        let (key, index) = split_index(last);
        let Some(map) = at.as_object_mut() else {
            return;
        };
        match (index, map.get_mut(key)) {
            (Some(_), Some(serde_json::Value::Array(items))) => {
                items.retain(|x| *x != value);
                if items.is_empty() {
                    map.remove(key);
                }
            }
            _ => {
                map.remove(key);
            }
        }
    };
    match anchor {
        Some((id, n)) => {
            fn each(
                v: &mut serde_json::Value,
                id: &serde_json::Value,
                f: &mut dyn FnMut(&mut serde_json::Value),
            ) {
                if v.get("id") == Some(id) && v.is_object() {
                    f(v);
                }
                match v {
                    serde_json::Value::Object(map) => map.values_mut().for_each(|x| each(x, id, f)),
                    serde_json::Value::Array(items) => {
                        items.iter_mut().for_each(|x| each(x, id, f))
                    }
                    _ => {}
                }
            }
            each(doc, &id, &mut |node| remove(node, &parts[n..]));
        }
        None => remove(doc, &parts),
    }
}

/// `key[3]` as (`key`, `Some(3)`).
fn split_index(part: &str) -> (&str, Option<usize>) {
    match part.split_once('[') {
        Some((key, index)) => (key, index.trim_end_matches(']').parse().ok()),
        None => (part, None),
    }
}

/// A published credential and what its round trip needs.
struct Published {
    path: PathBuf,
    /// Changes to the file before it is imported: (text, replacement).
    edits: &'static [(&'static str, &'static str)],
    /// Changes to the imported source, as its user would make them where the file lacks
    /// what Annex I asks for: (text, replacement).
    completions: &'static [(&'static str, &'static str)],
    /// What those changes add: the triples whose line holds one of these.
    completes: &'static [&'static str],
}

/// The Commission's 2024 Annex I sample is awarded (2022-12-31) before its learning
/// period (2023-05-05 to 2023-06-06), which Laurel refuses (L0203): the award date is
/// moved after the period on both sides, and the rest compared.
const AWARDED_AFTER_THE_PERIOD: &[(&str, &str)] = &[
    ("2022-12-31T23:00:00Z", "2023-06-30T23:00:00Z"),
    ("2022-12-31T23\\u003a00\\u003a00Z", "2023-06-30T23:00:00Z"),
];

/// Most published samples state no quality assurance, which Annex I asks for (L0111).
const QUALITY_ASSURANCE: (&str, &str) = (
    "\n  awarding-body",
    "\n  quality-assurance \"Internal quality assurance\"\n  awarding-body",
);

/// What [`QUALITY_ASSURANCE`] adds: a note on the specification.
const QUALITY_ASSURANCE_NOTE: &str = "specifiedBy/additionalNote";

fn published() -> Vec<Published> {
    let example = laurel_conformance::elm_example;
    let sealed = laurel_conformance::sealed_example;
    let lacking_quality_assurance = |path: PathBuf, edits| Published {
        path,
        edits,
        completions: &[QUALITY_ASSURANCE],
        completes: &[QUALITY_ASSURANCE_NOTE, "specifiedBy additionalNote"],
    };
    vec![
        lacking_quality_assurance(
            example("ec-2024/Sample-MC-Annex1-unsigned.jsonld"),
            AWARDED_AFTER_THE_PERIOD,
        ),
        lacking_quality_assurance(
            example("ec-2024/Sample-MC-Annex1-unsigned-uploadable.json"),
            AWARDED_AFTER_THE_PERIOD,
        ),
        lacking_quality_assurance(
            sealed("elm-v3_Sample-MC-Annex1-signed.jsonld"),
            AWARDED_AFTER_THE_PERIOD,
        ),
        lacking_quality_assurance(example("ec-2025/AA-Annex1-MC-unsigned.json"), &[]),
        lacking_quality_assurance(example("mynextid/edc-mc-example.json"), &[]),
        lacking_quality_assurance(sealed("mynextid_edc-mc-signed.jsonld"), &[]),
        Published {
            path: example("authored/minimal-microcredential.jsonld"),
            // Its accreditation type is in no list Laurel bundles (the import says so and
            // the check asks for a type): the list's institutional quality assurance, as
            // its user would choose.
            edits: &[(
                "http://data.europa.eu/snb/accreditation/c_1f1a469a",
                "http://data.europa.eu/snb/accreditation/bb4618238e",
            )],
            completions: &[],
            completes: &[],
        },
        // Credentials that state no learning outcomes: `credential`, not held to Annex I.
        Published {
            path: sealed("elm-v3_Sample-CertOfPart-signed.jsonld"),
            edits: &[],
            completions: &[],
            completes: &[],
        },
        Published {
            path: sealed("mynextid_edc-coa-signed.jsonld"),
            edits: &[],
            completions: &[],
            completes: &[],
        },
        Published {
            path: sealed("mynextid_edc-coe-signed.jsonld"),
            edits: &[],
            completions: &[],
            completes: &[],
        },
        Published {
            path: sealed("mynextid_edc-cps-signed.jsonld"),
            edits: &[],
            completions: &[],
            completes: &[],
        },
        Published {
            path: sealed("mynextid_edc-dc-signed.jsonld"),
            edits: &[],
            completions: &[],
            completes: &[],
        },
        Published {
            path: sealed("mynextid_edc-matriculation-signed.jsonld"),
            edits: &[],
            // Its learner's full name is empty (L0101).
            completions: &[("  learner {\n", "  learner {\n    full-name \"John Doe\"\n")],
            completes: &["credentialSubject fullName = "],
        },
        Published {
            path: example("ebsi/Microcredential-Data-and-software-business.json"),
            edits: &[],
            // It states neither the form of participation nor the type of assessment, and
            // names an issuer without the mandate that allows it (L0110, L0109, L0206).
            completions: &[
                QUALITY_ASSURANCE,
                ("\n  setting ", "\n  mode online\n  setting "),
                (
                    "  assessment \"Overall grade\" {\n",
                    "  assessment \"Overall grade\" {\n    type written-examination\n",
                ),
                (
                    "\n  issuer organizacion-test\n",
                    "\n  issuer organizacion-test\n  mandate \"Issued on behalf of the University of Life\"\n",
                ),
            ],
            completes: &[
                QUALITY_ASSURANCE_NOTE,
                "specifiedBy additionalNote",
                "specifiedBy mode = ",
                "<http://data.europa.eu/snb/learning-assessment/",
                "provenBy/specifiedBy type = <http://data.europa.eu/snb/assessment/",
                "<http://data.europa.eu/snb/assessment/",
                "evidence",
            ],
        },
    ]
}

#[test]
fn published_credentials_come_back_as_the_same_graph() {
    let failures: Vec<String> = published()
        .iter()
        .filter_map(|p| {
            std::panic::catch_unwind(|| round_trip(p)).err().map(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| format!("{}: failed", p.path.display()))
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn round_trip(case: &Published) {
    let path = &case.path;
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in case.edits {
        text = text.replace(from, to);
    }
    let imported = import(
        &[Input {
            name: "sample.jsonld".into(),
            text: text.clone(),
        }],
        "sample",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(&imported, dir.path());
    for (from, to) in case.completions {
        let (source, _) = imported
            .files
            .iter()
            .find(|(p, bytes)| {
                p.extension().is_some_and(|e| e == "laurel")
                    && String::from_utf8_lossy(bytes).contains(from)
            })
            .unwrap_or_else(|| panic!("{}: no source holds {from:?}", path.display()));
        let source = dir.path().join(source);
        let text = std::fs::read_to_string(&source).unwrap();
        std::fs::write(&source, text.replacen(from, to, 1)).unwrap();
    }
    // (page images only where they are required: a credential for EBSI carries them)
    let for_ebsi = text.contains("\"https://www.w3.org/ns/credentials/v2\"");
    let rebuilt = rebuild(dir.path(), for_ebsi);
    let (_, rebuilt) = rebuilt
        .iter()
        .find(|(k, _)| !k.starts_with("specification"))
        .unwrap();
    // What the report says is not imported is left out of the original.
    let mut original = laurel::validate::document::parse(&text).unwrap().credential;
    // (ids last: a copy of a node is found by its id)
    let given = original.clone();
    let mut paths: Vec<&str> = imported
        .report
        .unexpressed
        .iter()
        .map(|(_, u)| u.path.as_str())
        .collect();
    paths.sort_by_key(|p| p.ends_with(".id"));
    for path in &paths {
        remove_everywhere(&mut original, &given, path);
    }
    // Where a reported value was, Laurel writes its own (the specification's title, the
    // date of issuing, the organisation's country): the same place in the graph.
    let places: Vec<String> = paths.iter().filter_map(|p| graph_place(p)).collect();
    let rebuilt: serde_json::Value = serde_json::from_str(rebuilt).unwrap();
    let mut rebuilt = rebuilt;
    // An upload form may leave the context out (the EU issuer adds it).
    if original.get("@context").is_none() {
        original["@context"] = rebuilt["@context"].clone();
    }
    // A VC 2.0 credential's contexts do not expand together (the VC 2.0 context protects
    // `description`, which the EDC context defines again): both sides are read under the
    // contexts of an EDC credential (VC 1.1 and the EDC context), which define every key
    // either side uses.
    let vc2 = serde_json::json!("https://www.w3.org/ns/credentials/v2");
    if original["@context"]
        .as_array()
        .is_some_and(|c| c.contains(&vc2))
    {
        let edc = serde_json::json!([
            "https://www.w3.org/2018/credentials/v1",
            "http://data.europa.eu/snb/model/context/edc-ap"
        ]);
        original["@context"] = edc.clone();
        rebuilt["@context"] = edc;
    }
    let diff = laurel_conformance::graph::graph_difference(
        &original,
        &rebuilt,
        &["http://data.europa.eu/snb/model/elm/individualDisplay"],
    );
    // A node the matching pairs with a near-twin (the issuer and the awarding body it
    // copies) shows the same triples as missing and as added: those are no loss.
    let both: Vec<String> = diff
        .missing
        .iter()
        .filter(|l| diff.added.contains(l))
        .cloned()
        .collect();
    let mut diff = diff;
    diff.missing.retain(|l| !both.contains(l));
    diff.added.retain(|l| !both.contains(l));
    // The labels of a list's concept are the list's, not the credential's: Laurel writes
    // those of its bundled lists (English, German, French).
    let concept_label = |line: &str| line.starts_with("<http") && line.contains(" prefLabel = ");
    let lost: Vec<&String> = diff.missing.iter().filter(|l| !concept_label(l)).collect();
    assert!(
        lost.is_empty(),
        "{}: lost in the round trip:\n{diff}\n{}",
        path.display(),
        imported.report
    );
    // What Laurel adds: the labels of the bundled lists in German and French, the dates
    // and credit it writes on every award, the notation "Skill" the EU's tools write on an
    // ESCO skill, the Issued-by-Mandate
    // profile of a credential with a mandate, and the lines added above.
    let mandated = |line: &str| {
        line.contains("edc-issued-by-mandate") || line.contains("credential/c_9a31f32a")
    };
    let esco_notation = |line: &str| {
        line.starts_with("<http://data.europa.eu/esco/skill/")
            && line.ends_with(" notation = \"Skill\"")
    };
    let added_by_laurel = |line: &str| {
        concept_label(line)
            || esco_notation(line)
            || mandated(line)
            || [
                "issued = ",
                "issuanceDate = ",
                "awardingDate = ",
                "[AwardingProcess awardingDate=",
                "provenBy issued = ",
                "creditReceived",
            ]
            .iter()
            .any(|p| line.contains(p))
    };
    // An upload form may leave the issuer out (the EU issuer adds it); Laurel names it.
    let without_issuer = given.get("issuer").is_none();
    // An achievement without a specification gets one (of its own title and description).
    let claim = &given["credentialSubject"]["hasClaim"];
    let claim = claim.get(0).unwrap_or(claim);
    let without_specification = claim.get("specifiedBy").is_none();
    let added_by_hand = |line: &str| {
        places.iter().any(|p| line.starts_with(p.as_str()))
            || line.contains("/subject prefLabel = ")
            || without_issuer && line.starts_with("issuer = ")
            || without_specification
                && (line.starts_with("credentialSubject/hasClaim specifiedBy = ")
                    || line.starts_with("credentialSubject/hasClaim/specifiedBy "))
            || case.completes.iter().any(|c| line.contains(c))
    };
    let unexpected: Vec<&String> = diff
        .added
        .iter()
        .filter(|l| !added_by_laurel(l) && !added_by_hand(l))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{}: added in the round trip: {unexpected:#?}",
        path.display()
    );
    if case.completions.contains(&QUALITY_ASSURANCE) {
        assert!(
            diff.added
                .iter()
                .any(|l| l.contains("\"Internal quality assurance\"")),
            "{diff}"
        );
    }
}

#[test]
fn slightly_different_courses_share_a_template() {
    // One course, and the same course with another ECTS workload (its own title too).
    // (without page images, which would show the first title on both)
    let mut first = a_credential();
    first["displayParameter"]
        .as_object_mut()
        .unwrap()
        .remove("individualDisplay");
    let mut second = first.clone();
    second["id"] = "urn:credential:second".into();
    // (the title and the credit are written in three places each)
    let title = "Data Analysis with Python (extended)";
    let claim = &mut second["credentialSubject"]["hasClaim"];
    claim["creditReceived"]["point"] = "6".into();
    claim["title"]["en"] = title.into();
    claim["specifiedBy"]["creditPoint"]["point"] = "6".into();
    claim["specifiedBy"]["title"]["en"] = title.into();
    second["displayParameter"]["title"]["en"] = title.into();
    let inputs = [("a.jsonld", first), ("b.jsonld", second)].map(|(name, doc)| Input {
        name: name.into(),
        text: doc.to_string(),
    });
    let imported = import(&inputs, "p").unwrap();
    let text = |name: &str| {
        let (_, bytes) = imported
            .files
            .iter()
            .find(|(p, _)| p == Path::new(name))
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(bytes.clone()).unwrap()
    };
    let template = text("templates.laurel");
    assert!(
        template.contains("template common-rheintal-university-applied {"),
        "{template}"
    );
    assert!(
        template.contains("  outcome \"Write Python scripts"),
        "the outcomes are shared:\n{template}"
    );
    assert!(
        !template.contains("workload 4 ects"),
        "the workloads differ:\n{template}"
    );
    for (file, ects) in [
        ("data-analysis-python.laurel", "4 ects"),
        ("data-analysis-python-extended.laurel", "6 ects"),
    ] {
        let source = text(file);
        assert!(
            source.contains("from common-rheintal-university-applied {"),
            "{source}"
        );
        assert!(source.contains(&format!("workload {ects}")), "{source}");
        assert!(!source.contains("outcome "), "{source}");
    }
    // and both build back as they were
    let dir = tempfile::tempdir().unwrap();
    write(&imported, dir.path());
    let rebuilt = rebuild(dir.path(), false);
    for input in &inputs {
        let again: serde_json::Value = serde_json::from_str(&rebuilt[&key(&input.text)]).unwrap();
        let given: serde_json::Value = serde_json::from_str(&input.text).unwrap();
        assert!(
            again == given,
            "{} differs after the round trip",
            input.name
        );
    }
}

#[test]
fn a_second_value_where_laurel_keeps_one_is_reported() {
    // An assessment of two types: Laurel writes one.
    let mut doc = a_credential();
    let spec = &mut doc["credentialSubject"]["hasClaim"]["provenBy"]["specifiedBy"];
    let kind = spec["dcType"].clone();
    let mut other = kind.clone();
    other["id"] = "http://data.europa.eu/snb/assessment/0c3bb9e3b0".into();
    spec["dcType"] = serde_json::json!([kind, other]);
    let imported = import_one(&doc);
    let report = imported.report.to_string();
    assert!(
        report.contains(
            "$.credentialSubject.hasClaim.provenBy.specifiedBy.dcType[1] (dcType): Laurel keeps one type of an assessment"
        ),
        "{report}"
    );
}

#[test]
fn a_value_of_no_bundled_list_is_kept_as_its_iri_with_a_warning() {
    // A form of participation and an ESCO skill newer than the bundled lists, and an
    // assessment type of the issuer's own vocabulary.
    const MODE: &str = "http://data.europa.eu/snb/learning-assessment/0a1b2c3d4e";
    const SKILL: &str = "http://data.europa.eu/esco/skill/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const OWN: &str = "https://university.example/assessment/portfolio-review";
    let mut doc = a_credential();
    let spec = &mut doc["credentialSubject"]["hasClaim"]["specifiedBy"];
    spec["mode"]["id"] = MODE.into();
    spec["learningOutcome"][0]["relatedESCOSkill"]["id"] = SKILL.into();
    let assessment = &mut doc["credentialSubject"]["hasClaim"]["provenBy"]["specifiedBy"];
    assessment["dcType"]["id"] = OWN.into();
    assessment["dcType"]["inScheme"]["id"] = "http://data.europa.eu/snb/assessment/25831c2".into();
    let imported = import_one(&doc);
    let report = imported.report.to_string();
    for line in [
        format!("warning: a.jsonld: $.credentialSubject.hasClaim.specifiedBy.mode (mode): <{MODE}> is in no bundled list of mode of learning and assessment: kept as its IRI"),
        format!("warning: a.jsonld: $.credentialSubject.hasClaim.specifiedBy.learningOutcome[0].relatedESCOSkill (relatedESCOSkill): <{SKILL}> is not in the bundled ESCO 1.1.1: kept as its IRI"),
        "not imported: a.jsonld: $.credentialSubject.hasClaim.specifiedBy.mode.prefLabel (prefLabel): Laurel writes no labels for a concept of no bundled list".to_string(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in:\n{report}");
    }
    assert!(
        report.ends_with("; 3 values of no bundled list kept as their IRI"),
        "{report}"
    );
    let sources: String = imported
        .files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "laurel"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for line in [
        format!("mode <{MODE}>"),
        format!("skill <{SKILL}>"),
        format!("type <{OWN}>"),
    ] {
        assert!(sources.contains(&line), "{line}\nnot in:\n{sources}");
    }
    // The project builds (each IRI a warning, L0035) to a credential carrying them.
    let dir = tempfile::tempdir().unwrap();
    write(&imported, dir.path());
    let project = Project::load(dir.path()).unwrap();
    let compilation = project.compile();
    let unlisted = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.id == "L0035")
        .count();
    assert_eq!(unlisted, 3);
    let rebuilt = rebuild(dir.path(), false);
    let rebuilt: serde_json::Value =
        serde_json::from_str(rebuilt.get(doc["id"].as_str().unwrap()).unwrap()).unwrap();
    let spec = &rebuilt["credentialSubject"]["hasClaim"]["specifiedBy"];
    assert_eq!(spec["mode"]["id"], MODE);
    let outcomes = spec["learningOutcome"].as_array().unwrap();
    assert!(outcomes
        .iter()
        .any(|o| o["relatedESCOSkill"]["id"] == SKILL));
    assert_eq!(
        rebuilt["credentialSubject"]["hasClaim"]["provenBy"]["specifiedBy"]["dcType"]["id"],
        OWN
    );
}
