//! What the ESCO search benchmarks share.

/// Varied queries, as typed in `skill esco "…"`: one letter, two or three letters, whole
/// words, several words with the last one unfinished, typos, French, word inners.
pub const QUERIES: &[&str] = &[
    // one letter
    "a",
    "m",
    "e",
    "d",
    "p",
    "s",
    "c",
    "g",
    // two or three letters
    "ma",
    "da",
    "co",
    "ana",
    "eng",
    "tea",
    "pro",
    "sal",
    // whole words
    "manage",
    "data",
    "python",
    "teaching",
    "welding",
    "accounting",
    "software",
    "customer",
    "marketing",
    "nursing",
    // several words, the last one unfinished
    "manage fin",
    "apply for",
    "use comp",
    "develop sof",
    "maintain equ",
    "perform dat",
    "communicate wi",
    "manage findable accessible",
    "write data management plan",
    "research data",
    // typos
    "pyhton",
    "managment",
    "acounting",
    "sofware",
    "welidng",
    "custmer servce",
    "finadble",
    "comunicate",
    // French
    "gérer",
    "gerer le person",
    "données",
    "logiciel",
    "enseigner",
    "sécurité",
    "appliquer des pr",
    "développer",
    // inside words
    "gineer",
    "ology",
];
