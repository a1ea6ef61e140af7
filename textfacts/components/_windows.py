"""Run a token Matcher only over the stretches of a Doc where one of its patterns can match.

spaCy's Matcher starts every pattern at every token, so its cost is tokens × patterns (the
numbers component has over 200 expanded patterns). A match, though, is a run of tokens that
each satisfy some pattern token, and it begins at a token that can open a pattern. A token
that no pattern token can match ends every partial match, exactly as the end of the Doc does
(spaCy's `finish_states` and its handling of a rejecting token emit the same matches, in the
same order, with the same alignments). So the Matcher run over each such stretch, from its
first possible opening token up to the next impossible token, finds the whole-Doc matches in
the whole-Doc order: matches are emitted token by token, and the stretches are disjoint and
in text order. Patterns are kept in groups (by what opens them); each group has its own,
narrower stretches, and overlapping stretches of several groups are merged for a run of the
whole Matcher. Greedy patterns are filtered per stretch (stretches share no token) and put
back in spaCy's order.

Which tokens are possible is over-approximated from the pattern specs: a spec counts as
possibly matching every token that passes its most selective positive test (ORTH, TEXT,
LOWER or LEMMA values, a REGEX on them, a true word flag such as IS_TITLE, TAG or POS values); a
spec with no such test, or a negated one ("OP": "!"), could match anything. Over-approximation
only makes stretches longer, never drops a match.

Within a stretch only the patterns whose required tokens (specs without "?", "*" or "!") may
all be found in it can match; the stretch is run through a Matcher of just those patterns, in
the order added, built once per such subset and remembered. spaCy's Matcher starts every
pattern at every token, so this cuts its work to the few patterns a stretch can hold (a number
before "percent" never runs the dozens of currency patterns). Dropping patterns that find
nothing keeps the order of the rest: each state's successors depend on it alone, and new
states follow their parents, so the state list of the subset is the full one filtered. A
pattern may also wait for others (`add(..., when=...)`): `grouped` runs it only in a Doc where
one of them matched, for a caller to whom its matches mean nothing otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable
from functools import reduce
from operator import or_
from typing import Any

from spacy.attrs import LEMMA, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Pattern attributes whose values this module tests: the word's own text, its lower case, and
# the token's lemma and its fine-grained and coarse tags.
_ATTRS = {
    "ORTH": "ORTH",
    "TEXT": "ORTH",
    "LOWER": "LOWER",
    "LEMMA": "LEMMA",
    "TAG": "TAG",
    "POS": "POS",
}
# Attributes whose values are words: a set of them is as selective as a set of words.
_WORDS = ("ORTH", "LOWER", "LEMMA")
# Lexeme flags a spec may require to be true; each is read from the word.
_FLAGS = frozenset(
    {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT"}
    | {"IS_SPACE", "IS_CURRENCY", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
)
# Quantifiers after which a spec must consume a token; anything else may be skipped.
_REQUIRED_OPS = (None, "1", "+")


def _test(spec: dict[str, Any]) -> tuple[int, str, str, Any] | None:
    """The most selective positive test of a spec: (rank, kind, attribute, value), or None.

    A spec's tests are a conjunction, so any one of them alone admits every token the spec
    admits; word values beat regexes, which beat word flags (IS_TITLE ...), which beat tags;
    IS_ALPHA comes last.
    """
    best = None
    for key, value in spec.items():
        name = key.upper()
        attr = _ATTRS.get(name)
        test = None
        if attr is not None and isinstance(value, str):
            test = (0 if attr in _WORDS else 3, "values", attr, {value})
        elif attr is not None and isinstance(value, dict) and set(value) == {"IN"}:
            if all(isinstance(v, str) for v in value["IN"]):
                test = (0 if attr in _WORDS else 3, "values", attr, set(value["IN"]))
        elif attr is not None and isinstance(value, dict) and set(value) == {"REGEX"}:
            test = (1, "regex", attr, re.compile(value["REGEX"]))
        elif name in _FLAGS and value is True:
            test = (4 if name == "IS_ALPHA" else 2, "flag", name.lower(), True)
        if test is not None and (best is None or test[0] < best[0]):
            best = test
    return best


def opener(specs: list[dict[str, Any]]) -> str:
    """What opens a pattern, as a group name: patterns opened alike share their windows."""
    tests = []
    for spec in specs:
        test = _test(spec)
        if test is None:
            tests.append("any")
        else:
            value = sorted(test[3]) if isinstance(test[3], set) else str(test[3])
            tests.append(f"{test[1]} {test[2]} {value}")
        if spec.get("OP") in _REQUIRED_OPS:
            break
    return " | ".join(tests)


class _Tests:
    """The chosen positive tests of a set of specs, merged: value sets, regexes and flags."""

    def __init__(self) -> None:
        self.values: dict[str, set[str]] = {
            a: set() for a in ("ORTH", "LOWER", "LEMMA", "TAG", "POS")
        }
        self.regexes: dict[str, list[re.Pattern[str]]] = {a: [] for a in self.values}
        self.flags: set[str] = set()
        self.anything = False

    def add(self, spec: dict[str, Any]) -> None:
        """Add one token spec; a spec this class cannot bound makes every token possible."""
        test = None if spec.get("OP") == "!" else _test(spec)
        if test is None:
            self.anything = True
        elif test[1] == "values":
            self.values[test[2]].update(test[3])
        elif test[1] == "regex":
            self.regexes[test[2]].append(test[3])
        else:
            self.flags.add(test[2])

    def word(self, lexeme: Any) -> bool:
        """Whether a word passes one of the ORTH, LOWER or flag tests."""
        orth, lower = lexeme.orth_, lexeme.lower_
        return (
            self.anything
            or orth in self.values["ORTH"]
            or lower in self.values["LOWER"]
            or any(r.search(orth) for r in self.regexes["ORTH"])
            or any(r.search(lower) for r in self.regexes["LOWER"])
            or any(getattr(lexeme, flag) for flag in self.flags)
        )

    def tag(self, tag: str, pos: str, lemma: str) -> bool:
        """Whether a token's tags or lemma pass one of the TAG, POS or LEMMA tests."""
        return (
            tag in self.values["TAG"]
            or pos in self.values["POS"]
            or lemma in self.values["LEMMA"]
            or any(r.search(tag) for r in self.regexes["TAG"])
            or any(r.search(pos) for r in self.regexes["POS"])
            or any(r.search(lemma) for r in self.regexes["LEMMA"])
        )


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
        self.needs: dict[int, int] = {}  # bits of required tests → bits of patterns needing them
        self.conditional = 0  # bits of its patterns added with `when`


class WindowedMatcher:
    """A Matcher run only over the stretches where its patterns can match.

    Called on a Doc it gives what `Matcher(doc, with_alignments=True)` gives, in the same
    order. Patterns may be added in groups (by what opens them, say); `grouped` runs each
    group over its own, narrower stretches, with fewer patterns started at every token.
    """

    _CACHE_SIZE = 200_000  # words remembered
    _SUBSETS = 2_000  # pattern subsets (and their Matchers) remembered

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)  # every pattern, in the order added
        self.groups: dict[Hashable, _Group] = {}
        self.greedy: set[int] = set()  # keys added with a greedy filter
        # word, or tags and lemma, hashes → bits of the groups it may be inside a match of, may
        # open, and bits of the required tests it may pass
        self._words: dict[int, tuple[int, int, int]] = {}
        self._tags: dict[tuple[int, int, int], tuple[int, int, int]] = {}  # (tag, pos, lemma)
        self._tokens: dict[tuple[int, ...], tuple[int, int, int]] = {}  # both, joined
        self._patterns: list[tuple[str, list[dict[str, Any]], str | None]] = []  # as added
        self._tests: dict[str, int] = {}  # a required spec's test → its bit
        self._required: list[_Tests] = []  # each required test alone, by bit
        self._needs: dict[int, int] = {}  # as _Group.needs, over every pattern
        # (groups, tests a stretch may pass, patterns left out) → Matcher of the patterns it
        # may hold, or None
        self._subsets: dict[tuple[int, int, int], Matcher | None] = {}
        self._built: dict[int, Matcher] = {}  # bits of patterns → their Matcher
        # match key → keys one of which must have matched in a Doc for `grouped` to run it
        self.when: dict[int, frozenset[int]] = {}
        self._when: dict[int, frozenset[int]] = {}  # the same by pattern bit

    @property
    def _all(self) -> int:
        return (1 << len(self.groups)) - 1

    def add(
        self,
        key: str,
        specs: list[dict[str, Any]],
        group: Hashable = None,
        greedy: str | None = None,
        when: Collection[str] = (),
    ) -> None:
        """Add one pattern (a list of token specs) under a match key, to a group.

        `greedy` is the Matcher's filter ("LONGEST", "FIRST"); a greedy pattern may not be
        grouped, since `grouped` runs plain Matchers. `when` names patterns without whose
        match its matches mean nothing to the caller: `grouped` leaves it out of a Doc where
        none of them matched (`__call__` runs every pattern).
        """
        self.matcher.add(key, [specs], greedy=greedy)
        if greedy:
            self.greedy.add(self.vocab.strings.add(key))
        if group not in self.groups:
            self.groups[group] = _Group(self.vocab, 1 << len(self.groups))
        target = self.groups[group]
        target.matcher.add(key, [specs], greedy=greedy)
        target.keys.add(self.vocab.strings.add(key))
        pattern = 1 << len(self._patterns)
        self._patterns.append((key, specs, greedy))
        if when:
            condition = frozenset(self.vocab.strings.add(k) for k in when)
            self.when[self.vocab.strings.add(key)] = self._when[pattern] = condition
            target.conditional |= pattern
        needs = self._required_tests(specs)
        target.needs[needs] = target.needs.get(needs, 0) | pattern
        self._needs[needs] = self._needs.get(needs, 0) | pattern
        for spec in specs:
            target.inside.add(spec)
        for spec in specs:
            target.opening.add(spec)
            if spec.get("OP") in _REQUIRED_OPS:
                break
        self._words.clear()
        self._tags.clear()
        self._tokens.clear()
        self._subsets.clear()
        self._built.clear()

    def _required_tests(self, specs: list[dict[str, Any]]) -> int:
        """Bits of the tests a pattern's required specs make: a stretch must pass each one.

        A spec that may be skipped ("?", "*"), a negated one ("!") and one without a test
        this module knows require nothing.
        """
        needs = 0
        for spec in specs:
            test = _test(spec) if spec.get("OP") in _REQUIRED_OPS else None
            if test is None:
                continue
            value = sorted(test[3]) if isinstance(test[3], set) else str(test[3])
            name = f"{test[1]} {test[2]} {value}"
            if name not in self._tests:
                self._tests[name] = len(self._required)
                alone = _Tests()
                alone.add(spec)
                self._required.append(alone)
            needs |= 1 << self._tests[name]
        return needs

    def _word(self, orth: int) -> tuple[int, int, int]:
        lexeme = self.vocab[orth]
        inside = opening = 0
        for group in self.groups.values():
            if group.inside.word(lexeme):
                inside |= group.bit
            if group.opening.word(lexeme):
                opening |= group.bit
        passed = sum(1 << n for n, alone in enumerate(self._required) if alone.word(lexeme))
        return inside, opening, passed

    def _tag(self, tags: tuple[int, int, int]) -> tuple[int, int, int]:
        strings = self.vocab.strings
        tag, pos, lemma = (strings[h] if h else "" for h in tags)
        inside = opening = 0
        for group in self.groups.values():
            if group.inside.tag(tag, pos, lemma):
                inside |= group.bit
            if group.opening.tag(tag, pos, lemma):
                opening |= group.bit
        passed = sum(1 << n for n, alone in enumerate(self._required) if alone.tag(tag, pos, lemma))
        return inside, opening, passed

    def _token(self, key: tuple[int, int, int, int]) -> tuple[int, int, int]:
        """The bits of a token: those of its word and of its tags and lemma, joined."""
        word = self._words.get(key[0])
        if word is None:
            word = self._words[key[0]] = self._word(key[0])
        of_tag = self._tags.get(key[1:])
        if of_tag is None:
            of_tag = self._tags[key[1:]] = self._tag(key[1:])
        return word[0] | of_tag[0], word[1] | of_tag[1], word[2] | of_tag[2]

    def _windows(self, doc: Doc, bits: list[int]) -> tuple[list[list[tuple[int, int]]], list[int]]:
        """For each set of groups in `bits`, the token ranges that hold all their matches.

        Each (start, end) runs from the first token that may open a match in a run of tokens
        that may be inside one to the run's end. Beside them, for each token, the bits of the
        required tests it may pass.
        """
        if len(self._tokens) > self._CACHE_SIZE:
            self._words.clear()
            self._tags.clear()
            self._tokens.clear()
        known = self._tokens
        wanted = 0
        for selected in bits:
            wanted |= selected
        spans: dict[int, list[tuple[int, int]]] = {}  # group bit → windows
        starts: dict[int, int] = {}  # group bit → first opener of its current run
        passed: list[int] = []  # token → bits of the required tests it may pass
        active = 0  # groups in a run that has seen an opener
        for i, key in enumerate(map(tuple, doc.to_array([ORTH, TAG, POS, LEMMA]).tolist())):
            found = known.get(key)
            if found is None:
                found = known[key] = self._token(key)
            inside, opening, need = found
            passed.append(need)
            ended = active & ~inside
            began = opening & inside & wanted & ~active
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
        return out, passed

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges that hold every match of every pattern."""
        return self._windows(doc, [self._all])[0][0]

    def _subset(
        self, groups: int, needs: dict[int, int], passed: int, dropped: int = 0
    ) -> Matcher | None:
        """A Matcher of the patterns (of `needs`) whose required tests all pass in a stretch.

        None when no pattern can match there. Patterns keep the order they were added in;
        those in `dropped` are left out.
        """
        found = self._subsets.get((groups, passed, dropped), False)
        if found is not False:
            return found
        if len(self._subsets) > self._SUBSETS:
            self._subsets.clear()
            self._built.clear()
        patterns = 0
        for required, of_them in needs.items():
            if not required & ~passed:
                patterns |= of_them
        patterns &= ~dropped
        matcher = self._built.get(patterns) if patterns else None
        if patterns and matcher is None:
            matcher = self._built[patterns] = Matcher(self.vocab)
            for n, (key, specs, greedy) in enumerate(self._patterns):
                if patterns >> n & 1:
                    matcher.add(key, [specs], greedy=greedy)
        self._subsets[(groups, passed, dropped)] = matcher
        return matcher

    def _run(
        self,
        groups: int,
        needs: dict[int, int],
        doc: Doc,
        windows: list[tuple[int, int]],
        passed: list[int],
        with_alignments: bool = True,
        dropped: int = 0,
    ) -> list[tuple[Any, ...]]:
        """Matches of each window, from a Matcher of the patterns that may match in it."""
        out = []
        for start, end in windows:
            matcher = self._subset(groups, needs, reduce(or_, passed[start:end], 0), dropped)
            if matcher is None:
                continue
            matches = matcher(doc[start:end], with_alignments=with_alignments, allow_missing=True)
            out.extend((key, start + s, start + e, *rest) for key, s, e, *rest in matches)
        return out

    def __call__(self, doc: Doc, *, with_alignments: bool = True) -> list[tuple[Any, ...]]:
        """(match key, start, end[, alignments]) as `Matcher(doc, ...)` gives, in its order.

        spaCy lists plain matches first, in the order found, then each greedy key's kept
        matches: keys in the order of their first match, each key's longest first, then the
        leftmost. Windows never share a token, so filtering each window alone keeps what
        filtering the whole Doc keeps; only the order is put together again here.
        """
        self.matcher(doc[0:0])  # as on a whole Doc, a missing annotation read is an error
        plain: list[tuple[Any, ...]] = []
        greedy: dict[int, list[tuple[Any, ...]]] = {}
        if not len(doc):
            return plain
        (windows,), passed = self._windows(doc, [self._all])
        for start, end in windows:
            found = self._run(self._all, self._needs, doc, [(start, end)], passed, with_alignments)
            for match in found:
                if match[0] in self.greedy:
                    greedy.setdefault(match[0], []).append(match)
                else:
                    plain.append(match)
        for matches in greedy.values():
            matches.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        return plain + [m for matches in greedy.values() for m in matches]

    def grouped(self, doc: Doc) -> list[list[tuple[int, int, int, list[int]]]]:
        """The matches of each group, in the order groups were added.

        Within a group the matches come in their whole-Doc order (dropping other patterns'
        states from spaCy's state list keeps the order of the rest); across groups the
        whole-Doc order is not known, so a caller for whom it matters uses `__call__`.
        Groups with patterns added `when` run last, each such pattern only where one of the
        patterns it waits for has matched (or may yet match, in a group not run before).
        """
        if self.greedy:
            raise ValueError("grouped() runs plain Matchers: greedy patterns need __call__")
        self.matcher(doc[0:0])  # as on a whole Doc, a missing annotation read is an error
        groups = list(self.groups.values())
        if not len(doc):
            return [[] for _ in groups]
        windows, passed = self._windows(doc, [g.bit for g in groups])
        found: dict[int, list[tuple[int, int, int, list[int]]]] = {}
        matched: set[int] = set()  # keys matched in the groups run so far
        waiting = [g.bit for g in groups if g.conditional]
        for group, group_windows in sorted(
            zip(groups, windows, strict=True), key=lambda item: bool(item[0].conditional)
        ):
            dropped = self._unmet(group, matched, [g for g in groups if g.bit in waiting])
            found[group.bit] = self._run(
                group.bit, group.needs, doc, group_windows, passed, dropped=dropped
            )
            matched.update(match[0] for match in found[group.bit])
            if group.bit in waiting:
                waiting.remove(group.bit)
        return [found[g.bit] for g in groups]

    def _unmet(self, group: _Group, matched: set[int], pending: list[_Group]) -> int:
        """Bits of a group's patterns whose `when` patterns have all run and none matched.

        `pending` are the groups not run yet, the group itself among them when it has patterns
        waiting: a pattern waiting for one of those is kept.
        """
        dropped = 0
        for pattern, condition in self._when.items():
            if (
                pattern & group.conditional
                and not condition & matched
                and not any(condition & g.keys for g in pending)
            ):
                dropped |= pattern
        return dropped
