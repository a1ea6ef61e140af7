"""Whole-document regression: each seed's full record equals its reviewed expected file.

Any change in behaviour on a seed shows here as a diff of the record. When the change is
intended: `python tests/regenerate_expected.py`, review `git diff tests/expected/`, commit.
"""

from __future__ import annotations

import json

import pytest
from regenerate_expected import EXPECTED, TEXTS, record

SEEDS = sorted(TEXTS.glob("*.txt"))


def test_every_seed_has_an_expected_record():
    assert SEEDS
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == [p.stem for p in SEEDS]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_record_is_unchanged(extractor, path):
    expected = json.loads((EXPECTED / f"{path.stem}.json").read_text(encoding="utf-8"))
    got = record(extractor, path)
    for part in ("meta", "mentions", "commitments", "claims"):
        assert got[part] == expected[part], (
            f"{path.stem}: {part} changed; if intended, run python tests/regenerate_expected.py"
        )
    assert got == expected
