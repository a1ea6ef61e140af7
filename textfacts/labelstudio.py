"""Label Studio round trip: extractions out as pre-annotated tasks, corrections back as gold.

Annotators correct predictions in Label Studio far faster than they write gold JSON by hand.
The format is written here from Label Studio's documented JSON (tasks with `predictions`,
exports with `annotations`; regions, per-region fields and relations linked by region id)
rather than through `label-studio-sdk`, which pulls in OpenCV, NLTK, pandas and an HTTP
client for what is a few dictionaries; no Label Studio server is needed at any point.

Mapping (ANNOTATION.md → Label Studio):
- every mention and commitment is a `labels` region whose id is the item id;
- a claim is a region labelled CLAIM over its anchor's span, with relations claim→anchor,
  claim→period and claim→speaker (two claims may share one anchor);
- a commitment's speaker and a person's org are relations too;
- scalar attributes are per-region TextAreas (value, value_max, unit, canonical, role, actor,
  action, deadline, measure, comparison, subject) or Choices (bound, modality, kind, direction).
Label Studio counts offsets in UTF-16 code units, ANNOTATION.md in code points: both are
converted here, so texts with characters outside the BMP keep their grounding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, get_args

from textfacts.schema import (
    ALL_LABELS,
    NUMBER_LABELS,
    VALUE_LABELS,
    Bound,
    Direction,
    Document,
    Kind,
    Modality,
)

TO_NAME = "text"
MODEL_VERSION = "textfacts"
# Scalar attributes per item kind, in the order the labelling form shows them.
TEXT_FIELDS = {
    "mention": ("value", "value_max", "unit", "canonical", "role"),
    "commitment": ("actor", "action", "deadline"),
    "claim": ("measure", "comparison", "subject"),
}
CHOICE_FIELDS = {"bound": Bound, "modality": Modality, "kind": Kind, "direction": Direction}
RELATIONS = ("anchor", "period", "speaker", "org")
_FIELD_OF_KIND = {
    "mention": (*TEXT_FIELDS["mention"], "bound"),
    "commitment": (*TEXT_FIELDS["commitment"], "modality"),
    "claim": (*TEXT_FIELDS["claim"], "kind", "direction"),
}
_ID = re.compile(r"^([mck])(\d+)$")
_PREFIX = {"mention": "m", "commitment": "c", "claim": "k"}
# Which labels each group of form fields applies to (Label Studio's whenLabelValue).
_SHOWN_FOR = {
    "value": VALUE_LABELS + ("DATE",),
    "value_max": VALUE_LABELS,
    "unit": VALUE_LABELS,
    "bound": VALUE_LABELS,
    "canonical": tuple(x for x in ALL_LABELS if x not in NUMBER_LABELS),
    "role": ("PERSON",),
    "actor": ("COMMITMENT",),
    "action": ("COMMITMENT",),
    "deadline": ("COMMITMENT",),
    "modality": ("COMMITMENT",),
    "measure": ("CLAIM",),
    "kind": ("CLAIM",),
    "direction": ("CLAIM",),
    "comparison": ("CLAIM",),
    "subject": ("CLAIM",),
}


def _kind_of(label: str) -> str:
    return {"COMMITMENT": "commitment", "CLAIM": "claim"}.get(label, "mention")


# --- offsets -----------------------------------------------------------------------------------


class _Offsets:
    """Code-point ↔ UTF-16 offsets of one text (identity when the text is all BMP)."""

    def __init__(self, text: str):
        self.astral = any(ord(c) > 0xFFFF for c in text)
        if self.astral:
            self.units = [0]
            for char in text:
                self.units.append(self.units[-1] + (2 if ord(char) > 0xFFFF else 1))
            self.points = {u: i for i, u in enumerate(self.units)}

    def out(self, offset: int) -> int:
        """Code point offset → UTF-16 offset."""
        return self.units[offset] if self.astral else offset

    def back(self, offset: int) -> int:
        """UTF-16 offset → code point offset (a split surrogate pair is an error)."""
        if not self.astral:
            return offset
        if offset not in self.points:
            raise ValueError(f"offset {offset} splits a character outside the BMP")
        return self.points[offset]


# --- export ------------------------------------------------------------------------------------


def _field_text(value: Any) -> str:
    # repr() of a float is the shortest string that reads back to the same float.
    return repr(value) if isinstance(value, float) else str(value)


def _region(
    rid: str, label: str, start: int, end: int, text: str, fields: dict[str, Any], offsets: _Offsets
) -> list[dict[str, Any]]:
    span = {"start": offsets.out(start), "end": offsets.out(end)}
    results = [
        {
            "id": rid,
            "from_name": "label",
            "to_name": TO_NAME,
            "type": "labels",
            "value": {**span, "text": text, "labels": [label]},
        }
    ]
    for name, value in fields.items():
        if value is None:
            continue
        if name in CHOICE_FIELDS:
            kind, content = "choices", {"choices": [value]}
        else:
            kind, content = "textarea", {"text": [_field_text(value)]}
        results.append(
            {
                "id": rid,
                "from_name": name,
                "to_name": TO_NAME,
                "type": kind,
                "value": {**span, **content},
            }
        )
    return results


def _relation(source: str, target: str | None, label: str) -> list[dict[str, Any]]:
    if target is None:
        return []
    return [
        {
            "from_id": source,
            "to_id": target,
            "type": "relation",
            "direction": "right",
            "labels": [label],
        }
    ]


def document_results(document: Document) -> list[dict[str, Any]]:
    """The Label Studio `result` list of one document: regions, their fields, relations."""
    text = document.text or ""
    offsets = _Offsets(text)
    results: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for m in document.mentions:
        fields = {k: getattr(m, k, None) for k in _FIELD_OF_KIND["mention"]}
        results += _region(m.id, m.label, m.start, m.end, m.text, fields, offsets)
        relations += _relation(m.id, getattr(m, "org", None), "org")
    for c in document.commitments:
        fields = {k: getattr(c, k) for k in _FIELD_OF_KIND["commitment"]}
        results += _region(c.id, "COMMITMENT", c.start, c.end, c.text, fields, offsets)
        relations += _relation(c.id, c.speaker, "speaker")
    for k in document.claims:
        anchor = document.mention(k.anchor)
        fields = {f: getattr(k, f) for f in _FIELD_OF_KIND["claim"]}
        results += _region(k.id, "CLAIM", anchor.start, anchor.end, anchor.text, fields, offsets)
        for role in ("anchor", "period", "speaker"):
            relations += _relation(k.id, getattr(k, role), role)
    return results + relations


def to_task(document: Document, model_version: str = MODEL_VERSION) -> dict[str, Any]:
    """One Label Studio task: the text and meta as data, the extractions as a prediction."""
    if document.text is None:
        raise ValueError(f"{document.doc_id}: a record without text cannot be labelled")
    data = {"text": document.text, "doc_id": document.doc_id, **document.meta.model_dump()}
    return {
        "data": data,
        "predictions": [{"model_version": model_version, "result": document_results(document)}],
    }


def to_tasks(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """Label Studio tasks for documents (import the file in the project's Data Manager)."""
    return [to_task(d) for d in documents]


def labeling_config() -> str:
    """The labelling interface XML matching `to_tasks` (paste in Settings → Labeling Interface)."""
    from textfacts.view import COLOURS

    colours = {**COLOURS, "CLAIM": "#e00000"}
    labels = "\n".join(
        f'    <Label value="{x}" background="{colours[x]}"/>'
        for x in (*ALL_LABELS, "COMMITMENT", "CLAIM")
    )
    relations = "\n".join(f'    <Relation value="{r}"/>' for r in RELATIONS)
    fields = []
    for name, shown_for in _SHOWN_FOR.items():
        when = ",".join(shown_for)
        if name in CHOICE_FIELDS:
            choices = "".join(f'<Choice value="{c}"/>' for c in get_args(CHOICE_FIELDS[name]))
            control = (
                f'<Choices name="{name}" toName="{TO_NAME}" perRegion="true" '
                f'choice="single-radio" showInline="true">{choices}</Choices>'
            )
        else:
            control = (
                f'<TextArea name="{name}" toName="{TO_NAME}" perRegion="true" '
                f'editable="true" maxSubmissions="1" rows="1" placeholder="{name}"/>'
            )
        fields.append(
            f'  <View visibleWhen="region-selected" whenLabelValue="{when}">\n'
            f'    <Header value="{name}" size="6"/>\n    {control}\n  </View>'
        )
    return (
        "<View>\n"
        f'  <Labels name="label" toName="{TO_NAME}" showInline="true">\n{labels}\n  </Labels>\n'
        f"  <Relations>\n{relations}\n  </Relations>\n"
        f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>\n'
        + "\n".join(fields)
        + "\n</View>\n"
    )


# --- import ------------------------------------------------------------------------------------


def _annotation(task: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The result of a task's latest submitted annotation; None if nobody annotated it."""
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if not done:
        return None
    latest = max(enumerate(done), key=lambda ia: (ia[1].get("updated_at") or "", ia[0]))[1]
    return latest.get("result") or []


def _scalar(name: str, label: str, value: dict[str, Any]) -> Any:
    if "choices" in value:
        return value["choices"][-1] if value["choices"] else None
    texts = value.get("text") or []
    if not texts:
        return None
    text = texts[-1]
    if name in ("value", "value_max") and label in VALUE_LABELS:
        return float(text)
    return text


def from_results(results: list[dict[str, Any]], data: dict[str, Any]) -> Document:
    """Rebuild an ANNOTATION.md record from one Label Studio result list and its task data.

    Region ids that are already textfacts ids (m3, c1, k2) are kept, so an unchanged task
    returns the same record; regions an annotator drew get the next free id of their kind.
    """
    text = data["text"]
    offsets = _Offsets(text)
    regions: dict[str, dict[str, Any]] = {}
    relations = []
    for result in results:
        if result.get("type") == "relation":
            relations.append(result)
            continue
        rid, value = result["id"], result.get("value") or {}
        region = regions.setdefault(rid, {"fields": {}})
        if result.get("type") == "labels":
            region["label"] = value["labels"][-1]
            region["start"] = offsets.back(value["start"])
            region["end"] = offsets.back(value["end"])
        else:
            region["fields"][result["from_name"]] = value
    ids = _renumber({rid: _kind_of(r["label"]) for rid, r in regions.items() if "label" in r})
    links = _links(relations, {rid: r.get("label") for rid, r in regions.items()})
    record: dict[str, Any] = {
        "doc_id": data["doc_id"],
        "text": text,
        "meta": {k: data.get(k) for k in ("published", "outlet", "title")},
        "mentions": [],
        "commitments": [],
        "claims": [],
    }
    spans = {}
    for rid, region in regions.items():
        if "label" not in region:
            raise ValueError(f"{data['doc_id']}: fields for region {rid} without a label")
        label, kind = region["label"], _kind_of(region["label"])
        own = links.get(rid, {})
        fields = {
            name: _scalar(name, label, value)
            for name, value in region["fields"].items()
            if name in _FIELD_OF_KIND[kind]
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        refs = {role: ids.get(target) for role, target in own.items()}
        span = {
            "start": region["start"],
            "end": region["end"],
            "text": text[region["start"] : region["end"]],
        }
        if kind == "mention":
            spans[(region["start"], region["end"])] = ids[rid]
            item = {"id": ids[rid], "label": label, **span, **fields}
            if label == "PERSON" and refs.get("org"):
                item["org"] = refs["org"]
            record["mentions"].append(item)
        elif kind == "commitment":
            record["commitments"].append(
                {"id": ids[rid], **span, **fields, "speaker": refs.get("speaker")}
            )
        else:
            record["claims"].append(
                {
                    "id": ids[rid],
                    **fields,
                    "_span": span,
                    **{r: refs.get(r) for r in ("anchor", "period", "speaker")},
                }
            )
    for claim in record["claims"]:
        span = claim.pop("_span")
        # A claim drawn without an anchor relation is anchored on the mention it covers.
        claim["anchor"] = claim["anchor"] or spans.get((span["start"], span["end"]))
        if claim["anchor"] is None:
            raise ValueError(
                f"{data['doc_id']}: claim {claim['id']} at {span['start']}:"
                f"{span['end']} has no anchor mention"
            )
    return Document.model_validate(record)


def _links(relations: list[dict[str, Any]], labels: dict[str, str | None]) -> dict[str, dict]:
    """Relations as {owner region: {role: target region}}, whichever way they were drawn.

    The owner is the claim or commitment (anchor, period, speaker) or the PERSON (org); an
    annotator may draw the arrow from either end, so the direction is read from the labels.
    """
    links: dict[str, dict[str, str]] = {}
    for relation in relations:
        source, target = relation["from_id"], relation["to_id"]
        for role in relation.get("labels") or []:
            owners = ("PERSON",) if role == "org" else ("CLAIM", "COMMITMENT")
            if labels.get(source) not in owners and labels.get(target) in owners:
                source, target = target, source
            links.setdefault(source, {})[role] = target
    return links


def _renumber(kinds: dict[str, str]) -> dict[str, str]:
    """Keep textfacts ids of the right kind; give other region ids the next free number."""
    ids: dict[str, str] = {}
    taken = set()
    for rid, kind in kinds.items():
        match = _ID.match(rid)
        if match and match[1] == _PREFIX[kind] and rid not in taken:
            ids[rid] = rid
            taken.add(rid)
    counters = {
        p: max([int(i[1:]) for i in taken if i[0] == p], default=0) for p in _PREFIX.values()
    }
    for rid, kind in kinds.items():
        if rid not in ids:
            prefix = _PREFIX[kind]
            counters[prefix] += 1
            ids[rid] = f"{prefix}{counters[prefix]}"
    return ids


def read_export(path: str | Path) -> Iterator[tuple[dict[str, Any], Document | None]]:
    """(task, record) for each task of a Label Studio JSON export; None when not annotated."""
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValueError(f"{path}: not a Label Studio JSON export ({err})") from err
    if not isinstance(tasks, list):
        raise ValueError(f"{path}: a Label Studio JSON export is a list of tasks")
    for number, task in enumerate(tasks, 1):
        results = _annotation(task)
        try:
            yield task, None if results is None else from_results(results, task["data"])
        except (KeyError, ValueError, TypeError) as err:
            raise ValueError(f"{path}: task {task.get('id', number)}: {err}") from err


def gold_file_name(doc_id: str) -> str:
    """One gold file per document, named after its doc_id without extension."""
    from textfacts.evaluate.scorer import normalise_doc_id

    return normalise_doc_id(doc_id).replace("/", "__") + ".jsonl"


def export_tasks(source: str | Path, out: str | Path) -> int:
    """Write Label Studio tasks for the records of an output JSONL; returns the task count."""
    from textfacts.io import atomic_writer
    from textfacts.schema import read_jsonl

    tasks = to_tasks(read_jsonl(source))
    with atomic_writer(out) as handle:
        json.dump(tasks, handle, ensure_ascii=False, indent=1)
    return len(tasks)


def import_export(source: str | Path, out_dir: str | Path) -> tuple[list[Path], list[str]]:
    """Write one gold file per annotated task; returns (files written, unannotated doc_ids)."""
    from textfacts.io import atomic_writer

    out_dir = Path(out_dir)
    written, skipped = [], []
    for task, document in read_export(source):
        if document is None:
            skipped.append(str(task.get("data", {}).get("doc_id", task.get("id"))))
            continue
        path = out_dir / gold_file_name(document.doc_id)
        with atomic_writer(path) as handle:
            handle.write(document.to_json() + "\n")
        written.append(path)
    return written, skipped
