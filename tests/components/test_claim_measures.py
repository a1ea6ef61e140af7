"""What a figure measures (ANNOTATION.md §7 'measure'), on invented sentences."""

from __future__ import annotations

import pytest
from helpers import assert_grounded

META = {"published": "2031-05-12"}


def claims(extractor, text: str) -> dict[str, tuple[str | None, str, str | None]]:
    """Anchor text → (measure, kind, subject)."""
    document = extractor(text, meta=META)
    assert_grounded(document)
    return {
        document.mention(c.anchor).text: (c.measure, c.kind, c.subject) for c in document.claims
    }


def test_a_partners_share_measures_the_whole_and_names_the_partner(extractor):
    got = claims(extractor, "By origin, Peru accounted for 38.5% of zinc ore imports in 2030.")
    assert got["38.5%"] == ("zinc ore imports", "share", "Peru")


def test_a_breakdown_by_item_gives_each_figure_its_item(extractor):
    text = "Green exports grew in 2030, by 27% for heat pumps and 14% for electric scooters."
    got = claims(extractor, text)
    assert got["27%"][0] == "heat pumps"
    assert got["14%"][0] == "electric scooters"


def test_these_goods_refers_back_to_the_goods_just_measured(extractor):
    text = "Soybean imports hit 88 billion dollars in 2030. These goods made up 9 percent."
    assert claims(extractor, text)["9 percent"][0] == "Soybean imports"


def test_a_counting_word_gives_way_to_what_it_counts(extractor):
    got = claims(extractor, "Customs processed 610 million pieces of parcel post in 2030.")
    assert got["610 million pieces"][0] == "parcel post"


def test_the_value_involved_measures_the_cases_just_counted(extractor):
    text = "Police cracked 415 cases involving a total value of 2.2 billion yuan in 2030."
    assert claims(extractor, text)["2.2 billion yuan"][0] == "cases"


@pytest.mark.parametrize(
    ("second", "anchor"),
    [
        ("The number was up 12.5 percent from 2029.", "12.5 percent"),
        ("The figure jumped 1.4 times from 2028.", "1.4 times"),
    ],
)
def test_a_word_for_the_statistic_refers_to_the_figure_before(extractor, second, anchor):
    text = f"A total of 2,870 fraud cases were handled in 2030. {second}"
    assert claims(extractor, text)[anchor][0] == "fraud cases"


def test_a_share_noun_makes_a_percent_level_a_share(extractor):
    got = claims(extractor, "The proportion of paperless declarations reached 97 percent in 2030.")
    assert got["97 percent"][1] == "share"


def test_a_count_keeps_the_modifiers_that_tell_it_apart(extractor):
    text = "Officers opened 212 cases involving counterfeit seeds in 2030."
    assert claims(extractor, text)["212 cases"][0] == "cases involving counterfeit seeds"


def test_a_count_stops_at_a_date_or_a_comma(extractor):
    text = "Officers opened 212 cases in 2030, most of them at sea."
    assert claims(extractor, text)["212 cases"][0] == "cases"


def test_a_multiple_of_the_amount_measures_the_figure_before_it(extractor):
    text = (
        "In 2030, officers seized 41,200 tons of scrap metal, about 2.3 times the amount in 2028."
    )
    assert claims(extractor, text)["2.3 times"][0] == "scrap metal"


def test_respectively_items_are_read_off_the_text_when_the_parse_has_no_verb(extractor):
    text = (
        "The berth occupancy and crane productivity of Meizhou Bay Port registered year-on-year "
        "growth of 2.2 percent and 5.9 percent respectively in the first half of 2030."
    )
    got = claims(extractor, text)
    assert got["2.2 percent"][0].startswith("berth occupancy")
    assert got["5.9 percent"][0].startswith("crane productivity")


def test_month_by_month_changes_keep_their_months_and_what_they_measure(extractor):
    text = (
        "Machinery exports fell in January. They returned to a positive increase of 7% in "
        "February, and further increased by 12.5% in March."
    )
    document = extractor(text, meta=META)
    got = {
        document.mention(c.anchor).text: (c.measure, document.mention(c.period).text)
        for c in document.claims
    }
    assert got == {
        "7%": ("Machinery exports", "February"),
        "12.5%": ("Machinery exports", "March"),
    }


def test_a_flat_month_does_not_date_the_next_months_change(extractor):
    text = "Textile exports remained flat in April, and increased by 4% in May."
    document = extractor(text, meta=META)
    claim = document.claims[0]
    assert document.mention(claim.period).text == "May"


@pytest.mark.parametrize(
    "text",
    [
        "Analysts expect exports to grow 5 percent next year.",
        "The goal is to cut overall clearance time by 20 percent by 2033.",
        "Firms with annual sales of 50 million yuan or more qualify for the scheme.",
        "Placed end to end, the containers would stretch 3,000 kilometers.",
        "Growth will probably slow to 4 percent in 2032, the economist said.",
    ],
)
def test_forecasts_targets_thresholds_and_hypotheticals_get_no_claim(extractor, text):
    assert claims(extractor, text) == {}


def test_a_clause_beside_a_target_keeps_its_fact(extractor):
    text = "Exports rose 5 percent in 2030, which will help firms hire."
    assert "5 percent" in claims(extractor, text)


def test_a_will_about_a_period_already_past_is_a_fact(extractor):
    text = "By 2029, the bilateral trade volume will reach 2.1 trillion yuan."
    assert "2.1 trillion yuan" in claims(extractor, text)


@pytest.mark.parametrize(
    ("text", "level", "measure"),
    [
        (
            "In 2030, imports of ore saw a 4.1% decrease to 2.3 trillion yuan.",
            "2.3 trillion yuan",
            "imports of ore",
        ),
        (
            "Timber exports posted a rise of 6 percent to 80 billion yuan last year.",
            "80 billion yuan",
            "Timber exports",
        ),
    ],
)
def test_a_figure_after_a_change_to_is_the_level_reached(extractor, text, level, measure):
    """ "X saw a 4% decrease to Y": Y is X's level, not a change (§4 kinds)."""
    got = claims(extractor, text)
    assert got[level][:2] == (measure, "level"), got


def test_growth_as_the_subject_still_makes_a_change(extractor):
    got = claims(extractor, "The growth of trade with Laos reached 2.1 billion yuan in 2030.")
    assert got["2.1 billion yuan"][1] == "change"


def test_an_infinitive_after_a_count_tells_it_apart(extractor):
    """ "12 measures to support fruit exporters": which measures are counted (§4 measure)."""
    got = claims(extractor, "In May, customs rolled out 12 measures to support fruit exporters.")
    assert got["12 measures"][:2] == ("measures to support fruit exporters", "count")


def test_the_infinitive_stops_at_a_comma(extractor):
    text = "The GAC issued 9 measures to cut port fees, the first set this year."
    assert claims(extractor, text)["9 measures"][0] == "measures to cut port fees"


def test_an_adjective_phrase_after_a_count_tells_it_apart(extractor):
    """ "35 ports open to foreign vessels": an adjective with its own phrase after the noun."""
    text = "During the period, 35 ports open to foreign vessels were newly added, she said."
    assert claims(extractor, text)["35 ports"][0] == "ports open to foreign vessels"
    # a bare adjective after the count is not a modifier of its own
    text = "In 2026, 40 ports were busy."
    assert claims(extractor, text)["40 ports"][0] == "ports"


def test_a_verb_hung_on_the_partners_measures_their_trade(extractor):
    """ "with trade between the two sides totaling X": the parse hangs the verb on "sides"."""
    text = (
        "The EU remained a major partner of China, with trade between the two sides totaling "
        "4.2 trillion yuan in 2025."
    )
    assert claims(extractor, text)["4.2 trillion yuan"][0] == "trade between the two sides"


def test_a_headline_figure_is_not_part_of_its_measure(extractor):
    text = "China's soybean imports up 8% in first half\n\nImports rose in June."
    assert claims(extractor, text)["8%"][0] == "China's soybean imports"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trade grew 11 percent in April, with imports up 6 percent and exports up 14.2 "
            "percent.",
            {"6 percent": "imports", "14.2 percent": "exports"},
        ),
        (
            "Exports were down by 0.7% to 1.53 trillion yuan and imports down by 6.2% to "
            "1.25 trillion yuan.",
            {"6.2%": "imports", "1.25 trillion yuan": "imports"},
        ),
        (
            "Yunnan's trade with Laos up 9.6 pct in first half",
            {"9.6 pct": "Yunnan's trade with Laos"},
        ),
    ],
)
def test_a_noun_right_before_up_or_down_is_measured(extractor, text, expected):
    got = claims(extractor, text)
    assert {k: got[k][0] for k in expected} == expected


def test_it_after_a_list_item_heading_is_what_the_item_names(extractor):
    text = (
        "The figures are below.\n\n"
        "1. Processing trade recovered. It rose by 3.3% to 1.2 trillion yuan."
    )
    got = claims(extractor, text)
    assert got["3.3%"][0] == "Processing trade"


def test_from_tells_a_count_apart_but_including_does_not(extractor):
    text = (
        "Last year the administration handled 148 suggestions from lawmakers and 90 cases "
        "from Guangdong. We deployed a total of 13 million vehicles including ships and trains."
    )
    got = claims(extractor, text)
    assert got["148 suggestions"][0] == "suggestions from lawmakers"
    assert got["13 million vehicles"][0] == "vehicles"
