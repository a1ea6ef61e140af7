"""The per-document context: its tables agree with the Doc, and speech cues come from one list."""

from __future__ import annotations

import json

import pytest

from textfacts.components._attribution import SpeechCues
from textfacts.components._context import Lines, SpanIndex, TokenColumns, context
from textfacts.resources import data_path

TEXT = (
    "Customs eases rules for bonded zones\n"
    "\n"
    "The customs authority in Fuzhou said on Tuesday that inspections fell 8 percent in May. "
    "Liu Hong, deputy director of the Fuzhou customs, said the authority will open two new "
    "inspection lanes by July.\n"
    "Exports of tea rose 12 percent."
)


@pytest.fixture(scope="module")
def doc(extractor):
    return extractor.nlp(extractor.make_doc(TEXT, meta={"published": "2031-06-10"}))


def _slow_paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


@pytest.mark.parametrize("text", ["", "one line", "a\nb", "\n\nx\n", "ab\n\ncd\nef\n"])
def test_the_line_table_answers_as_a_scan_would(text):
    lines = Lines(text)
    for pos in range(len(text) + 1):
        assert lines.of(pos) == _slow_paragraph(text, pos), (text, pos)


def test_the_span_index_finds_every_overlap_and_nothing_else(doc):
    spans = [doc[i : i + n] for i in range(0, len(doc) - 3, 2) for n in (1, 3)]
    index = SpanIndex(spans)
    for start in range(0, len(TEXT), 7):
        end = start + 5
        expected = {
            (s.start_char, s.end_char) for s in spans if s.start_char < end and start < s.end_char
        }
        assert {(s.start_char, s.end_char) for s in index.overlapping(start, end)} == expected


def test_segments_are_cut_at_line_breaks_and_cover_the_words(doc):
    ctx = context(doc)
    assert ctx.text == doc.text
    for segment in ctx.segments:
        assert "\n" not in ctx.text_at(segment).strip()
    words = {t.i for t in doc if not t.is_space}
    covered = {t.i for s in ctx.segments for t in s}
    assert words <= covered
    for segment in ctx.segments:
        for pos in (segment.start_char, segment.end_char - 1):
            assert ctx.segment_at(pos) is segment


def test_noun_chunks_in_a_range_are_those_of_the_doc_inside_it(doc):
    ctx = context(doc)
    for segment in ctx.segments:
        expected = [
            (c.start, c.end)
            for c in doc.noun_chunks
            if c.start >= segment.start and c.end <= segment.end
        ]
        got = [(c.start, c.end) for c in ctx.noun_chunks_in(segment.start, segment.end)]
        assert got == expected


def test_the_context_is_built_once_per_doc_and_shared(doc, extractor):
    assert context(doc) is context(doc)
    cues = SpeechCues.load(None)
    assert context(doc).speakers(cues) is context(doc).speakers(SpeechCues.load(None))
    other = extractor.nlp(extractor.make_doc(TEXT))
    assert context(other) is not context(doc)


def test_a_span_group_index_follows_a_replaced_group(doc):
    ctx = context(doc)
    before = len(ctx.index("textfacts_dates"))
    assert before > 0
    kept = list(doc.spans["textfacts_dates"])
    doc.spans["textfacts_dates"] = kept[:1]
    try:
        assert len(ctx.index("textfacts_dates")) == 1
    finally:
        doc.spans["textfacts_dates"] = kept
    assert len(ctx.index("textfacts_dates")) == before


def test_speech_cues_are_the_people_rows():
    """Commitments and claims attribute with the very verbs the people component matches."""
    rows = [json.loads(line) for line in data_path(None, "patterns/people.jsonl").open()]
    lemmas: set[str] = set()
    for row in rows:
        if row["kind"] == "speech":
            lemma = row["pattern"][0]["LEMMA"]
            lemmas |= set(lemma["IN"]) if isinstance(lemma, dict) else {lemma}
    cues = SpeechCues.load(None)
    assert cues.verbs == {w.lower() for w in lemmas}
    assert any(p.search("Imports rose, According  to the bureau.") for p in cues.according_to)
    commitment_kinds = {
        json.loads(line)["kind"] for line in data_path(None, "patterns/commitments.jsonl").open()
    }
    assert not commitment_kinds & {"speech_verb", "according_to"}


def test_the_speaker_of_a_pledge_is_the_reported_person(doc):
    from textfacts.pipeline import to_document

    document = to_document(doc)
    people = {m.id: m.text for m in document.mentions if m.label == "PERSON"}
    assert document.commitments, "the lanes pledge"
    assert people.get(document.commitments[0].speaker) == "Liu Hong"


def _scanned_segments(doc, text):
    """The plain computation the bisection replaces: visit every token of every sentence."""
    out = []
    for sent in doc.sents:
        start, sent_end = sent.start, sent.end
        tokens = list(sent)
        for k, token in enumerate(tokens):
            after = tokens[k + 1].idx if k + 1 < len(tokens) else token.idx + len(token.text)
            gap = text[token.idx + len(token.text) : after]
            if "\n" in token.text or "\n" in gap:
                piece = doc[start : token.i + (0 if token.is_space else 1)]
                if text[piece.start_char : piece.end_char].strip():
                    out.append((piece.start, piece.end))
                start = token.i + 1
        if start < sent_end:
            piece = doc[start:sent_end]
            if text[piece.start_char : piece.end_char].strip():
                out.append((piece.start, piece.end))
    return out


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "Customs will act\nPorts reopen fully. Trade rose 3 percent\n\n\nExports fell.",
        "\n\nA headline without a stop\n \nThe authority said it will cut fees. \n",
        "Imports grew 5 percent. \nThe GAC will publish a list\nby June.\r\nNo more.",
        "One line only, and no break at all.",
        "Beijing:\n  First, expand X;\n  second, cut Y.\n\n\n  \n",
    ],
)
def test_segments_by_bisection_match_a_token_scan(extractor, text):
    doc = extractor.nlp(extractor.make_doc(text))
    got = [(s.start, s.end) for s in context(doc).segments]
    assert got == _scanned_segments(doc, doc.text)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "",
        "The GAC WILL roll out 12 measures; Importers are Required to file by June.\n\nIncluding.",
        "“We’ll keep ports open,” Li said. Exports—up 4%—hit RMB 2.1 trillion!",
    ],
)
def test_token_columns_are_the_tokens_own_attributes(extractor, text):
    doc = extractor.nlp(extractor.make_doc(text))
    columns = TokenColumns(doc)
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.lemma == [t.lemma_.lower() for t in doc]
    assert columns.tag == [t.tag_ for t in doc]
    assert columns.pos == [t.pos_ for t in doc]
    assert context(doc).columns is context(doc).columns
