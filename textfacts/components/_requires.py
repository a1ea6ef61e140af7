"""What each textfacts component needs before it, checked on the Doc it is given.

Added to someone else's pipeline (`spacy.blank("en")`, a pipeline without a parser), a
component would otherwise fail with spaCy's raw E155 or return nothing without a word.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

# Token annotations, as spaCy's `requires` names them: (has_annotation key, who provides it).
ANNOTATIONS = {
    "token.pos": ("POS", "a tagger + attribute_ruler (or a morphologizer)"),
    "token.tag": ("TAG", "a tagger"),
    "token.dep": ("DEP", "a dependency parser"),
    "doc.ents": ("ENT_IOB", "an entity recognizer (ner)"),
}
HINT = (
    "add it after a trained pipeline, e.g. nlp = spacy.load('en_core_web_sm'); "
    "nlp.add_pipe('{name}'), with the textfacts components it reads before it, "
    "or use textfacts.load(), which builds the whole pipeline"
)


def check(doc: Doc, name: str, needs: Iterable[str] = (), layers: Iterable[str] = ()) -> None:
    """Raise ValueError naming what `name` needs that this Doc lacks (an empty Doc needs nothing).

    `needs` are spaCy attribute names (``token.dep``); `layers` are the span groups of the
    textfacts components that must run first.
    """
    if not len(doc):
        return
    missing = [
        f"{ANNOTATIONS[need][1]} ({need})"
        for need in needs
        if not doc.has_annotation(ANNOTATIONS[need][0])
    ]
    missing += [f"the {layer} component" for layer in layers if layer not in doc.spans]
    if missing:
        raise ValueError(
            f"{name} needs {' and '.join(missing)} earlier in the pipeline; "
            + HINT.format(name=name)
        )
