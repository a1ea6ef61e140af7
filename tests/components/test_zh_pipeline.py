"""The customs-zh pipeline on sentences written in the genre's style (not from any gold file).

Offsets come from substrings; every document is checked for grounding.
"""

import pytest
from helpers import assert_grounded, span_of

PUB = {"published": "2025-07-14"}


def _run(zh_extractor, text):
    document = zh_extractor(text, PUB)
    assert_grounded(document)
    return document


def _mention(document, text, label=None):
    found = [m for m in document.mentions if m.text == text and (label is None or m.label == label)]
    assert found, (text, document.mentions)
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "label", "value", "unit", "bound"),
    [
        pytest.param(
            "上半年，我国进出口总值21.79万亿元人民币。",
            "21.79万亿元人民币",
            "MONEY",
            2.179e13,
            "CNY",
            "exact",
            id="scale and 元人民币",
        ),
        pytest.param(
            "對東盟出口約3.2萬億元。",
            "3.2萬億元",
            "MONEY",
            3.2e12,
            "CNY",
            "approx",
            id="traditional scale, 约",
        ),
        pytest.param(
            "以美元计价，出口超过1.5万亿美元。",
            "1.5万亿美元",
            "MONEY",
            1.5e12,
            "USD",
            "at_least",
            id="美元, 超过",
        ),
        pytest.param(
            "占比提升1.6个百分点。",
            "1.6个百分点",
            "PERCENT",
            1.6,
            "percentage_point",
            "exact",
            id="个百分点",
        ),
        pytest.param("出口增长近8%。", "8%", "PERCENT", 8.0, "percent", "at_most", id="近"),
        pytest.param("逾3成企业受益。", "3成", "PERCENT", 30.0, "percent", "at_least", id="3成"),
        pytest.param(
            "查获走私冻品1.1万余吨。",
            "1.1万余吨",
            "QUANTITY",
            1.1e4,
            "ton",
            "at_least",
            id="infixed 余",
        ),
        pytest.param(
            "新增6家AEO企业。",
            "6家AEO企业",
            "QUANTITY",
            6.0,
            "enterprise",
            "exact",
            id="classifier and counted noun",
        ),
        pytest.param(
            "立案侦办走私案件210起。",
            "210起",
            "QUANTITY",
            210.0,
            "case",
            "exact",
            id="counted noun before",
        ),
        pytest.param(
            "通关时间压缩至2至3小时。", "2至3小时", "QUANTITY", 2.0, "hour", "exact", id="range"
        ),
        pytest.param(
            "跨境电商进口增长1.3倍。", "1.3倍", "QUANTITY", 1.3, "time", "exact", id="multiple"
        ),
    ],
)
def test_figures(zh_extractor, text, span, label, value, unit, bound):
    document = _run(zh_extractor, text)
    mention = _mention(document, span, label)
    assert (mention.start, mention.end) == span_of(text, span)
    assert mention.value == pytest.approx(value)
    assert (mention.unit, mention.bound) == (unit, bound)


def test_range_keeps_its_upper_end(zh_extractor):
    mention = _mention(_run(zh_extractor, "货物放行需要2至3小时。"), "2至3小时")
    assert mention.value_max == 3.0


def test_shared_currency_and_shared_percentage_point(zh_extractor):
    document = _run(
        zh_extractor, "对甲、乙两地分别出口2.1万亿、8650亿元，增速分别加快1.2个、0.8个百分点。"
    )
    assert _mention(document, "2.1万亿", "MONEY").unit == "CNY"
    assert _mention(document, "8650亿元", "MONEY").value == pytest.approx(8.65e11)
    assert _mention(document, "1.2个", "PERCENT").unit == "percentage_point"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("依据署税函〔2025〕36号文件办理。", id="document number"),
        pytest.param("依据公告〔2025〕12号执行。", id="document number with a day-like number"),
        pytest.param("详见第 05 版。", id="page number"),
        pytest.param("发布会于上午10时30分开始。", id="clock time"),
        pytest.param("这是第3次开展此类行动。", id="ordinal"),
    ],
)
def test_not_figures(zh_extractor, text):
    document = _run(zh_extractor, text)
    assert not [m for m in document.mentions if m.label in ("MONEY", "PERCENT", "QUANTITY", "DATE")]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        pytest.param("今年前5个月，外贸增长。", "今年前5个月", "2025-01/2025-05", id="前5个月"),
        pytest.param("去年同期增长2%。", "去年同期", "2024", id="去年同期 without a period"),
        pytest.param("海关总署10日发布数据。", "10日", "2025-07-10", id="bare day"),
        pytest.param("今年以来，海关持续发力。", "今年", "2025", id="今年以来"),
        pytest.param("“十五五”时期，海关将深化改革。", "“十五五”时期", "2026/2030", id="plan"),
        pytest.param("2023年全年进出口增长。", "2023年全年", "2023", id="year and 全年"),
    ],
)
def test_dates(zh_extractor, text, span, value):
    mention = _mention(_run(zh_extractor, text), span, "DATE")
    assert mention.value == value


def test_year_of_the_sentence_holds_for_its_quarter(zh_extractor):
    document = _run(zh_extractor, "2023年，进出口增长，其中四季度增长最快。")
    assert _mention(document, "四季度", "DATE").value == "2023-10/2023-12"


def test_names_and_people(zh_extractor):
    text = (
        "海关总署新闻发言人、统计分析司司长张明介绍，据海关统计，对欧盟出口增长。"
        "张明表示，各国海关加强合作。"
    )
    document = _run(zh_extractor, text)
    gac = _mention(document, "海关总署", "ORG")
    assert gac.canonical == "General Administration of Customs"
    person = _mention(document, "张明", "PERSON")
    assert person.role == "新闻发言人" and person.org == gac.id
    later = [m for m in document.mentions if m.label == "PERSON" and m.start > person.start]
    assert [(m.text, m.role) for m in later] == [("张明", None)]
    bare = [m for m in document.mentions if m.label == "ORG" and m.text == "海关"]
    assert len(bare) == 1  # 据海关统计 is the authority; 各国海关 is generic
    assert _mention(document, "欧盟", "ORG").canonical == "欧盟"


def test_transcript_turn_label_is_a_person(zh_extractor):
    document = _run(zh_extractor, "主持人：请提问。\n王立：我们将继续简化通关手续。")
    person = _mention(document, "王立", "PERSON")
    assert [c.speaker for c in document.commitments] == [person.id]


def test_commitments(zh_extractor):
    text = "下一步，海关将继续深化通关改革，压缩整体通关时间，力争年内实现全覆盖。"
    document = _run(zh_extractor, text)
    got = [(c.text, c.modality) for c in document.commitments]
    assert got == [
        ("将继续深化通关改革", "continue"),
        ("压缩整体通关时间", "continue"),
        ("力争年内实现全覆盖", "strive"),
    ]
    assert all(c.actor == "General Administration of Customs" for c in document.commitments)


def test_forecasts_and_past_work_are_not_commitments(zh_extractor):
    document = _run(zh_extractor, "专家认为，外贸将保持稳定增长。去年海关持续优化营商环境。")
    assert document.commitments == []


def test_ordinal_list_of_measures(zh_extractor):
    text = "海关出台三项措施：一是简化申报手续；二是推广智能审图；三是压缩查验时间。"
    document = _run(zh_extractor, text)
    assert [(c.text, c.modality) for c in document.commitments] == [
        ("一是简化申报手续", "initiative"),
        ("二是推广智能审图", "initiative"),
        ("三是压缩查验时间", "initiative"),
    ]


def test_list_of_features_is_no_commitment(zh_extractor):
    text = "外贸呈现三个特点：一是规模扩大；二是结构优化。"
    assert _run(zh_extractor, text).commitments == []


def test_claims(zh_extractor):
    text = "今年上半年，我国机电产品出口7.2万亿元，增长5.1%，占出口总值的59.3%。"
    document = _run(zh_extractor, text)
    by_anchor = {c.anchor: c for c in document.claims}
    level = by_anchor[_mention(document, "7.2万亿元").id]
    change = by_anchor[_mention(document, "5.1%").id]
    share = by_anchor[_mention(document, "59.3%").id]
    period = _mention(document, "今年上半年", "DATE")
    assert (level.kind, level.measure, level.period) == ("level", "机电产品出口", period.id)
    assert (change.kind, change.direction, change.measure) == ("change", "up", "机电产品出口")
    assert (share.kind, share.measure) == ("share", "机电产品出口")


def test_respectively_list_gives_each_item_its_figure(zh_extractor):
    document = _run(zh_extractor, "其中，钢材、铝材、稀土分别下降3.1%、6.4%、12%。")
    measures = [c.measure for c in document.claims]
    assert measures == ["钢材", "铝材", "稀土"]
    assert {c.direction for c in document.claims} == {"down"}


def test_targets_get_no_claim(zh_extractor):
    document = _run(zh_extractor, "目标是把通关时间压缩到2小时以内。")
    assert _mention(document, "2小时", "QUANTITY").bound == "at_most"
    assert document.claims == []


def test_printed_date_in_the_head_is_the_publication_date(zh_extractor):
    text = "海关总署：外贸平稳增长\n2025-10-14 09:30 来源：新华网\n今年前三季度，出口增长6%。"
    document = zh_extractor(text)
    assert document.meta.published == "2025-10-14"
    assert _mention(document, "今年前三季度", "DATE").value == "2025-01/2025-09"
    assert _mention(document, "2025-10-14", "DATE").value == "2025-10-14"


def test_without_any_date_relative_forms_stay_null(zh_extractor):
    document = zh_extractor("北京电 今年前三季度，出口增长6.1%。")
    assert document.meta.published is None
    assert _mention(document, "今年前三季度", "DATE").value is None


def test_campaign_name_with_its_year(zh_extractor):
    document = _run(zh_extractor, "2026年，海关将开展“清风2031”联合专项行动。此外，出口增长2%。")
    program = _mention(document, "清风2031", "PROGRAM")
    year = _mention(document, "2031", "DATE")
    assert program.start < year.start < program.end and year.value == "2031"
    claim = document.claims[0]
    assert claim.period == _mention(document, "2026年", "DATE").id  # the name's year never carries


def test_a_date_inside_the_clause_is_no_part_of_the_measure(zh_extractor):
    document = _run(zh_extractor, "前5个月我国出口增长3%。")
    assert document.claims[0].measure == "出口"


def test_transcript_turns_give_speakers_and_a_question_ends_them(zh_extractor):
    text = (
        "记者：请介绍上半年情况。\n"
        "海关总署新闻发言人刘洋：上半年，我国出口增长5%。我们将继续优化监管。\n"
        "某报记者：谢谢。请问下半年呢？\n"
        "上半年进口增长2%。"
    )
    document = _run(zh_extractor, text)
    person = _mention(document, "刘洋", "PERSON")
    assert [m.text for m in document.mentions if m.label == "PERSON"] == ["刘洋"]
    speakers = {
        d.text: c.speaker for c in document.claims for d in document.mentions if d.id == c.anchor
    }
    assert speakers == {"5%": person.id, "2%": None}
    assert [c.speaker for c in document.commitments] == [person.id]


def test_inline_ordinals_after_a_pledge_are_initiatives(zh_extractor):
    document = _run(zh_extractor, "海关将支持外贸发展，一是优化监管，二是压缩时间。")
    assert [c.modality for c in document.commitments] == ["will", "initiative", "initiative"]


def test_a_meeting_scheduled_is_no_pledge_and_customs_districts_are_orgs(zh_extractor):
    document = _run(zh_extractor, "黄埔海关表示，有关座谈会将于下周举行。")
    assert document.commitments == []
    assert _mention(document, "黄埔海关", "ORG").canonical == "黄埔海关"


def test_government_bodies_and_titled_leaders(zh_extractor):
    document = _run(
        zh_extractor, "国务院副总理陈林会见外宾。广州市人民政府办公厅发布通知，广东省外贸增长。"
    )
    person = _mention(document, "陈林", "PERSON")
    assert person.role == "副总理" and person.org == _mention(document, "国务院", "ORG").id
    assert _mention(document, "广州市人民政府办公厅", "ORG")
    assert _mention(document, "广东省", "GPE").canonical == "广东省"


def test_time_phrase_after_the_trigger_and_measures_listed_after_a_colon(zh_extractor):
    text = (
        "海关总署决定自2026年5月1日起，在全国推广新模式。"
        "具体措施包括：简化备案手续，实行网上办理；优化申报流程；加强风险防控。"
    )
    document = _run(zh_extractor, text)
    got = [(c.text, c.modality) for c in document.commitments]
    assert got == [
        ("在全国推广新模式", "plan"),
        ("简化备案手续，实行网上办理", "initiative"),
        ("优化申报流程", "initiative"),
        ("加强风险防控", "initiative"),
    ]


def test_duties_on_traders_are_no_pledges(zh_extractor):
    document = _run(zh_extractor, "进出口企业应当如实申报。建议旅客提前了解入境规定。")
    assert document.commitments == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("新闻发言人高度评价双方合作。", id="a word after the title"),
        pytest.param("记者从海关总署获悉。", id="a preposition after the title"),
        pytest.param("发言人关于此事作出回应。", id="关于 after the title"),
    ],
)
def test_no_person_without_a_name_after_the_title(zh_extractor, text):
    assert not [m for m in _run(zh_extractor, text).mentions if m.label == "PERSON"]


def test_deadline_inside_the_action(zh_extractor):
    document = _run(zh_extractor, "海关力争到2027年实现通关全程无纸化。")
    assert [(c.modality, c.deadline) for c in document.commitments] == [("strive", "2027")]
