"""textfacts_entities: ORG, GPE, LOC, EVENT and PROGRAM spans with canonical names.

GAC/SCIO releases name the same few bodies over and over under many surfaces (GAC, GACC,
China Customs, Chinese Customs, a capitalised bare "Customs"), and the small spaCy model
labels them unevenly ("Smart Customs" as ORG, "Canton Fair" as ORG, "Sun" as ORG, "Jiangsu
province" with its generic noun). Candidates come from three sources, most trusted first:

1. the gazetteers (gazetteers/*.jsonl) through one PhraseMatcher on LOWER, kept when the text
   has the alias's own casing or is ALL CAPS (photo credits "FOR CHINA DAILY");
2. the construction patterns of patterns/entities.jsonl (Five-Year Plans, plenary sessions of a
   body, named departments, ports, free trade zones, fairs, quoted document titles);
3. the parser's NER, trimmed (no "the", no possessive, no line break) and relabelled by the
   name's head word ("... Port" is LOC, "... Daily" is ORG).

Overlaps resolve longest-first, then by source. An NER organisation that holds a gazetteer
place ("Beijing Youth Daily", "Bank of China") replaces the place. A name
defined with its abbreviation ("Authorized Economic Operator (AEO)") lends its label and
canonical name to the abbreviation elsewhere in the document. Block rows veto generic uses
("Customs authorities") and known non-names (currency codes, "COVID-19").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from textfacts.components._spans import in_chrome, make_span, write_group
from textfacts.errors import ResourceError
from textfacts.normalize.names import (
    canonical_form,
    five_year_plan,
    is_ordinal,
    is_title_phrase,
    title_case,
    trim_name,
)
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

    action: `name` (the match is a name; with `heads`, "X Games and Y Games" splits in two),
    `extend_org` (the match heads a name that runs on over the following organisation),
    `quoted` (a Title-Case title in quotation marks holding one of `heads`), `block` (the
    match vetoes names inside it), `relabel` (an NER name ending in one of `heads` takes
    `label`). `normalizer` picks the canonical form (`five_year_plan`: "14th Five-Year Plan").
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    action: Literal["name", "extend_org", "quoted", "block", "relabel"]
    label: NameLabel | None = None
    pattern: list[dict] | None = None
    heads: list[str] | None = None
    normalizer: Literal["plain", "five_year_plan"] = "plain"
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

    The small parser often tags a Chinese name at a sentence start as ORG ("Sun Meijun, head of
    the GAC, ..."); the construction around it settles the matter: a title in apposition or in
    front, or a transcript turn line ("Sun Meijun:") that does not end in an outlet word.
    """

    def __init__(self, data_dir: str | Path | None, org_words: set[str]):
        titles = read_tsv(data_path(data_dir, "lexicons/titles.tsv"), TitleRow)
        self.heads = {t.surface.lower() for t in titles if t.kind == "head"}
        self.modifiers = {t.surface.lower() for t in titles if t.kind == "modifier"}
        self.verbs = {t.surface.lower(): t.role or t.surface for t in titles if t.kind == "verb"}
        self.honorifics = {t.surface.lower() for t in titles if t.kind == "honorific"}
        self.org_words = org_words

    def looks_like_person(self, span: Span) -> bool:
        """Whether 2-3 capitalised words stand where the genre puts a person's name."""
        doc = span.doc
        if not 2 <= len(span) <= 3 or not all(
            t.is_alpha and (t.is_title or t.is_upper) for t in span
        ):
            return False
        if any(t.text in self.org_words or t.lower_ in self.heads | self.modifiers for t in span):
            return False
        after = [t for t in doc[span.end : span.end + 3]]
        if len(after) >= 2 and after[0].text == ",":
            word = after[2] if after[1].lower_ in ("the", "a") and len(after) > 2 else after[1]
            if word.lower_ in self.heads | self.modifiers or word.lower_ == "who":
                return True
        if span.start > 0 and doc[span.start - 1].lower_ in self.heads | self.honorifics:
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
        self.matcher = Matcher(nlp.vocab)
        for row in self.rows.values():
            if row.pattern:
                self.matcher.add(row.id, [row.pattern], greedy="LONGEST")
        self.relabel = {
            head: row
            for row in self.rows.values()
            if row.action == "relabel"
            for head in row.heads or []
        }
        self.quoted = [row for row in self.rows.values() if row.action == "quoted"]
        self.person_cues = PersonCues(
            data_dir, {h for h, row in self.relabel.items() if row.label == "ORG"}
        )

    def __call__(self, doc: Doc) -> Doc:
        """Write the name spans of one document to doc.spans["textfacts_entities"]."""
        numbers = [
            (s.start_char, s.end_char, s.label_)
            for group in NUMBER_GROUPS
            for s in doc.spans.get(group, [])
        ]
        candidates = self.gazetteer_candidates(doc)
        blocks: list[tuple[int, int]] = []
        extenders: list[tuple[Span, EntityPatternRow]] = []
        for match_id, start, end in self.matcher(doc):
            row = self.rows[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if row.action == "block":
                blocks.append((span.start_char, span.end_char))
            elif row.action == "extend_org":
                extenders.append((span, row))
            elif row.action == "name":
                candidates.extend(self.pattern_candidate(span, row))
        candidates.extend(self.quoted_candidates(doc))
        candidates.extend(self.extended_candidates(doc, extenders, candidates))
        candidates = [c for c in candidates if not _blocked(c, blocks)]
        chosen = resolve(candidates)
        chosen = self.add_ner(doc, chosen, blocks)
        chosen = self.add_abbreviations(doc, chosen)
        chosen = [c for c in chosen if not _clashes_with_numbers(c, numbers)]
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
                canonical = f"{doc[start - 1].text} {canonical}"
                span = doc[start - 1 : end]
            out.append(
                Candidate(span.start_char, span.end_char, row.label, canonical, row.id, GAZETTEER)
            )
        return out

    def pattern_candidate(self, span: Span, row: EntityPatternRow) -> list[Candidate]:
        """A construction match, trimmed; a lone head word ("the Expo") is not a name."""
        offset, stop = trim_name(span.text)
        start, end = span.start_char + offset, span.start_char + stop
        text = span.text[offset:stop]
        if len(text.split()) < 2 and row.normalizer == "plain":
            return []
        heads = set(row.heads or [])
        tokens = span.doc.char_span(start, end, alignment_mode="contract")
        if heads and tokens is not None:
            # "Winter Olympics and Paralympics" are two events: split after an inner head word
            cut = next(
                (t.i for t in tokens[1:-1] if t.lower_ == "and" and t.nbor(-1).text in heads), None
            )
            if cut is not None:
                parts = [span.doc[tokens.start : cut], span.doc[cut + 1 : tokens.end]]
                return [
                    Candidate(
                        p.start_char,
                        p.end_char,
                        row.label or "EVENT",
                        canonical_form(p.text),
                        row.id,
                        PATTERN,
                    )
                    for p in parts
                ]
        canonical = (
            five_year_plan(text) if row.normalizer == "five_year_plan" else canonical_form(text)
        )
        return [Candidate(start, end, row.label or "ORG", canonical, row.id, PATTERN)]

    def quoted_candidates(self, doc: Doc) -> list[Candidate]:
        """Title-Case titles in quotes holding a document word: "... Measures to ...", "Notice"."""
        out = []
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

    def add_ner(
        self, doc: Doc, chosen: list[Candidate], blocks: list[tuple[int, int]]
    ) -> list[Candidate]:
        """Fill the gaps with trimmed, relabelled NER names."""
        person_parts = {
            part
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for part in (ent[0].text, ent[-1].text)
        }
        for ent in doc.ents:
            cand = self.ner_candidate(doc, ent, person_parts)
            if cand is None or _blocked(cand, blocks):
                continue
            clashes = [c for c in chosen if c.start < cand.end and cand.start < c.end]
            if not clashes:
                chosen.append(cand)
            elif (
                cand.label == "ORG"
                and all(
                    c.label == "GPE"
                    and cand.start <= c.start
                    and c.end <= cand.end
                    and c.size < cand.size
                    for c in clashes
                )
                and len(cand.canonical.split()) > 1
            ):
                # a body named after its place: "Beijing Youth Daily", "Bank of China"
                chosen = [c for c in chosen if c not in clashes] + [cand]
        return sorted(chosen, key=lambda c: c.start)

    def ner_candidate(self, doc: Doc, ent: Span, person_parts: set[str]) -> Candidate | None:
        """One NER entity as a candidate: trimmed, relabelled by its head word, or None."""
        offset, stop = trim_name(ent.text)
        start, end = ent.start_char + offset, ent.start_char + stop
        text = ent.text[offset:stop]
        if not text or not (text[0].isupper() or text[0].isdigit()):
            return None
        tokens = doc.char_span(start, end, alignment_mode="contract")
        if tokens is None or len(tokens) == 0:
            return None
        # generic trailing nouns stay outside: "Jiangsu province", "the Asia-Pacific region"
        while len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].is_alpha:
            tokens = tokens[:-1]
        start, end, text = tokens.start_char, tokens.end_char, tokens.text
        head = self.relabel.get(tokens[-1].text)
        label = head.label if head is not None else _NER_LABELS.get(ent.label_)
        if label is None or (ent.label_ in _HEAD_ONLY and head is None):
            return None
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
        if label in ("GPE", "LOC") and text.isupper() and len(text) > 4 and text.isalpha():
            canonical = title_case(canonical)  # datelines: "BEIJING, Nov. 7 (Xinhua) --"
        return Candidate(start, end, label, canonical, rule, NER)

    def add_abbreviations(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """'Long Name (ABBR)' makes every later ABBR the same name."""
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
        for token in doc:
            ref = defined.get(token.text)
            key = (token.idx, token.idx + len(token))
            if ref is None or key in taken and by_key[key].source != NER:
                continue
            # the document's own definition beats the parser's guess for the abbreviation
            chosen = [c for c in chosen if (c.start, c.end) != key or c.source != NER]
            if any(c.start < key[1] and key[0] < c.end for c in chosen):
                continue
            chosen.append(
                Candidate(key[0], key[1], ref.label, ref.canonical, "entities.abbreviation", NER)
            )
        return sorted(chosen, key=lambda c: c.start)


def shorten_to_earlier(chosen: list[Candidate]) -> None:
    """A later short form takes the canonical name of an earlier, fuller one (in place).

    Releases name a body or event in full once and shorten it after: "the Beijing Winter
    Olympics ... the Winter Olympics". Gazetteer names keep their own canonical form.
    """
    seen: list[Candidate] = []
    for cand in sorted(chosen, key=lambda c: c.start):
        if cand.source != GAZETTEER:
            fuller = next(
                (
                    s
                    for s in reversed(seen)
                    if s.label == cand.label and s.canonical.endswith(" " + cand.canonical)
                ),
                None,
            )
            if fuller is not None:
                cand.canonical = fuller.canonical
        seen.append(cand)


def _clashes_with_numbers(cand: Candidate, numbers: list[tuple[int, int, str]]) -> bool:
    """A name never sits on a number span's exact offsets, and a parser name never holds an amount.

    Same offsets would also share Span._ attributes (spaCy keys them by char offsets).
    """
    for start, end, label in numbers:
        if (start, end) == (cand.start, cand.end):
            return True
        if cand.source == NER and label != "DATE" and start < cand.end and cand.start < end:
            return True
    return False


def _blocked(cand: Candidate, blocks: list[tuple[int, int]]) -> bool:
    """Whether a block match covers the candidate without being smaller than it."""
    return any(
        s <= cand.start and cand.end <= e and cand.size < e - s or (s, e) == (cand.start, cand.end)
        for s, e in blocks
    )


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the more trusted source, then leftmost."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.size, -c.source, c.start)):
        if cand.size <= 0:
            continue
        if not any(c.start < cand.end and cand.start < c.end for c in chosen):
            chosen.append(cand)
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
