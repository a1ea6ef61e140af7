import codecs
import json
import os
import random
import shutil
from pathlib import Path

import pytest
from helpers import assert_grounded

import textfacts.chunking as chunking
from textfacts.cli import main
from textfacts.io import read_document
from textfacts.schema import Document

TEXTS = Path(__file__).resolve().parent.parent / "corpus" / "texts"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    for path in sorted(TEXTS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    shutil.copy(sorted(TEXTS.glob("*.txt"))[2], folder / "nested" / "third.txt")
    (folder / "nested" / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_cli_extracts_good_files_and_names_bad_ones(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(_folder(tmp_path)), "-o", str(out), "-q"])
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = {r["doc_id"] for r in records}
    assert ids == {p.name for p in sorted(TEXTS.glob("*.txt"))[:2]} | {"nested/third.txt"}
    for record in records:
        Document.model_validate(record)
    printed = capsys.readouterr().out
    assert "broken.txt" in printed and "empty.txt" in printed
    failures = [json.loads(x) for x in (tmp_path / "out.failures.jsonl").read_text().splitlines()]
    assert {f["doc_id"] for f in failures} == {"nested/broken.txt", "empty.txt"}
    assert not list(tmp_path.glob("*.partial"))


def test_resume_skips_documents_already_written(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    main(["extract", str(folder), "-o", str(out), "-q"])
    first = out.read_text(encoding="utf-8")
    main(["extract", str(folder), "-o", str(out), "-q", "--resume"])
    assert "3 skipped" in capsys.readouterr().out
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(first.splitlines())


def test_csv_output_has_a_row_per_item(tmp_path):
    out = tmp_path / "out.csv"
    code = main(
        [
            "extract",
            str(TEXTS / "001_b9cfb491d986cac6.txt"),
            "-o",
            str(out),
            "--format",
            "csv",
            "-q",
        ]
    )
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,kind,id,label")
    assert len(lines) > 10


def test_schema_command_prints_json_schema(capsys):
    assert main(["schema"]) == 0
    assert "Money" in json.loads(capsys.readouterr().out)["$defs"]


# --- hostile inputs, interruption, determinism, very large texts --------------------------

# Genre paragraphs written for these tests (not from any gold file); each 330-460 chars.
PARAGRAPHS = [
    "BEIJING, Jan. 13 (Xinhua) -- China's foreign trade in goods rose 5 percent year on year "
    "to 43.85 trillion yuan (about 6.1 trillion U.S. dollars) in 2024, the General "
    "Administration of Customs (GAC) said Monday. Exports expanded 7.1 percent while imports "
    "grew 2.3 percent, according to the GAC.",
    "Trade with Belt and Road Initiative countries reached 22.07 trillion yuan, accounting for "
    "50.3 percent of the total, GAC spokesperson Lyu Daliang told a press conference held by "
    "the State Council Information Office. The Association of Southeast Asian Nations remained "
    "China's largest trading partner.",
    '"We will continue to expand high-level opening up and strive to keep foreign trade stable '
    'in 2025," Lyu said, adding that the customs will further simplify clearance procedures and '
    "support cross-border e-commerce. Private enterprises' imports and exports rose 8.8 percent.",
    "In December alone, exports climbed 10.7 percent from a year earlier to 2.36 trillion yuan. "
    "Shipments of electric vehicles, lithium batteries and solar cells exceeded 1 trillion yuan "
    "for the first time, while imports of crude oil fell 1.9 percent to 553 million tonnes.",
    "The Ministry of Commerce said on Tuesday that China will hold the seventh China "
    "International Import Expo in Shanghai in November, and that about 3,500 exhibitors from "
    "more than 150 countries and regions are expected to attend the six-day event.",
]
CP1252_TEXT = (
    "Trade between China and the EU reached \u20ac739 billion \u2013 down 2.3% \u2013 "
    "the Ministry of Commerce said on Thursday. \u201cWe will keep markets open,\u201d "
    "a spokesperson said."
)
GB_TEXT = (
    "China's General Administration of Customs (\u6d77\u5173\u603b\u7f72) said on Friday "
    "that imports of soybeans reached 105 million tonnes in 2024, up 6.5 percent."
)
CHINESE = "2024年前三季度，我国货物贸易进出口总值32.33万亿元。"
BAD = {
    "empty.txt": "empty file",
    "image.txt": "binary file",
    "noise.txt": "undecodable",
    "damaged.txt": "undecodable: damaged UTF-8",
    "ru.txt": "no English or Chinese text",
    "gone.txt": "unreadable: dangling symlink",
    "pipe.txt": "unreadable: not a regular file (FIFO)",
}


def _hostile(tmp_path: Path) -> tuple[Path, set[str]]:
    """A folder with good files in every encoding and each kind of bad file."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    folder = tmp_path / "hostile"
    (folder / "sub").mkdir(parents=True)
    (folder / "utf8.txt").write_text(seeds[0], encoding="utf-8")
    (folder / "bom.txt").write_bytes(seeds[4].encode("utf-8-sig"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_BE + seeds[1].encode("utf-16-be"))
    (folder / "sub" / "win.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "sub" / "gb.txt").write_bytes(GB_TEXT.encode("gb18030"))
    (folder / "page.html").write_text(
        "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "</body></html>",
        encoding="utf-8",
    )
    (folder / "large.txt").write_text("\n\n".join(PARAGRAPHS * 3), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    rng = random.Random(7)
    (folder / "noise.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(600)))
    data = CP1252_TEXT.encode("utf-8")
    (folder / "damaged.txt").write_bytes(data[:30] + b"\xff" + data)
    (folder / "zh.txt").write_bytes(CHINESE.encode("gb18030"))
    (folder / "ru.txt").write_text("Таможня сообщила об итогах года.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    os.mkfifo(folder / "pipe.txt")
    good = {
        "utf8.txt",
        "bom.txt",
        "utf16.txt",
        "sub/win.txt",
        "sub/gb.txt",
        "page.html",
        "large.txt",
        "zh.txt",
    }
    return folder, good


def test_hostile_folder_extracts_the_good_and_names_the_bad(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(chunking, "MAX_CHARS", 1000)  # large.txt goes through in chunks
    folder, good = _hostile(tmp_path)
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(folder), "-o", str(out), "-q"])
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in records} == good
    for record in records:
        document = Document.model_validate(record)
        assert_grounded(document)
        assert document.text == read_document(folder / record["doc_id"])
    large = next(r for r in records if r["doc_id"] == "large.txt")
    assert large["mentions"][-1]["start"] > 2000  # offsets run over the whole text
    failures = {
        f["doc_id"]: f["error"]
        for f in map(
            json.loads, (tmp_path / "out.failures.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    assert set(failures) == set(BAD)
    for name, reason in BAD.items():
        assert failures[name].startswith(reason), (name, failures[name])
    printed = capsys.readouterr().out
    assert f"{len(good)} extracted, {len(BAD)} failed" in printed
    assert all(f"{folder / name}: {failures[name]}" in printed for name in BAD)
    assert not list(tmp_path.glob("*.partial"))


def test_interrupted_run_resumes_to_the_same_output(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    main(["extract", str(folder), "-o", str(out), "-q"])
    clean = out.read_bytes()
    lines = clean.splitlines(keepends=True)
    # An interrupted run: the first record whole, the second cut inside a UTF-8 sequence.
    cut = lines[1].index("\u201c".encode()) + 1 if "\u201c".encode() in lines[1] else 200
    (tmp_path / "out.jsonl.partial").write_bytes(lines[0] + lines[1][:cut])
    out.unlink()
    capsys.readouterr()
    code = main(["extract", str(folder), "-o", str(out), "-q", "--resume"])
    assert code == 1  # broken.txt and empty.txt still fail
    assert "1 skipped" in capsys.readouterr().out
    assert out.read_bytes() == clean
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_same_input_gives_byte_identical_output(tmp_path):
    folder = _folder(tmp_path)
    outputs = []
    for n, workers in enumerate(["1", "1", "2"]):
        out = tmp_path / f"out{n}.jsonl"
        main(["extract", str(folder), "-o", str(out), "-q", "--workers", workers])
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0].splitlines()) == 3


def test_stale_failures_file_is_removed(tmp_path):
    out = tmp_path / "out.jsonl"
    stale = tmp_path / "out.failures.jsonl"
    stale.write_text('{"doc_id": "old.txt"}\n', encoding="utf-8")
    code = main(["extract", str(TEXTS / "004_e01d5f3fc5ae24ce.txt"), "-o", str(out), "-q"])
    assert code == 0
    assert not stale.exists()


def test_records_stream_to_stdout_without_output_file(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code = main(["extract", str(TEXTS / "004_e01d5f3fc5ae24ce.txt"), str(tmp_path), "-q"])
    captured = capsys.readouterr()
    assert code == 1
    assert [json.loads(x)["doc_id"] for x in captured.out.splitlines()] == [
        "004_e01d5f3fc5ae24ce.txt"
    ]
    assert "empty.txt: empty file" in captured.err


def _keys(document: Document, shift: int = 0) -> set[tuple]:
    return {(m.label, m.start + shift, m.end + shift, m.text) for m in document.mentions} | {
        ("COMMITMENT", c.start + shift, c.end + shift, c.text) for c in document.commitments
    }


def test_large_text_in_chunks_equals_per_paragraph_extraction(extractor, monkeypatch):
    text = "\n\n".join(PARAGRAPHS * 2)
    limit = max(map(len, PARAGRAPHS)) + 2
    # Precondition: no two paragraphs fit in one chunk, so every chunk is one paragraph.
    shortest = sorted(map(len, PARAGRAPHS))
    assert shortest[0] + shortest[1] + 2 > limit
    monkeypatch.setattr(chunking, "MAX_CHARS", limit)
    whole = extractor(text, doc_id="big")
    assert_grounded(whole)
    Document.model_validate(whole.to_dict())
    expected: set[tuple] = set()
    start = 0
    for paragraph in PARAGRAPHS * 2:
        start = text.index(paragraph, start)
        expected |= _keys(extractor(paragraph), start)
        start += len(paragraph)
    assert _keys(whole) == expected
    assert len(whole.mentions) >= 40
    assert [m.id for m in whole.mentions] == [f"m{i}" for i in range(1, len(whole.mentions) + 1)]
    piped = next(iter(extractor.pipe([text])))
    assert piped.to_dict() == extractor(text, doc_id="doc0").to_dict()


def test_text_over_spacy_max_length_is_extracted(extractor, monkeypatch):
    # spaCy refuses texts over nlp.max_length; lower it rather than build a 1M-char text.
    monkeypatch.setattr(extractor.nlp, "max_length", 1500)
    monkeypatch.setattr(chunking, "MAX_CHARS", 1000)
    text = "\n\n".join(PARAGRAPHS * 2)
    document = extractor(text)
    assert_grounded(document)
    assert document.mentions[-1].start > 1500


@pytest.mark.parametrize("workers", ["1", "2"], ids=["one-process", "two-processes"])
def test_failing_document_is_isolated(tmp_path, monkeypatch, workers):
    """A document whose extraction raises is reported; the rest of its batch is kept."""
    import textfacts.pipeline as pipeline

    real = pipeline.to_document

    def fragile(doc):
        if "POISON" in doc.text:
            raise RuntimeError("component crashed")
        return real(doc)

    monkeypatch.setattr(pipeline, "to_document", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, paragraph in enumerate(PARAGRAPHS[:4]):
        (folder / f"{i}.txt").write_text(
            paragraph + (" POISON" if i == 1 else ""), encoding="utf-8"
        )
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(folder), "-o", str(out), "-q", "--workers", workers])
    assert code == 1
    ids = [json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["0.txt", "2.txt", "3.txt"]
    failure = json.loads((tmp_path / "out.failures.jsonl").read_text(encoding="utf-8"))
    assert failure["doc_id"] == "1.txt"
    assert failure["error"] == "extraction failed: RuntimeError: component crashed"


def test_manifest_supplies_the_publication_date_a_text_does_not_print(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Customs said exports rose 5% in July this year.\n", encoding="utf-8"
    )
    manifest = tmp_path / "sources.tsv"
    manifest.write_text(
        "doc_id\tpublication_date\toutlet\nnote\t2024-08-09\tXinhua\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q", "--manifest", str(manifest)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["meta"]["published"] == "2024-08-09"
    assert record["meta"]["outlet"] == "Xinhua"
    dates = {m["text"]: m["value"] for m in record["mentions"] if m["label"] == "DATE"}
    assert list(dates.values()) == ["2024-07"]


def test_chunk_boundaries_do_not_change_the_record(extractor, monkeypatch):
    """A long release extracted in chunks gives the record of one pass over the whole text.

    Later chunks have no header lines: they get the first chunk's publication date, so
    "by March" resolves the same on either side of a boundary.
    """
    paragraph = (
        "In the first 10 months of 2026, the General Administration of Customs said imports "
        "rose 4.2 percent to 1.6 trillion yuan, while the Ministry of Commerce will expand "
        "exports to 320 billion U.S. dollars by December 31 and certify 15,000 firms by March."
    )
    text = "Published: 2026-11-20\n\n" + "\n\n".join([paragraph] * 12)
    whole = extractor(text, doc_id="long").to_dict()
    monkeypatch.setattr(chunking, "MAX_CHARS", 3 * len(paragraph))
    assert len(extractor.chunks(text)) >= 4
    chunked = extractor(text, doc_id="long").to_dict()
    assert chunked == whole
    march = [m for m in whole["mentions"] if m["text"] == "March"]
    assert len(march) == 12 and len({m["value"] for m in march}) == 1
    assert march[0]["value"] is not None


def test_workers_share_a_long_text_by_chunks_with_the_serial_output(
    tmp_path, extractor, monkeypatch
):
    """With two workers a long text goes out as one task per chunk; the output is the same."""
    import textfacts.batch as batch

    monkeypatch.setattr(chunking, "MAX_CHARS", 1200)
    monkeypatch.setattr(batch, "GROUP_CHARS", 1000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(PARAGRAPHS * 4), encoding="utf-8")
    (folder / "c.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    assert len(extractor.chunks((folder / "b.txt").read_text(encoding="utf-8"))) >= 4
    tasks: list = []
    real = batch.ordered_map

    def spy(extractor, fn, stream, workers, **kw):
        def seen():
            for task in stream:
                tasks.append(task)
                yield task

        return real(extractor, fn, seen(), workers, **kw)

    monkeypatch.setattr(batch, "ordered_map", spy)
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        batch.extract_paths([folder], out, extractor, workers=workers, progress=False)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert sum(isinstance(t, batch._Chunk) for t in tasks) >= 4


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path, extractor, monkeypatch, capsys):
    import textfacts.batch as batch

    # a tick far shorter than extracting even one paragraph, so lines come however fast it is
    monkeypatch.setattr(batch, "PROGRESS_SECONDS", 0.001)
    folder = tmp_path / "in"
    folder.mkdir()
    for n, paragraph in enumerate(PARAGRAPHS):
        (folder / f"{n}.txt").write_text(paragraph, encoding="utf-8")
    summary = batch.extract_paths([folder], tmp_path / "out.jsonl", extractor, progress=True)
    assert summary.documents == len(PARAGRAPHS)
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("progress:")]
    assert lines
    assert all("documents" in x and "chars/s" in x and "ETA" in x for x in lines)
    assert any(f"/{len(PARAGRAPHS)} documents" in x for x in lines)
