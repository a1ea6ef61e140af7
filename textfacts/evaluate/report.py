"""The evaluation report: what was scored against what, the figures, and how to read them.

A Report is plain JSON (committed under evaluation/reports/), so that a later run can be
compared with it (`compare`) and any saved report can be printed again (`render_table`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from textfacts.evaluate.scorer import ErrorItem, Scores
from textfacts.schema import ALL_LABELS, NAME_LABELS, NUMBER_LABELS

# The figures the CI gate watches (issue #3): a drop of any of them beyond the tolerance fails.
HEADLINE = (
    "mentions_value_f",
    "names_overlap_f",
    "money_value_f",
    "percent_value_f",
    "quantity_value_f",
    "date_value_f",
    "person_overlap_f",
    "org_overlap_f",
    "commitments_f",
    "claims_f",
)
CONTEXT = 60
# Figures given per document class (wire release, transcript, policy notice): real releases
# differ by form, and a rule that fits wire copy can fail on transcripts.
CLASS_FIGURES = (
    "commitments_p",
    "commitments_r",
    "commitments_f",
    "claims_p",
    "claims_r",
    "claims_f",
    "claims_kind_acc",
    "claims_period_acc",
    "claims_measure_acc",
    "claims_direction_acc",
)
UNCLASSIFIED = "(unclassified)"


class Report(BaseModel):
    """One scoring run: the system, the gold set (with checksum), headline and flat figures."""

    system: str = Field(description="model name-version, or the predictions file scored")
    model_version: str | None = None
    git_commit: str | None = None
    git_dirty: bool | None = None
    gold: list[str] = Field(description="gold names or paths as given (seeds, dev, ...)")
    gold_files: list[str] = Field(default_factory=list)
    gold_sha256: str = Field(description="sha256 of the gold files' bytes, in order")
    n_docs: int
    timestamp: str
    headline: dict[str, float | None]
    figures: dict[str, float | None]
    counts: dict[str, list[int]] = Field(
        default_factory=dict, description="[tp, fp, fn] per key (LABEL.mode, commitments, claims)"
    )
    accuracies: dict[str, list[int]] = Field(
        default_factory=dict, description="[correct, total] per key (claims.period, PERCENT.bound)"
    )
    per_class: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="per document class: docs, gold commitments/claims and CLASS_FIGURES",
    )
    per_document: dict[str, dict[str, list[int]]] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list, description="gold docs with no prediction")
    extra: list[str] = Field(default_factory=list, description="predictions with no gold doc")
    failed: dict[str, str] = Field(
        default_factory=dict, description="docs the model failed on (scored as empty): error"
    )


class Delta(BaseModel):
    """Change of one headline figure against a baseline report."""

    key: str
    baseline: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        """Current minus baseline (a figure that disappeared counts as 0)."""
        if self.baseline is None:
            return None
        return (self.current or 0.0) - self.baseline


def class_figures(scores: Scores, classes: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Commitment and claim figures per document class; {} when no document has a class.

    Documents the mapping does not name are pooled under "(unclassified)".
    """
    groups: dict[str, list[Any]] = {}
    for doc in scores.docs:
        groups.setdefault(classes.get(doc.doc_id, UNCLASSIFIED), []).append(doc)
    if set(groups) == {UNCLASSIFIED}:
        return {}
    out = {}
    for name in sorted(groups, key=lambda g: (g == UNCLASSIFIED, g)):
        part = Scores(groups[name])
        figures = part.figures()
        out[name] = {
            "docs": len(groups[name]),
            "gold_commitments": _gold_pred(part.counts("commitments").as_list())[0],
            "gold_claims": _gold_pred(part.counts("claims").as_list())[0],
            **{k: figures.get(k) for k in CLASS_FIGURES},
        }
    return out


def build_report(scores: Scores, classes: dict[str, str] | None = None, **fields: Any) -> Report:
    """Report of scored documents; `fields` carry system, gold names, checksum, timestamp...

    `classes` (doc_id → document class) adds the per-class figures.
    """
    figures = scores.figures()
    keys = sorted({k for d in scores.docs for k in d.counts})
    accuracy_keys = sorted({k for d in scores.docs for k in d.accuracies})
    return Report(
        headline={k: figures.get(k) for k in HEADLINE},
        figures=figures,
        counts={k: scores.counts(k).as_list() for k in keys},
        accuracies={k: scores.accuracy(k).as_list() for k in accuracy_keys},
        per_class=class_figures(scores, classes or {}),
        per_document={d.doc_id: {k: c.as_list() for k, c in d.counts.items()} for d in scores.docs},
        missing=scores.missing,
        extra=scores.extra,
        n_docs=len(scores.docs),
        **fields,
    )


def deltas(report: Report, baseline: Report) -> list[Delta]:
    """Every headline figure next to its baseline value."""
    return [
        Delta(key=k, baseline=baseline.headline.get(k), current=report.headline.get(k))
        for k in HEADLINE
    ]


def compare(report: Report, baseline: Report, tolerance: float) -> list[Delta]:
    """Headline figures that dropped by more than `tolerance` (absolute F1 points, 0.02 = 2)."""
    return [d for d in deltas(report, baseline) if d.delta is not None and d.delta < -tolerance]


# --- rendering -------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"


def _triple(figures: dict[str, float | None], prefix: str) -> str:
    return " ".join(_num(figures.get(f"{prefix}_{m}")) for m in "prf")


def _gold_pred(counts: list[int] | None) -> tuple[int, int]:
    tp, fp, fn = counts or [0, 0, 0]
    return tp + fn, tp + fp


def render_header(report: Report) -> str:
    """Which gold and which system, so a printed table can never be mistaken for another."""
    commit = (report.git_commit or "no git")[:10] + (" +dirty" if report.git_dirty else "")
    lines = [
        f"gold:   {', '.join(report.gold)} ({report.n_docs} docs, "
        f"sha256 {report.gold_sha256[:16]})",
        f"system: {report.system} (commit {commit}, {report.timestamp})",
    ]
    if report.missing:
        lines.append(
            f"WARNING: no prediction for {len(report.missing)} gold docs: "
            f"{', '.join(report.missing)} (scored as empty)"
        )
    for doc_id, error in report.failed.items():
        lines.append(f"WARNING: extraction failed on {doc_id} (scored as empty): {error}")
    if report.extra:
        lines.append(
            f"note: {len(report.extra)} predicted docs have no gold: {', '.join(report.extra[:10])}"
        )
    return "\n".join(lines)


def render_table(report: Report) -> str:
    """Per-label strict/overlap/value P R F (in %), micro rows, then commitments and claims."""
    f, c = report.figures, report.counts
    head = (
        f"{'label':<12}{'gold':>5}{'pred':>5} | {'strict P     R     F':<17} | "
        f"{'overlap P     R     F':<17} | {'value P     R     F':<17}"
    )
    rows = [render_header(report), "", head, "-" * len(head)]

    def row(name: str, prefix: str, labels: Iterable[str], value: bool) -> str:
        gold = pred = 0
        for label in labels:
            g, p = _gold_pred(c.get(f"{label}.overlap"))
            gold, pred = gold + g, pred + p
        value_cells = _triple(f, f"{prefix}_value") if value else " " * 17
        return (
            f"{name:<12}{gold:>5}{pred:>5} | {_triple(f, f'{prefix}_strict')} | "
            f"{_triple(f, f'{prefix}_overlap')} | {value_cells}"
        )

    for label in ALL_LABELS:
        rows.append(row(label, label.lower(), [label], label in NUMBER_LABELS))
    rows.append("-" * len(head))
    rows.append(row("numbers", "numbers", NUMBER_LABELS, True))
    rows.append(row("names", "names", NAME_LABELS, False))
    rows.append(row("all", "mentions", ALL_LABELS, False))
    rows.append("")
    rows.append(
        "accuracy over pairs: bound (value pairs) "
        + _num(f.get("numbers_bound_acc")).strip()
        + " ("
        + ", ".join(
            f"{lb} {_num(f.get(f'{lb.lower()}_bound_acc')).strip()}"
            for lb in ("MONEY", "PERCENT", "QUANTITY")
        )
        + ")"
        + " | DATE value "
        + _num(f.get("date_value_acc")).strip()
        + " | canonical "
        + _num(f.get("names_canonical_acc")).strip()
        + " | PERSON role "
        + _num(f.get("person_role_acc")).strip()
    )
    g, p = _gold_pred(c.get("commitments"))
    rows.append(
        f"commitments  gold {g:>3} pred {p:>3} | P R F {_triple(f, 'commitments')} | acc: "
        + ", ".join(
            f"{k} {_num(f.get(f'commitments_{k}_acc')).strip()}"
            for k in ("deadline", "actor", "speaker", "modality")
        )
    )
    g, p = _gold_pred(c.get("claims"))
    found = report.accuracies.get("claims.pair_rate", [0, 0])[0]
    changes = report.accuracies.get("claims.direction", [0, 0])[1]
    rows.append(
        f"claims       gold {g:>3} pred {p:>3} | P R F {_triple(f, 'claims')} | "
        f"anchor found for {found} ({_num(f.get('claims_pair_rate')).strip()}% of gold)"
    )
    rows.append(
        f"  over the {found} claims whose anchor was found: "
        + ", ".join(
            f"{k} {_num(f.get(f'claims_{k}_acc')).strip()}" for k in ("kind", "period", "measure")
        )
        + f", direction {_num(f.get('claims_direction_acc')).strip()} (of {changes} changes)"
        + f" | also anchor value {_num(f.get('claims_anchor_value_acc')).strip()}, "
        f"comparison {_num(f.get('claims_comparison_acc')).strip()}"
    )
    if report.per_class:
        rows.extend(["", render_classes(report)])
    return "\n".join(rows)


def render_classes(report: Report) -> str:
    """Commitments and claims per document class (wire release, transcript, policy notice)."""
    prf_head = "    P     R     F"
    head = (
        f"{'class':<16}{'docs':>5} | {'commitments gold':>16} {prf_head} | "
        f"{'claims gold':>11} {prf_head} |  kind period measure direction"
    )
    lines = [
        "per document class (claim field accuracies over claims whose anchor was found):",
        head,
        "-" * len(head),
    ]
    for name, row in report.per_class.items():
        kind, period, measure, direction = (
            _num(row.get(f"claims_{k}_acc")) for k in ("kind", "period", "measure", "direction")
        )
        lines.append(
            f"{name:<16}{row['docs']:>5} | {row['gold_commitments']:>16} "
            f"{_triple(row, 'commitments')} | {row['gold_claims']:>11} {_triple(row, 'claims')} "
            f"| {kind:>5} {period:>6} {measure:>7} {direction:>9}"
        )
    return "\n".join(lines)


def render_documents(report: Report) -> str:
    """One line per document: F1 of numbers (value), names (overlap), commitments, claims."""
    groups = {
        "numbers value": [f"{lb}.value" for lb in NUMBER_LABELS],
        "names overlap": [f"{lb}.overlap" for lb in NAME_LABELS],
        "commitments": ["commitments"],
        "claims": ["claims"],
    }
    width = max([len(d) for d in report.per_document] + [8])
    lines = [f"{'document':<{width}} " + " ".join(f"{g:>14}" for g in groups)]
    for doc_id, counts in report.per_document.items():
        cells = []
        for keys in groups.values():
            tp, fp, fn = (sum(counts.get(k, [0, 0, 0])[i] for k in keys) for i in range(3))
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
            cells.append(f"{_num(f1)} ({tp + fn:>3})")
        lines.append(f"{doc_id:<{width}} " + " ".join(f"{c:>14}" for c in cells))
    return "F1 per document (gold items in brackets):\n" + "\n".join(lines)


def render_deltas(report: Report, baseline: Report, tolerance: float) -> str:
    """Headline figures against a baseline report, regressions flagged."""
    lines = [
        f"against baseline {baseline.system} ({baseline.timestamp}), tolerance "
        f"{100 * tolerance:.1f} points:"
    ]
    if baseline.gold_sha256 != report.gold_sha256:
        lines.append(
            "WARNING: the baseline was scored on different gold bytes "
            f"({baseline.gold_sha256[:16]} != {report.gold_sha256[:16]})"
        )
    for d in deltas(report, baseline):
        change = "    n/a" if d.delta is None else f"{100 * d.delta:+7.1f}"
        flag = "  REGRESSION" if d.delta is not None and d.delta < -tolerance else ""
        lines.append(f"  {d.key:<20}{_num(d.baseline)} -> {_num(d.current)} {change}{flag}")
    return "\n".join(lines)


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"…{_one_line(before)}«{text[start:end]}»{_one_line(after)}…"


def _one_line(text: str) -> str:
    """Newlines shown as ⏎ and space runs squeezed, so each error stays on one line."""
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", " ⏎ ", text))


def _show(attrs: dict[str, Any] | None) -> str:
    if not attrs:
        return "-"
    return " ".join(f"{k}={v!r}" for k, v in attrs.items() if k != "label")


ERROR_ORDER = ("FN", "FP", "VALUE", "BOUND", "SPAN", "CANON", "ROLE", "FIELD")


def render_errors(errors: list[ErrorItem], texts: dict[str, str], limit: int) -> str:
    """Up to `limit` errors per label and type, each with ±60 characters of context."""
    groups: dict[tuple[str, str], list[ErrorItem]] = {}
    for error in errors:
        groups.setdefault((error.label, error.kind), []).append(error)
    labels = [*ALL_LABELS, "COMMITMENT", "CLAIM"]
    order = sorted(groups, key=lambda k: (labels.index(k[0]), ERROR_ORDER.index(k[1])))
    lines = []
    for key in order:
        items = groups[key]
        lines.append(f"\n=== {key[0]} {key[1]}: {min(limit, len(items))} of {len(items)} ===")
        for e in items[:limit]:
            text = texts.get(e.doc_id, "")
            lines.append(f"[{e.doc_id} {e.start}:{e.end}] {_context(text, e.start, e.end)}")
            if e.note:
                lines.append(f"    {e.note}")
            if e.gold is not None:
                lines.append(f"    gold: {_show(e.gold)}")
            if e.pred is not None:
                lines.append(f"    pred: {_show(e.pred)}")
    return "\n".join(lines)
