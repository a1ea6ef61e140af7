"""Chinese claim measures compare by character bigrams: at least half of the gold's bigrams
must occur in the predicted measure (ANNOTATION-zh.md, Scoring). Counts worked by hand."""

import pytest

from textfacts.evaluate.measure import bigram_measure_ok, bigrams, is_chinese
from textfacts.evaluate.scorer import measure_ok


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param("进出口", {"进出", "出口"}, id="进出口"),
        pytest.param(
            "机电 产品、出口", {"机电", "电产", "产品", "品出", "出口"}, id="punctuation drops"
        ),
        pytest.param("煤", {"煤"}, id="one character"),
        pytest.param("", set(), id="empty"),
        pytest.param(None, set(), id="none"),
    ],
)
def test_bigrams(phrase, expected):
    assert bigrams(phrase) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        # 货物贸易进出口: 6 bigrams; 进出口总值 shares 进出, 出口 (2 of 6) -> no.
        pytest.param("货物贸易进出口", "进出口总值", False, id="2 of 6"),
        # 货物贸易进出口 vs 货物贸易: shares 货物, 物贸, 贸易 (3 of 6) -> exactly half, yes.
        pytest.param("货物贸易进出口", "货物贸易", True, id="3 of 6"),
        # 进出口 (2) vs 对东盟进出口 holds both -> yes.
        pytest.param("进出口", "对东盟进出口", True, id="2 of 2"),
        # 出口 (1) vs 进口 (1): no shared bigram -> no.
        pytest.param("出口", "进口", False, id="0 of 1"),
        # 民营企业进出口 (6) vs 民营企业 (3 shared) -> yes.
        pytest.param("民营企业进出口", "民营企业", True, id="3 of 6 again"),
        pytest.param("走私案件", None, False, id="no prediction"),
    ],
)
def test_bigram_rule(gold, pred, ok):
    assert bigram_measure_ok(gold, pred) is ok
    assert measure_ok(gold, pred) is ok  # the scorer picks the rule by the gold's script


def test_script_decides():
    assert is_chinese("出口") and not is_chinese("exports") and not is_chinese(None)
    # English gold keeps the content-word rule: one of two content words is half.
    assert measure_ok("copper imports", "imports")
