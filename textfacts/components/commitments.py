"""textfacts_commitments: forward-looking pledges with actor, action, deadline and speaker.

GAC/SCIO releases announce what an authority will do in a few recurring shapes: a modal
clause ("customs will further deepen ..."), a control verb ("strive to", "aims to", "is willing
to", "are required to", "continue to"), a list of initiatives after an introduction ("put forward
three initiatives: ...; ...; and ...", "First, ... Second, ...", numbered lines "1. Ensuring ...")
and headline imperatives after an organisation ("General Administration of Customs: Support
..."). Triggers and cue words are data (lexicons/modality.tsv, patterns/commitments.jsonl);
structure comes from the dependency parse already in the Doc (no re-parsing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._spans import in_chrome, make_span, write_group
from textfacts.extensions import state
from textfacts.resources import data_path, read_jsonl, read_tsv

GROUP = "textfacts_commitments"
NAME_GROUP = "textfacts_entities"
PEOPLE_GROUP = "textfacts_people"
DATE_GROUP = "textfacts_dates"
DEFAULT_ACTOR = "General Administration of Customs"
Ref = list  # [start_char, end_char, label]

# Dependency labels that leave a clause: its own coordinated actions are split off, its
# complement clauses belong to somebody else's statement.
_SPLIT = {"conj"}
_CLAUSAL = {"ccomp", "parataxis"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_FIRST_PERSON = {"we", "us", "i"}
_THIRD_PERSON = {"they"}
_PERFECT = {"have", "has", "had"}
_STATES = {"be", "remain", "have", "become", "stay"}


class ModalityRow(BaseModel):
    """One trigger row of lexicons/modality.tsv."""

    model_config = ConfigDict(extra="forbid")
    id: str
    word: str
    modality: Literal["will", "strive", "plan", "continue", "require", "willing", "initiative"]
    role: Literal["modal", "control", "transparent", "adverb", "noun"]
    example: str


class CueRow(BaseModel):
    """One cue row of patterns/commitments.jsonl: word lists and regexes by kind."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Literal[
        "enumerator", "list_intro", "initiative_noun", "initiative_verb", "event_verb",
        "belief_verb", "agent_noun", "agent_document", "actor_alias", "speech_verb",
        "according_to", "goal_noun", "deadline_preposition", "event_noun",
    ]
    words: list[str] = []
    regex: str | None = None
    canonical: str | None = None
    example: str


@dataclass
class Cues:
    """The commitment cue data, loaded once per component."""

    modal: dict[str, str]
    control: dict[str, str]
    transparent: dict[str, str]
    adverb: dict[str, str]
    noun: dict[str, str]
    enumerators: list[re.Pattern[str]]
    intros: list[re.Pattern[str]]
    words: dict[str, set[str]]
    actor_alias: dict[str, str]
    according_to: list[re.Pattern[str]]

    @classmethod
    def load(cls, data_dir: str | Path | None) -> Cues:
        """Read modality.tsv and commitments.jsonl into lookup tables."""
        rows = read_tsv(data_path(data_dir, "lexicons/modality.tsv"), ModalityRow)
        by_role: dict[str, dict[str, str]] = {r: {} for r in ("modal", "control", "transparent",
                                                             "adverb", "noun")}
        for row in rows:
            by_role[row.role][row.word] = row.modality
        cues = read_jsonl(data_path(data_dir, "patterns/commitments.jsonl"), CueRow)
        words: dict[str, set[str]] = {}
        alias: dict[str, str] = {}
        for row in cues:
            words.setdefault(row.kind, set()).update(w.lower() for w in row.words)
            if row.kind == "actor_alias" and row.canonical:
                alias.update({w.lower(): row.canonical for w in row.words})

        def compiled(kind: str) -> list[re.Pattern[str]]:
            return [re.compile(r.regex, re.I) for r in cues if r.kind == kind and r.regex]

        return cls(
            modal=by_role["modal"], control=by_role["control"],
            transparent=by_role["transparent"], adverb=by_role["adverb"],
            noun=by_role["noun"], enumerators=compiled("enumerator"), intros=compiled("list_intro"),
            words=words, actor_alias=alias, according_to=compiled("according_to"),
        )

    def has(self, kind: str, word: str) -> bool:
        """Whether a lower-cased word is in the cue list of this kind."""
        return word.lower() in self.words.get(kind, set())


# --------------------------------------------------------------------------- mentions

_LAST_TEXT: list[Any] = [None, ""]


def text_of(doc: Doc) -> str:
    """The Doc's text, built once per Doc (``Doc.text`` joins every token on each access)."""
    if _LAST_TEXT[0] is not doc:
        _LAST_TEXT[0], _LAST_TEXT[1] = doc, doc.text
    return _LAST_TEXT[1]



class Mentions:
    """Char-offset lookups over the mention groups other components wrote."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.names = list(doc.spans.get(NAME_GROUP, []))
        self.people = list(doc.spans.get(PEOPLE_GROUP, []))
        self.dates = list(doc.spans.get(DATE_GROUP, []))

    @staticmethod
    def _at(spans: Iterable[Span], start: int, end: int) -> list[Span]:
        return [s for s in spans if s.start_char < end and start < s.end_char]

    def name_at(self, token: Token) -> Span | None:
        """The ORG/GPE/... mention covering a token."""
        hits = self._at(self.names, token.idx, token.idx + len(token))
        return hits[0] if hits else None

    def person_at(self, token: Token) -> Span | None:
        """The PERSON mention covering a token."""
        hits = self._at(self.people, token.idx, token.idx + len(token))
        return hits[0] if hits else None

    def people_in(self, start: int, end: int) -> list[Span]:
        """PERSON mentions inside a char range."""
        return self._at(self.people, start, end)

    def dates_in(self, start: int, end: int) -> list[Span]:
        """DATE mentions inside a char range, in text order."""
        return sorted(self._at(self.dates, start, end), key=lambda s: s.start_char)

    def person_org(self, person: Span) -> str | None:
        """Canonical name of the organisation a PERSON's role belongs to."""
        org = (person._.textfacts or {}).get("org")
        if not org:
            return None
        hits = self._at(self.names, int(org[0]), int(org[1]))
        return (hits[0]._.textfacts or {}).get("canonical") if hits else None


def ref(span: Span | None) -> Ref | None:
    """The [start, end, label] reference to a mention, as components exchange them."""
    return None if span is None else [span.start_char, span.end_char, span.label_]


# --------------------------------------------------------------------------- speakers


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Char range of the line (paragraph) holding a position; releases use one per line."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


class Speakers:
    """Who said what: transcript turns first, then reported speech in the parse.

    A sentence "X said/stated/pointed out (that) ..." or "According to X, ..." attributes
    itself to X, and the following sentences of the same paragraph stay X's until another
    attribution (reported-speech continuation, as a reader takes it).
    """

    def __init__(self, doc: Doc, mentions: Mentions, cues: Cues):
        self.doc = doc
        self.mentions = mentions
        self.cues = cues
        turns = state(doc).get("turns")
        self.turns = [(int(t[0]), int(t[1]), t[2]) for t in turns] if turns else _fallback_turns(
            doc, mentions)
        self.segments: list[tuple[int, int, Span | None]] = []
        current: Span | None = None
        paragraph = (-1, -1)
        for segment in segments(doc):
            para = paragraph_of(text_of(doc), segment.start_char)
            if para != paragraph:
                paragraph, current = para, None
            said = self._attributed(segment)
            if said is not None:
                current = said
            self.segments.append((segment.start_char, segment.end_char, current))

    def _attributed(self, segment: Span) -> Span | None:
        """The PERSON a sentence reports, through a speech verb or "according to"."""
        for token in segment:
            if token.pos_ not in ("VERB", "AUX") or not self.cues.has("speech_verb", token.lemma_):
                continue
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    hits = self.mentions.people_in(max(child.left_edge.idx, segment.start_char),
                                                   min(_right(child), segment.end_char))
                    if hits:
                        return hits[-1] if child.i > token.i else hits[0]
        for pattern in self.cues.according_to:
            for match in pattern.finditer(segment.text):
                after = segment.start_char + match.end()
                people = [p for p in self.mentions.people_in(after, segment.end_char)
                          if p.start_char - after <= 3]
                if people:
                    return people[0]
        return None

    def at(self, token: Token) -> Span | None:
        """The PERSON mention who says the sentence holding this token."""
        pos = token.idx
        for start, end, person in self.turns:
            if start <= pos < end:
                return _span_of_ref(self.mentions, person)
        for start, end, person in self.segments:
            if start <= pos < end:
                return person
        return None


def segments(doc: Doc) -> Iterator[Span]:
    """Sentences cut at line breaks: the parser runs headlines into the next paragraph."""
    text = text_of(doc)
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text or (token.i + 1 < sent.end and "\n" in text[
                    token.idx + len(token):doc[token.i + 1].idx]):
                piece = doc[start:token.i + (0 if token.is_space else 1)]
                if piece.text.strip():
                    yield piece
                start = token.i + 1
        if start < sent.end and doc[start:sent.end].text.strip():
            yield doc[start:sent.end]


def _span_of_ref(mentions: Mentions, person: Any) -> Span | None:
    if isinstance(person, Span):
        return person
    hits = [p for p in mentions.people if p.start_char == int(person[0]) and p.end_char == int(
        person[1])]
    return hits[0] if hits else None


def _fallback_turns(doc: Doc, mentions: Mentions) -> list[tuple[int, int, Span]]:
    """Transcript turns when the people component wrote none: "Li Kuiwen:" lines.

    In SCIO transcripts a line holding only a name and a colon opens a turn, which runs to
    the next such line (a journalist's outlet line, "Beijing Youth Daily:", closes it).
    """
    text = text_of(doc)
    heads: list[tuple[int, Span | None]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.endswith(":") and 0 < len(stripped.split()) <= 8:
            people = mentions.people_in(pos, pos + len(line))
            heads.append((pos, people[0] if people else None))
        pos += len(line)
    turns = []
    for i, (start, person) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        if person is not None:
            turns.append((start, end, person))
    return turns


# --------------------------------------------------------------------------- commitments


@dataclass
class Found:
    """One commitment before it becomes a span."""

    start: int
    end: int
    head: Token
    modality: str
    actor: str | None
    rule: str
    shared_dates: list[Span]
    whole: bool = False


class Commitments:
    """Finds commitments and fills actor, action, deadline, speaker and modality."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None,
                 default_actor: str = DEFAULT_ACTOR):
        self.name = name
        self.cues = Cues.load(data_dir)
        self.default_actor = default_actor

    def __call__(self, doc: Doc) -> Doc:
        """Write the textfacts_commitments span group."""
        if not doc.has_annotation("DEP"):
            write_group(doc, GROUP, [], keep_overlaps=True)
            return doc
        mentions = Mentions(doc)
        speakers = Speakers(doc, mentions, self.cues)
        found: list[Found] = []
        covered: list[tuple[int, int]] = []
        for item in self._enumerated(doc, mentions, speakers):
            found.append(item)
            covered.append((item.start, item.end))
        for item in self._headlines(doc, mentions):
            if not any(s <= item.start < e for s, e in covered):
                found.append(item)
                covered.append((item.start, item.end))
        for segment in segments(doc):
            if in_chrome(doc, segment.start_char, segment.end_char):
                continue
            for item in self._clauses(segment, mentions, speakers):
                if not any(s <= item.start < e for s, e in covered):
                    found.append(item)
        spans = []
        for item in found:
            span = self._to_span(doc, item, mentions, speakers)
            if span is not None:
                spans.append(span)
        write_group(doc, GROUP, _dedupe(spans), keep_overlaps=True)
        return doc

    # -- clause triggers -------------------------------------------------------

    def _clauses(self, sent: Span, mentions: Mentions, speakers: Speakers) -> Iterator[Found]:
        """Modal and control-verb commitments of one sentence, one per coordinated action."""
        seen: set[int] = set()
        imperative = self._imperative(sent, speakers)
        for token in sent:
            trigger = self._trigger(token)
            if imperative is not None and token.i == imperative.i and trigger is None:
                lemma = token.lemma_.lower()
                inner = self._control_xcomp(token) if lemma in self.cues.control else None
                adverb = next((self.cues.adverb[c.lower_] for c in token.children
                               if c.lower_ in self.cues.adverb), None)
                trigger = (self.cues.control[lemma] if inner is not None else adverb or "will",
                           inner or token, [token] + ([inner] if inner is not None else []),
                           "commitments.imperative")
            if trigger is None:
                continue
            modality, action, chain, rule = trigger
            if action.i in seen or self._is_past(action) or self._believed(action):
                continue
            if action.lemma_ in _STATES or self._schedules_event(action):
                continue  # "continues to be a partner", "the Games will open soon"
            passive = any(c.dep_ == "auxpass" for c in action.children)
            if passive and not (self._passive_pledge(action, mentions) and (
                    speakers.at(action) is not None or _headline_line(sent))):
                continue  # "resilience will be enhanced" in a reporter's voice is a forecast
            bare = imperative is not None and token.i == imperative.i
            if not passive and not bare and not self._agentive(action, mentions, speakers):
                continue
            actor = self._actor(action, mentions, speakers)
            seen.add(action.i)
            start = min(t.idx for t in chain)
            if passive:
                subject = next((c for c in action.children if c.dep_ == "nsubjpass"), None)
                if subject is not None:
                    start = min(start, subject.left_edge.idx)
            shared = self._governing_dates(chain, mentions)
            yield Found(start, _clause_end(action), action, modality, actor, rule, shared)
            conjuncts = _conjuncts(action)
            for link in chain:
                if link.i != action.i and link.dep_ != "aux":
                    conjuncts += [c for c in _conjuncts(link) if c.i > action.i]
            for conj in sorted(set(conjuncts), key=lambda t: t.i):
                if conj.i in seen or self._is_past(conj) or conj.tag_ not in ("VB", "VBP"):
                    continue
                seen.add(conj.i)
                c_modality, c_rule, c_action = modality, rule, conj
                inner = self._control_xcomp(conj)
                lemma = conj.lemma_.lower()
                if inner is not None and lemma in self.cues.control:
                    c_modality, c_rule = self.cues.control[lemma], f"modality.{lemma}"
                    c_action = inner
                yield Found(_conj_start(conj), _clause_end(conj), c_action, c_modality, actor,
                            c_rule, shared)

    def _imperative(self, segment: Span, speakers: Speakers) -> Token | None:
        """A bare-verb sentence inside an official's reported statement.

        "Strengthen the study of ..." in this genre lists the tasks the official announces.
        """
        words = [t for t in segment if not t.is_punct and not t.is_space]
        if len(words) < 4:
            return None
        first = words[1] if words[0].pos_ == "ADV" and words[0].lower_ != "not" else words[0]
        if first.tag_ != "VB" or first.lower_ in ("let", "please", "see", "click", "thank"):
            return None
        if any(c.dep_ in _SUBJECTS for c in first.children) or first.head.i in range(
                segment.start, segment.end) and first.head.i != first.i:
            return None
        return first if speakers.at(first) is not None else None

    def _trigger(self, token: Token) -> tuple[str, Token, list[Token], str] | None:
        """(modality, action verb, trigger tokens, rule) when a token opens a commitment."""
        lower = token.lower_
        if token.dep_ == "aux" and lower in self.cues.modal and token.head.pos_ in ("VERB", "AUX"):
            verb = token.head
            if verb.lemma_ == "be" and verb.pos_ == "AUX":
                adj = next((c for c in verb.children if c.dep_ == "acomp"), None)
                if adj is None:
                    return None
                verb = adj
            modality, rule = self.cues.modal[lower], f"modality.{lower}"
            return self._through_control(verb, modality, rule, [token])
        if token.dep_ == "aux" or token.head.dep_ == "aux":
            return None
        lemma = token.lemma_.lower()
        if lemma in self.cues.control and self._control_xcomp(token) is not None:
            if any(c.dep_ == "aux" and c.lower_ in self.cues.modal for c in token.children):
                return None  # the modal opens this one
            if token.head.dep_ == "aux" or (token.dep_ == "xcomp" and token.head.lemma_.lower()
                                             in self.cues.control):
                return None  # inside a chain another trigger opened
            chain = [token]
            copula = next((c for c in token.children if c.dep_ in ("cop", "auxpass")), None)
            if token.pos_ == "ADJ" and token.dep_ == "acomp":
                copula = token.head
            if copula is not None:
                chain.append(copula)
            modality, rule = self.cues.control[lemma], f"modality.{lemma}"
            return self._through_control(token, modality, rule, chain)
        if token.pos_ == "NOUN" and lemma in self.cues.noun:
            action = next((c for c in token.children if c.dep_ in ("acl", "relcl")
                           and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)),
                          None)
            if action is not None:
                return self.cues.noun[lemma], action, [token, action], f"modality.{lemma}_noun"
        return None

    def _through_control(self, verb: Token, modality: str, rule: str, chain: list[Token]
                         ) -> tuple[str, Token, list[Token], str]:
        """Follow "will strive to X", "will continue to X", "will work to X" to the action X."""
        for _ in range(3):
            lemma = verb.lemma_.lower()
            inner = self._control_xcomp(verb)
            if inner is None:
                break
            if lemma in self.cues.transparent:
                if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "to":
                    modality, rule = self.cues.transparent[lemma], f"modality.{lemma}"
                    chain.append(verb)
                    verb = inner
                    continue
                break
            if lemma in self.cues.control:
                modality, rule = self.cues.control[lemma], f"modality.{lemma}"
                chain.append(verb)
                verb = inner
                continue
            break
        chain.append(verb)
        return modality, verb, chain, rule

    @staticmethod
    def _control_xcomp(token: Token) -> Token | None:
        """The to-infinitive action a control word governs ("strive to build" → build)."""
        for child in token.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and child.i > token.i:
                return child
        return None

    @staticmethod
    def _is_past(verb: Token) -> bool:
        """Achievements are not pledges: "have reduced", "was launched"."""
        if verb.tag_ in ("VBD",) and not any(c.dep_ in ("aux",) for c in verb.children):
            return True
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PERFECT | {"was", "were"}
                   for c in verb.children)

    def _believed(self, verb: Token) -> bool:
        """Forecasts and beliefs: the clause is the complement of "we believe/expect"."""
        node = verb
        for _ in range(6):
            if node.dep_ in ("ccomp", "xcomp") and self.cues.has("belief_verb", node.head.lemma_):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _subject(self, verb: Token) -> Token | None:
        """The subject of a verb, inherited through coordination and control chains."""
        node = verb
        for _ in range(6):
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is not None:
                return subject
            if node.dep_ in ("acl", "relcl") and node.head.lemma_.lower() in self.cues.noun:
                node = node.head.head  # "the report outlines plans to enhance ..."
                continue
            if node.dep_ in ("conj", "xcomp", "acomp") or (
                node.dep_ == "advcl" and node.head.lemma_ in self.cues.control
            ):
                node = node.head
                continue
            return None
        return None

    def _agentive(self, verb: Token, mentions: Mentions, speakers: Speakers) -> bool:
        """Whether the one who acts is an authority (not "trade", "the economy", "it")."""
        subject = self._subject(verb)
        if subject is None:
            # Subjectless imperatives count only in headlines and lists (handled elsewhere).
            return False
        lower = subject.lower_
        if lower in _FIRST_PERSON:
            return True
        if lower in _THIRD_PERSON:
            return speakers.at(subject) is not None
        name = mentions.name_at(subject)
        if name is not None and name.label_ in ("ORG", "GPE"):
            return True
        if self.cues.has("agent_noun", subject.lemma_) or self.cues.has("agent_noun", lower):
            return True
        if self.cues.has("goal_noun", subject.lemma_):
            # "Our goal is to strive to build ...": the goal of whoever owns it
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            return owner is not None and (owner.lower_ in ("our", "its", "their") or
                                          mentions.name_at(owner) is not None)
        if self.cues.has("agent_document", subject.lemma_):
            return any(self.cues.has("agent_noun", t.lemma_) or (
                (n := mentions.name_at(t)) is not None and n.label_ in ("ORG", "GPE"))
                for t in subject.subtree)
        return False

    def _schedules_event(self, verb: Token) -> bool:
        """A schedule, not a pledge: "will open soon", "will hold a press conference"."""
        if not self.cues.has("event_verb", verb.lemma_):
            return False
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")]
        return not objects or any(c.dep_ == "dobj" and self.cues.has("event_noun", c.lemma_)
                                  for c in objects)

    def _passive_pledge(self, verb: Token, mentions: Mentions) -> bool:
        """A passive "X will be expanded" is a pledge unless it schedules an event."""
        if self.cues.has("event_verb", verb.lemma_):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None:
            return False
        name = mentions.name_at(subject)
        return not (name is not None and name.label_ == "EVENT")

    def _actor(self, verb: Token, mentions: Mentions, speakers: Speakers) -> str:
        """Canonical name of who commits: the subject ORG, else the speaker's organisation."""
        subject = self._subject(verb)
        if subject is not None and not any(c.dep_ == "auxpass" for c in verb.children):
            phrase = " ".join(t.lower_ for t in subject.subtree if t.dep_ != "det")
            if phrase in self.cues.actor_alias:
                return self.cues.actor_alias[phrase]
            name = mentions.name_at(subject) or next(
                (n for t in subject.subtree if (n := mentions.name_at(t)) is not None
                 and n.label_ in ("ORG", "GPE")), None)
            if name is not None:
                canonical = (name._.textfacts or {}).get("canonical") or name.text
                return self.cues.actor_alias.get(canonical.lower(), canonical)
            if subject.lower_ in self.cues.actor_alias:
                return self.cues.actor_alias[subject.lower_]
        person = speakers.at(verb)
        if person is not None:
            org = mentions.person_org(person)
            if org:
                return self.cues.actor_alias.get(org.lower(), org)
        return self.default_actor

    def _governing_dates(self, chain: list[Token], mentions: Mentions) -> list[Span]:
        """DATEs modifying the trigger chain, shared by its coordinated actions."""
        out: list[Span] = []
        chain_ids = {t.i for t in chain}
        for token in chain:
            for child in token.children:
                if child.dep_ in _SPLIT | _CLAUSAL | {"xcomp"} or child.i in chain_ids:
                    continue
                if child.dep_ == "prep" and child.lower_ in ("since", "from", "than"):
                    continue
                out.extend(mentions.dates_in(child.left_edge.idx, _right(child)))
        return out

    # -- enumerated initiatives ------------------------------------------------

    def _enumerated(self, doc: Doc, mentions: Mentions, speakers: Speakers) -> Iterator[Found]:
        """Items of a list of initiatives or tasks that an introduction announces."""
        text = text_of(doc)
        sents = [s for s in segments(doc) if not in_chrome(doc, s.start_char, s.end_char)]
        for index, sent in enumerate(sents):
            colons = [t for t in sent if t.text == ":" and t.i < sent.end - 3]
            listed = False
            for colon in colons:
                intro = doc[sent.start:colon.i]
                kind = self._intro_kind(intro)
                if kind is None:
                    continue
                items = list(self._colon_items(doc, sent, colon, intro, kind, mentions))
                if not items:
                    # "...will be focused on: First, A. Second, B." — the list runs on
                    # as sentences; its first item sits after the colon.
                    items = list(self._following_items(
                        doc, [doc[colon.i + 1:sent.end], *sents[index + 1:]], intro, kind,
                        mentions, text))
                yield from items
                listed = bool(items)
                break
            if listed:
                continue
            kind = self._intro_kind(sent) if sent.text.rstrip().endswith(":") else None
            if kind is None:
                kind = self._intro_kind(sent, strict=True)
            if kind is None:
                continue
            yield from self._following_items(doc, sents[index + 1:], sent, kind, mentions, text)

    def _intro_kind(self, intro: Span, strict: bool = False) -> str | None:
        """'initiative' for "put forward N initiatives", 'list' for "as follows", else None.

        With strict, only an introduction of initiatives/measures by an authority counts
        (numbered lines after "The GAC introduced 10 measures ...").
        """
        for token in intro:
            if not self.cues.has("initiative_noun", token.lemma_):
                continue
            verb = token.head
            if token.dep_ in ("dobj", "nsubjpass") and self.cues.has("initiative_verb",
                                                                        verb.lemma_):
                return "initiative"
        if strict:
            return None
        if any(p.search(intro.text) for p in self.cues.intros):
            return "list"
        if any(t.lower_ in self.cues.modal for t in intro):
            return "list"
        return None

    def _colon_items(self, doc: Doc, sent: Span, colon: Token, intro: Span, kind: str,
                     mentions: Mentions) -> Iterator[Found]:
        """Items after "...: A; B; and C" or after "...: First, A; Secondly, B" in one sentence."""
        body_start = colon.idx + 1
        body = text_of(doc)[body_start:sent.end_char]
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^;]+", body)]
        if len(pieces) < 2:
            return  # one item only: the list goes on as "First, ... Second, ..." sentences
        actor = self._intro_actor(intro, mentions)
        shared = mentions.dates_in(intro.start_char, intro.end_char)
        for start, end in pieces:
            item = self._item(doc, body_start + start, body_start + end, kind, actor, shared)
            if item is not None:
                yield item

    def _following_items(self, doc: Doc, after: list[Span], intro: Span, kind: str,
                         mentions: Mentions, text: str) -> Iterator[Found]:
        """Items that follow the introduction as sentences or lines opening with an enumerator."""
        actor = self._intro_actor(intro, mentions)
        shared = mentions.dates_in(intro.start_char, intro.end_char)
        gap = 0
        consumed = -1
        for sent in after:
            if sent.start_char < consumed:
                continue
            line_end = paragraph_of(text, sent.start_char)[1]
            body = text[sent.start_char:line_end]
            if not any(p.match(body) for p in self.cues.enumerators):
                gap += 1
                if gap > 6:  # captions and photo credits may sit between numbered items
                    return
                continue
            gap = 0
            numbered = re.match(r"^\(?\d", body) is not None
            end = line_end if numbered else sent.end_char
            consumed = end
            item = self._item(doc, sent.start_char, end, kind, actor, shared)
            if item is not None:
                yield item

    def _item(self, doc: Doc, start: int, end: int, kind: str, actor: str | None,
              shared: list[Span]) -> Found | None:
        """One whole list item: strip its enumerator, start at its modal when it has one."""
        raw = text_of(doc)[start:end]
        offset = len(raw) - len(raw.lstrip())
        for pattern in self.cues.enumerators:
            match = pattern.match(raw[offset:])
            if match:
                offset += match.end()
                break
        else:
            match = re.match(r"(?i)and\s+", raw[offset:])
            if match:
                offset += match.end()
        body = raw[offset:].rstrip(" ;,.\n")
        if len(body.split()) < 3:
            return None
        span = doc.char_span(start + offset, start + offset + len(body), alignment_mode="expand")
        if span is None:
            return None
        head = next((t for t in span if t.pos_ == "VERB"), span.root)
        if self._is_past(head):
            return None
        modality = "initiative" if kind == "initiative" else None
        first = span.start
        for token in span[:6]:
            lower = token.lower_
            if lower in self.cues.modal and token.dep_ == "aux":
                first = token.i
                modality = modality or self.cues.modal[lower]
                break
            lemma = token.lemma_.lower()
            if modality is None and lemma in self.cues.control and token.pos_ in ("VERB", "ADJ"):
                modality = self.cues.control[lemma]
                break
            if modality is None and lower in self.cues.adverb:
                modality = self.cues.adverb[lower]
                break
        if first != span.start and doc[span.start].pos_ == "PRON":
            span = doc[first:span.end]
        return Found(span.start_char, span.end_char, head, modality or "will", actor,
                     f"commitments.list_{kind}", shared, whole=True)

    def _intro_actor(self, intro: Span, mentions: Mentions) -> str | None:
        """The authority that introduces the list: subject ORG of the introduction."""
        for token in intro:
            if token.dep_ in _SUBJECTS:
                name = mentions.name_at(token) or next(
                    (n for t in token.subtree if (n := mentions.name_at(t)) is not None
                     and n.label_ == "ORG"), None)
                if name is not None and name.label_ == "ORG":
                    canonical = (name._.textfacts or {}).get("canonical") or name.text
                    return self.cues.actor_alias.get(canonical.lower(), canonical)
                phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "det")
                if phrase in self.cues.actor_alias:
                    return self.cues.actor_alias[phrase]
        return None

    # -- headline pledges --------------------------------------------------------

    def _headlines(self, doc: Doc, mentions: Mentions) -> Iterator[Found]:
        """Headline tasks: "<ORG>: <imperative>" lines announce what the ORG will do."""
        text = text_of(doc)
        pos = 0
        for line in text.splitlines(keepends=True):
            start, stripped = pos, line.rstrip("\n")
            pos += len(line)
            match = re.match(r"^([^:\n]{3,80}):\s+(\S.*)$", stripped)
            if not match or in_chrome(doc, start, start + len(stripped)):
                continue
            orgs = [n for n in mentions._at(mentions.names, start, start + match.end(1))
                    if n.label_ == "ORG"]
            if not orgs or orgs[0].end_char != start + match.end(1):
                continue
            body_start = start + match.start(2)
            span = doc.char_span(body_start, start + len(stripped.rstrip(" .")),
                                 alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            first = span[0]
            verb = first if first.pos_ == "VERB" else (
                span[1] if first.pos_ == "ADV" and span[1].pos_ == "VERB" else None)
            if verb is None or verb.tag_ != "VB" or any(
                c.dep_ in _SUBJECTS and c.i >= span.start for c in verb.children
            ):
                continue  # a subject inside the line makes it a statement, not a task
            canonical = (orgs[0]._.textfacts or {}).get("canonical") or orgs[0].text
            actor = self.cues.actor_alias.get(canonical.lower(), canonical)
            modality = self.cues.control.get(verb.lemma_.lower()) or self.cues.adverb.get(
                first.lower_) or "will"
            action = self._control_xcomp(verb) if verb.lemma_.lower() in self.cues.control else None
            yield Found(span.start_char, span.end_char, action or verb, modality, actor,
                        "commitments.headline_imperative", mentions.dates_in(
                            span.start_char, span.end_char), whole=True)

    # -- output ----------------------------------------------------------------

    def _deadline_like(self, doc: Doc, date: Span) -> bool:
        """Whether a DATE is a deadline: a temporal preposition governs it.

        "by 2026", "in 2026", "during the 15th Five-Year Plan period" are; a year inside a
        name ("the 2026 APEC Smart Customs Case Repository") is not.
        """
        before = text_of(doc)[max(0, date.start_char - 24):date.start_char].lower()
        match = re.search(r"([a-z]+(?: [a-z]+)*?)\s+(?:the\s+|this\s+|next\s+)?$", before)
        if match is None:
            return False
        return self.cues.has("deadline_preposition", match.group(1).split()[-1])

    def _to_span(self, doc: Doc, item: Found, mentions: Mentions, speakers: Speakers
                 ) -> Span | None:
        if in_chrome(doc, item.start, item.end):
            return None
        start, end = item.start, item.end
        line_start, line_end = paragraph_of(text_of(doc), item.head.idx)
        start, end = max(start, line_start), min(end, line_end)
        prefix = re.match(r"[^:\n]{3,80}:\s+", text_of(doc)[line_start:line_end])
        if prefix and start < line_start + prefix.end() and not item.whole:
            start = line_start + prefix.end()  # "<ORG>: ..." headline prefix
        while end > start and text_of(doc)[end - 1] in " ,;:.\"'”":
            end -= 1
        if not item.whole and text_of(doc)[end:end + 3].lstrip().startswith(":"):
            return None  # "... will be focused on:" introduces a list; its items are the pledges
        own = [d for d in mentions.dates_in(start, end) if self._deadline_like(doc, d)]
        dates = own or [d for d in item.shared_dates if self._deadline_like(doc, d)]
        deadline = next(((d._.textfacts or {}).get("value") for d in dates
                         if (d._.textfacts or {}).get("value")), None)
        speaker = speakers.at(item.head)
        attrs = {
            "actor": item.actor or self._actor(item.head, mentions, speakers),
            "action": action_phrase(item.head, start, end),
            "deadline": deadline,
            "speaker": ref(speaker),
            "modality": item.modality,
            "rule": item.rule,
        }
        return make_span(doc, start, end, "COMMITMENT", attrs, mode="expand")


# --------------------------------------------------------------------------- helpers

_TRIM_ADVERBS = {"further", "jointly", "actively", "continuously", "steadily", "resolutely",
                 "comprehensively", "effectively", "also", "unremittingly", "fully", "vigorously",
                 "constantly", "firmly", "orderly"}


def action_phrase(head: Token, start: int, end: int) -> str:
    """Base-form verb phrase: the head verb's lemma and its object, without manner adverbs.

    "will further deepen the reform ..." → "deepen the reform ..."; "building X" → "build X".
    """
    doc = head.doc
    patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if patient is not None:
        # "Market access for farm products will be expanded" → "expand market access for ..."
        words = [t.text_with_ws for t in patient.subtree
                 if t.dep_ != "det" or t.i > patient.left_edge.i]
        return _clean(f"{head.lemma_.lower()} {''.join(words)}")
    if not (start <= head.idx < end):
        return text_of(doc)[start:end]
    tokens = [t for t in doc[head.i:] if t.idx < end]
    words = [head.lemma_.lower() if head.pos_ in ("VERB", "AUX") else head.text]
    for token in tokens[1:]:
        if token.lower_ in _TRIM_ADVERBS and token.dep_ == "advmod":
            continue
        words.append(token.text_with_ws if token.whitespace_ else token.text)
    return _clean(words[0] + " " + "".join(words[1:]) if len(words) > 1 else words[0])


def _clean(phrase: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”]", "", phrase)).strip(" ,;.")


def _right(token: Token) -> int:
    edge = token.right_edge
    return edge.idx + len(edge)


def _coordinated(child: Token) -> bool:
    """Whether a child verb is a coordinated action.

    Either a conj verb, or an unmarked bare verb after a comma that the parser took for an
    adverbial clause ("will follow X, further support Y, ...").
    """
    if child.i < child.head.i or child.pos_ != "VERB":
        return False
    if child.dep_ == "conj":
        return True
    if child.dep_ not in ("advcl", "dep") or child.tag_ not in ("VB", "VBP"):
        return False
    if any(c.dep_ in ("mark", "aux", "nsubj", "nsubjpass") for c in child.children):
        return False
    before = child.left_edge.i - 1
    if before > 0 and child.doc[before].text in ('"', "”", "'"):
        before -= 1  # 'such as the "X Repository," actively build ...'
    return before >= 0 and child.doc[before].text in (",", ";")


def _shares_object(verb: Token, conj: Token) -> bool:
    """Whether two verbs share one object: "prepare and supply a new round of policies"."""
    if any(c.dep_ in _SUBJECTS for c in conj.children) or any(
            c.dep_ == "auxpass" for c in verb.children):
        return False  # a clause of its own, or a passive that needs no object
    own = [c for c in verb.children if c.i > verb.i and c.i < conj.i
           and c.dep_ not in ("cc", "punct", "advmod")]
    return not own


def _conjuncts(verb: Token) -> list[Token]:
    """Coordinated actions of a verb (spaCy attaches them to the first one, or chains them)."""
    out: list[Token] = []
    for child in verb.children:
        if _coordinated(child) and not _shares_object(verb, child):
            out.append(child)
            out.extend(_conjuncts(child))
        elif child.dep_ == "conj" and child.i > verb.i:
            out.extend(_conjuncts(child))  # through a mis-tagged conjunct ("adhere" as ADV)
    return out


def _clause_end(verb: Token) -> int:
    """End of one action: its subtree without coordinated actions and what follows them."""
    end = verb.idx + len(verb)
    splits = {c.i for c in _conjuncts(verb)}
    first_split = min(splits, default=len(verb.doc))
    for child in verb.children:
        if child.i in splits or (child.dep_ in ("cc", "punct") and child.i > verb.i):
            continue
        if child.i > first_split:
            continue  # what follows the coordinated actions belongs to the last of them
        end = max(end, _right(child))
    line_end = text_of(verb.doc).find("\n", verb.idx)
    return end if line_end < 0 else min(end, line_end)


def _conj_start(verb: Token) -> int:
    """Start of a coordinated action: its own leading adverbs, not the "and" before it."""
    first = verb
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("advmod", "aux", "neg") and child.lower_ != "to":
            first = min(first, child, key=lambda t: t.i)
    return first.idx


def _headline_line(segment: Span) -> bool:
    """Whether a segment sits on a "<ORG>: ..." headline line."""
    start, end = paragraph_of(text_of(segment.doc), segment.start_char)
    return re.match(r"[^:\n]{3,80}:\s+\S", text_of(segment.doc)[start:end]) is not None


def _dedupe(spans: list[Span]) -> list[Span]:
    """Drop a span fully inside another commitment (a clause found twice)."""
    spans = sorted(spans, key=lambda s: (s.start_char, -(s.end_char - s.start_char)))
    kept: list[Span] = []
    for span in spans:
        if any(k.start_char <= span.start_char and span.end_char <= k.end_char
               and (k._.textfacts or {}).get("rule", "").startswith("commitments.")
               for k in kept):
            continue
        if any(k.start_char == span.start_char and k.end_char == span.end_char for k in kept):
            continue
        kept.append(span)
    return kept


@Language.factory("textfacts_commitments",
                  default_config={"data_dir": None, "default_actor": DEFAULT_ACTOR},
                  requires=["token.dep"], assigns=["doc.spans"])
def make_commitments(nlp: Language, name: str, data_dir: str | None,
                     default_actor: str) -> Commitments:
    """Factory for the commitments component."""
    return Commitments(nlp, name, data_dir, default_actor)
