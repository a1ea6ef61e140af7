"""textfacts_people: PERSON spans, role and org, short references, speaker turns."""

from __future__ import annotations

import re

import pytest
from helpers import assert_grounded, span_of
from spacy.matcher import Matcher

from textfacts.components.entities import TitleRow
from textfacts.components.people import PeopleRow
from textfacts.resources import data_path, read_jsonl, read_tsv

PEOPLE_ROWS = read_jsonl(data_path(None, "patterns/people.jsonl"), PeopleRow)
TITLE_ROWS = read_tsv(data_path(None, "lexicons/titles.tsv"), TitleRow)


def persons(document):
    return [m for m in document.mentions if m.label == "PERSON"]


def by_id(document, mention_id):
    return next(m for m in document.mentions if m.id == mention_id)


def turns_of(extractor, text):
    """(document, turns) for a text, turns as (turn text, speaker text)."""
    from textfacts.extensions import state

    doc = extractor.nlp(extractor.make_doc(text))
    document = doc._.textfacts
    return document, [(text[s:e], text[p[0] : p[1]]) for s, e, p in state(doc)["turns"]]


@pytest.mark.parametrize("row", [r for r in PEOPLE_ROWS if r.pattern], ids=lambda r: r.id)
def test_every_pattern_row_matches_its_example(extractor, row):
    matcher = Matcher(extractor.nlp.vocab)
    matcher.add(row.id, [row.pattern])
    assert matcher(extractor.nlp(row.example)), row.example


@pytest.mark.parametrize("row", [r for r in PEOPLE_ROWS if r.regex], ids=lambda r: r.id)
def test_every_regex_row_matches_its_example(row):
    assert re.search(row.regex, row.example, re.MULTILINE)


@pytest.mark.parametrize("row", TITLE_ROWS, ids=lambda r: r.id)
def test_every_title_row_occurs_in_its_example(row):
    assert row.surface.lower() in row.example.lower()


@pytest.mark.parametrize(
    ("text", "name", "role", "org"),
    [
        pytest.param(
            "Wang Lingjun, Vice Minister of the General Administration of Customs, told "
            "reporters that "
            "imports of energy products rose.",
            "Wang Lingjun",
            "Vice Minister",
            "General Administration of Customs",
            id="appositive title of ORG",
        ),
        pytest.param(
            "GAC spokesperson Lv Daliang said exports of ships doubled.",
            "Lv Daliang",
            "spokesperson",
            "GAC",
            id="ORG title before the name",
        ),
        pytest.param(
            "Lin Xiao, head of the GAC's Port Control Department, said clearance times fell.",
            "Lin Xiao",
            "head",
            "Port Control Department",
            id="possessive chain to the department",
        ),
        pytest.param(
            "Lyu Daliang, who heads the GAC's Statistics and Analysis Department, said trade grew.",
            "Lyu Daliang",
            "head",
            "Statistics and Analysis Department",
            id="who heads",
        ),
        pytest.param(
            "Mr. Zhang Jian, Director General of the Department of Port Control, attended "
            "the forum.",
            "Zhang Jian",
            "Director General",
            "Department of Port Control",
            id="Mr. and appositive",
        ),
        pytest.param(
            "Sun Meijun, head of the GAC, briefed the press on new policy tools.",
            "Sun Meijun",
            "head",
            "GAC",
            id="head of the GAC",
        ),
        pytest.param(
            "Deputy head of the General Administration of Customs Wang Lingjun said exports rose.",
            "Wang Lingjun",
            "Deputy head",
            "General Administration of Customs",
            id="title of ORG before the name",
        ),
        pytest.param(
            "Cranes load containers at Qingdao port. Photographer/Zhou Li",
            "Zhou Li",
            "Photographer",
            None,
            id="article credit",
        ),
        pytest.param(
            "General Secretary Xi Jinping stressed high-standard opening-up.",
            "Xi Jinping",
            "General Secretary",
            None,
            id="title before, no org",
        ),
        pytest.param(
            "Under the leadership of the CPC Central Committee with Comrade Xi Jinping at its "
            "core, trade "
            "grew.",
            "Xi Jinping",
            None,
            None,
            id="honorific is not a role",
        ),
    ],
)
def test_role_and_org(extractor, text, name, role, org):
    document = extractor(text)
    person = next(m for m in persons(document) if m.text == name)
    assert (person.start, person.end) == span_of(text, name)
    assert person.role == role
    assert (by_id(document, person.org).text if person.org else None) == org
    assert person.canonical == name
    assert_grounded(document)


def test_short_references_resolve_to_the_full_name(extractor):
    text = (
        "Lv Daliang, spokesman of the General Administration of Customs, said that exports of "
        "electric vehicles rose. Lv said the GAC would publish monthly figures. "
        "Trade with Africa hit a record, Lv added."
    )
    document = extractor(text)
    found = persons(document)
    assert [m.text for m in found] == ["Lv Daliang", "Lv", "Lv"]
    assert {m.canonical for m in found} == {"Lv Daliang"}
    assert [m.role for m in found] == ["spokesman", None, None]
    assert_grounded(document)


def test_transcript_turn_and_outlet_questioner(extractor):
    text = (
        "SCIO press conference on foreign trade\n\nCCTV:\n\n"
        "How will customs help exporters? Thank you.\n\n"
        "Sun Meijun:\n\nThank you for your question. Customs will further cut clearance times.\n\n"
        "Phoenix TV:\n\nWhat about imports?\n"
    )
    document, turns = turns_of(extractor, text)
    assert [m.text for m in persons(document)] == ["Sun Meijun"]
    assert next(m for m in document.mentions if m.text == "CCTV").label == "ORG"
    assert turns == [
        (
            "Sun Meijun:\n\nThank you for your question. Customs will further cut clearance times.",
            "Sun Meijun",
        )
    ]
    assert_grounded(document)


def test_reported_speech_turns(extractor):
    text = (
        "Imports of chips rose 12 percent. Lv Daliang, GAC spokesperson, said that customs "
        "will expand "
        "the pilot. Enterprises will get faster refunds.\n"
        '"We will keep trade stable," Lv said.\n'
        "Exports hit a record in March, according to Lv.\n"
        "The weather was fine in Beijing."
    )
    document, turns = turns_of(extractor, text)
    assert turns == [
        (
            "Lv Daliang, GAC spokesperson, said that customs will expand the pilot. "
            "Enterprises will get faster "
            "refunds.",
            "Lv Daliang",
        ),
        ('"We will keep trade stable," Lv said.', "Lv"),
        ("Exports hit a record in March, according to Lv.", "Lv"),
    ]
    assert_grounded(document)


def test_speech_byline_opens_a_turn(extractor):
    text = (
        "Speech at the press conference\n\n"
        "Mr. Wang Lingjun, Vice Minister of the General Administration "
        "of Customs\n\nFriends from the media,\n\nIn 2024, trade reached a record high."
    )
    document, turns = turns_of(extractor, text)
    wang = next(m for m in persons(document) if m.text == "Wang Lingjun")
    assert wang.role == "Vice Minister"
    assert len(turns) == 1 and turns[0][1] == "Wang Lingjun"
    assert turns[0][0].endswith("trade reached a record high.")
    assert_grounded(document)


def test_photo_credit_names_a_person_and_an_outlet(extractor):
    text = "Containers are loaded at a port in Qingdao. YU FANGPING/FOR CHINA DAILY"
    document = extractor(text)
    assert [m.text for m in persons(document)] == ["YU FANGPING"]
    assert next(m for m in document.mentions if m.text == "CHINA DAILY").label == "ORG"
    assert_grounded(document)
