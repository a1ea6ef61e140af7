"""textfacts_zh_dates: DATE mentions in Chinese text, resolved against the publication date.

Forms and values live in `normalize.zh_dates`; this component decides which matches are dates
in context (a bare `17日` is a date, `30日内` a duration) and which year a year-less part
belongs to: the year its sentence states, else the publication year (ANNOTATION-zh.md §2).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._zh import Bounds, add_mention, doc_text, published
from textfacts.extensions import state
from textfacts.normalize.zh_dates import DATE, iso, resolve

_EXPLICIT_YEAR = re.compile(r"((?:19|20)\d\d)年")
# A day count, not a day of the month: 30日内, 每日, 连续5日.
_NOT_DAY_AFTER = ("内", "內", "以内", "以內", "之内", "後", "后", "左右", "以上")
# 〔2025〕17号 is a document number.
_NOT_DAY_BEFORE = (
    "每",
    "连续",
    "連續",
    "近",
    "约",
    "約",
    "第",
    "超过",
    "超過",
    "用时",
    "用時",
    "〕",
    "]",
)
# A weekday in brackets after a date names the same day.
_WEEKDAY = re.compile(r"\s?[（(]?\s?(星期[一二三四五六日天]|周[一二三四五六日])")
# Anaphors and vague references that are not dates (§2): 同期 alone, 历史同期.
_SKIP = {"同期", "上年同期"}
_PRINTED = re.compile(r"((?:19|20)\d\d)\s?[-年/.]\s?(\d{1,2})\s?[-月/.]\s?(\d{1,2})(?!\d)")
HEAD_CHARS = 400  # the page head: headline, source line, date


class ZhDates:
    """Finds DATE spans and resolves each with the year its sentence states."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Record DATE mentions (char-level) with ISO values or null."""
        text = doc_text(doc)
        pub = published(doc) or self._printed_date(doc, text)
        bounds = Bounds(text)
        last_year: int | None = None
        last_value: str | None = None
        for match in DATE.finditer(text):
            surface, start, end = match.group(0), match.start(), match.end()
            if surface in _SKIP or text[max(0, start - 2) : start] in ("历史", "歷史"):
                continue
            if start and (text[start - 1].isdigit() or text[start - 1] in ".．"):
                continue
            if match.lastgroup == "day" and (
                text.startswith(_NOT_DAY_AFTER, end) or text.endswith(_NOT_DAY_BEFORE, 0, start)
            ):
                continue
            sentence_start, _ = bounds.sentence(start)
            stated = _EXPLICIT_YEAR.findall(text[sentence_start:start])
            year = int(stated[-1]) if stated else None
            if surface.startswith(("上年", "当年", "當年")) and year is None:
                year = last_year
            value = resolve(surface, pub, year=year, period=last_value)
            add_mention(doc, "DATE", start, end, value=value, rule=f"zh_dates.{match.lastgroup}")
            weekday = _WEEKDAY.match(text, end)
            if weekday and value:
                add_mention(
                    doc,
                    "DATE",
                    weekday.start(1),
                    weekday.end(1),
                    value=value,
                    rule="zh_dates.weekday",
                )
            own_year = _EXPLICIT_YEAR.match(surface)
            if own_year:
                last_year = int(own_year.group(1))
            if value and not surface.startswith(("上年", "去年同期")):
                last_value = value
        return doc

    @staticmethod
    def _printed_date(doc: Doc, text: str) -> str | None:
        """A full date printed in the page head (`2024年04月12日 08:21`, `2024-04-12`).

        Chinese news pages print one under the headline; datelines (北京4月12日电) carry no
        year, so without a printed date or a caller's date relative forms stay null.
        """
        match = _PRINTED.search(text, 0, HEAD_CHARS)
        if match is None:
            return None
        value = iso(*(int(g) for g in match.groups()))
        if value is not None:
            state(doc).setdefault("meta", {})["published"] = value
        return value


@Language.factory("textfacts_zh_dates", default_config={}, assigns=["doc._.textfacts_state"])
def make_zh_dates(nlp: Language, name: str) -> ZhDates:
    """Factory for the Chinese DATE component."""
    return ZhDates(nlp, name)
