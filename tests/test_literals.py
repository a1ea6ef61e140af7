"""Literal gates never skip a regex that would have matched (textfacts.literals)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textfacts.literals import Folded, fold, fold_char, gate, starts

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Characters the engine folds onto ASCII letters: dotted and dotless i, long s, Kelvin sign.
ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u00b5", "\u03bc", "’", "–"]


def test_an_ascii_text_folds_to_lower_case():
    text = "".join(map(chr, range(128)))
    assert fold(text) == text.lower() == "".join(fold_char(ord(c)) for c in text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("(?i)kiss", "K\u0130SS"),
        ("(?i)list", "LI\u017fT"),
        ("(?i)kilo", "\u212ailo"),
        ("(?i)micro\u00b5", "MICRO\u03bc"),
        ("(?-i:March)", "in March"),
    ],
)
def test_engine_case_equivalences_pass_the_gate(pattern, text):
    compiled = re.compile(pattern)
    assert compiled.search(text)
    assert Folded(text).may_match(gate(compiled))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?i)(?<![\w-])(?:this|next)\s+quarter(?![\w-])", "exports rose in March"),
        (r"(?i)\bfirst\s+(?:half|\d+\s+months)\b", "the second half"),
        (r"(?<=\bin )(?P<yr>(?:19|20)\d{2})", "in the year"),
    ],
)
def test_a_text_without_the_words_skips_the_regex(pattern, text):
    assert not Folded(text).may_match(gate(re.compile(pattern)))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d+", ()),
        (r"x*y?", ()),
        (r"(?!foo)\w+", ()),  # a negative lookahead requires nothing
        (r"(?i)(?:a|)B", (frozenset({"b"}),)),  # an empty alternative requires nothing
        (r"(?:ab|cd)e{2,}", (frozenset({"ab", "cd"}), frozenset({"e"}))),
        (r"(?=Jan)\w+uary", (frozenset({"uary"}), frozenset({"jan"}))),
    ],
)
def test_gates_read_from_the_parse_tree(pattern, expected):
    assert gate(re.compile(pattern)) == expected
    assert Folded("").may_match(gate(re.compile(pattern))) == (expected == ())


def test_every_date_row_passes_its_own_example(extractor):
    dates = extractor.nlp.get_pipe("textfacts_dates")
    assert dates.gates and any(dates.gates)
    for (row, pattern), row_gate in zip(dates.compiled, dates.gates, strict=True):
        if pattern.search(row.example):
            assert Folded(row.example).may_match(row_gate), row.id


WORDS = st.sampled_from(
    [
        "first",
        "quarter",
        "Half",
        "the",
        "same",
        "period",
        "last",
        "YEAR",
        "years",
        "Five-Year Plan",
        "March",
        "may",
        "2025",
        "19",
        "-",
        "to",
        "end",
        "of",
        "today (",
        "3rd",
        ")",
        "holiday",
        "Spring Festival",
        *ODD,
    ]
)


@SETTINGS
@given(st.lists(WORDS, max_size=12), st.sampled_from(["", " ", "  "]))
def test_a_gated_date_row_never_had_a_match(extractor, words, glue):
    text = glue.join(words) if glue else " ".join(words).upper()
    folded = Folded(text)
    dates = extractor.nlp.get_pipe("textfacts_dates")
    for (row, pattern), row_gate in zip(dates.compiled, dates.gates, strict=True):
        if not folded.may_match(row_gate):
            assert pattern.search(text) is None, row.id


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d+", None),
        (r"(?<![\w-])(?:19|20)\d{2}", frozenset({"19", "20"})),
        (r"(?:(?<=mid-)|(?<!\w))(?i:March|June)\b", frozenset({"march", "june"})),
        (r"(?i:March|May)", frozenset({"ma"})),  # the parser takes a shared prefix out
        (r"(?=Jan)\w+", None),  # a lookahead begins nothing: the \w does
        (r"(?:a|)b", None),  # an empty alternative begins nothing
        (r"x?y", None),
        (r"(?i)[QK]\d", frozenset({"q", "k"})),
        (r"[^q]x", None),
        (r"(?:end)+ of", frozenset({"end"})),
    ],
)
def test_starts_read_from_the_parse_tree(pattern, expected):
    assert starts(re.compile(pattern)) == expected


@SETTINGS
@given(st.lists(WORDS, max_size=12), st.sampled_from(["", " ", "  "]))
def test_date_rows_tried_where_a_match_may_begin_find_every_match(extractor, words, glue):
    text = glue.join(words) if glue else " ".join(words).upper()
    folded = Folded(text)
    dates = extractor.nlp.get_pipe("textfacts_dates")
    assert any(begins is not None for begins in dates.starts)
    for (row, pattern), begins in zip(dates.compiled, dates.starts, strict=True):
        found = [(m.span(), m.groupdict()) for m in folded.finditer(pattern, text, begins)]
        assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], row.id


def test_a_match_begins_right_where_the_last_one_ends():
    pattern = re.compile(r"(?i)(?<![c-z])ab(?:ab)?")
    text = "abababx ab xab AB"
    folded = Folded(text)
    found = [m.span() for m in folded.finditer(pattern, text, starts(pattern))]
    assert (
        found == [m.span() for m in pattern.finditer(text)] == [(0, 4), (4, 6), (8, 10), (15, 17)]
    )
