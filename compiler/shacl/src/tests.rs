//! Unit tests: each supported component on tiny Turtle data, load errors, lexical forms.

use oxrdf::{Graph, Literal, NamedNode, Term};
use oxttl::TurtleParser;

use crate::*;

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
";

fn shapes(ttl: &str) -> Result<Shapes, LoadError> {
    let text = format!("{PREFIXES}{ttl}");
    Shapes::load(&[ShapesDocument {
        name: "shapes.ttl",
        format: Format::Turtle,
        text: &text,
    }])
}

fn graph(ttl: &str) -> DataGraph {
    let text = format!("{PREFIXES}{ttl}");
    TurtleParser::new()
        .for_slice(&text)
        .map(|t| t.expect("test data is Turtle"))
        .collect()
}

fn ex(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("http://example.org/{local}"))
}

/// (focus, component, value) of each result.
fn results(shapes_ttl: &str, data_ttl: &str) -> Vec<(Term, Component, Option<Term>)> {
    let report = shapes(shapes_ttl)
        .expect("shapes load")
        .validate(&graph(data_ttl));
    assert_eq!(report.conforms, report.results.is_empty());
    report
        .results
        .into_iter()
        .map(|r| (r.component(), r))
        .map(|(c, r)| (r.focus_node, c, r.value))
        .collect()
}

/// A property shape on ex:p of every ex:C, with the given constraint lines.
fn on_p(constraint: &str) -> String {
    format!("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .\nex:P sh:path ex:p ; {constraint} .\n")
}

fn fails(constraint: &str, data: &str) -> Vec<(Term, Component, Option<Term>)> {
    results(&on_p(constraint), &format!("ex:a a ex:C .\n{data}"))
}

#[test]
fn class_follows_subclasses_in_the_data() {
    let c = "sh:class ex:K";
    assert!(fails(c, "ex:a ex:p ex:v . ex:v a ex:K .").is_empty());
    assert!(fails(
        c,
        "ex:a ex:p ex:v . ex:v a ex:L . ex:L rdfs:subClassOf ex:M . ex:M rdfs:subClassOf ex:K ."
    )
    .is_empty());
    assert_eq!(
        fails(c, "ex:a ex:p ex:v . ex:v a ex:L . ex:a ex:p \"x\" ."),
        vec![
            (
                ex("a").into(),
                Component::Class,
                Some(Literal::new_simple_literal("x").into())
            ),
            (ex("a").into(), Component::Class, Some(ex("v").into())),
        ]
    );
}

#[test]
fn class_targets_include_subclass_instances() {
    let s = on_p("sh:minCount 1");
    assert_eq!(
        results(&s, "ex:b a ex:D . ex:D rdfs:subClassOf ex:C .")
            .into_iter()
            .map(|(f, c, _)| (f, c))
            .collect::<Vec<_>>(),
        vec![(ex("b").into(), Component::MinCount)]
    );
    assert!(
        results(&s, "ex:b a ex:D .").is_empty(),
        "no subclass, no target"
    );
}

#[test]
fn datatype_checks_iri_and_lexical_form() {
    let d = "sh:datatype xsd:dateTime";
    assert!(fails(d, "ex:a ex:p \"2025-03-14T10:00:00Z\"^^xsd:dateTime .").is_empty());
    assert_eq!(fails(d, "ex:a ex:p \"2025-03-14\"^^xsd:date .").len(), 1);
    assert_eq!(fails(d, "ex:a ex:p ex:v .").len(), 1);
    let s = "sh:datatype xsd:string";
    assert!(fails(s, "ex:a ex:p \"x\" .").is_empty());
    assert_eq!(fails(s, "ex:a ex:p \"x\"@en .").len(), 1);
    let l = "sh:datatype rdf:langString";
    assert!(fails(l, "ex:a ex:p \"x\"@en .").is_empty());
    assert_eq!(fails(l, "ex:a ex:p \"x\" .").len(), 1);
}

/// XSD 1.1: an `xsd:dateTime` needs its time part. pyshacl (rdflib) accepts
/// `"2025-03-14"^^xsd:dateTime`; this engine keeps the stricter, correct verdict.
#[test]
fn a_date_only_date_time_is_ill_typed() {
    let report = fails(
        "sh:datatype xsd:dateTime",
        "ex:a ex:p \"2025-03-14\"^^xsd:dateTime .",
    );
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].1, Component::Datatype);
}

#[test]
fn lexical_forms() {
    let lit = |v: &str, d: NamedNodeRef<'_>| {
        lexical::matches(Literal::new_typed_literal(v, d).as_ref(), d)
    };
    use oxrdf::vocab::xsd;
    use oxrdf::NamedNodeRef;
    for (value, datatype, valid) in [
        ("2025-03-14T10:00:00Z", xsd::DATE_TIME, true),
        ("2025-03-14T10:00:00", xsd::DATE_TIME, true),
        ("2025-03-14T10:00:00.5+02:00", xsd::DATE_TIME, true),
        ("2025-03-14", xsd::DATE_TIME, false),
        ("2025-02-30T10:00:00Z", xsd::DATE_TIME, false),
        ("2025-03-14", xsd::DATE, true),
        ("2025-3-14", xsd::DATE, false),
        ("P1Y2M3DT4H", xsd::DURATION, true),
        ("PT30M", xsd::DURATION, true),
        ("P", xsd::DURATION, false),
        ("30 minutes", xsd::DURATION, false),
        ("-12", xsd::INTEGER, true),
        ("123456789012345678901234567890", xsd::INTEGER, true),
        ("1.0", xsd::INTEGER, false),
        ("", xsd::INTEGER, false),
        ("5", xsd::POSITIVE_INTEGER, true),
        ("+007", xsd::POSITIVE_INTEGER, true),
        ("0", xsd::POSITIVE_INTEGER, false),
        ("-1", xsd::POSITIVE_INTEGER, false),
        ("0", xsd::NON_NEGATIVE_INTEGER, true),
        ("-0", xsd::NON_NEGATIVE_INTEGER, true),
        ("-1", xsd::NON_NEGATIVE_INTEGER, false),
        ("1.50", xsd::DECIMAL, true),
        ("-.5", xsd::DECIMAL, true),
        ("1e3", xsd::DECIMAL, false),
        ("true", xsd::BOOLEAN, true),
        ("0", xsd::BOOLEAN, true),
        ("yes", xsd::BOOLEAN, false),
        ("any text", xsd::STRING, true),
        ("not a URL but XSD 1.1 accepts it", xsd::ANY_URI, true),
    ] {
        assert_eq!(lit(value, datatype), valid, "{value:?}^^{datatype}");
    }
}

#[test]
fn node_kind() {
    let k = "sh:nodeKind sh:IRI";
    assert!(fails(k, "ex:a ex:p ex:v .").is_empty());
    assert_eq!(fails(k, "ex:a ex:p [ ] . ex:a ex:p \"x\" .").len(), 2);
    let b = "sh:nodeKind sh:BlankNodeOrLiteral";
    assert!(fails(b, "ex:a ex:p [ ] . ex:a ex:p \"x\" .").is_empty());
    assert_eq!(fails(b, "ex:a ex:p ex:v .").len(), 1);
}

#[test]
fn min_and_max_count() {
    assert!(fails("sh:minCount 2", "ex:a ex:p 1, 2 .").is_empty());
    assert_eq!(
        fails("sh:minCount 2", "ex:a ex:p 1 ."),
        vec![(ex("a").into(), Component::MinCount, None)]
    );
    assert!(fails("sh:maxCount 1", "ex:a ex:p 1 .").is_empty());
    assert_eq!(
        fails("sh:maxCount 1", "ex:a ex:p 1, 2 ."),
        vec![(ex("a").into(), Component::MaxCount, None)]
    );
}

#[test]
fn or_reports_one_result_per_value() {
    let c = "sh:or ( [ sh:class ex:K ] [ sh:class ex:L ] )";
    assert!(fails(c, "ex:a ex:p ex:v, ex:w . ex:v a ex:K . ex:w a ex:L .").is_empty());
    assert_eq!(
        fails(c, "ex:a ex:p ex:v . ex:v a ex:M ."),
        vec![(ex("a").into(), Component::Or, Some(ex("v").into()))]
    );
}

#[test]
fn node_reports_one_result_per_value() {
    let s = format!(
        "{}ex:N a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:maxCount 1 ] .\n",
        on_p("sh:node ex:N")
    );
    let data = "ex:a a ex:C ; ex:p ex:v, ex:w . ex:v ex:q 1 .  ex:w ex:q 1, 2 .";
    assert_eq!(
        results(&s, data),
        vec![(ex("a").into(), Component::Node, Some(ex("w").into()))]
    );
}

#[test]
fn a_node_result_says_why_in_its_details() {
    let s = format!(
        "{}ex:N a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:maxCount 1 ] .\n",
        on_p("sh:node ex:N")
    );
    let report = shapes(&s)
        .unwrap()
        .validate(&graph("ex:a a ex:C ; ex:p ex:v, ex:w . ex:v ex:q 1, 2 ."));
    let why = |value: &str| -> Vec<(Term, Component)> {
        let result = report
            .results
            .iter()
            .find(|r| r.value == Some(ex(value).into()))
            .unwrap_or_else(|| panic!("no result for {value}: {report:#?}"));
        assert_eq!(result.component(), Component::Node);
        result
            .details
            .iter()
            .map(|d| (d.focus_node.clone(), d.component()))
            .collect()
    };
    // each value's own reason: ex:v has two q, ex:w none
    assert_eq!(why("v"), vec![(ex("v").into(), Component::MaxCount)]);
    assert_eq!(why("w"), vec![(ex("w").into(), Component::MinCount)]);
    // a result of another component has none
    assert!(report
        .results
        .iter()
        .all(|r| r.details.iter().all(|d| d.details.is_empty())));
}

#[test]
fn has_value() {
    let c = "sh:hasValue ex:v";
    assert!(fails(c, "ex:a ex:p ex:v, ex:w .").is_empty());
    assert_eq!(
        fails(c, "ex:a ex:p ex:w ."),
        vec![(ex("a").into(), Component::HasValue, None)]
    );
}

#[test]
fn unique_lang() {
    let c = "sh:uniqueLang true";
    assert!(fails(c, "ex:a ex:p \"a\"@en, \"b\"@fr, \"c\" , \"d\" .").is_empty());
    assert_eq!(
        fails(c, "ex:a ex:p \"a\"@en, \"b\"@EN ."),
        vec![(ex("a").into(), Component::UniqueLang, None)]
    );
    assert!(fails("sh:uniqueLang false", "ex:a ex:p \"a\"@en, \"b\"@en .").is_empty());
}

#[test]
fn max_inclusive() {
    let c = "sh:maxInclusive 100";
    assert!(fails(c, "ex:a ex:p \"100\"^^xsd:positiveInteger, 3.5 .").is_empty());
    assert_eq!(
        fails(c, "ex:a ex:p \"101\"^^xsd:positiveInteger .").len(),
        1
    );
    assert_eq!(fails(c, "ex:a ex:p \"ten\" .").len(), 1, "incomparable");
}

#[test]
fn deactivated_shapes_are_skipped() {
    let s = format!("{}ex:P sh:deactivated true .\n", on_p("sh:minCount 1"));
    assert!(results(&s, "ex:a a ex:C .").is_empty());
    assert_eq!(results(&on_p("sh:minCount 1"), "ex:a a ex:C .").len(), 1);
}

#[test]
fn results_carry_the_shape_texts_and_parameters() {
    let s = on_p(
        "sh:class ex:K ; sh:minCount 1 ; sh:severity sh:Warning ; sh:name \"p\"@en ; sh:description \"the p\"@en ; sh:message \"needs a p\"@en",
    );
    let report = shapes(&s).unwrap().validate(&graph("ex:a a ex:C ."));
    assert!(!report.conforms);
    let [r] = report.results.as_slice() else {
        panic!("{report:?}")
    };
    assert_eq!(r.constraint, Constraint::MinCount(1));
    assert_eq!(r.path, Some(ex("p")));
    assert_eq!(r.source_shape, Term::from(ex("P")));
    assert_eq!(r.severity, Severity::Warning);
    assert_eq!(
        r.names,
        vec![Literal::new_language_tagged_literal_unchecked("p", "en")]
    );
    assert_eq!(r.descriptions[0].value(), "the p");
    assert_eq!(r.messages[0].value(), "needs a p");
    assert_eq!(
        r.component().iri(),
        "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
    );
}

#[test]
fn results_are_ordered() {
    let s = on_p("sh:minCount 1");
    let report = shapes(&s)
        .unwrap()
        .validate(&graph("ex:c a ex:C . ex:a a ex:C . ex:b a ex:C ."));
    let focus: Vec<String> = report
        .results
        .iter()
        .map(|r| r.focus_node.to_string())
        .collect();
    assert_eq!(
        focus,
        [
            "<http://example.org/a>",
            "<http://example.org/b>",
            "<http://example.org/c>"
        ]
    );
}

/// The typos of the EDC shapes are not SHACL: they are ignored (the shape loads and the
/// misspelt `sh:nodekind` constrains nothing), while a real unsupported component is refused.
#[test]
fn non_shacl_typos_are_ignored() {
    let s = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
             ex:P a sh:propertyShape ; sh:path ex:p ; sh:nodekind sh:IRI .";
    assert!(results(s, "ex:a a ex:C ; ex:p \"literal\" .").is_empty());
    for term in load::NOT_SHACL {
        let s = format!("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:{term} sh:IRI .");
        assert!(shapes(&s).is_ok(), "sh:{term}");
        let s = format!("ex:S a sh:{term} .");
        assert!(shapes(&s).is_ok(), "a sh:{term}");
    }
}

#[test]
fn unsupported_terms_are_refused() {
    for (ttl, term) in [
        ("ex:P sh:path ex:p ; sh:pattern \"^a\" .", "pattern"),
        ("ex:S sh:targetClass ex:C ; sh:closed true .", "closed"),
        ("ex:S sh:targetClass ex:C ; sh:in ( 1 2 ) .", "in"),
        ("ex:S sh:targetNode ex:a .", "targetNode"),
        ("ex:S sh:targetClass ex:C ; sh:sparql ex:Q .", "sparql"),
        ("ex:P sh:path ex:p ; sh:minLength 2 .", "minLength"),
        (
            "ex:P sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 .",
            "inversePath",
        ),
        ("ex:S a sh:SPARQLConstraint .", "SPARQLConstraint"),
    ] {
        match shapes(ttl) {
            Err(LoadError::Unsupported { term: t, .. }) => {
                assert!(t.starts_with(&format!("{SH}{term}")), "{ttl}: {t}")
            }
            other => panic!("{ttl}: {other:?}"),
        }
    }
    // A sequence path is a list, not an sh: term.
    assert!(matches!(
        shapes("ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ] ."),
        Err(LoadError::Unsupported { .. })
    ));
}

#[test]
fn invalid_parameters_are_refused() {
    for ttl in [
        "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:minCount \"one\" .",
        "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:nodeKind sh:Thing .",
        "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:or ex:Q .",
        "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:class \"K\" .",
        "ex:S a sh:NodeShape ; sh:uniqueLang true .",
    ] {
        assert!(
            matches!(shapes(ttl), Err(LoadError::Invalid { .. })),
            "{ttl}"
        );
    }
}

#[test]
fn imports_must_be_given() {
    let doc = |text: &'static str| ShapesDocument {
        name: "doc.ttl",
        format: Format::Turtle,
        text,
    };
    let full = "@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <http://example.org/full> a owl:Ontology ; owl:imports <http://example.org/base> .";
    let base = "@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <http://example.org/base> a owl:Ontology .";
    assert!(Shapes::load(&[doc(full), doc(base)]).is_ok());
    match Shapes::load(&[doc(full)]) {
        Err(e @ LoadError::MissingImport { .. }) => {
            assert!(e.to_string().contains("<http://example.org/base>"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn syntax_errors_name_the_document() {
    let e = shapes("ex:S a").unwrap_err();
    assert!(
        matches!(e, LoadError::Syntax { .. }) && e.to_string().starts_with("shapes.ttl: "),
        "{e}"
    );
}

#[test]
fn recursive_shapes_terminate() {
    let s =
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .";
    assert!(results(s, "ex:a a ex:C ; ex:p ex:b . ex:b ex:p ex:a .").is_empty());
}

#[test]
fn a_shape_that_is_its_own_property_is_refused() {
    for ttl in [
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S .",
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:T .\nex:T sh:property ex:S .",
    ] {
        match shapes(ttl) {
            Err(e @ LoadError::Invalid { .. }) => {
                assert!(e.to_string().contains("its own sh:property"), "{e}")
            }
            other => panic!("{ttl}: {other:?}"),
        }
    }
    // Two shapes sharing a property shape do not loop.
    let shared = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .\nex:T a sh:NodeShape ; sh:targetClass ex:D ; sh:property ex:P .\nex:P sh:path ex:p ; sh:minCount 1 .";
    assert!(shapes(shared).is_ok());
}

/// Shapes using every constraint, severity, text and term kind.
const EVERYTHING: &str = r#"ex:S a sh:NodeShape ; sh:targetClass ex:C, ex:D ; sh:severity sh:Warning ;
    sh:message "m"@en, "n" ; sh:name "S" ; sh:description "d"@fr ;
    sh:property ex:P, [ sh:path ex:q ; sh:or ( ex:K [ sh:nodeKind sh:IRI ] ) ; sh:uniqueLang true ] .
ex:P sh:path ex:p ; sh:class ex:K ; sh:datatype xsd:string ; sh:minCount 1 ; sh:maxCount 300 ;
    sh:node ex:K ; sh:hasValue "v"@de ; sh:maxInclusive 9 ; sh:deactivated false ; sh:severity ex:Custom .
ex:K a sh:NodeShape ; sh:hasValue ex:a ; sh:deactivated true .
"#;

#[test]
fn compiled_shapes_read_back_as_they_were() {
    let loaded = shapes(EVERYTHING).unwrap();
    let bytes = loaded.to_compiled();
    let read = Shapes::from_compiled(&bytes).unwrap();
    assert_eq!(read.to_compiled(), bytes);
    // Both validate alike.
    let data = graph("ex:a a ex:C ; ex:p \"x\" ; ex:q \"a\"@en, \"b\"@en . ex:b a ex:D .");
    assert_eq!(read.validate(&data), loaded.validate(&data));
    assert!(!loaded.validate(&data).results.is_empty());
}

#[test]
fn damaged_compiled_shapes_are_refused() {
    let bytes = shapes(EVERYTHING).unwrap().to_compiled();
    assert!(Shapes::from_compiled(&[]).is_err());
    assert!(Shapes::from_compiled(b"not shapes at all").is_err());
    // Every cut is refused, and so is anything after the end.
    for cut in 0..bytes.len() {
        assert!(
            Shapes::from_compiled(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Shapes::from_compiled(&longer).is_err());
    // Any byte changed gives an error or shapes, never a panic or a loop.
    for i in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut changed = bytes.clone();
            changed[i] ^= flip;
            if let Ok(read) = Shapes::from_compiled(&changed) {
                read.validate(&graph("ex:a a ex:C ; ex:p ex:a ; ex:q ex:a ."));
            }
        }
    }
}

#[test]
fn json_ld_uses_only_the_loader() {
    let context = br#"{"@context": {"name": "http://example.org/name", "K": "http://example.org/K", "type": "@type", "id": "@id"}}"#;
    let loader = DocumentLoader::new().with("http://example.org/ctx", context.to_vec());
    let doc = br#"{"@context": "http://example.org/ctx", "type": "K", "name": "x", "id": "http://example.org/a"}"#;
    let g = data_graph(doc, &loader).expect("converts");
    assert_eq!(g.len(), 2);
    let other = br#"{"@context": "http://example.org/elsewhere", "name": "x"}"#;
    assert_eq!(
        data_graph(other, &loader).unwrap_err(),
        DataError::UnknownDocument("http://example.org/elsewhere".into())
    );
}

#[test]
fn json_ld_blank_nodes_are_labelled_in_order() {
    let doc = br#"{"@context": {"@vocab": "http://example.org/"}, "p": {"q": {"r": 1}}}"#;
    let a = data_graph(doc, &DocumentLoader::new()).unwrap();
    let b = data_graph(doc, &DocumentLoader::new()).unwrap();
    assert_eq!(a, b);
    assert!(a.iter().any(|t| t.subject.to_string() == "_:b0"));
}

#[test]
fn shapes_are_shareable() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Shapes>();
}

fn example_loader() -> DocumentLoader {
    let context = br#"{"@context": {"@vocab": "http://example.org/", "id": "@id", "type": "@type",
        "when": {"@id": "http://example.org/when", "@type": "http://www.w3.org/2001/XMLSchema#date"},
        "Scoped": {"@id": "http://example.org/Scoped", "@context": {"inner": "http://example.org/scopedInner"}}}}"#;
    DocumentLoader::new().with("http://example.org/ctx", context.to_vec())
}

#[test]
fn the_compiled_reader_reads_what_credentials_use() {
    let doc = serde_json::json!({"@context": "http://example.org/ctx", "id": "http://example.org/a",
        "type": "Scoped", "when": "2025-01-01", "inner": {"inner": "nested"}});
    let g = compiled_data_graph(&doc, &example_loader()).expect("read by the compiled reader");
    let text: Vec<String> = g.iter().map(|t| t.to_string()).collect();
    let has = |s: &str| text.iter().any(|t| t.contains(s));
    assert!(
        has("<http://example.org/when> \"2025-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>"),
        "{text:?}"
    );
    // the type-scoped term applies on the typed node, not inside the nested one
    assert!(
        has("<http://example.org/a> <http://example.org/scopedInner> _:b0"),
        "{text:?}"
    );
    assert!(
        has("_:b0 <http://example.org/inner> \"nested\""),
        "{text:?}"
    );
    // the second document reuses the processed contexts and gives the same graph
    assert_eq!(compiled_data_graph(&doc, &example_loader()).unwrap(), g);
}

#[test]
fn what_the_compiled_reader_does_not_read_goes_to_the_general_reader() {
    let doc = serde_json::json!({"@context": "http://example.org/ctx", "id": "http://example.org/a",
        "items": {"@list": ["x", "y"]}});
    let loader = example_loader();
    let why = compiled_data_graph(&doc, &loader).unwrap_err();
    assert!(why.to_string().contains("@list"), "{why}");
    let g = data_graph_of(&doc, &loader).expect("the general reader reads lists");
    assert!(g.len() >= 5, "{g}");
}

#[test]
fn a_data_graph_is_the_set_of_its_triples() {
    let text = format!("{PREFIXES}ex:b ex:p ex:x . ex:a ex:q \"1\" . ex:a ex:p ex:y, ex:x . ex:a ex:p ex:x . _:n ex:p ex:a .");
    let triples: Vec<oxrdf::Triple> = TurtleParser::new()
        .for_slice(&text)
        .map(|t| t.unwrap())
        .collect();
    let data: DataGraph = triples.iter().cloned().collect();
    // a set: the repeated triple counts once, and the order it was given in does not matter
    assert_eq!(data.len(), 5);
    let reversed: DataGraph = triples.iter().rev().cloned().collect();
    assert_eq!(reversed, data);
    // the same triples as oxrdf's store
    let store: Graph = triples.iter().collect();
    assert_eq!(data.to_graph(), store);
    assert_eq!(DataGraph::from(&store), data);
    // lookups find exactly the values of one property on one node
    let values = |s: &str, p: &str| -> Vec<String> {
        let mut v: Vec<String> = data
            .objects(ex(s).as_ref().into(), ex(p).as_ref())
            .map(|t| t.to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        values("a", "p"),
        ["<http://example.org/x>", "<http://example.org/y>"]
    );
    assert_eq!(values("a", "q"), ["\"1\""]);
    assert_eq!(values("b", "p"), ["<http://example.org/x>"]);
    assert!(values("b", "q").is_empty());
    assert!(values("c", "p").is_empty());
    assert_eq!(data.with_predicate(ex("p").as_ref()).count(), 4);
}
