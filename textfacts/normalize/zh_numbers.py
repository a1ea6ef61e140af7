"""Chinese figures as written to floats: digits with 万/亿 scales, 百分之N, N成, Chinese numerals.

Customs statistics write digits followed by a scale word (`10.17万亿元`, `4.43萬億`, `5354.8亿`);
the scale is the product of its characters (十万 = 1e5, 万亿 = 1e12), in either script.
Full-width digits (`１２３`) occur in copy from PDFs and are read as ASCII. No spaCy here.
"""

from __future__ import annotations

import re

# Multipliers of the scale characters; a scale word's value is their product (千亿 = 1e11).
SCALE_CHARS = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
# Digits of Chinese numerals, for dates and spans written without digits (一季度, 过去五年).
NUMERAL_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$")


def ascii_digits(surface: str) -> str:
    """Full-width digits and marks to ASCII: `１２．５` -> `12.5`."""
    return surface.translate(_FULLWIDTH)


def parse_digits(surface: str) -> float | None:
    """A digit figure to a float: `1,234.5` -> 1234.5; None when it is not one."""
    text = ascii_digits(surface.strip())
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def scale_of(word: str) -> float | None:
    """Multiplier of a scale word: `万亿` -> 1e12, `億` -> 1e8, `` -> 1; None if not a scale."""
    value = 1.0
    for char in word:
        if char not in SCALE_CHARS:
            return None
        value *= SCALE_CHARS[char]
    return value


def scaled(number: str, scale: str = "") -> float | None:
    """Digits times a scale word: (`43.85`, `万亿`) -> 4.385e13."""
    value, multiplier = parse_digits(number), scale_of(scale)
    if value is None or multiplier is None:
        return None
    return round(value * multiplier, 6)


def numeral_value(surface: str) -> int | None:
    """A small Chinese numeral or digit string to an int: `十一` -> 11, `五` -> 5, `12` -> 12.

    Covers what dates and spans need (up to 99); larger numerals return None.
    """
    text = ascii_digits(surface)
    if text.isdigit():
        return int(text)
    if not text or any(c not in NUMERAL_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return NUMERAL_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    high = NUMERAL_DIGITS[tens] if tens else 1
    low = NUMERAL_DIGITS[units] if units else 0
    return high * 10 + low


def tenths(number: str) -> float | None:
    """A digit before 成 (tenths) as a percentage: `3` -> 30.0."""
    value = parse_digits(number)
    return None if value is None else round(value * 10, 6)
