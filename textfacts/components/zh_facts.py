"""textfacts_zh_commitments and textfacts_zh_claims: pledges and figures in Chinese text.

Commitments (ANNOTATION-zh.md §4): a modal trigger (将, 要, 继续, 力争 ...) opens a VP that runs
to the clause end; later comma clauses of the sentence inherit it, one commitment each; items
of a list of measures (一是…二是…, 具体有A，B等措施) are `initiative`. Claims (§5): each figure
takes its kind from the nearest 增长/下降/占/年均 word of its clause, its measure from the noun
phrase before it, its period from its sentence's DATE or the last one before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._zh import (
    Bounds,
    Lexicon,
    Starts,
    alternation,
    doc_text,
    key,
    lexicon,
    mentions,
    published,
)
from textfacts.extensions import state

GAC = "General Administration of Customs"
_SPEAKERS = "textfacts.zh_speakers"
# A turn label: up to 30 characters without punctuation before a colon at a line's start.
_TURN_COLON = re.compile(r"[^\n，,。：:“”]{1,30}[：:]")
# Where a figure's segment starts: after a clause mark or a colon (not after 、).
_SEGMENT_MARK = re.compile(r"[，,；;。！？!?\n：:]")
_SPEECH = re.compile(r"表示|说|說|説|介绍|介紹|指出|称|稱|强调|強調|透露|提出|回答")
_ORDINAL = re.compile(
    r"(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]|首先[，,]|其次[，,]|最后[，,]|最後[，,])"
)
# A list lead announcing features of data, not measures (特点, 情况): its items pledge nothing.
_NOT_MEASURES = re.compile(r"特点|特點|特征|特徵|亮点|亮點|原因|情况|情況|表现|表現|变化|變化")
_MEASURES = re.compile(r"措施|举措|舉措|政策|任务|任務|工作|部署")
_LIST_CUE = re.compile(
    r"(?:具体有|具體有|具体包括|具體包括|主要包括|主要有|措施包括|举措包括|舉措包括|提出|共有)(?!了)"
)
_LIST_TAIL = re.compile(r"等(?:[0-9０-９]+[项項条條个個])?(?:措施|举措|舉措|政策)?$|等$")
# One-character triggers that begin another word: 会议, 会同 (together with), 将近, 要求.
_OTHER_WORD = {
    "会": "议見见谈談同上长員员展场場",
    "會": "议議見见谈談同上長员員展場",
    "将": "近军来",
    "將": "近軍來",
    "要": "求点點素闻聞",
    "拟": "定",
    "擬": "定",
    "愿": "景望",
    "願": "景望",
}
_FUTURE = re.compile(r"将|將|要|下一步|今后|今後|未来|未來|明年|力争|力爭")
# What may stand between a trigger and its clause's end without being the action: 决定自3月1日起，…
_TIME_ONLY = re.compile(r"(?:自|从|從|于|於)[^，,；;。]{1,14}(?:起|开始|開始)")
# Parties a customs text puts duties on or advises (企业应当如实申报, 建议旅客…): not pledgers.
_OTHERS = re.compile(
    r"企业|企業|旅客|公众|公眾|消费者|消費者|个人|個人|当事人|當事人|申报人|申報人|建议|建議"
)
_SCHEDULED = re.compile(r"举行|舉行|召开|召開|开幕|開幕|闭幕|閉幕|举办|舉辦")
_OBJECT_MARKER = re.compile(r"列为|列為|作为|作為|纳入|納入|视为|視為|定为|定為")
# A forecast's subject is the economy, not an authority: 外贸将保持增长.
_ECONOMIC = re.compile(r"外贸|外貿|出口|进口|進口|经济|經濟|贸易|貿易|增速|需求|形势|形勢")
_CLAUSE = "，,；;。！？!?\n"
_FULL_STOP = re.compile(r"[。！？!?\n]")
_CLAUSE_MARK = re.compile(r"[，,；;。！？!?\n]")
# Who pledges at the head of a clause, outside the span (下一步，海关总署将…).
_PLEDGER = re.compile(
    r"(?:中国海关|中國海關|海关总署|海關總署|全国海关|全國海關|海关|海關|我们|我們)"
)
# Targets, requirements, forecasts and hypotheticals state no fact (§5): no claim.
_NOT_CLAIM = re.compile(r"要求|目标|目標|力争|力爭|预计|預計|有望|相当于|相當於|绕地球|繞地球")
_CONNECTIVE = re.compile(
    r"^(?:其中|同期|此外|另外|同时|同時|据海关统计|據海關統計|据海关数据|據海關數據|另据海关数据|"
    r"另據海關數據|具体来看|具體來看|从[^，,]{1,6}看|從[^，,]{1,6}看)[，,]?"
)
_SUBJECT = re.compile(r"^(?:我国|我國|中国|中國|全国|全國|海关|海關|中国海关|中國海關)+")
# Words around a measure that are not part of it: rate adverbs, brackets, dates, baselines,
# list ordinals (one compiled pass each, in this order).
_NOT_MEASURE = [
    re.compile(r"年均|日均|每年|每天|平均每|连续|連續"),
    re.compile(r"[（(][^）)]*[）)]"),
    re.compile(
        r"(?:19|20)\d\d年|[一二三四]季度|前三季度|[上下]半年|今年|去年|历史同期|歷史同期|同期"
    ),
    re.compile(r"比上年|同比|环比|環比|按年|按月|较[^\s，,]{0,6}|比[^\s，,]{0,6}$"),
    re.compile(r"^[一二三四五六七八九十]是"),
    re.compile(r"^(?:共|累计|累計|合计|合計|还|還|也)"),
]
# A partner before a flow (对东盟进出口): the partner is the subject, not the measure.
_PARTNER = re.compile(
    r"^(?:对|對|与|與)[^进出進口贸貿]{1,12}?(?=进出口|進出口|出口|进口|進口|贸易|貿易)"
)
_VERB_END = re.compile(
    r"(?:共|累计|累計|达到|達到|达|達|为|為|实现|實現|完成|约|約|近|超过|超過|逾|突破|首次突破|合计|合計|仅|僅|的|是|有)+$"
)


def _speakers(doc: Doc, bounds: Bounds) -> dict[int, list[Any] | None]:
    """The speaker map of a Doc, built once for commitments and claims."""
    cached = doc.user_data.get(_SPEAKERS)
    if cached is None:
        cached = doc.user_data[_SPEAKERS] = _speaker_map(doc, bounds)
    return cached


def _speaker_map(doc: Doc, bounds: Bounds) -> dict[int, list[Any] | None]:
    """Speaker (PERSON key) by sentence start.

    The person a speech verb follows in the sentence (孙明表示); inside a quotation, the person
    named with a speech verb after the closing mark (“……。”孙明说) or before the opening one;
    else the speaker of the line so far; else the current transcript turn (`孙明：`).
    """
    text = doc_text(doc)
    people = Starts(mentions(doc, "PERSON"))
    speakers: dict[int, list[Any] | None] = {}
    turn: list[Any] | None = None
    line_speaker: list[Any] | None = None
    line = -2
    position = 0
    while position < len(text):
        start, end = bounds.sentence(position)
        position = end + 1
        if text.rfind("\n", 0, start + 1) != line:
            line, line_speaker = text.rfind("\n", 0, start + 1), None
        in_sentence = people.between(start, end)
        if line_start_of(text, start) == start:
            label = _turn_label(text, start, in_sentence)
            if label is not False:
                turn = key(label) if label else None
        who = None
        if in_sentence and _SPEECH.search(text, start, end):
            who = next((p for p in in_sentence if _SPEECH.match(text, _after_name(text, p))), None)
        who = who or _quoted_by(text, start, people)
        if who is not None:
            line_speaker = key(who)
        speakers[start] = line_speaker or turn
    return speakers


def _items(phrase: str) -> list[str]:
    """Items of a list written A、B、C和D (及 stays inside an item: 电脑及其零部件)."""
    items = [p for p in phrase.split("、") if p]
    if len(items) > 1 and "和" in items[-1]:
        items[-1:] = [p for p in items[-1].split("和") if p]
    return items


def _split_outside_quotes(text: str, marks: str) -> list[str]:
    """Split after each mark that is not inside “…”; the parts keep their marks."""
    if "“" not in text:
        return [p for p in re.split(f"(?<=[{re.escape(marks)}])", text) if p]
    parts, depth, last = [], 0, 0
    for i, char in enumerate(text):
        depth += (char == "“") - (char == "”")
        if char in marks and depth <= 0:
            parts.append(text[last : i + 1])
            last = i + 1
    parts.append(text[last:])
    return [p for p in parts if p]


def line_start_of(text: str, at: int) -> int:
    """Start of the line holding `at`."""
    return text.rfind("\n", 0, at) + 1


def _turn_label(text: str, start: int, people: list[dict[str, Any]]) -> Any:
    """The PERSON whose transcript turn a line opens (`李明：`).

    None for a turn without a name (`彭博社记者：`, `主持人：`); False for no turn at all.
    """
    colon = _TURN_COLON.match(text, start)
    if colon is None:
        return False
    return next((p for p in people if p["end"] == colon.end() - 1), None)


def _after_name(text: str, person: dict[str, Any]) -> int:
    """Where a speech verb would stand after a name: past a date or place (孙明17日在…上表示)."""
    at = person["end"]
    stop = min(len(text), at + 40)
    for match in _SPEECH.finditer(text, at, stop):
        if not re.search(r"[。，,；;“”]", text[at : match.start()]) or match.start() == at:
            return match.start()
    return at


def _quoted_by(text: str, start: int, people: Starts) -> dict[str, Any] | None:
    """The speaker of a quotation holding `start`, named next to its quotation marks."""
    opening = text.rfind("“", 0, start + 1)
    if opening < 0 or text.rfind("”", 0, start) > opening:
        return None
    closing = text.find("”", start)
    if closing < 0:
        return None
    sentence_end = min(
        (i for i in (text.find(c, closing) for c in "。\n") if i >= 0), default=len(text)
    )
    after = people.between(closing + 1, sentence_end)
    for person in after:
        if _SPEECH.match(text, _after_name(text, person)):
            return person
    before = people.between(opening - 20, opening)
    if before and _SPEECH.search(text, before[-1]["end"], opening):
        return before[-1]
    return None


class ZhCommitments:
    """Modal triggers, inherited comma clauses and lists of measures."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None):
        self.name = name
        lex: Lexicon = lexicon(data_dir)
        self.modality = {r.surface: r.modality for r in lex.modality}
        self.trigger = re.compile(alternation(list(self.modality)))

    def __call__(self, doc: Doc) -> Doc:
        """Record commitments (char-level) in the Doc's state."""
        text = doc_text(doc)
        bounds = Bounds(text)
        speakers = _speakers(doc, bounds)
        token_starts = set(doc.to_array("IDX").tolist())
        name_ends = {m["end"] for m in mentions(doc, "ORG", "PERSON", "GPE")}
        dates = Starts(mentions(doc, "DATE"))
        out: list[dict[str, Any]] = []
        deadline: str | None = None
        previous_lead = ""
        position = 0
        while position < len(text):
            start, end = self._sentence(text, position)
            position = end + 1
            sentence = text[start:end]
            if not sentence.strip():
                continue
            if start and text[start - 1] == "\n":  # a deadline carries within its paragraph
                deadline = None
            speaker = speakers.get(bounds.sentence(start)[0])
            found = self._list_items(text, start, end, previous_lead)
            if found and found[0]["start"] > start:
                # The pledge that leads the list in its own sentence (海关将…，一是…).
                lead_end = found[0]["start"]
                found = self._parallel(text, start, lead_end, token_starts, name_ends) + found
            if not found:
                found = self._parallel(text, start, end, token_starts, name_ends)
            for item in found:
                # A fronted date (2026年，将…) or one inside the action (力争到2027年实现…).
                own = self._deadline(dates, start, item["start"], doc) or self._deadline(
                    dates, item["start"], item["end"], doc
                )
                deadline = own or deadline
                item.update(
                    deadline=deadline if item["modality"] != "initiative" else own,
                    speaker=speaker,
                    actor=self._actor(sentence),
                )
                out.append(item)
            if not _ORDINAL.match(sentence.strip()):
                previous_lead = sentence
        state(doc)["char_commitments"] = out
        return doc

    @staticmethod
    def _sentence(text: str, position: int) -> tuple[int, int]:
        mark = _FULL_STOP.search(text, position)
        return position, mark.start() if mark else len(text)

    def _list_items(self, text: str, start: int, end: int, lead: str) -> list[dict[str, Any]]:
        """Items of a list of measures: ordinal clauses, or VPs after 具体有/提出."""
        sentence = text[start:end]
        items: list[dict[str, Any]] = []
        ordinals = list(_ORDINAL.finditer(sentence))
        if (
            ordinals
            and not _NOT_MEASURES.search(lead)
            and (_MEASURES.search(lead + sentence) or _FUTURE.search(lead[-40:] + sentence))
        ):
            for i, match in enumerate(ordinals):
                item_end = ordinals[i + 1].start() if i + 1 < len(ordinals) else len(sentence)
                body = sentence[match.start() : item_end].rstrip("；;，, ")
                if re.search(r"\d+(?:\.\d+)?%", body):
                    continue
                items.append(
                    self._item(
                        text,
                        start + match.start(),
                        start + match.start() + len(body),
                        "initiative",
                        body[match.end() - match.start() :],
                    )
                )
            return items
        cue = _LIST_CUE.search(sentence)
        if cue is None or not _MEASURES.search(lead[-40:] + sentence):
            return []
        offset = start + cue.end()
        rest = text[offset:end]
        # Items are VPs between commas; a list without commas separates them with 、
        # (never inside quotation marks: “离境即退税、销售后再核算” is one item).
        marks = "；;" if re.search(r"[；;]", rest) else "，," if re.search(r"[，,]", rest) else "、"
        for part in _split_outside_quotes(rest, marks):
            body = _LIST_TAIL.sub("", part.strip(marks + " ：:"))
            if len(body) >= 4:
                at = text.index(body, offset)
                items.append(self._item(text, at, at + len(body), "initiative", body))
            offset += len(part)
        return items

    def _parallel(
        self, text: str, start: int, end: int, token_starts: set[int], name_ends: set[int]
    ) -> list[dict[str, Any]]:
        """Parallel clauses (必须…；必须…): one commitment each, trigger to clause end (§4).

        Sentences without two clauses opened by the same modal go clause by clause.
        """
        if self.trigger.search(text, start, end) is None:
            return []
        segments, at = [], start
        for part in _split_outside_quotes(text[start:end], "；;"):
            segments.append((at, at + len(part.rstrip("；; "))))
            at += len(part)
        firsts = [self._first_trigger(text, s, e, token_starts, name_ends) for s, e in segments]
        words = [m.group(0) for m in firsts if m is not None]
        shared = next((w for w in words if words.count(w) > 1), None)
        if len(segments) < 2 or shared is None:
            return self._triggered(text, start, end, token_starts, name_ends)
        items: list[dict[str, Any]] = []
        for (seg_start, seg_end), match in zip(segments, firsts, strict=True):
            if match is not None and match.group(0) == shared:
                modality, word_end = self._chain(text, match, seg_end)
                items.append(
                    self._item(text, match.start(), seg_end, modality, text[word_end:seg_end])
                )
            else:
                items.extend(self._triggered(text, seg_start, seg_end, token_starts, name_ends))
        return items

    def _triggered(
        self, text: str, start: int, end: int, token_starts: set[int], name_ends: set[int]
    ) -> list[dict[str, Any]]:
        """Commitments opened by a modal trigger, and the comma clauses that inherit it."""
        items: list[dict[str, Any]] = []
        modality: str | None = None
        pending = False  # a trigger alone in its clause (下一步，…): the next clause is its body
        clause_start = start
        for piece in re.split(r"(?<=[，,；;])|(?<=、)(?=[也又还還](?:要|将|將))", text[start:end]):
            clause_end = clause_start + len(piece.rstrip("，,；;、 "))
            match = self._first_trigger(text, clause_start, clause_end, token_starts, name_ends)
            body: tuple[int, int] | None = None
            if match is not None and self._pledges(text, start, match, clause_end):
                modality, word_end = self._chain(text, match, clause_end)
                future = match.group(0) in ("将", "將") or _FUTURE.search(text, start, word_end)
                if modality == "continue" and not future:
                    modality = None
                elif clause_end - word_end < 2 or _TIME_ONLY.fullmatch(text, word_end, clause_end):
                    pending = True
                else:
                    body = (match.start(), word_end)
            elif match is None and modality is not None and (pending or self._inherits(piece)):
                lead = len(piece) - len(piece.lstrip())
                subject = _PLEDGER.match(text, clause_start + lead) if pending else None
                first = subject.end() if subject else clause_start + lead
                body, pending = (first, first), False
            elif match is not None:
                modality, pending = None, False
            if body is not None and modality is not None and clause_end - body[0] >= 3:
                action = text[body[1] : clause_end]
                items.append(self._item(text, body[0], clause_end, modality, action))
            clause_start += len(piece)
        return items

    def _first_trigger(
        self, text: str, start: int, end: int, token_starts: set[int], name_ends: set[int]
    ) -> re.Match[str] | None:
        """The first trigger of a clause; a one-character one (将, 要) must begin a word.

        jieba glues 將 to a Traditional subject (海關將), so a trigger right after a name or
        a punctuation mark also begins a word.
        """
        for candidate in self.trigger.finditer(text, start, end):
            at = candidate.start()
            word = candidate.group(0)
            following = text[candidate.end() : candidate.end() + 1]
            if following and following in _OTHER_WORD.get(word, ""):
                continue
            if word in ("要", "將", "将") and at and text[at - 1] in "既也又还還都就":
                return candidate  # 既要A、也要B: two pledges
            if (
                len(candidate.group(0)) > 1
                or at in token_starts
                or at in name_ends
                or at == 0
                or text[at - 1] in _CLAUSE + '：:“”" '
            ):
                return candidate
        return None

    def _chain(self, text: str, match: re.Match[str], end: int) -> tuple[str, int]:
        """Modality of consecutive triggers, the most specific winning (将不断 -> continue)."""
        modality, word_end = self.modality[match.group(0)], match.end()
        while (more := self.trigger.match(text, word_end, end)) is not None:
            if self.modality[more.group(0)] != "will":
                modality = self.modality[more.group(0)]
            word_end = more.end()
        return modality, word_end

    @staticmethod
    def _pledges(text: str, sentence_start: int, match: re.Match[str], clause_end: int) -> bool:
        """Not an object-marking 将 (将X列为Y), not a forecast about the economy."""
        word = match.group(0)
        if word in ("将", "將") and _OBJECT_MARKER.search(text, match.end(), clause_end):
            return False
        if _SCHEDULED.search(text, match.end(), clause_end):
            return False  # a meeting scheduled (将于…举行) is no pledge
        if word in ("将", "將", "会", "會") and _ECONOMIC.search(
            text, sentence_start, match.start()
        ):
            return False
        before = text[sentence_start : match.start()]
        if _OTHERS.search(before) and not re.search(r"海关|海關|我们|我們", before):
            return False  # duties put on traders or travellers, advice to others: no pledge
        return not re.search(r"\d(?:\.\d+)?%", text[match.start() : clause_end])

    @staticmethod
    def _inherits(piece: str) -> bool:
        """A comma clause that continues the pledge: a bare VP, no figure, no new speaker."""
        body = piece.strip("，,；; ")
        return (
            len(body) >= 4
            and not re.search(r"\d", body)
            and not _SPEECH.search(body)
            and not body.startswith(("我们", "我們", "海关", "海關", "其中", "这", "這"))
        )

    @staticmethod
    def _item(text: str, start: int, end: int, modality: str, action: str) -> dict[str, Any]:
        return {
            "start": start,
            "end": end,
            "text": text[start:end],
            "modality": modality,
            "action": action.strip() or None,
        }

    @staticmethod
    def _deadline(dates: Starts, start: int, at: int, doc: Doc) -> str | None:
        """A DATE of the sentence before the trigger that times the action (2026年将…)."""
        before = [d for d in dates.between(start, at) if d.get("value")]
        pub = published(doc)
        for date in reversed(before):
            if pub is None or date["value"][:4] >= pub[:4]:
                return date["value"]
        return None

    @staticmethod
    def _actor(sentence: str) -> str:
        """The committing authority: China for 中国将…, else customs (the genre's speaker)."""
        if re.search(r"(?:中国|中國|我国|我國|中方)(?:将|將|愿|願|要)", sentence) and not re.search(
            r"海关|海關", sentence
        ):
            return "中国"
        return GAC


class ZhClaims:
    """Binds each MONEY/PERCENT/QUANTITY mention to kind, measure, period and speaker."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None):
        self.name = name
        lex: Lexicon = lexicon(data_dir)
        self.words = {r.surface: r for r in lex.claim_words}
        self.kind_word = re.compile(
            alternation([w for w, r in self.words.items() if r.kind != "edge"])
        )
        self.edge = re.compile(
            f"(?:{alternation([w for w, r in self.words.items() if r.kind == 'edge'])})+$"
        )
        self.counting = {r.unit for r in lex.units if r.kind != "unit"} | {
            r.lemma for r in lex.nouns
        }

    def __call__(self, doc: Doc) -> Doc:
        """Record claims in the Doc's state (anchors and periods by char key)."""
        text = doc_text(doc)
        bounds = Bounds(text)
        speakers = _speakers(doc, bounds)
        figures = mentions(doc, "MONEY", "PERCENT", "QUANTITY")
        segment_marks = [m.start() for m in _SEGMENT_MARK.finditer(text)]
        names = mentions(doc, "PROGRAM", "EVENT")
        # A release or meeting day (4月12日, 17日) never dates a figure; a year inside a name
        # (“清源2027”) dates only figures of its own sentence (§5, §7 carry-over).
        dates = [
            d
            for d in mentions(doc, "DATE")
            if not self._baseline(text, d) and len(d.get("value") or "") != 10
        ]
        carried = [d for d in dates if not any(n["start"] <= d["start"] < n["end"] for n in names)]
        pledged = bytearray(len(text) + 1)  # characters inside a commitment
        for c in state(doc).get("char_commitments", []):
            pledged[c["start"] : c["end"]] = b"\x01" * (c["end"] - c["start"])
        dates, carried = Starts(dates), Starts(carried)
        claims: list[dict[str, Any]] = []
        last_measure: str | None = None
        count_measure: str | None = None
        sentence_key, in_sentence = -1, []
        same_year_on_year = False
        for figure in figures:
            start = figure["start"]
            sentence_start, sentence_end = bounds.sentence(start)
            at = bisect_left(segment_marks, start)
            segment_start = segment_marks[at - 1] + 1 if at else 0
            if pledged[start]:
                continue
            if _NOT_CLAIM.search(text, segment_start, min(len(text), figure["end"] + 4)):
                continue
            period = self._period(text, figure, sentence_start, dates, carried)
            before = text[segment_start:start]
            for date in dates.between(segment_start, start):
                # A date in the phrase is the period, never part of the measure.
                a, b = date["start"] - segment_start, min(date["end"], start) - segment_start
                before = before[:a] + " " * (b - a) + before[b:]
            kind, direction = self._kind(figure, before)
            if sentence_start != sentence_key:
                sentence_key, in_sentence = sentence_start, []
            measure = self._measure(figure, before, in_sentence)
            if measure in ("案值", "货值", "貨值", "涉案货值", "涉案貨值"):
                measure = count_measure  # 案值 takes the case noun phrase (§5)
            if measure is None or kind == "share":
                measure = last_measure
            else:
                last_measure = measure
            if kind == "count":
                count_measure = measure
            in_sentence.append(measure)
            if "下同" in before or "下同" in text[sentence_start:start]:
                same_year_on_year = True
            claims.append(
                {
                    "anchor": key(figure),
                    "kind": kind,
                    "direction": direction,
                    "measure": measure,
                    "period": key(period),
                    "comparison": self._comparison(
                        text, sentence_start, start, kind, same_year_on_year
                    ),
                    "speaker": speakers.get(sentence_start),
                    "subject": self._subject(text, sentence_start, start),
                    "rule": "zh_claims",
                }
            )
        state(doc)["claims"] = claims
        return doc

    @staticmethod
    def _period(
        text: str,
        figure: dict[str, Any],
        sentence_start: int,
        dates: Starts,
        carried: Starts,
    ) -> dict[str, Any] | None:
        """The DATE of the figure's sentence, before it or later in its clause (§5).

        Else the last one before, carried, but not across the opening of a quotation
        (a new speaker's turn).
        """
        start = figure["start"]
        own = dates.between(sentence_start, start)
        if own:
            return own[-1]
        mark = _CLAUSE_MARK.search(text, figure["end"])
        clause_end = mark.start() if mark else len(text)
        after = dates.between(figure["end"], clause_end)
        if after:
            return after[0]
        line = text.rfind("\n", 0, sentence_start) + 1
        floor = line if text[line : line + 1] in ("“", '"') else 0
        return carried.last(floor, sentence_start)

    @staticmethod
    def _baseline(text: str, date: dict[str, Any]) -> bool:
        """A DATE that is a comparison's baseline (比上年, 较去年四季度), never a period."""
        return text[max(0, date["start"] - 1) : date["start"]] in (
            "比",
            "较",
            "較",
            "与",
            "與",
        ) or (date["text"].startswith("上年") or date["text"] == "去年同期")

    def _kind(self, figure: dict[str, Any], before: str) -> tuple[str, str | None]:
        if figure["label"] == "QUANTITY" and figure.get("unit") == "time":
            return "multiple", None
        words = list(self.kind_word.finditer(before))
        if words:
            row = self.words[words[-1].group(0)]
            if row.kind == "change":
                return "change", row.direction
            return row.kind, None
        if figure["label"] == "QUANTITY" and figure.get("unit") in self.counting:
            return "count", None
        return "level", None

    def _measure(self, figure: dict[str, Any], before: str, previous: list[Any]) -> str | None:
        """The noun phrase the figure measures, as written, trimmed of edges (§5).

        `previous` holds the measures of the sentence's earlier figures, for a 分别 list
        that refers back to them (案件372起，废物76.2万吨，分别下降a和b).
        """
        if figure["label"] == "QUANTITY" and re.search(r"[\u4e00-\u9fff]{2,}$", figure["text"]):
            noun = re.sub(r"^[0-9０-９.,，．]+[十百千万萬亿億]*[多余餘]?.", "", figure["text"])
            if len(noun) >= 2:
                return noun
        head, *tail = re.split(r"分别|分別", before)
        if tail:
            # "对A、B分别进出口x、y": the flow after 分别 is the measure, the items partners;
            # "A、B分别增长x%、y%": the nth figure measures the nth item.
            flow = self._trim(re.split(r"[0-9０-９]", tail[-1])[0])
            if flow:
                return flow
            index = len(re.findall(r"[0-9０-９]+(?:\.[0-9]+)?", tail[-1]))
            items = _items(self._trim(head))
            if not items:
                items = [m for m in previous if m]
            return items[index] if index < len(items) else None
        return self._trim(head) or None

    def _trim(self, phrase: str) -> str:
        """Cut a clause down to its measure: no dates, subjects, verbs, statistic words."""
        cut = [m for m in self.kind_word.finditer(phrase) if self.words[m.group(0)].kind != "rate"]
        if cut:
            phrase = phrase[: cut[0].start()]
        for pattern in _NOT_MEASURE:
            phrase = pattern.sub("", phrase.strip())
        phrase = _CONNECTIVE.sub("", phrase.strip())
        phrase = _SUBJECT.sub("", phrase)
        phrase = _PARTNER.sub("", phrase)
        phrase = _VERB_END.sub("", phrase)
        phrase = self.edge.sub("", phrase)
        phrase = phrase.strip(' 的“”"、')
        return phrase if len(phrase) >= 2 else ""

    @staticmethod
    def _comparison(text: str, start: int, at: int, kind: str, carried: bool) -> str | None:
        if kind not in ("change", "multiple"):
            return None
        found = re.findall(
            r"同比|环比|環比|按年|按月|(?<=[比较較])(?:上年|去年[^\s，,增下提加]{0,4})",
            text[start:at],
        )
        if found:
            return found[-1]
        return "同比" if carried else None

    @staticmethod
    def _subject(text: str, start: int, at: int) -> str | None:
        partner = re.search(
            r"(?:对|對)([^，,。进出進]{1,12}?)(?:进出口|進出口|出口|进口|進口)", text[start:at]
        )
        if partner:
            return partner.group(1).replace("共建", "") or None
        if re.search(r"我国|我國|中国|中國", text[start:at]):
            return "中国"
        return None


@Language.factory(
    "textfacts_zh_commitments", default_config={"data_dir": None}, assigns=["doc._.textfacts_state"]
)
def make_zh_commitments(nlp: Language, name: str, data_dir: str | None) -> ZhCommitments:
    """Factory for the Chinese commitments component."""
    return ZhCommitments(nlp, name, data_dir)


@Language.factory(
    "textfacts_zh_claims", default_config={"data_dir": None}, assigns=["doc._.textfacts_state"]
)
def make_zh_claims(nlp: Language, name: str, data_dir: str | None) -> ZhClaims:
    """Factory for the Chinese claims component."""
    return ZhClaims(nlp, name, data_dir)
