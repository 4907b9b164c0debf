//! Laying out the pages of a micro-credential: the parts that are the same for every
//! learner are placed and written once ([`Layout::new`]); the learner's name, details and
//! facts go into fixed slots, fitted by shrinking or cutting so that they never move
//! anything else ([`Layout::fill`]).
//!
//! Page 1: logo, awarding body, "Micro-credential", title, the learner, a two-column
//! grid of facts (the learner's on the left, the credential's on the right), then the
//! learning outcomes and assessments flowing onto further pages when they do not fit.
//! Further pages have a running head (title, learner) and repeat the section heading.

use super::content::{Content, Lang, LearnerContent};
use super::fonts::Weight;
use super::labels::{Label, Words};
use super::svg::{self, Anchor, Ink, PAGE_WIDTH};
use super::text::{cap, ellipsize, wrap, wrap_at_most, Fit, Font};

const LEFT: f32 = 110.0;
const RIGHT: f32 = PAGE_WIDTH - LEFT;
const WIDTH: f32 = RIGHT - LEFT;
const CENTRE: f32 = PAGE_WIDTH / 2.0;
const TOP: f32 = 112.0;
/// No line of the flowing part goes below this.
const BOTTOM: f32 = 1610.0;
const FOOTER: f32 = 1668.0;
/// Where the flowing part starts on further pages.
const CONTINUATION_TOP: f32 = 190.0;

const LOGO_HEIGHT: f32 = 120.0;
const COLUMN: f32 = 490.0;
const RIGHT_COLUMN: f32 = LEFT + WIDTH - COLUMN;
/// A fact: from its top to the first baseline of its value.
const FACT_HEAD: f32 = 44.0;
/// A fact: from one line of its value to the next.
const FACT_LINE: f32 = 27.0;
/// A fact: from the last baseline of its value to the next fact.
const FACT_GAP: f32 = 26.0;
const LEARNER_FACTS: usize = 3;
const INDENT: f32 = 50.0;
/// The most room spread over the gaps of a short page 1.
const MAX_AIR: f32 = 260.0;

const fn font(weight: Weight, size: f32) -> Font {
    Font { weight, size }
}

const LETTERHEAD: Fit = Fit {
    weight: Weight::Bold,
    max: 28.0,
    min: 20.0,
    step: 2.0,
    lines: 1,
    max_lines: 2,
};
const KIND: Font = font(Weight::Regular, 18.0);
const TITLE: Fit = Fit {
    weight: Weight::Bold,
    max: 50.0,
    min: 28.0,
    step: 2.0,
    lines: 2,
    max_lines: 6,
};
const AWARDED_TO: Font = font(Weight::Regular, 20.0);
const NAME: Fit = Fit {
    weight: Weight::Bold,
    max: 44.0,
    min: 26.0,
    step: 2.0,
    lines: 1,
    max_lines: 1,
};
const DETAILS: Font = font(Weight::Regular, 18.0);
const FACT_LABEL: Font = font(Weight::Bold, 15.0);
const FACT_VALUE: Font = font(Weight::Regular, 20.0);
const LEARNER_FACT: Fit = Fit {
    weight: Weight::Regular,
    max: 20.0,
    min: 15.0,
    step: 1.0,
    lines: 1,
    max_lines: 1,
};
const HEADING: Font = font(Weight::Bold, 24.0);
const BODY: Font = font(Weight::Regular, 19.0);
const NUMBER: Font = font(Weight::Bold, 19.0);
const SMALL: Font = font(Weight::Regular, 16.0);
const RUNNING: Font = font(Weight::Bold, 19.0);
const RUNNING_NAME: Font = font(Weight::Regular, 19.0);

/// Line height of a font: 1.35 times its size.
fn leading(font: Font) -> f32 {
    (font.size * 1.35).round()
}

/// A place on a page that is filled per learner.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// The learner's name, centred, baseline at `y`.
    Name(f32),
    /// Birth date and identifiers, centred, first baseline at `y`.
    Details(f32),
    /// Date of issuing, grade and period, the left column of the facts from `y`.
    Facts(f32),
    /// The learner's name in the running head.
    RunningName,
}

/// One page: everything but the learner, and the slots for the learner.
#[derive(Debug, Clone)]
struct Page {
    body: String,
    slots: Vec<Slot>,
}

/// The laid-out pages of a micro-credential in one language.
#[derive(Debug, Clone)]
pub struct Layout {
    lang: Lang,
    pages: Vec<Page>,
}

impl Layout {
    /// Lays out `content`; `logo` is the `href` of the logo, if any; `scale` is page units
    /// per image pixel. When everything fits on one page, part of the room left is spread
    /// between the parts of the upper half, so that a short page is not top-heavy.
    pub fn new(content: &Content, lang: Lang, logo: Option<&str>, scale: f32) -> Layout {
        let design = Design {
            content,
            lang: &lang,
            logo,
            scale,
        };
        let blocks = blocks(content, lang.words);
        let (mut pages, end) = compose(&design, &blocks, 0.0);
        if pages.len() == 1 {
            let air = ((BOTTOM - end) * 0.5).clamp(0.0, MAX_AIR);
            let (airy, _) = compose(&design, &blocks, air);
            if airy.len() == 1 {
                pages = airy;
            }
        }
        Layout { lang, pages }
    }

    /// The pages for one learner, as SVG documents.
    pub fn fill(&self, learner: &LearnerContent) -> Vec<String> {
        self.pages
            .iter()
            .map(|page| {
                let mut out = String::with_capacity(page.body.len() + 2048);
                out.push_str(&page.body);
                for slot in &page.slots {
                    fill_slot(&mut out, *slot, learner, self.lang.words);
                }
                svg::close(&mut out);
                out
            })
            .collect()
    }

    /// How many pages there are.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The display language.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }
}

/// What a layout is made from.
struct Design<'a> {
    content: &'a Content,
    lang: &'a Lang,
    logo: Option<&'a str>,
    scale: f32,
}

/// The pages, with `air` spread over the gaps of page 1, and where the last page's
/// flowing part ends.
fn compose(design: &Design<'_>, blocks: &[Block], air: f32) -> (Vec<Page>, f32) {
    let words = design.lang.words;
    let mut first = Page {
        body: String::new(),
        slots: Vec::new(),
    };
    svg::open(
        &mut first.body,
        &design.content.title,
        &design.lang.tag,
        design.scale,
    );
    let flow_top = first_page(&mut first, design, air);
    let (flows, end) = paginate(blocks, flow_top);
    let count = flows.len();
    let pages = flows
        .into_iter()
        .enumerate()
        .map(|(i, lines)| {
            let mut page = if i == 0 {
                first.clone()
            } else {
                continuation(design)
            };
            for (y, line) in lines {
                line.write(&mut page.body, y);
            }
            footer(&mut page.body, words, i + 1, count);
            page
        })
        .collect();
    (pages, end)
}

/// Writes the fixed part of page 1, with `air` spread over its gaps, and returns where
/// the flowing part starts.
fn first_page(page: &mut Page, design: &Design<'_>, air: f32) -> f32 {
    let (content, words) = (design.content, design.lang.words);
    let out = &mut page.body;
    svg::frame(out, 36.0, Ink::Accent, 4.0);
    svg::frame(out, 48.0, Ink::Accent, 1.5);
    let mut y = TOP;
    if let Some(href) = design.logo {
        svg::image(out, LEFT, y, WIDTH, LOGO_HEIGHT, href);
        y += LOGO_HEIGHT + 28.0;
    }
    let letterhead = LETTERHEAD.apply(&content.awarding_bodies.join(" · "), WIDTH);
    y = centred(out, &letterhead.lines, y, letterhead.font, Ink::Accent);
    y += 14.0;
    svg::rule(out, CENTRE - 60.0, CENTRE + 60.0, y, Ink::Accent, 2.0);
    y += 30.0 + air * 0.1;
    if let Some(kind) = content.kind {
        let kind = words.upper(words.label(kind));
        y = centred(out, &[kind], y, KIND, Ink::Muted);
    }
    y += 30.0 + air * 0.15;
    let title = TITLE.apply(&content.title, WIDTH);
    y = centred(out, &title.lines, y, title.font, Ink::Accent);
    y += 36.0 + air * 0.2;
    y = centred(
        out,
        &[words.label(Label::AwardedTo).to_string()],
        y,
        AWARDED_TO,
        Ink::Muted,
    );
    y += 8.0;
    page.slots.push(Slot::Name(y + NAME.max));
    y += leading(font(Weight::Bold, NAME.max)) + 4.0;
    page.slots.push(Slot::Details(y + DETAILS.size));
    y += 2.0 * leading(DETAILS) + 24.0 + air * 0.25;
    svg::rule(out, LEFT, RIGHT, y, Ink::Muted, 1.0);
    y += 34.0;
    page.slots.push(Slot::Facts(y));
    let right = credential_facts(out, content, words, y);
    let left = y + LEARNER_FACTS as f32 * (FACT_HEAD + FACT_GAP);
    y = right.max(left);
    svg::rule(out, LEFT, RIGHT, y, Ink::Muted, 1.0);
    y + 36.0 + air * 0.3
}

/// Centred lines from `top`; returns the bottom.
fn centred(out: &mut String, lines: &[String], top: f32, font: Font, ink: Ink) -> f32 {
    let mut y = top;
    for line in lines {
        svg::text(out, CENTRE, y + font.size, font, ink, Anchor::Middle, line);
        y += leading(font);
    }
    y
}

/// The right column of the facts: awarding body, issuer, workload, level. Returns the
/// bottom.
fn credential_facts(out: &mut String, content: &Content, words: Words, top: f32) -> f32 {
    let mut facts: Vec<(Label, Vec<String>)> = Vec::new();
    let bodies: Vec<String> = content
        .awarding_bodies
        .iter()
        .flat_map(|name| wrap(name, FACT_VALUE, COLUMN))
        .collect();
    facts.push((Label::AwardingBody, cap(bodies, FACT_VALUE, COLUMN, 4)));
    if let Some(issuer) = &content.issuer {
        let text = format!("{issuer}, {}", words.label(Label::OnBehalf));
        facts.push((Label::IssuedBy, wrap_at_most(&text, FACT_VALUE, COLUMN, 3)));
    }
    if let Some(workload) = &content.workload {
        facts.push((
            Label::Workload,
            wrap_at_most(workload, FACT_VALUE, COLUMN, 2),
        ));
    }
    if let Some(level) = &content.level {
        facts.push((Label::Level, wrap_at_most(level, FACT_VALUE, COLUMN, 2)));
    }
    let mut y = top;
    for (label, lines) in facts {
        let label = words.upper(words.label(label));
        y = fact(out, RIGHT_COLUMN, y, &label, &lines, FACT_VALUE);
    }
    y
}

/// One fact: its label (in capitals), then its value; returns the bottom.
fn fact(out: &mut String, x: f32, top: f32, label: &str, lines: &[String], font: Font) -> f32 {
    let label = ellipsize(label, FACT_LABEL, COLUMN);
    svg::text(
        out,
        x,
        top + FACT_LABEL.size,
        FACT_LABEL,
        Ink::Muted,
        Anchor::Start,
        &label,
    );
    let mut baseline = top + FACT_HEAD;
    for line in lines {
        svg::text(out, x, baseline, font, Ink::Text, Anchor::Start, line);
        baseline += FACT_LINE;
    }
    top + FACT_HEAD + lines.len().saturating_sub(1) as f32 * FACT_LINE + FACT_GAP
}

/// A further page: frame and running head (title; the learner's name is a slot).
fn continuation(design: &Design<'_>) -> Page {
    let content = design.content;
    let mut page = Page {
        body: String::new(),
        slots: vec![Slot::RunningName],
    };
    let out = &mut page.body;
    svg::open(out, &content.title, &design.lang.tag, design.scale);
    svg::frame(out, 36.0, Ink::Accent, 4.0);
    svg::frame(out, 48.0, Ink::Accent, 1.5);
    let title = ellipsize(&content.title, RUNNING, WIDTH * 0.6);
    svg::text(
        out,
        LEFT,
        TOP + RUNNING.size,
        RUNNING,
        Ink::Accent,
        Anchor::Start,
        &title,
    );
    svg::rule(out, LEFT, RIGHT, TOP + 38.0, Ink::Muted, 1.0);
    page
}

fn footer(out: &mut String, words: Words, page: usize, pages: usize) {
    let text = words.page(page, pages);
    svg::text(
        out,
        CENTRE,
        FOOTER,
        SMALL,
        Ink::Muted,
        Anchor::Middle,
        &text,
    );
}

/// Writes the learner's part of one slot.
fn fill_slot(out: &mut String, slot: Slot, learner: &LearnerContent, words: Words) {
    match slot {
        Slot::Name(y) => {
            let name = NAME.apply(&learner.name, WIDTH);
            for line in &name.lines {
                svg::text(out, CENTRE, y, name.font, Ink::Text, Anchor::Middle, line);
            }
        }
        Slot::Details(y) => {
            let details = learner.details.join("  ·  ");
            for (i, line) in wrap_at_most(&details, DETAILS, WIDTH, 2).iter().enumerate() {
                let baseline = y + i as f32 * leading(DETAILS);
                svg::text(
                    out,
                    CENTRE,
                    baseline,
                    DETAILS,
                    Ink::Muted,
                    Anchor::Middle,
                    line,
                );
            }
        }
        Slot::Facts(mut y) => {
            for (label, value) in learner.facts.iter().take(LEARNER_FACTS) {
                let value = LEARNER_FACT.apply(value, COLUMN);
                let label = words.upper(words.label(*label));
                y = fact(out, LEFT, y, &label, &value.lines, value.font);
            }
        }
        Slot::RunningName => {
            let name = ellipsize(&learner.name, RUNNING_NAME, WIDTH * 0.36);
            let y = TOP + RUNNING_NAME.size;
            svg::text(out, RIGHT, y, RUNNING_NAME, Ink::Text, Anchor::End, &name);
        }
    }
}

/// A run of text on a line of the flowing part.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    x: f32,
    anchor: Anchor,
    font: Font,
    ink: Ink,
    text: String,
}

/// A line of the flowing part.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    height: f32,
    runs: Vec<Run>,
}

impl Line {
    fn new(x: f32, font: Font, ink: Ink, text: String) -> Line {
        Line {
            height: leading(font),
            runs: vec![Run {
                x,
                anchor: Anchor::Start,
                font,
                ink,
                text,
            }],
        }
    }

    /// Writes the line with its top at `top`.
    fn write(&self, out: &mut String, top: f32) {
        for run in &self.runs {
            let baseline = top + run.font.size;
            svg::text(
                out, run.x, baseline, run.font, run.ink, run.anchor, &run.text,
            );
        }
    }
}

/// A unit of the flowing part: kept on one page when it fits on one.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    lines: Vec<Line>,
    /// Space after it.
    gap: f32,
    /// A heading: kept with the first line of the next block.
    heading: bool,
    /// The heading to repeat above it on a new page ("Learning outcomes (continued)").
    continued: Option<String>,
}

impl Block {
    fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// The flowing part: learning outcomes, then assessments.
fn blocks(content: &Content, words: Words) -> Vec<Block> {
    let mut blocks = Vec::new();
    let has_outcomes = content.outcomes_summary.is_some() || !content.outcomes.is_empty();
    if has_outcomes {
        let section = words.label(Label::LearningOutcomes);
        blocks.push(heading(section));
        let section = &continued(section, words);
        if let Some(summary) = &content.outcomes_summary {
            let lines = wrap(summary, BODY, WIDTH);
            blocks.push(block(section, lines_at(LEFT, BODY, Ink::Text, lines), 16.0));
        }
        for (i, outcome) in content.outcomes.iter().enumerate() {
            blocks.push(block(section, outcome_lines(i + 1, outcome), 12.0));
        }
    }
    if !content.assessments.is_empty() {
        let section = words.label(Label::Assessment);
        if has_outcomes {
            if let Some(last) = blocks.last_mut() {
                last.gap += 22.0;
            }
        }
        blocks.push(heading(section));
        let section = &continued(section, words);
        for assessment in &content.assessments {
            let mut lines = lines_at(LEFT, BODY, Ink::Text, wrap(&assessment.title, BODY, WIDTH));
            if let Some(kind) = &assessment.kind {
                lines.extend(lines_at(LEFT, SMALL, Ink::Muted, wrap(kind, SMALL, WIDTH)));
            }
            blocks.push(block(section, lines, 12.0));
        }
    }
    blocks
}

fn continued(section: &str, words: Words) -> String {
    format!("{section} {}", words.label(Label::Continued))
}

fn heading(text: &str) -> Block {
    let mut line = Line::new(LEFT, HEADING, Ink::Accent, ellipsize(text, HEADING, WIDTH));
    line.height += 8.0;
    Block {
        lines: vec![line],
        gap: 0.0,
        heading: true,
        continued: None,
    }
}

fn block(continued: &str, lines: Vec<Line>, gap: f32) -> Block {
    Block {
        lines,
        gap,
        heading: false,
        continued: Some(continued.to_string()),
    }
}

fn lines_at(x: f32, font: Font, ink: Ink, texts: Vec<String>) -> Vec<Line> {
    texts
        .into_iter()
        .map(|text| Line::new(x, font, ink, text))
        .collect()
}

/// A numbered outcome, its ESCO skills below it in small type.
fn outcome_lines(number: usize, outcome: &super::content::OutcomeText) -> Vec<Line> {
    let x = LEFT + INDENT;
    let width = WIDTH - INDENT;
    let mut lines = lines_at(x, BODY, Ink::Text, wrap(&outcome.title, BODY, width));
    let number = Run {
        x: x - 10.0,
        anchor: Anchor::End,
        font: NUMBER,
        ink: Ink::Accent,
        text: format!("{number}."),
    };
    match lines.first_mut() {
        Some(first) => first.runs.insert(0, number),
        None => lines.push(Line {
            height: leading(BODY),
            runs: vec![number],
        }),
    }
    if !outcome.skills.is_empty() {
        let skills = format!("ESCO: {}", outcome.skills.join(" · "));
        let skills = wrap_at_most(&skills, SMALL, width, 3);
        lines.extend(lines_at(x, SMALL, Ink::Muted, skills));
    }
    lines
}

/// Places the blocks on pages: page 1 from `first_top`, further pages from
/// [`CONTINUATION_TOP`], never below [`BOTTOM`]. Returns the lines of each page with their
/// tops (there is always at least one page), and where the last one ends.
fn paginate(blocks: &[Block], first_top: f32) -> (Vec<Vec<(f32, Line)>>, f32) {
    let mut pages: Vec<Vec<(f32, Line)>> = vec![Vec::new()];
    let mut y = first_top;
    for (i, block) in blocks.iter().enumerate() {
        let keep = match (block.heading, blocks.get(i + 1)) {
            (true, Some(next)) => first_height(next),
            _ => 0.0,
        };
        let fits = y + block.height() + keep <= BOTTOM;
        let fits_a_page = page_top(block) + block.height() + keep <= BOTTOM;
        let starts_here = y + first_height(block) + keep <= BOTTOM;
        if !fits && (fits_a_page || !starts_here) {
            y = new_page(&mut pages, block);
        }
        for line in &block.lines {
            if y + line.height > BOTTOM {
                y = new_page(&mut pages, block);
            }
            if let Some(page) = pages.last_mut() {
                page.push((y, line.clone()));
            }
            y += line.height;
        }
        y += block.gap;
    }
    (pages, y)
}

fn first_height(block: &Block) -> f32 {
    block.lines.first().map_or(0.0, |l| l.height)
}

/// The repeated section heading of a block on a new page, if it has one.
fn continued_heading(block: &Block) -> Option<Line> {
    let text = block.continued.as_deref()?;
    heading(text).lines.into_iter().next()
}

/// Where a block starts on a new page.
fn page_top(block: &Block) -> f32 {
    CONTINUATION_TOP + continued_heading(block).map_or(0.0, |l| l.height)
}

/// Starts a page for `block`, with its section heading repeated; returns where the block
/// goes.
fn new_page(pages: &mut Vec<Vec<(f32, Line)>>, block: &Block) -> f32 {
    let heading = continued_heading(block);
    let top = page_top(block);
    pages.push(heading.map(|l| (CONTINUATION_TOP, l)).into_iter().collect());
    top
}
