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
from collections.abc import Hashable
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


def _union(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping windows of several groups merged, in text order.

    A window ends at a token no pattern of its group can match; merged windows end at one
    no pattern of any of the groups can match, because overlapping windows lie in one run of
    tokens the union may match, and the union's run ends where the last of them ends.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Group:
    """Patterns run together: their own Matcher and what they can match."""

    def __init__(self, vocab: Vocab, bit: int):
        self.matcher = Matcher(vocab)
        self.inside = _Tests()  # tokens some spec of some pattern may match
        self.opening = _Tests()  # tokens that may open a match
        self.bit = bit
        self.keys: set[int] = set()  # match keys of its patterns


class WindowedMatcher:
    """A Matcher run only over the stretches where its patterns can match.

    Called on a Doc it gives what `Matcher(doc, with_alignments=True)` gives, in the same
    order. Patterns may be added in groups (by what opens them, say); `grouped` runs each
    group over its own, narrower stretches, with fewer patterns started at every token.
    """

    _CACHE_SIZE = 200_000  # words remembered

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)  # every pattern, in the order added
        self.groups: dict[Hashable, _Group] = {}
        # word or tag hash → bits of the groups it may be inside a match of, and may open
        self._words: dict[int, tuple[int, int]] = {}
        self._tags: dict[int, tuple[int, int]] = {}

    @property
    def _all(self) -> int:
        return (1 << len(self.groups)) - 1

    def add(self, key: str, specs: list[dict[str, Any]], group: Hashable = None) -> None:
        """Add one pattern (a list of token specs) under a match key, to a group."""
        self.matcher.add(key, [specs])
        if group not in self.groups:
            self.groups[group] = _Group(self.vocab, 1 << len(self.groups))
        target = self.groups[group]
        target.matcher.add(key, [specs])
        target.keys.add(self.vocab.strings.add(key))
        for spec in specs:
            target.inside.add(spec)
        for spec in specs:
            target.opening.add(spec)
            if spec.get("OP") in _REQUIRED_OPS:
                break
        self._words.clear()
        self._tags.clear()

    def _word(self, orth: int) -> tuple[int, int]:
        lexeme = self.vocab[orth]
        text, lower = lexeme.orth_, lexeme.lower_
        inside = opening = 0
        for group in self.groups.values():
            if group.inside.word(text, lower):
                inside |= group.bit
            if group.opening.word(text, lower):
                opening |= group.bit
        return inside, opening

    def _tag(self, tag: int) -> tuple[int, int]:
        name = self.vocab.strings[tag] if tag else ""
        inside = opening = 0
        for group in self.groups.values():
            if group.inside.tag(name):
                inside |= group.bit
            if group.opening.tag(name):
                opening |= group.bit
        return inside, opening

    def _windows(self, doc: Doc, bits: list[int]) -> list[list[tuple[int, int]]]:
        """For each set of groups in `bits`, the token ranges that hold all their matches.

        Each (start, end) runs from the first token that may open a match in a run of tokens
        that may be inside one to the run's end.
        """
        if len(self._words) > self._CACHE_SIZE:
            self._words.clear()
        words, tags = self._words, self._tags
        wanted = 0
        for selected in bits:
            wanted |= selected
        spans: dict[int, list[tuple[int, int]]] = {}  # group bit → windows
        starts: dict[int, int] = {}  # group bit → first opener of its current run
        active = 0  # groups in a run that has seen an opener
        for i, (orth, tag) in enumerate(doc.to_array([ORTH, TAG]).tolist()):
            word = words.get(orth)
            if word is None:
                word = words[orth] = self._word(orth)
            of_tag = tags.get(tag)
            if of_tag is None:
                of_tag = tags[tag] = self._tag(tag)
            inside = word[0] | of_tag[0]
            ended = active & ~inside
            began = (word[1] | of_tag[1]) & inside & wanted & ~active
            while ended:
                bit = ended & -ended
                spans.setdefault(bit, []).append((starts.pop(bit), i))
                ended ^= bit
            active &= inside
            active |= began
            while began:
                bit = began & -began
                starts[bit] = i
                began ^= bit
        for bit, start in starts.items():
            spans.setdefault(bit, []).append((start, len(doc)))
        out = []
        for selected in bits:
            windows = [w for bit, found in spans.items() if bit & selected for w in found]
            out.append(_union(windows) if len(windows) > 1 else windows)
        return out

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges that hold every match of every pattern."""
        return self._windows(doc, [self._all])[0]

    @staticmethod
    def _run(
        matcher: Matcher, doc: Doc, windows: list[tuple[int, int]]
    ) -> list[tuple[int, int, int, list[int]]]:
        out = []
        for start, end in windows:
            matches = matcher(doc[start:end], with_alignments=True, allow_missing=True)
            out.extend((key, start + s, start + e, a) for key, s, e, a in matches)
        return out

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, list[int]]]:
        """(match key, start, end, alignments) as `Matcher(doc, with_alignments=True)` gives."""
        self.matcher(doc[0:0])  # as on a whole Doc, a missing annotation read is an error
        return self._run(self.matcher, doc, self.windows(doc) if len(doc) else [])

    def grouped(self, doc: Doc) -> list[list[tuple[int, int, int, list[int]]]]:
        """The matches of each group, in the order groups were added.

        Within a group the matches come in their whole-Doc order (dropping other patterns'
        states from spaCy's state list keeps the order of the rest); across groups the
        whole-Doc order is not known, so a caller for whom it matters uses `__call__`.
        """
        self.matcher(doc[0:0])  # as on a whole Doc, a missing annotation read is an error
        groups = list(self.groups.values())
        windows = self._windows(doc, [g.bit for g in groups]) if len(doc) else [[] for _ in groups]
        return [self._run(g.matcher, doc, w) for g, w in zip(groups, windows, strict=True)]
