"""PDF and Word files are read through their text layer, made on the fly from invented text."""

import io
import json

import pytest
from helpers import assert_grounded, find

from textfacts.cli import main
from textfacts.errors import InputError
from textfacts.io import read_document, walk

pypdf = pytest.importorskip("pypdf", reason="the documents extra (pypdf) is not installed")

LINES = [
    "BEIJING, May 6, 2025 -- Customs said exports of green tea rose 5 percent",
    "year on year in April, to 3.1 billion yuan.",
]


def make_pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF written by hand: Helvetica text lines, or no text at all (a 'scan')."""
    if lines:
        shown = " ".join(f"({line}) Tj T*" for line in lines)
        content = f"BT /F1 11 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
    else:
        content = b"q 100 0 0 100 72 600 cm 0.5 g 0 0 1 1 re f Q"  # a grey box, no text
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_pdf_text_layer_is_the_document_text(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf(LINES))
    text = read_document(path)
    assert "exports of green tea rose 5 percent" in text
    assert "obj" not in text and "Tj" not in text


def test_pdf_figures_come_from_the_text_not_the_syntax(tmp_path, extractor):
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf(LINES))
    document = extractor(read_document(path), doc_id=path.name)
    assert find(document, "PERCENT", "5 percent").value == 5.0
    assert find(document, "MONEY", "3.1 billion yuan").value == 3.1e9
    assert not [m for m in document.mentions if "obj" in m.text or "Tf" in m.text]
    assert_grounded(document)


def test_image_only_pdf_is_reported_by_name(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(None))
    with pytest.raises(InputError, match="no text layer") as err:
        read_document(path)
    assert "scan.pdf" in str(err.value)


def test_pdf_named_txt_is_still_read_as_pdf(tmp_path):
    path = tmp_path / "statistics.txt"
    path.write_bytes(make_pdf(LINES))
    assert read_document(path).startswith("BEIJING, May 6, 2025")


def test_damaged_pdf_is_reported(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(InputError, match="cut.pdf"):
        read_document(path)


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    docx = pytest.importorskip("docx", reason="the documents extra (python-docx) is not installed")
    word = docx.Document()
    for line in LINES:
        word.add_paragraph(line)
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Soybean imports"
    table.rows[0].cells[1].text = "8.2 million tons"
    path = tmp_path / "draft.docx"
    word.save(path)
    text = read_document(path)
    assert LINES[0] in text and "Soybean imports | 8.2 million tons" in text


def test_cli_reads_pdf_in_a_folder_and_names_the_scan(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notice.pdf").write_bytes(make_pdf(LINES))
    (folder / "scan.pdf").write_bytes(make_pdf(None))
    assert [doc_id for _, doc_id in walk([folder])] == ["notice.pdf", "scan.pdf"]
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q"]) == 1
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["doc_id"] == "notice.pdf"
    assert {m["text"] for m in record["mentions"]} >= {"5 percent", "3.1 billion yuan"}
    assert "scan.pdf: no text layer" in capsys.readouterr().out
