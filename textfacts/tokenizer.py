"""The one place textfacts changes spaCy's tokenizer, for every layer at once.

Spans must start and end on token boundaries, and the stock English rules keep several of
the genre's forms as one token:

- a currency mark or code glued to digits, before or after ("RMB43.85", "HK$12", "115USD");
- a scale abbreviation glued to digits ("5.2bn");
- a percent range without spaces ("9.5%-11%"), and a money range whose second end repeats
  the mark ("$5-$7");
- header fields glued by "|" or "Label:" ("ChinaNews|Published:2026-02-05", "Tel:+86-10").

Clock times ("15:45:01") stay whole: the header colon must follow a letter. Codes that are
also words or names ("COP28") are never split off a number.

spaCy rebuilds its whole special-case table each time one tokenizer rule is assigned (about
0.1 s apiece here), so every change goes into one new `Tokenizer`, built once per pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from textfacts.normalize.money import currency_rows
from textfacts.normalize.numbers import scale_table
from textfacts.normalize.units import unit_rows

BEFORE_DIGIT = "(?=[0-9])"
HEADER_INFIX = r"\||(?<=[A-Za-z]):(?=[+0-9])"
PERCENT_RANGE_INFIX = "(?<=[0-9])%(?=[-\u2013][0-9])|(?<=[0-9]%)[-\u2013](?=[0-9])"


def _alternation(surfaces: set[str]) -> str:
    """Longest first, so "HK$" wins over "$"."""
    return "|".join(sorted(surfaces, key=lambda s: (-len(s), s)))


def additions(data_dir: str | Path | None = None) -> tuple[list[str], list[str], list[str]]:
    """Prefix, suffix and infix entries textfacts puts before the language's own.

    Entries follow spaCy's conventions (`compile_prefix_regex` adds "^", the suffix one "$").
    """
    key = None if data_dir is None else str(data_dir)
    rows = currency_rows(key)
    before = {
        re.escape("".join(r.surface.split()))
        for r in rows
        if r.position != "after" and r.case == "any"
    }
    after = {
        re.escape("".join(r.surface.split()))
        for r in rows
        if r.position != "before" and (r.surface.isupper() or not r.surface.isascii())
    }
    # "$13.6M", "€10B": wire copy capitalises the glued scale letters.
    after |= {re.escape(v) for s in scale_table(key) if s.isalpha() for v in (s, s.upper())}
    # Wire and UK copy glue percent abbreviations to the digits: "1.38pc", "15bps".
    after |= {
        re.escape(r.surface) for r in unit_rows(key) if r.kind == "percent" and r.surface.isalpha()
    }
    marks = _alternation(before)
    return (
        [f"[-\u2212+](?=(?:{marks})[0-9])", f"~{BEFORE_DIGIT}", f"(?:{marks}){BEFORE_DIGIT}"],
        [f"(?<=[0-9])(?:{_alternation(after)})"],
        # "$5-$7": a range dash between digits and a currency mark that opens the next figure
        [
            PERCENT_RANGE_INFIX,
            HEADER_INFIX,
            f"(?<=[0-9])[-\u2013](?=(?:{marks})[0-9])|(?<=[0-9][-\u2013])(?:{marks})(?=[0-9])",
        ],
    )


def _build(
    nlp: Language,
    data_dir: str | Path | None,
    prefixes: list[str],
    suffixes: list[str],
    infixes: list[str],
    rules: dict[str, Any],
    token_match: Callable[..., Any] | None,
    url_match: Callable[..., Any] | None,
    faster_heuristics: bool = True,
) -> Tokenizer:
    """One Tokenizer, so spaCy builds its special-case table once."""
    prefix, suffix, infix = additions(data_dir)
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefix + prefixes).search,
        suffix_search=compile_suffix_regex(suffix + suffixes).search,
        infix_finditer=compile_infix_regex(infix + infixes).finditer,
        token_match=token_match,
        url_match=url_match,
        faster_heuristics=faster_heuristics,
    )


@registry.tokenizers("textfacts.Tokenizer.v1")
def create_tokenizer(data_dir: str | None = None) -> Callable[[Language], Tokenizer]:
    """The language's default tokenizer with textfacts' entries first (model config.cfg)."""

    def factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return _build(
            nlp,
            data_dir,
            list(defaults.prefixes or []),
            list(defaults.suffixes or []),
            list(defaults.infixes or []),
            dict(defaults.tokenizer_exceptions),
            defaults.token_match,
            defaults.url_match,
        )

    return factory


def _pattern(bound: Callable[..., Any] | None) -> list[str]:
    """The pattern behind a compiled regex's bound `search`/`finditer`, as one entry."""
    return [bound.__self__.pattern] if bound is not None else []


def is_customized(nlp: Language) -> bool:
    """Whether this pipeline's tokenizer already carries textfacts' entries."""
    infix = _pattern(nlp.tokenizer.infix_finditer)
    return bool(infix) and PERCENT_RANGE_INFIX in infix[0]


def customize(nlp: Language, data_dir: str | Path | None = None) -> None:
    """Put textfacts' entries in front of an already loaded tokenizer's. Idempotent.

    For pipelines not built from a textfacts model config (a component added to a user's
    own pipeline); the model config builds the same tokenizer with `textfacts.Tokenizer.v1`.
    """
    if is_customized(nlp):
        return
    old = nlp.tokenizer
    prefix = [p.removeprefix("^") for p in _pattern(old.prefix_search)]
    suffix = [p.removesuffix("$") for p in _pattern(old.suffix_search)]
    nlp.tokenizer = _build(
        nlp,
        data_dir,
        prefix,
        suffix,
        _pattern(old.infix_finditer),
        old.rules,
        old.token_match,
        old.url_match,
        old.faster_heuristics,
    )
