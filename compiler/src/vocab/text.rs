//! Small text helpers shared by the vocabulary loaders: TSV splitting, kebab-case,
//! accent folding and label normalisation. Everything here is total (never panics).

use laurel_rank::fold::fold_letter;
use std::hash::{BuildHasher, Hasher};

/// A small, fast, non-cryptographic hasher (the FxHash mixing step) for the lookup maps.
/// The keys come from the embedded data; user input only ever looks them up.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxBuild;

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// See [`FxBuild`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply in `add` only carries entropy upwards, but hashbrown takes the
        // bucket from the low bits: finish with the murmur3 mixer so that keys differing
        // only in their last bytes (IRIs of one scheme) spread over all bits.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` using [`FxBuild`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// An empty [`FxMap`] with room for `n` entries.
pub(crate) fn fx_map<K, V>(n: usize) -> FxMap<K, V> {
    std::collections::HashMap::with_capacity_and_hasher(n, FxBuild)
}

/// Splits one TSV line into exactly `N` fields. Missing trailing fields are `""`;
/// surplus fields are ignored. A trailing `\r` is dropped.
pub(crate) fn fields<const N: usize>(line: &str) -> [&str; N] {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut out = [""; N];
    for (slot, field) in out.iter_mut().zip(line.split('\t')) {
        *slot = field;
    }
    out
}

/// Iterates over the data lines of an embedded TSV file (header and blank lines skipped).
pub(crate) fn data_lines(tsv: &str) -> impl Iterator<Item = &str> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty())
}

/// `Some(s)` when `s` is not blank.
pub(crate) fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t)
    }
}

/// Kebab-case with accents folded to ASCII: lower-case, every run of characters that are
/// not letters or digits becomes one `-`, no leading or trailing `-`; `+` is spelled
/// `plus` (`"NLQF Level 4+"` → `"nlqf-level-4-plus"`).
///
/// `"lab / simulation / practice coursework"` → `"lab-simulation-practice-coursework"`,
/// `"Schriftliche Prüfung"` → `"schriftliche-prufung"`.
pub fn kebab(s: &str) -> String {
    kebab_with(s, false)
}

/// Like [`kebab`], but with the German transliteration of umlauts (`ü` → `ue`).
pub(crate) fn kebab_german(s: &str) -> String {
    kebab_with(s, true)
}

fn kebab_with(s: &str, german: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            match fold_letter(c, german) {
                Some(rep) => out.push_str(rep),
                None => out.push(c),
            }
        } else if c == '+' {
            // "NLQF Level 4+" must not collide with "NLQF Level 4"
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str("plus");
            pending_dash = true;
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Case-insensitive, whitespace-normalised form of a label: trimmed, inner runs of
/// whitespace collapsed to one space, lower-cased.
pub(crate) fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The UTF-8 bytes of [`normalize_label`]`(s)` into a reused buffer (`out` is cleared
/// first), with a fast path for ASCII labels.
pub(crate) fn normalize_label_bytes(s: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut pending_space = false;
    let mut utf8 = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_whitespace() || b == 0x0b {
                pending_space = true;
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            out.push(b.to_ascii_lowercase());
        } else if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
}

/// Whether `s` is already what [`normalize_label`] makes of it, checked cheaply for ASCII
/// (`false` for any non-ASCII text, which then just takes the slower path).
pub(crate) fn is_normalized_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    // no early exit, so that the scan vectorises
    let bad = b.iter().fold(false, |acc, &c| {
        acc | (c >= 0x80) | c.is_ascii_uppercase() | (c < b' ')
    });
    !bad && b.first().is_some_and(|&c| c != b' ')
        && b.last().is_some_and(|&c| c != b' ')
        && !s.contains("  ")
}

/// Hash of a normalised label (see [`normalize_label_bytes`]).
pub(crate) fn label_hash(normalized: &[u8]) -> u64 {
    let mut h = FxBuild.build_hasher();
    h.write(normalized);
    h.finish()
}

/// Writes the accent-folded, lower-case word tokens of `s` into `out`, separated by
/// single spaces (`out` is cleared first).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in s.chars() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !word_char {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                match fold_letter(l, false) {
                    Some(rep) => out.push_str(rep),
                    None => out.push(l),
                }
            }
        }
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_examples() {
        assert_eq!(
            kebab("Supervised with ID Verification"),
            "supervised-with-id-verification"
        );
        assert_eq!(
            kebab("lab / simulation / practice coursework"),
            "lab-simulation-practice-coursework"
        );
        assert_eq!(kebab("Level 5"), "level-5");
        assert_eq!(kebab("Côte d’Ivoire"), "cote-d-ivoire");
        assert_eq!(
            kebab("Cours d'apprentissage en ligne"),
            "cours-d-apprentissage-en-ligne"
        );
        assert_eq!(
            kebab("  --Cocos (Keeling) Islands--  "),
            "cocos-keeling-islands"
        );
        assert_eq!(kebab("Schriftliche Prüfung"), "schriftliche-prufung");
        assert_eq!(
            kebab_german("Schriftliche Prüfung"),
            "schriftliche-pruefung"
        );
        assert_eq!(kebab("Straße"), "strasse");
        assert_eq!(kebab("NLQF Level 4+"), "nlqf-level-4-plus");
        assert_eq!(kebab("C++ and C"), "c-plus-plus-and-c");
        assert_eq!(kebab(""), "");
        assert_eq!(kebab("/ / /"), "");
    }

    #[test]
    fn normalize_examples() {
        assert_eq!(
            normalize_label("  Python   (computer\tprogramming) "),
            "python (computer programming)"
        );
        assert_eq!(normalize_label("Gérer  LE personnel"), "gérer le personnel");
    }

    #[test]
    fn fx_hash_differs_for_different_keys() {
        let h = |s: &str| FxBuild.hash_one(s);
        assert_ne!(h("abc"), h("abd"));
        assert_ne!(h("abcdefgh1"), h("abcdefgh2"));
        assert_ne!(h(""), h("a"));
        // IRIs that differ only at the end must differ in the low (bucket) bits too
        let lows: std::collections::HashSet<u64> = ["AAA", "AAB", "ABA", "BAA", "ZZZ", "ENG"]
            .iter()
            .map(|c| {
                h(&format!(
                    "http://publications.europa.eu/resource/authority/language/{c}"
                )) & 0xfff
            })
            .collect();
        assert_eq!(lows.len(), 6);
    }

    #[test]
    fn normalize_bytes_matches_normalize() {
        let mut buf = Vec::new();
        for s in [
            "  Python   (computer\tprogramming) ",
            "a\u{b}b\u{c}c\rd\ne",
            "Gérer  LE\u{a0}personnel ",
            "",
            "   ",
            "ÀÉÎ x",
        ] {
            normalize_label_bytes(s, &mut buf);
            assert_eq!(buf, normalize_label(s).as_bytes(), "{s:?}");
        }
    }

    #[test]
    fn normalized_ascii_check() {
        assert!(is_normalized_ascii("manage staff (music)"));
        for s in [
            "", " a", "a ", "a  b", "A", "a\tb", "a\u{b}b", "gérer", "a\u{0}",
        ] {
            assert!(!is_normalized_ascii(s), "{s:?}");
        }
        let mut buf = Vec::new();
        normalize_label_bytes("manage staff (music)", &mut buf);
        assert_eq!(buf, b"manage staff (music)");
    }

    #[test]
    fn fields_pad_and_truncate() {
        assert_eq!(fields::<3>("a\tb"), ["a", "b", ""]);
        assert_eq!(fields::<2>("a\tb\tc\r"), ["a", "b"]);
        assert_eq!(fields::<2>("a\tb\r"), ["a", "b"]);
    }

    #[test]
    fn fold_into_tokens() {
        let mut out = String::from("stale");
        fold_into("  Gérer l'équipe (R&D) ", &mut out);
        assert_eq!(out, "gerer l equipe r d");
        fold_into("", &mut out);
        assert_eq!(out, "");
    }
}
