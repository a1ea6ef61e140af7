import json
from pathlib import Path

import pytest
from conftest import SHARED
from helpers import span_of
from pydantic import ValidationError

from textfacts.schema import Document, json_schema

SEED_001 = SHARED / "examples" / "seed-001.json"
GOLD_001 = Path(__file__).resolve().parent.parent / "corpus" / "gold" / "001_b9cfb491d986cac6.jsonl"


def _round_trips(record: dict) -> None:
    document = Document.model_validate(record)
    assert document.to_dict() == record
    assert Document.model_validate_json(document.to_json()) == document


@pytest.mark.skipif(not SEED_001.exists(), reason=f"needs the shared examples at {SEED_001}")
def test_seed_001_round_trips():
    _round_trips(json.loads(SEED_001.read_text(encoding="utf-8")))


def test_corpus_gold_001_round_trips():
    # A plain clone has no ../shared; the same document's gold in corpus/ must round-trip too.
    _round_trips(json.loads(GOLD_001.read_text(encoding="utf-8")))


def test_claim_direction_is_kept_null_as_the_guideline_writes_it():
    text = "Exports reached 5 billion yuan."
    start, end = span_of(text, "5 billion yuan")
    record = {
        "doc_id": "t",
        "text": text,
        "meta": {"published": None, "outlet": None, "title": None},
        "mentions": [
            {
                "id": "m1",
                "label": "MONEY",
                "start": start,
                "end": end,
                "text": text[start:end],
                "value": 5e9,
                "unit": "CNY",
                "bound": "exact",
            }
        ],
        "commitments": [],
        "claims": [
            {
                "id": "k1",
                "anchor": "m1",
                "measure": "exports",
                "kind": "level",
                "direction": None,
                "period": None,
                "comparison": None,
                "speaker": None,
                "subject": None,
            }
        ],
    }
    assert Document.model_validate(record).to_dict()["claims"][0]["direction"] is None
    _round_trips(record)


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


def test_the_layer_check_rejects_exactly_the_records_with_an_overlap_in_a_layer():
    import random

    from textfacts.offsets import overlaps
    from textfacts.schema import layer_of

    rng = random.Random(11)
    text = "x" * 40
    rejected = 0
    for _ in range(300):
        mentions = []
        for number in range(rng.randint(1, 6)):
            start = rng.randrange(0, 38)
            end = rng.randint(start + 1, min(40, start + 6))
            label = rng.choice(["DATE", "QUANTITY", "ORG", "GPE"])
            extra = {"value": None} if label == "DATE" else {}
            if label == "QUANTITY":
                extra = {"value": 1.0, "unit": "ton"}
            mentions.append(
                {"id": f"m{number}", "label": label, "start": start, "end": end}
                | {"text": text[start:end], **extra}
            )
        clash = any(
            layer_of(a["label"]) == layer_of(b["label"])
            and overlaps((a["start"], a["end"]), (b["start"], b["end"]))
            for i, a in enumerate(mentions)
            for b in mentions[i + 1 :]
        )
        record = {"doc_id": "t", "text": text, "mentions": mentions}
        if clash:
            rejected += 1
            with pytest.raises(ValidationError, match="overlap"):
                Document.model_validate(record)
        else:
            Document.model_validate(record)
    assert 0 < rejected < 300
