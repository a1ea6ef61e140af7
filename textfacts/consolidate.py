"""Cross-document fact groups, conflicts between reports, and inconsistencies inside one.

Which reports state the same figure, which disagree, and which figures a careful reader
would find inconsistent inside one report.

Input is `textfacts extract` output (or gold records): Documents with mentions and claims.
Two claims report the same fact when their kind, unit and period agree and their measures
say the same thing once normalised ("import and export volume of China with other APEC
economies" = "... value ..."; "imported and exported goods" = "imports and exports").
Amounts in different currencies are never compared unless the document states the rate.
Their values agree when the intervals they state overlap:
an exact figure stands for everything that rounds to it ("125 trillion" covers 125.49
trillion), "over 100" is [100, ∞), "nearly 60%" is (-∞, 60]; so "over 100" and "more than 130"
attendees agree, while exact 125.49 and exact 120 trillion conflict.
No spaCy here: the consolidator reads JSON records only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from textfacts.schema import Document, read_jsonl
from textfacts.script import language_of

# CNY per USD: the official central parity has stayed within 6.0–7.4 since 2014 and was
# 8.28 before the 2005 reform; a conversion outside 6.0–8.3 is a typo or a wrong unit.
CNY_PER_USD = (6.0, 8.3)
APPROX_SLACK = 0.10  # "about 6 trillion": within 10 % of the stated figure
MEASURE_SIMILARITY = 0.6  # Jaccard of normalised measure words for "the same measure"
_LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
SHARE_TOLERANCE = 1.0  # percentage points allowed between a stated and a computed share
LEAD_CHARS = 600  # headline, dateline and lead paragraph of a release

_STOP = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "in",
    "on",
    "for",
    "to",
    "with",
    "by",
    "from",
    "at",
    "its",
    "their",
    "our",
    "my",
    "total",
    "overall",
    "country",
    "country's",
    "china",
    "china's",
    "national",
    "between",
    "other",
    "s",
}
# Genre synonyms: releases alternate these words for the same statistic.
_SYNONYMS = {
    "volume": "value",
    "values": "value",
    "imports": "import",
    "exports": "export",
    "imported": "import",
    "exported": "export",
    "trading": "trade",
    "representative": "representatives",
    "economy": "economies",
}


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _zh_terms() -> tuple[re.Pattern[str], dict[str, str]]:
    """Chinese measure words → English words (customs-zh lexicons/measures.tsv)."""
    from pydantic import BaseModel

    from textfacts.resources import model_dir, read_tsv

    class _Row(BaseModel):
        surface: str
        words: str
        example: str

    rows = read_tsv(model_dir("customs-zh") / "lexicons" / "measures.tsv", _Row)
    table = {r.surface: r.words for r in rows}
    pattern = "|".join(re.escape(w) for w in sorted(table, key=lambda w: (-len(w), w)))
    return re.compile(pattern), table


def _english_words(measure: str) -> str:
    """A Chinese measure in the English words of the same statistic: 进出口 → "import export value".

    Characters no table word covers become bigram tokens, so two Chinese measures still compare.
    """
    pattern, table = _zh_terms()
    words = [table[m.group(0)] for m in pattern.finditer(measure)]
    for rest in _HAN.findall(pattern.sub(" ", measure)):
        words.extend(f"zh{ord(a)}x{ord(b)}" for a, b in zip(rest, rest[1:], strict=False))
    return " ".join(words)


# Words that say how a trade statistic is counted or where, not what is counted: "imported and
# exported goods", "import and export value", "cargo under customs supervision".
_FILLER = frozenset(
    {
        "goods",
        "value",
        "volume",
        "merchandise",
        "commodity",
        "commodities",
        "cargo",
        "cargoes",
        "freight",
        "foreign",
        "customs",
        "supervision",
        "under",
        "supervised",
        "overseen",
        "handled",
        "annual",
        "average",
    }
)
_TRADE = frozenset({"import", "export"})
_GOODS = frozenset({"goods", "merchandise", "commodities", "cargo", "cargoes", "freight"})


def measure_key(measure: str | None) -> frozenset[str]:
    """Canonical meaning of a measure: "Total import and export volume" → {import, export}.

    Releases name a country's whole trade many ways ("foreign trade", "imports and exports",
    "imported and exported goods", "goods under customs supervision"): all become
    {import, export}; "imported goods" and "imports" both {import}. A qualified measure keeps
    its qualifier ("trade surplus" stays apart from "exports").
    """
    if measure and _HAN.search(measure):
        measure = _english_words(measure)  # 进出口 → "import export value" (customs-zh table)
    words = re.findall(r"[a-z0-9]+(?:'s)?", (measure or "").lower().replace("’", "'"))
    out = set()
    for word in words:
        word = word.removesuffix("'s")
        if word in _STOP:
            continue
        out.add(_SYNONYMS.get(word, word))
    core = frozenset(out) - _FILLER
    if core in ({"trade"}, _TRADE, _TRADE | {"trade"}) or (not core and out & _GOODS):
        return _TRADE
    return core or frozenset(out)


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two measure keys name the same statistic (Jaccard ≥ MEASURE_SIMILARITY)."""
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= MEASURE_SIMILARITY


def day_range(value: str | None) -> tuple[str, str] | None:
    """ISO value or interval → first and last day: "2021/2025" → ("2021-01-01", "2025-12-31")."""
    if not value:
        return None

    def bounds(part: str) -> tuple[date, date]:
        bits = [int(b) for b in part.split("-")]
        if len(bits) == 1:
            return date(bits[0], 1, 1), date(bits[0], 12, 31)
        if len(bits) == 2:
            first = date(bits[0], bits[1], 1)
            nxt = date(bits[0] + 1, 1, 1) if bits[1] == 12 else date(bits[0], bits[1] + 1, 1)
            return first, nxt - timedelta(days=1)
        day = date(*bits[:3])
        return day, day

    try:
        parts = value.split("/")
        return bounds(parts[0])[0].isoformat(), bounds(parts[-1])[1].isoformat()
    except ValueError:
        return None


def interval(
    value: float, bound: str, text: str, value_max: float | None = None
) -> tuple[float, float]:
    """The values a stated figure allows: "125 trillion" (exact) → [124.5e12, 125.5e12]."""
    if value_max is not None:
        return value, value_max
    written = re.search(r"\d[\d,]*(?:\.(\d+))?", text)
    half = 0.0
    if written:
        number = float(written.group().replace(",", ""))
        decimals = len(written.group(1) or "")
        scale = value / number if number else 1.0
        half = 0.5 * 10 ** (-decimals) * abs(scale)
    if bound == "at_least":
        return value - half, math.inf
    if bound == "at_most":
        return -math.inf, value + half
    if bound == "approx":
        slack = max(half, abs(value) * APPROX_SLACK)
        return value - slack, value + slack
    return value - half, value + half


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value intervals overlap."""
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class Fact:
    """One claim with what consolidation needs from its document."""

    doc_id: str
    claim_id: str
    label: str
    text: str
    start: int
    end: int
    value: float
    unit: str
    bound: str
    kind: str | None
    measure: str | None
    key: frozenset[str]
    period: tuple[str, str] | None
    period_text: str | None
    interval: tuple[float, float]
    events: frozenset[str] = field(default_factory=frozenset)
    published: str | None = None
    lang: str = "en"

    def source(self) -> dict[str, Any]:
        """The JSON source entry of a fact group."""
        return {
            "doc_id": self.doc_id,
            "claim": self.claim_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "bound": self.bound,
            "measure": self.measure,
            "period": self.period_text,
        }


def facts_of(document: Document) -> list[Fact]:
    """The claims of a document as Facts (claims whose anchor has a value)."""
    # The occasion a release reports is named in its headline or lead; an event mentioned
    # further down ("since the 18th CPC National Congress", "at last year's expo") is not it.
    events = frozenset(
        m.canonical or m.text
        for m in document.mentions
        if m.label == "EVENT" and m.start < LEAD_CHARS
    )
    lang = language_of(document.text or " ".join(c.measure or "" for c in document.claims)) or "en"
    out = []
    for claim in document.claims:
        anchor = document.mention(claim.anchor)
        if anchor is None or getattr(anchor, "value", None) is None:
            continue
        period = document.mention(claim.period)
        out.append(
            Fact(
                doc_id=document.doc_id,
                claim_id=claim.id,
                label=anchor.label,
                text=anchor.text,
                start=anchor.start,
                end=anchor.end,
                value=float(anchor.value),
                unit=anchor.unit,
                bound=anchor.bound,
                kind=claim.kind,
                measure=claim.measure,
                key=measure_key(claim.measure),
                period=day_range(period.value) if period else None,
                period_text=period.text if period else None,
                interval=interval(float(anchor.value), anchor.bound, anchor.text, anchor.value_max),
                events=events,
                published=document.meta.published,
                lang=lang,
            )
        )
    return out


def _same_fact(a: Fact, b: Fact) -> bool:
    """Same kind, unit, period and measure, in two different documents.

    Undated figures ("130 representatives attended") are compared only between reports of
    one occasion: documents whose leads name the same EVENT, or sharing a publication date.
    """
    if a.doc_id == b.doc_id or a.kind != b.kind or a.unit != b.unit or a.period != b.period:
        return False
    if a.period is None and not (
        a.events & b.events or (a.published and a.published == b.published)
    ):
        return False
    return similar(a.key, b.key)


def group_facts(facts: list[Fact]) -> list[dict[str, Any]]:
    """Connected groups of same-fact claims across documents, each marked agree/conflict."""
    parent = list(range(len(facts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(facts):
        for j in range(i + 1, len(facts)):
            if _same_fact(a, facts[j]):
                parent[find(i)] = find(j)
    members: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        members.setdefault(find(i), []).append(fact)
    groups = []
    for group in members.values():
        if len({f.doc_id for f in group}) < 2:
            continue
        clashes = [
            (a, b)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.doc_id != b.doc_id and not compatible(a.interval, b.interval)
        ]
        first = group[0]
        languages = sorted({f.lang for f in group})
        note = "; ".join(f"{a.doc_id} {a.text!r} vs {b.doc_id} {b.text!r}" for a, b in clashes)
        groups.append(
            {
                "status": "conflict" if clashes else "agreement",
                "measure": first.measure,
                "kind": first.kind,
                "unit": first.unit,
                "period": "/".join(first.period) if first.period else None,
                "sources": [f.source() for f in group],
                "note": note or None,
            }
        )
        if len(languages) > 1:  # said only when reports in several languages were linked
            groups[-1]["languages"] = languages
    return groups


def internal_checks(document: Document) -> list[dict[str, Any]]:
    """Inconsistencies inside one document: impossible shares, implausible conversions."""
    facts = facts_of(document)
    text = document.text or ""
    issues: list[dict[str, Any]] = []
    money = sorted((m for m in document.mentions if m.label == "MONEY"), key=lambda m: m.start)
    conversions = [pair for pair in zip(money, money[1:], strict=False) if _converts(text, *pair)]
    rates = _stated_rates(conversions)
    for fact in facts:
        if fact.kind != "share" or fact.label != "PERCENT":
            continue
        if fact.value > 100:
            issues.append(_issue("share_over_100", [fact], f"a share of {fact.value}%"))
            continue
        # Only against the whole the claim itself names ("... of total exports"): a share of
        # exports is never checked against total trade.
        whole_words = _whole_after(text, fact.end)
        part = _level_like(facts, fact, fact.key)
        whole = _level_like(facts, fact, whole_words)
        if part is None or whole is None or part is whole or similar(part.key, whole.key):
            continue
        factor = _in_unit(rates, part.unit, whole.unit)
        if factor is None or whole.value <= 0:
            continue  # different currencies and no rate stated in the document
        computed = 100 * part.value * factor / whole.value
        low = 100 * part.interval[0] * factor / whole.interval[1] if whole.interval[1] > 0 else 0.0
        high = (
            100 * part.interval[1] * factor / whole.interval[0]
            if whole.interval[0] > 0
            else math.inf
        )
        stated = fact.interval
        if not compatible((low - SHARE_TOLERANCE, high + SHARE_TOLERANCE), stated):
            issues.append(
                _issue(
                    "share_mismatch",
                    [fact, part, whole],
                    f"stated {fact.text} but {part.text} of {whole.text} is {computed:.1f}%",
                )
            )
    for first, second in conversions:
        units = {first.unit: first, second.unit: second}
        if set(units) != {"CNY", "USD"}:
            continue
        rate = units["CNY"].value / units["USD"].value if units["USD"].value else math.inf
        low, high = CNY_PER_USD
        if "approx" in (first.bound, second.bound):
            low, high = low * (1 - APPROX_SLACK), high * (1 + APPROX_SLACK)
        if not low <= rate <= high:
            issues.append(
                {
                    "status": "internal",
                    "check": "currency_conversion",
                    "doc_id": document.doc_id,
                    "sources": [_mention_source(document.doc_id, m) for m in (first, second)],
                    "note": f"{units['CNY'].text} = {units['USD'].text} implies {rate:.2f} CNY per "
                    f"USD, outside {CNY_PER_USD[0]}–{CNY_PER_USD[1]}",
                }
            )
    return issues


def _converts(text: str, first: Any, second: Any) -> bool:
    """Whether the second amount restates the first in another currency: "X yuan (about $Y)"."""
    gap = text[first.end : second.start]
    return first.unit != second.unit and bool(
        re.fullmatch(
            r"\s*[(（,]\s*(?:or|about|around|roughly|some|nearly|approximately|equivalent to)?\s*",
            gap,
        )
    )


def _stated_rates(conversions: list[tuple[Any, Any]]) -> dict[tuple[str, str], float]:
    """Exchange rates a document states through its conversions: (from, to) → factor."""
    rates: dict[tuple[str, str], float] = {}
    for first, second in conversions:
        if first.value and second.value:
            rates.setdefault((first.unit, second.unit), second.value / first.value)
            rates.setdefault((second.unit, first.unit), first.value / second.value)
    return rates


def _in_unit(rates: dict[tuple[str, str], float], unit: str, target: str) -> float | None:
    """Factor turning an amount in `unit` into `target`: 1 for the same, a stated rate, or None."""
    return 1.0 if unit == target else rates.get((unit, target))


def _whole_after(text: str, end: int) -> frozenset[str]:
    """Words of the whole a share is taken of: "15.8 percent of China's total trade"."""
    match = re.match(r"\s*of\s+([^,.;()]{1,80})", text[end : end + 90])
    return measure_key(match.group(1)) if match else frozenset()


def _level_like(facts: list[Fact], share: Fact, words: frozenset[str]) -> Fact | None:
    """A money level of the share's period whose measure means what the words mean."""
    for fact in facts:
        if fact.kind != "level" or fact.label != "MONEY" or fact.period != share.period:
            continue
        if similar(fact.key, words):
            return fact
    return None


def _issue(check: str, facts: list[Fact], note: str) -> dict[str, Any]:
    return {
        "status": "internal",
        "check": check,
        "doc_id": facts[0].doc_id,
        "sources": [f.source() for f in facts],
        "note": note,
    }


def _mention_source(doc_id: str, mention: Any) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "claim": None,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
        "unit": mention.unit,
        "bound": mention.bound,
    }


def consolidate(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """Fact groups across documents, then each document's internal issues, numbered g1, g2..."""
    documents = list(documents)
    facts = [fact for document in documents for fact in facts_of(document)]
    groups = group_facts(facts)
    for document in documents:
        groups.extend(internal_checks(document))
    for number, group in enumerate(groups, 1):
        group["group_id"] = f"g{number}"
    return groups


def render(groups: list[dict[str, Any]], n_documents: int) -> str:
    """The short human-readable report."""
    counts = {
        s: sum(g["status"] == s for g in groups) for s in ("agreement", "conflict", "internal")
    }
    lines = [
        f"{n_documents} documents: {counts['agreement']} agreeing fact groups, "
        f"{counts['conflict']} conflicts, {counts['internal']} internal issues"
    ]
    for group in groups:
        if group["status"] == "internal":
            lines.append(
                f"[{group['group_id']}] INTERNAL {group['check']} in "
                f"{group['doc_id']}: {group['note']}"
            )
            continue
        sources = ", ".join(f"{s['doc_id']} {s['text']!r}" for s in group["sources"])
        head = "CONFLICT" if group["status"] == "conflict" else "agree"
        across = (
            (
                " ["
                + " and ".join(_LANGUAGE_NAMES.get(x, x) for x in group["languages"])
                + " reports]"
            )
            if group.get("languages")
            else ""
        )
        lines.append(
            f"[{group['group_id']}] {head} {group['measure']!r} ({group['kind']}, "
            f"{group['period'] or 'undated'}): {sources}{across}"
        )
        if group["note"]:
            lines.append(f"    incompatible: {group['note']}")
    return "\n".join(lines) + "\n"


def run_consolidation(
    input_path: str | Path, out: str | Path | None = None, report: str | Path | None = None
) -> int:
    """CLI entry: read extract output, write fact groups (JSONL) and the report."""
    documents = list(read_jsonl(input_path))
    groups = consolidate(documents)
    if out is not None:
        with Path(out).open("w", encoding="utf-8") as handle:
            for group in groups:
                handle.write(json.dumps(group, ensure_ascii=False) + "\n")
    text = render(groups, len(documents))
    if report is not None:
        Path(report).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0
