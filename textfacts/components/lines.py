"""textfacts_lines: a line break ends a sentence, before the parser runs.

Releases put the headline, the byline, the "Published:" line, the dateline and each transcript
turn label on lines of their own, without a full stop. Left to itself the parser runs a headline
into the byline and the first body sentence ("China-Africa trade climbs 6.8% ... By Global Times
Published: ... China's trade with Africa reached ..."), and a figure of the body then hangs on the
headline's verb. Marking the token after a line break as a sentence start keeps each line's
parse to itself; the parser honours sentence starts set before it.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


class Lines:
    """Sets `is_sent_start` on the first token of every line."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark line starts; tokens inside a line keep whatever the parser decides.

        Written in one array, not token by token: each `token.is_sent_start = ...` checks
        the whole Doc's annotation state, which made this quadratic in the text's length.
        """
        starts = doc.to_array([SENT_START])
        marked = False
        before = None  # a line break is a space token of its own
        for token in doc:
            if (
                before is not None
                and not token.is_space
                and before.is_space
                and "\n" in before.text
            ):
                starts[token.i] = 1
                marked = True
            before = token
        if marked:
            doc.from_array([SENT_START], starts)
        return doc


@Language.factory("textfacts_lines", default_config={}, assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> Lines:
    """Factory for the line-break component (placed before the parser)."""
    return Lines(nlp, name)
