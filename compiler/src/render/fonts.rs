//! The bundled fonts (DejaVu Sans and DejaVu Sans Bold, `stdlib/fonts/`) and their
//! glyph advances, used to measure text before the page is laid out.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

/// The font family every text of the page is set in.
pub const FAMILY: &str = "DejaVu Sans";

const REGULAR: &[u8] = include_bytes!("../../../stdlib/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../stdlib/fonts/DejaVuSans-Bold.ttf");

/// Advance used when a font cannot be read at all (never for the bundled fonts).
const FALLBACK_ADVANCE: f32 = 0.6;

/// The two weights the page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// A font database holding only the bundled fonts: no system font is ever looked at,
/// so the output does not depend on the machine.
pub fn database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for data in [REGULAR, BOLD] {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_sans_serif_family(FAMILY);
    db
}

/// Glyph advances of one font, in em.
struct Advances {
    /// Advances of U+0000..U+0250 (Latin), looked up once.
    latin: Vec<f32>,
    /// The font, for the other characters.
    font: Option<skrifa::FontRef<'static>>,
    /// Advance of a character the font lacks (its `.notdef` box).
    missing: f32,
}

const LATIN_END: u32 = 0x250;

impl Advances {
    fn new(data: &'static [u8]) -> Advances {
        let font = skrifa::FontRef::new(data).ok();
        let missing = font
            .as_ref()
            .and_then(|f| glyph_advance(f, skrifa::GlyphId::NOTDEF))
            .unwrap_or(FALLBACK_ADVANCE);
        let mut advances = Advances {
            latin: Vec::new(),
            font,
            missing,
        };
        advances.latin = (0..LATIN_END)
            .map(|c| char::from_u32(c).map_or(missing, |c| advances.lookup(c)))
            .collect();
        advances
    }

    fn lookup(&self, c: char) -> f32 {
        let Some(font) = &self.font else {
            return FALLBACK_ADVANCE;
        };
        font.charmap()
            .map(c)
            .and_then(|glyph| glyph_advance(font, glyph))
            .unwrap_or(self.missing)
    }

    fn get(&self, c: char) -> f32 {
        match self.latin.get(c as usize) {
            Some(&advance) => advance,
            None => self.lookup(c),
        }
    }
}

/// Whether the font of `weight` has a glyph for `c` (rather than its `.notdef` box).
#[cfg(test)]
pub fn has_glyph(c: char, weight: Weight) -> bool {
    advances(weight)
        .font
        .as_ref()
        .is_some_and(|font| font.charmap().map(c).is_some())
}

fn glyph_advance(font: &skrifa::FontRef<'static>, glyph: skrifa::GlyphId) -> Option<f32> {
    font.glyph_metrics(Size::new(1.0), LocationRef::default())
        .advance_width(glyph)
}

fn advances(weight: Weight) -> &'static Advances {
    static REGULAR_ADVANCES: OnceLock<Advances> = OnceLock::new();
    static BOLD_ADVANCES: OnceLock<Advances> = OnceLock::new();
    match weight {
        Weight::Regular => REGULAR_ADVANCES.get_or_init(|| Advances::new(REGULAR)),
        Weight::Bold => BOLD_ADVANCES.get_or_init(|| Advances::new(BOLD)),
    }
}

/// The width of `text` set in `weight` at `size`: the sum of the glyph advances.
/// Kerning and ligatures only make the drawn text narrower, so text measured to fit
/// does fit.
pub fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let advances = advances(weight);
    text.chars().map(|c| advances.get(c)).sum::<f32>() * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_bundled_font() {
        // DejaVu Sans: "M" is 1767/2048 em wide, a space 651/2048.
        assert!((width("M", Weight::Regular, 2048.0) - 1767.0).abs() < 0.5);
        assert!((width("M M", Weight::Regular, 2048.0) - 4185.0).abs() < 0.5);
        assert!(
            width("Wiśniewski", Weight::Bold, 20.0) > width("Wiśniewski", Weight::Regular, 20.0)
        );
        // A character outside the font measures as the `.notdef` box.
        assert!(width("漢", Weight::Regular, 20.0) > 0.0);
    }

    #[test]
    fn database_has_only_the_bundled_faces() {
        assert_eq!(database().len(), 2);
    }
}
