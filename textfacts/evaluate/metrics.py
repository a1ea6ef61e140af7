"""Additive counts and accuracies, so per-document figures sum into per-label and micro figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives; `a + b` pools two tallies (micro)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        """Nothing to score (no gold and no prediction): figures are undefined, not zero."""
        return self.tp + self.fp + self.fn == 0

    @property
    def p(self) -> float:
        """Precision: tp / predicted (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        """Recall: tp / gold (0 when there is no gold item)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        """F1, the harmonic mean of precision and recall."""
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_list(self) -> list[int]:
        """[tp, fp, fn], the compact form stored in reports."""
        return [self.tp, self.fp, self.fn]


@dataclass(frozen=True)
class Accuracy:
    """Correct out of total over pairs (an attribute checked only where both sides are paired)."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def acc(self) -> float | None:
        """Share correct (correct / total), or None when there was nothing to check."""
        return self.correct / self.total if self.total else None

    def as_list(self) -> list[int]:
        """[correct, total], the compact form stored in reports."""
        return [self.correct, self.total]


def pooled(items: Iterable[Counts]) -> Counts:
    """Micro-average input: the sum of several tallies."""
    total = Counts()
    for item in items:
        total = total + item
    return total


def prf(prefix: str, counts: Counts) -> dict[str, float | None]:
    """Flat `<prefix>_p/_r/_f` figures (spaCy-style keys); None when there is nothing to score."""
    if counts.empty:
        return {f"{prefix}_p": None, f"{prefix}_r": None, f"{prefix}_f": None}
    return {f"{prefix}_p": counts.p, f"{prefix}_r": counts.r, f"{prefix}_f": counts.f}
