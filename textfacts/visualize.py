"""displaCy views of textfacts mentions, for a Document or inside any spaCy pipeline.

spaCy's own `doc.ents` keeps the base model's labels (CARDINAL, ORDINAL...), so
`displacy.render(doc, style="ent")` would show them, not ours. `mark` puts the textfacts
names layer into `doc.ents` and both layers into one span group that displaCy's "span"
style draws (numbers and names may overlap, which `doc.ents` cannot hold).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from textfacts.schema import Document, layer_of

SPANS_KEY = "textfacts"
NAME_GROUPS = ("textfacts_entities", "textfacts_people")
NUMBER_GROUPS = ("textfacts_numbers", "textfacts_dates")
_TOKEN = re.compile(r"\S+")


def mark(doc: Doc, spans_key: str = SPANS_KEY) -> Doc:
    """Set doc.ents to the textfacts names layer and doc.spans[spans_key] to every mention."""
    names = [s for group in NAME_GROUPS for s in doc.spans.get(group, [])]
    numbers = [s for group in NUMBER_GROUPS for s in doc.spans.get(group, [])]
    doc.ents = filter_spans(names)
    doc.spans[spans_key] = sorted([*names, *numbers], key=lambda s: (s.start_char, s.end_char))
    return doc


class Display:
    """Pipeline component: runs `mark` so displaCy shows textfacts labels."""

    def __init__(self, spans_key: str):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Mark one Doc."""
        return mark(doc, self.spans_key)


@Language.factory(
    "textfacts_display",
    default_config={"spans_key": SPANS_KEY},
    requires=["doc.spans"],
    assigns=["doc.ents", "doc.spans"],
)
def make_display(nlp: Language, name: str, spans_key: str) -> Display:
    """Factory for the display component (add it last)."""
    return Display(spans_key)


def displacy_data(document: Document, style: str = "span", layer: str = "names") -> dict:
    """Build displaCy's manual input for a Document: "ent" shows one layer, "span" both.

    For "span", tokens are the text's whitespace-separated words and each mention covers the
    words it touches, so a record from any source (a JSONL line) can be drawn without spaCy
    having processed it.
    """
    text = document.text or ""
    if style == "ent":
        ents = [
            {"start": m.start, "end": m.end, "label": m.label}
            for m in document.mentions
            if layer_of(m.label) == layer
        ]
        return {"text": text, "ents": ents, "title": document.doc_id}
    if style != "span":
        raise ValueError(f"style must be 'ent' or 'span', not {style!r}")
    words = list(_TOKEN.finditer(text))
    starts = [w.start() for w in words]
    ends = [w.end() for w in words]
    spans = []
    for m in document.mentions:
        first = bisect_right(ends, m.start)  # the first word ending after the mention starts
        stop = bisect_left(starts, m.end)  # words starting before the mention ends
        if first < stop:
            spans.append({"start_token": first, "end_token": stop, "label": m.label})
    return {
        "text": text,
        "tokens": [w.group() for w in words],
        "spans": spans,
        "title": document.doc_id,
    }


def render(document: Document, style: str = "span", layer: str = "names", **kwargs: Any) -> str:
    """HTML of a Document's mentions with displaCy (`style="ent"` draws one `layer`)."""
    data = displacy_data(document, style, layer)
    return displacy.render(data, style=style, manual=True, **kwargs)
