import json
import shutil
from pathlib import Path

from textfacts.cli import main
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
    code = main(["extract", str(TEXTS / "001_b9cfb491d986cac6.txt"), "-o", str(out),
                 "--format", "csv", "-q"])
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,kind,id,label")
    assert len(lines) > 10


def test_schema_command_prints_json_schema(capsys):
    assert main(["schema"]) == 0
    assert "Money" in json.loads(capsys.readouterr().out)["$defs"]
