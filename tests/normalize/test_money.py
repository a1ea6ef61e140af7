import re

import pytest

from textfacts.normalize.money import currency_iso, currency_key, currency_rows


@pytest.mark.parametrize(
    ("surface", "iso"),
    [
        pytest.param("yuan", "CNY", id="yuan"),
        pytest.param("RMB", "CNY", id="RMB"),
        pytest.param("renminbi", "CNY", id="renminbi"),
        pytest.param("CNY", "CNY", id="CNY"),
        pytest.param("dollars", "USD", id="dollars"),
        pytest.param("U.S. dollars", "USD", id="U.S. dollars"),
        pytest.param("US dollars", "USD", id="US dollars"),
        pytest.param("US$", "USD", id="US$"),
        pytest.param("USD", "USD", id="USD"),
        pytest.param("$", "USD", id="$"),
        pytest.param("HK$", "HKD", id="HK$"),
        pytest.param("hk $", "HKD", id="hk $ (tokenised copy)"),
        pytest.param("euros", "EUR", id="euros"),
        pytest.param("€", "EUR", id="euro sign"),
        pytest.param("Japanese yen", "JPY", id="Japanese yen"),
        pytest.param("£", "GBP", id="pound sign"),
        pytest.param("New Taiwan dollars", "TWD", id="New Taiwan dollars"),
    ],
)
def test_currency_iso(surface, iso):
    assert currency_iso(surface) == iso


@pytest.mark.parametrize("surface", ["bitcoin", "francs", "cents", ""], ids=str)
def test_unknown_currency(surface):
    assert currency_iso(surface) is None


def test_currency_key_ignores_case_and_spaces():
    assert currency_key("U.S.  Dollars") == currency_key("u.s. dollars") == "u.s.dollars"


def test_every_row_has_an_iso_code_and_names_its_surface():
    rows = currency_rows()
    assert len(rows) > 50
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row.iso), row
        assert row.surface in row.example, row


def test_one_surface_one_code():
    seen: dict[str, str] = {}
    for row in currency_rows():
        key = currency_key(row.surface)
        assert seen.setdefault(key, row.iso) == row.iso, row
