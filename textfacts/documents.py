"""Text of PDF and Word (.docx) files: the text every offset of their records points into.

GAC statistics tables and notices are often published as PDF, and drafts circulate as .docx.
Reading their bytes as text would extract figures from PDF syntax ("5 0 obj"), so they are
read with maintained libraries (pypdf, python-docx: the `documents` extra) and the record's
`text` is the extracted text. A PDF with no text layer (a scan) is reported, not guessed at.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from textfacts.errors import InputError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
EXTRA = "pip install 'textfacts[documents]'"


def pdf_text(data: bytes, path: str | Path) -> str:
    """The text layer of a PDF, pages separated by a blank line; InputError when it has none."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as err:
        raise InputError(path, f"PDF needs the pypdf library: {EXTRA}") from err
    # pypdf logs every repaired cross-reference table; a damaged but readable file is fine.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF (needs a password)")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(path, f"unreadable PDF: {type(err).__name__}: {err}") from err
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise InputError(
            path,
            f"no text layer: a PDF of {len(pages)} page(s) holding only "
            "images (a scan); run OCR on it first",
        )
    return text


def docx_text(data: bytes, path: str | Path) -> str:
    """The paragraphs and table cells of a Word document, one paragraph per line block."""
    try:
        import docx
    except ImportError as err:
        raise InputError(path, f".docx needs the python-docx library: {EXTRA}") from err
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001  (python-docx raises zipfile, lxml and KeyError)
        raise InputError(path, f"unreadable .docx: {type(err).__name__}: {err}") from err
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(block for block in blocks if block)
