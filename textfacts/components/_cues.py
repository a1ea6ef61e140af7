"""The shape every cue row of a component's pattern file shares (claims, commitments).

Also the literal gate of a cue regex: most sentences hold none of the words a cue regex needs,
and testing for a word is far cheaper than running the regex over every position of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

try:  # the regex parser of the standard library (sre_parse before Python 3.11)
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser  # type: ignore[no-redef]


class CueRowBase(BaseModel):
    """A word list or a regex of one kind, with a genre sentence that shows it.

    Each component narrows `kind` to the kinds it reads, so a typo in a data file is an error
    naming the file and line, not a silently unused row.
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str
    words: list[str] = []
    regex: str | None = None
    canonical: str | None = None
    example: str


# The non-ASCII characters that case-insensitive matching takes for ASCII ones: İ ı ſ K
# (a test checks every code point).
ASCII_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")


class GatedRegex:
    """A compiled cue regex that is only run on a text holding a word every match contains.

    `needs` is read off the regex itself (see `needed_literals`), so the gate is one fact with
    its regex. Case-insensitive matching of an ASCII word is plain lower casing, except for the
    few other characters the regex engine folds to ASCII letters ("ſ" matches "s"): a text
    holding one of those always runs the regex.
    """

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.needs = needed_literals(pattern)

    def can_match(self, text: str) -> bool:
        """False only when no match is possible: the text lacks every needed word."""
        if self.needs is None or (not text.isascii() and any(c in text for c in ASCII_FOLDING)):
            return True
        lower = _lowered(text)
        for word in self.needs:
            if word in lower:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        """``Pattern.search``, skipped when the gate shows it cannot match."""
        return self.pattern.search(text) if self.can_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        """``Pattern.match``, skipped when the gate shows it cannot match."""
        return self.pattern.match(text) if self.can_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``Pattern.finditer``, skipped when the gate shows it cannot match."""
        return self.pattern.finditer(text) if self.can_match(text) else iter(())


_last_lowered: tuple[str, str] = ("", "")  # the last text lowered, and its lower case


def _lowered(text: str) -> str:
    """``text.lower()``, kept for the next gate: the cue regexes of a kind ask in turn.

    One tuple swapped whole, so a thread never reads one text's lower case for another's.
    """
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    _last_lowered = (text, lowered)
    return lowered


def needed_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings one of which every match contains, or None when none can be told.

    Read from the parsed regex: the first literal run (or alternation of literal runs) that
    every path through the pattern must pass. Only ASCII words are kept (see `GatedRegex`).
    """
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a private parser that changed shape: no gate
        return None
    needs = _needs(list(parsed))
    if needs is None or not all(word and word.isascii() for word in needs):
        return None
    return frozenset(word.lower() for word in needs)


def _needs(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The needed literals of one sequence of parsed regex items (each item is mandatory)."""
    run: list[str] = []
    for op, av in items:
        name = getattr(op, "name", str(op))
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            return {"".join(run)}
        found: set[str] | None = None
        if name == "SUBPATTERN" and not av[1] and not av[2]:  # a group without inline flags
            found = _needs(list(av[-1]))
        elif name == "BRANCH":
            branches = [_needs(list(branch)) for branch in av[1]]
            if all(b is not None for b in branches):
                found = set().union(*branches)  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            found = _needs(list(av[2]))
        if found:
            return found
        # anything else (a zero-width assertion, a class, an optional part) is passed over:
        # a later item of the sequence is needed just the same
    return {"".join(run)} if run else None
