"""textfacts_entities: ORG, GPE, LOC, EVENT and PROGRAM spans with canonical names."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._spans import make_span, write_group

GROUP = "textfacts_entities"
_MAP = {"ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "EVENT": "EVENT", "LAW": "PROGRAM"}


class Entities:
    """Name-layer extractor (first cut: spaCy NER labels mapped to ours)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            label = _MAP.get(ent.label_)
            if label is None:
                continue
            start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
            span = make_span(doc, start, ent.end_char, label, {"canonical": doc.text[start:ent.end_char]})
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc


@Language.factory("textfacts_entities", default_config={"data_dir": None},
                  requires=["doc.ents"], assigns=["doc.spans"])
def make_entities(nlp: Language, name: str, data_dir: str | None) -> Entities:
    """Factory for the entities component."""
    return Entities(nlp, name, data_dir)
