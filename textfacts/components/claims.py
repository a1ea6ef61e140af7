"""textfacts_claims: bind each MONEY/PERCENT/QUANTITY mention to what it measures."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.extensions import state

GROUP = "textfacts_numbers"


class Claims:
    """Claim binder (first cut: one bare claim per figure)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state(doc)["claims"] = [
            {"anchor": [s.start_char, s.end_char, s.label_], "kind": "level"}
            for s in doc.spans.get(GROUP, [])
        ]
        return doc


@Language.factory("textfacts_claims", default_config={"data_dir": None},
                  requires=["doc.spans"], assigns=["doc._.textfacts_state"])
def make_claims(nlp: Language, name: str, data_dir: str | None) -> Claims:
    """Factory for the claims component."""
    return Claims(nlp, name, data_dir)
