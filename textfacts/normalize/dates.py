"""Resolve date expressions to ISO 8601 values (ANNOTATION.md §2, DATE).

Pure functions, no spaCy: the dates component maps a matched phrase to a resolver `kind` and
its parts (numbers already looked up in lexicons/date_words.tsv) and calls `resolve`. Values are
ISO at the precision stated ("2026", "2026-02", "2026-02-04") or an interval "a/b"; None when
the phrase needs a publication date (or a context) that is missing, never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import dateparser

_NUMERIC = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
}
# China's plans ran 1953-57 and 1958-62, then (after the 1963-65 adjustment years) every five
# years from the 3rd (1966-70): the 13th is 2016-20, the 14th 2021-25, the 15th 2026-30.
_FIRST_PLANS = {1: 1953, 2: 1958}
_THIRD_PLAN_START = 1966


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


@lru_cache(maxsize=4096)
def explicit_date(surface: str) -> str | None:
    """Cached parse_full_date, since dateparser costs milliseconds: "Jan 13, 2022" → "2022-01-13"."""
    return parse_full_date(surface)


def published_date(value: str | None) -> date | None:
    """The publication date of meta.published: "2026-02-05" → date(2026, 2, 5); None if absent/bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def iso_day(year: int, month: int, day: int) -> str | None:
    """A calendar day, or None when it does not exist: (2026, 2, 4) → "2026-02-04"."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_month(year: int, month: int) -> str | None:
    """A month: (2021, 5) → "2021-05"."""
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def interval(first: str | None, last: str | None) -> str | None:
    """Join two ISO values into an interval; equal ends collapse: ("2021", "2025") → "2021/2025"."""
    if first is None or last is None:
        return None
    return first if first == last else f"{first}/{last}"


def month_span(year: int, first: int, last: int) -> str | None:
    """Months first..last of one year: (2024, 1, 7) → "2024-01/2024-07"."""
    if not 1 <= first <= last <= 12:
        return None
    return interval(iso_month(year, first), iso_month(year, last))


def half_of_year(year: int, half: int) -> str | None:
    """A half-year: (2024, 1) → "2024-01/2024-06"."""
    return month_span(year, 6 * half - 5, 6 * half) if half in (1, 2) else None


def quarter_of_year(year: int, quarter: int) -> str | None:
    """A quarter: (2023, 3) → "2023-07/2023-09"."""
    return month_span(year, 3 * quarter - 2, 3 * quarter) if 1 <= quarter <= 4 else None


def plan_start(ordinal: int) -> int | None:
    """First year of the nth Five-Year Plan: 14 → 2021."""
    if ordinal in _FIRST_PLANS:
        return _FIRST_PLANS[ordinal]
    return _THIRD_PLAN_START + 5 * (ordinal - 3) if ordinal >= 3 else None


def plan_period(ordinal: int) -> str | None:
    """The years of the nth Five-Year Plan period: 14 → "2021/2025"."""
    start = plan_start(ordinal)
    return None if start is None else f"{start}/{start + 4}"


def plan_containing(year: int) -> int | None:
    """Ordinal of the Five-Year Plan a year falls in: 2026 → 15."""
    if year >= _THIRD_PLAN_START:
        return 3 + (year - _THIRD_PLAN_START) // 5
    return next((n for n, start in _FIRST_PLANS.items() if start <= year <= start + 4), None)


def weekday_on_or_before(published: date, weekday: int) -> str:
    """The latest such weekday (Monday=0) on or before publication: (Wed 2022-01-19, 4) → "2022-01-14"."""
    return (published - timedelta(days=(published.weekday() - weekday) % 7)).isoformat()


def day_on_or_before(published: date, day: int) -> str | None:
    """The latest date with this day of month on or before publication: (2022-08-07, 7) → "2022-08-07"."""
    year, month = published.year, published.month
    for _ in range(3):
        if day <= published.day or (year, month) != (published.year, published.month):
            if day <= calendar.monthrange(year, month)[1]:
                return iso_day(year, month, day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def shift_years(value: str | None, years: int) -> str | None:
    """Move an ISO value or interval by whole years: ("2024-01/2024-07", -1) → "2023-01/2023-07"."""
    if value is None:
        return None
    parts = []
    for part in value.split("/"):
        head, _, tail = part.partition("-")
        parts.append(f"{int(head) + years:04d}" + (f"-{tail}" if tail else ""))
    return "/".join(parts)


@dataclass(frozen=True)
class Context:
    """What a phrase may lean on besides its own words.

    governing: value of the nearest preceding month-level period in the paragraph ("From
    January to July ... the same period last year"); plan: ordinal of the latest Five-Year Plan
    named earlier in the text ("the previous Five-Year Plan period").
    """

    governing: str | None = None
    plan: int | None = None


def _year(parts: dict[str, Any], published: date | None) -> int | None:
    """The year a phrase names: written ("2021"), relative to publication ("last year"), or else
    the sentence's year ("In 2026, ... on February 4") and failing that the publication year."""
    if parts.get("year") is not None:
        return int(parts["year"])
    if parts.get("year_offset") is None and parts.get("context_year") is not None:
        return int(parts["context_year"])
    if published is None:
        return None
    return published.year + int(parts.get("year_offset") or 0)


def _cumulative_year(parts: dict[str, Any], published: date | None, last_month: int) -> int | None:
    """Year of a from-January span with no year word ("the first seven months").

    Cumulative trade data is released after the period closes, so a span ending in or after
    the publication month belongs to the previous year (a January briefing on "the first 11
    months" speaks of last year).
    """
    if any(parts.get(k) is not None for k in ("year", "year_offset", "context_year")):
        return _year(parts, published)
    if published is None:
        return None
    return published.year - 1 if last_month >= published.month else published.year


def resolve(kind: str, parts: dict[str, Any], published: date | None,
            context: Context = Context()) -> str | None:
    """Resolve one matched phrase: ("first_months", {"count": 7}, 2022-08-07) → "2022-01/2022-07".

    `parts` carries ints looked up from the phrase (year, year_offset, month, month2, day, day2,
    count, ordinal, weekday, day_offset, which, offset), plus context_year (a year written
    earlier in the same sentence); `kind` is the resolver named by the pattern row.
    """
    handler = _RESOLVERS.get(kind)
    return handler(parts, published, context) if handler else None


def _explicit(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return explicit_date(p["surface"])


def _day(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else iso_day(year, p["month"], p["day"])


def _day_range(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    if year is None:
        return None
    first = iso_day(year, p["month"], p["day"])
    last = iso_day(year, p.get("month2") or p["month"], p["day2"])
    return interval(first, last) if first and last and first <= last else None


def _month(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else iso_month(year, p["month"])


def _month_span(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    first, last = p["month"], p["month2"]
    year = _cumulative_year(p, pub, last) if first == 1 else _year(p, pub)
    return None if year is None else month_span(year, first, last)


def _first_months(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _cumulative_year(p, pub, p["count"])
    return None if year is None else month_span(year, 1, p["count"])


def _half(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else half_of_year(year, p["ordinal"])


def _quarter(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else quarter_of_year(year, p["ordinal"])


def _first_quarters(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _cumulative_year(p, pub, 3 * p["count"])
    return None if year is None else month_span(year, 1, 3 * p["count"])


def _year_value(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else f"{year:04d}"


def _year_range(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    first, last = int(p["year"]), int(p["year2"])
    if last < 100:  # "2021-25": the century of the first year
        last += first - first % 100
    return f"{first}/{last}" if first < last else None


def _past_years(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "the past five years" = the five full calendar years before the publication year,
    # like "the past year" = last year: a January review of 2021-2025 says "past five years".
    if pub is None:
        return None
    return interval(f"{pub.year - p['count']:04d}", f"{pub.year - 1:04d}")


def _next_years(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    if pub is None:
        return None
    return interval(f"{pub.year + 1:04d}", f"{pub.year + p['count']:04d}")


def _same_period(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "the same period last year" repeats the governing months one year back; with no
    # month-level period in the paragraph it can only mean the year named (last year).
    if ctx.governing is not None:
        if p.get("year") is not None:
            return shift_years(ctx.governing, int(p["year"]) - int(ctx.governing[:4]))
        return shift_years(ctx.governing, int(p.get("year_offset") or -1))
    return _year_value(p, pub, ctx)


def _plan(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return plan_period(p["ordinal"])


def _plan_year(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    start = plan_start(p["ordinal"])
    if start is None:
        return None
    return f"{start:04d}" if p["which"] == "first" else f"{start + 4:04d}"


def _plan_relative(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    base = ctx.plan if ctx.plan is not None else (plan_containing(pub.year) if pub else None)
    return None if base is None else plan_period(base + int(p["offset"]))


def _relative_day(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return None if pub is None else (pub + timedelta(days=int(p["day_offset"]))).isoformat()


def _weekday(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return None if pub is None else weekday_on_or_before(pub, p["weekday"])


def _day_ref(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return None if pub is None else day_on_or_before(pub, p["day"])


_RESOLVERS = {
    "explicit": _explicit,
    "day": _day,
    "day_range": _day_range,
    "month": _month,
    "month_span": _month_span,
    "first_months": _first_months,
    "half": _half,
    "quarter": _quarter,
    "first_quarters": _first_quarters,
    "year": _year_value,
    "year_range": _year_range,
    "past_years": _past_years,
    "next_years": _next_years,
    "same_period": _same_period,
    "plan": _plan,
    "plan_year": _plan_year,
    "plan_relative": _plan_relative,
    "relative_day": _relative_day,
    "weekday": _weekday,
    "day_ref": _day_ref,
}
KINDS = frozenset(_RESOLVERS)
# Kinds whose value is a month-level period that "the same period last year" can repeat.
PERIOD_KINDS = frozenset({"month", "month_span", "first_months", "half", "quarter", "first_quarters"})
