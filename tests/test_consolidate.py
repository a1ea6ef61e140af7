"""Cross-document consolidation: value bounds, measure matching, the constructed three reports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from textfacts.cli import main
from textfacts.consolidate import (
    compatible,
    consolidate,
    day_range,
    interval,
    measure_key,
    similar,
)
from textfacts.schema import read_jsonl

CASE = Path(__file__).parent / "data" / "consolidation" / "three_reports.jsonl"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((100, "at_least", "100"), (130, "at_least", "130"), True,
                     id="over-100-and-more-than-130-agree"),
        pytest.param((125.49e12, "exact", "125.49 trillion"), (120e12, "exact", "120 trillion"),
                     False, id="exact-figures-apart-conflict"),
        pytest.param((125.49e12, "exact", "125.49 trillion"), (125e12, "exact", "125 trillion"),
                     True, id="rounded-figure-covers-precise-one"),
        pytest.param((60, "at_most", "60%"), (62.1, "exact", "62.1%"), False,
                     id="nearly-60-excludes-62"),
        pytest.param((10e12, "approx", "10 trillion"), (10.3e12, "exact", "10.3 trillion"), True,
                     id="about-10-covers-10.3"),
        pytest.param((130, "at_least", "130"), (120, "exact", "120"), False,
                     id="more-than-130-excludes-exact-120"),
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
        pytest.param("total import and export volume between China and other APEC economies",
                     "total import and export value between China and other APEC economies",
                     True, id="volume-value-synonyms"),
        pytest.param("my country's foreign trade", "China's foreign trade", True,
                     id="possessor-does-not-matter"),
        pytest.param("exports", "imports", False, id="exports-are-not-imports"),
        pytest.param("trade surplus", "trade surplus with the United States", False,
                     id="qualified-measure-differs"),
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
    return [g for g in groups if g["status"] == status
            and (measure is None or g.get("measure") == measure)
            and (check is None or g.get("check") == check)]


def test_known_agreement_across_three_reports(groups):
    agreed = _by(groups, "agreement", "China's foreign trade")
    assert len(agreed) == 1
    assert {s["doc_id"] for s in agreed[0]["sources"]} == {"report-a", "report-b", "report-c"}
    assert agreed[0]["period"] == "2025-01-01/2025-03-31"


def test_known_conflict_is_flagged(groups):
    conflict = _by(groups, "conflict")
    assert len(conflict) == 1
    assert {s["text"] for s in conflict[0]["sources"]} == {"6.13 trillion yuan",
                                                            "5.8 trillion yuan"}


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
            assert texts[source["doc_id"]][source["start"]:source["end"]] == source["text"]


def test_cli_writes_groups_and_report(tmp_path):
    out, report = tmp_path / "groups.jsonl", tmp_path / "report.txt"
    assert main(["consolidate", str(CASE), "-o", str(out), "--report", str(report)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["group_id"] for g in lines] == [f"g{i}" for i in range(1, len(lines) + 1)]
    text = report.read_text(encoding="utf-8")
    assert "CONFLICT" in text and "1 conflicts" in text


# Written for this test in the genre's style (not from any gold file).
ZH_REPORT = "今年一季度，我国货物贸易进出口总值10.2万亿元，同比增长5.1%。"
EN_REPORT = ("China's total import and export value reached 10.2 trillion yuan in the first "
             "quarter, up 5.1 percent year on year, customs data showed.")


def test_chinese_and_english_reports_of_one_figure_are_linked(tmp_path):
    import textfacts
    from textfacts.consolidate import consolidate, measure_key, render, similar

    assert measure_key("货物贸易进出口") == frozenset({"trade", "import", "export", "value"})
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
