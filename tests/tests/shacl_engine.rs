//! Differential test of the `laurel-shacl` engine against pyshacl (the external oracle,
//! `tests/shacl/validate.py --json`): every file under `tests/data/elm-examples/` and the
//! payloads of `tests/data/seal/`, and the 450 broken credentials of
//! `laurel_conformance::variants` (each a named mutation of a real file: a mandatory
//! property removed, a wrong datatype, class or vocabulary IRI, an extra node, a
//! duplicated language, bad lexical forms, empty strings, a non-IRI), under both shape
//! versions (generic-full + generic-no-cv). Per file and version: the same verdict and
//! the same set of (focus node, result path, constraint component, source shape,
//! severity, value).
//!
//! Blank nodes are compared through a canonical label (`canonical` below, the same
//! function as `canonical` in validate.py): what points at them and what they point at
//! (IRIs and string literals), since pyld and Laurel's JSON-LD reader (and rdflib and
//! oxttl for the shapes) name blank nodes differently.
//!
//! Known deviations of pyshacl, where rdflib reads a lexical form otherwise than XSD 1.1
//! (stricter or looser) and this engine follows XSD, are listed in [`DEVIATIONS`]; each
//! must occur (so the list cannot go stale).
//!
//! Needs the venv from `bash tests/shacl/setup.sh`; without it the test prints a note and
//! passes locally, but fails under CI (`CI=true`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use laurel_conformance::{context_loader, data, repo_root, run_validator, variants};
use laurel_shacl::{
    data_graph, shapes_graph, DataError, DocumentLoader, Format, Shapes, ShapesDocument,
};
use oxrdf::vocab::xsd;
use oxrdf::{Graph, NamedOrBlankNodeRef, TermRef};
use serde_json::Value;

/// (focus, path, component, source shape, severity, value), canonical terms. A literal
/// value is left out (""): rdflib normalises some lexical forms, e.g. of numbers.
type Key = (String, String, String, String, String, String);

/// The value part of a [`Key`].
fn value_key(canonical: &str) -> String {
    if canonical.starts_with('"') {
        String::new()
    } else {
        canonical.to_string()
    }
}

/// A result pyshacl does not report and this engine does, with the reason.
struct Deviation {
    /// Part of the file's name.
    file: &'static str,
    version: &'static str,
    component: &'static str,
    /// Suffix of the source shape's IRI ("": any shape).
    shape: &'static str,
    /// True when only this engine reports the result, false when only pyshacl does.
    ours: bool,
    reason: &'static str,
}

/// XSD 1.1: an `xsd:dateTime` needs its time part; rdflib reads `"1996-04-02"^^xsd:dateTime`
/// as a valid date-time and pyshacl passes it.
const DATE_ONLY: &str = "the date-only xsd:dateTime is ill-typed (XSD 1.1); rdflib accepts it";

/// A literal of a broken variant (`laurel_conformance::variants`, its label in the file
/// name) that rdflib reads by Python's lenient parsers (`datetime.fromisoformat`,
/// `isodate`, `int`), not by the XSD 1.1 lexical space, which RDF 1.1 Concepts §3.3 makes
/// the test of a well-typed literal.
const fn lexical(file: &'static str, ours: bool, reason: &'static str) -> Deviation {
    Deviation {
        file,
        version: "",
        component: "DatatypeConstraintComponent",
        shape: "",
        ours,
        reason,
    }
}

const DEVIATIONS: &[Deviation] = &[
    Deviation {
        file: DATE_ONLY_FILE,
        version: "",
        component: "DatatypeConstraintComponent",
        shape: "/Person-elm_dateOfBirth",
        ours: true,
        reason: DATE_ONLY,
    },
    lexical(
        "_dateTime_with_a_space_",
        true,
        "XSD 1.1 §3.3.7.1: dateTimeLexicalRep has 'T' between date and time; rdflib accepts a space",
    ),
    lexical(
        "_dateTime_without_seconds_",
        true,
        "XSD 1.1 §3.3.7.1: the seconds are not optional (hh:mm:ss); rdflib accepts hh:mm",
    ),
    lexical(
        "_dateTime_offset__15_00_",
        true,
        "XSD 1.1 §3.3.7.1 (timezoneFrag): an offset is at most 14:00; rdflib accepts +15:00",
    ),
    lexical(
        "_duration_PT_",
        true,
        "XSD 1.1 §3.3.6.1: 'T' must be followed by at least one of H, M, S; isodate accepts PT",
    ),
    lexical(
        "_duration_fractional_years_",
        true,
        "XSD 1.1 §3.3.6.1 (duYearFrag): only seconds may have a fraction; isodate accepts P1.5Y",
    ),
    lexical(
        "_integer_with_spaces_",
        true,
        "XSD 1.1 §3.3.13.1: integer is [-+]?[0-9]+ (whitespace collapsing belongs to XML schema validation, not to RDF lexical forms); Python's int() strips spaces",
    ),
    lexical(
        "_dateTime_24_00_00_",
        false,
        "XSD 1.1 §3.3.7.1: hour 24 is allowed as 24:00:00 (the end of the day); Python's datetime has no hour 24, so rdflib calls it ill-typed",
    ),
    lexical(
        "_dateTime_year_0000_",
        false,
        "XSD 1.1 §3.3.7 (and §D.3.1): year 0000 is allowed (1 BCE); Python's datetime starts at year 1, so rdflib calls it ill-typed",
    ),
];

/// The authored minimal credential with a date of birth without its time part.
const DATE_ONLY_FILE: &str = "date-only-date-of-birth.jsonld";

fn date_only_credential(dir: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(data("elm-examples/authored/minimal-microcredential.jsonld"))
            .unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let birth = doc
        .pointer_mut("/credentialSubject/dateOfBirth")
        .expect("the credential has a date of birth");
    *birth = Value::String("1996-04-02".into());
    let path = dir.join(DATE_ONLY_FILE);
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    path
}

fn files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "json" || e == "jsonld") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&data("elm-examples/README.md").with_file_name(""), &mut out);
    walk(&data("seal/README.md").with_file_name(""), &mut out);
    out
}

/// The generic shapes of a version, compiled, and their graph (where blank source shapes
/// are read).
fn shapes(version: &str) -> (Shapes, Graph) {
    let (ext, format) = match version {
        "1.1.0" => ("ttl", Format::Turtle),
        _ => ("rdf", Format::RdfXml),
    };
    let dir = repo_root().join(format!("stdlib/elm/shacl/ap-{version}"));
    let texts: Vec<(String, String)> = ["EDC-generic-no-cv", "EDC-generic-full"]
        .iter()
        .map(|n| {
            let name = format!("{n}.{ext}");
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            (name, text)
        })
        .collect();
    let docs: Vec<ShapesDocument<'_>> = texts
        .iter()
        .map(|(name, text)| ShapesDocument { name, format, text })
        .collect();
    let shapes = Shapes::load(&docs).unwrap_or_else(|e| panic!("{e}"));
    (
        shapes,
        shapes_graph(&docs).unwrap_or_else(|e| panic!("{e}")),
    )
}

/// The JSON-LD of a file: a sealed file's `payload`, the upload form's `credential`,
/// else the file (as validate.py reads them).
fn json_ld(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    match (doc.get("payload"), doc.get("credential")) {
        (Some(Value::String(payload)), _) => payload.clone().into_bytes(),
        (_, Some(credential @ Value::Object(_))) if doc.get("@context").is_none() => {
            serde_json::to_vec(credential).unwrap()
        }
        _ => bytes,
    }
}

/// How many levels of blank nodes a canonical label describes.
const CANONICAL_DEPTH: usize = 3;

/// A label for `term` independent of blank node labels (validate.py's `canonical`).
fn canonical(g: &Graph, term: TermRef<'_>, depth: usize) -> String {
    match term {
        TermRef::NamedNode(n) => format!("<{}>", n.as_str()),
        TermRef::Literal(l) => {
            let text = serde_json::to_string(l.value()).unwrap();
            match l.language() {
                Some(lang) => format!("{text}@{}", lang.to_ascii_lowercase()),
                None => format!("{text}^^<{}>", l.datatype().as_str()),
            }
        }
        TermRef::BlankNode(_) if depth >= CANONICAL_DEPTH => "[]".to_string(),
        TermRef::BlankNode(b) => {
            let mut incoming: Vec<String> = g
                .triples_for_object(b)
                .map(|t| {
                    format!(
                        "{} <{}>",
                        canonical(g, t.subject.into(), depth + 1),
                        t.predicate.as_str()
                    )
                })
                .collect();
            let mut outgoing: Vec<String> = g
                .triples_for_subject(NamedOrBlankNodeRef::from(b))
                .filter(|t| match t.object {
                    TermRef::NamedNode(_) => true,
                    TermRef::Literal(l) => l.language().is_some() || l.datatype() == xsd::STRING,
                    TermRef::BlankNode(_) => false,
                })
                .map(|t| {
                    format!(
                        "<{}> {}",
                        t.predicate.as_str(),
                        canonical(g, t.object, depth + 1)
                    )
                })
                .collect();
            incoming.sort();
            outgoing.sort();
            format!("[{} | {}]", incoming.join("; "), outgoing.join("; "))
        }
    }
}

struct Verdict {
    conforms: bool,
    results: BTreeSet<Key>,
}

fn ours(
    (shapes, shapes_graph): &(Shapes, Graph),
    loader: &DocumentLoader,
    path: &Path,
) -> Result<Verdict, DataError> {
    let data = data_graph(&json_ld(path), loader)?;
    let report = shapes.validate(&data);
    let graph = data.to_graph();
    let results = report
        .results
        .iter()
        .map(|r| {
            (
                canonical(&graph, r.focus_node.as_ref(), 0),
                r.path
                    .as_ref()
                    .map(|p| format!("<{}>", p.as_str()))
                    .unwrap_or_default(),
                r.component().iri(),
                canonical(shapes_graph, r.source_shape.as_ref(), 0),
                r.severity.iri(),
                r.value
                    .as_ref()
                    .map(|v| value_key(&canonical(&graph, v.as_ref(), 0)))
                    .unwrap_or_default(),
            )
        })
        .collect();
    Ok(Verdict {
        conforms: report.conforms,
        results,
    })
}

fn theirs(v: &Value) -> Verdict {
    let s = |r: &Value, k: &str| r[k].as_str().unwrap_or_default().to_string();
    Verdict {
        conforms: v["conforms"].as_bool().expect("conforms"),
        results: v["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    s(r, "focus"),
                    s(r, "path"),
                    s(r, "component"),
                    s(r, "source_shape"),
                    s(r, "severity"),
                    value_key(&s(r, "value")),
                )
            })
            .collect(),
    }
}

/// Whether `key`, reported by one side only (this engine's when `ours`), is deviation `d`.
fn is_deviation(d: &Deviation, file: &Path, version: &str, key: &Key, ours: bool) -> bool {
    d.ours == ours
        && file.to_string_lossy().contains(d.file)
        && (d.version.is_empty() || d.version == version)
        && key.2.ends_with(d.component)
        && key.3.trim_end_matches('>').ends_with(d.shape)
}

/// What [`compare`] counted.
struct Compared {
    /// Results pyshacl reported, and how many of them on blank nodes.
    results: usize,
    blank: usize,
    /// Files (per version) where pyshacl said "does not conform".
    failing: usize,
    /// The deviations seen.
    used: Vec<bool>,
}

/// Runs validate.py once over `files`, then the engine over each under both versions, and
/// panics with every difference. `None` when the venv is missing outside CI.
fn compare(files: &[PathBuf]) -> Option<Compared> {
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let start = std::time::Instant::now();
    let (_, stdout, stderr) = run_validator(&["--json"], &paths)?;
    let python = start.elapsed();
    let oracle: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("validate.py --json: {e}\n{stdout}\n{stderr}"));
    let oracle = oracle["files"].as_array().expect("files");
    assert_eq!(oracle.len(), files.len(), "{stderr}");

    let loader = context_loader();
    let mut used = vec![false; DEVIATIONS.len()];
    let mut problems = Vec::new();
    let mut compared = 0;
    let (mut results, mut blank, mut failing) = (0, 0, 0);
    for version in ["1.1.0", "1.2.0"] {
        let shapes = shapes(version);
        for (file, oracle) in files.iter().zip(oracle) {
            let ours = ours(&shapes, &loader, file);
            let Some(v) = oracle["shacl"].get(version) else {
                // pyld refused the document: a context that is not served offline. The
                // engine must refuse it too, naming the same IRI.
                let errors = oracle["errors"].to_string();
                match ours {
                    Err(DataError::UnknownDocument(iri))
                        if errors.contains(&format!("'{iri}'")) =>
                    {
                        compared += 1;
                        continue;
                    }
                    // The VC 2.0 context beside edc-ap: both refuse it, as the EDC
                    // context defines `description` again, which VC 2.0 protects.
                    Err(e)
                        if e.to_string().contains("protected term description")
                            && errors.contains("protected term") =>
                    {
                        compared += 1;
                        continue;
                    }
                    // No context at all (the EU's 2025 upload sample): no statement for
                    // either side; `laurel validate` refuses it (L0602).
                    Ok(_)
                        if errors.contains("JSON-LD produced no RDF statement")
                            && data_graph(&json_ld(file), &loader).is_ok_and(|g| g.is_empty()) =>
                    {
                        compared += 1;
                        continue;
                    }
                    Err(e) => {
                        problems.push(format!("{}: {e}; pyshacl: {errors}", file.display()));
                        continue;
                    }
                    Ok(_) => {
                        problems.push(format!(
                            "{}: converted, pyshacl refused: {errors}",
                            file.display()
                        ));
                        continue;
                    }
                }
            };
            let theirs = theirs(v);
            let ours = match ours {
                Ok(ours) => ours,
                Err(e) => {
                    problems.push(format!("{}: {e}; pyshacl converted it", file.display()));
                    continue;
                }
            };
            compared += 1;
            failing += usize::from(!theirs.conforms);
            let mut extra: Vec<&Key> = ours.results.difference(&theirs.results).collect();
            let mut missing: Vec<&Key> = theirs.results.difference(&ours.results).collect();
            let mut deviated = false;
            for (keys, side) in [(&mut extra, true), (&mut missing, false)] {
                keys.retain(|k| {
                    let known = DEVIATIONS
                        .iter()
                        .position(|d| is_deviation(d, file, version, k, side));
                    if let Some(i) = known {
                        used[i] = true;
                        deviated = true;
                    }
                    known.is_none()
                });
            }
            results += theirs.results.len();
            blank += theirs
                .results
                .iter()
                .filter(|k| k.0.starts_with('[') || k.3.starts_with('['))
                .count();
            // A verdict differs only through a deviation, and each side's verdict is its results'.
            let verdict_ok = (ours.conforms == theirs.conforms || deviated)
                && ours.conforms == ours.results.is_empty()
                && theirs.conforms == theirs.results.is_empty();
            if !extra.is_empty() || !missing.is_empty() || !verdict_ok {
                problems.push(format!(
                    "{} {version}: conforms ours {} pyshacl {}\n  only ours: {extra:#?}\n  only pyshacl: {missing:#?}",
                    file.display(),
                    ours.conforms,
                    theirs.conforms
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} difference(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(compared, 2 * files.len());
    println!(
        "{} file(s): pyshacl {:.1} s, this engine {:.1} s",
        files.len(),
        python.as_secs_f64(),
        (start.elapsed() - python).as_secs_f64()
    );
    Some(Compared {
        results,
        blank,
        failing,
        used,
    })
}

/// Panics for a deviation that `seen` says did not occur.
fn assert_deviations_seen(seen: &[bool], applies: impl Fn(&Deviation) -> bool) {
    for (d, used) in DEVIATIONS.iter().zip(seen) {
        assert!(
            *used || !applies(d),
            "deviation no longer seen: {} {} ({})",
            d.file,
            d.shape,
            d.reason
        );
    }
}

#[test]
fn engine_agrees_with_pyshacl() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = files();
    assert!(files.len() >= 10, "{files:?}");
    files.push(date_only_credential(dir.path()));
    let Some(seen) = compare(&files) else {
        return;
    };
    assert_deviations_seen(&seen.used, |d| d.file == DATE_ONLY_FILE);
    // The comparison is not vacuous: pyshacl reports results, some on blank nodes.
    assert!(
        seen.results > 0 && seen.blank > 0,
        "{} results, {} on blank nodes",
        seen.results,
        seen.blank
    );
}

/// The broken variants of `laurel_conformance::variants` (every kind of mutation, over
/// the reference credentials, the sealed payloads and the example projects' credentials).
#[test]
fn broken_variants_agree_with_pyshacl() {
    let variants = variants::variants();
    assert!(variants.len() >= 300, "{}", variants.len());
    let dir = tempfile::tempdir().unwrap();
    let files = variants::write(&variants, dir.path()).unwrap();
    let Some(seen) = compare(&files) else {
        return;
    };
    assert_deviations_seen(&seen.used, |d| d.file != DATE_ONLY_FILE);
    // Most variants break a shape (some mutations, e.g. a made-up concept IRI, meet the
    // shapes; the 1.2.0 shapes pass some files 1.1.0 refuses).
    assert!(
        seen.failing * 3 >= files.len() * 2 * 2,
        "{} of {} fail",
        seen.failing,
        2 * files.len()
    );
}
