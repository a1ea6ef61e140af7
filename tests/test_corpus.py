"""The bundled corpus: gold validates, gold text equals the file, manifest pins the bytes,
the uncovered-digit checker is clean, and extraction over the corpus is grounded."""

import pytest
from helpers import assert_grounded

from textfacts.corpus import (
    CORPUS,
    DEV_GOLD,
    DOC_CLASS_NAMES,
    load_gold,
    read_doc_classes,
    read_gold,
    read_manifest,
    row_to_document,
    sha256,
)
from textfacts.evaluate.scorer import normalise_doc_id
from textfacts.goldcheck import uncovered_digits
from textfacts.io import read_document

GOLD = read_gold("seeds")
MANIFEST = read_manifest()


def test_every_seed_has_gold():
    assert {d.doc_id for d in GOLD} == {row["doc_id"] for row in MANIFEST}
    assert {p.stem for p in (CORPUS / "texts").glob("*.txt")} == {d.doc_id for d in GOLD}


@pytest.mark.parametrize("row", MANIFEST, ids=[r["doc_id"] for r in MANIFEST])
def test_manifest_pins_the_text_that_gold_offsets_refer_to(row):
    path = CORPUS / row["file"]
    assert sha256(path) == row["sha256"]
    gold = next(d for d in GOLD if d.doc_id == row["doc_id"])
    assert gold.text == read_document(path)


@pytest.mark.parametrize("document", GOLD, ids=[d.doc_id for d in GOLD])
def test_gold_has_no_uncovered_digits(document):
    assert uncovered_digits(document.to_dict()) == []


def test_load_gold_gives_a_dataset_that_round_trips():
    dataset = load_gold()
    assert len(dataset) == len(GOLD)
    assert set(dataset.column_names) >= {"doc_id", "text", "mentions", "commitments", "claims"}
    by_id = {d.doc_id: d for d in GOLD}
    for row in dataset:
        assert row_to_document(row) == by_id[row["doc_id"]]


def test_extraction_over_the_corpus_is_grounded(extractor):
    documents = list(extractor.pipe([(d.text, {"doc_id": d.doc_id}) for d in GOLD], as_tuples=True))
    assert len(documents) == len(GOLD)
    for document, _ in documents:
        assert_grounded(document)
        ids = {m.id for m in document.mentions}
        for claim in document.claims:
            assert claim.anchor in ids


def test_synthetic_gold_is_ours_and_named_for_what_it_is():
    synthetic = read_gold("synthetic")
    texts = {p.stem: p for p in (CORPUS / "synthetic" / "texts").glob("*.txt")}
    assert len(synthetic) == len(texts) > 0
    for document in synthetic:
        assert document.doc_id.startswith("synthetic-")
        assert document.text == read_document(texts[document.doc_id])
    readme = (CORPUS / "synthetic" / "README.md").read_text(encoding="utf-8")
    assert "not held-out and not blind" in readme
    assert not (CORPUS / "heldout").exists() and not (CORPUS / "blind").exists()


def test_every_real_gold_document_has_a_class():
    classes = read_doc_classes()
    assert set(classes.values()) <= set(DOC_CLASS_NAMES)
    real = [d.doc_id for d in GOLD]
    if DEV_GOLD.exists():
        real += [normalise_doc_id(d.doc_id) for d in read_gold("dev")]
    assert [d for d in real if d not in classes] == []


def test_a_class_row_outside_the_three_classes_is_refused(tmp_path):
    bad = tmp_path / "classes.tsv"
    bad.write_text("doc_id\tclass\nh99\twire release\nh98\tfeature\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{bad}:3"):
        read_doc_classes(bad)
