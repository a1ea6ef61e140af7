"""Every row of the customs-zh data files does what it says on its own example sentence."""

import csv
import json

import pytest

from textfacts.resources import model_dir

MODEL = model_dir("customs-zh")
PUB = {"published": "2025-06-16"}


def _tsv(name):
    lines = [
        line
        for line in (MODEL / "lexicons" / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header, *rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [dict(zip(header, row, strict=False)) for row in rows]


def _rows(name):
    rows = _tsv(name)
    return [pytest.param(r, id=f"{name}:{r.get('surface') or r.get('surname')}") for r in rows]


def _gazetteer():
    rows = []
    for path in sorted((MODEL / "gazetteers").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.append(pytest.param(row, id=row["id"]))
    return rows


def test_every_row_has_an_example_holding_its_surface():
    for name in (
        "currencies",
        "bounds",
        "units",
        "nouns",
        "modality",
        "titles",
        "claim_words",
        "bare_customs",
        "surnames",
        "measures",
    ):
        for row in _tsv(f"{name}.tsv"):
            assert (row.get("surface") or row["surname"]) in row["example"], (name, row)


@pytest.mark.parametrize("row", _rows("currencies.tsv"))
def test_currency_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(
        m.label == "MONEY" and m.unit == row["iso"] and row["surface"] in m.text
        for m in doc.mentions
    ), doc.mentions


@pytest.mark.parametrize("row", _rows("bounds.tsv"))
def test_bound_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(getattr(m, "bound", None) == row["bound"] for m in doc.mentions), doc.mentions


@pytest.mark.parametrize("row", _rows("units.tsv"))
def test_unit_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    found = [m for m in doc.mentions if m.label == "QUANTITY" and row["surface"] in m.text]
    assert found, doc.mentions
    if row["kind"] != "classifier":  # a classifier gives way to its counted noun
        assert found[0].unit == row["unit"]


@pytest.mark.parametrize("row", _rows("nouns.tsv"))
def test_noun_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(m.label == "QUANTITY" and m.unit == row["lemma"] for m in doc.mentions), doc.mentions


@pytest.mark.parametrize("row", _rows("modality.tsv"))
def test_modality_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(c.modality == row["modality"] for c in doc.commitments), doc.commitments


@pytest.mark.parametrize("row", _rows("titles.tsv"))
def test_title_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(m.label == "PERSON" and m.role == row["surface"] for m in doc.mentions), doc.mentions


@pytest.mark.parametrize("row", _rows("surnames.tsv"))
def test_surname_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(m.label == "PERSON" and m.text.startswith(row["surname"]) for m in doc.mentions)


@pytest.mark.parametrize("row", _rows("claim_words.tsv"))
def test_claim_word_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert doc.claims, doc.mentions
    if row["kind"] == "edge":
        assert all(not (c.measure or "").endswith(row["surface"]) for c in doc.claims)
    else:
        assert any(
            c.kind == row["kind"] and c.direction == (row.get("direction") or None)
            for c in doc.claims
        ), doc.claims


@pytest.mark.parametrize("row", _rows("bare_customs.tsv"))
def test_bare_customs_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert not any(m.label == "ORG" and m.text in ("海关", "海關") for m in doc.mentions)


@pytest.mark.parametrize("row", _gazetteer())
def test_gazetteer_rows(zh_extractor, row):
    doc = zh_extractor(row["example"], PUB)
    assert any(
        m.label == row["label"] and any(a in m.text for a in row["aliases"]) for m in doc.mentions
    ), doc.mentions


@pytest.mark.parametrize("row", _rows("measures.tsv"))
def test_measure_rows(row):
    from textfacts.consolidate import _english_words, measure_key

    assert measure_key(row["surface"]) == measure_key(row["words"])
    assert row["words"] in _english_words(row["example"])
