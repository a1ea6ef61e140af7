"""Chinese DATE values against the publication date (ANNOTATION-zh.md §2); own resolver,
because dateparser resolves 前11个月 and 去年同期 wrongly."""

import pytest

from textfacts.normalize.zh_dates import DATE, resolve, shift_years

PUB = "2025-04-18"


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        pytest.param("2023年", "2023", id="2023年"),
        pytest.param("2023年6月", "2023-06", id="2023年6月"),
        pytest.param("2023年6月30日", "2023-06-30", id="2023年6月30日"),
        pytest.param("3月", "2025-03", id="3月"),
        pytest.param("3月份", "2025-03", id="3月份"),
        pytest.param("4月9日", "2025-04-09", id="4月9日"),
        pytest.param("9日", "2025-04-09", id="9日"),
        pytest.param("一季度", "2025-01/2025-03", id="一季度"),
        pytest.param("第二季度", "2025-04/2025-06", id="第二季度"),
        pytest.param("四季度", "2025-10/2025-12", id="四季度"),
        pytest.param("去年四季度", "2024-10/2024-12", id="去年四季度"),
        pytest.param("今年一季度", "2025-01/2025-03", id="今年一季度"),
        pytest.param("2022年三季度", "2022-07/2022-09", id="2022年三季度"),
        pytest.param("前三季度", "2025-01/2025-09", id="前三季度"),
        pytest.param("上半年", "2025-01/2025-06", id="上半年"),
        pytest.param("去年下半年", "2024-07/2024-12", id="去年下半年"),
        pytest.param("1-2月", "2025-01/2025-02", id="1-2月"),
        pytest.param("1至11月", "2025-01/2025-11", id="1至11月"),
        pytest.param("2024年1-11月", "2024-01/2024-11", id="2024年1-11月"),
        pytest.param("前11个月", "2025-01/2025-11", id="前11个月"),
        pytest.param("前两个月", "2025-01/2025-02", id="前两个月"),
        pytest.param("今年", "2025", id="今年"),
        pytest.param("去年", "2024", id="去年"),
        pytest.param("明年", "2026", id="明年"),
        pytest.param("今天", "2025-04-18", id="今天"),
        pytest.param("上月", "2025-03", id="上月"),
        pytest.param("本月", "2025-04", id="本月"),
        pytest.param("「十四五」時期", "2021/2025", id="plan in corner brackets"),
        pytest.param("上个月", "2025-03", id="上个月"),
        pytest.param("全年", "2025", id="全年"),
        pytest.param("“十四五”时期", "2021/2025", id="十四五时期"),
        pytest.param("“十五五”時期", "2026/2030", id="十五五時期"),
        pytest.param("十三五", "2016/2020", id="十三五 after since"),
        pytest.param("过去五年", "2020/2024", id="过去五年"),
        pytest.param("過去一年", "2024", id="過去一年"),
        pytest.param("未来五年", "2026/2030", id="未来五年"),
        pytest.param("6个季度以来", "2023-10/2025-03", id="6个季度以来"),
        pytest.param("上年", "2024", id="上年"),
        pytest.param("2031", "2031", id="a name's year"),
        pytest.param("2025-10-14", "2025-10-14", id="iso"),
        pytest.param("13月", None, id="no month 13"),
        pytest.param("2月30日", None, id="no February 30"),
    ],
)
def test_resolve(surface, value):
    assert resolve(surface, PUB) == value


def test_stated_year_wins_over_publication():
    assert resolve("一季度", PUB, year=2022) == "2022-01/2022-03"
    assert resolve("上年", PUB, year=2019) == "2018"


def test_same_period_last_year_shifts_the_clause_period():
    assert resolve("去年同期", PUB, period="2025-01/2025-03") == "2024-01/2024-03"
    assert resolve("去年同期", PUB) == "2024"


def test_relative_forms_need_a_publication_date():
    assert resolve("今年一季度", None) is None
    assert resolve("2023年", None) == "2023"


def test_shift_years():
    assert shift_years("2025-01/2025-03", -1) == "2024-01/2024-03" and shift_years(None, 1) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("今年以来，出口增长", ["今年"], id="X以来 keeps X"),
        pytest.param("“十四五”以来成效显著", ["十四五"], id="plan since"),
        pytest.param("“十四五”时期外贸", ["“十四五”时期"], id="plan period keeps quotes"),
        pytest.param("海关总署9日发布", ["9日"], id="bare day"),
        pytest.param("2024年1-11月进出口", ["2024年1-11月"], id="year and month span"),
        pytest.param("创8个季度以来新高", ["8个季度以来"], id="quarters since"),
        pytest.param("开展“清风2031”行动", ["2031"], id="year inside a campaign name"),
        pytest.param("2025-10-14 09:30", ["2025-10-14"], id="iso date"),
    ],
)
def test_date_pattern_spans(text, found):
    assert [m.group(0) for m in DATE.finditer(text)] == found
