"""Shared span mechanics: snapping char matches to tokens, chrome filtering, span groups."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Literal

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from textfacts.components._context import context
from textfacts.extensions import _set_span_attrs, register, state
from textfacts.offsets import overlaps

log = logging.getLogger(__name__)
Mode = Literal["strict", "contract", "expand"]


def char_span(doc: Doc, start: int, end: int, label: str, mode: Mode = "strict") -> Span | None:
    """Snap a char interval to tokens; a match that cannot snap is dropped and logged.

    Number spans use "strict" so a number is never split; names may use "expand".
    """
    span = doc.char_span(start, end, label=label, alignment_mode=mode)
    # the span's words sliced from the text (Span.text joins its tokens)
    if span is None or not context(doc).text[span.start_char : span.end_char].strip():
        log.debug("dropped %s %r: not on token boundaries", label, doc.text[start:end])
        return None
    return span


def chrome(doc: Doc) -> list[tuple[int, int]]:
    """Char ranges of page chrome marked by the header component."""
    return [tuple(r) for r in state(doc).get("chrome", [])]


def in_chrome(doc: Doc, start: int, end: int) -> bool:
    """Whether a span touches page chrome (menus, share bars, contact lines)."""
    return context(doc).in_chrome(start, end)


def make_span(
    doc: Doc, start: int, end: int, label: str, attrs: dict[str, Any], mode: Mode = "strict"
) -> Span | None:
    """Create a labelled span carrying its JSON attributes, or None."""
    span = char_span(doc, start, end, label, mode)
    if span is not None:
        set_attrs(span, attrs)
    return span


def set_attrs(span: Span, attrs: dict[str, Any]) -> None:
    """Attach the JSON attributes (value, unit, canonical, rule ...) to a span."""
    register()
    _set_span_attrs(span, dict(attrs))  # what ``span._.textfacts = ...`` calls, without Underscore


def write_group(doc: Doc, name: str, spans: Iterable[Span], *, keep_overlaps: bool = False) -> None:
    """Write a component's span group, without chrome and (by default) without overlaps."""
    spans = [s for s in spans if not in_chrome(doc, s.start_char, s.end_char)]
    if not keep_overlaps:
        spans = filter_spans(spans)
    doc.spans[name] = sorted(spans, key=lambda s: (s.start_char, s.end_char))


def occupied(doc: Doc, groups: Iterable[str]) -> list[tuple[int, int]]:
    """Char ranges already taken by other components' span groups."""
    return [(s.start_char, s.end_char) for g in groups if g in doc.spans for s in doc.spans[g]]


def free(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a candidate interval is clear of every taken range."""
    return not any(overlaps((start, end), r) for r in ranges)
