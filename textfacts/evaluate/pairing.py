"""One-to-one pairing of spans by largest overlap (ANNOTATION.md §5), deterministic on ties.

The scorer pairs mentions of one label, and commitments, with this one routine; only the
rule that makes two spans eligible differs (any overlap, or half of the shorter span).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textfacts.offsets import Interval, overlap, overlaps

Eligible = Callable[[Interval, Interval], bool]


def any_overlap(gold: Interval, pred: Interval) -> bool:
    """Mention rule: the spans share at least one character."""
    return overlaps(gold, pred)


def half_overlap(gold: Interval, pred: Interval) -> bool:
    """Commitment rule: the spans share at least half of the shorter one."""
    shorter = min(gold[1] - gold[0], pred[1] - pred[0])
    return overlap(gold, pred) > 0 and 2 * overlap(gold, pred) >= shorter


def pair_spans(
    gold: Sequence[Interval], pred: Sequence[Interval], eligible: Eligible = any_overlap
) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one-to-one, largest overlap first.

    Ties go to the earlier gold span, then the earlier predicted span, so the result never
    depends on input order. Returns (gold index, pred index) pairs sorted by gold index.
    """
    candidates = sorted(
        (-overlap(g, p), g[0], p[0], gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if eligible(g, p)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)
