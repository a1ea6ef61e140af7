"""Property tests for dates, commitments and claims: planted facts come back, grounded.

langextract's oracle: a generated phrase is planted at a known offset in filler text, then
the extraction must find it there with the value the phrase implies. The last property
mixes genre fragments with arbitrary Unicode: nothing raises, everything is grounded, the
result is deterministic and every claim points at an existing mention of the right kind.
"""

from __future__ import annotations

import calendar

from helpers import assert_grounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Filler sentences written for these tests: no figures, no dates, no commitments.
FILLER = [
    "Trade was stable.",
    "The customs said so.",
    "Officials met at the port.",
    "Clearance went smoothly.",
    "Firms welcomed the news.",
    "",
]
ORGS = ["Ministry of Commerce", "General Administration of Customs", "State Council"]
VERBS = ["expand", "simplify", "improve", "promote", "upgrade"]
OBJECTS = ["clearance procedures", "cross-border trade", "port services", "inspection rules"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILLERS = st.lists(st.sampled_from(FILLER), max_size=3).map(lambda s: " ".join(s) + " ")


@SETTINGS
@given(before=FILLERS, after=FILLERS, month=st.integers(1, 12), year=st.integers(1990, 2035))
def test_planted_month_and_year_is_a_date_with_its_value(extractor, before, after, month, year):
    phrase = f"{calendar.month_name[month]} {year}"
    text = f"{before}Exports rose in {phrase}, the customs said. {after}"
    start = text.index(phrase)
    document = extractor(text)
    assert_grounded(document)
    dates = [m for m in document.mentions if m.label == "DATE" and m.start == start]
    assert [(m.text, m.value) for m in dates] == [(phrase, f"{year}-{month:02d}")]


@SETTINGS
@given(before=FILLERS, months=st.integers(2, 11), year=st.integers(1990, 2035))
def test_planted_first_months_is_a_period_from_january(extractor, before, months, year):
    phrase = f"first {months} months of {year}"
    text = f"{before}Imports fell in the {phrase}."
    document = extractor(text)
    assert_grounded(document)
    dates = [m for m in document.mentions if m.label == "DATE" and m.text == phrase]
    assert len(dates) == 1
    assert dates[0].start == text.index(phrase)
    assert dates[0].value == f"{year}-01/{year}-{months:02d}"


@SETTINGS
@given(
    before=FILLERS,
    org=st.sampled_from(ORGS),
    verb=st.sampled_from(VERBS),
    obj=st.sampled_from(OBJECTS),
    year=st.integers(2024, 2035),
)
def test_planted_pledge_is_a_commitment_with_actor_and_deadline(
    extractor, before, org, verb, obj, year
):
    pledge = f"will {verb} {obj} by the end of {year}"
    text = f"{before}The {org} {pledge}."
    document = extractor(text)
    assert_grounded(document)
    assert [(c.start, c.text) for c in document.commitments] == [(text.index(pledge), pledge)]
    commitment = document.commitments[0]
    assert (commitment.actor, commitment.deadline, commitment.modality) == (org, str(year), "will")


# Fragments of the genre (written for these tests) mixed with any code points.
GENRE = [
    "imports rose 4.2 percent",
    "to 1.6 trillion yuan",
    "in the first half of 2025",
    "the General Administration of Customs said",
    "Wang Lin, GAC spokesperson, said",
    "exports fell 2.1% year on year",
    "by the end of 2026",
    "the ministry will cut fees",
    "we will strive to keep trade stable",
    "compared with 2019",
    "in March",
    "15,000 firms",
    "\n\n",
    "\n",
    ".",
    ",",
    "\u201c",
    "\u201d",
]
MIXED = st.lists(
    st.one_of(st.sampled_from(GENRE), st.text(max_size=12)), min_size=1, max_size=20
).map(" ".join)
REFERENCES = {"anchor": {"MONEY", "PERCENT", "QUANTITY"}, "period": {"DATE"}, "speaker": {"PERSON"}}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MIXED)
def test_claims_point_at_existing_mentions_and_runs_agree(extractor, text):
    document = extractor(text, doc_id="mixed")
    assert_grounded(document)
    by_id = {m.id: m for m in document.mentions}
    for claim in document.claims:
        for field, labels in REFERENCES.items():
            ref = getattr(claim, field)
            assert ref is None or by_id[ref].label in labels, (claim, field)
    for commitment in document.commitments:
        assert commitment.speaker is None or by_id[commitment.speaker].label == "PERSON"
    assert extractor(text, doc_id="mixed").to_dict() == document.to_dict()
