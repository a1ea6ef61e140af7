"""textfacts_numbers: MONEY, PERCENT and QUANTITY spans with value, unit and bound.

Candidates come from spaCy Matcher patterns kept as data rows (patterns/money.jsonl,
percent.jsonl, quantity.jsonl). A pattern token is a plain Matcher token spec or a macro
``{"@": name}`` that expands from the lexicons (currencies, scales, units, number words), so a
new currency or unit is one TSV row, not a new pattern. Each macro token carries a role
(number, scale, currency_before, counted ...); the Matcher's alignments tell which token
played which role, and the pure functions in textfacts.normalize turn the roles into
value, unit and bound. Qualifiers stay outside the span and are read from the tokens before
it (ANNOTATION.md §2).

Measured and left out: spaCy's NER labels (it tags "5-7 days" DATE, "8.7 per cent" MONEY,
"2.5 percentage points" CARDINAL) and quantulum3 (on the seed and dev gold it resolves 2 of
26 QUANTITY mentions, since counted nouns come back "dimensionless", adds about 45 spurious
unit readings and costs about a second per document; it reads physical units in the
Recognizers-Text DimensionModel cases better, 52/67 against 35/66, which this genre rarely
needs).
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._context import text_of
from textfacts.components._spans import set_attrs, write_group
from textfacts.components._windows import WindowedMatcher
from textfacts.normalize.money import currency_iso, currency_rows, currency_table
from textfacts.normalize.numbers import (
    NUMBER,
    is_year,
    number_word_table,
    parse_number,
    scale_of,
    scale_table,
    words_to_number,
)
from textfacts.normalize.units import (
    bound_rows,
    percent_unit,
    unit_lemma,
    unit_rows,
    unit_table,
)
from textfacts.resources import data_path, read_jsonl
from textfacts.tokenizer import customize

GROUP = "textfacts_numbers"
PATTERN_FILES = ("patterns/money.jsonl", "patterns/percent.jsonl", "patterns/quantity.jsonl")
PRIORITY = {"MONEY": 0, "PERCENT": 1, "QUANTITY": 2}

# A day number after a month name is part of a DATE ("February 4 to 6"), never a figure.
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "jan.",
    "feb",
    "feb.",
    "mar",
    "mar.",
    "apr",
    "apr.",
    "jun",
    "jun.",
    "jul",
    "jul.",
    "aug",
    "aug.",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "oct",
    "oct.",
    "nov",
    "nov.",
    "dec",
    "dec.",
}
DAY = re.compile(r"^\d{1,2}$")
GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$")
THREE_DIGITS = re.compile(r"^\d{3}$")
# The text a GROUPED token, one space and a THREE_DIGITS token hold: absent, nothing merges.
SPACED_GROUP = re.compile(r",\d{3} \d{3}")
SPELLED_DECIMAL = re.compile(r"(?<![\w.-])\d+-point-\d+(?![\w.])")
# "the first 7 months", "the past 3 years": calendar periods the dates component resolves.
PERIOD_UNITS = {"month", "year", "quarter"}
PERIOD_OPENERS = {"first", "last", "past", "next", "previous", "recent", "coming", "initial"}
# Tokens a verb of passing may reach over: "exceeded the 21 trillion yuan mark".
SKIPPABLE_POS = {"DET", "ADV"}
VERB_REACH = 3
# Roles a token may play when glued to the digits before it: "5bn", "43.85tn", "115USD", "20kg".
GLUE_ROLES = {"scale", "currency_after", "unit", "percent"}
# "from X to Y" after these words spans a range ("prices range from $5 to $9"); after a verb
# of change, or a noun of change, it names two levels ("cut from 5 to 2 days").
RANGE_VERBS = {"range", "vary", "price", "cost", "run", "span", "stretch"}
CHANGE_NOUNS = {
    "increase",
    "rise",
    "decline",
    "drop",
    "fall",
    "growth",
    "jump",
    "cut",
    "reduction",
    "change",
    "shift",
    "expansion",
    "climb",
    "slide",
    "surge",
    "hike",
    "decrease",
    "move",
}
# "rose 1.3 points to 15%", "fell $2 to $40": after these a "to" joins a change and the level
# it reached, not two ends of a range.
CHANGE_VERBS = {
    "rise",
    "fall",
    "grow",
    "increase",
    "decrease",
    "drop",
    "decline",
    "climb",
    "jump",
    "slide",
    "gain",
    "lose",
    "add",
    "shed",
    "surge",
    "slip",
    "edge",
    "dip",
    "rally",
    "tumble",
    "plunge",
    "sink",
    "soar",
    "up",
    "down",
    "by",
    "cut",
    "raise",
    "lift",
    "lower",
}
# A written sign glued to a figure: "-$5 million", "-1.3%" (wire market reports).
SIGNS = {"-": -1.0, "\u2212": -1.0, "+": 1.0}
# "¥" is the yuan in text about China and the yen elsewhere; these words say "China".
CHINA_CONTEXT = re.compile(r"\b(?:yuan|rmb|renminbi|cny|china|chinese)\b", re.IGNORECASE)
YEN_MARKS = {"¥", "￥", "Y="}
# £ and ¥ as ASCII transliteration writes them ("PS2.7m", "Y=28,030"): marks only in that
# case, glued to a figure with a scale, a decimal point or digit groups; "PS5" is a console.
FOLDED_MARKS = {"PS", "Y="}
RATE_WORDS = {"a", "an", "per", "/"}
# "pounds" is money or weight; these words in its sentence say weight ("weighed 176 pounds",
# "dropped from 208 pounds to 193 by exercising"), and the figure becomes a QUANTITY.
POUNDS = {"pound", "pounds"}
WEIGHT_CUES = {
    "weigh",
    "weighs",
    "weighed",
    "weighing",
    "weight",
    "weights",
    "heavier",
    "lighter",
    "overweight",
    "obese",
    "diet",
    "dieting",
    "exercise",
    "exercising",
    "shape",
    "lbs",
}


class PatternRow(BaseModel):
    """One Matcher pattern row of patterns/{money,percent,quantity}.jsonl."""

    model_config = ConfigDict(extra="forbid")
    id: str
    label: Literal["MONEY", "PERCENT", "QUANTITY", "CONTEXT", "COUNT_CONTEXT"]
    pattern: list[dict[str, Any]]
    example: str
    context: bool = False


@dataclass
class Candidate:
    """A matched figure before overlap resolution."""

    span: Span
    row: PatternRow
    attrs: dict[str, Any] = field(default_factory=dict)
    reach: int = 0  # tokens the whole match covers, tails included

    @property
    def rank(self) -> tuple[int, int, int]:
        """Explicit figures first, MONEY over PERCENT over QUANTITY, then the longest.

        So "$ 150 million senior notes" stays MONEY rather than a QUANTITY of notes.
        """
        return (int(self.row.context), PRIORITY[self.span.label_], -len(self.span))

    @cached_property
    def order(self) -> tuple[Any, ...]:
        """Resolution order: rank, then position; the match that read more text wins.

        Of equal spans the one with a shared scale wins; of fully equal keys the first match.
        """
        return (self.rank, self.span.start, -self.reach)


@dataclass
class Reading:
    """A match read as a figure's span and resolution order, before it is interpreted."""

    row: PatternRow
    start: int
    end: int
    roles: list[str]
    span_start: int
    span_end: int
    geometry: tuple[int, int, int]  # (lead, head, sign) as `Numbers._geometry` gives them

    @cached_property
    def order(self) -> tuple[Any, ...]:
        """The order its candidate would have (`Candidate.order`), known without interpreting."""
        rank = (int(self.row.context), PRIORITY[self.row.label], self.span_start - self.span_end)
        return (rank, self.span_start, self.start - self.end)


def _sequences(
    nlp: Language, surface: str, glue: Literal["before", "after"]
) -> set[tuple[str, ...]]:
    """Token sequences of a lexicon surface as the tokenizer splits it beside a number."""
    seqs = {tuple(t.text for t in nlp.make_doc(surface))}
    for probe in (" ", ""):
        text = surface + probe + "5" if glue == "before" else "5" + probe + surface
        tokens = [t.text for t in nlp.make_doc(text)]
        if glue == "before" and tokens[-1] == "5":
            seqs.add(tuple(tokens[:-1]))
        if glue == "after" and tokens[0] == "5":
            seqs.add(tuple(tokens[1:]))
    return {s for s in seqs if s}


def _variants(seqs: set[tuple[str, ...]], exact: bool) -> list[list[dict[str, Any]]]:
    """Matcher token specs for a set of token sequences: one variant per sequence length."""
    by_length: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for seq in seqs:
        by_length[len(seq)].append(seq)
    attr = "ORTH" if exact else "LOWER"
    variants = []
    for length, group in sorted(by_length.items()):
        variants.append(
            [
                {attr: {"IN": sorted({s[i] if exact else s[i].lower() for s in group})}}
                for i in range(length)
            ]
        )
    return variants


class Numbers:
    """Number-layer extractor: Matcher candidates → normalised, non-overlapping spans."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        key = None if data_dir is None else str(data_dir)
        self.currencies = currency_table(key)
        self.scales = scale_table(key)
        self.number_words = number_word_table(key)
        self.units = unit_table(key)
        self.bounds_before: dict[str, tuple[str, str]] = {}
        self.bounds_after: dict[str, str] = {}
        customize(nlp, data_dir)
        for row in bound_rows(key):
            words = " ".join(t.lower_ for t in nlp.make_doc(row.surface))
            if row.position == "before":
                self.bounds_before[words] = (row.bound, row.kind)
            else:
                self.bounds_after[words] = row.bound
        self.max_bound_len = max(len(k.split()) for k in self.bounds_before)
        self.macros = self._macros(nlp, key)
        self.rows: list[PatternRow] = []
        for relative in PATTERN_FILES:
            self.rows.extend(read_jsonl(data_path(data_dir, relative), PatternRow))
        self.matcher = WindowedMatcher(nlp.vocab)
        self.roles: dict[int, tuple[PatternRow, list[str]]] = {}
        expanded = {row.id: expand(row.pattern, self.macros) for row in self.rows}
        # A figure whose unit a context phrase names waits for a phrase of its kind to match.
        phrases = {
            label: [
                f"{r.id}#{n}"
                for r in self.rows
                if r.label == label
                for n in range(len(expanded[r.id]))
            ]
            for label in ("CONTEXT", "COUNT_CONTEXT")
        }
        for row in self.rows:
            when = (
                phrases["CONTEXT" if row.label == "MONEY" else "COUNT_CONTEXT"]
                if row.context
                else []
            )
            for number, (specs, roles) in enumerate(expanded[row.id]):
                match_key = f"{row.id}#{number}"
                # Grouped by what opens them: each group runs only where it can open a match.
                self.matcher.add(match_key, specs, group=_opener(specs, roles), when=when)
                self.roles[nlp.vocab.strings.add(match_key)] = (row, roles)

    def _macros(self, nlp: Language, key: str | None) -> dict[str, list[list[dict[str, Any]]]]:
        """Macro name → token-spec variants, built from the lexicons."""
        before: dict[bool, set[tuple[str, ...]]] = {True: set(), False: set()}
        after: dict[bool, set[tuple[str, ...]]] = {True: set(), False: set()}
        for row in currency_rows(key):
            exact = row.case == "exact"
            if row.position in ("before", "both"):
                before[exact] |= _sequences(nlp, row.surface, "before")
            if row.position in ("after", "both"):
                after[exact] |= _sequences(nlp, row.surface, "after")
        percent: set[tuple[str, ...]] = set()
        units: set[tuple[str, ...]] = set()
        for row in unit_rows(key):
            target = percent if row.kind == "percent" else units
            target |= _sequences(nlp, row.surface, "after")
        # Nouns that name a currency, a percent or a scale never end a counted-noun QUANTITY.
        excluded = {s[-1].lower() for group in (*after.values(), percent) for s in group}
        excluded |= set(self.scales) | MONTHS
        excluded |= {w for w, (_, kind) in self.number_words.items() if kind != "article"}
        excluded = sorted(excluded)
        return {
            "number": [[{"TEXT": {"REGEX": NUMBER.pattern}}]],
            "numword": [[{"LOWER": {"IN": sorted(self.number_words)}}]],
            "scale": [[{"LOWER": {"IN": sorted(self.scales)}}]],
            "currency_before": _variants(before[False], False) + _variants(before[True], True),
            "currency_after": _variants(after[False], False) + _variants(after[True], True),
            "percent": _variants(percent, False),
            "unit": _variants(units, False),
            "counted": [
                [{"TAG": {"IN": ["NNS", "NNPS"]}, "LOWER": {"NOT_IN": excluded}, "IS_PUNCT": False}]
            ],
            # Words between a number and its counted noun: "11 million registered users",
            # "18 APEC economies", "7 billion cross-border e-commerce packages".
            "modifier": [
                [
                    {
                        "TAG": {
                            "IN": [
                                "JJ",
                                "JJR",
                                "JJS",
                                "NN",
                                "NNP",
                                "NNS",
                                "NNPS",
                                "VBN",
                                "VBG",
                                "HYPH",
                            ]
                        },
                        "LOWER": {"NOT_IN": excluded},
                        "LIKE_NUM": False,
                    }
                ]
            ],
            "range": [[{"LOWER": {"IN": ["-", "\u2013", "to", "~"]}}]],
            "hyphen": [[{"ORTH": {"IN": ["-", "\u2013"]}}]],
            "plus": [[{"ORTH": "+"}]],
            "sign": [[{"LOWER": "minus"}]],
        }

    def __call__(self, doc: Doc) -> Doc:
        """Match, interpret, resolve overlaps, set bounds and write the span group."""
        merge_spelled_decimals(doc)
        merge_spaced_groups(doc, self.scales)
        # One Token object per word for every reading: doc[i] builds a new one on each access.
        tokens = list(doc)
        found = self._read(doc, self.matcher.grouped(doc), tokens)
        if found is None:  # matches of two pattern groups tie: their whole-Doc order decides
            found = self._read(doc, [self.matcher(doc)], tokens)
        contexts, counts, readings = found
        spans = []
        taken: set[int] = set()
        lowers: list[str] | None = None  # each token's lower case, once a figure needs a bound
        # In resolution order; a reading whose span is already taken is never interpreted.
        for reading in sorted(readings, key=lambda r: r.order):
            if taken.intersection(range(reading.span_start, reading.span_end)):
                continue
            candidate = self._interpret(
                doc,
                reading.row,
                reading.start,
                reading.end,
                reading.roles,
                tokens,
                reading.geometry,
            )
            if candidate is None:
                continue
            span = candidate.span
            if _glued_to_a_number(tokens, span.start):
                continue  # "2030-03-07": the tail of a numeric date or code is no figure
            if candidate.row.context:
                unit = (
                    _context_currency(doc, span, contexts)
                    if span.label_ == "MONEY"
                    else _context_count(doc, span, counts)
                )
                if unit is None:
                    continue
                candidate.attrs["unit"] = unit
            if lowers is None:
                lowers = [t.lower_ for t in tokens]
            candidate.attrs.setdefault("bound", self._bound(tokens, span, lowers))
            if span.label_ == "MONEY":
                per = _rate_noun(tokens, span.end)
                if per:
                    candidate.attrs["per"] = per
            candidate.attrs["rule"] = candidate.row.id
            set_attrs(span, candidate.attrs)
            taken.update(range(span.start, span.end))
            spans.append(span)
        write_group(doc, GROUP, spans)
        return doc

    def _read(
        self,
        doc: Doc,
        groups: list[list[tuple[int, int, int, list[int]]]],
        tokens: list[Token] | None = None,
    ) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[Reading]] | None:
        """Currency contexts, counted-noun contexts and figure readings, from each group's matches.

        A reading knows its span and resolution order before it is interpreted. Where two
        readings tie (the first one in match order wins), they must come from one group, whose
        matches keep their whole-Doc order; None when a tie spans two groups. A figure whose
        unit a context phrase names is read only when the text has such a phrase: otherwise it
        is dropped in any case, and no tie of it can matter (it ranks after every explicit
        figure). `tokens` is list(doc), when the caller holds it.
        """
        tokens = list(doc) if tokens is None else tokens
        contexts: list[tuple[int, str]] = []
        # "the number of <noun>" phrase start → (end, counted noun); the longest reading wins:
        # "the number of registered customs brokers" counts brokers, not customs.
        longest: dict[int, tuple[int, str]] = {}
        readings: list[Reading] = []
        owners: dict[tuple[Any, ...], int] = {}  # tie key → the group that found it
        figures: list[tuple[int, PatternRow, int, int, list[str]]] = []
        for group, matches in enumerate(groups):
            for match_key, start, end, alignment in matches:
                row, roles = self.roles[match_key]
                token_roles = [roles[i] for i in alignment]
                if row.label == "CONTEXT":
                    iso = self._currency(doc, start, token_roles, "currency_after")
                    if iso:
                        contexts.append((tokens[start].idx, iso))
                    continue
                if row.label == "COUNT_CONTEXT":
                    if owners.setdefault(("count", start, end), group) != group:
                        return None
                    words = _role_words(tokens[start:end], token_roles, "counted", "and")
                    if end > longest.get(start, (0, ""))[0]:
                        longest[start] = (end, unit_lemma(words, self.units))
                    continue
                figures.append((group, row, start, end, token_roles))
        for group, row, start, end, token_roles in figures:
            if row.context and not (contexts if row.label == "MONEY" else longest):
                continue
            lead, head, sign = geometry = self._geometry(tokens, start, token_roles)
            reading = Reading(
                row, start, end, token_roles, start + lead - sign, start + head, geometry
            )
            if owners.setdefault(reading.order, group) != group:
                return None
            readings.append(reading)
        counts = [(tokens[start].idx, unit) for start, (_, unit) in longest.items()]
        contexts.sort()  # by position: looked up by bisection below
        counts.sort()
        return contexts, counts, readings

    def _geometry(self, tokens: list[Token], start: int, roles: list[str]) -> tuple[int, int, int]:
        """Where a match's figure starts and ends (lead, head) and 1 for a glued sign before it.

        Leads ("from", "between") and an article before a cardinal stay outside the span, as
        do tails ("..._tail" roles); a glued sign ("-$5 million") joins it.
        """
        lead = min(i for i, r in enumerate(roles) if r != "lead")
        lead += self._article_lead(tokens, start, lead, roles)
        head = max(i for i, r in enumerate(roles) if not r.endswith("tail")) + 1
        return lead, head, int(_glued_sign(tokens, start + lead))

    def _interpret(
        self,
        doc: Doc,
        row: PatternRow,
        start: int,
        end: int,
        roles: list[str],
        doc_tokens: list[Token] | None = None,
        geometry: tuple[int, int, int] | None = None,
    ) -> Candidate | None:
        """Value, unit and bound of one match from the roles its tokens played.

        Tokens in a "..._tail" role lend their unit, scale or currency to the figure but stay
        outside its span: "up 14.1 and 3.2 percent" gives PERCENT "14.1" (and, from another
        match, "3.2 percent"). `doc_tokens` is list(doc) and `geometry` the match's
        `_geometry`, when the caller holds them.
        """
        doc_tokens = list(doc) if doc_tokens is None else doc_tokens
        lead, head, sign = geometry or self._geometry(doc_tokens, start, roles)
        shared = head < len(roles)
        roles = [r[: -len("_tail")] if r.endswith("_tail") else r for r in roles]
        tokens = doc_tokens[start:end]
        numbers = [t for t, r in zip(tokens, roles, strict=True) if r == "number"]
        words = [
            t.text
            for t, r in zip(tokens[lead:], roles[lead:], strict=True)
            if r in ("numword", "hyphen")
        ]
        first = start + lead
        if not numbers and words and self._bare_article(words, tokens, roles):
            return None
        if (
            _after_month(doc_tokens, first)
            or _list_item(doc_tokens, first)
            or _after_number(doc_tokens, first)
        ):
            return None
        if any(_glued(doc_tokens, t.i, start, end, roles) for t in numbers) or _dash_not_sign(
            doc_tokens, first
        ):
            return None
        if row.label == "QUANTITY" and _after_label(doc_tokens, first):
            return None
        modifiers = [t for t, r in zip(tokens, roles, strict=True) if r == "modifier"]
        if any(
            a.tag_ in ("NNS", "NNPS") and b.tag_ in ("VBG", "VBN") and b.i == a.i + 1
            for a, b in itertools.pairwise(modifiers)
        ):
            return None  # "72 ports handling bulk cargo": the participle opens a clause
        joint = next((t.lower_ for t, r in zip(tokens, roles, strict=True) if r == "range"), "")
        if joint == "to" and _from_to(doc_tokens, first, end):
            return None  # "expand from 18 to 40 ports": two levels; "from 5-7% to 3%" is a range
        if "range" in roles and _change_then_level(doc_tokens, first, tokens, roles):
            return None
        if (
            "counted" in roles
            and "modifier" in roles
            and roles[roles.index("modifier") - 1] in ("number", "plus", "scale")
            and doc_tokens[start + roles.index("modifier")].tag_ == "HYPH"
        ):
            return None  # "68-ounce bars": the figure counts ounces, not bars
        if numbers:
            if (
                row.label == "QUANTITY"
                and any(is_year(t.text) for t in numbers)
                and "unit" not in roles
                and "scale" not in roles
            ):
                return None  # "2023 exports" is a DATE; "2,023 exports", "1800 thousand" are not
            if len(numbers) > 1 and any(is_year(t.text) for t in numbers):
                return None  # "2021-2025" is a DATE interval
            if shared and is_year(numbers[0].text):
                return None  # "in 2023 and 5 percent": a year, not an elided percent
            value = parse_number(numbers[0].text)
        else:
            number = words_to_number(words, self.number_words)
            if number is None or row.label == "QUANTITY":
                return None
            value = number
        if "sign" in roles:
            value = -value
        scale_words = [t for t, r in zip(tokens, roles, strict=True) if r == "scale"]
        if row.label != "MONEY" and any(len(t.text) == 1 for t in scale_words):
            return None  # "20m", "5b": million and billion only beside a currency
        scale = scale_of([t.text for t in scale_words], self.scales)
        attrs: dict[str, Any] = {"value": value * scale}
        if len(numbers) > 1 and "range" in roles:
            attrs["value"], attrs["value_max"] = self._range(numbers, scale_words)
        elif numbers and words and "range" in roles:
            # "a five per cent to 20 per cent rebound": a worded first end, a digit second end
            low = words_to_number(words, self.number_words)
            if low is None:
                return None
            attrs["value"], attrs["value_max"] = low * scale, attrs["value"]
        if sign:
            lead -= 1
            attrs["value"] *= SIGNS[doc_tokens[first - 1].text]
        span = Span(doc, start + lead, start + head, label=row.label)
        if row.label == "MONEY":
            before = self._currency(doc, start, roles, "currency_before")
            after = self._currency(doc, start, roles, "currency_after")
            if before and after and not _same_currency_twice(doc_tokens, end, before, after):
                return None
            iso = before or after
            if iso is None and not row.context:
                return None
            if before and not _folded_mark_fits(doc_tokens, start, roles, numbers, scale_words):
                return None
            if iso == "CNY" and _yen_mark(doc_tokens, start, roles) and not _china_context(doc):
                iso = "JPY"
            if iso == "GBP" and _weight_pounds(doc, doc_tokens, start, roles):
                return None
            if iso:
                attrs["unit"] = iso
        elif row.label == "PERCENT":
            unit = percent_unit(_last_run(tokens, roles, "percent"), self.units)
            if unit is None:
                return None
            opening = _first_run(tokens, roles, "percent")
            if opening and percent_unit(opening, self.units) != unit:
                return None  # "2 percentage points to 5 percent" is never a range
            attrs["unit"] = unit
        elif not row.context:
            unit_words = _role_words(tokens, roles, "unit") or _role_words(
                tokens, roles, "counted", "and"
            )
            attrs["unit"] = unit_lemma(unit_words, self.units)
            if (
                attrs["unit"] in PERIOD_UNITS
                and first > 0
                and doc_tokens[first - 1].lower_ in PERIOD_OPENERS
            ):
                return None
        if "plus" in roles:
            attrs["bound"] = self.bounds_after.get("+", "at_least")
        return Candidate(span, row, attrs, end - start)

    def _range(self, numbers: list[Token], scales: list[Token]) -> tuple[float, float]:
        """Both ends of a range, each with its own scale (ANNOTATION.md §2).

        A bare first end shares the second's scale when it is not larger: "$10 to $15
        billion" is 1e10-1.5e10, "$200 to $4 million" is 200-4e6.
        """
        low, high = parse_number(numbers[0].text), parse_number(numbers[1].text)
        split = numbers[1].i
        low_scale = scale_of([t.text for t in scales if t.i < split], self.scales)
        high_scale = scale_of([t.text for t in scales if t.i > split], self.scales)
        if not any(t.i < split for t in scales) and low <= high:
            low_scale = high_scale
        return low * low_scale, high * high_scale

    def _article_lead(self, tokens: list[Token], start: int, lead: int, roles: list[str]) -> int:
        """1 when the figure opens with an article before a cardinal, else 0.

        "a five per cent rise" reads 5, not 1 + 5; the article stays outside the span.
        """
        i = start + lead
        if roles[lead] != "numword" or lead + 1 >= len(roles) or roles[lead + 1] != "numword":
            return 0
        first = self.number_words.get(tokens[i].lower_)
        second = self.number_words.get(tokens[i + 1].lower_)
        return int(bool(first and second and first[1] == "article" and second[1] == "cardinal"))

    def _bare_article(self, words: list[str], tokens: list[Token], roles: list[str]) -> bool:
        """Whether an article stands alone before a currency mark ("a $3,500 rent").

        Such an article is no figure; "a trillion yuan" and "a dollar" are.
        """
        if len(words) != 1 or self.number_words.get(words[0].lower(), (0, ""))[1] != "article":
            return False
        if "scale" in roles:
            return False
        marks = [t for t, r in zip(tokens, roles, strict=True) if r.startswith("currency")]
        return not any(t.is_alpha for t in marks)

    def _currency(self, doc: Doc, start: int, roles: list[str], role: str) -> str | None:
        """ISO code of the tokens that played a currency role, or None."""
        indices = [start + i for i, r in enumerate(roles) if r == role]
        if not indices:
            return None
        return currency_iso(doc[indices[0] : indices[-1] + 1].text, self.currencies)

    def _bound(self, tokens: list[Token], span: Span, lowers: list[str] | None = None) -> str:
        """Bound from a qualifier before the span, a verb of passing near it, or a tail after it.

        `lowers` holds each token's lower case, when the caller holds it.
        """
        lowers = [t.lower_ for t in tokens] if lowers is None else lowers
        end = span.start
        for reach in range(VERB_REACH + 1):
            for length in range(self.max_bound_len, 0, -1):
                if end - length < 0:
                    continue
                found = self.bounds_before.get(" ".join(lowers[end - length : end]))
                if (
                    found
                    and found[1] == "verb"
                    and tokens[end - length].pos_ not in ("VERB", "AUX")
                    and not lowers[end - length].endswith(("ing", "ed"))
                ):
                    # "the Top 10 cases": a bare verb of passing only as a verb; its -ing/-ed
                    # forms ("Exceeding 5%", mis-tagged NOUN at a sentence start) always are
                    continue
                if found and (reach == 0 or found[1] == "verb"):
                    return found[0]
            if end == 0 or not _skippable(tokens[end - 1]):
                break
            end -= 1
        for length in (2, 1):
            key = " ".join(lowers[span.end : span.end + length])
            if span.end + length <= len(tokens) and key in self.bounds_after:
                return self.bounds_after[key]
        return "exact"


def expand(
    pattern: list[dict[str, Any]], macros: dict[str, list[list[dict[str, Any]]]]
) -> list[tuple[list[dict[str, Any]], list[str]]]:
    """Expand macro tokens into plain Matcher patterns, each with the role of every token.

    A macro with several variants (currency surfaces of one, two or three tokens) yields one
    pattern per combination; "OP": "?" adds the combination without it; "*"/"+" apply only to
    one-token macros.
    """
    options: list[list[tuple[list[dict[str, Any]], list[str]]]] = []
    for raw in pattern:
        spec = dict(raw)
        if "@" not in spec:
            role = spec.pop("role", "word")
            options.append([([spec], [role])])
            continue
        name = spec.pop("@")
        op = spec.pop("OP", None)
        role_name = spec.pop("role", name)
        variants = macros[name]
        if op in ("*", "+"):
            if len(variants) != 1 or len(variants[0]) != 1:
                raise ValueError(f"macro {name!r} has multi-token variants; it cannot take OP {op}")
            options.append([([{**variants[0][0], "OP": op}], [role_name])])
            continue
        choices = [([dict(s) for s in variant], [role_name] * len(variant)) for variant in variants]
        if op == "?":
            choices.append(([], []))
        options.append(choices)
    expanded = []
    for combination in itertools.product(*options):
        specs = [s for part, _ in combination for s in part]
        roles = [r for _, part in combination for r in part]
        if specs:
            expanded.append((specs, roles))
    return expanded


def _opener(specs: list[dict[str, Any]], roles: list[str]) -> str:
    """The group of an expanded pattern: the role of its first token, or its word."""
    if roles[0] in ("lead", "word"):
        return json.dumps(specs[0], sort_keys=True)
    return roles[0]


def _last_run(tokens: list[Token], roles: list[str], role: str) -> list[str]:
    """Words of the last unbroken run of tokens in a role ("9.5%-11%" → ["%"])."""
    last: list[str] = []
    current: list[str] = []
    for token, played in zip(tokens, roles, strict=True):
        if played == role:
            current.append(token.text)
        elif current:
            last, current = current, []
    return current or last


def _first_run(tokens: list[Token], roles: list[str], role: str) -> list[str]:
    """Words of the first run of tokens in a role, when a later run follows it."""
    runs: list[list[str]] = []
    previous = ""
    for token, played in zip(tokens, roles, strict=True):
        if played == role:
            if previous != role:
                runs.append([])
            runs[-1].append(token.text)
        previous = played
    return runs[0] if len(runs) > 1 else []


def _role_words(tokens: list[Token], roles: list[str], *wanted: str) -> list[str]:
    return [t.text for t, r in zip(tokens, roles, strict=True) if r in wanted]


def _skippable(token: Token) -> bool:
    return token.pos_ in SKIPPABLE_POS or token.text == ","


def _glued(tokens: list[Token], i: int, start: int, end: int, roles: list[str]) -> bool:
    """A digit glued to letters that are no unit ("5G", "3D", "4K") is a name, not a figure."""
    if tokens[i].whitespace_ or i + 1 >= len(tokens) or not tokens[i + 1].is_alpha:
        return False
    return i + 1 >= end or roles[i + 1 - start] not in GLUE_ROLES


def _dash_not_sign(tokens: list[Token], start: int) -> bool:
    """ "70-300mm": a dash glued between two numbers is a range dash, not a minus sign."""
    token = tokens[start]
    if start == 0 or token.text[:1] not in "-\u2013" or tokens[start - 1].whitespace_:
        return False
    return tokens[start - 1].text[-1:].isdigit()


def _after_label(tokens: list[Token], start: int) -> bool:
    """A number after a capitalised label noun is a name ("Phase 2 projects", "Article 5")."""
    if start == 0:
        return False
    prev = tokens[start - 1]
    return prev.is_title and prev.pos_ in ("NOUN", "PROPN")


def _same_currency_twice(tokens: list[Token], end: int, before: str, after: str) -> bool:
    """ "RMB 12 billion yuan" names one currency twice; "10 rmb 20 usd" and "$ 20 $ 37" do not.

    The currency after the number must be the same currency, written as a word, and must
    not open the next figure.
    """
    last = tokens[end - 1]
    opens_next = end < len(tokens) and bool(NUMBER.match(tokens[end].text))
    return before == after and last.is_alpha and not last.is_upper and not opens_next


def _after_month(tokens: list[Token], start: int) -> bool:
    """A day number right after a month name belongs to a DATE ("February 4 to 6").

    Only a plain one- or two-digit number is a day: "December 26,748.700 million yuan" (a
    machine-translated release) is a figure.
    """
    return start > 0 and tokens[start - 1].lower_ in MONTHS and bool(DAY.match(tokens[start].text))


def _from_to(tokens: list[Token], start: int, end: int) -> bool:
    """ "from X to Y" names a start and an end ("cut from 5 to 2 days"), unless it spans a range.

    "ranging from 3 to 5 days", "priced from $5 to $9" and "fines from $250 to $1,000" (a
    noun's span) are ranges; after a verb ("expand from 18 to 40 ports") or a noun of change
    ("an increase from 5 to 7 percent") X and Y are two levels, each a figure of its own.
    When "to" and another range follow ("cut its forecast from 4 to 6 percent to 2 to 3
    percent"), the change runs from range to range, so "X to Y" is the first one.
    """
    if start == 0 or tokens[start - 1].lower_ != "from":
        return False
    if _range_follows(tokens, end):
        return False
    if start > 1 and tokens[start - 2].lemma_.lower() in RANGE_VERBS:
        return False
    head = tokens[start - 1].head
    if head.pos_ in ("VERB", "AUX"):
        return head.lemma_.lower() not in RANGE_VERBS
    return head.lemma_.lower() in CHANGE_NOUNS


def _range_follows(tokens: list[Token], end: int) -> bool:
    """Whether "to" and a range follow: "to 2 to 3 percent", "to $8-$9 billion".

    A single figure after it ("rises from $160 to $180 to $200") is a third level.
    """
    if end >= len(tokens) or tokens[end].lower_ != "to":
        return False
    i = _figure_at(tokens, end + 1)
    if i is None or i + 1 >= len(tokens) or tokens[i + 1].lower_ not in ("to", "-", "\u2013"):
        return False
    return _figure_at(tokens, i + 2) is not None


def _figure_at(tokens: list[Token], i: int) -> int | None:
    """Index of the number at i, or after one currency mark at i ("$2"); never a year."""
    if i < len(tokens) and not tokens[i].is_alpha and not NUMBER.match(tokens[i].text):
        i += 1  # a currency mark before the figure
    if i < len(tokens) and NUMBER.match(tokens[i].text) and not is_year(tokens[i].text):
        return i
    return None


def _after_number(tokens: list[Token], start: int) -> bool:
    """A figure right after another one is the tail of a number with spaced digit groups.

    "1,250 300 times": without a scale word after them the groups are not merged
    (`merge_spaced_groups`), and the tail is not read as a figure of its own. A signed
    figure opens a new one ("Stoxx 50 -1.3%").
    """
    return (
        start > 0
        and bool(NUMBER.match(tokens[start - 1].text))
        and bool(NUMBER.match(tokens[start].text))
        and tokens[start].text[:1] not in SIGNS
    )


def _change_then_level(
    doc_tokens: list[Token], first: int, tokens: list[Token], roles: list[str]
) -> bool:
    """ "rose 1.3 points to 15%", "fell $2 to $40": a change and the level it reached.

    Only a "to" between two figures that each carry their unit or currency, right after a
    verb of change; "expect 5% to 6% growth" stays a range.
    """
    joints = [t for t, r in zip(tokens, roles, strict=True) if r == "range"]
    if not joints or joints[0].lower_ != "to" or first == 0:
        return False
    if "currency_repeat" not in roles and roles.count("percent") < 2:
        return False
    before = doc_tokens[first - 1]
    return before.lemma_.lower() in CHANGE_VERBS or before.lower_ in CHANGE_VERBS


def _rate_noun(tokens: list[Token], end: int) -> str | None:
    """The noun a price is counted per: "$52 a barrel", "50 cents per share", "$3,500 a month".

    The rate stays outside the span (§2 ends it at the currency); "$5 million a year ago" is a
    date, not a rate.
    """
    if end + 1 >= len(tokens) or tokens[end].lower_ not in RATE_WORDS:
        return None
    noun = tokens[end + 1]
    if (
        noun.lower_ in ("square", "cubic")
        and end + 2 < len(tokens)
        and tokens[end + 2].tag_ == "NN"
    ):
        return f"{noun.lower_} {tokens[end + 2].lower_}"  # "$1,100 per square foot"
    if noun.tag_ not in ("NN", "NNP") or not noun.is_alpha:
        return None
    if end + 2 < len(tokens) and tokens[end + 2].lower_ in ("ago", "earlier", "later", "before"):
        return None
    return noun.lower_


def _glued_sign(tokens: list[Token], first: int) -> bool:
    """A sign token glued to the figure and standing free before it: "-$5 million".

    Not a range dash ("$3-$5") and not a hyphen inside a word.
    """
    if first == 0 or tokens[first - 1].text not in SIGNS or tokens[first - 1].whitespace_:
        return False
    if first == 1:
        return True
    before = tokens[first - 2]
    return bool(before.whitespace_) or before.text in ("(", "[")


def _weight_pounds(doc: Doc, tokens: list[Token], start: int, roles: list[str]) -> bool:
    """Bare "pounds" in a sentence about body or parcel weight: a weight, not GBP."""
    marks = [tokens[start + i] for i, r in enumerate(roles) if r.startswith("currency")]
    if len(marks) != 1 or marks[0].lower_ not in POUNDS:
        return False
    sentence = marks[0].sent if doc.has_annotation("SENT_START") else doc[:]
    return any(t.lower_ in WEIGHT_CUES for t in sentence)


def _yen_mark(tokens: list[Token], start: int, roles: list[str]) -> bool:
    return any(
        tokens[start + i].text in YEN_MARKS for i, r in enumerate(roles) if r.startswith("currency")
    )


def _folded_mark_fits(
    tokens: list[Token], start: int, roles: list[str], numbers: list[Token], scales: list[Token]
) -> bool:
    """False for an ASCII-folded mark that may be a name: lower case, spaced, or "PS5"."""
    marks = [tokens[start + i] for i, r in enumerate(roles) if r == "currency_before"]
    if len(marks) != 1 or marks[0].text.upper() not in FOLDED_MARKS:
        return True
    mark = marks[0]
    if mark.text not in FOLDED_MARKS or mark.whitespace_ or not numbers:
        return False
    return bool(scales) or any(c in numbers[0].text for c in ",.")


def _china_context(doc: Doc) -> bool:
    """Whether the text speaks of China or its currency; read once per document."""
    key = "textfacts_china_context"
    if key not in doc.user_data:
        doc.user_data[key] = bool(CHINA_CONTEXT.search(text_of(doc)))
    return doc.user_data[key]


def merge_spelled_decimals(doc: Doc) -> None:
    """Merge "1-point-5" (tokenised "1", "-", "point-5") into one number token.

    CGTN transcripts spell decimals out; one token keeps the figure whole for every layer.
    """
    text = text_of(doc)
    if "-point-" not in text:
        return
    spans = [doc.char_span(m.start(), m.end()) for m in SPELLED_DECIMAL.finditer(text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span, attrs={"TAG": "CD", "POS": "NUM"})


def merge_spaced_groups(doc: Doc, scales: dict[str, float]) -> None:
    """Merge "2,517 300 million" into one number token "2,517 300" (= 2,517,300 million).

    Machine-translated GAC releases print a thousands group after a space; read before a
    scale word, the groups are one figure, not "2,517" and "300 million".
    """
    if not SPACED_GROUP.search(text_of(doc)):
        return
    spans = []
    for i in range(len(doc) - 2):
        token, group = doc[i], doc[i + 1]
        if (
            token.whitespace_ == " "
            and GROUPED.match(token.text)
            and THREE_DIGITS.match(group.text)
            and doc[i + 2].lower_ in scales
        ):
            spans.append(doc[i : i + 2])
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span, attrs={"TAG": "CD", "POS": "NUM"})


def _list_item(tokens: list[Token], start: int) -> bool:
    """A list number at a line start ("1. Improving ...", "2) ...") is not a figure."""
    if start + 1 >= len(tokens) or tokens[start + 1].text not in (".", ")"):
        return False
    return start == 0 or "\n" in tokens[start - 1].text_with_ws or tokens[start - 1].is_space


def _context_count(doc: Doc, span: Span, counts: list[tuple[int, str]]) -> str | None:
    """Counted noun set by "the number of <noun>" earlier in the same sentence.

    "The number of AEO enterprises has grown to more than 6,300" counts enterprises.
    """
    sentence = span.sent if doc.has_annotation("SENT_START") else span
    earlier = _between(counts, sentence.start_char, span.start_char)
    return max(earlier)[1] if earlier else None


def _between(items: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The (position, value) items, sorted, whose position is in [start, end)."""
    return items[bisect_left(items, (start,)) : bisect_left(items, (end,))]


def _context_currency(doc: Doc, span: Span, contexts: list[tuple[int, str]]) -> str | None:
    """Currency set by context ("In US dollar terms, exports were 2,212.5 million").

    The nearest phrase in the same sentence wins (before or after the figure); otherwise
    the nearest one earlier in the same paragraph.
    """
    if not contexts:
        return None
    sentence = span.sent if doc.has_annotation("SENT_START") else span
    same = [
        (abs(pos - span.start_char), iso)
        for pos, iso in _between(contexts, sentence.start_char, sentence.end_char)
    ]
    if same:
        return min(same)[1]
    paragraph_start = text_of(doc).rfind("\n", 0, span.start_char) + 1
    earlier = _between(contexts, paragraph_start, span.start_char)
    return max(earlier)[1] if earlier else None


@Language.factory(
    "textfacts_numbers",
    default_config={"data_dir": None},
    requires=["token.tag", "token.pos"],
    assigns=["doc.spans"],
)
def make_numbers(nlp: Language, name: str, data_dir: str | None) -> Numbers:
    """Factory for the numbers component."""
    return Numbers(nlp, name, data_dir)


def _glued_to_a_number(tokens: list[Token], start: int) -> bool:
    """Whether a figure starts right after "<digits>-" or "<digits>/" with no space between."""
    if start < 2:
        return False
    joint, before = tokens[start - 1], tokens[start - 2]
    return (
        joint.text in ("-", "/", "–")
        and not joint.whitespace_
        and not before.whitespace_
        and before.text.isdigit()
    )
