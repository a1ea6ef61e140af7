"""Resolve date expressions to ISO 8601 values (ANNOTATION.md §2, DATE)."""

from __future__ import annotations

import re
from datetime import date

import dateparser

_NUMERIC = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def parse_full_date(surface: str) -> str | None:
    """Parse a date that states day, month and year: "January 13,2025" → "2025-01-13".

    Returns None when any part is missing, never a guess.
    """
    match = _NUMERIC.match(surface)
    if match:
        try:
            return date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    cleaned = re.sub(r",(?=\d)", ", ", surface.strip())
    parsed = dateparser.parse(cleaned, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None
