"""Chinese calendar references to ISO values, resolved against the publication date.

Customs commentary dates figures by parts of a year (一季度, 前三季度, 上半年, 1-11月, 前11个月),
relative years (今年, 去年, 去年同期) and plan periods (“十四五”时期); dateparser resolves
several of these wrongly, so the forms are read here (ANNOTATION-zh.md §2). `DATE` finds them
in text; `resolve` turns one surface into a value. No spaCy here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from textfacts.normalize.zh_numbers import ascii_digits, numeral_value

# Five-Year Plan periods by their short names, in either script.
PLANS = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
    "十六五": (2031, 2035),
}
_N = r"[0-9０-９]{1,2}|[一二两兩三四五六七八九十]{1,3}"
_D = r"[0-9０-９]"
_REL_YEAR = r"今年|去年|明年|前年|本年|上年|当年|當年"
_YEAR = rf"(?:19|20){_D}{_D}年"
# One alternation, longest forms first inside each branch; `resolve` re-reads the surface.
DATE = re.compile(
    rf"""
    (?=[0-9０-９“"‘「十过過未今去明前本上当當第一二三四下全同两兩五六七八九])  # a cheap first test
    (?:(?P<name_year>(?<=[\u4e00-\u9fff])(?:19|20){_D}{_D}(?=[”"’」]))
  | (?P<iso>(?:19|20){_D}{_D}-[01]?{_D}-[0-3]?{_D}(?![0-9]))
  | (?P<plan>[“"‘「]?(?:十[一二三四五六]五)[”"’」]?(?:时期|時期|期间|期間))
  | (?P<plan_since>(?<=[“"‘「])十[一二三四五六]五(?=[”"’」](?:以来|以來)))
  | (?P<past>(?:过去|過去|未来|未來|今后|今後)(?:{_N})年)
  | (?P<quarters_since>(?:{_N})[个個]季度(?:以来|以來))
  | (?P<calendar>
        (?:{_YEAR}|{_REL_YEAR})?
        (?:第?[一二三四1-4１-４]季度
          |前[二两兩三2-3２-３]季度
          |[上下]半年
          |{_D}{{1,2}}\s?(?:-|—|－|–|至|到|~|～)\s?{_D}{{1,2}}月份?
          |前(?:{_N})[个個]月
          |{_D}{{1,2}}月(?:份|{_D}{{1,2}}[日号號])?
          |全年
          |同期
        )
      | {_YEAR}|今年|去年|明年|前年|上年
    )
  | (?P<today>今天|今日)
  | (?P<last_month>上月|上个月|上個月)
  | (?P<this_month>本月)
  | (?P<day>(?<![0-9０-９月年.])[0-9０-９]{{1,2}}[日号號](?![0-9０-９])))
    """,
    re.VERBOSE,
)
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """An ISO date at the precision given; None when the date does not exist."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def months(year: int, first: int, last: int) -> str | None:
    """A span of months of one year: (2024, 1, 11) -> `2024-01/2024-11`."""
    if not 1 <= first <= last <= 12:
        return None
    if first == last:
        return iso(year, first)
    return f"{iso(year, first)}/{iso(year, last)}"


def shift_years(value: str | None, years: int) -> str | None:
    """Move every year of an ISO value: (`2024-01/2024-03`, -1) -> `2023-01/2023-03`."""
    if value is None:
        return None
    return re.sub(r"(?<![0-9])(\d{4})", lambda m: f"{int(m.group(1)) + years:04d}", value)


def _published(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _year_of(prefix: str, pub: date | None, year: int | None) -> int | None:
    """The year a calendar part belongs to: its own prefix, the stated year, the publication's."""
    if re.match(r"\d{4}年", prefix):
        return int(prefix[:4])
    base = pub.year if pub else None
    if prefix in ("今年", "本年"):
        return base
    if prefix in ("当年", "當年"):
        return year if year is not None else base
    if prefix == "去年":
        return base - 1 if base else None
    if prefix == "明年":
        return base + 1 if base else None
    if prefix == "前年":
        return base - 2 if base else None
    if prefix == "上年":
        reported = year if year is not None else base
        return reported - 1 if reported else None
    return year if year is not None else base


def resolve(
    surface: str,
    published: str | date | None,
    year: int | None = None,
    period: str | None = None,
) -> str | None:
    """ISO value of a Chinese DATE surface: `前11个月` (published 2024-12-05) -> `2024-01/2024-11`.

    Args:
        surface: the DATE text as found by `DATE`.
        published: the publication date; relative forms need it.
        year: a year the text states for this reference (else the publication year holds).
        period: the clause's period, for 去年同期 (that period a year back).
    """
    text = ascii_digits(surface.strip())
    pub = _published(published)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return text  # a year inside a name (“清源2027”)
    if text.strip('“”"‘’「」') in PLANS:
        first, last = PLANS[text.strip('“”"‘’「」')]
        return f"{first}/{last}"
    match = DATE.fullmatch(text)
    if match is None:
        return None
    if match.group("plan"):
        name = re.search(r"十[一二三四五六]五", text)
        first, last = PLANS[name.group(0)]  # type: ignore[union-attr]
        return f"{first}/{last}"
    if match.group("iso"):
        year, month, day = (int(part) for part in text.split("-"))
        return iso(year, month, day)
    if match.group("last_month"):
        if pub is None:
            return None
        year, month = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        return iso(year, month)
    if match.group("this_month"):
        return iso(pub.year, pub.month) if pub else None
    if match.group("today"):
        return pub.isoformat() if pub else None
    if match.group("day"):
        day = int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]
        return iso(pub.year, pub.month, day) if pub else None
    if match.group("past"):
        count = numeral_value(text[2:-1])
        if count is None or pub is None:
            return None
        if text[:2] in ("过去", "過去"):
            first, last = pub.year - count, pub.year - 1
        else:
            first, last = pub.year + 1, pub.year + count
        return str(first) if first == last else f"{first}/{last}"
    if match.group("quarters_since"):
        count = numeral_value(re.match(r"[^个個]+", text).group(0))  # type: ignore[union-attr]
        if count is None or pub is None:
            return None
        end = pub.year * 4 + (pub.month - 1) // 3 - 1  # the quarter before publication's
        start = end - count + 1
        return f"{iso(start // 4, start % 4 * 3 + 1)}/{iso(end // 4, end % 4 * 3 + 3)}"
    prefix_match = re.match(rf"{_YEAR}|{_REL_YEAR}", text)
    prefix = prefix_match.group(0) if prefix_match else ""
    rest = text[len(prefix) :]
    if prefix == "上年" and rest == "" and year is None and pub is not None:
        return str(pub.year - 1)
    target = _year_of(prefix, pub, year)
    if target is None:
        return None
    if rest in ("", "全年"):
        return iso(target)
    if rest == "同期":
        if prefix in ("去年", "上年") and period:
            return shift_years(period, -1)
        return iso(target) if prefix else None
    quarter = re.fullmatch(r"第?([一二三四1-4])季度", rest)
    if quarter:
        q = int(quarter.group(1)) if quarter.group(1).isdigit() else _QUARTER[quarter.group(1)]
        return months(target, q * 3 - 2, q * 3)
    first_quarters = re.fullmatch(r"前([二两兩三2-3])季度", rest)
    if first_quarters:
        n = numeral_value(first_quarters.group(1))
        return months(target, 1, 3 * n) if n else None
    if rest in ("上半年", "下半年"):
        return months(target, 1, 6) if rest == "上半年" else months(target, 7, 12)
    span = re.fullmatch(r"(\d{1,2})\s?(?:-|—|－|–|至|到|~|～)\s?(\d{1,2})月份?", rest)
    if span:
        return months(target, int(span.group(1)), int(span.group(2)))
    first_months = re.fullmatch(r"前(.+)[个個]月", rest)
    if first_months:
        n = numeral_value(first_months.group(1))
        return months(target, 1, n) if n else None
    month_day = re.fullmatch(r"(\d{1,2})月(?:份|(\d{1,2})[日号號])?", rest)
    if month_day:
        day = int(month_day.group(2)) if month_day.group(2) else None
        return iso(target, int(month_day.group(1)), day)
    return None
