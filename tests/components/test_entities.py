"""textfacts_entities: ORG/GPE/LOC/EVENT/PROGRAM spans, span rules and canonical names."""

from __future__ import annotations

import pytest
from helpers import assert_grounded, find, pattern_matches, span_of

from textfacts.components.entities import EntityPatternRow
from textfacts.normalize.names import (
    canonical_form,
    customs_office,
    five_year_plan,
    has_five_year_plan,
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
    assert pattern_matches(extractor.nlp, row.pattern, row.example), row.example


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
            "The General Administration of Customs of China signed a memorandum with Kazakh "
            "customs.",
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
            "ASEAN stayed the country's top trading partner in the first half.",
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
            "China Import and Export Fair",
            id="ordinal edition: in the span, not in the canonical name",
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
        'APEC members joined the "Smart Customs" Partnership Program, and the GAC has published '
        'the "Measures to Support the Growth of Cross-border E-commerce Exports".'
    )
    document = extractor(text)
    partnership = only(document, "PROGRAM", '"Smart Customs" Partnership Program')
    assert partnership.canonical == "Smart Customs Partnership Program"
    measures = only(
        document,
        "PROGRAM",
        "Measures to Support the Growth of Cross-border E-commerce Exports",
    )
    assert (measures.start, measures.end) == span_of(text, measures.text)
    assert_grounded(document)


def test_nested_names_are_labelled_at_the_outer_level(extractor):
    text = (
        "Officials studied decisions of last year's Third Plenary Session of the 20th CPC "
        "Central Committee and prepared for the China International Import Expo."
    )
    document = extractor(text)
    session = only(document, "EVENT", "Third Plenary Session of the 20th CPC Central Committee")
    assert session.canonical == "Third Plenary Session of the 20th CPC Central Committee"
    assert find(document, "ORG", "CPC Central Committee") is None
    only(document, "EVENT", "China International Import Expo")
    assert_grounded(document)


def test_five_year_plan_is_a_programme_inside_its_period(extractor):
    text = "Over the 14th Five Year Plan period, trade with Belt and Road partners grew by a third."
    document = extractor(text)
    plan = only(document, "PROGRAM", "14th Five Year Plan")
    assert plan.canonical == "14th Five-Year Plan"
    assert_grounded(document)


def test_abbreviation_defined_in_brackets_takes_the_long_name(extractor):
    text = (
        "Some 5,000 firms hold Authorized Economic Operator (AEO) status. "
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
    text = "Exports totaled 2.01 trillion U.S. dollars, or 14.3 trillion yuan."
    document = extractor(text)
    assert find(document, "GPE", "U.S.") is None
    assert_grounded(document)


def test_page_chrome_yields_no_names(extractor):
    text = (
        "China's trade with ASEAN grew 9 percent in 2024.\n\nShare This Story\nExplore Xinhua\n"
        "Copyright © China Daily. All rights reserved"
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
        pytest.param("Shenzhen Satellite TV:", "Shenzhen Satellite TV", id="turn-line colon"),
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
        pytest.param(["one", "declaration", "one", "inspection"], False, id="slogan"),
        pytest.param(["2025", "Port", "Clearance", "Service", "Guide"], True, id="leading year"),
    ],
)
def test_is_title_phrase(words, expected):
    assert is_title_phrase(words, frozenset({"to", "and", "of", "the"})) is expected


def test_short_keys_offer_both_ends_of_a_full_name():
    assert short_keys("Yu Jianhua") == ["Yu", "Jianhua"]
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


@pytest.mark.parametrize(
    ("text", "label", "surface", "canonical"),
    [
        pytest.param(
            "Fresh cherries from Chile landed at Zhengzhou Xinzheng International Airport.",
            "LOC",
            "Zhengzhou Xinzheng International Airport",
            "Zhengzhou Xinzheng International Airport",
            id="airport is a place",
        ),
        pytest.param(
            "Container throughput at the Port of Tianjin rose 5 percent in May.",
            "LOC",
            "Port of Tianjin",
            "Port of Tianjin",
            id="Port of X",
        ),
        pytest.param(
            "Goods moving between Macao and Hengqin clear customs at a separate checkpoint.",
            "LOC",
            "Hengqin",
            "Hengqin",
            id="district of a free trade zone is LOC, not GPE",
        ),
        pytest.param(
            "Grain ships berth in Haidian District and in Nansha District of Guangzhou.",
            "LOC",
            "Nansha District",
            "Nansha District",
            id="city district is LOC",
        ),
        pytest.param(
            "The pilot began in Shenzhen's Qianhai Cooperation Zone last year.",
            "LOC",
            "Qianhai Cooperation Zone",
            "Qianhai Cooperation Zone",
            id="zone named after a district keeps its whole name",
        ),
        pytest.param(
            "URUMQI, Aug. 2 (Xinhua) -- Freight trains through Horgos made 5,000 trips this year.",
            "GPE",
            "URUMQI",
            "Urumqi",
            id="dateline place",
        ),
        pytest.param(
            "The 15th China International Aviation and Aerospace Exhibition opened in Zhuhai.",
            "EVENT",
            "15th China International Aviation and Aerospace Exhibition",
            "China International Aviation and Aerospace Exhibition",
            id="exhibition edition",
        ),
        pytest.param(
            "The Second Belt and Road Customs High-Level Forum was held in Hong Kong.",
            "EVENT",
            "Second Belt and Road Customs High-Level Forum",
            "Belt and Road Customs High-Level Forum",
            id="hyphenated forum with its edition",
        ),
        pytest.param(
            "Customs set up a green lane for athletes of the Chengdu Universiade.",
            "EVENT",
            "Chengdu Universiade",
            "Chengdu Universiade",
            id="Universiade",
        ),
        pytest.param(
            "Delegates to the 20th CPC National Congress discussed high-standard opening-up.",
            "EVENT",
            "20th CPC National Congress",
            "20th CPC National Congress",
            id="numbered congress keeps its ordinal",
        ),
        pytest.param(
            "The Customs Tariff Commission of the State Council will adjust the rates.",
            "ORG",
            "Customs Tariff Commission of the State Council",
            "Customs Tariff Commission of the State Council",
            id="body of a body is one name",
        ),
        pytest.param(
            "The Foreign Trade Law of the People's Republic of China was revised in 2022.",
            "PROGRAM",
            "Foreign Trade Law of the People's Republic of China",
            "Foreign Trade Law of the People's Republic of China",
            id="law of the PRC",
        ),
        pytest.param(
            "The circular, titled Measures to Further Optimize the Port Business Environment, "
            "takes effect on May 1.",
            "PROGRAM",
            "Measures to Further Optimize the Port Business Environment",
            "Measures to Further Optimize the Port Business Environment",
            id="unquoted title after titled",
        ),
        pytest.param(
            "Customs launched the Special Action to Promote Port Facilitation in 20 cities.",
            "PROGRAM",
            "Special Action to Promote Port Facilitation",
            "Special Action to Promote Port Facilitation",
            id="unquoted document name led by its head word",
        ),
        pytest.param(
            "Speaking at a briefing held by the Tianjin municipal government, he said trade grew.",
            "GPE",
            "Tianjin",
            "Tianjin",
            id="government of a place names the place",
        ),
        pytest.param(
            "The Single Window now serves more than 8 million registered users.",
            "PROGRAM",
            "Single Window",
            "China International Trade Single Window",
            id="Single Window",
        ),
    ],
)
def test_places_events_and_documents(extractor, text, label, surface, canonical):
    document = extractor(text)
    mention = only(document, label, surface)
    assert (mention.start, mention.end) == span_of(text, surface)
    assert mention.canonical == canonical
    assert_grounded(document)


def test_title_case_headline_is_not_a_document_name(extractor):
    text = (
        "China Unveils New Measures to Support Foreign Trade Firms\n\n"
        "The GAC issued the Measures to Support Foreign Trade Firms on Monday."
    )
    document = extractor(text)
    programs = [m for m in document.mentions if m.label == "PROGRAM"]
    assert [(m.start, m.end) for m in programs] == [
        span_of(text, "Measures to Support Foreign Trade Firms", nth=1)
    ]
    assert_grounded(document)


def test_coordinated_events_share_their_modifiers(extractor):
    text = (
        "Customs set up green lanes for the Hangzhou Asian Games and Para Games. "
        "Athletes of the Para Games cleared customs in minutes."
    )
    document = extractor(text)
    first = only(document, "EVENT", "Hangzhou Asian Games")
    assert first.canonical == "Hangzhou Asian Games"
    seconds = [m for m in document.mentions if m.label == "EVENT" and m.text == "Para Games"]
    assert [m.canonical for m in seconds] == ["Hangzhou Asian Para Games"] * 2
    assert_grounded(document)


def test_previous_plan_counts_back_from_the_plan_last_named(extractor):
    text = (
        "The 15th Five-Year Plan sets new goals for ports. Clearance times fell by half "
        "under the previous Five-Year Plan."
    )
    document = extractor(text)
    previous = only(document, "PROGRAM", "Five-Year Plan")
    assert previous.canonical == "14th Five-Year Plan"
    assert_grounded(document)


@pytest.mark.parametrize(
    "outlet",
    [
        pytest.param("Shenzhen Satellite TV", id="TV"),
        pytest.param("Hong Kong Commercial Daily", id="place + Title word + Daily"),
    ],
)
def test_outlet_turn_line_is_one_organisation(extractor, outlet):
    text = (
        f"SCIO press conference on trade\n\n{outlet}:\n\n"
        "How will customs help exporters? Thank you.\n\nYu Jianhua:\n\nThank you.\n"
    )
    document = extractor(text)
    only(document, "ORG", outlet)
    assert_grounded(document)


def test_customs_district_is_the_local_office(extractor):
    text = "Haikou Customs District cleared the first batch of duty-free goods under the policy."
    document = extractor(text)
    office = only(document, "ORG", "Haikou Customs District")
    assert office.canonical == "Haikou Customs"
    assert_grounded(document)


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        pytest.param("Haikou Customs District", "Haikou Customs", id="district"),
        pytest.param("Huangpu Customs", "Huangpu Customs", id="office"),
        pytest.param("Customs District", "Customs", id="bare"),
    ],
)
def test_customs_office(surface, canonical):
    assert customs_office(surface) == canonical


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("14th Five Year Plan for Port Development", True, id="plan"),
        pytest.param("Three-Year Action Plan for Port Facilitation", False, id="other plan"),
    ],
)
def test_has_five_year_plan(title, expected):
    assert has_five_year_plan(title) is expected


def test_title_case_headline_holds_no_open_ended_event(extractor):
    text = "Customs Supports Canton Fair With New Measures\n\nExhibits will clear faster."
    document = extractor(text)
    events = [m for m in document.mentions if m.label == "EVENT"]
    assert [(m.text, m.canonical) for m in events] == [
        ("Canton Fair", "China Import and Export Fair")
    ]
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Port Control Department of Shanghai Customs handled the matter.",
            [
                (
                    "Port Control Department of Shanghai Customs",
                    "Port Control Department of Shanghai Customs",
                ),
            ],
            id="a unit of its parent is one name (ANNOTATION.md §7)",
        ),
        pytest.param(
            "The GAC's Department of Health Quarantine and its Department of Animal and Plant "
            "Quarantine issued the list.",
            [
                ("GAC", "General Administration of Customs"),
                ("Department of Health Quarantine", "Department of Health Quarantine"),
                (
                    "Department of Animal and Plant Quarantine",
                    "Department of Animal and Plant Quarantine",
                ),
            ],
            id="a dangling and stays outside",
        ),
        pytest.param(
            "China Customs Press published the compendium of tariff rulings.",
            [("China Customs Press", "China Customs Press")],
            id="publisher named after the GAC",
        ),
    ],
)
def test_organisations_next_to_organisations(extractor, text, expected):
    document = extractor(text)
    orgs = [(m.text, m.canonical) for m in document.mentions if m.label == "ORG"]
    assert orgs == expected
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "China-Africa trade rose 6 percent in the first half.",
            [("China", "GPE"), ("Africa", "LOC")],
            id="hyphenated pair",
        ),
        pytest.param(
            "South Africa and Nigeria were the largest partners in Africa.",
            [("South Africa", "GPE"), ("Nigeria", "GPE"), ("Africa", "LOC")],
            id="compass word makes a country",
        ),
        pytest.param(
            "Shipments to West Asia grew.", [("West Asia", "LOC")], id="compass word makes a region"
        ),
    ],
)
def test_continents_and_the_places_named_after_them(extractor, text, expected):
    document = extractor(text)
    places = [(m.text, m.label) for m in document.mentions if m.label in ("GPE", "LOC")]
    assert places == expected
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "Fruit is cleared quickly at stations on the China-Laos Railway.",
            [],
            id="railway named after two countries",
        ),
        pytest.param(
            "Traffic on the Hong Kong-Zhuhai-Macao Bridge hit a record.",
            [],
            id="bridge named after three cities",
        ),
        pytest.param(
            "China-Laos trade grew 9 percent.",
            ["China", "Laos"],
            id="lowercase head: the places stand alone",
        ),
    ],
)
def test_places_hyphenated_into_a_longer_name(extractor, text, places):
    document = extractor(text)
    assert [m.text for m in document.mentions if m.label in ("GPE", "LOC")] == places
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        pytest.param(
            "Exports from Yunnan Province rose.", "Yunnan Province", "Yunnan", id="province"
        ),
        pytest.param(
            "Travellers from the Hong Kong Special Administrative Region rose.",
            "Hong Kong Special Administrative Region",
            "Hong Kong",
            id="SAR",
        ),
    ],
)
def test_administrative_suffix_leaves_the_canonical_name(extractor, text, surface, canonical):
    document = extractor(text)
    found = [m for m in document.mentions if m.label == "GPE" and m.text == surface]
    assert found and found[0].canonical == canonical, [
        (m.text, m.label, m.canonical) for m in document.mentions
    ]
    assert_grounded(document)
