//! Splits a file into top-level items before parsing, so that each item parses alone
//! and a syntax error in one never hides the others.

use super::ast::ItemKind;

/// A run of lines that forms one item (or stray text between items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The item kind, or `None` for text that is not an item.
    pub kind: Option<ItemKind>,
    /// Byte range of the item text (from its keyword up to the next item).
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// Text of the `///` lines just above the item.
    pub doc: Option<String>,
}

/// Splits `text` into chunks. Every byte that is not blank or a comment belongs to
/// exactly one chunk.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut doc_lines: Vec<&str> = Vec::new();
    let mut in_triple = false;
    // Brace depth of the open item, and whether its block has been opened.
    let mut depth = 0i32;
    let mut opened = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let starts_item = !in_triple && item_keyword(content).is_some();
        let text_block_line = in_triple || content.contains("\"\"\"");
        if content.matches("\"\"\"").count() % 2 == 1 {
            in_triple = !in_triple;
        }
        let delta = if text_block_line {
            0
        } else {
            brace_delta(content)
        };
        if starts_item {
            depth = delta;
            opened = delta > 0;
            close_last(&mut out, line_start, text);
            let doc = (!doc_lines.is_empty()).then(|| doc_lines.join("\n"));
            doc_lines.clear();
            out.push(Chunk {
                kind: item_keyword(content),
                start: line_start,
                end: text.len(),
                doc,
            });
            continue;
        }
        let trimmed = content.trim_start();
        if !in_triple && content.starts_with("///") {
            let doc = content.trim_start_matches('/');
            doc_lines.push(doc.strip_prefix(' ').unwrap_or(doc));
            continue;
        }
        doc_lines.clear();
        let open = out.last().is_some_and(|c| c.end == text.len());
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        let in_item = open && out.last().is_some_and(|c| c.kind.is_some());
        if in_item && !(opened && depth <= 0) {
            depth += delta;
            opened |= delta > 0 || depth > 0;
            continue;
        }
        if open && !in_item {
            continue;
        }
        // Stray text outside any item: its own chunk, up to the next item.
        close_last(&mut out, line_start, text);
        out.push(Chunk {
            kind: None,
            start: line_start + (content.len() - trimmed.len()),
            end: text.len(),
            doc: None,
        });
    }
    close_last(&mut out, text.len(), text);
    out
}

/// How much a line opens blocks: `{` minus `}` outside strings and comments.
fn brace_delta(line: &str) -> i32 {
    let mut delta = 0;
    let mut in_string = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => break,
            '{' if !in_string => delta += 1,
            '}' if !in_string => delta -= 1,
            _ => {}
        }
    }
    delta
}

/// Ends the open chunk at `at`, trimming trailing blank and comment-only lines.
fn close_last(out: &mut [Chunk], at: usize, text: &str) {
    if let Some(last) = out.last_mut() {
        if last.end == text.len() {
            last.end = at;
        }
        // Doc comments belonging to the next item are not part of this one.
        let body = &text[last.start..last.end];
        let mut end = body.len();
        for line in body.split_inclusive('\n').rev() {
            let t = line.trim();
            if t.is_empty() || t.starts_with("///") {
                end -= line.len();
            } else {
                break;
            }
        }
        if end > 0 {
            last.end = last.start + end;
        }
    }
}

/// The item kind if `line` starts, at column 0, with an item keyword.
fn item_keyword(line: &str) -> Option<ItemKind> {
    let word_end = line
        .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
        .unwrap_or(line.len());
    let rest = &line[word_end..];
    let kind = ItemKind::from_keyword(&line[..word_end])?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '{'])).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_keywords_in_column_zero() {
        let text = "// c\norganisation a {\n  x 1\n}\n\n/// Doc\nmicro-credential b {\n  outcome \"t\"\n}\n";
        let cs = chunks(text);
        assert_eq!(cs.len(), 2);
        assert_eq!(
            &text[cs[0].start..cs[0].end],
            "organisation a {\n  x 1\n}\n"
        );
        assert_eq!(cs[1].kind, Some(ItemKind::MicroCredential));
        assert_eq!(cs[1].doc.as_deref(), Some("Doc"));
        assert!(text[cs[1].start..cs[1].end].starts_with("micro-credential b"));
    }

    #[test]
    fn indented_keyword_does_not_split() {
        let cs = chunks("micro-credential b {\n  outcome \"t\"\n}\n");
        assert_eq!(cs.len(), 1);
    }

    #[test]
    fn keyword_inside_text_block_does_not_split() {
        let text = "organisation a {\n  address \"\"\"\naward x\n\"\"\"\n}\n";
        assert_eq!(chunks(text).len(), 1);
    }

    #[test]
    fn stray_text_between_items_is_its_own_chunk() {
        let text = "organisation a {\n  x \"}\"\n}\nThis is a note.\norganisation b {\n}\n";
        let cs = chunks(text);
        assert_eq!(cs.len(), 3, "{cs:?}");
        assert_eq!(
            &text[cs[0].start..cs[0].end],
            "organisation a {\n  x \"}\"\n}\n"
        );
        assert_eq!(cs[1].kind, None);
        assert_eq!(&text[cs[1].start..cs[1].end], "This is a note.\n");
    }

    #[test]
    fn stray_text_is_its_own_chunk() {
        let cs = chunks("hello\norganisation a {\n}\n");
        assert_eq!(cs[0].kind, None);
        assert_eq!(cs[1].kind, Some(ItemKind::Organisation));
    }
}
