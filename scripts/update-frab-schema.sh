#!/usr/bin/env bash
# Refresh the vendored frab/C3VOC schedule schemas that tests/conferences/test_exports.py
# validates schedule.xml and schedule.json against.
#
# The files are committed, so the tests never need the network; this script is only for a
# developer who wants the schemas' latest published version. It fetches the XSD and the JSON
# schema from the voc/schedule repository (or the URLs given in FRAB_XSD_URL / FRAB_JSON_URL,
# e.g. the canonical https://c3voc.de/schedule/schema.xsd and .../schema.json), checks that each
# one parses and is a schema, takes the EUPL-1.2 licence text from the c3voc-schedule-tools
# package on PyPI (the same project's Python library), and writes tests/conferences/frab/SOURCES.
#
#   scripts/update-frab-schema.sh      # from anywhere inside the repository
#
# Then run `.venv/bin/pytest tests/conferences/test_exports.py` and read the diff: a new schema
# version may require fields that conferences/exports.py does not write yet.
set -euo pipefail

REF="${FRAB_SCHEMA_REF:-master}"
XSD_URL="${FRAB_XSD_URL:-https://raw.githubusercontent.com/voc/schedule/$REF/validator/xsd/schedule.xml.xsd}"
JSON_URL="${FRAB_JSON_URL:-https://raw.githubusercontent.com/voc/schedule/$REF/validator/json/schema.json}"
LICENCE_PACKAGE="c3voc-schedule-tools==1.1.0"  # its wheel ships voc/LICENSE (EUPL-1.2)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/tests/conferences/frab"
PYTHON="$ROOT/.venv/bin/python"

command -v curl >/dev/null || { echo "update-frab-schema: curl is needed" >&2; exit 1; }
[[ -x "$PYTHON" ]] || { echo "update-frab-schema: run 'make install' first (.venv missing)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Fetching $XSD_URL"
curl --fail --silent --show-error --location "$XSD_URL" -o "$WORK/schedule.xml.xsd"
echo "Fetching $JSON_URL"
curl --fail --silent --show-error --location "$JSON_URL" -o "$WORK/schedule.schema.json"

# Refuse a file that is not a usable schema (an HTML error page, JSON with comments …).
"$PYTHON" - "$WORK/schedule.xml.xsd" "$WORK/schedule.schema.json" <<'PY'
import json
import sys

import jsonschema
from lxml import etree

xsd, schema = sys.argv[1], sys.argv[2]
etree.XMLSchema(etree.parse(xsd))
with open(schema, encoding="utf-8") as handle:
    document = json.load(handle)
jsonschema.validators.validator_for(document).check_schema(document)
PY

echo "Fetching the licence from $LICENCE_PACKAGE"
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: "$LICENCE_PACKAGE" -d "$WORK/wheel"
"$PYTHON" - "$WORK" <<'PY'
import pathlib
import sys
import zipfile

work = pathlib.Path(sys.argv[1])
[wheel] = (work / "wheel").glob("*.whl")
with zipfile.ZipFile(wheel) as archive:
    (work / "LICENSE").write_bytes(archive.read("voc/LICENSE"))
PY
grep -q "EUROPEAN UNION PUBLIC LICENCE v. 1.2" "$WORK/LICENSE" || {
    echo "update-frab-schema: the package's licence is no longer EUPL-1.2; check it by hand" >&2
    exit 1
}

cp "$WORK/schedule.xml.xsd" "$WORK/schedule.schema.json" "$WORK/LICENSE" "$DEST/"
{
    echo "# Written by scripts/update-frab-schema.sh on $(date -u +%Y-%m-%d); see README.md."
    echo "schedule.xml.xsd      $XSD_URL"
    echo "schedule.schema.json  $JSON_URL"
    echo "LICENSE               voc/LICENSE in the $LICENCE_PACKAGE wheel (PyPI)"
    (cd "$DEST" && sha256sum schedule.xml.xsd schedule.schema.json LICENSE)
} >"$DEST/SOURCES"

echo "Updated:"
(cd "$ROOT" && git status --short -- tests/conferences/frab)
