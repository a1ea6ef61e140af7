"""Parquet output reads back to the same records; flat frames resolve references to text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import textfacts
from textfacts.cli import main
from textfacts.schema import read_jsonl
from textfacts.tables import read_parquet, write_parquet

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "gold"


def test_parquet_reads_back_the_same_documents(tmp_path):
    documents = list(read_jsonl(SEEDS))
    out = tmp_path / "gold.parquet"
    assert write_parquet(documents, out) == len(documents)
    assert list(read_parquet(out)) == documents


def test_parquet_row_groups_and_empty_files(tmp_path, monkeypatch):
    import textfacts.tables as tables

    monkeypatch.setattr(tables, "BATCH", 2)
    documents = list(read_jsonl(SEEDS))
    out = tmp_path / "small-groups.parquet"
    write_parquet(documents, out)
    assert list(read_parquet(out)) == documents
    empty = tmp_path / "empty.parquet"
    assert write_parquet([], empty) == 0
    assert list(read_parquet(empty)) == []


def test_cli_extract_parquet_equals_jsonl_and_pandas_reads_it(tmp_path, extractor):
    from textfacts.batch import extract_paths

    texts = str(REPO / "corpus" / "texts")
    jsonl, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert not extract_paths([texts], jsonl, extractor, progress=False).failures
    assert main(["extract", texts, "-q", "--format", "parquet", "-o", str(parquet)]) == 0
    assert not Path(f"{parquet}.jsonl").exists()
    assert list(read_parquet(parquet)) == list(read_jsonl(jsonl))

    frame = pd.read_parquet(parquet)
    assert len(frame) == len(list(read_jsonl(jsonl)))
    assert list(frame["doc_id"]) == [d.doc_id for d in read_jsonl(jsonl)]
    exploded = frame[["doc_id", "claims"]].explode("claims").dropna()
    assert len(exploded) == sum(len(d.claims) for d in read_jsonl(jsonl))


def test_frames_resolve_references():
    documents = list(read_jsonl(SEEDS))
    frames = textfacts.to_frames(documents)
    assert set(frames) == {"documents", "mentions", "commitments", "claims"}
    assert len(frames["mentions"]) == sum(len(d.mentions) for d in documents)
    claims = frames["claims"]
    assert len(claims) == sum(len(d.claims) for d in documents)
    for document in documents:
        for claim in document.claims:
            row = claims[(claims.doc_id == document.doc_id) & (claims.id == claim.id)].iloc[0]
            anchor = document.mention(claim.anchor)
            assert row.figure == anchor.text and row.value == anchor.value
            period = document.mention(claim.period)
            assert (row.period if period else None) == (period.text if period else None)
    dates = frames["mentions"][frames["mentions"].label == "DATE"]
    assert dates["value"].isna().all()
    assert dates["date_value"].notna().any()


def test_readme_pandas_query_runs(tmp_path, monkeypatch, capsys):
    """The README's Parquet + pandas example, run as written on its own output file."""
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    (example,) = [b for b in blocks if 'read_parquet("out.parquet")' in b]
    documents = list(read_jsonl(SEEDS))
    write_parquet(documents, tmp_path / "out.parquet")
    monkeypatch.chdir(tmp_path)
    with pd.option_context("display.max_rows", 1000, "display.width", 80):
        exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    cny = [
        (d.doc_id, k.id)
        for d in documents
        for k in d.claims
        if getattr(d.mention(k.anchor), "unit", None) == "CNY"
    ]
    assert cny and len(re.findall(r"^\d+ ", printed, re.M)) == len(cny)
