"""One Doc's reading tables, built once and read by every later component.

Components used to rebuild their own views of a release (its text, its sentences, its lines,
the mentions earlier layers wrote, who speaks where) and to look things up by scanning them.
A `DocContext` holds each view once, as a sorted table answered by bisection, so a lookup
costs the log of the table and a component's cost grows with the text, not its square:

- ``text``: ``Doc.text``, which spaCy joins from every token on each access;
- ``lines``: where each line (a paragraph: releases put one per line) starts and ends;
- ``segments``: sentences cut at line breaks (the parser runs a headline into the next
  paragraph), with the segment holding any position and each segment's text;
- ``noun_chunks``: the Doc's base noun phrases (``Span.noun_chunks`` walks the whole Doc);
- ``columns``: each token's lower-cased form, lower-cased lemma, tag and part of speech, read
  as arrays, so a pass looking for a few words touches a Token only where one stands;
- ``index(group)``: an interval index over any span group, for "what overlaps here?";
- ``mentions`` and ``speakers(cues)`` (``_attribution``): the mention lookups and the one
  speaker map (transcript turns, then reported speech) that commitments and claims share;
- ``memo``: answers a component works out from the parse alone (a verb's coordinated
  actions, whether a date reads as a deadline), kept so a second asking costs a lookup.

The tables are built lazily, the first time a component asks, and kept with the Doc's
identity for the last few Docs (spaCy hands a batch of Docs to each component in turn). A
span group's index is rebuilt if the group was replaced after it was built.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from textfacts.extensions import doc_text, state
from textfacts.offsets import Ranges

if TYPE_CHECKING:
    from textfacts.components._attribution import Mentions, Speakers, SpeechCues

_CACHE: dict[int, DocContext] = {}
_CACHE_SIZE = 32  # two of Extractor.pipe's default batches of 16


def context(doc: Doc) -> DocContext:
    """The Doc's context, built at the first call.

    Kept by the Doc's identity; the entry holds the Doc, so the key stays unique while it lives.
    """
    ctx = _CACHE.get(id(doc))
    if ctx is not None and ctx.doc is doc and ctx.n_tokens == len(doc):
        return ctx
    if len(_CACHE) >= _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    ctx = _CACHE[id(doc)] = DocContext(doc)
    return ctx


def text_of(doc: Doc) -> str:
    """The Doc's text, built once per Doc."""
    return context(doc).text


class SpanIndex(list):
    """Spans sorted by start, with overlap lookups by bisection instead of a scan.

    A mention is short, so every span overlapping [start, end) begins in
    [start - longest, end): the lookup costs the log of the group plus the hits.
    """

    def __init__(self, spans: Iterable[Span]):
        super().__init__(sorted(spans, key=lambda s: (s.start_char, s.end_char)))
        self.starts = [s.start_char for s in self]
        self.longest = max((s.end_char - s.start_char for s in self), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans sharing a character with [start, end), in start order."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [s for s in self[lo:hi] if s.start_char < end and start < s.end_char]


class Lines:
    """Where each line of a text starts and ends: the paragraph table of a release."""

    def __init__(self, text: str):
        self.length = len(text)
        self.starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def of(self, pos: int) -> tuple[int, int]:
        """Char range of the line holding a position (without its line break)."""
        k = bisect_right(self.starts, pos) - 1
        start = self.starts[k]
        # a line break itself belongs to the line it ends
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else self.length
        return start, end


class DocContext:
    """The reading tables of one Doc (see the module docstring)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n_tokens = len(doc)
        self.text = doc_text(doc)
        self.lines = Lines(self.text)
        self._segments: list[Span] | None = None
        self._segment_starts: list[int] = []
        self._noun_chunks: list[Span] | None = None
        self._chunk_starts: list[int] = []
        self._indexes: dict[str, tuple[Any, SpanIndex]] = {}
        self._mentions: tuple[tuple[Any, ...], Mentions] | None = None
        self._speakers: tuple[tuple[Any, ...], SpeechCues, Speakers] | None = None
        self._chrome: tuple[tuple[int, int], Ranges] | None = None
        self._columns: TokenColumns | None = None
        self._token_starts: list[int] | None = None
        # keyed by (what, offsets ...): the asker's name first, so answers never mix
        self.memo: dict[tuple[Any, ...], Any] = {}

    # -- lines and segments ---------------------------------------------------------------

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """Char range of the line (paragraph) holding a position."""
        return self.lines.of(pos)

    @property
    def segments(self) -> list[Span]:
        """Sentences cut at line breaks, in text order."""
        if self._segments is None:
            breaks = [start - 1 for start in self.lines.starts[1:]]
            self._segments = list(_segments(self.doc, self.text, breaks))
            self._segment_starts = [s.start_char for s in self._segments]
        return self._segments

    def segment_index(self, pos: int) -> int:
        """Index in `segments` of the segment holding a position, else -1."""
        segments = self.segments
        k = bisect_right(self._segment_starts, pos) - 1
        return k if k >= 0 and pos < segments[k].end_char else -1

    def segment_at(self, pos: int) -> Span | None:
        """The segment holding a position (None between segments)."""
        k = self.segment_index(pos)
        return self.segments[k] if k >= 0 else None

    def text_at(self, span: Span) -> str:
        """A span's text, sliced from the Doc's text (``Span.text`` joins its tokens)."""
        return self.text[span.start_char : span.end_char]

    @property
    def noun_chunks(self) -> list[Span]:
        """The Doc's base noun phrases, found once (raises as ``Doc.noun_chunks`` does)."""
        if self._noun_chunks is None:
            self._noun_chunks = list(self.doc.noun_chunks)
            self._chunk_starts = [c.start for c in self._noun_chunks]
        return self._noun_chunks

    def noun_chunks_in(self, start: int, end: int) -> list[Span]:
        """The noun chunks inside the token range [start, end), in text order."""
        chunks = self.noun_chunks
        lo = bisect_left(self._chunk_starts, start)
        hi = bisect_left(self._chunk_starts, end)
        return [c for c in chunks[lo:hi] if c.end <= end]

    @property
    def token_starts(self) -> list[int]:
        """Each token's start char (``doc[i].idx``), read once as one array."""
        if self._token_starts is None:
            self._token_starts = self.doc.to_array(IDX).tolist() if len(self.doc) else []
        return self._token_starts

    def token_text_with_ws(self, i: int) -> str:
        """``doc[i].text_with_ws`` sliced from the text: a token runs to where the next starts."""
        starts = self.token_starts
        return self.text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(self.text)]

    @property
    def columns(self) -> TokenColumns:
        """Per-token word columns of the Doc, read once."""
        if self._columns is None:
            self._columns = TokenColumns(self.doc)
        return self._columns

    # -- span groups, mentions, speakers ------------------------------------------------------

    def in_chrome(self, start: int, end: int) -> bool:
        """Whether [start, end) touches page chrome the header component marked."""
        ranges = state(self.doc).get("chrome") or []
        stamp = (id(ranges), len(ranges))
        if self._chrome is None or self._chrome[0] != stamp:
            self._chrome = (stamp, Ranges(tuple(r) for r in ranges))
        return self._chrome[1].overlaps(start, end)

    def _stamp(self, *groups: str) -> tuple[Any, ...]:
        spans = self.doc.spans
        found = [spans.get(g) for g in groups]  # one lookup each (SpanGroups is a Python dict)
        return tuple((None, 0) if group is None else (id(group), len(group)) for group in found)

    def index(self, group: str) -> SpanIndex:
        """An interval index over a span group (rebuilt if the group changed since)."""
        stamp = self._stamp(group)
        found = self._indexes.get(group)
        if found is None or found[0] != stamp:
            found = self._indexes[group] = (stamp, SpanIndex(self.doc.spans.get(group, [])))
        return found[1]

    @property
    def mentions(self) -> Mentions:
        """Lookups over the names, people and dates layers."""
        from textfacts.components._attribution import MENTION_GROUPS, Mentions

        stamp = self._stamp(*MENTION_GROUPS)
        if self._mentions is None or self._mentions[0] != stamp:
            self._mentions = (stamp, Mentions(self))
        return self._mentions[1]

    def speakers(self, cues: SpeechCues) -> Speakers:
        """The speaker map, built once for the speech cues every caller loads alike."""
        from textfacts.components._attribution import MENTION_GROUPS, Speakers

        stamp = self._stamp(*MENTION_GROUPS)
        if self._speakers is None or self._speakers[0] != stamp or self._speakers[1] != cues:
            self._speakers = (stamp, cues, Speakers(self, cues))
        return self._speakers[2]


class TokenColumns:
    """The words of a Doc as lists indexed by token: what passes over every token compare.

    ``lower[i]`` is ``doc[i].lower_``, ``lemma[i]`` is ``doc[i].lemma_.lower()``, ``tag[i]``
    is ``doc[i].tag_`` and ``pos[i]`` is ``doc[i].pos_``; read from the Doc's arrays instead of
    making a Token object per word and attribute.
    """

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        lower, lemma, tag, pos = (
            doc.to_array([LOWER, LEMMA, TAG, POS]).T.tolist() if len(doc) else ([], [], [], [])
        )
        self.lower = [strings[h] for h in lower]
        self.lemma = [strings[h].lower() for h in lemma]
        self.tag = [strings[h] for h in tag]
        self.pos = [POS_NAMES[p] for p in pos]


def _segments(doc: Doc, text: str, breaks: list[int]) -> Iterator[Span]:
    """Sentences cut after each token a line break ends; `breaks` are the line-break positions.

    A token is cut after when it holds a line break, or when one sits in the whitespace between
    it and the next token of its sentence. Found from the breaks by bisection over the token
    starts (one column read from the Doc), not by visiting every token of every sentence.
    """
    starts, lengths = _token_starts_and_lengths(doc)
    holds: set[int] = set()  # tokens with a line break in their own text
    before_gap: set[int] = set()  # tokens followed by a line break in the gap after them
    for pos in breaks:
        k = bisect_right(starts, pos) - 1
        if k < 0:
            continue
        (holds if pos < starts[k] + lengths[k] else before_gap).add(k)
    cuts = sorted(holds | before_gap)
    for sent in doc.sents:
        start, sent_end = sent.start, sent.end
        for i in cuts[bisect_left(cuts, start) : bisect_left(cuts, sent_end)]:
            if i not in holds and i + 1 >= sent_end:
                continue  # a break after a sentence's last token is the sentence's own end
            piece = doc[start : i + (0 if doc[i].is_space else 1)]
            if text[piece.start_char : piece.end_char].strip():
                yield piece
            start = i + 1
        if start < sent_end:
            piece = doc[start:sent_end]
            if text[piece.start_char : piece.end_char].strip():
                yield piece


def _token_starts_and_lengths(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start char and length, read as one array instead of one Token at a time."""
    if not len(doc):
        return [], []
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()  # a column each, as lists
    return starts, lengths
