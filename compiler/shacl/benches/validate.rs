//! Validation speed: the EU's EDC shapes (ap-1.1.0, generic-full + generic-no-cv) loaded
//! once, then one credential validated: the Commission's unsigned Annex I sample (111 KB;
//! two results under 1.1.0: no `issued`, an issuer without `eIDASIdentifier`) and a
//! credential `laurel issue` writes (33 KB, no page images); and the load, from the
//! documents and from the compiled form.
//!
//! `cargo bench -p laurel-shacl --bench validate`

use laurel_shacl::{
    data_graph, general_data_graph, DocumentLoader, Format, Shapes, ShapesDocument,
};

fn main() {
    divan::main();
}

const NO_CV: &str = include_str!("../../../stdlib/elm/shacl/ap-1.1.0/EDC-generic-no-cv.ttl");
const FULL: &str = include_str!("../../../stdlib/elm/shacl/ap-1.1.0/EDC-generic-full.ttl");
/// The credentials, by name.
const CREDENTIALS: &[(&str, &[u8])] = &[
    (
        "annex1-sample",
        include_bytes!("../../../tests/data/elm-examples/ec-2024/Sample-MC-Annex1-unsigned.jsonld"),
    ),
    (
        "laurel-issue",
        include_bytes!(
            "../../../tests/golden/university/data-analysis-python/awards/HR-2025-20031.jsonld"
        ),
    ),
];

const NAMES: &[&str] = &["annex1-sample", "laurel-issue"];

fn credential(name: &str) -> &'static [u8] {
    CREDENTIALS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
        .expect("a credential of CREDENTIALS")
}

fn documents() -> [ShapesDocument<'static>; 2] {
    [
        ShapesDocument {
            name: "EDC-generic-no-cv.ttl",
            format: Format::Turtle,
            text: NO_CV,
        },
        ShapesDocument {
            name: "EDC-generic-full.ttl",
            format: Format::Turtle,
            text: FULL,
        },
    ]
}

fn loader() -> DocumentLoader {
    DocumentLoader::new()
        .with(
            "https://www.w3.org/2018/credentials/v1",
            include_bytes!("../../../stdlib/elm/context/w3c-credentials-v1.jsonld").to_vec(),
        )
        .with(
            "http://data.europa.eu/snb/model/context/edc-ap",
            include_bytes!("../../../stdlib/elm/context/edc-ap-context.jsonld").to_vec(),
        )
}

/// Reading and compiling the shapes.
#[divan::bench]
fn load_shapes() -> Shapes {
    Shapes::load(&documents()).expect("the EDC shapes load")
}

/// Reading the same shapes from their compiled form ([`Shapes::to_compiled`]).
#[divan::bench]
fn load_compiled_shapes(bencher: divan::Bencher) {
    let bytes = load_shapes().to_compiled();
    bencher.bench(|| Shapes::from_compiled(divan::black_box(&bytes)).expect("compiled shapes"));
}

/// Validating a data graph already built.
#[divan::bench(args = NAMES)]
fn validate_graph(bencher: divan::Bencher, name: &str) {
    let shapes = load_shapes();
    let graph = data_graph(credential(name), &loader()).expect("JSON-LD");
    bencher.bench(|| shapes.validate(divan::black_box(&graph)));
}

/// JSON-LD to RDF and validation: one credential end to end, shapes preloaded.
#[divan::bench(args = NAMES)]
fn json_ld_and_validate(bencher: divan::Bencher, name: &str) {
    let shapes = load_shapes();
    let loader = loader();
    bencher.bench(|| {
        let graph = data_graph(divan::black_box(credential(name)), &loader).expect("JSON-LD");
        shapes.validate(&graph)
    });
}

/// JSON-LD to RDF alone, as `data_graph` reads it (the compiled reader; contexts
/// processed on the first call).
#[divan::bench(args = NAMES)]
fn json_ld(bencher: divan::Bencher, name: &str) {
    let loader = loader();
    bencher.bench(|| data_graph(divan::black_box(credential(name)), &loader).expect("JSON-LD"));
}

/// JSON-LD to RDF by the general reader (oxjsonld, contexts processed on every call).
#[divan::bench(args = NAMES)]
fn json_ld_general(bencher: divan::Bencher, name: &str) {
    let loader = loader();
    bencher.bench(|| {
        general_data_graph(divan::black_box(credential(name)), &loader).expect("JSON-LD")
    });
}
