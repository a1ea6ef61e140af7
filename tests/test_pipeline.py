import json
import os
import subprocess
import sys

import spacy
from helpers import assert_grounded, find

import textfacts
from textfacts.schema import Document


def test_extract_returns_grounded_document():
    document = textfacts.extract("Exports rose 8.7% to 1.2 trillion yuan.")
    assert isinstance(document, Document)
    assert_grounded(document)
    assert find(document, "PERCENT", "8.7%") is not None


def test_doc_extension_carries_the_document(extractor):
    doc = extractor.nlp(extractor.make_doc("Imports fell 2.1% in July 2024.", doc_id="x"))
    assert doc._.textfacts.doc_id == "x"
    assert_grounded(doc._.textfacts)


def test_pipe_streams_and_matches_single_calls(extractor, seed_texts):
    texts = list(seed_texts.values())
    single = [extractor(t, doc_id=f"doc{i}").to_dict() for i, t in enumerate(texts)]
    streamed = [d.to_dict() for d in extractor.pipe(texts, batch_size=2)]
    assert streamed == single


def test_pipe_with_two_processes_equals_sequential(extractor, seed_texts):
    items = [(t, {"doc_id": k}) for k, t in seed_texts.items()]
    sequential = [d.to_dict() for d, _ in extractor.pipe(items, as_tuples=True)]
    parallel = [d.to_dict() for d, _ in extractor.pipe(items, as_tuples=True, n_process=2)]
    assert parallel == sequential


def test_factories_work_in_a_blank_pipeline_via_entry_points():
    nlp = spacy.blank("en")
    nlp.add_pipe("textfacts_header")
    doc = nlp("ChinaNews|Published:2027-03-11 09:12:40\nShare This Story\nBody text.")
    assert doc._.textfacts_state["meta"]["published"] == "2027-03-11"


def test_bundled_model_loads_from_another_directory(tmp_path):
    code = "import textfacts; print(textfacts.load().model_dir)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert "customs-en" in out.stdout


def test_meta_given_by_the_caller_wins(extractor):
    document = extractor("Trade grew this year.", meta={"published": "2024-08-09"})
    assert document.meta.published == "2024-08-09"
    json.loads(document.to_json())
