import json
from pathlib import Path

import pytest
from helpers import span_of
from pydantic import ValidationError

from textfacts.schema import Document, json_schema

SEED_001 = Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "seed-001.json"
GOLD_001 = Path(__file__).resolve().parent.parent / "corpus" / "gold" / "001_b9cfb491d986cac6.jsonl"


def _example() -> dict:
    path = SEED_001 if SEED_001.exists() else GOLD_001
    return json.loads(path.read_text(encoding="utf-8"))


def test_seed_001_round_trips():
    record = _example()
    document = Document.model_validate(record)
    assert document.to_dict() == record
    assert Document.model_validate_json(document.to_json()) == document


def _doc(doc_text: str, **mention) -> dict:
    return {"doc_id": "t", "text": doc_text, "mentions": [{"id": "m1", **mention}]}


def test_mismatched_span_text_is_rejected():
    text = "Exports rose 8.7% this year."
    start, end = span_of(text, "8.7%")
    with pytest.raises(ValidationError, match="text"):
        Document.model_validate(
            _doc(
                text,
                label="PERCENT",
                start=start,
                end=end + 1,
                text="8.7%",
                value=8.7,
                unit="percent",
            )
        )


def test_offsets_past_the_text_are_rejected():
    with pytest.raises(ValidationError, match="past the text"):
        Document.model_validate(
            _doc("8.7%", label="PERCENT", start=0, end=9, text="8.7%", value=8.7, unit="percent")
        )


def test_unknown_reference_is_rejected():
    text = "Exports rose 8.7%."
    start, end = span_of(text, "8.7%")
    record = _doc(
        text, label="PERCENT", start=start, end=end, text="8.7%", value=8.7, unit="percent"
    )
    record["claims"] = [{"id": "k1", "anchor": "m1", "period": "m9"}]
    with pytest.raises(ValidationError, match="unknown id"):
        Document.model_validate(record)


def test_overlap_within_a_layer_is_rejected_but_not_across_layers():
    text = "the 2026 APEC China Year"
    s1, e1 = span_of(text, "2026 APEC China Year")
    s2, e2 = span_of(text, "2026")
    record = {
        "doc_id": "t",
        "text": text,
        "mentions": [
            {"id": "m1", "label": "EVENT", "start": s1, "end": e1, "text": text[s1:e1]},
            {"id": "m2", "label": "DATE", "start": s2, "end": e2, "text": "2026", "value": "2026"},
        ],
    }
    Document.model_validate(record)
    record["mentions"][1] = {"id": "m2", "label": "ORG", "start": s2, "end": e2, "text": "2026"}
    with pytest.raises(ValidationError, match="overlap"):
        Document.model_validate(record)


def test_extra_fields_fail_loudly():
    text = "8.7%"
    with pytest.raises(ValidationError):
        Document.model_validate(
            _doc(
                text,
                label="PERCENT",
                start=0,
                end=4,
                text=text,
                value=8.7,
                unit="percent",
                colour="red",
            )
        )


def test_bad_currency_code_is_rejected():
    text = "5 yuan"
    with pytest.raises(ValidationError):
        Document.model_validate(
            _doc(text, label="MONEY", start=0, end=6, text=text, value=5, unit="yuan")
        )


def test_json_schema_lists_every_label():
    schema = json.dumps(json_schema())
    for label in (
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "DATE",
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "EVENT",
        "PROGRAM",
    ):
        assert f'"{label}"' in schema
