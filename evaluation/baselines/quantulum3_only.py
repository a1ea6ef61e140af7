"""Baseline 2 (issue #3): quantulum3 alone for money, percentages and quantities.

quantulum3's own reading of each quantity: currency units become MONEY (its ISO code),
"percentage" PERCENT, any other unit QUANTITY with quantulum3's unit name. Bare numbers
(quantulum3's "dimensionless") are dropped: without a unit they are mostly years and day
numbers. No names, dates, commitments or claims. Writes predictions JSONL (grounded, without
the text); evaluation/README.md has the commands that score it.
"""

from __future__ import annotations

import argparse
import warnings

from textfacts.corpus import read_gold
from textfacts.schema import Document

warnings.filterwarnings("ignore", message="Classifier dependencies")  # optional extra, unused
from quantulum3 import parser as quantities  # noqa: E402


def mention(text: str, quantity) -> dict | None:
    unit = quantity.unit
    start, end = quantity.span
    item = {"start": start, "end": end, "text": text[start:end], "value": float(quantity.value)}
    if unit.entity.name == "currency" and getattr(unit, "currency_code", None):
        return {**item, "label": "MONEY", "unit": unit.currency_code}
    if unit.name == "percentage":
        return {**item, "label": "PERCENT", "unit": "percent"}
    if unit.name != "dimensionless":
        return {**item, "label": "QUANTITY", "unit": unit.name}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="seeds")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        for gold in read_gold(args.gold):
            mentions, last_end = [], 0
            for quantity in quantities.parse(gold.text):
                m = mention(gold.text, quantity)
                if m and m["start"] >= last_end and m["text"].strip() == m["text"]:
                    m["id"] = f"m{len(mentions) + 1}"
                    mentions.append(m)
                    last_end = m["end"]
            record = Document(doc_id=gold.doc_id, text=gold.text, mentions=mentions)
            # Validated with the text (grounding), written without it: the dev texts are
            # third-party and stay in shared/, never copied into the project.
            out.write(record.model_dump_json(exclude={"text"}) + "\n")


if __name__ == "__main__":
    main()
