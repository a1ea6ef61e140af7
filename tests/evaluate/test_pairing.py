"""Pairing scenarios of docs/evaluation.md, one test per scenario, same names."""

from __future__ import annotations

import random

from helpers import span_of

from textfacts.evaluate.pairing import any_overlap, half_overlap, pair_spans
from textfacts.evaluate.scorer import score, score_document
from textfacts.schema import Document

TEXT = (
    "Exports rose 7.1 percent to 1.2 trillion yuan in the first quarter, "
    "the General Administration of Customs said on Tuesday."
)
PLEDGE = (
    "Customs will further cut the overall clearance time at ports "
    "and will expand the pilot of smart customs to more ports in 2026."
)


def mention(text: str, label: str, surface: str, mid: str, **attrs) -> dict:
    start, end = span_of(text, surface)
    return {"id": mid, "label": label, "start": start, "end": end, "text": surface, **attrs}


def money(text: str, surface: str, mid: str, value: float = 1.2e12) -> dict:
    return mention(text, "MONEY", surface, mid, value=value, unit="CNY")


def test_identical_spans():
    span = span_of(TEXT, "7.1 percent")
    assert pair_spans([span], [span]) == [(0, 0)]


def test_largest_overlap_first():
    gold = [span_of(TEXT, "7.1 percent"), span_of(TEXT, "1.2 trillion yuan")]
    pred = [(span_of(TEXT, "percent")[0], span_of(TEXT, "1.2 trillion yuan")[1])]
    assert pair_spans(gold, pred) == [(1, 0)]


def test_tie_earlier_gold_first():
    gold = [span_of(TEXT, "7.1"), span_of(TEXT, "1.2")]
    pred = [(span_of(TEXT, "7.1")[0], span_of(TEXT, "1.2")[1])]
    assert pair_spans(gold, pred) == [(0, 0)]


def test_one_to_one():
    gold = Document(doc_id="d", text=TEXT, mentions=[money(TEXT, "1.2 trillion yuan", "m1")])
    pred = Document(
        doc_id="d",
        text=TEXT,
        mentions=[
            money(TEXT, "1.2 trillion", "m1"),
            mention(TEXT, "MONEY", "yuan", "m2", value=1.0, unit="CNY"),
        ],
    )
    counts = score_document(gold, pred).counts
    assert counts["MONEY.overlap"].as_list() == [1, 1, 0]
    assert counts["MONEY.strict"].as_list() == [0, 2, 1]


def test_touching_spans_do_not_pair():
    start, end = span_of(TEXT, "7.1")
    assert pair_spans([(start, end)], [(end, span_of(TEXT, "percent")[1])]) == []


def test_labels_must_match():
    gold = Document(doc_id="d", text=TEXT, mentions=[money(TEXT, "1.2 trillion yuan", "m1")])
    pred = Document(
        doc_id="d",
        text=TEXT,
        mentions=[mention(TEXT, "QUANTITY", "1.2 trillion yuan", "m1", value=1.2e12, unit="yuan")],
    )
    counts = score_document(gold, pred).counts
    assert counts["MONEY.overlap"].as_list() == [0, 0, 1]
    assert counts["QUANTITY.overlap"].as_list() == [0, 1, 0]


def test_commitment_half_overlap():
    gold = span_of(PLEDGE, "will further cut the overall clearance time")
    half = (gold[1] - gold[0]) // 2
    pred = (gold[1] - half, span_of(PLEDGE, "at ports")[1])
    assert half_overlap(gold, pred)
    assert pair_spans([gold], [pred], half_overlap) == [(0, 0)]


def test_commitment_below_half():
    gold = span_of(PLEDGE, "will further cut the overall clearance time")
    pred = (span_of(PLEDGE, "clearance time")[0], span_of(PLEDGE, "smart customs")[1])
    assert any_overlap(gold, pred)
    assert not half_overlap(gold, pred)
    assert pair_spans([gold], [pred], half_overlap) == []


def test_order_independent():
    gold = [span_of(TEXT, w) for w in ("Exports", "7.1 percent", "1.2 trillion yuan", "Customs")]
    pred = [span_of(TEXT, w) for w in ("rose 7.1", "percent to 1.2", "yuan", "General")]
    expected = {(gold[g], pred[p]) for g, p in pair_spans(gold, pred)}
    rng = random.Random(3)
    for _ in range(5):
        g2, p2 = gold[:], pred[:]
        rng.shuffle(g2)
        rng.shuffle(p2)
        assert {(g2[g], p2[p]) for g, p in pair_spans(g2, p2)} == expected


def test_claims_pair_through_anchors():
    gold = Document(
        doc_id="d",
        text=TEXT,
        mentions=[
            mention(TEXT, "PERCENT", "7.1 percent", "m1", value=7.1, unit="percent"),
            money(TEXT, "1.2 trillion yuan", "m2"),
        ],
        claims=[
            {"id": "k1", "anchor": "m1", "measure": "exports", "kind": "change"},
            {"id": "k2", "anchor": "m2", "measure": "exports", "kind": "level"},
        ],
    )
    pred = Document(
        doc_id="d",
        text=TEXT,
        mentions=[
            mention(TEXT, "PERCENT", "7.1", "m1", value=7.1, unit="percent"),
            mention(TEXT, "DATE", "the first quarter", "m2", value="2026-Q1"),
        ],
        claims=[{"id": "k1", "anchor": "m1", "measure": "Exports", "kind": "change"}],
    )
    result = score_document(gold, pred)
    # k1's anchor pairs under overlap (7.1 / 7.1 percent), so the claims pair; k2's does not.
    assert result.accuracies["claims.pair_rate"].as_list() == [1, 2]
    assert result.counts["claims"].as_list() == [1, 0, 1]


def test_doc_id_extension():
    gold = Document(doc_id="h01", text=TEXT, mentions=[money(TEXT, "1.2 trillion yuan", "m1")])
    pred = Document(doc_id="h01.txt", mentions=[money(TEXT, "1.2 trillion yuan", "m1")])
    scores = score([gold], [pred])
    assert scores.missing == [] and scores.extra == []
    assert scores.counts("MONEY.value").as_list() == [1, 0, 0]
