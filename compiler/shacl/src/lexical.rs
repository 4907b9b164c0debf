//! Lexical forms of the datatypes `sh:datatype` checks (XSD 1.1 Part 2).
//!
//! A literal matches `sh:datatype D` when its datatype IRI is `D` and, for the datatypes
//! listed in [`LEXICAL`], its lexical form is valid. A datatype not listed is matched by
//! IRI alone (SHACL: ill-typedness is defined for the datatypes SPARQL supports).

use std::str::FromStr;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{LiteralRef, NamedNodeRef};
use oxsdatatypes::{Boolean, Date, DateTime, Decimal, Double, Duration, Float, Time};

/// Whether a lexical form is valid.
pub type LexicalCheck = fn(&str) -> bool;

/// The datatypes whose lexical forms are checked, with the check. `xsd:dateTime` needs its
/// time part (`2025-03-14` is a valid `xsd:date`, not an `xsd:dateTime`); the integer types
/// are checked by their lexical grammar, without a range limit.
pub const LEXICAL: &[(NamedNodeRef<'static>, LexicalCheck)] = &[
    (xsd::STRING, any),
    (rdf::LANG_STRING, any),
    (rdf::HTML, any),
    (xsd::ANY_URI, any),
    (xsd::BOOLEAN, parses::<Boolean>),
    (xsd::DECIMAL, parses::<Decimal>),
    (xsd::DOUBLE, parses::<Double>),
    (xsd::FLOAT, parses::<Float>),
    (xsd::DATE_TIME, parses::<DateTime>),
    (xsd::DATE, parses::<Date>),
    (xsd::TIME, parses::<Time>),
    (xsd::DURATION, parses::<Duration>),
    (xsd::INTEGER, integer),
    (xsd::POSITIVE_INTEGER, positive_integer),
    (xsd::NON_NEGATIVE_INTEGER, non_negative_integer),
];

/// Whether `literal` is a valid literal of `datatype`.
pub fn matches(literal: LiteralRef<'_>, datatype: NamedNodeRef<'_>) -> bool {
    literal.datatype() == datatype
        && LEXICAL
            .iter()
            .find(|(d, _)| *d == datatype)
            .is_none_or(|(_, valid)| valid(literal.value()))
}

/// `xsd:string`, `xsd:anyURI` (XSD 1.1: any string), `rdf:langString`, `rdf:HTML`.
fn any(_: &str) -> bool {
    true
}

fn parses<T: FromStr>(s: &str) -> bool {
    T::from_str(s).is_ok()
}

/// The sign and the digits of an `xsd:integer` lexical form (`[\-+]?[0-9]+`).
fn sign_digits(s: &str) -> Option<(char, &str)> {
    let (sign, digits) = match s.as_bytes().first() {
        Some(b'-') => ('-', &s[1..]),
        Some(b'+') => ('+', &s[1..]),
        _ => ('+', s),
    };
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some((sign, digits))
}

fn integer(s: &str) -> bool {
    sign_digits(s).is_some()
}

fn positive_integer(s: &str) -> bool {
    sign_digits(s).is_some_and(|(sign, digits)| sign == '+' && digits.bytes().any(|b| b != b'0'))
}

fn non_negative_integer(s: &str) -> bool {
    sign_digits(s).is_some_and(|(sign, digits)| sign == '+' || digits.bytes().all(|b| b == b'0'))
}

/// `a <= b` for numeric literals (compared as decimals or doubles) and for literals of
/// the same date/time datatype; `None` when they are not comparable.
pub fn less_or_equal(a: LiteralRef<'_>, b: LiteralRef<'_>) -> Option<bool> {
    if let (Some(x), Some(y)) = (decimal(a), decimal(b)) {
        return Some(x <= y);
    }
    if let (Some(x), Some(y)) = (double(a), double(b)) {
        return x.partial_cmp(&y).map(|o| o.is_le());
    }
    if a.datatype() != b.datatype() {
        return None;
    }
    let (x, y) = (a.value(), b.value());
    let le = |o: Option<std::cmp::Ordering>| o.map(|o| o.is_le());
    match a.datatype() {
        d if d == xsd::DATE_TIME => le(DateTime::from_str(x)
            .ok()?
            .partial_cmp(&DateTime::from_str(y).ok()?)),
        d if d == xsd::DATE => le(Date::from_str(x)
            .ok()?
            .partial_cmp(&Date::from_str(y).ok()?)),
        d if d == xsd::DURATION => le(Duration::from_str(x)
            .ok()?
            .partial_cmp(&Duration::from_str(y).ok()?)),
        _ => None,
    }
}

fn is_integer_type(d: NamedNodeRef<'_>) -> bool {
    [
        xsd::INTEGER,
        xsd::POSITIVE_INTEGER,
        xsd::NON_NEGATIVE_INTEGER,
    ]
    .contains(&d)
}

fn decimal(l: LiteralRef<'_>) -> Option<Decimal> {
    let d = l.datatype();
    let valid = if is_integer_type(d) {
        matches(l, d)
    } else {
        d == xsd::DECIMAL
    };
    valid.then(|| Decimal::from_str(l.value()).ok()).flatten()
}

fn double(l: LiteralRef<'_>) -> Option<Double> {
    let d = l.datatype();
    let numeric = d == xsd::DOUBLE || d == xsd::FLOAT || d == xsd::DECIMAL || is_integer_type(d);
    (numeric && matches(l, d))
        .then(|| Double::from_str(l.value()).ok())
        .flatten()
}
