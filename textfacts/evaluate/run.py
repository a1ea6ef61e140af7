"""`textfacts evaluate`: read gold, get predictions (a model run or a file), score, print, compare.

Only this module touches a model, and only lazily through `textfacts.load`, so the scorer
itself stays free of spaCy.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from textfacts.corpus import DOC_CLASSES, read_doc_classes, resolve_gold
from textfacts.evaluate.report import (
    Report,
    build_report,
    compare,
    render_deltas,
    render_documents,
    render_errors,
    render_table,
)
from textfacts.evaluate.scorer import normalise_doc_id, score
from textfacts.schema import Document, read_jsonl

DEFAULT_MODEL = "customs-en"


def gold_files(names: list[str]) -> list[Path]:
    """The gold JSONL files behind names or paths, in reading order (as read_jsonl walks them)."""
    files: list[Path] = []
    for name in names:
        for location in resolve_gold(name):
            if location.is_dir():
                found = sorted(location.rglob("*.jsonl")) or sorted(location.rglob("*.json"))
                files.extend(found)
            elif location.exists():
                files.append(location)
            else:
                raise ValueError(f"gold not found: {location}")
    return files


def checksum(files: list[Path]) -> str:
    """sha256 of the gold files' bytes, in order: two reports with equal sums saw equal gold."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def git_state() -> tuple[str | None, bool | None]:
    """(HEAD commit, whether the working tree has changes), or (None, None) outside git."""
    # The checkout being evaluated is the working directory (CI, gate.sh); an installed wheel's
    # own location is not a git repository.
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    return head or None, bool(status.strip())


def predict(
    model: str, gold: list[Document], given_published: bool = True
) -> tuple[list[Document], str, str | None, dict]:
    """Run a model over the gold texts: text, doc_id and (by default) the publication date go in.

    With `given_published` (the default, ANNOTATION.md §7), the gold's publication date is
    handed in as caller metadata, as a user with a scrape manifest would (`textfacts extract
    --manifest`): gold resolves "this year" against the source listing's date even when the
    text prints none. Without it the model reads meta from the text alone.
    A document the model fails on is left out (scored as predicted empty) and its error
    returned, so one broken component does not stop everybody's measurements.
    """
    import textfacts

    extractor = textfacts.load(model)
    predictions, failed = [], {}
    for document in gold:
        try:
            meta = {"published": document.meta.published} if given_published else None
            predictions.append(extractor(document.text or "", meta=meta, doc_id=document.doc_id))
        except Exception as err:  # noqa: BLE001  (any component error is reported, not raised)
            failed[normalise_doc_id(document.doc_id)] = f"{type(err).__name__}: {err}"[:500]
    name = extractor.name + ("" if given_published else " [publication date not given]")
    return predictions, name, extractor.model_meta.get("version"), failed


def default_model(gold: list[Document]) -> str:
    """customs-en for English gold (as before); "auto" (a model per text) once any is Chinese."""
    from textfacts.script import language_of

    return "auto" if any(language_of(d.text or "") == "zh" for d in gold) else DEFAULT_MODEL


def write_model_meta(model: str, report: Report) -> Path:
    """Store headline and flat figures under `performance` in the model's meta.json."""
    from textfacts.resources import model_dir

    path = model_dir(model) / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    meta["performance"] = {
        "gold": report.gold,
        "gold_sha256": report.gold_sha256,
        "git_commit": report.git_commit,
        **report.headline,
    }
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def run_evaluation(
    gold: list[str] | None = None,
    model: str | None = None,
    pred: str | None = None,
    baseline: str | None = None,
    out: str | None = None,
    errors: int = 0,
    tolerance: float = 0.02,
    write_meta: bool = False,
    given_published: bool = True,
    classes: str | None = None,
) -> int:
    """Score, print the table (and errors, deltas), write the report; 1 on a regression.

    `classes` is a doc_id → document class TSV (default evaluation/doc_classes.tsv when the
    checkout has it) for the per-class figures.
    """
    names = list(gold or ["seeds"])
    files = gold_files(names)
    gold_docs = [doc for file in files for doc in read_jsonl(file)]
    if pred is not None:
        predictions, system, version, failed = list(read_jsonl(pred)), str(pred), None, {}
    else:
        model = model or default_model(gold_docs)
        predictions, system, version, failed = predict(model, gold_docs, given_published)
    scores = score(gold_docs, predictions)
    commit, dirty = git_state()
    report = build_report(
        scores,
        classes=_classes(classes),
        system=system,
        model_version=version,
        git_commit=commit,
        git_dirty=dirty,
        gold=names,
        gold_files=[_shown(f) for f in files],
        gold_sha256=checksum(files),
        timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        failed=failed,
    )
    print(render_table(report))
    print()
    print(render_documents(report))
    ungrounded = sum(d.ungrounded for d in scores.docs)
    if ungrounded:
        print(f"WARNING: {ungrounded} predicted spans do not match the gold text at their offsets")
    if errors:
        texts = {normalise_doc_id(d.doc_id): d.text or "" for d in gold_docs}
        print(render_errors(scores.errors, texts, errors))
    if out:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"\nreport written to {path}")
    if write_meta:
        if pred is not None:
            raise ValueError("--write-meta needs a model run, not --pred")
        print(f"figures stored in {write_model_meta(model or DEFAULT_MODEL, report)}")
    if baseline:
        base = Report.model_validate_json(Path(baseline).read_text(encoding="utf-8"))
        print()
        print(render_deltas(report, base, tolerance))
        regressions = compare(report, base, tolerance)
        if regressions:
            print(
                f"FAILED: {len(regressions)} headline figures regressed: "
                + ", ".join(d.key for d in regressions),
                file=sys.stderr,
            )
            return 1
    return 0


def _classes(path: str | None) -> dict[str, str]:
    """The document-class mapping: the file given, else the checkout's default if present."""
    if path is not None:
        return read_doc_classes(path)
    return read_doc_classes(DOC_CLASSES) if DOC_CLASSES.exists() else {}


def _shown(path: Path) -> str:
    """A gold path relative to the working directory when below it (reports stay portable)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
