"""textfacts_numbers: MONEY, PERCENT and QUANTITY spans with value, unit and bound."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._spans import make_span, write_group

GROUP = "textfacts_numbers"
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


class Numbers:
    """Number-layer extractor (first cut: spaCy NER spans, simple values)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ not in ("MONEY", "PERCENT", "QUANTITY"):
                continue
            match = _NUM.search(ent.text)
            if not match:
                continue
            start = ent.start_char + match.start()
            value = float(match.group().replace(",", ""))
            attrs = {"value": value, "bound": "exact"}
            if ent.label_ == "PERCENT":
                attrs["unit"] = "percent"
            elif ent.label_ == "MONEY":
                attrs["unit"] = "USD" if "$" in ent.text or "dollar" in ent.text else "CNY"
            else:
                attrs["unit"] = ent[-1].lemma_.lower()
            span = make_span(doc, start, ent.end_char, ent.label_, attrs, mode="expand")
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc


@Language.factory("textfacts_numbers", default_config={"data_dir": None},
                  requires=["doc.ents"], assigns=["doc.spans"])
def make_numbers(nlp: Language, name: str, data_dir: str | None) -> Numbers:
    """Factory for the numbers component."""
    return Numbers(nlp, name, data_dir)
