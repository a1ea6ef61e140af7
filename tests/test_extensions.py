"""The Doc state and span attributes read on the hot path are the ones spaCy's extensions hold."""

from __future__ import annotations

from textfacts.extensions import _STATE_KEY, span_attrs, state


def test_state_is_the_extension_value_and_read_straight_from_user_data(extractor):
    doc = extractor.make_doc("Exports rose 5 percent in May.")
    value = state(doc)
    value["marker"] = 1
    assert doc._.textfacts_state is value and state(doc) is value
    # the fast path reads spaCy's own slot; if spaCy moves it, state() still works but slowly
    assert doc.user_data.get(_STATE_KEY) is value


def test_span_attrs_are_the_span_extension_values(extractor):
    doc = extractor.nlp(extractor.make_doc("Exports rose 5 percent to 3.2 trillion yuan."))
    spans = list(doc.spans["textfacts_numbers"])
    assert spans
    for span in spans:
        assert span_attrs(span) == span._.textfacts
        assert span_attrs(span)["value"] is not None
