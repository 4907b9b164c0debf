//! The checked model: every name resolved, every vocabulary word a concept, every
//! template merged. This is what the ELM lowering reads.

use std::borrow::Cow;

use crate::source::Span;
use crate::syntax::ast::Date;
use crate::vocab::{Concept, Scheme, Skill};

/// A text in one or more languages: `(language tag, text)` pairs, one per language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LangText(pub Vec<(String, String)>);

impl LangText {
    /// True when there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text in a language.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The first text given (the source order puts the main language first).
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(|(_, t)| t.as_str())
    }

    /// A text in one language.
    pub fn single(lang: &str, text: &str) -> LangText {
        LangText(vec![(lang.to_string(), text.to_string())])
    }
}

/// Notional study time, in the unit it was written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StudyTime {
    /// `workload 60 hours`
    Hours(f64),
    /// `workload 3 days`
    Days(f64),
    /// `workload 2 weeks`
    Weeks(f64),
}

impl StudyTime {
    /// The time from a workload's number and unit (`hours`, `days`, `weeks`).
    pub fn of(amount: f64, unit: &str) -> Option<StudyTime> {
        match unit {
            "hours" => Some(StudyTime::Hours(amount)),
            "days" => Some(StudyTime::Days(amount)),
            "weeks" => Some(StudyTime::Weeks(amount)),
            _ => None,
        }
    }

    /// The unit it was given in: `hours`, `days` or `weeks`.
    pub fn unit(self) -> &'static str {
        match self {
            StudyTime::Hours(_) => "hours",
            StudyTime::Days(_) => "days",
            StudyTime::Weeks(_) => "weeks",
        }
    }

    /// The hours, when the time was given in hours.
    pub fn hours(self) -> Option<f64> {
        match self {
            StudyTime::Hours(h) => Some(h),
            _ => None,
        }
    }

    /// As an ISO 8601 / XSD duration: `PT60H`, `PT1H30M`, `P3D`, `P2DT12H`; weeks are
    /// written in days (`P14D`), since an XSD duration has no weeks.
    pub fn duration(self) -> String {
        let (days, hours) = match self {
            StudyTime::Hours(h) => (0.0, h),
            StudyTime::Days(d) => (d.trunc(), d.fract() * 24.0),
            StudyTime::Weeks(w) => ((w * 7.0).trunc(), (w * 7.0).fract() * 24.0),
        };
        let minutes = (hours * 60.0).round() as u64;
        let mut out = String::from("P");
        if days > 0.0 {
            out.push_str(&format!("{}D", days as u64));
        }
        if minutes > 0 || days == 0.0 {
            out.push('T');
            out.push_str(&match (minutes / 60, minutes % 60) {
                (h, 0) => format!("{h}H"),
                (0, m) => format!("{m}M"),
                (h, m) => format!("{h}H{m}M"),
            });
        }
        out
    }
}

/// A value of a controlled vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Its scheme.
    pub scheme: Scheme,
    /// The concept: borrowed from the bundled list, or owned and without labels for an IRI
    /// the bundled copy does not list (see [`Term::unlisted`]).
    pub concept: Cow<'static, Concept>,
}

impl Term {
    /// A concept of the bundled list of `scheme`.
    pub fn listed(scheme: Scheme, concept: &'static Concept) -> Term {
        Term {
            scheme,
            concept: Cow::Borrowed(concept),
        }
    }

    /// A concept of `scheme` known only by its IRI: one the bundled copy of the list does
    /// not have (a newer version's, or a national extension's). It has no labels.
    pub fn unlisted(scheme: Scheme, iri: &str) -> Term {
        Term {
            scheme,
            concept: Cow::Owned(Concept {
                iri: iri.to_string(),
                notation: None,
                label_en: String::new(),
                labels: Vec::new(),
                definition: None,
            }),
        }
    }

    /// False for a concept known only by its IRI.
    pub fn is_listed(&self) -> bool {
        matches!(self.concept, Cow::Borrowed(_))
    }
}

/// A term, or a free one in words where the vocabulary is optional.
#[derive(Debug, Clone, PartialEq)]
pub enum TermOrText {
    /// From the vocabulary.
    Term(Term),
    /// The issuer's own term, in each language given (`type "Peer review" "Begutachtung"@de`).
    Text(LangText),
}

/// Index of an organisation in [`Model::organisations`].
pub type OrgId = usize;
/// Index of a micro-credential in [`Model::credentials`].
pub type CredentialId = usize;
/// Index of a qualification in [`Model::qualifications`].
pub type QualificationId = usize;

/// The whole checked project.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Project settings.
    pub project: ProjectInfo,
    /// Example values fitted to the project, for help texts and quick fixes.
    pub examples: super::examples::Examples,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Micro-credentials, templates merged.
    pub credentials: Vec<Credential>,
    /// Qualifications.
    pub qualifications: Vec<Qualification>,
    /// Awards.
    pub awards: Vec<Award>,
}

/// Project settings from `Laurel.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInfo {
    /// `[project] name`.
    pub name: String,
    /// Language of untagged strings (ISO 639-1).
    pub default_language: String,
    /// Output folder, relative to the project.
    pub output: String,
    /// Who the credentials are written for (`target`).
    pub target: crate::elm::Target,
    /// The ESCO skills are looked up in (`esco`, `esco-languages`).
    pub esco: crate::vocab::ProjectEsco,
    /// The controlled lists values are checked against (`vocabularies`).
    pub lists: crate::vocab::ProjectLists,
}

impl Default for ProjectInfo {
    fn default() -> Self {
        ProjectInfo {
            name: "laurel".into(),
            default_language: "en".into(),
            output: "out".into(),
            target: crate::elm::Target::Edc,
            esco: crate::vocab::ProjectEsco::default(),
            lists: crate::vocab::ProjectLists::default(),
        }
    }
}

/// A learning entitlement (`entitlement "..." { ... }`).
#[derive(Debug, Clone, PartialEq)]
pub struct Entitlement {
    /// Title, in each language given.
    pub title: LangText,
    /// Kind of entitlement.
    pub kind: Term,
    /// Actual or prospective.
    pub status: Term,
    /// What it gives.
    pub description: LangText,
    /// ESCO occupations it gives access to.
    pub occupations: Vec<Term>,
    /// Organisations that grant it.
    pub granted_by: Vec<OrgId>,
    /// Where it is valid.
    pub jurisdictions: Vec<Region>,
}

/// A country or region of the EU's table of administrative territorial units (ATU).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Its name, in each language given.
    pub label: LangText,
    /// Its IRI (`http://publications.europa.eu/resource/authority/atu/...`).
    pub iri: String,
}

impl Region {
    /// The EU's table of administrative territorial units.
    pub const SCHEME: &'static str = "http://publications.europa.eu/resource/authority/atu";
}

/// An identifier with the name of its scheme (`identifier "..." { scheme "..." }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemedIdentifier {
    /// The identifier.
    pub notation: String,
    /// The scheme's name.
    pub scheme: String,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Its name in the project.
    pub name: String,
    /// Official name.
    pub legal_name: LangText,
    /// Registration / VAT / PIC number.
    pub legal_id: Option<String>,
    /// eIDAS organisation identifier of the seal.
    pub eidas_id: Option<String>,
    /// VAT number.
    pub vat_id: Option<String>,
    /// Tax identification number.
    pub tax_id: Option<String>,
    /// Other names (acronyms).
    pub acronym: LangText,
    /// The name of an alliance it belongs to.
    pub member_of: LangText,
    /// The alliance's contact e-mail.
    pub alliance_email: Option<String>,
    /// The alliance's contact phone number.
    pub alliance_phone: Option<String>,
    /// Country.
    pub country: Option<Term>,
    /// Postal address, in one or more languages.
    pub address: LangText,
    /// What the place of the address is called (the location's description).
    pub location: LangText,
    /// Web site.
    pub homepage: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Contact phone number.
    pub phone: Option<String>,
    /// Postal address for contact.
    pub contact_address: Option<String>,
    /// Region.
    pub region: Option<Region>,
    /// Other identifiers, each with its scheme.
    pub identifiers: Vec<SchemedIdentifier>,
    /// `logo "file"`.
    pub logo: Option<LogoFile>,
    /// Accreditation records.
    pub accreditations: Vec<Accreditation>,
    /// Where it is defined.
    pub span: Span,
}

/// An organisation's logo: the file named in the source and, once the project has read
/// it, the image.
#[derive(Debug, Clone, PartialEq)]
pub struct LogoFile {
    /// The path as written, relative to the project folder.
    pub path: String,
    /// Where the path is written.
    pub span: Span,
    /// The image, when the file could be read and is a PNG or JPEG.
    pub image: Option<Image>,
}

/// An image file's bytes and format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The file's bytes.
    pub bytes: std::sync::Arc<[u8]>,
    /// PNG or JPEG.
    pub format: ImageFormat,
}

/// The image formats credentials carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG.
    Jpeg,
}

/// The most pixels a logo may have: decoding it then takes at most about 64 MB.
pub const MAX_LOGO_PIXELS: u64 = 16_000_000;

/// Why bytes are not a usable logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// Neither PNG nor JPEG.
    NotPngOrJpeg,
    /// PNG or JPEG, but its header does not say its size.
    NoSize,
    /// Too many pixels to decode safely.
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
}

impl std::fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageProblem::NotPngOrJpeg => write!(f, "is not a PNG or JPEG image"),
            ImageProblem::NoSize => write!(f, "is damaged: its header does not give its size"),
            ImageProblem::TooLarge { width, height } => write!(
                f,
                "is {width} × {height} pixels, more than the 16 million a logo may have: scale it down (on a credential page a logo needs about 600 pixels across)"
            ),
        }
    }
}

impl Image {
    /// The image in `bytes`, told by its first bytes: PNG or JPEG whose header gives a
    /// size of at most [`MAX_LOGO_PIXELS`]. Only the header is read here.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Image, ImageProblem> {
        let format = Image::check_header(&bytes)?;
        Ok(Image {
            bytes: bytes.into(),
            format,
        })
    }

    /// The format of the PNG or JPEG image in `bytes`, if its header gives a size of at
    /// most [`MAX_LOGO_PIXELS`] (the check of [`Image::from_bytes`], on borrowed bytes).
    pub fn check_header(bytes: &[u8]) -> Result<ImageFormat, ImageProblem> {
        let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ImageFormat::Png
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ImageFormat::Jpeg
        } else {
            return Err(ImageProblem::NotPngOrJpeg);
        };
        let (width, height) = match format {
            ImageFormat::Png => png_size(bytes),
            ImageFormat::Jpeg => jpeg_size(bytes),
        }
        .ok_or(ImageProblem::NoSize)?;
        if u64::from(width) * u64::from(height) > MAX_LOGO_PIXELS {
            return Err(ImageProblem::TooLarge { width, height });
        }
        Ok(format)
    }
}

/// Width and height from a PNG's first chunk (`IHDR`).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    (bytes.get(12..16)? == b"IHDR").then_some(())?;
    Some((be(16)?, be(20)?))
}

/// Width and height from a JPEG's start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            0xFF => at += 1, // fill byte
            0x01 | 0xD0..=0xD8 => at += 2,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((u32::from(be(at + 7)?), u32::from(be(at + 5)?)));
            }
            0xDA | 0xD9 => return None, // the image data starts (or ends) before a size
            _ => at += 2 + usize::from(be(at + 2)?),
        }
    }
}

/// An accreditation or quality assurance record.
#[derive(Debug, Clone, PartialEq)]
pub struct Accreditation {
    /// Kind.
    pub kind: Option<Term>,
    /// Title.
    pub title: LangText,
    /// Accrediting organisation.
    pub by: Option<OrgId>,
    /// Expiry.
    pub valid_until: Option<Date>,
    /// Web page.
    pub homepage: Option<String>,
}

/// The EQF level statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Level {
    /// Not stated.
    Unstated,
    /// `eqf none`: not applicable.
    NotApplicable,
    /// A level.
    Eqf(Term),
}

/// How quality assurance is stated.
#[derive(Debug, Clone, PartialEq)]
pub enum QualityAssurance {
    /// The accreditation records of an organisation.
    Organisation(OrgId),
    /// A statement, one text per language (all the text lines of `quality-assurance`).
    Text(LangText),
}

/// A micro-credential.
#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    /// Its name in the project.
    pub name: String,
    /// A micro-credential (held to Annex I), not another credential (`credential`).
    pub micro: bool,
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// The line under the title where the credential is shown.
    pub subtitle: LangText,
    /// The heading the credential is shown under, when it is not its title.
    pub display_title: LangText,
    /// Awarding bodies.
    pub awarding_bodies: Vec<OrgId>,
    /// Learning opportunity type.
    pub opportunity_type: Option<Term>,
    /// Languages of instruction.
    pub languages: Vec<Term>,
    /// ISCED-F fields.
    pub fields: Vec<Term>,
    /// Workload in ECTS.
    pub ects: Option<f64>,
    /// Workload in ECVET points.
    pub ecvet: Option<f64>,
    /// Workload as time (hours, days or weeks).
    pub time: Option<StudyTime>,
    /// EQF level.
    pub eqf: Level,
    /// NQF levels.
    pub nqf: Vec<Term>,
    /// Forms of participation.
    pub modes: Vec<Term>,
    /// Learning setting.
    pub setting: Option<Term>,
    /// Quality assurance.
    pub quality_assurance: Vec<QualityAssurance>,
    /// Prerequisites.
    pub prerequisites: LangText,
    /// Qualifications it stacks into.
    pub stackable_into: Vec<QualificationId>,
    /// Said to be stand-alone.
    pub stand_alone: bool,
    /// Further information.
    pub further_information: Vec<LangText>,
    /// Structured learning outcomes.
    pub outcomes: Vec<Outcome>,
    /// Learning outcomes as text.
    pub outcomes_summary: LangText,
    /// Learning activities.
    pub activities: Vec<Activity>,
    /// Assessments.
    pub assessments: Vec<Assessment>,
    /// Mandated issuer.
    pub issuer: Option<OrgId>,
    /// Mandate text.
    pub mandate: LangText,
    /// Validity after issue: (number, "years" | "months").
    pub valid_for: Option<(u32, String)>,
    /// What the credential entitles its holder to.
    pub entitlements: Vec<Entitlement>,
    /// The longest time to complete it, as an XSD duration (`P6M`).
    pub maximum_duration: Option<String>,
    /// The QF-EHEA cycle (one of `words::QF_EHEA_CYCLES`).
    pub qf_ehea: Option<&'static str>,
    /// Fixed expiry date.
    pub valid_until: Option<Date>,
    /// Doc comment.
    pub doc: Option<String>,
    /// The fields written in the source (also those whose value was wrong), so that a
    /// wrong value is not reported a second time as a missing element.
    pub written: Vec<&'static str>,
    /// An unknown field stands for an ECTS workload (`ects 2`): the advice to give the
    /// workload in ECTS is not given as well.
    pub respelt_ects: bool,
    /// Where it is defined (the name).
    pub span: Span,
}

impl Credential {
    /// True when the field was written in the source (or its template).
    pub fn wrote(&self, key: &str) -> bool {
        self.written.contains(&key)
    }
}

/// An ESCO skill of an outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum EscoSkill {
    /// A skill of the bundled ESCO.
    Listed(&'static Skill),
    /// A skill known only by its IRI: one the bundled ESCO version does not have. It has
    /// no labels.
    Unlisted(String),
}

impl EscoSkill {
    /// The skill's IRI.
    pub fn iri(&self) -> &str {
        match self {
            EscoSkill::Listed(skill) => skill.iri,
            EscoSkill::Unlisted(iri) => iri,
        }
    }

    /// The preferred labels by language; none for an unlisted skill.
    pub fn pref_labels(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        let listed = match self {
            EscoSkill::Listed(skill) => Some(skill),
            EscoSkill::Unlisted(_) => None,
        };
        listed.into_iter().flat_map(|skill| skill.pref_labels())
    }

    /// The preferred label in `lang`, else in English; the IRI for an unlisted skill.
    pub fn label(&self, lang: &str) -> &str {
        match self {
            EscoSkill::Listed(skill) => skill.pref_label(lang).unwrap_or(skill.pref_label_en),
            EscoSkill::Unlisted(iri) => iri,
        }
    }
}

/// A learning outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Top-level name, if it is a shared outcome.
    pub name: Option<String>,
    /// The outcome statement.
    pub title: LangText,
    /// Related ESCO skills.
    pub skills: Vec<EscoSkill>,
    /// Skills of other frameworks.
    pub related: Vec<RelatedSkill>,
    /// Skill or knowledge.
    pub skill_type: Option<Term>,
    /// Reuse level.
    pub reuse: Option<Term>,
}

/// A skill of a framework other than ESCO (DigComp, an issuer's own), by IRI.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSkill {
    /// Its label, per language.
    pub label: LangText,
    /// Its IRI.
    pub iri: String,
    /// The IRI of its framework (concept scheme).
    pub framework: Option<String>,
}

/// A learning activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Title.
    pub title: LangText,
    /// Kinds (an activity may be of several).
    pub kinds: Vec<TermOrText>,
    /// Description.
    pub description: LangText,
    /// Languages it is held in.
    pub languages: Vec<Term>,
    /// The organisation that runs it.
    pub directed_by: Option<OrgId>,
    /// Modes.
    pub modes: Vec<Term>,
    /// Workload as time (hours, days or weeks).
    pub time: Option<StudyTime>,
    /// Further information, one text per statement.
    pub further_information: Vec<LangText>,
    /// Documents on the web about it.
    pub documents: Vec<Document>,
}

/// A document on the web (`document "..." { url "..." }`).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, in each language given.
    pub title: LangText,
    /// Where it is.
    pub url: String,
}

/// An assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Title.
    pub title: LangText,
    /// Type of assessment.
    pub kind: Option<TermOrText>,
    /// Description.
    pub description: LangText,
    /// Languages it is held in.
    pub languages: Vec<Term>,
    /// The organisation that assesses.
    pub assessed_by: Option<OrgId>,
    /// Where `type`'s value is, when it was written (even with a wrong value).
    pub kind_span: Option<Span>,
    /// Modes.
    pub modes: Vec<Term>,
    /// Supervision and identity verification.
    pub supervision: Option<Term>,
    /// Grading scheme.
    pub grading: Option<Grading>,
}

/// A grading scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Grading {
    /// Name.
    pub title: LangText,
    /// Explanation.
    pub description: LangText,
    /// Web page / conversion table.
    pub url: Option<String>,
}

/// A qualification that micro-credentials stack into.
#[derive(Debug, Clone, PartialEq)]
pub struct Qualification {
    /// Its name in the project.
    pub name: String,
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// Awarding bodies.
    pub awarding_bodies: Vec<OrgId>,
    /// EQF level.
    pub eqf: Level,
    /// NQF levels.
    pub nqf: Vec<Term>,
    /// ECTS.
    pub ects: Option<f64>,
    /// Workload as time (hours, days or weeks).
    pub time: Option<StudyTime>,
    /// Fields.
    pub fields: Vec<Term>,
    /// Languages.
    pub languages: Vec<Term>,
    /// Parts.
    pub includes: Vec<Part>,
    /// Where it is defined (the name).
    pub span: Span,
}

/// A part of a qualification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A micro-credential.
    Credential(CredentialId),
    /// Another qualification.
    Qualification(QualificationId),
}

/// One learner's award of a micro-credential.
#[derive(Debug, Clone, PartialEq)]
pub struct Award {
    /// The credential awarded.
    pub credential: CredentialId,
    /// The learner.
    pub learner: Learner,
    /// Date of issuing: `YYYY-MM-DD` or a full date-time.
    pub date: Option<Moment>,
    /// When the credential takes effect, where it is not `date`.
    pub valid_from: Option<Moment>,
    /// Grade.
    pub grade: LangText,
    /// Participation period.
    pub period: Option<(Moment, Moment)>,
    /// `key "..."`: the learner's key, when it is not the default one.
    pub key: Option<String>,
    /// The certificate's number.
    pub number: Option<String>,
    /// The credential's own identifier (`credential-id`), when it keeps one it was given
    /// before.
    pub credential_id: Option<String>,
    /// Grades of single assessments (index into the credential's `assessments`), where
    /// they are not `grade`.
    pub results: Vec<(usize, LangText)>,
    /// Where it is defined.
    pub span: Span,
}

impl Award {
    /// The learner's key: names the credential's file and makes its id. `key` when
    /// given, else the learner's own ([`Learner::key`]).
    pub fn key(&self) -> String {
        match &self.key {
            Some(key) => file_key(key),
            None => self.learner.key(),
        }
    }
}

/// A day, or a moment with time and zone, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Moment {
    /// A day.
    Date(Date),
    /// A moment, as written (`2025-03-14T09:00:00Z`).
    DateTime(String),
}

impl Moment {
    /// The day.
    pub fn day(&self) -> Option<Date> {
        match self {
            Moment::Date(d) => Some(*d),
            Moment::DateTime(s) => crate::syntax::date::read_date_time(s).ok().map(|t| t.date),
        }
    }

    /// As written: `2025-03-14` or `2025-03-14T09:00:00Z` (for messages).
    pub fn human(&self) -> String {
        match self {
            Moment::Date(d) => d.iso(),
            Moment::DateTime(s) => s.clone(),
        }
    }

    /// As `xsd:dateTime` (a date becomes midnight UTC).
    pub fn xsd(&self) -> String {
        match self {
            Moment::Date(d) => format!("{}T00:00:00Z", d.iso()),
            Moment::DateTime(s) => s.clone(),
        }
    }
}

/// The learner of an award.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learner {
    /// Given name (in the language it is tagged with, else the default language).
    pub given_name: LangText,
    /// Family name.
    pub family_name: LangText,
    /// Full name.
    pub full_name: LangText,
    /// Birth date.
    pub birth_date: Option<Moment>,
    /// E-mail.
    pub email: Option<String>,
    /// Student number.
    pub student_id: Option<String>,
    /// National identifier and its country.
    pub national_id: Option<(String, Option<Term>)>,
    /// Place of birth and its country.
    pub place_of_birth: Option<(String, Term)>,
    /// Postal address and its country.
    pub address: Option<(String, Term)>,
    /// Gender.
    pub gender: Option<Term>,
    /// Countries of citizenship.
    pub citizenship: Vec<Term>,
}

impl Learner {
    /// The name to show: full name, else given + family name, in the language of the
    /// given name (else of the family name).
    pub fn display_name(&self) -> LangText {
        if !self.full_name.is_empty() {
            return self.full_name.clone();
        }
        let (Some((lang, _)), given, family) = (
            self.given_name.0.first().or(self.family_name.0.first()),
            self.given_name.first(),
            self.family_name.first(),
        ) else {
            return LangText::default();
        };
        let name = match (given, family) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            (Some(n), None) | (None, Some(n)) => n.to_string(),
            (None, None) => return LangText::default(),
        };
        LangText(vec![(lang.clone(), name)])
    }

    /// The key for output file names: the student id, else the national id, else the
    /// name in kebab-case (see [`file_key`]).
    pub fn key(&self) -> String {
        let id = self
            .student_id
            .as_deref()
            .or(self.national_id.as_ref().map(|(id, _)| id.as_str()));
        match id {
            Some(id) => file_key(id),
            None => file_key(&crate::vocab::kebab(
                self.display_name().first().unwrap_or_default(),
            )),
        }
    }
}

/// An identifier made safe as a file name on every system: characters other than ASCII
/// letters, digits, `.`, `_` and `-` become `-`; leading and trailing `-` and `.` go. When
/// a letter or digit had to go (`王小明`), a short hash of the identifier is added, so that
/// different identifiers keep different keys (`learner-<hash>` when nothing is left); a
/// name Windows reserves for a device (`CON`, `nul.txt`, `LPT1`) gets a `_`.
pub fn file_key(id: &str) -> String {
    let mut lost = false;
    let key: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                lost |= c.is_alphanumeric();
                '-'
            }
        })
        .collect();
    let key = key.trim_matches(['-', '.']);
    let mut key = match (key.is_empty(), lost) {
        (false, false) => key.to_string(),
        (true, false) => "learner".to_string(),
        (empty, true) => {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(id.as_bytes());
            let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
            format!("{}-{hash}", if empty { "learner" } else { key })
        }
    };
    let stem_end = key.find('.').unwrap_or(key.len());
    if is_reserved_device_name(&key[..stem_end]) {
        key.insert(stem_end, '_');
    }
    key
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in any case: names Windows
/// keeps for devices, with or without an extension.
fn is_reserved_device_name(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

/// The longest learner key, in bytes: with `.jsonld` the file name stays well inside the
/// 255 bytes every file system allows.
pub const MAX_KEY_BYTES: usize = 200;

#[cfg(test)]
mod tests {
    use super::{file_key, Image, ImageProblem, StudyTime};

    #[test]
    fn study_time_is_an_xsd_duration() {
        assert_eq!(StudyTime::Hours(60.0).duration(), "PT60H");
        assert_eq!(StudyTime::Hours(1.5).duration(), "PT1H30M");
        assert_eq!(StudyTime::Hours(0.25).duration(), "PT15M");
        assert_eq!(StudyTime::Days(3.0).duration(), "P3D");
        assert_eq!(StudyTime::Days(2.5).duration(), "P2DT12H");
        assert_eq!(StudyTime::Weeks(2.0).duration(), "P14D");
        assert_eq!(StudyTime::Weeks(0.5).duration(), "P3DT12H");
        assert_eq!(StudyTime::of(3.0, "days"), Some(StudyTime::Days(3.0)));
        assert_eq!(StudyTime::of(3.0, "ects"), None);
    }

    /// A PNG signature and `IHDR` chunk claiming `width` × `height`.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0]);
        bytes
    }

    /// A JPEG with an APP0 segment, then a baseline frame header of `width` × `height`.
    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        bytes.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        bytes.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes
    }

    #[test]
    fn a_logos_size_is_read_from_its_header_and_bounded() {
        let real = include_bytes!("../../../examples/university/rheintal-logo.png").to_vec();
        assert!(Image::from_bytes(real).is_ok());
        assert!(Image::from_bytes(png_header(4000, 4000)).is_ok());
        assert_eq!(
            Image::from_bytes(png_header(30_000, 30_000)).unwrap_err(),
            ImageProblem::TooLarge {
                width: 30_000,
                height: 30_000
            }
        );
        assert!(Image::from_bytes(jpeg_header(640, 480)).is_ok());
        assert_eq!(
            Image::from_bytes(jpeg_header(65_000, 65_000)).unwrap_err(),
            ImageProblem::TooLarge {
                width: 65_000,
                height: 65_000
            }
        );
        assert_eq!(
            Image::from_bytes(b"\x89PNG\r\n\x1a\n".to_vec()).unwrap_err(),
            ImageProblem::NoSize
        );
        assert_eq!(
            Image::from_bytes(vec![0xFF, 0xD8, 0xFF, 0xDA, 0, 2]).unwrap_err(),
            ImageProblem::NoSize
        );
        assert_eq!(
            Image::from_bytes(b"GIF89a".to_vec()).unwrap_err(),
            ImageProblem::NotPngOrJpeg
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_after_an_image_signature_never_panic(
            tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            png in proptest::prelude::any::<bool>(),
        ) {
            let mut bytes = if png { b"\x89PNG\r\n\x1a\n".to_vec() } else { vec![0xFF, 0xD8, 0xFF] };
            bytes.extend(tail);
            let _ = Image::from_bytes(bytes);
        }
    }

    #[test]
    fn keys_are_file_names_on_every_system() {
        assert_eq!(file_key("S-2025/42"), "S-2025-42");
        assert_eq!(file_key("  "), "learner");
        // Names Windows keeps for devices, with or without an extension.
        assert_eq!(file_key("CON"), "CON_");
        assert_eq!(file_key("nul.txt"), "nul_.txt");
        assert_eq!(file_key("LPT1"), "LPT1_");
        assert_eq!(file_key("COM10"), "COM10");
        assert_eq!(file_key("console"), "console");
    }

    #[test]
    fn names_in_other_scripts_keep_distinct_keys() {
        let kebab = |s: &str| file_key(&crate::vocab::kebab(s));
        assert_eq!(kebab("Мария Иванова"), "mariya-ivanova");
        assert_eq!(kebab("Ελένη Παπαδοπούλου"), "eleni-papadopoulou");
        let (a, b) = (kebab("王小明"), kebab("李小红"));
        assert!(
            a.starts_with("learner-") && b.starts_with("learner-"),
            "{a} {b}"
        );
        assert_ne!(a, b);
        assert_eq!(a, kebab("王小明"), "the same name gives the same key");
    }
}
