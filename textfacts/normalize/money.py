"""Currency surfaces to ISO 4217 codes, from lexicons/currencies.tsv.

The genre writes one currency many ways: "yuan", "RMB", "renminbi", "CNY" are CNY;
"dollars", "U.S. dollars", "US$", "USD", "$" are USD; "HK$" is HKD. Lookup ignores
case and inner spaces, so "hk $" (tokenised copy) and "HK$" agree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from textfacts.resources import data_path, read_tsv


class CurrencyRow(BaseModel):
    """One row of lexicons/currencies.tsv."""

    model_config = ConfigDict(extra="forbid")
    surface: str
    iso: str
    position: Literal["before", "after", "both"]
    case: Literal["any", "exact"] = "any"
    example: str


def currency_key(surface: str) -> str:
    """Lookup key of a currency surface, case and spaces ignored: "US Dollars" → "usdollars"."""
    return "".join(surface.split()).lower()


@lru_cache(maxsize=8)
def currency_rows(data_dir: str | None = None) -> tuple[CurrencyRow, ...]:
    """The rows of lexicons/currencies.tsv."""
    return tuple(read_tsv(data_path(data_dir, "lexicons/currencies.tsv"), CurrencyRow))


@lru_cache(maxsize=8)
def currency_table(data_dir: str | None = None) -> dict[str, str]:
    """Currency key → ISO code: {"rmb": "CNY", "us$": "USD", "hk$": "HKD", ...}."""
    return {currency_key(row.surface): row.iso for row in currency_rows(data_dir)}


def currency_iso(surface: str, table: dict[str, str] | None = None) -> str | None:
    """ISO 4217 code of a currency surface: "U.S. dollars" → "USD"; None if unknown."""
    table = currency_table() if table is None else table
    return table.get(currency_key(surface))
