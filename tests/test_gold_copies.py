"""No run of 8 words of a gold text in a data row, a test or a source comment.

Rule examples and test sentences are written fresh in the genre's style (docs/adding-rules.md):
a rule checked on a copied gold sentence proves only that it fits that sentence. Gold texts are
the seeds (corpus/texts, shared/seeds) and the real dev sets (shared/corpus-dev, corpus-dev-zh);
corpus/synthetic was written by the team and is ours. Words are lowercase `\\w+` runs; the check
is one pass over an index of the gold's 8-word runs (a set lookup per window).

An official name of three words or more from the model's gazetteers ("Third Plenary Session of
the 20th CPC Central Committee") counts as one word on both sides: names are the genre's
vocabulary, and the rule is about sentences, which still need 8 words of their own around it.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

import pytest

from textfacts.corpus import SHARED

REPO = Path(__file__).resolve().parent.parent
N = 8
WORD = re.compile(r"\w+")
# Escapes inside JSON and Python strings ("\n", "\u2019") would glue a letter to the next word.
ESCAPE = re.compile(r"\\(?:[nrt]|u[0-9a-fA-F]{4})")
GOLD_SOURCES = {
    "seeds (corpus/texts)": REPO / "corpus" / "texts",
    "blind (corpus/blind-real/texts)": REPO / "corpus" / "blind-real" / "texts",
    "shared/seeds": SHARED / "seeds",
    "shared/corpus-dev": SHARED / "corpus-dev" / "texts",
    "shared/corpus-dev-zh": SHARED / "corpus-dev-zh" / "texts",
}
# Gold runs in comments of modules the lead is rewriting for issue 11 (claims, commitments),
# as (file, sha256 of the 8 words): tolerated until that rewrite lands, then this set must
# shrink (a test below checks each entry still occurs). Nothing may be added here.
PENDING: set[tuple[str, str]] = set()
TEXT_SUFFIXES = {
    ".py",
    ".sh",
    ".jsonl",
    ".json",
    ".tsv",
    ".csv",
    ".txt",
    ".md",
    ".cfg",
    ".html",
    ".htm",
    ".toml",
    "",
}


def words(text: str) -> list[re.Match[str]]:
    """Lowercase word runs with their positions."""
    return list(WORD.finditer(ESCAPE.sub(" ", text).lower()))


def gazetteer_names(folder: Path = REPO / "models" / "customs-en" / "gazetteers") -> list:
    """Names of three words or more (canonical and aliases) as word tuples, longest first."""
    names = set()
    for path in folder.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for name in [row.get("canonical", ""), *row.get("aliases", [])]:
                    key = tuple(m.group() for m in words(name))
                    if len(key) >= 3:
                        names.add(key)
    return sorted(names, key=len, reverse=True)


NAMES = gazetteer_names()
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _name in NAMES:
    _BY_FIRST.setdefault(_name[0], []).append(_name)


def masked(tokens: list[re.Match[str]]) -> list[tuple[str, int]]:
    """(word, char position) with each gazetteer name folded into one word, longest name first."""
    keys = [m.group() for m in tokens]
    out, i = [], 0
    while i < len(keys):
        name = next(
            (n for n in _BY_FIRST.get(keys[i], ()) if tuple(keys[i : i + len(n)]) == n), None
        )
        out.append(("<" + " ".join(name) + ">" if name else keys[i], tokens[i].start()))
        i += len(name) if name else 1
    return out


Index = dict[tuple[str, ...], str]


def gold_index(folder: Path) -> Index:
    """Every 8-word run of the gold texts in a folder → the document it comes from."""
    index: Index = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        tokens = [word for word, _ in masked(words(text))]
        for i in range(len(tokens) - N + 1):
            index.setdefault(tuple(tokens[i : i + N]), path.stem)
    return index


def targets(repo: Path = REPO) -> list[Path]:
    """Data rows (models/), tests (tests/), and the sources of textfacts/ and evaluation/."""
    found = [p for root in ("models", "tests") for p in (repo / root).rglob("*")]
    found += [p for root in ("textfacts", "evaluation") for p in (repo / root).rglob("*.py")]
    found += list((repo / "evaluation").rglob("*.sh"))
    return sorted(
        p
        for p in found
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in TEXT_SUFFIXES
    )


Copy = tuple[str, int, str, str]  # file, line, the 8 words, gold document


def copies(index: Index, paths: Iterable[Path]) -> list[Copy]:
    """(file, line, words, gold doc) of every line holding a gold run, the first run per line."""
    found: dict[tuple[str, int], Copy] = {}
    for path in paths:
        text = ESCAPE.sub(" ", path.read_text(encoding="utf-8", errors="replace"))
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        tokens = masked(words(text))
        keys = [word for word, _ in tokens]
        for i in range(len(keys) - N + 1):
            doc = index.get(tuple(keys[i : i + N]))
            if doc is not None:
                line = bisect_right(line_starts, tokens[i][1])
                shown = _shown(path)
                found.setdefault((shown, line), (shown, line, " ".join(keys[i : i + N]), doc))
    return list(found.values())


def listing(found: list[Copy]) -> str:
    """One `file:line: "words" (gold doc)` per copy."""
    return "\n".join(f'{file}:{line}: "{run}" ({doc})' for file, line, run, doc in found)


def _key(copy: Copy) -> tuple[str, str]:
    return copy[0], hashlib.sha256(copy[2].encode()).hexdigest()[:16]


def _shown(path: Path) -> str:
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


@pytest.fixture(scope="module")
def target_files() -> list[Path]:
    return targets()


@pytest.mark.parametrize("source", list(GOLD_SOURCES))
def test_no_gold_run_of_8_words_in_rules_tests_or_comments(source, target_files):
    folder = GOLD_SOURCES[source]
    if not folder.is_dir():
        pytest.skip(f"{source} not found at {folder} (set TEXTFACTS_SHARED to check it)")
    index = gold_index(folder)
    assert index, f"no gold text read from {folder}"
    found = [c for c in copies(index, target_files) if _key(c) not in PENDING]
    assert not found, (
        f"{len(found)} places share a run of {N} words with a gold text ({source}); "
        "write the example afresh:\n" + listing(found)
    )


def test_pending_copies_still_exist(target_files):
    """A pending entry whose comment was rewritten must leave PENDING."""
    missing = [name for name, folder in GOLD_SOURCES.items() if not folder.is_dir()]
    if missing:
        pytest.skip(f"needs every gold source; missing {', '.join(missing)}")
    index: Index = {}
    for folder in GOLD_SOURCES.values():
        index.update(gold_index(folder))
    pending_files = [p for p in target_files if _shown(p) in {f for f, _ in PENDING}]
    still = {_key(c) for c in copies(index, pending_files)}
    gone = sorted(PENDING - still)
    assert not gone, "rewritten, remove from PENDING: " + ", ".join(map(str, gone))


def test_a_planted_copy_is_found_and_a_7_word_run_is_not(tmp_path):
    seed = sorted((REPO / "corpus" / "texts").glob("*.txt"))[0]
    gold = [m.group() for m in words(seed.read_text(encoding="utf-8"))]
    planted = tmp_path / "rows.jsonl"
    # Line 1 shares 7 words (allowed), line 2 shares 8 with the seed, broken by JSON escapes.
    planted.write_text(
        f'{{"example": "{" ".join(gold[10:17])}"}}\n'
        f'{{"example": "Up front.\\n{" ".join(gold[20:24])}\\u2019{" ".join(gold[24:28])}"}}\n',
        encoding="utf-8",
    )
    other = tmp_path / "clean.py"
    other.write_text(
        "# Exports rose 4.1 percent to 9.2 trillion yuan in the first quarter.\n", encoding="utf-8"
    )
    found = copies(gold_index(seed.parent), [planted, other])
    assert [(file, line, doc) for file, line, _, doc in found] == [(str(planted), 2, seed.stem)]
    assert listing(found).startswith(f"{planted}:2: ")
