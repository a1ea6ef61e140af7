"""Pure character-offset helpers shared by the schema, the components and the scorer."""

from __future__ import annotations

Interval = tuple[int, int]


def overlap(a: Interval, b: Interval) -> int:
    """Number of characters two half-open intervals share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two half-open intervals share at least one character."""
    return overlap(a, b) > 0


def iou(a: Interval, b: Interval) -> float:
    """Intersection over union of two intervals."""
    inter = overlap(a, b)
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def contains(outer: Interval, inner: Interval) -> bool:
    """Whether `inner` lies wholly inside `outer`."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def is_grounded(text: str, start: int, end: int, span: str) -> bool:
    """Whether `text[start:end]` is exactly `span` and the offsets lie inside `text`."""
    return 0 <= start < end <= len(text) and text[start:end] == span


def trim(text: str, start: int, end: int, chars: str = " \t\r\n\"'“”‘’.,;:") -> Interval:
    """Shrink an interval past surrounding whitespace and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
