"""textfacts_zh_entities: names in Chinese text from the model's gazetteers and a few shapes.

Gazetteer aliases (both scripts) give ORG/GPE/LOC/PROGRAM/EVENT with canonical names;
GAC and SCIO variants map to the English canonicals (ANNOTATION-zh.md §3). Shapes the genre
repeats add names no list holds: a place + 海关 (a customs house), an ORG + its unit ending in
司/局, 《...》 titles (laws, agreements; outlets when they end in 报), quoted campaigns
(“...”行动), quoted briefing series. PERSON: a 2-3 character name after a title (署长,
新闻发言人, 记者 ...) or opening a transcript turn (`李明：`); later bare repeats too.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._zh import Lexicon, add_mention, alternation, doc_text, lexicon, mentions

HAN = r"[\u4e00-\u9fff]"
_UNIT = re.compile(rf"{HAN}{{2,10}}?(?:司|局|办公室|辦公室)(?![长長])")
_TITLE_QUOTE = re.compile(r"《([^《》\n]{2,40})》")
_CAMPAIGN = re.compile(
    r"[“「]([^“”「」\n]{2,14})[”」](?=(?:联合|聯合)?(?:专项|專項)?(?:行动|行動))"
)
_GOVERNMENT = re.compile(
    r"(?:省|市|自治区|自治區)?(?:人民政府|政府)(?:办公厅|辦公廳|办公室|辦公室)?"
)
_ADMIN_SUFFIX = re.compile(r"(?:省|市|自治区|自治區|特别行政区|特別行政區)(?!场|場|民|长|長|委)")
_SERIES = re.compile(r"“[^“”\n]{2,10}”系列(?:新闻发布会|新聞發布會|发布会|發布會)")
_ZONE = (
    r"(?:自贸试验区|自貿試驗區|自由贸易试验区|自由貿易試驗區|综合保税区|綜合保稅區|保税区|保稅區)"
)
# Characters that end a name: verbs of saying, prepositions, punctuation, dates.
_NAME_STOP = set("在说說表介指称稱强強回答日等和与與也还還就对對认認透向将將今昨出主接提代会會")
_HAN_CHAR = re.compile(HAN)
# Words that follow a speaker's name in the genre.
_AFTER_NAME = re.compile(
    r"表示|说|說|説|介绍|介紹|指出|出席|主持|会见|會見|会同|會同|回答|答|强调|強調|在|称|稱|透露|就|"
    r"日前|近日|今天|今日|昨天|昨日|也|还|還|对|對|等|和|与|與|率|带队|帶隊|宣布|致辞|致辭|发表|發表|"
    r"讲话|講話|通报|通報|接受|签署|簽署|同志|先生|女士|作|做|向|到|参加|參加|应邀|應邀|为|為|主讲|"
    r"分析|解读|解讀|认为|認為|提出|坦言|谈|談|来|來|从|從|于|於|报道|報道|摄|攝|的|是|同|会|會|"
    r"将|將|要|已|曾|一行|陪同|调研|調研|考察|视察|視察|访问|訪問|会议|會議|讲|講|称赞|稱讚"
)
# Characters no two-character name ends in (a title followed by a verb: 发言人表示).
_NOT_NAME_END = set("在说說表和与與也就对對等称稱")
_OUTLET_END = ("日报", "日報", "晚报", "晚報", "时报", "時報", "报", "報")


class ZhEntities:
    """Gazetteer and shape matches for the names layer, then people with their roles."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None):
        self.name = name
        lex: Lexicon = lexicon(data_dir)
        self.alias: dict[str, Any] = {}
        for row in lex.names:
            for alias in row.aliases:
                self.alias.setdefault(alias, row)
        self.names = re.compile(alternation(list(self.alias)))
        # A short form's canonical is the row's longest alias holding it (二十届四中全会 -> 党的…).
        self.full = {
            alias: max((a for a in row.aliases if alias in a), key=len)
            for alias, row in self.alias.items()
        }
        self.gac_bare = {"海关", "海關"}
        self.generic_before = [r.surface for r in lex.bare_customs if r.side == "before"]
        self.generic_after = [r.surface for r in lex.bare_customs if r.side == "after"]
        self.titles = re.compile(alternation([r.surface for r in lex.titles]))
        surnames = alternation([r.surname for r in lex.surnames])
        self.name_at = re.compile(rf"(?P<surname>{surnames}){HAN}{{1,2}}")
        self.turn = re.compile(rf"^[ \t]*((?:{surnames}){HAN}{{1,2}})[：:]", re.MULTILINE)

    def __call__(self, doc: Doc) -> Doc:
        """Record ORG/GPE/LOC/PROGRAM/EVENT and PERSON mentions (char-level)."""
        text = doc_text(doc)
        found = self._gazetteer(text) + self._shapes(text)
        kept: list[dict[str, Any]] = []
        busy = bytearray(len(text))  # longest names first; a shorter one inside them drops
        for item in sorted(found, key=lambda m: (-(m["end"] - m["start"]), m["start"])):
            if not any(busy[item["start"] : item["end"]]):
                busy[item["start"] : item["end"]] = b"\x01" * (item["end"] - item["start"])
                kept.append(item)
        for item in kept:
            add_mention(doc, item.pop("label"), item.pop("start"), item.pop("end"), **item)
        self._people(doc, text)
        return doc

    def _gazetteer(self, text: str) -> list[dict[str, Any]]:
        found = []
        for match in self.names.finditer(text):
            surface, start, end = match.group(0), match.start(), match.end()
            row = self.alias[surface]
            if surface in self.gac_bare and self._generic(text, start, end):
                continue
            if row.label == "GPE" and text.startswith(("式", "特色"), end):
                continue
            if row.label == "GPE" and (government := _GOVERNMENT.match(text, end)):
                # 深圳市人民政府(办公厅): one ORG at the outer level (§3).
                found.append(_item("ORG", start, government.end(), None, "zh.government", text))
                continue
            if row.label == "GPE" and (suffix := _ADMIN_SUFFIX.match(text, end)):
                end = suffix.end()  # 广东省, 深圳市: the name as written
                found.append(_item("GPE", start, end, text[start:end], f"zh.{row.id}"))
                continue
            if row.label == "GPE" and text.startswith(("海关", "海關"), end):
                # A named customs house (上海海关) is its own ORG, canonical as written.
                found.append(
                    _item("ORG", start, end + 2, text[start : end + 2], "zh.customs_house")
                )
                continue
            if row.label == "GPE" and (zone := re.match(_ZONE, text[end:])):
                found.append(_item("LOC", start, end + zone.end(), None, "zh.zone", text))
                continue
            if row.label == "ORG" and (unit := _UNIT.match(text, end)):
                if not re.search(r"[，。、\s\d]", unit.group(0)):
                    found.append(_item("ORG", start, unit.end(), None, "zh.org_unit", text))
                    continue
            if row.label == "EVENT" and re.search(
                r"(?:19|20)\d\d年$", text[max(0, start - 5) : start]
            ):
                start -= 5
                found.append(_item("EVENT", start, end, None, "zh.dated_event", text))
                continue
            if text.startswith(("猪瘟", "豬瘟"), end):
                continue  # 非洲猪瘟 names a disease, a genre staple of quarantine notices
            # Canonicals keep the text's own name and script, except the GAC and SCIO (§3);
            # a short form takes the full alias that contains it (二十届四中全会 -> 党的…).
            canonical = row.canonical
            if row.id not in ("org.gac", "org.scio"):
                canonical = self.full[surface]
            item = _item(row.label, start, end, canonical, f"zh.{row.id}")
            if row.label == "PERSON":
                item.update(role=None, org=None)
            found.append(item)
        return found

    def _generic(self, text: str, start: int, end: int) -> bool:
        """Bare 海关 as a generic or premodifier (各国海关, 海关监管): not a mention (§3)."""
        before, after = text[max(0, start - 4) : start], text[end : end + 8]
        return any(before.endswith(w) for w in self.generic_before) or any(
            after.startswith(w) for w in self.generic_after
        )

    def _shapes(self, text: str) -> list[dict[str, Any]]:
        found = []
        for match in _TITLE_QUOTE.finditer(text):
            inner = match.group(1)
            label = "ORG" if inner.endswith(_OUTLET_END) else "PROGRAM"
            found.append(_item(label, match.start(1), match.end(1), inner, "zh.title_quote"))
        for match in _CAMPAIGN.finditer(text):
            found.append(
                _item("PROGRAM", match.start(1), match.end(1), match.group(1), "zh.campaign")
            )
        for match in _SERIES.finditer(text):
            found.append(_item("EVENT", match.start(), match.end(), match.group(0), "zh.series"))
        for match in re.finditer(rf"{HAN}{{2,8}}?司(?=(?:副)?司[长長])", text):
            found.append(_item("ORG", match.start(), match.end(), match.group(0), "zh.unit"))
        return found

    def _people(self, doc: Doc, text: str) -> None:
        orgs = {m["end"]: m for m in mentions(doc, "ORG")}
        people: dict[str, None] = {}
        taken = bytearray(len(text))  # characters already in a name
        for m in mentions(doc):
            if m["label"] not in ("DATE", "MONEY", "PERCENT", "QUANTITY"):
                taken[m["start"] : m["end"]] = b"\x01" * (m["end"] - m["start"])
        known = {m["start"]: m for m in mentions(doc, "PERSON")}  # gazetteer people

        def person(at: int, name: str, role: Any, org: Any, rule: str) -> None:
            """A PERSON mention; its characters are taken and its name is known from now on."""
            add_mention(
                doc, "PERSON", at, at + len(name), canonical=name, role=role, org=org, rule=rule
            )
            taken[at : at + len(name)] = b"\x01" * len(name)
            people.setdefault(name)

        for title in self.titles.finditer(text):
            if title.end() in known:  # 国家主席习近平: a known name takes the title before it
                role, org = self._role(text, title.start(), title.group(0), orgs)
                known[title.end()].update(role=role, org=org)
                continue
            at = title.end()
            while at < len(text) and text[at] in " ：:\u3000":
                at += 1
            name = self._name(text, at)
            if name is not None and re.search("[：:]", text[title.end() : at]):
                # 编辑：王芳 is a credit; 记者：谢谢 opens a turn whose speech is no name.
                after = text[at + len(name) : at + len(name) + 1]
                if after and after not in " \n\u3000)）、，,":
                    name = None
            if name is None or any(taken[at : at + len(name)]):
                continue
            role, org = self._role(text, title.start(), title.group(0), orgs)
            person(at, name, role, org, "zh.title_name")
        for match in self.turn.finditer(text):
            name = match.group(1)
            start = match.start(1)
            if name[-1] in _NAME_STOP or any(taken[start : start + len(name)]):
                continue
            person(start, name, None, None, "zh.turn_label")
        if people:
            for match in re.finditer(alternation(list(people)), text):
                start, end = match.span()
                if any(taken[start:end]):
                    continue
                add_mention(
                    doc,
                    "PERSON",
                    start,
                    end,
                    canonical=match.group(0),
                    role=None,
                    org=None,
                    rule="zh.repeat",
                )
                taken[start:end] = b"\x01" * (end - start)

    def _name(self, text: str, at: int) -> str | None:
        """A 2-3 character personal name starting at `at`, or None.

        The name must end where the genre ends one: punctuation, a digit, a space, or a word
        that follows a speaker (表示, 介绍, 在, 出席 …). So 发言人高度评价 gives no 高度评.
        """
        match = self.name_at.match(text, at)
        if match is None:
            return None
        name, shortest = match.group(0), len(match.group("surname")) + 1
        for candidate in (name, name[:shortest]) if len(name) > shortest else (name,):
            end = at + len(candidate)
            if candidate[-1] in _NOT_NAME_END:
                continue
            if end >= len(text) or not _HAN_CHAR.match(text, end) or _AFTER_NAME.match(text, end):
                return candidate
        return None

    def _role(
        self, text: str, title_start: int, title: str, orgs: dict[int, dict[str, Any]]
    ) -> tuple[str, list[Any] | None]:
        """The first title of a chain (发言人、司长李明 → 发言人) and the ORG written before it."""
        role, start = title, title_start
        while True:
            org = orgs.get(start)
            head = org["start"] if org else start
            if head and text[head - 1] == "、":
                earlier = None
                for match in self.titles.finditer(text, max(0, head - 12), head - 1):
                    if match.end() == head - 1:
                        earlier = match
                if earlier is not None:
                    role, start = earlier.group(0), earlier.start()
                    continue
            break
        org = orgs.get(start)
        if org is None and role in ("记者", "記者"):
            line_start = text.rfind("\n", 0, start) + 1
            in_line = sorted(
                (o for o in orgs.values() if line_start <= o["start"] < start),
                key=lambda o: o["start"],
            )
            org = in_line[0] if in_line else None
        return role, ([org["start"], org["end"], "ORG"] if org else None)


def _item(
    label: str, start: int, end: int, canonical: str | None, rule: str, text: str | None = None
) -> dict[str, Any]:
    if canonical is None and text is not None:
        canonical = text[start:end]
    return {"label": label, "start": start, "end": end, "canonical": canonical, "rule": rule}


@Language.factory(
    "textfacts_zh_entities", default_config={"data_dir": None}, assigns=["doc._.textfacts_state"]
)
def make_zh_entities(nlp: Language, name: str, data_dir: str | None) -> ZhEntities:
    """Factory for the Chinese names component."""
    return ZhEntities(nlp, name, data_dir)
