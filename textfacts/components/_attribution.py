"""Shared reading helpers of commitments and claims: who speaks, where sentences end.

Both components need the same views of a parsed release: its sentences cut at line breaks
(headlines run into the next paragraph in the parse), char-offset lookups over the mentions the
earlier components wrote, and the PERSON each sentence is attributed to (transcript turns,
"X said ...", "According to X, ..."). They live here so each component module has one job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Span, Token

from textfacts.components._context import DocContext, SpanIndex
from textfacts.extensions import span_attrs, state
from textfacts.resources import data_path, read_jsonl

NAME_GROUP = "textfacts_entities"
PEOPLE_GROUP = "textfacts_people"
DATE_GROUP = "textfacts_dates"
MENTION_GROUPS = (NAME_GROUP, PEOPLE_GROUP, DATE_GROUP)
Ref = list  # [start_char, end_char, label]

# Internal units whose pledges are their parent body's: "Lin Shaobin, director of the
# Comprehensive Business Department of the GAC, said they will ..." commits the GAC.
# Words that end the name of an internal unit: "Department of Port Control of the GAC".
UNIT_WORDS = ("department", "division", "bureau", "office", "center", "centre")
# What joins a unit to its parent body: "... Department of the GAC", "the GAC's Department".
_OF_PARENT = re.compile(r"\s+(?:of|under)\s+(?:the\s+)?")
_POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+$")


class _SpeechRow(BaseModel):
    """The speech-cue columns of a patterns/people.jsonl row (other kinds are skipped)."""

    model_config = ConfigDict(extra="ignore")
    kind: str
    pattern: list[dict[str, Any]] | None = None


@dataclass
class SpeechCues:
    """Speech verbs ("say", "point out") and "according to" patterns that attribute a sentence.

    Read from the same rows of patterns/people.jsonl that the people component matches to find
    speaker turns, so the two views of who speaks never use different word lists.
    """

    verbs: set[str]
    according_to: list[re.Pattern[str]]

    @classmethod
    def load(cls, data_dir: str | Path | None) -> SpeechCues:
        """The lemmas that open each `speech` row and the words of each `according` row."""
        rows = read_jsonl(data_path(data_dir, "patterns/people.jsonl"), _SpeechRow)
        verbs: set[str] = set()
        according = []
        for row in rows:
            if not row.pattern:
                continue
            if row.kind == "speech":
                lemma = row.pattern[0].get("LEMMA")
                lemmas = lemma["IN"] if isinstance(lemma, dict) else [lemma]
                verbs.update(w.lower() for w in lemmas)
            elif row.kind == "according":
                words = [re.escape(t["LOWER"]) for t in row.pattern]
                according.append(re.compile(r"\b" + r"\s+".join(words) + r"\b", re.I))
        return cls(verbs, according)


# --------------------------------------------------------------------------- text


# A transcript's speaker label alone on its line: "Li Kuiwen:", "Harbour Times:".
LABEL_LINE = re.compile(r"(?m)^[^\n:]{2,80}:[ \t]*$")
# How a sentence or a list item closes; a line ending otherwise is a heading.
_CLOSERS = '.!?"”’:;,)]'


def heading_line(line: str) -> bool:
    """A line of its own without closing punctuation: a headline or subheading."""
    line = line.strip()
    return 0 < len(line.split()) <= 14 and line[-1] not in _CLOSERS


def clause_verb(token: Token) -> Token | None:
    """The nearest verb above a token: the clause a figure or a date sits in."""
    return next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)


def right_edge(token: Token) -> int:
    """End char of a token's subtree."""
    edge = token.right_edge
    return edge.idx + len(edge)


def ref(span: Span | None) -> Ref | None:
    """The [start, end, label] reference to a mention, as components exchange them."""
    return None if span is None else [span.start_char, span.end_char, span.label_]


# --------------------------------------------------------------------------- mentions


class Mentions:
    """Char-offset lookups over the mention groups other components wrote."""

    def __init__(self, ctx: DocContext):
        self.doc = ctx.doc
        self.ctx = ctx
        self.names = ctx.index(NAME_GROUP)
        self.people = ctx.index(PEOPLE_GROUP)
        self.dates = ctx.index(DATE_GROUP)
        # people by canonical name and by offsets, in index order (first one wins)
        self._namesakes: dict[str, list[Span]] = {}
        self._person_at: dict[tuple[int, int], Span] = {}
        self._namesake_org: dict[str, str | None] = {}
        for p in self.people:
            canonical = (span_attrs(p) or {}).get("canonical")
            if canonical:
                self._namesakes.setdefault(canonical, []).append(p)
            self._person_at.setdefault((p.start_char, p.end_char), p)

    @staticmethod
    def at(spans: Iterable[Span], start: int, end: int) -> list[Span]:
        """Spans overlapping a char range (by bisection when the spans are a SpanIndex)."""
        if isinstance(spans, SpanIndex):
            return spans.overlapping(start, end)
        return [s for s in spans if s.start_char < end and start < s.end_char]

    def person_exactly(self, start: int, end: int) -> Span | None:
        """The PERSON mention with exactly these offsets."""
        return self._person_at.get((start, end))

    def name_at(self, token: Token) -> Span | None:
        """The ORG/GPE/... mention covering a token."""
        hits = self.at(self.names, token.idx, token.idx + len(token))
        return hits[0] if hits else None

    def names_in(self, start: int, end: int) -> list[Span]:
        """ORG/GPE/... mentions inside a char range, in text order."""
        return sorted(self.at(self.names, start, end), key=lambda s: s.start_char)

    def person_at(self, token: Token) -> Span | None:
        """The PERSON mention covering a token."""
        hits = self.at(self.people, token.idx, token.idx + len(token))
        return hits[0] if hits else None

    def people_in(self, start: int, end: int) -> list[Span]:
        """PERSON mentions inside a char range."""
        return self.at(self.people, start, end)

    def dates_in(self, start: int, end: int) -> list[Span]:
        """DATE mentions inside a char range, in text order."""
        return sorted(self.at(self.dates, start, end), key=lambda s: s.start_char)

    def person_org(self, person: Span) -> str | None:
        """Canonical name of the organisation a PERSON's role belongs to.

        A later short mention ("Chen said ...") carries no role of its own, so the org of an
        earlier mention with the same canonical name stands. An internal unit ("Comprehensive
        Business Department of the General Administration of Customs") gives its parent body.
        """
        attrs = span_attrs(person) or {}
        own = self._org_of(attrs)
        if own is not None:
            return own
        canonical = attrs.get("canonical")
        if not canonical:
            return None
        if canonical not in self._namesake_org:  # the first namesake's, found once per name
            self._namesake_org[canonical] = next(
                (
                    org
                    for p in self._namesakes.get(canonical, [])
                    if (org := self._org_of(span_attrs(p) or {})) is not None
                ),
                None,
            )
        return self._namesake_org[canonical]

    def _org_of(self, attrs: dict) -> str | None:
        """The body of the ORG a PERSON's own `org` reference points at, if any."""
        org = attrs.get("org")
        if not org:
            return None
        hits = self.at(self.names, int(org[0]), int(org[1]))
        return self.parent(hits[0]) if hits else None

    def parent(self, org: Span) -> str:
        """The body an internal unit belongs to, else itself.

        Units are named both ways round: "the Comprehensive Business Department of the GAC",
        "the GAC's Department of Port Control" → GAC.
        """
        canonical = (span_attrs(org) or {}).get("canonical") or org.text
        unit, of_the, body = canonical.partition(" of the ")
        unit_words = unit.lower().split()
        if of_the and unit_words and (unit_words[0] in UNIT_WORDS or unit_words[-1] in UNIT_WORDS):
            return body  # "Department of Port Control of the General Administration of Customs"
        words = canonical.lower().split()
        if not words or (words[-1] not in UNIT_WORDS and words[0] not in UNIT_WORDS):
            return canonical
        text = self.ctx.text
        parent: list[Span] = []
        match = _OF_PARENT.match(text[org.end_char : org.end_char + 12])
        if match is not None:  # "the Comprehensive Business Department of the GAC"
            after = org.end_char + match.end()
            parent = [n for n in self.names_in(after, after + 1) if n.label_ == "ORG"]
        owner = _POSSESSIVE_BEFORE.search(text[max(0, org.start_char - 4) : org.start_char])
        if not parent and owner is not None:  # "the GAC's Comprehensive Business Department"
            before = org.start_char - (len(owner.group(0)))
            parent = [n for n in self.names_in(before - 1, before) if n.label_ == "ORG"]
        return (
            ((span_attrs(parent[0]) or {}).get("canonical") or parent[0].text)
            if parent
            else canonical
        )


# --------------------------------------------------------------------------- speakers


class Speakers:
    """Who said what: transcript turns first, then reported speech in the parse.

    A sentence "X said/stated/pointed out (that) ..." or "According to X, ..." attributes
    itself to X, and the following sentences of the same paragraph stay X's until another
    attribution (reported-speech continuation, as a reader takes it).
    """

    def __init__(self, ctx: DocContext, cues: SpeechCues):
        self.doc = ctx.doc
        self.ctx = ctx
        self.mentions = mentions = ctx.mentions
        self.cues = cues
        turns = state(ctx.doc).get("turns")
        self.turns = (
            [(int(t[0]), int(t[1]), t[2]) for t in turns]
            if turns
            else _fallback_turns(ctx.text, mentions)
        )
        self.segments: list[tuple[int, int, Span | None]] = []
        current: Span | None = None
        paragraph = (-1, -1)
        for segment in ctx.segments:
            para = ctx.paragraph_of(segment.start_char)
            if para != paragraph:
                paragraph, current = para, None
            said = self._attributed(segment)
            if said is not None:
                current = said
            self.segments.append((segment.start_char, segment.end_char, current))
        self._segment_starts = [s[0] for s in self.segments]
        self._turn_starts = [int(t[0]) for t in self.turns]

    def _attributed(self, segment: Span) -> Span | None:
        """The PERSON a sentence reports, through a speech verb or "according to"."""
        columns = self.ctx.columns
        for i in range(segment.start, segment.end):
            if columns.pos[i] not in ("VERB", "AUX") or columns.lemma[i] not in self.cues.verbs:
                continue
            token = self.doc[i]
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    hits = self.mentions.people_in(
                        max(child.left_edge.idx, segment.start_char),
                        min(right_edge(child), segment.end_char),
                    )
                    if hits:
                        return hits[-1] if child.i > token.i else hits[0]
        for pattern in self.cues.according_to:
            for match in pattern.finditer(self.ctx.text_at(segment)):
                after = segment.start_char + match.end()
                people = [
                    p
                    for p in self.mentions.people_in(after, segment.end_char)
                    if p.start_char - after <= 3
                ]
                if people:
                    return people[0]
        return None

    def canonical(self, person: Any) -> str | None:
        """Canonical name of a turn's speaker (a Span or a stored (start, end, label) ref)."""
        span = _span_of_ref(self.mentions, person)
        if span is None:
            return None
        return (span_attrs(span) or {}).get("canonical") or span.text

    def turn_at(self, pos: int) -> tuple[int, int, Any] | None:
        """The transcript turn holding a char position (turns are sorted and disjoint)."""
        k = bisect_right(self._turn_starts, pos) - 1
        if k >= 0 and pos < self.turns[k][1]:
            return self.turns[k]
        return None

    def at(self, token: Token) -> Span | None:
        """The PERSON mention who says the sentence holding this token."""
        pos = token.idx
        turn = self.turn_at(pos)
        if turn is not None:
            return _span_of_ref(self.mentions, turn[2])
        k = bisect_right(self._segment_starts, pos) - 1
        if k >= 0 and pos < self.segments[k][1]:
            return self.segments[k][2]
        return None


def _span_of_ref(mentions: Mentions, person: Any) -> Span | None:
    if isinstance(person, Span):
        return person
    return mentions.person_exactly(int(person[0]), int(person[1]))


def _fallback_turns(text: str, mentions: Mentions) -> list[tuple[int, int, Span]]:
    """Transcript turns when the people component wrote none: "Li Kuiwen:" lines.

    In SCIO transcripts a line holding only a name and a colon opens a turn, which runs to
    the next such line (a journalist's outlet line such as "Evening News:" closes it).
    """
    heads: list[tuple[int, Span | None]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.endswith(":") and 0 < len(stripped.split()) <= 8:
            people = mentions.people_in(pos, pos + len(line))
            heads.append((pos, people[0] if people else None))
        pos += len(line)
    turns = []
    for i, (start, person) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        if person is not None:
            turns.append((start, end, person))
    return turns
