import re

import pytest
from helpers import assert_grounded, span_of

from textfacts.components.numbers import PATTERN_FILES, PatternRow
from textfacts.normalize.money import currency_rows
from textfacts.normalize.numbers import NUMBER, NumberWordRow, ScaleRow
from textfacts.normalize.units import bound_rows, unit_rows
from textfacts.resources import data_path, read_jsonl, read_tsv

VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY")
# A context row shows through the figure it sets the unit of.
CONTEXT_RULES = {"CONTEXT": "money.context_currency", "COUNT_CONTEXT": "quantity.context_count"}
PATTERN_ROWS = [row for f in PATTERN_FILES for row in read_jsonl(data_path(None, f), PatternRow)]
SCALE_ROWS = read_tsv(data_path(None, "lexicons/scales.tsv"), ScaleRow)
WORD_ROWS = read_tsv(data_path(None, "lexicons/number_words.tsv"), NumberWordRow)


def figures(document):
    return [m for m in document.mentions if m.label in VALUE_LABELS]


def number_spans(extractor, text):
    doc = extractor.nlp(extractor.make_doc(text))
    return list(doc.spans["textfacts_numbers"])


# (sentence, span text, label, value, unit, bound, value_max)
FORMS = [
    # MONEY: currency after the number, scale words
    pytest.param(
        "Total imports and exports reached 3.2 billion yuan in the first quarter.",
        "3.2 billion yuan",
        "MONEY",
        3.2e9,
        "CNY",
        "exact",
        None,
        id="scale yuan",
    ),
    pytest.param(
        "The value of bonded goods was 15,349.3 trillion yuan, the bureau said.",
        "15,349.3 trillion yuan",
        "MONEY",
        1.53493e16,
        "CNY",
        "exact",
        None,
        id="separator, value as written",
    ),
    pytest.param(
        "Cross-border trade in the zone reached 6,000 yuan per capita.",
        "6,000 yuan",
        "MONEY",
        6000.0,
        "CNY",
        "exact",
        None,
        id="no scale",
    ),
    pytest.param(
        "Exports to Africa rose to 1.6 trillion renminbi last year.",
        "1.6 trillion renminbi",
        "MONEY",
        1.6e12,
        "CNY",
        "exact",
        None,
        id="renminbi",
    ),
    pytest.param(
        "The free trade port attracted 120 billion U.S. dollars in investment.",
        "120 billion U.S. dollars",
        "MONEY",
        1.2e11,
        "USD",
        "exact",
        None,
        id="U.S. dollars",
    ),
    pytest.param(
        "Trade with the bloc reached 780 billion euros in 2024.",
        "780 billion euros",
        "MONEY",
        7.8e11,
        "EUR",
        "exact",
        None,
        id="euros",
    ),
    pytest.param(
        "Machinery exports rose by two trillion yuan over the period.",
        "two trillion yuan",
        "MONEY",
        2e12,
        "CNY",
        "exact",
        None,
        id="number words",
    ),
    pytest.param(
        "The new rules cut clearance costs by one-third of a trillion yuan.",
        "one-third of a trillion yuan",
        "MONEY",
        1e12 / 3,
        "CNY",
        "exact",
        None,
        id="fraction of a scale",
    ),
    # MONEY: currency before the number, glued or spaced
    pytest.param(
        "Foreign trade hit RMB43.85 trillion, the GAC said.",
        "RMB43.85 trillion",
        "MONEY",
        4.385e13,
        "CNY",
        "exact",
        None,
        id="RMB glued",
    ),
    pytest.param(
        "Processing trade stood at RMB 3.2 billion in March.",
        "RMB 3.2 billion",
        "MONEY",
        3.2e9,
        "CNY",
        "exact",
        None,
        id="RMB spaced",
    ),
    pytest.param(
        "The bank lent US$450 million to the port operator.",
        "US$450 million",
        "MONEY",
        4.5e8,
        "USD",
        "exact",
        None,
        id="US$ glued",
    ),
    pytest.param(
        "China's trade surplus widened to $5bn in the month.",
        "$5bn",
        "MONEY",
        5e9,
        "USD",
        "exact",
        None,
        id="$ and bn glued",
    ),
    pytest.param(
        "Exports from the city rose to HK$12.3 billion.",
        "HK$12.3 billion",
        "MONEY",
        1.23e10,
        "HKD",
        "exact",
        None,
        id="HK$",
    ),
    pytest.param(
        "The EU pledged €2.5 million for the customs training programme.",
        "€2.5 million",
        "MONEY",
        2.5e6,
        "EUR",
        "exact",
        None,
        id="euro sign",
    ),
    pytest.param(
        "The loan of USD 30 million was signed in Beijing.",
        "USD 30 million",
        "MONEY",
        3e7,
        "USD",
        "exact",
        None,
        id="ISO code before",
    ),
    pytest.param(
        "Bilateral trade reached 350 mln USD in the first half.",
        "350 mln USD",
        "MONEY",
        3.5e8,
        "USD",
        "exact",
        None,
        id="mln and code after",
    ),
    # MONEY: conversions and currency set by context
    pytest.param(
        "Trade was valued at 38.2 trillion yuan (about 5.4 trillion U.S. dollars).",
        "5.4 trillion U.S. dollars",
        "MONEY",
        5.4e12,
        "USD",
        "approx",
        None,
        id="parenthetical conversion",
    ),
    pytest.param(
        "In US dollar terms, exports were 1,870.4 million, up 3 percent.",
        "1,870.4 million",
        "MONEY",
        1.8704e9,
        "USD",
        "exact",
        None,
        id="currency from context",
    ),
    pytest.param(
        "Measured in yuan, imports were 1.2 trillion in May.",
        "1.2 trillion",
        "MONEY",
        1.2e12,
        "CNY",
        "exact",
        None,
        id="currency from 'measured in'",
    ),
    # bounds, including verbs of passing a few tokens away
    pytest.param(
        "Foreign trade exceeded 41 trillion yuan for the first time in history.",
        "41 trillion yuan",
        "MONEY",
        4.1e13,
        "CNY",
        "at_least",
        None,
        id="exceeded",
    ),
    pytest.param(
        "E-commerce exports topped the 2 trillion yuan mark last year.",
        "2 trillion yuan",
        "MONEY",
        2e12,
        "CNY",
        "at_least",
        None,
        id="verb over a determiner",
    ),
    pytest.param(
        "Private firms accounted for nearly 55% of the total.",
        "55%",
        "PERCENT",
        55.0,
        "percent",
        "at_most",
        None,
        id="nearly",
    ),
    pytest.param(
        "An estimated 2 million parcels cross the border each day.",
        "2 million parcels",
        "QUANTITY",
        2e6,
        "parcel",
        "approx",
        None,
        id="an estimated",
    ),
    pytest.param(
        "Imports from ASEAN grew by more than 6 percent.",
        "6 percent",
        "PERCENT",
        6.0,
        "percent",
        "at_least",
        None,
        id="more than",
    ),
    pytest.param(
        "Clearance now takes up to 48 hours at inland ports.",
        "48 hours",
        "QUANTITY",
        48.0,
        "hour",
        "at_most",
        None,
        id="up to",
    ),
    pytest.param(
        "China is the main trading partner of 140+ economies.",
        "140+ economies",
        "QUANTITY",
        140.0,
        "economy",
        "at_least",
        None,
        id="plus suffix inside span",
    ),
    # PERCENT
    pytest.param(
        "Exports of electric vehicles rose 39.4% year on year.",
        "39.4%",
        "PERCENT",
        39.4,
        "percent",
        "exact",
        None,
        id="percent sign",
    ),
    pytest.param(
        "Grain imports fell 8.7 per cent from a year earlier.",
        "8.7 per cent",
        "PERCENT",
        8.7,
        "percent",
        "exact",
        None,
        id="per cent",
    ),
    pytest.param(
        "The port posted a 6.7-percent rise in throughput.",
        "6.7-percent",
        "PERCENT",
        6.7,
        "percent",
        "exact",
        None,
        id="hyphenated",
    ),
    pytest.param(
        "Its share rose 1.3 percentage points to 15 percent.",
        "1.3 percentage points",
        "PERCENT",
        1.3,
        "percentage_point",
        "exact",
        None,
        id="percentage points",
    ),
    pytest.param(
        "Imports of crude oil declined -2.1% in value terms.",
        "-2.1%",
        "PERCENT",
        -2.1,
        "percent",
        "exact",
        None,
        id="minus sign written",
    ),
    pytest.param(
        "Shipments were down 3.4% in the month.",
        "3.4%",
        "PERCENT",
        3.4,
        "percent",
        "exact",
        None,
        id="down: unsigned",
    ),
    pytest.param(
        "China's trade rose 4.9 pct in the first half.",
        "4.9 pct",
        "PERCENT",
        4.9,
        "percent",
        "exact",
        None,
        id="pct",
    ),
    pytest.param(
        "Tariffs on the listed goods were cut by 5-10 percent.",
        "5-10 percent",
        "PERCENT",
        5.0,
        "percent",
        "exact",
        10.0,
        id="percent range",
    ),
    # QUANTITY
    pytest.param(
        "The ports handled 5.2 billion tons of cargo last year.",
        "5.2 billion tons",
        "QUANTITY",
        5.2e9,
        "ton",
        "exact",
        None,
        id="tons",
    ),
    pytest.param(
        "The single window processes 26 million declarations per day.",
        "26 million declarations",
        "QUANTITY",
        2.6e7,
        "declaration",
        "exact",
        None,
        id="rate stays outside",
    ),
    pytest.param(
        "The platform has 11 million registered users nationwide.",
        "11 million registered users",
        "QUANTITY",
        1.1e7,
        "user",
        "exact",
        None,
        id="modifier between",
    ),
    pytest.param(
        "Delegates from 21 APEC economies attended the forum.",
        "21 APEC economies",
        "QUANTITY",
        21.0,
        "economy",
        "exact",
        None,
        id="proper-noun modifier",
    ),
    pytest.param(
        "Customs has signed AEO agreements with 28 countries and regions.",
        "28 countries and regions",
        "QUANTITY",
        28.0,
        "country and region",
        "exact",
        None,
        id="coordinated counted nouns",
    ),
    pytest.param(
        "Exports of solar cells increased 3.5 times over the decade.",
        "3.5 times",
        "QUANTITY",
        3.5,
        "time",
        "exact",
        None,
        id="multiple",
    ),
    pytest.param(
        "Export tax refunds now arrive in 5-7 days.",
        "5-7 days",
        "QUANTITY",
        5.0,
        "day",
        "exact",
        7.0,
        id="range",
    ),
    pytest.param(
        "Overall clearance time fell to 32 hours this year.",
        "32 hours",
        "QUANTITY",
        32.0,
        "hour",
        "exact",
        None,
        id="duration",
    ),
    pytest.param(
        "The survey covered 53 economies in the region.",
        "53 economies",
        "QUANTITY",
        53.0,
        "economy",
        "exact",
        None,
        id="counted noun",
    ),
    pytest.param(
        "Customs officers seized 1,200 customs seals at the border.",
        "1,200 customs seals",
        "QUANTITY",
        1200.0,
        "seal",
        "exact",
        None,
        id="plural-looking modifier",
    ),
    pytest.param(
        "Exports and imports grew 6.1 and 2.4 percent, respectively.",
        "6.1",
        "PERCENT",
        6.1,
        "percent",
        "exact",
        None,
        id="elided percent unit",
    ),
    pytest.param(
        "Trade with the EU, Japan and Korea was 2.8, 1.1 and 1.2 trillion yuan.",
        "1.1",
        "MONEY",
        1.1e12,
        "CNY",
        "exact",
        None,
        id="elided scale and currency",
    ),
    pytest.param(
        "Exports rose by 7-point-6 percent, the reporter said.",
        "7-point-6 percent",
        "PERCENT",
        7.6,
        "percent",
        "exact",
        None,
        id="spelled-out decimal",
    ),
    pytest.param(
        "In RMB, foreign trade in November 31,285.400 million yuan, up 3.4 percent.",
        "31,285.400 million yuan",
        "MONEY",
        3.12854e10,
        "CNY",
        "exact",
        None,
        id="figure after a month name",
    ),
    pytest.param(
        "The number of registered exporters in the zone rose to 8,200 in May.",
        "8,200",
        "QUANTITY",
        8200.0,
        "exporter",
        "exact",
        None,
        id="counted noun from 'the number of'",
    ),
    pytest.param(
        "Officials expect growth of between 4 and 6 percent this year.",
        "4 and 6 percent",
        "PERCENT",
        4.0,
        "percent",
        "exact",
        6.0,
        id="between range",
    ),
    pytest.param(
        "Perishable goods are released within 6 hours of arrival.",
        "6 hours",
        "QUANTITY",
        6.0,
        "hour",
        "at_most",
        None,
        id="within",
    ),
    pytest.param(
        "Seafood can now be cleared in as little as 3 hours.",
        "3 hours",
        "QUANTITY",
        3.0,
        "hour",
        "at_least",
        None,
        id="as little as",
    ),
    pytest.param(
        "The port handled 1900 thousand containers in the quarter.",
        "1900 thousand containers",
        "QUANTITY",
        1.9e6,
        "container",
        "exact",
        None,
        id="year-like digits with a scale",
    ),
    pytest.param(
        "The gold was cast in 68-ounce bars.",
        "68-ounce",
        "QUANTITY",
        68.0,
        "ounce",
        "exact",
        None,
        id="hyphenated measure",
    ),
    pytest.param(
        "China has signed arrangements with 46 countries or regions.",
        "46 countries or regions",
        "QUANTITY",
        46.0,
        "country or region",
        "exact",
        None,
        id="coordinated with or",
    ),
    pytest.param(
        "The terminal handled 49 million TEUs in 2024.",
        "49 million TEUs",
        "QUANTITY",
        4.9e7,
        "TEU",
        "exact",
        None,
        id="acronym unit",
    ),
    pytest.param(
        "Inspection teams were sent to 64 road, rail and air ports.",
        "64 road, rail and air ports",
        "QUANTITY",
        64.0,
        "port",
        "exact",
        None,
        id="listed modifiers",
    ),
    pytest.param(
        "The rule covers 120 bonded warehouses storing imported wine.",
        "120 bonded warehouses",
        "QUANTITY",
        120.0,
        "warehouse",
        "exact",
        None,
        id="participle clause stays out",
    ),
    pytest.param(
        "Review times ranging from 3 to 5 days were reported.",
        "3 to 5 days",
        "QUANTITY",
        3.0,
        "day",
        "exact",
        5.0,
        id="ranging from",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The pilot will grow from 12 to 30 border crossings next year.",
            [("12", 12.0, "crossing"), ("30 border crossings", 30.0, "crossing")],
            id="counted",
        ),
        pytest.param(
            "The share of paperless declarations rose from 62 to 85 percent.",
            [("62", 62.0, "percent"), ("85 percent", 85.0, "percent")],
            id="percent",
        ),
        pytest.param(
            "The guarantee threshold was lowered from 50 to 20 million yuan.",
            [("50", 5e7, "CNY"), ("20 million yuan", 2e7, "CNY")],
            id="money",
        ),
    ],
)
def test_from_to_is_a_start_and_an_end(extractor, sentence, expected):
    document = extractor(sentence)
    assert [(m.text, m.value, m.unit) for m in figures(document)] == [
        (text, pytest.approx(value), unit) for text, value, unit in expected
    ]
    assert all(m.value_max is None for m in figures(document))
    assert_grounded(document)


@pytest.mark.parametrize(
    ("sentence", "surface", "label", "value", "unit", "bound", "value_max"), FORMS
)
def test_forms(extractor, sentence, surface, label, value, unit, bound, value_max):
    document = extractor(sentence)
    start, end = span_of(sentence, surface)
    found = [m for m in figures(document) if (m.start, m.end) == (start, end)]
    assert found, [(m.label, m.text) for m in figures(document)]
    mention = found[0]
    assert mention.label == label
    assert mention.value == pytest.approx(value, rel=1e-9)
    assert mention.unit == unit
    assert mention.bound == bound
    assert mention.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert_grounded(document)


def test_conversion_gives_two_mentions(extractor):
    text = "Imports were worth 18.4 trillion yuan (about 2.6 trillion U.S. dollars) in total."
    document = extractor(text)
    money = [(m.text, m.unit, m.bound) for m in figures(document) if m.label == "MONEY"]
    assert money == [
        ("18.4 trillion yuan", "CNY", "exact"),
        ("2.6 trillion U.S. dollars", "USD", "approx"),
    ]
    assert_grounded(document)


NOT_MENTIONS = [
    pytest.param("The 18th meeting of the committee opened in Xiamen.", id="ordinal"),
    pytest.param("The press conference starts at 10 a.m. in Beijing.", id="clock time"),
    pytest.param("Three initiatives were put forward at the meeting.", id="number words"),
    pytest.param("Ports in Hainan offer 24/7 appointment-based clearance.", id="24/7"),
    pytest.param("Measures against COVID-19 were adjusted at the G20 summit.", id="in names"),
    pytest.param("The SCCP1 plenary adopted its work plan.", id="digit in a name"),
    pytest.param("1. Improving the fast track for perishable goods.", id="list item"),
    pytest.param("Trade will be discussed in 2026 by member economies.", id="year"),
    pytest.param("The forum was held on February 4 to 6 in Guangzhou.", id="day after month"),
    pytest.param("In the first 7 months, trade grew steadily.", id="period for dates"),
    pytest.param("The country ranks fourth among its trading partners.", id="bare ordinal word"),
    pytest.param("Phase 2 projects at the port opened in May.", id="label number"),
    pytest.param("5G base stations were installed at the terminal.", id="5G"),
    pytest.param("The 2021-2025 plans were reviewed.", id="year range"),
    pytest.param("The population of the port city is 5 million.", id="no counted noun"),
    pytest.param("Talks resumed at COP28 in Dubai.", id="code-like name"),
    pytest.param("The inspectors counted 1,250 300 times a day.", id="spaced group, no scale"),
]


@pytest.mark.parametrize("sentence", NOT_MENTIONS)
def test_not_mentions(extractor, sentence):
    document = extractor(sentence)
    assert figures(document) == []
    assert_grounded(document)


def test_a_year_is_never_an_elided_percent(extractor):
    document = extractor("The tariff lists of 2023 and 5 percent rates were merged.")
    assert [(m.label, m.text) for m in figures(document)] == [("PERCENT", "5 percent")]


def test_bare_count_needs_the_number_of(extractor):
    document = extractor("Exports reached 645,000 last year, up 3 percent.")
    assert [m.label for m in figures(document)] == ["PERCENT"]


def test_context_currency_needs_context(extractor):
    document = extractor("Exports were 2,212.5 million, up 3 percent.")
    assert [m.label for m in figures(document)] == ["PERCENT"]


def test_bound_verb_must_be_a_verb(extractor):
    document = extractor("The Top 10 cases of smuggling were announced.")
    assert [(m.text, m.bound) for m in figures(document)] == [("10 cases", "exact")]


def test_spans_snap_to_tokens_and_never_split_a_number(extractor):
    text = (
        "Trade reached RMB43.85 trillion, HK$12bn and US$450 million; growth was "
        "9.5%-11% and 150+ economies joined, while 5.2bn tons moved."
    )
    doc = extractor.nlp(extractor.make_doc(text))
    spans = doc.spans["textfacts_numbers"]
    assert len(spans) == 6
    for span in spans:
        assert doc.char_span(span.start_char, span.end_char) is not None
        for match in re.finditer(r"\d[\d,.]*", text):
            inside = span.start_char <= match.start() < span.end_char
            assert inside == (span.start_char <= match.end() - 1 < span.end_char), span.text


def test_rule_ids_are_data_rows(extractor):
    ids = {row.id for row in PATTERN_ROWS}
    for span in number_spans(extractor, "Exports rose 5.2% to 3.2 billion yuan at 78 ports."):
        assert span._.textfacts["rule"] in ids


@pytest.mark.parametrize("row", PATTERN_ROWS, ids=[r.id for r in PATTERN_ROWS])
def test_every_pattern_row_matches_its_example(extractor, row):
    rules = [s._.textfacts["rule"] for s in number_spans(extractor, row.example)]
    assert (CONTEXT_RULES.get(row.label, row.id)) in rules


@pytest.mark.parametrize("row", currency_rows(), ids=[r.surface for r in currency_rows()])
def test_every_currency_row_matches_its_example(extractor, row):
    spans = number_spans(extractor, row.example)
    assert any(
        s.label_ == "MONEY"
        and s._.textfacts["unit"] == row.iso
        and row.surface.lower() in s.text.lower()
        for s in spans
    )


@pytest.mark.parametrize("row", SCALE_ROWS, ids=[r.surface for r in SCALE_ROWS])
def test_every_scale_row_matches_its_example(extractor, row):
    def factor(span):
        number = next(t.text for t in span if NUMBER.match(t.text))
        return span._.textfacts["value"] / float(number.replace(",", ""))

    spans = number_spans(extractor, row.example)
    assert any(
        row.surface in [t.lower_ for t in s] and factor(s) == pytest.approx(row.multiplier)
        for s in spans
    )


@pytest.mark.parametrize("row", unit_rows(), ids=[r.surface for r in unit_rows()])
def test_every_unit_row_matches_its_example(extractor, row):
    spans = number_spans(extractor, row.example)
    assert any(s._.textfacts["unit"] == row.lemma for s in spans)


@pytest.mark.parametrize("row", bound_rows(), ids=[r.surface for r in bound_rows()])
def test_every_bound_row_matches_its_example(extractor, row):
    spans = number_spans(extractor, row.example)
    assert any(s._.textfacts["bound"] == row.bound for s in spans)


@pytest.mark.parametrize("row", WORD_ROWS, ids=[r.surface for r in WORD_ROWS])
def test_every_number_word_row_matches_its_example(extractor, row):
    spans = number_spans(extractor, row.example)
    assert any(row.surface in [t.lower_ for t in s] for s in spans)


# Forms outside customs wording (issue 13): wire and foreign-outlet copy. Invented sentences.
# (sentence, span text, label, value, unit, bound, value_max)
WIRE_FORMS = [
    pytest.param(
        "Analysts put the fine at $2 billion to $4 billion.",
        "$2 billion to $4 billion",
        "MONEY",
        2e9,
        "USD",
        "exact",
        4e9,
        id="range, currency repeated",
    ),
    pytest.param(
        "Day passes sell for $12-$15 at the gate.",
        "$12-$15",
        "MONEY",
        12.0,
        "USD",
        "exact",
        15.0,
        id="range, mark repeated after a dash",
    ),
    pytest.param(
        "Tariffs on the parts were cut from 8-10% to 4%.",
        "8-10%",
        "PERCENT",
        8.0,
        "percent",
        "exact",
        10.0,
        id="from a dashed range, still a range",
    ),
    pytest.param(
        "Flats in the tower are priced from $650,000 to $1.2 million.",
        "$650,000 to $1.2 million",
        "MONEY",
        6.5e5,
        "USD",
        "exact",
        1.2e6,
        id="priced from, own scales",
    ),
    pytest.param(
        "Rents in the district can run from $1,800 to $2,600 a month.",
        "$1,800 to $2,600",
        "MONEY",
        1800.0,
        "USD",
        "exact",
        2600.0,
        id="run from",
    ),
    pytest.param(
        "The entry ticket to the fort is Rs 600 for foreign visitors.",
        "Rs 600",
        "MONEY",
        600.0,
        "INR",
        "exact",
        None,
        id="Rs",
    ),
    pytest.param(
        "The buyers want to get a range of $20 to $30 billion.",
        "$20 to $30 billion",
        "MONEY",
        2e10,
        "USD",
        "exact",
        3e10,
        id="scale word shared",
    ),
    pytest.param(
        "The grant goes to families earning between $35,000 and $70,000.",
        "$35,000 and $70,000",
        "MONEY",
        3.5e4,
        "USD",
        "exact",
        7e4,
        id="between, currency repeated",
    ),
    pytest.param(
        "Wages are set to rise between 2% and 3% next year.",
        "2% and 3%",
        "PERCENT",
        2.0,
        "percent",
        "exact",
        3.0,
        id="between percents",
    ),
    pytest.param(
        "Economists expect 3% to 4% growth in the bloc.",
        "3% to 4%",
        "PERCENT",
        3.0,
        "percent",
        "exact",
        4.0,
        id="percent to percent",
    ),
    pytest.param(
        "The builder paid $US12.5 million for the site.",
        "$US12.5 million",
        "MONEY",
        1.25e7,
        "USD",
        "exact",
        None,
        id="$US",
    ),
    pytest.param(
        "The stake was valued at $A3.4 billion.",
        "$A3.4 billion",
        "MONEY",
        3.4e9,
        "AUD",
        "exact",
        None,
        id="$A",
    ),
    pytest.param(
        "Shares of the brewer closed at RM18.20 on Friday.",
        "RM18.20",
        "MONEY",
        18.2,
        "MYR",
        "exact",
        None,
        id="RM glued",
    ),
    pytest.param(
        "The pension fund holds 4 billion Danish crowns in bonds.",
        "4 billion Danish crowns",
        "MONEY",
        4e9,
        "DKK",
        "exact",
        None,
        id="Danish crowns",
    ),
    pytest.param(
        "Tokyo shares of the maker rose to ¥4,120 on Monday.",
        "¥4,120",
        "MONEY",
        4120.0,
        "JPY",
        "exact",
        None,
        id="yen mark without China",
    ),
    pytest.param(
        "China's imports of the chips were worth ¥8.2 billion.",
        "¥8.2 billion",
        "MONEY",
        8.2e9,
        "CNY",
        "exact",
        None,
        id="yen mark about China",
    ),
    pytest.param(
        "The brewer's shares fell after it paid PS640m for the chain.",
        "PS640m",
        "MONEY",
        6.4e8,
        "GBP",
        "exact",
        None,
        id="ASCII-folded pound mark",
    ),
    pytest.param(
        "Tokyo shares of the maker closed at Y=3,415 on Friday.",
        "Y=3,415",
        "MONEY",
        3415.0,
        "JPY",
        "exact",
        None,
        id="ASCII-folded yen mark without China",
    ),
    pytest.param(
        "Ticket sales grew from $40 to $65 million over the season.",
        "$40",
        "MONEY",
        4e7,
        "USD",
        "exact",
        None,
        id="from-to levels, mark repeated, scale shared",
    ),
    pytest.param(
        "The museum has raised 25 million of the 60 million yuan it needs.",
        "25 million",
        "MONEY",
        2.5e7,
        "CNY",
        "exact",
        None,
        id="part of a sum, currency after the whole",
    ),
    pytest.param(
        "So far 700 million of the $1.1 billion pledged has been paid.",
        "700 million",
        "MONEY",
        7e8,
        "USD",
        "exact",
        None,
        id="part of a sum, mark before the whole",
    ),
    pytest.param(
        "The yacht was sold for USD12m last week.",
        "USD12m",
        "MONEY",
        1.2e7,
        "USD",
        "exact",
        None,
        id="USD and m glued",
    ),
    pytest.param(
        "The insurer paid $7.3M in claims.",
        "$7.3M",
        "MONEY",
        7.3e6,
        "USD",
        "exact",
        None,
        id="capital M",
    ),
    pytest.param(
        "The group raised $2.8b from the listing.",
        "$2.8b",
        "MONEY",
        2.8e9,
        "USD",
        "exact",
        None,
        id="b glued",
    ),
    pytest.param(
        "Ten-year gilts yielded 3.41pc on Tuesday.",
        "3.41pc",
        "PERCENT",
        3.41,
        "percent",
        "exact",
        None,
        id="pc glued",
    ),
    pytest.param(
        "The bank cut its rate by 25 basis points.",
        "25 basis points",
        "PERCENT",
        25.0,
        "basis_point",
        "exact",
        None,
        id="basis points as written",
    ),
    pytest.param(
        "The fund's net flow was minus 2 billion yuan in May.",
        "minus 2 billion yuan",
        "MONEY",
        -2e9,
        "CNY",
        "exact",
        None,
        id="minus money",
    ),
    pytest.param(
        "The unit lost -$3 million in the quarter.",
        "-$3 million",
        "MONEY",
        -3e6,
        "USD",
        "exact",
        None,
        id="minus before $",
    ),
    pytest.param(
        "Closing levels: Nikkei 225 -0.8% and Hang Seng +1.1%.",
        "-0.8%",
        "PERCENT",
        -0.8,
        "percent",
        "exact",
        None,
        id="sign after an index",
    ),
    pytest.param(
        "The dryer runs at ~70% of its capacity.",
        "70%",
        "PERCENT",
        70.0,
        "percent",
        "approx",
        None,
        id="tilde is approx",
    ),
    pytest.param(
        "The error rate fell to .002 per cent.",
        ".002 per cent",
        "PERCENT",
        0.002,
        "percent",
        "exact",
        None,
        id="no leading zero",
    ),
    pytest.param(
        "They pay a $2800 a month rent.",
        "$2800",
        "MONEY",
        2800.0,
        "USD",
        "exact",
        None,
        id="article before $",
    ),
    pytest.param(
        "Sales could see a six per cent rise.",
        "six per cent",
        "PERCENT",
        6.0,
        "percent",
        "exact",
        None,
        id="article before a cardinal",
    ),
    pytest.param(
        "Foreign trade in US dollars was 1,962 800 million.",
        "1,962 800 million",
        "MONEY",
        1.9628e12,
        "USD",
        "exact",
        None,
        id="space before the last group",
    ),
    pytest.param(
        "Imports of crude oil were 3,418 250 million yuan.",
        "3,418 250 million yuan",
        "MONEY",
        3.41825e12,
        "CNY",
        "exact",
        None,
        id="space-grouped yuan",
    ),
    pytest.param(
        "It costs about 7 or $8 at the market.",
        "7",
        "MONEY",
        7.0,
        "USD",
        "approx",
        None,
        id="currency of the next figure",
    ),
    pytest.param(
        "The boxer weighed 176 pounds before the bout.",
        "176 pounds",
        "QUANTITY",
        176.0,
        "pound",
        "exact",
        None,
        id="pounds of body weight",
    ),
    pytest.param(
        "The number of licensed customs brokers reached 1.8 million by May.",
        "1.8 million",
        "QUANTITY",
        1.8e6,
        "broker",
        "exact",
        None,
        id="number of, the head noun counts",
    ),
    pytest.param(
        "The new district covers 52,000 square km.",
        "52,000 square km",
        "QUANTITY",
        52000.0,
        "square kilometer",
        "exact",
        None,
        id="square km",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "label", "value", "unit", "bound", "value_max"), WIRE_FORMS
)
def test_wire_forms(extractor, sentence, surface, label, value, unit, bound, value_max):
    test_forms(extractor, sentence, surface, label, value, unit, bound, value_max)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Brent climbed $1.5 to $84 a barrel.",
            [("$1.5", 1.5), ("$84", 84.0)],
            id="change then level",
        ),
        pytest.param(
            "The share rose 2.1 percentage points to 18 percent.",
            [("2.1 percentage points", 2.1), ("18 percent", 18.0)],
            id="points then percent",
        ),
        pytest.param(
            "Analysts expect 2 percentage points to 5 percent of change.",
            [("2 percentage points", 2.0), ("5 percent", 5.0)],
            id="units differ",
        ),
        pytest.param(
            "Coin prices slid from $41,200 to $39,800 overnight.",
            [("$41,200", 41200.0), ("$39,800", 39800.0)],
            id="from-to after a verb",
        ),
        pytest.param(
            "Tariffs were cut from 10 to 5 percent to support exporters.",
            [("10", 10.0), ("5 percent", 5.0)],
            id="from-to, a verb after the second to",
        ),
        pytest.param(
            "Tariffs were cut from 10 to 5 percent to 2027 levels.",
            [("10", 10.0), ("5 percent", 5.0)],
            id="from-to, a year after the second to",
        ),
        pytest.param(
            "Shares rose five per cent to 20 per cent.",
            [("five per cent", 5.0), ("20 per cent", 20.0)],
            id="worded change then level",
        ),
    ],
)
def test_change_and_level_stay_two_figures(extractor, sentence, expected):
    document = extractor(sentence)
    assert [(m.text, m.value) for m in figures(document)] == [
        (text, pytest.approx(value)) for text, value in expected
    ]
    assert all(m.value_max is None for m in figures(document))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The lender trimmed its forecast from 6 to 8 per cent to 4 to 5 per cent.",
            [("6 to 8 per cent", 6.0, 8.0), ("4 to 5 per cent", 4.0, 5.0)],
            id="percent",
        ),
        pytest.param(
            "The insurer raised its loss estimate from $5 to $7 billion to $8 to $9 billion.",
            [("$5 to $7 billion", 5e9, 7e9), ("$8 to $9 billion", 8e9, 9e9)],
            id="money",
        ),
    ],
)
def test_from_a_range_to_another_range(extractor, sentence, expected):
    """ "from X to Y to Z": the change starts at the range X to Y, not at X."""
    document = extractor(sentence)
    assert [(m.text, m.value, m.value_max) for m in figures(document)] == [
        (text, pytest.approx(low), pytest.approx(high)) for text, low, high in expected
    ]
    assert_grounded(document)


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "value_max"),
    [
        pytest.param(
            "Brokers see a six per cent to 11 per cent rebound in orders.",
            "six per cent to 11 per cent",
            6.0,
            11.0,
            id="both units",
        ),
        pytest.param(
            "Port fees may go up by another three to 8 percent.",
            "three to 8 percent",
            3.0,
            8.0,
            id="shared unit",
        ),
    ],
)
def test_worded_first_end_of_a_range(extractor, sentence, surface, value, value_max):
    """One end with a digit makes the range a figure (§7: a digit somewhere in the mention)."""
    document = extractor(sentence)
    found = [(m.text, m.value, m.value_max) for m in figures(document) if m.label == "PERCENT"]
    assert found == [(surface, pytest.approx(value), pytest.approx(value_max))]
    assert_grounded(document)


def test_worded_range_without_a_digit_is_no_range(extractor):
    document = extractor("Fees may go up by three to eight percent.")
    assert all(m.value_max is None for m in figures(document))


@pytest.mark.parametrize(
    ("sentence", "surface", "per"),
    [
        pytest.param("Crude settled at $81 a barrel.", "$81", "barrel", id="a barrel"),
        pytest.param("Soybeans cost 4,100 yuan per ton.", "4,100 yuan", "ton", id="per ton"),
        pytest.param(
            "Offices let for $45 per square foot.", "$45", "square foot", id="per square foot"
        ),
        pytest.param("The firm raised $9 million a year ago.", "$9 million", None, id="a year ago"),
        pytest.param("Exports reached $9 million in May.", "$9 million", None, id="no rate"),
    ],
)
def test_price_rate_goes_to_per(extractor, sentence, surface, per):
    document = extractor(sentence)
    money = [m for m in figures(document) if m.text == surface]
    assert money and money[0].per == per
    assert_grounded(document)


def test_spaced_au_before_a_dollar_is_no_currency(extractor):
    """ "AU$" is AUD; "the AU $600 million fund" is the African Union's US dollars."""
    document = extractor("The AU $600 million fund opened.")
    assert [(m.text, m.unit) for m in figures(document)] == [("$600 million", "USD")]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The pool is 20m long.", id="m without a currency is not million"),
        pytest.param("They bought a $ denominated bond.", id="article and a bare mark"),
        pytest.param("He queued for a PS5 all night.", id="a console, not pounds"),
        pytest.param("Mills used 3 million of the 8 million tonnes.", id="part of a weight"),
        pytest.param("The PS 4,000 series ships in May.", id="folded mark standing apart"),
        pytest.param("Plot the line y=2.5 on the chart.", id="an equation, not yen"),
    ],
)
def test_wire_not_money(extractor, sentence):
    document = extractor(sentence)
    assert not [m for m in figures(document) if m.label == "MONEY"]
