"""textfacts_dates on genre sentences: spans, ISO values, and what is not a DATE."""

import pytest
from helpers import assert_grounded, find, span_of

from textfacts.components.dates import DatePatternRow, DateWordRow
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
            {("Thursday", "2023-10-12"), ("first nine months of this year", "2023-01/2023-09"),
             ("same period last year", "2022-01/2022-09")},
            id="cumulative months and the same period last year",
        ),
        pytest.param(
            "In the January-October period, soybean imports fell. In October alone, imports of "
            "crude oil rose from the previous year.",
            "2023-11-07",
            {("January-October period", "2023-01/2023-10"), ("October", "2023-10"),
             ("previous year", "2022")},
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
            {("third quarter", "2023-07/2023-09"), ("first half of 2023", "2023-01/2023-06"),
             ("Q2", "2023-04/2023-06")},
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
            "Clearance times fell during the 14th Five-Year Plan period, as the 15th "
            "Five-Year Plan period (2026-2030) begins, and 2026 is the opening year of the 15th "
            "Five-Year Plan period.",
            None,
            {("14th Five-Year Plan period", "2021/2025"),
             ("15th Five-Year Plan period", "2026/2030"), ("2026-2030", "2026/2030"),
             ("2026", "2026"),
             ("opening year of the 15th Five-Year Plan period", "2026")},
            id="plan periods and plan years",
        ),
        pytest.param(
            "The GAC unveiled policies for the 15th Five-Year Plan period and compared them with "
            "the previous Five-Year Plan period.",
            None,
            {("15th Five-Year Plan period", "2026/2030"),
             ("previous Five-Year Plan period", "2021/2025")},
            id="previous plan period counts back from the plan named",
        ),
        pytest.param(
            "Updated: 2023-06-03\n\nThe rules took effect on May 1, and the pilot began in "
            "March, 2021 under the 2021/03/15 notice.",
            None,
            {("2023-06-03", "2023-06-03"), ("May 1", "2023-05-01"), ("March, 2021", "2021-03"),
             ("2021/03/15", "2021-03-15")},
            id="numeric dates and month-year",
        ),
        pytest.param(
            "Over the past three years, and since the year's start, cross-border e-commerce "
            "has grown, with imports up since May and exports up last month.",
            "2024-06-20",
            {("past three years", "2021/2023"), ("year's start", "2024"), ("May", "2024-05"),
             ("last month", "2024-05")},
            id="past years and the year's start",
        ),
    ],
)
def test_genre_sentences(extractor, text, published, expected):
    document = extractor(text, meta={"published": published} if published else None)
    assert _dates(document) == expected
    assert_grounded(document)


def test_span_starts_at_the_first_date_word(extractor):
    text = "Exports grew in the first half of this year, the GAC said on the 9th."
    document = extractor(text, meta={"published": "2024-07-10"})
    mention = find(document, "DATE", "first half of this year")
    assert (mention.start, mention.end) == span_of(text, "first half of this year")
    assert mention.value == "2024-01/2024-06"
    assert find(document, "DATE", "9th").value == "2024-07-09"
    assert_grounded(document)


def test_dateline_document(extractor):
    text = ("BEIJING, Jan. 13, 2025 (Xinhua) -- China's foreign trade hit a record high last "
            "year, the General Administration of Customs announced today (13th). In December, "
            "exports rose 10.9 percent, officials said on Monday.")
    document = extractor(text)
    assert document.meta.published == "2025-01-13"
    assert _dates(document) == {
        ("Jan. 13, 2025", "2025-01-13"), ("last year", "2024"), ("today", "2025-01-13"),
        ("13th", "2025-01-13"), ("December", "2024-12"), ("Monday", "2025-01-13"),
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
    text = ("Cailianshe reported on July 30 that, in the first half of this year, trade rose "
            "compared with 2012, and growth will continue in the second half of the year.")
    document = extractor(text)
    assert document.meta.published is None
    assert _dates(document) == {
        ("July 30", None), ("first half of this year", None), ("2012", "2012"),
        ("second half of the year", None),
    }
    assert_grounded(document)


def test_stated_reporting_period_dates_later_months_without_a_publication_date(extractor):
    text = ("Exports rose 20 percent in the first eight months of 2021.\n"
            "In August alone, imports grew 33 percent.")
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
        pytest.param("Exports rose 5 percent year-on-year, and imports rose year on year.",
                     id="year on year"),
        pytest.param("In recent years, may we ask how customs will march on?", id="verbs"),
        pytest.param("May I ask how the pilot zones have fared?", id="May as a modal"),
    ],
)
def test_not_dates(extractor, text):
    document = extractor(text, meta={"published": "2024-05-10"})
    assert _dates(document) == set()
    assert_grounded(document)


def test_dates_never_overlap_number_mentions(extractor):
    text = ("In 2023, exports of 2,000 tons of rice and 2024 enterprises were recorded, up 5.2% "
            "from the first half of 2022.")
    document = extractor(text)
    numbers = [m for m in document.mentions if m.label in ("MONEY", "PERCENT", "QUANTITY")]
    dates = [m for m in document.mentions if m.label == "DATE"]
    assert find(document, "DATE", "2023").value == "2023"
    for date_mention in dates:
        assert not any(overlaps((date_mention.start, date_mention.end), (n.start, n.end))
                       for n in numbers)
    assert_grounded(document)
