//! Text for the page: cleaning, XML escaping, and fitting text into a width by wrapping,
//! shrinking and, as a last resort, cutting with an ellipsis. Widths come from the glyph
//! advances of the bundled fonts ([`super::fonts::width`]).

use super::fonts::{width, Weight};

const ELLIPSIS: char = '…';

/// `text` on one line: control characters and every run of whitespace become one space,
/// characters that XML does not allow (U+FFFE, U+FFFF) are dropped, ends trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else if c != '\u{FFFE}' && c != '\u{FFFF}' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML, and the characters XML does
/// not allow (controls other than tab and line ends, U+FFFE, U+FFFF) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A font weight and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Weight.
    pub weight: Weight,
    /// Size in page units.
    pub size: f32,
}

impl Font {
    /// The width of `text` in this font.
    pub fn width(self, text: &str) -> f32 {
        width(text, self.weight, self.size)
    }

    fn char_width(self, c: char) -> f32 {
        let mut buf = [0u8; 4];
        self.width(c.encode_utf8(&mut buf))
    }
}

/// Cleaned `text` broken into lines no wider than `max`, at spaces; a word wider than
/// `max` is broken between characters. No line is empty; empty text gives no lines.
pub fn wrap(text: &str, font: Font, max: f32) -> Vec<String> {
    let space = font.width(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in clean(text).split(' ') {
        let word_width = font.width(word);
        if !line.is_empty() && line_width + space + word_width <= max {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let (mut pieces, last) = break_word(word, font, max);
        lines.append(&mut pieces);
        line_width = font.width(&last);
        line = last;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word wider than `max` cut into full lines and a last piece. A character of zero
/// advance (a combining mark) stays with the character before it.
fn break_word(word: &str, font: Font, max: f32) -> (Vec<String>, String) {
    let mut lines = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for c in word.chars() {
        let w = font.char_width(c);
        if !piece.is_empty() && w > 0.0 && piece_width + w > max {
            lines.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += w;
    }
    (lines, piece)
}

/// Like [`wrap`], with at most `max_lines` lines: when the text needs more, the last line
/// ends with an ellipsis.
pub fn wrap_at_most(text: &str, font: Font, max: f32, max_lines: usize) -> Vec<String> {
    cap(wrap(text, font, max), font, max, max_lines)
}

/// At most `n` of `lines` (each no wider than `max`); when some are left out, the last
/// line kept ends with an ellipsis.
pub fn cap(mut lines: Vec<String>, font: Font, max: f32, n: usize) -> Vec<String> {
    if lines.len() > n {
        lines.truncate(n);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(last, font, max);
        }
    }
    lines
}

/// Cleaned `text` on one line no wider than `max`, cut with an ellipsis when needed.
pub fn ellipsize(text: &str, font: Font, max: f32) -> String {
    let text = clean(text);
    if font.width(&text) <= max {
        text
    } else {
        with_ellipsis(&text, font, max)
    }
}

/// `text` shortened until it and an ellipsis fit in `max`.
fn with_ellipsis(text: &str, font: Font, max: f32) -> String {
    let mut budget = max - font.char_width(ELLIPSIS);
    let mut out = String::new();
    for c in text.chars() {
        budget -= font.char_width(c);
        if budget < 0.0 {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Text fitted into a width: the size chosen and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The font, at the size chosen.
    pub font: Font,
    /// The lines.
    pub lines: Vec<String>,
}

/// How text may be fitted: the largest size first, shrinking by `step` down to `min`
/// until it takes at most `lines` lines; at `min` it may take up to `max_lines` lines,
/// and more is cut with an ellipsis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Weight.
    pub weight: Weight,
    /// Preferred (largest) size.
    pub max: f32,
    /// Smallest size.
    pub min: f32,
    /// Step between sizes tried.
    pub step: f32,
    /// Lines wanted.
    pub lines: usize,
    /// Lines allowed at the smallest size.
    pub max_lines: usize,
}

impl Fit {
    /// `text` fitted into `width`.
    pub fn apply(self, text: &str, width: f32) -> Fitted {
        let mut size = self.max;
        while size > self.min {
            let font = Font {
                weight: self.weight,
                size,
            };
            let lines = wrap(text, font, width);
            if lines.len() <= self.lines {
                return Fitted { font, lines };
            }
            size -= self.step;
        }
        let font = Font {
            weight: self.weight,
            size: self.min,
        };
        Fitted {
            font,
            lines: wrap_at_most(text, font, width, self.max_lines),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Font = Font {
        weight: Weight::Regular,
        size: 20.0,
    };

    #[test]
    fn cleans_whitespace_and_control_characters() {
        assert_eq!(clean("  a\n\tb\u{0}c \u{FFFF} "), "a b c");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a & 'b\">"), "&lt;a &amp; &apos;b&quot;&gt;");
        assert_eq!(escape("a\u{0}\u{1B}\u{FFFE}\tb"), "a\tb");
    }

    #[test]
    fn wraps_within_the_width() {
        let text = "Choose and apply descriptive and inferential statistical methods to a dataset";
        let lines = wrap(text, BODY, 300.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| BODY.width(l) <= 300.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn breaks_words_longer_than_a_line() {
        let lines = wrap(&"x".repeat(200), BODY, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| BODY.width(l) <= 100.0));
        assert_eq!(lines.concat().len(), 200);
    }

    #[test]
    fn cuts_with_an_ellipsis() {
        let long = "Ana Sofia Ramos Pereira de Albuquerque e Vasconcelos";
        let cut = ellipsize(long, BODY, 200.0);
        assert!(cut.ends_with(ELLIPSIS));
        assert!(BODY.width(&cut) <= 200.0);
        assert_eq!(ellipsize("Ana", BODY, 200.0), "Ana");
        let lines = wrap_at_most(&long.repeat(5), BODY, 200.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with(ELLIPSIS));
    }

    #[test]
    fn shrinks_before_wrapping() {
        let fit = Fit {
            weight: Weight::Bold,
            max: 40.0,
            min: 20.0,
            step: 2.0,
            lines: 1,
            max_lines: 3,
        };
        let short = fit.apply("Data", 500.0);
        assert_eq!(short.font.size, 40.0);
        let longer = fit.apply("Data Analysis with Python and Friends", 500.0);
        assert!(longer.font.size < 40.0 && longer.lines.len() == 1);
        let longest = fit.apply(&"Data Analysis ".repeat(30), 500.0);
        assert_eq!(longest.font.size, 20.0);
        assert_eq!(longest.lines.len(), 3);
    }
}
