"""Claim measures written in Chinese, compared by character bigrams (ANNOTATION-zh.md, Scoring).

Chinese has no spaces to find words by, and a measure may be cut a character earlier or later
(货物贸易进出口 vs 进出口总值); shared character bigrams measure how much of the gold phrase
the prediction holds. The script of the gold measure decides which comparison applies.
"""

from __future__ import annotations

import re

# CJK Unified Ideographs (with Extension A) and the compatibility block.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What a bigram is made of: Han characters, letters and digits; punctuation and spaces drop out.
_KEPT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]")


def is_chinese(phrase: str | None) -> bool:
    """Whether a phrase holds any Han character: `机电产品出口` yes, `exports` no."""
    return bool(phrase) and _HAN.search(phrase) is not None


def bigrams(phrase: str | None) -> set[str]:
    """Character bigrams of a phrase without punctuation: `进出口` -> {进出, 出口}.

    A one-character phrase is its own single gram, so `煤` still compares.
    """
    chars = _KEPT.findall(phrase or "")
    if len(chars) == 1:
        return {chars[0]}
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def bigram_measure_ok(gold: str | None, pred: str | None) -> bool:
    """At least half of the gold measure's bigrams occur in the predicted measure."""
    wanted = bigrams(gold)
    if not wanted:
        return not bigrams(pred)
    return len(wanted & bigrams(pred)) >= 0.5 * len(wanted)
