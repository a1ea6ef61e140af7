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
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from textfacts.errors import InputError
from textfacts.schema import given_meta
from textfacts.script import language_of

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
HTML_SUFFIXES = (".html", ".htm")
# A press release is a few kilobytes; a file this large is a dump, not one document.
MAX_BYTES = 64 * 1024 * 1024
# Legacy encodings the genre's sources use besides UTF-8/UTF-16: mainland sites serve
# GB2312/GBK (GB18030 decodes all of them), Western outlets and Word exports Windows-1252.
# Detection is confined to these: over all code pages, charset-normalizer picks cp1250 or
# cp1006 for a short Windows-1252 file ("café" -> "cafﻠ"), a silent wrong guess.
LEGACY_ENCODINGS = ("gb18030", "cp1252")
# Share of characters that may be control characters before a "text" is called binary.
MAX_CONTROL_SHARE = 0.01
# C0 and C1 control characters other than tab, newlines, form feed and vertical tab.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode(data: bytes, path: str | Path = "<bytes>", *, html: bool = False) -> str:
    """Decode bytes into text, or raise InputError saying why not; never guess silently.

    Order: byte-order mark; UTF-16 without BOM (every other byte NUL); strict UTF-8; the
    charset an HTML page declares; detection among LEGACY_ENCODINGS. A file that is UTF-8
    except for a few bytes is damaged UTF-8 and is reported, not re-read as Windows-1252
    (which would turn every curly quote into mojibake).
    """
    if not data:
        raise InputError(path, "empty file")
    text = _decode(data, path, html)
    _check_not_binary(text, path)
    return text


def _decode(data: bytes, path: str | Path, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(
                    path, f"undecodable: invalid {encoding} after its BOM at byte {err.start}"
                ) from err
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as err:
            raise InputError(path, f"binary file: NUL bytes but not valid {utf16}") from err
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _damaged_utf8(data):
            reason = f"undecodable: damaged UTF-8 (invalid byte at {err.start})"
            raise InputError(path, reason) from err
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise InputError(path, "undecodable: not UTF-8, UTF-16, GB18030 or Windows-1252")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NULs sit in every other byte (ASCII in UTF-16)."""
    sample = data[:4096]
    # Under 8 characters the NUL pattern proves nothing ("0\x00" is as likely binary).
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _damaged_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8: a UTF-8 file with a few bad bytes.

    GB18030 text forms a valid UTF-8 pair only by chance (about one character in ten),
    Windows-1252 text almost never.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text))
    return good >= 4 * bad


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # GB2312 and GBK pages routinely use characters only their superset GB18030 has.
    return "gb18030" if name in ("gb2312", "gbk") else name


def _check_not_binary(text: str, path: str | Path) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(
            path, f"binary file: {controls} control characters in {len(text)}, not text"
        )


# Elements that start a new paragraph of the extracted text; everything else is inline,
# so "<p>Exports <b>rose</b> 5%</p>" stays one sentence.
_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend "
    "li main menu nav ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELLS = frozenset(("td", "th"))
# Not "head" itself: html.parser does not close an unclosed <head>, so a sloppy page's
# whole body can sit inside it.
_SKIPPED = frozenset(
    "script style noscript template title meta link base iframe svg object".split()
)


class _TextBuilder:
    """Collects paragraphs of collapsed inline text, one line per <br>."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.words: list[str] = []

    def text(self, value: str) -> None:
        self.words.append(value)

    def line(self) -> None:
        line = " ".join("".join(self.words).split())
        if line:
            self.lines.append(line)
        self.words = []

    def paragraph(self) -> None:
        self.line()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
        self.lines = []


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: a blank line between blocks, entities decoded.

    Block elements (p, div, li, h1, tr...) become paragraphs separated by a blank line, as
    in the plain-text corpus; <br> a line break; inline runs of whitespace (including
    &nbsp;) one space. Scripts, styles and <head> metadata are dropped; the <title> is used only
    when the body has no text. The walk is iterative, so deeply nested markup cannot
    exhaust the recursion limit.
    """
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    builder = _TextBuilder()
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            builder.paragraph()
        elif isinstance(node, NavigableString):
            if not isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction):
                builder.text(str(node))
        elif node.name in _SKIPPED:
            continue
        elif node.name == "br":
            builder.line()
        else:
            if node.name in _BLOCKS:
                builder.paragraph()
                stack.append((node, True))
            elif node.name in _CELLS:
                builder.text(" ")
            stack.extend((child, False) for child in reversed(node.contents))
    builder.paragraph()
    text = "\n\n".join(builder.paragraphs)
    if not text and soup.title:
        text = " ".join(soup.title.get_text(" ").split())
    return text


def read_document(path: str | Path) -> str:
    """Read a .txt/.md/.html/.pdf/.docx file into the text offsets refer to, or InputError.

    Non-regular files (a FIFO would block the run forever), dangling links, oversized files,
    undecodable bytes and texts in neither English nor Chinese are reported by reason.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError as err:
        reason = "dangling symlink" if path.is_symlink() else "no such file"
        raise InputError(path, f"unreadable: {reason}") from err
    except OSError as err:
        raise InputError(path, f"unreadable: {err.strerror or err}") from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "unreadable: is a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(info.st_mode) else "socket or device"
        raise InputError(path, f"unreadable: not a regular file ({kind})")
    if info.st_size > MAX_BYTES:
        raise InputError(
            path, f"too large: {info.st_size} bytes > {MAX_BYTES} (a dump, not one document)"
        )
    try:
        data = path.read_bytes()
    except PermissionError as err:
        raise InputError(path, f"unreadable: permission denied ({err.strerror})") from err
    except OSError as err:
        raise InputError(path, f"unreadable: {err.strerror or err}") from err
    from textfacts.documents import PDF_MAGIC, ZIP_MAGIC, docx_text, pdf_text

    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    if data.startswith(PDF_MAGIC) or suffix == ".pdf":
        text = pdf_text(data, path)
    elif suffix == ".docx" and data.startswith(ZIP_MAGIC):
        text = docx_text(data, path)
    else:
        text = decode(data, path, html=is_html)
    if is_html:
        text = html_to_text(text)
    if not text.strip():
        raise InputError(path, "no text (empty after decoding)")
    if language_of(text) is None:
        raise InputError(path, "no English or Chinese text (no Latin letters or Han characters)")
    return text


def walk(
    paths: Iterable[str | Path], unread: list[Path] | None = None
) -> Iterator[tuple[Path, str]]:
    """Yield (file, doc_id) for each document under the given files and folders, sorted.

    doc_id is the path relative to the folder given, with its extension (ANNOTATION.md §1).
    Entries that are not folders are yielded even when they are not regular files (FIFOs,
    dangling links), so the run reports them instead of skipping them silently. Files inside
    a folder whose type is not read (images, spreadsheets) are appended to `unread`, so the
    run can list them.
    """
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for file in sorted(p for p in given.rglob("*") if not p.is_dir()):
                if file.suffix.lower() in SUFFIXES:
                    yield file, file.relative_to(given).as_posix()
                elif unread is not None and not file.name.startswith("."):
                    unread.append(file)
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
        # mkstemp creates 0600; give the file the mode a plain open() would (or the mode of
        # the file it replaces), so a resumed run or a failures file is as readable as output.
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """0o666 less the process umask: the mode open() gives a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


CSV_COLUMNS = [
    "doc_id",
    "kind",
    "id",
    "label",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "bound",
    "canonical",
    "extra",
]


def csv_rows(record: dict[str, Any]) -> Iterator[list[Any]]:
    """Flatten a record into CSV rows: one per mention, commitment and claim."""
    for m in record.get("mentions", []):
        extra = {k: v for k, v in m.items() if k not in CSV_COLUMNS}
        yield [
            record["doc_id"],
            "mention",
            m["id"],
            m["label"],
            m["start"],
            m["end"],
            m["text"],
            m.get("value"),
            m.get("unit"),
            m.get("bound"),
            m.get("canonical"),
            json.dumps(extra, ensure_ascii=False) if extra else "",
        ]
    for c in record.get("commitments", []):
        extra = {k: c[k] for k in ("actor", "action", "deadline", "speaker", "modality")}
        yield [
            record["doc_id"],
            "commitment",
            c["id"],
            "",
            c["start"],
            c["end"],
            c["text"],
            "",
            "",
            "",
            "",
            json.dumps(extra, ensure_ascii=False),
        ]
    for k in record.get("claims", []):
        extra = {key: v for key, v in k.items() if key != "id"}
        yield [
            record["doc_id"],
            "claim",
            k["id"],
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            json.dumps(extra, ensure_ascii=False),
        ]


def csv_line(row: list[Any]) -> str:
    """One CSV line (with newline) for a row."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


_MANIFEST_KEYS = {
    "doc_id": ("doc_id", "file", "filename", "path"),
    "published": ("published", "publication_date", "date"),
    "outlet": ("outlet", "source"),
    "title": ("title",),
}


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a CSV/TSV of document metadata (doc_id or file; published, outlet, title).

    Scrapes usually know a page's date even when the text does not print it; relative
    dates ("this year", "July") can only be resolved with it. Every error names the file,
    the row and the field: a date that is not YYYY-MM-DD, a doc_id given twice, a file
    that is not text.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{path}: manifest is not UTF-8 text (byte {err.start}); save it as a UTF-8 CSV or TSV"
        ) from None
    if "\x00" in text:
        raise ValueError(f"{path}: manifest is a binary file, not a CSV or TSV")
    lines = text.splitlines()
    if not lines:
        raise ValueError(f"{path}: manifest is empty; it needs a header row (doc_id,published,...)")
    dialect = "excel-tab" if "\t" in lines[0] else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c for c in (reader.fieldnames or []) if c]
    if not any(c in _MANIFEST_KEYS["doc_id"] for c in columns):
        raise ValueError(
            f"{path}: manifest has no doc_id column (one of "
            f"{', '.join(_MANIFEST_KEYS['doc_id'])}); header: {columns}"
        )
    manifest: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    for number, row in enumerate(reader, 2):
        found = {
            key: next((row[n] for n in names if row.get(n)), None)
            for key, names in _MANIFEST_KEYS.items()
        }
        if not found["doc_id"]:
            raise ValueError(f"{path}:{number}: no doc_id/file column value")
        doc_id = found.pop("doc_id").strip()
        if doc_id in first_row:
            raise ValueError(
                f"{path}:{number}: doc_id {doc_id!r} is already given on row {first_row[doc_id]}"
            )
        first_row[doc_id] = number
        meta = {k: v.strip() for k, v in found.items() if v and v.strip()}
        try:
            meta = given_meta(meta)
        except ValueError as err:
            raise ValueError(f"{path}:{number}: {doc_id}: {err}") from None
        manifest[doc_id] = meta
    return manifest


def manifest_unmatched(manifest: dict[str, dict[str, str]], doc_ids: Iterable[str]) -> list[str]:
    """Manifest doc_ids that name none of the documents read (a typo, or a missing file)."""
    matched: set[str] = set()
    for doc_id in doc_ids:
        key = _manifest_key(manifest, doc_id)
        if key is not None:
            matched.add(key)
    return [doc_id for doc_id in manifest if doc_id not in matched]


def manifest_meta(manifest: dict[str, dict[str, str]], doc_id: str) -> dict[str, str] | None:
    """Metadata for a doc_id, matching with or without folder and extension."""
    key = _manifest_key(manifest, doc_id)
    return manifest[key] if key is not None else None


def _manifest_key(manifest: dict[str, dict[str, str]], doc_id: str) -> str | None:
    stem = Path(doc_id).with_suffix("").as_posix()
    for key in (doc_id, stem, Path(doc_id).name, Path(stem).name):
        if key in manifest:
            return key
    return None
