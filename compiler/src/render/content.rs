//! What the page says, as text in the display language: read from the checked model
//! once per credential ([`Content`]) and once per award ([`LearnerContent`]).

use crate::check::{Award, Credential, LangText, Level, Model, Moment, OrgId, Term, TermOrText};

use super::labels::{Label, Words};

/// The display language and the fallback for texts not given in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// The display language tag.
    pub tag: String,
    /// The project's default language.
    pub default: String,
    /// The fixed words.
    pub words: Words,
}

impl Lang {
    /// Display in `tag`, falling back to `default`.
    pub fn new(tag: &str, default: &str) -> Lang {
        Lang {
            tag: tag.to_string(),
            default: default.to_string(),
            words: Words::of(tag),
        }
    }

    /// The text in the display language (or another variant of it: `de-AT` for `de`),
    /// else in the default language, else the first.
    pub fn pick<'t>(&self, text: &'t LangText) -> Option<&'t str> {
        let wanted = primary(&self.tag);
        text.get(&self.tag)
            .or_else(|| {
                text.0
                    .iter()
                    .find(|(l, _)| primary(l).eq_ignore_ascii_case(wanted))
                    .map(|(_, t)| t.as_str())
            })
            .or_else(|| text.get(&self.default))
            .or_else(|| text.first())
    }

    /// A vocabulary term's label in the display language, else English, first letter
    /// upper-case; the IRI of a concept without labels.
    pub fn term(&self, term: &Term) -> String {
        let concept = &term.concept;
        match concept.label(&self.tag).unwrap_or(&concept.label_en) {
            "" => concept.iri.clone(),
            label => capitalised(label),
        }
    }

    /// A day as written in the display language.
    pub fn moment(&self, moment: &Moment) -> String {
        match moment.day() {
            Some(day) => self.words.date(day),
            None => moment.human(),
        }
    }
}

/// The primary subtag of a language tag: `de` of `de-AT`.
fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One learning outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeText {
    /// The statement.
    pub title: String,
    /// Labels of the related ESCO skills.
    pub skills: Vec<String>,
}

/// One assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentText {
    /// Title.
    pub title: String,
    /// Type of assessment.
    pub kind: Option<String>,
}

/// Everything the page says about a micro-credential, the same for every learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// "Micro-credential" above the title, which another `credential` does not show.
    pub kind: Option<Label>,
    /// Legal names of the awarding bodies.
    pub awarding_bodies: Vec<String>,
    /// Legal name of the issuer of a mandated issue.
    pub issuer: Option<String>,
    /// Title.
    pub title: String,
    /// Workload: ECTS and/or hours.
    pub workload: Option<String>,
    /// EQF and NQF levels.
    pub level: Option<String>,
    /// Learning outcomes as text.
    pub outcomes_summary: Option<String>,
    /// Learning outcomes.
    pub outcomes: Vec<OutcomeText>,
    /// Assessments.
    pub assessments: Vec<AssessmentText>,
}

impl Content {
    /// The content of a micro-credential in `lang`.
    pub fn new(model: &Model, cred: &Credential, lang: &Lang) -> Content {
        let org_name = |id: OrgId| organisation_name(model, id, lang);
        let awarding_bodies: Vec<String> = cred
            .awarding_bodies
            .iter()
            .map(|&id| org_name(id))
            .collect();
        let issuer = cred
            .issuer
            .filter(|id| !cred.awarding_bodies.contains(id))
            .map(org_name);
        Content {
            kind: cred.micro.then_some(Label::MicroCredential),
            awarding_bodies,
            issuer,
            title: lang.pick(&cred.title).unwrap_or(&cred.name).to_string(),
            workload: workload(cred, lang.words),
            level: level(cred, lang),
            outcomes_summary: lang.pick(&cred.outcomes_summary).map(str::to_string),
            outcomes: cred
                .outcomes
                .iter()
                .map(|o| OutcomeText {
                    title: lang.pick(&o.title).unwrap_or_default().to_string(),
                    skills: o
                        .skills
                        .iter()
                        .map(|s| s.label(&lang.tag).to_string())
                        .collect(),
                })
                .collect(),
            assessments: cred
                .assessments
                .iter()
                .map(|a| AssessmentText {
                    title: lang.pick(&a.title).unwrap_or_default().to_string(),
                    kind: a.kind.as_ref().map(|k| match k {
                        TermOrText::Term(t) => lang.term(t),
                        TermOrText::Text(text) => lang.pick(text).unwrap_or_default().to_string(),
                    }),
                })
                .collect(),
        }
    }
}

/// An organisation's legal name in `lang`, else its name in the project.
fn organisation_name(model: &Model, id: OrgId, lang: &Lang) -> String {
    match model.organisations.get(id) {
        Some(org) => lang.pick(&org.legal_name).unwrap_or(&org.name).to_string(),
        None => String::new(),
    }
}

fn workload(cred: &Credential, words: Words) -> Option<String> {
    let parts: Vec<String> = [
        cred.ects.map(|e| words.ects(e)),
        cred.ecvet.map(|e| words.ecvet(e)),
        cred.time.map(|t| words.time(t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn level(cred: &Credential, lang: &Lang) -> Option<String> {
    let eqf = match &cred.eqf {
        Level::Eqf(term) => Some(match term.concept.notation.as_deref() {
            Some(level) => lang.words.eqf(level),
            None => lang.term(term),
        }),
        Level::NotApplicable | Level::Unstated => None,
    };
    let parts: Vec<String> = eqf
        .into_iter()
        .chain(cred.nqf.iter().map(|t| lang.term(t)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Everything the page says about one learner's award.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerContent {
    /// The learner's name.
    pub name: String,
    /// Date of birth and identifiers, each `label: value`.
    pub details: Vec<String>,
    /// Date of issuing, grade and period, those given.
    pub facts: Vec<(Label, String)>,
}

impl LearnerContent {
    /// The learner's part of an award in `lang`.
    pub fn new(award: &Award, lang: &Lang) -> LearnerContent {
        let words = lang.words;
        let learner = &award.learner;
        let mut details = Vec::new();
        if let Some(birth) = &learner.birth_date {
            details.push(words.labelled(Label::DateOfBirth, &lang.moment(birth)));
        }
        if let Some(id) = &learner.student_id {
            details.push(words.labelled(Label::StudentNumber, id));
        }
        if let Some((id, country)) = &learner.national_id {
            let value = match country {
                Some(country) => format!("{id} ({})", lang.term(country)),
                None => id.clone(),
            };
            details.push(words.labelled(Label::NationalIdentifier, &value));
        }
        let mut facts = Vec::new();
        if let Some(date) = &award.date {
            facts.push((Label::DateOfIssuing, lang.moment(date)));
        }
        if let Some(grade) = lang.pick(&award.grade).filter(|g| !g.trim().is_empty()) {
            facts.push((Label::Grade, grade.to_string()));
        }
        if let Some((start, end)) = &award.period {
            let period = format!("{} – {}", lang.moment(start), lang.moment(end));
            facts.push((Label::Period, period));
        }
        LearnerContent {
            name: learner
                .display_name()
                .first()
                .unwrap_or_default()
                .to_string(),
            details,
            facts,
        }
    }
}
