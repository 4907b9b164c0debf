"""The RDF of JSON-LD documents by pyld (the JSON-LD oracle), offline.

Usage: to_rdf.py PATH...

Prints one JSON object: for each path, {"nquads": "..."} or {"error": "..."}. A JAdES
sealed file is read through its payload and the EU upload form through its
`credential`, as validate.py reads them; contexts come from validate.py's offline loader.
"""

import json
import sys

from pyld import jsonld

from validate import document_loader


def read(path: str):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if isinstance(doc, dict) and isinstance(doc.get("payload"), str):
        doc = json.loads(doc["payload"])
    if isinstance(doc, dict) and "@context" not in doc and isinstance(doc.get("credential"), dict):
        doc = doc["credential"]
    return doc


def main(paths) -> int:
    out = {}
    for path in paths:
        try:
            nquads = jsonld.to_rdf(
                read(path), {"format": "application/n-quads", "documentLoader": document_loader}
            )
            out[path] = {"nquads": nquads}
        except Exception as e:  # every failure is reported, per file
            out[path] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
