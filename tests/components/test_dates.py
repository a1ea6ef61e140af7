"""textfacts_dates on genre sentences: spans, ISO values, and what is not a DATE."""

import pytest
from helpers import assert_grounded, find, span_of

from textfacts.components.dates import DatePatternRow, DateWordRow, deadline_value
from textfacts.offsets import overlaps
from textfacts.resources import data_path, read_jsonl, read_tsv

ROWS = read_jsonl(data_path(None, "patterns/dates.jsonl"), DatePatternRow)
WORDS = read_tsv(data_path(None, "lexicons/date_words.tsv"), DateWordRow)


@pytest.fixture(scope="module")
def dates_pipe():
    import spacy

    return spacy.blank("en").add_pipe("textfacts_dates")


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_every_pattern_row_matches_its_example(dates_pipe, row):
    pattern = next(p for r, p in dates_pipe.compiled if r.id == row.id)
    assert pattern.search(row.example)


@pytest.mark.parametrize("row", WORDS, ids=[f"{r.kind}:{r.surface}" for r in WORDS])
def test_every_date_word_occurs_in_its_example(row):
    assert row.surface.lower() in row.example.lower()


def _dates(document):
    return {(m.text, m.value) for m in document.mentions if m.label == "DATE"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Customs data released on Thursday showed that in the first nine months of this "
            "year, exports rose 0.6 percent compared with the same period last year.",
            "2023-10-13",
            {
                ("Thursday", "2023-10-12"),
                ("first nine months of this year", "2023-01/2023-09"),
                ("same period last year", "2022-01/2022-09"),
            },
            id="cumulative months and the same period last year",
        ),
        pytest.param(
            "In the January-October period, soybean imports fell. In October alone, imports of "
            "crude oil rose from the previous year.",
            "2023-11-07",
            {
                ("January-October period", "2023-01/2023-10"),
                ("October", "2023-10"),
                ("previous year", "2022"),
            },
            id="month span with period, single month, previous year",
        ),
        pytest.param(
            "In 2022, imports of beef rose 3 percent from the previous year, while last year "
            "they fell.",
            "2024-02-01",
            {("2022", "2022"), ("previous year", "2021"), ("last year", "2023")},
            id="previous year follows the year in focus, last year the publication",
        ),
        pytest.param(
            "Trade rose 5 percent in the third quarter, faster than in the first half of 2023, "
            "and exports in Q2 were steady.",
            "2023-10-13",
            {
                ("third quarter", "2023-07/2023-09"),
                ("first half of 2023", "2023-01/2023-06"),
                ("Q2", "2023-04/2023-06"),
            },
            id="quarters and halves",
        ),
        pytest.param(
            "The expo will be held in Shanghai from November 5 to 10, and the forum will open on "
            "Sunday.",
            "2024-08-01",
            {("November 5 to 10", "2024-11-05/2024-11-10"), ("Sunday", "2024-08-04")},
            id="announced events take the next occurrence",
        ),
        pytest.param(
            "In December alone, exports grew 2.3 percent, data released on Jan 12, 2024 showed.",
            "2024-01-12",
            {("December", "2023-12"), ("Jan 12, 2024", "2024-01-12")},
            id="a January report of December",
        ),
        pytest.param(
            "Foreign trade hit 41.76 trillion yuan in 2023, while trade in the 2021-2025 period is "
            "set to grow, and since 2012 the number of exporters has doubled by 2025.",
            None,
            {("2023", "2023"), ("2021-2025", "2021/2025"), ("2012", "2012"), ("2025", "2025")},
            id="bare years and a year range",
        ),
        pytest.param(
            "Clearance times fell during the 14th Five-Year Plan period, as China's 15th "
            "Five-Year Plan period (2026-2030) begins, and 2031 will be the opening year of the "
            "16th Five-Year Plan period.",
            None,
            {
                ("14th Five-Year Plan period", "2021/2025"),
                ("15th Five-Year Plan period", "2026/2030"),
                ("2026-2030", "2026/2030"),
                ("2031", "2031"),
                ("opening year of the 16th Five-Year Plan period", "2031"),
            },
            id="plan periods and plan years",
        ),
        pytest.param(
            "The GAC unveiled policies for the 15th Five-Year Plan period and compared them with "
            "the previous Five-Year Plan period.",
            None,
            {
                ("15th Five-Year Plan period", "2026/2030"),
                ("previous Five-Year Plan period", "2021/2025"),
            },
            id="previous plan period counts back from the plan named",
        ),
        pytest.param(
            "Updated: 2023-06-03\n\nThe rules took effect on May 1, and the pilot began in "
            "March, 2021 under the 2021/03/15 notice.",
            None,
            {
                ("2023-06-03", "2023-06-03"),
                ("May 1", "2023-05-01"),
                ("March, 2021", "2021-03"),
                ("2021/03/15", "2021-03-15"),
            },
            id="numeric dates and month-year",
        ),
        pytest.param(
            "By the end of June, 2,800 enterprises had joined the pilot, and the GAC will extend "
            "it to all ports by the end of this year; at the end of last year there were 900.",
            "2024-07-15",
            {
                ("end of June", "2024-06-30"),
                ("end of this year", "2024-12-31"),
                ("end of last year", "2023-12-31"),
            },
            id="end of a month or year is its last day",
        ),
        pytest.param(
            "Registrations had doubled by end-March, and the upgrade will be finished by the end "
            "of the fourth quarter and by the end of the 15th Five-Year Plan period.",
            "2025-04-10",
            {
                ("end-March", "2025-03-31"),
                ("end of the fourth quarter", "2025-12-31"),
                ("end of the 15th Five-Year Plan period", "2030-12-31"),
            },
            id="end of quarters and plan periods",
        ),
        pytest.param(
            "Exports rose 4 percent in the first five months.\n\nIn the five months, imports "
            "of soybeans fell, and in the three quarters since the rules took effect, trade grew.",
            "2024-06-07",
            {("first five months", "2024-01/2024-05"), ("five months", "2024-01/2024-05")},
            id="the five months restate the reporting period",
        ),
        pytest.param(
            "Imports surged in early March and slowed in late April, after a pilot launched in "
            "mid-2024, and the next one will start in mid-May.",
            "2025-05-09",
            {
                ("early March", "2025-03"),
                ("late April", "2025-04"),
                ("mid-2024", "2024"),
                ("mid-May", "2025-05"),
            },
            id="early, mid- and late stay in the span",
        ),
        pytest.param(
            "Border ports handled 1.9 million trips during the Spring Festival holiday, and "
            "customs will open green lanes for the National Day and Mid-Autumn Festival holiday.",
            "2025-02-10",
            {
                ("Spring Festival holiday", "2025-01-28/2025-02-04"),
                ("National Day and Mid-Autumn Festival holiday", "2025-10-01/2025-10-08"),
            },
            id="holiday periods from the State Council arrangement",
        ),
        pytest.param(
            "The GAC said last Friday that the list, published on Wednesday, will be discussed "
            "next Tuesday.",
            "2025-03-07",
            {
                ("last Friday", "2025-02-28"),
                ("Wednesday", "2025-03-05"),
                ("next Tuesday", "2025-03-11"),
            },
            id="weekdays with last and next",
        ),
        pytest.param(
            "In the fourth quarter, exports grew 2 percent from the previous quarter. In December, "
            "imports rose from the previous month, and last month's surplus widened; guarantees "
            "stood at 12 billion yuan as of end-2024.",
            "2025-01-14",
            {
                ("fourth quarter", "2024-10/2024-12"),
                ("previous quarter", "2024-07/2024-09"),
                ("December", "2024-12"),
                ("previous month", "2024-11"),
                ("last month", "2024-12"),
                ("end-2024", "2024-12-31"),
            },
            id="previous quarter and month count from the period in focus",
        ),
        pytest.param(
            "Cross-border parcels up 20 pct in first five months\n\nParcels handled by customs "
            "rose 20 percent from the same period last year.",
            "2024-06-12",
            {
                ("first five months", "2024-01/2024-05"),
                ("same period last year", "2023-01/2023-05"),
            },
            id="same period last year after the headline's reporting period",
        ),
        pytest.param(
            "Between January and October, exports of ships rose 30 percent.",
            "2024-11-07",
            {("January and October", "2024-01/2024-10")},
            id="between two months",
        ),
        pytest.param(
            "Over the past three years, and since the year's start, cross-border e-commerce "
            "has grown, with imports up since May and exports up last month.",
            "2024-06-20",
            {
                ("past three years", "2021/2023"),
                ("year's start", "2024"),
                ("May", "2024-05"),
                ("last month", "2024-05"),
            },
            id="past years and the year's start",
        ),
    ],
)
def test_genre_sentences(extractor, text, published, expected):
    document = extractor(text, meta={"published": published} if published else None)
    assert _dates(document) == expected
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        pytest.param(
            "China's exports beat forecasts\nCGTN\nUpdated 18:02, 09-Dec-2024\n\n"
            "Exports rose 6.7 percent, customs data showed on Saturday.",
            "2024-12-09",
            "2024-12-07",
            id="updated line with a day-month-year",
        ),
        pytest.param(
            "Customs press release\n\nMonday, November 18, 2024\n\nThe GAC said on "
            "Saturday that exports rose.",
            "2024-11-18",
            "2024-11-16",
            id="weekday before the date line",
        ),
        pytest.param(
            "Customs press release\n\nSource: GAC | 2024-11-18\n\nThe GAC said on "
            "Saturday that exports rose.",
            "2024-11-18",
            "2024-11-16",
            id="source and date line",
        ),
    ],
)
def test_a_header_date_line_anchors_relative_dates(extractor, text, published, day):
    document = extractor(text)
    assert find(document, "DATE", "Saturday").value == day
    assert_grounded(document)


def test_a_date_in_a_headline_is_no_publication_date(extractor):
    text = "Customs to cut fees from Jan 1, 2026\n\nThe GAC said on Saturday that fees will fall."
    document = extractor(text)
    assert find(document, "DATE", "Saturday").value is None
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "In the 14th Five-Year Plan period, ports cut clearance times, and "
            "over the past five years trade grew by half.",
            {("14th Five-Year Plan period", "2021/2025"), ("past five years", "2021/2025")},
            id="past five years restate the plan period",
        ),
        pytest.param(
            "Customs set its 15th Five-Year Plan period (2026-2030) targets after "
            "the previous Five-Year Plan period. Over the past five years, ports grew.",
            {
                ("15th Five-Year Plan period", "2026/2030"),
                ("2026-2030", "2026/2030"),
                ("previous Five-Year Plan period", "2021/2025"),
                ("past five years", "2021/2025"),
            },
            id="the previous plan period is the completed one",
        ),
        pytest.param(
            "During the 14th Five-Year Plan period, trade hit 190 trillion yuan in five years.",
            {("14th Five-Year Plan period", "2021/2025"), ("five years", "2021/2025")},
            id="a record in five years",
        ),
        pytest.param(
            "The GAC will double the number of AEO firms in five years.",
            set(),
            id="a length, not a date",
        ),
    ],
)
def test_undated_five_years_restate_a_plan_period(extractor, text, expected):
    document = extractor(text)
    assert _dates(document) == expected
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        pytest.param(
            "Customs will cut clearance times by the end of 2026.", "2026", id="end of a year"
        ),
        pytest.param(
            "Customs will finish the upgrade by the end of the third quarter.",
            "2025-07/2025-09",
            id="end of a quarter",
        ),
        pytest.param("Customs will finish the upgrade by end-June.", "2025-06", id="end-month"),
        pytest.param("Customs will finish the upgrade in 2027.", "2027", id="a plain year"),
    ],
)
def test_deadline_value_names_the_period_an_end_point_closes(extractor, text, deadline):
    doc = extractor.nlp(extractor.make_doc(text, {"published": "2025-04-10"}))
    (span,) = doc.spans["textfacts_dates"]
    assert deadline_value(span) == deadline


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        pytest.param(
            "The GAC will roll out new measures and strive to cut clearance time by the "
            "end of June.",
            "end of June",
            "2025-06-30",
            id="a verb coordinated with will",
        ),
        pytest.param(
            "Customs plans to launch the platform in March.",
            "March",
            "2026-03",
            id="the complement of an intent verb",
        ),
        pytest.param(
            "Customs will keep supporting trade, and imports in March rose 5 percent.",
            "March",
            "2025-03",
            id="a clause with its own subject stays past",
        ),
        pytest.param(
            "Port authorities will stop charging three inspection fees starting from "
            "Feb. 1, officials said.",
            "Feb. 1",
            "2026-02-01",
            id="an adverbial starting-from phrase under will",
        ),
        pytest.param(
            "The simplified declaration rules will take effect beginning Jan. 1.",
            "Jan. 1",
            "2026-01-01",
            id="beginning under will",
        ),
        pytest.param(
            "Seafood imports fell 3 percent, starting from March 1.",
            "March 1",
            "2025-03-01",
            id="an -ing phrase under a past verb stays past",
        ),
    ],
)
def test_future_spreads_over_coordination_and_intent(extractor, text, surface, value):
    document = extractor(text, meta={"published": "2025-04-14"})
    assert find(document, "DATE", surface).value == value
    assert_grounded(document)


def test_plan_aware_five_years(extractor):
    opening = extractor(
        "In the next five years, customs will expand mutual recognition.",
        meta={"published": "2026-01-13"},
    )
    assert find(opening, "DATE", "next five years").value == "2026/2030"
    review = extractor(
        "During the 14th Five-Year Plan period, clearance times fell. Over the "
        "past five years, trade grew.",
        meta={"published": "2025-12-16"},
    )
    assert find(review, "DATE", "past five years").value == "2021/2025"
    plain = extractor("Over the past five years, trade grew.", meta={"published": "2025-12-16"})
    assert find(plain, "DATE", "past five years").value == "2020/2024"
    assert_grounded(review)


def test_span_starts_at_the_first_date_word(extractor):
    text = "Exports grew in the first half of this year, GAC data showed on the 9th."
    document = extractor(text, meta={"published": "2024-07-10"})
    mention = find(document, "DATE", "first half of this year")
    assert (mention.start, mention.end) == span_of(text, "first half of this year")
    assert mention.value == "2024-01/2024-06"
    assert find(document, "DATE", "9th").value == "2024-07-09"
    assert_grounded(document)


def test_dateline_document(extractor):
    text = (
        "BEIJING, Jan. 13, 2025 (Xinhua) -- China's foreign trade hit a record high last "
        "year, the General Administration of Customs announced today (13th). In December, "
        "exports rose 10.9 percent, officials said on Monday."
    )
    document = extractor(text)
    assert document.meta.published == "2025-01-13"
    assert _dates(document) == {
        ("Jan. 13, 2025", "2025-01-13"),
        ("last year", "2024"),
        ("today", "2025-01-13"),
        ("13th", "2025-01-13"),
        ("December", "2024-12"),
        ("Monday", "2025-01-13"),
    }
    assert_grounded(document)


def test_dateline_without_year_needs_a_given_date(extractor):
    text = "SHANGHAI, Nov. 5 (Xinhua) -- The import expo opened on Sunday."
    unknown = extractor(text)
    assert _dates(unknown) == {("Nov. 5", None), ("Sunday", None)}
    given = extractor(text, meta={"published": "2023-11-05"})
    assert _dates(given) == {("Nov. 5", "2023-11-05"), ("Sunday", "2023-11-05")}
    assert_grounded(given)


def test_no_publication_date_leaves_relative_dates_null(extractor):
    text = (
        "Cailianshe reported on July 30 that, in the first half of this year, trade rose "
        "compared with 2012, and growth will continue in the second half of the year."
    )
    document = extractor(text)
    assert document.meta.published is None
    assert _dates(document) == {
        ("July 30", None),
        ("first half of this year", None),
        ("2012", "2012"),
        ("second half of the year", None),
    }
    assert_grounded(document)


def test_stated_reporting_period_dates_later_months_without_a_publication_date(extractor):
    text = (
        "Exports rose 20 percent in the first eight months of 2021.\n"
        "In August alone, imports grew 33 percent."
    )
    document = extractor(text)
    assert find(document, "DATE", "August").value == "2021-08"
    assert_grounded(document)


def test_a_headline_year_does_not_date_the_body(extractor):
    text = "Customs sets smart port goals for 2027\n\nIn March, exports of ships rose."
    document = extractor(text, meta={"published": "2024-05-06"})
    assert find(document, "DATE", "March").value == "2024-03"
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The press conference began at 10 a.m. in Beijing.", id="clock time"),
        pytest.param("The three-day meeting drew 130 delegates.", id="meeting length"),
        pytest.param("Trade ranked first for seven consecutive years.", id="consecutive years"),
        pytest.param("Goods reach Beijing in 30 hours.", id="hours"),
        pytest.param("Targets in the 14th Five-Year Plan were met.", id="plan document"),
        pytest.param(
            "Exports rose 5 percent year-on-year, and imports rose year on year.", id="year on year"
        ),
        pytest.param("In recent years, may we ask how customs will march on?", id="verbs"),
        pytest.param("May I ask how the pilot zones have fared?", id="May as a modal"),
        pytest.param("Three quarters of the firms said the rules helped.", id="fraction"),
        pytest.param(
            "In the two months since the rules took effect, trade grew.",
            id="months counted from an event",
        ),
        pytest.param("The agency marked a national day of action.", id="lowercase holiday"),
    ],
)
def test_not_dates(extractor, text):
    document = extractor(text, meta={"published": "2024-05-10"})
    assert _dates(document) == set()
    assert_grounded(document)


def test_dates_never_overlap_number_mentions(extractor):
    text = (
        "In 2023, exports of 2,000 tons of rice and 2024 enterprises were recorded, up 5.2% "
        "from the first half of 2022."
    )
    document = extractor(text)
    numbers = [m for m in document.mentions if m.label in ("MONEY", "PERCENT", "QUANTITY")]
    dates = [m for m in document.mentions if m.label == "DATE"]
    assert find(document, "DATE", "2023").value == "2023"
    for date_mention in dates:
        assert not any(
            overlaps((date_mention.start, date_mention.end), (n.start, n.end)) for n in numbers
        )
    assert_grounded(document)
