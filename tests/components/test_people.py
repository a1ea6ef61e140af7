"""textfacts_people: PERSON spans, role and org, short references, speaker turns."""

from __future__ import annotations

import re

import pytest
from helpers import assert_grounded, pattern_matches, span_of

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
    assert pattern_matches(extractor.nlp, row.pattern, row.example), row.example


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
            "Li Guo, Vice Minister of the General Administration of Customs, told reporters "
            "that imports of iron ore rose.",
            "Li Guo",
            "Vice Minister",
            "General Administration of Customs",
            id="appositive title of ORG",
        ),
        pytest.param(
            "MOFCOM spokesperson Gao Feng said exports of ships doubled.",
            "Gao Feng",
            "spokesperson",
            "MOFCOM",
            id="ORG title before the name",
        ),
        pytest.param(
            "Zhou Li, head of the GAC's Port Control Department, said clearance times fell.",
            "Zhou Li",
            "head",
            "Port Control Department",
            id="possessive chain to the department",
        ),
        pytest.param(
            "Zhang Wei, who heads the GAC's Department of Health Quarantine, said checks eased.",
            "Zhang Wei",
            "head",
            "Department of Health Quarantine",
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
            "Yu Jianhua, head of the GAC, inspected the new rail port in Chongqing.",
            "Yu Jianhua",
            "head",
            "GAC",
            id="head of the GAC",
        ),
        pytest.param(
            "Vice Minister of the General Administration of Customs Li Guo said exports rose.",
            "Li Guo",
            "Vice Minister",
            "General Administration of Customs",
            id="title of ORG before the name",
        ),
        pytest.param(
            "At the signing, Wang Wentao, commerce minister, praised the agreement.",
            "Wang Wentao",
            "commerce minister",
            None,
            id="lowercase domain word before the title",
        ),
        pytest.param(
            "Li Chenggang, China International Trade Representative, led the talks in Geneva.",
            "Li Chenggang",
            "China International Trade Representative",
            None,
            id="capitalised domain words before the title",
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
            "Officials thanked Comrade Xi Jinping for his guidance on port reform.",
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
        "Li Ming, spokesman of the Ministry of Commerce, said that exports of electric "
        "vehicles rose. Li said the ministry would publish monthly figures. "
        "Trade with Africa hit a record, Li added."
    )
    document = extractor(text)
    found = persons(document)
    assert [m.text for m in found] == ["Li Ming", "Li", "Li"]
    assert {m.canonical for m in found} == {"Li Ming"}
    assert [m.role for m in found] == ["spokesman", None, None]
    assert_grounded(document)


def test_honorific_short_reference_takes_the_full_name(extractor):
    text = (
        "Zhou Li, a deputy head of the GAC, attended the meeting. "
        "Mr Zhou said cooperation with Laos would deepen."
    )
    document = extractor(text)
    short = next(m for m in persons(document) if m.text == "Zhou")
    assert (short.start, short.end) == span_of(text, "Zhou", nth=1)
    assert short.canonical == "Zhou Li"
    assert_grounded(document)


def test_transcript_turn_and_outlet_questioner(extractor):
    text = (
        "SCIO press conference on port reform\n\nCCTV:\n\n"
        "How will customs help exporters? Thank you.\n\n"
        "Yu Jianhua:\n\nGood question. Customs will further cut clearance times.\n\n"
        "Shenzhen Satellite TV:\n\nWhat about imports?\n"
    )
    document, turns = turns_of(extractor, text)
    assert [m.text for m in persons(document)] == ["Yu Jianhua"]
    assert next(m for m in document.mentions if m.text == "CCTV").label == "ORG"
    assert turns == [
        (
            "Yu Jianhua:\n\nGood question. Customs will further cut clearance times.",
            "Yu Jianhua",
        )
    ]
    assert_grounded(document)


def test_reported_speech_turns(extractor):
    text = (
        "Imports of chips rose 12 percent. Gao Feng, MOFCOM spokesperson, said that the "
        "ministry will expand the pilot. Enterprises will get faster refunds.\n"
        '"We will keep trade stable," Gao said.\n'
        "Exports hit a record in March, according to Gao.\n"
        "The weather was fine in Beijing."
    )
    document, turns = turns_of(extractor, text)
    assert turns == [
        (
            "Gao Feng, MOFCOM spokesperson, said that the ministry will expand the pilot. "
            "Enterprises will get faster refunds.",
            "Gao Feng",
        ),
        ('"We will keep trade stable," Gao said.', "Gao"),
        ("Exports hit a record in March, according to Gao.", "Gao"),
    ]
    assert_grounded(document)


def test_speech_byline_opens_a_turn(extractor):
    text = (
        "Address at the trade facilitation forum\n\n"
        "Mr. Li Guo, Vice Minister of the General Administration "
        "of Customs\n\nDear guests,\n\nIn 2023, port throughput reached a record high."
    )
    document, turns = turns_of(extractor, text)
    li = next(m for m in persons(document) if m.text == "Li Guo")
    assert li.role == "Vice Minister"
    assert len(turns) == 1 and turns[0][1] == "Li Guo"
    assert turns[0][0].endswith("port throughput reached a record high.")
    assert_grounded(document)


def test_photo_credit_names_a_person_and_an_outlet(extractor):
    text = "Containers are loaded at a port in Qingdao. YU FANGPING/FOR CHINA DAILY"
    document = extractor(text)
    assert [m.text for m in persons(document)] == ["YU FANGPING"]
    assert next(m for m in document.mentions if m.text == "CHINA DAILY").label == "ORG"
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        pytest.param(
            "A freight train leaves Chongqing for Duisburg. (Xinhua/Zhou Li)",
            "Zhou Li",
            None,
            id="agency photo credit",
        ),
        pytest.param("Journalist: Zhou Li\nEditor: Liu Ying", "Zhou Li", "Journalist", id="credit"),
        pytest.param(
            "Moderator Zhang Wei:\nLet us begin.\nLi Guo:\nThank you.",
            "Zhang Wei",
            "Moderator",
            id="title on a turn line stays outside the name",
        ),
    ],
)
def test_credits_and_turn_line_titles(extractor, text, name, role):
    document = extractor(text)
    person = next(m for m in persons(document) if m.text == name)
    assert (person.start, person.end) == span_of(text, name)
    assert person.role == role
    assert_grounded(document)


def test_a_title_before_a_short_reference_keeps_it_a_reference(extractor):
    # "Premier Li" is the premier named before, not a two-word name of somebody else
    text = (
        "Premier Zhao Hongwei chaired a State Council executive meeting on Tuesday. "
        "Premier Zhao urged steps to keep border logistics smooth."
    )
    document = extractor(text)
    short = [m for m in persons(document) if m.text == "Zhao"]
    assert [(m.start, m.end) for m in short] == [span_of(text, "Zhao", nth=1)]
    assert short[0].canonical == "Zhao Hongwei"
    assert_grounded(document)
