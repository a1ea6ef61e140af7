"""Date calls of ANNOTATION.md §7 (v1.1) on invented sentences."""

from __future__ import annotations

import pytest


def dates(extractor, text: str, published: str | None) -> list[tuple[str, str | None]]:
    document = extractor(text, meta={"published": published} if published else None)
    return [(m.text, m.value) for m in document.mentions if m.label == "DATE"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Exports rose 4 percent in the four quarter of 2030.",
            "2031-02-01",
            ("four quarter of 2030", "2030-10/2030-12"),
        ),
        (
            "The new rules took effect on the 9th of last month.",
            "2031-05-12",
            ("9th of last month", "2031-04-09"),
        ),
        (
            "Customs plans more pilot zones in this new year.",
            "2031-01-05",
            ("this new year", "2031"),
        ),
    ],
)
def test_garbled_and_compound_dates_are_one_date(extractor, text, published, expected):
    assert expected in dates(extractor, text, published)


def test_an_unyeared_month_takes_the_year_the_text_states(extractor):
    text = "In 2018, exports grew 7 percent. In December, they rose 3 percent."
    assert ("December", "2018-12") in dates(extractor, text, None)


def test_a_baseline_year_does_not_date_a_later_month(extractor):
    text = "Exports grew 7 percent compared with 2012. In December, they rose 3 percent."
    assert ("December", None) in dates(extractor, text, None)
