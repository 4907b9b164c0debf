//! Drawing a page (resvg) and encoding it as a small PNG.

use std::sync::Arc;

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg;

use super::RenderError;

/// Pages larger than this many pixels are refused (a page is about 1 million).
const MAX_PIXELS: u64 = 40_000_000;

/// Draws pages: the bundled fonts, loaded once. Create one and share it (it is `Sync`).
pub struct Renderer {
    options: usvg::Options<'static>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("fonts", &self.options.fontdb.len())
            .finish()
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with the bundled fonts only. Images may only be embedded (`data:`
    /// URLs); nothing is read from disk.
    pub fn new() -> Renderer {
        let options = usvg::Options {
            font_family: super::fonts::FAMILY.to_string(),
            fontdb: Arc::new(super::fonts::database()),
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        Renderer { options }
    }
}

/// `svg` drawn on white and encoded as PNG, at the size its `width` and `height` give.
pub fn png(renderer: &Renderer, svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = usvg::Tree::from_str(svg, &renderer.options)
        .map_err(|e| RenderError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size();
    if u64::from(size.width()) * u64::from(size.height()) > MAX_PIXELS {
        return Err(RenderError::Image(format!(
            "{} × {} pixels is too large",
            size.width(),
            size.height()
        )));
    }
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| RenderError::Image("empty page".into()))?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    encode(&pixmap).map_err(|e| RenderError::Image(e.to_string()))
}

/// An opaque image as PNG: 8-bit indexed when it has at most 256 colours (a page without
/// a photo-like logo has about a hundred: the inks and their anti-aliased edges on
/// white), else 8-bit RGB. Lossless either way. zlib level 6: level 9 saves 2 % of the
/// bytes and costs twice the time.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let data = match palette(pixmap.data()) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            encoder.set_filter(png::Filter::NoFilter);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_filter(png::Filter::Adaptive);
            rgb(pixmap.data())
        }
    };
    encoder.write_header()?.write_image_data(&data)?;
    Ok(out)
}

/// The RGB bytes of opaque RGBA pixels.
fn rgb(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// The colours of opaque RGBA pixels, in order of first use, as a PNG palette, and each
/// pixel's index; `None` when there are more than 256.
fn palette(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    // (colour, index) sorted by colour: a binary search is cheaper than hashing here.
    let mut known: Vec<(u32, u8)> = Vec::new();
    let mut palette = Vec::new();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    let mut last: Option<(u32, u8)> = None;
    for pixel in rgba.chunks_exact(4) {
        let colour = u32::from_be_bytes([0, pixel[0], pixel[1], pixel[2]]);
        let index = match last {
            Some((c, index)) if c == colour => index,
            _ => match known.binary_search_by_key(&colour, |&(c, _)| c) {
                Ok(at) => known[at].1,
                Err(at) => {
                    let index = u8::try_from(known.len()).ok()?;
                    known.insert(at, (colour, index));
                    palette.extend_from_slice(&pixel[..3]);
                    index
                }
            },
        };
        last = Some((colour, index));
        indices.push(index);
    }
    Some((palette, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_few_colours_and_refuses_many() {
        let pixels = [255, 255, 255, 255, 0, 0, 0, 255, 9, 9, 9, 255, 0, 0, 0, 255];
        let (colours, indices) = palette(&pixels).unwrap();
        assert_eq!(colours, [255, 255, 255, 0, 0, 0, 9, 9, 9]);
        assert_eq!(indices, [0, 1, 2, 1]);
        let many: Vec<u8> = (0..=256u16)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 0, 255])
            .collect();
        assert!(palette(&many).is_none());
    }
}
