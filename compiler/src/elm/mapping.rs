//! Where each Laurel field lands in the ELM credential: the table behind the lowering,
//! the language reference and the Annex I conformance tests.

use serde_json::Value;

use crate::diag::AnnexElement;
use crate::syntax::schema::BlockKind;

/// One row: a field of a block and the ELM path(s) it fills in an awarded credential.
#[derive(Debug, Clone, Copy)]
pub struct Mapping {
    /// The block.
    pub block: BlockKind,
    /// The field.
    pub key: &'static str,
    /// Slash-separated path from the credential root; arrays are looked through.
    pub path: &'static str,
    /// The Annex I element carried, if any.
    pub annex: Option<AnnexElement>,
}

macro_rules! rows {
    ($( $block:ident $key:literal $path:expr, $annex:expr; )*) => {
        /// Every mapping, grouped by block.
        pub const FIELD_MAP: &[Mapping] = &[$(Mapping { block: BlockKind::$block, key: $key, path: $path, annex: $annex }),*];
    };
}

use AnnexElement as A;

rows! {
    MicroCredential "title" "/credentialSubject/hasClaim/title", Some(A::Title);
    MicroCredential "description" "/credentialSubject/hasClaim/specifiedBy/description", None;
    MicroCredential "subtitle" "/displayParameter/description", None;
    MicroCredential "display-title" "/displayParameter/title", None;
    MicroCredential "awarding-body" "/credentialSubject/hasClaim/awardedBy/awardingBody", Some(A::AwardingBody);
    MicroCredential "type" "/credentialSubject/hasClaim/specifiedBy/dcType", None;
    MicroCredential "language" "/credentialSubject/hasClaim/specifiedBy/language", None;
    MicroCredential "field" "/credentialSubject/hasClaim/specifiedBy/thematicArea", None;
    MicroCredential "workload" "/credentialSubject/hasClaim/specifiedBy/creditPoint/point", Some(A::Workload);
    MicroCredential "eqf" "/credentialSubject/hasClaim/specifiedBy/eqfLevel", Some(A::Level);
    MicroCredential "nqf" "/credentialSubject/hasClaim/specifiedBy/nqfLevel", Some(A::Level);
    MicroCredential "qf-ehea" "/credentialSubject/hasClaim/specifiedBy/additionalNote/noteLiteral", Some(A::Level);
    MicroCredential "mode" "/credentialSubject/hasClaim/specifiedBy/mode", Some(A::FormOfParticipation);
    MicroCredential "setting" "/credentialSubject/hasClaim/specifiedBy/learningSetting", Some(A::FormOfParticipation);
    MicroCredential "quality-assurance" "/credentialSubject/hasClaim/specifiedBy/accreditation", Some(A::QualityAssurance);
    MicroCredential "prerequisites" "/credentialSubject/hasClaim/specifiedBy/entryRequirement", Some(A::Prerequisites);
    MicroCredential "stackable-into" "/credentialSubject/hasClaim/specifiedBy/additionalNote/noteLiteral", Some(A::Stackability);
    MicroCredential "further-information" "/credentialSubject/hasClaim/specifiedBy/additionalNote/noteLiteral", Some(A::FurtherInformation);
    MicroCredential "outcome" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/title", Some(A::LearningOutcomes);
    MicroCredential "outcomes-summary" "/credentialSubject/hasClaim/specifiedBy/learningOutcomeSummary/noteLiteral", Some(A::LearningOutcomes);
    MicroCredential "activity" "/credentialSubject/hasClaim/influencedBy/specifiedBy", Some(A::FormOfParticipation);
    MicroCredential "assessment" "/credentialSubject/hasClaim/provenBy/specifiedBy", Some(A::Assessment);
    MicroCredential "issuer" "/issuer", Some(A::AwardingBody);
    MicroCredential "mandate" "/evidence/evidenceStatement", Some(A::AwardingBody);
    MicroCredential "valid-for" "/validUntil", None;
    MicroCredential "entitlement" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/title", None;
    MicroCredential "maximum-duration" "/credentialSubject/hasClaim/specifiedBy/maximumDuration", None;
    Entitlement "title" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/title", None;
    Entitlement "type" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/dcType", None;
    Entitlement "status" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/entitlementStatus", None;
    Entitlement "description" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/description", None;
    Entitlement "occupation" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/limitOccupation", None;
    Entitlement "granted-by" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/limitOrganisation", None;
    MicroCredential "valid-until" "/validUntil", None;
    Organisation "legal-name" "/credentialSubject/hasClaim/awardedBy/awardingBody/legalName", Some(A::AwardingBody);
    Organisation "legal-id" "/credentialSubject/hasClaim/awardedBy/awardingBody/registration/notation", Some(A::AwardingBody);
    Organisation "eidas-id" "/issuer/eIDASIdentifier/notation", None;
    Organisation "country" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/address/countryCode", Some(A::Country);
    Organisation "address" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/address/fullAddress/noteLiteral", Some(A::Country);
    Organisation "location" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/description", None;
    Organisation "homepage" "/credentialSubject/hasClaim/awardedBy/awardingBody/homepage/contentURL", None;
    Organisation "email" "/credentialSubject/hasClaim/awardedBy/awardingBody/contactPoint/emailAddress", None;
    Organisation "phone" "/credentialSubject/hasClaim/awardedBy/awardingBody/contactPoint/phone/phoneNumber", None;
    Organisation "region" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/spatialCode/prefLabel", Some(A::Country);
    Region "title" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/spatialCode/prefLabel", None;
    Region "iri" "/credentialSubject/hasClaim/awardedBy/awardingBody/location/spatialCode/id", Some(A::Country);
    Entitlement "jurisdiction" "/credentialSubject/hasClaim/specifiedBy/entitlesTo/limitJurisdiction/prefLabel", None;
    Organisation "contact-address" "/credentialSubject/hasClaim/awardedBy/awardingBody/contactPoint/address/fullAddress/noteLiteral", None;
    Organisation "identifier" "/credentialSubject/hasClaim/awardedBy/awardingBody/identifier/notation", Some(A::AwardingBody);
    Identifier "scheme" "/credentialSubject/hasClaim/awardedBy/awardingBody/identifier/schemeName", Some(A::AwardingBody);
    Organisation "logo" "/credentialSubject/hasClaim/awardedBy/awardingBody/logo/content", None;
    Organisation "vat-id" "/credentialSubject/hasClaim/awardedBy/awardingBody/vatIdentifier/notation", Some(A::AwardingBody);
    Organisation "tax-id" "/credentialSubject/hasClaim/awardedBy/awardingBody/taxIdentifier/notation", Some(A::AwardingBody);
    Organisation "acronym" "/credentialSubject/hasClaim/awardedBy/awardingBody/altLabel", None;
    Organisation "member-of" "/credentialSubject/hasClaim/awardedBy/awardingBody/groupMemberOf/prefLabel", None;
    Alliance "email" "/credentialSubject/hasClaim/awardedBy/awardingBody/groupMemberOf/contactPoint/emailAddress/id", None;
    Alliance "phone" "/credentialSubject/hasClaim/awardedBy/awardingBody/groupMemberOf/contactPoint/phone/phoneNumber", None;
    Organisation "accreditation" "/credentialSubject/hasClaim/specifiedBy/accreditation", Some(A::QualityAssurance);
    Accreditation "type" "/credentialSubject/hasClaim/specifiedBy/accreditation/dcType", Some(A::QualityAssurance);
    Accreditation "title" "/credentialSubject/hasClaim/specifiedBy/accreditation/title", Some(A::QualityAssurance);
    Accreditation "by" "/credentialSubject/hasClaim/specifiedBy/accreditation/accreditingAgent", Some(A::QualityAssurance);
    Accreditation "valid-until" "/credentialSubject/hasClaim/specifiedBy/accreditation/expiryDate", None;
    Accreditation "homepage" "/credentialSubject/hasClaim/specifiedBy/accreditation/homepage/contentURL", None;
    Outcome "title" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/title", Some(A::LearningOutcomes);
    Outcome "related-skill" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/relatedSkill/prefLabel", Some(A::LearningOutcomes);
    RelatedSkill "title" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/relatedSkill/prefLabel", None;
    RelatedSkill "iri" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/relatedSkill/id", Some(A::LearningOutcomes);
    RelatedSkill "framework" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/relatedSkill/inScheme/id", None;
    Outcome "skill" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/relatedESCOSkill", Some(A::LearningOutcomes);
    Outcome "type" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/dcType", None;
    Outcome "reuse" "/credentialSubject/hasClaim/specifiedBy/learningOutcome/reusabilityLevel", None;
    Activity "title" "/credentialSubject/hasClaim/influencedBy/title", None;
    Activity "type" "/credentialSubject/hasClaim/influencedBy/specifiedBy/dcType", Some(A::FormOfParticipation);
    Activity "mode" "/credentialSubject/hasClaim/influencedBy/specifiedBy/mode", Some(A::FormOfParticipation);
    Activity "description" "/credentialSubject/hasClaim/influencedBy/specifiedBy/description", None;
    Activity "language" "/credentialSubject/hasClaim/influencedBy/specifiedBy/language", None;
    Activity "directed-by" "/credentialSubject/hasClaim/influencedBy/directedBy", None;
    Activity "workload" "/credentialSubject/hasClaim/influencedBy/specifiedBy/volumeOfLearning", Some(A::Workload);
    Activity "further-information" "/credentialSubject/hasClaim/influencedBy/specifiedBy/additionalNote/noteLiteral", None;
    Activity "document" "/credentialSubject/hasClaim/influencedBy/specifiedBy/supplementaryDocument/title", None;
    Document "title" "/credentialSubject/hasClaim/influencedBy/specifiedBy/supplementaryDocument/title", None;
    Document "url" "/credentialSubject/hasClaim/influencedBy/specifiedBy/supplementaryDocument/contentURL", None;
    Assessment "title" "/credentialSubject/hasClaim/provenBy/title", Some(A::Assessment);
    Assessment "type" "/credentialSubject/hasClaim/provenBy/specifiedBy/dcType", Some(A::Assessment);
    Assessment "mode" "/credentialSubject/hasClaim/provenBy/specifiedBy/mode", Some(A::Assessment);
    Assessment "description" "/credentialSubject/hasClaim/provenBy/specifiedBy/description", Some(A::Assessment);
    Assessment "language" "/credentialSubject/hasClaim/provenBy/specifiedBy/language", Some(A::Assessment);
    Assessment "assessed-by" "/credentialSubject/hasClaim/provenBy/assessedBy", Some(A::Assessment);
    Assessment "supervision" "/credentialSubject/hasClaim/provenBy/idVerification", Some(A::Supervision);
    Assessment "grading" "/credentialSubject/hasClaim/provenBy/specifiedBy/gradingScheme", Some(A::Grade);
    Grading "url" "/credentialSubject/hasClaim/provenBy/specifiedBy/gradingScheme/supplementaryDocument/contentURL", Some(A::Grade);
    Grading "description" "/credentialSubject/hasClaim/provenBy/specifiedBy/gradingScheme/description", Some(A::Grade);
    Award "learner" "/credentialSubject", Some(A::LearnerIdentification);
    Award "date" "/issued", Some(A::DateOfIssuing);
    Award "grade" "/credentialSubject/hasClaim/provenBy/grade/noteLiteral", Some(A::Grade);
    Award "result" "/credentialSubject/hasClaim/provenBy/grade/noteLiteral", Some(A::Grade);
    Result "grade" "/credentialSubject/hasClaim/provenBy/grade/noteLiteral", Some(A::Grade);
    Award "period" "/credentialSubject/hasClaim/influencedBy/temporal", None;
    Award "key" "/id", None;
    Award "number" "/identifier/notation", None;
    Award "valid-from" "/validFrom", None;
    Award "credential-id" "/id", None;
    Learner "given-name" "/credentialSubject/givenName", Some(A::LearnerIdentification);
    Learner "family-name" "/credentialSubject/familyName", Some(A::LearnerIdentification);
    Learner "full-name" "/credentialSubject/fullName", Some(A::LearnerIdentification);
    Learner "birth-date" "/credentialSubject/dateOfBirth", Some(A::LearnerIdentification);
    Learner "email" "/credentialSubject/contactPoint/emailAddress", Some(A::LearnerIdentification);
    Learner "student-id" "/credentialSubject/identifier/notation", Some(A::LearnerIdentification);
    Learner "national-id" "/credentialSubject/nationalID/notation", Some(A::LearnerIdentification);
    Learner "citizenship" "/credentialSubject/citizenshipCountry", None;
    Learner "place-of-birth" "/credentialSubject/placeOfBirth/address/fullAddress/noteLiteral", None;
    Learner "gender" "/credentialSubject/gender", None;
    Learner "address" "/credentialSubject/contactPoint/address/fullAddress/noteLiteral", None;
}

/// Every value at a path; arrays on the way are looked through.
pub fn lookup<'a>(doc: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = vec![doc];
    for key in path.split('/').filter(|k| !k.is_empty()) {
        let mut next = Vec::new();
        for value in current {
            collect(value, key, &mut next);
        }
        current = next;
    }
    current
}

fn collect<'a>(value: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect(v, key, out)),
        Value::Object(map) => match map.get(key) {
            Some(Value::Array(items)) => out.extend(items.iter()),
            Some(v) => out.push(v),
            None => {}
        },
        _ => {}
    }
}

/// The mapping of a field.
pub fn mapping(block: BlockKind, key: &str) -> Option<&'static Mapping> {
    FIELD_MAP.iter().find(|m| m.block == block && m.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_field_has_a_mapping() {
        // A qualification is published, not awarded: its fields have no place in a credential.
        for block in BlockKind::ALL
            .into_iter()
            .filter(|b| *b != BlockKind::Qualification)
        {
            for field in block.fields() {
                assert!(
                    mapping(block, field.key).is_some(),
                    "{block:?} {} has no ELM mapping",
                    field.key
                );
            }
        }
    }

    #[test]
    fn lookup_looks_through_arrays() {
        let doc = serde_json::json!({"a": [{"b": 1}, {"b": [2, 3]}]});
        assert_eq!(
            lookup(&doc, "/a/b"),
            vec![
                &serde_json::json!(1),
                &serde_json::json!(2),
                &serde_json::json!(3)
            ]
        );
    }
}
