"""Extract every gold text and save or compare the JSONL records, to show a change is neutral.

Usage:
    python evaluation/same_output.py save BEFORE.jsonl      # on the code before the change
    python evaluation/same_output.py compare BEFORE.jsonl   # on the code after it

The texts are every corpus/*/texts folder that exists (and corpus/texts) plus the real
development articles in ../shared/corpus-dev/texts (or $TEXTFACTS_DEV_TEXTS); records are
compared byte for byte, document by document, and the differing ones are named.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# shared/ is found as everywhere else (textfacts.corpus.SHARED: beside the checkout or
# $TEXTFACTS_SHARED); it was looked for one folder too high, so corpus-dev was silently left out.
sys.path.insert(0, str(REPO))
from textfacts.corpus import SHARED  # noqa: E402

DEV = Path(os.environ.get("TEXTFACTS_DEV_TEXTS") or SHARED / "corpus-dev/texts")


def folders() -> list[Path]:
    """Every folder of gold texts present in this checkout, in a fixed order."""
    found = sorted({p.parent for p in (REPO / "corpus").glob("**/texts/*.txt")})
    return found + ([DEV] if DEV.is_dir() else [])


def records() -> dict[str, str]:
    """doc key (folder/file) → JSONL record line, for every gold text."""
    import textfacts
    from textfacts.io import read_document

    extractor = textfacts.load()
    out: dict[str, str] = {}
    for folder in folders():
        for path in sorted(folder.glob("*.txt")):
            key = f"{folder.name if folder == DEV else folder.relative_to(REPO)}/{path.name}"
            document = extractor(read_document(path), doc_id=path.stem)
            out[key] = json.dumps(document.to_dict(), ensure_ascii=False)
    return out


def main() -> int:
    """Save or compare; exit 1 when any record differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("file")
    args = parser.parse_args()
    now = records()
    if args.action == "save":
        with open(args.file, "w", encoding="utf-8") as handle:
            for key, line in now.items():
                handle.write(json.dumps({"key": key, "record": line}, ensure_ascii=False) + "\n")
        print(f"saved {len(now)} records from {len(folders())} folders to {args.file}")
        return 0
    before = {}
    with open(args.file, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            before[row["key"]] = row["record"]
    differ = sorted(k for k in before.keys() & now.keys() if before[k] != now[k])
    missing = sorted(before.keys() ^ now.keys())
    for key in differ:
        print(f"DIFFERS {key}")
    for key in missing:
        print(f"ONLY IN ONE RUN {key}")
    same = len(before.keys() & now.keys()) - len(differ)
    print(
        f"{same} of {len(before)} records byte-identical; {len(differ)} differ, "
        f"{len(missing)} unmatched"
    )
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
