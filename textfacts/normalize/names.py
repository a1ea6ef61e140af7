"""Pure helpers for the name layer: span trimming, canonical forms and short-name keys.

Names in GAC/SCIO/Xinhua releases arrive with furniture that the guideline keeps outside the
span (a leading "the", a possessive 's, enclosing quotation marks, a line break inside a photo
credit) and in spelling variants that one canonical name must unify ("14th Five Year Plan" and
"14th Five-Year Plan"; '"Smart Customs" Partnership Program' and "Smart Customs Partnership
Program").
"""

from __future__ import annotations

import re

QUOTES = "\"'“”‘’«»"
_OPENING = "\"“‘'«"
_CLOSING = "\"”’'»"
_ARTICLES = ("the ", "The ", "THE ")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
_EDGE_PUNCT = ",.;:!?()[]{}|/-–—"
_ABBREVIATIONS = frozenset({"co.", "ltd.", "inc.", "corp.", "bros."})
_SPACES = re.compile(r"\s+")
_FIVE_YEAR = re.compile(r"\bfive[\s-]*year\s+plan\b", re.IGNORECASE)
_ORDINAL_WORDS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
    "thirteenth": "13th",
    "fourteenth": "14th",
    "fifteenth": "15th",
    "sixteenth": "16th",
    "seventeenth": "17th",
    "eighteenth": "18th",
    "nineteenth": "19th",
    "twentieth": "20th",
}
_ORDINAL_DIGITS = re.compile(r"^\d{1,3}(st|nd|rd|th)$", re.IGNORECASE)


def trim_name(text: str) -> tuple[int, int]:
    """Offsets of the name inside a raw match: 'the "GAC’s' → the slice holding 'GAC'.

    Keeps the longest line when a match runs across line breaks (NER spans cross headline
    breaks), cuts before an unclosed bracket, drops a leading article, a trailing possessive,
    edge punctuation and quotation marks that do not pair with one inside the name.
    """
    start, end = 0, len(text)
    if "\n" in text:
        pos, best = 0, (0, 0)
        for line in text.split("\n"):
            if len(line.strip()) > best[1] - best[0]:
                best = (pos, pos + len(line))
            pos += len(line) + 1
        start, end = best
    for opening, closing in ("()", "[]"):
        piece = text[start:end]
        if opening in piece and closing not in piece[piece.index(opening) :]:
            end = start + piece.index(opening)
    changed = True
    while changed and start < end:
        changed = False
        piece = text[start:end]
        stripped = piece.strip()
        if stripped != piece:
            start += len(piece) - len(piece.lstrip())
            end = start + len(stripped)
            changed = True
            continue
        if piece.startswith(_ARTICLES):
            start += 4
            changed = True
            continue
        if piece.endswith(_POSSESSIVES):
            end -= 2
            changed = True
            continue
        if (
            piece[-1] in "'’"
            and len(piece) > 1
            and piece[-2].isalpha()
            and piece.count(piece[-1]) == 1
        ):
            end -= 1  # plural possessive: "the General Administration of Customs' regulations"
            changed = True
            continue
        if piece[0] in _EDGE_PUNCT:
            start += 1
            changed = True
            continue
        if piece[-1] in _EDGE_PUNCT and not _keeps_final_period(piece):
            end -= 1
            changed = True
            continue
        if piece[0] in _OPENING and not any(c in _CLOSING for c in piece[1:]):
            start += 1
            changed = True
            continue
        if piece[-1] in _CLOSING and not any(c in _OPENING for c in piece[:-1]):
            end -= 1
            changed = True
            continue
        if piece[0] in _OPENING and piece[-1] in _CLOSING and _inner_quotes(piece) == 0:
            start += 1
            end -= 1
            changed = True
    return start, end


def _keeps_final_period(piece: str) -> bool:
    """An abbreviation keeps its final period: "U.S.", "Co.", "Ltd."."""
    if not piece.endswith("."):
        return False
    last = piece.split(" ")[-1]
    return last.count(".") > 1 or last.lower() in _ABBREVIATIONS


def _inner_quotes(piece: str) -> int:
    """Quotation marks strictly inside a piece whose both ends are quotes."""
    return sum(1 for c in piece[1:-1] if c in QUOTES and c not in "'’")


def canonical_form(text: str) -> str:
    """A readable canonical name: '"Smart Customs" Partnership Program' → without the quotes.

    Quotation marks and doubled spaces go; "Five Year Plan" gets its hyphen.
    """
    cleaned = "".join(c for c in text if c not in '"“”«»')
    cleaned = _SPACES.sub(" ", cleaned).strip()
    return _FIVE_YEAR.sub("Five-Year Plan", cleaned)


def five_year_plan(text: str) -> str:
    """Canonical plan name: "14th Five Year Plan" → "14th Five-Year Plan"; "Fourteenth" → "14th"."""
    words = _SPACES.sub(" ", text.strip()).split(" ")
    if words and words[0].lower() in _ORDINAL_WORDS:
        words[0] = _ORDINAL_WORDS[words[0].lower()]
    return canonical_form(" ".join(words))


def customs_office(text: str) -> str:
    """Canonical name of a local customs office: "Haikou Customs District" → "Haikou Customs"."""
    cleaned = canonical_form(text)
    return cleaned.removesuffix(" District") if cleaned.endswith("Customs District") else cleaned


def has_five_year_plan(text: str) -> bool:
    """Whether a title names a Five-Year Plan: "14th Five Year Plan for ..." → True."""
    return bool(_FIVE_YEAR.search(text))


def is_ordinal(word: str) -> bool:
    """Whether a token is an ordinal written as digits or a word: "20th", "Seventh" → True."""
    return bool(_ORDINAL_DIGITS.match(word)) or word.lower() in _ORDINAL_WORDS


def lookup_key(text: str) -> str:
    """Key for case-tolerant gazetteer lookups: "CHINA  DAILY" → "china daily"."""
    return _SPACES.sub(" ", text).strip().casefold()


def short_keys(full_name: str) -> list[str]:
    """Forms a later reference may take: "Yu Jianhua" → ["Yu", "Jianhua"]; one-word names → [].

    Chinese names put the family name first ("Sun said"), Western ones last ("Smith said");
    both ends are offered and the caller drops keys that two people share.
    """
    parts = [p for p in _SPACES.split(full_name.strip()) if p]
    if len(parts) < 2:
        return []
    keys = [parts[0], parts[-1]]
    return [k for k in dict.fromkeys(keys) if len(k) > 1 and k[0].isupper()]


def title_case(text: str) -> str:
    """Title-case an all-caps name: "BEIJING" → "Beijing" (datelines, photo credits)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))


def is_title_phrase(words: list[str], minor: frozenset[str]) -> bool:
    """Whether the words read as a Title-Case name (minor words such as "of", "the" may stay lower).

    Used for quoted document names: "Measures to Further Optimize the Port ..." → True,
    "one declaration, one inspection" → False.
    """
    content = [
        w
        for n, w in enumerate(words)
        if any(c.isalpha() for c in w) and not (n and words[n - 1] in ("-", "–"))
    ]  # "Cross-border" keeps its lowercase half
    if not content or not content[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in minor or not w[:1].isalpha() for w in content)
