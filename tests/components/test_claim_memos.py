"""The claim binder's per-Doc memos answer as the plain computation does, in any order."""

from __future__ import annotations

import pytest

from textfacts.components._context import context
from textfacts.components.claims import ANCHOR_LABELS, GROUP, _Binder

TEXTS = [
    "Customs data released on Friday showed imports of 3.2 million tons in May, while the GAC "
    "published on Monday exports worth 4.1 billion yuan, up 6 percent year on year.",
    "The port now handles 11 million containers a year and currently serves 4,000 firms. "
    "It has become the top buyer of soybeans, taking 60 percent of the total in 2030.",
    "Trade rose 5 percent in the first half and reached 2.1 trillion yuan, the GAC said on "
    "Tuesday. At present, exports account for 55 percent, the data showed on Wednesday.",
    "Exports rose 8 percent in 2030 compared with 2029, and seizures grew 3 times over 2012.",
]


@pytest.fixture(scope="module", params=TEXTS)
def binder_and_doc(request, extractor):
    doc = extractor.nlp(extractor.make_doc(request.param, meta={"published": "2031-06-10"}))
    claims = extractor.nlp.get_pipe("textfacts_claims")

    def make() -> _Binder:
        anchors = sorted(
            (s for s in doc.spans[GROUP] if s.label_ in ANCHOR_LABELS), key=lambda s: s.start_char
        )
        return _Binder(context(doc), claims.cues, anchors, claims.speech.verbs, claims.scales)

    return make, doc


def test_a_verb_is_current_as_a_fresh_reading_says(binder_and_doc):
    make, doc = binder_and_doc
    memo = make()
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX")]
    for verb in [*verbs, *reversed(verbs)]:
        assert memo._current(verb) == make()._stated_as_current(verb), verb.text
    assert memo._current(None) is False


def test_a_release_date_is_judged_per_figure_as_a_scan_would(binder_and_doc):
    make, doc = binder_and_doc
    memo = make()
    calls = 0
    for anchor in [None, *memo.anchors, *reversed(memo.anchors)]:
        for date in doc.spans["textfacts_dates"]:
            call = make()._date_call(date)
            if not isinstance(call, bool):
                calls += 1
                expected = anchor is None or not any(
                    c.dep_ == "dobj" and anchor.root in c.subtree for c in call.children
                )
            else:
                expected = call
            assert memo.not_a_period(date, anchor) == expected, (date.text, anchor)
    assert calls or "showed" not in doc.text


def _plain_zones(verb):
    zones = []
    node = verb
    for _ in range(4):
        if node is None:
            break
        for child in node.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "pobj", "advcl", "nsubj") + (
                "nsubjpass",
                "dobj",
            ):
                zones.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
        own = node.dep_ == "relcl" or (
            node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        )
        if node.dep_ not in ("conj", "xcomp", "advcl", "acl", "relcl", "ccomp") or own:
            break
        node = node.head
    return zones


def test_a_clause_s_zones_are_those_a_fresh_walk_finds(binder_and_doc):
    make, doc = binder_and_doc
    memo = make()
    tokens = [None, *doc, *reversed(doc)]
    for token in tokens:
        assert memo._clause_zones(token) == _plain_zones(token), token


def test_a_segment_s_dates_are_those_outside_its_baselines(binder_and_doc):
    make, doc = binder_and_doc
    memo = make()
    for segment in [*memo.segments, *reversed(memo.segments)]:
        text = doc.text[segment.start_char : segment.end_char]
        baselines = [
            (segment.start_char + m.start("base"), segment.start_char + m.end("base"))
            for p in memo.cues.comparisons
            for m in p.pattern.finditer(text)
        ]
        expected = [
            (d.start_char, d.end_char)
            for d in sorted(doc.spans["textfacts_dates"], key=lambda d: d.start_char)
            if d.start_char < segment.end_char
            and segment.start_char < d.end_char
            and not any(s < d.end_char and d.start_char < e for s, e in baselines)
        ]
        assert [(d.start_char, d.end_char) for d in memo._segment_dates(segment)] == expected
