"""textfacts_entities: ORG, GPE, LOC, EVENT and PROGRAM spans with canonical names.

GAC/SCIO releases name the same few bodies over and over under many surfaces (GAC, GACC,
China Customs, Chinese Customs, a capitalised bare "Customs"), and the small spaCy model
labels them unevenly ("Smart Customs" as ORG, "Canton Fair" as ORG, a surname as ORG, "Jiangsu
province" with its generic noun). Candidates come from three sources, most trusted first:

1. the gazetteers (gazetteers/*.jsonl) through one PhraseMatcher on LOWER, kept when the text
   has the alias's own casing or is ALL CAPS (photo credits "FOR CHINA DAILY");
2. the construction patterns of patterns/entities.jsonl (Five-Year Plans, plenary sessions of a
   body, named departments, ports and airports, free trade zones, fairs, document titles in
   quotes or after "titled");
3. the parser's NER, trimmed (no "the", no possessive, no line break), run on over a following
   outlet word ("Hainan" + "Daily") and relabelled by the name's head word ("... Port" and
   "... Airport" are LOC, "... Daily" is ORG).

Overlaps resolve longest-first, then by source. An NER organisation that holds a gazetteer
place ("Shanghai Securities News", "Bank of China") replaces the place. An ordinal before a
recurring fair or expo numbers its edition ("the 136th Canton Fair"): it joins the span but
not the canonical name, so every edition shares one name; congresses and sessions keep it
("18th CPC National Congress"). A name defined with its abbreviation ("Authorized Economic
Operator (AEO)") lends its label and canonical name to the abbreviation elsewhere in the
document. Block rows veto generic uses ("Customs authorities") and known non-names (currency
codes, "COVID-19").

Places follow the guideline's split: GPE for countries, provinces, cities and SARs; LOC for
ports, airports, zones and the districts of free trade zones ("the port of Zhanjiang",
"Hengqin"); "the Tianjin municipal government" names the city. Title-Case headlines
capitalise every word, so open-ended programme and event patterns stay silent there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from textfacts.components._attribution import UNIT_WORDS
from textfacts.components._context import text_of
from textfacts.components._requires import check
from textfacts.components._spans import in_chrome, make_span, write_group
from textfacts.components._windows import WindowedMatcher, opener
from textfacts.components.dates import DateWordRow
from textfacts.errors import ResourceError
from textfacts.extensions import state
from textfacts.normalize.names import (
    canonical_form,
    customs_office,
    five_year_plan,
    has_five_year_plan,
    is_ordinal,
    is_title_phrase,
    title_case,
    trim_name,
)
from textfacts.offsets import Claimed, Containers, Ranges, longest_first
from textfacts.resources import data_path, read_jsonl, read_tsv

GROUP = "textfacts_entities"
NameLabel = Literal["ORG", "GPE", "LOC", "EVENT", "PROGRAM"]
GAZETTEERS = (
    "gazetteers/organizations.jsonl",
    "gazetteers/places.jsonl",
    "gazetteers/events.jsonl",
    "gazetteers/programs.jsonl",
)
# spaCy labels that may carry one of our names; PERSON and WORK_OF_ART only through a head word.
_NER_LABELS = {
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "EVENT": "EVENT",
    "LAW": "PROGRAM",
    "FAC": "LOC",
}
_HEAD_ONLY = {"PERSON", "WORK_OF_ART", "NORP", "PRODUCT"}
_MINOR = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "to",
        "on",
        "in",
        "at",
        "a",
        "an",
        "with",
        "by",
        "under",
        "into",
        "from",
        "&",
    }
)
_ARTICLES = frozenset({"the", "a", "an"})
_OPEN_QUOTES = {'"', "“"}
_CLOSE_QUOTES = {'"', "”"}
GAZETTEER, PATTERN, NER = 3, 2, 1
NUMBER_GROUPS = ("textfacts_numbers", "textfacts_dates")


class GazetteerRow(BaseModel):
    """One recurring name of the genre with its aliases (gazetteers/*.jsonl)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    canonical: str
    label: NameLabel
    aliases: list[str]
    source: str
    example: str


class EntityPatternRow(BaseModel):
    """One construction of patterns/entities.jsonl.

    action: `name` (the match is a name; `name_slice` = [start, end) of the name inside the
    match, Python slice style; with `heads`, "X Expo and Y Fair" splits in two), `extend_org`
    (the match heads a name that runs on over the following organisation), `quoted` (a
    Title-Case title in quotation marks holding one of `heads`), `titled` (the match, e.g.
    "titled", introduces an unquoted Title-Case title holding one of the `quoted` heads),
    `block` (the match vetoes names inside it), `relabel` (an NER name ending in one of
    `heads` takes `label`), `edition` (an ordinal before an EVENT holding one of `heads`
    numbers an edition: kept in the span, left out of the canonical name), `place_tail` (an
    NER organisation that is a place plus one of these lowercase `heads` is the place: "the
    Tianjin municipal government" → GPE "Tianjin"), `place_suffix` (a GPE name ending in one
    of these `heads` has the place alone as its canonical name: "Yunnan Province" → "Yunnan",
    "Hong Kong Special Administrative Region" → "Hong Kong"; longest first). `normalizer` picks
    the canonical form (`five_year_plan`: "14th Five-Year Plan"; `customs_office`: "Haikou
    Customs District" → "Haikou Customs").
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    action: Literal[
        "name",
        "extend_org",
        "quoted",
        "titled",
        "block",
        "relabel",
        "edition",
        "place_tail",
        "place_suffix",
    ]
    label: NameLabel | None = None
    pattern: list[dict] | None = None
    name_slice: list[int | None] | None = None
    heads: list[str] | None = None
    normalizer: Literal["plain", "five_year_plan", "customs_office"] = "plain"
    example: str


class TitleRow(BaseModel):
    """One row of lexicons/titles.tsv: a role word and how it combines."""

    model_config = ConfigDict(extra="forbid")
    id: str
    surface: str
    kind: Literal["head", "modifier", "verb", "honorific"]
    role: str | None = None
    example: str


class PersonCues:
    """What marks a capitalised name as a person's; shared by the entities and people components.

    The small parser often tags a Chinese name at a sentence start as ORG ("Yu Jianhua, minister
    of the GAC, ..."); the construction around it settles the matter: a title in apposition or in
    front, or a transcript turn line ("Ni Yuefeng:") that does not end in an outlet word.
    """

    def __init__(self, data_dir: str | Path | None, org_words: set[str]):
        titles = read_tsv(data_path(data_dir, "lexicons/titles.tsv"), TitleRow)
        self.heads = {t.surface.lower() for t in titles if t.kind == "head"}
        self.modifiers = {t.surface.lower() for t in titles if t.kind == "modifier"}
        self.verbs = {t.surface.lower(): t.role or t.surface for t in titles if t.kind == "verb"}
        self.honorifics = {t.surface.lower() for t in titles if t.kind == "honorific"}
        self.org_words = org_words
        self._roles = self.heads | self.modifiers  # a role word in or after a name
        self._before = self.heads | self.honorifics  # a word before a name: "Minister Wang"

    def looks_like_person(self, span: Span) -> bool:
        """Whether 2-3 capitalised words stand where the genre puts a person's name."""
        doc = span.doc
        if not 2 <= len(span) <= 3 or not all(
            t.is_alpha and (t.is_title or t.is_upper) for t in span
        ):
            return False
        if any(t.text in self.org_words or t.lower_ in self._roles for t in span):
            return False
        after = [t for t in doc[span.end : span.end + 3]]
        if len(after) >= 2 and after[0].text == ",":
            word = after[2] if after[1].lower_ in ("the", "a") and len(after) > 2 else after[1]
            if word.lower_ in self._roles or word.lower_ == "who":
                return True
        if span.start > 0 and doc[span.start - 1].lower_ in self._before:
            return True
        # a turn line: the name alone on its line, then a colon
        starts_line = span.start == 0 or "\n" in doc[span.start - 1].text
        rest = doc[span.end : span.end + 2]
        return (
            starts_line
            and len(rest) > 0
            and rest[0].text in (":", "：")
            and (len(rest) == 1 or "\n" in rest[1].text)
        )


@dataclass
class Candidate:
    """A name candidate in char offsets, before overlaps are resolved."""

    start: int
    end: int
    label: str
    canonical: str
    rule: str
    source: int

    @property
    def size(self) -> int:
        """Length in characters; longer candidates win overlaps."""
        return self.end - self.start


def load_gazetteer(data_dir: str | Path | None) -> list[GazetteerRow]:
    """All gazetteer rows; an alias that maps to two canonical names is an error."""
    rows: list[GazetteerRow] = []
    seen: dict[str, str] = {}
    for relative in GAZETTEERS:
        path = data_path(data_dir, relative)
        for row in read_jsonl(path, GazetteerRow):
            for alias in row.aliases:
                previous = seen.setdefault(alias, row.canonical)
                if previous != row.canonical:
                    raise ResourceError(
                        path, None, f"alias {alias!r} maps to {previous!r} and {row.canonical!r}"
                    )
            rows.append(row)
    return rows


class Entities:
    """Name-layer extractor: gazetteer, construction patterns and corrected NER."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        self.gazetteer = load_gazetteer(data_dir)
        self.by_id = {row.id: row for row in self.gazetteer}
        self.aliases = {row.id: set(row.aliases) for row in self.gazetteer}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for row in self.gazetteer:
            self.phrases.add(row.id, list(nlp.tokenizer.pipe(row.aliases)))
        self.rows = {
            row.id: row
            for row in read_jsonl(data_path(data_dir, "patterns/entities.jsonl"), EntityPatternRow)
        }
        # Rows opened alike are one group: the Matcher runs only where a group can match.
        self.matcher = WindowedMatcher(nlp.vocab)
        for row in self.rows.values():
            if row.pattern:
                group = opener(row.pattern)
                self.matcher.add(row.id, row.pattern, group=group, greedy="LONGEST")
        self.relabel = {
            head: row
            for row in self.rows.values()
            if row.action == "relabel"
            for head in row.heads or []
        }
        # their hashes, to test the words of a Doc read as one array
        self.relabel_ids = {nlp.vocab.strings[head] for head in self.relabel}
        self.quoted = [row for row in self.rows.values() if row.action == "quoted"]
        self.document_heads = {h for row in self.quoted for h in row.heads or []}
        self.edition_heads = {
            h for row in self.rows.values() if row.action == "edition" for h in row.heads or []
        }
        self.org_words = {h for h, row in self.relabel.items() if row.label == "ORG"}
        self.place_tails = {
            h for row in self.rows.values() if row.action == "place_tail" for h in row.heads or []
        }
        self.place_suffixes = sorted(
            (
                h
                for row in self.rows.values()
                if row.action == "place_suffix"
                for h in row.heads or []
            ),
            key=len,
            reverse=True,
        )
        # "the previous Five-Year Plan": the same offsets the dates layer gives the plan period
        self.plan_offsets = {
            row.surface.lower(): int(row.value)
            for row in read_tsv(data_path(data_dir, "lexicons/date_words.tsv"), DateWordRow)
            if row.kind == "plan_relative"
        }
        self.person_cues = PersonCues(data_dir, self.org_words)

    def __call__(self, doc: Doc) -> Doc:
        """Write the name spans of one document to doc.spans["textfacts_entities"]."""
        check(doc, "textfacts_entities", ("token.pos", "doc.ents"))
        numbers = [
            (s.start_char, s.end_char, s.label_)
            for group in NUMBER_GROUPS
            for s in doc.spans.get(group, [])
        ]
        candidates = self.gazetteer_candidates(doc)
        blocks: list[tuple[int, int]] = []
        extenders: list[tuple[Span, EntityPatternRow]] = []
        for match_id, start, end in self.matcher(doc, with_alignments=False):
            row = self.rows[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if row.action == "block":
                blocks.append((span.start_char, span.end_char))
            elif row.action == "extend_org":
                extenders.append((span, row))
            elif row.action == "name":
                lo, hi = (row.name_slice or [0, None])[:2]
                found = self.pattern_candidate(span[lo:hi], row)
            elif row.action == "titled":
                found = self.titled_candidate(doc, self.title_start(span, row), row)
            if row.action in ("name", "titled"):
                # a Title-Case headline capitalises every word: "Customs Supports Canton Fair
                # With New Measures" holds no open-ended programme or event name
                candidates.extend(
                    c
                    for c in found
                    if c.label not in ("PROGRAM", "EVENT")
                    or row.normalizer != "plain"
                    or not _title_case_line(text_of(doc), c.start, c.end)
                )
        candidates.extend(self.quoted_candidates(doc))
        candidates.extend(self.extended_candidates(doc, extenders, candidates))
        blocking = Containers(blocks)
        candidates = [c for c in candidates if not _blocked(c, blocking)]
        swallowing = _org_ends(candidates)
        candidates = [c for c in candidates if not _swallows_org(c, swallowing)]
        chosen = resolve(candidates)
        chosen = self.add_ner(doc, chosen, blocking)
        chosen = self.add_abbreviations(doc, chosen)
        clash = _NumberClashes(numbers)
        chosen = [c for c in chosen if not clash(c)]
        chosen = _without_name_modifiers(text_of(doc), chosen)
        chosen = _units_of_parents(text_of(doc), chosen)
        self.number_relative_plans(doc, chosen)
        shorten_to_earlier(chosen)
        spans = []
        for cand in chosen:
            span = make_span(
                doc,
                cand.start,
                cand.end,
                cand.label,
                {"canonical": cand.canonical, "rule": cand.rule},
                mode="contract",
            )
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, spans)
        return doc

    def number_relative_plans(self, doc: Doc, chosen: list[Candidate]) -> None:
        """'the previous Five-Year Plan' → the plan before the one last named (in place).

        With no numbered plan before it, the count starts from the plan that holds the
        publication year (the 14th for 2021-2025), as the dates layer does for plan periods.
        """
        named: int | None = None
        meta = {**state(doc).get("meta", {}), **state(doc).get("meta_given", {})}
        published = str(meta.get("published") or "")[:4]
        for cand in sorted(chosen, key=lambda c: c.start):
            number = _plan_number(cand.canonical) if cand.label == "PROGRAM" else None
            if number is not None:
                named = number
                continue
            if cand.canonical != "Five-Year Plan" or cand.label != "PROGRAM":
                continue
            before = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if before is None or before.start == 0:
                continue
            offset = self.plan_offsets.get(doc[before.start - 1].lower_)
            base = named
            if base is None and published.isdigit():
                base = 14 + (int(published) - 2021) // 5
            if offset is not None and base is not None:
                cand.canonical = five_year_plan(f"{_ordinal(base + offset)} Five-Year Plan")

    def gazetteer_candidates(self, doc: Doc) -> list[Candidate]:
        """Alias matches with the alias's casing (or ALL CAPS); EVENTs take a preceding ordinal."""
        out = []
        for match_id, start, end in self.phrases(doc):
            row = self.by_id[doc.vocab.strings[match_id]]
            span = doc[start:end]
            text = span.text
            if text not in self.aliases[row.id] and not (text.isupper() and len(text) > 3):
                continue
            canonical = row.canonical
            if row.label == "EVENT" and start > 0 and is_ordinal(doc[start - 1].text):
                span = doc[start - 1 : end]
                if not self.is_edition(canonical):
                    canonical = f"{doc[start - 1].text} {canonical}"
            out.append(
                Candidate(span.start_char, span.end_char, row.label, canonical, row.id, GAZETTEER)
            )
        return out

    def is_edition(self, name: str) -> bool:
        """Whether an ordinal before this EVENT name numbers an edition of a recurring series."""
        return any(word in self.edition_heads for word in name.split())

    def edition_start(self, doc: Doc, start: int, label: str, name: str) -> int:
        """Char start of an EVENT name with the edition ordinal before it ("the 7th ... Expo")."""
        i = doc.char_span(start, start + 1, alignment_mode="expand")
        if label != "EVENT" or i is None or i.start == 0 or not self.is_edition(name):
            return start
        before = doc[i.start - 1]
        return before.idx if is_ordinal(before.text) else start

    def pattern_candidate(self, span: Span, row: EntityPatternRow) -> list[Candidate]:
        """A construction match, trimmed; a lone head word ("the Expo") is not a name."""
        while len(span) > 1 and span[-1].lower_ in _MINOR:
            span = span[:-1]  # an optional "and" that found no second name: "... and its"
        offset, stop = trim_name(span.text)
        start, end = span.start_char + offset, span.start_char + stop
        text = span.text[offset:stop]
        if len(text.split()) < 2 and row.normalizer == "plain" and row.name_slice is None:
            return []
        heads = set(row.heads or [])
        tokens = span.doc.char_span(start, end, alignment_mode="contract")
        label = row.label or "ORG"
        if heads and tokens is not None:
            # "the Asian Games and Para Games" are two events: split after an inner head word;
            # the second shares the first's modifiers ("Asian Games and Para Games")
            cut = next(
                (t.i for t in tokens[1:-1] if t.lower_ == "and" and t.nbor(-1).text in heads), None
            )
            if cut is not None:
                first, second = span.doc[tokens.start : cut], span.doc[cut + 1 : tokens.end]
                # only a one-word or same-head second name: "Asian Games and Para Games"
                same_head = len(second) == 1 or second[-1].text == first[-1].text
                shared = first[:-1].text if same_head and len(first) > len(second) else ""
                names = [canonical_form(first.text), canonical_form(f"{shared} {second.text}")]
                return [
                    Candidate(
                        self.edition_start(span.doc, part.start_char, label, name),
                        part.end_char,
                        label,
                        name,
                        row.id,
                        PATTERN,
                    )
                    for part, name in zip((first, second), names, strict=True)
                ]
        normalize = {"five_year_plan": five_year_plan, "customs_office": customs_office}
        canonical = normalize.get(row.normalizer, canonical_form)(text)
        if label in ("GPE", "LOC") and text.isupper() and text.isalpha():
            canonical = title_case(canonical)  # datelines: "URUMQI, Aug. 2 (Xinhua) --"
        first, _, rest = canonical.partition(" ")
        if label == "EVENT" and rest and is_ordinal(first) and self.is_edition(rest):
            canonical = rest  # "Second ... Forum" matched with its ordinal
        start = self.edition_start(span.doc, start, label, canonical)
        return [Candidate(start, end, label, canonical, row.id, PATTERN)]

    def title_start(self, span: Span, row: EntityPatternRow) -> int:
        """Token where an unquoted document title starts.

        After "titled", or at a head word such as "Measures" together with the Title-Case words
        before it ("Administrative Measures for ...").
        """
        if row.name_slice is None:
            return span.end
        doc = span.doc
        i = span[row.name_slice[0] : row.name_slice[1]].start
        while (
            i > 0
            and doc[i - 1].lower_ not in _ARTICLES
            and (
                doc[i - 1].is_title
                and doc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                and not doc[i - 1].is_sent_start
                or doc[i - 1].like_num
                or (doc[i - 1].text in ("-", "–") and i > 1 and doc[i - 2].is_title)
            )
        ):
            i -= 1
        return i

    def titled_candidate(self, doc: Doc, i: int, row: EntityPatternRow) -> list[Candidate]:
        """An unquoted document title after "titled": "..., titled Measures to Support ..., lists".

        The title runs over Title-Case words, ordinals, numbers and minor words between them,
        and must hold a document word ("Measures", "Plan", "Notice").
        """
        j = i
        while j < len(doc) and "\n" not in doc[j].text:
            token = doc[j]
            if token.is_title or token.is_upper or token.like_num or is_ordinal(token.text):
                j += 1
            elif token.text in ("-", "–") and j > i and j + 1 < len(doc) and doc[j + 1].is_alpha:
                j += 2  # "Cross-border" keeps its lowercase half
            elif (
                (token.lower_ in _MINOR or token.text in ("-", "–"))
                and j + 1 < len(doc)
                and (doc[j + 1].is_title or is_ordinal(doc[j + 1].text))
                and doc[j + 1].ent_type_ not in ("DATE", "TIME")  # "... Firms on Monday"
            ):
                j += 1
            else:
                break
        title = doc[i:j]
        while len(title) and title[-1].lower_ in _MINOR:
            title = title[:-1]
        if len(title) < 2 or not any(t.text in self.document_heads for t in title):
            return []
        if has_five_year_plan(title.text):
            return []  # a Five-Year Plan keeps its own canonical name (entities.five_year_plan)
        if not is_title_phrase([t.text for t in title], _MINOR | {"-", "–"}):
            return []
        return [
            Candidate(
                title.start_char,
                title.end_char,
                row.label or "PROGRAM",
                canonical_form(title.text),
                row.id,
                PATTERN,
            )
        ]

    def quoted_candidates(self, doc: Doc) -> list[Candidate]:
        """Title-Case titles in quotes holding a document word: "... Measures to ...", "Notice"."""
        out: list[Candidate] = []
        text = text_of(doc)
        if not any(quote in text for quote in _OPEN_QUOTES):
            return out  # no token can open a quotation
        for row in self.quoted:
            heads = set(row.heads or [])
            opening: int | None = None
            for token in doc:
                if "\n" in token.text:
                    opening = None
                    continue
                if opening is None and token.text in _OPEN_QUOTES:
                    opening = token.i
                    continue
                if opening is not None and token.text in _CLOSE_QUOTES:
                    inner = doc[opening + 1 : token.i]
                    opening = None
                    while len(inner) and inner[-1].is_punct:
                        inner = inner[:-1]  # '"... Case Repository,"': the comma sits inside
                    if (
                        2 <= len(inner) <= 30
                        and any(t.text in heads for t in inner)
                        and is_title_phrase([t.text for t in inner], _MINOR)
                    ):
                        out.append(
                            Candidate(
                                inner.start_char,
                                inner.end_char,
                                row.label or "PROGRAM",
                                canonical_form(inner.text),
                                row.id,
                                PATTERN,
                            )
                        )
        return out

    def extended_candidates(
        self, doc: Doc, extenders: list[tuple[Span, EntityPatternRow]], candidates: list[Candidate]
    ) -> list[Candidate]:
        """'Third Plenary Session of the' + [20th] + a body: one EVENT over the whole name."""
        out = []
        orgs = {c.start: c for c in candidates if c.label == "ORG"}
        for span, row in extenders:
            i = span.end
            ordinal = ""
            if i < len(doc) and is_ordinal(doc[i].text):
                ordinal = doc[i].text + " "
                i += 1
            if i >= len(doc):
                continue
            body = orgs.get(doc[i].idx)
            if body is not None:
                end, body_name = body.end, body.canonical
            elif row.label == "ORG":
                continue  # a body of a body needs a known parent: "... of the State Council"
            else:
                j = i
                while j < len(doc) and (
                    doc[j].is_title
                    or doc[j].is_upper
                    or (doc[j].lower_ in _MINOR and j + 1 < len(doc) and doc[j + 1].is_title)
                ):
                    j += 1
                if j == i:
                    continue
                end, body_name = doc[j - 1].idx + len(doc[j - 1]), doc[i:j].text
            head = " ".join(t.text for t in span if t.lower_ not in ("of", "the"))
            canonical = f"{head} of the {ordinal}{body_name}"
            out.append(
                Candidate(span.start_char, end, row.label or "EVENT", canonical, row.id, PATTERN)
            )
        return out

    def add_ner(self, doc: Doc, chosen: list[Candidate], blocks: Containers) -> list[Candidate]:
        """Fill the gaps with trimmed, relabelled NER names."""
        claimed = Claimed()  # chosen names never overlap: clashes are found by bisection
        for c in chosen:
            claimed.claim(c.start, c.end, c)
        ents = doc.ents  # each access rebuilds the tuple from the tokens
        person_parts = {
            part
            for ent in ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for part in (ent[0].text, ent[-1].text)
        }
        words = doc.to_array(ORTH).tolist()
        for ent in ents:
            cand = self.ner_candidate(doc, ent, person_parts, words)
            if cand is None or _blocked(cand, blocks):
                continue
            clashes = claimed.clashes(cand.start, cand.end)
            if not clashes:
                claimed.claim(cand.start, cand.end, cand)
            elif (
                (cand.label == "ORG" or cand.rule in self.rows)
                and all(
                    (
                        c.label == "GPE"
                        or c.label == "LOC"
                        and cand.rule in self.rows
                        or c.label == "ORG"
                        and self.org_plus_outlet_word(doc, c, cand)
                    )
                    and cand.start <= c.start
                    and c.end <= cand.end
                    and c.size < cand.size
                    for c in clashes
                )
                and len(cand.canonical.split()) > 1
            ):
                # a body named after its place ("Bank of China"); a zone or port named after a
                # district ("Qianhai Cooperation Zone": its head word relabelled the parser's
                # name); a publisher named after a body ("China Customs" + "Press")
                _replace(claimed, clashes, cand)
            elif (
                cand.label in ("GPE", "LOC")
                and all(
                    c.label in ("GPE", "LOC")
                    and cand.start <= c.start
                    and c.end <= cand.end
                    and c.size < cand.size
                    for c in clashes
                )
                and all(w.lower() in _COMPASS for w in _outside(cand, clashes))
            ):
                # "South Africa", "West Asia": a compass word makes another place
                _replace(claimed, clashes, cand)
        return list(claimed.items)

    def org_plus_outlet_word(self, doc: Doc, inner: Candidate, outer: Candidate) -> bool:
        """Whether outer is inner plus one organisation word: "China Customs" + "Magazine"."""
        last = doc.char_span(outer.start, outer.end, alignment_mode="contract")
        return (
            last is not None
            and len(last) > 1
            and last[-1].text in self.org_words
            and inner.end == last[-2].idx + len(last[-2])
        )

    def ner_candidate(
        self, doc: Doc, ent: Span, person_parts: set[str], words: list[int] | None = None
    ) -> Candidate | None:
        """One NER entity as a candidate: trimmed, relabelled by its head word, or None.

        `words` is the Doc's ORTH array as a list, when the caller holds it.
        """
        words = doc.to_array(ORTH).tolist() if words is None else words
        if ent.label_ not in _NER_LABELS and not any(
            word in self.relabel_ids for word in words[ent.start : ent.end + 3]
        ):
            return None  # a DATE, MONEY ...: only a head word in or just after it gives a label
        full = text_of(doc)[ent.start_char : ent.end_char]  # ent.text joins its tokens
        offset, stop = trim_name(full)
        start, end = ent.start_char + offset, ent.start_char + stop
        text = full[offset:stop]
        if not text or not (text[0].isupper() or text[0].isdigit()):
            return None
        tokens = doc.char_span(start, end, alignment_mode="contract")
        if tokens is None or len(tokens) == 0:
            return None
        # generic trailing nouns stay outside: "Jiangsu province", "the Asia-Pacific region"
        tail: set[str] = set()
        while len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].is_alpha:
            tail.add(tokens[-1].lower_)
            tokens = tokens[:-1]
        # an outlet word the parser left out: "Hainan" + "Daily", "Hong Kong" + "Commercial Daily"
        for last in range(tokens.end, min(tokens.end + 3, len(doc))):
            word, between = doc[last], doc[tokens.end : last]
            if (
                word.text in self.org_words
                and not word.is_lower
                and all(t.is_title and t.is_alpha and not t.is_sent_start for t in between)
            ):
                tokens = doc[tokens.start : last + 1]
                break
        start, end, text = tokens.start_char, tokens.end_char, tokens.text
        head = self.relabel.get(tokens[-1].text)
        label = head.label if head is not None else _NER_LABELS.get(ent.label_)
        if label is None or (ent.label_ in _HEAD_ONLY and head is None):
            return None
        if label in ("ORG", "LOC") and head is None and tail & self.place_tails:
            label = "GPE"  # "the Tianjin municipal government": the name is the city's
        if label == "ORG" and head is None and tokens[-1].lower_ in self.person_cues.heads:
            return None  # a title, not a body: "China International Trade Representative"
        if label == "ORG" and tokens.start >= 2 and _port_of(doc, tokens.start):
            label = "LOC"  # "the port of Zhanjiang": a port is a place, not a body
        if (
            text in person_parts
            or in_chrome(doc, start, end)
            or self.person_cues.looks_like_person(tokens)
        ):
            return None
        after = tokens.end
        if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].is_lower:
            return None  # a modifier, not a name: "Olympic-related personnel"
        rule = head.id if head is not None else f"entities.ner_{ent.label_.lower()}"
        canonical = canonical_form(text)
        if label == "EVENT" and is_ordinal(tokens[0].text) and self.is_edition(canonical):
            canonical = canonical.split(" ", 1)[-1]
        if label in ("GPE", "LOC") and text.isupper() and len(text) > 4 and text.isalpha():
            canonical = title_case(canonical)  # datelines: "BEIJING, Nov. 7 (Xinhua) --"
        if label == "GPE":
            canonical = self.place_alone(canonical)
        return Candidate(start, end, label, canonical, rule, NER)

    def place_alone(self, name: str) -> str:
        """The place without its administrative suffix: "Chongqing Municipality" → "Chongqing"."""
        for suffix in self.place_suffixes:
            if name.endswith(f" {suffix}"):
                return name[: -len(suffix) - 1].strip() or name
        return name

    def add_abbreviations(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """'Long Name (ABBR)' makes every later ABBR the same name."""
        if "(" not in text_of(doc):
            return chosen  # no "Long Name (ABBR)" anywhere
        by_key = {(c.start, c.end): c for c in chosen}
        taken = set(by_key)
        by_end = {c.end: c for c in chosen}
        defined: dict[str, Candidate] = {}
        for token in doc[:-2]:
            if token.text != "(":
                continue
            abbr, close = doc[token.i + 1], doc[token.i + 2]
            long_name = (
                by_end.get(doc[token.i - 1].idx + len(doc[token.i - 1])) if token.i else None
            )
            if (
                long_name
                and close.text == ")"
                and abbr.text[:1].isupper()
                and sum(c.isupper() for c in abbr.text) >= 2
                and " " not in abbr.text
            ):
                defined[abbr.text] = long_name
        if not defined:
            return chosen
        claimed = Claimed()
        for c in chosen:
            claimed.claim(c.start, c.end, c)
        for token in doc:
            ref = defined.get(token.text)
            key = (token.idx, token.idx + len(token))
            if ref is None or key in taken and by_key[key].source != NER:
                continue
            # the document's own definition beats the parser's guess for the abbreviation
            for c in claimed.clashes(*key):
                if (c.start, c.end) == key and c.source == NER:
                    claimed.release(c.start)
            if claimed.overlaps(*key):
                continue
            name = Candidate(*key, ref.label, ref.canonical, "entities.abbreviation", NER)
            claimed.claim(*key, name)
        return list(claimed.items)


def shorten_to_earlier(chosen: list[Candidate]) -> None:
    """A later short form takes the canonical name of an earlier, fuller one (in place).

    Releases name a body or event in full once and shorten it after: "the Hangzhou Asian
    Games ... the Asian Games". Gazetteer names keep their own canonical form.
    """
    # (label, the words after any space of a canonical name) → the latest name ending so
    latest: dict[tuple[str, str], Candidate] = {}
    for cand in sorted(chosen, key=lambda c: c.start):
        if cand.source != GAZETTEER:
            fuller = latest.get((cand.label, cand.canonical))
            if fuller is not None:
                cand.canonical = fuller.canonical
        name = cand.canonical
        for at, char in enumerate(name):
            if char == " ":
                latest[(cand.label, name[at + 1 :])] = cand


def _replace(claimed: Claimed, clashes: list[Candidate], cand: Candidate) -> None:
    """Put a longer name in the place of the shorter ones it covers."""
    for c in clashes:
        claimed.release(c.start)
    claimed.claim(cand.start, cand.end, cand)


class _NumberClashes:
    """A name never sits on a number span's exact offsets, and a parser name never holds an amount.

    Same offsets would also share Span._ attributes (spaCy keys them by char offsets).
    """

    def __init__(self, numbers: list[tuple[int, int, str]]):
        self.keys = {(start, end) for start, end, _ in numbers}
        self.amounts = Ranges((start, end) for start, end, label in numbers if label != "DATE")

    def __call__(self, cand: Candidate) -> bool:
        return (cand.start, cand.end) in self.keys or (
            cand.source == NER and self.amounts.overlaps(cand.start, cand.end)
        )


_DEPARTMENT_OF = "entities.department_named_after"


def _org_ends(candidates: list[Candidate]) -> dict[int, int]:
    """End offset → the latest start of an ORG candidate ending there (other constructions)."""
    ends: dict[int, int] = {}
    for other in candidates:
        if other.label == "ORG" and other.rule != _DEPARTMENT_OF:
            ends[other.end] = max(ends.get(other.end, other.start), other.start)
    return ends


def _swallows_org(cand: Candidate, org_ends: dict[int, int]) -> bool:
    """'Department of' + a named body is two names: "Port Control Department of Shanghai Customs".

    Only for the "Department of X" construction, whose X may itself be an organisation.
    """
    return cand.rule == _DEPARTMENT_OF and org_ends.get(cand.end, cand.start) > cand.start


def _plan_number(canonical: str) -> int | None:
    """The number of a canonical plan name: "14th Five-Year Plan" → 14; other names → None."""
    first, _, rest = canonical.partition(" ")
    if rest != "Five-Year Plan" or not first[:-2].isdigit():
        return None
    return int(first[:-2])


def _ordinal(number: int) -> str:
    """English ordinal of a plan number: 13 → "13th", 21 → "21st"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line around a name capitalises nearly all its other words (a headline)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    words = (text[line_start:start] + " " + text[end:line_end]).split()
    long_words = [w for w in words if w.isalpha() and len(w) > 3]
    if len(long_words) < 2:
        # the name fills its line: a headline unless the line reads as a sentence
        return not text[line_start:line_end].rstrip().endswith((".", ":", ","))
    return sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _port_of(doc: Doc, i: int) -> bool:
    """Whether token i follows "port of" / "ports of" (lowercase: the name is the port's place)."""
    return doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ("port", "ports")


def _blocked(cand: Candidate, blocks: Containers) -> bool:
    """Whether a block match covers the candidate without being smaller than it."""
    return blocks.contains(cand.start, cand.end)


def _without_name_modifiers(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop places hyphenated into a longer name ("the China-Laos Railway").

    Two or more places joined by hyphens and followed by a capitalised word modify a name
    that is not a place itself ("Hong Kong-Zhuhai-Macao Bridge", "Forum on China-Africa
    Cooperation"); followed by a lowercase word ("China-Africa trade") each place stands alone.
    """
    places = sorted((c for c in chosen if c.label in ("GPE", "LOC")), key=lambda c: c.start)
    dropped: set[int] = set()
    run: list[Candidate] = []
    for cand in [*places, None]:
        if cand is not None and run and text[run[-1].end : cand.start] in ("-", "\u2013"):
            run.append(cand)
            continue
        if len(run) > 1:
            follower = re.match(r"[ \t]+([A-Z][a-z]+)", text[run[-1].end : run[-1].end + 40])
            if follower is not None:
                dropped.update(id(c) for c in run)
        run = [cand] if cand is not None else []
    return [c for c in chosen if id(c) not in dropped]


_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
}


def _is_unit(name: str) -> bool:
    """ "Foreign Trade Department", "Department of Port Control": an internal unit's name."""
    words = name.lower().split()
    return bool(words) and (words[-1] in UNIT_WORDS or words[0] in UNIT_WORDS)


def _units_of_parents(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """ "Department of Port Control" + " of the " + "GAC" → one ORG (ANNOTATION.md §7).

    A department, division or bureau named with its parent body is one organisation; its
    canonical name spells the parent out.
    """
    ordered = sorted(chosen, key=lambda c: c.start)
    out: list[Candidate] = []
    for cand in ordered:
        unit = out[-1] if out else None
        if (
            unit is not None
            and unit.label == "ORG"
            and cand.label == "ORG"
            and _is_unit(unit.canonical)
            and re.fullmatch(r"\s+(?:of|under)\s+(?:the\s+)?", text[unit.end : cand.start])
        ):
            canonical = unit.canonical + text[unit.end : cand.start] + cand.canonical
            out[-1] = Candidate(unit.start, cand.end, "ORG", canonical, unit.rule, unit.source)
            continue
        out.append(cand)
    return out


def _outside(outer: Candidate, inner: list[Candidate]) -> list[str]:
    """Words of the outer candidate's canonical name that none of the inner ones cover."""
    covered = {w for c in inner for w in c.canonical.split()}
    return [w for w in outer.canonical.split() if w not in covered]


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the more trusted source, then leftmost."""
    chosen = longest_first(
        [c for c in candidates if c.size > 0],
        lambda c: (c.start, c.end),
        lambda c: (-c.size, -c.source, c.start),
    )
    return sorted(chosen, key=lambda c: c.start)


@Language.factory(
    "textfacts_entities",
    default_config={"data_dir": None},
    requires=["doc.ents"],
    assigns=["doc.spans"],
)
def make_entities(nlp: Language, name: str, data_dir: str | None) -> Entities:
    """Factory for the entities component."""
    return Entities(nlp, name, data_dir)
