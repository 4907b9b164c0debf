#!/usr/bin/env python3
"""Validate JSON-LD files against the EU's EDC SHACL shapes (the external oracle).

Usage: validate.py [--shapes 1.1.0|1.2.0|both] [--profile generic|issuedByMandate]
                   [--jobs N] PATH...

PATH is a JSON-LD file or a directory searched recursively for ``*.jsonld``.

Per file:
  * a JAdES-sealed file (top-level ``payload`` string) is replaced by ``json.loads(payload)``,
    and the EU issuer's upload form ``{"credential": {...}}`` by its credential;
  * JSON-LD -> RDF with pyld, using an offline document loader that serves only the two
    context IRIs from ``stdlib/elm/context`` (and the VC 2.0 one; any other IRI is a hard
    error);
  * every key that JSON-LD processing drops (not mapped to an IRI by the contexts) is an
    error, and so is a document that yields no RDF statement at all;
  * the RDF graph is validated with pyshacl against the closure EDC-generic-full +
    EDC-generic-no-cv of each chosen shape version (parsed once per run).

Files that contain no ``EuropeanDigitalCredential`` node (e.g. a stand-alone Qualification
specification) go through the same steps (node shapes with a target class still apply) and
are reported as "not a credential".

Output: one line per file, ``OK <path> [1.1.0, 1.2.0]`` or ``FAIL <path> (<what>)`` (``<what>``
is ``json-ld`` or the shape version(s) with that violation list) followed by indented
``- <focus node> | <path> | <message>`` lines (``> ...`` below one: its sh:detail results),
then a final ``N passed, M failed`` line. ``--jobs`` forks worker processes after the shapes
are parsed (default: 2 for 4+ files); ``--timing`` prints timings to stderr.
With ``--json`` the output is instead one JSON document for machine comparison (the
differential test of the Rust engine, ``tests/tests/shacl_engine.rs``)::

    {"files": [{"path": ..., "errors": [...],
                "shacl": {"1.1.0": {"conforms": bool, "results": [
                    {"focus": ..., "path": ..., "component": ..., "source_shape": ...,
                     "severity": ..., "value": ...}]}}}]}

with the top-level results only (no sh:detail). Terms are written by ``canonical``: IRIs
as ``<iri>``, literals as JSON strings with ``@lang`` or ``^^<datatype>``, and blank nodes
by what points at them and what they point at (their labels differ between JSON-LD
processors and parsers). Exit status as without ``--json``.
Exit status: 0 all conform, 1 some file failed, 2 usage error or no input file.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import sys
import time
from pathlib import Path

import rdflib
from pyld.jsonld import JsonLdProcessor
import pyshacl.validator as _pyshacl_validator
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDF, SH

REPO = Path(__file__).resolve().parents[2]
ELM = REPO / "stdlib" / "elm"

CONTEXTS = {
    "https://www.w3.org/2018/credentials/v1": ELM / "context" / "w3c-credentials-v1.jsonld",
    "http://data.europa.eu/snb/model/context/edc-ap": ELM / "context" / "edc-ap-context.jsonld",
    # Served so that a VCDM 2.0 credential meets the real reason it cannot be read with
    # edc-ap (a protected term redefined), not a missing document.
    "https://www.w3.org/ns/credentials/v2": ELM / "context" / "w3c-credentials-v2.jsonld",
}

SHAPE_FILES = {
    "1.1.0": {
        "generic": ["EDC-generic-no-cv.ttl", "EDC-generic-full.ttl"],
        "issuedByMandate": ["EDC-issuedByMandate.ttl"],
    },
    "1.2.0": {
        "generic": ["EDC-generic-no-cv.rdf", "EDC-generic-full.rdf"],
        "issuedByMandate": ["EDC-issuedByMandate.rdf"],
    },
}

ELM_NS = "http://data.europa.eu/snb/model/elm/"
EDC_CLASS = rdflib.URIRef(ELM_NS + "EuropeanDigitalCredential")

PREFIXES = [
    ("elm:", ELM_NS),
    ("cred:", "https://www.w3.org/2018/credentials#"),
    ("dc:", "http://purl.org/dc/terms/"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("foaf:", "http://xmlns.com/foaf/0.1/"),
    ("adms:", "http://www.w3.org/ns/adms#"),
    ("locn:", "http://www.w3.org/ns/locn#"),
    ("org:", "http://www.w3.org/ns/org#"),
    ("sh:", "http://www.w3.org/ns/shacl#"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
]

_CONTEXT_DOCS: dict[str, dict] = {}


class OfflineLoaderError(Exception):
    pass


def document_loader(url, options=None):
    """pyld document loader: the bundled contexts, nothing else (no network)."""
    path = CONTEXTS.get(url)
    if path is None:
        raise OfflineLoaderError(
            f"refusing to load {url!r}: only {', '.join(sorted(CONTEXTS))} are served offline"
        )
    doc = _CONTEXT_DOCS.get(url)
    if doc is None:
        doc = json.loads(path.read_text(encoding="utf-8"))
        _CONTEXT_DOCS[url] = doc
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": doc,
    }


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
CANONICAL_DEPTH = 3


def canonical(g: rdflib.Graph, node, depth: int = 0) -> str | None:
    """A label for an RDF term that does not depend on blank node labels.

    IRI: ``<iri>``. Literal: its lexical form as a JSON string, then ``@lang`` (lower case)
    or ``^^<datatype>``. Blank node: ``[`` the sorted ``<subject> <predicate>`` pairs that
    point at it ``|`` the sorted ``<predicate> <object>`` pairs it points at, objects that
    are IRIs or string literals only (other literals may be normalised differently by RDF
    libraries) ``]``, nested blank nodes written the same way down to CANONICAL_DEPTH
    levels (then ``[]``). The same function is implemented in ``tests/tests/shacl_engine.rs``.
    """
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return "<" + str(node) + ">"
    if isinstance(node, rdflib.Literal):
        text = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return text + "@" + node.language.lower()
        return text + "^^<" + str(node.datatype or XSD_STRING) + ">"
    if depth >= CANONICAL_DEPTH:
        return "[]"
    incoming = sorted(canonical(g, s, depth + 1) + " <" + str(p) + ">" for s, p in g.subject_predicates(node))
    outgoing = sorted(
        "<" + str(p) + "> " + canonical(g, o, depth + 1)
        for p, o in g.predicate_objects(node)
        if isinstance(o, rdflib.URIRef)
        or (isinstance(o, rdflib.Literal) and (o.language or o.datatype in (None, rdflib.URIRef(XSD_STRING))))
    )
    return "[" + "; ".join(incoming) + " | " + "; ".join(outgoing) + "]"


def json_results(report: rdflib.Graph, data: rdflib.Graph, shapes: rdflib.Graph) -> list[dict]:
    """The report's top-level results as canonical terms (see ``canonical``)."""
    out = []
    for r in report.objects(None, SH.result):
        out.append({
            "focus": canonical(data, report.value(r, SH.focusNode)),
            "path": canonical(shapes, report.value(r, SH.resultPath)),
            "component": str(report.value(r, SH.sourceConstraintComponent)),
            "source_shape": canonical(shapes, report.value(r, SH.sourceShape)),
            "severity": str(report.value(r, SH.resultSeverity)),
            "value": canonical(data, report.value(r, SH.value)),
        })
    return sorted(out, key=lambda d: json.dumps(d, sort_keys=True))


def short(node) -> str:
    if node is None:
        return "-"
    if isinstance(node, rdflib.URIRef):
        s = str(node)
        for prefix, ns in PREFIXES:
            if s.startswith(ns) and len(s) > len(ns):
                return prefix + s[len(ns):]
        return "<" + s + ">"
    if isinstance(node, rdflib.BNode):
        return "_:" + str(node)
    return repr(str(node)) if isinstance(node, rdflib.Literal) else str(node)


def short_path(g: rdflib.Graph, path) -> str:
    """sh:resultPath: an IRI or a (rarely) complex SHACL path node."""
    if path is None:
        return "-"
    if isinstance(path, rdflib.BNode):
        inv = g.value(path, SH.inversePath)
        if inv is not None:
            return "^" + short(inv)
        return "(complex path)"
    return short(path)


def load_shapes(versions, profile) -> dict[str, rdflib.Graph]:
    graphs = {}
    for v in versions:
        g = rdflib.Graph()
        files = list(SHAPE_FILES[v]["generic"])
        if profile != "generic":
            files += SHAPE_FILES[v][profile]
        for name in files:
            p = ELM / "shacl" / f"ap-{v}" / name
            g.parse(str(p), format="turtle" if name.endswith(".ttl") else "xml")
        graphs[v] = g
    return graphs


def _result_line(g: rdflib.Graph, r) -> str:
    focus = g.value(r, SH.focusNode)
    path = g.value(r, SH.resultPath)
    msg = g.value(r, SH.resultMessage)
    value = g.value(r, SH.value)
    text = str(msg) if msg is not None else short(g.value(r, SH.sourceConstraintComponent))
    if value is not None and path is not None and short(value) not in text:
        text += f" (value {short(value)})"
    return f"{short(focus)} | {short_path(g, path)} | {text}"


def violations(g: rdflib.Graph) -> list[str]:
    """Compact lines for the report's top-level results; sh:detail results nested below."""
    out = []
    for r in g.objects(None, SH.result):
        line = _result_line(g, r)
        details = sorted({_result_line(g, d) for d in g.objects(r, SH.detail)})
        out.append("\n".join([line] + [f"    > {d}" for d in details]))
    return sorted(set(out))


# Set in the parent before the worker pool is forked (children inherit it).
SHAPES: dict[str, rdflib.Graph] = {}
JSON_OUTPUT = False

# pyshacl wraps the shapes graph in a new ShapesGraph for every validate() call and
# re-extracts all shapes (~25% of the time per file). The shape objects keep no per-run
# state, so build one per shapes graph and reuse it.
_ShapesGraph = _pyshacl_validator.ShapesGraph
_SHAPES_GRAPH_CACHE: dict[int, object] = {}


def _cached_shapes_graph(graph, *args, **kwargs):
    if not any(graph is g for g in SHAPES.values()):
        return _ShapesGraph(graph, *args, **kwargs)
    key = id(graph)
    if key not in _SHAPES_GRAPH_CACHE:
        _SHAPES_GRAPH_CACHE[key] = _ShapesGraph(graph, *args, **kwargs)
    return _SHAPES_GRAPH_CACHE[key]


_pyshacl_validator.ShapesGraph = _cached_shapes_graph


def describe_error(e: BaseException) -> str:
    """One line from a (chained) pyld JsonLdError: each message, plus the innermost code/details."""
    parts, last = [], e
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        msg = e.args[0] if e.args else type(e).__name__
        parts.append(str(msg))
        last = e
        e = e.__cause__ or e.__context__
    code = getattr(last, "code", None)
    details = getattr(last, "details", None)
    tail = f" [code: {code}]" if code else ""
    if details:
        tail += f" [details: {str(details)[:300]}]"
    if len(parts) > 2:  # drop pyld's generic middle messages
        parts = [parts[0], parts[-1]]
    return " <- ".join(parts) + tail


def check_file(path: str) -> dict:
    """Validate one file; returns a plain dict (picklable for multiprocessing)."""
    res = {"path": path, "errors": [], "shacl": {}, "note": None, "json": {}}
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        res["errors"].append(f"cannot read JSON: {e}")
        return res
    if isinstance(doc, dict) and isinstance(doc.get("payload"), str):
        try:
            doc = json.loads(doc["payload"])
        except ValueError as e:
            res["errors"].append(f"JAdES payload is not JSON: {e}")
            return res
    # The EU issuer's upload form: {"credential": {...}} without a context of its own.
    if isinstance(doc, dict) and "@context" not in doc and isinstance(doc.get("credential"), dict):
        doc = doc["credential"]

    dropped: list[str] = []
    try:
        nquads = JsonLdProcessor(on_property_dropped=dropped.append).to_rdf(
            doc, {"format": "application/n-quads", "documentLoader": document_loader}
        )
    except Exception as e:  # pyld raises JsonLdError, chained through __context__
        res["errors"].append("JSON-LD to RDF failed: " + describe_error(e))
        return res
    if dropped:
        names = sorted({str(d) for d in dropped})
        res["errors"].append(
            "JSON-LD dropped key(s) not defined by the contexts: " + ", ".join(names)
        )
    data = rdflib.Graph()
    data.parse(data=nquads, format="nquads")
    if len(data) == 0:
        res["errors"].append("JSON-LD produced no RDF statement")
        return res
    if (None, RDF.type, EDC_CLASS) not in data:
        types = doc.get("type", doc.get("@type")) if isinstance(doc, dict) else None
        if isinstance(types, list):
            types = ", ".join(str(t) for t in types)
        res["note"] = f"not a credential: {types or 'no top-level type'}"

    for v, shapes in SHAPES.items():
        conforms, report_graph, _text = shacl_validate(
            data, shacl_graph=shapes, inference="none", inplace=(len(SHAPES) == 1)
        )
        res["shacl"][v] = [] if conforms else (violations(report_graph) or ["does not conform (no result in the report)"])
        if JSON_OUTPUT:
            res["json"][v] = {"conforms": bool(conforms),
                              "results": json_results(report_graph, data, shapes)}
    return res


def render(res: dict, versions) -> tuple[bool, list[str]]:
    path = res["path"]
    lines = []
    if res["errors"]:
        lines.append(f"FAIL {path} (json-ld)")
        lines += [f"  - {e}" for e in res["errors"]]
    failing = [v for v in versions if res["shacl"].get(v)]
    if not res["shacl"] and not res["errors"]:
        lines.append(f"FAIL {path} (not validated)")
    # Group versions with identical violation lists.
    done = set()
    for v in failing:
        if v in done:
            continue
        same = [w for w in failing if res["shacl"][w] == res["shacl"][v]]
        done.update(same)
        lines.append(f"FAIL {path} ({', '.join(same)})")
        lines += [f"  - {x}" for x in res["shacl"][v]]
    ok = not lines
    if ok:
        note = f" ({res['note']})" if res["note"] else ""
        lines.append(f"OK {path} [{', '.join(versions)}]{note}")
        return ok, lines
    passing = [v for v in versions if v in res["shacl"] and v not in failing]
    if passing:
        lines.append(f"  (SHACL {', '.join(passing)}: conforms)")
    if res["note"]:
        lines.append(f"  ({res['note']})")
    return ok, lines


def collect(paths) -> list[str]:
    files = []
    for p in paths:
        pp = Path(p)
        if pp.is_dir():
            files += sorted(str(f) for f in pp.rglob("*.jsonld") if f.is_file())
        elif pp.is_file():
            files.append(str(pp))
        else:
            raise FileNotFoundError(p)
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shapes", choices=["1.1.0", "1.2.0", "both"], default="both")
    ap.add_argument("--profile", choices=["generic", "issuedByMandate"], default="generic",
                    help="extra EDC profile shapes on top of generic-full + generic-no-cv")
    ap.add_argument("--jobs", type=int, default=0,
                    help="worker processes (default: 2 when there are 4+ files, else 1)")
    ap.add_argument("--timing", action="store_true", help="print timings to stderr")
    ap.add_argument("--json", action="store_true",
                    help="print one JSON document with every result (canonical terms)")
    ap.add_argument("paths", nargs="+", metavar="PATH")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    versions = ["1.1.0", "1.2.0"] if args.shapes == "both" else [args.shapes]
    try:
        files = collect(args.paths)
    except FileNotFoundError as e:
        print(f"error: no such file or directory: {e}", file=sys.stderr)
        return 2
    if not files:
        print("error: no .jsonld file found under " + " ".join(args.paths), file=sys.stderr)
        return 2

    global JSON_OUTPUT
    JSON_OUTPUT = args.json
    t0 = time.perf_counter()
    SHAPES.update(load_shapes(versions, args.profile))
    for g in SHAPES.values():  # harvest shapes once, before forking workers
        _ = _cached_shapes_graph(g, False, logging.getLogger("pyshacl")).shapes
    t1 = time.perf_counter()
    jobs = args.jobs or (min(2, os.cpu_count() or 1) if len(files) >= 4 else 1)
    if jobs > 1 and len(files) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(check_file, files, chunksize=1)
    else:
        results = [check_file(f) for f in files]
    t2 = time.perf_counter()

    if args.json:
        files_out = [{"path": r["path"], "errors": r["errors"], "shacl": r["json"]} for r in results]
        print(json.dumps({"files": files_out}, ensure_ascii=False, indent=1))
        ok = all(not r["errors"] and all(v["conforms"] for v in r["json"].values()) for r in results)
        return 0 if ok else 1

    passed = failed = 0
    for res in results:
        ok, lines = render(res, versions)
        print("\n".join(lines))
        if ok:
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed")
    if args.timing:
        print(f"timing: shapes {t1 - t0:.2f}s, {len(files)} file(s) {t2 - t1:.2f}s, jobs={jobs}",
              file=sys.stderr)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
