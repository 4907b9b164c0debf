//! Controlled vocabularies (ELM lists) and the ESCO skills index, loaded from `stdlib/`.
//!
//! The bundled data is embedded into the library with `include_str!` and parsed lazily,
//! each file the first time it is needed, then cached for the life of the process.
//! Nothing here prints or panics.
//!
//! * [`scheme`] gives one ELM / EU authority-table concept scheme ([`ConceptScheme`]), whose
//!   [`ConceptScheme::resolve`] turns a bare word as written in Laurel (notation, kebab-case
//!   label, IRI, ISO code) into a [`Concept`].
//! * [`esco()`] gives the bundled ESCO v1.1.1 skills index ([`EscoIndex`]); a project
//!   that pins another version or more languages reads its own copy with
//!   [`store::load_esco`] (the only part, with [`portal`], that reads files).

pub mod esco;
mod iso;
pub mod lists;
mod loaded;
pub mod portal;
mod search;
pub mod store;
pub mod suggest;
mod text;

pub use esco::{
    esco, EscoIndex, EscoLookup, EscoTexts, ProjectEsco, Skill, ESCO_ATTRIBUTION, ESCO_VERSION,
};
pub use lists::ProjectLists;
pub use search::SkillMatch;
pub use text::kebab;

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use text::FxMap;

/// An ELM controlled list (EU Vocabularies concept scheme) bundled with Laurel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Learning activity type (`learning-activity`): e-learning coursework, internship, …
    LearningActivity,
    /// Mode of learning and assessment (`learning-assessment`): Online, Blended, Presential, …
    LearningMode,
    /// Learning setting (`learning-setting`): formal / non-formal learning.
    LearningSetting,
    /// Assessment type (`assessment`): written examination, portfolio, …
    Assessment,
    /// Supervision and identity verification of an assessment (`supervision-verification`).
    SupervisionVerification,
    /// Learning opportunity type (`learning-opportunity`): course, MOOC, short learning programme, …
    LearningOpportunity,
    /// European Qualifications Framework level (`eqf`), notation `1` … `8`.
    Eqf,
    /// National qualification frameworks and their levels (`qdr`).
    Qdr,
    /// ISCED-F 2013 field of education and training (`isced-f`), notation e.g. `0613`.
    IscedF,
    /// EU authority table of countries, notation ISO-like alpha-3 (`DEU`).
    Country,
    /// EU authority table of languages, notation ISO 639 alpha-3 (`ENG`).
    Language,
    /// Education credit system (`education-credit`): ECTS, ECVET.
    EducationCredit,
    /// Accreditation / quality-assurance type (`accreditation`).
    Accreditation,
    /// Skill type (`skill-type`): knowledge, skill.
    SkillType,
    /// Skill reuse level (`skill-reuse-level`): transversal, cross-sector, …
    SkillReuseLevel,
    /// Credential type, used for `credentialProfiles` (`credential`).
    CredentialProfile,
    /// Evidence type (`evidence-type`).
    EvidenceType,
    /// Learning entitlement type (`entitlement`): occupation, learning opportunity, membership.
    Entitlement,
    /// Learning entitlement status (`entitlement-status`): prospective, actual.
    EntitlementStatus,
    /// ESCO v1.1.1 occupations (`http://data.europa.eu/esco/concept-scheme/occupations`),
    /// English and French labels; the notation is the ESCO code.
    EscoOccupation,
    /// EU authority table of human sex (`http://publications.europa.eu/resource/authority/human-sex`):
    /// female, male, not applicable.
    HumanSex,
}

macro_rules! snb {
    ($slug:literal) => {
        concat!("http://data.europa.eu/snb/", $slug, "/25831c2")
    };
}

impl Scheme {
    /// Every bundled scheme, in declaration order.
    pub const ALL: &'static [Scheme] = &[
        Scheme::LearningActivity,
        Scheme::LearningMode,
        Scheme::LearningSetting,
        Scheme::Assessment,
        Scheme::SupervisionVerification,
        Scheme::LearningOpportunity,
        Scheme::Eqf,
        Scheme::Qdr,
        Scheme::IscedF,
        Scheme::Country,
        Scheme::Language,
        Scheme::EducationCredit,
        Scheme::Accreditation,
        Scheme::SkillType,
        Scheme::SkillReuseLevel,
        Scheme::CredentialProfile,
        Scheme::EvidenceType,
        Scheme::Entitlement,
        Scheme::EntitlementStatus,
        Scheme::EscoOccupation,
        Scheme::HumanSex,
    ];

    /// The concept-scheme IRI, e.g. `http://data.europa.eu/snb/eqf/25831c2`; for the EU
    /// authority tables `http://publications.europa.eu/resource/authority/country` and
    /// `…/language`.
    pub fn iri(self) -> &'static str {
        match self {
            Scheme::LearningActivity => snb!("learning-activity"),
            Scheme::LearningMode => snb!("learning-assessment"),
            Scheme::LearningSetting => snb!("learning-setting"),
            Scheme::Assessment => snb!("assessment"),
            Scheme::SupervisionVerification => snb!("supervision-verification"),
            Scheme::LearningOpportunity => snb!("learning-opportunity"),
            Scheme::Eqf => snb!("eqf"),
            Scheme::Qdr => snb!("qdr"),
            Scheme::IscedF => snb!("isced-f"),
            Scheme::Country => "http://publications.europa.eu/resource/authority/country",
            Scheme::Language => "http://publications.europa.eu/resource/authority/language",
            Scheme::EducationCredit => snb!("education-credit"),
            Scheme::Accreditation => snb!("accreditation"),
            Scheme::SkillType => snb!("skill-type"),
            Scheme::SkillReuseLevel => snb!("skill-reuse-level"),
            Scheme::CredentialProfile => snb!("credential"),
            Scheme::EvidenceType => snb!("evidence-type"),
            Scheme::Entitlement => snb!("entitlement"),
            Scheme::EntitlementStatus => snb!("entitlement-status"),
            Scheme::EscoOccupation => "http://data.europa.eu/esco/concept-scheme/occupations",
            Scheme::HumanSex => "http://publications.europa.eu/resource/authority/human-sex",
        }
    }

    /// Human name for messages, e.g. `"learning activity type"`, `"EQF level"`, `"country"`.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::LearningActivity => "learning activity type",
            Scheme::LearningMode => "mode of learning and assessment",
            Scheme::LearningSetting => "learning setting",
            Scheme::Assessment => "assessment type",
            Scheme::SupervisionVerification => "supervision and verification type",
            Scheme::LearningOpportunity => "learning opportunity type",
            Scheme::Eqf => "EQF level",
            Scheme::Qdr => "qualification framework level",
            Scheme::IscedF => "ISCED-F field of education",
            Scheme::Country => "country",
            Scheme::Language => "language",
            Scheme::EducationCredit => "credit system",
            Scheme::Accreditation => "accreditation type",
            Scheme::SkillType => "skill type",
            Scheme::SkillReuseLevel => "skill reuse level",
            Scheme::CredentialProfile => "credential profile",
            Scheme::EvidenceType => "evidence type",
            Scheme::Entitlement => "entitlement type",
            Scheme::EntitlementStatus => "entitlement status",
            Scheme::EscoOccupation => "ESCO occupation",
            Scheme::HumanSex => "gender",
        }
    }

    /// The `notation` value ELM puts on concepts of the EU authority tables (NAL):
    /// `Some("country")`, `Some("language")`; `None` for the other schemes.
    pub fn notation_label(self) -> Option<&'static str> {
        match self {
            Scheme::Country => Some("country"),
            Scheme::Language => Some("language"),
            Scheme::HumanSex => Some("human-sex"),
            _ => None,
        }
    }

    /// The bundled file name without `.tsv` (the EU Vocabularies scheme slug), e.g.
    /// `"learning-assessment"` for [`Scheme::LearningMode`].
    pub fn slug(self) -> &'static str {
        match self {
            Scheme::LearningActivity => "learning-activity",
            Scheme::LearningMode => "learning-assessment",
            Scheme::LearningSetting => "learning-setting",
            Scheme::Assessment => "assessment",
            Scheme::SupervisionVerification => "supervision-verification",
            Scheme::LearningOpportunity => "learning-opportunity",
            Scheme::Eqf => "eqf",
            Scheme::Qdr => "qdr",
            Scheme::IscedF => "isced-f",
            Scheme::Country => "country",
            Scheme::Language => "language",
            Scheme::EducationCredit => "education-credit",
            Scheme::Accreditation => "accreditation",
            Scheme::SkillType => "skill-type",
            Scheme::SkillReuseLevel => "skill-reuse-level",
            Scheme::CredentialProfile => "credential",
            Scheme::EvidenceType => "evidence-type",
            Scheme::Entitlement => "entitlement",
            Scheme::EntitlementStatus => "entitlement-status",
            Scheme::EscoOccupation => "esco-occupation",
            Scheme::HumanSex => "human-sex",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn data(self) -> &'static str {
        macro_rules! tsv {
            ($f:literal) => {
                include_str!(concat!("../../../stdlib/vocab/", $f, ".tsv"))
            };
        }
        match self {
            Scheme::LearningActivity => tsv!("learning-activity"),
            Scheme::LearningMode => tsv!("learning-assessment"),
            Scheme::LearningSetting => tsv!("learning-setting"),
            Scheme::Assessment => tsv!("assessment"),
            Scheme::SupervisionVerification => tsv!("supervision-verification"),
            Scheme::LearningOpportunity => tsv!("learning-opportunity"),
            Scheme::Eqf => tsv!("eqf"),
            Scheme::Qdr => tsv!("qdr"),
            Scheme::IscedF => tsv!("isced-f"),
            Scheme::Country => tsv!("country"),
            Scheme::Language => tsv!("language"),
            Scheme::EducationCredit => tsv!("education-credit"),
            Scheme::Accreditation => tsv!("accreditation"),
            Scheme::SkillType => tsv!("skill-type"),
            Scheme::SkillReuseLevel => tsv!("skill-reuse-level"),
            Scheme::CredentialProfile => tsv!("credential"),
            Scheme::EvidenceType => tsv!("evidence-type"),
            Scheme::Entitlement => tsv!("entitlement"),
            Scheme::EntitlementStatus => tsv!("entitlement-status"),
            Scheme::EscoOccupation => tsv!("esco-occupation"),
            Scheme::HumanSex => tsv!("human-sex"),
        }
    }
}

/// One concept of a controlled list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The concept IRI, e.g. `http://data.europa.eu/snb/eqf/5`.
    pub iri: String,
    /// The notation where the code carries meaning (EQF level `5`, ISCED-F `0613`, country
    /// `DEU`, language `ENG`, skill-type `skill`); `None` otherwise.
    pub notation: Option<String>,
    /// English preferred label. Empty for the few concepts for which no label is known
    /// (e.g. two credential types, most of the ~8,000 minor languages). For 50 ISO 639-1
    /// languages without an English label in the EU table copy, this is the ISO 639 name
    /// from `stdlib/vocab/iso-codes.tsv`.
    pub label_en: String,
    /// The preferred labels in other languages, `(language, label)`: German and French
    /// in the bundled lists, every language in a downloaded one.
    pub labels: Vec<(String, String)>,
    /// English definition, where known.
    pub definition: Option<String>,
}

impl Concept {
    /// The preferred label in `lang` (`"en"`, `"de"`; a BCP 47 tag such as `"de-AT"`
    /// uses its primary subtag). `None` when there is no label in that language.
    pub fn label(&self, lang: &str) -> Option<&str> {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        let label = if primary.eq_ignore_ascii_case("en") {
            Some(self.label_en.as_str())
        } else {
            self.labels
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(primary))
                .map(|(_, label)| label.as_str())
        };
        label.filter(|l| !l.is_empty())
    }

    /// The labels beside the English one that editor features show, `(language, label)`:
    /// in the document's `language` (when it is not English, German or French), German
    /// and French.
    pub fn labels_shown<'a>(
        &'a self,
        language: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> {
        let document = (!["en", "de", "fr"].contains(&language)).then_some(language);
        document
            .into_iter()
            .chain(["de", "fr"])
            .filter_map(|lang| Some((lang, self.label(lang)?)))
    }

    /// Kebab-case of the English label, accents folded to ASCII:
    /// `"Supervised with ID Verification"` → `"supervised-with-id-verification"`.
    /// For a concept without an English label, the kebab-case of the last IRI segment
    /// (`c_7e400154`, `aaa`), which [`ConceptScheme::resolve`] also accepts.
    pub fn kebab(&self) -> String {
        let k = text::kebab(&self.label_en);
        if k.is_empty() {
            self.local_name().to_ascii_lowercase()
        } else {
            k
        }
    }

    /// The last path segment of the IRI (`5`, `DEU`, `6e6cb2cc78`, `c_7e400154`).
    fn local_name(&self) -> &str {
        self.iri.rsplit('/').next().unwrap_or(&self.iri)
    }
}

/// How a lookup key was derived; lower is stronger when a word matches several keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Notation,
    IsoCode,
    LocalName,
    LabelEn,
    LabelDe,
    LabelFr,
    /// German umlaut transliteration (`pruefung`) of a de label.
    LabelTranslit,
    /// A label in another language (in a downloaded list).
    LabelOther,
}

impl Tier {
    fn is_code(self) -> bool {
        matches!(self, Tier::Notation | Tier::IsoCode | Tier::LocalName)
    }
}

/// One way of writing a concept, stored under its lower-case / kebab key.
#[derive(Debug, Clone, Copy)]
struct Key {
    concept: usize,
    tier: Tier,
    /// The word as the user should write it (`DEU`, `DE`), when it differs from the key.
    display: Option<&'static str>,
}

/// One value, or several (no allocation for the common single case).
#[derive(Debug)]
enum Few<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy> Few<T> {
    fn push(&mut self, t: T) {
        match self {
            Few::One(first) => *self = Few::Many(vec![*first, t]),
            Few::Many(v) => v.push(t),
        }
    }

    fn as_slice(&self) -> &[T] {
        match self {
            Few::One(t) => std::slice::from_ref(t),
            Few::Many(v) => v,
        }
    }
}

/// A loaded concept scheme: its concepts plus lookup maps.
#[derive(Debug)]
pub struct ConceptScheme {
    scheme: Scheme,
    concepts: Vec<Concept>,
    by_iri: FxMap<&'static str, usize>,
    /// lower-cased codes and kebab-cased labels → the concepts written that way
    by_key: FxMap<Cow<'static, str>, Few<Key>>,
}

impl ConceptScheme {
    /// Which scheme this is.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// All concepts, in file order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The concept with exactly this IRI (surrounding `<…>` and whitespace ignored).
    pub fn by_iri(&self, iri: &str) -> Option<&Concept> {
        let iri = strip_iri(iri);
        self.by_iri.get(iri).and_then(|&i| self.concepts.get(i))
    }

    /// The word a concept is written as: the notation (`DEU`, `5`, `0613`), the ISO 639-1
    /// code for a language (`en`), else the kebab-case English label; the IRI in `<...>`
    /// if that word would resolve to another concept. Completion proposes it, the
    /// suggestions for a list of codes give it, and `laurel explain` lists it.
    pub fn word(&self, concept: &Concept) -> String {
        let iso = match (self.scheme, concept.notation.as_deref()) {
            (Scheme::Language, Some(n)) => language_tag_for_code(n),
            _ => None,
        };
        let word = iso
            .map(str::to_string)
            .or_else(|| concept.notation.clone())
            .unwrap_or_else(|| concept.kebab());
        match self.concept(&word) {
            Some(c) if c.iri == concept.iri => word,
            _ => format!("<{}>", concept.iri),
        }
    }

    /// Resolve a bare word as written in Laurel: the notation (case-insensitive: `DEU`,
    /// `deu`, `0613`, `5`), the kebab-case of the preferred label in en/de/fr (accents
    /// folded, so `schriftliche-prufung`; German `ue` spellings also match), the full IRI
    /// (optionally in `<…>`), the last IRI segment (`6e6cb2cc78`), and for Country /
    /// Language the ISO 3166-1 alpha-2 / ISO 639-1 code (`DE`, `en`).
    ///
    /// When several keys match, the strongest kind wins (notation, ISO code, IRI segment,
    /// then English, German, French label). If that still leaves several concepts, the word
    /// is ambiguous and `Err` lists the notation (or IRI) of each.
    ///
    /// `Err` holds up to 3 suggestions — the kebab word or notation the user should write
    /// — closest first; it is empty when nothing is close.
    pub fn resolve(&self, word: &str) -> Result<&Concept, Vec<String>> {
        match self.matches(word) {
            Matches::One(concept) => Ok(concept),
            Matches::Several(words) => Err(words),
            Matches::None => {
                let word = word.trim();
                Err(self.suggest(&word.to_lowercase(), &text::kebab(word)))
            }
        }
    }

    /// The concept `word` stands for, as [`ConceptScheme::resolve`] finds it, without
    /// looking for close words when there is none (for hover, highlighting and the
    /// like, which only want to know).
    pub fn concept(&self, word: &str) -> Option<&Concept> {
        match self.matches(word) {
            Matches::One(concept) => Some(concept),
            _ => None,
        }
    }

    /// The concepts `word` matches, the strongest kind of key first.
    fn matches(&self, word: &str) -> Matches<'_> {
        let word = word.trim();
        if word.is_empty() {
            return Matches::None;
        }
        if let Some(c) = self.by_iri(word) {
            return Matches::One(c);
        }
        let lower = word.to_lowercase();
        let keb = text::kebab(word);
        let mut best: Option<(Tier, Vec<usize>)> = None;
        for (probe, want_code) in [(&lower, true), (&keb, false)] {
            let Some(hits) = self.by_key.get(probe.as_str()) else {
                continue;
            };
            for key in hits.as_slice() {
                if key.tier.is_code() != want_code {
                    continue;
                }
                match &mut best {
                    Some((tier, list)) if *tier == key.tier => {
                        if !list.contains(&key.concept) {
                            list.push(key.concept);
                        }
                    }
                    Some((tier, _)) if *tier < key.tier => {}
                    _ => best = Some((key.tier, vec![key.concept])),
                }
            }
        }
        match best {
            Some((_, list)) if list.len() == 1 => list
                .first()
                .and_then(|&i| self.concepts.get(i))
                .map_or(Matches::None, Matches::One),
            Some((_, list)) => Matches::Several(
                list.iter()
                    .filter_map(|&i| self.concepts.get(i))
                    .map(|c| c.notation.clone().unwrap_or_else(|| c.iri.clone()))
                    .take(3)
                    .collect(),
            ),
            None => Matches::None,
        }
    }

    /// Up to 3 close words for an unknown word: prefix matches, whole-segment matches
    /// (`examination` → `written-examination`), small typos (edit distance by length),
    /// and labels with a word of the query or a small typo of one (`energy` or
    /// `electricty` → ISCED-F `0713`, Electricity and energy). A label found in a list of
    /// codes gives the concept's code ([`ConceptScheme::word`]).
    fn suggest(&self, lower: &str, keb: &str) -> Vec<String> {
        // No word of a list is near this long: the first characters say as much as all
        // of a pasted paragraph, and the cost stays bounded.
        let (lower, keb) = (prefix(lower, MAX_QUERY_CHARS), prefix(keb, MAX_QUERY_CHARS));
        let (lower_n, keb_n) = (lower.chars().count(), keb.chars().count());
        // (cost in tenths, tier, key length, key, concept, display)
        let mut scored: Vec<(u32, Tier, usize, &str, usize, &str)> = Vec::new();
        for (k, hits) in &self.by_key {
            let k: &str = k;
            let kn = k.chars().count();
            for key in hits.as_slice() {
                let (q, qn) = if key.tier.is_code() {
                    (lower, lower_n)
                } else {
                    (keb, keb_n)
                };
                if qn == 0 {
                    continue;
                }
                let tail = kn.saturating_sub(qn).min(20) as u32;
                let cost = if qn >= 2 && k.starts_with(q) {
                    // "onl" → "online"; a longer tail is a weaker suggestion
                    Some(5 + tail)
                } else if !key.tier.is_code() && qn >= 4 && segment_match(k, q) {
                    // a whole-segment piece: "examination" → "written-examination"
                    Some(15 + tail)
                } else if let Some(d) = typo(q, k) {
                    Some(d as u32 * 10)
                } else if !key.tier.is_code() && shares_a_word(k, q) {
                    // "solar-energy" or "electricty" → "electricity-and-energy"
                    Some(25 + kn.min(20) as u32)
                } else {
                    None
                };
                if let Some(cost) = cost {
                    scored.push((cost, key.tier, kn, k, key.concept, key.display.unwrap_or(k)));
                }
            }
        }
        scored.sort_unstable();
        // a list whose every concept has a code (ISCED-F, countries ...) is written in codes
        let coded = self.concepts.iter().all(|c| c.notation.is_some());
        let mut seen_concepts = Vec::new();
        let mut out: Vec<String> = Vec::new();
        for (_, tier, _, _, concept, display) in scored {
            let display = match self.concepts.get(concept) {
                Some(c) if coded && !tier.is_code() => self.word(c),
                _ => display.to_string(),
            };
            if seen_concepts.contains(&concept) || out.contains(&display) {
                continue;
            }
            seen_concepts.push(concept);
            out.push(display);
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    fn load(scheme: Scheme) -> ConceptScheme {
        ConceptScheme::parse(scheme, scheme.data(), None)
    }

    /// The scheme in `data`: a TSV text whose header names the columns `uri`,
    /// `notation`, `prefLabel_<language>` (English first, any others after it) and
    /// `definition_en`; any other column is ignored. A concept of `bundled` (the bundled
    /// copy of a downloaded list) lends its notation to the same IRI here, or for a
    /// new concept its last IRI segment when every bundled notation is one (EQF's `5`,
    /// a country's `DEU`).
    fn parse(
        scheme: Scheme,
        data: &'static str,
        bundled: Option<&'static ConceptScheme>,
    ) -> ConceptScheme {
        let iso_names = match scheme {
            Scheme::Country => Some(iso::country_names()),
            Scheme::Language => Some(iso::language_names()),
            _ => None,
        };
        let iso_codes = match scheme {
            Scheme::Country => Some(iso::country_codes_by_eu()),
            Scheme::Language => Some(iso::language_codes_by_eu()),
            _ => None,
        };
        let columns = Columns::of(data.lines().next().unwrap_or(""));
        let notation_is_local_name = bundled.is_some_and(|b| {
            b.concepts
                .iter()
                .filter_map(|c| Some((c.notation.as_deref()?, c.local_name())))
                .all(|(n, local)| n == local)
                && b.concepts.iter().any(|c| c.notation.is_some())
        });
        let approx = data.len() / 60;
        let mut concepts = Vec::with_capacity(approx);
        let mut by_iri: FxMap<&'static str, usize> = text::fx_map(approx);
        let mut by_key: FxMap<Cow<'static, str>, Few<Key>> = text::fx_map(approx * 3);
        let mut add = |key: Cow<'static, str>, k: Key| {
            if !key.is_empty() {
                by_key
                    .entry(key)
                    .and_modify(|few| few.push(k))
                    .or_insert(Few::One(k));
            }
        };
        for line in text::data_lines(data) {
            let cells: Vec<&'static str> = line
                .strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .collect();
            let cell = |i: Option<usize>| {
                i.and_then(|i| cells.get(i))
                    .and_then(|c| text::non_empty(c))
            };
            let Some(uri) = cell(columns.uri) else {
                continue;
            };
            let concept = concepts.len();
            match by_iri.entry(uri) {
                Entry::Occupied(_) => continue,
                Entry::Vacant(v) => v.insert(concept),
            };
            let local = uri.rsplit('/').next().unwrap_or(uri);
            let notation: Option<&'static str> = match bundled {
                None => cell(columns.notation),
                Some(b) => match b.by_iri(uri) {
                    Some(known) => known.notation.as_deref(),
                    None => cell(columns.notation).or(notation_is_local_name.then_some(local)),
                },
            };
            let mut label_en = cell(columns.label_en).unwrap_or("");
            if label_en.is_empty() {
                if let (Some(names), Some(n)) = (iso_names, notation) {
                    label_en = names.get(n).copied().unwrap_or("");
                }
            }
            let labels: Vec<(&'static str, &'static str)> = columns
                .labels
                .iter()
                .filter_map(|&(lang, i)| Some((lang, cell(Some(i))?)))
                .collect();

            let code = |tier, display: &'static str| Key {
                concept,
                tier,
                display: Some(display),
            };
            if let Some(n) = notation {
                add(lower_cow(n), code(Tier::Notation, n));
                for &iso in iso_codes.and_then(|m| m.get(n)).into_iter().flatten() {
                    add(lower_cow(iso), code(Tier::IsoCode, iso));
                }
            }
            if notation != Some(local) {
                add(lower_cow(local), code(Tier::LocalName, local));
            }
            let label = |tier| Key {
                concept,
                tier,
                display: None,
            };
            add(Cow::Owned(text::kebab(label_en)), label(Tier::LabelEn));
            for &(lang, text) in &labels {
                let k = text::kebab(text);
                let tier = match lang {
                    "de" => {
                        let g = text::kebab_german(text);
                        if g != k {
                            add(Cow::Owned(g), label(Tier::LabelTranslit));
                        }
                        Tier::LabelDe
                    }
                    "fr" => Tier::LabelFr,
                    _ => Tier::LabelOther,
                };
                add(Cow::Owned(k), label(tier));
            }

            concepts.push(Concept {
                iri: uri.to_string(),
                notation: notation.map(str::to_string),
                label_en: label_en.to_string(),
                labels: labels
                    .into_iter()
                    .map(|(lang, text)| (lang.to_string(), text.to_string()))
                    .collect(),
                definition: cell(columns.definition_en).map(str::to_string),
            });
        }
        ConceptScheme {
            scheme,
            concepts,
            by_iri,
            by_key,
        }
    }
}

/// Where a list file's columns are, by its header.
struct Columns {
    uri: Option<usize>,
    notation: Option<usize>,
    label_en: Option<usize>,
    /// `(language, column)` of every other language's preferred label.
    labels: Vec<(&'static str, usize)>,
    definition_en: Option<usize>,
}

impl Columns {
    fn of(header: &'static str) -> Columns {
        let names: Vec<&'static str> = header.trim_end_matches('\r').split('\t').collect();
        let at = |name: &str| names.iter().position(|n| *n == name);
        Columns {
            uri: at("uri"),
            notation: at("notation"),
            label_en: at("prefLabel_en"),
            labels: names
                .iter()
                .enumerate()
                .filter_map(|(i, n)| Some((n.strip_prefix("prefLabel_")?, i)))
                .filter(|(lang, _)| *lang != "en")
                .collect(),
            definition_en: at("definition_en"),
        }
    }
}

/// `s` lower-cased, borrowed when it has no upper-case letters.
fn lower_cow(s: &'static str) -> Cow<'static, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The edit distance of `q` from `k` when it is small for the length of `q`.
/// The longest unknown word whose close words are looked for, in characters.
const MAX_QUERY_CHARS: usize = 120;

/// The first `n` characters of `text`.
fn prefix(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

fn typo(q: &str, k: &str) -> Option<usize> {
    let (qn, kn) = (q.chars().count(), k.chars().count());
    let max = match qn {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    };
    if max == 0 || kn.abs_diff(qn) > max {
        return None;
    }
    let d = text::distance(q, k);
    (d <= max).then_some(d)
}

/// Whether a word of `q` (4 letters or more) is a word of `k`, or a small typo of one.
fn shares_a_word(k: &str, q: &str) -> bool {
    q.split('-').filter(|w| w.len() >= 4).any(|w| {
        k.split('-')
            .any(|kw| kw == w || (w.len() >= 6 && typo(w, kw).is_some()))
    })
}

/// Whether `q` is a run of whole `-`-separated segments of `k` (`k` ≠ `q`).
fn segment_match(k: &str, q: &str) -> bool {
    k.match_indices(q).any(|(i, _)| {
        let before = i == 0 || k.as_bytes().get(i - 1) == Some(&b'-');
        let end = i + q.len();
        let after = end == k.len() || k.as_bytes().get(end) == Some(&b'-');
        before && after && k.len() != q.len()
    })
}

/// Trims whitespace and optional `<…>` around an IRI.
fn strip_iri(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(s)
        .trim()
}

/// What a word matches in a list.
enum Matches<'a> {
    /// One concept.
    One(&'a Concept),
    /// Several: their notations (or IRIs), at most 3.
    Several(Vec<String>),
    /// None.
    None,
}

const SCHEME_COUNT: usize = Scheme::ALL.len();
static SCHEMES: [OnceLock<ConceptScheme>; SCHEME_COUNT] = [const { OnceLock::new() }; SCHEME_COUNT];

/// The concept scheme `s`, parsed from the embedded TSV on first use and cached.
pub fn scheme(s: Scheme) -> &'static ConceptScheme {
    // `Scheme::ALL` has exactly SCHEME_COUNT entries (checked by a test), so the index is
    // always in range; fall back to the first cell rather than panic regardless.
    let cell = SCHEMES.get(s.index()).unwrap_or(&SCHEMES[0]);
    cell.get_or_init(|| ConceptScheme::load(s))
}

/// The EU authority-table language code for a BCP 47 / ISO 639-1 language tag, as used on
/// Laurel strings (`"…"@de`): `"en"` → `Some("ENG")`, `"de-AT"` → `Some("DEU")`. A
/// three-letter tag that is itself a code of the language table (`"gsw"`, `"mul"`) maps to
/// that code. `None` for anything else.
pub fn language_code_for_tag(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
    if primary.len() == 2 {
        return iso::language_code(primary);
    }
    if primary.len() == 3 && primary.is_ascii() {
        let lang = scheme(Scheme::Language);
        let hits = lang.by_key.get(primary.to_ascii_lowercase().as_str())?;
        return hits
            .as_slice()
            .iter()
            .find(|k| k.tier == Tier::Notation)
            .and_then(|k| k.display);
    }
    None
}

/// The English name of the language of a tag (`"de"` → `German`), from the EU language
/// table; the tag itself for one the table lacks.
pub fn language_name(tag: &str) -> String {
    language_code_for_tag(tag)
        .and_then(|code| scheme(Scheme::Language).resolve(code).ok())
        .map(|c| c.label_en.clone())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| tag.to_string())
}

/// The languages' English names as a list: "English and French" for `["en", "fr"]`,
/// "English, German and Polish" for three.
pub fn language_names(tags: &[&str]) -> String {
    let names: Vec<String> = tags.iter().map(|t| language_name(t)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The ISO 639-1 tag of an EU authority-table language code: `"ENG"` → `Some("en")`;
/// `None` for the languages without one.
pub fn language_tag_for_code(code: &str) -> Option<&'static str> {
    iso::language_iso_code(code)
}

/// The alpha-2 code of an EU authority-table country code, as VAT numbers write it:
/// `"DEU"` → `Some("DE")`, `"GRC"` → `Some("EL")`.
pub fn country_iso_for_code(code: &str) -> Option<&'static str> {
    iso::country_iso_code(code)
}

/// The country concept for an ISO 3166-1 alpha-2 code, as certificates write it (`DE`
/// → `.../country/DEU`).
pub fn country_for_iso(alpha2: &str) -> Option<&'static Concept> {
    let code = iso::country_code(alpha2)?;
    scheme(Scheme::Country).concept(code)
}

/// Why an IRI the bundled list of a scheme lacks cannot be taken as one of its concepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotUnlisted {
    /// It is not an absolute IRI.
    NotAnIri,
    /// It is a concept of this other bundled list.
    OfList(Scheme),
}

/// Whether `iri`, which the bundled list of `scheme` lacks, may be one of its concepts that
/// the bundled copy does not have (a newer version's): an absolute IRI of no other bundled
/// list. The checker keeps such an IRI with a warning; the import writes it as `<IRI>`.
pub fn may_be_unlisted(scheme: Scheme, iri: &str) -> Result<(), NotUnlisted> {
    if oxrdf::NamedNode::new(iri).is_err() {
        return Err(NotUnlisted::NotAnIri);
    }
    match Scheme::ALL
        .iter()
        .find(|other| **other != scheme && self::scheme(**other).by_iri(iri).is_some())
    {
        Some(other) => Err(NotUnlisted::OfList(*other)),
        None => Ok(()),
    }
}

/// Uncached loaders, for the load-time benchmark only (`benches/vocab.rs`).
#[doc(hidden)]
pub mod bench_support {
    pub use super::esco::bench_support::*;
    use super::{ConceptScheme, Scheme};

    /// Parses scheme `s` afresh (bypassing the cache); returns its number of concepts.
    pub fn load_scheme(s: Scheme) -> usize {
        ConceptScheme::load(s).concepts.len()
    }
}

#[cfg(test)]
mod tests;
