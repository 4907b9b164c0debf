#!/usr/bin/env python3
"""Oracle for the EBSI Europass EDC JSON Schema check (compiler/src/validate/ebsi.rs).

    .venv/bin/python tests/shacl/ebsi.py FILE...

Reads each credential file in its form (the credential object, the EU issuer's upload
form {"credential": ...}, or a JAdES seal whose "payload" text holds the credential),
picks the schema by the first @context entry (VCDM 1.1 or 2.0), validates it with Python
jsonschema against the *bundled* (self-contained) schema variant in
stdlib/elm/json-schema/ebsi/, and prints one JSON list:

    [{"file": ..., "vcdm": "1.1", "valid": false,
      "errors": [{"pointer": "/credentialSubject", "keyword": "required"}, ...]}, ...]

A file that cannot be checked gets "error" instead of "valid"/"errors". Formats are
checked: jsonschema's own checkers for date-time, uri and duration need packages that
are not installed, so this file brings its own, written from RFC 3339 and RFC 3986.
"""

import json
import re
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

SCHEMAS = Path(__file__).resolve().parents[2] / "stdlib/elm/json-schema/ebsi"
BUNDLED = {
    "https://www.w3.org/2018/credentials/v1": ("1.1", "vcdm1.1-europass-edc-schema.bundled.schema.json"),
    "https://www.w3.org/ns/credentials/v2": ("2.0", "vcdm2.0-europass-edc-schema-2.1.0.bundled.schema.json"),
}

FORMATS = FormatChecker()

DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$"
)


@FORMATS.checks("date-time")
def is_date_time(value):
    """RFC 3339 section 5.6 date-time (a leap second only at 23:59:60)."""
    if not isinstance(value, str):
        return True
    m = DATE_TIME.match(value)
    if not m:
        return False
    # RFC 3339 5.7: the day within the month, leap years by the Gregorian rule, year 0000
    # included (a leap year; Python's datetime stops at year 1).
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not (1 <= month <= 12 and 1 <= day <= days[month - 1]):
        return False
    hour, minute, second = int(m[4]), int(m[5]), int(m[6])
    if m[9] is not None and (int(m[9]) > 23 or int(m[10]) > 59):
        return False
    return hour < 24 and minute < 60 and second < 61


_PCT = r"%[0-9A-Fa-f]{2}"
_CHARS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]"
URI = re.compile(
    rf"^[A-Za-z][A-Za-z0-9+.\-]*:(?:{_CHARS}|{_PCT})*(?:#(?:{_CHARS}|{_PCT})*)?$"
)


@FORMATS.checks("uri")
def is_uri(value):
    """RFC 3986 URI: a scheme, then only characters a URI may hold (no IP literals)."""
    return not isinstance(value, str) or bool(URI.match(value))


_DUR_TIME = r"T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S)"
_DUR_DATE = rf"(?:\d+D|\d+M(?:\d+D)?|\d+Y(?:\d+M(?:\d+D)?)?)(?:{_DUR_TIME})?"
DURATION = re.compile(rf"^P(?:{_DUR_DATE}|{_DUR_TIME}|\d+W)$")


@FORMATS.checks("duration")
def is_duration(value):
    """RFC 3339 appendix A duration."""
    return not isinstance(value, str) or bool(DURATION.match(value))


def credential_of(doc):
    """The credential object in one of the three file forms."""
    if isinstance(doc, dict) and "payload" in doc and ("signatures" in doc or "signature" in doc):
        return json.loads(doc["payload"])
    if isinstance(doc, dict) and "@context" not in doc and "credential" in doc:
        return doc["credential"]
    return doc


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def check(path):
    credential = credential_of(json.loads(Path(path).read_text(encoding="utf-8-sig")))
    context = credential.get("@context") if isinstance(credential, dict) else None
    first = context[0] if isinstance(context, list) and context else context
    if first not in BUNDLED:
        return {"file": path, "error": f"unknown @context {json.dumps(first)}"}
    vcdm, name = BUNDLED[first]
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    errors = [
        {"pointer": pointer(e.absolute_path), "keyword": e.validator}
        for e in validator.iter_errors(credential)
    ]
    return {"file": path, "vcdm": vcdm, "valid": not errors, "errors": errors}


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump([check(p) for p in argv], sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
