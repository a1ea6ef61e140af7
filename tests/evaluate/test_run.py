"""`textfacts evaluate` end to end on hand-built gold and prediction files in a temp folder."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from helpers import span_of

from textfacts.cli import main
from textfacts.evaluate.report import Report

TEXT = (
    "Beijing, Jan. 13 (Xinhua) -- China's imports of crude oil rose 3.3 percent to "
    "545 million tons in 2024, the General Administration of Customs said on Monday."
)


def mention(label: str, surface: str, mid: str, **attrs) -> dict:
    start, end = span_of(TEXT, surface)
    return {"id": mid, "label": label, "start": start, "end": end, "text": surface, **attrs}


GOLD_MENTIONS = [
    mention("PERCENT", "3.3 percent", "m1", value=3.3, unit="percent"),
    mention("QUANTITY", "545 million tons", "m2", value=545e6, unit="ton"),
    mention("DATE", "2024", "m3", value="2024"),
    mention(
        "ORG",
        "General Administration of Customs",
        "m4",
        canonical="General Administration of Customs",
    ),
]


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc_id": "x01", "text": TEXT, "mentions": GOLD_MENTIONS}) + "\n",
        encoding="utf-8",
    )
    # A prediction as `textfacts extract` writes it for x01.txt, here without the text:
    # the quantity lost its scale and the ORG is missing.
    pred_mentions = [GOLD_MENTIONS[0], {**GOLD_MENTIONS[1], "value": 545.0}, GOLD_MENTIONS[2]]
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        json.dumps({"doc_id": "x01.txt", "mentions": pred_mentions}) + "\n", encoding="utf-8"
    )
    return gold, pred, tmp_path


def test_pred_file_scored_and_report_written(files, capsys):
    gold, pred, tmp = files
    out = tmp / "reports" / "r.json"
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 docs, sha256 " + hashlib.sha256(gold.read_bytes()).hexdigest()[:16] in printed
    assert "QUANTITY" in printed and "commitments" in printed
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.gold_sha256 == hashlib.sha256(gold.read_bytes()).hexdigest()
    assert report.n_docs == 1 and report.missing == []
    assert report.figures["quantity_overlap_f"] == 1.0
    assert report.figures["quantity_value_f"] == 0.0
    assert report.figures["org_overlap_r"] == 0.0
    assert report.per_document["x01"]["PERCENT.value"] == [1, 0, 0]


def test_errors_listing_shows_context_and_attributes(files, capsys):
    gold, pred, _ = files
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred), "--errors", "5"]) == 0
    printed = capsys.readouterr().out
    assert "=== QUANTITY VALUE: 1 of 1 ===" in printed
    assert "«545 million tons»" in printed and "value=545.0" in printed
    assert "=== ORG FN: 1 of 1 ===" in printed


def test_baseline_regression_exits_1(files, capsys):
    gold, pred, tmp = files
    better = tmp / "better.json"
    assert main(["evaluate", "--gold", str(gold), "--pred", str(gold), "--out", str(better)]) == 0
    worse = ["evaluate", "--gold", str(gold), "--pred", str(pred), "--baseline", str(better)]
    assert main(worse) == 1
    assert "REGRESSION" in capsys.readouterr().out
    same = ["evaluate", "--gold", str(gold), "--pred", str(gold), "--baseline", str(better)]
    assert main(same) == 0


def test_model_run_sees_only_text_and_doc_id(files):
    gold, _, tmp = files
    out = tmp / "model.json"
    assert main(["evaluate", "--gold", str(gold), "--model", "customs-en", "--out", str(out)]) == 0
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.system.startswith("customs-en") and report.model_version
    assert report.missing == [] and report.n_docs == 1


def test_scorer_does_not_import_spacy():
    code = (
        "import sys, textfacts.evaluate, textfacts.evaluate.run; "
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_failure_on_one_document_is_reported_not_raised(files, monkeypatch, capsys):
    import textfacts

    class Broken:
        name, model_meta = "broken-0", {"version": "0"}

        def __call__(self, text, meta=None, doc_id="doc"):
            raise ValueError("component exploded")

    monkeypatch.setattr(textfacts, "load", lambda model: Broken())
    gold, _, tmp = files
    out = tmp / "broken.json"
    assert main(["evaluate", "--gold", str(gold), "--model", "x", "--out", str(out)]) == 0
    assert "extraction failed on x01" in capsys.readouterr().out
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.failed == {"x01": "ValueError: component exploded"}
    assert report.counts["PERCENT.overlap"] == [0, 0, 1]


@pytest.mark.parametrize(
    ("flags", "handed"),
    [
        pytest.param([], {"published": "2025-01-13"}, id="default-hands-the-date"),
        pytest.param(["--given-published"], {"published": "2025-01-13"}, id="old-flag-still-works"),
        pytest.param(["--no-given-published"], None, id="turned-off"),
    ],
)
def test_publication_date_is_handed_to_the_model_by_default(files, monkeypatch, flags, handed):
    import textfacts

    seen = []

    class Recorder:
        name, model_meta = "recorder-0", {"version": "0"}

        def __call__(self, text, meta=None, doc_id="doc"):
            seen.append(meta)
            from textfacts.schema import Document

            return Document(doc_id=doc_id)

    monkeypatch.setattr(textfacts, "load", lambda model: Recorder())
    gold, _, tmp = files
    dated = tmp / "dated.jsonl"
    record = json.loads(gold.read_text(encoding="utf-8"))
    dated.write_text(
        json.dumps({**record, "meta": {"published": "2025-01-13"}}) + "\n", encoding="utf-8"
    )
    out = tmp / "dated.json"
    assert main(["evaluate", "--gold", str(dated), "--model", "x", "--out", str(out), *flags]) == 0
    assert seen == [handed]
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert ("not given" in report.system) is (handed is None)


def test_classes_file_gives_the_per_class_table(files, capsys):
    gold, pred, tmp = files
    classes = tmp / "classes.tsv"
    classes.write_text("doc_id\tclass\nx01\twire release\n", encoding="utf-8")
    out = tmp / "classes.json"
    args = [
        "evaluate",
        "--gold",
        str(gold),
        "--pred",
        str(pred),
        "--classes",
        str(classes),
        "--out",
        str(out),
    ]
    assert main(args) == 0
    assert "per document class" in capsys.readouterr().out
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert list(report.per_class) == ["wire release"]
    assert report.per_class["wire release"]["docs"] == 1


def test_a_bad_class_row_names_the_file_and_line(files, capsys):
    gold, pred, tmp = files
    classes = tmp / "classes.tsv"
    classes.write_text("doc_id\tclass\nx01\tpress release\n", encoding="utf-8")
    args = ["evaluate", "--gold", str(gold), "--pred", str(pred), "--classes", str(classes)]
    assert main(args) == 2
    assert f"{classes}:2" in capsys.readouterr().err
