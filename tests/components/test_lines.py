"""textfacts_lines: every line starts a sentence, so header lines never join the body's parse."""

from __future__ import annotations

from helpers import assert_grounded


def test_each_line_starts_a_sentence(extractor):
    text = (
        "Exports climb in October\nBy Staff Reporter\nPublished: Nov 3, 2026\n\n"
        "Exports rose 6 percent in October. Imports were flat.\n"
    )
    doc = extractor.nlp(extractor.make_doc(text))
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[:3] == ["Exports climb in October", "By Staff Reporter", "Published: Nov 3, 2026"]
    assert "Exports rose 6 percent in October." in starts
    assert_grounded(extractor(text))


def test_sentences_inside_a_line_are_still_split_by_the_parser(extractor):
    doc = extractor.nlp(extractor.make_doc("Exports rose 6 percent. Imports fell 2 percent.\n"))
    assert len([s for s in doc.sents if s.text.strip()]) == 2


def test_runs_before_the_parser(extractor):
    names = extractor.nlp.pipe_names
    assert names.index("textfacts_lines") < names.index("parser")
