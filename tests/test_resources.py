"""Every data file of the bundled model is well-formed: ids unique, an example on every row,
and a malformed row is reported with its file and line."""

import csv
import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from textfacts.errors import ResourceError
from textfacts.resources import model_dir, read_jsonl, read_tsv

MODEL = model_dir()
JSONL = sorted(MODEL.rglob("*.jsonl"))
TSV = sorted(MODEL.rglob("*.tsv"))


@pytest.mark.parametrize("path", JSONL, ids=lambda p: p.name)
def test_jsonl_rows_have_unique_ids_and_an_example(path):
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for row in rows:
        assert str(row.get("example", "")).strip(), row["id"]


@pytest.mark.parametrize("path", TSV, ids=lambda p: p.name)
def test_tsv_rows_have_an_example_and_the_header_width(path):
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header, *rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert "example" in header
    for number, row in enumerate(rows, 2):
        assert len(row) <= len(header), (path.name, number)
        record = dict(zip(header, row, strict=False))
        assert record.get("example", "").strip(), (path.name, number, row)
    if "id" in header:
        ids = [dict(zip(header, r, strict=False))["id"] for r in rows]
        assert len(ids) == len(set(ids))


class _Row(BaseModel):
    id: str
    example: str


def test_a_malformed_row_names_its_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "example": "x"}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        read_jsonl(path, _Row)
    assert err.value.line == 2 and err.value.file == str(path)
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("id\texample\na\tx\ty\tz\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad.tsv:2"):
        read_tsv(tsv, _Row)


def test_the_model_directory_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (model_dir() / "config.cfg").exists()
    assert model_dir(Path(MODEL)) == MODEL
