//! The EU's EDC SHACL shapes (`stdlib/elm/shacl/`, CC-BY-4.0): both versions of the
//! application profile, each profile's documents, and which profiles a credential names.
//! A set of shapes is compiled by `laurel-shacl` once, on first use, and shared.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use laurel_shacl::{Format, Shapes, ShapesDocument};
use serde_json::Value;

/// A version of the EDC application profile's shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShapesVersion {
    /// 1.1.0: strict, with the controlled-vocabulary shapes (Turtle).
    V1_1_0,
    /// 1.2.0: the current, more lenient release (RDF/XML).
    V1_2_0,
}

impl ShapesVersion {
    /// Every bundled version, oldest first.
    pub const ALL: [ShapesVersion; 2] = [ShapesVersion::V1_1_0, ShapesVersion::V1_2_0];

    /// `1.1.0` or `1.2.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapesVersion::V1_1_0 => "1.1.0",
            ShapesVersion::V1_2_0 => "1.2.0",
        }
    }

    /// The version written `text` (`1.1.0`, `1.2.0`).
    pub fn parse(text: &str) -> Option<ShapesVersion> {
        ShapesVersion::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

/// An EDC profile: which kind of credential the shapes check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Any European Digital Credential.
    Generic,
    /// Issued by an accredited body.
    Accredited,
    /// Converted from another format.
    Converted,
    /// A diploma supplement.
    DiplomaSupplement,
    /// Issued on behalf of another body.
    IssuedByMandate,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 5] = [
        Profile::Generic,
        Profile::Accredited,
        Profile::Converted,
        Profile::DiplomaSupplement,
        Profile::IssuedByMandate,
    ];

    /// The name on the command line: `generic`, `accredited`, `converted`,
    /// `diploma-supplement`, `issued-by-mandate`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Generic => "generic",
            Profile::Accredited => "accredited",
            Profile::Converted => "converted",
            Profile::DiplomaSupplement => "diploma-supplement",
            Profile::IssuedByMandate => "issued-by-mandate",
        }
    }

    /// The profile named `name` (see [`Profile::name`]).
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The IRI a credential's `credentialSchema` names it by (the shapes' ontology).
    pub fn schema_iri(self) -> &'static str {
        match self {
            Profile::Generic => "http://data.europa.eu/snb/model/ap/edc-generic-full",
            Profile::Accredited => "http://data.europa.eu/snb/model/ap/edc-accredited",
            Profile::Converted => "http://data.europa.eu/snb/model/ap/edc-converted",
            Profile::DiplomaSupplement => {
                "http://data.europa.eu/snb/model/ap/edc-diploma-supplement"
            }
            Profile::IssuedByMandate => "http://data.europa.eu/snb/model/ap/edc-issued-by-mandate",
        }
    }

    /// The credential-profile concept a credential's `credentialProfiles` names it by.
    pub fn concept_iri(self) -> &'static str {
        match self {
            Profile::Generic => "http://data.europa.eu/snb/credential/e34929035b",
            Profile::Accredited => "http://data.europa.eu/snb/credential/c_ae121a00",
            Profile::Converted => "http://data.europa.eu/snb/credential/c_7e400154",
            Profile::DiplomaSupplement => "http://data.europa.eu/snb/credential/6dff8a0f87",
            Profile::IssuedByMandate => "http://data.europa.eu/snb/credential/c_9a31f32a",
        }
    }

    /// The profile's own shapes file (without extension), beside the generic ones.
    fn file(self) -> &'static str {
        match self {
            Profile::Generic => "EDC-generic-full",
            Profile::Accredited => "EDC-accredited",
            Profile::Converted => "EDC-converted",
            Profile::DiplomaSupplement => "EDC-diplomaSupplement",
            Profile::IssuedByMandate => "EDC-issuedByMandate",
        }
    }

    /// The profiles whose shapes this one imports (beyond the generic ones).
    fn imports(self) -> &'static [Profile] {
        match self {
            Profile::DiplomaSupplement => &[Profile::Accredited],
            _ => &[],
        }
    }
}

/// The profiles a credential names in `credentialProfiles` (concepts) and
/// `credentialSchema` (ontology IRIs), in [`Profile::ALL`] order; the generic profile
/// when it names none. An IRI that is no profile is left to the shapes (it is not ours
/// to judge here).
pub fn named_profiles(credential: &Value) -> Vec<Profile> {
    let mut ids = Vec::new();
    for key in ["credentialProfiles", "credentialSchema"] {
        let values = match credential.get(key) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        for value in values {
            let id = match value {
                Value::String(id) => Some(id.as_str()),
                Value::Object(node) => node.get("id").and_then(Value::as_str),
                _ => None,
            };
            ids.extend(id);
        }
    }
    let mut profiles: Vec<Profile> = Profile::ALL
        .into_iter()
        .filter(|p| {
            ids.iter().any(|id| {
                *id == p.concept_iri()
                    || id.trim_end_matches('/') == p.schema_iri()
                    || (*p == Profile::Generic
                        && id.trim_end_matches('/')
                            == "http://data.europa.eu/snb/model/ap/edc-generic-no-cv")
            })
        })
        .collect();
    if profiles.is_empty() {
        profiles.push(Profile::Generic);
    }
    profiles
}

/// The bundled text of a shapes file of a version.
fn text(version: ShapesVersion, file: &str) -> Option<&'static str> {
    /// Each file name once; the versions differ in folder and syntax.
    macro_rules! files {
        ($($name:literal),*) => {
            (
                &[$(($name, include_str!(concat!("../../../stdlib/elm/shacl/ap-1.1.0/", $name, ".ttl")))),*],
                &[$(($name, include_str!(concat!("../../../stdlib/elm/shacl/ap-1.2.0/", $name, ".rdf")))),*],
            )
        };
    }
    /// (name, text) of each file.
    type Files = &'static [(&'static str, &'static str)];
    const FILES: (Files, Files) = files!(
        "EDC-generic-no-cv",
        "EDC-generic-full",
        "EDC-accredited",
        "EDC-converted",
        "EDC-diplomaSupplement",
        "EDC-issuedByMandate"
    );
    let table = match version {
        ShapesVersion::V1_1_0 => FILES.0,
        ShapesVersion::V1_2_0 => FILES.1,
    };
    table
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
}

/// The shapes documents that check `profiles` in `version`: the generic ones, each
/// profile's own and what it imports (1.2.0's files declare no `owl:imports`, so the
/// closure is this table's for both versions).
pub fn documents(version: ShapesVersion, profiles: &[Profile]) -> Vec<ShapesDocument<'static>> {
    let mut files = vec!["EDC-generic-no-cv", "EDC-generic-full"];
    for profile in profiles {
        for p in profile.imports().iter().chain([profile]) {
            if !files.contains(&p.file()) {
                files.push(p.file());
            }
        }
    }
    let format = match version {
        ShapesVersion::V1_1_0 => Format::Turtle,
        ShapesVersion::V1_2_0 => Format::RdfXml,
    };
    files
        .into_iter()
        .filter_map(|name| {
            Some(ShapesDocument {
                name,
                format,
                text: text(version, name)?,
            })
        })
        .collect()
}

/// The compiled shapes of each version and profile on its own (its documents as
/// [`documents`] lists them), bundled so that start-up reads them instead of compiling the
/// shapes documents: `stdlib/elm/shacl/compiled/`, checked against the documents by a
/// test (`LAUREL_BLESS=1 cargo test -p laurel --lib validate::shapes` writes them anew).
fn compiled(version: ShapesVersion, profile: Profile) -> &'static [u8] {
    macro_rules! bundled {
        ($($version:ident $profile:ident $file:literal),* $(,)?) => {
            match (version, profile) {
                $((ShapesVersion::$version, Profile::$profile) => {
                    include_bytes!(concat!("../../../stdlib/elm/shacl/compiled/", $file, ".bin"))
                })*
            }
        };
    }
    bundled!(
        V1_1_0 Generic "1.1.0-generic",
        V1_1_0 Accredited "1.1.0-accredited",
        V1_1_0 Converted "1.1.0-converted",
        V1_1_0 DiplomaSupplement "1.1.0-diploma-supplement",
        V1_1_0 IssuedByMandate "1.1.0-issued-by-mandate",
        V1_2_0 Generic "1.2.0-generic",
        V1_2_0 Accredited "1.2.0-accredited",
        V1_2_0 Converted "1.2.0-converted",
        V1_2_0 DiplomaSupplement "1.2.0-diploma-supplement",
        V1_2_0 IssuedByMandate "1.2.0-issued-by-mandate",
    )
}

/// Compiled shapes, or why the bundled ones do not load (a Laurel bug).
type Loaded = Result<Arc<Shapes>, String>;

/// Compiled shapes by version and (sorted) profiles.
type ShapesCache = Mutex<HashMap<(ShapesVersion, Vec<Profile>), Loaded>>;

/// The compiled shapes for `profiles` in `version`, read on first use and shared: one
/// profile's from the bundled compiled form, several profiles' compiled from their
/// documents.
pub fn shapes(version: ShapesVersion, profiles: &[Profile]) -> Loaded {
    static CACHE: OnceLock<ShapesCache> = OnceLock::new();
    let mut key = profiles.to_vec();
    key.sort();
    key.dedup();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (version, key);
    if let Some(loaded) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return loaded.clone();
    }
    // Loaded outside the lock; two threads may both load the first time, and the first
    // to finish is kept.
    let loaded = match key.1.as_slice() {
        [one] => Shapes::from_compiled(compiled(version, *one)).map_err(|e| e.to_string()),
        several => Shapes::load(&documents(version, several)).map_err(|e| e.to_string()),
    }
    .map(Arc::new);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert(loaded)
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_profile_of_every_version_loads() {
        for version in ShapesVersion::ALL {
            for profile in Profile::ALL {
                let shapes = shapes(version, &[profile])
                    .unwrap_or_else(|e| panic!("{} {}: {e}", version.as_str(), profile.name()));
                assert!(shapes.len() > 500, "{}", shapes.len());
            }
        }
    }

    #[test]
    fn the_bundled_compiled_shapes_are_those_of_the_documents() {
        let mut stale = Vec::new();
        for version in ShapesVersion::ALL {
            for profile in Profile::ALL {
                let loaded = Shapes::load(&documents(version, &[profile])).unwrap();
                let bytes = loaded.to_compiled();
                let name = format!("{}-{}", version.as_str(), profile.name());
                if bytes != compiled(version, profile) {
                    stale.push(name.clone());
                    if std::env::var_os("LAUREL_BLESS").is_some() {
                        let path = format!(
                            "{}/../stdlib/elm/shacl/compiled/{name}.bin",
                            env!("CARGO_MANIFEST_DIR")
                        );
                        std::fs::write(&path, &bytes).unwrap();
                        continue;
                    }
                }
                // What is read back is what was compiled.
                let read = Shapes::from_compiled(&bytes).unwrap();
                assert_eq!(read.to_compiled(), bytes, "{name}");
                assert_eq!(read.len(), loaded.len(), "{name}");
            }
        }
        assert!(
            stale.is_empty() || std::env::var_os("LAUREL_BLESS").is_some(),
            "stdlib/elm/shacl/compiled/ is not what the shapes documents compile to ({}): write it anew with LAUREL_BLESS=1 cargo test -p laurel --lib validate::shapes",
            stale.join(", ")
        );
    }

    #[test]
    fn a_profile_brings_the_generic_shapes_and_its_imports() {
        let names = |profiles: &[Profile]| -> Vec<&str> {
            documents(ShapesVersion::V1_1_0, profiles)
                .iter()
                .map(|d| d.name)
                .collect()
        };
        assert_eq!(
            names(&[Profile::Generic]),
            ["EDC-generic-no-cv", "EDC-generic-full"]
        );
        assert_eq!(
            names(&[Profile::DiplomaSupplement]),
            [
                "EDC-generic-no-cv",
                "EDC-generic-full",
                "EDC-accredited",
                "EDC-diplomaSupplement"
            ]
        );
    }

    #[test]
    fn the_profiles_a_credential_names() {
        let generic = json!({"credentialProfiles": {"id": Profile::Generic.concept_iri()}});
        assert_eq!(named_profiles(&generic), [Profile::Generic]);
        let two = json!({
            "credentialProfiles": [{"id": Profile::Accredited.concept_iri()}],
            "credentialSchema": [{"id": "http://data.europa.eu/snb/model/ap/edc-issued-by-mandate"}]
        });
        assert_eq!(
            named_profiles(&two),
            [Profile::Accredited, Profile::IssuedByMandate]
        );
        assert_eq!(named_profiles(&json!({})), [Profile::Generic]);
        for p in Profile::ALL {
            assert_eq!(Profile::from_name(p.name()), Some(p));
        }
    }
}
