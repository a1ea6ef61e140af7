"""Write tests/expected/<doc_id>.json: the full record of each seed text, for review in a diff.

Usage: python tests/regenerate_expected.py

Run it after a deliberate change of behaviour, read `git diff tests/expected/`, and commit
the files with the change that explains them. The text itself is left out (it is in
corpus/texts/, third-party material that is not copied again); offsets refer to it.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXTS = REPO / "corpus" / "texts"
EXPECTED = Path(__file__).resolve().parent / "expected"


def record(extractor, path: Path) -> dict:
    """The record the test compares: what `textfacts extract` writes, without the text."""
    from textfacts.io import read_document

    return extractor(read_document(path), doc_id=path.stem).to_dict(with_text=False)


def render(data: dict) -> str:
    """One key per line, so a changed field is one line of diff."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    """Regenerate every expected record."""
    import textfacts

    extractor = textfacts.load()
    EXPECTED.mkdir(exist_ok=True)
    for path in sorted(TEXTS.glob("*.txt")):
        (EXPECTED / f"{path.stem}.json").write_text(
            render(record(extractor, path)), encoding="utf-8"
        )
        print(f"wrote tests/expected/{path.stem}.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
