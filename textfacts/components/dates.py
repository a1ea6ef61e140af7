"""textfacts_dates: DATE spans resolved against the publication date.

Trade releases date their figures in a few fixed ways: explicit dates ("January 13,2025",
"2024/05/08", "13-Jan-2026"), month spans ("January-July", "the first seven months of 2021",
and their anaphors "the two months"), halves and quarters, cut-off points ("by the end of
September"), holiday periods ("the Spring Festival holiday"), relative words ("the same period
last year", "on Saturday", "last Friday") and Five-Year Plan periods. Each construction is a
regex row of patterns/dates.jsonl naming its resolver `kind`; the words it uses come from
lexicons/date_words.tsv; values come from normalize.dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._context import text_of
from textfacts.components._spans import make_span, occupied, write_group
from textfacts.errors import ResourceError
from textfacts.extensions import state
from textfacts.literals import Folded, gate, starts
from textfacts.normalize.dates import (
    CONTEXT_ONLY_KINDS,
    END_KINDS,
    KINDS,
    PERIOD_KINDS,
    Context,
    explicit_date,
    period_ended,
    published_date,
    resolve,
)
from textfacts.offsets import Ranges, longest_first
from textfacts.resources import data_path, read_jsonl, read_tsv

GROUP = "textfacts_dates"
_ORDINAL_DIGITS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
# "early March", "mid-2025", "late last year": the modifier belongs to the calendar reference
# (TimeML's mod), so the span takes it; the value keeps the precision of the date it modifies.
_MODIFIER = re.compile(r"\b(?:early|late|mid)(?:-|\s+)$", re.IGNORECASE)
_MODIFIABLE_KINDS = frozenset({"year", "month"})
# Header lines state the release date among a few labels: "Updated 16:40, 13-Jan-2026",
# "Tuesday, October 14, 2025", "Source: GAC | 2025-10-14". A headline has lowercase words.
_HEADER_WORDS = frozenset(
    {
        "updated",
        "published",
        "posted",
        "released",
        "release",
        "date",
        "time",
        "source",
        "by",
        "on",
        "at",
        "editor",
    }
)
_HEADER_LINES = 12


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
    kind: Literal[
        "month",
        "month_abbr",
        "weekday",
        "number",
        "ordinal",
        "relative_year",
        "tail_year",
        "relative_day",
        "plan_year",
        "plan_relative",
        "future_marker",
        "year_setter",
        "relative_month",
        "anaphoric_year",
        "relative_week",
        "holiday",
        "relative_quarter",
        "intent_verb",
    ]
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
        self.written: dict[str, list[str]] = {}
        for row in rows:
            self.by_kind.setdefault(row.kind, {})[row.surface.lower()] = row.value
            self.written.setdefault(row.kind, []).append(row.surface)

    def surfaces_as_written(self, kind: str) -> list[str]:
        """The surfaces of one kind in their lexicon casing ("National Day")."""
        return self.written.get(kind, [])

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
            "YEARREF": (
                rf"(?:(?P<yr>(?:19|20)\d{{2}})(?![\w-])"
                rf"|(?P<rel>(?:the\s+)?(?:{_alternation(year_words)})))"
            ),
            "RELYEAR": rf"(?P<rel>{_alternation(standalone_years)})",
            "RELDAY": _alternation(self.surfaces("relative_day")),
            "RELWEEK": _alternation(self.surfaces("relative_week")),
            "RELQUARTER": _alternation(self.surfaces("relative_quarter")),
            # Holiday names are capitalised ("the National Day holiday", not "a national day").
            "HOLIDAY": rf"(?-i:{_alternation(self.surfaces_as_written('holiday'))})",
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
        self.intent = set(self.words.surfaces("intent_verb"))
        fragments = self.words.placeholders()
        self.compiled: list[tuple[DatePatternRow, re.Pattern[str]]] = []
        for row in self.rows:
            try:
                source = re.sub(r"\{([A-Z_]+)\}", lambda m: fragments[m.group(1)], row.regex)
                self.compiled.append((row, re.compile(source, re.IGNORECASE)))
            except (KeyError, re.error) as err:
                reason = f"{row.id}: bad regex or placeholder {err}"
                raise ResourceError(path, None, reason) from err

        # Strings a row's every match contains: a row whose strings the text lacks is skipped.
        self.gates = [gate(pattern) for _, pattern in self.compiled]
        # Strings a row's every match begins with: it is tried only where one begins.
        self.starts = [starts(pattern) for _, pattern in self.compiled]

    def candidates(self, text: str) -> list[Candidate]:
        """Every match of every row, in no particular order."""
        folded = Folded(text)
        rows = zip(self.compiled, self.gates, self.starts, strict=True)
        return [
            Candidate(m.start(), m.end(), row, m.groupdict())
            for (row, pattern), row_gate, begins in rows
            if folded.may_match(row_gate)
            for m in folded.finditer(pattern, text, begins)
        ]

    def __call__(self, doc: Doc) -> Doc:
        """Write doc.spans["textfacts_dates"]: DATE spans with their ISO value and rule id."""
        doc_state = state(doc)
        meta = {**doc_state.get("meta", {}), **doc_state.get("meta_given", {})}
        published = published_date(meta.get("published"))
        text = text_of(doc)  # Doc.text joins every token on each access: read it once
        taken = Ranges(occupied(doc, ["textfacts_numbers"]))
        chosen = self.choose(text, taken)
        if published is None:
            published = self.header_date(text, chosen)
        doc_state["published_used"] = published.isoformat() if published else None
        spans: list[Span] = []
        for cand, value in self.resolve_all(doc, text, chosen, published):
            attrs = {"value": value, "rule": cand.row.id}
            start = self.modified_start(text, cand, taken)
            span = make_span(doc, start, cand.end, "DATE", attrs)
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc

    @staticmethod
    def header_date(text: str, chosen: list[Candidate]) -> date | None:
        """The release date a header line states when the header component found none.

        ANNOTATION §1: a date stated under the headline is the publication date, so relative
        dates resolve against it. Only short label lines count, never a headline or body
        sentence that happens to hold a full date; the latest such date wins.
        """
        limit = 0
        for _ in range(_HEADER_LINES):
            limit = text.find("\n", limit) + 1
            if limit == 0:
                limit = len(text)
                break
        found: list[str] = []
        for cand in chosen:
            if cand.row.kind != "explicit" or cand.start >= limit:
                continue
            line_start = text.rfind("\n", 0, cand.start) + 1
            line_end = text.find("\n", cand.end)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[line_start : cand.start] + " " + text[cand.end : line_end]
            words = re.findall(r"[A-Za-z][\w.'-]*", rest)
            prose = [w for w in words if w[0].islower() and w.lower() not in _HEADER_WORDS]
            if len(words) > 5 or prose:
                continue
            value = explicit_date(text[cand.start : cand.end])
            if value:
                found.append(value)
        return published_date(max(found)) if found else None

    @staticmethod
    def modified_start(text: str, cand: Candidate, taken: Ranges) -> int:
        """Where the span starts: before an "early"/"mid-"/"late" that modifies a month or year."""
        if cand.row.kind not in _MODIFIABLE_KINDS:
            return cand.start
        modifier = _MODIFIER.search(text, max(0, cand.start - 8), cand.start)
        if modifier is None or taken.overlaps(modifier.start(), cand.start):
            return cand.start
        return modifier.start()

    def choose(self, text: str, taken: Ranges) -> list[Candidate]:
        """Non-overlapping matches clear of number mentions, in text order.

        The longest match wins ("the first seven months of this year" over "this year").
        """
        clear = [c for c in self.candidates(text) if not taken.overlaps(c.start, c.end)]
        chosen = longest_first(
            clear, lambda c: (c.start, c.end), lambda c: (c.start - c.end, c.start)
        )
        return sorted(chosen, key=lambda c: c.start)

    def resolve_all(
        self, doc: Doc, text: str, chosen: list[Candidate], published: date | None
    ) -> list[tuple[Candidate, str | None]]:
        """Resolve the chosen matches in text order, each leaning on what came before it."""
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        starts = [s.start_char for s in sentences]
        parsed = doc.has_annotation("DEP")
        token_starts = doc.to_array(IDX).tolist() if parsed else []  # no Token objects
        governing: tuple[int, str] | None = None  # (paragraph start, month-level period value)
        written: tuple[int, int] | None = None  # (sentence start, year set in that sentence)
        # With no publication date, a release's reporting period stated with its year ("the
        # first seven months of 2021", "in 2018") dates the un-yeared months after it ("In
        # July alone"; ANNOTATION.md §7). A bare year counts only after a setting preposition:
        # "compared with 2012" is a baseline.
        reporting: int | None = None
        stated_year: int | None = None  # a bare "in 2018": dates later month names only
        plan: int | None = None
        # month-level periods stated so far, for "the two months" (a tuple grown in place of
        # one copied for every candidate)
        recent: tuple[str, ...] = ()
        latest_plan: str | None = None  # the latest plan period named about the past or present
        previous_plan: str | None = None  # "the previous Five-Year Plan period"
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
            elif (
                published is None
                and stated_year is not None
                and cand.row.id in ("dates.month", "dates.month_day", "dates.month_may")
            ):
                parts["context_year"] = stated_year  # "In 2018, ... In December, ..."
            if "year" in parts and self.sets_year(cand, text):
                written = (sentence, parts["year"])
                if cand.row.kind in PERIOD_KINDS:
                    reporting = parts["year"]
                elif cand.row.kind == "year" and reporting is None:
                    stated_year = parts["year"]
            gov = governing[1] if governing and governing[0] == paragraph else None
            past_plan = previous_plan or latest_plan
            context = Context(governing=gov, plan=plan, recent=recent, past_plan=past_plan)
            value = resolve(cand.row.kind, parts, published, context)
            if value is None and cand.row.kind in CONTEXT_ONLY_KINDS:
                continue  # "in five years" that no plan period locates is a length
            if cand.row.kind in PERIOD_KINDS and value is not None:
                governing = (paragraph, value)
                recent = (*recent, value)
            if cand.row.kind == "plan" and value is not None and not parts["future"]:
                latest_plan = value if latest_plan is None else max(latest_plan, value)
            if cand.row.kind == "plan_relative" and parts.get("offset") == -1 and value:
                previous_plan = value
            if cand.row.kind in ("plan", "plan_year", "plan_end") and parts.get("ordinal"):
                plan = parts["ordinal"]
            out.append((cand, value))
        return out

    def governed_by_future(self, token: Token) -> bool:
        """Whether the verb a date hangs on is future ("will be held on February 4").

        Only the governing verb counts: "exports rose in July, and customs will ..." is past. A
        verb coordinated with a future one, or the complement of one or of an intent verb,
        shares its future: "will roll out ... and strive to cut ... by the end of June", "plan
        to launch ... in June"; so does an adverbial -ing phrase ("starting from Oct. 1").
        """
        for _ in range(12):
            if token.pos_ in ("VERB", "AUX"):
                if any(
                    self.future.fullmatch(t.text) and t.dep_.startswith("aux")
                    for t in token.children
                ):
                    return True
                if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.intent:
                    return True
                if (
                    token.tag_ == "VBG"
                    and token.dep_ in ("prep", "advcl")
                    and not any(t.dep_.startswith("nsubj") for t in token.children)
                ):
                    # "will stop collecting the fees starting from Oct. 1", "will take effect
                    # beginning Jan. 1": an adverbial -ing phrase has no tense of its own.
                    token = token.head
                    continue
                if token.dep_ not in ("conj", "xcomp") or token.head is token:
                    return False
                if any(t.dep_.startswith("nsubj") for t in token.children):
                    return False  # a clause of its own: "..., and imports in March rose"
            elif token.head is token:
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
        before = text[max(0, cand.start - 20) : cand.start].split()
        return bool(before) and before[-1].lower() in self.setters

    def parts(self, cand: Candidate, text: str) -> dict[str, Any]:
        """Turn a match's named groups into the numbers normalize.dates.resolve expects."""
        g = cand.groups
        words = self.words
        parts: dict[str, Any] = {"surface": text[cand.start : cand.end]}
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
        if g.get("relquarter"):
            parts["quarter_offset"] = int(words.lookup("relative_quarter", g["relquarter"]) or 0)
        # "the previous month/quarter" counts from the period in focus, "last month" from today
        relword = (g.get("relquarter") or g.get("relmonth") or "").lower()
        if relword in ("previous", "preceding"):
            parts["anaphoric"] = True
        if g.get("relweek"):
            parts["week_shift"] = int(words.lookup("relative_week", g["relweek"]) or 0)
        if g.get("holiday"):
            parts["holiday"] = words.lookup("holiday", g["holiday"])
        if (g.get("unit") or "").lower() == "quarters":
            parts["quarters"] = True
        if g.get("relmonth"):
            parts["month_offset"] = int(words.lookup("relative_month", g["relmonth"]) or 0)
        if g.get("planrel"):
            parts["offset"] = int(words.lookup("plan_relative", g["planrel"]) or 0)
        return parts


@lru_cache(maxsize=1)
def _row_kinds() -> dict[str, str]:
    """Resolver kind of every pattern row of the default model, by rule id."""
    rows = read_jsonl(data_path(None, "patterns/dates.jsonl"), DatePatternRow)
    return {row.id: row.kind for row in rows}


def deadline_value(date_span: Span) -> str | None:
    """The value a commitment deadline takes from a DATE span: "by the end of 2025" → "2025".

    An "end of" DATE is the closing day (2025-12-31), but a pledge due "by the end of 2025" is
    due in 2025: the deadline is the period the point closes. Other DATEs give their value.
    """
    attrs = date_span._.textfacts or {}
    unit = END_KINDS.get(_row_kinds().get(attrs.get("rule", ""), ""))
    value = attrs.get("value")
    return value if unit is None else period_ended(value, unit)


@Language.factory("textfacts_dates", default_config={"data_dir": None}, assigns=["doc.spans"])
def make_dates(nlp: Language, name: str, data_dir: str | None) -> Dates:
    """Factory for the dates component."""
    return Dates(nlp, name, data_dir)
