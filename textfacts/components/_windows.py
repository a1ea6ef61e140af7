"""Run a token Matcher only over the stretches of a Doc where one of its patterns can match.

spaCy's Matcher starts every pattern at every token, so its cost is tokens × patterns (the
numbers component has over 200 expanded patterns). A match, though, is a run of tokens that
each satisfy some pattern token, and it begins at a token that can open a pattern. A token
that no pattern token can match ends every partial match, exactly as the end of the Doc does
(spaCy's `finish_states` and its handling of a rejecting token emit the same matches, in the
same order, with the same alignments). So the Matcher run over each such stretch, from its
first possible opening token up to the next impossible token, finds the whole-Doc matches in
the whole-Doc order: matches are emitted token by token, and the stretches are disjoint and
in text order.

Which tokens are possible is over-approximated from the pattern specs: a spec counts as
possibly matching every token that passes one of its positive tests (ORTH, TEXT, LOWER or TAG
values, or a REGEX on them); a spec with no such test, or a negated one ("OP": "!"), could
match anything. Over-approximation only makes stretches longer, never drops a match.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import ORTH, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Pattern attributes whose values this module tests, and the token attribute each reads.
_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "TAG": "TAG"}
# Quantifiers after which a spec must consume a token; anything else may be skipped.
_REQUIRED_OPS = (None, "1", "+")


class _Tests:
    """The positive tests of a set of specs, merged per token attribute: value sets and regexes."""

    def __init__(self) -> None:
        self.values: dict[str, set[str]] = {"ORTH": set(), "LOWER": set(), "TAG": set()}
        self.regexes: dict[str, list[re.Pattern[str]]] = {"ORTH": [], "LOWER": [], "TAG": []}
        self.anything = False

    def add(self, spec: dict[str, Any]) -> None:
        """Add one token spec; a spec this class cannot bound makes every token possible."""
        if spec.get("OP") == "!":
            self.anything = True
            return
        # One positive test is enough: a spec's tests are a conjunction, so any one of them
        # alone admits every token the spec admits.
        for key, value in spec.items():
            attr = _ATTRS.get(key.upper())
            if attr is None:
                continue
            if isinstance(value, str):
                self.values[attr].add(value)
                return
            if isinstance(value, dict) and set(value) == {"IN"}:
                if not all(isinstance(v, str) for v in value["IN"]):
                    break
                self.values[attr].update(value["IN"])
                return
            if isinstance(value, dict) and set(value) == {"REGEX"}:
                self.regexes[attr].append(re.compile(value["REGEX"]))
                return
        self.anything = True

    def word(self, orth: str, lower: str) -> bool:
        """Whether a word passes one of the ORTH or LOWER tests."""
        return (
            self.anything
            or orth in self.values["ORTH"]
            or lower in self.values["LOWER"]
            or any(r.search(orth) for r in self.regexes["ORTH"])
            or any(r.search(lower) for r in self.regexes["LOWER"])
        )

    def tag(self, tag: str) -> bool:
        """Whether a fine-grained tag passes one of the TAG tests."""
        return tag in self.values["TAG"] or any(r.search(tag) for r in self.regexes["TAG"])


class WindowedMatcher:
    """A Matcher plus what its patterns can match; called like the Matcher on a whole Doc."""

    _CACHE_SIZE = 200_000  # words and tags remembered

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.inside = _Tests()  # tokens some spec of some pattern may match
        self.opening = _Tests()  # tokens that may open a match
        # word or tag hash → (may be inside a match, may open one) by that attribute
        self._words: dict[int, tuple[bool, bool]] = {}
        self._tags: dict[int, tuple[bool, bool]] = {}

    def add(self, key: str, specs: list[dict[str, Any]]) -> None:
        """Add one pattern (a list of token specs) under a match key."""
        self.matcher.add(key, [specs])
        for spec in specs:
            self.inside.add(spec)
        for spec in specs:
            self.opening.add(spec)
            if spec.get("OP") in _REQUIRED_OPS:
                break
        self._words.clear()
        self._tags.clear()

    def _word(self, orth: int) -> tuple[bool, bool]:
        lexeme = self.vocab[orth]
        text, lower = lexeme.orth_, lexeme.lower_
        return self.inside.word(text, lower), self.opening.word(text, lower)

    def _tag(self, tag: int) -> tuple[bool, bool]:
        name = self.vocab.strings[tag] if tag else ""
        return self.inside.tag(name), self.opening.tag(name)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token ranges that hold every match.

        Each runs from the first token that may open a match in a run of possible tokens to
        the run's end.
        """
        if len(self._words) > self._CACHE_SIZE:
            self._words.clear()
        words, tags = self._words, self._tags
        out: list[tuple[int, int]] = []
        start = -1  # first opener of the current run, -1 before one
        for i, (orth, tag) in enumerate(doc.to_array([ORTH, TAG]).tolist()):
            word = words.get(orth)
            if word is None:
                word = words[orth] = self._word(orth)
            of_tag = tags.get(tag)
            if of_tag is None:
                of_tag = tags[tag] = self._tag(tag)
            if not (word[0] or of_tag[0]):
                if start >= 0:
                    out.append((start, i))
                    start = -1
            elif start < 0 and (word[1] or of_tag[1]):
                start = i
        if start >= 0:
            out.append((start, len(doc)))
        return out

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, list[int]]]:
        """(match key, start, end, alignments) as `Matcher(doc, with_alignments=True)` gives."""
        # As on a whole Doc, a missing annotation the patterns read (TAG) is an error.
        self.matcher(doc[0:0])
        out = []
        for start, end in self.windows(doc) if len(doc) else []:
            matches = self.matcher(doc[start:end], with_alignments=True, allow_missing=True)
            out.extend((key, start + s, start + e, a) for key, s, e, a in matches)
        return out
