"""textfacts_claims on genre sentences: measure, kind, direction, period, comparison."""

from __future__ import annotations

import re

import pytest
from helpers import assert_grounded

from textfacts.components.claims import ClaimRow
from textfacts.resources import data_path, read_jsonl

ROWS = read_jsonl(data_path(None, "patterns/claims.jsonl"), ClaimRow)


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_every_claim_row_matches_its_example(extractor, row):
    if row.regex:
        # "_before"/"_after" rows are anchored at the figure: try every cut of the example
        cuts = [row.example[:i] for i in range(len(row.example) + 1)]
        cuts += [row.example[i:] for i in range(len(row.example))]
        assert any(re.search(row.regex, cut, re.I) for cut in cuts), row.example
        return
    tokens = extractor.nlp(row.example)
    forms = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    example = row.example.lower()
    assert any(w in forms or (" " in w and w in example) for w in row.words), row.example


def claim_for(document, anchor_text):
    """The claim whose anchor mention has this text; fails when missing."""
    for claim in document.claims:
        if document.mention(claim.anchor).text == anchor_text:
            return claim
    raise AssertionError([document.mention(c.anchor).text for c in document.claims])


def period_text(document, claim):
    return document.mention(claim.period).text if claim.period else None


def test_level_and_change_share_the_subject_and_period(extractor):
    text = (
        "In the first ten months of 2024, the combined value of China's imports and exports "
        "came to 36.02 trillion yuan, up 5.2 percent year on year."
    )
    document = extractor(text)
    level = claim_for(document, "36.02 trillion yuan")
    change = claim_for(document, "5.2 percent")
    assert level.kind == "level"
    assert (change.kind, change.direction, change.comparison) == ("change", "up", "year on year")
    for claim in (level, change):
        assert "imports and exports" in claim.measure
        assert "2024" in period_text(document, claim)
        assert claim.subject == "China"
    assert_grounded(document)


def test_change_down_and_level_after_to(extractor):
    text = "Imports of crude oil fell 3.4 percent to 1.92 trillion yuan in 2023."
    document = extractor(text)
    change = claim_for(document, "3.4 percent")
    level = claim_for(document, "1.92 trillion yuan")
    assert (change.kind, change.direction) == ("change", "down")
    assert level.kind == "level"
    assert change.measure.startswith("Imports of crude oil")
    assert_grounded(document)


def test_share_binds_to_the_clause_subject(extractor):
    text = (
        "Trade with Belt and Road countries rose to 22.07 trillion yuan in 2024, "
        "accounting for 50.3 percent of the total."
    )
    document = extractor(text)
    share = claim_for(document, "50.3 percent")
    assert share.kind == "share"
    assert "Belt and Road countries" in share.measure
    assert_grounded(document)


def test_rate_per_year(extractor):
    text = "Since 2012, China's foreign trade has grown by about 1.5 trillion yuan per year."
    document = extractor(text)
    assert claim_for(document, "1.5 trillion yuan").kind == "rate"


def test_count_measure_is_the_counted_noun(extractor):
    text = "More than 260 exhibitors from 40 countries took part in the fair."
    document = extractor(text)
    count = claim_for(document, "260 exhibitors")
    assert (count.kind, count.measure) == ("count", "exhibitors")


def test_respectively_gives_one_measure_per_item(extractor):
    text = (
        "Exports of ships, solar cells and electric vehicles increased by 2.5 times, "
        "3.1 times and 6.4 times respectively over 2015."
    )
    document = extractor(text)
    measures = [claim_for(document, f"{n} times").measure for n in ("2.5", "3.1", "6.4")]
    assert [m.split()[-1] for m in measures] == ["ships", "cells", "vehicles"]
    assert all(claim_for(document, f"{n} times").kind == "multiple" for n in ("2.5", "3.1"))
    assert claim_for(document, "2.5 times").comparison == "2015"
    assert_grounded(document)


def test_estimates_of_others_are_not_claims(extractor):
    text = (
        "Exports in October rose 12.7 percent from a year earlier, beating the analysts' "
        "estimate of 9.1 percent."
    )
    document = extractor(text)
    anchors = [document.mention(c.anchor).text for c in document.claims]
    assert "12.7 percent" in anchors
    assert "9.1 percent" not in anchors


def test_baseline_figure_takes_its_own_period(extractor):
    text = (
        "The trade surplus stood at 96.4 billion U.S. dollars in October, "
        "up from 81.7 billion U.S. dollars in September."
    )
    document = extractor(text)
    base = claim_for(document, "81.7 billion U.S. dollars")
    assert base.kind == "level"
    assert period_text(document, base) == "September"
    assert period_text(document, claim_for(document, "96.4 billion U.S. dollars")) == "October"


@pytest.mark.parametrize(
    ("text", "anchor", "words"),
    [
        pytest.param(
            "Exports reached 2.1 trillion yuan in May, leaving a trade surplus of "
            "580 billion yuan.",
            "580 billion yuan",
            {"trade", "surplus"},
            id="noun-of-figure",
        ),
        pytest.param(
            "The new system cut the clearance time for fresh produce from 12 hours to 3 hours.",
            "12 hours",
            {"clearance", "time"},
            id="object-from-to",
        ),
        pytest.param(
            "Customs shortened the review of AEO applications to 10 working days.",
            "10 working days",
            {"review", "applications"},
            id="object-of-shorten",
        ),
        pytest.param(
            "Buyers signed export contracts worth 2.3 billion U.S. dollars at the fair.",
            "2.3 billion U.S. dollars",
            {"export", "contracts"},
            id="noun-worth-figure",
        ),
        pytest.param(
            "In March, phones recorded a 6.7 percent increase in exports to Africa.",
            "6.7 percent",
            {"exports"},
            id="increase-in-noun",
        ),
        pytest.param(
            "Trade with ASEAN was 4.1 trillion yuan, accounting for 15.6 percent of the total.",
            "15.6 percent",
            {"trade", "asean"},
            id="share-hanging-on-a-figure",
        ),
    ],
)
def test_measure_is_the_noun_phrase_the_figure_belongs_to(extractor, text, anchor, words):
    document = extractor(text)
    measure = claim_for(document, anchor).measure or ""
    assert words <= set(re.findall(r"[a-z]+", measure.lower())), measure
    assert_grounded(document)


def test_verbless_change_after_a_figure_measures_the_same_thing(extractor):
    text = (
        "Customs handled 2.4 billion cross-border parcels in the first half of 2024, "
        "up 8.3 percent year on year."
    )
    document = extractor(text)
    level, change = (
        claim_for(document, "2.4 billion cross-border parcels"),
        claim_for(document, "8.3 percent"),
    )
    assert change.kind == "change" and change.direction == "up"
    assert change.measure == level.measure
    assert period_text(document, change) == period_text(document, level)
    assert_grounded(document)


def test_comparative_than_is_a_change_with_its_baseline(extractor):
    text = (
        "In the second quarter, the clearance time for exports was 1.2 hours, "
        "0.4 hours shorter than the same period of 2023."
    )
    document = extractor(text)
    claim = claim_for(document, "0.4 hours")
    assert (claim.kind, claim.direction) == ("change", "down")
    assert claim.comparison == "the same period of 2023"
    assert period_text(document, claim) == "second quarter"
    assert_grounded(document)


def test_more_than_is_a_bound_not_a_comparison(extractor):
    text = "In 2024, China imported more than 550 million tonnes of crude oil."
    document = extractor(text)
    claim = claim_for(document, "550 million tonnes")
    assert claim.comparison is None
    assert period_text(document, claim) == "2024"


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        pytest.param(
            "In the first half of 2024, exports rose 6.9 percent. Currently, the region "
            "accounts for over 30 percent of the country's exports.",
            "30 percent",
            id="currently",
        ),
        pytest.param(
            "In 2023, trade with Africa rose 1.5 percent. China has become the largest "
            "trading partner of more than 120 countries.",
            "120 countries",
            id="has-become",
        ),
        pytest.param(
            "Shenzhen Customs launched a sorting line in March that cut inspection time "
            "from 30 minutes to 10 minutes.",
            "30 minutes",
            id="relative-clause",
        ),
    ],
)
def test_no_period_from_outside_the_figures_own_time_frame(extractor, text, anchor):
    document = extractor(text)
    assert claim_for(document, anchor).period is None
    assert_grounded(document)


def test_respectively_pairs_changes_with_levels_by_position(extractor):
    text = (
        "Imports of soybeans and iron ore stood at 12 million tonnes and 98 million tonnes, "
        "up 3.1 percent and down 2.4 percent, respectively."
    )
    document = extractor(text)
    up, down = claim_for(document, "3.1 percent"), claim_for(document, "2.4 percent")
    assert (up.direction, down.direction) == ("up", "down")
    assert up.measure == claim_for(document, "12 million tonnes").measure
    assert down.measure == claim_for(document, "98 million tonnes").measure
    assert up.measure != down.measure
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "anchor", "measure"),
    [
        pytest.param(
            "About 35 percent of imported iron ore was released before lab results came out.",
            "35 percent",
            "imported iron ore",
            id="subject",
        ),
        pytest.param(
            "Zero tariffs now apply to 98 percent of tariff lines.",
            "98 percent",
            "tariff lines",
            id="object",
        ),
    ],
)
def test_percent_of_a_part_is_a_share_of_it(extractor, text, anchor, measure):
    claim = claim_for(extractor(text), anchor)
    assert (claim.kind, claim.measure) == ("share", measure)


def test_headline_verb_does_not_bind_a_body_figure(extractor):
    text = (
        "Port throughput climbs 5.1% in first half\n"
        "By Staff Reporter\n"
        "Container throughput at Ningbo reached 18.2 million TEUs in the first half.\n"
    )
    document = extractor(text)
    body = claim_for(document, "18.2 million TEUs")
    assert body.kind == "level" and body.direction is None
    assert "climbs" not in (body.measure or "")
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        "Imports of iron ore reached 98 million tons in June, an increase of 4.1 percent.",
        "Exports of rare earths totaled 5,300 tons in June, a drop of 2.6% year-on-year.",
    ],
)
def test_a_change_after_a_comma_belongs_to_its_own_figure(extractor, text):
    """ "reached X, an increase of Y%": X is the level, Y the change of what the subject names."""
    document = extractor(text)
    level, change = sorted(document.claims, key=lambda c: document.mention(c.anchor).start)
    assert level.kind == "level"
    assert change.kind == "change"
    assert change.measure == level.measure
    assert change.measure.split()[0] in ("Imports", "Exports")
    assert_grounded(document)


def test_seized_cases_then_a_decrease(extractor):
    text = "Seized cases of smuggling totaled 210 in May, a decrease of 12.5% year-on-year."
    change = claim_for(extractor(text, meta={"published": "2026-06-20"}), "12.5%")
    assert (change.kind, change.direction) == ("change", "down")
    assert change.measure == "Seized cases of smuggling"  # never the change word (§7)


def test_a_percentage_of_which_is_a_share_whatever_the_sentence_reports(extractor):
    text = "Registered exporters rose to 9,100 in May, about 40% of which are small firms."
    share = claim_for(extractor(text, meta={"published": "2026-06-10"}), "40%")
    assert (share.kind, share.direction) == ("share", None)


def test_a_record_high_is_never_the_measure(extractor):
    text = "In 2025, port throughput hit a record high of 1.3 billion tons."
    level = claim_for(extractor(text), "1.3 billion tons")
    assert (level.kind, level.measure) == ("level", "port throughput")


def test_a_multiple_is_compared_with_what_follows_it(extractor):
    text = "Soybean imports were 100 million tons in 2025, 2.4 times that of 2010."
    multiple = claim_for(extractor(text), "2.4 times")
    assert (multiple.kind, multiple.comparison) == ("multiple", "that of 2010")


def test_a_monthly_record_is_never_the_measure(extractor):
    text = "Imports jumped 8.4 percent in November, to a monthly record of 1.98 trillion yuan."
    level = claim_for(extractor(text), "1.98 trillion yuan")
    assert (level.kind, level.measure) == ("level", "Imports")


def test_points_higher_over_a_year_ago_is_a_change(extractor):
    text = (
        "Ordinary trade made up 61 percent of the total, 0.8 percentage points higher over the "
        "previous year."
    )
    change = claim_for(extractor(text), "0.8 percentage points")
    assert (change.kind, change.direction, change.comparison) == (
        "change",
        "up",
        "the previous year",
    )


def test_a_list_of_figures_shares_what_follows_its_last_item(extractor):
    text = (
        "In May, imports and exports of Hubei, Hunan and Jiangxi provinces rose 12.5%, 9.1% and "
        "7% respectively, which were 4.2, 0.8 and 1.3 percentage points higher than the "
        "national rate."
    )
    document = extractor(text, meta={"published": "2026-06-10"})
    for figure in ("12.5%", "9.1%", "7%"):
        assert claim_for(document, figure).measure == "imports and exports"
    text = "Customs cleared 21,000 trucks and 1,300 flights per day on average in May."
    trucks = claim_for(extractor(text, meta={"published": "2026-06-10"}), "21,000 trucks")
    assert trucks.kind == "rate"
    # a level and the change after it are no list: "was 30 hours, 3 hours shorter than ..."
    text = "The clearance time was 30.2 hours, 3.1 hours shorter than in 2025."
    level = claim_for(extractor(text), "30.2 hours")
    assert level.kind == "level"
