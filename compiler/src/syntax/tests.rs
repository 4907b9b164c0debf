use super::ast::*;
use super::*;

fn parse_str(text: &str) -> (ParsedFile, Vec<Diagnostic>) {
    parse(FileId(0), text)
}

#[test]
fn language_contract_parses_without_diagnostics() {
    let text = include_str!("../../tests/fixtures/language-contract.laurel");
    let (file, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let kinds: Vec<_> = file
        .items
        .iter()
        .map(|i| (i.kind, i.name.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ItemKind::Organisation, "academy"),
            (ItemKind::Organisation, "qa-agency"),
            (ItemKind::MicroCredential, "rdm-essentials"),
            (ItemKind::Qualification, "rds-certificate"),
            (ItemKind::Template, "online-course"),
            (ItemKind::MicroCredential, "python-data"),
            (ItemKind::Award, "rdm-essentials"),
        ]
    );
    assert_eq!(
        file.items[0].doc.as_deref(),
        Some("The awarding body of most of our credentials.")
    );
    assert_eq!(
        file.items[5].from.as_ref().map(|f| f.text.as_str()),
        Some("online-course")
    );
}

#[test]
fn values_keep_their_kinds_and_spans() {
    let text = "micro-credential x {\n  title \"Grund\\\"lagen\"@de // c\n  workload 2.5 ects\n  eqf 5\n  field 0613\n  skill <http://data.europa.eu/esco/skill/1>\n  period 2025-01-13 to 2025-03-07\n  date 2025-03-14T09:00:00Z\n}\n";
    let (file, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let body = file.items[0].body.as_ref().unwrap();
    let title = &body.fields[0].values[0];
    match &title.kind {
        ValueKind::Text(t) => {
            assert_eq!(t.value, "Grund\"lagen");
            assert_eq!(t.lang.as_ref().unwrap().text, "de");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(&text[title.span.range()], "\"Grund\\\"lagen\"@de");
    assert!(
        matches!(body.fields[1].values[0].kind, ValueKind::Number { value, .. } if value == 2.5)
    );
    assert_eq!(
        body.fields[1].values[1].kind,
        ValueKind::Word("ects".into())
    );
    assert_eq!(body.fields[3].values[0].kind.as_word(), Some("0613"));
    assert_eq!(
        body.fields[4].values[0].kind,
        ValueKind::Iri("http://data.europa.eu/esco/skill/1".into())
    );
    assert_eq!(body.fields[5].values.len(), 3);
    assert!(matches!(
        body.fields[6].values[0].kind,
        ValueKind::DateTime(_)
    ));
}

#[test]
fn a_bad_line_is_reported_and_the_rest_of_the_block_kept() {
    let text = "organisation a {\n  legal-name \"A\"\n  Country DEU\n  email \"x@y\"\n}\n";
    let (file, diags) = parse_str(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code.id, "L0001");
    assert_eq!(&text[diags[0].span.range()], "Country");
    let keys: Vec<_> = file.items[0]
        .body
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.key.text.as_str())
        .collect();
    assert_eq!(keys, ["legal-name", "email"]);
}

#[test]
fn one_broken_item_does_not_hide_the_next() {
    let text =
        "organisation a \n  legal-name \"A\"\n}\n\norganisation b {\n  legal-name \"B\" \"C\n}\n";
    let (file, diags) = parse_str(text);
    assert_eq!(file.items.len(), 2);
    assert!(file.items[0].broken);
    assert_eq!(file.items[0].name.text, "a");
    assert!(!file.items[1].broken);
    let codes: Vec<_> = diags.iter().map(|d| d.code.id).collect();
    assert_eq!(codes, ["L0001", "L0001"], "{diags:#?}");
    assert!(
        diags[1].message.contains("not closed"),
        "{}",
        diags[1].message
    );
}

#[test]
fn an_unclosed_block_is_reported_and_parsed_as_closed() {
    let text = "organisation a {\n  legal-name \"A\"\n\norganisation b {\n}\n";
    let (file, diags) = parse_str(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code.id, "L0002");
    assert!(!file.items[0].broken);
    assert_eq!(file.items[0].body.as_ref().unwrap().fields.len(), 1);
    assert!(file.items[0].span.end as usize <= text.len());
}

#[test]
fn a_brace_on_the_next_line_is_explained_and_the_item_kept() {
    let (file, diags) = parse_str("organisation a\n{\n  legal-name \"A\"\n}\n");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].message.contains("same line"),
        "{}",
        diags[0].message
    );
    assert_eq!(file.items[0].body.as_ref().unwrap().fields.len(), 1);
}

#[test]
fn stray_text_between_items_keeps_the_item_above() {
    let (file, diags) =
        parse_str("organisation a {\n  legal-name \"A\"\n}\nA note.\norganisation b {\n}\n");
    let codes: Vec<_> = diags.iter().map(|d| d.code.id).collect();
    assert_eq!(codes, ["L0003"]);
    assert!(!file.items[0].broken);
    assert_eq!(file.items.len(), 2);
}

#[test]
fn bad_escape_and_stray_text() {
    let text = "hello there\norganisation a {\n  legal-name \"A\\q\"\n}\n";
    let (_, diags) = parse_str(text);
    let codes: Vec<_> = diags.iter().map(|d| d.code.id).collect();
    assert_eq!(codes, ["L0003", "L0004"], "{diags:#?}");
}

#[test]
fn text_blocks_are_dedented() {
    let text = "micro-credential a {\n  outcomes-summary \"\"\"\n    First line.\n      Indented.\n    \"\"\"@de\n}\n";
    let (file, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let v = &file.items[0].body.as_ref().unwrap().fields[0].values[0];
    match &v.kind {
        ValueKind::Text(t) => {
            assert_eq!(t.value, "First line.\n  Indented.");
            assert_eq!(t.lang.as_ref().unwrap().text, "de");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bad_escape_before_a_wide_character_is_placed_on_character_boundaries() {
    let text = "organisation a {\n  legal-name \"Akademie \\ür Daten\"\n}\n";
    let (_, diags) = parse_str(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code.id, "L0004");
    assert_eq!(&text[diags[0].span.range()], "\\ü");
}

#[test]
fn impossible_dates_are_rejected() {
    let (_, diags) = parse_str("award a {\n  date 2025-02-30\n}\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code.id, "L0011");
}

#[test]
fn a_day_not_in_its_month_says_how_long_the_month_is() {
    let (_, diags) = parse_str("award a {\n  date 1999-02-30\n}\n");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        diags[0].message,
        "`1999-02-30` is not a day in the calendar: February 1999 has 28 days"
    );
    assert!(diags[0].help.is_none(), "{:?}", diags[0].help);
}

#[test]
fn dates_written_another_way_get_their_year_month_day_form() {
    for (written, iso) in [
        ("15.03.1990", "1990-03-15"),
        ("2025/06/20", "2025-06-20"),
        ("31-12-2027", "2027-12-31"),
        ("20.6.2025", "2025-06-20"),
        ("06/20/2025", "2025-06-20"),
    ] {
        let text = format!(
            "award a {{\n  learner {{\n    birth-date {written}\n  }}\n  date {written}\n}}\n"
        );
        let (file, diags) = parse_str(&text);
        assert_eq!(diags.len(), 2, "{written}: {diags:#?}");
        for d in &diags {
            assert_eq!(d.code.id, "L0011");
            assert_eq!(&text[d.span.range()], written);
            assert_eq!(
                d.help.as_deref(),
                Some(format!("write `{iso}` (year-month-day)").as_str())
            );
        }
        let body = file.items[0].body.as_ref().unwrap();
        assert_eq!(
            body.fields("date").next().unwrap().values[0].kind,
            ValueKind::Invalid(written.into())
        );
    }
    let text = "award a {\n  date 03/04/2025\n}\n";
    let (_, diags) = parse_str(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let help = diags[0].help.as_deref().unwrap();
    assert!(
        help.contains(
            "`2025-04-03` (year-month-day) for 3 April 2025, or `2025-03-04` for 4 March 2025"
        ),
        "{help}"
    );
}

#[test]
fn times_are_checked_part_by_part() {
    for (written, reason) in [
        ("2025-07-25T99:99:99Z", "hour 99 is not on a clock (00–23)"),
        ("2025-07-25T23:59:60Z", "second 60 is a leap second"),
        ("2025-07-25T10:00:00+99:99", "`+99:99` is not a time zone"),
    ] {
        let (_, diags) = parse_str(&format!("award a {{\n  date {written}\n}}\n"));
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].code.id, "L0011");
        assert!(diags[0].message.contains(reason), "{}", diags[0].message);
    }
}

#[test]
fn numbers_versions_and_words_keep_their_meaning() {
    // `1.2.3` stays a syntax error, as before: it is no date
    let (_, diags) = parse_str("award a {\n  grade 1.2.3\n}\n");
    assert_eq!(diags[0].code.id, "L0001", "{diags:#?}");
    let (file, diags) = parse_str("award a {\n  grade 7.5\n  key 2025-06\n  note 12-31 0613\n}\n");
    assert!(diags.is_empty(), "{diags:#?}");
    let body = file.items[0].body.as_ref().unwrap();
    let kinds: Vec<&ValueKind> = body
        .fields
        .iter()
        .flat_map(|f| f.values.iter().map(|v| &v.kind))
        .collect();
    assert!(
        matches!(kinds[0], ValueKind::Number { raw, .. } if raw == "7.5"),
        "{kinds:?}"
    );
    assert_eq!(kinds[1], &ValueKind::Word("2025-06".into()));
    assert_eq!(kinds[2], &ValueKind::Word("12-31".into()));
    assert!(
        matches!(kinds[3], ValueKind::Number { raw, .. } if raw == "0613"),
        "{kinds:?}"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../tests/fixtures/language-contract.laurel");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_random_text(text in "\\PC{0,200}") {
            let (file, diags) = parse(FileId(0), &text);
            for d in &diags {
                prop_assert!(d.span.end as usize <= text.len());
            }
            for item in &file.items {
                prop_assert!(item.span.end as usize <= text.len());
            }
        }

        #[test]
        fn on_mutated_contract(cut in 0usize..SEED.len(), len in 0usize..40, insert in "[{}\"\\\\@<> a-z0-9\\n]{0,6}") {
            let mut text = SEED.to_string();
            let start = floor_char(&text, cut);
            let end = floor_char(&text, (start + len).min(text.len()));
            text.replace_range(start..end, &insert);
            let (file, diags) = parse(FileId(0), &text);
            for d in &diags {
                prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
                prop_assert!(text.is_char_boundary(d.span.start as usize) && text.is_char_boundary(d.span.end as usize));
            }
            prop_assert!(!file.items.is_empty() || !diags.is_empty() || text.trim().is_empty() || text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with("//")));
        }
    }

    fn floor_char(s: &str, mut i: usize) -> usize {
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
