//! The EU's EDC shapes (`stdlib/elm/shacl/`, every profile of both versions) load: every
//! SHACL term they use is supported or a known non-SHACL typo, and the imports resolve.

use laurel_shacl::{Format, LoadError, Shapes, ShapesDocument};

macro_rules! shapes {
    ($version:literal, $ext:literal, $format:expr, [$($name:literal),*]) => {
        [$(ShapesDocument {
            name: $name,
            format: $format,
            text: include_str!(concat!("../../../stdlib/elm/shacl/ap-", $version, "/", $name, ".", $ext)),
        }),*]
    };
}

const PROFILES_1_1: [ShapesDocument<'static>; 6] = shapes!(
    "1.1.0",
    "ttl",
    Format::Turtle,
    [
        "EDC-generic-no-cv",
        "EDC-generic-full",
        "EDC-accredited",
        "EDC-converted",
        "EDC-diplomaSupplement",
        "EDC-issuedByMandate"
    ]
);
const PROFILES_1_2: [ShapesDocument<'static>; 6] = shapes!(
    "1.2.0",
    "rdf",
    Format::RdfXml,
    [
        "EDC-generic-no-cv",
        "EDC-generic-full",
        "EDC-accredited",
        "EDC-converted",
        "EDC-diplomaSupplement",
        "EDC-issuedByMandate"
    ]
);

#[test]
fn every_profile_loads() {
    for docs in [PROFILES_1_1, PROFILES_1_2] {
        let shapes = Shapes::load(&docs).unwrap_or_else(|e| panic!("{e}"));
        // generic-no-cv alone declares hundreds of property shapes.
        assert!(shapes.len() > 500, "{}", shapes.len());
    }
}

#[test]
fn a_profile_without_its_imports_is_refused() {
    // ap-1.1.0 diplomaSupplement imports accredited, which is left out. (The ap-1.2.0
    // RDF/XML files declare no owl:imports.)
    let docs = PROFILES_1_1;
    let without = [docs[0], docs[1], docs[4]];
    match Shapes::load(&without) {
        Err(LoadError::MissingImport { import, .. }) => {
            assert_eq!(import, "http://data.europa.eu/snb/model/ap/edc-accredited")
        }
        other => panic!("{:?}", other.err()),
    }
}
