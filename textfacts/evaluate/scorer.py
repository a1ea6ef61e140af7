"""Score predicted Documents against gold Documents exactly as ANNOTATION.md §5 says.

Mentions pair per label by overlap (strict / overlap / value), commitments by half-overlap,
claims through their anchors. Scores are kept as additive Counts per document, so that any
aggregate (per label, per layer, micro) is a sum. No spaCy here: the scorer reads JSON records.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textfacts.evaluate.measure import bigram_measure_ok, is_chinese
from textfacts.evaluate.metrics import Accuracy, Counts, pooled, prf
from textfacts.evaluate.pairing import half_overlap, pair_spans
from textfacts.schema import ALL_LABELS, NAME_LABELS, NUMBER_LABELS, VALUE_LABELS, Document

MODES = ("strict", "overlap", "value")
# The claim fields that decide whether a paired claim is correct (§5 v1.1: direction counts for
# a change); the others are reported.
CLAIM_DECIDES = ("anchor_value", "kind", "period", "measure", "direction")
# Field accuracies §5 asks for, over claims whose anchor was found (direction: over gold changes).
CLAIM_FIELDS = ("kind", "period", "measure", "direction")
REL_TOL = 1e-6
# Extensions a prediction's doc_id may carry ("h01.txt" and "h01" name the same document, §1).
DOC_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
# Function words ignored when comparing claim measures; measures are noun phrases, so
# determiners, prepositions and conjunctions carry no meaning of their own there.
STOPWORDS = frozenset(
    "a an the of and or in on at to for from by with between among its their his her our "
    "this that these those as into over than per".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)


# --- values ----------------------------------------------------------------------------------


def normalise_doc_id(doc_id: str) -> str:
    """Document key without a file extension: "h01.txt" → "h01"."""
    for suffix in DOC_SUFFIXES:
        if doc_id.lower().endswith(suffix):
            return doc_id[: -len(suffix)]
    return doc_id


def _point_range(value: str) -> tuple[date, date] | None:
    value = value.strip()
    if m := _YEAR.match(value):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _QUARTER.match(value):
        year, first = int(m[1]), 3 * int(m[2]) - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    if m := _HALF.match(value):
        year, first = int(m[1]), 6 * int(m[2]) - 5
        return date(year, first, 1), date(year, first + 5, calendar.monthrange(year, first + 5)[1])
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, date.fromisocalendar(int(m[1]), int(m[2]), 7)
    return None


def day_range(value: str | None) -> tuple[date, date] | None:
    """First and last day an ISO date or interval covers: "2021/2025" → 2021-01-01..2025-12-31."""
    if not value:
        return None
    try:
        if "/" in value:
            first, last = value.split("/", 1)
            start, end = _point_range(first), _point_range(last)
            return (start[0], end[1]) if start and end else None
        return _point_range(value)
    except ValueError:  # month 13, day 32, week 60: not a date
        return None


def dates_equal(gold: str | None, pred: str | None) -> bool:
    """DATE values agree when they cover the same days ("2026" == "2026-01-01/2026-12-31").

    null equals only null; a value neither side can read is compared as written.
    """
    if gold is None or pred is None:
        return gold is None and pred is None
    gold_range, pred_range = day_range(gold), day_range(pred)
    if gold_range is None or pred_range is None:
        return gold.strip() == pred.strip()
    return gold_range == pred_range


def close(gold: float | None, pred: float | None) -> bool:
    """Numbers agree within a relative error of 1e-6 (None only matches None)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return gold == pred or abs(gold - pred) <= REL_TOL * max(abs(gold), abs(pred))


def _unit(value: Any) -> str:
    return " ".join(str(value or "").lower().split())


def value_ok(gold: Any, pred: Any) -> bool:
    """A paired number mention counts under `value` when value, value_max and unit agree."""
    if gold.label == "DATE":
        return dates_equal(gold.value, pred.value)
    return (
        _unit(gold.unit) == _unit(pred.unit)
        and close(gold.value, pred.value)
        and close(gold.value_max, pred.value_max)
    )


def same_name(gold: str | None, pred: str | None) -> bool:
    """Names agree ignoring case and spacing (canonical names, actors, roles, subjects)."""
    return _unit(gold) == _unit(pred)


def content_words(phrase: str | None) -> list[str]:
    """Lowercase words of a phrase without stopwords and punctuation."""
    return [w for w in _WORD.findall((phrase or "").lower()) if w not in STOPWORDS]


def measure_ok(gold: str | None, pred: str | None) -> bool:
    """The predicted measure holds at least half of the gold measure's content words.

    A measure written in Chinese is compared by character bigrams instead (ANNOTATION-zh.md).
    """
    if is_chinese(gold):
        return bigram_measure_ok(gold, pred)
    wanted = set(content_words(gold))
    if not wanted:
        return not content_words(pred)
    return len(wanted & set(content_words(pred))) >= 0.5 * len(wanted)


def comparison_ok(gold: str | None, pred: str | None) -> bool:
    """Baselines agree word for word, ignoring case and punctuation ("year-on-year")."""
    return _WORD.findall((gold or "").lower()) == _WORD.findall((pred or "").lower())


# --- per-document scoring --------------------------------------------------------------------


@dataclass
class ErrorItem:
    """One scoring error, with enough context to see why: a miss, a spurious item, a wrong field."""

    doc_id: str
    label: str
    kind: str  # FP, FN, SPAN, VALUE, BOUND, CANON, ROLE, or a commitment/claim field name
    start: int
    end: int
    text: str
    gold: dict[str, Any] | None = None
    pred: dict[str, Any] | None = None
    note: str = ""


@dataclass
class DocScore:
    """Additive tallies of one document: Counts by "LABEL.mode", Accuracies by "what.field"."""

    doc_id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    ungrounded: int = 0

    def tick(self, key: str, ok: bool) -> None:
        """Add one checked pair to an accuracy."""
        self.accuracies[key] = self.accuracies.get(key, Accuracy()) + Accuracy(int(ok), 1)


# Scored fields are shown even when null (a DATE with value None is the error to see).
_SHOWN_NULL = ("value", "canonical", "role", "deadline", "actor", "speaker", "period", "measure")


_REFS = ("anchor", "period", "speaker", "org")


def _attrs(item: Any, by_id: dict[str, Any]) -> dict[str, Any]:
    """Attributes of an item for the error listing; references show their mention's text."""
    dump = item.model_dump(exclude={"id", "start", "end", "text"})
    shown = {k: v for k, v in dump.items() if v is not None or k in _SHOWN_NULL}
    for key in _REFS:
        target = by_id.get(shown.get(key) or "")
        if target is not None:
            shown[key] = f"{target.id}:{target.text}"
    return shown


def _counts(tp: int, n_gold: int, n_pred: int) -> Counts:
    return Counts(tp, n_pred - tp, n_gold - tp)


class _DocScorer:
    """Scores one gold/prediction pair; keeps the mention pairs that commitments and claims use."""

    def __init__(self, gold: Document, pred: Document):
        self.gold, self.pred = gold, pred
        self.score = DocScore(normalise_doc_id(gold.doc_id))
        self.pred_of: dict[str, Any] = {}  # gold mention id → paired predicted mention
        self.gold_by_id = {m.id: m for m in gold.mentions}
        self.pred_by_id = {m.id: m for m in pred.mentions}

    def error(
        self, label: str, kind: str, span: Any, gold: Any = None, pred: Any = None, note: str = ""
    ) -> None:
        self.score.errors.append(
            ErrorItem(
                self.score.doc_id,
                label,
                kind,
                span.start,
                span.end,
                span.text,
                _attrs(gold, self.gold_by_id) if gold is not None else None,
                _attrs(pred, self.pred_by_id) if pred is not None else None,
                note,
            )
        )

    def run(self) -> DocScore:
        text = self.gold.text or ""
        self.score.ungrounded = sum(
            1
            for m in [*self.pred.mentions, *self.pred.commitments]
            if text[m.start : m.end] != m.text
        )
        for label in ALL_LABELS:
            self.mentions(label)
        self.commitments()
        self.claims()
        return self.score

    def mentions(self, label: str) -> None:
        gold = [m for m in self.gold.mentions if m.label == label]
        pred = [m for m in self.pred.mentions if m.label == label]
        pairs = [
            (gold[g], pred[p])
            for g, p in pair_spans(
                [(m.start, m.end) for m in gold], [(m.start, m.end) for m in pred]
            )
        ]
        s = self.score
        strict = sum(g.start == p.start and g.end == p.end for g, p in pairs)
        s.counts[f"{label}.strict"] = _counts(strict, len(gold), len(pred))
        s.counts[f"{label}.overlap"] = _counts(len(pairs), len(gold), len(pred))
        paired_gold = {id(g) for g, _ in pairs}
        paired_pred = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in paired_gold:
                self.error(label, "FN", g, gold=g)
        for p in pred:
            if id(p) not in paired_pred:
                self.error(label, "FP", p, pred=p)
        good_values = 0
        for g, p in pairs:
            self.pred_of[g.id] = p
            if (g.start, g.end) != (p.start, p.end):
                self.error(label, "SPAN", p, g, p, note=f"gold span {g.text!r}")
            if label in NUMBER_LABELS:
                ok = value_ok(g, p)
                good_values += ok
                s.tick(f"{label}.value", ok)
                if not ok:
                    self.error(label, "VALUE", p, g, p, note=f"gold span {g.text!r}")
                # §5: bound accuracy over value-paired MONEY, PERCENT and QUANTITY mentions
                # (a bound on a wrong number says nothing about the qualifier reading).
                if label in VALUE_LABELS and ok:
                    s.tick(f"{label}.bound", g.bound == p.bound)
                    if g.bound != p.bound:
                        self.error(label, "BOUND", p, g, p, note=f"{p.bound} != gold {g.bound}")
            else:
                s.tick(f"{label}.canonical", same_name(g.canonical, p.canonical))
                if not same_name(g.canonical, p.canonical):
                    self.error(
                        label, "CANON", p, g, p, note=f"{p.canonical!r} != gold {g.canonical!r}"
                    )
            if label == "PERSON" and g.role is not None:
                s.tick("PERSON.role", same_name(g.role, p.role))
                if not same_name(g.role, p.role):
                    self.error(label, "ROLE", p, g, p, note=f"{p.role!r} != gold {g.role!r}")
        if label in NUMBER_LABELS:
            s.counts[f"{label}.value"] = _counts(good_values, len(gold), len(pred))

    def speaker_ok(self, gold_ref: str | None, pred_ref: str | None) -> bool:
        """Speakers agree when both are null, or their PERSON mentions pair or share a name."""
        if gold_ref is None or pred_ref is None:
            return gold_ref is None and pred_ref is None
        g, p = self.gold_by_id.get(gold_ref), self.pred_by_id.get(pred_ref)
        if g is None or p is None:
            return False
        if self.pred_of.get(g.id) is p:
            return True
        return same_name(g.canonical or g.text, p.canonical or p.text)

    def commitments(self) -> None:
        gold, pred = self.gold.commitments, self.pred.commitments
        pairs = pair_spans(
            [(c.start, c.end) for c in gold], [(c.start, c.end) for c in pred], half_overlap
        )
        s = self.score
        s.counts["commitments"] = _counts(len(pairs), len(gold), len(pred))
        paired_gold, paired_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        for i, g in enumerate(gold):
            if i not in paired_gold:
                self.error("COMMITMENT", "FN", g, gold=g)
        for i, p in enumerate(pred):
            if i not in paired_pred:
                self.error("COMMITMENT", "FP", p, pred=p)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            checks = {
                "deadline": dates_equal(g.deadline, p.deadline),
                "actor": same_name(g.actor, p.actor),
                "speaker": self.speaker_ok(g.speaker, p.speaker),
                "modality": g.modality == p.modality,
            }
            for name, ok in checks.items():
                s.tick(f"commitments.{name}", ok)
            wrong = [name for name, ok in checks.items() if not ok]
            if wrong:
                self.error("COMMITMENT", "FIELD", p, g, p, note="wrong " + ", ".join(wrong))

    def claims(self) -> None:
        gold, pred = self.gold.claims, self.pred.claims
        s = self.score
        used: set[int] = set()
        correct = paired = 0
        for g in gold:
            anchor = self.pred_of.get(g.anchor)
            candidates = [
                i
                for i, p in enumerate(pred)
                if i not in used and anchor is not None and p.anchor == anchor.id
            ]
            gold_anchor = self.gold_by_id[g.anchor]
            if not candidates:
                self.error("CLAIM", "FN", gold_anchor, gold=g)
                continue
            # Several claims on one anchor: take the one that agrees on most fields.
            checked = [(self.claim_checks(g, pred[i]), i) for i in candidates]
            checks, best = max(checked, key=lambda item: (sum(item[0].values()), -item[1]))
            used.add(best)
            paired += 1
            for name, ok in checks.items():
                if name != "direction" or g.kind == "change":
                    s.tick(f"claims.{name}", ok)
            wrong = [k for k in CLAIM_DECIDES if not checks[k]]
            if not wrong:
                correct += 1
            else:
                other = [k for k, ok in checks.items() if not ok and k not in CLAIM_DECIDES]
                note = "incorrect: " + ", ".join(wrong)
                note += f" (also differs: {', '.join(other)})" if other else ""
                self.error("CLAIM", "FIELD", anchor, g, pred[best], note=note)
        for i, p in enumerate(pred):
            if i not in used:
                self.error("CLAIM", "FP", self.pred_by_id[p.anchor], pred=p)
        s.counts["claims"] = _counts(correct, len(gold), len(pred))
        s.accuracies["claims.pair_rate"] = Accuracy(paired, len(gold))

    def claim_checks(self, g: Any, p: Any) -> dict[str, bool]:
        """Field-by-field agreement of a paired claim (CLAIM_DECIDES decide correctness)."""
        gold_anchor, pred_anchor = self.gold_by_id[g.anchor], self.pred_by_id[p.anchor]
        if g.period is None or p.period is None:
            period = g.period is None and p.period is None
        else:
            gold_period, pred_period = self.gold_by_id[g.period], self.pred_by_id[p.period]
            period = self.pred_of.get(gold_period.id) is pred_period and value_ok(
                gold_period, pred_period
            )
        return {
            "anchor_value": value_ok(gold_anchor, pred_anchor),
            "kind": g.kind == p.kind,
            "period": period,
            "measure": measure_ok(g.measure, p.measure),
            # Direction is the claim's only for a change (§4); other kinds carry null.
            "direction": g.direction == p.direction if g.kind == "change" else True,
            "comparison": comparison_ok(g.comparison, p.comparison),
            "subject": same_name(g.subject, p.subject),
            "speaker": self.speaker_ok(g.speaker, p.speaker),
        }


def score_document(gold: Document, pred: Document) -> DocScore:
    """Tallies of one predicted document against its gold document."""
    return _DocScorer(gold, pred).run()


# --- corpus scoring --------------------------------------------------------------------------


@dataclass
class Scores:
    """Per-document tallies of a whole gold set, plus which documents did not line up."""

    docs: list[DocScore]
    missing: list[str] = field(default_factory=list)  # gold documents with no prediction
    extra: list[str] = field(default_factory=list)  # predictions with no gold document

    def counts(self, key: str) -> Counts:
        """Tally of one key summed over documents."""
        return pooled(d.counts.get(key, Counts()) for d in self.docs)

    def accuracy(self, *keys: str) -> Accuracy:
        """Accuracy of one or more keys pooled over documents."""
        total = Accuracy()
        for doc in self.docs:
            for key in keys:
                total = total + doc.accuracies.get(key, Accuracy())
        return total

    @property
    def errors(self) -> list[ErrorItem]:
        """All errors, in document order."""
        return [e for d in self.docs for e in d.errors]

    def figures(self) -> dict[str, float | None]:
        """Flat spaCy-style figures: money_value_f, mentions_overlap_f, claims_f ..."""
        out: dict[str, float | None] = {}
        for label in ALL_LABELS:
            for mode in MODES if label in NUMBER_LABELS else MODES[:2]:
                out.update(prf(f"{label.lower()}_{mode}", self.counts(f"{label}.{mode}")))
        layers = {"numbers": NUMBER_LABELS, "names": NAME_LABELS, "mentions": ALL_LABELS}
        for layer, labels in layers.items():
            for mode in MODES[:2]:
                total = pooled(self.counts(f"{lb}.{mode}") for lb in labels)
                out.update(prf(f"{layer}_{mode}", total))
        numbers_value = pooled(self.counts(f"{lb}.value") for lb in NUMBER_LABELS)
        out.update(prf("numbers_value", numbers_value))
        out.update(prf("mentions_value", numbers_value))  # only the number layer has values
        for label in NUMBER_LABELS:
            out[f"{label.lower()}_value_acc"] = self.accuracy(f"{label}.value").acc
        for label in VALUE_LABELS:
            out[f"{label.lower()}_bound_acc"] = self.accuracy(f"{label}.bound").acc
        out["numbers_bound_acc"] = self.accuracy(*(f"{lb}.bound" for lb in VALUE_LABELS)).acc
        for label in NAME_LABELS:
            out[f"{label.lower()}_canonical_acc"] = self.accuracy(f"{label}.canonical").acc
        out["names_canonical_acc"] = self.accuracy(*(f"{lb}.canonical" for lb in NAME_LABELS)).acc
        out["person_role_acc"] = self.accuracy("PERSON.role").acc
        out.update(prf("commitments", self.counts("commitments")))
        for name in ("deadline", "actor", "speaker", "modality"):
            out[f"commitments_{name}_acc"] = self.accuracy(f"commitments.{name}").acc
        out.update(prf("claims", self.counts("claims")))
        out["claims_pair_rate"] = self.accuracy("claims.pair_rate").acc
        for name in (
            "anchor_value",
            "kind",
            "period",
            "measure",
            "direction",
            "comparison",
            "subject",
            "speaker",
        ):
            out[f"claims_{name}_acc"] = self.accuracy(f"claims.{name}").acc
        return out


def score(gold: Iterable[Document], pred: Iterable[Document]) -> Scores:
    """Score predictions against gold; documents pair by doc_id without extension.

    A gold document with no prediction counts as predicted empty (all misses); a prediction
    with no gold document is listed in `extra` and not scored.
    """
    predictions: dict[str, Document] = {}
    for document in pred:
        predictions[normalise_doc_id(document.doc_id)] = document
    docs, missing, seen = [], [], set()
    for document in gold:
        key = normalise_doc_id(document.doc_id)
        if key in seen:
            raise ValueError(f"gold document {key!r} appears twice")
        seen.add(key)
        if key not in predictions:
            missing.append(key)
        docs.append(score_document(document, predictions.get(key, Document(doc_id=key))))
    extra = sorted(set(predictions) - seen)
    return Scores(docs, missing, extra)
