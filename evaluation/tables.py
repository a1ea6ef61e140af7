"""Render the results tables of README.md and docs from the committed reports.

Figures are never typed by hand: `python evaluation/tables.py --write` replaces the block
between `<!-- results:start -->` and `<!-- results:end -->` in each target file, and
tests/test_docs_tables.py checks that the committed files match the committed reports.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "evaluation" / "reports"
BASELINES = ROOT / "evaluation" / "baselines" / "reports"
TARGETS = [
    ROOT / "README.md",
    ROOT / "docs" / "evaluation.md",
    ROOT / "models" / "customs-en" / "README.md",
]
START, END = "<!-- results:start -->", "<!-- results:end -->"
# The headline is real text only: the client's seeds and the external dev set. The team's own
# synthetic documents (corpus/synthetic) get no table.
GOLDS = [
    ("seeds", "seed gold ({n} real docs, corpus/gold)"),
    ("dev", "external dev gold ({n} real articles, shared/corpus-dev)"),
]
SYSTEMS = [
    ("textfacts", REPORTS, "reference-{gold}.json"),
    ("spaCy sm", BASELINES, "spacy_sm-{gold}.json"),
    ("quantulum3", BASELINES, "quantulum3-{gold}.json"),
]
ROWS = [
    ("MONEY value F1", "money_value_f"),
    ("PERCENT value F1", "percent_value_f"),
    ("QUANTITY value F1", "quantity_value_f"),
    ("DATE value F1", "date_value_f"),
    ("numbers layer value F1", "numbers_value_f"),
    ("PERSON overlap F1", "person_overlap_f"),
    ("ORG overlap F1", "org_overlap_f"),
    ("names layer overlap F1", "names_overlap_f"),
    ("bound accuracy", "numbers_bound_acc"),
    ("ORG canonical accuracy", "org_canonical_acc"),
    ("PERSON role accuracy", "person_role_acc"),
    ("commitments deadline accuracy", "commitments_deadline_acc"),
    ("commitments speaker accuracy", "commitments_speaker_acc"),
    ("commitments F1", "commitments_f"),
    ("claims F1", "claims_f"),
    ("claim kind accuracy", "claims_kind_acc"),
    ("claim period accuracy", "claims_period_acc"),
    ("claim measure accuracy", "claims_measure_acc"),
    ("claim direction accuracy", "claims_direction_acc"),
]
CLASS_ROWS = [
    ("commitments F1", "commitments_f"),
    ("claims F1", "claims_f"),
    ("claim period accuracy", "claims_period_acc"),
    ("claim measure accuracy", "claims_measure_acc"),
]


def _figure(report: dict, key: str) -> str:
    value = report.get("figures", {}).get(key, report.get("headline", {}).get(key, report.get(key)))
    return "–" if value is None else f"{100 * value:.1f}"


def render() -> str:
    """All results tables, one per gold set that has a textfacts report."""
    parts = []
    for gold, title in GOLDS:
        reports = {}
        for name, folder, pattern in SYSTEMS:
            path = folder / pattern.format(gold=gold)
            if path.exists():
                reports[name] = json.loads(path.read_text(encoding="utf-8"))
        if "textfacts" not in reports:
            continue
        title = title.format(n=reports["textfacts"].get("n_docs", "?"))
        header = "| " + title + " | " + " | ".join(reports) + " |"
        lines = [header, "|---" * (len(reports) + 1) + "|"]
        for label, key in ROWS:
            lines.append(
                f"| {label} | " + " | ".join(_figure(r, key) for r in reports.values()) + " |"
            )
        commit = (reports["textfacts"].get("git_commit") or "")[:10]
        lines.append(
            f"\n<sub>textfacts = {reports['textfacts'].get('system')} at commit {commit}; "
            "F1 and accuracy in %.</sub>\n"
        )
        parts.append("\n".join(lines))
        if reports["textfacts"].get("per_class"):
            parts.append(_class_table(gold, reports["textfacts"]["per_class"]))
    return "\n".join(parts)


def _class_table(gold: str, per_class: dict) -> str:
    """textfacts' commitment and claim figures per document class (evaluation/doc_classes.tsv)."""
    names = list(per_class)
    header = (
        f"| {gold}: textfacts per document class | "
        + " | ".join(f"{n} ({per_class[n]['docs']} docs)" for n in names)
        + " |"
    )
    lines = [header, "|---" * (len(names) + 1) + "|"]
    for label, key in CLASS_ROWS:
        lines.append(f"| {label} | " + " | ".join(_figure(per_class[n], key) for n in names) + " |")
    return "\n".join(lines) + "\n"


def replace_block(text: str, block: str) -> str:
    """Put `block` between the markers of a document (unchanged when no markers)."""
    if START not in text or END not in text:
        return text
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{block}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update the target documents")
    args = parser.parse_args()
    block = render()
    if not args.write:
        print(block)
        return
    for target in TARGETS:
        if target.exists():
            target.write_text(
                replace_block(target.read_text(encoding="utf-8"), block), encoding="utf-8"
            )
            print(f"updated {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
