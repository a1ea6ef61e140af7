"""textfacts_entities: ORG/GPE/LOC/EVENT/PROGRAM spans, span rules and canonical names."""

from __future__ import annotations

import pytest
from helpers import assert_grounded, find, span_of
from spacy.matcher import Matcher

from textfacts.components.entities import EntityPatternRow
from textfacts.normalize.names import (
    canonical_form,
    five_year_plan,
    is_title_phrase,
    short_keys,
    trim_name,
)
from textfacts.resources import data_path, read_jsonl

NAME_LABELS = {"ORG", "GPE", "LOC", "EVENT", "PROGRAM"}
PATTERN_ROWS = [r for r in read_jsonl(data_path(None, "patterns/entities.jsonl"), EntityPatternRow)]


def names(document):
    return [m for m in document.mentions if m.label in NAME_LABELS]


def only(document, label, text):
    """The single mention with this label and text; fails when missing."""
    found = [m for m in document.mentions if m.label == label and m.text == text]
    assert len(found) == 1, [(m.label, m.text) for m in names(document)]
    return found[0]


@pytest.mark.parametrize("row", [r for r in PATTERN_ROWS if r.pattern], ids=lambda r: r.id)
def test_every_pattern_row_matches_its_example(extractor, row):
    matcher = Matcher(extractor.nlp.vocab)
    matcher.add(row.id, [row.pattern])
    assert matcher(extractor.nlp(row.example)), row.example


@pytest.mark.parametrize("row", [r for r in PATTERN_ROWS if r.heads], ids=lambda r: r.id)
def test_every_head_row_names_a_head_of_its_example(row):
    assert any(head in row.example for head in row.heads)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param(
            "The General Administration of Customs (GAC) released the trade data on Friday.",
            "General Administration of Customs",
            id="full name, leading The stripped",
        ),
        pytest.param(
            "Exports rose 6 percent, the GAC said in a statement on Tuesday.", "GAC", id="GAC"
        ),
        pytest.param(
            "According to the GACC, imports of soybeans declined in May.", "GACC", id="GACC"
        ),
        pytest.param(
            "China Customs will step up checks on solid waste imports.",
            "China Customs",
            id="China Customs",
        ),
        pytest.param(
            "Chinese Customs has signed cooperation documents with 60 countries.",
            "Chinese Customs",
            id="Chinese Customs",
        ),
        pytest.param(
            "Thank you for supporting the work of Customs over the past year.",
            "Customs",
            id="bare capitalised Customs",
        ),
        pytest.param(
            "Speech by Vice Minister of the General Administration of Customs of China "
            "at the forum",
            "General Administration of Customs of China",
            id="of China variant",
        ),
    ],
)
def test_gac_variants_share_one_canonical_name(extractor, text, surface):
    document = extractor(text)
    mention = only(document, "ORG", surface)
    assert (mention.start, mention.end) == span_of(text, surface)
    assert mention.canonical == "General Administration of Customs"
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Customs authorities and port operators are working together to cut clearance times.",
            id="Customs authorities",
        ),
        pytest.param(
            "Customs clearance at land ports has been cut to under two hours.",
            id="Customs clearance",
        ),
        pytest.param(
            "The local customs stepped up inspections of imported cold-chain food.",
            id="lowercase customs",
        ),
    ],
)
def test_generic_customs_is_not_a_name(extractor, text):
    document = extractor(text)
    assert not [m for m in names(document) if "ustoms" in m.text], [m.text for m in names(document)]
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "label", "surface", "canonical"),
    [
        pytest.param(
            "Trade with the U.S. fell 3 percent in the first quarter.",
            "GPE",
            "U.S.",
            "United States",
            id="U.S.",
        ),
        pytest.param(
            "Korea and Japan followed ASEAN as China's trading partners.",
            "GPE",
            "Korea",
            "South Korea",
            id="Korea is South Korea",
        ),
        pytest.param(
            "ASEAN remained China's largest trading partner in the first half.",
            "ORG",
            "ASEAN",
            "Association of Southeast Asian Nations",
            id="ASEAN",
        ),
        pytest.param(
            "Exports to the EU rose while imports from Australia fell.",
            "ORG",
            "EU",
            "European Union",
            id="EU",
        ),
        pytest.param(
            "Imports from RCEP members rose 4 percent.",
            "PROGRAM",
            "RCEP",
            "Regional Comprehensive Economic Partnership",
            id="RCEP is a programme",
        ),
        pytest.param(
            "Exporters met buyers at the Canton Fair in Guangzhou.",
            "EVENT",
            "Canton Fair",
            "China Import and Export Fair",
            id="Canton Fair",
        ),
        pytest.param(
            "Ningbo opened a green lane for exhibits bound for the CIIE.",
            "EVENT",
            "CIIE",
            "China International Import Expo",
            id="CIIE",
        ),
        pytest.param(
            "More than 30,000 buyers attended the 136th Canton Fair this autumn.",
            "EVENT",
            "136th Canton Fair",
            "136th China Import and Export Fair",
            id="ordinal edition",
        ),
        pytest.param(
            "Customs will implement the guiding principles of the Party Central Committee.",
            "ORG",
            "Party Central Committee",
            "CPC Central Committee",
            id="Party Central Committee",
        ),
        pytest.param(
            "The Hong Kong SAR government welcomed the new clearance arrangements.",
            "GPE",
            "Hong Kong SAR",
            "Hong Kong",
            id="SAR variant, generic noun outside",
        ),
        pytest.param(
            "Trade with Kazakhstan grew after the China-Central Asia Summit in Xi'an.",
            "EVENT",
            "China-Central Asia Summit",
            "China-Central Asia Summit",
            id="hyphenated summit",
        ),
        pytest.param(
            "Xinhua reported that the new rules take effect on June 1.",
            "ORG",
            "Xinhua",
            "Xinhua News Agency",
            id="Xinhua",
        ),
        pytest.param(
            "Cranes load containers at a wharf. [Photo by Li Ming/FOR CHINA DAILY]",
            "ORG",
            "CHINA DAILY",
            "China Daily",
            id="all-caps outlet in a photo credit",
        ),
    ],
)
def test_canonical_names(extractor, text, label, surface, canonical):
    document = extractor(text)
    mention = only(document, label, surface)
    assert mention.canonical == canonical
    assert_grounded(document)


def test_quotes_inside_a_name_stay_and_enclosing_quotes_go(extractor):
    text = (
        'China Customs will implement the "Smart Customs" Partnership Program and has issued the '
        '"Measures to Support the Development of Cross-border E-commerce Exports".'
    )
    document = extractor(text)
    partnership = only(document, "PROGRAM", '"Smart Customs" Partnership Program')
    assert partnership.canonical == "Smart Customs Partnership Program"
    measures = only(
        document,
        "PROGRAM",
        "Measures to Support the Development of Cross-border E-commerce Exports",
    )
    assert (measures.start, measures.end) == span_of(text, measures.text)
    assert_grounded(document)


def test_nested_names_are_labelled_at_the_outer_level(extractor):
    text = (
        "Customs will follow the deployment of the Third Plenary Session of the 20th CPC "
        "Central Committee "
        "and support the China International Import Expo."
    )
    document = extractor(text)
    session = only(document, "EVENT", "Third Plenary Session of the 20th CPC Central Committee")
    assert session.canonical == "Third Plenary Session of the 20th CPC Central Committee"
    assert find(document, "ORG", "CPC Central Committee") is None
    only(document, "EVENT", "China International Import Expo")
    assert_grounded(document)


def test_five_year_plan_is_a_programme_inside_its_period(extractor):
    text = (
        "During the 14th Five Year Plan period, trade with Belt and Road partners grew by a third."
    )
    document = extractor(text)
    plan = only(document, "PROGRAM", "14th Five Year Plan")
    assert plan.canonical == "14th Five-Year Plan"
    assert_grounded(document)


def test_abbreviation_defined_in_brackets_takes_the_long_name(extractor):
    text = (
        "The number of Authorized Economic Operator (AEO) enterprises reached 5,000. "
        "The Smart Logistics Alliance (SLA) said SLA members cut costs."
    )
    document = extractor(text)
    for mention in [m for m in document.mentions if m.text == "AEO"]:
        assert mention.label == "PROGRAM" and mention.canonical == "Authorized Economic Operator"
    assert_grounded(document)


def test_possessive_and_article_stay_outside(extractor):
    text = (
        "The GAC's Department of Port Control will expand the pilot to the Yangshan Port "
        "in Shanghai."
    )
    document = extractor(text)
    only(document, "ORG", "GAC")
    only(document, "ORG", "Department of Port Control")
    only(document, "LOC", "Yangshan Port")
    assert_grounded(document)


def test_place_named_customs_district_is_an_org(extractor):
    text = "Huangpu Customs cleared the first batch of fresh durians from Vietnam on Monday."
    document = extractor(text)
    district = only(document, "ORG", "Huangpu Customs")
    assert district.canonical == "Huangpu Customs"
    assert_grounded(document)


def test_currency_names_are_not_places(extractor):
    text = "In U.S. dollar terms, exports totaled 2.01 trillion U.S. dollars."
    document = extractor(text)
    assert find(document, "GPE", "U.S.") is None
    assert_grounded(document)


def test_page_chrome_yields_no_names(extractor):
    text = (
        "China's trade with ASEAN grew 9 percent in 2024.\n\nShare This Story\nExplore ChinaNews\n"
        "Copyright ©1997- by CRI Online All rights reserved"
    )
    document = extractor(text)
    assert [m.text for m in names(document)] == ["China", "ASEAN"]
    assert_grounded(document)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        pytest.param(
            "the General Administration of Customs",
            "General Administration of Customs",
            id="article",
        ),
        pytest.param("GAC's", "GAC", id="possessive"),
        pytest.param(
            "the General Administration of Customs'",
            "General Administration of Customs",
            id="plural possessive",
        ),
        pytest.param(
            '"Smart Customs" Partnership Program',
            '"Smart Customs" Partnership Program',
            id="inner quotes stay",
        ),
        pytest.param('"Customs Clearance Notice', "Customs Clearance Notice", id="unpaired quote"),
        pytest.param("U.S.", "U.S.", id="abbreviation keeps its period"),
        pytest.param("Beijing Youth Daily:", "Beijing Youth Daily", id="turn-line colon"),
        pytest.param(
            "Print\nShare\n\nThe General Administration of Customs",
            "General Administration of Customs",
            id="longest line",
        ),
        pytest.param(
            "China Import and Export Fair (Canton Fair",
            "China Import and Export Fair",
            id="unclosed bracket",
        ),
    ],
)
def test_trim_name(raw, name):
    start, end = trim_name(raw)
    assert raw[start:end] == name


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        pytest.param("14th Five Year Plan", "14th Five-Year Plan", id="hyphen"),
        pytest.param("Fourteenth Five-Year Plan", "14th Five-Year Plan", id="ordinal word"),
        pytest.param("15th five-year plan", "15th Five-Year Plan", id="lower case"),
    ],
)
def test_five_year_plan(surface, canonical):
    assert five_year_plan(surface) == canonical


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(
            ["Measures", "to", "Support", "Cross", "-", "border", "Trade"],
            True,
            id="title with hyphen",
        ),
        pytest.param(["release", "first", "and", "then", "inspect"], False, id="slogan"),
        pytest.param(
            ["2026", "APEC", "Smart", "Customs", "Case", "Repository"], True, id="leading year"
        ),
    ],
)
def test_is_title_phrase(words, expected):
    assert is_title_phrase(words, frozenset({"to", "and", "of", "the"})) is expected


def test_short_keys_offer_both_ends_of_a_full_name():
    assert short_keys("Sun Meijun") == ["Sun", "Meijun"]
    assert short_keys("Xinhua") == []
    assert (
        canonical_form('"Smart Customs"  Partnership Program')
        == "Smart Customs Partnership Program"
    )


def test_later_short_form_takes_the_earlier_full_name(extractor):
    text = (
        "Hangzhou Customs set up green lanes for the Hangzhou Asian Games. "
        "Equipment for the Asian Games was cleared within two hours."
    )
    document = extractor(text)
    full = only(document, "EVENT", "Hangzhou Asian Games")
    short = only(document, "EVENT", "Asian Games")
    assert short.canonical == full.canonical == "Hangzhou Asian Games"
    assert_grounded(document)
