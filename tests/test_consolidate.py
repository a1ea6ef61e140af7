"""Cross-document consolidation: value bounds, measure matching, the constructed three reports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from textfacts.cli import main
from textfacts.consolidate import (
    compatible,
    consolidate,
    day_range,
    internal_checks,
    interval,
    measure_key,
    similar,
)
from textfacts.schema import Document, Event, read_jsonl

CASE = Path(__file__).parent / "data" / "consolidation" / "three_reports.jsonl"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(
            (100, "at_least", "100"),
            (130, "at_least", "130"),
            True,
            id="over-100-and-more-than-130-agree",
        ),
        pytest.param(
            (125.49e12, "exact", "125.49 trillion"),
            (120e12, "exact", "120 trillion"),
            False,
            id="exact-figures-apart-conflict",
        ),
        pytest.param(
            (125.49e12, "exact", "125.49 trillion"),
            (125e12, "exact", "125 trillion"),
            True,
            id="rounded-figure-covers-precise-one",
        ),
        pytest.param(
            (60, "at_most", "60%"), (62.1, "exact", "62.1%"), False, id="nearly-60-excludes-62"
        ),
        pytest.param(
            (10e12, "approx", "10 trillion"),
            (10.3e12, "exact", "10.3 trillion"),
            True,
            id="about-10-covers-10.3",
        ),
        pytest.param(
            (130, "at_least", "130"),
            (120, "exact", "120"),
            False,
            id="more-than-130-excludes-exact-120",
        ),
    ],
)
def test_value_bounds(a, b, expected):
    assert compatible(interval(*a), interval(*b)) is expected


def test_interval_of_a_range_is_its_ends():
    assert interval(5, "exact", "5-7 days", value_max=7) == (5, 7)
    assert interval(100, "at_least", "100")[1] == math.inf


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param(
            "import and export volume of China with other APEC economies",
            "import and export value of China with other APEC economies",
            True,
            id="volume-value-synonyms",
        ),
        pytest.param(
            "my country's foreign trade",
            "China's foreign trade",
            True,
            id="possessor-does-not-matter",
        ),
        pytest.param("exports", "imports", False, id="exports-are-not-imports"),
        pytest.param(
            "trade surplus",
            "trade surplus with the United States",
            False,
            id="qualified-measure-differs",
        ),
    ],
)
def test_measure_matching(a, b, same):
    assert similar(measure_key(a), measure_key(b)) is same


def test_day_range_of_plan_period_and_quarter():
    assert day_range("2021/2025") == ("2021-01-01", "2025-12-31")
    assert day_range("2025-01/2025-03") == ("2025-01-01", "2025-03-31")
    assert day_range(None) is None


@pytest.fixture(scope="module")
def groups():
    return consolidate(read_jsonl(CASE))


def _by(groups, status, measure=None, check=None):
    return [
        g
        for g in groups
        if g["status"] == status
        and (measure is None or g.get("measure") == measure)
        and (check is None or g.get("check") == check)
    ]


def test_known_agreement_across_three_reports(groups):
    agreed = _by(groups, "agreement", "China's foreign trade")
    assert len(agreed) == 1
    assert {s["doc_id"] for s in agreed[0]["sources"]} == {"report-a", "report-b", "report-c"}
    assert agreed[0]["period"] == "2025-01-01/2025-03-31"


def test_known_conflict_is_flagged(groups):
    conflict = _by(groups, "conflict")
    assert len(conflict) == 1
    assert {s["text"] for s in conflict[0]["sources"]} == {
        "6.13 trillion yuan",
        "5.8 trillion yuan",
    }


def test_attendance_bounds_agree_for_one_event(groups):
    delegates = _by(groups, "agreement", "delegates")
    assert len(delegates) == 1
    assert {s["bound"] for s in delegates[0]["sources"]} == {"at_least"}


def test_internal_share_and_conversion_checks(groups):
    share = _by(groups, "internal", check="share_mismatch")
    assert [g["doc_id"] for g in share] == ["report-c"]
    conversion = _by(groups, "internal", check="currency_conversion")
    assert [g["doc_id"] for g in conversion] == ["report-c"]  # report-b's 7.1 is plausible


def test_sources_are_grounded(groups):
    texts = {d.doc_id: d.text for d in read_jsonl(CASE)}
    for group in groups:
        for source in group["sources"]:
            assert texts[source["doc_id"]][source["start"] : source["end"]] == source["text"]


def test_cli_writes_groups_and_report(tmp_path):
    out, report = tmp_path / "groups.jsonl", tmp_path / "report.txt"
    assert main(["consolidate", str(CASE), "-o", str(out), "--report", str(report)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["group_id"] for g in lines] == [f"g{i}" for i in range(1, len(lines) + 1)]
    text = report.read_text(encoding="utf-8")
    assert "CONFLICT" in text and "1 conflicts" in text


def _report(doc_id: str, text: str, figures: list[tuple], published: str = "2026-01-17"):
    """A record built from (surface, label, value, unit, bound, measure, kind, period surface)."""
    mentions, claims, dates = [], [], {}
    for surface, label, value, unit, bound, measure, kind, period in figures:
        start = text.index(surface)
        mid = f"m{len(mentions) + 1}"
        mentions.append(
            {
                "id": mid,
                "label": label,
                "start": start,
                "end": start + len(surface),
                "text": surface,
                "value": value,
                "unit": unit,
                "bound": bound,
            }
        )
        if period and period not in dates:
            pstart = text.index(period)
            dates[period] = f"m{len(mentions) + 1}"
            mentions.append(
                {
                    "id": dates[period],
                    "label": "DATE",
                    "start": pstart,
                    "end": pstart + len(period),
                    "text": period,
                    "value": "2021/2025",
                }
            )
        pid = dates.get(period)
        claims.append(
            {
                "id": f"k{len(claims) + 1}",
                "anchor": mid,
                "measure": measure,
                "kind": kind,
                "direction": None,
                "period": pid,
                "comparison": None,
                "speaker": None,
                "subject": None,
            }
        )
    mentions.sort(key=lambda m: m["start"])
    return Document.model_validate(
        {
            "doc_id": doc_id,
            "text": text,
            "meta": {"published": published},
            "mentions": mentions,
            "claims": claims,
        }
    )


# Two reports of one (invented) conference, worded as the wire and the customs site word them.
WIRE = (
    "At the national port work conference, the minister said that over the past five years "
    "customs oversaw an annual average of 4.1 billion tons of imported and exported goods, "
    "worth 38.6 trillion yuan (about 5.4 trillion U.S. dollars)."
)
SITE = (
    "In the 14th Five-Year Plan period, imports and exports averaged 38.6 trillion yuan a "
    "year, or 5.4 trillion U.S. dollars, and cargo under customs supervision averaged "
    "4.1 billion tons a year."
)


def test_two_reports_of_one_event_agree_on_every_figure():
    wire = _report(
        "wire",
        WIRE,
        [
            (
                "4.1 billion tons",
                "QUANTITY",
                4.1e9,
                "ton",
                "exact",
                "imported and exported goods",
                "rate",
                "past five years",
            ),
            (
                "38.6 trillion yuan",
                "MONEY",
                38.6e12,
                "CNY",
                "exact",
                "imported and exported goods",
                "rate",
                "past five years",
            ),
            (
                "5.4 trillion U.S. dollars",
                "MONEY",
                5.4e12,
                "USD",
                "approx",
                "imported and exported goods",
                "rate",
                "past five years",
            ),
        ],
    )
    site = _report(
        "site",
        SITE,
        [
            (
                "38.6 trillion yuan",
                "MONEY",
                38.6e12,
                "CNY",
                "exact",
                "imports and exports",
                "rate",
                "14th Five-Year Plan period",
            ),
            (
                "5.4 trillion U.S. dollars",
                "MONEY",
                5.4e12,
                "USD",
                "exact",
                "imports and exports",
                "rate",
                "14th Five-Year Plan period",
            ),
            (
                "4.1 billion tons",
                "QUANTITY",
                4.1e9,
                "ton",
                "exact",
                "cargo under customs supervision",
                "rate",
                "14th Five-Year Plan period",
            ),
        ],
    )
    groups = consolidate([wire, site])
    agreed = {g["unit"] for g in groups if g["status"] == "agreement"}
    assert agreed == {"ton", "CNY", "USD"}
    assert not [g for g in groups if g["status"] != "agreement"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("imported and exported goods", "imports and exports", id="goods-vs-trade"),
        pytest.param("foreign trade", "total import and export value", id="trade-vs-value"),
        pytest.param(
            "cargo under customs supervision", "imported and exported goods", id="cargo-vs-goods"
        ),
        pytest.param("imported goods", "imports", id="imported-goods"),
    ],
)
def test_measures_match_by_meaning(a, b):
    assert similar(measure_key(a), measure_key(b))


def test_a_share_is_never_computed_across_currencies():
    text = (
        "Trade with the Gulf states reached 2.2 trillion yuan in 2025, accounting for 7.1 "
        "percent of China's foreign trade. The country's foreign trade totaled 4.3 trillion "
        "U.S. dollars in 2025."
    )
    doc = _report(
        "gulf",
        text,
        [
            (
                "2.2 trillion yuan",
                "MONEY",
                2.2e12,
                "CNY",
                "exact",
                "trade with the Gulf states",
                "level",
                None,
            ),
            (
                "7.1 percent",
                "PERCENT",
                7.1,
                "percent",
                "exact",
                "trade with the Gulf states",
                "share",
                None,
            ),
            (
                "4.3 trillion U.S. dollars",
                "MONEY",
                4.3e12,
                "USD",
                "exact",
                "foreign trade",
                "level",
                None,
            ),
        ],
    )
    assert internal_checks(doc) == []


def test_a_share_uses_a_rate_the_document_states():
    text = (
        "Trade with the Gulf states reached 2.2 trillion yuan (about 0.3 trillion U.S. "
        "dollars), accounting for 17 percent of China's foreign trade. The country's foreign "
        "trade totaled 4.3 trillion U.S. dollars."
    )
    doc = _report(
        "gulf",
        text,
        [
            (
                "2.2 trillion yuan",
                "MONEY",
                2.2e12,
                "CNY",
                "exact",
                "trade with the Gulf states",
                "level",
                None,
            ),
            (
                "0.3 trillion U.S. dollars",
                "MONEY",
                0.3e12,
                "USD",
                "approx",
                "trade with the Gulf states",
                "level",
                None,
            ),
            (
                "17 percent",
                "PERCENT",
                17.0,
                "percent",
                "exact",
                "trade with the Gulf states",
                "share",
                None,
            ),
            (
                "4.3 trillion U.S. dollars",
                "MONEY",
                4.3e12,
                "USD",
                "exact",
                "foreign trade",
                "level",
                None,
            ),
        ],
    )
    (issue,) = internal_checks(doc)
    assert issue["check"] == "share_mismatch" and "4.3 trillion U.S. dollars" in issue["note"]


def test_a_share_of_exports_is_not_checked_against_total_trade():
    text = (
        "Imports and exports reached 9.6 trillion yuan in 2025. Exports by private firms hit "
        "3.1 trillion yuan, making up 58.4 percent of total exports."
    )
    doc = _report(
        "private",
        text,
        [
            (
                "9.6 trillion yuan",
                "MONEY",
                9.6e12,
                "CNY",
                "exact",
                "imports and exports",
                "level",
                None,
            ),
            (
                "3.1 trillion yuan",
                "MONEY",
                3.1e12,
                "CNY",
                "exact",
                "exports by private firms",
                "level",
                None,
            ),
            (
                "58.4 percent",
                "PERCENT",
                58.4,
                "percent",
                "exact",
                "exports by private firms",
                "share",
                None,
            ),
        ],
    )
    assert internal_checks(doc) == []


def test_undated_figures_of_reports_sharing_only_a_passing_event_are_not_compared():
    filler = "Customs officials reviewed the work of the year with exporters. " * 12
    first = _report(
        "first",
        filler + "Since the Ninth Port Expo, foreign trade hit 3 trillion yuan.",
        [("3 trillion yuan", "MONEY", 3e12, "CNY", "exact", "foreign trade", "level", None)],
        published=None,
    )
    second = _report(
        "second",
        filler + "At the Ninth Port Expo, foreign trade hit 1.2 trillion yuan.",
        [("1.2 trillion yuan", "MONEY", 1.2e12, "CNY", "exact", "foreign trade", "level", None)],
        published=None,
    )
    for doc, text in ((first, first.text), (second, second.text)):
        start = text.index("Ninth Port Expo")
        doc.mentions.append(Event(id="m9", start=start, end=start + 15, text="Ninth Port Expo"))
    assert consolidate([first, second]) == []


SEED_004 = Path(__file__).resolve().parent.parent / "corpus" / "gold" / "004_e01d5f3fc5ae24ce.jsonl"
DEV_GOLD = SHARED / "corpus-dev" / "gold.jsonl"


@pytest.mark.skipif(not DEV_GOLD.exists(), reason=f"needs the shared dev gold at {DEV_GOLD}")
def test_two_real_reports_of_the_2026_customs_work_conference_agree():
    # The seed 004 and the dev document h54 report the same conference in different words.
    documents = [*read_jsonl(SEED_004), *(d for d in read_jsonl(DEV_GOLD) if d.doc_id == "h54")]
    assert len(documents) == 2
    groups = consolidate(documents)
    agreed = {(g["unit"], g["kind"]) for g in groups if g["status"] == "agreement"}
    assert {("ton", "rate"), ("CNY", "rate"), ("USD", "rate")} <= agreed
    assert not [g for g in groups if g["status"] != "agreement"]


@pytest.mark.skipif(
    not (SHARED / "corpus-dev" / "texts" / "h54.txt").exists(), reason="needs the shared dev texts"
)
def test_extracted_reports_of_the_2026_customs_work_conference_agree(extractor):
    from textfacts.io import read_document

    texts = {
        "004": REPO / "corpus" / "texts" / "004_e01d5f3fc5ae24ce.txt",
        "h54": SHARED / "corpus-dev" / "texts" / "h54.txt",
    }
    documents = [
        extractor(read_document(path), meta={"published": "2026-01-17"}, doc_id=name)
        for name, path in texts.items()
    ]
    agreed = {g["unit"] for g in consolidate(documents) if g["status"] == "agreement"}
    assert {"ton", "CNY", "USD"} <= agreed


# Written for this test in the genre's style (not from any gold file).
ZH_REPORT = "今年一季度，我国货物贸易进出口总值10.2万亿元，同比增长5.1%。"
EN_REPORT = (
    "China's total import and export value reached 10.2 trillion yuan in the first "
    "quarter, up 5.1 percent year on year, customs data showed."
)


def test_chinese_and_english_reports_of_one_figure_are_linked(tmp_path):
    import textfacts
    from textfacts.consolidate import consolidate, measure_key, render, similar

    assert measure_key("货物贸易进出口") == measure_key("imports and exports")
    assert similar(measure_key("进出口"), measure_key("total import and export value"))
    assert not similar(measure_key("出口"), measure_key("import value"))
    extractor = textfacts.load("auto")
    meta = {"published": "2025-04-14"}
    documents = [extractor(ZH_REPORT, meta, "zh1"), extractor(EN_REPORT, meta, "en1")]
    groups = [g for g in consolidate(documents) if g["status"] != "internal"]
    linked = [g for g in groups if g.get("languages") == ["en", "zh"]]
    assert linked, groups
    assert {s["doc_id"] for s in linked[0]["sources"]} == {"zh1", "en1"}
    assert linked[0]["status"] == "agreement"
    assert "[English and Chinese reports]" in render(groups, 2)
