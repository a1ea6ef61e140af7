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
    """Cached parse_full_date (dateparser costs milliseconds): "Jan 13, 2022" → "2022-01-13"."""
    return parse_full_date(surface)


def published_date(value: str | None) -> date | None:
    """The date in meta.published: "2026-02-05" → date(2026, 2, 5); None if absent or bad."""
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


def last_day(year: int, month: int) -> str | None:
    """The last day of a month, the point "the end of September" names: (2025, 9) → "2025-09-30"."""
    if not 1 <= month <= 12:
        return None
    return iso_day(year, month, calendar.monthrange(year, month)[1])


def months_covered(value: str | None) -> int | None:
    """How many whole months a month-level value spans: "2025-01/2025-02" → 2; a day → None."""
    if value is None:
        return None
    ends = value.split("/")
    if any(len(end) != 7 for end in ends):
        return None
    (y1, m1), (y2, m2) = ((int(e[:4]), int(e[5:])) for e in (ends[0], ends[-1]))
    return (y2 - y1) * 12 + m2 - m1 + 1


def holiday_span(table: str, year: int) -> str | None:
    """A public holiday's days in a year, from its lexicon value "2025=2025-01-28/2025-02-04 ...".

    Holidays move with the lunar calendar and the State Council's yearly arrangement, so the
    days are looked up, never computed: ("2025=2025-01-28/2025-02-04", 2025) → that interval.
    """
    for item in table.split():
        key, _, days = item.partition("=")
        if key == f"{year:04d}":
            return days
    return None


def period_ended(point: str | None, unit: str) -> str | None:
    """The period an "end of" point closes, for deadlines: ("2025-12-31", "year") → "2025".

    units: year, half, quarter, month, plan (a Five-Year Plan period); any other unit returns
    the point unchanged.
    """
    if point is None or len(point) != 10:
        return point
    year, month = int(point[:4]), int(point[5:7])
    if unit == "year":
        return point[:4]
    if unit == "month":
        return point[:7]
    if unit == "plan":
        ordinal = plan_containing(year)
        return point if ordinal is None else plan_period(ordinal)
    size = {"half": 6, "quarter": 3}.get(unit)
    return point if size is None else month_span(year, month - size + 1, month)


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
    """Latest such weekday (Monday=0) on or before publication: (2022-01-19, 4) → "2022-01-14"."""
    return (published - timedelta(days=(published.weekday() - weekday) % 7)).isoformat()


def day_on_or_before(published: date, day: int) -> str | None:
    """Latest date with this day of month on or before publication: (2022-08-07, 7) → 2022-08-07."""
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
        year = int(head) + years
        if tail == "02-29" and not calendar.isleap(year):
            tail = "02-28"
        parts.append(f"{year:04d}" + (f"-{tail}" if tail else ""))
    return "/".join(parts)


@dataclass(frozen=True)
class Context:
    """What a phrase may lean on besides its own words.

    governing: value of the nearest preceding month-level period in the paragraph ("From
    January to July ... the same period last year"); plan: ordinal of the latest Five-Year Plan
    named earlier in the text ("the previous Five-Year Plan period"); recent: month-level period
    values stated earlier in the document, in text order ("the first two months ... In the two
    months"); past_plan: the completed plan period the text names ("the previous Five-Year Plan
    period", else the latest plan period named), which an undated "past five years" restates.
    """

    governing: str | None = None
    plan: int | None = None
    recent: tuple[str, ...] = ()
    past_plan: str | None = None


def _year(parts: dict[str, Any], published: date | None) -> int | None:
    """The year a phrase names: written ("2021") or relative to publication ("last year").

    A phrase with no year word takes the sentence's year ("In 2026, ... on February 4"),
    failing that the publication year.
    """
    if parts.get("year") is not None:
        return int(parts["year"])
    context = parts.get("context_year")
    if context is not None and parts.get("year_offset") is None:
        return int(context)
    if context is not None and parts.get("anaphoric"):  # "In 2023, ... the previous year"
        return int(context) + int(parts["year_offset"])
    if published is None:
        return None
    return published.year + int(parts.get("year_offset") or 0)


def _occurrence_year(
    parts: dict[str, Any],
    published: date | None,
    first: tuple[int, int],
    last: tuple[int, int],
    cumulative: bool = False,
) -> int | None:
    """Year of a month/day phrase with no year word, from the publication date and the tense.

    A sentence about the future ("will be held on November 5") means the next occurrence that
    has not ended; otherwise the latest one that has begun ("In December alone, exports grew",
    published in January, is last December). Cumulative from-January periods ("the first 11
    months") are reported once closed, so they take the latest one that has ended.
    `first`/`last` are (month, day) of the period's ends; day 0 means the month's last day.
    """

    def on(y: int, month_day: tuple[int, int]) -> date:
        month, day = month_day
        return date(y, month, day or calendar.monthrange(y, month)[1])

    context = parts.get("context_year")
    if (
        parts.get("year") is None
        and parts.get("year_offset") is None
        and context is not None
        and parts.get("future")
        and published is not None
    ):
        # "launched on Dec. 18, 2025, and will ... by the end of June" (published 2026): a
        # pledge cannot end before it is made, so the sentence's past year does not date it
        try:
            if on(int(context), last) < published:
                parts = {k: v for k, v in parts.items() if k != "context_year"}
        except ValueError:
            pass
    if any(parts.get(k) is not None for k in ("year", "year_offset", "context_year")):
        return _year(parts, published)
    if published is None:
        return None
    year = published.year

    try:
        if parts.get("future"):
            return year if on(year, last) >= published else year + 1
        if cumulative:
            return year if on(year, last) <= published else year - 1
        return year if on(year, first) <= published else year - 1
    except ValueError:  # February 29 in a common year
        return year


def _month_range(
    p: dict[str, Any], pub: date | None, first: int, last: int, cumulative: bool = False
) -> str | None:
    year = _occurrence_year(p, pub, (first, 1), (last, 0), cumulative)
    return None if year is None else month_span(year, first, last)


def resolve(
    kind: str, parts: dict[str, Any], published: date | None, context: Context = Context()
) -> str | None:
    """Resolve one matched phrase: ("first_months", {"count": 7}, 2022-08-07) → "2022-01/2022-07".

    `parts` carries ints looked up from the phrase (year, year_offset, month, month2, day, day2,
    count, ordinal, weekday, week_shift, day_offset, month_offset, quarter_offset, which, offset),
    holiday (a lexicon "year=first/last ..." table), quarters (count is in quarters),
    context_year (a year written earlier in the same sentence), anaphoric (the word counts from
    the period in focus, "the previous year", not from today, "last year") and future (the
    date's verb is future); `kind` is the resolver named by the pattern row.
    """
    handler = _RESOLVERS.get(kind)
    if handler is None:
        return None
    try:
        return handler(parts, published, context)
    except (KeyError, TypeError, ValueError):  # a part the phrase lacks: unresolved, not a crash
        return None


def _explicit(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return explicit_date(p["surface"])


def _day(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    day = (p["month"], p["day"])
    year = _occurrence_year(p, pub, day, day) if 1 <= p["month"] <= 12 else None
    return None if year is None else iso_day(year, p["month"], p["day"])


def _day_range(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    month2 = p.get("month2") or p["month"]
    if not (1 <= p["month"] <= 12 and 1 <= month2 <= 12):
        return None
    year = _occurrence_year(p, pub, (p["month"], p["day"]), (month2, p["day2"]))
    if year is None:
        return None
    first = iso_day(year, p["month"], p["day"])
    last = iso_day(year, p.get("month2") or p["month"], p["day2"])
    return interval(first, last) if first and last and first <= last else None


def _month(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    month = p["month"]
    return _month_range(p, pub, month, month) if 1 <= month <= 12 else None


def _month_span(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    first, last = p["month"], p["month2"]
    if not 1 <= first < last <= 12:
        return None
    return _month_range(p, pub, first, last, cumulative=first == 1)


def _first_months(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    count = p["count"]
    return _month_range(p, pub, 1, count, cumulative=True) if 1 <= count <= 12 else None


def _half(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    half = p["ordinal"]
    if half not in (1, 2):
        return None
    return _month_range(p, pub, 6 * half - 5, 6 * half, cumulative=half == 1)


def _quarter(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    quarter = p["ordinal"]
    if not 1 <= quarter <= 4:
        return None
    return _month_range(p, pub, 3 * quarter - 2, 3 * quarter, cumulative=quarter == 1)


def _first_quarters(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    count = p["count"]
    return _month_range(p, pub, 1, 3 * count, cumulative=True) if 1 <= count <= 4 else None


def _year_value(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else f"{year:04d}"


def _year_range(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    first, last = int(p["year"]), int(p["year2"])
    if last < 100:  # "2021-25": the century of the first year; "2015-12" is a month
        if 1 <= last <= 12 and first - first % 100 + last <= first:
            return iso_month(first, last)
        last += first - first % 100
    return f"{first}/{last}" if first < last else None


def _past_years(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "the past five years" = the five full calendar years before the publication year,
    # like "the past year" = last year: a January review of 2021-2025 says "past five years".
    # With no publication date, a review's "past five years" restates the plan period it names
    # ("During the 14th Five-Year Plan period ... over the past five years"): docs §1.3.
    # A review in a plan's final year that names the plan period ("During the 14th Five-Year
    # Plan period ... over the past five years", December 2025) counts the current year in.
    if (
        pub is not None
        and p["count"] == 5
        and ctx.past_plan == plan_period(plan_containing(pub.year) or 0)
        and str(ctx.past_plan).endswith(f"{pub.year:04d}")
    ):
        return ctx.past_plan
    if pub is None or p.get("bare"):
        plan = ctx.past_plan
        if p.get("future") or plan is None or p["count"] != 5:
            return None
        return plan if pub is None or int(plan[-4:]) < pub.year else None
    return interval(f"{pub.year - p['count']:04d}", f"{pub.year - 1:04d}")


def _plan_years(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "a record of 125 trillion yuan in five years": a bare duration that only a plan period
    # named in the text can locate.
    return _past_years({**p, "bare": True}, pub, ctx)


def _next_years(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    if pub is None:
        return None
    # In a plan's opening year "the next five years" are that plan (January 2026: 2026-2030).
    if p["count"] == 5 and plan_start(plan_containing(pub.year) or 0) == pub.year:
        return f"{pub.year:04d}/{pub.year + 4:04d}"
    return interval(f"{pub.year + 1:04d}", f"{pub.year + p['count']:04d}")


def _same_period(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "the same period last year" repeats the governing months one year back. With no
    # month-level period in the paragraph, a release's reporting period stated earlier (its
    # headline's "first two months") governs; with none at all it can only mean the year named.
    governing = ctx.governing
    if governing is None:
        governing = next((v for v in reversed(ctx.recent) if (months_covered(v) or 0) > 1), None)
    if governing is not None:
        if p.get("year") is not None:
            return shift_years(governing, int(p["year"]) - int(governing[:4]))
        return shift_years(governing, int(p.get("year_offset") or -1))
    return _year_value(p, pub, ctx)


def _plan(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return plan_period(p["ordinal"])


def _plan_year(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    start = plan_start(p["ordinal"])
    if start is None:
        return None
    return f"{start:04d}" if p["which"] == "first" else f"{start + 4:04d}"


def _plan_end(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    start = plan_start(p["ordinal"])
    return None if start is None else iso_day(start + 4, 12, 31)


def _plan_relative(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    base = ctx.plan if ctx.plan is not None else (plan_containing(pub.year) if pub else None)
    return None if base is None else plan_period(base + int(p["offset"]))


def _relative_day(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return None if pub is None else (pub + timedelta(days=int(p["day_offset"]))).isoformat()


def _relative_month(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "In December, exports rose from the previous month": November, counted from the month
    # in focus; "last month" counts from the day of writing.
    base = _focus_index(p, ctx, 1)
    if base is None:
        if pub is None:
            return None
        base = pub.year * 12 + pub.month - 1
    index = base + int(p["month_offset"])
    if p.get("day"):  # "the 9th of last month"
        try:
            return date(index // 12, index % 12 + 1, int(p["day"])).isoformat()
        except ValueError:
            return None
    return iso_month(index // 12, index % 12 + 1)


def _focus_index(p: dict[str, Any], ctx: Context, months: int) -> int | None:
    """Month index (year * 12 + month - 1) where the period in focus starts, if it spans `months`.

    Only for anaphoric words ("the previous month/quarter") after such a period in the paragraph.
    """
    if not p.get("anaphoric") or months_covered(ctx.governing) != months:
        return None
    first = str(ctx.governing).split("/")[0]
    return int(first[:4]) * 12 + int(first[5:7]) - 1


def _relative_quarter(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    focus = _focus_index(p, ctx, 3)
    if focus is not None and focus % 3 == 0:
        index = focus // 3
    elif pub is None:
        return None
    else:
        index = pub.year * 4 + (pub.month - 1) // 3
    index += int(p["quarter_offset"])
    return quarter_of_year(index // 4, index % 4 + 1)


def _weekday(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    if pub is None:
        return None
    shift = p.get("week_shift")
    if shift == -1:  # "last Friday": strictly before the day of writing
        return (pub - timedelta(days=(pub.weekday() - p["weekday"] - 1) % 7 + 1)).isoformat()
    if shift == 1:  # "next Tuesday": strictly after it
        return (pub + timedelta(days=(p["weekday"] - pub.weekday() - 1) % 7 + 1)).isoformat()
    if p.get("future"):  # "will be held on Tuesday": the next such day
        return (pub + timedelta(days=(p["weekday"] - pub.weekday()) % 7)).isoformat()
    return weekday_on_or_before(pub, p["weekday"])


def _day_ref(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    return None if pub is None else day_on_or_before(pub, p["day"])


def _year_end(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    year = _year(p, pub)
    return None if year is None else iso_day(year, 12, 31)


def _month_end(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    month = p["month"]
    if not 1 <= month <= 12:
        return None
    year = _occurrence_year(p, pub, (month, 1), (month, 0))
    return None if year is None else last_day(year, month)


def _quarter_end(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    value = _quarter(p, pub, ctx)
    return None if value is None else last_day(int(value[:4]), 3 * p["ordinal"])


def _half_end(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    value = _half(p, pub, ctx)
    return None if value is None else last_day(int(value[:4]), 6 * p["ordinal"])


def _months_anaphor(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    # "In the two months" / "the seven-month period" restate the latest period of that length
    # stated before ("the first two months of this year"); failing one, months from January.
    months = p["count"] * (3 if p.get("quarters") else 1)
    earlier = next((v for v in reversed(ctx.recent) if months_covered(v) == months), None)
    if earlier is not None:
        return earlier
    return _first_quarters(p, pub, ctx) if p.get("quarters") else _first_months(p, pub, ctx)


def _holiday(p: dict[str, Any], pub: date | None, ctx: Context) -> str | None:
    table = p["holiday"]
    if p.get("year") is not None or p.get("context_year") is not None:
        return holiday_span(table, int(p.get("year") or p["context_year"]))
    if pub is None:
        return None
    # The latest holiday that has begun by publication; an announced one ("will") the next
    # one that has not ended.
    today = pub.isoformat()
    years = (pub.year - 1, pub.year, pub.year + 1)
    for year in years if p.get("future") else reversed(years):
        days = holiday_span(table, year)
        if days is None:
            continue
        first, last = days.split("/")[0], days.split("/")[-1]
        if (last >= today) if p.get("future") else (first <= today):
            return days
    return None


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
    "plan_years": _plan_years,
    "next_years": _next_years,
    "same_period": _same_period,
    "plan": _plan,
    "plan_year": _plan_year,
    "plan_end": _plan_end,
    "plan_relative": _plan_relative,
    "relative_day": _relative_day,
    "relative_month": _relative_month,
    "relative_quarter": _relative_quarter,
    "weekday": _weekday,
    "day_ref": _day_ref,
    "year_end": _year_end,
    "month_end": _month_end,
    "quarter_end": _quarter_end,
    "half_end": _half_end,
    "months_anaphor": _months_anaphor,
    "holiday": _holiday,
}
KINDS = frozenset(_RESOLVERS)
# Kinds whose value is a month-level period that "the same period last year" can repeat.
PERIOD_KINDS = frozenset(
    {"month", "month_span", "first_months", "half", "quarter", "first_quarters", "months_anaphor"}
)
# "end of" kinds and the period each point closes ("by the end of 2025": due in 2025).
END_KINDS = {
    "year_end": "year",
    "half_end": "half",
    "quarter_end": "quarter",
    "month_end": "month",
    "plan_end": "plan",
}
# Kinds that only a context can resolve: unresolved, the phrase is a length, not a DATE.
CONTEXT_ONLY_KINDS = frozenset({"plan_years"})
