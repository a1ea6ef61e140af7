"""The bundled corpus: its manifest and the gold set as a Hugging Face `datasets.Dataset`.

Gold records are validated by the schema first. Arrow needs one type per column, so the
Dataset uses explicit Features: a superset struct for mentions in which a DATE's ISO value
sits in `date_value` (numeric labels keep `value` as float64). `row_to_document` undoes this.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from textfacts.schema import Document, read_jsonl


def _repo() -> Path:
    """The checkout holding corpus/: beside the package in a source tree, else the cwd.

    An installed wheel lives in site-packages, where no corpus is; CI and users then run
    from the checkout.
    """
    source = Path(__file__).resolve().parent.parent
    return source if (source / "corpus").is_dir() else Path.cwd()


REPO = _repo()
CORPUS = REPO / "corpus"
GOLD_DIR = CORPUS / "gold"
HELDOUT_DIR = CORPUS / "heldout" / "gold"
BLIND_DIR = CORPUS / "blind" / "gold"
DEV_GOLD = REPO.parent / "shared" / "corpus-dev" / "gold.jsonl"
DEV_ZH_GOLD = REPO.parent / "shared" / "corpus-dev-zh" / "gold.jsonl"
_STR = ("id", "label", "text", "unit", "bound", "canonical", "role", "org")


def gold_features() -> Any:
    """Explicit Arrow features of a gold row (no null-type inference)."""
    from datasets import Features, Value

    s, i, f = Value("string"), Value("int64"), Value("float64")
    mention = {
        "id": s,
        "label": s,
        "start": i,
        "end": i,
        "text": s,
        "value": f,
        "value_max": f,
        "unit": s,
        "bound": s,
        "date_value": s,
        "canonical": s,
        "role": s,
        "org": s,
    }
    commitment = {
        "id": s,
        "start": i,
        "end": i,
        "text": s,
        "actor": s,
        "action": s,
        "deadline": s,
        "speaker": s,
        "modality": s,
    }
    claim = {
        k: s
        for k in (
            "id",
            "anchor",
            "measure",
            "kind",
            "direction",
            "period",
            "comparison",
            "speaker",
            "subject",
        )
    }
    return Features(
        {
            "doc_id": s,
            "text": s,
            "meta": {"published": s, "outlet": s, "title": s},
            # A one-element Python list is a list feature in every datasets version.
            "mentions": [mention],
            "commitments": [commitment],
            "claims": [claim],
        }
    )


def _row(document: Document) -> dict[str, Any]:
    record = document.model_dump(mode="json")
    for mention in record["mentions"]:
        if mention["label"] == "DATE":
            mention["date_value"] = mention.pop("value")
    return record


def row_to_document(row: dict[str, Any]) -> Document:
    """Turn a Dataset row back into a validated Document."""
    mentions = []
    for mention in row["mentions"]:
        item = {k: v for k, v in mention.items() if v is not None or k in ("role", "org")}
        if item["label"] == "DATE":
            item["value"] = item.pop("date_value", None)
        else:
            item.pop("date_value", None)
        if item["label"] != "PERSON":
            item.pop("role", None)
            item.pop("org", None)
        mentions.append(item)
    return Document.model_validate({**row, "mentions": mentions})


def resolve_gold(name: str | Path | None) -> list[Path]:
    """Gold locations by name.

    None/'seeds' = corpus/gold, 'dev' = the external dev gold ('dev-zh' the Chinese one),
    'heldout' = corpus/heldout/gold,
    'blind' = corpus/blind/gold (never used for development), 'all' = all four.
    """
    if name is None or str(name) == "seeds":
        return [GOLD_DIR]
    if str(name) == "dev":
        return [DEV_GOLD]
    if str(name) == "dev-zh":
        return [DEV_ZH_GOLD]
    if str(name) == "heldout":
        return [HELDOUT_DIR]
    if str(name) == "blind":
        return [BLIND_DIR]
    if str(name) == "all":
        return [GOLD_DIR, DEV_GOLD, HELDOUT_DIR, BLIND_DIR]
    return [Path(name)]


def read_gold(path: str | Path | None = None) -> list[Document]:
    """Validated gold Documents from a file, a folder or a named gold set."""
    return [doc for location in resolve_gold(path) for doc in read_jsonl(location)]


def load_gold(path: str | Path | None = None) -> Any:
    """The gold set as a `datasets.Dataset` built from local JSONL (never the hub)."""
    from datasets import Dataset

    documents = read_gold(path)
    return Dataset.from_list([_row(d) for d in documents], features=gold_features())


def read_manifest(path: str | Path = CORPUS / "manifest.csv") -> list[dict[str, str]]:
    """Rows of the corpus manifest."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sha256(path: str | Path) -> str:
    """Hex digest of a file's bytes (the manifest pins the texts gold offsets refer to)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
