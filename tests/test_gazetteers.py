"""Gazetteer integrity: every example holds an alias; no alias names two bodies."""

from __future__ import annotations

from collections import defaultdict

import pytest

from textfacts.components.entities import GAZETTEERS, GazetteerRow, load_gazetteer
from textfacts.resources import data_path, read_jsonl

ROWS = [
    row for relative in GAZETTEERS for row in read_jsonl(data_path(None, relative), GazetteerRow)
]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_example_contains_an_alias(row):
    assert any(alias in row.example for alias in row.aliases), row.example


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_row_is_well_formed(row):
    assert row.id.split(".")[0] in {"org", "gpe", "loc", "event", "program"}
    assert row.aliases and all(
        a == a.strip() and not a.lower().startswith("the ") for a in row.aliases
    )
    assert row.source.startswith("http") or row.source == "genre knowledge"


def test_no_alias_maps_to_two_canonicals():
    canonicals: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for alias in row.aliases:
            canonicals[alias].add(row.canonical)
    assert {a: c for a, c in canonicals.items() if len(c) > 1} == {}


def test_ids_are_unique():
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


def test_loader_rejects_an_alias_with_two_canonicals(tmp_path):
    from textfacts.errors import ResourceError

    (tmp_path / "gazetteers").mkdir()
    row = (
        '{"id": "org.%s", "canonical": "%s", "label": "ORG", "aliases": ["GAC"], '
        '"source": "genre knowledge", "example": "GAC"}'
    )
    (tmp_path / GAZETTEERS[0]).write_text(
        row % ("a", "General Administration of Customs")
        + "\n"
        + row % ("b", "Some Other Body")
        + "\n"
    )
    for relative in GAZETTEERS[1:]:
        (tmp_path / relative).write_text("")
    with pytest.raises(ResourceError):
        load_gazetteer(tmp_path)
