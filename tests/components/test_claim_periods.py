"""Which DATE dates a figure, and how a period carries (ANNOTATION.md §7), on invented text."""

from __future__ import annotations

import pytest
from helpers import assert_grounded

META = {"published": "2031-05-12"}


def periods(extractor, text: str) -> dict[str, str | None]:
    """Anchor text → period text for every claim of a document."""
    document = extractor(text, meta=META)
    assert_grounded(document)
    return {
        document.mention(c.anchor).text: (document.mention(c.period).text if c.period else None)
        for c in document.claims
    }


def test_dateline_release_date_and_baseline_never_date_a_figure(extractor):
    text = (
        "SHANGHAI, April 2 (Xinhua) -- Rail exports grew 8.4 percent to 510 billion yuan in "
        "the first quarter of 2031 from 2029 levels, data released Tuesday showed."
    )
    got = periods(extractor, text)
    assert got["8.4 percent"] == "first quarter of 2031"
    assert got["510 billion yuan"] == "first quarter of 2031"


def test_agency_dateline_is_not_a_period(extractor):
    text = "(Harbour Daily) March 3 -- Grain imports fell 6.2 percent in the first two months."
    assert periods(extractor, text)["6.2 percent"] == "first two months"


def test_period_carries_across_lines_until_a_heading(extractor):
    text = (
        "In 2030, customs handled 5,200 smuggling cases.\n"
        "Of these, 740 involved narcotics.\n"
        "Officers also seized 2.6 tons of ivory.\n"
        "Port services\n"
        "The northern terminal handled 900 ships."
    )
    got = periods(extractor, text)
    assert got["5,200 smuggling cases"] == "2030"
    assert got["2.6 tons"] == "2030"
    assert got["900 ships"] is None


def test_figure_in_the_subject_takes_its_clause_date(extractor):
    text = "A total of 4,130 smuggling cases were investigated nationwide last year."
    assert periods(extractor, text)["4,130 smuggling cases"] == "last year"


def test_a_year_inside_a_quoted_name_neither_dates_nor_stops_the_carry(extractor):
    text = (
        "In 2030, the bureau checked 61,000 containers.\n"
        "Its \u201cClean Harbour 2031\u201d drive later seized 3,400 tons of scrap."
    )
    assert periods(extractor, text)["3,400 tons"] == "2030"


def test_a_bracketed_restatement_gives_way_to_the_period_it_restates(extractor):
    text = (
        "Exporters shipped 9.6 billion tons of goods over the 15th Five-Year Plan period "
        "(2026 to 2030)."
    )
    assert periods(extractor, text)["9.6 billion tons"] == "15th Five-Year Plan period"


def test_a_multiple_of_an_earlier_year_keeps_the_reporting_year(extractor):
    text = "Seizures of ivory reached 1,200 kilograms in 2030, 3.1 times the volume in 2028."
    got = periods(extractor, text)
    assert got["1,200 kilograms"] == "2030"
    assert got["3.1 times"] == "2030"


@pytest.mark.parametrize(
    "second",
    [
        "The platform has connected 45 agencies.",
        "The platform now links 45 agencies.",
    ],
)
def test_a_present_state_does_not_inherit_a_past_period(extractor, second):
    text = f"In 2030, imports rose 3 percent.\n{second}"
    assert periods(extractor, text)["45 agencies"] is None


def test_a_date_on_the_figures_own_verb_wins_over_a_shared_one(extractor):
    text = (
        "Scrap imports dropped from 9.1 million tons in 2029 to 7.2 million tons in 2030 and "
        "totaled 3.3 million tons in the first half of 2031."
    )
    assert periods(extractor, text)["3.3 million tons"] == "first half of 2031"


def test_a_later_date_dates_a_figure_no_clause_claims(extractor):
    text = (
        "The cargo and container throughput of the port registered year-on-year growth of "
        "2.1 percent and 6.5 percent respectively in the first ten months of 2030."
    )
    got = periods(extractor, text)
    assert got["2.1 percent"] == "first ten months of 2030"


def test_a_numeric_date_is_not_read_as_a_figure_and_a_page_date_is_no_period(extractor):
    document = extractor("date 2030-03-07 Exports rose 3 percent in February", meta=META)
    figures = [m.text for m in document.mentions if m.label in ("QUANTITY", "MONEY", "PERCENT")]
    assert figures == ["3 percent"]
    assert periods(extractor, "date 2030-03-07 Exports rose 3 percent in February") == {
        "3 percent": "February"
    }


def test_a_period_stated_in_the_perfect_dates_the_perfect_sentences_after_it(extractor):
    text = (
        "During the 15th Five-Year Plan period, customs has run 40 joint campaigns.\n"
        "These campaigns have reached 19 provinces."
    )
    assert periods(extractor, text)["19 provinces"] == "15th Five-Year Plan period"


def test_a_month_alone_is_an_aside_the_reported_period_goes_on_after(extractor):
    text = (
        "Exports rose 7.2 percent to 20.7 trillion yuan in the first 10 months of 2026.\n"
        "In October alone, exports fell 1.1 percent from a year earlier.\n"
        "Trade with the EU reached 4.7 trillion yuan, up 3.2 percent."
    )
    found = periods(extractor, text)
    assert found["1.1 percent"] == "October"
    assert found["4.7 trillion yuan"] == "first 10 months of 2026"


def test_a_dated_lead_sentence_dates_the_list_below_it(extractor):
    text = (
        "Port Review, First Half of 2026\n\n"
        "Trade through the port in the first half of 2026 was stable. Its main lines are "
        "listed below.\n\n"
        "1. Bulk cargo held up. It rose by 3.1% to 120 million tons.\n\n"
        "2. Container volumes grew. They reached 9.2 million TEUs."
    )
    assert set(periods(extractor, text).values()) == {"first half of 2026"}


@pytest.mark.parametrize(
    "lead",
    [
        "This year, customs will open two more green lanes.",  # a plan
        "By May, the port had met its target of cutting waiting times by half from 2023.",
        "Trade rose on a low base from the first half of 2025, analysts said.",
    ],
)
def test_what_a_lead_sentence_does_not_date(extractor, lead):
    text = f"{lead}\nRice imports totaled 80,000 tons."
    document = extractor(text, meta={"published": "2026-07-20"})
    (claim,) = document.claims
    assert claim.period is None


def test_the_same_period_of_a_year_is_a_baseline(extractor):
    text = "Exports rose 6.5 percent from the same period of 2025 to 2.2 trillion yuan in May."
    document = extractor(text, meta={"published": "2026-06-09"})
    change = next(c for c in document.claims if c.kind == "change")
    assert document.mention(change.period).text == "May"
    assert change.comparison == "the same period of 2025"
