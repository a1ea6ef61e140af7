"""Property tests for customs-zh: hostile Chinese text never makes extraction raise, offsets stay
grounded, and planted figures are found with their values wherever they stand."""

import pytest
from helpers import assert_grounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Fragments of the genre (written for these tests), and what scraped pages add.
GENRE = [
    "海关总署新闻发言人张明介绍，",
    "今年前三季度，",
    "我国货物贸易进出口总值",
    "31.5万亿元，",
    "同比增长4.2%。",
    "其中，",
    "分别增长3.1%、6.4%",
    "海关将继续优化",
    "一是",
    "二是",
    "；",
    "“十四五”时期",
    "約3.2萬億元",
    "4万余批",
    "近8%",
    "1-11月",
    "去年同期",
    "记者：",
    "王立：",
    "〔2025〕17号",
    "上午9时30分",
    "《海关法》",
    "“清风2031”行动",
    "占比提升1.2个百分点",
]
HOSTILE = [
    "\n",
    "\r\n",
    "\u3000",
    "“",
    "”",
    "（",
    "）",
    "、",
    "，",
    "。",
    "％",
    "．",
    "１２",
    "\ufeff",
    "\u200b",
    "…",
    "—",
    "·",
    "\U0001f4c8",
    "\ufffd",
    "年",
    "月",
    "日",
    "亿",
    "万",
    "个",
]
_FRAGMENT = st.one_of(
    st.sampled_from(GENRE),
    st.sampled_from(HOSTILE),
    st.text(alphabet="0123456789.,%-年月日万亿个百分点元吨起将要海关总署司长", max_size=12),
    st.text(max_size=8),
)
TEXT = st.lists(_FRAGMENT, min_size=1, max_size=30).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=TEXT)
def test_hostile_chinese_never_raises_and_stays_grounded(zh_extractor, text):
    if not text.strip():
        return
    assert_grounded(zh_extractor(text, {"published": "2025-10-14"}))


@pytest.mark.parametrize(
    ("figure", "label", "value", "unit"),
    [
        ("12.5万亿元", "MONEY", 1.25e13, "CNY"),
        ("3.6%", "PERCENT", 3.6, "percent"),
        ("0.8个百分点", "PERCENT", 0.8, "percentage_point"),
        ("52億噸", "QUANTITY", 5.2e9, "ton"),
    ],
)
@SETTINGS
@given(
    before=st.sampled_from(["", "据海关统计，", "其中，出口", "。\n", "今年上半年，我国进口"]),
    after=st.sampled_from(["", "。", "，增长较快。", "；", "\n记者：谢谢。"]),
)
def test_planted_figure_is_found_with_its_value(
    zh_extractor, figure, label, value, unit, before, after
):
    text = before + figure + after
    document = zh_extractor(text, {"published": "2025-10-14"})
    assert_grounded(document)
    found = [m for m in document.mentions if m.text == figure]
    assert len(found) == 1 and found[0].label == label
    assert found[0].start == len(before)
    assert found[0].value == pytest.approx(value) and found[0].unit == unit
