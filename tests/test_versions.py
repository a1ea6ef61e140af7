"""One version per thing: the package's from its metadata; the model's in card and reports."""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import textfacts

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "models" / "customs-en"
SEMVER = re.compile(r"\b(\d+)\.(\d+)\.(\d+)\b")


def test_package_version_is_the_one_in_pyproject():
    declared = re.search(r'(?m)^version\s*=\s*"([^"]+)"', (REPO / "pyproject.toml").read_text())
    assert declared is not None
    assert textfacts.__version__ == version("textfacts") == declared.group(1)


def _card_version() -> str:
    """The newest version the model card's "Version." paragraph names."""
    card = (MODEL / "README.md").read_text(encoding="utf-8")
    paragraph = card.split("**Version.**", 1)[1].split("\n\n", 1)[0]
    found = [tuple(map(int, m)) for m in SEMVER.findall(paragraph)]
    assert found, "the model card's Version paragraph names no version"
    return ".".join(map(str, max(found)))


def test_model_card_meta_and_committed_reports_name_one_model_version():
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["version"]
    assert _card_version() == meta
    reports = sorted((REPO / "evaluation" / "reports").glob("reference-*.json"))
    assert reports
    for path in reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report["model_version"] == meta, (
            f"{path.name} measured model {report['model_version']}, the model is {meta}: "
            "regenerate the reports (evaluation/refresh.sh) after a version bump"
        )
