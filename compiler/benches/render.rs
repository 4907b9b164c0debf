//! The rendered credential page: laying out a micro-credential's template once, filling
//! it in per learner, and drawing each page as PNG.
//!
//! Run: `cargo bench -p laurel --bench render`.

use std::path::Path;

use laurel::check::Model;
use laurel::project::Project;
use laurel::render::{png, PageTemplate, Renderer};

fn main() {
    divan::main();
}

/// The university example: its first micro-credential and award.
fn model() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/university");
    let compilation = Project::load(&dir).expect("loads").compile();
    assert!(!compilation.has_errors());
    compilation.model
}

/// Loading the bundled fonts (once per process).
#[divan::bench]
fn renderer_new() -> Renderer {
    Renderer::new()
}

/// Laying out the template of one micro-credential in one language (once per
/// credential and language).
#[divan::bench]
fn template_new(bencher: divan::Bencher) {
    let model = model();
    let credential = model.awards[0].credential;
    bencher.bench(|| PageTemplate::new(&model, credential, "en", None).expect("template"));
}

/// Filling in one learner: the SVG of every page (once per credential).
#[divan::bench]
fn fill(bencher: divan::Bencher) {
    let model = model();
    let award = &model.awards[0];
    let template = PageTemplate::new(&model, award.credential, "en", None).expect("template");
    bencher.bench(|| template.pages(award));
}

/// Drawing one page and encoding it as PNG (once per page of every credential).
#[divan::bench(sample_count = 30)]
fn png_page(bencher: divan::Bencher) {
    let model = model();
    let award = &model.awards[0];
    let template = PageTemplate::new(&model, award.credential, "en", None).expect("template");
    let page = template.pages(award).remove(0);
    let renderer = Renderer::new();
    bencher.bench(|| png(&renderer, &page).expect("png"));
}
