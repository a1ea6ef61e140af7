"""textfacts_claims: bind each MONEY/PERCENT/QUANTITY mention to what it measures.

Trade releases state figures in a few clause shapes: "<measure> reached/totaled/was <level>",
"<measure> rose/fell (by) <change> (year on year)", "..., accounting for <share> of the total",
"<rate> per year", "<count> <counted noun>", "X and Y stood at a and b, up c and down d,
respectively", verbless follow-ups (", up 2.4 percent"), comparatives ("3.2 hours shorter than
...") and "a trade surplus of <level>". The measure is found through the dependency parse
already in the Doc (subject of the governing verb, object a figure moves, head of an apposition,
the counted noun); cue words are data (patterns/claims.jsonl). Speakers come from _attribution.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from textfacts.components._attribution import (
    LABEL_LINE,
    Speakers,
    SpeechCues,
    clause_verb,
    heading_line,
    ref,
    right_edge,
)
from textfacts.components._context import DocContext, SpanIndex, context, text_of
from textfacts.components._cues import CueRowBase, GatedRegex
from textfacts.components._requires import check
from textfacts.extensions import span_attrs, state
from textfacts.normalize.numbers import scale_table
from textfacts.resources import data_path, read_jsonl

GROUP = "textfacts_numbers"
ANCHOR_LABELS = ("MONEY", "PERCENT", "QUANTITY")
# How a number attaches upwards to the word that governs it.
_CLIMB = {
    "pobj",
    "prep",
    "agent",
    "dobj",
    "npadvmod",
    "attr",
    "nummod",
    "compound",
    "amod",
    "quantmod",
    "advmod",
    "acomp",
    "oprd",
    "nmod",
    "appos",
    "conj",
    "dep",
    "pcomp",
    "punct",
}
_SUBJECTS = {"nsubj", "nsubjpass"}
_DROP_CHILDREN = {"relcl", "appos", "advcl"}
_STOP = {"the", "a", "an", "this", "these", "that", "its", "it", "which", "they", "their"}


# Row kinds that are plain word lists, each read into a set of its own name.
_WORD_SET_KINDS = (
    "container",
    "release",
    "statistic",
    "counting",
    "share_noun",
    "unreal",
    "aim",
    "extreme",
)


class ClaimRow(CueRowBase):
    """One cue row of patterns/claims.jsonl."""

    kind: Literal[
        "change",
        "level",
        "share",
        "rate",
        "multiple",
        "comparison",
        "subject_default",
        "subject_alias",
        "forecast",
        "container",
        "comparative",
        "follow_up",
        "current",
        "release",
        "statistic",
        "counting",
        "share_noun",
        "unreal",
        "aim",
        "extreme",
    ]
    direction: Literal["up", "down"] | None = None


@dataclass
class ClaimCues:
    """Claim cue tables, loaded once; each regex gated by the words its matches need."""

    direction: dict[str, str]
    level_verbs: set[str]
    share: list[GatedRegex]
    rate_after: list[GatedRegex]
    rate_before: list[GatedRegex]
    multiple_units: set[str]
    measurement_units: set[str]
    comparisons: list[GatedRegex]
    trade_words: set[str]
    default_subject: str | None
    subject_alias: dict[str, str]
    forecast: set[str]
    container: set[str]
    comparative: dict[str, str]
    follow_up: list[GatedRegex]
    current_adverbs: set[str]
    state_verbs: set[str]
    release_verbs: set[str]
    statistic: set[str]
    counting_words: set[str]
    share_nouns: set[str]
    unreal_modals: set[str]
    aim_words: set[str]
    # after a percentage: "70% of which are private" is a part of what was just named
    share_after: list[GatedRegex]
    # "a record high of X": the figure is the extreme, never what is measured
    extreme: set[str]

    @classmethod
    def load(cls, data_dir: str | Path | None) -> ClaimCues:
        """Read patterns/claims.jsonl into lookup tables."""
        rows = read_jsonl(data_path(data_dir, "patterns/claims.jsonl"), ClaimRow)
        direction: dict[str, str] = {}
        out: dict[str, Any] = {
            "level": set(),
            "multiple": set(),
            "measure": set(),
            "trade": set(),
            "alias": {},
            "default": None,
            "forecast": set(),
            "comparative": {},
            "current": set(),
            "state": set(),
            **{kind: set() for kind in _WORD_SET_KINDS},
        }
        share, rate_after, rate_before, comparisons, follow_up = [], [], [], [], []
        share_after: list[GatedRegex] = []
        for row in rows:
            words = {w.lower() for w in row.words}
            if row.kind == "comparative" and row.direction:
                out["comparative"].update(dict.fromkeys(words, row.direction))
            elif row.kind in _WORD_SET_KINDS:
                out[row.kind] |= words  # a plain word list: container, statistic, aim, ...
            elif row.kind == "current":
                out["state" if row.id.endswith("state_verb") else "current"] |= words
            elif row.kind == "change" and row.direction:
                direction.update(dict.fromkeys(words, row.direction))
            elif row.kind == "level" and row.id.endswith("measurement_unit"):
                out["measure"] |= words
            elif row.kind == "level":
                out["level"] |= words
            elif row.kind == "multiple":
                out["multiple"] |= words
            elif row.kind == "subject_default":
                out["trade"] |= words
                out["default"] = row.canonical
            elif row.kind == "forecast":
                out["forecast"] |= words
            elif row.kind == "subject_alias" and row.canonical:
                out["alias"].update(dict.fromkeys(words, row.canonical))
            if row.regex:
                pattern = GatedRegex(re.compile(row.regex, re.I))
                if row.kind == "share":
                    (share_after if row.id.endswith("after") else share).append(pattern)
                elif row.kind == "rate":
                    (rate_after if row.id.endswith("after") else rate_before).append(pattern)
                elif row.kind == "comparison":
                    comparisons.append(pattern)
                elif row.kind == "follow_up":
                    follow_up.append(pattern)
        return cls(
            direction,
            out["level"],
            share,
            rate_after,
            rate_before,
            out["multiple"],
            out["measure"],
            comparisons,
            out["trade"],
            out["default"],
            out["alias"],
            out["forecast"],
            out["container"],
            out["comparative"],
            follow_up,
            out["current"],
            out["state"],
            out["release"],
            out["statistic"],
            out["counting"],
            out["share_noun"],
            out["unreal"],
            out["aim"],
            share_after,
            out["extreme"],
        )


class Claims:
    """Claim binder: measure, kind, direction, period, comparison, subject, speaker."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        self.cues = ClaimCues.load(data_dir)
        self.speech = SpeechCues.load(data_dir)
        self.scales = scale_table(None if data_dir is None else str(data_dir))
        # words for a statistic rather than what it measures: "the figure", "a total of"
        self.statistic_words = self.cues.statistic | self.cues.container

    def __call__(self, doc: Doc) -> Doc:
        """Write state(doc)["claims"]: one claim per MONEY/PERCENT/QUANTITY mention."""
        check(doc, self.name, ("token.dep",), (GROUP,))
        anchors = sorted(
            (s for s in doc.spans.get(GROUP, []) if s.label_ in ANCHOR_LABELS),
            key=lambda s: s.start_char,
        )
        if not doc.has_annotation("DEP"):
            state(doc)["claims"] = [
                {"anchor": ref(a), "kind": "level", "rule": "claims.bare"} for a in anchors
            ]
            return doc
        ctx = context(doc)
        speakers = ctx.speakers(self.speech)
        binder = _Binder(ctx, self.cues, anchors, self.speech.verbs, self.scales)
        claims: list[dict[str, Any]] = []
        breaks = binder.carry_breaks(speakers)
        carried: tuple[int, Span, bool] | None = None  # (where, the DATE, stated as perfect)
        last_seen = -1  # where the previous figure starts
        previous: tuple[Span, dict[str, Any]] | None = None
        bound: list[tuple[Span, dict[str, Any]]] = []
        bound_starts: list[int] = []  # sorted: anchors come in text order
        for anchor in anchors:
            if binder.forecast(anchor) or binder.not_a_fact(anchor):
                continue  # an estimate, forecast, target, threshold or hypothetical (§7)
            claim = binder.bind(anchor)
            if previous is not None and _conversion(text_of(doc), previous[0], anchor):
                # "18.6 billion yuan (about 2.6 billion dollars)" restates the same figure
                claim.update(
                    {
                        k: previous[1][k]
                        for k in (
                            "measure",
                            "kind",
                            "direction",
                            "comparison",
                            "subject",
                            "period_span",
                        )
                    }
                )
                claim["rule"] = "claims.conversion"
            if (
                previous is not None
                and previous[1]["kind"] == "rate"
                and claim["kind"] == "level"
                and _inside(anchor, previous[0].root)
            ):
                claim["kind"] = "rate"  # "a yearly average of 3.1 billion tons of cargo worth
                # 20 trillion yuan": the value of the averaged goods is averaged too
            segment = binder.segment_of(anchor)
            lo = bisect_left(bound_starts, segment.start_char)
            same = [c for _, c in bound[lo : bisect_left(bound_starts, segment.end_char)]]
            paired = _respective_level(segment, same, claim)
            if paired is not None:
                # "X and Y stood at a and b, up c and down d, respectively": the i-th change
                # measures what the i-th level measured
                claim["measure"], claim["subject"] = paired["measure"], paired["subject"]
                claim["period_span"] = claim["period_span"] or paired["period_span"]
                claim.pop("follow_up")
            elif (
                claim.pop("follow_up")
                and previous is not None
                and previous[1]["kind"] in ("level", "count")
                and previous[1]["measure"]
            ):
                claim["measure"], claim["subject"] = previous[1]["measure"], previous[1]["subject"]
                claim["period_span"] = claim["period_span"] or previous[1]["period_span"]
                claim["rule"] += "+claims.follow_up"
            para = ctx.paragraph_of(anchor.start_char)
            period = claim["period_span"]
            current = claim.pop("current")
            crossed = _last_crossed(breaks, last_seen, anchor.start_char)
            if crossed is not None:
                # a heading, a new turn or another dated passage came between; a dated lead
                # sentence starts its own period
                lead = binder.lead_dates.get(crossed)
                carried = (crossed, lead, False) if lead is not None else None
            last_seen = anchor.start_char
            present = claim.pop("present")
            if (
                period is None
                and claim["kind"] != "rate"
                and not current
                and carried
                and (not present or carried[2])
            ):
                # The reporting period stated once governs the sentences that continue the
                # report, across line breaks, until the passage turns (ANNOTATION.md §7).
                period = carried[1]
            if period is not None and not current and not _aside(text_of(doc), period):
                # a period stated in the present perfect ("During X, the GAC has led ...")
                # dates the perfect statements that continue it as well; "In May alone, ..."
                # is an aside within the reported period, which goes on after it
                carried = (anchor.start_char, period, present)
            refers_back = claim.pop("refers_back")
            if (
                claim.pop("fallback")
                and previous is not None
                and ctx.paragraph_of(previous[0].start_char) == para
                and previous[1]["measure"]
            ):
                # "... came to 4.1 trillion yuan. An increase of 6.3%": a verbless
                # follow-up is about what the previous figure measured
                claim["measure"], claim["subject"] = previous[1]["measure"], previous[1]["subject"]
            elif (
                refers_back
                and previous is not None
                and previous[1]["measure"]
                and not _crossed(breaks, previous[0].start_char, anchor.start_char)
            ):
                # "These goods made up 9 percent of imports": the goods measured just before
                claim["measure"], claim["subject"] = previous[1]["measure"], previous[1]["subject"]
                claim["rule"] += "+claims.refers_back"
            elif (not claim["measure"] or self._statistic_only(claim["measure"])) and (
                antecedent := binder.antecedent(anchor)
            ) is not None:
                # "They returned to a positive increase of 7%": what "they" are
                claim["measure"], claim["rule"] = antecedent, claim["rule"] + "+claims.pronoun"
            elif (
                previous is not None
                and previous[1]["measure"]
                and self._statistic_only(claim["measure"])
                and not _crossed(breaks, previous[0].start_char, anchor.start_char)
            ):
                # "The number was up 24.2 percent", "an annual average of ...": a word for the
                # statistic is not what is measured; it refers back to the figure before
                claim["measure"], claim["subject"] = previous[1]["measure"], previous[1]["subject"]
                claim["rule"] += "+claims.statistic_word"
                if previous[1]["kind"] == "rate" and claim["kind"] == "level":
                    claim["kind"] = "rate"  # "an annual average of N tons, with a value of X"
            previous = (anchor, dict(claim))
            bound.append(previous)
            bound_starts.append(anchor.start_char)
            claim.pop("period_span")
            claim["period"] = ref(period)
            claim["speaker"] = ref(speakers.at(anchor.root))
            claims.append(claim)
        state(doc)["claims"] = claims
        return doc

    def _statistic_only(self, measure: str | None) -> bool:
        """Whether a measure is only words for a statistic ("the number", "annual average")."""
        words = _WORDS.findall((measure or "").lower())
        return bool(words) and all(
            w in self.statistic_words or w in _STOP or w in ("of", "on", "a", "an") for w in words
        )


class _Binder:
    """The parse-walking part of claim binding, for one Doc."""

    def __init__(
        self,
        ctx: DocContext,
        cues: ClaimCues,
        anchors: list[Span],
        speech_verbs: set[str],
        scales: dict[str, float],
    ):
        self.doc = doc = ctx.doc
        self.scales = scales  # scale words of lexicons/scales.tsv, not part of a counted noun
        self.ctx = ctx
        # verbs whose date is when something was said or published, not what it dates
        self.release_verbs = cues.release_verbs | speech_verbs
        self.cues = cues
        self.mentions = ctx.mentions
        self.anchors = anchors
        self.segments = ctx.segments
        self.anchor_starts = [a.start_char for a in anchors]
        # a figureless sentence's date that governs the figures after it (carry_breaks)
        self.lead_dates: dict[int, Span] = {}
        # the figures by characters and by tokens, and the prepositions they hang from
        self.anchor_index = SpanIndex(anchors)
        self.in_figure = bytearray(len(doc))
        self.figure_preps: set[int] = set()
        # per segment: its dates outside a comparison's baseline phrase (see _segment_dates)
        self._segment_dates_at: dict[int, list[Span]] = {}
        self._baselines: dict[int, list[tuple[int, int]]] = {}  # segment start → its bases
        self._date_calls: dict[tuple[int, int], bool | Token] = {}
        self._baseline_dates: dict[tuple[int, int], bool] = {}
        # per release verb (by its date): the tokens of its objects; per verb: stated as current
        self._released: dict[tuple[int, int], set[int]] = {}
        self._currents: dict[int, bool] = {}
        self._zones: dict[int, list[tuple[int, int]]] = {}  # per verb: see _clause_zones
        for a in anchors:
            self.in_figure[a.start : a.end] = b"\x01" * (a.end - a.start)
            head = a.root.head
            self.figure_preps.add(head.i)
            if head.dep_ in ("pobj", "nummod"):
                self.figure_preps.add(head.head.i)

    def segment_of(self, span: Span) -> Span:
        segment = self.ctx.segment_at(span.start_char)
        return span.sent if segment is None else segment

    def figures_in(self, segment: Span) -> list[Span]:
        """The figures starting inside a segment, in text order."""
        lo = bisect_left(self.anchor_starts, segment.start_char)
        hi = bisect_left(self.anchor_starts, segment.end_char)
        return self.anchors[lo:hi]

    def figure_at(self, start: int, end: int) -> bool:
        """Whether a figure shares a character with [start, end)."""
        return bool(self.anchor_index.overlapping(start, end))

    def antecedent(self, anchor: Span) -> str | None:
        """What a pronoun subject of the figure's clause stands for.

        The previous sentence's subject: "Machinery exports fell. They returned to growth of 7%".
        """
        verb = clause_verb(anchor.root)
        while (
            verb is not None
            and not any(c.dep_ in _SUBJECTS for c in verb.children)
            and verb.dep_ in ("conj", "xcomp", "advcl")
            and verb.head.i != verb.i
        ):
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None) if verb else None
        if subject is None or subject.lower_ not in ("it", "they"):
            return None
        k = self.ctx.segment_index(anchor.start_char)
        if k < 1:
            return None
        before = self.segments[k - 1]
        head = next((c for c in before.root.children if c.dep_ in _SUBJECTS), None)
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._phrase(head)

    def carry_breaks(self, speakers: Speakers) -> list[int]:
        """Sorted positions where a carried period stops (ANNOTATION.md §7).

        A heading line, a transcript turn, and a sentence without figures that names a date of
        its own ("This year, the authority will ...") each end the passage a period governs.
        """
        text = text_of(self.doc)
        breaks = []
        previous = None
        for turn in speakers.turns:  # a transcript turn of another speaker
            if not LABEL_LINE.match(text, int(turn[0])):
                continue  # reported speech ("..., according to X") goes on with the report
            who = speakers.canonical(turn[2])
            if who != previous:
                breaks.append(int(turn[0]))
            previous = who
        starts = self.anchor_starts
        for segment in self.segments:
            start, end = segment.start_char, segment.end_char
            k = bisect_right(starts, start - 1)
            figures = k < len(starts) and starts[k] < end
            line = text[segment.start_char : segment.end_char]
            if not figures and _whole_line(text, segment) and heading_line(line):
                breaks.append(start)
            elif not figures and any(t.pos_ in ("VERB", "AUX") for t in segment):
                dates = [
                    d
                    for d in self.mentions.dates_in(start, end)
                    if not self.not_a_period(d)
                    and not _BASELINE_BEFORE.search(text, max(0, d.start_char - 40), d.start_char)
                ]
                if dates:
                    breaks.append(start)
                    lead = next((d for d in dates if self._leads(d, segment)), None)
                    if lead is not None:
                        self.lead_dates[start] = lead
        return sorted(breaks)

    def segment_baselines(self, segment: Span) -> list[tuple[int, int]]:
        """Where a segment's comparison bases are ("from 2017", "than last year"), once each."""
        baselines = self._baselines.get(segment.start_char)
        if baselines is None:
            segment_text = self.ctx.text_at(segment)
            baselines = self._baselines[segment.start_char] = [
                (segment.start_char + m.start("base"), segment.start_char + m.end("base"))
                for p in self.cues.comparisons
                for m in p.finditer(segment_text)
            ]
        return baselines

    def _leads(self, date: Span, segment: Span) -> bool:
        """Whether a figureless sentence's date dates the figures that follow it.

        "Port trade in the first half held steady. The details are below." does (a
        list under a dated lead sentence, ANNOTATION.md §7). Plans ("This year, customs will
        ...", a pledge's deadline) and a cut-off ("By May, China had met its target") turn
        the passage and date nothing after them.
        """
        if any(t.dep_ == "aux" and t.lower_ in self.cues.unreal_modals for t in segment):
            return False
        if self.ctx.index(COMMITMENTS).overlapping(date.start_char, date.end_char):
            return False
        if any(
            s < date.end_char and date.start_char < e for s, e in self.segment_baselines(segment)
        ):
            return False  # "cutting clearance time by half from 2017": a baseline
        before = text_of(self.doc)[max(segment.start_char, date.start_char - 12) : date.start_char]
        return _CUTOFF_BEFORE.search(before) is None

    def not_a_period(self, date: Span, anchor: Span | None = None) -> bool:
        """Dates that never date a figure: datelines, release dates, years inside names."""
        key = (date.start_char, date.end_char)
        call = self._date_calls.get(key)
        if call is None:  # what the date's own words say, worked out once per date
            call = self._date_calls[key] = self._date_call(date)
        if not isinstance(call, Token):
            return call
        # "data showed on Friday": the release date, unless the figure is what was released
        if anchor is None:
            return True
        released = self._released.get(key)
        if released is None:  # what the verb's objects hold, gathered once per date
            released = self._released[key] = {
                t.i for c in call.children if c.dep_ == "dobj" for t in c.subtree
            }
        return anchor.root.i not in released

    def _date_call(self, date: Span) -> bool | Token:
        """Whether a date can date a figure: True never, False it may.

        A date on a release verb gives that verb: whether it dates depends on the figure.
        """
        text = text_of(self.doc)
        line_start = text.rfind("\n", 0, date.start_char) + 1
        if _DATELINE_BEFORE.fullmatch(text[line_start : date.start_char]) and _DATELINE_AFTER.match(
            text, date.end_char
        ):
            return True  # "BEIJING, May 9 (Xinhua) --"
        if _HEADER_LABEL.fullmatch(text[line_start : date.start_char]):
            return True  # "date 2031-04-02 ...", "Published: May 9, 2031": the page's date
        if any(
            n.start_char <= date.start_char
            and date.end_char <= n.end_char
            and n.end_char - n.start_char > date.end_char - date.start_char
            for n in self.mentions.names_in(date.start_char, date.end_char)
        ):
            return True  # "the Clean Port 2030 campaign"
        opening = text.rfind("“", line_start, date.start_char)
        opening = max(opening, text.rfind('"', line_start, date.start_char))
        closing = _QUOTE_CLOSING.match(text[date.end_char : date.end_char + 42])
        if (
            opening >= 0
            and closing is not None
            and not _QUOTE_MARK.search(text[opening + 1 : date.start_char])
            and _CAPITALISED.search(text[opening + 1 : date.start_char])
        ):
            return True  # a year inside a quoted name: “Blue Sky 2030”
        verb = clause_verb(date.root)
        if verb is None or verb.lemma_.lower() not in self.release_verbs:
            return False
        return verb

    def forecast(self, anchor: Span) -> bool:
        """Whether a figure is an estimate or forecast ("estimate of 20.8 percent")."""
        root = anchor.root
        heads = (
            [root.head, root.head.head]
            if root.head.dep_ == "prep" or root.dep_ == "pobj"
            else [root.head]
        )
        following = self.doc[anchor.end] if anchor.end < len(self.doc) else None
        words = [t.lemma_.lower() for t in heads] + (
            [following.lemma_.lower()] if following is not None else []
        )
        return any(w in self.cues.forecast for w in words)

    def not_a_fact(self, anchor: Span) -> bool:
        """Whether a figure states no fact (ANNOTATION.md §7).

        Targets, forecasts, thresholds ("sales of 50 million yuan or more") and hypotheticals
        ("would stretch 3,000 km") are mentions but get no claim.
        """
        after = text_of(self.doc)[anchor.end_char : anchor.end_char + 20]
        if _THRESHOLD.match(after):
            return True
        # up from the figure to the first verb outside an xcomp chain (walked lazily)
        for node in itertools.chain((anchor.root,), anchor.root.ancestors):
            if node.pos_ not in ("VERB", "AUX"):
                continue
            children = list(node.children)  # read twice below: made once
            if any(c.dep_ == "aux" and c.lower_ in self.cues.unreal_modals for c in children):
                # "By 2030, trade will reach X" in a text of 2031 reports what happened
                return not self._dated_in_the_past(anchor)
            if node.lemma_.lower() in self.cues.aim_words:
                return True
            if any(
                c.dep_ in _SUBJECTS and c.lemma_.lower() in self.cues.aim_words for c in children
            ):
                return True  # "The goal is to cut clearance time by 20 percent"
            head = node.head
            if (
                node.dep_ in ("xcomp", "ccomp", "advcl")
                and head.i != node.i
                and (
                    head.lemma_.lower() in self.cues.aim_words
                    or any(
                        c.dep_ in _SUBJECTS and c.lemma_.lower() in self.cues.aim_words
                        for c in head.children
                    )
                )
            ):
                return True  # "expect exports to grow 5 percent"
            if node.dep_ != "xcomp":
                break  # the figure's own clause decides; a clause beside it does not
        return False

    def _dated_in_the_past(self, anchor: Span) -> bool:
        """Whether the figure's sentence names a period that ended before publication."""
        published = state(self.doc).get("published_used")
        if not published:
            return False
        segment = self.segment_of(anchor)
        for date in self.mentions.dates_in(segment.start_char, segment.end_char):
            value = str((span_attrs(date) or {}).get("value") or "")
            end = value.split("/")[-1]  # "2029", "2029-06" or "2029-06-30": its last day
            last_day = {4: f"{end}-12-31", 7: f"{end}-31", 10: end}.get(len(end))
            if last_day is not None and last_day < published:
                return True
        return False

    def bind(self, anchor: Span) -> dict[str, Any]:
        """One claim record for an anchor (period still a Span under "period_span")."""
        segment = self.segment_of(anchor)
        text = text_of(self.doc)
        k = bisect_left(self.anchor_starts, anchor.start_char)
        earlier = self.anchors[k - 1] if k > 0 else None
        later = self.anchors[k + 1] if k + 1 < len(self.anchors) else None
        prev_end = (
            earlier.end_char
            if earlier is not None
            and earlier.start_char >= segment.start_char
            and earlier.end_char <= anchor.start_char
            else segment.start_char
        )
        next_start = (
            later.start_char
            if later is not None and later.start_char < segment.end_char
            else segment.end_char
        )
        before, after = text[prev_end : anchor.start_char], text[anchor.end_char : next_start]
        if _LIST_GAP.fullmatch(after):
            # "4.2, 0.8 and 1.3 percentage points higher than X": the items of a list share
            # what follows its last figure
            after = self._list_tail(anchor, segment) or after
        path, verb = self._climb(anchor)
        kind, direction, rule = self._kind(anchor, path, verb, before, after)
        measure_tok = self._measure_token(anchor, path, verb)
        if rule == "claims.share_of":
            # no "account for" names a whole: the share measures the part that "of" names
            measure_tok = next(
                (
                    g
                    for c in anchor.root.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                measure_tok,
            )
        reached = self._level_reached(path, measure_tok)
        if reached is not None:
            measure_tok = reached  # "exports saw a 6% increase to X": X is what exports reached
        measure = self._respectively(anchor, segment, measure_tok)
        if measure is None:
            measure = self._respectively_by_text(anchor, segment)
        counted = (
            anchor.label_ == "QUANTITY"
            and str((span_attrs(anchor) or {}).get("unit", "")).lower()
            not in self.cues.measurement_units | self.cues.multiple_units
        )
        if counted:
            counted_as = _counted_noun(anchor, self.scales)
            if counted_as is not None:  # "26 million declarations per day"
                measure = counted_as + self._telling_modifiers(anchor)
        if measure is None:
            measure = self._worth(anchor)
        if measure is None and measure_tok is not None:
            measure = self._phrase(measure_tok)
        fallback = measure is None and verb is None  # a verbless fragment
        if measure is None:
            measure = self._nearest_noun(anchor, segment)
        if measure_tok is not None and kind in ("level",) and not counted and reached is None:
            growth = self._growth_noun(measure_tok)
            if growth is not None:
                # "The growth of trade ... reached RMB2.1 trillion": the figure is a change
                kind, direction, rule = "change", self.cues.direction[growth], "claims.growth_noun"
                target = next(
                    (
                        c
                        for p in measure_tok.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for c in p.children
                        if c.dep_ == "pobj"
                    ),
                    None,
                )
                if target is not None:
                    measure = self._phrase(target) or measure
        subject = self._subject(measure, measure_tok)
        if kind == "share":
            whole = self._share_whole(anchor, verb)
            if whole is not None:  # "By origin, Peru accounted for 38% of zinc ore imports"
                measure, subject = whole
        item = self._per_item(anchor, before, after)
        if item is not None:  # "grew, by 27% for heat pumps and 14% for scooters"
            measure = item
        named = self._named_before_updown(anchor)
        if named is not None and kind in ("change", "level"):
            measure = named  # "with imports up 6 percent and exports up 14 percent"
        if counted and measure_tok is not None:
            counting = self._counting_word(anchor)
            if counting is not None:  # "610 million pieces of parcel post"
                measure = counting
        if (
            kind == "level"
            and anchor.label_ == "PERCENT"
            and measure_tok is not None
            and measure_tok.lemma_.lower() in self.cues.share_nouns
        ):
            kind, rule = "share", "claims.share_noun"  # "the share of X rose to 55 percent"
        if "respectively" in self.ctx.text_at(segment) and kind in ("change", "multiple"):
            # "rose by a, b and c respectively over 2015": the baseline follows the list
            after = text[anchor.end_char : segment.end_char]
        comparison = self._comparison(after, before) if kind in ("change", "multiple") else None
        period = self._period(anchor, path, verb, measure_tok, segment, comparison)
        return {
            "anchor": ref(anchor),
            "measure": measure,
            "kind": kind,
            "direction": direction if kind == "change" else None,
            "period_span": period,
            "comparison": comparison,
            "subject": subject,
            "rule": rule,
            "fallback": fallback,
            "refers_back": not counted and self._refers_back(anchor, measure_tok, before),
            "follow_up": kind in ("change", "multiple") and self._follows_up(anchor, before),
            "current": self._current(verb),
            "present": _present(verb or clause_verb(anchor.root)),
        }

    def _telling_modifiers(self, anchor: Span) -> str:
        """What tells a count apart: "cases against the smuggling of grain" (ANNOTATION.md §7).

        The prepositional and participial phrases and an infinitive ("measures to support
        exporters") right after the counted noun, up to a comma, a date or another figure.
        """
        root = anchor.root
        end = anchor.end_char
        for child in sorted(root.children, key=lambda t: t.i):
            if child.i < anchor.end or not (
                child.dep_ in ("prep", "acl")
                or _infinitival_relative(child)
                or (child.dep_ == "amod" and any(c.dep_ == "prep" for c in child.children))
            ):
                continue  # an adjective after the noun with its own phrase: "ports open to X"
            if self.doc[child.i - 1].text in (",", "(") or child.lower_ in (
                "in",
                "during",
                "since",
                "by",
                "at",
                "for",
                "to",
                "with",
                "including",
                "such",
                "as",
                "than",
                "over",
                "under",
                "per",
                "a",
                "each",
                "every",
            ):
                break
            start, stop = child.left_edge.idx, right_edge(child)
            if _infinitival_relative(child):
                # the infinitive's own words: up to a comma or the end of the line
                cut = re.search(r",|\n", self.ctx.text[start:stop])
                stop = start + cut.start() if cut else stop
            if self.mentions.dates_in(start, stop) or self.figure_at(start, stop):
                break
            end = stop
        return text_of(self.doc)[anchor.end_char : end].rstrip(" ,")

    def _list_tail(self, anchor: Span, segment: Span) -> str | None:
        """The words after the last figure of the list a figure opens or continues."""
        text = text_of(self.doc)
        figures = self.figures_in(segment)
        k = bisect_left(self.anchor_starts, anchor.start_char) - bisect_left(
            self.anchor_starts, segment.start_char
        )
        if not 0 <= k < len(figures) or figures[k].start_char != anchor.start_char:
            return None
        last = k
        closed = False  # a list ends with "and" before its last item: "a, b and c"
        while (
            not closed
            and last + 1 < len(figures)
            and figures[last + 1].label_ == anchor.label_
            and _LIST_GAP.fullmatch(
                gap := text[figures[last].end_char : figures[last + 1].start_char]
            )
        ):
            last += 1
            closed = "and" in gap
        if last == k or not closed:
            return None
        end = figures[last + 1].start_char if last + 1 < len(figures) else segment.end_char
        return text[figures[last].end_char : end]

    def _respectively_by_text(self, anchor: Span, segment: Span) -> str | None:
        """ "A and B of X registered growth of a and b respectively" when the parse has no verb.

        The items are read off the words before the first figure: as many coordinated noun
        phrases as there are figures of the anchor's kind in its "respectively" group (a
        sentence may hold two: "rose a, b and c respectively, which were d, e and f points
        higher"; the second group lists the same items). Leading adverbs and time phrases
        ("Specifically, in June,") are not items; "imports of A, B and C" measures the imports
        of each (the items are parties).
        """
        segment_text = self.ctx.text_at(segment)
        if "respectively" not in segment_text:
            return None
        ends = [segment.start_char + m.end() for m in _RESPECTIVELY.finditer(segment_text)]
        same = [a for a in self.figures_in(segment) if a.label_ == anchor.label_]
        groups: list[list[Span]] = []
        lo = segment.start_char
        for end in ends:
            group = [a for a in same if lo <= a.start_char < end]
            if group:
                groups.append(group)
            lo = end
        group = next((g for g in groups if anchor in g), None)
        if group is None or len(group) < 2:
            return None
        first = groups[0]
        words: list[Token] = []
        for token in self.doc[segment.start : first[0].start]:
            if (
                token.tag_ in ("VBD", "VBZ", "VBP", "VBN", "MD")
                and token.lower_ not in ("registered",)
                or token.lower_
                in ("registered", "saw", "posted", "grew", "rose", "fell", "recorded")
            ):
                break
            words.append(token)
        if not words:
            return None
        text = text_of(self.doc)[words[0].idx : words[-1].idx + len(words[-1])]
        chunks = [c.strip() for c in text.split(",")]
        while chunks and _LEADING_ADJUNCT.fullmatch(chunks[0]):
            chunks = chunks[1:]  # "Specifically", "in June", "In the first half"
        text = ", ".join(chunks)
        head, of, partners = text.partition(" of ")
        listing = partners if of and len(_items(partners)) == len(group) else text
        items = _items(listing)
        if len(items) != len(group):
            return None
        if listing is partners:
            return _LEADING_DET.sub("", head) or None
        item = _LEADING_DET.sub("", items[group.index(anchor)])
        return item or None

    def _share_whole(self, anchor: Span, verb: Token | None) -> tuple[str, str | None] | None:
        """The whole a party's share is of: measure "zinc ore imports", subject "Peru"."""
        of = next(
            (
                g
                for c in anchor.root.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            ),
            None,
        )
        subject = (
            next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if verb is not None
            else None
        )
        if of is None or subject is None:
            return None
        party = self.mentions.name_at(subject)
        if party is None or party.label_ not in ("GPE", "ORG", "LOC"):
            return None
        phrase = self._phrase(of)
        if phrase is None:
            return None
        return phrase, (span_attrs(party) or {}).get("canonical") or party.text

    def _named_before_updown(self, anchor: Span) -> str | None:
        """The noun right before "up"/"down" (and "by") that opens a figure: "imports up 17.7%".

        Wire copy lists changes as "<noun> up/down X" without a verb; the parse of such
        absolute phrases varies, the words do not.
        """
        i = anchor.start - 1
        if i >= 1 and self.doc[i].lower_ == "to":
            # "imports down by 6.2% to 1.25 trillion yuan": the level of the same thing
            before = self.anchor_index.overlapping(self.doc[i - 1].idx, self.doc[i - 1].idx + 1)
            return self._named_before_updown(before[0]) if before else None
        if i >= 0 and self.doc[i].lower_ == "by":
            i -= 1
        if i < 1 or self.doc[i].lower_ not in ("up", "down"):
            return None
        noun = self.doc[i - 1]
        if not (noun.pos_ in ("NOUN", "PROPN") or noun.lower_ in self.cues.trade_words):
            return None
        if self.in_figure[noun.i] or self.mentions.dates_in(noun.idx, noun.idx + len(noun)):
            return None
        top = noun
        if (
            noun.i >= 2
            and self.doc[noun.i - 1].lower_ in ("with", "to", "from")
            and self.doc[noun.i - 2].pos_ == "NOUN"
        ):
            top = self.doc[noun.i - 2]  # "trade with ASEAN up 9.6 percent": the trade
        start = min(top.left_edge, top, key=lambda t: t.i)
        if any(t.is_punct or self.in_figure[t.i] for t in self.doc[start.i : noun.i]):
            start = noun  # only the noun's own modifiers, never across a comma or a figure
        while start.i < noun.i and start.dep_ == "det":
            start = self.doc[start.i + 1]
        return text_of(self.doc)[start.idx : noun.idx + len(noun)]

    def _per_item(self, anchor: Span, before: str, after: str) -> str | None:
        """The item a figure of a breakdown is given for: "by 27% for heat pumps"."""
        if not _FOR_ITEM.match(after) or not _ITEM_LEAD.search(before):
            return None
        i = anchor.end + 1
        if i >= len(self.doc) or self.mentions.dates_in(self.doc[i].idx, self.doc[i].idx + 1):
            return None
        words: list[Token] = []
        while i < len(self.doc) and (
            self.doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "DET")
            or self.doc[i].text == "-"
            or self.doc[i].tag_ == "HYPH"
        ):
            words.append(self.doc[i])
            i += 1
        while words and words[0].pos_ == "DET":
            words = words[1:]
        if (
            not words
            or words[-1].pos_ not in ("NOUN", "PROPN")
            or words[-1].lemma_.lower()
            in ("year", "period", "month", "quarter", "time", "first", "whole")
        ):
            return None
        return text_of(self.doc)[words[0].idx : words[-1].idx + len(words[-1])]

    def _counting_word(self, anchor: Span) -> str | None:
        """What a counting word counts: "610 million pieces of parcel post" → "parcel post"."""
        last = anchor[-1]
        if last.lemma_.lower() not in self.cues.counting_words:
            return None
        of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        return self._phrase(target) if target is not None else None

    def _refers_back(self, anchor: Span, measure_tok: Token | None, before: str) -> bool:
        """Whether the measure is named before the figure, not in its own phrase.

        "These goods made up ..."; "involving 2 billion yuan" after a count of cases is the
        value of what was just counted.
        """
        if measure_tok is not None and any(
            c.dep_ in ("det", "amod", "predet") and c.lower_ in ("these", "those", "such")
            for c in measure_tok.children
        ):
            return True
        after = text_of(self.doc)[anchor.end_char : anchor.end_char + 40]
        if anchor.label_ == "QUANTITY" and _THE_FIGURE_AFTER.match(after):
            return True  # "..., about 3 times the amount in 2029": of the figure just given
        return anchor.label_ == "MONEY" and _INVOLVING_BEFORE.search(before) is not None

    def _follows_up(self, anchor: Span, before: str) -> bool:
        """ ", up 2.4 percent" / ", 2.3 times the figure of ...": the change of the figure before.

        Releases state a level and then, after a comma and with no verb of its own, how it
        changed; the change measures what the level measured.
        """
        if not any(p.search(before) for p in self.cues.follow_up):
            return False
        start = anchor.start_char - len(before)
        if start <= self.segment_of(anchor).start_char:
            return False  # no figure before it in the sentence
        span = self.doc.char_span(start, anchor.start_char, alignment_mode="expand")
        return span is not None and not any(
            t.tag_ in ("VBD", "VBZ", "VBP") or t.lower_ in ("while", "whereas") for t in span
        )

    def _current(self, verb: Token | None) -> bool:
        """Whether a figure is stated as current, so no earlier reporting period dates it.

        "Currently, the region accounts for over 60%", "now has 11 million users", "has become
        the top buyer for over 40 economies". Worked out once per verb: figures share verbs.
        """
        if verb is None:
            return False
        current = self._currents.get(verb.i)
        if current is None:
            current = self._currents[verb.i] = self._stated_as_current(verb)
        return current

    def _stated_as_current(self, verb: Token) -> bool:
        node: Token | None = verb
        for _ in range(4):
            if node is None:
                return False
            for child in node.children:
                if child.dep_ in ("advmod", "npadvmod", "prep") and (
                    child.lower_ in self.cues.current_adverbs
                    or " ".join(t.lower_ for t in child.subtree) in self.cues.current_adverbs
                ):
                    return True
            if node.lemma_.lower() in self.cues.state_verbs and (
                node.tag_ in ("VBZ", "VBP")
                or any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in node.children)
            ):
                return True
            if node.dep_ not in ("xcomp", "acomp", "advcl", "conj") or _own_clause(node):
                return False
            node = node.head
        return False

    def _worth(self, anchor: Span) -> str | None:
        """ "export orders worth HK$3.6 billion": the noun phrase right before "worth"."""
        i = anchor.start - 1
        while i >= 0 and (
            self.doc[i].like_num is False
            and self.doc[i].lower_
            in ("about", "around", "nearly", "over", "some", "roughly", "almost")
        ):
            i -= 1
        if i < 1 or self.doc[i].lower_ != "worth":
            return None
        words: list[Token] = []
        j = i - 1
        while j >= 0 and (
            self.doc[j].pos_ in ("NOUN", "PROPN", "ADJ")
            or self.doc[j].text == "-"
            or (j + 1 < i and self.doc[j + 1].text == "-")
        ):
            words.insert(0, self.doc[j])
            j -= 1
        if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
            return None
        return text_of(self.doc)[words[0].idx : words[-1].idx + len(words[-1])]

    # -- structure -------------------------------------------------------------

    def _climb(self, anchor: Span) -> tuple[list[Token], Token | None]:
        """Tokens from the number up to the verb that governs it (None when none does)."""
        path: list[Token] = []
        token = anchor.root
        for _ in range(8):
            path.append(token)
            if token.pos_ in ("VERB", "AUX") and not _within(token, anchor):
                return path, token
            if token.head.i == token.i or token.dep_ not in _CLIMB:
                if token.pos_ in ("VERB", "AUX"):
                    return path, token
                return path, None
            token = token.head
        return path, None

    def _kind(
        self, anchor: Span, path: list[Token], verb: Token | None, before: str, after: str
    ) -> tuple[str, str | None, str]:
        attrs = span_attrs(anchor) or {}
        unit = str(attrs.get("unit", "")).lower()
        if anchor.label_ == "QUANTITY" and unit in self.cues.multiple_units:
            return "multiple", None, "claims.multiple_unit"
        if any(p.search(after) for p in self.cues.rate_after) or any(
            p.search(before) for p in self.cues.rate_before
        ):
            return "rate", None, "claims.rate"
        if anchor.label_ != "QUANTITY" and (
            any(p.search(before[-60:]) for p in self.cues.share) or _OF_TOTAL.match(after)
        ):
            return "share", None, "claims.share_cue"
        comparative = _COMPARATIVE_THAN.match(after)
        if comparative and comparative.group(1).lower() in self.cues.comparative:
            # "3.2 hours shorter than the same period of 2024"
            word = comparative.group(1).lower()
            return "change", self.cues.comparative[word], f"claims.comparative.{word}"
        if anchor.label_ == "PERCENT" and any(p.match(after) for p in self.cues.share_after):
            # "5,800 firms, about 70% of which are private": a part of what was just named,
            # whatever change the sentence reports
            return "share", None, "claims.share_after"
        change = self._change_word(anchor, path, verb, before)
        if (
            change is not None
            and anchor.label_ == "QUANTITY"
            and unit not in self.cues.measurement_units
            and not _BY_BEFORE.search(before)
        ):
            change = None  # "expanded to 25 cities in 17 provinces" counts places
        if change is not None:
            return "change", self.cues.direction[change], f"claims.change.{change}"
        if anchor.label_ == "QUANTITY":
            if unit in self.cues.measurement_units:
                return "level", None, "claims.measurement_unit"
            return "count", None, "claims.count"
        if anchor.label_ == "PERCENT" and _YEAR_ON_YEAR_AFTER.match(after):
            return "change", "up", "claims.change.year_on_year"
        if anchor.label_ == "PERCENT" and _OF_WORD_AFTER.match(after):
            # "about 40 percent of imported ore was released": a part of what "of" names
            return "share", None, "claims.share_of"
        return "level", None, "claims.level"

    def _change_word(
        self, anchor: Span, path: list[Token], verb: Token | None, before: str
    ) -> str | None:
        """The change word governing the number: "rose 5%", "increase of 39.4%", "up 5%"."""
        for token in path[1:]:
            if token.dep_ == "prep" and token.lower_ in ("to", "at", "from"):
                return None  # "rose 5% to 3.2 trillion yuan", "up from 32.6 billion": levels
            lemma = token.lemma_.lower()
            if not _within(token, anchor) and lemma in self.cues.direction:
                return lemma
        for child in anchor.root.head.children if anchor.root.head.i != anchor.root.i else []:
            if (
                child.i > anchor.end - 1
                and child.lemma_.lower() in self.cues.direction
                and (child.pos_ == "NOUN")
            ):
                if any(t.like_num for t in child.subtree if t.i > child.i):
                    break  # "reached 9 million tons, an increase of 3.5%": that change is its own
                return child.lemma_.lower()
        words = _WORDS.findall(before.lower())
        tail = [
            w
            for w in words[-3:]
            if w not in ("by", "of", "nearly", "about", "over", "more", "than", "around", "a")
        ]
        if tail and tail[-1] in self.cues.direction:
            return tail[-1]
        following = anchor.end < len(self.doc) and self.doc[anchor.end]
        if (
            following
            and following.lemma_.lower() in self.cues.direction
            and following.pos_ in ("NOUN",)
        ):
            return following.lemma_.lower()  # "a 6.7-percent increase"
        opening = text_of(self.doc)[max(0, anchor.start_char - 2) : anchor.start_char]
        bracketed = opening.strip() == "("
        if anchor.label_ == "PERCENT" and (verb is None or bracketed):
            # "(11.6 percent)" after an item in a sentence about increases
            sent_words = {t.lemma_.lower() for t in anchor.sent if t.i < anchor.start}
            hits = [w for w in sent_words if w in self.cues.direction]
            return hits[0] if hits else None
        return None

    def _measure_token(self, anchor: Span, path: list[Token], verb: Token | None) -> Token | None:
        """The head noun of what is measured."""
        of = next(
            (
                g
                for c in anchor.root.children
                if c.dep_ == "prep" and c.lower_ == "of" and c.i >= anchor.end
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            ),
            None,
        )
        if of is not None and anchor.label_ != "PERCENT":
            return of  # "5.2 billion tons of goods"; "60% of X" names the whole instead
        head = anchor.root.head
        if (
            anchor.root.dep_ in ("compound", "amod", "nmod", "nummod")
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in self.cues.direction
        ):
            # "5-percent growth in China's foreign trade", "a 6.7 percent increase in exports"
            target = next(
                (
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ in ("in", "of")
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if target is not None:
                return target
        if (
            anchor.root.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.pos_ == "NOUN"
            and head.head.lemma_.lower()
            not in self.cues.container | self.cues.statistic | set(self.cues.direction)
            and not self.in_figure[head.head.i]
        ):
            return head.head  # "a trade surplus of RMB 1.22 trillion", "purchases of 8.1 billion"
        if verb is not None and any(t.dep_ == "prep" for t in path) and anchor.root.dep_ != "dobj":
            # "cut the inspection time from 40 to 15 minutes", "shorten the review to 3-5
            # days": the figure says where the verb's object went, so the object is measured
            obj = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "dobj"
                    and c.pos_ in ("NOUN", "PROPN")
                    and not self.in_figure[c.i]
                    and c.lemma_.lower() not in self.cues.direction  # "..., a decrease of 5%"
                    and c.lemma_.lower() not in self.cues.extreme  # "hit a record high of X"
                ),
                None,
            )
            if obj is not None and self.mentions.name_at(obj) is None:
                return obj
        if (
            anchor.root.dep_ in ("appos", "npadvmod", "dep")
            and head.pos_ in ("NOUN", "PROPN")
            and not self.in_figure[head.i]
            and head.lemma_.lower() not in ("year", "month", "percent", "time")
        ):
            return head  # "exports of X (11.6 percent)": the figure hangs on its item
        node = verb
        for _ in range(5):
            if node is None:
                return None
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is not None:
                name = self.mentions.name_at(subject)
                if (
                    name is not None
                    and subject.dep_ != "nsubjpass"
                    and not any(
                        c.dep_ in ("compound", "amod") and self.mentions.name_at(c) is None
                        for c in subject.children
                    )
                ):
                    return None  # a party ("ASEAN remained ...") is the subject, not the measure
                return subject
            if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
                if self.in_figure[node.head.i] and node.head.head.pos_ in ("VERB", "AUX"):
                    # "was 4 trillion yuan, accounting for 15.6 percent": the share is of what
                    # the figure it hangs on measures
                    node = node.head.head
                    continue
                noun = node.head
                if (
                    noun.dep_ == "pobj"
                    and noun.head.lower_ in ("between", "among", "from", "to", "with")
                    and noun.head.head.pos_ == "NOUN"
                ):
                    # "trade between the two sides totaling X": the parse hangs the verb on
                    # the partners; what totals X is the noun they modify
                    noun = noun.head.head
                return noun  # "bilateral trade reaching 3.92 trillion yuan"
            if node.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp") and node.head.i != node.i:
                node = node.head
                continue
            return None
        return None

    def _level_reached(self, path: list[Token], measure_tok: Token | None) -> Token | None:
        """The subject whose level a figure after "a <change> to" states, else None.

        "Imports saw a 4% decrease to 2.3 trillion yuan", "exports registered a rise of 6% to
        X": the figure hangs on the change noun through "to", so it is the level reached, and
        what reached it is the subject of the verb that has the change as its object.
        """
        if measure_tok is None or self._growth_noun(measure_tok) is None:
            return None
        if not any(
            t.dep_ == "prep" and t.lower_ == "to" and t.head.i == measure_tok.i for t in path
        ):
            return None
        verb = measure_tok.head if measure_tok.dep_ == "dobj" else None
        subject = (
            next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if verb is not None
            else None
        )
        if (
            subject is None
            or subject.pos_ not in ("NOUN", "PROPN")
            or self.mentions.name_at(subject)
        ):
            return None
        return subject

    def _growth_noun(self, token: Token) -> str | None:
        """A measure that is itself a change: "growth", "increase", "growth rate"."""
        lemma = token.lemma_.lower()
        if lemma in self.cues.direction:
            return lemma
        if lemma == "rate":
            for child in token.children:
                lemma = child.lemma_.lower()
                if child.dep_ in ("compound", "amod") and lemma in self.cues.direction:
                    return lemma
        return None

    def _respectively(self, anchor: Span, segment: Span, measure_tok: Token | None) -> str | None:
        """The i-th item for the i-th figure: "X, Y and Z rose a, b and c times respectively"."""
        if "respectively" not in self.ctx.text_at(segment) or measure_tok is None:
            return None
        listed = [a for a in self.figures_in(segment) if a.label_ == anchor.label_]
        if len(listed) < 2:
            return None
        group = None
        for token in measure_tok.subtree:
            members = [token, *_conj_chain(token)]
            if len(members) == len(listed) and token.pos_ in ("NOUN", "PROPN"):
                group = members
                break
        if group is None:
            return None
        chosen = group[listed.index(anchor)]

        def own(member: Token) -> set[int]:
            nested = {t.i for c in _conj_chain(member) for t in c.subtree}
            return {t.i for t in member.subtree if t.dep_ not in ("cc", "punct")} - nested

        keep = own(chosen)
        drop: set[int] = set()
        for member in group:
            drop |= {t.i for t in member.subtree} - keep
        words = [t for t in self._phrase_tokens(measure_tok) if t.i not in drop]
        words = sorted(set(words) | {t for t in chosen.subtree if t.i in keep}, key=lambda t: t.i)
        while words and (words[0].dep_ == "det" or words[0].lower_ in _STOP):
            words = words[1:]
        return " ".join(t.text for t in words) or None

    def _phrase(self, head: Token) -> str | None:
        """Shortest noun phrase around a head noun: no dates, figures, clauses, appositions."""
        if head.lower_ in _STOP or head.pos_ == "PRON":
            return None
        taken = self._phrase_tokens(head)
        words = [t for t in taken if not t.is_space]
        while words and (
            words[0].dep_ in ("det", "prep", "cc", "punct") or words[0].lower_ in _STOP
        ):
            words = words[1:]
        while words and (words[-1].dep_ in ("prep", "cc", "punct", "det", "case")):
            words = words[:-1]
        if not words:
            return None
        text = text_of(self.doc)[words[0].idx : words[-1].idx + len(words[-1])]
        return _SPACES.sub(" ", text.strip(' "“”(),'))

    def _phrase_tokens(self, head: Token) -> list[Token]:
        keep: list[Token] = []

        def visit(token: Token) -> None:
            keep.append(token)
            for child in token.children:
                if child.dep_ in _DROP_CHILDREN:
                    continue
                if child.dep_ == "acl" and (token.i == head.i or self._holds_figure(child)):
                    continue  # "bilateral trade reaching 3.92 trillion yuan"
                if child.dep_ == "advmod" and self._holds_figure(child):
                    continue  # a headline's "China's foreign trade up 5%"
                if child.dep_ == "prep" and self._blocked(child):
                    continue
                visit(child)

        visit(head)
        keep.sort(key=lambda t: t.i)
        # keep the contiguous run around the head
        run = [head]
        by_i = {t.i: t for t in keep}
        i = head.i - 1
        while i in by_i:
            run.insert(0, by_i[i])
            i -= 1
        i = head.i + 1
        while i in by_i:
            run.append(by_i[i])
            i += 1
        return run

    def _holds_figure(self, token: Token) -> bool:
        start, end = token.left_edge.idx, right_edge(token)
        return self.figure_at(start, end)

    def _blocked(self, prep: Token) -> bool:
        """A prepositional phrase that dates, quantifies or compares is not the measure."""
        if prep.lower_ in (
            "in",
            "during",
            "since",
            "from",
            "by",
            "than",
            "over",
            "to",
            "at",
            "for",
            "compared",
            "as",
            "such",
            "under",
        ):
            start, end = prep.left_edge.idx, right_edge(prep)
            if self.mentions.dates_in(start, end) or self.figure_at(start, end):
                return True
            return prep.lower_ in ("since", "than", "compared", "such", "as", "during")
        # "the review of applications to 3-5 days": only the phrase holding the figure goes
        return prep.i in self.figure_preps

    def _nearest_noun(self, anchor: Span, segment: Span) -> str | None:
        """Fallback: the closest noun chunk before the figure in its sentence."""
        best = None
        try:
            chunks = context(segment.doc).noun_chunks_in(segment.start, segment.end)
        except (ValueError, NotImplementedError):
            return None
        for chunk in chunks:
            if chunk.end_char > anchor.start_char:
                break
            if chunk.root.pos_ == "PRON" or self.mentions.dates_in(
                chunk.start_char, chunk.end_char
            ):
                continue
            if self.figure_at(chunk.start_char, chunk.end_char):
                continue
            best = chunk
        if best is None:
            return None
        return self._phrase(best.root)

    # -- period, comparison, subject ----------------------------------------------

    def _comparison(self, after: str, before: str) -> str | None:
        for window in (after, before):
            for pattern in self.cues.comparisons:
                match = pattern.search(window)
                if match:
                    return match.group("base").strip()
        return None

    def _period(
        self,
        anchor: Span,
        path: list[Token],
        verb: Token | None,
        measure_tok: Token | None,
        segment: Span,
        comparison: str | None,
    ) -> Span | None:
        """The DATE that dates the figure: on its clause, else earlier in its sentence."""
        dates = [
            d
            for d in self._segment_dates(segment)
            if not self._is_baseline(d, comparison) and not self.not_a_period(d, anchor)
        ]
        if not dates:
            return None
        chosen = self._dated_by(anchor, path, verb, measure_tok, dates)
        if chosen is None:
            # No clause dates the figure: a date later in the sentence does when no finite
            # verb of another clause stands between ("... respectively in the first half").
            later = [d for d in dates if d.start_char >= anchor.end_char]
            if later and not any(
                t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in self.doc[anchor.end : later[0].start]
            ):
                chosen = later[0]
        if chosen is not None:
            # "over the 16th Five-Year Plan years (2031 to 2035)": the bracket restates
            k = dates.index(chosen)
            text = text_of(self.doc)
            gap = text[dates[k - 1].end_char : chosen.start_char] if k > 0 else ""
            if k > 0 and _OPENING_BRACKET.fullmatch(gap):
                chosen = dates[k - 1]
        return chosen

    def _segment_dates(self, segment: Span) -> list[Span]:
        """A segment's DATEs, in text order, less those inside a comparison's baseline phrase.

        Found once per segment, for all its figures.
        """
        found = self._segment_dates_at.get(segment.start_char)
        if found is None:
            baselines = self.segment_baselines(segment)
            found = self._segment_dates_at[segment.start_char] = [
                d
                for d in self.mentions.dates_in(segment.start_char, segment.end_char)
                if not any(s < d.end_char and d.start_char < e for s, e in baselines)
            ]
        return found

    def _dated_by(
        self,
        anchor: Span,
        path: list[Token],
        verb: Token | None,
        measure_tok: Token | None,
        dates: list[Span],
    ) -> Span | None:
        """The DATE of the figure's own clause, else the nearest earlier one in its clause."""
        if verb is None:
            # "A total of 3,260 cases were handled last year": the figure sits in the subject
            verb = clause_verb(anchor.root)
        if verb is not None and verb.dep_ == "conj":
            # a date on the figure's own verb ("... and came to 3.3 million tons in the first
            # half") wins over one its coordinated verbs share
            mine = [
                d
                for d in dates
                if not (anchor.start_char <= d.start_char < anchor.end_char)
                and any(
                    c.dep_ in ("prep", "npadvmod")
                    and c.left_edge.idx <= d.start_char < right_edge(c)
                    for c in verb.children
                )
            ]
            if mine:
                ahead = [d for d in mine if d.end_char <= anchor.start_char]
                return ahead[-1] if ahead else mine[0]
        zones = list(self._clause_zones(verb))
        if measure_tok is not None:
            zones.append((measure_tok.left_edge.idx, right_edge(measure_tok)))
        scope = anchor.root.head if anchor.root.dep_ == "pobj" else anchor.root
        own = [
            d
            for d in dates
            if scope.left_edge.idx <= d.start_char < right_edge(scope)
            and not (anchor.start_char <= d.start_char < anchor.end_char)
        ]
        if own:
            return own[0]  # "the $51.53 billion in June"
        governing = [d for d in dates if any(s <= d.start_char < e for s, e in zones)]
        if governing:
            ahead = [d for d in governing if d.end_char <= anchor.start_char]
            return ahead[-1] if ahead else governing[0]
        earlier = [d for d in dates if d.end_char <= anchor.start_char]
        top = _clause_top(verb)
        if top is not None:
            # "introduced a line in April that cut the time from 40 to 15 minutes": a date
            # outside the figure's own clause dates another event
            earlier = [d for d in earlier if top.left_edge.idx <= d.start_char < right_edge(top)]
        return earlier[-1] if earlier else None

    def _clause_zones(self, verb: Token | None) -> list[tuple[int, int]]:
        """Char ranges of the phrases on a verb's clause, up through the clauses it continues.

        Worked out once per verb: the figures of a clause share it.
        """
        key = -1 if verb is None else verb.i
        zones = self._zones.get(key)
        if zones is not None:
            return zones
        zones = self._zones[key] = []
        node = verb
        for _ in range(4):
            if node is None:
                break
            for child in node.children:
                if child.dep_ in (
                    "prep",
                    "npadvmod",
                    "advmod",
                    "pobj",
                    "advcl",
                    "nsubj",
                    "nsubjpass",
                    "dobj",
                ):
                    zones.append((child.left_edge.idx, right_edge(child)))
            if node.dep_ not in ("conj", "xcomp", "advcl", "acl", "relcl", "ccomp") or _own_clause(
                node
            ):
                break
            node = node.head
        return zones

    def _is_baseline(self, date: Span, comparison: str | None) -> bool:
        """A DATE that is the comparison baseline ("over 2012") or a start ("since 2012")."""
        key = (date.start_char, date.end_char)
        own = self._baseline_dates.get(key)
        if own is None:  # what the words before the date say, worked out once per date
            own = self._baseline_dates[key] = self._baseline_by_words(date)
        date_text = self.ctx.text[date.start_char : date.end_char]
        return own or (bool(comparison) and comparison in date_text)

    def _baseline_by_words(self, date: Span) -> bool:
        """ "since 2012" (not fronted), "than / compared with / versus 2012", "over 2012"."""
        text = text_of(self.doc)
        before = text[max(0, date.start_char - 20) : date.start_char].lower()
        if _SINCE_BEFORE.search(before) and not text[
            self.segment_of(date).start_char : date.start_char
        ].strip().lower().startswith("since"):
            return True  # "up 5% since 2012"; a fronted "Since early 2030," dates the clause
        if _THAN_BEFORE.search(before):
            return True
        date_text = text[date.start_char : date.end_char]
        return _OVER_BEFORE.search(before) is not None and date_text[:1].isdigit()

    def _subject(self, measure: str | None, head: Token | None) -> str | None:
        """The party a figure is about: a named possessor, else China for trade figures."""
        lower = (measure or "").lower()
        for alias, canonical in self.cues.subject_alias.items():
            if alias in lower and re.search(rf"\b{re.escape(alias)}", lower):
                return canonical
        if head is not None:
            for token in head.subtree:
                if token.dep_ == "poss":
                    name = self.mentions.name_at(token)
                    if name is not None and name.label_ in ("GPE", "ORG"):
                        return (span_attrs(name) or {}).get("canonical") or name.text
        words = set(_WORDS.findall(lower))
        if words & self.cues.trade_words:
            return self.cues.default_subject
        return None


# The fixed regexes the binder runs per figure, compiled once (``re.match(str, ...)`` looks
# its pattern up in re's cache on every call).
_WORDS = re.compile(r"[a-z]+")
_SPACES = re.compile(r"\s+")
_QUOTE_CLOSING = re.compile(r"[^“”\"\n]{0,40}[”\"]")
_QUOTE_MARK = re.compile(r"[”\"]")
_CAPITALISED = re.compile(r"\b[A-Z]")
_FOR_ITEM = re.compile(r"\s+for\s+\w")
_ITEM_LEAD = re.compile(r"(?:\bby|,|\band)\s*$")
_THE_FIGURE_AFTER = re.compile(
    r"\s+(?:the|that)\s+(?:amount|figure|level|volume|number|total|value)\b"
)
_INVOLVING_BEFORE = re.compile(
    r"\binvolv\w*\s+(?:(?:a|the)\s+(?:total\s+)?(?:value|amount|sum)\s+of\s+)?"
    r"(?:about|around|nearly|over|more than|some)?\s*$",
    re.I,
)
_OF_TOTAL = re.compile(r"\s*of (?:the |its |China's )?total\b", re.I)
_COMPARATIVE_THAN = re.compile(r"\s*([a-z]+)\s+(?:than|over)\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s*$")
_YEAR_ON_YEAR_AFTER = re.compile(r"\s*,?\s*year[- ]on[- ]year", re.I)
_OF_WORD_AFTER = re.compile(r"\s+of\s+\w")
_OPENING_BRACKET = re.compile(r"\s*[(（]\s*")
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+\s+){0,2}$")
_THAN_BEFORE = re.compile(r"\b(?:than|compared (?:with|to)|versus)\s+(?:the\s+)?$")
_OVER_BEFORE = re.compile(r"\bover\s+$")
_CONVERSION_GAP = re.compile(
    r"\s*[(（,]\s*(?:or\s+|about\s+|around\s+|roughly\s+|some\s+|nearly\s+|"
    r"approximately\s+|equivalent to\s+|US)?"
)

# A page's own date label: "date 2031-04-02", "Updated: May 9, 2031".
_HEADER_LABEL = re.compile(r"(?i)\s*(?:date|updated|published|posted|release date|time)\s*:?\s*")

# "50 million yuan or more": a threshold, not a figure that happened.
_THRESHOLD = re.compile(r"\s+(?:or|and)\s+(?:more|above|over|less|below|under|higher|lower)\b")

# "BEIJING, May 9 (Xinhua) --": a dateline's place before its date, the agency and dash after.
_DATELINE_BEFORE = re.compile(r"\s*(?:[A-Z][A-Za-z .'’-]{1,40},|\([A-Za-z .]{1,30}\))\s*")
_DATELINE_AFTER = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|—|–|-\s)")


def _whole_line(text: str, segment: Span) -> bool:
    """Whether a segment is a line of its own."""
    start, end = segment.start_char, segment.end_char
    return (start == 0 or text[start - 1] == "\n") and (end >= len(text) or text[end] == "\n")


def _present(verb: Token | None) -> bool:
    """Whether a clause is in the present or present perfect ("has linked 30 agencies").

    Such a figure states where things stand now, so a reporting period carried from earlier
    sentences does not date it.
    """
    if verb is None:
        return False
    node = verb
    while node.dep_ in ("ccomp", "xcomp", "conj", "advcl") and node.head.i != node.i:
        node = node.head  # "saw their exports grow": the governing verb sets the tense
        if node.tag_ == "VBD" or any(
            c.tag_ in ("VBD", "MD") for c in node.children if c.dep_ in ("aux", "auxpass")
        ):
            return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.tag_ == "VBD" for a in auxes):
        return False
    if verb.lower_ == "being":
        return True  # "with it being a partner of 150 countries"
    if any(a.lower_ in ("has", "have") for a in auxes):
        return True
    return verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def _crossed(breaks: list[int], start: int, end: int) -> bool:
    """Whether a carry-stopping position lies in (start, end]."""
    k = bisect_right(breaks, start)
    return k < len(breaks) and breaks[k] <= end


def _last_crossed(breaks: list[int], start: int, end: int) -> int | None:
    """The last carry-stopping position in (start, end], if any."""
    k = bisect_right(breaks, end) - 1
    return breaks[k] if k >= 0 and breaks[k] > start else None


def _respective_level(
    segment: Span, earlier: list[dict[str, Any]], claim: dict[str, Any]
) -> dict[str, Any] | None:
    """The level claim a change pairs with in a "..., respectively" sentence, by position."""
    if (
        claim["kind"] not in ("change", "multiple")
        or "respectively" not in text_of(segment.doc)[segment.start_char : segment.end_char]
    ):
        return None
    levels = [c for c in earlier if c["kind"] in ("level", "count") and c["measure"]]
    index = sum(1 for c in earlier if c["kind"] == claim["kind"])
    if len(levels) < 2 or index >= len(levels):
        return None
    return levels[index]


def _own_clause(verb: Token) -> bool:
    """Whether a clause stands on its own: a relative clause, or a conjunct with a subject."""
    return verb.dep_ == "relcl" or (
        verb.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in verb.children)
    )


def _clause_top(verb: Token | None) -> Token | None:
    """The highest verb of the clause a figure sits in, below any clause boundary."""
    node = verb
    for _ in range(8):
        if node is None or node.head.i == node.i or _own_clause(node):
            return node
        node = node.head
    return node


def _within(token: Token, span: Span) -> bool:
    """``token in span`` by index (a Span has no ``__contains__``: ``in`` walks its tokens)."""
    return span.start <= token.i < span.end


def _inside(anchor: Span, head: Token) -> bool:
    """Whether a figure sits inside the phrase another figure heads."""
    return head.left_edge.idx <= anchor.start_char and anchor.end_char <= right_edge(head)


def _conj_chain(token: Token) -> list[Token]:
    """Coordinated items after a token, whether attached to it or chained."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conj_chain(child))
    return out


def _conversion(text: str, first: Span, second: Span) -> bool:
    """Whether a figure is a bracketed conversion of the one before it (another currency)."""
    if (
        first.label_ != "MONEY"
        or second.label_ != "MONEY"
        or (span_attrs(first) or {}).get("unit") == (span_attrs(second) or {}).get("unit")
    ):
        return False
    gap = text[first.end_char : second.start_char]
    return _CONVERSION_GAP.fullmatch(gap) is not None


COMMITMENTS = "textfacts_commitments"  # the pledges found before claims (their dates are deadlines)
# "By May, China had met its target": a cut-off, not a period for what follows
_CUTOFF_BEFORE = re.compile(r"\b(?:by|before|until|till)\s+(?:the\s+)?(?:end\s+of\s+)?\Z", re.I)
# "a low base from the first half of last year": a baseline date, never a period
_BASELINE_BEFORE = re.compile(r"\b(?:base|basis|baseline)\s+(?:from|of|in|for)\s+(?:the\s+)?\Z")


_RESPECTIVELY = re.compile(r"\brespectively\b")
_LEADING_DET = re.compile(r"^(?:the|its|their)\s+", re.I)
# What stands between two figures of one list: "4.2, 0.8 and 1.3 percentage points"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)\s*")
# A sentence's opening adverb or time phrase, never an item of its list.
_LEADING_ADJUNCT = re.compile(r"(?:[A-Za-z]+ly|(?:in|during|from|for|over|by)\s+[^,]+)", re.I)


def _items(text: str) -> list[str]:
    """The coordinated items of "A, B and C"."""
    return [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if i.strip()]


def _aside(text: str, period: Span) -> bool:
    """ "In October alone": a sub-period singled out within the period being reported."""
    return re.match(r"\s+alone\b", text[period.end_char : period.end_char + 8]) is not None


def _infinitival_relative(token: Token) -> bool:
    """ "12 measures to support exporters": an infinitive that says which ones are counted."""
    return token.dep_ == "relcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _counted_noun(anchor: Span, scales: dict[str, float]) -> str | None:
    """The counted noun of a count: "130 representatives" → "representatives"."""
    words = [
        t for t in anchor if not (t.like_num or t.lower_ in scales or t.is_punct or t.text == "+")
    ]
    if not words:
        return None
    return text_of(anchor.doc)[words[0].idx : anchor.end_char].strip()


@Language.factory(
    "textfacts_claims",
    default_config={"data_dir": None},
    requires=["doc.spans", "token.dep"],
    assigns=["doc._.textfacts_state"],
)
def make_claims(nlp: Language, name: str, data_dir: str | None) -> Claims:
    """Factory for the claims component."""
    return Claims(nlp, name, data_dir)
