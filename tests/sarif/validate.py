"""Validates SARIF logs against the bundled SARIF 2.1.0 JSON schema.

    python tests/sarif/validate.py LOG.sarif...

Prints `OK <file>` or `FAIL <file>` followed by one line per schema violation
(`<JSON path>: <message>`); exit 0 when every log is valid, 1 otherwise.
"""

import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def main(paths):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    failed = False
    for path in paths:
        log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        if errors:
            failed = True
            print(f"FAIL {path}")
            for error in errors:
                print(f"  {error.json_path}: {error.message}")
        else:
            print(f"OK {path}")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
