"""textfacts_header: publication date, outlet and title from header lines; page chrome marked.

GAC and SCIO pages carry their facts in header lines ("ChinaNews|Published:2027-03-11 09:12:40",
"China.org.cn | December 16, 2025", "BEIJING, Jan. 13 (Xinhua) --") and wrap the article in
furniture (language menus, share bars, pagination, contact lines) that must never yield mentions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc

from textfacts.components._context import text_of
from textfacts.extensions import state
from textfacts.normalize.dates import parse_full_date
from textfacts.resources import data_path, read_jsonl
from textfacts.tokenizer import customize

HEADER_LINES = 12


class ChromeRow(BaseModel):
    """One header/chrome pattern row of patterns/chrome.jsonl."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Literal["published", "dateline", "date_line", "chrome", "inline"]
    regex: str
    example: str


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line of the text with the char offset where it starts."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


class Header:
    """Reads header facts into Doc._.textfacts_state["meta"] and marks chrome ranges."""

    def __init__(self, nlp: Language, name: str, data_dir: str | Path | None = None):
        self.name = name
        self.rows = read_jsonl(data_path(data_dir, "patterns/chrome.jsonl"), ChromeRow)
        self.compiled = [(row, re.compile(row.regex)) for row in self.rows]
        customize(nlp, data_dir)

    def __call__(self, doc: Doc) -> Doc:
        """Write meta and chrome ranges into the Doc's state."""
        doc_state = state(doc)
        meta, chrome = self.read(text_of(doc))  # later components reuse the text built here
        doc_state["meta"] = meta
        doc_state["chrome"] = chrome
        return doc

    def read(self, text: str) -> tuple[dict[str, str | None], list[list[int]]]:
        """Return (meta, chrome ranges) for a text."""
        meta: dict[str, str | None] = {"published": None, "outlet": None, "title": None}
        chrome: list[list[int]] = []
        date_lines: list[str] = []
        content_lines = 0
        for number, (offset, line) in enumerate(lines_with_offsets(text)):
            if not line.strip():
                continue
            in_header = number < HEADER_LINES
            is_chrome = False
            for row, pattern in self.compiled:
                match = pattern.search(line)
                if not match:
                    continue
                groups = match.groupdict()
                if row.kind == "chrome":
                    chrome.append([offset, offset + len(line)])
                    is_chrome = True
                    break
                if row.kind == "inline":
                    chrome.append([offset + match.start("chrome"), offset + match.end("chrome")])
                    continue
                if not in_header:
                    continue
                if row.kind == "date_line":
                    date_lines.append(groups["date"])
                    is_chrome = True  # a date line is header, not a title
                    break
                if meta["published"] is None and groups.get("date"):
                    meta["published"] = parse_full_date(groups["date"])
                if meta["outlet"] is None and groups.get("outlet"):
                    meta["outlet"] = groups["outlet"].strip()
                is_chrome = True
                break
            if is_chrome:
                continue
            content_lines += 1
            if content_lines == 1 and meta["title"] is None and _looks_like_title(line):
                meta["title"] = line.strip()
        if meta["published"] is None and date_lines:
            parsed = sorted(d for d in (parse_full_date(s) for s in date_lines) if d)
            meta["published"] = parsed[-1] if parsed else None
        return meta, chrome


def _looks_like_title(line: str) -> bool:
    """A headline: short, no sentence-final period, starts with a capital or digit."""
    stripped = line.strip()
    return 0 < len(stripped) <= 250 and not stripped.endswith(".") and stripped[0].isupper()


@Language.factory(
    "textfacts_header", default_config={"data_dir": None}, assigns=["doc._.textfacts_state"]
)
def make_header(nlp: Language, name: str, data_dir: str | None) -> Header:
    """Factory for the header component."""
    return Header(nlp, name, data_dir)
