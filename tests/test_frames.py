"""Extraction over pandas batches gives the CLI's records; Spark's mapInPandas does too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from textfacts import frames
from textfacts.io import read_document

pd = pytest.importorskip("pandas")

REPO = Path(__file__).resolve().parent.parent
TEXTS = REPO / "corpus" / "texts"


@pytest.fixture
def cached(extractor, monkeypatch):
    """Hand the session's extractor to the per-process cache, as a worker would hold it."""
    monkeypatch.setitem(frames._EXTRACTORS, "customs-en", extractor)
    return extractor


@pytest.fixture(scope="module")
def cli_records(tmp_path_factory, extractor) -> dict[str, str]:
    from textfacts.batch import extract_paths

    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert not extract_paths([TEXTS], out, extractor, progress=False).failures
    lines = out.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["doc_id"]: line for line in lines}


def _texts() -> pd.DataFrame:
    files = sorted(TEXTS.glob("*.txt"))
    return pd.DataFrame(
        {"doc_id": [f.name for f in files], "text": [read_document(f) for f in files]}
    )


def test_extract_frame_equals_cli_output(cached, cli_records):
    out = frames.extract_frame(_texts())
    assert list(out.columns) == list(frames.OUTPUT_COLUMNS)
    assert out["error"].isna().all()
    assert dict(zip(out["doc_id"], out["record"], strict=True)) == cli_records


def test_meta_columns_reach_the_record(cached):
    pdf = pd.DataFrame(
        {
            "doc_id": ["a.txt", "b.txt"],
            "text": ["Exports rose 3 percent in March.", "Imports fell in May."],
            "published": ["2025-04-13", None],
        }
    )
    out = frames.extract_frame(pdf)
    records = [json.loads(r) for r in out["record"]]
    assert records[0]["meta"]["published"] == "2025-04-13"
    assert records[1]["meta"]["published"] is None


class _Breaks:
    """The real extractor, except that one text makes it raise (as a corrupt input would)."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text, **kwargs):
        if "BREAK" in text:
            raise RuntimeError("boom")
        return self.inner(text, **kwargs)

    def pipe(self, items, **kwargs):
        for text, context in items:
            yield self(text, meta=context["meta"], doc_id=context["doc_id"]), context


def test_one_failing_text_loses_nothing_else(extractor, monkeypatch):
    monkeypatch.setitem(frames._EXTRACTORS, "customs-en", _Breaks(extractor))
    pdf = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["Exports rose 3 percent.", "BREAK", "Imports fell 2 percent."],
        }
    )
    out = frames.extract_frame(pdf)
    assert list(out["doc_id"]) == ["a", "b", "c"]
    assert out["record"].notna().tolist() == [True, False, True]
    assert "RuntimeError: boom" in out["error"][1]


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="text"):
        frames.extract_frame(pd.DataFrame({"doc_id": ["a"]}))


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java (java not found)")
def test_spark_local_mode_equals_cli_output(cli_records):
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install '.[spark]')")
    from pyspark.sql import SparkSession

    from textfacts.spark import extract

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("textfacts-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        df = spark.createDataFrame(_texts()).repartition(2)
        rows = extract(df).collect()
    finally:
        spark.stop()
    assert all(row.error is None for row in rows)
    assert {row.doc_id: row.record for row in rows} == cli_records
