"""Property tests for the number layer: phrases planted at known offsets in filler text.

langextract-style oracle: we build "<qualifier> <number> <scale> <currency>" (and percent and
quantity phrases), put them inside genre filler sentences, and check that the extractor finds
exactly the planted span with the value, unit and bound we built it from.
"""

import pytest
from helpers import assert_grounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

QUALIFIERS = [
    ("", "exact"),
    ("about", "approx"),
    ("around", "approx"),
    ("roughly", "approx"),
    ("approximately", "approx"),
    ("nearly", "at_most"),
    ("almost", "at_most"),
    ("close to", "at_most"),
    ("less than", "at_most"),
    ("up to", "at_most"),
    ("over", "at_least"),
    ("more than", "at_least"),
    ("at least", "at_least"),
    ("exceeding", "at_least"),
]
SCALES = [("", 1.0), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)]
AFTER = [
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("U.S. dollars", "USD"),
    ("US dollars", "USD"),
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("Japanese yen", "JPY"),
    ("USD", "USD"),
]
BEFORE = [
    ("RMB", "CNY"),
    ("RMB ", "CNY"),
    ("US$", "USD"),
    ("$", "USD"),
    ("HK$", "HKD"),
    ("€", "EUR"),
    ("USD ", "USD"),
]
PERCENT_UNITS = [
    ("%", "percent"),
    (" percent", "percent"),
    (" per cent", "percent"),
    (" pct", "percent"),
    (" percentage points", "percentage_point"),
]
QUANTITY_UNITS = [
    ("tons", "ton"),
    ("tonnes", "ton"),
    ("containers", "container"),
    ("enterprises", "enterprise"),
    ("declarations", "declaration"),
    ("hours", "hour"),
    ("economies", "economy"),
    ("times", "time"),
]
PREFIXES = [
    "According to the General Administration of Customs, the figure was ",
    "In the period under review, the total value stood at ",
    "Officials said the ports handled ",
    "",
]
SUFFIXES = [" in the first half.", ", customs data showed.", ".", " year on year, Sun said."]


@st.composite
def numbers(draw):
    """A digit figure as the genre writes it and its value: '1,234.5' → 1234.5."""
    whole = draw(st.integers(min_value=1, max_value=99_999))
    decimals = draw(st.sampled_from(["", "1", "25", "85", "5"]))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if decimals:
        text += "." + decimals
    return text, float(f"{whole}.{decimals}" if decimals else whole)


def plant(prefix, qualifier, phrase, suffix):
    """Text with the phrase planted after filler and qualifier, and the phrase's offsets."""
    lead = prefix + (qualifier + " " if qualifier else "")
    if not prefix:
        lead = lead[:1].upper() + lead[1:]
    start = len(lead)
    return lead + phrase + suffix, start, start + len(phrase)


def only_figure(document, start, end):
    found = [m for m in document.mentions if m.label in ("MONEY", "PERCENT", "QUANTITY")]
    assert [(m.start, m.end) for m in found] == [(start, end)], [m.text for m in found]
    return found[0]


@SETTINGS
@given(
    number=numbers(),
    qualifier=st.sampled_from(QUALIFIERS),
    scale=st.sampled_from(SCALES),
    currency=st.sampled_from(AFTER + BEFORE),
    prefix=st.sampled_from(PREFIXES),
    suffix=st.sampled_from(SUFFIXES),
)
def test_planted_money(extractor, number, qualifier, scale, currency, prefix, suffix):
    (digits, value), (word, bound), (scale_word, factor), (mark, iso) = (
        number,
        qualifier,
        scale,
        currency,
    )
    amount = f"{digits} {scale_word}".strip()
    phrase = f"{mark}{amount}" if (mark, iso) in BEFORE else f"{amount} {mark}"
    text, start, end = plant(prefix, word, phrase, suffix)
    document = extractor(text)
    mention = only_figure(document, start, end)
    assert mention.label == "MONEY"
    assert mention.value == pytest.approx(value * factor, rel=1e-9)
    assert mention.unit == iso
    assert mention.bound == bound
    assert_grounded(document)


@SETTINGS
@given(
    number=numbers(),
    qualifier=st.sampled_from(QUALIFIERS),
    unit=st.sampled_from(PERCENT_UNITS),
    negative=st.booleans(),
    prefix=st.sampled_from(PREFIXES),
    suffix=st.sampled_from(SUFFIXES),
)
def test_planted_percent(extractor, number, qualifier, unit, negative, prefix, suffix):
    (digits, value), (word, bound), (mark, lemma) = number, qualifier, unit
    sign = "-" if negative else ""
    text, start, end = plant(prefix, word, f"{sign}{digits}{mark}", suffix)
    document = extractor(text)
    mention = only_figure(document, start, end)
    assert mention.label == "PERCENT"
    assert mention.value == pytest.approx(-value if negative else value)
    assert mention.unit == lemma
    assert mention.bound == bound
    assert_grounded(document)


@SETTINGS
@given(
    number=numbers(),
    qualifier=st.sampled_from(QUALIFIERS),
    scale=st.sampled_from(SCALES[:4]),
    unit=st.sampled_from(QUANTITY_UNITS),
    prefix=st.sampled_from(PREFIXES[:3]),
    suffix=st.sampled_from(SUFFIXES),
)
def test_planted_quantity(extractor, number, qualifier, scale, unit, prefix, suffix):
    (digits, value), (word, bound), (scale_word, factor), (noun, lemma) = (
        number,
        qualifier,
        scale,
        unit,
    )
    if not scale_word and digits.isdigit() and 1800 <= int(digits) <= 2199:
        digits = f"{int(digits):,}"  # a bare four-digit year is a DATE, not a count
    phrase = f"{digits} {scale_word} {noun}".replace("  ", " ")
    text, start, end = plant(prefix, word, phrase, suffix)
    document = extractor(text)
    mention = only_figure(document, start, end)
    assert mention.label == "QUANTITY"
    assert mention.value == pytest.approx(value * factor, rel=1e-9)
    assert mention.unit == lemma
    assert mention.bound == bound
    assert_grounded(document)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("0123456789 ,.-+%$€¥RMBUSDbnmiltrnyuaperct\n")), max_size=60
    )
)
def test_adversarial_number_soup_stays_grounded(extractor, text):
    doc = extractor.nlp(extractor.make_doc(text))
    for span in doc.spans["textfacts_numbers"]:
        assert doc.text[span.start_char : span.end_char] == span.text
        assert span.label_ in ("MONEY", "PERCENT", "QUANTITY")
        attrs = span._.textfacts
        assert isinstance(attrs["value"], float)
        assert attrs["bound"] in ("exact", "approx", "at_least", "at_most")
