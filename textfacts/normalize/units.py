"""Units and counted nouns to their singular lemma; qualifiers and verbs to a bound.

ANNOTATION.md §2: a QUANTITY's unit is the singular lemma of its unit or counted noun
("tons" → "ton", "economies" → "economy", "times" → "time" for multiples), a PERCENT's
unit is "percent" or "percentage_point", and qualifiers set `bound`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from textfacts.resources import data_path, read_tsv

Bound = Literal["exact", "approx", "at_least", "at_most"]

# Plurals that the suffix rules below get wrong; English facts, not genre rules.
_IRREGULAR = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "staff": "staff",
    "personnel": "personnel",
    "series": "series",
    "species": "species",
    "analyses": "analysis",
    "bases": "base",
    "crises": "crisis",
    "data": "data",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "indices": "index",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "goods": "goods",
}
_INVARIANT_ENDINGS = ("ss", "us", "is", "ics")


class UnitRow(BaseModel):
    """One row of lexicons/units.tsv."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    lemma: str
    kind: Literal["percent", "measure", "multiple"]
    example: str


class BoundRow(BaseModel):
    """One row of lexicons/bounds.tsv."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    bound: Bound
    position: Literal["before", "after"]
    kind: Literal["qualifier", "verb", "suffix"]
    example: str


def _key(surface: str) -> str:
    return " ".join(surface.replace("-", " - ").split()).lower()


@lru_cache(maxsize=8)
def unit_rows(data_dir: str | None = None) -> tuple[UnitRow, ...]:
    """The rows of lexicons/units.tsv."""
    return tuple(read_tsv(data_path(data_dir, "lexicons/units.tsv"), UnitRow))


@lru_cache(maxsize=8)
def unit_table(data_dir: str | None = None) -> dict[str, str]:
    """Unit surface key → lemma: {"tonnes": "ton", "per cent": "percent", ...}."""
    table: dict[str, str] = {}
    for row in unit_rows(data_dir):
        table.setdefault(_key(row.surface), row.lemma)
    return table


@lru_cache(maxsize=8)
def bound_rows(data_dir: str | None = None) -> tuple[BoundRow, ...]:
    """The rows of lexicons/bounds.tsv."""
    return tuple(read_tsv(data_path(data_dir, "lexicons/bounds.tsv"), BoundRow))


@lru_cache(maxsize=8)
def bound_table(data_dir: str | None = None) -> dict[str, Bound]:
    """Qualifier key → bound: {"nearly": "at_most", "more than": "at_least", ...}."""
    return {_key(row.surface): row.bound for row in bound_rows(data_dir)}


def singular(word: str) -> str:
    """Singular of an English plural noun, lower-cased: "economies" → "economy"."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith(_INVARIANT_ENDINGS) or len(low) <= 3:
        return low
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return low[:-2]
    if low.endswith("s"):
        return low[:-1]
    return low


def unit_lemma(words: Sequence[str], table: dict[str, str] | None = None) -> str:
    """The unit of a QUANTITY from its unit or counted-noun words.

    ["tons"] → "ton"; ["metric", "tons"] → "ton";
    ["countries", "and", "regions"] → "country and region" (coordinated heads, also "or").
    """
    table = unit_table() if table is None else table
    key = _key(" ".join(words))
    if key in table:
        return table[key]
    if len(words) >= 3 and words[-2].lower() in ("and", "or"):
        joint = words[-2].lower()
        return f"{unit_lemma(words[:-2], table)} {joint} {unit_lemma(words[-1:], table)}"
    last = words[-1]
    if _key(last) in table:
        return table[_key(last)]
    # Acronym units keep their case ("TEUs" → "TEU"); counted nouns are lower-cased.
    if last[:-1].isupper() and last.endswith("s") and len(last) > 2:
        return last[:-1]
    return singular(last)


def percent_unit(words: Sequence[str], table: dict[str, str] | None = None) -> str | None:
    """PERCENT unit of a percent word: ["per", "cent"] → "percent"; None if not one.

    ["bps"] → "basis_point": basis points keep the number as written.
    """
    table = unit_table() if table is None else table
    lemma = table.get(_key(" ".join(words)))
    return lemma if lemma in ("percent", "percentage_point", "basis_point") else None


def bound_of(surface: str, table: dict[str, Bound] | None = None) -> Bound | None:
    """Bound set by a qualifier or verb: "More than" → "at_least"; None if none."""
    table = bound_table() if table is None else table
    return table.get(_key(surface))
