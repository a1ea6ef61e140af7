import re

import pytest

from textfacts.components.header import ChromeRow
from textfacts.resources import data_path, read_jsonl

ROWS = read_jsonl(data_path(None, "patterns/chrome.jsonl"), ChromeRow)


@pytest.fixture(scope="module")
def header():
    import spacy

    nlp = spacy.blank("en")
    return nlp.add_pipe("textfacts_header")


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_every_chrome_row_matches_its_example(row):
    assert re.search(row.regex, row.example)


@pytest.mark.parametrize(
    ("text", "published", "outlet"),
    [
        pytest.param(
            "Title line\n\nChinaNews|Published:2025-03-07 09:12:45\n\nBody.",
            "2025-03-07",
            "ChinaNews",
            id="outlet|Published:",
        ),
        pytest.param(
            "Title\n\nChina.org.cn | March 7, 2024\n\nBody.",
            "2024-03-07",
            "China.org.cn",
            id="outlet | Month D, YYYY",
        ),
        pytest.param(
            "Headline\nUpdated: June 3, 2023 Print\nShare - WeChat\nBody.",
            "2023-06-03",
            None,
            id="Updated: line",
        ),
        pytest.param(
            "BEIJING, Jan. 13, 2025 (Xinhua) -- China's trade hit a record.",
            "2025-01-13",
            "Xinhua",
            id="dateline with year",
        ),
        pytest.param(
            "BEIJING, Jan. 13 (Xinhua) -- China's trade hit a record.",
            None,
            "Xinhua",
            id="dateline without year",
        ),
        pytest.param(
            "Speech at a press conference\n2024/05/08\n\nMarch 9,2025\n\nFriends.",
            "2025-03-09",
            None,
            id="latest stand-alone date line",
        ),
        pytest.param(
            "Exports up\nUpdated 09:15, 02-Mar-2024\nBody.",
            "2024-03-02",
            None,
            id="Updated time, DD-Mon-YYYY",
        ),
        pytest.param(
            "Exports up\nSource: Xinhua | Editor: Li Na | 2024-03-06\nBody.",
            "2024-03-06",
            "Xinhua",
            id="Source | Editor | date",
        ),
        pytest.param(
            "Exports up\n6 March 2024 | Xinhua\nBody.",
            "2024-03-06",
            "Xinhua",
            id="D Month YYYY | outlet",
        ),
        pytest.param("Customs will do more. It said so on Saturday.", None, None, id="no header"),
    ],
)
def test_header_reads_publication_date_and_outlet(header, text, published, outlet):
    meta, _ = header.read(text)
    assert meta["published"] == published
    assert meta["outlet"] == outlet


def test_title_is_the_first_headline_line(header):
    meta, _ = header.read("Customs steps up checks on imported food\n\nBody sentence here.")
    assert meta["title"] == "Customs steps up checks on imported food"
    meta, _ = header.read("Customs stepped up checks on imported food this year.\nMore.")
    assert meta["title"] is None


@pytest.mark.parametrize(
    "line",
    [
        "Share This Story",
        "Share:",
        "Comment",
        "  • Tel:+86-010-68891122",
        "Copyright ©2005 by Example Online All rights reserved",
        "<  1  2  3  4  5  >",
        "EnglishFrançaisDeutschРусский язык日本語",
    ],
)
def test_chrome_lines_never_yield_mentions(extractor, line):
    text = f"Exports rose 5% to 3 trillion yuan in 2024.\n{line}\nImports fell 2%.\n"
    document = extractor(text)
    start = text.index(line)
    assert not [m for m in document.mentions if start <= m.start < start + len(line)]
