"""Literal gates: skip a regex over a text it cannot match, found by a substring test.

The date rows are some fifty regexes, each run over the whole text; each opens with a
lookbehind, which keeps Python's engine from skipping ahead, so each costs about 20 ns a
character even where it finds nothing. Most need a word the text may not hold at all
("quarter", "Five-Year Plan", "holiday"). `gate` reads from a regex's parse tree a few sets
of strings such that every match contains one string of each set; `Folded.may_match` tests
them with `in` on the text folded as the regex engine compares characters (lower case, plus
the engine's extra case equivalences such as "ſ" for "s"). A gate is only a necessary
condition: when it passes, the regex runs as before, so results never change.

Where every match of a regex begins with one of a few strings (a month name, "19" or "20"),
`Folded.finditer` tries the regex only where one of them begins in the folded text, in text
order from the end of the last match: the very matches `finditer` finds scanning every
position, since a match can begin nowhere else (lookbehinds still see the text before).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

try:  # Python 3.11+
    from re import _casefix, _parser  # type: ignore[attr-defined]

    _EXTRA_CASES: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
except ImportError:  # Python 3.10
    import sre_compile as _compile  # type: ignore[import-not-found]
    import sre_parse as _parser  # type: ignore[no-redef]

    _EXTRA_CASES = _compile._ignorecase_fixes
from _sre import unicode_tolower

_C = _parser  # opcodes are exported by the parser module in every supported version
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT))
_KEEP = 2  # sets tested per regex: the two most selective
Gate = tuple[frozenset[str], ...]

_folds: dict[int, str] = {}


def fold_char(code: int) -> str:
    """The character the regex engine compares a character as, case ignored: one per class."""
    folded = _folds.get(code)
    if folded is None:
        lower = unicode_tolower(code)
        folded = _folds[code] = chr(min((lower, *_EXTRA_CASES.get(lower, ()))))
    return folded


def fold(text: str) -> str:
    """The text with every character folded; plain lower case for an ASCII text."""
    if text.isascii():
        return text.lower()  # ASCII letters have no equivalents below 128 but themselves
    return text.translate({ord(c): fold_char(ord(c)) for c in set(text)})


def _sets(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    """String sets, each with one member in any text the sequence of parse items matches."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _C.LITERAL:
            run.append(fold_char(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is _C.SUBPATTERN:
            found.extend(_sets(av[-1]))
        elif op is _C.BRANCH:
            alternatives = [_best(_sets(alt)) for alt in av[1]]
            if all(alternatives):
                found.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_sets(av[2]))
        elif op is _C.ASSERT:  # a positive lookaround's text is in the string too
            found.extend(_sets(av[1]))
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            found.extend(_sets(av))
    return found


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings))


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    return max(sets, key=_selectivity) if sets else None


def _zero_width(items: Sequence[tuple[Any, Any]]) -> bool:
    """Whether parse items only assert (lookarounds, anchors) and never consume a character."""
    return all(
        op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT)
        or (op is _C.BRANCH and all(_zero_width(alt) for alt in av[1]))
        for op, av in items
    )


def _starts(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """Folded strings one of which every text the parse items match begins with; None if unknown."""
    for n, (op, av) in enumerate(items):
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue
        if op is _C.BRANCH and all(_zero_width(alt) for alt in av[1]):
            continue  # "(?:(?<=mid-)|(?<!\w))": a choice of lookbehinds
        if op is _C.LITERAL:
            run = []
            for next_op, next_av in items[n:]:
                if next_op is not _C.LITERAL:
                    break
                run.append(fold_char(next_av))
            return frozenset(["".join(run)])
        if op is _C.IN and all(item_op is _C.LITERAL for item_op, _ in av):
            return frozenset(fold_char(code) for _, code in av)
        if op is _C.SUBPATTERN:
            return _starts(av[-1])
        if op is getattr(_C, "ATOMIC_GROUP", None):
            return _starts(av)
        if op in _REPEATS and av[0] >= 1:
            return _starts(av[2])
        if op is _C.BRANCH:
            alternatives = [_starts(alt) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            return frozenset().union(*alternatives)  # type: ignore[arg-type]
        return None
    return None


def starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Folded strings every match of the pattern begins with; None when the parse cannot say."""
    if pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an engine change we do not know: every position stays possible
        return None
    return _starts(list(tree))


def gate(pattern: re.Pattern[str]) -> Gate:
    """The most selective string sets every match of the pattern has a member of; () if none."""
    if pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an engine change we do not know: no gate, the regex simply runs
        return ()
    sets = sorted(set(_sets(list(tree))), key=_selectivity, reverse=True)
    return tuple(sets[:_KEEP])


class Folded:
    """A text folded once, against which many gates are tested."""

    def __init__(self, text: str):
        self.folded = fold(text)
        self._found: dict[frozenset[str], bool] = {}  # gates share sets (month names, years)
        self._at: dict[frozenset[str], list[int]] = {}  # so do starts

    def may_match(self, gate: Gate) -> bool:
        """False only when no match of the gated regex can exist in the text."""
        for strings in gate:
            found = self._found.get(strings)
            if found is None:
                found = self._found[strings] = any(map(self.folded.__contains__, strings))
            if not found:
                return False
        return True

    def positions(self, strings: frozenset[str]) -> list[int]:
        """Where one of the strings begins in the folded text, in order."""
        found = self._at.get(strings)
        if found is None:
            at: set[int] = set()
            for string in strings:
                i = self.folded.find(string)
                while i >= 0:
                    at.add(i)
                    i = self.folded.find(string, i + 1)
            found = self._at[strings] = sorted(at)
        return found

    def finditer(
        self, pattern: re.Pattern[str], text: str, begins: frozenset[str] | None
    ) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, for the text this was folded from, run only where it may.

        A match may begin only where one of `begins` (the strings each match begins with, from
        `starts`) does; None: anywhere.
        """
        if begins is None:
            yield from pattern.finditer(text)
            return
        end = 0
        for i in self.positions(begins):
            if i < end:
                continue
            found = pattern.match(text, i)
            if found is not None:
                yield found
                end = found.end()
