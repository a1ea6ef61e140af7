"""Commitments' per-Doc memos answer as the plain computation does, in any order."""

from __future__ import annotations

import pytest

from textfacts.components.commitments import _conjuncts, _find_conjuncts

TEXTS = [
    "Customs will simplify procedures, cut fees and expand pilot zones by 2027, and the GAC "
    "plans to open two lanes in May and extend hours from July 1.",
    "By the end of 2026, we will further deepen reform, strengthen supervision, and support "
    "exporters, officials said on Monday. Ports will be upgraded next year.",
    "The measures include extending credit, cutting inspection times and adding 20 lanes. "
    "In the second half, Shenzhen Customs will launch a platform and help firms in 2030.",
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
