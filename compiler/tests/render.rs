//! The rendered credential page (`laurel::render`): golden images of the examples,
//! determinism, text that never leaves the page, non-Latin names, and random input.
//!
//! The golden images are `tests/render/<case>.png` (`<case>-page-2.png` ...). They are
//! compared pixel by pixel with a tolerance, so that a change of rasteriser version that
//! moves anti-aliasing a little does not fail the test, but a change of layout does.
//! After a deliberate change of the page, run
//! `LAUREL_BLESS=1 cargo test -p laurel --test render`, look at the new images, and commit
//! them. A failing comparison writes the new image to the system's temporary folder.

use std::path::{Path, PathBuf};

use laurel::check::{Award, LangText, Model};
use laurel::project::Project;
use laurel::render::{html, png, Logo, PageTemplate, RenderError, Renderer};
use proptest::prelude::*;
use resvg::tiny_skia::Pixmap;
use resvg::usvg;

/// A pixel differs when one of its channels differs by more than this.
const CHANNEL_TOLERANCE: u8 = 64;
/// A page matches when at most this share of its pixels differ.
const PIXEL_TOLERANCE: f64 = 0.005;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> Model {
    let dir = manifest_dir().join("../examples").join(name);
    let compilation = Project::load(&dir).expect("loads").compile();
    assert!(!compilation.has_errors(), "{name} has errors");
    compilation.model
}

fn pages(model: &Model, award: &Award, lang: &str) -> Vec<String> {
    PageTemplate::new(model, award.credential, lang, None)
        .expect("template")
        .pages(award)
}

/// University's first credential with a 300-character title and 40 outcomes (every
/// third one long), awarded to a learner with a Greek, Polish and CJK name.
fn crowded() -> (Model, Award) {
    let mut model = example("university");
    let cred = &mut model.credentials[0];
    let title: String = "Advanced Interdisciplinary Methods for Research Data "
        .repeat(6)
        .chars()
        .take(300)
        .collect();
    cred.title = LangText::single("en", &title);
    let long = "Choose and apply descriptive and inferential statistical methods to a dataset \
                of considerable size and explain the results to a lay audience";
    let template = cred.outcomes[1].clone();
    cred.outcomes = (0..40)
        .map(|i| {
            let mut outcome = template.clone();
            if i % 3 == 0 {
                outcome.title = LangText::single("en", long);
            }
            outcome
        })
        .collect();
    let mut award = model.awards[0].clone();
    award.learner.given_name = LangText::single("en", "Ελένη");
    award.learner.family_name = LangText::single("en", "Παπαδοπούλου-Wiśniewska 漢字");
    (model, award)
}

/// The cases with golden images: (case, pages).
fn golden_cases() -> Vec<(&'static str, Vec<String>)> {
    let university = example("university");
    let mooc = example("mooc-platform");
    let vet = example("vet-provider");
    let (crowded, crowded_award) = crowded();
    vec![
        (
            "university-en",
            pages(&university, &university.awards[0], "en"),
        ),
        (
            "university-fr",
            pages(&university, &university.awards[0], "fr"),
        ),
        ("mooc-platform-en", pages(&mooc, &mooc.awards[0], "en")),
        ("vet-provider-de", pages(&vet, &vet.awards[0], "de")),
        ("crowded-en", pages(&crowded, &crowded_award, "en")),
    ]
}

fn golden_path(case: &str, page: usize) -> PathBuf {
    let name = match page {
        1 => format!("{case}.png"),
        n => format!("{case}-page-{n}.png"),
    };
    manifest_dir().join("tests/render").join(name)
}

/// The share of pixels of `actual` that differ from `expected`; 1.0 when the sizes differ.
fn difference(expected: &[u8], actual: &[u8]) -> f64 {
    let (Ok(expected), Ok(actual)) = (Pixmap::decode_png(expected), Pixmap::decode_png(actual))
    else {
        return 1.0;
    };
    if (expected.width(), expected.height()) != (actual.width(), actual.height()) {
        return 1.0;
    }
    let differing = expected
        .data()
        .chunks_exact(4)
        .zip(actual.data().chunks_exact(4))
        .filter(|(e, a)| {
            e.iter()
                .zip(a.iter())
                .any(|(e, a)| e.abs_diff(*a) > CHANNEL_TOLERANCE)
        })
        .count();
    differing as f64 / (expected.width() as f64 * expected.height() as f64)
}

#[test]
fn pages_match_the_golden_images() {
    let renderer = Renderer::new();
    let bless = std::env::var_os("LAUREL_BLESS").is_some();
    let mut failures = Vec::new();
    for (case, pages) in golden_cases() {
        for (i, page) in pages.iter().enumerate() {
            let image = png(&renderer, page).expect("renders");
            let path = golden_path(case, i + 1);
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &image).unwrap();
                continue;
            }
            let expected = std::fs::read(&path).unwrap_or_default();
            let share = difference(&expected, &image);
            if share > PIXEL_TOLERANCE {
                let actual = std::env::temp_dir().join(path.file_name().unwrap());
                std::fs::write(&actual, &image).unwrap();
                failures.push(format!(
                    "{}: {:.2}% of the pixels differ; new image: {}",
                    path.display(),
                    share * 100.0,
                    actual.display()
                ));
            }
        }
        let extra = golden_path(case, pages.len() + 1);
        assert!(bless || !extra.exists(), "{} is left over", extra.display());
    }
    assert!(
        failures.is_empty(),
        "pages differ from the golden images (run with LAUREL_BLESS=1 after a deliberate change):\n{}",
        failures.join("\n")
    );
}

#[test]
fn rendering_is_deterministic() {
    let model = example("mooc-platform");
    let award = &model.awards[0];
    let first = pages(&model, award, "en");
    let template = PageTemplate::new(&model, award.credential, "en", None).unwrap();
    let again = template.pages(award);
    assert_eq!(first, again);
    let (a, b) = (Renderer::new(), Renderer::new());
    let image = png(&a, &first[0]).unwrap();
    assert_eq!(image, png(&b, &first[0]).unwrap());
    assert_eq!(image, png(&a, &first[0]).unwrap());
    let other_thread = std::thread::scope(|s| s.spawn(|| png(&a, &first[0]).unwrap()).join());
    assert_eq!(image, other_thread.unwrap());
}

#[test]
fn a_template_serves_every_learner() {
    let model = example("university");
    let award = &model.awards[0];
    let template = PageTemplate::new(&model, award.credential, "en", None).unwrap();
    let others: Vec<&Award> = model
        .awards
        .iter()
        .filter(|a| a.credential == award.credential)
        .collect();
    assert!(others.len() > 1);
    for other in others {
        let pages = template.pages(other);
        assert_eq!(pages.len(), template.page_count());
        let name = other.learner.display_name().first().unwrap().to_string();
        assert!(pages[0].contains(&name), "{name} is missing");
    }
}

/// usvg options with the bundled fonts, to measure what the renderer draws.
fn usvg_options() -> usvg::Options<'static> {
    let mut db = usvg::fontdb::Database::new();
    for font in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let path = manifest_dir().join("../stdlib/fonts").join(font);
        db.load_font_data(std::fs::read(path).expect("font"));
    }
    usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: std::sync::Arc::new(db),
        ..usvg::Options::default()
    }
}

/// Every text element of `svg`, as it is laid out with the bundled fonts.
fn texts(svg: &str, options: &usvg::Options<'_>) -> (usvg::Tree, Vec<usvg::Text>) {
    fn collect(group: &usvg::Group, out: &mut Vec<usvg::Text>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => collect(g, out),
                usvg::Node::Text(t) => out.push((**t).clone()),
                _ => {}
            }
        }
    }
    let tree = usvg::Tree::from_str(svg, options).expect("valid SVG");
    let mut out = Vec::new();
    collect(tree.root(), &mut out);
    (tree, out)
}

/// Fails when a text of `svg` leaves the inner frame of the page or overlaps another.
fn assert_text_stays_inside(svg: &str, options: &usvg::Options<'_>) {
    let (tree, texts) = texts(svg, options);
    let size = tree.size();
    let frame = 48.0 / 1.5; // the inner frame, in image pixels
    let boxes: Vec<(String, usvg::Rect)> = texts
        .iter()
        .map(|t| {
            let text: String = t.chunks().iter().map(|c| c.text()).collect();
            (text, t.abs_bounding_box())
        })
        .collect();
    for (text, b) in &boxes {
        assert!(
            b.left() >= frame
                && b.top() >= frame
                && b.right() <= size.width() - frame
                && b.bottom() <= size.height() - frame,
            "`{text}` leaves the page: {b:?}"
        );
    }
    for (i, (a, ab)) in boxes.iter().enumerate() {
        for (b, bb) in &boxes[i + 1..] {
            let overlap = ab.left() < bb.right() - 1.0
                && bb.left() < ab.right() - 1.0
                && ab.top() < bb.bottom() - 1.0
                && bb.top() < ab.bottom() - 1.0;
            assert!(!overlap, "`{a}` overlaps `{b}`");
        }
    }
}

#[test]
fn a_long_title_and_many_outcomes_stay_on_the_pages() {
    let (model, award) = crowded();
    let pages = pages(&model, &award, "en");
    assert!(pages.len() > 1, "40 outcomes fit on one page?");
    let options = usvg_options();
    for (i, page) in pages.iter().enumerate() {
        assert_text_stays_inside(page, &options);
        let footer = format!("Page {} of {}", i + 1, pages.len());
        assert!(page.contains(&footer), "page {} lacks `{footer}`", i + 1);
    }
    let all = pages.concat();
    assert!(all.contains(">40.<"), "the last outcome is missing");
    assert!(all.contains("Learning outcomes (continued)"));
    assert!(all.contains(">Assessment<"));
}

#[test]
fn the_examples_stay_on_their_pages() {
    let options = usvg_options();
    for (case, pages) in golden_cases() {
        for page in &pages {
            assert_text_stays_inside(page, &options);
        }
        assert!(!pages.is_empty(), "{case}");
    }
}

#[test]
fn non_latin_names_are_drawn_with_real_glyphs() {
    let model = example("mooc-platform");
    let options = usvg_options();
    for (given, family) in [
        ("Siobhán", "Ní Bhriain"),
        ("Tomasz", "Wiśniewski"),
        ("Ελένη", "Παπαδοπούλου"),
    ] {
        let mut award = model.awards[0].clone();
        award.learner.given_name = LangText::single("en", given);
        award.learner.family_name = LangText::single("en", family);
        let page = &pages(&model, &award, "en")[0];
        let name = format!("{given} {family}");
        let (_, texts) = texts(page, &options);
        let drawn = texts
            .iter()
            .find(|t| t.chunks().iter().any(|c| c.text() == name))
            .unwrap_or_else(|| panic!("{name} is not on the page"));
        let glyphs: Vec<_> = drawn
            .layouted()
            .iter()
            .flat_map(|span| &span.positioned_glyphs)
            .collect();
        assert!(!glyphs.is_empty());
        assert!(
            glyphs.iter().all(|g| g.id.0 != 0),
            "{name} has a character the font lacks"
        );
    }
}

#[test]
fn characters_outside_the_font_do_not_fail() {
    let model = example("mooc-platform");
    let mut award = model.awards[0].clone();
    award.learner.full_name = LangText::single("en", "山田 太郎 🎓");
    let page = &pages(&model, &award, "en")[0];
    assert!(page.contains("山田 太郎"));
    assert!(png(&Renderer::new(), page).is_ok());
}

#[test]
fn fixed_words_follow_the_display_language() {
    let vet = example("vet-provider");
    let german = pages(&vet, &vet.awards[0], "de").concat();
    for words in [
        "Verliehen an",
        "AUSSTELLUNGSDATUM",
        "Lernergebnisse",
        "Seite 1 von 1",
        "11. April 2025",
    ] {
        assert!(german.contains(words), "`{words}` is missing");
    }
    // English texts where given, English words.
    let english = pages(&vet, &vet.awards[0], "en").concat();
    assert!(english.contains("Photovoltaic Installation Specialist"));
    assert!(english.contains("Awarded to"));
    // A language without texts falls back to the default language, with its own words.
    let polish = pages(&vet, &vet.awards[0], "pl").concat();
    assert!(polish.contains("Fachkraft für Photovoltaik-Montage"));
    assert!(polish.contains("Wydane dla"));
    assert!(polish.contains("11 kwietnia 2025"));
    // A language that is not one of the EU's gets the English words.
    let japanese = pages(&vet, &vet.awards[0], "ja").concat();
    assert!(japanese.contains("Awarded to"));
}

/// The text of every `<text>` element of `svg`, one a line, in the order drawn.
fn drawn_texts(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|element| {
            let (_, rest) = element.split_once('>')?;
            Some(rest.split_once("</text>")?.0)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn polish_and_greek_pages_have_their_own_words() {
    let mooc = example("mooc-platform");
    for lang in ["pl", "el"] {
        let page = &pages(&mooc, &mooc.awards[0], lang)[0];
        insta::assert_snapshot!(format!("fixed_words_{lang}"), drawn_texts(page));
    }
}

#[test]
fn every_eu_language_stays_on_the_page() {
    let options = usvg_options();
    let mooc = example("mooc-platform");
    let university = example("university");
    for lang in [
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
        "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ] {
        let pages = [
            pages(&mooc, &mooc.awards[0], lang),
            pages(&university, &university.awards[0], lang),
        ]
        .concat();
        for page in &pages {
            assert_text_stays_inside(page, &options);
            assert!(!page.contains('…'), "{lang}: a fixed word is cut");
        }
    }
}

#[test]
fn a_mandated_issue_names_the_issuer() {
    let mooc = example("mooc-platform");
    let page = pages(&mooc, &mooc.awards[0], "en").concat();
    assert!(page.contains("ISSUED BY"));
    assert!(page.contains("EduWave Open Learning B.V., on behalf of the"));
    assert!(page.contains("Kestrel University of Technology"));
}

#[test]
fn a_logo_is_embedded_and_drawn() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#b22234"/></svg>"##;
    let mut pixmap = Pixmap::new(40, 20).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::from_rgba8(0, 90, 160, 255));
    let raster = pixmap.encode_png().unwrap();
    assert!(Logo::from_bytes(b"GIF89a").is_none());
    let model = example("university");
    let award = &model.awards[0];
    let renderer = Renderer::new();
    let plain = png(&renderer, &pages(&model, award, "en")[0]).unwrap();
    for bytes in [&svg[..], &raster[..]] {
        let logo = Logo::from_bytes(bytes).expect("a logo");
        let template = PageTemplate::new(&model, award.credential, "en", Some(&logo)).unwrap();
        let page = &template.pages(award)[0];
        assert!(page.contains("<image "));
        let image = png(&renderer, page).unwrap();
        assert!(difference(&plain, &image) > 0.001, "the logo is not drawn");
    }
}

#[test]
fn an_unknown_credential_is_an_error() {
    let model = example("university");
    let err = PageTemplate::new(&model, 99, "en", None).unwrap_err();
    assert_eq!(err, RenderError::UnknownCredential(99));
    assert!(png(&Renderer::new(), "not svg").is_err());
}

#[test]
fn html_shows_every_page() {
    let (model, award) = crowded();
    let pages = pages(&model, &award, "en");
    let doc = html("Preview <crowded>", &pages);
    assert!(doc.starts_with("<!DOCTYPE html>"));
    assert!(doc.contains("<title>Preview &lt;crowded&gt;</title>"));
    assert_eq!(doc.matches("<svg class=\"page\"").count(), pages.len());
}

#[test]
fn pages_are_small_enough_to_embed() {
    let model = example("university");
    let page = &pages(&model, &model.awards[0], "en")[0];
    let image = png(&Renderer::new(), page).unwrap();
    assert!(image.len() < 40_000, "{} bytes", image.len());
    let pixmap = Pixmap::decode_png(&image).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (827, 1169));
}

#[test]
fn renderer_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Renderer>();
    shared::<PageTemplate>();
}

/// Text of every kind: letters of many scripts, markup, controls, long words.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,400}",
        "[a-zA-Z<>&\"' ]{0,60}( [a-z]{0,40}){0,30}",
        "[\\u{0}-\\u{1F}\\u{7F}-\\u{9F}\\u{FFFE}\\u{FFFF}a ]{0,40}",
        "[\\u{0300}-\\u{036F}\\u{0590}-\\u{06FF}\\u{4E00}-\\u{4E50}x]{0,200}",
        "(x[\\u{0300}-\\u{036F}]{0,60} ){0,5}",
    ]
}

static RENDERER: std::sync::LazyLock<Renderer> = std::sync::LazyLock::new(Renderer::new);

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_titles_and_names_never_break_the_page(
        title in any_text(),
        name in any_text(),
        grade in any_text(),
        outcome in any_text(),
    ) {
        let mut model = example("university");
        model.credentials[0].title = LangText::single("en", &title);
        model.credentials[0].outcomes[0].title = LangText::single("en", &outcome);
        let mut award = model.awards[0].clone();
        award.learner.full_name = LangText::single("en", &name);
        award.grade = LangText::single("en", &grade);
        let pages = pages(&model, &award, "en");
        prop_assert!(!pages.is_empty());
        let options = usvg_options();
        for page in &pages {
            assert_text_stays_inside(page, &options);
        }
        prop_assert!(png(&RENDERER, &pages[0]).is_ok());
    }
}

#[test]
fn only_a_micro_credential_says_so_above_its_title() {
    let mut model = example("university");
    let page = pages(&model, &model.awards[0], "en").concat();
    assert!(drawn_texts(&page).contains("MICRO-CREDENTIAL"));
    // the same credential written as `credential` (a certificate of participation)
    model.credentials[model.awards[0].credential].micro = false;
    let page = pages(&model, &model.awards[0], "en").concat();
    assert!(!drawn_texts(&page).contains("MICRO-CREDENTIAL"));
    assert!(page.contains("Awarded to"));
}
