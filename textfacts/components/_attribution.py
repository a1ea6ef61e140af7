"""Shared reading helpers of commitments and claims: who speaks, where sentences end.

Both components need the same views of a parsed release: its sentences cut at line breaks
(headlines run into the next paragraph in the parse), char-offset lookups over the mentions the
earlier components wrote, and the PERSON each sentence is attributed to (transcript turns,
"X said ...", "According to X, ..."). They live here so each component module has one job.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span, Token

from textfacts.extensions import state
from textfacts.resources import data_path, read_jsonl

NAME_GROUP = "textfacts_entities"
PEOPLE_GROUP = "textfacts_people"
DATE_GROUP = "textfacts_dates"
Ref = list  # [start_char, end_char, label]

# Internal units whose pledges are their parent body's: "Lin Shaobin, director of the
# Comprehensive Business Department of the GAC, said they will ..." commits the GAC.
# Words that end the name of an internal unit: "Department of Port Control of the GAC".
UNIT_WORDS = ("department", "division", "bureau", "office", "center", "centre")


class _SpeechRow(BaseModel):
    """The speech-cue columns of a patterns/commitments.jsonl row (other kinds are skipped)."""

    model_config = ConfigDict(extra="ignore")
    kind: str
    words: list[str] = []
    regex: str | None = None


@dataclass
class SpeechCues:
    """Speech verbs ("say", "point out") and "according to" patterns that attribute a sentence."""

    verbs: set[str]
    according_to: list[re.Pattern[str]]

    @classmethod
    def load(cls, data_dir: str | Path | None) -> SpeechCues:
        """Read the speech_verb and according_to rows of patterns/commitments.jsonl."""
        rows = read_jsonl(data_path(data_dir, "patterns/commitments.jsonl"), _SpeechRow)
        verbs = {w.lower() for r in rows if r.kind == "speech_verb" for w in r.words}
        according = [
            re.compile(r.regex, re.I) for r in rows if r.kind == "according_to" and r.regex
        ]
        return cls(verbs, according)


# --------------------------------------------------------------------------- text


# Per-Doc derived views (text, segments), kept for the last few Docs: spaCy's pipe hands a
# batch of Docs to each component in turn, and Doc.text / Doc.sents are rebuilt on each access.
_CACHE: dict[int, tuple[Doc, int, dict[str, Any]]] = {}
_CACHE_SIZE = 32  # two of Extractor.pipe's default batches of 16


def _derived(doc: Doc) -> dict[str, Any]:
    """The cache entry of a Doc (keyed by identity and length, the Doc held so ids stay unique)."""
    entry = _CACHE.get(id(doc))
    if entry is not None and entry[0] is doc and entry[1] == len(doc):
        return entry[2]
    if len(_CACHE) >= _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    views: dict[str, Any] = {}
    _CACHE[id(doc)] = (doc, len(doc), views)
    return views


def text_of(doc: Doc) -> str:
    """The Doc's text, built once per Doc (``Doc.text`` joins every token on each access)."""
    views = _derived(doc)
    text = views.get("text")
    if text is None:
        text = views["text"] = doc.text
    return text


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


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Char range of the line (paragraph) holding a position; releases use one per line."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def segments(doc: Doc) -> Iterator[Span]:
    """Sentences cut at line breaks: the parser runs headlines into the next paragraph."""
    views = _derived(doc)
    found = views.get("segments")
    if found is None:
        found = views["segments"] = list(_segments(doc))
    return iter(found)


def noun_chunks(doc: Doc) -> list[Span]:
    """The Doc's base noun phrases, found once per Doc (``Span.noun_chunks`` walks the Doc)."""
    views = _derived(doc)
    chunks = views.get("noun_chunks")
    if chunks is None:
        chunks = views["noun_chunks"] = list(doc.noun_chunks)
    return chunks


def _segments(doc: Doc) -> Iterator[Span]:
    text = text_of(doc)
    for sent in doc.sents:
        start, sent_end = sent.start, sent.end
        tokens = list(sent)
        for k, token in enumerate(tokens):
            token_text = token.text
            i = token.i
            if "\n" in token_text or (
                i + 1 < sent_end and "\n" in text[token.idx + len(token_text) : tokens[k + 1].idx]
            ):
                piece = doc[start : i + (0 if token.is_space else 1)]
                if text[piece.start_char : piece.end_char].strip():
                    yield piece
                start = i + 1
        if start < sent_end:
            piece = doc[start:sent_end]
            if text[piece.start_char : piece.end_char].strip():
                yield piece


def right_edge(token: Token) -> int:
    """End char of a token's subtree."""
    edge = token.right_edge
    return edge.idx + len(edge)


def ref(span: Span | None) -> Ref | None:
    """The [start, end, label] reference to a mention, as components exchange them."""
    return None if span is None else [span.start_char, span.end_char, span.label_]


# --------------------------------------------------------------------------- mentions


class _Index(list):
    """Spans sorted by start, with overlap lookups by bisection instead of a scan.

    A mention is short, so every span overlapping [start, end) begins in
    [start - longest, end): the lookup costs the log of the group plus the hits.
    """

    def __init__(self, spans: Iterable[Span]):
        super().__init__(sorted(spans, key=lambda s: (s.start_char, s.end_char)))
        self.starts = [s.start_char for s in self]
        self.longest = max((s.end_char - s.start_char for s in self), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [s for s in self[lo:hi] if s.start_char < end and start < s.end_char]


class Mentions:
    """Char-offset lookups over the mention groups other components wrote."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.names = _Index(doc.spans.get(NAME_GROUP, []))
        self.people = _Index(doc.spans.get(PEOPLE_GROUP, []))
        self.dates = _Index(doc.spans.get(DATE_GROUP, []))

    @staticmethod
    def at(spans: Iterable[Span], start: int, end: int) -> list[Span]:
        """Spans overlapping a char range (by bisection when the spans are an _Index)."""
        if isinstance(spans, _Index):
            return spans.overlapping(start, end)
        return [s for s in spans if s.start_char < end and start < s.end_char]

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
        canonical = (person._.textfacts or {}).get("canonical")
        candidates = [person] + [
            p
            for p in self.people
            if p is not person and canonical and (p._.textfacts or {}).get("canonical") == canonical
        ]
        for candidate in candidates:
            org = (candidate._.textfacts or {}).get("org")
            if not org:
                continue
            hits = self.at(self.names, int(org[0]), int(org[1]))
            if hits:
                return self.parent(hits[0])
        return None

    def parent(self, org: Span) -> str:
        """The body an internal unit belongs to, else itself.

        Units are named both ways round: "the Comprehensive Business Department of the GAC",
        "the GAC's Department of Port Control" → GAC.
        """
        canonical = (org._.textfacts or {}).get("canonical") or org.text
        unit, of_the, body = canonical.partition(" of the ")
        unit_words = unit.lower().split()
        if of_the and unit_words and (unit_words[0] in UNIT_WORDS or unit_words[-1] in UNIT_WORDS):
            return body  # "Department of Port Control of the General Administration of Customs"
        words = canonical.lower().split()
        if not words or (words[-1] not in UNIT_WORDS and words[0] not in UNIT_WORDS):
            return canonical
        text = text_of(self.doc)
        parent: list[Span] = []
        match = re.match(r"\s+(?:of|under)\s+(?:the\s+)?", text[org.end_char : org.end_char + 12])
        if match is not None:  # "the Comprehensive Business Department of the GAC"
            after = org.end_char + match.end()
            parent = [n for n in self.names_in(after, after + 1) if n.label_ == "ORG"]
        owner = re.search(r"['’]s?\s+$", text[max(0, org.start_char - 4) : org.start_char])
        if not parent and owner is not None:  # "the GAC's Comprehensive Business Department"
            before = org.start_char - (len(owner.group(0)))
            parent = [n for n in self.names_in(before - 1, before) if n.label_ == "ORG"]
        return (
            ((parent[0]._.textfacts or {}).get("canonical") or parent[0].text)
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

    def __init__(self, doc: Doc, mentions: Mentions, cues: SpeechCues):
        self.doc = doc
        self.mentions = mentions
        self.cues = cues
        turns = state(doc).get("turns")
        self.turns = (
            [(int(t[0]), int(t[1]), t[2]) for t in turns]
            if turns
            else _fallback_turns(doc, mentions)
        )
        self.segments: list[tuple[int, int, Span | None]] = []
        current: Span | None = None
        paragraph = (-1, -1)
        for segment in segments(doc):
            para = paragraph_of(text_of(doc), segment.start_char)
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
        for token in segment:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in self.cues.verbs:
                continue
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    hits = self.mentions.people_in(
                        max(child.left_edge.idx, segment.start_char),
                        min(right_edge(child), segment.end_char),
                    )
                    if hits:
                        return hits[-1] if child.i > token.i else hits[0]
        for pattern in self.cues.according_to:
            for match in pattern.finditer(segment.text):
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
        return (span._.textfacts or {}).get("canonical") or span.text

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
    hits = [
        p
        for p in mentions.people
        if p.start_char == int(person[0]) and p.end_char == int(person[1])
    ]
    return hits[0] if hits else None


def _fallback_turns(doc: Doc, mentions: Mentions) -> list[tuple[int, int, Span]]:
    """Transcript turns when the people component wrote none: "Li Kuiwen:" lines.

    In SCIO transcripts a line holding only a name and a colon opens a turn, which runs to
    the next such line (a journalist's outlet line such as "Evening News:" closes it).
    """
    text = text_of(doc)
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
