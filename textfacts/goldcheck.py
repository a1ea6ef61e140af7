"""Find the digits of a gold record that no number mention and no exclusion rule explains.

ANNOTATION.md §2 makes every money, percent, quantity and date figure written with a digit a
mention, and names what is not one (ordinals, clock times, phone numbers, page numbers,
navigation). A digit run that is neither inside a number mention nor covered by one of the
rules below is a missed mention or a case the guideline does not decide: both need a human.
Pure standard library, so it runs on a gold folder before anything else is installed.

    python -m textfacts.goldcheck corpus/gold [--explain]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

NUMBER_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "DATE"})
CONTEXT_CHARS = 40
DIGIT_RUN = re.compile(r"\d+")


@dataclass(frozen=True)
class Rule:
    """One named reason why a digit run is not (or need not be) a number mention.

    `pattern` is None for the two rules decided from the record's mentions rather than its
    text. `group` names the part of a match the rule covers (0: the whole match).
    """

    name: str
    pattern: re.Pattern[str] | None
    why: str
    group: int | str = 0


# Order matters only for which rule `explain_digits` names when several cover a run.
RULES: tuple[Rule, ...] = (
    Rule(
        "number_mention",
        None,
        "Annotated: the run lies inside a MONEY, PERCENT, QUANTITY or DATE mention.",
    ),
    Rule(
        "name_mention",
        None,
        "§2 nested names: digits inside a names-layer mention ('SCCP1', "
        "'20th CPC Central Committee') belong to the name.",
    ),
    Rule(
        "ordinal",
        re.compile(r"\d+(?:st|nd|rd|th)\b", re.IGNORECASE),
        "§2: ordinals ('18th', '7th') are not mentions.",
    ),
    Rule(
        "clock_time",
        re.compile(
            r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
            r"|\b\d{1,2}(?::\d{2})?[^\S\n]?(?:a\.m\.|p\.m\.|am\b|pm\b)",
            re.IGNORECASE,
        ),
        "§2: clock times ('10 a.m.', '15:45:01' in a 'Published:' line) are not mentions.",
    ),
    Rule(
        "contact_line",
        re.compile(
            r"^[^\S\n]*(?:[•·*\-–][^\S\n]*)?"
            r"(?:tel|telephone|phone|fax|add|address|e-?mail|zip|postcode)[^\S\n]*[:：].*$",
            re.IGNORECASE | re.MULTILINE,
        ),
        "§2 page chrome: contact lines ('Tel:+86-010-…', 'Add:16A … 100040') hold phone "
        "numbers, street numbers and postcodes.",
    ),
    Rule(
        "copyright_line",
        re.compile(r"^.*(?:copyright|©|all rights reserved).*$", re.IGNORECASE | re.MULTILINE),
        "§2 page chrome: a copyright line ('Copyright ©1997- by CRI Online') is not text.",
    ),
    Rule(
        "pagination",
        re.compile(
            r"^(?=.*\d)(?=.*(?:[<>‹›«»]|\b(?:next|prev|previous|page)\b|\d(?:[^\S\n]+\d+){2}))"
            r"[^\S\n]*(?:(?:[<>‹›«»|…]|\.{3}|\d{1,3}\b|next|prev|previous|first|last|page)[^\S\n]*)+$",
            re.IGNORECASE | re.MULTILINE,
        ),
        "§2 page chrome: a line made only of page numbers (1-3 digits) and arrows or "
        "navigation words ('<  1  2  3 … 11  >'); two years on a line are not pagination.",
    ),
    Rule(
        "list_item_number",
        re.compile(r"^[^\S\n]*(?P<n>\d{1,3})[.)、](?=[^\S\n])", re.MULTILINE),
        "Numbering of an enumerated list ('1. Ensuring smooth circulation …') is layout, "
        "not an amount; the item itself is a commitment (§3).",
        "n",
    ),
    Rule(
        "round_the_clock",
        re.compile(r"(?<![\d/])24/7(?![\d/])"),
        "'24/7 appointment-based customs clearance' names a service schedule, not an "
        "amount or a date (§2: not a QUANTITY, and '7' is no day of a month).",
    ),
    Rule(
        "numbered_name",
        re.compile(r"\bN[oO]\.[^\S\n]?\d+\b"),
        "'No. 1 trading partner' is a rank, i.e. an ordinal (§2).",
    ),
)


def _context(text: str, start: int, end: int) -> str:
    """Return the run with CONTEXT_CHARS characters either side, for a reader to judge."""
    return text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]


def _rule_spans(text: str) -> list[tuple[Rule, int, int]]:
    """Every stretch of `text` a text-pattern rule covers, in RULES order."""
    spans = []
    for rule in RULES:
        if rule.pattern is None:
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span(rule.group)
            if start >= 0:
                spans.append((rule, start, end))
    return spans


def explain_digits(record: dict) -> list[dict]:
    """List every maximal digit run of the record's text with the rule that covers it.

    Each item has `start`, `end` (half-open offsets into `text`), `digits`, `context`, `rule`
    (a name from RULES, or None when nothing covers the run) and `mention` (the id of the
    mention that covers it, for the two mention rules). A run only partly inside a mention is
    not covered by it: a span that cuts a number is itself an error.
    """
    text = record["text"]
    mentions = record.get("mentions") or []
    number_spans = [m for m in mentions if m["label"] in NUMBER_LABELS]
    name_spans = [m for m in mentions if m["label"] not in NUMBER_LABELS]
    rule_spans = _rule_spans(text)
    items = []
    for run in DIGIT_RUN.finditer(text):
        start, end = run.span()
        rule_name: str | None = None
        mention_id: str | None = None
        for name, candidates in (("number_mention", number_spans), ("name_mention", name_spans)):
            hit = next((m for m in candidates if m["start"] <= start and end <= m["end"]), None)
            if hit is not None:
                rule_name, mention_id = name, hit["id"]
                break
        if rule_name is None:
            rule_name = next(
                (rule.name for rule, s, e in rule_spans if s <= start and end <= e), None
            )
        items.append(
            {
                "start": start,
                "end": end,
                "digits": run.group(),
                "context": _context(text, start, end),
                "rule": rule_name,
                "mention": mention_id,
            }
        )
    return items


def uncovered_digits(record: dict) -> list[dict]:
    """Digit runs outside every number mention and every exclusion rule: the ones to review."""
    return [
        {key: item[key] for key in ("start", "end", "digits", "context")}
        for item in explain_digits(record)
        if item["rule"] is None
    ]


def read_records(path: Path) -> Iterator[dict]:
    """Yield the gold records of a `.jsonl` file (one per line) or a `.json` file (one record)."""
    content = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        yield json.loads(content)
        return
    for line in content.splitlines():
        if line.strip():
            yield json.loads(line)


def gold_files(paths: Iterable[str]) -> list[Path]:
    """Expand folders to their `.jsonl` and `.json` files; keep named files as given."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted([*path.glob("*.jsonl"), *path.glob("*.json")]))
        else:
            files.append(path)
    return files


def main(argv: list[str] | None = None) -> int:
    """Print the uncovered digit runs per gold file; return 1 when there is any."""
    parser = argparse.ArgumentParser(prog="python -m textfacts.goldcheck", description=__doc__)
    parser.add_argument("paths", nargs="+", help="gold folders or files (.jsonl, .json)")
    parser.add_argument(
        "--explain", action="store_true", help="also list covered runs with their rule"
    )
    args = parser.parse_args(argv)
    files = gold_files(args.paths)
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        print(
            f"gold-check: not found: {', '.join(missing)} (give gold folders or .jsonl files; "
            "the default corpus/gold is read from a textfacts checkout's root)",
            file=sys.stderr,
        )
        return 2
    if not files:
        print(
            f"gold-check: no gold records (.jsonl or .json) in {', '.join(args.paths)}; "
            "gold-check reads annotated records, not plain texts",
            file=sys.stderr,
        )
        return 2
    total = 0
    for path in files:
        for record in read_records(path):
            items = explain_digits(record)
            uncovered = [item for item in items if item["rule"] is None]
            total += len(uncovered)
            print(f"{path} [{record.get('doc_id')}]: {len(uncovered)} uncovered digit run(s)")
            for item in items if args.explain else uncovered:
                where = item["rule"] or "UNCOVERED"
                if item["mention"]:
                    where += f" {item['mention']}"
                print(
                    f"  {item['start']}-{item['end']} {item['digits']!r:>8} {where:28} "
                    f"{item['context']!r}"
                )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
