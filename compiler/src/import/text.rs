//! Laurel source as the importer writes it: blocks of field lines and comments, put into
//! text and then laid out by the formatter.

use crate::check::LangText;
use crate::syntax::escape;

/// The lines of a block, in the order they are written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Block {
    /// Its lines.
    pub lines: Vec<Line>,
}

/// One line of a block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Line {
    /// `key value` and, for a field with a block, `{ ... }` after it.
    Field {
        /// The field name.
        key: &'static str,
        /// What follows the name, as written (`"text"@de`, `online`, `4 ects`).
        value: String,
        /// The field's block.
        block: Option<Block>,
    },
    /// A `//` comment (one line of text, without the slashes).
    Comment(String),
}

impl Block {
    /// A field line.
    pub fn field(&mut self, key: &'static str, value: impl Into<String>) {
        self.lines.push(Line::Field {
            key,
            value: value.into(),
            block: None,
        });
    }

    /// A field line with a block (`value` may be empty: `learner { ... }`).
    pub fn nested(&mut self, key: &'static str, value: impl Into<String>, block: Block) {
        self.lines.push(Line::Field {
            key,
            value: value.into(),
            block: Some(block),
        });
    }

    /// One field line per language of `text`: the project's language untagged, every
    /// other tagged (`"Titel"@de`), in the order given.
    pub fn texts(&mut self, key: &'static str, text: &LangText, default_language: &str) {
        for (lang, value) in &text.0 {
            self.field(key, quoted_in(value, lang, default_language));
        }
    }

    /// A `//` comment line (several lines of text become several comments).
    pub fn comment(&mut self, text: &str) {
        for line in text.lines() {
            self.lines.push(Line::Comment(line.trim_end().to_string()));
        }
    }

    /// The lines of the field `key`, in order.
    pub fn field_lines(&self, key: &str) -> Vec<Line> {
        self.lines
            .iter()
            .filter(|l| matches!(l, Line::Field { key: k, .. } if *k == key))
            .cloned()
            .collect()
    }

    /// What follows the name on the first line of the field `key`.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.lines.iter().find_map(|l| match l {
            Line::Field { key: k, value, .. } if *k == key => Some(value.as_str()),
            _ => None,
        })
    }

    /// True when the block has no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Writes the block's lines at `depth` (two spaces each), then its closing brace one
    /// level out.
    fn write(&self, out: &mut String, depth: usize) {
        for line in &self.lines {
            let indent = "  ".repeat(depth);
            match line {
                Line::Comment(text) if text.is_empty() => out.push_str(&format!("{indent}//\n")),
                Line::Comment(text) => out.push_str(&format!("{indent}// {text}\n")),
                Line::Field { key, value, block } => {
                    out.push_str(&indent);
                    out.push_str(key);
                    if !value.is_empty() {
                        out.push(' ');
                        out.push_str(value);
                    }
                    match block {
                        Some(block) => {
                            out.push_str(" {\n");
                            block.write(out, depth + 1);
                            out.push_str(&format!("{indent}}}\n"));
                        }
                        None => out.push('\n'),
                    }
                }
            }
        }
    }
}

/// A top-level item: `keyword name ["title"] { ... }`, with comments above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `organisation`, `micro-credential`, `qualification`, `award`.
    pub keyword: &'static str,
    /// Its name.
    pub name: String,
    /// The template it is made from (`micro-credential NAME from TEMPLATE`).
    pub from: Option<String>,
    /// Comments written above it.
    pub comments: Vec<String>,
    /// Its fields.
    pub body: Block,
}

/// The text of a file of items, with a leading comment; laid out by the formatter.
pub fn file(header: &str, items: &[Item]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("// {line}\n"));
    }
    for item in items {
        out.push('\n');
        for comment in &item.comments {
            out.push_str(&format!("// {comment}\n"));
        }
        match &item.from {
            Some(t) => out.push_str(&format!(
                "{} {} {} {t} {{\n",
                item.keyword,
                item.name,
                crate::syntax::schema::words::FROM
            )),
            None => out.push_str(&format!("{} {} {{\n", item.keyword, item.name)),
        }
        item.body.write(&mut out, 1);
        out.push_str("}\n");
    }
    // The importer writes only lines the parser reads; should the formatter still
    // refuse, the unformatted text is the same source.
    crate::fmt::format(&out).unwrap_or(out)
}

/// A Laurel string: `"text"`.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// A Laurel string in a language: untagged in the project's language, else tagged.
pub fn quoted_in(text: &str, lang: &str, default_language: &str) -> String {
    if lang == default_language {
        quoted(text)
    } else {
        format!("{}@{lang}", quoted(text))
    }
}

/// Short words a name leaves out (in the languages of most credentials).
const LEFT_OUT: &[&str] = &[
    "a", "an", "and", "de", "der", "des", "die", "das", "du", "et", "for", "fur", "in", "la", "le",
    "mit", "of", "on", "the", "to", "und", "with",
];

/// A name for an item from a text: its first four words in kebab-case (short words such
/// as `of` and `and` left out), starting with a letter; `fallback` when nothing is left.
pub fn name_of(text: &str, fallback: &str) -> String {
    let kebab = crate::vocab::kebab(text);
    let words: Vec<&str> = kebab
        .split('-')
        .filter(|w| !w.is_empty() && !LEFT_OUT.contains(w))
        .take(4)
        .collect();
    let name = words.join("-");
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => name,
        Some(_) => format!("{fallback}-{name}"),
        None => fallback.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_written_as_formatted_laurel() {
        let mut learner = Block::default();
        learner.field("given-name", quoted("Ana \"Nita\""));
        let mut award = Block::default();
        award.nested("learner", "", learner);
        award.comment("kept as it was");
        award.field("date", "2025-06-30");
        let text = file(
            "Imported.",
            &[Item {
                keyword: "award",
                name: "course".into(),
                from: None,
                comments: vec![],
                body: award,
            }],
        );
        assert_eq!(
            text,
            "// Imported.\n\naward course {\n  learner {\n    given-name \"Ana \\\"Nita\\\"\"\n  }\n  // kept as it was\n  date 2025-06-30\n}\n"
        );
        assert!(crate::fmt::is_formatted(&text).unwrap());
    }

    #[test]
    fn names_are_words_of_the_text() {
        assert_eq!(
            name_of("Data Analysis with Python", "course"),
            "data-analysis-python"
        );
        assert_eq!(
            name_of("2024 Summer School", "course"),
            "course-2024-summer-school"
        );
        assert_eq!(name_of("???", "course"), "course");
        assert_eq!(quoted_in("Titel", "de", "en"), "\"Titel\"@de");
        assert_eq!(quoted_in("Title", "en", "en"), "\"Title\"");
    }
}
