"""The review page: one self-contained HTML file showing extractions against their text.

An analyst checks output by reading it in place: every mention highlighted by label (both
layers, nested spans kept visible), commitments and claims in tables whose rows mark their
spans, and, given gold, the scorer's misses and spurious items marked. The page needs no
network (no CDN, inline CSS and JS) so it opens from `file://` and can be mailed around.

spaCy's displaCy span renderer draws token-aligned lines under the text and has no hover
details or row linking, so the markup is built here from character offsets instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textfacts.evaluate.scorer import normalise_doc_id, score_document
from textfacts.schema import ALL_LABELS, NUMBER_LABELS, Document, layer_of, read_jsonl

# One colour per label: numbers as fills, names as underlines (set in the template's CSS).
COLOURS = {
    "MONEY": "#f6c85f",
    "PERCENT": "#9dd866",
    "QUANTITY": "#ffa056",
    "DATE": "#8dddd0",
    "PERSON": "#ca472f",
    "ORG": "#0b84a5",
    "GPE": "#6f4e7c",
    "LOC": "#a05195",
    "EVENT": "#d45087",
    "PROGRAM": "#2f4b7c",
    "COMMITMENT": "#7a7a7a",
}
# Outer spans first when two start together: a commitment holds mentions, a name holds dates.
_RANK = {"commitment": 0, "names": 1, "numbers": 2}
_SHOWN = (
    "value",
    "value_max",
    "unit",
    "bound",
    "canonical",
    "role",
    "org",
    "actor",
    "action",
    "deadline",
    "speaker",
    "modality",
)


@dataclass
class Item:
    """A span drawn in the text: a mention or commitment, predicted or missed from gold."""

    key: str  # DOM id: document index + item id, unique on the page
    kind: str  # "mention" or "commitment"
    label: str
    start: int
    end: int
    details: dict[str, Any]
    status: str = ""  # "", "spurious", "missed" or "wrong"
    notes: list[str] = field(default_factory=list)
    speaker_key: str = ""  # a commitment's speaker, marked with it

    @property
    def rank(self) -> int:
        """Nesting order for spans with the same start."""
        return _RANK["commitment" if self.kind == "commitment" else layer_of(self.label)]


@dataclass
class Node:
    """One element of the rendered text: an item's piece and what it contains."""

    item: Item | None
    continued: bool = False  # a later piece of an item split by a crossing span
    children: list[Node | str] = field(default_factory=list)


def nest(text: str, items: Sequence[Item]) -> list[Node | str]:
    """Lay spans over the text as a tree of elements, splitting only where spans cross.

    Properly nested spans (a DATE inside an EVENT, mentions inside a commitment) become one
    element each; a span crossing another is split into pieces and the later ones are
    marked `continued`, so each item still has exactly one element carrying its id.
    """
    ordered = sorted(items, key=lambda i: (i.start, -i.end, i.rank))
    root = Node(None)
    stack = [root]
    bounds = sorted({0, len(text), *(i.start for i in items), *(i.end for i in items)})
    at = 0
    for here, after in zip(bounds, bounds[1:], strict=False):
        while True:
            ending = [n for n, node in enumerate(stack[1:], 1) if node.item.end <= here]
            if not ending:
                break
            popped = stack[ending[0] :]
            del stack[ending[0] :]
            for node in popped:
                if node.item.end > here:
                    _open(stack, node.item, continued=True)
        while at < len(ordered) and ordered[at].start == here:
            _open(stack, ordered[at], continued=False)
            at += 1
        stack[-1].children.append(text[here:after])
    return root.children


def _open(stack: list[Node], item: Item, continued: bool) -> None:
    node = Node(item, continued)
    stack[-1].children.append(node)
    stack.append(node)


def _details(obj: Any, by_id: dict[str, Any]) -> dict[str, Any]:
    """Fields worth showing on hover; references print their mention's text."""
    dump = obj.model_dump()
    shown = {k: dump[k] for k in _SHOWN if dump.get(k) is not None}
    for ref in ("org", "speaker"):
        if ref in shown and shown[ref] in by_id:
            shown[ref] = f"{by_id[shown[ref]].text} ({shown[ref]})"
    return shown


def _claim_row(claim: Any, by_id: dict[str, Any], prefix: str, status: str = "") -> dict[str, Any]:
    def ref(mention_id: str | None) -> dict[str, Any] | None:
        mention = by_id.get(mention_id or "")
        return None if mention is None else {"key": prefix + mention.id, "text": mention.text}

    return {
        "id": claim.id,
        "status": status,
        "notes": [],
        "anchor": ref(claim.anchor),
        "period": ref(claim.period),
        "speaker": ref(claim.speaker),
        "measure": claim.measure,
        "kind": claim.kind,
        "direction": claim.direction,
        "comparison": claim.comparison,
        "subject": claim.subject,
        "value": _details(by_id[claim.anchor], by_id) if claim.anchor in by_id else {},
    }


def document_view(document: Document, index: int, gold: Document | None = None) -> dict[str, Any]:
    """What the template needs for one document: the text tree, tables and counts.

    With gold, the library scorer decides what is missed, spurious or wrong, so the page
    shows exactly the errors `textfacts evaluate --errors` counts.
    """
    text = document.text or (gold.text if gold else "") or ""
    prefix = f"d{index}-"
    by_id = {m.id: m for m in document.mentions}
    items = {
        (m.label, m.start, m.end): Item(
            prefix + m.id,
            "mention",
            m.label,
            m.start,
            m.end,
            {"id": m.id, "text": m.text, **_details(m, by_id)},
        )
        for m in document.mentions
    }
    commitments = [
        Item(
            prefix + c.id,
            "commitment",
            "COMMITMENT",
            c.start,
            c.end,
            {"id": c.id, **_details(c, by_id)},
            speaker_key=prefix + c.speaker if c.speaker else "",
        )
        for c in document.commitments
    ]
    by_span = {("COMMITMENT", c.start, c.end): c for c in commitments}
    claims = [_claim_row(k, by_id, prefix) for k in document.claims]
    missed: list[Item] = []
    if gold is not None:
        missed = _mark_errors(document, gold, prefix, items | by_span, claims)
    drawn = [*items.values(), *commitments, *missed]
    return {
        "index": index,
        "doc_id": document.doc_id,
        "meta": document.meta.model_dump(),
        "tree": nest(text, drawn),
        "commitments": commitments,
        "claims": claims,
        "items": {
            i.key: {**i.details, "label": i.label, "status": i.status, "notes": i.notes}
            for i in drawn
        },
        "counts": _counts(document),
        "mentions": len(document.mentions),
        "errors": sum(1 for i in drawn if i.status) + sum(1 for c in claims if c["status"]),
    }


def _mark_errors(
    document: Document,
    gold: Document,
    prefix: str,
    drawn: dict[tuple[str, int, int], Item],
    claims: list[dict[str, Any]],
) -> list[Item]:
    """Mark the scorer's errors on the drawn items; return the gold spans nothing found."""
    gold_by_id = {m.id: m for m in gold.mentions}
    gold_spans = {(m.label, m.start, m.end): m for m in gold.mentions}
    gold_spans |= {("COMMITMENT", c.start, c.end): c for c in gold.commitments}
    claim_at = {(row["anchor"] or {}).get("key"): row for row in claims}
    pred_key = {(m.start, m.end): prefix + m.id for m in document.mentions}
    missed = []
    for error in score_document(gold, document).errors:
        span = (error.label, error.start, error.end)
        if error.label == "CLAIM":
            if error.kind == "FN":
                claim = next(
                    k
                    for k in gold.claims
                    if k.anchor in gold_by_id
                    and (gold_by_id[k.anchor].start, gold_by_id[k.anchor].end) == span[1:]
                )
                row = _claim_row(claim, gold_by_id, "gold-" + prefix, "missed")
                for role in ("anchor", "period", "speaker"):
                    # A gold mention the extractor found is drawn under its predicted id.
                    ref, mention = row[role], gold_by_id.get(getattr(claim, role) or "")
                    if ref and mention and (mention.start, mention.end) in pred_key:
                        ref["key"] = pred_key[mention.start, mention.end]
                claims.append(row)
            elif (row := claim_at.get(pred_key.get(span[1:]))) is not None:
                row["status"] = "spurious" if error.kind == "FP" else "wrong"
                row["notes"].append(error.note)
        elif error.kind == "FN":
            source = gold_spans[span]
            details = {"id": source.id, **_details(source, gold_by_id)}
            missed.append(
                Item(
                    f"gold-{prefix}{source.id}",
                    "mention" if error.label != "COMMITMENT" else "commitment",
                    error.label,
                    error.start,
                    error.end,
                    details,
                    "missed",
                    ["missed: in gold, not extracted"],
                )
            )
        elif span in drawn:
            item = drawn[span]
            item.status = "spurious" if error.kind == "FP" else item.status or "wrong"
            item.notes.append(f"{error.kind}: {error.note}" if error.note else error.kind)
    return missed


def _counts(document: Document) -> dict[str, int]:
    counts = {label: 0 for label in ALL_LABELS}
    for mention in document.mentions:
        counts[mention.label] += 1
    return counts


def render(
    documents: Iterable[Document],
    gold: Iterable[Document] | None = None,
    title: str = "textfacts review",
) -> str:
    """The review page for some documents, as one HTML string with everything inline."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    gold_by_id = {normalise_doc_id(g.doc_id): g for g in gold or ()}
    views = [
        document_view(d, i, gold_by_id.get(normalise_doc_id(d.doc_id)))
        for i, d in enumerate(documents)
    ]
    totals = {label: sum(v["counts"][label] for v in views) for label in ALL_LABELS}
    env = Environment(
        loader=PackageLoader("textfacts", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("view.html.j2").render(
        title=title,
        documents=views,
        totals=totals,
        colours=COLOURS,
        number_labels=NUMBER_LABELS,
        labels=ALL_LABELS,
        with_gold=bool(gold_by_id),
        n_mentions=sum(v["mentions"] for v in views),
        n_commitments=sum(len(v["commitments"]) for v in views),
        n_claims=sum(sum(1 for c in v["claims"] if c["status"] != "missed") for v in views),
        n_errors=sum(v["errors"] for v in views),
    )


def read_documents(path: str | Path, model: str = "customs-en") -> list[Document]:
    """Documents to show: the records of an output JSONL, or a text file extracted now."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".json"):
        return list(read_jsonl(path))
    import textfacts
    from textfacts.io import read_document, walk

    extractor = textfacts.load(model)
    return [extractor(read_document(file), doc_id=doc_id) for file, doc_id in walk([path])]


def write_view(
    source: str | Path,
    out: str | Path | None = None,
    gold: str | Path | None = None,
    model: str = "customs-en",
    only: Iterable[str] = (),
) -> Path:
    """Write the review page of a text file or output JSONL; returns the page's path.

    `only` keeps the named documents (doc_id with or without extension): one page of a
    whole archive's output would be too large for a browser.
    """
    from textfacts.io import atomic_writer

    documents = read_documents(source, model)
    wanted = {normalise_doc_id(d) for d in only}
    if wanted:
        documents = [d for d in documents if normalise_doc_id(d.doc_id) in wanted]
        found = {normalise_doc_id(d.doc_id) for d in documents}
        if wanted - found:
            raise ValueError(f"{source}: no document {', '.join(sorted(wanted - found))}")
    from textfacts.corpus import read_gold

    gold_docs = read_gold(gold) if gold else None
    target = Path(out) if out else Path(Path(source).stem + ".html")
    with atomic_writer(target) as handle:
        handle.write(render(documents, gold_docs, title=f"textfacts review: {Path(source).name}"))
    return target
