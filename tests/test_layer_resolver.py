"""to_document's layer resolver keeps what the longest-first resolver keeps, clash or none."""

from __future__ import annotations

import random

from textfacts.offsets import longest_first
from textfacts.pipeline import _no_layer_overlaps
from textfacts.schema import layer_of

LABELS = ["DATE", "MONEY", "PERCENT", "ORG", "GPE", "PERSON"]


def _resolved_by_longest_first(items):
    return longest_first(
        items,
        lambda m: (m["start"], m["end"]),
        lambda m: (-(m["end"] - m["start"]), m["start"], m["label"]),
        lambda m: layer_of(m["label"]),
    )


def _key(m):
    return (m["start"], m["end"], m["label"], m["n"])


def test_the_resolver_keeps_what_longest_first_keeps():
    rng = random.Random(5)
    clean = 0
    for _ in range(500):
        items = []
        for n in range(rng.randint(0, 8)):
            start = rng.randrange(0, 60)
            end = start + rng.choice([0, 1, 3, 5, 9, 20])
            items.append({"start": start, "end": end, "label": rng.choice(LABELS), "n": n})
        got = sorted(_no_layer_overlaps(list(items)), key=_key)
        expected = sorted(_resolved_by_longest_first(list(items)), key=_key)
        assert got == expected, items
        clean += len(got) == len(items)
    assert 0 < clean < 500
