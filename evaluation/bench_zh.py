"""Chinese throughput: customs-zh against the blank spaCy zh + jieba pipeline alone.

Usage: python evaluation/bench_zh.py [--docs 300] [--rounds 5]

Texts: the real Chinese dev articles (../shared/corpus-dev-zh, read at run time, never copied
here) replicated to --docs documents, or genre sentences written for this script when that
folder is absent. Both pipelines see the same list in one process, in alternating rounds;
CPU seconds are compared (a shared machine's wall clock is noisy) and the median round kept.
The issue's target: customs-zh at least 0.5x the blank pipeline's characters per second.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shared folder sits beside the main checkout (/work/main) or two levels up (/work/wt/x).
DEV_ZH = next(
    (
        p / "shared" / "corpus-dev-zh" / "gold.jsonl"
        for p in (REPO.parent, REPO.parent.parent)
        if (p / "shared" / "corpus-dev-zh").is_dir()
    ),
    REPO.parent / "shared" / "corpus-dev-zh" / "gold.jsonl",
)
# Written for this benchmark in the genre's style (no gold text).
FALLBACK = (
    "海关总署新闻发言人、统计分析司司长张明介绍，今年前三季度，我国货物贸易进出口总值31.5万亿元，"
    "同比增长4.2%。其中，出口17.9万亿元，增长6.2%；进口13.6万亿元，增长1.7%。\n"
    "下一步，海关将继续优化口岸营商环境，力争年内实现全覆盖。一是简化申报手续；二是推广智能审图。\n"
)


def texts(docs: int) -> tuple[list[tuple[str, str | None]], str]:
    """(text, publication date) pairs replicated to `docs`, and where they came from."""
    if DEV_ZH.exists():
        rows = [json.loads(line) for line in DEV_ZH.read_text(encoding="utf-8").splitlines()]
        base = [(r["text"], r["meta"].get("published")) for r in rows]
        source = f"{DEV_ZH} ({len(base)} real articles)"
    else:
        base, source = [(FALLBACK * 4, "2025-10-14")], "genre sentences written for the bench"
    return [base[i % len(base)] for i in range(docs)], source


def main() -> int:
    """Time both pipelines in alternating rounds and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import spacy

    import textfacts

    corpus, source = texts(args.docs)
    chars = sum(len(t) for t, _ in corpus)
    blank = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    model = textfacts.load("customs-zh")
    blank(corpus[0][0])
    model(corpus[0][0])
    bare, full = [], []
    for _ in range(args.rounds):
        start = time.process_time()
        for text, _ in corpus:
            blank(text)
        bare.append(time.process_time() - start)
        start = time.process_time()
        for text, published in corpus:
            model(text, {"published": published})
        full.append(time.process_time() - start)
    bare_s, full_s = statistics.median(bare), statistics.median(full)
    print(f"texts: {args.docs} documents, {chars} characters, from {source}")
    print(f"blank zh + jieba: {chars / bare_s / 1000:.0f}k chars/s CPU")
    print(f"customs-zh:       {chars / full_s / 1000:.0f}k chars/s CPU")
    print(f"ratio: {bare_s / full_s:.2f} (target >= 0.5; median of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
