//! From syntax trees to the checked [`Model`]: name resolution across the project's
//! files, templates, vocabularies, Annex I completeness and consistency rules.

pub mod examples;
pub mod model;
mod read;
mod rules;
pub mod skills;

use std::collections::{HashMap, HashSet};

use crate::diag::{codes, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{Block, Field, Ident, Item, ItemKind, ParsedFile, ValueKind};
use crate::syntax::schema::{words, BlockKind, Shape};
use crate::vocab::{self, EscoLookup, Scheme};
pub use model::*;
pub use read::{all_of, article, closest, listed, one_of};
use read::{lang_text, moment, plain_text, Reader};
pub use rules::HOURS_PER_ECTS;

/// Checks parsed files and builds the model. Diagnostics are in no particular order.
pub fn check(project: ProjectInfo, files: &[ParsedFile]) -> (Model, Vec<Diagnostic>) {
    let notes = skills::notes(files, &project.default_language);
    let mut checker = Checker::new(project, files);
    checker.run();
    let Checker {
        model, mut diags, ..
    } = checker;
    diags.extend(notes);
    (model, diags)
}

/// What a name in the project refers to.
#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    kind: ItemKind,
    item: &'a Item,
    /// Index in the model's list for its kind, when the item was built.
    id: Option<usize>,
}

/// The outcome of looking a reference up.
enum Lookup {
    Found(usize),
    /// Known but broken (a syntax error was already reported): say nothing more.
    Silent,
    Missing,
}

struct Checker<'a> {
    model: Model,
    diags: Vec<Diagnostic>,
    names: HashMap<&'a str, Entry<'a>>,
    items: Vec<&'a Item>,
    used: HashSet<&'a str>,
    /// Shared top-level outcomes, built once.
    shared_outcomes: HashMap<&'a str, Option<Outcome>>,
    /// Awards seen, by credential and learner key in lower case: the first one's place and key.
    award_keys: HashMap<(CredentialId, String), (Span, String)>,
    /// Credential identifiers given with `credential-id`: where each is first given.
    credential_ids: HashMap<String, Span>,
}

impl<'a> Checker<'a> {
    fn new(project: ProjectInfo, files: &'a [ParsedFile]) -> Checker<'a> {
        let items: Vec<&Item> = files.iter().flat_map(|f| f.items.iter()).collect();
        Checker {
            model: Model {
                examples: examples::Examples::of(files, &project.default_language),
                project,
                ..Model::default()
            },
            diags: Vec::new(),
            names: HashMap::new(),
            items,
            used: HashSet::new(),
            shared_outcomes: HashMap::new(),
            award_keys: HashMap::new(),
            credential_ids: HashMap::new(),
        }
    }

    fn run(&mut self) {
        self.index();
        let items = self.items.clone();
        // Only the first definition of a name is built, so that ids match the index.
        let organisations = self.first_definitions(&items, &[ItemKind::Organisation]);
        let credentials = self.first_definitions(&items, &ItemKind::AWARDED);
        let qualifications = self.first_definitions(&items, &[ItemKind::Qualification]);
        for item in organisations {
            self.organisation(item);
        }
        for item in credentials {
            self.credential(item);
        }
        for item in qualifications {
            self.qualification(item);
        }
        for item in items
            .iter()
            .filter(|i| i.kind == ItemKind::Award && !i.broken)
        {
            self.award(item);
        }
        // Templates and outcomes nobody uses are still checked, so their errors show.
        for item in &items {
            if item.broken || self.used.contains(item.name.text.as_str()) {
                continue;
            }
            match item.kind {
                ItemKind::Template => {
                    let fields = item.body.iter().flat_map(|b| b.fields.iter()).collect();
                    self.credential_fields(item, fields, BlockKind::Template);
                }
                ItemKind::Outcome => {
                    self.shared_outcome(item.name.text.as_str());
                }
                _ => {}
            }
        }
        rules::annex_and_consistency(self);
        self.unused(&items);
    }

    /// The items of these kinds that own their name (not broken, not a duplicate).
    fn first_definitions(&self, items: &[&'a Item], kinds: &[ItemKind]) -> Vec<&'a Item> {
        items
            .iter()
            .copied()
            .filter(|i| {
                kinds.contains(&i.kind)
                    && self
                        .names
                        .get(i.name.text.as_str())
                        .is_some_and(|e| e.id.is_some() && std::ptr::eq(e.item, *i))
            })
            .collect()
    }

    /// Registers every named item; reports duplicates.
    fn index(&mut self) {
        let mut counters: HashMap<ItemKind, usize> = HashMap::new();
        for item in &self.items {
            if item.kind == ItemKind::Award || item.name.text.is_empty() {
                continue;
            }
            if let Some(first) = self.names.get(item.name.text.as_str()) {
                self.diags.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_NAME,
                        item.name.span,
                        format!("the name `{}` is used twice", item.name.text),
                    )
                    .with_label("second definition")
                    .with_related(first.item.name.span, "first defined here")
                    .with_help("names are shared by all files of the project: rename one of them"),
                );
                continue;
            }
            let id = (!item.broken).then(|| {
                // micro-credentials and other credentials are numbered together
                let space = match ItemKind::AWARDED.contains(&item.kind) {
                    true => ItemKind::MicroCredential,
                    false => item.kind,
                };
                let counter = counters.entry(space).or_default();
                *counter += 1;
                *counter - 1
            });
            self.names.insert(
                item.name.text.as_str(),
                Entry {
                    kind: item.kind,
                    item,
                    id,
                },
            );
        }
    }

    /// Looks up a reference to an item of one of the `expected` kinds.
    fn lookup(&mut self, name: &Ident, expected: &[ItemKind], role: &str) -> Lookup {
        let Some(entry) = self.names.get(name.text.as_str()).copied() else {
            let candidates: Vec<&str> = self
                .names
                .iter()
                .filter(|(_, e)| expected.contains(&e.kind))
                .map(|(n, _)| *n)
                .collect();
            let suggestions = closest(&name.text, candidates.iter().copied());
            let what = expected
                .iter()
                .map(|k| k.with_article())
                .collect::<Vec<_>>()
                .join(" or ");
            let mut d = Diagnostic::new(
                &codes::UNKNOWN_NAME,
                name.span,
                format!("there is no item named `{}`", name.text),
            )
            .with_label(format!("{role} must name {what}"));
            d = if suggestions.is_empty() {
                let mut all = candidates.clone();
                all.sort();
                if all.is_empty() {
                    d.with_help(format!("define {what} named `{}`", name.text))
                } else {
                    d.with_help(format!("the project has: {}", one_of(&all)))
                }
            } else {
                d.with_help(format!("did you mean {}?", one_of(&suggestions)))
            };
            self.diags.push(d);
            return Lookup::Missing;
        };
        self.used.insert(entry.item.name.text.as_str());
        if !expected.contains(&entry.kind) {
            let what = expected
                .iter()
                .map(|k| k.with_article())
                .collect::<Vec<_>>()
                .join(" or ");
            self.diags.push(
                Diagnostic::new(
                    &codes::WRONG_KIND,
                    name.span,
                    format!(
                        "`{}` is {}, but {role} must name {what}",
                        name.text,
                        entry.kind.with_article()
                    ),
                )
                .with_label(format!("expected {what}"))
                .with_related(
                    entry.item.name.span,
                    format!("`{}` is defined here", name.text),
                ),
            );
            return Lookup::Missing;
        }
        match entry.id {
            Some(id) => Lookup::Found(id),
            None => Lookup::Silent,
        }
    }

    /// Whether `stackable-into WORD` names no item but means `stand-alone`: `none` (as in
    /// `eqf none`), or a word closer to `stand-alone` than to any qualification.
    fn means_stand_alone(&self, name: &Ident) -> bool {
        if self.names.contains_key(name.text.as_str()) {
            return false;
        }
        let qualifications = self
            .names
            .iter()
            .filter(|(_, e)| e.kind == ItemKind::Qualification)
            .map(|(n, _)| *n);
        name.text == words::NONE
            || closest(&name.text, qualifications.chain([words::STAND_ALONE])).first()
                == Some(&words::STAND_ALONE)
    }

    fn lookup_org(&mut self, name: &Ident, role: &str) -> Option<OrgId> {
        match self.lookup(name, &[ItemKind::Organisation], role) {
            Lookup::Found(id) => Some(id),
            _ => None,
        }
    }

    /// The organisation the field `key` of `r` names (`issuer academy`), if it exists.
    fn org_field(&mut self, r: &Reader<'_>, key: &str, d: &mut Vec<Diagnostic>) -> Option<OrgId> {
        let name = r.one(key).and_then(|f| r.name_of(f, d))?;
        self.lookup_org(&name, &format!("`{key}`"))
    }

    fn default_language(&self) -> String {
        self.model.project.default_language.clone()
    }

    fn organisation(&mut self, item: &'a Item) {
        let fields: Vec<&Field> = item.body.iter().flat_map(|b| b.fields.iter()).collect();
        let mut diags = Vec::new();
        let r = Reader::new(
            BlockKind::Organisation,
            fields,
            &self.model.examples,
            self.model.project.lists,
            &mut diags,
        );
        let mut accreditations = Vec::new();
        for field in r.all("accreditation") {
            if field.block.is_none() {
                continue;
            }
            let ar = r.block(BlockKind::Accreditation, field, &mut diags);
            // the EDC shapes require both (an accreditation's dcType and title)
            ar.require(
                field,
                "type",
                "an accreditation needs its type",
                "institutional-quality-assurance",
                "the kind of accreditation, a word of the ELM accreditation list",
                &mut diags,
            );
            ar.require(
                field,
                "title",
                "an accreditation needs its title",
                "\"Institutional accreditation\"",
                "the accreditation's name",
                &mut diags,
            );
            let by = self.org_field(&ar, "by", &mut diags);
            accreditations.push(Accreditation {
                kind: ar.term("type", Scheme::Accreditation, &mut diags),
                title: ar.texts("title", &mut diags),
                by,
                valid_until: ar.date("valid-until", &mut diags).map(|d| d.0),
                homepage: ar.plain("homepage", &mut diags),
            });
        }
        let mut identifiers = Vec::new();
        for field in r.all("identifier") {
            let Some(notation) = plain_text(&r, field, &mut diags) else {
                continue;
            };
            let ir = r.block(BlockKind::Identifier, field, &mut diags);
            ir.require(
                field,
                "scheme",
                "an identifier needs the name of its scheme",
                "\"PIC\"",
                "who gives the identifier out, or what it is (\"Erasmus code\", a school register)",
                &mut diags,
            );
            if let Some(scheme) = ir.plain("scheme", &mut diags) {
                identifiers.push(SchemedIdentifier { notation, scheme });
            }
        }
        if let (Some(f), None) = (r.one("contact-address"), r.one("country")) {
            diags.push(
                Diagnostic::new(
                    &codes::BAD_VALUE,
                    f.span,
                    "a contact address needs the organisation's country",
                )
                .with_help(format!(
                    "add the organisation's country, such as `country {}`",
                    self.model.examples.country
                )),
            );
        }
        let (alliance_email, alliance_phone) = alliance_contact(&r, &mut diags);
        let org = Organisation {
            name: item.name.text.clone(),
            legal_name: r.texts("legal-name", &mut diags),
            legal_id: r.plain("legal-id", &mut diags),
            eidas_id: r.plain("eidas-id", &mut diags),
            vat_id: r.plain("vat-id", &mut diags),
            tax_id: r.plain("tax-id", &mut diags),
            acronym: r.texts("acronym", &mut diags),
            member_of: r.texts("member-of", &mut diags),
            alliance_email,
            alliance_phone,
            country: r.term("country", Scheme::Country, &mut diags),
            address: r.texts("address", &mut diags),
            location: r.texts("location", &mut diags),
            homepage: r.plain("homepage", &mut diags),
            email: r.plain("email", &mut diags),
            phone: r.plain("phone", &mut diags),
            contact_address: r.plain("contact-address", &mut diags),
            region: r
                .one("region")
                .and_then(|f| region(&r, f, &self.default_language(), &mut diags)),
            identifiers,
            logo: r.plain("logo", &mut diags).map(|path| LogoFile {
                path,
                span: r.one("logo").map_or(item.name.span, |f| f.span),
                image: None,
            }),
            accreditations,
            span: item.name.span,
        };
        self.diags.extend(diags);
        self.model.organisations.push(org);
    }

    fn credential(&mut self, item: &'a Item) {
        let own: Vec<&Field> = item.body.iter().flat_map(|b| b.fields.iter()).collect();
        let template = item.from.as_ref().and_then(|from| {
            match self.lookup(from, &[ItemKind::Template], "`from`") {
                Lookup::Found(_) => self
                    .names
                    .get(from.text.as_str())
                    .and_then(|e| e.item.body.as_ref()),
                _ => None,
            }
        });
        let fields = merge_template(own, template, &self.model.project.default_language);
        let mut credential = self.credential_fields(item, fields, BlockKind::MicroCredential);
        for key in unreadable_keys(item.body.iter().chain(template), BlockKind::MicroCredential) {
            if !credential.written.contains(&key) {
                credential.written.push(key);
            }
        }
        self.model.credentials.push(credential);
    }

    /// Builds a credential (or checks a template) from its fields.
    fn credential_fields(
        &mut self,
        item: &'a Item,
        fields: Vec<&'a Field>,
        kind: BlockKind,
    ) -> Credential {
        let lang = self.default_language();
        let mut d = Vec::new();
        let r = Reader::new(
            kind,
            fields,
            &self.model.examples,
            self.model.project.lists,
            &mut d,
        );
        let mut awarding_bodies = Vec::new();
        for name in r.names("awarding-body", &mut d) {
            awarding_bodies.extend(self.lookup_org(&name, "`awarding-body`"));
        }
        // Organisations by name; texts, one per language, make one statement (as
        // `prerequisites` do).
        let mut quality_assurance = Vec::new();
        let mut qa_texts = Vec::new();
        for field in r.all("quality-assurance") {
            match field.values.as_slice() {
                [v] if matches!(v.kind, ValueKind::Text(_)) => qa_texts.push(field),
                _ => {
                    if let Some(name) = r.name_of(field, &mut d) {
                        quality_assurance.extend(
                            self.lookup_org(&name, "`quality-assurance`")
                                .map(QualityAssurance::Organisation),
                        );
                    }
                }
            }
        }
        let qa_text = r.texts_of(qa_texts.into_iter(), &mut d);
        if !qa_text.is_empty() {
            quality_assurance.push(QualityAssurance::Text(qa_text));
        }
        let mut stand_alone = false;
        let mut stackable_into = Vec::new();
        let mut stacking: Vec<Ident> = r
            .all("stackable-into")
            .filter_map(|field| r.name_of(field, &mut d))
            .collect();
        stacking.extend(r.short_values("stackable-into"));
        for name in stacking {
            if name.text == words::STAND_ALONE {
                stand_alone = true;
            } else if self.means_stand_alone(&name) {
                d.push(
                    Diagnostic::new(
                        &codes::UNKNOWN_NAME,
                        name.span,
                        format!("there is no qualification named `{}`", name.text),
                    )
                    .with_label("`stackable-into` names a qualification, or is `stand-alone`")
                    .with_help(format!(
                        "did you mean `{}`? A credential that counts towards no qualification is stand-alone",
                        words::STAND_ALONE
                    )),
                );
            } else if let Lookup::Found(id) =
                self.lookup(&name, &[ItemKind::Qualification], "`stackable-into`")
            {
                stackable_into.push(id);
            }
        }
        let mut outcomes = Vec::new();
        for field in r.all("outcome") {
            if let Some(o) = self.outcome_field(&r, field, &lang, &mut d) {
                outcomes.push(o);
            }
        }
        let mut activities = Vec::new();
        for field in r.all("activity") {
            let Some(title) = titled(&r, field, &lang, &mut d) else {
                continue;
            };
            let ar = r.block(BlockKind::Activity, field, &mut d);
            let mut kinds: Vec<TermOrText> = Vec::new();
            for f in ar.all("type") {
                let kind = ar.term_or_text(f, Scheme::LearningActivity, &mut d);
                kinds.extend(kind.filter(|k| !kinds.contains(k)));
            }
            activities.push(Activity {
                title: ar.title_after(title, &field.values[0], &mut d),
                kinds,
                description: ar.texts("description", &mut d),
                languages: ar.terms("language", Scheme::Language, &mut d),
                directed_by: self.org_field(&ar, "directed-by", &mut d),
                modes: ar.terms("mode", Scheme::LearningMode, &mut d),
                time: workload(&ar.quantities("workload", &mut d), &mut d).time,
                further_information: statements(&ar, "further-information", &mut d),
                documents: ar
                    .all("document")
                    .filter_map(|f| {
                        let title = titled(&ar, f, &lang, &mut d)?;
                        let dr = ar.block(BlockKind::Document, f, &mut d);
                        dr.require(
                            f,
                            "url",
                            "a document needs its address",
                            "\"https://...\"",
                            "where the document is on the web",
                            &mut d,
                        );
                        let url = dr.plain("url", &mut d);
                        Some(Document {
                            title: dr.title_after(title, &f.values[0], &mut d),
                            url: url?,
                        })
                    })
                    .collect(),
            });
        }
        let mut assessments = Vec::new();
        for field in r.all("assessment") {
            let Some(title) = titled(&r, field, &lang, &mut d) else {
                continue;
            };
            let ar = r.block(BlockKind::Assessment, field, &mut d);
            let grading = ar.one("grading").and_then(|g| {
                let title = titled(&ar, g, &lang, &mut d)?;
                let gr = ar.block(BlockKind::Grading, g, &mut d);
                Some(Grading {
                    title,
                    description: gr.texts("description", &mut d),
                    url: gr.plain("url", &mut d),
                })
            });
            assessments.push(Assessment {
                title: ar.title_after(title, &field.values[0], &mut d),
                kind: ar
                    .one("type")
                    .and_then(|f| ar.term_or_text(f, Scheme::Assessment, &mut d)),
                description: ar.texts("description", &mut d),
                languages: ar.terms("language", Scheme::Language, &mut d),
                assessed_by: self.org_field(&ar, "assessed-by", &mut d),
                kind_span: ar
                    .one("type")
                    .map(|f| f.values.first().map_or(f.span, |v| v.span)),
                modes: ar.terms("mode", Scheme::LearningMode, &mut d),
                supervision: ar.term("supervision", Scheme::SupervisionVerification, &mut d),
                grading,
            });
        }
        let Workload { ects, ecvet, time } = workload(&r.quantities("workload", &mut d), &mut d);
        let issuer = self.org_field(&r, "issuer", &mut d);
        let valid_for = r
            .quantities("valid-for", &mut d)
            .first()
            .and_then(|(n, unit, span)| {
                whole(*n, *span, "valid-for", "5 years", &mut d).map(|n| (n, unit.clone()))
            });
        let mut entitlements = Vec::new();
        for field in r.all("entitlement") {
            let Some(title) = titled(&r, field, &lang, &mut d) else {
                continue;
            };
            let er = r.block(BlockKind::Entitlement, field, &mut d);
            let mut granted_by = Vec::new();
            for name in er.names("granted-by", &mut d) {
                granted_by.extend(self.lookup_org(&name, "`granted-by`"));
            }
            let kind = er.term("type", Scheme::Entitlement, &mut d);
            let status = er.term("status", Scheme::EntitlementStatus, &mut d);
            for (key, needs, example, what) in [
                (
                    "type",
                    "an entitlement needs its type",
                    "learning-opportunity",
                    "the kind of entitlement: `learning-opportunity`, `occupation` or `membership`",
                ),
                (
                    "status",
                    "an entitlement needs its status",
                    "prospective",
                    "whether the holder may claim it (`prospective`) or has it (`actual`)",
                ),
            ] {
                er.require(field, key, needs, example, what, &mut d);
            }
            if let (Some(kind), Some(status)) = (kind, status) {
                entitlements.push(Entitlement {
                    title: er.title_after(title, &field.values[0], &mut d),
                    kind,
                    status,
                    description: er.texts("description", &mut d),
                    occupations: er.terms("occupation", Scheme::EscoOccupation, &mut d),
                    granted_by,
                    jurisdictions: er
                        .all("jurisdiction")
                        .filter_map(|f| region(&er, f, &lang, &mut d))
                        .collect(),
                });
            }
        }
        // An XSD duration has years, months and days; weeks are written in days.
        let maximum_duration =
            r.quantities("maximum-duration", &mut d)
                .first()
                .and_then(|(n, unit, span)| {
                    let n = whole(*n, *span, "maximum-duration", "6 months", &mut d)?;
                    Some(match unit.as_str() {
                        "years" => format!("P{n}Y"),
                        "months" => format!("P{n}M"),
                        "weeks" => format!("P{}D", n * 7),
                        _ => format!("P{n}D"),
                    })
                });
        let further_information = statements(&r, "further-information", &mut d);
        let credential = Credential {
            name: item.name.text.clone(),
            micro: item.kind != ItemKind::Credential,
            title: r.texts("title", &mut d),
            description: r.texts("description", &mut d),
            subtitle: r.texts("subtitle", &mut d),
            display_title: r.texts("display-title", &mut d),
            awarding_bodies,
            opportunity_type: r.term("type", Scheme::LearningOpportunity, &mut d),
            languages: r.terms("language", Scheme::Language, &mut d),
            fields: r.terms("field", Scheme::IscedF, &mut d),
            ects,
            ecvet,
            time,
            eqf: level(&r, &mut d),
            nqf: r.terms("nqf", Scheme::Qdr, &mut d),
            modes: r.terms("mode", Scheme::LearningMode, &mut d),
            setting: r.term("setting", Scheme::LearningSetting, &mut d),
            quality_assurance,
            prerequisites: r.texts("prerequisites", &mut d),
            stackable_into,
            stand_alone,
            further_information,
            outcomes,
            outcomes_summary: r.texts("outcomes-summary", &mut d),
            activities,
            assessments,
            issuer,
            mandate: r.texts("mandate", &mut d),
            valid_for,
            entitlements,
            maximum_duration,
            qf_ehea: r.word("qf-ehea", words::QF_EHEA_CYCLES, &mut d),
            valid_until: r.date("valid-until", &mut d).map(|x| x.0),
            doc: item.doc.clone(),
            written: kind
                .fields()
                .iter()
                .map(|f| f.key)
                .filter(|k| r.wrote(k))
                .collect(),
            respelt_ects: r.respelt_in("workload", "ects"),
            span: item.name.span,
        };
        self.diags.extend(d);
        credential
    }

    /// `outcome "title" { ... }` or `outcome NAME`.
    fn outcome_field(
        &mut self,
        r: &Reader<'a>,
        field: &'a Field,
        lang: &str,
        d: &mut Vec<Diagnostic>,
    ) -> Option<Outcome> {
        if let [v] = field.values.as_slice() {
            if let ValueKind::Word(name) = &v.kind {
                if field.block.is_some() {
                    d.push(
                        Diagnostic::new(
                            &codes::BLOCK_SHAPE,
                            field.span,
                            "a reference to a shared outcome does not take a block",
                        )
                        .with_help(format!("change the outcome `{name}` where it is defined")),
                    );
                }
                let ident = Ident {
                    text: name.clone(),
                    span: v.span,
                };
                return match self.lookup(&ident, &[ItemKind::Outcome], "`outcome`") {
                    Lookup::Found(_) => {
                        let key = self
                            .names
                            .get(name.as_str())
                            .map(|e| e.item.name.text.as_str())?;
                        self.shared_outcome(key)
                    }
                    _ => None,
                };
            }
        }
        let title = titled(r, field, lang, d)?;
        let block = field.block.as_ref();
        Some(self.outcome_body(None, title, &field.values[0], block, d))
    }

    fn shared_outcome(&mut self, name: &'a str) -> Option<Outcome> {
        if let Some(done) = self.shared_outcomes.get(name) {
            return done.clone();
        }
        let item = self.names.get(name)?.item;
        let lang = self.default_language();
        let mut d = Vec::new();
        let header = item.title.as_ref();
        let title = header
            .and_then(|v| lang_text(v, &lang, &mut d))
            .map(|(l, t)| (LangText(vec![(l, t)]), header));
        let outcome = title.and_then(|(title, header)| {
            Some(self.outcome_body(
                Some(name.to_string()),
                title,
                header?,
                item.body.as_ref(),
                &mut d,
            ))
        });
        self.diags.extend(d);
        self.shared_outcomes.insert(name, outcome.clone());
        outcome
    }

    fn outcome_body(
        &mut self,
        name: Option<String>,
        title: LangText,
        header: &Value,
        block: Option<&'a Block>,
        d: &mut Vec<Diagnostic>,
    ) -> Outcome {
        let r = Reader::new(
            BlockKind::Outcome,
            block.iter().flat_map(|b| b.fields.iter()).collect(),
            &self.model.examples,
            self.model.project.lists,
            d,
        );
        let mut skills = Vec::new();
        for field in r.all("skill") {
            if let Some(skill) = skill(field, self.model.project.esco.index(), d) {
                if !skills.iter().any(|s: &EscoSkill| s.iri() == skill.iri()) {
                    skills.push(skill);
                }
            }
        }
        let lang = self.default_language();
        let mut related = Vec::new();
        for field in r.all("related-skill") {
            let Some(label) = titled(&r, field, &lang, d) else {
                continue;
            };
            let sr = r.block(BlockKind::RelatedSkill, field, d);
            let label = sr.title_after(label, &field.values[0], d);
            let iri_of = |key: &str, d: &mut Vec<Diagnostic>| {
                let iri = sr.plain(key, d)?;
                if oxrdf::NamedNode::new(iri.as_str()).is_ok() {
                    Some(iri)
                } else {
                    if let Some(f) = sr.one(key) {
                        d.push(
                            Diagnostic::new(&codes::BAD_VALUE, f.span, format!("`{iri}` is not an IRI"))
                                .with_help("give the full IRI, such as \"http://data.europa.eu/snb/dcf/u69o196gu6\""),
                        );
                    }
                    None
                }
            };
            sr.require(
                field,
                "iri",
                "a related skill needs its IRI",
                "\"http://data.europa.eu/snb/dcf/...\"",
                "the skill's IRI in its framework",
                d,
            );
            if let Some(iri) = iri_of("iri", d) {
                related.push(RelatedSkill {
                    label,
                    iri,
                    framework: iri_of("framework", d),
                });
            }
        }
        Outcome {
            name,
            title: r.title_after(title, header, d),
            skills,
            related,
            skill_type: r.term("type", Scheme::SkillType, d),
            reuse: r.term("reuse", Scheme::SkillReuseLevel, d),
        }
    }

    fn qualification(&mut self, item: &'a Item) {
        let mut d = Vec::new();
        let r = Reader::new(
            BlockKind::Qualification,
            item.body.iter().flat_map(|b| b.fields.iter()).collect(),
            &self.model.examples,
            self.model.project.lists,
            &mut d,
        );
        let mut awarding_bodies = Vec::new();
        for name in r.names("awarding-body", &mut d) {
            awarding_bodies.extend(self.lookup_org(&name, "`awarding-body`"));
        }
        // Parts resolve through the name index, so credentials and qualifications
        // defined later in the project are found too.
        let mut includes = Vec::new();
        for name in r.names("includes", &mut d) {
            let kind = self.names.get(name.text.as_str()).map(|e| e.kind);
            if let Lookup::Found(id) = self.lookup(&name, &ItemKind::INCLUDED, "`includes`") {
                includes.push(match kind {
                    Some(ItemKind::Qualification) => Part::Qualification(id),
                    _ => Part::Credential(id),
                });
            }
        }
        let Workload { ects, time, .. } = workload(&r.quantities("workload", &mut d), &mut d);
        let q = Qualification {
            name: item.name.text.clone(),
            title: r.texts("title", &mut d),
            description: r.texts("description", &mut d),
            awarding_bodies,
            eqf: level(&r, &mut d),
            nqf: r.terms("nqf", Scheme::Qdr, &mut d),
            ects,
            time,
            fields: r.terms("field", Scheme::IscedF, &mut d),
            languages: r.terms("language", Scheme::Language, &mut d),
            includes,
            span: item.name.span,
        };
        self.diags.extend(d);
        self.model.qualifications.push(q);
    }

    fn award(&mut self, item: &'a Item) {
        let credential = match self.lookup(&item.name, &ItemKind::AWARDED, "an award") {
            Lookup::Found(id) => Some(id),
            _ => None,
        };
        let mut d = Vec::new();
        let r = Reader::new(
            BlockKind::Award,
            item.body.iter().flat_map(|b| b.fields.iter()).collect(),
            &self.model.examples,
            self.model.project.lists,
            &mut d,
        );
        let learner = r.one("learner").map(|f| {
            let lr = r.block(BlockKind::Learner, f, &mut d);
            let national_id = lr.text_in_country("national-id", &mut d);
            let place_of_birth = lr.text_in_a_country("place-of-birth", "a place of birth", &mut d);
            let address = lr.text_in_a_country("address", "an address", &mut d);
            Learner {
                given_name: lr.texts("given-name", &mut d),
                family_name: lr.texts("family-name", &mut d),
                full_name: lr.texts("full-name", &mut d),
                birth_date: lr.moment("birth-date", &mut d),
                email: lr.plain("email", &mut d),
                student_id: lr.plain("student-id", &mut d),
                national_id,
                place_of_birth,
                address,
                gender: lr.term("gender", Scheme::HumanSex, &mut d),
                citizenship: lr.terms("citizenship", Scheme::Country, &mut d),
            }
        });
        let date = r.moment("date", &mut d);
        let period = r.one("period").and_then(|f| match f.values.as_slice() {
            [a, Value {
                kind: ValueKind::Word(to),
                ..
            }, b]
                if to == words::TO && moment(a).is_some() && moment(b).is_some() =>
            {
                let (start, end) = (moment(a)?, moment(b)?);
                if end.day() < start.day() {
                    d.push(
                        Diagnostic::new(
                            &codes::DATE_ORDER,
                            a.span.to(b.span),
                            "the period ends before it starts",
                        )
                        .with_label(format!("{} is after {}", start.human(), end.human()))
                        .with_help("swap the two dates"),
                    );
                }
                Some((start, end))
            }
            _ => {
                r.bad_value(f, "two dates: `START to END`", &mut d);
                None
            }
        });
        let mut results: Vec<(usize, LangText)> = Vec::new();
        let lang = self.default_language();
        for field in r.all("result") {
            let Some(title) = titled(&r, field, &lang, &mut d) else {
                continue;
            };
            let rr = r.block(BlockKind::Result, field, &mut d);
            rr.require(
                field,
                "grade",
                "a result needs its grade",
                "\"1.3\"",
                "the grade achieved in that assessment",
                &mut d,
            );
            let grade = rr.texts("grade", &mut d);
            let Some(cred) = credential.map(|c| &self.model.credentials[c]) else {
                continue;
            };
            let wanted = title.first().unwrap_or_default();
            let found = cred
                .assessments
                .iter()
                .position(|a| a.title.0.iter().any(|(_, t)| t == wanted));
            match found {
                Some(i) if results.iter().any(|(j, _)| *j == i) => d.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_FIELD,
                        field.values[0].span,
                        format!("the result of \"{wanted}\" is given twice"),
                    )
                    .with_help("keep one `result` block for each assessment"),
                ),
                Some(i) if !grade.is_empty() => results.push((i, grade)),
                Some(_) => {}
                None => {
                    let titles: Vec<&str> = cred
                        .assessments
                        .iter()
                        .flat_map(|a| a.title.0.iter().map(|(_, t)| t.as_str()))
                        .collect();
                    let help = match closest(wanted, titles.iter().copied()).first() {
                        Some(close) => format!("did you mean \"{close}\"?"),
                        None if titles.is_empty() => {
                            format!("`{}` has no assessment", cred.name)
                        }
                        None => {
                            let titles: Vec<String> =
                                titles.iter().map(|t| format!("\"{t}\"")).collect();
                            format!("its assessments are {}", listed(&titles, "and"))
                        }
                    };
                    d.push(
                        Diagnostic::new(
                            &codes::BAD_VALUE,
                            field.values[0].span,
                            format!("`{}` has no assessment \"{wanted}\"", cred.name),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        let award = Award {
            credential: credential.unwrap_or(usize::MAX),
            learner: learner.clone().unwrap_or_default(),
            date,
            valid_from: r.moment("valid-from", &mut d),
            grade: r.texts("grade", &mut d),
            period,
            key: r.plain("key", &mut d),
            number: r.plain("number", &mut d),
            credential_id: credential_id(&r, &mut d),
            results,
            span: item.name.span,
        };
        let written: Vec<&str> = BlockKind::Award
            .fields()
            .iter()
            .map(|f| f.key)
            .filter(|k| r.wrote(k))
            .chain(unreadable_keys(item.body.iter(), BlockKind::Award))
            .collect();
        rules::award(self, &award, item, &written, &mut d);
        if let Some(id) = credential {
            let key = award.key();
            // File names that differ only in case are one file on Windows and macOS.
            let folded = (id, key.to_ascii_lowercase());
            if key.len() > model::MAX_KEY_BYTES {
                d.push(
                    Diagnostic::new(
                        &codes::LONG_KEY,
                        item.name.span,
                        format!(
                            "the learner key is {} bytes long; Laurel allows {}, so that its file name fits every file system",
                            key.len(),
                            model::MAX_KEY_BYTES
                        ),
                    )
                    .with_label("its credential's file name would be too long")
                    .with_help("give the learner a shorter `student-id`, or a `key`"),
                );
            } else if let Some((first, first_key)) = self.award_keys.get(&folded) {
                let label = if *first_key == key {
                    "same credential, same learner key".to_string()
                } else {
                    format!("same credential; `{key}` and `{first_key}` differ only in case, which some systems do not tell apart")
                };
                d.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_AWARD,
                        item.name.span,
                        format!(
                            "a second award of `{}` to the learner `{key}`",
                            item.name.text
                        ),
                    )
                    .with_label(label)
                    .with_related(*first, "first award here")
                    .with_help(
                        "give each learner a distinct `student-id`, or remove one of the awards",
                    ),
                );
            } else {
                self.award_keys.insert(folded, (item.name.span, key));
            }
        }
        if let (Some(id), Some(field)) = (&award.credential_id, r.one("credential-id")) {
            match self.credential_ids.get(id) {
                Some(first) => d.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_AWARD,
                        field.span,
                        format!("a second credential with the identifier `{id}`"),
                    )
                    .with_label("same `credential-id`")
                    .with_related(*first, "first credential with it here")
                    .with_help("each credential has an identifier of its own: remove one of the two `credential-id`s, or the award"),
                ),
                None => {
                    self.credential_ids.insert(id.clone(), field.span);
                }
            }
        }
        self.diags.extend(d);
        if credential.is_some() {
            self.model.awards.push(award);
        }
    }

    fn unused(&mut self, items: &[&'a Item]) {
        // An item that could not be read may be the one that uses the others.
        if items.iter().any(|i| i.broken) {
            return;
        }
        for item in items {
            let kind = item.kind;
            if !matches!(
                kind,
                ItemKind::Template | ItemKind::Outcome | ItemKind::Organisation
            ) || self.used.contains(item.name.text.as_str())
            {
                continue;
            }
            self.diags.push(
                Diagnostic::new(&codes::UNUSED_ITEM, item.name.span, format!("{} `{}` is never used", kind_name(kind), item.name.text))
                    .with_label("not referred to anywhere in the project")
                    .with_help(match kind {
                        ItemKind::Template => "use it with `micro-credential NAME from TEMPLATE { ... }`, or remove it",
                        ItemKind::Outcome => "include it in a credential with `outcome NAME`, or remove it",
                        _ => "refer to it with `awarding-body`, `issuer`, `quality-assurance` or `by`, or remove it",
                    }),
            );
        }
    }
}

use crate::syntax::ast::Value;

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Organisation => "the organisation",
        ItemKind::MicroCredential => "the micro-credential",
        ItemKind::Credential => "the credential",
        ItemKind::Qualification => "the qualification",
        ItemKind::Template => "the template",
        ItemKind::Outcome => "the outcome",
        ItemKind::Award => "the award",
    }
}

/// Schema keys of lines in these blocks that could not be read (already reported).
fn unreadable_keys<'b>(
    blocks: impl Iterator<Item = &'b Block>,
    kind: BlockKind,
) -> Vec<&'static str> {
    blocks
        .flat_map(|b| b.unreadable.iter())
        .filter_map(|k| kind.field(&k.text).map(|spec| spec.key))
        .collect()
}

/// The fields of a credential with its template's merged in: the credential's own
/// fields replace the template's of the same name; outcomes, activities, assessments
/// and further information add up; texts merge per language.
fn merge_template<'a>(
    own: Vec<&'a Field>,
    template: Option<&'a Block>,
    default_language: &str,
) -> Vec<&'a Field> {
    let Some(template) = template else { return own };
    const ADDITIVE: &[&str] = &["outcome", "activity", "assessment", "further-information"];
    let key_of = |f: &'a Field| BlockKind::MicroCredential.long_key(f.key.text.as_str());
    let own_keys: HashSet<&str> = own.iter().map(|f| key_of(f)).collect();
    let lang_of = |f: &Field| match f.values.as_slice() {
        [Value {
            kind: ValueKind::Text(t),
            ..
        }] => Some(t.lang.as_ref().map_or(default_language.to_string(), |l| {
            l.text.to_ascii_lowercase()
        })),
        _ => None,
    };
    let own_langs: HashSet<(&str, String)> = own
        .iter()
        .filter_map(|f| lang_of(f).map(|l| (f.key.text.as_str(), l)))
        .collect();
    let mut merged = own.clone();
    for field in &template.fields {
        let key = key_of(field);
        let is_text = BlockKind::MicroCredential
            .field(key)
            .is_some_and(|s| s.shape == Shape::Text);
        let keep = if ADDITIVE.contains(&key) {
            true
        } else if is_text {
            lang_of(field).is_none_or(|l| !own_langs.contains(&(key, l)))
        } else {
            !own_keys.contains(key)
        };
        if keep {
            merged.push(field);
        }
    }
    merged
}

/// Each line of `key` as one statement (a text in its language).
fn statements(r: &Reader<'_>, key: &str, d: &mut Vec<Diagnostic>) -> Vec<LangText> {
    r.all(key)
        .map(|f| r.texts_of(std::iter::once(f), d))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `n` as a whole number of at least 1, else an error at `span` for the field `key`.
fn whole(n: f64, span: Span, key: &str, example: &str, d: &mut Vec<Diagnostic>) -> Option<u32> {
    if n.fract() == 0.0 && n >= 1.0 && n <= f64::from(u32::MAX) {
        return Some(n as u32);
    }
    d.push(
        Diagnostic::new(
            &codes::BAD_VALUE,
            span,
            format!("`{key}` takes a whole number"),
        )
        .with_help(format!("for example: `{key} {example}`")),
    );
    None
}

/// A `region "..." { iri "..." }` block (or `jurisdiction`): its name and its IRI in the
/// EU's table of administrative units.
fn region<'a>(
    r: &Reader<'a>,
    field: &'a Field,
    lang: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<Region> {
    let label = titled(r, field, lang, d)?;
    let rr = r.block(BlockKind::Region, field, d);
    let label = rr.title_after(label, &field.values[0], d);
    rr.require(
        field,
        "iri",
        &format!("a {} needs its IRI", field.key.text),
        "\"http://publications.europa.eu/resource/authority/atu/...\"",
        "the unit's IRI in the EU's table of administrative territorial units",
        d,
    );
    let iri = rr.plain("iri", d)?;
    let in_table = iri
        .strip_prefix(Region::SCHEME)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|code| !code.is_empty() && oxrdf::NamedNode::new(iri.as_str()).is_ok());
    if !in_table {
        if let Some(f) = rr.one("iri") {
            d.push(
                Diagnostic::new(
                    &codes::BAD_VALUE,
                    f.span,
                    format!("`{iri}` is not a unit of the EU's table of administrative units"),
                )
                .with_help(format!(
                    "give its IRI there, such as \"{}/IRL_CTH_DUB\" (Dublin city)",
                    Region::SCHEME
                )),
            );
        }
        return None;
    }
    Some(Region { label, iri })
}

/// An award's `credential-id`: an absolute IRI.
fn credential_id(r: &Reader<'_>, d: &mut Vec<Diagnostic>) -> Option<String> {
    let id = r.plain("credential-id", d)?;
    let is_iri = id.contains(':') && oxrdf::NamedNode::new(id.as_str()).is_ok();
    if !is_iri {
        if let Some(f) = r.one("credential-id") {
            d.push(
                Diagnostic::new(
                    &codes::BAD_VALUE,
                    f.span,
                    format!("`{id}` is not an IRI, which a credential's identifier must be"),
                )
                .with_help("give an absolute IRI, such as \"urn:credential:5957445a-c453-56ab-896d-baa093bceb4d\", or leave `credential-id` out and Laurel makes one"),
            );
        }
        return None;
    }
    Some(id)
}

/// The title of a titled block (`assessment "Final examination" { ... }`).
fn titled(r: &Reader<'_>, field: &Field, lang: &str, d: &mut Vec<Diagnostic>) -> Option<LangText> {
    match field.values.as_slice() {
        [v @ Value {
            kind: ValueKind::Text(_),
            ..
        }] => lang_text(v, lang, d).map(|(l, t)| LangText(vec![(l, t)])),
        _ => {
            r.bad_value(field, "a quoted title", d);
            None
        }
    }
}

/// What a block's `workload` lines say.
struct Workload {
    ects: Option<f64>,
    ecvet: Option<f64>,
    time: Option<StudyTime>,
}

/// The credits and the study time of `workload` lines; a workload of zero is an error.
/// The time is given once: in hours, days or weeks (a second unit of time is L0011).
fn workload(quantities: &[(f64, String, Span)], d: &mut Vec<Diagnostic>) -> Workload {
    for (_, unit, span) in quantities.iter().filter(|q| q.0 == 0.0) {
        let (shown, example) = match unit.as_str() {
            "ects" => ("ECTS", "workload 3 ects".to_string()),
            "ecvet" => ("ECVET points", "workload 30 ecvet".to_string()),
            _ => (unit.as_str(), format!("workload 5 {unit}")),
        };
        d.push(
            Diagnostic::new(
                &codes::ZERO_WORKLOAD,
                *span,
                format!("a workload of 0 {shown} is no work at all"),
            )
            .with_label("zero workload")
            .with_help(format!(
                "give the real notional workload, e.g. `{example}`, or remove the line"
            )),
        );
    }
    let credits = |system: &str| quantities.iter().find(|q| q.1 == system).map(|q| q.0);
    let mut time: Option<(StudyTime, Span)> = None;
    for (amount, unit, span) in quantities {
        let Some(t) = StudyTime::of(*amount, unit) else {
            continue;
        };
        match time {
            None => time = Some((t, *span)),
            Some((_, first)) => d.push(
                Diagnostic::new(
                    &codes::BAD_VALUE,
                    *span,
                    "the workload's time is given twice, in two units",
                )
                .with_label("second time")
                .with_related(first, "first given here")
                .with_help("keep one: `workload ... hours`, `... days` or `... weeks` (the credential carries one duration)"),
            ),
        }
    }
    Workload {
        ects: credits("ects"),
        ecvet: credits("ecvet"),
        time: time.map(|(t, _)| t),
    }
}

fn level(r: &Reader<'_>, d: &mut Vec<Diagnostic>) -> Level {
    match r.one("eqf") {
        None => Level::Unstated,
        Some(f) if matches!(f.values.as_slice(), [Value { kind: ValueKind::Word(w), .. }] if w == words::NONE) => {
            Level::NotApplicable
        }
        Some(f) => r
            .term_of(f, Scheme::Eqf, d)
            .map_or(Level::Unstated, Level::Eqf),
    }
}

/// The alliance's contact (`email`, `phone`) from the block of one `member-of` line; a
/// block on a second line is L0012.
fn alliance_contact(r: &Reader, d: &mut Vec<Diagnostic>) -> (Option<String>, Option<String>) {
    let mut blocks = r.all("member-of").filter(|f| f.block.is_some());
    let Some(first) = blocks.next() else {
        return (None, None);
    };
    for again in blocks {
        let span = again.block.as_ref().map_or(again.span, |b| b.span);
        d.push(
            Diagnostic::new(
                &codes::DUPLICATE_FIELD,
                span,
                "the alliance's contact is given twice",
            )
            .with_related(first.key.span, "first given here")
            .with_help("give `email` and `phone` in the block of one `member-of` line"),
        );
    }
    let block = r.block(BlockKind::Alliance, first, d);
    (block.plain("email", d), block.plain("phone", d))
}

/// L0036: the bundled ESCO's skill `old`, which the pinned `index` lacks, written at
/// `span`; with the pinned version's skill of the same label, when it has one.
fn gone_skill(index: &vocab::EscoIndex, old: &vocab::Skill, span: Span) -> Diagnostic {
    let label = old.pref_label_en;
    let help = match index.lookup_label(label) {
        EscoLookup::Found(new) => format!(
            "{} has a skill with its label, \"{label}\": `<{}>`; write that IRI, or `skill esco \"{}\"`",
            index.name(),
            new.iri,
            new.pref_label_en
        ),
        _ => format!(
            "{} has no skill with its label: look the skill up on the ESCO portal and write its successor, or keep the IRI (the credential carries it without labels)",
            index.name()
        ),
    };
    Diagnostic::new(
        &codes::SKILL_GONE,
        span,
        format!(
            "<{}> (\"{label}\" in {}) is not in {}: ESCO made it obsolete or replaced it",
            old.iri,
            vocab::esco().name(),
            index.name()
        ),
    )
    .with_label("not in the pinned ESCO")
    .with_help(help)
}

/// `skill esco "label"` or `skill <IRI>`, looked up in `index`.
fn skill(
    field: &Field,
    index: &'static vocab::EscoIndex,
    d: &mut Vec<Diagnostic>,
) -> Option<EscoSkill> {
    match field.values.as_slice() {
        [Value {
            kind: ValueKind::Word(w),
            ..
        }, Value {
            kind: ValueKind::Text(t),
            span,
        }] if w == words::ESCO => match index.lookup_label(&t.value) {
            EscoLookup::Found(skill) => Some(EscoSkill::Listed(skill)),
            EscoLookup::Ambiguous(candidates) => {
                let list: Vec<String> = candidates
                    .iter()
                    .take(5)
                    .map(|s| format!("<{}> ({})", s.iri, s.pref_label_en))
                    .collect();
                d.push(
                    Diagnostic::new(
                        &codes::AMBIGUOUS_SKILL,
                        *span,
                        format!(
                            "\"{}\" is the label of {} ESCO skills",
                            t.value,
                            candidates.len()
                        ),
                    )
                    .with_label("ambiguous")
                    .with_help(format!(
                        "write the IRI of the one you mean: {}",
                        list.join(", ")
                    )),
                );
                None
            }
            EscoLookup::Unknown { suggestions } => {
                let mut diag = Diagnostic::new(
                    &codes::UNKNOWN_SKILL,
                    *span,
                    format!("\"{}\" is not an ESCO skill label", t.value),
                )
                .with_label(format!(
                    "no ESCO {} skill has this label in {}",
                    index.version(),
                    vocab::language_names(index.languages())
                ));
                diag = if suggestions.is_empty() {
                    diag.with_help(format!(
                        "{} has labels in {}: write the label in one of them, or the skill's IRI `<http://data.europa.eu/esco/skill/...>` (`laurel vocab update --languages ...` brings other languages)",
                        index.name(),
                        vocab::language_names(index.languages())
                    ))
                } else {
                    let list: Vec<String> = suggestions
                        .iter()
                        .take(5)
                        .map(|s| format!("\"{}\"", s.pref_label_en))
                        .collect();
                    diag.with_help(format!("close ESCO skills: {}", list.join(", ")))
                };
                d.push(diag);
                None
            }
        },
        [Value {
            kind: ValueKind::Iri(iri),
            span,
        }] => match index.by_iri(iri) {
            Some(skill) => Some(EscoSkill::Listed(skill)),
            None if !index.is_bundled() && vocab::esco().by_iri(iri).is_some() => {
                let old = vocab::esco().by_iri(iri)?;
                d.push(gone_skill(index, old, *span));
                Some(EscoSkill::Unlisted(iri.clone()))
            }
            None if vocab::esco::is_skill_iri(iri) => {
                d.push(
                    Diagnostic::new(
                        &codes::UNLISTED_CONCEPT,
                        *span,
                        format!("<{iri}> is not in {}", index.name()),
                    )
                    .with_label("kept as written, without a label")
                    .with_help("if it is a skill of a newer ESCO version, nothing needs changing: the credential carries its IRI without labels; otherwise check the IRI on the ESCO portal"),
                );
                Some(EscoSkill::Unlisted(iri.clone()))
            }
            None => {
                d.push(Diagnostic::new(&codes::UNKNOWN_SKILL_IRI, *span, format!("<{iri}> is not an ESCO skill IRI")).with_label("not an ESCO skill").with_help("an ESCO skill IRI is <http://data.europa.eu/esco/skill/...> followed by a UUID; check it on the ESCO portal, or write the skill's label: `skill esco \"...\"`"));
                None
            }
        },
        _ => {
            let span = field.values.first().map_or(field.key.span, |v| v.span);
            d.push(
                Diagnostic::new(
                    &codes::BAD_VALUE,
                    span,
                    "`skill` takes `esco \"label\"` or an ESCO IRI in `<...>`",
                )
                .with_help("for example: `skill esco \"manage research data\"`"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn check_text(text: &str) -> (Model, Vec<Diagnostic>) {
        let (file, _) = crate::syntax::parse(FileId(0), text);
        check(ProjectInfo::default(), &[file])
    }

    #[test]
    fn a_duplicate_name_does_not_shift_references() {
        let (model, diags) = check_text(
            "organisation a {\n  legal-name \"First\"\n}\n\norganisation a {\n  legal-name \"Second\"\n}\n\norganisation b {\n  legal-name \"B\"\n}\n\nmicro-credential c {\n  awarding-body b\n}\n",
        );
        assert!(diags.iter().any(|d| d.code.id == "L0020"));
        let body = model.credentials[0].awarding_bodies[0];
        assert_eq!(model.organisations[body].name, "b");
        assert_eq!(model.organisations.len(), 2);
    }

    #[test]
    fn help_shows_the_projects_country_and_languages() {
        let text = "organisation a {\n  legal-name \"Centrum\"\n}\n\nmicro-credential c {\n  title \"Spawanie\"\n  title \"Spawanie MIG\"\n  awarding-body a\n}\n";
        let (file, _) = crate::syntax::parse(FileId(0), text);
        let project = ProjectInfo {
            default_language: "pl".into(),
            ..ProjectInfo::default()
        };
        let (_, diags) = check(project, &[file]);
        let help = |code: &str| {
            diags
                .iter()
                .find(|d| d.code.id == code)
                .and_then(|d| d.help.clone())
                .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
        };
        assert_eq!(
            help(codes::MISSING_COUNTRY.id),
            "add `country POL` (or the ISO code, `country PL`) to the organisation"
        );
        assert!(help("L0013").contains("`\"...\"@en`"), "{}", help("L0013"));
    }

    #[test]
    fn a_broken_item_is_known_but_silent() {
        let (_, diags) =
            check_text("organisation a \n}\n\nmicro-credential c {\n  awarding-body a\n}\n");
        assert!(!diags.iter().any(|d| d.code.id == "L0021"), "{diags:#?}");
    }

    fn codes_of(text: &str) -> Vec<&'static str> {
        let (file, mut diags) = crate::syntax::parse(FileId(0), text);
        diags.extend(check(ProjectInfo::default(), &[file]).1);
        let mut codes: Vec<_> = diags.iter().map(|d| d.code.id).collect();
        codes.sort();
        codes
    }

    #[test]
    fn a_workload_of_zero_is_an_error_wherever_it_is_written() {
        let zero = |text: &str| codes_of(text).iter().filter(|c| **c == "L0208").count();
        assert_eq!(zero("micro-credential c {\n  workload 0 ects\n}\n"), 1);
        assert_eq!(zero("micro-credential c {\n  workload 0.0 hours\n}\n"), 1);
        assert_eq!(
            zero("micro-credential c {\n  activity \"Lab\" {\n    workload 0 hours\n  }\n}\n"),
            1
        );
        assert_eq!(zero("qualification q {\n  workload 0 ects\n}\n"), 1);
        assert_eq!(zero("micro-credential c {\n  workload 0.5 ects\n}\n"), 0);
        // Said once: not also "the parts exceed the qualification's 0 ECTS".
        let codes = codes_of("micro-credential c {\n  workload 2 ects\n}\n\nqualification q {\n  workload 0 ects\n  includes c\n}\n");
        assert!(
            codes.contains(&"L0208") && !codes.contains(&"L0202"),
            "{codes:?}"
        );
    }

    #[test]
    fn a_second_title_in_the_main_titles_language_is_reported_not_dropped() {
        let text = "micro-credential c {\n  activity \"Online course\" {\n    title \"Kurs online\"\n    title \"Onlinekurs\"@de\n  }\n  outcome \"Weld\" {\n    title \"Spawać\"\n  }\n}\n";
        let (file, _) = crate::syntax::parse(FileId(0), text);
        let (model, diags) = check(ProjectInfo::default(), &[file]);
        let mut twice: Vec<&Diagnostic> = diags.iter().filter(|d| d.code.id == "L0013").collect();
        twice.sort_by_key(|d| d.span.start);
        assert_eq!(twice.len(), 2, "{diags:#?}");
        assert_eq!(&text[twice[0].span.range()], "\"Kurs online\"");
        assert_eq!(&text[twice[1].span.range()], "\"Spawać\"");
        let activity = &model.credentials[0].activities[0];
        assert_eq!(activity.title.get("de"), Some("Onlinekurs"));
        assert_eq!(activity.title.get("en"), Some("Online course"));
    }

    #[test]
    fn an_ects_figure_written_another_way_is_not_also_asked_for() {
        let text = "micro-credential c {\n  ects 4\n  workload 110 hours\n}\n";
        let codes = codes_of(text);
        assert!(codes.contains(&"L0010"), "{codes:?}");
        assert!(!codes.contains(&codes::PREFER_ECTS.id), "{codes:?}");
        // Hours alone: the advice stands.
        let codes = codes_of("micro-credential c {\n  workload 110 hours\n}\n");
        assert!(codes.contains(&codes::PREFER_ECTS.id), "{codes:?}");
    }

    #[test]
    fn a_misspelt_field_is_not_also_missing() {
        let codes = codes_of("micro-credential c {\n  titel \"Welding\"\n}\n");
        assert!(codes.contains(&"L0010"), "{codes:?}");
        assert!(!codes.contains(&codes::MISSING_TITLE.id), "{codes:?}");
        // Two close fields: which one was meant is not clear, so the missing one is said.
        let codes = codes_of("micro-credential c {\n  xyzzy \"Welding\"\n}\n");
        assert!(codes.contains(&codes::MISSING_TITLE.id), "{codes:?}");
    }

    #[test]
    fn one_mistake_one_diagnostic() {
        // An impossible date: only "not in the calendar", not also "no date".
        assert_eq!(
            codes_of("award x {\n  learner {\n    full-name \"A\"\n  }\n  date 2025-02-30\n}\n")
                .iter()
                .filter(|c| **c != "L0021")
                .collect::<Vec<_>>(),
            [&"L0011"]
        );
        // An unreadable title line: the syntax error, not also "no title".
        let codes = codes_of("micro-credential c {\n  title \"Data\n}\n");
        assert!(
            codes.contains(&"L0001") && !codes.contains(&"L0102"),
            "{codes:?}"
        );
    }

    #[test]
    fn a_cycle_is_reported_once_without_the_parts_rule() {
        let codes = codes_of("qualification a {\n  workload 5 ects\n  includes b\n}\n\nqualification b {\n  workload 5 ects\n  includes a\n}\n");
        assert_eq!(
            codes.iter().filter(|c| **c == "L0024").count(),
            1,
            "{codes:?}"
        );
        assert!(!codes.contains(&"L0202"), "{codes:?}");
    }

    #[test]
    fn a_stand_alone_line_is_short_for_stackable_into_stand_alone() {
        let project = |line: &str| {
            format!("organisation a {{\n  legal-name \"A\"\n  country POL\n}}\n\ntemplate t {{\n  {line}\n}}\n\nmicro-credential c {{\n  title \"C\"\n  awarding-body a\n  {line}\n}}\n\nmicro-credential d from t {{\n  title \"D\"\n  awarding-body a\n}}\n\naward c {{\n  learner {{\n    full-name \"L\"\n  }}\n  date 2025-03-14\n}}\n")
        };
        let (long, long_diags) = check_text(&project("stackable-into stand-alone"));
        let (short, short_diags) = check_text(&project("stand-alone"));
        let codes = |d: &[Diagnostic]| d.iter().map(|d| d.code.id).collect::<Vec<_>>();
        assert!(!codes(&short_diags).contains(&"L0010"), "{short_diags:#?}");
        assert_eq!(codes(&long_diags), codes(&short_diags));
        assert!(short.credentials.iter().all(|c| c.stand_alone));
        for id in 0..2 {
            let spec = crate::elm::specification(&short, id);
            assert_eq!(spec, crate::elm::specification(&long, id));
            assert!(
                spec.to_string()
                    .contains("\"isPartialQualification\":false"),
                "{spec}"
            );
        }
        let options = crate::elm::Options::default();
        assert_eq!(
            crate::elm::credential(&short, &short.awards[0], &options),
            crate::elm::credential(&long, &long.awards[0], &options)
        );
        // the credential's own `stackable-into` replaces the template's short form
        let (model, _) = check_text(&format!(
            "{}\nqualification q {{\n  includes d\n}}\n",
            project("stand-alone").replace(
                "  awarding-body a\n}\n\naward",
                "  awarding-body a\n  stackable-into q\n}\n\naward"
            )
        ));
        let d = &model.credentials[1];
        assert!(!d.stand_alone && d.stackable_into == [0], "{d:#?}");
        // the short form takes no value
        let (_, diags) = check_text("micro-credential c {\n  stand-alone yes\n}\n");
        let d = diags.iter().find(|d| d.code.id == "L0011").expect("L0011");
        assert_eq!(d.message, "`stand-alone` stands alone on its line");
    }

    #[test]
    fn stackable_into_none_means_stand_alone() {
        for word in ["none", "standalone", "stand-alon"] {
            let (_, diags) = check_text(&format!(
                "qualification rds {{\n  title \"R\"\n}}\n\nmicro-credential c {{\n  stackable-into {word}\n}}\n"
            ));
            let d = diags.iter().find(|d| d.code.id == "L0021").expect("L0021");
            assert_eq!(
                d.message,
                format!("there is no qualification named `{word}`")
            );
            assert!(
                d.help
                    .as_deref()
                    .is_some_and(|h| h.starts_with("did you mean `stand-alone`?")),
                "{d:#?}"
            );
        }
        // a misspelt qualification is still suggested as one
        let (_, diags) = check_text(
            "qualification standards {\n  title \"S\"\n}\n\nmicro-credential c {\n  stackable-into standard\n}\n",
        );
        let d = diags.iter().find(|d| d.code.id == "L0021").expect("L0021");
        assert_eq!(d.help.as_deref(), Some("did you mean `standards`?"));
    }

    #[test]
    fn two_ects_figures_are_a_repeat() {
        assert!(
            codes_of("micro-credential c {\n  workload 3 ects\n  workload 4 ects\n}\n")
                .contains(&"L0012")
        );
    }
}
