"""The bisection indexes of textfacts.offsets answer as a scan over the intervals would."""

from __future__ import annotations

import random

import pytest

from textfacts.offsets import Containers, Ranges, overlaps


def _intervals(rng: random.Random, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        start = rng.randrange(0, 60)
        out.append((start, start + rng.randrange(0, 12)))  # empty intervals included
    return out


@pytest.mark.parametrize("seed", range(20))
def test_ranges_overlap_as_a_scan_does(seed):
    rng = random.Random(seed)
    intervals = _intervals(rng, rng.randrange(0, 15))
    ranges = Ranges(intervals)
    for start in range(-2, 75):
        for length in (0, 1, 3, 9):
            query = (start, start + length)
            expected = any(overlaps(query, r) for r in intervals)
            assert ranges.overlaps(*query) == expected, (intervals, query)


@pytest.mark.parametrize("seed", range(20))
def test_containers_contain_as_a_scan_does(seed):
    rng = random.Random(seed)
    intervals = _intervals(rng, rng.randrange(0, 15))
    containers = Containers(intervals)
    for start in range(-2, 75):
        for length in (0, 1, 3, 9):
            end = start + length
            expected = any(s <= start and end <= e for s, e in intervals)
            assert containers.contains(start, end) == expected, (intervals, (start, end))
