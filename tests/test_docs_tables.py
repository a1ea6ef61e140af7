"""Results tables in the docs are generated from the committed reports, never typed."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("tables", ROOT / "evaluation" / "tables.py")
tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tables)


@pytest.mark.parametrize("target", tables.TARGETS, ids=lambda p: p.name)
def test_results_block_matches_the_committed_reports(target):
    text = target.read_text(encoding="utf-8")
    assert tables.START in text
    assert tables.replace_block(text, tables.render()) == text


def test_every_gold_set_has_a_reference_report():
    for gold, _ in tables.GOLDS:
        assert (tables.REPORTS / f"reference-{gold}.json").exists(), gold
