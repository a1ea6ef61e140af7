"""textfacts_commitments: forward-looking pledges with actor, action, deadline and speaker."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._spans import write_group

GROUP = "textfacts_commitments"


class Commitments:
    """Commitment extractor (first cut: none found yet)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, GROUP, [], keep_overlaps=True)
        return doc


@Language.factory("textfacts_commitments", default_config={"data_dir": None},
                  requires=["token.dep"], assigns=["doc.spans"])
def make_commitments(nlp: Language, name: str, data_dir: str | None) -> Commitments:
    """Factory for the commitments component."""
    return Commitments(nlp, name, data_dir)
