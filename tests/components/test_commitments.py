"""textfacts_commitments on genre sentences: what is a pledge, how it is split and filled."""

from __future__ import annotations

import re

import pytest
from helpers import assert_grounded, span_of

from textfacts.components.commitments import CueRow, ModalityRow
from textfacts.resources import data_path, read_jsonl, read_tsv

MODALITY_ROWS = read_tsv(data_path(None, "lexicons/modality.tsv"), ModalityRow)
CUE_ROWS = read_jsonl(data_path(None, "patterns/commitments.jsonl"), CueRow)


@pytest.mark.parametrize("row", MODALITY_ROWS, ids=[r.id for r in MODALITY_ROWS])
def test_every_trigger_row_occurs_in_its_example(row):
    forms = re.findall(r"[a-z]+", row.example.lower())
    assert any(f.startswith(row.word[:-1] if row.word.endswith("e") else row.word) for f in forms)


@pytest.mark.parametrize("row", CUE_ROWS, ids=[r.id for r in CUE_ROWS])
def test_every_cue_row_matches_its_example(extractor, row):
    if row.regex:
        assert re.search(row.regex, row.example, re.I), row.example
        return
    lemmas = {t.lemma_.lower() for t in extractor.nlp(row.example)}
    lemmas |= {t.lower_ for t in extractor.nlp(row.example)}
    example = row.example.lower()
    assert any(w in lemmas or (" " in w and w in example) for w in row.words), row.example


def _texts(document):
    return [c.text for c in document.commitments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Customs will further cut the overall clearance time for imports and exports.",
            [("will further cut the overall clearance time for imports and exports", "will")],
            id="modal-will",
        ),
        pytest.param(
            "The GAC plans to launch a new round of cross-border trade facilitation actions.",
            [("plans to launch a new round of cross-border trade facilitation actions", "plan")],
            id="control-plan",
        ),
        pytest.param(
            "China Customs is willing to deepen cooperation with ASEAN customs administrations.",
            [("is willing to deepen cooperation with ASEAN customs administrations", "willing")],
            id="control-willing",
        ),
        pytest.param(
            "We will continue to promote the facilitation of cross-border e-commerce.",
            [("will continue to promote the facilitation of cross-border e-commerce", "continue")],
            id="will-continue-to",
        ),
        pytest.param(
            "We will work to simplify certification procedures for exporters.",
            [("will work to simplify certification procedures for exporters", "strive")],
            id="work-to-is-strive",
        ),
    ],
)
def test_single_commitments(extractor, text, expected):
    document = extractor(text)
    assert [(c.text, c.modality) for c in document.commitments] == expected
    assert_grounded(document)


def test_coordinated_actions_split_with_own_deadlines(extractor):
    text = (
        "Customs will strive to complete the upgrade of smart ports by 2027 and "
        "cover all border crossings by 2030."
    )
    document = extractor(text)
    found = sorted(document.commitments, key=lambda c: c.start)
    assert len(found) == 2, _texts(document)
    first, second = found
    assert first.start == span_of(text, "will strive")[0]
    assert second.start == span_of(text, "cover")[0]
    assert first.end <= second.start
    assert (first.deadline, second.deadline) == ("2027", "2030")
    assert first.modality == second.modality == "strive"
    assert first.action.startswith("complete the upgrade of smart ports")
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Customs has reduced the number of documents required for clearance.", id="achievement"
        ),
        pytest.param(
            "We believe that port throughput will continue to rise over the winter.", id="belief"
        ),
        pytest.param("Foreign trade will maintain steady growth next year.", id="forecast-subject"),
        pytest.param(
            "The 8th China International Import Expo will be held in Shanghai.",
            id="scheduled-event",
        ),
        pytest.param(
            "Cold-chain shipping continues to expand steadily.", id="continue-without-authority"
        ),
    ],
)
def test_not_commitments(extractor, text):
    document = extractor(text)
    assert document.commitments == [], _texts(document)


def test_actor_is_the_customs_canonical(extractor):
    document = extractor(
        "Chinese customs authorities will roll out more measures to stabilize foreign trade."
    )
    assert [c.actor for c in document.commitments] == ["General Administration of Customs"]


def test_enumerated_initiatives_are_whole_items(extractor):
    text = (
        "The vice minister put forward three initiatives: deepening cooperation on paperless "
        "trade and green trade; strengthening the alignment of rules and standards; and "
        "accelerating the digital transformation of ports."
    )
    document = extractor(text)
    items = [(c.text, c.modality) for c in document.commitments]
    assert items == [
        ("deepening cooperation on paperless trade and green trade", "initiative"),
        ("strengthening the alignment of rules and standards", "initiative"),
        ("accelerating the digital transformation of ports", "initiative"),
    ]
    assert_grounded(document)


def test_numbered_measures_after_an_introduction(extractor):
    text = (
        "The General Administration of Customs has introduced 8 measures to support "
        "foreign trade firms.\n\n"
        "1. Ensuring smooth cargo flows at major seaports and land border crossings.\n\n"
        "2. Speeding up clearance of urgently needed production materials for factories.\n"
    )
    document = extractor(text)
    assert [c.text for c in document.commitments] == [
        "Ensuring smooth cargo flows at major seaports and land border crossings",
        "Speeding up clearance of urgently needed production materials for factories",
    ]
    assert {c.modality for c in document.commitments} == {"initiative"}
    assert_grounded(document)


def test_reported_speech_gives_the_speaker(extractor):
    text = (
        "Wang Lingjun, vice minister of the General Administration of Customs, said that "
        "customs will expand market access for farm products. We will also optimize "
        "inspection models for fresh fruit."
    )
    document = extractor(text)
    speakers = {
        document.mention(c.speaker).text if c.speaker else None for c in document.commitments
    }
    assert len(document.commitments) == 2, _texts(document)
    assert speakers == {"Wang Lingjun"}
    assert_grounded(document)


def test_question_is_not_a_commitment(extractor):
    document = extractor(
        "Phoenix TV:\nHow will customs support small exporters this year? Thank you."
    )
    assert document.commitments == [], _texts(document)


def test_list_frame_gives_way_to_its_items(extractor):
    text = (
        "Last year, the GAC introduced 12 measures to optimize the port business "
        "environment. Clearance times fell sharply.\n\n"
        "Next, we will focus on three tasks. First, we will extend smart inspection "
        "equipment to major land ports and make sure fresh fruit is released within "
        "6 hours. Second, we will continue to simplify certification procedures."
    )
    document = extractor(text)
    found = sorted(document.commitments, key=lambda c: c.start)
    assert [c.modality for c in found] == ["will", "continue"], _texts(document)
    assert found[0].start == span_of(text, "will extend")[0]
    assert found[0].end == span_of(text, "within 6 hours")[1]  # the whole item
    assert_grounded(document)


def test_numbered_items_after_a_document_that_lists_measures(extractor):
    text = (
        "The circular lists four measures. They include:\n\n"
        "1. Simplifying declarations for exhibits shipped to the fair.\n\n"
        "2. Extending bonded storage for unsold exhibits after the fair.\n"
    )
    document = extractor(text)
    assert [(c.text, c.modality) for c in document.commitments] == [
        ("Simplifying declarations for exhibits shipped to the fair", "initiative"),
        ("Extending bonded storage for unsold exhibits after the fair", "initiative"),
    ]
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "deadlines"),
    [
        pytest.param(
            "Customs will strive to cut clearance time by another 15 percent by the end of 2026.",
            ["2026"],
            id="by-the-end-of-year",
        ),
        pytest.param(
            "In 2026, the GAC will open two new inspection centers and plans to extend "
            "the pilot to more ports.",
            ["2026", "2026"],
            id="fronted-date-coordination",
        ),
        pytest.param(
            "Li Xiaoming, deputy director of the General Administration of Customs, "
            "announced that in 2027, customs will launch a new single window platform. "
            "Support will also be enhanced for bonded maintenance.",
            ["2027", "2027"],
            id="carried-within-paragraph",
        ),
        pytest.param(
            "In 2027, customs will launch a new single window platform.\n\n"
            "We will also optimize inspection models for fresh fruit.",
            ["2027", "2027"],
            id="carried-across-paragraphs (ANNOTATION.md §7)",
        ),
        pytest.param(
            "Next, the GAC will extend the pilot to 30 ports by 2028, upgrade the "
            "single window and work with the tax authorities on refunds. We will also "
            "keep cutting port charges.",
            ["2028", None, None, None],
            id="date-in-first-conjunct-dates-it-alone",
        ),
        pytest.param(
            "Looking ahead, customs will open new lanes at land ports in 2027 and "
            "train more inspectors.",
            ["2027", None],
            id="date-after-first-verb-only",
        ),
        pytest.param(
            "From January 1, 2027, mangoes from the country will be allowed into China.",
            ["2027-01-01"],
            id="fronted-from-date",
        ),
        pytest.param(
            "Customs will cut clearance time by 10 percent from the 2025 level.",
            [None],
            id="from-baseline-is-no-deadline",
        ),
    ],
)
def test_deadlines(extractor, text, deadlines):
    document = extractor(text)
    found = sorted(document.commitments, key=lambda c: c.start)
    assert [c.deadline for c in found] == deadlines, _texts(document)
    assert_grounded(document)


def test_headline_infinitive_is_the_bodys_plan(extractor):
    text = (
        "China to expand imports of farm products in 2026: customs authority\n\n"
        "Customs will open more ports to fresh fruit."
    )
    document = extractor(text)
    headline = next(c for c in document.commitments if c.start == span_of(text, "to expand")[0])
    assert (headline.actor, headline.deadline, headline.modality) == ("China", "2026", "will")
    assert_grounded(document)


def test_headline_forecast_of_others_is_not_a_commitment(extractor):
    document = extractor(
        "China to reach 45 trillion yuan in trade this year, analysts say\n\n"
        "Trade rose 5 percent in the first half."
    )
    assert document.commitments == [], _texts(document)


def test_later_short_name_keeps_the_speakers_organisation(extractor):
    text = (
        "Zhang Wei, deputy director of Xiamen Customs, said the port will open a new "
        "inspection line.\n\n"
        "Zhang said customs staff will be stationed at the terminal around the clock."
    )
    document = extractor(text)
    assert document.commitments, _texts(document)
    assert {c.actor for c in document.commitments} == {"Xiamen Customs"}
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Lin Hua, head of the General Administration of Customs' Port Control "
            "Department, said that they will simplify procedures for exporters.",
            id="possessive-parent",
        ),
        pytest.param(
            "Lin Hua, head of the Port Control Department of the General "
            "Administration of Customs, said that they will simplify procedures for "
            "exporters.",
            id="of-parent",
        ),
    ],
)
def test_department_speaker_commits_its_parent_body(extractor, text):
    document = extractor(text)
    assert [c.actor for c in document.commitments] == ["General Administration of Customs"]
    assert_grounded(document)


def test_it_after_a_speech_verb_is_the_body_that_speaks(extractor):
    text = "The General Administration of Customs said on Friday that it will further cut fees."
    document = extractor(text)
    assert [(c.text, c.actor) for c in document.commitments] == [
        ("will further cut fees", "General Administration of Customs")
    ]
    assert_grounded(document)


def test_headline_that_schedules_an_event_is_not_a_commitment(extractor):
    document = extractor(
        "Shanghai to host the 2026 import expo in November\n\n"
        "Exhibitors from 150 countries have signed up."
    )
    assert document.commitments == [], _texts(document)


def test_infinitival_passive_in_an_officials_briefing(extractor):
    text = (
        "Liu Yang, deputy director of the General Administration of Customs, briefed the "
        "press on the new facilitation measures to be rolled out in 2027."
    )
    document = extractor(text)
    assert len(document.commitments) == 1, _texts(document)
    pledge = document.commitments[0]
    assert pledge.start == span_of(text, "new facilitation measures")[0]
    assert (pledge.action, pledge.deadline) == ("roll out new facilitation measures", "2027")
    assert document.mention(pledge.speaker).text == "Liu Yang"
    assert_grounded(document)


def test_coordinated_action_mistagged_as_adverb_is_split(extractor):
    text = (
        "Customs authorities are required to deepen regional cooperation, adhere to a "
        "step-by-step approach, and maintain balance between openness and security."
    )
    document = extractor(text)
    found = sorted(document.commitments, key=lambda c: c.start)
    assert [c.start for c in found] == [
        span_of(text, "are required")[0],
        span_of(text, "adhere")[0],
        span_of(text, "maintain")[0],
    ]
    assert {c.modality for c in found} == {"require"}
    assert_grounded(document)


def test_transcript_label_with_title_gives_the_turn_its_speaker(extractor):
    text = (
        "SCIO press conference on port reform\n\n"
        "Xinhua News Agency:\n\nWhat will customs do next?\n\n"
        "Zhou Ming, director general of the Department of Port Control of the General "
        "Administration of Customs:\n\nThank you. Next, we will extend the smart port pilot "
        "and we will publish clearance times every month.\n"
    )
    document = extractor(text)
    zhou = next(m for m in document.mentions if m.label == "PERSON" and m.text == "Zhou Ming")
    assert len(document.commitments) == 2, _texts(document)
    assert {c.speaker for c in document.commitments} == {zhou.id}
    # "we" of a department's director general is the body the department belongs to
    assert {c.actor for c in document.commitments} == {"General Administration of Customs"}
    assert_grounded(document)


def test_he_added_after_a_named_official_is_that_official(extractor):
    text = (
        "Wu Hong, a deputy director of Ningbo Customs, said exports of cars hit a record.\n\n"
        "The customs also plans to open a vehicle inspection center in the port area, he "
        "added.\n"
    )
    document = extractor(text)
    wu = next(m for m in document.mentions if m.label == "PERSON" and m.text == "Wu Hong")
    pledge = next(c for c in document.commitments if "vehicle inspection" in c.text)
    assert pledge.speaker == wu.id
    assert_grounded(document)


def test_inline_list_after_semicolons_gives_one_item_each(extractor):
    text = (
        "Sun Li, a GAC spokesperson, said the new measures fall into three groups. First, "
        "customs will speed up the release of fresh produce; second, it will cut the cost "
        "of guarantees; third, it will help exporters explore new markets.\n"
    )
    document = extractor(text)
    items = sorted(document.commitments, key=lambda c: c.start)
    assert [c.text for c in items] == [
        "will speed up the release of fresh produce",
        "will cut the cost of guarantees",
        "will help exporters explore new markets",
    ], _texts(document)
    assert {c.actor for c in items} == {"General Administration of Customs"}
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Under the new rules, the list of approved packing plants will be published "
            "on the GAC website.",
            ["the list of approved packing plants will be published on the GAC website"],
            id="administrative-passive",
        ),
        pytest.param(
            "Non-compliant consignments will be returned to the exporter.",
            ["Non-compliant consignments will be returned to the exporter"],
            id="administrative-passive-return",
        ),
        pytest.param(
            "Analysts said trade resilience will be significantly enhanced.",
            [],
            id="forecast-passive",
        ),
        pytest.param(
            "Workers loaded cargo that will be used in flood relief.",
            [],
            id="relative-clause-passive",
        ),
    ],
)
def test_passive_in_a_reporters_voice(extractor, text, expected):
    document = extractor(text)
    assert _texts(document) == expected
    assert_grounded(document)


def test_a_requirement_binds_whoever_it_names(extractor):
    text = (
        "Under the rules, exporting enterprises are required to keep inspection records for "
        "at least 2 years. Customs authorities are required to publish the list of approved "
        "packing plants."
    )
    document = extractor(text)
    actors = {c.action.split()[0]: (c.actor, c.modality) for c in document.commitments}
    assert actors["keep"] == ("exporting enterprises", "require")
    assert actors["publish"] == ("General Administration of Customs", "require")
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Vice Premier Sun Lan urged efforts to stabilize supplies of fertiliser and keep "
            "grain shipments moving.",
            [
                ("stabilize supplies of fertiliser", "require"),
                ("keep grain shipments moving", "require"),
            ],
            id="urged-efforts-to",
        ),
        pytest.param(
            "The executive meeting also called for cutting port charges and extending tax "
            "rebates for small exporters.",
            [
                ("cut port charges", "require"),
                ("extend tax rebates for small exporters", "require"),
            ],
            id="called-for-gerunds",
        ),
        pytest.param(
            "The meeting stressed the need to expand imports of medical equipment.",
            [("expand imports of medical equipment", "require")],
            id="stressed-the-need-to",
        ),
        pytest.param(
            "The minister emphasized the importance of upgrading inspection gear at land ports.",
            [("upgrade inspection gear at land ports", "require")],
            id="importance-of-gerund",
        ),
        pytest.param(
            "The premier pledged measures to further open the services sector.",
            [("open the services sector", "will")],
            id="pledged-measures-to",
        ),
        pytest.param(
            "The premier vowed to cut logistics costs for exporters.",
            [("cut logistics costs for exporters", "will")],
            id="vowed-to",
        ),
    ],
)
def test_directives_of_leaders_and_meetings(extractor, text, expected):
    document = extractor(text)
    assert [(c.action, c.modality) for c in document.commitments] == expected
    assert all(c.text.split()[0] not in ("efforts", "the") for c in document.commitments)
    assert_grounded(document)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The minister urged the partners to lift tariffs on farm goods.", id="call-on-others"
        ),
        pytest.param(
            "Wang called for joint actions between countries to fight smuggling.",
            id="nominal-call",
        ),
        pytest.param("Analysts stressed the need to watch freight rates.", id="not-an-authority"),
        pytest.param("The report aims to analyze trade flows in the region.", id="unissued-report"),
        pytest.param(
            "Vice Premier Sun called for efforts by all parties to keep supply chains stable.",
            id="efforts-by-others",
        ),
    ],
)
def test_what_is_not_a_directive_pledge(extractor, text):
    assert extractor(text).commitments == []


def test_an_issued_document_speaks_for_its_issuer(extractor):
    text = (
        "The State Council issued a guideline on Monday which aims to speed up the digital "
        "upgrade of land ports. The guideline also requires customs authorities to share "
        "inspection results."
    )
    document = extractor(text)
    found = {c.action: (c.actor, c.modality) for c in document.commitments}
    assert found["speed up the digital upgrade of land ports"] == ("State Council", "strive")
    # a rule binds whoever it names (ANNOTATION.md §3)
    assert found["share inspection results"] == ("General Administration of Customs", "require")
    assert_grounded(document)


def test_a_directive_is_said_by_who_gives_it(extractor):
    text = (
        "Premier Zhao Hongwei chaired a State Council executive meeting on Tuesday. "
        "Premier Zhao urged steps to keep border logistics smooth."
    )
    document = extractor(text)
    (pledge,) = document.commitments
    speaker = document.mention(pledge.speaker)
    assert (speaker.text, speaker.canonical) == ("Zhao", "Zhao Hongwei")
    assert pledge.actor == "China"


@pytest.mark.parametrize(
    "row",
    [r for r in MODALITY_ROWS if r.role == "directive"],
    ids=[r.id for r in MODALITY_ROWS if r.role == "directive"],
)
def test_every_directive_row_pledges_in_its_example(extractor, row):
    document = extractor(row.example)
    stem = row.word.rstrip("e")
    first = document.commitments[:1]
    assert [(c.modality, c.text.split()[0].startswith(stem)) for c in first] == [
        (row.modality, True)
    ], row.example


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It is necessary to speed up the upgrade of border ports, the minister said.",
            [("speed up the upgrade of border ports", "require")],
            id="necessary-to",
        ),
        pytest.param("It is important to note that exports rose in May.", [], id="about-speaking"),
        pytest.param("Exporters said it was essential to cut fees.", [], id="past"),
        pytest.param("The port is important to trade with Laos.", [], id="no-expletive"),
    ],
)
def test_it_is_necessary_to_requires(extractor, text, expected):
    document = extractor(text)
    assert [(c.action, c.modality) for c in document.commitments] == expected
    assert_grounded(document)


def test_a_plan_owned_or_issued_before_speaks_for_its_owner(extractor):
    text = (
        "The State Council released a circular on May 3 which aims to raise the share of "
        "paperless clearance. China's port reform plan was published in April. The plan aims "
        "to cut clearance times at land ports by 2028."
    )
    document = extractor(text)
    found = {c.action.split()[0]: c.actor for c in document.commitments}
    assert found == {"raise": "State Council", "cut": "China"}
    assert_grounded(document)


def test_it_after_an_issued_document_is_the_document(extractor):
    text = (
        "The State Council issued a guideline on port reform on Monday. It aims to cut "
        "clearance times by 2027. It also requires local customs offices to share inspection "
        "data."
    )
    document = extractor(text)
    found = {c.action: (c.actor, c.modality, c.deadline) for c in document.commitments}
    assert found == {
        "cut clearance times by 2027": ("State Council", "strive", "2027"),
        "share inspection data": ("General Administration of Customs", "require", "2027"),
    }
    # far from any document, or said of a company, "it" pledges nothing
    assert extractor("The company said it aims to double sales of its trucks.").commitments == []
    assert_grounded(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Customs to cut port fees to help small exporters\n\nThe fees fell in May.",
            "to cut port fees",
            id="purpose-left-out",
        ),
        pytest.param(
            "China to open 12 new border crossings for freight trains from Central Asia and "
            "the Caucasus in 2027\n\nTrade rose.",
            "to open 12 new border crossings for freight trains from Central Asia and the "
            "Caucasus in 2027",
            id="long-headline",
        ),
    ],
)
def test_headline_infinitive_span(extractor, text, expected):
    document = extractor(text)
    assert [c.text for c in document.commitments] == [expected]
    assert_grounded(document)


def test_a_date_in_a_fronted_purpose_is_no_deadline(extractor):
    text = (
        "To secure steady growth for the second quarter, efforts should be made to cut port "
        "fees, the meeting said. In 2027, customs will open two more green lanes."
    )
    document = extractor(text, meta={"published": "2026-05-04"})
    deadlines = {c.text.split()[-1]: c.deadline for c in document.commitments}
    assert deadlines == {"fees": None, "lanes": "2027"}


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("The GAC will issue 12 measures this year to stabilize foreign trade.", "2026"),
        ("Customs will open two more green lanes next month.", "2026-04"),
    ],
)
def test_a_bare_time_adverbial_is_a_deadline(extractor, text, deadline):
    document = extractor(text, meta={"published": "2026-03-14"})
    assert [c.deadline for c in document.commitments] == [deadline]


def test_a_line_that_introduces_a_statement_gives_its_speaker(extractor):
    text = (
        "Zhou Ping, deputy head of the General Administration of Customs, said at the "
        "briefing:\n\n"
        "Next, customs will simplify checks on fresh fruit. First, we will improve risk "
        "models. Second, optimize the layout of bonded zones.\n\n"
        "Reporter:\nWhat about ports?"
    )
    document = extractor(text)
    found = [
        (c.text, document.mention(c.speaker).text if c.speaker else None)
        for c in document.commitments
    ]
    assert found == [
        ("will simplify checks on fresh fruit", "Zhou Ping"),
        ("will improve risk models", "Zhou Ping"),
        ("optimize the layout of bonded zones", "Zhou Ping"),
    ]
    assert_grounded(document)


def test_a_clause_found_twice_keeps_the_action_without_its_attribution(extractor):
    text = (
        "Zhou Ping, head of the GAC, said the administration will step up checks on cold-chain "
        "cargo, and continue to offer fast clearance for medical supplies used in epidemic "
        "control, in a notice the GAC issued on Monday."
    )
    document = extractor(text)
    assert [c.text for c in document.commitments] == [
        "will step up checks on cold-chain cargo",
        "continue to offer fast clearance for medical supplies used in epidemic control",
    ]


def test_it_after_a_sentence_about_a_body_is_that_body(extractor):
    text = (
        "The GAC will streamline clearance procedures. It will further support imports of "
        "farm produce and help firms keep their market share."
    )
    document = extractor(text)
    assert [(c.action, c.actor) for c in document.commitments] == [
        ("streamline clearance procedures", "General Administration of Customs"),
        ("support imports of farm produce", "General Administration of Customs"),
        ("help firms keep their market share", "General Administration of Customs"),
    ]
    # after a sentence about trade, "it" is the trade: a forecast, no pledge
    assert extractor("Foreign trade grew fast in May. It will continue to grow.").commitments == []


def test_a_directive_to_its_own_offices_binds_them(extractor):
    text = "The State Council urged local governments to speed up approvals for new ports."
    (pledge,) = extractor(text).commitments
    assert (pledge.action, pledge.actor, pledge.modality) == (
        "speed up approvals for new ports",
        "local governments",
        "require",
    )
    text = "The GAC urged local customs offices to tighten checks on frozen food."
    (pledge,) = extractor(text).commitments
    assert pledge.actor == "General Administration of Customs"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The first of the 12 measures is to open green lanes for fresh fruit.", "initiative"),
        ("The second batch of measures aims to widen cooperation with ASEAN.", "strive"),
        ("The new measures aim to cut costs for small traders.", "strive"),
    ],
)
def test_announced_measures_carry_their_pledges(extractor, text, modality):
    assert [c.modality for c in extractor(text).commitments] == [modality]


def test_what_measures_will_do_is_no_pledge(extractor):
    assert extractor("The measures will help exporters cut costs.").commitments == []


def test_later_items_of_a_list_of_measures_are_pledges(extractor):
    text = (
        "The first of the nine measures is to open green lanes for fresh fruit. The second is "
        "to cut fees at inland ports."
    )
    document = extractor(text)
    assert [(c.action, c.modality) for c in document.commitments] == [
        ("open green lanes for fresh fruit", "initiative"),
        ("cut fees at inland ports", "initiative"),
    ]
    # without a list of measures before it, a bare "The second is to" is nobody's pledge
    assert extractor("The second is to cut fees at inland ports.").commitments == []


def test_in_addition_closes_a_list_only_when_one_is_open(extractor):
    text = (
        "In addition, the GAC will simplify clearance procedures, cut inspection costs for "
        "firms, and remove unnecessary charges at ports."
    )
    assert len(extractor(text).commitments) == 3  # coordinated pledges, one each (§3)
    text = (
        "First, we will cut fees. Second, we will open lanes. Finally, we will train staff "
        "and upgrade scanners."
    )
    last = extractor(text).commitments[-1]
    assert last.text == "will train staff and upgrade scanners"  # a list item is one pledge (§7)
