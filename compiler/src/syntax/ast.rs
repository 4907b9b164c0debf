//! The syntax tree: items, blocks, fields and values, each with its span.
//!
//! The tree is generic in field names (a field is a key, values and an optional block);
//! which fields each block takes is described by [`super::schema`] and enforced when the
//! checker builds the model.

pub use super::date::Date;
use crate::source::{FileId, Span};

/// A parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// Which file.
    pub file: FileId,
    /// Its items, in source order (also those that failed to parse, marked `broken`).
    pub items: Vec<Item>,
}

/// The kinds of top-level items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// `organisation NAME { ... }`
    Organisation,
    /// `micro-credential NAME [from TEMPLATE] { ... }`
    MicroCredential,
    /// `credential NAME [from TEMPLATE] { ... }`: a European Digital Credential that is
    /// not a micro-credential (a certificate of participation, of enrolment), with the
    /// fields of one but not held to Annex I.
    Credential,
    /// `qualification NAME { ... }`
    Qualification,
    /// `template NAME { ... }`
    Template,
    /// `outcome NAME "title" [{ ... }]`
    Outcome,
    /// `award CREDENTIAL { ... }`
    Award,
}

impl ItemKind {
    /// All kinds.
    pub const ALL: [ItemKind; 7] = [
        ItemKind::Organisation,
        ItemKind::MicroCredential,
        ItemKind::Credential,
        ItemKind::Qualification,
        ItemKind::Template,
        ItemKind::Outcome,
        ItemKind::Award,
    ];

    /// The keyword that starts the item.
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Organisation => "organisation",
            ItemKind::MicroCredential => "micro-credential",
            ItemKind::Credential => "credential",
            ItemKind::Qualification => "qualification",
            ItemKind::Template => "template",
            ItemKind::Outcome => "outcome",
            ItemKind::Award => "award",
        }
    }

    /// The kinds an award can award: a micro-credential or another credential.
    pub const AWARDED: [ItemKind; 2] = [ItemKind::MicroCredential, ItemKind::Credential];

    /// The kinds a qualification `includes`: credentials and other qualifications.
    pub const INCLUDED: [ItemKind; 3] = [
        ItemKind::MicroCredential,
        ItemKind::Credential,
        ItemKind::Qualification,
    ];

    /// The kind whose keyword this is.
    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.keyword() == word)
    }

    /// Plain words for messages: "an organisation", "a template" ...
    pub fn with_article(self) -> &'static str {
        match self {
            ItemKind::Organisation => "an organisation",
            ItemKind::MicroCredential => "a micro-credential",
            ItemKind::Credential => "a credential",
            ItemKind::Qualification => "a qualification",
            ItemKind::Template => "a template",
            ItemKind::Outcome => "an outcome",
            ItemKind::Award => "an award",
        }
    }
}

/// A name as written, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The text.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Which kind.
    pub kind: ItemKind,
    /// Its name (for an award: the credential it awards).
    pub name: Ident,
    /// `from TEMPLATE` on a micro-credential.
    pub from: Option<Ident>,
    /// The title of a top-level outcome.
    pub title: Option<Value>,
    /// The body; `None` for an outcome without a block or an item that failed to parse.
    pub body: Option<Block>,
    /// Text of the `///` lines before the item.
    pub doc: Option<String>,
    /// The whole item.
    pub span: Span,
    /// True when the item could not be parsed at all; its name is still known.
    pub broken: bool,
}

/// `{ ... }`: fields, one per line.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The fields, in source order.
    pub fields: Vec<Field>,
    /// Field names of lines that could not be read (already reported as syntax errors),
    /// so that the field is not also reported as missing.
    pub unreadable: Vec<Ident>,
    /// From `{` to `}`.
    pub span: Span,
}

impl Block {
    /// Fields with this key.
    pub fn fields<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields.iter().filter(move |f| f.key.text == key)
    }

    /// Every value of its fields, nested blocks included, in source order.
    pub fn values(&self) -> Vec<&Value> {
        self.fields
            .iter()
            .flat_map(|f| {
                f.values
                    .iter()
                    .chain(f.block.iter().flat_map(Block::values))
            })
            .collect()
    }
}

impl Item {
    /// Every value written in the item: its title, then its block's values.
    pub fn values(&self) -> Vec<&Value> {
        self.title
            .iter()
            .chain(self.body.iter().flat_map(Block::values))
            .collect()
    }
}

/// One field line: `key value* [block]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field name.
    pub key: Ident,
    /// The values after it.
    pub values: Vec<Value>,
    /// A nested block.
    pub block: Option<Block>,
    /// The whole field.
    pub span: Span,
}

/// A value with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What it is.
    pub kind: ValueKind,
    /// Where.
    pub span: Span,
}

/// The kinds of values.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// A string (`"..."` or `"""..."""`), escapes resolved.
    Text(Text),
    /// A number; `raw` keeps the written form (`0613`).
    Number {
        /// The value.
        value: f64,
        /// As written.
        raw: String,
    },
    /// A calendar date.
    Date(Date),
    /// A date with time and zone, as written (`2025-03-14T09:00:00Z`).
    DateTime(String),
    /// `<...>`, without the angle brackets.
    Iri(String),
    /// A bare word: a name, vocabulary word or unit.
    Word(String),
    /// A value already reported as wrong (e.g. a date not in the calendar), as written.
    Invalid(String),
}

impl ValueKind {
    /// Plain words for "expected ..., found ..." messages.
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::Text(_) => "a text",
            ValueKind::Number { .. } => "a number",
            ValueKind::Date(_) => "a date",
            ValueKind::DateTime(_) => "a date and time",
            ValueKind::Iri(_) => "an IRI",
            ValueKind::Word(_) => "a word",
            ValueKind::Invalid(_) => "an invalid value",
        }
    }

    /// The bare-word reading of a word or number (`eqf 5`, `field 0613`).
    pub fn as_word(&self) -> Option<&str> {
        match self {
            ValueKind::Word(w) => Some(w),
            ValueKind::Number { raw, .. } => Some(raw),
            _ => None,
        }
    }
}

/// A string value.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text, escapes resolved and (for `"""`) indentation removed.
    pub value: String,
    /// The language tag after `@`, if any.
    pub lang: Option<Ident>,
}
