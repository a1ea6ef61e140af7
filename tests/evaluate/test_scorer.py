"""Scorer tables: values, dates, claims, commitments, figures and baseline comparison."""

from __future__ import annotations

import pytest
from helpers import span_of

from textfacts.evaluate.metrics import Counts
from textfacts.evaluate.report import HEADLINE, Report, build_report, compare, render_table
from textfacts.evaluate.scorer import (
    dates_equal,
    day_range,
    measure_ok,
    normalise_doc_id,
    score,
    score_document,
)
from textfacts.schema import Document

TEXT = (
    "In the first half of 2025, China's foreign trade reached 21.79 trillion yuan, "
    "up 2.9 percent year on year, accounting for nearly 60 percent of the annual target, "
    "Customs spokesperson Lyu Daliang said."
)
PLEDGE = (
    "Lyu Daliang said Customs will cut clearance time by 2026 and will "
    "expand the pilot of smart customs to 20 ports during the 15th Five-Year Plan period."
)


def mention(text: str, label: str, surface: str, mid: str, **attrs) -> dict:
    start, end = span_of(text, surface)
    return {"id": mid, "label": label, "start": start, "end": end, "text": surface, **attrs}


def doc(mentions: list[dict], text: str = TEXT, **items) -> Document:
    return Document(doc_id="d", text=text, mentions=mentions, **items)


def trade(
    value: float = 21.79e12, unit: str = "CNY", surface: str = "21.79 trillion yuan", **attrs
) -> dict:
    return mention(TEXT, "MONEY", surface, "m1", value=value, unit=unit, **attrs)


@pytest.mark.parametrize(
    ("pred_value", "ok"),
    [
        pytest.param(21.79e12, True, id="equal"),
        pytest.param(21.79e12 * (1 + 1e-7), True, id="within-1e-6"),
        pytest.param(21.79e12 * (1 + 1e-5), False, id="beyond-1e-6"),
        pytest.param(21.79, False, id="scale-missing"),
    ],
)
def test_value_tolerance(pred_value, ok):
    counts = score_document(doc([trade()]), doc([trade(pred_value)])).counts
    assert counts["MONEY.overlap"].tp == 1
    assert counts["MONEY.value"].tp == int(ok)


def test_currency_mismatch():
    counts = score_document(doc([trade()]), doc([trade(unit="USD")])).counts
    assert counts["MONEY.overlap"].as_list() == [1, 0, 0]
    assert counts["MONEY.value"].as_list() == [0, 1, 1]


def test_range_upper_end_counts():
    gold = doc([trade(value_max=22e12)])
    assert score_document(gold, doc([trade()])).counts["MONEY.value"].tp == 0
    assert score_document(gold, doc([trade(value_max=22e12)])).counts["MONEY.value"].tp == 1


def test_strict_needs_identical_spans_and_bound_is_separate():
    gold = doc(
        [mention(TEXT, "PERCENT", "60 percent", "m1", value=60.0, unit="percent", bound="at_most")]
    )
    pred = doc([mention(TEXT, "PERCENT", "nearly 60 percent", "m1", value=60.0, unit="percent")])
    result = score_document(gold, pred)
    assert result.counts["PERCENT.strict"].as_list() == [0, 1, 1]
    assert result.counts["PERCENT.value"].as_list() == [1, 0, 0]
    assert result.accuracies["PERCENT.bound"].as_list() == [0, 1]
    assert {e.kind for e in result.errors} == {"SPAN", "BOUND"}


@pytest.mark.parametrize(
    ("gold", "pred", "equal"),
    [
        pytest.param("2026", "2026-01-01/2026-12-31", True, id="year-is-its-days"),
        pytest.param("2021/2025", "2021-01-01/2025-12-31", True, id="plan-period"),
        pytest.param("2024-01/2024-06", "2024-01-01/2024-06-30", True, id="first-half"),
        pytest.param("2024-01/2024-06", "2024-01/2024-07", False, id="six-vs-seven-months"),
        pytest.param("2024-02", "2024-02-01/2024-02-29", True, id="leap-february"),
        pytest.param("2025-Q1", "2025-01/2025-03", True, id="quarter"),
        pytest.param("2026-02-04", "2026-02-04", True, id="same-day"),
        pytest.param("2026", "2025", False, id="other-year"),
        pytest.param(None, None, True, id="null-null"),
        pytest.param(None, "2026", False, id="null-vs-year"),
        pytest.param("2026", None, False, id="year-vs-null"),
    ],
)
def test_date_ranges(gold, pred, equal):
    assert dates_equal(gold, pred) is equal


def test_day_range_of_interval():
    start, end = day_range("2021/2025")
    assert (start.isoformat(), end.isoformat()) == ("2021-01-01", "2025-12-31")
    assert day_range("2026-13") is None


def test_date_value_accuracy():
    gold = doc([mention(TEXT, "DATE", "the first half of 2025", "m1", value="2025-01/2025-06")])
    good = doc([mention(TEXT, "DATE", "first half of 2025", "m1", value="2025-01-01/2025-06-30")])
    bad = doc([mention(TEXT, "DATE", "2025", "m1", value="2025")])
    assert score_document(gold, good).accuracies["DATE.value"].as_list() == [1, 1]
    assert score_document(gold, bad).accuracies["DATE.value"].as_list() == [0, 1]


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        pytest.param("total import and export value", "import and export value", True, id="3-of-4"),
        pytest.param("foreign trade", "trade", True, id="exactly-half"),
        pytest.param(
            "bonded maintenance sector import and export value", "exports", False, id="too-few"
        ),
        pytest.param("China's foreign trade", "foreign trade of China", True, id="reordered"),
    ],
)
def test_measure_content_words(gold, pred, ok):
    assert measure_ok(gold, pred) is ok


def claim_docs(pred_claim: dict, pred_period: str | None = "2025-01/2025-06") -> tuple:
    date = mention(TEXT, "DATE", "the first half of 2025", "m2", value="2025-01/2025-06")
    gold = doc(
        [trade(), date],
        claims=[
            {
                "id": "k1",
                "anchor": "m1",
                "measure": "China's foreign trade",
                "kind": "level",
                "period": "m2",
                "comparison": None,
            }
        ],
    )
    pred_date = {**date, "value": pred_period}
    pred = doc([trade(), pred_date], claims=[{"id": "k1", "anchor": "m1", **pred_claim}])
    return gold, pred


@pytest.mark.parametrize(
    ("pred_claim", "period", "correct"),
    [
        pytest.param(
            {"measure": "foreign trade", "kind": "level", "period": "m2"},
            "2025-01/2025-06",
            True,
            id="correct",
        ),
        pytest.param(
            {"measure": "foreign trade", "kind": "change", "period": "m2"},
            "2025-01/2025-06",
            False,
            id="wrong-kind",
        ),
        pytest.param(
            {"measure": "foreign trade", "kind": "level", "period": None},
            "2025-01/2025-06",
            False,
            id="period-missing",
        ),
        pytest.param(
            {"measure": "foreign trade", "kind": "level", "period": "m2"},
            "2025",
            False,
            id="period-value-wrong",
        ),
        pytest.param(
            {"measure": "year", "kind": "level", "period": "m2"},
            "2025-01/2025-06",
            False,
            id="measure-wrong",
        ),
    ],
)
def test_claim_correctness(pred_claim, period, correct):
    gold, pred = claim_docs(pred_claim, period)
    result = score_document(gold, pred)
    assert result.accuracies["claims.pair_rate"].as_list() == [1, 1]
    assert result.counts["claims"].tp == int(correct)


def test_claim_anchor_value_must_agree():
    gold, pred = claim_docs({"measure": "foreign trade", "kind": "level", "period": "m2"})
    pred.mentions[0].unit = "USD"
    assert score_document(gold, pred).counts["claims"].as_list() == [0, 1, 1]


def pledge_doc(commitments: list[dict], person: str = "Lyu Daliang") -> Document:
    mentions = [mention(PLEDGE, "PERSON", person, "m1", canonical="Lyu Daliang")]
    items = [{**c, "text": PLEDGE[c["start"] : c["end"]]} for c in commitments]
    return Document(doc_id="d", text=PLEDGE, mentions=mentions, commitments=items)


def commitment(surface: str, **attrs) -> dict:
    start, end = span_of(PLEDGE, surface)
    return {"id": "c1", "start": start, "end": end, "modality": "will", **attrs}


def test_commitment_fields():
    gold = pledge_doc(
        [
            commitment(
                "will cut clearance time by 2026",
                actor="General Administration of Customs",
                deadline="2026",
                speaker="m1",
            )
        ]
    )
    pred = pledge_doc(
        [
            commitment(
                "cut clearance time",
                actor="general administration of customs",
                deadline="2026-01-01/2026-12-31",
                speaker="m1",
            )
        ],
        "Lyu",
    )
    result = score_document(gold, pred)
    assert result.counts["commitments"].as_list() == [1, 0, 0]
    for field in ("deadline", "actor", "speaker"):
        assert result.accuracies[f"commitments.{field}"].as_list() == [1, 1], field


def test_commitment_speaker_and_deadline_mismatch():
    gold = pledge_doc(
        [commitment("will cut clearance time by 2026", deadline="2026", speaker="m1")]
    )
    pred = pledge_doc(
        [commitment("will cut clearance time by 2026", deadline="2026-06", speaker=None)]
    )
    result = score_document(gold, pred)
    assert result.accuracies["commitments.deadline"].as_list() == [0, 1]
    assert result.accuracies["commitments.speaker"].as_list() == [0, 1]


@pytest.mark.parametrize(
    ("given", "key"),
    [
        pytest.param("h01.txt", "h01", id="txt"),
        pytest.param("h01", "h01", id="bare"),
        pytest.param("sub/h01.html", "sub/h01", id="folder-html"),
        pytest.param("report.v2", "report.v2", id="dot-not-extension"),
    ],
)
def test_doc_id_normalisation(given, key):
    assert normalise_doc_id(given) == key


def test_missing_prediction_counts_as_misses():
    scores = score([doc([trade()])], [])
    assert scores.missing == ["d"]
    assert scores.counts("MONEY.overlap").as_list() == [0, 0, 1]


def test_counts_add_and_average():
    total = Counts(3, 1, 0) + Counts(1, 1, 4)
    assert total == Counts(4, 2, 4)
    assert total.p == pytest.approx(4 / 6)
    assert total.r == pytest.approx(4 / 8)
    assert total.f == pytest.approx(2 * (4 / 6) * (4 / 8) / (4 / 6 + 4 / 8))
    assert Counts().empty and Counts().f == 0.0


def test_flat_figures_and_micro():
    gold = doc([trade(), mention(TEXT, "PERSON", "Lyu Daliang", "m2", canonical="Lyu Daliang")])
    pred = doc([trade(unit="USD"), mention(TEXT, "ORG", "Customs", "m2", canonical="Customs")])
    figures = score([gold], [pred]).figures()
    for key in (
        "money_value_f",
        "percent_value_p",
        "mentions_overlap_f",
        "numbers_value_f",
        "names_overlap_f",
        "commitments_f",
        "commitments_deadline_acc",
        "claims_f",
    ):
        assert key in figures, key
    assert figures["money_overlap_f"] == 1.0 and figures["money_value_f"] == 0.0
    assert figures["percent_value_p"] is None  # no gold, no prediction: undefined
    assert figures["mentions_overlap_p"] == pytest.approx(0.5)
    assert figures["names_overlap_f"] == 0.0


def report(**headline) -> Report:
    scores = score([doc([trade()])], [doc([trade()])])
    made = build_report(scores, system="test", gold=["t"], gold_sha256="0", timestamp="now")
    return made.model_copy(update={"headline": {**made.headline, **headline}})


def test_baseline_comparison_flags_drops_beyond_tolerance():
    base = report(money_value_f=0.90, claims_f=0.50, commitments_f=0.40)
    current = report(money_value_f=0.85, claims_f=0.49, commitments_f=0.60)
    regressions = compare(current, base, tolerance=0.02)
    assert [d.key for d in regressions] == ["money_value_f"]
    assert regressions[0].delta == pytest.approx(-0.05)


def test_baseline_comparison_figure_gone_is_regression():
    assert [d.key for d in compare(report(claims_f=None), report(claims_f=0.3), 0.02)] == [
        "claims_f"
    ]
    assert compare(report(claims_f=0.3), report(claims_f=None), 0.02) == []


def test_report_headline_keys():
    assert set(report().headline) == set(HEADLINE)


# --- §5 v1.1: direction decides, field accuracies over found anchors, bound over value pairs ---


def v11_mentions(with_share: bool = True) -> list[dict]:
    found = [
        trade(),
        mention(TEXT, "DATE", "the first half of 2025", "m2", value="2025-01/2025-06"),
        mention(TEXT, "PERCENT", "2.9 percent", "m3", value=2.9, unit="percent"),
    ]
    share = mention(
        TEXT, "PERCENT", "60 percent", "m4", value=60.0, unit="percent", bound="at_most"
    )
    return [*found, share] if with_share else found


def claim(
    cid: str,
    anchor: str,
    kind: str,
    measure: str,
    period: str | None = "m2",
    direction: str | None = None,
) -> dict:
    return {
        "id": cid,
        "anchor": anchor,
        "kind": kind,
        "measure": measure,
        "period": period,
        "direction": direction,
    }


@pytest.mark.parametrize(
    ("pred_direction", "correct"),
    [
        pytest.param("up", True, id="same-direction"),
        pytest.param("down", False, id="opposite-direction"),
        pytest.param(None, False, id="direction-missing"),
    ],
)
def test_a_change_is_correct_only_with_its_direction(pred_direction, correct):
    gold = doc(
        v11_mentions(), claims=[claim("k1", "m3", "change", "foreign trade", direction="up")]
    )
    pred = doc(
        v11_mentions(),
        claims=[claim("k1", "m3", "change", "foreign trade", direction=pred_direction)],
    )
    result = score_document(gold, pred)
    assert result.counts["claims"].tp == int(correct)
    assert result.accuracies["claims.direction"].as_list() == [int(correct), 1]


def test_direction_is_not_checked_on_other_kinds():
    gold = doc(v11_mentions(), claims=[claim("k1", "m1", "level", "foreign trade")])
    result = score_document(
        gold, doc(v11_mentions(), claims=[claim("k1", "m1", "level", "foreign trade")])
    )
    assert result.counts["claims"].as_list() == [1, 0, 0]
    assert "claims.direction" not in result.accuracies


def test_field_accuracies_over_claims_whose_anchor_was_found():
    # Gold: three claims. The prediction misses the share's anchor (60 percent), gets the level
    # right, and reads the change as down with no period.
    gold = doc(
        v11_mentions(),
        claims=[
            claim("k1", "m1", "level", "China's foreign trade"),
            claim("k2", "m3", "change", "China's foreign trade", direction="up"),
            claim("k3", "m4", "share", "annual target"),
        ],
    )
    pred = doc(
        v11_mentions(with_share=False),
        claims=[
            claim("k1", "m1", "level", "foreign trade"),
            claim("k2", "m3", "change", "foreign trade", period=None, direction="down"),
        ],
    )
    figures = score([gold], [pred]).figures()
    # By hand: 2 of 3 anchors found; kind 2/2; period 1/2; measure 2/2 ("foreign trade" holds
    # 2 of the 3 content words of "China's foreign trade", at least half); direction 0/1 (one
    # gold change among the found). Correct: k1 only, so tp 1, fp 1, fn 2: P 1/2, R 1/3,
    # F = 2 * 1/2 * 1/3 / (1/2 + 1/3) = 0.4.
    assert figures["claims_pair_rate"] == pytest.approx(2 / 3)
    assert figures["claims_kind_acc"] == 1.0
    assert figures["claims_period_acc"] == 0.5
    assert figures["claims_measure_acc"] == 1.0
    assert figures["claims_direction_acc"] == 0.0
    assert (figures["claims_p"], figures["claims_r"]) == (0.5, pytest.approx(1 / 3))
    assert figures["claims_f"] == pytest.approx(0.4)


def test_bound_accuracy_counts_only_value_pairs():
    gold = doc(v11_mentions())
    misread = [
        *v11_mentions(with_share=False),
        mention(TEXT, "PERCENT", "60 percent", "m4", value=6.0, unit="percent"),
    ]
    result = score_document(gold, doc(misread))
    # 2.9 percent pairs under value with equal bounds; 60 percent pairs by overlap only (6.0):
    # its bound is not judged. MONEY 21.79 trillion yuan pairs with equal bounds too.
    assert result.accuracies["PERCENT.bound"].as_list() == [1, 1]
    assert result.accuracies["MONEY.bound"].as_list() == [1, 1]
    right = [
        *v11_mentions(with_share=False),
        mention(TEXT, "PERCENT", "60 percent", "m4", value=60.0, unit="percent"),
    ]
    assert score_document(gold, doc(right)).accuracies["PERCENT.bound"].as_list() == [1, 2]


def test_figures_per_document_class():
    level = claim("k1", "m1", "level", "foreign trade")
    wire = Document(doc_id="w", text=TEXT, mentions=v11_mentions(), claims=[level])
    talk = Document(doc_id="t", text=TEXT, mentions=v11_mentions(), claims=[level])
    other = Document(doc_id="o", text=TEXT, mentions=v11_mentions(), claims=[level])
    # w is predicted right, t not at all, o right but not in the mapping.
    scores = score([wire, talk, other], [wire, Document(doc_id="t"), other])
    made = build_report(
        scores,
        classes={"w": "wire release", "t": "transcript"},
        system="s",
        gold=["g"],
        gold_sha256="0",
        timestamp="now",
    )
    assert list(made.per_class) == ["transcript", "wire release", "(unclassified)"]
    assert made.per_class["wire release"]["claims_f"] == 1.0
    assert made.per_class["transcript"]["claims_f"] == 0.0
    assert made.per_class["transcript"]["gold_claims"] == 1
    assert made.per_class["transcript"]["commitments_f"] is None  # no commitment either side
    assert made.per_class["(unclassified)"]["docs"] == 1
    assert made.figures["claims_f"] == pytest.approx(0.8)  # tp 2, fp 0, fn 1
    assert "per document class" in render_table(made)
    assert (
        build_report(
            scores, classes={}, system="s", gold=["g"], gold_sha256="0", timestamp="now"
        ).per_class
        == {}
    )
