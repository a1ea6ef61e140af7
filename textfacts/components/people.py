"""textfacts_people: PERSON spans with role, organisation and canonical full name."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._spans import make_span, write_group

GROUP = "textfacts_people"


class People:
    """PERSON extractor (first cut: spaCy NER persons)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                attrs = {"canonical": ent.text, "role": None, "org": None}
                span = make_span(doc, ent.start_char, ent.end_char, "PERSON", attrs)
                if span is not None:
                    spans.append(span)
        write_group(doc, GROUP, spans)
        return doc


@Language.factory("textfacts_people", default_config={"data_dir": None},
                  requires=["doc.ents"], assigns=["doc.spans"])
def make_people(nlp: Language, name: str, data_dir: str | None) -> People:
    """Factory for the people component."""
    return People(nlp, name, data_dir)
