"""Routing by script: Han characters against Latin letters decide a text's language."""

import pytest

from textfacts.script import language_of, model_for


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("前三季度，我国货物贸易进出口增长5.2%。", "zh", id="chinese"),
        pytest.param("據海關統計，前三季度進出口增長5.2%。", "zh", id="traditional"),
        pytest.param("海关总署表示，RCEP和WTO规则为企业带来便利。", "zh", id="acronyms"),
        pytest.param("Exports rose 5.2% in the first three quarters.", "en", id="english"),
        pytest.param("The GAC (海关总署) said exports rose 5.2 percent.", "en", id="quoting"),
        pytest.param("Таможня сообщила об итогах года.", None, id="neither"),
        pytest.param("2024 — 5.2%", None, id="digits only"),
    ],
)
def test_language_of(text, lang):
    assert language_of(text) == lang


def test_model_for_defaults_to_english():
    assert model_for("出口增长") == "customs-zh"
    assert model_for("12345") == "customs-en"
