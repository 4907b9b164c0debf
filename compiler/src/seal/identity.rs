//! Who a seal certificate names, and the credential's issuer next to it: filled from
//! the certificate as the EU issuer does ([`fill_issuer`]), or compared with it
//! ([`binding`]).

use serde_json::{json, Map, Value};
use x509_parser::certificate::X509Certificate;
use x509_parser::oid_registry::Oid;

/// The subject of a seal certificate, as far as a credential's issuer is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// Organisation (`O`): the legal name.
    pub organization: Option<String>,
    /// Common name (`CN`).
    pub common_name: Option<String>,
    /// organizationIdentifier (2.5.4.97, ETSI EN 319 412-1), e.g. `VATDE-814736520`.
    pub organization_identifier: Option<String>,
    /// Country (`C`), ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

impl Identity {
    /// The subject of `cert`.
    pub fn of(cert: &X509Certificate<'_>) -> Identity {
        let subject = cert.subject();
        let organization_identifier = Oid::from(&[2, 5, 4, 97])
            .ok()
            .and_then(|oid| first(subject.iter_by_oid(&oid).map(|a| a.as_str())));
        Identity {
            organization: first(subject.iter_organization().map(|a| a.as_str())),
            common_name: first(subject.iter_common_name().map(|a| a.as_str())),
            organization_identifier,
            country: first(subject.iter_country().map(|a| a.as_str())),
        }
    }

    /// The legal name (O) and eIDAS identifier (organizationIdentifier) an issuer is
    /// filled with, or why the certificate cannot give them.
    pub fn issuer_names(&self) -> Result<(&str, &str), String> {
        match (&self.organization, &self.organization_identifier) {
            (Some(o), Some(id)) => Ok((o, id)),
            _ => Err(format!(
                "the seal certificate names {}: filling the issuer needs both O (the legal name) and organizationIdentifier (the eIDAS identifier)",
                self.describe()
            )),
        }
    }

    /// `O = …, organizationIdentifier = …`, for messages.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            ("O", &self.organization),
            ("organizationIdentifier", &self.organization_identifier),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} = \"{v}\"")))
        .collect();
        if parts.is_empty() {
            "no organisation".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A certificate's subject for messages, with organizationIdentifier named
/// (`C=DE, O=…, CN=…, organizationIdentifier=…`).
pub fn subject(cert: &X509Certificate<'_>) -> String {
    cert.subject()
        .to_string()
        .replace("OID(2.5.4.97)", "organizationIdentifier")
}

fn first<'a, E>(mut values: impl Iterator<Item = Result<&'a str, E>>) -> Option<String> {
    values
        .find_map(Result::ok)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Writes the certificate's identity into the credential's issuer, everywhere the issuer
/// appears (the same `id`): `legalName` ← O, `altLabel` ← CN, `eIDASIdentifier` ←
/// organizationIdentifier with the country of C, as the EU issuer does when it seals.
/// Names keep the issuer's first language. Returns what changed, in plain words.
pub fn fill_issuer(credential: &mut Value, identity: &Identity) -> Result<Vec<String>, String> {
    let (organization, identifier) = identity.issuer_names()?;
    let Some(issuer_id) = credential
        .get("issuer")
        .and_then(|i| i.get("id"))
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return Err("the credential has no `issuer` with an `id`".into());
    };
    let country = identity
        .country
        .as_deref()
        .and_then(crate::vocab::country_for_iso)
        .map(crate::elm::country_concept);
    let mut changes = Vec::new();
    let issuer = &credential["issuer"];
    let language = issuer
        .get("legalName")
        .and_then(Value::as_object)
        .and_then(|names| names.keys().next().cloned())
        .unwrap_or_else(|| "en".into());
    if legal_names(issuer).iter().all(|n| n != organization) {
        changes.push(format!("legal name ← \"{organization}\""));
    }
    if issuer_eidas(issuer) != Some(identifier) {
        changes.push(format!("eIDAS identifier ← \"{identifier}\""));
    }
    let eidas_id = issuer
        .get("eIDASIdentifier")
        .and_then(|e| e.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("urn:epass:legalIdentifier:seal")
        .to_string();
    let mut eidas = json!({
        "id": eidas_id,
        "type": "LegalIdentifier",
        "notation": identifier,
    });
    if let Some(country) = country {
        eidas["spatial"] = country;
    }
    let update = |node: &mut Map<String, Value>| {
        node.insert("legalName".into(), json!({ &language: organization }));
        if let Some(cn) = &identity.common_name {
            node.insert("altLabel".into(), json!({ &language: cn }));
        }
        node.insert("eIDASIdentifier".into(), eidas.clone());
    };
    update_nodes(credential, &issuer_id, &update);
    Ok(changes)
}

/// Applies `update` to every object with this `id` that is an organisation.
fn update_nodes(value: &mut Value, id: &str, update: &dyn Fn(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            if map.get("id").and_then(Value::as_str) == Some(id) && map.contains_key("legalName") {
                update(map);
            }
            for child in map.values_mut() {
                update_nodes(child, id, update);
            }
        }
        Value::Array(items) => {
            for item in items {
                update_nodes(item, id, update);
            }
        }
        _ => {}
    }
}

fn legal_names(issuer: &Value) -> Vec<String> {
    match issuer.get("legalName") {
        Some(Value::Object(names)) => names
            .values()
            .flat_map(|v| match v {
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().into_iter().collect::<Vec<_>>(),
            })
            .map(|n| n.trim().to_string())
            .collect(),
        Some(Value::String(name)) => vec![name.trim().to_string()],
        _ => Vec::new(),
    }
}

fn issuer_eidas(issuer: &Value) -> Option<&str> {
    issuer
        .get("eIDASIdentifier")
        .and_then(|e| e.get("notation"))
        .and_then(Value::as_str)
        .map(str::trim)
}

/// How the credential's issuer matches the seal certificate: `Ok` with what matched, or
/// `Err` with each difference. The EU issuer fills the issuer from the certificate, so
/// a difference means the credential was sealed by another organisation's certificate,
/// or was not sealed by the EU issuer (whose viewer may or may not compare them).
pub fn binding(credential: &Value, identity: &Identity) -> Result<String, Vec<String>> {
    let Some(issuer) = credential.get("issuer").filter(|i| i.is_object()) else {
        return Err(vec!["the credential names no issuer".into()]);
    };
    let mut differences = Vec::new();
    match &identity.organization {
        Some(o) if legal_names(issuer).contains(o) => {}
        Some(o) => differences.push(format!(
            "the certificate's organisation is \"{o}\", the issuer's legal name is {}",
            quoted_list(&legal_names(issuer))
        )),
        None => differences.push("the certificate names no organisation (O)".into()),
    }
    match (&identity.organization_identifier, issuer_eidas(issuer)) {
        (Some(id), Some(notation)) if id == notation => {}
        (Some(id), Some(notation)) => differences.push(format!(
            "the certificate's organizationIdentifier is \"{id}\", the issuer's eIDAS identifier is \"{notation}\""
        )),
        (Some(id), None) => differences.push(format!(
            "the issuer has no eIDAS identifier; the certificate's organizationIdentifier is \"{id}\""
        )),
        (None, _) => {
            differences.push("the certificate has no organizationIdentifier".into())
        }
    }
    if differences.is_empty() {
        Ok(format!(
            "the seal certificate names the issuer ({})",
            identity.describe()
        ))
    } else {
        Err(differences)
    }
}

/// The names quoted, each once, in their order.
fn quoted_list(names: &[String]) -> String {
    if names.is_empty() {
        return "missing".into();
    }
    let mut quoted: Vec<String> = Vec::new();
    for name in names {
        let name = format!("\"{name}\"");
        if !quoted.contains(&name) {
            quoted.push(name);
        }
    }
    quoted.join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn velocert() -> Identity {
        Identity {
            organization: Some("Hochschule Rheintal".into()),
            common_name: Some("HS Rheintal e-seal".into()),
            organization_identifier: Some("VATDE-814736520".into()),
            country: Some("DE".into()),
        }
    }

    fn credential() -> Value {
        json!({
            "issuer": {"id": "urn:epass:org:1", "type": "Organisation",
                "legalName": {"en": "Rheintal University", "de": "Hochschule Rheintal"}},
            "credentialSubject": {"hasClaim": {"awardedBy": {"awardingBody":
                {"id": "urn:epass:org:1", "legalName": {"en": "Rheintal University"}}}}}
        })
    }

    #[test]
    fn filling_writes_every_copy_of_the_issuer() {
        let mut doc = credential();
        let changes = fill_issuer(&mut doc, &velocert()).unwrap();
        assert_eq!(changes, ["eIDAS identifier ← \"VATDE-814736520\""]);
        let body = &doc["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"];
        for node in [&doc["issuer"], body] {
            assert_eq!(node["legalName"], json!({"en": "Hochschule Rheintal"}));
            assert_eq!(node["altLabel"], json!({"en": "HS Rheintal e-seal"}));
            assert_eq!(node["eIDASIdentifier"]["notation"], "VATDE-814736520");
            assert_eq!(
                node["eIDASIdentifier"]["spatial"]["id"],
                "http://publications.europa.eu/resource/authority/country/DEU"
            );
        }
        assert!(binding(&doc, &velocert()).is_ok());
    }

    #[test]
    fn filling_needs_a_legal_name_and_an_identifier() {
        let mut doc = credential();
        let identity = Identity {
            organization_identifier: None,
            ..velocert()
        };
        let error = fill_issuer(&mut doc, &identity).unwrap_err();
        assert!(error.contains("organizationIdentifier"), "{error}");
        assert_eq!(doc, credential());
    }

    #[test]
    fn binding_lists_each_difference() {
        let differences = binding(&credential(), &velocert()).unwrap_err();
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert!(differences[0].contains("no eIDAS identifier"));
        let other = Identity {
            organization: Some("Other GmbH".into()),
            ..velocert()
        };
        let differences = binding(&credential(), &other).unwrap_err();
        assert!(differences[0].contains("\"Rheintal University\" / \"Hochschule Rheintal\""));
        assert_eq!(
            binding(&json!({}), &other).unwrap_err(),
            ["the credential names no issuer"]
        );
        // A name given alike in two languages is quoted once.
        let same = json!({"issuer": {"legalName": {"en": "Velocert OÜ", "et": "Velocert OÜ"}}});
        let differences = binding(&same, &other).unwrap_err();
        assert!(
            differences[0].ends_with("legal name is \"Velocert OÜ\""),
            "{differences:?}"
        );
    }
}
