"""Label Studio round trip: gold → tasks → (unchanged) export → gold is the identical record."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import span_of

from textfacts.cli import main
from textfacts.corpus import DEV_GOLD
from textfacts.labelstudio import from_results, labeling_config, read_export, to_task, to_tasks
from textfacts.schema import Document, read_jsonl

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "gold"
DEV = next(
    (
        p
        for p in (DEV_GOLD, REPO.parent.parent / "shared" / "corpus-dev" / "gold.jsonl")
        if p.exists()
    ),
    None,
)


def _annotated(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports when annotators accept every prediction unchanged."""
    tasks = json.loads(json.dumps(tasks))  # through JSON, as a real file would be
    for number, task in enumerate(tasks, 1):
        task["id"] = number
        task["annotations"] = [
            {"id": number, "was_cancelled": False, "result": task["predictions"][0]["result"]}
        ]
    return tasks


def _round_trip(document: Document) -> Document:
    (task,) = _annotated([to_task(document)])
    return from_results(task["annotations"][0]["result"], task["data"])


@pytest.mark.parametrize("document", list(read_jsonl(SEEDS)), ids=lambda d: d.doc_id)
def test_round_trip_is_lossless_on_seed_gold(document):
    assert _round_trip(document) == document


def _dev_documents() -> list:
    if DEV is None:
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason="shared corpus-dev gold not found beside the checkout"
                ),
            )
        ]
    return list(read_jsonl(DEV))


@pytest.mark.parametrize(
    "document", _dev_documents(), ids=lambda d: d.doc_id if d is not None else "absent"
)
def test_round_trip_is_lossless_on_dev_gold(document):
    assert _round_trip(document) == document


def test_cli_export_import_gold_check(tmp_path, capsys):
    tasks = tmp_path / "tasks.json"
    assert main(["export", "--format", "labelstudio", str(SEEDS), "-o", str(tasks)]) == 0
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(_annotated(json.loads(tasks.read_text()))), encoding="utf-8")
    gold = tmp_path / "gold"
    assert main(["import", "labelstudio", str(exported), "-o", str(gold)]) == 0
    assert "uncovered digit run" in capsys.readouterr().out
    assert list(read_jsonl(gold)) == list(read_jsonl(SEEDS))


TEXT = (
    "China's imports of soybeans rose 12.5 percent in May, the customs authority said, "
    "and Customs will expand the Single Window."
)


def _record() -> Document:
    start, end = span_of(TEXT, "12.5 percent")
    may = span_of(TEXT, "May")
    return Document.model_validate(
        {
            "doc_id": "x1.txt",
            "text": TEXT,
            "mentions": [
                {
                    "id": "m1",
                    "label": "PERCENT",
                    "start": start,
                    "end": end,
                    "text": "12.5 percent",
                    "value": 12.5,
                    "unit": "percent",
                },
                {
                    "id": "m2",
                    "label": "DATE",
                    "start": may[0],
                    "end": may[1],
                    "text": "May",
                    "value": "2025-05",
                },
            ],
        }
    )


def test_annotator_regions_get_fresh_ids_and_claims_find_their_anchor():
    (task,) = _annotated([to_task(_record())])
    result = task["annotations"][0]["result"]
    start, end = span_of(TEXT, "Customs")
    result += [
        {
            "id": "Qx7pLm2a",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "text": "Customs", "labels": ["ORG"]},
        },
        {
            "id": "Qx7pLm2a",
            "from_name": "canonical",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": start, "end": end, "text": ["General Administration of Customs"]},
        },
    ]
    start, end = span_of(TEXT, "12.5 percent")
    result += [
        {
            "id": "m9",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",  # wrong kind
            "value": {"start": start, "end": end, "text": "12.5 percent", "labels": ["CLAIM"]},
        },
        {
            "id": "m9",
            "from_name": "kind",
            "to_name": "text",
            "type": "choices",
            "value": {"start": start, "end": end, "choices": ["change"]},
        },
        {  # drawn from the period to the claim: the direction is read from the labels
            "from_id": "m2",
            "to_id": "m9",
            "type": "relation",
            "direction": "right",
            "labels": ["period"],
        },
    ]
    document = from_results(result, task["data"])
    org = document.mentions[-1]
    assert (org.id, org.label, org.canonical) == ("m3", "ORG", "General Administration of Customs")
    (claim,) = document.claims
    assert (claim.id, claim.anchor, claim.period, claim.kind) == ("k1", "m1", "m2", "change")


def test_offsets_are_utf16_in_label_studio():
    text = "Trade \U0001f4c8 grew 3.4 percent."
    start, end = span_of(text, "3.4 percent")
    document = Document.model_validate(
        {
            "doc_id": "e",
            "text": text,
            "mentions": [
                {
                    "id": "m1",
                    "label": "PERCENT",
                    "start": start,
                    "end": end,
                    "text": "3.4 percent",
                    "value": 3.4,
                    "unit": "percent",
                }
            ],
        }
    )
    region = to_task(document)["predictions"][0]["result"][0]
    assert region["value"]["start"] == start + 1  # the emoji is two UTF-16 code units
    assert _round_trip(document) == document


def test_unannotated_and_cancelled_tasks_are_skipped(tmp_path):
    tasks = _annotated(to_tasks([_record()]))
    tasks.append(
        {**tasks[0], "id": 2, "annotations": [{"id": 5, "was_cancelled": True, "result": []}]}
    )
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    records = [doc for _, doc in read_export(path)]
    assert records[0] == _record() and records[1] is None


def test_bad_export_names_the_file(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(ValueError, match="export.json"):
        list(read_export(path))


def test_config_declares_every_name_the_tasks_use():
    root = ET.fromstring(labeling_config())
    controls = {el.get("name") for el in root.iter() if el.get("toName")}
    labels = {el.get("value") for el in root.iter("Label")}
    relations = {el.get("value") for el in root.iter("Relation")}
    choices = {
        (el.get("name"), c.get("value")) for el in root.iter("Choices") for c in el.iter("Choice")
    }
    for document in read_jsonl(SEEDS):
        for result in to_task(document)["predictions"][0]["result"]:
            if result["type"] == "relation":
                assert set(result["labels"]) <= relations
                continue
            assert result["from_name"] in controls
            for label in result["value"].get("labels", []):
                assert label in labels
            for choice in result["value"].get("choices", []):
                assert (result["from_name"], choice) in choices
