from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
# The project's shared folder sits beside the checkout (CI lays it there); a worktree elsewhere
# names it with TEXTFACTS_SHARED. Tests that need it skip with a reason when it is absent.
SHARED = Path(os.environ.get("TEXTFACTS_SHARED") or REPO.parent / "shared")


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
