"""Shared pieces of the Chinese components: the model's lexicons, clause bounds, char records.

Chinese spans follow the guideline's characters, not jieba's words (`4万余批`, `记者王震` cut
across them), so these components write char-level records into the Doc's state
(`char_mentions`, `char_commitments`, `claims`), which `pipeline.to_document` reads beside the
span groups. Records refer to each other by (start, end, label), as span-group items do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc

from textfacts.extensions import state
from textfacts.resources import model_dir, read_jsonl, read_tsv

ZH_MODEL = "customs-zh"
_RECORDS = "textfacts.zh_mentions"
_TEXT = "textfacts.text"  # set by Extractor.make_doc; built here for Docs made elsewhere
# Ends of a sentence and of a clause, in either width.
SENTENCE_END = "。！？!?；;\n"
CLAUSE_END = SENTENCE_END + "，,、：:"
_SENTENCE_MARK = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_END)}]")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    example: str


class CurrencyRow(_Row):
    """lexicons/currencies.tsv."""

    surface: str
    iso: str


class BoundRow(_Row):
    """lexicons/bounds.tsv."""

    surface: str
    bound: str
    position: str


class UnitRow(_Row):
    """lexicons/units.tsv."""

    surface: str
    unit: str
    kind: str


class NounRow(_Row):
    """lexicons/nouns.tsv."""

    surface: str
    lemma: str


class ModalityRow(_Row):
    """lexicons/modality.tsv."""

    surface: str
    modality: str


class TitleRow(_Row):
    """lexicons/titles.tsv."""

    surface: str


class SurnameRow(_Row):
    """lexicons/surnames.tsv."""

    surname: str


class ClaimWordRow(_Row):
    """lexicons/claim_words.tsv."""

    surface: str
    kind: str
    direction: str | None = None


class ContextRow(_Row):
    """lexicons/bare_customs.tsv."""

    surface: str
    side: str


class NameRow(_Row):
    """gazetteers/*.jsonl: one name with its aliases."""

    id: str
    canonical: str
    label: str
    aliases: list[str] = Field(min_length=1)
    source: str


@dataclass
class Lexicon:
    """Every Chinese data file of a model directory, read once."""

    currencies: list[CurrencyRow]
    bounds: list[BoundRow]
    units: list[UnitRow]
    nouns: list[NounRow]
    modality: list[ModalityRow]
    titles: list[TitleRow]
    surnames: list[SurnameRow]
    claim_words: list[ClaimWordRow]
    bare_customs: list[ContextRow]
    names: list[NameRow] = field(default_factory=list)


@lru_cache(maxsize=8)
def lexicon(data_dir: str | None) -> Lexicon:
    """The lexicons and gazetteers of `data_dir` (the bundled customs-zh when None)."""
    root = Path(data_dir) if data_dir else model_dir(ZH_MODEL)

    def tsv(name: str, row: type[BaseModel]) -> list[Any]:
        return read_tsv(root / "lexicons" / name, row)

    names = [
        row
        for part in ("organizations", "places", "programs", "events", "people")
        for row in read_jsonl(root / "gazetteers" / f"{part}.jsonl", NameRow)
    ]
    return Lexicon(
        tsv("currencies.tsv", CurrencyRow),
        tsv("bounds.tsv", BoundRow),
        tsv("units.tsv", UnitRow),
        tsv("nouns.tsv", NounRow),
        tsv("modality.tsv", ModalityRow),
        tsv("titles.tsv", TitleRow),
        tsv("surnames.tsv", SurnameRow),
        tsv("claim_words.tsv", ClaimWordRow),
        tsv("bare_customs.tsv", ContextRow),
        names,
    )


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 元人民币 wins over 元).

    A lookahead on the first characters lets the engine skip most positions at once.
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    firsts = "".join(sorted({re.escape(w[0]) for w in ordered if w}))
    return f"(?=[{firsts}])(?:{'|'.join(re.escape(w) for w in ordered)})"


class Bounds:
    """Sentence and clause boundaries of a text, looked up by bisection."""

    def __init__(self, text: str):
        self.sentence_ends = [m.start() for m in _SENTENCE_MARK.finditer(text)]
        self.clause_ends = [m.start() for m in _CLAUSE_MARK.finditer(text)]
        self.length = len(text)

    @staticmethod
    def _around(ends: list[int], position: int, length: int) -> tuple[int, int]:
        i = bisect_right(ends, position - 1)
        start = ends[i - 1] + 1 if i else 0
        end = ends[i] if i < len(ends) else length
        return start, end

    def sentence(self, position: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `position`."""
        return self._around(self.sentence_ends, position, self.length)

    def clause(self, position: int) -> tuple[int, int]:
        """(start, end) of the clause holding `position`."""
        return self._around(self.clause_ends, position, self.length)


class Starts:
    """Records sorted by start, with bisection lookups: no scan of every record per query."""

    def __init__(self, items: list[dict[str, Any]]):
        self.items = sorted(items, key=lambda m: (m["start"], m["end"]))
        self.starts = [m["start"] for m in self.items]

    def between(self, low: int, high: int) -> list[dict[str, Any]]:
        """Records starting in [low, high)."""
        return self.items[bisect_left(self.starts, low) : bisect_left(self.starts, high)]

    def last(self, low: int, high: int) -> dict[str, Any] | None:
        """The last record starting in [low, high), or None."""
        at = bisect_left(self.starts, high) - 1
        return self.items[at] if at >= 0 and self.starts[at] >= low else None


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: `Doc.text` joins every token on each access."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return cached


def _records(doc: Doc) -> list[dict[str, Any]]:
    """The Doc's char-level mention list (in its state), looked up once per Doc."""
    cached = doc.user_data.get(_RECORDS)
    if cached is None:
        cached = doc.user_data[_RECORDS] = state(doc).setdefault("char_mentions", [])
    return cached


def add_mention(doc: Doc, label: str, start: int, end: int, **attrs: Any) -> dict[str, Any]:
    """Record one char-level mention in the Doc's state and return it."""
    item = {"label": label, "start": start, "end": end, "text": doc_text(doc)[start:end], **attrs}
    _records(doc).append(item)
    return item


def mentions(doc: Doc, *labels: str) -> list[dict[str, Any]]:
    """The char-level mentions recorded so far, of the given labels, in text order."""
    return sorted(
        (m for m in _records(doc) if not labels or m["label"] in labels),
        key=lambda m: (m["start"], m["end"]),
    )


def published(doc: Doc) -> str | None:
    """The publication date handed in by the caller (manifest or gold), if any."""
    doc_state = state(doc)
    return (doc_state.get("meta_given") or {}).get("published") or (
        doc_state.get("meta") or {}
    ).get("published")


def key(item: dict[str, Any] | None) -> list[Any] | None:
    """The (start, end, label) reference to a record, as `to_document` resolves it."""
    return None if item is None else [item["start"], item["end"], item["label"]]
