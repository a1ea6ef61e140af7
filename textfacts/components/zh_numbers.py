"""textfacts_zh_numbers: MONEY, PERCENT and QUANTITY in Chinese text (ANNOTATION-zh.md §1).

A figure is digits, an optional range end, a scale word (万/亿/万亿, 萬/億), an infixed 多/余,
then what completes it: %, 个百分点, a currency, a unit, or a classifier with its counted noun.
Qualifiers (约, 近, 超过, 以上 ...) stay outside the span and set `bound`. Numbers inside a DATE
(recorded first), ordinals (第3), document numbers (17号) and clock times are not figures.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._zh import (
    CLAUSE_END,
    Lexicon,
    add_mention,
    alternation,
    doc_text,
    lexicon,
)
from textfacts.normalize.zh_numbers import ascii_digits, parse_digits, scale_of, scaled, tenths

NUM = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
# 千 of 千克/千米 is part of the unit, not a scale (52億噸 is tons, 45千克 kilograms).
SCALE = r"(?:[十百千万萬亿億](?![克米瓦]))*"
_RANGE = r"\s?(?:-|—|－|–|~|～|至|到)\s?"
_PP = r"(?:[个個])?(?:百分点|百分點)"
_NOT_AFTER = ("号", "號", "版", "时", "時", ":", "：", "〕", "]", "期", "届", "屆", "次会")


class ZhNumbers:
    """Finds Chinese figures and normalises value, unit and bound."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None):
        self.name = name
        lex: Lexicon = lexicon(data_dir)
        self.currency = {r.surface: r.iso for r in lex.currencies}
        self.units = {r.surface: r for r in lex.units}
        self.nouns = {r.surface: r.lemma for r in lex.nouns}
        self.before = sorted(
            (r for r in lex.bounds if r.position == "before"), key=lambda r: -len(r.surface)
        )
        self.after = sorted(
            (r for r in lex.bounds if r.position == "after"), key=lambda r: -len(r.surface)
        )
        self.after_bound = {r.surface: r.bound for r in self.after}
        self.before_bound = {r.surface: r.bound for r in self.before}
        self.after_re = re.compile(alternation(list(self.after_bound)))
        self.before_re = re.compile(f"(?:{alternation(list(self.before_bound))})$")
        currency = alternation(list(self.currency))
        self.figure = re.compile(
            rf"(?P<num>{NUM})(?:{_RANGE}(?P<num2>{NUM}))?(?P<scale>{SCALE})(?P<infix>多|余|餘)?"
            rf"(?P<tail>%|％|{_PP}|{currency}|{alternation(list(self.units))}|成)?"
        )
        self.percent_words = re.compile(rf"百分之(?P<num>{NUM})")
        self.shared_currency = re.compile(
            rf"(?:\s?[、和及与與]\s?{NUM}{SCALE})*\s?[、和及与與]\s?{NUM}{SCALE}(?P<cur>{currency})"
        )
        self.shared_pp = re.compile(rf"(?:、{NUM}[个個])*、{NUM}{_PP}")
        self.noun = re.compile(alternation(list(self.nouns)))

    def __call__(self, doc: Doc) -> Doc:
        """Record MONEY/PERCENT/QUANTITY mentions (char-level)."""
        from textfacts.components._zh import mentions

        text = doc_text(doc)
        taken = bytearray(len(text))  # characters already in a DATE or a figure
        for date in mentions(doc, "DATE"):
            taken[date["start"] : date["end"]] = b"\x01" * (date["end"] - date["start"])
        for match in self.percent_words.finditer(text):
            value = parse_digits(match.group("num"))
            self._add(
                doc,
                "PERCENT",
                match.start(),
                match.end(),
                value,
                "percent",
                taken,
                "zh_numbers.percent_words",
            )
        for match in self.figure.finditer(text):
            start = match.start()
            if start and (text[start - 1].isdigit() or text[start - 1] in ".．第"):
                continue
            if taken[start]:
                continue
            item = self._figure(text, match)
            if item is not None:
                label, end, value, unit, extra = item
                self._add(doc, label, start, end, value, unit, taken, extra.pop("rule"), **extra)
        return doc

    def _figure(self, text: str, match: re.Match[str]) -> tuple[Any, ...] | None:
        """(label, end, value, unit, extra attrs) of one figure, or None if it is not one."""
        num, scale, tail = match.group("num"), match.group("scale"), match.group("tail")
        end = match.end()
        if text.startswith(_NOT_AFTER, end) and not tail:
            return None
        extra: dict[str, Any] = {}
        if match.group("num2"):
            extra["value_max"] = scaled(match.group("num2"), scale)
        if match.group("infix"):
            extra["bound"] = "at_least"
        value = scaled(num, scale)
        if tail in ("%", "％"):
            return "PERCENT", end, parse_digits(num), "percent", {**extra, "rule": "zh.percent"}
        if tail and re.fullmatch(_PP, tail):
            return (
                "PERCENT",
                end,
                parse_digits(num),
                "percentage_point",
                {**extra, "rule": "zh.percentage_point"},
            )
        if tail == "成":
            if text[end : end + 1] in ("员", "員", "本", "果", "功", "立", "交", "为", "為", "熟"):
                return None
            return "PERCENT", end, tenths(num), "percent", {**extra, "rule": "zh.tenths"}
        if tail in self.currency:
            return "MONEY", end, value, self.currency[tail], {**extra, "rule": "zh.money"}
        if tail in ("个", "個"):
            shared = self.shared_pp.match(text, end)
            if shared:
                return (
                    "PERCENT",
                    end,
                    parse_digits(num),
                    "percentage_point",
                    {**extra, "rule": "zh.shared_percentage_point"},
                )
        if tail in self.units:
            return self._quantity(text, match, value, tail, extra)
        if scale and scale_of(scale):
            shared = self.shared_currency.match(text, end)
            if shared:
                return (
                    "MONEY",
                    end,
                    value,
                    self.currency[shared.group("cur")],
                    {**extra, "rule": "zh.shared_currency"},
                )
            # 6亿多进境人员: a scaled count right before a short phrase ending in its noun.
            after = self._noun_after(text, end)
            if after is not None and after[0] - end <= 6:
                return "QUANTITY", after[0], value, after[1], {**extra, "rule": "zh.scaled_noun"}
        return None

    def _quantity(
        self, text: str, match: re.Match[str], value: float | None, tail: str, extra: dict[str, Any]
    ) -> tuple[Any, ...]:
        row = self.units[tail]
        end = match.end()
        if row.kind == "unit":
            return "QUANTITY", end, value, row.unit, {**extra, "rule": "zh.unit"}
        after = self._noun_after(text, end)
        if after is not None:
            noun_end, lemma = after
            return "QUANTITY", noun_end, value, lemma, {**extra, "rule": "zh.counted_noun"}
        if row.kind == "classifier":
            lemma = self._noun_before(text, match.start())
            if lemma is not None:
                return "QUANTITY", end, value, lemma, {**extra, "rule": "zh.noun_before"}
        return "QUANTITY", end, value, row.unit, {**extra, "rule": "zh.classifier"}

    def _noun_after(self, text: str, end: int) -> tuple[int, str] | None:
        """End and lemma of the counted noun after a classifier, within its clause."""
        window_end = end
        while (
            window_end < len(text)
            and window_end - end < 14
            and text[window_end] not in (CLAUSE_END + '（(“”"《》 ')
            and not text[window_end].isdigit()
        ):
            window_end += 1
        found = self.noun.search(text, end, window_end)
        if found is None:
            return None
        noun_end, lemma = found.end(), self.nouns[found.group(0)]
        while (more := self.noun.match(text, noun_end, window_end)) is not None:
            noun_end, lemma = more.end(), self.nouns[more.group(0)]
        # Coordinated counted nouns take the whole coordination: 国家和地区 -> country and region.
        joined = re.match(r"[和及与與]", text[noun_end : noun_end + 1])
        if joined and (more := self.noun.match(text, noun_end + 1)) is not None:
            other = self.nouns[more.group(0)]
            if other != lemma:
                noun_end, lemma = more.end(), f"{lemma} and {other}"
        return noun_end, lemma

    def _noun_before(self, text: str, start: int) -> str | None:
        """Lemma of a counted noun closing the words just before the figure (案件829起)."""
        begin = start
        while begin > 0 and start - begin < 12 and text[begin - 1] not in CLAUSE_END:
            begin -= 1
        found = None
        for match in self.noun.finditer(text, begin, start):
            found = match
        if found is None or start - found.end() > 2:
            return None
        return self.nouns[found.group(0)]

    def _add(
        self,
        doc: Doc,
        label: str,
        start: int,
        end: int,
        value: float | None,
        unit: str,
        taken: bytearray,
        rule: str,
        **extra: Any,
    ) -> None:
        if value is None or any(taken[start:end]):
            return
        bound = extra.pop("bound", None) or self._bound(doc_text(doc), start, end)
        add_mention(
            doc,
            label,
            start,
            end,
            value=value,
            unit=unit,
            bound=bound,
            rule=rule,
            **{k: v for k, v in extra.items() if v is not None},
        )
        taken[start:end] = b"\x01" * (end - start)

    def _bound(self, text: str, start: int, end: int) -> str:
        """The qualifier's bound: before the figure (约, 超过, 近) or after it (左右, 以上)."""
        after = self.after_re.match(text, end)
        if after:
            return self.after_bound[after.group(0)]
        if text.startswith(("多", "余", "餘"), end):
            return "at_least"
        before = self.before_re.search(text, max(0, start - 6), start)
        return self.before_bound[before.group(0)] if before else "exact"


@Language.factory(
    "textfacts_zh_numbers", default_config={"data_dir": None}, assigns=["doc._.textfacts_state"]
)
def make_zh_numbers(nlp: Language, name: str, data_dir: str | None) -> ZhNumbers:
    """Factory for the Chinese figures component."""
    return ZhNumbers(nlp, name, data_dir)


__all__ = ["ZhNumbers", "ascii_digits", "make_zh_numbers"]
