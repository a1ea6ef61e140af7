"""Shared test helpers: offsets from substrings, grounding checks, lookups."""

from __future__ import annotations

from typing import Any

from textfacts.schema import Document


def span_of(text: str, substring: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of substring; never hand-count offsets."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(substring, start + 1)
    return start, start + len(substring)


def assert_grounded(document: Document) -> None:
    """Every span's offsets lie inside the text and select exactly its text."""
    text = document.text
    assert text is not None
    ids = {m.id for m in document.mentions}
    for item in [*document.mentions, *document.commitments]:
        assert 0 <= item.start < item.end <= len(text), item
        assert text[item.start : item.end] == item.text, item
    for claim in document.claims:
        assert claim.anchor in ids
        for ref in (claim.period, claim.speaker):
            assert ref is None or ref in ids


def find(document: Document, label: str, text: str) -> Any:
    """The first mention with this label and surface text, or None."""
    return next((m for m in document.mentions if m.label == label and m.text == text), None)


def pattern_matches(nlp: Any, pattern: list[dict[str, Any]], example: str) -> bool:
    """Whether a Matcher token pattern (a data row) matches its own example sentence."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    matcher.add("row", [pattern])
    return bool(matcher(nlp(example)))
