from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    import textfacts

    return textfacts.load()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    from textfacts.io import read_document

    return {p.stem: read_document(p) for p in sorted((REPO / "corpus" / "texts").glob("*.txt"))}


@pytest.fixture(scope="session")
def zh_extractor():
    import textfacts

    return textfacts.load("customs-zh")
