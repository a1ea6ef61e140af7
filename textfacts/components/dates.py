"""textfacts_dates: DATE spans resolved against the publication date."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._spans import free, make_span, occupied, write_group

GROUP = "textfacts_dates"


class Dates:
    """DATE extractor (first cut: spaCy NER spans, explicit years only)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        taken = occupied(doc, ["textfacts_numbers"])
        spans = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or not free(taken, ent.start_char, ent.end_char):
                continue
            value = ent.text if ent.text.isdigit() and len(ent.text) == 4 else None
            span = make_span(doc, ent.start_char, ent.end_char, "DATE", {"value": value})
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc


@Language.factory("textfacts_dates", default_config={"data_dir": None},
                  requires=["doc.ents"], assigns=["doc.spans"])
def make_dates(nlp: Language, name: str, data_dir: str | None) -> Dates:
    """Factory for the dates component."""
    return Dates(nlp, name, data_dir)
