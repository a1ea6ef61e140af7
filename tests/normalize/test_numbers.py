import pytest

from textfacts.normalize.numbers import (
    is_number,
    is_year,
    parse_number,
    scale_of,
    scale_table,
    words_to_number,
)


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        pytest.param("6,000", 6000.0, id="thousands separator"),
        pytest.param("1,234.5", 1234.5, id="separator and decimals"),
        pytest.param("15,349.3", 15349.3, id="as written even when large"),
        pytest.param("43.85", 43.85, id="decimal"),
        pytest.param("-2.1", -2.1, id="minus sign"),
        pytest.param("\u22122.1", -2.1, id="unicode minus"),
        pytest.param("+3", 3.0, id="plus sign"),
        pytest.param("1,000,000", 1e6, id="two separators"),
        pytest.param("8-point-4", 8.4, id="spelled-out decimal point"),
    ],
)
def test_parse_number(surface, value):
    assert parse_number(surface) == pytest.approx(value)


@pytest.mark.parametrize(
    "surface",
    [
        pytest.param("18th", id="ordinal"),
        pytest.param("24/7", id="slash"),
        pytest.param("COVID-19", id="inside a name"),
        pytest.param("12,34,567", id="indian grouping"),
        pytest.param("15:45", id="clock time"),
        pytest.param("two", id="number word"),
    ],
)
def test_not_a_digit_figure(surface):
    assert not is_number(surface)
    with pytest.raises(ValueError):
        parse_number(surface)


@pytest.mark.parametrize(
    ("surface", "year"),
    [
        pytest.param("2023", True, id="year"),
        pytest.param("1998", True, id="last century"),
        pytest.param("2,023", False, id="separator: a count"),
        pytest.param("3000", False, id="outside year range"),
        pytest.param("202", False, id="three digits"),
    ],
)
def test_is_year(surface, year):
    assert is_year(surface) is year


@pytest.mark.parametrize(
    ("words", "factor"),
    [
        pytest.param(["trillion"], 1e12, id="trillion"),
        pytest.param(["billion"], 1e9, id="billion"),
        pytest.param(["bn"], 1e9, id="bn"),
        pytest.param(["mln"], 1e6, id="mln"),
        pytest.param(["tn"], 1e12, id="tn"),
        pytest.param(["Million"], 1e6, id="case-insensitive"),
        pytest.param(["hundred", "million"], 1e8, id="hundred million"),
        pytest.param([], 1.0, id="no scale"),
    ],
)
def test_scale_of(words, factor):
    assert scale_of(words) == pytest.approx(factor)


def test_unknown_scale_raises():
    with pytest.raises(KeyError):
        scale_of(["zillion"])


@pytest.mark.parametrize(
    ("words", "value"),
    [
        pytest.param(["two"], 2.0, id="two"),
        pytest.param(["twenty", "-", "two"], 22.0, id="twenty-two"),
        pytest.param(["one", "hundred"], 100.0, id="one hundred"),
        pytest.param(["one", "-", "third"], 1 / 3, id="one-third"),
        pytest.param(["two", "-", "thirds"], 2 / 3, id="two-thirds"),
        pytest.param(["half"], 0.5, id="half"),
        pytest.param(["three", "quarters"], 0.75, id="three quarters"),
        pytest.param(["a"], 1.0, id="a (trillion)"),
    ],
)
def test_words_to_number(words, value):
    assert words_to_number(words) == pytest.approx(value)


@pytest.mark.parametrize("words", [["several"], ["dozens"], []], ids=["several", "dozens", "empty"])
def test_words_to_number_unknown(words):
    assert words_to_number(words) is None


def test_scale_table_is_lower_case_and_positive():
    table = scale_table()
    assert table and all(k == k.lower() and v > 1 for k, v in table.items())
