//! The rendered page of a credential: the image that `displayParameter.individualDisplay`
//! carries (one per language, a PNG per page).
//!
//! A [`PageTemplate`] lays out everything a micro-credential's page says that is the same
//! for every learner once, per language; [`PageTemplate::pages`] fills in one learner and
//! gives one SVG document per page. [`png`] rasterises a page with the bundled fonts
//! (DejaVu Sans, `stdlib/fonts/`) and no system font, so the same input gives the same
//! bytes on every machine. [`html`] wraps pages into a preview document.
//!
//! ```
//! # let model = laurel::check::Model::default();
//! # let Some(award) = model.awards.first() else { return };
//! use laurel::render::{png, PageTemplate, Renderer};
//! let renderer = Renderer::new();
//! let template = PageTemplate::new(&model, award.credential, "en", None).unwrap();
//! for page in template.pages(award) {
//!     let image: Vec<u8> = png(&renderer, &page).unwrap();
//! }
//! ```
//!
//! Text is wrapped with the advances of the bundled fonts; long titles shrink; outcomes
//! that do not fit continue on further pages. Characters the fonts lack (CJK, for
//! instance) are drawn as the font's empty box ("tofu").

mod content;
mod fonts;
mod labels;
mod layout;
mod raster;
mod svg;
mod text;

use base64::Engine as _;

use crate::check::{Award, CredentialId, Model};

pub use raster::{png, Renderer};

/// Page units per image pixel: the page is laid out at 150 dpi (1240 × 1754 units) and
/// drawn at 100 dpi (827 × 1169 pixels).
const SCALE: f32 = 1.5;

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The model has no micro-credential with this index.
    UnknownCredential(CredentialId),
    /// The SVG could not be read.
    Svg(String),
    /// The image could not be made or encoded.
    Image(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::UnknownCredential(id) => write!(f, "no micro-credential number {id}"),
            RenderError::Svg(e) => write!(f, "cannot read the page: {e}"),
            RenderError::Image(e) => write!(f, "cannot draw the page: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// An organisation's logo: a PNG, JPEG or SVG image, drawn centred at the top of page 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    href: String,
}

impl Logo {
    /// The logo in `bytes`, if they are a PNG, JPEG or SVG image (told by their content).
    pub fn from_bytes(bytes: &[u8]) -> Option<Logo> {
        let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(b"\xff\xd8\xff") {
            "image/jpeg"
        } else if is_svg(bytes) {
            "image/svg+xml"
        } else {
            return None;
        };
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        Some(Logo {
            href: format!("data:{mime};base64,{data}"),
        })
    }
}

fn is_svg(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(start);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!--"))
        && text.contains("<svg")
}

/// The pages of one micro-credential in one language, laid out once, to be filled in
/// for each learner.
#[derive(Debug, Clone)]
pub struct PageTemplate {
    layout: layout::Layout,
}

impl PageTemplate {
    /// Lays out micro-credential `credential` of `model` in language `lang` (texts not
    /// given in it fall back to the project's default language; the fixed words are
    /// English, German or French, else English), with the awarding body's `logo` if any.
    pub fn new(
        model: &Model,
        credential: CredentialId,
        lang: &str,
        logo: Option<&Logo>,
    ) -> Result<PageTemplate, RenderError> {
        let cred = model
            .credentials
            .get(credential)
            .ok_or(RenderError::UnknownCredential(credential))?;
        let lang = content::Lang::new(lang, &model.project.default_language);
        let content = content::Content::new(model, cred, &lang);
        let logo = logo.map(|l| l.href.as_str());
        Ok(PageTemplate {
            layout: layout::Layout::new(&content, lang, logo, SCALE),
        })
    }

    /// The pages of `award` (its learner, date of issuing, grade and period), one SVG
    /// document per page, numbered "Page 1 of n". The credential is the template's, not
    /// looked up from the award.
    pub fn pages(&self, award: &Award) -> Vec<String> {
        let learner = content::LearnerContent::new(award, self.layout.lang());
        self.layout.fill(&learner)
    }

    /// How many pages every learner's credential has.
    pub fn page_count(&self) -> usize {
        self.layout.page_count()
    }
}

/// An HTML document showing `pages` (SVG documents) one below the other, titled `title`.
pub fn html(title: &str, pages: &[String]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n", text::escape(title)));
    out.push_str(
        "<style>\nbody { margin: 0; padding: 24px; background: #e8e8e8; }\n\
         .page { display: block; width: 827px; max-width: 100%; height: auto; margin: 0 auto 24px; \
         box-shadow: 0 1px 4px rgba(0,0,0,.3); }\n</style>\n</head>\n<body>\n",
    );
    for page in pages {
        let page = page.replacen("<svg ", "<svg class=\"page\" ", 1);
        out.push_str(&page);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The logo of a micro-credential's (first) awarding body, when it has one.
pub fn awarding_body_logo(model: &Model, credential: CredentialId) -> Option<Logo> {
    let cred = model.credentials.get(credential)?;
    let org = model.organisations.get(*cred.awarding_bodies.first()?)?;
    Logo::from_bytes(&org.logo.as_ref()?.image.as_ref()?.bytes)
}

/// The languages a credential's page is shown in: the languages of its title (else the
/// project's default language).
pub fn display_languages(model: &Model, cred: &crate::check::Credential) -> Vec<String> {
    let mut languages: Vec<String> = cred.title.0.iter().map(|(l, _)| l.clone()).collect();
    if languages.is_empty() {
        languages.push(model.project.default_language.clone());
    }
    languages
}

/// The page images of awards, as credentials carry them: one template per
/// micro-credential and display language (the languages of its title), laid out once.
#[derive(Debug)]
pub struct PageImages {
    renderer: Renderer,
    templates: std::collections::HashMap<CredentialId, Vec<(String, PageTemplate)>>,
}

impl PageImages {
    /// Lays out the pages of `credentials` of `model`.
    pub fn new(
        model: &Model,
        credentials: impl IntoIterator<Item = CredentialId>,
    ) -> Result<PageImages, RenderError> {
        let mut templates = std::collections::HashMap::new();
        for id in credentials {
            let cred = model
                .credentials
                .get(id)
                .ok_or(RenderError::UnknownCredential(id))?;
            let languages = display_languages(model, cred);
            let logo = awarding_body_logo(model, id);
            let per_language = languages
                .into_iter()
                .map(|lang| PageTemplate::new(model, id, &lang, logo.as_ref()).map(|t| (lang, t)))
                .collect::<Result<Vec<_>, _>>()?;
            templates.insert(id, per_language);
        }
        Ok(PageImages {
            renderer: Renderer::new(),
            templates,
        })
    }

    /// The PNG pages of `award` in each display language of its credential.
    pub fn render(&self, award: &Award) -> Result<Vec<crate::elm::DisplayPages>, RenderError> {
        let templates = self
            .templates
            .get(&award.credential)
            .ok_or(RenderError::UnknownCredential(award.credential))?;
        templates
            .iter()
            .map(|(language, template)| {
                let png = template
                    .pages(award)
                    .iter()
                    .map(|svg| png(&self.renderer, svg))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(crate::elm::DisplayPages {
                    language: language.clone(),
                    png,
                })
            })
            .collect()
    }
}
