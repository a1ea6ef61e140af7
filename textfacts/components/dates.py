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
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._spans import free, make_span, occupied, write_group
from textfacts.errors import ResourceError
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

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown resolver kind {kind!r}; one of {sorted(KINDS)}")
        return kind


class DateWordRow(BaseModel):
    """One word of lexicons/date_words.tsv and the number (or offset) it stands for."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    kind: Literal["month", "month_abbr", "weekday", "number", "ordinal", "relative_year",
                  "tail_year", "relative_day", "plan_year", "plan_relative", "future_marker",
                  "year_setter", "relative_month", "anaphoric_year"]
    value: str
    example: str


def _alternation(surfaces: list[str]) -> str:
    """Regex alternation, longest surface first so "Sept" wins over "Sep"."""
    ordered = sorted(set(surfaces), key=lambda s: (-len(s), s))
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)


def _words_regex(surfaces: list[str]) -> str:
    """Whole-word alternation; a clitic ("'ll") may follow a letter ("We'll")."""
    parts = []
    for surface in sorted(surfaces, key=len, reverse=True):
        before = "" if surface.startswith("'") else r"(?<![\w'])"
        parts.append(before + re.escape(surface) + r"(?!\w)")
    return "|".join(parts)


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
        standalone_years = self.surfaces("relative_year", "anaphoric_year")
        year_words = [*standalone_years, *self.surfaces("tail_year")]
        return {
            # Month and weekday names are matched case-sensitively ("may", "march" are verbs).
            "MONTH": rf"(?-i:(?:{_alternation(names)})|(?:{_alternation(abbrs)})\b\.?)",
            "MONTHNAME": rf"(?-i:{_alternation(names)})",
            "MONTHNAME_NOMAY": rf"(?-i:{_alternation([n for n in names if n != 'May'])})",
            "WEEKDAY": rf"(?-i:{_alternation([s.capitalize() for s in self.surfaces('weekday')])})",
            "NUM": rf"(?:\d{{1,2}}|{_alternation(self.surfaces('number'))})",
            "ORD": rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_alternation(self.surfaces('ordinal'))})",
            "YEARREF": (rf"(?:(?P<yr>(?:19|20)\d{{2}})(?![\w-])"
                        rf"|(?P<rel>(?:the\s+)?(?:{_alternation(year_words)})))"),
            "RELYEAR": rf"(?P<rel>{_alternation(standalone_years)})",
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

    def year_word(self, surface: str) -> tuple[str, str] | None:
        """(kind, value) of a year word, with or without "the": "the previous year" → -1."""
        for candidate in (surface, re.sub(r"^the\s+", "", surface, flags=re.IGNORECASE)):
            for kind in ("relative_year", "anaphoric_year", "tail_year"):
                value = self.lookup(kind, candidate)
                if value is not None:
                    return kind, value
        return None


@dataclass
class Candidate:
    """A regex match waiting to be chosen and resolved."""

    start: int
    end: int
    row: DatePatternRow
    groups: dict[str, str | None]


class Dates:
    """Finds DATE phrases with the pattern rows and resolves them in text order."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        words = read_tsv(data_path(data_dir, "lexicons/date_words.tsv"), DateWordRow)
        self.words = DateWords(words)
        path = data_path(data_dir, "patterns/dates.jsonl")
        self.rows = read_jsonl(path, DatePatternRow)
        self.setters = set(self.words.surfaces("year_setter"))
        # A sentence with a future modal speaks of what will happen ("will be held on ...").
        self.future = re.compile(_words_regex(self.words.surfaces("future_marker")), re.IGNORECASE)
        fragments = self.words.placeholders()
        self.compiled: list[tuple[DatePatternRow, re.Pattern[str]]] = []
        for row in self.rows:
            try:
                source = re.sub(r"\{([A-Z_]+)\}", lambda m: fragments[m.group(1)], row.regex)
                self.compiled.append((row, re.compile(source, re.IGNORECASE)))
            except (KeyError, re.error) as err:
                reason = f"{row.id}: bad regex or placeholder {err}"
                raise ResourceError(path, None, reason) from err

    def candidates(self, text: str) -> list[Candidate]:
        """Every match of every row, in no particular order."""
        return [
            Candidate(m.start(), m.end(), row, m.groupdict())
            for row, pattern in self.compiled
            for m in pattern.finditer(text)
        ]

    def __call__(self, doc: Doc) -> Doc:
        """Write doc.spans["textfacts_dates"]: DATE spans with their ISO value and rule id."""
        doc_state = state(doc)
        meta = {**doc_state.get("meta", {}), **doc_state.get("meta_given", {})}
        published = published_date(meta.get("published"))
        text = doc.text  # a property that joins every token: read it once
        chosen = self.choose(text, occupied(doc, ["textfacts_numbers"]))
        spans: list[Span] = []
        for cand, value in self.resolve_all(doc, text, chosen, published):
            attrs = {"value": value, "rule": cand.row.id}
            span = make_span(doc, cand.start, cand.end, "DATE", attrs)
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc

    def choose(self, text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
        """Non-overlapping matches clear of number mentions, in text order.

        The longest match wins ("the first seven months of this year" over "this year").
        """
        chosen: list[Candidate] = []
        for cand in sorted(self.candidates(text), key=lambda c: (c.start - c.end, c.start)):
            if not free(taken, cand.start, cand.end):
                continue
            if any(c.start < cand.end and cand.start < c.end for c in chosen):
                continue
            chosen.append(cand)
        return sorted(chosen, key=lambda c: c.start)

    def resolve_all(self, doc: Doc, text: str, chosen: list[Candidate],
                    published: date | None) -> list[tuple[Candidate, str | None]]:
        """Resolve the chosen matches in text order, each leaning on what came before it."""
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        starts = [s.start_char for s in sentences]
        parsed = doc.has_annotation("DEP")
        token_starts = [t.idx for t in doc] if parsed else []
        governing: tuple[int, str] | None = None  # (paragraph start, month-level period value)
        written: tuple[int, int] | None = None  # (sentence start, year set in that sentence)
        # With no publication date, a release's reporting period stated with its year ("the
        # first seven months of 2021") dates the un-yeared months after it ("In July alone").
        # A bare year is no such anchor: it is often a baseline ("compared with 2012").
        reporting: int | None = None
        plan: int | None = None
        out: list[tuple[Candidate, str | None]] = []
        for cand in chosen:
            paragraph = text.rfind("\n", 0, cand.start) + 1
            index = max(bisect_right(starts, cand.start) - 1, 0)
            parts = self.parts(cand, text)
            if parsed:
                token = doc[max(bisect_right(token_starts, cand.start) - 1, 0)]
                parts["future"] = self.governed_by_future(token)
            else:
                sent = sentences[index]
                parts["future"] = bool(self.future.search(text, sent.start_char, sent.end_char))
            sentence = max(starts[index], paragraph)  # a headline's year stays in the headline
            if written and written[0] == sentence:
                parts["context_year"] = written[1]
            elif published is None and reporting is not None:
                parts["context_year"] = reporting
            if "year" in parts and self.sets_year(cand, text):
                written = (sentence, parts["year"])
                if cand.row.kind in PERIOD_KINDS:
                    reporting = parts["year"]
            gov = governing[1] if governing and governing[0] == paragraph else None
            value = resolve(cand.row.kind, parts, published, Context(governing=gov, plan=plan))
            if cand.row.kind in PERIOD_KINDS and value is not None:
                governing = (paragraph, value)
            if cand.row.kind in ("plan", "plan_year") and parts.get("ordinal"):
                plan = parts["ordinal"]
            out.append((cand, value))
        return out

    def governed_by_future(self, token: Token) -> bool:
        """Whether the verb a date hangs on is future ("will be held on February 4").

        Only the governing verb counts: "exports rose in July, and customs will ..." is past.
        """
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX"):
                return any(self.future.fullmatch(t.text) and t.dep_.startswith("aux")
                           for t in token.children)
            if token.head is token:
                return False
            token = token.head
        return False

    def sets_year(self, cand: Candidate, text: str) -> bool:
        """Whether a written year dates what follows in its sentence ("In 2026, ... on February 4").

        A bare year does only after a setting preposition: "compared with 2012" is a baseline.
        """
        if cand.row.kind == "year_range":
            return False
        if cand.row.kind != "year":
            return True
        before = text[max(0, cand.start - 20):cand.start].split()
        return bool(before) and before[-1].lower() in self.setters

    def parts(self, cand: Candidate, text: str) -> dict[str, Any]:
        """Turn a match's named groups into the numbers normalize.dates.resolve expects."""
        g = cand.groups
        words = self.words
        parts: dict[str, Any] = {"surface": text[cand.start:cand.end]}
        if g.get("yr"):
            parts["year"] = int(g["yr"])
        if g.get("yr2"):
            parts["year2"] = int(g["yr2"])
        word = words.year_word(g["rel"]) if g.get("rel") else None
        if word and word[0] == "tail_year":
            parts["year_offset"] = None  # "of the year": the sentence's or publication year
        elif word:
            parts["year_offset"] = int(word[1])
            parts["anaphoric"] = word[0] == "anaphoric_year"
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
        if g.get("relmonth"):
            parts["month_offset"] = int(words.lookup("relative_month", g["relmonth"]) or 0)
        if g.get("planrel"):
            parts["offset"] = int(words.lookup("plan_relative", g["planrel"]) or 0)
        return parts


@Language.factory("textfacts_dates", default_config={"data_dir": None}, assigns=["doc.spans"])
def make_dates(nlp: Language, name: str, data_dir: str | None) -> Dates:
    """Factory for the dates component."""
    return Dates(nlp, name, data_dir)
