"""Numbers as written to floats: digits with separators, scale words, number words.

Tables (scales, number words) are the model's lexicons; the default is the bundled
``customs-en`` model, read once. No spaCy here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from textfacts.resources import data_path, read_tsv

# A digit figure as the genre writes it: "6,000", "1,234.5", "-2.1", "+3", "43.85".
# U+2212 MINUS SIGN and the en dash stand for a minus in copy pasted from PDFs.
# CGTN transcripts spell decimals out: "1-point-5 trillion dollars", "8-point-4 percent".
# Wire copy drops the leading zero: ".001 per cent".
# Machine-translated GAC releases separate the last group with a space: "2,517 300 million".
NUMBER = re.compile(
    r"^[+\-\u2212\u2013]?(?:(?:\d{1,3}(?:,\d{3})+(?: \d{3})*|\d+)(?:\.\d+|-point-\d+)?"
    r"|\.\d+)$"
)
# A year written alone: 1800-2199, four digits, no separator. Years are DATE, never QUANTITY.
YEAR = re.compile(r"^(?:18|19|20|21)\d\d$")


class ScaleRow(BaseModel):
    """One row of lexicons/scales.tsv."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    multiplier: float
    example: str


class NumberWordRow(BaseModel):
    """One row of lexicons/number_words.tsv."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    value: float
    kind: str
    example: str


@lru_cache(maxsize=8)
def scale_table(data_dir: str | None = None) -> dict[str, float]:
    """Scale word → multiplier, from lexicons/scales.tsv: {"trillion": 1e12, "bn": 1e9, ...}."""
    rows = read_tsv(data_path(data_dir, "lexicons/scales.tsv"), ScaleRow)
    return {row.surface.lower(): row.multiplier for row in rows}


@lru_cache(maxsize=8)
def number_word_table(data_dir: str | None = None) -> dict[str, tuple[float, str]]:
    """Number word → (value, kind), from lexicons/number_words.tsv: {"two": (2.0, "cardinal")}."""
    rows = read_tsv(data_path(data_dir, "lexicons/number_words.tsv"), NumberWordRow)
    return {row.surface.lower(): (row.value, row.kind) for row in rows}


def is_number(surface: str) -> bool:
    """Whether a token is a digit figure: "1,234.5" → True, "18th" → False."""
    return bool(NUMBER.match(surface))


def is_year(surface: str) -> bool:
    """Whether a bare integer reads as a year: "2023" → True, "2,023" → False."""
    return bool(YEAR.match(surface))


def parse_number(surface: str) -> float:
    """A digit figure as written, to a float: "15,349.3" → 15349.3; "8-point-4" → 8.4.

    A space-separated last group belongs to the number: "2,517 300" → 2517300.
    """
    text = surface.strip().replace(",", "").replace(" ", "").replace("-point-", ".")
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    if not NUMBER.match(surface.strip()):
        raise ValueError(f"not a number: {surface!r}")
    return float(text)


def scale_of(words: Iterable[str], table: dict[str, float] | None = None) -> float:
    """The product of scale words: ["hundred", "million"] → 1e8; [] → 1.0."""
    table = scale_table() if table is None else table
    factor = 1.0
    for word in words:
        factor *= table[word.lower()]
    return factor


def words_to_number(
    words: Sequence[str], table: dict[str, tuple[float, str]] | None = None
) -> float | None:
    """Number words to a value: ["twenty", "-", "two"] → 22; ["one", "-", "third"] → 1/3.

    Covers what English prose writes before a scale or unit: cardinals up to the
    hundreds, "a", and fractions ("half", "one-third", "three quarters"). None when a
    word is unknown.
    """
    table = number_word_table() if table is None else table
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower()
        if word in ("-", "and"):
            continue
        if word not in table:
            return None
        value, kind = table[word]
        seen = True
        if kind == "multiplier":
            current = (current or 1.0) * value
        elif kind == "fraction":
            current = (current or 1.0) * value
            total, current = total + current, 0.0
        else:
            current += value
    return total + current if seen else None
