//! Reading one European Digital Credential (or a specification Laurel wrote) into Laurel
//! source: the inverse of [`crate::elm`]. Each ELM node is read by one function, which
//! takes the properties it imports and leaves the rest to be reported.

use std::collections::HashMap;

use serde_json::Value;

use super::json::{Concept, Node, Walk};
use super::text::{name_of, quoted, quoted_in, Block, Line};
use crate::check::LangText;
use crate::elm::phrases::Phrase;
use crate::elm::{Target, ECTS, ECVET, EVIDENCE_MANDATE};
use crate::syntax::schema::{words, BlockKind};
use crate::validate::ebsi::{Vcdm, CONTEXT_V2};
use crate::validate::shacl::{EDC_AP_CONTEXT, VC_V1_CONTEXT};
use crate::validate::shapes::Profile;
use crate::vocab::{self, Scheme};

/// Why an input file is refused.
pub type Refusal = String;

/// An organisation of the project, as read.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// Its name in the project.
    pub name: String,
    /// Its fields (accreditations apart).
    pub body: Block,
    /// Its logo: bytes and file extension.
    pub logo: Option<(Vec<u8>, &'static str)>,
    /// Its accreditation blocks, as credentials' quality assurance names them.
    pub accreditations: Vec<Block>,
    /// The file it was first read from.
    pub file: String,
}

/// An organisation's fields as read, before it is found or registered.
#[derive(Debug)]
struct OrgFields {
    body: Block,
    logo: Option<(Vec<u8>, &'static str)>,
    global_id: Option<String>,
    legal_name: LangText,
}

/// A qualification a credential stacks into, from its stackability note.
#[derive(Debug, Clone)]
pub struct Qualification {
    /// Its name in the project.
    pub name: String,
    /// Its title in each language.
    pub title: LangText,
    /// Its ECTS, as the note gives them.
    pub ects: Option<String>,
    /// Its awarding body.
    pub awarding_body: Option<String>,
}

/// What one file gave.
#[derive(Debug, Clone)]
pub struct Read {
    /// The specification's fields (the `Qualification` node): the same for every award of
    /// one course.
    pub spec: Block,
    /// The fields only an award shows (awarding body, activities, assessments, issuer,
    /// subtitle, validity).
    pub claim: Block,
    /// The credential's title.
    pub title: LangText,
    /// Qualifications named by `stackable-into`.
    pub stacks_into: Vec<usize>,
    /// The award, for a credential (none for a specification).
    pub award: Option<Award>,
    /// Who the credential was written for.
    pub target: Target,
    /// The specification's JSON without its document-local ids: the same for every
    /// document of one course, specification or award.
    pub fingerprint: String,
}

/// One learner's award, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Award {
    /// `credential-id`.
    pub credential_id: Option<String>,
    /// `date`, as Laurel writes it.
    pub date: Option<String>,
    /// `grade`.
    pub grade: LangText,
    /// `result "assessment" { grade }`.
    pub results: Vec<(String, LangText)>,
    /// `valid-from`, where it is not the `date`.
    pub valid_from: Option<String>,
    /// `period` start and end.
    pub period: Option<(String, String)>,
    /// `number`.
    pub number: Option<String>,
    /// The learner's fields, in schema order: (field, value as written).
    pub learner: Vec<(&'static str, String)>,
    /// The learner fields as plain cells, for learner data: (column, cell); `None` when a
    /// value needs more than a cell holds (a language tag, two countries).
    pub cells: Option<Vec<(&'static str, String)>>,
    /// Comments: what could not be imported.
    pub notes: Block,
    /// The learner key Laurel gives the award (names its file).
    pub key: String,
}

/// The project-wide state of an import: organisations and qualifications found so far,
/// the names given, the project's language.
#[derive(Debug)]
pub struct Importer {
    /// The language of untagged texts.
    pub lang: String,
    /// Organisations, in the order first met.
    pub organisations: Vec<Organisation>,
    org_by_content: HashMap<(Block, Option<Vec<u8>>), usize>,
    org_by_id: HashMap<String, usize>,
    /// Qualifications, in the order first met.
    pub qualifications: Vec<Qualification>,
    /// Every name given (organisations, credentials, qualifications share one space).
    pub names: std::collections::HashSet<String>,
    /// Files that disagree about an organisation with a global id.
    pub conflicts: Vec<String>,
}

impl Importer {
    /// A new import whose untagged texts are in `lang`.
    pub fn new(lang: &str) -> Importer {
        Importer {
            lang: lang.to_string(),
            organisations: Vec::new(),
            org_by_content: HashMap::new(),
            org_by_id: HashMap::new(),
            qualifications: Vec::new(),
            names: Default::default(),
            conflicts: Vec::new(),
        }
    }

    /// A fresh name from `text`: its words, with `-2`, `-3` ... when taken.
    pub fn name(&mut self, text: &str, fallback: &str) -> String {
        let base = name_of(text, fallback);
        let mut name = base.clone();
        let mut n = 1;
        while self.names.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        self.names.insert(name.clone());
        name
    }
}

/// The language a document's texts are mostly in: its display's primary language, else
/// the first language of its title.
pub fn main_language(doc: &Value) -> Option<String> {
    let primary = doc
        .pointer("/displayParameter/primaryLanguage/id")
        .and_then(Value::as_str)
        .and_then(|iri| vocab::scheme(Scheme::Language).by_iri(iri))
        .and_then(|c| c.notation.as_deref())
        .and_then(vocab::language_tag_for_code);
    if let Some(tag) = primary {
        return Some(tag.to_string());
    }
    let title = doc
        .pointer("/credentialSubject/hasClaim/specifiedBy/title")
        .or_else(|| doc.get("title"))?;
    title.as_object()?.keys().next().cloned()
}

/// The one reading of a file: the importer, the file's name and its walk.
struct File<'i, 'd> {
    importer: &'i mut Importer,
    file: &'i str,
    walk: Walk<'d>,
}

/// Reads `doc`, the JSON of `file`.
pub fn read<'d>(
    importer: &mut Importer,
    file: &str,
    doc: &'d Value,
) -> Result<(Read, Walk<'d>), Refusal> {
    let Value::Object(map) = doc else {
        return Err("it is not a JSON object".into());
    };
    let mut f = File {
        importer,
        file,
        walk: Walk::new(doc),
    };
    let mut root = Node::new(map, "$".into());
    let spec_only = root.is_a("Qualification") && !root.has("credentialSubject");
    let spec_json = match spec_only {
        true => Some(doc),
        false => doc.pointer("/credentialSubject/hasClaim/specifiedBy"),
    };
    let fingerprint = spec_json
        .map(|v| without_local_ids(v).to_string())
        .unwrap_or_default();
    let mut read = if spec_only {
        f.specification_document(root)?
    } else {
        let target = target(&mut root)?;
        if !root.is_a("EuropeanDigitalCredential") {
            return Err("it is not a European Digital Credential: its `type` does not name `EuropeanDigitalCredential`".into());
        }
        f.credential(root, target)?
    };
    read.fingerprint = fingerprint;
    Ok((read, f.walk))
}

/// A JSON value without `@context` and without the ids numbered per document
/// (`urn:epass:...`), which differ between documents saying the same.
fn without_local_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, v)| {
                    *k != "@context"
                        && !(*k == "id"
                            && v.as_str().is_some_and(|id| id.starts_with("urn:epass:")))
                })
                .map(|(k, v)| (k.clone(), without_local_ids(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_local_ids).collect()),
        other => other.clone(),
    }
}

/// Who a credential is written for, from its `@context` and `type`; a context Laurel does
/// not know is refused.
fn target(root: &mut Node<'_>) -> Result<Target, Refusal> {
    let contexts: Vec<&str> = match root.regenerated("@context") {
        None => return Ok(Target::Edc), // the issuer's upload form adds the contexts
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(one)) => vec![one.as_str()],
        Some(_) => return Err("its `@context` is neither a text nor a list of texts".into()),
    };
    if !contexts.contains(&EDC_AP_CONTEXT) {
        return Err(format!(
            "its `@context` ({}) does not name the ELM v3 context `{EDC_AP_CONTEXT}`: Laurel reads European Digital Credentials of ELM v3",
            contexts.join(", ")
        ));
    }
    let attestation = match root.map.get("type") {
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "VerifiableAttestation"),
        _ => false,
    };
    Ok(match (attestation, contexts.first()) {
        (_, Some(&CONTEXT_V2)) => Target::Ebsi(Vcdm::V2_0),
        (true, _) => Target::Ebsi(Vcdm::V1_1),
        (false, Some(&VC_V1_CONTEXT)) | (false, _) => Target::Edc,
    })
}

impl<'d> File<'_, 'd> {
    fn lang(&self) -> String {
        self.importer.lang.clone()
    }

    fn w(&mut self) -> &mut Walk<'d> {
        &mut self.walk
    }

    /// A specification document (`laurel build` writes one per micro-credential).
    fn specification_document(&mut self, mut root: Node<'d>) -> Result<Read, Refusal> {
        root.regenerated("@context");
        let mut stacks_into = Vec::new();
        let (spec, title) = self.qualification(root, &mut stacks_into, None);
        Ok(Read {
            spec,
            claim: Block::default(),
            title,
            stacks_into,
            award: None,
            target: Target::Edc,
            fingerprint: String::new(),
        })
    }

    fn credential(&mut self, mut root: Node<'d>, target: Target) -> Result<Read, Refusal> {
        let lang = self.lang();
        let mut claim = Block::default();
        let mut notes = Block::default();
        root.keep_id();
        let mut award = Award {
            credential_id: root.id().map(str::to_string),
            ..Award::default()
        };
        for schema in root.nodes(self.w(), "credentialSchema") {
            let known = schema
                .id()
                .is_some_and(|id| Profile::ALL.iter().any(|p| p.schema_iri() == id));
            if !known {
                self.walk.unexpressed(
                    &schema.path,
                    "credentialSchema",
                    "Laurel names the shapes of the EDC profiles it writes, not another schema",
                );
            }
        }
        let profiles = root.concepts(self.w(), "credentialProfiles");
        for profile in &profiles {
            match Profile::ALL.iter().find(|p| p.concept_iri() == profile.iri) {
                Some(Profile::Generic | Profile::IssuedByMandate) => {}
                Some(other) => self.walk.unexpressed(
                    &profile.path,
                    "credentialProfiles",
                    &format!("Laurel writes the Generic profile, not `{}`", other.name()),
                ),
                None => {
                    return Err(format!(
                        "it names the credential profile <{}>, which is none of the EDC profiles Laurel knows (generic, accredited, converted, diploma-supplement, issued-by-mandate)",
                        profile.iri
                    ))
                }
            }
        }
        // Laurel writes the issue date three times; the first one given counts.
        let issued = ["issued", "issuanceDate", "validFrom"]
            .into_iter()
            .filter_map(|k| root.string(self.w(), k))
            .next()
            .map(str::to_string);
        for key in ["issuanceDate", "validFrom"] {
            if root.map.get(key).and_then(Value::as_str) == issued.as_deref() {
                root.regenerated(key);
            }
        }
        award.date = issued.as_deref().map(moment);
        // a credential sealed or issued again later keeps the moment it took effect
        if root.map.get("validFrom").and_then(Value::as_str) != issued.as_deref() {
            award.valid_from = root.string(self.w(), "validFrom").map(moment);
        }
        if let Some(until) = root.map.get("validUntil").and_then(Value::as_str) {
            if claim_validity(&mut claim, issued.as_deref(), until) {
                root.string(self.w(), "validUntil");
            } else {
                let why = "Laurel writes an expiry at the end of its day, T23:59:59Z";
                root.cannot(self.w(), &mut notes, "validUntil", why);
            }
        }
        // read after the awarding bodies: the issuer is often one of them
        let issuer = root.node(self.w(), "issuer", "a credential has one issuer");
        if let Some(mut number) = root.node(
            self.w(),
            "identifier",
            "Laurel keeps one certificate number",
        ) {
            award.number = number.string(self.w(), "notation").map(str::to_string);
            number.regenerated("schemeName");
            number.finish(self.w(), &mut notes);
        }
        let mut mandated = false;
        for mut evidence in root.nodes(self.w(), "evidence") {
            let kind = evidence.concepts(self.w(), "dcType");
            if kind.iter().any(|k| k.iri == EVIDENCE_MANDATE) {
                mandated = true;
                if let Some(statement) = evidence.string(self.w(), "evidenceStatement") {
                    claim.field("mandate", quoted(statement));
                }
                evidence.finish(self.w(), &mut claim);
            } else {
                self.walk.unexpressed(
                    &evidence.path,
                    "evidence",
                    "Laurel writes evidence only for a mandated issue",
                );
            }
        }
        let mut display_title = None;
        if let Some(mut display) =
            root.node(self.w(), "displayParameter", "a credential has one display")
        {
            display_title = Some(display.lang(self.w(), "title"));
            let subtitle = display.lang(self.w(), "description");
            claim.texts("subtitle", &subtitle, &lang);
            display.regenerated("language");
            display.regenerated("primaryLanguage");
            display.regenerated("individualDisplay");
            display.finish(self.w(), &mut notes);
        }
        let mut stacks_into = Vec::new();
        let Some(mut subject) = root.node(
            self.w(),
            "credentialSubject",
            "Laurel writes one learner per credential",
        ) else {
            return Err(
                "it has no `credentialSubject`: there is no learner or achievement to import"
                    .into(),
            );
        };
        self.learner(&mut subject, &mut award);
        let Some(achievement) = subject.node(
            self.w(),
            "hasClaim",
            "Laurel writes one achievement per credential",
        ) else {
            return Err("its learner has no achievement (`hasClaim`): there is no micro-credential to import".into());
        };
        let (spec, title) = self.achievement(
            achievement,
            &mut claim,
            &mut award,
            issued.as_deref(),
            &mut stacks_into,
        );
        if let Some(shown) = display_title.filter(|shown| !shown.is_empty() && *shown != title) {
            claim.texts("display-title", &shown, &lang);
        }
        subject.finish(self.w(), &mut award.notes);
        if let Some(issuer) = issuer {
            let first_body = claim.first("awarding-body").map(str::to_string);
            let fields = self.org_fields(issuer);
            let name = match first_body.clone() {
                Some(body) if !mandated && self.same_but_eidas_id(&body, &fields) => body,
                _ => self.register(fields),
            };
            if first_body.as_deref() != Some(name.as_str()) {
                claim.field("issuer", name);
            }
        }
        claim.lines.extend(notes.lines);
        root.finish(self.w(), &mut award.notes);
        Ok(Read {
            spec,
            claim,
            title,
            stacks_into,
            award: Some(award),
            target,
            fingerprint: String::new(),
        })
    }

    /// The learner: `credentialSubject`.
    fn learner(&mut self, subject: &mut Node<'d>, award: &mut Award) {
        let lang = self.lang();
        let mut out = LearnerFields::default();
        let given = subject.lang(self.w(), "givenName");
        let family = subject.lang(self.w(), "familyName");
        let full = subject.lang(self.w(), "fullName");
        out.names("given-name", &given, &lang);
        out.names("family-name", &family, &lang);
        let mut keyed = crate::check::Learner {
            given_name: given,
            family_name: family,
            ..Default::default()
        };
        if full != keyed.display_name() {
            out.names("full-name", &full, &lang);
            keyed.full_name = full;
        }
        if let Some(birth) = subject.string(self.w(), "dateOfBirth") {
            out.word("birth-date", &moment(birth));
        }
        let mut address = None;
        if let Some(mut contact) =
            subject.node(self.w(), "contactPoint", "Laurel keeps one contact point")
        {
            if let Some(email) = self.email(&mut contact) {
                out.plain("email", &email);
            }
            if let Some(mut addr) = contact.node(self.w(), "address", "Laurel keeps one address") {
                address = self.address(&mut addr, &mut award.notes);
                addr.finish(self.w(), &mut award.notes);
            }
            contact.finish(self.w(), &mut award.notes);
        }
        let mut national: Option<(String, Option<String>)> = None;
        for mut id in subject.nodes(self.w(), "identifier") {
            let notation = id.string(self.w(), "notation").map(str::to_string);
            let scheme = id
                .string(self.w(), "schemeName")
                .unwrap_or_default()
                .to_string();
            let is = |phrase: Phrase| {
                ["en", "de", "fr", lang.as_str()]
                    .iter()
                    .any(|l| phrase.text(l) == scheme)
            };
            match notation {
                Some(n) if is(Phrase::StudentNumber) && keyed.student_id.is_none() => {
                    out.plain("student-id", &n);
                    keyed.student_id = Some(n);
                }
                Some(n) if is(Phrase::NationalIdentifier) && national.is_none() => {
                    national = Some((n, None))
                }
                _ => {
                    self.walk.unexpressed(
                        &id.path,
                        "identifier",
                        "Laurel keeps a student number and a national identifier of a learner",
                    );
                    continue;
                }
            }
            id.finish(self.w(), &mut award.notes);
        }
        if let Some(mut nid) = subject.node(
            self.w(),
            "nationalID",
            "Laurel keeps one national identifier",
        ) {
            if let Some(n) = nid.string(self.w(), "notation") {
                let country = nid
                    .concept(self.w(), "spatial", "an identifier is of one country")
                    .and_then(|c| self.word(Scheme::Country, &c, &mut award.notes));
                national = Some((n.to_string(), country));
            }
            nid.finish(self.w(), &mut award.notes);
        }
        if let Some((id, country)) = national {
            out.in_country("national-id", &id, "country", country.as_deref());
            keyed.national_id = Some((id, None));
        }
        if let Some(mut place) =
            subject.node(self.w(), "placeOfBirth", "Laurel keeps one place of birth")
        {
            let mut written = false;
            if let Some(mut addr) = place.node(self.w(), "address", "a place has one address") {
                if let Some((text, country)) = self.address(&mut addr, &mut award.notes) {
                    out.in_country(
                        "place-of-birth",
                        &text,
                        "place-of-birth-country",
                        Some(&country),
                    );
                    written = true;
                }
                addr.finish(self.w(), &mut award.notes);
            }
            if written {
                place.finish(self.w(), &mut award.notes);
            } else {
                place.cannot_whole(
                    self.w(),
                    &mut award.notes,
                    "placeOfBirth",
                    "Laurel writes a place of birth as its name and its country, and this one lacks one of them",
                );
            }
        }
        let citizenship = subject.concepts(self.w(), "citizenshipCountry");
        for c in &citizenship {
            if let Some(word) = self.word(Scheme::Country, c, &mut award.notes) {
                out.word("citizenship", &word);
            }
        }
        if let Some(gender) = subject.concept(self.w(), "gender", "Laurel keeps one gender") {
            if let Some(word) = self.word(Scheme::HumanSex, &gender, &mut award.notes) {
                out.word("gender", &word);
            }
        }
        if let Some((text, country)) = address {
            out.in_country("address", &text, "address-country", Some(&country));
        }
        let order = |key: &str| {
            BlockKind::Learner
                .fields()
                .iter()
                .position(|f| f.key == key)
        };
        out.fields.sort_by_key(|(k, _)| order(k));
        award.key = keyed.key();
        award.learner = out.fields;
        award.cells = out.cells;
    }

    /// An e-mail address from a contact point (`mailto:` IRI).
    fn email(&mut self, contact: &mut Node<'d>) -> Option<String> {
        let mut mailbox =
            contact.node(self.w(), "emailAddress", "Laurel keeps one e-mail address")?;
        mailbox.keep_id();
        let email = mailbox
            .id()
            .map(|id| id.strip_prefix("mailto:").unwrap_or(id).to_string());
        mailbox.finish(self.w(), &mut Block::default());
        email
    }

    /// A phone number from a contact point.
    fn phone(&mut self, contact: &mut Node<'d>, notes: &mut Block) -> Option<String> {
        let mut phone = contact.node(self.w(), "phone", "Laurel keeps one phone number")?;
        let number = phone.string(self.w(), "phoneNumber").map(str::to_string);
        phone.finish(self.w(), notes);
        number
    }

    /// An address: its one-line text and its country's word.
    fn address(&mut self, addr: &mut Node<'d>, notes: &mut Block) -> Option<(String, String)> {
        let lang = self.lang();
        let country = addr
            .concept(self.w(), "countryCode", ONE_COUNTRY)
            .and_then(|c| self.word(Scheme::Country, &c, notes));
        let text = addr
            .node(self.w(), "fullAddress", "an address has one full text")
            .and_then(|mut note| {
                let text = note.one_text(self.w(), "noteLiteral", &lang, ONE_ADDRESS_TEXT);
                note.finish(self.w(), notes);
                text
            });
        Some((text?, country?))
    }

    /// The learning achievement: the claim's fields, the award's grade and period, and the
    /// specification.
    fn achievement(
        &mut self,
        mut node: Node<'d>,
        claim: &mut Block,
        award: &mut Award,
        issued: Option<&str>,
        stacks_into: &mut Vec<usize>,
    ) -> (Block, LangText) {
        node.expect_type(self.w(), "LearningAchievement");
        let lang = self.lang();
        let issued = issued.map(|i| Value::String(i.to_string()));
        let mut bodies = Vec::new();
        if let Some(mut process) =
            node.node(self.w(), "awardedBy", "an achievement is awarded once")
        {
            for body in process.nodes(self.w(), "awardingBody") {
                let name = self.organisation(body);
                claim.field("awarding-body", name.clone());
                bodies.push(name);
            }
            process.repeated(
                self.w(),
                claim,
                "awardingDate",
                issued.as_ref(),
                "awarded at another time than the credential is issued: Laurel writes the date of issuing on both",
            );
            process.finish(self.w(), claim);
        }
        node.regenerated("creditReceived");
        let mut grades: Vec<(String, LangText)> = Vec::new();
        for mut assessment in node.nodes(self.w(), "provenBy") {
            let mut block = Block::default();
            let header = self.by_specification(
                &mut assessment,
                &mut block,
                "assessment",
                Self::assessment_spec,
            );
            assessment.regenerated("awardedBy");
            assessment.repeated(
                self.w(),
                &mut block,
                "dateIssued",
                issued.as_ref(),
                "assessed at another time than the credential is issued: Laurel writes the date of issuing on both",
            );
            if let Some(by) = assessment.node(
                self.w(),
                "assessedBy",
                "Laurel keeps one assessing organisation",
            ) {
                let name = self.organisation(by);
                block.field("assessed-by", name);
            }
            if let Some(mut grade) =
                assessment.node(self.w(), "grade", "an assessment has one grade")
            {
                grades.push((
                    header.first().unwrap_or_default().to_string(),
                    grade.lang(self.w(), "noteLiteral"),
                ));
                grade.finish(self.w(), &mut award.notes);
            }
            self.term(
                &mut assessment,
                "idVerification",
                "supervision",
                Scheme::SupervisionVerification,
                &mut block,
            );
            assessment.finish(self.w(), &mut block);
            titled_block(
                claim,
                "assessment",
                &header,
                block,
                &lang,
                BlockKind::Assessment,
            );
        }
        award_grades(award, grades, &lang);
        for mut activity in node.nodes(self.w(), "influencedBy") {
            let mut block = Block::default();
            let header =
                self.by_specification(&mut activity, &mut block, "activity", Self::activity_spec);
            activity.regenerated("awardedBy");
            if let Some(by) = activity.node(
                self.w(),
                "directedBy",
                "Laurel keeps one organisation that runs an activity",
            ) {
                let name = self.organisation(by);
                block.field("directed-by", name);
            }
            if let Some(mut period) =
                activity.node(self.w(), "temporal", "an activity has one period")
            {
                let start = period.string(self.w(), "startDate").map(moment);
                let end = period.string(self.w(), "endDate").map(moment);
                if let (Some(s), Some(e)) = (start, end) {
                    award.period.get_or_insert((s, e));
                }
                period.finish(self.w(), &mut award.notes);
            }
            activity.finish(self.w(), &mut block);
            titled_block(
                claim,
                "activity",
                &header,
                block,
                &lang,
                BlockKind::Activity,
            );
        }
        let (spec, title) = match node.node(
            self.w(),
            "specifiedBy",
            "an achievement has one specification",
        ) {
            Some(spec) => {
                for key in ["title", "description"] {
                    let like = spec.map.get(key);
                    node.repeated(
                        self.w(),
                        claim,
                        key,
                        like,
                        "the achievement's text is not its specification's: Laurel writes the micro-credential's on both",
                    );
                }
                self.qualification(spec, stacks_into, bodies.first().cloned())
            }
            // An achievement without a specification: its own title and description are
            // the credential's (Laurel writes them on both).
            None => {
                let mut spec = Block::default();
                let title = node.lang(self.w(), "title");
                spec.texts("title", &title, &lang);
                spec.texts("description", &node.lang(self.w(), "description"), &lang);
                (spec, title)
            }
        };
        node.finish(self.w(), claim);
        (spec, title)
    }

    /// An assessment's or activity's (`what`'s) specification read into `block` by
    /// `read_spec`, and the title that heads the block: the specification's, the node's own
    /// reported where it differs (Laurel writes one on both); without a specification, the
    /// node's own.
    fn by_specification(
        &mut self,
        node: &mut Node<'d>,
        block: &mut Block,
        what: &str,
        read_spec: fn(&mut Self, Node<'d>, &mut Block) -> LangText,
    ) -> LangText {
        let one = format!(
            "{} {what} has one specification",
            crate::check::article(what)
        );
        match node.node(self.w(), "specifiedBy", &one) {
            Some(spec) => {
                let spec_title = spec.map.get("title");
                let title = read_spec(self, spec, block);
                let why = format!("the {what}'s title is not its specification's: Laurel writes the specification's title on both");
                node.repeated(self.w(), block, "title", spec_title, &why);
                title
            }
            None => node.lang(self.w(), "title"),
        }
    }

    /// A learning assessment specification into an `assessment` block; its title.
    fn assessment_spec(&mut self, mut spec: Node<'d>, block: &mut Block) -> LangText {
        spec.expect_type(self.w(), "LearningAssessmentSpecification");
        let lang = self.lang();
        let title = spec.lang(self.w(), "title");
        block.texts("description", &spec.lang(self.w(), "description"), &lang);
        let kind = spec.concept(self.w(), "dcType", "Laurel keeps one type of an assessment");
        if let Some(kind) = &kind {
            if let Some(value) = self.term_or_own(Scheme::Assessment, kind, block) {
                block.field("type", value);
            }
        }
        self.terms(&mut spec, "mode", "mode", Scheme::LearningMode, block);
        self.terms(&mut spec, "language", "language", Scheme::Language, block);
        if let Some(mut grading) = spec.node(
            self.w(),
            "gradingScheme",
            "an assessment has one grading scheme",
        ) {
            let mut g = Block::default();
            let gtitle = grading.lang(self.w(), "title");
            if let Some(doc) = grading.node(
                self.w(),
                "supplementaryDocument",
                "Laurel keeps one web page of a grading scheme",
            ) {
                if let Some(url) = self.url_of(doc, &mut g) {
                    g.field("url", url);
                }
            }
            g.texts("description", &grading.lang(self.w(), "description"), &lang);
            for (l, _) in gtitle.0.iter().skip(1) {
                self.walk.unexpressed(
                    &format!("{}.title.{l}", grading.path),
                    "title",
                    "a grading scheme has its title in one language in Laurel",
                );
            }
            let header = gtitle.first().map(quoted);
            grading.finish(self.w(), &mut g);
            block.nested("grading", header.unwrap_or_else(|| quoted("")), g);
        }
        spec.finish(self.w(), block);
        title
    }

    /// A learning activity specification into an `activity` block; its title.
    fn activity_spec(&mut self, mut spec: Node<'d>, block: &mut Block) -> LangText {
        spec.expect_type(self.w(), "LearningActivitySpecification");
        let lang = self.lang();
        let title = spec.lang(self.w(), "title");
        block.texts("description", &spec.lang(self.w(), "description"), &lang);
        for kind in spec.concepts(self.w(), "dcType") {
            if let Some(value) = self.term_or_own(Scheme::LearningActivity, &kind, block) {
                block.field("type", value);
            }
        }
        self.terms(&mut spec, "mode", "mode", Scheme::LearningMode, block);
        self.terms(&mut spec, "language", "language", Scheme::Language, block);
        self.study_time(&mut spec, block);
        for note in spec.nodes(self.w(), "additionalNote") {
            self.note(note, block, &mut Vec::new(), None);
        }
        for mut doc in spec.nodes(self.w(), "supplementaryDocument") {
            let mut d = Block::default();
            let title = doc.lang(self.w(), "title");
            if let Some(url) = self.url_of(doc, &mut d) {
                d.field("url", url);
            }
            titled_block(block, "document", &title, d, &lang, BlockKind::Document);
        }
        spec.finish(self.w(), block);
        title
    }

    /// The micro-credential's specification (`Qualification`) into the credential's
    /// fields; its title.
    fn qualification(
        &mut self,
        mut spec: Node<'d>,
        stacks_into: &mut Vec<usize>,
        awarding_body: Option<String>,
    ) -> (Block, LangText) {
        spec.expect_type(self.w(), "Qualification");
        let lang = self.lang();
        let mut b = Block::default();
        let title = spec.lang(self.w(), "title");
        b.texts("title", &title, &lang);
        b.texts("description", &spec.lang(self.w(), "description"), &lang);
        self.term(
            &mut spec,
            "dcType",
            "type",
            Scheme::LearningOpportunity,
            &mut b,
        );
        self.terms(&mut spec, "language", "language", Scheme::Language, &mut b);
        self.terms(&mut spec, "thematicArea", "field", Scheme::IscedF, &mut b);
        for mut credit in spec.nodes(self.w(), "creditPoint") {
            let framework = credit.concept(self.w(), "framework", "a credit is of one system");
            let point = credit.string(self.w(), "point");
            let unit = match framework.as_ref().map(|c| c.iri) {
                Some(ECTS) => Some("ects"),
                Some(ECVET) => Some("ecvet"),
                _ => None,
            };
            match (point, unit) {
                (Some(p), Some(u)) if p.parse::<f64>().is_ok() => {
                    b.field("workload", format!("{p} {u}"))
                }
                _ => self.walk.unexpressed(
                    &credit.path,
                    "creditPoint",
                    "credit points of a system other than ECTS or ECVET",
                ),
            }
            credit.finish(self.w(), &mut b);
        }
        self.study_time(&mut spec, &mut b);
        self.term(&mut spec, "eqfLevel", "eqf", Scheme::Eqf, &mut b);
        self.terms(&mut spec, "nqfLevel", "nqf", Scheme::Qdr, &mut b);
        self.terms(&mut spec, "mode", "mode", Scheme::LearningMode, &mut b);
        self.term(
            &mut spec,
            "learningSetting",
            "setting",
            Scheme::LearningSetting,
            &mut b,
        );
        let accreditations = spec.nodes(self.w(), "accreditation");
        if !accreditations.is_empty() {
            let blocks: Vec<Block> = accreditations
                .into_iter()
                .map(|a| self.accreditation(a))
                .collect();
            match &awarding_body {
                Some(org) => {
                    self.add_accreditations(org, blocks);
                    b.field("quality-assurance", org.clone());
                }
                None => b.comment("not imported: accreditation (a specification alone does not say whose accreditation it is)"),
            }
        }
        if let Some(mut req) = spec.node(
            self.w(),
            "entryRequirement",
            "Laurel keeps one text of prerequisites",
        ) {
            b.texts("prerequisites", &req.lang(self.w(), "noteLiteral"), &lang);
            req.finish(self.w(), &mut b);
        }
        let partial = spec
            .take(self.w(), "isPartialQualification")
            .and_then(Value::as_bool);
        for note in spec.nodes(self.w(), "additionalNote") {
            self.note(note, &mut b, stacks_into, awarding_body.as_deref());
        }
        let says_stand_alone = b.lines.iter().any(|l| matches!(l, Line::Field { key: "stackable-into", value, .. } if value == words::STAND_ALONE));
        match (partial, stacks_into.is_empty(), says_stand_alone) {
            (Some(true), false, _) | (Some(false), _, true) | (None, true, false) => {}
            (Some(p), ..) => self.walk.unexpressed(
                &format!("{}.isPartialQualification", spec.path),
                "isPartialQualification",
                &format!("`{p}` without the stackability note Laurel writes with it"),
            ),
            (None, ..) => {}
        }
        for outcome in spec.nodes(self.w(), "learningOutcome") {
            self.outcome(outcome, &mut b);
        }
        if let Some(mut summary) = spec.node(
            self.w(),
            "learningOutcomeSummary",
            "Laurel keeps one summary of outcomes",
        ) {
            b.texts(
                "outcomes-summary",
                &summary.lang(self.w(), "noteLiteral"),
                &lang,
            );
            summary.finish(self.w(), &mut b);
        }
        for entitlement in spec.nodes(self.w(), "entitlesTo") {
            self.entitlement(entitlement, &mut b);
        }
        if let Some(d) = spec.string(self.w(), "maximumDuration") {
            match max_duration(d) {
                Some(q) => b.field("maximum-duration", q),
                None => self.walk.unexpressed(
                    &format!("{}.maximumDuration", spec.path),
                    "maximumDuration",
                    "not a whole number of years, months or days",
                ),
            }
        }
        spec.finish(self.w(), &mut b);
        (b, title)
    }

    /// An additional note: by its subject, a field of the credential (or the activity).
    fn note(
        &mut self,
        mut note: Node<'d>,
        b: &mut Block,
        stacks_into: &mut Vec<usize>,
        awarding_body: Option<&str>,
    ) {
        let lang = self.lang();
        let text = note.lang(self.w(), "noteLiteral");
        let subject = note
            .nodes(self.w(), "subject")
            .into_iter()
            .next()
            .and_then(|n| n.id());
        let everywhere = |phrase: Phrase, text: &LangText| {
            !text.is_empty() && text.0.iter().all(|(l, t)| phrase.text(l) == t)
        };
        match subject.and_then(|s| s.strip_prefix("urn:epass:concept:")) {
            Some("furtherInformation") => b.texts("further-information", &text, &lang),
            Some("qualityAssurance") => b.texts("quality-assurance", &text, &lang),
            Some("level") if everywhere(Phrase::LevelNotApplicable, &text) => b.field("eqf", words::NONE),
            Some("level") => match words::QF_EHEA_CYCLES.iter().find(|c| Phrase::cycle(c).is_some_and(|p| everywhere(p, &text))) {
                Some(cycle) => b.field("qf-ehea", *cycle),
                None => self.walk.unexpressed(&note.path, "additionalNote", "a note on the level that is not Laurel's `eqf none` or `qf-ehea`"),
            },
            Some("stackability") if everywhere(Phrase::StandAlone, &text) => b.field("stackable-into", words::STAND_ALONE),
            Some("stackability") => match self.stackability(&text, awarding_body) {
                Some(q) => {
                    stacks_into.push(q);
                    b.field("stackable-into", self.importer.qualifications[q].name.clone());
                }
                None => self.walk.unexpressed(&note.path, "additionalNote", "a stackability note that names no qualification as Laurel writes it (\"Counts towards: TITLE\")"),
            },
            _ => {
                self.walk.unexpressed(&note.path, "additionalNote", "a note whose subject is none of the Annex I elements Laurel writes notes for");
                note.finish(self.w(), &mut Block::default());
                return;
            }
        }
        note.finish(self.w(), b);
    }

    /// The qualification a stackability note names ("Counts towards: TITLE (N ECTS)" in
    /// each language), found or added.
    fn stackability(&mut self, text: &LangText, awarding_body: Option<&str>) -> Option<usize> {
        let mut title = LangText::default();
        let mut ects = None;
        for (l, t) in &text.0 {
            let rest = t
                .strip_prefix(Phrase::CountsTowards.text(l))?
                .strip_prefix(": ")?;
            let (name, points) = match rest
                .strip_suffix(" ECTS)")
                .and_then(|r| r.rsplit_once(" ("))
            {
                Some((name, points)) if points.parse::<f64>().is_ok() => {
                    (name, Some(points.to_string()))
                }
                _ => (rest, None),
            };
            title.0.push((l.clone(), name.to_string()));
            ects = ects.or(points);
        }
        let found = self
            .importer
            .qualifications
            .iter()
            .position(|q| q.title == title && q.ects == ects);
        Some(match found {
            Some(q) => q,
            None => {
                let name = self
                    .importer
                    .name(title.first().unwrap_or_default(), "qualification");
                self.importer.qualifications.push(Qualification {
                    name,
                    title,
                    ects,
                    awarding_body: awarding_body.map(str::to_string),
                });
                self.importer.qualifications.len() - 1
            }
        })
    }

    fn outcome(&mut self, mut node: Node<'d>, b: &mut Block) {
        let lang = self.lang();
        let mut block = Block::default();
        let title = node.lang(self.w(), "title");
        for skill in node.concepts(self.w(), "relatedESCOSkill") {
            if skill
                .notation
                .is_some_and(|n| n != vocab::esco::SKILL_NOTATION)
            {
                self.walk.unexpressed(
                    &format!("{}.notation", skill.path),
                    "notation",
                    &format!(
                        "Laurel writes the notation {:?} on every ESCO skill",
                        vocab::esco::SKILL_NOTATION
                    ),
                );
            }
            match vocab::esco::esco().by_iri(skill.iri) {
                Some(found) => {
                    let label = found.pref_label(&lang).unwrap_or(found.pref_label_en);
                    let by_label = matches!(vocab::esco::esco().lookup_label(label), vocab::esco::EscoLookup::Found(s) if s.iri == found.iri);
                    if by_label {
                        block.field("skill", format!("{} {}", words::ESCO, quoted(label)));
                    } else {
                        block.field("skill", format!("<{}>", found.iri));
                    }
                }
                None if vocab::esco::is_skill_iri(skill.iri) => {
                    let why = format!(
                        "<{}> is not in the bundled ESCO {}: kept as its IRI",
                        skill.iri,
                        vocab::ESCO_VERSION
                    );
                    self.walk.kept_as_iri(&skill.path, "relatedESCOSkill", &why);
                    self.unlisted_labels(&skill, Some(vocab::esco::SKILL_NOTATION), &mut block);
                    block.field("skill", format!("<{}>", skill.iri));
                }
                None => {
                    block.comment(&format!(
                        "not imported: relatedESCOSkill <{}> (not in the bundled ESCO v1.1.1)",
                        skill.iri
                    ));
                    self.walk.unexpressed(
                        &skill.path,
                        "relatedESCOSkill",
                        "the skill is not in the bundled ESCO v1.1.1",
                    );
                }
            }
        }
        for mut related in node.nodes(self.w(), "relatedSkill") {
            let mut r = Block::default();
            let label = related.lang(self.w(), "prefLabel");
            related.keep_id();
            if let Some(iri) = related.id() {
                r.field("iri", quoted(iri));
            }
            if let Some(scheme) = related
                .nodes(self.w(), "inScheme")
                .first()
                .and_then(|s| s.id())
            {
                r.field("framework", quoted(scheme));
            }
            related.finish(self.w(), &mut r);
            titled_block(
                &mut block,
                "related-skill",
                &label,
                r,
                &lang,
                BlockKind::RelatedSkill,
            );
        }
        self.term(&mut node, "dcType", "type", Scheme::SkillType, &mut block);
        self.term(
            &mut node,
            "reusabilityLevel",
            "reuse",
            Scheme::SkillReuseLevel,
            &mut block,
        );
        node.finish(self.w(), &mut block);
        titled_block(b, "outcome", &title, block, &lang, BlockKind::Outcome);
    }

    fn entitlement(&mut self, mut node: Node<'d>, b: &mut Block) {
        let lang = self.lang();
        let mut block = Block::default();
        let title = node.lang(self.w(), "title");
        self.term(&mut node, "dcType", "type", Scheme::Entitlement, &mut block);
        self.term(
            &mut node,
            "entitlementStatus",
            "status",
            Scheme::EntitlementStatus,
            &mut block,
        );
        block.texts("description", &node.lang(self.w(), "description"), &lang);
        self.terms(
            &mut node,
            "limitOccupation",
            "occupation",
            Scheme::EscoOccupation,
            &mut block,
        );
        for org in node.nodes(self.w(), "limitOrganisation") {
            let name = self.organisation(org);
            block.field("granted-by", name);
        }
        for region in node.concepts(self.w(), "limitJurisdiction") {
            region_block(&mut block, "jurisdiction", &region, &lang);
        }
        node.finish(self.w(), &mut block);
        titled_block(
            b,
            "entitlement",
            &title,
            block,
            &lang,
            BlockKind::Entitlement,
        );
    }

    fn accreditation(&mut self, mut node: Node<'d>) -> Block {
        let lang = self.lang();
        let mut b = Block::default();
        self.term(&mut node, "dcType", "type", Scheme::Accreditation, &mut b);
        b.texts("title", &node.lang(self.w(), "title"), &lang);
        if let Some(agent) = node.node(
            self.w(),
            "accreditingAgent",
            "an accreditation has one accrediting organisation",
        ) {
            let name = self.organisation(agent);
            b.field("by", name);
        }
        if let Some(expiry) = node.string(self.w(), "expiryDate") {
            match expiry
                .strip_suffix("T23:59:59Z")
                .filter(|d| crate::syntax::date::read_date(d).is_ok())
            {
                Some(day) => b.field("valid-until", day),
                None => self.walk.unexpressed(
                    &format!("{}.expiryDate", node.path),
                    "expiryDate",
                    "Laurel writes an expiry date at the end of its day (T23:59:59Z)",
                ),
            }
        }
        if let Some(page) = node.node(
            self.w(),
            "homepage",
            "Laurel keeps one web page of an accreditation",
        ) {
            if let Some(url) = self.url_of(page, &mut b) {
                b.field("homepage", url);
            }
        }
        node.finish(self.w(), &mut b);
        b
    }

    fn add_accreditations(&mut self, org: &str, blocks: Vec<Block>) {
        if let Some(o) = self
            .importer
            .organisations
            .iter_mut()
            .find(|o| o.name == org)
        {
            for block in blocks {
                if !o.accreditations.contains(&block) {
                    o.accreditations.push(block);
                }
            }
        }
    }

    /// An organisation: found among those read (same fields) or added; its name.
    fn organisation(&mut self, node: Node<'d>) -> String {
        let fields = self.org_fields(node);
        self.register(fields)
    }

    /// An organisation's fields, read.
    fn org_fields(&mut self, mut node: Node<'d>) -> OrgFields {
        let lang = self.lang();
        let mut b = Block::default();
        let mut notes = Block::default();
        let legal_name = node.lang(self.w(), "legalName");
        b.texts("legal-name", &legal_name, &lang);
        let mut country: Option<String> = None;
        let mut spatials: Vec<(String, String)> = Vec::new();
        for (key, field) in [
            ("registration", "legal-id"),
            ("eIDASIdentifier", "eidas-id"),
            ("vatIdentifier", "vat-id"),
            ("taxIdentifier", "tax-id"),
        ] {
            if let Some(mut id) = node.node(
                self.w(),
                key,
                "Laurel keeps one of each kind of legal identifier",
            ) {
                if let Some(n) = id.string(self.w(), "notation") {
                    b.field(field, quoted(n));
                }
                if let Some(c) = id.concept(self.w(), "spatial", "an identifier is of one country")
                {
                    if let Some(word) = self.word(Scheme::Country, &c, &mut notes) {
                        country = country.or(Some(word.clone()));
                        spatials.push((word, c.path.clone()));
                    }
                }
                id.finish(self.w(), &mut notes);
            }
        }
        for mut id in node.nodes(self.w(), "identifier") {
            let mut i = Block::default();
            let notation = id
                .string(self.w(), "notation")
                .unwrap_or_default()
                .to_string();
            if let Some(scheme) = id.string(self.w(), "schemeName") {
                i.field("scheme", quoted(scheme));
            }
            id.finish(self.w(), &mut i);
            b.nested("identifier", quoted(&notation), i);
        }
        b.texts("acronym", &node.lang(self.w(), "altLabel"), &lang);
        if let Some(mut group) = node.node(
            self.w(),
            "groupMemberOf",
            "Laurel keeps one alliance of an organisation",
        ) {
            let name = group.lang(self.w(), "prefLabel");
            let mut contact_block = Block::default();
            if let Some(mut contact) = group.node(
                self.w(),
                "contactPoint",
                "Laurel keeps one contact point of an alliance",
            ) {
                if let Some(email) = self.email(&mut contact) {
                    contact_block.field("email", quoted(&email));
                }
                if let Some(number) = self.phone(&mut contact, &mut notes) {
                    contact_block.field("phone", quoted(&number));
                }
                contact.finish(self.w(), &mut notes);
            }
            for (i, (l, text)) in name.0.iter().enumerate() {
                let value = quoted_in(text, l, &lang);
                match i {
                    0 if !contact_block.is_empty() => {
                        b.nested("member-of", value, std::mem::take(&mut contact_block))
                    }
                    _ => b.field("member-of", value),
                }
            }
            group.finish(self.w(), &mut notes);
        }
        let mut region = None;
        let mut address = LangText::default();
        let mut place = LangText::default();
        if let Some(mut location) = node.node(
            self.w(),
            "location",
            "Laurel keeps one location of an organisation",
        ) {
            if let Some(mut addr) = location.node(self.w(), "address", "a location has one address")
            {
                if let Some(c) = addr.concept(self.w(), "countryCode", ONE_COUNTRY) {
                    country = self.word(Scheme::Country, &c, &mut notes).or(country);
                }
                if let Some(mut note) =
                    addr.node(self.w(), "fullAddress", "an address has one full text")
                {
                    address = note.lang(self.w(), "noteLiteral");
                    note.finish(self.w(), &mut notes);
                }
                addr.finish(self.w(), &mut notes);
            }
            region = location.concept(
                self.w(),
                "spatialCode",
                "Laurel keeps one region of an organisation",
            );
            place = location.lang(self.w(), "description");
            location.finish(self.w(), &mut notes);
        }
        if let Some(c) = &country {
            b.field("country", c.clone());
            for (word, path) in spatials.iter().filter(|(w, _)| w != c) {
                self.walk.unexpressed(
                    path,
                    "spatial",
                    &format!("Laurel writes an organisation's identifiers in its country, {c}, not {word}"),
                );
            }
        }
        if let Some(region) = &region {
            region_block(&mut b, "region", region, &lang);
        }
        b.texts("address", &address, &lang);
        b.texts("location", &place, &lang);
        if let Some(page) = node.node(
            self.w(),
            "homepage",
            "Laurel keeps one web site of an organisation",
        ) {
            if let Some(url) = self.url_of(page, &mut notes) {
                b.field("homepage", url);
            }
        }
        if let Some(mut contact) = node.node(
            self.w(),
            "contactPoint",
            "Laurel keeps one contact point of an organisation",
        ) {
            if let Some(email) = self.email(&mut contact) {
                b.field("email", quoted(&email));
            }
            if let Some(mut addr) =
                contact.node(self.w(), "address", "Laurel keeps one contact address")
            {
                if let Some((text, _)) = self.address(&mut addr, &mut notes) {
                    b.field("contact-address", quoted(&text));
                }
                addr.finish(self.w(), &mut notes);
            }
            if let Some(number) = self.phone(&mut contact, &mut notes) {
                b.field("phone", quoted(&number));
            }
            contact.finish(self.w(), &mut notes);
        }
        let mut logo = None;
        if let Some(mut media) = node.node(self.w(), "logo", "Laurel keeps one logo") {
            use base64::Engine as _;
            let bytes = media
                .string(self.w(), "content")
                .and_then(|c| base64::engine::general_purpose::STANDARD.decode(c).ok());
            media.regenerated("contentEncoding");
            media.regenerated("contentType");
            match bytes.as_deref().map(crate::check::Image::check_header) {
                Some(Ok(format)) => {
                    let ext = match format {
                        crate::check::ImageFormat::Png => "png",
                        crate::check::ImageFormat::Jpeg => "jpg",
                    };
                    logo = bytes.map(|b| (b, ext));
                }
                _ => {
                    self.walk
                        .unexpressed(&media.path, "logo", "not a PNG or JPEG image in base64")
                }
            }
            media.finish(self.w(), &mut notes);
        }
        let global_id = node
            .id()
            .filter(|id| !id.starts_with("urn:epass:"))
            .map(str::to_string);
        node.finish(self.w(), &mut notes);
        b.lines.extend(notes.lines);
        OrgFields {
            body: b,
            logo,
            global_id,
            legal_name,
        }
    }

    /// True when `fields` are those of the organisation `name` but for an eIDAS
    /// identifier (a sealing tool adds the seal certificate's to the issuer): the
    /// organisation then gets it.
    fn same_but_eidas_id(&mut self, name: &str, fields: &OrgFields) -> bool {
        let Some(i) = self
            .importer
            .organisations
            .iter()
            .position(|o| o.name == name)
        else {
            return false;
        };
        let eidas = |l: &Line| {
            matches!(
                l,
                Line::Field {
                    key: "eidas-id",
                    ..
                }
            )
        };
        let without =
            |b: &Block| -> Vec<Line> { b.lines.iter().filter(|l| !eidas(l)).cloned().collect() };
        let org = &self.importer.organisations[i];
        let logo = |l: &Option<(Vec<u8>, &'static str)>| l.as_ref().map(|(b, _)| b.clone());
        if without(&org.body) != without(&fields.body) || logo(&org.logo) != logo(&fields.logo) {
            return false;
        }
        let theirs: Vec<&Line> = fields.body.lines.iter().filter(|l| eidas(l)).collect();
        let ours: Vec<&Line> = org.body.lines.iter().filter(|l| eidas(l)).collect();
        match (ours.is_empty(), theirs.first()) {
            (true, Some(line)) => {
                let line = (*line).clone();
                let org = &mut self.importer.organisations[i];
                org.body.lines.push(line);
                sort_by_schema(&mut org.body, BlockKind::Organisation);
                let key = (org.body.clone(), logo(&org.logo));
                self.importer.org_by_content.insert(key, i);
                true
            }
            (_, None) => true,
            (false, Some(line)) => ours[0] == *line,
        }
    }

    /// The name of the organisation with these fields, registered when new.
    fn register(&mut self, fields: OrgFields) -> String {
        let OrgFields {
            body,
            logo,
            global_id,
            legal_name,
        } = fields;
        let legal_name = &legal_name;

        let key = (body.clone(), logo.as_ref().map(|(b, _)| b.clone()));
        if let Some(&i) = self.importer.org_by_content.get(&key) {
            return self.importer.organisations[i].name.clone();
        }
        if let Some(id) = &global_id {
            if let Some(&i) = self.importer.org_by_id.get(id) {
                let first = &self.importer.organisations[i];
                self.importer.conflicts.push(format!(
                    "`{}` and `{}` disagree about the organisation <{id}>: its fields differ (first read as `{}`)",
                    first.file, self.file, first.name
                ));
                return first.name.clone();
            }
        }
        let name = self
            .importer
            .name(legal_name.first().unwrap_or_default(), "organisation");
        let i = self.importer.organisations.len();
        self.importer.organisations.push(Organisation {
            name: name.clone(),
            body,
            logo,
            accreditations: Vec::new(),
            file: self.file.to_string(),
        });
        self.importer.org_by_content.insert(key, i);
        if let Some(id) = global_id {
            self.importer.org_by_id.insert(id, i);
        }
        name
    }

    /// The concept of `key` as a `field` line of a word of `scheme`, for a field written
    /// once (the first concept given).
    fn term(
        &mut self,
        node: &mut Node<'d>,
        key: &str,
        field: &'static str,
        scheme: Scheme,
        b: &mut Block,
    ) {
        let why = format!("Laurel writes one `{field}` here");
        if let Some(c) = node.concept(self.w(), key, &why) {
            if let Some(word) = self.word(scheme, &c, b) {
                b.field(field, word);
            }
        }
    }

    /// A web resource's address, quoted; what else it says is reported in `notes`.
    fn url_of(&mut self, mut page: Node<'d>, notes: &mut Block) -> Option<String> {
        let url = page.string(self.w(), "contentURL").map(quoted);
        page.finish(self.w(), notes);
        url
    }

    /// `volumeOfLearning` as a `workload` line in hours or days.
    fn study_time(&mut self, node: &mut Node<'d>, b: &mut Block) {
        let Some(duration) = node.string(self.w(), "volumeOfLearning") else {
            return;
        };
        match study_time(duration) {
            Some(time) => b.field("workload", time),
            None => self.walk.unexpressed(
                &format!("{}.volumeOfLearning", node.path),
                "volumeOfLearning",
                "not a duration in hours or days",
            ),
        }
    }

    /// Every concept of `key` as a `field` line of words of `scheme`.
    fn terms(
        &mut self,
        node: &mut Node<'d>,
        key: &str,
        field: &'static str,
        scheme: Scheme,
        b: &mut Block,
    ) {
        for c in node.concepts(self.w(), key) {
            if let Some(word) = self.word(scheme, &c, b) {
                b.field(field, word);
            }
        }
    }

    /// The word of a concept of `scheme`. One in no bundled list is written by its IRI
    /// (`<IRI>`) with a warning when it may be a concept the bundled copy lacks, its labels
    /// reported; else it is kept as a comment in `b` and reported.
    fn word(&mut self, scheme: Scheme, c: &Concept<'d>, b: &mut Block) -> Option<String> {
        let list = vocab::scheme(scheme);
        if let Some(concept) = list.by_iri(c.iri) {
            return Some(list.word(concept));
        }
        let property = property_of(&c.path);
        let why = format!("<{}> is in no bundled list of {}", c.iri, scheme.name());
        if !keeps_iri(scheme, c) {
            b.comment(&format!("not imported: {why}"));
            self.walk.unexpressed(&c.path, property, &why);
            return None;
        }
        self.walk
            .kept_as_iri(&c.path, property, &format!("{why}: kept as its IRI"));
        self.unlisted_labels(c, scheme.notation_label(), b);
        Some(format!("<{}>", c.iri))
    }

    /// Reports the labels (and a notation other than `notation`) of a concept written by its
    /// IRI alone, with a comment in `b`.
    fn unlisted_labels(&mut self, c: &Concept<'d>, notation: Option<&str>, b: &mut Block) {
        const WHY: &str = "Laurel writes no labels for a concept of no bundled list";
        if let Some(first) = c.label.first() {
            b.comment(&format!(
                "not imported: prefLabel {} ({WHY})",
                quoted(first)
            ));
            self.walk
                .unexpressed(&format!("{}.prefLabel", c.path), "prefLabel", WHY);
        }
        if c.notation.is_some() && c.notation != notation {
            self.walk
                .unexpressed(&format!("{}.notation", c.path), "notation", WHY);
        }
    }

    /// A list word, or the issuer's own term (its labels in quotes) for a concept of no
    /// bundled list that has no IRI of its own (`urn:epass:...`, which Laurel numbers).
    fn term_or_own(&mut self, scheme: Scheme, c: &Concept<'d>, b: &mut Block) -> Option<String> {
        let lang = self.lang();
        let local = c.iri.starts_with(LOCAL_ID);
        if vocab::scheme(scheme).by_iri(c.iri).is_some()
            || c.label.is_empty()
            || !local && keeps_iri(scheme, c)
        {
            return self.word(scheme, c, b);
        }
        if !local {
            let why = format!(
                "<{}> is in no bundled list of {}: written as the issuer's own term, which Laurel numbers",
                c.iri,
                scheme.name()
            );
            b.comment(&format!("not imported: id ({why})"));
            self.walk.unexpressed(&format!("{}.id", c.path), "id", &why);
        }
        Some(
            c.label
                .0
                .iter()
                .map(|(l, t)| quoted_in(t, l, &lang))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// The start of the node ids Laurel (and the EU's tools) give nodes of a credential.
const LOCAL_ID: &str = "urn:epass:";

/// The ELM property of a JSON path: its last key, without an index.
fn property_of(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or_default();
    last.split('[').next().unwrap_or(last)
}

/// True when a concept of no bundled list of `scheme` is written by its IRI: it has one of
/// its own (not a node id), names no other scheme, and may be a concept the bundled copy
/// lacks (as the checker takes it, L0035).
fn keeps_iri(scheme: Scheme, c: &Concept<'_>) -> bool {
    !c.iri.starts_with(LOCAL_ID)
        && c.scheme.is_none_or(|s| s == scheme.iri())
        && vocab::may_be_unlisted(scheme, c.iri).is_ok()
}

/// A learner's fields as written in a `learner` block and as cells of learner data.
#[derive(Debug)]
struct LearnerFields {
    fields: Vec<(&'static str, String)>,
    /// `None` once a value needs more than a cell holds.
    cells: Option<Vec<(&'static str, String)>>,
}

impl Default for LearnerFields {
    fn default() -> Self {
        LearnerFields {
            fields: Vec::new(),
            cells: Some(Vec::new()),
        }
    }
}

impl LearnerFields {
    fn cell(&mut self, column: &'static str, text: &str) {
        let column_taken = self
            .cells
            .as_ref()
            .is_some_and(|c| c.iter().any(|(k, _)| *k == column));
        match (&mut self.cells, column_taken) {
            (Some(cells), false) => cells.push((column, text.to_string())),
            _ => self.cells = None,
        }
    }

    /// A quoted text without language.
    fn plain(&mut self, key: &'static str, text: &str) {
        self.fields.push((key, quoted(text)));
        self.cell(key, text);
    }

    /// A word or date, unquoted.
    fn word(&mut self, key: &'static str, word: &str) {
        self.fields.push((key, word.to_string()));
        self.cell(key, word);
    }

    /// A name in each of its languages (a cell holds one in the project's language).
    fn names(&mut self, key: &'static str, text: &LangText, lang: &str) {
        for (l, t) in &text.0 {
            self.fields.push((key, quoted_in(t, l, lang)));
        }
        match text.0.as_slice() {
            [] => {}
            [(l, t)] if l == lang => self.cell(key, t),
            _ => self.cells = None,
        }
    }

    /// `"text" country WORD`, its country in the column `country_column`.
    fn in_country(
        &mut self,
        key: &'static str,
        text: &str,
        country_column: &'static str,
        country: Option<&str>,
    ) {
        let mut value = quoted(text);
        if let Some(c) = country {
            value.push_str(&format!(" {} {c}", words::COUNTRY));
        }
        self.fields.push((key, value));
        self.cell(key, text);
        if let Some(c) = country {
            self.cell(country_column, c);
        }
    }
}

/// Why a second country of an address is not imported.
const ONE_COUNTRY: &str = "an address is in one country";

/// Why an address's text in a second language is not imported.
const ONE_ADDRESS_TEXT: &str = "Laurel writes an address in one language";

/// `validUntil`: `valid-until` at the end of a day, or `valid-for` when it is a whole
/// number of years or months after the issue date; false when it is neither.
fn claim_validity(claim: &mut Block, issued: Option<&str>, until: &str) -> bool {
    let Some(day) = until
        .strip_suffix("T23:59:59Z")
        .and_then(|d| crate::syntax::date::read_date(d).ok())
    else {
        return false;
    };
    let from = issued
        .and_then(|i| i.get(..10))
        .and_then(|d| crate::syntax::date::read_date(d).ok());
    if let Some(from) = from {
        if let Some(n) = (1..=100u16).find(|n| from.plus_years(*n) == day) {
            claim.field("valid-for", count_of(u32::from(n), "years"));
            return true;
        }
        if let Some(n) = (1..=1200u32).find(|n| crate::elm::add_months(from, *n) == day) {
            claim.field("valid-for", count_of(n, "months"));
            return true;
        }
    }
    claim.field("valid-until", day.iso());
    true
}

/// The assessments' grades as the award's `grade` (the most common one) and `result`s.
fn award_grades(award: &mut Award, grades: Vec<(String, LangText)>, lang: &str) {
    let passed = Phrase::Passed.in_languages([lang]);
    let mut counts: Vec<(&LangText, usize)> = Vec::new();
    for (_, g) in &grades {
        match counts.iter_mut().find(|(x, _)| *x == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    let common = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(g, _)| (*g).clone());
    let Some(common) = common else { return };
    for (title, g) in &grades {
        if *g != common {
            award.results.push((title.clone(), g.clone()));
        }
    }
    if common != passed {
        award.grade = common;
    }
}

/// `"title" { ... }`: the title's first text after the field name, its other languages
/// as `title` lines first in the block; the block's lines in the schema's order.
fn titled_block(
    b: &mut Block,
    key: &'static str,
    title: &LangText,
    mut block: Block,
    lang: &str,
    kind: BlockKind,
) {
    let mut texts = title.0.iter();
    let header = texts
        .next()
        .map(|(l, t)| quoted_in(t, l, lang))
        .unwrap_or_else(|| quoted(""));
    let mut titles = Block::default();
    for (l, t) in texts {
        titles.field("title", quoted_in(t, l, lang));
    }
    titles.lines.append(&mut block.lines);
    sort_by_schema(&mut titles, kind);
    b.nested(key, header, titles);
}

/// `region "name" { iri "..." }` (or `jurisdiction`).
fn region_block(b: &mut Block, key: &'static str, region: &Concept<'_>, lang: &str) {
    let mut r = Block::default();
    r.field("iri", quoted(region.iri));
    titled_block(b, key, &region.label, r, lang, BlockKind::Region);
}

/// Puts a block's field lines in the order of its schema table (a field's lines keep
/// their order; comments go last).
pub fn sort_by_schema(block: &mut Block, kind: BlockKind) {
    let order = |line: &Line| match line {
        Line::Field { key, .. } => kind
            .fields()
            .iter()
            .position(|f| f.key == *key)
            .unwrap_or(usize::MAX - 1),
        Line::Comment(_) => usize::MAX,
    };
    block.lines.sort_by_key(order);
}

/// An `xsd:dateTime` as Laurel writes it: the day alone for midnight UTC.
fn moment(xsd: &str) -> String {
    match xsd.strip_suffix("T00:00:00Z") {
        Some(day) if crate::syntax::date::read_date(day).is_ok() => day.to_string(),
        _ => xsd.to_string(),
    }
}

/// An XSD duration of study time as a workload: `PT60H` → `60 hours`, `P3D` → `3 days`,
/// `P2DT12H` → `2.5 days`.
fn study_time(duration: &str) -> Option<String> {
    let rest = duration.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let days: f64 = match days {
        "" => 0.0,
        d => d.strip_suffix('D')?.parse().ok()?,
    };
    let mut minutes = 0.0;
    let mut number = String::new();
    for c in time.chars() {
        match c {
            'H' => minutes += number.parse::<f64>().ok()? * 60.0,
            'M' => minutes += number.parse::<f64>().ok()?,
            '0'..='9' | '.' => {
                number.push(c);
                continue;
            }
            _ => return None,
        }
        number.clear();
    }
    if !number.is_empty() {
        return None;
    }
    let points = crate::elm::points;
    Some(if days > 0.0 {
        format!("{} days", points(days + minutes / 1440.0))
    } else {
        format!("{} hours", points(minutes / 60.0))
    })
}

/// `P6M` → `6 months`, `P1Y` → `1 year`, `P10D` → `10 days`.
fn max_duration(duration: &str) -> Option<String> {
    let rest = duration.strip_prefix('P')?;
    let unit = match rest.chars().last()? {
        'Y' => "years",
        'M' => "months",
        'D' => "days",
        _ => return None,
    };
    let n: u32 = rest[..rest.len() - 1].parse().ok()?;
    Some(count_of(n, unit))
}

/// `n` of a unit given in the plural: `1 year`, `5 years`.
fn count_of(n: u32, units: &str) -> String {
    match n {
        1 => format!("1 {}", units.trim_end_matches('s')),
        n => format!("{n} {units}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_workloads() {
        assert_eq!(study_time("PT60H").as_deref(), Some("60 hours"));
        assert_eq!(study_time("PT1H30M").as_deref(), Some("1.5 hours"));
        assert_eq!(study_time("P3D").as_deref(), Some("3 days"));
        assert_eq!(study_time("P2DT12H").as_deref(), Some("2.5 days"));
        assert_eq!(study_time("P1Y"), None);
        assert_eq!(max_duration("P6M").as_deref(), Some("6 months"));
        assert_eq!(max_duration("P1Y").as_deref(), Some("1 year"));
        assert_eq!(max_duration("P6X"), None);
        assert_eq!(moment("2025-07-25T00:00:00Z"), "2025-07-25");
        assert_eq!(moment("2025-09-30T10:00:00Z"), "2025-09-30T10:00:00Z");
    }
}
