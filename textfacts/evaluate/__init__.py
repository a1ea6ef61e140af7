"""Scoring of predictions against gold (ANNOTATION.md §5); no spaCy import, so any JSONL scores."""

from textfacts.evaluate.metrics import Accuracy, Counts
from textfacts.evaluate.report import HEADLINE, Report, build_report, compare
from textfacts.evaluate.scorer import Scores, score, score_document

__all__ = [
    "HEADLINE",
    "Accuracy",
    "Counts",
    "Report",
    "Scores",
    "build_report",
    "compare",
    "score",
    "score_document",
]
