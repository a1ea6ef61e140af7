"""Commitment calls of ANNOTATION.md §7 (v1.1) on invented sentences."""

from __future__ import annotations

import pytest
from helpers import assert_grounded

META = {"published": "2031-05-12"}


def pledges(extractor, text: str) -> list[tuple[str, str, str]]:
    """(span text, actor, modality) of every commitment."""
    document = extractor(text, meta=META)
    assert_grounded(document)
    return [(c.text, c.actor, c.modality) for c in document.commitments]


@pytest.mark.parametrize(
    ("text", "span", "modality"),
    [
        (
            "Inspection of cold-chain goods should be strengthened.",
            "Inspection of cold-chain goods should be strengthened",
            "require",
        ),
        (
            "The paperless declaration mode will be piloted at three ports, starting on Sept 3.",
            "The paperless declaration mode will be piloted at three ports, starting on Sept 3",
            "will",
        ),
        (
            "Port operators are asked to publish service fee lists in a timely manner.",
            "are asked to publish service fee lists in a timely manner",
            "require",
        ),
    ],
)
def test_passive_and_should_pledges_in_a_reporters_voice(extractor, text, span, modality):
    found = pledges(extractor, text)
    assert (span, modality) in [(s, m) for s, _, m in found]


def test_asked_binds_whoever_it_names(extractor):
    found = pledges(extractor, "Port operators are asked to publish fee lists in a timely manner.")
    assert found[0][1].lower() == "port operators"


def test_decided_to_is_a_plan_of_the_deciding_body_and_its_meeting_date_is_no_deadline(extractor):
    text = (
        "A State Council executive meeting in May decided to further cut port charges and "
        "continue to improve the business climate at borders."
    )
    document = extractor(text, meta=META)
    got = [(c.modality, c.actor, c.deadline) for c in document.commitments]
    assert got == [("plan", "State Council", None), ("continue", "State Council", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Customs has continued to cut clearance times at land ports.",
        "I will now brief you on the main figures of the first quarter.",
        "The forum will focus on the theme of green trade and open markets.",
    ],
)
def test_achievements_procedures_and_agendas_are_not_pledges(extractor, text):
    assert pledges(extractor, text) == []


def test_a_noun_list_after_and_is_not_an_action(extractor):
    text = (
        "Customs will optimize quarantine models to facilitate the import of fresh fruit, "
        "dairy products, and germplasm resources."
    )
    spans = [s for s, _, _ in pledges(extractor, text)]
    assert not any(s.startswith("germplasm") for s in spans)


def test_a_stance_and_the_actions_coordinated_with_it(extractor):
    text = (
        "We will remain open and cooperative, resolve the problems of exporters in time, "
        "and ensure the delivery of the policies already issued."
    )
    spans = [s for s, _, _ in pledges(extractor, text)]
    assert any("resolve the problems of exporters" in s for s in spans)
    assert any("ensure the delivery" in s for s in spans)


def test_numbered_items_run_on_in_one_line_are_one_pledge_each(extractor):
    text = (
        "In the next stage, customs will upgrade its risk controls with other agencies: "
        "1. Strengthen checks on sea freight and audit the firms involved. 2. Tighten "
        "controls on parcel post. 3. Publish a new list of banned items."
    )
    spans = [s for s, _, _ in pledges(extractor, text)]
    assert "Tighten controls on parcel post" in spans
    assert "Publish a new list of banned items" in spans


def test_a_trailing_according_to_stays_out_of_the_span(extractor):
    text = "Customs will keep improving risk controls for parcels, according to Zhou Bin."
    spans = [s for s, _, _ in pledges(extractor, text)]
    assert spans and not any("according to" in s for s in spans)


@pytest.mark.parametrize("verb", ["said", "explained", "added"])
def test_a_trailing_speech_verb_stays_out_of_the_span(extractor, verb):
    text = f"Customs will open two more lanes for fresh fruit at the border, Zhou Bin {verb}."
    spans = [s for s, _, _ in pledges(extractor, text)]
    assert spans and not any("Zhou" in s for s in spans), spans


def test_the_ministry_is_the_ministry_named_before(extractor):
    text = (
        "Li Wen, an official with the Ministry of Commerce, spoke at the briefing.\n"
        "The ministry will step up efforts to open new markets for exporters."
    )
    found = pledges(extractor, text)
    assert found and found[0][1] == "Ministry of Commerce"


def test_the_country_is_china(extractor):
    found = pledges(extractor, "The country will continue to cut tariffs on imported drugs.")
    assert found and found[0][1] == "China"


def test_a_qualified_authority_stays_as_written(extractor):
    found = pledges(extractor, "The Chinese government will cut tariffs on imported medical gear.")
    assert found and found[0][1] == "Chinese government"


def test_gerunds_a_list_of_measures_includes_are_initiatives(extractor):
    text = (
        "The measures include extending tax refunds to more small firms and cutting "
        "inspection fees at land ports."
    )
    found = pledges(extractor, text)
    assert ("extending tax refunds to more small firms", "initiative") in [
        (s, m) for s, _, m in found
    ]
    assert ("cutting inspection fees at land ports", "initiative") in [(s, m) for s, _, m in found]


def test_gerund_lines_after_an_include_colon_are_initiatives(extractor):
    text = (
        "The new measures include:\nExtending the tax refund scheme to bonded warehouses.\n"
        "Cutting inspection fees for small exporters.\nOfficials said the list was final."
    )
    spans = [s for s, _, m in pledges(extractor, text) if m == "initiative"]
    assert spans == [
        "Extending the tax refund scheme to bonded warehouses",
        "Cutting inspection fees for small exporters",
    ]


def test_a_unit_of_a_parent_is_one_org_and_pledges_for_the_parent(extractor):
    text = (
        "Zhou Min, head of the Department of Port Control of the GAC, said the department "
        "will open more green lanes for fruit."
    )
    document = extractor(text, meta=META)
    orgs = [(m.text, m.canonical) for m in document.mentions if m.label == "ORG"]
    assert orgs == [
        (
            "Department of Port Control of the GAC",
            "Department of Port Control of the General Administration of Customs",
        )
    ]
    assert [c.actor for c in document.commitments] == ["General Administration of Customs"]


def test_the_customs_office_is_the_customs_named_before(extractor):
    text = (
        "Ningde Customs opened a cold-chain lane in March.\n"
        "The customs office will extend the lane to frozen seafood."
    )
    found = pledges(extractor, text)
    assert found and found[0][1] == "Ningde Customs"


def test_we_in_a_transcript_answer_is_the_body_the_question_asked_about(extractor):
    text = (
        "Harbour Times:\n\nWhat will the Ministry of Commerce do next for small exporters?\n\n"
        "Wen Lihua:\n\nThank you. We will widen export credit cover for small firms."
    )
    found = pledges(extractor, text)
    assert found and found[0][1] == "Ministry of Commerce"


def test_a_pledge_that_names_no_one_is_the_last_named_actors(extractor):
    text = (
        "The State Council will simplify port procedures.\n"
        "Port fees will be cut, and certificates will be issued online."
    )
    actors = [a for _, a, _ in pledges(extractor, text)]
    assert actors and set(actors) == {"State Council"}


def test_a_numbered_item_ends_with_its_first_sentence(extractor):
    text = (
        "The GAC issued 8 measures to keep supply chains stable.\n"
        "1. Speeding up the release of fresh produce. Inspection of cold-chain goods at "
        "land ports should be strengthened.\n"
        "2. Extending the opening hours of border crossings for trucks."
    )
    found = pledges(extractor, text)
    spans = [s for s, _, _ in found]
    assert "Speeding up the release of fresh produce" in spans
    assert any(s.startswith("Inspection of cold-chain goods") for s in spans)


def test_a_clausal_passive_subject_still_pledges(extractor):
    found = pledges(extractor, "Supporting measures for cold-chain imports should be optimized.")
    assert [(s, m) for s, _, m in found] == [
        ("Supporting measures for cold-chain imports should be optimized", "require")
    ]


def test_a_deadline_carries_into_the_next_paragraphs_quote(extractor):
    text = (
        "Customs will open 12 new cold-chain lanes in 2031.\n\n"
        '"We will also cut inspection fees for fruit importers."'
    )
    document = extractor(text, meta=META)
    assert [c.deadline for c in document.commitments] == ["2031", "2031"]


def test_a_heading_stops_a_carried_deadline(extractor):
    text = (
        "Customs will open 12 new cold-chain lanes in 2031.\n"
        "Port services\n"
        "Customs will cut inspection fees for fruit importers."
    )
    document = extractor(text, meta=META)
    assert [c.deadline for c in document.commitments] == ["2031", None]


TURNS = (
    "Briefing on port services\n"
    "\n"
    "Zhao Lan, director general of the Department of Port Control of the GAC:\n"
    "Thank you. {body}\n"
)


@pytest.mark.parametrize(
    ("body", "span", "modality"),
    [
        ("Our goal is to cut the average clearance time to 30 hours.", "cut", "strive"),
        ("Our priority this year is to widen the green lane for fruit.", "widen", "strive"),
        ("The next step is to open two more lanes at land ports.", "open", "will"),
        ("The second task is to publish fee lists at every port.", "publish", "initiative"),
        ("The third is to train officers in the new risk rules.", "train", "initiative"),
        ("Our aim is to strive to certify 500 more firms.", "strive to certify", "strive"),
    ],
)
def test_a_goal_an_item_or_the_next_step_is_to(extractor, body, span, modality):
    """ "Our goal is to X", "The second task is to X", "The next step is to X" (§3, §7)."""
    found = pledges(extractor, TURNS.format(body=body))
    assert any(s.startswith(span) and m == modality for s, _, m in found), found


@pytest.mark.parametrize(
    "body",
    [
        "The first task was to check every parcel by hand.",  # past: an account, not a pledge
        "The aim of the fair is to help firms find buyers.",  # nobody's own goal
        "Its main task is to check cargo at the border.",  # a duty described, not a goal
    ],
)
def test_is_to_without_a_goal_an_item_or_the_present_pledges_nothing(extractor, body):
    assert pledges(extractor, TURNS.format(body=body)) == []


def test_an_item_in_a_reporters_voice_needs_an_owner(extractor):
    """Without a speaker or an owner, "the second task" is nobody's pledge."""
    assert pledges(extractor, "The second task is to publish fee lists at every port.") == []


@pytest.mark.parametrize(
    "headline",
    ["China to further simplify export licensing", "Customs to soon open green lanes for fruit"],
)
def test_a_headline_infinitive_may_have_an_adverb_before_its_verb(extractor, headline):
    """Headlinese "<body> to <verb>" is `will` (§7), also as "<body> to further <verb>"."""
    found = pledges(extractor, headline + "\nThe State Council met on Monday.")
    assert [m for s, _, m in found if s.startswith("to ")] == ["will"], found


def test_a_pledge_before_a_colon_stands_when_it_names_its_object(extractor):
    """A colon opens the list that details a pledge; the pledge itself still counts."""
    text = (
        "Next, customs will upgrade the risk control system for parcels at all ports: "
        "1. Scan every parcel. 2. Share data with postal firms."
    )
    found = [s for s, _, _ in pledges(extractor, text)]
    assert any(s.startswith("will upgrade the risk control system") for s in found), found


def test_a_frame_before_a_colon_leaves_the_pledges_to_its_items(extractor):
    text = (
        "This year, the work of customs will be focused on: First, customs will cut port fees. "
        "Second, customs will open new green lanes."
    )
    found = [s for s, _, _ in pledges(extractor, text)]
    assert not any("focused on" in s for s in found), found
    assert len(found) == 2, found


def test_a_colon_later_in_the_line_never_inverts_a_span(extractor):
    """A pledge that ends before a colon in its line keeps its own start (0.3.2 crashed)."""
    found = pledges(extractor, "Customs will cut port fees, and ports will open lanes: details.")
    assert ("will cut port fees", "will") in [(s, m) for s, _, m in found]
