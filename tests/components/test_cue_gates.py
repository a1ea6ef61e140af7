"""A cue regex's literal gate never hides a match: gated and plain regexes agree."""

from __future__ import annotations

import itertools
import json
import random
import re

import pytest

from textfacts.components._cues import ASCII_FOLDING, GatedRegex, needed_literals
from textfacts.resources import data_path

SENTENCES = [
    "Imports rose 5.4 percent from a year earlier, compared with 3.1 percent in the previous "
    "quarter, while exports grew 2.3 times the volume in 2029.",
    "The bonded zone handled an annual average of 310 million tons, accounting for 13 percent "
    "of the total, up 6 percent year on year.",
    "Clearance was 3.2 hours SHORTER THAN in 2024; on average, about 40 firms a day applied.",
    "Trade with ASEAN, which made up 15% of total trade, grew faster than trade with the EU "
    "versus the same period of last year.",
    "Seizures since 2012 have nearly doubled over 2012, relative to the level in 2015.",
    "The port serves 4,000 firms per year and monthly volumes hit a record.",
    "Exports rose 4 percent. Year-On-Year growth slowed, the GAC said on Tuesday.",
    "No figure here at all, only words about customs cooperation.",
    "Ports ſince 2012 and the KELVIN \u212a scale: “up 3 percent” — year on year.",
]


def _rows() -> list[dict]:
    rows = []
    for name in ("patterns/claims.jsonl", "patterns/commitments.jsonl"):
        with open(data_path(None, name), encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r.get("regex")]


def _texts(extra: list[str]) -> list[str]:
    texts = SENTENCES + extra
    out = []
    for text in texts:
        out += [text, text.lower(), text.upper()]
        out += [text[i : i + 60] for i in range(0, len(text), 17)]  # windows, as binders cut
    rng = random.Random(7)
    words = " ".join(texts).split()
    out += [" ".join(rng.choices(words, k=rng.randint(1, 12))) for _ in range(300)]
    return out


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_the_gate_agrees_with_the_plain_regex(row):
    plain = re.compile(row["regex"], re.I)
    gated = GatedRegex(plain)
    for text in _texts([row["example"]]):
        if not gated.can_match(text):
            assert plain.search(text) is None, text
        found = gated.search(text)
        expected = plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        assert [m.span() for m in gated.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_the_comparison_and_share_cues_have_a_gate():
    for row in _rows():
        if row["kind"] in ("comparison", "share"):
            assert needed_literals(re.compile(row["regex"], re.I)), row["id"]


@pytest.mark.parametrize(
    ("regex", "needs"),
    [
        (r"\bfoo(?:bar)?\b", {"foo"}),
        (r"(?:a |the )?Share of", {"share of"}),
        (r"(?P<base>year|month)[- ]on", {"year", "month"}),
        (r"[ab]c+d", {"c"}),  # a repeat that must occur once counts
        (r"\s*(?:xa|yb)+z", {"xa", "yb"}),
        (r"x*", None),
        (r"(?:a|)b?", None),
        (r"(?-i:Abc)", None),
        (r"€ or more", None),
        (r"\d+", None),
    ],
)
def test_needed_literals_are_read_off_the_regex(regex, needs):
    got = needed_literals(re.compile(regex, re.I))
    assert (set(got) if got is not None else None) == needs


def test_text_with_a_character_folded_to_ascii_always_runs_the_regex():
    gated = GatedRegex(re.compile(r"\bsince\b", re.I))
    assert gated.can_match("ſince 2012")
    assert gated.search("ſince 2012") is not None  # re.I folds the long s, lower() does not
    assert not gated.can_match("from 2012")
    assert not gated.can_match("from “2012”")  # other non-ASCII text is gated as well
    assert gated.search("SINCE “2012”") is not None
    assert list(itertools.islice(gated.finditer("from 2012"), 1)) == []


def test_the_folded_characters_are_all_that_case_insensitive_matching_folds_to_ascii():
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    folded = set()
    for char in map(chr, range(128)):
        folded |= set(re.findall(re.escape(char), others, re.I))
    assert folded == set(ASCII_FOLDING)


def test_the_kept_lower_case_belongs_to_the_text_asked_about():
    from textfacts.components._cues import _lowered

    first, second = "Compared WITH 2029", "Up 5% OVER 2012"
    for text in (first, second, first, first, second):
        assert _lowered(text) == text.lower()
    same = "".join(["Since ", "2012"])
    assert _lowered(same) is _lowered(same)
