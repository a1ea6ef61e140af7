"""textfacts_people: PERSON spans with role, organisation and canonical full name; speaker turns.

Officials appear in GAC/SCIO/Xinhua releases in a handful of set constructions, all read here
from the parse and the data files (lexicons/titles.tsv, patterns/people.jsonl):

- appositive after the name: "Li Guo, Vice Minister of the General Administration of
  Customs, said" (role "Vice Minister", org the ORG after "of"; through a possessive the org is
  the last body: "head of the GAC's Department of Port Control" → the department), "Yu
  Jianhua, GAC minister," (org before the title), ", commerce minister," (a lowercase domain
  word before the title), "Zhang Wei, who heads the GAC's ... Department" (verb → role "head");
- title before the name: "MOFCOM spokesperson Gao Feng", "General Secretary Xi Jinping";
  honorifics ("Mr.", "Comrade") stay outside the span and are not roles;
- transcript turn lines: "Ni Yuefeng:" alone on a line (a line naming an outlet, "China Media
  Group:", is the questioner: an ORG from textfacts_entities, never a PERSON);
- photo credits ("LI MING/FOR CHINA DAILY") and later short references ("Yu said",
  "according to Yu", "Mr Yu said"), whose `canonical` is the full name as first written.

The role is reported as written (case kept); "who heads" gives "head" (titles.tsv `role`).

`state(doc)["turns"]` lists `[start, end, [ps, pe, "PERSON"]]`: the char range a person speaks
and the PERSON mention naming them. It holds, in this order of precedence:

1. transcript answers: from a "Name:" line, or a "Name, title:" line ("Gao Ruiqing, director
   general of the Department of Port Control:"), to the next "X:" turn line (questioner or
   speaker) or the end of the text, trailing page chrome excluded;
2. speeches: a line that is only a name with its title ("Mr. Li Guo, Vice Minister of the
   GACC"), to the next such line or turn line or the end;
3. reported speech, by paragraph (a line of text): a sentence is attributed when a PERSON is
   the subject of a speech verb or stands next to it ("X said that ...", "..., Sun said.",
   "X pointed out/stated/noted/emphasized/added that ...", "Speaking at ..., X recalled") or
   follows "according to". A paragraph with one speaker is that speaker's turn as a whole (news
   style continues the attribution: "Sun added that ... Support will be enhanced ..."); with
   several, each attributed sentence opens a turn that runs to the next one, and the sentences
   before the first belong to the first.

Turns never overlap; reported-speech turns inside a transcript or speech turn are not added.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._context import text_of
from textfacts.components._requires import check
from textfacts.components._spans import chrome, in_chrome, make_span, write_group
from textfacts.components._windows import WindowedMatcher, opener
from textfacts.components.entities import GROUP as ENTITY_GROUP
from textfacts.components.entities import NUMBER_GROUPS, EntityPatternRow, PersonCues
from textfacts.extensions import state
from textfacts.normalize.names import short_keys, trim_name
from textfacts.offsets import Ranges, longest_first
from textfacts.resources import data_path, read_jsonl

GROUP = "textfacts_people"
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# How far back (in characters) "he said" looks for the person it stands for: about two
# paragraphs of a release.
PRONOUN_REACH = 1500
_ARTICLES = {"the", "a", "an", "its", "their"}
_ORG_LINKS = {"of", "at", "in", "with", "from", "for", "to"}


class PeopleRow(BaseModel):
    """One row of patterns/people.jsonl: a speech cue, a name construction or a turn-line regex.

    kind: `speech` (Matcher pattern on the speech verb: said, pointed out, put forward),
    `according` ("according to" + PERSON), `name` (a name the NER misses: photo credits,
    bylines, "Mr. X"; `name_slice` = [start, end) of the name inside the match, Python slice
    style), `turn_line` (a regex with group `name` for transcript turn lines; one ending in `$`
    must fill its line).
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Literal["speech", "according", "name", "turn_line"]
    pattern: list[dict] | None = None
    regex: str | None = None
    name_slice: list[int | None] | None = None
    example: str


class People:
    """PERSON extractor with roles, organisations, short-name resolution and speaker turns."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        self.rows = {
            r.id: r for r in read_jsonl(data_path(data_dir, "patterns/people.jsonl"), PeopleRow)
        }
        # Rows opened alike are one group: the Matcher runs only where a group can match.
        self.matcher = WindowedMatcher(nlp.vocab)
        for row in self.rows.values():
            if row.pattern:
                self.matcher.add(row.id, row.pattern, group=opener(row.pattern), greedy="LONGEST")
        # a whole-line row ("Ni Yuefeng:") also marks questioner lines; an inline row
        # ("Yu Jianhua: Good morning ...") counts when it names a person or an outlet ("CCTV: ...")
        self.turn_line = [
            (re.compile(r.regex, re.MULTILINE), r.regex.endswith("$"))
            for r in self.rows.values()
            if r.kind == "turn_line" and r.regex
        ]
        entity_rows = read_jsonl(data_path(data_dir, "patterns/entities.jsonl"), EntityPatternRow)
        # a turn line ending in an organisation word ("Shenzhen Satellite TV:") names an outlet
        self.org_words = {
            h
            for r in entity_rows
            if r.action == "relabel" and r.label == "ORG"
            for h in r.heads or []
        }
        self.cues = PersonCues(data_dir, self.org_words)
        self.heads, self.modifiers = self.cues.heads, self.cues.modifiers
        self.verbs, self.honorifics = self.cues.verbs, self.cues.honorifics

    def __call__(self, doc: Doc) -> Doc:
        """Write PERSON spans to doc.spans["textfacts_people"] and speaker turns to the state."""
        check(doc, "textfacts_people", ("token.pos", "doc.ents"))
        entities = list(doc.spans.get(ENTITY_GROUP, []))
        taken = [(s.start_char, s.end_char) for s in entities]
        orgs = _Orgs([s for s in entities if s.label_ == "ORG"])
        cues: list[tuple[str, Span]] = []
        names: list[tuple[Span, str]] = []
        for match_id, start, end in self.matcher(doc, with_alignments=False):
            row = self.rows[doc.vocab.strings[match_id]]
            if row.kind == "name":
                lo, hi = (row.name_slice or [0, None])[:2]
                span = doc[start:end][lo:hi]
                names.append((span, row.id))
            else:
                cues.append((row.kind, doc[start:end]))
        ents = doc.ents  # each access rebuilds the tuple from the tokens
        names.extend(self.ner_names(doc, ents))
        names.extend(self.unlabelled_names(doc, orgs, ents))
        taken_index = Ranges(taken)
        turn_lines = self.find_turn_lines(doc, taken_index)
        names.extend((span, "people.turn_line") for _, span in turn_lines if span is not None)
        # names avoid entity spans; no name sits on a number span's offsets (Span._ shares them)
        number_keys = {
            (s.start_char, s.end_char) for g in NUMBER_GROUPS for s in doc.spans.get(g, [])
        }
        full = _resolve(
            [
                (s, r)
                for s, r in names
                if not taken_index.overlaps(s.start_char, s.end_char)
                and (s.start_char, s.end_char) not in number_keys
            ]
        )
        mentions = self.with_short_refs(doc, full, taken)
        spans = []
        for span, rule, canonical in mentions:
            role, org = self.role_of(doc, span, orgs)
            attrs = {
                "canonical": canonical,
                "role": role,
                "org": [org.start_char, org.end_char, "ORG"] if org is not None else None,
                "rule": rule,
            }
            made = make_span(doc, span.start_char, span.end_char, "PERSON", attrs, mode="contract")
            if made is not None:
                spans.append(made)
        write_group(doc, GROUP, spans)
        kept = list(doc.spans[GROUP])
        state(doc)["turns"] = self.turns(doc, kept, turn_lines, cues)
        return doc

    # -- names -------------------------------------------------------------------------------

    def ner_names(self, doc: Doc, ents: tuple[Span, ...]) -> list[tuple[Span, str]]:
        """Person names from the NER, titles and honorifics cut off.

        Names the parser mislabelled count when they stand where a person's name stands
        (PersonCues: a title in apposition or in front, a transcript turn line).
        """
        out = []
        text = text_of(doc)
        for ent in ents:
            if ent.label_ != "PERSON":
                span = doc.char_span(*_trimmed(ent, text), alignment_mode="contract")
                if span is not None and self.cues.looks_like_person(span):
                    out.append((span, "people.ner_relabelled"))
                continue
            offset, stop = trim_name(text[ent.start_char : ent.end_char])
            span = doc.char_span(
                ent.start_char + offset, ent.start_char + stop, alignment_mode="contract"
            )
            if span is None:
                continue
            while len(span) > 1 and (
                span[0].lower_ in self.heads | self.modifiers | self.honorifics
            ):
                span = span[1:]
            if "/" in span.text:  # "Li Wen/Xinhua": the credit ends the name
                span = span[: next(i for i, t in enumerate(span) if "/" in t.text)]
            if (
                len(span) >= 2
                and all(t.is_alpha or t.text in "-'’" for t in span)
                and span[0].is_title | span[0].is_upper
            ):
                out.append((span, "people.ner"))
        return out

    def unlabelled_names(
        self, doc: Doc, orgs: dict[int, Span], ents: tuple[Span, ...]
    ) -> list[tuple[Span, str]]:
        """Runs of 2-3 capitalised proper nouns the NER missed, where the genre puts a name."""
        out = []
        named = {i for s in doc.spans.get(ENTITY_GROUP, []) for i in range(s.start, s.end)}
        # doc[i:j].ents (the entities wholly inside the run) rebuilds the Doc's entity list
        # on every access: index each entity's end by its start once
        ent_end = {ent.start: ent.end for ent in ents}
        proper = [_proper_word(t) for t in doc]  # each Token made and read once
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and j not in named and proper[j]:
                j += 1
            if 2 <= j - i <= 3 and not any(ent_end.get(t, j + 1) <= j for t in range(i, j)):
                span = doc[i:j]
                if self.cues.looks_like_person(span) or (
                    i > 0 and self.title_of_org_before(doc, i - 1, orgs)[0] is not None
                ):
                    out.append((span, "people.construction"))
            i = max(j, i + 1)
        return out

    def find_turn_lines(self, doc: Doc, taken: Ranges) -> list[tuple[int, Span | None]]:
        """Transcript turn lines: (line start, PERSON span or None for a questioner/outlet line)."""
        out: list[tuple[int, Span | None]] = []
        text = text_of(doc)
        org_ranges = Ranges(
            (s.start_char, s.end_char) for s in doc.spans.get(ENTITY_GROUP, []) if s.label_ == "ORG"
        )  # an outlet asking a question
        for regex, whole_line in self.turn_line:
            for match in regex.finditer(text):
                start, end = match.span("name")
                if in_chrome(doc, start, end):
                    continue
                words = match.group("name").split()
                # "Moderator Shou Xiaoli:": the title opens the line, the name follows it
                while len(words) > 2 and words[0].lower() in self.heads | self.modifiers:
                    start = text.index(words[1], start + len(words[0]))
                    words = words[1:]
                span = doc.char_span(start, end, alignment_mode="contract")
                person = (
                    span is not None
                    and 2 <= len(words) <= 4
                    and not taken.overlaps(span.start_char, span.end_char)
                    and not any(w in self.org_words for w in words)
                    and all(w.lower() not in self.heads | self.modifiers for w in words)
                )
                if person or whole_line or org_ranges.overlaps(start, end):
                    out.append((match.start(), span if person else None))
        return sorted(out, key=lambda item: item[0])

    def with_short_refs(
        self, doc: Doc, full: list[tuple[Span, str]], taken: list[tuple[int, int]]
    ) -> list[tuple[Span, str, str]]:
        """Full names with their canonical form, plus later short references ("Sun said")."""
        owners: dict[str, set[str]] = {}
        for span, _ in full:
            for key in short_keys(span.text):
                owners.setdefault(key, set()).add(span.text)
        keys = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
        out = []
        for span, rule in full:
            # a one-word name found by its own construction ("Mr Zhao said") is a short reference
            canonical = keys.get(span.text, span.text) if len(span) == 1 else span.text
            out.append((span, rule, canonical))
        text = text_of(doc)
        entity_texts = {text[s:e] for s, e in taken}
        covered = Ranges(taken + [(s.start_char, s.end_char) for s, _ in full])
        for token in doc:
            canonical = keys.get(token.text)
            if canonical is None or token.text in entity_texts or not token.is_title:
                continue
            if covered.overlaps(token.idx, token.idx + len(token)):
                continue
            # "Premier Li", "Minister Wang": a title before a short name is not another name
            before = doc[token.i - 1].lower_ if token.i else ""
            titled = before in self.heads or before in self.honorifics
            if (_proper_neighbour(doc, token.i - 1) and not titled) or _proper_neighbour(
                doc, token.i + 1
            ):
                continue
            out.append((doc[token.i : token.i + 1], "people.short_reference", canonical))
        return sorted(out, key=lambda item: item[0].start)

    # -- roles -------------------------------------------------------------------------------

    def role_of(
        self, doc: Doc, span: Span, orgs: dict[int, Span]
    ) -> tuple[str | None, Span | None]:
        """The role stated next to a name and the ORG it belongs to."""
        role = self.role_after(doc, span, orgs)
        if role[0] is None:
            role = self.role_before(doc, span, orgs)
        return role

    def title_run(self, doc: Doc, i: int) -> int:
        """End (exclusive) of the title phrase at token i, ending on a head word; i if none."""
        j, last_head = i, i
        while j < len(doc):
            word = doc[j].lower_
            if word in self.heads:
                last_head = j + 1
            elif word not in self.modifiers and not (word == "-" and j > i):
                break
            j += 1
        return last_head

    def domain_title_run(self, doc: Doc, i: int) -> int:
        """End of a title led by up to three domain words: ", commerce minister,".

        ", China International Trade Representative," likewise. Only in apposition, so the
        title must close the appositive (a comma, "of", "and" or a bracket); i if none.
        """
        for skip in (1, 2, 3):
            lead = doc[i : i + skip]
            if not all(t.is_alpha and (t.is_lower or t.is_title) for t in lead):
                return i
            end = self.title_run(doc, i + skip)
            if end > i + skip and end < len(doc) and doc[end].text in (",", "of", "and", "("):
                return end
        return i

    def org_at(self, doc: Doc, i: int, orgs: dict[int, Span]) -> Span | None:
        """The ORG starting at token i (after an article), followed through possessives."""
        while i < len(doc) and doc[i].lower_ in _ARTICLES:
            i += 1
        if i >= len(doc):
            return None
        org = orgs.get(doc[i].idx)
        while (
            org is not None and org.end < len(doc) and doc[org.end].text in ("'s", "'", "’s", "’")
        ):
            nxt = orgs.get(doc[org.end + 1].idx) if org.end + 1 < len(doc) else None
            if nxt is None:
                break
            org = nxt
        return org

    def role_after(
        self, doc: Doc, span: Span, orgs: dict[int, Span]
    ) -> tuple[str | None, Span | None]:
        """Appositive roles: ", Deputy Director of the GAC,", ", GAC spokesperson,", "who heads"."""
        i = span.end
        if i >= len(doc) or doc[i].text != ",":
            return None, None
        i += 1
        if i < len(doc) and doc[i].lower_ == "who":
            i += 1
            if i < len(doc) and doc[i].lower_ in self.verbs:
                return self.verbs[doc[i].lower_], self.org_at(doc, i + 1, orgs)
            while i < len(doc) and (doc[i].lemma_ == "be" or doc[i].lower_ in ("also", "now")):
                i += 1
        while i < len(doc) and doc[i].lower_ in _ARTICLES:
            i += 1
        if i >= len(doc):
            return None, None
        org_first = orgs.get(doc[i].idx)
        if org_first is not None:
            j = org_first.end
            if j < len(doc) and doc[j].text in ("'s", "’s"):
                j += 1
            end = self.title_run(doc, j)
            if end > j:
                return doc[j:end].text, org_first
            return None, None
        end = self.title_run(doc, i)
        if end == i:
            end = self.domain_title_run(doc, i)
        if end == i:
            return None, None
        org = None
        if end < len(doc) and doc[end].lower_ in _ORG_LINKS:
            org = self.org_at(doc, end + 1, orgs)
        return doc[i:end].text, org

    def role_before(
        self, doc: Doc, span: Span, orgs: dict[int, Span]
    ) -> tuple[str | None, Span | None]:
        """Pre-modifying titles: "MOFCOM spokesperson Gao Feng", "Premier Li Qiang"."""
        j = span.start - 1
        if j > 0 and doc[j].text in ("/", ":") and doc[j - 1].lower_ in self.heads:
            j -= 1  # a credit: "Editor/Zhang Wei"
        if j >= 0 and doc[j].lower_ not in self.heads:
            return self.title_of_org_before(doc, j, orgs)
        if j < 0:
            return None, None
        k = j
        while k - 1 >= 0 and (
            doc[k - 1].lower_ in self.heads | self.modifiers or doc[k - 1].text == "-"
        ):
            k -= 1
        while k <= j and doc[k].text == "-":
            k += 1
        role = doc[k : j + 1].text
        org = None
        before = k - 1
        if before >= 0 and doc[before].text in ("'s", "’s"):
            before -= 1
        if before >= 0:
            end_char = doc[before].idx + len(doc[before])
            org = _org_ending_at(orgs, end_char)
        return role, org

    def title_of_org_before(
        self, doc: Doc, j: int, orgs: dict[int, Span]
    ) -> tuple[str | None, Span | None]:
        """Title, "of", ORG, then the name: "Vice Minister of the GAC Li Guo"."""
        end_char = doc[j].idx + len(doc[j])
        org = _org_ending_at(orgs, end_char)
        if org is None:
            return None, None
        k = org.start - 1
        while k >= 0 and doc[k].lower_ in _ARTICLES:
            k -= 1
        if k < 1 or doc[k].lower_ not in _ORG_LINKS or doc[k - 1].lower_ not in self.heads:
            return None, None
        first = k - 1
        while first - 1 >= 0 and doc[first - 1].lower_ in self.heads | self.modifiers:
            first -= 1
        return doc[first:k].text, org

    # -- turns -------------------------------------------------------------------------------

    def turns(
        self,
        doc: Doc,
        persons: list[Span],
        turn_lines: list[tuple[int, Span | None]],
        cues: list[tuple[str, Span]],
    ) -> list[list]:
        """Speaker turns as [start, end, [ps, pe, "PERSON"]]; see the module docstring."""
        text = text_of(doc)
        by_start = {s.start_char: s for s in persons}
        openers: list[tuple[int, Span | None]] = []
        for line_start, span in turn_lines:
            person = by_start.get(span.start_char) if span is not None else None
            openers.append((line_start, person))
        openers.extend(self.speech_bylines(doc, persons, cues))
        openers.sort(key=lambda item: item[0])
        chrome_starts = sorted(s for s, _ in chrome(doc))
        block_turns = []
        for n, (start, person) in enumerate(openers):
            if person is None:
                continue
            end = openers[n + 1][0] if n + 1 < len(openers) else len(text)
            end = next(
                (
                    c
                    for c in chrome_starts
                    if start < c < end and _only_chrome_after(doc, text, c, end)
                ),
                end,
            )
            end = start + len(text[start:end].rstrip())
            block_turns.append([start, end, [person.start_char, person.end_char, "PERSON"]])
        spoken = self.reported_speech(doc, persons, cues)
        # block turns follow each other without overlap: only the last one starting at or
        # before a spoken turn can hold it
        starts = [b[0] for b in block_turns]

        def in_block(start: int) -> bool:
            at = bisect_right(starts, start) - 1
            return at >= 0 and start < block_turns[at][1]

        turns = block_turns + [t for t in spoken if not in_block(t[0])]
        return sorted(turns, key=lambda t: t[0])

    def speech_bylines(
        self, doc: Doc, persons: list[Span], cues: list[tuple[str, Span]] = ()
    ) -> list[tuple[int, Span]]:
        """A name-and-title line opens a speech: "Mr. Li Guo, Vice Minister of the GACC".

        So does a line that introduces what follows with a speech verb and a colon: "Li Guo,
        deputy head of the GAC, said at the briefing:".
        """
        out = []
        text = text_of(doc)
        said = sorted(c.start_char for kind, c in cues if kind == "speech")
        for person in persons:
            line_start = text.rfind("\n", 0, person.start_char) + 1
            line_end = text.find("\n", person.end_char)
            line_end = len(text) if line_end == -1 else line_end
            before = text[line_start : person.start_char].strip().lower()
            after = text[person.end_char : line_end].strip()
            if before and before not in self.honorifics:
                continue
            k = bisect_right(said, person.end_char)
            if after.endswith(":") and k < len(said) and said[k] < line_end:
                out.append((line_start, person))  # "..., said at the briefing:"
                continue
            if not after.startswith(",") or after.endswith("."):
                continue
            line = doc.char_span(line_start, line_end, alignment_mode="contract")
            if line is None or any(t.pos_ in ("VERB", "AUX") for t in line) or "/" in line.text:
                continue
            out.append((line_start, person))
        return out

    def reported_speech(
        self, doc: Doc, persons: list[Span], cues: list[tuple[str, Span]]
    ) -> list[list]:
        """Paragraph turns from attributed sentences (speech verbs, "according to")."""
        text = text_of(doc)
        found: dict[int, tuple[int, int, Span, bool]] = {}
        ordered = _Persons(persons)
        for kind, cue in cues:
            person = self.cue_person(cue, kind, ordered)
            if person is None:
                continue
            para_start = text.rfind("\n", 0, cue.start_char) + 1
            para_end = text.find("\n", cue.end_char)
            para_end = len(text) if para_end == -1 else para_end
            sent = cue.sent
            start, end = max(sent.start_char, para_start), min(sent.end_char, para_end)
            last = max(person.end, cue.end)
            # '"...," Sun said.' and '..., according to Sun.' look back; "Sun said that" looks ahead
            backward = all(t.is_punct or t.is_space for t in doc[last : sent.end])
            found.setdefault(start, (start, end, person, backward))
        by_paragraph: dict[int, list[tuple[int, int, Span, bool]]] = {}
        for item in sorted(found.values(), key=lambda it: it[0]):
            by_paragraph.setdefault(text.rfind("\n", 0, item[0]) + 1, []).append(item)
        out = []
        for para_start, items in by_paragraph.items():
            para_end = text.find("\n", items[-1][1] - 1)
            para_end = len(text) if para_end == -1 else para_end
            cursor = para_start
            for n, (start, end, person, backward) in enumerate(items):
                if backward:
                    out.append(_turn(text, cursor, end, person))
                    cursor = end
                    continue
                stop = items[n + 1][0] if n + 1 < len(items) and not items[n + 1][3] else None
                if stop is None and n + 1 < len(items):
                    stop = items[n + 1][0]
                stop = para_end if stop is None else stop
                out.append(_turn(text, max(start, cursor), stop, person))
                cursor = stop
        return [t for t in out if t[1] > t[0]]

    def cue_person(self, cue: Span, kind: str, persons: _Persons) -> Span | None:
        """The PERSON a speech cue attributes its sentence to, or None."""
        sent = cue.sent
        in_sent = persons.within(sent.start, sent.end)
        if kind == "according":
            return next((p for p in in_sent if cue.end <= p.start <= cue.end + 1), None)
        verb = cue[0]
        for person in in_sent:
            if person.end == verb.i or person.start == cue.end:
                return person
            if any(t.head.i == verb.i and t.dep_ in _SUBJECT_DEPS for t in person):
                return person
        for person in in_sent:
            between = cue.doc[person.end : verb.i]
            # "Li Guo, vice minister of the GAC, said": an appositive between name and verb
            if (
                2 <= len(between) <= 25
                and between[0].text == ","
                and between[-1].text == ","
                and not any(
                    t.pos_ in ("VERB", "AUX") for t in between[1:-1] if t.lower_ not in self.verbs
                )
            ):
                return person
        pronoun = next(
            (t for t in verb.children if t.dep_ in _SUBJECT_DEPS and t.lower_ in ("he", "she")),
            None,
        )
        if pronoun is not None:
            # "..., he added.": the person last named before, as a reader takes it
            earlier = persons.last_ending_by(pronoun.idx)
            if earlier is not None and pronoun.idx - earlier.end_char <= PRONOUN_REACH:
                return earlier
        return None


class _Persons:
    """PERSON spans of a Doc (in text order, never overlapping) with lookups by bisection."""

    def __init__(self, persons: list[Span]):
        self.spans = sorted(persons, key=lambda p: (p.start, p.end))
        self.starts = [p.start for p in self.spans]
        self.ends = [p.end_char for p in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        """The spans inside tokens [start, end), in text order."""
        first, stop = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [p for p in self.spans[first:stop] if p.end <= end]

    def last_ending_by(self, char: int) -> Span | None:
        """The last span that ends at or before a character offset."""
        at = bisect_right(self.ends, char)
        return self.spans[at - 1] if at else None


def _trimmed(ent: Span, text: str) -> tuple[int, int]:
    """Char offsets of an entity without article, possessive or edge punctuation.

    `text` is the Doc's text: slicing it gives the entity's text without joining its tokens.
    """
    offset, stop = trim_name(text[ent.start_char : ent.end_char])
    return ent.start_char + offset, ent.start_char + stop


def _turn(text: str, start: int, end: int, person: Span) -> list:
    """One turn with whitespace trimmed from its ends."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end = start + len(piece.strip())
    return [start, end, [person.start_char, person.end_char, "PERSON"]]


def _only_chrome_after(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether everything from start to end is page chrome or blank."""
    ranges = chrome(doc)
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        if line.strip() and not any(s <= pos < e for s, e in ranges):
            return False
        pos += len(line)
    return True


class _Orgs(dict):
    """ORG spans by start offset, and by end offset for "Title of the ORG Name" lookups."""

    def __init__(self, spans: list[Span]):
        super().__init__((s.start_char, s) for s in spans)
        self.by_end: dict[int, Span] = {}
        for span in self.values():
            self.by_end.setdefault(span.end_char, span)


def _org_ending_at(orgs: dict[int, Span], end_char: int) -> Span | None:
    """The first ORG (in text order) that ends at a character offset."""
    if isinstance(orgs, _Orgs):
        return orgs.by_end.get(end_char)
    return next((o for o in orgs.values() if o.end_char == end_char), None)


def _proper_word(token: Token) -> bool:
    """A capitalised alphabetic proper noun: a word of a name the NER may have missed."""
    return token.pos_ == "PROPN" and token.is_alpha and token.is_title


def _proper_neighbour(doc: Doc, i: int) -> bool:
    """A capitalised proper noun right beside a token makes it part of another name."""
    if i < 0 or i >= len(doc):
        return False
    token = doc[i]
    return token.is_title and token.pos_ == "PROPN" and not token.is_sent_start


def _resolve(names: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Non-overlapping names, longest first, in text order."""
    chosen = longest_first(
        names,
        lambda item: (item[0].start, item[0].end),
        lambda item: (-len(item[0]), item[0].start),
    )
    return sorted(chosen, key=lambda item: item[0].start)


@Language.factory(
    "textfacts_people",
    default_config={"data_dir": None},
    requires=["doc.ents"],
    assigns=["doc.spans"],
)
def make_people(nlp: Language, name: str, data_dir: str | None) -> People:
    """Factory for the people component."""
    return People(nlp, name, data_dir)
