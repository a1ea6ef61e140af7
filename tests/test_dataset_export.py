"""Predictions export to a datasets.Dataset with the gold schema, and come back unchanged."""

import json

import pytest

from textfacts.corpus import row_to_document, to_dataset

TEXTS = [
    "Customs said rice imports fell 3.4 percent to 2.6 million tons in May, and the GAC will "
    "cut inspection fees by 5 to 8 percent.",
    "Zhou Lan, spokesperson of the Ministry of Commerce, said trade with ASEAN reached "
    "US$450 billion in 2024.",
]


@pytest.fixture(scope="module")
def documents(extractor):
    return [
        extractor(t, meta={"published": "2025-06-10"}, doc_id=f"p{i}") for i, t in enumerate(TEXTS)
    ]


def test_predictions_become_a_dataset_and_round_trip(documents):
    dataset = to_dataset(documents)
    assert dataset.num_rows == 2
    assert dataset["doc_id"] == ["p0", "p1"]
    for row, document in zip(dataset, documents, strict=True):
        assert row_to_document(row) == document


def test_an_extract_output_file_loads_as_a_dataset(documents, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(d.to_json() + "\n" for d in documents), encoding="utf-8")
    dataset = to_dataset(out)
    labels = [m["label"] for m in dataset[0]["mentions"]]
    assert "PERCENT" in labels and "QUANTITY" in labels
    assert json.loads(documents[1].to_json())["claims"] == [
        {k: v for k, v in claim.items()} for claim in dataset[1]["claims"]
    ]
