"""Pure character-offset helpers shared by the schema, the components and the scorer."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

Interval = tuple[int, int]


def overlap(a: Interval, b: Interval) -> int:
    """Number of characters two half-open intervals share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two half-open intervals share at least one character."""
    return overlap(a, b) > 0


class Ranges:
    """A fixed set of intervals that answers "does this interval overlap any?" by bisection.

    Sorted starts with a running maximum of ends: the intervals starting before a query's
    end are a prefix, and one of them overlaps it exactly when that prefix's largest end
    passes the query's start. Empty intervals never overlap anything and are left out.
    """

    def __init__(self, intervals: Iterable[Interval]):
        self.starts, self.reach = _starts_and_reach((s, e) for s, e in intervals if e > s)

    def __len__(self) -> int:
        return len(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any interval of the set."""
        if end <= start:
            return False
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


class Claimed:
    """Non-overlapping intervals claimed one by one; overlap checks and claims by bisection.

    Claimed intervals never overlap, so sorted by start they are sorted by end as well, and
    only the last one starting before a query's end can reach into it.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.items: list[Any] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a claimed interval."""
        if end <= start:
            return False
        before = bisect_left(self.starts, end)
        return before > 0 and self.ends[before - 1] > start

    def claim(self, start: int, end: int, item: Any = None) -> None:
        """Add an interval known to be clear of the claimed ones, with what claimed it."""
        if end > start:
            at = bisect_left(self.starts, start)
            self.starts.insert(at, start)
            self.ends.insert(at, end)
            self.items.insert(at, item)

    def clashes(self, start: int, end: int) -> list[Any]:
        """The items of the claimed intervals that [start, end) overlaps, in text order."""
        if end <= start:
            return []
        at = bisect_left(self.starts, end)
        first = at
        while first > 0 and self.ends[first - 1] > start:
            first -= 1
        return self.items[first:at]

    def release(self, start: int) -> None:
        """Remove the claimed interval that starts at `start`."""
        at = bisect_left(self.starts, start)
        del self.starts[at], self.ends[at], self.items[at]


T = TypeVar("T")


def longest_first(
    items: Iterable[T],
    interval: Callable[[T], Interval],
    rank: Callable[[T], Any],
    group: Callable[[T], Hashable] = lambda item: None,
) -> list[T]:
    """Keep, in `rank` order, each item whose interval overlaps none kept before in its group.

    The one resolver for "longest match wins, no overlap": callers rank by length (and
    their own tie-breaks); items of different groups (layers) never block each other.
    Returned in rank order. O(n log n) bisections (list inserts are memmove-cheap).
    """
    claimed: dict[Hashable, Claimed] = {}
    kept: list[T] = []
    for item in sorted(items, key=rank):
        start, end = interval(item)
        taken = claimed.setdefault(group(item), Claimed())
        if not taken.overlaps(start, end):
            taken.claim(start, end)
            kept.append(item)
    return kept


class Containers:
    """A fixed set of intervals that answers "does any of them contain this one?" by bisection."""

    def __init__(self, intervals: Iterable[Interval]):
        self.starts, self.reach = _starts_and_reach(intervals)

    def contains(self, start: int, end: int) -> bool:
        """Whether some interval starts at or before `start` and ends at or after `end`."""
        before = bisect_right(self.starts, start)
        return before > 0 and self.reach[before - 1] >= end


def _starts_and_reach(intervals: Iterable[Interval]) -> tuple[list[int], list[int]]:
    """Sorted starts, and the furthest end among the intervals up to each one."""
    ordered = sorted(intervals)
    reach: list[int] = []
    furthest = -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [s for s, _ in ordered], reach
