"""Pure character-offset helpers shared by the schema, the components and the scorer."""

from __future__ import annotations

Interval = tuple[int, int]


def overlap(a: Interval, b: Interval) -> int:
    """Number of characters two half-open intervals share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two half-open intervals share at least one character."""
    return overlap(a, b) > 0
