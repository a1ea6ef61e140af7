"""The bundled corpus: its manifest and the gold set as a Hugging Face `datasets.Dataset`.

Gold records are validated by the schema first. Arrow needs one type per column, so the
Dataset uses explicit Features: a superset struct for mentions in which a DATE's ISO value
sits in `date_value` (numeric labels keep `value` as float64). `row_to_document` undoes this.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable
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
# Written by the team in the genre's style: development material, never a reported figure.
SYNTHETIC_DIR = CORPUS / "synthetic" / "gold"
# Real official releases annotated blind to the model: scored once per model version, their
# errors never read (corpus/blind-real/README.md).
BLIND_DIR = CORPUS / "blind-real" / "gold"
# Real official releases annotated by the team for development: errors may be read
# (corpus/dev-real/README.md).
DEV_REAL_DIR = CORPUS / "dev-real" / "gold"
# Third-party material stays outside the repository, beside the checkout by default; a git
# worktree elsewhere points at it with TEXTFACTS_SHARED.
SHARED = Path(os.environ.get("TEXTFACTS_SHARED") or REPO.parent / "shared")
DEV_GOLD = SHARED / "corpus-dev" / "gold.jsonl"
DEV_ZH_GOLD = SHARED / "corpus-dev-zh" / "gold.jsonl"
DOC_CLASSES = REPO / "evaluation" / "doc_classes.tsv"
DOC_CLASS_NAMES = ("wire release", "transcript", "policy notice")
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
        "per": s,
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


def document_row(document: Document) -> dict[str, Any]:
    """A Document as a row of `gold_features()` (the Parquet and Dataset layout)."""
    return _row(document)


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

    None/'seeds' = corpus/gold, 'dev' = the external real dev gold (shared/corpus-dev),
    'dev-zh' = the Chinese dev gold (shared/corpus-dev-zh),
    'blind' = corpus/blind-real/gold (real releases, scored once per model version),
    'dev-real' = corpus/dev-real/gold (real releases annotated by the team, for development),
    'real' = seeds and dev (the headline yardstick), 'synthetic' = corpus/synthetic/gold
    (written by the team; development only), 'all' = seeds, dev and synthetic. Anything else is
    a path.
    """
    named = {
        "seeds": [GOLD_DIR],
        "dev": [DEV_GOLD],
        "dev-zh": [DEV_ZH_GOLD],
        "real": [GOLD_DIR, DEV_GOLD],
        "synthetic": [SYNTHETIC_DIR],
        "blind": [BLIND_DIR],
        "dev-real": [DEV_REAL_DIR],
        "all": [GOLD_DIR, DEV_GOLD, SYNTHETIC_DIR],
    }
    key = "seeds" if name is None else str(name)
    return named.get(key, [Path(key)])


def read_gold(path: str | Path | None = None) -> list[Document]:
    """Validated gold Documents from a file, a folder or a named gold set."""
    return [doc for location in resolve_gold(path) for doc in read_jsonl(location)]


def load_gold(path: str | Path | None = None) -> Any:
    """The gold set as a `datasets.Dataset` built from local JSONL (never the hub)."""
    return to_dataset(read_gold(path))


def to_dataset(documents: Iterable[Document] | str | Path) -> Any:
    """Documents (or an extract output JSONL) as a `datasets.Dataset` with the gold features.

    Predictions and gold then share one Arrow schema: filter, join or save them with the
    datasets API (`.to_pandas()`, `.save_to_disk()`); `row_to_document` turns a row back.
    """
    from datasets import Dataset

    if isinstance(documents, str | Path):
        documents = read_jsonl(documents)
    return Dataset.from_list([_row(d) for d in documents], features=gold_features())


def read_manifest(path: str | Path = CORPUS / "manifest.csv") -> list[dict[str, str]]:
    """Rows of the corpus manifest."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sha256(path: str | Path) -> str:
    """Hex digest of a file's bytes (the manifest pins the texts gold offsets refer to)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_doc_classes(path: str | Path = DOC_CLASSES) -> dict[str, str]:
    """doc_id → document class (wire release, transcript, policy notice) from a TSV file.

    Real releases differ by form more than by topic, so figures are also reported per class.
    Raises ValueError naming the file and line of a row with an unknown class.
    """
    classes: dict[str, str] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            doc_id, doc_class = (row.get("doc_id") or "").strip(), (row.get("class") or "").strip()
            if not doc_id or doc_class not in DOC_CLASS_NAMES:
                raise ValueError(f"{path}:{number}: need doc_id and a class in {DOC_CLASS_NAMES}")
            classes[doc_id] = doc_class
    return classes
