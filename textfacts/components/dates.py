"""textfacts_dates: DATE spans resolved against the publication date.

Trade releases date their figures in a few fixed ways: explicit dates ("January 13,2025",
"2024/05/08"), month spans ("January-July", "the first seven months of 2021"), halves and
quarters, relative words ("the same period last year", "on Saturday") and Five-Year Plan
periods. Each construction is a regex row of patterns/dates.jsonl naming its resolver `kind`;
the words it uses come from lexicons/date_words.tsv; values come from normalize.dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span

from textfacts.components._spans import free, make_span, occupied, write_group
from textfacts.extensions import state
from textfacts.normalize.dates import (
    KINDS,
    PERIOD_KINDS,
    Context,
    published_date,
    resolve,
)
from textfacts.resources import data_path, read_jsonl, read_tsv

GROUP = "textfacts_dates"
_ORDINAL_DIGITS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)


class DatePatternRow(BaseModel):
    """One construction of patterns/dates.jsonl: a regex with {PLACEHOLDERS} and a resolver kind."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str
    regex: str
    example: str


class DateWordRow(BaseModel):
    """One word of lexicons/date_words.tsv and the number (or offset) it stands for."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    kind: Literal["month", "month_abbr", "weekday", "number", "ordinal", "relative_year",
                  "tail_year", "relative_day", "plan_year", "plan_relative"]
    value: str
    example: str


def _alternation(surfaces: list[str]) -> str:
    """Regex alternation, longest surface first so "Sept" wins over "Sep"."""
    ordered = sorted(set(surfaces), key=lambda s: (-len(s), s))
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)


class DateWords:
    """The date lexicon as lookups and as the regex placeholders the pattern rows use."""

    def __init__(self, rows: list[DateWordRow]):
        self.by_kind: dict[str, dict[str, str]] = {}
        for row in rows:
            self.by_kind.setdefault(row.kind, {})[row.surface.lower()] = row.value

    def surfaces(self, *kinds: str) -> list[str]:
        """All surfaces of the given kinds, as written in the lexicon."""
        return [s for k in kinds for s in self.by_kind.get(k, {})]

    def lookup(self, kind: str, surface: str) -> str | None:
        """The value of a surface (case and spacing ignored), or None."""
        return self.by_kind.get(kind, {}).get(" ".join(surface.lower().split()))

    def placeholders(self) -> dict[str, str]:
        """Regex fragments for {MONTH}, {YEARREF}, ... in patterns/dates.jsonl."""
        names = [s.capitalize() for s in self.surfaces("month")]
        abbrs = [s.capitalize() for s in self.surfaces("month_abbr")]
        year_words = self.surfaces("relative_year", "tail_year")
        return {
            # Month and weekday names are matched case-sensitively ("may", "march" are verbs).
            "MONTH": rf"(?-i:(?:{_alternation(names)})|(?:{_alternation(abbrs)})\b\.?)",
            "MONTHNAME": rf"(?-i:{_alternation(names)})",
            "MONTHNAME_NOMAY": rf"(?-i:{_alternation([n for n in names if n != 'May'])})",
            "WEEKDAY": rf"(?-i:{_alternation([s.capitalize() for s in self.surfaces('weekday')])})",
            "NUM": rf"(?:\d{{1,2}}|{_alternation(self.surfaces('number'))})",
            "ORD": rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_alternation(self.surfaces('ordinal'))})",
            "YEARREF": rf"(?:(?P<yr>(?:19|20)\d{{2}})(?![\w-])|(?P<rel>(?:the\s+)?(?:{_alternation(year_words)})))",
            "RELYEAR": rf"(?P<rel>{_alternation(self.surfaces('relative_year'))})",
            "RELDAY": _alternation(self.surfaces("relative_day")),
            "PLANYEAR": _alternation(self.surfaces("plan_year")),
            "PLANREL": _alternation(self.surfaces("plan_relative")),
            "FYP": r"Five[- ]Year\s+Plan",
        }

    def number(self, surface: str) -> int | None:
        """A count or ordinal: "seven", "10", "14th", "fourteenth" → int."""
        match = _ORDINAL_DIGITS.match(surface.strip())
        if match:
            return int(match.group(1))
        value = self.lookup("number", surface) or self.lookup("ordinal", surface)
        return int(value) if value is not None else None

    def month(self, surface: str) -> int | None:
        """A month name or abbreviation: "Sept." → 9."""
        word = surface.rstrip(".")
        value = self.lookup("month", word) or self.lookup("month_abbr", word)
        return int(value) if value is not None else None

    def year_offset(self, surface: str) -> int | None:
        """Years from publication of a year word: "the previous year" → -1."""
        for candidate in (surface, re.sub(r"^the\s+", "", surface, flags=re.IGNORECASE)):
            value = self.lookup("relative_year", candidate) or self.lookup("tail_year", candidate)
            if value is not None:
                return None if value == "context" else int(value)
        return None


@dataclass
class Candidate:
    """A regex match waiting to be chosen and resolved."""

    start: int
    end: int
    row: DatePatternRow
    groups: dict[str, str | None]


def _resolve_error(row: DatePatternRow, message: str) -> ValueError:
    return ValueError(f"patterns/dates.jsonl {row.id}: {message}")


class Dates:
    """Finds DATE phrases with the pattern rows and resolves them in text order."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        self.words = DateWords(read_tsv(data_path(data_dir, "lexicons/date_words.tsv"), DateWordRow))
        self.rows = read_jsonl(data_path(data_dir, "patterns/dates.jsonl"), DatePatternRow)
        fragments = self.words.placeholders()
        self.compiled: list[tuple[DatePatternRow, re.Pattern[str]]] = []
        for row in self.rows:
            if row.kind not in KINDS:
                raise _resolve_error(row, f"unknown kind {row.kind!r}")
            source = re.sub(r"\{([A-Z_]+)\}", lambda m: fragments[m.group(1)], row.regex)
            self.compiled.append((row, re.compile(source, re.IGNORECASE)))

    def candidates(self, text: str) -> list[Candidate]:
        """Every match of every row, in no particular order."""
        return [
            Candidate(m.start(), m.end(), row, m.groupdict())
            for row, pattern in self.compiled
            for m in pattern.finditer(text)
        ]

    def __call__(self, doc: Doc) -> Doc:
        doc_state = state(doc)
        meta = {**doc_state.get("meta", {}), **doc_state.get("meta_given", {})}
        published = published_date(meta.get("published"))
        taken = occupied(doc, ["textfacts_numbers"])
        chosen: list[Candidate] = []
        # Longest match wins ("the first seven months of this year" over "this year").
        for cand in sorted(self.candidates(doc.text), key=lambda c: (c.start - c.end, c.start)):
            if not free(taken, cand.start, cand.end):
                continue
            if any(c.start < cand.end and cand.start < c.end for c in chosen):
                continue
            chosen.append(cand)
        spans: list[Span] = []
        governing: tuple[int, str] | None = None  # (paragraph start, value)
        written: tuple[int, int] | None = None  # (sentence start, last year written in it)
        plan: int | None = None
        sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        for cand in sorted(chosen, key=lambda c: c.start):
            paragraph = doc.text.rfind("\n", 0, cand.start) + 1
            sentence = sentence_starts[bisect_right(sentence_starts, cand.start) - 1]
            parts = self.parts(cand, doc.text)
            if written and written[0] == sentence:
                parts["context_year"] = written[1]
            if "year" in parts and cand.row.kind != "year_range":
                written = (sentence, parts["year"])
            gov = governing[1] if governing and governing[0] == paragraph else None
            value = resolve(cand.row.kind, parts, published, Context(governing=gov, plan=plan))
            if cand.row.kind in PERIOD_KINDS and value is not None:
                governing = (paragraph, value)
            if cand.row.kind in ("plan", "plan_year") and parts.get("ordinal"):
                plan = parts["ordinal"]
            span = make_span(doc, cand.start, cand.end, "DATE", {"value": value, "rule": cand.row.id})
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc

    def parts(self, cand: Candidate, text: str) -> dict[str, Any]:
        """Turn a match's named groups into the numbers normalize.dates.resolve expects."""
        g = cand.groups
        words = self.words
        parts: dict[str, Any] = {"surface": text[cand.start:cand.end]}
        if g.get("yr"):
            parts["year"] = int(g["yr"])
        if g.get("yr2"):
            parts["year2"] = int(g["yr2"])
        rel = g.get("rel")
        if rel:
            parts["year_offset"] = words.year_offset(rel)
        for key in ("month", "month2"):
            if g.get(key):
                parts[key] = words.month(g[key])
        for key in ("day", "day2"):
            if g.get(key):
                parts[key] = int(g[key])
        if g.get("count"):
            parts["count"] = words.number(g["count"])
        if g.get("ord"):
            parts["ordinal"] = words.number(g["ord"])
        if g.get("weekday"):
            parts["weekday"] = int(words.lookup("weekday", g["weekday"]) or 0)
        if g.get("relday"):
            parts["day_offset"] = int(words.lookup("relative_day", g["relday"]) or 0)
        if g.get("which"):
            parts["which"] = words.lookup("plan_year", g["which"])
        if g.get("planrel"):
            parts["offset"] = int(words.lookup("plan_relative", g["planrel"]) or 0)
        return parts


@Language.factory("textfacts_dates", default_config={"data_dir": None}, assigns=["doc.spans"])
def make_dates(nlp: Language, name: str, data_dir: str | None) -> Dates:
    """Factory for the dates component."""
    return Dates(nlp, name, data_dir)
