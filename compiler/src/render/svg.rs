//! Writing the few SVG elements the page is made of. Numbers are written with at most
//! one decimal, so the same layout always gives the same bytes.

use std::fmt::Write as _;

use super::fonts::FAMILY;
use super::text::{escape, Font};

/// Width of the page in page units (A4 at 150 dpi).
pub const PAGE_WIDTH: f32 = 1240.0;
/// Height of the page in page units.
pub const PAGE_HEIGHT: f32 = 1754.0;

/// The colours of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Body text.
    Text,
    /// Labels and secondary text.
    Muted,
    /// Title, headings and the frame.
    Accent,
}

impl Ink {
    /// As an SVG colour.
    pub fn svg(self) -> &'static str {
        match self {
            Ink::Text => "#1b1b1b",
            Ink::Muted => "#5f5f5f",
            Ink::Accent => "#1d3557",
        }
    }
}

/// Where `x` is on a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the start.
    Start,
    /// `x` is the middle.
    Middle,
    /// `x` is the end.
    End,
}

impl Anchor {
    fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A number with at most one decimal.
fn num(n: f32) -> String {
    let tenths = (n * 10.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{:.1}", tenths as f64 / 10.0)
    }
}

/// The start of a page: the root element (`scale` page units per pixel of the image),
/// its title and a white background.
pub fn open(out: &mut String, title: &str, lang: &str, scale: f32) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="0 0 {pw} {ph}" xml:lang="{lang}" font-family="{FAMILY}, sans-serif">"#,
        w = num((PAGE_WIDTH / scale).round()),
        h = num((PAGE_HEIGHT / scale).round()),
        pw = num(PAGE_WIDTH),
        ph = num(PAGE_HEIGHT),
        lang = escape(lang),
    );
    let _ = write!(
        out,
        "\n<title>{}</title>\n<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        escape(title),
        num(PAGE_WIDTH),
        num(PAGE_HEIGHT)
    );
}

/// The end of a page.
pub fn close(out: &mut String) {
    out.push_str("</svg>\n");
}

/// One line of text with its baseline at `y`.
pub fn text(out: &mut String, x: f32, y: f32, font: Font, ink: Ink, anchor: Anchor, text: &str) {
    if text.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}""#,
        num(x),
        num(y),
        num(font.size)
    );
    if font.weight == super::fonts::Weight::Bold {
        out.push_str(r#" font-weight="bold""#);
    }
    if anchor != Anchor::Start {
        let _ = write!(out, r#" text-anchor="{}""#, anchor.svg());
    }
    let _ = writeln!(out, r#" fill="{}">{}</text>"#, ink.svg(), escape(text));
}

/// A horizontal rule.
pub fn rule(out: &mut String, x1: f32, x2: f32, y: f32, ink: Ink, width: f32) {
    let _ = writeln!(
        out,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="{}"/>"#,
        num(x1),
        num(x2),
        ink.svg(),
        num(width),
        y = num(y),
    );
}

/// An unfilled rectangle.
pub fn frame(out: &mut String, inset: f32, ink: Ink, width: f32) {
    let _ = writeln!(
        out,
        r#"<rect x="{i}" y="{i}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="{}"/>"#,
        num(PAGE_WIDTH - 2.0 * inset),
        num(PAGE_HEIGHT - 2.0 * inset),
        ink.svg(),
        num(width),
        i = num(inset),
    );
}

/// An image scaled to fit the box, centred in it.
pub fn image(out: &mut String, x: f32, y: f32, width: f32, height: f32, href: &str) {
    let _ = writeln!(
        out,
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="xMidYMid meet" xlink:href="{}"/>"#,
        num(x),
        num(y),
        num(width),
        num(height),
        escape(href)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_with_one_decimal_at_most() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.5), "-0.5");
    }
}
