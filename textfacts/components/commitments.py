"""textfacts_commitments: forward-looking pledges with actor, action, deadline and speaker.

GAC/SCIO releases announce what an authority will do in a few recurring shapes: a modal
clause ("customs will further deepen ..."), a control verb ("strive to", "aims to", "is willing
to", "are required to", "continue to"), a list of initiatives after an introduction ("put forward
three initiatives: ...; ...; and ...", "First, ... Second, ...", numbered lines "1. Ensuring ..."),
headline imperatives after an organisation ("General Administration of Customs: Support
..."), wire headlines ("China to boost ...") and passive plans on a noun ("the measures to be
rolled out in 2026"). Triggers and cue words are data (lexicons/modality.tsv,
patterns/commitments.jsonl); structure comes from the dependency parse already in the Doc (no
re-parsing). Who speaks and where sentences end come from _attribution.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._attribution import (
    LABEL_LINE,
    Mentions,
    Speakers,
    SpeechCues,
    heading_line,
    ref,
    right_edge,
)
from textfacts.components._context import context, text_of
from textfacts.components._cues import CueRowBase
from textfacts.components._requires import check
from textfacts.components._spans import in_chrome, make_span, write_group
from textfacts.components.dates import DateWordRow
from textfacts.extensions import span_attrs
from textfacts.offsets import Ranges
from textfacts.resources import data_path, read_jsonl, read_tsv

GROUP = "textfacts_commitments"
DEFAULT_ACTOR = "General Administration of Customs"

# Dependency labels that leave a clause: its own coordinated actions are split off, its
# complement clauses belong to somebody else's statement.
_SPLIT = {"conj"}
_CLAUSAL = {"ccomp", "parataxis"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_FIRST_PERSON = {"we", "us", "i"}
_THIRD_PERSON = {"they"}
_PERFECT = {"have", "has", "had"}
# "The Chinese version shall prevail" is a translation note, not an action.
_STATES = {"be", "remain", "have", "become", "stay", "prevail"}
# Words a wire headline may have ("China to ... to stabilize foreign trade and investment").
_HEADLINE_WORDS = 20
# How many sentences back a list's first item may stand ("The first ... The second is to").
_ITEM_REACH = 4
# How far back (tokens) "it" may stand for an official document named before: a few sentences.
_DOCUMENT_REACH = 80


class ModalityRow(BaseModel):
    """One trigger row of lexicons/modality.tsv."""

    model_config = ConfigDict(extra="forbid")
    id: str
    word: str
    modality: Literal["will", "strive", "plan", "continue", "require", "willing", "initiative"]
    role: Literal["modal", "control", "transparent", "adverb", "noun", "directive", "necessity"]
    example: str


class CueRow(CueRowBase):
    """One cue row of patterns/commitments.jsonl: word lists and regexes by kind."""

    # an enumerator that closes a list ("Finally,") and counts only after one has opened
    closes: bool = False

    kind: Literal[
        "enumerator",
        "list_intro",
        "initiative_noun",
        "initiative_verb",
        "event_verb",
        "belief_verb",
        "agent_noun",
        "agent_document",
        "actor_alias",
        "goal_noun",
        "deadline_preposition",
        "event_noun",
        "frame_noun",
        "administrative_verb",
        "decision_verb",
        "manner_adverb",
        "item_ordinal",
        "next_step",
        "goal_copula",
        "directive_noun",
        "issue_verb",
        "official_title",
    ]


@dataclass
class Cues:
    """The commitment cue data, loaded once per component."""

    modal: dict[str, str]
    control: dict[str, str]
    transparent: dict[str, str]
    adverb: dict[str, str]
    noun: dict[str, str]
    # "urged efforts to X", "called for X-ing": a verb whose object names the action
    directive: dict[str, str]
    # "It is necessary to X": an adjective of necessity with an expletive "it"
    necessity: dict[str, str]
    enumerators: list[re.Pattern[str]]
    intros: list[re.Pattern[str]]
    words: dict[str, set[str]]
    actor_alias: dict[str, str]
    months: set[str]  # first three letters of each month name (lexicons/date_words.tsv)
    # enumerator regexes that close a list rather than open one ("Finally,", "In addition,")
    closing: set[str]
    ordinals: set[str]  # "first" ... (lexicons/date_words.tsv): "The second task is to ..."

    @classmethod
    def load(cls, data_dir: str | Path | None) -> Cues:
        """Read modality.tsv and commitments.jsonl into lookup tables."""
        rows = read_tsv(data_path(data_dir, "lexicons/modality.tsv"), ModalityRow)
        by_role: dict[str, dict[str, str]] = {
            r: {}
            for r in ("modal", "control", "transparent", "adverb", "noun", "directive", "necessity")
        }
        for row in rows:
            by_role[row.role][row.word] = row.modality
        cues = read_jsonl(data_path(data_dir, "patterns/commitments.jsonl"), CueRow)
        words: dict[str, set[str]] = {}
        alias: dict[str, str] = {}
        for row in cues:
            words.setdefault(row.kind, set()).update(w.lower() for w in row.words)
            if row.kind == "actor_alias" and row.canonical:
                alias.update({w.lower(): row.canonical for w in row.words})

        date_words = read_tsv(data_path(data_dir, "lexicons/date_words.tsv"), DateWordRow)

        def compiled(kind: str) -> list[re.Pattern[str]]:
            return [re.compile(r.regex, re.I) for r in cues if r.kind == kind and r.regex]

        return cls(
            modal=by_role["modal"],
            control=by_role["control"],
            transparent=by_role["transparent"],
            adverb=by_role["adverb"],
            noun=by_role["noun"],
            directive=by_role["directive"],
            necessity=by_role["necessity"],
            enumerators=compiled("enumerator"),
            closing={r.regex for r in cues if r.kind == "enumerator" and r.closes and r.regex},
            intros=compiled("list_intro"),
            words=words,
            actor_alias=alias,
            months={row.surface[:3].lower() for row in date_words if row.kind == "month"},
            ordinals={row.surface.lower() for row in date_words if row.kind == "ordinal"},
        )

    def has(self, kind: str, word: str) -> bool:
        """Whether a lower-cased word is in the cue list of this kind."""
        return word.lower() in self.words.get(kind, set())


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
    # Where the first of its coordinated actions starts: dates before it are fronted and
    # shared; dates after it sit in one action's own phrase.
    front: int | None = None
    # who said it when the trigger itself names them ("Premier Zhao urged efforts to ...")
    speaker: Span | None = None


@dataclass
class _DocCues:
    """What commitments reads of one Doc before its sentences: kept in the context's memo."""

    directive_at: set[int]  # tokens that may open a directive or a necessity
    # document noun → (its first token issued or owned by an authority, the authority)
    issued_at: dict[str, tuple[int, str]]
    documents: list[int]  # tokens that name such a document, in text order


_DOC_CUES_KEY = ("commitments.doc_cues",)


class Commitments:
    """Finds commitments and fills actor, action, deadline, speaker and modality."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        data_dir: str | Path | None = None,
        default_actor: str = DEFAULT_ACTOR,
    ):
        self.name = name
        self.cues = Cues.load(data_dir)
        self.speech = SpeechCues.load(data_dir)
        self.trailing_attribution = re.compile(
            _TRAILING_ATTRIBUTION.format(
                according="|".join(p.pattern for p in self.speech.according_to)
            )
        )
        self.default_actor = default_actor

    def __call__(self, doc: Doc) -> Doc:
        """Write the textfacts_commitments span group."""
        check(doc, self.name, ("token.dep",))
        if not doc.has_annotation("DEP"):
            write_group(doc, GROUP, [], keep_overlaps=True)
            return doc
        ctx = context(doc)
        mentions = ctx.mentions
        speakers = ctx.speakers(self.speech)
        found: list[Found] = []
        covered: list[tuple[int, int]] = []
        pieces = [(segment, self._inline_items(segment)) for segment in ctx.segments]
        for item in self._enumerated(doc, pieces, mentions, speakers):
            found.append(item)
            covered.append((item.start, item.end))
        included = [item for segment, _ in pieces for item in self._included(segment)]
        for item in [
            *self._headlines(doc, mentions),
            *self._headline_infinitives(doc, mentions),
            *included,
        ]:
            if not any(s <= item.start < e for s, e in covered):
                found.append(item)
                covered.append((item.start, item.end))
        parts = [piece for _, items in pieces for piece in items]
        cover = Ranges(covered)  # an item starting inside a listed one is part of it
        for index, segment in enumerate(parts):
            if in_chrome(doc, segment.start_char, segment.end_char):
                continue
            if ctx.text_at(segment).rstrip(" \"'”’").endswith("?"):
                continue  # a journalist's question ("how will customs support it?") pledges nothing
            following = parts[index + 1] if index + 1 < len(parts) else None
            for item in self._clauses(segment, mentions, speakers):
                if cover.overlaps(item.start, item.start + 1):
                    continue
                if following is not None and self._frames_list(item, following):
                    continue
                found.append(item)
        spans = []
        local: set[tuple[int, int]] = set()
        for item in found:
            made = self._to_span(doc, item, mentions, speakers)
            if made is not None:
                span, own_deadline = made
                spans.append(span)
                if own_deadline:
                    local.add((span.start_char, span.end_char))
        spans = _dedupe(spans)
        _carry_actors(spans, self.default_actor)
        _carry_deadlines(doc, spans, local)
        write_group(doc, GROUP, spans, keep_overlaps=True)
        return doc

    def _inline_items(self, segment: Span) -> list[Span]:
        """A sentence cut before each "; second, ..." of an inline list of measures.

        "First, customs will speed up X; second, it will lower Y; third, it will help Z" gives
        three items (ANNOTATION.md §3: each enumerated item is one commitment).
        """
        doc = segment.doc
        text = text_of(doc)
        if ";" not in text[segment.start_char : segment.end_char]:
            return [segment]  # no "; second, ..." to cut at
        cuts = [
            t.i + 1
            for t in segment
            if t.text == ";"
            and t.i + 1 < segment.end
            and any(
                p.match(text[doc[t.i + 1].idx : segment.end_char]) for p in self.cues.enumerators
            )
        ]
        if not cuts:
            return [segment]
        bounds = [segment.start, *cuts, segment.end]
        return [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]

    def _frames_list(self, item: Found, following: Span) -> bool:
        """ "We will focus on three tasks. First, ...": the frame announces the items after it.

        Its items say what it means, so the frame itself is not a separate pledge.
        """
        body = context(following.doc).text_at(following).lstrip()
        if not any(p.match(body) for p in self.cues.enumerators):
            return False
        return any(
            self._counts_frame(t)
            for t in item.head.subtree
            if t.i > item.head.i and t.idx < item.end
        )

    def _counts_frame(self, token: Token) -> bool:
        """ "three tasks", "four aspects of work": a count of the items a list will give."""
        return (
            token.dep_ == "nummod"
            and token.like_num
            and token.head.tag_ == "NNS"
            and self.cues.has("frame_noun", token.head.lemma_)
        )

    # -- clause triggers -------------------------------------------------------

    def _clauses(self, sent: Span, mentions: Mentions, speakers: Speakers) -> Iterator[Found]:
        """Modal and control-verb commitments of one sentence, one per coordinated action."""
        seen: set[int] = set()
        imperative = self._imperative(sent, speakers)
        # "First, we will extend X and make sure Y.": an enumerated item (ANNOTATION.md §3)
        ctx = context(sent.doc)
        opening = ctx.text_at(sent).lstrip()
        marker = next((p for p in self.cues.enumerators if p.match(opening)), None)
        # "Finally," / "In addition," close a list only when one is open: elsewhere "In
        # addition, the GAC will A, B and C" is a sentence of coordinated pledges
        listed = marker is not None and (
            marker.pattern not in self.cues.closing or self._list_open(sent)
        )
        columns = ctx.columns
        directive_at = self._doc_cues(sent.doc).directive_at
        for i in range(sent.start, sent.end):
            if i in directive_at:
                token = sent.doc[i]
                directed = self._directive(token, mentions, speakers, seen)
                if directed and listed:
                    head = directed[0]
                    yield Found(
                        head.start,
                        sent.end_char,
                        head.head,
                        head.modality,
                        head.actor,
                        head.rule,
                        head.shared_dates,
                        whole=True,
                    )
                    return
                if directed:
                    yield from directed
                    continue
            if (
                not self._may_trigger(columns.lower[i], columns.lemma[i])
                and columns.tag[i] != "VBN"
                and (imperative is None or i != imperative.i)
            ):
                continue  # opens nothing: no trigger word (`_trigger`), no passive participle
            token = sent.doc[i]
            trigger = self._trigger(token)
            if imperative is not None and token.i == imperative.i and trigger is None:
                lemma = token.lemma_.lower()
                inner = self._control_xcomp(token) if lemma in self.cues.control else None
                adverb = next(
                    (
                        self.cues.adverb[c.lower_]
                        for c in token.children
                        if c.lower_ in self.cues.adverb
                    ),
                    None,
                )
                trigger = (
                    self.cues.control[lemma] if inner is not None else adverb or "will",
                    inner or token,
                    [token] + ([inner] if inner is not None else []),
                    "commitments.imperative",
                )
            if trigger is None:
                found = self._infinitival_passive(token, sent, speakers, seen)
                if found is not None:
                    yield found
                continue
            modality, action, chain, rule = trigger
            if action.i in seen or self._is_past(action) or self._believed(action):
                continue
            if any(
                t.i != action.i
                and self.cues.control.get(t.lemma_.lower()) not in (None, "plan")
                and self._is_past(t)
                for t in chain
            ):
                continue  # "has continued to cut": an achievement; "decided to cut" is a plan
            if self._procedural(action):
                continue  # "I will now brief you on the figures" is about the briefing itself
            state = action.lemma_ in _STATES and not (
                action.lemma_ in ("remain", "stay")
                and any(c.dep_ == "acomp" for c in action.children)
            )
            if (state and not _conjuncts(action)) or self._schedules_event(action):
                continue  # "continues to be a partner", "the Games will open soon"
            # "we will remain open and focus on X": a stance is pledged; "will be a hub and
            # extend Y" pledges only Y
            passive = any(c.dep_ == "auxpass" for c in action.children)
            if passive and not (
                self._passive_pledge(action, mentions)
                and (
                    speakers.at(action) is not None
                    or _headline_line(sent)
                    or self.cues.has("administrative_verb", action.lemma_)
                )
            ):
                # "resilience will be enhanced" in a reporter's voice is a forecast; "the list
                # will be published", "consignments will be returned" announce what the
                # authority will do
                continue
            bare = imperative is not None and token.i == imperative.i
            agentive = None
            if modality == "require" or not (passive or bare):
                agentive = (
                    self._agentive(action, mentions, speakers, listed)
                    or any(self.cues.has("decision_verb", t.lemma_) for t in chain)
                    or (modality == "strive" and self._measures_subject(action))
                )
            # a rule binds whoever it names: "Exporting enterprises are required to ..."
            obliged = (
                _obliged(chain, {w for w, m in self.cues.control.items() if m == "require"})
                if modality == "require" and not agentive
                else None
            )
            if not passive and not bare and obliged is None and not agentive:
                continue
            actor = (
                obliged
                or (self._required_party(chain) if modality == "require" else None)
                or self._actor(action, mentions, speakers)
            )
            seen.add(action.i)
            start = min(t.idx for t in chain)
            if passive:
                subject = next(
                    (c for c in action.children if c.dep_ in ("nsubjpass", "csubjpass")), None
                )
                if subject is not None:
                    start = min(start, subject.left_edge.idx)
            shared = self._governing_dates(chain, mentions)
            if listed:
                # an enumerated item is one pledge however many verbs it holds
                yield Found(start, sent.end_char, action, modality, actor, rule, shared, whole=True)
                return
            if not state:
                yield Found(start, _clause_end(action), action, modality, actor, rule, shared)
            conjuncts = _conjuncts(action)
            for link in chain:
                if link.i != action.i and link.dep_ != "aux":
                    conjuncts += [c for c in _conjuncts(link) if c.i > action.i]
            for conj in sorted(set(conjuncts), key=lambda t: t.i):
                if (
                    conj.i in seen
                    or self._is_past(conj)
                    or (conj.tag_ not in ("VB", "VBP") and not _mistagged_verb(conj))
                ):
                    continue
                if _continues_noun_list(conj):
                    continue  # "products, consumer goods, and germplasm resources"
                if any(
                    c.dep_ in _SUBJECTS or (c.dep_ == "aux" and c.lower_ in self.cues.modal)
                    for c in conj.children
                ):
                    continue  # "we plan to X and we will Y": Y has its own trigger
                seen.add(conj.i)
                c_modality, c_rule, c_action = modality, rule, conj
                inner = self._control_xcomp(conj)
                lemma = conj.lemma_.lower()
                if inner is not None and lemma in self.cues.control:
                    c_modality, c_rule = self.cues.control[lemma], f"modality.{lemma}"
                    c_action = inner
                yield Found(
                    _conj_start(conj),
                    _clause_end(conj),
                    c_action,
                    c_modality,
                    actor,
                    c_rule,
                    shared,
                    front=start,
                )

    def _list_open(self, sent: Span) -> bool:
        """Whether one of the few sentences before opens an enumerated item ("Second, ...")."""
        ctx = context(sent.doc)
        k = ctx.segment_index(sent.start_char)
        for before in ctx.segments[max(0, k - _ITEM_REACH) : k]:
            opening = ctx.text_at(before).lstrip()
            if any(
                p.match(opening)
                for p in self.cues.enumerators
                if p.pattern not in self.cues.closing
            ):
                return True
        return False

    def _directive(
        self, verb: Token, mentions: Mentions, speakers: Speakers, seen: set[int]
    ) -> list[Found]:
        """A directive or pledge whose object names the action, one per coordinated action.

        "Premier Zhao urged efforts to X and Y", "the meeting called for X-ing", "he
        underscored X-ing": a leader or a body directing the government it speaks for commits
        that body (ANNOTATION.md §3; §7 counts "should" and "are asked to" as `require`). A
        call on others ("urged the partners to lift ...") names no action of its own side and
        gives nothing here.
        """
        if verb.lower_ in self.cues.necessity:
            return self._necessity(verb, mentions, speakers, seen)
        if verb.pos_ != "VERB" or verb.dep_ in ("aux", "amod"):
            return []
        action = self._directed_action(verb)
        if (
            action is None
            or action.i in seen
            or self._is_past(action)
            or self._believed(verb)
            or not self._directs(verb, mentions)
        ):
            return []
        lemma = verb.lemma_.lower()
        modality, rule = self.cues.directive[lemma], f"modality.{lemma}"
        bound = next((c for c in verb.children if c.dep_ == "dobj" and self._own_body(c)), None)
        actor = (
            self._bound_party(bound)
            if bound is not None
            else self._directing_body(verb, mentions, speakers)
        )
        shared = self._governing_dates([verb, action], mentions)
        subject = self._subject(verb)
        said_by = mentions.person_at(subject) if subject is not None else None
        seen.add(action.i)
        out = [
            Found(
                verb.idx,
                _clause_end(action),
                action,
                modality,
                actor,
                rule,
                shared,
                speaker=said_by,
            )
        ]
        for conj in _conjuncts(action):
            if (
                conj.i in seen
                or self._is_past(conj)
                or conj.tag_ not in ("VB", "VBP", action.tag_)
                or _continues_noun_list(conj)
                or any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in conj.children)
            ):
                continue
            seen.add(conj.i)
            out.append(
                Found(
                    _conj_start(conj),
                    _clause_end(conj),
                    conj,
                    modality,
                    actor,
                    rule,
                    shared,
                    front=verb.idx,
                    speaker=said_by,
                )
            )
        return out

    def _necessity(
        self, adjective: Token, mentions: Mentions, speakers: Speakers, seen: set[int]
    ) -> list[Found]:
        """ "It is necessary to X": what must be done, in the voice of the text (§7: "must").

        Only with an expletive "it" and an action that is not about speaking or believing ("It
        is important to note that ..." pledges nothing).
        """
        copula = adjective.head
        if adjective.dep_ != "acomp" or copula.lemma_ != "be" or self._is_past(copula):
            return []
        if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
            return []
        action = next(
            (
                c
                for c in copula.children
                if c.dep_ == "xcomp"
                and c.tag_ == "VB"
                and c.i > adjective.i
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        lemma = action.lemma_.lower() if action is not None else ""
        if (
            action is None
            or action.i in seen
            or lemma in self.speech.verbs
            or self.cues.has("belief_verb", lemma)
        ):
            return []
        seen.add(action.i)
        modality = self.cues.necessity[adjective.lower_]
        rule = f"modality.{adjective.lower_}"
        shared = self._governing_dates([adjective, action], mentions)
        start = min(t.idx for t in copula.children if t.dep_ == "nsubj")
        return [Found(start, _clause_end(action), action, modality, None, rule, shared)]

    def _directed_action(self, verb: Token) -> Token | None:
        """The action a directive names: "efforts to X", "the importance of X-ing", "for X-ing".

        A to-infinitive right after the verb counts only when nobody else is its subject
        ("vowed to cut", not "urged the partners to cut").
        """
        nouns = [c for c in verb.children if c.dep_ == "dobj"]
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
            gerund = next((g for g in prep.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
            if gerund is not None:
                return gerund
            nouns += [c for c in prep.children if c.dep_ == "pobj"]
        for noun in nouns:
            if noun.tag_ == "VBG":
                return noun  # "underscored implementing ..." (parsed as an object)
            if not self.cues.has("directive_noun", noun.lemma_):
                continue
            if any(
                c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < noun.i + 3
                for c in noun.children
            ):
                return None  # "efforts by all parties to ...": a call on others
            for child in noun.children:
                if (
                    child.dep_ in ("acl", "relcl")
                    and child.pos_ == "VERB"
                    and child.i > noun.i
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
                ):
                    return child
                if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                    gerund = next(
                        (g for g in child.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None
                    )
                    if gerund is not None:
                        return gerund
        # "urged steps to X" with the infinitive hung from the verb: the noun still names it
        directive_object = any(self.cues.has("directive_noun", n.lemma_) for n in nouns)
        # "urged its branch offices to X": its own side's offices are bound (§3), not a
        # call on other parties ("urged the partners to X")
        own_side = bool(nouns) and all(self._own_body(n) for n in nouns)
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.i > verb.i and child.tag_ == "VBG":
                return child
            if (
                child.dep_ == "xcomp"
                and child.tag_ == "VB"
                and (not nouns or directive_object or own_side)
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
            ):
                return child
        return None

    def _own_body(self, noun: Token) -> bool:
        """An authority's own offices or governments: "customs houses", "local governments"."""
        words = [t.lower_ for t in noun.subtree if t.dep_ in ("compound", "amod") or t.i == noun.i]
        return " ".join(words) in self.cues.actor_alias or self.cues.has("agent_noun", noun.lemma_)

    def _directs(self, verb: Token, mentions: Mentions) -> bool:
        """Whether a directive comes from a person, a body, a meeting or an official document."""
        subject = self._subject(verb)
        if subject is None or subject.dep_ != "nsubj":
            return False
        subject = _relative_antecedent(subject)
        if subject.lower_ in ("he", "she", "it", "they", "we"):
            return True
        name = mentions.name_at(subject)
        if mentions.person_at(subject) is not None or (
            name is not None and name.label_ in ("PERSON", "ORG", "GPE")
        ):
            return True
        lemma = subject.lemma_.lower()
        titled = any(
            c.dep_ == "compound" and self.cues.has("official_title", c.lower_)
            for c in subject.children
        )
        return (
            titled  # "Premier Zhao urged ..." with the name not found as a person
            or self.cues.has("official_title", lemma)  # "the premier urged ..."
            or self.cues.has("agent_noun", lemma)
            or self.cues.has("event_noun", lemma)  # "the meeting urged ..."
            or (self.cues.has("agent_document", lemma) and self._issued(subject, mentions))
        )

    def _directing_body(self, verb: Token, mentions: Mentions, speakers: Speakers) -> str:
        """Who a directive commits: the body that issues it, else the speaker's, else China.

        A State Council meeting or a national leader directs the country's government
        (ANNOTATION.md §7: "China will ..." stays "China").
        """
        subject = _relative_antecedent(self._subject(verb) or verb)
        document = self._document_it(subject)
        if document is not None or self.cues.has("agent_document", subject.lemma_):
            issuer = self._issuer(document or subject)
            if issuer is not None:
                return issuer
        name = mentions.name_at(subject)
        if name is not None and name.label_ in ("ORG", "GPE"):
            actor = self._actor(verb, mentions, speakers)
            if actor:
                return actor
        person = speakers.at(verb)
        org = mentions.person_org(person) if person is not None else None
        if org:
            return self.cues.actor_alias.get(org.lower(), org)
        return self.cues.actor_alias.get("china", "China")

    def _issued(self, document: Token, mentions: Mentions) -> bool:
        """Whether an official document speaks for an authority.

        It names one ("the GAC's work plan"), an authority issues it in the same clause ("The
        State Council released a circular which ..."), or it is "the <document>" after such a
        one earlier in the text.
        """
        if any(self._authority(t, mentions) is not None for t in document.subtree):
            return True
        return self._issuer(document) is not None

    def _document_it(self, pronoun: Token) -> Token | None:
        """ "The plan aims to X. It also requires Y": "it" is the document named just before.

        Only a subject "it" of a verb that a document can do (aim, require, call for, stress)
        asks this, within the few sentences after the document (_DOCUMENT_REACH tokens).
        """
        if pronoun.lower_ != "it":
            return None
        documents = self._doc_cues(pronoun.doc).documents
        k = bisect_left(documents, pronoun.i)
        if k == 0 or pronoun.i - documents[k - 1] > _DOCUMENT_REACH:
            return None
        return pronoun.doc[documents[k - 1]]

    def _speaks_for_document(self, verb: Token) -> bool:
        """Whether a control chain is one a document can voice: "it aims to", "it requires"."""
        node = verb
        for _ in range(3):
            if node.dep_ != "xcomp":
                break
            node = node.head
        return self.cues.control.get(node.lemma_.lower()) in ("strive", "require")

    def _issuer(self, document: Token) -> str | None:
        """Who issued a document issued in this text ("The State Council released a circular")."""
        return _issuer_in(self._doc_cues(document.doc).issued_at, document)

    def _doc_cues(self, doc: Doc) -> _DocCues:
        """This Doc's directive cue positions and issued documents, found once (context memo)."""
        memo = context(doc).memo
        found = memo.get(_DOC_CUES_KEY)
        if found is None:
            directive_at, papers = self._cue_words(doc)
            issued_at = self._issued_documents(papers, context(doc).mentions)
            documents = [t.i for t in papers if _issuer_in(issued_at, t) is not None]
            found = memo[_DOC_CUES_KEY] = _DocCues(directive_at, issued_at, documents)
        return found

    def _cue_words(self, doc: Doc) -> tuple[set[int], list[Token]]:
        """Tokens that may open a directive ("urged", "necessary") and document nouns ("plan").

        Read off the context's word columns (lower-cased lemma and form), so the sentence loop
        asks one set membership per token and only document nouns become Token objects.
        """
        columns = context(doc).columns
        verbs, adjectives = self.cues.directive, self.cues.necessity
        papers = self.cues.words.get("agent_document", set())
        directive = {
            i
            for i, (lemma, lower) in enumerate(zip(columns.lemma, columns.lower, strict=True))
            if lemma in verbs or lower in adjectives
        }
        documents = [doc[i] for i, lemma in enumerate(columns.lemma) if lemma in papers]
        return directive, documents

    def _issued_documents(
        self, papers: list[Token], mentions: Mentions
    ) -> dict[str, tuple[int, str]]:
        """Document noun → its first token issued or owned by an authority, and the authority.

        "The GAC issued a plan" (the issuing verb's subject), "China's reform plan", "the
        ministry's circular" (its owner). The authority is canonical for an ORG or GPE.
        """
        out: dict[str, tuple[int, str]] = {}
        for token in papers:
            by = None
            if token.dep_ == "dobj" and self.cues.has("issue_verb", token.head.lemma_):
                issuer = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                by = self._authority(issuer, mentions) if issuer is not None else None
            if by is None:
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                by = self._authority(owner, mentions) if owner is not None else None
            if by is not None:
                out.setdefault(token.lemma_.lower(), (token.i, by))
        return out

    def _named_actor(self, name: Span, mentions: Mentions) -> str:
        """The actor a name gives: an ORG's parent body, a place's canonical name, aliased."""
        canonical = (
            mentions.parent(name)
            if name.label_ == "ORG"
            else ((span_attrs(name) or {}).get("canonical") or name.text)
        )
        return self.cues.actor_alias.get(canonical.lower(), canonical)

    def _authority(self, token: Token, mentions: Mentions) -> str | None:
        """The canonical authority a word names: an ORG or GPE, or an agent noun as written."""
        name = mentions.name_at(token)
        if name is not None and name.label_ in ("ORG", "GPE"):
            return self._named_actor(name, mentions)
        if self.cues.has("agent_noun", token.lemma_):
            return self.cues.actor_alias.get(token.lower_, token.text)
        return None

    def _required_party(self, chain: list[Token]) -> str | None:
        """Whom an active "requires X to" names: "the plan requires customs offices to ..."."""
        for token in chain:
            if self.cues.control.get(token.lemma_.lower()) != "require":
                continue
            party = next((c for c in token.children if c.dep_ == "dobj"), None)
            if party is None or party.pos_ not in ("NOUN", "PROPN"):
                continue
            return self._bound_party(party)
        return None

    def _bound_party(self, party: Token) -> str:
        """The actor a rule binds, canonical when an alias: "customs offices" → the GAC."""
        core = " ".join(
            t.lower_ for t in party.subtree if t.dep_ in ("compound", "amod") or t.i == party.i
        )
        for phrase in (core, party.lower_):
            if phrase in self.cues.actor_alias:
                return self.cues.actor_alias[phrase]
        words = [t for t in party.subtree if t.dep_ not in ("det", "punct") and t.i <= party.i]
        return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in words)

    def _infinitival_passive(
        self, token: Token, sent: Span, speakers: Speakers, seen: set[int]
    ) -> Found | None:
        """ "the new policy tools to be rolled out in 2026": a passive plan on a noun.

        Officials brief the press on "measures to be introduced" and "reforms to be carried
        out"; in a statement attributed to them it announces what their body will do.
        """
        if token.tag_ != "VBN" or token.dep_ not in ("acl", "relcl") or token.i in seen:
            return None
        children = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if not {"to", "be"} <= children or token.head.pos_ != "NOUN":
            return None
        if (
            self.cues.has("event_verb", token.lemma_)
            or self._is_past(token)
            or (speakers.at(token) is None and not _headline_line(sent))
        ):
            return None
        seen.add(token.i)
        noun = token.head
        first = next((t for t in noun.subtree if t.dep_ != "det" and t.i >= noun.left_edge.i), noun)
        return Found(
            first.idx,
            _clause_end(token),
            token,
            "will",
            None,
            "commitments.infinitival_passive",
            [],
        )

    def _imperative(self, segment: Span, speakers: Speakers) -> Token | None:
        """A bare-verb sentence inside an official's reported statement.

        "Strengthen the study of ..." in this genre lists the tasks the official announces.
        """
        words: list[Token] = []  # its first four words are all this reads
        for token in segment:
            if not token.is_punct and not token.is_space:
                words.append(token)
                if len(words) == 4:
                    break
        if len(words) < 4:
            return None
        first = words[1] if words[0].pos_ == "ADV" and words[0].lower_ != "not" else words[0]
        if first.tag_ != "VB" or first.lower_ in ("let", "please", "see", "click", "thank"):
            return None
        if (
            any(c.dep_ in _SUBJECTS for c in first.children)
            or first.head.i in range(segment.start, segment.end)
            and first.head.i != first.i
        ):
            return None
        return first if speakers.at(first) is not None else None

    def _may_trigger(self, lower: str, lemma: str) -> bool:
        """Whether a word can open a commitment: a modal, a control verb, a plan noun, "be"."""
        cues = self.cues
        return lower in cues.modal or lemma in cues.control or lemma in cues.noun or lemma == "be"

    def _trigger(self, token: Token) -> tuple[str, Token, list[Token], str] | None:
        """(modality, action verb, trigger tokens, rule) when a token opens a commitment."""
        lower = token.lower_
        lemma = token.lemma_.lower()
        if not self._may_trigger(lower, lemma):
            return None  # most words open nothing: decided before reading the parse around them
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
        if lemma in self.cues.control and self._control_xcomp(token) is not None:
            if any(c.dep_ == "aux" and c.lower_ in self.cues.modal for c in token.children):
                return None  # the modal opens this one
            if token.head.dep_ == "aux" or (
                token.dep_ == "xcomp" and token.head.lemma_.lower() in self.cues.control
            ):
                return None  # inside a chain another trigger opened
            chain = [token]
            copula = next((c for c in token.children if c.dep_ in ("cop", "auxpass")), None)
            if token.pos_ == "ADJ" and token.dep_ == "acomp":
                copula = token.head
            if copula is not None:
                chain.append(copula)
            modality, rule = self.cues.control[lemma], f"modality.{lemma}"
            return self._through_control(token, modality, rule, chain)
        if lemma == "be" and token.tag_ in ("VBZ", "VBP"):
            item = self._copular_item(token)
            if item is not None:
                return item
        if token.pos_ == "NOUN" and lemma in self.cues.noun:
            action = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("acl", "relcl")
                    and c.pos_ == "VERB"
                    and any(a.lower_ == "to" for a in c.children)
                ),
                None,
            )
            if action is not None:
                return self.cues.noun[lemma], action, [token, action], f"modality.{lemma}_noun"
        return None

    def _copular_item(self, copula: Token) -> tuple[str, Token, list[Token], str] | None:
        """A present "is to" whose subject names a goal, a list item or the next step.

        "Our goal is to X" (strive), "The second task is to X" (initiative), "The next step is
        to X" (will): ANNOTATION.md §3 and §7. Who owns it is checked by `_agentive`.
        """
        subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
        action = next((c for c in copula.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
        if subject is None or action is None:
            return None
        to = next((c for c in action.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is None:
            return None
        kind = self._item_kind(subject)
        if kind == "item_ordinal":
            modality, rule = "initiative", "commitments.item_ordinal"
        elif kind == "next_step":
            modality, rule = "will", "commitments.next_step"
        elif self.cues.has("goal_copula", subject.lemma_):
            modality, rule = "strive", "commitments.goal_copula"
        else:
            return None
        return self._through_control(action, modality, rule, [])  # the span opens at the verb

    def _item_kind(self, subject: Token) -> str | None:
        """item_ordinal for "the second (task)", next_step for "the next step", else None."""
        words = [subject.lower_] + [c.lower_ for c in subject.children if c.dep_ == "amod"]
        if any(w in self.cues.ordinals or self.cues.has("item_ordinal", w) for w in words):
            return "item_ordinal"
        if any(self.cues.has("next_step", w) for w in words):
            return "next_step"
        return None

    def _through_control(
        self, verb: Token, modality: str, rule: str, chain: list[Token]
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
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            # the parser sometimes hangs "work to optimize" as a purpose clause (advcl)
            child = doc[token.i + 2]
            if child.head.i == token.i and child.dep_ == "advcl" and child.pos_ == "VERB":
                return child
        return None

    @staticmethod
    def _is_past(verb: Token) -> bool:
        """Achievements are not pledges: "have reduced", "was launched"."""
        if verb.tag_ in ("VBD",) and not any(c.dep_ in ("aux",) for c in verb.children):
            return True
        return any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _PERFECT | {"was", "were"}
            for c in verb.children
        )

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
                node.dep_ == "advcl"
                and (
                    node.head.lemma_ in self.cues.control
                    or (
                        node.head.lemma_ in self.cues.transparent
                        and getattr(self._control_xcomp(node.head), "i", -1) == node.i
                    )
                )
            ):
                node = node.head
                continue
            return None
        return None

    def _agentive(
        self, verb: Token, mentions: Mentions, speakers: Speakers, listed: bool = False
    ) -> bool:
        """Whether the one who acts is an authority (not "trade", "the economy", "it").

        In an attributed list of measures, "it" is the body the list is about: "First,
        customs will ...; second, it will ...".
        """
        subject = self._subject(verb)
        if subject is None:
            # Subjectless imperatives count only in headlines and lists (handled elsewhere).
            return False
        subject = _relative_antecedent(self._antecedent(subject))
        lower = subject.lower_
        if lower in _FIRST_PERSON:
            return True
        if self._document_it(subject) is not None and self._speaks_for_document(verb):
            return True
        if lower in _THIRD_PERSON or (listed and lower == "it"):
            return speakers.at(subject) is not None
        name = mentions.name_at(subject)
        if name is not None and name.label_ in ("ORG", "GPE"):
            return True
        if self.cues.has("agent_noun", subject.lemma_) or self.cues.has("agent_noun", lower):
            return True
        if self.cues.has("agent_document", subject.lemma_) and self._issuer(subject) is not None:
            return True  # "the plan aims to ...": the plan an authority issued in this text
        item = self._item_kind(subject)
        if item is not None or self.cues.has("goal_noun", subject.lemma_):
            # "Its aim is to strive to set up ...": the goal of whoever owns it; a list item
            # or "the next step" without an owner is the speaker's ("The second task is to")
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            if owner is None:
                # "The first of the nine measures is to ...": an item of announced measures
                return item is not None and (
                    speakers.at(subject) is not None
                    or _of_initiatives(subject, self.cues)
                    or self._continues_items(subject)
                )
            return owner.lower_ in ("our", "its", "their") or mentions.name_at(owner) is not None
        if self.cues.has("agent_document", subject.lemma_):
            return self._issued(subject, mentions)
        return False

    def _continues_items(self, subject: Token) -> bool:
        """ "The second is to ...": a later item of a list whose first item was a pledge.

        The list opened within the last few sentences with "The first of the <measures> is
        to", and this item goes on with it.
        """
        ctx = context(subject.doc)
        k = ctx.segment_index(subject.idx)
        for before in ctx.segments[max(0, k - _ITEM_REACH) : k]:
            first = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
            if (
                first is not None
                and first.lower_ == "first"
                and _of_initiatives(first, self.cues)
                and any(c.dep_ == "xcomp" for c in before.root.children)
            ):
                return True
        return False

    def _measures_subject(self, verb: Token) -> bool:
        """ "The new measures aim to ...", "The second batch of measures aims to ...".

        Announced measures pursue their authority's aim (§7: "aim to" is `strive`).
        """
        subject = self._subject(verb)
        return subject is not None and (
            self.cues.has("initiative_noun", subject.lemma_) or _of_initiatives(subject, self.cues)
        )

    def _schedules_event(self, verb: Token) -> bool:
        """A schedule, not a pledge: "will open soon", "will hold a press conference"."""
        if not self.cues.has("event_verb", verb.lemma_):
            return False
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")]
        return not objects or any(
            c.dep_ == "dobj" and self.cues.has("event_noun", c.lemma_) for c in objects
        )

    def _passive_pledge(self, verb: Token, mentions: Mentions) -> bool:
        """A passive "X will be expanded" is a pledge unless it schedules an event."""
        if self.cues.has("event_verb", verb.lemma_):
            return False
        subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
        if subject is None or verb.dep_ in ("relcl", "acl"):
            return False  # "cargo that will be used in ..." describes the cargo
        name = mentions.name_at(subject)
        return not (name is not None and name.label_ == "EVENT")

    def _antecedent(self, subject: Token) -> Token:
        """ "The GAC said it will ...": "it" is the body that says so.

        The body is the speech verb's subject.
        """
        if subject.lower_ != "it":
            return subject
        node = subject.head
        for _ in range(4):
            if node.dep_ != "ccomp" or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in self.speech.verbs:
                said_by = next((c for c in node.children if c.dep_ == "nsubj"), None)
                return said_by if said_by is not None and said_by.pos_ != "PRON" else subject
        return self._previous_body(subject) or subject

    def _previous_body(self, pronoun: Token) -> Token | None:
        """ "The GAC will cut fees. It will also ...": the previous sentence's named body.

        Only a sentence-initial "it" right after a sentence whose subject is an organisation
        or an agent noun ("the administration") stands for it.
        """
        ctx = context(pronoun.doc)
        k = ctx.segment_index(pronoun.idx)
        if k < 1 or ctx.segments[k].start != pronoun.i:
            return None
        before = ctx.segments[k - 1]
        head = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        name = context(pronoun.doc).mentions.name_at(head)
        if (name is not None and name.label_ == "ORG") or self.cues.has("agent_noun", head.lemma_):
            return head
        return None

    def _actor(self, verb: Token, mentions: Mentions, speakers: Speakers) -> str | None:
        """Canonical name of who commits: the subject ORG, else the speaker's organisation."""
        subject = self._subject(verb)
        if subject is not None:
            subject = _relative_antecedent(self._antecedent(subject))
            subject = self._document_it(subject) or subject
        if subject is not None and self.cues.has("agent_document", subject.lemma_):
            issuer = self._issuer(subject)
            if issuer is not None:
                return issuer  # "the plan aims to ...": the body that issued it
        if subject is not None and not any(c.dep_ == "auxpass" for c in verb.children):
            phrase = " ".join(t.lower_ for t in subject.subtree if t.dep_ != "det")
            if phrase in self.cues.actor_alias:
                return self.cues.actor_alias[phrase]
            name = mentions.name_at(subject) or next(
                (
                    n
                    for t in subject.subtree
                    if (n := mentions.name_at(t)) is not None and n.label_ in ("ORG", "GPE")
                ),
                None,
            )
            if name is not None:
                return self._named_actor(name, mentions)
            if subject.lower_ in self.cues.actor_alias:
                return self.cues.actor_alias[subject.lower_]
            named = self._named_before(subject, mentions)
            if named is not None:
                return named
            if self.cues.has("agent_noun", subject.lemma_) and any(
                c.dep_ in ("amod", "compound") for c in subject.children
            ):
                # "the Chinese government", "local governments": the authority as written
                words = [
                    t
                    for t in subject.subtree
                    if t.dep_ not in ("det", "punct") and t.i <= subject.i
                ]
                return text_of(subject.doc)[words[0].idx : subject.idx + len(subject)]
        person = speakers.at(verb)
        if person is not None:
            org = mentions.person_org(person)
            if org:
                return self.cues.actor_alias.get(org.lower(), org)
        return self._asked_body(verb, mentions, speakers)  # None: nothing names the actor

    def _asked_body(self, verb: Token, mentions: Mentions, speakers: Speakers) -> str | None:
        """In a transcript answer, "we" is the body the question before it asked about.

        "May I ask what the Ministry of Commerce will do next?" — "We will ..." answers for
        the ministry when nothing else says whom the speaker represents.
        """
        turn = speakers.turn_at(verb.idx)
        if turn is None:
            return None
        text = text_of(verb.doc)
        end = int(turn[0])
        labels = [m.start() for m in LABEL_LINE.finditer(text, max(0, end - 3000), end)]
        if not labels:
            return None
        start = labels[-1]  # the question's own label line ("Harbour Times:")
        asked = [
            n
            for n in mentions.names_in(start, end)
            if n.label_ == "ORG" and not text[n.end_char : n.end_char + 2].startswith(":")
        ]
        if not asked or "?" not in text[start:end]:
            return None
        canonical = mentions.parent(asked[-1])
        return self.cues.actor_alias.get(canonical.lower(), canonical)

    def _said(self, doc: Doc, offsets: tuple[int, int]) -> bool:
        """Whether the word at these offsets is a speech verb ("said", "added", "explained")."""
        span = doc.char_span(*offsets)
        return span is not None and len(span) == 1 and span[0].lemma_.lower() in self.speech.verbs

    def _procedural(self, verb: Token) -> bool:
        """A speaker's "I will" about the event itself: brief, introduce, answer, now."""
        subject = self._subject(verb)
        if subject is None or subject.lower_ != "i":
            return False
        return verb.lemma_.lower() in self.speech.verbs or any(
            c.lower_ == "now" for c in verb.children
        )

    def _named_before(self, subject: Token, mentions: Mentions) -> str | None:
        """ "The ministry will ...": the last organisation named before whose name has that noun.

        A definite agent noun refers back to the body the report has just named ("Li, an
        official of the Ministry of Commerce, said ... The ministry will ...").
        """
        if not self.cues.has("agent_noun", subject.lemma_) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children
        ):
            return None
        names = mentions.names
        k = bisect_left(names.starts, subject.idx)
        words = {subject.lower_} | {c.lower_ for c in subject.children if c.dep_ == "compound"}
        for name in reversed(names[max(0, k - 40) : k]):
            canonical = (span_attrs(name) or {}).get("canonical") or name.text
            if name.label_ == "ORG" and words & set(canonical.lower().split()):
                parent = mentions.parent(name)  # a unit pledges for the body it belongs to
                return self.cues.actor_alias.get(parent.lower(), parent)
        return None

    def _clause_dates(self, head: Token, mentions: Mentions) -> list[Span]:
        """DATEs on the action's own clause and on the clauses it is coordinated with.

        "In the second half of the year, Shenzhen Customs will open X and plans to extend Y";
        "and during the 15th Five-Year Plan period we will help ...": a fronted time adjunct
        dates every coordinated action of its sentence.
        """
        chain = [head]
        node = head
        for _ in range(4):
            if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
                break
            node = node.head
            chain.append(node)
        line = context(head.doc).paragraph_of(head.idx)
        return [
            d for d in self._governing_dates(chain, mentions) if line[0] <= d.start_char < line[1]
        ]  # headlines run into the next line

    def _governing_dates(self, chain: list[Token], mentions: Mentions) -> list[Span]:
        """DATEs modifying the trigger chain, shared by its coordinated actions."""
        out: list[Span] = []
        chain_ids = {t.i for t in chain}
        for token in chain:
            for child in token.children:
                if child.dep_ in _SPLIT | _CLAUSAL | _SUBJECTS | {"xcomp"} or child.i in chain_ids:
                    continue  # "a meeting in May decided to ...": May dates the meeting
                if child.dep_ == "prep" and (
                    child.lower_ in ("since", "than")
                    or (child.lower_ == "from" and child.i > token.i)
                ):
                    continue  # a fronted "From July 1," dates the action; "from 2025" is a baseline
                if child.dep_ == "advcl" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in child.children
                ):
                    continue  # "To meet the targets for 2027, ...": a purpose, not a deadline
                out.extend(mentions.dates_in(child.left_edge.idx, right_edge(child)))
        return out

    # -- enumerated initiatives ------------------------------------------------

    def _enumerated(
        self,
        doc: Doc,
        pieces: list[tuple[Span, list[Span]]],
        mentions: Mentions,
        speakers: Speakers,
    ) -> Iterator[Found]:
        """Items of a list of initiatives or tasks that an introduction announces.

        `pieces`: each segment with its inline-list parts (`_inline_items`).
        """
        text = text_of(doc)
        sents = [
            piece
            for s, items in pieces
            if not in_chrome(doc, s.start_char, s.end_char)
            for piece in items
        ]
        for index, sent in enumerate(sents):
            body = text[sent.start_char : sent.end_char]  # Span.text would join its tokens
            colons = (
                [t for t in sent if t.text == ":" and t.i < sent.end - 3] if ":" in body else []
            )
            listed = False
            for colon in colons:
                intro = doc[sent.start : colon.i]
                kind = self._intro_kind(intro)
                if kind is None:
                    continue
                items = list(self._colon_items(doc, sent, colon, intro, kind, mentions))
                if not items:
                    # "...will be focused on: First, A. Second, B." — the list runs on
                    # as sentences; its first item sits after the colon.
                    items = list(
                        self._following_items(
                            doc,
                            [doc[colon.i + 1 : sent.end], *sents[index + 1 :]],
                            intro,
                            kind,
                            mentions,
                            text,
                        )
                    )
                yield from items
                listed = bool(items)
                break
            if listed:
                continue
            kind = self._intro_kind(sent) if body.rstrip().endswith(":") else None
            if kind is None:
                kind = self._intro_kind(sent, strict=True)
            if kind is None:
                continue
            yield from self._following_items(doc, sents[index + 1 :], sent, kind, mentions, text)

    def _included(self, segment: Span) -> Iterator[Found]:
        """ "Measures include extending X and cutting Y": each "-ing" item is an initiative.

        ANNOTATION.md §7: the gerunds a list of measures or policies includes are measures
        that apply from now on, one commitment each.
        """
        columns = context(segment.doc).columns
        for i in range(segment.start, segment.end):
            if columns.lemma[i] != "include" or columns.pos[i] != "VERB":
                continue
            token = segment.doc[i]
            subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
            if subject is None or not (
                self.cues.has("initiative_noun", subject.lemma_)
                or subject.lemma_.lower() in ("policy", "point")
            ):
                continue
            heads = [
                c
                for c in token.children
                if c.dep_ in ("dobj", "xcomp", "ccomp") and c.tag_ == "VBG"
            ]
            for head in heads:
                for gerund in [head, *(c for c in _conjuncts(head) if c.tag_ == "VBG")]:
                    yield Found(
                        _conj_start(gerund) if gerund is not head else gerund.idx,
                        _clause_end(gerund),
                        gerund,
                        "initiative",
                        None,
                        "commitments.included_gerund",
                        [],
                    )

    def _intro_kind(self, intro: Span, strict: bool = False) -> str | None:
        """'initiative' for "put forward N initiatives", 'list' for "as follows", else None.

        With strict, only an introduction of initiatives/measures by an authority counts
        (numbered lines after "The GAC introduced 10 measures ...").
        """
        ctx = context(intro.doc)
        columns = ctx.columns
        nouns = self.cues.words.get("initiative_noun", set())
        for i in range(intro.start, intro.end):
            if columns.lemma[i] not in nouns:
                continue
            token = intro.doc[i]
            verb = token.head
            if token.dep_ in ("dobj", "nsubjpass") and self.cues.has(
                "initiative_verb", verb.lemma_
            ):
                return "initiative"
        if strict:
            return None
        if any(p.search(ctx.text_at(intro)) for p in self.cues.intros):
            return "list"
        if any(columns.lower[i] in self.cues.modal for i in range(intro.start, intro.end)):
            return "list"
        return None

    def _colon_items(
        self, doc: Doc, sent: Span, colon: Token, intro: Span, kind: str, mentions: Mentions
    ) -> Iterator[Found]:
        """Items after "...: A; B; and C" or after "...: First, A; Secondly, B" in one sentence."""
        body_start = colon.idx + 1
        body = text_of(doc)[body_start : sent.end_char]
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^;]+", body)]
        if len(pieces) < 2:
            return  # one item only: the list goes on as "First, ... Second, ..." sentences
        actor = self._intro_actor(intro, mentions)
        shared = mentions.dates_in(intro.start_char, intro.end_char)
        for start, end in pieces:
            item = self._item(doc, body_start + start, body_start + end, kind, actor, shared)
            if item is not None:
                yield item

    def _following_items(
        self, doc: Doc, after: list[Span], intro: Span, kind: str, mentions: Mentions, text: str
    ) -> Iterator[Found]:
        """Items that follow the introduction as sentences or lines opening with an enumerator."""
        actor = self._intro_actor(intro, mentions)
        shared = mentions.dates_in(intro.start_char, intro.end_char)
        gap = 0
        consumed = -1
        for sent in after:
            if sent.start_char < consumed:
                continue
            line_start, line_end = context(doc).paragraph_of(sent.start_char)
            body = text[sent.start_char : line_end]
            gerund_line = (
                intro.text.rstrip().endswith(":")
                and sent.start_char == line_start
                and sent[0].tag_ == "VBG"
                and re.search(r"\binclude\b", intro.text, re.I) is not None
            )
            if gerund_line:
                # "The measures include:" then "Extending X." on lines of their own
                gap, consumed = 0, line_end
                item = self._item(doc, sent.start_char, line_end, "initiative", actor, shared)
                if item is not None:
                    yield item
                continue
            if not any(p.match(body) for p in self.cues.enumerators):
                if self._new_frame(sent):
                    return  # "Next, we will focus on three tasks.": a new list starts here
                gap += 1
                if gap > 6:  # captions and photo credits may sit between numbered items
                    return
                continue
            gap = 0
            numbered = re.match(r"^\(?\d", body) is not None
            end = line_end if numbered else sent.end_char
            if numbered:
                # "1. Do A. 2. Do B." on one line: an item ends where the next number starts,
                # and in any case with its own first sentence (ANNOTATION.md §7)
                marker = re.match(r"^\(?\d+\s*[.)]?\s*", body).end()
                following = _INLINE_NUMBER.search(body, marker)
                if following is not None:
                    end = sent.start_char + following.start()
                stop = _SENTENCE_END.search(body, marker, end - sent.start_char)
                if stop is not None:
                    end = sent.start_char + stop.end()
            consumed = end
            item = self._item(doc, sent.start_char, end, kind, actor, shared)
            if item is not None:
                yield item

    def _new_frame(self, sent: Span) -> bool:
        """Whether a sentence announces a list of its own ("we will focus on three tasks")."""
        if self._intro_kind(sent, strict=True) is not None:
            return True
        return any(t.lower_ in self.cues.modal and t.dep_ == "aux" for t in sent) and any(
            self._counts_frame(t) for t in sent
        )

    def _item(
        self, doc: Doc, start: int, end: int, kind: str, actor: str | None, shared: list[Span]
    ) -> Found | None:
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
        first_word = span[0]
        if (
            first_word.is_lower
            and (
                first_word.pos_ in ("VERB", "NOUN")
                and first_word.tag_ in ("VB", "VBP", "VBD", "VBN", "NN")
            )
            and len(span) > 1
            and span[1].pos_ in ("NOUN", "DET", "ADJ", "PROPN", "ADP")
        ):
            head = first_word  # "cut clearance times": a list item opens with its bare verb
        elif self._is_past(head):
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
            span = doc[first : span.end]
        return Found(
            span.start_char,
            span.end_char,
            head,
            modality or "will",
            actor,
            f"commitments.list_{kind}",
            shared,
            whole=True,
        )

    def _intro_actor(self, intro: Span, mentions: Mentions) -> str | None:
        """The authority that introduces the list: subject ORG of the introduction."""
        for token in intro:
            if token.dep_ in _SUBJECTS:
                name = mentions.name_at(token) or next(
                    (
                        n
                        for t in token.subtree
                        if (n := mentions.name_at(t)) is not None and n.label_ == "ORG"
                    ),
                    None,
                )
                if name is not None and name.label_ == "ORG":
                    canonical = (span_attrs(name) or {}).get("canonical") or name.text
                    return self.cues.actor_alias.get(canonical.lower(), canonical)
                phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "det")
                if phrase in self.cues.actor_alias:
                    return self.cues.actor_alias[phrase]
        return None

    # -- headline pledges --------------------------------------------------------

    def _headline_infinitives(self, doc: Doc, mentions: Mentions) -> Iterator[Found]:
        """Wire headlines "China to boost exports in 2026-2030", "Customs to expand ...".

        Headlines write a body's announced plan as "<name> to <verb>"; the line is short and
        has no closing full stop. Body sentences ("exports to 27 seaports") never match,
        because the words before "to" must be exactly one ORG/GPE name or a customs alias.
        """
        text = text_of(doc)
        pos = 0
        for line in text.splitlines(keepends=True):
            start, stripped = pos, line.rstrip("\n").rstrip()
            pos += len(line)
            match = _HEADLINE_TO.match(stripped)
            if (
                not match
                or stripped.endswith(".")
                or len(stripped.split()) > _HEADLINE_WORDS
                or in_chrome(doc, start, start + len(stripped))
            ):
                continue
            if _REPORTED_FORECAST.search(stripped):
                continue  # "China to reach X, experts say" reports somebody's forecast
            subject = match.group(1).strip()
            names = [
                n
                for n in mentions.names_in(start, start + match.end(1))
                if n.label_ in ("ORG", "GPE")
            ]
            if names and names[0].start_char == start and names[0].end_char == start + len(subject):
                canonical = (span_attrs(names[0]) or {}).get("canonical") or names[0].text
                actor = self.cues.actor_alias.get(canonical.lower(), canonical)
            elif subject.lower() in self.cues.actor_alias:
                actor = self.cues.actor_alias[subject.lower()]
            else:
                continue
            body_end = start + len(stripped.split(":")[0].rstrip())
            span = doc.char_span(start + match.start(2), body_end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            # "China to further simplify ...": the verb may follow an adverb or two
            verb = next((t for t in span[1:4] if t.tag_ != "RB"), span[1])
            if verb.tag_ != "VB":
                continue
            if self._schedules_event(verb):
                continue  # "Beijing to host the trade fair in May" schedules an event
            # "China to open new zones to stabilize trade": the purpose is not the pledge
            purpose = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "advcl"
                    and c.i > verb.i
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                ),
                None,
            )
            end = span.end_char
            if purpose is not None:
                end = min(end, purpose.left_edge.idx)
                while end > span.start_char and text[end - 1] in " ,":
                    end -= 1
            yield Found(
                span.start_char,
                end,
                verb,
                "will",
                actor,
                "commitments.headline_infinitive",
                mentions.dates_in(span.start_char, span.end_char),
                whole=True,
            )

    def _headlines(self, doc: Doc, mentions: Mentions) -> Iterator[Found]:
        """Headline tasks: "<ORG>: <imperative>" lines announce what the ORG will do."""
        text = text_of(doc)
        pos = 0
        for line in text.splitlines(keepends=True):
            start, stripped = pos, line.rstrip("\n")
            pos += len(line)
            match = _HEADLINE_TASK.match(stripped)
            if not match or in_chrome(doc, start, start + len(stripped)):
                continue
            orgs = [
                n
                for n in mentions.at(mentions.names, start, start + match.end(1))
                if n.label_ == "ORG"
            ]
            if not orgs or orgs[0].end_char != start + match.end(1):
                continue
            body_start = start + match.start(2)
            span = doc.char_span(
                body_start, start + len(stripped.rstrip(" .")), alignment_mode="expand"
            )
            if span is None or len(span) < 3:
                continue
            first = span[0]
            verb = (
                first
                if first.pos_ == "VERB"
                else (span[1] if first.pos_ == "ADV" and span[1].pos_ == "VERB" else None)
            )
            if (
                verb is None
                or verb.tag_ != "VB"
                or any(c.dep_ in _SUBJECTS and c.i >= span.start for c in verb.children)
            ):
                continue  # a subject inside the line makes it a statement, not a task
            canonical = (span_attrs(orgs[0]) or {}).get("canonical") or orgs[0].text
            actor = self.cues.actor_alias.get(canonical.lower(), canonical)
            modality = (
                self.cues.control.get(verb.lemma_.lower())
                or self.cues.adverb.get(first.lower_)
                or "will"
            )
            action = self._control_xcomp(verb) if verb.lemma_.lower() in self.cues.control else None
            yield Found(
                span.start_char,
                span.end_char,
                action or verb,
                modality,
                actor,
                "commitments.headline_imperative",
                mentions.dates_in(span.start_char, span.end_char),
                whole=True,
            )

    # -- output ----------------------------------------------------------------

    def _deadline_like(self, doc: Doc, date: Span) -> bool:
        """Whether a DATE is a deadline: a temporal preposition governs it.

        "by 2026", "in 2026", "during the 15th Five-Year Plan period" are; a year inside a
        name ("the 2026 APEC Smart Customs Case Repository") is not. Read once per date.
        """
        memo = context(doc).memo
        key = ("commitments.deadline_like", date.start_char, date.end_char)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._reads_as_deadline(doc, date)
        return found

    def _reads_as_deadline(self, doc: Doc, date: Span) -> bool:
        if date.root.dep_ in ("npadvmod", "tmod"):
            # "will open two lanes next month": a bare time adverbial (the parse may hang it
            # on the object: "issue 12 measures this year")
            return True
        before = text_of(doc)[max(0, date.start_char - 40) : date.start_char].lower()
        # "by the end of 2025", "before the middle of next year": the preposition governs
        # the phrase around the DATE
        before = _PART_OF.sub("", before)
        match = _GOVERNING_WORDS.search(before)
        if match is None:
            return False
        if _BASELINE_NOUN.match(text_of(doc), date.end_char):  # at the date's end, no copy
            return False  # "from the 2025 level" is a baseline, not a time frame
        return self.cues.has("deadline_preposition", match.group(1).split()[-1])

    def _to_span(
        self, doc: Doc, item: Found, mentions: Mentions, speakers: Speakers
    ) -> tuple[Span, bool] | None:
        """The commitment span, and whether its deadline is its own (a date inside it)."""
        if in_chrome(doc, item.start, item.end):
            return None
        start, end = item.start, item.end
        line_start, line_end = context(doc).paragraph_of(item.head.idx)
        start, end = max(start, line_start), min(end, line_end)
        prefix = _LABEL_PREFIX.match(text_of(doc)[line_start:line_end])
        if prefix and start < line_start + prefix.end() < end and not item.whole:
            start = line_start + prefix.end()  # "<ORG>: ..." headline prefix
        while end > start and text_of(doc)[end - 1] in " ,;:.\"'”":
            end -= 1
        if end <= start:
            return None
        attribution = self.trailing_attribution.search(text_of(doc), start, end)
        if (
            attribution is not None
            and attribution.end() == end
            and (attribution.start("verb") < 0 or self._said(doc, attribution.span("verb")))
        ):
            end = attribution.start()  # "..., according to Lu": who said it, not what
        if (
            not item.whole
            and text_of(doc)[end : end + 3].lstrip().startswith(":")
            and not _has_object(item.head)
        ):
            return None  # "... will be focused on:" introduces a list; its items are the pledges
        own = [d for d in mentions.dates_in(start, end) if self._deadline_like(doc, d)]
        # Dates outside the span count only when fronted: one after the coordination starts
        # sits in one action's own phrase ("will expand A by 2027, roll out B": B has none).
        front = start if item.front is None else min(start, item.front)
        dates = own or [
            d
            for d in item.shared_dates + self._clause_dates(item.head, mentions)
            if d.start_char < front and self._deadline_like(doc, d)
        ]
        deadline = next(
            (
                _deadline_value(d, self.cues.months)
                for d in dates
                if (span_attrs(d) or {}).get("value")
            ),
            None,
        )
        speaker = item.speaker or speakers.at(item.head)
        attrs = {
            "actor": item.actor or self._actor(item.head, mentions, speakers),
            "action": action_phrase(
                item.head, start, end, self.cues.words.get("manner_adverb", set())
            ),
            "deadline": deadline,
            "speaker": ref(speaker),
            "modality": item.modality,
            "rule": item.rule,
        }
        span = make_span(doc, start, end, "COMMITMENT", attrs, mode="expand")
        return None if span is None else (span, bool(own) and deadline is not None)


# --------------------------------------------------------------------------- helpers

# The fixed regexes run per line, pledge and date, compiled once (``re.match(str, ...)``
# looks its pattern up in re's cache on every call).
_HEADLINE_TO = re.compile(r"^(\S[^:\n]{1,60}?)\s+(to)\s+[a-z]")
_REPORTED_FORECAST = re.compile(
    r",\s+(?:\w+\s+){0,3}(?:say|says|said|predict|predicts|expect|expects)\b"
)
_HEADLINE_TASK = re.compile(r"^([^:\n]{3,80}):\s+(\S.*)$")
_PART_OF = re.compile(
    r"(?:the\s+)?(?:end|beginning|start|middle|close|first half|second half)\s+of\s+$"
)
_GOVERNING_WORDS = re.compile(r"([a-z]+(?: [a-z]+)*?)\s+(?:the\s+|this\s+|next\s+)?$")
_BASELINE_NOUN = re.compile(r"\s+(?:level|figure|baseline|base)\b")
_LABEL_PREFIX = re.compile(r"[^:\n]{3,80}:\s+")
_HEADLINE_PREFIX = re.compile(r"[^:\n]{3,80}:\s+\S")
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"“”]")
_SENTENCE_GAP = re.compile(r"[.!?][\"”’]?\s")
_END_OF = re.compile(r"(?i)(?:the\s+)?end\s+of\b")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_LETTERS = re.compile(r"[A-Za-z]+")

# The next item of a numbered list run on in one line: "... freight. 2. Publish ...".
_INLINE_NUMBER = re.compile(r"(?<=[.;])\s+\(?\d{1,2}\s*[.)]\s+(?=[A-Z])")

# The end of a sentence inside a line: a full stop before a capital, a quote or the line end.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bNo)[.!?](?=\s+[A-Z\"“(]|\s*$)")

# A trailing attribution inside a clause's subtree: ", according to X", ", X said". The
# according-to words and the speech verb (checked on its token) are the speech-cue rows.
_TRAILING_ATTRIBUTION = (
    r",\s*(?:(?:{according})\s+[^,;.\n]{{1,60}}|[A-Z][\w.\- ]{{1,40}} (?P<verb>[a-z]+))$"
)


def action_phrase(head: Token, start: int, end: int, manner: set[str]) -> str:
    """Base-form verb phrase: the head verb's lemma and its object, without manner adverbs.

    `manner` holds the adverbs left out (the manner_adverb row of patterns/commitments.jsonl).

    "will further deepen the reform ..." → "deepen the reform ..."; "building X" → "build X".
    """
    doc = head.doc
    patient = next((c for c in head.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    inside: set[int] = set()
    if patient is None and head.dep_ in ("acl", "relcl") and head.tag_ == "VBN":
        patient, inside = head.head, {t.i for t in head.subtree}  # "tools to be rolled out"
    if patient is not None:
        # "Market access for farm products will be expanded" → "expand market access for ..."
        words = [
            t.text_with_ws
            for t in patient.subtree
            if t.i not in inside and (t.dep_ != "det" or t.i > patient.left_edge.i)
        ]
        verb = " ".join(
            [head.lemma_.lower()] + [c.lower_ for c in head.children if c.dep_ == "prt"]
        )
        return _clean(f"{verb} {''.join(words)}")
    if not (start <= head.idx < end):
        return text_of(doc)[start:end]
    # the tokens after the head that start before the end, read from the Doc's columns (a
    # Token is made only for a manner-adverb candidate)
    ctx = context(doc)
    lower = ctx.columns.lower
    stop = bisect_left(ctx.token_starts, end, head.i + 1)
    words = [head.lemma_.lower() if head.pos_ in ("VERB", "AUX") else head.text]
    for i in range(head.i + 1, stop):
        if lower[i] in manner and doc[i].dep_ == "advmod":
            continue
        words.append(ctx.token_text_with_ws(i))
    return _clean(words[0] + " " + "".join(words[1:]) if len(words) > 1 else words[0])


def _has_object(verb: Token) -> bool:
    """Whether a verb names what it acts on, not only the list a colon opens.

    "will improve the mechanism:" names it; "will be focused on:" leaves it to the list.
    """
    return any(
        c.dep_ in ("dobj", "attr", "ccomp", "xcomp")
        or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children))
        for c in verb.children
    )


def _clean(phrase: str) -> str:
    return _SPACES.sub(" ", _QUOTES.sub("", phrase)).strip(" ,;.")


def _coordinated(child: Token) -> bool:
    """Whether a child verb is a coordinated action.

    Either a conj verb, or an unmarked bare verb after a comma that the parser took for an
    adverbial clause ("will follow X, further support Y, ...").
    """
    if child.i < child.head.i:
        return False
    if child.dep_ in ("conj", "advcl") and _mistagged_verb(child):
        return True
    if child.pos_ != "VERB":
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


def _mistagged_verb(token: Token) -> bool:
    """A coordinated action the tagger took for a noun or adverb: ", adhere to X", ", facilitate Y".

    After a comma in a list of actions, a word with a direct object (or an adverb with a
    prepositional complement) can only be a verb.
    """
    if token.pos_ not in ("NOUN", "ADV") or token.head.pos_ != "VERB" or token.i == 0:
        return False
    if token.doc[token.i - 1].text != "," or not token.is_lower:
        return False
    return any(
        c.dep_ == "dobj" or (token.pos_ == "ADV" and c.dep_ == "prep") for c in token.children
    )


def _continues_noun_list(conj: Token) -> bool:
    """Whether a "verb" after "and" ends a list of nouns ("goods, and seed resources").

    The tagger takes an unknown noun after "and" for a verb; when the item before the
    conjunction is itself a listed noun, the word continues that list.
    """
    i = conj.i - 1
    while i > 0 and (conj.doc[i].dep_ in ("cc", "punct") or conj.doc[i].is_space):
        i -= 1
    before = conj.doc[i]
    if not (
        i < conj.i - 1
        and before.pos_ in ("NOUN", "PROPN")
        and before.dep_ == "conj"
        and before.head.pos_ in ("NOUN", "PROPN")
    ):
        return False
    # the list's last item: a bare noun phrase that closes the sentence
    children = list(conj.children)
    last = max((t.i for t in conj.subtree), default=conj.i)
    return (
        len(children) <= 1
        and all(
            c.dep_ == "dobj" and all(g.dep_ in ("compound", "amod", "det") for g in c.children)
            for c in children
        )
        and (last + 1 >= len(conj.doc) or conj.doc[last + 1].is_punct)
    )


def _shares_object(verb: Token, conj: Token) -> bool:
    """Whether two verbs share one object: "prepare and supply a new round of policies"."""
    if any(c.dep_ in _SUBJECTS for c in conj.children) or any(
        c.dep_ == "auxpass" for c in verb.children
    ):
        return False  # a clause of its own, or a passive that needs no object
    own = [
        c
        for c in verb.children
        if c.i > verb.i and c.i < conj.i and c.dep_ not in ("cc", "punct", "advmod")
    ]
    return not own


def _conjuncts(verb: Token) -> list[Token]:
    """Coordinated actions of a verb (spaCy attaches them to the first one, or chains them).

    Found once per verb and Doc (a clause's end and its pledges ask again); a fresh list.
    """
    memo = context(verb.doc).memo
    key = ("commitments.conjuncts", verb.i)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _find_conjuncts(verb)
    return list(found)


def _find_conjuncts(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if _coordinated(child) and not _shares_object(verb, child):
            out.append(child)
            out.extend(_conjuncts(child))
        elif child.dep_ == "conj" and child.i > verb.i:
            out.extend(_conjuncts(child))  # through a mis-tagged conjunct ("adhere" as ADV)
    return out


def _issuer_in(issued_at: dict[str, tuple[int, str]], document: Token) -> str | None:
    """The issuer of a document noun: at its first issued mention, or "the <document>" after."""
    first, issuer = issued_at.get(document.lemma_.lower(), (-1, ""))
    if first == document.i or (
        0 <= first < document.i
        and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in document.children)
    ):
        return issuer
    return None


def _of_initiatives(noun: Token, cues: Cues) -> bool:
    """Whether a noun is "of" a set of initiatives: "the first of the nine measures"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and cues.has("initiative_noun", g.lemma_) for g in c.children)
        for c in noun.children
    )


def _relative_antecedent(subject: Token) -> Token:
    """ "a circular which aims to ...": the noun a relative pronoun subject stands for."""
    if subject.lower_ not in ("which", "that", "who") or subject.head.dep_ != "relcl":
        return subject
    noun = subject.head.head
    prep = noun.head
    if noun.ent_type_ in ("DATE", "TIME") and noun.dep_ == "pobj" and prep.dep_ == "prep":
        # "released a circular on May 3 which aims to ...": a date does not aim; the clause
        # belongs to the object before the time phrase
        before = [c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i]
        if before:
            return before[-1]
    return noun


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
        end = max(end, right_edge(child))
    line_end = text_of(verb.doc).find("\n", verb.idx)
    return end if line_end < 0 else min(end, line_end)


def _conj_start(verb: Token) -> int:
    """Start of a coordinated action: its own leading adverbs, not the "and" before it."""
    first = verb
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("advmod", "aux", "neg") and child.lower_ != "to":
            first = min(first, child, key=lambda t: t.i)
    return first.idx


def _obliged(chain: list[Token], requiring: set[str]) -> str | None:
    """Who a rule obliges, as written: "Exporting enterprises are required to ..." → them.

    A requirement binds whoever it names, authority or not (ANNOTATION.md §3).
    """
    for token in chain:
        if token.lemma_.lower() in requiring and any(c.dep_ == "auxpass" for c in token.children):
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                words = [t for t in subject.subtree if t.dep_ not in ("det", "punct")]
                return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in words)
    return None


def _headline_line(segment: Span) -> bool:
    """Whether a segment sits on a "<ORG>: ..." headline line."""
    start, end = context(segment.doc).paragraph_of(segment.start_char)
    return _HEADLINE_PREFIX.match(text_of(segment.doc)[start:end]) is not None


def _carry_actors(spans: list[Span], default: str) -> None:
    """A pledge that names no one is the last named actor's ("China will X. Fees will be cut").

    Before any actor is named, the model's default (the GAC for customs releases) stands.
    """
    previous: str | None = None
    for span in sorted(spans, key=lambda s: s.start_char):
        attrs = span_attrs(span) or {}
        if attrs.get("actor"):
            previous = attrs["actor"]
            continue
        span._.textfacts = {**attrs, "actor": previous or default}


def _carry_deadlines(doc: Doc, spans: list[Span], local: set[tuple[int, int]]) -> None:
    """Give a pledge without a time frame the deadline of the pledge before it.

    "Sun added that in 2026, customs will launch X and introduce Y. Support will be enhanced
    for Z": the later sentences continue the same programme, across line breaks and into a
    quotation, as a claim's period carries (ANNOTATION.md §7). A heading or another speaker
    starts afresh; within one sentence, a deadline inside an earlier action's own phrase
    (`local`: "will expand A by 2027, roll out B") dates that action only.
    """
    text = text_of(doc)
    previous: Span | None = None
    for span in sorted(spans, key=lambda s: s.start_char):
        attrs = span_attrs(span) or {}
        if previous is not None and not attrs.get("deadline"):
            before = span_attrs(previous) or {}
            gap = text[previous.end_char : span.start_char]
            next_sentence = _SENTENCE_GAP.search(gap) is not None or "\n" in gap
            if (
                before.get("deadline")
                # a date in one coordinated action's own phrase dates that action only; the
                # sentences after it continue the programme (ANNOTATION.md §7)
                and (next_sentence or (previous.start_char, previous.end_char) not in local)
                and not any(heading_line(line) for line in gap.split("\n")[1:-1])
                and _who(text, before.get("speaker")) == _who(text, attrs.get("speaker"))
            ):
                span._.textfacts = {**attrs, "deadline": before["deadline"]}
                attrs = span._.textfacts
        previous = span


def _deadline_value(date: Span, months: set[str]) -> str | None:
    """The deadline a DATE sets: "by the end of 2025" is "2025", as "by 2025" is (§3).

    The DATE itself resolves to the last day (2025-12-31); a pledge to finish by then names
    the period, at the precision the text states (a year, or a month: "end of September").
    """
    value = (span_attrs(date) or {}).get("value")
    words = text_of(date.doc)[date.start_char : date.end_char]  # Span.text joins its tokens
    if not value or not _END_OF.match(words) or not _ISO_DAY.fullmatch(value):
        return value
    named_month = any(w[:3].lower() in months for w in _LETTERS.findall(words)[2:])
    return value[:7] if named_month else value[:4]


def _who(text: str, speaker: list | None) -> str | None:
    """The speaker's name as written ("Huang" in two mentions is one speaker)."""
    return None if not speaker else text[int(speaker[0]) : int(speaker[1])]


def _dedupe(spans: list[Span]) -> list[Span]:
    """Drop a span fully inside another commitment (a clause found twice).

    In start order every kept span starts at or before the next one, so the next is inside
    one of them exactly when it ends by the furthest end a kept rule-made span reaches.
    """
    spans = sorted(spans, key=lambda s: (s.start_char, -(s.end_char - s.start_char)))
    kept: list[Span] = []
    reach = -1  # the furthest end of a kept span made by a commitments rule
    seen: set[tuple[int, int]] = set()
    for span in spans:
        offsets = (span.start_char, span.end_char)
        if span.end_char <= reach or offsets in seen:
            continue
        if (
            kept
            and kept[-1].start_char == span.start_char
            and not (kept[-1]._.textfacts or {}).get("rule", "").startswith("commitments.")
        ):
            # the same clause found twice, once with trailing words that are not the action's
            # (", in a notice issued by ..."): the clause cut at the action's end stays
            kept[-1] = span
            seen.add(offsets)
            continue
        kept.append(span)
        seen.add(offsets)
        if (span_attrs(span) or {}).get("rule", "").startswith("commitments."):
            reach = max(reach, span.end_char)
    return kept


@Language.factory(
    "textfacts_commitments",
    default_config={"data_dir": None, "default_actor": DEFAULT_ACTOR},
    requires=["token.dep"],
    assigns=["doc.spans"],
)
def make_commitments(
    nlp: Language, name: str, data_dir: str | None, default_actor: str
) -> Commitments:
    """Factory for the commitments component."""
    return Commitments(nlp, name, data_dir, default_actor)
