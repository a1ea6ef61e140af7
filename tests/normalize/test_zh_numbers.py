"""Chinese figures: digits with 万/亿 scales (both scripts), full-width digits, numerals."""

import pytest

from textfacts.normalize.zh_numbers import numeral_value, parse_digits, scale_of, scaled, tenths


@pytest.mark.parametrize(
    ("number", "scale", "value"),
    [
        pytest.param("43.85", "万亿", 4.385e13, id="43.85万亿"),
        pytest.param("43.85", "萬億", 4.385e13, id="43.85萬億"),
        pytest.param("5354.8", "亿", 5.3548e11, id="5354.8亿"),
        pytest.param("52", "億", 5.2e9, id="52億"),
        pytest.param("4", "万", 4e4, id="4万"),
        pytest.param("3", "十万", 3e5, id="3十万"),
        pytest.param("1.2", "千亿", 1.2e11, id="1.2千亿"),
        pytest.param("1,234.5", "", 1234.5, id="1,234.5"),
        pytest.param("１２．５", "万", 1.25e5, id="full-width"),
    ],
)
def test_scaled(number, scale, value):
    assert scaled(number, scale) == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        pytest.param("1.5", 1.5, id="decimal"),
        pytest.param("12,000", 12000.0, id="thousands"),
        pytest.param("12..5", None, id="two points"),
        pytest.param("五", None, id="numeral is not digits"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_digits(surface, value):
    assert parse_digits(surface) == value


def test_scale_words():
    assert scale_of("") == 1.0 and scale_of("万亿") == 1e12 and scale_of("千克") is None


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("五", 5),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("九十九", 99),
        ("两", 2),
        ("12", 12),
        ("百", None),
        ("一百二十", None),
        ("", None),
    ],
)
def test_numeral_value(surface, value):
    assert numeral_value(surface) == value


def test_tenths_are_percent():
    assert tenths("3") == 30.0 and tenths("x") is None
