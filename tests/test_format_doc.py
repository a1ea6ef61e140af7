"""docs/format.md is the format users read: it must exist, validate, and be what we link to."""

import json
import re
from pathlib import Path

from textfacts.schema import Document, json_schema

REPO = Path(__file__).resolve().parent.parent
FORMAT = REPO / "docs" / "format.md"


def test_format_example_is_a_valid_record_that_round_trips():
    blocks = re.findall(r"```json\n(.*?)```", FORMAT.read_text(encoding="utf-8"), re.S)
    records = [json.loads(b) for b in blocks if '"doc_id"' in b]
    assert records, "docs/format.md has no example record"
    for record in records:
        assert Document.model_validate(record).to_dict() == record


def test_format_doc_names_every_field_of_the_schema():
    prose = FORMAT.read_text(encoding="utf-8")
    definitions = json_schema()["$defs"]
    fields = {name for d in definitions.values() for name in d.get("properties", {})}
    missing = sorted(f for f in fields if f"`{f}`" not in prose)
    assert not missing, missing


def test_readme_and_schema_point_to_the_format_in_the_repo():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme
    assert "ANNOTATION.md" not in readme
    assert "docs/format.md" in json.dumps(json_schema())
