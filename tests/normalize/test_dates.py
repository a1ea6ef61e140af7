"""Tables for textfacts.normalize.dates: surface parts + publication date → ISO value."""

from datetime import date

import pytest

from textfacts.normalize.dates import (
    Context,
    day_on_or_before,
    holiday_span,
    last_day,
    months_covered,
    parse_full_date,
    period_ended,
    plan_containing,
    plan_period,
    published_date,
    resolve,
    shift_years,
    weekday_on_or_before,
)

AUG_2022 = date(2022, 8, 7)  # a Sunday
MAR_2025 = date(2025, 3, 7)  # a Friday
OCT_2025 = date(2025, 10, 14)  # a Tuesday
SPRING = "2024=2024-02-10/2024-02-17 2025=2025-01-28/2025-02-04 2026=2026-02-15/2026-02-23"
JAN_2025 = date(2025, 1, 13)  # a Monday, the annual-review season
JUL_2024 = date(2024, 7, 12)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        pytest.param("January 13,2025", "2025-01-13", id="comma-glued year"),
        pytest.param("Jan 13, 2022", "2022-01-13", id="abbreviated month"),
        pytest.param("Sept. 5, 2023", "2023-09-05", id="abbreviation with dot"),
        pytest.param("16 December 2025", "2025-12-16", id="day month year"),
        pytest.param("2024/05/08", "2024-05-08", id="slashes"),
        pytest.param("2026-02-05", "2026-02-05", id="iso"),
        pytest.param("2023-02-30", None, id="no such day"),
        pytest.param("May, 2021", None, id="no day: not a full date"),
        pytest.param("February 4", None, id="no year: not a full date"),
    ],
)
def test_parse_full_date(surface, expected):
    assert parse_full_date(surface) == expected


@pytest.mark.parametrize(
    ("kind", "parts", "published", "expected"),
    [
        pytest.param(
            "first_months",
            {"count": 7, "year_offset": 0},
            AUG_2022,
            "2022-01/2022-07",
            id="first seven months of this year",
        ),
        pytest.param(
            "first_months",
            {"count": 7, "year": 2021},
            None,
            "2021-01/2021-07",
            id="first seven months of 2021, no publication date",
        ),
        pytest.param(
            "first_months",
            {"count": 10},
            date(2023, 11, 7),
            "2023-01/2023-10",
            id="first 10 months, reported in November",
        ),
        pytest.param(
            "first_months",
            {"count": 11},
            JAN_2025,
            "2024-01/2024-11",
            id="first 11 months, reported next January",
        ),
        pytest.param("first_months", {"count": 7}, None, None, id="first seven months, no date"),
        pytest.param(
            "month_span",
            {"month": 1, "month2": 7},
            date(2024, 8, 9),
            "2024-01/2024-07",
            id="January to July",
        ),
        pytest.param(
            "month_span",
            {"month": 3, "month2": 5, "future": True},
            date(2024, 2, 1),
            "2024-03/2024-05",
            id="from March to May, announced ahead",
        ),
        pytest.param(
            "half",
            {"ordinal": 1, "year_offset": 0},
            JUL_2024,
            "2024-01/2024-06",
            id="first half of this year",
        ),
        pytest.param(
            "half",
            {"ordinal": 2, "future": True},
            JUL_2024,
            "2024-07/2024-12",
            id="future second half, said in July",
        ),
        pytest.param(
            "half",
            {"ordinal": 2},
            JAN_2025,
            "2024-07/2024-12",
            id="second half, reviewed next January",
        ),
        pytest.param(
            "half",
            {"ordinal": 1, "year_offset": 0},
            None,
            None,
            id="first half of this year, no date",
        ),
        pytest.param(
            "quarter",
            {"ordinal": 3, "year": 2023},
            None,
            "2023-07/2023-09",
            id="third quarter of 2023",
        ),
        pytest.param(
            "quarter",
            {"ordinal": 4},
            JAN_2025,
            "2024-10/2024-12",
            id="the fourth quarter, reported in January",
        ),
        pytest.param(
            "first_quarters",
            {"count": 3},
            date(2023, 10, 13),
            "2023-01/2023-09",
            id="first three quarters",
        ),
        pytest.param("month", {"month": 7}, date(2021, 8, 7), "2021-07", id="July"),
        pytest.param(
            "month", {"month": 12}, JAN_2025, "2024-12", id="December, reported in January"
        ),
        pytest.param(
            "month",
            {"month": 11, "future": True},
            date(2024, 8, 1),
            "2024-11",
            id="will open in November",
        ),
        pytest.param(
            "month",
            {"month": 4, "year_offset": 0},
            date(2025, 12, 16),
            "2025-04",
            id="April this year",
        ),
        pytest.param("month", {"month": 5, "year": 2021}, None, "2021-05", id="May, 2021"),
        pytest.param(
            "month",
            {"month": 6, "context_year": 2019},
            JAN_2025,
            "2019-06",
            id="month after a year in the same sentence",
        ),
        pytest.param(
            "day",
            {"month": 2, "day": 4, "context_year": 2026},
            None,
            "2026-02-04",
            id="In 2026 ... on February 4",
        ),
        pytest.param(
            "day",
            {"month": 1, "day": 1, "year_offset": 0},
            AUG_2022,
            "2022-01-01",
            id="January 1 this year",
        ),
        pytest.param("day", {"month": 2, "day": 30}, AUG_2022, None, id="no such day"),
        pytest.param(
            "day_range",
            {"month": 2, "day": 4, "day2": 6},
            date(2026, 2, 5),
            "2026-02-04/2026-02-06",
            id="February 4 to 6",
        ),
        pytest.param(
            "day_range",
            {"month": 11, "day": 28, "month2": 12, "day2": 2, "year": 2023},
            None,
            "2023-11-28/2023-12-02",
            id="November 28 to December 2, 2023",
        ),
        pytest.param("year", {"year": 2023}, None, "2023", id="in 2023"),
        pytest.param("year", {"year_offset": 0}, AUG_2022, "2022", id="this year"),
        pytest.param("year", {"year_offset": -1}, date(2024, 8, 9), "2023", id="previous year"),
        pytest.param("year", {"year_offset": -1}, None, None, id="last year, no date"),
        pytest.param(
            "year",
            {"year_offset": -1, "anaphoric": True, "context_year": 2023},
            JAN_2025,
            "2022",
            id="In 2023 ... from the previous year",
        ),
        pytest.param(
            "year",
            {"year_offset": -1, "context_year": 2023},
            JAN_2025,
            "2024",
            id="In 2023 ... last year still counts from publication",
        ),
        pytest.param(
            "year_range", {"year": 2026, "year2": 2030}, None, "2026/2030", id="2026-2030"
        ),
        pytest.param("year_range", {"year": 2021, "year2": 25}, None, "2021/2025", id="2021-25"),
        pytest.param("year_range", {"year": 2024, "year2": 5}, None, "2024-05", id="2024-05"),
        pytest.param(
            "past_years", {"count": 5}, date(2026, 1, 9), "2021/2025", id="past five years"
        ),
        pytest.param("past_years", {"count": 5}, None, None, id="past five years, no date"),
        pytest.param(
            "next_years", {"count": 5}, date(2025, 12, 1), "2026/2030", id="next five years"
        ),
        pytest.param("plan", {"ordinal": 14}, None, "2021/2025", id="14th Five-Year Plan period"),
        pytest.param("plan", {"ordinal": 15}, None, "2026/2030", id="15th Five-Year Plan period"),
        pytest.param("plan", {"ordinal": 13}, None, "2016/2020", id="13th Five-Year Plan period"),
        pytest.param(
            "plan_year",
            {"ordinal": 15, "which": "first"},
            None,
            "2026",
            id="opening year of the 15th",
        ),
        pytest.param(
            "plan_year", {"ordinal": 14, "which": "last"}, None, "2025", id="final year of the 14th"
        ),
        pytest.param(
            "plan_relative",
            {"offset": -1},
            date(2026, 1, 10),
            "2021/2025",
            id="previous plan period, from the date",
        ),
        pytest.param("relative_day", {"day_offset": 0}, AUG_2022, "2022-08-07", id="today"),
        pytest.param("relative_day", {"day_offset": 0}, None, None, id="today, no date"),
        pytest.param("weekday", {"weekday": 5}, AUG_2022, "2022-08-06", id="on Saturday"),
        pytest.param("weekday", {"weekday": 4}, date(2022, 1, 19), "2022-01-14", id="on Friday"),
        pytest.param(
            "weekday",
            {"weekday": 1, "future": True},
            date(2022, 1, 19),
            "2022-01-25",
            id="will meet on Tuesday",
        ),
        pytest.param("day_ref", {"day": 7}, AUG_2022, "2022-08-07", id="today (7th)"),
        pytest.param(
            "day_ref", {"day": 30}, date(2022, 3, 2), "2022-01-30", id="the 30th, February has none"
        ),
        pytest.param(
            "explicit",
            {"surface": "December 16, 2025"},
            None,
            "2025-12-16",
            id="explicit date needs no publication date",
        ),
        pytest.param("year_end", {"year": 2025}, MAR_2025, "2025-12-31", id="end of 2025"),
        pytest.param(
            "year_end", {"year_offset": -1}, OCT_2025, "2024-12-31", id="end of last year"
        ),
        pytest.param(
            "year_end", {"year_offset": None}, OCT_2025, "2025-12-31", id="end of the year"
        ),
        pytest.param("year_end", {"year_offset": 0}, None, None, id="end of this year, no date"),
        pytest.param(
            "month_end",
            {"month": 9},
            OCT_2025,
            "2025-09-30",
            id="by the end of September, reported in October",
        ),
        pytest.param(
            "month_end",
            {"month": 6, "future": True},
            OCT_2025,
            "2026-06-30",
            id="will finish by the end of June",
        ),
        pytest.param(
            "month_end",
            {"month": 2, "year": 2024},
            None,
            "2024-02-29",
            id="end of February in a leap year",
        ),
        pytest.param(
            "quarter_end", {"ordinal": 3}, OCT_2025, "2025-09-30", id="end of the third quarter"
        ),
        pytest.param(
            "half_end",
            {"ordinal": 1, "year": 2024},
            None,
            "2024-06-30",
            id="end of the first half of 2024",
        ),
        pytest.param(
            "plan_end",
            {"ordinal": 15},
            None,
            "2030-12-31",
            id="end of the 15th Five-Year Plan period",
        ),
        pytest.param(
            "months_anaphor",
            {"count": 2},
            MAR_2025,
            "2025-01/2025-02",
            id="the two months, nothing stated before",
        ),
        pytest.param(
            "months_anaphor",
            {"count": 3, "quarters": True},
            OCT_2025,
            "2025-01/2025-09",
            id="the three quarters, nothing stated before",
        ),
        pytest.param(
            "holiday",
            {"holiday": SPRING},
            MAR_2025,
            "2025-01-28/2025-02-04",
            id="Spring Festival holiday, reported in March",
        ),
        pytest.param(
            "holiday",
            {"holiday": SPRING},
            date(2025, 1, 10),
            "2024-02-10/2024-02-17",
            id="Spring Festival holiday before this year's began",
        ),
        pytest.param(
            "holiday",
            {"holiday": SPRING, "future": True},
            date(2025, 1, 10),
            "2025-01-28/2025-02-04",
            id="will open channels for the coming holiday",
        ),
        pytest.param(
            "holiday",
            {"holiday": SPRING, "year": 2026},
            None,
            "2026-02-15/2026-02-23",
            id="2026 Spring Festival holiday",
        ),
        pytest.param(
            "holiday",
            {"holiday": SPRING, "year": 2019},
            None,
            None,
            id="a year the lexicon does not list",
        ),
        pytest.param("holiday", {"holiday": SPRING}, None, None, id="holiday, no date"),
        pytest.param(
            "weekday",
            {"weekday": 4, "week_shift": -1},
            MAR_2025,
            "2025-02-28",
            id="last Friday, written on a Friday",
        ),
        pytest.param(
            "weekday", {"weekday": 0, "week_shift": -1}, MAR_2025, "2025-03-03", id="last Monday"
        ),
        pytest.param(
            "weekday",
            {"weekday": 1, "week_shift": 1},
            OCT_2025,
            "2025-10-21",
            id="next Tuesday, written on a Tuesday",
        ),
        pytest.param(
            "plan_years", {"count": 5}, None, None, id="in five years, no plan period named"
        ),
        pytest.param(
            "relative_quarter",
            {"quarter_offset": -1},
            JAN_2025,
            "2024-10/2024-12",
            id="last quarter, written in January",
        ),
        pytest.param(
            "relative_quarter",
            {"quarter_offset": 1},
            OCT_2025,
            "2026-01/2026-03",
            id="next quarter",
        ),
        pytest.param(
            "relative_month",
            {"month_offset": -1, "anaphoric": True},
            JAN_2025,
            "2024-12",
            id="previous month with no month in focus",
        ),
        pytest.param("no_such_kind", {}, AUG_2022, None, id="unknown kind"),
        pytest.param("month", {"month": None}, AUG_2022, None, id="missing part"),
        pytest.param("first_months", {"count": 13}, AUG_2022, None, id="thirteen months"),
    ],
)
def test_resolve(kind, parts, published, expected):
    assert resolve(kind, parts, published) == expected


@pytest.mark.parametrize(
    ("parts", "context", "published", "expected"),
    [
        pytest.param(
            {"year_offset": -1},
            Context(governing="2024-01/2024-07"),
            date(2024, 8, 9),
            "2023-01/2023-07",
            id="same period last year after January to July",
        ),
        pytest.param(
            {"year": 2019},
            Context(governing="2023-01/2023-06"),
            None,
            "2019-01/2019-06",
            id="same period of 2019",
        ),
        pytest.param(
            {"year_offset": -1},
            Context(),
            date(2024, 8, 9),
            "2023",
            id="same period last year with no governing period",
        ),
        pytest.param(
            {"year_offset": -1},
            Context(recent=("2024-01/2024-05", "2024-04")),
            date(2024, 6, 12),
            "2023-01/2023-05",
            id="the document's reporting period, not a passing month",
        ),
        pytest.param({"year_offset": -1}, Context(), None, None, id="nothing to lean on"),
    ],
)
def test_same_period(parts, context, published, expected):
    assert resolve("same_period", parts, published, context) == expected


@pytest.mark.parametrize(
    ("kind", "parts", "context", "published", "expected"),
    [
        pytest.param(
            "months_anaphor",
            {"count": 2},
            Context(recent=("2024-01/2024-02", "2025-03")),
            None,
            "2024-01/2024-02",
            id="the two months restate the two months stated before",
        ),
        pytest.param(
            "months_anaphor",
            {"count": 7},
            Context(recent=("2024-07",)),
            date(2024, 8, 9),
            "2024-01/2024-07",
            id="no seven-month period before: from January",
        ),
        pytest.param(
            "past_years",
            {"count": 5},
            Context(past_plan="2021/2025"),
            None,
            "2021/2025",
            id="undated review: past five years restate the plan period",
        ),
        pytest.param(
            "relative_quarter",
            {"quarter_offset": -1, "anaphoric": True},
            Context(governing="2024-10/2024-12"),
            JAN_2025,
            "2024-07/2024-09",
            id="the quarter before the fourth quarter",
        ),
        pytest.param(
            "relative_month",
            {"month_offset": -1, "anaphoric": True},
            Context(governing="2024-01"),
            JAN_2025,
            "2023-12",
            id="the month before January",
        ),
        pytest.param(
            "relative_month",
            {"month_offset": -1},
            Context(governing="2024-06"),
            JAN_2025,
            "2024-12",
            id="last month counts from the day of writing",
        ),
        pytest.param(
            "past_years",
            {"count": 3},
            Context(past_plan="2021/2025"),
            None,
            None,
            id="past three years are no plan period",
        ),
        pytest.param(
            "past_years",
            {"count": 5},
            Context(past_plan="2021/2025"),
            date(2024, 3, 1),
            "2019/2023",
            id="a stated date wins over the plan",
        ),
        pytest.param(
            "plan_years",
            {"count": 5},
            Context(past_plan="2021/2025"),
            None,
            "2021/2025",
            id="a record in five years, plan period named",
        ),
        pytest.param(
            "plan_years",
            {"count": 5, "future": True},
            Context(past_plan="2021/2025"),
            None,
            None,
            id="will double in five years",
        ),
        pytest.param(
            "plan_years",
            {"count": 5},
            Context(past_plan="2026/2030"),
            date(2026, 3, 1),
            None,
            id="a plan period not yet over",
        ),
    ],
)
def test_resolve_in_context(kind, parts, context, published, expected):
    assert resolve(kind, parts, published, context) == expected


@pytest.mark.parametrize(
    ("point", "unit", "expected"),
    [
        pytest.param("2025-12-31", "year", "2025", id="end of 2025"),
        pytest.param("2025-09-30", "month", "2025-09", id="end of September"),
        pytest.param("2025-09-30", "quarter", "2025-07/2025-09", id="end of the third quarter"),
        pytest.param("2024-06-30", "half", "2024-01/2024-06", id="end of the first half"),
        pytest.param("2030-12-31", "plan", "2026/2030", id="end of the 15th plan period"),
        pytest.param("2025-12-31", "day", "2025-12-31", id="not an end-of unit"),
        pytest.param(None, "year", None, id="unresolved"),
    ],
)
def test_period_ended(point, unit, expected):
    assert period_ended(point, unit) == expected


def test_month_helpers():
    assert last_day(2025, 2) == "2025-02-28"
    assert last_day(2025, 13) is None
    assert months_covered("2025-01/2025-02") == 2
    assert months_covered("2024-11/2025-01") == 3
    assert months_covered("2025-03") == 1
    assert months_covered("2025") is None
    assert months_covered("2025-01-28/2025-02-04") is None
    assert holiday_span(SPRING, 2025) == "2025-01-28/2025-02-04"
    assert holiday_span(SPRING, 2023) is None


def test_plan_relative_prefers_the_plan_named_in_the_text():
    context = Context(plan=15)
    assert resolve("plan_relative", {"offset": -1}, None, context) == "2021/2025"
    assert resolve("plan_relative", {"offset": 0}, date(2020, 5, 1), context) == "2026/2030"


@pytest.mark.parametrize(
    ("ordinal", "expected"),
    [
        pytest.param(1, "1953/1957", id="1st"),
        pytest.param(2, "1958/1962", id="2nd"),
        pytest.param(3, "1966/1970", id="3rd after the adjustment years"),
        pytest.param(10, "2001/2005", id="10th"),
        pytest.param(0, None, id="0th"),
    ],
)
def test_plan_period(ordinal, expected):
    assert plan_period(ordinal) == expected


@pytest.mark.parametrize("year", range(1966, 2041))
def test_plan_containing_inverts_plan_period(year):
    first, last = plan_period(plan_containing(year)).split("/")
    assert int(first) <= year <= int(last)


def test_shift_years_keeps_precision():
    assert shift_years("2024-01/2024-07", -1) == "2023-01/2023-07"
    assert shift_years("2023-03-05/2023-03-07", 1) == "2024-03-05/2024-03-07"
    assert shift_years("2024-02-29", 1) == "2025-02-28"
    assert shift_years("2026", -5) == "2021"
    assert shift_years(None, 1) is None


def test_weekday_on_or_before_is_the_publication_day_itself():
    assert weekday_on_or_before(AUG_2022, AUG_2022.weekday()) == "2022-08-07"


def test_day_on_or_before_goes_back_a_month():
    assert day_on_or_before(date(2022, 8, 5), 7) == "2022-07-07"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-02-05", date(2026, 2, 5), id="date"),
        pytest.param("2026-02-05T15:45:01", date(2026, 2, 5), id="timestamp"),
        pytest.param(None, None, id="absent"),
        pytest.param("unknown", None, id="garbage"),
    ],
)
def test_published_date(value, expected):
    assert published_date(value) == expected


@pytest.mark.parametrize(
    ("future", "context_year", "expected"),
    [
        pytest.param(True, 2025, "2026-06-30", id="pledge after a past date in its sentence"),
        pytest.param(False, 2025, "2025-06-30", id="past statement keeps the sentence's year"),
        pytest.param(True, 2027, "2027-06-30", id="future year written in the sentence"),
    ],
)
def test_a_pledge_never_ends_before_it_is_made(future, context_year, expected):
    parts = {"month": 6, "future": future, "context_year": context_year}
    assert resolve("month_end", parts, date(2026, 2, 24)) == expected
