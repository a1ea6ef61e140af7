"""The two namespaced extensions textfacts puts on spaCy objects, registered once.

Inside a Doc only plain JSON values live (they survive ``Doc.to_bytes`` and so
``nlp.pipe(n_process=2)``); the pydantic Document is built on demand by the getter.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

STATE = "textfacts_state"
# user_data key of the text a Doc was made from (Doc.text joins every token on each access)
TEXT_KEY = "textfacts.text"


def doc_text(doc: Doc) -> str:
    """The text the Extractor made the Doc from, else ``Doc.text`` (built from the tokens).

    The stored copy is used only when it ends where the Doc's last token ends.
    """
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc):
        last = doc[-1]
        if last.idx + len(last.text_with_ws) == len(text):
            return text
    return doc.text


def register() -> None:
    """Register Doc._.textfacts_state, Doc._.textfacts and Span._.textfacts if missing."""
    if not Doc.has_extension(STATE):
        Doc.set_extension(STATE, default=None)
    if not Doc.has_extension("textfacts"):
        from textfacts.pipeline import to_document

        Doc.set_extension("textfacts", getter=lambda doc: to_document(doc))
    if not Span.has_extension("textfacts"):
        Span.set_extension("textfacts", getter=_get_span_attrs, setter=_set_span_attrs)


def _span_key(span: Span) -> tuple[str, int, int, str]:
    # spaCy keys Span._ values by char offsets alone, so a DATE and a PROGRAM on the same
    # offsets would share one dict; the label keeps each layer's attributes apart.
    return ("textfacts.span", span.start_char, span.end_char, span.label_)


def _get_span_attrs(span: Span) -> dict[str, Any] | None:
    return span.doc.user_data.get(_span_key(span))


def span_attrs(span: Span) -> dict[str, Any] | None:
    """``span._.textfacts`` without building spaCy's Underscore object (hot loops)."""
    return span.doc.user_data.get(("textfacts.span", span.start_char, span.end_char, span.label_))


def _set_span_attrs(span: Span, value: dict[str, Any] | None) -> None:
    span.doc.user_data[_span_key(span)] = value


# Where spaCy keeps a Doc extension's value in user_data; read directly on the hot path (a
# changed layout only sends every call down the registered path below).
_STATE_KEY = ("._.", STATE, None, None)


def state(doc: Doc) -> dict[str, Any]:
    """The Doc's JSON state (meta, chrome ranges, claims), created on first use."""
    value = doc.user_data.get(_STATE_KEY)
    if isinstance(value, dict):
        return value
    register()
    value = doc._.get(STATE)
    if value is None:
        value = {}
        doc._.set(STATE, value)
    return value
