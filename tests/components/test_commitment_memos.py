"""Commitments' per-Doc memos answer as the plain computation does, in any order."""

from __future__ import annotations

import pytest

from textfacts.components._context import context
from textfacts.components.commitments import (
    _clean,
    _conjuncts,
    _find_conjuncts,
    action_phrase,
)

TEXTS = [
    "Customs will simplify procedures, cut fees and expand pilot zones by 2027, and the GAC "
    "plans to open two lanes in May and extend hours from July 1.",
    "By the end of 2026, we will further deepen reform, strengthen supervision, and support "
    "exporters, officials said on Monday. Ports will be upgraded next year.",
    "The measures include extending credit, cutting inspection times and adding 20 lanes. "
    "In the second half, Shenzhen Customs will launch a platform and help firms in 2030.",
    "We will further actively expand imports and steadily cut fees, and will also vigorously "
    "promote trade.  Customs will now quickly roll out the new rules by June.\n\nFees will fall.",
]


@pytest.fixture(scope="module", params=TEXTS)
def doc(request, extractor):
    return extractor.nlp(extractor.make_doc(request.param, meta={"published": "2026-06-10"}))


def test_a_verb_s_conjuncts_are_those_a_fresh_walk_finds(doc):
    for token in [*doc, *reversed(doc)]:
        expected = [t.i for t in _find_conjuncts(token)]
        got = _conjuncts(token)
        assert [t.i for t in got] == expected, token.text
        got.append(token)  # callers extend what they get: the memo must not change
        assert [t.i for t in _conjuncts(token)] == expected
    assert any(_find_conjuncts(t) for t in doc)


def test_a_date_reads_as_a_deadline_as_a_fresh_reading_says(doc, extractor):
    commitments = extractor.nlp.get_pipe("textfacts_commitments")
    dates = list(doc.spans["textfacts_dates"])
    assert dates
    for date in [*dates, *reversed(dates)]:
        assert commitments._deadline_like(doc, date) == commitments._reads_as_deadline(doc, date)


def _scanned_action(head, start, end, manner):
    """action_phrase's plain reading for an active head: every token from the head on."""
    tokens = []
    for t in head.doc[head.i :]:
        if t.idx >= end:
            break
        tokens.append(t)
    words = [head.lemma_.lower() if head.pos_ in ("VERB", "AUX") else head.text]
    for token in tokens[1:]:
        if token.lower_ in manner and token.dep_ == "advmod":
            continue
        words.append(token.text_with_ws if token.whitespace_ else token.text)
    return _clean(words[0] + " " + "".join(words[1:]) if len(words) > 1 else words[0])


def test_an_action_read_from_columns_is_the_token_scan_s(doc, extractor):
    manner = extractor.nlp.get_pipe("textfacts_commitments").cues.words["manner_adverb"]
    active = [
        t
        for t in doc
        if not any(c.dep_ in ("nsubjpass", "csubjpass") for c in t.children)
        and not (t.dep_ in ("acl", "relcl") and t.tag_ == "VBN")
    ]
    assert active
    ends = sorted({t.idx + len(t) for t in doc} | {len(doc.text)})
    for head in active:
        for end in [e for e in ends if e > head.idx][:12]:
            expected = _scanned_action(head, head.idx, end, manner)
            assert action_phrase(head, head.idx, end, manner) == expected, (head.text, end)


def test_token_starts_and_text_with_ws_are_the_tokens_own(doc):
    ctx = context(doc)
    assert ctx.token_starts == [t.idx for t in doc]
    assert [ctx.token_text_with_ws(t.i) for t in doc] == [t.text_with_ws for t in doc]
