//! Lowering the checked model to ELM v3 / European Digital Credential JSON-LD.
//!
//! One award gives one unsigned EDC ([`credential`]); one micro-credential gives its
//! specification, the `Qualification` node a catalogue would publish ([`specification`]).
//! [`mapping::FIELD_MAP`] lists where each Laurel field lands. Output is deterministic:
//! ids are numbered per document, the credential id is a UUID v5 of project, credential
//! and learner key, and time comes from the source or the caller.

pub mod mapping;
mod nodes;
pub(crate) mod phrases;

use serde_json::{json, Map, Value};

use crate::check::*;
use crate::vocab::Scheme;
pub(crate) use nodes::points;
use nodes::*;
use phrases::Phrase;

use crate::validate::ebsi::Vcdm;
use crate::validate::shacl::{EDC_AP_CONTEXT, VC_V1_CONTEXT};
use crate::validate::shapes::Profile;
/// ECTS in the education-credit list.
pub const ECTS: &str = "http://data.europa.eu/snb/education-credit/6fcec5c5af";
/// ECVET (the European credit system for vocational education and training).
pub const ECVET: &str = "http://data.europa.eu/snb/education-credit/60b314e826";
/// Evidence type "Mandate".
pub const EVIDENCE_MANDATE: &str = "http://data.europa.eu/snb/evidence-type/c_18016257";

/// Options of the lowering.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides the issue time (`xsd:dateTime`) of every credential.
    pub issued: Option<String>,
    /// Who the credentials are written for (`--target`), instead of the project's
    /// `target` in `Laurel.toml`.
    pub target: Option<Target>,
}

/// Who credentials are written for: the EU's EDC tools, or also EBSI wallets and
/// verifiers, whose Europass EDC JSON Schema asks for more than the EDC shapes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Target {
    /// A European Digital Credential as the EU's issuer and viewer make it (VCDM 1.1).
    #[default]
    Edc,
    /// Also an EBSI Verifiable Attestation: `VerifiableAttestation` in `type`, with the
    /// base context of the given VCDM version (1.1: the EBSI schema for VCDM 1.1; 2.0:
    /// the 2.1.0 schema).
    Ebsi(Vcdm),
}

impl Target {
    /// Every target, in the order the help lists them.
    pub const ALL: [Target; 3] = [
        Target::Edc,
        Target::Ebsi(Vcdm::V1_1),
        Target::Ebsi(Vcdm::V2_0),
    ];

    /// The name in `Laurel.toml` and on the command line: `edc`, `ebsi`, `ebsi-vcdm2`.
    pub fn name(self) -> &'static str {
        match self {
            Target::Edc => "edc",
            Target::Ebsi(Vcdm::V1_1) => "ebsi",
            Target::Ebsi(Vcdm::V2_0) => "ebsi-vcdm2",
        }
    }

    /// Who it is for, in a few words.
    pub fn about(self) -> &'static str {
        match self {
            Target::Edc => "the EU's EDC issuer, viewer and wallet",
            Target::Ebsi(Vcdm::V1_1) => "also EBSI wallets and verifiers, VCDM 1.1",
            Target::Ebsi(Vcdm::V2_0) => "also EBSI wallets and verifiers, VCDM 2.0",
        }
    }

    /// The target named `name` (see [`Target::name`]).
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The `@context` of a credential.
    fn context(self) -> Value {
        let base = match self {
            Target::Edc => VC_V1_CONTEXT,
            Target::Ebsi(vcdm) => vcdm.context(),
        };
        json!([base, EDC_AP_CONTEXT])
    }

    /// The `type` of a credential.
    fn types(self) -> Value {
        match self {
            Target::Edc => json!(["VerifiableCredential", "EuropeanDigitalCredential"]),
            Target::Ebsi(_) => json!([
                "VerifiableCredential",
                "VerifiableAttestation",
                "EuropeanDigitalCredential"
            ]),
        }
    }
}

/// The credential id: `urn:credential:<UUID v5>` of project, credential and learner key.
pub fn credential_id(project: &str, credential: &str, learner_key: &str) -> String {
    let namespace = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        b"https://laurel.example/credential",
    );
    let name = format!("{project}/{credential}/{learner_key}");
    format!(
        "urn:credential:{}",
        uuid::Uuid::new_v5(&namespace, name.as_bytes())
    )
}

/// The rendered pages of one credential in one display language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayPages {
    /// ISO 639-1 code of the language.
    pub language: String,
    /// PNG images, in page order.
    pub png: Vec<Vec<u8>>,
}

/// The JSON-LD node of a country concept (the issuer's country, taken from a seal
/// certificate).
pub fn country_concept(country: &crate::vocab::Concept) -> Value {
    concept(Scheme::Country, country)
}

/// The unsigned EDC of one award, without page images. The model must be free of errors.
pub fn credential(model: &Model, award: &Award, options: &Options) -> Value {
    credential_with_pages(model, award, options, &[])
}

/// The unsigned EDC of one award with its page images (`displayParameter.individualDisplay`,
/// one per language), as the strict EDC 1.1.0 shapes require.
pub fn credential_with_pages(
    model: &Model,
    award: &Award,
    options: &Options,
    pages: &[DisplayPages],
) -> Value {
    let cred = &model.credentials[award.credential];
    let lang = model.project.default_language.as_str();
    let target = options.target.unwrap_or(model.project.target);
    let mut w = Writer::new(model);
    let issued = options
        .issued
        .clone()
        .or_else(|| award.date.as_ref().map(Moment::xsd))
        .unwrap_or_default();
    let issuing_org = cred.issuer.or(cred.awarding_bodies.first().copied());
    let issuer = issuing_org
        .map(|id| w.organisation(id))
        .unwrap_or(Value::Null);
    let valid_until = award.date.as_ref().and_then(Moment::day).and_then(|day| {
        let from_period = cred
            .valid_for
            .as_ref()
            .map(|(n, unit)| match unit.as_str() {
                "months" => add_months(day, *n),
                _ => day.plus_years(*n as u16),
            });
        from_period
            .or(cred.valid_until)
            .map(|d| format!("{}T23:59:59Z", d.iso()))
    });
    let subject = w.person(award, cred, &issued);
    let evidence = (cred.issuer.is_some() && !cred.mandate.is_empty()).then(|| {
        object([
            ("id", json!(w.ids.next("evidence"))),
            ("type", json!("Evidence")),
            (
                "dcType",
                fixed_concept(Scheme::EvidenceType, EVIDENCE_MANDATE),
            ),
            (
                "evidenceStatement",
                json!(cred
                    .mandate
                    .get(lang)
                    .or(cred.mandate.first())
                    .unwrap_or_default()),
            ),
        ])
    });
    let display = w.display(cred, pages);
    let number = award.number.as_ref().map(|n| {
        json!({"id": w.ids.next("identifier"), "type": "Identifier", "notation": n, "schemeName": Phrase::CertificateNumber.text(lang)})
    });
    // A mandated issue also meets the Issued-by-Mandate profile's shapes (Q26).
    let profiles: Vec<Profile> = match evidence {
        Some(_) => vec![Profile::Generic, Profile::IssuedByMandate],
        None => vec![Profile::Generic],
    };
    object([
        ("@context", target.context()),
        (
            "id",
            json!(award.credential_id.clone().unwrap_or_else(|| credential_id(
                &model.project.name,
                &cred.name,
                &award.key()
            ))),
        ),
        ("type", target.types()),
        (
            "credentialSchema",
            one_or_many(
                profiles
                    .iter()
                    .map(|p| json!({"id": p.schema_iri(), "type": "ShaclValidator2017"}))
                    .collect(),
            ),
        ),
        (
            "credentialProfiles",
            one_or_many(
                profiles
                    .iter()
                    .map(|p| fixed_concept(Scheme::CredentialProfile, p.concept_iri()))
                    .collect(),
            ),
        ),
        ("issuanceDate", json!(issued)),
        ("issued", json!(issued)),
        (
            "validFrom",
            json!(award.valid_from.as_ref().map(Moment::xsd).unwrap_or(issued)),
        ),
        ("validUntil", json!(valid_until)),
        ("issuer", issuer),
        ("credentialSubject", subject),
        ("evidence", evidence.unwrap_or(Value::Null)),
        ("displayParameter", display),
        ("identifier", number.unwrap_or(Value::Null)),
    ])
}

/// The specification of a micro-credential: its `Qualification` node as a document.
pub fn specification(model: &Model, credential: CredentialId) -> Value {
    let mut w = Writer::new(model);
    let spec = w.qualification(&model.credentials[credential]);
    let mut doc = Map::new();
    doc.insert("@context".into(), Target::Edc.context());
    if let Value::Object(map) = spec {
        doc.extend(map);
    }
    Value::Object(doc)
}

/// `day` plus whole months (the day is clamped to the month's length).
pub(crate) fn add_months(day: crate::syntax::ast::Date, months: u32) -> crate::syntax::ast::Date {
    let total = day.month as u32 - 1 + months;
    let year = day.year.saturating_add((total / 12) as u16);
    let month = (total % 12 + 1) as u8;
    (28..=day.day.max(28))
        .rev()
        .find_map(|d| crate::syntax::ast::Date::new(year, month, d.min(day.day)))
        .unwrap_or(day)
}

/// Builds the nodes of one document; organisations are built once and repeated verbatim.
struct Writer<'m> {
    model: &'m Model,
    ids: Ids,
    organisations: Vec<Option<Value>>,
    awarding_process: Option<Value>,
}

impl<'m> Writer<'m> {
    fn new(model: &'m Model) -> Writer<'m> {
        Writer {
            model,
            ids: Ids::default(),
            organisations: vec![None; model.organisations.len()],
            awarding_process: None,
        }
    }

    fn lang(&self) -> &'m str {
        &self.model.project.default_language
    }

    fn organisation(&mut self, id: OrgId) -> Value {
        if let Some(Some(done)) = self.organisations.get(id) {
            return done.clone();
        }
        let org = &self.model.organisations[id];
        let node_id = self.ids.next("org");
        let country = org.country.as_ref().map(term);
        let legal_identifier = |ids: &mut Ids, notation: &Option<String>| match (notation, &country)
        {
            (Some(n), Some(c)) => object([
                ("id", json!(ids.next("legalIdentifier"))),
                ("type", json!("LegalIdentifier")),
                ("notation", json!(n)),
                ("spatial", c.clone()),
            ]),
            _ => Value::Null,
        };
        let registration = legal_identifier(&mut self.ids, &org.legal_id);
        let eidas = legal_identifier(&mut self.ids, &org.eidas_id);
        let vat = legal_identifier(&mut self.ids, &org.vat_id);
        let tax = legal_identifier(&mut self.ids, &org.tax_id);
        let group = (!org.member_of.is_empty()).then(|| {
            let id = self.ids.next("group");
            let contact =
                (org.alliance_email.is_some() || org.alliance_phone.is_some()).then(|| {
                    contact_point(
                        &mut self.ids,
                        org.alliance_email.as_deref(),
                        org.alliance_phone.as_deref(),
                        None,
                    )
                });
            object([
                ("id", json!(id)),
                ("type", json!("Group")),
                ("prefLabel", lang_map(&org.member_of)),
                ("contactPoint", contact.unwrap_or(Value::Null)),
            ])
        });
        let lang = self.lang();
        let location = country.clone().map(|c| {
            let id = self.ids.next("location");
            let address = nodes::address(&mut self.ids, &org.address, c);
            object([
                ("id", json!(id)),
                ("type", json!("Location")),
                ("description", lang_map(&org.location)),
                ("address", address),
                (
                    "spatialCode",
                    org.region
                        .as_ref()
                        .map(nodes::region_concept)
                        .unwrap_or(Value::Null),
                ),
            ])
        });
        let homepage = org
            .homepage
            .as_ref()
            .map(|u| web_resource(&mut self.ids, u));
        let contact_address = org.contact_address.as_deref().zip(country.clone());
        let contact = (org.email.is_some() || org.phone.is_some() || contact_address.is_some())
            .then(|| {
                let address = contact_address.map(|(text, c)| {
                    nodes::address(&mut self.ids, &LangText::single(lang, text), c)
                });
                contact_point(
                    &mut self.ids,
                    org.email.as_deref(),
                    org.phone.as_deref(),
                    address,
                )
            });
        let identifiers: Vec<Value> = org
            .identifiers
            .iter()
            .map(|i| {
                json!({"id": self.ids.next("identifier"), "type": "Identifier", "notation": i.notation, "schemeName": i.scheme})
            })
            .collect();
        let logo = org
            .logo
            .as_ref()
            .and_then(|l| l.image.as_ref())
            .map(|image| nodes::image_media_object(&mut self.ids, image));
        let node = object([
            ("id", json!(node_id)),
            ("type", json!("Organisation")),
            ("legalName", lang_map(&org.legal_name)),
            ("altLabel", lang_map(&org.acronym)),
            ("registration", registration),
            ("eIDASIdentifier", eidas),
            ("vatIdentifier", vat),
            ("taxIdentifier", tax),
            ("identifier", one_or_many(identifiers)),
            ("groupMemberOf", group.unwrap_or(Value::Null)),
            ("location", location.unwrap_or(Value::Null)),
            ("homepage", homepage.unwrap_or(Value::Null)),
            ("contactPoint", contact.unwrap_or(Value::Null)),
            ("logo", logo.unwrap_or(Value::Null)),
        ]);
        self.organisations[id] = Some(node.clone());
        node
    }

    fn person(&mut self, award: &Award, cred: &Credential, issued: &str) -> Value {
        let lang = self.lang();
        let learner = &award.learner;
        let person_id = self.ids.next("person");
        let mut identifiers = Vec::new();
        if let Some(sid) = &learner.student_id {
            identifiers.push(json!({"id": self.ids.next("identifier"), "type": "Identifier", "notation": sid, "schemeName": Phrase::StudentNumber.text(lang)}));
        }
        let mut national = Value::Null;
        if let Some((nid, country)) = &learner.national_id {
            match country {
                Some(c) => national = json!({"id": self.ids.next("legalIdentifier"), "type": "LegalIdentifier", "notation": nid, "spatial": term(c)}),
                None => identifiers.push(json!({"id": self.ids.next("identifier"), "type": "Identifier", "notation": nid, "schemeName": Phrase::NationalIdentifier.text(lang)})),
            }
        }
        let contact = (learner.email.is_some() || learner.address.is_some()).then(|| {
            let address = learner.address.as_ref().map(|(text, country)| {
                nodes::address(&mut self.ids, &LangText::single(lang, text), term(country))
            });
            contact_point(&mut self.ids, learner.email.as_deref(), None, address)
        });
        // The place of birth as the Commission's tools write it: a location whose address
        // is the place's name and its country.
        let place_of_birth = learner.place_of_birth.as_ref().map(|(place, country)| {
            let id = self.ids.next("location");
            let address =
                nodes::address(&mut self.ids, &LangText::single(lang, place), term(country));
            object([
                ("id", json!(id)),
                ("type", json!("Location")),
                ("address", address),
            ])
        });
        let claim = self.achievement(award, cred, issued);
        object([
            ("id", json!(person_id)),
            ("type", json!("Person")),
            // names in the language they are tagged with (`"Олена"@uk`)
            ("givenName", lang_map(&learner.given_name)),
            ("familyName", lang_map(&learner.family_name)),
            ("fullName", lang_map(&learner.display_name())),
            (
                "dateOfBirth",
                learner
                    .birth_date
                    .as_ref()
                    .map(|d| json!(d.xsd()))
                    .unwrap_or(Value::Null),
            ),
            ("identifier", one_or_many(identifiers)),
            ("nationalID", national),
            ("placeOfBirth", place_of_birth.unwrap_or(Value::Null)),
            ("citizenshipCountry", terms(&learner.citizenship)),
            (
                "gender",
                learner.gender.as_ref().map(term).unwrap_or(Value::Null),
            ),
            ("contactPoint", contact.unwrap_or(Value::Null)),
            ("hasClaim", claim),
        ])
    }

    fn awarding_process(&mut self, cred: &Credential, issued: &str) -> Value {
        if let Some(done) = &self.awarding_process {
            return done.clone();
        }
        let id = self.ids.next("awardingProcess");
        let bodies = cred
            .awarding_bodies
            .iter()
            .map(|&o| self.organisation(o))
            .collect();
        let node = object([
            ("id", json!(id)),
            ("type", json!("AwardingProcess")),
            ("awardingBody", one_or_many(bodies)),
            (
                "awardingDate",
                if issued.is_empty() {
                    Value::Null
                } else {
                    json!(issued)
                },
            ),
        ]);
        self.awarding_process = Some(node.clone());
        node
    }

    fn achievement(&mut self, award: &Award, cred: &Credential, issued: &str) -> Value {
        let lang = self.lang();
        let id = self.ids.next("learningAchievement");
        let process = self.awarding_process(cred, issued);
        let credit = self.credit_points(cred);
        let grade_text = if award.grade.is_empty() {
            Phrase::Passed.in_languages([lang])
        } else {
            award.grade.clone()
        };
        let assessments: Vec<Value> = cred
            .assessments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let id = self.ids.next("learningAssessment");
                let own = award.results.iter().find(|(j, _)| *j == i);
                let grade = note(&mut self.ids, own.map_or(&grade_text, |(_, g)| g), None);
                let spec = self.assessment_spec(a);
                let assessor = a.assessed_by.map(|o| self.organisation(o));
                object([
                    ("id", json!(id)),
                    ("type", json!("LearningAssessment")),
                    ("title", lang_map(&a.title)),
                    ("awardedBy", process.clone()),
                    ("assessedBy", assessor.unwrap_or(Value::Null)),
                    ("grade", grade),
                    (
                        "dateIssued",
                        if issued.is_empty() {
                            Value::Null
                        } else {
                            json!(issued)
                        },
                    ),
                    (
                        "idVerification",
                        a.supervision.as_ref().map(term).unwrap_or(Value::Null),
                    ),
                    ("specifiedBy", spec),
                ])
            })
            .collect();
        let period = award.period.as_ref().map(|(start, end)| {
            json!({"id": self.ids.next("period"), "type": "PeriodOfTime",
                   "startDate": start.xsd(), "endDate": end.xsd()})
        });
        let activities: Vec<Value> = cred
            .activities
            .iter()
            .map(|a| {
                let id = self.ids.next("activity");
                let spec = self.activity_spec(a);
                let director = a.directed_by.map(|o| self.organisation(o));
                object([
                    ("id", json!(id)),
                    ("type", json!("LearningActivity")),
                    ("title", lang_map(&a.title)),
                    ("awardedBy", process.clone()),
                    ("directedBy", director.unwrap_or(Value::Null)),
                    ("temporal", period.clone().unwrap_or(Value::Null)),
                    ("specifiedBy", spec),
                ])
            })
            .collect();
        let spec = self.qualification(cred);
        object([
            ("id", json!(id)),
            ("type", json!("LearningAchievement")),
            ("title", lang_map(&cred.title)),
            ("description", lang_map(&cred.description)),
            ("awardedBy", process),
            ("creditReceived", credit),
            ("provenBy", one_or_many(assessments)),
            ("influencedBy", one_or_many(activities)),
            ("specifiedBy", spec),
        ])
    }

    /// The credential's credit points: ECTS, then ECVET.
    fn credit_points(&mut self, cred: &Credential) -> Value {
        let systems = [(cred.ects, ECTS), (cred.ecvet, ECVET)];
        let credits = systems
            .into_iter()
            .filter_map(|(value, framework)| {
                value.map(|v| {
                    json!({
                        "id": self.ids.next("creditPoint"),
                        "type": "CreditPoint",
                        "framework": fixed_concept(Scheme::EducationCredit, framework),
                        "point": points(v),
                    })
                })
            })
            .collect();
        one_or_many(credits)
    }

    fn assessment_spec(&mut self, a: &Assessment) -> Value {
        let id = self.ids.next("learningAssessmentSpec");
        let grading = a.grading.as_ref().map(|g| {
            let id = self.ids.next("gradingScheme");
            let doc = g.url.as_ref().map(|u| web_resource(&mut self.ids, u));
            object([
                ("id", json!(id)),
                ("type", json!("GradingScheme")),
                ("title", lang_map(&g.title)),
                ("description", lang_map(&g.description)),
                ("supplementaryDocument", doc.unwrap_or(Value::Null)),
            ])
        });
        object([
            ("id", json!(id)),
            ("type", json!("LearningAssessmentSpecification")),
            ("title", lang_map(&a.title)),
            ("description", lang_map(&a.description)),
            (
                "dcType",
                a.kind
                    .as_ref()
                    .map(|k| self.term_or_own(k, "assessment-type"))
                    .unwrap_or(Value::Null),
            ),
            ("mode", terms(&a.modes)),
            ("language", terms(&a.languages)),
            ("gradingScheme", grading.unwrap_or(Value::Null)),
        ])
    }

    /// A list word as its concept; the issuer's own term as its own concept in the scheme
    /// `scheme_key` (`urn:epass:concept:<kebab of its first text>`), labelled in each of
    /// its languages.
    fn term_or_own(&self, kind: &TermOrText, scheme_key: &str) -> Value {
        match kind {
            TermOrText::Term(t) => term(t),
            TermOrText::Text(text) => own_concept(
                &crate::vocab::kebab(text.first().unwrap_or_default()),
                scheme_key,
                text,
            ),
        }
    }

    fn activity_spec(&mut self, a: &Activity) -> Value {
        let id = self.ids.next("learningActivitySpec");
        let kinds = a
            .kinds
            .iter()
            .map(|kind| self.term_or_own(kind, "activity-type"))
            .collect();
        let notes: Vec<Value> = a
            .further_information
            .iter()
            .map(|info| further_information(&mut self.ids, info))
            .collect();
        let documents: Vec<Value> = a
            .documents
            .iter()
            .map(|doc| {
                object([
                    ("id", json!(self.ids.next("webResource"))),
                    ("type", json!("WebResource")),
                    ("contentURL", json!(doc.url)),
                    ("title", lang_map(&doc.title)),
                ])
            })
            .collect();
        object([
            ("id", json!(id)),
            ("type", json!("LearningActivitySpecification")),
            ("title", lang_map(&a.title)),
            ("description", lang_map(&a.description)),
            ("dcType", one_or_many(kinds)),
            ("mode", terms(&a.modes)),
            ("language", terms(&a.languages)),
            (
                "volumeOfLearning",
                a.time.map(|t| json!(t.duration())).unwrap_or(Value::Null),
            ),
            ("additionalNote", one_or_many(notes)),
            ("supplementaryDocument", one_or_many(documents)),
        ])
    }

    /// The micro-credential's definition: title, outcomes, workload, level, mode, QA ...
    fn qualification(&mut self, cred: &Credential) -> Value {
        let id = self.ids.next("qualification");
        let outcomes: Vec<Value> = cred.outcomes.iter().map(|o| self.outcome(o)).collect();
        let summary = (!cred.outcomes_summary.is_empty())
            .then(|| note(&mut self.ids, &cred.outcomes_summary, None));
        let credit = self.credit_points(cred);
        let prerequisites = (!cred.prerequisites.is_empty())
            .then(|| note(&mut self.ids, &cred.prerequisites, None));
        let mut accreditations = Vec::new();
        let mut notes = Vec::new();
        for qa in &cred.quality_assurance {
            match qa {
                QualityAssurance::Organisation(org) => {
                    for acc in &self.model.organisations[*org].accreditations {
                        accreditations.push(self.accreditation(acc));
                    }
                }
                QualityAssurance::Text(text) => {
                    let subject = own_concept(
                        "qualityAssurance",
                        "annex1",
                        &Phrase::QualityAssurance.everywhere(),
                    );
                    notes.push(note(&mut self.ids, text, Some(subject)));
                }
            }
        }
        let stack_subject =
            || own_concept("stackability", "annex1", &Phrase::Stackability.everywhere());
        // Stackability notes speak the languages the credential's title is given in.
        let title_langs: Vec<&str> = cred.title.0.iter().map(|(l, _)| l.as_str()).collect();
        for &q in &cred.stackable_into {
            let qual = &self.model.qualifications[q];
            let ects = qual
                .ects
                .map(|e| format!(" ({} ECTS)", points(e)))
                .unwrap_or_default();
            let mut text = LangText::default();
            for l in &title_langs {
                let title = qual
                    .title
                    .get(l)
                    .or(qual.title.first())
                    .unwrap_or(&qual.name);
                text.0.push((
                    (*l).to_string(),
                    format!("{}: {title}{ects}", Phrase::CountsTowards.text(l)),
                ));
            }
            notes.push(note(&mut self.ids, &text, Some(stack_subject())));
        }
        if cred.stand_alone {
            notes.push(note(
                &mut self.ids,
                &Phrase::StandAlone.in_languages(title_langs.iter().copied()),
                Some(stack_subject()),
            ));
        }
        for info in &cred.further_information {
            notes.push(further_information(&mut self.ids, info));
        }
        // `eqf none` has no ELM property: Annex I's "not applicable" is said in a note.
        if cred.eqf == Level::NotApplicable {
            let text = Phrase::LevelNotApplicable.in_languages(title_langs.iter().copied());
            notes.push(level_note(&mut self.ids, &text));
        }
        // QF-EHEA has no ELM property either: the cycle is a level note too.
        if let Some(cycle) = cred.qf_ehea.and_then(Phrase::cycle) {
            let text = cycle.in_languages(title_langs.iter().copied());
            notes.push(level_note(&mut self.ids, &text));
        }
        let eqf = match &cred.eqf {
            Level::Eqf(t) => term(t),
            Level::NotApplicable | Level::Unstated => Value::Null,
        };
        let entitlements: Vec<Value> = cred
            .entitlements
            .iter()
            .map(|e| self.entitlement(e))
            .collect();
        object([
            ("id", json!(id)),
            ("type", json!("Qualification")),
            ("title", lang_map(&cred.title)),
            ("description", lang_map(&cred.description)),
            (
                "dcType",
                cred.opportunity_type
                    .as_ref()
                    .map(term)
                    .unwrap_or(Value::Null),
            ),
            ("learningOutcome", one_or_many(outcomes)),
            ("learningOutcomeSummary", summary.unwrap_or(Value::Null)),
            ("creditPoint", credit),
            (
                "volumeOfLearning",
                cred.time
                    .map(|t| json!(t.duration()))
                    .unwrap_or(Value::Null),
            ),
            ("eqfLevel", eqf),
            ("nqfLevel", terms(&cred.nqf)),
            ("mode", terms(&cred.modes)),
            (
                "learningSetting",
                cred.setting.as_ref().map(term).unwrap_or(Value::Null),
            ),
            ("thematicArea", terms(&cred.fields)),
            ("language", terms(&cred.languages)),
            ("entryRequirement", prerequisites.unwrap_or(Value::Null)),
            (
                "isPartialQualification",
                match (cred.stackable_into.is_empty(), cred.stand_alone) {
                    (false, _) => json!(true),
                    (true, true) => json!(false),
                    (true, false) => Value::Null,
                },
            ),
            ("accreditation", one_or_many(accreditations)),
            ("additionalNote", one_or_many(notes)),
            ("entitlesTo", one_or_many(entitlements)),
            (
                "maximumDuration",
                cred.maximum_duration
                    .as_ref()
                    .map(|d| json!(d))
                    .unwrap_or(Value::Null),
            ),
        ])
    }

    /// A learning entitlement's specification (Q12).
    fn entitlement(&mut self, e: &Entitlement) -> Value {
        let id = self.ids.next("learningEntitlementSpec");
        let granted_by: Vec<Value> = e.granted_by.iter().map(|&o| self.organisation(o)).collect();
        object([
            ("id", json!(id)),
            ("type", json!("LearningEntitlementSpecification")),
            ("title", lang_map(&e.title)),
            ("description", lang_map(&e.description)),
            ("dcType", term(&e.kind)),
            ("entitlementStatus", term(&e.status)),
            ("limitOccupation", terms(&e.occupations)),
            ("limitOrganisation", one_or_many(granted_by)),
            (
                "limitJurisdiction",
                one_or_many(e.jurisdictions.iter().map(nodes::region_concept).collect()),
            ),
        ])
    }

    fn outcome(&mut self, o: &Outcome) -> Value {
        let skills: Vec<Value> = o
            .skills
            .iter()
            .map(|s| {
                let mut labels = Map::new();
                for (l, label) in s.pref_labels() {
                    labels.insert((*l).to_string(), json!(label));
                }
                object([
                    ("id", json!(s.iri())),
                    ("type", json!("Concept")),
                    (
                        "inScheme",
                        json!({"id": "http://data.europa.eu/esco/concept-scheme/skills", "type": "ConceptScheme"}),
                    ),
                    ("prefLabel", Value::Object(labels)),
                    ("notation", json!(crate::vocab::esco::SKILL_NOTATION)),
                ])
            })
            .collect();
        let related: Vec<Value> = o
            .related
            .iter()
            .map(|s| {
                object([
                    ("id", json!(s.iri)),
                    ("type", json!("Concept")),
                    (
                        "inScheme",
                        s.framework
                            .as_ref()
                            .map(|f| json!({"id": f, "type": "ConceptScheme"}))
                            .unwrap_or(Value::Null),
                    ),
                    ("prefLabel", lang_map(&s.label)),
                ])
            })
            .collect();
        object([
            ("id", json!(self.ids.next("learningOutcome"))),
            ("type", json!("LearningOutcome")),
            ("title", lang_map(&o.title)),
            ("relatedESCOSkill", one_or_many(skills)),
            ("relatedSkill", one_or_many(related)),
            (
                "dcType",
                o.skill_type.as_ref().map(term).unwrap_or(Value::Null),
            ),
            (
                "reusabilityLevel",
                o.reuse.as_ref().map(term).unwrap_or(Value::Null),
            ),
        ])
    }

    fn accreditation(&mut self, acc: &Accreditation) -> Value {
        let id = self.ids.next("accreditation");
        let agent = acc.by.map(|o| self.organisation(o));
        let homepage = acc
            .homepage
            .as_ref()
            .map(|u| web_resource(&mut self.ids, u));
        object([
            ("id", json!(id)),
            ("type", json!("Accreditation")),
            ("title", lang_map(&acc.title)),
            ("dcType", acc.kind.as_ref().map(term).unwrap_or(Value::Null)),
            ("accreditingAgent", agent.unwrap_or(Value::Null)),
            (
                "expiryDate",
                acc.valid_until
                    .map(|d| json!(format!("{}T23:59:59Z", d.iso())))
                    .unwrap_or(Value::Null),
            ),
            ("homepage", homepage.unwrap_or(Value::Null)),
        ])
    }

    fn display(&mut self, cred: &Credential, pages: &[DisplayPages]) -> Value {
        let lang = self.lang();
        let languages: Vec<Value> = cred
            .title
            .0
            .iter()
            .map(|(l, _)| language_concept(l))
            .collect();
        let id = self.ids.next("displayParameter");
        let individual: Vec<Value> = pages.iter().map(|p| self.individual_display(p)).collect();
        object([
            ("id", json!(id)),
            ("type", json!("DisplayParameter")),
            (
                "title",
                lang_map(if cred.display_title.is_empty() {
                    &cred.title
                } else {
                    &cred.display_title
                }),
            ),
            ("description", lang_map(&cred.subtitle)),
            ("language", one_or_many(languages)),
            ("primaryLanguage", language_concept(lang)),
            ("individualDisplay", one_or_many(individual)),
        ])
    }

    /// The page images of one language.
    fn individual_display(&mut self, pages: &DisplayPages) -> Value {
        let id = self.ids.next("individualDisplay");
        let details: Vec<Value> = pages
            .png
            .iter()
            .enumerate()
            .map(|(i, png)| {
                object([
                    ("id", json!(self.ids.next("displayDetail"))),
                    ("type", json!("DisplayDetail")),
                    ("page", json!(i + 1)),
                    ("image", nodes::png_media_object(&mut self.ids, png)),
                ])
            })
            .collect();
        object([
            ("id", json!(id)),
            ("type", json!("IndividualDisplay")),
            ("language", language_concept(&pages.language)),
            ("displayDetail", one_or_many(details)),
        ])
    }
}

/// A note on the level (Annex I's "level (and cycle, if applicable)") that has no ELM
/// property of its own.
fn level_note(ids: &mut Ids, text: &LangText) -> Value {
    let subject = own_concept("level", "annex1", &Phrase::Level.everywhere());
    note(ids, text, Some(subject))
}

/// A note of further information (Annex I's "further information").
fn further_information(ids: &mut Ids, info: &LangText) -> Value {
    let subject = own_concept(
        "furtherInformation",
        "annex1",
        &Phrase::FurtherInformation.everywhere(),
    );
    note(ids, info, Some(subject))
}

fn contact_point(
    ids: &mut Ids,
    email: Option<&str>,
    phone: Option<&str>,
    address: Option<Value>,
) -> Value {
    let id = ids.next("contactPoint");
    let phone = phone
        .map(|number| json!({"id": ids.next("phone"), "type": "Phone", "phoneNumber": number}));
    object([
        ("id", json!(id)),
        ("type", json!("ContactPoint")),
        (
            "emailAddress",
            email.map_or(
                Value::Null,
                |e| json!({"id": format!("mailto:{e}"), "type": "Mailbox"}),
            ),
        ),
        ("phone", phone.unwrap_or(Value::Null)),
        ("address", address.unwrap_or(Value::Null)),
    ])
}
