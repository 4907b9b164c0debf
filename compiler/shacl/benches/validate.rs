//! Validation speed: the EU's EDC shapes (ap-1.1.0, generic-full + generic-no-cv) loaded
//! once, then one credential (the Commission's unsigned Annex I sample, which has two
//! results under 1.1.0: no `issued`, an issuer without `eIDASIdentifier`) validated; and
//! the load.
//!
//! `cargo bench -p laurel-shacl --bench validate`

use laurel_shacl::{data_graph, DocumentLoader, Format, Shapes, ShapesDocument};

fn main() {
    divan::main();
}

const NO_CV: &str = include_str!("../../../stdlib/elm/shacl/ap-1.1.0/EDC-generic-no-cv.ttl");
const FULL: &str = include_str!("../../../stdlib/elm/shacl/ap-1.1.0/EDC-generic-full.ttl");
const CREDENTIAL: &[u8] =
    include_bytes!("../../../tests/data/elm-examples/ec-2024/Sample-MC-Annex1-unsigned.jsonld");

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

/// Validating a data graph already built.
#[divan::bench]
fn validate_graph(bencher: divan::Bencher) {
    let shapes = load_shapes();
    let graph = data_graph(CREDENTIAL, &loader()).expect("JSON-LD");
    bencher.bench(|| shapes.validate(divan::black_box(&graph)));
}

/// JSON-LD to RDF and validation: one credential end to end, shapes preloaded.
#[divan::bench]
fn json_ld_and_validate(bencher: divan::Bencher) {
    let shapes = load_shapes();
    let loader = loader();
    bencher.bench(|| {
        let graph = data_graph(divan::black_box(CREDENTIAL), &loader).expect("JSON-LD");
        shapes.validate(&graph)
    });
}

/// JSON-LD to RDF alone (oxjsonld, then the graph with deterministic blank node labels).
#[divan::bench]
fn json_ld(bencher: divan::Bencher) {
    let loader = loader();
    bencher.bench(|| data_graph(divan::black_box(CREDENTIAL), &loader).expect("JSON-LD"));
}
