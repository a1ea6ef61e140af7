"""Reading documents from disk and writing results so that nothing is half-written.

Scraped folders hold every encoding a Chinese government site has used (UTF-8 with or
without BOM, UTF-16, GB18030, Windows-1252) and HTML pages; each file either decodes into
the exact text its offsets will refer to, or fails with an InputError naming the reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from charset_normalizer import from_bytes

from textfacts.errors import InputError

SUFFIXES = (".txt", ".md", ".html", ".htm")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode bytes: BOM first, then strict UTF-8, then charset detection; never guess silently."""
    if not data:
        raise InputError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise InputError(path, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "undecodable: no text encoding fits")
    return str(best)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per line; scripts and styles dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    lines = [line.strip() for line in soup.get_text("\n").splitlines()]
    text = "\n".join(line for line in lines if line)
    return text if text or not title else title


def read_document(path: str | Path) -> str:
    """Read a .txt/.md/.html file into the text that offsets refer to."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except PermissionError as err:
        raise InputError(path, f"unreadable: permission denied ({err.strerror})") from err
    except OSError as err:
        raise InputError(path, f"unreadable: {err.strerror or err}") from err
    text = decode(data, path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        raise InputError(path, "no text (empty after decoding)")
    if not any(c.isascii() and c.isalpha() for c in text):
        raise InputError(path, "no English text (no Latin letters)")
    return text


def walk(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield (file, doc_id) for each document under the given files and folders, sorted.

    doc_id is the path relative to the folder given, with its extension (ANNOTATION.md §1).
    """
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for file in sorted(p for p in given.rglob("*") if p.is_file()):
                if file.suffix.lower() in SUFFIXES:
                    yield file, file.relative_to(given).as_posix()
        else:
            yield given, given.name


@contextmanager
def atomic_writer(path: str | Path, append_from: str | Path | None = None) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path` and rename it into place only on success.

    An interrupted run leaves the previous file untouched; with `append_from`, its content
    is copied first (resume).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if append_from is not None and Path(append_from).exists():
                handle.write(Path(append_from).read_text(encoding="utf-8"))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def done_ids(path: str | Path) -> set[str]:
    """doc_ids already written to a JSONL output (for --resume); broken lines are ignored."""
    path = Path(path)
    ids: set[str] = set()
    if not path.exists():
        return ids
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ids.add(json.loads(line)["doc_id"])
        except (ValueError, KeyError, TypeError):
            continue
    return ids


CSV_COLUMNS = ["doc_id", "kind", "id", "label", "start", "end", "text", "value", "unit", "bound",
               "canonical", "extra"]


def csv_rows(record: dict[str, Any]) -> Iterator[list[Any]]:
    """Flatten a record into CSV rows: one per mention, commitment and claim."""
    for m in record.get("mentions", []):
        extra = {k: v for k, v in m.items() if k not in CSV_COLUMNS}
        yield [record["doc_id"], "mention", m["id"], m["label"], m["start"], m["end"], m["text"],
               m.get("value"), m.get("unit"), m.get("bound"), m.get("canonical"),
               json.dumps(extra, ensure_ascii=False) if extra else ""]
    for c in record.get("commitments", []):
        extra = {k: c[k] for k in ("actor", "action", "deadline", "speaker", "modality")}
        yield [record["doc_id"], "commitment", c["id"], "", c["start"], c["end"], c["text"],
               "", "", "", "", json.dumps(extra, ensure_ascii=False)]
    for k in record.get("claims", []):
        extra = {key: v for key, v in k.items() if key != "id"}
        yield [record["doc_id"], "claim", k["id"], "", "", "", "", "", "", "", "",
               json.dumps(extra, ensure_ascii=False)]


def csv_line(row: list[Any]) -> str:
    """One CSV line (with newline) for a row."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["" if v is None else v for v in row])
    return buffer.getvalue()
