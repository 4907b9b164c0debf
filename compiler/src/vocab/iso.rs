//! ISO 3166-1 alpha-2 and ISO 639-1 codes mapped to EU authority-table codes
//! (`stdlib/vocab/iso-codes.tsv`).

use std::sync::OnceLock;

use super::text::{self, FxMap};

const DATA: &str = include_str!("../../../stdlib/vocab/iso-codes.tsv");

#[derive(Debug, Default)]
struct Table {
    /// lower-case ISO code → EU code
    to_eu: FxMap<String, &'static str>,
    /// EU code → ISO codes (as written in the file: `DE`, `EL`; `de`)
    by_eu: FxMap<&'static str, Vec<&'static str>>,
    /// EU code → ISO English name
    names: FxMap<&'static str, &'static str>,
}

#[derive(Debug, Default)]
struct Tables {
    country: Table,
    language: Table,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables::default();
        for line in text::data_lines(DATA) {
            let [kind, iso, eu, name, _note] = text::fields::<5>(line);
            let table = match kind {
                "country" => &mut t.country,
                "language" => &mut t.language,
                _ => continue,
            };
            let (Some(iso), Some(eu)) = (text::non_empty(iso), text::non_empty(eu)) else {
                continue;
            };
            table.to_eu.insert(iso.to_ascii_lowercase(), eu);
            table.by_eu.entry(eu).or_default().push(iso);
            if let Some(name) = text::non_empty(name) {
                table.names.entry(eu).or_insert(name);
            }
        }
        t
    })
}

/// EU language code for an ISO 639-1 code (case-insensitive).
pub(crate) fn language_code(iso: &str) -> Option<&'static str> {
    tables()
        .language
        .to_eu
        .get(iso.to_ascii_lowercase().as_str())
        .copied()
}

/// EU country code for an ISO 3166-1 alpha-2 code (case-insensitive).
pub(crate) fn country_code(iso: &str) -> Option<&'static str> {
    tables()
        .country
        .to_eu
        .get(iso.to_ascii_lowercase().as_str())
        .copied()
}

/// EU country code → the ISO alpha-2 codes mapped to it (`GRC` → `GR`, `EL`).
pub(crate) fn country_codes_by_eu() -> &'static FxMap<&'static str, Vec<&'static str>> {
    &tables().country.by_eu
}

/// EU language code → the ISO 639-1 codes mapped to it.
pub(crate) fn language_codes_by_eu() -> &'static FxMap<&'static str, Vec<&'static str>> {
    &tables().language.by_eu
}

/// The ISO 639-1 code of an EU language code (`ENG` → `en`; the first in alphabetical
/// order where several map to it).
pub(crate) fn language_iso_code(eu: &str) -> Option<&'static str> {
    tables().language.by_eu.get(eu)?.iter().copied().min()
}

/// The alpha-2 code of an EU country code (`DEU` → `DE`), the first in the file where
/// several map to it: `GRC` → `EL`, the EU's code for Greece (as in VAT numbers).
pub(crate) fn country_iso_code(eu: &str) -> Option<&'static str> {
    tables().country.by_eu.get(eu)?.first().copied()
}

/// EU country code → ISO English short name.
pub(crate) fn country_names() -> &'static FxMap<&'static str, &'static str> {
    &tables().country.names
}

/// EU language code → ISO 639 English name.
pub(crate) fn language_names() -> &'static FxMap<&'static str, &'static str> {
    &tables().language.names
}
